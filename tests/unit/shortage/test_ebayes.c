/* Unit tests of stages/shortage/ebayes.c (Poisson-gamma empirical Bayes).
 * Expected values: tests/unit/shortage/expected_ebayes.py (Python standard
 * library, no GSL: incomplete gamma by series and continued fraction,
 * quantiles by bisection, digamma/trigamma by series checked by numerical
 * integration); the hand case is also worked out in the comments. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "stages/shortage/ebayes.h"

#include <gsl/gsl_errno.h>
#include <math.h>

#define EULER_GAMMA 0.5772156649015329

/* Hand case: O = (1, 4, 7), e = (4, 4, 4), m = 1, and a 4th unit with e = 0.
 * E = e m = 4 each, sum O = sum E = 12, rbar = 1; r = (1/4, 1, 7/4);
 * s^2 = 4 (9/16 + 0 + 9/16) / 12 = 3/8; mean E = 4;
 * phi = 3/8 - 1/4 = 1/8; nu = 8. */
static const double hO[4] = { 1, 4, 7, 0 }, he[4] = { 4, 4, 4, 0 }, hm[4] = { 1, 1, 1, 1 };

static void test_fit_hand(void **state)
{
	(void)state;
	struct eb_gamma f;
	assert_int_equal(eb_gamma_fit(4, hO, he, hm, &f), 0);
	assert_int_equal(f.used, 3);
	assert_false(f.no_extra_variation);
	assert_close(f.rbar, 1, 1e-15);
	assert_close(f.phi, 0.125, 1e-15);
	assert_close(f.nu, 8, 1e-13);

	double mean, lo, hi, var;
	/* unit 1: Gamma(1 + 8, rate 4 + 8/1) = Gamma(9, 12): mean 3/4, var 9/144 */
	eb_gamma_posterior(&f, 1, 4, 1, 0.95, &mean, &lo, &hi, &var);
	assert_close(mean, 0.75, 1e-14);
	assert_close(var, 0.0625, 1e-14);
	assert_close(lo, 0.34294775811486095, 1e-12);
	assert_close(hi, 1.313599101682776, 1e-12);
	/* unit 3: (7 + 8) / 12 */
	eb_gamma_posterior(&f, 7, 4, 1, 0.95, &mean, NULL, NULL, NULL);
	assert_close(mean, 1.25, 1e-14);
}

static void test_zero_exposure_is_prior(void **state)
{
	(void)state;
	struct eb_gamma f;
	assert_int_equal(eb_gamma_fit(4, hO, he, hm, &f), 0);
	double mean, lo, hi, var;
	/* unit 4: e = 0 leaves the prior Gamma(8, rate 8): mean 1, var 1/8 */
	eb_gamma_posterior(&f, 0, 0, 1, 0.90, &mean, &lo, &hi, &var);
	assert_close(mean, 1, 1e-14);
	assert_close(var, 0.125, 1e-14);
	assert_close(lo, 0.4976028482736594, 1e-12);
	assert_close(hi, 1.6435142253040143, 1e-12);
	/* a prior mean other than 1 scales the prior: Gamma(8, rate 8/2.5) */
	eb_gamma_posterior(&f, 0, 0, 2.5, 0.90, &mean, &lo, &hi, &var);
	assert_close(mean, 2.5, 1e-14);
	assert_close(lo, 2.5 * 0.4976028482736594, 1e-12);
	assert_close(hi, 2.5 * 1.6435142253040143, 1e-12);
	/* O > 0 with e = 0 cannot happen under Poisson(e theta) */
	eb_gamma_posterior(&f, 2, 0, 1, 0.90, &mean, &lo, &hi, &var);
	assert_true(isnan(mean) && isnan(lo) && isnan(hi) && isnan(var));
}

static void test_fit_python(void **state)
{
	(void)state;
	/* 16 units, unequal m; unit 15 has e = 0 */
	const double O[16] = { 0, 3, 12, 7, 25, 1, 9, 14, 2, 40, 5, 6, 18, 11, 4, 0 };
	const double e[16] = { 2.1, 4.0, 6.5, 3.2, 10.0, 1.5, 8.3, 5.0, 2.7, 20.4, 6.1, 3.3, 9.9,
			       12.0, 1.2, 0.0 };
	const double m[16] = { 0.8, 1.1, 1.3, 0.9, 1.2, 0.7, 1.0, 1.5, 0.6, 1.4, 0.9, 1.1, 1.0,
			       0.85, 1.25, 1.2 };
	struct eb_gamma f;
	assert_int_equal(eb_gamma_fit(16, O, e, m, &f), 0);
	assert_int_equal(f.used, 15);
	assert_close(f.rbar, 1.4650989175065323, 1e-14);
	assert_close(f.phi, 0.011675552417448637, 1e-15);
	assert_close(f.nu, 85.64905233139469, 1e-10);

	static const struct {
		int i;
		double conf, mean, lo, hi, var, mlog, vlog;
	} want[] = {
		{ 0, 0.95, 0.7846099326155538, 0.627283664965366, 0.9592748427355736,
		  0.007187618888963828, -0.24841772175358923, 0.01174397693802274 },
		{ 4, 0.95, 1.3597557746598274, 1.118229881054467, 1.6245454391038494,
		  0.016709910548381127, 0.30277950820361355, 0.009078545031540868 },
		{ 9, 0.95, 1.540234067904943, 1.282713877591726, 1.820961756200321,
		  0.018880532243714034, 0.4279497810662969, 0.007990429498690825 },
		{ 15, 0.95, 1.2, 0.9593816833915482, 1.4671364246502896,
		  0.016812795481126033, 0.17647242086305415, 0.01174397693802274 },
		{ 2, 0.80, 1.3490440645857629, 1.177312509220408, 1.5266907236580691,
		  0.018637353304953298, 0.29426712459921767, 0.010293370307970711 },
	};
	for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
		int i = want[k].i;
		double mean, lo, hi, var, ml, vl;
		eb_gamma_posterior(&f, O[i], e[i], m[i], want[k].conf, &mean, &lo, &hi, &var);
		eb_gamma_log_posterior(&f, O[i], e[i], m[i], &ml, &vl);
		assert_close(mean, want[k].mean, 1e-12);
		assert_close(lo, want[k].lo, 1e-11);
		assert_close(hi, want[k].hi, 1e-11);
		assert_close(var, want[k].var, 1e-13);
		assert_close(ml, want[k].mlog, 1e-12);
		assert_close(vl, want[k].vlog, 1e-13);
	}
}

static void test_no_extra_variation(void **state)
{
	(void)state;
	/* O = 2 e m: every r_i = 2, so s^2 = 0 and phi = -2 / mean(e m) < 0 */
	const double O[3] = { 4, 4, 4 }, e[3] = { 4, 1, 2 }, m[3] = { 0.5, 2, 1 };
	struct eb_gamma f;
	assert_int_equal(eb_gamma_fit(3, O, e, m, &f), 0);
	assert_true(f.no_extra_variation);
	assert_true(isinf(f.nu));
	assert_close(f.phi, -2.0 / 2, 1e-15);  /* mean(e m) = 2 */
	double mean, lo, hi, var, ml, vl;
	eb_gamma_posterior(&f, O[1], e[1], m[1], 0.95, &mean, &lo, &hi, &var);
	assert_close(mean, 2, 0);
	assert_close(lo, 2, 0);
	assert_close(hi, 2, 0);
	assert_close(var, 0, 0);
	eb_gamma_log_posterior(&f, O[1], e[1], m[1], &ml, &vl);
	assert_close(ml, log(2), 0);
	assert_close(vl, 0, 0);
	/* Poisson noise only (phi < 0 though the r_i differ): also the prior mean */
	const double O2[3] = { 3, 5, 4 }, e2[3] = { 4, 4, 4 }, m2[3] = { 1, 1, 1 };
	assert_int_equal(eb_gamma_fit(3, O2, e2, m2, &f), 0);
	assert_true(f.no_extra_variation);  /* s^2 = 1/24 < rbar / 4 = 1/4 */
	eb_gamma_posterior(&f, 5, 4, 1, 0.95, &mean, NULL, NULL, NULL);
	assert_close(mean, 1, 0);
}

static void test_log_hand(void **state)
{
	(void)state;
	struct eb_gamma f;
	assert_int_equal(eb_gamma_fit(4, hO, he, hm, &f), 0);
	double ml, vl;
	/* unit 1: Gamma(9, 12); psi(9) = -gamma + H_8, H_8 = 761/280;
	 * psi_1(9) = pi^2/6 - sum_{k=1}^{8} 1/k^2 */
	eb_gamma_log_posterior(&f, 1, 4, 1, &ml, &vl);
	double s = 0;
	for (int k = 1; k <= 8; k++)
		s += 1.0 / (k * k);
	assert_close(ml, -EULER_GAMMA + 761.0 / 280 - log(12), 1e-13);
	assert_close(ml, -0.3442651718323906, 1e-13);  /* expected_ebayes.py */
	assert_close(vl, M_PI * M_PI / 6 - s, 1e-13);
	/* log E theta > E log theta (Jensen) */
	assert_true(ml < log(0.75));
}

static void test_extreme_shapes(void **state)
{
	(void)state;
	double mean, lo, hi, var;
	/* shape 0.05, where gsl_cdf_gamma_Pinv returns NaN */
	struct eb_gamma f = { .nu = 0.05, .used = 2, .rbar = 1, .phi = 20 };
	eb_gamma_posterior(&f, 0, 0, 1, 0.95, &mean, &lo, &hi, &var);
	assert_close(mean, 1, 1e-15);
	assert_close(var, 20, 1e-12);
	assert_close(lo / 1.0631323779828695e-31, 1, 1e-11);
	assert_close(hi, 11.343475235077305, 1e-11);
	/* shape 1e10 (phi near 0): the interval is the normal one,
	 * mean +- 1.959964 sd, up to the skewness 2/sqrt(a) = 2e-5 */
	f.nu = 1e10;
	eb_gamma_posterior(&f, 3, 2, 1.5, 0.95, &mean, &lo, &hi, &var);
	double sd = sqrt(var);
	assert_true(lo < mean && mean < hi);
	assert_close((mean - lo) / sd, 1.959963984540054, 1e-4);
	assert_close((hi - mean) / sd, 1.959963984540054, 1e-4);
}

static void test_errors(void **state)
{
	(void)state;
	struct eb_gamma f;
	const double O[3] = { 1, 2, 3 }, e1[3] = { 0, 2, 0 }, e[3] = { 1, 2, 3 }, m[3] = { 1, 1, 1 };
	/* only one unit with e > 0 */
	assert_int_equal(eb_gamma_fit(3, O, e1, m, &f), -1);
	assert_int_equal(f.used, 1);
	assert_true(isnan(f.nu));
	double mean, lo, hi, var, ml, vl;
	eb_gamma_posterior(&f, 1, 1, 1, 0.95, &mean, &lo, &hi, &var);
	assert_true(isnan(mean) && isnan(lo) && isnan(hi) && isnan(var));
	eb_gamma_log_posterior(&f, 1, 1, 1, &ml, &vl);
	assert_true(isnan(ml) && isnan(vl));
	/* invalid inputs */
	const double Oneg[3] = { 1, -2, 3 }, m0[3] = { 1, 0, 1 };
	assert_int_equal(eb_gamma_fit(3, Oneg, e, m, &f), -1);
	assert_int_equal(eb_gamma_fit(3, O, e, m0, &f), -1);
	assert_int_equal(eb_gamma_fit(0, NULL, NULL, NULL, &f), -1);
	/* a valid fit; a level outside (0, 1) gives no interval */
	assert_int_equal(eb_gamma_fit(4, hO, he, hm, &f), 0);
	eb_gamma_posterior(&f, 1, 4, 1, 1.0, &mean, &lo, &hi, &var);
	assert_close(mean, 0.75, 1e-14);
	assert_true(isnan(lo) && isnan(hi));
	eb_gamma_posterior(&f, 1, 4, -1, 0.9, &mean, &lo, &hi, &var);
	assert_true(isnan(mean));
}

int main(void)
{
	gsl_set_error_handler_off();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fit_hand),
		cmocka_unit_test(test_zero_exposure_is_prior),
		cmocka_unit_test(test_fit_python),
		cmocka_unit_test(test_no_extra_variation),
		cmocka_unit_test(test_log_hand),
		cmocka_unit_test(test_extreme_shapes),
		cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
