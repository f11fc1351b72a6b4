/* Unit tests of stages/trackfit/logit.c. Expected values come from the
 * independent Python 3 (standard library) Newton-Raphson fit in
 * tests/unit/trackfit/expected_logit.py on tests/unit/trackfit/logit_data.tsv
 * (run the script to reproduce them). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "stages/trackfit/logit.h"

#include <gsl/gsl_errno.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { NMAX = 200, P = 4 };

static size_t load(double *x, double *y)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/tests/unit/trackfit/logit_data.tsv", testutil_root());
	FILE *fp = fopen(path, "r");
	assert_non_null(fp);
	char line[256];
	assert_non_null(fgets(line, sizeof line, fp)); /* header */
	size_t n = 0;
	double a, b, c, d;
	while (n < NMAX && fscanf(fp, "%lf %lf %lf %lf", &a, &b, &c, &d) == 4) {
		y[n] = a;
		x[n * P + 0] = 1;
		x[n * P + 1] = b;
		x[n * P + 2] = c;
		x[n * P + 3] = d;
		n++;
	}
	fclose(fp);
	return n;
}

static void test_coefficients_match_python(void **state)
{
	(void)state;
	static double x[NMAX * P], y[NMAX];
	size_t n = load(x, y);
	assert_int_equal(n, 80);
	double beta[P], se[P], ll;
	int it;
	assert_int_equal(logit_fit_irls(x, y, n, P, beta, se, &it, &ll), LOGIT_OK);
	/* expected_logit.py: beta and se */
	const double want_beta[P] = {-1.58528453706, 0.755301651384, -0.774560426667, 0.498312134601};
	const double want_se[P] = {0.705466490645, 0.560189153585, 0.296942456727, 0.156541587405};
	for (int j = 0; j < P; j++) {
		assert_close(beta[j], want_beta[j], 1e-8);
		assert_close(se[j], want_se[j], 1e-8);
	}
	assert_true(it > 2 && it < 20);
	/* held-in AUC and Brier of the fitted probabilities */
	double pred[NMAX];
	for (size_t i = 0; i < n; i++)
		pred[i] = logit_predict(beta, x + i * P, P);
	assert_close(logit_auc(pred, y, n), 0.77304964539, 1e-9);
	assert_close(logit_brier(pred, y, n), 0.190408942487, 1e-9);
}

static void test_auc_ties_and_degenerate(void **state)
{
	(void)state;
	/* by hand (also expected_logit.py): 3.5 of 4 pairs */
	const double pred[] = {0.1, 0.4, 0.4, 0.8}, y[] = {0, 0, 1, 1};
	assert_close(logit_auc(pred, y, 4), 0.875, 1e-15);
	const double all1[] = {1, 1, 1, 1};
	assert_true(isnan(logit_auc(pred, all1, 4)));
	/* Brier by hand: (0.01 + 0.16 + 0.36 + 0.04) / 4 */
	assert_close(logit_brier(pred, y, 4), 0.1425, 1e-15);
	/* perfectly ranked predictions give 1 */
	const double perfect[] = {0.1, 0.2, 0.7, 0.9};
	assert_close(logit_auc(perfect, y, 4), 1.0, 1e-15);
}

static void test_separation_and_singular(void **state)
{
	(void)state;
	/* x separates y completely: the MLE does not exist */
	double x[8 * 2], y[8], beta[2], se[2];
	for (int i = 0; i < 8; i++) {
		x[i * 2] = 1;
		x[i * 2 + 1] = i;
		y[i] = i >= 4;
	}
	enum logit_status s = logit_fit_irls(x, y, 8, 2, beta, se, NULL, NULL);
	assert_true(s == LOGIT_SEPARATION || s == LOGIT_NOT_CONVERGED);
	/* two identical columns: singular */
	double xs[6 * 2], ys[6] = {0, 1, 0, 1, 1, 0};
	for (int i = 0; i < 6; i++)
		xs[i * 2] = xs[i * 2 + 1] = 1;
	assert_int_equal(logit_fit_irls(xs, ys, 6, 2, beta, se, NULL, NULL), LOGIT_SINGULAR);
}

static void test_intercept_only_is_log_odds(void **state)
{
	(void)state;
	/* by hand: 3 of 10 -> beta = log(3/7), se = 1/sqrt(n p (1-p)) */
	double x[10], y[10], beta[1], se[1];
	for (int i = 0; i < 10; i++) {
		x[i] = 1;
		y[i] = i < 3;
	}
	assert_int_equal(logit_fit_irls(x, y, 10, 1, beta, se, NULL, NULL), LOGIT_OK);
	assert_close(beta[0], log(3.0 / 7.0), 1e-10);
	assert_close(se[0], 1 / sqrt(10 * 0.3 * 0.7), 1e-10);
}

int main(void)
{
	gsl_set_error_handler_off(); /* as every stage's main does */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_coefficients_match_python),
		cmocka_unit_test(test_auc_ties_and_degenerate),
		cmocka_unit_test(test_separation_and_singular),
		cmocka_unit_test(test_intercept_only_is_log_odds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
