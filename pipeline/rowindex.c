#include "rowindex.h"
#include "msg.h"

#include <stdlib.h>
#include <string.h>

struct keyed_row {
	const char *key;
	size_t row;
};

static int keyed_row_cmp(const void *a, const void *b)
{
	const struct keyed_row *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : (x->row > y->row) - (x->row < y->row);
}

size_t *rowindex_build(size_t nrows, rowindex_key_fn *key, const void *ctx, size_t *n)
{
	struct keyed_row *kr = emalloc((nrows ? nrows : 1) * sizeof *kr);
	size_t k = 0;
	for (size_t i = 0; i < nrows; i++) {
		const char *s = key(ctx, i);
		if (s)
			kr[k++] = (struct keyed_row){s, i};
	}
	qsort(kr, k, sizeof *kr, keyed_row_cmp);
	size_t *index = emalloc((k ? k : 1) * sizeof *index);
	for (size_t i = 0; i < k; i++)
		index[i] = kr[i].row;
	free(kr);
	*n = k;
	return index;
}

size_t rowindex_find(const size_t *index, size_t n, rowindex_key_fn *key, const void *ctx,
		     const char *value, size_t *first)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(key(ctx, index[mid]), value) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t end = lo;
	while (end < n && strcmp(key(ctx, index[end]), value) == 0)
		end++;
	*first = lo;
	return end - lo;
}
