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

/* Writes one table into a new sheet; returns 0 or the first libxlsxwriter error. */
static lxw_error xlsx_sheet(lxw_workbook *wb, const struct rtable *t, lxw_format *bold,
			    lxw_format *const *numfmt, lxw_format *right)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, t->id);
	if (!ws) /* ids are unique, so: no temporary file for the sheet */
		return LXW_ERROR_CREATING_TMPFILE;
	lxw_error err = LXW_NO_ERROR;
	for (size_t j = 0; j < t->ncol && !err; j++) {
		double width = t->col[j].is_text ? 28 : 12;
		size_t hl = strlen(t->col[j].head);
		if (!t->col[j].is_text && hl > 12)
			width = hl > 30 ? 30 : (double)hl;
		err = worksheet_set_column(ws, (lxw_col_t)j, (lxw_col_t)j, width, NULL);
		if (!err) {
			/* a header can come from the data too (area names in the
			 * comparison tables): neutralised like any text cell */
			char *h = csv_formula_like(t->col[j].head) ? easprintf("'%s", t->col[j].head)
								   : estrdup(t->col[j].head);
			err = worksheet_write_string(ws, 0, (lxw_col_t)j, h, bold);
			free(h);
		}
	}
	for (size_t r = 0; r < t->nrow && !err; r++) {
		lxw_row_t row = (lxw_row_t)(r + 1);
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
				err = worksheet_write_number(ws, row, col, c->num, numfmt[d]);
				break;
			case RCELL_SUPPRESSED:
				err = worksheet_write_string(ws, row, col, "..", right);
				break;
			case RCELL_TEXT:
				if (csv_formula_like(c->text)) {
					char *s = easprintf("'%s", c->text);
					err = worksheet_write_string(ws, row, col, s, NULL);
					free(s);
				} else {
					err = worksheet_write_string(ws, row, col, c->text, NULL);
				}
				break;
			case RCELL_EMPTY:
				break;
			}
		}
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

	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	lxw_format *right = workbook_add_format(wb);
	format_set_align(right, LXW_ALIGN_RIGHT);
	lxw_format *numfmt[5];
	for (int d = 0; d < 5; d++) {
		numfmt[d] = workbook_add_format(wb);
		format_set_num_format(numfmt[d], xlsx_number_formats[d]);
	}
	for (size_t i = 0; i < ntable && !err; i++)
		err = xlsx_sheet(wb, tables[i], bold, numfmt, right);
	if (err) {
		msg_error("%s: %s", path, lxw_strerror(err));
		workbook_close(wb); /* frees it; the file is dropped below */
		unlink(tmp);
		free(tmp);
		free(dir);
		return -1;
	}
	err = workbook_close(wb);
	free(dir);
	if (err) {
		msg_error("%s: write failed: %s", path, lxw_strerror(err));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	char why[256];
	int checked = xlsx_check_file(tmp, why, sizeof why);
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
