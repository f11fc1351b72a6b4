/* scb-employment: SCB's occupational register tables (YREG) as downloaded
 * -> employment.csv. Read twice: the first pass gathers every category, so
 * that totals are known as totals before any row is written (a table may
 * list "totalt" before "män"); the second converts. */
#include "cube.h"
#include "impout.h"
#include "import.h"
#include "jsonstat.h"
#include "keymap.h"
#include "msg.h"
#include "scbcsv.h"

#include <stdio.h>
#include <string.h>

struct employment {
	struct cube_set set;
	struct impout *out;
	struct keymap *seen;   /* output key -> file << 26 | line */
	size_t file;           /* index of the file being read */
	const char *path;
	size_t order[CUBE_MAXDIM]; /* dimensions in output column order */
	size_t norder;
};

/* The place of a cell for messages: its line, or "value[N]". */
static void reject_cell(struct employment *e, const struct cube_cell *c, const char *column,
			const char *value, const char *tag, const char *why)
{
	impout_reject(e->out, c->line, c->where, column, value, tag, "%s", why);
}

static int employment_cell(void *ctx, const struct cube_cell *c)
{
	struct employment *e = ctx;
	const struct cube_set *s = &e->set;
	for (size_t k = 0; k < s->n; k++) {
		const struct cube_cat *cat = &s->dim[k].cat[c->cat[k]];
		if (cat->role == CUBE_BAD) {
			reject_cell(e, c, s->dim[k].name, cat->label, "code", cat->why);
			return 0;
		}
	}
	for (size_t k = 0; k < s->n; k++) {
		const struct cube_cat *cat = &s->dim[k].cat[c->cat[k]];
		if (cat->role == CUBE_AGGREGATE) {
			reject_cell(e, c, s->dim[k].name, cat->label, "aggregate", cat->why);
			return 0;
		}
	}
	long long n;
	if (cube_suppressed(c->value)) {
		reject_cell(e, c, "value", c->value, "suppressed", "suppressed or missing cell: not a count, not 0");
		return 0;
	}
	if (!*c->value) {
		reject_cell(e, c, "value", c->value, "suppressed", "empty cell: not a count, not 0");
		return 0;
	}
	if (cube_count(c->value, &n) != 0) {
		reject_cell(e, c, "value", c->value, "number", "not a whole number >= 0");
		return 0;
	}
	char key[64];
	size_t kl = 0;
	for (size_t i = 0; i < e->norder; i++) {
		const struct cube_cat *cat = &s->dim[e->order[i]].cat[c->cat[e->order[i]]];
		kl += (size_t)snprintf(key + kl, sizeof key - kl, "%s|", cat->value);
	}
	uint64_t prev, here = e->file < 64 && c->line > 0 && c->line < (1L << 26)
				      ? ((uint64_t)e->file << 26 | (uint64_t)c->line) : KEYMAP_VALUE_MAX;
	if (!keymap_insert(e->seen, key, kl, here, &prev)) {
		char why[300];
		if (prev < KEYMAP_VALUE_MAX && (prev & ((1u << 26) - 1)))
			snprintf(why, sizeof why, "the same %s as line %llu of file %llu", "cell",
				 (unsigned long long)(prev & ((1u << 26) - 1)), (unsigned long long)(prev >> 26) + 1);
		else
			snprintf(why, sizeof why, "the same cell as an earlier one");
		reject_cell(e, c, NULL, c->value, "duplicate", why);
		return 0;
	}
	for (size_t i = 0; i < e->norder; i++)
		impout_str(e->out, s->dim[e->order[i]].cat[c->cat[e->order[i]]].value);
	impout_long(e->out, n);
	impout_end_row(e->out);
	return 0;
}

static int read_file(struct employment *e, const char *path, struct impout *o)
{
	if (jsonstat_sniff(path))
		return jsonstat_read(path, &e->set, o, employment_cell, e);
	return scbcsv_read(path, &e->set, o, employment_cell, e);
}

int import_scb_employment(const struct import_opts *opt)
{
	struct employment e;
	memset(&e, 0, sizeof e);
	int rc = 1;
	for (size_t i = 0; i < opt->nfiles; i++)
		if (read_file(&e, opt->files[i], NULL) != 0)
			goto out;
	if (cube_plan_employment(e.set.dim, e.set.n, opt->codes, opt->files[0]) != 0)
		goto out;
	static const enum cube_kind order[] = {CUBE_YEAR, CUBE_AREA, CUBE_OCC, CUBE_SEX, CUBE_AGE};
	const char *columns[8];
	size_t nc = 0;
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
		size_t d = cube_set_dim(&e.set, order[i], "", 0);
		if (d != (size_t)-1 && e.set.dim[d].column) {
			e.order[e.norder++] = d;
			columns[nc++] = e.set.dim[d].column;
		}
	}
	columns[nc++] = "employed";
	columns[nc] = NULL;
	if (!(e.out = impout_open(opt->outdir, "employment", "scb-employment", columns)))
		goto out;
	e.seen = keymap_new();
	impout_note(e.out, "a row is one cell of the table (a count of employed persons)");
	for (size_t i = 0; i < e.norder; i++) {
		const struct cube_dim *d = &e.set.dim[e.order[i]];
		if (strcmp(d->column, "lan") == 0)
			impout_note(e.out, "the table is by county (lan), not kommun: the municipal analysis "
					   "lacks local employment");
		if (strcmp(d->column, "ssyk3") == 0)
			impout_note(e.out, "occupations at 3 digits (ssyk3): SCB publishes 4 digits by county "
					   "only; kommun x 4 digits is a custom order");
	}
	if (cube_set_dim(&e.set, CUBE_SEX, "", 0) == (size_t)-1 ||
	    !e.set.dim[cube_set_dim(&e.set, CUBE_SEX, "", 0)].column)
		impout_note(e.out, "the table has no split by sex: no sex column");
	if (cube_set_dim(&e.set, CUBE_AGE, "", 0) == (size_t)-1 ||
	    !e.set.dim[cube_set_dim(&e.set, CUBE_AGE, "", 0)].column)
		impout_note(e.out, "the table has no split by age: no age column");
	int ok = 1;
	for (size_t i = 0; ok && i < opt->nfiles; i++) {
		e.file = i;
		impout_begin_file(e.out, opt->files[i]);
		ok = read_file(&e, opt->files[i], e.out) == 0;
	}
	rc = impout_close(e.out, ok) == 0 && ok ? 0 : 1;
out:
	keymap_free(e.seen);
	cube_set_free(&e.set);
	return rc;
}
