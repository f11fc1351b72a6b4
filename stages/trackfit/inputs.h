/* inputs: the tables trackfit reads (docs/TABLES.md): OUT/work/jobseekers.tsv,
 * OUT/work/outcomes.tsv, OUT/shortage.tsv and, optionally,
 * OUT/work/occupations.tsv with OUT/work/weights.tsv. Values written by
 * ingest are checked again; a bad one is "prog: file:line: column: ...". */
#ifndef JOBBSPAR_TRACKFIT_INPUTS_H
#define JOBBSPAR_TRACKFIT_INPUTS_H

#include "track.h"

#include <stddef.h>

/* The person-level facts the placement model and the entry rules use. */
struct person {
	char *id;                 /* pseudonym (owned) */
	char kommun[5];
	int kommun_index;         /* among the reporting municipalities, -1 other */
	int female;               /* 1 kvinnor, 0 män or unknown */
	int age;                  /* whole years, -1 unknown */
	int sun;                  /* SUN 2020 level 0-6, -1 unknown */
	int swedish;              /* SWEDISH_* rank, 0 unknown */
	double years_since_arrival; /* NaN when not newly arrived */
	char experience[5];       /* SSYK or "" */
	char wanted[3][5];        /* SSYK codes in the person's order */
	int nwanted;
};

struct outcome {
	struct person x;
	size_t track;             /* index into the configured tracks */
	int employed_365d;        /* 0 / 1 */
};

struct shortage_row {
	size_t kommun;            /* index into the reporting municipalities */
	char ssyk[5];
	double openings_5y;       /* NaN when missing */
	char verdict[16];
};

struct open_employer {        /* one (response, kommun, ssyk) with open_to_track = 1 */
	char *response_id;        /* owned */
	size_t kommun;
	char ssyk[5];
	double weight;            /* final_weight, NaN when weights.tsv is absent */
};

struct inputs {
	struct person *jobseekers;   /* in reporting municipalities only */
	size_t njobseekers;
	struct outcome *outcomes;    /* with a configured track and an observed outcome */
	size_t noutcomes;
	size_t outcomes_other_track; /* rows skipped: track not configured */
	size_t outcomes_unobserved;  /* rows skipped: employed_365d empty */
	struct shortage_row *shortage;
	size_t nshortage;
	struct open_employer *open;  /* NULL when occupations.tsv is absent */
	size_t nopen;
	int have_occupations, have_weights;
};

/* Reads the tables under OUT for the NKOMMUN reporting municipalities
 * KOMMUN (borrowed) and the tracks (borrowed). Returns 0, or -1 after a
 * message. The caller owns IN and frees it with inputs_free. */
int inputs_read(const char *out, const char (*kommun)[5], size_t nkommun,
		const struct track *tracks, size_t ntracks, struct inputs *in);
void inputs_free(struct inputs *in);

/* Index of CODE among the reporting municipalities, or -1. */
int kommun_index(const char (*kommun)[5], size_t nkommun, const char *code);

#endif
