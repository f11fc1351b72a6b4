/* libFuzzer harness for pipeline/csvin.c: any bytes, any chunk size, any
 * forced delimiter. Properties checked beyond "no crash": line numbers never
 * go backwards, every field is NUL-terminated valid UTF-8 unless the row
 * says which column is bad, and the result does not depend on the chunk size. */
#include "csvin.h"
#include "msg.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct acc {
	unsigned long long hash;
	long last_line;
	long rows;
};

static int on_row(void *ctx, const struct csvin_row *row)
{
	struct acc *a = ctx;
	if (row->line < a->last_line)
		abort();
	a->last_line = row->line;
	a->rows++;
	for (size_t i = 0; i < row->nfields; i++) {
		if (row->field[i][row->len[i]] != '\0')
			abort();
		if (!row->bad_col && !utf8_valid(row->field[i], row->len[i]))
			abort();
		for (size_t k = 0; k < row->len[i]; k++)
			a->hash = a->hash * 1099511628211ULL ^ (unsigned char)row->field[i][k];
		a->hash = a->hash * 31 + i;
	}
	a->hash = a->hash * 131 + (unsigned long long)row->line;
	return 0;
}

static int parse(const uint8_t *data, size_t size, size_t chunk, int delim, struct acc *a)
{
	FILE *fp = fmemopen((void *)data, size, "rb");
	if (!fp)
		return -2;
	memset(a, 0, sizeof *a);
	struct csvin_options opt = {delim, chunk, 0};
	int rc = csvin_read_fp(fp, "fuzz", &opt, on_row, a, NULL);
	fclose(fp);
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int init;
	if (!init) {
		msg_set_prog("fuzz_csvin");
		init = 1;
	}
	if (size < 2)
		return 0;
	size_t chunk = (size_t)data[0] % 17 + 1;
	int delim = "\0,;\t"[data[1] % 4];
	data += 2;
	size -= 2;
	if (size == 0)
		return 0;
	struct acc a, b;
	int rc1 = parse(data, size, chunk, delim, &a);
	int rc2 = parse(data, size, size, delim, &b);
	if (rc1 != rc2 || (rc1 == 0 && (a.hash != b.hash || a.rows != b.rows)))
		abort();
	return 0;
}
