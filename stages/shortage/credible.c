#include "credible.h"

#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_vector.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

double cred_normal_tau2(size_t n, const double *y, const double *v, const double *m,
			const double *mv, const unsigned char *use, double floor)
{
	double sum = 0;
	size_t used = 0;
	for (size_t i = 0; i < n; i++) {
		if (use && !use[i])
			continue;
		double d = y[i] - m[i];
		sum += d * d - v[i] - (mv ? mv[i] : 0);
		used++;
	}
	if (used == 0)
		return floor;
	double t = sum / (double)used;
	return t > floor ? t : floor;
}

void cred_normal_posterior(int has_y, double y, double v, double m, double mv, double tau2,
			   double *mean, double *var)
{
	double pv = tau2 + mv;
	if (!has_y) {
		*mean = m;
		*var = pv;
		return;
	}
	*mean = (y * pv + m * v) / (pv + v);
	*var = pv * v / (pv + v);
}

void cred_normal_two_level(size_t n, double g, const double *yo, const double *vo,
			   const unsigned char *useo, const double *y, const double *v,
			   const unsigned char *use, double floor, double *m, double *mv, double *pm,
			   double *pv)
{
	for (size_t i = 0; i < n; i++) {
		m[i] = g;
		mv[i] = 0;
	}
	if (yo) {
		double t1 = cred_normal_tau2(n, yo, vo, m, NULL, useo, floor);
		for (size_t i = 0; i < n; i++)
			cred_normal_posterior(useo[i], yo[i], vo[i], g, 0, t1, &m[i], &mv[i]);
	}
	double t2 = cred_normal_tau2(n, y, v, m, mv, use, floor);
	for (size_t i = 0; i < n; i++)
		cred_normal_posterior(use[i], y[i], v[i], m[i], mv[i], t2, &pm[i], &pv[i]);
}

void cred_standardize(size_t n, const double *y, const double *w, const unsigned char *use,
		      double *mean, double *sd)
{
	double sw = 0, swy = 0;
	size_t used = 0;
	for (size_t i = 0; i < n; i++) {
		if (use && !use[i])
			continue;
		sw += w[i];
		swy += w[i] * y[i];
		used++;
	}
	if (used == 0 || !(sw > 0)) {
		*mean = NAN;
		*sd = 0;
		return;
	}
	double mu = swy / sw, ss = 0;
	for (size_t i = 0; i < n; i++) {
		if (use && !use[i])
			continue;
		double d = y[i] - mu;
		ss += w[i] * d * d;
	}
	*mean = mu;
	*sd = used >= 2 ? sqrt(ss / sw) : 0;
}

int cred_loadings(size_t n, size_t k, const double *Z, const double *V, const unsigned char *use,
		  size_t min_units, double tau2_floor, double fallback_tau2, double *l, double *tau2)
{
	size_t used = 0;
	for (size_t i = 0; i < n; i++)
		used += !use || use[i];
	for (size_t j = 0; j < k; j++) {
		l[j] = 1;
		tau2[j] = fallback_tau2;
	}
	if (k == 0 || k > CRED_NIND || used < min_units || used < 3)
		return 1;
	double mean[CRED_NIND] = { 0 };
	for (size_t i = 0; i < n; i++)
		if (!use || use[i])
			for (size_t j = 0; j < k; j++)
				mean[j] += Z[i * k + j];
	for (size_t j = 0; j < k; j++)
		mean[j] /= (double)used;
	gsl_matrix *C = gsl_matrix_calloc(k, k);
	for (size_t i = 0; i < n; i++) {
		if (use && !use[i])
			continue;
		for (size_t a = 0; a < k; a++)
			for (size_t b = 0; b < k; b++)
				*gsl_matrix_ptr(C, a, b) += (Z[i * k + a] - mean[a]) * (Z[i * k + b] - mean[b]);
	}
	gsl_matrix_scale(C, 1.0 / (double)(used - 1));
	double diag[CRED_NIND];
	for (size_t j = 0; j < k; j++)
		diag[j] = gsl_matrix_get(C, j, j);
	gsl_vector *eval = gsl_vector_alloc(k);
	gsl_matrix *evec = gsl_matrix_alloc(k, k);
	gsl_eigen_symmv_workspace *ws = gsl_eigen_symmv_alloc(k);
	int st = gsl_eigen_symmv(C, eval, evec, ws);
	int rc = 1;
	if (st == GSL_SUCCESS) {
		gsl_eigen_symmv_sort(eval, evec, GSL_EIGEN_SORT_VAL_DESC);
		double lambda = gsl_vector_get(eval, 0), trace = 0;
		for (size_t j = 0; j < k; j++)
			trace += diag[j];
		/* constant indicators: an eigenvalue of rounding noise is no factor */
		if (lambda > 1e-12 * trace && lambda > 0) {
			double *col = malloc(used * sizeof *col);
			for (size_t j = 0; j < k && col; j++) {
				l[j] = fabs(gsl_matrix_get(evec, j, 0)) * sqrt(lambda);
				size_t c = 0;
				for (size_t i = 0; i < n; i++)
					if (!use || use[i])
						col[c++] = V[i * k + j];
				gsl_sort(col, 1, c);
				double med = gsl_stats_median_from_sorted_data(col, 1, c);
				double t = diag[j] - l[j] * l[j] - med;
				tau2[j] = t > tau2_floor ? t : tau2_floor;
			}
			rc = col ? 0 : 1;
			free(col);
			if (rc)
				for (size_t j = 0; j < k; j++) {
					l[j] = 1;
					tau2[j] = fallback_tau2;
				}
		}
	}
	gsl_eigen_symmv_free(ws);
	gsl_matrix_free(evec);
	gsl_vector_free(eval);
	gsl_matrix_free(C);
	return rc;
}

size_t cred_composite(size_t k, const double *z, const double *v, const unsigned char *avail,
		      const double *l, const double *tau2, double *S, double *var)
{
	double P = 1, num = 0;
	size_t used = 0;
	for (size_t j = 0; j < k; j++) {
		if (!avail[j] || !isfinite(z[j]) || !(v[j] >= 0))
			continue;
		double d = tau2[j] + v[j];
		num += l[j] * z[j] / d;
		P += l[j] * l[j] / d;
		used++;
	}
	*S = num / P;
	*var = 1 / P;
	return used;
}

static size_t small_in_head(size_t n, const size_t *order, const double *size, double min_size,
			    size_t head)
{
	size_t c = 0;
	for (size_t p = 0; p < n && p < head; p++)
		c += !(size[order[p]] >= min_size);
	return c;
}

size_t cred_rank_head(size_t n, size_t *order, const double *size, double min_size, size_t head)
{
	size_t before = small_in_head(n, order, size, min_size, head);
	for (size_t p = 0; p < n && p < head; p++) {
		size_t j = p;
		while (j < n && !(size[order[j]] >= min_size))
			j++;
		if (j == n)
			break;
		if (j > p) {
			/* the small units between p and j step down one place */
			size_t u = order[j];
			memmove(&order[p + 1], &order[p], (j - p) * sizeof *order);
			order[p] = u;
		}
	}
	return before - small_in_head(n, order, size, min_size, head);
}
