/* jobbspar-plot: the published charts (SVG and PNG through gnuplot) and
 * OUT/report/charts.tsv, the list the report stage embeds. */
#include "charts.h"
#include "gpipe.h"
#include "tables.h"

#include "codes.h"
#include "config.h"
#include "msg.h"
#include "stage.h"
#include "tsv.h"
#include "schema.h"

#include <gsl/gsl_errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A chart on its way: drawn by a gnuplot in the background (job), or
 * already settled (nothing to draw, or its body could not be built). Its
 * messages and its charts.tsv row wait until the charts before it are done,
 * so the order does not depend on which gnuplot finishes first. */
struct pending {
	struct gp_job *job;     /* NULL when no gnuplot runs for it */
	int st;                 /* as the chart function returned */
	const char *id, *kommun;
	struct chart_meta m;
	char *svg, *png, *svg_path;
};

enum { PLOT_JOBS_MAX = 64 };

struct run {
	struct config *cfg;
	struct codes *codes;
	char (*kommun)[5];
	size_t nk;
	char *outdir, *reportdir;
	struct gp_setup gp;
	struct gp_pool *pool;   /* plot.jobs gnuplots that draw chart after chart */
	struct plot_opts opts;
	struct plot_data data;
	struct tsv_writer *index;
	int failed;
	int jobs;               /* plot.jobs: gnuplots at once */
	struct pending queue[PLOT_JOBS_MAX * 2];
	size_t qhead, qlen;     /* a ring over queue */
	int running;            /* entries of queue with a job */
	int png;                /* draw PNG copies (plot.png_max) */
	int stopped;            /* a gnuplot hung: draw nothing more */
	size_t skipped;         /* charts not drawn because of that */
};

/* Settles the oldest chart of the queue: waits for its gnuplot, then
 * reports it and lists it in charts.tsv. */
static void finish_chart(struct run *r)
{
	struct pending *p = &r->queue[r->qhead];
	r->qhead = (r->qhead + 1) % (sizeof r->queue / sizeof r->queue[0]);
	r->qlen--;
	if (p->st < 0) {
		msg_error("%s: cannot build chart %s", r->reportdir, p->m.id);
		r->failed = 1;
	} else if (p->st > 0) {
		r->running--;
		int rc = gp_render_finish(p->job);
		if (rc == -2)
			r->stopped = 1;
		if (rc != 0) {
			r->failed = 1;
		} else {
			struct chart_meta *m = &p->m;
			msg_note("%s: %s", p->svg_path, m->title[r->opts.lang]);
			tsv_put_str(r->index, m->id);
			tsv_put_str(r->index, m->kommun);
			tsv_put_str(r->index, p->svg);
			tsv_put_str(r->index, p->png);
			tsv_put_str(r->index, m->title[LANG_SV]);
			tsv_put_str(r->index, m->title[LANG_EN]);
			tsv_put_str(r->index, m->alt[LANG_SV]);
			tsv_put_str(r->index, m->alt[LANG_EN]);
			tsv_end_row(r->index);
		}
		free(p->svg);
		free(p->png);
		free(p->svg_path);
	} else {
		msg_note("%s%s%s: nothing to draw", p->id, p->kommun ? " " : "",
			 p->kommun ? p->kommun : "");
	}
	chart_meta_clear(&p->m);
	memset(p, 0, sizeof *p);
}

/* Settles every chart still queued. */
static void finish_charts(struct run *r)
{
	while (r->qlen > 0)
		finish_chart(r);
}

/* Builds one chart body and starts drawing it into OUT/report, with at
 * most r->jobs gnuplots running; finish_chart lists it in charts.tsv. The
 * body is built before waiting for a free gnuplot, while the others draw. */
static void emit_chart(struct run *r, const char *id,
		       int (*draw)(FILE *, struct run *, const char *, struct chart_meta *),
		       const char *kommun)
{
	if (r->stopped) {
		r->skipped++;
		return;
	}
	struct pending c;
	memset(&c, 0, sizeof c);
	c.id = id;
	c.kommun = kommun;
	char *body = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&body, &len);
	if (!fp)
		msg_die(EXIT_DATA, "out of memory");
	c.st = draw(fp, r, kommun, &c.m);
	if (fclose(fp) != 0 && c.st > 0)
		c.st = -1;
	size_t cap = sizeof r->queue / sizeof r->queue[0];
	while (r->qlen == cap || (c.st > 0 && r->running >= r->jobs))
		finish_chart(r);
	if (r->stopped) {
		r->skipped++;
		chart_meta_clear(&c.m);
		free(body);
		return;
	}
	if (c.st > 0) {
		struct chart_meta *m = &c.m;
		char *base = m->kommun[0] ? easprintf("%s_%s", m->id, m->kommun) : estrdup(m->id);
		c.svg = easprintf("%s.svg", base);
		c.png = r->png ? easprintf("%s.png", base) : estrdup("");
		c.svg_path = path_join(r->reportdir, c.svg);
		char *png_path = r->png ? path_join(r->reportdir, c.png) : NULL;
		c.job = gp_render_start(r->pool, body, m->width, m->height, c.svg_path, png_path);
		r->running++;
		free(base);
		free(png_path);
	}
	free(body);
	r->queue[(r->qhead + r->qlen) % cap] = c;
	r->qlen++;
}

static int draw_top(FILE *f, struct run *r, const char *k, struct chart_meta *m)
{ return chart_top_shortage(f, &r->data, &r->opts, k, m); }
static int draw_heatmap(FILE *f, struct run *r, const char *k, struct chart_meta *m)
{ (void)k; return chart_verdict_heatmap(f, &r->data, &r->opts, (const char (*)[5])r->kommun, r->nk, m); }
static int draw_scatter(FILE *f, struct run *r, const char *k, struct chart_meta *m)
{ return chart_supply_demand(f, &r->data, &r->opts, k, m); }
static int draw_openings(FILE *f, struct run *r, const char *k, struct chart_meta *m)
{ return chart_openings(f, &r->data, &r->opts, k, m); }
static int draw_trend(FILE *f, struct run *r, const char *k, struct chart_meta *m)
{ return chart_vacancy_trend(f, &r->data, &r->opts, k, m); }
static int draw_tracks(FILE *f, struct run *r, const char *k, struct chart_meta *m)
{ return chart_track_fit(f, &r->data, &r->opts, k, m); }
static int draw_compare(FILE *f, struct run *r, const char *k, struct chart_meta *m)
{ (void)k; return chart_city_compare(f, &r->data, &r->opts, m); }
static int draw_candidates(FILE *f, struct run *r, const char *k, struct chart_meta *m)
{ return chart_candidates(f, &r->data, &r->opts, k, m); }
static int draw_compare_index(FILE *f, struct run *r, const char *k, struct chart_meta *m)
{ (void)k; return chart_compare_index(f, &r->data, &r->opts, (const char (*)[5])r->kommun, r->nk, m); }

/* An integer key from MIN to MAX, or -1 with "file:line: section.key: ..." */
static int config_count(const struct config *cfg, const char *sec, const char *key, long def,
			long min, long max, int *out)
{
	long v;
	if (config_long(cfg, sec, key, def, &v) != 0)
		return -1;
	if (v < min || v > max) {
		const struct config_entry *e = config_find(cfg, sec, key);
		msg_error_at(cfg->path, e ? e->line : 0, "%s.%s: must be %ld to %ld", sec, key, min, max);
		return -1;
	}
	*out = (int)v;
	return 0;
}

/* plot.compare (default run.municipalities): values of shortage.tsv's kommun
 * column (e.g. L05, SE) or municipality codes or names. */
static int resolve_compare(struct run *r, char ***out, size_t *count)
{
	const char *list = config_get(r->cfg, "plot", "compare");
	if (!list)
		list = config_str(r->cfg, "run", "municipalities", "0581, 0882");
	size_t n;
	char **items = config_list(list, &n);
	for (size_t i = 0; i < n; i++) {
		int found = 0;
		for (size_t j = 0; j < r->data.occ->n && !found; j++)
			found = strcmp(r->data.occ->row[j].area, items[i]) == 0;
		if (found)
			continue;
		int padded;
		const struct kommun_entry *e = codes_kommun(r->codes, items[i], &padded);
		if (!e)
			e = codes_kommun_by_name(r->codes, items[i]);
		if (!e) {
			const struct config_entry *ce = config_find(r->cfg, "plot", "compare");
			msg_error_at(r->cfg->path, ce ? ce->line : 0,
				     "plot.compare: unknown area \"%s\"", items[i]);
			config_list_free(items, n);
			return -1;
		}
		free(items[i]);
		items[i] = estrdup(e->code);
	}
	*out = items;
	*count = n;
	return 0;
}

static int run_stage(struct run *r)
{
	/* run.lang (or --lang) is sv or en: the schema has checked it */
	const char *lang = config_str(r->cfg, "run", "lang", "sv");
	if (strcmp(lang, "sv") == 0) {
		r->opts.lang = LANG_SV;
	} else if (strcmp(lang, "en") == 0) {
		r->opts.lang = LANG_EN;
	} else {
		const struct config_entry *e = config_find(r->cfg, "run", "lang");
		msg_error_at(r->cfg->path, e ? e->line : 0, "run.lang: expected sv or en, not \"%s\"",
			     lang);
		return -1;
	}
	if (config_long(r->cfg, "disclosure", "min_persons", 5, &r->opts.min_persons) != 0 ||
	    config_long(r->cfg, "disclosure", "min_respondents", 3, &r->opts.min_respondents) != 0 ||
	    config_count(r->cfg, "plot", "top", 10, 1, 40, &r->opts.top_n) != 0 ||
	    config_long(r->cfg, "plot", "min_employed", 50, &r->opts.min_employed) != 0 ||
	    config_count(r->cfg, "plot", "trend_top", 5, 1, 8, &r->opts.trend_n) != 0 ||
	    config_count(r->cfg, "plot", "heatmap_max", 40, 1, 200, &r->opts.heatmap_max) != 0)
		return -1;
	int jobs;
	if (config_count(r->cfg, "plot", "jobs", 0, 0, PLOT_JOBS_MAX, &jobs) != 0)
		return -1;
	if (jobs == 0) {
		/* one gnuplot per core: each is single-threaded */
		long cores = sysconf(_SC_NPROCESSORS_ONLN);
		jobs = cores < 1 ? 1 : cores > 4 ? 4 : cores;
	}
	r->jobs = jobs;
	long font_size;
	if (config_long(r->cfg, "plot", "font_size", 12, &font_size) != 0)
		return -1;
	r->gp.font_size = font_size >= 6 && font_size <= 40 ? (int)font_size : 12;
	r->gp.font = config_str(r->cfg, "plot", "font", "DejaVu Sans");
	if (config_count(r->cfg, "plot", "timeout", 120, 1, 86400, &r->gp.timeout_s) != 0)
		return -1;

	/* gnuplot first: without it nothing else matters */
	char *gnuplot = gp_find_program(config_str(r->cfg, "plot", "gnuplot", "gnuplot"));
	if (!gnuplot) {
		msg_error("gnuplot not found on PATH (install the Debian package gnuplot-nox)");
		return -1;
	}
	r->gp.gnuplot = gnuplot;
	const char *png = config_str(r->cfg, "plot", "png_terminal", "auto");
	if (strcmp(png, "auto") == 0)
		png = gp_has_terminal(gnuplot, "pngcairo") ? "pngcairo" : "png";
	else if (strcmp(png, "pngcairo") != 0 && strcmp(png, "png") != 0) {
		const struct config_entry *e = config_find(r->cfg, "plot", "png_terminal");
		msg_error_at(r->cfg->path, e ? e->line : 0,
			     "plot.png_terminal: expected auto, pngcairo or png");
		return -1;
	}
	r->gp.png_term = png;

	char *refdir = stage_refdir(r->cfg);
	r->codes = codes_load(refdir);
	struct ssyk2_labels *ssyk2 = r->codes ? ssyk2_labels_load(refdir) : NULL;
	free(refdir);
	if (!r->codes || !ssyk2)
		return -1;
	r->data.codes = r->codes;
	r->data.ssyk2 = ssyk2;
	if (stage_municipalities(r->cfg, r->codes, &r->kommun, &r->nk) != 0)
		return -1;
	/* a PNG costs gnuplot ten times what its SVG does (mostly libpng and
	 * zlib), and the report embeds the SVGs: a national run draws SVG only */
	int png_max;
	if (config_count(r->cfg, "plot", "png_max", 20, 0, 100000, &png_max) != 0)
		return -1;
	r->png = r->nk <= (size_t)png_max;
	if (!r->png)
		msg_note("%zu municipalities, more than plot.png_max (%d): charts drawn as SVG only",
			 r->nk, png_max);

	struct occ_table *occ = occ_table_read(r->outdir);
	char *p = path_join(r->outdir, "trackfit.tsv");
	struct track_table *tracks = occ ? track_table_read(p) : NULL;
	free(p);
	p = path_join(r->outdir, "work/vacancies.tsv");
	struct vac_table *vac = tracks ? vac_table_read(p) : NULL;
	free(p);
	struct cand_rule rule = {3, 0};
	long youth = 0;
	struct cand_counts *cand = NULL;
	int ok = vac && config_double(r->cfg, "trackfit", "arrival_years", 3, &rule.arrival_years) == 0 &&
		 config_long(r->cfg, "trackfit", "youth", 0, &youth) == 0;
	rule.youth = youth != 0;
	p = path_join(r->outdir, "work/jobseekers.tsv");
	if (ok)
		ok = cand_count_read(p, (const char (*)[5])r->kommun, r->nk, &rule, &cand) == 0;
	free(p);
	r->data.occ = occ;
	r->data.tracks = tracks;
	r->data.vac = vac;
	r->data.cand = cand;
	r->data.ncand = r->nk;

	char **compare = NULL;
	size_t ncompare = 0;
	if (ok)
		ok = resolve_compare(r, &compare, &ncompare) == 0;
	r->opts.compare = (const char *const *)compare;
	r->opts.ncompare = ncompare;

	if (ok) {
		r->reportdir = path_join(r->outdir, "report");
		ok = stage_mkdir(r->reportdir, 0755) == 0;
	}
	if (ok) {
		static const char *const cols[] = {"id", "kommun", "file_svg", "file_png", "title_sv",
						   "title_en", "alt_sv", "alt_en", NULL};
		char *ip = path_join(r->reportdir, "charts.tsv");
		r->index = tsv_writer_open(ip, cols, 0644);
		free(ip);
		ok = r->index != NULL;
	}
	if (ok) {
		r->pool = gp_pool_new(&r->gp, r->jobs);
		for (size_t k = 0; k < r->nk; k++)
			emit_chart(r, "top_shortage", draw_top, r->kommun[k]);
		emit_chart(r, "verdict_heatmap", draw_heatmap, NULL);
		for (size_t k = 0; k < r->nk; k++)
			emit_chart(r, "supply_demand", draw_scatter, r->kommun[k]);
		for (size_t k = 0; k < r->nk; k++)
			emit_chart(r, "openings", draw_openings, r->kommun[k]);
		for (size_t k = 0; k < r->nk; k++)
			emit_chart(r, "vacancy_trend", draw_trend, r->kommun[k]);
		for (size_t k = 0; k < r->nk; k++)
			emit_chart(r, "track_fit", draw_tracks, r->kommun[k]);
		emit_chart(r, "city_compare", draw_compare, NULL);
		emit_chart(r, "compare_index", draw_compare_index, NULL);
		for (size_t k = 0; k < r->nk; k++)
			emit_chart(r, "candidates", draw_candidates, r->kommun[k]);
		finish_charts(r);
		if (r->skipped)
			msg_error("%s: %zu more charts not drawn: a gnuplot did not finish in time",
				  r->reportdir, r->skipped);
		if (gp_pool_free(r->pool) != 0)
			r->failed = 1;
		r->pool = NULL;
		if (r->failed) {
			tsv_writer_abort(r->index);
			ok = 0;
		} else {
			ok = tsv_writer_close(r->index) == 0;
		}
		r->index = NULL;
	}
	config_list_free(compare, ncompare);
	free(cand);
	vac_table_free(vac);
	track_table_free(tracks);
	occ_table_free(occ);
	ssyk2_labels_free(ssyk2);
	free(gnuplot);
	return ok ? 0 : -1;
}

enum { OPT_LANG = STAGE_OPT_OWN };

static int plot_option(struct stage *st, int opt, const char *arg)
{
	if (opt != OPT_LANG)
		return -1;
	stage_override(st, "--lang", "run", "lang", arg);
	return 0;
}

static const struct option plot_longopts[] = {
	{"lang", required_argument, NULL, OPT_LANG},
	{NULL, 0, NULL, 0},
};

static const struct stage_cli cli = {
	.prog = "jobbspar-plot",
	.synopsis = "[--lang sv|en]",
	.about = "Draws the charts of a run with gnuplot (found on PATH) as OUT/report/<chart>.svg\n"
		 "and .png (.png only up to plot.png_max municipalities, default 20), and lists\n"
		 "them in OUT/report/charts.tsv. Reads OUT/shortage.tsv, OUT/trackfit.tsv,\n"
		 "OUT/work/vacancies.tsv and OUT/work/jobseekers.tsv.\n",
	.options = "      --lang sv|en    language of the drawn texts (sets run.lang)\n",
	.epilog = "gnuplot missing or failing is a data or I/O error (exit 1).\n",
	.stage = SCHEMA_PLOT,
	.longopts = plot_longopts,
	.option = plot_option,
};

int main(int argc, char **argv)
{
	gsl_set_error_handler_off();
	/* a gnuplot that dies must show as a failed write, not kill us */
	signal(SIGPIPE, SIG_IGN);
	struct stage st = {0};
	int rc;
	if (stage_begin(&st, &cli, argc, argv, &rc) != 0)
		return stage_end(&st, rc);
	struct run r;
	memset(&r, 0, sizeof r);
	r.cfg = st.cfg;
	r.outdir = stage_output_dir(r.cfg, st.output);
	rc = run_stage(&r) == 0 ? 0 : EXIT_DATA;
	free(r.kommun);
	free(r.reportdir);
	free(r.outdir);
	codes_free(r.codes);
	return stage_end(&st, rc);
}
