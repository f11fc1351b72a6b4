/* Unit tests of stages/report/xlsxcheck.c: a workbook written by
 * libxlsxwriter passes (deflated, and rebuilt with stored members); the same
 * workbook cut at many byte offsets, with a member's deflate stream cut,
 * with a sheet's XML cut short but validly compressed (what a full /tmp made
 * of a libxlsxwriter workbook), with another XML part cut, with a wrong
 * CRC-32, and files that are no zip at all are refused. The zips the tests
 * damage are rebuilt here by a small independent zip writer (zlib only). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "stages/report/xlsxcheck.h"
#include "stages/report/xlsxexport.h"
#include "stages/report/rtable.h"
#include "msg.h"

#include <xlsxwriter.h>
#include <zlib.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- helpers */

struct member {
	char *name;
	unsigned char *text; /* uncompressed */
	size_t len;
};

struct zip {
	unsigned char *buf;
	size_t len, cap;
};

static void put(struct zip *z, const void *p, size_t n)
{
	if (z->len + n > z->cap) {
		z->cap = (z->len + n) * 2;
		z->buf = erealloc(z->buf, z->cap);
	}
	memcpy(z->buf + z->len, p, n);
	z->len += n;
}

static void put16(struct zip *z, unsigned v)
{
	unsigned char b[2] = {(unsigned char)v, (unsigned char)(v >> 8)};
	put(z, b, 2);
}

static void put32(struct zip *z, unsigned long v)
{
	unsigned char b[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
			      (unsigned char)(v >> 24)};
	put(z, b, 4);
}

static uint16_t get16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Raw deflate of P[0..N) (caller frees; length in *OUT_LEN). */
static unsigned char *deflate_raw(const unsigned char *p, size_t n, size_t *out_len)
{
	z_stream zs;
	memset(&zs, 0, sizeof zs);
	assert_int_equal(deflateInit2(&zs, 6, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
	size_t cap = deflateBound(&zs, (uLong)n);
	unsigned char *out = emalloc(cap);
	zs.next_in = (unsigned char *)p;
	zs.avail_in = (uInt)n;
	zs.next_out = out;
	zs.avail_out = (uInt)cap;
	assert_int_equal(deflate(&zs, Z_FINISH), Z_STREAM_END);
	*out_len = zs.total_out;
	deflateEnd(&zs);
	return out;
}

/* How build_zip damages member DAMAGED (-1: none). */
enum damage { NONE, CUT_DEFLATE, WRONG_CRC };

/* A zip of the N members, each deflated (METHOD 8) or stored (0); member
 * DAMAGED gets the damage HOW. Caller frees z.buf. */
static struct zip build_zip(const struct member *m, size_t n, int method, size_t damaged,
			    enum damage how)
{
	struct zip z = {NULL, 0, 0};
	unsigned long *offs = emalloc(n * sizeof *offs), *crcs = emalloc(n * sizeof *crcs);
	size_t *csizes = emalloc(n * sizeof *csizes);
	for (size_t i = 0; i < n; i++) {
		size_t clen = m[i].len;
		unsigned char *c = method == 8 ? deflate_raw(m[i].text, m[i].len, &clen) : NULL;
		crcs[i] = crc32(crc32(0L, Z_NULL, 0), m[i].text, (uInt)m[i].len);
		if (i == damaged && how == CUT_DEFLATE)
			clen /= 2;
		if (i == damaged && how == WRONG_CRC)
			crcs[i] ^= 0x00010000;
		csizes[i] = clen;
		offs[i] = (unsigned long)z.len;
		put32(&z, 0x04034b50);
		put16(&z, 20);
		put16(&z, 0);
		put16(&z, (unsigned)method);
		put32(&z, 0);
		put32(&z, crcs[i]);
		put32(&z, (unsigned long)clen);
		put32(&z, (unsigned long)m[i].len);
		put16(&z, (unsigned)strlen(m[i].name));
		put16(&z, 0);
		put(&z, m[i].name, strlen(m[i].name));
		put(&z, c ? c : m[i].text, clen);
		free(c);
	}
	size_t cd = z.len;
	for (size_t i = 0; i < n; i++) {
		put32(&z, 0x02014b50);
		put16(&z, 20);
		put16(&z, 20);
		put16(&z, 0);
		put16(&z, (unsigned)method);
		put32(&z, 0);
		put32(&z, crcs[i]);
		put32(&z, (unsigned long)csizes[i]);
		put32(&z, (unsigned long)m[i].len);
		put16(&z, (unsigned)strlen(m[i].name));
		put16(&z, 0);
		put16(&z, 0);
		put16(&z, 0);
		put16(&z, 0);
		put32(&z, 0);
		put32(&z, offs[i]);
		put(&z, m[i].name, strlen(m[i].name));
	}
	size_t cdlen = z.len - cd;
	put32(&z, 0x06054b50);
	put16(&z, 0);
	put16(&z, 0);
	put16(&z, (unsigned)n);
	put16(&z, (unsigned)n);
	put32(&z, (unsigned long)cdlen);
	put32(&z, (unsigned long)cd);
	put16(&z, 0);
	free(offs);
	free(crcs);
	free(csizes);
	return z;
}

/* The members of the deflated zip BUF (an independent reader: the central
 * directory from the end record, each member inflated). Caller frees with
 * free_members. */
static struct member *read_members(const unsigned char *buf, size_t len, size_t *n)
{
	const unsigned char *e = buf + len - 22;
	assert_int_equal(get32(e), 0x06054b50);
	*n = get16(e + 10);
	struct member *m = ecalloc(*n, sizeof *m);
	const unsigned char *c = buf + get32(e + 16);
	for (size_t i = 0; i < *n; i++) {
		assert_int_equal(get32(c), 0x02014b50);
		assert_int_equal(get16(c + 10), 8);
		size_t nlen = get16(c + 28), usize = get32(c + 24);
		m[i].name = estrndup((const char *)c + 46, nlen);
		const unsigned char *l = buf + get32(c + 42);
		z_stream zs;
		memset(&zs, 0, sizeof zs);
		assert_int_equal(inflateInit2(&zs, -MAX_WBITS), Z_OK);
		m[i].text = emalloc(usize + 1);
		m[i].len = usize;
		zs.next_in = (unsigned char *)l + 30 + get16(l + 26) + get16(l + 28);
		zs.avail_in = get32(c + 20);
		zs.next_out = m[i].text;
		zs.avail_out = (uInt)usize + 1;
		assert_int_equal(inflate(&zs, Z_FINISH), Z_STREAM_END);
		assert_int_equal(zs.total_out, usize);
		inflateEnd(&zs);
		c += 46 + nlen + get16(c + 30) + get16(c + 32);
	}
	return m;
}

static void free_members(struct member *m, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(m[i].name);
		free(m[i].text);
	}
	free(m);
}

static size_t member_index(const struct member *m, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(m[i].name, name) == 0)
			return i;
	fail_msg("no member %s", name);
	return 0;
}

/* Writes a workbook with libxlsxwriter: two sheets, the first large enough
 * (several 64 KiB inflate chunks) and full of shared strings; returns its
 * bytes (caller frees; length in *LEN). */
static unsigned char *libxlsxwriter_workbook(size_t *len)
{
	char *dir = testutil_tmpdir();
	char *path = easprintf("%s/good.xlsx", dir);
	lxw_workbook *wb = workbook_new(path);
	assert_non_null(wb);
	lxw_worksheet *a = workbook_add_worksheet(wb, "brist_0581");
	lxw_worksheet *b = workbook_add_worksheet(wb, "modell");
	assert_non_null(a);
	assert_non_null(b);
	for (lxw_row_t r = 0; r < 3000; r++) {
		char s[64];
		snprintf(s, sizeof s, "Yrke %u <&> \"x\"", (unsigned)r);
		assert_int_equal(worksheet_write_string(a, r, 0, s, NULL), LXW_NO_ERROR);
		assert_int_equal(worksheet_write_number(a, r, 1, r * 1.5, NULL), LXW_NO_ERROR);
	}
	assert_int_equal(worksheet_write_string(b, 0, 0, "..", NULL), LXW_NO_ERROR);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	unsigned char *buf = (unsigned char *)testutil_read_file(path, len);
	assert_non_null(buf);
	free(path);
	free(dir);
	return buf;
}

static int check(const unsigned char *buf, size_t len, char *why)
{
	return xlsx_check_buffer(buf, len, why, 256);
}

/* ---------------------------------------------------------------- tests */

static void test_good_workbook(void **state)
{
	(void)state;
	size_t len;
	unsigned char *buf = libxlsxwriter_workbook(&len);
	char why[256];
	assert_int_equal(check(buf, len, why), XLSX_CHECK_OK);
	assert_string_equal(why, "");
	/* the same parts, rebuilt deflated and stored, pass too */
	size_t n;
	struct member *m = read_members(buf, len, &n);
	size_t sheet = member_index(m, n, "xl/worksheets/sheet1.xml");
	assert_true(m[sheet].len > 3 * 65536);
	for (int method = 0; method <= 8; method += 8) {
		struct zip z = build_zip(m, n, method, (size_t)-1, NONE);
		assert_int_equal(check(z.buf, z.len, why), XLSX_CHECK_OK);
		free(z.buf);
	}
	free_members(m, n);
	free(buf);
}

static void test_workbook_from_xlsx_write_tables(void **state)
{
	(void)state;
	struct rtable *t = rtable_new("brist_0581", "Brist", 2);
	rtable_col(t, 0, "Yrke", 0, 1);
	rtable_col(t, 1, "Antal", 0, 0);
	size_t r = rtable_add_row(t);
	rtable_text(t, r, 0, "Kockar");
	rtable_num(t, r, 1, 12);
	char *dir = testutil_tmpdir();
	char *path = easprintf("%s/tabeller.xlsx", dir);
	struct rtable *tables[] = {t};
	assert_int_equal(xlsx_write_tables(path, tables, 1, "T", 0), 0);
	char why[256];
	assert_int_equal(xlsx_check_file(path, why, sizeof why), XLSX_CHECK_OK);
	free(path);
	free(dir);
	rtable_free(t);
}

static void test_truncated(void **state)
{
	(void)state;
	size_t len;
	unsigned char *buf = libxlsxwriter_workbook(&len);
	char why[256];
	size_t cuts[] = {0, 1, 3, 4, 21, 22, 29, 30, 31, 100, len / 3, len / 2, len - 200,
			 len - 23, len - 22, len - 21, len - 2, len - 1};
	for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
		assert_int_equal(check(buf, cuts[i], why), XLSX_CHECK_BAD);
		if (cuts[i] >= 4)
			assert_non_null(strstr(why, "cut short"));
	}
	for (size_t cut = 0; cut < len; cut += 61)
		assert_int_equal(check(buf, cut, why), XLSX_CHECK_BAD);
	assert_string_equal(why, "the zip cut short, no end-of-central-directory record");
	free(buf);
}

static void test_deflate_stream_cut(void **state)
{
	(void)state;
	size_t len, n;
	unsigned char *buf = libxlsxwriter_workbook(&len);
	struct member *m = read_members(buf, len, &n);
	char why[256];
	size_t sheet = member_index(m, n, "xl/worksheets/sheet1.xml");
	struct zip z = build_zip(m, n, 8, sheet, CUT_DEFLATE);
	assert_int_equal(check(z.buf, z.len, why), XLSX_CHECK_BAD);
	assert_string_equal(why, "xl/worksheets/sheet1.xml cut short, its compressed data ends early");
	free(z.buf);
	free_members(m, n);
	free(buf);
}

/* The bug this check is for: libxlsxwriter's temporary sheet XML cut by a
 * full disk, then compressed whole, so size and CRC-32 agree. */
static void test_sheet_xml_cut(void **state)
{
	(void)state;
	size_t len, n;
	unsigned char *buf = libxlsxwriter_workbook(&len);
	struct member *m = read_members(buf, len, &n);
	char why[256];
	size_t sheet = member_index(m, n, "xl/worksheets/sheet1.xml");
	size_t full = m[sheet].len;
	size_t cuts[] = {0, 1, 100, 4096, 65536, full / 2, full - 13, full - 1};
	for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
		m[sheet].len = cuts[i];
		struct zip z = build_zip(m, n, 8, (size_t)-1, NONE);
		assert_int_equal(check(z.buf, z.len, why), XLSX_CHECK_BAD);
		if (cuts[i] == 0)
			assert_string_equal(why, "xl/worksheets/sheet1.xml is empty");
		else if (cuts[i] >= 4096)
			assert_string_equal(why, "xl/worksheets/sheet1.xml cut short, "
						 "without its closing </worksheet>");
		free(z.buf);
	}
	/* trailing white space is no harm */
	m[sheet].len = full;
	m[sheet].text = erealloc(m[sheet].text, full + 2);
	memcpy(m[sheet].text + full, "\r\n", 2);
	m[sheet].len = full + 2;
	struct zip z = build_zip(m, n, 8, (size_t)-1, NONE);
	assert_int_equal(check(z.buf, z.len, why), XLSX_CHECK_OK);
	free(z.buf);
	/* nor is a worksheet part under another root element */
	const char *other = "<?xml version=\"1.0\"?>\n<chartsheet/>";
	free(m[sheet].text);
	m[sheet].text = (unsigned char *)estrdup(other);
	m[sheet].len = strlen(other);
	z = build_zip(m, n, 8, (size_t)-1, NONE);
	assert_int_equal(check(z.buf, z.len, why), XLSX_CHECK_BAD);
	assert_string_equal(why, "xl/worksheets/sheet1.xml: the root element is <chartsheet>, not <worksheet>");
	free(z.buf);
	free_members(m, n);
	free(buf);
}

/* libxlsxwriter's constant_memory mode copies each sheet's rows in from a
 * temporary whose writes it does not check: with the disk full there the
 * rows stop early (or inside a row) while the sheet's start and end stay
 * intact. The rows must then run up to the row the <dimension> gives. */
static void test_sheet_rows_dropped(void **state)
{
	(void)state;
	size_t len, n;
	unsigned char *buf = libxlsxwriter_workbook(&len);
	struct member *m = read_members(buf, len, &n);
	char why[256];
	size_t sheet = member_index(m, n, "xl/worksheets/sheet1.xml");
	char *full = estrndup((const char *)m[sheet].text, m[sheet].len);
	assert_non_null(strstr(full, "<dimension ref=\"A1:B3000\"/>"));
	char *mid = strstr(full, "<row r=\"1501\"");
	char *end = strstr(full, "</sheetData>");
	assert_non_null(mid);
	assert_non_null(end);
	struct { size_t keep; const char *want; } cut[] = {
		/* whole rows lost: rows 1501 to 3000 */
		{(size_t)(mid - full), "xl/worksheets/sheet1.xml cut short, its rows end at 1500, "
				       "its <dimension> at 3000"},
		/* lost inside row 1501 */
		{(size_t)(mid - full) + 20, "xl/worksheets/sheet1.xml cut short inside row 1501"},
		/* every row lost */
		{(size_t)(strstr(full, "<row r=\"1\"") - full),
		 "xl/worksheets/sheet1.xml cut short, its rows end at 0, its <dimension> at 3000"},
	};
	for (size_t i = 0; i < sizeof cut / sizeof cut[0]; i++) {
		char *t = easprintf("%.*s%s", (int)cut[i].keep, full, end);
		free(m[sheet].text);
		m[sheet].text = (unsigned char *)t;
		m[sheet].len = strlen(t);
		struct zip z = build_zip(m, n, 8, (size_t)-1, NONE);
		assert_int_equal(check(z.buf, z.len, why), XLSX_CHECK_BAD);
		assert_string_equal(why, cut[i].want);
		free(z.buf);
	}
	free(full);
	free_members(m, n);
	free(buf);
}


/* A stdio buffer of a sheet's temporary lost in the middle, the rows after
 * it written once space was freed (found by test_report_tmpfull at 48 kB
 * free): the sheet's start, its end and its last row are intact, so only
 * the count of what was written gives it away. The workbook of
 * libxlsxwriter_workbook: sheet 1 has 3000 rows of 2 cells, sheet 2 one. */
static void test_sheet_middle_lost(void **state)
{
	(void)state;
	size_t len, n;
	unsigned char *buf = libxlsxwriter_workbook(&len);
	char why[256];
	const struct xlsx_expect wrote[] = {{3000, 6000}, {1, 1}};
	assert_int_equal(xlsx_check_buffer_expect(buf, len, wrote, 2, why, sizeof why), XLSX_CHECK_OK);
	/* the writer's counts must match: one cell fewer or a sheet more is an error */
	const struct xlsx_expect other[] = {{3000, 5999}, {1, 1}};
	assert_int_equal(xlsx_check_buffer_expect(buf, len, other, 2, why, sizeof why), XLSX_CHECK_BAD);
	assert_string_equal(why, "xl/worksheets/sheet1.xml holds 3000 rows and 6000 cells where 3000 "
				 "and 5999 were written");
	assert_int_equal(xlsx_check_buffer_expect(buf, len, wrote, 1, why, sizeof why), XLSX_CHECK_BAD);
	assert_string_equal(why, "xl/worksheets/sheet2.xml: a worksheet the writer did not write");
	/* 4096 bytes lost from the middle of sheet 1: start, end and last row intact */
	struct member *m = read_members(buf, len, &n);
	size_t sheet = member_index(m, n, "xl/worksheets/sheet1.xml");
	size_t from = m[sheet].len / 2;
	memmove(m[sheet].text + from, m[sheet].text + from + 4096, m[sheet].len - from - 4096);
	m[sheet].len -= 4096;
	struct zip z = build_zip(m, n, 8, (size_t)-1, NONE);
	/* the checks without counts cannot see it: the middle is not read */
	int plain = check(z.buf, z.len, why);
	(void)plain;
	assert_int_equal(xlsx_check_buffer_expect(z.buf, z.len, wrote, 2, why, sizeof why), XLSX_CHECK_BAD);
	assert_non_null(strstr(why, "xl/worksheets/sheet1.xml holds "));
	assert_non_null(strstr(why, " where 3000 and 6000 were written"));
	free(z.buf);
	free_members(m, n);
	free(buf);
}

/* The counts across chunk boundaries on an undamaged workbook: sheet 2's
 * cell placed across the boundary of two 64 KiB chunks. */
static void test_counts_across_chunks(void **state)
{
	(void)state;
	size_t len, n;
	unsigned char *buf = libxlsxwriter_workbook(&len);
	struct member *m = read_members(buf, len, &n);
	char why[256];
	size_t s2 = member_index(m, n, "xl/worksheets/sheet2.xml");
	char *orig = estrndup((const char *)m[s2].text, m[s2].len);
	char *row = strstr(orig, "<row "), *cell = strstr(orig, "<c ");
	for (size_t before = 1; before <= 4; before++) {
		size_t at = (size_t)(cell - orig), pad = 65536 - before - at, cut = (size_t)(row - orig);
		char *t = emalloc(strlen(orig) + pad + 1);
		memcpy(t, orig, cut);
		memset(t + cut, ' ', pad);
		strcpy(t + cut + pad, orig + cut);
		free(m[s2].text);
		m[s2].text = (unsigned char *)t;
		m[s2].len = strlen(t);
		for (int method = 0; method <= 8; method += 8) {
			struct zip y = build_zip(m, n, method, (size_t)-1, NONE);
			const struct xlsx_expect wrote[] = {{3000, 6000}, {1, 1}};
			assert_int_equal(xlsx_check_buffer_expect(y.buf, y.len, wrote, 2, why, sizeof why),
					 XLSX_CHECK_OK);
			free(y.buf);
		}
	}
	free(orig);
	free_members(m, n);
	free(buf);
}

static void test_other_xml_cut(void **state)
{
	(void)state;
	size_t len, n;
	unsigned char *buf = libxlsxwriter_workbook(&len);
	struct member *m = read_members(buf, len, &n);
	char why[256];
	const char *parts[][2] = {
		{"xl/workbook.xml", "</workbook>"},
		{"xl/sharedStrings.xml", "</sst>"},
		{"xl/theme/theme1.xml", "</a:theme>"},
		{"[Content_Types].xml", "</Types>"},
		{"_rels/.rels", "</Relationships>"},
		{"docProps/core.xml", "</cp:coreProperties>"},
	};
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		size_t k = member_index(m, n, parts[i][0]);
		size_t full = m[k].len;
		m[k].len = full - 3;
		struct zip z = build_zip(m, n, 8, (size_t)-1, NONE);
		assert_int_equal(check(z.buf, z.len, why), XLSX_CHECK_BAD);
		char *want = easprintf("%s cut short, without its closing %s", parts[i][0], parts[i][1]);
		assert_string_equal(why, want);
		free(want);
		free(z.buf);
		m[k].len = full;
	}
	/* an empty root element is complete; one with a comment before it too */
	size_t k = member_index(m, n, "docProps/app.xml");
	free(m[k].text);
	const char *empty = "<?xml version=\"1.0\"?>\n<!-- a > b --><Properties a=\"/>\"/>\n";
	m[k].text = (unsigned char *)estrdup(empty);
	m[k].len = strlen(empty);
	struct zip z = build_zip(m, n, 8, (size_t)-1, NONE);
	assert_int_equal(check(z.buf, z.len, why), XLSX_CHECK_OK);
	free(z.buf);
	/* a missing part */
	k = member_index(m, n, "xl/workbook.xml");
	m[k].name[3] = 'W';
	z = build_zip(m, n, 8, (size_t)-1, NONE);
	assert_int_equal(check(z.buf, z.len, why), XLSX_CHECK_BAD);
	assert_string_equal(why, "xl/workbook.xml missing");
	free(z.buf);
	free_members(m, n);
	free(buf);
}

static void test_crc_mismatch(void **state)
{
	(void)state;
	size_t len, n;
	unsigned char *buf = libxlsxwriter_workbook(&len);
	struct member *m = read_members(buf, len, &n);
	char why[256];
	size_t k = member_index(m, n, "xl/styles.xml");
	for (int method = 0; method <= 8; method += 8) {
		struct zip z = build_zip(m, n, method, k, WRONG_CRC);
		assert_int_equal(check(z.buf, z.len, why), XLSX_CHECK_BAD);
		assert_non_null(strstr(why, "xl/styles.xml: CRC-32 mismatch"));
		free(z.buf);
	}
	/* a flipped byte inside a stored member */
	struct zip z = build_zip(m, n, 0, (size_t)-1, NONE);
	size_t at = 0;
	while (at + 8 <= z.len && memcmp(z.buf + at, "<cellXfs", 8) != 0)
		at++;
	assert_true(at + 8 <= z.len);
	z.buf[at + 1] ^= 0x20;
	assert_int_equal(check(z.buf, z.len, why), XLSX_CHECK_BAD);
	assert_non_null(strstr(why, "xl/styles.xml: CRC-32 mismatch"));
	free(z.buf);
	free_members(m, n);
	free(buf);
}

static void test_not_a_zip(void **state)
{
	(void)state;
	char why[256];
	const char *texts[] = {"", "PK", "hello, world\n",
			       "<html><body>tabeller</body></html>\n"};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		assert_int_equal(check((const unsigned char *)texts[i], strlen(texts[i]), why),
				 XLSX_CHECK_BAD);
		assert_string_equal(why, "not a zip file");
	}
	/* an end record alone: a zip without members */
	unsigned char eocd[22] = {'P', 'K', 5, 6};
	assert_int_equal(check(eocd, sizeof eocd, why), XLSX_CHECK_BAD);
	assert_string_equal(why, "an empty zip");
	/* 22 bytes of zeros after a file: still no end record */
	unsigned char zeros[4096];
	memset(zeros, 0, sizeof zeros);
	assert_int_equal(check(zeros, sizeof zeros, why), XLSX_CHECK_BAD);

	char *dir = testutil_tmpdir();
	char *path = easprintf("%s/tabeller.xlsx", dir);
	testutil_write_file(path, "a;b\r\n", 5);
	assert_int_equal(xlsx_check_file(path, why, sizeof why), XLSX_CHECK_BAD);
	assert_string_equal(why, "not a zip file");
	char *missing = easprintf("%s/none.xlsx", dir);
	assert_int_equal(xlsx_check_file(missing, why, sizeof why), XLSX_CHECK_IOERR);
	assert_string_equal(why, "No such file or directory");
	assert_int_equal(xlsx_check_file(dir, why, sizeof why), XLSX_CHECK_IOERR);
	free(missing);
	free(path);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_workbook),
		cmocka_unit_test(test_workbook_from_xlsx_write_tables),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_deflate_stream_cut),
		cmocka_unit_test(test_sheet_xml_cut),
		cmocka_unit_test(test_sheet_rows_dropped),
		cmocka_unit_test(test_sheet_middle_lost),
		cmocka_unit_test(test_counts_across_chunks),
		cmocka_unit_test(test_other_xml_cut),
		cmocka_unit_test(test_crc_mismatch),
		cmocka_unit_test(test_not_a_zip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
