/* survey: the employer survey as a stratified sample. Weights from the frame
 * (design weight N_h/n_h, non-response adjustment within response
 * homogeneity groups, collapsing of thin strata) and the standard
 * estimators: Horvitz-Thompson (expansion) totals, Hajek ratios, their
 * stratified linearisation variance with finite-population correction, and
 * Wilson intervals on the effective sample size. Formulas and sources are in
 * docs/METHOD.md.
 *
 * Ownership: survey_design_* functions own everything inside the design;
 * strings passed in are copied. */
#ifndef JOBBSPAR_SHORTAGE_SURVEY_H
#define JOBBSPAR_SHORTAGE_SURVEY_H

#include <stddef.h>

/* Size classes in the order used for collapsing (0..3), -1 if unknown. */
int survey_size_class_index(const char *size_class);

struct survey_stratum {
	char *name;        /* kommun:section:size_class (owned) */
	char kommun[5];
	char section;
	int size_index;    /* 0..3, or -1 */
	double N;          /* workplaces in the frame */
	long n;            /* sampled */
	long r;            /* respondents (counted by survey_design_add_unit) */
	size_t group;      /* index of the collapsed group */
};

struct survey_group {
	char *name;        /* "|"-joined stratum names (owned) */
	char kommun[5];
	double N;          /* sum of N_h */
	long r;            /* sum of r_h */
	double sum_rd;     /* sum over respondents of the design weight */
};

struct survey_unit {
	char *response_id; /* owned */
	size_t stratum;
	double design_weight; /* N_h / n_h */
	double weight;        /* final weight */
};

struct survey_design {
	struct survey_stratum *stratum;
	size_t nstrata, capstrata;
	struct survey_group *group;
	size_t ngroups;
	struct survey_unit *unit;
	size_t nunits, capunits;
	int min_per_group;    /* the collapsing threshold actually used (>= 2) */
};

/* A new empty design (caller frees with survey_design_free). */
struct survey_design *survey_design_new(void);
void survey_design_free(struct survey_design *d);
/* Adds a frame stratum; returns its index. NAME, KOMMUN, SIZE_CLASS copied. */
size_t survey_design_add_stratum(struct survey_design *d, const char *name, const char *kommun,
				 char section, const char *size_class, double N, long n);
/* Adds a respondent in stratum S; returns its index. */
size_t survey_design_add_unit(struct survey_design *d, const char *response_id, size_t s);
/* Collapses thin strata (fewer than MIN_PER_GROUP respondents, clamped to at
 * least 2) by the rule of docs/METHOD.md and computes every unit's
 * design and final weight. Returns 0. */
int survey_design_finish(struct survey_design *d, int min_per_group);

/* Variance of a total or ratio whose answers are all the same must come
 * out as exactly 0, not as rounding noise (a 1e-28 "variance" printed a z
 * of 1e16 in compare.tsv). Two things are needed, and both are exact, so
 * no tolerance is applied at this level:
 *
 * - Ratio residuals are centred on an observed answer: with c = a/b of
 *   the first unit with b != 0, D = sum w (a - c b) / sum w b (= R - c)
 *   and z = w ((a - c b) - D b) / sum w b. When every a_i - c b_i is 0 in
 *   floating point (every a_i = c b_i, e.g. b in {0, 1} and one answer),
 *   D and every z are exactly 0; the naive z = w (a - R b) / sum w b is
 *   not, since R = sum w a / sum w b is not exactly c. The estimate R
 *   itself is still sum w a / sum w b, bit for bit as before.
 * - Group sums of squares are centred (Welford's running mean and M2), so
 *   equal z give M2 exactly 0 and there is no cancellation in
 *   sum z^2 - (sum z)^2 / r.
 *
 * The zero-variance rule for comparisons (a tolerance for any noise that
 * is left) is compare_diff's, in compare.h. */

/* Running moments of one group's linearised variable z over the units
 * added (Welford). A zeroed struct is empty. */
struct survey_moments {
	long k;        /* units added */
	double mean;   /* their mean z */
	double m2;     /* sum of (z - mean)^2 over them */
};
void survey_moments_add(struct survey_moments *m, double z);
/* Centred sum of squares over R units of the group: the K added plus
 * R - K units with z = 0 that were not added (units outside the domain
 * need no entry): M2 + mean^2 K (R - K) / R (Chan et al.'s pooling with a
 * block of zeros). R < K counts no zeros. */
double survey_moments_m2(const struct survey_moments *m, long r);

/* Stratified linearisation variance from per-group centred sums of
 * squares M2[g] (survey_moments_m2 with R = R_G[g]):
 * sum_g (1 - r_g/N_g) r_g/(r_g - 1) M2_g. R_G[g] is the number of units
 * of group g, N_G[g] its population count (0 or less: no
 * finite-population correction; the correction is clamped at 0). Groups
 * with r_g < 2 contribute 0. */
double survey_strat_var_m2(size_t ngroups, const long *r_g, const double *N_g, const double *m2);


/* A Hajek ratio sum w a / sum w b built over two passes of the domain's
 * units: pass 1 survey_ratio_add for each unit, pass 2 survey_ratio_z for
 * each unit's linearised value. A zeroed struct is empty. */
struct survey_ratio_acc {
	double num, den;  /* sum w a, sum w b */
	double ref;       /* the centre c: a/b of the first unit with b != 0 */
	double dnum;      /* sum w (a - c b) */
	int has_ref;
};
void survey_ratio_add(struct survey_ratio_acc *acc, double w, double a, double b);
/* sum w a / sum w b; NaN when sum w b <= 0 (or NaN). */
double survey_ratio_value(const struct survey_ratio_acc *acc);
/* The linearised value z = w ((a - c b) - D b) / sum w b of a unit (after
 * every unit has been added); NaN when sum w b <= 0. */
double survey_ratio_z(const struct survey_ratio_acc *acc, double w, double a, double b);

/* Array forms used by the tests and small callers, through the same
 * functions as above (survey_moments, survey_strat_var_m2 and, for the
 * ratio, survey_ratio_acc): N units with group index GROUP[i] in
 * [0, ngroups), final weight W[i]. R_G and N_G as above; R_G[g] may
 * exceed the units passed for g (the rest count as z = 0). */
/* Horvitz-Thompson total sum w y and its variance (z = w y). */
void survey_total(size_t n, const size_t *group, size_t ngroups, const long *r_g,
		  const double *N_g, const double *w, const double *y,
		  double *total, double *var);
/* Hajek ratio sum w a / sum w b and its linearised variance (z as in
 * survey_ratio_z). Ratio and variance NaN when sum w b = 0. */
void survey_ratio(size_t n, const size_t *group, size_t ngroups, const long *r_g,
		  const double *N_g, const double *w, const double *a, const double *b,
		  double *ratio, double *var);

/* Kish's effective sample size of a share: p (1 - p) / var, or N_DOMAIN
 * when the variance is 0 or p is 0 or 1. */
double survey_effective_n(double p, double var, double n_domain);
/* Wilson score interval for a share P on N effective observations at the
 * normal quantile Z; LO/HI in [0, 1]. NaN P gives NaN bounds. */
void survey_wilson(double p, double n, double z, double *lo, double *hi);

#endif
