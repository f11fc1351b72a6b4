/* Unit tests of stages/shortage/winsor.c (Kokic-Bell type II
 * winsorisation and the size cap). Expected values:
 * tests/unit/shortage/expected_winsor.py (Python standard library; L by
 * bisection, not by the Newton steps of the C code); the hand case is also
 * worked out in the comments. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "stages/shortage/winsor.h"

#include <math.h>

static double weighted_total(size_t n, const double *w, const double *y)
{
	double t = 0;
	for (size_t i = 0; i < n; i++)
		t += w[i] * y[i];
	return t;
}

static void test_hand(void **state)
{
	(void)state;
	/* mu = weighted mean 36/4 = 9; d = 4 (y - 9) = (-32, -28, -24, 84);
	 * one d above L: L = 84 / 2 = 42 (and 42 > -24, so it is the root);
	 * K = 9 + 42/4 = 19.5; y4* = 19.5 + (30 - 19.5)/5 = 21.6;
	 * total 5 * 36 = 180 -> 5 * (6 + 21.6) = 138 = 180 - 42 */
	const double y[4] = { 1, 2, 3, 30 }, w[4] = { 5, 5, 5, 5 };
	double out[4], L;
	assert_int_equal(winsor_kb(4, y, w, NULL, out, &L), 0);
	assert_close(L, 42, 1e-12);
	assert_close(winsor_cutoff(L, 5, 9), 19.5, 1e-12);
	assert_close(out[0], 1, 0);
	assert_close(out[1], 2, 0);
	assert_close(out[2], 3, 0);
	assert_close(out[3], 21.6, 1e-12);
	assert_close(weighted_total(4, w, out), 138, 1e-11);
	assert_close(winsor_kb_constant(4, y, w, NULL), 42, 1e-12);
}

/* Case P of expected_winsor.py: strata A (w 4), B (w 12.5), take-all C (w 1) */
static const double Py[13] = { 0, 2, 3, 5, 1, 148, 10, 0, 7, 60, 4, 300, 120 };
static const double Pw[13] = { 4, 4, 4, 4, 4, 4, 12.5, 12.5, 12.5, 12.5, 12.5, 1, 1 };
static const double Pmu[13] = { 26.5, 26.5, 26.5, 26.5, 26.5, 26.5, 16.2, 16.2, 16.2, 16.2, 16.2,
				210, 210 };

static void test_python_strata(void **state)
{
	(void)state;
	double out[13], L;
	assert_int_equal(winsor_kb(13, Py, Pw, Pmu, out, &L), 0);
	assert_close(L, 289.4, 1e-10);
	assert_close(winsor_cutoff(L, 4, 26.5), 122.96666666666665, 1e-10);
	assert_close(winsor_cutoff(L, 12.5, 16.2), 41.36521739130434, 1e-10);
	for (size_t i = 0; i < 13; i++) {
		if (i == 5)
			assert_close(out[i], 129.225, 1e-10);
		else if (i == 9)
			assert_close(out[i], 42.855999999999995, 1e-10);
		else
			assert_close(out[i], Py[i], 0);
	}
	/* the winsorised total is the plain total minus L */
	assert_close(weighted_total(13, Pw, Py) - weighted_total(13, Pw, out), L, 1e-10);
}

static void test_python_weighted_mean(void **state)
{
	(void)state;
	const double y[8] = { 3, 0, 12, 1, 60, 5, 2, 9 };
	const double w[8] = { 2.5, 2.5, 7, 7, 7, 1, 1.2, 3 };
	double out[8], L;
	assert_int_equal(winsor_kb(8, y, w, NULL, out, &L), 0);
	assert_close(L, 126.83653846153845, 1e-10);
	for (size_t i = 0; i < 8; i++) {
		if (i == 4)
			assert_close(out[i], 41.880494505494504, 1e-10);
		else
			assert_close(out[i], y[i], 0);
	}
	/* in place */
	double z[8];
	for (size_t i = 0; i < 8; i++)
		z[i] = y[i];
	assert_int_equal(winsor_kb(8, z, w, NULL, z, NULL), 0);
	for (size_t i = 0; i < 8; i++)
		assert_close(z[i], out[i], 0);
}

static void test_weight_one_unchanged(void **state)
{
	(void)state;
	/* units of weight 1 represent only themselves, however large */
	const double y[4] = { 1, 5000, 2, 3 }, w1[4] = { 1, 1, 1, 1 };
	double out[4], L;
	assert_int_equal(winsor_kb(4, y, w1, NULL, out, &L), 0);
	assert_close(L, 0, 0);
	for (size_t i = 0; i < 4; i++)
		assert_close(out[i], y[i], 0);
	const double w[4] = { 3, 1, 3, 3 };
	assert_int_equal(winsor_kb(4, y, w, NULL, out, &L), 0);
	assert_close(out[1], 5000, 0);
	assert_true(isinf(winsor_cutoff(L, 1, 10)));
	assert_close(winsor_value(1e9, 1, 0), 1e9, 0);
	/* equal values: no unit above the mean, nothing changes */
	const double yc[3] = { 4, 4, 4 }, wc[3] = { 10, 20, 30 };
	assert_close(winsor_kb_constant(3, yc, wc, NULL), 0, 0);
	assert_close(winsor_kb_constant(0, NULL, NULL, NULL), 0, 0);
}

static void test_monotone(void **state)
{
	(void)state;
	/* winsor_value at a fixed cutoff: continuous, nondecreasing, <= y */
	double prev = -INFINITY;
	for (int i = 0; i <= 400; i++) {
		double y = i * 0.25, v = winsor_value(y, 7, 40);
		assert_true(v >= prev);
		assert_true(v <= y);
		if (y <= 40)
			assert_close(v, y, 0);
		else
			assert_true(v >= 40);
		prev = v;
	}
	/* the whole rule, sweeping one unit's value: with the stratum means
	 * fixed (case P, unit 9) and with the weighted mean (case Q, unit 4) */
	double y[13], out[13];
	for (size_t i = 0; i < 13; i++)
		y[i] = Py[i];
	prev = -INFINITY;
	for (int s = 0; s <= 300; s++) {
		y[9] = s;
		assert_int_equal(winsor_kb(13, y, Pw, Pmu, out, NULL), 0);
		assert_true(out[9] >= prev);
		prev = out[9];
	}
	double q[8] = { 3, 0, 12, 1, 60, 5, 2, 9 }, qo[8];
	const double qw[8] = { 2.5, 2.5, 7, 7, 7, 1, 1.2, 3 };
	prev = -INFINITY;
	for (int s = 0; s <= 300; s++) {
		q[4] = s * 0.5;
		assert_int_equal(winsor_kb(8, q, qw, NULL, qo, NULL), 0);
		assert_true(qo[4] >= prev);
		prev = qo[4];
	}
}

static void test_total_never_increases(void **state)
{
	(void)state;
	/* deterministic pseudo-random groups (LCG): skewed values, weights 1..40 */
	unsigned long x = 12345;
	for (int rep = 0; rep < 200; rep++) {
		double y[30], w[30], out[30], L;
		size_t n = 2 + (size_t)(rep % 29);
		for (size_t i = 0; i < n; i++) {
			x = x * 6364136223846793005UL + 1442695040888963407UL;
			double u = (double)(x >> 11) / 9007199254740992.0;
			y[i] = floor(1 / (1 - u * 0.999) - 1);  /* heavy tail */
			w[i] = 1 + (double)((x >> 3) % 40);
		}
		assert_int_equal(winsor_kb(n, y, w, NULL, out, &L), 0);
		double t = weighted_total(n, w, y), tw = weighted_total(n, w, out);
		assert_true(L >= 0);
		assert_true(tw <= t + 1e-9 * (1 + t));
		assert_close(t - tw, L, 1e-9 * (1 + t));
		for (size_t i = 0; i < n; i++)
			assert_true(out[i] <= y[i]);
	}
}

static void test_cap(void **state)
{
	(void)state;
	const double y[4] = { 5, 12, 3, 7 }, size[4] = { 10, 8, NAN, 7 };
	double out[4];
	unsigned char capped[4];
	assert_int_equal(winsor_cap(4, y, size, 1, out, capped), 1);
	const double want1[4] = { 5, 8, 3, 7 };
	for (size_t i = 0; i < 4; i++) {
		assert_close(out[i], want1[i], 0);
		assert_int_equal(capped[i], i == 1);
	}
	assert_int_equal(winsor_cap(4, y, size, 0.5, out, capped), 2);
	const double want2[4] = { 5, 4, 3, 3.5 };  /* NaN size: left alone */
	for (size_t i = 0; i < 4; i++) {
		assert_close(out[i], want2[i], 0);
		assert_int_equal(capped[i], i == 1 || i == 3);
	}
	double z[4] = { 5, 12, 3, 7 };
	assert_int_equal(winsor_cap(4, z, size, 1, z, NULL), 1);
	assert_close(z[1], 8, 0);
	assert_int_equal(winsor_cap(4, y, size, 0, out, capped), (size_t)-1);
	assert_int_equal(winsor_cap(4, y, size, NAN, out, capped), (size_t)-1);
}

static void test_invalid(void **state)
{
	(void)state;
	const double y[3] = { 1, NAN, 3 }, w[3] = { 2, 2, 2 }, wneg[3] = { 2, -1, 2 };
	const double ok[3] = { 1, 2, 3 }, mu[3] = { 1, INFINITY, 1 };
	double out[3] = { -7, -7, -7 }, L;
	assert_true(isnan(winsor_kb_constant(3, y, w, NULL)));
	assert_true(isnan(winsor_kb_constant(3, ok, wneg, NULL)));
	assert_true(isnan(winsor_kb_constant(3, ok, w, mu)));
	assert_int_equal(winsor_kb(3, y, w, NULL, out, &L), -1);
	assert_true(isnan(L));
	assert_close(out[0], -7, 0);  /* untouched */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hand),
		cmocka_unit_test(test_python_strata),
		cmocka_unit_test(test_python_weighted_mean),
		cmocka_unit_test(test_weight_one_unchanged),
		cmocka_unit_test(test_monotone),
		cmocka_unit_test(test_total_never_increases),
		cmocka_unit_test(test_cap),
		cmocka_unit_test(test_invalid),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
