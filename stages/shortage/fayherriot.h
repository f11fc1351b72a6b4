/* fayherriot: the Fay-Herriot area-level model for small-area estimation
 * (Fay & Herriot 1979; Rao & Molina 2015, Small Area Estimation, 2nd ed.,
 * ch. 6). For areas i = 1..m with a direct estimate y_i of known sampling
 * variance psi_i > 0 and covariates x_i (p values, the first usually 1):
 *     y_i = x_i' beta + u_i + e_i,   u_i ~ N(0, A),   e_i ~ N(0, psi_i).
 * fh_fit estimates A (REML or the Fay-Herriot moment estimator) and
 * beta~ = (X'V^-1X)^-1 X'V^-1 y, V = diag(A + psi_i); fh_eblup gives the
 * EBLUP theta_i = gamma_i y_i + (1 - gamma_i) x_i' beta~, gamma_i =
 * A / (A + psi_i), with its second-order MSE estimate; fh_synthetic the
 * regression estimate of an area without a direct estimate.
 *
 * MSE (B_i = 1 - gamma_i = psi_i / (A + psi_i), Q = (X'V^-1X)^-1,
 * S1 = sum_j (A + psi_j)^-1, S2 = sum_j (A + psi_j)^-2, all at the estimate):
 *     g1 = gamma_i psi_i,  g2 = B_i^2 x_i' Q x_i,  g3 = B_i^2 Vbar / (A + psi_i)
 *   REML (Prasad & Rao 1990; Datta & Lahiri 2000; Rao & Molina sec. 6.2.1):
 *     Vbar = 2 / S2,                mse = g1 + g2 + 2 g3
 *   FH moment (Datta, Rao & Smith 2005; Rao & Molina sec. 6.2.1):
 *     Vbar = 2 m / S1^2,            mse = g1 + g2 + 2 g3 - B_i^2 b
 *     b = 2 (m S2 - S1^2) / S1^3    (the bias of the FH estimator of A)
 *   The bias term is multiplied by B_i^2 = dg1/dA (as in the R package sae,
 *   mseFH), not gamma_i^2. When A is estimated as 0 the EBLUP is the
 *   synthetic x_i' beta~ and mse = g2 + 2 g3 (- b) evaluated at A = 0.
 *   Out of sample: theta = x' beta~, mse = A + x' Q x (the error from
 *   estimating A is of lower order and left out).
 * The MSE estimates are not clamped at 0.
 *
 * Nothing here prints (except emalloc's exit when memory runs out, the
 * project's rule). GSL is called with status checks, so the caller's main
 * should have run gsl_set_error_handler_off() (as every stage does). */
#ifndef JOBBSPAR_SHORTAGE_FAYHERRIOT_H
#define JOBBSPAR_SHORTAGE_FAYHERRIOT_H

#include <stddef.h>

enum fh_method {
	FH_REML,   /* restricted ML by Fisher scoring (Rao & Molina sec. 6.1.2) */
	FH_MOMENT  /* Fay & Herriot (1979) moment estimator */
};

struct fh_fit {
	size_t m, p;
	enum fh_method method;
	double A;           /* model variance sigma_u^2, >= 0 */
	double *beta;       /* p: beta~ at A (owned) */
	double *beta_cov;   /* p x p row-major: Q = (X'V^-1X)^-1 at A (owned) */
	double vbar;        /* Vbar(A) of the method, for g3 */
	double bias;        /* b(A) for FH_MOMENT, 0 for FH_REML */
	int iterations;     /* Fisher-scoring steps, or bisection steps */
	int converged;      /* 1, or 0 when REML hit the iteration limit */
};

/* Fits the model to M areas: Y[m], PSI[m] (> 0), X[m*p] row-major
 * (all borrowed, not kept). REML starts at the median of PSI and stops when
 * a Fisher-scoring step is below 1e-10 (A + median psi), at most 100 steps,
 * negative iterates truncated to 0. The moment estimator solves
 * sum (y_i - x_i' beta~(A))^2 / (A + psi_i) = m - p by bisection (A = 0
 * when the left side at A = 0 is already <= m - p).
 * Returns 0; 1 when REML did not converge (FIT holds the last iterate,
 * converged = 0); -1 when p = 0, m <= p, a psi is not positive and finite,
 * a y or x is not finite, or X'V^-1X is singular (reciprocal condition
 * number below 64 DBL_EPSILON). On 0 and 1 FIT's arrays are allocated: free
 * them with fh_fit_free. On -1 FIT holds no allocation (fh_fit_free is
 * still safe). */
int fh_fit(size_t m, size_t p, const double *y, const double *psi, const double *X,
	   enum fh_method method, struct fh_fit *fit);
/* Frees FIT's arrays and zeroes them; safe to call twice. */
void fh_fit_free(struct fh_fit *fit);

/* EBLUP THETA and its MSE estimate for an area with direct estimate Y,
 * sampling variance PSI (> 0) and covariates X[p] (borrowed): one of the
 * fitted areas or another area the model applies to (then Vbar and b still
 * come from the fitted areas). GAMMA may be NULL. A PSI that is not positive
 * and finite gives NaN outputs. */
void fh_eblup(const struct fh_fit *fit, double y, double psi, const double *x,
	      double *theta, double *mse, double *gamma);

/* Synthetic estimate x' beta~ and its MSE A + x' Q x for an area without a
 * direct estimate; X[p] borrowed. */
void fh_synthetic(const struct fh_fit *fit, const double *x, double *theta, double *mse);

#endif
