/* mtab: an inter-stage table (pipeline/tsv.h) read whole into memory, with
 * columns looked up by name, so the report degrades gracefully when an
 * optional column is absent (a missing column reads as "" / NaN).
 *
 * Columns that could carry a pseudonym or an identity (person, employer,
 * response_id, personnummer, org_nr) are dropped when the table is read:
 * they can never reach the report. */
#ifndef JOBBSPAR_REPORT_MTAB_H
#define JOBBSPAR_REPORT_MTAB_H

#include <stddef.h>
#include <stdint.h>

struct mtab {
	char *path;      /* owned */
	size_t ncol;
	char **colname;  /* owned */
	size_t nrow;
	char *text;      /* every field, NUL-terminated, one after another
			    (text[0] is the empty string all empty fields share);
			    one block, not one allocation per field (owned) */
	size_t text_len, text_cap;
	uint32_t *off;   /* row-major: where each field starts in text (owned) */
	long *line;      /* line of each row in the file */
	int kommun_col;  /* the kommun column, or -1 */
	size_t *by_kommun; /* row numbers ordered by kommun, then row (owned;
			      NULL without a kommun column) */
};

/* Reads PATH (at most 4 GiB of field text). When the file does not exist and OPTIONAL is set, returns NULL
 * without a message and sets *absent = 1; every other failure returns NULL
 * with a message and *absent = 0. Caller frees with mtab_free. */
struct mtab *mtab_load(const char *path, int optional, int *absent);
/* Reads the rest of the open reader R (closed here; NULL is allowed and
 * returns NULL): mtab_load without the opening. PATH names the table in
 * messages. */
struct tsv_reader;
struct mtab *mtab_read(struct tsv_reader *r, const char *path);
/* OUTDIR's shortage.tsv with shortage_survey.tsv and shortage_registry.tsv
 * beside it (shortage_tables_open) as one table. NULL with a message on
 * failure. */
struct mtab *mtab_load_shortage(const char *outdir);
void mtab_free(struct mtab *t);
/* 1 if NAME is a column that must never be published (see above). */
int mtab_private_column(const char *name);
/* Index of column NAME or -1. */
int mtab_col(const struct mtab *t, const char *name);
/* Field (borrowed; "" when COL is -1). */
const char *mtab_str(const struct mtab *t, size_t row, int col);
/* Row numbers (ascending) of the rows whose kommun column equals KOMMUN
 * (none without that column), as a new array (caller frees; never NULL)
 * with their count in *N: a binary search in t->by_kommun. */
size_t *mtab_rows_of(const struct mtab *t, const char *kommun, size_t *n);
/* 1 if the field is "..": hidden by the stage that wrote the table
 * (docs/TABLES.md), not missing. */
int mtab_hidden(const struct mtab *t, size_t row, int col);
/* Field as a number (NaN when empty, not a number, or COL is -1). */
double mtab_num(const struct mtab *t, size_t row, int col);

#endif
