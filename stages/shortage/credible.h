/* credible: the pieces of the credible-shortage model (docs/METHOD.md,
 * "Credible shortage"): normal-normal empirical Bayes smoothing of an
 * indicator with a known sampling variance, standardisation within an
 * area, a one-factor measurement model whose loadings and indicator noise
 * are estimated from the data, and the composite shortage index with its
 * variance, verdict band and probability of shortage.
 *
 * Every function works on caller-owned arrays; nothing is allocated that
 * the caller must free unless said so. No function prints. */
#ifndef JOBBSPAR_SHORTAGE_CREDIBLE_H
#define JOBBSPAR_SHORTAGE_CREDIBLE_H

#include <stddef.h>

#define CRED_NIND 5 /* ads per employed, jobseekers per employed, days open, survey balance, ad trend */

enum { CRED_ADS, CRED_JOBSEEKERS, CRED_DAYS, CRED_SURVEY, CRED_TREND };

/* Moment estimate of the between-unit variance tau^2 of a normal-normal
 * model y_i ~ N(theta_i, v_i), theta_i ~ N(m_i, tau^2 + mv_i), where m_i is
 * a prior mean with its own variance mv_i (the prior's uncertainty):
 * tau^2 = max(FLOOR, mean over used units of (y_i - m_i)^2 - v_i - mv_i)
 * (the Fay-Herriot/Prasad-Rao moment idea for a known mean; Rao & Molina
 * 2015 sec. 6.1). Units with USE[i] = 0 are skipped (USE may be NULL).
 * Returns FLOOR when no unit is used. Arrays borrowed. */
double cred_normal_tau2(size_t n, const double *y, const double *v, const double *m,
			const double *mv, const unsigned char *use, double floor);

/* Posterior of theta given y with sampling variance v and the prior
 * N(m, tau2 + mv): mean (y (tau2 + mv) + m v) / (tau2 + mv + v) and
 * variance (tau2 + mv) v / (tau2 + mv + v). With HAS_Y 0 the posterior is
 * the prior. */
void cred_normal_posterior(int has_y, double y, double v, double m, double mv, double tau2,
			   double *mean, double *var);

/* Smoothing in two levels, N units. The parent estimate of each unit (YO,
 * VO where USEO; e.g. the same occupation in the other municipalities) is
 * shrunk toward the overall mean G, giving the unit's prior mean M[i] and
 * its variance MV[i]; with YO NULL the prior is G with variance 0. Then the
 * unit's own estimate (Y, V where USE) is shrunk toward that prior: the
 * posterior PM[i], PV[i] (the prior where USE[i] is 0). Both levels' tau^2
 * by cred_normal_tau2 with FLOOR. Inputs borrowed; M, MV, PM, PV are the
 * caller's arrays of N doubles. */
void cred_normal_two_level(size_t n, double g, const double *yo, const double *vo,
			   const unsigned char *useo, const double *y, const double *v,
			   const unsigned char *use, double floor, double *m, double *mv, double *pm,
			   double *pv);

/* Weighted mean and standard deviation of Y over the units with USE[i]
 * (weights W, e.g. 1 + employed). SD is 0 when fewer than two units are
 * used or all are equal; MEAN is NaN when none is used. */
void cred_standardize(size_t n, const double *y, const double *w, const unsigned char *use,
		      double *mean, double *sd);

/* One-factor measurement model over N units and K indicators (K at most
 * CRED_NIND): z_ik = l_k S_i + noise_ik (variance tau2_k) + sampling error
 * (variance V[i*k]). From the units with USE[i] (all K indicators
 * available, Z and V row-major N x K): the covariance matrix C of Z, its
 * first principal component (GSL gsl_eigen_symmv) gives the loadings
 * l_k = |e_k| sqrt(lambda_1), and the indicator noise is
 * tau2_k = max(TAU2_FLOOR, C_kk - l_k^2 - median_i V_ik). With fewer than
 * MIN_UNITS units or fewer than 3, K above CRED_NIND, a failed
 * decomposition, or a largest eigenvalue not above 1e-12 times the trace of
 * C (constant indicators) the loadings are 1 and tau2_k = FALLBACK_TAU2,
 * and the return value is 1; otherwise 0.
 * L and TAU2 (K each) are written. */
int cred_loadings(size_t n, size_t k, const double *Z, const double *V, const unsigned char *use,
		  size_t min_units, double tau2_floor, double fallback_tau2, double *l, double *tau2);

/* The shortage index of one unit: the posterior mean and variance of S
 * under the prior S ~ N(0, 1) given the available indicators
 * (AVAIL[k] nonzero), with z, sampling variance v, loading l and noise
 * tau2: precision P = 1 + sum_k l_k^2 / (tau2_k + v_k),
 * S = sum_k l_k z_k / (tau2_k + v_k) / P, var = 1 / P. Returns the number
 * of indicators used. */
size_t cred_composite(size_t k, const double *z, const double *v, const unsigned char *avail,
		      const double *l, const double *tau2, double *S, double *var);

/* The head of a ranking. ORDER[0..N) holds unit numbers, best first;
 * SIZE[u] is unit u's size (employed). Reorders ORDER in place so that its
 * first HEAD places hold the first units (in their order) whose size is at
 * least MIN_SIZE; every other unit keeps its relative order after them.
 * With fewer than HEAD such units they all come first. Returns how many
 * units moved below the head (those smaller than MIN_SIZE that stood in
 * it). */
size_t cred_rank_head(size_t n, size_t *order, const double *size, double min_size, size_t head);

#endif
