/* output: trackfit's tables. OUT/trackfit.tsv and OUT/model.tsv (0644) and
 * the person-level OUT/restricted/assignment.tsv (0600 in a 0700 folder;
 * pseudonyms only, never published). Each is written atomically. */
#ifndef JOBBSPAR_TRACKFIT_OUTPUT_H
#define JOBBSPAR_TRACKFIT_OUTPUT_H

#include "placement.h"
#include "score.h"
#include "track.h"

#include <stddef.h>

/* Each returns 0, or -1 with a message (nothing left under the name). */
int output_trackfit(const char *path, const struct trackfit_result *r, const char (*kommun)[5],
		    const struct track *tracks, const struct placement_model *m);
int output_model(const char *path, const struct placement_model *m, const struct track *tracks);
int output_assignment(const char *path, const struct trackfit_result *r, const char (*kommun)[5],
		      const struct track *tracks);

#endif
