/* stage: what every stage program shares.
 *
 * Command-line convention of every stage:
 *   jobbspar-<stage> [-c FILE] [--set section.key=value]... [-o OUT] [-v] [-h] [--version]
 * -c defaults to $JOBBSPAR_CONFIG, else data/default.ini (relative to the
 * current folder). -o overrides run.output. Exit: 0 ok, 1 data or I/O
 * error, 2 usage. */
#ifndef JOBBSPAR_STAGE_H
#define JOBBSPAR_STAGE_H

#include "codes.h"
#include "config.h"

#include <stddef.h>

/* What every stage's main does first: names the program for messages
 * (msg_set_prog) and ignores SIGXFSZ, so that a write beyond the file size
 * limit (ulimit -f) fails with EFBIG and is reported like a full disk (exit 1,
 * temporaries removed) instead of killing the process silently. PROG is
 * borrowed for the life of the program. */
void stage_start(const char *prog);

/* Loads the configuration (PATH or the default) and applies the NSETS
 * "section.key=value" overrides. Returns NULL with a message on failure
 * (exit 1 for an unreadable file; a malformed override is reported the same
 * way, the caller exits 2 when *usage_error is set). Caller frees. */
struct config *stage_config(const char *path, char *const *sets, size_t nsets, int *usage_error);

/* The output folder: OVERRIDE if given, else run.output resolved against the
 * configuration's folder. New string, caller frees. */
char *stage_output_dir(const struct config *cfg, const char *override);

/* The reference-list folder (run.refdir). New string, caller frees. */
char *stage_refdir(const struct config *cfg);

/* run.reference_year (default 2024) and ref_date = that year's 31 December
 * as a day number. Return -1 with a message if malformed. */
int stage_reference_year(const struct config *cfg, int *year);
long stage_reference_date(int year);

/* The reporting municipalities from run.municipalities (codes, 3-digit codes
 * or names). Writes a new array of 5-byte codes (caller frees) and the
 * count. Returns 0, or -1 with a message naming the unknown entry. */
int stage_municipalities(const struct config *cfg, const struct codes *codes,
			 char (**out)[5], size_t *count);

/* Makes DIR (and parents) or reports why not. Returns 0 or -1. */
int stage_mkdir(const char *dir, int mode);

/* Flushes and closes stdout, reporting a failed write (e.g. to /dev/full).
 * Returns 0 or 1 (the exit status to use). */
int stage_close_stdout(void);

/* Joins DIR and NAME into a new string. */
char *path_join(const char *dir, const char *name);

#endif
