/* Building the published tables, with disclosure control. Each table keeps
 * the rule of docs/METHOD.md: person counts below min_persons and
 * survey estimates resting on fewer than min_respondents respondents are
 * hidden (primary), then published totals are protected (secondary).
 * Every table a reader sees has headers in the report's language, its
 * units, a one-line explanation (rtable.about) and words for codes
 * (labels.c). */
#include "report.h"
#include "labels.h"
#include "msg.h"
#include "verdicts.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum col_rule {
	RULE_NONE,       /* published as it is */
	RULE_COUNT,      /* the cell counts persons */
	RULE_RESP,       /* a survey estimate: rests on the row's n_respondents */
	RULE_BASE,       /* derived from a group of persons (the row's base column) */
	RULE_DERIVED,    /* a number of persons derived from the base group (retirements,
			    openings): hidden when the group is small or the number itself
			    is 1 to min_persons - 1 */
};

/* One column of a table built from an input table. */
struct colspec {
	const char *src;   /* input column; NULL: filled by the caller */
	const char *head;
	int decimals;
	int is_text;
	double scale;      /* multiply numbers (100 for shares as percent); 0 = 1 */
	enum col_rule rule;
	int summed;        /* summed into the total row */
	double min_sum;    /* secondary suppression: hidden members' least sum */
	int html_hidden;   /* in the workbook and CSV only */
};

static const char *tr(const struct report *R, const char *sv, const char *en)
{
	return R->en ? en : sv;
}

void report_add_table(struct report *R, struct rtable *t)
{
	R->table = erealloc(R->table, (R->ntable + 1) * sizeof *R->table);
	R->table[R->ntable++] = t;
}

const char *report_area_name(const struct report *R, const char *code)
{
	if (strcmp(code, "SE") == 0)
		return R->S->riket_name;
	if (code[0] == 'L' && strlen(code) == 3) {
		for (size_t i = 0; i < R->codes->nkommun; i++)
			if (strcmp(R->codes->kommun[i].lan, code + 1) == 0)
				return R->codes->kommun[i].lan_name;
		return code;
	}
	const struct kommun_entry *k = codes_kommun_find(R->codes, code);
	return k ? k->name : code;
}

const char *report_ssyk_label(const struct report *R, const char *ssyk, const char *data_label)
{
	const struct ssyk_entry *e = codes_ssyk_find(R->codes, ssyk);
	if (R->en && e && e->label_en && *e->label_en)
		return e->label_en;
	if (data_label && *data_label)
		return data_label;
	return e ? e->label_sv : "";
}

int report_verdict_order(const char *v)
{
	return verdict_order(v);
}

const char *report_track_name(const struct mtab *in, size_t i)
{
	const char *name = mtab_str(in, i, mtab_col(in, "name"));
	if (!*name)
		name = mtab_str(in, i, mtab_col(in, "track_name"));
	return *name ? name : mtab_str(in, i, mtab_col(in, "track"));
}

/* The name of a track: trackfit.tsv's, else the configuration's, else its id. */
static const char *track_name(const struct report *R, const struct mtab *in, size_t row)
{
	const char *name = report_track_name(in, row);
	const char *id = mtab_str(in, row, mtab_col(in, "track"));
	if (strcmp(name, id) != 0)
		return name;
	char *section = easprintf("track.%s", id);
	const char *cfg_name = config_get(R->cfg, section, "name");
	free(section);
	return cfg_name && *cfg_name ? cfg_name : id;
}

/* Sorting rows of the shortage input: verdict, then the shortage stage's
 * rank (the one ranking of docs/METHOD.md: top lists, charts and the
 * summary all follow it), then score (high first), then code. */
static const struct mtab *sort_tab;
static int sort_c_verdict, sort_c_score, sort_c_ssyk, sort_c_rank, sort_c_track, sort_c_srank;

static int shortage_row_cmp(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int d = report_verdict_order(mtab_str(sort_tab, x, sort_c_verdict)) -
		report_verdict_order(mtab_str(sort_tab, y, sort_c_verdict));
	if (d)
		return d;
	if (sort_c_srank >= 0) {
		double rx = mtab_num(sort_tab, x, sort_c_srank), ry = mtab_num(sort_tab, y, sort_c_srank);
		if (isnan(rx) != isnan(ry))
			return isnan(rx) ? 1 : -1;
		if (!isnan(rx) && rx != ry)
			return rx < ry ? -1 : 1;
	}
	double sx = mtab_num(sort_tab, x, sort_c_score), sy = mtab_num(sort_tab, y, sort_c_score);
	if (isnan(sx) != isnan(sy))
		return isnan(sx) ? 1 : -1;
	if (!isnan(sx) && sx != sy)
		return sx > sy ? -1 : 1;
	return strcmp(mtab_str(sort_tab, x, sort_c_ssyk), mtab_str(sort_tab, y, sort_c_ssyk));
}

size_t *report_shortage_rows(const struct report *R, const char *kommun, size_t *n)
{
	const struct mtab *in = R->shortage;
	size_t *rows = mtab_rows_of(in, kommun, n);
	sort_tab = in;
	sort_c_verdict = mtab_col(in, "verdict");
	sort_c_score = mtab_col(in, "shortage_index") >= 0 ? mtab_col(in, "shortage_index")
							    : mtab_col(in, "score");
	sort_c_ssyk = mtab_col(in, "ssyk");
	sort_c_srank = mtab_col(in, "rank");
	qsort(rows, *n, sizeof *rows, shortage_row_cmp);
	return rows;
}

static int track_row_cmp(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	double rx = mtab_num(sort_tab, x, sort_c_rank), ry = mtab_num(sort_tab, y, sort_c_rank);
	if (isnan(rx) != isnan(ry))
		return isnan(rx) ? 1 : -1;
	if (!isnan(rx) && rx != ry)
		return rx < ry ? -1 : 1;
	return strcmp(mtab_str(sort_tab, x, sort_c_track), mtab_str(sort_tab, y, sort_c_track));
}

/* Fills a numeric cell from the input and applies its primary rule. A
 * ".." of the input (a cell the stage that wrote it hid, docs/TABLES.md)
 * stays hidden: suppressed, its value unknown (NaN). */
static void put_num(const struct report *R, struct rtable *t, size_t r, size_t j,
		    const struct mtab *in, size_t row, const struct colspec *cs, double base)
{
	if (mtab_hidden(in, row, mtab_col(in, cs->src))) {
		rtable_suppress(t, r, j, DISC_PRIMARY);
		return;
	}
	double v = mtab_num(in, row, mtab_col(in, cs->src));
	if (!isnan(v) && cs->scale)
		v *= cs->scale;
	rtable_num(t, r, j, v);
	if (isnan(v))
		return;
	int hide = 0;
	switch (cs->rule) {
	case RULE_COUNT: hide = disc_count_hidden(&R->rule, v); break;
	case RULE_RESP: hide = disc_respondents_hidden(&R->rule, base); break;
	case RULE_BASE: hide = disc_base_hidden(&R->rule, base); break;
	case RULE_DERIVED:
		hide = disc_base_hidden(&R->rule, base) || disc_count_hidden(&R->rule, v);
		break;
	case RULE_NONE: break;
	}
	if (hide)
		rtable_suppress(t, r, j, DISC_PRIMARY);
}

/* The columns of SPEC present in IN (columns the caller fills are kept
 * when src is NULL). Writes the kept specs to OUT and returns their count. */
static size_t present_columns(const struct mtab *in, const struct colspec *spec, size_t n,
			      struct colspec *out)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (!spec[i].src || mtab_col(in, spec[i].src) >= 0)
			out[k++] = spec[i];
	return k;
}

/* Interval bounds (columns *_lo, *_hi) and the columns marked so are left
 * out of the HTML. */
static void hide_html_columns(struct rtable *t, const struct colspec *cs, size_t ncs)
{
	for (size_t j = 0; j < ncs; j++) {
		size_t n = cs[j].src ? strlen(cs[j].src) : 0;
		if (cs[j].html_hidden || (n > 3 && (strcmp(cs[j].src + n - 3, "_lo") == 0 ||
						    strcmp(cs[j].src + n - 3, "_hi") == 0)))
			t->col[j].html_hidden = 1;
	}
}

static struct rtable *table_from_specs(const char *id, const char *title,
				       const struct colspec *cs, size_t ncs)
{
	struct rtable *t = rtable_new(id, title, ncs);
	for (size_t j = 0; j < ncs; j++)
		rtable_col(t, j, cs[j].head, cs[j].decimals, cs[j].is_text);
	return t;
}

/* Appends a total row summing the summed columns over rows FIRST..; then
 * protects the totals of the columns with a rule. A column with a member
 * hidden by the input's own stage ("..", value unknown) has no total the
 * report could add up: its total is hidden too. */
static void add_total_row(struct rtable *t, const struct colspec *cs, size_t ncs, size_t first,
			  const double *sums, const char *label, size_t label_col)
{
	size_t last = t->nrow;
	size_t tr = rtable_add_row(t);
	t->is_total[tr] = 1;
	rtable_text(t, tr, label_col, label);
	size_t cols[32];
	double min_sum[32];
	size_t nprot = 0;
	for (size_t j = 0; j < ncs && j < 32; j++) {
		if (!cs[j].summed)
			continue;
		rtable_num(t, tr, j, sums[j]);
		for (size_t r = first; r < last; r++) {
			const struct rcell *c = rtable_get(t, r, j);
			if (c->kind == RCELL_SUPPRESSED && isnan(c->num)) {
				rtable_suppress(t, tr, j, DISC_SECONDARY);
				break;
			}
		}
		if (cs[j].rule != RULE_NONE) {
			cols[nprot] = j;
			min_sum[nprot++] = cs[j].min_sum;
		}
	}
	if (nprot)
		rtable_protect_column_totals(t, first, last, tr, cols, min_sum, nprot);
	/* an interval's bounds go with their estimate: a bound left beside a
	 * hidden estimate would narrow it down */
	for (size_t j = 0; j < ncs; j++) {
		size_t n = cs[j].src ? strlen(cs[j].src) : 0;
		if (n < 4 || (strcmp(cs[j].src + n - 3, "_lo") != 0 && strcmp(cs[j].src + n - 3, "_hi") != 0))
			continue;
		for (size_t e = 0; e < ncs; e++) {
			size_t m = cs[e].src ? strlen(cs[e].src) : 0;
			if (e == j || m < n - 3 || strncmp(cs[e].src, cs[j].src, n - 3) != 0 ||
			    (m > 3 && (strcmp(cs[e].src + m - 3, "_lo") == 0 ||
				       strcmp(cs[e].src + m - 3, "_hi") == 0)))
				continue;
			for (size_t r = first; r <= tr; r++)
				if (rtable_get(t, r, e)->kind == RCELL_SUPPRESSED &&
				    rtable_get(t, r, j)->kind == RCELL_NUM)
					rtable_suppress(t, r, j, DISC_SECONDARY);
			break;
		}
	}
}

/* ---------------------------------------------------------------- occupations */

static void build_shortage(struct report *R, size_t k)
{
	const struct strings *S = R->S;
	const struct mtab *in = R->shortage;
	double minp = (double)R->rule.min_persons;
	int model = mtab_col(in, "planned_hires_model") >= 0 && mtab_col(in, "share_brist_model") >= 0;
	int index = mtab_col(in, "shortage_index") >= 0;
	const struct colspec spec[] = {
		{NULL, S->c_ssyk, 0, 1, 0, RULE_NONE, 0, 0, 0},
		{NULL, S->c_occupation, 0, 1, 0, RULE_NONE, 0, 0, 0},
		{NULL, S->c_verdict, 0, 1, 0, RULE_NONE, 0, 0, 0},
		/* the shortage index; a table from before it has only the score */
		{index ? "shortage_index" : "score", S->c_score, 2, 0, 0, RULE_NONE, 0, 0, 0},
		{"shortage_index_lo", tr(R, "Bristindex, nedre gräns", "Shortage index, lower bound"),
		 2, 0, 0, RULE_NONE, 0, 0, 1},
		{"shortage_index_hi", tr(R, "Bristindex, övre gräns", "Shortage index, upper bound"),
		 2, 0, 0, RULE_NONE, 0, 0, 1},
		{"p_brist", tr(R, "Sannolikhet för brist, %", "Probability of shortage, %"), 0, 0, 100,
		 RULE_NONE, 0, 0, 0},
		{"rank", S->c_rank, 0, 0, 0, RULE_NONE, 0, 0, 1},
		{"employed", S->c_employed, 0, 0, 0, RULE_COUNT, 1, minp, 0},
		{"jobseekers", S->c_jobseekers, 0, 0, 0, RULE_COUNT, 1, minp, 0},
		{"vacancies", S->c_vacancies, 0, 0, 0, RULE_NONE, 1, 0, 0},
		/* the published survey figures: the small-area model's estimates
		 * when the table has them (docs/METHOD.md), else the direct ones */
		{model ? "planned_hires_model" : "planned_hires", S->c_planned, 0, 0, 0, RULE_RESP, 1, 0, 0},
		{model ? "planned_hires_model_lo" : "planned_hires_lo", S->c_planned_lo, 0, 0, 0, RULE_RESP, 0, 0, 1},
		{model ? "planned_hires_model_hi" : "planned_hires_hi", S->c_planned_hi, 0, 0, 0, RULE_RESP, 0, 0, 1},
		{model ? "share_brist_model" : "share_brist", S->c_share, 0, 0, 100, RULE_RESP, 0, 0, 0},
		{model ? "share_brist_model_lo" : "share_brist_lo", S->c_share_lo, 0, 0, 100, RULE_RESP, 0, 0, 1},
		{model ? "share_brist_model_hi" : "share_brist_hi", S->c_share_hi, 0, 0, 100, RULE_RESP, 0, 0, 1},
		/* counts of persons derived from the age structure of a small group:
		 * 2 retirements among 5 employed say too much about them */
		{"openings_5y", S->c_openings5, 0, 0, 0, RULE_DERIVED, 1, minp, 1},
		{"replacement_5y", S->c_replacement5, 0, 0, 0, RULE_DERIVED, 1, minp, 1},
		{"n_respondents", S->c_respondents, 0, 0, 0, RULE_NONE, 0, 0, 1},
		{"yb_verdict", tr(R, "Yrkesbarometern (riket)", "Yrkesbarometer (Sweden)"), 0, 1, 0,
		 RULE_NONE, 0, 0, 0},
		{"survey_source", tr(R, "Enkätsiffrornas grund", "Basis of the survey figures"), 0, 1, 0,
		 RULE_NONE, 0, 0, 1},
		{NULL, S->c_flags, 0, 1, 0, RULE_NONE, 0, 0, 0},
	};
	struct colspec cs[sizeof spec / sizeof spec[0]];
	size_t ncs = present_columns(in, spec, sizeof spec / sizeof spec[0], cs);
	size_t n;
	size_t *rows = report_shortage_rows(R, R->kommun[k], &n);
	if (n == 0) {
		free(rows);
		return;
	}
	char *id = easprintf("brist_%s", R->kommun[k]);
	const char *name = report_area_name(R, R->kommun[k]);
	char *title = easprintf(S->t_shortage_fmt, name);
	struct rtable *t = table_from_specs(id, title, cs, ncs);
	char *sheet = easprintf(tr(R, "Yrken %s", "Occupations %s"), name);
	rtable_sheet(t, sheet);
	free(sheet);
	free(id);
	free(title);
	rtable_code(t, 0);
	char *about = easprintf(
		tr(R, "Yrkena i rangordning efter bristindex (standardavvikelser från kommunens "
		      "genomsnittliga yrke). Sysselsatta (SCB, %d) och arbetssökande "
		      "(Arbetsförmedlingen) i antal personer, annonserade platser %d; planerade "
		      "rekryteringar de närmaste 12 månaderna och andelen arbetsgivare som upplever "
		      "brist är skattningar från enkäten; Yrkesbarometern är Arbetsförmedlingens "
		      "bedömning för hela landet.",
		   "Occupations ranked by the shortage index (standard deviations from the "
		   "municipality's average occupation). Employed (Statistics Sweden, %d) and "
		   "jobseekers (Arbetsförmedlingen) in persons, advertised positions %d; planned hires "
		   "over the next 12 months and the share of employers reporting shortage are "
		   "estimates from the survey; Yrkesbarometer is Arbetsförmedlingen's verdict for "
		   "Sweden as a whole."),
		R->reference_year, R->reference_year);
	rtable_about(t, about);
	free(about);
	t->more_word = tr(R, "yrken", "occupations");
	int c_ssyk = mtab_col(in, "ssyk"), c_label = mtab_col(in, "label"),
	    c_verdict = mtab_col(in, "verdict"), c_resp = mtab_col(in, "n_respondents"),
	    c_emp = mtab_col(in, "employed"), c_flag = mtab_col(in, "flag"),
	    c_evidence = mtab_col(in, "evidence");
	double sums[32] = {0};
	for (size_t i = 0; i < n; i++) {
		size_t row = rows[i], r = rtable_add_row(t);
		const char *ssyk = mtab_str(in, row, c_ssyk);
		rtable_text(t, r, 0, ssyk);
		rtable_text(t, r, 1, report_ssyk_label(R, ssyk, mtab_str(in, row, c_label)));
		rtable_text(t, r, 2, i18n_verdict(S, mtab_str(in, row, c_verdict)));
		for (size_t j = 3; j < ncs; j++) {
			if (!cs[j].src) { /* the note: flags and evidence in words */
				char *w = label_flags(R->en, mtab_str(in, row, c_flag),
						      mtab_str(in, row, c_evidence));
				rtable_text(t, r, j, w);
				free(w);
				continue;
			}
			if (cs[j].is_text) {
				const char *v = mtab_str(in, row, mtab_col(in, cs[j].src));
				rtable_text(t, r, j, strcmp(cs[j].src, "yb_verdict") == 0
							     ? label_yb(R->en, v)
							     : label_survey_source(R->en, v));
				continue;
			}
			double base = cs[j].rule == RULE_RESP ? mtab_num(in, row, c_resp)
							      : mtab_num(in, row, c_emp);
			put_num(R, t, r, j, in, row, &cs[j], base);
			double v = mtab_num(in, row, mtab_col(in, cs[j].src));
			if (cs[j].summed && !isnan(v))
				sums[j] += v;
		}
	}
	free(rows);
	for (size_t j = 0; j < ncs; j++)
		if (cs[j].summed && cs[j].scale)
			sums[j] *= cs[j].scale;
	add_total_row(t, cs, ncs, 0, sums, S->total_all_occ, 1);
	t->html_max_rows = R->max_rows;
	hide_html_columns(t, cs, ncs);
	R->shortage_t[k] = t;
	report_add_table(R, t);
}

/* The assessed occupations of municipality K whose verdict lies two or
 * more steps from Yrkesbarometer's national one (brist, bevaka, balans,
 * överskott; Yrkesbarometer's paradox counts as brist). */
static void build_yrkesbarometer(struct report *R, size_t k)
{
	const struct mtab *in = R->shortage;
	int c_yb = mtab_col(in, "yb_verdict"), c_v = mtab_col(in, "verdict");
	if (c_yb < 0 || c_v < 0)
		return;
	size_t n;
	size_t *rows = report_shortage_rows(R, R->kommun[k], &n);
	const char *name = report_area_name(R, R->kommun[k]);
	char *id = easprintf("yrkesbarometern_%s", R->kommun[k]);
	char *title = easprintf(tr(R, "%s och Yrkesbarometern: yrken som bedöms olika",
				   "%s and Yrkesbarometer: occupations assessed differently"),
				name);
	struct rtable *t = rtable_new(id, title, 6);
	free(id);
	free(title);
	char *sheet = easprintf(tr(R, "Yrkesbarometern %s", "Yrkesbarometer %s"), name);
	rtable_sheet(t, sheet);
	free(sheet);
	rtable_col(t, 0, R->S->c_ssyk, 0, 1);
	rtable_code(t, 0);
	rtable_col(t, 1, R->S->c_occupation, 0, 1);
	rtable_col(t, 2, tr(R, "Bedömning här", "Verdict here"), 0, 1);
	rtable_col(t, 3, tr(R, "Yrkesbarometern (riket)", "Yrkesbarometer (Sweden)"), 0, 1);
	rtable_col(t, 4, tr(R, "Skillnad", "Difference"), 0, 1);
	rtable_col(t, 5, R->S->c_score, 2, 0);
	rtable_about(t, tr(R, "Bedömda yrken där den lokala bedömningen ligger minst två steg från "
			      "Arbetsförmedlingens bedömning för hela landet (brist, bevaka, balans, "
			      "överskott), i rangordning efter bristindex.",
			   "Assessed occupations whose local verdict lies at least two steps from "
			   "Arbetsförmedlingen's verdict for Sweden as a whole (shortage, watch, "
			   "balance, surplus), ranked by the shortage index."));
	t->more_word = tr(R, "yrken", "occupations");
	int c_ssyk = mtab_col(in, "ssyk"), c_label = mtab_col(in, "label");
	int c_s = mtab_col(in, "shortage_index") >= 0 ? mtab_col(in, "shortage_index")
						      : mtab_col(in, "score");
	for (size_t i = 0; i < n; i++) {
		const char *v = mtab_str(in, rows[i], c_v), *yb = mtab_str(in, rows[i], c_yb);
		int lv = label_verdict_level(v), ly = label_verdict_level(yb);
		if (strcmp(v, "X") == 0 || lv < -1 || ly < -1)
			continue;
		R->yb_both[k]++;
		if (abs(lv - ly) < 2)
			continue;
		R->yb_differ[k]++;
		const char *ssyk = mtab_str(in, rows[i], c_ssyk);
		size_t r = rtable_add_row(t);
		rtable_text(t, r, 0, ssyk);
		rtable_text(t, r, 1, report_ssyk_label(R, ssyk, mtab_str(in, rows[i], c_label)));
		rtable_text(t, r, 2, i18n_verdict(R->S, v));
		rtable_text(t, r, 3, label_yb(R->en, yb));
		rtable_text(t, r, 4, lv > ly ? tr(R, "större brist här än i riket",
						  "more shortage here than nationally")
					     : tr(R, "mindre brist här än i riket",
						  "less shortage here than nationally"));
		rtable_num(t, r, 5, mtab_num(in, rows[i], c_s));
	}
	free(rows);
	/* a call-out: the strongest differences, the rest in the workbook */
	t->html_max_rows = R->max_rows < 8 && R->max_rows ? R->max_rows : 8;
	if (R->yb_both[k] == 0) {
		rtable_free(t);
		return;
	}
	R->yb_t[k] = t;
	report_add_table(R, t);
}

/* ---------------------------------------------------------------- tracks */

/* Field COL of row ROW in the report's language, else in the other one
 * (borrowed; "" when neither). */
static const char *field_lang(const struct report *R, const struct mtab *in, size_t row,
			      const char *col_sv, const char *col_en)
{
	const char *v = mtab_str(in, row, mtab_col(in, R->en ? col_en : col_sv));
	return *v ? v : mtab_str(in, row, mtab_col(in, R->en ? col_sv : col_en));
}

/* 1 if ITEM is one of the ';'-joined items of LIST. */
static int list_has(const char *list, const char *item)
{
	size_t n = strlen(item);
	for (const char *p = list; *p;) {
		const char *end = strchr(p, ';');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len == n && strncmp(p, item, n) == 0)
			return 1;
		p = end ? end + 1 : p + len;
	}
	return 0;
}

/* trackfit_areas.tsv on municipality K: its sentence (R->track_note) and
 * whether it offers no track (R->no_tracks). Without the table (an older
 * run) neither is known and the tracks show as before. */
static void read_track_area(struct report *R, size_t k)
{
	const struct mtab *a = R->track_areas;
	if (!a)
		return;
	size_t n;
	size_t *rows = mtab_rows_of(a, R->kommun[k], &n);
	if (n) {
		const char *note = field_lang(R, a, rows[0], "note_sv", "note_en");
		R->track_note[k] = *note ? note : NULL;
		R->no_tracks[k] = mtab_num(a, rows[0], mtab_col(a, "tracks")) == 0 ||
				  list_has(mtab_str(a, rows[0], mtab_col(a, "flag")), "no_tracks");
	}
	free(rows);
}

/* The sentences that explain a row (column SUB) were written by
 * jobbspar-trackfit from the row's published cells. A cell the report hides
 * itself (its own threshold, or to protect a total) would be given away by
 * the sentence: there the sentence gives way to a note. A cell the trackfit
 * stage hid ("..") is no reason: its sentence already says "fewer than 5". */
static void withhold_revealing_sentences(const struct report *R, struct rtable *t, size_t sub)
{
	for (size_t r = 0; r < t->nrow; r++) {
		if (rtable_get(t, r, sub)->kind != RCELL_TEXT)
			continue;
		for (size_t j = 0; j < t->ncol; j++) {
			const struct rcell *c = rtable_get(t, r, j);
			if (c->kind == RCELL_SUPPRESSED && !isnan(c->num)) {
				rtable_text(t, r, sub, tr(R, "Förklaringen visas inte: den skulle röja en "
							     "undertryckt uppgift.",
							  "The explanation is not shown: it would reveal a "
							  "suppressed figure."));
				break;
			}
		}
	}
}

static void build_tracks(struct report *R, size_t k)
{
	const struct strings *S = R->S;
	const struct mtab *in = R->trackfit;
	read_track_area(R, k);
	if (!in || mtab_col(in, "track") < 0 || R->no_tracks[k])
		return;
	const struct colspec spec[] = {
		{NULL, S->c_track, 0, 1, 0, RULE_NONE, 0, 0, 0},
		{"provider", tr(R, "Anordnare", "Provider"), 0, 1, 0, RULE_NONE, 0, 0, 0},
		{"start", tr(R, "Startår", "Start year"), 0, 1, 0, RULE_NONE, 0, 0, 0},
		{"end", tr(R, "Sista intagsår", "Last intake year"), 0, 1, 0, RULE_NONE, 0, 0, 1},
		{"capacity", S->c_capacity, 0, 0, 0, RULE_NONE, 1, 0, 0},
		{"eligible", S->c_eligible, 0, 0, 0, RULE_COUNT, 0, 0, 0},
		{"interested", S->c_interested, 0, 0, 0, RULE_COUNT, 0, 0, 0},
		{"openings", S->c_openings, 0, 0, 0, RULE_NONE, 0, 0, 0},
		{"expected_placements", S->c_expected, 1, 0, 0, RULE_BASE, 1, 0, 0},
		{"expected_lo", S->c_expected_lo, 1, 0, 0, RULE_BASE, 0, 0, 1},
		{"expected_hi", S->c_expected_hi, 1, 0, 0, RULE_BASE, 0, 0, 1},
		{"fit", S->c_fit, 1, 0, 0, RULE_NONE, 0, 0, 0},
		{"rank", S->c_rank, 0, 0, 0, RULE_NONE, 0, 0, 0},
		{R->en ? "explain_en" : "explain_sv", tr(R, "Förklaring", "Explanation"), 0, 1, 0,
		 RULE_NONE, 0, 0, 0},
	};
	struct colspec cs[sizeof spec / sizeof spec[0]];
	size_t ncs = present_columns(in, spec, sizeof spec / sizeof spec[0], cs);
	size_t n;
	size_t *rows = mtab_rows_of(in, R->kommun[k], &n);
	if (n == 0) {
		free(rows);
		return;
	}
	sort_tab = in;
	sort_c_rank = mtab_col(in, "rank");
	sort_c_track = mtab_col(in, "track");
	qsort(rows, n, sizeof *rows, track_row_cmp);
	char *id = easprintf("jobbspar_%s", R->kommun[k]);
	const char *name = report_area_name(R, R->kommun[k]);
	char *title = easprintf(S->t_tracks_fmt, name);
	struct rtable *t = table_from_specs(id, title, cs, ncs);
	char *sheet = easprintf(tr(R, "Jobbspår %s", "Job tracks %s"), name);
	rtable_sheet(t, sheet);
	free(sheet);
	free(id);
	free(title);
	double horizon = 5;
	config_double(R->cfg, "trackfit", "horizon_years", 5, &horizon);
	char *about = easprintf(
		tr(R, "Spåren som tar in deltagare %d, med anordnare och startår; platser per år i "
		      "spåret; behöriga och intresserade är nyanlända arbetssökande (antal personer); "
		      "efterfrågan är väntade jobbtillfällen i spårets yrken inom %g år; förväntade "
		      "placeringar i arbete inom ett år; passning 0–100 (högst = bäst) väger samman "
		      "efterfrågan, behöriga och förväntade placeringar per plats. Under varje spår "
		      "står hur siffrorna hänger ihop.",
		   "The tracks taking in participants in %d, with provider and start year; places "
		   "per year in the track; eligible and interested are newly arrived jobseekers "
		   "(persons); demand is the expected openings in the track's occupations within %g "
		   "years; expected placements in work within a year; fit 0-100 (highest = best) "
		   "combines demand, eligible and expected placements per place. Below each track "
		   "is how its figures relate."),
		R->plan_year, horizon);
	rtable_about(t, about);
	free(about);
	int c_elig = mtab_col(in, "eligible");
	size_t sub = ncs;
	double sums[32] = {0};
	for (size_t i = 0; i < n; i++) {
		size_t row = rows[i], r = rtable_add_row(t);
		rtable_text(t, r, 0, track_name(R, in, row));
		for (size_t j = 1; j < ncs; j++) {
			const char *v = mtab_str(in, row, mtab_col(in, cs[j].src));
			if (strcmp(cs[j].src, "start") == 0) {
				/* a track that starts in the plan year is new */
				char *year = *v && atoi(v) == R->plan_year
						     ? easprintf(tr(R, "%s (nytt)", "%s (new)"), v)
						     : estrdup(v);
				rtable_text(t, r, j, year);
				free(year);
				continue;
			}
			if (cs[j].is_text) {
				if (strncmp(cs[j].src, "explain_", 8) == 0) {
					v = field_lang(R, in, row, "explain_sv", "explain_en");
					sub = j;
				}
				rtable_text(t, r, j, v);
				continue;
			}
			/* without an eligible column the base is unknown: hide derived cells */
			double base = c_elig >= 0 ? mtab_num(in, row, c_elig) : 1;
			put_num(R, t, r, j, in, row, &cs[j], base);
			double x = mtab_num(in, row, mtab_col(in, cs[j].src));
			if (cs[j].summed && !isnan(x))
				sums[j] += x;
		}
	}
	free(rows);
	add_total_row(t, cs, ncs, 0, sums, S->total_all_tracks, 0);
	hide_html_columns(t, cs, ncs);
	for (size_t j = 0; j < ncs; j++)
		t->col[j].html_words = cs[j].src && strcmp(cs[j].src, "provider") == 0;
	if (sub < ncs) {
		t->col[sub].html_subrow = 1;
		withhold_revealing_sentences(R, t, sub);
	}
	R->track_t[k] = t;
	report_add_table(R, t);
}

/* ---------------------------------------------------------------- proposals */

static int proposal_row_cmp(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	double rx = mtab_num(sort_tab, x, sort_c_rank), ry = mtab_num(sort_tab, y, sort_c_rank);
	if (isnan(rx) != isnan(ry))
		return isnan(rx) ? 1 : -1;
	if (!isnan(rx) && rx != ry)
		return rx < ry ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* Next year's proposed tracks of municipality K (proposals.tsv), by rank:
 * what they are, their entry requirements, expected placements with the
 * interval, fit, the probability of being the best, the main obstacle and
 * the sentence that explains them. No total row: they are alternatives. */
static void build_proposals(struct report *R, size_t k)
{
	const struct strings *S = R->S;
	const struct mtab *in = R->proposals;
	if (!in || mtab_col(in, "kommun") < 0)
		return;
	const struct colspec spec[] = {
		{"rank", S->c_rank, 0, 0, 0, RULE_NONE, 0, 0, 0},
		{NULL, tr(R, "Förslag", "Proposal"), 0, 1, 0, RULE_NONE, 0, 0, 0},
		{"kind", tr(R, "Slag", "Kind"), 0, 1, 0, RULE_NONE, 0, 0, 1},
		{"occupations", tr(R, "Yrken (SSYK)", "Occupations (SSYK)"), 0, 1, 0, RULE_NONE, 0, 0, 0},
		{"min_swedish", tr(R, "Lägst svenska", "Minimum Swedish"), 0, 1, 0, RULE_NONE, 0, 0, 0},
		{"min_sun", tr(R, "Lägst utbildning", "Minimum education"), 0, 1, 0, RULE_NONE, 0, 0, 0},
		{"requirements", tr(R, "Kraven enligt", "Requirements from"), 0, 1, 0, RULE_NONE, 0, 0, 1},
		{"capacity", S->c_capacity, 0, 0, 0, RULE_NONE, 0, 0, 1},
		{"openings", S->c_openings, 0, 0, 0, RULE_NONE, 0, 0, 1},
		{"p_brist", tr(R, "Sannolikhet för brist, %", "Probability of shortage, %"), 0, 0, 100,
		 RULE_NONE, 0, 0, 1},
		{"eligible", S->c_eligible, 0, 0, 0, RULE_COUNT, 0, 0, 1},
		{"interested", S->c_interested, 0, 0, 0, RULE_COUNT, 0, 0, 1},
		{"employers_open", tr(R, "Arbetsgivare öppna för deltagare",
				      "Employers open to participants"), 0, 0, 0, RULE_NONE, 0, 0, 1},
		{"expected_placements", S->c_expected, 1, 0, 0, RULE_BASE, 0, 0, 0},
		{"expected_lo", S->c_expected_lo, 1, 0, 0, RULE_BASE, 0, 0, 0},
		{"expected_hi", S->c_expected_hi, 1, 0, 0, RULE_BASE, 0, 0, 0},
		{"fit", S->c_fit, 1, 0, 0, RULE_NONE, 0, 0, 0},
		{"p_first", tr(R, "Sannolikhet att vara bäst, %", "Probability of being the best, %"), 0, 0,
		 100, RULE_NONE, 0, 0, 0},
		{"obstacle", tr(R, "Största hinder", "Main obstacle"), 0, 1, 0, RULE_NONE, 0, 0, 0},
		{R->en ? "explain_en" : "explain_sv", tr(R, "Förklaring", "Explanation"), 0, 1, 0,
		 RULE_NONE, 0, 0, 0},
	};
	struct colspec cs[sizeof spec / sizeof spec[0]];
	size_t ncs = present_columns(in, spec, sizeof spec / sizeof spec[0], cs);
	size_t n;
	size_t *rows = mtab_rows_of(in, R->kommun[k], &n);
	if (n == 0) {
		free(rows);
		return;
	}
	sort_tab = in;
	sort_c_rank = mtab_col(in, "rank");
	qsort(rows, n, sizeof *rows, proposal_row_cmp);
	const char *name = report_area_name(R, R->kommun[k]);
	char *id = easprintf("forslag_%s", R->kommun[k]);
	char *title = easprintf(tr(R, "Förslag till nästa års jobbspår i %s",
				   "Proposed tracks for next year in %s"), name);
	struct rtable *t = table_from_specs(id, title, cs, ncs);
	free(id);
	free(title);
	char *sheet = easprintf(tr(R, "Förslag %s", "Proposals %s"), name);
	rtable_sheet(t, sheet);
	free(sheet);
	double capacity = mtab_num(in, rows[0], mtab_col(in, "capacity"));
	if (isnan(capacity))
		config_double(R->cfg, "trackfit", "proposal_capacity", 20, &capacity);
	char *about = easprintf(
		tr(R, "Spår som inte erbjuds här %d, som om de startade med %g platser: lägsta krav, "
		      "förväntade placeringar inom ett år med 95 %%-intervall, passning 0–100 och hur "
		      "ofta förslaget blev kommunens bästa i simuleringarna.",
		   "Tracks not offered here in %d, as if they started with %g places: minimum "
		   "requirements, expected placements within a year with a 95 %% interval, fit 0-100 "
		   "and how often the proposal came out the municipality's best in the simulations."),
		R->plan_year, capacity);
	rtable_about(t, about);
	free(about);
	int c_elig = mtab_col(in, "eligible");
	size_t sub = ncs;
	for (size_t i = 0; i < n; i++) {
		size_t row = rows[i], r = rtable_add_row(t);
		for (size_t j = 0; j < ncs; j++) {
			if (!cs[j].src) {
				const char *pname = field_lang(R, in, row, "name_sv", "name_en");
				rtable_text(t, r, j, *pname ? pname : mtab_str(in, row, mtab_col(in, "id")));
				continue;
			}
			if (!cs[j].is_text) {
				double base = c_elig >= 0 ? mtab_num(in, row, c_elig) : 1;
				put_num(R, t, r, j, in, row, &cs[j], base);
				continue;
			}
			const char *v = mtab_str(in, row, mtab_col(in, cs[j].src));
			if (strcmp(cs[j].src, "kind") == 0)
				v = label_proposal_kind(R->en, v);
			else if (strcmp(cs[j].src, "requirements") == 0)
				v = label_requirements_source(R->en, v);
			else if (strcmp(cs[j].src, "obstacle") == 0)
				v = label_obstacle(R->en, v);
			else if (strcmp(cs[j].src, "min_swedish") == 0)
				v = label_swedish_level(R->en, v);
			else if (strncmp(cs[j].src, "explain_", 8) == 0) {
				v = field_lang(R, in, row, "explain_sv", "explain_en");
				sub = j;
			}
			if (strcmp(cs[j].src, "min_sun") == 0) {
				char *w = label_sun_level(R->en, v);
				rtable_text(t, r, j, w);
				free(w);
			} else {
				rtable_text(t, r, j, v);
			}
		}
	}
	free(rows);
	/* the interval is shown here, unlike in the other tables: a proposal
	 * is judged by its range as much as by its middle */
	for (size_t j = 0; j < ncs; j++) {
		t->col[j].html_hidden = cs[j].html_hidden;
		t->col[j].html_words = cs[j].src && (strcmp(cs[j].src, "obstacle") == 0 ||
						     strcmp(cs[j].src, "min_sun") == 0 ||
						     strcmp(cs[j].src, "occupations") == 0);
	}
	if (sub < ncs) {
		t->col[sub].html_subrow = 1;
		withhold_revealing_sentences(R, t, sub);
	}
	R->proposal_t[k] = t;
	report_add_table(R, t);
}

/* ---------------------------------------------------------------- placement model */

/* The name of track ID from the configuration (borrowed), or NULL. */
static const char *config_track_name(const struct report *R, const char *id)
{
	char *section = easprintf("track.%s", id);
	const char *name = config_get(R->cfg, section, "name");
	free(section);
	return name;
}

/* model.tsv (kind, term, estimate, std_error, note) as a table of the
 * coefficients in words, with odds ratios, and the fit figures in R->fit
 * (the report writes them as a sentence). A model.tsv without `kind` (an
 * older layout) has coefficient rows and the fit terms auc and brier. */
static void build_model(struct report *R)
{
	const struct mtab *in = R->model;
	int c_kind = mtab_col(in, "kind"), c_term = mtab_col(in, "term"),
	    c_est = mtab_col(in, "estimate"), c_se = mtab_col(in, "std_error"),
	    c_note = mtab_col(in, "note");
	if (c_term < 0)
		return;
	struct rtable *t = rtable_new("modell", R->S->t_model, 5);
	rtable_sheet(t, tr(R, "Placeringsmodell", "Placement model"));
	rtable_col(t, 0, tr(R, "Faktor", "Factor"), 0, 1);
	rtable_col(t, 1, tr(R, "Koefficient (log-odds)", "Coefficient (log odds)"), 3, 0);
	rtable_col(t, 2, tr(R, "Standardfel", "Standard error"), 3, 0);
	rtable_col(t, 3, tr(R, "Oddskvot", "Odds ratio"), 2, 0);
	rtable_col(t, 4, tr(R, "Anmärkning", "Note"), 0, 1);
	rtable_about(t, tr(R, "Logistisk regression av om en tidigare deltagare fick arbete inom "
			      "ett år; oddskvot över 1 = större chans än referenspersonen.",
			   "Logistic regression of whether a past participant was in work within a "
			   "year; an odds ratio above 1 = a better chance than the reference person."));
	struct model_fit *f = &R->fit;
	f->n_outcomes = f->n_events = f->n_test = f->auc = f->brier = f->brier_base = NAN;
	for (size_t i = 0; i < in->nrow; i++) {
		const char *kind = mtab_str(in, i, c_kind), *term = mtab_str(in, i, c_term);
		double est = mtab_num(in, i, c_est), se = mtab_num(in, i, c_se);
		int is_fit = strcmp(kind, "fit") == 0 ||
			     (c_kind < 0 && (strcmp(term, "auc") == 0 || strcmp(term, "brier") == 0));
		if (is_fit) {
			f->found = 1;
			if (strcmp(term, "n_outcomes") == 0)
				f->n_outcomes = est;
			else if (strcmp(term, "n_events") == 0)
				f->n_events = est;
			else if (strcmp(term, "n_test") == 0)
				f->n_test = est;
			else if (strcmp(term, "auc_heldout") == 0 || strcmp(term, "auc") == 0)
				f->auc = est;
			else if (strcmp(term, "brier_heldout") == 0 || strcmp(term, "brier") == 0)
				f->brier = est;
			else if (strcmp(term, "brier_heldout_baseline") == 0)
				f->brier_base = est;
			else if (strcmp(term, "method") == 0)
				f->fallback = strstr(mtab_str(in, i, c_note), "fallback") != NULL;
			else if (strcmp(term, "fallback_reason") == 0) {
				free(f->reason);
				f->reason = estrdup(mtab_str(in, i, c_note));
			}
			continue;
		}
		if (c_kind >= 0 && strcmp(kind, "coefficient") != 0)
			continue; /* per-track outcome counts: in trackfit.tsv's p_source */
		const char *track = strncmp(term, "track_", 6) == 0 ? config_track_name(R, term + 6) : NULL;
		char *words = label_model_term(R->en, term, track);
		size_t r = rtable_add_row(t);
		rtable_text(t, r, 0, words);
		free(words);
		rtable_num(t, r, 1, est);
		rtable_num(t, r, 2, se);
		rtable_num(t, r, 3, isfinite(est) && fabs(est) < 50 ? exp(est) : NAN);
		rtable_text(t, r, 4, label_model_note(R->en, mtab_str(in, i, c_note)));
	}
	R->model_t = t;
	report_add_table(R, t);
}

/* ---------------------------------------------------------------- areas */

/* The codes of the areas compared: reporting municipalities, their
 * counties, SE. */
static char **compare_areas(const struct report *R, size_t *n)
{
	char **areas = emalloc((2 * R->nkommun + 1) * sizeof *areas);
	*n = 0;
	for (size_t k = 0; k < R->nkommun; k++)
		areas[(*n)++] = estrdup(R->kommun[k]);
	for (size_t k = 0; k < R->nkommun; k++) {
		const struct kommun_entry *e = codes_kommun_find(R->codes, R->kommun[k]);
		if (!e)
			continue;
		char *code = easprintf("L%s", e->lan);
		size_t i;
		for (i = 0; i < *n; i++)
			if (strcmp(areas[i], code) == 0)
				break;
		if (i < *n)
			free(code);
		else
			areas[(*n)++] = code;
	}
	areas[(*n)++] = estrdup("SE");
	return areas;
}

struct area_sums {
	double cnt[5], emp, js, vac;
	int has_emp, has_js, has_vac;
	size_t rows;
};

static void sum_area(const struct report *R, const char *area, struct area_sums *s)
{
	const struct mtab *in = R->shortage;
	int c_verdict = mtab_col(in, "verdict"), c_emp = mtab_col(in, "employed"),
	    c_js = mtab_col(in, "jobseekers"), c_vac = mtab_col(in, "vacancies");
	memset(s, 0, sizeof *s);
	size_t n;
	size_t *rows = mtab_rows_of(in, area, &n);
	s->rows = n;
	for (size_t i = 0; i < n; i++) {
		int o = report_verdict_order(mtab_str(in, rows[i], c_verdict));
		if (o < 4)
			s->cnt[o]++;
		double v;
		if (!isnan(v = mtab_num(in, rows[i], c_emp)))
			s->emp += v, s->has_emp = 1;
		if (!isnan(v = mtab_num(in, rows[i], c_js)))
			s->js += v, s->has_js = 1;
		if (!isnan(v = mtab_num(in, rows[i], c_vac)))
			s->vac += v, s->has_vac = 1;
	}
	free(rows);
}

/* 1 if county LAN (code without the L) holds nothing but the reporting
 * municipalities: its row of shortage.tsv sums exactly theirs, so showing
 * it as "the county" would be wrong (the county rows cover the input
 * municipalities only). */
static int county_is_reporting_only(const struct report *R, const char *lan,
				    const struct area_sums *county)
{
	struct area_sums sum = {0}, one;
	for (size_t k = 0; k < R->nkommun; k++) {
		const struct kommun_entry *e = codes_kommun_find(R->codes, R->kommun[k]);
		if (!e || strcmp(e->lan, lan) != 0)
			continue;
		sum_area(R, R->kommun[k], &one);
		sum.emp += one.emp;
		sum.js += one.js;
		sum.vac += one.vac;
	}
	return fabs(sum.emp - county->emp) < 0.5 && fabs(sum.js - county->js) < 0.5 &&
	       fabs(sum.vac - county->vac) < 0.5;
}

static void build_areas(struct report *R)
{
	const struct strings *S = R->S;
	size_t narea;
	char **areas = compare_areas(R, &narea);
	struct rtable *t = rtable_new("jamforelse", S->t_compare_areas, 13);
	rtable_sheet(t, tr(R, "Kommun, län och alla", "Municipality, county, all"));
	const char *heads[] = {S->c_area, S->c_area_type, S->c_assessed, S->c_n_brist,
			       S->c_n_bevaka, S->c_n_balans, S->c_n_overskott, S->c_share_brist_occ,
			       S->c_employed, S->c_jobseekers, S->c_vacancies,
			       tr(R, "Arbetssökande per 1 000 sysselsatta", "Jobseekers per 1,000 employed"),
			       tr(R, "Annonserade platser per 1 000 sysselsatta",
				  "Advertised positions per 1,000 employed")};
	for (size_t j = 0; j < 13; j++)
		rtable_col(t, j, heads[j], j == 7 || j >= 11 ? 1 : 0, j < 2);
	t->col[9].html_hidden = t->col[10].html_hidden = 1;
	rtable_about(t, tr(R, "Antal bedömda yrken per bedömning, andel bristyrken av de bedömda, "
			      "sysselsatta (antal personer) och arbetssökande och annonserade platser "
			      "per 1 000 sysselsatta.",
			   "Assessed occupations by verdict, the share in shortage among them, "
			   "employed (persons) and jobseekers and advertised positions per 1,000 "
			   "employed."));
	for (size_t a = 0; a < narea; a++) {
		struct area_sums s;
		sum_area(R, areas[a], &s);
		if (s.rows == 0)
			continue;
		if (areas[a][0] == 'L' && county_is_reporting_only(R, areas[a] + 1, &s)) {
			R->lone_county = erealloc(R->lone_county, (R->nlone_county + 1) * sizeof *R->lone_county);
			R->lone_county[R->nlone_county++] = estrdup(report_area_name(R, areas[a]));
			continue;
		}
		size_t r = rtable_add_row(t);
		rtable_text(t, r, 0, report_area_name(R, areas[a]));
		rtable_text(t, r, 1, areas[a][0] == 'L' ? S->area_lan
				     : strcmp(areas[a], "SE") == 0 ? S->area_riket : S->area_kommun);
		double assessed = s.cnt[0] + s.cnt[1] + s.cnt[2] + s.cnt[3];
		rtable_num(t, r, 2, assessed);
		for (int o = 0; o < 4; o++)
			rtable_num(t, r, 3 + (size_t)o, s.cnt[o]);
		rtable_num(t, r, 7, assessed > 0 ? 100 * s.cnt[0] / assessed : NAN);
		rtable_num(t, r, 8, s.has_emp ? s.emp : NAN);
		rtable_num(t, r, 9, s.has_js ? s.js : NAN);
		rtable_num(t, r, 10, s.has_vac ? s.vac : NAN);
		rtable_num(t, r, 11, s.has_js && s.emp > 0 ? 1000 * s.js / s.emp : NAN);
		rtable_num(t, r, 12, s.has_vac && s.emp > 0 ? 1000 * s.vac / s.emp : NAN);
		for (size_t j = 8; j <= 9; j++) {
			const struct rcell *c = rtable_get(t, r, j);
			if (c->kind == RCELL_NUM && disc_count_hidden(&R->rule, c->num))
				rtable_suppress(t, r, j, DISC_PRIMARY);
		}
		/* a municipality's sums are its shortage table's totals: hide them
		 * here too when they were hidden there */
		for (size_t k = 0; k < R->nkommun; k++) {
			const struct rtable *st = R->shortage_t[k];
			if (!st || strcmp(R->kommun[k], areas[a]) != 0)
				continue;
			for (size_t j = 0; j < st->ncol; j++) {
				const struct rcell *c = rtable_get(st, st->nrow - 1, j);
				if (c->kind != RCELL_SUPPRESSED)
					continue;
				if (strcmp(st->col[j].head, S->c_employed) == 0)
					rtable_suppress(t, r, 8, DISC_SECONDARY);
				if (strcmp(st->col[j].head, S->c_jobseekers) == 0)
					rtable_suppress(t, r, 9, DISC_SECONDARY);
			}
		}
		/* a rate of hidden counts would give them away */
		if (rtable_get(t, r, 8)->kind == RCELL_SUPPRESSED) {
			rtable_suppress(t, r, 11, DISC_SECONDARY);
			rtable_suppress(t, r, 12, DISC_SECONDARY);
		} else if (rtable_get(t, r, 9)->kind == RCELL_SUPPRESSED) {
			rtable_suppress(t, r, 11, DISC_SECONDARY);
		}
	}
	for (size_t a = 0; a < narea; a++)
		free(areas[a]);
	free(areas);
	R->areas_t = t;
	report_add_table(R, t);
}

/* ---------------------------------------------------------------- method and data quality */

/* The list of per-file objects in ingest.json: an array under "files" or
 * "inputs", or the object members that carry a sha256. */
static void collect_ingest_files(const struct jval *v, const struct jval ***out, size_t *n, int depth)
{
	if (!v || depth > 4)
		return;
	if (v->type == JOBJ && (json_get(v, "sha256") || json_get(v, "rows_read"))) {
		*out = erealloc(*out, (*n + 1) * sizeof **out);
		(*out)[(*n)++] = v;
		return;
	}
	if (v->type == JOBJ || v->type == JARR)
		for (size_t i = 0; i < v->n; i++)
			collect_ingest_files(v->item[i], out, n, depth + 1);
}

/* Respondents per municipality counted independently of the weights'
 * strata: every row of weights.tsv is one respondent; the sample is the
 * frame's sampled workplaces (work/frame.tsv; a stratum with more
 * respondents than sampled counts its respondents, as the weights do),
 * else n_h of each original stratum in weights.tsv once. Collapsing merges
 * strata for the weights only: it never changes who answered. */
static void response_counts(const struct report *R, const char *kommun, double *sampled,
			    double *respondents, size_t *nstrata)
{
	const struct mtab *w = R->weights;
	int c_st = mtab_col(w, "stratum"), c_n = mtab_col(w, "n_h");
	if (c_st < 0)
		c_st = mtab_col(w, "stratum_used");
	*sampled = *respondents = 0;
	*nstrata = 0;
	char **seen = NULL;
	double *resp_of = NULL, *n_of = NULL;
	for (size_t i = 0; i < w->nrow; i++) {
		const char *st = mtab_str(w, i, c_st);
		if (strncmp(st, kommun, 4) != 0 || st[4] != ':')
			continue;
		*respondents += 1;
		size_t s;
		for (s = 0; s < *nstrata; s++)
			if (strcmp(seen[s], st) == 0)
				break;
		if (s == *nstrata) {
			seen = erealloc(seen, (s + 1) * sizeof *seen);
			resp_of = erealloc(resp_of, (s + 1) * sizeof *resp_of);
			n_of = erealloc(n_of, (s + 1) * sizeof *n_of);
			seen[s] = estrdup(st);
			resp_of[s] = 0;
			n_of[s] = mtab_num(w, i, c_n);
			(*nstrata)++;
		}
		resp_of[s]++;
	}
	const struct mtab *f = R->frame;
	int f_st = f ? mtab_col(f, "stratum") : -1, f_n = f ? mtab_col(f, "sampled") : -1;
	if (f_st >= 0 && f_n >= 0) {
		size_t fn;
		size_t *rows = mtab_rows_of(f, kommun, &fn);
		for (size_t i = 0; i < fn; i++) {
			const char *st = mtab_str(f, rows[i], f_st);
			double nh = mtab_num(f, rows[i], f_n), rh = 0;
			for (size_t s = 0; s < *nstrata; s++)
				if (strcmp(seen[s], st) == 0)
					rh = resp_of[s];
			if (!isnan(nh))
				*sampled += nh > rh ? nh : rh;
		}
		free(rows);
	} else {
		for (size_t s = 0; s < *nstrata; s++) {
			double nh = n_of[s];
			if (isnan(nh))
				*sampled = NAN;
			else if (!isnan(*sampled))
				*sampled += nh > resp_of[s] ? nh : resp_of[s];
		}
	}
	for (size_t s = 0; s < *nstrata; s++)
		free(seen[s]);
	free(seen);
	free(resp_of);
	free(n_of);
}

static void build_quality(struct report *R)
{
	const struct strings *S = R->S;
	/* inputs: what was read from where; the checksums stay in manifest.json */
	struct rtable *t = rtable_new("indata", S->t_inputs, 5);
	rtable_sheet(t, tr(R, "Indata", "Input"));
	rtable_col(t, 0, S->c_file, 0, 1);
	rtable_col(t, 1, tr(R, "Källa", "Source"), 0, 1);
	rtable_col(t, 2, S->c_rows_read, 0, 0);
	rtable_col(t, 3, S->c_accepted, 0, 0);
	rtable_col(t, 4, S->c_rejected, 0, 0);
	rtable_about(t, tr(R, "Filerna som lästes in, varifrån de kommer och hur många rader som "
			      "godkändes.",
			   "The files read, where they come from and how many rows were accepted."));
	const struct jval **files = NULL;
	size_t nfiles = 0;
	collect_ingest_files(R->ingest, &files, &nfiles, 0);
	for (size_t i = 0; i < nfiles; i++) {
		const struct jval *present = json_get(files[i], "present");
		if (present && present->type == JBOOL && !present->boolean)
			continue;
		char *file = json_get_text(files[i], "file");
		/* a plain name: never a folder of the machine that ran it */
		const char *base = file ? strrchr(file, '/') : NULL;
		base = base ? base + 1 : file;
		size_t r = rtable_add_row(t);
		rtable_text(t, r, 0, base);
		rtable_text(t, r, 1, base ? label_input_source(R->en, base) : "");
		rtable_num(t, r, 2, json_get_num(files[i], "rows_read"));
		rtable_num(t, r, 3, json_get_num(files[i], "accepted"));
		rtable_num(t, r, 4, json_get_num(files[i], "rejected"));
		free(file);
	}
	free(files);
	R->inputs_t = t;
	report_add_table(R, t);
	rtable_sheet(R->rejects_t, tr(R, "Avvisade rader", "Rejected rows"));
	rtable_about(R->rejects_t, tr(R, "Rader som inte följde indataformatet, per fil, kolumn och "
					 "orsak; värdena själva publiceras aldrig.",
				      "Rows that broke the input format, by file, column and reason; "
				      "the values themselves are never published."));
	report_add_table(R, R->rejects_t);

	/* response rate per municipality */
	if (R->weights) {
		struct rtable *u = rtable_new("svarsfrekvens", S->t_response, 4);
		rtable_sheet(u, tr(R, "Svarsfrekvens", "Response rate"));
		rtable_col(u, 0, S->c_municipality, 0, 1);
		rtable_col(u, 1, S->c_sampled, 0, 0);
		rtable_col(u, 2, S->c_respondents, 0, 0);
		rtable_col(u, 3, S->c_response_rate, 1, 0);
		rtable_about(u, tr(R, "Arbetsställen i enkätens urval och de som svarade.",
				   "Workplaces in the survey's sample and those that answered."));
		double tot_n = 0, tot_r = 0;
		for (size_t k = 0; k < R->nkommun; k++) {
			double sampled, resp;
			size_t nstrata;
			response_counts(R, R->kommun[k], &sampled, &resp, &nstrata);
			if (nstrata == 0)
				continue;
			size_t r = rtable_add_row(u);
			rtable_text(u, r, 0, report_area_name(R, R->kommun[k]));
			rtable_num(u, r, 1, sampled);
			rtable_num(u, r, 2, resp);
			rtable_num(u, r, 3, sampled > 0 ? 100 * resp / sampled : NAN);
			tot_n += sampled;
			tot_r += resp;
		}
		if (u->nrow > 1) {
			size_t r = rtable_add_row(u);
			u->is_total[r] = 1;
			rtable_text(u, r, 0, S->total_all);
			rtable_num(u, r, 1, tot_n);
			rtable_num(u, r, 2, tot_r);
			rtable_num(u, r, 3, tot_n > 0 ? 100 * tot_r / tot_n : NAN);
		}
		R->response_t = u;
		report_add_table(R, u);
	}
}

/* Lists every hidden cell of the tables built so far, and their number
 * per table. */
static void build_suppressed_list(struct report *R)
{
	const struct strings *S = R->S;
	struct rtable *t = rtable_new("undertryckta", S->t_suppressed, 4);
	rtable_sheet(t, tr(R, "Undertryckta celler", "Suppressed cells"));
	rtable_col(t, 0, S->c_table, 0, 1);
	rtable_col(t, 1, S->c_row, 0, 1);
	rtable_col(t, 2, S->c_column, 0, 1);
	rtable_col(t, 3, S->c_kind, 0, 1);
	rtable_about(t, tr(R, "Varje cell som visas som .. och varför: primär = för få personer "
			      "eller svarande, sekundär = skyddar en primär cell.",
			   "Every cell shown as .. and why: primary = too few persons or "
			   "respondents, secondary = protects a primary cell."));
	struct rtable *sum = rtable_new("undertryckta_per_tabell",
					tr(R, "Undertryckta celler per tabell", "Suppressed cells per table"), 3);
	rtable_col(sum, 0, S->c_table, 0, 1);
	rtable_col(sum, 1, tr(R, "Primärt", "Primary"), 0, 0);
	rtable_col(sum, 2, tr(R, "Sekundärt", "Secondary"), 0, 0);
	sum->no_csv = 1;
	for (size_t i = 0; i < R->ntable; i++) {
		const struct rtable *s = R->table[i];
		size_t np = 0, ns = 0;
		for (size_t r = 0; r < s->nrow; r++)
			for (size_t j = 0; j < s->ncol; j++) {
				const struct rcell *c = rtable_get(s, r, j);
				if (c->kind != RCELL_SUPPRESSED)
					continue;
				size_t o = rtable_add_row(t);
				/* the row is named by its first two text cells ("5120 Kockar") */
				const struct rcell *a = rtable_get(s, r, 0);
				const struct rcell *b = s->ncol > 1 ? rtable_get(s, r, 1) : NULL;
				char *name = easprintf("%s%s%s", a->kind == RCELL_TEXT ? a->text : "",
						       b && b->kind == RCELL_TEXT && s->col[1].is_text ? " " : "",
						       b && b->kind == RCELL_TEXT && s->col[1].is_text ? b->text : "");
				rtable_text(t, o, 0, s->title);
				rtable_text(t, o, 1, name);
				free(name);
				rtable_text(t, o, 2, s->col[j].head);
				rtable_text(t, o, 3, c->why == DISC_SECONDARY ? S->secondary : S->primary);
				if (c->why == DISC_SECONDARY)
					ns++;
				else
					np++;
			}
		R->n_primary += np;
		R->n_secondary += ns;
		if (np + ns) {
			size_t o = rtable_add_row(sum);
			rtable_text(sum, o, 0, s->title);
			rtable_num(sum, o, 1, (double)np);
			rtable_num(sum, o, 2, (double)ns);
		}
	}
	t->html_max_rows = R->max_rows;
	t->more_word = tr(R, "celler", "cells");
	R->suppressed_t = t;
	R->suppressed_sum_t = sum;
	report_add_table(R, t);
}

/* The workbook's first sheet: what each sheet holds, the symbols and the
 * sources. Put first in R->table. */
static void build_about(struct report *R)
{
	struct rtable *t = rtable_new("om_tabellerna", R->S->title, 4);
	rtable_sheet(t, tr(R, "Om tabellerna", "About the tables"));
	t->no_csv = 1;
	rtable_col(t, 0, tr(R, "Blad", "Sheet"), 0, 1);
	rtable_col(t, 1, tr(R, "Tabell", "Table"), 0, 1);
	rtable_col(t, 2, tr(R, "Vad tabellen visar", "What the table shows"), 0, 1);
	rtable_col(t, 3, tr(R, "CSV-fil", "CSV file"), 0, 1);
	size_t cap = 1;
	for (size_t k = 0; k < R->nkommun; k++)
		cap += strlen(report_area_name(R, R->kommun[k])) + 2;
	char *names = ecalloc(cap, 1);
	for (size_t k = 0; k < R->nkommun; k++) {
		if (k)
			strcat(names, ", ");
		strcat(names, report_area_name(R, R->kommun[k]));
	}
	char *sub = easprintf(R->S->subtitle_fmt, names, R->reference_year);
	rtable_line(t, sub);
	free(sub);
	free(names);
	if (R->synthetic)
		rtable_line(t, R->S->synthetic_banner);
	rtable_line(t, "");
	char *sym = easprintf(tr(R, "Symboler: .. = uppgiften visas inte (röjandekontroll: färre än "
				    "%ld personer eller %ld svarande arbetsgivare), tom cell = uppgift "
				    "saknas.",
				 "Symbols: .. = not shown (disclosure control: fewer than %ld persons "
				 "or %ld responding employers), empty cell = no data."),
			      R->rule.min_persons, R->rule.min_respondents);
	rtable_line(t, sym);
	free(sym);
	rtable_line(t, tr(R, "Källor: SCB (yrkesregistret: sysselsatta per yrke och ålder), "
			     "Arbetsförmedlingen (platsannonser, inskrivna arbetssökande, "
			     "Yrkesbarometern), kommunens arbetsgivarenkät och uppgifter om tidigare "
			     "deltagare i jobbspår. Yrken enligt SSYK 2012.",
			  "Sources: Statistics Sweden (occupational register: employed by occupation "
			  "and age), Arbetsförmedlingen (job ads, registered jobseekers, "
			  "Yrkesbarometer), the municipality's employer survey and records of past "
			  "job-track participants. Occupations by SSYK 2012."));
	rtable_line(t, tr(R, "Koder (SSYK, kommun) är lagrade som text så att inledande nollor "
			     "behålls. Osäkerhetsintervallen (nedre och övre gräns) gäller på "
			     "95 %-nivån om inget annat anges.",
			  "Codes (SSYK, municipality) are stored as text, so leading zeros stay. "
			  "Uncertainty intervals (lower and upper bound) are at the 95 % level "
			  "unless stated otherwise."));
	for (size_t i = 0; i < R->ntable; i++) {
		const struct rtable *s = R->table[i];
		size_t r = rtable_add_row(t);
		rtable_text(t, r, 0, s->sheet ? s->sheet : s->id);
		rtable_text(t, r, 1, s->title);
		rtable_text(t, r, 2, s->about);
		if (!s->no_csv) {
			char *csv = easprintf("%s.csv", s->id);
			rtable_text(t, r, 3, csv);
			free(csv);
		}
	}
	/* first in the workbook */
	report_add_table(R, t);
	memmove(R->table + 1, R->table, (R->ntable - 1) * sizeof *R->table);
	R->table[0] = t;
	R->about_t = t;
}

/* Makes the sheet names unique (Excel compares them case-insensitively):
 * a repeated name gets " 2", " 3", ... */
static void unique_sheet_names(struct report *R)
{
	for (size_t i = 0; i < R->ntable; i++) {
		struct rtable *t = R->table[i];
		if (!t->sheet)
			rtable_sheet(t, t->id);
		for (int n = 2;; n++) {
			size_t j;
			for (j = 0; j < i; j++)
				if (strcasecmp(R->table[j]->sheet, t->sheet) == 0)
					break;
			if (j == i)
				break;
			char *base = estrdup(t->sheet);
			size_t len = strlen(base);
			if (len > 27)
				base[27] = '\0';
			char *name = easprintf("%s %d", base, n);
			rtable_sheet(t, name);
			free(name);
			free(base);
		}
	}
}

void report_build(struct report *R)
{
	size_t nk = R->nkommun ? R->nkommun : 1;
	R->shortage_t = ecalloc(nk, sizeof *R->shortage_t);
	R->track_t = ecalloc(nk, sizeof *R->track_t);
	R->proposal_t = ecalloc(nk, sizeof *R->proposal_t);
	R->track_note = ecalloc(nk, sizeof *R->track_note);
	R->no_tracks = ecalloc(nk, sizeof *R->no_tracks);
	/* the tracks' year: trackfit_areas.tsv's, else the one it would be */
	R->plan_year = R->reference_year + 1;
	if (R->track_areas && R->track_areas->nrow) {
		double y = mtab_num(R->track_areas, 0, mtab_col(R->track_areas, "year"));
		if (y >= 1000 && y <= 9999)
			R->plan_year = (int)y;
	}
	R->yb_t = ecalloc(nk, sizeof *R->yb_t);
	R->yb_both = ecalloc(nk, sizeof *R->yb_both);
	R->yb_differ = ecalloc(nk, sizeof *R->yb_differ);
	R->inputs_changed = -1;
	for (size_t k = 0; k < R->nkommun; k++) {
		build_shortage(R, k);
		build_yrkesbarometer(R, k);
	}
	for (size_t k = 0; k < R->nkommun; k++)
		build_tracks(R, k);
	for (size_t k = 0; k < R->nkommun; k++)
		build_proposals(R, k);
	if (R->model)
		build_model(R);
	build_areas(R);
	report_build_compare(R);
	if (R->prev)
		report_build_changes(R);
	build_quality(R);
	build_suppressed_list(R);
	build_about(R);
	unique_sheet_names(R);
}
