#include "closest.h"
#include "msg.h"
#include "value.h"

#include <stdlib.h>
#include <string.h>

/* Folds a header name: lower case, ' ' '-' '.' as '_'. Caller frees. */
static char *fold_name(const char *s)
{
	char *f = value_fold(s);
	for (char *p = f; *p; p++)
		if (*p == ' ' || *p == '-' || *p == '.')
			*p = '_';
	return f;
}

size_t closest_edit_distance(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	size_t *d = emalloc((nb + 1) * sizeof *d);
	for (size_t j = 0; j <= nb; j++)
		d[j] = j;
	for (size_t i = 1; i <= na; i++) {
		size_t diag = d[0];
		d[0] = i;
		for (size_t j = 1; j <= nb; j++) {
			size_t up = d[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (d[j - 1] + 1 < best)
				best = d[j - 1] + 1;
			d[j] = best;
			diag = up;
		}
	}
	size_t dist = d[nb];
	free(d);
	return dist;
}

long closest_column(const char *name, const char *const *candidates, size_t n)
{
	enum { LONGEST = 64 };
	char *want = fold_name(name);
	size_t nw = strlen(want);
	long best = -1;
	size_t best_d = (size_t)-1;
	for (size_t i = 0; i < n && nw <= LONGEST; i++) {
		char *c = fold_name(candidates[i]);
		size_t nc = strlen(c);
		if (nc == 0 || nc > LONGEST) {
			free(c);
			continue;
		}
		size_t longer = nc > nw ? nc : nw;
		size_t limit = longer / 3 > 2 ? longer / 3 : 2;
		size_t d = closest_edit_distance(want, c);
		int prefix = nc > nw + 1 && strncmp(c, want, nw) == 0 && c[nw] == '_';
		if ((d <= limit || prefix) && d < best_d) {
			best = (long)i;
			best_d = d;
		}
		free(c);
	}
	free(want);
	return best;
}
