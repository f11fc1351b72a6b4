/* jobbspar-synth: writes a synthetic input folder in the contract's format
 * (docs/DATA.md) from the real national structures in data/ref. The model is
 * described in docs/METHOD.md. */
#include "atomicfile.h"
#include "codes.h"
#include "config.h"
#include "msg.h"
#include "stage.h"
#include "synth_csv.h"
#include "synth_dirty.h"
#include "synth_ids.h"
#include "synth_model.h"
#include "synth_nat.h"
#include "tsv.h"
#include "value.h"
#include "schema.h"

#include <errno.h>
#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEFAULT_SEED 20261123UL

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* Parses "2020-2024" or "2020,2022". Returns 0 or -1. */
static int parse_years(const char *spec, int ref_year, int **years, size_t *n)
{
	size_t ni;
	char **items = config_list(spec, &ni);
	int *y = NULL;
	size_t k = 0;
	for (size_t i = 0; i < ni; i++) {
		int a, b, used = 0;
		if (sscanf(items[i], "%d-%d%n", &a, &b, &used) == 2 && items[i][used] == '\0') {
		} else if (sscanf(items[i], "%d%n", &a, &used) == 1 && items[i][used] == '\0') {
			b = a;
		} else {
			msg_error("--years: cannot read \"%s\"", items[i]);
			goto bad;
		}
		if (a > b || a < 1990 || b > ref_year) {
			msg_error("--years: %s is outside 1990-%d (the reference year)", items[i], ref_year);
			goto bad;
		}
		for (int v = a; v <= b; v++) {
			size_t j;
			for (j = 0; j < k; j++)
				if (y[j] == v)
					break;
			if (j < k)
				continue;
			y = erealloc(y, (k + 1) * sizeof *y);
			y[k++] = v;
		}
	}
	config_list_free(items, ni);
	if (k == 0) {
		msg_error("--years: no year given");
		free(y);
		return -1;
	}
	qsort(y, k, sizeof *y, cmp_int);
	*years = y;
	*n = k;
	return 0;
bad:
	config_list_free(items, ni);
	free(y);
	return -1;
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return (x > y) - (x < y);
}

/* Kommun indices (into codes->kommun) of LIST, sorted by code. */
static int parse_municipalities(const char *list, const struct codes *codes, size_t **out, size_t *n)
{
	size_t ni;
	char **items = config_list(list, &ni);
	size_t *idx = emalloc((codes->nkommun + 1) * sizeof *idx);
	size_t k = 0;
	for (size_t i = 0; i < ni; i++) {
		if (value_equal_fold(items[i], "all")) {
			for (size_t j = 0; j < codes->nkommun; j++)
				idx[k++] = j;
			continue;
		}
		int padded;
		const struct kommun_entry *e = codes_kommun(codes, items[i], &padded);
		if (!e)
			e = codes_kommun_by_name(codes, items[i]);
		if (!e) {
			msg_error("--municipalities: unknown municipality \"%s\"", items[i]);
			config_list_free(items, ni);
			free(idx);
			return -1;
		}
		if (k <= codes->nkommun)
			idx[k++] = (size_t)(e - codes->kommun);
		else
			break;
	}
	config_list_free(items, ni);
	/* codes->kommun is in code order, so sorting indices sorts codes */
	qsort(idx, k, sizeof *idx, cmp_size);
	size_t m = 0;
	for (size_t i = 0; i < k; i++)
		if (m == 0 || idx[m - 1] != idx[i])
			idx[m++] = idx[i];
	if (m == 0) {
		msg_error("--municipalities: none given");
		free(idx);
		return -1;
	}
	*out = idx;
	*n = m;
	return 0;
}

static void free_tracks(struct synth_track *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(t[i].id);
		free(t[i].target);
	}
	free(t);
}

/* The job tracks of the configuration (sections track.ID). */
static int load_tracks(const struct config *cfg, struct synth_track **out, size_t *n)
{
	size_t ns;
	const char **sec = config_sections(cfg, "track.", &ns);
	struct synth_track *t = ecalloc(ns ? ns : 1, sizeof *t);
	int rc = 0;
	for (size_t i = 0; i < ns && rc == 0; i++) {
		struct synth_track *tr = &t[i];
		tr->id = estrdup(sec[i] + strlen("track."));
		long dur, cap, min_sun, max_sun;
		if (config_long(cfg, sec[i], "duration_months", 6, &dur) ||
		    config_long(cfg, sec[i], "capacity", 20, &cap) ||
		    config_long(cfg, sec[i], "min_sun", -1, &min_sun) ||
		    config_long(cfg, sec[i], "max_sun", -1, &max_sun)) {
			rc = -1;
			break;
		}
		const struct config_entry *e = config_find(cfg, sec[i], "duration_months");
		if (dur < 1 || dur > 60 || cap < 0) {
			msg_error_at(cfg->path, e ? e->line : 0, "%s: duration_months must be 1-60 and capacity >= 0",
				     sec[i]);
			rc = -1;
			break;
		}
		tr->duration_months = (int)dur;
		tr->capacity = cap;
		tr->min_sun = (int)min_sun;
		tr->max_sun = (int)max_sun;
		const char *msw = config_get(cfg, sec[i], "min_swedish");
		tr->min_swedish = msw ? synth_swedish_rank(msw) : -1;
		if (msw && tr->min_swedish < 0) {
			e = config_find(cfg, sec[i], "min_swedish");
			msg_error_at(cfg->path, e ? e->line : 0, "%s.min_swedish: unknown level \"%s\"", sec[i], msw);
			rc = -1;
			break;
		}
		/* a participant must have a Swedish level the outcome file can name */
		if (tr->min_swedish > 4)
			tr->min_swedish = 4;
		const char *why;
		if (synth_track_targets(tr, config_get(cfg, sec[i], "targets"), &why) != 0) {
			e = config_find(cfg, sec[i], "targets");
			msg_error_at(cfg->path, e ? e->line : 0, "%s.targets: %s", sec[i], why);
			rc = -1;
			break;
		}
		synth_track_intercepts(tr);
	}
	free(sec);
	if (rc != 0) {
		free_tracks(t, ns);
		return -1;
	}
	*out = t;
	*n = ns;
	return 0;
}

static int copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb");
	if (!in) {
		msg_error("%s: %s", from, strerror(errno));
		return -1;
	}
	struct atomicfile *af = atomicfile_open(to, 0644);
	if (!af) {
		fclose(in);
		return -1;
	}
	char buf[65536];
	size_t got;
	while ((got = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, got, af->fp) != got)
			af->failed = 1;
	if (ferror(in)) {
		msg_error("%s: read error", from);
		fclose(in);
		atomicfile_abort(af);
		return -1;
	}
	fclose(in);
	return atomicfile_commit(af);
}

/* The options of synth alone. */
struct synth_args {
	const char *muni, *years_spec;
	double scale;
	int national, dirty;
};

enum { OPT_MUNI = STAGE_OPT_OWN, OPT_YEARS, OPT_SCALE, OPT_SEED, OPT_DIRTY };

static int synth_option(struct stage *st, int opt, const char *arg)
{
	struct synth_args *a = st->data;
	switch (opt) {
	case OPT_MUNI: a->muni = arg; return 0;
	case OPT_YEARS: a->years_spec = arg; return 0;
	case OPT_SEED: stage_override(st, "--seed", "run", "seed", arg); return 0;
	case OPT_DIRTY: a->dirty = 1; return 0;
	case OPT_SCALE:
		if (strcmp(arg, "national") == 0) {
			a->national = 1;
			a->scale = 1;
		} else if (value_decimal(arg, &a->scale) != 0 || !(a->scale > 0) || a->scale > 100) {
			msg_error("--scale: expected a number in (0, 100] or \"national\", not \"%s\"", arg);
			return -1;
		}
		return 0;
	}
	return -1;
}

static const struct option synth_longopts[] = {
	{"municipalities", required_argument, NULL, OPT_MUNI},
	{"years", required_argument, NULL, OPT_YEARS},
	{"scale", required_argument, NULL, OPT_SCALE},
	{"seed", required_argument, NULL, OPT_SEED},
	{"dirty", no_argument, NULL, OPT_DIRTY},
	{NULL, 0, NULL, 0},
};

static const struct stage_cli cli = {
	.prog = "jobbspar-synth",
	.synopsis = "[--municipalities LIST] [--years SPEC] [--scale F|national]\n"
		    "[--seed N] [--dirty]        (-o DIR is required)",
	.about = "Writes a synthetic input folder (docs/DATA.md) generated from the national\n"
		 "structures in data/ref, plus truth.tsv and truth_outcomes.tsv (the planted\n"
		 "shortage and outcome model). The data are synthetic: no real person or employer.\n"
		 "Reads run.refdir, run.reference_year, run.seed and the [track.<id>] sections of\n"
		 "the configuration.\n",
	.output_help = "the folder to write (required)",
	.options = "      --municipalities LIST\n"
		   "                      kommun codes or names, comma-separated, or \"all\"\n"
		   "                      (default 0581,0882: Norrköping and Oskarshamn)\n"
		   "      --years SPEC    e.g. 2020-2024 (default) or 2020,2022,2024; none after\n"
		   "                      run.reference_year\n"
		   "      --scale F|national\n"
		   "                      F > 0 multiplies the number of jobseekers and ads\n"
		   "                      (default 1); \"national\" = all 290 municipalities, F = 1\n"
		   "      --seed N        random seed (sets run.seed, default 20261123)\n"
		   "      --dirty         insert deliberately bad rows and list them in dirty.tsv\n",
	.epilog = "Same seed, options and reference files give byte-identical files.\n",
	.stage = SCHEMA_SYNTH,
	.longopts = synth_longopts,
	.option = synth_option,
};

int main(int argc, char **argv)
{
	gsl_set_error_handler_off();
	struct synth_args args = {.years_spec = "2020-2024", .scale = 1};
	struct stage st = {.data = &args};
	int status;
	if (stage_parse(&st, &cli, argc, argv, &status) != 0)
		return stage_end(&st, status);
	const char *outdir = st.output, *muni = args.muni, *years_spec = args.years_spec;
	double scale = args.scale;
	int national = args.national, dirty = args.dirty;
	if (!outdir)
		return stage_end(&st, stage_usage_error("missing -o DIR"));
	if (national && muni) {
		msg_error("--scale national writes every municipality: do not give --municipalities");
		return stage_end(&st, EXIT_USAGE);
	}
	if (stage_load(&st, &status) != 0)
		return stage_end(&st, status);
	struct config *cfg = st.cfg;
	status = EXIT_DATA;
	struct codes *codes = NULL;
	struct synth_nat *nat = NULL;
	struct synth_track *tracks = NULL;
	size_t ntracks = 0, nk = 0;
	size_t *kidx = NULL;
	int *years = NULL;
	size_t nyears = 0;
	struct synth_ids *ids = NULL;
	char *refdir = stage_refdir(cfg);

	struct synth_params p = {0};
	long seed_long;
	if (config_long(cfg, "run", "seed", (long)DEFAULT_SEED, &seed_long) != 0)
		goto out;
	p.seed = (unsigned long)seed_long;
	if (stage_reference_year(cfg, &p.ref_year) != 0)
		goto out;
	p.ref_date = stage_reference_date(p.ref_year);
	if (parse_years(years_spec, p.ref_year, &years, &nyears) != 0) {
		status = EXIT_USAGE;
		goto out;
	}
	p.years = years;
	p.nyears = nyears;
	p.scale = scale;
	if (!(codes = codes_load(refdir)))
		goto out;
	if (parse_municipalities(national ? "all" : muni ? muni : "0581, 0882", codes, &kidx, &nk) != 0) {
		status = EXIT_USAGE;
		goto out;
	}
	if (load_tracks(cfg, &tracks, &ntracks) != 0)
		goto out;
	p.tracks = tracks;
	p.ntracks = ntracks;
	if (!(nat = synth_nat_load(refdir, codes, p.seed)))
		goto out;
	if (stage_mkdir(outdir, 0755) != 0)
		goto out;
	msg_note("seed %lu, %zu municipalities, years %d-%d, scale %g", p.seed, nk, years[0],
		 years[nyears - 1], scale);

	static const char *const cols_resp[] = {"response_id", "org_nr", "kommun", "sni", "employees",
						"sector", NULL};
	static const char *const cols_frame[] = {"kommun", "sni_section", "size_class", "workplaces",
						 "sampled", NULL};
	static const char *const cols_occ[] = {"response_id", "ssyk", "employed_now", "planned_hires_12m",
					       "recruited_12m", "recruitment_situation", "change_1y",
					       "change_3y", "min_sun_level", "swedish_required",
					       "open_to_track", NULL};
	static const char *const cols_js[] = {"personnummer", "kommun", "registered", "sun_level",
					      "ssyk_experience", "ssyk_wanted", "swedish_level",
					      "arrival_date", "establishment", "days_unemployed", NULL};
	static const char *const cols_emp[] = {"year", "kommun", "ssyk", "sex", "age", "employed", NULL};
	static const char *const cols_vac[] = {"ad_id", "published", "removed", "kommun", "ssyk",
					       "vacancies", "org_nr", NULL};
	static const char *const cols_out[] = {"personnummer", "kommun", "track", "start", "end",
					       "completed", "employed_90d", "employed_365d", "sun_level",
					       "swedish_level", "arrival_date", NULL};
	static const char *const cols_truth[] = {"kommun", "ssyk", "shortage", "level", "rank",
						 "national_tendency", "yrkesbarometer", "employed_expected",
						 "ads_expected", "ads_trend", NULL};
	static const char *const cols_truth_out[] = {"outcome", "term", "coefficient", NULL};

	struct synth_csv *f_resp = synth_csv_open(outdir, "survey_respondents.csv", cols_resp);
	struct synth_csv *f_frame = synth_csv_open(outdir, "survey_frame.csv", cols_frame);
	struct synth_csv *f_occ = synth_csv_open(outdir, "survey_occupations.csv", cols_occ);
	struct synth_csv *f_js = synth_csv_open(outdir, "jobseekers.csv", cols_js);
	struct synth_csv *f_emp = synth_csv_open(outdir, "employment.csv", cols_emp);
	struct synth_csv *f_vac = synth_csv_open(outdir, "vacancies.csv", cols_vac);
	struct synth_csv *f_out = synth_csv_open(outdir, "outcomes.csv", cols_out);
	char *truth_path = path_join(outdir, "truth.tsv");
	char *truth_out_path = path_join(outdir, "truth_outcomes.tsv");
	struct tsv_writer *truth = tsv_writer_open(truth_path, cols_truth, 0644);
	struct tsv_writer *truth_out = tsv_writer_open(truth_out_path, cols_truth_out, 0644);
	free(truth_path);
	free(truth_out_path);
	int ok = f_resp && f_frame && f_occ && f_js && f_emp && f_vac && f_out && truth && truth_out;
	ids = synth_ids_new();
	for (size_t i = 0; ok && i < nk; i++) {
		struct synth_local L;
		synth_local_init(&L, nat, &p, codes, kidx[i]);
		msg_note("%s %s", L.k->code, L.k->name);
		synth_write_employment(f_emp, &L, nat, &p);
		synth_write_vacancies(f_vac, &L, nat, &p);
		synth_write_survey(f_frame, f_resp, f_occ, &L, nat, &p, codes);
		if (synth_write_jobseekers(f_js, &L, nat, &p, ids) != 0 ||
		    synth_write_outcomes(f_out, &L, nat, &p, ids) != 0)
			ok = 0;
		synth_write_truth(truth, &L, nat, &p);
		synth_local_free(&L);
	}
	if (ok)
		synth_write_truth_outcomes(truth_out, &p);
	struct synth_csv *files[] = {f_resp, f_frame, f_occ, f_js, f_emp, f_vac, f_out};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		if (!files[i])
			continue;
		if (ok) {
			if (synth_csv_close(files[i]) != 0)
				ok = 0;
		} else {
			synth_csv_abort(files[i]);
		}
	}
	if (ok) {
		if (tsv_writer_close(truth) != 0)
			ok = 0;
		truth = NULL;
	}
	if (ok) {
		if (tsv_writer_close(truth_out) != 0)
			ok = 0;
		truth_out = NULL;
	}
	tsv_writer_abort(truth);
	tsv_writer_abort(truth_out);
	if (ok) {
		char *from = path_join(refdir, "yrkesbarometer_2026-1_riket.csv");
		char *to = path_join(outdir, "yrkesbarometer.csv");
		if (copy_file(from, to) != 0)
			ok = 0;
		free(from);
		free(to);
	}
	if (ok) {
		char *dpath = path_join(outdir, "dirty.tsv");
		if (dirty) {
			if (synth_dirty_apply(outdir, ids, p.seed) != 0)
				ok = 0;
		} else if (unlink(dpath) != 0 && errno != ENOENT) {
			/* a clean folder must not keep the list of an earlier dirty run */
			msg_error("%s: %s", dpath, strerror(errno));
			ok = 0;
		}
		free(dpath);
	}
	if (ok)
		status = 0;
out:
	synth_ids_free(ids);
	free_tracks(tracks, ntracks);
	synth_nat_free(nat);
	codes_free(codes);
	free(kidx);
	free(years);
	free(refdir);
	return stage_end(&st, status);
}
