/* Unit tests of stages/synth/synth_nat.c and synth_local.c on the real
 * reference files (data/ref). Expected values are worked out by hand in the
 * comments or are invariants of the model (docs/METHOD.md). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "codes.h"
#include "msg.h"
#include "stages/synth/synth_model.h"
#include "stages/synth/synth_nat.h"

#include <stdlib.h>
#include <string.h>

static struct codes *codes;
static struct synth_nat *nat;

static int setup(void **state)
{
	(void)state;
	char *ref = easprintf("%s/data/ref", testutil_root());
	codes = codes_load(ref);
	nat = codes ? synth_nat_load(ref, codes, 20261123) : NULL;
	free(ref);
	return nat ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	synth_nat_free(nat);
	codes_free(codes);
	return 0;
}

static void test_nat(void **state)
{
	(void)state;
	/* SCB's table has 430 codes; 0002 (unknown occupation) is not in SSYK 2012 */
	assert_int_equal(nat->nssyk, 429);
	assert_int_equal(nat->year0, 2020);
	assert_int_equal(nat->nyears, 5);
	long s = synth_nat_find(nat, "0110");
	assert_int_equal(s, 0);
	/* first rows of the table: 0110, 16-24: 2020 10, 2021 13, 2022 33 */
	assert_close(synth_nat_emp(nat, 2020, 0, 0), 10, 0);
	assert_close(synth_nat_emp(nat, 2022, 0, 0), 33, 0);
	assert_close(synth_nat_emp(nat, 2019, 0, 0), 10, 0); /* clamped */
	assert_int_equal(synth_nat_find(nat, "0002"), -1);
	/* 65-69 is 0 before 2023 (series break) */
	double old = 0;
	for (size_t i = 0; i < nat->nssyk; i++)
		old += synth_nat_emp(nat, 2021, i, 9);
	assert_close(old, 0, 0);
	/* Yrkesbarometer: 4119 överskott, 3333 balans (first rows of the file) */
	assert_int_equal(nat->yb[synth_nat_find(nat, "4119")], -1);
	assert_int_equal(nat->yb[synth_nat_find(nat, "3333")], 0);
	assert_close(nat->population, 9995153, 0);
	for (size_t i = 0; i < nat->nssyk; i++) {
		assert_true(nat->female[i] >= 0.02 && nat->female[i] <= 0.98);
		assert_true(i == 0 || strcmp(nat->ssyk[i - 1], nat->ssyk[i]) < 0);
	}
}

static void test_local_totals(void **state)
{
	(void)state;
	int years[1] = {2024};
	struct synth_params p = {.seed = 5, .ref_year = 2024, .years = years, .nyears = 1, .scale = 1};
	const struct kommun_entry *k = codes_kommun_find(codes, "0581");
	struct synth_local L;
	synth_local_init(&L, nat, &p, codes, (size_t)(k - codes->kommun));
	/* share = 139363 / 9995153 */
	assert_close(L.share, 139363.0 / 9995153.0, 1e-15);
	/* the factors are renormalised: expected employment = share x national total in 2024 */
	double national = 0;
	for (size_t s = 0; s < nat->nssyk; s++)
		for (int a = 0; a < SYNTH_NAGE; a++)
			national += synth_nat_emp(nat, 2024, s, a);
	assert_close(L.emp_total, national * L.share, 1e-6 * national * L.share);
	synth_local_free(&L);
}

static void test_levels_and_ads(void **state)
{
	(void)state;
	assert_string_equal(synth_shortage_level(0.51), "brist");
	assert_string_equal(synth_shortage_level(0.5), "balans");
	assert_string_equal(synth_shortage_level(-0.5), "balans");
	assert_string_equal(synth_shortage_level(-0.51), "god");
	assert_close(synth_national_ads(2024), 1209199, 0);
	assert_close(synth_national_ads(2030), 1209199, 0);
	assert_close(synth_national_ads(2010), 965014, 0);
	assert_close(synth_tendency_base(1), 1.0, 0);
	assert_close(synth_female_share_base("5321"), 0.82, 0);
	assert_close(synth_female_share_base("7111"), 0.03, 0);
}

static void test_tracks_and_outcome_model(void **state)
{
	(void)state;
	struct synth_track t = {.id = "eget"};
	const char *why;
	assert_int_equal(synth_track_targets(&t, "1731:1, 81, 72:0.7", &why), 0);
	assert_int_equal(t.ntarget, 3);
	assert_string_equal(t.target[1].prefix, "81");
	assert_close(t.target[1].weight, 1, 0);
	assert_close(t.target[2].weight, 0.7, 1e-15);
	free(t.target);
	assert_int_equal(synth_track_targets(&t, "12345", &why), -1);
	free(t.target);
	assert_int_equal(synth_track_targets(&t, "81:x", &why), -1);
	free(t.target);
	synth_track_intercepts(&t);
	assert_close(t.a90, -2.2, 0);
	/* sas (rank 4), SUN 3, age 45, woman, 2 years in Sweden, target shortage 0.5:
	 * 90 days, completed: -2.2 + 0.3*2 + 0.4 - 0.25*1 - 0.2 + 0.1*2 + 0.5*0.5 + 0.9 = -0.3
	 * 365 days, completed, employed at 90: -1.6 + 1.0 + 0.6 + 1.6 = 1.6
	 * completion: 1.2 + 0.25*2 - 0.1*1 = 1.6 */
	struct synth_outcome_person x = {.swedish = 4, .sun = 3, .age = 45, .female = 1,
					 .years_since_arrival = 2, .target_shortage = 0.5};
	assert_close(synth_logit_employed_90d(&t, &x, 1), -0.3, 1e-12);
	assert_close(synth_logit_employed_365d(&t, &x, 1, 1), 1.6, 1e-12);
	assert_close(synth_logit_completed(&t, &x), 1.6, 1e-12);
	assert_int_equal(synth_swedish_rank("SAS"), 4);
	assert_int_equal(synth_swedish_rank("modersmål"), 5);
	assert_int_equal(synth_swedish_rank("sfi-e"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nat),
		cmocka_unit_test(test_local_totals),
		cmocka_unit_test(test_levels_and_ads),
		cmocka_unit_test(test_tracks_and_outcome_model),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
