#include "tablesdoc.h"
#include "msg.h"
#include "shortage_tables.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

const char tablesdoc_begin[] = "<!-- begin: generated from pipeline/shortage_tables.c by "
			       "`bin/jobbspar-config --write-tables`; edit that file, not this part -->";
const char tablesdoc_end[] = "<!-- end: generated tables -->";

void tablesdoc_list(FILE *out)
{
	for (size_t t = 0; shortage_tables[t]; t++) {
		const struct tabledef *d = shortage_tables[t];
		for (size_t i = 0; i < d->ncol; i++)
			fprintf(out, "%s\t%s\t%s\t%s\n", d->file, d->col[i].name, d->col[i].type, d->col[i].meaning);
	}
}

static void write_generated(FILE *out)
{
	fprintf(out, "%s\n\n", tablesdoc_begin);
	for (size_t t = 0; shortage_tables[t]; t++) {
		if (t)
			fputc('\n', out);
		tabledef_write_markdown(out, shortage_tables[t]);
	}
	fprintf(out, "\n%s\n", tablesdoc_end);
}

int tablesdoc_rewrite(FILE *in, const char *inname, FILE *out)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	long lineno = 0;
	int state = 0; /* 0 before the begin marker, 1 inside, 2 after the end */
	while ((len = getline(&line, &cap, in)) >= 0) {
		lineno++;
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		if (state == 0 && strcmp(line, tablesdoc_begin) == 0) {
			write_generated(out);
			state = 1;
		} else if (state == 1) {
			if (strcmp(line, tablesdoc_end) == 0)
				state = 2;
		} else {
			fprintf(out, "%s\n", line);
		}
	}
	int err = ferror(in);
	free(line);
	if (err) {
		msg_error_at(inname, lineno + 1, "read error: %s", strerror(errno));
		return -1;
	}
	if (state != 2) {
		msg_error_at(inname, lineno, "no line \"%s\"", state == 0 ? tablesdoc_begin : tablesdoc_end);
		return -1;
	}
	return 0;
}
