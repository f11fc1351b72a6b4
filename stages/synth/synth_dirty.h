/* synth_dirty: the --dirty mode. Rewrites the clean files of a generated
 * folder with a handful of deliberately bad rows inserted (bad check digit,
 * 2018-02-30, unknown codes, negative counts, a duplicate ad_id, an occupation
 * row without respondent, a ragged row, ...), each built from a valid row of
 * the same file with exactly one fault, and lists them in dirty.tsv
 * (file, line, column, reason; line = physical line, header = 1). */
#ifndef JOBBSPAR_SYNTH_DIRTY_H
#define JOBBSPAR_SYNTH_DIRTY_H

#include "synth_ids.h"

#include <stddef.h>

/* One planned bad row. */
struct synth_bad {
	const char *file;     /* contract file name */
	const char *column;   /* column changed ("" for a ragged row) */
	const char *value;    /* new value; "@luhn" breaks the check digit of the
				 valid value, "@ragged" drops the last field,
				 "@copy" repeats the valid row as it is */
	const char *reason;
};

/* The built-in list (static) and its length. */
const struct synth_bad *synth_dirty_list(size_t *n);

/* Inserts the bad rows into the files in DIR (which must hold the clean
 * files, one record a line, no quoted fields) and writes DIR/dirty.tsv.
 * IDS gives fresh valid identity numbers for rows that must not repeat a
 * person; SEED seeds their draw. Returns 0 or -1 with a message. */
int synth_dirty_apply(const char *dir, struct synth_ids *ids, unsigned long seed);

#endif
