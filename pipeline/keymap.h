/* keymap: a set of byte-string keys, each with a 32-bit value, stored as
 * 96 bits of a SipHash-2-4 128-bit digest (libsodium, fixed public key):
 * 16 bytes per key whatever the key's length, so uniqueness checks and joins
 * at ingest cost memory per group or person, never per byte of input. Two
 * different keys collide with probability about n^2 / 2^97: for the 7.6
 * million ads of a national run about 4e-16, negligible.
 * The table is kept at most 70 % full and grows by half when it fills. */
#ifndef JOBBSPAR_KEYMAP_H
#define JOBBSPAR_KEYMAP_H

#include <stddef.h>
#include <stdint.h>

struct keymap;

/* Values (line numbers, indexes) are kept in 32 bits: a value at or above
 * KEYMAP_VALUE_MAX comes back as KEYMAP_VALUE_MAX. */
#define KEYMAP_VALUE_MAX UINT32_MAX

/* A new empty map (caller frees with keymap_free). */
struct keymap *keymap_new(void);
void keymap_free(struct keymap *m);
/* Makes room for N keys in all, so that inserting up to N keys never
 * rehashes (a caller that can estimate its key count avoids holding the old
 * and the new table at once while growing). */
void keymap_reserve(struct keymap *m, size_t n);
/* Inserts KEY with VALUE if absent and returns 1; if present returns 0 and
 * writes the stored value to *existing (may be NULL). */
int keymap_insert(struct keymap *m, const void *key, size_t len, uint64_t value,
		  uint64_t *existing);
/* Looks KEY up: 1 and *value if present, else 0. */
int keymap_get(const struct keymap *m, const void *key, size_t len, uint64_t *value);
size_t keymap_count(const struct keymap *m);

/* The same in two steps, for callers with work to do in between: a key's
 * digest, a hint to fetch its slot into the cache (the table of a national
 * file is far larger than the cache, so an insert is a wait on memory), and
 * the insert by digest. A resize between the steps is harmless. */
struct keymap_digest {
	uint32_t h[3];
};
void keymap_digest(const void *key, size_t len, struct keymap_digest *d);
void keymap_prefetch(const struct keymap *m, const struct keymap_digest *d);
int keymap_insert_digest(struct keymap *m, const struct keymap_digest *d, uint64_t value,
			 uint64_t *existing);

#endif
