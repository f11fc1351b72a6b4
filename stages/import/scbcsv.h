/* scbcsv: SCB Statistikdatabasen's CSV downloads (PxWeb), read as SCB
 * writes them rather than as RFC 4180 says.
 *
 * The file is UTF-8 (with or without BOM) or Windows-1252/ISO-8859-1,
 * decided on its first MiB as csvin decides it. Before the header there may
 * be title lines (one field, quoted: "with heading" gives a title and a blank
 * line, PxWeb 2 one title line); after the data, after a blank line, notes
 * and footnotes of one field each. These are no rows: they are counted as
 * other lines. The delimiter (, ; or TAB) is the most frequent one outside
 * quotes on the header line.
 *
 * SCB quotes labels but does not double the quotes inside them
 * ("2341 Lärare i "grundskolan""), which libcsv's parser (strict or not)
 * cannot read, so the fields of a line are split here: an unquoted field ends
 * at the delimiter; a quoted one at the first quote followed by the
 * delimiter or the end of the line, and a doubled quote inside it is read
 * as one (RFC 4180 files read the same). A label holding a quote followed
 * by the delimiter cannot be told from the end of the field: no SCB label
 * does. A record never spans lines in these files.
 *
 * Layouts: long (a year column and one value column, named after the
 * content) or wide (one column per year, "2023" or "Content 2023"). The
 * dimensions are the other columns, told apart by their names
 * (cube_kind_of). */
#ifndef JOBBSPAR_SCBCSV_H
#define JOBBSPAR_SCBCSV_H

#include "cube.h"
#include "impout.h"

#include <stddef.h>

/* Called for every cell of pass 2. Returns 0 to go on, -1 to stop (fatal,
 * message printed). */
typedef int (*scbcsv_cell_fn)(void *ctx, const struct cube_cell *cell);

/* Reads PATH. Pass 1 (O == NULL): maps its columns onto SET (adding the
 * dimensions when SET is empty, else requiring the same ones) and adds every
 * category; no cell is delivered. Pass 2: calls CELL for every cell, and
 * counts in O (impout_read, impout_reject for a line that cannot be split
 * into the header's fields or is not valid text, impout_notes for the other
 * lines; encoding, delimiter and layout as file info). Returns 0, or -1 with
 * a message (unreadable file, no header, a layout it cannot read). */
int scbcsv_read(const char *path, struct cube_set *set, struct impout *o, scbcsv_cell_fn cell,
		void *ctx);

/* Splits LINE (UTF-8, no line end) at DELIM as described above into a new
 * array of new strings (caller frees with scbcsv_fields_free). *UNTERMINATED
 * is set when a quoted field runs to the end of the line. */
char **scbcsv_split(const char *line, char delim, size_t *n, int *unterminated);
void scbcsv_fields_free(char **f, size_t n);
/* The delimiter of a header line: the most frequent of , ; TAB outside
 * quotes, or 0 if none occurs (a title line). */
char scbcsv_delimiter(const char *line);

#endif
