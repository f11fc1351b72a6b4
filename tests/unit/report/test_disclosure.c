/* Unit tests of stages/report/disclosure.c and the rtable wrapper. The
 * expected suppression patterns are worked out by hand in the comments
 * (the rule: every line with a hidden cell needs two unknowns, and hidden
 * count members must sum to at least min_sum; the complement is the
 * smallest published non-zero member, lines visited in the order added). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "stages/report/disclosure.h"
#include "stages/report/rtable.h"

#include <math.h>

static const struct disc_rule rule = {5, 3};

static void test_primary_rules(void **state)
{
	(void)state;
	assert_int_equal(disc_count_hidden(&rule, 0), 0);
	assert_int_equal(disc_count_hidden(&rule, 1), 1);
	assert_int_equal(disc_count_hidden(&rule, 4), 1);
	assert_int_equal(disc_count_hidden(&rule, 5), 0);
	assert_int_equal(disc_count_hidden(&rule, NAN), 0);
	assert_int_equal(disc_respondents_hidden(&rule, 2), 1);
	assert_int_equal(disc_respondents_hidden(&rule, 3), 0);
	assert_int_equal(disc_respondents_hidden(&rule, NAN), 1);
	struct disc_rule strict = {10, 5};
	assert_int_equal(disc_count_hidden(&strict, 9), 1);
	assert_int_equal(disc_respondents_hidden(&strict, 4), 1);
}

/* One column of 4 cells and its total. */
static struct disc_grid *column(const double *v, size_t n, double total, double min_sum)
{
	struct disc_grid *g = disc_grid_new(n + 1);
	size_t members[16];
	for (size_t i = 0; i < n; i++) {
		g->value[i] = v[i];
		members[i] = i;
		if (disc_count_hidden(&rule, v[i]))
			g->state[i] = DISC_PRIMARY;
	}
	g->value[n] = total;
	disc_grid_add_line(g, members, n, n, min_sum);
	return g;
}

static void test_single_hidden_cell_gets_a_complement(void **state)
{
	(void)state;
	/* 12 3 8 20 | 43: 3 is hidden; total - published would give it, so the
	 * smallest published non-zero member, 8, is hidden too (3+8 = 11 >= 5) */
	double v[] = {12, 3, 8, 20};
	struct disc_grid *g = column(v, 4, 43, 5);
	assert_int_equal(disc_secondary(g), 1);
	assert_int_equal(g->state[0], DISC_PUBLISHED);
	assert_int_equal(g->state[1], DISC_PRIMARY);
	assert_int_equal(g->state[2], DISC_SECONDARY);
	assert_int_equal(g->state[3], DISC_PUBLISHED);
	assert_int_equal(g->state[4], DISC_PUBLISHED);
	disc_grid_free(g);
}

static void test_hidden_sum_too_small(void **state)
{
	(void)state;
	/* 1 2 40 30 | 73: 1 and 2 hidden, but their sum 3 < 5 is disclosive:
	 * 30 is hidden as well */
	double v[] = {1, 2, 40, 30};
	struct disc_grid *g = column(v, 4, 73, 5);
	assert_int_equal(disc_secondary(g), 1);
	assert_int_equal(g->state[3], DISC_SECONDARY);
	assert_int_equal(g->state[2], DISC_PUBLISHED);
	disc_grid_free(g);
	/* an estimate line (min_sum 0) is content with two unknowns */
	g = column(v, 4, 73, 0);
	assert_int_equal(disc_secondary(g), 0);
	disc_grid_free(g);
}

static void test_zero_is_not_a_complement_when_others_exist(void **state)
{
	(void)state;
	double v[] = {3, 0, 9};
	struct disc_grid *g = column(v, 3, 12, 5);
	assert_int_equal(disc_secondary(g), 1);
	assert_int_equal(g->state[1], DISC_PUBLISHED);
	assert_int_equal(g->state[2], DISC_SECONDARY);
	disc_grid_free(g);
}

static void test_total_hidden_when_no_member_left(void **state)
{
	(void)state;
	double v[] = {3};
	struct disc_grid *g = column(v, 1, 3, 5);
	assert_int_equal(disc_secondary(g), 1);
	assert_int_equal(g->state[1], DISC_SECONDARY);
	disc_grid_free(g);
}

static void test_hidden_total_needs_a_hidden_member(void **state)
{
	(void)state;
	/* a hidden total is the sum of its published members: hide the smallest */
	double v[] = {20, 10};
	struct disc_grid *g = column(v, 2, 30, 5);
	g->state[2] = DISC_PRIMARY;
	assert_int_equal(disc_secondary(g), 1);
	assert_int_equal(g->state[1], DISC_SECONDARY);
	assert_int_equal(g->state[0], DISC_PUBLISHED);
	disc_grid_free(g);
}

static void test_two_way_table(void **state)
{
	(void)state;
	/*        c1  c2  c3 | tot
	 *   r1   10   3  15 |  28
	 *   r2    7   9  11 |  27
	 *   r3   20   6   8 |  34
	 *   tot  37  18  34 |  89
	 * Cell (r,c) is index 4r+c; row totals in column 3, column totals in row 3.
	 * 3 is primary. Pass 1: r1 hides 10; c1 hides 7; c2 hides 6.
	 * Pass 2: r2 (7 alone) hides 9; r3 (6 alone) hides 8; c3 (8 alone) hides 11.
	 * Pass 3: every row and column has >= 2 hidden cells summing >= 5. */
	double m[4][4] = {{10, 3, 15, 28}, {7, 9, 11, 27}, {20, 6, 8, 34}, {37, 18, 34, 89}};
	struct disc_grid *g = disc_grid_new(16);
	for (size_t r = 0; r < 4; r++)
		for (size_t c = 0; c < 4; c++)
			g->value[4 * r + c] = m[r][c];
	g->state[1] = DISC_PRIMARY;
	for (size_t r = 0; r < 3; r++) {
		size_t mem[3] = {4 * r, 4 * r + 1, 4 * r + 2};
		disc_grid_add_line(g, mem, 3, 4 * r + 3, 5);
	}
	for (size_t c = 0; c < 3; c++) {
		size_t mem[3] = {c, 4 + c, 8 + c};
		disc_grid_add_line(g, mem, 3, 12 + c, 5);
	}
	size_t tot_row[3] = {12, 13, 14}, tot_col[3] = {3, 7, 11};
	disc_grid_add_line(g, tot_row, 3, 15, 5);
	disc_grid_add_line(g, tot_col, 3, 15, 5);
	assert_int_equal(disc_secondary(g), 6);
	int want[16] = {2, 1, 0, 0, 2, 2, 2, 0, 0, 2, 2, 0, 0, 0, 0, 0};
	for (size_t i = 0; i < 16; i++)
		if (g->state[i] != want[i])
			fail_msg("cell %zu: state %d, want %d", i, g->state[i], want[i]);
	disc_grid_free(g);
}

static void test_rtable_column_totals(void **state)
{
	(void)state;
	/* persons 12 3 8 20, total 43; estimate 1.5 2.5 0.5 4.0 with the second
	 * hidden (few respondents), total 8.5 */
	struct rtable *t = rtable_new("x", "x", 2);
	rtable_col(t, 0, "n", 0, 0);
	rtable_col(t, 1, "e", 1, 0);
	double n[] = {12, 3, 8, 20}, e[] = {1.5, 2.5, 0.5, 4.0};
	for (size_t i = 0; i < 4; i++) {
		size_t r = rtable_add_row(t);
		rtable_num(t, r, 0, n[i]);
		rtable_num(t, r, 1, e[i]);
	}
	rtable_suppress(t, 1, 0, DISC_PRIMARY);
	rtable_suppress(t, 1, 1, DISC_PRIMARY);
	size_t tr = rtable_add_row(t);
	t->is_total[tr] = 1;
	rtable_num(t, tr, 0, 43);
	rtable_num(t, tr, 1, 8.5);
	size_t cols[] = {0, 1};
	double min_sum[] = {5, 0};
	assert_int_equal(rtable_protect_column_totals(t, 0, tr, tr, cols, min_sum, 2), 2);
	assert_int_equal(rtable_get(t, 2, 0)->kind, RCELL_SUPPRESSED); /* 8 */
	assert_int_equal(rtable_get(t, 2, 0)->why, DISC_SECONDARY);
	assert_int_equal(rtable_get(t, 2, 1)->kind, RCELL_SUPPRESSED); /* 0.5 */
	assert_int_equal(rtable_get(t, 0, 0)->kind, RCELL_NUM);
	assert_int_equal(rtable_get(t, 4, 0)->kind, RCELL_NUM);
	rtable_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_primary_rules),
		cmocka_unit_test(test_single_hidden_cell_gets_a_complement),
		cmocka_unit_test(test_hidden_sum_too_small),
		cmocka_unit_test(test_zero_is_not_a_complement_when_others_exist),
		cmocka_unit_test(test_total_hidden_when_no_member_left),
		cmocka_unit_test(test_hidden_total_needs_a_hidden_member),
		cmocka_unit_test(test_two_way_table),
		cmocka_unit_test(test_rtable_column_totals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
