#include "propose.h"
#include "csvin.h"
#include "msg.h"
#include "value.h"

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- labels of the 3-digit groups --------------------------------------- */

struct labels_reader {
	const char *path;
	struct ssyk3_labels *l;
	int col[4]; /* level, code, label_sv, label_en */
};

static int labels_row(void *ctx, const struct csvin_row *row)
{
	static const char *const want[4] = {"level", "code", "label_sv", "label_en"};
	struct labels_reader *r = ctx;
	if (row->line == 1) {
		for (int k = 0; k < 4; k++) {
			r->col[k] = -1;
			for (size_t i = 0; i < row->nfields; i++)
				if (value_equal_fold(row->field[i], want[k]))
					r->col[k] = (int)i;
			if (r->col[k] < 0) {
				msg_error_at(r->path, row->line, "missing column %s", want[k]);
				return 1;
			}
		}
		return 0;
	}
	const char *v[4];
	for (int k = 0; k < 4; k++)
		v[k] = (size_t)r->col[k] < row->nfields ? row->field[r->col[k]] : "";
	if (strcmp(v[0], "3") != 0 || strlen(v[1]) != 3 || strspn(v[1], "0123456789") != 3)
		return 0;
	int code = atoi(v[1]);
	free(r->l->sv[code]);
	free(r->l->en[code]);
	r->l->sv[code] = estrdup(v[2]);
	r->l->en[code] = estrdup(v[3]);
	return 0;
}

int ssyk3_labels_load(const char *refdir, struct ssyk3_labels *l)
{
	memset(l, 0, sizeof *l);
	char *path = easprintf("%s/ssyk2012_levels_1_3.csv", refdir);
	struct labels_reader r = {path, l, {0}};
	int rc = csvin_read_path(path, NULL, labels_row, &r, NULL);
	free(path);
	if (rc != 0) {
		ssyk3_labels_free(l);
		return -1;
	}
	return 0;
}

void ssyk3_labels_free(struct ssyk3_labels *l)
{
	for (int i = 0; i < 1000; i++) {
		free(l->sv[i]);
		free(l->en[i]);
	}
	memset(l, 0, sizeof *l);
}

/* ---- entry requirements from the survey ------------------------------- */

struct weighted {
	int value;
	double weight;
};

static int cmp_weighted(const void *a, const void *b)
{
	const struct weighted *x = a, *y = b;
	return (x->value > y->value) - (x->value < y->value);
}

int propose_weighted_median(const int *values, const double *weights, size_t n)
{
	if (n == 0)
		return -1;
	struct weighted *w = emalloc(n * sizeof *w);
	double total = 0;
	for (size_t i = 0; i < n; i++) {
		w[i] = (struct weighted){values[i], weights[i]};
		total += weights[i];
	}
	int median = -1;
	if (total > 0) {
		qsort(w, n, sizeof *w, cmp_weighted);
		double cum = 0;
		for (size_t i = 0; i < n && median < 0; i++) {
			cum += w[i].weight;
			/* a relative tolerance, so that 0.1 + 0.2 + 0.2 reaches 0.5 of 1 */
			if (cum >= total / 2 - 1e-12 * total)
				median = w[i].value;
		}
	}
	free(w);
	return median;
}

/* Collects the known requirements of the rows of DEF's occupations in
 * municipality K (all municipalities when K < 0). Returns the rows found. */
static size_t collect(const struct inputs *in, long k, const struct track *def, int *sw, double *sw_w,
		      size_t *nsw, int *sun, double *sun_w, size_t *nsun)
{
	size_t found = 0;
	*nsw = *nsun = 0;
	for (size_t t = 0; t < def->ntarget; t++) {
		size_t first, n = inputs_survey_rows(in, def->target[t].prefix, &first);
		for (size_t j = first; j < first + n; j++) {
			const struct survey_row *r = &in->survey[in->survey_by_ssyk[j]];
			if (k >= 0 && r->kommun != k)
				continue;
			found++;
			if (r->swedish_required >= 0) {
				sw[*nsw] = r->swedish_required;
				sw_w[(*nsw)++] = r->weight;
			}
			if (r->min_sun >= 0) {
				sun[*nsun] = r->min_sun;
				sun_w[(*nsun)++] = r->weight;
			}
		}
	}
	return found;
}

enum requirement_source propose_requirements(const struct inputs *in, size_t k, struct track *def)
{
	static const int level_of_required[] = {0, SWEDISH_SFI_B, SWEDISH_SFI_D, SWEDISH_SAS};
	size_t max = in->nsurvey ? in->nsurvey : 1;
	int *sw = emalloc(max * sizeof *sw), *sun = emalloc(max * sizeof *sun);
	double *sw_w = emalloc(max * sizeof *sw_w), *sun_w = emalloc(max * sizeof *sun_w);
	size_t nsw, nsun;
	enum requirement_source source = REQUIREMENT_SURVEY_KOMMUN;
	if (collect(in, (long)k, def, sw, sw_w, &nsw, sun, sun_w, &nsun) == 0) {
		source = REQUIREMENT_SURVEY_ALL;
		if (collect(in, -1, def, sw, sw_w, &nsw, sun, sun_w, &nsun) == 0)
			source = REQUIREMENT_NONE;
	}
	int median = propose_weighted_median(sw, sw_w, nsw);
	def->min_swedish = median >= 0 ? level_of_required[median] : 0;
	def->min_sun = propose_weighted_median(sun, sun_w, nsun);
	def->max_sun = -1;
	/* no education named: the skill level of the occupations' major group
	 * (ISCO-08 skill levels 4 and 3: SSYK 2 needs a long and 3 a short
	 * post-secondary education, which a track cannot give) */
	if (def->min_sun < 0 && def->ntarget > 0) {
		char major = def->target[0].prefix[0];
		for (size_t t = 1; t < def->ntarget; t++)
			if (def->target[t].prefix[0] < major)
				major = def->target[t].prefix[0];
		def->min_sun = major == '2' ? 5 : major == '3' ? 4 : -1;
	}
	free(sw);
	free(sun);
	free(sw_w);
	free(sun_w);
	return source;
}

/* ---- candidates --------------------------------------------------------- */

static void proposal_free(struct proposal *p)
{
	free(p->id);
	free(p->name_sv);
	free(p->name_en);
	free(p->def.target);
	memset(p, 0, sizeof *p);
}

void proposals_free(struct proposals *p)
{
	for (size_t i = 0; i < p->n; i++)
		proposal_free(&p->p[i]);
	free(p->p);
	free(p->candidates);
	memset(p, 0, sizeof *p);
}

static double clamp01(double v)
{
	return v < 0 ? 0 : v > 1 ? 1 : v;
}

/* The proposal fit with placement component PLACEMENT (docs/METHOD.md):
 * the weighted mean of the known components, the weights rescaled to them;
 * NaN when nothing with a weight is known. */
static double proposal_fit(const struct proposal *p, double placement, const struct trackfit_settings *s)
{
	const double part[] = {p->row.demand, p->row.supply, placement, p->shortage_ratio,
			       p->interest_ratio, p->employer_ratio};
	const double weight[] = {s->w_demand, s->w_supply, s->w_placement, s->w_shortage,
				 s->w_interest, s->w_employers};
	double sum = 0, wsum = 0;
	int unknown = 0;
	for (size_t i = 0; i < sizeof part / sizeof part[0]; i++) {
		if (isnan(part[i])) {
			/* the employers are unknown without occupations.tsv, as ever */
			unknown |= i != 5;
			continue;
		}
		sum += weight[i] * part[i];
		wsum += weight[i];
	}
	if (!(wsum > 0))
		return unknown ? NAN : 0;
	return 100 * sum / wsum;
}

/* The weakest of supply, employers, demand, shortage and interest (those
 * with a weight; ties in that order), supply and interest named by the
 * requirement that excludes the most (docs/METHOD.md). */
static enum obstacle find_obstacle(const struct proposal *p, const struct trackfit_settings *s)
{
	const struct {
		double value, weight;
		enum obstacle o;
	} parts[] = {
		{p->row.supply, s->w_supply, OBSTACLE_CANDIDATES},
		{p->employer_ratio, s->w_employers, OBSTACLE_EMPLOYERS},
		{p->row.demand, s->w_demand, OBSTACLE_DEMAND},
		/* a probability, not a coverage: an obstacle below one half */
		{clamp01(2 * p->shortage_ratio), s->w_shortage, OBSTACLE_SHORTAGE},
		{p->interest_ratio, s->w_interest, OBSTACLE_INTEREST},
	};
	int best = -1;
	for (int i = 0; i < (int)(sizeof parts / sizeof parts[0]); i++) {
		if (isnan(parts[i].value) || !(parts[i].weight > 0))
			continue;
		if (best < 0 || parts[i].value < parts[best].value)
			best = i;
	}
	if (best < 0 || parts[best].value >= 1)
		return OBSTACLE_NONE;
	enum obstacle o = parts[best].o;
	if (o != OBSTACLE_CANDIDATES && o != OBSTACLE_INTEREST)
		return o;
	/* too few eligible or interested: a requirement that shuts out those
	 * who named the occupations, else the one that shuts out the most */
	long sw = p->row.interested_excluded_swedish, ed = p->row.interested_excluded_education;
	if (sw == 0 && ed == 0) {
		if (o == OBSTACLE_INTEREST)
			return o;
		sw = p->row.excluded_swedish;
		ed = p->row.excluded_education;
		if (sw == 0 && ed == 0)
			return OBSTACLE_CANDIDATES;
	}
	return sw >= ed ? OBSTACLE_SWEDISH : OBSTACLE_EDUCATION;
}

/* 1 when an occupation CODE is a target of a track offered in K. */
static int covered(const char *code, const int *offered, const struct track *tracks, size_t ntracks)
{
	for (size_t t = 0; t < ntracks; t++)
		if (offered[t] && track_target_weight(&tracks[t], code) > 0)
			return 1;
	return 0;
}

/* A definition with the 4-digit occupations of municipality K that SELECT
 * matches (prefix of PREFIX_LEN digits, or the targets of BUNDLE) and no
 * offered track covers. Returns the number of occupations with openings. */
static size_t occupations_of(const struct inputs *in, size_t k, const char *prefix,
			     const struct track *bundle, const int *offered, const struct track *tracks,
			     size_t ntracks, struct track *def)
{
	size_t nk = in->shortage_first[k + 1] - in->shortage_first[k], with_openings = 0;
	def->target = ecalloc(nk ? nk : 1, sizeof *def->target);
	def->ntarget = 0;
	for (size_t j = in->shortage_first[k]; j < in->shortage_first[k + 1]; j++) {
		const struct shortage_row *r = &in->shortage[in->shortage_of[j]];
		double w = bundle ? track_target_weight(bundle, r->ssyk) : strncmp(r->ssyk, prefix, 3) == 0;
		if (w <= 0 || covered(r->ssyk, offered, tracks, ntracks))
			continue;
		struct track_target *tg = &def->target[def->ntarget++];
		memcpy(tg->prefix, r->ssyk, 5);
		tg->len = 4;
		tg->weight = w;
		/* unknown openings (NaN) may be some: the group stays */
		with_openings += !(r->openings_5y <= 0);
	}
	return with_openings;
}

/* Scores P (its definition, kommun and kind set) in municipality K. */
static void score_proposal(const struct inputs *in, size_t k, struct proposal *p, const int *candidate,
		  const struct placement_model *m, const struct trackfit_settings *s)
{
	struct score_unit u = {&p->def, p->model_track, k, s->proposal_capacity};
	size_t *selected;
	trackfit_score_unit(in, &u, m, s, candidate, &p->row, &selected);
	free(selected);
	trackfit_fit(&p->row, s);
	double cap = (double)s->proposal_capacity;
	p->interest_ratio = p->row.people_unknown ? NAN : clamp01((double)p->row.interested / cap);
	double open = p->row.employers_open < 0 ? NAN
		      : in->have_weights ? p->row.employers_open_weighted : (double)p->row.employers_open;
	p->employer_ratio = isnan(open) ? NAN : clamp01(open * s->places_per_employer / cap);
	p->p_first = NAN;
	/* the shortage ranking behind its occupations */
	double num = 0, den = 0, sum = 0, brist = 0, all = 0;
	size_t nb = 0;
	p->best_rank = 0;
	/* openings weight the occupations; when some are unknown, each
	 * occupation counts alike rather than the known ones alone */
	int open_unknown = p->row.demand_unknown != OPENINGS_KNOWN;
	for (size_t j = in->shortage_first[k]; j < in->shortage_first[k + 1]; j++) {
		const struct shortage_row *r = &in->shortage[in->shortage_of[j]];
		if (track_target_weight(&p->def, r->ssyk) <= 0)
			continue;
		if (r->rank > 0 && (p->best_rank == 0 || r->rank < p->best_rank))
			p->best_rank = r->rank;
		double w = open_unknown ? 1 : r->openings_5y;
		if (w > 0) {
			all += w;
			brist += trackfit_verdict(r->verdict) == VERDICT_BRIST ? w : 0;
		}
		if (isnan(r->p_brist))
			continue;
		sum += r->p_brist;
		nb++;
		if (w > 0) {
			num += w * r->p_brist;
			den += w;
		}
	}
	p->p_brist = den > 0 ? num / den : nb ? sum / (double)nb : NAN;
	p->shortage_ratio = !isnan(p->p_brist) ? p->p_brist : all > 0 ? brist / all : 0;
	p->fit = round(proposal_fit(p, p->row.placement, s) * 10) / 10;
	p->obstacle = find_obstacle(p, s);
}

/* Larger first, an unknown (NaN) after every known value: 0 when equal
 * or both unknown. */
static int cmp_desc(double x, double y)
{
	if (isnan(x) || isnan(y))
		return isnan(x) - isnan(y);
	return (x < y) - (x > y);
}

static int cmp_proposal(const void *a, const void *b)
{
	const struct proposal *x = a, *y = b;
	int c = cmp_desc(x->fit, y->fit);
	if (c)
		return c;
	c = cmp_desc(x->row.openings, y->row.openings);
	if (c)
		return c;
	if (x->kind != y->kind)
		return (int)x->kind - (int)y->kind;
	return strcmp(x->id, y->id);
}

static struct proposal *push(struct proposal **list, size_t *n, size_t *cap)
{
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 64;
		*list = erealloc(*list, *cap * sizeof **list);
	}
	struct proposal *p = &(*list)[(*n)++];
	memset(p, 0, sizeof *p);
	p->def.min_sun = p->def.max_sun = -1;
	p->def.fallback_rate = NAN;
	return p;
}

/* 1 when A and B have the same occupations (both in shortage-table order). */
static int same_occupations(const struct track *a, const struct track *b)
{
	if (a->ntarget != b->ntarget)
		return 0;
	for (size_t t = 0; t < a->ntarget; t++)
		if (strcmp(a->target[t].prefix, b->target[t].prefix) != 0)
			return 0;
	return 1;
}

/* Drops the last of LIST[0..*n) when an earlier bundle or group has the
 * same occupations (a bundle within one 3-digit group). */
static void drop_duplicate(struct proposal *list, size_t *n)
{
	struct proposal *last = &list[*n - 1];
	for (size_t i = 0; i + 1 < *n; i++)
		if (list[i].kind != PROPOSAL_TRACK && same_occupations(&list[i].def, &last->def)) {
			proposal_free(last);
			(*n)--;
			return;
		}
}

/* Every candidate of municipality K into LIST (appended). */
static void candidates_of(const struct inputs *in, size_t k, const struct track *tracks, size_t ntracks,
			  const struct track *bundles, size_t nbundles, const int *offered,
			  const struct ssyk3_labels *labels, struct proposal **list, size_t *n,
			  size_t *cap)
{
	/* a configured track that does not run here */
	for (size_t t = 0; t < ntracks; t++) {
		if (offered[t])
			continue;
		struct proposal *p = push(list, n, cap);
		p->kind = PROPOSAL_TRACK;
		p->id = estrdup(tracks[t].id);
		p->name_sv = estrdup(tracks[t].name);
		p->name_en = estrdup(tracks[t].name);
		p->def = tracks[t];
		p->def.target = emalloc(tracks[t].ntarget * sizeof *p->def.target);
		memcpy(p->def.target, tracks[t].target, tracks[t].ntarget * sizeof *p->def.target);
		p->model_track = (int)t;
		p->requirements = REQUIREMENT_TRACK;
	}
	/* a configured bundle, without the occupations the tracks here cover */
	for (size_t b = 0; b < nbundles; b++) {
		struct proposal *p = push(list, n, cap);
		if (occupations_of(in, k, NULL, &bundles[b], offered, tracks, ntracks, &p->def) == 0) {
			proposal_free(p);
			(*n)--;
			continue;
		}
		p->kind = PROPOSAL_BUNDLE;
		p->id = estrdup(bundles[b].id);
		p->name_sv = estrdup(bundles[b].name);
		p->name_en = estrdup(bundles[b].name);
		p->model_track = -1;
		drop_duplicate(*list, n);
	}
	/* every 3-digit group with openings in occupations no track here covers */
	char done[1000] = {0};
	for (size_t j = in->shortage_first[k]; j < in->shortage_first[k + 1]; j++) {
		const char *code = in->shortage[in->shortage_of[j]].ssyk;
		char prefix[4] = {code[0], code[1], code[2], '\0'};
		int g = atoi(prefix);
		/* armed forces and managers are no job track for the newly arrived */
		if (done[g] || code[0] == '0' || code[0] == '1')
			continue;
		done[g] = 1;
		struct proposal *p = push(list, n, cap);
		if (occupations_of(in, k, prefix, NULL, offered, tracks, ntracks, &p->def) == 0) {
			proposal_free(p);
			(*n)--;
			continue;
		}
		p->kind = PROPOSAL_SSYK3;
		p->id = estrdup(prefix);
		p->name_sv = labels && labels->sv[g] ? estrdup(labels->sv[g]) : easprintf("SSYK %s", prefix);
		p->name_en = labels && labels->en[g] ? estrdup(labels->en[g]) : easprintf("SSYK %s", prefix);
		p->model_track = -1;
		drop_duplicate(*list, n);
	}
}

void proposals_compute(const struct inputs *in, size_t nkommun, const struct track *tracks,
		       size_t ntracks, const struct track *bundles, size_t nbundles,
		       const struct track_offer *offers, size_t noffers, const struct ssyk3_labels *labels,
		       const struct placement_model *m, const struct trackfit_settings *s,
		       struct proposals *out)
{
	memset(out, 0, sizeof *out);
	out->candidates = ecalloc(nkommun ? nkommun : 1, sizeof *out->candidates);
	if (s->proposals <= 0)
		return;
	size_t np = in->njobseekers;
	int *candidate = ecalloc(np ? np : 1, sizeof *candidate);
	for (size_t i = 0; i < np; i++)
		candidate[i] = trackfit_candidate(&in->jobseekers[i], s);
	int *offered = ecalloc(ntracks ? ntracks : 1, sizeof *offered);
	size_t cap = 0;
	struct proposal *list = NULL;
	size_t outcap = 0;
	for (size_t k = 0; k < nkommun; k++) {
		memset(offered, 0, (ntracks ? ntracks : 1) * sizeof *offered);
		for (size_t o = 0; o < noffers; o++)
			if (offers[o].kommun == k)
				offered[offers[o].track] = 1;
		size_t n = 0;
		candidates_of(in, k, tracks, ntracks, bundles, nbundles, offered, labels, &list, &n, &cap);
		size_t kept = 0;
		for (size_t i = 0; i < n; i++) {
			if (list[i].kind != PROPOSAL_TRACK)
				list[i].requirements = propose_requirements(in, k, &list[i].def);
			score_proposal(in, k, &list[i], candidate, m, s);
			/* a track whose occupations have no openings here is no
			 * proposal (unknown openings may be some) */
			if (list[i].row.openings_unweighted <= 0)
				proposal_free(&list[i]);
			else
				list[kept++] = list[i];
		}
		n = kept;
		qsort(list, n, sizeof *list, cmp_proposal);
		out->candidates[k] = n;
		size_t shown = n < (size_t)s->proposals ? n : (size_t)s->proposals;
		if (out->n + shown > outcap) {
			outcap = 2 * (out->n + shown);
			out->p = erealloc(out->p, outcap * sizeof *out->p);
		}
		for (size_t i = 0; i < n; i++) {
			if (i < shown) {
				list[i].rank = (int)i + 1;
				out->p[out->n++] = list[i];
			} else {
				proposal_free(&list[i]);
			}
		}
	}
	free(list);
	free(offered);

	/* the interval of the shown proposals and how often each comes first */
	struct score_unit *units = emalloc((out->n ? out->n : 1) * sizeof *units);
	size_t **selected = ecalloc(out->n ? out->n : 1, sizeof *selected);
	long *nselected = emalloc((out->n ? out->n : 1) * sizeof *nselected);
	for (size_t i = 0; i < out->n; i++) {
		struct proposal *p = &out->p[i];
		units[i] = (struct score_unit){&p->def, p->model_track, p->row.kommun, s->proposal_capacity};
		struct trackfit_row again = p->row;
		trackfit_score_unit(in, &units[i], m, s, candidate, &again, &selected[i]);
		nselected[i] = again.selected;
	}
	double *sums = trackfit_bootstrap(in, units, selected, nselected, out->n, m, s, s->seed + 1);
	if (sums) {
		size_t nb = (size_t)s->bootstrap;
		double cap_d = (double)s->proposal_capacity;
		for (size_t first = 0; first < out->n;) {
			size_t end = first;
			while (end < out->n && out->p[end].row.kommun == out->p[first].row.kommun)
				end++;
			/* without people the replicates vary nothing: no p_first */
			int known = !out->p[first].row.people_unknown;
			for (size_t i = first; i < end; i++)
				out->p[i].p_first = known ? 0 : NAN;
			for (size_t b = 0; known && b < nb; b++) {
				size_t best = first;
				double best_fit = -1;
				for (size_t i = first; i < end; i++) {
					double f = proposal_fit(&out->p[i], clamp01(sums[i * nb + b] / cap_d), s);
					if (f > best_fit) {
						best_fit = f;
						best = i;
					}
				}
				out->p[best].p_first += 1.0 / (double)nb;
			}
			first = end;
		}
		for (size_t i = 0; i < out->n; i++) {
			gsl_sort(sums + i * nb, 1, nb);
			out->p[i].row.expected_lo = gsl_stats_quantile_from_sorted_data(sums + i * nb, 1, nb, 0.025);
			out->p[i].row.expected_hi = gsl_stats_quantile_from_sorted_data(sums + i * nb, 1, nb, 0.975);
			if (out->p[i].row.people_unknown)
				out->p[i].row.expected_lo = out->p[i].row.expected_hi = NAN;
		}
	}
	free(sums);
	for (size_t i = 0; i < out->n; i++)
		free(selected[i]);
	free(selected);
	free(nselected);
	free(units);
	free(candidate);
}
