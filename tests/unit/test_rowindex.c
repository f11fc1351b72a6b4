/* Unit tests of pipeline/rowindex.c. Expected orders written by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "rowindex.h"

#include <stdlib.h>
#include <string.h>

/* a table of keys; "-" rows stay out of the index */
static const char *const keys[] = {"0882", "0581", "-", "0581", "L05", "0882", "0581", "-"};
enum { NKEYS = sizeof keys / sizeof keys[0] };

static const char *key_of(const void *ctx, size_t row)
{
	const char *const *k = ctx;
	return strcmp(k[row], "-") == 0 ? NULL : k[row];
}

static void test_order_and_runs(void **state)
{
	(void)state;
	size_t n;
	size_t *ix = rowindex_build(NKEYS, key_of, keys, &n);
	/* by key, then row: 0581 at 1, 3, 6; 0882 at 0, 5; L05 at 4 */
	const size_t want[] = {1, 3, 6, 0, 5, 4};
	assert_int_equal(n, 6);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(ix[i], want[i]);
	size_t first;
	assert_int_equal(rowindex_find(ix, n, key_of, keys, "0581", &first), 3);
	assert_int_equal(first, 0);
	assert_int_equal(rowindex_find(ix, n, key_of, keys, "0882", &first), 2);
	assert_int_equal(first, 3);
	assert_int_equal(rowindex_find(ix, n, key_of, keys, "L05", &first), 1);
	assert_int_equal(first, 5);
	/* absent keys: before, between and after the others */
	assert_int_equal(rowindex_find(ix, n, key_of, keys, "0114", &first), 0);
	assert_int_equal(rowindex_find(ix, n, key_of, keys, "0700", &first), 0);
	assert_int_equal(rowindex_find(ix, n, key_of, keys, "SE", &first), 0);
	assert_int_equal(rowindex_find(ix, n, key_of, keys, "058", &first), 0);
	free(ix);
}

static void test_empty(void **state)
{
	(void)state;
	size_t n, first;
	size_t *ix = rowindex_build(0, key_of, keys, &n);
	assert_non_null(ix);
	assert_int_equal(n, 0);
	assert_int_equal(rowindex_find(ix, n, key_of, keys, "0581", &first), 0);
	free(ix);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order_and_runs),
		cmocka_unit_test(test_empty),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
