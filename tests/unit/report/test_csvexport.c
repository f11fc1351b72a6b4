/* Unit tests of stages/report/csvexport.c: separators, decimal comma, BOM,
 * ".." for suppressed cells and formula neutralisation. Expected file
 * contents are written by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "stages/report/csvexport.h"
#include "msg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *put_text(const char *s)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);
	csv_put_text(fp, s);
	fclose(fp);
	return buf;
}

static void test_neutralise(void **state)
{
	(void)state;
	const char *cases[][2] = {
		{"=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""},
		{"+46", "'+46"},
		{"-1+1", "'-1+1"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"},
		{"\rx", "\"'\rx\""},
		{"Kockar", "Kockar"},
		{"a;b", "\"a;b\""},
		{"", ""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = put_text(cases[i][0]);
		assert_string_equal(got, cases[i][1]);
		free(got);
	}
}

static void test_write_table(void **state)
{
	(void)state;
	struct rtable *t = rtable_new("t", "T", 3);
	rtable_col(t, 0, "Yrke", 0, 1);
	rtable_col(t, 1, "Antal", 0, 0);
	rtable_col(t, 2, "Andel, %", 1, 0);
	size_t r = rtable_add_row(t);
	rtable_text(t, r, 0, "=cmd|' /C calc'!A0");
	rtable_num(t, r, 1, 1234);
	rtable_num(t, r, 2, -0.54);
	r = rtable_add_row(t);
	rtable_text(t, r, 0, "Städare");
	rtable_num(t, r, 1, 3);
	rtable_suppress(t, r, 1, DISC_PRIMARY);
	rtable_num(t, r, 2, 12345.67);
	char *dir = testutil_tmpdir();
	char *path = easprintf("%s/t.csv", dir);
	assert_int_equal(csv_write_table(t, path), 0);
	size_t len;
	char *got = testutil_read_file(path, &len);
	assert_non_null(got);
	assert_string_equal(got, "\xEF\xBB\xBF" "Yrke;Antal;Andel, %\r\n"
			    "'=cmd|' /C calc'!A0;1234;-0,5\r\n"
			    "Städare;..;12345,7\r\n");
	free(got);
	free(path);
	free(dir);
	rtable_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_neutralise),
		cmocka_unit_test(test_write_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
