/* Unit tests of what trackfit does when part of its input is unknown
 * (issue 15): the fit of the known components with the weights rescaled
 * (score.c), and the sentences that say what could not be computed
 * (explain.c). Expected values by hand from docs/METHOD.md section 3. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "stages/trackfit/disclose.h"
#include "stages/trackfit/explain.h"
#include "stages/trackfit/score.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static struct trackfit_settings settings(double wd, double ws, double wp)
{
	struct trackfit_settings s;
	memset(&s, 0, sizeof s);
	s.horizon_years = 5;
	s.shortage_horizon = 5;
	s.w_demand = wd;
	s.w_supply = ws;
	s.w_placement = wp;
	return s;
}

/* capacity 10, openings 30 over 5 years (D 0.6), 8 eligible (S 0.8),
 * 2 expected placements (P 0.2) */
static struct trackfit_row row(void)
{
	struct trackfit_row r;
	memset(&r, 0, sizeof r);
	r.capacity = 10;
	r.openings = r.openings_unweighted = 30;
	r.eligible = 8;
	r.expected = 2;
	return r;
}

static void test_fit_rescaled(void **state)
{
	(void)state;
	struct trackfit_settings s = settings(1, 1, 1);
	struct trackfit_row r = row();
	trackfit_fit(&r, &s);
	assert_close(r.fit, 53.3, 1e-9); /* 100 (0.6 + 0.8 + 0.2) / 3 */
	/* people unknown: demand alone */
	r = row();
	r.people_unknown = PEOPLE_COUNTS;
	trackfit_fit(&r, &s);
	assert_true(isnan(r.supply) && isnan(r.placement));
	assert_close(r.demand, 0.6, 1e-12);
	assert_close(r.fit, 60.0, 1e-9);
	/* openings unknown: supply and placement, (0.8 + 0.2) / 2 */
	r = row();
	r.demand_unknown = OPENINGS_NO_AGE_SPLIT;
	trackfit_fit(&r, &s);
	assert_true(isnan(r.demand));
	assert_close(r.fit, 50.0, 1e-9);
	/* weights 2, 1, 1 with openings unknown: still (1 x 0.8 + 1 x 0.2) / 2 */
	s = settings(2, 1, 1);
	trackfit_fit(&r, &s);
	assert_close(r.fit, 50.0, 1e-9);
	/* weights 1, 3, 1 with people unknown: demand alone, 60 */
	s = settings(1, 3, 1);
	r = row();
	r.people_unknown = PEOPLE_NONE;
	trackfit_fit(&r, &s);
	assert_close(r.fit, 60.0, 1e-9);
	/* both unknown: no fit */
	r.demand_unknown = OPENINGS_EMPTY;
	trackfit_fit(&r, &s);
	assert_true(isnan(r.fit));
	/* people unknown and demand weighted 0: nothing known with a weight */
	s = settings(0, 1, 1);
	r = row();
	r.people_unknown = PEOPLE_COUNTS;
	trackfit_fit(&r, &s);
	assert_true(isnan(r.fit));
	/* every weight 0 with everything known: 0 as before */
	s = settings(0, 0, 0);
	r = row();
	trackfit_fit(&r, &s);
	assert_close(r.fit, 0, 0);
}

/* the sentences say what cannot be computed and why, never "nobody" */
static void test_explain_unknown(void **state)
{
	(void)state;
	struct trackfit_row r = row();
	r.people_unknown = PEOPLE_COUNTS;
	r.eligible = r.expected = 0;
	r.occupations = 2;
	r.occupations_verdict[VERDICT_BRIST] = 1;
	r.occupations_verdict[VERDICT_BALANS] = 1;
	r.employers_open = -1;
	r.employers_open_weighted = NAN;
	char *en = explain_track(&r, disclose_row(&r, 5, 3), 5, 5, EXPLAIN_EN);
	assert_string_equal(en, "Jobseekers were given only as counts per occupation (jobseekers_aggregated.csv), "
				"not as persons, so eligible and interested candidates and expected placements "
				"cannot be computed. Demand: 6.0 expected openings a year in the track's 2 "
				"occupations, 1 of them assessed brist or bevaka. So the fit rests on demand alone.");
	free(en);
	r = row();
	r.demand_unknown = OPENINGS_NO_AGE_SPLIT;
	r.openings = r.openings_unweighted = NAN;
	r.eligible = 8;
	r.interested = 8;
	r.selected = 8;
	r.filled_interested = 8;
	r.occupations = 1;
	r.occupations_verdict[VERDICT_BRIST] = 1;
	r.employers_open = 0;
	char *sv = explain_track(&r, disclose_row(&r, 5, 3), 5, 5, EXPLAIN_SV);
	assert_string_equal(sv, "Bara 8 behöriga till 10 platser: alla tas med (8 av dem har angett spårets "
				"yrken), och 2,0 väntas ha arbete inom ett år. Efterfrågan: okänd, eftersom "
				"jobbtillfällena i spårets yrke inte kunde beräknas: sysselsättningen saknar "
				"åldersfördelning, så pensionsavgångarna är okända; ingen arbetsgivare i enkäten är "
				"öppen för deltagare. Passningen bygger därför bara på behöriga och förväntade "
				"placeringar.");
	free(sv);
	r.people_unknown = PEOPLE_NONE;
	en = explain_track(&r, 0, 5, 5, EXPLAIN_EN);
	assert_string_equal(en, "The jobseeker register (jobseekers.csv) has no person in the municipality, so "
				"eligible and interested candidates and expected placements cannot be computed. "
				"Demand: unknown, since the openings in the track's one occupation could not be "
				"computed: employment has no age split, so retirements are unknown; no surveyed "
				"employer is open to participants. So the fit cannot be computed.");
	free(en);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fit_rescaled),
		cmocka_unit_test(test_explain_unknown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
