/* placement: the probability that a candidate is employed within 365 days
 * of starting a track. A logistic regression on past outcomes (logit.c)
 * when there are enough of them, else documented fallback rates
 * (docs/METHOD.md). */
#ifndef JOBBSPAR_TRACKFIT_PLACEMENT_H
#define JOBBSPAR_TRACKFIT_PLACEMENT_H

#include "inputs.h"
#include "track.h"

#include <gsl/gsl_rng.h>
#include <stddef.h>

/* Person features before the track terms, in this order. */
enum {
	FEAT_INTERCEPT, FEAT_FEMALE, FEAT_AGE_16_24, FEAT_AGE_35_44, FEAT_AGE_45_PLUS,
	FEAT_SUN_3_4, FEAT_SUN_5_6, FEAT_SUN_UNKNOWN, FEAT_SWEDISH_RANK, FEAT_SWEDISH_UNKNOWN,
	FEAT_YEARS_SINCE_ARRIVAL, FEAT_ARRIVAL_UNKNOWN, FEAT_PERSON_COUNT
};

struct placement_settings {
	unsigned long seed;
	double min_events_per_variable; /* model needs min(events, non-events) >= this x terms */
	double test_share;              /* held-out share, e.g. 0.2 */
	double fallback_rate;           /* for tracks without their own fallback_rate */
};

struct placement_model {
	int use_model;        /* 1 logistic regression, 0 fallback rates */
	char *reason;         /* why the fallback is used (owned), or NULL */
	size_t nterms;        /* FEAT_PERSON_COUNT + ntracks: every possible term */
	char **term;          /* names (owned) */
	int *kept;            /* term is estimated (varies in the outcomes) */
	double *beta, *se;    /* nterms; 0 / NaN for terms not estimated */
	double *cov;          /* nkept x nkept covariance of the kept terms */
	double *chol;         /* its lower Cholesky factor, for draws */
	size_t nkept;
	size_t ntracks, reference_track;
	size_t *track_outcomes;  /* outcomes per track */
	double *fallback;     /* per track */
	double fallback_new;  /* for a proposed track: trackfit.fallback_rate */
	size_t n_outcomes, n_events, n_train, n_test;
	int iterations;
	double loglik, auc, brier, brier_baseline;
	enum { P_MODEL, P_MODEL_AVG_TRACK, P_FALLBACK } *source; /* per track */
};

/* The person feature vector (FEAT_PERSON_COUNT values) of X into ROW. */
void placement_person_features(const struct person *x, double *row);

/* Fits the model from the outcomes (borrowed). Never fails: when the data
 * are too few or the fit does not converge the model holds the fallback
 * rates and the reason. The caller owns M and frees it with placement_free. */
void placement_fit(struct placement_model *m, const struct outcome *outcomes, size_t n,
		   const struct track *tracks, size_t ntracks, const struct placement_settings *s);
void placement_free(struct placement_model *m);

/* The linear predictor's track term of track T under coefficients BETA
 * (nterms values; the model's own when NULL). A track without outcomes gets
 * the outcome-weighted mean of the estimated track effects. */
double placement_track_term(const struct placement_model *m, const double *beta, size_t t);

/* The outcome-weighted mean of the estimated track effects under BETA
 * (NULL = the model's own): the track term of a track without outcomes. */
double placement_mean_track_term(const struct placement_model *m, const double *beta);

/* P(employed within 365 days) of X in track T under BETA (NULL = the
 * model's estimate), or the fallback rate. */
double placement_prob(const struct placement_model *m, const double *beta, const struct person *x,
		      size_t t);

/* The same for a track T that may be new (T < 0): the mean track effect,
 * or trackfit.fallback_rate without a model. */
double placement_prob_any(const struct placement_model *m, const double *beta,
			  const struct person *x, int t);

/* The p_source of track T (< 0: a new track). */
int placement_source(const struct placement_model *m, int t);

/* Draws coefficients from the normal approximation N(beta, cov) into BETA
 * (nterms values) with RNG. Does nothing useful for a fallback model. */
void placement_draw_beta(const struct placement_model *m, gsl_rng *rng, double *beta);

const char *placement_source_name(int source);

#endif
