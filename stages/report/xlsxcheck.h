/* xlsxcheck: reads a written .xlsx back before it is published, because
 * libxlsxwriter does not check its writes to the temporary files that hold
 * each part's XML: a full disk there gives a workbook whose zip is sound but
 * whose sheet is cut short, and workbook_close still reports success.
 *
 * The zip is read by hand (end-of-central-directory record, central
 * directory, local headers), only as far as libxlsxwriter writes it: one
 * disk, stored or deflated members, no encryption, no zip64 (libxlsxwriter
 * writes zip64 only with lxw_workbook_options.use_zip64, which jobbspar does
 * not set; such a file is refused, not misread). Every member is inflated
 * (zlib) and its size and CRC-32 compared with the central directory; every
 * XML part (*.xml, *.rels) must end with the closing tag of its root element
 * (xl/worksheets/sheet*.xml: </worksheet>); a worksheet's rows must end
 * with a closed row whose number is the last row of its <dimension> (in
 * libxlsxwriter's constant_memory mode, which jobbspar uses, a full disk
 * drops rows from inside a sheet whose start and end are intact);
 * [Content_Types].xml and xl/workbook.xml must be there. Given what the
 * writer wrote, each worksheet must hold exactly that many rows and cells
 * (its "<row " and "<c " start tags): a write lost inside a sheet's
 * temporary, with the rows after it written again once space was freed,
 * leaves the sheet's start, end and last row intact but drops the rows and
 * cells of a whole stdio buffer (test_report_tmpfull found one at 48 kB
 * free). */
#ifndef JOBBSPAR_REPORT_XLSXCHECK_H
#define JOBBSPAR_REPORT_XLSXCHECK_H

#include <stddef.h>

enum {
	XLSX_CHECK_OK = 0,
	XLSX_CHECK_BAD = 1,     /* incomplete or corrupt: WHY says how */
	XLSX_CHECK_IOERR = -1,  /* the file could not be read: WHY holds strerror */
};

/* Checks the zip bytes BUF[0..LEN) (borrowed). Returns XLSX_CHECK_OK, or
 * XLSX_CHECK_BAD with a short lower-case reason in WHY (WHYSZ bytes, always
 * NUL-terminated), e.g. "xl/worksheets/sheet12.xml cut short, without its
 * closing </worksheet>". Prints nothing. */
int xlsx_check_buffer(const unsigned char *buf, size_t len, char *why, size_t whysz);

/* What the writer put into worksheet k (xl/worksheets/sheet<k+1>.xml):
 * rows with at least one cell, and cells. */
struct xlsx_expect {
	unsigned long rows, cells;
};

/* xlsx_check_buffer, and each worksheet must hold the rows and cells of
 * EXPECT[0..NEXPECT) (borrowed; a sheet beyond it is an error). */
int xlsx_check_buffer_expect(const unsigned char *buf, size_t len, const struct xlsx_expect *expect,
			     size_t nexpect, char *why, size_t whysz);

/* Reads the file PATH (borrowed) whole and checks it as xlsx_check_buffer;
 * XLSX_CHECK_IOERR with strerror(errno) in WHY when it cannot be read.
 * Prints nothing. */
int xlsx_check_file(const char *path, char *why, size_t whysz);
/* xlsx_check_file with the rows and cells of each worksheet, as
 * xlsx_check_buffer_expect. */
int xlsx_check_file_expect(const char *path, const struct xlsx_expect *expect, size_t nexpect,
			   char *why, size_t whysz);

#endif
