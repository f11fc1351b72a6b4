/* The registry extracts: employment (SCB's occupational register, aggregated)
 * and job ads (Platsbanken). */
#include "synth_model.h"
#include "synth_rng.h"
#include "value.h"

#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdio.h>

void synth_write_employment(struct synth_csv *w, const struct synth_local *L,
			    const struct synth_nat *nat, const struct synth_params *p)
{
	static const char *const sex_name[2] = {"kvinnor", "män"};
	gsl_rng *r = synth_stream(p->seed, "employment", L->k->code);
	char year[8];
	for (size_t y = 0; y < p->nyears; y++) {
		snprintf(year, sizeof year, "%d", p->years[y]);
		for (size_t s = 0; s < nat->nssyk; s++) {
			for (int sex = 0; sex < 2; sex++) {
				double part = sex == 0 ? nat->female[s] : 1 - nat->female[s];
				for (int a = 0; a < SYNTH_NAGE; a++) {
					double lambda = synth_nat_emp(nat, p->years[y], s, a) * L->share *
							L->factor[s] * part;
					unsigned int count = lambda > 0 ? gsl_ran_poisson(r, lambda) : 0;
					if (count == 0)
						continue; /* SCB-style extracts leave empty cells out */
					synth_csv_str(w, year);
					synth_csv_str(w, L->k->code);
					synth_csv_str(w, nat->ssyk[s]);
					synth_csv_str(w, sex_name[sex]);
					synth_csv_str(w, synth_age_band[a]);
					synth_csv_long(w, count);
					synth_csv_end(w);
				}
			}
		}
	}
	gsl_rng_free(r);
}

void synth_write_vacancies(struct synth_csv *w, const struct synth_local *L,
			   const struct synth_nat *nat, const struct synth_params *p)
{
	gsl_rng *r = synth_stream(p->seed, "vacancies", L->k->code);
	char id[40], org[12];
	for (size_t y = 0; y < p->nyears; y++) {
		int year = p->years[y];
		long first = days_from_civil(year, 1, 1);
		long last = days_from_civil(year, 12, 31);
		if (last > p->ref_date)
			last = p->ref_date;
		if (last < first)
			continue;
		long serial = 0;
		for (size_t s = 0; s < nat->nssyk; s++) {
			double lambda = synth_expected_ads(L, p, s, year);
			unsigned int n = lambda > 0 ? gsl_ran_poisson(r, lambda) : 0;
			/* shortage: ads stay open longer and hold more positions */
			double mean_open = 18.0 * exp(0.35 * L->shortage[s]);
			for (unsigned int i = 0; i < n; i++) {
				long published = first + (long)gsl_rng_uniform_int(r, (unsigned long)(last - first + 1));
				long removed = published + 1 + (long)gsl_ran_exponential(r, mean_open);
				unsigned int positions = 1 + gsl_ran_poisson(r, 0.25 * exp(0.3 * L->shortage[s]));
				int has_org = gsl_rng_uniform(r) < 0.75;
				long emp = (long)gsl_rng_uniform_int(r, 20000);
				snprintf(id, sizeof id, "AD_%s_%d_%06ld", L->k->code, year, ++serial);
				synth_csv_str(w, id);
				synth_csv_date(w, published);
				synth_csv_date(w, removed > p->ref_date ? SYNTH_NO_DATE : removed);
				synth_csv_str(w, L->k->code);
				synth_csv_str(w, nat->ssyk[s]);
				synth_csv_long(w, positions);
				if (has_org) {
					synth_orgnr(5, (long)L->kidx * 20000 + emp, org);
					synth_csv_str(w, org);
				} else {
					synth_csv_empty(w);
				}
				synth_csv_end(w);
			}
		}
	}
	gsl_rng_free(r);
}
