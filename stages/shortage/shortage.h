/* shortage: the stage's analysis. Reads the ingest tables of OUT/work,
 * estimates the employer survey per area and occupation (survey.c),
 * computes the registry indicators (registry.c), the shortage index and
 * its verdict per occupation and writes OUT/shortage.tsv, OUT/compare.tsv
 * and OUT/work/weights.tsv. Areas: the reporting municipalities, their
 * counties ("L" + county code) and all input together ("SE"). */
#ifndef JOBBSPAR_SHORTAGE_H
#define JOBBSPAR_SHORTAGE_H

#include "codes.h"
#include "config.h"
#include "registry.h"
#include "verdict.h"

#include <stddef.h>

struct shortage_options {
	int reference_year;
	/* [survey] */
	long min_respondents_stratum;
	double max_cv;
	long min_respondents;
	double confidence;             /* survey.confidence, 0.95 */
	/* [disclosure] */
	long min_persons;
	/* [shortage] */
	long horizon_years;            /* 5 or 10: which openings feed `openings` */
	double paradox_share_brist;
	long compare_max;              /* compare.tsv only up to this many municipalities */
	/* credible shortage (docs/METHOD.md) */
	double min_employed;           /* evidence: employed in the latest year */
	double min_events;             /* evidence: ads + jobseekers over the analysis years */
	double top_min_employed;       /* the head of the ranking needs this many employed */
	long top_ranks;                /* ... for this many places */
	long years;                    /* the analysis years: this many up to the latest year */
	double index_brist, index_watch, index_surplus;  /* verdict bands of the shortage index */
	long loading_min_employed;     /* occupations used to estimate the loadings */
	/* [retirement] */
	double exit5[REGISTRY_NBANDS];
	double exit10[REGISTRY_NBANDS];
};

/* Reads the stage's keys with their defaults (docs/METHOD.md).
 * Returns 0, or -1 with a message naming the bad key. CFG borrowed. */
int shortage_options_read(const struct config *cfg, struct shortage_options *opt);

/* Runs the analysis: inputs from OUTDIR/work, outputs as above. MUNIS
 * (NMUNIS 5-byte codes) and CODES are borrowed. Returns 0, or 1 on a data
 * or I/O error (message printed, no output left half-written). */
int shortage_run(const struct shortage_options *opt, const struct codes *codes,
		 const char (*munis)[5], size_t nmunis, const char *outdir);

#endif
