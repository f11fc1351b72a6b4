#include "scbcsv.h"
#include "csvin.h"
#include "msg.h"
#include "value.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { DETECT_BYTES = 1 << 20 };

char scbcsv_delimiter(const char *line)
{
	size_t comma = 0, semi = 0, tab = 0;
	int quoted = 0;
	for (const char *p = line; *p; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted)
			comma += *p == ',', semi += *p == ';', tab += *p == '\t';
	}
	if (!comma && !semi && !tab)
		return 0;
	if (semi >= comma && semi >= tab)
		return ';';
	return comma >= tab ? ',' : '\t';
}

char **scbcsv_split(const char *line, char delim, size_t *n, int *unterminated)
{
	size_t cap = 8, k = 0;
	char **f = emalloc(cap * sizeof *f);
	const char *p = line;
	*unterminated = 0;
	for (;;) {
		if (k == cap)
			f = erealloc(f, (cap *= 2) * sizeof *f);
		while (*p == ' ')
			p++;
		if (*p == '"') {
			const char *start = p + 1, *end = start;
			while (*end && !(end[0] == '"' && (end[1] == delim || end[1] == '\0')))
				end++;
			if (!*end)
				*unterminated = 1;
			char *v = emalloc((size_t)(end - start) + 1);
			size_t o = 0;
			for (const char *q = start; q < end; q++) {
				v[o++] = *q;
				if (q[0] == '"' && q + 1 < end && q[1] == '"')
					q++;
			}
			v[o] = '\0';
			f[k++] = v;
			p = *end ? end + 1 : end;
		} else {
			const char *end = strchr(p, delim);
			if (!end)
				end = p + strlen(p);
			const char *e = end;
			while (e > p && e[-1] == ' ')
				e--;
			f[k++] = estrndup(p, (size_t)(e - p));
			p = end;
		}
		if (*p != delim)
			break;
		p++;
	}
	*n = k;
	return f;
}

void scbcsv_fields_free(char **f, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(f[i]);
	free(f);
}

/* ---- reading lines ------------------------------------------------------ */

struct reader {
	FILE *fp;
	const char *path;
	int cp1252;
	const char *encoding;
	char *raw;
	size_t rawcap;
	char *text;        /* the line as UTF-8 */
	size_t textcap;
	long line;
};

static int reader_open(struct reader *r, const char *path)
{
	memset(r, 0, sizeof *r);
	r->path = path;
	r->fp = fopen(path, "rb");
	if (!r->fp) {
		msg_error("%s: %s", path, strerror(errno));
		return -1;
	}
	char *block = emalloc(DETECT_BYTES);
	size_t got = fread(block, 1, DETECT_BYTES, r->fp);
	if (ferror(r->fp)) {
		msg_error("%s: read error: %s", path, strerror(errno));
		free(block);
		return -1;
	}
	long skip = 0;
	if (got >= 2 && (((unsigned char)block[0] == 0xFF && (unsigned char)block[1] == 0xFE) ||
			 ((unsigned char)block[0] == 0xFE && (unsigned char)block[1] == 0xFF)) ) {
		msg_error("%s: UTF-16 text: not an SCB download (they are UTF-8 or Windows-1252); "
			  "save it as CSV UTF-8", path);
		free(block);
		return -1;
	}
	if (got >= 4 && memcmp(block, "PK\003\004", 4) == 0) {
		msg_error("%s: is an Excel workbook (xlsx) or a zip archive, not CSV: download the table "
			  "as CSV", path);
		free(block);
		return -1;
	}
	if (got >= 3 && memcmp(block, "\xEF\xBB\xBF", 3) == 0) {
		skip = 3;
		r->encoding = "UTF-8 (BOM)";
	} else {
		int truncated = 0;
		size_t ok = utf8_valid_prefix(block, got, &truncated);
		int valid = ok == got && (!truncated || got == DETECT_BYTES);
		r->cp1252 = !valid;
		r->encoding = valid ? "UTF-8" : "Windows-1252";
	}
	free(block);
	if (fseek(r->fp, skip, SEEK_SET) != 0) {
		msg_error("%s: cannot seek: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* Next line as UTF-8 in r->text: 1, 0 at the end, -1 on a read error.
 * *BAD is set (static reason) when the line is not valid text. */
static int reader_next(struct reader *r, const char **bad)
{
	*bad = NULL;
	ssize_t n = getline(&r->raw, &r->rawcap, r->fp);
	if (n < 0) {
		if (ferror(r->fp)) {
			msg_error("%s: read error: %s", r->path, strerror(errno));
			return -1;
		}
		return 0;
	}
	r->line++;
	size_t len = (size_t)n;
	while (len && (r->raw[len - 1] == '\n' || r->raw[len - 1] == '\r'))
		len--;
	/* a lone CR also ends a line in old Mac files: SCB never writes one */
	if (memchr(r->raw, '\0', len)) {
		*bad = "NUL byte in the line";
		len = 0;
	}
	if (r->textcap < 3 * len + 1) {
		r->textcap = 3 * len + 1;
		r->text = erealloc(r->text, r->textcap);
	}
	if (r->cp1252) {
		if (cp1252_to_utf8(r->raw, len, r->text) == (size_t)-1) {
			*bad = "a byte undefined in Windows-1252";
			r->text[0] = '\0';
		}
	} else {
		if (!utf8_valid(r->raw, len)) {
			*bad = "invalid UTF-8";
			len = 0;
		}
		memcpy(r->text, r->raw, len);
		r->text[len] = '\0';
	}
	return 1;
}

static void reader_close(struct reader *r)
{
	if (r->fp)
		fclose(r->fp);
	free(r->raw);
	free(r->text);
}

static int blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != ',' && *s != ';' && *s != '"')
			return 0;
	return 1;
}

/* ---- the table ---------------------------------------------------------- */

/* What a header column is. */
struct column {
	size_t dim;     /* index in the set, for a dimension column */
	int is_value;   /* a value column */
	size_t year;    /* wide: category of the year dimension */
};

/* The year at the end of a wide header ("2023", "Anställda 2023") or 0; the
 * text before it goes to *PREFIX (length). */
static int header_year(const char *h, size_t *prefix)
{
	size_t n = strlen(h);
	if (n < 4)
		return 0;
	const char *y = h + n - 4;
	for (int i = 0; i < 4; i++)
		if (y[i] < '0' || y[i] > '9')
			return 0;
	if (n > 4 && y[-1] != ' ')
		return 0;
	int year = atoi(y);
	if (year < 1990 || year > 2200)
		return 0;
	*prefix = n > 4 ? n - 5 : 0;
	return year;
}

/* Maps the header onto SET. Returns 0 or -1 (message). */
static int map_header(const char *path, char **h, size_t nh, struct cube_set *set, int pass1,
		      struct column *col, int *wide)
{
	int first = set->n == 0;
	size_t nyearcols = 0, nvalue = 0, ndim = 0;
	const char *prefix = NULL;
	size_t prefix_len = 0;
	int has_year_dim = 0;
	for (size_t i = 0; i < nh; i++) {
		size_t pl;
		enum cube_kind k = cube_kind_of(h[i]);
		if (k == CUBE_YEAR)
			has_year_dim = 1;
		if (k == CUBE_OTHER && header_year(h[i], &pl)) {
			if (nyearcols && (pl != prefix_len || strncmp(prefix, h[i], pl) != 0)) {
				msg_error_at(path, 1, "columns \"%s\" and \"%s\": several contents; "
						      "download the table with one",
					     prefix, h[i]);
				return -1;
			}
			prefix = h[i];
			prefix_len = pl;
			nyearcols++;
		}
	}
	*wide = nyearcols > 0 && !has_year_dim;
	if (*wide && first && pass1)
		cube_set_dim(set, CUBE_YEAR, "år", 1);
	/* long: the last column of no known kind is the content (PxWeb writes
	 * it last); any other one is a dimension under another name, or a
	 * second content, which the plan tells apart and names */
	size_t value_col = nh;
	for (size_t i = 0; !*wide && i < nh; i++)
		if (cube_kind_of(h[i]) == CUBE_OTHER)
			value_col = i;
	for (size_t i = 0; i < nh; i++) {
		size_t pl;
		enum cube_kind k = cube_kind_of(h[i]);
		memset(&col[i], 0, sizeof col[i]);
		if (*wide && k == CUBE_OTHER && header_year(h[i], &pl)) {
			col[i].is_value = 1;
			size_t yd = cube_set_dim(set, CUBE_YEAR, "år", 0);
			char ys[8];
			snprintf(ys, sizeof ys, "%.4s", h[i] + strlen(h[i]) - 4);
			col[i].year = pass1 ? cube_dim_add(&set->dim[yd], ys, NULL) : cube_dim_find(&set->dim[yd], ys);
			continue;
		}
		if (k == CUBE_OTHER && !*wide && i == value_col) {
			col[i].is_value = 1;
			nvalue++;
			continue;
		}
		/* wide: a column of no known kind is a dimension too (the table's
		 * content, or one misnamed: the plan says which) */
		size_t d = cube_set_dim(set, k, h[i], first && pass1);
		if (d == (size_t)-1) {
			msg_error_at(path, 1, "column \"%s\" (%s): the first file has no such dimension: "
					      "import tables of different dimensions apart",
				     h[i], cube_kind_name(k));
			return -1;
		}
		for (size_t j = 0; j < i; j++)
			if (!col[j].is_value && col[j].dim == d) {
				msg_error_at(path, 1, "columns \"%s\" and \"%s\": two %s dimensions", h[j], h[i],
					     cube_kind_name(k));
				return -1;
			}
		col[i].dim = d;
		ndim++;
	}
	if (!*wide && nvalue == 0) {
		msg_error_at(path, 1, "no value column: neither a year column nor a content column");
		return -1;
	}
	/* a long table without a year column: the plan says so, beside
	 * whatever else it lacks */
	if (ndim + (*wide ? 1 : 0) != set->n) {
		msg_error_at(path, 1, "%zu dimensions, but the first file has %zu: import tables of "
				      "different dimensions apart",
			     ndim + (*wide ? 1 : 0), set->n);
		return -1;
	}
	return 0;
}

int scbcsv_read(const char *path, struct cube_set *set, struct impout *o, scbcsv_cell_fn cell, void *ctx)
{
	struct reader r;
	int pass1 = o == NULL;
	if (reader_open(&r, path) != 0) {
		reader_close(&r);
		return -1;
	}
	int rc = -1, got;
	const char *bad;
	char **h = NULL, **f = NULL;
	size_t nh = 0, nf = 0;
	char delim = 0;
	long other = 0;
	/* the header: the first line with a delimiter outside quotes */
	while ((got = reader_next(&r, &bad)) > 0) {
		if (bad) {
			msg_error_at(path, r.line, "%s before the header", bad);
			goto out;
		}
		if (!blank(r.text) && (delim = scbcsv_delimiter(r.text)) != 0)
			break;
		other++;
	}
	if (got < 0)
		goto out;
	if (got == 0) {
		msg_error_at(path, 0, "no header line (a line of column names separated by , ; or TAB)");
		goto out;
	}
	int unterminated;
	h = scbcsv_split(r.text, delim, &nh, &unterminated);
	long header_line = r.line;
	struct column *col = ecalloc(nh, sizeof *col);
	int wide;
	if (map_header(path, h, nh, set, pass1, col, &wide) != 0) {
		free(col);
		goto out;
	}
	if (!pass1) {
		impout_file_info(o, "encoding", r.encoding);
		impout_file_info(o, "delimiter", delim == '\t' ? "TAB" : delim == ';' ? ";" : ",");
		impout_file_info(o, "layout", wide ? "wide (years as columns)" : "long");
		char hl[24];
		snprintf(hl, sizeof hl, "%ld", header_line);
		impout_file_info(o, "header_line", hl);
	}
	int footer = 0, after_blank = 0;
	rc = 0;
	while (rc == 0 && (got = reader_next(&r, &bad)) > 0) {
		if (bad) {
			if (!pass1) {
				impout_read(o);
				impout_reject(o, r.line, NULL, NULL, "", "encoding", "%s", bad);
			}
			continue;
		}
		if (blank(r.text)) {
			other++;
			after_blank = 1;
			continue;
		}
		f = scbcsv_split(r.text, delim, &nf, &unterminated);
		if ((nf == 1 && after_blank) || (footer && (nf != nh || unterminated))) {
			/* notes and footnotes after the data: a line of one field
			 * after a blank line starts them, and the lines after it
			 * are notes too unless they have the header's fields (a
			 * footnote's unquoted text may hold the delimiter) */
			footer = 1;
			other++;
		} else if (nf != nh || unterminated) {
			if (!pass1) {
				impout_read(o);
				if (unterminated)
					impout_reject(o, r.line, NULL, NULL, r.text, "malformed",
						      "a quote left open at the end of the line");
				else
					impout_reject(o, r.line, NULL, NULL, r.text, "malformed",
						      "expected %zu fields, found %zu", nh, nf);
			}
			footer = after_blank = 0;
		} else {
			footer = after_blank = 0;
			struct cube_cell c;
			memset(&c, 0, sizeof c);
			c.line = r.line;
			int known = 1;
			for (size_t i = 0; i < nh; i++) {
				if (col[i].is_value)
					continue;
				struct cube_dim *d = &set->dim[col[i].dim];
				c.cat[col[i].dim] = pass1 ? cube_dim_add(d, f[i], NULL) : cube_dim_find(d, f[i]);
				known &= c.cat[col[i].dim] != (size_t)-1;
			}
			for (size_t i = 0; !pass1 && known && rc == 0 && i < nh; i++) {
				if (!col[i].is_value)
					continue;
				if (wide)
					c.cat[cube_set_dim(set, CUBE_YEAR, "år", 0)] = col[i].year;
				c.value = f[i];
				impout_read(o);
				rc = cell(ctx, &c);
			}
		}
		scbcsv_fields_free(f, nf);
		f = NULL;
	}
	free(col);
	if (got < 0)
		rc = -1;
	if (!pass1)
		impout_notes(o, other);
out:
	scbcsv_fields_free(h, nh);
	reader_close(&r);
	return rc;
}
