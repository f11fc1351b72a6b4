/* Unit tests of stages/shortage/credible.c (the credible-shortage model).
 * Expected values: tests/unit/shortage/expected_credible.py (plain Python;
 * numpy.cov and numpy.linalg.eigh, not GSL, for the loadings), printed
 * there with 15 significant digits; the simplest cases are also worked by
 * hand in the comments here. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "stages/shortage/credible.h"

#include <gsl/gsl_errno.h>
#include <math.h>
#include <string.h>

/* ---- cred_normal_tau2 ---------------------------------------------------- */

static const double ty[4] = { 1, 3, -2, 0 };
static const double tm[4] = { 0, 1, 0, 1 };
static const double tv[4] = { 0.5, 0.5, 1, 0.2 };
static const double tmv[4] = { 0.1, 0.2, 0.3, 0.4 };

static void test_tau2_moment(void **state)
{
	(void)state;
	/* (y-m)^2 = 1 4 4 1, minus v: 0.5 3.5 3 0.8, mean 7.8/4 */
	assert_close(cred_normal_tau2(4, ty, tv, tm, NULL, NULL, 0), 1.95, 1e-14);
	/* minus mv as well: 0.4 3.3 2.7 0.4, mean 6.8/4 */
	assert_close(cred_normal_tau2(4, ty, tv, tm, tmv, NULL, 0), 1.7, 1e-14);
}

static void test_tau2_use_mask(void **state)
{
	(void)state;
	const unsigned char use[4] = { 1, 0, 1, 1 };
	const unsigned char all[4] = { 1, 1, 1, 1 };
	/* unit 1 skipped: (0.5 + 3 + 0.8) / 3 */
	assert_close(cred_normal_tau2(4, ty, tv, tm, NULL, use, 0), 4.3 / 3, 1e-14);
	assert_close(cred_normal_tau2(4, ty, tv, tm, NULL, use, 0), 1.43333333333333, 1e-13);
	/* with mv: (0.4 + 2.7 + 0.4) / 3 */
	assert_close(cred_normal_tau2(4, ty, tv, tm, tmv, use, 0), 3.5 / 3, 1e-14);
	/* an all-ones mask is the same as no mask */
	assert_close(cred_normal_tau2(4, ty, tv, tm, tmv, all, 0), 1.7, 1e-14);
}

static void test_tau2_floor(void **state)
{
	(void)state;
	const unsigned char none[4] = { 0, 0, 0, 0 };
	/* y = m: mean of -v = -0.55, below the floor */
	assert_close(cred_normal_tau2(4, tm, tv, tm, NULL, NULL, 0.01), 0.01, 0);
	/* a floor above the estimate wins; below it does not */
	assert_close(cred_normal_tau2(4, ty, tv, tm, NULL, NULL, 2.5), 2.5, 0);
	assert_close(cred_normal_tau2(4, ty, tv, tm, NULL, NULL, 1.9), 1.95, 1e-14);
	/* no unit used: the floor */
	assert_close(cred_normal_tau2(4, ty, tv, tm, tmv, none, 0.03), 0.03, 0);
	assert_close(cred_normal_tau2(0, ty, tv, tm, tmv, NULL, 0.03), 0.03, 0);
}

/* ---- cred_normal_posterior ----------------------------------------------- */

static void test_posterior(void **state)
{
	(void)state;
	double mean, var;
	/* y=2 v=1 m=0 mv=0 tau2=1: pv = 1, mean 2*1/2 = 1, var 1*1/2 = 0.5 */
	cred_normal_posterior(1, 2, 1, 0, 0, 1, &mean, &var);
	assert_close(mean, 1, 1e-15);
	assert_close(var, 0.5, 1e-15);
	/* y=3 v=2 m=1 mv=0.5 tau2=1.5: pv = 2, mean (6 + 2)/4 = 2, var 4/4 = 1 */
	cred_normal_posterior(1, 3, 2, 1, 0.5, 1.5, &mean, &var);
	assert_close(mean, 2, 1e-15);
	assert_close(var, 1, 1e-15);
	/* v = 0: the observation is exact */
	cred_normal_posterior(1, 3, 0, 1, 0.5, 1.5, &mean, &var);
	assert_close(mean, 3, 1e-15);
	assert_close(var, 0, 0);
}

static void test_posterior_no_observation(void **state)
{
	(void)state;
	double mean, var;
	/* HAS_Y 0: the prior N(m, tau2 + mv), whatever y and v say */
	cred_normal_posterior(0, 3, 2, 1, 0.5, 1.5, &mean, &var);
	assert_close(mean, 1, 0);
	assert_close(var, 2, 1e-15);
	cred_normal_posterior(0, NAN, NAN, -0.25, 0, 0.75, &mean, &var);
	assert_close(mean, -0.25, 0);
	assert_close(var, 0.75, 0);
}

/* ---- cred_standardize ---------------------------------------------------- */

static void test_standardize_weighted(void **state)
{
	(void)state;
	const double y[3] = { 1, 2, 4 }, w[3] = { 1, 2, 1 };
	const unsigned char use[3] = { 1, 1, 0 };
	double mean, sd;
	/* mean (1 + 4 + 4)/4 = 2.25; sum w d^2 = 1.5625 + 0.125 + 3.0625 = 4.75,
	 * sd = sqrt(4.75 / 4) */
	cred_standardize(3, y, w, NULL, &mean, &sd);
	assert_close(mean, 2.25, 1e-15);
	assert_close(sd, sqrt(4.75 / 4), 1e-15);
	assert_close(sd, 1.08972473588517, 1e-13);
	/* unit 2 left out: mean 5/3, sum w d^2 = 4/9 + 2/9, sd = sqrt(2/9) */
	cred_standardize(3, y, w, use, &mean, &sd);
	assert_close(mean, 5.0 / 3, 1e-15);
	assert_close(sd, sqrt(2.0 / 9), 1e-15);
	assert_close(sd, 0.471404520791032, 1e-13);
}

static void test_standardize_degenerate(void **state)
{
	(void)state;
	const double y[3] = { 1, 2, 4 }, w[3] = { 1, 2, 1 };
	const double same[3] = { 7, 7, 7 };
	const unsigned char one[3] = { 0, 0, 1 };
	const unsigned char none[3] = { 0, 0, 0 };
	double mean, sd;
	cred_standardize(3, y, w, one, &mean, &sd);   /* one unit: sd 0 */
	assert_close(mean, 4, 0);
	assert_close(sd, 0, 0);
	cred_standardize(3, same, w, NULL, &mean, &sd);   /* all equal: sd 0 */
	assert_close(mean, 7, 1e-15);
	assert_close(sd, 0, 0);
	mean = sd = 99;
	cred_standardize(3, y, w, none, &mean, &sd);   /* none: NaN mean */
	assert_true(isnan(mean));
	assert_close(sd, 0, 0);
	mean = sd = 99;
	cred_standardize(0, y, w, NULL, &mean, &sd);
	assert_true(isnan(mean));
	assert_close(sd, 0, 0);
}

/* ---- cred_loadings ------------------------------------------------------- */

/* 13 units x 4 indicators (row-major). Unit 4 is an outlier that the mask
 * leaves out; its V of 9 would also move every median. The jobseekers
 * column runs against the others, so the first eigenvector has mixed
 * signs (numpy: -0.4836, 0.6400, -0.5237, -0.2869) and the loadings are
 * their absolute values. */
#define LN 13
static const double LZ[LN * 4] = {
	0.03, 0.07, -0.29, -0.62,
	0.36, 0.36, 0.41, 0.00,
	0.45, -1.11, 0.63, 0.49,
	-0.40, -1.22, -0.20, 0.07,
	5.00, 5.00, -5.00, 9.00,
	0.25, 0.05, -0.17, 0.34,
	0.02, 0.58, 0.48, 0.83,
	-0.93, 0.26, -0.36, -0.06,
	0.00, -0.65, -0.14, 0.76,
	-0.60, 0.78, -1.15, -0.46,
	0.17, -1.08, 0.60, 0.38,
	0.42, -1.08, 0.66, 0.63,
	1.57, -0.48, 0.53, -0.08,
};
static const double LV[LN * 4] = {
	0.26, 0.145, 0.0425, 0.81,
	0.07, 0.115, 0.0525, 1.19,
	0.26, 0.060, 0.0375, 0.82,
	0.06, 0.085, 0.0225, 0.18,
	9.00, 9.00, 9.00, 9.00,
	0.06, 0.120, 0.0200, 0.33,
	0.15, 0.135, 0.0175, 0.57,
	0.19, 0.135, 0.0625, 1.04,
	0.12, 0.075, 0.0350, 1.07,
	0.29, 0.045, 0.0225, 0.32,
	0.11, 0.085, 0.0500, 0.35,
	0.05, 0.075, 0.0350, 0.70,
	0.29, 0.110, 0.0450, 0.76,
};
static const unsigned char LUSE[LN] = { 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1 };

/* expected_credible.py, floor 0.01: lambda_1 = 0.864484402546871;
 * median V = 0.135 0.0975 0.03625 0.73; C_kk - l_k^2 below */
static const double exp_l[4] = { 0.449626008831636, 0.595015049987374,
				 0.486935220319064, 0.266780876807825 };
static const double exp_tau2[4] = { 0.0538697855154673, 0.0778267872582198,
				    0.0369410609097941, 0.01 /* floor */ };
static const double exp_resid[4] = { 0.188869785515467, 0.17532678725822,
				     0.0731910609097941, 0.141664327406012 };

static void fill(double *a, size_t n, double x)
{
	for (size_t i = 0; i < n; i++)
		a[i] = x;
}

static void test_loadings_fixture(void **state)
{
	(void)state;
	double l[4], t[4];
	fill(l, 4, -7);
	fill(t, 4, -7);
	assert_int_equal(cred_loadings(LN, 4, LZ, LV, LUSE, 5, 0.01, 0.5, l, t), 0);
	double ss = 0;
	for (size_t k = 0; k < 4; k++) {
		assert_true(l[k] > 0);   /* absolute values, whatever the sign of e */
		assert_close(l[k], exp_l[k], 1e-12);
		assert_close(t[k], exp_tau2[k], 1e-12);
		ss += l[k] * l[k];
	}
	/* sum l_k^2 = lambda_1 |e|^2 = lambda_1 */
	assert_close(ss, 0.864484402546871, 1e-12);
}

static void test_loadings_use_mask(void **state)
{
	(void)state;
	/* the 12 used rows alone with USE NULL give the same answer */
	double Z[(LN - 1) * 4], V[(LN - 1) * 4], l[4], t[4];
	size_t r = 0;
	for (size_t i = 0; i < LN; i++) {
		if (!LUSE[i])
			continue;
		memcpy(Z + r * 4, LZ + i * 4, 4 * sizeof *Z);
		memcpy(V + r * 4, LV + i * 4, 4 * sizeof *V);
		r++;
	}
	assert_int_equal(cred_loadings(LN - 1, 4, Z, V, NULL, 5, 0.01, 0.5, l, t), 0);
	for (size_t k = 0; k < 4; k++) {
		assert_close(l[k], exp_l[k], 1e-12);
		assert_close(t[k], exp_tau2[k], 1e-12);
	}
}

static void test_loadings_median_v(void **state)
{
	(void)state;
	double V[LN * 4], l[4], t[4];
	/* V = 0: tau2_k = C_kk - l_k^2, the loadings do not depend on V */
	fill(V, LN * 4, 0);
	assert_int_equal(cred_loadings(LN, 4, LZ, V, LUSE, 5, 0.01, 0.5, l, t), 0);
	for (size_t k = 0; k < 4; k++) {
		assert_close(l[k], exp_l[k], 1e-12);
		assert_close(t[k], exp_resid[k], 1e-12);
	}
	/* V = 0.05 for every used unit (9 for the unused outlier): the median
	 * is 0.05 */
	fill(V, LN * 4, 0.05);
	V[4 * 4 + 0] = 9;
	assert_int_equal(cred_loadings(LN, 4, LZ, V, LUSE, 5, 0.01, 0.5, l, t), 0);
	for (size_t k = 0; k < 4; k++)
		assert_close(t[k], exp_resid[k] - 0.05, 1e-12);
	/* twelve used units: the median is the mean of the 6th and 7th values
	 * (column 0 sorted: 0.05 0.06 0.06 0.07 0.11 0.12 | 0.15 ..., so
	 * 0.135); floor 0 here */
	assert_int_equal(cred_loadings(LN, 4, LZ, LV, LUSE, 5, 0, 0.5, l, t), 0);
	assert_close(t[0], exp_resid[0] - 0.135, 1e-12);
	assert_close(t[1], exp_resid[1] - 0.0975, 1e-12);
	assert_close(t[2], exp_resid[2] - 0.03625, 1e-12);
	/* survey: 0.141664... - 0.73 < 0, so the floor 0 */
	assert_close(t[3], 0, 0);
}

static void test_loadings_floor(void **state)
{
	(void)state;
	double l[4], t[4];
	/* a floor above every C_kk - l_k^2 - med V_k */
	assert_int_equal(cred_loadings(LN, 4, LZ, LV, LUSE, 5, 0.2, 0.5, l, t), 0);
	for (size_t k = 0; k < 4; k++) {
		assert_close(l[k], exp_l[k], 1e-12);
		assert_close(t[k], 0.2, 0);
	}
	/* a floor between: indicator 1 (0.0778) keeps its estimate, 0, 2 and 3
	 * are raised to 0.06 */
	assert_int_equal(cred_loadings(LN, 4, LZ, LV, LUSE, 5, 0.06, 0.5, l, t), 0);
	assert_close(t[0], 0.06, 0);
	assert_close(t[1], exp_tau2[1], 1e-12);
	assert_close(t[2], 0.06, 0);
	assert_close(t[3], 0.06, 0);
}

static void test_loadings_two_indicators(void **state)
{
	(void)state;
	/* K = 2 (indicators 0 and 1), so the row stride is 2 */
	double Z[LN * 2], V[LN * 2], l[2], t[2];
	for (size_t i = 0; i < LN; i++)
		for (size_t k = 0; k < 2; k++) {
			Z[i * 2 + k] = LZ[i * 4 + k];
			V[i * 2 + k] = LV[i * 4 + k];
		}
	assert_int_equal(cred_loadings(LN, 2, Z, V, LUSE, 5, 0.01, 0.5, l, t), 0);
	assert_close(l[0], 0.416944370367881, 1e-12);
	assert_close(l[1], 0.666640700971578, 1e-12);
	assert_close(t[0], 0.0821907253518647, 1e-12);
	assert_close(t[1], 0.01, 0);
}

static void test_loadings_fallback(void **state)
{
	(void)state;
	double l[4], t[4];
	const unsigned char none[LN] = { 0 };
	/* 12 used units: min_units 12 is enough, 13 is not */
	assert_int_equal(cred_loadings(LN, 4, LZ, LV, LUSE, 12, 0.01, 0.5, l, t), 0);
	assert_close(l[0], exp_l[0], 1e-12);
	fill(l, 4, -7);
	fill(t, 4, -7);
	assert_int_equal(cred_loadings(LN, 4, LZ, LV, LUSE, 13, 0.01, 0.25, l, t), 1);
	for (size_t k = 0; k < 4; k++) {
		assert_close(l[k], 1, 0);
		assert_close(t[k], 0.25, 0);
	}
	fill(l, 4, -7);
	fill(t, 4, -7);
	assert_int_equal(cred_loadings(LN, 4, LZ, LV, none, 1, 0.01, 0.25, l, t), 1);
	for (size_t k = 0; k < 4; k++) {
		assert_close(l[k], 1, 0);
		assert_close(t[k], 0.25, 0);
	}
	/* constant indicators: lambda_1 = 0, no factor to find. 0.5 keeps the
	 * means exact; with 0.3 rounding leaves lambda_1 ~ 1e-33 > 0 and the
	 * function returns 0 with loadings ~ 6e-17 (reported, not tested). */
	double Z[LN * 4];
	fill(Z, LN * 4, 0.5);
	fill(l, 4, -7);
	fill(t, 4, -7);
	assert_int_equal(cred_loadings(LN, 4, Z, LV, NULL, 5, 0.01, 0.25, l, t), 1);
	for (size_t k = 0; k < 4; k++) {
		assert_close(l[k], 1, 0);
		assert_close(t[k], 0.25, 0);
	}
}

/* ---- cred_composite ------------------------------------------------------ */

static const double cz[4] = { 0.8, -0.4, 1.2, 0.5 };
static const double cv[4] = { 0.1, 0.2, 0.3, 0.05 };
static const double cl[4] = { 0.9, 0.7, 0.5, 0.6 };
static const double ct[4] = { 0.2, 0.1, 0.4, 0.3 };

static void test_composite_one(void **state)
{
	(void)state;
	const double z = 2, v = 0.5, l = 1, t = 0.5;
	const unsigned char a = 1;
	double S, var;
	/* d = 0.5 + 0.5 = 1, P = 1 + 1 = 2, S = 2/2 = 1, var = 1/2 */
	assert_int_equal(cred_composite(1, &z, &v, &a, &l, &t, &S, &var), 1);
	assert_close(S, 1, 1e-15);
	assert_close(var, 0.5, 1e-15);
}

static void test_composite_all(void **state)
{
	(void)state;
	const unsigned char a[4] = { 1, 1, 1, 1 };
	double S, var;
	assert_int_equal(cred_composite(4, cz, cv, a, cl, ct, &S, &var), 4);
	assert_close(S, 0.473423104181432, 1e-13);
	assert_close(var, 0.148830616583983, 1e-13);
}

static void test_composite_unavailable(void **state)
{
	(void)state;
	const unsigned char a[4] = { 1, 0, 1, 1 };
	double S, var;
	/* AVAIL 0 drops indicator 1 even though its z and v are fine */
	assert_int_equal(cred_composite(4, cz, cv, a, cl, ct, &S, &var), 3);
	assert_close(S, 0.808988764044944, 1e-13);
	assert_close(var, 0.196629213483146, 1e-13);
	/* and z NaN (indicator 2) and v < 0 (indicator 3) drop those: only
	 * indicator 0: d = 0.3, P = 1 + 0.81/0.3 = 3.7, S = (0.72/0.3)/3.7 */
	double z[4], v[4];
	memcpy(z, cz, sizeof z);
	memcpy(v, cv, sizeof v);
	z[2] = NAN;
	v[3] = -1;
	assert_int_equal(cred_composite(4, z, v, a, cl, ct, &S, &var), 1);
	assert_close(S, 2.4 / 3.7, 1e-15);
	assert_close(S, 0.648648648648649, 1e-13);
	assert_close(var, 1 / 3.7, 1e-15);
	/* v NaN is skipped like v < 0; z infinite like z NaN */
	v[3] = NAN;
	z[2] = INFINITY;
	assert_int_equal(cred_composite(4, z, v, a, cl, ct, &S, &var), 1);
	assert_close(S, 2.4 / 3.7, 1e-15);
	assert_close(var, 1 / 3.7, 1e-15);
}

static void test_composite_none(void **state)
{
	(void)state;
	const unsigned char a[4] = { 0, 0, 0, 0 };
	double S = 99, var = 99;
	/* no indicator: the prior N(0, 1) */
	assert_int_equal(cred_composite(4, cz, cv, a, cl, ct, &S, &var), 0);
	assert_close(S, 0, 0);
	assert_close(var, 1, 0);
}

/* Two levels, by hand. Without a parent level: tau^2 = mean((2-0)^2 - 1,
 * (0-0)^2 - 1) = 1, so unit 0 gets (2 * 1 + 0 * 1)/2 = 1, variance 1/2.
 * With a parent level (yo = 1, vo = 1 for unit 0 only, floor 0.5):
 * t1 = max(0.5, 1 - 1) = 0.5, m0 = 0.5/1.5 = 1/3, mv0 = 0.5/1.5 = 1/3;
 * unit 1 keeps g = 0 with variance 0.5; t2 = max(0.5, ((5/3)^2 - 1 - 1/3
 * + 0 - 1 - 0.5)/2) = 0.5; pm0 = (2 (0.5 + 1/3) + 1/3)/(0.5 + 1/3 + 1)
 * = 12/11, pv0 = (5/6)/(11/6) = 5/11; pm1 = 0, pv1 = 1/2. */
static void test_two_level(void **state)
{
	(void)state;
	const double y[2] = { 2, 0 }, v[2] = { 1, 1 };
	const unsigned char use[2] = { 1, 1 };
	double m[2], mv[2], pm[2], pv[2];
	cred_normal_two_level(2, 0, NULL, NULL, NULL, y, v, use, 0, m, mv, pm, pv);
	assert_close(m[0], 0, 0);
	assert_close(mv[0], 0, 0);
	assert_close(pm[0], 1, 1e-15);
	assert_close(pv[0], 0.5, 1e-15);
	assert_close(pm[1], 0, 1e-15);
	const double yo[2] = { 1, 7 }, vo[2] = { 1, 1 };
	const unsigned char useo[2] = { 1, 0 };
	cred_normal_two_level(2, 0, yo, vo, useo, y, v, use, 0.5, m, mv, pm, pv);
	assert_close(m[0], 1.0 / 3, 1e-15);
	assert_close(mv[0], 1.0 / 3, 1e-15);
	assert_close(m[1], 0, 0);
	assert_close(mv[1], 0.5, 1e-15);
	assert_close(pm[0], 12.0 / 11, 1e-14);
	assert_close(pv[0], 5.0 / 11, 1e-15);
	assert_close(pm[1], 0, 1e-15);
	assert_close(pv[1], 0.5, 1e-15);
}

/* ---- cred_rank_head -------------------------------------------------------- */

/* Worked by hand: units 0..6 ranked best first as 3 5 0 6 1 2 4 with
 * sizes (by unit) 30 12 50 8 40 19 25. With MIN 20 the big units in that
 * order are 0 6 2 4 (3 = 8, 5 = 19 and 1 = 12 are small). HEAD 3 takes
 * 0 6 2 and the rest follows in its old order: 3 5 1 4. Units 3 and 5 stood
 * in the head and left it: 2 moved. */
static void test_rank_head(void **state)
{
	(void)state;
	const double size[7] = { 30, 12, 50, 8, 40, 19, 25 };
	size_t order[7] = { 3, 5, 0, 6, 1, 2, 4 };
	const size_t want[7] = { 0, 6, 2, 3, 5, 1, 4 };
	assert_int_equal(cred_rank_head(7, order, size, 20, 3), 2);
	for (int i = 0; i < 7; i++)
		assert_int_equal(order[i], want[i]);
}

/* The head already big, head 0, min 0 and fewer big units than the head:
 * the big ones come first, the small ones keep their order. */
static void test_rank_head_edges(void **state)
{
	(void)state;
	const double size[4] = { 5, 25, 30, 1 };
	size_t order[4] = { 1, 2, 0, 3 };
	assert_int_equal(cred_rank_head(4, order, size, 20, 2), 0);
	assert_int_equal(order[0], 1);
	assert_int_equal(order[1], 2);
	assert_int_equal(order[2], 0);
	assert_int_equal(order[3], 3);
	size_t o2[4] = { 0, 3, 1, 2 };
	assert_int_equal(cred_rank_head(4, o2, size, 20, 0), 0);
	assert_int_equal(o2[0], 0);
	assert_int_equal(o2[1], 3);
	assert_int_equal(cred_rank_head(4, o2, size, 0, 4), 0);
	assert_int_equal(o2[0], 0);
	/* head 3, only two units of size >= 20: 1 2 first, then 0 3 */
	size_t o3[4] = { 0, 3, 1, 2 };
	assert_int_equal(cred_rank_head(4, o3, size, 20, 3), 1);
	assert_int_equal(o3[0], 1);
	assert_int_equal(o3[1], 2);
	assert_int_equal(o3[2], 0);
	assert_int_equal(o3[3], 3);
	/* an unknown size (NaN) is not big enough */
	const double sz[2] = { NAN, 30 };
	size_t o4[2] = { 0, 1 };
	assert_int_equal(cred_rank_head(2, o4, sz, 20, 1), 1);
	assert_int_equal(o4[0], 1);
	assert_int_equal(o4[1], 0);
	assert_int_equal(cred_rank_head(0, o4, sz, 20, 1), 0);
}

int main(void)
{
	gsl_set_error_handler_off();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tau2_moment),
		cmocka_unit_test(test_tau2_use_mask),
		cmocka_unit_test(test_tau2_floor),
		cmocka_unit_test(test_posterior),
		cmocka_unit_test(test_two_level),
		cmocka_unit_test(test_posterior_no_observation),
		cmocka_unit_test(test_standardize_weighted),
		cmocka_unit_test(test_standardize_degenerate),
		cmocka_unit_test(test_loadings_fixture),
		cmocka_unit_test(test_loadings_use_mask),
		cmocka_unit_test(test_loadings_median_v),
		cmocka_unit_test(test_loadings_floor),
		cmocka_unit_test(test_loadings_two_indicators),
		cmocka_unit_test(test_loadings_fallback),
		cmocka_unit_test(test_composite_one),
		cmocka_unit_test(test_composite_all),
		cmocka_unit_test(test_composite_unavailable),
		cmocka_unit_test(test_composite_none),
		cmocka_unit_test(test_rank_head),
		cmocka_unit_test(test_rank_head_edges),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
