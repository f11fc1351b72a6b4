#include "logit.h"
#include "msg.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

double logit_predict(const double *beta, const double *xrow, size_t p)
{
	double eta = 0;
	for (size_t j = 0; j < p; j++)
		eta += beta[j] * xrow[j];
	/* both branches avoid overflow of exp for large |eta| */
	if (eta >= 0)
		return 1 / (1 + exp(-eta));
	double e = exp(eta);
	return e / (1 + e);
}

/* log(1 + exp(eta)) without overflow */
static double log1pexp(double eta)
{
	return eta > 0 ? eta + log1p(exp(-eta)) : log1p(exp(eta));
}

static double loglikelihood(const double *x, const double *y, size_t n, size_t p, const double *beta)
{
	double ll = 0;
	for (size_t i = 0; i < n; i++) {
		double eta = 0;
		for (size_t j = 0; j < p; j++)
			eta += beta[j] * x[i * p + j];
		ll += y[i] * eta - log1pexp(eta);
	}
	return ll;
}

/* H = X'WX with W = mu(1-mu), and G = X'(y - mu), at BETA. */
static void information(const double *x, const double *y, size_t n, size_t p, const double *beta,
			gsl_matrix *h, gsl_vector *g)
{
	gsl_matrix_set_zero(h);
	if (g)
		gsl_vector_set_zero(g);
	for (size_t i = 0; i < n; i++) {
		const double *row = x + i * p;
		double mu = logit_predict(beta, row, p);
		double w = mu * (1 - mu);
		for (size_t a = 0; a < p; a++) {
			if (g)
				*gsl_vector_ptr(g, a) += row[a] * (y[i] - mu);
			double wa = w * row[a];
			if (wa == 0)
				continue;
			for (size_t b = 0; b <= a; b++)
				*gsl_matrix_ptr(h, a, b) += wa * row[b];
		}
	}
	for (size_t a = 0; a < p; a++)
		for (size_t b = 0; b < a; b++)
			gsl_matrix_set(h, b, a, gsl_matrix_get(h, a, b));
}

int logit_covariance(const double *x, size_t n, size_t p, const double *beta, double *cov)
{
	gsl_matrix *h = gsl_matrix_alloc(p, p);
	information(x, NULL, n, p, beta, h, NULL);
	int rc = -1;
	if (gsl_linalg_cholesky_decomp1(h) == GSL_SUCCESS && gsl_linalg_cholesky_invert(h) == GSL_SUCCESS) {
		for (size_t a = 0; a < p; a++)
			for (size_t b = 0; b < p; b++)
				cov[a * p + b] = gsl_matrix_get(h, a, b);
		rc = 0;
	}
	gsl_matrix_free(h);
	return rc;
}

enum logit_status logit_fit_irls(const double *x, const double *y, size_t n, size_t p,
				 double *beta, double *se, int *iterations, double *loglik)
{
	enum { MAX_ITER = 100 };
	gsl_matrix *h = gsl_matrix_alloc(p, p);
	gsl_vector *g = gsl_vector_alloc(p);
	gsl_vector *step = gsl_vector_alloc(p);
	double *trial = emalloc(p * sizeof *trial);
	for (size_t j = 0; j < p; j++)
		beta[j] = 0;
	double ll = loglikelihood(x, y, n, p, beta);
	enum logit_status status = LOGIT_NOT_CONVERGED;
	int it;
	for (it = 1; it <= MAX_ITER; it++) {
		information(x, y, n, p, beta, h, g);
		if (gsl_linalg_cholesky_decomp1(h) != GSL_SUCCESS
		    || gsl_linalg_cholesky_solve(h, g, step) != GSL_SUCCESS) {
			/* weights mu(1-mu) underflow when the data are separated */
			status = LOGIT_SINGULAR;
			for (size_t j = 0; j < p; j++)
				if (fabs(beta[j]) > LOGIT_MAX_COEF)
					status = LOGIT_SEPARATION;
			break;
		}
		/* Newton step; halve it while the log-likelihood would fall */
		double scale = 1, ll_new = ll;
		for (int half = 0; half < 30; half++) {
			for (size_t j = 0; j < p; j++)
				trial[j] = beta[j] + scale * gsl_vector_get(step, j);
			ll_new = loglikelihood(x, y, n, p, trial);
			if (ll_new >= ll - 1e-12 * (1 + fabs(ll)))
				break;
			scale /= 2;
		}
		double moved = 0;
		for (size_t j = 0; j < p; j++) {
			double d = fabs(trial[j] - beta[j]);
			if (d > moved)
				moved = d;
			beta[j] = trial[j];
		}
		ll = ll_new;
		if (moved < 1e-10) {
			status = LOGIT_OK;
			break;
		}
	}
	if (status == LOGIT_OK)
		for (size_t j = 0; j < p; j++)
			if (fabs(beta[j]) > LOGIT_MAX_COEF)
				status = LOGIT_SEPARATION;
	if (status == LOGIT_OK && se) {
		double *cov = emalloc(p * p * sizeof *cov);
		if (logit_covariance(x, n, p, beta, cov) != 0)
			status = LOGIT_SINGULAR;
		else
			for (size_t j = 0; j < p; j++)
				se[j] = sqrt(cov[j * p + j]);
		free(cov);
	}
	if (iterations)
		*iterations = it > MAX_ITER ? MAX_ITER : it;
	if (loglik)
		*loglik = ll;
	free(trial);
	gsl_vector_free(step);
	gsl_vector_free(g);
	gsl_matrix_free(h);
	return status;
}

struct scored {
	double pred;
	double y;
};

static int cmp_scored(const void *a, const void *b)
{
	const struct scored *x = a, *y = b;
	return (x->pred > y->pred) - (x->pred < y->pred);
}

double logit_auc(const double *pred, const double *y, size_t n)
{
	struct scored *s = emalloc((n ? n : 1) * sizeof *s);
	double n1 = 0, n0 = 0;
	for (size_t i = 0; i < n; i++) {
		s[i].pred = pred[i];
		s[i].y = y[i];
		if (y[i] > 0.5)
			n1++;
		else
			n0++;
	}
	if (n1 == 0 || n0 == 0) {
		free(s);
		return NAN;
	}
	qsort(s, n, sizeof *s, cmp_scored);
	double rank_sum = 0;
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && s[j].pred == s[i].pred)
			j++;
		double avg_rank = (double)(i + 1 + j) / 2; /* ranks i+1 .. j */
		for (size_t k = i; k < j; k++)
			if (s[k].y > 0.5)
				rank_sum += avg_rank;
		i = j;
	}
	free(s);
	return (rank_sum - n1 * (n1 + 1) / 2) / (n1 * n0);
}

double logit_brier(const double *pred, const double *y, size_t n)
{
	if (n == 0)
		return NAN;
	double sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += (pred[i] - y[i]) * (pred[i] - y[i]);
	return sum / (double)n;
}

const char *logit_strstatus(enum logit_status s)
{
	switch (s) {
	case LOGIT_OK: return "converged";
	case LOGIT_SINGULAR: return "singular information matrix";
	case LOGIT_NOT_CONVERGED: return "not converged";
	case LOGIT_SEPARATION: return "separation (coefficient out of range)";
	}
	return "unknown";
}
