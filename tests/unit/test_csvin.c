/* Unit tests of pipeline/csvin.c: the CSV input layer on libcsv.
 * Expected rows below were written by hand from the fixture bytes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "csvin.h"
#include "msg.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Serialises every record as "line|nfields|bad|f1\x1ff2...\n". */
struct dump {
	char *buf;
	size_t len, cap;
};

static void dump_add(struct dump *d, const char *s, size_t n)
{
	if (d->len + n + 1 > d->cap) {
		d->cap = (d->len + n + 1) * 2;
		d->buf = realloc(d->buf, d->cap);
	}
	memcpy(d->buf + d->len, s, n);
	d->len += n;
	d->buf[d->len] = '\0';
}

static int dump_row(void *ctx, const struct csvin_row *row)
{
	struct dump *d = ctx;
	char head[64];
	int n = snprintf(head, sizeof head, "%ld|%zu|%zu|", row->line, row->nfields, row->bad_col);
	dump_add(d, head, (size_t)n);
	for (size_t i = 0; i < row->nfields; i++) {
		if (i)
			dump_add(d, "\x1f", 1);
		dump_add(d, row->field[i], row->len[i]);
	}
	dump_add(d, "\n", 1);
	return 0;
}

static char *parse_file(const char *path, size_t chunk, struct csvin_info *info, int *rc)
{
	struct dump d = {0};
	dump_add(&d, "", 0);
	struct csvin_options opt = {0, chunk, 0};
	*rc = csvin_read_path(path, &opt, dump_row, &d, info);
	return d.buf;
}

static void check_all_chunk_sizes(const char *path);

static char *fixture(const char *name)
{
	char *p = malloc(4096);
	snprintf(p, 4096, "%s/tests/fixtures/csv/%s", testutil_root(), name);
	return p;
}

static void test_crlf_quoted(void **state)
{
	(void)state;
	char *path = fixture("crlf_quoted.csv");
	struct csvin_info info;
	int rc;
	char *out = parse_file(path, 0, &info, &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(out,
			    "1|3|0|id\x1ftext\x1fn\n"
			    "2|3|0|1\x1fhello, \"world\"\x1f" "2\n"
			    "3|3|0|2\x1fmulti\r\nline\r\nfield\x1f" "3\n"
			    "7|3|0|3\x1fplain\x1f" "4\n");
	assert_int_equal(info.delimiter, ',');
	assert_int_equal(info.encoding, CSVIN_UTF8);
	assert_int_equal(info.crlf, 1);
	assert_int_equal(info.blank_lines, 1);
	free(out);
	free(path);
}

static void test_windows_1252(void **state)
{
	(void)state;
	char *path = fixture("cp1252.csv");
	struct csvin_info info;
	int rc;
	char *out = parse_file(path, 0, &info, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(info.encoding, CSVIN_WINDOWS_1252);
	assert_int_equal(info.delimiter, ';');
	/* ö = C3 B6, å ä ö Å Ä Ö in UTF-8 */
	assert_string_equal(out,
			    "1|3|0|kommun\x1fnamn\x1fv\n"
			    "2|3|0|0581\x1fNorrk\xc3\xb6ping\x1f" "1,5\n"
			    "3|3|0|0882\x1fOskarshamn \xc3\xa5\xc3\xa4\xc3\xb6 \xc3\x85\xc3\x84\xc3\x96\x1f" "2\n");
	free(out);
	free(path);
}

static void test_bom_semicolon(void **state)
{
	(void)state;
	char *path = fixture("bom_semicolon.csv");
	struct csvin_info info;
	int rc;
	char *out = parse_file(path, 0, &info, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(info.encoding, CSVIN_UTF8_BOM);
	assert_string_equal(out, "1|2|0|a\x1f" "b\n2|2|0|x;y\x1f\xc3\xa5\n");
	free(out);
	free(path);
}

static void test_tab(void **state)
{
	(void)state;
	char *path = fixture("tab.csv");
	struct csvin_info info;
	int rc;
	char *out = parse_file(path, 0, &info, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(info.delimiter, '\t');
	assert_string_equal(out, "1|3|0|a\x1f" "b\x1f" "c\n2|3|0|1\x1f\x1f" "3\n3|3|0|q\tr\x1f" "5\x1f" "6\n");
	free(out);
	free(path);
}

static void test_cp1252_table(void **state)
{
	(void)state;
	char out[16];
	assert_int_equal(cp1252_to_utf8("\x80", 1, out), 3);
	assert_string_equal(out, "\xe2\x82\xac"); /* euro sign U+20AC */
	assert_int_equal(cp1252_to_utf8("\xe9", 1, out), 2);
	assert_string_equal(out, "\xc3\xa9"); /* é */
	assert_int_equal(cp1252_to_utf8("\x81", 1, out), (size_t)-1);
	assert_true(utf8_valid("\xc3\xa5", 2));
	assert_false(utf8_valid("\xe5", 1));
	assert_false(utf8_valid("\xc0\xaf", 2));         /* overlong */
	assert_false(utf8_valid("\xed\xa0\x80", 3));     /* surrogate */
	assert_true(utf8_valid("\xf0\x9f\x98\x80", 4));  /* emoji */
}

static void test_invalid_utf8_field(void **state)
{
	(void)state;
	/* the first block is valid UTF-8 (detection says UTF-8); a later field
	 * with a bare 0xE5 is reported as a bad column, never guessed */
	char *dir = testutil_tmpdir();
	char path[4200];
	snprintf(path, sizeof path, "%s/mixed.csv", dir);
	size_t n = 100000;
	char *data = malloc(n + 64);
	size_t o = (size_t)sprintf(data, "a,b\n");
	while (o < n - 20)
		o += (size_t)sprintf(data + o, "1,\xc3\xa5\n");
	o += (size_t)sprintf(data + o, "2,\xe5x\n");
	testutil_write_file(path, data, o);
	struct csvin_options opt = {0, 0, 4096};
	struct dump d = {0};
	dump_add(&d, "", 0);
	struct csvin_info info;
	assert_int_equal(csvin_read_path(path, &opt, dump_row, &d, &info), 0);
	assert_int_equal(info.encoding, CSVIN_UTF8);
	const char *last = strstr(d.buf, "|2|2|2\x1f");
	assert_non_null(last);
	free(d.buf);
	free(data);
	free(dir);
}

static void test_unterminated_quote_is_fatal(void **state)
{
	(void)state;
	char *dir = testutil_tmpdir();
	char path[4200];
	snprintf(path, sizeof path, "%s/bad.csv", dir);
	testutil_write_file(path, "a,b\n1,\"open\n2,3\n", 16);
	struct dump d = {0};
	dump_add(&d, "", 0);
	assert_int_equal(csvin_read_path(path, NULL, dump_row, &d, NULL), -1);
	snprintf(path, sizeof path, "%s/bad2.csv", dir);
	testutil_write_file(path, "a,b\n1,x\"y\n", 10);
	assert_int_equal(csvin_read_path(path, NULL, dump_row, &d, NULL), -1);
	free(d.buf);
	free(dir);
}

/* Lines ended by a lone CR (old Mac files) and mixtures count like LF:
 * expected lines worked out by hand from the bytes. */
static void test_cr_only_lines(void **state)
{
	(void)state;
	char *dir = testutil_tmpdir();
	char path[4200];
	snprintf(path, sizeof path, "%s/cr.csv", dir);
	const char cr[] = "a,b\r1,x\r\r2,\"p\rq\"\r3,y";
	testutil_write_file(path, cr, sizeof cr - 1);
	struct csvin_info info;
	int rc;
	char *out = parse_file(path, 0, &info, &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(out, "1|2|0|a\x1f" "b\n"
				 "2|2|0|1\x1fx\n"
				 "4|2|0|2\x1fp\rq\n"
				 "6|2|0|3\x1fy\n");
	assert_int_equal(info.crlf, 2);
	assert_int_equal(info.blank_lines, 1);
	free(out);
	check_all_chunk_sizes(path);

	snprintf(path, sizeof path, "%s/mixed.csv", dir);
	const char mixed[] = "a,b\r\n1,x\n2,y\r3,\"z\r\nw\"\r\n\r\n4,v\n";
	testutil_write_file(path, mixed, sizeof mixed - 1);
	out = parse_file(path, 0, &info, &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(out, "1|2|0|a\x1f" "b\n"
				 "2|2|0|1\x1fx\n"
				 "3|2|0|2\x1fy\n"
				 "4|2|0|3\x1fz\r\nw\n"
				 "7|2|0|4\x1fv\n");
	assert_int_equal(info.crlf, 1);
	assert_int_equal(info.blank_lines, 1);
	free(out);
	check_all_chunk_sizes(path);
	free(dir);
}

static void test_nul_byte(void **state)
{
	(void)state;
	char *dir = testutil_tmpdir();
	char path[4200];
	snprintf(path, sizeof path, "%s/nul.csv", dir);
	testutil_write_file(path, "a,b\n1,x\0y\n", 10);
	struct dump d = {0};
	dump_add(&d, "", 0);
	assert_int_equal(csvin_read_path(path, NULL, dump_row, &d, NULL), 0);
	assert_non_null(strstr(d.buf, "2|2|2|"));
	free(d.buf);
	free(dir);
}

/* The libcsv chunk-boundary test: every fixture parsed at every chunk size
 * from 1 byte to its length gives the same records, line numbers and hash. */
static void check_all_chunk_sizes(const char *path)
{
	size_t len;
	char *content = testutil_read_file(path, &len);
	assert_non_null(content);
	struct csvin_info ref_info;
	int rc;
	char *ref = parse_file(path, len ? len : 1, &ref_info, &rc);
	for (size_t chunk = 1; chunk <= len; chunk++) {
		struct csvin_info info;
		int rc2;
		char *out = parse_file(path, chunk, &info, &rc2);
		if (rc2 != rc || strcmp(out, ref) != 0 ||
		    memcmp(info.sha256, ref_info.sha256, 32) != 0)
			fail_msg("%s: chunk size %zu gives a different result", path, chunk);
		free(out);
	}
	free(ref);
	free(content);
}

static void test_chunk_boundaries(void **state)
{
	(void)state;
	const char *dirs[] = {"tests/fixtures/csv", "tests/fixtures/ingest/good", NULL};
	int files = 0;
	for (int k = 0; dirs[k]; k++) {
		char dirpath[4096];
		snprintf(dirpath, sizeof dirpath, "%s/%s", testutil_root(), dirs[k]);
		DIR *dir = opendir(dirpath);
		assert_non_null(dir);
		struct dirent *e;
		while ((e = readdir(dir))) {
			if (!strstr(e->d_name, ".csv"))
				continue;
			char path[8192];
			snprintf(path, sizeof path, "%s/%s", dirpath, e->d_name);
			check_all_chunk_sizes(path);
			files++;
		}
		closedir(dir);
	}
	assert_true(files >= 14);
}

int main(void)
{
	msg_set_prog("test_csvin");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crlf_quoted),
		cmocka_unit_test(test_windows_1252),
		cmocka_unit_test(test_bom_semicolon),
		cmocka_unit_test(test_tab),
		cmocka_unit_test(test_cp1252_table),
		cmocka_unit_test(test_invalid_utf8_field),
		cmocka_unit_test(test_unterminated_quote_is_fatal),
		cmocka_unit_test(test_nul_byte),
		cmocka_unit_test(test_cr_only_lines),
		cmocka_unit_test(test_chunk_boundaries),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
