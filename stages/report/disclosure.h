/* disclosure: statistical disclosure control of published cells.
 *
 * Primary suppression hides a cell that counts 1 to min_persons-1 persons,
 * or that rests on fewer than min_respondents survey respondents: the
 * shared rules of pipeline/disclosure.h, which disc_count_hidden and
 * disc_respondents_hidden apply with the report's configured limits. Secondary
 * suppression then makes sure a hidden cell cannot be worked out from a
 * published total: each "line" is an equation total = sum of its member
 * cells (a column with a total row, a row with a total column), and
 * disc_secondary hides more cells until every line that has hidden cells
 * has at least two unknowns and, for count lines, the hidden members
 * together hold at least min_sum (so two hidden cells of 1 and 2 are not
 * protected by each other). docs/METHOD.md states the rule. */
#ifndef JOBBSPAR_REPORT_DISCLOSURE_H
#define JOBBSPAR_REPORT_DISCLOSURE_H

#include <stddef.h>

enum disc_state { DISC_PUBLISHED = 0, DISC_PRIMARY = 1, DISC_SECONDARY = 2 };

struct disc_rule {
	long min_persons;      /* disclosure.min_persons, default 5 */
	long min_respondents;  /* disclosure.min_respondents, default 3 */
};

/* 1 if a cell counting PERSONS persons must be hidden: 0 < persons <
 * min_persons. Zero is published (it describes nobody); NaN is missing and
 * never hidden. */
int disc_count_hidden(const struct disc_rule *rule, double persons);
/* 1 if a cell resting on RESPONDENTS respondents must be hidden:
 * respondents < min_respondents (also when unknown, NaN). The caller does
 * not ask for a missing value: it has nothing to hide. */
int disc_respondents_hidden(const struct disc_rule *rule, double respondents);
/* 1 if a cell derived from a group of BASE persons must be hidden (the base
 * group is small: 0 < base < min_persons). */
int disc_base_hidden(const struct disc_rule *rule, double base);

struct disc_line {
	size_t *member;   /* cell indices (owned by the grid) */
	size_t nmember;
	size_t total;     /* cell index of the published total */
	double min_sum;   /* hidden members must sum to at least this (0: no test) */
};

/* A set of cells (values and states) and the lines between them. */
struct disc_grid {
	size_t ncell;
	double *value;          /* owned; NaN = missing cell, never chosen */
	unsigned char *state;   /* owned; enum disc_state */
	struct disc_line *line; /* owned */
	size_t nline, capline;
};

/* A grid of NCELL published cells with value NaN. Caller frees with
 * disc_grid_free. */
struct disc_grid *disc_grid_new(size_t ncell);
void disc_grid_free(struct disc_grid *g);
/* Adds the line TOTAL = sum of MEMBERS[0..n) (copied). */
void disc_grid_add_line(struct disc_grid *g, const size_t *members, size_t n, size_t total,
			double min_sum);
/* Applies secondary suppression until no line discloses a hidden cell;
 * returns the number of cells newly hidden (state DISC_SECONDARY). The
 * complementary cell is the smallest published non-zero member of the line
 * (then a zero member); when no member is left, the total is hidden. */
size_t disc_secondary(struct disc_grid *g);

#endif
