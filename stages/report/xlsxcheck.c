#define ZLIB_CONST
#include "xlsxcheck.h"
#include "msg.h"

#include <zlib.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum {
	EOCD_LEN = 22,       /* end-of-central-directory record without its comment */
	CDIR_LEN = 46,       /* central directory entry without name, extra, comment */
	LOCAL_LEN = 30,      /* local file header without name and extra */
	NAME_MAX_SHOWN = 120,
	XML_HEAD = 4096,     /* the root element's start tag must lie in here */
	XML_TAIL = 512,      /* ... and its end tag in here */
	INFLATE_CHUNK = 65536,
	SHEET_TAIL = 262144, /* a worksheet's last row must lie in here */
};

/* What one member inflates to: its size, CRC-32, first and last bytes;
 * for a worksheet (is_sheet) also its last SHEET_TAIL bytes in sheet_tail. */
struct member_text {
	uint64_t size;
	uLong crc;
	int is_sheet;
	unsigned char *sheet_tail; /* SHEET_TAIL bytes, allocated once */
	size_t sheet_tail_len;
	unsigned char head[XML_HEAD];
	size_t head_len;
	unsigned char tail[XML_TAIL];
	size_t tail_len;
	/* a worksheet's "<row " and "<c " start tags, counted across chunks */
	unsigned long rows, cells;
	unsigned char last[4];      /* the 4 bytes before the current chunk */
};

/* Counts the "<row " and "<c " of a worksheet's stream P[0..N). A text can
 * hold neither: "<" is always escaped inside one. */
static void count_tags(struct member_text *m, const unsigned char *p, size_t n)
{
	unsigned char w[5] = {0}; /* the last 5 bytes up to and including p[i] */
	memcpy(w + 1, m->last, 4);
	for (size_t i = 0; i < n; i++) {
		memmove(w, w + 1, 4);
		w[4] = p[i];
		if (w[4] == ' ') {
			if (w[2] == '<' && w[3] == 'c')
				m->cells++;
			else if (memcmp(w, "<row", 4) == 0)
				m->rows++;
		}
	}
	memcpy(m->last, w + 1, 4);
}

static uint16_t rd16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t rd32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static int has_sig(const unsigned char *p, unsigned char a, unsigned char b)
{
	return p[0] == 'P' && p[1] == 'K' && p[2] == a && p[3] == b;
}

/* Formats the reason into WHY; returns XLSX_CHECK_BAD. */
static int bad(char *why, size_t whysz, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int bad(char *why, size_t whysz, const char *fmt, ...)
{
	if (whysz > 0) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(why, whysz, fmt, ap);
		va_end(ap);
	}
	return XLSX_CHECK_BAD;
}

/* A member name made printable for a message (control bytes as '?',
 * shortened): NAME[0..N) -> OUT of NAME_MAX_SHOWN + 4 bytes. */
static void shown_name(const unsigned char *name, size_t n, char *out)
{
	size_t k = n > NAME_MAX_SHOWN ? NAME_MAX_SHOWN : n;
	for (size_t i = 0; i < k; i++)
		out[i] = name[i] < 0x20 || name[i] == 0x7f ? '?' : (char)name[i];
	if (k < n)
		memcpy(out + k, "...", 4);
	else
		out[k] = '\0';
}

/* Keeps the last CAP bytes of a stream in WIN (*LEN of them so far) as
 * P[0..N) is added to it. */
static void window_add(unsigned char *win, size_t *len, size_t cap, const unsigned char *p, size_t n)
{
	if (n >= cap) {
		memcpy(win, p + n - cap, cap);
		*len = cap;
		return;
	}
	size_t keep = *len < cap - n ? *len : cap - n;
	memmove(win, win + *len - keep, keep);
	memcpy(win + keep, p, n);
	*len = keep + n;
}

static void text_add(struct member_text *m, const unsigned char *p, size_t n)
{
	if (m->is_sheet) {
		window_add(m->sheet_tail, &m->sheet_tail_len, SHEET_TAIL, p, n);
		count_tags(m, p, n);
	}
	m->size += n;
	m->crc = crc32(m->crc, p, (uInt)n);
	if (m->head_len < XML_HEAD) {
		size_t k = XML_HEAD - m->head_len < n ? XML_HEAD - m->head_len : n;
		memcpy(m->head + m->head_len, p, k);
		m->head_len += k;
	}
	window_add(m->tail, &m->tail_len, XML_TAIL, p, n);
}

/* Inflates the raw deflate stream DATA[0..CSIZE) into M, stopping once it
 * gives more than USIZE bytes. Returns 0 or XLSX_CHECK_BAD. */
static int inflate_member(const unsigned char *data, size_t csize, uint64_t usize,
			  struct member_text *m, const char *name, char *why, size_t whysz)
{
	z_stream zs;
	memset(&zs, 0, sizeof zs);
	if (inflateInit2(&zs, -MAX_WBITS) != Z_OK)
		return bad(why, whysz, "%s: cannot start inflating (zlib)", name);
	unsigned char *out = emalloc(INFLATE_CHUNK);
	zs.next_in = data;
	zs.avail_in = (uInt)csize;
	int zr, rc = 0;
	do {
		zs.next_out = out;
		zs.avail_out = INFLATE_CHUNK;
		zr = inflate(&zs, Z_NO_FLUSH);
		text_add(m, out, INFLATE_CHUNK - zs.avail_out);
		if (m->size > usize) {
			rc = bad(why, whysz, "%s: longer than the %llu bytes the central directory gives",
				 name, (unsigned long long)usize);
			break;
		}
	} while (zr == Z_OK);
	if (rc == 0) {
		if (zr == Z_BUF_ERROR && zs.avail_in == 0)
			rc = bad(why, whysz, "%s cut short, its compressed data ends early", name);
		else if (zr == Z_MEM_ERROR)
			rc = bad(why, whysz, "%s: out of memory while inflating", name);
		else if (zr != Z_STREAM_END)
			rc = bad(why, whysz, "%s: corrupt compressed data: %s", name,
				 zs.msg ? zs.msg : "zlib error");
		else if (zs.avail_in != 0)
			rc = bad(why, whysz, "%s: %u stray bytes after its compressed data", name,
				 zs.avail_in);
	}
	inflateEnd(&zs);
	free(out);
	return rc;
}

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The index just past the first CLOSE in S[I..N), or N if there is none. */
static size_t skip_past(const unsigned char *s, size_t n, size_t i, const char *close)
{
	size_t k = strlen(close);
	for (; i + k <= n; i++)
		if (memcmp(s + i, close, k) == 0)
			return i + k;
	return n;
}

/* Checks that the XML part in M ends with the end tag of its root element
 * (or is one empty root element). WANT_ROOT, when not NULL, is the root's
 * required name. Returns 0 or XLSX_CHECK_BAD. */
static int xml_complete(const struct member_text *m, const char *want_root, const char *name,
			char *why, size_t whysz)
{
	const unsigned char *h = m->head;
	size_t n = m->head_len, i = 0;
	if (n >= 3 && h[0] == 0xEF && h[1] == 0xBB && h[2] == 0xBF)
		i = 3;
	for (;;) { /* prolog: declaration, comments, doctype, white space */
		while (i < n && is_space(h[i]))
			i++;
		if (i + 1 < n && h[i] == '<' && h[i + 1] == '?')
			i = skip_past(h, n, i + 2, "?>");
		else if (i + 3 < n && memcmp(h + i, "<!--", 4) == 0)
			i = skip_past(h, n, i + 4, "-->");
		else if (i + 1 < n && h[i] == '<' && h[i + 1] == '!')
			i = skip_past(h, n, i + 2, ">");
		else
			break;
	}
	if (m->size == 0)
		return bad(why, whysz, "%s is empty", name);
	if (i >= n || h[i] != '<')
		return bad(why, whysz, "%s: no root element at its start", name);
	size_t r0 = ++i;
	while (i < n && !is_space(h[i]) && h[i] != '/' && h[i] != '>')
		i++;
	size_t rlen = i - r0;
	if (rlen == 0 || i >= n || rlen > 200)
		return bad(why, whysz, "%s: no root element at its start", name);
	char root[201];
	memcpy(root, h + r0, rlen);
	root[rlen] = '\0';
	if (want_root && strcmp(root, want_root) != 0)
		return bad(why, whysz, "%s: the root element is <%s>, not <%s>", name, root, want_root);

	/* the end, white space dropped */
	size_t t = m->tail_len;
	while (t > 0 && is_space(m->tail[t - 1]))
		t--;
	uint64_t trimmed = m->size - (m->tail_len - t);
	char end[210];
	int elen = snprintf(end, sizeof end, "</%s>", root);
	if (t >= (size_t)elen && memcmp(m->tail + t - (size_t)elen, end, (size_t)elen) == 0)
		return 0;
	/* an empty root: its start tag ends with "/>" and nothing follows */
	char quote = 0;
	for (; i < n; i++) {
		if (quote) {
			if (h[i] == quote)
				quote = 0;
		} else if (h[i] == '"' || h[i] == '\'') {
			quote = (char)h[i];
		} else if (h[i] == '>') {
			if (h[i - 1] == '/' && trimmed == i + 1)
				return 0;
			break;
		}
	}
	return bad(why, whysz, "%s cut short, without its closing %s", name, end);
}

/* The index of the first PAT in S[I..N), or N if there is none. */
static size_t find(const unsigned char *s, size_t n, size_t i, const char *pat)
{
	size_t k = strlen(pat);
	for (; i + k <= n; i++)
		if (s[i] == (unsigned char)pat[0] && memcmp(s + i, pat, k) == 0)
			return i;
	return n;
}

/* Parses the digits at S[I..N) into *V; returns the index after them, or I
 * when there is none (or too many). */
static size_t digits(const unsigned char *s, size_t n, size_t i, unsigned long *v)
{
	size_t j = i;
	*v = 0;
	while (j < n && j - i < 9 && s[j] >= '0' && s[j] <= '9')
		*v = *v * 10 + (unsigned long)(s[j++] - '0');
	return j < n && s[j] >= '0' && s[j] <= '9' ? i : j;
}

/* A worksheet's rows, which libxlsxwriter's constant_memory mode copies in
 * from a temporary whose writes it does not check: a full disk there ends
 * the rows early (or inside a row) while the sheet's start and end are
 * intact. So the rows must end with a closed row whose number is the last
 * row of the sheet's <dimension ref="A1:Q431">, which libxlsxwriter counts
 * as the cells are written. M holds the sheet's first bytes (the dimension)
 * and its last SHEET_TAIL bytes (the last row). Returns 0 or
 * XLSX_CHECK_BAD. */
static int sheet_rows_complete(const struct member_text *m, const char *name, char *why,
			       size_t whysz)
{
	const unsigned char *h = m->head;
	size_t hn = m->head_len;
	size_t d = find(h, hn, 0, "<dimension ref=\"");
	if (d == hn)
		return bad(why, whysz, "%s: no <dimension> at its start", name);
	d += strlen("<dimension ref=\"");
	size_t q = find(h, hn, d, "\"");
	size_t colon = find(h, q, d, ":");
	size_t c = colon < q ? colon + 1 : d;
	while (c < q && h[c] >= 'A' && h[c] <= 'Z')
		c++;
	unsigned long last_row;
	if (q == hn || digits(h, q, c, &last_row) != q || last_row == 0)
		return bad(why, whysz, "%s: a <dimension> without a row number", name);

	const unsigned char *s = m->sheet_tail;
	size_t n = m->sheet_tail_len;
	int whole = m->size == n; /* the window holds the whole sheet */
	size_t end = find(s, n, 0, "</sheetData>");
	if (end == n) /* <sheetData/>: no rows; libxlsxwriter then says A1 */
		return last_row == 1 && find(s, n, 0, "<sheetData/>") < n
			       ? 0
			       : bad(why, whysz, "%s cut short, no </sheetData>", name);
	/* the last row: the last "<row " before </sheetData> */
	size_t i = end, row = end;
	while (i > 0) {
		i--;
		if (i + 5 <= end && memcmp(s + i, "<row ", 5) == 0) {
			row = i;
			break;
		}
		if (i + 10 <= end && memcmp(s + i, "<sheetData", 10) == 0)
			break;
	}
	unsigned long r = 0;
	if (row == end) {
		if (!whole && i == 0)
			return bad(why, whysz, "%s: no row in its last %d KiB, cannot check it", name,
				   SHEET_TAIL / 1024);
	} else if (row + 8 > end || memcmp(s + row + 5, "r=\"", 3) != 0 ||
		   digits(s, end, row + 8, &r) == row + 8) {
		return bad(why, whysz, "%s: a row without its number", name);
	}
	size_t t = end;
	while (t > 0 && is_space(s[t - 1]))
		t--;
	if (r > 0 && (t < row + 6 || memcmp(s + t - 6, "</row>", 6) != 0))
		return bad(why, whysz, "%s cut short inside row %lu", name, r);
	if (r != last_row)
		return bad(why, whysz, "%s cut short, its rows end at %lu, its <dimension> at %lu",
			   name, r, last_row);
	return 0;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* 1 if NAME is xl/worksheets/sheet<digits>.xml. */
static int is_worksheet(const char *name)
{
	const char *p = "xl/worksheets/sheet";
	size_t pl = strlen(p);
	if (strncmp(name, p, pl) != 0)
		return 0;
	size_t d = strspn(name + pl, "0123456789");
	return d > 0 && strcmp(name + pl + d, ".xml") == 0;
}

/* The number N of xl/worksheets/sheetN.xml (a worksheet's name), 0 if none. */
static unsigned long sheet_number(const char *name)
{
	return strtoul(name + strlen("xl/worksheets/sheet"), NULL, 10);
}

int xlsx_check_buffer(const unsigned char *buf, size_t len, char *why, size_t whysz)
{
	return xlsx_check_buffer_expect(buf, len, NULL, 0, why, whysz);
}

int xlsx_check_buffer_expect(const unsigned char *buf, size_t len, const struct xlsx_expect *expect,
			     size_t nexpect, char *why, size_t whysz)
{
	if (whysz > 0)
		why[0] = '\0';
	/* the end record: the last 22 bytes unless there is a comment */
	size_t eocd = SIZE_MAX;
	if (len >= EOCD_LEN) {
		size_t lo = len - EOCD_LEN > 65535 ? len - EOCD_LEN - 65535 : 0;
		for (size_t p = len - EOCD_LEN + 1; p-- > lo;) {
			if (has_sig(buf + p, 5, 6) && p + EOCD_LEN + rd16(buf + p + 20) == len) {
				eocd = p;
				break;
			}
		}
	}
	if (eocd == SIZE_MAX) {
		if (len >= 4 && has_sig(buf, 3, 4))
			return bad(why, whysz, "the zip cut short, no end-of-central-directory record");
		return bad(why, whysz, "not a zip file");
	}
	const unsigned char *e = buf + eocd;
	uint16_t n_disk = rd16(e + 8), n_total = rd16(e + 10);
	uint32_t cd_size = rd32(e + 12), cd_off = rd32(e + 16);
	if (n_total == 0xFFFF || cd_size == 0xFFFFFFFF || cd_off == 0xFFFFFFFF ||
	    (eocd >= 20 && has_sig(buf + eocd - 20, 6, 7)))
		return bad(why, whysz, "a zip64 file, which this program does not write");
	if (rd16(e + 4) != 0 || rd16(e + 6) != 0 || n_disk != n_total)
		return bad(why, whysz, "a zip split over several disks");
	if ((uint64_t)cd_off + cd_size != eocd)
		return bad(why, whysz, "the central directory is not where the end record says");
	if (n_total == 0)
		return bad(why, whysz, "an empty zip");

	int have_types = 0, have_workbook = 0;
	size_t p = cd_off;
	struct member_text *m = ecalloc(1, sizeof *m);
	int rc = XLSX_CHECK_OK;
	for (unsigned k = 0; k < n_total && rc == XLSX_CHECK_OK; k++) {
		if (p + CDIR_LEN > eocd || !has_sig(buf + p, 1, 2)) {
			rc = bad(why, whysz, "central directory entry %u of %u is damaged", k + 1,
				 (unsigned)n_total);
			break;
		}
		const unsigned char *c = buf + p;
		uint16_t flags = rd16(c + 8), method = rd16(c + 10);
		uint32_t crc = rd32(c + 16), csize = rd32(c + 20), usize = rd32(c + 24);
		uint16_t nlen = rd16(c + 28), xlen = rd16(c + 30), clen = rd16(c + 32);
		uint32_t loff = rd32(c + 42);
		if (p + CDIR_LEN + nlen + xlen + clen > eocd) {
			rc = bad(why, whysz, "central directory entry %u of %u is damaged", k + 1,
				 (unsigned)n_total);
			break;
		}
		const unsigned char *rawname = c + CDIR_LEN;
		char name[NAME_MAX_SHOWN + 4];
		shown_name(rawname, nlen, name);
		p += CDIR_LEN + (size_t)nlen + xlen + clen;

		if (flags & 1) {
			rc = bad(why, whysz, "%s: encrypted", name);
			break;
		}
		if (method != 0 && method != 8) {
			rc = bad(why, whysz, "%s: compression method %u, neither stored nor deflated", name,
				 (unsigned)method);
			break;
		}
		if (csize == 0xFFFFFFFF || usize == 0xFFFFFFFF || loff == 0xFFFFFFFF) {
			rc = bad(why, whysz, "%s: zip64 sizes, which this program does not write", name);
			break;
		}
		if ((uint64_t)loff + LOCAL_LEN > cd_off || !has_sig(buf + loff, 3, 4)) {
			rc = bad(why, whysz, "%s: its local header is missing or damaged", name);
			break;
		}
		const unsigned char *l = buf + loff;
		uint16_t lnlen = rd16(l + 26), lxlen = rd16(l + 28);
		uint64_t data = (uint64_t)loff + LOCAL_LEN + lnlen + lxlen;
		if (lnlen != nlen || data > cd_off || memcmp(l + LOCAL_LEN, rawname, nlen) != 0) {
			rc = bad(why, whysz, "%s: its local header does not match the central directory",
				 name);
			break;
		}
		if (data + csize > cd_off) {
			rc = bad(why, whysz, "%s cut short, its data runs into the central directory",
				 name);
			break;
		}

		unsigned char *sheet_tail = m->sheet_tail;
		memset(m, 0, sizeof *m);
		m->sheet_tail = sheet_tail; /* reused from member to member */
		m->crc = crc32(0L, Z_NULL, 0);
		m->is_sheet = nlen <= NAME_MAX_SHOWN && is_worksheet(name);
		if (m->is_sheet && !m->sheet_tail)
			m->sheet_tail = emalloc(SHEET_TAIL);
		if (method == 8) {
			rc = inflate_member(buf + data, csize, usize, m, name, why, whysz);
			if (rc != XLSX_CHECK_OK)
				break;
		} else {
			if (csize != usize) {
				rc = bad(why, whysz, "%s: stored with %lu bytes, the central directory says %lu",
					 name, (unsigned long)csize, (unsigned long)usize);
				break;
			}
			for (size_t off = 0; off < csize; off += INFLATE_CHUNK)
				text_add(m, buf + data + off,
					 csize - off < INFLATE_CHUNK ? csize - off : INFLATE_CHUNK);
		}
		if (m->size != usize) {
			rc = bad(why, whysz, "%s cut short, %llu bytes where the central directory says %lu",
				 name, (unsigned long long)m->size, (unsigned long)usize);
			break;
		}
		if (m->crc != crc) {
			rc = bad(why, whysz, "%s: CRC-32 mismatch, %08lx where the central directory says %08lx",
				 name, (unsigned long)m->crc, (unsigned long)crc);
			break;
		}
		/* the shown name stands for the raw one unless it was shortened
		 * (a control byte shown as '?' matches none of the names below) */
		int whole = nlen <= NAME_MAX_SHOWN;
		if (whole && strcmp(name, "[Content_Types].xml") == 0)
			have_types = 1;
		if (whole && strcmp(name, "xl/workbook.xml") == 0)
			have_workbook = 1;
		if (whole && (ends_with(name, ".xml") || ends_with(name, ".rels")))
			rc = xml_complete(m, is_worksheet(name) ? "worksheet" : NULL, name, why, whysz);
		if (rc == XLSX_CHECK_OK && m->is_sheet)
			rc = sheet_rows_complete(m, name, why, whysz);
		if (rc == XLSX_CHECK_OK && m->is_sheet && expect) {
			unsigned long k = sheet_number(name);
			if (k == 0 || k > nexpect)
				rc = bad(why, whysz, "%s: a worksheet the writer did not write", name);
			else if (m->rows != expect[k - 1].rows || m->cells != expect[k - 1].cells)
				rc = bad(why, whysz, "%s holds %lu rows and %lu cells where %lu and %lu were "
					 "written", name, m->rows, m->cells, expect[k - 1].rows,
					 expect[k - 1].cells);
		}
		if (rc != XLSX_CHECK_OK)
			break;
	}
	free(m->sheet_tail);
	free(m);
	if (rc == XLSX_CHECK_OK && p != eocd)
		rc = bad(why, whysz, "the central directory holds more than its %u entries",
			 (unsigned)n_total);
	if (rc == XLSX_CHECK_OK && !have_types)
		rc = bad(why, whysz, "[Content_Types].xml missing");
	if (rc == XLSX_CHECK_OK && !have_workbook)
		rc = bad(why, whysz, "xl/workbook.xml missing");
	return rc;
}

int xlsx_check_file(const char *path, char *why, size_t whysz)
{
	return xlsx_check_file_expect(path, NULL, 0, why, whysz);
}

int xlsx_check_file_expect(const char *path, const struct xlsx_expect *expect, size_t nexpect,
			   char *why, size_t whysz)
{
	if (whysz > 0)
		why[0] = '\0';
	int fd = open(path, O_RDONLY);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0) {
		snprintf(why, whysz, "%s", strerror(errno));
		if (fd >= 0)
			close(fd);
		return XLSX_CHECK_IOERR;
	}
	/* without zip64 a zip is below 4 GiB plus a comment */
	if ((uint64_t)st.st_size > (uint64_t)UINT32_MAX + EOCD_LEN + 65535) {
		close(fd);
		return bad(why, whysz, "larger than a zip without zip64 can be");
	}
	size_t len = (size_t)st.st_size, got = 0;
	unsigned char *buf = emalloc(len ? len : 1);
	while (got < len) {
		ssize_t r = read(fd, buf + got, len - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			snprintf(why, whysz, "%s", r < 0 ? strerror(errno) : "the file shrank while read");
			close(fd);
			free(buf);
			return XLSX_CHECK_IOERR;
		}
		got += (size_t)r;
	}
	close(fd);
	int rc = xlsx_check_buffer_expect(buf, len, expect, nexpect, why, whysz);
	free(buf);
	return rc;
}
