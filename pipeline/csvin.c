#include "csvin.h"
#include "msg.h"

#include <csv.h>
#include <errno.h>
#include <sodium.h>
#include <string.h>

#define DEFAULT_CHUNK (64 * 1024)
#define DEFAULT_DETECT (1024 * 1024)

/* Unicode code points of Windows-1252 bytes 0x80..0x9F; 0 = undefined. */
static const unsigned short cp1252_high[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

const char *csvin_encoding_name(enum csvin_encoding e)
{
	switch (e) {
	case CSVIN_UTF8: return "UTF-8";
	case CSVIN_UTF8_BOM: return "UTF-8 (BOM)";
	case CSVIN_WINDOWS_1252: return "Windows-1252";
	case CSVIN_UTF16LE: return "UTF-16LE";
	case CSVIN_UTF16LE_BOM: return "UTF-16LE (BOM)";
	case CSVIN_UTF16BE: return "UTF-16BE";
	case CSVIN_UTF16BE_BOM: return "UTF-16BE (BOM)";
	}
	return "?";
}

int csvin_encoding_converted(enum csvin_encoding e)
{
	return e != CSVIN_UTF8 && e != CSVIN_UTF8_BOM;
}

static int is_utf16(enum csvin_encoding e)
{
	return e == CSVIN_UTF16LE || e == CSVIN_UTF16LE_BOM || e == CSVIN_UTF16BE ||
	       e == CSVIN_UTF16BE_BOM;
}

static int is_big_endian(enum csvin_encoding e)
{
	return e == CSVIN_UTF16BE || e == CSVIN_UTF16BE_BOM;
}

/* Length of the UTF-8 sequence at S (1..4), 0 if invalid, -1 if valid so far
 * but cut off by the end of the buffer. */
static int utf8_seq(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	if (c < 0x80)
		return 1;
	int len;
	unsigned char lo = 0x80, hi = 0xBF;
	if (c >= 0xC2 && c <= 0xDF)
		len = 2;
	else if (c == 0xE0) {
		len = 3;
		lo = 0xA0;
	} else if (c == 0xED) {
		len = 3;
		hi = 0x9F; /* no surrogates */
	} else if (c >= 0xE1 && c <= 0xEF)
		len = 3;
	else if (c == 0xF0) {
		len = 4;
		lo = 0x90;
	} else if (c >= 0xF1 && c <= 0xF3)
		len = 4;
	else if (c == 0xF4) {
		len = 4;
		hi = 0x8F;
	} else
		return 0;
	for (int i = 1; i < len; i++) {
		if ((size_t)i >= n)
			return -1;
		unsigned char lim_lo = i == 1 ? lo : 0x80;
		unsigned char lim_hi = i == 1 ? hi : 0xBF;
		if (s[i] < lim_lo || s[i] > lim_hi)
			return 0;
	}
	return len;
}

size_t utf8_valid_prefix(const char *s, size_t n, int *truncated_tail)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	if (truncated_tail)
		*truncated_tail = 0;
	while (i < n) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		int len = utf8_seq(p + i, n - i);
		if (len == 0)
			return i;
		if (len < 0) {
			if (truncated_tail)
				*truncated_tail = 1;
			return n;
		}
		i += (size_t)len;
	}
	return i;
}

int utf8_valid(const char *s, size_t n)
{
	int trunc;
	return utf8_valid_prefix(s, n, &trunc) == n && !trunc;
}

size_t cp1252_to_utf8(const char *in, size_t n, char *out)
{
	const unsigned char *p = (const unsigned char *)in;
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned cp = p[i];
		if (cp >= 0x80 && cp < 0xA0) {
			cp = cp1252_high[cp - 0x80];
			if (!cp) {
				out[o] = '\0';
				return (size_t)-1;
			}
		}
		if (cp < 0x80)
			out[o++] = (char)cp;
		else if (cp < 0x800) {
			out[o++] = (char)(0xC0 | (cp >> 6));
			out[o++] = (char)(0x80 | (cp & 0x3F));
		} else {
			out[o++] = (char)(0xE0 | (cp >> 12));
			out[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
			out[o++] = (char)(0x80 | (cp & 0x3F));
		}
	}
	out[o] = '\0';
	return o;
}

/* Writes code point CP (< 0x110000) as UTF-8 at OUT; returns its length. */
static size_t put_utf8(unsigned cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t utf16_to_utf8(const char *in, size_t n, int big_endian, int final, char *out, size_t *used)
{
	const unsigned char *p = (const unsigned char *)in;
	size_t i = 0, o = 0;
	while (i + 1 < n) {
		unsigned u = big_endian ? (unsigned)p[i] << 8 | p[i + 1] : (unsigned)p[i + 1] << 8 | p[i];
		if (u >= 0xD800 && u <= 0xDBFF) {
			if (i + 3 >= n) {
				if (!final)
					break; /* the low surrogate comes with the next block */
				out[o++] = (char)0xFF;
				i += 2;
				continue;
			}
			unsigned v = big_endian ? (unsigned)p[i + 2] << 8 | p[i + 3]
						: (unsigned)p[i + 3] << 8 | p[i + 2];
			if (v < 0xDC00 || v > 0xDFFF) {
				out[o++] = (char)0xFF;
				i += 2;
				continue;
			}
			o += put_utf8(0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00), out + o);
			i += 4;
		} else if (u >= 0xDC00 && u <= 0xDFFF) {
			out[o++] = (char)0xFF;
			i += 2;
		} else {
			o += put_utf8(u, out + o);
			i += 2;
		}
	}
	if (final && i < n) {
		out[o++] = (char)0xFF; /* an odd last byte */
		i = n;
	}
	*used = i;
	return o;
}

struct reader {
	const char *name;
	enum csvin_encoding encoding;
	csvin_row_fn row_fn;
	void *ctx;
	int stop;          /* callback's nonzero return, or -1 (out of memory) */
	long cur_line;     /* physical line the next record starts on */
	long nl_in_fields; /* newlines inside the current record's fields */
	struct csvin_row row;
	size_t cap_fields;
	char *conv;        /* Windows-1252 conversion buffer */
	size_t conv_cap;
	long blank_lines;
	int pending_lf;     /* the last record ended with CR: its LF comes next */
	size_t max_bytes;   /* 0: no limit */
	size_t field_limit; /* max_bytes + 2: what libcsv's buffer may hold of
			     * one field (its text, and a closing quote and a
			     * space that libcsv removes when the field ends) */
	int field_overflow; /* the current field reached field_limit: its
			     * text was dropped */
	size_t row_bytes;   /* bytes of the current record so far */
	int oom;            /* a row buffer could not grow: fatal */
};

/* Line ends in S[0..n): LF, CRLF or a lone CR, one each. NEXT is the byte
 * after S (0 at the end of a field), so a CR whose LF follows counts once. */
static long count_line_ends(const char *s, size_t n, char next)
{
	long count = 0;
	for (size_t i = 0; i < n; i++) {
		char after = i + 1 < n ? s[i + 1] : next;
		if (s[i] == '\n' || (s[i] == '\r' && after != '\n'))
			count++;
	}
	return count;
}

/* realloc that leaves a flag instead of exiting: libcsv's callbacks must
 * not exit, and the message (which names the file) comes after parsing. */
static void *grow(struct reader *r, void *p, size_t n)
{
	void *q = realloc(p, n);
	if (!q) {
		r->oom = 1;
		r->stop = -1;
	}
	return q;
}

/* Makes room for one more field in the row's arrays: 0 or -1 (oom). */
static int reserve_field(struct reader *r)
{
	struct csvin_row *row = &r->row;
	if (row->nfields < r->cap_fields)
		return 0;
	size_t cap = r->cap_fields ? 2 * r->cap_fields : 16;
	char **field = grow(r, row->field, cap * sizeof *row->field);
	if (!field)
		return -1;
	row->field = field;
	size_t *len = grow(r, row->len, cap * sizeof *row->len);
	if (!len)
		return -1;
	row->len = len;
	for (size_t i = r->cap_fields; i < cap; i++) {
		row->field[i] = NULL;
		row->len[i] = 0;
	}
	r->cap_fields = cap;
	return 0;
}

static void add_field(struct reader *r, const char *data, size_t len)
{
	struct csvin_row *row = &r->row;
	size_t col = row->nfields + 1;
	const char *src = data ? data : "";
	/* line ends inside a quoted field: LF, CRLF or a lone CR, one each */
	r->nl_in_fields += count_line_ends(src, len, '\0');
	if (r->max_bytes && !row->oversized) {
		int too_long = r->field_overflow || len > r->max_bytes;
		r->row_bytes += len + (col > 1);
		if (too_long)
			row->oversized_col = col;
		if (too_long || r->row_bytes > r->max_bytes)
			row->oversized = 1;
	}
	r->field_overflow = 0;
	if (row->oversized) {
		/* counted, not kept: memory stays bounded by max_bytes */
		row->nfields++;
		return;
	}
	if (reserve_field(r) != 0)
		return;
	if (!row->bad_col && memchr(src, '\0', len)) {
		row->bad_col = col;
		row->bad_reason = "NUL byte in field";
	}
	size_t need = len + 1;
	int invalid = 0;
	if (r->encoding == CSVIN_WINDOWS_1252) {
		if (r->conv_cap < 3 * len + 1) {
			char *conv = grow(r, r->conv, 3 * len + 1);
			if (!conv)
				return;
			r->conv = conv;
			r->conv_cap = 3 * len + 1;
		}
		size_t out = cp1252_to_utf8(src, len, r->conv);
		if (out == (size_t)-1) {
			invalid = 1;
		} else {
			src = r->conv;
			len = out;
			need = len + 1;
		}
	} else if (!utf8_valid(src, len)) {
		invalid = 1;
	}
	if (invalid && !row->bad_col) {
		row->bad_col = col;
		row->bad_reason = r->encoding == CSVIN_WINDOWS_1252 ? "byte undefined in Windows-1252"
				  : is_utf16(r->encoding)           ? "invalid UTF-16"
								    : "invalid UTF-8";
	}
	/* Reuse the field's buffer; the capacity lives in a hidden header
	 * size_t just before the string. */
	char *buf = row->field[row->nfields];
	size_t cap = buf ? ((size_t *)(void *)buf)[-1] : 0;
	if (cap < need) {
		size_t *block = grow(r, buf ? (size_t *)(void *)buf - 1 : NULL, sizeof(size_t) + need);
		if (!block)
			return;
		block[0] = need;
		buf = (char *)(block + 1);
		row->field[row->nfields] = buf;
	}
	memcpy(buf, src, len);
	buf[len] = '\0';
	row->len[row->nfields] = len;
	row->nfields++;
}

static void on_field(void *data, size_t len, void *vr)
{
	struct reader *r = vr;
	if (r->stop)
		return;
	if (r->row.nfields == 0) {
		r->row.line = r->cur_line;
		r->row.bad_col = 0;
		r->row.bad_reason = NULL;
		r->row.oversized = 0;
		r->row.oversized_col = 0;
		r->row_bytes = 0;
	}
	add_field(r, data, len);
}

/* 1 if every field of ROW is empty or only spaces and tabs: a spreadsheet's
 * empty row saved as ";;;;" (or ", , ,"). */
static int all_fields_empty(const struct csvin_row *row)
{
	if (row->oversized)
		return 0;
	for (size_t i = 0; i < row->nfields; i++)
		for (size_t k = 0; k < row->len[i]; k++)
			if (row->field[i][k] != ' ' && row->field[i][k] != '\t')
				return 0;
	return 1;
}

static void on_record(int c, void *vr)
{
	struct reader *r = vr;
	if (r->stop)
		return;
	/* libcsv reports every CR and LF (CSV_REPALL_NL). A record ended by CR
	 * counts its line at once (a file may end its lines with CR alone); the
	 * LF that follows such a CR is the rest of a CRLF and counts nothing. */
	if (r->row.nfields == 0) {
		/* a terminator outside any record: a blank line, or the LF of a
		 * CRLF whose CR ended the line before it */
		if (c == '\n' && r->pending_lf) {
			r->pending_lf = 0;
			return;
		}
		if (c == '\n' || c == '\r') {
			r->cur_line++;
			r->blank_lines++;
		}
		r->pending_lf = (c == '\r');
		return;
	}
	r->cur_line += r->nl_in_fields + (c == '\n' || c == '\r' ? 1 : 0);
	r->nl_in_fields = 0;
	int rc = 0;
	if (all_fields_empty(&r->row))
		r->blank_lines++; /* no line end inside: it is one line */
	else
		rc = r->row_fn(r->ctx, &r->row);
	r->row.nfields = 0;
	r->pending_lf = (c == '\r');
	if (rc)
		r->stop = rc;
}

static int is_space_char(unsigned char c)
{
	return c == ' ';
}

static char detect_delimiter(const char *buf, size_t n)
{
	size_t count[3] = {0, 0, 0};
	int quoted = 0;
	for (size_t i = 0; i < n; i++) {
		char c = buf[i];
		if (c == '"')
			quoted = !quoted;
		else if (!quoted && (c == '\n' || c == '\r'))
			break;
		else if (!quoted && c == ',')
			count[0]++;
		else if (!quoted && c == ';')
			count[1]++;
		else if (!quoted && c == '\t')
			count[2]++;
	}
	if (count[2] >= count[0] && count[2] >= count[1] && count[2] > 0)
		return '\t';
	if (count[1] > count[0])
		return ';';
	return ',';
}

/* The current field filled libcsv's buffer up to field_limit: it is longer
 * than max_bytes. Counts the line ends in its text and drops the text but
 * for the last byte or two, which libcsv still subtracts when the field ends
 * (a closing quote, and spaces after it or at the end of an unquoted field;
 * one space stands for any number, since only "are there any" matters to
 * libcsv). This writes entry_pos and spaces of libcsv 3.0's public struct
 * csv_parser (csv.h: "current position in entry_buf", "number of continuous
 * spaces"). Parsing then goes on as before, so the record ends where it
 * would have, quoted newlines and all; the field is reported oversized. */
static void drop_field_text(struct csv_parser *p, struct reader *r)
{
	size_t spaces = p->spaces ? 1 : 0;
	size_t keep = spaces + 1;
	size_t cut = p->entry_pos - keep;
	const char *text = (const char *)p->entry_buf;
	r->nl_in_fields += count_line_ends(text, cut, text[cut]);
	memmove(p->entry_buf, p->entry_buf + cut, keep);
	p->entry_pos = keep;
	p->spaces = spaces;
	r->field_overflow = 1;
}

static int parse_block(struct csv_parser *p, struct reader *r, const char *buf,
		       size_t n, size_t chunk)
{
	while (n > 0 && !r->stop) {
		size_t take = n < chunk ? n : chunk;
		if (r->max_bytes) {
			/* never let a field pass field_limit inside libcsv: stop
			 * the call where it would reach it (each byte adds at
			 * most one), so the limit falls on the same byte
			 * whatever the chunk size */
			if (p->entry_pos >= r->field_limit) {
				drop_field_text(p, r);
				continue;
			}
			size_t room = r->field_limit - p->entry_pos;
			if (take > room)
				take = room;
		}
		if (csv_parse(p, buf, take, on_field, on_record, r) != take) {
			int err = csv_error(p);
			long line = r->row.nfields ? r->row.line : r->cur_line;
			if (err == CSV_EPARSE)
				msg_error_at(r->name, line,
					     "malformed quoting (a quote inside an unquoted field, or text after a closing quote)");
			else if (err == CSV_ENOMEM)
				msg_error_at(r->name, line, "out of memory reading a long field");
			else
				msg_error_at(r->name, line, "%s", csv_strerror(err));
			return -1;
		}
		buf += take;
		n -= take;
	}
	return 0;
}

/* An Excel workbook saved under a .csv name: its kind, or NULL. */
static const char *excel_kind(const char *buf, size_t n)
{
	if (n >= 4 && memcmp(buf, "PK\x03\x04", 4) == 0)
		return "xlsx";
	if (n >= 4 && memcmp(buf, "\xD0\xCF\x11\xE0", 4) == 0)
		return "xls";
	return NULL;
}

/* UTF-16 by its byte-order mark, or without one by its zero bytes: a CSV
 * header is mostly ASCII, which UTF-16 writes with a zero in every other
 * byte (after each character in LE, before it in BE), and text in UTF-8 or
 * Windows-1252 has no zero bytes. Returns 1 and sets *E and *BOM, or 0. */
static int detect_utf16(const char *buf, size_t n, enum csvin_encoding *e, size_t *bom)
{
	const unsigned char *b = (const unsigned char *)buf;
	*bom = 0;
	if (n >= 2 && b[0] == 0xFF && b[1] == 0xFE) {
		*e = CSVIN_UTF16LE_BOM;
		*bom = 2;
		return 1;
	}
	if (n >= 2 && b[0] == 0xFE && b[1] == 0xFF) {
		*e = CSVIN_UTF16BE_BOM;
		*bom = 2;
		return 1;
	}
	size_t pairs = (n < 4096 ? n : 4096) / 2, le = 0, be = 0;
	for (size_t i = 0; i < pairs; i++) {
		if (b[2 * i] && !b[2 * i + 1])
			le++;
		else if (!b[2 * i] && b[2 * i + 1])
			be++;
	}
	if (pairs < 2)
		return 0;
	if (2 * le > pairs) {
		*e = CSVIN_UTF16LE;
		return 1;
	}
	if (2 * be > pairs) {
		*e = CSVIN_UTF16BE;
		return 1;
	}
	return 0;
}

int csvin_read_fp(FILE *fp, const char *name, const struct csvin_options *opt,
		  csvin_row_fn row_fn, void *ctx, struct csvin_info *info)
{
	struct csvin_options defaults = {0, 0, 0, 0};
	struct csvin_info local_info;
	if (!opt)
		opt = &defaults;
	if (!info)
		info = &local_info;
	memset(info, 0, sizeof *info);
	size_t chunk = opt->chunk_size ? opt->chunk_size : DEFAULT_CHUNK;
	size_t detect = opt->detect_size ? opt->detect_size : DEFAULT_DETECT;
	/* the detection block grows as it fills, so a small file costs little;
	 * later blocks are read after up to 3 bytes of a UTF-16 character cut
	 * off at the end of the block before */
	size_t bufsize = chunk + 4 < 65536 ? 65536 : chunk + 4;
	char *buf = emalloc(bufsize);
	crypto_hash_sha256_state sha;
	crypto_hash_sha256_init(&sha);

	/* first block: detection */
	size_t n = 0;
	while (n < detect) {
		if (n == bufsize) {
			bufsize = bufsize * 2 < detect ? bufsize * 2 : detect;
			buf = erealloc(buf, bufsize);
		}
		size_t want = (bufsize < detect ? bufsize : detect) - n;
		size_t got = fread(buf + n, 1, want, fp);
		if (got == 0)
			break;
		n += got;
	}
	if (ferror(fp)) {
		msg_error_at(name, 0, "read error: %s", strerror(errno));
		free(buf);
		return -1;
	}
	const char *excel = excel_kind(buf, n);
	if (excel) {
		msg_error_at(name, 0, "is an Excel workbook (%s), not CSV: save as CSV UTF-8", excel);
		free(buf);
		return -1;
	}
	crypto_hash_sha256_update(&sha, (const unsigned char *)buf, n);
	info->bytes = n;
	size_t skip = 0;
	if (detect_utf16(buf, n, &info->encoding, &skip)) {
		/* converted below */
	} else if (n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		info->encoding = CSVIN_UTF8_BOM;
		skip = 3;
	} else {
		int trunc;
		size_t ok = utf8_valid_prefix(buf, n, &trunc);
		info->encoding = ok == n && (!trunc || n == detect)
			? CSVIN_UTF8 : CSVIN_WINDOWS_1252;
		if (info->encoding == CSVIN_WINDOWS_1252) {
			info->first_non_utf8_line = 1;
			for (size_t i = 0; i < ok && i < n; i++)
				info->first_non_utf8_line += buf[i] == '\n';
		}
	}
	/* UTF-16 is converted block by block into TEXT; the bytes of a
	 * character cut off at the end of a block wait at the start of BUF */
	int utf16 = is_utf16(info->encoding), big = is_big_endian(info->encoding);
	char *dec = NULL;
	size_t carry = 0;
	const char *text = buf + skip;
	size_t tn = n - skip;
	if (utf16) {
		size_t most = n > chunk + 4 ? n : chunk + 4;
		dec = emalloc(3 * most / 2 + 8);
		size_t used;
		tn = utf16_to_utf8(buf + skip, n - skip, big, n < detect, dec, &used);
		text = dec;
		carry = n - skip - used;
		memmove(buf, buf + skip + used, carry);
	}
	info->delimiter = opt->delimiter ? (char)opt->delimiter : detect_delimiter(text, tn);
	const char *cr = memchr(text, '\r', tn);
	info->crlf = !cr ? 0 : (size_t)(cr - text) + 1 < tn && cr[1] == '\n' ? 1 : 2;

	struct reader r;
	memset(&r, 0, sizeof r);
	r.name = name;
	r.encoding = info->encoding;
	r.row_fn = row_fn;
	r.ctx = ctx;
	r.cur_line = 1;
	r.max_bytes = opt->max_bytes;
	r.field_limit = opt->max_bytes + 2;

	struct csv_parser p;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL | CSV_APPEND_NULL) != 0) {
		msg_error_at(name, 0, "cannot initialise the CSV parser");
		free(dec);
		free(buf);
		return -1;
	}
	csv_set_delim(&p, (unsigned char)info->delimiter);
	csv_set_space_func(&p, is_space_char);
	/* libcsv grows a field's buffer by this many bytes at a time (default
	 * 128): with a huge field and a realloc that copies (ASan, many
	 * allocators) that is quadratic; 1 MiB steps keep it linear enough */
	csv_set_blk_size(&p, 1024 * 1024);

	int rc = parse_block(&p, &r, text, tn, chunk);
	while (rc == 0 && !r.stop && n == detect) {
		size_t got = fread(buf + carry, 1, chunk, fp);
		if (got == 0)
			break;
		crypto_hash_sha256_update(&sha, (const unsigned char *)buf + carry, got);
		info->bytes += got;
		if (utf16) {
			size_t used;
			tn = utf16_to_utf8(buf, carry + got, big, 0, dec, &used);
			carry = carry + got - used;
			memmove(buf, buf + used, carry);
			rc = parse_block(&p, &r, dec, tn, chunk);
		} else {
			rc = parse_block(&p, &r, buf, got, chunk);
		}
	}
	if (rc == 0 && !r.stop && ferror(fp)) {
		msg_error_at(name, r.cur_line, "read error: %s", strerror(errno));
		rc = -1;
	}
	if (rc == 0 && !r.stop && carry) {
		/* the file ends inside a UTF-16 character */
		size_t used;
		tn = utf16_to_utf8(buf, carry, big, 1, dec, &used);
		rc = parse_block(&p, &r, dec, tn, chunk);
	}
	if (rc == 0 && !r.stop && csv_fini(&p, on_field, on_record, &r) != 0) {
		msg_error_at(name, r.row.nfields ? r.row.line : r.cur_line,
			     "unterminated quoted field at end of file");
		rc = -1;
	}
	if (r.oom) {
		msg_error_at(name, r.row.line, "out of memory reading this record");
		rc = -1;
	}
	if (rc == 0 && r.stop)
		rc = r.stop;
	crypto_hash_sha256_final(&sha, info->sha256);
	info->blank_lines = r.blank_lines;
	csv_free(&p);
	for (size_t i = 0; i < r.cap_fields; i++)
		if (r.row.field[i])
			free((size_t *)(void *)r.row.field[i] - 1);
	free(r.row.field);
	free(r.row.len);
	free(r.conv);
	free(dec);
	free(buf);
	return rc;
}

int csvin_read_path(const char *path, const struct csvin_options *opt,
		    csvin_row_fn row_fn, void *ctx, struct csvin_info *info)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		msg_error_at(path, 0, "cannot open: %s", strerror(errno));
		return -1;
	}
	int rc = csvin_read_fp(fp, path, opt, row_fn, ctx, info);
	if (fclose(fp) != 0 && rc == 0) {
		msg_error_at(path, 0, "read error: %s", strerror(errno));
		rc = -1;
	}
	return rc;
}
