#include "disclosure.h"
#include "pipeline/disclosure.h" /* the shared primary rules */
#include "msg.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int disc_count_hidden(const struct disc_rule *rule, double persons)
{
	return disclosure_persons_hidden(persons, rule->min_persons);
}

int disc_respondents_hidden(const struct disc_rule *rule, double respondents)
{
	return disclosure_respondents_hidden(respondents, rule->min_respondents);
}

int disc_base_hidden(const struct disc_rule *rule, double base)
{
	return disc_count_hidden(rule, base);
}

struct disc_grid *disc_grid_new(size_t ncell)
{
	struct disc_grid *g = ecalloc(1, sizeof *g);
	g->ncell = ncell;
	g->value = emalloc((ncell ? ncell : 1) * sizeof *g->value);
	g->state = ecalloc(ncell ? ncell : 1, 1);
	for (size_t i = 0; i < ncell; i++)
		g->value[i] = NAN;
	return g;
}

void disc_grid_free(struct disc_grid *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < g->nline; i++)
		free(g->line[i].member);
	free(g->line);
	free(g->value);
	free(g->state);
	free(g);
}

void disc_grid_add_line(struct disc_grid *g, const size_t *members, size_t n, size_t total,
			double min_sum)
{
	if (g->nline == g->capline) {
		g->capline = g->capline ? 2 * g->capline : 8;
		g->line = erealloc(g->line, g->capline * sizeof *g->line);
	}
	struct disc_line *l = &g->line[g->nline++];
	l->member = emalloc((n ? n : 1) * sizeof *l->member);
	memcpy(l->member, members, n * sizeof *members);
	l->nmember = n;
	l->total = total;
	l->min_sum = min_sum;
}

/* Hides one more cell of line L; returns 1 if one was hidden. */
static int disc_hide_one_more(struct disc_grid *g, const struct disc_line *l)
{
	size_t best = (size_t)-1;
	for (size_t k = 0; k < l->nmember; k++) {
		size_t c = l->member[k];
		if (g->state[c] != DISC_PUBLISHED || isnan(g->value[c]))
			continue;
		if (best == (size_t)-1) {
			best = c;
			continue;
		}
		double v = fabs(g->value[c]), b = fabs(g->value[best]);
		/* smallest non-zero first; a zero only when nothing else is left */
		int v_better = (v != 0 && (b == 0 || v < b));
		if (v_better)
			best = c;
	}
	if (best == (size_t)-1) {
		if (g->state[l->total] != DISC_PUBLISHED)
			return 0;
		best = l->total;
	}
	g->state[best] = DISC_SECONDARY;
	return 1;
}

/* 1 if line L lets a reader work out, or narrow too much, a hidden cell. */
static int disc_line_discloses(const struct disc_grid *g, const struct disc_line *l)
{
	size_t unknown = 0, hidden_members = 0;
	double hidden_sum = 0;
	for (size_t k = 0; k < l->nmember; k++) {
		size_t c = l->member[k];
		if (g->state[c] != DISC_PUBLISHED) {
			unknown++;
			hidden_members++;
			if (!isnan(g->value[c]))
				hidden_sum += fabs(g->value[c]);
		}
	}
	int total_hidden = g->state[l->total] != DISC_PUBLISHED;
	unknown += (size_t)total_hidden;
	if (unknown == 0)
		return 0;
	if (unknown == 1)
		return 1;
	/* the total is published: the hidden members' sum is known */
	if (!total_hidden && l->min_sum > 0 && hidden_members > 0 && hidden_sum > 0 &&
	    hidden_sum < l->min_sum)
		return 1;
	return 0;
}

size_t disc_secondary(struct disc_grid *g)
{
	size_t added = 0;
	int changed = 1;
	while (changed) {
		changed = 0;
		for (size_t i = 0; i < g->nline; i++) {
			while (disc_line_discloses(g, &g->line[i])) {
				if (!disc_hide_one_more(g, &g->line[i]))
					break;
				added++;
				changed = 1;
			}
		}
	}
	return added;
}
