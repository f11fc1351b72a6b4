#include "registry.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <string.h>

const char *const registry_age_bands[REGISTRY_NBANDS] = {
	"16-24", "25-29", "30-34", "35-39", "40-44", "45-49", "50-54", "55-59", "60-64", "65-69",
};

int registry_band_index(const char *band)
{
	for (int i = 0; i < REGISTRY_NBANDS; i++)
		if (strcmp(band, registry_age_bands[i]) == 0)
			return i;
	return -1;
}

double registry_median(double *v, size_t n)
{
	if (n == 0)
		return NAN;
	gsl_sort(v, 1, n);
	return gsl_stats_median_from_sorted_data(v, 1, n);
}

int registry_trend(const double *x, const double *y, size_t n, double *slope, double *slope_se)
{
	*slope = NAN;
	*slope_se = NAN;
	if (n < 2)
		return GSL_EINVAL;
	double c0, c1, cov00, cov01, cov11, sumsq;
	int status = gsl_fit_linear(x, 1, y, 1, n, &c0, &c1, &cov00, &cov01, &cov11, &sumsq);
	if (status != GSL_SUCCESS)
		return status;
	if (!isfinite(c1))
		return GSL_EDOM;
	*slope = c1;
	if (n >= 3 && isfinite(cov11) && cov11 >= 0)
		*slope_se = sqrt(cov11);
	return GSL_SUCCESS;
}

double registry_growth_rate(double first, double last, double span)
{
	if (!(first > 0) || !(span > 0) || !(last >= 0))
		return NAN;
	return pow(last / first, 1.0 / span) - 1.0;
}

double registry_exits(const double employed[REGISTRY_NBANDS], const double rate[REGISTRY_NBANDS])
{
	double s = 0;
	for (int b = 0; b < REGISTRY_NBANDS; b++)
		s += employed[b] * rate[b];
	return s;
}

double registry_openings(double expansion, double replacement)
{
	double e = isfinite(expansion) && expansion > 0 ? expansion : 0;
	return e + replacement;
}
