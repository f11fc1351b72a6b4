/* track: the job tracks of the configuration ([track.<id>] sections) and the
 * person-level rules that use them: entry requirements, target occupations
 * and interest credit. Tracks are configuration, never code: a planner adds a
 * track by adding a section (docs/METHOD.md). */
#ifndef JOBBSPAR_TRACKFIT_TRACK_H
#define JOBBSPAR_TRACKFIT_TRACK_H

#include "codes.h"
#include "config.h"

#include <stddef.h>

/* Swedish levels in order; 0 = unknown. */
enum { SWEDISH_UNKNOWN = 0, SWEDISH_SFI_A, SWEDISH_SFI_B, SWEDISH_SFI_C, SWEDISH_SFI_D,
       SWEDISH_SAS, SWEDISH_MODERSMAL };

struct track_target {
	char prefix[5];   /* 1-4 digits of an SSYK 2012 code */
	size_t len;       /* number of digits */
	double weight;    /* > 0 */
};

struct track {
	char *id;         /* the part after "track." */
	char *name;
	struct track_target *target;
	size_t ntarget;
	int min_swedish;  /* SWEDISH_* rank, 0 = no requirement */
	int min_sun;      /* -1 = no requirement */
	int max_sun;      /* -1 = no requirement */
	long capacity;    /* places per year, > 0 */
	long duration_months; /* 0 when not given */
	char *provider;   /* "" when not given */
	double fallback_rate; /* NaN = use trackfit.fallback_rate */
};

/* One track offered in one reporting municipality in the plan year. */
struct track_offer {
	size_t track;       /* index into the tracks */
	size_t kommun;      /* index among the reporting municipalities */
	long capacity;      /* places per year, > 0 */
	char *provider;     /* owned; "" when neither the offer nor the track names one */
	int start, end;     /* first and last year of intake; 0 = not given */
	int own;            /* 1: an [offer.<id>.<kommun>] section; 0: the track's default */
};

/* Reads every [track.<id>] section of CFG in file order. Checks the SSYK
 * codes and prefixes against CODES. Returns 0 and a new array (free with
 * tracks_free) or -1 after printing "prog: file:line: track.<id>.<key>: ..."
 * for the first invalid entry. Zero tracks is an error too. */
int tracks_load(const struct config *cfg, const struct codes *codes,
		struct track **out, size_t *count);
void tracks_free(struct track *tracks, size_t count);

/* Reads every [bundle.<id>] section of CFG in file order into tracks
 * without entry requirements or capacity (name and targets only; targets
 * checked against CODES). Returns 0 and a new array (free with tracks_free;
 * may be empty) or -1 after a message. */
int bundles_load(const struct config *cfg, const struct codes *codes, struct track **out,
		 size_t *count);

/* Where the NTRACKS TRACKS (borrowed) are offered among the NKOMMUN
 * reporting municipalities KOMMUN (borrowed) in PLAN_YEAR. A track with
 * [offer.<id>.<kommun>] sections is offered in those municipalities whose
 * offer covers PLAN_YEAR (start <= PLAN_YEAR <= end, either may be absent),
 * with the offer's capacity and provider (the track's when absent); a track
 * without any is offered in every reporting municipality with its own.
 * Offers of municipalities that are not reported are ignored. The offers
 * come municipality by municipality, tracks in configuration order. Returns
 * 0 and a new array (free with offers_free; may be empty) or -1 after
 * "prog: file:line: ..." for an offer of an unknown municipality or a bad
 * value. */
int offers_load(const struct config *cfg, const struct codes *codes, const struct track *tracks,
		size_t ntracks, const char (*kommun)[5], size_t nkommun, int plan_year,
		struct track_offer **out, size_t *count);
void offers_free(struct track_offer *offers, size_t count);

/* Swedish level text ("sfi-b", "modersmål"; case-insensitive) to its rank;
 * "" gives SWEDISH_UNKNOWN, anything else -1. */
int track_swedish_rank(const char *text);

/* The target weight of the 4-digit SSYK CODE in T: the largest weight of the
 * targets whose prefix CODE starts with, or 0 when none matches. */
double track_target_weight(const struct track *t, const char *code);

/* Interest credit of one 4-digit SSYK CODE for T: 1 when a target prefix
 * matches, 0.5 when CODE shares the 3-digit group of a 4-digit target, 0.25
 * when it shares the 2-digit group of a target of 3 or 4 digits, else 0.
 * An empty or malformed CODE gives 0. */
double track_interest_credit(const struct track *t, const char *code);

/* 1 when a person with Swedish rank SWEDISH (0 unknown) and SUN level SUN
 * (-1 unknown) meets T's entry requirements. An unknown value fails any
 * requirement that is set, so eligibility is never assumed. */
int track_eligible(const struct track *t, int swedish, int sun);

#endif
