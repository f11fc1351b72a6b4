/* impout: what every importer writes, and its accounting.
 *
 * One importer run writes one file of the input contract (docs/DATA.md) into
 * the output folder, BASE.csv: comma-separated UTF-8, RFC 4180 quoting where
 * a field needs it, LF line ends; beside it BASE.rejects.csv (file, line,
 * column, value, reason: the columns of ingest's rejects.csv, identity
 * numbers masked) and BASE.import.json (the counts per input file and the
 * decisions taken). All three go through atomicfile and appear together at
 * impout_close, or not at all.
 *
 * Accounting, per input file: rows read = converted + rejected. What a row
 * is depends on the format (a cell of an SCB table, an ad of a JobTech file);
 * the importer says so in the summary. Title, footnote and blank lines are
 * not rows; they are counted apart (impout_notes). */
#ifndef JOBBSPAR_IMPOUT_H
#define JOBBSPAR_IMPOUT_H

#include <stdio.h>

struct impout;

/* Opens DIR/BASE.csv, DIR/BASE.rejects.csv and DIR/BASE.import.json (as
 * temporaries) and writes the header COLUMNS (NULL-terminated; borrowed until
 * impout_close). KIND names the importer in the summary. Returns NULL with a
 * message on failure. The caller owns the result: impout_close frees it. */
struct impout *impout_open(const char *dir, const char *base, const char *kind,
			   const char *const *columns);

/* Starts the accounting of input file PATH (borrowed until impout_close);
 * later counts go to it. */
void impout_begin_file(struct impout *o, const char *path);
/* A fact about the current input file for the summary ("encoding",
 * "Windows-1252"). Both strings are copied. */
void impout_file_info(struct impout *o, const char *key, const char *value);
/* One row of the current file was read (converted or rejected follows). */
void impout_read(struct impout *o);
/* Lines that are no rows (title, footnote, blank): counted apart. */
void impout_notes(struct impout *o, long n);

/* The fields of one converted row, in header order; impout_end_row counts it
 * as converted. */
void impout_str(struct impout *o, const char *s);
void impout_long(struct impout *o, long long v);
void impout_end_row(struct impout *o);
/* Ends a row made of CELLS rows read (a sum): counts them as converted. */
void impout_end_row_of(struct impout *o, long cells);

/* Records a rejected row of the current file: LINE (the physical line, or 0
 * with WHERE naming the place, e.g. "value[12]" in a JSON-stat file; WHERE
 * may be NULL), the column (NULL: the row as a whole), the value as read,
 * TAG (a short static word that groups the reasons in the summary:
 * "suppressed", "aggregate", ...) and the reason. */
void impout_reject(struct impout *o, long line, const char *where, const char *column,
		   const char *value, const char *tag, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

/* Counts a documented adjustment that kept a row (TAG static, e.g.
 * "kommun_from_name"), for the summary. */
void impout_count(struct impout *o, const char *tag);
/* A decision for the summary's notes (and stderr with -v). */
void impout_note(struct impout *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Rows read, converted and rejected so far over all files. */
long impout_total_read(const struct impout *o);
long impout_total_rejected(const struct impout *o);

/* Finishes: when OK, writes the summary, reports every file with rejects on
 * stderr (its first reject and the count) and commits the three files;
 * else removes them. Returns 0, or -1 (message printed, nothing committed).
 * Frees O. */
int impout_close(struct impout *o, int ok);

/* Writes S as one CSV field (RFC 4180 quotes when needed). */
void impout_put_field(FILE *fp, const char *s);

#endif
