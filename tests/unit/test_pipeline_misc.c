/* Unit tests of pipeline/codes.c, config.c, tsv.c, keymap.c, atomicfile.c. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "atomicfile.h"
#include "codes.h"
#include "config.h"
#include "keymap.h"
#include "msg.h"
#include "stage.h"
#include "tsv.h"

#include <dirent.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static struct codes *load_codes(void)
{
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/data/ref", testutil_root());
	struct codes *c = codes_load(dir);
	assert_non_null(c);
	return c;
}

static void test_codes(void **state)
{
	(void)state;
	struct codes *c = load_codes();
	assert_int_equal(c->nssyk, 429);
	assert_int_equal(c->nkommun, 290);
	char code[5];
	assert_non_null(codes_ssyk(c, "5120", code));
	assert_string_equal(code, "5120");
	const struct ssyk_entry *e = codes_ssyk(c, "5120 Kockar och kallskänkor", code);
	assert_non_null(e);
	assert_string_equal(e->label_sv, "Kockar och kallskänkor");
	assert_null(codes_ssyk(c, "512", code));
	assert_null(codes_ssyk(c, "9999", code));
	assert_null(codes_ssyk(c, "5120x", code));
	int padded;
	const struct kommun_entry *k = codes_kommun(c, "581", &padded);
	assert_non_null(k);
	assert_true(padded);
	assert_string_equal(k->name, "Norrköping");
	assert_int_equal(k->population, 139363);
	k = codes_kommun(c, "0882", &padded);
	assert_non_null(k);
	assert_false(padded);
	assert_string_equal(k->name, "Oskarshamn");
	assert_string_equal(k->lan, "08");
	assert_null(codes_kommun(c, "0000", &padded));
	assert_null(codes_kommun(c, "58", &padded));
	assert_non_null(codes_kommun_by_name(c, "norrköping"));
	assert_int_equal(codes_sni_section(c, "C"), 'C');
	assert_int_equal(codes_sni_section(c, "56.100"), 'I');
	assert_int_equal(codes_sni_section(c, "25110"), 'C');
	assert_int_equal(codes_sni_section(c, "86"), 'Q');
	assert_int_equal(codes_sni_section(c, "99999"), 0);
	assert_int_equal(codes_sni_section(c, "V"), 0);
	assert_int_equal(codes_sun_level(c, "0"), 0);
	assert_int_equal(codes_sun_level(c, "6"), 6);
	assert_int_equal(codes_sun_level(c, "7"), -1);
	assert_int_equal(codes_sun_level(c, "33"), -1);
	codes_free(c);
}

static void test_config(void **state)
{
	(void)state;
	char *dir = testutil_tmpdir();
	char path[4200];
	snprintf(path, sizeof path, "%s/t.ini", dir);
	const char *ini = "[run]\nseed = 42\nname = Norrköping\ninput = in\n"
			  "[track.a]\ntargets = 5120:1,\n  9412:0.5\nbad = x1\n[track.b]\nname = B\n";
	testutil_write_file(path, ini, strlen(ini));
	struct config *cfg = config_load(path);
	assert_non_null(cfg);
	long seed;
	assert_int_equal(config_long(cfg, "run", "seed", 0, &seed), 0);
	assert_int_equal(seed, 42);
	assert_string_equal(config_get(cfg, "run", "name"), "Norrköping");
	/* a continuation line joins the value with a comma */
	size_t n;
	char **items = config_list(config_get(cfg, "track.a", "targets"), &n);
	assert_int_equal(n, 2);
	assert_string_equal(items[0], "5120:1");
	assert_string_equal(items[1], "9412:0.5");
	config_list_free(items, n);
	double d;
	assert_int_equal(config_double(cfg, "track.a", "bad", 1, &d), -1);
	assert_int_equal(config_find(cfg, "track.a", "bad")->line, 8);
	const char **secs = config_sections(cfg, "track.", &n);
	assert_int_equal(n, 2);
	assert_string_equal(secs[0], "track.a");
	assert_string_equal(secs[1], "track.b");
	free(secs);
	char *p = config_path(cfg, "run", "input", NULL);
	char want[4300];
	snprintf(want, sizeof want, "%s/in", dir);
	assert_string_equal(p, want);
	free(p);
	assert_int_equal(config_set_assignment(cfg, "track.b.name=C"), 0);
	assert_string_equal(config_get(cfg, "track.b", "name"), "C");
	assert_int_equal(config_set_assignment(cfg, "nodot=1"), -1);
	config_free(cfg);
	/* syntax error reports the line */
	testutil_write_file(path, "[run]\nseed = 1\n[broken\n", 22);
	assert_null(config_load(path));
	free(dir);
}

static void test_tsv_roundtrip(void **state)
{
	(void)state;
	char *dir = testutil_tmpdir();
	char path[4200];
	snprintf(path, sizeof path, "%s/t.tsv", dir);
	const char *cols[] = {"text", "n", "x", NULL};
	struct tsv_writer *w = tsv_writer_open(path, cols, 0644);
	assert_non_null(w);
	tsv_put_str(w, "a\tb\nc\\d\re");
	tsv_put_long(w, -7);
	tsv_put_double(w, 0.1);
	tsv_end_row(w);
	tsv_put_str(w, "åäö");
	tsv_put_long(w, 0);
	tsv_put_double(w, NAN);
	tsv_end_row(w);
	/* nothing under the final name until the table is closed */
	struct stat st;
	assert_int_not_equal(stat(path, &st), 0);
	assert_int_equal(tsv_writer_close(w), 0);
	struct tsv_reader *r = tsv_reader_open(path);
	assert_non_null(r);
	assert_int_equal(tsv_col(r, "x"), 2);
	assert_int_equal(tsv_col(r, "nope"), -1);
	assert_int_equal(tsv_next(r), 1);
	assert_string_equal(tsv_get(r, 0), "a\tb\nc\\d\re");
	assert_int_equal(tsv_get_long(r, 1, 0), -7);
	assert_close(tsv_get_double(r, 2), 0.1, 1e-15);
	assert_int_equal(tsv_next(r), 1);
	assert_string_equal(tsv_get(r, 0), "åäö");
	assert_true(isnan(tsv_get_double(r, 2)));
	assert_int_equal(tsv_next(r), 0);
	tsv_reader_close(r);
	/* an aborted table leaves nothing behind */
	snprintf(path, sizeof path, "%s/aborted.tsv", dir);
	w = tsv_writer_open(path, cols, 0644);
	tsv_put_str(w, "x");
	tsv_writer_abort(w);
	assert_int_not_equal(stat(path, &st), 0);
	DIR *d = opendir(dir);
	struct dirent *e;
	int entries = 0;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			entries++;
	closedir(d);
	assert_int_equal(entries, 1); /* only t.tsv: no temporary left */
	free(dir);
}

static void test_atomic_write_failure(void **state)
{
	(void)state;
	/* a write error (here: /dev/full as the folder cannot host a temp) is
	 * reported and nothing is renamed */
	struct atomicfile *af = atomicfile_open("/dev/full/x.tsv", 0644);
	assert_null(af);
	char *dir = testutil_tmpdir();
	char path[4200];
	snprintf(path, sizeof path, "%s/a.txt", dir);
	af = atomicfile_open(path, 0600);
	assert_non_null(af);
	fputs("data\n", af->fp);
	af->failed = 1; /* as if a write had failed */
	assert_int_equal(atomicfile_commit(af), -1);
	struct stat st;
	assert_int_not_equal(stat(path, &st), 0);
	af = atomicfile_open(path, 0600);
	fputs("data\n", af->fp);
	assert_int_equal(atomicfile_commit(af), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	free(dir);
}

static void test_keymap(void **state)
{
	(void)state;
	struct keymap *m = keymap_new();
	char key[32];
	for (int i = 0; i < 100000; i++) {
		int n = snprintf(key, sizeof key, "ad-%d", i);
		assert_int_equal(keymap_insert(m, key, (size_t)n, (uint64_t)i, NULL), 1);
	}
	assert_int_equal(keymap_count(m), 100000);
	uint64_t v;
	assert_int_equal(keymap_insert(m, "ad-77", 5, 1, &v), 0);
	assert_int_equal(v, 77);
	assert_int_equal(keymap_get(m, "ad-99999", 8, &v), 1);
	assert_int_equal(v, 99999);
	assert_int_equal(keymap_get(m, "ad-100000", 9, &v), 0);
	/* values are kept in 32 bits */
	assert_int_equal(keymap_insert(m, "big", 3, (uint64_t)1 << 40, NULL), 1);
	assert_int_equal(keymap_get(m, "big", 3, &v), 1);
	assert_int_equal(v, KEYMAP_VALUE_MAX);
	keymap_free(m);

	/* reserved up front (a table large enough to be mmap'ed), then the
	 * two-step insert, then growth past the reservation */
	m = keymap_new();
	keymap_reserve(m, 2500000);
	struct keymap_digest d;
	for (int i = 0; i < 3000; i++) {
		int n = snprintf(key, sizeof key, "person-%d", i);
		keymap_digest(key, (size_t)n, &d);
		keymap_prefetch(m, &d);
		assert_int_equal(keymap_insert_digest(m, &d, (uint64_t)i + 2, NULL), 1);
	}
	keymap_digest("person-17", 9, &d);
	assert_int_equal(keymap_insert_digest(m, &d, 5, &v), 0);
	assert_int_equal(v, 19);
	keymap_free(m);
	m = keymap_new();
	keymap_reserve(m, 10);
	for (int i = 0; i < 5000; i++) {
		int n = snprintf(key, sizeof key, "k%d", i);
		assert_int_equal(keymap_insert(m, key, (size_t)n, (uint64_t)i, NULL), 1);
	}
	for (int i = 0; i < 5000; i++) {
		int n = snprintf(key, sizeof key, "k%d", i);
		assert_int_equal(keymap_get(m, key, (size_t)n, &v), 1);
		assert_int_equal(v, (uint64_t)i);
	}
	keymap_free(m);
}

static void test_tsv_writer_edges(void **state)
{
	(void)state;
	char *dir = testutil_tmpdir();
	char path[4200];
	snprintf(path, sizeof path, "%s/e.tsv", dir);
	const char *cols[] = {"text", "n", NULL};
	struct tsv_writer *w = tsv_writer_open(path, cols, 0644);
	assert_non_null(w);
	/* a field longer than the writer's 64 KiB buffer, with escapes */
	size_t big = 200000;
	char *text = malloc(big + 1);
	for (size_t i = 0; i < big; i++)
		text[i] = i % 1000 == 999 ? '\t' : (char)('a' + i % 26);
	text[big] = '\0';
	tsv_put_str(w, text);
	tsv_put_long(w, LLONG_MIN);
	tsv_end_row(w);
	tsv_put_str(w, "");
	tsv_put_long(w, 1234567890123LL);
	tsv_end_row(w);
	assert_int_equal(tsv_writer_flush(w), 0);
	assert_int_equal(tsv_writer_close(w), 0);
	struct tsv_reader *r = tsv_reader_open(path);
	assert_non_null(r);
	assert_int_equal(tsv_next(r), 1);
	assert_string_equal(tsv_get(r, 0), text);
	assert_string_equal(tsv_get(r, 1), "-9223372036854775808");
	assert_int_equal(tsv_next(r), 1);
	assert_string_equal(tsv_get(r, 1), "1234567890123");
	assert_int_equal(tsv_next(r), 0);
	tsv_reader_close(r);
	/* a folder is a read error, not an empty table */
	assert_null(tsv_reader_open(dir));
	free(text);
	free(dir);
}

int main(void)
{
	msg_set_prog("test_pipeline_misc");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_codes),
		cmocka_unit_test(test_config),
		cmocka_unit_test(test_tsv_roundtrip),
		cmocka_unit_test(test_atomic_write_failure),
		cmocka_unit_test(test_keymap),
		cmocka_unit_test(test_tsv_writer_edges),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
