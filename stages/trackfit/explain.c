#include "explain.h"
#include "disclose.h"
#include "msg.h"
#include "verdicts.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A growing string. */
struct text {
	char *s;
	size_t len, cap;
};

static void add(struct text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(struct text *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (t->len + (size_t)n + 1 > t->cap) {
		t->cap = 2 * (t->len + (size_t)n + 1);
		t->s = erealloc(t->s, t->cap);
	}
	va_start(ap, fmt);
	vsnprintf(t->s + t->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	t->len += (size_t)n;
}

char *explain_number(double v, int decimals, enum explain_lang lang)
{
	char *s = easprintf("%.*f", decimals, v);
	if (strcmp(s, "-0") == 0 || strncmp(s, "-0.", 3) == 0) {
		/* -0.04 at one decimal is 0.0, not "-0.0" */
		int zero = 1;
		for (const char *c = s + 1; *c; c++)
			zero &= *c == '0' || *c == '.';
		if (zero)
			memmove(s, s + 1, strlen(s));
	}
	char *dot = strchr(s, '.');
	if (dot && lang == EXPLAIN_SV)
		*dot = ',';
	return s;
}

/* "N" or "färre än M" / "fewer than M" for a count that may be hidden. */
static void add_count(struct text *t, long n, int hidden, long min_persons, enum explain_lang lang)
{
	if (hidden)
		add(t, lang == EXPLAIN_SV ? "färre än %ld" : "fewer than %ld", min_persons);
	else
		add(t, "%ld", n);
}

static void add_number(struct text *t, double v, int decimals, enum explain_lang lang)
{
	char *s = explain_number(v, decimals, lang);
	add(t, "%s", s);
	free(s);
}

/* How the places are filled and what that gives. */
static void fill_sentence(struct text *t, const struct trackfit_row *r, unsigned hidden, long minp,
			  enum explain_lang lang)
{
	int sv = lang == EXPLAIN_SV;
	long c = r->capacity, e = r->eligible, i = r->interested;
	int hide_i = (hidden & HIDE_INTERESTED) != 0;
	if (r->people_unknown == PEOPLE_COUNTS) {
		add(t, sv ? "De arbetssökande finns bara som antal per yrke (jobseekers_aggregated.csv), inte "
			    "som personer, så behöriga, intresserade och förväntade placeringar kan inte "
			    "beräknas."
			  : "Jobseekers were given only as counts per occupation (jobseekers_aggregated.csv), "
			    "not as persons, so eligible and interested candidates and expected placements "
			    "cannot be computed.");
		return;
	}
	if (r->people_unknown) {
		add(t, sv ? "Registret över arbetssökande (jobseekers.csv) har ingen person i kommunen, så "
			    "behöriga, intresserade och förväntade placeringar kan inte beräknas."
			  : "The jobseeker register (jobseekers.csv) has no person in the municipality, so "
			    "eligible and interested candidates and expected placements cannot be computed.");
		return;
	}
	if (e == 0) {
		add(t, sv ? "Ingen av kommunens kandidater är behörig, så spårets %ld platser kan inte fyllas "
			    "härifrån."
			  : "None of the municipality's candidates is eligible, so the track's %ld places "
			    "cannot be filled from here.", c);
		return;
	}
	if (hidden & HIDE_ELIGIBLE) {
		add(t, sv ? "Färre än %ld kandidater är behöriga till spårets %ld platser; förväntade "
			    "placeringar redovisas inte för så få."
			  : "Fewer than %ld candidates are eligible for the track's %ld places; expected "
			    "placements are not shown for so few.", minp, c);
		return;
	}
	if (e < c) {
		add(t, sv ? "Bara %ld behöriga till %ld platser: alla tas med (" : "Only %ld eligible for "
			    "%ld places: all are taken (", e, c);
		if (i == 0) {
			add(t, sv ? "ingen av dem har" : "none of them");
		} else {
			add_count(t, i, hide_i, minp, lang);
			add(t, sv ? " av dem har" : " of them");
		}
		add(t, sv ? " angett spårets yrken), och " : " named the track's occupations), and ");
	} else if (i >= c) {
		add(t, sv ? "De " : "The ");
		add_count(t, i, hide_i, minp, lang);
		add(t, sv ? " behöriga som angett spårets yrken räcker till alla %ld platser; de med "
			    "högst förväntad placering tas först, och "
			  : " eligible candidates who named the track's occupations fill all %ld "
			    "places; those most likely to be placed go first, and ", c);
	} else if (i == 0) {
		add(t, sv ? "Ingen av de %ld behöriga har angett spårets yrken, så alla %ld platser fylls av "
			    "behöriga som inte angett dem, i ordning efter förväntad placering; "
			  : "None of the %ld eligible named the track's occupations, so all %ld places are "
			    "filled by eligible candidates who did not, in order of predicted placement; ",
		    e, c);
	} else if (hide_i) {
		add(t, sv ? "Färre än %ld av de %ld behöriga har angett spårets yrken, så de flesta av de "
			    "%ld platserna fylls av behöriga som inte angett dem, i ordning efter förväntad "
			    "placering; "
			  : "Fewer than %ld of the %ld eligible named the track's occupations, so most of "
			    "the %ld places are filled by eligible candidates who did not, in order of "
			    "predicted placement; ", minp, e, c);
	} else {
		add(t, sv ? "Bara %ld av de %ld behöriga har angett spårets yrken, så " : "Only %ld of the "
			    "%ld eligible named the track's occupations, so ", i, e);
		if (hidden & HIDE_FILLED_OTHER)
			add(t, sv ? "de övriga (färre än %ld)" : "the other (fewer than %ld)", minp);
		else
			add(t, "%ld", r->filled_other);
		add(t, sv ? " av de %ld platserna fylls av behöriga som inte angett dem, i ordning efter "
			    "förväntad placering; "
			  : " of the %ld places are filled by eligible candidates who did not, in order of "
			    "predicted placement; ", c);
	}
	add_number(t, r->expected, 1, lang);
	add(t, sv ? " väntas ha arbete inom ett år." : " are expected to be in work within a year.");
}


/* The demand behind the track and the employers open to participants. */
static void demand_sentence(struct text *t, const struct trackfit_row *r, unsigned hidden,
			    double horizon, enum explain_lang lang)
{
	int sv = lang == EXPLAIN_SV;
	if (r->demand_unknown) {
		int n = r->occupations_verdict[VERDICT_BRIST] + r->occupations_verdict[VERDICT_BEVAKA];
		if (r->occupations == 1)
			add(t, sv ? " Efterfrågan: okänd, eftersom jobbtillfällena i spårets yrke inte kunde "
				    "beräknas"
				  : " Demand: unknown, since the openings in the track's one occupation could "
				    "not be computed");
		else
			add(t, sv ? " Efterfrågan: okänd, eftersom jobbtillfällena i spårets %d yrken (%d av "
				    "dem med bedömningen brist eller bevaka) inte kunde beräknas"
				  : " Demand: unknown, since the openings in the track's %d occupations (%d of "
				    "them assessed brist or bevaka) could not be computed", r->occupations, n);
		if (r->demand_unknown == OPENINGS_NO_AGE_SPLIT)
			add(t, sv ? ": sysselsättningen saknar åldersfördelning, så pensionsavgångarna är okända"
				  : ": employment has no age split, so retirements are unknown");
		else
			add(t, sv ? ": bristbedömningen anger inga jobbtillfällen"
				  : ": the shortage assessment gives no openings");
	} else if (r->occupations == 0) {
		add(t, sv ? " Efterfrågan: inget av spårets yrken finns i kommunens bristbedömning"
			  : " Demand: none of the track's occupations is in the municipality's shortage "
			    "assessment");
	} else {
		add(t, sv ? " Efterfrågan: " : " Demand: ");
		add_number(t, r->openings_unweighted / horizon, 1, lang);
		if (r->occupations == 1) {
			int v = 0;
			while (v < VERDICT_COUNT - 1 && !r->occupations_verdict[v])
				v++;
			if (v == VERDICT_X)
				add(t, sv ? " väntade jobbtillfällen per år i spårets yrke, som inte är bedömt"
					  : " expected openings a year in the track's one occupation, not assessed");
			else
				add(t, sv ? " väntade jobbtillfällen per år i spårets yrke, med bedömningen %s"
					  : " expected openings a year in the track's one occupation, assessed %s",
				    verdict_code((enum verdict_kind)v));
		} else {
			add(t, sv ? " väntade jobbtillfällen per år i spårets %d yrken, %d av dem med "
				    "bedömningen brist eller bevaka"
				  : " expected openings a year in the track's %d occupations, %d of them "
				    "assessed brist or bevaka",
			    r->occupations, r->occupations_verdict[VERDICT_BRIST]
						    + r->occupations_verdict[VERDICT_BEVAKA]);
		}
	}
	if (r->employers_open == 0) {
		add(t, sv ? "; ingen arbetsgivare i enkäten är öppen för deltagare"
			  : "; no surveyed employer is open to participants");
	} else if (r->employers_open > 0) {
		if (r->employers_open == 1)
			add(t, sv ? "; 1 arbetsgivare i enkäten är öppen för deltagare"
				  : "; 1 surveyed employer is open to participants");
		else
			add(t, sv ? "; %ld arbetsgivare i enkäten är öppna för deltagare"
				  : "; %ld surveyed employers are open to participants", r->employers_open);
		if (r->employers_open_weighted >= 0 && !(hidden & HIDE_EMPLOYERS_WEIGHTED)) {
			add(t, sv ? " (uppräknat till alla arbetsställen " : " (");
			add_number(t, r->employers_open_weighted, 0, lang);
			add(t, sv ? ")" : " when weighted up to all workplaces)");
		}
	}
	add(t, ".");
}

/* What the fit of a track rests on when part of it is unknown. */
static void fit_sentence(struct text *t, const struct trackfit_row *r, enum explain_lang lang)
{
	int sv = lang == EXPLAIN_SV;
	if (r->people_unknown && r->demand_unknown)
		add(t, sv ? " Passningen kan därför inte beräknas." : " So the fit cannot be computed.");
	else if (r->people_unknown)
		add(t, sv ? " Passningen bygger därför bara på efterfrågan."
			  : " So the fit rests on demand alone.");
	else if (r->demand_unknown)
		add(t, sv ? " Passningen bygger därför bara på behöriga och förväntade placeringar."
			  : " So the fit rests on eligible candidates and expected placements alone.");
}

char *explain_track(const struct trackfit_row *row, unsigned hidden, long min_persons,
		    double horizon, enum explain_lang lang)
{
	struct text t = {0};
	add(&t, "%s", "");
	fill_sentence(&t, row, hidden, min_persons, lang);
	demand_sentence(&t, row, hidden, horizon, lang);
	fit_sentence(&t, row, lang);
	return t.s;
}

const char *explain_obstacle_code(enum obstacle o)
{
	switch (o) {
	case OBSTACLE_SWEDISH: return "swedish";
	case OBSTACLE_EDUCATION: return "education";
	case OBSTACLE_CANDIDATES: return "candidates";
	case OBSTACLE_EMPLOYERS: return "employers";
	case OBSTACLE_DEMAND: return "demand";
	case OBSTACLE_SHORTAGE: return "shortage";
	case OBSTACLE_INTEREST: return "interest";
	case OBSTACLE_NONE: break;
	}
	return "none";
}

char *explain_proposal(const struct trackfit_row *row, unsigned hidden, long min_persons,
		       double horizon, enum obstacle o, int min_swedish, int min_sun,
		       enum explain_lang lang)
{
	static const char *const swedish[] = {"", "sfi-a", "sfi-b", "sfi-c", "sfi-d", "sas", "modersmål"};
	int sv = lang == EXPLAIN_SV;
	struct text t = {0};
	add(&t, "%s", "");
	fill_sentence(&t, row, hidden, min_persons, lang);
	demand_sentence(&t, row, hidden, horizon, lang);
	add(&t, sv ? " Största hindret: " : " Main obstacle: ");
	switch (o) {
	case OBSTACLE_SWEDISH:
		add(&t, sv ? "kravet på svenska (lägst %s) utesluter flest kandidater"
			   : "the Swedish requirement (at least %s) excludes the most candidates",
		    min_swedish > 0 && min_swedish <= 6 ? swedish[min_swedish] : "?");
		break;
	case OBSTACLE_EDUCATION:
		add(&t, sv ? "kravet på utbildning (lägst SUN-nivå %d) utesluter flest kandidater"
			   : "the education requirement (at least SUN level %d) excludes the most "
			     "candidates", min_sun);
		break;
	case OBSTACLE_CANDIDATES:
		add(&t, sv ? "för få kandidater i kommunen" : "too few candidates in the municipality");
		break;
	case OBSTACLE_EMPLOYERS:
		add(&t, sv ? "för få arbetsgivare öppna för deltagare" : "too few employers open to "
									"participants");
		break;
	case OBSTACLE_DEMAND:
		add(&t, sv ? "för få jobbtillfällen per plats" : "too few openings per place");
		break;
	case OBSTACLE_SHORTAGE:
		add(&t, sv ? "liten trolig brist i yrkena" : "little credible shortage in its occupations");
		break;
	case OBSTACLE_INTEREST:
		add(&t, sv ? "få kandidater har angett yrkena" : "few candidates named these occupations");
		break;
	case OBSTACLE_NONE:
		if (row->people_unknown || row->demand_unknown)
			add(&t, sv ? "inget av det som är känt" : "none of what is known");
		else
			add(&t, sv ? "inget, efterfrågan, behöriga, intresse och arbetsgivare räcker till "
				     "platserna"
				   : "none, demand, eligible candidates, interest and employers all cover the "
				     "places");
		break;
	}
	add(&t, ".");
	return t.s;
}
