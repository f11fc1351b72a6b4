#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void testutil_assert_close(double a, double b, double tol, const char *expr,
			   const char *file, int line)
{
	if (!(fabs(a - b) <= tol) && !(isnan(a) && isnan(b))) {
		print_error("%s:%d: %s = %.12g, want %.12g (tolerance %g)\n", file, line, expr, a, b, tol);
		_fail(file, line);
	}
}

char *testutil_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	char *tmpl = malloc(4096);
	snprintf(tmpl, 4096, "%s/jobbspar-test.XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(tmpl)) {
		print_error("mkdtemp failed\n");
		fail();
	}
	return tmpl;
}

void testutil_write_file(const char *path, const char *data, size_t n)
{
	FILE *fp = fopen(path, "wb");
	if (!fp || fwrite(data, 1, n, fp) != n || fclose(fp) != 0) {
		print_error("cannot write %s\n", path);
		fail();
	}
}

char *testutil_read_file(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return NULL;
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap);
	size_t got;
	while ((got = fread(buf + n, 1, cap - n - 1, fp)) > 0) {
		n += got;
		if (cap - n - 1 == 0) {
			cap *= 2;
			buf = realloc(buf, cap);
		}
	}
	fclose(fp);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

const char *testutil_root(void)
{
	const char *r = getenv("ROOT");
	return r && *r ? r : ".";
}
