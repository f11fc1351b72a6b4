#include "xlsxexport.h"
#include "csvexport.h"
#include "msg.h"
#include "xlsxcheck.h"

#include <xlsxwriter.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const xlsx_number_formats[] = {
	"#,##0", "#,##0.0", "#,##0.00", "#,##0.000", "#,##0.0000",
};

/* The formats every sheet shares. */
struct xlsx_formats {
	lxw_format *head;      /* header row: bold, wrapped, grey background */
	lxw_format *title;     /* a sheet's title line */
	lxw_format *bold;
	lxw_format *text;      /* a code: stored and kept as text ("@") */
	lxw_format *right;     /* "..": right-aligned like the numbers */
	lxw_format *num[5];    /* #,##0 ... by decimals */
	lxw_format *total[5];  /* the same, bold, for a total row */
	lxw_format *total_text;
};

/* Characters of UTF-8 text S (a column width is in characters). */
static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* The width of column J: its widest cell, the header counting for at most
 * 24 characters (it wraps), within 6 to 60 characters. */
static double column_width(const struct rtable *t, size_t j)
{
	size_t w = utf8_chars(t->col[j].head);
	if (w > 24)
		w = 24;
	for (size_t r = 0; r < t->nrow; r++) {
		const struct rcell *c = rtable_get(t, r, j);
		size_t n = 0;
		if (c->kind == RCELL_TEXT)
			n = utf8_chars(c->text);
		else if (c->kind == RCELL_NUM) {
			char buf[64];
			/* digits, group separators and decimals as Excel shows them */
			n = (size_t)snprintf(buf, sizeof buf, "%.*f", t->col[j].decimals, c->num);
			n += n / 3;
		} else if (c->kind == RCELL_SUPPRESSED)
			n = 2;
		if (n > w)
			w = n;
	}
	double width = (double)w + 2;
	return width < 6 ? 6 : width > 60 ? 60 : width;
}

/* S, with a leading apostrophe when Excel could take it for a formula
 * (new string). */
static char *xlsx_safe_text(const char *s)
{
	return csv_formula_like(s) ? easprintf("'%s", s) : estrdup(s);
}

/* Writes one table into a new sheet: its text lines (if any), the header
 * row (frozen, with an autofilter) and the rows. Returns 0 or the first
 * libxlsxwriter error. */
static lxw_error xlsx_sheet(lxw_workbook *wb, const struct rtable *t, const struct xlsx_formats *f,
			    struct xlsx_expect *wrote)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, t->sheet ? t->sheet : t->id);
	if (!ws) /* names are unique, so: no temporary file for the sheet */
		return LXW_ERROR_CREATING_TMPFILE;
	lxw_error err = LXW_NO_ERROR;
	for (size_t j = 0; j < t->ncol && !err; j++)
		err = worksheet_set_column(ws, (lxw_col_t)j, (lxw_col_t)j, column_width(t, j),
					   t->col[j].is_code ? f->text : NULL);
	/* the lines above the table: the title first (only with lines) */
	/* what goes into the sheet, for the read-back: rows with a cell, cells
	 * (an empty string is no cell, an empty header a blank one: it has a
	 * format) */
	memset(wrote, 0, sizeof *wrote);
	lxw_row_t head_row = 0;
	if (t->nline && !err) {
		err = worksheet_write_string(ws, 0, 0, t->title, f->title);
		wrote->rows++, wrote->cells++;
		for (size_t i = 0; i < t->nline && !err; i++)
			if (*t->line[i]) {
				char *s = xlsx_safe_text(t->line[i]);
				err = worksheet_write_string(ws, (lxw_row_t)(i + 1), 0, s, NULL);
				free(s);
				wrote->rows++, wrote->cells++;
			}
		head_row = (lxw_row_t)(t->nline + 2);
	}
	if (t->ncol)
		wrote->rows++, wrote->cells += t->ncol;
	for (size_t j = 0; j < t->ncol && !err; j++) {
		/* a header can come from the data too (area names in the
		 * comparison tables): neutralised like any text cell */
		char *h = xlsx_safe_text(t->col[j].head);
		err = worksheet_write_string(ws, head_row, (lxw_col_t)j, h, f->head);
		free(h);
	}
	for (size_t r = 0; r < t->nrow && !err; r++) {
		lxw_row_t row = (lxw_row_t)(head_row + 1 + r);
		int total = t->is_total[r];
		unsigned long cells = 0;
		for (size_t j = 0; j < t->ncol; j++)
			cells += rtable_get(t, r, j)->kind != RCELL_EMPTY;
		wrote->rows += cells > 0;
		wrote->cells += cells;
		for (size_t j = 0; j < t->ncol && !err; j++) {
			const struct rcell *c = rtable_get(t, r, j);
			lxw_col_t col = (lxw_col_t)j;
			int d = t->col[j].decimals;
			if (d < 0)
				d = 0;
			if (d > 4)
				d = 4;
			switch (c->kind) {
			case RCELL_NUM:
				err = worksheet_write_number(ws, row, col, c->num,
							     total ? f->total[d] : f->num[d]);
				break;
			case RCELL_SUPPRESSED:
				err = worksheet_write_string(ws, row, col, "..", f->right);
				break;
			case RCELL_TEXT: {
				char *s = xlsx_safe_text(c->text);
				err = worksheet_write_string(ws, row, col, s,
							     t->col[j].is_code ? f->text
							     : total ? f->total_text : NULL);
				free(s);
				break;
			}
			case RCELL_EMPTY:
				break;
			}
		}
	}
	/* the header stays in view and every column can be filtered */
	if (!err && t->ncol) {
		worksheet_freeze_panes(ws, head_row + 1, 0);
		err = worksheet_autofilter(ws, head_row, 0, (lxw_row_t)(head_row + t->nrow),
					   (lxw_col_t)(t->ncol - 1));
	}
	return err;
}

int xlsx_write_tables(const char *path, struct rtable *const *tables, size_t ntable,
		      const char *title, time_t created)
{
	char *tmp = easprintf("%s.tmp.XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		msg_error("%s: cannot create: %s", path, strerror(errno));
		free(tmp);
		return -1;
	}
	close(fd);
	/* libxlsxwriter does not check its writes to the temporary files that
	 * hold each part's XML: keep them beside PATH, on the file system the
	 * workbook goes to anyway, so a small or full /tmp cannot cut a sheet
	 * (the zip's own writes, which libxlsxwriter does check, then meet the
	 * same full disk first), and read the result back below */
	const char *slash = strrchr(path, '/');
	char *dir = slash ? estrndup(path, slash == path ? 1 : (size_t)(slash - path)) : estrdup(".");
	/* constant_memory: each row goes to its sheet's temporary as it is
	 * written (rows are written in order) instead of every cell of every
	 * sheet staying in memory until the end (280 MB for the national
	 * report); strings are then stored in the cells (inlineStr), which
	 * Excel and LibreOffice read as any other. Each sheet keeps its
	 * temporary open until the workbook is closed, so allow that many
	 * open files (a full disk in a temporary is caught by xlsx_check_file
	 * below). */
	struct rlimit rl;
	rlim_t want = (rlim_t)ntable + 64;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < want) {
		rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > want ? want : rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl); /* if refused, the workbook reports it */
	}
	lxw_workbook_options opts = {.constant_memory = LXW_TRUE, .tmpdir = dir,
				     .use_zip64 = LXW_FALSE};
	lxw_workbook *wb = workbook_new_opt(tmp, &opts);
	if (!wb) {
		msg_error("%s: cannot create workbook", path);
		unlink(tmp);
		free(tmp);
		free(dir);
		return -1;
	}
	lxw_doc_properties props;
	memset(&props, 0, sizeof props);
	props.title = (char *)title;
	props.author = "jobbspar";
	props.created = created;
	lxw_error err = workbook_set_properties(wb, &props);

	struct xlsx_formats f;
	f.head = workbook_add_format(wb);
	format_set_bold(f.head);
	format_set_text_wrap(f.head);
	format_set_align(f.head, LXW_ALIGN_VERTICAL_TOP);
	format_set_bg_color(f.head, 0xEAF2F8);
	format_set_bottom(f.head, LXW_BORDER_THIN);
	f.title = workbook_add_format(wb);
	format_set_bold(f.title);
	format_set_font_size(f.title, 14);
	f.bold = workbook_add_format(wb);
	format_set_bold(f.bold);
	f.text = workbook_add_format(wb);
	format_set_num_format_index(f.text, 49); /* Excel's built-in "@": text */
	f.right = workbook_add_format(wb);
	format_set_align(f.right, LXW_ALIGN_RIGHT);
	f.total_text = workbook_add_format(wb);
	format_set_bold(f.total_text);
	for (int d = 0; d < 5; d++) {
		f.num[d] = workbook_add_format(wb);
		format_set_num_format(f.num[d], xlsx_number_formats[d]);
		f.total[d] = workbook_add_format(wb);
		format_set_num_format(f.total[d], xlsx_number_formats[d]);
		format_set_bold(f.total[d]);
	}
	struct xlsx_expect *wrote = ecalloc(ntable ? ntable : 1, sizeof *wrote);
	for (size_t i = 0; i < ntable && !err; i++)
		err = xlsx_sheet(wb, tables[i], &f, &wrote[i]);
	if (err) {
		msg_error("%s: %s", path, lxw_strerror(err));
		workbook_close(wb); /* frees it; the file is dropped below */
		unlink(tmp);
		free(tmp);
		free(dir);
		free(wrote);
		return -1;
	}
	err = workbook_close(wb);
	free(dir);
	if (err) {
		msg_error("%s: write failed: %s", path, lxw_strerror(err));
		unlink(tmp);
		free(tmp);
		free(wrote);
		return -1;
	}
	char why[256];
	int checked = xlsx_check_file_expect(tmp, wrote, ntable, why, sizeof why);
	free(wrote);
	if (checked != XLSX_CHECK_OK) {
		if (checked == XLSX_CHECK_IOERR)
			msg_error("%s: cannot read the new workbook back: %s", path, why);
		else
			msg_error("%s: the workbook came out incomplete (%s; is the disk or the "
				  "temporary folder full?)",
				  path, why);
		unlink(tmp);
		free(tmp);
		return -1;
	}
	if (chmod(tmp, 0644) != 0 || rename(tmp, path) != 0) {
		msg_error("%s: write failed: %s", path, strerror(errno));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}
