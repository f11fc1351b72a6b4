/* propose: next year's track, proposed from the data. For every reporting
 * municipality the candidates are the tracks that do not run there yet: a
 * configured track not offered in the municipality, each [bundle.<id>] and
 * each SSYK 3-digit group, the last two without the occupations the
 * municipality's tracks already target. Each is scored like a track
 * (score.h) with trackfit.proposal_capacity places: demand from the shortage
 * ranking, eligible and interested candidates under entry requirements
 * taken from the employer survey (weighted median), employers open to
 * participants, and expected placements from the placement model with the
 * mean track effect; ranked by a fit that adds interest and employers to the
 * track fit, with a bootstrap interval, the probability of coming first and
 * the main obstacle. Method: docs/METHOD.md. */
#ifndef JOBBSPAR_TRACKFIT_PROPOSE_H
#define JOBBSPAR_TRACKFIT_PROPOSE_H

#include "explain.h"
#include "inputs.h"
#include "placement.h"
#include "score.h"
#include "track.h"

#include <stddef.h>

enum proposal_kind { PROPOSAL_TRACK, PROPOSAL_BUNDLE, PROPOSAL_SSYK3 };

/* Where a proposal's entry requirements come from. */
enum requirement_source {
	REQUIREMENT_TRACK,         /* the configured track's own */
	REQUIREMENT_SURVEY_KOMMUN, /* the survey rows of the municipality */
	REQUIREMENT_SURVEY_ALL,    /* the survey rows of every municipality */
	REQUIREMENT_NONE           /* no survey row for its occupations: none */
};

/* The labels of the SSYK 2012 3-digit groups (data/ref). */
struct ssyk3_labels {
	char *sv[1000], *en[1000]; /* by code, NULL when unknown */
};

struct proposal {
	enum proposal_kind kind;
	char *id;                 /* the track or bundle id, or the 3-digit code (owned) */
	char *name_sv, *name_en;  /* owned */
	struct track def;         /* the occupations (targets, owned) and entry requirements */
	int model_track;          /* the configured track's index, -1 for a new one */
	enum requirement_source requirements;
	struct trackfit_row row;  /* scored with trackfit.proposal_capacity places */
	double interest_ratio;    /* min(1, interested / capacity) */
	double employer_ratio;    /* min(1, open employers x places_per_employer / capacity); NaN unknown */
	double fit;               /* 0-100 */
	double p_first;           /* bootstrap share of replicates in which it comes first; NaN */
	double p_brist;           /* openings-weighted mean of shortage.tsv's p_brist; NaN */
	double shortage_ratio;    /* p_brist, else the openings share with verdict brist; 0-1 */
	long best_rank;           /* the best shortage rank among its occupations; 0 none */
	enum obstacle obstacle;
	int rank;                 /* 1 = best in its municipality */
};

struct proposals {
	struct proposal *p;       /* the shown ones: the best trackfit.proposals per municipality,
				   * municipality by municipality, by rank */
	size_t n;
	size_t *candidates;       /* per municipality: how many were scored */
};

/* Loads the 3-digit labels from REFDIR/ssyk2012_levels_1_3.csv into L.
 * Returns 0, or -1 with a message. Free with ssyk3_labels_free. */
int ssyk3_labels_load(const char *refdir, struct ssyk3_labels *l);
void ssyk3_labels_free(struct ssyk3_labels *l);

/* The weighted lower median of the N VALUES with WEIGHTS (both borrowed):
 * the smallest value whose cumulative weight reaches half the total. -1
 * when N is 0 or the weights sum to 0. */
int propose_weighted_median(const int *values, const double *weights, size_t n);

/* The entry requirements of the occupations of DEF (4-digit targets) in
 * municipality K from the survey: min_swedish from the weighted median of
 * swedish_required (ingen: none, grundläggande: sfi-b, god: sfi-d,
 * flytande: sas), min_sun from that of min_sun_level; the municipality's
 * rows, else every municipality's. Sets DEF's requirements and returns
 * where they came from. */
enum requirement_source propose_requirements(const struct inputs *in, size_t k, struct track *def);

/* Scores and ranks the proposals of every municipality (everything
 * borrowed). The caller owns OUT and frees it with proposals_free. */
void proposals_compute(const struct inputs *in, size_t nkommun, const struct track *tracks,
		       size_t ntracks, const struct track *bundles, size_t nbundles,
		       const struct track_offer *offers, size_t noffers, const struct ssyk3_labels *labels,
		       const struct placement_model *m, const struct trackfit_settings *s,
		       struct proposals *out);
void proposals_free(struct proposals *p);

#endif
