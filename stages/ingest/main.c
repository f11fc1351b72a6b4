/* jobbspar-ingest: input folder (docs/DATA.md) -> OUT/work/ tables,
 * OUT/rejects.csv, OUT/ingest.json. */
#include "codes.h"
#include "config.h"
#include "idnum.h"
#include "msg.h"
#include "stage.h"
#include "version.h"
#include "stages/ingest/ingest.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void usage(FILE *fp)
{
	fprintf(fp,
		"Usage: jobbspar-ingest [-c FILE] [--set section.key=value]... [-i INPUT] [-o OUT]\n"
		"                       [--delimiter C] [--max-reject-rate R] [--threads N] [-v]\n"
		"Reads the input folder (the contract in docs/DATA.md), validates every row,\n"
		"pseudonymises identity numbers, and writes OUT/work/*.tsv, OUT/rejects.csv and\n"
		"OUT/ingest.json.\n\n"
		"  -c, --config FILE        configuration (default $JOBBSPAR_CONFIG or data/default.ini)\n"
		"      --set S.K=V          override one configuration key (repeatable)\n"
		"  -i, --input DIR          input folder (default run.input)\n"
		"  -o, --output DIR         output folder OUT (default run.output)\n"
		"      --key FILE           pseudonym key file (default run.key_file; created 0600)\n"
		"      --delimiter C        force the delimiter: ',' ';' or 'tab' (default: detect)\n"
		"      --max-reject-rate R  fail when a file rejects more than R of its rows\n"
		"                           (default run.max_reject_rate, 0.05)\n"
		"      --threads N          1: one file at a time; 2: the largest of the files\n"
		"                           that depend on no other read in a second thread\n"
		"                           (default: 2 on a multi-core machine when that file\n"
		"                           is 32 MiB or more); the outputs are the same\n"
		"  -v, --verbose            progress and notes on stderr\n"
		"  -h, --help               this help\n"
		"      --version            print the version\n\n"
		"Exit status: 0 ok, 1 data or I/O error (message with file and line), 2 usage.\n"
		"A bad row is rejected into rejects.csv and the run goes on; a missing file or\n"
		"required column, or malformed quoting, stops it. For every file\n"
		"rows read = accepted + rejected (ingest.json).\n");
}

int main(int argc, char **argv)
{
	stage_start("jobbspar-ingest");
	enum { OPT_SET = 256, OPT_KEY, OPT_DELIM, OPT_RATE, OPT_VERSION, OPT_CHUNK, OPT_THREADS };
	static const struct option longopts[] = {
		{"config", required_argument, NULL, 'c'},
		{"set", required_argument, NULL, OPT_SET},
		{"input", required_argument, NULL, 'i'},
		{"output", required_argument, NULL, 'o'},
		{"key", required_argument, NULL, OPT_KEY},
		{"delimiter", required_argument, NULL, OPT_DELIM},
		{"max-reject-rate", required_argument, NULL, OPT_RATE},
		{"chunk-size", required_argument, NULL, OPT_CHUNK},
		{"threads", required_argument, NULL, OPT_THREADS},
		{"verbose", no_argument, NULL, 'v'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, OPT_VERSION},
		{NULL, 0, NULL, 0},
	};
	const char *config_file = NULL, *input = NULL, *output = NULL, *key_path = NULL;
	const char *rate_text = NULL;
	char **sets = NULL;
	size_t nsets = 0;
	int delimiter = 0, verbose = 0, threads = 0;
	long chunk = 0;
	int c;
	while ((c = getopt_long(argc, argv, "c:i:o:vh", longopts, NULL)) != -1) {
		switch (c) {
		case 'c': config_file = optarg; break;
		case OPT_SET:
			sets = erealloc(sets, (nsets + 1) * sizeof *sets);
			sets[nsets++] = optarg;
			break;
		case 'i': input = optarg; break;
		case 'o': output = optarg; break;
		case OPT_KEY: key_path = optarg; break;
		case OPT_DELIM:
			if (strcmp(optarg, ",") == 0 || strcmp(optarg, ";") == 0)
				delimiter = optarg[0];
			else if (strcmp(optarg, "tab") == 0 || strcmp(optarg, "\t") == 0)
				delimiter = '\t';
			else {
				msg_error("--delimiter: expected ',' ';' or 'tab'");
				return EXIT_USAGE;
			}
			break;
		case OPT_RATE: rate_text = optarg; break;
		case OPT_CHUNK: chunk = atol(optarg); break;
		case OPT_THREADS:
			if (strcmp(optarg, "1") == 0 || strcmp(optarg, "2") == 0)
				threads = optarg[0] - '0';
			else {
				msg_error("--threads: expected 1 or 2");
				return EXIT_USAGE;
			}
			break;
		case 'v': verbose = 1; break;
		case 'h': usage(stdout); return stage_close_stdout();
		case OPT_VERSION: printf("jobbspar-ingest %s\n", JOBBSPAR_VERSION); return stage_close_stdout();
		default:
			fprintf(stderr, "Try 'jobbspar-ingest --help' for more information.\n");
			return EXIT_USAGE;
		}
	}
	if (optind != argc) {
		msg_error("unexpected argument: %s", argv[optind]);
		fprintf(stderr, "Try 'jobbspar-ingest --help' for more information.\n");
		return EXIT_USAGE;
	}
	msg_set_verbose(verbose);
	int usage_error;
	struct config *cfg = stage_config(config_file, sets, nsets, &usage_error);
	free(sets);
	if (!cfg)
		return usage_error ? EXIT_USAGE : EXIT_DATA;
	if (rate_text) {
		config_set(cfg, "run", "max_reject_rate", rate_text);
	}
	struct ingest_options opt;
	memset(&opt, 0, sizeof opt);
	int rc = EXIT_DATA;
	char *input_dir = input ? estrdup(input) : config_path(cfg, "run", "input", "sample");
	char *out_dir = stage_output_dir(cfg, output);
	char *key_file = key_path ? estrdup(key_path) : config_path(cfg, "run", "key_file", "pseudonym.key");
	char *refdir = stage_refdir(cfg);
	struct codes *codes = NULL;
	size_t ntracks = 0;
	const char **track_sections = config_sections(cfg, "track.", &ntracks);
	const char **track_ids = ecalloc(ntracks + 1, sizeof *track_ids);
	for (size_t i = 0; i < ntracks; i++)
		track_ids[i] = track_sections[i] + strlen("track.");
	unsigned char key[PSEUDO_KEY_BYTES];
	double rate;
	if (config_double(cfg, "run", "max_reject_rate", 0.05, &rate) != 0 ||
	    stage_reference_year(cfg, &opt.reference_year) != 0)
		goto done;
	if (rate < 0 || rate > 1) {
		msg_error("max_reject_rate must be between 0 and 1");
		rc = EXIT_USAGE;
		goto done;
	}
	if (!(codes = codes_load(refdir)))
		goto done;
	if (stage_mkdir(out_dir, 0755) != 0)
		goto done;
	char *slash = strrchr(key_file, '/');
	if (slash) {
		*slash = '\0';
		int mk = stage_mkdir(key_file, 0700);
		*slash = '/';
		if (mk != 0)
			goto done;
	}
	if (pseudo_key_load(key_file, key) != 0)
		goto done;
	opt.input_dir = input_dir;
	opt.output_dir = out_dir;
	opt.key = key;
	opt.track_ids = track_ids;
	opt.max_reject_rate = rate;
	opt.delimiter = delimiter;
	opt.chunk_size = chunk > 0 ? (size_t)chunk : 0;
	opt.progress = verbose || isatty(STDERR_FILENO);
	opt.threads = threads;
	struct ingest_result result;
	rc = ingest_run(&opt, codes, &result) == 0 ? 0 : EXIT_DATA;
	if (rc == 0 && verbose)
		for (int i = 0; i < INGEST_NFILES; i++)
			if (result.file[i].present)
				msg_note("%s: %ld rows read, %ld accepted, %ld rejected", result.file[i].file,
					 result.file[i].rows_read, result.file[i].accepted,
					 result.file[i].rejected);
	ingest_result_free(&result);
done:
	memset(key, 0, sizeof key);
	codes_free(codes);
	free(track_sections);
	free(track_ids);
	free(input_dir);
	free(out_dir);
	free(key_file);
	free(refdir);
	config_free(cfg);
	if (stage_close_stdout() != 0 && rc == 0)
		rc = EXIT_DATA;
	return rc;
}
