#include "disclose.h"
#include "disclosure.h"
#include "msg.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int disclose_count_hidden(double n, long min_persons)
{
	return disclosure_persons_hidden(n, min_persons);
}

/* A line total = a + b whose total is published (or derivable): when one
 * member is hidden, the other is hidden too, so neither follows from the
 * total. */
static unsigned pair(unsigned hidden, unsigned a, unsigned b)
{
	if ((hidden & a) && !(hidden & b))
		return hidden | b;
	if ((hidden & b) && !(hidden & a))
		return hidden | a;
	return hidden;
}

unsigned disclose_row(const struct trackfit_row *r, long min_persons, long min_respondents)
{
	unsigned h = 0;
	const struct {
		double n;
		unsigned bit;
	} counts[] = {
		{(double)r->eligible, HIDE_ELIGIBLE},
		{(double)r->eligible_women, HIDE_ELIGIBLE_WOMEN},
		{(double)r->eligible_men, HIDE_ELIGIBLE_MEN},
		{(double)r->interested, HIDE_INTERESTED},
		{(double)r->interested_women, HIDE_INTERESTED_WOMEN},
		{(double)r->interested_men, HIDE_INTERESTED_MEN},
		{(double)r->excluded_swedish, HIDE_EXCLUDED_SWEDISH},
		{(double)r->excluded_education, HIDE_EXCLUDED_EDUCATION},
		{(double)r->filled_interested, HIDE_FILLED_INTERESTED},
		{(double)r->filled_other, HIDE_FILLED_OTHER},
		{(double)r->assigned, HIDE_ASSIGNED},
		{(double)r->assigned_wanted, HIDE_ASSIGNED_WANTED},
		{(double)r->interest_assigned, HIDE_INTEREST_ASSIGNED},
		{(double)r->selected, HIDE_SELECTED},
	};
	for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++)
		if (disclose_count_hidden(counts[i].n, min_persons))
			h |= counts[i].bit;
	/* members of a published total */
	h = pair(h, HIDE_ELIGIBLE_WOMEN, HIDE_ELIGIBLE_MEN);
	h = pair(h, HIDE_INTERESTED_WOMEN, HIDE_INTERESTED_MEN);
	/* selected = min(capacity, eligible) follows from published cells */
	h = pair(h, HIDE_FILLED_INTERESTED, HIDE_FILLED_OTHER);
	/* derived from a small group */
	if (h & HIDE_ELIGIBLE)
		h |= HIDE_EXPECTED | HIDE_SUPPLY;
	if (h & (HIDE_ELIGIBLE | HIDE_INTERESTED))
		h |= HIDE_INTEREST_CREDIT | HIDE_INTEREST_RATIO;
	if (h & HIDE_ASSIGNED)
		h |= HIDE_ASSIGNED_EXPECTED;
	if (h & HIDE_INTEREST_ASSIGNED)
		h |= HIDE_INTEREST_EXPECTED;
	/* gain = assigned_expected - interest_expected */
	if (h & (HIDE_ASSIGNED_EXPECTED | HIDE_INTEREST_EXPECTED))
		h |= HIDE_GAIN;
	/* a survey estimate resting on few respondents */
	double respondents = r->employers_open >= 0 ? (double)r->employers_open : NAN;
	if (disclosure_estimate_hidden(r->employers_open_weighted, respondents, min_respondents))
		h |= HIDE_EMPLOYERS_WEIGHTED | HIDE_EMPLOYER_RATIO;
	return h;
}

char *disclose_columns(unsigned hidden)
{
	static const char *const names[HIDE_COUNT] = {
		"eligible", "eligible_women", "eligible_men", "interested", "interested_women",
		"interested_men", "interest_credit", "excluded_swedish", "excluded_education",
		"filled_interested", "filled_other", "expected_placements,expected_lo,expected_hi,p_mean,"
		"placement_ratio", "supply_ratio", "assigned", "assigned_wanted", "assigned_expected",
		"interest_assigned", "interest_expected", "gain", "employers_open_weighted",
		"interest_ratio", "selected", "employer_ratio"};
	char *out = estrdup("");
	for (int i = 0; i < HIDE_COUNT; i++) {
		if (!(hidden & (1u << i)))
			continue;
		char *next = easprintf("%s%s%s", out, *out ? "," : "", names[i]);
		free(out);
		out = next;
	}
	return out;
}
