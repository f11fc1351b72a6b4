/* rowindex: the rows of an in-memory table ordered by a text key, so that
 * the rows with one key value (one municipality's rows, say) are found by
 * binary search instead of a scan of the whole table each time. The report
 * and the plot stage both pick a table's rows by municipality once per
 * municipality: 290 scans of 132 000 rows in a national run. */
#ifndef JOBBSPAR_ROWINDEX_H
#define JOBBSPAR_ROWINDEX_H

#include <stddef.h>

/* The key of row ROW of the table CTX (borrowed), or NULL to leave the row
 * out of the index. */
typedef const char *rowindex_key_fn(const void *ctx, size_t row);

/* Row numbers 0..NROWS-1 whose key is not NULL, ordered by key (strcmp) and
 * then by row number; their count in *N. A new array (caller frees; never
 * NULL). */
size_t *rowindex_build(size_t nrows, rowindex_key_fn *key, const void *ctx, size_t *n);

/* In INDEX[0..N) (built by rowindex_build with the same KEY and CTX), the
 * run of rows whose key equals VALUE: sets *FIRST to where it starts and
 * returns its length (0 when there is none). Its rows are in ascending
 * order. */
size_t rowindex_find(const size_t *index, size_t n, rowindex_key_fn *key, const void *ctx,
		     const char *value, size_t *first);

#endif
