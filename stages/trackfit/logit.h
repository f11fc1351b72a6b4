/* logit: logistic regression by iteratively reweighted least squares
 * (Newton-Raphson on the log-likelihood) with GSL linear algebra, and the
 * held-out measures used to report it (AUC, Brier score). Cost per
 * iteration is O(n p^2): linear in the number of observations. */
#ifndef JOBBSPAR_TRACKFIT_LOGIT_H
#define JOBBSPAR_TRACKFIT_LOGIT_H

#include <stddef.h>

enum logit_status {
	LOGIT_OK = 0,
	LOGIT_SINGULAR,      /* X'WX not positive definite (collinear or constant columns) */
	LOGIT_NOT_CONVERGED, /* no convergence within the iteration limit */
	LOGIT_SEPARATION     /* converged to |coefficient| > LOGIT_MAX_COEF: (quasi-)separation */
};

#define LOGIT_MAX_COEF 20.0

/* Fits P(y=1|x) = 1 / (1 + exp(-x'beta)). X is N rows by P columns, row-major
 * (borrowed; include a column of ones for an intercept), Y holds 0/1
 * (borrowed). Writes the P coefficients to BETA and their standard errors
 * (square roots of the diagonal of (X'WX)^-1) to SE (caller's arrays; SE may
 * be NULL), the iterations used and the log-likelihood (either may be NULL).
 * Converged when no coefficient moves more than 1e-10 (at most 100
 * iterations, with step halving when the log-likelihood would fall). */
enum logit_status logit_fit_irls(const double *x, const double *y, size_t n, size_t p,
				 double *beta, double *se, int *iterations, double *loglik);

/* The covariance (X'WX)^-1 at BETA into COV (P*P row-major, caller's array).
 * Returns 0 or -1 when not positive definite. */
int logit_covariance(const double *x, size_t n, size_t p, const double *beta, double *cov);

/* 1 / (1 + exp(-x'beta)) for one row of P values. */
double logit_predict(const double *beta, const double *xrow, size_t p);

/* Area under the ROC curve by the Mann-Whitney formula, ties counted one
 * half (average ranks): (R1 - n1(n1+1)/2) / (n1 n0), R1 the rank sum of the
 * positives. NaN when Y has no positives or no negatives. O(n log n). */
double logit_auc(const double *pred, const double *y, size_t n);

/* Brier score: mean of (pred - y)^2. NaN when N is 0. */
double logit_brier(const double *pred, const double *y, size_t n);

const char *logit_strstatus(enum logit_status s);

#endif
