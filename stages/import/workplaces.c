/* scb-workplaces: SCB's count of workplaces (Företagsregistret) by kommun,
 * SNI 2007 section and size class, as downloaded (CSV or JSON-stat) ->
 * survey_frame.csv, one row per stratum kommun x section x size class of
 * the contract (1-9, 10-49, 50-249, 250+), summed from SCB's nine classes:
 *   0, 1-4, 5-9 -> 1-9 (ingest puts a workplace of 0 employees in 1-9)
 *   10-19, 20-49 -> 10-49;  50-99, 100-199 -> 50-249;  500+ -> 250+
 *   200-499 -> 250+ (default), 50-249, or split by a share (--size-200-499)
 * A stratum with a suppressed cell among its parts is not written (its sum
 * is unknown): all its cells are rejected. The frame has no year: one year
 * is taken (--year, default the latest), cells of others are rejected. */
#include "closest.h"
#include "cube.h"
#include "csvin.h"
#include "impout.h"
#include "import.h"
#include "jsonstat.h"
#include "keymap.h"
#include "msg.h"
#include "scbcsv.h"
#include "value.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const frame_classes[] = {"1-9", "10-49", "50-249", "250+"};

struct part {
	long line;
	long cell;    /* JSON-stat: N of value[N]; else -1 */
	char label[40];
};

struct stratum {
	char kommun[5], section;
	int size;           /* index in frame_classes */
	long long workplaces;
	int incomplete;
	char why[160];
	struct part *part;
	size_t npart;
};

struct frame {
	const struct import_opts *opt;
	struct cube_set set;
	struct impout *out;
	size_t d_area, d_sni, d_size, d_year;
	const char *year;
	struct stratum *st;
	size_t nst;
	struct keymap *index;   /* "kommun:S:size" -> stratum */
	struct keymap *cells;   /* a cell's key -> line (duplicates) */
	struct keymap *sampled; /* "kommun:S:size" -> sampled + 1 */
};

static struct stratum *stratum_of(struct frame *fr, const char *kommun, char section, int size)
{
	char key[24];
	int kl = snprintf(key, sizeof key, "%s:%c:%d", kommun, section, size);
	uint64_t v;
	if (keymap_insert(fr->index, key, (size_t)kl, fr->nst, &v)) {
		fr->st = erealloc(fr->st, (fr->nst + 1) * sizeof *fr->st);
		struct stratum *s = &fr->st[fr->nst++];
		memset(s, 0, sizeof *s);
		memcpy(s->kommun, kommun, 5);
		s->section = section;
		s->size = size;
		return s;
	}
	return &fr->st[v];
}

static void add_part(struct stratum *s, const struct cube_cell *c, const char *label)
{
	s->part = erealloc(s->part, (s->npart + 1) * sizeof *s->part);
	struct part *p = &s->part[s->npart++];
	p->line = c->line;
	p->cell = c->where ? atol(c->where + 6) : -1;
	snprintf(p->label, sizeof p->label, "%s", label);
}

static void reject_cell(struct frame *fr, const struct cube_cell *c, const char *column, const char *value,
			const char *tag, const char *why)
{
	impout_reject(fr->out, c->line, c->where, column, value, tag, "%s", why);
}

/* Adds N workplaces of SCB class CLS to the strata of (KOMMUN, SECTION). */
static void add_count(struct frame *fr, const struct cube_cell *c, const char *kommun, char section,
		      const char *cls, long long n, int bad, const char *why)
{
	int to[2] = {-1, -1};
	long long amount[2] = {n, 0};
	if (!strcmp(cls, "0") || !strcmp(cls, "1-4") || !strcmp(cls, "5-9"))
		to[0] = 0;
	else if (!strcmp(cls, "10-19") || !strcmp(cls, "20-49"))
		to[0] = 1;
	else if (!strcmp(cls, "50-99") || !strcmp(cls, "100-199"))
		to[0] = 2;
	else if (!strcmp(cls, "500+"))
		to[0] = 3;
	else if (fr->opt->size_200_499 == SIZE_TO_250_PLUS)
		to[0] = 3;
	else if (fr->opt->size_200_499 == SIZE_TO_50_249)
		to[0] = 2;
	else {
		/* the share in 250+, rounded to whole workplaces, the rest in
		 * 50-249: the sum stays the count */
		to[0] = 3;
		to[1] = 2;
		amount[0] = (long long)floor(fr->opt->share_250 * (double)n + 0.5);
		amount[1] = n - amount[0];
	}
	for (int i = 0; i < 2 && to[i] >= 0; i++) {
		struct stratum *s = stratum_of(fr, kommun, section, to[i]);
		/* a split cell is a part of both strata; it is counted read once,
		 * in the first */
		if (i == 0)
			add_part(s, c, c->value);
		if (bad && !s->incomplete) {
			s->incomplete = 1;
			if (c->line > 0)
				snprintf(s->why, sizeof s->why, "line %ld: %s", c->line, why);
			else
				snprintf(s->why, sizeof s->why, "%s: %s", c->where, why);
		}
		if (!bad)
			s->workplaces += amount[i];
	}
}

static int frame_cell(void *ctx, const struct cube_cell *c)
{
	struct frame *fr = ctx;
	const struct cube_set *s = &fr->set;
	for (size_t k = 0; k < s->n; k++) {
		const struct cube_cat *cat = &s->dim[k].cat[c->cat[k]];
		if (cat->role != CUBE_PART) {
			reject_cell(fr, c, s->dim[k].name, cat->label, cat->role == CUBE_BAD ? "code" : "aggregate",
				    cat->why);
			return 0;
		}
	}
	const struct cube_cat *year = &s->dim[fr->d_year].cat[c->cat[fr->d_year]];
	if (strcmp(year->value, fr->year) != 0) {
		char why[64];
		snprintf(why, sizeof why, "another year than %s (the frame has one)", fr->year);
		reject_cell(fr, c, s->dim[fr->d_year].name, year->label, "other_year", why);
		return 0;
	}
	const char *kommun = s->dim[fr->d_area].cat[c->cat[fr->d_area]].value;
	char section = s->dim[fr->d_sni].cat[c->cat[fr->d_sni]].value[0];
	const char *cls = s->dim[fr->d_size].cat[c->cat[fr->d_size]].value;
	char key[40];
	int kl = snprintf(key, sizeof key, "%s:%c:%s", kommun, section, cls);
	uint64_t prev;
	if (!keymap_insert(fr->cells, key, (size_t)kl, (uint64_t)(c->line > 0 ? c->line : 0), &prev)) {
		reject_cell(fr, c, NULL, c->value, "duplicate", "the same kommun, section and size class as an earlier cell");
		return 0;
	}
	long long n = 0;
	if (cube_suppressed(c->value) || !*c->value) {
		reject_cell(fr, c, "value", c->value, "suppressed", "suppressed or missing cell: not a count, not 0");
		add_count(fr, c, kommun, section, cls, 0, 1, "suppressed");
		fr->st[fr->nst - 1].npart += 0;
		return 0;
	}
	if (cube_count(c->value, &n) != 0) {
		reject_cell(fr, c, "value", c->value, "number", "not a whole number >= 0");
		add_count(fr, c, kommun, section, cls, 0, 1, "not a whole number");
		return 0;
	}
	add_count(fr, c, kommun, section, cls, n, 0, NULL);
	return 0;
}

static int cmp_stratum(const void *a, const void *b)
{
	const struct stratum *x = a, *y = b;
	int c = strcmp(x->kommun, y->kommun);
	if (c)
		return c;
	if (x->section != y->section)
		return x->section < y->section ? -1 : 1;
	return (x->size > y->size) - (x->size < y->size);
}

struct sample_load {
	struct frame *fr;
	int col[4];
	const char *path;
};

static int sample_row(void *ctx, const struct csvin_row *row)
{
	struct sample_load *l = ctx;
	static const char *const names[] = {"kommun", "sni_section", "size_class", "sampled"};
	if (row->line == 1 || l->col[0] == -2) {
		/* every missing column at once, each with the closest unknown
		 * one of the header (as ingest) */
		int *used = ecalloc(row->nfields + 1, sizeof *used);
		for (int k = 0; k < 4; k++) {
			l->col[k] = -1;
			for (size_t i = 0; i < row->nfields; i++)
				if (value_equal_fold(row->field[i], names[k])) {
					l->col[k] = (int)i;
					used[i] = 1;
				}
		}
		const char **unknown = emalloc((row->nfields + 1) * sizeof *unknown);
		size_t nunknown = 0;
		for (size_t i = 0; i < row->nfields; i++)
			if (!used[i])
				unknown[nunknown++] = row->field[i];
		char *list = estrdup("");
		int nmissing = 0;
		for (int k = 0; k < 4; k++) {
			if (l->col[k] >= 0)
				continue;
			long c = closest_column(names[k], unknown, nunknown);
			char *next = c >= 0 ? easprintf("%s%s%s (did you mean \"%s\"?)", list, *list ? ", " : "",
							names[k], unknown[c])
					    : easprintf("%s%s%s", list, *list ? ", " : "", names[k]);
			free(list);
			list = next;
			nmissing++;
		}
		if (nmissing)
			msg_error_at(l->path, row->line, "missing required column%s %s", nmissing > 1 ? "s" : "", list);
		free(list);
		free(unknown);
		free(used);
		return nmissing ? 1 : 0;
	}
	if (row->oversized)
		return 0;
	for (int k = 0; k < 4; k++)
		if ((size_t)l->col[k] >= row->nfields) {
			msg_error_at(l->path, row->line, "expected %zu fields", row->nfields);
			return 1;
		}
	long long n;
	int size = -1;
	for (int k = 0; k < 4; k++)
		if (strcmp(row->field[l->col[2]], frame_classes[k]) == 0)
			size = k;
	int padded;
	const struct kommun_entry *e = codes_kommun(l->fr->opt->codes, row->field[l->col[0]], &padded);
	const char *sec = row->field[l->col[1]];
	if (!e || size < 0 || strlen(sec) != 1 || sec[0] < 'A' || sec[0] > 'U' ||
	    value_count(row->field[l->col[3]], &n) != 0) {
		msg_error_at(l->path, row->line, "not a stratum (kommun, section A-U, size class 1-9 10-49 "
						 "50-249 250+) with a count sampled");
		return 1;
	}
	char key[24];
	int kl = snprintf(key, sizeof key, "%s:%c:%d", e->code, sec[0], size);
	if (!keymap_insert(l->fr->sampled, key, (size_t)kl, (uint64_t)n + 1, NULL)) {
		msg_error_at(l->path, row->line, "stratum %s:%c:%s given twice", e->code, sec[0], frame_classes[size]);
		return 1;
	}
	return 0;
}

static int read_table(struct frame *fr, const char *path, struct impout *o)
{
	if (jsonstat_sniff(path))
		return jsonstat_read(path, &fr->set, o, frame_cell, fr);
	return scbcsv_read(path, &fr->set, o, frame_cell, fr);
}

int import_scb_workplaces(const struct import_opts *opt)
{
	static const char *const columns[] = {"kommun", "sni_section", "size_class", "workplaces", "sampled", NULL};
	struct frame fr;
	memset(&fr, 0, sizeof fr);
	fr.opt = opt;
	int rc = 1;
	const char *path = opt->files[0];
	if (opt->nfiles != 1) {
		msg_error("scb-workplaces reads one table (the frame of one year), not %zu files", opt->nfiles);
		return 1;
	}
	fr.index = keymap_new();
	fr.cells = keymap_new();
	fr.sampled = keymap_new();
	if (opt->sampled) {
		struct sample_load l = {&fr, {-2, -2, -2, -2}, opt->sampled};
		struct csvin_options co = {0};
		if (csvin_read_path(opt->sampled, &co, sample_row, &l, NULL) != 0)
			goto out;
	}
	if (read_table(&fr, path, NULL) != 0 || cube_plan_workplaces(fr.set.dim, fr.set.n, opt->codes, path) != 0)
		goto out;
	fr.d_area = cube_set_dim(&fr.set, CUBE_AREA, "", 0);
	fr.d_sni = cube_set_dim(&fr.set, CUBE_SNI, "", 0);
	fr.d_size = cube_set_dim(&fr.set, CUBE_SIZE, "", 0);
	fr.d_year = cube_set_dim(&fr.set, CUBE_YEAR, "", 0);
	const struct cube_dim *yd = &fr.set.dim[fr.d_year];
	char want[8];
	snprintf(want, sizeof want, "%d", opt->year);
	for (size_t i = 0; i < yd->ncat; i++)
		if (yd->cat[i].role == CUBE_PART &&
		    (opt->year ? strcmp(yd->cat[i].value, want) == 0 : !fr.year || strcmp(yd->cat[i].value, fr.year) > 0))
			fr.year = yd->cat[i].value;
	if (!fr.year) {
		msg_error_at(path, 0, "no year %s in the table", want);
		goto out;
	}
	if (!(fr.out = impout_open(opt->outdir, "survey_frame", "scb-workplaces", columns)))
		goto out;
	impout_note(fr.out, "a row read is one cell of the table (a count of workplaces); a row written sums "
			    "the cells of its stratum");
	impout_note(fr.out, "year %s", fr.year);
	impout_note(fr.out, "size classes: 0, 1-4, 5-9 -> 1-9; 10-19, 20-49 -> 10-49; 50-99, 100-199 -> 50-249; "
			    "500+ -> 250+");
	if (opt->size_200_499 == SIZE_TO_250_PLUS)
		impout_note(fr.out, "size class 200-499 -> 250+ (--size-200-499): workplaces of 200-249 employees "
				    "are counted in 250+ although ingest puts a respondent of that size in 50-249");
	else if (opt->size_200_499 == SIZE_TO_50_249)
		impout_note(fr.out, "size class 200-499 -> 50-249 (--size-200-499): workplaces of 250-499 employees "
				    "are counted in 50-249");
	else
		impout_note(fr.out, "size class 200-499 split: a share of %g in 250+, the rest in 50-249 "
				    "(--size-200-499), rounded per cell",
			    opt->share_250);
	if (!opt->sampled)
		impout_note(fr.out, "sampled is empty: no --sampled file; fill in the survey's sample per stratum "
				    "(ingest requires it)");
	impout_begin_file(fr.out, path);
	int ok = read_table(&fr, path, fr.out) == 0;
	if (ok) {
		qsort(fr.st, fr.nst, sizeof *fr.st, cmp_stratum);
		/* split: a cell of class 200-499 belongs to the 250+ stratum (its
		 * part of the accounting) and lends to 50-249, which cannot be
		 * written when 250+ is not */
		for (size_t i = 0; opt->size_200_499 == SIZE_SPLIT && i + 1 < fr.nst; i++) {
			struct stratum *a = &fr.st[i], *b = &fr.st[i + 1];
			if (a->size == 2 && b->size == 3 && b->incomplete && !a->incomplete &&
			    strcmp(a->kommun, b->kommun) == 0 && a->section == b->section) {
				a->incomplete = 1;
				snprintf(a->why, sizeof a->why, "its share of class 200-499 is in the 250+ stratum, "
								"which is incomplete");
			}
		}
		for (size_t i = 0; i < fr.nst; i++) {
			struct stratum *s = &fr.st[i];
			char name[24];
			snprintf(name, sizeof name, "%s:%c:%s", s->kommun, s->section, frame_classes[s->size]);
			if (s->incomplete) {
				for (size_t p = 0; p < s->npart; p++) {
					if (cube_suppressed(s->part[p].label) || !*s->part[p].label ||
					    cube_count(s->part[p].label, &(long long){0}) != 0)
						continue; /* rejected already */
					char where[32];
					snprintf(where, sizeof where, "value[%ld]", s->part[p].cell);
					impout_reject(fr.out, s->part[p].line, s->part[p].cell >= 0 ? where : NULL, NULL,
						      s->part[p].label, "incomplete",
						      "stratum %s not written: another of its cells is missing (%s)", name,
						      s->why);
				}
				continue;
			}
			char key[24];
			int kl = snprintf(key, sizeof key, "%s:%c:%d", s->kommun, s->section, s->size);
			uint64_t sampled;
			impout_str(fr.out, s->kommun);
			impout_str(fr.out, (char[]){s->section, '\0'});
			impout_str(fr.out, frame_classes[s->size]);
			impout_long(fr.out, s->workplaces);
			if (!opt->sampled)
				impout_str(fr.out, "");
			else if (keymap_get(fr.sampled, key, (size_t)kl, &sampled))
				impout_long(fr.out, (long long)sampled - 1);
			else
				impout_long(fr.out, 0);
			impout_end_row_of(fr.out, (long)s->npart);
		}
	}
	rc = impout_close(fr.out, ok) == 0 && ok ? 0 : 1;
out:
	for (size_t i = 0; i < fr.nst; i++)
		free(fr.st[i].part);
	free(fr.st);
	keymap_free(fr.index);
	keymap_free(fr.cells);
	keymap_free(fr.sampled);
	cube_set_free(&fr.set);
	return rc;
}
