/* ebayes: Poisson-gamma empirical Bayes smoothing of relative rates
 * (Clayton & Kaldor 1987, Biometrics 43:671), with the prior precision
 * estimated by the method of moments of Marshall 1991 (Applied Statistics
 * 40:283, the "global" estimator), generalised to a prior mean per unit.
 *
 * Model, for units i (occupations of one area): observed count O_i,
 * expected count e_i >= 0 (exposure times the reference rate), prior mean
 * relative rate m_i > 0 (the parent group's ratio; all 1 for plain
 * Clayton-Kaldor):
 *   O_i | theta_i ~ Poisson(e_i theta_i),
 *   theta_i ~ Gamma(shape nu, rate nu / m_i)   (mean m_i, variance m_i^2/nu),
 *   theta_i | O_i ~ Gamma(a_i = O_i + nu, rate b_i = e_i + nu / m_i):
 *   mean a_i / b_i, variance a_i / b_i^2;
 *   E log theta_i = psi(a_i) - log b_i, Var log theta_i = psi_1(a_i).
 *
 * Estimator of nu, over the k units with e_i > 0 (E_i = e_i m_i,
 * r_i = O_i / E_i):
 *   rbar = sum O_i / sum E_i,
 *   s^2  = sum E_i (r_i - rbar)^2 / sum E_i,
 *   phi  = s^2 - rbar / (sum E_i / k)     (between-unit variance of theta/m),
 *   nu   = 1 / phi when phi > 0.
 * Marshall's prior mean of the ratio is rbar and his shape rbar^2/phi; here
 * the prior mean of theta_i / m_i is 1 by assumption (m_i is the prior
 * mean), so the shape is 1/phi. rbar is reported so the caller can check
 * that it is near 1, as it is by construction when m is the parent's ratio.
 * phi <= 0 (no variation beyond Poisson) means nu = +infinity: every
 * posterior is the point m_i (flag no_extra_variation, nu = INFINITY).
 *
 * No function prints. The GSL functions used report failures through the
 * GSL error handler, so the caller turns it off first
 * (gsl_set_error_handler_off(), as every stage's main does). */
#ifndef JOBBSPAR_SHORTAGE_EBAYES_H
#define JOBBSPAR_SHORTAGE_EBAYES_H

#include <stddef.h>

struct eb_gamma {
	double nu;              /* prior shape (precision of theta/m); INFINITY or NaN, see below */
	int no_extra_variation; /* 1: phi <= 0, nu = INFINITY, posterior = m exactly */
	size_t used;            /* units with e > 0 that entered the estimate */
	double rbar;            /* sum O / sum e m over those units (about 1 if m fits) */
	double phi;             /* s^2 - rbar / mean(e m): may be <= 0 */
};

/* Estimates the prior precision from N units; O, E, M (each of length N)
 * are borrowed and only read; FIT is the caller's and is always written.
 * Returns 0, or -1 (FIT->nu NaN) if fewer than 2 units have e > 0 or an
 * input is invalid (O < 0, e < 0, m <= 0, or not finite). */
int eb_gamma_fit(size_t n, const double *O, const double *e, const double *m, struct eb_gamma *fit);

/* Posterior of one unit under FIT (borrowed): MEAN, the equal-tailed
 * interval [LO, HI] at level CONF (quantiles (1 - CONF)/2 and
 * (1 + CONF)/2 of the posterior gamma) and VAR, written to the caller's
 * doubles; any of the four pointers may be NULL. A unit with e = 0 gets
 * the prior (mean m, interval of Gamma(nu, nu/m)). With no extra
 * variation: MEAN = LO = HI = m, VAR = 0. All NaN when FIT failed, the
 * unit is invalid (as for eb_gamma_fit, or O > 0 with e = 0, impossible
 * under the model); LO, HI NaN when CONF is not in (0, 1). The quantiles
 * are found by bisection on log x against gsl_sf_gamma_inc_P, since GSL's
 * own gsl_cdf_gamma_Pinv returns NaN for shapes such as 0.05 or 1e6 (GSL
 * 2.7), and a phi near 0 gives a large shape. Accuracy: that of
 * gsl_sf_gamma_inc_P, about 1e-13 relative for moderate shapes, 1e-9 near
 * a = 1e5 (where P is accurate to about 1e-8). */
void eb_gamma_posterior(const struct eb_gamma *fit, double O, double e, double m, double conf,
			double *mean, double *lo, double *hi, double *var);

/* Posterior mean and variance of log theta for one unit (for combining log
 * relative rates): psi(a) - log b and psi_1(a), written to the caller's
 * doubles (either pointer may be NULL). With no extra variation: log m and
 * 0. NaN in the cases where eb_gamma_posterior gives NaN. */
void eb_gamma_log_posterior(const struct eb_gamma *fit, double O, double e, double m,
			    double *mean_log, double *var_log);

#endif
