/* registry: the indicators computed from the registry extracts
 * (employment, jobseekers, job ads): medians, least-squares trends with
 * their standard errors (GSL), growth rates and replacement demand from the
 * age structure. Pure functions on arrays; formulas in
 * docs/METHOD.md. */
#ifndef JOBBSPAR_SHORTAGE_REGISTRY_H
#define JOBBSPAR_SHORTAGE_REGISTRY_H

#include <stddef.h>

/* The contract's age bands of employment.tsv, in order. */
#define REGISTRY_NBANDS 10
extern const char *const registry_age_bands[REGISTRY_NBANDS];
/* Index of an age band ("55-59") or -1. */
int registry_band_index(const char *band);

/* Median of V[0..n) (sorts V in place, borrowed); NaN when n = 0. */
double registry_median(double *v, size_t n);

/* Least-squares line y = c0 + c1 x through N points (gsl_fit_linear).
 * Writes the slope and its standard error (NaN when n < 3, where the
 * residual variance has no degrees of freedom). Returns 0, or a GSL status
 * (slope NaN) when n < 2 or the x values are all equal. */
int registry_trend(const double *x, const double *y, size_t n, double *slope, double *slope_se);

/* Mean yearly growth rate between two counts SPAN years apart:
 * (last / first)^(1 / span) - 1; NaN when first <= 0 or span <= 0. */
double registry_growth_rate(double first, double last, double span);

/* Expected exits: sum over bands of employed[b] * rate[b]. */
double registry_exits(const double employed[REGISTRY_NBANDS], const double rate[REGISTRY_NBANDS]);

/* Expected openings over a horizon: max(0, expansion) + replacement. */
double registry_openings(double expansion, double replacement);

#endif
