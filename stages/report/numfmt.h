/* numfmt: numbers as the report prints them. Swedish style groups the digits
 * in threes with a space and uses a decimal comma ("1 234,5"); the HTML uses
 * a no-break space and the minus sign U+2212 so a number never wraps, the CSV
 * export no grouping and an ASCII hyphen so Swedish Excel reads it as a
 * number ("1234,5", "-0,5"). */
#ifndef JOBBSPAR_REPORT_NUMFMT_H
#define JOBBSPAR_REPORT_NUMFMT_H

#include <stddef.h>

struct numstyle {
	const char *group;    /* between groups of three integer digits ("" = none) */
	const char *decimal;  /* decimal mark */
	const char *minus;    /* sign of a negative number */
};

extern const struct numstyle numstyle_sv_html; /* U+00A0, ",", U+2212 */
extern const struct numstyle numstyle_en_html; /* ",", ".", U+2212 */
extern const struct numstyle numstyle_csv;     /* "", ",", "-" */

/* Formats V rounded to DECIMALS (0-9) decimals in STYLE into BUF of SIZE
 * bytes (always NUL-terminated; 64 bytes hold any value below 1e30 in any
 * style) and returns BUF. NaN and infinities give "" (missing). A value that
 * rounds to zero has no sign ("-0.04" with one decimal gives "0,0"). BUF is
 * the caller's; STYLE is borrowed. */
char *numfmt(double v, int decimals, const struct numstyle *style, char *buf, size_t size);

#endif
