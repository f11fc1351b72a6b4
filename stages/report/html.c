/* index.html: one self-contained file (charts embedded as data: URIs, CSS
 * inline, no script, no external resource), readable on screen and in
 * print. Every text from the data goes through html_put. */
#include "report.h"
#include "atomicfile.h"
#include "htmlesc.h"
#include "msg.h"
#include "numfmt.h"
#include "version.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char report_css[] =
	"body{font-family:\"Liberation Sans\",Arial,Helvetica,sans-serif;font-size:11pt;"
	"line-height:1.4;color:#111;max-width:62em;margin:0 auto;padding:1em 1.5em}\n"
	"h1{font-size:1.8em;margin:.2em 0}h2{font-size:1.4em;border-bottom:2px solid #1b4f72;"
	"padding-bottom:.1em;margin-top:1.6em}h3{font-size:1.15em;margin-top:1.3em}\n"
	".banner{border:3px solid #b03a2e;background:#fdedec;padding:.6em 1em;font-weight:bold;"
	"margin:1em 0}\n"
	".sub{color:#444;margin:0}\n"
	"table{border-collapse:collapse;margin:.6em 0 .3em;font-size:8.5pt;width:100%}\n"
	"th{font-size:8pt;hyphens:auto}\n"
	"caption{text-align:left;font-weight:bold;font-size:10pt;padding:.3em 0}\n"
	"th,td{border-bottom:1px solid #ccc;padding:.15em .4em;vertical-align:top}\n"
	"th{background:#eaf2f8;text-align:left}\n"
	"td.n{text-align:right;white-space:nowrap}th.n{text-align:right}\n"
	"tr.total td{font-weight:bold;border-top:2px solid #555}\n"
	"td.s{color:#666}.tw{overflow-x:auto}\n"
	".note{font-size:9pt;color:#444;margin:.1em 0 1em}\n"
	"figure{margin:1em 0;page-break-inside:avoid}figure img{max-width:100%;height:auto}\n"
	"figcaption{font-size:9pt;color:#333}\n"
	"nav ol{columns:2}dl.run dt{font-weight:bold;float:left;clear:left;width:14em}"
	"dl.run dd{margin-left:15em}\n"
	"footer{margin-top:2em;font-size:9pt;color:#555;border-top:1px solid #ccc}\n"
	"@page{size:A4;margin:15mm 12mm}\n"
	"@media print{body{max-width:none;padding:0;font-size:10pt}nav{display:none}.tw{overflow:visible}"
	"section{page-break-before:always}section#sammanfattning{page-break-before:avoid}"
	"thead{display:table-header-group}tr{page-break-inside:avoid}"
	"h2,h3{page-break-after:avoid}.banner{background:none}a{color:inherit;"
	"text-decoration:none}}\n";

static void put_num(FILE *fp, const struct report *R, double v, int decimals)
{
	char buf[64];
	fputs(numfmt(v, decimals, R->num, buf, sizeof buf), fp);
}

static void write_table(FILE *fp, const struct report *R, const struct rtable *t)
{
	const struct strings *S = R->S;
	fprintf(fp, "<div class=\"tw\"><table id=\"t-%s\">\n<caption>", t->id);
	html_put(fp, t->title);
	fputs("</caption>\n<thead><tr>", fp);
	for (size_t j = 0; j < t->ncol; j++) {
		if (t->col[j].html_hidden)
			continue;
		fputs(t->col[j].is_text ? "<th>" : "<th class=\"n\">", fp);
		html_put(fp, t->col[j].head);
		fputs("</th>", fp);
	}
	fputs("</tr></thead>\n<tbody>\n", fp);
	size_t shown = 0, body_rows = 0;
	for (size_t r = 0; r < t->nrow; r++)
		body_rows += !t->is_total[r];
	for (size_t r = 0; r < t->nrow; r++) {
		if (!t->is_total[r]) {
			if (t->html_max_rows && shown >= t->html_max_rows)
				continue;
			shown++;
		}
		fputs(t->is_total[r] ? "<tr class=\"total\">" : "<tr>", fp);
		for (size_t j = 0; j < t->ncol; j++) {
			if (t->col[j].html_hidden)
				continue;
			const struct rcell *c = rtable_get(t, r, j);
			switch (c->kind) {
			case RCELL_TEXT:
				fputs(t->col[j].is_text ? "<td>" : "<td class=\"n\">", fp);
				html_put(fp, c->text);
				break;
			case RCELL_NUM:
				fputs("<td class=\"n\">", fp);
				put_num(fp, R, c->num, t->col[j].decimals);
				break;
			case RCELL_SUPPRESSED:
				fprintf(fp, "<td class=\"n s\" title=\"%s\">..", S->suppressed_title);
				break;
			case RCELL_EMPTY:
				fputs("<td>", fp);
				break;
			}
			fputs("</td>", fp);
		}
		fputs("</tr>\n", fp);
	}
	fputs("</tbody>\n</table></div>\n", fp);
	if (shown < body_rows) {
		char *csv = easprintf("%s.csv", t->id);
		fputs("<p class=\"note\">", fp);
		fprintf(fp, S->rows_shown_fmt, shown, body_rows, csv);
		fputs("</p>\n", fp);
		free(csv);
	}
	if (t->note) {
		fputs("<p class=\"note\">", fp);
		html_put(fp, t->note);
		fputs("</p>\n", fp);
	}
}

static void write_chart(FILE *fp, const struct report *R, const struct chart *c)
{
	fprintf(fp, "<figure id=\"c-");
	html_put(fp, c->id);
	fputs("\">\n", fp);
	if (c->data_uri) {
		fputs("<img src=\"", fp);
		fputs(c->data_uri, fp); /* base64 and a fixed prefix: nothing to escape */
		fputs("\" alt=\"", fp);
		html_put(fp, c->alt);
		fputs("\">\n", fp);
	} else {
		char *file = html_escape(c->file);
		fputs("<p class=\"note\">", fp);
		fprintf(fp, R->S->chart_missing_fmt, file);
		fputs("</p>\n", fp);
		free(file);
	}
	fputs("<figcaption>", fp);
	html_put(fp, c->title);
	fputs("</figcaption>\n</figure>\n", fp);
}

/* Charts of SECTION for KOMMUN ("" = the charts of no municipality). */
static void write_charts(FILE *fp, const struct report *R, enum chart_section section,
			 const char *kommun)
{
	for (size_t i = 0; i < R->nchart; i++) {
		const struct chart *c = &R->chart[i];
		if (c->section != section)
			continue;
		int of_reporting = 0;
		for (size_t k = 0; k < R->nkommun; k++)
			of_reporting |= strcmp(c->kommun, R->kommun[k]) == 0;
		if (*kommun ? strcmp(c->kommun, kommun) == 0 : !of_reporting)
			write_chart(fp, R, c);
	}
}

static void put_cell_text(FILE *fp, const struct report *R, const struct rtable *t, size_t r,
			  size_t j)
{
	const struct rcell *c = rtable_get(t, r, j);
	if (c->kind == RCELL_TEXT)
		html_put(fp, c->text);
	else if (c->kind == RCELL_NUM)
		put_num(fp, R, c->num, t->col[j].decimals);
	else if (c->kind == RCELL_SUPPRESSED)
		fputs("..", fp);
}

/* The column of T headed HEAD, or -1. */
static int col_of(const struct rtable *t, const char *head)
{
	for (size_t j = 0; j < t->ncol; j++)
		if (strcmp(t->col[j].head, head) == 0)
			return (int)j;
	return -1;
}

static void write_label_list(FILE *fp, char *const *labels, size_t n)
{
	for (size_t i = 0; i < n && i < 10; i++) {
		if (i)
			fputs(", ", fp);
		html_put(fp, labels[i]);
	}
	if (n > 10)
		fputs(", \xE2\x80\xA6", fp);
}

static void write_summary(FILE *fp, const struct report *R)
{
	const struct strings *S = R->S;
	fprintf(fp, "<section id=\"sammanfattning\">\n<h2>%s</h2>\n<p>%s</p>\n", S->h_summary,
		S->summary_intro);
	for (size_t k = 0; k < R->nkommun; k++) {
		fputs("<h3>", fp);
		html_put(fp, report_area_name(R, R->kommun[k]));
		fputs("</h3>\n", fp);
		const struct rtable *st = R->shortage_t[k];
		if (!st) {
			fputs("<p>", fp);
			char *name = html_escape(report_area_name(R, R->kommun[k]));
			fprintf(fp, S->not_in_data_fmt, name);
			free(name);
			fputs("</p>\n", fp);
			continue;
		}
		fprintf(fp, "<p><strong>%s</strong></p>\n", S->top_shortage);
		int c_v = col_of(st, S->c_verdict), c_score = col_of(st, S->c_score);
		size_t listed = 0;
		for (size_t r = 0; r < st->nrow && listed < 5; r++) {
			const struct rcell *v = rtable_get(st, r, (size_t)c_v);
			if (st->is_total[r] || v->kind != RCELL_TEXT || strcmp(v->text, S->v_brist) != 0)
				continue;
			fputs(listed ? "" : "<ol>\n", fp);
			fputs("<li>", fp);
			put_cell_text(fp, R, st, r, 1);
			fputs(" (SSYK ", fp);
			put_cell_text(fp, R, st, r, 0);
			if (c_score >= 0 && rtable_get(st, r, (size_t)c_score)->kind == RCELL_NUM) {
				fprintf(fp, ", %s ", S->c_score);
				put_cell_text(fp, R, st, r, (size_t)c_score);
			}
			fputs(")</li>\n", fp);
			listed++;
		}
		fputs(listed ? "</ol>\n" : "", fp);
		if (!listed)
			fprintf(fp, "<p>%s</p>\n", S->no_shortage_occ);

		fprintf(fp, "<p><strong>%s</strong></p>\n", S->best_tracks);
		const struct rtable *tt = R->track_t[k];
		if (!tt || tt->nrow <= 1) {
			fprintf(fp, "<p>%s</p>\n", S->no_tracks);
		} else {
			int c_exp = col_of(tt, S->c_expected), c_fit = col_of(tt, S->c_fit);
			fputs("<ol>\n", fp);
			for (size_t r = 0, n = 0; r < tt->nrow && n < 3; r++) {
				if (tt->is_total[r])
					continue;
				n++;
				fputs("<li>", fp);
				put_cell_text(fp, R, tt, r, 0);
				if (c_exp >= 0) {
					fputs(": ", fp);
					put_cell_text(fp, R, tt, r, (size_t)c_exp);
					fprintf(fp, " %s", S->expected_placements_word);
				}
				if (c_fit >= 0 && rtable_get(tt, r, (size_t)c_fit)->kind == RCELL_NUM) {
					fprintf(fp, ", %s ", S->fit_word);
					put_cell_text(fp, R, tt, r, (size_t)c_fit);
				}
				fputs("</li>\n", fp);
			}
			fputs("</ol>\n", fp);
		}
		fprintf(fp, "<p><strong>%s</strong></p>\n", S->changes);
		if (!R->changes) {
			fprintf(fp, "<p>%s</p>\n", S->no_previous);
			continue;
		}
		const struct report_changes *ch = &R->changes[k];
		if (!ch->nbecame && !ch->nended)
			fprintf(fp, "<p>%s</p>\n", S->no_changes);
		if (ch->nbecame) {
			fputs("<p>", fp);
			fprintf(fp, S->new_shortage_fmt, ch->nbecame);
			write_label_list(fp, ch->became, ch->nbecame);
			fputs("</p>\n", fp);
		}
		if (ch->nended) {
			fputs("<p>", fp);
			fprintf(fp, S->gone_shortage_fmt, ch->nended);
			write_label_list(fp, ch->ended, ch->nended);
			fputs("</p>\n", fp);
		}
	}
	if (R->changes) {
		fputs("<p class=\"note\">", fp);
		char *prev = html_escape(R->previous);
		fprintf(fp, S->previous_fmt, prev);
		free(prev);
		fputs("</p>\n", fp);
	}
	fputs("</section>\n", fp);
}

static void write_kommun_heading(FILE *fp, const struct report *R, size_t k)
{
	fputs("<h3>", fp);
	html_put(fp, report_area_name(R, R->kommun[k]));
	fputs("</h3>\n", fp);
}

/* Timings from manifest.json: an object name -> seconds (or -> {seconds}),
 * or an array of {stage|name, seconds|elapsed}. */
static void write_timings(FILE *fp, const struct report *R)
{
	const struct jval *tv = json_get(R->manifest, "timings");
	if (!tv)
		tv = json_get(R->manifest, "stages");
	if (!tv || (tv->type != JOBJ && tv->type != JARR) || tv->n == 0)
		return;
	fprintf(fp, "<dt>%s</dt><dd>", R->S->run_timings);
	for (size_t i = 0; i < tv->n; i++) {
		const struct jval *it = tv->item[i];
		char *name = NULL;
		double sec = NAN;
		if (tv->type == JOBJ) {
			name = estrdup(tv->key[i]);
			sec = it->type == JNUM ? it->num : json_get_num(it, "seconds");
		} else {
			name = json_get_text(it, "stage");
			if (!name)
				name = json_get_text(it, "name");
			sec = json_get_num(it, "seconds");
			if (isnan(sec))
				sec = json_get_num(it, "elapsed");
		}
		if (i)
			fputs(", ", fp);
		html_put(fp, name ? name : "?");
		fputs(" ", fp);
		put_num(fp, R, sec, 2);
		free(name);
	}
	fputs("</dd>\n", fp);
}

/* How many occupations of each municipality got a verdict, and their share
 * of its employed (docs/METHOD.md "Credible shortage"). */
static void write_assessed(FILE *fp, const struct report *R)
{
	const struct strings *S = R->S;
	const struct mtab *t = R->shortage;
	int c_v = t ? mtab_col(t, "verdict") : -1, c_e = t ? mtab_col(t, "employed") : -1;
	if (c_v < 0 || c_e < 0 || mtab_col(t, "rank") < 0)
		return;
	double min_emp = 15, min_events = 5;
	config_double(R->cfg, "shortage", "min_employed", 15, &min_emp);
	config_double(R->cfg, "shortage", "min_events", 5, &min_events);
	fprintf(fp, "<h3>%s</h3>\n<p>", S->h_assessed);
	fprintf(fp, S->assessed_intro_fmt, min_emp, min_events);
	fputs("</p>\n<ul>\n", fp);
	for (size_t k = 0; k < R->nkommun; k++) {
		size_t n;
		size_t *rows = mtab_rows_of(t, R->kommun[k], &n);
		size_t assessed = 0;
		double emp = 0, emp_assessed = 0;
		for (size_t i = 0; i < n; i++) {
			double e = mtab_num(t, rows[i], c_e);
			int is = strcmp(mtab_str(t, rows[i], c_v), "X") != 0;
			assessed += is;
			if (isfinite(e)) {
				emp += e;
				emp_assessed += is ? e : 0;
			}
		}
		free(rows);
		if (!n)
			continue;
		char num[64], pct[80];
		numfmt(emp > 0 ? 100 * emp_assessed / emp : NAN, 0, R->num, num, sizeof num);
		snprintf(pct, sizeof pct, "%s %%", num);
		char *name = html_escape(report_area_name(R, R->kommun[k]));
		fputs("<li>", fp);
		fprintf(fp, S->assessed_fmt, name, assessed, n, pct);
		fputs("</li>\n", fp);
		free(name);
	}
	fputs("</ul>\n", fp);
}

static void write_method(FILE *fp, const struct report *R)
{
	const struct strings *S = R->S;
	fprintf(fp, "<section id=\"metod\">\n<h2>%s</h2>\n<p>%s</p>\n", S->h_method, S->method_intro);
	if (R->nmissing) {
		fprintf(fp, "<p>%s", S->missing_inputs);
		for (size_t i = 0; i < R->nmissing; i++) {
			fputs(i ? ", " : "", fp);
			html_put(fp, R->missing[i]);
		}
		fputs(".</p>\n", fp);
	}
	fprintf(fp, "<h3>%s</h3>\n", S->h_inputs);
	if (R->ingest)
		write_table(fp, R, R->inputs_t);
	else
		fprintf(fp, "<p>%s</p>\n", S->no_ingest);
	fprintf(fp, "<h3>%s</h3>\n", S->h_rejects);
	if (R->rejects_t->nrow)
		write_table(fp, R, R->rejects_t);
	else if (!R->no_rejects_file)
		fprintf(fp, "<p>%s</p>\n", S->no_rejects);
	fprintf(fp, "<h3>%s</h3>\n", S->h_response);
	if (R->response_t)
		write_table(fp, R, R->response_t);
	else
		fprintf(fp, "<p>%s</p>\n", S->no_weights);
	write_charts(fp, R, CHART_QUALITY, "");
	write_assessed(fp, R);
	fprintf(fp, "<h3>%s</h3>\n<p>", S->h_suppression);
	fprintf(fp, S->disclosure_fmt, R->rule.min_persons, R->rule.min_respondents);
	fputs("</p>\n<p>", fp);
	if (R->n_primary + R->n_secondary)
		fprintf(fp, S->suppressed_count_fmt, R->n_primary + R->n_secondary, R->n_primary,
			R->n_secondary);
	else
		fputs(S->no_suppressed, fp);
	fputs("</p>\n", fp);
	if (R->suppressed_t->nrow)
		write_table(fp, R, R->suppressed_t);

	fprintf(fp, "<h3>%s</h3>\n<dl class=\"run\">\n", S->h_run);
	char *version = json_get_text(R->manifest, "version");
	char *seed = json_get_text(R->manifest, "seed");
	fprintf(fp, "<dt>%s</dt><dd>", S->run_version);
	html_put(fp, version ? version : JOBBSPAR_VERSION);
	fprintf(fp, "</dd>\n<dt>%s</dt><dd>", S->run_seed);
	html_put(fp, seed ? seed : config_str(R->cfg, "run", "seed", "20261123"));
	fprintf(fp, "</dd>\n<dt>%s</dt><dd>%d</dd>\n", S->run_ref_year, R->reference_year);
	fprintf(fp, "<dt>%s</dt><dd>%s</dd>\n", S->run_lang, S->lang);
	fprintf(fp, "<dt>%s</dt><dd>%s</dd>\n", S->run_synthetic, R->synthetic ? S->yes : S->no);
	free(version);
	free(seed);
	if (R->manifest)
		write_timings(fp, R);
	fputs("</dl>\n</section>\n", fp);
}

static void write_body(FILE *fp, const struct report *R)
{
	const struct strings *S = R->S;
	fputs("<header>\n<h1>", fp);
	fputs(S->title, fp);
	fputs("</h1>\n<p class=\"sub\">", fp);
	size_t cap = 1;
	for (size_t k = 0; k < R->nkommun; k++)
		cap += strlen(report_area_name(R, R->kommun[k])) + 2;
	char *names = ecalloc(cap, 1);
	for (size_t k = 0; k < R->nkommun; k++) {
		if (k)
			strcat(names, ", ");
		strcat(names, report_area_name(R, R->kommun[k]));
	}
	char *esc = html_escape(names);
	fprintf(fp, S->subtitle_fmt, esc, R->reference_year);
	free(esc);
	free(names);
	fputs("</p>\n", fp);
	if (R->synthetic)
		fprintf(fp, "<p class=\"banner\" id=\"banner\">%s</p>\n", S->synthetic_banner);
	fputs("</header>\n", fp);

	fprintf(fp, "<nav>\n<h2>%s</h2>\n<ol>\n", S->toc);
	fprintf(fp, "<li><a href=\"#sammanfattning\">%s</a></li>\n", S->h_summary);
	fprintf(fp, "<li><a href=\"#brist\">%s</a></li>\n", S->h_shortage);
	fprintf(fp, "<li><a href=\"#jobbspar\">%s</a></li>\n", S->h_tracks);
	fprintf(fp, "<li><a href=\"#jamforelse\">%s</a></li>\n", S->h_compare);
	if (R->chg_occ_t)
		fprintf(fp, "<li><a href=\"#forandring\">%s</a></li>\n", S->h_changes);
	fprintf(fp, "<li><a href=\"#metod\">%s</a></li>\n</ol>\n</nav>\n", S->h_method);

	write_summary(fp, R);

	fprintf(fp, "<section id=\"brist\">\n<h2>%s</h2>\n<p>%s</p>\n", S->h_shortage,
		S->shortage_intro);
	write_charts(fp, R, CHART_SHORTAGE, "");
	for (size_t k = 0; k < R->nkommun; k++) {
		write_kommun_heading(fp, R, k);
		write_charts(fp, R, CHART_SHORTAGE, R->kommun[k]);
		if (R->shortage_t[k]) {
			write_table(fp, R, R->shortage_t[k]);
		} else {
			char *name = html_escape(report_area_name(R, R->kommun[k]));
			fputs("<p>", fp);
			fprintf(fp, S->not_in_data_fmt, name);
			fputs("</p>\n", fp);
			free(name);
		}
	}
	fputs("</section>\n", fp);

	fprintf(fp, "<section id=\"jobbspar\">\n<h2>%s</h2>\n<p>%s</p>\n", S->h_tracks,
		S->tracks_intro);
	write_charts(fp, R, CHART_TRACKS, "");
	for (size_t k = 0; k < R->nkommun; k++) {
		write_kommun_heading(fp, R, k);
		write_charts(fp, R, CHART_TRACKS, R->kommun[k]);
		if (R->track_t[k])
			write_table(fp, R, R->track_t[k]);
		else
			fprintf(fp, "<p>%s</p>\n", S->no_tracks);
	}
	if (R->model_t) {
		fprintf(fp, "<h3>%s</h3>\n<p>%s</p>\n", S->h_model, S->model_intro);
		write_table(fp, R, R->model_t);
	}
	fputs("</section>\n", fp);

	fprintf(fp, "<section id=\"jamforelse\">\n<h2>%s</h2>\n<p>%s</p>\n", S->h_compare,
		S->compare_intro);
	write_charts(fp, R, CHART_COMPARE, "");
	for (size_t k = 0; k < R->nkommun; k++)
		write_charts(fp, R, CHART_COMPARE, R->kommun[k]);
	write_table(fp, R, R->areas_t);
	if (R->occ_t->nrow)
		write_table(fp, R, R->occ_t);
	if (R->ext_t)
		write_table(fp, R, R->ext_t);
	fputs("</section>\n", fp);

	if (R->chg_occ_t) {
		fprintf(fp, "<section id=\"forandring\">\n<h2>%s</h2>\n<p>%s</p>\n", S->h_changes,
			S->changes_intro);
		if (R->chg_occ_t->nrow)
			write_table(fp, R, R->chg_occ_t);
		else
			fprintf(fp, "<p>%s</p>\n", S->no_changes);
		if (R->chg_track_t)
			write_table(fp, R, R->chg_track_t);
		fputs("</section>\n", fp);
	}

	int other = 0;
	for (size_t i = 0; i < R->nchart; i++)
		other |= R->chart[i].section == CHART_OTHER;
	if (other) {
		fprintf(fp, "<section id=\"diagram\">\n<h2>%s</h2>\n", S->h_more_charts);
		write_charts(fp, R, CHART_OTHER, "");
		for (size_t k = 0; k < R->nkommun; k++)
			write_charts(fp, R, CHART_OTHER, R->kommun[k]);
		fputs("</section>\n", fp);
	}

	write_method(fp, R);
	fprintf(fp, "<footer><p>%s %s</p></footer>\n", S->footer, JOBBSPAR_VERSION);
}

int report_write_html(const struct report *R, const char *path)
{
	struct atomicfile *af = atomicfile_open(path, 0644);
	if (!af)
		return -1;
	FILE *fp = af->fp;
	fprintf(fp, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
		R->S->lang);
	/* no script, no network: only inline style and data: images */
	fputs("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
	      "img-src data:; style-src 'unsafe-inline'\">\n",
	      fp);
	fputs("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n", fp);
	fprintf(fp, "<title>%s</title>\n<style>\n%s</style>\n</head>\n<body>\n", R->S->title,
		report_css);
	write_body(fp, R);
	fputs("</body>\n</html>\n", fp);
	return atomicfile_commit(af);
}
