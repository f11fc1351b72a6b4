/* Unit tests of stages/trackfit/assign.c: the GLPK optimum against brute
 * force (every assignment enumerated) on random small cases, the
 * constraints, and the interest-only baseline by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "stages/trackfit/assign.h"

#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdlib.h>

enum { MAXP = 7, MAXT = 3 };

static uint64_t rng_state = 88172645463325252ULL;

static double uniform(void) /* xorshift64, independent of GSL */
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (double)(rng_state >> 11) / 9007199254740992.0;
}

struct best {
	double value;   /* wanted placements * bonus + expected, brute force */
	int wanted;
	double expected;
};

/* Enumerates every assignment (each person: no track or one allowed track)
 * and keeps the best objective, respecting capacities. */
static void brute(const struct assign_problem *pr, size_t i, int *choice, long *used, struct best *b)
{
	if (i == pr->npersons) {
		int wanted = 0;
		double expected = 0;
		for (size_t a = 0; a < pr->npersons; a++)
			if (choice[a] >= 0) {
				expected += pr->p[a * pr->ntracks + (size_t)choice[a]];
				wanted += pr->pref[a * pr->ntracks + (size_t)choice[a]] >= 0;
			}
		int better = pr->interest_first
			? (wanted > b->wanted || (wanted == b->wanted && expected > b->expected))
			: expected > b->expected;
		if (better) {
			b->wanted = wanted;
			b->expected = expected;
		}
		return;
	}
	choice[i] = -1;
	brute(pr, i + 1, choice, used, b);
	for (size_t t = 0; t < pr->ntracks; t++) {
		double p = pr->p[i * pr->ntracks + t];
		if (!(p >= 0) || used[t] >= pr->capacity[t])
			continue;
		if (pr->interest_only && pr->pref[i * pr->ntracks + t] < 0)
			continue;
		choice[i] = (int)t;
		used[t]++;
		brute(pr, i + 1, choice, used, b);
		used[t]--;
	}
	choice[i] = -1;
}

static void check_random(int interest_only, int interest_first)
{
	for (int round = 0; round < 300; round++) {
		size_t np = 1 + (size_t)(uniform() * MAXP), nt = 1 + (size_t)(uniform() * MAXT);
		double p[MAXP * MAXT];
		int pref[MAXP * MAXT];
		long cap[MAXT];
		for (size_t t = 0; t < nt; t++)
			cap[t] = (long)(uniform() * 4);
		for (size_t i = 0; i < np; i++) {
			int next = 0;
			for (size_t t = 0; t < nt; t++) {
				p[i * nt + t] = uniform() < 0.25 ? -1 : uniform();
				pref[i * nt + t] = uniform() < 0.5 ? next++ : -1;
			}
		}
		struct assign_problem pr = {np, nt, p, pref, cap, interest_only, interest_first};
		int out[MAXP], choice[MAXP];
		long used[MAXT] = {0};
		assert_int_equal(assign_optimal(&pr, out), 0);
		/* constraints */
		long count[MAXT] = {0};
		int wanted = 0;
		for (size_t i = 0; i < np; i++) {
			if (out[i] < 0)
				continue;
			assert_true(out[i] < (int)nt);
			assert_true(assign_allowed(&pr, i, (size_t)out[i]));
			count[out[i]]++;
			wanted += pref[i * nt + (size_t)out[i]] >= 0;
		}
		for (size_t t = 0; t < nt; t++)
			assert_true(count[t] <= cap[t]);
		struct best b = {0, -1, -1};
		brute(&pr, 0, choice, used, &b);
		assert_close(assign_expected(&pr, out), b.expected, 1e-9);
		if (interest_first)
			assert_int_equal(wanted, b.wanted);
		/* the baseline is feasible, so never better than the optimum
		 * when every eligible track may be used */
		int base[MAXP];
		assign_by_interest(&pr, base);
		if (!interest_first)
			assert_true(assign_expected(&pr, base) <= assign_expected(&pr, out) + 1e-9);
	}
}

static void test_optimal_matches_brute_force(void **state)
{
	(void)state;
	check_random(0, 0);
}

static void test_interest_only_matches_brute_force(void **state)
{
	(void)state;
	check_random(1, 0);
}

static void test_interest_first_matches_brute_force(void **state)
{
	(void)state;
	check_random(0, 1);
}

static void test_baseline_by_hand(void **state)
{
	(void)state;
	/* 3 persons, 2 tracks of 1 place. Person 0 wants track 1 then 0,
	 * person 1 wants track 1 (taken: not placed), person 2 wants track 0
	 * but is not eligible for it. */
	const double p[] = {0.2, 0.3, 0.5, 0.9, -1, 0.4};
	const int pref[] = {1, 0, -1, 0, 0, -1};
	const long cap[] = {1, 1};
	struct assign_problem pr = {3, 2, p, pref, cap, 0, 0};
	int out[3];
	assign_by_interest(&pr, out);
	assert_int_equal(out[0], 1);
	assert_int_equal(out[1], -1);
	assert_int_equal(out[2], -1);
	assert_close(assign_expected(&pr, out), 0.3, 1e-15);
	/* the optimum by hand: person 1 -> track 1 (0.9), person 0 -> track 0
	 * (0.2), or person 1 -> track 0 (0.5) and person 2 -> track 1 (0.4):
	 * 1.1 vs 0.9; best 1.1 */
	assert_int_equal(assign_optimal(&pr, out), 0);
	assert_close(assign_expected(&pr, out), 1.1, 1e-12);
	/* nobody eligible: no placement, no GLPK call */
	const double none[] = {-1, -1, NAN, -1, -1, -1};
	pr.p = none;
	assert_int_equal(assign_optimal(&pr, out), 0);
	for (int i = 0; i < 3; i++)
		assert_int_equal(out[i], -1);
}

int main(void)
{
	gsl_set_error_handler_off();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_optimal_matches_brute_force),
		cmocka_unit_test(test_interest_only_matches_brute_force),
		cmocka_unit_test(test_interest_first_matches_brute_force),
		cmocka_unit_test(test_baseline_by_hand),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
