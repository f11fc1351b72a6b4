/* Unit tests of pipeline/idnum.c. Check digits of the numbers below were
 * computed independently with tests/fixtures/ingest/luhn.py; 19121212-1212
 * is Skatteverket's well-known test number ("Tolvan Tolvansson"). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "idnum.h"
#include "msg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void test_luhn(void **state)
{
	(void)state;
	assert_true(luhn_valid("1212121212", 10));
	assert_false(luhn_valid("1212121213", 10));
	assert_int_equal(luhn_digit("811218987", 9), 6);
	assert_int_equal(luhn_digit("556614374", 9), 8);
}

static void test_person_valid_forms(void **state)
{
	(void)state;
	struct idnum id;
	const char *why;
	const char *forms[] = {"19121212-1212", "191212121212", "121212-1212", "1212121212",
			       " 19121212-1212 ", NULL};
	/* reference year 2024: 10-digit 121212 is 2012-12-12; with '+' 1912 */
	for (int i = 0; forms[i]; i++) {
		assert_int_equal(idnum_parse_person(forms[i], 2024, &id, &why), 0);
	}
	assert_int_equal(idnum_parse_person("121212-1212", 2024, &id, &why), 0);
	assert_int_equal(id.birth_year, 2012);
	assert_int_equal(idnum_parse_person("121212+1212", 2024, &id, &why), 0);
	assert_int_equal(id.birth_year, 1912);
	assert_string_equal(id.canonical, "191212121212");
	assert_int_equal(id.female, 0); /* 1 odd: man */
	assert_int_equal(idnum_parse_person("811218-9876", 2024, &id, &why), 0);
	assert_int_equal(id.birth_year, 1981);
	assert_int_equal(id.female, 0); /* 7 odd */
	/* samordningsnummer: day 83 = 23 + 60 */
	assert_int_equal(idnum_parse_person("640883-3132", 2024, &id, &why), 0);
	assert_int_equal(id.kind, IDNUM_SAMORDNINGSNUMMER);
	assert_int_equal(id.birth_day, 23);
	assert_int_equal(id.birth_month, 8);
	assert_int_equal(id.female, 0); /* 3 odd */
	assert_int_equal(idnum_parse_person("900101-0017", 2024, &id, &why), 0);
	assert_int_equal(id.female, 0);
}

static void test_person_invalid(void **state)
{
	(void)state;
	struct idnum id;
	const char *why;
	const char *bad[] = {
		"19121212-1213",  /* check digit */
		"121212-121",     /* 9 digits */
		"1912121212123",  /* 13 digits */
		"19180230-1234",  /* 30 February */
		"19121312-1212",  /* month 13 */
		"191212-12-12",   /* two separators */
		"1912121-21212",  /* separator misplaced */
		"19121212x1212",
		"",
		NULL};
	for (int i = 0; bad[i]; i++)
		if (idnum_parse_person(bad[i], 2024, &id, &why) == 0)
			fail_msg("accepted \"%s\"", bad[i]);
	assert_int_equal(idnum_parse_person("19121212-1213", 2024, &id, &why), -1);
	assert_string_equal(why, "check digit wrong");
	assert_int_equal(idnum_parse_person("18021230-0000", 2024, &id, &why), -1);
}

static void test_org(void **state)
{
	(void)state;
	char canon[11];
	const char *why;
	assert_int_equal(idnum_parse_org("556614-3748", 2024, canon, &why), 0);
	assert_string_equal(canon, "5566143748");
	assert_int_equal(idnum_parse_org("165566143748", 2024, canon, &why), 0);
	assert_string_equal(canon, "5566143748");
	assert_int_equal(idnum_parse_org("556614-3749", 2024, canon, &why), -1);
	/* a sole trader's number is a personnummer */
	assert_int_equal(idnum_parse_org("19121212-1212", 2024, canon, &why), 0);
	assert_string_equal(canon, "1212121212");
	assert_int_equal(idnum_parse_org("55661", 2024, canon, &why), -1);
}

static void test_pseudonym(void **state)
{
	(void)state;
	char *dir = testutil_tmpdir();
	char path[4200];
	snprintf(path, sizeof path, "%s/key", dir);
	unsigned char k1[PSEUDO_KEY_BYTES], k2[PSEUDO_KEY_BYTES];
	assert_int_equal(pseudo_key_load(path, k1), 0); /* created */
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(pseudo_key_load(path, k2), 0); /* read back */
	assert_memory_equal(k1, k2, PSEUDO_KEY_BYTES);
	char a[PSEUDO_HEX_LEN + 1], b[PSEUDO_HEX_LEN + 1], c[PSEUDO_HEX_LEN + 1];
	pseudo_make(k1, 'P', "191212121212", a);
	pseudo_make(k2, 'P', "191212121212", b);
	pseudo_make(k1, 'O', "191212121212", c);
	assert_string_equal(a, b);          /* same key, same pseudonym */
	assert_string_not_equal(a, c);      /* domains differ */
	assert_int_equal(strlen(a), 32);
	assert_null(strstr(a, "121212"));
	/* a different key gives a different pseudonym */
	k2[0] ^= 1;
	pseudo_make(k2, 'P', "191212121212", b);
	assert_string_not_equal(a, b);
	/* a key file readable by others is refused */
	chmod(path, 0644);
	assert_int_equal(pseudo_key_load(path, k2), -1);
	free(dir);
}

static void test_mask(void **state)
{
	(void)state;
	char *m = idnum_mask("19121212-1212");
	assert_string_equal(m, "XXXXXXXX-XXXX");
	free(m);
	const char *why;
	struct idnum id;
	assert_int_equal(idnum_parse_person("19121212/1212", 2024, &id, &why), -1);
	assert_string_equal(why, "a character other than digits and one - or + (YYYYMMDD-NNNN)");
	m = idnum_mask("id 121212+1212, count 42");
	assert_string_equal(m, "id XXXXXX+XXXX, count 42");
	free(m);
	m = idnum_mask("2024-02-30");
	assert_string_equal(m, "2024-02-30"); /* 8 digits: a date, not an identity number */
	free(m);
	/* any short non-alphanumeric joiner: en dash (3 bytes), slash, dots,
	 * no-break space (2 bytes), two spaces */
	m = idnum_mask("19121212\xe2\x80\x93" "1212");
	assert_string_equal(m, "XXXXXXXX\xe2\x80\x93" "XXXX");
	free(m);
	m = idnum_mask("pnr 19121212/1212.");
	assert_string_equal(m, "pnr XXXXXXXX/XXXX.");
	free(m);
	m = idnum_mask("12.12.12\xc2\xa0" "1212");
	assert_string_equal(m, "XX.XX.XX\xc2\xa0" "XXXX");
	free(m);
	m = idnum_mask("121212  1212-");
	assert_string_equal(m, "XXXXXX  XXXX-");
	free(m);
	/* a gap of four joiners, or a letter, ends the run */
	m = idnum_mask("12121----21212");
	assert_string_equal(m, "12121----21212");
	free(m);
	m = idnum_mask("12121x21212");
	assert_string_equal(m, "12121x21212");
	free(m);
	m = idnum_mask("5120|9412|9111"); /* a list of codes */
	assert_string_equal(m, "5120|9412|9111");
	free(m);
}

int main(void)
{
	msg_set_prog("test_idnum");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_luhn),
		cmocka_unit_test(test_person_valid_forms),
		cmocka_unit_test(test_person_invalid),
		cmocka_unit_test(test_org),
		cmocka_unit_test(test_pseudonym),
		cmocka_unit_test(test_mask),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
