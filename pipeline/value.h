/* value: parsing of the contract's cell values. Each function returns 0 when
 * the text is valid and writes the value, or -1 and leaves *out untouched.
 * The input is one field (NUL-terminated UTF-8), already trimmed by the
 * caller or not: leading and trailing ASCII spaces are ignored. */
#ifndef JOBBSPAR_VALUE_H
#define JOBBSPAR_VALUE_H

#include <stddef.h>

/* Integer >= 0, digits with optional space or no-break space (U+00A0, and
 * U+202F) thousands separators between groups of three: "1 234". */
int value_count(const char *s, long long *out);
/* Decimal number with ',' or '.' as decimal mark and optional space
 * thousands separators: "1 234,5", "-0.25". */
int value_decimal(const char *s, double *out);
/* ISO date YYYY-MM-DD that exists in the Gregorian calendar (2018-02-30 is
 * not). Writes the day number (days since 1970-01-01). */
int value_date(const char *s, long *days);
/* Days since 1970-01-01 of a valid Y-M-D (no check). */
long days_from_civil(int y, int m, int d);
/* Inverse of days_from_civil. */
void civil_from_days(long days, int *y, int *m, int *d);
/* 1 if Y-M-D is a real date. */
int date_valid(int y, int m, int d);
/* Formats a day number as YYYY-MM-DD into BUF (>= 11 bytes). */
void date_format(long days, char *buf);

/* Whole years from birth to a date (both day numbers via their civil parts). */
int age_at(int by, int bm, int bd, long on_day);

/* Case-insensitive equality after trimming ASCII spaces; ASCII folding plus
 * Å Ä Ö É so "Öka" == "öka". */
int value_equal_fold(const char *a, const char *b);
/* Copies S trimmed and lower-cased (ASCII and å ä ö é) into a new string
 * (caller frees). */
char *value_fold(const char *s);
/* Returns a pointer past leading spaces and writes the trimmed length. */
const char *value_trim(const char *s, size_t *len);

#endif
