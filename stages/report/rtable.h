/* rtable: one table of the report as it is published, after disclosure
 * control. The same table is rendered to HTML, CSV and a workbook sheet, so
 * the three never disagree. Cells are text, numbers (with the column's
 * number of decimals), suppressed (".."), or empty. */
#ifndef JOBBSPAR_REPORT_RTABLE_H
#define JOBBSPAR_REPORT_RTABLE_H

#include "disclosure.h"

#include <stddef.h>

enum rcell_kind { RCELL_EMPTY = 0, RCELL_TEXT, RCELL_NUM, RCELL_SUPPRESSED };

struct rcell {
	enum rcell_kind kind;
	char *text;        /* RCELL_TEXT (owned) */
	double num;        /* RCELL_NUM, already rounded to the column's decimals;
			      RCELL_SUPPRESSED keeps the hidden value for secondary suppression */
	unsigned char why; /* enum disc_state for RCELL_SUPPRESSED */
};

struct rcol {
	char *head;        /* owned */
	int decimals;      /* for numbers */
	int is_text;       /* text column (left-aligned) */
	int html_hidden;   /* left out of the HTML (intervals); in CSV and xlsx */
};

struct rtable {
	char *id;          /* file and sheet name: [a-z0-9_], at most 31 bytes (owned) */
	char *title;       /* owned */
	char *note;        /* shown under the table, may be NULL (owned) */
	size_t ncol;
	struct rcol *col;
	size_t nrow, caprow;
	struct rcell *cell;     /* row-major, nrow * ncol */
	unsigned char *is_total; /* per row: a total row (printed bold) */
	size_t html_max_rows;   /* HTML shows the first rows only (totals always); 0 = all */
};

/* A table of NCOL columns; ID and TITLE are copied. Caller frees with rtable_free. */
struct rtable *rtable_new(const char *id, const char *title, size_t ncol);
void rtable_free(struct rtable *t);
/* Sets column J's heading (copied), decimals and kind. */
void rtable_col(struct rtable *t, size_t j, const char *head, int decimals, int is_text);
/* Appends an empty row and returns its index. */
size_t rtable_add_row(struct rtable *t);
struct rcell *rtable_at(struct rtable *t, size_t row, size_t col);
const struct rcell *rtable_get(const struct rtable *t, size_t row, size_t col);
/* Text cell (S copied; NULL or "" leaves the cell empty). */
void rtable_text(struct rtable *t, size_t row, size_t col, const char *s);
/* Number cell, rounded to the column's decimals; NaN leaves it empty. */
void rtable_num(struct rtable *t, size_t row, size_t col, double v);
/* Hides a number (or empty) cell; WHY is DISC_PRIMARY or DISC_SECONDARY.
 * The value is kept for the secondary pass only and is never printed. */
void rtable_suppress(struct rtable *t, size_t row, size_t col, enum disc_state why);
/* Sets the note (copied). */
void rtable_note(struct rtable *t, const char *note);

/* Secondary suppression of the columns COLS[0..ncols) whose values in the
 * rows FIRST..LAST-1 sum to the total row TOTAL_ROW (each column one line).
 * MIN_SUM per column (0 for estimates, min_persons for person counts).
 * Returns the number of cells newly hidden. */
size_t rtable_protect_column_totals(struct rtable *t, size_t first, size_t last,
				    size_t total_row, const size_t *cols,
				    const double *min_sum, size_t ncols);

/* Rounds V to DECIMALS decimals (half away from zero). */
double rtable_round(double v, int decimals);

#endif
