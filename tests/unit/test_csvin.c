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
	int n;
	if (row->oversized) {
		/* the text is not kept: "line|nfields|O<oversized_col>" */
		n = snprintf(head, sizeof head, "%ld|%zu|O%zu\n", row->line, row->nfields, row->oversized_col);
		dump_add(d, head, (size_t)n);
		return 0;
	}
	n = snprintf(head, sizeof head, "%ld|%zu|%zu|", row->line, row->nfields, row->bad_col);
	dump_add(d, head, (size_t)n);
	for (size_t i = 0; i < row->nfields; i++) {
		if (i)
			dump_add(d, "\x1f", 1);
		dump_add(d, row->field[i], row->len[i]);
	}
	dump_add(d, "\n", 1);
	return 0;
}

/* The detection block and field limit parse_file uses (0: the defaults);
 * a test that sets them resets them to 0 at its end. */
static size_t detect_opt, max_bytes_opt;

static char *parse_file(const char *path, size_t chunk, struct csvin_info *info, int *rc)
{
	struct dump d = {0};
	dump_add(&d, "", 0);
	struct csvin_options opt = {0, chunk, detect_opt, max_bytes_opt};
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
	struct csvin_options opt = {0, 0, 4096, 0};
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

/* The records of the UTF-16 files of test_utf16, written by hand: a quoted
 * CRLF, an a-ring (U+00E5) and an emoji outside the BMP (U+1F600, in UTF-16
 * the surrogate pair D83D DE00). */
static const char utf16_want[] = "1|2|0|a\x1f" "b\n"
				 "2|2|0|1\x1fx\r\ny\n"
				 "4|2|0|\xc3\xa5\x1f\xf0\x9f\x98\x80\n";

/* Encodes the code units U[0..n) as UTF-16 bytes into OUT; returns bytes. */
static size_t utf16_bytes(const unsigned *u, size_t n, int big, char *out)
{
	for (size_t i = 0; i < n; i++) {
		out[2 * i + (big ? 0 : 1)] = (char)(u[i] >> 8);
		out[2 * i + (big ? 1 : 0)] = (char)(u[i] & 0xFF);
	}
	return 2 * n;
}

static void test_utf16(void **state)
{
	(void)state;
	/* a,b CRLF 1,"x CRLF y" CRLF U+00E5,U+1F600 CRLF as code units */
	static const unsigned units[] = {'a', ',', 'b', '\r', '\n', '1', ',', '"', 'x', '\r', '\n', 'y', '"',
					 '\r', '\n', 0xE5, ',', 0xD83D, 0xDE00, '\r', '\n'};
	size_t nunits = sizeof units / sizeof *units;
	static const struct {
		int big, bom;
		enum csvin_encoding want;
	} forms[] = {
		{0, 1, CSVIN_UTF16LE_BOM}, {1, 1, CSVIN_UTF16BE_BOM},
		{0, 0, CSVIN_UTF16LE}, {1, 0, CSVIN_UTF16BE},
	};
	char *dir = testutil_tmpdir();
	for (size_t f = 0; f < sizeof forms / sizeof *forms; f++) {
		char data[128], path[4200];
		size_t n = 0;
		if (forms[f].bom)
			n = utf16_bytes((const unsigned[]){0xFEFF}, 1, forms[f].big, data);
		n += utf16_bytes(units, nunits, forms[f].big, data + n);
		snprintf(path, sizeof path, "%s/u%zu.csv", dir, f);
		testutil_write_file(path, data, n);
		struct csvin_info info;
		int rc;
		char *out = parse_file(path, 0, &info, &rc);
		assert_int_equal(rc, 0);
		assert_int_equal(info.encoding, forms[f].want);
		assert_int_equal(info.delimiter, ',');
		assert_int_equal(info.crlf, 1);
		assert_int_equal(info.bytes, n);
		assert_string_equal(out, utf16_want);
		free(out);
		check_all_chunk_sizes(path);
		if (forms[f].bom) {
			/* a detection block that ends inside a character: its
			 * bytes wait for the next block, at every chunk size */
			for (detect_opt = 3; detect_opt <= 7; detect_opt++)
				check_all_chunk_sizes(path);
			detect_opt = 3;
			out = parse_file(path, 1, &info, &rc);
			assert_string_equal(out, utf16_want);
			free(out);
			detect_opt = 0;
		}
	}
	assert_true(csvin_encoding_converted(CSVIN_UTF16LE));
	assert_false(csvin_encoding_converted(CSVIN_UTF8_BOM));
	assert_string_equal(csvin_encoding_name(CSVIN_UTF16BE_BOM), "UTF-16BE (BOM)");
	free(dir);
}

static void test_utf16_invalid(void **state)
{
	(void)state;
	char out[32];
	size_t used;
	/* a pair cut off by the end of the block waits for the next one */
	assert_int_equal(utf16_to_utf8("A\0=\xD8", 4, 0, 0, out, &used), 1);
	assert_int_equal(used, 2);
	/* at the end of the file it is invalid: 0xFF, never valid UTF-8 */
	assert_int_equal(utf16_to_utf8("A\0=\xD8", 4, 0, 1, out, &used), 2);
	assert_memory_equal(out, "A\xFF", 2);
	assert_int_equal(used, 4);
	/* a lone low surrogate, a high one followed by no low one, an odd byte */
	assert_int_equal(utf16_to_utf8("\xDC\x00\xD8\x00\x00" "AB", 7, 1, 1, out, &used), 4);
	assert_memory_equal(out, "\xFF\xFF" "A\xFF", 4);
	/* U+1F600 from its pair, BE */
	assert_int_equal(utf16_to_utf8("\xD8\x3D\xDE\x00", 4, 1, 0, out, &used), 4);
	assert_memory_equal(out, "\xf0\x9f\x98\x80", 4);

	/* in a file, the field holding one is bad ("invalid UTF-16") */
	char *dir = testutil_tmpdir();
	char path[4200];
	snprintf(path, sizeof path, "%s/bad16.csv", dir);
	static const unsigned units[] = {0xFEFF, 'a', ',', 'b', '\n', '1', ',', 0xD800, '\n', '2', ',', '3', '\n'};
	char data[64];
	size_t n = utf16_bytes(units, sizeof units / sizeof *units, 0, data);
	testutil_write_file(path, data, n);
	struct csvin_info info;
	int rc;
	char *got = parse_file(path, 0, &info, &rc);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(got, "2|2|2|1\x1f\xFF\n3|2|0|2\x1f" "3\n"));
	free(got);
	check_all_chunk_sizes(path);
	free(dir);
}

static int count_rows(void *ctx, const struct csvin_row *row)
{
	(void)row;
	++*(int *)ctx;
	return 0;
}

static void test_excel_workbook(void **state)
{
	(void)state;
	char *dir = testutil_tmpdir();
	char path[4200];
	int rows = 0;
	snprintf(path, sizeof path, "%s/book.csv", dir);
	testutil_write_file(path, "PK\x03\x04\x14\0\x06\0a,b\n", 12);
	assert_int_equal(csvin_read_path(path, NULL, count_rows, &rows, NULL), -1);
	testutil_write_file(path, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
	assert_int_equal(csvin_read_path(path, NULL, count_rows, &rows, NULL), -1);
	assert_int_equal(rows, 0);
	free(dir);
}

/* Rows of delimiters only (a spreadsheet's empty rows) are skipped and
 * counted as blank lines, before the header too; a row with one non-space
 * character is not. Lines worked out by hand. */
static void test_empty_rows(void **state)
{
	(void)state;
	char *dir = testutil_tmpdir();
	char path[4200];
	snprintf(path, sizeof path, "%s/empty.csv", dir);
	const char text[] = ";;\r\na;b;c\r\n;;\r\n ; ;\t\r\n\"\";\" \";\r\n1;;\r\n;;";
	testutil_write_file(path, text, sizeof text - 1);
	struct csvin_info info;
	int rc;
	char *out = parse_file(path, 0, &info, &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(out, "2|3|0|a\x1f" "b\x1f" "c\n"
				 "6|3|0|1\x1f\x1f\n");
	assert_int_equal(info.blank_lines, 5);
	free(out);
	check_all_chunk_sizes(path);
	free(dir);
}

/* max_bytes: a field or record longer than the limit is delivered oversized
 * (its column, or 0 for the record as a whole) without its text, the
 * records after it on their right lines, at every chunk size. The limit is
 * 10 here: a field of 10 bytes is read, one of 11 is not, quoted or not; a
 * record of 10 bytes (fields and delimiters) is read, one of 11 is not. */
static void test_max_bytes(void **state)
{
	(void)state;
	char *dir = testutil_tmpdir();
	char path[4200];
	snprintf(path, sizeof path, "%s/long.csv", dir);
	const char text[] = "a,b\n"
			    "1,234567890\n"              /* 11 bytes */
			    "12,34567890\n"              /* 11 bytes */
			    "x,\"0123456789\"\n"         /* field 10, record 12 */
			    "0123456789\n"               /* one field of 10 */
			    "01234567890\n"              /* one field of 11 */
			    "\"01234\r\n567\n8\r90\",y\n"  /* 11 bytes over three line ends */
			    "\"a\"\"b\"\"c\"\"d\"\"e\"\"f\"\n" /* 11 after the quotes are undone */
			    "1,2\n";
	testutil_write_file(path, text, sizeof text - 1);
	max_bytes_opt = 10;
	struct csvin_info info;
	int rc;
	char *out = parse_file(path, 0, &info, &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(out, "1|2|0|a\x1f" "b\n"
				 "2|2|O0\n"
				 "3|2|O0\n"
				 "4|2|O0\n"
				 "5|1|0|0123456789\n"
				 "6|1|O1\n"
				 "7|2|O1\n"
				 "11|1|O1\n"
				 "12|2|0|1\x1f" "2\n");
	free(out);
	check_all_chunk_sizes(path);

	/* one field far beyond the limit (libcsv's buffer is cut back each
	 * time it reaches the limit), quoted newlines counted all the same */
	size_t big = 3 * 1024 * 1024;
	char *data = malloc(big + 64);
	size_t o = (size_t)sprintf(data, "a,b\n1,\"");
	for (size_t i = 0; i < big; i++)
		data[o++] = i % 100000 == 99999 ? '\n' : 'x';
	o += (size_t)sprintf(data + o, "\"\n2,3\n");
	testutil_write_file(path, data, o);
	max_bytes_opt = 1000;
	out = parse_file(path, 0, &info, &rc);
	assert_int_equal(rc, 0);
	char want[64];
	snprintf(want, sizeof want, "1|2|0|a\x1f" "b\n2|2|O2\n%zu|2|0|2\x1f" "3\n", 2 + big / 100000 + 1);
	assert_string_equal(out, want);
	free(out);
	out = parse_file(path, 4097, &info, &rc);
	assert_string_equal(out, want);
	free(out);
	free(data);
	max_bytes_opt = 0;
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
		cmocka_unit_test(test_utf16),
		cmocka_unit_test(test_utf16_invalid),
		cmocka_unit_test(test_excel_workbook),
		cmocka_unit_test(test_empty_rows),
		cmocka_unit_test(test_max_bytes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
