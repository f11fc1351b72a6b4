#include "assign.h"
#include "msg.h"

#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>

int assign_allowed(const struct assign_problem *pr, size_t i, size_t t)
{
	double p = pr->p[i * pr->ntracks + t];
	if (!(p >= 0))
		return 0;
	if (pr->interest_only && !(pr->pref && pr->pref[i * pr->ntracks + t] >= 0))
		return 0;
	return 1;
}

static int wants(const struct assign_problem *pr, size_t i, size_t t)
{
	return pr->pref && pr->pref[i * pr->ntracks + t] >= 0;
}

int assign_optimal(const struct assign_problem *pr, int *out)
{
	size_t np = pr->npersons, nt = pr->ntracks;
	for (size_t i = 0; i < np; i++)
		out[i] = -1;
	size_t ncols = 0;
	for (size_t i = 0; i < np; i++)
		for (size_t t = 0; t < nt; t++)
			ncols += assign_allowed(pr, i, t);
	if (ncols == 0)
		return 0;
	if (np + nt > (size_t)INT_MAX / 4 || ncols > (size_t)INT_MAX / 4) {
		msg_error("assignment: problem too large for GLPK (%zu pairs)", ncols);
		return -1;
	}
	/* interest first: a placement in a wanted track is worth more than all
	 * expected placements together (sum of p <= npersons) */
	double bonus = pr->interest_first ? (double)np + 1 : 0;

	glp_term_out(GLP_OFF);
	glp_prob *lp = glp_create_prob();
	glp_set_obj_dir(lp, GLP_MAX);
	glp_add_rows(lp, (int)(np + nt));
	for (size_t i = 0; i < np; i++)
		glp_set_row_bnds(lp, (int)i + 1, GLP_UP, 0, 1);
	for (size_t t = 0; t < nt; t++)
		glp_set_row_bnds(lp, (int)(np + t) + 1, GLP_UP, 0, (double)pr->capacity[t]);
	glp_add_cols(lp, (int)ncols);
	size_t *col_person = emalloc(ncols * sizeof *col_person);
	size_t *col_track = emalloc(ncols * sizeof *col_track);
	int ind[3];
	double val[3] = {0, 1, 1};
	size_t c = 0;
	for (size_t i = 0; i < np; i++)
		for (size_t t = 0; t < nt; t++) {
			if (!assign_allowed(pr, i, t))
				continue;
			int j = (int)c + 1;
			glp_set_col_bnds(lp, j, GLP_DB, 0, 1);
			glp_set_obj_coef(lp, j, pr->p[i * nt + t] + (wants(pr, i, t) ? bonus : 0));
			ind[1] = (int)i + 1;
			ind[2] = (int)(np + t) + 1;
			glp_set_mat_col(lp, j, 2, ind, val);
			col_person[c] = i;
			col_track[c] = t;
			c++;
		}
	glp_smcp parm;
	glp_init_smcp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	parm.presolve = GLP_OFF;
	int rc = glp_simplex(lp, &parm);
	int result = 0;
	if (rc != 0 || glp_get_status(lp) != GLP_OPT) {
		msg_error("assignment: GLPK simplex failed (code %d, status %d)", rc, glp_get_status(lp));
		result = -1;
	}
	for (size_t k = 0; result == 0 && k < ncols; k++) {
		double x = glp_get_col_prim(lp, (int)k + 1);
		if (fabs(x - round(x)) > 1e-6) {
			msg_error("assignment: GLPK returned a non-integral solution (%g)", x);
			result = -1;
		} else if (round(x) == 1) {
			out[col_person[k]] = (int)col_track[k];
		}
	}
	if (result != 0)
		for (size_t i = 0; i < np; i++)
			out[i] = -1;
	free(col_person);
	free(col_track);
	glp_delete_prob(lp);
	return result;
}

void assign_by_interest(const struct assign_problem *pr, int *out)
{
	size_t np = pr->npersons, nt = pr->ntracks;
	long *left = emalloc((nt ? nt : 1) * sizeof *left);
	for (size_t t = 0; t < nt; t++)
		left[t] = pr->capacity[t];
	for (size_t i = 0; i < np; i++) {
		out[i] = -1;
		if (!pr->pref)
			continue;
		int best = -1, best_rank = 0;
		for (size_t t = 0; t < nt; t++) {
			int rank = pr->pref[i * nt + t];
			double p = pr->p[i * nt + t];
			if (rank < 0 || !(p >= 0) || left[t] <= 0)
				continue;
			if (best < 0 || rank < best_rank) {
				best = (int)t;
				best_rank = rank;
			}
		}
		if (best >= 0) {
			out[i] = best;
			left[best]--;
		}
	}
	free(left);
}

double assign_expected(const struct assign_problem *pr, const int *assignment)
{
	double sum = 0;
	for (size_t i = 0; i < pr->npersons; i++)
		if (assignment[i] >= 0)
			sum += pr->p[i * pr->ntracks + (size_t)assignment[i]];
	return sum;
}
