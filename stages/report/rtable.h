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
	int html_words;    /* words rather than names or numbers (a note, a
			      provider): printed smaller in the HTML */
	int html_subrow;   /* text shown in the HTML as a line under its row (a
			      sentence that explains the row), not as a cell;
			      a column in CSV and xlsx */
	int is_code;       /* a code (SSYK, kommun): text that must keep its leading
			      zeros in Excel (CSV ="0581", workbook text format) */
};

struct rtable {
	char *id;          /* file and sheet name: [a-z0-9_], at most 31 bytes (owned) */
	char *title;       /* owned */
	char *sheet;       /* the workbook sheet's readable name, at most 31 bytes and
			      none of []:*?/\\ (owned; NULL: the id) */
	char *about;       /* one line: what the table shows, its units (owned, may be NULL) */
	char *note;        /* shown under the table, may be NULL (owned) */
	const char *more_word; /* "rows" of the note on rows left out ("yrken"), NULL: generic */
	int no_csv;        /* not written as CSV (the workbook's first sheet) */
	char **line;       /* text lines above the table in its sheet (the workbook's
			      first sheet: symbols and sources), owned */
	size_t nline;
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
/* Appends a text line shown above the table in its sheet (copied). */
void rtable_line(struct rtable *t, const char *text);
/* Sets the one-line explanation (copied). */
void rtable_about(struct rtable *t, const char *about);
/* Sets the sheet name from NAME (copied): characters Excel forbids in a
 * sheet name become '-', and it is cut to 31 bytes on a UTF-8 boundary. */
void rtable_sheet(struct rtable *t, const char *name);
/* Marks column J as a code column (text that keeps its leading zeros). */
void rtable_code(struct rtable *t, size_t j);
/* 1 if S is a code that may be written as ="S" in a CSV: 1-12 ASCII
 * letters and digits (nothing Excel could evaluate). */
int rtable_code_text(const char *s);

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
