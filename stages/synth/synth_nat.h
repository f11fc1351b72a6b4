/* synth_nat: the real national structures the synthetic data are scaled
 * from: SCB's YREG54BAS (employees by SSYK 4-digit x age band x year,
 * data/ref/scb_yreg54bas_employees_ssyk4_age_2020_2024.csv), the kommun list
 * with population 2016, and Arbetsförmedlingen's Yrkesbarometer (national
 * recruitment situation), plus the planted per-occupation parameters drawn
 * from them (female share, national shortage tendency). */
#ifndef JOBBSPAR_SYNTH_NAT_H
#define JOBBSPAR_SYNTH_NAT_H

#include "codes.h"

#include <stddef.h>

#define SYNTH_NAGE 10
extern const char *const synth_age_band[SYNTH_NAGE];  /* "16-24" ... "65-69" */
extern const int synth_age_lo[SYNTH_NAGE];

struct synth_nat {
	size_t nssyk;
	char (*ssyk)[5];     /* sorted codes present in both SCB's table and SSYK 2012 */
	int year0, nyears;   /* years of the SCB table */
	double *emp;         /* national employees [(y * nssyk + s) * SYNTH_NAGE + a] */
	double *female;      /* planted female share per occupation [s] */
	double *tendency;    /* planted national shortage tendency per occupation [s] */
	int *yb;             /* Yrkesbarometer class [s]: 1 brist, 0 balans, -1 överskott,
				2 paradox, -2 not listed */
	double population;   /* sum of the kommun populations 2016 */
};

/* Loads the structures from REFDIR (CODES borrowed, already loaded from the
 * same folder) and draws the per-occupation parameters with SEED. Returns
 * NULL with a message on failure. Caller frees with synth_nat_free. */
struct synth_nat *synth_nat_load(const char *refdir, const struct codes *codes,
				 unsigned long seed);
void synth_nat_free(struct synth_nat *n);

/* National employees in YEAR (clamped to the table's years), occupation S,
 * age band A. */
double synth_nat_emp(const struct synth_nat *n, int year, size_t s, int a);
/* Index of a 4-digit code in n->ssyk, or -1. */
long synth_nat_find(const struct synth_nat *n, const char *code);

/* The female share assumed for an SSYK code before noise (by 2-digit
 * group; documented in docs/METHOD.md). */
double synth_female_share_base(const char *ssyk);
/* The national shortage tendency before noise for a Yrkesbarometer class. */
double synth_tendency_base(int yb_class);

#endif
