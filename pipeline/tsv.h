/* tsv: the tables between stages. UTF-8, TAB-separated, one header row, '.'
 * decimals, codes as text. A text value's backslash, TAB, CR and LF are
 * written as \\ \t \r \n (the "linear TSV" convention), so every row is one
 * line; the reader undoes it. Writers go through atomicfile: a table appears
 * under its name only when complete. */
#ifndef JOBBSPAR_TSV_H
#define JOBBSPAR_TSV_H

#include <stddef.h>
#include <stdio.h>

struct tsv_writer;

/* Opens PATH for writing (via a temporary) and writes the header from the
 * NULL-terminated COLUMNS. MODE is the file mode (0644 published, 0600
 * restricted). Returns NULL with a message on failure. Caller owns the
 * writer and must close or abort it. */
struct tsv_writer *tsv_writer_open(const char *path, const char *const *columns,
				   int mode);
void tsv_put_str(struct tsv_writer *w, const char *s);
void tsv_put_strn(struct tsv_writer *w, const char *s, size_t n);
void tsv_put_long(struct tsv_writer *w, long long v);
/* Writes %.10g; NaN or infinity is written as an empty field (missing). */
void tsv_put_double(struct tsv_writer *w, double v);
/* Writes v with exactly DECIMALS decimals ('.'); NaN -> empty. */
void tsv_put_fixed(struct tsv_writer *w, double v, int decimals);
void tsv_put_empty(struct tsv_writer *w);
/* Ends the row; a row with the wrong number of fields is a programming error
 * and aborts the table (close then fails). */
void tsv_end_row(struct tsv_writer *w);
/* Pushes everything written so far to the file system (no rename): 0, or -1
 * with a message "prog: path: write failed: reason". A stage writing several
 * tables flushes them all before committing any, so a full disk leaves none
 * of them renamed rather than some. */
int tsv_writer_flush(struct tsv_writer *w);
/* Commits the table. Returns 0, or -1 with a message (nothing renamed). Frees W. */
int tsv_writer_close(struct tsv_writer *w);
/* Drops the table (temporary removed). Frees W; NULL is allowed. */
void tsv_writer_abort(struct tsv_writer *w);

struct tsv_reader;

/* Opens a table and reads its header. NULL with a message on failure. */
struct tsv_reader *tsv_reader_open(const char *path);
/* Index of the column NAME, or -1. */
int tsv_col(const struct tsv_reader *r, const char *name);
/* Index of the column NAME; prints "prog: path: missing column NAME" and
 * returns -1 if absent. */
int tsv_require(const struct tsv_reader *r, const char *name);
size_t tsv_ncols(const struct tsv_reader *r);
const char *tsv_colname(const struct tsv_reader *r, size_t i);
/* Reads the next row: 1 row read, 0 end of table, -1 error (message printed;
 * a row whose field count differs from the header is an error). */
int tsv_next(struct tsv_reader *r);
/* Field I of the current row, unescaped. Borrowed until the next tsv_next.
 * An out-of-range I returns "". */
const char *tsv_get(const struct tsv_reader *r, int i);
/* Field as a number: NaN when empty or not a number. */
double tsv_get_double(const struct tsv_reader *r, int i);
/* Field as an integer: DEFAULT_VALUE when empty or not an integer. */
long long tsv_get_long(const struct tsv_reader *r, int i, long long default_value);
/* Joins SIDE beside R: a table with the same rows in the same order (the
 * columns KEYS, NULL-terminated, at most 8, equal on every row). SIDE's
 * other columns are appended to R's (tsv_col, tsv_get find them), each
 * tsv_next reads a row of both, and a row whose keys differ, or one table
 * ending before the other, is an error naming both files and lines. Call
 * before the first tsv_next. Takes ownership of SIDE (closed with R, or
 * at once on failure). Returns 0, or -1 with a message (a key missing in
 * either table, or a column of SIDE that R already has). */
int tsv_reader_join(struct tsv_reader *r, struct tsv_reader *side, const char *const *keys);
long tsv_line(const struct tsv_reader *r);
const char *tsv_path(const struct tsv_reader *r);
void tsv_reader_close(struct tsv_reader *r);

#endif
