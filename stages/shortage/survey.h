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
/* Index of the stratum named NAME, or (size_t)-1. */
size_t survey_design_find_stratum(const struct survey_design *d, const char *name);
/* Adds a respondent in stratum S; returns its index. */
size_t survey_design_add_unit(struct survey_design *d, const char *response_id, size_t s);
/* Collapses thin strata (fewer than MIN_PER_GROUP respondents, clamped to at
 * least 2) by the rule of docs/METHOD.md and computes every unit's
 * design and final weight. Returns 0. */
int survey_design_finish(struct survey_design *d, int min_per_group);

/* Stratified linearisation variance from per-group sums of the linearised
 * variable z over the units of each group (units with z = 0 need no
 * entry): sum_g (1 - r_g/N_g) r_g/(r_g - 1) (sum z^2 - (sum z)^2 / r_g).
 * R_G[g] is the number of units of group g, N_G[g] its population count
 * (0 or less: no finite-population correction). Groups with r_g < 2
 * contribute 0. */
double survey_strat_var(size_t ngroups, const long *r_g, const double *N_g,
			const double *sum_z, const double *sum_z2);

/* Array forms used by the tests and small callers: N units with group index
 * GROUP[i] in [0, ngroups), final weight W[i]. R_G and N_G as above. */
/* Horvitz-Thompson total sum w y and its variance. */
void survey_total(size_t n, const size_t *group, size_t ngroups, const long *r_g,
		  const double *N_g, const double *w, const double *y,
		  double *total, double *var);
/* Hajek ratio sum w a / sum w b and its linearised variance (z = w (a - R b)
 * / sum w b). Ratio NaN when sum w b = 0. */
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
