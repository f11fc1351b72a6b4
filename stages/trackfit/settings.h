/* settings: the [trackfit] keys (and run.seed, shortage.horizon_years) read
 * and checked; docs/METHOD.md lists them. */
#ifndef JOBBSPAR_TRACKFIT_SETTINGS_H
#define JOBBSPAR_TRACKFIT_SETTINGS_H

#include "config.h"
#include "placement.h"
#include "score.h"

/* Fills S and PS from CFG (defaults for absent keys). Returns 0, or -1
 * after "prog: file:line: section.key: ..." for a bad value. */
int trackfit_settings_load(const struct config *cfg, struct trackfit_settings *s,
			   struct placement_settings *ps);

#endif
