/* Reading the report's inputs from the run's output folder. */
#include "report.h"
#include "csvin.h"
#include "labels.h"
#include "msg.h"
#include "stage.h"
#include "tsv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *base64_encode(const unsigned char *data, size_t n)
{
	static const char alphabet[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	char *out = emalloc(4 * ((n + 2) / 3) + 1), *q = out;
	size_t i = 0;
	for (; i + 2 < n; i += 3) {
		unsigned v = (unsigned)data[i] << 16 | (unsigned)data[i + 1] << 8 | data[i + 2];
		*q++ = alphabet[v >> 18 & 63];
		*q++ = alphabet[v >> 12 & 63];
		*q++ = alphabet[v >> 6 & 63];
		*q++ = alphabet[v & 63];
	}
	if (i < n) {
		unsigned v = (unsigned)data[i] << 16 | (i + 1 < n ? (unsigned)data[i + 1] << 8 : 0);
		*q++ = alphabet[v >> 18 & 63];
		*q++ = alphabet[v >> 12 & 63];
		*q++ = i + 1 < n ? alphabet[v >> 6 & 63] : '=';
		*q++ = '=';
	}
	*q = '\0';
	return out;
}

static void note_missing(struct report *R, const char *name)
{
	R->missing = erealloc(R->missing, (R->nmissing + 1) * sizeof *R->missing);
	R->missing[R->nmissing++] = estrdup(name);
}

/* Loads OUTDIR/NAME as an optional table; -1 only for a malformed file. */
static int load_optional(struct report *R, const char *dir, const char *name, struct mtab **out,
			 int note)
{
	char *path = path_join(dir, name);
	int absent;
	*out = mtab_load(path, 1, &absent);
	free(path);
	if (!*out && !absent)
		return -1;
	if (absent && note)
		note_missing(R, name);
	return 0;
}

static struct jval *load_json_optional(struct report *R, const char *name, int *failed)
{
	char *path = path_join(R->outdir, name);
	struct jval *v = NULL;
	*failed = 0;
	if (access(path, F_OK) != 0 && errno == ENOENT)
		note_missing(R, name);
	else if (!(v = json_load(path)))
		*failed = 1;
	free(path);
	return v;
}

/* Reads a whole (small) file; NULL with errno set on failure. */
static unsigned char *read_all(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return NULL;
	size_t cap = 1 << 16, n = 0, got;
	unsigned char *buf = emalloc(cap);
	while ((got = fread(buf + n, 1, cap - n, fp)) > 0) {
		n += got;
		if (n == cap)
			buf = erealloc(buf, cap *= 2);
	}
	int bad = ferror(fp);
	fclose(fp);
	if (bad) {
		free(buf);
		errno = EIO;
		return NULL;
	}
	*len = n;
	return buf;
}

/* A chart's file name must be a plain name inside OUT/report. */
static int chart_name_ok(const char *name)
{
	return *name && !strchr(name, '/') && strcmp(name, ".") != 0 && strcmp(name, "..") != 0;
}

static enum chart_section chart_section_of(const char *section, const char *id)
{
	const char *s = *section ? section : id;
	static const char *const compare[] = {"compare", "jamfor", "jämför", NULL};
	static const char *const tracks[] = {"track", "candidate", "model", "spar", "spår", NULL};
	static const char *const shortage[] = {"shortage", "brist", "supply", "openings", "vacanc",
					       "verdict", "heatmap", NULL};
	static const char *const quality[] = {"quality", "kvalitet", "response", "svar", NULL};
	static const char *const *const words[] = {compare, tracks, shortage, quality};
	static const enum chart_section where[] = {CHART_COMPARE, CHART_TRACKS, CHART_SHORTAGE,
						   CHART_QUALITY};
	for (int g = 0; g < 4; g++)
		for (int i = 0; words[g][i]; i++)
			if (strstr(s, words[g][i]))
				return where[g];
	return CHART_OTHER;
}

/* Embeds FILE (in the report folder) as a data: URI; NULL if unreadable. */
static char *chart_data_uri(const char *reportdir, const char *file, const char *mime)
{
	if (!chart_name_ok(file)) {
		msg_error("charts.tsv: %s: not a plain file name in the report folder; chart left out",
			  file);
		return NULL;
	}
	char *path = path_join(reportdir, file);
	size_t n;
	unsigned char *data = read_all(path, &n);
	if (!data) {
		msg_error("%s: cannot read: %s; chart left out", path, strerror(errno));
		free(path);
		return NULL;
	}
	free(path);
	char *b64 = base64_encode(data, n);
	char *uri = easprintf("data:%s;base64,%s", mime, b64);
	free(b64);
	free(data);
	return uri;
}

static int load_charts(struct report *R)
{
	char *reportdir = path_join(R->outdir, "report");
	char *path = path_join(reportdir, "charts.tsv");
	int absent;
	struct mtab *t = mtab_load(path, 1, &absent);
	free(path);
	if (!t) {
		free(reportdir);
		if (absent) {
			note_missing(R, "report/charts.tsv");
			return 0;
		}
		return -1;
	}
	int c_id = mtab_col(t, "id"), c_kommun = mtab_col(t, "kommun"),
	    c_svg = mtab_col(t, "file_svg"), c_png = mtab_col(t, "file_png"),
	    c_section = mtab_col(t, "section");
	int c_title = mtab_col(t, R->en ? "title_en" : "title_sv"),
	    c_title2 = mtab_col(t, R->en ? "title_sv" : "title_en");
	int c_alt = mtab_col(t, R->en ? "alt_en" : "alt_sv"),
	    c_alt2 = mtab_col(t, R->en ? "alt_sv" : "alt_en");
	R->chart = ecalloc(t->nrow ? t->nrow : 1, sizeof *R->chart);
	for (size_t i = 0; i < t->nrow; i++) {
		struct chart *ch = &R->chart[R->nchart++];
		const char *id = mtab_str(t, i, c_id);
		ch->id = estrdup(id);
		ch->kommun = estrdup(mtab_str(t, i, c_kommun));
		ch->section = chart_section_of(mtab_str(t, i, c_section), id);
		const char *title = mtab_str(t, i, c_title);
		if (!*title)
			title = mtab_str(t, i, c_title2);
		const char *alt = mtab_str(t, i, c_alt);
		if (!*alt)
			alt = mtab_str(t, i, c_alt2);
		ch->title = estrdup(*title ? title : id);
		ch->alt = estrdup(*alt ? alt : ch->title);
		const char *svg = mtab_str(t, i, c_svg), *png = mtab_str(t, i, c_png);
		if (*svg) {
			ch->file = estrdup(svg);
			ch->data_uri = chart_data_uri(reportdir, svg, "image/svg+xml");
		}
		if (!ch->data_uri && *png) {
			free(ch->file);
			ch->file = estrdup(png);
			ch->data_uri = chart_data_uri(reportdir, png, "image/png");
		}
		if (!ch->file)
			ch->file = estrdup(id);
	}
	mtab_free(t);
	free(reportdir);
	return 0;
}

/* rejects.csv: only counts per (file, column, reason) are published, never
 * the rejected values. */
struct reject_group {
	char *file, *column, *reason;
	long rows;
};

struct reject_ctx {
	int col_file, col_column, col_reason;
	struct reject_group *g;
	size_t n;
};

static int reject_row(void *ctx, const struct csvin_row *row)
{
	struct reject_ctx *c = ctx;
	if (row->line == 1 && c->col_file == -2) {
		c->col_file = c->col_column = c->col_reason = -1;
		for (size_t i = 0; i < row->nfields; i++) {
			if (strcmp(row->field[i], "file") == 0)
				c->col_file = (int)i;
			else if (strcmp(row->field[i], "column") == 0)
				c->col_column = (int)i;
			else if (strcmp(row->field[i], "reason") == 0)
				c->col_reason = (int)i;
		}
		return 0;
	}
	const char *f = c->col_file >= 0 && (size_t)c->col_file < row->nfields ? row->field[c->col_file] : "";
	const char *col = c->col_column >= 0 && (size_t)c->col_column < row->nfields
				  ? row->field[c->col_column] : "";
	const char *why = c->col_reason >= 0 && (size_t)c->col_reason < row->nfields
				  ? row->field[c->col_reason] : "";
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->g[i].file, f) == 0 && strcmp(c->g[i].column, col) == 0 &&
		    strcmp(c->g[i].reason, why) == 0) {
			c->g[i].rows++;
			return 0;
		}
	c->g = erealloc(c->g, (c->n + 1) * sizeof *c->g);
	c->g[c->n++] = (struct reject_group){estrdup(f), estrdup(col), estrdup(why), 1};
	return 0;
}

static int reject_cmp(const void *a, const void *b)
{
	const struct reject_group *x = a, *y = b;
	int d = strcmp(x->file, y->file);
	if (d)
		return d;
	if (x->rows != y->rows)
		return x->rows > y->rows ? -1 : 1;
	d = strcmp(x->column, y->column);
	return d ? d : strcmp(x->reason, y->reason);
}

static int load_rejects(struct report *R)
{
	const struct strings *S = R->S;
	struct rtable *t = rtable_new("avvisade", S->t_rejects, 4);
	rtable_col(t, 0, S->c_file, 0, 1);
	rtable_col(t, 1, S->c_column, 0, 1);
	rtable_col(t, 2, S->c_reason, 0, 1);
	rtable_col(t, 3, S->c_rows, 0, 0);
	R->rejects_t = t;
	char *path = path_join(R->outdir, "rejects.csv");
	if (access(path, F_OK) != 0 && errno == ENOENT) {
		note_missing(R, "rejects.csv");
		R->no_rejects_file = 1;
		free(path);
		return 0;
	}
	struct reject_ctx c = {-2, -2, -2, NULL, 0};
	int rc = csvin_read_path(path, NULL, reject_row, &c, NULL);
	free(path);
	if (rc == 0 && c.n)
		qsort(c.g, c.n, sizeof *c.g, reject_cmp);
	for (size_t i = 0; i < c.n; i++) {
		size_t r = rtable_add_row(t);
		rtable_text(t, r, 0, c.g[i].file);
		rtable_text(t, r, 1, c.g[i].column);
		rtable_text(t, r, 2, label_reject_reason(R->en, c.g[i].reason));
		rtable_num(t, r, 3, (double)c.g[i].rows);
		free(c.g[i].file);
		free(c.g[i].column);
		free(c.g[i].reason);
	}
	free(c.g);
	return rc == 0 ? 0 : -1;
}

int report_load(struct report *R)
{
	R->shortage = mtab_load_shortage(R->outdir);
	if (!R->shortage)
		return -1;
	if (mtab_col(R->shortage, "kommun") < 0 || mtab_col(R->shortage, "ssyk") < 0) {
		msg_error("%s: missing column %s", R->shortage->path,
			  mtab_col(R->shortage, "kommun") < 0 ? "kommun" : "ssyk");
		return -1;
	}
	/* trackfit_areas.tsv and proposals.tsv came later than trackfit.tsv:
	 * a run without them still shows its tracks as before */
	if (load_optional(R, R->outdir, "trackfit.tsv", &R->trackfit, 1) ||
	    load_optional(R, R->outdir, "trackfit_areas.tsv", &R->track_areas, 1) ||
	    load_optional(R, R->outdir, "proposals.tsv", &R->proposals, 1) ||
	    load_optional(R, R->outdir, "model.tsv", &R->model, 1) ||
	    load_optional(R, R->outdir, "compare.tsv", &R->compare, 0) ||
	    load_optional(R, R->outdir, "work/weights.tsv", &R->weights, 1) ||
	    load_optional(R, R->outdir, "work/frame.tsv", &R->frame, 0))
		return -1;
	int failed;
	R->ingest = load_json_optional(R, "ingest.json", &failed);
	if (failed)
		return -1;
	R->manifest = load_json_optional(R, "manifest.json", &failed);
	if (failed)
		return -1;
	/* manifest.json is written by run.sh after the report; its absence is normal */
	if (!R->manifest && R->nmissing && strcmp(R->missing[R->nmissing - 1], "manifest.json") == 0)
		free(R->missing[--R->nmissing]);
	if (load_rejects(R) != 0 || load_charts(R) != 0)
		return -1;
	if (R->previous && report_load_previous(R, R->previous) != 0)
		return -1;
	return 0;
}

void report_free(struct report *R)
{
	mtab_free(R->shortage);
	mtab_free(R->trackfit);
	mtab_free(R->track_areas);
	mtab_free(R->proposals);
	mtab_free(R->model);
	mtab_free(R->compare);
	mtab_free(R->weights);
	mtab_free(R->frame);
	report_free_previous(R->prev);
	rtable_free(R->suppressed_sum_t);
	free(R->fit.reason);
	for (size_t i = 0; i < R->nlone_county; i++)
		free(R->lone_county[i]);
	free(R->lone_county);
	free(R->yb_t);
	free(R->yb_both);
	free(R->yb_differ);
	json_free(R->ingest);
	json_free(R->manifest);
	for (size_t i = 0; i < R->nchart; i++) {
		struct chart *c = &R->chart[i];
		free(c->id);
		free(c->kommun);
		free(c->title);
		free(c->alt);
		free(c->file);
		free(c->data_uri);
	}
	free(R->chart);
	for (size_t i = 0; i < R->nmissing; i++)
		free(R->missing[i]);
	free(R->missing);
	for (size_t i = 0; i < R->ntable; i++)
		rtable_free(R->table[i]);
	free(R->table);
	if (!R->ntable)
		rtable_free(R->rejects_t);
	free(R->shortage_t);
	free(R->track_t);
	free(R->proposal_t);
	free(R->track_note);
	free(R->no_tracks);
	if (R->changes) {
		for (size_t k = 0; k < R->nkommun; k++) {
			for (size_t i = 0; i < R->changes[k].nbecame; i++)
				free(R->changes[k].became[i]);
			for (size_t i = 0; i < R->changes[k].nended; i++)
				free(R->changes[k].ended[i]);
			free(R->changes[k].became);
			free(R->changes[k].ended);
		}
		free(R->changes);
	}
}
