/* The comparison between the reporting municipalities (compare mode,
 * docs/METHOD.md section 5): compare.tsv in words with the test's interval,
 * the significant differences, figures per 1 000 employed, and the
 * occupations and tracks side by side. */
#include "report.h"
#include "labels.h"
#include "msg.h"

#include <gsl/gsl_cdf.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *tr(const struct report *R, const char *sv, const char *en)
{
	return R->en ? en : sv;
}

/* z of the survey's two-sided intervals (survey.confidence, default 0.95). */
static double confidence_z(const struct report *R, double *confidence)
{
	double c = 0.95;
	if (config_double(R->cfg, "survey", "confidence", 0.95, &c) != 0 || !(c > 0 && c < 1))
		c = 0.95;
	*confidence = c;
	return gsl_cdf_ugaussian_Pinv(0.5 + c / 2);
}

/* compare.tsv's columns of one difference: the two estimates, their
 * difference, its standard error and p-value. */
struct diff_cols {
	int a, b, diff, se, p;
	double scale;   /* 100: shares as percent */
};

/* Index of the reporting municipality KOMMUN, or -1. */
static int kommun_index(const struct report *R, const char *kommun)
{
	for (size_t k = 0; k < R->nkommun; k++)
		if (strcmp(R->kommun[k], kommun) == 0)
			return (int)k;
	return -1;
}

/* compare.tsv in words. Every estimate rests on its side's respondents,
 * the differences on the smaller side. The interval of a difference is
 * diff -/+ z SE (the test's own: z = diff / SE, docs/METHOD.md). */
static void build_survey_differences(struct report *R)
{
	const struct mtab *in = R->compare;
	if (!in || mtab_col(in, "ssyk") < 0 || mtab_col(in, "kommun_a") < 0)
		return;
	double confidence;
	double z = confidence_z(R, &confidence);
	struct rtable *t = rtable_new("jamforelse_extern",
				      tr(R, "Skillnader i enkätsvaren mellan kommunerna",
					 "Survey differences between the municipalities"), 17);
	rtable_sheet(t, tr(R, "Enkätskillnader", "Survey differences"));
	const char *heads[17] = {
		R->S->c_ssyk, R->S->c_occupation, tr(R, "Kommun A", "Municipality A"),
		tr(R, "Kommun B", "Municipality B"), tr(R, "Svarande A", "Respondents A"),
		tr(R, "Svarande B", "Respondents B"),
		tr(R, "Andel arbetsgivare med brist A, %", "Employers reporting shortage A, %"),
		tr(R, "Andel arbetsgivare med brist B, %", "Employers reporting shortage B, %"),
		tr(R, "Skillnad A − B, procentenheter", "Difference A - B, percentage points"),
		tr(R, "Skillnad, nedre gräns", "Difference, lower bound"),
		tr(R, "Skillnad, övre gräns", "Difference, upper bound"),
		tr(R, "p-värde", "p-value"),
		tr(R, "Balanstal A", "Balance A"), tr(R, "Balanstal B", "Balance B"),
		tr(R, "Skillnad i balanstal A − B", "Balance difference A - B"),
		tr(R, "p-värde, balanstal", "p-value, balance"), R->S->c_flags};
	static const int decimals[17] = {0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 3, 0, 0, 0, 3, 0};
	for (size_t j = 0; j < 17; j++)
		rtable_col(t, j, heads[j], decimals[j], j < 4 || j == 16);
	rtable_code(t, 0);
	char *about = easprintf(
		tr(R, "Direkta enkätskattningar för yrken med svar i båda kommunerna: andelen "
		      "arbetsgivare som upplever brist och balanstalet (andel brist minus andel god "
		      "tillgång, −100 till 100), skillnaden med %.0f %%-intervall och p-värde (z-test "
		      "av två oberoende skattningar).",
		   "Direct survey estimates for occupations with answers in both municipalities: the "
		   "share of employers reporting shortage and the balance (share shortage minus share "
		   "good supply, -100 to 100), the difference with a %.0f %% interval and p-value (z "
		   "test of two independent estimates)."),
		100 * confidence);
	rtable_about(t, about);
	free(about);
	t->more_word = tr(R, "yrken", "occupations");
	int c_ssyk = mtab_col(in, "ssyk"), c_label = mtab_col(in, "label"),
	    c_ka = mtab_col(in, "kommun_a"), c_kb = mtab_col(in, "kommun_b"),
	    c_na = mtab_col(in, "n_a"), c_nb = mtab_col(in, "n_b"), c_flag = mtab_col(in, "flag");
	const struct diff_cols share = {mtab_col(in, "share_brist_a"), mtab_col(in, "share_brist_b"),
					mtab_col(in, "diff"), mtab_col(in, "se_diff"),
					mtab_col(in, "p_value"), 100};
	const struct diff_cols balance = {mtab_col(in, "balance_a"), mtab_col(in, "balance_b"),
					  mtab_col(in, "balance_diff"), mtab_col(in, "balance_se_diff"),
					  mtab_col(in, "balance_p_value"), 1};
	for (size_t i = 0; i < in->nrow; i++) {
		const char *ka = mtab_str(in, i, c_ka), *kb = mtab_str(in, i, c_kb);
		if (kommun_index(R, ka) < 0 || kommun_index(R, kb) < 0)
			continue;
		size_t r = rtable_add_row(t);
		const char *ssyk = mtab_str(in, i, c_ssyk);
		rtable_text(t, r, 0, ssyk);
		rtable_text(t, r, 1, report_ssyk_label(R, ssyk, mtab_str(in, i, c_label)));
		rtable_text(t, r, 2, report_area_name(R, ka));
		rtable_text(t, r, 3, report_area_name(R, kb));
		double na = mtab_num(in, i, c_na), nb = mtab_num(in, i, c_nb);
		rtable_num(t, r, 4, na);
		rtable_num(t, r, 5, nb);
		int hide_a = disc_respondents_hidden(&R->rule, na),
		    hide_b = disc_respondents_hidden(&R->rule, nb);
		for (int d = 0; d < 2; d++) {
			const struct diff_cols *c = d ? &balance : &share;
			size_t j0 = d ? 12 : 6;
			double a = mtab_num(in, i, c->a) * c->scale, b = mtab_num(in, i, c->b) * c->scale;
			double diff = mtab_num(in, i, c->diff) * c->scale;
			double se = mtab_num(in, i, c->se) * c->scale, p = mtab_num(in, i, c->p);
			double lim = d ? 200 : 100; /* shares differ by at most 100 points */
			size_t ja = j0, jb = j0 + 1, jd = d ? 14 : 8, jp = d ? 15 : 11;
			rtable_num(t, r, ja, a);
			rtable_num(t, r, jb, b);
			rtable_num(t, r, jd, diff);
			rtable_num(t, r, jp, p);
			if (!d && isfinite(se) && se > 0) {
				rtable_num(t, r, 9, fmax(-lim, diff - z * se));
				rtable_num(t, r, 10, fmin(lim, diff + z * se));
			}
			if (hide_a)
				rtable_suppress(t, r, ja, DISC_PRIMARY);
			if (hide_b)
				rtable_suppress(t, r, jb, DISC_PRIMARY);
			if (hide_a || hide_b) {
				rtable_suppress(t, r, jd, DISC_PRIMARY);
				rtable_suppress(t, r, jp, DISC_PRIMARY);
				if (!d) {
					rtable_suppress(t, r, 9, DISC_PRIMARY);
					rtable_suppress(t, r, 10, DISC_PRIMARY);
				}
			}
		}
		const char *flag = mtab_str(in, i, c_flag);
		char *words = label_flags(R->en, flag, "");
		rtable_text(t, r, 16, words);
		free(words);
		if (!hide_a && !hide_b && !strstr(flag, "no_variance") && isfinite(mtab_num(in, i, share.p)))
			R->survey_tested++;
	}
	t->html_max_rows = R->max_rows;
	R->survey_t = t;
	report_add_table(R, t);
}

static const struct rtable *sort_sig;

/* The p-value of the difference in the share reporting shortage (the
 * balance's test stays in the workbook), INFINITY when hidden or absent. */
static double row_min_p(const struct rtable *t, size_t r)
{
	const struct rcell *a = rtable_get(t, r, 11);
	return a->kind == RCELL_NUM ? a->num : INFINITY;
}

static int sig_row_cmp(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;
	double pa = row_min_p(sort_sig, a), pb = row_min_p(sort_sig, b);
	if (pa != pb)
		return pa < pb ? -1 : 1;
	return a < b ? -1 : a > b;
}

/* The rows of survey_t whose share reporting shortage differs
 * significantly (p below 1 - confidence), published ones only, by p-value. */
static void build_significant(struct report *R)
{
	const struct rtable *s = R->survey_t;
	if (!s)
		return;
	double confidence;
	confidence_z(R, &confidence);
	double alpha = 1 - confidence;
	size_t *rows = emalloc((s->nrow + 1) * sizeof *rows), n = 0;
	for (size_t r = 0; r < s->nrow; r++) {
		if (row_min_p(s, r) < alpha)
			rows[n++] = r;
	}
	sort_sig = s;
	qsort(rows, n, sizeof *rows, sig_row_cmp);
	int one_pair = R->nkommun == 2;
	const char *na = one_pair ? report_area_name(R, R->kommun[0]) : tr(R, "A", "A");
	const char *nb = one_pair ? report_area_name(R, R->kommun[1]) : tr(R, "B", "B");
	char *title = easprintf(tr(R, "Yrken där kommunerna skiljer sig (p < %.2f)",
				   "Occupations where the municipalities differ (p < %.2f)"), alpha);
	struct rtable *t = rtable_new("skillnader", title, 12);
	free(title);
	rtable_sheet(t, tr(R, "Signifikanta skillnader", "Significant differences"));
	char *ha = easprintf(tr(R, "%s, andel med brist, %%", "%s, share reporting shortage, %%"), na);
	char *hb = easprintf(tr(R, "%s, andel med brist, %%", "%s, share reporting shortage, %%"), nb);
	char *ba = easprintf(tr(R, "%s, balanstal", "%s, balance"), na);
	char *bb = easprintf(tr(R, "%s, balanstal", "%s, balance"), nb);
	rtable_col(t, 0, R->S->c_ssyk, 0, 1);
	rtable_code(t, 0);
	rtable_col(t, 1, R->S->c_occupation, 0, 1);
	rtable_col(t, 2, tr(R, "Jämförelse", "Comparison"), 0, 1);
	rtable_col(t, 3, ha, 1, 0);
	rtable_col(t, 4, hb, 1, 0);
	rtable_col(t, 5, tr(R, "Skillnad, procentenheter", "Difference, percentage points"), 1, 0);
	rtable_col(t, 6, tr(R, "Intervall, nedre", "Interval, lower"), 1, 0);
	rtable_col(t, 7, tr(R, "Intervall, övre", "Interval, upper"), 1, 0);
	rtable_col(t, 8, tr(R, "p-värde", "p-value"), 3, 0);
	rtable_col(t, 9, ba, 0, 0);
	rtable_col(t, 10, bb, 0, 0);
	rtable_col(t, 11, tr(R, "p-värde, balanstal", "p-value, balance"), 3, 0);
	t->col[9].html_hidden = t->col[10].html_hidden = 1;
	free(ha), free(hb), free(ba), free(bb);
	rtable_about(t, tr(R, "Enkätens andel arbetsgivare som upplever brist i de två kommunerna, "
			      "skillnaden med intervall och p-värde; balanstal = andel brist minus "
			      "andel god tillgång.",
			   "The survey's share of employers reporting shortage in the two "
			   "municipalities, the difference with its interval and p-value; balance = "
			   "share shortage minus share good supply."));
	static const size_t from[12] = {0, 1, 2, 6, 7, 8, 9, 10, 11, 12, 13, 15};
	for (size_t i = 0; i < n; i++) {
		size_t r = rtable_add_row(t);
		for (size_t j = 0; j < 12; j++) {
			const struct rcell *c = rtable_get(s, rows[i], from[j]);
			if (j == 2) {
				const struct rcell *a = rtable_get(s, rows[i], 2), *b = rtable_get(s, rows[i], 3);
				char *pair = easprintf("%s – %s", a->text ? a->text : "", b->text ? b->text : "");
				rtable_text(t, r, 2, pair);
				free(pair);
			} else if (c->kind == RCELL_TEXT) {
				rtable_text(t, r, j, c->text);
			} else if (c->kind == RCELL_NUM) {
				rtable_num(t, r, j, c->num);
			} else if (c->kind == RCELL_SUPPRESSED) {
				rtable_suppress(t, r, j, (enum disc_state)c->why);
			}
		}
	}
	if (one_pair)
		t->col[2].html_hidden = 1;
	free(rows);
	t->html_max_rows = R->max_rows;
	t->more_word = tr(R, "yrken", "occupations");
	R->sig_t = t;
	report_add_table(R, t);
}

/* Sums of a municipality over its rows of shortage.tsv. */
struct kommun_sums {
	double emp, js, vac, planned, openings, replacement;
	size_t assessed, brist;
};

static void kommun_sums(const struct report *R, const char *kommun, struct kommun_sums *s)
{
	const struct mtab *in = R->shortage;
	int model = mtab_col(in, "planned_hires_model") >= 0;
	int c_emp = mtab_col(in, "employed"), c_js = mtab_col(in, "jobseekers"),
	    c_vac = mtab_col(in, "vacancies"),
	    c_ph = mtab_col(in, model ? "planned_hires_model" : "planned_hires"),
	    c_op = mtab_col(in, "openings_5y"), c_rep = mtab_col(in, "replacement_5y"),
	    c_v = mtab_col(in, "verdict");
	memset(s, 0, sizeof *s);
	size_t n;
	size_t *rows = mtab_rows_of(in, kommun, &n);
	for (size_t i = 0; i < n; i++) {
		double v;
		if (!isnan(v = mtab_num(in, rows[i], c_emp)))
			s->emp += v;
		if (!isnan(v = mtab_num(in, rows[i], c_js)))
			s->js += v;
		if (!isnan(v = mtab_num(in, rows[i], c_vac)))
			s->vac += v;
		if (!isnan(v = mtab_num(in, rows[i], c_ph)))
			s->planned += v;
		if (!isnan(v = mtab_num(in, rows[i], c_op)))
			s->openings += v;
		if (!isnan(v = mtab_num(in, rows[i], c_rep)))
			s->replacement += v;
		int o = report_verdict_order(mtab_str(in, rows[i], c_v));
		s->assessed += o < 4;
		s->brist += o == 0;
	}
	free(rows);
}

static void build_per1000(struct report *R)
{
	struct rtable *t = rtable_new("per_1000", tr(R, "Kommunerna per 1 000 sysselsatta",
						     "The municipalities per 1,000 employed"), 10);
	rtable_sheet(t, tr(R, "Per 1000 sysselsatta", "Per 1000 employed"));
	const char *heads[10] = {
		R->S->c_municipality, R->S->c_employed, R->S->c_assessed,
		tr(R, "Bristyrken", "Shortage occupations"), R->S->c_share_brist_occ,
		tr(R, "Arbetssökande per 1 000 sysselsatta", "Jobseekers per 1,000 employed"),
		tr(R, "Annonserade platser per 1 000 sysselsatta", "Advertised positions per 1,000 employed"),
		tr(R, "Planerade rekryteringar, 12 mån, per 1 000 sysselsatta",
		   "Planned hires, 12 months, per 1,000 employed"),
		tr(R, "Rekryteringsbehov 5 år per 1 000 sysselsatta", "Hiring need 5 years per 1,000 employed"),
		tr(R, "Pensionsavgångar 5 år per 1 000 sysselsatta", "Retirements 5 years per 1,000 employed")};
	for (size_t j = 0; j < 10; j++)
		rtable_col(t, j, heads[j], j >= 4 ? 1 : 0, j == 0);
	rtable_about(t, tr(R, "Sysselsatta i antal personer, bedömda yrken och bristyrken i antal; "
			      "de följande kolumnerna per 1 000 sysselsatta i kommunen (planerade "
			      "rekryteringar i yrken med enkätsvar), så att kommuner av olika "
			      "storlek kan jämföras.",
			   "Employed in persons, assessed and shortage occupations as counts; the "
			   "following columns per 1,000 employed in the municipality (planned hires "
			   "in occupations with survey answers), so municipalities of different size "
			   "can be compared."));
	for (size_t k = 0; k < R->nkommun; k++) {
		struct kommun_sums s;
		kommun_sums(R, R->kommun[k], &s);
		if (s.emp <= 0)
			continue;
		size_t r = rtable_add_row(t);
		rtable_text(t, r, 0, report_area_name(R, R->kommun[k]));
		rtable_num(t, r, 1, s.emp);
		rtable_num(t, r, 2, (double)s.assessed);
		rtable_num(t, r, 3, (double)s.brist);
		rtable_num(t, r, 4, s.assessed ? 100.0 * (double)s.brist / (double)s.assessed : NAN);
		double v[5] = {s.js, s.vac, s.planned, s.openings, s.replacement};
		for (size_t j = 0; j < 5; j++)
			rtable_num(t, r, 5 + j, 1000 * v[j] / s.emp);
		/* whole municipalities: a count below the threshold hides its rate */
		if (disc_count_hidden(&R->rule, s.emp)) {
			rtable_suppress(t, r, 1, DISC_PRIMARY);
			for (size_t j = 5; j < 10; j++)
				rtable_suppress(t, r, j, DISC_PRIMARY);
		}
		if (disc_count_hidden(&R->rule, s.js))
			rtable_suppress(t, r, 5, DISC_PRIMARY);
		if (disc_count_hidden(&R->rule, s.replacement)) {
			rtable_suppress(t, r, 8, DISC_PRIMARY);
			rtable_suppress(t, r, 9, DISC_PRIMARY);
		}
	}
	R->per1000_t = t;
	report_add_table(R, t);
}

/* The occupations with verdict brist or bevaka in any reporting
 * municipality, by their best rank anywhere, with each municipality's
 * verdict and shortage index side by side. */
struct side_occ {
	char ssyk[5];
	double best;     /* lowest rank in any municipality */
	const char *label;
};

static int side_occ_cmp(const void *a, const void *b)
{
	const struct side_occ *x = a, *y = b;
	if (x->best != y->best)
		return x->best < y->best ? -1 : 1;
	return strcmp(x->ssyk, y->ssyk);
}

static void build_side_occupations(struct report *R)
{
	const struct mtab *in = R->shortage;
	int c_ssyk = mtab_col(in, "ssyk"), c_v = mtab_col(in, "verdict"), c_rank = mtab_col(in, "rank"),
	    c_label = mtab_col(in, "label");
	int c_s = mtab_col(in, "shortage_index") >= 0 ? mtab_col(in, "shortage_index")
						      : mtab_col(in, "score");
	struct side_occ *occ = NULL;
	size_t nocc = 0;
	/* per (municipality, occupation) the row, found once */
	size_t nk = R->nkommun;
	for (size_t k = 0; k < nk; k++) {
		size_t n;
		size_t *rows = mtab_rows_of(in, R->kommun[k], &n);
		for (size_t i = 0; i < n; i++) {
			int o = report_verdict_order(mtab_str(in, rows[i], c_v));
			if (o > 1)
				continue;
			const char *ssyk = mtab_str(in, rows[i], c_ssyk);
			double rank = mtab_num(in, rows[i], c_rank);
			if (isnan(rank))
				rank = 1e9;
			size_t j;
			for (j = 0; j < nocc; j++)
				if (strcmp(occ[j].ssyk, ssyk) == 0)
					break;
			if (j == nocc) {
				occ = erealloc(occ, (nocc + 1) * sizeof *occ);
				snprintf(occ[j].ssyk, sizeof occ[j].ssyk, "%s", ssyk);
				occ[j].best = rank;
				occ[j].label = mtab_str(in, rows[i], c_label);
				nocc++;
			} else if (rank < occ[j].best) {
				occ[j].best = rank;
			}
		}
		free(rows);
	}
	if (nocc)
		qsort(occ, nocc, sizeof *occ, side_occ_cmp);
	struct rtable *t = rtable_new("jamforelse_yrken", R->S->t_compare_occ, 2 + 3 * nk);
	rtable_sheet(t, tr(R, "Yrken sida vid sida", "Occupations side by side"));
	rtable_col(t, 0, R->S->c_ssyk, 0, 1);
	rtable_code(t, 0);
	rtable_col(t, 1, R->S->c_occupation, 0, 1);
	for (size_t k = 0; k < nk; k++) {
		const char *name = report_area_name(R, R->kommun[k]);
		char *h = easprintf(tr(R, "%s: bedömning", "%s: verdict"), name);
		rtable_col(t, 2 + 3 * k, h, 0, 1);
		free(h);
		h = easprintf(tr(R, "%s: bristindex", "%s: shortage index"), name);
		rtable_col(t, 3 + 3 * k, h, 2, 0);
		free(h);
		h = easprintf(tr(R, "%s: rang", "%s: rank"), name);
		rtable_col(t, 4 + 3 * k, h, 0, 0);
		t->col[4 + 3 * k].html_hidden = 1;
		free(h);
	}
	rtable_about(t, tr(R, "Yrken som är bristyrken eller ska bevakas i minst en av kommunerna, "
			      "efter bästa rang; bristindex mäts mot varje kommuns eget genomsnittliga "
			      "yrke.",
			   "Occupations in shortage or on watch in at least one of the "
			   "municipalities, by best rank; the shortage index is measured against "
			   "each municipality's own average occupation."));
	t->more_word = tr(R, "yrken", "occupations");
	/* the cells: one pass over each municipality's rows */
	for (size_t j = 0; j < nocc; j++) {
		size_t r = rtable_add_row(t);
		rtable_text(t, r, 0, occ[j].ssyk);
		rtable_text(t, r, 1, report_ssyk_label(R, occ[j].ssyk, occ[j].label));
	}
	for (size_t k = 0; k < nk; k++) {
		size_t n;
		size_t *rows = mtab_rows_of(in, R->kommun[k], &n);
		for (size_t i = 0; i < n; i++) {
			const char *ssyk = mtab_str(in, rows[i], c_ssyk);
			for (size_t j = 0; j < nocc; j++) {
				if (strcmp(occ[j].ssyk, ssyk) != 0)
					continue;
				rtable_text(t, j, 2 + 3 * k, i18n_verdict(R->S, mtab_str(in, rows[i], c_v)));
				rtable_num(t, j, 3 + 3 * k, mtab_num(in, rows[i], c_s));
				rtable_num(t, j, 4 + 3 * k, mtab_num(in, rows[i], c_rank));
			}
		}
		free(rows);
	}
	free(occ);
	t->html_max_rows = R->max_rows;
	R->side_occ_t = t;
	report_add_table(R, t);
}

/* Every track (in the order of trackfit.tsv) with each municipality's
 * expected placements, fit and rank. */
static void build_side_tracks(struct report *R)
{
	const struct mtab *in = R->trackfit;
	if (!in || mtab_col(in, "track") < 0)
		return;
	int c_k = mtab_col(in, "kommun"), c_t = mtab_col(in, "track"), c_e = mtab_col(in, "eligible"),
	    c_x = mtab_col(in, "expected_placements"), c_f = mtab_col(in, "fit"),
	    c_r = mtab_col(in, "rank");
	size_t nk = R->nkommun;
	struct rtable *t = rtable_new("jamforelse_spar", tr(R, "Jobbspåren sida vid sida",
							    "The job tracks side by side"), 1 + 3 * nk);
	rtable_sheet(t, tr(R, "Jobbspår sida vid sida", "Job tracks side by side"));
	rtable_col(t, 0, R->S->c_track, 0, 1);
	for (size_t k = 0; k < nk; k++) {
		const char *name = report_area_name(R, R->kommun[k]);
		char *h = easprintf(tr(R, "%s: förväntade placeringar", "%s: expected placements"), name);
		rtable_col(t, 1 + 3 * k, h, 1, 0);
		free(h);
		h = easprintf(tr(R, "%s: passning", "%s: fit"), name);
		rtable_col(t, 2 + 3 * k, h, 1, 0);
		free(h);
		h = easprintf(tr(R, "%s: rang", "%s: rank"), name);
		rtable_col(t, 3 + 3 * k, h, 0, 0);
		free(h);
	}
	rtable_about(t, tr(R, "Förväntade placeringar i arbete inom ett år, passning 0–100 och "
			      "rang inom kommunen för varje jobbspår.",
			   "Expected placements in work within a year, fit 0-100 and rank within "
			   "the municipality for each job track."));
	char **ids = NULL;
	size_t nids = 0;
	for (size_t i = 0; i < in->nrow; i++) {
		int k = kommun_index(R, mtab_str(in, i, c_k));
		if (k < 0)
			continue;
		const char *id = mtab_str(in, i, c_t);
		size_t j;
		for (j = 0; j < nids; j++)
			if (strcmp(ids[j], id) == 0)
				break;
		if (j == nids) {
			ids = erealloc(ids, (nids + 1) * sizeof *ids);
			ids[nids++] = estrdup(id);
			size_t r = rtable_add_row(t);
			const char *name = report_track_name(in, i);
			char *section = easprintf("track.%s", id);
			const char *cfg_name = config_get(R->cfg, section, "name");
			free(section);
			rtable_text(t, r, 0, strcmp(name, id) == 0 && cfg_name ? cfg_name : name);
		}
		size_t col = 1 + 3 * (size_t)k;
		rtable_num(t, j, col, mtab_num(in, i, c_x));
		/* hidden by the report's rule, or already by jobbspar-trackfit ("..") */
		if (disc_base_hidden(&R->rule, mtab_num(in, i, c_e)) || mtab_hidden(in, i, c_x))
			rtable_suppress(t, j, col, DISC_PRIMARY);
		rtable_num(t, j, col + 1, mtab_num(in, i, c_f));
		rtable_num(t, j, col + 2, mtab_num(in, i, c_r));
	}
	for (size_t j = 0; j < nids; j++)
		free(ids[j]);
	free(ids);
	R->side_track_t = t;
	report_add_table(R, t);
}

void report_build_compare(struct report *R)
{
	if (!R->compare_mode)
		return;
	build_per1000(R);
	build_side_occupations(R);
	build_side_tracks(R);
	build_survey_differences(R);
	build_significant(R);
}
