#include "output.h"
#include "disclose.h"
#include "explain.h"
#include "msg.h"
#include "tsv.h"

#include <math.h>
#include <stdlib.h>

/* A count of persons, or the mark when HIDDEN. */
static void put_count(struct tsv_writer *w, long n, int hidden)
{
	if (hidden)
		tsv_put_str(w, DISCLOSE_MARK);
	else
		tsv_put_long(w, n);
}

/* A count of the persons of ROW's municipality: empty when they are
 * unknown (never 0), else as put_count. */
static void put_people(struct tsv_writer *w, const struct trackfit_row *row, long n, int hidden)
{
	if (row->people_unknown)
		tsv_put_empty(w);
	else
		put_count(w, n, hidden);
}

/* A number with DECIMALS decimals (NaN: empty, a missing value hides
 * nothing), or the mark when HIDDEN. */
static void put_fixed(struct tsv_writer *w, double v, int decimals, int hidden)
{
	if (hidden && !isnan(v))
		tsv_put_str(w, DISCLOSE_MARK);
	else
		tsv_put_fixed(w, v, decimals);
}

/* Appends WORD to the ";"-joined list *LIST when COND. */
static void flag(char **list, int cond, const char *word)
{
	if (!cond)
		return;
	char *next = easprintf("%s%s%s", *list, **list ? ";" : "", word);
	free(*list);
	*list = next;
}

/* The flags of a row (docs/TABLES.md): a new string. */
static char *row_flags(const struct trackfit_row *r, unsigned hidden)
{
	int people = !r->people_unknown;
	char *f = estrdup("");
	flag(&f, hidden != 0, "small_counts");
	flag(&f, !people, "no_people");
	flag(&f, r->demand_unknown != OPENINGS_KNOWN, "no_openings");
	flag(&f, people && r->eligible == 0, "no_eligible");
	flag(&f, people && r->eligible > 0 && r->eligible < r->capacity, "not_full");
	flag(&f, people && r->filled_other > 0, "filled_by_not_interested");
	flag(&f, r->employers_open == 0, "no_open_employer");
	flag(&f, r->openings_unweighted <= 0, "no_demand");
	return f;
}

/* "5120 brist, 9412 bevaka": the largest target occupations and their verdicts. */
static char *top_occupations(const struct trackfit_row *r, const struct inputs *in)
{
	char *out = estrdup("");
	for (int i = 0; i < r->ntop; i++) {
		const struct shortage_row *s = &in->shortage[r->top[i]];
		char *next = easprintf("%s%s%s %s", out, i ? ", " : "", s->ssyk, s->verdict);
		free(out);
		out = next;
	}
	return out;
}

/* The columns every scored row shares, from eligible on (hidden cells as
 * the mark). */
static void put_verdict_counts(struct tsv_writer *w, const struct trackfit_row *r)
{
	tsv_put_long(w, r->occupations);
	for (int v = 0; v < VERDICT_COUNT; v++)
		tsv_put_long(w, r->occupations_verdict[v]);
}

static void put_explanation(struct tsv_writer *w, const struct trackfit_row *r, unsigned h,
			    const struct output_context *c, char *(*sentence)(const void *, const struct trackfit_row *,
									    unsigned, const struct output_context *,
									    enum explain_lang),
			    const void *arg)
{
	char *f = row_flags(r, h), *cols = disclose_columns(h);
	char *sv = sentence(arg, r, h, c, EXPLAIN_SV), *en = sentence(arg, r, h, c, EXPLAIN_EN);
	tsv_put_str(w, f);
	tsv_put_str(w, cols);
	tsv_put_str(w, sv);
	tsv_put_str(w, en);
	free(f);
	free(cols);
	free(sv);
	free(en);
}

static char *track_sentence(const void *arg, const struct trackfit_row *r, unsigned h,
			    const struct output_context *c, enum explain_lang lang)
{
	(void)arg;
	return explain_track(r, h, c->s->min_persons, c->s->horizon_years, lang);
}

int output_trackfit(const char *path, const struct trackfit_result *r, const struct output_context *c)
{
	static const char *const columns[] = {
		"kommun", "track", "capacity", "eligible", "interested", "openings",
		"expected_placements", "expected_lo", "expected_hi", "fit", "rank",
		"name", "eligible_women", "eligible_men", "interested_women", "interested_men",
		"interest_credit", "openings_unweighted", "employers_open", "employers_open_weighted",
		"p_mean", "p_source", "demand_coverage", "supply_ratio", "placement_ratio",
		"assigned", "assigned_wanted", "assigned_expected", "interest_assigned",
		"interest_expected", "gain",
		"provider", "start", "end", "excluded_swedish", "excluded_education", "selected",
		"filled_interested", "filled_other", "occupations", "occupations_brist",
		"occupations_bevaka", "occupations_balans", "occupations_overskott", "occupations_x",
		"top_occupations", "flag", "suppressed", "explain_sv", "explain_en", NULL};
	struct tsv_writer *w = tsv_writer_open(path, columns, 0644);
	if (!w)
		return -1;
	for (size_t i = 0; i < r->nrows; i++) {
		const struct trackfit_row *row = &r->rows[i];
		const struct track *t = &c->tracks[row->track];
		const struct track_offer *o = &c->offers[row->offer];
		unsigned h = disclose_row(row, c->s->min_persons, c->s->min_respondents);
		tsv_put_str(w, c->kommun[row->kommun]);
		tsv_put_str(w, t->id);
		tsv_put_long(w, row->capacity);
		put_people(w, row, row->eligible, h & HIDE_ELIGIBLE);
		put_people(w, row, row->interested, h & HIDE_INTERESTED);
		tsv_put_fixed(w, row->openings, 2);
		put_fixed(w, row->expected, 2, h & HIDE_EXPECTED);
		put_fixed(w, row->expected_lo, 1, h & HIDE_EXPECTED);
		put_fixed(w, row->expected_hi, 1, h & HIDE_EXPECTED);
		tsv_put_fixed(w, row->fit, 1);
		if (row->rank > 0)
			tsv_put_long(w, row->rank);
		else
			tsv_put_empty(w);
		tsv_put_str(w, t->name);
		put_people(w, row, row->eligible_women, h & HIDE_ELIGIBLE_WOMEN);
		put_people(w, row, row->eligible_men, h & HIDE_ELIGIBLE_MEN);
		put_people(w, row, row->interested_women, h & HIDE_INTERESTED_WOMEN);
		put_people(w, row, row->interested_men, h & HIDE_INTERESTED_MEN);
		put_fixed(w, row->people_unknown ? NAN : row->interest_credit, 2, h & HIDE_INTEREST_CREDIT);
		tsv_put_fixed(w, row->openings_unweighted, 2);
		if (row->employers_open >= 0)
			tsv_put_long(w, row->employers_open);
		else
			tsv_put_empty(w);
		put_fixed(w, row->employers_open_weighted, 2, h & HIDE_EMPLOYERS_WEIGHTED);
		put_fixed(w, row->p_mean, 4, h & HIDE_EXPECTED);
		tsv_put_str(w, placement_source_name(row->p_source));
		tsv_put_fixed(w, row->demand, 4);
		put_fixed(w, row->supply, 4, h & HIDE_SUPPLY);
		put_fixed(w, row->placement, 4, h & HIDE_EXPECTED);
		double unknown = row->people_unknown ? NAN : 0;
		put_people(w, row, row->assigned, h & HIDE_ASSIGNED);
		put_people(w, row, row->assigned_wanted, h & HIDE_ASSIGNED_WANTED);
		put_fixed(w, row->assigned_expected + unknown, 2, h & HIDE_ASSIGNED_EXPECTED);
		put_people(w, row, row->interest_assigned, h & HIDE_INTEREST_ASSIGNED);
		put_fixed(w, row->interest_expected + unknown, 2, h & HIDE_INTEREST_EXPECTED);
		put_fixed(w, row->assigned_expected - row->interest_expected + unknown, 2, h & HIDE_GAIN);
		tsv_put_str(w, o->provider);
		if (o->start)
			tsv_put_long(w, o->start);
		else
			tsv_put_empty(w);
		if (o->end)
			tsv_put_long(w, o->end);
		else
			tsv_put_empty(w);
		put_people(w, row, row->excluded_swedish, h & HIDE_EXCLUDED_SWEDISH);
		put_people(w, row, row->excluded_education, h & HIDE_EXCLUDED_EDUCATION);
		put_people(w, row, row->selected, h & HIDE_SELECTED);
		put_people(w, row, row->filled_interested, h & HIDE_FILLED_INTERESTED);
		put_people(w, row, row->filled_other, h & HIDE_FILLED_OTHER);
		put_verdict_counts(w, row);
		char *top = top_occupations(row, c->in);
		tsv_put_str(w, top);
		free(top);
		put_explanation(w, row, h, c, track_sentence, NULL);
		tsv_end_row(w);
	}
	return tsv_writer_close(w);
}

/* Appends to the sentences *SV and *EN what municipality KS cannot know
 * and why, and what the tracks' fit then rests on (docs/METHOD.md). */
static void areas_gaps(const struct kommun_summary *ks, char **sv, char **en)
{
	const char *psv = "", *pen = "", *osv = "", *oen = "", *fsv = "", *fen = "";
	if (ks->no_people == PEOPLE_COUNTS) {
		psv = " Kandidater, behöriga, intresserade och förväntade placeringar kan inte beräknas: de "
		      "arbetssökande lämnades som antal per yrke (jobseekers_aggregated.csv), inte som personer.";
		pen = " Candidates, eligible and interested candidates and expected placements cannot be "
		      "computed: jobseekers were given as counts per occupation (jobseekers_aggregated.csv), "
		      "not as persons.";
	} else if (ks->no_people) {
		psv = " Kandidater, behöriga, intresserade och förväntade placeringar kan inte beräknas: "
		      "registret över arbetssökande (jobseekers.csv) har ingen person i kommunen.";
		pen = " Candidates, eligible and interested candidates and expected placements cannot be "
		      "computed: the jobseeker register (jobseekers.csv) has no person in the municipality.";
	}
	if (ks->no_openings == OPENINGS_NO_AGE_SPLIT) {
		osv = " Jobbtillfällen och efterfrågan kan inte beräknas: sysselsättningen saknar "
		      "åldersfördelning, så pensionsavgångarna är okända (no_age_split i bristtabellen).";
		oen = " Openings and demand cannot be computed: employment has no age split, so retirements "
		      "are unknown (no_age_split in the shortage table).";
	} else if (ks->no_openings) {
		osv = " Jobbtillfällen och efterfrågan kan inte beräknas: bristbedömningen anger inga "
		      "jobbtillfällen.";
		oen = " Openings and demand cannot be computed: the shortage assessment gives no openings.";
	}
	if (ks->tracks > 0 && ks->no_people && ks->no_openings) {
		fsv = " Spårens passning kan därför inte beräknas.";
		fen = " So the tracks' fit cannot be computed.";
	} else if (ks->tracks > 0 && ks->no_people) {
		fsv = " Spårens passning bygger därför bara på efterfrågan.";
		fen = " So the tracks' fit rests on demand alone.";
	} else if (ks->tracks > 0 && ks->no_openings) {
		fsv = " Spårens passning bygger därför bara på behöriga och förväntade placeringar.";
		fen = " So the tracks' fit rests on eligible candidates and expected placements alone.";
	}
	char *a = easprintf("%s%s%s%s", *sv, psv, osv, fsv), *b = easprintf("%s%s%s%s", *en, pen, oen, fen);
	free(*sv);
	free(*en);
	*sv = a;
	*en = b;
}

int output_areas(const char *path, const struct trackfit_result *r, const struct proposals *p,
		 const struct output_context *c)
{
	static const char *const columns[] = {"kommun", "name", "year", "tracks", "candidates",
					      "eligible_any", "proposals", "flag", "note_sv", "note_en",
					      NULL};
	struct tsv_writer *w = tsv_writer_open(path, columns, 0644);
	if (!w)
		return -1;
	long minp = c->s->min_persons;
	for (size_t k = 0; k < c->nkommun; k++) {
		const struct kommun_summary *ks = &r->kommun[k];
		size_t shown = 0;
		for (size_t i = 0; i < p->n; i++)
			shown += p->p[i].row.kommun == k;
		int people = ks->no_people == PEOPLE_KNOWN;
		int hide_c = people && disclose_count_hidden((double)ks->candidates, minp);
		int hide_e = people && disclose_count_hidden((double)ks->eligible_any, minp);
		tsv_put_str(w, c->kommun[k]);
		tsv_put_str(w, c->kommun_name[k]);
		tsv_put_long(w, c->s->plan_year);
		tsv_put_long(w, (long)ks->tracks);
		if (people) {
			put_count(w, ks->candidates, hide_c);
			put_count(w, ks->eligible_any, hide_e);
		} else {
			/* unknown, not 0 */
			tsv_put_empty(w);
			tsv_put_empty(w);
		}
		tsv_put_long(w, (long)shown);
		char *f = estrdup("");
		flag(&f, ks->tracks == 0, "no_tracks");
		flag(&f, !people, "no_people");
		flag(&f, ks->no_openings != OPENINGS_KNOWN, "no_openings");
		flag(&f, people && ks->candidates == 0, "no_candidates");
		flag(&f, hide_c || hide_e, "small_counts");
		tsv_put_str(w, f);
		free(f);
		char *sv, *en;
		if (ks->tracks == 0) {
			sv = easprintf("Inga jobbspår erbjuds i %s %d enligt konfigurationen, så det finns "
				       "ingen spårtabell%s", c->kommun_name[k], c->s->plan_year,
				       shown ? "; se förslagen till nya spår." : ".");
			en = easprintf("No job track is offered in %s in %d according to the configuration, "
				       "so there is no track table%s", c->kommun_name[k], c->s->plan_year,
				       shown ? "; see the proposals for new tracks." : ".");
		} else if (ks->tracks == 1) {
			sv = easprintf("1 jobbspår erbjuds i %s %d.", c->kommun_name[k], c->s->plan_year);
			en = easprintf("1 job track is offered in %s in %d.", c->kommun_name[k], c->s->plan_year);
		} else {
			sv = easprintf("%zu jobbspår erbjuds i %s %d.", ks->tracks, c->kommun_name[k],
				       c->s->plan_year);
			en = easprintf("%zu job tracks are offered in %s in %d.", ks->tracks, c->kommun_name[k],
				       c->s->plan_year);
		}
		areas_gaps(ks, &sv, &en);
		tsv_put_str(w, sv);
		tsv_put_str(w, en);
		free(sv);
		free(en);
		tsv_end_row(w);
	}
	return tsv_writer_close(w);
}

static const char *kind_name(enum proposal_kind k)
{
	switch (k) {
	case PROPOSAL_TRACK: return "track";
	case PROPOSAL_BUNDLE: return "bundle";
	case PROPOSAL_SSYK3: return "ssyk3";
	}
	return "";
}

static const char *requirement_name(enum requirement_source r)
{
	switch (r) {
	case REQUIREMENT_TRACK: return "track";
	case REQUIREMENT_SURVEY_KOMMUN: return "survey_kommun";
	case REQUIREMENT_SURVEY_ALL: return "survey_all";
	case REQUIREMENT_NONE: return "none";
	}
	return "";
}

static char *proposal_sentence(const void *arg, const struct trackfit_row *r, unsigned h,
			       const struct output_context *c, enum explain_lang lang)
{
	const struct proposal *p = arg;
	return explain_proposal(r, h, c->s->min_persons, c->s->horizon_years, p->obstacle,
				p->def.min_swedish, p->def.min_sun, lang);
}

int output_proposals(const char *path, const struct proposals *p, const struct output_context *c)
{
	static const char *const columns[] = {
		"kommun", "rank", "kind", "id", "name_sv", "name_en", "occupations", "capacity",
		"min_swedish", "min_sun", "requirements", "openings", "openings_unweighted",
		"occupations_brist", "occupations_bevaka", "p_brist", "best_shortage_rank",
		"eligible", "interested", "excluded_swedish", "excluded_education", "selected",
		"filled_interested", "filled_other", "employers_open", "employers_open_weighted",
		"expected_placements", "expected_lo", "expected_hi", "p_mean", "p_source",
		"demand_coverage", "supply_ratio", "placement_ratio", "shortage_ratio", "interest_ratio",
		"employer_ratio", "fit", "p_first", "obstacle", "flag", "suppressed", "explain_sv", "explain_en", NULL};
	static const char *const swedish[] = {"", "sfi-a", "sfi-b", "sfi-c", "sfi-d", "sas", "modersmål"};
	struct tsv_writer *w = tsv_writer_open(path, columns, 0644);
	if (!w)
		return -1;
	for (size_t i = 0; i < p->n; i++) {
		const struct proposal *q = &p->p[i];
		const struct trackfit_row *row = &q->row;
		unsigned h = disclose_row(row, c->s->min_persons, c->s->min_respondents);
		tsv_put_str(w, c->kommun[row->kommun]);
		tsv_put_long(w, q->rank);
		tsv_put_str(w, kind_name(q->kind));
		tsv_put_str(w, q->id);
		tsv_put_str(w, q->name_sv);
		tsv_put_str(w, q->name_en);
		char *occ = estrdup("");
		for (size_t j = 0; j < q->def.ntarget; j++) {
			char *next = easprintf("%s%s%s", occ, j ? ", " : "", q->def.target[j].prefix);
			free(occ);
			occ = next;
		}
		tsv_put_str(w, occ);
		free(occ);
		tsv_put_long(w, row->capacity);
		tsv_put_str(w, q->def.min_swedish > 0 && q->def.min_swedish <= 6 ? swedish[q->def.min_swedish] : "");
		if (q->def.min_sun >= 0)
			tsv_put_long(w, q->def.min_sun);
		else
			tsv_put_empty(w);
		tsv_put_str(w, requirement_name(q->requirements));
		tsv_put_fixed(w, row->openings, 2);
		tsv_put_fixed(w, row->openings_unweighted, 2);
		tsv_put_long(w, row->occupations_verdict[VERDICT_BRIST]);
		tsv_put_long(w, row->occupations_verdict[VERDICT_BEVAKA]);
		tsv_put_fixed(w, q->p_brist, 3);
		if (q->best_rank > 0)
			tsv_put_long(w, q->best_rank);
		else
			tsv_put_empty(w);
		put_people(w, row, row->eligible, h & HIDE_ELIGIBLE);
		put_people(w, row, row->interested, h & HIDE_INTERESTED);
		put_people(w, row, row->excluded_swedish, h & HIDE_EXCLUDED_SWEDISH);
		put_people(w, row, row->excluded_education, h & HIDE_EXCLUDED_EDUCATION);
		put_people(w, row, row->selected, h & HIDE_SELECTED);
		put_people(w, row, row->filled_interested, h & HIDE_FILLED_INTERESTED);
		put_people(w, row, row->filled_other, h & HIDE_FILLED_OTHER);
		if (row->employers_open >= 0)
			tsv_put_long(w, row->employers_open);
		else
			tsv_put_empty(w);
		put_fixed(w, row->employers_open_weighted, 2, h & HIDE_EMPLOYERS_WEIGHTED);
		put_fixed(w, row->expected, 2, h & HIDE_EXPECTED);
		put_fixed(w, row->expected_lo, 1, h & HIDE_EXPECTED);
		put_fixed(w, row->expected_hi, 1, h & HIDE_EXPECTED);
		put_fixed(w, row->p_mean, 4, h & HIDE_EXPECTED);
		tsv_put_str(w, placement_source_name(row->p_source));
		tsv_put_fixed(w, row->demand, 4);
		put_fixed(w, row->supply, 4, h & HIDE_SUPPLY);
		put_fixed(w, row->placement, 4, h & HIDE_EXPECTED);
		tsv_put_fixed(w, q->shortage_ratio, 4);
		put_fixed(w, q->interest_ratio, 4, h & HIDE_INTEREST_RATIO);
		put_fixed(w, q->employer_ratio, 4, h & HIDE_EMPLOYER_RATIO);
		tsv_put_fixed(w, q->fit, 1);
		tsv_put_fixed(w, q->p_first, 3);
		tsv_put_str(w, explain_obstacle_code(q->obstacle));
		put_explanation(w, row, h, c, proposal_sentence, q);
		tsv_end_row(w);
	}
	return tsv_writer_close(w);
}

static void model_row(struct tsv_writer *w, const char *kind, const char *term, double estimate,
		      double se, const char *note)
{
	tsv_put_str(w, kind);
	tsv_put_str(w, term);
	tsv_put_double(w, estimate);
	tsv_put_double(w, se);
	tsv_put_str(w, note);
	tsv_end_row(w);
}

int output_model(const char *path, const struct placement_model *m, const struct track *tracks)
{
	static const char *const columns[] = {"kind", "term", "estimate", "std_error", "note", NULL};
	struct tsv_writer *w = tsv_writer_open(path, columns, 0644);
	if (!w)
		return -1;
	model_row(w, "fit", "method", NAN, NAN,
		  m->use_model ? "logistic regression (IRLS), employed within 365 days"
			       : "fallback rates");
	if (!m->use_model)
		model_row(w, "fit", "fallback_reason", NAN, NAN, m->reason);
	for (size_t j = 0; j < m->nterms; j++) {
		const char *note = "";
		int is_track = j >= FEAT_PERSON_COUNT;
		if (is_track && j - FEAT_PERSON_COUNT == m->reference_track && m->n_outcomes)
			note = "reference track";
		else if (!m->kept[j])
			note = is_track ? "not estimated: no outcomes" : "not estimated: constant in the outcomes";
		else if (!m->use_model)
			note = "estimated but not used";
		int shown = m->kept[j] && isfinite(m->se[j]);
		model_row(w, "coefficient", m->term[j], shown ? m->beta[j] : NAN, shown ? m->se[j] : NAN, note);
	}
	model_row(w, "fit", "n_outcomes", (double)m->n_outcomes, NAN, "");
	model_row(w, "fit", "n_events", (double)m->n_events, NAN, "employed within 365 days");
	model_row(w, "fit", "n_train", (double)m->n_train, NAN, "seeded 80/20 split");
	model_row(w, "fit", "n_test", (double)m->n_test, NAN, "");
	model_row(w, "fit", "iterations", m->iterations ? (double)m->iterations : NAN, NAN, "");
	model_row(w, "fit", "log_likelihood", m->loglik, NAN, "all outcomes");
	model_row(w, "fit", "auc_heldout", m->auc, NAN, "Mann-Whitney");
	model_row(w, "fit", "brier_heldout", m->brier, NAN, "");
	model_row(w, "fit", "brier_heldout_baseline", m->brier_baseline, NAN,
		  "predicting the training share for everyone");
	for (size_t t = 0; t < m->ntracks; t++) {
		char *term = easprintf("outcomes_%s", tracks[t].id);
		model_row(w, "track", term, (double)m->track_outcomes[t], NAN, placement_source_name(m->source[t]));
		free(term);
		term = easprintf("fallback_rate_%s", tracks[t].id);
		model_row(w, "track", term, m->fallback[t], NAN,
			  isnan(tracks[t].fallback_rate) ? "trackfit.fallback_rate" : "track fallback_rate");
		free(term);
	}
	return tsv_writer_close(w);
}

int output_assignment(const char *path, const struct trackfit_result *r, const char (*kommun)[5],
		      const struct track *tracks)
{
	static const char *const columns[] = {"person", "kommun", "track", "p_employed", "wanted",
					      "interest_track", "interest_p_employed", NULL};
	struct tsv_writer *w = tsv_writer_open(path, columns, 0600);
	if (!w)
		return -1;
	for (size_t i = 0; i < r->nassignment; i++) {
		const struct assignment_row *a = &r->assignment[i];
		tsv_put_str(w, a->person);
		tsv_put_str(w, kommun[a->kommun]);
		tsv_put_str(w, a->track >= 0 ? tracks[a->track].id : "");
		tsv_put_fixed(w, a->p, 4);
		if (a->track >= 0)
			tsv_put_long(w, a->wanted);
		else
			tsv_put_empty(w);
		tsv_put_str(w, a->interest_track >= 0 ? tracks[a->interest_track].id : "");
		tsv_put_fixed(w, a->interest_p, 4);
		tsv_end_row(w);
	}
	return tsv_writer_close(w);
}
