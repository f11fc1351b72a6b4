#include "settings.h"
#include "msg.h"

#include <math.h>

static int range(const struct config *cfg, const char *section, const char *key, double def,
		 double lo, double hi, double *out)
{
	if (config_double(cfg, section, key, def, out) != 0)
		return -1;
	if (!(*out >= lo && *out <= hi)) {
		const struct config_entry *e = config_find(cfg, section, key);
		msg_error_at(cfg->path, e ? e->line : 0, "%s.%s: %g is out of range (%g to %g)", section, key,
			     *out, lo, hi);
		return -1;
	}
	return 0;
}

int trackfit_settings_load(const struct config *cfg, struct trackfit_settings *s,
			   struct placement_settings *ps)
{
	double youth, bootstrap, interest_only, interest_first, seed;
	if (range(cfg, "trackfit", "arrival_years", 3, 0, 100, &s->arrival_years)
	    || range(cfg, "trackfit", "youth", 0, 0, 1, &youth)
	    || range(cfg, "trackfit", "horizon_years", 5, 0.1, 50, &s->horizon_years)
	    || range(cfg, "shortage", "horizon_years", 5, 0.1, 50, &s->shortage_horizon)
	    || range(cfg, "trackfit", "bootstrap", 1000, 0, 1000000, &bootstrap)
	    || range(cfg, "trackfit", "interest_only", 0, 0, 1, &interest_only)
	    || range(cfg, "trackfit", "interest_first", 0, 0, 1, &interest_first)
	    || range(cfg, "run", "seed", 20261123, 0, 4294967295.0, &seed)
	    || range(cfg, "trackfit", "verdict_brist", 1, 0, 10, &s->verdict_weight[VERDICT_BRIST])
	    || range(cfg, "trackfit", "verdict_bevaka", 0.75, 0, 10, &s->verdict_weight[VERDICT_BEVAKA])
	    || range(cfg, "trackfit", "verdict_balans", 0.5, 0, 10, &s->verdict_weight[VERDICT_BALANS])
	    || range(cfg, "trackfit", "verdict_overskott", 0.25, 0, 10,
		     &s->verdict_weight[VERDICT_OVERSKOTT])
	    || range(cfg, "trackfit", "verdict_x", 0.5, 0, 10, &s->verdict_weight[VERDICT_X])
	    || range(cfg, "trackfit", "weight_demand", 1, 0, 100, &s->w_demand)
	    || range(cfg, "trackfit", "weight_supply", 1, 0, 100, &s->w_supply)
	    || range(cfg, "trackfit", "weight_placement", 1, 0, 100, &s->w_placement)
	    || range(cfg, "trackfit", "min_events_per_variable", 10, 0, 1000, &ps->min_events_per_variable)
	    || range(cfg, "trackfit", "test_share", 0.2, 0, 0.5, &ps->test_share)
	    || range(cfg, "trackfit", "fallback_rate", 0.4, 0, 1, &ps->fallback_rate))
		return -1;
	if (bootstrap != floor(bootstrap) || seed != floor(seed) || youth != floor(youth)
	    || interest_only != floor(interest_only) || interest_first != floor(interest_first)) {
		msg_error_at(cfg->path, 0, "trackfit.bootstrap, youth, interest_only, interest_first and "
			     "run.seed must be whole numbers");
		return -1;
	}
	s->youth = (int)youth;
	s->bootstrap = (long)bootstrap;
	s->interest_only = (int)interest_only;
	s->interest_first = (int)interest_first;
	/* the held-out split uses run.seed, the bootstrap the next seed */
	ps->seed = (unsigned long)seed;
	s->seed = (unsigned long)seed + 1;
	return 0;
}
