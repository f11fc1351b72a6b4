#include "mtab.h"
#include "msg.h"
#include "rowindex.h"
#include "stage.h"
#include "shortage_tables.h"
#include "tsv.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int mtab_private_column(const char *name)
{
	static const char *const private_names[] = {"person", "employer", "response_id",
						     "personnummer", "org_nr", NULL};
	for (int i = 0; private_names[i]; i++)
		if (strcmp(name, private_names[i]) == 0)
			return 1;
	return 0;
}

static void mtab_index(struct mtab *t);

struct mtab *mtab_load(const char *path, int optional, int *absent)
{
	*absent = 0;
	if (optional && access(path, F_OK) != 0 && errno == ENOENT) {
		*absent = 1;
		return NULL;
	}
	return mtab_read(tsv_reader_open(path), path);
}

struct mtab *mtab_read(struct tsv_reader *r, const char *path)
{
	if (!r)
		return NULL;
	struct mtab *t = ecalloc(1, sizeof *t);
	t->kommun_col = -1;
	t->path = estrdup(path);
	size_t nin = tsv_ncols(r);
	int *keep = emalloc((nin ? nin : 1) * sizeof *keep);
	t->colname = emalloc((nin ? nin : 1) * sizeof *t->colname);
	for (size_t i = 0; i < nin; i++) {
		keep[i] = !mtab_private_column(tsv_colname(r, i));
		if (keep[i])
			t->colname[t->ncol++] = estrdup(tsv_colname(r, i));
	}
	size_t cap = 0;
	t->text_cap = 1 << 16;
	t->text = emalloc(t->text_cap);
	t->text[0] = '\0';
	t->text_len = 1;
	int rc;
	while ((rc = tsv_next(r)) == 1) {
		if (t->nrow == cap) {
			cap = cap ? 2 * cap : 64;
			t->off = erealloc(t->off, cap * (t->ncol ? t->ncol : 1) * sizeof *t->off);
			t->line = erealloc(t->line, cap * sizeof *t->line);
		}
		size_t k = 0;
		for (size_t i = 0; i < nin; i++) {
			if (!keep[i])
				continue;
			const char *f = tsv_get(r, (int)i);
			size_t n = strlen(f);
			uint32_t at = 0;
			if (n) {
				if (t->text_len + n + 1 > UINT32_MAX) {
					msg_error_at(path, tsv_line(r),
						     "table too large for the report (over 4 GiB of text)");
					rc = -1;
					break;
				}
				if (t->text_len + n + 1 > t->text_cap) {
					while (t->text_len + n + 1 > t->text_cap)
						t->text_cap *= 2;
					t->text = erealloc(t->text, t->text_cap);
				}
				at = (uint32_t)t->text_len;
				memcpy(t->text + at, f, n + 1);
				t->text_len += n + 1;
			}
			t->off[t->nrow * t->ncol + k++] = at;
		}
		if (rc < 0)
			break;
		t->line[t->nrow++] = tsv_line(r);
	}
	free(keep);
	tsv_reader_close(r);
	if (rc < 0) {
		mtab_free(t);
		return NULL;
	}
	mtab_index(t);
	return t;
}

struct mtab *mtab_load_shortage(const char *outdir)
{
	char *path = path_join(outdir, shortage_table_verdict.file);
	struct mtab *t = mtab_read(shortage_tables_open(outdir), path);
	free(path);
	return t;
}

static const char *kommun_key(const void *ctx, size_t row)
{
	const struct mtab *t = ctx;
	return mtab_str(t, row, t->kommun_col);
}

/* The report picks rows by municipality once per table it builds: orders
 * T's rows by its kommun column (then row number) into t->by_kommun. */
static void mtab_index(struct mtab *t)
{
	t->kommun_col = mtab_col(t, "kommun");
	if (t->kommun_col < 0)
		return;
	size_t n;
	t->by_kommun = rowindex_build(t->nrow, kommun_key, t, &n);
}

size_t *mtab_rows_of(const struct mtab *t, const char *kommun, size_t *n)
{
	size_t first = 0;
	*n = t->kommun_col < 0 ? 0 : rowindex_find(t->by_kommun, t->nrow, kommun_key, t, kommun, &first);
	size_t *rows = emalloc((*n ? *n : 1) * sizeof *rows);
	if (*n) /* ascending: ties are in row order */
		memcpy(rows, t->by_kommun + first, *n * sizeof *rows);
	return rows;
}

void mtab_free(struct mtab *t)
{
	if (!t)
		return;
	for (size_t j = 0; j < t->ncol; j++)
		free(t->colname[j]);
	free(t->text);
	free(t->off);
	free(t->by_kommun);
	free(t->colname);
	free(t->line);
	free(t->path);
	free(t);
}

int mtab_col(const struct mtab *t, const char *name)
{
	if (!t)
		return -1;
	for (size_t j = 0; j < t->ncol; j++)
		if (strcmp(t->colname[j], name) == 0)
			return (int)j;
	return -1;
}

const char *mtab_str(const struct mtab *t, size_t row, int col)
{
	if (!t || col < 0 || (size_t)col >= t->ncol || row >= t->nrow)
		return "";
	return t->text + t->off[row * t->ncol + (size_t)col];
}

int mtab_hidden(const struct mtab *t, size_t row, int col)
{
	return strcmp(mtab_str(t, row, col), "..") == 0;
}

double mtab_num(const struct mtab *t, size_t row, int col)
{
	const char *s = mtab_str(t, row, col);
	if (!*s)
		return NAN;
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (*end || errno == ERANGE)
		return NAN;
	return v;
}
