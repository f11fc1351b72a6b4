/* Unit tests of pipeline/value.c: the contract's numbers and dates. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "value.h"

#include <stdlib.h>

static void test_count_valid(void **state)
{
	(void)state;
	long long v;
	assert_int_equal(value_count("0", &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(value_count(" 42 ", &v), 0);
	assert_int_equal(v, 42);
	assert_int_equal(value_count("1 234", &v), 0);
	assert_int_equal(v, 1234);
	assert_int_equal(value_count("1\xC2\xA0" "234\xC2\xA0" "567", &v), 0); /* no-break spaces */
	assert_int_equal(v, 1234567);
	assert_int_equal(value_count("12 345 678", &v), 0);
	assert_int_equal(v, 12345678);
}

static void test_count_invalid(void **state)
{
	(void)state;
	long long v = 99;
	const char *bad[] = {"", " ", "-1", "1.5", "1,5", "12 34", "1 2345", "abc", "1e3", "+3",
			     "1234 567 ", "99999999999999999999", "1  234", NULL};
	for (int i = 0; bad[i]; i++) {
		if (value_count(bad[i], &v) == 0)
			fail_msg("accepted \"%s\" as %lld", bad[i], v);
	}
	assert_int_equal(v, 99);
}

static void test_decimal(void **state)
{
	(void)state;
	double d;
	assert_int_equal(value_decimal("1 234,5", &d), 0);
	assert_close(d, 1234.5, 1e-12);
	assert_int_equal(value_decimal("0.25", &d), 0);
	assert_close(d, 0.25, 1e-12);
	assert_int_equal(value_decimal("-3,75", &d), 0);
	assert_close(d, -3.75, 1e-12);
	assert_int_equal(value_decimal(",5", &d), 0);
	assert_close(d, 0.5, 1e-12);
	assert_int_equal(value_decimal("7", &d), 0);
	assert_close(d, 7, 0);
	assert_int_not_equal(value_decimal("1,2,3", &d), 0);
	assert_int_not_equal(value_decimal("1.2.3", &d), 0);
	assert_int_not_equal(value_decimal("", &d), 0);
	assert_int_not_equal(value_decimal("-", &d), 0);
	assert_int_not_equal(value_decimal("1,5 kr", &d), 0);
	assert_int_not_equal(value_decimal("nan", &d), 0);
}

static void test_dates(void **state)
{
	(void)state;
	long d;
	assert_int_equal(value_date("1970-01-01", &d), 0);
	assert_int_equal(d, 0);
	assert_int_equal(value_date("2024-02-29", &d), 0); /* leap year */
	assert_int_equal(d, 19782);                         /* by hand: 54 years, 13 leap days */
	assert_int_not_equal(value_date("2023-02-29", &d), 0);
	assert_int_not_equal(value_date("2018-02-30", &d), 0);
	assert_int_not_equal(value_date("1900-02-29", &d), 0); /* not a leap year */
	assert_int_equal(value_date("2000-02-29", &d), 0);     /* a leap year */
	assert_int_not_equal(value_date("2024-13-01", &d), 0);
	assert_int_not_equal(value_date("2024-04-31", &d), 0);
	assert_int_not_equal(value_date("24-01-01", &d), 0);
	assert_int_not_equal(value_date("2024/01/01", &d), 0);
	assert_int_not_equal(value_date("2024-1-01", &d), 0);
	char buf[11];
	for (long day = -1000; day < 30000; day += 37) {
		date_format(day, buf);
		long back;
		assert_int_equal(value_date(buf, &back), 0);
		assert_int_equal(back, day);
	}
}

static void test_age(void **state)
{
	(void)state;
	long ref = days_from_civil(2024, 12, 31);
	assert_int_equal(age_at(1990, 12, 31, ref), 34);
	assert_int_equal(age_at(1991, 1, 1, ref), 33);
	long d = days_from_civil(2024, 6, 14);
	assert_int_equal(age_at(2000, 6, 15, d), 23);
	assert_int_equal(age_at(2000, 6, 14, d), 24);
}

static void test_fold(void **state)
{
	(void)state;
	assert_true(value_equal_fold(" Öka ", "öka"));
	assert_true(value_equal_fold("OFÖRÄNDRAD", "oförändrad"));
	assert_true(value_equal_fold("Response_ID", "response_id"));
	assert_false(value_equal_fold("öka", "oka"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_count_valid),
		cmocka_unit_test(test_count_invalid),
		cmocka_unit_test(test_decimal),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_age),
		cmocka_unit_test(test_fold),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
