/* disclose: disclosure control of trackfit's published tables, the rule of
 * the report (stages/report/disclosure.c, docs/METHOD.md section 5): a count
 * of persons from 1 to min_persons - 1 is hidden, and so is every value
 * derived from a group that small (expected placements of a small eligible
 * group, the supply ratio that is eligible / capacity); within a row, a
 * total published beside its members (eligible = women + men, selected =
 * filled by interested + by others) never gives a hidden member away: when
 * one member is hidden the other is too. A survey estimate resting on fewer
 * than min_respondents respondents (or an unknown number) is hidden unless
 * it is missing. The primary rules are pipeline/disclosure.h's. Hidden cells are written as
 * DISCLOSE_MARK. */
#ifndef JOBBSPAR_TRACKFIT_DISCLOSE_H
#define JOBBSPAR_TRACKFIT_DISCLOSE_H

#include "score.h"

#define DISCLOSE_MARK ".."

/* The cells of a trackfit or proposal row that may be hidden, as bits. */
enum {
	HIDE_ELIGIBLE = 1u << 0,
	HIDE_ELIGIBLE_WOMEN = 1u << 1,
	HIDE_ELIGIBLE_MEN = 1u << 2,
	HIDE_INTERESTED = 1u << 3,
	HIDE_INTERESTED_WOMEN = 1u << 4,
	HIDE_INTERESTED_MEN = 1u << 5,
	HIDE_INTEREST_CREDIT = 1u << 6,
	HIDE_EXCLUDED_SWEDISH = 1u << 7,
	HIDE_EXCLUDED_EDUCATION = 1u << 8,
	HIDE_FILLED_INTERESTED = 1u << 9,
	HIDE_FILLED_OTHER = 1u << 10,
	HIDE_EXPECTED = 1u << 11,       /* expected placements, interval, p_mean, placement ratio */
	HIDE_SUPPLY = 1u << 12,         /* supply ratio: eligible / capacity */
	HIDE_ASSIGNED = 1u << 13,
	HIDE_ASSIGNED_WANTED = 1u << 14,
	HIDE_ASSIGNED_EXPECTED = 1u << 15,
	HIDE_INTEREST_ASSIGNED = 1u << 16,
	HIDE_INTEREST_EXPECTED = 1u << 17,
	HIDE_GAIN = 1u << 18,
	HIDE_EMPLOYERS_WEIGHTED = 1u << 19,
	HIDE_INTEREST_RATIO = 1u << 20, /* proposals: interested / capacity */
	HIDE_SELECTED = 1u << 21,
	HIDE_EMPLOYER_RATIO = 1u << 22, /* proposals: from employers_open_weighted */
	HIDE_COUNT = 23
};

/* 1 when a count of persons N must be hidden: 0 < N < MIN_PERSONS
 * (disclosure_persons_hidden). */
int disclose_count_hidden(double n, long min_persons);

/* The cells of ROW to hide (HIDE_* bits). */
unsigned disclose_row(const struct trackfit_row *row, long min_persons, long min_respondents);

/* The column names of the hidden cells, joined by ",", for the tables'
 * `suppressed` column: a new string ("" when none). */
char *disclose_columns(unsigned hidden);

#endif
