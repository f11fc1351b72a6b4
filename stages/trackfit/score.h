/* score: trackfit proper. For every reporting municipality and track:
 * demand (weighted openings, employers open to participants), supply
 * (eligible candidates, their interest, by sex), expected placements with a
 * parametric-bootstrap interval, the fit score and rank; and the optimal
 * assignment of candidates to tracks against filling by interest alone.
 * Formulas: docs/METHOD.md. */
#ifndef JOBBSPAR_TRACKFIT_SCORE_H
#define JOBBSPAR_TRACKFIT_SCORE_H

#include "inputs.h"
#include "placement.h"
#include "track.h"

#include <stddef.h>

enum { VERDICT_BRIST, VERDICT_BEVAKA, VERDICT_BALANS, VERDICT_OVERSKOTT, VERDICT_X, VERDICT_COUNT };

struct trackfit_settings {
	double arrival_years;     /* newly arrived: 0 <= years_since_arrival <= this */
	int youth;                /* also candidates aged 16-24 */
	double horizon_years;     /* openings are scaled to this horizon */
	double shortage_horizon;  /* the horizon of shortage.tsv's openings_5y */
	long bootstrap;           /* replicates; 0 = no interval */
	unsigned long seed;       /* the bootstrap generator's seed */
	int interest_only, interest_first;
	double verdict_weight[VERDICT_COUNT];
	double w_demand, w_supply, w_placement;
};

struct trackfit_row {
	size_t kommun, track;
	long capacity;
	long eligible, eligible_women, eligible_men;
	long interested, interested_women, interested_men;
	double interest_credit;
	double openings, openings_unweighted;
	long employers_open;          /* -1 when occupations.tsv is absent */
	double employers_open_weighted; /* NaN when weights.tsv is absent */
	long selected;                /* min(capacity, eligible) */
	double p_mean;                /* mean p over eligible candidates, NaN if none */
	double expected, expected_lo, expected_hi;
	double demand, supply, placement, fit;
	int rank;
	long assigned, assigned_wanted;
	double assigned_expected;
	long interest_assigned;
	double interest_expected;
};

struct assignment_row {
	const char *person;           /* borrowed from the inputs */
	size_t kommun;
	int track, interest_track;    /* -1 none */
	double p, interest_p;         /* NaN when none */
	int wanted;                   /* the optimal track is one the person wants */
};

struct trackfit_result {
	struct trackfit_row *rows;    /* nkommun x ntracks, kommun-major */
	size_t nrows;
	struct assignment_row *assignment;
	size_t nassignment;
	long candidates;
};

/* 1 when X is a candidate: newly arrived within S's arrival_years, or
 * (when S->youth) aged 16-24. */
int trackfit_candidate(const struct person *x, const struct trackfit_settings *s);

/* Index of a verdict ("brist", ...; "" counts as "X"), or -1. */
int trackfit_verdict(const char *verdict);

/* Computes the result from the inputs, model and settings (all borrowed).
 * Returns 0, or -1 with a message (solver failure). The caller owns OUT and
 * frees it with trackfit_result_free. */
int trackfit_compute(const struct inputs *in, size_t nkommun, const struct track *tracks,
		     size_t ntracks, const struct placement_model *m,
		     const struct trackfit_settings *s, struct trackfit_result *out);
void trackfit_result_free(struct trackfit_result *r);

#endif
