#include "rtable.h"
#include "msg.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct rtable *rtable_new(const char *id, const char *title, size_t ncol)
{
	struct rtable *t = ecalloc(1, sizeof *t);
	t->id = estrdup(id);
	t->title = estrdup(title);
	t->ncol = ncol;
	t->col = ecalloc(ncol ? ncol : 1, sizeof *t->col);
	return t;
}

void rtable_free(struct rtable *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->nrow * t->ncol; i++)
		free(t->cell[i].text);
	for (size_t j = 0; j < t->ncol; j++)
		free(t->col[j].head);
	free(t->cell);
	free(t->is_total);
	free(t->col);
	free(t->id);
	free(t->title);
	free(t->note);
	free(t->about);
	free(t->sheet);
	for (size_t i = 0; i < t->nline; i++)
		free(t->line[i]);
	free(t->line);
	free(t);
}

void rtable_col(struct rtable *t, size_t j, const char *head, int decimals, int is_text)
{
	free(t->col[j].head);
	t->col[j].head = estrdup(head);
	t->col[j].decimals = decimals;
	t->col[j].is_text = is_text;
}

size_t rtable_add_row(struct rtable *t)
{
	if (t->nrow == t->caprow) {
		t->caprow = t->caprow ? 2 * t->caprow : 16;
		t->cell = erealloc(t->cell, t->caprow * t->ncol * sizeof *t->cell);
		t->is_total = erealloc(t->is_total, t->caprow);
	}
	memset(&t->cell[t->nrow * t->ncol], 0, t->ncol * sizeof *t->cell);
	t->is_total[t->nrow] = 0;
	return t->nrow++;
}

struct rcell *rtable_at(struct rtable *t, size_t row, size_t col)
{
	return &t->cell[row * t->ncol + col];
}

const struct rcell *rtable_get(const struct rtable *t, size_t row, size_t col)
{
	return &t->cell[row * t->ncol + col];
}

void rtable_text(struct rtable *t, size_t row, size_t col, const char *s)
{
	struct rcell *c = rtable_at(t, row, col);
	free(c->text);
	c->text = NULL;
	c->kind = RCELL_EMPTY;
	if (s && *s) {
		c->kind = RCELL_TEXT;
		c->text = estrdup(s);
	}
}

double rtable_round(double v, int decimals)
{
	if (!isfinite(v))
		return v;
	double scale = pow(10, decimals);
	double r = round(v * scale) / scale;
	return r == 0 ? 0 : r; /* no negative zero */
}

void rtable_num(struct rtable *t, size_t row, size_t col, double v)
{
	struct rcell *c = rtable_at(t, row, col);
	free(c->text);
	c->text = NULL;
	if (!isfinite(v)) {
		c->kind = RCELL_EMPTY;
		return;
	}
	c->kind = RCELL_NUM;
	c->num = rtable_round(v, t->col[col].decimals);
}

void rtable_suppress(struct rtable *t, size_t row, size_t col, enum disc_state why)
{
	struct rcell *c = rtable_at(t, row, col);
	if (c->kind == RCELL_SUPPRESSED)
		return;
	if (c->kind != RCELL_NUM)
		c->num = NAN;
	free(c->text);
	c->text = NULL;
	c->kind = RCELL_SUPPRESSED;
	c->why = (unsigned char)why;
}

void rtable_note(struct rtable *t, const char *note)
{
	free(t->note);
	t->note = note ? estrdup(note) : NULL;
}

size_t rtable_protect_column_totals(struct rtable *t, size_t first, size_t last,
				    size_t total_row, const size_t *cols,
				    const double *min_sum, size_t ncols)
{
	struct disc_grid *g = disc_grid_new(t->nrow * t->ncol);
	for (size_t i = 0; i < t->nrow * t->ncol; i++) {
		const struct rcell *c = &t->cell[i];
		if (c->kind == RCELL_NUM || c->kind == RCELL_SUPPRESSED)
			g->value[i] = c->num;
		g->state[i] = c->kind == RCELL_SUPPRESSED ? c->why : DISC_PUBLISHED;
	}
	size_t *members = emalloc((last > first ? last - first : 1) * sizeof *members);
	for (size_t k = 0; k < ncols; k++) {
		size_t n = 0;
		for (size_t r = first; r < last; r++)
			if (r != total_row)
				members[n++] = r * t->ncol + cols[k];
		disc_grid_add_line(g, members, n, total_row * t->ncol + cols[k], min_sum[k]);
	}
	free(members);
	size_t added = disc_secondary(g);
	for (size_t i = 0; i < t->nrow * t->ncol; i++)
		if (g->state[i] == DISC_SECONDARY && t->cell[i].kind != RCELL_SUPPRESSED)
			rtable_suppress(t, i / t->ncol, i % t->ncol, DISC_SECONDARY);
	disc_grid_free(g);
	return added;
}

void rtable_line(struct rtable *t, const char *text)
{
	t->line = erealloc(t->line, (t->nline + 1) * sizeof *t->line);
	t->line[t->nline++] = estrdup(text ? text : "");
}

void rtable_about(struct rtable *t, const char *about)
{
	free(t->about);
	t->about = about ? estrdup(about) : NULL;
}

void rtable_sheet(struct rtable *t, const char *name)
{
	char buf[32];
	size_t n = 0;
	const char *p = name;
	while (*p) {
		/* the length of this UTF-8 character (a broken one ends the name) */
		unsigned char c = (unsigned char)*p;
		size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
		if (strnlen(p, len) < len || n + len > 31)
			break;
		if (len == 1 && (strchr("[]:*?/\\'", c) || c < 0x20))
			buf[n++] = '-';
		else
			memcpy(buf + n, p, len), n += len;
		p += len;
	}
	while (n > 0 && buf[n - 1] == ' ')
		n--;
	buf[n] = '\0';
	free(t->sheet);
	t->sheet = estrdup(n ? buf : t->id);
}

void rtable_code(struct rtable *t, size_t j)
{
	t->col[j].is_code = 1;
	t->col[j].is_text = 1;
}

int rtable_code_text(const char *s)
{
	size_t n = 0;
	for (; s[n]; n++)
		if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'A' && s[n] <= 'Z') ||
		      (s[n] >= 'a' && s[n] <= 'z')))
			return 0;
	return n >= 1 && n <= 12;
}
