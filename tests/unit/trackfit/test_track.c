/* Unit tests of stages/trackfit/track.c (track configuration and the
 * person rules) and of placement.c's fallback. Expected values by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "codes.h"
#include "config.h"
#include "msg.h"
#include "stages/trackfit/placement.h"
#include "stages/trackfit/track.h"

#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct codes *codes;

static int setup(void **state)
{
	(void)state;
	char path[4096];
	snprintf(path, sizeof path, "%s/data/ref", testutil_root());
	codes = codes_load(path);
	return codes ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	codes_free(codes);
	return 0;
}

/* Loads TEXT as a configuration file and its tracks; returns tracks_load's result. */
static int load(const char *text, struct track **tracks, size_t *n)
{
	char *dir = testutil_tmpdir();
	char path[4200];
	snprintf(path, sizeof path, "%s/t.ini", dir);
	testutil_write_file(path, text, strlen(text));
	struct config *cfg = config_load(path);
	assert_non_null(cfg);
	int rc = tracks_load(cfg, codes, tracks, n);
	config_free(cfg);
	free(dir);
	return rc;
}

static const char *const four_tracks =
	"[run]\nseed = 1\n"
	"[track.eget]\nname = Eget\ntargets = 1731:1, 5141:0.8\nmin_swedish = sfi-c\ncapacity = 20\n"
	"[track.restaurang]\nname = Restaurang\ntargets = 5120, 9412:1\nmin_swedish = sfi-b\ncapacity = 40\n"
	"[track.industri]\nname = Industri\ntargets = 81:1, 72:0.7\ncapacity = 40\n"
	"[track.grund]\nname = Grund\ntargets = 9111:1\nmax_sun = 2\ncapacity = 60\nduration_months = 12\n";

static void test_fifth_track_by_configuration(void **state)
{
	(void)state;
	char text[4096];
	snprintf(text, sizeof text, "%s[track.vard]\nname = Vård\ntargets = 5321:1, 5330:1\n"
		 "min_swedish = sfi-d\nmin_sun = 2\ncapacity = 15\nprovider = Region\n", four_tracks);
	struct track *t;
	size_t n;
	assert_int_equal(load(text, &t, &n), 0);
	assert_int_equal(n, 5);
	assert_string_equal(t[4].id, "vard");
	assert_string_equal(t[4].name, "Vård");
	assert_int_equal(t[4].ntarget, 2);
	assert_int_equal(t[4].min_swedish, SWEDISH_SFI_D);
	assert_int_equal(t[4].min_sun, 2);
	assert_int_equal(t[4].max_sun, -1);
	assert_int_equal(t[4].capacity, 15);
	assert_string_equal(t[4].provider, "Region");
	/* default weight 1, prefix targets */
	assert_close(track_target_weight(&t[1], "5120"), 1, 0);
	assert_close(track_target_weight(&t[2], "8121"), 1, 0);
	assert_close(track_target_weight(&t[2], "7212"), 0.7, 0);
	assert_close(track_target_weight(&t[2], "9111"), 0, 0);
	/* interest credit: exact 1, same 3-digit group 0.5, 2-digit 0.25 */
	assert_close(track_interest_credit(&t[4], "5321"), 1, 0);
	assert_close(track_interest_credit(&t[4], "5322"), 0.5, 0);
	assert_close(track_interest_credit(&t[4], "5311"), 0.25, 0);
	assert_close(track_interest_credit(&t[4], "9111"), 0, 0);
	assert_close(track_interest_credit(&t[4], ""), 0, 0);
	assert_close(track_interest_credit(&t[2], "8199"), 1, 0); /* inside a 2-digit prefix */
	/* entry requirements; unknown values fail a requirement */
	assert_true(track_eligible(&t[4], SWEDISH_SFI_D, 3));
	assert_false(track_eligible(&t[4], SWEDISH_SFI_C, 3));
	assert_false(track_eligible(&t[4], SWEDISH_SAS, 1));
	assert_false(track_eligible(&t[4], SWEDISH_SAS, -1));
	assert_true(track_eligible(&t[3], SWEDISH_UNKNOWN, 2));
	assert_false(track_eligible(&t[3], SWEDISH_UNKNOWN, 3));
	assert_false(track_eligible(&t[3], SWEDISH_SAS, -1));
	assert_true(track_eligible(&t[2], SWEDISH_UNKNOWN, -1));
	tracks_free(t, n);
}

static void test_invalid_tracks(void **state)
{
	(void)state;
	const char *bad[] = {
		"[track.x]\nname = X\ntargets = 9999\ncapacity = 5\n",       /* unknown code */
		"[track.x]\nname = X\ntargets = 99:1\ncapacity = 5\n",       /* unknown prefix */
		"[track.x]\nname = X\ntargets = 5120:0\ncapacity = 5\n",     /* weight 0 */
		"[track.x]\nname = X\ntargets = 5120:abc\ncapacity = 5\n",   /* weight text */
		"[track.x]\nname = X\ntargets = 51201\ncapacity = 5\n",      /* 5 digits */
		"[track.x]\nname = X\ntargets = 5120\ncapacity = 0\n",       /* capacity */
		"[track.x]\nname = X\ntargets = 5120\ncapacity = -3\n",
		"[track.x]\nname = X\ntargets = 5120\n",                     /* no capacity */
		"[track.x]\ntargets = 5120\ncapacity = 5\n",                 /* no name */
		"[track.x]\nname = X\ntargets = 5120\ncapacity = 5\nmin_swedish = sfi-e\n",
		"[track.x]\nname = X\ntargets = 5120\ncapacity = 5\nmax_sun = 7\n",
		"[track.x]\nname = X\ntargets = 5120\ncapacity = 5\nmin_sun = 4\nmax_sun = 2\n",
		"[track.x]\nname = X\ncapacity = 5\n",                       /* no targets */
		"[run]\nseed = 1\n",                                         /* no tracks */
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct track *t = NULL;
		size_t n = 0;
		if (load(bad[i], &t, &n) != -1) {
			print_error("case %zu was accepted\n", i);
			fail();
		}
	}
	assert_int_equal(track_swedish_rank("Modersmål"), SWEDISH_MODERSMAL);
	assert_int_equal(track_swedish_rank("sfi-a"), SWEDISH_SFI_A);
	assert_int_equal(track_swedish_rank(""), SWEDISH_UNKNOWN);
	assert_int_equal(track_swedish_rank("sfi"), -1);
}

static void test_default_ini_tracks_are_valid(void **state)
{
	(void)state;
	char path[4096];
	snprintf(path, sizeof path, "%s/data/default.ini", testutil_root());
	struct config *cfg = config_load(path);
	assert_non_null(cfg);
	struct track *t;
	size_t n;
	assert_int_equal(tracks_load(cfg, codes, &t, &n), 0);
	assert_int_equal(n, 4);
	assert_string_equal(t[0].id, "eget");
	assert_string_equal(t[3].id, "grund");
	assert_int_equal(t[3].max_sun, 2);
	tracks_free(t, n);
	config_free(cfg);
}

static void test_fallback_when_outcomes_are_few(void **state)
{
	(void)state;
	struct track *t;
	size_t n;
	char text[4096];
	snprintf(text, sizeof text, "%s", four_tracks);
	assert_int_equal(load(text, &t, &n), 0);
	t[2].fallback_rate = 0.55; /* as "fallback_rate = 0.55" in [track.industri] */
	struct outcome o[20];
	memset(o, 0, sizeof o);
	for (int i = 0; i < 20; i++) {
		o[i].x.age = 20 + i;
		o[i].x.sun = i % 7;
		o[i].x.swedish = 1 + i % 6;
		o[i].x.years_since_arrival = i % 4;
		o[i].track = (size_t)(i % 4);
		o[i].employed_365d = i % 3 == 0;
	}
	struct placement_settings ps = {1, 10, 0.2, 0.4};
	struct placement_model m;
	placement_fit(&m, o, 20, t, n, &ps);
	assert_int_equal(m.use_model, 0);
	assert_non_null(m.reason);
	assert_close(placement_prob(&m, NULL, &o[0].x, 0), 0.4, 0);
	assert_close(placement_prob(&m, NULL, &o[0].x, 2), 0.55, 0);
	placement_free(&m);
	/* no outcomes at all */
	placement_fit(&m, o, 0, t, n, &ps);
	assert_int_equal(m.use_model, 0);
	assert_string_equal(m.reason, "no outcomes");
	placement_free(&m);
	tracks_free(t, n);
}

int main(void)
{
	gsl_set_error_handler_off();
	msg_set_prog("test_track");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fifth_track_by_configuration),
		cmocka_unit_test(test_invalid_tracks),
		cmocka_unit_test(test_default_ini_tracks_are_valid),
		cmocka_unit_test(test_fallback_when_outcomes_are_few),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
