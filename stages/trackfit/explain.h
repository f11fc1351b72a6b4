/* explain: the sentences in trackfit.tsv and proposals.tsv that say, in
 * Swedish and English, how a track's numbers relate: how its places are
 * filled (by interested eligible candidates, or by eligible candidates who
 * did not name its occupations, in order of predicted placement), what that
 * gives in expected placements, and the demand behind it. A sentence uses
 * only what the row publishes: a hidden count is "fewer than N". */
#ifndef JOBBSPAR_TRACKFIT_EXPLAIN_H
#define JOBBSPAR_TRACKFIT_EXPLAIN_H

#include "score.h"

enum explain_lang { EXPLAIN_SV, EXPLAIN_EN };

/* The main obstacle of a proposal (docs/METHOD.md). */
enum obstacle {
	OBSTACLE_NONE, OBSTACLE_SWEDISH, OBSTACLE_EDUCATION, OBSTACLE_CANDIDATES,
	OBSTACLE_EMPLOYERS, OBSTACLE_DEMAND, OBSTACLE_SHORTAGE, OBSTACLE_INTEREST
};

/* V with DECIMALS decimals as LANG writes it ("26,6" / "26.6"): a new
 * string. */
char *explain_number(double v, int decimals, enum explain_lang lang);

/* The sentences of a track row ROW with the hidden cells HIDDEN
 * (disclose.h), for a horizon of HORIZON years: a new string. */
char *explain_track(const struct trackfit_row *row, unsigned hidden, long min_persons,
		    double horizon, enum explain_lang lang);

/* The obstacle's code in proposals.tsv ("swedish", ...). */
const char *explain_obstacle_code(enum obstacle o);

/* The sentences of a proposal: its fill and expected placements as for a
 * track, then the main obstacle O (for OBSTACLE_SWEDISH the level
 * MIN_SWEDISH, a SWEDISH_* rank; for OBSTACLE_EDUCATION the SUN level
 * MIN_SUN). A new string. */
char *explain_proposal(const struct trackfit_row *row, unsigned hidden, long min_persons,
		       double horizon, enum obstacle o, int min_swedish, int min_sun,
		       enum explain_lang lang);

#endif
