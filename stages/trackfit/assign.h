/* assign: who could go where. The transportation problem "each eligible
 * person in at most one track, each track at most its capacity, maximise the
 * expected placements" solved as a linear programme with GLPK (its
 * constraint matrix is the incidence matrix of a bipartite graph, totally
 * unimodular, so the simplex optimum is integral; the solution is checked),
 * and the baseline of filling tracks by interest alone. */
#ifndef JOBBSPAR_TRACKFIT_ASSIGN_H
#define JOBBSPAR_TRACKFIT_ASSIGN_H

#include <stddef.h>

struct assign_problem {
	size_t npersons, ntracks;
	/* NPERSONS x NTRACKS row-major, borrowed: the probability of a
	 * placement if person i takes track t, or a negative value or NaN when
	 * i is not eligible for t */
	const double *p;
	/* NPERSONS x NTRACKS, borrowed: the rank of t among i's wanted tracks
	 * (0 = most wanted), or -1 when i does not want t; NULL = nobody wants
	 * anything */
	const int *pref;
	const long *capacity;   /* NTRACKS places, borrowed */
	int interest_only;      /* only tracks the person wants */
	int interest_first;     /* lexicographic: most persons in a wanted track, then expected placements */
};

/* Solves the optimal assignment. Writes to OUT (caller's array of NPERSONS)
 * the track index of each person or -1. Returns 0, or -1 with a message
 * when GLPK fails or returns a non-integral optimum. Ties between optima are
 * broken by GLPK's simplex, which is deterministic for the same input. */
int assign_optimal(const struct assign_problem *pr, int *out);

/* The baseline "by interest alone": persons in index order (the caller's
 * order, e.g. sorted by pseudonym) each take the most wanted track they are
 * eligible for that still has a place; persons who want no eligible track
 * are not placed. Writes OUT like assign_optimal. */
void assign_by_interest(const struct assign_problem *pr, int *out);

/* 1 when person I may take track T under PR's rules. */
int assign_allowed(const struct assign_problem *pr, size_t i, size_t t);

/* Expected placements of an assignment: the sum of p over placed persons. */
double assign_expected(const struct assign_problem *pr, const int *assignment);

#endif
