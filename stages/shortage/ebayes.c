#include "ebayes.h"

#include <float.h>
#include <math.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_psi.h>

static int valid_unit(double O, double e, double m)
{
	return isfinite(O) && isfinite(e) && isfinite(m) && O >= 0 && e >= 0 && m > 0;
}

int eb_gamma_fit(size_t n, const double *O, const double *e, const double *m, struct eb_gamma *fit)
{
	fit->nu = NAN;
	fit->no_extra_variation = 0;
	fit->used = 0;
	fit->rbar = NAN;
	fit->phi = NAN;
	double sum_O = 0, sum_E = 0;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (!valid_unit(O[i], e[i], m[i]))
			return -1;
		if (e[i] > 0) {
			sum_O += O[i];
			sum_E += e[i] * m[i];
			k++;
		}
	}
	fit->used = k;
	if (k < 2)
		return -1;
	double rbar = sum_O / sum_E;
	double ss = 0;
	for (size_t i = 0; i < n; i++) {
		if (e[i] > 0) {
			double E = e[i] * m[i], d = O[i] / E - rbar;
			ss += E * d * d;
		}
	}
	double phi = ss / sum_E - rbar / (sum_E / (double)k);
	fit->rbar = rbar;
	fit->phi = phi;
	if (phi > 0 && isfinite(1 / phi)) {
		fit->nu = 1 / phi;
	} else {
		fit->nu = INFINITY;
		fit->no_extra_variation = 1;
	}
	return 0;
}

/* Whether the posterior of a unit is defined under FIT. */
static int posterior_defined(const struct eb_gamma *fit, double O, double e, double m)
{
	if (!fit->no_extra_variation && !(fit->nu > 0 && isfinite(fit->nu)))
		return 0;
	return valid_unit(O, e, m) && !(e == 0 && O > 0);
}

/* The x with P(a, x) = target for the standard gamma (scale 1), by
 * bisection on u = log x: P is monotone in u whatever the shape, and the
 * bracket grows by doubling steps from the mean. 0 when the quantile is
 * below the smallest normal double, INFINITY when above the largest, NaN
 * when GSL fails. */
static double gamma_quantile_std(double a, double target)
{
	const double umin = log(DBL_MIN), umax = log(DBL_MAX);
	gsl_sf_result r;
	double lo = log(a), hi = lo, step = 1;
	for (;;) {
		if (gsl_sf_gamma_inc_P_e(a, exp(lo), &r) != GSL_SUCCESS)
			return NAN;
		if (r.val <= target)
			break;
		lo -= step;
		step *= 2;
		if (lo < umin)
			return 0;
	}
	step = 1;
	for (;;) {
		if (gsl_sf_gamma_inc_P_e(a, exp(hi), &r) != GSL_SUCCESS)
			return NAN;
		if (r.val >= target)
			break;
		hi += step;
		step *= 2;
		if (hi > umax)
			return INFINITY;
	}
	/* ends when the bracket is one ulp wide (about 60 steps) */
	for (int it = 0; it < 200; it++) {
		double mid = 0.5 * (lo + hi);
		if (mid <= lo || mid >= hi)
			break;
		if (gsl_sf_gamma_inc_P_e(a, exp(mid), &r) != GSL_SUCCESS)
			return NAN;
		if (r.val < target)
			lo = mid;
		else
			hi = mid;
	}
	return exp(0.5 * (lo + hi));
}

void eb_gamma_posterior(const struct eb_gamma *fit, double O, double e, double m, double conf,
			double *mean, double *lo, double *hi, double *var)
{
	double mu = NAN, l = NAN, h = NAN, v = NAN;
	int conf_ok = conf > 0 && conf < 1;
	if (!posterior_defined(fit, O, e, m)) {
		/* all NaN */
	} else if (fit->no_extra_variation) {
		mu = m;
		v = 0;
		if (conf_ok)
			l = h = m;
	} else {
		double a = O + fit->nu, b = e + fit->nu / m;
		mu = a / b;
		v = a / (b * b);
		if (conf_ok && (lo || hi)) { /* the quantiles cost a bisection each */
			double alpha = 0.5 * (1 - conf);
			l = gamma_quantile_std(a, alpha) / b;
			h = gamma_quantile_std(a, 1 - alpha) / b;
		}
	}
	if (mean)
		*mean = mu;
	if (lo)
		*lo = l;
	if (hi)
		*hi = h;
	if (var)
		*var = v;
}

void eb_gamma_log_posterior(const struct eb_gamma *fit, double O, double e, double m,
			    double *mean_log, double *var_log)
{
	double ml = NAN, vl = NAN;
	if (!posterior_defined(fit, O, e, m)) {
		/* NaN */
	} else if (fit->no_extra_variation) {
		ml = log(m);
		vl = 0;
	} else {
		double a = O + fit->nu, b = e + fit->nu / m;
		ml = gsl_sf_psi(a) - log(b);
		vl = gsl_sf_psi_1(a);
	}
	if (mean_log)
		*mean_log = ml;
	if (var_log)
		*var_log = vl;
}
