/* csvexport: a report table as CSV for Swedish Excel: UTF-8 with a BOM,
 * ';' between fields, decimal comma, no digit grouping, suppressed cells as
 * "..". A text cell that Excel would take for a formula (starting with
 * = + - @ TAB or CR) gets a leading apostrophe. A code (SSYK 0110, kommun
 * 0581: a column marked is_code, letters and digits only) is written as
 * ="0581", the one form Excel opens as text with its leading zeros. */
#ifndef JOBBSPAR_REPORT_CSVEXPORT_H
#define JOBBSPAR_REPORT_CSVEXPORT_H

#include "rtable.h"

#include <stdio.h>

/* Writes the text field S (quoted when it holds ; " CR or LF, neutralised
 * as above) to FP. */
void csv_put_text(FILE *fp, const char *s);
/* 1 if a text starting like S must be neutralised (= + - @ TAB CR). */
int csv_formula_like(const char *s);
/* Writes T to PATH (temporary + rename, mode 0644); a table marked no_csv
 * is not written. Returns 0 or -1 with a message. T is borrowed. */
int csv_write_table(const struct rtable *t, const char *path);

#endif
