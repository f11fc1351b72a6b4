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
	double openings_5y;       /* NaN when missing (unknown, never 0) */
	char verdict[16];
	double shortage_index;    /* NaN when missing (or an older shortage.tsv) */
	double p_brist;           /* NaN likewise */
	long rank;                /* 0 when not assessed */
};

/* Swedish the employer requires (occupations.tsv swedish_required). */
enum { REQUIRED_UNKNOWN = -1, REQUIRED_INGEN, REQUIRED_GRUNDLAGGANDE, REQUIRED_GOD,
       REQUIRED_FLYTANDE };

struct survey_row {           /* one row of occupations.tsv: what the employer requires */
	int kommun;               /* index among the reporting municipalities, -1 other */
	char ssyk[5];
	int min_sun;              /* 0-6, -1 not given */
	int swedish_required;     /* REQUIRED_* */
	double weight;            /* final_weight, 1 when weights.tsv is absent */
};

struct open_employer {        /* one (response, kommun, ssyk) with open_to_track = 1 */
	char *response_id;        /* owned */
	size_t kommun;
	char ssyk[5];
	double weight;            /* final_weight, NaN when weights.tsv is absent */
};

/* Why a municipality's people are unknown (inputs.no_people). */
enum people_gap {
	PEOPLE_KNOWN,             /* jobseekers.tsv has its persons */
	PEOPLE_COUNTS,            /* no person, but counts in jobseekers_aggregated.tsv */
	PEOPLE_NONE               /* no person and no count */
};

/* Why a municipality's openings are unknown (inputs.no_openings). */
enum openings_gap {
	OPENINGS_KNOWN,           /* every shortage row has openings_5y */
	OPENINGS_NO_AGE_SPLIT,    /* empty, flagged no_age_split by the shortage stage */
	OPENINGS_EMPTY            /* empty for another reason */
};

struct inputs {
	struct person *jobseekers;   /* in reporting municipalities only */
	size_t njobseekers;
	/* Per reporting municipality: whether its people and its openings are
	 * known. A municipality without one person row in jobseekers.tsv has
	 * unknown people (a register extract without a single jobseeker is no
	 * extract), never zero; one with an empty openings_5y has unknown
	 * openings. */
	enum people_gap *no_people;
	enum openings_gap *no_openings;
	struct outcome *outcomes;    /* with a configured track and an observed outcome */
	size_t noutcomes;
	size_t outcomes_other_track; /* rows skipped: track not configured */
	size_t outcomes_unobserved;  /* rows skipped: employed_365d empty */
	struct shortage_row *shortage;
	size_t nshortage;
	struct open_employer *open;  /* NULL when occupations.tsv is absent */
	size_t nopen;
	struct survey_row *survey;   /* every row of occupations.tsv */
	size_t nsurvey;
	int have_occupations, have_weights;
	/* Indices by reporting municipality k: the rows of X are
	 * X_of[X_first[k] .. X_first[k + 1]) (in table order). */
	size_t *jobseekers_of, *jobseekers_first;
	size_t *shortage_of, *shortage_first;
	size_t *open_of, *open_first;
	/* the survey rows sorted by SSYK code, then table order */
	size_t *survey_by_ssyk;
};

/* Reads the tables under OUT for the NKOMMUN reporting municipalities
 * KOMMUN (borrowed) and the tracks (borrowed). Returns 0, or -1 after a
 * message. The caller owns IN and frees it with inputs_free. */
int inputs_read(const char *out, const char (*kommun)[5], size_t nkommun,
		const struct track *tracks, size_t ntracks, struct inputs *in);
void inputs_free(struct inputs *in);

/* The survey rows of the 4-digit SSYK CODE: writes the first position in
 * in->survey_by_ssyk and returns how many follow it. */
size_t inputs_survey_rows(const struct inputs *in, const char *code, size_t *first);

/* Index of CODE among the reporting municipalities, or -1. */
int kommun_index(const char (*kommun)[5], size_t nkommun, const char *code);

#endif
