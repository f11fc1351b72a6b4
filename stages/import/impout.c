#include "impout.h"
#include "atomicfile.h"
#include "csvin.h"
#include "idnum.h"
#include "jsonw.h"
#include "msg.h"
#include "stage.h"
#include "value.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

struct tally {
	const char *tag; /* static */
	long n;
};

struct info {
	char *key, *value;
};

struct file_acct {
	const char *path;
	long read, converted, rejected, notes;
	struct info *info;
	size_t ninfo;
	/* the first reject, for the stderr line */
	long first_line;
	char *first_where, *first_msg;
};

struct impout {
	char *dir, *base;
	const char *kind;
	const char *const *columns;
	struct atomicfile *out, *rej, *sum;
	int field;
	struct file_acct *file;
	size_t nfile;
	struct tally *reason, *count;
	size_t nreason, ncount;
	char **note;
	size_t nnote;
};

static struct atomicfile *open_beside(const char *dir, const char *name)
{
	char *path = path_join(dir, name);
	struct atomicfile *af = atomicfile_open(path, 0644);
	free(path);
	return af;
}

void impout_put_field(FILE *fp, const char *s)
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

/* A value in the rejects file: formulas neutralised (it is opened in
 * Excel), at most 200 bytes on a UTF-8 boundary, identity numbers masked. */
static void put_shown(FILE *fp, const char *value)
{
	char *shown = estrndup(value ? value : "", 200);
	size_t n = utf8_valid_prefix(shown, strlen(shown), NULL);
	if (!utf8_valid(shown, n))
		n = 0;
	shown[n] = '\0';
	char *masked = idnum_mask(shown);
	double number;
	if ((masked[0] == '=' || masked[0] == '+' || masked[0] == '-' || masked[0] == '@') && masked[1] &&
	    value_decimal(masked, &number) != 0) {
		char *q = easprintf("'%s", masked);
		free(masked);
		masked = q;
	}
	impout_put_field(fp, masked);
	free(masked);
	free(shown);
}

struct impout *impout_open(const char *dir, const char *base, const char *kind,
			   const char *const *columns)
{
	struct impout *o = ecalloc(1, sizeof *o);
	o->dir = estrdup(dir);
	o->base = estrdup(base);
	o->kind = kind;
	o->columns = columns;
	char *name = easprintf("%s.csv", base);
	o->out = open_beside(dir, name);
	free(name);
	name = easprintf("%s.rejects.csv", base);
	o->rej = o->out ? open_beside(dir, name) : NULL;
	free(name);
	name = easprintf("%s.import.json", base);
	o->sum = o->rej ? open_beside(dir, name) : NULL;
	free(name);
	if (!o->sum) {
		impout_close(o, 0);
		return NULL;
	}
	for (size_t i = 0; columns[i]; i++)
		impout_str(o, columns[i]);
	putc('\n', o->out->fp);
	o->field = 0;
	fputs("file,line,column,value,reason\n", o->rej->fp);
	return o;
}

void impout_begin_file(struct impout *o, const char *path)
{
	o->file = erealloc(o->file, (o->nfile + 1) * sizeof *o->file);
	struct file_acct *f = &o->file[o->nfile++];
	memset(f, 0, sizeof *f);
	f->path = path;
}

static struct file_acct *cur(struct impout *o)
{
	if (!o->nfile)
		impout_begin_file(o, "");
	return &o->file[o->nfile - 1];
}

void impout_file_info(struct impout *o, const char *key, const char *value)
{
	struct file_acct *f = cur(o);
	for (size_t i = 0; i < f->ninfo; i++)
		if (strcmp(f->info[i].key, key) == 0) {
			free(f->info[i].value);
			f->info[i].value = estrdup(value);
			return;
		}
	f->info = erealloc(f->info, (f->ninfo + 1) * sizeof *f->info);
	f->info[f->ninfo].key = estrdup(key);
	f->info[f->ninfo++].value = estrdup(value);
}

void impout_read(struct impout *o)
{
	cur(o)->read++;
}

void impout_notes(struct impout *o, long n)
{
	cur(o)->notes += n;
}

void impout_str(struct impout *o, const char *s)
{
	if (o->field++)
		putc(',', o->out->fp);
	impout_put_field(o->out->fp, s);
}

void impout_long(struct impout *o, long long v)
{
	if (o->field++)
		putc(',', o->out->fp);
	fprintf(o->out->fp, "%lld", v);
}

void impout_end_row(struct impout *o)
{
	putc('\n', o->out->fp);
	o->field = 0;
	cur(o)->converted++;
}

void impout_end_row_of(struct impout *o, long cells)
{
	putc('\n', o->out->fp);
	o->field = 0;
	cur(o)->converted += cells;
}

static void tally_add(struct tally **t, size_t *n, const char *tag)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*t)[i].tag, tag) == 0) {
			(*t)[i].n++;
			return;
		}
	*t = erealloc(*t, (*n + 1) * sizeof **t);
	(*t)[*n].tag = tag;
	(*t)[(*n)++].n = 1;
}

void impout_reject(struct impout *o, long line, const char *where, const char *column,
		   const char *value, const char *tag, const char *fmt, ...)
{
	struct file_acct *f = cur(o);
	char reason[600];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(reason, sizeof reason, fmt, ap);
	va_end(ap);
	f->rejected++;
	tally_add(&o->reason, &o->nreason, tag);
	FILE *fp = o->rej->fp;
	impout_put_field(fp, f->path);
	putc(',', fp);
	if (line > 0)
		fprintf(fp, "%ld", line);
	else if (where)
		impout_put_field(fp, where);
	putc(',', fp);
	impout_put_field(fp, column ? column : "");
	putc(',', fp);
	put_shown(fp, value);
	putc(',', fp);
	/* the reason is the importer's own text, never a value read */
	impout_put_field(fp, reason);
	putc('\n', fp);
	if (f->rejected == 1) {
		f->first_line = line;
		f->first_where = where ? estrdup(where) : NULL;
		f->first_msg = column ? easprintf("%s: %s", column, reason) : estrdup(reason);
	}
}

void impout_count(struct impout *o, const char *tag)
{
	tally_add(&o->count, &o->ncount, tag);
}

void impout_note(struct impout *o, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char buf[1024];
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	for (size_t i = 0; i < o->nnote; i++)
		if (strcmp(o->note[i], buf) == 0)
			return;
	o->note = erealloc(o->note, (o->nnote + 1) * sizeof *o->note);
	o->note[o->nnote++] = estrdup(buf);
	msg_note("%s", buf);
}

long impout_total_read(const struct impout *o)
{
	long n = 0;
	for (size_t i = 0; i < o->nfile; i++)
		n += o->file[i].read;
	return n;
}

long impout_total_rejected(const struct impout *o)
{
	long n = 0;
	for (size_t i = 0; i < o->nfile; i++)
		n += o->file[i].rejected;
	return n;
}

static void put_tallies(FILE *fp, const char *name, const struct tally *t, size_t n)
{
	fprintf(fp, "  \"%s\": {", name);
	for (size_t i = 0; i < n; i++) {
		fputs(i ? ", " : "", fp);
		json_put_string(fp, t[i].tag);
		fprintf(fp, ": %ld", t[i].n);
	}
	fputs("},\n", fp);
}

static void write_summary(struct impout *o)
{
	FILE *fp = o->sum->fp;
	long read = 0, conv = 0, rej = 0;
	fputs("{\n  \"kind\": ", fp);
	json_put_string(fp, o->kind);
	fputs(",\n  \"output\": ", fp);
	char *name = easprintf("%s.csv", o->base);
	json_put_string(fp, name);
	free(name);
	fputs(",\n  \"columns\": [", fp);
	for (size_t i = 0; o->columns[i]; i++) {
		fputs(i ? ", " : "", fp);
		json_put_string(fp, o->columns[i]);
	}
	fputs("],\n  \"files\": [\n", fp);
	for (size_t i = 0; i < o->nfile; i++) {
		const struct file_acct *f = &o->file[i];
		fputs("    {\"file\": ", fp);
		json_put_string(fp, f->path);
		for (size_t k = 0; k < f->ninfo; k++) {
			fputs(", ", fp);
			json_put_string(fp, f->info[k].key);
			fputs(": ", fp);
			json_put_string(fp, f->info[k].value);
		}
		fprintf(fp, ", \"read\": %ld, \"converted\": %ld, \"rejected\": %ld, \"other_lines\": %ld}%s\n",
			f->read, f->converted, f->rejected, f->notes, i + 1 < o->nfile ? "," : "");
		read += f->read;
		conv += f->converted;
		rej += f->rejected;
	}
	fprintf(fp, "  ],\n  \"read\": %ld,\n  \"converted\": %ld,\n  \"rejected\": %ld,\n", read, conv, rej);
	put_tallies(fp, "rejected_by_reason", o->reason, o->nreason);
	put_tallies(fp, "adjusted", o->count, o->ncount);
	fputs("  \"notes\": [", fp);
	for (size_t i = 0; i < o->nnote; i++) {
		fputs(i ? ",\n    " : "\n    ", fp);
		json_put_string(fp, o->note[i]);
	}
	fputs(o->nnote ? "\n  ]\n}\n" : "]\n}\n", fp);
}

int impout_close(struct impout *o, int ok)
{
	int rc = 0;
	if (ok && o->sum) {
		write_summary(o);
		for (size_t i = 0; i < o->nfile; i++) {
			const struct file_acct *f = &o->file[i];
			if (!f->rejected)
				continue;
			char *loc = f->first_line > 0 ? easprintf("%s:%ld", f->path, f->first_line)
				    : f->first_where ? easprintf("%s: %s", f->path, f->first_where)
						     : estrdup(f->path);
			msg_error("%s: %s (%ld of %ld rows rejected; each is listed in %s/%s.rejects.csv)", loc,
				  f->first_msg, f->rejected, f->read, o->dir, o->base);
			free(loc);
		}
		for (size_t i = 0; i < o->nfile; i++)
			msg_note("%s: %ld rows read, %ld converted, %ld rejected", o->file[i].path,
				 o->file[i].read, o->file[i].converted, o->file[i].rejected);
		/* the data file last: a reader that sees it sees the others */
		if (atomicfile_commit(o->sum) != 0)
			rc = -1;
		o->sum = NULL;
		if (rc == 0 && atomicfile_commit(o->rej) != 0)
			rc = -1;
		o->rej = NULL;
		if (rc == 0 && atomicfile_commit(o->out) != 0)
			rc = -1;
		o->out = NULL;
	}
	if (o->sum)
		atomicfile_abort(o->sum);
	if (o->rej)
		atomicfile_abort(o->rej);
	if (o->out)
		atomicfile_abort(o->out);
	for (size_t i = 0; i < o->nfile; i++) {
		for (size_t k = 0; k < o->file[i].ninfo; k++) {
			free(o->file[i].info[k].key);
			free(o->file[i].info[k].value);
		}
		free(o->file[i].info);
		free(o->file[i].first_where);
		free(o->file[i].first_msg);
	}
	free(o->file);
	free(o->reason);
	free(o->count);
	for (size_t i = 0; i < o->nnote; i++)
		free(o->note[i]);
	free(o->note);
	free(o->dir);
	free(o->base);
	free(o);
	return rc;
}
