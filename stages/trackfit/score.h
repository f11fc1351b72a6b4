/* score: trackfit proper. For every track offered in a reporting
 * municipality: demand (weighted openings, the verdicts behind them,
 * employers open to participants), supply (eligible candidates, their
 * interest, by sex), how the places are filled, expected placements with a
 * parametric-bootstrap interval, the fit score and rank; and the optimal
 * assignment of candidates to the offered tracks against filling by
 * interest alone. The same scoring serves the proposals (propose.h).
 * Formulas: docs/METHOD.md. */
#ifndef JOBBSPAR_TRACKFIT_SCORE_H
#define JOBBSPAR_TRACKFIT_SCORE_H

#include "verdicts.h"

#include "inputs.h"
#include "placement.h"
#include "track.h"

#include <stddef.h>

/* the shared verdicts (pipeline/verdicts.h), by trackfit's names */
enum {
	VERDICT_BRIST = VK_BRIST, VERDICT_BEVAKA = VK_BEVAKA, VERDICT_BALANS = VK_BALANS,
	VERDICT_OVERSKOTT = VK_OVERSKOTT, VERDICT_X = VK_X, VERDICT_COUNT = VK_COUNT
};

/* The largest target occupations (by weighted openings) named in a row. */
enum { SCORE_TOP = 3 };

struct trackfit_settings {
	double arrival_years;     /* newly arrived: 0 <= years_since_arrival <= this */
	int youth;                /* also candidates aged 16-24 */
	double horizon_years;     /* openings are scaled to this horizon */
	double shortage_horizon;  /* the horizon of shortage.tsv's openings_5y */
	long bootstrap;           /* replicates; 0 = no interval */
	unsigned long seed;       /* the bootstrap generator's seed (proposals: seed + 1) */
	int interest_only, interest_first;
	double verdict_weight[VERDICT_COUNT];
	double w_demand, w_supply, w_placement;
	int plan_year;            /* run.reference_year + 1 */
	long min_persons, min_respondents; /* disclosure control of the tables */
	long proposals;           /* proposals written per municipality */
	long proposal_capacity;
	double w_shortage, w_interest, w_employers, places_per_employer;
};

/* What is scored: a track offered in a municipality, or a proposal. */
struct score_unit {
	const struct track *def;  /* targets and entry requirements (borrowed) */
	int model_track;          /* the placement model's track; -1: a new track (mean effect) */
	size_t kommun;
	long capacity;
};

struct trackfit_row {
	size_t kommun, track, offer; /* track: index into the tracks; offer: into the offers */
	long capacity;
	/* What is unknown (docs/METHOD.md section 3): the people of the
	 * municipality (then every count of candidates, the selection, the
	 * expected placements, supply and placement are unknown, and left out
	 * of the fit), or the openings of a target occupation (then openings
	 * and demand coverage are unknown, and left out of the fit). */
	enum people_gap people_unknown;
	enum openings_gap demand_unknown;
	long candidates;              /* candidates in the municipality */
	long eligible, eligible_women, eligible_men;
	long interested, interested_women, interested_men;
	double interest_credit;
	long excluded_swedish;        /* candidates failing the Swedish requirement */
	long excluded_education;      /* candidates failing the SUN requirement */
	long interested_all;          /* candidates naming a target, eligible or not */
	long interested_excluded_swedish, interested_excluded_education; /* of them */
	double openings, openings_unweighted;
	int occupations;              /* target occupations with a shortage row */
	int occupations_verdict[VERDICT_COUNT];
	size_t top[SCORE_TOP];        /* shortage rows with the largest weighted openings */
	int ntop;
	long employers_open;          /* -1 when occupations.tsv is absent */
	double employers_open_weighted; /* NaN when weights.tsv is absent */
	long selected;                /* min(capacity, eligible) */
	long filled_interested, filled_other; /* of the selected */
	double p_mean;                /* mean p over eligible candidates, NaN if none */
	int p_source;                 /* P_MODEL, ... */
	double expected, expected_lo, expected_hi;
	double demand, supply, placement, fit; /* NaN when unknown */
	int rank;                     /* 0 when the fit is unknown */
	long assigned, assigned_wanted;
	double assigned_expected;
	long interest_assigned;
	double interest_expected;
};

struct assignment_row {
	const char *person;           /* borrowed from the inputs */
	size_t kommun;
	int track, interest_track;    /* index into the tracks, -1 none */
	double p, interest_p;         /* NaN when none */
	int wanted;                   /* the optimal track is one the person wants */
};

struct kommun_summary {
	enum people_gap no_people;    /* the municipality's people unknown (inputs.h) */
	enum openings_gap no_openings; /* some of its openings unknown */
	long candidates;              /* candidates in the municipality */
	long eligible_any;            /* eligible for at least one offered track */
	size_t tracks;                /* tracks offered */
};

struct trackfit_result {
	struct trackfit_row *rows;    /* one per offer, in the offers' order */
	size_t nrows;
	struct assignment_row *assignment;
	size_t nassignment;
	long candidates;
	struct kommun_summary *kommun; /* nkommun */
};

/* 1 when X is a candidate: newly arrived within S's arrival_years, or
 * (when S->youth) aged 16-24. */
int trackfit_candidate(const struct person *x, const struct trackfit_settings *s);

/* Index of a verdict ("brist", ...; "" counts as "X"), or -1: verdict_parse
 * of pipeline/verdicts.h, the one list of verdicts. */
int trackfit_verdict(const char *verdict);

/* Scores unit U (borrowed) into ROW (the caller's; kommun and capacity
 * are set from U, the other identifying fields are left alone): demand,
 * supply, and the selection that fills the places on their own (eligible
 * candidates, interested first, then by p, then by pseudonym). CANDIDATE
 * flags the candidates among in->jobseekers. Writes to *SELECTED a new array
 * of the ROW->selected chosen jobseekers' indices (caller frees). */
void trackfit_score_unit(const struct inputs *in, const struct score_unit *u,
			 const struct placement_model *m, const struct trackfit_settings *s,
			 const int *candidate, struct trackfit_row *row, size_t **selected);

/* Parametric bootstrap of the placements of N units: in each of
 * s->bootstrap replicates the coefficients are drawn once (SEED's
 * generator), then one Bernoulli draw per selected candidate of each unit.
 * Writes N x s->bootstrap sums (unit-major) into a new array (caller
 * frees), or NULL when s->bootstrap is 0 or N is 0. */
double *trackfit_bootstrap(const struct inputs *in, const struct score_unit *units,
			   size_t *const *selected, const long *nselected, size_t n,
			   const struct placement_model *m, const struct trackfit_settings *s,
			   unsigned long seed);

/* The fit components of ROW (demand, supply, placement) and its fit: the
 * weighted mean of the known components, the weights rescaled to them
 * (NaN when none is known). */
void trackfit_fit(struct trackfit_row *row, const struct trackfit_settings *s);

/* Computes the result for the offers (borrowed) from the inputs, model and
 * settings (all borrowed). Returns 0, or -1 with a message (solver
 * failure). The caller owns OUT and frees it with trackfit_result_free. */
int trackfit_compute(const struct inputs *in, size_t nkommun, const struct track *tracks,
		     size_t ntracks, const struct track_offer *offers, size_t noffers,
		     const struct placement_model *m, const struct trackfit_settings *s,
		     struct trackfit_result *out);
void trackfit_result_free(struct trackfit_result *r);

#endif
