/* Unit tests of stages/plot/gpipe.c's pool of gnuplots that draw chart
 * after chart: a chart's files are the same bytes whether its gnuplot is
 * fresh or has drawn other charts first (nothing of one chart leaks into the
 * next), and a chart with an error fails alone. The reference for "the same
 * bytes" is gp_render, which starts a gnuplot for that one chart. Needs
 * gnuplot with the pngcairo terminal; skipped without it. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "stages/plot/gpipe.h"
#include "msg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Two charts that leave different state behind in gnuplot: colours,
 * a data block, a variable, styles. */
static const char chart_a[] =
	"set style fill solid 1.0 noborder\n"
	"set border 3 lc rgb '#444444'\n"
	"set grid ytics lc rgb '#dddddd'\n"
	"set linetype 1 lc rgb '#D55E00'\n"
	"$d << EOD\n1 3\n2 5\n3 4\nEOD\n"
	"v = 7\n"
	"plot $d using 1:2 with boxes lc rgb '#0072B2' title 'A', v with lines lt 1\n";
static const char chart_b[] =
	"set key noautotitle\n"
	"set xrange [0:4]\n"
	"plot '-' using 1:2 with linespoints lw 2 lc rgb '#56B4E9'\n1 1\n2 4\n3 9\ne\n";
/* uses what chart A defined: must fail when drawn after A, as alone */
static const char chart_uses_a[] = "plot $d using 1:2 with lines, v\n";
static const char chart_error[] = "plot no_such_function(x)\n";

static struct gp_setup setup;
static char *gnuplot;

static int group_setup(void **state)
{
	(void)state;
	msg_set_prog("test_gpipe");
	gnuplot = gp_find_program("gnuplot");
	setup.gnuplot = gnuplot;
	setup.png_term = "pngcairo";
	setup.font = "DejaVu Sans";
	setup.font_size = 12;
	setup.timeout_s = 60;
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	free(gnuplot);
	return 0;
}

static void need_gnuplot(void)
{
	if (!gnuplot || !gp_has_terminal(gnuplot, "pngcairo")) {
		fprintf(stderr, "gnuplot with pngcairo not on PATH: not tested\n");
		skip();
	}
}

static char *path_in(const char *dir, const char *name)
{
	return easprintf("%s/%s", dir, name);
}

static void assert_same_file(const char *a, const char *b)
{
	size_t na, nb;
	char *da = testutil_read_file(a, &na), *db = testutil_read_file(b, &nb);
	assert_non_null(da);
	assert_non_null(db);
	if (na != nb || memcmp(da, db, na) != 0)
		fail_msg("%s and %s differ (%zu and %zu bytes)", a, b, na, nb);
	free(da);
	free(db);
}

/* Draws BODY alone with a fresh gnuplot into DIR/NAME.svg and .png. */
static void draw_alone(const char *dir, const char *name, const char *body)
{
	char *svg = easprintf("%s/%s.svg", dir, name), *png = easprintf("%s/%s.png", dir, name);
	assert_int_equal(gp_render(&setup, body, 400, 300, svg, png), 0);
	free(svg);
	free(png);
}

/* Starts BODY on POOL into DIR/NAME.svg and .png. */
static struct gp_job *start(struct gp_pool *pool, const char *dir, const char *name,
			    const char *body)
{
	char *svg = easprintf("%s/%s.svg", dir, name), *png = easprintf("%s/%s.png", dir, name);
	struct gp_job *job = gp_render_start(pool, body, 400, 300, svg, png);
	free(svg);
	free(png);
	return job;
}

static void test_no_state_between_charts(void **state)
{
	(void)state;
	need_gnuplot();
	char *dir = testutil_tmpdir();
	draw_alone(dir, "b-alone", chart_b);
	draw_alone(dir, "a-alone", chart_a);
	/* one gnuplot: A, B, A, B */
	struct gp_pool *pool = gp_pool_new(&setup, 1);
	const char *names[] = {"a1", "b1", "a2", "b2"};
	for (int i = 0; i < 4; i++)
		assert_int_equal(gp_render_finish(start(pool, dir, names[i], i % 2 ? chart_b : chart_a)),
				 0);
	assert_int_equal(gp_pool_free(pool), 0);
	const char *ext[] = {"svg", "png"};
	for (int e = 0; e < 2; e++) {
		for (int i = 0; i < 4; i++) {
			char *want = easprintf("%s/%s-alone.%s", dir, i % 2 ? "b" : "a", ext[e]);
			char *got = easprintf("%s/%s.%s", dir, names[i], ext[e]);
			assert_same_file(want, got);
			free(want);
			free(got);
		}
	}
	free(dir);
}

/* Two gnuplots at once, charts settled in order: the same files. */
static void test_two_at_once(void **state)
{
	(void)state;
	need_gnuplot();
	char *dir = testutil_tmpdir();
	draw_alone(dir, "a-alone", chart_a);
	draw_alone(dir, "b-alone", chart_b);
	struct gp_pool *pool = gp_pool_new(&setup, 2);
	struct gp_job *ja = start(pool, dir, "a", chart_a);
	struct gp_job *jb = start(pool, dir, "b", chart_b);
	assert_int_equal(gp_render_finish(ja), 0);
	struct gp_job *ja2 = start(pool, dir, "a2", chart_a);
	assert_int_equal(gp_render_finish(jb), 0);
	assert_int_equal(gp_render_finish(ja2), 0);
	assert_int_equal(gp_pool_free(pool), 0);
	char *p1 = path_in(dir, "a-alone.svg"), *p2 = path_in(dir, "a.svg"), *p3 = path_in(dir, "a2.svg");
	char *p4 = path_in(dir, "b-alone.png"), *p5 = path_in(dir, "b.png");
	assert_same_file(p1, p2);
	assert_same_file(p1, p3);
	assert_same_file(p4, p5);
	free(p1);
	free(p2);
	free(p3);
	free(p4);
	free(p5);
	free(dir);
}

/* A chart with an error fails and leaves nothing; so does one that uses
 * data only an earlier chart defined; the charts after them are drawn as
 * if alone. */
static void test_error_fails_alone(void **state)
{
	(void)state;
	need_gnuplot();
	char *dir = testutil_tmpdir();
	draw_alone(dir, "b-alone", chart_b);
	struct gp_pool *pool = gp_pool_new(&setup, 1);
	assert_int_equal(gp_render_finish(start(pool, dir, "a", chart_a)), 0);
	fprintf(stderr, "(two gnuplot errors expected below)\n");
	assert_int_equal(gp_render_finish(start(pool, dir, "uses-a", chart_uses_a)), -1);
	assert_int_equal(gp_render_finish(start(pool, dir, "err", chart_error)), -1);
	assert_int_equal(gp_render_finish(start(pool, dir, "b", chart_b)), 0);
	assert_int_equal(gp_pool_free(pool), 0);
	struct stat st;
	char *p = path_in(dir, "uses-a.svg");
	assert_int_not_equal(stat(p, &st), 0);
	free(p);
	p = path_in(dir, "err.png");
	assert_int_not_equal(stat(p, &st), 0);
	free(p);
	/* no temporaries left beside them */
	char *cmd = easprintf("ls %s | grep -c tmp", dir);
	FILE *ls = popen(cmd, "r");
	char buf[32] = "";
	assert_non_null(fgets(buf, sizeof buf, ls));
	pclose(ls);
	assert_string_equal(buf, "0\n");
	free(cmd);
	char *w = path_in(dir, "b-alone.svg"), *g = path_in(dir, "b.svg");
	assert_same_file(w, g);
	free(w);
	free(g);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_state_between_charts),
		cmocka_unit_test(test_two_at_once),
		cmocka_unit_test(test_error_fails_alone),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
