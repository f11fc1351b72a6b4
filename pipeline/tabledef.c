#include "tabledef.h"
#include "msg.h"
#include "stage.h"

#include <stdlib.h>
#include <string.h>

int tabledef_col(const struct tabledef *t, const char *name)
{
	for (size_t i = 0; i < t->ncol; i++)
		if (strcmp(t->col[i].name, name) == 0)
			return (int)i;
	return -1;
}

struct tsv_writer *tabledef_writer_open(const struct tabledef *t, const char *outdir, int mode)
{
	const char **names = ecalloc(t->ncol + 1, sizeof *names);
	for (size_t i = 0; i < t->ncol; i++)
		names[i] = t->col[i].name;
	char *path = path_join(outdir, t->file);
	struct tsv_writer *w = tsv_writer_open(path, names, mode);
	free(path);
	free(names);
	return w;
}

int tabledef_require(const struct tsv_reader *r, const struct tabledef *t, int *cols)
{
	int bad = 0;
	for (size_t i = 0; i < t->ncol; i++) {
		cols[i] = tsv_require(r, t->col[i].name);
		bad |= cols[i] < 0;
	}
	return bad ? -1 : 0;
}

void tabledef_put_cell(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '|')
			fputc('\\', out);
		fputc(*s, out);
	}
}

int tabledef_write_markdown(FILE *out, const struct tabledef *t)
{
	fprintf(out, "### OUT/%s — %s\n\n| column | type | meaning |\n|---|---|---|\n", t->file, t->row);
	for (size_t i = 0; i < t->ncol; i++) {
		fprintf(out, "| %s | ", t->col[i].name);
		tabledef_put_cell(out, t->col[i].type);
		fputs(" | ", out);
		tabledef_put_cell(out, t->col[i].meaning);
		fputs(" |\n", out);
	}
	if (t->about)
		fprintf(out, "\n%s\n", t->about);
	return ferror(out) ? -1 : 0;
}
