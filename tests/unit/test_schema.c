/* Unit tests of pipeline/schema.c: value checks, the did-you-mean
 * suggestions, the checks of a whole configuration. The expected messages
 * are written by hand from docs/CONFIG.md. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "config.h"
#include "msg.h"
#include "schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The messages schema_check prints, captured from stderr. */
static char *captured;

static int check_captured(struct config *cfg, unsigned stages)
{
	char *dir = testutil_tmpdir();
	char path[4096];
	snprintf(path, sizeof path, "%s/stderr", dir);
	fflush(stderr);
	int saved = dup(2);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	dup2(fileno(fp), 2);
	int n = schema_check(cfg, stages);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	fclose(fp);
	size_t len;
	free(captured);
	captured = testutil_read_file(path, &len);
	free(dir);
	return n;
}

static struct config *config_text(const char *text)
{
	char *dir = testutil_tmpdir();
	char path[4096];
	snprintf(path, sizeof path, "%s/c.ini", dir);
	testutil_write_file(path, text, strlen(text));
	struct config *cfg = config_load(path);
	assert_non_null(cfg);
	free(dir);
	return cfg;
}

static void expect_why(const char *section, const char *key, const char *value, const char *want)
{
	const struct schema_key *k = schema_find(section, key);
	assert_non_null(k);
	char *why;
	int rc = schema_check_value(k, value, &why);
	if (!want) {
		assert_int_equal(rc, 0);
		assert_null(why);
		return;
	}
	assert_int_equal(rc, -1);
	assert_string_equal(why, want);
	free(why);
}

static void test_values(void **state)
{
	(void)state;
	expect_why("plot", "top", "10", NULL);
	expect_why("plot", "top", "0", "must be 1 to 40");
	expect_why("plot", "top", "41", "must be 1 to 40");
	expect_why("plot", "top", "ten", "not an integer: \"ten\"");
	expect_why("plot", "top", "", NULL); /* empty: the default */
	expect_why("disclosure", "min_persons", "0", "must be at least 1");
	expect_why("survey", "confidence", "1", "must be more than 0 and less than 1");
	expect_why("survey", "confidence", "0,9", NULL); /* decimal comma, as config_double */
	expect_why("survey", "max_cv", "0", "must be more than 0 and at most 10");
	expect_why("run", "lang", "en", NULL);
	expect_why("run", "lang", "de", "expected sv or en, not \"de\"");
	expect_why("run", "lang", "SV", "expected sv or en, not \"SV\"");
	expect_why("plot", "png_terminal", "gif", "expected auto, pngcairo or png, not \"gif\"");
	expect_why("shortage", "horizon_years", "7", "expected 5 or 10, not \"7\"");
	expect_why("track.x", "min_swedish", "SFI-C", NULL); /* as trackfit reads it */
	expect_why("track.x", "targets", "5120:1, 91", NULL);
	expect_why("track.x", "targets", "5120:0",
		   "bad target \"5120:0\" (want an SSYK 2012 code or prefix of 1-4 digits, with an "
		   "optional :weight above 0)");
	expect_why("track.x", "capacity", "", "missing");
	expect_why("run", "seed", "4294967295", NULL);
	expect_why("run", "seed", "4294967296", "must be 0 to 4294967295");
	expect_why("ingest", "max_field_bytes", "0", "must be 1 to 1099511627776");
}

static void test_find(void **state)
{
	(void)state;
	assert_non_null(schema_find("track.eget", "min_swedish"));
	assert_null(schema_find("track", "min_swedish"));
	assert_null(schema_find("shortage", "index_brst"));
	assert_non_null(schema_find("retirement", "exit10_65-69"));
	size_t n;
	const struct schema_key *k = schema_keys(&n);
	/* every key once */
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			assert_false(strcmp(k[i].section, k[j].section) == 0 &&
				     strcmp(k[i].name, k[j].name) == 0);
	/* every default passes its own check */
	for (size_t i = 0; i < n; i++) {
		char *why;
		if (k[i].def) {
			assert_int_equal(schema_check_value(&k[i], k[i].def, &why), 0);
		}
		if (k[i].ini) {
			assert_int_equal(schema_check_value(&k[i], k[i].ini, &why), 0);
		}
		assert_non_null(k[i].help);
		assert_true(k[i].stages != 0);
	}
	assert_int_equal(schema_stage_bit("trackfit"), SCHEMA_TRACKFIT);
	assert_string_equal(schema_stage_name(SCHEMA_PLOT), "plot");
	assert_int_equal(schema_stage_bit("nope"), 0);
}

static void test_check_file(void **state)
{
	(void)state;
	struct config *cfg = config_text("[run]\nlang = de\n\n[shortage]\nindex_brst = 1.8\n"
					 "[shortgae]\nx = 1\ny = 2\n[plot]\nlang = en\n"
					 "[track.eget]\nname = E\ntargets = 1731\nmin_svenska = sfi-c\n"
					 "capacity = 2\n[track.b]\nname = B\n");
	int n = check_captured(cfg, SCHEMA_PIPELINE);
	char *want = NULL;
	size_t wl = 0;
	FILE *w = open_memstream(&want, &wl);
	const char *p = cfg->path;
	fprintf(w, "%s: %s:2: run.lang: expected sv or en, not \"de\"\n", msg_prog(), p);
	fprintf(w, "%s: %s:5: shortage.index_brst: unknown key; did you mean shortage.index_brist?\n",
		msg_prog(), p);
	fprintf(w, "%s: %s:7: [shortgae]: unknown section; did you mean [shortage]?\n", msg_prog(), p);
	fprintf(w, "%s: %s:10: plot.lang: unknown key; did you mean run.lang?\n", msg_prog(), p);
	fprintf(w, "%s: %s:14: track.eget.min_svenska: unknown track field; did you mean "
		   "track.eget.min_swedish?\n", msg_prog(), p);
	fprintf(w, "%s: %s:17: track.b.targets: missing\n", msg_prog(), p);
	fprintf(w, "%s: %s:17: track.b.capacity: missing\n", msg_prog(), p);
	fclose(w);
	assert_string_equal(captured, want);
	assert_int_equal(n, 7);
	free(want);
	config_free(cfg);
}

static void test_check_overrides(void **state)
{
	(void)state;
	struct config *cfg = config_text("[run]\nseed = 1\n[track.a]\nname = A\ntargets = 1\ncapacity = 1\n");
	assert_int_equal(check_captured(cfg, SCHEMA_PIPELINE), 0);
	assert_int_equal(config_set_assignment(cfg, "shortage.index_brst=1.8"), 0);
	config_set_from(cfg, "run", "lang", "de", "--lang");
	assert_int_equal(config_set_assignment(cfg, "shortgae.index_brist=2"), 0);
	assert_int_equal(check_captured(cfg, SCHEMA_PIPELINE), 3);
	char *want = NULL;
	size_t wl = 0;
	FILE *w = open_memstream(&want, &wl);
	fprintf(w, "%s: --set shortage.index_brst=1.8: unknown key; did you mean shortage.index_brist?\n",
		msg_prog());
	fprintf(w, "%s: --lang: expected sv or en, not \"de\"\n", msg_prog());
	fprintf(w, "%s: --set shortgae.index_brist=2: unknown key shortgae.index_brist; did you mean "
		   "shortage.index_brist?\n", msg_prog());
	fclose(w);
	assert_string_equal(captured, want);
	free(want);
	config_free(cfg);
}

static void test_check_whole(void **state)
{
	(void)state;
	/* no track: an error for the stages that need one, not for shortage */
	struct config *cfg = config_text("[run]\nseed = 1\n");
	assert_int_equal(check_captured(cfg, SCHEMA_SHORTAGE | SCHEMA_PLOT), 0);
	assert_int_equal(check_captured(cfg, SCHEMA_INGEST), 1);
	assert_non_null(strstr(captured, "no job track"));
	config_free(cfg);
	/* keys whose order matters, and min_sun above max_sun */
	cfg = config_text("[shortage]\nindex_watch = 2.5\n[track.a]\nname = A\ntargets = 1\n"
			  "capacity = 1\nmin_sun = 4\nmax_sun = 2\n");
	assert_int_equal(check_captured(cfg, SCHEMA_PIPELINE), 2);
	assert_non_null(strstr(captured, ":2: shortage.index_watch: need index_surplus <= index_watch "
					 "<= index_brist (here -1, 2.5, 1)\n"));
	assert_non_null(strstr(captured, ":8: track.a.max_sun: 2 is below min_sun 4\n"));
	config_free(cfg);
}

int main(void)
{
	msg_set_prog("test_schema");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_check_file),
		cmocka_unit_test(test_check_overrides),
		cmocka_unit_test(test_check_whole),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	free(captured);
	return rc;
}
