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
	static const char *const names[VERDICT_COUNT] = {"brist", "bevaka", "balans", "överskott", "X"};
	if (!*verdict)
		return VERDICT_X;
	for (int i = 0; i < VERDICT_COUNT; i++)
		if (strcmp(verdict, names[i]) == 0)
			return i;
	return -1;
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
 * target weight and verdict, scaled to the horizon; employers open to track
 * participants (distinct responses with a target occupation). */
static void demand(const struct inputs *in, const struct track *t, const struct trackfit_settings *s,
		   struct trackfit_row *row)
{
	double scale = s->horizon_years / s->shortage_horizon;
	row->openings = row->openings_unweighted = 0;
	for (size_t i = 0; i < in->nshortage; i++) {
		const struct shortage_row *r = &in->shortage[i];
		if (r->kommun != row->kommun || !(r->openings_5y >= 0))
			continue;
		double w = track_target_weight(t, r->ssyk);
		if (w <= 0)
			continue;
		int v = trackfit_verdict(r->verdict);
		row->openings_unweighted += scale * r->openings_5y;
		row->openings += scale * r->openings_5y * w * s->verdict_weight[v < 0 ? VERDICT_X : v];
	}
	row->employers_open = in->have_occupations ? 0 : -1;
	row->employers_open_weighted = in->have_weights ? 0 : NAN;
	if (!in->have_occupations)
		return;
	/* distinct response ids among the open rows with a target occupation */
	const struct open_employer **hit = emalloc((in->nopen ? in->nopen : 1) * sizeof *hit);
	size_t nhit = 0;
	for (size_t i = 0; i < in->nopen; i++)
		if (in->open[i].kommun == row->kommun && track_target_weight(t, in->open[i].ssyk) > 0)
			hit[nhit++] = &in->open[i];
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

/* Fit score and rank within each municipality: higher fit first, ties in
 * configuration order. */
static void fit_and_rank(struct trackfit_row *rows, size_t nkommun, size_t ntracks,
			 const struct trackfit_settings *s)
{
	double wsum = s->w_demand + s->w_supply + s->w_placement;
	for (size_t r = 0; r < nkommun * ntracks; r++) {
		struct trackfit_row *row = &rows[r];
		double cap = (double)row->capacity;
		row->demand = clamp01(row->openings / s->horizon_years / cap);
		row->supply = clamp01((double)row->eligible / cap);
		row->placement = clamp01(row->expected / cap);
		row->fit = wsum > 0 ? 100 * (s->w_demand * row->demand + s->w_supply * row->supply
					     + s->w_placement * row->placement) / wsum : 0;
		/* the published value has one decimal: rank on that */
		row->fit = round(row->fit * 10) / 10;
	}
	for (size_t k = 0; k < nkommun; k++) {
		struct trackfit_row *kr = &rows[k * ntracks];
		for (size_t t = 0; t < ntracks; t++) {
			int rank = 1;
			for (size_t u = 0; u < ntracks; u++)
				if (kr[u].fit > kr[t].fit || (kr[u].fit == kr[t].fit && u < t))
					rank++;
			kr[t].rank = rank;
		}
	}
}

int trackfit_compute(const struct inputs *in, size_t nkommun, const struct track *tracks,
		     size_t ntracks, const struct placement_model *m,
		     const struct trackfit_settings *s, struct trackfit_result *out)
{
	memset(out, 0, sizeof *out);
	size_t nrows = nkommun * ntracks;
	struct trackfit_row *rows = ecalloc(nrows ? nrows : 1, sizeof *rows);
	out->rows = rows;
	out->nrows = nrows;
	size_t np = in->njobseekers;
	/* per candidate and track: p (-1 not eligible), preference, interest */
	double *p = emalloc((np ? np : 1) * ntracks * sizeof *p);
	int *pref = emalloc((np ? np : 1) * ntracks * sizeof *pref);
	double *credit = emalloc((np ? np : 1) * ntracks * sizeof *credit);
	int *candidate = ecalloc(np ? np : 1, sizeof *candidate);
	for (size_t i = 0; i < np; i++) {
		const struct person *x = &in->jobseekers[i];
		candidate[i] = trackfit_candidate(x, s);
		out->candidates += candidate[i];
		for (size_t t = 0; t < ntracks; t++) {
			size_t c = i * ntracks + t;
			credit[c] = interest(x, &tracks[t], &pref[c]);
			p[c] = candidate[i] && track_eligible(&tracks[t], x->swedish, x->sun)
			       ? placement_prob(m, NULL, x, t) : -1;
		}
	}
	sort_inputs = in;
	/* supply and the selection that fills each track on its own */
	struct ranked **selected = ecalloc(nrows ? nrows : 1, sizeof *selected);
	struct ranked *pool = emalloc((np ? np : 1) * sizeof *pool);
	for (size_t k = 0; k < nkommun; k++)
		for (size_t t = 0; t < ntracks; t++) {
			struct trackfit_row *row = &rows[k * ntracks + t];
			row->kommun = k;
			row->track = t;
			row->capacity = tracks[t].capacity;
			demand(in, &tracks[t], s, row);
			size_t npool = 0;
			double psum = 0;
			for (size_t i = 0; i < np; i++) {
				const struct person *x = &in->jobseekers[i];
				size_t c = i * ntracks + t;
				if (p[c] < 0 || x->kommun_index != (int)k)
					continue;
				int interested = credit[c] == 1;
				row->eligible++;
				row->eligible_women += x->female == 1;
				row->eligible_men += x->female != 1;
				row->interested += interested;
				row->interested_women += interested && x->female == 1;
				row->interested_men += interested && x->female != 1;
				row->interest_credit += credit[c];
				psum += p[c];
				pool[npool++] = (struct ranked){i, interested, p[c]};
			}
			row->p_mean = npool ? psum / (double)npool : NAN;
			qsort(pool, npool, sizeof *pool, cmp_ranked);
			row->selected = (long)npool < row->capacity ? (long)npool : row->capacity;
			selected[k * ntracks + t] = emalloc((row->selected ? (size_t)row->selected : 1)
							    * sizeof **selected);
			memcpy(selected[k * ntracks + t], pool, (size_t)row->selected * sizeof *pool);
			row->expected = 0;
			for (long j = 0; j < row->selected; j++)
				row->expected += pool[j].p;
			row->expected_lo = row->expected_hi = NAN;
		}
	free(pool);

	/* parametric bootstrap: coefficients from their normal approximation,
	 * then one Bernoulli draw per selected candidate */
	if (s->bootstrap > 0 && nrows > 0) {
		size_t nb = (size_t)s->bootstrap;
		double *sums = emalloc(nb * nrows * sizeof *sums);
		double *beta = emalloc(m->nterms * sizeof *beta);
		gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
		gsl_rng_set(rng, s->seed);
		for (size_t b = 0; b < nb; b++) {
			placement_draw_beta(m, rng, beta);
			for (size_t r = 0; r < nrows; r++) {
				double sum = 0;
				for (long j = 0; j < rows[r].selected; j++) {
					const struct person *x = &in->jobseekers[selected[r][j].person];
					double pb = placement_prob(m, beta, x, rows[r].track);
					sum += gsl_rng_uniform(rng) < pb;
				}
				sums[r * nb + b] = sum;
			}
		}
		for (size_t r = 0; r < nrows; r++) {
			gsl_sort(sums + r * nb, 1, nb);
			rows[r].expected_lo = gsl_stats_quantile_from_sorted_data(sums + r * nb, 1, nb, 0.025);
			rows[r].expected_hi = gsl_stats_quantile_from_sorted_data(sums + r * nb, 1, nb, 0.975);
		}
		gsl_rng_free(rng);
		free(beta);
		free(sums);
	}
	for (size_t r = 0; r < nrows; r++)
		free(selected[r]);
	free(selected);
	fit_and_rank(rows, nkommun, ntracks, s);

	/* who could go where, one municipality at a time */
	int rc = 0;
	size_t *persons = emalloc((np ? np : 1) * sizeof *persons);
	out->assignment = emalloc((np ? np : 1) * sizeof *out->assignment);
	for (size_t k = 0; k < nkommun && rc == 0; k++) {
		size_t n = 0;
		for (size_t i = 0; i < np; i++) {
			if (in->jobseekers[i].kommun_index != (int)k)
				continue;
			size_t t;
			for (t = 0; t < ntracks; t++)
				if (p[i * ntracks + t] >= 0)
					break;
			if (t < ntracks)
				persons[n++] = i;
		}
		qsort(persons, n, sizeof *persons, cmp_person_id);
		double *pk = emalloc((n ? n : 1) * ntracks * sizeof *pk);
		int *prefk = emalloc((n ? n : 1) * ntracks * sizeof *prefk);
		long *cap = emalloc(ntracks * sizeof *cap);
		for (size_t a = 0; a < n; a++)
			for (size_t t = 0; t < ntracks; t++) {
				pk[a * ntracks + t] = p[persons[a] * ntracks + t];
				prefk[a * ntracks + t] = pref[persons[a] * ntracks + t];
			}
		for (size_t t = 0; t < ntracks; t++)
			cap[t] = tracks[t].capacity;
		struct assign_problem pr = {n, ntracks, pk, prefk, cap, s->interest_only, s->interest_first};
		int *opt = emalloc((n ? n : 1) * sizeof *opt), *base = emalloc((n ? n : 1) * sizeof *base);
		rc = assign_optimal(&pr, opt);
		assign_by_interest(&pr, base);
		for (size_t a = 0; rc == 0 && a < n; a++) {
			struct assignment_row *ar = &out->assignment[out->nassignment++];
			ar->person = in->jobseekers[persons[a]].id;
			ar->kommun = k;
			ar->track = opt[a];
			ar->interest_track = base[a];
			ar->p = opt[a] >= 0 ? pk[a * ntracks + (size_t)opt[a]] : NAN;
			ar->interest_p = base[a] >= 0 ? pk[a * ntracks + (size_t)base[a]] : NAN;
			ar->wanted = opt[a] >= 0 && prefk[a * ntracks + (size_t)opt[a]] >= 0;
			if (opt[a] >= 0) {
				struct trackfit_row *row = &rows[k * ntracks + (size_t)opt[a]];
				row->assigned++;
				row->assigned_wanted += ar->wanted;
				row->assigned_expected += ar->p;
			}
			if (base[a] >= 0) {
				struct trackfit_row *row = &rows[k * ntracks + (size_t)base[a]];
				row->interest_assigned++;
				row->interest_expected += ar->interest_p;
			}
		}
		free(pk);
		free(prefk);
		free(cap);
		free(opt);
		free(base);
	}
	free(persons);
	free(p);
	free(pref);
	free(credit);
	free(candidate);
	if (rc != 0)
		trackfit_result_free(out);
	return rc;
}

void trackfit_result_free(struct trackfit_result *r)
{
	free(r->rows);
	free(r->assignment);
	memset(r, 0, sizeof *r);
}
