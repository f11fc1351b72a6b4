/* Unit tests of pipeline/disclosure.c: the primary small-count rules, with
 * the boundaries worked out by hand from docs/METHOD.md section 5
 * (min_persons 5, min_respondents 3, the defaults). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "disclosure.h"

#include <math.h>

static void test_persons(void **state)
{
	(void)state;
	assert_int_equal(disclosure_persons_hidden(0, 5), 0);   /* describes nobody */
	assert_int_equal(disclosure_persons_hidden(1, 5), 1);
	assert_int_equal(disclosure_persons_hidden(4, 5), 1);
	assert_int_equal(disclosure_persons_hidden(4.5, 5), 1); /* a derived count */
	assert_int_equal(disclosure_persons_hidden(5, 5), 0);
	assert_int_equal(disclosure_persons_hidden(1000, 5), 0);
	assert_int_equal(disclosure_persons_hidden(NAN, 5), 0); /* missing: nothing to hide */
	assert_int_equal(disclosure_persons_hidden(-3, 5), 0);
	assert_int_equal(disclosure_persons_hidden(9, 10), 1);
	assert_int_equal(disclosure_persons_hidden(1, 1), 0);
}

static void test_respondents(void **state)
{
	(void)state;
	assert_int_equal(disclosure_respondents_hidden(0, 3), 0); /* describes nobody */
	assert_int_equal(disclosure_respondents_hidden(2, 3), 1);
	assert_int_equal(disclosure_respondents_hidden(3, 3), 0);
	assert_int_equal(disclosure_respondents_hidden(40, 3), 0);
	assert_int_equal(disclosure_respondents_hidden(NAN, 3), 1); /* unknown base */
	assert_int_equal(disclosure_respondents_hidden(-1, 3), 1);
}

static void test_estimate(void **state)
{
	(void)state;
	assert_int_equal(disclosure_estimate_hidden(0.4, 2, 3), 1);
	assert_int_equal(disclosure_estimate_hidden(0.4, 3, 3), 0);
	assert_int_equal(disclosure_estimate_hidden(0, 0, 3), 0);
	assert_int_equal(disclosure_estimate_hidden(12.5, NAN, 3), 1);
	/* a missing estimate has nothing to hide, whatever its base */
	assert_int_equal(disclosure_estimate_hidden(NAN, 1, 3), 0);
	assert_int_equal(disclosure_estimate_hidden(NAN, NAN, 3), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_persons),
		cmocka_unit_test(test_respondents),
		cmocka_unit_test(test_estimate),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
