#include "synth_model.h"
#include "config.h"
#include "msg.h"
#include "synth_rng.h"
#include "value.h"

#include <ctype.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const synth_swedish[SYNTH_NSWEDISH] = {"sfi-a", "sfi-b", "sfi-c", "sfi-d", "sas",
						   "modersmål"};

int synth_swedish_rank(const char *name)
{
	for (int i = 0; i < SYNTH_NSWEDISH; i++)
		if (value_equal_fold(name, synth_swedish[i]))
			return i;
	return -1;
}

/* Standard deviations of the planted local variation (docs/METHOD.md). */
#define LOCAL_FACTOR_SD 0.35   /* log of the local occupation factor */
#define LOCAL_SHORTAGE_SD 0.5  /* local shortage around the national tendency */

void synth_local_init(struct synth_local *L, const struct synth_nat *nat,
		      const struct synth_params *p, const struct codes *codes, size_t kidx)
{
	memset(L, 0, sizeof *L);
	L->k = &codes->kommun[kidx];
	L->kidx = kidx;
	L->share = (double)L->k->population / nat->population;
	size_t n = nat->nssyk;
	L->factor = emalloc(n * sizeof *L->factor);
	L->shortage = emalloc(n * sizeof *L->shortage);
	L->trend = emalloc(n * sizeof *L->trend);
	L->emp_ref = emalloc(n * sizeof *L->emp_ref);
	L->ads_noise = emalloc(n * sizeof *L->ads_noise);
	L->jobseeker_noise = emalloc(n * sizeof *L->jobseeker_noise);
	gsl_rng *r = synth_stream(p->seed, "local", L->k->code);
	double num = 0, den = 0, tilted = 0;
	for (size_t s = 0; s < n; s++) {
		double e = 0;
		for (int a = 0; a < SYNTH_NAGE; a++)
			e += synth_nat_emp(nat, p->ref_year, s, a);
		L->factor[s] = exp(gsl_ran_gaussian(r, LOCAL_FACTOR_SD) -
				   LOCAL_FACTOR_SD * LOCAL_FACTOR_SD / 2);
		L->shortage[s] = nat->tendency[s] + gsl_ran_gaussian(r, LOCAL_SHORTAGE_SD);
		L->trend[s] = 0.06 * L->shortage[s] + gsl_ran_gaussian(r, 0.04);
		/* each indicator measures the shortage with its own error */
		L->ads_noise[s] = gsl_ran_gaussian(r, 0.3);
		L->jobseeker_noise[s] = gsl_ran_gaussian(r, 0.3);
		L->emp_ref[s] = e;
		num += e * L->factor[s];
		den += e;
		tilted += e * exp(0.5 * nat->tendency[s]);
	}
	L->ads_norm = tilted > 0 ? den / tilted : 1;
	gsl_rng_free(r);
	/* renormalise so the municipality's total is its population share of the nation's */
	double norm = num > 0 ? den / num : 1;
	L->emp_total = 0;
	for (size_t s = 0; s < n; s++) {
		L->factor[s] *= norm;
		L->emp_ref[s] *= L->factor[s] * L->share;
		L->emp_total += L->emp_ref[s];
	}
}

void synth_local_free(struct synth_local *L)
{
	free(L->factor);
	free(L->shortage);
	free(L->trend);
	free(L->emp_ref);
	free(L->ads_noise);
	free(L->jobseeker_noise);
	memset(L, 0, sizeof *L);
}

const char *synth_shortage_level(double z)
{
	return z > 0.5 ? "brist" : z < -0.5 ? "god" : "balans";
}

double synth_national_ads(int year)
{
	/* new ads a year in Platsbanken, summed from Arbetsförmedlingen's monthly
	 * counts (af_new_postings in ../shared/data/jobads_aggregates/af_monthly_index_svd.csv) */
	static const double ads[] = {965014, 1346109, 2022748, 1741311, 1209199};
	int i = year - 2020;
	if (i < 0)
		i = 0;
	if (i > 4)
		i = 4;
	return ads[i];
}

double synth_expected_ads(const struct synth_local *L, const struct synth_params *p, size_t s,
			  int year)
{
	/* the occupation's share of ads: local employment tilted by the shortage,
	 * exp(0.5 z), normalised with the nation's mix (L->ads_norm) */
	double w = L->emp_ref[s] / (L->emp_total > 0 ? L->emp_total : 1) *
		   exp(0.5 * L->shortage[s] + L->ads_noise[s]) * L->ads_norm;
	return p->scale * synth_national_ads(year) * L->share * w *
	       exp(L->trend[s] * (year - p->ref_year));
}

void synth_write_truth(struct tsv_writer *w, const struct synth_local *L,
		       const struct synth_nat *nat, const struct synth_params *p)
{
	size_t n = nat->nssyk;
	/* rank within the municipality: 1 = largest planted shortage */
	size_t *rank = emalloc(n * sizeof *rank);
	for (size_t s = 0; s < n; s++) {
		rank[s] = 1;
		for (size_t t = 0; t < n; t++)
			if (L->shortage[t] > L->shortage[s] ||
			    (L->shortage[t] == L->shortage[s] && t < s))
				rank[s]++;
	}
	static const char *const yb_name[] = {"överskott", "balans", "brist", "paradox"};
	for (size_t s = 0; s < n; s++) {
		tsv_put_str(w, L->k->code);
		tsv_put_str(w, nat->ssyk[s]);
		tsv_put_fixed(w, L->shortage[s], 4);
		tsv_put_str(w, synth_shortage_level(L->shortage[s]));
		tsv_put_long(w, (long long)rank[s]);
		tsv_put_fixed(w, nat->tendency[s], 4);
		if (nat->yb[s] >= -1 && nat->yb[s] <= 2)
			tsv_put_str(w, yb_name[nat->yb[s] + 1]);
		else
			tsv_put_empty(w);
		tsv_put_fixed(w, L->emp_ref[s], 1);
		tsv_put_fixed(w, synth_expected_ads(L, p, s, p->ref_year), 2);
		tsv_put_fixed(w, L->trend[s], 4);
		tsv_end_row(w);
	}
	free(rank);
}

/* ---- outcome model ---- */

#define B_SWEDISH 0.30
#define B_UPSEC 0.40
#define B_AGE10 -0.25
#define B_FEMALE -0.20
#define B_YEARS 0.10
#define B_COMPLETED_90 0.90
#define B_SHORTAGE 0.50
#define B_COMPLETED_365 0.60
#define B_EMP90_365 1.60

static double common_terms(const struct synth_outcome_person *x)
{
	return B_SWEDISH * (x->swedish - 2) + B_UPSEC * (x->sun >= 3) +
	       B_AGE10 * (x->age - 35) / 10 + B_FEMALE * x->female +
	       B_YEARS * x->years_since_arrival + B_SHORTAGE * x->target_shortage;
}

double synth_logit_completed(const struct synth_track *t, const struct synth_outcome_person *x)
{
	(void)t;
	return 1.2 + 0.25 * (x->swedish - 2) - 0.10 * (x->age - 35) / 10;
}

double synth_logit_employed_90d(const struct synth_track *t, const struct synth_outcome_person *x,
				int completed)
{
	return t->a90 + common_terms(x) + B_COMPLETED_90 * completed;
}

double synth_logit_employed_365d(const struct synth_track *t, const struct synth_outcome_person *x,
				 int completed, int employed_90d)
{
	return t->a365 + common_terms(x) + B_COMPLETED_365 * completed + B_EMP90_365 * employed_90d;
}

void synth_track_intercepts(struct synth_track *t)
{
	static const struct {
		const char *id;
		double a90, a365;
	} def[] = {
		{"eget", -2.2, -1.6}, {"restaurang", -1.2, -1.3}, {"industri", -1.0, -1.1},
		{"grund", -1.8, -1.7},
	};
	t->a90 = -1.5;
	t->a365 = -1.4;
	for (size_t i = 0; i < sizeof def / sizeof def[0]; i++)
		if (strcmp(t->id, def[i].id) == 0) {
			t->a90 = def[i].a90;
			t->a365 = def[i].a365;
		}
}

static void put_coef(struct tsv_writer *w, const char *outcome, const char *term, double v)
{
	tsv_put_str(w, outcome);
	tsv_put_str(w, term);
	tsv_put_fixed(w, v, 4);
	tsv_end_row(w);
}

void synth_write_truth_outcomes(struct tsv_writer *w, const struct synth_params *p)
{
	put_coef(w, "completed", "intercept", 1.2);
	put_coef(w, "completed", "swedish_rank_minus_2", 0.25);
	put_coef(w, "completed", "age_minus_35_per_10", -0.10);
	static const char *const out[2] = {"employed_90d", "employed_365d"};
	for (int o = 0; o < 2; o++) {
		for (size_t i = 0; i < p->ntracks; i++) {
			char *term = easprintf("intercept:%s", p->tracks[i].id);
			put_coef(w, out[o], term, o == 0 ? p->tracks[i].a90 : p->tracks[i].a365);
			free(term);
		}
		put_coef(w, out[o], "swedish_rank_minus_2", B_SWEDISH);
		put_coef(w, out[o], "sun_level_3_or_more", B_UPSEC);
		put_coef(w, out[o], "age_minus_35_per_10", B_AGE10);
		put_coef(w, out[o], "female", B_FEMALE);
		put_coef(w, out[o], "years_since_arrival", B_YEARS);
		put_coef(w, out[o], "target_shortage", B_SHORTAGE);
		put_coef(w, out[o], "completed", o == 0 ? B_COMPLETED_90 : B_COMPLETED_365);
		if (o == 1)
			put_coef(w, out[o], "employed_90d", B_EMP90_365);
	}
}

int synth_track_targets(struct synth_track *t, const char *value, const char **why)
{
	size_t n;
	char **items = config_list(value ? value : "", &n);
	t->target = ecalloc(n ? n : 1, sizeof *t->target);
	t->ntarget = 0;
	for (size_t i = 0; i < n; i++) {
		char *colon = strchr(items[i], ':');
		size_t len = colon ? (size_t)(colon - items[i]) : strlen(items[i]);
		double wgt = 1;
		if (colon && value_decimal(colon + 1, &wgt) != 0) {
			*why = "bad target weight";
			config_list_free(items, n);
			return -1;
		}
		if (len < 1 || len > 4) {
			*why = "target is not an SSYK code or prefix";
			config_list_free(items, n);
			return -1;
		}
		for (size_t k = 0; k < len; k++)
			if (!isdigit((unsigned char)items[i][k])) {
				*why = "target is not an SSYK code or prefix";
				config_list_free(items, n);
				return -1;
			}
		memcpy(t->target[t->ntarget].prefix, items[i], len);
		t->target[t->ntarget].prefix[len] = '\0';
		t->target[t->ntarget].weight = wgt;
		t->ntarget++;
	}
	config_list_free(items, n);
	return 0;
}
