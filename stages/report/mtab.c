#include "mtab.h"
#include "msg.h"
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

struct mtab *mtab_load(const char *path, int optional, int *absent)
{
	*absent = 0;
	if (optional && access(path, F_OK) != 0 && errno == ENOENT) {
		*absent = 1;
		return NULL;
	}
	struct tsv_reader *r = tsv_reader_open(path);
	if (!r)
		return NULL;
	struct mtab *t = ecalloc(1, sizeof *t);
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
	int rc;
	while ((rc = tsv_next(r)) == 1) {
		if (t->nrow == cap) {
			cap = cap ? 2 * cap : 64;
			t->field = erealloc(t->field, cap * (t->ncol ? t->ncol : 1) * sizeof *t->field);
			t->line = erealloc(t->line, cap * sizeof *t->line);
		}
		size_t k = 0;
		for (size_t i = 0; i < nin; i++)
			if (keep[i])
				t->field[t->nrow * t->ncol + k++] = estrdup(tsv_get(r, (int)i));
		t->line[t->nrow++] = tsv_line(r);
	}
	free(keep);
	tsv_reader_close(r);
	if (rc < 0) {
		mtab_free(t);
		return NULL;
	}
	return t;
}

void mtab_free(struct mtab *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->nrow * t->ncol; i++)
		free(t->field[i]);
	for (size_t j = 0; j < t->ncol; j++)
		free(t->colname[j]);
	free(t->field);
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
	return t->field[row * t->ncol + (size_t)col];
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
