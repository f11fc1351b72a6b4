/* Building the published tables, with disclosure control. Each table keeps
 * the rule of docs/METHOD.md: person counts below min_persons and
 * survey estimates resting on fewer than min_respondents respondents are
 * hidden (primary), then published totals are protected (secondary). */
#include "report.h"
#include "keymap.h"
#include "msg.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum col_rule {
	RULE_NONE,       /* published as it is */
	RULE_COUNT,      /* the cell counts persons */
	RULE_RESP,       /* a survey estimate: rests on the row's n_respondents */
	RULE_BASE,       /* derived from a group of persons (the spec's base column) */
};

/* One column of a table built from an input table. */
struct colspec {
	const char *src;   /* input column */
	const char *head;
	int decimals;
	int is_text;
	double scale;      /* multiply numbers (100 for shares as percent); 0 = 1 */
	enum col_rule rule;
	int summed;        /* summed into the total row */
	double min_sum;    /* secondary suppression: hidden members' least sum */
};

static void add_table(struct report *R, struct rtable *t)
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

static int verdict_order(const char *v)
{
	static const char *const order[] = {"brist", "bevaka", "balans", "överskott", "X", NULL};
	for (int i = 0; order[i]; i++)
		if (strcmp(v, order[i]) == 0)
			return i;
	return 5;
}

/* Sorting rows of the shortage input: verdict, then the shortage stage's
 * rank (the one ranking of docs/METHOD.md: top lists, charts and the
 * summary all follow it), then score (high first), then code. */
static const struct mtab *sort_tab;
static int sort_c_verdict, sort_c_score, sort_c_ssyk, sort_c_rank, sort_c_track, sort_c_srank;

static int shortage_row_cmp(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int d = verdict_order(mtab_str(sort_tab, x, sort_c_verdict)) -
		verdict_order(mtab_str(sort_tab, y, sort_c_verdict));
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

/* Fills a numeric cell from the input and applies its primary rule. */
static void put_num(const struct report *R, struct rtable *t, size_t r, size_t j,
		    const struct mtab *in, size_t row, const struct colspec *cs, double base)
{
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
	case RULE_NONE: break;
	}
	if (hide)
		rtable_suppress(t, r, j, DISC_PRIMARY);
}

/* The columns of SPEC present in IN (text columns the caller fills are kept
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

/* Interval bounds (columns *_lo, *_hi) are left out of the HTML; returns
 * 1 if the table has any. */
static int hide_interval_columns(struct rtable *t, const struct colspec *cs, size_t ncs)
{
	int any = 0;
	for (size_t j = 0; j < ncs; j++) {
		size_t n = cs[j].src ? strlen(cs[j].src) : 0;
		if (n > 3 && (strcmp(cs[j].src + n - 3, "_lo") == 0 ||
			      strcmp(cs[j].src + n - 3, "_hi") == 0)) {
			t->col[j].html_hidden = 1;
			any = 1;
		}
	}
	return any;
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
 * protects the totals of the columns with a rule. */
static void add_total_row(const struct report *R, struct rtable *t, const struct colspec *cs,
			  size_t ncs, size_t first, const double *sums, const char *label,
			  size_t label_col)
{
	(void)R;
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
		if (cs[j].rule != RULE_NONE) {
			cols[nprot] = j;
			min_sum[nprot++] = cs[j].min_sum;
		}
	}
	if (nprot)
		rtable_protect_column_totals(t, first, last, tr, cols, min_sum, nprot);
}

static void build_shortage(struct report *R, size_t k)
{
	const struct strings *S = R->S;
	const struct mtab *in = R->shortage;
	double minp = (double)R->rule.min_persons;
	int model = mtab_col(in, "planned_hires_model") >= 0 && mtab_col(in, "share_brist_model") >= 0;
	const struct colspec spec[] = {
		{NULL, S->c_ssyk, 0, 1, 0, RULE_NONE, 0, 0},
		{NULL, S->c_occupation, 0, 1, 0, RULE_NONE, 0, 0},
		{NULL, S->c_verdict, 0, 1, 0, RULE_NONE, 0, 0},
		/* the shortage index; a table from before it has only the score */
		{mtab_col(in, "shortage_index") >= 0 ? "shortage_index" : "score", S->c_score, 2, 0, 0,
		 RULE_NONE, 0, 0},
		{"employed", S->c_employed, 0, 0, 0, RULE_COUNT, 1, minp},
		{"jobseekers", S->c_jobseekers, 0, 0, 0, RULE_COUNT, 1, minp},
		{"vacancies", S->c_vacancies, 0, 0, 0, RULE_NONE, 1, 0},
		/* the published survey figures: the small-area model's estimates
		 * when the table has them (docs/METHOD.md), else the direct ones */
		{model ? "planned_hires_model" : "planned_hires", S->c_planned, 0, 0, 0, RULE_RESP, 1, 0},
		{model ? "planned_hires_model_lo" : "planned_hires_lo", S->c_planned_lo, 0, 0, 0, RULE_RESP, 0, 0},
		{model ? "planned_hires_model_hi" : "planned_hires_hi", S->c_planned_hi, 0, 0, 0, RULE_RESP, 0, 0},
		{model ? "share_brist_model" : "share_brist", S->c_share, 1, 0, 100, RULE_RESP, 0, 0},
		{model ? "share_brist_model_lo" : "share_brist_lo", S->c_share_lo, 1, 0, 100, RULE_RESP, 0, 0},
		{model ? "share_brist_model_hi" : "share_brist_hi", S->c_share_hi, 1, 0, 100, RULE_RESP, 0, 0},
		{"openings_5y", S->c_openings5, 0, 0, 0, RULE_BASE, 1, 0},
		{"replacement_5y", S->c_replacement5, 0, 0, 0, RULE_BASE, 1, 0},
		{"n_respondents", S->c_respondents, 0, 0, 0, RULE_NONE, 0, 0},
		{"flag", S->c_flags, 0, 1, 0, RULE_NONE, 0, 0},
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
	sort_c_verdict = mtab_col(in, "verdict");
	sort_c_score = mtab_col(in, "score");
	sort_c_ssyk = mtab_col(in, "ssyk");
	sort_c_srank = mtab_col(in, "rank");
	qsort(rows, n, sizeof *rows, shortage_row_cmp);

	char *id = easprintf("brist_%s", R->kommun[k]);
	char *title = easprintf(S->t_shortage_fmt, report_area_name(R, R->kommun[k]));
	struct rtable *t = table_from_specs(id, title, cs, ncs);
	free(id);
	free(title);
	int c_ssyk = mtab_col(in, "ssyk"), c_label = mtab_col(in, "label"),
	    c_verdict = mtab_col(in, "verdict"), c_resp = mtab_col(in, "n_respondents"),
	    c_emp = mtab_col(in, "employed");
	double sums[32] = {0};
	for (size_t i = 0; i < n; i++) {
		size_t row = rows[i], r = rtable_add_row(t);
		const char *ssyk = mtab_str(in, row, c_ssyk);
		rtable_text(t, r, 0, ssyk);
		rtable_text(t, r, 1, report_ssyk_label(R, ssyk, mtab_str(in, row, c_label)));
		rtable_text(t, r, 2, i18n_verdict(S, mtab_str(in, row, c_verdict)));
		for (size_t j = 3; j < ncs; j++) {
			if (cs[j].is_text) {
				rtable_text(t, r, j, mtab_str(in, row, mtab_col(in, cs[j].src)));
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
	add_total_row(R, t, cs, ncs, 0, sums, S->total_all_occ, 1);
	t->html_max_rows = R->max_rows;
	if (hide_interval_columns(t, cs, ncs))
		rtable_note(t, S->ci_note);
	R->shortage_t[k] = t;
	add_table(R, t);
}

/* The display name of a track. */
static const char *track_name(const struct report *R, const struct mtab *in, size_t row)
{
	const char *name = mtab_str(in, row, mtab_col(in, "name"));
	if (*name)
		return name;
	const char *id = mtab_str(in, row, mtab_col(in, "track"));
	char *section = easprintf("track.%s", id);
	const char *cfg_name = config_get(R->cfg, section, "name");
	free(section);
	return cfg_name && *cfg_name ? cfg_name : id;
}

static void build_tracks(struct report *R, size_t k)
{
	const struct strings *S = R->S;
	const struct mtab *in = R->trackfit;
	if (!in || mtab_col(in, "track") < 0)
		return;
	const struct colspec spec[] = {
		{NULL, S->c_track, 0, 1, 0, RULE_NONE, 0, 0},
		{"capacity", S->c_capacity, 0, 0, 0, RULE_NONE, 1, 0},
		{"eligible", S->c_eligible, 0, 0, 0, RULE_COUNT, 0, 0},
		{"interested", S->c_interested, 0, 0, 0, RULE_COUNT, 0, 0},
		{"openings", S->c_openings, 0, 0, 0, RULE_NONE, 0, 0},
		{"expected_placements", S->c_expected, 1, 0, 0, RULE_BASE, 1, 0},
		{"expected_lo", S->c_expected_lo, 1, 0, 0, RULE_BASE, 0, 0},
		{"expected_hi", S->c_expected_hi, 1, 0, 0, RULE_BASE, 0, 0},
		{"fit", S->c_fit, 2, 0, 0, RULE_NONE, 0, 0},
		{"rank", S->c_rank, 0, 0, 0, RULE_NONE, 0, 0},
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
	char *title = easprintf(S->t_tracks_fmt, report_area_name(R, R->kommun[k]));
	struct rtable *t = table_from_specs(id, title, cs, ncs);
	free(id);
	free(title);
	int c_elig = mtab_col(in, "eligible");
	double sums[32] = {0};
	for (size_t i = 0; i < n; i++) {
		size_t row = rows[i], r = rtable_add_row(t);
		rtable_text(t, r, 0, track_name(R, in, row));
		for (size_t j = 1; j < ncs; j++) {
			/* without an eligible column the base is unknown: hide derived cells */
			double base = c_elig >= 0 ? mtab_num(in, row, c_elig) : 1;
			put_num(R, t, r, j, in, row, &cs[j], base);
			double v = mtab_num(in, row, mtab_col(in, cs[j].src));
			if (cs[j].summed && !isnan(v))
				sums[j] += v;
		}
	}
	free(rows);
	add_total_row(R, t, cs, ncs, 0, sums, S->total_all_tracks, 0);
	if (hide_interval_columns(t, cs, ncs))
		rtable_note(t, S->ci_note);
	R->track_t[k] = t;
	add_table(R, t);
}

/* 1 if column NAME holds a number of survey respondents: n_respondents, or
 * n_<suffix> (compare.tsv: n_a, n_b) other than n_persons. */
static int respondent_count_column(const char *name)
{
	return strncmp(name, "n_", 2) == 0 && name[2] && strcmp(name, "n_persons") != 0;
}

/* The respondents a number in column J of row I rests on: the column
 * n_<suffix> when J's name ends in _<suffix> and that column exists (share_a
 * -> n_a), else the smallest of the row's respondent-count columns; NaN when
 * the table has none (then no respondents rule applies). */
static double generic_respondents(const struct mtab *in, size_t i, size_t j, int *any)
{
	const char *name = in->colname[j];
	const char *us = strrchr(name, '_');
	*any = 0;
	if (us && us != name) {
		char *own = easprintf("n%s", us);
		int c = mtab_col(in, own);
		free(own);
		if (c >= 0 && respondent_count_column(in->colname[c])) {
			*any = 1;
			return mtab_num(in, i, c);
		}
	}
	double least = NAN;
	for (size_t k = 0; k < in->ncol; k++) {
		if (!respondent_count_column(in->colname[k]))
			continue;
		double v = mtab_num(in, i, (int)k);
		*any = 1;
		if (isnan(v))
			return NAN; /* unknown base: hidden */
		if (isnan(least) || v < least)
			least = v;
	}
	return least;
}

/* 1 if column NAME holds codes or years, printed as text even when they
 * look like numbers (1251, 2024). */
static int code_column(const char *name)
{
	static const char *const prefixes[] = {"ssyk", "kommun", "lan", "sni", "track", "stratum",
					       "year", "area", "code", "id", NULL};
	for (int i = 0; prefixes[i]; i++) {
		size_t n = strlen(prefixes[i]);
		if (strncmp(name, prefixes[i], n) == 0 && (name[n] == '\0' || name[n] == '_'))
			return 1;
	}
	size_t n = strlen(name);
	return n > 5 && strcmp(name + n - 5, "_code") == 0;
}

/* Generic table: every column of IN except private ones; numbers where every
 * value is a number without a leading zero (codes stay text). Columns that
 * count persons are hidden below min_persons; when the table has
 * respondent-count columns (n_respondents, n_a, ...), every other number of
 * a row resting on too few respondents is hidden. */
static struct rtable *build_generic(const struct report *R, const struct mtab *in, const char *id,
				    const char *title)
{
	static const char *const count_cols[] = {"employed", "jobseekers", "eligible", "interested",
						 "persons", "n_persons", "participants", "n", "count",
						 NULL};
	struct rtable *t = rtable_new(id, title, in->ncol);
	int *numeric = emalloc((in->ncol ? in->ncol : 1) * sizeof *numeric);
	int *is_count = emalloc((in->ncol ? in->ncol : 1) * sizeof *is_count);
	for (size_t j = 0; j < in->ncol; j++) {
		numeric[j] = !code_column(in->colname[j]);
		int decimals = 0;
		for (size_t i = 0; i < in->nrow && numeric[j]; i++) {
			const char *s = mtab_str(in, i, (int)j);
			if (!*s)
				continue;
			if (isnan(mtab_num(in, i, (int)j)) || (s[0] == '0' && s[1] >= '0' && s[1] <= '9')) {
				numeric[j] = 0;
				break;
			}
			if (strpbrk(s, ".eE"))
				decimals = 3;
		}
		is_count[j] = 0;
		for (int k = 0; count_cols[k]; k++)
			if (strcmp(in->colname[j], count_cols[k]) == 0)
				is_count[j] = 1;
		rtable_col(t, j, in->colname[j], decimals, !numeric[j]);
	}
	for (size_t i = 0; i < in->nrow; i++) {
		size_t r = rtable_add_row(t);
		for (size_t j = 0; j < in->ncol; j++) {
			if (!numeric[j]) {
				rtable_text(t, r, j, mtab_str(in, i, (int)j));
				continue;
			}
			double v = mtab_num(in, i, (int)j);
			rtable_num(t, r, j, v);
			if (isnan(v))
				continue;
			int hide = is_count[j] && disc_count_hidden(&R->rule, v);
			if (!is_count[j] && !respondent_count_column(in->colname[j])) {
				int any;
				double base = generic_respondents(in, i, j, &any);
				hide = any && disc_respondents_hidden(&R->rule, base);
			}
			if (hide)
				rtable_suppress(t, r, j, DISC_PRIMARY);
		}
	}
	free(numeric);
	free(is_count);
	return t;
}

/* The codes of the areas compared: reporting municipalities, their counties, SE. */
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

static void build_compare(struct report *R)
{
	const struct strings *S = R->S;
	const struct mtab *in = R->shortage;
	size_t narea;
	char **areas = compare_areas(R, &narea);
	int c_verdict = mtab_col(in, "verdict"), c_emp = mtab_col(in, "employed"),
	    c_js = mtab_col(in, "jobseekers"), c_vac = mtab_col(in, "vacancies"),
	    c_ssyk = mtab_col(in, "ssyk"), c_label = mtab_col(in, "label");

	struct rtable *t = rtable_new("jamforelse", S->t_compare_areas, 11);
	const char *heads[] = {S->c_area, S->c_area_type, S->c_assessed, S->c_n_brist,
			       S->c_n_bevaka, S->c_n_balans, S->c_n_overskott, S->c_share_brist_occ,
			       S->c_employed, S->c_jobseekers, S->c_vacancies};
	for (size_t j = 0; j < 11; j++)
		rtable_col(t, j, heads[j], j == 7 ? 1 : 0, j < 2);
	for (size_t a = 0; a < narea; a++) {
		size_t n;
		size_t *rows = mtab_rows_of(in, areas[a], &n);
		if (n == 0) {
			free(rows);
			continue;
		}
		double cnt[5] = {0}, emp = 0, js = 0, vac = 0;
		int has_emp = 0, has_js = 0, has_vac = 0;
		for (size_t i = 0; i < n; i++) {
			int o = verdict_order(mtab_str(in, rows[i], c_verdict));
			if (o < 4)
				cnt[o]++;
			double v;
			if (!isnan(v = mtab_num(in, rows[i], c_emp)))
				emp += v, has_emp = 1;
			if (!isnan(v = mtab_num(in, rows[i], c_js)))
				js += v, has_js = 1;
			if (!isnan(v = mtab_num(in, rows[i], c_vac)))
				vac += v, has_vac = 1;
		}
		free(rows);
		size_t r = rtable_add_row(t);
		rtable_text(t, r, 0, report_area_name(R, areas[a]));
		rtable_text(t, r, 1, areas[a][0] == 'L' ? S->area_lan
				     : strcmp(areas[a], "SE") == 0 ? S->area_riket : S->area_kommun);
		double assessed = cnt[0] + cnt[1] + cnt[2] + cnt[3];
		rtable_num(t, r, 2, assessed);
		for (int o = 0; o < 4; o++)
			rtable_num(t, r, 3 + (size_t)o, cnt[o]);
		rtable_num(t, r, 7, assessed > 0 ? 100 * cnt[0] / assessed : NAN);
		rtable_num(t, r, 8, has_emp ? emp : NAN);
		rtable_num(t, r, 9, has_js ? js : NAN);
		rtable_num(t, r, 10, has_vac ? vac : NAN);
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
	}
	R->areas_t = t;
	add_table(R, t);

	/* shortage occupations side by side */
	struct rtable *o = rtable_new("jamforelse_yrken", S->t_compare_occ, 2 + narea);
	rtable_col(o, 0, S->c_ssyk, 0, 1);
	rtable_col(o, 1, S->c_occupation, 0, 1);
	for (size_t a = 0; a < narea; a++)
		rtable_col(o, 2 + a, report_area_name(R, areas[a]), 0, 1);
	/* candidate occupations: brist in a reporting municipality, most such first */
	char (*codes)[5] = NULL;
	int *nbrist = NULL;
	size_t ncodes = 0;
	for (size_t i = 0; i < in->nrow; i++) {
		if (strcmp(mtab_str(in, i, c_verdict), "brist") != 0)
			continue;
		const char *km = mtab_str(in, i, mtab_col(in, "kommun"));
		size_t k;
		for (k = 0; k < R->nkommun; k++)
			if (strcmp(R->kommun[k], km) == 0)
				break;
		if (k == R->nkommun)
			continue;
		const char *ssyk = mtab_str(in, i, c_ssyk);
		size_t c;
		for (c = 0; c < ncodes; c++)
			if (strcmp(codes[c], ssyk) == 0)
				break;
		if (c == ncodes) {
			codes = erealloc(codes, (ncodes + 1) * sizeof *codes);
			nbrist = erealloc(nbrist, (ncodes + 1) * sizeof *nbrist);
			snprintf(codes[c], 5, "%s", ssyk);
			nbrist[c] = 0;
			ncodes++;
		}
		nbrist[c]++;
	}
	/* order: more municipalities in shortage first, then code (insertion sort: few rows) */
	for (size_t i = 1; i < ncodes; i++)
		for (size_t j = i; j > 0 && (nbrist[j] > nbrist[j - 1] ||
					     (nbrist[j] == nbrist[j - 1] &&
					      strcmp(codes[j], codes[j - 1]) < 0)); j--) {
			char tmp[5];
			memcpy(tmp, codes[j], 5);
			memcpy(codes[j], codes[j - 1], 5);
			memcpy(codes[j - 1], tmp, 5);
			int ti = nbrist[j];
			nbrist[j] = nbrist[j - 1];
			nbrist[j - 1] = ti;
		}
	/* the row of each (code, area) cell, found in one pass over the table
	 * (a national run has hundreds of codes and areas and 100 000 rows):
	 * the last such row gives the verdict, the first with a label the label */
	int c_kommun = mtab_col(in, "kommun");
	struct keymap *code_ix = keymap_new(), *area_ix = keymap_new();
	for (size_t c = 0; c < ncodes; c++)
		keymap_insert(code_ix, codes[c], strlen(codes[c]), c, NULL);
	for (size_t a = 0; a < narea; a++)
		keymap_insert(area_ix, areas[a], strlen(areas[a]), a, NULL);
	size_t ncell = ncodes * narea;
	size_t *last = emalloc((ncell ? ncell : 1) * sizeof *last);
	size_t *labelled = emalloc((ncell ? ncell : 1) * sizeof *labelled);
	for (size_t i = 0; i < ncell; i++)
		last[i] = labelled[i] = SIZE_MAX;
	for (size_t i = 0; i < in->nrow; i++) {
		const char *ssyk = mtab_str(in, i, c_ssyk), *km = mtab_str(in, i, c_kommun);
		uint64_t c, a;
		if (!keymap_get(code_ix, ssyk, strlen(ssyk), &c) || !keymap_get(area_ix, km, strlen(km), &a))
			continue;
		size_t cell = (size_t)c * narea + (size_t)a;
		last[cell] = i;
		if (labelled[cell] == SIZE_MAX && *mtab_str(in, i, c_label))
			labelled[cell] = i;
	}
	for (size_t c = 0; c < ncodes; c++) {
		size_t r = rtable_add_row(o);
		rtable_text(o, r, 0, codes[c]);
		const char *label = "";
		for (size_t a = 0; a < narea; a++) {
			size_t cell = c * narea + a;
			if (last[cell] != SIZE_MAX)
				rtable_text(o, r, 2 + a, i18n_verdict(S, mtab_str(in, last[cell], c_verdict)));
			if (!*label && labelled[cell] != SIZE_MAX)
				label = mtab_str(in, labelled[cell], c_label);
		}
		rtable_text(o, r, 1, report_ssyk_label(R, codes[c], label));
	}
	free(last);
	free(labelled);
	keymap_free(code_ix);
	keymap_free(area_ix);
	free(codes);
	free(nbrist);
	R->occ_t = o;
	add_table(R, o);
	for (size_t a = 0; a < narea; a++)
		free(areas[a]);
	free(areas);

	if (R->compare) {
		R->ext_t = build_generic(R, R->compare, "jamforelse_extern", S->t_compare_ext);
		add_table(R, R->ext_t);
	}
}

/* The verdict of (kommun, ssyk) in T, "" if absent (borrowed). */
static const char *verdict_in(const struct mtab *t, const char *kommun, const char *ssyk)
{
	int ck = mtab_col(t, "kommun"), cs = mtab_col(t, "ssyk"), cv = mtab_col(t, "verdict");
	for (size_t i = 0; i < t->nrow; i++)
		if (strcmp(mtab_str(t, i, ck), kommun) == 0 && strcmp(mtab_str(t, i, cs), ssyk) == 0)
			return mtab_str(t, i, cv);
	return "";
}

static void push_label(char ***list, size_t *n, const char *s)
{
	*list = erealloc(*list, (*n + 1) * sizeof **list);
	(*list)[(*n)++] = estrdup(s);
}

static void build_changes(struct report *R)
{
	const struct strings *S = R->S;
	const struct mtab *cur = R->shortage, *prev = R->prev_shortage;
	R->changes = ecalloc(R->nkommun ? R->nkommun : 1, sizeof *R->changes);
	struct rtable *t = rtable_new("forandring_brist", S->t_change_occ, 5);
	rtable_col(t, 0, S->c_municipality, 0, 1);
	rtable_col(t, 1, S->c_ssyk, 0, 1);
	rtable_col(t, 2, S->c_occupation, 0, 1);
	rtable_col(t, 3, S->c_prev_verdict, 0, 1);
	rtable_col(t, 4, S->c_new_verdict, 0, 1);
	for (size_t k = 0; k < R->nkommun; k++) {
		const char *km = R->kommun[k];
		/* every code in either run, current order first */
		for (int pass = 0; pass < 2; pass++) {
			const struct mtab *src = pass == 0 ? cur : prev;
			const struct mtab *other = pass == 0 ? prev : cur;
			size_t n;
			size_t *rows = mtab_rows_of(src, km, &n);
			if (pass == 0) {
				sort_tab = src;
				sort_c_verdict = mtab_col(src, "verdict");
				sort_c_score = mtab_col(src, "score");
				sort_c_ssyk = mtab_col(src, "ssyk");
				sort_c_srank = mtab_col(src, "rank");
				qsort(rows, n, sizeof *rows, shortage_row_cmp);
			}
			for (size_t i = 0; i < n; i++) {
				const char *ssyk = mtab_str(src, rows[i], mtab_col(src, "ssyk"));
				const char *v_src = mtab_str(src, rows[i], mtab_col(src, "verdict"));
				const char *v_other = verdict_in(other, km, ssyk);
				if (pass == 1 && *v_other)
					continue; /* already seen in the current run */
				const char *v_prev = pass == 0 ? v_other : v_src;
				const char *v_now = pass == 0 ? v_src : "";
				if (strcmp(v_prev, v_now) == 0)
					continue;
				const char *label = report_ssyk_label(
					R, ssyk, mtab_str(src, rows[i], mtab_col(src, "label")));
				size_t r = rtable_add_row(t);
				rtable_text(t, r, 0, report_area_name(R, km));
				rtable_text(t, r, 1, ssyk);
				rtable_text(t, r, 2, label);
				rtable_text(t, r, 3, *v_prev ? i18n_verdict(S, v_prev) : "");
				rtable_text(t, r, 4, *v_now ? i18n_verdict(S, v_now) : "");
				int was = strcmp(v_prev, "brist") == 0, is = strcmp(v_now, "brist") == 0;
				if (is && !was)
					push_label(&R->changes[k].became, &R->changes[k].nbecame, label);
				if (was && !is)
					push_label(&R->changes[k].ended, &R->changes[k].nended, label);
			}
			free(rows);
		}
	}
	R->chg_occ_t = t;
	add_table(R, t);

	if (!R->trackfit || !R->prev_trackfit)
		return;
	const struct mtab *tc = R->trackfit, *tp = R->prev_trackfit;
	struct rtable *u = rtable_new("forandring_spar", S->t_change_tracks, 6);
	rtable_col(u, 0, S->c_municipality, 0, 1);
	rtable_col(u, 1, S->c_track, 0, 1);
	rtable_col(u, 2, S->c_prev_rank, 0, 0);
	rtable_col(u, 3, S->c_new_rank, 0, 0);
	rtable_col(u, 4, S->c_prev_expected, 1, 0);
	rtable_col(u, 5, S->c_new_expected, 1, 0);
	int ck = mtab_col(tc, "kommun"), ct = mtab_col(tc, "track");
	int pk = mtab_col(tp, "kommun"), pt = mtab_col(tp, "track");
	for (size_t k = 0; k < R->nkommun; k++)
		for (size_t i = 0; i < tc->nrow; i++) {
			if (strcmp(mtab_str(tc, i, ck), R->kommun[k]) != 0)
				continue;
			size_t p;
			for (p = 0; p < tp->nrow; p++)
				if (strcmp(mtab_str(tp, p, pk), R->kommun[k]) == 0 &&
				    strcmp(mtab_str(tp, p, pt), mtab_str(tc, i, ct)) == 0)
					break;
			size_t r = rtable_add_row(u);
			rtable_text(u, r, 0, report_area_name(R, R->kommun[k]));
			rtable_text(u, r, 1, track_name(R, tc, i));
			rtable_num(u, r, 3, mtab_num(tc, i, mtab_col(tc, "rank")));
			rtable_num(u, r, 5, mtab_num(tc, i, mtab_col(tc, "expected_placements")));
			if (disc_base_hidden(&R->rule, mtab_num(tc, i, mtab_col(tc, "eligible"))))
				rtable_suppress(u, r, 5, DISC_PRIMARY);
			if (p < tp->nrow) {
				rtable_num(u, r, 2, mtab_num(tp, p, mtab_col(tp, "rank")));
				rtable_num(u, r, 4, mtab_num(tp, p, mtab_col(tp, "expected_placements")));
				if (disc_base_hidden(&R->rule, mtab_num(tp, p, mtab_col(tp, "eligible"))))
					rtable_suppress(u, r, 4, DISC_PRIMARY);
			}
		}
	R->chg_track_t = u;
	add_table(R, u);
}

/* The list of per-file objects in ingest.json: an array under "files" or
 * "inputs", or the object members that carry a sha256. */
static void collect_ingest_files(const struct jval *v, const struct jval ***out, size_t *n, int depth)
{
	if (!v || depth > 4)
		return;
	if (v->type == JOBJ && json_get(v, "sha256")) {
		*out = erealloc(*out, (*n + 1) * sizeof **out);
		(*out)[(*n)++] = v;
		return;
	}
	if (v->type == JOBJ || v->type == JARR)
		for (size_t i = 0; i < v->n; i++)
			collect_ingest_files(v->item[i], out, n, depth + 1);
}

static void build_quality(struct report *R)
{
	const struct strings *S = R->S;
	/* inputs */
	struct rtable *t = rtable_new("indata", S->t_inputs, 7);
	rtable_col(t, 0, S->c_file, 0, 1);
	rtable_col(t, 1, S->c_sha256, 0, 1);
	rtable_col(t, 2, S->c_bytes, 0, 0);
	rtable_col(t, 3, S->c_encoding, 0, 1);
	rtable_col(t, 4, S->c_rows_read, 0, 0);
	rtable_col(t, 5, S->c_accepted, 0, 0);
	rtable_col(t, 6, S->c_rejected, 0, 0);
	const struct jval **files = NULL;
	size_t nfiles = 0;
	collect_ingest_files(R->ingest, &files, &nfiles, 0);
	for (size_t i = 0; i < nfiles; i++) {
		size_t r = rtable_add_row(t);
		const char *keys[] = {"file", "sha256", "bytes", "encoding", "rows_read", "accepted",
				      "rejected"};
		for (size_t j = 0; j < 7; j++) {
			if (t->col[j].is_text) {
				char *s = json_get_text(files[i], keys[j]);
				rtable_text(t, r, j, s);
				free(s);
			} else {
				rtable_num(t, r, j, json_get_num(files[i], keys[j]));
			}
		}
	}
	free(files);
	R->inputs_t = t;
	add_table(R, t);
	add_table(R, R->rejects_t);

	/* response rate per municipality from the weights audit: one n_h and
	 * r_h per stratum (the collapsed stratum when given) */
	if (R->weights) {
		const struct mtab *w = R->weights;
		int c_st = mtab_col(w, "stratum_used");
		if (c_st < 0)
			c_st = mtab_col(w, "stratum");
		int c_n = mtab_col(w, "n_h"), c_r = mtab_col(w, "r_h");
		struct rtable *u = rtable_new("svarsfrekvens", S->t_response, 4);
		rtable_col(u, 0, S->c_municipality, 0, 1);
		rtable_col(u, 1, S->c_sampled, 0, 0);
		rtable_col(u, 2, S->c_respondents, 0, 0);
		rtable_col(u, 3, S->c_response_rate, 1, 0);
		double tot_n = 0, tot_r = 0;
		for (size_t k = 0; k < R->nkommun; k++) {
			double sampled = 0, resp = 0;
			char **seen = NULL;
			size_t nseen = 0;
			for (size_t i = 0; i < w->nrow; i++) {
				const char *st = mtab_str(w, i, c_st);
				if (strncmp(st, R->kommun[k], 4) != 0 || st[4] != ':')
					continue;
				size_t s;
				for (s = 0; s < nseen; s++)
					if (strcmp(seen[s], st) == 0)
						break;
				if (c_r < 0)
					resp += 1; /* no r_h: count the respondents' rows */
				if (s < nseen)
					continue;
				seen = erealloc(seen, (nseen + 1) * sizeof *seen);
				seen[nseen++] = estrdup(st);
				double nh = mtab_num(w, i, c_n), rh = mtab_num(w, i, c_r);
				if (!isnan(nh))
					sampled += nh;
				if (c_r >= 0 && !isnan(rh))
					resp += rh;
			}
			for (size_t s = 0; s < nseen; s++)
				free(seen[s]);
			free(seen);
			if (nseen == 0)
				continue;
			size_t r = rtable_add_row(u);
			rtable_text(u, r, 0, report_area_name(R, R->kommun[k]));
			rtable_num(u, r, 1, c_n >= 0 ? sampled : NAN);
			rtable_num(u, r, 2, resp);
			rtable_num(u, r, 3, c_n >= 0 && sampled > 0 ? 100 * resp / sampled : NAN);
			tot_n += sampled;
			tot_r += resp;
		}
		if (u->nrow > 1) {
			size_t r = rtable_add_row(u);
			u->is_total[r] = 1;
			rtable_text(u, r, 0, S->total_all);
			rtable_num(u, r, 1, c_n >= 0 ? tot_n : NAN);
			rtable_num(u, r, 2, tot_r);
			rtable_num(u, r, 3, c_n >= 0 && tot_n > 0 ? 100 * tot_r / tot_n : NAN);
		}
		R->response_t = u;
		add_table(R, u);
	}
}

/* Lists every hidden cell of the tables built so far. */
static void build_suppressed_list(struct report *R)
{
	const struct strings *S = R->S;
	struct rtable *t = rtable_new("undertryckta", S->t_suppressed, 4);
	rtable_col(t, 0, S->c_table, 0, 1);
	rtable_col(t, 1, S->c_row, 0, 1);
	rtable_col(t, 2, S->c_column, 0, 1);
	rtable_col(t, 3, S->c_kind, 0, 1);
	for (size_t i = 0; i < R->ntable; i++) {
		const struct rtable *s = R->table[i];
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
					R->n_secondary++;
				else
					R->n_primary++;
			}
	}
	t->html_max_rows = R->max_rows;
	R->suppressed_t = t;
	add_table(R, t);
}

void report_build(struct report *R)
{
	R->shortage_t = ecalloc(R->nkommun ? R->nkommun : 1, sizeof *R->shortage_t);
	R->track_t = ecalloc(R->nkommun ? R->nkommun : 1, sizeof *R->track_t);
	for (size_t k = 0; k < R->nkommun; k++)
		build_shortage(R, k);
	for (size_t k = 0; k < R->nkommun; k++)
		build_tracks(R, k);
	if (R->model) {
		R->model_t = build_generic(R, R->model, "modell", R->S->t_model);
		add_table(R, R->model_t);
	}
	build_compare(R);
	if (R->prev_shortage)
		build_changes(R);
	build_quality(R);
	build_suppressed_list(R);
}
