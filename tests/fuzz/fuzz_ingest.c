/* libFuzzer harness for the ingest table readers: the first byte picks which
 * input file of the fixture folder the data replaces; the whole ingest runs
 * on it. Properties beyond "no crash": it returns 0 or 1, and for every file
 * rows read = accepted + rejected. */
#include "atomicfile.h"
#include "codes.h"
#include "msg.h"
#include "stages/ingest/ingest.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct codes *codes;
static char workdir[256];
static const char *const names[] = {"survey_frame.csv", "survey_respondents.csv",
				    "survey_occupations.csv", "jobseekers.csv", "employment.csv",
				    "vacancies.csv", "outcomes.csv", "yrkesbarometer.csv"};
static const char *const track_ids[] = {"eget", "restaurang", "industri", "grund", NULL};
static const unsigned char key[PSEUDO_KEY_BYTES] = "fuzz-key-0123456";

static void setup(void)
{
	msg_set_prog("fuzz_ingest");
	atomicfile_set_sync(0);
	const char *root = getenv("ROOT");
	if (!root)
		root = ".";
	char ref[4096], cmd[8192];
	snprintf(ref, sizeof ref, "%s/data/ref", root);
	codes = codes_load(ref);
	if (!codes)
		abort();
	snprintf(workdir, sizeof workdir, "/tmp/jobbspar-fuzz-ingest.%d", (int)getpid());
	snprintf(cmd, sizeof cmd, "rm -rf %s && mkdir -p %s && cp -r %s/tests/fixtures/ingest/good %s/in",
		 workdir, workdir, root, workdir);
	if (system(cmd) != 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!codes)
		setup();
	if (size < 1)
		return 0;
	const char *name = names[data[0] % 8];
	char in[512], out[512], path[1024], orig[1024];
	snprintf(in, sizeof in, "%s/in", workdir);
	snprintf(out, sizeof out, "%s/out", workdir);
	snprintf(path, sizeof path, "%s/%s", in, name);
	snprintf(orig, sizeof orig, "%s.orig", path);
	if (rename(path, orig) != 0)
		abort();
	FILE *fp = fopen(path, "wb");
	if (!fp || fwrite(data + 1, 1, size - 1, fp) != size - 1 || fclose(fp) != 0)
		abort();
	struct ingest_options opt = {0};
	opt.input_dir = in;
	opt.output_dir = out;
	opt.reference_year = 2024;
	opt.key = key;
	opt.track_ids = track_ids;
	opt.max_reject_rate = 1.0;
	struct ingest_result res;
	int rc = ingest_run(&opt, codes, &res);
	if (rc != 0 && rc != 1)
		abort();
	for (int i = 0; i < INGEST_NFILES; i++)
		if (res.file[i].rows_read != res.file[i].accepted + res.file[i].rejected)
			abort();
	ingest_result_free(&res);
	if (rename(orig, path) != 0)
		abort();
	return 0;
}
