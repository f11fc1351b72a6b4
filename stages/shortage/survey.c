#include "survey.h"
#include "msg.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const size_classes[] = { "1-9", "10-49", "50-249", "250+" };

int survey_size_class_index(const char *size_class)
{
	for (int i = 0; i < 4; i++)
		if (strcmp(size_class, size_classes[i]) == 0)
			return i;
	return -1;
}

struct survey_design *survey_design_new(void)
{
	return ecalloc(1, sizeof(struct survey_design));
}

void survey_design_free(struct survey_design *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->nstrata; i++)
		free(d->stratum[i].name);
	for (size_t i = 0; i < d->ngroups; i++)
		free(d->group[i].name);
	for (size_t i = 0; i < d->nunits; i++)
		free(d->unit[i].response_id);
	free(d->stratum);
	free(d->group);
	free(d->unit);
	free(d);
}

size_t survey_design_add_stratum(struct survey_design *d, const char *name, const char *kommun,
				 char section, const char *size_class, double N, long n)
{
	if (d->nstrata == d->capstrata) {
		d->capstrata = d->capstrata ? 2 * d->capstrata : 64;
		d->stratum = erealloc(d->stratum, d->capstrata * sizeof *d->stratum);
	}
	struct survey_stratum *s = &d->stratum[d->nstrata];
	memset(s, 0, sizeof *s);
	s->name = estrdup(name);
	snprintf(s->kommun, sizeof s->kommun, "%s", kommun);
	s->section = section;
	s->size_index = survey_size_class_index(size_class);
	s->N = N;
	s->n = n;
	return d->nstrata++;
}

size_t survey_design_add_unit(struct survey_design *d, const char *response_id, size_t s)
{
	if (d->nunits == d->capunits) {
		d->capunits = d->capunits ? 2 * d->capunits : 256;
		d->unit = erealloc(d->unit, d->capunits * sizeof *d->unit);
	}
	struct survey_unit *u = &d->unit[d->nunits];
	u->response_id = estrdup(response_id);
	u->stratum = s;
	u->design_weight = NAN;
	u->weight = NAN;
	d->stratum[s].r++;
	return d->nunits++;
}

/* Collapsing works on a working label per stratum (grp[i]) that strata of
 * one group share, within a run IDX[0..n) of stratum indices (one kommun or
 * one kommun x section, ordered by size class); groups are numbered at the
 * end in order of their first stratum. */
struct collapse {
	struct survey_design *d;
	size_t *grp;
};

static long group_r(const struct collapse *c, const size_t *idx, size_t n, size_t g)
{
	long r = 0;
	for (size_t k = 0; k < n; k++)
		if (c->grp[idx[k]] == g)
			r += c->d->stratum[idx[k]].r;
	return r;
}

static void merge(struct collapse *c, const size_t *idx, size_t n, size_t from, size_t into)
{
	for (size_t k = 0; k < n; k++)
		if (c->grp[idx[k]] == from)
			c->grp[idx[k]] = into;
}

/* Step 1: within one kommun x section (IDX sorted by size class), the first
 * thin group merges with the next larger size class's group, or the next
 * smaller when it is the largest; repeated until none is thin or one group
 * is left. */
static void collapse_section(struct collapse *c, const size_t *idx, size_t n, int m)
{
	size_t *g = emalloc((n ? n : 1) * sizeof *g);
	for (;;) {
		/* distinct groups in size order (a group's strata are adjacent) */
		size_t ng = 0;
		for (size_t k = 0; k < n; k++)
			if (ng == 0 || g[ng - 1] != c->grp[idx[k]])
				g[ng++] = c->grp[idx[k]];
		if (ng < 2)
			break;
		size_t thin = ng;
		for (size_t k = 0; k < ng; k++)
			if (group_r(c, idx, n, g[k]) < m) {
				thin = k;
				break;
			}
		if (thin == ng)
			break;
		size_t other = thin + 1 < ng ? thin + 1 : thin - 1;
		merge(c, idx, n, g[thin], g[other]);
	}
	free(g);
}

/* Step 2: in one kommun, the groups still thin are pooled; a pool still
 * thin joins the kommun's group with the most respondents (the first such
 * in stratum order on ties). */
static void collapse_kommun(struct collapse *c, const size_t *idx, size_t n, int m)
{
	size_t pool = (size_t)-1;
	for (size_t k = 0; k < n; k++) {
		size_t g = c->grp[idx[k]];
		if (g == pool || group_r(c, idx, n, g) >= m)
			continue;
		if (pool == (size_t)-1)
			pool = g;
		else
			merge(c, idx, n, g, pool);
	}
	if (pool == (size_t)-1 || group_r(c, idx, n, pool) >= m)
		return;
	size_t best = (size_t)-1;
	long best_r = -1;
	for (size_t k = 0; k < n; k++) {
		size_t g = c->grp[idx[k]];
		if (g == pool)
			continue;
		long r = group_r(c, idx, n, g);
		if (r > best_r) {
			best_r = r;
			best = g;
		}
	}
	if (best != (size_t)-1)
		merge(c, idx, n, pool, best);
}

static const struct survey_design *sort_design;

static int cmp_stratum_order(const void *pa, const void *pb)
{
	const struct survey_stratum *a = &sort_design->stratum[*(const size_t *)pa];
	const struct survey_stratum *b = &sort_design->stratum[*(const size_t *)pb];
	int k = strcmp(a->kommun, b->kommun);
	if (k)
		return k;
	if (a->section != b->section)
		return a->section < b->section ? -1 : 1;
	if (a->size_index != b->size_index)
		return a->size_index < b->size_index ? -1 : 1;
	return strcmp(a->name, b->name);
}

int survey_design_finish(struct survey_design *d, int min_per_group)
{
	int m = min_per_group < 2 ? 2 : min_per_group;
	d->min_per_group = m;
	size_t ns = d->nstrata;
	struct collapse c = { d, emalloc((ns ? ns : 1) * sizeof(size_t)) };
	size_t *order = emalloc((ns ? ns : 1) * sizeof *order);
	for (size_t i = 0; i < ns; i++) {
		c.grp[i] = i;
		order[i] = i;
	}
	sort_design = d;
	qsort(order, ns, sizeof *order, cmp_stratum_order);
	sort_design = NULL;
	for (size_t a = 0; a < ns;) {
		size_t b = a;
		while (b < ns && strcmp(d->stratum[order[b]].kommun, d->stratum[order[a]].kommun) == 0)
			b++;
		for (size_t s = a; s < b;) {
			size_t e = s;
			while (e < b && d->stratum[order[e]].section == d->stratum[order[s]].section)
				e++;
			collapse_section(&c, order + s, e - s, m);
			s = e;
		}
		collapse_kommun(&c, order + a, b - a, m);
		a = b;
	}
	free(order);
	/* number the groups in order of their first stratum (frame order) */
	size_t *label_to_group = emalloc((ns ? ns : 1) * sizeof(size_t));
	for (size_t i = 0; i < ns; i++)
		label_to_group[i] = (size_t)-1;
	d->group = ecalloc(ns ? ns : 1, sizeof *d->group);
	d->ngroups = 0;
	for (size_t i = 0; i < ns; i++) {
		struct survey_stratum *s = &d->stratum[i];
		size_t lab = c.grp[i];
		if (label_to_group[lab] == (size_t)-1) {
			label_to_group[lab] = d->ngroups;
			struct survey_group *g = &d->group[d->ngroups++];
			g->name = estrdup(s->name);
			memcpy(g->kommun, s->kommun, sizeof g->kommun);
		} else {
			struct survey_group *g = &d->group[label_to_group[lab]];
			char *joined = easprintf("%s|%s", g->name, s->name);
			free(g->name);
			g->name = joined;
		}
		s->group = label_to_group[lab];
		struct survey_group *g = &d->group[s->group];
		g->N += s->N;
		g->r += s->r;
		/* a stratum with more respondents than sampled counts its
		 * respondents as sampled */
		long n = s->n >= s->r ? s->n : s->r;
		if (s->r > 0)
			g->sum_rd += (double)s->r * s->N / (double)n;
	}
	for (size_t u = 0; u < d->nunits; u++) {
		struct survey_unit *unit = &d->unit[u];
		const struct survey_stratum *s = &d->stratum[unit->stratum];
		const struct survey_group *g = &d->group[s->group];
		long n = s->n >= s->r ? s->n : s->r;
		unit->design_weight = s->N / (double)n;
		unit->weight = unit->design_weight * g->N / g->sum_rd;
	}
	free(label_to_group);
	free(c.grp);
	return 0;
}

void survey_moments_add(struct survey_moments *m, double z)
{
	m->k++;
	double delta = z - m->mean;
	m->mean += delta / (double)m->k;
	m->m2 += delta * (z - m->mean);
}

double survey_moments_m2(const struct survey_moments *m, long r)
{
	if (m->k == 0 || r <= m->k)
		return m->m2;
	/* pooled with r - k zeros: their mean and M2 are 0 */
	return m->m2 + m->mean * m->mean * ((double)m->k * (double)(r - m->k) / (double)r);
}

/* One group's term of the stratified variance, given its centred sum of
 * squares. */
static double group_var(long r, double N, double ss)
{
	if (r < 2)
		return 0;
	double fpc = N > 0 ? 1.0 - (double)r / N : 1.0;
	if (fpc < 0)
		fpc = 0;
	return fpc * (double)r / (double)(r - 1) * ss;
}

double survey_strat_var_m2(size_t ngroups, const long *r_g, const double *N_g, const double *m2)
{
	double v = 0;
	for (size_t g = 0; g < ngroups; g++)
		v += group_var(r_g[g], N_g[g], m2[g]);
	return v;
}

/* a - c b: exactly 0 for a unit whose answer is the centre's */
static double ratio_centred(const struct survey_ratio_acc *acc, double a, double b)
{
	return a - acc->ref * b;
}

void survey_ratio_add(struct survey_ratio_acc *acc, double w, double a, double b)
{
	if (!acc->has_ref && b != 0) {
		acc->ref = a / b;
		acc->has_ref = 1;
	}
	acc->num += w * a;
	acc->den += w * b;
	acc->dnum += w * ratio_centred(acc, a, b);
}

double survey_ratio_value(const struct survey_ratio_acc *acc)
{
	return acc->den > 0 ? acc->num / acc->den : NAN;
}

double survey_ratio_z(const struct survey_ratio_acc *acc, double w, double a, double b)
{
	if (!(acc->den > 0))
		return NAN;
	double D = acc->dnum / acc->den;   /* R - c */
	return w * (ratio_centred(acc, a, b) - D * b) / acc->den;
}

/* Variance from the linearised values Z[0..n) of the array forms, through
 * the accumulation that shortage.c uses. */
static double strat_var_of(size_t n, const size_t *group, size_t ngroups, const long *r_g,
			   const double *N_g, const double *z)
{
	size_t ng = ngroups ? ngroups : 1;
	struct survey_moments *m = ecalloc(ng, sizeof *m);
	double *m2 = emalloc(ng * sizeof *m2);
	for (size_t i = 0; i < n; i++)
		survey_moments_add(&m[group[i]], z[i]);
	for (size_t g = 0; g < ngroups; g++)
		m2[g] = survey_moments_m2(&m[g], r_g[g]);
	double v = survey_strat_var_m2(ngroups, r_g, N_g, m2);
	free(m);
	free(m2);
	return v;
}

void survey_total(size_t n, const size_t *group, size_t ngroups, const long *r_g,
		  const double *N_g, const double *w, const double *y,
		  double *total, double *var)
{
	double *z = emalloc((n ? n : 1) * sizeof *z);
	double t = 0;
	for (size_t i = 0; i < n; i++) {
		z[i] = w[i] * y[i];
		t += z[i];
	}
	*total = t;
	*var = strat_var_of(n, group, ngroups, r_g, N_g, z);
	free(z);
}

void survey_ratio(size_t n, const size_t *group, size_t ngroups, const long *r_g,
		  const double *N_g, const double *w, const double *a, const double *b,
		  double *ratio, double *var)
{
	struct survey_ratio_acc acc = { 0 };
	for (size_t i = 0; i < n; i++)
		survey_ratio_add(&acc, w[i], a[i], b[i]);
	*ratio = survey_ratio_value(&acc);
	if (isnan(*ratio)) {
		*var = NAN;
		return;
	}
	double *z = emalloc((n ? n : 1) * sizeof *z);
	for (size_t i = 0; i < n; i++)
		z[i] = survey_ratio_z(&acc, w[i], a[i], b[i]);
	*var = strat_var_of(n, group, ngroups, r_g, N_g, z);
	free(z);
}

double survey_effective_n(double p, double var, double n_domain)
{
	if (!(var > 0) || !(p > 0) || !(p < 1))
		return n_domain;
	return p * (1 - p) / var;
}

void survey_wilson(double p, double n, double z, double *lo, double *hi)
{
	if (isnan(p) || !(n > 0)) {
		*lo = *hi = NAN;
		return;
	}
	double z2n = z * z / n;
	double centre = (p + z2n / 2) / (1 + z2n);
	double half = z * sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z2n);
	*lo = centre - half;
	*hi = centre + half;
	if (*lo < 0)
		*lo = 0;
	if (*hi > 1)
		*hi = 1;
}
