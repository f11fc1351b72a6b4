#include "score.h"
#include "assign.h"
#include "msg.h"

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

int trackfit_candidate(const struct person *x, const struct trackfit_settings *s)
{
	if (isfinite(x->years_since_arrival) && x->years_since_arrival >= 0
	    && x->years_since_arrival <= s->arrival_years)
		return 1;
	return s->youth && x->age >= 16 && x->age <= 24;
}

int trackfit_verdict(const char *verdict)
{
	return verdict_parse(verdict);
}

/* Interest of X in T: the best credit of the wanted and experience codes;
 * *pref gets the position of the first wanted code that fully matches a
 * target (-1 none). */
static double interest(const struct person *x, const struct track *t, int *pref)
{
	double credit = track_interest_credit(t, x->experience);
	*pref = -1;
	for (int k = 0; k < x->nwanted; k++) {
		double c = track_interest_credit(t, x->wanted[k]);
		if (c == 1 && *pref < 0)
			*pref = k;
		if (c > credit)
			credit = c;
	}
	return credit;
}

static int cmp_open_response(const void *a, const void *b)
{
	const struct open_employer *x = *(const struct open_employer *const *)a;
	const struct open_employer *y = *(const struct open_employer *const *)b;
	return strcmp(x->response_id, y->response_id);
}

/* Demand side of one row: openings in the target occupations weighted by
 * target weight and verdict, scaled to the horizon, with the verdicts
 * behind them; employers open to track participants (distinct responses
 * with a target occupation). */
static void demand(const struct inputs *in, const struct track *t, const struct trackfit_settings *s,
		   struct trackfit_row *row)
{
	double scale = s->horizon_years / s->shortage_horizon;
	double top_w[SCORE_TOP];
	row->openings = row->openings_unweighted = 0;
	row->occupations = row->ntop = 0;
	memset(row->occupations_verdict, 0, sizeof row->occupations_verdict);
	size_t k = row->kommun;
	row->demand_unknown = OPENINGS_KNOWN;
	for (size_t j = in->shortage_first[k]; j < in->shortage_first[k + 1]; j++) {
		size_t i = in->shortage_of[j];
		const struct shortage_row *r = &in->shortage[i];
		double w = track_target_weight(t, r->ssyk);
		if (w <= 0)
			continue;
		int v = trackfit_verdict(r->verdict);
		if (v < 0)
			v = VERDICT_X;
		row->occupations++;
		row->occupations_verdict[v]++;
		if (!(r->openings_5y >= 0)) {
			/* one unknown target makes the sum unknown, not smaller */
			row->demand_unknown = in->no_openings[k] ? in->no_openings[k] : OPENINGS_EMPTY;
			continue;
		}
		double weighted = scale * r->openings_5y * w * s->verdict_weight[v];
		row->openings_unweighted += scale * r->openings_5y;
		row->openings += weighted;
		/* the largest weighted openings, ties in table order */
		if (weighted <= 0)
			continue;
		int pos = row->ntop;
		while (pos > 0 && top_w[pos - 1] < weighted)
			pos--;
		if (pos >= SCORE_TOP)
			continue;
		int last = row->ntop < SCORE_TOP ? row->ntop : SCORE_TOP - 1;
		for (int j = last; j > pos; j--) {
			top_w[j] = top_w[j - 1];
			row->top[j] = row->top[j - 1];
		}
		top_w[pos] = weighted;
		row->top[pos] = i;
		if (row->ntop < SCORE_TOP)
			row->ntop++;
	}
	if (row->demand_unknown) {
		row->openings = row->openings_unweighted = NAN;
		row->ntop = 0;
	}
	row->employers_open = in->have_occupations ? 0 : -1;
	row->employers_open_weighted = in->have_weights ? 0 : NAN;
	if (!in->have_occupations)
		return;
	/* distinct response ids among the open rows with a target occupation */
	size_t nk = in->open_first[k + 1] - in->open_first[k];
	const struct open_employer **hit = emalloc((nk ? nk : 1) * sizeof *hit);
	size_t nhit = 0;
	for (size_t j = in->open_first[k]; j < in->open_first[k + 1]; j++) {
		const struct open_employer *e = &in->open[in->open_of[j]];
		if (track_target_weight(t, e->ssyk) > 0)
			hit[nhit++] = e;
	}
	qsort(hit, nhit, sizeof *hit, cmp_open_response);
	for (size_t i = 0; i < nhit; i++) {
		if (i > 0 && strcmp(hit[i]->response_id, hit[i - 1]->response_id) == 0)
			continue;
		row->employers_open++;
		if (in->have_weights)
			row->employers_open_weighted += hit[i]->weight;
	}
	free(hit);
}

struct ranked {
	size_t person;   /* index into in->jobseekers */
	int interested;
	double p;
};

static const struct inputs *sort_inputs;

static int cmp_ranked(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;
	if (x->interested != y->interested)
		return y->interested - x->interested;
	if (x->p != y->p)
		return x->p < y->p ? 1 : -1;
	return strcmp(sort_inputs->jobseekers[x->person].id, sort_inputs->jobseekers[y->person].id);
}

static int cmp_person_id(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	return strcmp(sort_inputs->jobseekers[i].id, sort_inputs->jobseekers[j].id);
}

static double clamp01(double v)
{
	return v < 0 ? 0 : v > 1 ? 1 : v;
}

void trackfit_score_unit(const struct inputs *in, const struct score_unit *u,
			 const struct placement_model *m, const struct trackfit_settings *s,
			 const int *candidate, struct trackfit_row *row, size_t **selected)
{
	const struct track *t = u->def;
	row->kommun = u->kommun;
	row->capacity = u->capacity;
	row->p_source = placement_source(m, u->model_track);
	demand(in, t, s, row);
	row->candidates = row->eligible = row->eligible_women = row->eligible_men = 0;
	row->interested = row->interested_women = row->interested_men = 0;
	row->excluded_swedish = row->excluded_education = 0;
	row->interested_all = row->interested_excluded_swedish = row->interested_excluded_education = 0;
	row->interest_credit = 0;
	size_t first = in->jobseekers_first[u->kommun], end = in->jobseekers_first[u->kommun + 1];
	size_t npool = 0;
	struct ranked *pool = emalloc((end > first ? end - first : 1) * sizeof *pool);
	double psum = 0;
	struct track no_swedish = *t, no_sun = *t;
	no_swedish.min_swedish = 0;
	no_sun.min_sun = no_sun.max_sun = -1;
	for (size_t j = first; j < end; j++) {
		size_t i = in->jobseekers_of[j];
		const struct person *x = &in->jobseekers[i];
		if (!candidate[i])
			continue;
		int pref;
		double credit = interest(x, t, &pref);
		int fails_swedish = !track_eligible(&no_sun, x->swedish, x->sun);
		int fails_education = !track_eligible(&no_swedish, x->swedish, x->sun);
		row->candidates++;
		row->excluded_swedish += fails_swedish;
		row->excluded_education += fails_education;
		if (credit == 1) {
			row->interested_all++;
			row->interested_excluded_swedish += fails_swedish;
			row->interested_excluded_education += fails_education;
		}
		if (!track_eligible(t, x->swedish, x->sun))
			continue;
		double p = placement_prob_any(m, NULL, x, u->model_track);
		int interested = credit == 1;
		row->eligible++;
		row->eligible_women += x->female == 1;
		row->eligible_men += x->female != 1;
		row->interested += interested;
		row->interested_women += interested && x->female == 1;
		row->interested_men += interested && x->female != 1;
		row->interest_credit += credit;
		psum += p;
		pool[npool++] = (struct ranked){i, interested, p};
	}
	row->p_mean = npool ? psum / (double)npool : NAN;
	/* no person in the municipality: nothing about its people is known
	 * (its selection below is empty) */
	row->people_unknown = in->no_people[u->kommun];
	sort_inputs = in;
	qsort(pool, npool, sizeof *pool, cmp_ranked);
	row->selected = (long)npool < row->capacity ? (long)npool : row->capacity;
	row->filled_interested = row->interested < row->selected ? row->interested : row->selected;
	row->filled_other = row->selected - row->filled_interested;
	*selected = emalloc((row->selected ? (size_t)row->selected : 1) * sizeof **selected);
	row->expected = 0;
	for (long j = 0; j < row->selected; j++) {
		(*selected)[j] = pool[j].person;
		row->expected += pool[j].p;
	}
	row->expected_lo = row->expected_hi = NAN;
	if (row->people_unknown)
		row->expected = NAN;
	free(pool);
}

double *trackfit_bootstrap(const struct inputs *in, const struct score_unit *units,
			   size_t *const *selected, const long *nselected, size_t n,
			   const struct placement_model *m, const struct trackfit_settings *s,
			   unsigned long seed)
{
	if (s->bootstrap <= 0 || n == 0)
		return NULL;
	size_t nb = (size_t)s->bootstrap;
	double *sums = emalloc(nb * n * sizeof *sums);
	double *beta = emalloc(m->nterms * sizeof *beta);
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(rng, seed);
	for (size_t b = 0; b < nb; b++) {
		placement_draw_beta(m, rng, beta);
		for (size_t r = 0; r < n; r++) {
			double sum = 0;
			for (long j = 0; j < nselected[r]; j++) {
				const struct person *x = &in->jobseekers[selected[r][j]];
				double pb = placement_prob_any(m, beta, x, units[r].model_track);
				sum += gsl_rng_uniform(rng) < pb;
			}
			sums[r * nb + b] = sum;
		}
	}
	gsl_rng_free(rng);
	free(beta);
	return sums;
}

void trackfit_fit(struct trackfit_row *row, const struct trackfit_settings *s)
{
	double cap = (double)row->capacity;
	row->demand = row->demand_unknown ? NAN : clamp01(row->openings / s->horizon_years / cap);
	row->supply = row->people_unknown ? NAN : clamp01((double)row->eligible / cap);
	row->placement = row->people_unknown ? NAN : clamp01(row->expected / cap);
	/* an unknown component is left out and the weights of the others
	 * rescaled: an unknown never counts as 0 */
	const double part[3] = {row->demand, row->supply, row->placement};
	const double weight[3] = {s->w_demand, s->w_supply, s->w_placement};
	double sum = 0, wsum = 0;
	int unknown = 0;
	for (int i = 0; i < 3; i++) {
		if (isnan(part[i])) {
			unknown = 1;
			continue;
		}
		sum += weight[i] * part[i];
		wsum += weight[i];
	}
	/* nothing known with a weight: no fit (all weights 0: 0, as ever) */
	row->fit = wsum > 0 ? 100 * sum / wsum : unknown ? NAN : 0;
	/* the published value has one decimal: rank on that */
	row->fit = round(row->fit * 10) / 10;
}

/* Rank within each municipality: higher fit first, ties in configuration
 * order (the rows of a municipality are in that order); a row whose fit is
 * unknown has no rank (0) and does not count in the others'. */
static void rank_rows(struct trackfit_row *rows, size_t nrows)
{
	for (size_t r = 0; r < nrows; r++) {
		int rank = 1;
		for (size_t u = 0; u < nrows; u++)
			if (rows[u].kommun == rows[r].kommun && !isnan(rows[u].fit)
			    && (rows[u].fit > rows[r].fit || (rows[u].fit == rows[r].fit && u < r)))
				rank++;
		rows[r].rank = isnan(rows[r].fit) ? 0 : rank;
	}
}

/* Who could go where in municipality K: the optimal assignment to the
 * offered tracks OFF[0..noff) (row indices) against the baseline by
 * interest. P and PREF are per jobseeker and track (ntracks wide). */
static int assign_kommun(const struct inputs *in, size_t k, const struct track_offer *offers,
			 const size_t *off, size_t noff, size_t ntracks, const double *p, const int *pref,
			 const struct trackfit_settings *s, struct trackfit_result *out)
{
	size_t first = in->jobseekers_first[k], end = in->jobseekers_first[k + 1], n = 0;
	size_t *persons = emalloc((end > first ? end - first : 1) * sizeof *persons);
	for (size_t js = first; js < end; js++) {
		size_t i = in->jobseekers_of[js];
		size_t j;
		for (j = 0; j < noff; j++)
			if (p[i * ntracks + offers[off[j]].track] >= 0)
				break;
		if (j < noff)
			persons[n++] = i;
	}
	sort_inputs = in;
	qsort(persons, n, sizeof *persons, cmp_person_id);
	out->kommun[k].eligible_any = (long)n;
	size_t w = noff ? noff : 1;
	double *pk = emalloc((n ? n : 1) * w * sizeof *pk);
	int *prefk = emalloc((n ? n : 1) * w * sizeof *prefk);
	long *cap = emalloc(w * sizeof *cap);
	for (size_t a = 0; a < n; a++)
		for (size_t j = 0; j < noff; j++) {
			size_t t = offers[off[j]].track;
			pk[a * noff + j] = p[persons[a] * ntracks + t];
			prefk[a * noff + j] = pref[persons[a] * ntracks + t];
		}
	for (size_t j = 0; j < noff; j++)
		cap[j] = offers[off[j]].capacity;
	struct assign_problem pr = {n, noff, pk, prefk, cap, s->interest_only, s->interest_first};
	int *opt = emalloc((n ? n : 1) * sizeof *opt), *base = emalloc((n ? n : 1) * sizeof *base);
	int rc = 0;
	if (n > 0 && noff > 0) {
		rc = assign_optimal(&pr, opt);
		assign_by_interest(&pr, base);
	} else {
		for (size_t a = 0; a < n; a++)
			opt[a] = base[a] = -1;
	}
	for (size_t a = 0; rc == 0 && a < n; a++) {
		struct assignment_row *ar = &out->assignment[out->nassignment++];
		ar->person = in->jobseekers[persons[a]].id;
		ar->kommun = k;
		ar->track = opt[a] >= 0 ? (int)offers[off[opt[a]]].track : -1;
		ar->interest_track = base[a] >= 0 ? (int)offers[off[base[a]]].track : -1;
		ar->p = opt[a] >= 0 ? pk[a * noff + (size_t)opt[a]] : NAN;
		ar->interest_p = base[a] >= 0 ? pk[a * noff + (size_t)base[a]] : NAN;
		ar->wanted = opt[a] >= 0 && prefk[a * noff + (size_t)opt[a]] >= 0;
		if (opt[a] >= 0) {
			struct trackfit_row *row = &out->rows[off[opt[a]]];
			row->assigned++;
			row->assigned_wanted += ar->wanted;
			row->assigned_expected += ar->p;
		}
		if (base[a] >= 0) {
			struct trackfit_row *row = &out->rows[off[base[a]]];
			row->interest_assigned++;
			row->interest_expected += ar->interest_p;
		}
	}
	free(pk);
	free(prefk);
	free(cap);
	free(opt);
	free(base);
	free(persons);
	return rc;
}

int trackfit_compute(const struct inputs *in, size_t nkommun, const struct track *tracks,
		     size_t ntracks, const struct track_offer *offers, size_t noffers,
		     const struct placement_model *m, const struct trackfit_settings *s,
		     struct trackfit_result *out)
{
	memset(out, 0, sizeof *out);
	struct trackfit_row *rows = ecalloc(noffers ? noffers : 1, sizeof *rows);
	out->rows = rows;
	out->nrows = noffers;
	out->kommun = ecalloc(nkommun ? nkommun : 1, sizeof *out->kommun);
	for (size_t k = 0; k < nkommun; k++) {
		out->kommun[k].no_people = in->no_people[k];
		out->kommun[k].no_openings = in->no_openings[k];
	}
	size_t np = in->njobseekers;
	/* per candidate and track: p (-1 not eligible) and preference */
	double *p = emalloc((np ? np : 1) * (ntracks ? ntracks : 1) * sizeof *p);
	int *pref = emalloc((np ? np : 1) * (ntracks ? ntracks : 1) * sizeof *pref);
	int *candidate = ecalloc(np ? np : 1, sizeof *candidate);
	for (size_t i = 0; i < np; i++) {
		const struct person *x = &in->jobseekers[i];
		candidate[i] = trackfit_candidate(x, s);
		out->candidates += candidate[i];
		if (candidate[i] && x->kommun_index >= 0)
			out->kommun[x->kommun_index].candidates++;
		for (size_t t = 0; t < ntracks; t++) {
			size_t c = i * ntracks + t;
			interest(x, &tracks[t], &pref[c]);
			p[c] = candidate[i] && track_eligible(&tracks[t], x->swedish, x->sun)
			       ? placement_prob(m, NULL, x, t) : -1;
		}
	}
	/* each offered track scored on its own */
	struct score_unit *units = emalloc((noffers ? noffers : 1) * sizeof *units);
	size_t **selected = ecalloc(noffers ? noffers : 1, sizeof *selected);
	long *nselected = emalloc((noffers ? noffers : 1) * sizeof *nselected);
	for (size_t r = 0; r < noffers; r++) {
		const struct track_offer *o = &offers[r];
		units[r] = (struct score_unit){&tracks[o->track], (int)o->track, o->kommun, o->capacity};
		rows[r].track = o->track;
		rows[r].offer = r;
		trackfit_score_unit(in, &units[r], m, s, candidate, &rows[r], &selected[r]);
		nselected[r] = rows[r].selected;
		out->kommun[o->kommun].tracks++;
	}
	double *sums = trackfit_bootstrap(in, units, selected, nselected, noffers, m, s, s->seed);
	if (sums) {
		size_t nb = (size_t)s->bootstrap;
		for (size_t r = 0; r < noffers; r++) {
			gsl_sort(sums + r * nb, 1, nb);
			rows[r].expected_lo = gsl_stats_quantile_from_sorted_data(sums + r * nb, 1, nb, 0.025);
			rows[r].expected_hi = gsl_stats_quantile_from_sorted_data(sums + r * nb, 1, nb, 0.975);
			if (rows[r].people_unknown)
				rows[r].expected_lo = rows[r].expected_hi = NAN;
		}
	}
	free(sums);
	for (size_t r = 0; r < noffers; r++) {
		free(selected[r]);
		trackfit_fit(&rows[r], s);
	}
	free(selected);
	free(nselected);
	free(units);
	rank_rows(rows, noffers);

	/* who could go where, one municipality at a time */
	int rc = 0;
	out->assignment = emalloc((np ? np : 1) * sizeof *out->assignment);
	size_t *off = emalloc((noffers ? noffers : 1) * sizeof *off);
	for (size_t k = 0; k < nkommun && rc == 0; k++) {
		size_t noff = 0;
		for (size_t r = 0; r < noffers; r++)
			if (offers[r].kommun == k)
				off[noff++] = r;
		rc = assign_kommun(in, k, offers, off, noff, ntracks, p, pref, s, out);
	}
	free(off);
	free(p);
	free(pref);
	free(candidate);
	if (rc != 0)
		trackfit_result_free(out);
	return rc;
}

void trackfit_result_free(struct trackfit_result *r)
{
	free(r->rows);
	free(r->assignment);
	free(r->kommun);
	memset(r, 0, sizeof *r);
}
