/* xlsxexport: the report's tables as one Excel workbook (libxlsxwriter), one
 * sheet per table named by the table's sheet name (else its id), a bold,
 * frozen header row with an autofilter, column widths from the contents,
 * numbers written as numbers, codes as text in a text-formatted column
 * (leading zeros kept, also when edited), other text always as strings
 * (never a formula; formula-like text gets the same leading apostrophe as
 * in the CSV), suppressed cells as the string "..". A table's text lines
 * (rtable_line: the explanation sheet) go above its header. */
#ifndef JOBBSPAR_REPORT_XLSXEXPORT_H
#define JOBBSPAR_REPORT_XLSXEXPORT_H

#include "rtable.h"

#include <stddef.h>
#include <time.h>

/* Writes the NTABLE tables to PATH: the workbook goes to a temporary name
 * beside PATH (libxlsxwriter's own temporaries too) and is renamed only when
 * workbook_close succeeded and xlsx_check_file found it complete, so PATH is
 * never partial. CREATED is the document's creation time (a fixed value keeps the
 * bytes the same between runs); TITLE is the document title (borrowed).
 * Returns 0 or -1 with a message. */
int xlsx_write_tables(const char *path, struct rtable *const *tables, size_t ntable,
		      const char *title, time_t created);

#endif
