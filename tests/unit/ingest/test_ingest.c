/* Unit tests of stages/ingest/ingest.c: the chunk-boundary property at the
 * level of the tables (every chunk size from 1 byte to the longest fixture
 * file gives byte-identical tables, rejects and report), the accounting,
 * and that the pseudonym does not depend on how the number was written. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "atomicfile.h"
#include "codes.h"
#include "msg.h"
#include "stages/ingest/ingest.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const tables[] = {"work/respondents.tsv", "work/occupations.tsv", "work/frame.tsv",
				     "work/jobseekers.tsv", "work/employment.tsv", "work/vacancies.tsv",
				     "work/outcomes.tsv", "work/yrkesbarometer.tsv", "rejects.csv",
				     "ingest.json", NULL};
static const char *const track_ids[] = {"eget", "restaurang", "industri", "grund", NULL};
static const unsigned char key[PSEUDO_KEY_BYTES] = "0123456789abcde";

static struct codes *codes;

static int setup(void **state)
{
	(void)state;
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/data/ref", testutil_root());
	codes = codes_load(dir);
	return codes ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	codes_free(codes);
	return 0;
}

static int run(const char *input, const char *out, size_t chunk, struct ingest_result *res)
{
	struct ingest_options opt = {0};
	opt.input_dir = input;
	opt.output_dir = out;
	opt.reference_year = 2024;
	opt.key = key;
	opt.track_ids = track_ids;
	opt.max_reject_rate = 1.0;
	opt.chunk_size = chunk;
	return ingest_run(&opt, codes, res);
}

static char *slurp(const char *dir, const char *name)
{
	char path[8192];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	char *s = testutil_read_file(path, NULL);
	if (!s)
		fail_msg("missing %s", path);
	return s;
}

static void test_every_chunk_size_same_tables(void **state)
{
	(void)state;
	char input[4096];
	snprintf(input, sizeof input, "%s/tests/fixtures/ingest/good", testutil_root());
	/* the longest input file bounds the chunk sizes worth trying */
	size_t longest = 0;
	DIR *d = opendir(input);
	struct dirent *e;
	while ((e = readdir(d))) {
		char p[8192];
		struct stat st;
		snprintf(p, sizeof p, "%s/%s", input, e->d_name);
		if (stat(p, &st) == 0 && (size_t)st.st_size > longest)
			longest = (size_t)st.st_size;
	}
	closedir(d);
	char *dir = testutil_tmpdir();
	char ref_out[4200];
	snprintf(ref_out, sizeof ref_out, "%s/ref", dir);
	struct ingest_result res;
	assert_int_equal(run(input, ref_out, 1 << 20, &res), 0);
	long total_read = 0;
	for (int i = 0; i < INGEST_NFILES; i++) {
		assert_int_equal(res.file[i].rows_read, res.file[i].accepted + res.file[i].rejected);
		total_read += res.file[i].rows_read;
	}
	assert_int_equal(total_read, 4 + 4 + 5 + 5 + 4 + 3 + 2 + 2);
	ingest_result_free(&res);
	char *want[16];
	for (int t = 0; tables[t]; t++)
		want[t] = slurp(ref_out, tables[t]);
	char out[4200];
	snprintf(out, sizeof out, "%s/chunked", dir);
	for (size_t chunk = 1; chunk <= longest; chunk++) {
		assert_int_equal(run(input, out, chunk, &res), 0);
		ingest_result_free(&res);
		for (int t = 0; tables[t]; t++) {
			char *got = slurp(out, tables[t]);
			if (strcmp(got, want[t]) != 0)
				fail_msg("chunk size %zu: %s differs", chunk, tables[t]);
			free(got);
		}
	}
	for (int t = 0; tables[t]; t++)
		free(want[t]);
	free(dir);
}

static void test_pseudonym_independent_of_format(void **state)
{
	(void)state;
	/* the same person written as 12 digits and as 10 digits with '-' gets
	 * the same pseudonym, so the second row is a duplicate */
	char *dir = testutil_tmpdir();
	char in[4200], out[4200], path[4300];
	snprintf(in, sizeof in, "%s/in", dir);
	snprintf(out, sizeof out, "%s/out", dir);
	char cmd[9000];
	snprintf(cmd, sizeof cmd, "cp -r %s/tests/fixtures/ingest/good %s && chmod -R u+w %s", testutil_root(), in, in);
	assert_int_equal(system(cmd), 0);
	snprintf(path, sizeof path, "%s/jobseekers.csv", in);
	FILE *fp = fopen(path, "a");
	fputs("191212121212,0581,2024-01-01,3,,,sfi-c,,0,10\n121212+1212,0581,2024-01-01,3,,,sfi-c,,0,10\n", fp);
	fclose(fp);
	struct ingest_result res;
	assert_int_equal(run(in, out, 0, &res), 0);
	assert_int_equal(res.file[3].rows_read, 7);
	assert_int_equal(res.file[3].accepted, 6);
	assert_int_equal(res.file[3].rejected, 1);
	ingest_result_free(&res);
	char *rej = slurp(out, "rejects.csv");
	assert_non_null(strstr(rej, "jobseekers.csv,8,personnummer,XXXXXX+XXXX,duplicate person (first on line 7)"));
	free(rej);
	free(dir);
}

int main(void)
{
	msg_set_prog("test_ingest");
	atomicfile_set_sync(0); /* thousands of tiny tables */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_chunk_size_same_tables),
		cmocka_unit_test(test_pseudonym_independent_of_format),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
