#include "winsor.h"

#include <math.h>

/* d_i = (w_i - 1)(y_i - mu_i): how far the w_i - 1 units that unit i
 * stands for exceed their stratum mean if they all had its value. */
static double excess(double y, double w, double mu)
{
	return w > 1 ? (w - 1) * (y - mu) : 0;
}

double winsor_kb_constant(size_t n, const double *y, const double *w, const double *mu)
{
	double sw = 0, swy = 0;
	for (size_t i = 0; i < n; i++) {
		if (!isfinite(y[i]) || !isfinite(w[i]) || w[i] < 0 || (mu && !isfinite(mu[i])))
			return NAN;
		sw += w[i];
		swy += w[i] * y[i];
	}
	if (!(sw > 0))
		return 0;
	double mbar = swy / sw;
	/* Newton on f(L) = L - sum (d_i - L)+, concave and increasing: from
	 * L = 0 (f <= 0) the steps rise monotonically to the root, and each
	 * step that does not end it drops at least one d_i from the set
	 * above L, so at most n + 1 steps. The root on a set of k values is
	 * S_k / (k + 1); the loop ends when that set no longer changes. */
	double L = 0;
	for (size_t it = 0; it <= n + 1; it++) {
		double S = 0;
		size_t k = 0;
		for (size_t i = 0; i < n; i++) {
			double d = excess(y[i], w[i], mu ? mu[i] : mbar);
			if (d > L) {
				S += d;
				k++;
			}
		}
		double next = S / (double)(k + 1);
		if (!(next > L))
			break;
		L = next;
	}
	return L;
}

double winsor_cutoff(double L, double w, double mu)
{
	return w > 1 ? mu + L / (w - 1) : INFINITY;
}

double winsor_value(double y, double w, double K)
{
	return w > 1 && y > K ? K + (y - K) / w : y;
}

int winsor_kb(size_t n, const double *y, const double *w, const double *mu, double *out,
	      double *L_out)
{
	double L = winsor_kb_constant(n, y, w, mu);
	if (L_out)
		*L_out = L;
	if (isnan(L))
		return -1;
	double mbar = 0;
	if (!mu) {
		double sw = 0, swy = 0;
		for (size_t i = 0; i < n; i++) {
			sw += w[i];
			swy += w[i] * y[i];
		}
		mbar = sw > 0 ? swy / sw : 0;
	}
	for (size_t i = 0; i < n; i++)
		out[i] = winsor_value(y[i], w[i], winsor_cutoff(L, w[i], mu ? mu[i] : mbar));
	return 0;
}

size_t winsor_cap(size_t n, const double *y, const double *size, double c, double *out,
		  unsigned char *capped)
{
	if (!(isfinite(c) && c > 0))
		return (size_t)-1;
	size_t ncapped = 0;
	for (size_t i = 0; i < n; i++) {
		double bound = c * size[i];
		int lower = size[i] >= 0 && y[i] > bound;  /* false for NaN size */
		out[i] = lower ? bound : y[i];
		if (capped)
			capped[i] = (unsigned char)lower;
		ncapped += (size_t)lower;
	}
	return ncapped;
}
