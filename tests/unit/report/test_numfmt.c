/* Unit tests of stages/report/numfmt.c. Expected strings are written by hand
 * from the Swedish convention (space groups of three, decimal comma). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "stages/report/numfmt.h"

#include <math.h>

#define NBSP "\xC2\xA0"
#define MINUS "\xE2\x88\x92"

static const struct numstyle plain = {" ", ",", "-"};

static void test_swedish_plain(void **state)
{
	(void)state;
	char b[64];
	assert_string_equal(numfmt(1234.5, 1, &plain, b, sizeof b), "1 234,5");
	assert_string_equal(numfmt(-0.5, 1, &plain, b, sizeof b), "-0,5");
	assert_string_equal(numfmt(1234567, 0, &plain, b, sizeof b), "1 234 567");
	assert_string_equal(numfmt(123, 0, &plain, b, sizeof b), "123");
	assert_string_equal(numfmt(1000, 0, &plain, b, sizeof b), "1 000");
	assert_string_equal(numfmt(999999.96, 1, &plain, b, sizeof b), "1 000 000,0");
	assert_string_equal(numfmt(0, 2, &plain, b, sizeof b), "0,00");
	assert_string_equal(numfmt(0.125, 2, &plain, b, sizeof b), "0,12"); /* binary 0.125 exactly: printf rounds half to even */
	assert_string_equal(numfmt(-1234567.25, 2, &plain, b, sizeof b), "-1 234 567,25");
}

static void test_html_and_csv_styles(void **state)
{
	(void)state;
	char b[64];
	assert_string_equal(numfmt(1234.5, 1, &numstyle_sv_html, b, sizeof b), "1" NBSP "234,5");
	assert_string_equal(numfmt(-0.5, 1, &numstyle_sv_html, b, sizeof b), MINUS "0,5");
	assert_string_equal(numfmt(1234567, 0, &numstyle_sv_html, b, sizeof b),
			    "1" NBSP "234" NBSP "567");
	assert_string_equal(numfmt(1234.5, 1, &numstyle_csv, b, sizeof b), "1234,5");
	assert_string_equal(numfmt(-0.5, 1, &numstyle_csv, b, sizeof b), "-0,5");
	assert_string_equal(numfmt(1234.5, 1, &numstyle_en_html, b, sizeof b), "1,234.5");
}

static void test_no_negative_zero_and_missing(void **state)
{
	(void)state;
	char b[64];
	assert_string_equal(numfmt(-0.04, 1, &plain, b, sizeof b), "0,0");
	assert_string_equal(numfmt(-0.0, 0, &plain, b, sizeof b), "0");
	assert_string_equal(numfmt(NAN, 1, &plain, b, sizeof b), "");
	assert_string_equal(numfmt(INFINITY, 1, &plain, b, sizeof b), "");
}

static void test_small_buffer_truncates(void **state)
{
	(void)state;
	char b[5];
	numfmt(1234567, 0, &plain, b, sizeof b);
	assert_string_equal(b, "1 23");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_swedish_plain),
		cmocka_unit_test(test_html_and_csv_styles),
		cmocka_unit_test(test_no_negative_zero_and_missing),
		cmocka_unit_test(test_small_buffer_truncates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
