/* Unit tests of stages/report/htmlesc.c: hostile labels come out inert. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "stages/report/htmlesc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void test_escape_string(void **state)
{
	(void)state;
	char *s = html_escape("<script>alert(1)</script>");
	assert_string_equal(s, "&lt;script&gt;alert(1)&lt;/script&gt;");
	free(s);
	s = html_escape("\" onerror=\"alert(1)");
	assert_string_equal(s, "&quot; onerror=&quot;alert(1)");
	free(s);
	s = html_escape("a & b's <i>");
	assert_string_equal(s, "a &amp; b&#39;s &lt;i&gt;");
	free(s);
	s = html_escape("Norrköping\x01\tx");
	assert_string_equal(s, "Norrköping\tx");
	free(s);
	s = html_escape(NULL);
	assert_string_equal(s, "");
	free(s);
}

static void test_put_matches_escape(void **state)
{
	(void)state;
	const char *in = "<img src=x onerror='alert(1)'>&amp;";
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);
	assert_non_null(fp);
	html_put(fp, in);
	fclose(fp);
	char *want = html_escape(in);
	assert_string_equal(buf, want);
	assert_null(strchr(buf, '<'));
	assert_null(strchr(buf, '\''));
	assert_string_equal(want, "&lt;img src=x onerror=&#39;alert(1)&#39;&gt;&amp;amp;");
	free(want);
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape_string),
		cmocka_unit_test(test_put_matches_escape),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
