/* Unit tests of cube_plan_employment and cube_plan_workplaces: which
 * category becomes what, SSYK 0002 passed through, and a table that cannot
 * be converted named with every reason at once. Expected values by hand
 * from docs/REALDATA.md. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "codes.h"
#include "stages/import/cube.h"

#include <stdio.h>
#include <string.h>

static struct codes *codes;

static int setup(void **state)
{
	(void)state;
	char path[4096];
	snprintf(path, sizeof path, "%s/data/ref", testutil_root());
	codes = codes_load(path);
	return codes ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	codes_free(codes);
	return 0;
}

/* A dimension of KIND named NAME with the N labels. */
static void dim(struct cube_dim *d, enum cube_kind kind, const char *name, const char *const *labels, size_t n)
{
	cube_dim_init(d, kind, name);
	for (size_t i = 0; i < n; i++)
		cube_dim_add(d, labels[i], NULL);
}

static void free_dims(struct cube_dim *d, size_t n)
{
	for (size_t i = 0; i < n; i++)
		cube_dim_free(&d[i]);
}

/* 0002 is a part written as it is, in a 4-digit table and in a 3-digit one,
 * where it does not make the table 4-digit */
static void test_ssyk_0002(void **state)
{
	(void)state;
	struct cube_dim d[3];
	dim(&d[0], CUBE_AREA, "region", (const char *const[]){"0581 Norrköping", "05 Östergötlands län"}, 2);
	dim(&d[1], CUBE_OCC, "yrke", (const char *const[]){"5120 Kockar", "0002 Yrke okänt", "512 Kockar", "totalt"}, 4);
	dim(&d[2], CUBE_YEAR, "år", (const char *const[]){"2024"}, 1);
	assert_int_equal(cube_plan_employment(d, 3, codes, "t.csv"), 0);
	assert_string_equal(d[0].column, "kommun");
	assert_int_equal(d[0].cat[1].role, CUBE_AGGREGATE);
	assert_string_equal(d[1].column, "ssyk");
	assert_int_equal(d[1].cat[0].role, CUBE_PART);
	assert_int_equal(d[1].cat[1].role, CUBE_PART);
	assert_string_equal(d[1].cat[1].value, "0002");
	assert_int_equal(d[1].cat[2].role, CUBE_AGGREGATE); /* a coarser level */
	assert_int_equal(d[1].cat[3].role, CUBE_AGGREGATE);
	free_dims(d, 3);

	dim(&d[0], CUBE_AREA, "region", (const char *const[]){"0581 Norrköping"}, 1);
	dim(&d[1], CUBE_OCC, "yrke", (const char *const[]){"0002 Yrke okänt", "512 Kockar"}, 2);
	dim(&d[2], CUBE_YEAR, "år", (const char *const[]){"2024"}, 1);
	assert_int_equal(cube_plan_employment(d, 3, codes, "t.csv"), 0);
	assert_string_equal(d[1].column, "ssyk3");
	assert_int_equal(d[1].cat[0].role, CUBE_PART);
	assert_int_equal(d[1].cat[1].role, CUBE_PART);
	free_dims(d, 3);

	/* 0002 alone is no occupation table */
	dim(&d[0], CUBE_AREA, "region", (const char *const[]){"0581 Norrköping"}, 1);
	dim(&d[1], CUBE_OCC, "yrke", (const char *const[]){"0002 Yrke okänt"}, 1);
	dim(&d[2], CUBE_YEAR, "år", (const char *const[]){"2024"}, 1);
	assert_int_equal(cube_plan_employment(d, 3, codes, "t.csv"), -1);
	free_dims(d, 3);
}

/* every missing dimension, and the other problems, in one message: the
 * plan fails; which dimension is suggested is in tests/cli */
static void test_missing_all(void **state)
{
	(void)state;
	struct cube_dim d[2];
	dim(&d[0], CUBE_OTHER, "Område", (const char *const[]){"0581 Norrköping", "0882 Oskarshamn"}, 2);
	dim(&d[1], CUBE_OTHER, "Yrk", (const char *const[]){"5120 Kockar", "2512 Mjukvaruutvecklare"}, 2);
	assert_int_equal(cube_plan_employment(d, 2, codes, "t.csv"), -1);
	/* nothing was given a column */
	assert_null(d[0].column);
	assert_null(d[1].column);
	free_dims(d, 2);

	struct cube_dim w[4];
	dim(&w[0], CUBE_AREA, "region", (const char *const[]){"0581 Norrköping"}, 1);
	dim(&w[1], CUBE_SNI, "näringsgren", (const char *const[]){"C Tillverkning"}, 1);
	dim(&w[2], CUBE_SIZE, "storleksklass", (const char *const[]){"1-4 anställda", "500+ anställda"}, 2);
	dim(&w[3], CUBE_YEAR, "år", (const char *const[]){"2024"}, 1);
	assert_int_equal(cube_plan_workplaces(w, 4, codes, "w.csv"), 0);
	assert_string_equal(w[2].cat[1].value, "500+");
	free_dims(w, 4);
	/* a region by county only is no frame */
	dim(&w[0], CUBE_AREA, "region", (const char *const[]){"05 Östergötlands län"}, 1);
	dim(&w[1], CUBE_SNI, "näringsgren", (const char *const[]){"C Tillverkning"}, 1);
	dim(&w[2], CUBE_OTHER, "storlek", (const char *const[]){"1-4 anställda", "500+ anställda"}, 2);
	assert_int_equal(cube_plan_workplaces(w, 3, codes, "w.csv"), -1);
	free_dims(w, 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ssyk_0002),
		cmocka_unit_test(test_missing_all),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
