/* synth_csv: writes one file of the input contract (docs/DATA.md):
 * comma-separated UTF-8 with RFC 4180 quoting where a field needs it, LF line
 * ends, through atomicfile (the file appears only when complete). Counts the
 * physical lines written so bad rows can be reported by line (header = 1). */
#ifndef JOBBSPAR_SYNTH_CSV_H
#define JOBBSPAR_SYNTH_CSV_H

#include <limits.h>
#include <stdio.h>

struct synth_csv {
	struct atomicfile *af;  /* owned */
	char *name;             /* base name, owned */
	long lines;             /* physical lines written so far */
	long rows;              /* data rows written so far */
	int field;              /* fields written in the current row */
};

/* Opens DIR/NAME and writes the NULL-terminated header COLUMNS. Returns NULL
 * with a message on failure. Caller owns the writer: close or abort it. */
struct synth_csv *synth_csv_open(const char *dir, const char *name, const char *const *columns);
void synth_csv_str(struct synth_csv *w, const char *s);
void synth_csv_long(struct synth_csv *w, long long v);
/* A day number as YYYY-MM-DD; SYNTH_NO_DATE writes an empty field. */
#define SYNTH_NO_DATE LONG_MIN
void synth_csv_date(struct synth_csv *w, long days);
void synth_csv_empty(struct synth_csv *w);
/* A whole line written as given (LF added): for deliberately bad rows. */
void synth_csv_raw_line(struct synth_csv *w, const char *line);
void synth_csv_end(struct synth_csv *w);
/* Commits the file. Returns 0 or -1 with a message. Frees W. */
int synth_csv_close(struct synth_csv *w);
void synth_csv_abort(struct synth_csv *w);

/* Writes S with RFC 4180 quoting if it holds a comma, quote, CR or LF. */
void synth_csv_put_field(FILE *fp, const char *s);

#endif
