/* Unit tests of pipeline/verdicts.c: the one definition of the verdicts.
 * Expected codes and labels are the ones docs/METHOD.md and the report
 * publish, written out by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "verdicts.h"

#include <stdlib.h>
#include <string.h>

static void test_codes_round_trip(void **state)
{
	(void)state;
	static const char *const codes[VK_COUNT] = {"brist", "bevaka", "balans", "överskott", "X"};
	for (int v = 0; v < VK_COUNT; v++) {
		assert_string_equal(verdict_code((enum verdict_kind)v), codes[v]);
		assert_int_equal(verdict_parse(codes[v]), v);
	}
	assert_string_equal(verdict_code((enum verdict_kind)99), "X");
}

static void test_parse(void **state)
{
	(void)state;
	assert_int_equal(verdict_parse(""), VK_X);
	assert_int_equal(verdict_parse("overskott"), VK_OVERSKOTT);
	assert_int_equal(verdict_parse("Brist"), -1);
	assert_int_equal(verdict_parse("brist "), -1);
	assert_int_equal(verdict_parse("x"), -1);
	assert_int_equal(verdict_parse("paradox"), -1);
}

static void test_labels(void **state)
{
	(void)state;
	assert_string_equal(verdict_label(VK_BRIST, 0), "Brist");
	assert_string_equal(verdict_label(VK_BEVAKA, 0), "Bevaka");
	assert_string_equal(verdict_label(VK_BALANS, 0), "Balans");
	assert_string_equal(verdict_label(VK_OVERSKOTT, 0), "\xC3\x96verskott");
	assert_string_equal(verdict_label(VK_X, 0), "Ej bed\xC3\xB6md");
	assert_string_equal(verdict_label(VK_BRIST, 1), "Shortage");
	assert_string_equal(verdict_label(VK_BEVAKA, 1), "Watch");
	assert_string_equal(verdict_label(VK_BALANS, 1), "Balance");
	assert_string_equal(verdict_label(VK_OVERSKOTT, 1), "Surplus");
	assert_string_equal(verdict_label(VK_X, 1), "Not assessed");
	assert_string_equal(verdict_word(VK_OVERSKOTT, 0), "\xC3\xB6verskott");
	assert_string_equal(verdict_word(VK_X, 0), "ej bed\xC3\xB6md");
	assert_string_equal(verdict_word(VK_BEVAKA, 1), "watch");
	assert_string_equal(verdict_word(VK_X, 1), "not assessed");
	assert_string_equal(verdict_label((enum verdict_kind)-1, 1), "Not assessed");
}

static int cmp_codes(const void *a, const void *b)
{
	return verdict_order(*(const char *const *)a) - verdict_order(*(const char *const *)b);
}

static void test_order(void **state)
{
	(void)state;
	const char *codes[] = {"X", "balans", "nonsense", "brist", "överskott", "bevaka"};
	qsort(codes, sizeof codes / sizeof codes[0], sizeof codes[0], cmp_codes);
	const char *want[] = {"brist", "bevaka", "balans", "överskott", "X", "nonsense"};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		assert_string_equal(codes[i], want[i]);
	assert_int_equal(verdict_order("nonsense"), 5);
	assert_int_equal(verdict_order(""), VK_X);
}

static void test_colours(void **state)
{
	(void)state;
	/* Okabe & Ito (2008): vermillion, orange, sky blue, blue; grey */
	assert_int_equal(verdict_colour(VK_BRIST), 0xD55E00);
	assert_int_equal(verdict_colour(VK_BEVAKA), 0xE69F00);
	assert_int_equal(verdict_colour(VK_BALANS), 0x56B4E9);
	assert_int_equal(verdict_colour(VK_OVERSKOTT), 0x0072B2);
	assert_int_equal(verdict_colour(VK_X), 0xBBBBBB);
	assert_int_equal(verdict_colour(VK_COUNT), 0xBBBBBB);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_codes_round_trip), cmocka_unit_test(test_parse),
		cmocka_unit_test(test_labels), cmocka_unit_test(test_order),
		cmocka_unit_test(test_colours),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
