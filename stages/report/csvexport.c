#include "csvexport.h"
#include "atomicfile.h"
#include "numfmt.h"

#include <string.h>

int csv_formula_like(const char *s)
{
	return s && (*s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' || *s == '\r');
}

void csv_put_text(FILE *fp, const char *s)
{
	if (!s)
		return;
	int quote = strpbrk(s, ";\"\r\n") != NULL;
	if (quote)
		putc('"', fp);
	if (csv_formula_like(s))
		putc('\'', fp);
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			putc('"', fp);
		putc(*p, fp);
	}
	if (quote)
		putc('"', fp);
}

static void csv_put_cell(FILE *fp, const struct rtable *t, size_t r, size_t j)
{
	const struct rcell *c = rtable_get(t, r, j);
	char buf[64];
	switch (c->kind) {
	case RCELL_TEXT:
		/* a code keeps its leading zeros when Excel opens the file:
		 * ="0581" is read as the text 0581 (letters and digits only, so
		 * nothing else can be evaluated) */
		if (t->col[j].is_code && rtable_code_text(c->text))
			fprintf(fp, "=\"%s\"", c->text);
		else
			csv_put_text(fp, c->text);
		break;
	case RCELL_NUM:
		fputs(numfmt(c->num, t->col[j].decimals, &numstyle_csv, buf, sizeof buf), fp);
		break;
	case RCELL_SUPPRESSED:
		fputs("..", fp);
		break;
	case RCELL_EMPTY:
		break;
	}
}

int csv_write_table(const struct rtable *t, const char *path)
{
	if (t->no_csv)
		return 0;
	struct atomicfile *af = atomicfile_open(path, 0644);
	if (!af)
		return -1;
	FILE *fp = af->fp;
	fputs("\xEF\xBB\xBF", fp);
	for (size_t j = 0; j < t->ncol; j++) {
		if (j)
			putc(';', fp);
		csv_put_text(fp, t->col[j].head);
	}
	fputs("\r\n", fp);
	for (size_t r = 0; r < t->nrow; r++) {
		for (size_t j = 0; j < t->ncol; j++) {
			if (j)
				putc(';', fp);
			csv_put_cell(fp, t, r, j);
		}
		fputs("\r\n", fp);
	}
	return atomicfile_commit(af);
}
