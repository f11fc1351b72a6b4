/* Unit tests of the per-municipality offers (track.c), the disclosure rule
 * of trackfit's tables (disclose.c), the explanation sentences (explain.c)
 * and the survey-derived entry requirements of a proposal (propose.c).
 * Expected values by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "codes.h"
#include "config.h"
#include "msg.h"
#include "stages/trackfit/disclose.h"
#include "stages/trackfit/explain.h"
#include "stages/trackfit/propose.h"
#include "stages/trackfit/track.h"

#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

static struct config *config_text(const char *text)
{
	char *dir = testutil_tmpdir();
	char path[4200];
	snprintf(path, sizeof path, "%s/t.ini", dir);
	testutil_write_file(path, text, strlen(text));
	struct config *cfg = config_load(path);
	assert_non_null(cfg);
	free(dir);
	return cfg;
}

/* stderr into a file while a call runs */
static int saved_stderr = -1;
static char capture_path[4200];

static void capture_stderr(void)
{
	char *dir = testutil_tmpdir();
	snprintf(capture_path, sizeof capture_path, "%s/stderr", dir);
	free(dir);
	fflush(stderr);
	saved_stderr = dup(2);
	int fd = open(capture_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	dup2(fd, 2);
	close(fd);
}

/* The captured text (caller frees); stderr is restored. */
static char *captured_stderr(void)
{
	fflush(stderr);
	dup2(saved_stderr, 2);
	close(saved_stderr);
	size_t len;
	char *text = testutil_read_file(capture_path, &len);
	assert_non_null(text);
	return text;
}

static const char kommun[3][5] = {"0581", "0882", "0180"};

static const char *const offers_ini =
	"[track.a]\nname = A\ntargets = 5120\ncapacity = 40\nprovider = Arbetsförmedlingen\n"
	"[offer.a.0581]\nprovider = Norrköpings kommun\ncapacity = 30\n"
	"[offer.a.0882]\nprovider = Oskarshamns kommun\ncapacity = 8\nstart = 2025\n"
	"[track.b]\nname = B\ntargets = 81\ncapacity = 20\n"
	"[track.c]\nname = C\ntargets = 9111\ncapacity = 60\n"
	"[offer.c.0581]\nstart = 2020\nend = 2023\n"
	"[offer.c.0882]\nstart = 2026\n"
	"[offer.c.1280]\nprovider = Malmö stad\n";

/* a: its own provider and capacity in each city, new in Oskarshamn in 2025;
 * b: no offer section, so everywhere with the track's capacity; c: ended in
 * Norrköping, not yet in Oskarshamn, Malmö is not reported: nowhere */
static void test_offers_per_municipality(void **state)
{
	(void)state;
	struct config *cfg = config_text(offers_ini);
	struct track *t;
	size_t nt;
	assert_int_equal(tracks_load(cfg, codes, &t, &nt), 0);
	struct track_offer *o;
	size_t n;
	assert_int_equal(offers_load(cfg, codes, t, nt, kommun, 3, 2025, &o, &n), 0);
	assert_int_equal(n, 5);
	/* municipality by municipality, tracks in configuration order */
	assert_int_equal(o[0].kommun, 0);
	assert_int_equal(o[0].track, 0);
	assert_int_equal(o[0].capacity, 30);
	assert_string_equal(o[0].provider, "Norrköpings kommun");
	assert_int_equal(o[0].own, 1);
	assert_int_equal(o[1].kommun, 0);
	assert_int_equal(o[1].track, 1);
	assert_int_equal(o[1].capacity, 20);
	assert_string_equal(o[1].provider, "");
	assert_int_equal(o[1].own, 0);
	assert_int_equal(o[2].kommun, 1);
	assert_int_equal(o[2].track, 0);
	assert_int_equal(o[2].capacity, 8);
	assert_int_equal(o[2].start, 2025);
	assert_string_equal(o[2].provider, "Oskarshamns kommun");
	assert_int_equal(o[3].kommun, 1);
	assert_int_equal(o[3].track, 1);
	/* Stockholm: only the track without offer sections */
	assert_int_equal(o[4].kommun, 2);
	assert_int_equal(o[4].track, 1);
	offers_free(o, n);
	/* a year later c runs in Oskarshamn */
	assert_int_equal(offers_load(cfg, codes, t, nt, kommun, 3, 2026, &o, &n), 0);
	assert_int_equal(n, 6);
	assert_int_equal(o[4].kommun, 1);
	assert_int_equal(o[4].track, 2);
	assert_int_equal(o[4].capacity, 60);
	offers_free(o, n);
	tracks_free(t, nt);
	config_free(cfg);
}

static void test_offer_unknown_municipality(void **state)
{
	(void)state;
	struct config *cfg = config_text("[track.a]\nname = A\ntargets = 5120\ncapacity = 4\n"
					 "[offer.a.0999]\nprovider = P\n");
	struct track *t;
	size_t nt;
	assert_int_equal(tracks_load(cfg, codes, &t, &nt), 0);
	struct track_offer *o;
	size_t n;
	capture_stderr();
	int rc = offers_load(cfg, codes, t, nt, kommun, 1, 2025, &o, &n);
	char *err = captured_stderr();
	assert_int_equal(rc, -1);
	if (!strstr(err, "t.ini:6: [offer.a.0999]: 0999 is not a Swedish municipality code"))
		fail_msg("message: %s", err);
	free(err);
	tracks_free(t, nt);
	config_free(cfg);
}

static struct trackfit_row row_with(long eligible, long women, long interested, long iwomen,
				    long capacity)
{
	struct trackfit_row r;
	memset(&r, 0, sizeof r);
	r.capacity = capacity;
	r.eligible = eligible;
	r.eligible_women = women;
	r.eligible_men = eligible - women;
	r.interested = interested;
	r.interested_women = iwomen;
	r.interested_men = interested - iwomen;
	r.selected = eligible < capacity ? eligible : capacity;
	r.filled_interested = interested < r.selected ? interested : r.selected;
	r.filled_other = r.selected - r.filled_interested;
	r.employers_open = -1;
	r.employers_open_weighted = NAN;
	return r;
}

static void test_disclose_row(void **state)
{
	(void)state;
	/* 8 eligible = 3 women + 5 men: the 3 is hidden, so the 5 is too */
	struct trackfit_row r = row_with(8, 3, 6, 3, 40);
	unsigned h = disclose_row(&r, 5, 3);
	assert_true(h & HIDE_ELIGIBLE_WOMEN);
	assert_true(h & HIDE_ELIGIBLE_MEN);
	assert_false(h & HIDE_ELIGIBLE);
	assert_false(h & HIDE_EXPECTED);
	/* 6 interested = 3 + 3 */
	assert_true(h & HIDE_INTERESTED_WOMEN);
	assert_true(h & HIDE_INTERESTED_MEN);
	/* selected 8 = 6 by interested + 2 by others: both hidden */
	assert_true(h & HIDE_FILLED_OTHER);
	assert_true(h & HIDE_FILLED_INTERESTED);
	/* 4 eligible: the count and everything derived from it */
	r = row_with(4, 2, 0, 0, 40);
	h = disclose_row(&r, 5, 3);
	assert_true(h & HIDE_ELIGIBLE);
	assert_true(h & HIDE_EXPECTED);
	assert_true(h & HIDE_SUPPLY);
	assert_true(h & HIDE_SELECTED);
	assert_false(h & HIDE_INTERESTED); /* zero describes nobody */
	/* min_persons 1 hides nothing */
	assert_int_equal(disclose_row(&r, 1, 1), 0);
	/* a weighted count resting on 2 respondents */
	r = row_with(50, 25, 20, 10, 40);
	r.employers_open = 2;
	r.employers_open_weighted = 11.5;
	h = disclose_row(&r, 5, 3);
	assert_int_equal(h, HIDE_EMPLOYERS_WEIGHTED | HIDE_EMPLOYER_RATIO);
	char *cols = disclose_columns(h);
	assert_string_equal(cols, "employers_open_weighted,employer_ratio");
	free(cols);
}

static void test_explain_number(void **state)
{
	(void)state;
	char *s = explain_number(26.63, 1, EXPLAIN_SV);
	assert_string_equal(s, "26,6");
	free(s);
	s = explain_number(26.63, 1, EXPLAIN_EN);
	assert_string_equal(s, "26.6");
	free(s);
	s = explain_number(-0.04, 1, EXPLAIN_SV);
	assert_string_equal(s, "0,0");
	free(s);
	s = explain_number(14.5, 0, EXPLAIN_SV);
	assert_string_equal(s, "14"); /* printf rounds half to even */
	free(s);
}

/* The example: Restaurang with 5 interested and 26.6 expected
 * placements: the sentence says where the other places come from. */
static void test_explain_interested_few(void **state)
{
	(void)state;
	struct trackfit_row r = row_with(102, 50, 5, 2, 40);
	r.expected = 26.63;
	r.occupations = 5;
	r.occupations_verdict[VERDICT_BRIST] = 1;
	r.occupations_verdict[VERDICT_BALANS] = 4;
	r.openings_unweighted = 500;
	r.employers_open = 17;
	r.employers_open_weighted = 127.56;
	unsigned h = disclose_row(&r, 5, 3);
	char *sv = explain_track(&r, h, 5, 5, EXPLAIN_SV);
	assert_string_equal(sv, "Bara 5 av de 102 behöriga har angett spårets yrken, så 35 av de 40 platserna "
				"fylls av behöriga som inte angett dem, i ordning efter förväntad placering; 26,6 "
				"väntas ha arbete inom ett år. Efterfrågan: 100,0 väntade jobbtillfällen per år i "
				"spårets 5 yrken, 1 av dem med bedömningen brist eller bevaka; 17 arbetsgivare i "
				"enkäten är öppna för deltagare (uppräknat till alla arbetsställen 128).");
	free(sv);
	/* 38 interested: 2 others, hidden; the sentence says "fewer than 5" */
	r = row_with(102, 50, 38, 19, 40);
	r.expected = 20;
	h = disclose_row(&r, 5, 3);
	char *en = explain_track(&r, h, 5, 5, EXPLAIN_EN);
	assert_string_equal(en, "Only 38 of the 102 eligible named the track's occupations, so the other "
				"(fewer than 5) of the 40 places are filled by eligible candidates who did not, in "
				"order of predicted placement; 20.0 are expected to be in work within a year. "
				"Demand: none of the track's occupations is in the municipality's shortage "
				"assessment.");
	free(en);
}

static void test_weighted_median(void **state)
{
	(void)state;
	/* god (2) weight 3 and grundläggande (1) weight 1: the weighted median
	 * is god, the unweighted lower median grundläggande */
	int v[] = {2, 1};
	double w[] = {3, 1};
	assert_int_equal(propose_weighted_median(v, w, 2), 2);
	double eq[] = {1, 1};
	assert_int_equal(propose_weighted_median(v, eq, 2), 1);
	int v5[] = {6, 0, 3, 3, 5};
	double w5[] = {0.1, 0.2, 0.2, 0.1, 0.4}; /* sorted 0:.2 3:.3 5:.4 6:.1 */
	assert_int_equal(propose_weighted_median(v5, w5, 5), 3);
	assert_int_equal(propose_weighted_median(v5, w5, 0), -1);
	double zero[] = {0, 0};
	assert_int_equal(propose_weighted_median(v, zero, 2), -1);
}

/* Requirements from the survey rows: the municipality's when it has any,
 * else every municipality's, else the skill level of the major group. */
static void test_requirements(void **state)
{
	(void)state;
	struct survey_row rows[] = {
		{0, "7411", 2, REQUIRED_GRUNDLAGGANDE, 1},
		{0, "7411", 3, REQUIRED_GOD, 1},
		{0, "7412", 3, REQUIRED_GOD, 1},
		{-1, "5321", 3, REQUIRED_FLYTANDE, 2},
		{-1, "5321", -1, REQUIRED_INGEN, 1},
	};
	struct inputs in;
	memset(&in, 0, sizeof in);
	in.survey = rows;
	in.nsurvey = sizeof rows / sizeof rows[0];
	size_t order[] = {3, 4, 0, 1, 2}; /* by code */
	in.survey_by_ssyk = order;
	struct track_target el[] = {{"7411", 4, 1}, {"7412", 4, 1}};
	struct track def = {.target = el, .ntarget = 2};
	assert_int_equal(propose_requirements(&in, 0, &def), REQUIREMENT_SURVEY_KOMMUN);
	assert_int_equal(def.min_swedish, SWEDISH_SFI_D); /* god 2 of 3 */
	assert_int_equal(def.min_sun, 3);
	struct track_target care[] = {{"5321", 4, 1}};
	def = (struct track){.target = care, .ntarget = 1};
	assert_int_equal(propose_requirements(&in, 0, &def), REQUIREMENT_SURVEY_ALL);
	assert_int_equal(def.min_swedish, SWEDISH_SAS); /* flytande weight 2 of 3 */
	assert_int_equal(def.min_sun, 3);
	struct track_target it[] = {{"2511", 4, 1}};
	def = (struct track){.target = it, .ntarget = 1};
	assert_int_equal(propose_requirements(&in, 0, &def), REQUIREMENT_NONE);
	assert_int_equal(def.min_swedish, 0);
	assert_int_equal(def.min_sun, 5); /* SSYK 2: a long post-secondary education */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_offers_per_municipality),
		cmocka_unit_test(test_offer_unknown_municipality),
		cmocka_unit_test(test_disclose_row),
		cmocka_unit_test(test_explain_number),
		cmocka_unit_test(test_explain_interested_few),
		cmocka_unit_test(test_weighted_median),
		cmocka_unit_test(test_requirements),
	};
	msg_set_prog("test_offers");
	return cmocka_run_group_tests(tests, setup, teardown);
}
