/* Unit tests of stages/shortage/registry.c and verdict.c (the verdict
 * codes). Expected values: tests/unit/shortage/expected_shortage.py (Python
 * standard library) and the rules of docs/METHOD.md worked by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "stages/shortage/registry.h"
#include "stages/shortage/verdict.h"

#include <gsl/gsl_errno.h>
#include <math.h>

static void test_median(void **state)
{
	(void)state;
	double v[4] = { 5, 1, 3, 2 };
	assert_close(registry_median(v, 4), 2.5, 0);
	double odd[3] = { 9, 1, 4 };
	assert_close(registry_median(odd, 3), 4, 0);
	assert_true(isnan(registry_median(v, 0)));
}

static void test_trend(void **state)
{
	(void)state;
	const double x[4] = { 2020, 2021, 2022, 2023 }, y[4] = { 10, 12, 15, 15 };
	double b, se;
	assert_int_equal(registry_trend(x, y, 4, &b, &se), GSL_SUCCESS);
	assert_close(b, 1.8, 1e-9);
	assert_close(se, 0.4242640687119285, 1e-9);
	/* two points: a slope, no standard error */
	assert_int_equal(registry_trend(x, y, 2, &b, &se), GSL_SUCCESS);
	assert_close(b, 2, 1e-9);
	assert_true(isnan(se));
	assert_true(registry_trend(x, y, 1, &b, &se) != GSL_SUCCESS);
	assert_true(isnan(b));
}

static void test_growth_exits_openings(void **state)
{
	(void)state;
	assert_close(registry_growth_rate(100, 121, 2), 0.1, 1e-12);
	assert_true(isnan(registry_growth_rate(0, 5, 2)));
	const double emp[REGISTRY_NBANDS] = { 0, 0, 0, 0, 0, 0, 40, 30, 20, 10 };
	const double r5[REGISTRY_NBANDS] = { 0, 0, 0, 0, 0, 0, 0, 0.10, 0.60, 1.00 };
	assert_close(registry_exits(emp, r5), 25, 1e-12);
	assert_close(registry_openings(-40, 25), 25, 0);
	assert_close(registry_openings(10, 25), 35, 0);
	assert_close(registry_openings(NAN, 25), 25, 0);
	assert_int_equal(registry_band_index("60-64"), 8);
	assert_int_equal(registry_band_index("70-74"), -1);
}

static void test_verdict_name(void **state)
{
	(void)state;
	assert_string_equal(verdict_name(VERDICT_BRIST), "brist");
	assert_string_equal(verdict_name(VERDICT_BEVAKA), "bevaka");
	assert_string_equal(verdict_name(VERDICT_BALANS), "balans");
	assert_string_equal(verdict_name(VERDICT_OVERSKOTT), "överskott");
	assert_string_equal(verdict_name(VERDICT_X), "X");
}

int main(void)
{
	gsl_set_error_handler_off();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_median),
		cmocka_unit_test(test_trend),
		cmocka_unit_test(test_growth_exits_openings),
		cmocka_unit_test(test_verdict_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
