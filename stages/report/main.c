/* jobbspar-report: the run's tables -> OUT/report/index.html (one
 * self-contained, printable file), OUT/report/tabeller.xlsx and one CSV per
 * table, with disclosure control. */
#include "codes.h"
#include "config.h"
#include "msg.h"
#include "stage.h"
#include "value.h"
#include "schema.h"
#include "stages/report/csvexport.h"
#include "stages/report/report.h"
#include "stages/report/xlsxexport.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A configuration integer that must be at least MIN; -1 with a message. */
static int config_long_min(const struct config *cfg, const char *section, const char *key,
			   long def, long min, long *out)
{
	if (config_long(cfg, section, key, def, out) != 0)
		return -1;
	if (*out < min) {
		const struct config_entry *e = config_find(cfg, section, key);
		msg_error_at(cfg->path, e ? e->line : 0, "%s.%s: must be at least %ld", section, key,
			     min);
		return -1;
	}
	return 0;
}

/* 1 if NAME is a CSV this stage writes in some run ("brist_0581.csv"). */
static int report_csv_name(const char *name)
{
	static const char *const fixed[] = {"jamforelse.csv", "jamforelse_yrken.csv",
					    "jamforelse_extern.csv", "forandring_brist.csv",
					    "forandring_spar.csv", "modell.csv", "indata.csv",
					    "avvisade.csv", "svarsfrekvens.csv", "undertryckta.csv",
					    "jamforelse_spar.csv", "per_1000.csv", "skillnader.csv",
					    "forandring_installningar.csv", NULL};
	for (int i = 0; fixed[i]; i++)
		if (strcmp(name, fixed[i]) == 0)
			return 1;
	size_t n = strlen(name);
	static const char *const prefixes[] = {"brist_", "jobbspar_", "yrkesbarometern_", "forslag_"};
	for (size_t p = 0; p < sizeof prefixes / sizeof prefixes[0]; p++) {
		const char *prefix = prefixes[p];
		size_t pl = strlen(prefix);
		if (n == pl + 8 && strncmp(name, prefix, pl) == 0 &&
		    strcmp(name + pl + 4, ".csv") == 0 &&
		    strspn(name + pl, "0123456789") == 4)
			return 1;
	}
	return 0;
}

/* Removes the CSV files an earlier report left in REPORTDIR that this run
 * does not write (a table that no longer exists must not stay published). */
static int remove_stale_csv(const struct report *R, const char *reportdir)
{
	DIR *d = opendir(reportdir);
	if (!d)
		return 0;
	struct dirent *e;
	int rc = 0;
	while ((e = readdir(d))) {
		if (!report_csv_name(e->d_name))
			continue;
		size_t i;
		for (i = 0; i < R->ntable; i++)
			if (strncmp(e->d_name, R->table[i]->id, strlen(R->table[i]->id)) == 0 &&
			    strcmp(e->d_name + strlen(R->table[i]->id), ".csv") == 0)
				break;
		if (i < R->ntable)
			continue;
		char *path = path_join(reportdir, e->d_name);
		if (unlink(path) != 0 && errno != ENOENT) {
			msg_error("%s: cannot remove: %s", path, strerror(errno));
			rc = -1;
		}
		free(path);
	}
	closedir(d);
	return rc;
}

/* Writes every table as CSV and the workbook. */
static int write_exports(const struct report *R, const char *reportdir, int reference_year)
{
	for (size_t i = 0; i < R->ntable; i++) {
		char *name = easprintf("%s.csv", R->table[i]->id);
		char *path = path_join(reportdir, name);
		int rc = csv_write_table(R->table[i], path);
		free(name);
		free(path);
		if (rc != 0)
			return -1;
	}
	char *path = path_join(reportdir, "tabeller.xlsx");
	/* a fixed creation time (1 January after the reference year, UTC) keeps
	 * the workbook's bytes the same for the same inputs */
	time_t created = (time_t)days_from_civil(reference_year + 1, 1, 1) * 86400;
	int rc = xlsx_write_tables(path, R->table, R->ntable, R->S->title, created);
	free(path);
	return rc;
}

enum { OPT_LANG = STAGE_OPT_OWN, OPT_PREVIOUS, OPT_COMPARE };

/* --compare: the side-by-side report of the municipalities */
static int compare_mode;

static int report_option(struct stage *st, int opt, const char *arg)
{
	switch (opt) {
	case OPT_LANG: stage_override(st, "--lang", "run", "lang", arg); return 0;
	case OPT_PREVIOUS: *(const char **)st->data = arg; return 0;
	case OPT_COMPARE: compare_mode = 1; return 0;
	}
	return -1;
}

static const struct option report_longopts[] = {
	{"lang", required_argument, NULL, OPT_LANG},
	{"previous", required_argument, NULL, OPT_PREVIOUS},
	{"compare", no_argument, NULL, OPT_COMPARE},
	{NULL, 0, NULL, 0},
};

static const struct stage_cli cli = {
	.prog = "jobbspar-report",
	.synopsis = "[--lang sv|en] [--previous DIR] [--compare]",
	.about = "Writes the report of a run: OUT/report/index.html (one self-contained file,\n"
		 "charts embedded, print-friendly), OUT/report/tabeller.xlsx (one sheet per table)\n"
		 "and OUT/report/<table>.csv (';', decimal comma, for Swedish Excel). Reads\n"
		 "OUT/shortage.tsv (required), OUT/trackfit.tsv, OUT/trackfit_areas.tsv,\n"
		 "OUT/proposals.tsv, OUT/model.tsv, OUT/compare.tsv, OUT/ingest.json,\n"
		 "OUT/rejects.csv, OUT/work/weights.tsv, OUT/report/charts.tsv and\n"
		 "OUT/manifest.json when present. Cells counting fewer than disclosure.min_persons\n"
		 "persons or resting on fewer than disclosure.min_respondents respondents are\n"
		 "published as \"..\".\n",
	.options = "      --lang sv|en    report language (sets run.lang)\n"
		   "      --previous DIR  an earlier report's folder (OUT/report, or its run's OUT):\n"
		   "                      show what changed, and whether the settings did\n"
		   "      --compare       compare mode: the municipalities side by side\n",
	.stage = SCHEMA_REPORT,
	.longopts = report_longopts,
	.option = report_option,
};

int main(int argc, char **argv)
{
	const char *previous = NULL;
	struct stage st = {.data = &previous};
	int rc;
	if (stage_begin(&st, &cli, argc, argv, &rc) != 0)
		return stage_end(&st, rc);
	struct config *cfg = st.cfg;
	rc = EXIT_DATA;
	struct report R;
	memset(&R, 0, sizeof R);
	char *out_dir = stage_output_dir(cfg, st.output);
	char *refdir = stage_refdir(cfg);
	char *reportdir = path_join(out_dir, "report");
	char *html_path = path_join(reportdir, "index.html");
	struct codes *codes = NULL;
	char (*kommun)[5] = NULL;
	size_t nkommun = 0;
	long min_persons, min_respondents, max_rows, synthetic;
	/* run.lang (or --lang) is sv or en: the schema has checked it */
	const char *lang = config_str(cfg, "run", "lang", "sv");
	if (!(R.S = i18n_strings(lang))) {
		const struct config_entry *e = config_find(cfg, "run", "lang");
		msg_error_at(cfg->path, e ? e->line : 0, "run.lang: expected sv or en, not \"%s\"", lang);
		goto done;
	}
	if (stage_reference_year(cfg, &R.reference_year) != 0 ||
	    config_long_min(cfg, "disclosure", "min_persons", 5, 1, &min_persons) != 0 ||
	    config_long_min(cfg, "disclosure", "min_respondents", 3, 1, &min_respondents) != 0 ||
	    config_long_min(cfg, "report", "max_rows", 20, 0, &max_rows) != 0 ||
	    config_long_min(cfg, "run", "synthetic", 1, 0, &synthetic) != 0)
		goto done;
	if (!(codes = codes_load(refdir)) ||
	    stage_municipalities(cfg, codes, &kommun, &nkommun) != 0)
		goto done;
	R.en = strcmp(lang, "en") == 0;
	R.num = R.en ? &numstyle_en_html : &numstyle_sv_html;
	R.rule.min_persons = min_persons;
	R.rule.min_respondents = min_respondents;
	R.max_rows = (size_t)max_rows;
	R.synthetic = synthetic != 0;
	R.codes = codes;
	R.cfg = cfg;
	R.kommun = kommun;
	R.nkommun = nkommun;
	R.outdir = out_dir;
	R.previous = previous;
	R.compare_mode = compare_mode;
	if (report_load(&R) != 0)
		goto done;
	report_build(&R);
	msg_note("%zu tables, %zu charts, %zu cells suppressed (%zu secondary)", R.ntable, R.nchart,
		 R.n_primary + R.n_secondary, R.n_secondary);
	if (stage_mkdir(reportdir, 0755) != 0 || remove_stale_csv(&R, reportdir) != 0 ||
	    write_exports(&R, reportdir, R.reference_year) != 0 ||
	    report_write_html(&R, html_path) != 0 || report_write_state(&R, reportdir) != 0)
		goto done;
	msg_note("wrote %s", html_path);
	rc = 0;
done:
	report_free(&R);
	free(kommun);
	codes_free(codes);
	free(out_dir);
	free(refdir);
	free(reportdir);
	free(html_path);
	return stage_end(&st, rc);
}
