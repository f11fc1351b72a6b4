#include "fayherriot.h"
#include "msg.h"

#include <float.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { REML_MAX_ITER = 100, BISECT_MAX_ITER = 200, BRACKET_MAX_DOUBLINGS = 1100 };
#define REML_TOL 1e-10
#define BISECT_TOL 1e-14
#define RCOND_MIN (64 * DBL_EPSILON)

/* Scratch for one evaluation at a given A. All matrices are views on one
 * emalloc'd block so that nothing can fail on allocation except by exiting
 * (the project's rule for running out of memory). */
struct fh_ws {
	size_t m, p;
	const double *y, *psi, *X;
	double *block;
	gsl_matrix_view L, Minv, S2, S3, C2;
	gsl_vector_view rhs, beta, work;
	double *w, *r;
};

static void ws_init(struct fh_ws *ws, size_t m, size_t p, const double *y, const double *psi,
		    const double *X)
{
	ws->m = m;
	ws->p = p;
	ws->y = y;
	ws->psi = psi;
	ws->X = X;
	size_t pp = p * p;
	ws->block = emalloc((5 * pp + 5 * p + 2 * m) * sizeof *ws->block);
	double *b = ws->block;
	ws->L = gsl_matrix_view_array(b, p, p);
	ws->Minv = gsl_matrix_view_array(b + pp, p, p);
	ws->S2 = gsl_matrix_view_array(b + 2 * pp, p, p);
	ws->S3 = gsl_matrix_view_array(b + 3 * pp, p, p);
	ws->C2 = gsl_matrix_view_array(b + 4 * pp, p, p);
	b += 5 * pp;
	ws->rhs = gsl_vector_view_array(b, p);
	ws->beta = gsl_vector_view_array(b + p, p);
	ws->work = gsl_vector_view_array(b + 2 * p, 3 * p);  /* for cholesky_rcond */
	ws->w = b + 5 * p;
	ws->r = b + 5 * p + m;
}

/* At A: weights w_i = 1/(A + psi_i), the Cholesky factor of X'WX in L,
 * beta~ and the residuals y - X beta~. Returns 0, or -1 when X'WX is not
 * (numerically) positive definite. */
static int gls_at(struct fh_ws *ws, double A)
{
	size_t m = ws->m, p = ws->p;
	gsl_matrix *L = &ws->L.matrix;
	gsl_vector *rhs = &ws->rhs.vector, *beta = &ws->beta.vector;
	gsl_matrix_set_zero(L);
	gsl_vector_set_zero(rhs);
	for (size_t i = 0; i < m; i++) {
		const double *xi = ws->X + i * p;
		double w = 1 / (A + ws->psi[i]);
		ws->w[i] = w;
		for (size_t a = 0; a < p; a++) {
			*gsl_vector_ptr(rhs, a) += w * xi[a] * ws->y[i];
			for (size_t b = 0; b <= a; b++)
				*gsl_matrix_ptr(L, a, b) += w * xi[a] * xi[b];
		}
	}
	for (size_t a = 0; a < p; a++)
		for (size_t b = 0; b < a; b++)
			gsl_matrix_set(L, b, a, gsl_matrix_get(L, a, b));
	double rcond;
	if (gsl_linalg_cholesky_decomp1(L) != GSL_SUCCESS
	    || gsl_linalg_cholesky_rcond(L, &rcond, &ws->work.vector) != GSL_SUCCESS
	    || !(rcond >= RCOND_MIN)
	    || gsl_linalg_cholesky_solve(L, rhs, beta) != GSL_SUCCESS)
		return -1;
	for (size_t i = 0; i < m; i++) {
		double fit = 0;
		for (size_t a = 0; a < p; a++)
			fit += ws->X[i * p + a] * gsl_vector_get(beta, a);
		ws->r[i] = ws->y[i] - fit;
	}
	return 0;
}

/* Q = (X'WX)^-1 into Minv from the factor left in L by gls_at. */
static int invert_at(struct fh_ws *ws)
{
	gsl_matrix_memcpy(&ws->Minv.matrix, &ws->L.matrix);
	return gsl_linalg_cholesky_invert(&ws->Minv.matrix) == GSL_SUCCESS ? 0 : -1;
}

/* The REML Fisher-scoring step s(A)/I(A) at A (Rao & Molina 2015, sec.
 * 6.1.2): with P = V^-1 - V^-1 X Q X' V^-1, the score is
 * s = -tr(P)/2 + y'P P y/2 and the information I = tr(P P)/2. For diagonal
 * V the m x m traces reduce to p x p ones (W = V^-1, C2 = Q X'W^2X):
 *   tr P = sum w - tr C2,   tr PP = sum w^2 - 2 tr(Q X'W^3X) + tr(C2 C2),
 * and P y = W (y - X beta~). */
static int reml_step(struct fh_ws *ws, double A, double *step)
{
	size_t m = ws->m, p = ws->p;
	if (gls_at(ws, A) != 0 || invert_at(ws) != 0)
		return -1;
	gsl_matrix *S2 = &ws->S2.matrix, *S3 = &ws->S3.matrix, *C2 = &ws->C2.matrix;
	gsl_matrix *Q = &ws->Minv.matrix;
	gsl_matrix_set_zero(S2);
	gsl_matrix_set_zero(S3);
	double sw = 0, sw2 = 0, ypy = 0;
	for (size_t i = 0; i < m; i++) {
		const double *xi = ws->X + i * p;
		double w = ws->w[i], w2 = w * w, w3 = w2 * w, pyi = w * ws->r[i];
		sw += w;
		sw2 += w2;
		ypy += pyi * pyi;
		for (size_t a = 0; a < p; a++)
			for (size_t b = 0; b < p; b++) {
				*gsl_matrix_ptr(S2, a, b) += w2 * xi[a] * xi[b];
				*gsl_matrix_ptr(S3, a, b) += w3 * xi[a] * xi[b];
			}
	}
	gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, Q, S2, 0.0, C2);
	double tr_c2 = 0, tr_c2c2 = 0, tr_qs3 = 0;
	for (size_t a = 0; a < p; a++) {
		tr_c2 += gsl_matrix_get(C2, a, a);
		for (size_t b = 0; b < p; b++) {
			tr_c2c2 += gsl_matrix_get(C2, a, b) * gsl_matrix_get(C2, b, a);
			tr_qs3 += gsl_matrix_get(Q, a, b) * gsl_matrix_get(S3, b, a);
		}
	}
	double tr_p = sw - tr_c2;
	double tr_pp = sw2 - 2 * tr_qs3 + tr_c2c2;
	if (!(tr_pp > 0) || !isfinite(ypy))
		return -1;
	*step = (ypy - tr_p) / tr_pp;
	return 0;
}

/* Left side minus right side of the Fay-Herriot moment equation at A:
 * sum w_i r_i^2 - (m - p), decreasing in A. NaN when X'WX is singular. */
static double moment_eq(struct fh_ws *ws, double A)
{
	if (gls_at(ws, A) != 0)
		return NAN;
	double s = 0;
	for (size_t i = 0; i < ws->m; i++)
		s += ws->w[i] * ws->r[i] * ws->r[i];
	return s - (double)(ws->m - ws->p);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median(const double *v, size_t n)
{
	double *s = emalloc(n * sizeof *s);
	memcpy(s, v, n * sizeof *s);
	qsort(s, n, sizeof *s, cmp_double);
	double med = n % 2 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
	free(s);
	return med;
}

static int fit_reml(struct fh_ws *ws, double scale, struct fh_fit *fit)
{
	double A = scale;
	for (int it = 1; it <= REML_MAX_ITER; it++) {
		double step;
		if (reml_step(ws, A, &step) != 0)
			return -1;
		double next = A + step > 0 ? A + step : 0;
		double moved = fabs(next - A);
		A = next;
		fit->iterations = it;
		/* relative to A + median psi rather than 1 + A so that the rule
		 * does not depend on the unit of y (shares vs counts) */
		if (moved < REML_TOL * (A + scale)) {
			fit->converged = 1;
			break;
		}
	}
	fit->A = A;
	return 0;
}

static int fit_moment(struct fh_ws *ws, double scale, struct fh_fit *fit)
{
	fit->converged = 1;
	double f0 = moment_eq(ws, 0);
	if (isnan(f0))
		return -1;
	if (f0 <= 0) {
		fit->A = 0;
		return 0;
	}
	double lo = 0, hi = scale, fhi;
	int doublings = 0;
	while ((fhi = moment_eq(ws, hi)) > 0) {
		if (++doublings > BRACKET_MAX_DOUBLINGS)
			return -1;
		lo = hi;
		hi *= 2;
	}
	if (isnan(fhi))
		return -1;
	for (int it = 1; it <= BISECT_MAX_ITER; it++) {
		double mid = 0.5 * (lo + hi);
		fit->iterations = it;
		if (mid <= lo || mid >= hi || hi - lo <= BISECT_TOL * (hi + scale))
			break;
		double f = moment_eq(ws, mid);
		if (isnan(f))
			return -1;
		if (f > 0)
			lo = mid;
		else
			hi = mid;
	}
	fit->A = 0.5 * (lo + hi);
	return 0;
}

int fh_fit(size_t m, size_t p, const double *y, const double *psi, const double *X,
	   enum fh_method method, struct fh_fit *fit)
{
	memset(fit, 0, sizeof *fit);
	if (p == 0 || m <= p)
		return -1;
	for (size_t i = 0; i < m; i++) {
		if (!isfinite(y[i]) || !isfinite(psi[i]) || !(psi[i] > 0))
			return -1;
		for (size_t a = 0; a < p; a++)
			if (!isfinite(X[i * p + a]))
				return -1;
	}
	fit->m = m;
	fit->p = p;
	fit->method = method;
	struct fh_ws ws;
	ws_init(&ws, m, p, y, psi, X);
	double scale = median(psi, m);
	int rc = method == FH_REML ? fit_reml(&ws, scale, fit) : fit_moment(&ws, scale, fit);
	if (rc == 0 && (gls_at(&ws, fit->A) != 0 || invert_at(&ws) != 0))
		rc = -1;
	if (rc != 0) {
		free(ws.block);
		memset(fit, 0, sizeof *fit);
		return -1;
	}
	fit->beta = emalloc(p * sizeof *fit->beta);
	fit->beta_cov = emalloc(p * p * sizeof *fit->beta_cov);
	for (size_t a = 0; a < p; a++) {
		fit->beta[a] = gsl_vector_get(&ws.beta.vector, a);
		for (size_t b = 0; b < p; b++)
			fit->beta_cov[a * p + b] = gsl_matrix_get(&ws.Minv.matrix, a, b);
	}
	double s1 = 0, s2 = 0;
	for (size_t i = 0; i < m; i++) {
		s1 += ws.w[i];
		s2 += ws.w[i] * ws.w[i];
	}
	if (method == FH_REML) {
		fit->vbar = 2 / s2;
		fit->bias = 0;
	} else {
		fit->vbar = 2 * (double)m / (s1 * s1);
		fit->bias = 2 * ((double)m * s2 - s1 * s1) / (s1 * s1 * s1);
	}
	free(ws.block);
	return fit->converged ? 0 : 1;
}

void fh_fit_free(struct fh_fit *fit)
{
	if (!fit)
		return;
	free(fit->beta);
	free(fit->beta_cov);
	fit->beta = NULL;
	fit->beta_cov = NULL;
}

/* x' Q x */
static double quad_form(const struct fh_fit *fit, const double *x)
{
	size_t p = fit->p;
	double q = 0;
	for (size_t a = 0; a < p; a++)
		for (size_t b = 0; b < p; b++)
			q += x[a] * fit->beta_cov[a * p + b] * x[b];
	return q;
}

static double synthetic(const struct fh_fit *fit, const double *x)
{
	double xb = 0;
	for (size_t a = 0; a < fit->p; a++)
		xb += x[a] * fit->beta[a];
	return xb;
}

void fh_eblup(const struct fh_fit *fit, double y, double psi, const double *x,
	      double *theta, double *mse, double *gamma)
{
	if (!isfinite(psi) || !(psi > 0)) {
		*theta = *mse = NAN;
		if (gamma)
			*gamma = NAN;
		return;
	}
	double A = fit->A, v = A + psi;
	double g = A / v, B = psi / v;
	double g1 = g * psi;
	double g2 = B * B * quad_form(fit, x);
	double g3 = B * B * fit->vbar / v;
	*theta = g * y + B * synthetic(fit, x);
	*mse = g1 + g2 + 2 * g3 - B * B * fit->bias;
	if (gamma)
		*gamma = g;
}

void fh_synthetic(const struct fh_fit *fit, const double *x, double *theta, double *mse)
{
	*theta = synthetic(fit, x);
	*mse = fit->A + quad_form(fit, x);
}
