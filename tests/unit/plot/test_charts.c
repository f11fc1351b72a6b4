/* Unit tests of stages/plot/charts.c and tables.c: hostile text enters the
 * gnuplot script only as a quoted literal, data blocks hold numbers only,
 * and disclosure control keeps small counts and thin survey shares out of
 * the script. The suppressed values are chosen so that their digits appear
 * nowhere else in the script (checked by hand). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "stages/plot/charts.h"
#include "stages/plot/gpquote.h"
#include "stages/plot/tables.h"
#include "msg.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char HOSTILE_DQ[] = "x\" ; system \"touch /tmp/pwned";
static const char HOSTILE_SQ[] = "x' ; system 'touch /tmp/pwned";

static struct occ_row make_row(const char *area, const char *ssyk, const char *label,
			       double score, double share, long nresp, double employed)
{
	struct occ_row r;
	memset(&r, 0, sizeof r);
	r.area = (char *)area;
	r.area_type = (char *)"kommun";
	snprintf(r.ssyk, sizeof r.ssyk, "%s", ssyk);
	r.label = (char *)label;
	r.score = score;
	r.share_brist = share;
	r.share_brist_lo = share - 0.1;
	r.share_brist_hi = share + 0.1;
	r.n_respondents = nresp;
	r.employed = employed;
	r.jobseekers = 40;
	r.vacancies = 12;
	r.replacement_5y = 31.25;
	r.expansion_5y = 6.5;
	r.openings_5y = 37.75;
	r.verdict = VK_BRIST;
	return r;
}

/* Runs a chart into a string (caller frees). */
static char *run_chart(int (*fn)(FILE *, const struct plot_data *, const struct plot_opts *,
				 const char *, struct chart_meta *),
		       const struct plot_data *d, const struct plot_opts *o, const char *k,
		       int *status, struct chart_meta *m)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	assert_non_null(fp);
	*status = fn(fp, d, o, k, m);
	assert_int_equal(fclose(fp), 0);
	return buf;
}

/* Every data line between "<< EOD" and "EOD" holds numbers (or NaN) only. */
static void assert_numeric_blocks(const char *script)
{
	const char *p = script;
	while ((p = strstr(p, "<< EOD\n"))) {
		p += 7;
		const char *end = strstr(p, "\nEOD\n");
		if (!end && strncmp(p, "EOD\n", 4) == 0)
			continue;
		assert_non_null(end);
		for (const char *c = p; c < end; c++)
			if (!strchr("0123456789.-+eENa \n", *c))
				fail_msg("non-numeric byte '%c' in a data block", *c);
		p = end;
	}
}

static struct plot_opts opts(void)
{
	struct plot_opts o;
	memset(&o, 0, sizeof o);
	o.lang = LANG_SV;
	o.min_persons = 5;
	o.min_respondents = 3;
	o.top_n = 10;
	o.trend_n = 5;
	return o;
}

static void test_top_shortage_hostile_and_suppressed(void **state)
{
	(void)state;
	struct occ_row rows[3];
	rows[0] = make_row("0581", "5120", HOSTILE_DQ, 2.0, 0.625, 10, 100);
	rows[1] = make_row("0581", "9412", HOSTILE_SQ, 1.0, 0.875, 2, 100); /* 2 < 3 respondents */
	rows[2] = make_row("0882", "9111", "Städare", 3.0, 0.5, 10, 100);   /* other kommun */
	struct occ_table t = {rows, 3, NULL, 0};
	occ_table_index(&t);
	struct plot_data d;
	memset(&d, 0, sizeof d);
	d.occ = &t;
	struct plot_opts o = opts();
	struct chart_meta m;
	memset(&m, 0, sizeof m);
	int st;
	char *s = run_chart(chart_top_shortage, &d, &o, "0581", &st, &m);
	assert_int_equal(st, 1);
	assert_string_equal(m.id, "top_shortage");
	assert_string_equal(m.kommun, "0581");
	/* the labels appear only quoted */
	char *q1 = gp_quote_max("5120 x\" ; system \"touch /tmp/pwned", 40);
	char *q2 = gp_quote_max("9412 x' ; system 'touch /tmp/pwned", 40);
	assert_non_null(strstr(s, q1));
	assert_non_null(strstr(s, q2));
	/* the shown share 62.5 % is drawn; the thin one (87.5 %) is not */
	assert_non_null(strstr(s, "62.5000"));
	assert_null(strstr(s, "87.5"));
	assert_non_null(strstr(s, "'..'"));
	/* the other municipality's row is not in this chart */
	assert_null(strstr(s, "Städare"));
	assert_numeric_blocks(s);
	/* both languages' titles; the municipality code has no name without
	 * the code lists, so it is shown as the code */
	assert_string_equal(m.title[LANG_SV], "Bristyrken i 0581: andel arbetsgivare som upplever brist");
	assert_non_null(strstr(m.title[LANG_EN], "Shortage occupations in 0581"));
	assert_non_null(m.alt[LANG_SV]);
	assert_non_null(m.alt[LANG_EN]);
	chart_meta_clear(&m);
	free(q1);
	free(q2);
	free(s);
	free(t.kommun_rows);
}

static void test_openings_suppresses_few_employed(void **state)
{
	(void)state;
	struct occ_row rows[2];
	rows[0] = make_row("0581", "5120", "Kockar", 2.0, 0.5, 10, 100);
	rows[1] = make_row("0581", "2512", "Utvecklare", 1.0, 0.5, 10, 3); /* 3 < 5 employed */
	rows[1].replacement_5y = 1.125;
	rows[1].expansion_5y = 0.375;
	struct occ_table t = {rows, 2, NULL, 0};
	occ_table_index(&t);
	struct plot_data d;
	memset(&d, 0, sizeof d);
	d.occ = &t;
	struct plot_opts o = opts();
	struct chart_meta m;
	memset(&m, 0, sizeof m);
	int st;
	char *s = run_chart(chart_openings, &d, &o, "0581", &st, &m);
	assert_int_equal(st, 1);
	assert_non_null(strstr(s, "31.2500"));
	assert_null(strstr(s, "1.1250"));
	assert_null(strstr(s, "0.3750"));
	assert_numeric_blocks(s);
	chart_meta_clear(&m);
	free(s);
	free(t.kommun_rows);
}

static void test_candidates_small_cells(void **state)
{
	(void)state;
	struct cand_counts c;
	memset(&c, 0, sizeof c);
	memcpy(c.kommun, "0581", 5);
	c.n[SEX_KVINNOR][SWE_SFI_B][EDU_GYMNASIAL] = 17;
	c.n[SEX_KVINNOR][SWE_SFI_B][EDU_FORGYMNASIAL] = 3;   /* < 5: not drawn */
	c.n[SEX_MAN][SWE_SAS][EDU_EFTERGYMNASIAL] = 23;
	c.total = 43;
	struct plot_data d;
	memset(&d, 0, sizeof d);
	d.cand = &c;
	d.ncand = 1;
	struct plot_opts o = opts();
	struct chart_meta m;
	memset(&m, 0, sizeof m);
	int st;
	char *s = run_chart(chart_candidates, &d, &o, "0581", &st, &m);
	assert_int_equal(st, 1);
	/* the women's sfi B row: the 3 is skipped, the 17 starts at 0 */
	assert_non_null(strstr(s, "\n1 NaN NaN 0 17 NaN NaN NaN NaN\n"));
	assert_non_null(strstr(s, "\n4 NaN NaN NaN NaN 0 23 NaN NaN\n"));
	assert_non_null(strstr(s, "'..'"));
	assert_numeric_blocks(s);
	assert_non_null(strstr(m.alt[LANG_SV], "40 personer visas"));
	chart_meta_clear(&m);
	free(s);
	/* a municipality without candidates draws nothing */
	s = run_chart(chart_candidates, &d, &o, "0882", &st, &m);
	assert_int_equal(st, 0);
	free(s);
}

static void test_track_fit_hostile_name(void **state)
{
	(void)state;
	struct track_row k[2];
	memset(k, 0, sizeof k);
	k[0].area = (char *)"0581";
	k[0].track = (char *)"t1";
	k[0].name = (char *)"`touch /tmp/pwned` @x {y}";
	k[0].capacity = 20;
	k[0].eligible = 4; /* < 5: eligible and expected not drawn */
	k[0].openings = 60;
	k[0].expected = 2.75;
	k[0].expected_lo = 1.25;
	k[0].expected_hi = 3.5;
	k[0].rank = 1;
	k[1] = k[0];
	k[1].track = (char *)"t2";
	k[1].name = NULL;
	k[1].eligible = 44;
	k[1].expected = 12.5;
	k[1].rank = 2;
	struct track_table t = {k, 2};
	struct plot_data d;
	memset(&d, 0, sizeof d);
	d.tracks = &t;
	struct plot_opts o = opts();
	struct chart_meta m;
	memset(&m, 0, sizeof m);
	int st;
	char *s = run_chart(chart_track_fit, &d, &o, "0581", &st, &m);
	assert_int_equal(st, 1);
	assert_non_null(strstr(s, "'`touch /tmp/pwned` @x {y}' 2"));
	assert_non_null(strstr(s, "'t2' 1"));
	assert_null(strstr(s, "2.75"));
	assert_non_null(strstr(s, "12.5"));
	assert_numeric_blocks(s);
	chart_meta_clear(&m);
	free(s);
}

static void test_occ_table_read_expansion(void **state)
{
	(void)state;
	char *dir = testutil_tmpdir();
	/* the verdict contract, and the registry indicators beside it */
	char *p = easprintf("%s/shortage.tsv", dir);
	const char *text = "kommun\tarea_type\tssyk\tlabel\tverdict\n"
			   "0581\tkommun\t5120\tKockar\\tx\töverskott\n";
	testutil_write_file(p, text, strlen(text));
	char *q = easprintf("%s/shortage_registry.tsv", dir);
	text = "kommun\tarea_type\tssyk\topenings_5y\treplacement_5y\n"
	       "0581\tkommun\t5120\t40\t30\n";
	testutil_write_file(q, text, strlen(text));
	struct occ_table *t = occ_table_read(dir);
	assert_non_null(t);
	assert_int_equal(t->n, 1);
	assert_string_equal(t->row[0].label, "Kockar\tx");
	assert_close(t->row[0].expansion_5y, 10, 1e-12);
	assert_int_equal(t->row[0].verdict, VK_OVERSKOTT);
	assert_true(isnan(t->row[0].score));
	assert_int_equal(t->row[0].n_respondents, -1);
	occ_table_free(t);
	/* a side table whose rows are not the contract's: an error */
	text = "kommun\tarea_type\tssyk\topenings_5y\treplacement_5y\n"
	       "0581\tkommun\t5130\t40\t30\n";
	testutil_write_file(q, text, strlen(text));
	assert_null(occ_table_read(dir));
	free(q);
	free(p);
	free(dir);
}

/* The published survey figures: the model's for a municipality
 * (survey_source eblup), the direct estimate for a county or SE row
 * (survey_source direct, the model columns empty there). */
static void test_occ_table_read_survey_source(void **state)
{
	(void)state;
	char *dir = testutil_tmpdir();
	char *p = easprintf("%s/shortage.tsv", dir);
	const char *text = "kommun\tarea_type\tssyk\tlabel\tverdict\n"
			   "0581\tkommun\t5120\tKockar\tbrist\n"
			   "L05\tlan\t5120\tKockar\tbrist\n";
	testutil_write_file(p, text, strlen(text));
	char *q = easprintf("%s/shortage_survey.tsv", dir);
	text = "kommun\tarea_type\tssyk\tplanned_hires\tshare_brist\tshare_brist_lo\tshare_brist_hi\t"
	       "planned_hires_model\tshare_brist_model\tshare_brist_model_lo\tshare_brist_model_hi\t"
	       "survey_source\n"
	       "0581\tkommun\t5120\t12\t0.5\t0.25\t0.75\t9\t0.4\t0.3\t0.5\teblup\n"
	       "L05\tlan\t5120\t20\t0.6\t0.4\t0.8\t\t\t\t\tdirect\n";
	testutil_write_file(q, text, strlen(text));
	struct occ_table *t = occ_table_read(dir);
	assert_non_null(t);
	assert_int_equal(t->n, 2);
	assert_close(t->row[0].planned_hires, 9, 0);
	assert_close(t->row[0].share_brist, 0.4, 0);
	assert_close(t->row[0].share_brist_lo, 0.3, 0);
	assert_close(t->row[0].share_brist_hi, 0.5, 0);
	assert_close(t->row[1].planned_hires, 20, 0);
	assert_close(t->row[1].share_brist, 0.6, 0);
	assert_close(t->row[1].share_brist_lo, 0.4, 0);
	assert_close(t->row[1].share_brist_hi, 0.8, 0);
	occ_table_free(t);
	free(q);
	free(p);
	free(dir);
}

/* Chart 2 is one 150-pixel column per municipality: above plot.heatmap_max
 * municipalities (a national run) it is not drawn at all, rather than as a
 * picture wider than cairo's limit of 32767 pixels. */
static void test_heatmap_max(void **state)
{
	(void)state;
	static const char kommun[3][5] = {"0581", "0882", "0180"};
	struct occ_row rows[3];
	for (int i = 0; i < 3; i++)
		rows[i] = make_row(kommun[i], "5120", "Kockar", 2.0, 0.5, 10, 100);
	struct occ_table t = {rows, 3, NULL, 0};
	occ_table_index(&t);
	struct plot_data d;
	memset(&d, 0, sizeof d);
	d.occ = &t;
	struct plot_opts o = opts();
	for (int max = 0; max <= 3; max++) {
		o.heatmap_max = max;
		char *buf = NULL;
		size_t len = 0;
		FILE *fp = open_memstream(&buf, &len);
		assert_non_null(fp);
		struct chart_meta m;
		memset(&m, 0, sizeof m);
		int st = chart_verdict_heatmap(fp, &d, &o, kommun, 3, &m);
		assert_int_equal(fclose(fp), 0);
		if (max == 1 || max == 2) {
			assert_int_equal(st, 0);
			assert_int_equal(len, 0);
		} else { /* 0: no limit */
			assert_int_equal(st, 1);
			assert_int_equal(m.width, 700 + 3 * 150);
			assert_non_null(strstr(buf, "set xrange [0.5:3.5]"));
		}
		chart_meta_clear(&m);
		free(buf);
	}
	free(t.kommun_rows);
}


/* Numbers in titles and alternative texts follow the language: decimal
 * comma, no-break space between thousands and U+2212 in Swedish. */
static void test_fmt_num(void **state)
{
	(void)state;
	const struct {
		double v;
		int dec, lang, sign;
		const char *want;
	} cases[] = {
		{28.26, 1, LANG_SV, 0, "28,3"},
		{28.26, 1, LANG_EN, 0, "28.3"},
		{1234.5, 1, LANG_SV, 0, "1\xC2\xA0" "234,5"},
		{1234.5, 1, LANG_EN, 0, "1,234.5"},
		{1234567, 0, LANG_SV, 0, "1\xC2\xA0" "234\xC2\xA0" "567"},
		{-1.5, 1, LANG_SV, 0, "\xE2\x88\x92" "1,5"},
		{-1.5, 1, LANG_EN, 0, "-1.5"},
		{3.24, 1, LANG_SV, 1, "+3,2"},
		{-0.04, 1, LANG_SV, 1, "0,0"},
		{NAN, 1, LANG_SV, 0, ".."},
		{999, 0, LANG_SV, 0, "999"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = plot_fmt_num(cases[i].v, cases[i].dec, cases[i].lang, cases[i].sign);
		assert_string_equal(got, cases[i].want);
		free(got);
	}
}

/* Counts the distinct fills of a script's series ("fs solid", "fs pattern
 * N", "fs empty") */
static int distinct_fills(const char *s)
{
	char seen[16][24];
	int n = 0;
	for (const char *p = s; (p = strstr(p, " fs ")); p += 4) {
		char f[24];
		size_t len = strcspn(p + 4, " \n,");
		if (strncmp(p + 4, "pattern", 7) == 0)
			len += 1 + strcspn(p + 12, " \n,");
		snprintf(f, sizeof f, "%.*s", (int)len, p + 4);
		int k;
		for (k = 0; k < n; k++)
			if (strcmp(seen[k], f) == 0)
				break;
		if (k == n && n < 16)
			strcpy(seen[n++], f);
	}
	return n;
}

/* Every chart reads in black and white: bars of different series differ
 * in their fill (solid, hatched, crosshatched, outlined), points in their
 * shape, and the verdict bars carry the verdict as text. Swedish charts
 * use the decimal comma on their axes, labels and alternative text. */
static void test_black_and_white_and_decimal_comma(void **state)
{
	(void)state;
	struct occ_row rows[3];
	rows[0] = make_row("0581", "5120", "Kockar", 2.0, 0.625, 10, 100);
	rows[1] = make_row("0581", "9412", "Biträden", 1.0, 0.5, 10, 100);
	rows[1].verdict = VK_BEVAKA;
	rows[1].expansion_5y = -4.5;
	rows[2] = make_row("0882", "5120", "Kockar", 1.5, 0.5, 10, 100);
	struct occ_table t = {rows, 3, NULL, 0};
	occ_table_index(&t);
	struct track_row k[1];
	memset(k, 0, sizeof k);
	k[0].area = (char *)"0581";
	k[0].track = (char *)"t1";
	k[0].capacity = 20;
	k[0].eligible = 44;
	k[0].openings = 60;
	k[0].expected = 12.5;
	k[0].expected_lo = 8.26;
	k[0].expected_hi = 16.74;
	k[0].rank = 1;
	struct track_table tt = {k, 1};
	struct cand_counts c;
	memset(&c, 0, sizeof c);
	memcpy(c.kommun, "0581", 5);
	c.n[SEX_KVINNOR][SWE_SFI_B][EDU_GYMNASIAL] = 17;
	c.n[SEX_KVINNOR][SWE_SFI_B][EDU_FORGYMNASIAL] = 9;
	c.total = 26;
	struct plot_data d;
	memset(&d, 0, sizeof d);
	d.occ = &t;
	d.tracks = &tt;
	d.cand = &c;
	d.ncand = 1;
	struct plot_opts o = opts();
	static const char *const areas[] = {"0581", "0882"};
	o.compare = areas;
	o.ncompare = 2;
	struct chart_meta m;
	memset(&m, 0, sizeof m);
	int st;

	char *s = run_chart(chart_top_shortage, &d, &o, "0581", &st, &m);
	assert_int_equal(st, 1);
	assert_non_null(strstr(s, "set decimalsign ','"));
	/* the verdict as text at each bar */
	assert_non_null(strstr(s, "set label 101 'brist' at first"));
	assert_non_null(strstr(s, "set label 102 'bevaka' at first"));
	chart_meta_clear(&m);
	free(s);

	s = run_chart(chart_openings, &d, &o, "0581", &st, &m);
	assert_int_equal(st, 1);
	assert_int_equal(distinct_fills(s), 3); /* replacement, growth, contraction */
	assert_non_null(strstr(s, "gprintf("));
	assert_null(strstr(s, "sprintf("));
	chart_meta_clear(&m);
	free(s);

	s = run_chart(chart_supply_demand, &d, &o, "0581", &st, &m);
	assert_int_equal(st, 1);
	assert_non_null(strstr(s, "with points pt variable"));
	assert_non_null(strstr(s, "keyentry with points pt 7 "));
	assert_non_null(strstr(s, "keyentry with points pt 9 "));
	chart_meta_clear(&m);
	free(s);

	s = run_chart(chart_track_fit, &d, &o, "0581", &st, &m);
	assert_int_equal(st, 1);
	assert_int_equal(distinct_fills(s), 4);
	/* "12.5 (8.26-16.74)" in Swedish and English */
	assert_non_null(strstr(m.alt[LANG_SV], "12,5 (8,3–16,7)"));
	assert_non_null(strstr(m.alt[LANG_EN], "12.5 (8.3–16.7)"));
	assert_null(strstr(m.alt[LANG_SV], "12.5"));
	chart_meta_clear(&m);
	free(s);

	s = run_chart(chart_candidates, &d, &o, "0581", &st, &m);
	assert_int_equal(st, 1);
	assert_int_equal(distinct_fills(s), 4);
	chart_meta_clear(&m);
	free(s);

	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	st = chart_city_compare(fp, &d, &o, &m);
	assert_int_equal(fclose(fp), 0);
	assert_int_equal(st, 1);
	assert_true(distinct_fills(buf) >= 2);
	assert_non_null(strstr(buf, "gprintf('%.1f', $2)"));
	/* 1000 x 40 / 100 jobseekers per 1 000 employed, with a comma */
	assert_non_null(strstr(m.alt[LANG_SV], "arbetssökande 400,0"));
	assert_non_null(strstr(m.alt[LANG_EN], "jobseekers 400.0"));
	chart_meta_clear(&m);
	free(buf);

	/* in English no decimal comma */
	o.lang = LANG_EN;
	s = run_chart(chart_top_shortage, &d, &o, "0581", &st, &m);
	assert_null(strstr(s, "decimalsign"));
	assert_non_null(strstr(s, "'shortage' at first"));
	chart_meta_clear(&m);
	free(s);
	free(t.kommun_rows);
}

/* Retirements and openings are counts of persons: 2 retirements are not
 * drawn even among 100 employed. */
static void test_openings_suppresses_few_retirements(void **state)
{
	(void)state;
	struct occ_row rows[2];
	rows[0] = make_row("0581", "5120", "Kockar", 2.0, 0.5, 10, 100);
	rows[1] = make_row("0581", "2512", "Utvecklare", 1.0, 0.5, 10, 100);
	rows[1].replacement_5y = 2.125;  /* 1 to 4 persons */
	rows[1].expansion_5y = 6.375;
	rows[1].openings_5y = 8.5;
	struct occ_table t = {rows, 2, NULL, 0};
	occ_table_index(&t);
	struct plot_data d;
	memset(&d, 0, sizeof d);
	d.occ = &t;
	struct plot_opts o = opts();
	struct chart_meta m;
	memset(&m, 0, sizeof m);
	int st;
	char *s = run_chart(chart_openings, &d, &o, "0581", &st, &m);
	assert_int_equal(st, 1);
	assert_non_null(strstr(s, "31.2500"));
	assert_null(strstr(s, "2.1250"));
	assert_null(strstr(s, "6.3750"));
	assert_null(strstr(s, "8.5000"));
	assert_non_null(strstr(s, "set label 2 '..'"));
	assert_non_null(strstr(m.alt[LANG_SV], "1 yrken visas som .."));
	assert_numeric_blocks(s);
	chart_meta_clear(&m);
	free(s);
	free(t.kommun_rows);
}

/* Chart 9 (compare mode): the index of each municipality side by side, one
 * marker shape each, for 2 to 6 municipalities. */
static void test_compare_index(void **state)
{
	(void)state;
	static const char kommun[7][5] = {"0581", "0882", "0180", "1480", "1280", "0380", "2480"};
	struct occ_row rows[3];
	rows[0] = make_row("0581", "5120", "Kockar", 1.75, 0.5, 10, 100);
	rows[0].rank = 1;
	rows[0].score_lo = 1.25;
	rows[0].score_hi = 2.25;
	rows[1] = make_row("0882", "5120", "Kockar", 0.375, 0.5, 10, 100);
	rows[1].rank = 7;
	rows[1].verdict = VK_BALANS;
	rows[2] = make_row("0882", "9412", "Biträden", 1.5, 0.5, 10, 100);
	rows[2].rank = 1;
	struct occ_table t = {rows, 3, NULL, 0};
	occ_table_index(&t);
	struct plot_data d;
	memset(&d, 0, sizeof d);
	d.occ = &t;
	struct plot_opts o = opts();
	for (size_t nk = 1; nk <= 7; nk += 6) {
		char *buf = NULL;
		size_t len = 0;
		FILE *fp = open_memstream(&buf, &len);
		struct chart_meta m;
		memset(&m, 0, sizeof m);
		assert_int_equal(chart_compare_index(fp, &d, &o, kommun, nk, &m), 0);
		fclose(fp);
		free(buf);
	}
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	struct chart_meta m;
	memset(&m, 0, sizeof m);
	assert_int_equal(chart_compare_index(fp, &d, &o, kommun, 2, &m), 1);
	assert_int_equal(fclose(fp), 0);
	assert_string_equal(m.id, "compare_index");
	/* two occupations, brist somewhere: 5120 (rank 1 in 0581) first */
	assert_non_null(strstr(buf, "'5120 Kockar' 2, '9412 Biträden' 1"));
	/* one marker shape per municipality */
	assert_non_null(strstr(buf, "pt 7 "));
	assert_non_null(strstr(buf, "pt 5 "));
	/* 9412 is absent in 0581: a missing point */
	assert_non_null(strstr(buf, " NaN NaN NaN\n"));
	assert_numeric_blocks(buf);
	assert_non_null(strstr(m.alt[LANG_SV], "5120 Kockar: 0581 1,75, 0882 0,38"));
	assert_non_null(strstr(m.alt[LANG_EN], "9412 Biträden: 0581 not assessed, 0882 1.50"));
	chart_meta_clear(&m);
	free(buf);
	free(t.kommun_rows);
}

int main(void)
{
	msg_set_prog("test_charts");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_top_shortage_hostile_and_suppressed),
		cmocka_unit_test(test_openings_suppresses_few_employed),
		cmocka_unit_test(test_candidates_small_cells),
		cmocka_unit_test(test_track_fit_hostile_name),
		cmocka_unit_test(test_occ_table_read_expansion),
		cmocka_unit_test(test_occ_table_read_survey_source),
		cmocka_unit_test(test_heatmap_max),
		cmocka_unit_test(test_fmt_num),
		cmocka_unit_test(test_black_and_white_and_decimal_comma),
		cmocka_unit_test(test_openings_suppresses_few_retirements),
		cmocka_unit_test(test_compare_index),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
