/* Unit tests of stages/report/jsonread.c. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "stages/report/jsonread.h"

#include <stdlib.h>
#include <string.h>

static void test_parse(void **state)
{
	(void)state;
	const char *s = "{\"seed\": 20261123, \"version\": \"0.1.0\", \"ok\": true,\n"
			" \"files\": [{\"file\": \"a\\u00e5\\\"b\", \"rows\": 12}, null],"
			" \"e\": \"\\ud83d\\ude00\", \"x\": -1.5e2}";
	size_t at;
	struct jval *v = json_parse(s, strlen(s), &at);
	assert_non_null(v);
	char *t = json_get_text(v, "seed");
	assert_string_equal(t, "20261123");
	free(t);
	t = json_get_text(v, "version");
	assert_string_equal(t, "0.1.0");
	free(t);
	const struct jval *files = json_get(v, "files");
	assert_non_null(files);
	assert_int_equal(files->type, JARR);
	assert_int_equal(files->n, 2);
	t = json_get_text(files->item[0], "file");
	assert_string_equal(t, "a\xC3\xA5\"b");
	free(t);
	assert_close(json_get_num(files->item[0], "rows"), 12, 0);
	t = json_get_text(v, "e");
	assert_string_equal(t, "\xF0\x9F\x98\x80");
	free(t);
	assert_close(json_get_num(v, "x"), -150, 0);
	assert_null(json_get(v, "absent"));
	json_free(v);
}

static void test_malformed(void **state)
{
	(void)state;
	const char *bad[] = {"", "{", "{\"a\":}", "[1,]", "{\"a\" 1}", "\"\\u0000\"", "[1] x",
			     "\"\\ud800\"", "tru", NULL};
	for (int i = 0; bad[i]; i++) {
		size_t at;
		struct jval *v = json_parse(bad[i], strlen(bad[i]), &at);
		if (v)
			fail_msg("accepted %s", bad[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_malformed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
