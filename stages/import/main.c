/* jobbspar-import: publishers' downloads (SCB, JobTech/Arbetsförmedlingen)
 * -> files of the input folder (docs/DATA.md); docs/REALDATA.md. */
#include "cli.h"
#include "codes.h"
#include "import.h"
#include "msg.h"
#include "schema.h"
#include "stage.h"
#include "value.h"

#include <stdlib.h>
#include <string.h>

struct import_args {
	const char *ssyk2012_from, *year, *size_200_499, *sampled;
	long chunk;
};

enum { OPT_SSYK = STAGE_OPT_OWN, OPT_YEAR, OPT_SIZE, OPT_SAMPLED, OPT_CHUNK };

static int import_option(struct stage *st, int opt, const char *arg)
{
	struct import_args *a = st->data;
	switch (opt) {
	case OPT_SSYK: a->ssyk2012_from = arg; return 0;
	case OPT_YEAR: a->year = arg; return 0;
	case OPT_SIZE: a->size_200_499 = arg; return 0;
	case OPT_SAMPLED: a->sampled = arg; return 0;
	case OPT_CHUNK: a->chunk = atol(arg); return 0;
	}
	return -1;
}

static const struct option import_longopts[] = {
	{"ssyk2012-from", required_argument, NULL, OPT_SSYK},
	{"year", required_argument, NULL, OPT_YEAR},
	{"size-200-499", required_argument, NULL, OPT_SIZE},
	{"sampled", required_argument, NULL, OPT_SAMPLED},
	{"chunk-size", required_argument, NULL, OPT_CHUNK}, /* tests: read in chunks of this many bytes */
	{NULL, 0, NULL, 0},
};

static const struct stage_cli cli = {
	.prog = "jobbspar-import",
	.synopsis = "KIND [options] FILE...",
	.about = "Converts publishers' downloads, as downloaded, into a file of the input folder\n"
		 "(docs/DATA.md); docs/REALDATA.md says where to get each. KIND is one of:\n"
		 "  scb-employment   SCB occupational register tables (CSV long or wide, or\n"
		 "                   JSON-stat 2.0) -> OUT/employment.csv\n"
		 "  jobtech-ads      JobTech historical job ads (JSONL, or one JSON array)\n"
		 "                   -> OUT/vacancies.csv\n"
		 "  scb-workplaces   SCB's count of workplaces by kommun, SNI section and size\n"
		 "                   class (CSV or JSON-stat) -> OUT/survey_frame.csv\n"
		 "  survey-template  no FILE: OUT/survey_template.xlsx (drop-down lists) and\n"
		 "                   the CSV form OUT/survey_respondents.csv,\n"
		 "                   OUT/survey_occupations.csv, OUT/survey_values.csv\n"
		 "Beside each output BASE.csv: BASE.rejects.csv (every row not converted, with\n"
		 "file, line and reason) and BASE.import.json (per file: rows read = converted\n"
		 "+ rejected).\n",
	.output_help = "the folder to write (required)",
	.options = "      --ssyk2012-from DATE\n"
		   "                      jobtech-ads: ads published before DATE carry SSYK 96\n"
		   "                      codes and are rejected (default 2014-01-01)\n"
		   "      --year YYYY     scb-workplaces: the year to take (default the latest)\n"
		   "      --size-200-499 250+|50-249|SHARE\n"
		   "                      scb-workplaces: where SCB's class 200-499 goes (default\n"
		   "                      250+), or the SHARE (0-1) of it put in 250+\n"
		   "      --sampled FILE  scb-workplaces: the survey's sample per stratum (CSV:\n"
		   "                      kommun, sni_section, size_class, sampled)\n",
	.epilog = "Reads run.refdir (the code lists) and run.reference_year of the configuration.\n"
		  "A bad row is rejected and the run goes on; an unreadable file, a table of\n"
		  "unknown shape or broken JSON stops it (exit 1) and nothing is written.\n",
	.stage = SCHEMA_IMPORT,
	.longopts = import_longopts,
	.option = import_option,
};

static const struct {
	const char *name;
	int (*run)(const struct import_opts *);
	int needs_files;
} kinds[] = {
	{"scb-employment", import_scb_employment, 1},
	{"jobtech-ads", import_jobtech_ads, 1},
	{"scb-workplaces", import_scb_workplaces, 1},
	{"survey-template", import_survey_template, 0},
};

/* The option values of import into OPT. Returns 0 or EXIT_USAGE. */
static int check_args(const struct import_args *a, struct import_opts *opt)
{
	opt->ssyk2012_from = days_from_civil(2014, 1, 1);
	if (a->ssyk2012_from && value_date(a->ssyk2012_from, &opt->ssyk2012_from) != 0) {
		msg_error("--ssyk2012-from: expected a date YYYY-MM-DD, not \"%s\"", a->ssyk2012_from);
		return EXIT_USAGE;
	}
	long long y;
	if (a->year && (value_count(a->year, &y) != 0 || y < 1990 || y > 2200)) {
		msg_error("--year: expected a year, not \"%s\"", a->year);
		return EXIT_USAGE;
	}
	opt->year = a->year ? (int)y : 0;
	opt->size_200_499 = SIZE_TO_250_PLUS;
	if (a->size_200_499) {
		double share;
		if (strcmp(a->size_200_499, "250+") == 0)
			opt->size_200_499 = SIZE_TO_250_PLUS;
		else if (strcmp(a->size_200_499, "50-249") == 0)
			opt->size_200_499 = SIZE_TO_50_249;
		else if (value_decimal(a->size_200_499, &share) == 0 && share >= 0 && share <= 1) {
			opt->size_200_499 = SIZE_SPLIT;
			opt->share_250 = share;
		} else {
			msg_error("--size-200-499: expected 250+, 50-249 or a share from 0 to 1, not \"%s\"",
				  a->size_200_499);
			return EXIT_USAGE;
		}
	}
	opt->sampled = a->sampled;
	opt->chunk_size = a->chunk > 0 ? (size_t)a->chunk : 0;
	return 0;
}

int main(int argc, char **argv)
{
	struct import_args args = {0};
	struct stage st = {.data = &args};
	int nopt, npos, status;
	char **optv, **pos;
	cli_split(argc, argv, import_longopts, NULL, &nopt, &optv, &npos, &pos);
	struct codes *codes = NULL;
	char *refdir = NULL;
	if (stage_parse(&st, &cli, nopt, optv, &status) != 0)
		goto done;
	size_t k = 0;
	if (npos == 0) {
		status = stage_usage_error("missing KIND (scb-employment, jobtech-ads, scb-workplaces, "
					   "survey-template)");
		goto done;
	}
	while (k < sizeof kinds / sizeof kinds[0] && strcmp(kinds[k].name, pos[0]) != 0)
		k++;
	if (k == sizeof kinds / sizeof kinds[0]) {
		status = stage_usage_error("unknown KIND \"%s\" (scb-employment, jobtech-ads, "
					   "scb-workplaces, survey-template)", pos[0]);
		goto done;
	}
	if (kinds[k].needs_files && npos < 2) {
		status = stage_usage_error("%s: no FILE given", kinds[k].name);
		goto done;
	}
	if (!kinds[k].needs_files && npos > 1) {
		status = stage_usage_error("%s takes no FILE: %s", kinds[k].name, pos[1]);
		goto done;
	}
	if (!st.output) {
		status = stage_usage_error("missing -o OUT");
		goto done;
	}
	struct import_opts opt;
	memset(&opt, 0, sizeof opt);
	if ((status = check_args(&args, &opt)) != 0 || stage_load(&st, &status) != 0)
		goto done;
	status = EXIT_DATA;
	refdir = stage_refdir(st.cfg);
	if (stage_reference_year(st.cfg, &opt.reference_year) != 0 || !(codes = codes_load(refdir)) ||
	    stage_mkdir(st.output, 0755) != 0)
		goto done;
	opt.outdir = st.output;
	opt.files = pos + 1;
	opt.nfiles = (size_t)npos - 1;
	opt.codes = codes;
	opt.refdir = refdir;
	status = kinds[k].run(&opt) == 0 ? 0 : EXIT_DATA;
done:
	codes_free(codes);
	free(refdir);
	free(optv);
	free(pos);
	return stage_end(&st, status);
}
