/* Unit tests of stages/shortage/fayherriot.c (Fay-Herriot model, REML and
 * moment estimators, EBLUP, MSE).
 * Expected values: the equal-psi cases are computed by hand below; the
 * others come from tests/unit/shortage/expected_fayherriot.py (an
 * independent numpy implementation: REML as the root of the complex-step
 * derivative of the dense restricted log-likelihood, FH moment by
 * least squares and bisection), printed with 15 significant digits.
 * tests/unit/shortage/expected_fayherriot.R recomputes the same fixtures in
 * base R (uniroot on the dense-matrix REML score and on the moment
 * equation); it agrees with the Python values to within 1e-13. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "stages/shortage/fayherriot.h"

#include <gsl/gsl_errno.h>
#include <math.h>
#include <string.h>

/* Fixture 1, by hand: intercept only, y = 1..5, equal psi. With V = (A+psi) I
 * beta~ = ybar = 3 for every A and S = sum (y - ybar)^2 = 10, s^2 = S/4 = 2.5.
 * Both the REML and the FH moment equation reduce to S/(A+psi) = m - 1, so
 * A = max(0, s^2 - psi).
 * psi = 0.5: A = 2, gamma = 0.8, theta_i = 0.8 y_i + 0.6, Q = (A+psi)/m = 0.5;
 *   g1 = A psi/(A+psi) = 0.4, g2 = 0.2^2 * 0.5 = 0.02,
 *   Vbar = 2/(m/(A+psi)^2) = 2.5 (REML) = 2m/(m/(A+psi))^2 (FH), so
 *   g3 = 0.04 * 2.5/2.5 = 0.04; b = 0 for equal psi; mse = 0.4+0.02+0.08 = 0.5.
 *   Synthetic: theta = 3, mse = A + Q = 2.5.
 * psi = 3: s^2 - psi < 0, A = 0, gamma = 0, theta_i = 3, Q = psi/m = 0.6,
 *   Vbar = 2 psi^2/m = 3.6, g3 = 3.6/3 = 1.2, mse = 0.6 + 2.4 = 3;
 *   synthetic mse = 0 + 0.6. */
static const double yfix1[5] = { 1, 2, 3, 4, 5 };
static const double ones5[5] = { 1, 1, 1, 1, 1 };

static void check_equal_psi(enum fh_method method)
{
	const double psi[5] = { 0.5, 0.5, 0.5, 0.5, 0.5 };
	struct fh_fit fit;
	assert_int_equal(fh_fit(5, 1, yfix1, psi, ones5, method, &fit), 0);
	assert_true(fit.converged);
	assert_close(fit.A, 2, 1e-9);
	assert_close(fit.beta[0], 3, 1e-12);
	assert_close(fit.beta_cov[0], 0.5, 1e-9);
	assert_close(fit.bias, 0, 1e-12);
	for (int i = 0; i < 5; i++) {
		double theta, mse, gamma;
		fh_eblup(&fit, yfix1[i], psi[i], &ones5[i], &theta, &mse, &gamma);
		assert_close(gamma, 0.8, 1e-9);
		assert_close(theta, 0.8 * yfix1[i] + 0.6, 1e-9);
		assert_close(mse, 0.5, 1e-9);
	}
	double theta, mse;
	fh_synthetic(&fit, ones5, &theta, &mse);
	assert_close(theta, 3, 1e-12);
	assert_close(mse, 2.5, 1e-9);
	fh_fit_free(&fit);
	fh_fit_free(&fit); /* safe twice */
}

static void test_equal_psi_reml(void **state)
{
	(void)state;
	check_equal_psi(FH_REML);
}

static void test_equal_psi_moment(void **state)
{
	(void)state;
	check_equal_psi(FH_MOMENT);
}

static void check_equal_psi_truncated(enum fh_method method)
{
	const double psi[5] = { 3, 3, 3, 3, 3 };
	struct fh_fit fit;
	assert_int_equal(fh_fit(5, 1, yfix1, psi, ones5, method, &fit), 0);
	assert_true(fit.converged);
	assert_true(fit.A == 0);
	assert_close(fit.beta[0], 3, 1e-12);
	for (int i = 0; i < 5; i++) {
		double theta, mse, gamma;
		fh_eblup(&fit, yfix1[i], psi[i], &ones5[i], &theta, &mse, &gamma);
		assert_true(gamma == 0);
		assert_close(theta, 3, 1e-12);
		assert_close(mse, 3, 1e-12);
	}
	double theta, mse;
	fh_synthetic(&fit, ones5, &theta, &mse);
	assert_close(theta, 3, 1e-12);
	assert_close(mse, 0.6, 1e-12);
	fh_fit_free(&fit);
}

static void test_equal_psi_truncated(void **state)
{
	(void)state;
	check_equal_psi_truncated(FH_REML);
	check_equal_psi_truncated(FH_MOMENT);
}

/* Fixtures 2 and 3 (expected_fayherriot.py): m = 10, intercept + x. */
static const double x2[10] = { 1.2, 2.0, 2.9, 3.5, 4.1, 5.0, 5.8, 6.4, 7.7, 8.3 };
static const double psi2[10] = { 0.8, 1.5, 0.4, 2.2, 0.9, 1.1, 0.3, 1.8, 0.6, 1.3 };
static const double y2[10] = { 2.9, 1.6, 3.8, 5.9, 3.2, 4.4, 6.3, 3.9, 7.1, 5.2 };
static const double y3[10] = { 1.7, 1.9, 2.6, 2.5, 3.1, 3.4, 3.9, 4.1, 4.9, 5.2 };

struct expected {
	double A, beta[2], beta_cov[4], gamma[10], theta[10], mse[10];
	double syn_theta, syn_mse;  /* out of sample at x = 6 */
};

static const struct expected fix2_reml = {
	0.423850124242875,
	{ 1.95694872483775, 0.565960823850401 },
	{ 0.716898083023188, -0.124529479262647, -0.124529479262647, 0.0263934137995341 },
	{ 0.34632518790247, 0.220313484351947, 0.514474795561142, 0.161537475150254,
	  0.320164735026391, 0.278144233149874, 0.585549563435123, 0.19059293592781,
	  0.413976727849994, 0.245874115320224 },
	{ 2.72749633713195, 2.7608521530162, 3.70203806247817, 4.25477856687622,
	  3.93244642622707, 4.67917977085188, 5.86048422402117, 5.25907378043004,
	  6.6398821099359, 6.2968184559927 },
	{ 0.672605150077678, 0.709279728649244, 0.42132297206077, 0.62785936153526,
	  0.553262901389912, 0.571001428005843, 0.339588758546347, 0.646048852864799,
	  0.566198965276131, 0.775394067542723 },
	5.35271366794016, 0.59655735289752,
};

static const struct expected fix2_moment = {
	0.48533314342564,
	{ 1.96025231236689, 0.562850616548402 },
	{ 0.753082164976362, -0.130749404090814, -0.130749404090814, 0.0277238608188549 },
	{ 0.377593269035404, 0.244459296432341, 0.548192674169781, 0.180734798069228,
	  0.350336773308918, 0.306139530002455, 0.617996512038963, 0.212368662670398,
	  0.447174350443018, 0.271844582739554 },
	{ 2.7354811285295, 2.7226983872085, 3.70625860957156, 4.28623554921682,
	  3.89380124250626, 4.65985448946688, 5.88926445904386, 5.20943415121191,
	  6.6545342302915, 6.24265479274219 },
	{ 0.69648770201155, 0.752353526894403, 0.429245774105949, 0.675688981574358,
	  0.587141850945642, 0.610193829331877, 0.342539366062384, 0.692719600936793,
	  0.582779153760332, 0.814250818041459 },
	5.3373560116573, 0.667481448791008,
};

/* A = 0: the REML and moment fits share A, beta, Q and the synthetic
 * values; the MSE differs by Vbar and the FH bias term b(0). */
#define FIX3_COMMON \
	0, \
	{ 1.07278278138471, 0.490278168594571 }, \
	{ 0.4531394380452, -0.0793354934905528, -0.0793354934905528, 0.0166742833110919 }, \
	{ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, \
	{ 1.66111658369819, 2.05333911857385, 2.49458947030896, 2.78875637146571, \
	  3.08292327262245, 3.52417362435756, 3.91639615923322, 4.21056306038996, \
	  4.8479246795629, 5.14209158071965 }

static const struct expected fix3_reml = {
	FIX3_COMMON,
	{ 0.484265808618178, 0.3078389103846, 0.528265472410941, 0.173876622165782,
	  0.258456948977528, 0.22029292190412, 0.620492169426138, 0.208410693336152,
	  0.483351878448436, 0.406412753853811 },
	4.01445179295213, 0.101387715357875,
};

static const struct expected fix3_moment = {
	FIX3_COMMON,
	{ 0.505017357162732, 0.287179931743412, 0.637753864924942, 0.138159270002506,
	  0.269348848192144, 0.216843513002462, 0.789138457919772, 0.179863995231013,
	  0.533682374982806, 0.393034747025501 },
	4.01445179295213, 0.101387715357875,
};

static void check_fixture(const double *y, enum fh_method method, const struct expected *e)
{
	double X[20];
	for (int i = 0; i < 10; i++) {
		X[2 * i] = 1;
		X[2 * i + 1] = x2[i];
	}
	struct fh_fit fit;
	assert_int_equal(fh_fit(10, 2, y, psi2, X, method, &fit), 0);
	assert_true(fit.converged);
	assert_int_equal(fit.m, 10);
	assert_int_equal(fit.p, 2);
	assert_close(fit.A, e->A, 1e-9);
	for (int a = 0; a < 2; a++)
		assert_close(fit.beta[a], e->beta[a], 1e-9);
	for (int a = 0; a < 4; a++)
		assert_close(fit.beta_cov[a], e->beta_cov[a], 1e-9);
	for (int i = 0; i < 10; i++) {
		double theta, mse, gamma;
		fh_eblup(&fit, y[i], psi2[i], &X[2 * i], &theta, &mse, &gamma);
		assert_close(gamma, e->gamma[i], 1e-9);
		assert_close(theta, e->theta[i], 1e-9);
		assert_close(mse, e->mse[i], 1e-9);
	}
	double xnew[2] = { 1, 6 }, theta, mse;
	fh_synthetic(&fit, xnew, &theta, &mse);
	assert_close(theta, e->syn_theta, 1e-9);
	assert_close(mse, e->syn_mse, 1e-9);
	fh_fit_free(&fit);
}

static void test_unequal_psi_reml(void **state)
{
	(void)state;
	check_fixture(y2, FH_REML, &fix2_reml);
}

static void test_unequal_psi_moment(void **state)
{
	(void)state;
	check_fixture(y2, FH_MOMENT, &fix2_moment);
}

static void test_unequal_psi_truncated(void **state)
{
	(void)state;
	check_fixture(y3, FH_REML, &fix3_reml);
	check_fixture(y3, FH_MOMENT, &fix3_moment);
}

static void test_errors(void **state)
{
	(void)state;
	struct fh_fit fit;
	const double X22[4] = { 1, 0, 1, 1 }, y2v[2] = { 1, 2 }, p2[2] = { 1, 1 };
	/* m <= p */
	assert_int_equal(fh_fit(2, 2, y2v, p2, X22, FH_REML, &fit), -1);
	assert_null(fit.beta);
	assert_int_equal(fh_fit(0, 1, y2v, p2, X22, FH_MOMENT, &fit), -1);
	assert_int_equal(fh_fit(2, 0, y2v, p2, X22, FH_REML, &fit), -1);
	fh_fit_free(&fit); /* harmless after a failure */
	/* psi not positive and finite; y or x not finite */
	double psi[5] = { 0.5, 0.5, 0.5, 0.5, 0.5 };
	const double bad[4] = { 0, -1, NAN, INFINITY };
	for (int k = 0; k < 4; k++) {
		psi[2] = bad[k];
		assert_int_equal(fh_fit(5, 1, yfix1, psi, ones5, FH_REML, &fit), -1);
		assert_int_equal(fh_fit(5, 1, yfix1, psi, ones5, FH_MOMENT, &fit), -1);
	}
	psi[2] = 0.5;
	double y[5] = { 1, 2, NAN, 4, 5 }, x[5] = { 1, 1, 1, INFINITY, 1 };
	assert_int_equal(fh_fit(5, 1, y, psi, ones5, FH_REML, &fit), -1);
	assert_int_equal(fh_fit(5, 1, yfix1, psi, x, FH_REML, &fit), -1);
	/* X'V^-1X singular: a repeated column, and a zero column */
	double Xs[10];
	for (int i = 0; i < 5; i++)
		Xs[2 * i] = Xs[2 * i + 1] = 1;
	assert_int_equal(fh_fit(5, 2, yfix1, psi, Xs, FH_REML, &fit), -1);
	assert_int_equal(fh_fit(5, 2, yfix1, psi, Xs, FH_MOMENT, &fit), -1);
	for (int i = 0; i < 5; i++)
		Xs[2 * i + 1] = 0;
	assert_int_equal(fh_fit(5, 2, yfix1, psi, Xs, FH_REML, &fit), -1);
	/* collinear but not identical columns: x2 = 3 x1 + 0 */
	for (int i = 0; i < 5; i++) {
		Xs[2 * i] = i + 0.1;
		Xs[2 * i + 1] = 3 * (i + 0.1);
	}
	assert_int_equal(fh_fit(5, 2, yfix1, psi, Xs, FH_MOMENT, &fit), -1);
}

static void test_eblup_bad_psi(void **state)
{
	(void)state;
	const double psi[5] = { 0.5, 0.5, 0.5, 0.5, 0.5 };
	struct fh_fit fit;
	assert_int_equal(fh_fit(5, 1, yfix1, psi, ones5, FH_REML, &fit), 0);
	double theta, mse, gamma;
	fh_eblup(&fit, 1, 0, ones5, &theta, &mse, &gamma);
	assert_true(isnan(theta) && isnan(mse) && isnan(gamma));
	fh_eblup(&fit, 1, -2, ones5, &theta, &mse, NULL);
	assert_true(isnan(theta) && isnan(mse));
	/* an area outside the fit with its own psi: gamma = 2/(2+2) */
	fh_eblup(&fit, 7, 2, ones5, &theta, &mse, &gamma);
	assert_close(gamma, 0.5, 1e-9);
	assert_close(theta, 0.5 * 7 + 0.5 * 3, 1e-9);
	/* g1 = 1, g2 = 0.25 * 0.5, g3 = 0.25 * 2.5 / 4 */
	assert_close(mse, 1 + 0.125 + 2 * 0.15625, 1e-9);
	fh_fit_free(&fit);
}

int main(void)
{
	gsl_set_error_handler_off(); /* as every stage's main does */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_equal_psi_reml),
		cmocka_unit_test(test_equal_psi_moment),
		cmocka_unit_test(test_equal_psi_truncated),
		cmocka_unit_test(test_unequal_psi_reml),
		cmocka_unit_test(test_unequal_psi_moment),
		cmocka_unit_test(test_unequal_psi_truncated),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_eblup_bad_psi),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
