#include "synth_nat.h"
#include "csvin.h"
#include "msg.h"
#include "synth_rng.h"
#include "value.h"

#include <gsl/gsl_randist.h>
#include <stdlib.h>
#include <string.h>

const char *const synth_age_band[SYNTH_NAGE] = {"16-24", "25-29", "30-34", "35-39", "40-44",
						"45-49", "50-54", "55-59", "60-64", "65-69"};
const int synth_age_lo[SYNTH_NAGE] = {16, 25, 30, 35, 40, 45, 50, 55, 60, 65};

struct scb_row {
	char code[5];
	int age, year;
	double employees;
};

struct scb_loader {
	const char *path;
	const struct codes *codes;
	int col[4];           /* ssyk4, age, year, employees */
	struct scb_row *rows;
	size_t n, cap;
	long skipped;
};

static int age_index(const char *s)
{
	for (int a = 0; a < SYNTH_NAGE; a++)
		if (strcmp(s, synth_age_band[a]) == 0)
			return a;
	return -1;
}

static int scb_row_cb(void *ctx, const struct csvin_row *row)
{
	struct scb_loader *l = ctx;
	static const char *const want[4] = {"ssyk4", "age", "year", "employees"};
	if (row->line == 1) {
		for (int k = 0; k < 4; k++) {
			l->col[k] = -1;
			for (size_t i = 0; i < row->nfields; i++)
				if (value_equal_fold(row->field[i], want[k]))
					l->col[k] = (int)i;
			if (l->col[k] < 0) {
				msg_error_at(l->path, row->line, "missing column %s", want[k]);
				return 1;
			}
		}
		return 0;
	}
	for (int k = 0; k < 4; k++)
		if ((size_t)l->col[k] >= row->nfields) {
			msg_error_at(l->path, row->line, "too few fields");
			return 1;
		}
	const char *code = row->field[l->col[0]];
	int a = age_index(row->field[l->col[1]]);
	long long year, emp;
	if (a < 0 || value_count(row->field[l->col[2]], &year) != 0 ||
	    value_count(row->field[l->col[3]], &emp) != 0) {
		msg_error_at(l->path, row->line, "bad age, year or employees");
		return 1;
	}
	/* 0002 (occupation unknown) and anything not in SSYK 2012 cannot appear in the contract's files */
	if (!codes_ssyk_find(l->codes, code)) {
		l->skipped++;
		return 0;
	}
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 4096;
		l->rows = erealloc(l->rows, l->cap * sizeof *l->rows);
	}
	struct scb_row *r = &l->rows[l->n++];
	memcpy(r->code, code, 5);
	r->age = a;
	r->year = (int)year;
	r->employees = (double)emp;
	return 0;
}

static int cmp_code(const void *a, const void *b)
{
	return strcmp(a, b);
}

long synth_nat_find(const struct synth_nat *n, const char *code)
{
	char (*hit)[5] = bsearch(code, n->ssyk, n->nssyk, sizeof *n->ssyk, cmp_code);
	return hit ? (long)(hit - n->ssyk) : -1;
}

/* Female share by SSYK 2-digit group: rounded from the general picture of
 * SCB's occupational register (women dominate care, health, education and
 * office work; men construction, metal, electrical and transport work). An
 * assumption of the synthetic model, not a measured table. */
double synth_female_share_base(const char *ssyk)
{
	static const struct {
		const char *g;
		double f;
	} t[] = {
		{"01", .10}, {"02", .10}, {"03", .15}, {"11", .40}, {"12", .45}, {"13", .30},
		{"14", .35}, {"15", .70}, {"16", .35}, {"17", .40}, {"21", .30}, {"22", .75},
		{"23", .72}, {"24", .55}, {"25", .25}, {"26", .62}, {"31", .20}, {"32", .80},
		{"33", .55}, {"34", .60}, {"35", .20}, {"41", .65}, {"42", .70}, {"43", .30},
		{"44", .55}, {"51", .50}, {"52", .55}, {"53", .82}, {"54", .30}, {"61", .30},
		{"62", .10}, {"71", .03}, {"72", .05}, {"73", .35}, {"74", .03}, {"75", .40},
		{"81", .25}, {"82", .30}, {"83", .12}, {"91", .70}, {"93", .30}, {"94", .50},
		{"95", .40}, {"96", .20},
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (strncmp(ssyk, t[i].g, 2) == 0)
			return t[i].f;
	return 0.5;
}

double synth_tendency_base(int yb_class)
{
	switch (yb_class) {
	case 1: return 1.0;     /* brist */
	case 2: return 0.4;     /* paradox: shortage of suitable applicants */
	case 0: return 0.0;     /* balans */
	case -1: return -1.0;   /* överskott */
	default: return -0.2;   /* not in Yrkesbarometer: mostly small, rarely short */
	}
}

struct yb_loader {
	const char *path;
	struct synth_nat *nat;
	int col_codes, col_sit;
};

static int yb_row_cb(void *ctx, const struct csvin_row *row)
{
	struct yb_loader *l = ctx;
	if (row->line == 1) {
		l->col_codes = l->col_sit = -1;
		for (size_t i = 0; i < row->nfields; i++) {
			if (value_equal_fold(row->field[i], "ssyk4_codes"))
				l->col_codes = (int)i;
			if (value_equal_fold(row->field[i], "rekryteringssituation"))
				l->col_sit = (int)i;
		}
		if (l->col_codes < 0 || l->col_sit < 0) {
			msg_error_at(l->path, 1, "missing column ssyk4_codes or rekryteringssituation");
			return 1;
		}
		return 0;
	}
	if ((size_t)l->col_codes >= row->nfields || (size_t)l->col_sit >= row->nfields)
		return 0;
	const char *sit = row->field[l->col_sit];
	int cls = value_equal_fold(sit, "brist") ? 1 : value_equal_fold(sit, "balans") ? 0 :
		  value_equal_fold(sit, "överskott") ? -1 : value_equal_fold(sit, "paradox") ? 2 : -2;
	const char *p = row->field[l->col_codes];
	while (*p) {
		char code[5] = {0};
		size_t k = 0;
		while (*p && *p != ';' && k < 4)
			code[k++] = *p++;
		while (*p && *p != ';')
			p++;
		if (*p == ';')
			p++;
		long s = synth_nat_find(l->nat, code);
		if (s >= 0 && l->nat->yb[s] == -2)
			l->nat->yb[s] = cls;
	}
	return 0;
}

struct synth_nat *synth_nat_load(const char *refdir, const struct codes *codes,
				 unsigned long seed)
{
	char *path = easprintf("%s/scb_yreg54bas_employees_ssyk4_age_2020_2024.csv", refdir);
	struct scb_loader l = {.path = path, .codes = codes};
	int rc = csvin_read_path(path, NULL, scb_row_cb, &l, NULL);
	free(path);
	if (rc != 0 || l.n == 0) {
		if (rc == 0)
			msg_error("%s: no rows in SCB's employment table", refdir);
		free(l.rows);
		return NULL;
	}
	struct synth_nat *n = ecalloc(1, sizeof *n);
	int ymin = l.rows[0].year, ymax = l.rows[0].year;
	char (*all)[5] = emalloc(l.n * sizeof *all);
	for (size_t i = 0; i < l.n; i++) {
		if (l.rows[i].year < ymin)
			ymin = l.rows[i].year;
		if (l.rows[i].year > ymax)
			ymax = l.rows[i].year;
		memcpy(all[i], l.rows[i].code, 5);
	}
	qsort(all, l.n, sizeof *all, cmp_code);
	n->ssyk = emalloc(l.n * sizeof *n->ssyk);
	for (size_t i = 0; i < l.n; i++)
		if (i == 0 || strcmp(all[i], all[i - 1]) != 0)
			memcpy(n->ssyk[n->nssyk++], all[i], 5);
	free(all);
	n->year0 = ymin;
	n->nyears = ymax - ymin + 1;
	n->emp = ecalloc((size_t)n->nyears * n->nssyk * SYNTH_NAGE, sizeof *n->emp);
	for (size_t i = 0; i < l.n; i++) {
		long s = synth_nat_find(n, l.rows[i].code);
		n->emp[((size_t)(l.rows[i].year - ymin) * n->nssyk + (size_t)s) * SYNTH_NAGE +
		       (size_t)l.rows[i].age] += l.rows[i].employees;
	}
	free(l.rows);

	n->yb = emalloc(n->nssyk * sizeof *n->yb);
	for (size_t s = 0; s < n->nssyk; s++)
		n->yb[s] = -2;
	path = easprintf("%s/yrkesbarometer_2026-1_riket.csv", refdir);
	struct yb_loader yl = {.path = path, .nat = n};
	rc = csvin_read_path(path, NULL, yb_row_cb, &yl, NULL);
	free(path);
	if (rc != 0) {
		synth_nat_free(n);
		return NULL;
	}

	n->female = emalloc(n->nssyk * sizeof *n->female);
	n->tendency = emalloc(n->nssyk * sizeof *n->tendency);
	gsl_rng *r = synth_stream(seed, "occupation", NULL);
	for (size_t s = 0; s < n->nssyk; s++) {
		double f = synth_female_share_base(n->ssyk[s]) + gsl_ran_gaussian(r, 0.05);
		n->female[s] = f < 0.02 ? 0.02 : f > 0.98 ? 0.98 : f;
		n->tendency[s] = synth_tendency_base(n->yb[s]) + gsl_ran_gaussian(r, 0.5);
	}
	gsl_rng_free(r);
	for (size_t k = 0; k < codes->nkommun; k++)
		n->population += (double)codes->kommun[k].population;
	return n;
}

void synth_nat_free(struct synth_nat *n)
{
	if (!n)
		return;
	free(n->ssyk);
	free(n->emp);
	free(n->female);
	free(n->tendency);
	free(n->yb);
	free(n);
}

double synth_nat_emp(const struct synth_nat *n, int year, size_t s, int a)
{
	int y = year - n->year0;
	if (y < 0)
		y = 0;
	if (y >= n->nyears)
		y = n->nyears - 1;
	return n->emp[((size_t)y * n->nssyk + s) * SYNTH_NAGE + (size_t)a];
}
