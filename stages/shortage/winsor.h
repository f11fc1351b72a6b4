/* winsor: one-sided (type II) winsorisation of weighted survey values, so
 * that one workplace with a large value and a large weight cannot dominate
 * an expansion total (Chambers 1986, JASA 81:1063; Kokic & Bell 1994,
 * J. Official Statistics 10:419).
 *
 * Type II winsorisation of a value y with weight w at cutoff K:
 *   y* = y                      if y <= K,
 *   y* = K + (y - K) / w        if y > K,
 * so w y* = y + (w - 1) K: the unit represents itself fully and the w - 1
 * units it stands for only up to K.
 *
 * Cutoffs (Kokic & Bell 1994): the cutoffs minimising the mean squared
 * error of the winsorised stratified expansion estimator are
 *   K_h = mu_h + L / (w_h - 1),
 * with mu_h the stratum mean and L = minus the bias of the winsorised
 * total, i.e. the solution of L = sum_h (N_h - n_h) E_h (Y - K_h)+. Per
 * unit (K_i = mu_i + L/(w_i - 1), the form used with unit-level weights)
 * and with the sample as the estimate of each E_h (N_h - n_h = n_h (w_h-1)):
 *   L = sum_i (w_i - 1) (y_i - K_i)+ = sum_i (d_i - L)+,
 *   d_i = (w_i - 1) (y_i - mu_i)   (0 for w_i <= 1).
 * The right side falls from sum_i (d_i)+ at L = 0 at slope -1 or steeper,
 * so there is exactly one root L >= 0; it is S_k / (k + 1) with S_k the sum
 * of the k values d_i above it, found exactly by Newton steps from L = 0.
 * L is common to all strata of the estimate: compute it once over all units
 * of the domain, each with its own stratum mean mu_i.
 *
 * What the rule guarantees (w >= 0 and finite values):
 * - values y <= K are unchanged; units with w <= 1 are never changed
 *   (K = +infinity: a unit that represents only itself);
 * - K <= y* <= y when y > K, and y* is continuous and nondecreasing in y;
 * - when L is estimated from the same units (winsor_kb), the winsorised
 *   total is exactly the plain total minus L: never above it, and the
 *   reduction L is the estimated bias the rule accepts.
 * Kokic & Bell estimate the distribution of Y from data independent of the
 * sample (e.g. an earlier round); the plug-in estimate from the sample
 * itself shrinks more the smaller the sample, so L should be computed over
 * a whole domain, not a thin group. winsor_kb_constant accepts any units
 * (e.g. an earlier round's), winsor_cutoff then applies L to the current.
 *
 * winsor_cap is the simpler fallback: a hard bound from the frame
 * (planned hires cannot exceed c times the workplace's employees).
 *
 * No function prints or allocates. */
#ifndef JOBBSPAR_SHORTAGE_WINSOR_H
#define JOBBSPAR_SHORTAGE_WINSOR_H

#include <stddef.h>

/* Kokic-Bell constant L >= 0 (see above) for N units: values Y, weights W
 * and stratum means MU (all borrowed, read only; MU NULL: every mu_i is
 * the weighted mean sum w y / sum w of the N units). Returns NaN if a
 * value, weight or mean is not finite or a weight is negative; 0 when
 * N = 0 or no unit with w > 1 lies above its mean. */
double winsor_kb_constant(size_t n, const double *y, const double *w, const double *mu);

/* Cutoff of a unit of weight W in a stratum with mean MU: MU + L/(W - 1);
 * INFINITY when W <= 1. */
double winsor_cutoff(double L, double w, double mu);

/* The winsorised value of Y with weight W at cutoff K: K + (Y - K)/W when
 * Y > K and W > 1, else Y. */
double winsor_value(double y, double w, double K);

/* All of the above over N units: L from Y, W, MU (as winsor_kb_constant;
 * borrowed), then OUT[i] = winsor_value(y_i, w_i, winsor_cutoff(L, w_i,
 * mu_i)). OUT is the caller's array of N doubles and may be Y itself.
 * Writes L to *L_OUT if not NULL. Returns 0, or -1 (OUT untouched, *L_OUT
 * NaN) on invalid input. */
int winsor_kb(size_t n, const double *y, const double *w, const double *mu, double *out,
	      double *L_out);

/* Fallback: caps each Y[i] at C * SIZE[i] (e.g. SIZE = employees, C = 1:
 * planned hires cannot exceed the workplace's size). OUT (N doubles, may be
 * Y) gets min(y_i, C size_i); a unit whose SIZE is NaN or negative (unknown)
 * is copied unchanged. CAPPED (N bytes, may be NULL) gets 1 where the value
 * was lowered, else 0. Y, SIZE borrowed. Returns the number capped, or
 * (size_t)-1 (nothing written) unless C is finite and > 0. */
size_t winsor_cap(size_t n, const double *y, const double *size, double c, double *out,
		  unsigned char *capped);

#endif
