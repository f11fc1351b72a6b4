#include "output.h"
#include "msg.h"
#include "tsv.h"

#include <math.h>
#include <stdlib.h>

int output_trackfit(const char *path, const struct trackfit_result *r, const char (*kommun)[5],
		    const struct track *tracks, const struct placement_model *m)
{
	static const char *const columns[] = {
		"kommun", "track", "capacity", "eligible", "interested", "openings",
		"expected_placements", "expected_lo", "expected_hi", "fit", "rank",
		"name", "eligible_women", "eligible_men", "interested_women", "interested_men",
		"interest_credit", "openings_unweighted", "employers_open", "employers_open_weighted",
		"p_mean", "p_source", "demand_coverage", "supply_ratio", "placement_ratio",
		"assigned", "assigned_wanted", "assigned_expected", "interest_assigned",
		"interest_expected", "gain", NULL};
	struct tsv_writer *w = tsv_writer_open(path, columns, 0644);
	if (!w)
		return -1;
	for (size_t i = 0; i < r->nrows; i++) {
		const struct trackfit_row *row = &r->rows[i];
		const struct track *t = &tracks[row->track];
		tsv_put_str(w, kommun[row->kommun]);
		tsv_put_str(w, t->id);
		tsv_put_long(w, row->capacity);
		tsv_put_long(w, row->eligible);
		tsv_put_long(w, row->interested);
		tsv_put_fixed(w, row->openings, 2);
		tsv_put_fixed(w, row->expected, 2);
		tsv_put_fixed(w, row->expected_lo, 1);
		tsv_put_fixed(w, row->expected_hi, 1);
		tsv_put_fixed(w, row->fit, 1);
		tsv_put_long(w, row->rank);
		tsv_put_str(w, t->name);
		tsv_put_long(w, row->eligible_women);
		tsv_put_long(w, row->eligible_men);
		tsv_put_long(w, row->interested_women);
		tsv_put_long(w, row->interested_men);
		tsv_put_fixed(w, row->interest_credit, 2);
		tsv_put_fixed(w, row->openings_unweighted, 2);
		if (row->employers_open >= 0)
			tsv_put_long(w, row->employers_open);
		else
			tsv_put_empty(w);
		tsv_put_fixed(w, row->employers_open_weighted, 2);
		tsv_put_fixed(w, row->p_mean, 4);
		tsv_put_str(w, placement_source_name(m->source[row->track]));
		tsv_put_fixed(w, row->demand, 4);
		tsv_put_fixed(w, row->supply, 4);
		tsv_put_fixed(w, row->placement, 4);
		tsv_put_long(w, row->assigned);
		tsv_put_long(w, row->assigned_wanted);
		tsv_put_fixed(w, row->assigned_expected, 2);
		tsv_put_long(w, row->interest_assigned);
		tsv_put_fixed(w, row->interest_expected, 2);
		tsv_put_fixed(w, row->assigned_expected - row->interest_expected, 2);
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
