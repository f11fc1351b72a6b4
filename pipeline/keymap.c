#include "keymap.h"
#include "msg.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* 16 bytes: 96 bits of the digest and a 32-bit value, four slots to a
 * cache line. An all-zero digest marks an empty slot. */
struct slot {
	uint32_t h[3];
	uint32_t value;
};

struct keymap {
	struct slot *slot;
	size_t cap;     /* any size >= MIN_CAP; index by multiply-shift */
	size_t count;
	size_t limit;   /* grow when count reaches this (load LOAD_NUM/LOAD_DEN) */
	int mapped;     /* slot came from mmap (large tables) */
};

enum { MIN_CAP = 1024, LOAD_NUM = 7, LOAD_DEN = 10 };
/* tables at least this big are mmap'ed with transparent huge pages advised:
 * a national uniqueness table is hundreds of MB probed at random, and with
 * 4 KiB pages nearly every probe is a TLB miss as well as a cache miss */
#define MAP_THRESHOLD ((size_t)32 << 20)

static const unsigned char digest_key[crypto_shorthash_siphashx24_KEYBYTES] = "jobbspar-keymap";

static void digest(const void *key, size_t len, uint32_t h[3])
{
	unsigned char out[crypto_shorthash_siphashx24_BYTES];
	crypto_shorthash_siphashx24(out, key, len, digest_key);
	memcpy(h, out, 3 * sizeof *h);
	if (h[0] == 0 && h[1] == 0 && h[2] == 0)
		h[2] = 1;
}

static int is_empty(const struct slot *s)
{
	return s->h[0] == 0 && s->h[1] == 0 && s->h[2] == 0;
}

static int same(const struct slot *s, const uint32_t h[3])
{
	return s->h[0] == h[0] && s->h[1] == h[1] && s->h[2] == h[2];
}

static uint32_t narrow(uint64_t value)
{
	return value < KEYMAP_VALUE_MAX ? (uint32_t)value : KEYMAP_VALUE_MAX;
}

static struct slot *alloc_slots(size_t cap, int *mapped)
{
	size_t bytes = cap * sizeof(struct slot);
	*mapped = 0;
	if (bytes >= MAP_THRESHOLD) {
		void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p != MAP_FAILED) {
#ifdef MADV_HUGEPAGE
			(void)madvise(p, bytes, MADV_HUGEPAGE); /* advice only */
#endif
			*mapped = 1;
			return p; /* anonymous pages are zero */
		}
	}
	return ecalloc(cap, sizeof(struct slot));
}

static void free_slots(struct slot *s, size_t cap, int mapped)
{
	if (mapped)
		munmap(s, cap * sizeof(struct slot));
	else
		free(s);
}

static void set_cap(struct keymap *m, size_t cap)
{
	if (cap < MIN_CAP)
		cap = MIN_CAP;
	if (cap > (size_t)UINT32_MAX)
		msg_die(1, "out of memory: more than %lu keys in one table",
			(unsigned long)(UINT32_MAX / LOAD_DEN * LOAD_NUM));
	m->slot = alloc_slots(cap, &m->mapped);
	m->cap = cap;
	m->limit = cap / LOAD_DEN * LOAD_NUM;
}

struct keymap *keymap_new(void)
{
	struct keymap *m = ecalloc(1, sizeof *m);
	set_cap(m, MIN_CAP);
	return m;
}

void keymap_free(struct keymap *m)
{
	if (!m)
		return;
	free_slots(m->slot, m->cap, m->mapped);
	free(m);
}

/* Home slot of a digest: the top 32 bits scaled to [0, cap) (Lemire's
 * multiply-shift, so the capacity need not be a power of two). */
static size_t home(const struct keymap *m, const uint32_t h[3])
{
	return (size_t)(((uint64_t)h[0] * (uint64_t)m->cap) >> 32);
}

static struct slot *find(const struct keymap *m, const uint32_t h[3])
{
	size_t i = home(m, h);
	while (1) {
		struct slot *s = &m->slot[i];
		if (is_empty(s) || same(s, h))
			return s;
		if (++i == m->cap)
			i = 0;
	}
}

static void resize(struct keymap *m, size_t cap)
{
	struct slot *old = m->slot;
	size_t oldcap = m->cap;
	int oldmapped = m->mapped;
	set_cap(m, cap);
	for (size_t i = 0; i < oldcap; i++)
		if (!is_empty(&old[i]))
			*find(m, old[i].h) = old[i];
	free_slots(old, oldcap, oldmapped);
}

void keymap_reserve(struct keymap *m, size_t n)
{
	if (n <= m->limit)
		return;
	resize(m, n / LOAD_NUM * LOAD_DEN + LOAD_DEN);
}

void keymap_digest(const void *key, size_t len, struct keymap_digest *d)
{
	digest(key, len, d->h);
}

void keymap_prefetch(const struct keymap *m, const struct keymap_digest *d)
{
#if defined(__GNUC__) || defined(__clang__)
	__builtin_prefetch(&m->slot[home(m, d->h)], 1);
#else
	(void)m;
	(void)d;
#endif
}

int keymap_insert_digest(struct keymap *m, const struct keymap_digest *d, uint64_t value,
			 uint64_t *existing)
{
	if (m->count + 1 > m->limit)
		resize(m, m->cap + m->cap / 2);
	struct slot *s = find(m, d->h);
	if (!is_empty(s)) {
		if (existing)
			*existing = s->value;
		return 0;
	}
	memcpy(s->h, d->h, sizeof s->h);
	s->value = narrow(value);
	m->count++;
	return 1;
}

int keymap_insert(struct keymap *m, const void *key, size_t len, uint64_t value,
		  uint64_t *existing)
{
	struct keymap_digest d;
	digest(key, len, d.h);
	return keymap_insert_digest(m, &d, value, existing);
}

int keymap_get(const struct keymap *m, const void *key, size_t len, uint64_t *value)
{
	uint32_t h[3];
	digest(key, len, h);
	const struct slot *s = find(m, h);
	if (is_empty(s))
		return 0;
	if (value)
		*value = s->value;
	return 1;
}

size_t keymap_count(const struct keymap *m) { return m->count; }
