/* synth_model: the planted model of one synthetic municipality and the
 * writers of the contract's files (docs/DATA.md). docs/METHOD.md
 * describes every distribution and constant.
 *
 * Ownership: a synth_local borrows its kommun entry and the synth_nat it was
 * made from; synth_local_free frees only its own arrays. Writers borrow
 * everything they are given and only append rows. */
#ifndef JOBBSPAR_SYNTH_MODEL_H
#define JOBBSPAR_SYNTH_MODEL_H

#include "codes.h"
#include "synth_csv.h"
#include "synth_ids.h"
#include "synth_nat.h"
#include "tsv.h"

#include <stddef.h>

/* Swedish levels in ascending order; index = rank */
#define SYNTH_NSWEDISH 6
extern const char *const synth_swedish[SYNTH_NSWEDISH];
/* rank of a Swedish level name, -1 if unknown */
int synth_swedish_rank(const char *name);

struct synth_target {
	char prefix[5];     /* SSYK code or prefix */
	double weight;
};

struct synth_track {
	char *id;           /* owned */
	int duration_months;
	long capacity;      /* places a year in Norrköping's model */
	int min_swedish;    /* rank, -1 none */
	int max_sun;        /* -1 none */
	int min_sun;        /* -1 none */
	struct synth_target *target; /* owned */
	size_t ntarget;
	double a90, a365;   /* planted track intercepts (logit) */
};

struct synth_params {
	unsigned long seed;
	int ref_year;
	long ref_date;        /* ref_year-12-31 as a day number */
	int *years;           /* ascending, owned by the caller */
	size_t nyears;
	double scale;         /* multiplies the number of jobseekers and ads */
	struct synth_track *tracks; /* borrowed */
	size_t ntracks;
};

/* One municipality's planted parameters. */
struct synth_local {
	const struct kommun_entry *k;  /* borrowed */
	size_t kidx;                   /* index in the code list */
	double share;                  /* population share of the country */
	double *factor;                /* local occupation factor [s], employment-weighted mean 1 */
	double *shortage;              /* hidden shortage index z [s] */
	double *trend;                 /* yearly log growth of ads [s] */
	double *ads_noise;             /* log noise of the ad volume [s] */
	double *jobseeker_noise;       /* log noise of the number of jobseekers [s] */
	double *emp_ref;               /* expected employment in the reference year [s] */
	double emp_total;              /* sum of emp_ref */
	double ads_norm;               /* 1 / national mean of exp(0.5 tendency) */
};

void synth_local_init(struct synth_local *L, const struct synth_nat *nat,
		      const struct synth_params *p, const struct codes *codes, size_t kidx);
void synth_local_free(struct synth_local *L);

/* Shortage level of an index z: "brist" (z > 0.5), "god" (z < -0.5), else "balans". */
const char *synth_shortage_level(double z);

/* Expected ads of occupation S in YEAR (before the Poisson draw). */
double synth_expected_ads(const struct synth_local *L, const struct synth_params *p, size_t s,
			  int year);
/* National count of new ads in YEAR (Arbetsförmedlingen; nearest year outside 2020-2024). */
double synth_national_ads(int year);

/* Writers: each appends the municipality's rows. */
void synth_write_employment(struct synth_csv *w, const struct synth_local *L,
			    const struct synth_nat *nat, const struct synth_params *p);
void synth_write_vacancies(struct synth_csv *w, const struct synth_local *L,
			   const struct synth_nat *nat, const struct synth_params *p);
void synth_write_survey(struct synth_csv *frame, struct synth_csv *resp, struct synth_csv *occ,
			const struct synth_local *L, const struct synth_nat *nat,
			const struct synth_params *p, const struct codes *codes);
/* Returns 0, or -1 with a message if the identity numbers run out. */
int synth_write_jobseekers(struct synth_csv *w, const struct synth_local *L,
			   const struct synth_nat *nat, const struct synth_params *p,
			   struct synth_ids *ids);
int synth_write_outcomes(struct synth_csv *w, const struct synth_local *L,
			 const struct synth_nat *nat, const struct synth_params *p,
			 struct synth_ids *ids);
void synth_write_truth(struct tsv_writer *w, const struct synth_local *L,
		       const struct synth_nat *nat, const struct synth_params *p);
/* The planted outcome-model coefficients (one table for the whole run). */
void synth_write_truth_outcomes(struct tsv_writer *w, const struct synth_params *p);

/* Outcome model terms and coefficients, exported for tests and truth files. */
struct synth_outcome_person {
	int swedish;        /* rank 0-5 */
	int sun;            /* 0-6 */
	double age;         /* at start */
	int female;
	double years_since_arrival;
	double target_shortage; /* employment-weighted mean z of the track's targets */
};
double synth_logit_completed(const struct synth_track *t, const struct synth_outcome_person *x);
double synth_logit_employed_90d(const struct synth_track *t, const struct synth_outcome_person *x,
				int completed);
double synth_logit_employed_365d(const struct synth_track *t, const struct synth_outcome_person *x,
				 int completed, int employed_90d);

/* Parses a track's targets ("5120:1, 81:1, 72:0.7"). Returns 0 or -1 with *why. */
int synth_track_targets(struct synth_track *t, const char *value, const char **why);
/* Default intercepts of the four tracks of the Norrköping model (others get the mean). */
void synth_track_intercepts(struct synth_track *t);

#endif
