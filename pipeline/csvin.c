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
	}
	return "?";
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

struct reader {
	const char *name;
	enum csvin_encoding encoding;
	csvin_row_fn row_fn;
	void *ctx;
	int stop;          /* callback's nonzero return */
	long cur_line;     /* physical line the next record starts on */
	long nl_in_fields; /* newlines inside the current record's fields */
	struct csvin_row row;
	size_t cap_fields;
	char *conv;        /* Windows-1252 conversion buffer */
	size_t conv_cap;
	long blank_lines;
	int pending_lf;     /* the last record ended with CR: its LF comes next */
};

static void add_field(struct reader *r, const char *data, size_t len)
{
	struct csvin_row *row = &r->row;
	if (row->nfields == r->cap_fields) {
		size_t cap = r->cap_fields ? 2 * r->cap_fields : 16;
		row->field = erealloc(row->field, cap * sizeof *row->field);
		row->len = erealloc(row->len, cap * sizeof *row->len);
		for (size_t i = r->cap_fields; i < cap; i++) {
			row->field[i] = NULL;
			row->len[i] = 0;
		}
		r->cap_fields = cap;
	}
	size_t col = row->nfields + 1;
	const char *src = data ? data : "";
	if (!row->bad_col && memchr(src, '\0', len)) {
		row->bad_col = col;
		row->bad_reason = "NUL byte in field";
	}
	size_t need = len + 1;
	int invalid = 0;
	if (r->encoding == CSVIN_WINDOWS_1252) {
		if (r->conv_cap < 3 * len + 1) {
			r->conv_cap = 3 * len + 1;
			r->conv = erealloc(r->conv, r->conv_cap);
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
		row->bad_reason = r->encoding == CSVIN_WINDOWS_1252
			? "byte undefined in Windows-1252"
			: "invalid UTF-8";
	}
	/* Reuse the field's buffer; the capacity lives in a hidden header
	 * size_t just before the string. */
	char *buf = row->field[row->nfields];
	size_t cap = buf ? ((size_t *)(void *)buf)[-1] : 0;
	if (cap < need) {
		size_t *block = erealloc(buf ? (size_t *)(void *)buf - 1 : NULL,
					 sizeof(size_t) + need);
		block[0] = need;
		buf = (char *)(block + 1);
	}
	memcpy(buf, src, len);
	buf[len] = '\0';
	row->field[row->nfields] = buf;
	row->len[row->nfields] = len;
	row->nfields++;
	/* line ends inside a quoted field: LF, CRLF or a lone CR, one each */
	for (size_t i = 0; i < len; i++)
		if (src[i] == '\n' || (src[i] == '\r' && (i + 1 == len || src[i + 1] != '\n')))
			r->nl_in_fields++;
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
	}
	add_field(r, data, len);
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
	int rc = r->row_fn(r->ctx, &r->row);
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

static int parse_block(struct csv_parser *p, struct reader *r, const char *buf,
		       size_t n, size_t chunk)
{
	while (n > 0 && !r->stop) {
		size_t take = n < chunk ? n : chunk;
		if (csv_parse(p, buf, take, on_field, on_record, r) != take) {
			int err = csv_error(p);
			long line = r->row.nfields ? r->row.line : r->cur_line;
			if (err == CSV_EPARSE)
				msg_error_at(r->name, line,
					     "malformed quoting (a quote inside an unquoted field, or text after a closing quote)");
			else
				msg_error_at(r->name, line, "%s", csv_strerror(err));
			return -1;
		}
		buf += take;
		n -= take;
	}
	return 0;
}

int csvin_read_fp(FILE *fp, const char *name, const struct csvin_options *opt,
		  csvin_row_fn row_fn, void *ctx, struct csvin_info *info)
{
	struct csvin_options defaults = {0, 0, 0};
	struct csvin_info local_info;
	if (!opt)
		opt = &defaults;
	if (!info)
		info = &local_info;
	memset(info, 0, sizeof *info);
	size_t chunk = opt->chunk_size ? opt->chunk_size : DEFAULT_CHUNK;
	size_t detect = opt->detect_size ? opt->detect_size : DEFAULT_DETECT;
	/* the detection block grows as it fills, so a small file costs little */
	size_t bufsize = chunk < 65536 ? 65536 : chunk;
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
	crypto_hash_sha256_update(&sha, (const unsigned char *)buf, n);
	info->bytes = n;
	size_t skip = 0;
	if (n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
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
	info->delimiter = opt->delimiter ? (char)opt->delimiter
					 : detect_delimiter(buf + skip, n - skip);
	const char *cr = memchr(buf, '\r', n);
	info->crlf = !cr ? 0 : (size_t)(cr - buf) + 1 < n && cr[1] == '\n' ? 1 : 2;

	struct reader r;
	memset(&r, 0, sizeof r);
	r.name = name;
	r.encoding = info->encoding;
	r.row_fn = row_fn;
	r.ctx = ctx;
	r.cur_line = 1;

	struct csv_parser p;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL | CSV_APPEND_NULL) != 0) {
		msg_error_at(name, 0, "cannot initialise the CSV parser");
		free(buf);
		return -1;
	}
	csv_set_delim(&p, (unsigned char)info->delimiter);
	csv_set_space_func(&p, is_space_char);
	/* libcsv grows a field's buffer by this many bytes at a time (default
	 * 128): with a huge field and a realloc that copies (ASan, many
	 * allocators) that is quadratic; 1 MiB steps keep it linear enough */
	csv_set_blk_size(&p, 1024 * 1024);

	int rc = parse_block(&p, &r, buf + skip, n - skip, chunk);
	while (rc == 0 && !r.stop && n == detect) {
		size_t got = fread(buf, 1, chunk, fp);
		if (got == 0)
			break;
		crypto_hash_sha256_update(&sha, (const unsigned char *)buf, got);
		info->bytes += got;
		rc = parse_block(&p, &r, buf, got, chunk);
	}
	if (rc == 0 && !r.stop && ferror(fp)) {
		msg_error_at(name, r.cur_line, "read error: %s", strerror(errno));
		rc = -1;
	}
	if (rc == 0 && !r.stop && csv_fini(&p, on_field, on_record, &r) != 0) {
		msg_error_at(name, r.row.nfields ? r.row.line : r.cur_line,
			     "unterminated quoted field at end of file");
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
