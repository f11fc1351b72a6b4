#include "compare.h"

#include <gsl/gsl_cdf.h>
#include <math.h>

static double max3(double a, double b, double c)
{
	double m = a > b ? a : b;
	return m > c ? m : c;
}

enum compare_status compare_diff(double pa, double va, double pb, double vb, double tol,
				 struct compare_result *out)
{
	out->diff = pa - pb;
	out->se = out->z = out->p = NAN;
	if (!isfinite(pa) || !isfinite(pb) || !isfinite(va) || !isfinite(vb) || va < 0 || vb < 0) {
		out->diff = isfinite(pa) && isfinite(pb) ? pa - pb : NAN;
		return out->status = COMPARE_UNDEFINED;
	}
	if (!(tol > 0))
		tol = 0;
	double se = sqrt(va + vb);
	if (se <= tol * max3(1, fabs(pa), fabs(pb))) {
		out->se = 0;
		return out->status = COMPARE_NO_VARIANCE;
	}
	out->se = se;
	out->z = out->diff / se;
	out->p = 2 * gsl_cdf_ugaussian_Q(fabs(out->z));
	if (out->p > 1)
		out->p = 1;
	return out->status = COMPARE_OK;
}

const char *compare_status_flag(enum compare_status s)
{
	switch (s) {
	case COMPARE_OK:
		return "";
	case COMPARE_NO_VARIANCE:
		return "no_variance";
	case COMPARE_UNDEFINED:
		return "no_estimate";
	}
	return "";
}
