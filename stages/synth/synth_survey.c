/* The employer survey: a frame of workplaces by SNI section and size class,
 * a stratified sample with non-response, and occupation rows driven by the
 * hidden shortage. */
#include "synth_model.h"
#include "msg.h"
#include "synth_rng.h"

#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NSECTION 21
#define NCLASS 4
static const char *const size_class[NCLASS] = {"1-9", "10-49", "50-249", "250+"};

/* Share of workplaces by SNI section (rounded from the general picture of
 * SCB's business register: trade, construction and professional services
 * have most workplaces), and the share of public employers in the section. */
static const struct {
	char section;
	double share, public_share;
	const char *ssyk2; /* SSYK 2-digit groups typical of the section */
} section_model[NSECTION] = {
	{'A', .080, .01, "61 62 83 96 93"},
	{'B', .002, .05, "81 83 72 31 21"},
	{'C', .060, .01, "81 82 72 73 74 75 21 31 93 12 44"},
	{'D', .005, .20, "31 74 21 72 24"},
	{'E', .005, .30, "96 83 31 81 93"},
	{'F', .130, .01, "71 72 74 31 83 93 21"},
	{'G', .150, .00, "52 43 33 93 83 72 14 41"},
	{'H', .050, .08, "83 43 93 72 41"},
	{'I', .060, .01, "51 94 14 17 91"},
	{'J', .050, .02, "25 21 24 35 26 33"},
	{'K', .020, .02, "24 33 41 12 42"},
	{'L', .050, .10, "33 51 41 71 91"},
	{'M', .120, .02, "21 24 26 33 22 31"},
	{'N', .050, .05, "91 54 33 41 42 83 96"},
	{'O', .010, 1.0, "24 33 41 26 34 54 11 01 02 03"},
	{'P', .040, .75, "23 53 34 41 15"},
	{'Q', .060, .60, "22 32 53 34 26 15"},
	{'R', .030, .30, "26 34 51 14"},
	{'S', .050, .05, "51 34 96 26"},
	{'T', .001, .00, "91 53"},
	{'U', .0005, .0, "24 41"},
};

static int public_heavy(char section)
{
	return section == 'O' || section == 'P' || section == 'Q';
}

static long draw_employees(gsl_rng *r, int cls)
{
	switch (cls) {
	case 0: return 1 + (long)gsl_rng_uniform_int(r, 9);
	case 1: return 10 + (long)gsl_rng_uniform_int(r, 40);
	case 2: return 50 + (long)gsl_rng_uniform_int(r, 200);
	default: return 250 + (long)gsl_ran_exponential(r, 400);
	}
}

/* An SNI code of SECTION as a respondent would give it: a 2-digit division,
 * a 5-digit code or the section letter. */
static void draw_sni(gsl_rng *r, const struct codes *codes, char section, char *out, size_t cap)
{
	int div[100], nd = 0;
	for (int d = 0; d < 100; d++)
		if (codes->sni_section_of_division[d] == section)
			div[nd++] = d;
	double u = gsl_rng_uniform(r);
	if (nd == 0 || u < 0.15) {
		snprintf(out, cap, "%c", section);
		return;
	}
	int d = div[gsl_rng_uniform_int(r, (unsigned long)nd)];
	char prefix[3];
	snprintf(prefix, sizeof prefix, "%02d", d);
	if (u < 0.40) {
		size_t count = 0;
		for (size_t i = 0; i < codes->nsni; i++)
			if (strlen(codes->sni_codes[i]) == 5 && strncmp(codes->sni_codes[i], prefix, 2) == 0)
				count++;
		if (count) {
			size_t pick = gsl_rng_uniform_int(r, count);
			for (size_t i = 0; i < codes->nsni; i++)
				if (strlen(codes->sni_codes[i]) == 5 &&
				    strncmp(codes->sni_codes[i], prefix, 2) == 0 && pick-- == 0) {
					snprintf(out, cap, "%s", codes->sni_codes[i]);
					return;
				}
		}
	}
	snprintf(out, cap, "%s", prefix);
}

static int min_sun_level(gsl_rng *r, char major)
{
	double u = gsl_rng_uniform(r);
	if (u < 0.10)
		return -1; /* optional column left empty */
	u = gsl_rng_uniform(r);
	switch (major) {
	case '1': case '2': return u < 0.03 ? 6 : 5;
	case '3': return u < 0.30 ? 5 : 4;
	case '4': case '5': return u < 0.25 ? 2 : 3;
	case '6': case '7': case '8': return u < 0.35 ? 2 : 3;
	case '9': return u < 0.15 ? 1 : u < 0.40 ? -1 : 2;
	default: return 3;
	}
}

static const char *swedish_required(gsl_rng *r, char major)
{
	double u = gsl_rng_uniform(r);
	switch (major) {
	case '1': case '2': case '3': case '4': return u < 0.4 ? "flytande" : "god";
	case '5': return u < 0.5 ? "god" : "grundläggande";
	case '6': case '7': case '8': return u < 0.3 ? "god" : "grundläggande";
	case '9': return u < 0.4 ? "ingen" : "grundläggande";
	default: return "god";
	}
}

static const char *change(gsl_rng *r, double z, double slope, double sd)
{
	double v = slope * z + gsl_ran_gaussian(r, sd);
	return v > 0.7 ? "öka" : v < -0.9 ? "minska" : "oförändrad";
}

static void write_occupation_row(struct synth_csv *occ, gsl_rng *r, const char *response_id,
				 const struct synth_nat *nat, const struct synth_local *L,
				 size_t s, long employed_now)
{
	double z = L->shortage[s];
	double base = employed_now > 0 ? (double)employed_now : 0.5;
	unsigned int planned = gsl_ran_poisson(r, base * 0.10 * exp(0.6 * z));
	unsigned int recruited = gsl_ran_poisson(r, base * 0.12 * exp(0.2 * z));
	double u = z + gsl_ran_logistic(r, 0.5);
	const char *situation = u > 0.6 ? "brist" : u < -0.6 ? "god" : "balans";
	char major = nat->ssyk[s][0];
	int sun = min_sun_level(r, major);
	const char *sw = swedish_required(r, major);
	const char *c1 = change(r, z, 0.5, 0.8);
	const char *c3 = change(r, z, 0.7, 0.9);
	double po = synth_logistic(-0.6 + 0.8 * z + (major >= '5' ? 0.6 : -0.8));
	int open = gsl_rng_uniform(r) < po;
	synth_csv_str(occ, response_id);
	synth_csv_str(occ, nat->ssyk[s]);
	synth_csv_long(occ, employed_now);
	synth_csv_long(occ, planned);
	synth_csv_long(occ, recruited);
	synth_csv_str(occ, situation);
	synth_csv_str(occ, c1);
	synth_csv_str(occ, c3);
	if (sun >= 0)
		synth_csv_long(occ, sun);
	else
		synth_csv_empty(occ);
	synth_csv_str(occ, sw);
	synth_csv_str(occ, open ? "ja" : "nej");
	synth_csv_end(occ);
}

void synth_write_survey(struct synth_csv *frame, struct synth_csv *resp, struct synth_csv *occ,
			const struct synth_local *L, const struct synth_nat *nat,
			const struct synth_params *p, const struct codes *codes)
{
	size_t n = nat->nssyk;
	gsl_rng *r = synth_stream(p->seed, "survey", L->k->code);
	/* occupation samplers: the municipality's mix, and per section its typical groups */
	struct synth_cdf all, sec[NSECTION];
	int has_sec[NSECTION];
	synth_cdf_init(&all, L->emp_ref, n);
	double *w = emalloc(n * sizeof *w);
	for (int i = 0; i < NSECTION; i++) {
		for (size_t s = 0; s < n; s++)
			w[s] = strstr(section_model[i].ssyk2, (char[3]){nat->ssyk[s][0], nat->ssyk[s][1], 0})
				       ? L->emp_ref[s] : 0;
		has_sec[i] = synth_cdf_init(&sec[i], w, n) == 0;
	}
	free(w);

	static const double class_general[NCLASS] = {0.78, 0.17, 0.04, 0.01};
	static const double class_public[NCLASS] = {0.45, 0.35, 0.15, 0.05};
	static const double mean_size[NCLASS] = {4, 24, 110, 600};
	static const double sample_rate[NCLASS] = {0.15, 0.35, 0.70, 1.00};
	static const double response_rate[NCLASS] = {0.50, 0.60, 0.70, 0.75};
	/* workplaces so that the frame's employees roughly match the municipality's employment */
	double mean_emp = 0;
	for (int i = 0; i < NSECTION; i++)
		for (int c = 0; c < NCLASS; c++)
			mean_emp += section_model[i].share *
				    (public_heavy(section_model[i].section) ? class_public : class_general)[c] *
				    mean_size[c];
	double workplaces_total = L->emp_total / mean_emp;

	long serial = 0;
	char rid[32], org[12], sni[8];
	for (int i = 0; i < NSECTION; i++) {
		char section = section_model[i].section;
		char sec_text[2] = {section, 0};
		const double *cp = public_heavy(section) ? class_public : class_general;
		for (int c = 0; c < NCLASS; c++) {
			unsigned int N = gsl_ran_poisson(r, workplaces_total * section_model[i].share * cp[c]);
			if (N == 0)
				continue;
			unsigned int sampled = (unsigned int)ceil(sample_rate[c] * N);
			if (sampled > N)
				sampled = N;
			unsigned int responded = gsl_ran_binomial(r, response_rate[c], sampled);
			synth_csv_str(frame, L->k->code);
			synth_csv_str(frame, sec_text);
			synth_csv_str(frame, size_class[c]);
			synth_csv_long(frame, N);
			synth_csv_long(frame, sampled);
			synth_csv_end(frame);
			for (unsigned int j = 0; j < responded; j++) {
				serial++;
				snprintf(rid, sizeof rid, "R%s-%05ld", L->k->code, serial);
				long employees = draw_employees(r, c);
				int is_public = gsl_rng_uniform(r) < section_model[i].public_share;
				if (!is_public) {
					synth_orgnr(5, (long)L->kidx * 20000 + serial % 20000, org);
				} else {
					double u = gsl_rng_uniform(r);
					if (section == 'Q' && u < 0.75)
						synth_orgnr(2, 2000000 + atol(L->k->lan), org);   /* region */
					else if ((section == 'O' && u < 0.3) || (section == 'P' && u < 0.15))
						synth_orgnr(2, 3000000 + (long)gsl_rng_uniform_int(r, 50), org); /* state */
					else
						synth_orgnr(2, 1000000 + (long)L->kidx, org);     /* the municipality */
				}
				draw_sni(r, codes, section, sni, sizeof sni);
				synth_csv_str(resp, rid);
				synth_csv_str(resp, org);
				synth_csv_str(resp, L->k->code);
				synth_csv_str(resp, sni);
				synth_csv_long(resp, employees);
				synth_csv_str(resp, is_public ? "offentlig" : "privat");
				synth_csv_end(resp);

				/* the occupations the workplace reports, distinct */
				unsigned int m = 1 + gsl_ran_poisson(r, 0.6 + 0.6 * log10((double)employees));
				if (m > 8)
					m = 8;
				if (m > employees)
					m = (unsigned int)employees;
				size_t occ_s[8];
				double share[8], sum = 0;
				unsigned int got = 0;
				for (unsigned int t = 0; t < m * 4 && got < m; t++) {
					size_t s = (has_sec[i] && gsl_rng_uniform(r) < 0.7)
							   ? synth_cdf_draw(&sec[i], r)
							   : synth_cdf_draw(&all, r);
					unsigned int q;
					for (q = 0; q < got; q++)
						if (occ_s[q] == s)
							break;
					if (q < got)
						continue;
					occ_s[got] = s;
					share[got] = gsl_ran_exponential(r, 1.0);
					sum += share[got];
					got++;
				}
				for (unsigned int q = 0; q < got; q++) {
					long now = (long)floor((double)employees * share[q] / sum);
					write_occupation_row(occ, r, rid, nat, L, occ_s[q], now);
				}
			}
		}
	}
	synth_cdf_free(&all);
	for (int i = 0; i < NSECTION; i++)
		synth_cdf_free(&sec[i]);
	gsl_rng_free(r);
}
