/* synth_rng: seeded random-number streams for the synthetic-data generator.
 *
 * Every (purpose, municipality) pair gets its own mt19937 stream whose seed is
 * a hash of the run seed, the purpose and the municipality code. A
 * municipality's data therefore do not depend on which other municipalities
 * are generated in the same run, nor on the order of the files. */
#ifndef JOBBSPAR_SYNTH_RNG_H
#define JOBBSPAR_SYNTH_RNG_H

#include <gsl/gsl_rng.h>
#include <stddef.h>
#include <stdint.h>

/* 64-bit hash of SEED, PURPOSE and KEY (either may be NULL): FNV-1a over the
 * bytes, finished with splitmix64. */
uint64_t synth_hash(unsigned long seed, const char *purpose, const char *key);

/* A new mt19937 generator seeded from synth_hash (32 bits used, as GSL's
 * mt19937 takes). Caller frees with gsl_rng_free. Exits with a message if
 * GSL cannot allocate. */
gsl_rng *synth_stream(unsigned long seed, const char *purpose, const char *key);

/* Index drawn with probability W[i] / sum(W) (W >= 0, sum > 0; returns N-1
 * when the sum is 0). Linear scan: meant for short lists. */
size_t synth_pick(gsl_rng *r, const double *w, size_t n);

/* Cumulative-weights sampler for longer lists (binary search). */
struct synth_cdf {
	double *cum;  /* owned */
	size_t n;
};
/* Builds the cumulative sums of W (borrowed). Returns 0, or -1 if no weight
 * is positive. Free with synth_cdf_free. */
int synth_cdf_init(struct synth_cdf *c, const double *w, size_t n);
size_t synth_cdf_draw(const struct synth_cdf *c, gsl_rng *r);
void synth_cdf_free(struct synth_cdf *c);

/* logistic(x) = 1 / (1 + exp(-x)) */
double synth_logistic(double x);

#endif
