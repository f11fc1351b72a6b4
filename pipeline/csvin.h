/* csvin: streaming CSV input on libcsv for every file of the input contract.
 *
 * One pass per file. The reader detects the encoding (UTF-8 with or without
 * BOM, UTF-16 LE or BE with or without BOM, else Windows-1252, decided on the
 * first block of up to 1 MiB) and the delimiter (the most frequent of , ; TAB
 * outside quotes on the header line), converts every field to UTF-8, tracks
 * the physical line where each record starts (quoted newlines counted; LF,
 * CRLF and a lone CR each end a line), and hashes the raw bytes with SHA-256.
 * An Excel workbook (xlsx or xls) saved under a .csv name is a fatal error
 * that says so. Memory is bounded by the largest record, not the file, and
 * by max_bytes when that is set: a longer field or record is delivered as
 * oversized, without its text, and reading goes on at the next record.
 * A record whose fields are all empty (Excel's ";;;;" rows) is skipped and
 * counted as a blank line.
 *
 * Quoting follows RFC 4180 in libcsv's strict mode: a malformed or
 * unterminated quote cannot be resynchronised, so it is fatal for the file
 * (message with the line), never guessed around. */
#ifndef JOBBSPAR_CSVIN_H
#define JOBBSPAR_CSVIN_H

#include <stddef.h>
#include <stdio.h>

enum csvin_encoding {
	CSVIN_UTF8, CSVIN_UTF8_BOM, CSVIN_WINDOWS_1252,
	CSVIN_UTF16LE, CSVIN_UTF16LE_BOM, CSVIN_UTF16BE, CSVIN_UTF16BE_BOM
};

struct csvin_options {
	int delimiter;      /* 0: detect; else ',' ';' or '\t' */
	size_t chunk_size;  /* bytes per csv_parse call; 0: 64 KiB (tests vary it) */
	size_t detect_size; /* bytes read before detection; 0: 1 MiB */
	size_t max_bytes;   /* longest field, and longest record (its fields
			     * and the delimiters between them), in bytes as
			     * read (before conversion); 0: no limit */
};

/* What the reader found out about a file; filled as reading goes on. */
struct csvin_info {
	char delimiter;
	enum csvin_encoding encoding;
	int crlf;                     /* line ends in the first block: 0 LF,
					 * 1 CRLF, 2 CR only (old Mac) */
	unsigned long long bytes;     /* raw bytes read */
	unsigned char sha256[32];     /* of the raw bytes, set at the end */
	long blank_lines;             /* empty lines skipped */
	long first_non_utf8_line;     /* Windows-1252: the line of the first byte
				       * that is not UTF-8 (why), else 0 */
};

/* One record. Everything is borrowed and valid only during the callback. */
struct csvin_row {
	long line;          /* physical line where the record starts; header is 1 */
	size_t nfields;
	char **field;       /* NUL-terminated UTF-8 (after conversion) */
	size_t *len;
	size_t bad_col;     /* 1-based column whose bytes are invalid, 0 if none */
	const char *bad_reason; /* why (static string), when bad_col != 0 */
	int oversized;      /* the record is longer than max_bytes: nfields
			     * counts every field, but their text was dropped
			     * (field[] and len[] must not be read) */
	size_t oversized_col; /* 1-based column of the first field longer than
			       * max_bytes by itself; 0 when only the record
			       * as a whole is */
};

/* Called for every record, the header included (row->line of the header is
 * usually 1). Returns 0 to go on, nonzero to stop reading (the callback has
 * reported why); csvin_read then returns that value. */
typedef int (*csvin_row_fn)(void *ctx, const struct csvin_row *row);

/* Reads FP to the end, calling ROW_FN per record. NAME is used in messages.
 * Returns 0 at a clean end, -1 on a fatal error (I/O or malformed quoting,
 * message printed as "prog: name:line: ..."), or the callback's nonzero
 * value. INFO (may be NULL) is filled. FP is borrowed, not closed. */
int csvin_read_fp(FILE *fp, const char *name, const struct csvin_options *opt,
		  csvin_row_fn row_fn, void *ctx, struct csvin_info *info);

/* Opens PATH and calls csvin_read_fp; a file that cannot be opened is a fatal
 * error (-1, message printed). */
int csvin_read_path(const char *path, const struct csvin_options *opt,
		    csvin_row_fn row_fn, void *ctx, struct csvin_info *info);

/* Name of an encoding for reports: "UTF-8", "UTF-8 (BOM)", "Windows-1252",
 * "UTF-16LE", "UTF-16LE (BOM)", "UTF-16BE", "UTF-16BE (BOM)". */
const char *csvin_encoding_name(enum csvin_encoding e);
/* 1 if a file in encoding E was converted to UTF-8 (not read as it is). */
int csvin_encoding_converted(enum csvin_encoding e);

/* Returns 1 if S[0..n) is valid UTF-8 (no overlongs, no surrogates). */
int utf8_valid(const char *s, size_t n);
/* Length of the longest prefix of S[0..n) that is valid UTF-8 or ends in an
 * incomplete but so far valid sequence (used on block boundaries). */
size_t utf8_valid_prefix(const char *s, size_t n, int *truncated_tail);
/* Converts Windows-1252 bytes to UTF-8 into OUT (capacity >= 3*n+1).
 * Returns the output length, or (size_t)-1 if a byte is undefined in
 * Windows-1252 (0x81 0x8D 0x8F 0x90 0x9D). OUT is NUL-terminated. */
size_t cp1252_to_utf8(const char *in, size_t n, char *out);
/* Converts UTF-16 (big-endian if BIG_ENDIAN, else little-endian) IN[0..n)
 * to UTF-8 into OUT (capacity >= 3 * n / 2 + 4). Unless FINAL, stops before
 * a code unit or surrogate pair cut off by the end of IN (*USED says how far
 * it got; the caller passes the rest again with the next block). A lone
 * surrogate, or with FINAL an odd last byte, becomes the byte 0xFF, which is
 * never valid UTF-8, so the field holding it is reported as bad. Returns the
 * output length (OUT is not NUL-terminated). */
size_t utf16_to_utf8(const char *in, size_t n, int big_endian, int final, char *out, size_t *used);

#endif
