#include "charts.h"
#include "disclosure.h"
#include "gpquote.h"
#include "msg.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_fit.h>

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const unsigned series_colour[] = {0x0072B2, 0xD55E00, 0x009E73, 0xCC79A7,
					 0xE69F00, 0x56B4E9, 0x000000, 0xF0E442};
#define NSERIES (sizeof series_colour / sizeof series_colour[0])
/* Fills of bar series, each distinct in black and white as well (gnuplot
 * patterns: 1 crosshatch, 4 and 5 hatched both ways, 2 dense crosshatch,
 * 6 and 7 sparse hatching). */
static const char *const series_fill[] = {"fs solid 1.0 noborder", "fs pattern 4 border",
					  "fs pattern 1 border", "fs empty border",
					  "fs pattern 5 border", "fs pattern 2 border",
					  "fs pattern 6 border", "fs pattern 7 border"};
#define NFILLS (sizeof series_fill / sizeof series_fill[0])

#define LABEL_CHARS 40   /* occupation and track labels are cut to this */

/* 1 if the survey estimates of R rest on enough respondents to be drawn
 * (pipeline/disclosure.h; n_respondents -1, unknown, is not enough). */
static int respondents_ok(const struct plot_opts *o, const struct occ_row *r)
{
	return !disclosure_respondents_hidden((double)r->n_respondents, o->min_respondents);
}

unsigned verdict_rgb(enum verdict_kind v) { return verdict_colour(v); }

void chart_meta_clear(struct chart_meta *m)
{
	for (int i = 0; i < 2; i++) {
		free(m->title[i]);
		free(m->alt[i]);
		m->title[i] = m->alt[i] = NULL;
	}
}

static void meta_set(struct chart_meta *m, const char *id, const char *kommun, int w, int h)
{
	chart_meta_clear(m);
	snprintf(m->id, sizeof m->id, "%s", id);
	snprintf(m->kommun, sizeof m->kommun, "%s", kommun ? kommun : "");
	m->width = w;
	m->height = h;
}

/* Writes the quoted literal of TEXT cut to MAX characters. */
static void put_q(FILE *out, const char *text, size_t max)
{
	char *q = gp_quote_max(text, max);
	fputs(q, out);
	free(q);
}

char *area_name(const struct codes *codes, const char *area, int lang)
{
	if (strcmp(area, "SE") == 0)
		return estrdup(lang == LANG_EN ? "Sweden" : "Riket");
	if (codes) {
		const struct kommun_entry *k = codes_kommun_find(codes, area);
		if (k)
			return estrdup(k->name);
		if (area[0] == 'L' && strlen(area) == 3)
			for (size_t i = 0; i < codes->nkommun; i++)
				if (strcmp(codes->kommun[i].lan, area + 1) == 0)
					return estrdup(codes->kommun[i].lan_name);
	}
	return estrdup(area);
}

/* "5120 Kockar och kallskänkor": the label as shortage.tsv gives it; in
 * English the SSYK list's English label when the code is known. */
static char *occ_label(const struct plot_data *d, const struct occ_row *r, int lang)
{
	const char *label = r->label;
	const struct ssyk_entry *e = d->codes ? codes_ssyk_find(d->codes, r->ssyk) : NULL;
	if (lang == LANG_EN && e && e->label_en && *e->label_en)
		label = e->label_en;
	else if (!*label && e && e->label_sv)
		label = e->label_sv;
	if (!*label)
		return estrdup(r->ssyk);
	return easprintf("%s %s", r->ssyk, label);
}

static const char *L(const struct plot_opts *o, const char *sv, const char *en)
{
	return o->lang == LANG_EN ? en : sv;
}

static int score_cmp(const void *a, const void *b)
{
	const struct occ_row *x = *(const struct occ_row *const *)a;
	const struct occ_row *y = *(const struct occ_row *const *)b;
	/* score, then share_brist, then openings_5y: each highest first,
	 * missing values last */
	const double xv[3] = {x->score, x->share_brist, x->openings_5y};
	const double yv[3] = {y->score, y->share_brist, y->openings_5y};
	for (int k = 0; k < 3; k++) {
		int xn = !isfinite(xv[k]), yn = !isfinite(yv[k]);
		if (xn != yn)
			return xn - yn;
		if (!xn && xv[k] != yv[k])
			return xv[k] > yv[k] ? -1 : 1;
	}
	return strcmp(x->ssyk, y->ssyk);
}

/* Whether a row can head a "top shortage" list a planner reads: its survey
 * share is publishable and the occupation employs at least
 * plot.min_employed people (otherwise a handful of jobseekers and ads in a
 * tiny occupation tops the score ranking and every bar is suppressed). */
static int top_candidate(const struct plot_opts *o, const struct occ_row *r)
{
	/* a table with the shortage stage's rank: its assessed occupations
	 * (verdict not X), in that rank */
	if (r->rank > 0 || r->verdict == VK_X)
		return r->rank > 0 && r->verdict != VK_X;
	return isfinite(r->share_brist) && respondents_ok(o, r) &&
	       isfinite(r->employed) && r->employed >= (double)o->min_employed;
}

static const struct plot_opts *sort_opts;

static int top_cmp(const void *a, const void *b)
{
	const struct occ_row *x = *(const struct occ_row *const *)a;
	const struct occ_row *y = *(const struct occ_row *const *)b;
	int cx = top_candidate(sort_opts, x), cy = top_candidate(sort_opts, y);
	if (cx != cy)
		return cy - cx;
	if (x->rank > 0 && y->rank > 0 && x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return score_cmp(a, b);
}

/* The top occupations of KOMMUN: the rows of that municipality that can
 * head the list (top_candidate) by score, highest first (missing scores
 * last, ties by share brist, openings, SSYK code), then the others in the
 * same order. Returns a new array of borrowed rows (caller frees the array)
 * and writes the count, at most MAX. */
static const struct occ_row **top_rows(const struct plot_data *d, const struct plot_opts *o,
				       const char *kommun, size_t max, size_t *count)
{
	const size_t *ix;
	size_t n = occ_rows_of(d->occ, kommun, &ix);
	const struct occ_row **v = emalloc((n + 1) * sizeof *v);
	for (size_t j = 0; j < n; j++)
		v[j] = &d->occ->row[ix[j]];
	sort_opts = o;
	qsort(v, n, sizeof *v, top_cmp);
	*count = n < max ? n : max;
	return v;
}

/* Disclosure: a count of persons is drawn only when it is at least
 * min_persons (0 is no person and can be drawn). */
static int persons_ok(const struct plot_opts *o, double n)
{
	/* a missing count has nothing to hide, but cannot be drawn either */
	return isfinite(n) && !disclosure_persons_hidden(n, o->min_persons);
}

/* Every chart: solid fills unless a series says otherwise, and the
 * decimal sign of the language on the axes and in labels (gprintf). */
static void common_style(FILE *out, const struct plot_opts *o)
{
	fputs("set style fill solid 1.0 noborder\n"
	      "set border 3 lc rgb '#444444'\n"
	      "set tics nomirror\n"
	      "set key noautotitle\n", out);
	if (o->lang == LANG_SV)
		fputs("set decimalsign ','\n", out);
}

char *plot_fmt_num(double v, int decimals, int lang, int sign)
{
	if (!isfinite(v))
		return estrdup("..");
	char digits[64];
	snprintf(digits, sizeof digits, "%.*f", decimals, fabs(v));
	/* a value that rounds to zero has no sign */
	int zero = strspn(digits, "0.") == strlen(digits);
	const char *minus = lang == LANG_SV ? "\xE2\x88\x92" : "-";
	const char *group = lang == LANG_SV ? "\xC2\xA0" : ",";
	char out[128];
	size_t n = 0;
	if (!zero && v < 0)
		n += (size_t)snprintf(out + n, sizeof out - n, "%s", minus);
	else if (!zero && sign)
		out[n++] = '+';
	size_t intlen = strcspn(digits, ".");
	for (size_t i = 0; i < intlen; i++) {
		if (i && (intlen - i) % 3 == 0)
			n += (size_t)snprintf(out + n, sizeof out - n, "%s", group);
		out[n++] = digits[i];
	}
	if (digits[intlen] == '.') {
		out[n++] = lang == LANG_SV ? ',' : '.';
		n += (size_t)snprintf(out + n, sizeof out - n, "%s", digits + intlen + 1);
	}
	out[n] = '\0';
	return estrdup(out);
}

/* Point types of the verdicts where points are drawn (chart 3): the shape
 * tells the verdict in black and white (filled circle, triangle, square,
 * diamond; a plus for not assessed). */
static const int verdict_point[VK_COUNT] = {7, 9, 5, 13, 1};

static void verdict_point_keyentries(FILE *out, int lang)
{
	for (int v = 0; v < VK_COUNT; v++) {
		fprintf(out, ", keyentry with points pt %d ps 1.3 lc rgb '#%06X' title ", verdict_point[v],
			verdict_colour((enum verdict_kind)v));
		put_q(out, verdict_word((enum verdict_kind)v, lang), 0);
	}
}

static void verdict_keyentries(FILE *out, int lang)
{
	for (int v = 0; v < VK_COUNT; v++) {
		fprintf(out, ", keyentry with boxes lc rgb '#%06X' title ", verdict_colour((enum verdict_kind)v));
		put_q(out, verdict_word((enum verdict_kind)v, lang), 0);
	}
}

/* The title, centred on the whole picture (gnuplot's own title is centred
 * on the plot area, which long tic labels push to the right), with room
 * below it for a footnote. */
static void chart_title(FILE *out, const char *title)
{
	fputs("set tmargin 5\nset label 998 ", out);
	put_q(out, title, 0);
	fputs(" at screen 0.5, screen 1 offset 0,-1.2 center font ',14'\n", out);
}

/* A note under the title (the meaning of ".." and what is left out). */
static void footnote(FILE *out, const char *text)
{
	fputs("set label 999 ", out);
	put_q(out, text, 0);
	fputs(" at screen 0.5, screen 1 offset 0,-2.7 center font ',10'\n", out);
}

/* In a multiplot the title is the multiplot's: the note goes to the
 * bottom left corner. */
static void footnote_bottom(FILE *out, const char *text)
{
	fputs("set label 999 ", out);
	put_q(out, text, 0);
	fputs(" at screen 0.01, screen 0.02 left font ',10'\n", out);
}

/* A data-block number: " %.10g", or " NaN" (gnuplot's missing value) for
 * anything not finite. */
static void put_num(FILE *out, double v)
{
	if (isfinite(v))
		fprintf(out, " %.10g", v);
	else
		fputs(" NaN", out);
}

static char *fmt_pct(double share)
{
	return isfinite(share) ? easprintf("%.0f %%", 100 * share) : estrdup("..");
}

/* ---- 1. top shortage occupations ---- */

int chart_top_shortage(FILE *out, const struct plot_data *d, const struct plot_opts *o,
		       const char *kommun, struct chart_meta *m)
{
	if (!d->occ)
		return 0;
	size_t n;
	const struct occ_row **top = top_rows(d, o, kommun, (size_t)o->top_n, &n);
	size_t drawable = 0;
	for (size_t i = 0; i < n; i++)
		drawable += isfinite(top[i]->share_brist) &&
			    respondents_ok(o, top[i]);
	if (drawable == 0) {
		/* no share can be shown: a chart of ".." alone says nothing */
		free(top);
		return 0;
	}
	char *name[2] = {area_name(d->codes, kommun, LANG_SV), area_name(d->codes, kommun, LANG_EN)};
	meta_set(m, "top_shortage", kommun, 960, 150 + 30 * (int)n);
	m->title[0] = easprintf("Bristyrken i %s: andel arbetsgivare som upplever brist", name[0]);
	m->title[1] = easprintf("Shortage occupations in %s: share of employers reporting shortage",
				name[1]);

	common_style(out, o);
	chart_title(out, m->title[o->lang]);
	fputs("set xlabel ", out);
	put_q(out, L(o, "Andel arbetsgivare med brist, % (streck: 95 % konfidensintervall)",
		     "Employers reporting shortage, % (whiskers: 95 % confidence interval)"), 0);
	fprintf(out, "\nset xrange [0:116]\nset xtics 0, 20, 100\nset yrange [0.4:%zu.6]\n"
		     "set grid xtics lc rgb '#dddddd'\n"
		     "set bmargin 7\nset key at screen 0.5, screen 0.01 center bottom horizontal\nset ytics scale 0 (", n);
	FILE *alt[2];
	char *altbuf[2];
	size_t altlen[2];
	for (int l = 0; l < 2; l++) {
		alt[l] = open_memstream(&altbuf[l], &altlen[l]);
		if (!alt[l])
			msg_die(EXIT_DATA, "out of memory");
	}
	fprintf(alt[0], "Liggande stapeldiagram över de %zu yrken i %s som rankas högst på "
			"bristindex, med andelen arbetsgivare som upplever brist och bedömningen:",
		n, name[0]);
	fprintf(alt[1], "Horizontal bar chart of the %zu occupations in %s ranked highest on the "
			"shortage index, with the share of employers reporting shortage and the "
			"verdict:", n, name[1]);
	int suppressed = 0;
	for (size_t i = 0; i < n; i++) {
		char *lab = occ_label(d, top[i], o->lang);
		if (i)
			fputs(", ", out);
		put_q(out, lab, LABEL_CHARS);
		fprintf(out, " %zu", n - i);
		free(lab);
		int ok = isfinite(top[i]->share_brist) &&
			 respondents_ok(o, top[i]);
		for (int l = 0; l < 2; l++) {
			char *lab_l = occ_label(d, top[i], l);
			char *pct = fmt_pct(ok ? top[i]->share_brist : NAN);
			fprintf(alt[l], "%s %zu) %s, %s, %s", i ? ";" : "", i + 1, lab_l,
				verdict_word(top[i]->verdict, l), pct);
			free(pct);
			free(lab_l);
		}
	}
	fputs(")\n$top << EOD\n", out);
	size_t drawn = 0;
	for (size_t i = 0; i < n; i++) {
		const struct occ_row *r = top[i];
		double y = (double)(n - i);
		int ok = isfinite(r->share_brist) && respondents_ok(o, r);
		if (!ok) {
			suppressed = 1;
			continue;
		}
		double lo = isfinite(r->share_brist_lo) ? r->share_brist_lo : r->share_brist;
		double hi = isfinite(r->share_brist_hi) ? r->share_brist_hi : r->share_brist;
		fprintf(out, "%g %.4f %.4f %.4f %u\n", y, 100 * r->share_brist, 100 * lo, 100 * hi,
			verdict_rgb(r->verdict));
		drawn++;
	}
	fputs("EOD\n", out);
	for (size_t i = 0; i < n; i++) {
		const struct occ_row *r = top[i];
		int ok = isfinite(r->share_brist) && respondents_ok(o, r);
		if (!ok)
			fprintf(out, "set label %zu '..' at first 1, first %zu left\n", i + 1, n - i);
		/* the verdict in words at the bar's end: colour is not the only cue */
		double hi = ok ? (isfinite(r->share_brist_hi) ? r->share_brist_hi : r->share_brist) : 0;
		fprintf(out, "set label %zu ", 100 + i + 1);
		put_q(out, verdict_word(r->verdict, o->lang), 0);
		fprintf(out, " at first %.4f, first %zu left offset 0.6,0 font ',10'\n",
			ok ? 100 * hi : 4.0, n - i);
	}
	if (suppressed) {
		char *note = easprintf(L(o, ".. = färre än %ld svarande eller saknas",
					 ".. = fewer than %ld respondents or missing"),
				       o->min_respondents);
		footnote(out, note);
		free(note);
		for (int l = 0; l < 2; l++)
			fprintf(alt[l], l ? ". .. = fewer than %ld respondents or missing"
					  : ". .. = färre än %ld svarande eller saknas",
				o->min_respondents);
	}
	if (drawn)
		fputs("plot $top using ($2/2):1:(0):2:($1-0.35):($1+0.35):5 with boxxyerror "
		      "lc rgb variable, \\\n  '' using 2:1:3:4 with xerrorbars lc rgb '#000000' "
		      "pt 7 ps 0.6 lw 1.5", out);
	else
		fputs("plot NaN", out);
	verdict_keyentries(out, o->lang);
	fputs("\n", out);
	for (int l = 0; l < 2; l++) {
		fputc('.', alt[l]);
		fclose(alt[l]);
		m->alt[l] = altbuf[l];
	}
	free(name[0]);
	free(name[1]);
	free(top);
	return ferror(out) ? -1 : 1;
}

/* ---- 2. verdict heat map ---- */

/* The verdict of an occupation group: the verdict held by the most
 * employed among its assessed occupations (an occupation with the
 * employment missing counts 1), ties to the more severe verdict; X when
 * none is assessed, -1 when the area has no occupation in the group. */
static int group_verdict(const struct plot_data *d, const char *kommun, int group)
{
	double w[VK_COUNT] = {0};
	int any = 0;
	const size_t *ix;
	size_t n = occ_rows_of(d->occ, kommun, &ix);
	for (size_t j = 0; j < n; j++) {
		const struct occ_row *r = &d->occ->row[ix[j]];
		if ((r->ssyk[0] - '0') * 10 + (r->ssyk[1] - '0') != group)
			continue;
		any = 1;
		if (r->verdict == VK_X)
			continue;
		w[r->verdict] += isfinite(r->employed) && r->employed > 0 ? r->employed : 1;
	}
	if (!any)
		return -1;
	int best = VK_X;
	for (int v = 0; v < VK_X; v++)
		if (w[v] > 0 && (best == VK_X || w[v] > w[best]))
			best = v;
	return best;
}

int chart_verdict_heatmap(FILE *out, const struct plot_data *d, const struct plot_opts *o,
			  const char (*kommun)[5], size_t nk, struct chart_meta *m)
{
	if (!d->occ || nk == 0)
		return 0;
	/* one 150-pixel column per municipality: a national run would make a
	 * picture wider than cairo can draw (32767) and nobody can read */
	if (o->heatmap_max > 0 && nk > (size_t)o->heatmap_max) {
		msg_note("verdict_heatmap: %zu municipalities, more than plot.heatmap_max (%d): not drawn",
			 nk, o->heatmap_max);
		return 0;
	}
	int has_group[100] = {0};
	int ngroups = 0;
	for (size_t k = 0; k < nk; k++) {
		const size_t *ix;
		size_t n = occ_rows_of(d->occ, kommun[k], &ix);
		for (size_t j = 0; j < n; j++) {
			const struct occ_row *r = &d->occ->row[ix[j]];
			if (r->ssyk[0] < '0' || r->ssyk[0] > '9' || r->ssyk[1] < '0' || r->ssyk[1] > '9')
				continue;
			int g = (r->ssyk[0] - '0') * 10 + (r->ssyk[1] - '0');
			ngroups += !has_group[g];
			has_group[g] = 1;
		}
	}
	if (ngroups == 0)
		return 0;
	int width = 700 + 150 * (int)nk;
	meta_set(m, "verdict_heatmap", "", width < 960 ? 960 : width, 230 + 24 * ngroups);
	m->title[0] = estrdup("Bedömning per yrkesområde (SSYK 2-siffrig nivå) och kommun");
	m->title[1] = estrdup("Verdict per occupation group (SSYK 2-digit level) and municipality");

	static const char *const letter[2][VK_COUNT] = {{"B", "V", "=", "Ö", "–"},
						      {"S", "W", "=", "O", "–"}};
	common_style(out, o);
	chart_title(out, m->title[o->lang]);
	fprintf(out, "set xrange [0.5:%zu.5]\nset yrange [0.5:%d.5]\n"
		     "set bmargin 7\nset key at screen 0.5, screen 0.01 center bottom horizontal\nset border 0\nset tics scale 0\nset xtics (", nk,
		ngroups);
	for (size_t k = 0; k < nk; k++) {
		char *nm = area_name(d->codes, kommun[k], o->lang);
		fputs(k ? ", " : "", out);
		put_q(out, nm, 24);
		fprintf(out, " %zu", k + 1);
		free(nm);
	}
	fputs(")\nset ytics (", out);
	int y = ngroups, first = 1;
	for (int g = 0; g < 100; g++) {
		if (!has_group[g])
			continue;
		const char *lab = d->ssyk2 ? d->ssyk2->label[o->lang][g] : NULL;
		char *t = lab ? easprintf("%02d %s", g, lab) : easprintf("%02d", g);
		fputs(first ? "" : ", ", out);
		put_q(out, t, 80);
		fprintf(out, " %d", y--);
		free(t);
		first = 0;
	}
	fputs(")\narray V[5] = [", out);
	for (int v = 0; v < VK_COUNT; v++) {
		fputs(v ? ", " : "", out);
		put_q(out, letter[o->lang][v], 0);
	}
	fputs("]\n$cells << EOD\n", out);
	int count[VK_COUNT] = {0};
	y = ngroups;
	for (int g = 0; g < 100; g++) {
		if (!has_group[g])
			continue;
		for (size_t k = 0; k < nk; k++) {
			int v = group_verdict(d, kommun[k], g);
			if (v < 0)
				continue;
			count[v]++;
			int dark = v == VK_BRIST || v == VK_OVERSKOTT;
			fprintf(out, "%zu %d %d %u %d\n", k + 1, y, v + 1, verdict_colour((enum verdict_kind)v), dark);
		}
		y--;
	}
	fputs("EOD\nplot $cells using 1:2:($1-0.48):($1+0.48):($2-0.46):($2+0.46):4 with "
	      "boxxyerror lc rgb variable, \\\n"
	      "  '' using 1:($5 > 0 ? $2 : NaN):(V[int($3)]) with labels tc rgb '#ffffff', \\\n"
	      "  '' using 1:($5 > 0 ? NaN : $2):(V[int($3)]) with labels tc rgb '#000000'", out);
	for (int v = 0; v < VK_COUNT; v++) {
		fprintf(out, ", keyentry with boxes lc rgb '#%06X' title ", verdict_colour((enum verdict_kind)v));
		char *t = easprintf("%s %s", letter[o->lang][v], verdict_word((enum verdict_kind)v, o->lang));
		put_q(out, t, 0);
		free(t);
	}
	fputs("\n", out);
	for (int l = 0; l < 2; l++) {
		char *s = easprintf(l ? "Heat map of %d occupation groups by %zu municipalities, "
					"coloured by the prevailing verdict: %d shortage, %d watch, "
					"%d balance, %d surplus, %d not assessed."
				      : "Värmekarta över %d yrkesområden och %zu kommuner, färgad "
					"efter den övervägande bedömningen: %d brist, %d bevaka, "
					"%d balans, %d överskott, %d ej bedömda.",
				    ngroups, nk, count[0], count[1], count[2], count[3], count[4]);
		m->alt[l] = s;
	}
	return ferror(out) ? -1 : 1;
}

/* ---- 3. jobseekers against vacancies ---- */

int chart_supply_demand(FILE *out, const struct plot_data *d, const struct plot_opts *o,
			const char *kommun, struct chart_meta *m)
{
	if (!d->occ)
		return 0;
	size_t ntop;
	/* at most 6 labels: more would overlap */
	const struct occ_row **top = top_rows(d, o, kommun, o->top_n < 6 ? (size_t)o->top_n : 6, &ntop);
	size_t drawn = 0, left_out = 0, nlabels = 0;
	const size_t *ix;
	size_t nrows = occ_rows_of(d->occ, kommun, &ix);
	for (size_t j = 0; j < nrows; j++) {
		const struct occ_row *r = &d->occ->row[ix[j]];
		if (persons_ok(o, r->jobseekers) && r->jobseekers > 0 && isfinite(r->vacancies) &&
		    r->vacancies > 0)
			drawn++;
		else
			left_out++;
	}
	if (drawn == 0) {
		free(top);
		return 0;
	}
	char *name[2] = {area_name(d->codes, kommun, LANG_SV), area_name(d->codes, kommun, LANG_EN)};
	meta_set(m, "supply_demand", kommun, 960, 540);
	m->title[0] = easprintf("Arbetssökande och lediga platser per yrke i %s", name[0]);
	m->title[1] = easprintf("Jobseekers and vacancies per occupation in %s", name[1]);
	common_style(out, o);
	chart_title(out, m->title[o->lang]);
	fputs("set logscale xy\nset grid lc rgb '#dddddd'\nset bmargin 7\nset key at screen 0.5, screen 0.01 center bottom horizontal\n"
	      "set xlabel ", out);
	put_q(out, L(o, "Arbetssökande (logaritmisk skala)", "Jobseekers (log scale)"), 0);
	fputs("\nset ylabel ", out);
	put_q(out, L(o, "Lediga platser (logaritmisk skala)", "Vacancies (log scale)"), 0);
	fputs("\narray LAB[", out);
	fprintf(out, "%zu] = [''", ntop + 1);
	/* labels for the top occupations that are drawn */
	size_t *label_of = ecalloc(d->occ->n + 1, sizeof *label_of);
	for (size_t i = 0; i < ntop; i++) {
		const struct occ_row *r = top[i];
		char *lab = occ_label(d, r, o->lang);
		fputs(", ", out);
		put_q(out, lab, 28);
		free(lab);
		label_of[r - d->occ->row] = ++nlabels + 1;
	}
	fputs("]\n$pts << EOD\n", out);
	for (size_t j = 0; j < nrows; j++) {
		size_t i = ix[j];
		const struct occ_row *r = &d->occ->row[i];
		if (!(persons_ok(o, r->jobseekers) && r->jobseekers > 0 && isfinite(r->vacancies) &&
		      r->vacancies > 0))
			continue;
		fprintf(out, "%.10g %.10g %u %zu %d\n", r->jobseekers, r->vacancies,
			verdict_rgb(r->verdict), label_of[i] ? label_of[i] : 1,
			verdict_point[r->verdict < VK_COUNT ? r->verdict : VK_X]);
	}
	fputs("EOD\n", out);
	if (left_out) {
		char *note = easprintf(L(o, "%zu yrken visas inte: färre än %ld arbetssökande eller "
					    "inga lediga platser",
					 "%zu occupations not shown: fewer than %ld jobseekers or "
					 "no vacancies"), left_out, o->min_persons);
		footnote(out, note);
		free(note);
	}
	fputs("plot $pts using 1:2:5:3 with points pt variable ps 1.3 lc rgb variable, \\\n"
	      "  '' using 1:2:(LAB[int($4)]) with labels left offset 0.8,0.4 font ',10', \\\n"
	      "  x with lines dt 2 lc rgb '#666666' title ", out);
	put_q(out, L(o, "lika många sökande som platser", "as many jobseekers as vacancies"), 0);
	verdict_point_keyentries(out, o->lang);
	fputs("\n", out);
	m->alt[0] = easprintf("Punktdiagram med logaritmiska axlar: arbetssökande mot lediga platser "
			      "för %zu yrken i %s, med bedömningen som färg och form; de %zu yrken "
			      "som rankas högst på bristindex har etiketter. Punkter ovanför den streckade linjen "
			      "har fler platser än sökande. %zu yrken visas inte (färre än %ld "
			      "arbetssökande eller inga lediga platser).",
			      drawn, name[0], nlabels, left_out, o->min_persons);
	m->alt[1] = easprintf("Scatter plot with log axes: jobseekers against vacancies for %zu "
			      "occupations in %s, with the verdict as colour and shape; the %zu "
			      "occupations ranked highest on the shortage index are labelled. Points above the dashed line have "
			      "more vacancies than jobseekers. %zu occupations are not shown (fewer "
			      "than %ld jobseekers or no vacancies).",
			      drawn, name[1], nlabels, left_out, o->min_persons);
	free(label_of);
	free(name[0]);
	free(name[1]);
	free(top);
	return ferror(out) ? -1 : 1;
}

/* ---- 4. expected openings: expansion and replacement ---- */

/* Disclosure of chart 4: replacement and openings count persons derived
 * from the employed's age structure, so the bar is drawn only when the
 * employed and both counts are publishable (0, or at least min_persons). */
static int openings_ok(const struct plot_opts *o, const struct occ_row *r)
{
	return persons_ok(o, r->employed) && isfinite(r->replacement_5y) &&
	       isfinite(r->expansion_5y) && persons_ok(o, r->replacement_5y) &&
	       (!isfinite(r->openings_5y) || persons_ok(o, r->openings_5y));
}

int chart_openings(FILE *out, const struct plot_data *d, const struct plot_opts *o,
		   const char *kommun, struct chart_meta *m)
{
	if (!d->occ)
		return 0;
	size_t n;
	const struct occ_row **top = top_rows(d, o, kommun, (size_t)o->top_n, &n);
	size_t drawable = 0;
	for (size_t i = 0; i < n; i++)
		drawable += openings_ok(o, top[i]);
	if (drawable == 0) {
		free(top);
		return 0;
	}
	char *name[2] = {area_name(d->codes, kommun, LANG_SV), area_name(d->codes, kommun, LANG_EN)};
	meta_set(m, "openings", kommun, 960, 150 + 30 * (int)n);
	m->title[0] = easprintf("Förväntade jobbtillfällen inom 5 år i %s: expansion och ersättning",
				name[0]);
	m->title[1] = easprintf("Expected openings within 5 years in %s: expansion and replacement",
				name[1]);
	common_style(out, o);
	chart_title(out, m->title[o->lang]);
	fputs("set xlabel ", out);
	put_q(out, L(o, "Antal jobbtillfällen inom 5 år", "Openings within 5 years"), 0);
	fprintf(out, "\nset yrange [0.4:%zu.6]\nset grid xtics lc rgb '#dddddd'\n"
		     "set bmargin 7\nset key at screen 0.5, screen 0.01 center bottom horizontal\nset xzeroaxis lt 1 lc rgb '#444444'\n"
		     "set offsets graph 0.02, graph 0.08, 0, 0\nset ytics scale 0 (", n);
	for (size_t i = 0; i < n; i++) {
		char *lab = occ_label(d, top[i], o->lang);
		fputs(i ? ", " : "", out);
		put_q(out, lab, LABEL_CHARS);
		fprintf(out, " %zu", n - i);
		free(lab);
	}
	fputs(")\n$op << EOD\n", out);
	size_t drawn = 0, suppressed = 0;
	double sum_rep = 0, sum_exp = 0;
	for (size_t i = 0; i < n; i++) {
		const struct occ_row *r = top[i];
		if (!openings_ok(o, r)) {
			suppressed++;
			continue;
		}
		double rep = r->replacement_5y, exp = r->expansion_5y;
		/* expansion stacks on replacement when positive; a shrinking
		 * occupation's negative expansion is drawn left of zero */
		double elo = exp >= 0 ? rep : exp, ehi = exp >= 0 ? rep + exp : 0;
		double openings = isfinite(r->openings_5y) ? r->openings_5y
							    : rep + (exp > 0 ? exp : 0);
		/* y replacement expansion_from expansion_to growing label_x openings */
		fprintf(out, "%zu %.4f %.4f %.4f %d %.4f %.4f\n", n - i, rep, elo, ehi, exp >= 0,
			rep + (exp > 0 ? exp : 0), openings);
		sum_rep += rep;
		sum_exp += exp;
		drawn++;
	}
	fputs("EOD\n", out);
	for (size_t i = 0; i < n; i++)
		if (!openings_ok(o, top[i]))
			fprintf(out, "set label %zu '..' at first 0, first %zu left\n", i + 1, n - i);
	if (suppressed) {
		char *note = easprintf(L(o, ".. = färre än %ld sysselsatta eller pensionsavgångar, "
					    "eller saknas",
					 ".. = fewer than %ld employed or retirements, or missing"),
				       o->min_persons);
		footnote(out, note);
		free(note);
	}
	/* fills that differ in black and white too: solid, hatched one way,
	 * hatched the other way */
	if (drawn)
		fputs("plot $op using ($2/2):1:(0):2:($1-0.35):($1+0.35) with boxxyerror "
		      "lc rgb '#56B4E9' fs solid 1.0 noborder, \\\n"
		      "  '' using (($3+$4)/2):($5 > 0 ? $1 : NaN):3:4:($1-0.35):($1+0.35) with boxxyerror "
		      "lc rgb '#009E73' fs pattern 4 border, \\\n"
		      "  '' using (($3+$4)/2):($5 > 0 ? NaN : $1):3:4:($1-0.35):($1+0.35) with boxxyerror "
		      "lc rgb '#CC79A7' fs pattern 5 border, \\\n"
		      "  '' using 6:1:(gprintf(' %.0f', $7)) with labels left font ',10'", out);
	else
		fputs("plot NaN", out);
	fputs(", keyentry with boxes lc rgb '#56B4E9' fs solid 1.0 noborder title ", out);
	put_q(out, L(o, "ersättning (pensionsavgångar)", "replacement (retirements)"), 0);
	fputs(", keyentry with boxes lc rgb '#009E73' fs pattern 4 border title ", out);
	put_q(out, L(o, "expansion", "expansion"), 0);
	fputs(", keyentry with boxes lc rgb '#CC79A7' fs pattern 5 border title ", out);
	put_q(out, L(o, "minskning", "contraction"), 0);
	fputs("\n", out);
	char *sr[2] = {plot_fmt_num(sum_rep, 0, LANG_SV, 0), plot_fmt_num(sum_rep, 0, LANG_EN, 0)};
	char *se[2] = {plot_fmt_num(sum_exp, 0, LANG_SV, 0), plot_fmt_num(sum_exp, 0, LANG_EN, 0)};
	m->alt[0] = easprintf("Liggande staplar för de %zu yrken i %s som rankas högst på "
			      "bristindex: förväntade jobbtillfällen inom 5 år uppdelade i ersättning "
			      "av pensionsavgångar (sammanlagt %s) och expansion (sammanlagt %s). "
			      "%zu yrken visas som .. (färre än %ld sysselsatta eller "
			      "pensionsavgångar, eller saknas).",
			      n, name[0], sr[0], se[0], suppressed, o->min_persons);
	m->alt[1] = easprintf("Horizontal bars for the %zu occupations in %s ranked highest on the "
			      "shortage index: expected openings within 5 years split into "
			      "replacement of retirements (%s in all) and expansion (%s in all). "
			      "%zu occupations are shown as .. (fewer than %ld employed or "
			      "retirements, or missing).",
			      n, name[1], sr[1], se[1], suppressed, o->min_persons);
	for (int l = 0; l < 2; l++) {
		free(sr[l]);
		free(se[l]);
	}
	free(name[0]);
	free(name[1]);
	free(top);
	return ferror(out) ? -1 : 1;
}

/* ---- 5. vacancy trend ---- */

static double vac_lookup(const struct vac_table *t, const char *kommun, const char *ssyk, int year)
{
	size_t lo = 0, hi = t->n;
	struct vac_sum key;
	snprintf(key.kommun, sizeof key.kommun, "%s", kommun);
	snprintf(key.ssyk, sizeof key.ssyk, "%s", ssyk);
	key.year = year;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct vac_sum *s = &t->row[mid];
		int c = strcmp(s->kommun, key.kommun);
		if (!c)
			c = strcmp(s->ssyk, key.ssyk);
		if (!c)
			c = (s->year > year) - (s->year < year);
		if (c == 0)
			return s->vacancies;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

int chart_vacancy_trend(FILE *out, const struct plot_data *d, const struct plot_opts *o,
			const char *kommun, struct chart_meta *m)
{
	if (!d->occ || !d->vac || d->vac->n == 0 || d->vac->year_max <= d->vac->year_min)
		return 0;
	size_t ntop;
	const struct occ_row **top = top_rows(d, o, kommun, (size_t)-1, &ntop);
	int y0 = d->vac->year_min, y1 = d->vac->year_max, ny = y1 - y0 + 1;
	/* the trend_n highest-ranked occupations that had any vacancy */
	const struct occ_row **sel = emalloc((ntop + 1) * sizeof *sel);
	size_t n = 0;
	for (size_t i = 0; i < ntop && n < (size_t)o->trend_n; i++) {
		double total = 0;
		for (int y = y0; y <= y1; y++)
			total += vac_lookup(d->vac, kommun, top[i]->ssyk, y);
		if (total > 0)
			sel[n++] = top[i];
	}
	free(top);
	if (n == 0) {
		free(sel);
		return 0;
	}
	char *name[2] = {area_name(d->codes, kommun, LANG_SV), area_name(d->codes, kommun, LANG_EN)};
	meta_set(m, "vacancy_trend", kommun, 960, 480);
	m->title[0] = easprintf("Lediga platser per år i %s med anpassad linjär trend", name[0]);
	m->title[1] = easprintf("Vacancies per year in %s with fitted linear trend", name[1]);
	common_style(out, o);
	chart_title(out, m->title[o->lang]);
	fprintf(out, "set xrange [%d.5:%d.5]\nset xtics %d, 1, %d\n"
		     "set yrange [0:*]\nset grid ytics lc rgb '#dddddd'\n"
		     "set key outside right top vertical font ',10'\nset xlabel ",
		y0 - 1, y1, y0, y1);
	put_q(out, L(o, "År (publiceringsår)", "Year (published)"), 0);
	fputs("\nset ylabel ", out);
	put_q(out, L(o, "Lediga platser", "Vacancies"), 0);
	fputs("\n$trend << EOD\n", out);
	double *x = emalloc((size_t)ny * sizeof *x), *yv = emalloc((size_t)ny * sizeof *yv);
	double *slope = emalloc(n * sizeof *slope);
	for (size_t i = 0; i < n; i++) {
		for (int k = 0; k < ny; k++) {
			x[k] = y0 + k;
			yv[k] = vac_lookup(d->vac, kommun, sel[i]->ssyk, y0 + k);
		}
		double c0, c1, cov00, cov01, cov11, sumsq;
		int st = gsl_fit_linear(x, 1, yv, 1, (size_t)ny, &c0, &c1, &cov00, &cov01, &cov11,
					&sumsq);
		if (st != GSL_SUCCESS)
			c0 = c1 = NAN;
		slope[i] = c1;
		for (int k = 0; k < ny; k++) {
			fprintf(out, "%d %.10g", y0 + k, yv[k]);
			put_num(out, c0 + c1 * x[k]);
			fputc('\n', out);
		}
		fputs(i + 1 < n ? "\n\n" : "", out);
	}
	fputs("EOD\nplot ", out);
	for (size_t i = 0; i < n; i++) {
		char *lab = occ_label(d, sel[i], o->lang);
		unsigned c = series_colour[i % NSERIES];
		fprintf(out, "%s$trend index %zu using 1:2 with linespoints lw 2 pt %zu ps 1.2 "
			     "lc rgb '#%06X' title ", i ? ", \\\n  " : "", i, 4 + 2 * (i % 6), c);
		put_q(out, lab, 32);
		fprintf(out, ", \\\n  $trend index %zu using 1:3 with lines dt 2 lw 1.5 lc rgb '#%06X'",
			i, c);
		free(lab);
	}
	fputs(", keyentry with lines dt 2 lc rgb '#666666' title ", out);
	put_q(out, L(o, "anpassad trend", "fitted trend"), 0);
	fputs("\n", out);
	FILE *alt[2];
	char *altbuf[2];
	size_t altlen[2];
	for (int l = 0; l < 2; l++) {
		alt[l] = open_memstream(&altbuf[l], &altlen[l]);
		if (!alt[l])
			msg_die(EXIT_DATA, "out of memory");
		fprintf(alt[l], l ? "Line chart of vacancies per year %d-%d in %s for the %zu "
				    "occupations ranked highest on the shortage index that had "
				    "vacancies, each with a dashed least-squares line; change per year:"
				  : "Linjediagram över lediga platser per år %d–%d i %s för de %zu "
				    "yrken som rankas högst på bristindex och har lediga platser, var "
				    "och en med en streckad minsta-kvadrat-linje; förändring per år:",
			y0, y1, name[l], n);
		for (size_t i = 0; i < n; i++) {
			char *lab = occ_label(d, sel[i], l);
			char *v = plot_fmt_num(slope[i], 1, l, 1);
			fprintf(alt[l], "%s %s %s", i ? ";" : "", lab, v);
			free(v);
			free(lab);
		}
		fputc('.', alt[l]);
		fclose(alt[l]);
		m->alt[l] = altbuf[l];
	}
	free(slope);
	free(x);
	free(yv);
	free(sel);
	free(name[0]);
	free(name[1]);
	return ferror(out) ? -1 : 1;
}

/* ---- 6. track fit ---- */

static int track_cmp(const void *a, const void *b)
{
	const struct track_row *x = *(const struct track_row *const *)a;
	const struct track_row *y = *(const struct track_row *const *)b;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return strcmp(x->track, y->track);
}

int chart_track_fit(FILE *out, const struct plot_data *d, const struct plot_opts *o,
		    const char *kommun, struct chart_meta *m)
{
	if (!d->tracks)
		return 0;
	const struct track_row **t = emalloc((d->tracks->n + 1) * sizeof *t);
	size_t n = 0;
	for (size_t i = 0; i < d->tracks->n; i++)
		if (strcmp(d->tracks->row[i].area, kommun) == 0)
			t[n++] = &d->tracks->row[i];
	if (n == 0) {
		free(t);
		return 0;
	}
	qsort(t, n, sizeof *t, track_cmp);
	char *name[2] = {area_name(d->codes, kommun, LANG_SV), area_name(d->codes, kommun, LANG_EN)};
	meta_set(m, "track_fit", kommun, 960, 170 + 90 * (int)n);
	m->title[0] = easprintf("Jobbspår i %s: efterfrågan, behöriga, platser och förväntade "
				"placeringar", name[0]);
	m->title[1] = easprintf("Job tracks in %s: demand, eligible, capacity and expected "
				"placements", name[1]);
	common_style(out, o);
	chart_title(out, m->title[o->lang]);
	fputs("set xlabel ", out);
	put_q(out, L(o, "Antal personer eller jobbtillfällen (streck: 95 % intervall)",
		     "Number of persons or openings (whiskers: 95 % interval)"), 0);
	fprintf(out, "\nset xrange [0:*]\nset yrange [0.4:%zu.6]\nset grid xtics lc rgb '#dddddd'\n"
		     "set bmargin 7\nset key at screen 0.5, screen 0.01 center bottom horizontal\nset ytics scale 0 (", n);
	for (size_t i = 0; i < n; i++) {
		fputs(i ? ", " : "", out);
		put_q(out, t[i]->name ? t[i]->name : t[i]->track, LABEL_CHARS);
		fprintf(out, " %zu", n - i);
	}
	fputs(")\n$tf << EOD\n", out);
	size_t suppressed = 0;
	for (size_t i = 0; i < n; i++) {
		const struct track_row *r = t[i];
		int elig_ok = persons_ok(o, r->eligible);
		double y = (double)(n - i);
		suppressed += !elig_ok;
		/* y demand eligible capacity expected lo hi */
		fprintf(out, "%g", y);
		put_num(out, r->openings);
		put_num(out, elig_ok ? r->eligible : NAN);
		put_num(out, r->capacity);
		put_num(out, elig_ok ? r->expected : NAN);
		put_num(out, elig_ok ? r->expected_lo : NAN);
		put_num(out, elig_ok ? r->expected_hi : NAN);
		fputc('\n', out);
	}
	fputs("EOD\n", out);
	for (size_t i = 0; i < n; i++)
		if (!persons_ok(o, t[i]->eligible))
			fprintf(out, "set label %zu '..' at first 0, first %g left\n", i + 1,
				(double)(n - i) + 0.1);
	if (suppressed) {
		char *note = easprintf(L(o, ".. = färre än %ld behöriga personer eller saknas",
					 ".. = fewer than %ld eligible persons or missing"),
				       o->min_persons);
		footnote(out, note);
		free(note);
	}
	static const unsigned col[4] = {0x0072B2, 0xE69F00, 0x777777, 0x009E73};
	/* and a fill each that reads in black and white: crosshatched,
	 * hatched, outlined, solid */
	static const char *const fill[4] = {"fs pattern 1 border", "fs pattern 4 border",
					    "fs empty border", "fs solid 1.0 noborder"};
	static const double off[4] = {0.3, 0.1, -0.1, -0.3};
	static const char *const what[2][4] = {
		{"efterfrågan (jobbtillfällen)", "behöriga kandidater", "platser i spåret",
		 "förväntade placeringar"},
		{"demand (openings)", "eligible candidates", "track capacity", "expected placements"}};
	fputs("plot ", out);
	for (int j = 0; j < 4; j++) {
		fprintf(out, "%s$tf using ($%d/2):($1%+.1f):(0):%d:($1%+.2f):($1%+.2f) with boxxyerror "
			     "lc rgb '#%06X' %s title ", j ? ", \\\n  " : "", j + 2, off[j], j + 2,
			off[j] - 0.09, off[j] + 0.09, col[j], fill[j]);
		put_q(out, what[o->lang][j], 0);
	}
	fputs(", \\\n  $tf using 5:($1-0.3):6:7 with xerrorbars lc rgb '#000000' pt 7 ps 0.5 "
	      "lw 1.5\n", out);
	FILE *alt[2];
	char *altbuf[2];
	size_t altlen[2];
	for (int l = 0; l < 2; l++) {
		alt[l] = open_memstream(&altbuf[l], &altlen[l]);
		if (!alt[l])
			msg_die(EXIT_DATA, "out of memory");
		fprintf(alt[l], l ? "Grouped horizontal bars for %zu job tracks in %s: demand, "
				    "eligible candidates, capacity and expected placements with 95 %% "
				    "interval:"
				  : "Grupperade liggande staplar för %zu jobbspår i %s: efterfrågan, "
				    "behöriga kandidater, platser och förväntade placeringar med 95 %% "
				    "intervall:", n, name[l]);
		for (size_t i = 0; i < n; i++) {
			const struct track_row *r = t[i];
			char *tn = gp_clean_text(r->name ? r->name : r->track, 0);
			char *v[6] = {plot_fmt_num(r->openings, 0, l, 0), plot_fmt_num(r->eligible, 0, l, 0),
				      plot_fmt_num(r->capacity, 0, l, 0), plot_fmt_num(r->expected, 1, l, 0),
				      plot_fmt_num(r->expected_lo, 1, l, 0),
				      plot_fmt_num(r->expected_hi, 1, l, 0)};
			if (persons_ok(o, r->eligible))
				fprintf(alt[l], "%s %s %s, %s, %s, %s (%s–%s)", i ? ";" : "", tn, v[0],
					v[1], v[2], v[3], v[4], v[5]);
			else
				fprintf(alt[l], "%s %s %s, .., %s, ..", i ? ";" : "", tn, v[0], v[2]);
			for (int k = 0; k < 6; k++)
				free(v[k]);
			free(tn);
		}
		fputc('.', alt[l]);
		fclose(alt[l]);
		m->alt[l] = altbuf[l];
	}
	free(name[0]);
	free(name[1]);
	free(t);
	return ferror(out) ? -1 : 1;
}

/* ---- 7. city comparison per 1 000 employed ---- */

enum { IND_JOBSEEKERS, IND_VACANCIES, IND_PLANNED, IND_OPENINGS, IND_COUNT };

int chart_city_compare(FILE *out, const struct plot_data *d, const struct plot_opts *o,
		       struct chart_meta *m)
{
	if (!d->occ || o->ncompare == 0)
		return 0;
	size_t na = o->ncompare;
	double (*rate)[IND_COUNT] = ecalloc(na, sizeof *rate);
	int *shown = ecalloc(na, sizeof *shown);
	size_t nshown = 0, nsupp = 0;
	for (size_t a = 0; a < na; a++) {
		double emp = 0, sum[IND_COUNT] = {0};
		int have[IND_COUNT] = {0}, rows = 0;
		for (size_t i = 0; i < d->occ->n; i++) {
			const struct occ_row *r = &d->occ->row[i];
			if (strcmp(r->area, o->compare[a]) != 0)
				continue;
			rows = 1;
			double v[IND_COUNT] = {r->jobseekers, r->vacancies, r->planned_hires,
					       r->openings_5y};
			if (isfinite(r->employed))
				emp += r->employed;
			for (int k = 0; k < IND_COUNT; k++)
				if (isfinite(v[k])) {
					sum[k] += v[k];
					have[k] = 1;
				}
		}
		if (!rows || !(emp >= (double)o->min_persons) || emp <= 0)
			continue;
		shown[a] = 1;
		nshown++;
		for (int k = 0; k < IND_COUNT; k++) {
			rate[a][k] = have[k] ? 1000 * sum[k] / emp : NAN;
			if (k == IND_JOBSEEKERS && !persons_ok(o, sum[k])) {
				rate[a][k] = NAN;
				nsupp++;
			}
		}
	}
	if (nshown == 0) {
		free(rate);
		free(shown);
		return 0;
	}
	FILE *names[2];
	char *nbuf[2];
	size_t nlen[2];
	for (int l = 0; l < 2; l++) {
		names[l] = open_memstream(&nbuf[l], &nlen[l]);
		if (!names[l])
			msg_die(EXIT_DATA, "out of memory");
		size_t j = 0;
		for (size_t a = 0; a < na; a++) {
			if (!shown[a])
				continue;
			char *nm = area_name(d->codes, o->compare[a], l);
			fprintf(names[l], "%s%s", j == 0 ? "" : j + 1 == nshown
				? (l ? " and " : " och ") : ", ", nm);
			free(nm);
			j++;
		}
		fclose(names[l]);
	}
	meta_set(m, "city_compare", "", 960, 540);
	m->title[0] = easprintf("Jämförelse per 1 000 sysselsatta: %s", nbuf[0]);
	m->title[1] = easprintf("Comparison per 1,000 employed: %s", nbuf[1]);
	static const char *const ind_name[2][IND_COUNT] = {
		{"arbetssökande", "lediga platser", "planerade rekryteringar",
		 "jobbtillfällen inom 5 år"},
		{"jobseekers", "vacancies", "planned hires (12 months)", "openings within 5 years"}};
	common_style(out, o);
	chart_title(out, m->title[o->lang]);
	fputs("set ylabel ", out);
	put_q(out, L(o, "Per 1 000 sysselsatta", "Per 1,000 employed"), 0);
	fprintf(out, "\nset xrange [-0.6:%d.6]\nset yrange [0:*]\nset grid ytics lc rgb '#dddddd'\n"
		     "set bmargin 7\nset key at screen 0.5, screen 0.01 center bottom horizontal\nset xtics scale 0 (", IND_COUNT - 1);
	for (int k = 0; k < IND_COUNT; k++) {
		fputs(k ? ", " : "", out);
		put_q(out, ind_name[o->lang][k], 0);
		fprintf(out, " %d", k);
	}
	fputs(")\n$cmp << EOD\n", out);
	double width = 0.8 / (double)nshown;
	size_t j = 0;
	for (size_t a = 0; a < na; a++) {
		if (!shown[a])
			continue;
		for (int k = 0; k < IND_COUNT; k++) {
			double x = k - 0.4 + width * ((double)j + 0.5);
			fprintf(out, "%.4f", x);
			put_num(out, rate[a][k]);
			fputc('\n', out);
		}
		fputs(j + 1 < nshown ? "\n\n" : "", out);
		j++;
	}
	fputs("EOD\n", out);
	if (nsupp) {
		char *note = easprintf(L(o, "Saknad stapel: färre än %ld arbetssökande",
					 "Missing bar: fewer than %ld jobseekers"), o->min_persons);
		footnote(out, note);
		free(note);
	}
	fputs("plot ", out);
	j = 0;
	for (size_t a = 0; a < na; a++) {
		if (!shown[a])
			continue;
		char *nm = area_name(d->codes, o->compare[a], o->lang);
		fprintf(out, "%s$cmp index %zu using 1:($2/2):($1-%.4f):($1+%.4f):(0):2 with "
			     "boxxyerror lc rgb '#%06X' %s title ", j ? ", \\\n  " : "", j,
			width * 0.45, width * 0.45, series_colour[j % NSERIES], series_fill[j % NFILLS]);
		put_q(out, nm, 32);
		fprintf(out, ", \\\n  $cmp index %zu using 1:2:(gprintf('%%.1f', $2)) with labels "
			     "offset 0,0.7 font ',9' notitle", j);
		free(nm);
		j++;
	}
	fputs("\n", out);
	for (int l = 0; l < 2; l++) {
		FILE *f;
		char *buf;
		size_t len;
		if (!(f = open_memstream(&buf, &len)))
			msg_die(EXIT_DATA, "out of memory");
		fprintf(f, l ? "Grouped bar chart comparing %s per 1,000 employed:"
			     : "Grupperat stapeldiagram som jämför %s per 1 000 sysselsatta:",
			nbuf[l]);
		size_t jj = 0;
		for (size_t a = 0; a < na; a++) {
			if (!shown[a])
				continue;
			char *nm = area_name(d->codes, o->compare[a], l);
			fprintf(f, "%s %s:", jj ? ";" : "", nm);
			for (int k = 0; k < IND_COUNT; k++) {
				if (isfinite(rate[a][k])) {
					char *v = plot_fmt_num(rate[a][k], 1, l, 0);
					fprintf(f, "%s %s %s", k ? "," : "", ind_name[l][k], v);
					free(v);
				}
				else
					fprintf(f, "%s %s ..", k ? "," : "", ind_name[l][k]);
			}
			free(nm);
			jj++;
		}
		fputc('.', f);
		fclose(f);
		m->alt[l] = buf;
	}
	free(nbuf[0]);
	free(nbuf[1]);
	free(rate);
	free(shown);
	return ferror(out) ? -1 : 1;
}

/* ---- 8. the candidate group ---- */

int chart_candidates(FILE *out, const struct plot_data *d, const struct plot_opts *o,
		     const char *kommun, struct chart_meta *m)
{
	const struct cand_counts *c = NULL;
	for (size_t i = 0; i < d->ncand; i++)
		if (strcmp(d->cand[i].kommun, kommun) == 0)
			c = &d->cand[i];
	if (!c || c->total == 0)
		return 0;
	char *name[2] = {area_name(d->codes, kommun, LANG_SV), area_name(d->codes, kommun, LANG_EN)};
	meta_set(m, "candidates", kommun, 1100, 560);
	m->title[0] = easprintf("Kandidatgruppen i %s: utbildning efter svenskanivå och kön", name[0]);
	m->title[1] = easprintf("The candidate group in %s: education by Swedish level and sex",
				name[1]);
	static const char *const swe[2][SWE_COUNT] = {
		{"sfi A", "sfi B", "sfi C", "sfi D", "sva", "modersmål", "okänd"},
		{"sfi A", "sfi B", "sfi C", "sfi D", "SSL", "native", "unknown"}};
	static const char *const edu[2][EDU_COUNT] = {
		{"förgymnasial", "gymnasial", "eftergymnasial", "okänd"},
		{"below upper secondary", "upper secondary", "post-secondary", "unknown"}};
	static const char *const sexname[2][SEX_COUNT] = {{"Kvinnor", "Män"}, {"Women", "Men"}};
	static const unsigned educol[EDU_COUNT] = {0xE69F00, 0x56B4E9, 0x009E73, 0x999999};
	/* stacked parts that differ in black and white: solid, hatched,
	 * crosshatched, outlined */
	static const char *const edufill[EDU_COUNT] = {"fs solid 1.0 noborder", "fs pattern 4 border",
						       "fs pattern 1 border", "fs empty border"};
	/* heights of the drawn (not suppressed) parts */
	double ymax = 0;
	long suppressed = 0, shown_total = 0;
	for (int s = 0; s < SEX_COUNT; s++)
		for (int w = 0; w < SWE_COUNT; w++) {
			long h = 0;
			for (int e = 0; e < EDU_COUNT; e++) {
				long v = c->n[s][w][e];
				if (persons_ok(o, (double)v))
					h += v;
				else
					suppressed++;
			}
			shown_total += h;
			if (h > ymax)
				ymax = (double)h;
		}
	if (shown_total == 0) {
		/* every part is small: a chart of ".." alone says nothing */
		chart_meta_clear(m);
		free(name[0]);
		free(name[1]);
		return 0;
	}
	common_style(out, o);
	fputs("set multiplot layout 1,2 margins 0.07, 0.80, 0.17, 0.88 spacing 0.07 title ", out);
	put_q(out, m->title[o->lang], 0);
	fprintf(out, " font ',14'\nset yrange [0:%.0f]\nset xrange [-0.6:%d.6]\n"
		     "set grid ytics lc rgb '#dddddd'\nset xtics scale 0 rotate by -30 (",
		ymax > 0 ? ceil(ymax * 1.15 + 1) : 1.0, SWE_COUNT - 1);
	for (int w = 0; w < SWE_COUNT; w++) {
		fputs(w ? ", " : "", out);
		put_q(out, swe[o->lang][w], 0);
		fprintf(out, " %d", w);
	}
	fputs(")\nset ylabel ", out);
	put_q(out, L(o, "Antal personer", "Number of persons"), 0);
	fputs("\n", out);
	for (int s = 0; s < SEX_COUNT; s++) {
		fprintf(out, "unset label\n$c%d << EOD\n", s);
		for (int w = 0; w < SWE_COUNT; w++) {
			fprintf(out, "%d", w);
			double base = 0;
			for (int e = 0; e < EDU_COUNT; e++) {
				long v = c->n[s][w][e];
				if (v > 0 && persons_ok(o, (double)v)) {
					fprintf(out, " %.0f %.0f", base, base + (double)v);
					base += (double)v;
				} else {
					fputs(" NaN NaN", out);
				}
			}
			fputs("\n", out);
		}
		fputs("EOD\n", out);
		for (int w = 0; w < SWE_COUNT; w++) {
			double h = 0;
			int supp = 0;
			for (int e = 0; e < EDU_COUNT; e++) {
				long v = c->n[s][w][e];
				if (persons_ok(o, (double)v))
					h += (double)v;
				else
					supp = 1;
			}
			if (supp)
				fprintf(out, "set label %d '..' at first %d, first %.1f center\n", w + 1,
					w, h + ymax * 0.03 + 0.3);
		}
		if (s == 0 && suppressed) {
			char *note = easprintf(L(o, ".. = en del färre än %ld personer, inte ritad",
						 ".. = a part of fewer than %ld persons, not drawn"),
					       o->min_persons);
			footnote_bottom(out, note);
			free(note);
		}
		fputs("set title ", out);
		put_q(out, sexname[o->lang][s], 0);
		fputs(s ? "\nset key at screen 0.99, screen 0.88 right top vertical\n" : "\nunset key\n", out);
		fputs("plot ", out);
		for (int e = 0; e < EDU_COUNT; e++) {
			fprintf(out, "%s$c%d using 1:(($%d+$%d)/2):($1-0.35):($1+0.35):%d:%d with "
				     "boxxyerror lc rgb '#%06X' %s title ", e ? ", \\\n  " : "", s,
				2 + 2 * e, 3 + 2 * e, 2 + 2 * e, 3 + 2 * e, educol[e], edufill[e]);
			put_q(out, edu[o->lang][e], 0);
		}
		fputs("\n", out);
	}
	fputs("unset multiplot\n", out);
	for (int l = 0; l < 2; l++)
		m->alt[l] = easprintf(l ? "Two stacked bar charts, women and men, of the candidate "
					  "group in %s by Swedish level, coloured by education. "
					  "%ld persons are drawn; parts of fewer than %ld persons "
					  "are not drawn (marked ..)."
					: "Två staplade stapeldiagram, kvinnor och män, över "
					  "kandidatgruppen i %s efter svenskanivå, färgade efter "
					  "utbildning. %ld personer visas; delar med färre än %ld "
					  "personer ritas inte (markerade ..).",
				      name[l], shown_total, o->min_persons);
	free(name[0]);
	free(name[1]);
	return ferror(out) ? -1 : 1;
}

/* ---- 9. the shortage index side by side (compare mode) ---- */

struct cmp_occ {
	char ssyk[5];
	long best;                    /* best rank in any municipality (LONG_MAX - 1: brist
					 in a table without ranks) */
	double score;                 /* the highest index where it is brist */
	const struct occ_row *row[6]; /* per municipality, NULL when absent */
};

static int cmp_occ_cmp(const void *a, const void *b)
{
	const struct cmp_occ *x = a, *y = b;
	if (x->best != y->best)
		return x->best < y->best ? -1 : 1;
	if (x->score != y->score && isfinite(x->score) && isfinite(y->score))
		return x->score > y->score ? -1 : 1;
	return strcmp(x->ssyk, y->ssyk);
}

int chart_compare_index(FILE *out, const struct plot_data *d, const struct plot_opts *o,
			const char (*kommun)[5], size_t nk, struct chart_meta *m)
{
	static const int point[6] = {7, 5, 9, 13, 11, 3};
	if (!d->occ || nk < 2 || nk > 6)
		return 0;
	struct cmp_occ *occ = NULL;
	size_t nocc = 0;
	for (size_t k = 0; k < nk; k++) {
		const size_t *ix;
		size_t n = occ_rows_of(d->occ, kommun[k], &ix);
		for (size_t j = 0; j < n; j++) {
			const struct occ_row *r = &d->occ->row[ix[j]];
			size_t i;
			for (i = 0; i < nocc; i++)
				if (strcmp(occ[i].ssyk, r->ssyk) == 0)
					break;
			/* a table without the shortage stage's rank: brist rows by index */
			long rank = r->rank > 0 ? r->rank : LONG_MAX - 1;
			if (i == nocc) {
				occ = erealloc(occ, (nocc + 1) * sizeof *occ);
				memset(&occ[i], 0, sizeof occ[i]);
				snprintf(occ[i].ssyk, sizeof occ[i].ssyk, "%s", r->ssyk);
				occ[i].best = LONG_MAX;
				occ[i].score = NAN;
				nocc++;
			}
			occ[i].row[k] = r;
			if (r->verdict == VK_BRIST) {
				if (rank < occ[i].best)
					occ[i].best = rank;
				if (isnan(occ[i].score) || r->score > occ[i].score)
					occ[i].score = r->score;
			}
		}
	}
	/* the occupations in shortage somewhere, best rank first */
	size_t n = 0;
	for (size_t i = 0; i < nocc; i++)
		if (occ[i].best != LONG_MAX)
			occ[n++] = occ[i];
	qsort(occ, n, sizeof *occ, cmp_occ_cmp);
	if (n > (size_t)o->top_n)
		n = (size_t)o->top_n;
	if (n == 0) {
		free(occ);
		return 0;
	}
	meta_set(m, "compare_index", "", 960, 190 + 34 * (int)n);
	m->title[0] = estrdup("Bristindex i kommunerna för deras bristyrken");
	m->title[1] = estrdup("Shortage index in the municipalities for their shortage occupations");
	common_style(out, o);
	chart_title(out, m->title[o->lang]);
	footnote(out, L(o, "Index mot varje kommuns eget genomsnittliga yrke (0); streck: "
			   "osäkerhetsintervall; saknad punkt: ej bedömt",
			"Index against each municipality's own average occupation (0); whiskers: "
			"uncertainty interval; no point: not assessed"));
	fputs("set xlabel ", out);
	put_q(out, L(o, "Bristindex (standardavvikelser)", "Shortage index (standard deviations)"), 0);
	fprintf(out, "\nset yrange [0.4:%zu.6]\nset grid xtics lc rgb '#dddddd'\n"
		     "set xzeroaxis lt 1 lc rgb '#444444'\nset offsets graph 0.05, graph 0.05, 0, 0\n"
		     "set bmargin 7\nset key at screen 0.5, screen 0.01 center bottom horizontal\n"
		     "set ytics scale 0 (", n);
	for (size_t i = 0; i < n; i++) {
		const struct occ_row *any = NULL;
		for (size_t k = 0; k < nk && !any; k++)
			any = occ[i].row[k];
		char *lab = occ_label(d, any, o->lang);
		fputs(i ? ", " : "", out);
		put_q(out, lab, LABEL_CHARS);
		fprintf(out, " %zu", n - i);
		free(lab);
	}
	fputs(")\n$ci << EOD\n", out);
	double step = 0.6 / (double)nk;
	for (size_t k = 0; k < nk; k++) {
		for (size_t i = 0; i < n; i++) {
			const struct occ_row *r = occ[i].row[k];
			int ok = r && r->verdict != VK_X && isfinite(r->score);
			double y = (double)(n - i) + 0.3 - step * ((double)k + 0.5);
			fprintf(out, "%.4f", y);
			put_num(out, ok ? r->score : NAN);
			put_num(out, ok && isfinite(r->score_lo) ? r->score_lo : ok ? r->score : NAN);
			put_num(out, ok && isfinite(r->score_hi) ? r->score_hi : ok ? r->score : NAN);
			fputc('\n', out);
		}
		fputs(k + 1 < nk ? "\n\n" : "", out);
	}
	fputs("EOD\nplot ", out);
	for (size_t k = 0; k < nk; k++) {
		char *nm = area_name(d->codes, kommun[k], o->lang);
		fprintf(out, "%s$ci index %zu using 2:1:3:4 with xerrorbars pt %d ps 1.4 lw 1.5 "
			     "lc rgb '#%06X' title ", k ? ", \\\n  " : "", k, point[k],
			series_colour[k % NSERIES]);
		put_q(out, nm, 32);
		free(nm);
	}
	fputs("\n", out);
	for (int l = 0; l < 2; l++) {
		FILE *f;
		char *buf;
		size_t len;
		if (!(f = open_memstream(&buf, &len)))
			msg_die(EXIT_DATA, "out of memory");
		fprintf(f, l ? "Dot chart with intervals: the shortage index in %zu municipalities for "
			       "the %zu occupations in shortage in at least one of them:"
			     : "Punktdiagram med intervall: bristindex i %zu kommuner för de %zu yrken "
			       "som är bristyrken i minst en av dem:", nk, n);
		for (size_t i = 0; i < n; i++) {
			const struct occ_row *any = NULL;
			for (size_t k = 0; k < nk && !any; k++)
				any = occ[i].row[k];
			char *lab = occ_label(d, any, l);
			fprintf(f, "%s %s:", i ? ";" : "", lab);
			free(lab);
			for (size_t k = 0; k < nk; k++) {
				const struct occ_row *r = occ[i].row[k];
				char *nm = area_name(d->codes, kommun[k], l);
				char *v = r && r->verdict != VK_X ? plot_fmt_num(r->score, 2, l, 0)
						 : estrdup(verdict_word(VK_X, l));
				fprintf(f, "%s %s %s", k ? "," : "", nm, v);
				free(v);
				free(nm);
			}
		}
		fputc('.', f);
		fclose(f);
		m->alt[l] = buf;
	}
	free(occ);
	return ferror(out) ? -1 : 1;
}
