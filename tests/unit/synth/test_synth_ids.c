/* Unit tests of stages/synth/synth_ids.c: generated identity numbers must
 * pass the project's own checker (pipeline/idnum.c) and be distinct. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "idnum.h"
#include "stages/synth/synth_ids.h"
#include "stages/synth/synth_rng.h"
#include "value.h"

#include <stdlib.h>
#include <string.h>

static void test_pnr_format_known(void **state)
{
	(void)state;
	char out[14];
	/* 1980-03-07, birth number 123: Luhn over 800307123 by hand:
	 * 8*2=16->7, 0, 0*2=0, 3, 0*2=0, 7, 1*2=2, 2, 3*2=6 -> 27 -> check 3 */
	synth_pnr_format(days_from_civil(1980, 3, 7), 123, 0, SYNTH_PNR_12_DASH, out);
	assert_string_equal(out, "19800307-1233");
	synth_pnr_format(days_from_civil(1980, 3, 7), 123, 0, SYNTH_PNR_12, out);
	assert_string_equal(out, "198003071233");
	synth_pnr_format(days_from_civil(1980, 3, 7), 123, 0, SYNTH_PNR_10_DASH, out);
	assert_string_equal(out, "800307-1233");
	/* samordningsnummer: day + 60 = 67; Luhn over 800367123: 7+0+0+3+12->3+7+2+2+6 = 30 -> 0 */
	synth_pnr_format(days_from_civil(1980, 3, 7), 123, 1, SYNTH_PNR_12_DASH, out);
	assert_string_equal(out, "19800367-1230");
}

static void test_person_numbers_valid_and_distinct(void **state)
{
	(void)state;
	struct synth_ids *ids = synth_ids_new();
	gsl_rng *r = synth_stream(1, "test", "ids");
	enum { N = 3000 };
	char (*seen)[14] = calloc(N, sizeof *seen);
	long day0 = days_from_civil(1990, 5, 1);
	for (int i = 0; i < N; i++) {
		int female = i % 2, samordning = i % 7 == 0;
		enum synth_pnr_form form = (enum synth_pnr_form)(i % 3);
		/* only three birth dates: forces many collisions of the drawn birth number */
		long birth = day0 + i % 3;
		assert_int_equal(synth_ids_person(ids, r, birth, female, samordning, form, seen[i]), 0);
		struct idnum id;
		const char *why = NULL;
		assert_int_equal(idnum_parse_person(seen[i], 2024, &id, &why), 0);
		assert_int_equal(id.female, female);
		assert_int_equal(id.kind, samordning ? IDNUM_SAMORDNINGSNUMMER : IDNUM_PERSONNUMMER);
		int y, m, d;
		civil_from_days(birth, &y, &m, &d);
		assert_int_equal(id.birth_year, y);
		assert_int_equal(id.birth_month, m);
		assert_int_equal(id.birth_day, d);
		for (int j = 0; j < i; j++) {
			struct idnum other;
			assert_int_equal(idnum_parse_person(seen[j], 2024, &other, &why), 0);
			assert_string_not_equal(id.canonical, other.canonical);
		}
	}
	free(seen);
	gsl_rng_free(r);
	synth_ids_free(ids);
}

static void test_person_numbers_run_out(void **state)
{
	(void)state;
	struct synth_ids *ids = synth_ids_new();
	gsl_rng *r = synth_stream(1, "test", "full");
	char out[14];
	long day = days_from_civil(2000, 1, 1);
	/* 500 birth numbers per day and sex */
	for (int i = 0; i < 500; i++)
		assert_int_equal(synth_ids_person(ids, r, day, 1, 0, SYNTH_PNR_12, out), 0);
	assert_int_equal(synth_ids_person(ids, r, day, 1, 0, SYNTH_PNR_12, out), -1);
	/* the other sex and samordningsnummer are separate */
	assert_int_equal(synth_ids_person(ids, r, day, 0, 0, SYNTH_PNR_12, out), 0);
	assert_int_equal(synth_ids_person(ids, r, day, 1, 1, SYNTH_PNR_12, out), 0);
	gsl_rng_free(r);
	synth_ids_free(ids);
}

static void test_orgnr(void **state)
{
	(void)state;
	char out[12], canon[11];
	const char *why;
	static const long serials[] = {0, 1, 99999, 100000, 799999, 800000, 7999999, 8000000, 9999999};
	char seen[9][12];
	for (size_t i = 0; i < 9; i++) {
		synth_orgnr(5, serials[i], out);
		assert_int_equal(strlen(out), 11);
		assert_int_equal(out[6], '-');
		assert_true(out[2] >= '2');
		assert_int_equal(idnum_parse_org(out, 2024, canon, &why), 0);
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(out, seen[j]);
		memcpy(seen[i], out, 12);
	}
	synth_orgnr(2, 1000000, out);
	assert_int_equal(out[0], '2');
	assert_int_equal(idnum_parse_org(out, 2024, canon, &why), 0);
	/* serial 0: digits 5,0,2,0,00000 -> Luhn over 502000000: 10->1,0,2,0,0... = 1+0+4+0 = 5 -> 5 */
	synth_orgnr(5, 0, out);
	assert_string_equal(out, "502000-0005");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pnr_format_known),
		cmocka_unit_test(test_person_numbers_valid_and_distinct),
		cmocka_unit_test(test_person_numbers_run_out),
		cmocka_unit_test(test_orgnr),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
