/* Unit tests of the SCB readers' pieces: splitting SCB's CSV lines (quotes
 * inside labels not doubled), the suppression symbols, label codes and the
 * kinds of dimensions. Expected values are worked out by hand from SCB's
 * documented formats (tests/fixtures/import/README.md). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "stages/import/cube.h"
#include "stages/import/scbcsv.h"

#include <string.h>

static void check_split(const char *line, char delim, size_t want_n, const char *const *want, int want_unterminated)
{
	size_t n;
	int unterminated;
	char **f = scbcsv_split(line, delim, &n, &unterminated);
	assert_int_equal(n, want_n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(f[i], want[i]);
	assert_int_equal(unterminated, want_unterminated);
	scbcsv_fields_free(f, n);
}

static void test_split(void **state)
{
	(void)state;
	check_split("\"0581 Norrköping\",\"512 Kockar\",\"män\",402,..", ',', 5,
		    (const char *const[]){"0581 Norrköping", "512 Kockar", "män", "402", ".."}, 0);
	/* SCB does not double a quote inside a label */
	check_split("\"2341 Lärare i \"grundskolan\"\";12", ';', 2,
		    (const char *const[]){"2341 Lärare i \"grundskolan\"", "12"}, 0);
	/* an RFC 4180 file reads the same */
	check_split("\"2341 Lärare i \"\"grundskolan\"\"\";12", ';', 2,
		    (const char *const[]){"2341 Lärare i \"grundskolan\"", "12"}, 0);
	/* a delimiter inside quotes; an empty last field */
	check_split("\"A, B\",1,", ',', 3, (const char *const[]){"A, B", "1", ""}, 0);
	check_split("\"Fotnot: avser \"dagbefolkning\" i november.\"", ',', 1,
		    (const char *const[]){"Fotnot: avser \"dagbefolkning\" i november."}, 0);
	check_split("\"open", ',', 1, (const char *const[]){"open"}, 1);
	check_split("a\tb", '\t', 2, (const char *const[]){"a", "b"}, 0);
}

static void test_delimiter(void **state)
{
	(void)state;
	assert_int_equal(scbcsv_delimiter("\"region\",\"kön\",\"2023\""), ',');
	assert_int_equal(scbcsv_delimiter("\"region\";\"yrke, SSYK\";\"år\""), ';');
	assert_int_equal(scbcsv_delimiter("\"Anställda efter region, yrke och år\""), 0);
	assert_int_equal(scbcsv_delimiter("region\tkön"), '\t');
}

static void test_suppressed(void **state)
{
	(void)state;
	const char *yes[] = {"..", ".", "...", ".......", "-", " .. "};
	for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
		assert_int_equal(cube_suppressed(yes[i]), 1);
	const char *no[] = {"0", "........", "--", "1.5", "", "-1"};
	for (size_t i = 0; i < sizeof no / sizeof *no; i++)
		assert_int_equal(cube_suppressed(no[i]), 0);
	long long v;
	assert_int_equal(cube_count("1203", &v), 0);
	assert_true(v == 1203);
	assert_int_equal(cube_count("0", &v), 0);
	assert_true(v == 0);
	assert_int_equal(cube_count("1 203", &v), -1);
	assert_int_equal(cube_count("12.0", &v), -1);
	assert_int_equal(cube_count("-3", &v), -1);
}

static void test_label_code(void **state)
{
	(void)state;
	char code[16];
	assert_int_equal(cube_label_code("0581 Norrköping", code, sizeof code), 4);
	assert_string_equal(code, "0581");
	assert_int_equal(cube_label_code("2512 Mjukvaru- och systemutvecklare m.fl.", code, sizeof code), 4);
	assert_int_equal(cube_label_code("05 Östergötlands län", code, sizeof code), 2);
	assert_int_equal(cube_label_code("C Tillverkning", code, sizeof code), 1);
	assert_string_equal(code, "C");
	assert_int_equal(cube_label_code("totalt", code, sizeof code), 0);
	assert_int_equal(cube_label_code("16-24 år", code, sizeof code), 0);
	assert_int_equal(cube_label_code("Riket", code, sizeof code), 0);
}

static void test_kind(void **state)
{
	(void)state;
	assert_int_equal(cube_kind_of("region"), CUBE_AREA);
	assert_int_equal(cube_kind_of("Region"), CUBE_AREA);
	assert_int_equal(cube_kind_of("yrke (SSYK 2012)"), CUBE_OCC);
	assert_int_equal(cube_kind_of("Yrke2012"), CUBE_OCC);
	assert_int_equal(cube_kind_of("kön"), CUBE_SEX);
	assert_int_equal(cube_kind_of("Kon"), CUBE_SEX);
	assert_int_equal(cube_kind_of("ålder"), CUBE_AGE);
	assert_int_equal(cube_kind_of("Alder"), CUBE_AGE);
	assert_int_equal(cube_kind_of("år"), CUBE_YEAR);
	assert_int_equal(cube_kind_of("Tid"), CUBE_YEAR);
	assert_int_equal(cube_kind_of("näringsgren SNI 2007"), CUBE_SNI);
	assert_int_equal(cube_kind_of("storleksklass"), CUBE_SIZE);
	assert_int_equal(cube_kind_of("Anställda 16-64 år (dagbef)"), CUBE_OTHER);
	assert_int_equal(cube_kind_of("tabellinnehåll"), CUBE_OTHER);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split),        cmocka_unit_test(test_delimiter),
		cmocka_unit_test(test_suppressed),   cmocka_unit_test(test_label_code),
		cmocka_unit_test(test_kind),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
