/* jobbspar-report: the run's tables -> OUT/report/index.html (one
 * self-contained, printable file), OUT/report/tabeller.xlsx and one CSV per
 * table, with disclosure control. */
#include "codes.h"
#include "config.h"
#include "msg.h"
#include "stage.h"
#include "value.h"
#include "version.h"
#include "stages/report/csvexport.h"
#include "stages/report/report.h"
#include "stages/report/xlsxexport.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void usage(FILE *fp)
{
	fprintf(fp,
		"Usage: jobbspar-report [-c FILE] [--set section.key=value]... [-o OUT] [-v]\n"
		"                       [--lang sv|en] [--previous DIR]\n"
		"Writes the report of a run: OUT/report/index.html (one self-contained file,\n"
		"charts embedded, print-friendly), OUT/report/tabeller.xlsx (one sheet per table)\n"
		"and OUT/report/<table>.csv (';', decimal comma, for Swedish Excel). Reads\n"
		"OUT/shortage.tsv (required), OUT/trackfit.tsv, OUT/model.tsv, OUT/compare.tsv,\n"
		"OUT/ingest.json, OUT/rejects.csv, OUT/work/weights.tsv, OUT/report/charts.tsv and\n"
		"OUT/manifest.json when present. Cells counting fewer than disclosure.min_persons\n"
		"persons or resting on fewer than disclosure.min_respondents respondents are\n"
		"published as \"..\".\n\n"
		"  -c, --config FILE   configuration (default $JOBBSPAR_CONFIG or data/default.ini)\n"
		"      --set S.K=V     override one configuration key (repeatable)\n"
		"  -o, --output DIR    output folder OUT (default run.output)\n"
		"      --lang L        report language: sv (default run.lang) or en\n"
		"      --previous DIR  a previous run's OUT folder: show what changed\n"
		"  -v, --verbose       progress and notes on stderr\n"
		"  -h, --help          this help\n"
		"      --version       print the version\n\n"
		"Exit status: 0 ok, 1 data or I/O error, 2 usage.\n");
}

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
					    NULL};
	for (int i = 0; fixed[i]; i++)
		if (strcmp(name, fixed[i]) == 0)
			return 1;
	size_t n = strlen(name);
	for (int p = 0; p < 2; p++) {
		const char *prefix = p ? "jobbspar_" : "brist_";
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

int main(int argc, char **argv)
{
	stage_start("jobbspar-report");
	enum { OPT_SET = 256, OPT_LANG, OPT_PREVIOUS, OPT_VERSION };
	static const struct option longopts[] = {
		{"config", required_argument, NULL, 'c'},
		{"set", required_argument, NULL, OPT_SET},
		{"output", required_argument, NULL, 'o'},
		{"lang", required_argument, NULL, OPT_LANG},
		{"previous", required_argument, NULL, OPT_PREVIOUS},
		{"verbose", no_argument, NULL, 'v'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, OPT_VERSION},
		{NULL, 0, NULL, 0},
	};
	const char *config_file = NULL, *output = NULL, *lang = NULL, *previous = NULL;
	char **sets = NULL;
	size_t nsets = 0;
	int verbose = 0, c;
	while ((c = getopt_long(argc, argv, "c:o:vh", longopts, NULL)) != -1) {
		switch (c) {
		case 'c': config_file = optarg; break;
		case OPT_SET:
			sets = erealloc(sets, (nsets + 1) * sizeof *sets);
			sets[nsets++] = optarg;
			break;
		case 'o': output = optarg; break;
		case OPT_LANG: lang = optarg; break;
		case OPT_PREVIOUS: previous = optarg; break;
		case 'v': verbose = 1; break;
		case 'h': free(sets); usage(stdout); return stage_close_stdout();
		case OPT_VERSION:
			free(sets);
			printf("jobbspar-report %s\n", JOBBSPAR_VERSION);
			return stage_close_stdout();
		default:
			free(sets);
			fprintf(stderr, "Try 'jobbspar-report --help' for more information.\n");
			return EXIT_USAGE;
		}
	}
	if (optind != argc) {
		free(sets);
		msg_error("unexpected argument: %s", argv[optind]);
		fprintf(stderr, "Try 'jobbspar-report --help' for more information.\n");
		return EXIT_USAGE;
	}
	if (lang && !i18n_strings(lang)) {
		free(sets);
		msg_error("--lang: expected sv or en, not \"%s\"", lang);
		return EXIT_USAGE;
	}
	msg_set_verbose(verbose);
	int usage_error;
	struct config *cfg = stage_config(config_file, sets, nsets, &usage_error);
	free(sets);
	if (!cfg)
		return usage_error ? EXIT_USAGE : EXIT_DATA;

	int rc = EXIT_DATA;
	struct report R;
	memset(&R, 0, sizeof R);
	char *out_dir = stage_output_dir(cfg, output);
	char *refdir = stage_refdir(cfg);
	char *reportdir = path_join(out_dir, "report");
	char *html_path = path_join(reportdir, "index.html");
	struct codes *codes = NULL;
	char (*kommun)[5] = NULL;
	size_t nkommun = 0;
	long min_persons, min_respondents, max_rows, synthetic;
	if (!lang)
		lang = config_str(cfg, "run", "lang", "sv");
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
	if (report_load(&R) != 0)
		goto done;
	report_build(&R);
	msg_note("%zu tables, %zu charts, %zu cells suppressed (%zu secondary)", R.ntable, R.nchart,
		 R.n_primary + R.n_secondary, R.n_secondary);
	if (stage_mkdir(reportdir, 0755) != 0 || remove_stale_csv(&R, reportdir) != 0 ||
	    write_exports(&R, reportdir, R.reference_year) != 0 ||
	    report_write_html(&R, html_path) != 0)
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
	config_free(cfg);
	if (stage_close_stdout() != 0 && rc == 0)
		rc = EXIT_DATA;
	return rc;
}
