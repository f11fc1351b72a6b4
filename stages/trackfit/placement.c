#include "placement.h"
#include "logit.h"
#include "msg.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const person_term[FEAT_PERSON_COUNT] = {
	"intercept", "kvinna", "age_16_24", "age_35_44", "age_45_plus",
	"sun_3_4", "sun_5_6", "sun_unknown", "swedish_rank", "swedish_unknown",
	"years_since_arrival", "arrival_unknown",
};

void placement_person_features(const struct person *x, double *row)
{
	for (int j = 0; j < FEAT_PERSON_COUNT; j++)
		row[j] = 0;
	row[FEAT_INTERCEPT] = 1;
	row[FEAT_FEMALE] = x->female == 1;
	/* reference band 25-34; unknown age counts as the reference */
	if (x->age >= 0 && x->age <= 24)
		row[FEAT_AGE_16_24] = 1;
	else if (x->age >= 35 && x->age <= 44)
		row[FEAT_AGE_35_44] = 1;
	else if (x->age >= 45)
		row[FEAT_AGE_45_PLUS] = 1;
	/* reference SUN 0-2 (no upper-secondary education) */
	if (x->sun < 0)
		row[FEAT_SUN_UNKNOWN] = 1;
	else if (x->sun >= 5)
		row[FEAT_SUN_5_6] = 1;
	else if (x->sun >= 3)
		row[FEAT_SUN_3_4] = 1;
	if (x->swedish > 0)
		row[FEAT_SWEDISH_RANK] = x->swedish;
	else
		row[FEAT_SWEDISH_UNKNOWN] = 1;
	if (isfinite(x->years_since_arrival)) {
		double y = x->years_since_arrival;
		row[FEAT_YEARS_SINCE_ARRIVAL] = y < 0 ? 0 : y > 10 ? 10 : y;
	} else {
		row[FEAT_ARRIVAL_UNKNOWN] = 1;
	}
}

/* The full term vector (person features, then one dummy per track). */
static void full_row(const struct person *x, size_t track, size_t ntracks, double *row)
{
	placement_person_features(x, row);
	for (size_t t = 0; t < ntracks; t++)
		row[FEAT_PERSON_COUNT + t] = t == track;
}

struct fit_result {
	int *kept;        /* nterms */
	size_t nkept;
	double *beta;     /* nterms, 0 for dropped terms */
	double *se;       /* nterms, NaN for dropped terms */
	double *cov;      /* nkept^2 or NULL */
	enum logit_status status;
	int iterations;
	double loglik;
};

/* Fits on the outcomes ROWS[0..n) with the terms that vary among them
 * (the reference track's dummy never enters). */
static void fit_rows(const struct outcome *o, const size_t *rows, size_t n, size_t ntracks,
		     size_t reference, int want_cov, struct fit_result *f)
{
	size_t nterms = FEAT_PERSON_COUNT + ntracks;
	f->kept = ecalloc(nterms, sizeof *f->kept);
	f->beta = ecalloc(nterms, sizeof *f->beta);
	f->se = emalloc(nterms * sizeof *f->se);
	f->cov = NULL;
	double *row = emalloc(nterms * sizeof *row);
	double *first = emalloc(nterms * sizeof *first);
	for (size_t i = 0; i < n; i++) {
		full_row(&o[rows[i]].x, o[rows[i]].track, ntracks, row);
		for (size_t j = 0; j < nterms; j++) {
			if (i == 0)
				first[j] = row[j];
			else if (row[j] != first[j])
				f->kept[j] = 1;
		}
	}
	f->kept[FEAT_INTERCEPT] = 1;
	f->kept[FEAT_PERSON_COUNT + reference] = 0;
	f->nkept = 0;
	for (size_t j = 0; j < nterms; j++)
		f->nkept += f->kept[j];
	double *x = emalloc((n ? n : 1) * f->nkept * sizeof *x);
	double *y = emalloc((n ? n : 1) * sizeof *y);
	for (size_t i = 0; i < n; i++) {
		full_row(&o[rows[i]].x, o[rows[i]].track, ntracks, row);
		size_t k = 0;
		for (size_t j = 0; j < nterms; j++)
			if (f->kept[j])
				x[i * f->nkept + k++] = row[j];
		y[i] = o[rows[i]].employed_365d;
	}
	double *b = emalloc(f->nkept * sizeof *b), *se = emalloc(f->nkept * sizeof *se);
	f->status = n ? logit_fit_irls(x, y, n, f->nkept, b, se, &f->iterations, &f->loglik)
		      : LOGIT_SINGULAR;
	size_t k = 0;
	for (size_t j = 0; j < nterms; j++) {
		f->se[j] = NAN;
		if (f->kept[j]) {
			f->beta[j] = f->status == LOGIT_OK ? b[k] : 0;
			f->se[j] = f->status == LOGIT_OK ? se[k] : NAN;
			k++;
		}
	}
	if (want_cov && f->status == LOGIT_OK) {
		f->cov = emalloc(f->nkept * f->nkept * sizeof *f->cov);
		if (logit_covariance(x, n, f->nkept, b, f->cov) != 0) {
			free(f->cov);
			f->cov = NULL;
			f->status = LOGIT_SINGULAR;
		}
	}
	free(b);
	free(se);
	free(x);
	free(y);
	free(row);
	free(first);
}

static void fit_result_free(struct fit_result *f)
{
	free(f->kept);
	free(f->beta);
	free(f->se);
	free(f->cov);
}

/* Held-out evaluation: a seeded permutation, the first TEST_SHARE of it
 * held out, the model refitted on the rest. */
static void heldout(struct placement_model *m, const struct outcome *o, size_t n,
		    const struct placement_settings *s)
{
	m->auc = m->brier = m->brier_baseline = NAN;
	size_t *perm = emalloc((n ? n : 1) * sizeof *perm);
	for (size_t i = 0; i < n; i++)
		perm[i] = i;
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(rng, s->seed);
	if (n > 1)
		gsl_ran_shuffle(rng, perm, n, sizeof *perm);
	gsl_rng_free(rng);
	size_t ntest = (size_t)floor((double)n * s->test_share + 0.5);
	if (ntest == 0 || ntest >= n) {
		free(perm);
		return;
	}
	m->n_test = ntest;
	m->n_train = n - ntest;
	struct fit_result f;
	fit_rows(o, perm + ntest, n - ntest, m->ntracks, m->reference_track, 0, &f);
	if (f.status == LOGIT_OK) {
		double *pred = emalloc(ntest * sizeof *pred), *y = emalloc(ntest * sizeof *y);
		double *base = emalloc(ntest * sizeof *base);
		double *row = emalloc(m->nterms * sizeof *row);
		double mean = 0;
		for (size_t i = ntest; i < n; i++)
			mean += o[perm[i]].employed_365d;
		mean /= (double)(n - ntest);
		for (size_t i = 0; i < ntest; i++) {
			const struct outcome *r = &o[perm[i]];
			full_row(&r->x, r->track, m->ntracks, row);
			pred[i] = logit_predict(f.beta, row, m->nterms);
			y[i] = r->employed_365d;
			base[i] = mean;
		}
		m->auc = logit_auc(pred, y, ntest);
		m->brier = logit_brier(pred, y, ntest);
		m->brier_baseline = logit_brier(base, y, ntest);
		free(pred);
		free(y);
		free(base);
		free(row);
	}
	fit_result_free(&f);
	free(perm);
}

static void use_fallback(struct placement_model *m, const char *reason)
{
	m->use_model = 0;
	free(m->reason);
	m->reason = estrdup(reason);
	for (size_t t = 0; t < m->ntracks; t++)
		m->source[t] = P_FALLBACK;
}

void placement_fit(struct placement_model *m, const struct outcome *o, size_t n,
		   const struct track *tracks, size_t ntracks, const struct placement_settings *s)
{
	memset(m, 0, sizeof *m);
	m->ntracks = ntracks;
	m->nterms = FEAT_PERSON_COUNT + ntracks;
	m->term = emalloc(m->nterms * sizeof *m->term);
	for (size_t j = 0; j < FEAT_PERSON_COUNT; j++)
		m->term[j] = estrdup(person_term[j]);
	for (size_t t = 0; t < ntracks; t++)
		m->term[FEAT_PERSON_COUNT + t] = easprintf("track_%s", tracks[t].id);
	m->kept = ecalloc(m->nterms, sizeof *m->kept);
	m->beta = ecalloc(m->nterms, sizeof *m->beta);
	m->se = emalloc(m->nterms * sizeof *m->se);
	for (size_t j = 0; j < m->nterms; j++)
		m->se[j] = NAN;
	m->track_outcomes = ecalloc(ntracks, sizeof *m->track_outcomes);
	m->fallback = emalloc(ntracks * sizeof *m->fallback);
	m->source = emalloc(ntracks * sizeof *m->source);
	for (size_t t = 0; t < ntracks; t++)
		m->fallback[t] = isnan(tracks[t].fallback_rate) ? s->fallback_rate : tracks[t].fallback_rate;
	m->fallback_new = s->fallback_rate;
	m->auc = m->brier = m->brier_baseline = m->loglik = NAN;
	m->n_outcomes = n;
	for (size_t i = 0; i < n; i++) {
		m->n_events += o[i].employed_365d;
		m->track_outcomes[o[i].track]++;
	}
	m->reference_track = 0;
	while (m->reference_track < ntracks && m->track_outcomes[m->reference_track] == 0)
		m->reference_track++;
	if (n == 0 || m->reference_track == ntracks) {
		m->reference_track = 0;
		use_fallback(m, "no outcomes");
		return;
	}
	size_t *rows = emalloc(n * sizeof *rows);
	for (size_t i = 0; i < n; i++)
		rows[i] = i;
	struct fit_result f;
	fit_rows(o, rows, n, ntracks, m->reference_track, 1, &f);
	free(rows);
	double fewest = fmin((double)m->n_events, (double)(n - m->n_events));
	double needed = s->min_events_per_variable * (double)(f.nkept - 1);
	if (f.status != LOGIT_OK) {
		char *why = easprintf("logistic regression failed: %s", logit_strstatus(f.status));
		use_fallback(m, why);
		free(why);
		fit_result_free(&f);
		return;
	}
	m->iterations = f.iterations;
	m->loglik = f.loglik;
	memcpy(m->kept, f.kept, m->nterms * sizeof *m->kept);
	memcpy(m->beta, f.beta, m->nterms * sizeof *m->beta);
	memcpy(m->se, f.se, m->nterms * sizeof *m->se);
	m->nkept = f.nkept;
	m->cov = f.cov;
	f.cov = NULL;
	fit_result_free(&f);
	if (fewest < needed) {
		char *why = easprintf("too few outcomes: %.0f of the rarer class, need %.0f "
				      "(%g per estimated term)", fewest, needed, s->min_events_per_variable);
		use_fallback(m, why);
		free(why);
		heldout(m, o, n, s);
		return;
	}
	m->chol = emalloc(m->nkept * m->nkept * sizeof *m->chol);
	memcpy(m->chol, m->cov, m->nkept * m->nkept * sizeof *m->chol);
	gsl_matrix_view cv = gsl_matrix_view_array(m->chol, m->nkept, m->nkept);
	if (gsl_linalg_cholesky_decomp1(&cv.matrix) != GSL_SUCCESS) {
		use_fallback(m, "coefficient covariance not positive definite");
		return;
	}
	m->use_model = 1;
	for (size_t t = 0; t < ntracks; t++)
		m->source[t] = m->track_outcomes[t] ? P_MODEL : P_MODEL_AVG_TRACK;
	heldout(m, o, n, s);
}

void placement_free(struct placement_model *m)
{
	if (m->term)
		for (size_t j = 0; j < m->nterms; j++)
			free(m->term[j]);
	free(m->term);
	free(m->kept);
	free(m->beta);
	free(m->se);
	free(m->cov);
	free(m->chol);
	free(m->track_outcomes);
	free(m->fallback);
	free(m->source);
	free(m->reason);
	memset(m, 0, sizeof *m);
}

double placement_track_term(const struct placement_model *m, const double *beta, size_t t)
{
	if (!beta)
		beta = m->beta;
	if (m->track_outcomes[t])
		return beta[FEAT_PERSON_COUNT + t]; /* 0 for the reference track */
	return placement_mean_track_term(m, beta);
}

double placement_mean_track_term(const struct placement_model *m, const double *beta)
{
	if (!beta)
		beta = m->beta;
	double sum = 0, count = 0;
	for (size_t u = 0; u < m->ntracks; u++)
		if (m->track_outcomes[u]) {
			sum += (double)m->track_outcomes[u] * beta[FEAT_PERSON_COUNT + u];
			count += (double)m->track_outcomes[u];
		}
	return count > 0 ? sum / count : 0;
}

/* The logistic probability of X with the track term TRACK_TERM. */
static double prob_with_term(const struct placement_model *m, const double *beta, const struct person *x,
			     double track_term)
{
	double row[FEAT_PERSON_COUNT];
	placement_person_features(x, row);
	double eta = track_term;
	for (size_t j = 0; j < FEAT_PERSON_COUNT; j++)
		if (m->kept[j])
			eta += beta[j] * row[j];
	return eta >= 0 ? 1 / (1 + exp(-eta)) : exp(eta) / (1 + exp(eta));
}

double placement_prob(const struct placement_model *m, const double *beta, const struct person *x,
		      size_t t)
{
	if (!m->use_model)
		return m->fallback[t];
	if (!beta)
		beta = m->beta;
	return prob_with_term(m, beta, x, placement_track_term(m, beta, t));
}

double placement_prob_any(const struct placement_model *m, const double *beta,
			  const struct person *x, int t)
{
	if (t >= 0)
		return placement_prob(m, beta, x, (size_t)t);
	if (!m->use_model)
		return m->fallback_new;
	if (!beta)
		beta = m->beta;
	return prob_with_term(m, beta, x, placement_mean_track_term(m, beta));
}

int placement_source(const struct placement_model *m, int t)
{
	if (t >= 0)
		return m->source[t];
	return m->use_model ? P_MODEL_AVG_TRACK : P_FALLBACK;
}

void placement_draw_beta(const struct placement_model *m, gsl_rng *rng, double *beta)
{
	memcpy(beta, m->beta, m->nterms * sizeof *beta);
	if (!m->use_model)
		return;
	double *z = emalloc(m->nkept * sizeof *z);
	for (size_t k = 0; k < m->nkept; k++)
		z[k] = gsl_ran_gaussian(rng, 1.0);
	size_t a = 0;
	for (size_t j = 0; j < m->nterms; j++) {
		if (!m->kept[j])
			continue;
		double d = 0;
		for (size_t b = 0; b <= a; b++)
			d += m->chol[a * m->nkept + b] * z[b];
		beta[j] += d;
		a++;
	}
	free(z);
}

const char *placement_source_name(int source)
{
	switch (source) {
	case P_MODEL: return "model";
	case P_MODEL_AVG_TRACK: return "model_mean_track";
	default: return "fallback";
	}
}
