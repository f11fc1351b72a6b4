/* jobbspar-ingest: input folder (docs/DATA.md) -> OUT/work/ tables,
 * OUT/rejects.csv, OUT/ingest.json. */
#include "codes.h"
#include "config.h"
#include "idnum.h"
#include "msg.h"
#include "stage.h"
#include "schema.h"
#include "stages/ingest/ingest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The options of ingest alone. */
struct ingest_args {
	const char *input, *key_path;
	int delimiter, threads;
	long chunk;
};

enum { OPT_KEY = STAGE_OPT_OWN, OPT_DELIM, OPT_RATE, OPT_CHUNK, OPT_THREADS };

static int ingest_option(struct stage *st, int opt, const char *arg)
{
	struct ingest_args *a = st->data;
	switch (opt) {
	case 'i': a->input = arg; return 0;
	case OPT_KEY: a->key_path = arg; return 0;
	case OPT_DELIM:
		if (strcmp(arg, ",") == 0 || strcmp(arg, ";") == 0)
			a->delimiter = arg[0];
		else if (strcmp(arg, "tab") == 0 || strcmp(arg, "\t") == 0)
			a->delimiter = '\t';
		else {
			msg_error("--delimiter: expected ',' ';' or 'tab'");
			return -1;
		}
		return 0;
	case OPT_RATE: stage_override(st, "--max-reject-rate", "run", "max_reject_rate", arg); return 0;
	case OPT_CHUNK: a->chunk = atol(arg); return 0;
	case OPT_THREADS:
		if (strcmp(arg, "1") != 0 && strcmp(arg, "2") != 0) {
			msg_error("--threads: expected 1 or 2");
			return -1;
		}
		a->threads = arg[0] - '0';
		return 0;
	}
	return -1;
}

static const struct option ingest_longopts[] = {
	{"input", required_argument, NULL, 'i'},
	{"key", required_argument, NULL, OPT_KEY},
	{"delimiter", required_argument, NULL, OPT_DELIM},
	{"max-reject-rate", required_argument, NULL, OPT_RATE},
	{"chunk-size", required_argument, NULL, OPT_CHUNK}, /* tests: read in chunks of this many bytes */
	{"threads", required_argument, NULL, OPT_THREADS},
	{NULL, 0, NULL, 0},
};

static const struct stage_cli cli = {
	.prog = "jobbspar-ingest",
	.synopsis = "[-i INPUT] [--key FILE] [--delimiter C] [--max-reject-rate R]\n"
		    "[--threads N]",
	.about = "Reads the input folder (the contract in docs/DATA.md), validates every row,\n"
		 "pseudonymises identity numbers, and writes OUT/work/*.tsv, OUT/rejects.csv and\n"
		 "OUT/ingest.json.\n",
	.options = "  -i, --input DIR     input folder (default run.input)\n"
		   "      --key FILE      pseudonym key file (default run.key_file; created 0600)\n"
		   "      --delimiter C   force the delimiter: ',' ';' or 'tab' (default: detect)\n"
		   "      --max-reject-rate R\n"
		   "                      fail when a file rejects more than R of its rows\n"
		   "                      (sets run.max_reject_rate, default 0.05)\n"
		   "      --threads N     1: one file at a time; 2: the largest of the files that\n"
		   "                      depend on no other read in a second thread (default: 2\n"
		   "                      on a multi-core machine when that file is 32 MiB or\n"
		   "                      more); the outputs are the same\n",
	.epilog = "A bad row is rejected into rejects.csv and the run goes on; a missing file or\n"
		  "required column, or malformed quoting, stops it. For every file\n"
		  "rows read = accepted + rejected (ingest.json).\n",
	.stage = SCHEMA_INGEST,
	.shortopts = "i:",
	.longopts = ingest_longopts,
	.option = ingest_option,
};

int main(int argc, char **argv)
{
	struct ingest_args args = {0};
	struct stage st = {.data = &args};
	int rc;
	if (stage_begin(&st, &cli, argc, argv, &rc) != 0)
		return stage_end(&st, rc);
	struct config *cfg = st.cfg;
	int verbose = st.verbose;
	struct ingest_options opt;
	memset(&opt, 0, sizeof opt);
	rc = EXIT_DATA;
	char *input_dir = args.input ? estrdup(args.input) : config_path(cfg, "run", "input", "sample");
	char *out_dir = stage_output_dir(cfg, st.output);
	char *key_file = args.key_path ? estrdup(args.key_path)
				       : config_path(cfg, "run", "key_file", "pseudonym.key");
	char *refdir = stage_refdir(cfg);
	struct codes *codes = NULL;
	size_t ntracks = 0;
	const char **track_sections = config_sections(cfg, "track.", &ntracks);
	const char **track_ids = ecalloc(ntracks + 1, sizeof *track_ids);
	for (size_t i = 0; i < ntracks; i++)
		track_ids[i] = track_sections[i] + strlen("track.");
	unsigned char key[PSEUDO_KEY_BYTES];
	double rate;
	long max_field;
	if (config_double(cfg, "run", "max_reject_rate", 0.05, &rate) != 0 ||
	    config_long(cfg, "ingest", "max_field_bytes", INGEST_MAX_FIELD_BYTES, &max_field) != 0 ||
	    stage_reference_year(cfg, &opt.reference_year) != 0)
		goto done;
	/* the schema has checked both: a rate from 0 to 1, and a field or row
	 * limit from 1 byte to 1 TiB (a limit, not a size to allocate), so
	 * memory stays bounded on any input */
	opt.max_field_bytes = (size_t)max_field;
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
	opt.delimiter = args.delimiter;
	opt.chunk_size = args.chunk > 0 ? (size_t)args.chunk : 0;
	opt.progress = verbose || isatty(STDERR_FILENO);
	opt.threads = args.threads;
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
	return stage_end(&st, rc);
}
