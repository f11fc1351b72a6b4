/* tabledef: the header comes from the description, a row with another
 * number of fields fails the table, and the readers find a joined side
 * table's columns and refuse one whose rows are not the same. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "msg.h"
#include "shortage_tables.h"
#include "tabledef.h"
#include "testutil.h"
#include "tsv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct tabledef_col cols[] = {
	{"kommun", "code", "4 digits"},
	{"n", "integer", "a count | with a bar"},
};
static const struct tabledef def = {"t.tsv", "one row per test", NULL, cols, 2};

static void test_writer_header_and_count(void **state)
{
	(void)state;
	char *dir = testutil_tmpdir();
	struct tsv_writer *w = tabledef_writer_open(&def, dir, 0644);
	assert_non_null(w);
	tsv_put_str(w, "0581");
	tsv_put_long(w, 3);
	tsv_end_row(w);
	assert_int_equal(tsv_writer_close(w), 0);
	char *p = easprintf("%s/t.tsv", dir);
	size_t len;
	char *text = testutil_read_file(p, &len);
	assert_string_equal(text, "kommun\tn\n0581\t3\n");
	free(text);
	/* one field short: the table fails and is not renamed */
	unlink(p);
	w = tabledef_writer_open(&def, dir, 0644);
	tsv_put_str(w, "0581");
	tsv_end_row(w);
	assert_int_not_equal(tsv_writer_close(w), 0);
	assert_int_not_equal(access(p, F_OK), 0);
	free(p);
	free(dir);
}

static void test_markdown(void **state)
{
	(void)state;
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	assert_int_equal(tabledef_write_markdown(f, &def), 0);
	fclose(f);
	assert_string_equal(buf, "### OUT/t.tsv — one row per test\n\n| column | type | meaning |\n|---|---|---|\n"
				 "| kommun | code | 4 digits |\n| n | integer | a count \\| with a bar |\n");
	free(buf);
}

static void test_join(void **state)
{
	(void)state;
	char *dir = testutil_tmpdir();
	char *a = easprintf("%s/shortage.tsv", dir), *b = easprintf("%s/shortage_survey.tsv", dir);
	const char *ta = "kommun\tarea_type\tssyk\tverdict\n0581\tkommun\t2221\tbrist\nSE\triket\t2221\tbalans\n";
	const char *tb = "kommun\tarea_type\tssyk\tshare_brist\n0581\tkommun\t2221\t0.5\nSE\triket\t2221\t\n";
	testutil_write_file(a, ta, strlen(ta));
	testutil_write_file(b, tb, strlen(tb));
	struct tsv_reader *r = shortage_tables_open(dir);
	assert_non_null(r);
	assert_int_equal(tsv_ncols(r), 5);
	int cv = tsv_col(r, "verdict"), cs = tsv_col(r, "share_brist");
	assert_int_equal(tsv_next(r), 1);
	assert_string_equal(tsv_get(r, cv), "brist");
	assert_string_equal(tsv_get(r, cs), "0.5");
	assert_int_equal(tsv_next(r), 1);
	assert_string_equal(tsv_get(r, cs), "");
	assert_int_equal(tsv_next(r), 0);
	tsv_reader_close(r);
	/* a side table with a row fewer: an error at its end */
	const char *tshort = "kommun\tarea_type\tssyk\tshare_brist\n0581\tkommun\t2221\t0.5\n";
	testutil_write_file(b, tshort, strlen(tshort));
	r = shortage_tables_open(dir);
	assert_non_null(r);
	assert_int_equal(tsv_next(r), 1);
	assert_int_equal(tsv_next(r), -1);
	tsv_reader_close(r);
	/* a side table repeating a column of the contract: refused */
	const char *tdup = "kommun\tarea_type\tssyk\tverdict\n0581\tkommun\t2221\tbrist\nSE\triket\t2221\tbalans\n";
	testutil_write_file(b, tdup, strlen(tdup));
	assert_null(shortage_tables_open(dir));
	/* a declared column missing: named */
	unlink(b);
	r = shortage_tables_open(dir);
	assert_non_null(r);
	int *c = calloc(shortage_table_verdict.ncol, sizeof *c);
	assert_int_equal(tabledef_require(r, &shortage_table_verdict, c), -1);
	assert_true(c[tabledef_col(&shortage_table_verdict, "verdict")] >= 0);
	assert_int_equal(c[tabledef_col(&shortage_table_verdict, "rank")], -1);
	free(c);
	tsv_reader_close(r);
	free(a);
	free(b);
	free(dir);
}

/* every table keyed as shortage_tables.h says, no column declared twice
 * across the three joined tables */
static void test_declarations(void **state)
{
	(void)state;
	const struct tabledef *joined[] = {&shortage_table_verdict, &shortage_table_survey,
					   &shortage_table_registry};
	for (size_t t = 0; t < 3; t++)
		for (size_t k = 0; k < 3; k++)
			assert_string_equal(joined[t]->col[k].name, shortage_table_keys[k]);
	for (size_t t = 0; t < 3; t++)
		for (size_t i = 3; i < joined[t]->ncol; i++)
			for (size_t u = 0; u < 3; u++) {
				int at = tabledef_col(joined[u], joined[t]->col[i].name);
				assert_true(at < 0 || (u == t && (size_t)at == i));
			}
	/* the external review tool reads these from shortage.tsv */
	static const char *const contract[] = {"kommun", "area_type", "ssyk", "employed", "verdict", "rank"};
	for (size_t i = 0; i < 6; i++)
		assert_true(tabledef_col(&shortage_table_verdict, contract[i]) >= 0);
}

int main(void)
{
	msg_set_prog("test_tabledef");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_writer_header_and_count),
		cmocka_unit_test(test_markdown),
		cmocka_unit_test(test_join),
		cmocka_unit_test(test_declarations),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
