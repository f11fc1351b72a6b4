/* tabledef: a table between stages described once in code: its file, what
 * one row is, and each column's name, type and meaning. The writer takes
 * its header from the description, readers look columns up by the declared
 * names, and docs/TABLES.md's sections for described tables are generated
 * from it (bin/jobbspar-config --write-tables), so the three cannot drift. */
#ifndef JOBBSPAR_TABLEDEF_H
#define JOBBSPAR_TABLEDEF_H

#include <stddef.h>
#include <stdio.h>

#include "tsv.h"

struct tabledef_col {
	const char *name;
	const char *type;    /* as the docs show it: "text", "code", "integer", "number", "0-1", ... */
	const char *meaning; /* one line, Markdown */
};

struct tabledef {
	const char *file;    /* relative to OUT, e.g. "shortage.tsv" */
	const char *row;     /* what one row is, e.g. "one row per (area, SSYK occupation)" */
	const char *about;   /* a paragraph under the column list, or NULL */
	const struct tabledef_col *col;
	size_t ncol;
};

/* Index of column NAME in T, or -1. */
int tabledef_col(const struct tabledef *t, const char *name);

/* Opens OUTDIR/T->file for writing (tsv_writer_open) with T's columns as
 * the header. Every row must then put exactly T->ncol fields: a row with
 * another count fails the table (tsv_end_row), so the close reports it.
 * Returns NULL with a message on failure; caller owns the writer. */
struct tsv_writer *tabledef_writer_open(const struct tabledef *t, const char *outdir, int mode);

/* Looks up every column of T in R (which may be a joined reader) and
 * stores its index in COLS[i] (caller's array of T->ncol ints). Each
 * missing column is reported as "prog: file:1: missing column NAME".
 * Returns 0, or -1 if any was missing. */
int tabledef_require(const struct tsv_reader *r, const struct tabledef *t, int *cols);

/* Writes S as the text of a Markdown table cell to OUT: '|' (which would
 * end the cell) as "\\|", everything else as is. */
void tabledef_put_cell(FILE *out, const char *s);

/* Writes T's documentation (a "### OUT/file — row" heading and a column
 * table) in Markdown to OUT. Returns 0, or -1 on a write error (errno). */
int tabledef_write_markdown(FILE *out, const struct tabledef *t);

#endif
