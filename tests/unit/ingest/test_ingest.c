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
				     "work/outcomes.tsv", "work/yrkesbarometer.tsv",
				     "work/jobseekers_aggregated.tsv", "rejects.csv", "ingest.json", NULL};
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

/* Ingest of INPUT at every chunk size (up to MAX_CHUNK bytes, 0: the
 * longest file) gives the tables, rejects and report of one read;
 * TOTAL_READ_WANT rows are read in all, each accepted or rejected. */
static void check_every_chunk_size(const char *input, long total_read_want, size_t max_chunk)
{
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
	if (max_chunk && max_chunk < longest)
		longest = max_chunk;
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
	assert_int_equal(total_read, total_read_want);
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

static void test_every_chunk_size_same_tables(void **state)
{
	(void)state;
	char input[4096];
	snprintf(input, sizeof input, "%s/tests/fixtures/ingest/good", testutil_root());
	check_every_chunk_size(input, 4 + 4 + 5 + 5 + 4 + 3 + 2 + 2, 0);
}

/* The same for the inputs of issue 15: aggregated jobseekers instead of
 * persons (";", CRLF, "<5", two months), employment without an age split,
 * SSYK's special code 0002 in several files. */
static void test_every_chunk_size_aggregated(void **state)
{
	(void)state;
	char *dir = testutil_tmpdir();
	char in[4200], path[4300], cmd[20000];
	snprintf(in, sizeof in, "%s/in", dir);
	snprintf(cmd, sizeof cmd,
		 "cp -r %s/tests/fixtures/ingest/good %s && chmod -R u+w %s && rm %s/jobseekers.csv && "
		 "cp %s/tests/fixtures/jobseekers-aggregated/jobseekers_aggregated.csv %s/",
		 testutil_root(), in, in, in, testutil_root(), in);
	assert_int_equal(system(cmd), 0);
	snprintf(path, sizeof path, "%s/employment.csv", in);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("year,kommun,ssyk,sex,employed\n2024,0581,7212,män,1139\n2024,0882,0002,kvinnor,14\n", fp);
	assert_int_equal(fclose(fp), 0);
	snprintf(path, sizeof path, "%s/vacancies.csv", in);
	fp = fopen(path, "a");
	assert_non_null(fp);
	fputs("A4,2024-03-01,,0581,0002 Yrke okänt,1,\n", fp);
	assert_int_equal(fclose(fp), 0);
	/* every boundary of the aggregated file (206 bytes) */
	check_every_chunk_size(in, 4 + 4 + 5 + 0 + 2 + 4 + 2 + 2 + 6, 210);
	struct ingest_result res;
	char out[4200];
	snprintf(out, sizeof out, "%s/out", dir);
	assert_int_equal(run(in, out, 0, &res), 0);
	assert_int_equal(res.file[INGEST_JOBSEEKERS].present, 0);
	assert_int_equal(res.file[INGEST_JOBSEEKERS_AGGREGATED].accepted, 6);
	assert_int_equal(res.file[INGEST_JOBSEEKERS_AGGREGATED].suppressed, 1);
	assert_int_equal(res.file[INGEST_JOBSEEKERS_AGGREGATED].ssyk_special[0], 1);
	assert_int_equal(res.file[INGEST_EMPLOYMENT].ssyk_special[0], 1);
	assert_int_equal(res.file[INGEST_VACANCIES].ssyk_special_rows, 1);
	assert_string_equal(res.file[INGEST_EMPLOYMENT].absent_columns, "age");
	ingest_result_free(&res);
	char *emp = slurp(out, "work/employment.tsv");
	assert_string_equal(emp, "year\tkommun\tssyk\tsex\tage\temployed\n2024\t0581\t7212\tmän\t\t1139\n");
	free(emp);
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

/* The identity numbers ingest refuses in ids and other copied text: Tolvan
 * Tolvansson's 19121212-1212, 811218-9876 and the samordningsnummer
 * 701063-2391 (day 3 + 60), check digits from tests/fixtures/ingest/luhn.py,
 * in every form idnum_parse_person reads, alone or inside other text. */
static void test_identity_number_in_text(void **state)
{
	(void)state;
	static const char *const found[] = {
		"191212121212", "19121212-1212", "121212-1212", "1212121212", "121212+1212",
		"R-19121212-1212x", "AD/19701063 2391", "7010632391", "Kock 811218\xe2\x80\x93" "9876",
		"ad 811218 / 9876", "1212-811218-9876", NULL,
	};
	static const char *const not_found[] = {
		"R1", "", "24512345", "1912121212120", "19121212-1213", "556036-0793", "5560360793",
		"121212-121", "5120|9412|9111", "121212|1212", "121212    1212", "19121212-12121", NULL,
	};
	for (int i = 0; found[i]; i++)
		if (!idnum_find_person(found[i], 2024))
			fail_msg("not found in \"%s\"", found[i]);
	for (int i = 0; not_found[i]; i++)
		if (idnum_find_person(not_found[i], 2024))
			fail_msg("found in \"%s\"", not_found[i]);
}

int main(void)
{
	msg_set_prog("test_ingest");
	atomicfile_set_sync(0); /* thousands of tiny tables */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_chunk_size_same_tables),
		cmocka_unit_test(test_pseudonym_independent_of_format),
		cmocka_unit_test(test_identity_number_in_text),
		cmocka_unit_test(test_every_chunk_size_aggregated),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
