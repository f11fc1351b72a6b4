#include "keymap.h"
#include "msg.h"

#include <sodium.h>
#include <string.h>

struct slot {
	uint64_t h[2];  /* digest; h[0] == 0 && h[1] == 0 marks an empty slot */
	uint64_t value;
};

struct keymap {
	struct slot *slot;
	size_t cap;     /* power of two */
	size_t count;
};

static const unsigned char digest_key[crypto_shorthash_siphashx24_KEYBYTES] = "jobbspar-keymap";

static void digest(const void *key, size_t len, uint64_t h[2])
{
	unsigned char out[crypto_shorthash_siphashx24_BYTES];
	crypto_shorthash_siphashx24(out, key, len, digest_key);
	memcpy(h, out, sizeof out);
	if (h[0] == 0 && h[1] == 0)
		h[1] = 1;
}

struct keymap *keymap_new(void)
{
	struct keymap *m = ecalloc(1, sizeof *m);
	m->cap = 1024;
	m->slot = ecalloc(m->cap, sizeof *m->slot);
	return m;
}

void keymap_free(struct keymap *m)
{
	if (!m)
		return;
	free(m->slot);
	free(m);
}

static struct slot *find(const struct keymap *m, const uint64_t h[2])
{
	size_t mask = m->cap - 1;
	size_t i = (size_t)h[0] & mask;
	while (1) {
		struct slot *s = &m->slot[i];
		if ((s->h[0] == 0 && s->h[1] == 0) || (s->h[0] == h[0] && s->h[1] == h[1]))
			return s;
		i = (i + 1) & mask;
	}
}

static void grow(struct keymap *m)
{
	struct slot *old = m->slot;
	size_t oldcap = m->cap;
	m->cap *= 2;
	m->slot = ecalloc(m->cap, sizeof *m->slot);
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].h[0] || old[i].h[1])
			*find(m, old[i].h) = old[i];
	free(old);
}

int keymap_insert(struct keymap *m, const void *key, size_t len, uint64_t value,
		  uint64_t *existing)
{
	uint64_t h[2];
	digest(key, len, h);
	if (2 * (m->count + 1) > m->cap)
		grow(m);
	struct slot *s = find(m, h);
	if (s->h[0] || s->h[1]) {
		if (existing)
			*existing = s->value;
		return 0;
	}
	s->h[0] = h[0];
	s->h[1] = h[1];
	s->value = value;
	m->count++;
	return 1;
}

int keymap_get(const struct keymap *m, const void *key, size_t len, uint64_t *value)
{
	uint64_t h[2];
	digest(key, len, h);
	const struct slot *s = find(m, h);
	if (!s->h[0] && !s->h[1])
		return 0;
	if (value)
		*value = s->value;
	return 1;
}

size_t keymap_count(const struct keymap *m) { return m->count; }
