#include "synth_csv.h"
#include "atomicfile.h"
#include "msg.h"
#include "stage.h"
#include "value.h"

#include <stdlib.h>
#include <string.h>

void synth_csv_put_field(FILE *fp, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, fp);
		return;
	}
	putc('"', fp);
	for (; *s; s++) {
		if (*s == '"')
			putc('"', fp);
		putc(*s, fp);
	}
	putc('"', fp);
}

struct synth_csv *synth_csv_open(const char *dir, const char *name, const char *const *columns)
{
	char *path = path_join(dir, name);
	struct atomicfile *af = atomicfile_open(path, 0644);
	free(path);
	if (!af)
		return NULL;
	struct synth_csv *w = ecalloc(1, sizeof *w);
	w->af = af;
	w->name = estrdup(name);
	for (size_t i = 0; columns[i]; i++)
		synth_csv_str(w, columns[i]);
	synth_csv_end(w);
	w->rows = 0;
	return w;
}

static void sep(struct synth_csv *w)
{
	if (w->field++)
		putc(',', w->af->fp);
}

void synth_csv_str(struct synth_csv *w, const char *s)
{
	sep(w);
	synth_csv_put_field(w->af->fp, s);
}

void synth_csv_long(struct synth_csv *w, long long v)
{
	sep(w);
	fprintf(w->af->fp, "%lld", v);
}

void synth_csv_date(struct synth_csv *w, long days)
{
	sep(w);
	if (days == SYNTH_NO_DATE)
		return;
	char buf[16];
	date_format(days, buf);
	fputs(buf, w->af->fp);
}

void synth_csv_empty(struct synth_csv *w)
{
	sep(w);
}

void synth_csv_raw_line(struct synth_csv *w, const char *line)
{
	fputs(line, w->af->fp);
	putc('\n', w->af->fp);
	w->lines++;
	w->rows++;
	w->field = 0;
}

void synth_csv_end(struct synth_csv *w)
{
	putc('\n', w->af->fp);
	w->lines++;
	w->rows++;
	w->field = 0;
}

int synth_csv_close(struct synth_csv *w)
{
	int rc = atomicfile_commit(w->af);
	free(w->name);
	free(w);
	return rc;
}

void synth_csv_abort(struct synth_csv *w)
{
	if (!w)
		return;
	atomicfile_abort(w->af);
	free(w->name);
	free(w);
}
