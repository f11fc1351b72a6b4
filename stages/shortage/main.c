/* jobbspar-shortage: competence shortage per municipality and occupation
 * from the ingest tables (docs/METHOD.md). */
#include "codes.h"
#include "config.h"
#include "msg.h"
#include "shortage.h"
#include "stage.h"
#include "version.h"

#include <getopt.h>
#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <stdlib.h>

static void usage(FILE *fp)
{
	fputs("usage: jobbspar-shortage [-c FILE] [--set section.key=value]... [-o OUT] [-v]\n"
	      "\n"
	      "Estimates the employer survey (weights, totals, shares, intervals), computes the\n"
	      "registry indicators and scores each occupation for every reporting municipality\n"
	      "(run.municipalities), its county (L..) and all input (SE).\n"
	      "Reads OUT/work/{respondents,occupations,frame,employment,jobseekers,vacancies,\n"
	      "yrkesbarometer}.tsv; writes OUT/shortage.tsv, OUT/compare.tsv, OUT/work/weights.tsv.\n"
	      "\n"
	      "  -c, --config FILE   configuration (default $JOBBSPAR_CONFIG or data/default.ini)\n"
	      "      --set S.K=V     override one configuration key\n"
	      "  -o, --output OUT    output folder (default run.output)\n"
	      "  -v, --verbose       progress notes on standard error\n"
	      "  -h, --help          this help\n"
	      "      --version       version\n"
	      "\n"
	      "Exit status: 0 ok, 1 data or I/O error, 2 usage error.\n", fp);
}

int main(int argc, char **argv)
{
	stage_start("jobbspar-shortage");
	gsl_set_error_handler_off();
	enum { OPT_SET = 256, OPT_VERSION };
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "set", required_argument, NULL, OPT_SET },
		{ "output", required_argument, NULL, 'o' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 },
	};
	const char *config_path = NULL, *out_override = NULL;
	char **sets = ecalloc((size_t)argc + 1, sizeof *sets);
	size_t nsets = 0;
	int c;
	while ((c = getopt_long(argc, argv, "c:o:vh", longopts, NULL)) != -1) {
		switch (c) {
		case 'c': config_path = optarg; break;
		case OPT_SET: sets[nsets++] = optarg; break;
		case 'o': out_override = optarg; break;
		case 'v': msg_set_verbose(1); break;
		case 'h':
			usage(stdout);
			free(sets);
			return stage_close_stdout();
		case OPT_VERSION:
			printf("jobbspar-shortage %s\n", JOBBSPAR_VERSION);
			free(sets);
			return stage_close_stdout();
		default:
			usage(stderr);
			free(sets);
			return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		msg_error("unexpected argument \"%s\"", argv[optind]);
		usage(stderr);
		free(sets);
		return EXIT_USAGE;
	}
	int usage_error;
	struct config *cfg = stage_config(config_path, sets, nsets, &usage_error);
	free(sets);
	if (!cfg)
		return usage_error ? EXIT_USAGE : EXIT_DATA;
	int rc = EXIT_DATA;
	struct codes *codes = NULL;
	char (*munis)[5] = NULL;
	size_t nmunis = 0;
	char *refdir = stage_refdir(cfg);
	char *outdir = stage_output_dir(cfg, out_override);
	struct shortage_options opt;
	if (shortage_options_read(cfg, &opt) != 0)
		goto out;
	codes = codes_load(refdir);
	if (!codes || stage_municipalities(cfg, codes, &munis, &nmunis) != 0)
		goto out;
	rc = shortage_run(&opt, codes, (const char (*)[5])munis, nmunis, outdir);
out:
	free(munis);
	codes_free(codes);
	free(refdir);
	free(outdir);
	config_free(cfg);
	if (stage_close_stdout() != 0)
		rc = EXIT_DATA;
	return rc;
}
