/* Unit tests of stages/shortage/compare.c. Expected z and p:
 * tests/unit/shortage/expected_compare.py (statistics.NormalDist). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "stages/shortage/compare.h"

#include <math.h>

static void test_normal(void **state)
{
	(void)state;
	struct compare_result r;
	assert_int_equal(compare_diff(0.6, 0.0025, 0.45, 0.0016, COMPARE_SE_RTOL, &r), COMPARE_OK);
	assert_int_equal(r.status, COMPARE_OK);
	assert_close(r.diff, 0.15, 1e-15);
	assert_close(r.se, 0.06403124237432849, 1e-15);
	assert_close(r.z, 2.3426064283290904, 1e-12);
	assert_close(r.p, 0.019149571500766127, 1e-12);
	assert_string_equal(compare_status_flag(r.status), "");
	/* balances: scale 100 does not matter when the se is real */
	assert_int_equal(compare_diff(35, 64, -10, 36, COMPARE_SE_RTOL, &r), COMPARE_OK);
	assert_close(r.se, 10, 1e-12);
	assert_close(r.z, 4.5, 1e-12);
	assert_close(r.p, 6.795346249477419e-06, 1e-15);
}

static void test_one_side_no_variance(void **state)
{
	(void)state;
	/* every respondent of A answered alike; B has sampling variance:
	 * an ordinary test on B's variance */
	struct compare_result r;
	assert_int_equal(compare_diff(1.0, 0, 0.8, 0.01, COMPARE_SE_RTOL, &r), COMPARE_OK);
	assert_close(r.se, 0.1, 1e-15);
	assert_close(r.z, 2, 1e-12);
	assert_close(r.p, 0.04550026389635842, 1e-12);
}

static void test_degenerate(void **state)
{
	(void)state;
	struct compare_result r;
	/* both variances exactly 0 */
	assert_int_equal(compare_diff(100, 0, 100, 0, COMPARE_SE_RTOL, &r), COMPARE_NO_VARIANCE);
	assert_int_equal(r.status, COMPARE_NO_VARIANCE);
	assert_true(isnan(r.z) && isnan(r.p));
	assert_close(r.diff, 0, 0);
	assert_close(r.se, 0, 0);
	assert_string_equal(compare_status_flag(r.status), "no_variance");
	assert_int_equal(compare_diff(100, 0, 50, 0, COMPARE_SE_RTOL, &r), COMPARE_NO_VARIANCE);
	assert_close(r.diff, 50, 0);
	assert_true(isnan(r.z) && isnan(r.p));
	/* the rows: rounding-noise variances gave z = 9.49e15 and,
	 * for 100 against 100, 3.474 */
	assert_int_equal(compare_diff(100, 1e-28, 50, 1.2e-28, COMPARE_SE_RTOL, &r),
			 COMPARE_NO_VARIANCE);
	assert_true(isnan(r.z) && isnan(r.p));
	assert_close(r.se, 0, 0);
	assert_int_equal(compare_diff(100.00000000000001, 3.4e-29, 100, 3.4e-29, COMPARE_SE_RTOL, &r),
			 COMPARE_NO_VARIANCE);
	/* without the tolerance only an se of exactly 0 is degenerate */
	assert_int_equal(compare_diff(100, 1e-28, 50, 1.2e-28, 0, &r), COMPARE_OK);
	assert_true(r.z > 1e15);
	assert_int_equal(compare_diff(0.5, 1e-28, 0.5, 0, NAN, &r), COMPARE_OK);
	assert_int_equal(compare_diff(0.5, 0, 0.5, 0, NAN, &r), COMPARE_NO_VARIANCE);
}

static void test_tolerance_scale(void **state)
{
	(void)state;
	struct compare_result r;
	/* shares: the scale has a floor of 1, the bound is an se of 1e-9 */
	assert_int_equal(compare_diff(0.01, 0.25e-18, 0.0, 0, COMPARE_SE_RTOL, &r), COMPARE_NO_VARIANCE);
	assert_int_equal(compare_diff(0.5, 4e-18, 0.5, 0, COMPARE_SE_RTOL, &r), COMPARE_OK);
	assert_close(r.z, 0, 0);
	assert_close(r.p, 1, 0);
	/* balances of 100: the bound is an se of 1e-7 */
	assert_int_equal(compare_diff(100, 0.25e-14, -100, 0, COMPARE_SE_RTOL, &r), COMPARE_NO_VARIANCE);
	assert_int_equal(compare_diff(-100, 4e-14, 100, 0, COMPARE_SE_RTOL, &r), COMPARE_OK);
	assert_close(r.se, 2e-7, 1e-20);
	assert_close(r.p, 0, 1e-300);
}

static void test_undefined(void **state)
{
	(void)state;
	struct compare_result r;
	assert_int_equal(compare_diff(0.5, NAN, 0.4, 0.01, COMPARE_SE_RTOL, &r), COMPARE_UNDEFINED);
	assert_true(isnan(r.se) && isnan(r.z) && isnan(r.p));
	assert_close(r.diff, 0.1, 1e-15);
	assert_string_equal(compare_status_flag(r.status), "no_estimate");
	assert_int_equal(compare_diff(0.5, 0.01, 0.4, NAN, COMPARE_SE_RTOL, &r), COMPARE_UNDEFINED);
	assert_int_equal(compare_diff(NAN, NAN, 0.4, 0.01, COMPARE_SE_RTOL, &r), COMPARE_UNDEFINED);
	assert_true(isnan(r.diff) && isnan(r.z));
	assert_int_equal(compare_diff(0.5, -1e-3, 0.4, 0.01, COMPARE_SE_RTOL, &r), COMPARE_UNDEFINED);
	assert_int_equal(compare_diff(0.5, INFINITY, 0.4, 0.01, COMPARE_SE_RTOL, &r), COMPARE_UNDEFINED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normal),
		cmocka_unit_test(test_one_side_no_variance),
		cmocka_unit_test(test_degenerate),
		cmocka_unit_test(test_tolerance_scale),
		cmocka_unit_test(test_undefined),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
