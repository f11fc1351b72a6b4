#include "value.h"
#include "msg.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *value_trim(const char *s, size_t *len)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	*len = n;
	return s;
}

/* Length of a thousands separator at S (space, U+00A0, U+202F), else 0. */
static size_t thousands_sep(const char *s, const char *end)
{
	if (s < end && *s == ' ')
		return 1;
	if (end - s >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
		return 2;
	if (end - s >= 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
	    (unsigned char)s[2] == 0xAF)
		return 3;
	return 0;
}

/* Parses digits with optional thousands separators into BUF (digits only).
 * Returns the position after the integer part or NULL if malformed. */
static const char *integer_part(const char *s, const char *end, char *buf, size_t cap,
				size_t *ndigits)
{
	size_t n = 0, group = 0;
	int seen_sep = 0;
	while (s < end) {
		if (isdigit((unsigned char)*s)) {
			if (n + 1 >= cap)
				return NULL;
			buf[n++] = *s++;
			group++;
			continue;
		}
		size_t sl = thousands_sep(s, end);
		if (!sl)
			break;
		/* a separator must follow 1-3 digits (first group) or exactly 3
		 * and be followed by a digit */
		if (group == 0 || group > 3 || (seen_sep && group != 3))
			return NULL;
		if (s + sl >= end || !isdigit((unsigned char)s[sl]))
			return NULL;
		seen_sep = 1;
		group = 0;
		s += sl;
	}
	if (seen_sep && group != 3)
		return NULL;
	buf[n] = '\0';
	*ndigits = n;
	return s;
}

int value_count(const char *text, long long *out)
{
	size_t len;
	const char *s = value_trim(text, &len);
	const char *end = s + len;
	char digits[32];
	size_t nd;
	if (len == 0)
		return -1;
	const char *p = integer_part(s, end, digits, sizeof digits, &nd);
	if (!p || p != end || nd == 0 || nd > 18)
		return -1;
	*out = strtoll(digits, NULL, 10);
	return 0;
}

int value_decimal(const char *text, double *out)
{
	size_t len;
	const char *s = value_trim(text, &len);
	const char *end = s + len;
	char buf[80];
	size_t o = 0, nd = 0;
	if (len == 0)
		return -1;
	if (*s == '-' || *s == '+') {
		buf[o++] = *s++;
	}
	const char *p = integer_part(s, end, buf + o, sizeof buf - o - 20, &nd);
	if (!p)
		return -1;
	o += nd;
	size_t frac = 0;
	if (p < end && (*p == ',' || *p == '.')) {
		buf[o++] = '.';
		p++;
		while (p < end && isdigit((unsigned char)*p) && o + 1 < sizeof buf) {
			buf[o++] = *p++;
			frac++;
		}
	}
	if (p != end || (nd == 0 && frac == 0))
		return -1;
	buf[o] = '\0';
	double v = strtod(buf, NULL);
	if (!isfinite(v))
		return -1;
	*out = v;
	return 0;
}

int date_valid(int y, int m, int d)
{
	static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1)
		return 0;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	int lim = mdays[m - 1] + (m == 2 && leap);
	return d <= lim;
}

/* Howard Hinnant's days_from_civil. */
long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void civil_from_days(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long yy = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

void date_format(long days, char *buf)
{
	int y, m, d;
	civil_from_days(days, &y, &m, &d);
	snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
}

int value_date(const char *text, long *days)
{
	size_t len;
	const char *s = value_trim(text, &len);
	if (len != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return -1;
	int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
	if (!date_valid(y, m, d))
		return -1;
	*days = days_from_civil(y, m, d);
	return 0;
}

int age_at(int by, int bm, int bd, long on_day)
{
	int y, m, d;
	civil_from_days(on_day, &y, &m, &d);
	int age = y - by;
	if (m < bm || (m == bm && d < bd))
		age--;
	return age;
}

char *value_fold(const char *text)
{
	size_t len;
	const char *s = value_trim(text, &len);
	char *out = estrndup(s, len);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)out[i];
		if (c < 0x80) {
			out[i] = (char)tolower(c);
		} else if (c == 0xC3 && i + 1 < len) {
			unsigned char c2 = (unsigned char)out[i + 1];
			/* Å Ä Ö É (C3 85, 84, 96, 89) -> å ä ö é (C3 A5, A4, B6, A9) */
			if (c2 == 0x85 || c2 == 0x84 || c2 == 0x96 || c2 == 0x89)
				out[i + 1] = (char)(c2 + 0x20);
			i++;
		}
	}
	return out;
}

int value_equal_fold(const char *a, const char *b)
{
	char *fa = value_fold(a), *fb = value_fold(b);
	int eq = strcmp(fa, fb) == 0;
	free(fa);
	free(fb);
	return eq;
}
