/* Helpers shared by the cmocka unit tests. Include after <cmocka.h>. */
#ifndef JOBBSPAR_TESTUTIL_H
#define JOBBSPAR_TESTUTIL_H

#include <stddef.h>

/* cmocka 1.1.5's assert_float_equal casts to float; this keeps double
 * precision: fails unless |a - b| <= tol. */
#define assert_close(a, b, tol) testutil_assert_close((a), (b), (tol), #a, __FILE__, __LINE__)
void testutil_assert_close(double a, double b, double tol, const char *expr,
			   const char *file, int line);

/* A fresh temporary folder (caller frees the string; the folder is left for
 * inspection under $TMPDIR or /tmp). */
char *testutil_tmpdir(void);
/* Writes N bytes to PATH; aborts the test on failure. */
void testutil_write_file(const char *path, const char *data, size_t n);
/* Reads a whole file into a new NUL-terminated string (caller frees); NULL if absent. */
char *testutil_read_file(const char *path, size_t *len);
/* Path of the project root (from $ROOT, else "."). Borrowed. */
const char *testutil_root(void);

#endif
