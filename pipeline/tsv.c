#include "tsv.h"
#include "atomicfile.h"
#include "msg.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The writer keeps its own buffer and hands it to stdio in large blocks:
 * a national ingest writes tens of millions of fields, and a putc or a
 * printf per field was a fifth of its time. */
enum { WBUF = 64 * 1024 };

struct tsv_writer {
	struct atomicfile *af;
	size_t ncols;
	size_t col;
	size_t used;
	char buf[WBUF];
};

static void write_failed(struct tsv_writer *w)
{
	if (!w->af->failed)
		w->af->err = errno;
	w->af->failed = 1;
}

static void flush_buf(struct tsv_writer *w)
{
	if (w->used && fwrite(w->buf, 1, w->used, w->af->fp) != w->used)
		write_failed(w);
	w->used = 0;
}

static void put_bytes(struct tsv_writer *w, const char *s, size_t n)
{
	if (n > WBUF - w->used) {
		flush_buf(w);
		if (n > WBUF) {
			if (fwrite(s, 1, n, w->af->fp) != n)
				write_failed(w);
			return;
		}
	}
	memcpy(w->buf + w->used, s, n);
	w->used += n;
}

static void put_char(struct tsv_writer *w, char c)
{
	if (w->used == WBUF)
		flush_buf(w);
	w->buf[w->used++] = c;
}

struct tsv_writer *tsv_writer_open(const char *path, const char *const *columns,
				   int mode)
{
	struct atomicfile *af = atomicfile_open(path, mode);
	if (!af)
		return NULL;
	struct tsv_writer *w = emalloc(sizeof *w);
	w->af = af;
	w->ncols = w->col = w->used = 0;
	for (size_t i = 0; columns[i]; i++) {
		if (i)
			put_char(w, '\t');
		put_bytes(w, columns[i], strlen(columns[i]));
		w->ncols++;
	}
	put_char(w, '\n');
	return w;
}

static void sep(struct tsv_writer *w)
{
	if (w->col++)
		put_char(w, '\t');
}

void tsv_put_strn(struct tsv_writer *w, const char *s, size_t n)
{
	sep(w);
	size_t run = 0; /* bytes of S already written */
	for (size_t i = 0; i < n; i++) {
		const char *esc;
		switch (s[i]) {
		case '\\': esc = "\\\\"; break;
		case '\t': esc = "\\t"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		default: continue;
		}
		put_bytes(w, s + run, i - run);
		put_bytes(w, esc, 2);
		run = i + 1;
	}
	put_bytes(w, s + run, n - run);
}

void tsv_put_str(struct tsv_writer *w, const char *s)
{
	tsv_put_strn(w, s ? s : "", s ? strlen(s) : 0);
}

void tsv_put_long(struct tsv_writer *w, long long v)
{
	char digits[24];
	char *p = digits + sizeof digits;
	/* work on the magnitude as unsigned so LLONG_MIN is fine */
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	sep(w);
	put_bytes(w, p, (size_t)(digits + sizeof digits - p));
}

void tsv_put_double(struct tsv_writer *w, double v)
{
	sep(w);
	if (isfinite(v)) {
		char buf[64];
		int n = snprintf(buf, sizeof buf, "%.10g", v == 0 ? 0.0 : v);
		put_bytes(w, buf, (size_t)n);
	}
}

void tsv_put_fixed(struct tsv_writer *w, double v, int decimals)
{
	sep(w);
	if (isfinite(v)) {
		char buf[400];
		int n = snprintf(buf, sizeof buf, "%.*f", decimals, v);
		if (n < 0 || (size_t)n >= sizeof buf) {
			msg_error("%s: internal error: number too long", w->af->path);
			w->af->failed = 1;
			return;
		}
		/* never print "-0.00" */
		if (buf[0] == '-' && strspn(buf + 1, "0.") == (size_t)n - 1)
			put_bytes(w, buf + 1, (size_t)n - 1);
		else
			put_bytes(w, buf, (size_t)n);
	}
}

void tsv_put_empty(struct tsv_writer *w)
{
	sep(w);
}

void tsv_end_row(struct tsv_writer *w)
{
	if (w->col != w->ncols) {
		msg_error("%s: internal error: row with %zu fields, header has %zu",
			  w->af->path, w->col, w->ncols);
		w->af->failed = 1;
	}
	put_char(w, '\n');
	w->col = 0;
}


int tsv_writer_flush(struct tsv_writer *w)
{
	flush_buf(w);
	if (!w->af->failed && fflush(w->af->fp) != 0)
		write_failed(w);
	if (w->af->failed) {
		msg_error("%s: write failed: %s", w->af->path,
			  strerror(w->af->err ? w->af->err : EIO));
		return -1;
	}
	return 0;
}

int tsv_writer_close(struct tsv_writer *w)
{
	flush_buf(w);
	int rc = atomicfile_commit(w->af);
	free(w);
	return rc;
}

void tsv_writer_abort(struct tsv_writer *w)
{
	if (!w)
		return;
	atomicfile_abort(w->af);
	free(w);
}

#define TSV_MAX_KEYS 8

/* A table joined beside a reader (tsv_reader_join). */
struct tsv_join {
	struct tsv_reader *r;
	size_t nkeys;
	int key_here[TSV_MAX_KEYS], key_there[TSV_MAX_KEYS];
	int *take;       /* its non-key columns, in order */
	size_t ntake;
	size_t first;    /* where they start in the joined columns */
};

struct tsv_reader {
	char *path;
	FILE *fp;
	char *line;
	size_t linecap;
	long lineno;
	char **names;    /* own columns, then the joined tables' */
	size_t nown;     /* columns of this file */
	size_t ncols;    /* with the joined tables' */
	char **fields;   /* point into line (unescaped in place), or into a joined reader's */
	size_t nfields;
	struct tsv_join *join;
	size_t njoin;
};

/* Splits r->line in place into r->fields, unescaping. Returns field count. */
static size_t split_line(struct tsv_reader *r, size_t len, size_t cap)
{
	size_t n = 0;
	char *s = r->line;
	char *end = s + len;
	while (1) {
		char *tab = memchr(s, '\t', (size_t)(end - s));
		char *fend = tab ? tab : end;
		if (n < cap)
			r->fields[n] = s;
		n++;
		/* unescape in place */
		char *o = s;
		for (char *p = s; p < fend; p++) {
			if (*p == '\\' && p + 1 < fend) {
				p++;
				*o++ = *p == 't' ? '\t' : *p == 'n' ? '\n' : *p == 'r' ? '\r' : *p;
			} else {
				*o++ = *p;
			}
		}
		*o = '\0';
		if (!tab)
			break;
		s = tab + 1;
	}
	return n;
}

/* The next line without its line end: its length, -1 at the end of the
 * file, -2 on a read error (errno set; a line cut short by the error is
 * not returned as if it were whole). */
static ssize_t read_line(struct tsv_reader *r)
{
	errno = 0;
	ssize_t len = getline(&r->line, &r->linecap, r->fp);
	if (ferror(r->fp)) {
		if (!errno)
			errno = EIO;
		return -2;
	}
	if (len < 0)
		return -1;
	r->lineno++;
	if (len > 0 && r->line[len - 1] == '\n')
		r->line[--len] = '\0';
	if (len > 0 && r->line[len - 1] == '\r')
		r->line[--len] = '\0';
	return len;
}

struct tsv_reader *tsv_reader_open(const char *path)
{
	FILE *fp = fopen(path, "r");
	if (!fp) {
		msg_error_at(path, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	struct tsv_reader *r = ecalloc(1, sizeof *r);
	r->path = estrdup(path);
	r->fp = fp;
	ssize_t len = read_line(r);
	if (len == -2) {
		msg_error_at(path, 0, "read error: %s", strerror(errno));
		tsv_reader_close(r);
		return NULL;
	}
	if (len < 0) {
		msg_error_at(path, 0, "empty table (no header)");
		tsv_reader_close(r);
		return NULL;
	}
	size_t count = 1;
	for (ssize_t i = 0; i < len; i++)
		count += r->line[i] == '\t';
	r->fields = ecalloc(count, sizeof *r->fields);
	r->ncols = r->nown = split_line(r, (size_t)len, count);
	r->names = ecalloc(r->ncols, sizeof *r->names);
	for (size_t i = 0; i < r->ncols; i++)
		r->names[i] = estrdup(r->fields[i]);
	r->nfields = 0;
	return r;
}

int tsv_col(const struct tsv_reader *r, const char *name)
{
	for (size_t i = 0; i < r->ncols; i++)
		if (strcmp(r->names[i], name) == 0)
			return (int)i;
	return -1;
}

int tsv_require(const struct tsv_reader *r, const char *name)
{
	int c = tsv_col(r, name);
	if (c < 0)
		msg_error_at(r->path, 1, "missing column %s", name);
	return c;
}

size_t tsv_ncols(const struct tsv_reader *r) { return r->ncols; }
const char *tsv_colname(const struct tsv_reader *r, size_t i)
{
	return i < r->ncols ? r->names[i] : "";
}

/* The joined tables' rows beside the row just read (AT_END: the reader's
 * table ended, so must theirs). */
static int next_joined(struct tsv_reader *r, int at_end)
{
	for (size_t j = 0; j < r->njoin; j++) {
		struct tsv_join *J = &r->join[j];
		int st = tsv_next(J->r);
		if (st < 0)
			return -1;
		if (at_end) {
			if (st == 1) {
				msg_error_at(J->r->path, J->r->lineno, "a row more than %s has", r->path);
				return -1;
			}
			continue;
		}
		if (st == 0) {
			msg_error_at(J->r->path, J->r->lineno + 1, "table ends before %s (line %ld)", r->path,
				     r->lineno);
			return -1;
		}
		for (size_t k = 0; k < J->nkeys; k++) {
			if (strcmp(r->fields[J->key_here[k]], J->r->fields[J->key_there[k]]) != 0) {
				msg_error_at(J->r->path, J->r->lineno, "column %s is \"%s\", %s:%ld has \"%s\": "
					     "not the same rows in the same order", r->names[J->key_here[k]],
					     J->r->fields[J->key_there[k]], r->path, r->lineno,
					     r->fields[J->key_here[k]]);
				return -1;
			}
		}
		for (size_t i = 0; i < J->ntake; i++)
			r->fields[J->first + i] = J->r->fields[J->take[i]];
	}
	return 0;
}

int tsv_next(struct tsv_reader *r)
{
	ssize_t len;
	do {
		len = read_line(r);
		if (len == -2) {
			msg_error_at(r->path, r->lineno + 1, "read error: %s", strerror(errno));
			return -1;
		}
		if (len < 0)
			return next_joined(r, 1) ? -1 : 0;
	} while (len == 0 && r->nown > 1);
	size_t n = split_line(r, (size_t)len, r->nown);
	if (n != r->nown) {
		msg_error_at(r->path, r->lineno, "%zu fields, header has %zu", n, r->nown);
		r->nfields = 0;
		return -1;
	}
	if (next_joined(r, 0)) {
		r->nfields = 0;
		return -1;
	}
	r->nfields = r->ncols;
	return 1;
}

int tsv_reader_join(struct tsv_reader *r, struct tsv_reader *side, const char *const *keys)
{
	struct tsv_join J = {.r = side};
	for (; keys[J.nkeys]; J.nkeys++) {
		if (J.nkeys == TSV_MAX_KEYS)
			abort(); /* a programming error */
		const char *k = keys[J.nkeys];
		J.key_here[J.nkeys] = tsv_col(r, k);
		J.key_there[J.nkeys] = tsv_col(side, k);
		if (J.key_here[J.nkeys] < 0 || (size_t)J.key_here[J.nkeys] >= r->nown) {
			msg_error_at(r->path, 1, "missing column %s", k);
			goto fail;
		}
		if (J.key_there[J.nkeys] < 0) {
			msg_error_at(side->path, 1, "missing column %s", k);
			goto fail;
		}
	}
	J.take = ecalloc(side->ncols ? side->ncols : 1, sizeof *J.take);
	J.first = r->ncols;
	for (size_t i = 0; i < side->ncols; i++) {
		int key = 0;
		for (size_t k = 0; k < J.nkeys; k++)
			key |= (size_t)J.key_there[k] == i;
		if (key)
			continue;
		if (tsv_col(r, side->names[i]) >= 0) {
			msg_error_at(side->path, 1, "column %s is also in %s", side->names[i], r->path);
			free(J.take);
			goto fail;
		}
		J.take[J.ntake++] = (int)i;
	}
	r->names = erealloc(r->names, (r->ncols + J.ntake) * sizeof *r->names);
	r->fields = erealloc(r->fields, (r->ncols + J.ntake) * sizeof *r->fields);
	for (size_t i = 0; i < J.ntake; i++)
		r->names[r->ncols + i] = estrdup(side->names[J.take[i]]);
	r->ncols += J.ntake;
	r->join = erealloc(r->join, (r->njoin + 1) * sizeof *r->join);
	r->join[r->njoin++] = J;
	return 0;
fail:
	tsv_reader_close(side);
	return -1;
}

const char *tsv_get(const struct tsv_reader *r, int i)
{
	if (i < 0 || (size_t)i >= r->nfields)
		return "";
	return r->fields[i];
}

double tsv_get_double(const struct tsv_reader *r, int i)
{
	const char *s = tsv_get(r, i);
	if (!*s)
		return NAN;
	char *end;
	double v = strtod(s, &end);
	return *end ? NAN : v;
}

long long tsv_get_long(const struct tsv_reader *r, int i, long long default_value)
{
	const char *s = tsv_get(r, i);
	if (!*s)
		return default_value;
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	return (*end || errno) ? default_value : v;
}

long tsv_line(const struct tsv_reader *r) { return r->lineno; }
const char *tsv_path(const struct tsv_reader *r) { return r->path; }

void tsv_reader_close(struct tsv_reader *r)
{
	if (!r)
		return;
	if (r->fp)
		fclose(r->fp);
	for (size_t j = 0; j < r->njoin; j++) {
		tsv_reader_close(r->join[j].r);
		free(r->join[j].take);
	}
	free(r->join);
	for (size_t i = 0; i < r->ncols; i++)
		free(r->names[i]);
	free(r->names);
	free(r->fields);
	free(r->line);
	free(r->path);
	free(r);
}
