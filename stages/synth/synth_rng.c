#include "synth_rng.h"
#include "msg.h"

#include <math.h>
#include <stdlib.h>

uint64_t synth_hash(unsigned long seed, const char *purpose, const char *key)
{
	uint64_t h = 14695981039346656037ULL;
	const char *parts[2] = {purpose, key};
	for (int p = 0; p < 2; p++) {
		for (const unsigned char *s = (const unsigned char *)parts[p]; s && *s; s++) {
			h ^= *s;
			h *= 1099511628211ULL;
		}
		h ^= 0xff; /* separator, so ("ab","c") differs from ("a","bc") */
		h *= 1099511628211ULL;
	}
	uint64_t z = h + (uint64_t)seed * 0x9E3779B97F4A7C15ULL;
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

gsl_rng *synth_stream(unsigned long seed, const char *purpose, const char *key)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	if (!r)
		msg_die(EXIT_DATA, "cannot allocate a random-number generator");
	gsl_rng_set(r, (unsigned long)(synth_hash(seed, purpose, key) & 0xffffffffUL));
	return r;
}

size_t synth_pick(gsl_rng *r, const double *w, size_t n)
{
	double sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += w[i];
	double u = gsl_rng_uniform(r) * sum;
	for (size_t i = 0; i < n; i++) {
		if (u < w[i])
			return i;
		u -= w[i];
	}
	/* rounding can leave u just above the last weight: take the last positive one */
	for (size_t i = n; i-- > 0;)
		if (w[i] > 0)
			return i;
	return n - 1;
}

int synth_cdf_init(struct synth_cdf *c, const double *w, size_t n)
{
	c->cum = emalloc((n ? n : 1) * sizeof *c->cum);
	c->n = n;
	double s = 0;
	for (size_t i = 0; i < n; i++) {
		s += w[i] > 0 ? w[i] : 0;
		c->cum[i] = s;
	}
	return s > 0 ? 0 : -1;
}

size_t synth_cdf_draw(const struct synth_cdf *c, gsl_rng *r)
{
	double u = gsl_rng_uniform(r) * c->cum[c->n - 1];
	size_t lo = 0, hi = c->n - 1;
	while (lo < hi) { /* first i with cum[i] > u */
		size_t mid = lo + (hi - lo) / 2;
		if (c->cum[mid] > u)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

void synth_cdf_free(struct synth_cdf *c)
{
	free(c->cum);
	c->cum = NULL;
	c->n = 0;
}

double synth_logistic(double x)
{
	return 1.0 / (1.0 + exp(-x));
}
