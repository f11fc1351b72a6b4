/* Persons: registered jobseekers at the reference date and past job-track
 * participants with their outcomes. */
#include "synth_model.h"
#include "msg.h"
#include "synth_rng.h"
#include "value.h"

#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JOBSEEKER_RATE 0.045      /* registered jobseekers per inhabitant */
#define NEWLY_ARRIVED_SHARE 0.22  /* of jobseekers, arrived within 10 years */

/* SUN 2020 level distribution: index 0-6, 7 = unknown (empty). Natives have
 * few without upper-secondary education (levels 0-2); newly arrived many,
 * but also many with higher education. */
static const double sun_native[8] = {0.00, 0.02, 0.17, 0.46, 0.09, 0.23, 0.01, 0.02};
static const double sun_arrived[8] = {0.05, 0.17, 0.20, 0.22, 0.05, 0.24, 0.02, 0.05};

static int draw_sun(gsl_rng *r, int arrived)
{
	size_t i = synth_pick(r, arrived ? sun_arrived : sun_native, 8);
	return i == 7 ? -1 : (int)i;
}

/* Swedish level of a newly arrived person: grows with time in Sweden and
 * education. Returns a rank 0-4 (sfi-a .. sas). */
static int draw_swedish_arrived(gsl_rng *r, double years, int sun)
{
	double v = 0.7 * years + 0.35 * (sun < 0 ? 2 : sun) - 0.5 + gsl_ran_gaussian(r, 0.9);
	int rank = (int)floor(v);
	return rank < 0 ? 0 : rank > 4 ? 4 : rank;
}

static long draw_birth_day(gsl_rng *r, long on_day, double age)
{
	/* AGE whole years plus a uniform part of a year before ON_DAY */
	return on_day - (long)floor((age + gsl_rng_uniform(r)) * 365.2425);
}

static enum synth_pnr_form draw_form(gsl_rng *r)
{
	double u = gsl_rng_uniform(r);
	return u < 0.80 ? SYNTH_PNR_12_DASH : u < 0.90 ? SYNTH_PNR_12 : SYNTH_PNR_10_DASH;
}

int synth_write_jobseekers(struct synth_csv *w, const struct synth_local *L,
			   const struct synth_nat *nat, const struct synth_params *p,
			   struct synth_ids *ids)
{
	size_t n = nat->nssyk;
	gsl_rng *r = synth_stream(p->seed, "jobseekers", L->k->code);
	/* jobseekers per occupation: more where the planted shortage is low;
	 * newly arrived lean towards occupations without long education */
	double *w_all = emalloc(n * sizeof *w_all), *w_arr = emalloc(n * sizeof *w_arr);
	for (size_t s = 0; s < n; s++) {
		double base = L->emp_ref[s] * exp(-0.7 * L->shortage[s] + L->jobseeker_noise[s]);
		char major = nat->ssyk[s][0];
		w_all[s] = major == '0' ? 0 : base;
		w_arr[s] = major == '0' ? 0 : base * (major >= '5' ? 3.0 : major <= '2' ? 0.3 : 1.0);
	}
	struct synth_cdf c_all, c_arr;
	synth_cdf_init(&c_all, w_all, n);
	synth_cdf_init(&c_arr, w_arr, n);
	free(w_all);
	free(w_arr);

	double rate = JOBSEEKER_RATE * exp(gsl_ran_gaussian(r, 0.25));
	unsigned int count = gsl_ran_poisson(r, p->scale * rate * (double)L->k->population);
	static const double age_band_w[5] = {0.18, 0.28, 0.22, 0.17, 0.15};
	static const int age_band_lo[5] = {18, 25, 35, 45, 55};
	char pnr[14], wanted[16];
	int rc = 0;
	for (unsigned int i = 0; i < count && rc == 0; i++) {
		int arrived = gsl_rng_uniform(r) < NEWLY_ARRIVED_SHARE;
		int female = gsl_rng_uniform(r) < (arrived ? 0.45 : 0.48);
		size_t band = synth_pick(r, age_band_w, 5);
		double age = age_band_lo[band] + (band == 4 ? 10 : band == 0 ? 7 : 10) * gsl_rng_uniform(r);
		if (arrived && age > 58)
			age -= 15;
		long birth = draw_birth_day(r, p->ref_date, floor(age));
		int sun = draw_sun(r, arrived);
		long arrival = SYNTH_NO_DATE;
		double years = 0;
		int swedish, establishment = 0, samordning = 0;
		if (arrived) {
			years = 0.1 + 9.4 * pow(gsl_rng_uniform(r), 1.3);
			if (years > age - 1)
				years = age - 1;
			arrival = p->ref_date - (long)floor(years * 365.2425);
			swedish = gsl_rng_uniform(r) < 0.05 ? -1 : draw_swedish_arrived(r, years, sun);
			establishment = years < 3 && age >= 20 && age < 65 && gsl_rng_uniform(r) < 0.7;
			samordning = years < 1.5 && gsl_rng_uniform(r) < 0.3;
		} else {
			swedish = gsl_rng_uniform(r) < 0.03 ? -1 : 5;
		}
		/* current spell: longer for newly arrived; not before arrival or age 16 */
		long days = 1 + (long)gsl_ran_exponential(r, arrived ? 500 : 280);
		long earliest = birth + (long)(16 * 365.2425) + 1;
		if (arrival != SYNTH_NO_DATE && arrival > earliest)
			earliest = arrival;
		if (p->ref_date - days < earliest)
			days = p->ref_date - earliest;
		if (days < 0)
			days = 0;
		long registered = p->ref_date - days;

		const struct synth_cdf *cdf = arrived ? &c_arr : &c_all;
		int has_exp = gsl_rng_uniform(r) < (arrived ? 0.40 : 0.85);
		size_t exp_s = synth_cdf_draw(cdf, r);
		unsigned int nwant = (unsigned int)synth_pick(r, (const double[]){0.08, 0.45, 0.30, 0.17}, 4);
		size_t want[3];
		unsigned int nw = 0;
		for (unsigned int t = 0; t < nwant * 3 && nw < nwant; t++) {
			size_t s = (t == 0 && has_exp && gsl_rng_uniform(r) < 0.7) ? exp_s
										    : synth_cdf_draw(cdf, r);
			unsigned int q;
			for (q = 0; q < nw; q++)
				if (want[q] == s)
					break;
			if (q == nw)
				want[nw++] = s;
		}
		wanted[0] = '\0';
		for (unsigned int q = 0; q < nw; q++) {
			if (q)
				strcat(wanted, "|");
			strcat(wanted, nat->ssyk[want[q]]);
		}
		if (synth_ids_person(ids, r, birth, female, samordning, draw_form(r), pnr) != 0) {
			msg_error("%s: ran out of identity numbers for one birth date", L->k->code);
			rc = -1;
			break;
		}
		synth_csv_str(w, pnr);
		synth_csv_str(w, L->k->code);
		synth_csv_date(w, registered);
		if (sun >= 0)
			synth_csv_long(w, sun);
		else
			synth_csv_empty(w);
		if (has_exp)
			synth_csv_str(w, nat->ssyk[exp_s]);
		else
			synth_csv_empty(w);
		synth_csv_str(w, wanted);
		if (swedish >= 0)
			synth_csv_str(w, synth_swedish[swedish]);
		else
			synth_csv_empty(w);
		synth_csv_date(w, arrival);
		synth_csv_long(w, establishment);
		synth_csv_long(w, days);
		synth_csv_end(w);
	}
	synth_cdf_free(&c_all);
	synth_cdf_free(&c_arr);
	gsl_rng_free(r);
	return rc;
}

/* Employment-weighted mean planted shortage of a track's target occupations
 * in the municipality. */
static double target_shortage(const struct synth_track *t, const struct synth_local *L,
			      const struct synth_nat *nat)
{
	double num = 0, den = 0;
	for (size_t s = 0; s < nat->nssyk; s++)
		for (size_t j = 0; j < t->ntarget; j++)
			if (strncmp(nat->ssyk[s], t->target[j].prefix, strlen(t->target[j].prefix)) == 0) {
				num += t->target[j].weight * L->emp_ref[s] * L->shortage[s];
				den += t->target[j].weight * L->emp_ref[s];
				break;
			}
	return den > 0 ? num / den : 0;
}

int synth_write_outcomes(struct synth_csv *w, const struct synth_local *L,
			 const struct synth_nat *nat, const struct synth_params *p,
			 struct synth_ids *ids)
{
	gsl_rng *r = synth_stream(p->seed, "outcomes", L->k->code);
	/* the track capacities are Norrköping's; other municipalities by population */
	double size = (double)L->k->population / 139363.0;
	long first = days_from_civil(p->years[0], 1, 1);
	char pnr[14];
	int rc = 0;
	for (size_t ti = 0; ti < p->ntracks && rc == 0; ti++) {
		const struct synth_track *t = &p->tracks[ti];
		long dur = (long)floor(t->duration_months * 30.4375);
		/* outcomes one year after the end must be observable by the reference date */
		long last = p->ref_date - 365 - dur;
		if (last < first)
			continue;
		double years = (double)(last - first + 1) / 365.2425;
		double ts = target_shortage(t, L, nat);
		unsigned int count = gsl_ran_poisson(r, 0.9 * (double)t->capacity * size * years);
		for (unsigned int i = 0; i < count; i++) {
			long start = first + (long)gsl_rng_uniform_int(r, (unsigned long)(last - first + 1));
			struct synth_outcome_person x;
			x.female = gsl_rng_uniform(r) < 0.45;
			x.age = 20 + 38 * pow(gsl_rng_uniform(r), 1.4);
			x.years_since_arrival = 0.2 + 2.7 * gsl_rng_uniform(r);
			x.sun = -1;
			for (int k = 0; k < 50 && (x.sun < 0 || (t->max_sun >= 0 && x.sun > t->max_sun) ||
						   (t->min_sun >= 0 && x.sun < t->min_sun)); k++)
				x.sun = draw_sun(r, 1);
			if (x.sun < 0 || (t->max_sun >= 0 && x.sun > t->max_sun))
				x.sun = t->max_sun >= 0 ? t->max_sun : 3;
			if (t->min_sun >= 0 && x.sun < t->min_sun)
				x.sun = t->min_sun;
			x.swedish = draw_swedish_arrived(r, x.years_since_arrival, x.sun);
			if (t->min_swedish >= 0 && x.swedish < t->min_swedish)
				x.swedish = t->min_swedish; /* entry requirement */
			x.target_shortage = ts;
			int completed = gsl_rng_uniform(r) < synth_logistic(synth_logit_completed(t, &x));
			int e90 = gsl_rng_uniform(r) < synth_logistic(synth_logit_employed_90d(t, &x, completed));
			int e365 = gsl_rng_uniform(r) <
				   synth_logistic(synth_logit_employed_365d(t, &x, completed, e90));
			long end = completed ? start + dur : start + 30 + (long)gsl_rng_uniform_int(r, (unsigned long)dur);
			if (end > start + dur)
				end = start + dur;
			long birth = draw_birth_day(r, start, floor(x.age));
			long arrival = start - (long)floor(x.years_since_arrival * 365.2425);
			if (synth_ids_person(ids, r, birth, x.female, 0, SYNTH_PNR_12_DASH, pnr) != 0) {
				msg_error("%s: ran out of identity numbers for one birth date", L->k->code);
				rc = -1;
				break;
			}
			synth_csv_str(w, pnr);
			synth_csv_str(w, L->k->code);
			synth_csv_str(w, t->id);
			synth_csv_date(w, start);
			synth_csv_date(w, end);
			synth_csv_long(w, completed);
			synth_csv_long(w, e90);
			synth_csv_long(w, e365);
			synth_csv_long(w, x.sun);
			synth_csv_str(w, synth_swedish[x.swedish]);
			synth_csv_date(w, arrival);
			synth_csv_end(w);
		}
	}
	gsl_rng_free(r);
	return rc;
}
