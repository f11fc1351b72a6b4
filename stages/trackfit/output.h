/* output: trackfit's tables. OUT/trackfit.tsv, OUT/trackfit_areas.tsv,
 * OUT/proposals.tsv and OUT/model.tsv (0644; counts of persons under the
 * disclosure rule of disclose.h) and the person-level
 * OUT/restricted/assignment.tsv (0600 in a 0700 folder; pseudonyms only,
 * never published). Columns: docs/TABLES.md. */
#ifndef JOBBSPAR_TRACKFIT_OUTPUT_H
#define JOBBSPAR_TRACKFIT_OUTPUT_H

#include "placement.h"
#include "propose.h"
#include "score.h"
#include "track.h"

#include <stddef.h>

/* What the published tables are written from (all borrowed). */
struct output_context {
	const char (*kommun)[5];
	const char *const *kommun_name;  /* per reporting municipality */
	size_t nkommun;
	const struct track *tracks;
	const struct track_offer *offers;
	const struct inputs *in;         /* the shortage rows named in top_occupations */
	const struct placement_model *m;
	const struct trackfit_settings *s;
};

/* Each writes its table and returns 0, or -1 with a message (nothing left
 * under the name). */
int output_trackfit(const char *path, const struct trackfit_result *r, const struct output_context *c);
int output_areas(const char *path, const struct trackfit_result *r, const struct proposals *p,
		 const struct output_context *c);
int output_proposals(const char *path, const struct proposals *p, const struct output_context *c);
int output_model(const char *path, const struct placement_model *m, const struct track *tracks);
int output_assignment(const char *path, const struct trackfit_result *r, const char (*kommun)[5],
		      const struct track *tracks);

#endif
