/* Unit tests of what the reader sees instead of codes: stages/report/labels.c
 * (flags, Yrkesbarometer verdicts, model terms, sources, the proposals'
 * kinds, requirements and obstacles, Swedish and SUN levels), sheet names and
 * code cells (rtable.c), and a code column in the CSV export (csvexport.c,
 * ="0581" so Excel keeps the leading zero). Expected texts written by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "stages/report/csvexport.h"
#include "stages/report/labels.h"
#include "stages/report/rtable.h"
#include "msg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void test_flags_as_words(void **state)
{
	(void)state;
	char *w = label_flags(0, "high_cv;few_respondents", "few_employed");
	/* fixed order: why no verdict first, then the survey's caveats */
	assert_string_equal(w, "få sysselsatta, få svarande, osäker enkätskattning");
	free(w);
	w = label_flags(1, "no_survey", "");
	assert_string_equal(w, "no survey answers");
	free(w);
	w = label_flags(0, "", "");
	assert_string_equal(w, "");
	free(w);
	/* a code without a word is kept, never dropped */
	w = label_flags(0, "paradox;new_code", "");
	assert_string_equal(w, "brist trots många sökande, new_code");
	free(w);
	/* each once, also when in both lists */
	w = label_flags(0, "few_employed", "few_employed;few_events");
	assert_string_equal(w, "få sysselsatta, få annonser och sökande");
	free(w);
}

static void test_yrkesbarometer(void **state)
{
	(void)state;
	assert_string_equal(label_yb(0, "överskott"), "Överskott");
	assert_string_equal(label_yb(0, "paradox"), "Brist trots många sökande");
	assert_string_equal(label_yb(1, "brist"), "Shortage");
	assert_string_equal(label_yb(0, ""), "");
	/* one scale for the local verdict and Yrkesbarometer's */
	assert_int_equal(label_verdict_level("brist"), 2);
	assert_int_equal(label_verdict_level("paradox"), 2);
	assert_int_equal(label_verdict_level("bevaka"), 1);
	assert_int_equal(label_verdict_level("balans"), 0);
	assert_int_equal(label_verdict_level("överskott"), -1);
	assert_int_equal(label_verdict_level("X"), -9);
	assert_int_equal(label_verdict_level(""), -9);
}

static void test_model_terms(void **state)
{
	(void)state;
	char *t = label_model_term(0, "kvinna", NULL);
	assert_string_equal(t, "Kvinna (jämfört med man)");
	free(t);
	t = label_model_term(0, "track_industri", "Industri");
	assert_string_equal(t, "Jobbspår: Industri");
	free(t);
	t = label_model_term(1, "track_x", NULL);
	assert_string_equal(t, "Job track: x");
	free(t);
	t = label_model_term(0, "unknown_term", NULL);
	assert_string_equal(t, "unknown_term");
	free(t);
	assert_string_equal(label_model_note(0, "reference track"),
			    "referensspår: de andra spåren jämförs med det");
	assert_string_equal(label_input_source(0, "employment.csv"),
			    "SCB: yrkesregistret (anställda per yrke och ålder)");
	assert_string_equal(label_input_source(0, "other.csv"), "");
	assert_string_equal(label_reject_reason(0, "unknown SSYK code"), "okänd SSYK-kod");
	assert_string_equal(label_reject_reason(1, "unknown SSYK code"), "unknown SSYK code");
}

static void test_proposal_words(void **state)
{
	(void)state;
	assert_string_equal(label_proposal_kind(0, "ssyk3"), "yrkesgrupp (SSYK, tre siffror)");
	assert_string_equal(label_proposal_kind(1, "bundle"), "bundle of occupations");
	assert_string_equal(label_requirements_source(0, "survey_all"), "arbetsgivarenkäten i alla kommuner");
	assert_string_equal(label_obstacle(0, "interest"), "få intresserade");
	assert_string_equal(label_obstacle(1, "swedish"), "the Swedish requirement");
	assert_string_equal(label_swedish_level(0, "sfi-b"), "sfi B");
	assert_string_equal(label_swedish_level(0, ""), "inget krav");
	assert_string_equal(label_swedish_level(1, "sas"), "Swedish as a second language");
	/* a code without a word is shown as it is */
	assert_string_equal(label_obstacle(0, "new_code"), "new_code");
	char *w = label_sun_level(0, "3");
	assert_string_equal(w, "gymnasial (SUN 3)");
	free(w);
	w = label_sun_level(1, "5");
	assert_string_equal(w, "post-secondary, 2 years or more (SUN 5)");
	free(w);
	w = label_sun_level(0, "");
	assert_string_equal(w, "inget krav");
	free(w);
	w = label_sun_level(0, "9");
	assert_string_equal(w, "9");
	free(w);
}

static void test_sheet_names(void **state)
{
	(void)state;
	struct rtable *t = rtable_new("brist_0581", "T", 1);
	/* the characters Excel forbids become '-' */
	rtable_sheet(t, "Yrken [a/b]: *?\\'");
	assert_string_equal(t->sheet, "Yrken -a-b-- ----");
	/* at most 31 bytes, cut before a character that does not fit whole:
	 * 29 letters and "ö" (2 bytes) fit, the next "ö" does not */
	char name[64], want[64];
	memset(name, 'a', 29);
	strcpy(name + 29, "ööö");
	memset(want, 'a', 29);
	strcpy(want + 29, "ö");
	rtable_sheet(t, name);
	assert_int_equal(strlen(t->sheet), 31);
	assert_string_equal(t->sheet, want);
	/* an empty name falls back on the id */
	rtable_sheet(t, "");
	assert_string_equal(t->sheet, "brist_0581");
	rtable_free(t);
	assert_true(rtable_code_text("0581"));
	assert_true(rtable_code_text("L05"));
	assert_false(rtable_code_text(""));
	assert_false(rtable_code_text("05\"81"));
	assert_false(rtable_code_text("=1+1"));
	assert_false(rtable_code_text("0581 "));
}

static void test_csv_codes_as_text(void **state)
{
	(void)state;
	char *dir = testutil_tmpdir();
	char *path = easprintf("%s/k.csv", dir);
	struct rtable *t = rtable_new("k", "K", 3);
	rtable_col(t, 0, "SSYK", 0, 1);
	rtable_code(t, 0);
	rtable_col(t, 1, "Kommun", 0, 1);
	rtable_code(t, 1);
	rtable_col(t, 2, "Antal", 0, 0);
	size_t r = rtable_add_row(t);
	rtable_text(t, r, 0, "0110");
	rtable_text(t, r, 1, "0581");
	rtable_num(t, r, 2, 7);
	r = rtable_add_row(t);
	/* not a plain code: written as text, neutralised, never as ="..." */
	rtable_text(t, r, 0, "=1+1");
	rtable_text(t, r, 1, "0882");
	assert_int_equal(csv_write_table(t, path), 0);
	size_t len;
	char *got = testutil_read_file(path, &len);
	assert_string_equal(got, "\xEF\xBB\xBFSSYK;Kommun;Antal\r\n"
				 "=\"0110\";=\"0581\";7\r\n"
				 "'=1+1;=\"0882\";\r\n");
	free(got);
	/* a table marked no_csv writes nothing */
	unlink(path);
	t->no_csv = 1;
	assert_int_equal(csv_write_table(t, path), 0);
	assert_int_equal(access(path, F_OK), -1);
	rtable_free(t);
	free(path);
	free(dir);
}

int main(void)
{
	msg_set_prog("test_labels");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_flags_as_words),
		cmocka_unit_test(test_yrkesbarometer),
		cmocka_unit_test(test_model_terms),
		cmocka_unit_test(test_proposal_words),
		cmocka_unit_test(test_sheet_names),
		cmocka_unit_test(test_csv_codes_as_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
