/* Unit tests of stages/synth/synth_csv.c: RFC 4180 quoting and line counts. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "stages/synth/synth_csv.h"
#include "value.h"

#include <stdlib.h>
#include <string.h>

static void test_write(void **state)
{
	(void)state;
	char *dir = testutil_tmpdir();
	static const char *const cols[] = {"a", "b", "c", NULL};
	struct synth_csv *w = synth_csv_open(dir, "t.csv", cols);
	assert_non_null(w);
	assert_int_equal(w->lines, 1);
	synth_csv_str(w, "plain");
	synth_csv_str(w, "x,y");
	synth_csv_str(w, "say \"hi\"");
	synth_csv_end(w);
	synth_csv_long(w, -12);
	synth_csv_date(w, days_from_civil(2024, 2, 29));
	synth_csv_date(w, SYNTH_NO_DATE);
	synth_csv_end(w);
	synth_csv_date(w, days_from_civil(1950, 1, 2)); /* before 1970: a negative day number */
	synth_csv_empty(w);
	synth_csv_str(w, "two\nlines");
	synth_csv_end(w);
	synth_csv_raw_line(w, "bad,row");
	assert_int_equal(w->lines, 5);
	assert_int_equal(w->rows, 4);
	assert_int_equal(synth_csv_close(w), 0);
	char *path = malloc(strlen(dir) + 8);
	strcpy(path, dir);
	strcat(path, "/t.csv");
	size_t n;
	char *got = testutil_read_file(path, &n);
	assert_string_equal(got, "a,b,c\n"
				 "plain,\"x,y\",\"say \"\"hi\"\"\"\n"
				 "-12,2024-02-29,\n"
				 "1950-01-02,,\"two\nlines\"\n"
				 "bad,row\n");
	free(got);
	free(path);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_write),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
