/* keymap: a set of byte-string keys, each with a 64-bit value, stored as
 * 128-bit SipHash digests (libsodium, fixed public key): 24 bytes per key
 * whatever the key's length, so uniqueness checks and joins at ingest cost
 * memory per group or person, never per byte of input. Two different keys
 * collide with probability about n^2 / 2^129: negligible at national scale. */
#ifndef JOBBSPAR_KEYMAP_H
#define JOBBSPAR_KEYMAP_H

#include <stddef.h>
#include <stdint.h>

struct keymap;

/* A new empty map (caller frees with keymap_free). */
struct keymap *keymap_new(void);
void keymap_free(struct keymap *m);
/* Inserts KEY with VALUE if absent and returns 1; if present returns 0 and
 * writes the stored value to *existing (may be NULL). */
int keymap_insert(struct keymap *m, const void *key, size_t len, uint64_t value,
		  uint64_t *existing);
/* Looks KEY up: 1 and *value if present, else 0. */
int keymap_get(const struct keymap *m, const void *key, size_t len, uint64_t *value);
size_t keymap_count(const struct keymap *m);

#endif
