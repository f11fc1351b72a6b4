#include "settings.h"
#include "msg.h"
#include "stage.h"

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
	double youth, bootstrap, interest_only, interest_first, seed, min_persons, min_respondents;
	double proposals, proposal_capacity;
	int year;
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
	    || range(cfg, "trackfit", "fallback_rate", 0.4, 0, 1, &ps->fallback_rate)
	    || range(cfg, "disclosure", "min_persons", 5, 1, 1e9, &min_persons)
	    || range(cfg, "disclosure", "min_respondents", 3, 1, 1e9, &min_respondents)
	    || range(cfg, "trackfit", "proposals", 5, 0, 1000, &proposals)
	    || range(cfg, "trackfit", "proposal_capacity", 20, 1, 100000, &proposal_capacity)
	    || range(cfg, "trackfit", "weight_shortage", 1, 0, 100, &s->w_shortage)
	    || range(cfg, "trackfit", "weight_interest", 1, 0, 100, &s->w_interest)
	    || range(cfg, "trackfit", "weight_employers", 1, 0, 100, &s->w_employers)
	    || range(cfg, "trackfit", "places_per_employer", 1, 1e-9, 1000, &s->places_per_employer)
	    || stage_reference_year(cfg, &year) != 0)
		return -1;
	if (bootstrap != floor(bootstrap) || seed != floor(seed) || youth != floor(youth)
	    || interest_only != floor(interest_only) || interest_first != floor(interest_first)
	    || min_persons != floor(min_persons) || min_respondents != floor(min_respondents)
	    || proposals != floor(proposals) || proposal_capacity != floor(proposal_capacity)) {
		msg_error_at(cfg->path, 0, "trackfit.bootstrap, youth, interest_only, interest_first, "
			     "proposals, proposal_capacity, disclosure.min_persons, min_respondents and "
			     "run.seed must be whole numbers");
		return -1;
	}
	s->plan_year = year + 1;
	s->min_persons = (long)min_persons;
	s->min_respondents = (long)min_respondents;
	s->proposals = (long)proposals;
	s->proposal_capacity = (long)proposal_capacity;
	s->youth = (int)youth;
	s->bootstrap = (long)bootstrap;
	s->interest_only = (int)interest_only;
	s->interest_first = (int)interest_first;
	/* the held-out split uses run.seed, the bootstrap the next seed */
	ps->seed = (unsigned long)seed;
	s->seed = (unsigned long)seed + 1;
	return 0;
}
