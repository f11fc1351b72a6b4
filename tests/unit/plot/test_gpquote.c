/* Unit tests of stages/plot/gpquote.c: the gnuplot string literal that no
 * input can escape. Expected literals are written by hand from the rule in
 * gpquote.h (single quotes, '' for a quote, controls to spaces, invalid
 * UTF-8 to U+FFFD); the last test asks gnuplot itself. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "stages/plot/gpquote.h"
#include "stages/plot/gpipe.h"
#include "msg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void check(const char *in, size_t max, const char *want)
{
	char *got = gp_quote_max(in, max);
	if (strcmp(got, want) != 0)
		fail_msg("gp_quote_max(\"%s\", %zu) = [%s], want [%s]", in ? in : "(null)", max, got,
			 want);
	free(got);
}

static void test_golden(void **state)
{
	(void)state;
	check("abc", 0, "'abc'");
	check("", 0, "''");
	check(NULL, 0, "''");
	check("x\" ; system \"touch /tmp/pwned", 0, "'x\" ; system \"touch /tmp/pwned'");
	check("x' ; system 'touch /tmp/pwned", 0, "'x'' ; system ''touch /tmp/pwned'");
	check("a\\b\\", 0, "'a\\b\\'");
	check("\\", 0, "'\\'");
	/* U+200B before a quote that follows the opening quote or a quote */
	check("'", 0, "'\xe2\x80\x8b'''");
	check("a''b", 0, "'a''\xe2\x80\x8b''b'");
	check("'x'", 0, "'\xe2\x80\x8b''x'''");
	check("`touch /tmp/pwned` @macro", 0, "'`touch /tmp/pwned` @macro'");
	check("Kockar och kallskänkor", 0, "'Kockar och kallskänkor'");
	check("ÅÄÖ åäö", 0, "'ÅÄÖ åäö'");
	check("a^b_c{d}&e@f", 0, "'a^b_c{d}&e@f'");
	check("line1\nline2\r\tx", 0, "'line1 line2  x'");
	check("del\x7f" "c1\xc2\x85" "ls\xe2\x80\xa8" "end", 0, "'del c1 ls end'");
	check("bad\xff" "byte", 0, "'bad\xef\xbf\xbd" "byte'");
	check("over\xc0\xaf" "long", 0, "'over\xef\xbf\xbd\xef\xbf\xbd" "long'");
	check("trunc\xe2\x82", 0, "'trunc\xef\xbf\xbd\xef\xbf\xbd'");
	check("Kockar och kallskänkor", 6, "'Kocka…'");
	check("åäöåäö", 4, "'åäö…'");
	check("abc", 3, "'abc'");
	check("a'b'c'd", 4, "'a''b…'");
}

static void test_clean_text(void **state)
{
	(void)state;
	char *t = gp_clean_text("x' ; \n\"y\"", 0);
	assert_string_equal(t, "x' ;  \"y\"");
	free(t);
	t = gp_clean_text("abcdef", 3);
	assert_string_equal(t, "ab…");
	free(t);
}

/* Every output of random bytes is one literal: starts and ends with a
 * quote, every quote inside is doubled, no control byte anywhere. */
static void test_random_bytes(void **state)
{
	(void)state;
	unsigned long x = 12345;
	char in[64];
	for (int iter = 0; iter < 20000; iter++) {
		size_t n = iter % 63;
		for (size_t i = 0; i < n; i++) {
			x = x * 6364136223846793005UL + 1442695040888963407UL;
			unsigned char b = (unsigned char)(x >> 56);
			/* bias towards the dangerous characters */
			static const char danger[] = "'\"\\`@;\n\r\t#$";
			in[i] = (x >> 40) % 3 == 0 ? danger[(x >> 33) % (sizeof danger - 1)] : (char)b;
			if (in[i] == '\0')
				in[i] = 'z';
		}
		in[n] = '\0';
		char *q = gp_quote(in);
		size_t len = strlen(q);
		assert_true(len >= 2);
		assert_int_equal(q[0], '\'');
		assert_int_equal(q[len - 1], '\'');
		for (size_t i = 1; i + 1 < len; i++) {
			unsigned char c = (unsigned char)q[i];
			assert_true(c >= 0x20 && c != 0x7f);
			if (c == '\'') {
				assert_int_equal(q[i + 1], '\'');
				assert_true(i + 2 < len);
				i++;
			}
		}
		free(q);
	}
}

/* gnuplot itself reads each literal back as exactly the cleaned text and
 * runs nothing. */
static void test_gnuplot_roundtrip(void **state)
{
	(void)state;
	char *gnuplot = gp_find_program("gnuplot");
	if (!gnuplot) {
		fprintf(stderr, "gnuplot not on PATH: round trip not tested\n");
		skip();
	}
	char *dir = testutil_tmpdir();
	char *marker = easprintf("%s/pwned", dir);
	char *printed = easprintf("%s/printed.txt", dir);
	const char *tmpl[] = {
		"x\" ; system \"touch %s",
		"x' ; system 'touch %s",
		"`touch %s`",
		"'; system('touch %s'); print '",
		"a\\' ; system 'touch %s' ; \\",
		"@x ; system \"touch %s\"",
		"line\nsystem 'touch %s'",
		"back\\\nsystem 'touch %s'",
		"'''' ; system 'touch %s' ; ''",
		"a''b'''c ; system \"touch %s\"",
	};
	size_t n = sizeof tmpl / sizeof tmpl[0];
	char *shell = gp_shell_quote(gnuplot);
	char *cmd = easprintf("%s 2>/dev/null", shell);
	FILE *fp = popen(cmd, "w");
	assert_non_null(fp);
	char *qp = gp_quote(printed);
	fprintf(fp, "x = 'x'\nset print %s\n", qp);
	free(qp);
	char **want = calloc(n, sizeof *want);
	for (size_t i = 0; i < n; i++) {
		char *label = easprintf(tmpl[i], marker);
		want[i] = gp_clean_text(label, 0);
		char *q = gp_quote(label);
		assert_true(fprintf(fp, "print %s\n", q) > 0);
		free(q);
		free(label);
	}
	fprintf(fp, "unset print\n");
	assert_int_equal(pclose(fp), 0);
	assert_int_equal(access(marker, F_OK), -1);
	size_t len;
	char *got = testutil_read_file(printed, &len);
	assert_non_null(got);
	char *line = got;
	for (size_t i = 0; i < n; i++) {
		char *nl = strchr(line, '\n');
		assert_non_null(nl);
		*nl = '\0';
		/* gnuplot prints the zero-width spaces gp_quote added */
		char *r = line, *w = line;
		while (*r) {
			if (strncmp(r, "\xe2\x80\x8b", 3) == 0)
				r += 3;
			else
				*w++ = *r++;
		}
		*w = '\0';
		assert_string_equal(line, want[i]);
		line = nl + 1;
		free(want[i]);
	}
	assert_string_equal(line, "");
	free(want);
	free(got);
	free(cmd);
	free(shell);
	free(printed);
	free(marker);
	free(dir);
	free(gnuplot);
}

static void test_shell_quote(void **state)
{
	(void)state;
	char *q = gp_shell_quote("/opt/it's/gnuplot");
	assert_string_equal(q, "'/opt/it'\\''s/gnuplot'");
	free(q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden),
		cmocka_unit_test(test_clean_text),
		cmocka_unit_test(test_random_bytes),
		cmocka_unit_test(test_gnuplot_roundtrip),
		cmocka_unit_test(test_shell_quote),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
