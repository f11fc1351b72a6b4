#include "numfmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

const struct numstyle numstyle_sv_html = {"\xC2\xA0", ",", "\xE2\x88\x92"};
const struct numstyle numstyle_en_html = {",", ".", "\xE2\x88\x92"};
const struct numstyle numstyle_csv = {"", ",", "-"};

/* Appends S to BUF (capacity SIZE, current length *LEN), truncating safely. */
static void append(char *buf, size_t size, size_t *len, const char *s, size_t n)
{
	if (*len + 1 >= size)
		return;
	if (n > size - 1 - *len)
		n = size - 1 - *len;
	memcpy(buf + *len, s, n);
	*len += n;
	buf[*len] = '\0';
}

char *numfmt(double v, int decimals, const struct numstyle *style, char *buf, size_t size)
{
	if (size == 0)
		return buf;
	buf[0] = '\0';
	if (!isfinite(v))
		return buf;
	if (decimals < 0)
		decimals = 0;
	if (decimals > 9)
		decimals = 9;
	/* %f of a finite double has at most 309 integer digits */
	char digits[400];
	snprintf(digits, sizeof digits, "%.*f", decimals, fabs(v));
	int nonzero = 0;
	for (const char *p = digits; *p; p++)
		if (*p >= '1' && *p <= '9')
			nonzero = 1;
	size_t len = 0;
	if (v < 0 && nonzero)
		append(buf, size, &len, style->minus, strlen(style->minus));
	const char *point = strchr(digits, '.');
	size_t nint = point ? (size_t)(point - digits) : strlen(digits);
	for (size_t i = 0; i < nint; i++) {
		if (i > 0 && (nint - i) % 3 == 0)
			append(buf, size, &len, style->group, strlen(style->group));
		append(buf, size, &len, digits + i, 1);
	}
	if (point) {
		append(buf, size, &len, style->decimal, strlen(style->decimal));
		append(buf, size, &len, point + 1, strlen(point + 1));
	}
	return buf;
}
