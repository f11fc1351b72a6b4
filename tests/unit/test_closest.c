/* Unit tests of pipeline/closest.c: "did you mean" for a missing column,
 * which ingest and import share. The expected indices were worked out by
 * hand from the rule in closest.h (distances in bytes after folding). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "closest.h"

/* the header of a jobseekers.csv exported with Swedish names */
static void test_header_names(void **state)
{
	(void)state;
	static const char *const header[] = {"Personnummer", "kommunkod", "registrerad", "ssyk wanted",
					     "Days-Unemployed", "etablering", "ssyk_kod", "\xc3\xa5r", ""};
	size_t n = sizeof header / sizeof *header;
	/* kommun -> kommunkod: distance 3, limit max(9 / 3, 2) = 3 */
	assert_int_equal(closest_column("kommun", header, n), 1);
	/* registered -> registrerad: distance 2 */
	assert_int_equal(closest_column("registered", header, n), 2);
	/* ' ', '-' and case fold to the same name: distance 0 */
	assert_int_equal(closest_column("ssyk_wanted", header, n), 3);
	assert_int_equal(closest_column("days_unemployed", header, n), 4);
	assert_int_equal(closest_column("personnummer", header, n), 0);
	/* a prefix followed by '_': "ssyk_kod" for ssyk (distance 4 > 2) */
	assert_int_equal(closest_column("ssyk", header, n), 6);
	/* too far: no suggestion rather than a wrong one */
	assert_int_equal(closest_column("establishment", header, n), -1);
	/* "år" is 3 bytes from "year" (4 edits): over the limit 2 */
	assert_int_equal(closest_column("year", header, n), -1);
	assert_int_equal(closest_column("age", header, 0), -1);
}

static void test_ties_and_limits(void **state)
{
	(void)state;
	/* the first of two equally close ones */
	static const char *const two[] = {"kommune", "kommunx"};
	assert_int_equal(closest_column("kommun", two, 2), 0);
	/* the closer wins wherever it stands: distances 3, 3 and 1 */
	static const char *const three[] = {"kommunkod", "Kommun-nr", "kommune"};
	assert_int_equal(closest_column("kommun", three, 3), 2);
	/* a name longer than 64 bytes is no column name */
	static const char *const longer[] = {
		"kommun_kommun_kommun_kommun_kommun_kommun_kommun_kommun_kommun_kommun"};
	assert_int_equal(closest_column("kommun", longer, 1), -1);
	/* the limit is at least 2 even for short names: "ssyk" -> "ssk" (1); "age" is 3 from
	 * "ssk" and 4 from "kön" (ö is two bytes): none */
	static const char *const short_names[] = {"k\xc3\xb6n", "ssk"};
	assert_int_equal(closest_column("ssyk", short_names, 2), 1);
	assert_int_equal(closest_column("age", short_names, 2), -1);
	/* the prefix rule needs '_' and more after the name */
	static const char *const prefix[] = {"sampledx", "sampled_n"};
	assert_int_equal(closest_column("sampled", prefix, 2), 0); /* distance 1 beats the prefix's 2 */
	static const char *const prefix_only[] = {"sni_section_code_2007"};
	assert_int_equal(closest_column("sni_section", prefix_only, 1), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header_names),
		cmocka_unit_test(test_ties_and_limits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
