/* closest: "did you mean" for a missing column. The reader of a header
 * (ingest's CSV files, import's SCB tables and its --sampled file) names
 * every column it requires but cannot find, each with the closest name the
 * header does have, so one message says everything to fix. */
#ifndef JOBBSPAR_CLOSEST_H
#define JOBBSPAR_CLOSEST_H

#include <stddef.h>

/* The name among CANDIDATES[0..n) closest to the required column NAME: the
 * smallest edit distance (bytes) after folding case and taking ' ', '-' and
 * '.' as '_', when it is at most a third of the longer name (at least 2),
 * or when the candidate is NAME followed by '_' and more ("kommun_kod");
 * ties go to the first; names longer than 64 bytes are never close.
 * Returns its index, or -1 when none is close. Everything is borrowed. */
long closest_column(const char *name, const char *const *candidates, size_t n);

/* Levenshtein distance of A and B in bytes (insertions, deletions and
 * substitutions each cost 1). Also the schema's "did you mean" for keys.
 * A and B borrowed. */
size_t closest_edit_distance(const char *a, const char *b);

#endif
