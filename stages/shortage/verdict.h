/* verdict: scoring of indicators 0-3 against thresholds relative to the
 * area's own average, the registry verdict from the mean score (in the
 * manner of the Bundesagentur für Arbeit's Engpassanalyse), the survey
 * verdict from the recruitment balance, and the rule combining the two.
 * Rules and defaults are in docs/METHOD.md. */
#ifndef JOBBSPAR_SHORTAGE_VERDICT_H
#define JOBBSPAR_SHORTAGE_VERDICT_H

#include <stddef.h>

enum verdict { VERDICT_X = -1, VERDICT_OVERSKOTT = 0, VERDICT_BALANS = 1, VERDICT_BEVAKA = 2,
	       VERDICT_BRIST = 3 };

/* The shortage.tsv code of V (pipeline/verdicts.h's verdict_code): "brist",
 * "bevaka", "balans", "överskott", "X" (static). */
const char *verdict_name(enum verdict v);

/* Score of X against ascending THRESHOLDS t0 <= t1 <= t2: the number of
 * thresholds X reaches (0 if x < t0, ..., 3 if x >= t2); -1 for NaN. */
int verdict_score(double x, const double thresholds[3]);

/* The continuous version of verdict_score, used to rank occupations within
 * a step: linear from 0 at t0 - (t1 - t0) to 1 at t0, 2 at t1, 3 at t2,
 * clamped to [0, 3]; its integer part equals verdict_score. NaN for NaN. */
double verdict_score_continuous(double x, const double thresholds[3]);

/* Mean of the scores >= 0 among SCORES[0..n); NaN if fewer than
 * MIN_AVAILABLE are available. Writes the number available. */
double verdict_mean_score(const int *scores, size_t n, size_t min_available, size_t *available);

struct verdict_cuts {
	double brist;     /* mean score >= brist: brist */
	double watch;     /* >= watch: bevaka */
	double surplus;   /* < surplus: överskott; else balans */
};

/* Registry verdict from a mean score (NaN: X). */
enum verdict verdict_from_score(double score, const struct verdict_cuts *cuts);

struct verdict_survey_cuts {
	double brist;     /* balance >= brist: brist */
	double watch;     /* >= watch: bevaka */
	double surplus;   /* <= surplus (negative): överskott */
};

/* Survey verdict from the balance 100 (share brist - share god); X when
 * the balance is NaN or the estimate is not publishable (PUBLISHABLE 0). */
enum verdict verdict_from_balance(double balance, int publishable,
				  const struct verdict_survey_cuts *cuts);

/* Combined verdict: the one available if the other is X; else the mean of
 * the two ranks (överskott 0 .. brist 3), a half rounded toward the
 * registry verdict. */
enum verdict verdict_combine(enum verdict registry, enum verdict survey);

#endif
