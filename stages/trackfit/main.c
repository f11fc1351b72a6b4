/* jobbspar-trackfit: scores every job track in every reporting
 * municipality and recommends places (docs/METHOD.md). */
#include "inputs.h"
#include "output.h"
#include "placement.h"
#include "score.h"
#include "settings.h"
#include "track.h"

#include "codes.h"
#include "msg.h"
#include "stage.h"
#include "version.h"

#include <getopt.h>
#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void usage(FILE *fp)
{
	fputs("usage: jobbspar-trackfit [-c FILE] [--set section.key=value]... [-o OUT] [--seed N]\n"
	      "                         [-v] [-h] [--version]\n"
	      "Scores the job tracks of the configuration ([track.<id>] sections) in every reporting\n"
	      "municipality and assigns candidates to tracks.\n"
	      "Reads  OUT/shortage.tsv, OUT/work/jobseekers.tsv, OUT/work/outcomes.tsv and, when present,\n"
	      "       OUT/work/occupations.tsv and OUT/work/weights.tsv.\n"
	      "Writes OUT/trackfit.tsv, OUT/model.tsv and OUT/restricted/assignment.tsv (mode 0600).\n"
	      "  -c, --config FILE   configuration (default $JOBBSPAR_CONFIG, else data/default.ini)\n"
	      "  -s, --set S.K=V     override one configuration key (repeatable)\n"
	      "  -o, --output OUT    output folder (default run.output)\n"
	      "      --seed N        random seed (default run.seed)\n"
	      "  -v, --verbose       progress notes on standard error\n"
	      "  -h, --help          this help\n"
	      "      --version       the version\n"
	      "Exit status: 0 ok, 1 data or I/O error, 2 usage error.\n", fp);
}

int main(int argc, char **argv)
{
	gsl_set_error_handler_off();
	stage_start("jobbspar-trackfit");
	static const struct option longopts[] = {
		{"config", required_argument, NULL, 'c'}, {"set", required_argument, NULL, 's'},
		{"output", required_argument, NULL, 'o'}, {"seed", required_argument, NULL, 'S'},
		{"verbose", no_argument, NULL, 'v'}, {"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'}, {NULL, 0, NULL, 0}};
	const char *config_path = NULL, *out_override = NULL, *seed = NULL;
	char **sets = ecalloc((size_t)argc + 1, sizeof *sets);
	size_t nsets = 0;
	int opt;
	while ((opt = getopt_long(argc, argv, "c:s:o:vh", longopts, NULL)) != -1) {
		switch (opt) {
		case 'c': config_path = optarg; break;
		case 's': sets[nsets++] = optarg; break;
		case 'o': out_override = optarg; break;
		case 'S': seed = optarg; break;
		case 'v': msg_set_verbose(1); break;
		case 'h': free(sets); usage(stdout); return stage_close_stdout();
		case 'V': free(sets); printf("jobbspar-trackfit %s\n", JOBBSPAR_VERSION); return stage_close_stdout();
		default: free(sets); usage(stderr); return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		msg_error("unexpected argument \"%s\"", argv[optind]);
		free(sets);
		usage(stderr);
		return EXIT_USAGE;
	}
	int usage_error;
	struct config *cfg = stage_config(config_path, sets, nsets, &usage_error);
	free(sets);
	if (!cfg)
		return usage_error ? EXIT_USAGE : EXIT_DATA;
	if (seed) {
		char *end;
		strtoul(seed, &end, 10);
		if (!*seed || *end || seed[0] == '-') {
			msg_error("--seed %s: expected a non-negative integer", seed);
			config_free(cfg);
			return EXIT_USAGE;
		}
		config_set(cfg, "run", "seed", seed);
	}

	int status = EXIT_DATA;
	char *refdir = stage_refdir(cfg), *out = stage_output_dir(cfg, out_override);
	char *restricted = path_join(out, "restricted");
	struct codes *codes = codes_load(refdir);
	char (*kommun)[5] = NULL;
	size_t nkommun = 0, ntracks = 0;
	struct track *tracks = NULL;
	struct trackfit_settings s;
	struct placement_settings ps;
	struct inputs in = {0};
	struct placement_model model = {0};
	struct trackfit_result result = {0};
	int have_inputs = 0, have_model = 0, have_result = 0;
	if (!codes || stage_municipalities(cfg, codes, &kommun, &nkommun) != 0
	    || tracks_load(cfg, codes, &tracks, &ntracks) != 0
	    || trackfit_settings_load(cfg, &s, &ps) != 0)
		goto done;
	if (inputs_read(out, (const char (*)[5])kommun, nkommun, tracks, ntracks, &in) != 0)
		goto done;
	have_inputs = 1;
	msg_note("%zu jobseekers in %zu municipalities, %zu outcomes (%zu of other tracks, %zu not yet observed)",
		 in.njobseekers, nkommun, in.noutcomes, in.outcomes_other_track, in.outcomes_unobserved);
	placement_fit(&model, in.outcomes, in.noutcomes, tracks, ntracks, &ps);
	have_model = 1;
	msg_note("placement model: %s%s%s", model.use_model ? "logistic regression" : "fallback rates",
		 model.reason ? ": " : "", model.reason ? model.reason : "");
	if (trackfit_compute(&in, nkommun, tracks, ntracks, &model, &s, &result) != 0)
		goto done;
	have_result = 1;
	msg_note("%ld candidates, %zu eligible for a track", result.candidates, result.nassignment);
	char *trackfit_path = path_join(out, "trackfit.tsv");
	char *model_path = path_join(out, "model.tsv");
	char *assignment_path = path_join(restricted, "assignment.tsv");
	int ok = stage_mkdir(restricted, 0700) == 0;
	if (ok && chmod(restricted, 0700) != 0) {
		msg_error("%s: cannot restrict the folder to its owner", restricted);
		ok = 0;
	}
	ok = ok && output_trackfit(trackfit_path, &result, (const char (*)[5])kommun, tracks, &model) == 0
	     && output_model(model_path, &model, tracks) == 0
	     && output_assignment(assignment_path, &result, (const char (*)[5])kommun, tracks) == 0;
	free(trackfit_path);
	free(model_path);
	free(assignment_path);
	if (ok)
		status = 0;
done:
	if (have_result)
		trackfit_result_free(&result);
	if (have_model)
		placement_free(&model);
	if (have_inputs)
		inputs_free(&in);
	tracks_free(tracks, ntracks);
	free(kommun);
	codes_free(codes);
	free(restricted);
	free(refdir);
	free(out);
	config_free(cfg);
	return status;
}
