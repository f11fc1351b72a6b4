/* Unit tests of stages/synth/synth_rng.c: seeded streams and samplers. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "stages/synth/synth_rng.h"

static void test_streams_deterministic(void **state)
{
	(void)state;
	gsl_rng *a = synth_stream(42, "jobseekers", "0581");
	gsl_rng *b = synth_stream(42, "jobseekers", "0581");
	gsl_rng *c = synth_stream(42, "jobseekers", "0882");
	gsl_rng *d = synth_stream(43, "jobseekers", "0581");
	int same_c = 1, same_d = 1;
	for (int i = 0; i < 100; i++) {
		unsigned long x = gsl_rng_get(a), y = gsl_rng_get(b);
		assert_int_equal(x, y);
		same_c &= gsl_rng_get(c) == x;
		same_d &= gsl_rng_get(d) == x;
	}
	assert_false(same_c);
	assert_false(same_d);
	gsl_rng_free(a);
	gsl_rng_free(b);
	gsl_rng_free(c);
	gsl_rng_free(d);
	/* the parts are separated: ("ab", "c") is not ("a", "bc") */
	assert_true(synth_hash(1, "ab", "c") != synth_hash(1, "a", "bc"));
	assert_true(synth_hash(1, "a", NULL) != synth_hash(2, "a", NULL));
}

static void test_pick(void **state)
{
	(void)state;
	gsl_rng *r = synth_stream(1, "test", "pick");
	const double only_middle[3] = {0, 1, 0};
	for (int i = 0; i < 1000; i++)
		assert_int_equal(synth_pick(r, only_middle, 3), 1);
	/* P(1) = 3/4; 20 000 draws: sd sqrt(.75 * .25 / 20000) = 0.0031, tolerance 5 sd */
	const double w[2] = {1, 3};
	int ones = 0;
	for (int i = 0; i < 20000; i++)
		ones += synth_pick(r, w, 2) == 1;
	assert_close(ones / 20000.0, 0.75, 0.0155);
	gsl_rng_free(r);
}

static void test_cdf(void **state)
{
	(void)state;
	gsl_rng *r = synth_stream(1, "test", "cdf");
	const double w[5] = {0, 2, 0, 2, 0};
	struct synth_cdf c;
	assert_int_equal(synth_cdf_init(&c, w, 5), 0);
	int three = 0;
	for (int i = 0; i < 20000; i++) {
		size_t k = synth_cdf_draw(&c, r);
		assert_true(k == 1 || k == 3);
		three += k == 3;
	}
	/* P = 1/2, sd 0.0035, tolerance 5 sd */
	assert_close(three / 20000.0, 0.5, 0.0177);
	synth_cdf_free(&c);
	const double zero[2] = {0, 0};
	assert_int_equal(synth_cdf_init(&c, zero, 2), -1);
	synth_cdf_free(&c);
	assert_close(synth_logistic(0), 0.5, 1e-15);
	assert_close(synth_logistic(2), 1 / (1 + 0.1353352832366127), 1e-12); /* e^-2 */
	gsl_rng_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_streams_deterministic),
		cmocka_unit_test(test_pick),
		cmocka_unit_test(test_cdf),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
