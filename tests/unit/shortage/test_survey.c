/* Unit tests of stages/shortage/survey.c on small hand-computed cases.
 * Expected values: tests/unit/shortage/expected_shortage.py (exact
 * fractions, Python standard library), also checked by hand in its
 * comments. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "stages/shortage/survey.h"

#include <math.h>
#include <string.h>

/* group 0: N=10, 3 units of weight 10/3; group 1: N=4, 2 units of weight 2 */
static const size_t grp[5] = { 0, 0, 0, 1, 1 };
static const long r_g[2] = { 3, 2 };
static const double N_g[2] = { 10, 4 };
static const double w[5] = { 10.0 / 3, 10.0 / 3, 10.0 / 3, 2, 2 };

static void test_total(void **state)
{
	(void)state;
	const double y[5] = { 1, 3, 2, 5, 0 };
	double t, v;
	survey_total(5, grp, 2, r_g, N_g, w, y, &t, &v);
	assert_close(t, 30.0, 1e-12);
	assert_close(v, 220.0 / 3, 1e-10);   /* 0.7*1.5*200/9 + 0.5*2*50 */
}

static void test_total_no_fpc_when_census(void **state)
{
	(void)state;
	/* every unit of the group responded: no sampling variance */
	const size_t g1[2] = { 0, 0 };
	const long r1[1] = { 2 };
	const double N1[1] = { 2 }, w1[2] = { 1, 1 }, y1[2] = { 3, 9 };
	double t, v;
	survey_total(2, g1, 1, r1, N1, w1, y1, &t, &v);
	assert_close(t, 12, 1e-12);
	assert_close(v, 0, 1e-12);
}

static void test_ratio(void **state)
{
	(void)state;
	const double a[5] = { 1, 0, 1, 1, 0 }, b[5] = { 1, 1, 1, 1, 0 };
	double R, v;
	survey_ratio(5, grp, 2, r_g, N_g, w, a, b, &R, &v);
	assert_close(R, 13.0 / 18, 1e-12);
	assert_close(v, 0.05508401920438957, 1e-12);
	assert_close(survey_effective_n(R, v, 4), 3.642023346303502, 1e-9);
}

static void test_ratio_empty_domain(void **state)
{
	(void)state;
	const double a[5] = { 0 }, b[5] = { 0 };
	double R, v;
	survey_ratio(5, grp, 2, r_g, N_g, w, a, b, &R, &v);
	assert_true(isnan(R) && isnan(v));
}

static void test_strat_var_sums(void **state)
{
	(void)state;
	/* the group form equals the array form: z = w y above is 10/3, 10, 20/3
	 * in group 0 (mean 20/3, M2 = 100/9 + 100/9 + 0 = 200/9) and 10, 0 in
	 * group 1 (M2 = 50); by hand 0.7 * 1.5 * 200/9 + 0.5 * 2 * 50 = 220/3 */
	const double m2[2] = { 200.0 / 9, 50 };
	assert_close(survey_strat_var_m2(2, r_g, N_g, m2), 220.0 / 3, 1e-10);
	/* a group of one contributes nothing */
	const long r1[1] = { 1 };
	const double N1[1] = { 5 }, m1[1] = { 16 };
	assert_close(survey_strat_var_m2(1, r1, N1, m1), 0, 0);
}

/* The all-same-answer case: group 0 N=20 with 3 units in the domain,
 * group 1 N=40 with r_g = 5 of which 3 are in the domain (the other 2
 * have z = 0 and are not passed); weights not exactly representable; the
 * 4th unit did not answer the item. The naive residuals w (a - R b) / sum
 * w b gave a variance of 3.4e-29 here, since R = sum w a / sum w b is
 * 100.00000000000001. */
static const size_t grp6[6] = { 0, 0, 0, 1, 1, 1 };
static const long r6[2] = { 3, 5 };
static const double N6[2] = { 20, 40 };
static const double w6[6] = { 10.0 / 3, 7.0 / 3, 13.1, 13.1, 7.0 / 3, 10.0 / 3 };
static const double b6[6] = { 1, 1, 1, 0, 1, 1 };

static void test_ratio_all_same(void **state)
{
	(void)state;
	static const double cs[3] = { 100, -100, 1 };
	for (int j = 0; j < 3; j++) {
		double a[6], R, v;
		for (int i = 0; i < 6; i++)
			a[i] = cs[j] * b6[i];
		survey_ratio(6, grp6, 2, r6, N6, w6, a, b6, &R, &v);
		assert_close(R, cs[j], 1e-12 * fabs(cs[j]));
		assert_true(v == 0);   /* exactly, not rounding noise */
	}
	/* a share with every answer 1: p = 1 exactly, variance 0, the
	 * effective n falls back to the domain count, Wilson reaches 1 */
	double p, v, lo, hi;
	survey_ratio(6, grp6, 2, r6, N6, w6, b6, b6, &p, &v);
	assert_true(p == 1 && v == 0);
	assert_close(survey_effective_n(p, v, 5), 5, 0);
	survey_wilson(p, 5, 1.959963984540054, &lo, &hi);
	assert_close(hi, 1, 0);
	/* a total whose z = w y is constant within each group */
	const size_t g5[5] = { 0, 0, 0, 1, 1 };
	const long r5[2] = { 3, 2 };
	const double N5[2] = { 10, 40 };
	const double w5[5] = { 10.0 / 3, 10.0 / 3, 10.0 / 3, 13.1, 13.1 };
	const double y5[5] = { 7, 7, 7, 2, 2 };
	double t;
	survey_total(5, g5, 2, r5, N5, w5, y5, &t, &v);
	assert_close(t, 70 + 52.4, 1e-12);
	assert_true(v == 0);
}

static void test_ratio_nearly_constant(void **state)
{
	(void)state;
	/* one employer answers "god" (-100) among "brist" (100): the variance
	 * is real and must not be lost */
	const double a[6] = { 100, 100, 100, 0, -100, 100 };
	double R, v;
	survey_ratio(6, grp6, 2, r6, N6, w6, a, b6, &R, &v);
	assert_close(R, 80.90040927694406, 1e-12);         /* 59300/733 */
	assert_close(v, 341.9124541962616, 1e-12 * 341.9);
}

static void test_moments(void **state)
{
	(void)state;
	/* stable where sum z^2 - (sum z)^2 / r loses every digit */
	struct survey_moments m = { 0 };
	for (int i = 1; i <= 4; i++)
		survey_moments_add(&m, 1e9 + i);
	assert_close(survey_moments_m2(&m, 4), 5, 1e-6);
	/* equal values: exactly 0 */
	struct survey_moments c = { 0 };
	for (int i = 0; i < 5; i++)
		survey_moments_add(&c, 10.0 / 3);
	assert_true(survey_moments_m2(&c, 5) == 0);
	/* units not added count as z = 0: {2, 4} in a group of 5 is
	 * {2, 4, 0, 0, 0}, whatever the order */
	struct survey_moments z = { 0 }, e = { 0 };
	survey_moments_add(&z, 2);
	survey_moments_add(&z, 4);
	const double all[5] = { 0, 2, 0, 4, 0 };
	for (int i = 0; i < 5; i++)
		survey_moments_add(&e, all[i]);
	assert_close(survey_moments_m2(&z, 5), 12.8, 1e-12);
	assert_close(survey_moments_m2(&e, 5), 12.8, 1e-12);
	/* none added */
	struct survey_moments none = { 0 };
	assert_true(survey_moments_m2(&none, 3) == 0);
}

static void test_strat_var_m2(void **state)
{
	(void)state;
	/* test_total's z = w y: group 0 {10/3, 10, 20/3}, group 1 {10, 0} */
	const double m2[2] = { 200.0 / 9, 50 };
	assert_close(survey_strat_var_m2(2, r_g, N_g, m2), 220.0 / 3, 1e-10);
	const long r1[1] = { 1 };
	const double N1[1] = { 5 }, m1[1] = { 4 };
	assert_close(survey_strat_var_m2(1, r1, N1, m1), 0, 0);
	/* the two-pass accumulator, as shortage.c's estimate() uses it,
	 * equals the array form */
	const double a[5] = { 1, 0, 1, 1, 0 }, b[5] = { 1, 1, 1, 1, 0 };
	struct survey_ratio_acc acc = { 0 };
	for (int i = 0; i < 5; i++)
		survey_ratio_add(&acc, w[i], a[i], b[i]);
	struct survey_moments mg[2] = { { 0 }, { 0 } };
	for (int i = 0; i < 5; i++)
		survey_moments_add(&mg[grp[i]], survey_ratio_z(&acc, w[i], a[i], b[i]));
	double mm[2] = { survey_moments_m2(&mg[0], r_g[0]), survey_moments_m2(&mg[1], r_g[1]) };
	assert_close(survey_ratio_value(&acc), 13.0 / 18, 1e-12);
	assert_close(survey_strat_var_m2(2, r_g, N_g, mm), 0.05508401920438957, 1e-12);
	struct survey_ratio_acc empty = { 0 };
	assert_true(isnan(survey_ratio_value(&empty)));
	assert_true(isnan(survey_ratio_z(&empty, 1, 1, 1)));
}

static void test_wilson(void **state)
{
	(void)state;
	double lo, hi;
	survey_wilson(0.3, 20, 1.959963984540054, &lo, &hi);
	assert_close(lo, 0.1454772448676043, 1e-12);
	assert_close(hi, 0.5189728183535234, 1e-12);
	survey_wilson(0.0, 10, 1.959963984540054, &lo, &hi);
	assert_close(lo, 0, 1e-12);
	assert_close(hi, 0.27753279986288915, 1e-12);
	survey_wilson(13.0 / 18, 3.642023346303502, 1.959963984540054, &lo, &hi);
	assert_close(lo, 0.2675705565249239, 1e-9);
	assert_close(hi, 0.9487294234416176, 1e-9);
	survey_wilson(NAN, 10, 1.96, &lo, &hi);
	assert_true(isnan(lo) && isnan(hi));
	/* degenerate share: effective n falls back to the domain count */
	assert_close(survey_effective_n(1.0, 0.0, 7), 7, 0);
}

static void test_design_collapse(void **state)
{
	(void)state;
	struct survey_design *d = survey_design_new();
	size_t c19 = survey_design_add_stratum(d, "0581:C:1-9", "0581", 'C', "1-9", 40, 4);
	size_t c50 = survey_design_add_stratum(d, "0581:C:50-249", "0581", 'C', "50-249", 5, 3);
	size_t c250 = survey_design_add_stratum(d, "0581:C:250+", "0581", 'C', "250+", 2, 2);
	size_t i19 = survey_design_add_stratum(d, "0581:I:1-9", "0581", 'I', "1-9", 12, 2);
	size_t q = survey_design_add_stratum(d, "0882:Q:10-49", "0882", 'Q', "10-49", 9, 3);
	size_t q250 = survey_design_add_stratum(d, "0882:Q:250+", "0882", 'Q', "250+", 1, 1);
	for (int i = 0; i < 3; i++)
		survey_design_add_unit(d, "a", c19);
	survey_design_add_unit(d, "b", c50);
	survey_design_add_unit(d, "c", c250);
	survey_design_add_unit(d, "e", i19);
	survey_design_add_unit(d, "f", q);
	survey_design_add_unit(d, "g", q);
	survey_design_add_unit(d, "h", q);
	assert_int_equal(survey_design_finish(d, 2), 0);
	/* step 1: 50-249 (1 respondent) merges with 250+; step 2: I:1-9
	 * alone joins C:1-9, the group with most respondents; 0882:Q:250+
	 * with no respondent merges with the next smaller size class */
	assert_int_equal(d->ngroups, 3);
	assert_string_equal(d->group[d->stratum[c19].group].name, "0581:C:1-9|0581:I:1-9");
	assert_string_equal(d->group[d->stratum[c50].group].name, "0581:C:50-249|0581:C:250+");
	assert_int_equal(d->stratum[q].group, d->stratum[q250].group);
	assert_close(d->unit[0].weight, 14.444444444444445, 1e-12);
	assert_close(d->unit[3].weight, 4.375, 1e-12);
	assert_close(d->unit[4].weight, 2.625, 1e-12);
	assert_close(d->unit[5].weight, 8.666666666666666, 1e-12);
	assert_close(d->unit[5].design_weight, 6, 1e-12);
	assert_close(d->unit[6].weight, 10.0 / 3, 1e-12);  /* (9+1)/3 */
	/* weights of a group add up to its frame count */
	double s = 0;
	for (int i = 0; i < 3; i++)
		s += d->unit[i].weight;
	assert_close(s + d->unit[5].weight, 52, 1e-10);
	survey_design_free(d);
}

static void test_size_class(void **state)
{
	(void)state;
	assert_int_equal(survey_size_class_index("1-9"), 0);
	assert_int_equal(survey_size_class_index("250+"), 3);
	assert_int_equal(survey_size_class_index("5-9"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_total),
		cmocka_unit_test(test_total_no_fpc_when_census),
		cmocka_unit_test(test_ratio),
		cmocka_unit_test(test_ratio_empty_domain),
		cmocka_unit_test(test_strat_var_sums),
		cmocka_unit_test(test_ratio_all_same),
		cmocka_unit_test(test_ratio_nearly_constant),
		cmocka_unit_test(test_moments),
		cmocka_unit_test(test_strat_var_m2),
		cmocka_unit_test(test_wilson),
		cmocka_unit_test(test_design_collapse),
		cmocka_unit_test(test_size_class),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
