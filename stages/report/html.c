/* index.html: one self-contained file (charts embedded as data: URIs, CSS
 * inline, no script, no external resource), readable on screen and in
 * print. Every text from the data goes through html_put.
 *
 * Two layouts: the default report follows each municipality (summary,
 * shortage, job tracks, the municipality beside its county and all input
 * municipalities, changes, method and sources); compare mode (--compare)
 * puts the municipalities side by side (summary, where they differ, per
 * 1 000 employed, occupations and tracks side by side, method and
 * sources). Element ids are unique: sections by name, tables "t-<id>",
 * charts "c-<id>[-<kommun>]". */
#include "report.h"
#include "atomicfile.h"
#include "htmlesc.h"
#include "labels.h"
#include "msg.h"
#include "numfmt.h"
#include "version.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char report_css[] =
	"body{font-family:\"Liberation Sans\",Arial,Helvetica,sans-serif;font-size:11pt;"
	"line-height:1.4;color:#111;max-width:64em;margin:0 auto;padding:1em 1.5em}\n"
	"h1{font-size:1.8em;margin:.2em 0}h2{font-size:1.4em;border-bottom:2px solid #1b4f72;"
	"padding-bottom:.1em;margin-top:1.6em}h3{font-size:1.15em;margin-top:1.3em}"
	"h4{font-size:1em;margin:1em 0 .3em}\n"
	".banner{border:3px solid #b03a2e;background:#fdedec;padding:.6em 1em;font-weight:bold;"
	"margin:1em 0}\n"
	".sub{color:#444;margin:0}.lead{font-size:1.05em}\n"
	"table{border-collapse:collapse;margin:.6em 0 .3em;font-size:8.5pt;width:100%}\n"
	"caption{text-align:left;font-weight:bold;font-size:10pt;padding:.3em 0;caption-side:top}\n"
	"caption .about{display:block;font-weight:normal;font-size:8.5pt;color:#333;margin-top:.15em}\n"
	"th,td{border-bottom:1px solid #ccc;padding:.15em .35em;vertical-align:top;"
	"overflow-wrap:break-word}\n"
	"th{background:#eaf2f8;text-align:left;font-size:8pt;overflow-wrap:normal;hyphens:manual}\n"
	"td.n{text-align:right;white-space:nowrap}th.n{text-align:right}\n"
	"td.w{font-size:7.5pt;color:#333}td.c{white-space:nowrap}\n"
	"tr.total td{font-weight:bold;border-top:2px solid #555}\n"
	"td.s{color:#666}\n"
	"tr.has-why td{border-bottom:none}tr.why td{font-size:8pt;color:#333;padding:0 .35em .35em 1.5em}\n"
	".note{font-size:9pt;color:#444;margin:.1em 0 1em}\n"
	"figure{margin:1em 0;break-inside:avoid}figure img{max-width:100%;height:auto}\n"
	"figcaption{font-size:9pt;color:#333}\n"
	"nav ol{columns:2}dl.run dt{font-weight:bold;float:left;clear:left;width:14em}"
	"dl.run dd{margin-left:15em}\n"
	"dl.terms dt{font-weight:bold;margin-top:.4em}dl.terms dd{margin-left:1.5em}\n"
	".side{display:grid;grid-template-columns:repeat(auto-fit,minmax(16em,1fr));gap:1em}\n"
	".side>div{border-top:2px solid #1b4f72}\n"
	"footer{margin-top:2em;font-size:9pt;color:#555;border-top:1px solid #ccc}\n"
	"@page{size:A4;margin:12mm 11mm}\n"
	"@media print{body{max-width:none;padding:0;font-size:9.5pt;line-height:1.3}nav{display:none}"
	"section{break-before:page}section#sammanfattning{break-before:avoid}"
	"h2{margin-top:0}thead{display:table-header-group}tr{break-inside:avoid}"
	"h2,h3,h4{break-after:avoid}caption{break-after:avoid}"
	"table{font-size:7pt}th{font-size:6.5pt}td.w{font-size:6pt}caption .about{font-size:7.5pt}"
	"th,td{padding:.1em .25em}td.w{min-width:24mm}td.t{min-width:28mm}"
	"tr.why td{font-size:6pt;line-height:1.2;padding:0 .25em .2em 1.2em}tbody.pair{break-inside:avoid}"
	".banner{background:none}a{color:inherit;text-decoration:none}"
	"figure{margin:.5em 0}figure img{width:150mm;max-width:100%;height:auto}"
	"figure.tall img{width:auto;max-height:150mm}.screen{display:none}}\n";

static const char *tr(const struct report *R, const char *sv, const char *en)
{
	return R->en ? en : sv;
}

static void put_num(FILE *fp, const struct report *R, double v, int decimals)
{
	char buf[64];
	fputs(numfmt(v, decimals, R->num, buf, sizeof buf), fp);
}

/* A number formatted in the report's style (into BUF). */
static const char *fmt(const struct report *R, double v, int decimals, char *buf, size_t size)
{
	return numfmt(v, decimals, R->num, buf, size);
}

/* The text columns that hold words rather than names: printed smaller. */
static int wordy_column(const struct report *R, const struct rtable *t, size_t j)
{
	return t->col[j].is_text &&
	       (t->col[j].html_words || strcmp(t->col[j].head, R->S->c_flags) == 0);
}

static void write_table(FILE *fp, const struct report *R, const struct rtable *t)
{
	const struct strings *S = R->S;
	fprintf(fp, "<table id=\"t-%s\">\n<caption>", t->id);
	html_put(fp, t->title);
	if (t->about) {
		fputs("<span class=\"about\">", fp);
		html_put(fp, t->about);
		fputs("</span>", fp);
	}
	fputs("</caption>\n<thead><tr>", fp);
	/* a sentence column is a line under its row: each row and its line
	 * then form a group of their own (a tbody), kept together in print */
	size_t sub = t->ncol, ncell = 0;
	for (size_t j = 0; j < t->ncol; j++) {
		if (t->col[j].html_subrow && sub == t->ncol)
			sub = j;
		else if (!t->col[j].html_hidden && !t->col[j].html_subrow)
			ncell++;
	}
	int pairs = sub < t->ncol;
	for (size_t j = 0; j < t->ncol; j++) {
		if (t->col[j].html_hidden || t->col[j].html_subrow)
			continue;
		fputs(t->col[j].is_text ? "<th>" : "<th class=\"n\">", fp);
		html_put(fp, t->col[j].head);
		fputs("</th>", fp);
	}
	fputs(pairs ? "</tr></thead>\n" : "</tr></thead>\n<tbody>\n", fp);
	/* codes and one-word columns (a verdict) stay on one line */
	unsigned char *nowrap = ecalloc(t->ncol ? t->ncol : 1, 1);
	for (size_t j = 0; j < t->ncol; j++) {
		size_t longest = 0;
		for (size_t r = 0; r < t->nrow; r++) {
			const struct rcell *c = rtable_get(t, r, j);
			if (c->kind == RCELL_TEXT && !t->is_total[r] && strlen(c->text) > longest)
				longest = strlen(c->text);
		}
		nowrap[j] = t->col[j].is_code || (longest <= 10 && !strchr(t->col[j].head, ' '));
	}
	size_t shown = 0, body_rows = 0;
	for (size_t r = 0; r < t->nrow; r++)
		body_rows += !t->is_total[r];
	for (size_t r = 0; r < t->nrow; r++) {
		if (!t->is_total[r]) {
			if (t->html_max_rows && shown >= t->html_max_rows)
				continue;
			shown++;
		}
		const struct rcell *why = pairs ? rtable_get(t, r, sub) : NULL;
		int has_why = why && why->kind == RCELL_TEXT;
		if (pairs)
			fputs("<tbody class=\"pair\">", fp);
		fputs(t->is_total[r] ? "<tr class=\"total\">" : has_why ? "<tr class=\"has-why\">" : "<tr>",
		      fp);
		for (size_t j = 0; j < t->ncol; j++) {
			if (t->col[j].html_hidden || t->col[j].html_subrow)
				continue;
			const struct rcell *c = rtable_get(t, r, j);
			switch (c->kind) {
			case RCELL_TEXT:
				fputs(!t->col[j].is_text ? "<td class=\"n\">"
				      : wordy_column(R, t, j) ? "<td class=\"w\">"
				      : nowrap[j] ? "<td class=\"c\">"
				      : strcmp(t->col[j].head, S->c_occupation) == 0 ? "<td class=\"t\">"
				      : "<td>", fp);
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
		if (has_why) {
			fprintf(fp, "<tr class=\"why\"><td colspan=\"%zu\">", ncell);
			html_put(fp, why->text);
			fputs("</td></tr>\n", fp);
		}
		if (pairs)
			fputs("</tbody>\n", fp);
	}
	fputs(pairs ? "</table>\n" : "</tbody>\n</table>\n", fp);
	free(nowrap);
	if (shown < body_rows) {
		fputs("<p class=\"note\">", fp);
		char *sheet = html_escape(t->sheet ? t->sheet : t->id);
		const char *word = t->more_word ? t->more_word : tr(R, "rader", "rows");
		if (t->no_csv)
			fprintf(fp, tr(R, "Tabellen visar de %zu första av %zu %s; alla finns i bladet "
					  "\xE2\x80\x9C%s\xE2\x80\x9D i tabeller.xlsx.",
				       "The table shows the first %zu of %zu %s; all are on the sheet "
				       "\xE2\x80\x9C%s\xE2\x80\x9D of tabeller.xlsx."),
				shown, body_rows, word, sheet);
		else
			fprintf(fp, tr(R, "Tabellen visar de %zu första av %zu %s; alla finns i bladet "
					  "\xE2\x80\x9C%s\xE2\x80\x9D i tabeller.xlsx och i %s.csv.",
				       "The table shows the first %zu of %zu %s; all are on the sheet "
				       "\xE2\x80\x9C%s\xE2\x80\x9D of tabeller.xlsx and in %s.csv."),
				shown, body_rows, word, sheet, t->id);
		free(sheet);
		fputs("</p>\n", fp);
	}
	if (t->note) {
		fputs("<p class=\"note\">", fp);
		html_put(fp, t->note);
		fputs("</p>\n", fp);
	}
}

/* Charts made to compare municipalities: in compare mode only. */
static int comparison_chart(const struct chart *c)
{
	return strcmp(c->id, "city_compare") == 0 || strcmp(c->id, "verdict_heatmap") == 0 ||
	       strncmp(c->id, "compare", 7) == 0;
}

/* Charts drawn taller than wide: a little more room in print. */
static int tall_chart(const struct chart *c)
{
	return strcmp(c->id, "verdict_heatmap") == 0;
}

static void write_chart(FILE *fp, const struct report *R, const struct chart *c)
{
	fputs("<figure id=\"c-", fp);
	html_put(fp, c->id);
	if (*c->kommun) {
		fputc('-', fp);
		html_put(fp, c->kommun);
	}
	fputs(tall_chart(c) ? "\" class=\"tall\">\n" : "\">\n", fp);
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

/* The charts whose id is ID (NULL: any id of SECTION that no other call
 * places) for KOMMUN ("": the charts of no reporting municipality). */
static void write_charts_of(FILE *fp, const struct report *R, const char *id, enum chart_section section,
			    const char *kommun)
{
	for (size_t i = 0; i < R->nchart; i++) {
		const struct chart *c = &R->chart[i];
		if (id ? strcmp(c->id, id) != 0 : c->section != section)
			continue;
		int of_reporting = 0;
		for (size_t k = 0; k < R->nkommun; k++)
			of_reporting |= strcmp(c->kommun, R->kommun[k]) == 0;
		if (*kommun ? strcmp(c->kommun, kommun) == 0 : !of_reporting)
			write_chart(fp, R, c);
	}
}

/* The charts a section shows that the fixed calls below do not: those of
 * SECTION with an id not in KNOWN. */
static void write_other_charts(FILE *fp, const struct report *R, enum chart_section section,
			       const char *kommun, const char *const *known, int compare)
{
	for (size_t i = 0; i < R->nchart; i++) {
		const struct chart *c = &R->chart[i];
		if (c->section != section || comparison_chart(c) != compare)
			continue;
		int placed = 0;
		for (int k = 0; known[k]; k++)
			placed |= strcmp(c->id, known[k]) == 0;
		if (placed)
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

static void write_kommun_heading(FILE *fp, const struct report *R, size_t k, const char *tag)
{
	fprintf(fp, "<%s>", tag);
	html_put(fp, report_area_name(R, R->kommun[k]));
	fprintf(fp, "</%s>\n", tag);
}

/* Counts of municipality K: occupations, assessed, brist. */
static void kommun_counts(const struct report *R, size_t k, size_t *all, size_t *assessed,
			  size_t *brist)
{
	const struct mtab *t = R->shortage;
	int c_v = mtab_col(t, "verdict");
	size_t n;
	size_t *rows = mtab_rows_of(t, R->kommun[k], &n);
	*all = n;
	*assessed = *brist = 0;
	for (size_t i = 0; i < n; i++) {
		int o = report_verdict_order(mtab_str(t, rows[i], c_v));
		*assessed += o < 4;
		*brist += o == 0;
	}
	free(rows);
}

/* The first N shortage occupations of municipality K as a list: "name
 * (bristindex 1,50; 93 % sannolikhet)". */
static void write_top_shortage(FILE *fp, const struct report *R, size_t k, size_t max)
{
	const struct strings *S = R->S;
	const struct rtable *st = R->shortage_t[k];
	int c_v = col_of(st, S->c_verdict), c_score = col_of(st, S->c_score);
	int c_p = col_of(st, tr(R, "Sannolikhet för brist, %", "Probability of shortage, %"));
	size_t listed = 0;
	for (size_t r = 0; r < st->nrow && listed < max; r++) {
		const struct rcell *v = rtable_get(st, r, (size_t)c_v);
		if (st->is_total[r] || v->kind != RCELL_TEXT || strcmp(v->text, i18n_verdict(S, "brist")) != 0)
			continue;
		fputs(listed ? "" : "<ol>\n", fp);
		fputs("<li>", fp);
		put_cell_text(fp, R, st, r, 1);
		fputs(" (SSYK ", fp);
		put_cell_text(fp, R, st, r, 0);
		if (c_score >= 0 && rtable_get(st, r, (size_t)c_score)->kind == RCELL_NUM) {
			fprintf(fp, tr(R, "; bristindex ", "; shortage index "));
			put_cell_text(fp, R, st, r, (size_t)c_score);
		}
		if (c_p >= 0 && rtable_get(st, r, (size_t)c_p)->kind == RCELL_NUM) {
			fputs(tr(R, ", sannolikhet för brist ", ", probability of shortage "), fp);
			put_cell_text(fp, R, st, r, (size_t)c_p);
			fputs(" %", fp);
		}
		fputs(")</li>\n", fp);
		listed++;
	}
	fputs(listed ? "</ol>\n" : "", fp);
	if (!listed)
		fprintf(fp, "<p>%s</p>\n", S->no_shortage_occ);
}

static void write_best_tracks(FILE *fp, const struct report *R, size_t k, size_t max)
{
	const struct strings *S = R->S;
	const struct rtable *tt = R->track_t[k];
	if (!tt || tt->nrow <= 1) {
		fputs("<p>", fp);
		if (R->no_tracks[k] && R->track_note[k])
			html_put(fp, R->track_note[k]);
		else
			fputs(S->no_tracks, fp);
		fputs("</p>\n", fp);
		return;
	}
	int c_exp = col_of(tt, S->c_expected), c_fit = col_of(tt, S->c_fit);
	fputs("<ol>\n", fp);
	for (size_t r = 0, n = 0; r < tt->nrow && n < max; r++) {
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

/* "Jämfört med förra rapporten (referensår 2024)." without a path. */
static void write_previous_line(FILE *fp, const struct report *R)
{
	fputs("<p class=\"note\">", fp);
	if (R->prev->reference_year && *R->prev->reference_year) {
		char *y = html_escape(R->prev->reference_year);
		fprintf(fp, tr(R, "Jämfört med förra rapporten (referensår %s).",
			       "Compared with the previous report (reference year %s)."), y);
		free(y);
	} else {
		fputs(tr(R, "Jämfört med förra rapporten.", "Compared with the previous report."), fp);
	}
	if (R->chg_setup_t && R->chg_setup_t->nrow)
		fprintf(fp, tr(R, " Obs: %zu inställningar som styr bedömningarna har ändrats sedan "
				  "dess (avsnittet Förändringar).",
			       " Note: %zu settings that decide the verdicts have changed since then "
			       "(section Changes)."),
			R->chg_setup_t->nrow);
	fputs("</p>\n", fp);
}

static void write_summary(FILE *fp, const struct report *R)
{
	const struct strings *S = R->S;
	fprintf(fp, "<section id=\"sammanfattning\">\n<h2>%s</h2>\n<p>%s</p>\n", S->h_summary,
		S->summary_intro);
	fputs("<div class=\"side\">\n", fp);
	for (size_t k = 0; k < R->nkommun; k++) {
		fputs("<div>\n", fp);
		write_kommun_heading(fp, R, k, "h3");
		if (!R->shortage_t[k]) {
			fputs("<p>", fp);
			char *name = html_escape(report_area_name(R, R->kommun[k]));
			fprintf(fp, S->not_in_data_fmt, name);
			free(name);
			fputs("</p>\n</div>\n", fp);
			continue;
		}
		size_t all, assessed, brist;
		kommun_counts(R, k, &all, &assessed, &brist);
		fputs("<p>", fp);
		fprintf(fp, tr(R, "Av %zu yrken har %zu tillräckligt underlag för en bedömning; %zu av "
				  "dem bedöms som bristyrken.",
			       "Of %zu occupations, %zu have enough evidence for a verdict; %zu of "
			       "them are assessed as shortage occupations."),
			all, assessed, brist);
		if (R->yb_both[k])
			fprintf(fp, tr(R, " Yrkesbarometern bedömer %zu av de %zu yrken den också "
					  "bedömer minst två steg annorlunda.",
				       " Yrkesbarometer assesses %zu of the %zu occupations it also "
				       "covers at least two steps differently."),
				R->yb_differ[k], R->yb_both[k]);
		fputs("</p>\n", fp);
		fprintf(fp, "<h4>%s</h4>\n", S->top_shortage);
		write_top_shortage(fp, R, k, 5);
		fprintf(fp, "<h4>%s</h4>\n", S->best_tracks);
		write_best_tracks(fp, R, k, 3);
		if (!R->changes) {
			fputs("</div>\n", fp);
			continue;
		}
		fprintf(fp, "<h4>%s</h4>\n", S->changes);
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
		fputs("</div>\n", fp);
	}
	fputs("</div>\n", fp);
	if (R->prev)
		write_previous_line(fp, R);
	else
		fprintf(fp, "<p class=\"note\">%s</p>\n", S->no_previous);
}

/* The municipalities beside their counties and all input municipalities
 * (the end of the default summary). */
static void write_areas(FILE *fp, const struct report *R)
{
	const struct strings *S = R->S;
	fprintf(fp, "<h3 id=\"jamforelse\">%s</h3>\n<p>%s</p>\n", S->h_compare, S->compare_intro);
	write_table(fp, R, R->areas_t);
	if (R->nlone_county) {
		fputs("<p class=\"note\">", fp);
		fputs(tr(R, "Utan eget län: ", "Without a county of their own: "), fp);
		for (size_t i = 0; i < R->nlone_county; i++) {
			fputs(i ? ", " : "", fp);
			html_put(fp, R->lone_county[i]);
		}
		fputs(tr(R, ". Indata har inga andra kommuner i länet, så länets siffror vore desamma "
			    "som kommunens och visas inte.",
			 ". The input has no other municipality of the county, so its figures would "
			 "equal the municipality's and are not shown."), fp);
		fputs("</p>\n", fp);
	}
	fputs(tr(R, "<p class=\"note\">Kommunerna sida vid sida, med skillnader som prövats "
		    "statistiskt, finns i jämförelserapporten (run.sh --compare).</p>\n",
		 "<p class=\"note\">The municipalities side by side, with differences tested "
		 "statistically, are in the comparison report (run.sh --compare).</p>\n"), fp);
	write_other_charts(fp, R, CHART_COMPARE, "", (const char *const[]){NULL}, 0);
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
	double min_emp = 15, min_events = 5, top_min = 20, top_ranks = 10;
	config_double(R->cfg, "shortage", "min_employed", 15, &min_emp);
	config_double(R->cfg, "shortage", "min_events", 5, &min_events);
	config_double(R->cfg, "shortage", "top_min_employed", 20, &top_min);
	config_double(R->cfg, "shortage", "top_ranks", 10, &top_ranks);
	fprintf(fp, "<h3>%s</h3>\n<p>", S->h_assessed);
	fprintf(fp, S->assessed_intro_fmt, min_emp, min_events, top_ranks, top_min);
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

/* The first and last year of a shortage.tsv column (NaN when absent). */
static void column_range(const struct mtab *t, const char *col, double *lo, double *hi)
{
	int c = mtab_col(t, col);
	*lo = *hi = NAN;
	for (size_t i = 0; c >= 0 && i < t->nrow; i++) {
		double v = mtab_num(t, i, c);
		if (isnan(v))
			continue;
		if (isnan(*lo) || v < *lo)
			*lo = v;
		if (isnan(*hi) || v > *hi)
			*hi = v;
	}
}

/* The first non-empty value of a column (borrowed, "" if none). */
static const char *first_value(const struct mtab *t, const char *col)
{
	int c = mtab_col(t, col);
	for (size_t i = 0; c >= 0 && i < t->nrow; i++)
		if (*mtab_str(t, i, c))
			return mtab_str(t, i, c);
	return "";
}

/* Sources, reference year, the meaning of every figure and how uncertain
 * it is: in the reader's words, without paths or checksums (manifest.json
 * keeps those). */
static void write_sources(FILE *fp, const struct report *R)
{
	char a[64], b[64], c[64];
	double y0, y1;
	column_range(R->shortage, "first_year", &y0, &y1);
	fprintf(fp, "<h3>%s</h3>\n<ul>\n", tr(R, "Källor", "Sources"));
	fprintf(fp, tr(R, "<li><strong>SCB, yrkesregistret</strong>: anställda per yrke (SSYK 2012), "
			  "kön och ålder i kommunerna, åren %s–%d. Ger sysselsatta, "
			  "sysselsättningens utveckling och pensionsavgångar.</li>\n",
		       "<li><strong>Statistics Sweden (SCB), occupational register</strong>: employees "
		       "by occupation (SSYK 2012), sex and age in the municipalities, %s-%d. Gives "
		       "employed, the change in employment and retirements.</li>\n"),
		isnan(y0) ? "…" : (snprintf(a, sizeof a, "%.0f", y0), a), R->reference_year);
	fprintf(fp, tr(R, "<li><strong>Arbetsförmedlingen, Platsbanken</strong>: platsannonser per "
			  "yrke, hur många platser och hur länge annonserna var öppna, fram till "
			  "%d.</li>\n",
		       "<li><strong>Arbetsförmedlingen, Platsbanken</strong>: job ads per occupation, "
		       "how many positions and how long the ads stayed open, up to %d.</li>\n"),
		R->reference_year);
	fprintf(fp, tr(R, "<li><strong>Arbetsförmedlingen, inskrivna arbetssökande</strong> den 31 "
			  "december %d, med erfarenhet av eller sökt yrke.</li>\n",
		       "<li><strong>Arbetsförmedlingen, registered jobseekers</strong> on 31 "
		       "December %d, by occupation held or wanted.</li>\n"),
		R->reference_year);
	const char *omg = first_value(R->shortage, "yb_omgang");
	if (mtab_col(R->shortage, "yb_verdict") >= 0) {
		char *o = html_escape(*omg ? omg : "");
		fprintf(fp, tr(R, "<li><strong>Arbetsförmedlingen, Yrkesbarometern</strong>%s%s: "
				  "myndighetens bedömning av rekryteringsläget i hela landet. Den visas "
				  "bredvid den lokala bedömningen men påverkar den inte.</li>\n",
			       "<li><strong>Arbetsförmedlingen, Yrkesbarometer</strong>%s%s: the "
			       "agency's verdict on recruitment for Sweden as a whole. It is shown "
			       "beside the local verdict but does not enter it.</li>\n"),
			*omg ? tr(R, ", omgång ", ", round ") : "", o);
		free(o);
	}
	if (R->response_t && R->response_t->nrow) {
		const struct rtable *u = R->response_t;
		size_t r = u->nrow - 1;
		fprintf(fp, tr(R, "<li><strong>Arbetsgivarenkäten</strong>: %s arbetsställen av %s i "
				  "urvalet svarade (%s %%), om rekryteringsläget, planerade "
				  "rekryteringar de närmaste 12 månaderna och om de kan ta emot "
				  "deltagare från jobbspår.</li>\n",
			       "<li><strong>The employer survey</strong>: %s workplaces of %s in the "
			       "sample answered (%s %%), on recruitment, hires planned for the next 12 "
			       "months and whether they can take participants from job tracks.</li>\n"),
			fmt(R, rtable_get(u, r, 2)->num, 0, a, sizeof a),
			fmt(R, rtable_get(u, r, 1)->num, 0, b, sizeof b),
			fmt(R, rtable_get(u, r, 3)->num, 1, c, sizeof c));
	}
	if (R->fit.found && isfinite(R->fit.n_outcomes))
		fprintf(fp, tr(R, "<li><strong>Tidigare deltagare i jobbspår</strong> (kommunen och "
				  "Arbetsförmedlingen): %s deltagare, om de fick arbete inom ett "
				  "år.</li>\n",
			       "<li><strong>Past job-track participants</strong> (the municipality and "
			       "Arbetsförmedlingen): %s participants, whether they were in work within "
			       "a year.</li>\n"),
			fmt(R, R->fit.n_outcomes, 0, a, sizeof a));
	fputs(tr(R, "<li>Kodlistor: SSYK 2012 (SCB), kommuner och län (SCB), SUN 2020 "
		    "(utbildningsnivå).</li>\n</ul>\n",
		 "<li>Code lists: SSYK 2012 (Statistics Sweden), municipalities and counties, SUN 2020 "
		 "(education level).</li>\n</ul>\n"), fp);
	fprintf(fp, tr(R, "<p>Referensår %d: antal avser den 31 december %d, flöden (annonser) "
			  "året %d.</p>\n",
		       "<p>Reference year %d: counts refer to 31 December %d, flows (ads) to the "
		       "year %d.</p>\n"),
		R->reference_year, R->reference_year, R->reference_year);
}

/* What every figure means: the verdict bands with the configured
 * thresholds, the index, its probability, fit and expected placements. */
static void write_terms(FILE *fp, const struct report *R)
{
	double brist = 1.0, watch = 0.5, surplus = -1.0, conf = 0.95, min_emp = 15;
	config_double(R->cfg, "shortage", "index_brist", 1.0, &brist);
	config_double(R->cfg, "shortage", "index_watch", 0.5, &watch);
	config_double(R->cfg, "shortage", "index_surplus", -1.0, &surplus);
	config_double(R->cfg, "survey", "confidence", 0.95, &conf);
	config_double(R->cfg, "shortage", "min_employed", 15, &min_emp);
	double wd = 1, ws = 1, wp = 1, horizon = 5;
	config_double(R->cfg, "trackfit", "weight_demand", 1, &wd);
	config_double(R->cfg, "trackfit", "weight_supply", 1, &ws);
	config_double(R->cfg, "trackfit", "weight_placement", 1, &wp);
	config_double(R->cfg, "trackfit", "horizon_years", 5, &horizon);
	char b[64], w[64], s[64], cf[64], me[64];
	fmt(R, brist, 1, b, sizeof b);
	fmt(R, watch, 1, w, sizeof w);
	fmt(R, surplus, 1, s, sizeof s);
	fmt(R, 100 * conf, 0, cf, sizeof cf);
	fmt(R, min_emp, 0, me, sizeof me);
	fprintf(fp, "<h3>%s</h3>\n<dl class=\"terms\">\n",
		tr(R, "Så läses siffrorna", "How to read the figures"));
	fprintf(fp, tr(R, "<dt>Bristindex</dt><dd>Hur mycket tydligare tecken på brist ett yrke visar "
			  "än kommunens genomsnittliga yrke, i standardavvikelser (0 = genomsnittet). "
			  "Det vägs samman av fyra registertecken (få arbetssökande per anställd, "
			  "många annonser per anställd, annonser som står länge öppna och fler "
			  "annonser år för år) och enkätens balanstal; yrken med lite lokalt "
			  "underlag dras mot samma yrke i andra kommuner och mot yrkesgruppen. "
			  "Indexet är relativt: även en kommun med brist överallt har yrken under "
			  "0. Det ersätter den tidigare bristpoängen (0–3).</dd>\n",
		       "<dt>Shortage index</dt><dd>How much clearer signs of shortage an occupation "
		       "shows than the municipality's average occupation, in standard deviations "
		       "(0 = the average). It combines four register signals (few jobseekers per "
		       "employee, many ads per employee, ads that stay open long, and more ads year "
		       "by year) and the survey's balance; occupations with little local evidence "
		       "are drawn toward the same occupation elsewhere and toward their group. The "
		       "index is relative: even a municipality with shortage everywhere has "
		       "occupations below 0. It replaces the earlier shortage score (0-3).</dd>\n"));
	fprintf(fp, tr(R, "<dt>Bedömning</dt><dd><strong>Brist</strong>: bristindex %s eller mer; "
			  "<strong>bevaka</strong>: från %s upp till %s; <strong>balans</strong>: "
			  "mellan %s och %s; <strong>överskott</strong>: %s eller lägre; <strong>ej "
			  "bedömd (X)</strong>: färre än %s sysselsatta eller för få annonser och "
			  "arbetssökande för en bedömning.</dd>\n",
		       "<dt>Verdict</dt><dd><strong>Shortage</strong>: shortage index %s or more; "
		       "<strong>watch</strong>: from %s up to %s; <strong>balance</strong>: between "
		       "%s and %s; <strong>surplus</strong>: %s or lower; <strong>not assessed "
		       "(X)</strong>: fewer than %s employed or too few ads and jobseekers for a "
		       "verdict.</dd>\n"),
		b, w, b, s, w, s, me);
	fprintf(fp, tr(R, "<dt>Sannolikhet för brist</dt><dd>Hur säkert det är att yrket hör till "
			  "bristbandet (index %s eller mer) givet underlaget. Runt 50 %% är ett "
			  "gränsfall.</dd>\n",
		       "<dt>Probability of shortage</dt><dd>How sure it is that the occupation belongs "
		       "to the shortage band (index %s or more) given the evidence. Around 50 %% is a "
		       "borderline case.</dd>\n"),
		b);
	fputs(tr(R, "<dt>Planerade rekryteringar och andel arbetsgivare med brist</dt><dd>Från "
		    "arbetsgivarenkäten, uppräknat till alla arbetsställen. Eftersom få "
		    "arbetsgivare svarar per yrke publiceras en modellskattning (Fay–Herriot) som "
		    "kombinerar svaren med registertecknen; enkätens direkta skattningar finns i "
		    "arbetsbokens enkätblad. Yrken med färre svarande än gränsen visas som "
		    "\xE2\x80\x9C..\xE2\x80\x9D.</dd>\n",
		 "<dt>Planned hires and share of employers reporting shortage</dt><dd>From the "
		 "employer survey, weighted up to all workplaces. As few employers answer per "
		 "occupation, a model estimate (Fay-Herriot) that combines the answers with the "
		 "register signals is published; the survey's direct estimates are on the "
		 "workbook's survey sheet. Occupations with fewer respondents than the limit are "
		 "shown as \xE2\x80\x9C..\xE2\x80\x9D.</dd>\n"), fp);
	fputs(tr(R, "<dt>Yrkesbarometern</dt><dd>Arbetsförmedlingens bedömning för hela landet "
		    "(brist, balans, överskott, eller brist trots många sökande). Yrken där den "
		    "lokala bedömningen ligger minst två steg från den visas i en egen "
		    "tabell.</dd>\n",
		 "<dt>Yrkesbarometer</dt><dd>Arbetsförmedlingen's verdict for Sweden as a whole "
		 "(shortage, balance, surplus, or shortage despite many jobseekers). Occupations "
		 "whose local verdict lies at least two steps from it are listed in a table of "
		 "their own.</dd>\n"), fp);
	char h[64];
	fmt(R, horizon, 0, h, sizeof h);
	fprintf(fp, tr(R, "<dt>Passning (0–100)</dt><dd>Hur väl ett jobbspår passar kommunen: "
			  "medelvärdet (vikter %g, %g, %g) av efterfrågan per plats (jobbtillfällen "
			  "i spårets yrken inom %s år, högst 1 per plats och år), behöriga "
			  "kandidater per plats (högst 1) och förväntade placeringar per plats, "
			  "gånger 100. 100 = gott om jobb och kandidater och alla placeras.</dd>\n",
		       "<dt>Fit (0-100)</dt><dd>How well a job track fits the municipality: the mean "
		       "(weights %g, %g, %g) of demand per place (openings in the track's "
		       "occupations within %s years, at most 1 per place and year), eligible "
		       "candidates per place (at most 1) and expected placements per place, times "
		       "100. 100 = plenty of jobs and candidates and everyone placed.</dd>\n"),
		wd, ws, wp, h);
	fputs(tr(R, "<dt>Förväntade placeringar</dt><dd>Hur många av spårets deltagare som väntas "
		    "ha arbete inom ett år, enligt en modell av tidigare deltagares utfall (eller "
		    "en antagen andel när utfallen är för få).</dd>\n",
		 "<dt>Expected placements</dt><dd>How many of the track's participants are expected "
		 "to be in work within a year, from a model of past participants' outcomes (or an "
		 "assumed rate when the outcomes are too few).</dd>\n"), fp);
	double pcap = 20;
	config_double(R->cfg, "trackfit", "proposal_capacity", 20, &pcap);
	char pc[64];
	fmt(R, pcap, 0, pc, sizeof pc);
	/* a run from before offers per municipality and proposals has neither */
	if (R->track_areas || R->proposals)
		fprintf(fp, tr(R, "<dt>Jobbspår per kommun och förslag</dt><dd>Ett jobbspår erbjuds per "
				  "kommun med egen anordnare, egna platser och egna intagsår; tabellerna visar spåren "
				  "som tar in deltagare %d (året efter referensåret), och en kommun utan spår får "
				  "en mening i stället för en tabell. Förslagen till nästa års spår är spår, "
				  "yrkespaket och yrkesgrupper som inte erbjuds i kommunen, bedömda med samma "
				  "formler och %s platser och dessutom efter trolig brist, intresse och öppna "
				  "arbetsgivare; sannolikheten att vara bäst är andelen simuleringar där förslaget "
				  "får kommunens högsta passning.</dd>\n",
			       "<dt>Job tracks per municipality and proposals</dt><dd>A job track is offered per "
			       "municipality with its own provider, places and years of intake; the tables "
			       "show the tracks taking in participants in %d (the year after the reference "
			       "year), and a municipality without tracks gets a sentence instead of a table. "
			       "The proposals for next year are tracks, bundles of occupations and occupation "
			       "groups not offered in the municipality, assessed by the same formulas with %s "
			       "places and also by credible shortage, interest and open employers; the "
			       "probability of being the best is the share of simulations in which the "
			       "proposal has the municipality's highest fit.</dd>\n"),
			R->plan_year, pc);
	fputs("</dl>\n", fp);
	fprintf(fp, "<h3>%s</h3>\n<p>", tr(R, "Osäkerhet", "Uncertainty"));
	fprintf(fp, tr(R, "Alla siffror är skattningar. Bristindex har ett %s %%-intervall och en "
			  "sannolikhet för brist; enkätsiffrorna ett %s %%-intervall från modellens "
			  "medelkvadratfel; förväntade placeringar ett 95 %%-intervall från 1 000 "
			  "simuleringar. Intervallen finns i tabeller.xlsx och CSV-filerna (kolumnerna "
			  "nedre och övre gräns). Ett yrke nära en gräns mellan två bedömningar kan "
			  "byta bedömning med nya uppgifter utan att läget har ändrats.",
		       "Every figure is an estimate. The shortage index has a %s %% interval and a "
		       "probability of shortage; the survey figures a %s %% interval from the model's "
		       "mean squared error; expected placements a 95 %% interval from 1,000 "
		       "simulations. The intervals are in tabeller.xlsx and the CSV files (the lower "
		       "and upper bound columns). An occupation near a boundary between two verdicts "
		       "can change verdict with new data although nothing changed."),
		cf, cf);
	fputs("</p>\n", fp);
}

/* The placement model's fit as a sentence. */
static void write_model(FILE *fp, const struct report *R)
{
	const struct model_fit *f = &R->fit;
	char a[64], b[64], c[64], d[64], e[64], g[64];
	fprintf(fp, "<h3>%s</h3>\n<p>", tr(R, "Hur placeringarna skattas", "How placements are estimated"));
	if (f->fallback) {
		fputs(tr(R, "Tidigare deltagare var för få för en modell: varje kandidat har fått en "
			    "antagen sannolikhet att få arbete inom ett år.",
			 "Past participants were too few for a model: every candidate got an assumed "
			 "probability of being in work within a year."), fp);
		fputs("</p>\n", fp);
		return;
	}
	fputs(R->S->model_intro, fp);
	if (f->found && isfinite(f->n_outcomes) && isfinite(f->auc))
		fprintf(fp, tr(R, " Modellen bygger på %s tidigare deltagare, av vilka %s fick arbete "
				  "inom ett år. På %s deltagare som hölls utanför skattningen rangordnar "
				  "den rätt i %s %% av paren (AUC %s; 50 %% = slump), och dess "
				  "Brier-poäng %s är lägre (bättre) än %s för att ge alla samma "
				  "sannolikhet.",
			       " The model rests on %s past participants, %s of whom were in work "
			       "within a year. On %s participants held out of the fit it orders %s %% "
			       "of the pairs correctly (AUC %s; 50 %% = chance), and its Brier score %s "
			       "is lower (better) than %s for giving everyone the same probability."),
			fmt(R, f->n_outcomes, 0, a, sizeof a), fmt(R, f->n_events, 0, b, sizeof b),
			fmt(R, f->n_test, 0, c, sizeof c), fmt(R, 100 * f->auc, 0, d, sizeof d),
			fmt(R, f->auc, 2, e, sizeof e), fmt(R, f->brier, 3, g, sizeof g),
			fmt(R, f->brier_base, 3, a, sizeof a));
	else if (f->found && isfinite(f->auc))
		fprintf(fp, " AUC %s.", fmt(R, f->auc, 2, a, sizeof a));
	fputs("</p>\n", fp);
	if (R->model_t && R->model_t->nrow)
		write_table(fp, R, R->model_t);
}

static void write_method(FILE *fp, const struct report *R)
{
	const struct strings *S = R->S;
	fprintf(fp, "<section id=\"metod\">\n<h2>%s</h2>\n<p>%s</p>\n", S->h_method, S->method_intro);
	write_sources(fp, R);
	write_terms(fp, R);
	write_assessed(fp, R);
	if (R->nmissing) {
		fprintf(fp, "<p>%s", S->missing_inputs);
		for (size_t i = 0; i < R->nmissing; i++) {
			fputs(i ? ", " : "", fp);
			html_put(fp, R->missing[i]);
		}
		fputs(".</p>\n", fp);
	}
	if (R->ingest && R->inputs_t->nrow)
		write_table(fp, R, R->inputs_t);
	else
		fprintf(fp, "<h3>%s</h3>\n<p>%s</p>\n", S->h_inputs, S->no_ingest);
	if (R->rejects_t->nrow)
		write_table(fp, R, R->rejects_t);
	else if (!R->no_rejects_file)
		fprintf(fp, "<p>%s</p>\n", S->no_rejects);
	if (R->response_t)
		write_table(fp, R, R->response_t);
	else
		fprintf(fp, "<p>%s</p>\n", S->no_weights);
	write_charts_of(fp, R, NULL, CHART_QUALITY, "");
	fprintf(fp, "<h3>%s</h3>\n<p>", S->h_suppression);
	fprintf(fp, S->disclosure_fmt, R->rule.min_persons, R->rule.min_respondents);
	fputs(tr(R, " Antal pensionsavgångar och jobbtillfällen räknar personer och undertrycks "
		    "på samma sätt när de är färre än gränsen eller bygger på en liten grupp.",
		 " Retirements and openings count persons and are suppressed the same way when "
		 "they are below the limit or rest on a small group."), fp);
	fputs("</p>\n<p>", fp);
	if (R->n_primary + R->n_secondary)
		fprintf(fp, S->suppressed_count_fmt, R->n_primary + R->n_secondary, R->n_primary,
			R->n_secondary);
	else
		fputs(S->no_suppressed, fp);
	if (R->n_primary + R->n_secondary) {
		char *sheet = html_escape(R->suppressed_t->sheet);
		fprintf(fp, tr(R, " Varje undertryckt cell finns i bladet \xE2\x80\x9C%s\xE2\x80\x9D i "
				  "tabeller.xlsx och i undertryckta.csv.",
			       " Every suppressed cell is listed on the sheet \xE2\x80\x9C%s\xE2\x80\x9D "
			       "of tabeller.xlsx and in undertryckta.csv."), sheet);
		free(sheet);
	}
	fputs("</p>\n", fp);
	if (R->suppressed_sum_t->nrow)
		write_table(fp, R, R->suppressed_sum_t);

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
	fputs("</dl>\n", fp);
	fputs(tr(R, "<p class=\"note\">Kontrollsummor för varje indatafil och hela "
		    "konfigurationen finns i körningens manifest.json.</p>\n",
		 "<p class=\"note\">Checksums of every input file and the whole configuration are "
		 "in the run's manifest.json.</p>\n"), fp);
	fputs("</section>\n", fp);
}

static void write_changes(FILE *fp, const struct report *R)
{
	const struct strings *S = R->S;
	if (!R->chg_occ_t)
		return;
	fprintf(fp, "<section id=\"forandring\">\n<h2>%s</h2>\n<p>%s</p>\n", S->h_changes,
		S->changes_intro);
	/* what changed behind the figures: settings, data, or both */
	size_t nset = R->chg_setup_t ? R->chg_setup_t->nrow : 0;
	char *inputs = report_changed_inputs(R);
	fputs("<p class=\"lead\">", fp);
	if (!R->prev->has_settings)
		fputs(tr(R, "Den förra rapporten sparade inte sina inställningar, så det går inte att "
			    "säga om ändrade bedömningar beror på nya uppgifter eller på ändrade "
			    "inställningar. ",
			 "The previous report did not record its settings, so it cannot be said whether "
			 "changed verdicts come from new data or changed settings. "), fp);
	else if (nset)
		fprintf(fp, tr(R, "<strong>Inställningarna har ändrats</strong> (%zu, tabellen nedan). "
				  "Ändrade bedömningar kan därför bero på inställningarna och inte på "
				  "arbetsmarknaden. ",
			       "<strong>The settings changed</strong> (%zu, the table below). Changed "
			       "verdicts may therefore come from the settings and not from the labour "
			       "market. "),
			nset);
	else
		fputs(tr(R, "Inställningarna är desamma som i förra rapporten. ",
			 "The settings are the same as in the previous report. "), fp);
	if (R->inputs_changed == 1) {
		fputs(tr(R, "Indata har ändrats: ", "The input data changed: "), fp);
		html_put(fp, inputs);
		fputs(".", fp);
	} else if (R->inputs_changed == 0) {
		fputs(tr(R, "Indata är desamma.", "The input data are the same."), fp);
	}
	fputs("</p>\n", fp);
	free(inputs);
	if (nset)
		write_table(fp, R, R->chg_setup_t);
	if (R->chg_occ_t->nrow)
		write_table(fp, R, R->chg_occ_t);
	else
		fprintf(fp, "<p>%s</p>\n", S->no_changes);
	if (R->chg_track_t)
		write_table(fp, R, R->chg_track_t);
	fputs("</section>\n", fp);
}

static void write_header(FILE *fp, const struct report *R)
{
	const struct strings *S = R->S;
	fputs("<header>\n<h1>", fp);
	fputs(R->compare_mode ? tr(R, "Kompetensbrist och lokala jobbspår: kommunerna jämförda",
				   "Skills shortages and local job tracks: the municipalities compared")
			      : S->title, fp);
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
	fputs(tr(R, " \xE2\x80\x93 källor: SCB, Arbetsförmedlingen och kommunens arbetsgivarenkät",
		 " \xE2\x80\x93 sources: Statistics Sweden, Arbetsförmedlingen and the municipality's "
		 "employer survey"), fp);
	fputs("</p>\n", fp);
	if (R->synthetic)
		fprintf(fp, "<p class=\"banner\" id=\"banner\">%s</p>\n", S->synthetic_banner);
	fputs("</header>\n", fp);
}

/* Next year's proposed tracks, per municipality, after an intro that says
 * what a proposal is and what it cannot tell (docs/METHOD.md section 3). */
static void write_proposals(FILE *fp, const struct report *R)
{
	double capacity = 20;
	config_double(R->cfg, "trackfit", "proposal_capacity", 20, &capacity);
	char cap[64];
	fmt(R, capacity, 0, cap, sizeof cap);
	fprintf(fp, "<h3 id=\"forslag\">%s</h3>\n<p>",
		tr(R, "Förslag till nästa års jobbspår", "Proposed tracks for next year"));
	fprintf(fp, tr(R, "Ett förslag är ett spår som inte erbjuds i kommunen %d: ett jobbspår som "
			  "bara finns i en annan kommun, ett yrkespaket ur konfigurationen eller en "
			  "yrkesgrupp (SSYK, tre siffror) med efterfrågan som inget av kommunens spår "
			  "täcker. Varje förslag bedöms som om det startade med %s platser, med samma "
			  "formler som spåren och dessutom trolig brist, intresse och arbetsgivare som "
			  "tar emot deltagare. Förslagen rangordnar det som syns i underlaget: "
			  "efterfrågan är pensionsavgångar och tillväxt, inte platser som arbetsgivare "
			  "har lovat; kraven är vad de flesta arbetsgivare i enkäten begär, inte en "
			  "kursplan; intresset följer de spår som redan finns; och placeringarna antar "
			  "att ett nytt spår lyckas som ett genomsnittligt. Sannolikheten att vara bäst "
			  "speglar bara osäkerheten i placeringarna. Ett förslag är en utgångspunkt för "
			  "beslutet med arbetsgivare och utbildningsanordnare, inte beslutet.",
		       "A proposal is a track not offered in the municipality in %d: a job track that "
		       "runs only in another municipality, a bundle of occupations from the "
		       "configuration, or an occupation group (SSYK, three digits) with demand that "
		       "none of the municipality's tracks covers. Each is assessed as if it started "
		       "with %s places, by the tracks' formulas plus credible shortage, interest and "
		       "employers who take participants. The proposals rank what the data can see: "
		       "demand is retirements and growth, not places employers have promised; the "
		       "requirements are what most surveyed employers ask, not a curriculum; "
		       "interest follows the tracks that already exist; and the placements assume a "
		       "new track does as well as an average one. The probability of being the best "
		       "reflects the uncertainty of the placements only. A proposal is a starting "
		       "point for the decision with employers and the training provider, not the "
		       "decision."),
		R->plan_year, cap);
	fputs("</p>\n", fp);
	for (size_t k = 0; k < R->nkommun; k++) {
		if (R->proposal_t[k]) {
			write_table(fp, R, R->proposal_t[k]);
			continue;
		}
		char *name = html_escape(report_area_name(R, R->kommun[k]));
		fprintf(fp, tr(R, "<p>Inga förslag för %s.</p>\n", "<p>No proposals for %s.</p>\n"),
			name);
		free(name);
	}
}

/* ---------------------------------------------------------------- default layout */

static void write_default_body(FILE *fp, const struct report *R)
{
	const struct strings *S = R->S;
	fprintf(fp, "<nav>\n<h2>%s</h2>\n<ol>\n", S->toc);
	fprintf(fp, "<li><a href=\"#sammanfattning\">%s</a></li>\n", S->h_summary);
	fprintf(fp, "<li><a href=\"#brist\">%s</a></li>\n", S->h_shortage);
	fprintf(fp, "<li><a href=\"#jobbspar\">%s</a></li>\n", S->h_tracks);
	if (R->chg_occ_t)
		fprintf(fp, "<li><a href=\"#forandring\">%s</a></li>\n", S->h_changes);
	fprintf(fp, "<li><a href=\"#metod\">%s</a></li>\n</ol>\n</nav>\n", S->h_method);

	write_summary(fp, R);
	write_areas(fp, R);
	fputs("</section>\n", fp);

	static const char *const shortage_charts[] = {"top_shortage", "openings", "supply_demand",
						      "vacancy_trend", NULL};
	fprintf(fp, "<section id=\"brist\">\n<h2>%s</h2>\n<p>%s</p>\n", S->h_shortage,
		S->shortage_intro);
	for (size_t k = 0; k < R->nkommun; k++) {
		write_kommun_heading(fp, R, k, "h3");
		write_charts_of(fp, R, "top_shortage", CHART_SHORTAGE, R->kommun[k]);
		if (R->shortage_t[k]) {
			write_table(fp, R, R->shortage_t[k]);
		} else {
			char *name = html_escape(report_area_name(R, R->kommun[k]));
			fputs("<p>", fp);
			fprintf(fp, S->not_in_data_fmt, name);
			fputs("</p>\n", fp);
			free(name);
		}
		if (R->yb_t[k]) {
			fputs("<p>", fp);
			fprintf(fp, tr(R, "Jämfört med Yrkesbarometern: %zu av de %zu bedömda yrken som "
					  "Arbetsförmedlingen också bedömer för hela landet ligger minst "
					  "två steg från myndighetens bedömning. Lokala förhållanden kan "
					  "förklara skillnaden, men den är värd att granska.",
				       "Compared with Yrkesbarometer: %zu of the %zu assessed occupations "
				       "that Arbetsförmedlingen also assesses for Sweden lie at least two "
				       "steps from the agency's verdict. Local conditions can explain the "
				       "difference, but it is worth a look."),
				R->yb_differ[k], R->yb_both[k]);
			fputs("</p>\n", fp);
			if (R->yb_t[k]->nrow)
				write_table(fp, R, R->yb_t[k]);
		}
		write_charts_of(fp, R, "openings", CHART_SHORTAGE, R->kommun[k]);
		write_charts_of(fp, R, "supply_demand", CHART_SHORTAGE, R->kommun[k]);
		write_charts_of(fp, R, "vacancy_trend", CHART_SHORTAGE, R->kommun[k]);
		write_other_charts(fp, R, CHART_SHORTAGE, R->kommun[k], shortage_charts, 0);
	}
	write_other_charts(fp, R, CHART_SHORTAGE, "", shortage_charts, 0);
	fputs("</section>\n", fp);

	static const char *const track_charts[] = {"track_fit", "candidates", NULL};
	fprintf(fp, "<section id=\"jobbspar\">\n<h2>%s</h2>\n<p>%s</p>\n", S->h_tracks,
		S->tracks_intro);
	for (size_t k = 0; k < R->nkommun; k++) {
		write_kommun_heading(fp, R, k, "h3");
		/* trackfit_areas.tsv's sentence: how many tracks, or that none is
		 * offered (then it stands instead of a table of zeros) */
		if (R->track_note[k]) {
			fputs("<p>", fp);
			html_put(fp, R->track_note[k]);
			fputs("</p>\n", fp);
		}
		if (R->track_t[k])
			write_table(fp, R, R->track_t[k]);
		else if (!R->track_note[k])
			fprintf(fp, "<p>%s</p>\n", S->no_tracks);
		write_charts_of(fp, R, "track_fit", CHART_TRACKS, R->kommun[k]);
		write_charts_of(fp, R, "candidates", CHART_TRACKS, R->kommun[k]);
		write_other_charts(fp, R, CHART_TRACKS, R->kommun[k], track_charts, 0);
	}
	write_other_charts(fp, R, CHART_TRACKS, "", track_charts, 0);
	if (R->proposals)
		write_proposals(fp, R);
	if (R->model)
		write_model(fp, R);
	fputs("</section>\n", fp);

	write_changes(fp, R);

	int other = 0;
	for (size_t i = 0; i < R->nchart; i++)
		other |= R->chart[i].section == CHART_OTHER && !comparison_chart(&R->chart[i]);
	if (other) {
		fprintf(fp, "<section id=\"diagram\">\n<h2>%s</h2>\n", S->h_more_charts);
		write_other_charts(fp, R, CHART_OTHER, "", (const char *const[]){NULL}, 0);
		for (size_t k = 0; k < R->nkommun; k++)
			write_other_charts(fp, R, CHART_OTHER, R->kommun[k], (const char *const[]){NULL}, 0);
		fputs("</section>\n", fp);
	}
}

/* ---------------------------------------------------------------- compare layout */

static void write_compare_body(FILE *fp, const struct report *R)
{
	const struct strings *S = R->S;
	fprintf(fp, "<nav>\n<h2>%s</h2>\n<ol>\n", S->toc);
	fprintf(fp, "<li><a href=\"#sammanfattning\">%s</a></li>\n", S->h_summary);
	fprintf(fp, "<li><a href=\"#skillnader\">%s</a></li>\n",
		tr(R, "Där kommunerna skiljer sig", "Where the municipalities differ"));
	fprintf(fp, "<li><a href=\"#sidavid\">%s</a></li>\n",
		tr(R, "Yrken och jobbspår sida vid sida", "Occupations and job tracks side by side"));
	fprintf(fp, "<li><a href=\"#metod\">%s</a></li>\n</ol>\n</nav>\n", S->h_method);

	/* the municipalities in brief, side by side */
	fprintf(fp, "<section id=\"sammanfattning\">\n<h2>%s</h2>\n<p>%s</p>\n<div class=\"side\">\n",
		S->h_summary,
		tr(R, "Kommunerna i korthet. Bristindex mäts mot varje kommuns eget genomsnittliga "
		      "yrke, så en jämförelse av bedömningar säger var ett yrke sticker ut mest, inte "
		      "hur stor bristen är i antal personer.",
		   "The municipalities in brief. The shortage index is measured against each "
		   "municipality's own average occupation, so comparing verdicts says where an "
		   "occupation stands out most, not how large the shortage is in persons."));
	for (size_t k = 0; k < R->nkommun; k++) {
		fputs("<div>\n", fp);
		write_kommun_heading(fp, R, k, "h3");
		if (!R->shortage_t[k]) {
			char *name = html_escape(report_area_name(R, R->kommun[k]));
			fputs("<p>", fp);
			fprintf(fp, S->not_in_data_fmt, name);
			fputs("</p>\n</div>\n", fp);
			free(name);
			continue;
		}
		size_t all, assessed, brist;
		kommun_counts(R, k, &all, &assessed, &brist);
		fprintf(fp, tr(R, "<p>%zu yrken bedöms, %zu är bristyrken.</p>\n",
			       "<p>%zu occupations assessed, %zu in shortage.</p>\n"), assessed, brist);
		fprintf(fp, "<h4>%s</h4>\n", S->top_shortage);
		write_top_shortage(fp, R, k, 3);
		fprintf(fp, "<h4>%s</h4>\n", S->best_tracks);
		write_best_tracks(fp, R, k, 2);
		fputs("</div>\n", fp);
	}
	fputs("</div>\n", fp);
	if (R->per1000_t && R->per1000_t->nrow)
		write_table(fp, R, R->per1000_t);
	write_charts_of(fp, R, "city_compare", CHART_COMPARE, "");
	fputs("</section>\n", fp);

	/* significant differences: the survey's test */
	double confidence = 0.95;
	config_double(R->cfg, "survey", "confidence", 0.95, &confidence);
	char pct[64], alpha[64], expect[64];
	fmt(R, 100 * confidence, 0, pct, sizeof pct);
	fmt(R, 1 - confidence, 2, alpha, sizeof alpha);
	fmt(R, (double)R->survey_tested * (1 - confidence), 0, expect, sizeof expect);
	fprintf(fp, "<section id=\"skillnader\">\n<h2>%s</h2>\n",
		tr(R, "Där kommunerna skiljer sig", "Where the municipalities differ"));
	fputs("<p>", fp);
	fprintf(fp, tr(R, "Enkäten frågar arbetsgivarna i båda kommunerna om rekryteringsläget. "
			  "För varje yrke med svar i båda prövas om andelen som upplever brist "
			  "skiljer sig: skillnaden delas med sitt standardfel (z-test för två "
			  "oberoende urval, standardfel från stratifierad Taylor-linearisering) och "
			  "intervallet är skillnaden ± %s %%-gränsen. %zu yrken kunde prövas; med "
			  "p-värdesgränsen %s väntas omkring %s av dem visa en skillnad av en slump, "
			  "så enstaka träffar ska läsas med försiktighet.",
		       "The survey asks employers in both municipalities about recruitment. For each "
		       "occupation with answers in both, the share reporting shortage is tested: the "
		       "difference divided by its standard error (z test of two independent samples, "
		       "standard errors from stratified Taylor linearisation), and the interval is the "
		       "difference ± the %s %% bound. %zu occupations could be tested; at the "
		       "p-value limit %s about %s of them would show a difference by chance, so single "
		       "findings should be read with care."),
		pct, R->survey_tested, alpha, expect);
	fputs("</p>\n", fp);
	if (R->sig_t && R->sig_t->nrow)
		write_table(fp, R, R->sig_t);
	else
		fputs(tr(R, "<p>Inget yrke skiljer sig signifikant.</p>\n",
			 "<p>No occupation differs significantly.</p>\n"), fp);
	if (R->survey_t)
		fprintf(fp, tr(R, "<p class=\"note\">Alla prövade yrken, med svarande och p-värden, "
				  "finns i bladet \xE2\x80\x9C%s\xE2\x80\x9D i tabeller.xlsx.</p>\n",
			       "<p class=\"note\">Every tested occupation, with respondents and "
			       "p-values, is on the sheet \xE2\x80\x9C%s\xE2\x80\x9D of "
			       "tabeller.xlsx.</p>\n"),
			R->survey_t->sheet);
	write_charts_of(fp, R, "compare_index", CHART_COMPARE, "");
	fputs("</section>\n", fp);

	fprintf(fp, "<section id=\"sidavid\">\n<h2>%s</h2>\n",
		tr(R, "Yrken och jobbspår sida vid sida", "Occupations and job tracks side by side"));
	if (R->side_occ_t)
		write_table(fp, R, R->side_occ_t);
	write_charts_of(fp, R, "verdict_heatmap", CHART_SHORTAGE, "");
	if (R->side_track_t && R->side_track_t->nrow)
		write_table(fp, R, R->side_track_t);
	fputs("</section>\n", fp);
	write_changes(fp, R);
}

static void write_body(FILE *fp, const struct report *R)
{
	write_header(fp, R);
	if (R->compare_mode)
		write_compare_body(fp, R);
	else
		write_default_body(fp, R);
	write_method(fp, R);
	fprintf(fp, "<footer><p>%s %s</p></footer>\n", R->S->footer, JOBBSPAR_VERSION);
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
