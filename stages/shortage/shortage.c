#include "shortage.h"
#include "credible.h"
#include "ebayes.h"
#include "fayherriot.h"
#include "winsor.h"
#include "keymap.h"
#include "msg.h"
#include "stage.h"
#include "survey.h"
#include "compare.h"
#include "shortage_tables.h"
#include "tsv.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define NCODES 10000
#define KOMMUN_AREAS 3 /* a municipality counts in itself, its county and SE */
#define NEST 8         /* survey estimates: total, 6 ratios, winsorised total */

/* ---- options ---------------------------------------------------------- */

int shortage_options_read(const struct config *cfg, struct shortage_options *o)
{
	/* defaults as in data/default.ini (docs/METHOD.md) */
	static const double exit5_def[REGISTRY_NBANDS] = { 0, 0, 0, 0, 0, 0, 0, 0.10, 0.60, 1.00 };
	static const double exit10_def[REGISTRY_NBANDS] = { 0, 0, 0, 0, 0, 0, 0.10, 0.70, 1.00, 1.00 };
	memset(o, 0, sizeof *o);
	int year;
	if (stage_reference_year(cfg, &year) != 0)
		return -1;
	o->reference_year = year;
	int bad = 0;
	bad |= config_long(cfg, "survey", "min_respondents_stratum", 2, &o->min_respondents_stratum);
	bad |= config_double(cfg, "survey", "max_cv", 0.35, &o->max_cv);
	bad |= config_long(cfg, "survey", "min_respondents", 3, &o->min_respondents);
	bad |= config_double(cfg, "survey", "confidence", 0.95, &o->confidence);
	bad |= config_long(cfg, "disclosure", "min_persons", 5, &o->min_persons);
	bad |= config_long(cfg, "shortage", "horizon_years", 5, &o->horizon_years);
	bad |= config_double(cfg, "shortage", "paradox_share_brist", 0.5, &o->paradox_share_brist);
	bad |= config_long(cfg, "shortage", "compare_max", 20, &o->compare_max);
	bad |= config_double(cfg, "shortage", "min_employed", 15, &o->min_employed);
	bad |= config_double(cfg, "shortage", "min_events", 5, &o->min_events);
	bad |= config_double(cfg, "shortage", "top_min_employed", 20, &o->top_min_employed);
	bad |= config_long(cfg, "shortage", "top_ranks", 10, &o->top_ranks);
	bad |= config_long(cfg, "shortage", "years", 5, &o->years);
	bad |= config_double(cfg, "shortage", "index_brist", 1.0, &o->index_brist);
	bad |= config_double(cfg, "shortage", "index_watch", 0.5, &o->index_watch);
	bad |= config_double(cfg, "shortage", "index_surplus", -1.0, &o->index_surplus);
	bad |= config_long(cfg, "shortage", "loading_min_employed", 100, &o->loading_min_employed);
	for (int b = 0; b < REGISTRY_NBANDS; b++) {
		char key[32];
		snprintf(key, sizeof key, "exit5_%s", registry_age_bands[b]);
		bad |= config_double(cfg, "retirement", key, exit5_def[b], &o->exit5[b]);
		snprintf(key, sizeof key, "exit10_%s", registry_age_bands[b]);
		bad |= config_double(cfg, "retirement", key, exit10_def[b], &o->exit10[b]);
	}
	if (bad)
		return -1;
	const char *what = NULL;
	if (!(o->confidence > 0 && o->confidence < 1))
		what = "survey.confidence must be between 0 and 1";
	else if (o->horizon_years != 5 && o->horizon_years != 10)
		what = "shortage.horizon_years must be 5 or 10";
	else if (o->compare_max < 0)
		what = "shortage.compare_max must be 0 or more";
	else if (!(o->index_surplus <= o->index_watch && o->index_watch <= o->index_brist))
		what = "shortage: need index_surplus <= index_watch <= index_brist";
	else if (o->years < 1 || o->years > 50)
		what = "shortage.years must be 1 to 50";
	else if (!(o->min_employed >= 0) || !(o->min_events >= 0) || o->loading_min_employed < 0 ||
		 !(o->top_min_employed >= 0) || o->top_ranks < 0)
		what = "shortage: min_employed, min_events, top_min_employed, top_ranks and "
		       "loading_min_employed must be 0 or more";
	if (what) {
		msg_error_at(cfg->path, 0, "%s", what);
		return -1;
	}
	return 0;
}

/* ---- data model ------------------------------------------------------- */

struct area {
	char code[8];       /* 0581, L05, SE */
	const char *type;   /* kommun, lan, riket */
	char name[128];
};

struct survey_est {
	long n;                       /* respondents with a row */
	long n_item[NEST];            /* respondents answering each item */
	double est[NEST], var[NEST];  /* planned total; shares brist, balans, god; balance; net 1y, 3y */
	double sw_sit, sw2_sit;       /* sum of weights and of squared weights of those answering the situation */
	long n_winsorised;            /* rows whose planned hires were winsorised */
	long n_above_workplace;       /* rows planning more hires than the workplace employs */
};

/* The small-area model of the survey figures of one occupation in a
 * municipality (docs/METHOD.md "Small-area estimation"). */
struct sae {
	int source;                   /* SAE_NONE, SAE_EBLUP, SAE_SYNTHETIC */
	double share_y, share_psi, share_gamma, share, share_mse;
	double rate_y, rate_psi, rate_gamma, rate, rate_mse;   /* planned hires per employed */
};
enum { SAE_NONE, SAE_EBLUP, SAE_SYNTHETIC };

/* The credible-shortage model of one occupation in one area (docs/METHOD.md). */
struct cred {
	double raw[CRED_NIND];        /* ads and jobseekers per expected (O/e), mean days open, balance */
	double obs[CRED_NIND];        /* counts: ads, jobseekers, closed ads, survey answers */
	double expct[CRED_NIND];      /* expected counts e (ads, jobseekers) */
	double prior[CRED_NIND];      /* prior mean: relative rate, log days, - */
	double smooth[CRED_NIND];     /* relative rate (posterior mean), mean days (exp of log posterior), balance */
	double y[CRED_NIND], v[CRED_NIND];   /* model scale: log rate / log days / balance; its variance */
	unsigned char avail[CRED_NIND];
	double z[CRED_NIND], zv[CRED_NIND];  /* standardised within the area, oriented */
	double S, Svar, p_brist;
	int assessed;
	long rank;
	char evidence[64];
};

enum { E_PLANNED, E_BRIST, E_BALANS, E_GOD, E_BALANCE, E_NET1, E_NET3, E_PLANNED_W };

struct indicators {
	double employed, employed_first, emp_change, emp_change_pct, emp_growth, emp_slope;
	double expansion5, expansion10, repl5, repl10, open5, open10;
	double jspv, median_days, vac_trend, vac_trend_se, vac_mean, vac_trend_rel;
	double js_per_vacancy_rel;    /* the area's jobseekers per vacancy / the occupation's */
};

struct occ {
	double *emp;        /* employed per employment year */
	double band[REGISTRY_NBANDS];  /* latest year by age band */
	double jobseekers;
	double *vac;        /* positions per vacancy year */
	long ads_all;       /* ads over all vacancy years */
	double positions;   /* latest year */
	long ads;           /* latest year */
	double *days;       /* days open of the latest year's ads */
	size_t ndays, capdays;
	double closed_sum, closed_sum2, closed_n;  /* days open of closed ads, all analysis years */
	int has_survey;
	struct survey_est sv;
	struct indicators ind;
	struct cred cr;
	struct sae sae;
};

struct occrow {
	size_t unit;
	int ssyk;
	double planned;
	double planned_w;   /* winsorised (Kokic & Bell) */
	unsigned char above_workplace;  /* planned > the workplace's employees */
	signed char sit;    /* 0 brist, 1 balans, 2 god, -1 missing */
	signed char ch1, ch3; /* +1 öka, 0 oförändrad, -1 minska, -2 missing */
};

struct yb {
	char *verdict, *omgang, *prognos, *jobb;
};

struct ctx {
	const struct shortage_options *opt;
	const struct codes *codes;
	const char *workdir;
	struct area *area;          /* sorted by code */
	size_t nareas, caparea;
	/* the areas a kommun code counts in, ascending: a row of kommun k adds
	 * to karea[k][0..nkarea[k]-1] (at most KOMMUN_AREAS, so reading is
	 * linear in the rows whatever the number of reporting areas) */
	uint16_t karea[NCODES][KOMMUN_AREAS];
	unsigned char nkarea[NCODES];
	int year;                   /* latest year */
	int ey0;                    /* first employment year */
	size_t ney;
	int vy0;
	long emp_outside, vac_outside;  /* rows outside the analysis years */
	int no_age_split;           /* employment.tsv has no age band on any row:
				     * no replacement demand, no openings */
	int js_aggregated;          /* jobseekers counted from jobseekers_aggregated.tsv */
	int js_none;                /* no jobseekers at all: unknown everywhere */
	size_t nvy;
	struct occ ***occ;          /* per area: NCODES pointers, NULL if absent */
	struct occ *total;          /* per area */
	struct survey_design *design;
	int *unit_kommun;           /* per survey unit: its kommun code */
	double *unit_employees;     /* per survey unit: the workplace's employees (NaN: unknown) */
	struct occrow *rows;
	size_t nrows;
	struct yb yb[NCODES];
	int has_yb;
	double loading[CRED_NIND], tau2[CRED_NIND];  /* the shortage index's measurement model */
	size_t loading_n;
	int loading_fallback;
};

static int code4(const char *s)
{
	if (strlen(s) != 4)
		return -1;
	int v = 0;
	for (int i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static struct occ *occ_get(struct ctx *x, size_t a, int ssyk)
{
	if (!x->occ[a][ssyk]) {
		struct occ *o = ecalloc(1, sizeof *o);
		o->emp = ecalloc(x->ney ? x->ney : 1, sizeof *o->emp);
		o->vac = ecalloc(x->nvy ? x->nvy : 1, sizeof *o->vac);
		x->occ[a][ssyk] = o;
	}
	return x->occ[a][ssyk];
}

static void occ_free_fields(struct occ *o)
{
	free(o->emp);
	free(o->vac);
	free(o->days);
}

static void push_day(struct occ *o, double d)
{
	if (o->ndays == o->capdays) {
		o->capdays = o->capdays ? 2 * o->capdays : 16;
		o->days = erealloc(o->days, o->capdays * sizeof *o->days);
	}
	o->days[o->ndays++] = d;
}

static int cmp_area(const void *a, const void *b)
{
	return strcmp(((const struct area *)a)->code, ((const struct area *)b)->code);
}

static int add_area(struct ctx *x, const char *code, const char *type, const char *name)
{
	for (size_t i = 0; i < x->nareas; i++)
		if (strcmp(x->area[i].code, code) == 0)
			return 0;
	if (x->nareas == UINT16_MAX) {
		msg_error("too many reporting areas (at most %d with counties)", UINT16_MAX);
		return -1;
	}
	if (x->nareas == x->caparea) {
		x->caparea = x->caparea ? 2 * x->caparea : 64;
		x->area = erealloc(x->area, x->caparea * sizeof *x->area);
	}
	struct area *ar = &x->area[x->nareas++];
	snprintf(ar->code, sizeof ar->code, "%s", code);
	ar->type = type;
	snprintf(ar->name, sizeof ar->name, "%s", name);
	return 0;
}

static size_t area_index(const struct ctx *x, const char *code)
{
	for (size_t i = 0; i < x->nareas; i++)
		if (strcmp(x->area[i].code, code) == 0)
			return i;
	return (size_t)-1;
}

static int setup_areas(struct ctx *x, const char (*munis)[5], size_t nmunis)
{
	for (size_t i = 0; i < nmunis; i++) {
		const struct kommun_entry *k = codes_kommun_find(x->codes, munis[i]);
		if (add_area(x, munis[i], "kommun", k ? k->name : munis[i]) != 0)
			return -1;
		if (k) {
			char code[8];
			snprintf(code, sizeof code, "L%s", k->lan);
			if (add_area(x, code, "lan", k->lan_name) != 0)
				return -1;
		}
	}
	if (add_area(x, "SE", "riket", "Hela indata") != 0)
		return -1;
	qsort(x->area, x->nareas, sizeof *x->area, cmp_area);
	size_t se = area_index(x, "SE");
	for (int c = 0; c < NCODES; c++) {
		char code[12];
		snprintf(code, sizeof code, "%04d", c);
		size_t in[KOMMUN_AREAS], n = 0;
		in[n++] = se;
		size_t a = area_index(x, code);
		if (a != (size_t)-1)
			in[n++] = a;
		const struct kommun_entry *k = codes_kommun_find(x->codes, code);
		if (k) {
			char lan[8];
			snprintf(lan, sizeof lan, "L%s", k->lan);
			size_t l = area_index(x, lan);
			if (l != (size_t)-1)
				in[n++] = l;
		}
		/* ascending, as the areas are visited in order */
		for (size_t i = 1; i < n; i++)
			for (size_t j = i; j > 0 && in[j - 1] > in[j]; j--) {
				size_t t = in[j];
				in[j] = in[j - 1];
				in[j - 1] = t;
			}
		for (size_t i = 0; i < n; i++)
			x->karea[c][i] = (uint16_t)in[i];
		x->nkarea[c] = (unsigned char)n;
	}
	x->occ = ecalloc(x->nareas, sizeof *x->occ);
	x->total = ecalloc(x->nareas, sizeof *x->total);
	for (size_t a = 0; a < x->nareas; a++)
		x->occ[a] = ecalloc(NCODES, sizeof(struct occ *));
	return 0;
}

/* ---- reading ---------------------------------------------------------- */

static struct tsv_reader *open_work(const struct ctx *x, const char *name, int optional)
{
	char *path = path_join(x->workdir, name);
	struct tsv_reader *r = NULL;
	if (optional) {
		FILE *fp = fopen(path, "r");
		if (!fp) {
			msg_note("%s: absent, not used", path);
			free(path);
			return NULL;
		}
		fclose(fp);
	}
	r = tsv_reader_open(path);
	free(path);
	return r;
}

static int require_cols(struct tsv_reader *r, const char *const *names, int *cols)
{
	int ok = 1;
	for (size_t i = 0; names[i]; i++) {
		cols[i] = tsv_require(r, names[i]);
		if (cols[i] < 0)
			ok = 0;
	}
	return ok ? 0 : -1;
}

static int bad_value(struct tsv_reader *r, const char *col, const char *v)
{
	msg_error_at(tsv_path(r), tsv_line(r), "column %s: invalid value \"%s\"", col, v);
	return -1;
}

static int get_count(struct tsv_reader *r, int col, const char *name, double *out)
{
	const char *s = tsv_get(r, col);
	double v = tsv_get_double(r, col);
	if (!isfinite(v) || v < 0)
		return bad_value(r, name, s);
	*out = v;
	return 0;
}

/* Pass 1 over a table with a year column: the smallest and largest year. */
static int scan_years(struct ctx *x, const char *name, int *ymin, int *ymax)
{
	struct tsv_reader *r = open_work(x, name, 0);
	if (!r)
		return -1;
	int c = tsv_require(r, "year");
	int rc = c < 0 ? -1 : 0;
	*ymin = INT32_MAX;
	*ymax = INT32_MIN;
	int st;
	while (rc == 0 && (st = tsv_next(r)) != 0) {
		if (st < 0) {
			rc = -1;
			break;
		}
		long long y = tsv_get_long(r, c, -1);
		if (y < 1900 || y > 2200) {
			rc = bad_value(r, "year", tsv_get(r, c));
			break;
		}
		if (y < *ymin)
			*ymin = (int)y;
		if (y > *ymax)
			*ymax = (int)y;
	}
	tsv_reader_close(r);
	return rc;
}

static int read_kommun_ssyk(struct tsv_reader *r, int ck, int cs, int *k, int *s)
{
	*k = code4(tsv_get(r, ck));
	if (*k < 0)
		return bad_value(r, "kommun", tsv_get(r, ck));
	*s = code4(tsv_get(r, cs));
	if (*s < 0)
		return bad_value(r, "ssyk", tsv_get(r, cs));
	return 0;
}

static int read_employment(struct ctx *x)
{
	struct tsv_reader *r = open_work(x, "employment.tsv", 0);
	if (!r)
		return -1;
	static const char *const names[] = { "year", "kommun", "ssyk", "age", "employed", NULL };
	int c[5];
	int rc = require_cols(r, names, c);
	int st;
	long band_line = 0, no_band_line = 0;  /* the first row with, and without, an age band */
	while (rc == 0 && (st = tsv_next(r)) != 0) {
		if (st < 0) {
			rc = -1;
			break;
		}
		int year = (int)tsv_get_long(r, c[0], 0);
		int k, s;
		double emp;
		if (read_kommun_ssyk(r, c[1], c[2], &k, &s) || get_count(r, c[4], "employed", &emp)) {
			rc = -1;
			break;
		}
		/* an empty age: a table without an age split (every row, or
		 * none, has a band) */
		const char *age = tsv_get(r, c[3]);
		int band = *age ? registry_band_index(age) : -1;
		if (*age && band < 0) {
			rc = bad_value(r, "age", age);
			break;
		}
		if (*age ? no_band_line : band_line) {
			msg_error_at(tsv_path(r), tsv_line(r), "%s, but line %ld %s: the table has an age split "
				     "on every row or on none", *age ? "an age band" : "no age band",
				     *age ? no_band_line : band_line, *age ? "has none" : "has one");
			rc = -1;
			break;
		}
		if (*age && !band_line)
			band_line = tsv_line(r);
		else if (!*age && !no_band_line)
			no_band_line = tsv_line(r);
		if (year < x->ey0 || year > x->year) {
			x->emp_outside++;
			continue;
		}
		for (size_t i = 0; i < x->nkarea[k]; i++) {
			size_t a = x->karea[k][i];
			struct occ *o = occ_get(x, a, s);
			o->emp[year - x->ey0] += emp;
			if (year == x->year && band >= 0)
				o->band[band] += emp;
		}
	}
	tsv_reader_close(r);
	x->no_age_split = rc == 0 && no_band_line > 0;
	return rc;
}

static int read_vacancies(struct ctx *x)
{
	struct tsv_reader *r = open_work(x, "vacancies.tsv", 0);
	if (!r)
		return -1;
	static const char *const names[] = { "kommun", "ssyk", "year", "days_open", "vacancies",
					     "still_open", NULL };
	int c[6];
	int rc = require_cols(r, names, c);
	int st;
	while (rc == 0 && (st = tsv_next(r)) != 0) {
		if (st < 0) {
			rc = -1;
			break;
		}
		int k, s;
		double days, pos;
		if (read_kommun_ssyk(r, c[0], c[1], &k, &s) || get_count(r, c[3], "days_open", &days) ||
		    get_count(r, c[4], "vacancies", &pos)) {
			rc = -1;
			break;
		}
		int year = (int)tsv_get_long(r, c[2], 0);
		if (year < x->vy0 || year > x->year) {
			x->vac_outside++;
			continue;
		}
		for (size_t i = 0; i < x->nkarea[k]; i++) {
			size_t a = x->karea[k][i];
			struct occ *o = occ_get(x, a, s);
			o->vac[year - x->vy0] += pos;
			o->ads_all++;
			if (strcmp(tsv_get(r, c[5]), "1") != 0) {
				o->closed_sum += days;
				o->closed_sum2 += days * days;
				o->closed_n += 1;
			}
			if (year == x->year) {
				o->positions += pos;
				o->ads++;
				push_day(o, days);
				push_day(&x->total[a], days);
			}
		}
	}
	tsv_reader_close(r);
	return rc;
}

/* Pass over jobseekers_aggregated.tsv: with APPLY 0, finds the latest
 * period (year * 100 + month; 0 without period columns) up to the reference
 * year and counts the rows; with APPLY 1, adds the counts of period PERIOD
 * to every area of their kommun, a suppressed count making the occupation's
 * count unknown (NaN) there. *ROWS, *LATER (rows after the reference year)
 * and *SUPPRESSED (in PERIOD) are counted. */
static int scan_aggregated(struct ctx *x, struct tsv_reader *r, int apply, long *period, long *rows,
			   long *later, long *suppressed)
{
	static const char *const names[] = { "year", "month", "kommun", "ssyk", "jobseekers", "suppressed",
					     NULL };
	int c[6];
	int rc = require_cols(r, names, c);
	int st;
	if (!apply)
		*period = -1;
	*rows = *later = *suppressed = 0;
	while (rc == 0 && (st = tsv_next(r)) != 0) {
		if (st < 0) {
			rc = -1;
			break;
		}
		long long year = tsv_get_long(r, c[0], 0), month = tsv_get_long(r, c[1], 0);
		int k, s;
		if (year < 0 || month < 0 || month > 12) {
			rc = bad_value(r, year < 0 ? "year" : "month", tsv_get(r, year < 0 ? c[0] : c[1]));
			break;
		}
		if (read_kommun_ssyk(r, c[2], c[3], &k, &s)) {
			rc = -1;
			break;
		}
		int supp = strcmp(tsv_get(r, c[5]), "1") == 0;
		double count = NAN;
		if (!supp && get_count(r, c[4], "jobseekers", &count)) {
			rc = -1;
			break;
		}
		(*rows)++;
		if (year > x->opt->reference_year) {
			(*later)++;
			continue;
		}
		long p = (long)(year * 100 + month);
		if (!apply) {
			if (p > *period)
				*period = p;
			continue;
		}
		if (p != *period)
			continue;
		*suppressed += supp;
		for (size_t j = 0; j < x->nkarea[k]; j++)
			occ_get(x, x->karea[k][j], s)->jobseekers += count;
	}
	return rc;
}

/* A period for messages: ", period 2024-12", ", period 2024" or "" (no
 * period columns). */
static void period_name(long period, char buf[48])
{
	if (period <= 0)
		buf[0] = '\0';
	else if (period % 100)
		snprintf(buf, 48, ", period %04ld-%02ld", period / 100, period % 100);
	else
		snprintf(buf, 48, ", period %04ld", period / 100);
}

/* The jobseekers of jobseekers_aggregated.tsv, when jobseekers.tsv has no
 * person rows (NPERSONS). The table is absent in a work folder of an older
 * ingest: then as empty. */
static int read_jobseekers_aggregated(struct ctx *x, long npersons)
{
	char *path = path_join(x->workdir, "jobseekers_aggregated.tsv");
	struct tsv_reader *r = NULL;
	if (access(path, F_OK) == 0 && !(r = tsv_reader_open(path))) {
		free(path);
		return -1;
	}
	free(path);
	long period = -1, rows = 0, later = 0, suppressed = 0;
	int rc = r ? scan_aggregated(x, r, 0, &period, &rows, &later, &suppressed) : 0;
	if (r)
		tsv_reader_close(r);
	if (rc != 0)
		return rc;
	if (npersons > 0) {
		if (rows > 0)
			msg_error("note: jobseekers: counted from the %ld person rows of jobseekers.tsv; "
				  "jobseekers_aggregated.tsv (%ld row%s) not used", npersons, rows, rows == 1 ? "" : "s");
		return 0;
	}
	if (rows == 0) {
		msg_error("warning: no jobseekers: jobseekers.tsv has no person rows and jobseekers_aggregated.tsv "
			  "no counts: the jobseekers column and indicators are empty");
		x->js_none = 1;
		return 0;
	}
	if (period < 0) {
		msg_error("%s/jobseekers_aggregated.tsv: every row is after the reference year %d: no jobseekers "
			  "to count", x->workdir, x->opt->reference_year);
		return -1;
	}
	path = path_join(x->workdir, "jobseekers_aggregated.tsv");
	r = tsv_reader_open(path);
	free(path);
	if (!r)
		return -1;
	long used_rows;
	rc = scan_aggregated(x, r, 1, &period, &used_rows, &later, &suppressed);
	tsv_reader_close(r);
	if (rc != 0)
		return rc;
	x->js_aggregated = 1;
	char when[48];
	period_name(period, when);
	msg_error("note: jobseekers: counted from jobseekers_aggregated.tsv%s (jobseekers.tsv has no person "
		  "rows)", when);
	if (period > 0 && period / 100 < x->opt->reference_year)
		msg_error("warning: jobseekers_aggregated.tsv: the latest period is before the reference year %d",
			  x->opt->reference_year);
	if (later)
		msg_error("warning: jobseekers_aggregated.tsv: %ld row%s after the reference year %d not used", later,
			  later == 1 ? "" : "s", x->opt->reference_year);
	if (suppressed)
		msg_error("note: jobseekers_aggregated.tsv: %ld suppressed count%s (<5): the jobseekers of %s "
			  "unknown in its kommun, county and SE (flag jobseekers_suppressed)", suppressed,
			  suppressed == 1 ? "" : "s", suppressed == 1 ? "that occupation" : "each such occupation");
	return 0;
}

/* Registered jobseekers per area and occupation: from jobseekers.tsv's
 * person rows, each person once in each occupation of experience and
 * wanted; when it has none, from Arbetsförmedlingen's counts in
 * jobseekers_aggregated.tsv (read_jobseekers_aggregated). */
static int read_jobseekers(struct ctx *x)
{
	struct tsv_reader *r = open_work(x, "jobseekers.tsv", 0);
	if (!r)
		return -1;
	long npersons = 0;
	static const char *const names[] = { "kommun", "ssyk_experience", "ssyk_wanted", NULL };
	int c[3];
	int rc = require_cols(r, names, c);
	int st;
	while (rc == 0 && (st = tsv_next(r)) != 0) {
		if (st < 0) {
			rc = -1;
			break;
		}
		int k = code4(tsv_get(r, c[0]));
		if (k < 0) {
			rc = bad_value(r, "kommun", tsv_get(r, c[0]));
			break;
		}
		int codes[4], n = 0;
		const char *e = tsv_get(r, c[1]);
		if (*e) {
			if ((codes[n++] = code4(e)) < 0) {
				rc = bad_value(r, "ssyk_experience", e);
				break;
			}
		}
		const char *w = tsv_get(r, c[2]);
		while (*w && rc == 0) {
			const char *bar = strchr(w, '|');
			size_t len = bar ? (size_t)(bar - w) : strlen(w);
			char buf[8];
			int v = -1;
			if (len == 4) {
				memcpy(buf, w, 4);
				buf[4] = '\0';
				v = code4(buf);
			}
			if (v < 0 || n == 4) {
				rc = bad_value(r, "ssyk_wanted", tsv_get(r, c[2]));
				break;
			}
			int dup = 0;
			for (int i = 0; i < n; i++)
				dup |= codes[i] == v;
			if (!dup)
				codes[n++] = v;
			w = bar ? bar + 1 : w + len;
		}
		if (rc)
			break;
		npersons++;
		for (size_t j = 0; j < x->nkarea[k]; j++)
			for (int i = 0; i < n; i++)
				occ_get(x, x->karea[k][j], codes[i])->jobseekers += 1;
	}
	tsv_reader_close(r);
	return rc ? rc : read_jobseekers_aggregated(x, npersons);
}

static int read_survey(struct ctx *x)
{
	x->design = survey_design_new();
	struct keymap *strata = keymap_new();
	struct keymap *units = keymap_new();
	int rc = 0;
	struct tsv_reader *r = open_work(x, "frame.tsv", 0);
	if (!r) {
		rc = -1;
		goto out;
	}
	static const char *const fnames[] = { "kommun", "sni_section", "size_class", "stratum",
					      "workplaces", "sampled", NULL };
	int fc[6];
	rc = require_cols(r, fnames, fc);
	int st;
	while (rc == 0 && (st = tsv_next(r)) != 0) {
		if (st < 0) {
			rc = -1;
			break;
		}
		double N, n;
		if (get_count(r, fc[4], "workplaces", &N) || get_count(r, fc[5], "sampled", &n)) {
			rc = -1;
			break;
		}
		const char *name = tsv_get(r, fc[3]);
		size_t idx = x->design->nstrata;
		if (!keymap_insert(strata, name, strlen(name), idx, NULL)) {
			rc = -1;
			msg_error_at(tsv_path(r), tsv_line(r), "stratum %s appears twice", name);
			break;
		}
		survey_design_add_stratum(x->design, name, tsv_get(r, fc[0]), tsv_get(r, fc[1])[0],
					  tsv_get(r, fc[2]), N, (long)n);
	}
	tsv_reader_close(r);
	if (rc)
		goto out;

	r = open_work(x, "respondents.tsv", 0);
	if (!r) {
		rc = -1;
		goto out;
	}
	static const char *const rnames[] = { "response_id", "kommun", "stratum", NULL };
	int rcols[3];
	rc = require_cols(r, rnames, rcols);
	int c_employees = tsv_col(r, "employees");
	size_t cap = 0;
	while (rc == 0 && (st = tsv_next(r)) != 0) {
		if (st < 0) {
			rc = -1;
			break;
		}
		const char *stratum = tsv_get(r, rcols[2]);
		uint64_t s;
		if (!keymap_get(strata, stratum, strlen(stratum), &s)) {
			msg_error_at(tsv_path(r), tsv_line(r), "stratum %s is not in frame.tsv", stratum);
			rc = -1;
			break;
		}
		int k = code4(tsv_get(r, rcols[1]));
		if (k < 0) {
			rc = bad_value(r, "kommun", tsv_get(r, rcols[1]));
			break;
		}
		const char *id = tsv_get(r, rcols[0]);
		if (!keymap_insert(units, id, strlen(id), x->design->nunits, NULL)) {
			msg_error_at(tsv_path(r), tsv_line(r), "response_id %s appears twice", id);
			rc = -1;
			break;
		}
		size_t u = survey_design_add_unit(x->design, id, (size_t)s);
		if (u >= cap) {
			cap = cap ? 2 * cap : 256;
			x->unit_kommun = erealloc(x->unit_kommun, cap * sizeof *x->unit_kommun);
			x->unit_employees = erealloc(x->unit_employees, cap * sizeof *x->unit_employees);
		}
		x->unit_kommun[u] = k;
		double emp = c_employees >= 0 ? tsv_get_double(r, c_employees) : NAN;
		x->unit_employees[u] = isfinite(emp) && emp >= 0 ? emp : NAN;
	}
	tsv_reader_close(r);
	if (rc)
		goto out;
	survey_design_finish(x->design, (int)x->opt->min_respondents_stratum);

	r = open_work(x, "occupations.tsv", 0);
	if (!r) {
		rc = -1;
		goto out;
	}
	static const char *const onames[] = { "response_id", "ssyk", "planned_hires_12m",
					      "recruitment_situation", "change_1y", "change_3y", NULL };
	int oc[6];
	rc = require_cols(r, onames, oc);
	cap = 0;
	while (rc == 0 && (st = tsv_next(r)) != 0) {
		if (st < 0) {
			rc = -1;
			break;
		}
		const char *id = tsv_get(r, oc[0]);
		uint64_t u;
		if (!keymap_get(units, id, strlen(id), &u)) {
			msg_error_at(tsv_path(r), tsv_line(r), "response_id %s is not in respondents.tsv", id);
			rc = -1;
			break;
		}
		struct occrow row = { .unit = (size_t)u };
		row.ssyk = code4(tsv_get(r, oc[1]));
		if (row.ssyk < 0) {
			rc = bad_value(r, "ssyk", tsv_get(r, oc[1]));
			break;
		}
		if (get_count(r, oc[2], "planned_hires_12m", &row.planned)) {
			rc = -1;
			break;
		}
		const char *sit = tsv_get(r, oc[3]);
		row.sit = !*sit ? -1 : strcmp(sit, "brist") == 0 ? 0 : strcmp(sit, "balans") == 0 ? 1 :
			  strcmp(sit, "god") == 0 ? 2 : -3;
		if (row.sit == -3) {
			rc = bad_value(r, "recruitment_situation", sit);
			break;
		}
		for (int j = 0; j < 2; j++) {
			const char *ch = tsv_get(r, oc[4 + j]);
			int v = !*ch ? -2 : strcmp(ch, "öka") == 0 ? 1 : strcmp(ch, "oförändrad") == 0 ? 0 :
				strcmp(ch, "minska") == 0 ? -1 : -3;
			if (v == -3) {
				rc = bad_value(r, j ? "change_3y" : "change_1y", ch);
				break;
			}
			if (j)
				row.ch3 = (signed char)v;
			else
				row.ch1 = (signed char)v;
		}
		if (rc)
			break;
		if (x->nrows == cap) {
			cap = cap ? 2 * cap : 1024;
			x->rows = erealloc(x->rows, cap * sizeof *x->rows);
		}
		x->rows[x->nrows++] = row;
	}
	tsv_reader_close(r);
out:
	keymap_free(strata);
	keymap_free(units);
	return rc;
}

static int read_yrkesbarometer(struct ctx *x)
{
	struct tsv_reader *r = open_work(x, "yrkesbarometer.tsv", 1);
	if (!r)
		return 0;
	static const char *const names[] = { "ssyk", "omgang", "rekryteringssituation",
					     "jobbmojligheter", "prognos_5ar", NULL };
	int c[5];
	int rc = require_cols(r, names, c);
	int st;
	while (rc == 0 && (st = tsv_next(r)) != 0) {
		if (st < 0) {
			rc = -1;
			break;
		}
		int s = code4(tsv_get(r, c[0]));
		if (s < 0) {
			rc = bad_value(r, "ssyk", tsv_get(r, c[0]));
			break;
		}
		x->has_yb = 1;
		struct yb *y = &x->yb[s];
		if (y->verdict)
			continue; /* the first row of a code is kept */
		y->omgang = estrdup(tsv_get(r, c[1]));
		y->verdict = estrdup(tsv_get(r, c[2]));
		y->jobb = estrdup(tsv_get(r, c[3]));
		y->prognos = estrdup(tsv_get(r, c[4]));
	}
	tsv_reader_close(r);
	return rc;
}

/* ---- survey estimation ------------------------------------------------ */

static int cmp_row(const void *pa, const void *pb)
{
	const struct occrow *a = pa, *b = pb;
	if (a->ssyk != b->ssyk)
		return a->ssyk < b->ssyk ? -1 : 1;
	return a->unit < b->unit ? -1 : a->unit > b->unit;
}

/* The item values of a row: A_k and B_k of estimate k (k = 0: the total,
 * B unused). */
static void row_items(const struct occrow *row, double A[NEST], double B[NEST])
{
	double has_sit = row->sit >= 0;
	A[E_PLANNED] = row->planned;
	B[E_PLANNED] = 1;
	A[E_PLANNED_W] = row->planned_w;
	B[E_PLANNED_W] = 1;
	A[E_BRIST] = row->sit == 0;
	A[E_BALANS] = row->sit == 1;
	A[E_GOD] = row->sit == 2;
	A[E_BALANCE] = 100.0 * ((row->sit == 0) - (row->sit == 2));
	B[E_BRIST] = B[E_BALANS] = B[E_GOD] = B[E_BALANCE] = has_sit;
	A[E_NET1] = row->ch1 >= -1 ? 100.0 * row->ch1 : 0;
	B[E_NET1] = row->ch1 >= -1;
	A[E_NET3] = row->ch3 >= -1 ? 100.0 * row->ch3 : 0;
	B[E_NET3] = row->ch3 >= -1;
}

static int unit_in_area(const struct ctx *x, size_t unit, size_t a)
{
	int k = x->unit_kommun[unit];
	for (size_t i = 0; i < x->nkarea[k]; i++)
		if (x->karea[k][i] == a)
			return 1;
	return 0;
}

struct est_work {
	size_t *stamp;     /* per group: last block id that touched it */
	size_t *touched;
	struct survey_moments *mom;  /* per group x NEST */
	long *r_g;
	double *N_g, *m2;
};

static void estimate(struct ctx *x, struct est_work *w, size_t blockid, size_t a,
		     const struct occrow *rows, size_t n, struct survey_est *e)
{
	const struct survey_design *d = x->design;
	struct survey_ratio_acc acc[NEST] = { { 0 } };
	double A[NEST], B[NEST];
	memset(e, 0, sizeof *e);
	for (size_t i = 0; i < n; i++) {
		if (!unit_in_area(x, rows[i].unit, a))
			continue;
		double wt = d->unit[rows[i].unit].weight;
		row_items(&rows[i], A, B);
		e->n++;
		if (B[E_BALANCE] > 0) {
			e->sw_sit += wt;
			e->sw2_sit += wt * wt;
		}
		e->n_winsorised += rows[i].planned_w < rows[i].planned;
		e->n_above_workplace += rows[i].above_workplace;
		for (int k = 0; k < NEST; k++) {
			survey_ratio_add(&acc[k], wt, A[k], B[k]);
			e->n_item[k] += B[k] > 0;
		}
	}
	if (e->n == 0)
		return;
	double R[NEST];
	for (int k = 0; k < NEST; k++)
		R[k] = k == E_PLANNED || k == E_PLANNED_W ? acc[k].num : survey_ratio_value(&acc[k]);
	size_t nt = 0;
	for (size_t i = 0; i < n; i++) {
		if (!unit_in_area(x, rows[i].unit, a))
			continue;
		const struct survey_unit *u = &d->unit[rows[i].unit];
		size_t g = d->stratum[u->stratum].group;
		if (w->stamp[g] != blockid) {
			w->stamp[g] = blockid;
			w->touched[nt++] = g;
			memset(&w->mom[g * NEST], 0, NEST * sizeof *w->mom);
		}
		row_items(&rows[i], A, B);
		for (int k = 0; k < NEST; k++) {
			double z = k == E_PLANNED || k == E_PLANNED_W ? u->weight * A[k] :
				   survey_ratio_z(&acc[k], u->weight, A[k], B[k]);
			survey_moments_add(&w->mom[g * NEST + k], z);
		}
	}
	for (size_t t = 0; t < nt; t++) {
		w->r_g[t] = d->group[w->touched[t]].r;
		w->N_g[t] = d->group[w->touched[t]].N;
	}
	for (int k = 0; k < NEST; k++) {
		for (size_t t = 0; t < nt; t++)
			w->m2[t] = survey_moments_m2(&w->mom[w->touched[t] * NEST + k], w->r_g[t]);
		e->est[k] = R[k];
		e->var[k] = isnan(R[k]) ? NAN : survey_strat_var_m2(nt, w->r_g, w->N_g, w->m2);
	}
}

static const struct ctx *wins_ctx;

static int cmp_row_kommun(const void *pa, const void *pb)
{
	const struct occrow *a = *(const struct occrow *const *)pa, *b = *(const struct occrow *const *)pb;
	int ka = wins_ctx->unit_kommun[a->unit], kb = wins_ctx->unit_kommun[b->unit];
	if (ka != kb)
		return ka < kb ? -1 : 1;
	if (a->ssyk != b->ssyk)
		return a->ssyk < b->ssyk ? -1 : 1;
	return a->unit < b->unit ? -1 : a->unit > b->unit;
}

/* Planned hires with an extreme weighted contribution are winsorised
 * (type II, Chambers 1986; cutoffs of Kokic & Bell 1994, winsor.h): per
 * municipality, one constant L over its rows, each row's cutoff from the
 * weighted mean of its occupation in that municipality. A row planning
 * more hires than its workplace employs is marked. */
static void winsorise_planned(struct ctx *x)
{
	size_t n = x->nrows;
	struct occrow **ix = emalloc((n ? n : 1) * sizeof *ix);
	double *y = emalloc((n ? n : 1) * sizeof *y), *wt = emalloc((n ? n : 1) * sizeof *wt);
	double *mu = emalloc((n ? n : 1) * sizeof *mu), *out = emalloc((n ? n : 1) * sizeof *out);
	for (size_t i = 0; i < n; i++) {
		ix[i] = &x->rows[i];
		double emp = x->unit_employees ? x->unit_employees[x->rows[i].unit] : NAN;
		x->rows[i].planned_w = x->rows[i].planned;
		x->rows[i].above_workplace = isfinite(emp) && x->rows[i].planned > emp;
	}
	wins_ctx = x;
	qsort(ix, n, sizeof *ix, cmp_row_kommun);
	size_t total_w = 0;
	for (size_t i = 0; i < n;) {
		int k = x->unit_kommun[ix[i]->unit];
		size_t j = i;
		while (j < n && x->unit_kommun[ix[j]->unit] == k)
			j++;
		for (size_t a = i; a < j;) {
			size_t b = a;
			double sw = 0, swy = 0;
			while (b < j && ix[b]->ssyk == ix[a]->ssyk) {
				double w = x->design->unit[ix[b]->unit].weight;
				sw += w;
				swy += w * ix[b]->planned;
				b++;
			}
			for (size_t t = a; t < b; t++)
				mu[t - i] = sw > 0 ? swy / sw : 0;
			a = b;
		}
		for (size_t t = i; t < j; t++) {
			y[t - i] = ix[t]->planned;
			wt[t - i] = x->design->unit[ix[t]->unit].weight;
		}
		double L;
		if (winsor_kb(j - i, y, wt, mu, out, &L) == 0) {
			size_t nw = 0;
			for (size_t t = i; t < j; t++) {
				ix[t]->planned_w = out[t - i];
				nw += out[t - i] < y[t - i];
			}
			total_w += nw;
		}
		i = j;
	}
	if (total_w)
		msg_note("planned hires: %zu survey rows winsorised (docs/METHOD.md)", total_w);
	free(ix);
	free(y);
	free(wt);
	free(mu);
	free(out);
}

static void estimate_survey(struct ctx *x)
{
	qsort(x->rows, x->nrows, sizeof *x->rows, cmp_row);
	/* a second row for the same (response, occupation) is ignored */
	size_t k = 0, dups = 0;
	for (size_t i = 0; i < x->nrows; i++) {
		if (k && x->rows[k - 1].ssyk == x->rows[i].ssyk && x->rows[k - 1].unit == x->rows[i].unit) {
			dups++;
			continue;
		}
		x->rows[k++] = x->rows[i];
	}
	if (dups)
		msg_error("occupations.tsv: %zu repeated (response_id, ssyk) rows ignored", dups);
	x->nrows = k;
	winsorise_planned(x);
	size_t ng = x->design->ngroups ? x->design->ngroups : 1;
	struct est_work w = {
		.stamp = emalloc(ng * sizeof(size_t)),
		.touched = emalloc(ng * sizeof(size_t)),
		.mom = emalloc(ng * NEST * sizeof(struct survey_moments)),
		.r_g = emalloc(ng * sizeof(long)),
		.N_g = emalloc(ng * sizeof(double)),
		.m2 = emalloc(ng * sizeof(double)),
	};
	for (size_t g = 0; g < ng; g++)
		w.stamp[g] = (size_t)-1;
	size_t blockid = 0;
	for (size_t i = 0; i < x->nrows;) {
		size_t j = i;
		while (j < x->nrows && x->rows[j].ssyk == x->rows[i].ssyk)
			j++;
		for (size_t a = 0; a < x->nareas; a++) {
			struct survey_est e;
			estimate(x, &w, blockid++, a, x->rows + i, j - i, &e);
			if (e.n == 0)
				continue;
			struct occ *o = occ_get(x, a, x->rows[i].ssyk);
			o->has_survey = 1;
			o->sv = e;
		}
		i = j;
	}
	free(w.stamp);
	free(w.touched);
	free(w.mom);
	free(w.r_g);
	free(w.N_g);
	free(w.m2);
}

/* ---- registry indicators and verdicts --------------------------------- */

static void base_indicators(const struct ctx *x, const struct occ *o, struct indicators *in)
{
	const struct shortage_options *opt = x->opt;
	in->employed = o->emp[x->ney - 1];
	in->employed_first = o->emp[0];
	in->emp_change = in->employed - in->employed_first;
	in->emp_change_pct = in->employed_first > 0 ? 100.0 * in->emp_change / in->employed_first : NAN;
	in->emp_growth = registry_growth_rate(in->employed_first, in->employed, (double)(x->ney - 1));
	double *years = emalloc((x->ney > x->nvy ? x->ney : x->nvy) * sizeof *years + 1);
	for (size_t i = 0; i < x->ney; i++)
		years[i] = x->ey0 + (double)i;
	double se;
	registry_trend(years, o->emp, x->ney, &in->emp_slope, &se);
	in->expansion5 = isfinite(in->emp_slope) ? 5 * in->emp_slope : 0;
	in->expansion10 = isfinite(in->emp_slope) ? 10 * in->emp_slope : 0;
	/* without an age split, replacement demand is unknown, not 0 */
	in->repl5 = x->no_age_split ? NAN : registry_exits(o->band, opt->exit5);
	in->repl10 = x->no_age_split ? NAN : registry_exits(o->band, opt->exit10);
	in->open5 = registry_openings(in->expansion5, in->repl5);
	in->open10 = registry_openings(in->expansion10, in->repl10);
	in->jspv = o->positions > 0 ? o->jobseekers / o->positions : NAN;
	double *days = emalloc((o->ndays ? o->ndays : 1) * sizeof *days);
	if (o->ndays)
		memcpy(days, o->days, o->ndays * sizeof *days);
	in->median_days = registry_median(days, o->ndays);
	free(days);
	for (size_t i = 0; i < x->nvy; i++)
		years[i] = x->vy0 + (double)i;
	registry_trend(years, o->vac, x->nvy, &in->vac_trend, &in->vac_trend_se);
	double sum = 0;
	for (size_t i = 0; i < x->nvy; i++)
		sum += o->vac[i];
	in->vac_mean = x->nvy ? sum / (double)x->nvy : NAN;
	in->vac_trend_rel = in->vac_mean > 0 ? in->vac_trend / in->vac_mean : NAN;
	free(years);
}

/* Jobseekers per vacancy relative to the area's: the area's ratio over the
 * occupation's, so that above 1 means fewer jobseekers per vacancy than the
 * area (shortage); INFINITY with vacancies and no jobseekers, 0 with
 * jobseekers and no vacancies, NaN when unknown (the paradox flag). */
static double js_per_vacancy_rel(const struct occ *o, const struct occ *tot)
{
	double js = o->jobseekers, v = o->positions;
	double JS = tot->jobseekers, V = tot->positions;
	/* js is NaN when unknown (suppressed) */
	if (!(JS > 0 && V > 0) || isnan(js))
		return NAN;
	if (v > 0)
		return js > 0 ? (JS / V) / (js / v) : INFINITY;
	return js > 0 ? 0 : NAN;
}

static void compute_indicators(struct ctx *x)
{
	for (size_t a = 0; a < x->nareas; a++) {
		struct occ *t = &x->total[a];
		t->emp = ecalloc(x->ney ? x->ney : 1, sizeof *t->emp);
		t->vac = ecalloc(x->nvy ? x->nvy : 1, sizeof *t->vac);
		for (int s = 0; s < NCODES; s++) {
			const struct occ *o = x->occ[a][s];
			if (!o)
				continue;
			for (size_t i = 0; i < x->ney; i++)
				t->emp[i] += o->emp[i];
			for (size_t i = 0; i < x->nvy; i++)
				t->vac[i] += o->vac[i];
			for (int b = 0; b < REGISTRY_NBANDS; b++)
				t->band[b] += o->band[b];
			/* an unknown (suppressed) count is left out of the area's */
			if (!isnan(o->jobseekers))
				t->jobseekers += o->jobseekers;
			t->positions += o->positions;
			t->ads += o->ads;
			t->ads_all += o->ads_all;
		}
		base_indicators(x, t, &t->ind);
		for (int s = 0; s < NCODES; s++) {
			struct occ *o = x->occ[a][s];
			if (!o)
				continue;
			base_indicators(x, o, &o->ind);
			o->ind.js_per_vacancy_rel = js_per_vacancy_rel(o, t);
		}
	}
}

/* ---- output ----------------------------------------------------------- */

static double per1000(double v, double employed)
{
	return employed > 0 ? 1000.0 * v / employed : NAN;
}

static void put_interval_normal(struct tsv_writer *w, double est, double var, double z, double lo_min,
				double hi_max, int decimals)
{
	double se = var >= 0 ? sqrt(var) : NAN;
	double lo = est - z * se, hi = est + z * se;
	if (lo < lo_min)
		lo = lo_min;
	if (hi > hi_max)
		hi = hi_max;
	tsv_put_fixed(w, se, decimals);
	tsv_put_fixed(w, lo, decimals);
	tsv_put_fixed(w, hi, decimals);
}

struct share_ci {
	double p, se, lo, hi, neff;
};

static struct share_ci share_interval(const struct survey_est *e, int k, double z)
{
	struct share_ci c;
	c.p = e->est[k];
	c.se = e->var[k] >= 0 ? sqrt(e->var[k]) : NAN;
	c.neff = survey_effective_n(c.p, e->var[k], (double)e->n_item[k]);
	survey_wilson(c.p, c.neff, z, &c.lo, &c.hi);
	return c;
}

static void flag_add(char *buf, size_t cap, const char *f)
{
	size_t n = strlen(buf);
	snprintf(buf + n, cap - n, "%s%s", n ? ";" : "", f);
}


/* ---- credible shortage (docs/METHOD.md, "Credible shortage") ----------- */

static int is_kommun_area(const struct ctx *x, size_t a)
{
	return strcmp(x->area[a].type, "kommun") == 0;
}

/* A count indicator (ads or jobseekers over the analysis years per employed
 * person): Poisson-gamma smoothing of the relative rate toward a prior. In
 * a municipality the prior is the occupation's rate in the other reporting
 * municipalities, itself smoothed toward its SSYK 3-digit group there;
 * without other municipalities, and in a county or the whole input, the
 * prior is the 3-digit group's rate in the same area. Writes obs, expct,
 * raw, prior, smooth, y, v and avail of indicator K. An unknown count
 * (NaN: a suppressed published count) leaves the occupation out of every
 * rate and fit; its indicator is not available. */
static void cred_counts(struct ctx *x, int k, double (*count)(const struct occ *))
{
	size_t na = x->nareas;
	double *rate = ecalloc(na, sizeof *rate);
	for (size_t a = 0; a < na; a++) {
		double O = 0, E = 0;
		for (int s = 0; s < NCODES; s++) {
			const struct occ *o = x->occ[a][s];
			if (o && !isnan(count(o))) {
				O += count(o);
				E += o->ind.employed;
			}
		}
		rate[a] = E > 0 ? O / E : 0;
	}
	/* totals over the municipalities, to leave one out */
	double *Oall = ecalloc(NCODES, sizeof *Oall), *eall = ecalloc(NCODES, sizeof *eall);
	size_t nkom = 0;
	for (size_t a = 0; a < na; a++) {
		if (!is_kommun_area(x, a))
			continue;
		nkom++;
		for (int s = 0; s < NCODES; s++) {
			const struct occ *o = x->occ[a][s];
			if (o && !isnan(count(o))) {
				Oall[s] += count(o);
				eall[s] += o->ind.employed * rate[a];
			}
		}
	}
	double *O = emalloc(NCODES * sizeof *O), *e = emalloc(NCODES * sizeof *e);
	double *m = emalloc(NCODES * sizeof *m);
	double Og[1000], eg[1000];
	int *idx = emalloc(NCODES * sizeof *idx);
	for (size_t a = 0; a < na; a++) {
		int others = is_kommun_area(x, a) && nkom > 1;
		size_t n = 0;
		for (int s = 0; s < NCODES; s++) {
			struct occ *o = x->occ[a][s];
			if (o && !isnan(count(o))) {
				idx[n++] = s;
			} else if (o) {
				struct cred *c = &o->cr;
				c->obs[k] = c->expct[k] = c->raw[k] = c->prior[k] = NAN;
				c->avail[k] = 0;
			}
		}
		/* the parent level: other municipalities, or this area */
		memset(Og, 0, sizeof Og);
		memset(eg, 0, sizeof eg);
		for (size_t i = 0; i < n; i++) {
			int s = idx[i];
			const struct occ *o = x->occ[a][s];
			if (others) {
				O[i] = Oall[s] - count(o);
				e[i] = eall[s] - o->ind.employed * rate[a];
			} else {
				O[i] = count(o);
				e[i] = o->ind.employed * rate[a];
			}
			if (e[i] < 0)
				e[i] = 0;
			Og[s / 10] += O[i];
			eg[s / 10] += e[i];
		}
		/* one pseudo-event at the parent's overall rate keeps a group
		 * without employed or events at 1 */
		for (size_t i = 0; i < n; i++)
			m[i] = (Og[idx[i] / 10] + 1) / (eg[idx[i] / 10] + 1);
		double *prior = emalloc((n ? n : 1) * sizeof *prior);
		if (others) {
			struct eb_gamma f1;
			int ok = eb_gamma_fit(n, O, e, m, &f1) == 0;
			for (size_t i = 0; i < n; i++) {
				double pm = NAN;
				if (ok && (e[i] > 0 || O[i] == 0))
					eb_gamma_posterior(&f1, O[i], e[i], m[i], 0.95, &pm, NULL, NULL, NULL);
				prior[i] = isfinite(pm) && pm > 0 ? pm : m[i];
			}
		} else {
			for (size_t i = 0; i < n; i++)
				prior[i] = m[i];
		}
		/* this area */
		for (size_t i = 0; i < n; i++) {
			const struct occ *o = x->occ[a][idx[i]];
			O[i] = count(o);
			e[i] = o->ind.employed * rate[a];
		}
		struct eb_gamma f;
		int ok = eb_gamma_fit(n, O, e, prior, &f) == 0;
		for (size_t i = 0; i < n; i++) {
			struct cred *c = &x->occ[a][idx[i]]->cr;
			c->obs[k] = O[i];
			c->expct[k] = e[i];
			c->raw[k] = e[i] > 0 ? O[i] / e[i] : NAN;
			c->prior[k] = prior[i];
			c->avail[k] = 0;
			if (!ok || !(e[i] > 0))
				continue;
			double mean, ml, vl;
			eb_gamma_posterior(&f, O[i], e[i], prior[i], 0.95, &mean, NULL, NULL, NULL);
			eb_gamma_log_posterior(&f, O[i], e[i], prior[i], &ml, &vl);
			if (!isfinite(ml) || !isfinite(vl))
				continue;
			c->smooth[k] = mean;
			c->y[k] = ml;
			/* the exposure is a count too: employed in one year of a
			 * small occupation varies (Poisson: var log E = 1/E) */
			c->v[k] = vl + 1 / x->occ[a][idx[i]]->ind.employed;
			c->avail[k] = 1;
		}
		free(prior);
	}
	free(idx);
	free(O);
	free(e);
	free(m);
	free(Oall);
	free(eall);
	free(rate);
}

static double count_ads(const struct occ *o)
{
	return (double)o->ads_all;
}

static double count_jobseekers(const struct occ *o)
{
	return o->jobseekers;
}

/* Per-area work arrays of the normal-normal indicators (days open, ad
 * trend): one slot per occupation code. */
struct smooth_work {
	int *idx;
	double *yo, *vo, *y, *v, *m, *mv, *pm, *pv;
	unsigned char *useo, *use;
};

static void smooth_work_alloc(struct smooth_work *w)
{
	w->idx = emalloc(NCODES * sizeof *w->idx);
	double **d[] = { &w->yo, &w->vo, &w->y, &w->v, &w->m, &w->mv, &w->pm, &w->pv };
	for (size_t k = 0; k < sizeof d / sizeof d[0]; k++)
		*d[k] = emalloc(NCODES * sizeof **d[k]);
	w->useo = emalloc(NCODES);
	w->use = emalloc(NCODES);
}

static void smooth_work_free(struct smooth_work *w)
{
	free(w->idx);
	double *d[] = { w->yo, w->vo, w->y, w->v, w->m, w->mv, w->pm, w->pv };
	for (size_t k = 0; k < sizeof d / sizeof d[0]; k++)
		free(d[k]);
	free(w->useo);
	free(w->use);
}

/* Days open: the log of the mean days open of closed ads, with sampling
 * variance cv^2 / n (cv^2 of the area's closed ads), smoothed by a
 * normal-normal model toward the occupation in the other municipalities
 * (themselves smoothed toward the area's overall mean), or toward the
 * area's overall mean. */
static void cred_days(struct ctx *x)
{
	size_t na = x->nareas;
	double *cv2 = ecalloc(na, sizeof *cv2), *lmean = ecalloc(na, sizeof *lmean);
	double *Sall = ecalloc(NCODES, sizeof *Sall), *Nall = ecalloc(NCODES, sizeof *Nall);
	size_t nkom = 0;
	for (size_t a = 0; a < na; a++) {
		double s = 0, s2 = 0, n = 0;
		for (int c = 0; c < NCODES; c++) {
			const struct occ *o = x->occ[a][c];
			if (!o)
				continue;
			s += o->closed_sum;
			s2 += o->closed_sum2;
			n += o->closed_n;
			if (is_kommun_area(x, a)) {
				Sall[c] += o->closed_sum;
				Nall[c] += o->closed_n;
			}
		}
		nkom += is_kommun_area(x, a);
		double mu = n > 0 ? s / n : NAN;
		cv2[a] = n > 1 && mu > 0 ? (s2 / n - mu * mu) / (mu * mu) : 1;
		if (!(cv2[a] > 0))
			cv2[a] = 1;
		lmean[a] = mu > 0 ? log(mu) : 0;
	}
	struct smooth_work w;
	smooth_work_alloc(&w);
	for (size_t a = 0; a < na; a++) {
		int others = is_kommun_area(x, a) && nkom > 1;
		size_t n = 0;
		for (int c = 0; c < NCODES; c++)
			if (x->occ[a][c])
				w.idx[n++] = c;
		for (size_t i = 0; i < n; i++) {
			const struct occ *o = x->occ[a][w.idx[i]];
			double S = Sall[w.idx[i]] - o->closed_sum, N = Nall[w.idx[i]] - o->closed_n;
			w.useo[i] = others && N > 0 && S > 0;
			w.yo[i] = w.useo[i] ? log(S / N) : 0;
			w.vo[i] = w.useo[i] ? cv2[a] / N : 0;
			w.use[i] = o->closed_n > 0 && o->closed_sum > 0;
			w.y[i] = w.use[i] ? log(o->closed_sum / o->closed_n) : 0;
			w.v[i] = w.use[i] ? cv2[a] / o->closed_n : 0;
		}
		cred_normal_two_level(n, lmean[a], others ? w.yo : NULL, w.vo, w.useo, w.y, w.v, w.use, 1e-4,
				      w.m, w.mv, w.pm, w.pv);
		for (size_t i = 0; i < n; i++) {
			struct cred *c = &x->occ[a][w.idx[i]]->cr;
			const struct occ *o = x->occ[a][w.idx[i]];
			c->obs[CRED_DAYS] = o->closed_n;
			c->raw[CRED_DAYS] = w.use[i] ? o->closed_sum / o->closed_n : NAN;
			c->prior[CRED_DAYS] = exp(w.m[i]);
			c->smooth[CRED_DAYS] = exp(w.pm[i]);
			c->y[CRED_DAYS] = w.pm[i];
			c->v[CRED_DAYS] = w.pv[i];
			/* the prior alone says nothing of this occupation here */
			c->avail[CRED_DAYS] = w.use[i];
		}
	}
	smooth_work_free(&w);
	free(Sall);
	free(Nall);
	free(cv2);
	free(lmean);
}

/* The trend of an occupation's job-ad positions: the slope of log
 * positions per year over the vacancy years, by weighted least squares of
 * log(c_t + 1/2) on t with weights c_t + 1/2 (the Poisson variance of a log
 * count), variance 1 / sum w_t (t - tbar)^2. Returns 0 with fewer than 3
 * years or no positions. */
static int log_trend(const double *c, size_t n, double *slope, double *var)
{
	if (n < 3)
		return 0;
	double sw = 0, st = 0, sy = 0, tot = 0;
	for (size_t t = 0; t < n; t++) {
		double w = c[t] + 0.5;
		sw += w;
		st += w * (double)t;
		sy += w * log(w);
		tot += c[t];
	}
	if (!(tot > 0))
		return 0;
	double tb = st / sw, yb = sy / sw, sxx = 0, sxy = 0;
	for (size_t t = 0; t < n; t++) {
		double w = c[t] + 0.5, d = (double)t - tb;
		sxx += w * d * d;
		sxy += w * d * (log(w) - yb);
	}
	*slope = sxy / sxx;
	*var = 1 / sxx;
	return 1;
}

/* The vacancy trend as an indicator: each occupation's log-linear slope,
 * smoothed (normal-normal) toward the same occupation's slope in the other
 * municipalities (itself smoothed toward the area's overall slope), or
 * toward the area's overall slope. */
static void cred_trend(struct ctx *x)
{
	size_t na = x->nareas, ny = x->nvy;
	double *all = ecalloc(NCODES * (ny ? ny : 1), sizeof *all);
	double *tmp = emalloc((ny ? ny : 1) * sizeof *tmp);
	size_t nkom = 0;
	for (size_t a = 0; a < na; a++) {
		if (!is_kommun_area(x, a))
			continue;
		nkom++;
		for (int c = 0; c < NCODES; c++) {
			const struct occ *o = x->occ[a][c];
			if (o)
				for (size_t t = 0; t < ny; t++)
					all[(size_t)c * ny + t] += o->vac[t];
		}
	}
	struct smooth_work w;
	smooth_work_alloc(&w);
	for (size_t a = 0; a < na; a++) {
		int others = is_kommun_area(x, a) && nkom > 1;
		size_t n = 0;
		for (int c = 0; c < NCODES; c++)
			if (x->occ[a][c])
				w.idx[n++] = c;
		double g = 0, gv = 0;
		if (!log_trend(x->total[a].vac, ny, &g, &gv))
			g = 0;
		for (size_t i = 0; i < n; i++) {
			const struct occ *o = x->occ[a][w.idx[i]];
			w.useo[i] = 0;
			if (others) {
				for (size_t t = 0; t < ny; t++)
					tmp[t] = all[(size_t)w.idx[i] * ny + t] - o->vac[t];
				w.useo[i] = (unsigned char)log_trend(tmp, ny, &w.yo[i], &w.vo[i]);
			}
			w.use[i] = (unsigned char)log_trend(o->vac, ny, &w.y[i], &w.v[i]);
		}
		cred_normal_two_level(n, g, others ? w.yo : NULL, w.vo, w.useo, w.y, w.v, w.use, 1e-6, w.m,
				      w.mv, w.pm, w.pv);
		for (size_t i = 0; i < n; i++) {
			struct cred *c = &x->occ[a][w.idx[i]]->cr;
			c->obs[CRED_TREND] = (double)x->occ[a][w.idx[i]]->ads_all;
			c->raw[CRED_TREND] = w.use[i] ? w.y[i] : NAN;
			c->prior[CRED_TREND] = w.m[i];
			c->smooth[CRED_TREND] = w.pm[i];
			c->y[CRED_TREND] = w.pm[i];
			c->v[CRED_TREND] = w.pv[i];
			c->avail[CRED_TREND] = w.use[i];
		}
	}
	smooth_work_free(&w);
	free(all);
	free(tmp);
}

/* Kish's design effect n sum w^2 / (sum w)^2 of the N answers to the
 * recruitment situation behind E. */
static double kish_deff(const struct survey_est *e, double n)
{
	return n * e->sw2_sit / (e->sw_sit * e->sw_sit);
}

/* The survey's recruitment balance: the direct estimate with a generalised
 * variance: the area's per-answer variance of the balance item times
 * Kish's design effect n sum w^2 / (sum w)^2 over the n answers. */
static void cred_survey(struct ctx *x)
{
	for (size_t a = 0; a < x->nareas; a++) {
		double sw = 0, sb = 0, sg = 0;
		for (int c = 0; c < NCODES; c++) {
			const struct occ *o = x->occ[a][c];
			if (!o || !o->has_survey || !(o->sv.sw_sit > 0))
				continue;
			sw += o->sv.sw_sit;
			sb += o->sv.est[E_BRIST] * o->sv.sw_sit;
			sg += o->sv.est[E_GOD] * o->sv.sw_sit;
		}
		double pb = sw > 0 ? sb / sw : 0, pg = sw > 0 ? sg / sw : 0;
		double s2 = 1e4 * (pb + pg) - 1e4 * (pb - pg) * (pb - pg);
		if (!(s2 > 0))
			s2 = 1e4;
		for (int c = 0; c < NCODES; c++) {
			struct occ *o = x->occ[a][c];
			if (!o)
				continue;
			struct cred *cr = &o->cr;
			long n = o->has_survey ? o->sv.n_item[E_BALANCE] : 0;
			cr->obs[CRED_SURVEY] = (double)n;
			cr->avail[CRED_SURVEY] = n > 0 && o->sv.sw_sit > 0 && isfinite(o->sv.est[E_BALANCE]);
			if (!cr->avail[CRED_SURVEY]) {
				cr->raw[CRED_SURVEY] = NAN;
				continue;
			}
			double deff = kish_deff(&o->sv, (double)n);
			cr->raw[CRED_SURVEY] = o->sv.est[E_BALANCE];
			cr->smooth[CRED_SURVEY] = o->sv.est[E_BALANCE];
			cr->y[CRED_SURVEY] = o->sv.est[E_BALANCE];
			cr->v[CRED_SURVEY] = s2 * deff / (double)n;
		}
	}
}

struct rank_item {
	double S, p, employed;
	int ssyk;
	struct cred *c;
};

static int cmp_rank_item(const void *pa, const void *pb)
{
	const struct rank_item *a = pa, *b = pb;
	if (a->S != b->S)
		return a->S > b->S ? -1 : 1;
	if (a->p != b->p)
		return a->p > b->p ? -1 : 1;
	return a->ssyk < b->ssyk ? -1 : a->ssyk > b->ssyk;
}

static void credible_model(struct ctx *x)
{
	const struct shortage_options *opt = x->opt;
	static const double sign[CRED_NIND] = { 1, -1, 1, 1, 1 };
	cred_counts(x, CRED_ADS, count_ads);
	cred_counts(x, CRED_JOBSEEKERS, count_jobseekers);
	cred_days(x);
	cred_trend(x);
	cred_survey(x);
	/* standardise within each area: weights 1 + employed over the
	 * occupations where the indicator is available */
	double *y = emalloc(NCODES * sizeof *y), *w = emalloc(NCODES * sizeof *w);
	unsigned char *use = emalloc(NCODES);
	for (size_t a = 0; a < x->nareas; a++) {
		for (int k = 0; k < CRED_NIND; k++) {
			for (int c = 0; c < NCODES; c++) {
				const struct occ *o = x->occ[a][c];
				use[c] = o && o->cr.avail[k];
				y[c] = use[c] ? o->cr.y[k] : 0;
				w[c] = o ? 1 + o->ind.employed : 0;
			}
			double mu, sd;
			cred_standardize(NCODES, y, w, use, &mu, &sd);
			for (int c = 0; c < NCODES; c++) {
				struct occ *o = x->occ[a][c];
				if (!o)
					continue;
				if (!(sd > 0))
					o->cr.avail[k] = 0;
				if (!o->cr.avail[k])
					continue;
				o->cr.z[k] = sign[k] * (o->cr.y[k] - mu) / sd;
				o->cr.zv[k] = o->cr.v[k] / (sd * sd);
			}
		}
	}
	free(y);
	free(w);
	free(use);
	/* loadings: pooled over the municipalities' occupations with every
	 * indicator and at least loading_min_employed employed */
	size_t cap = 1024, n = 0;
	double *Z = emalloc(cap * CRED_NIND * sizeof *Z), *V = emalloc(cap * CRED_NIND * sizeof *V);
	for (size_t a = 0; a < x->nareas; a++) {
		if (!is_kommun_area(x, a))
			continue;
		for (int c = 0; c < NCODES; c++) {
			const struct occ *o = x->occ[a][c];
			if (!o || o->ind.employed < (double)opt->loading_min_employed)
				continue;
			int all = 1;
			for (int k = 0; k < CRED_NIND; k++)
				all &= o->cr.avail[k];
			if (!all)
				continue;
			if (n == cap) {
				cap *= 2;
				Z = erealloc(Z, cap * CRED_NIND * sizeof *Z);
				V = erealloc(V, cap * CRED_NIND * sizeof *V);
			}
			memcpy(&Z[n * CRED_NIND], o->cr.z, sizeof o->cr.z);
			memcpy(&V[n * CRED_NIND], o->cr.zv, sizeof o->cr.zv);
			n++;
		}
	}
	int fallback = cred_loadings(n, CRED_NIND, Z, V, NULL, 10, 0.02, 0.5, x->loading, x->tau2);
	free(Z);
	free(V);
	if (msg_verbose()) {
		static const char *const name[CRED_NIND] = { "ads", "jobseekers", "days open", "survey",
							     "ad trend" };
		char buf[512];
		size_t len = 0;
		for (int k = 0; k < CRED_NIND; k++)
			len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s %.3f (noise %.3f)", k ? ", " : "",
						name[k], x->loading[k], x->tau2[k]);
		msg_note("shortage index: loadings %s from %zu occupations%s", buf, n,
			 fallback ? " (too few: fixed values)" : "");
	}
	x->loading_n = n;
	x->loading_fallback = fallback;
	/* index, evidence, verdict, rank */
	struct rank_item *items = emalloc(NCODES * sizeof *items);
	size_t *order = emalloc(NCODES * sizeof *order);
	double *size = emalloc(NCODES * sizeof *size);
	for (size_t a = 0; a < x->nareas; a++) {
		size_t ni = 0;
		for (int c = 0; c < NCODES; c++) {
			struct occ *o = x->occ[a][c];
			if (!o)
				continue;
			struct cred *cr = &o->cr;
			cred_composite(CRED_NIND, cr->z, cr->zv, cr->avail, x->loading, x->tau2, &cr->S,
				       &cr->Svar);
			cr->p_brist = gsl_cdf_ugaussian_P((cr->S - opt->index_brist) / sqrt(cr->Svar));
			/* an unknown (suppressed) count of jobseekers is no evidence */
			double events = (double)o->ads_all + (isnan(o->jobseekers) ? 0 : o->jobseekers);
			long nsit = o->has_survey ? o->sv.n_item[E_BRIST] : 0;
			cr->evidence[0] = '\0';
			if (o->ind.employed < opt->min_employed)
				flag_add(cr->evidence, sizeof cr->evidence, "few_employed");
			if (events < opt->min_events && nsit < opt->min_respondents)
				flag_add(cr->evidence, sizeof cr->evidence, "few_events");
			cr->assessed = cr->evidence[0] == '\0';
			cr->rank = 0;
			if (cr->assessed)
				items[ni++] = (struct rank_item){ cr->S, cr->p_brist, o->ind.employed, c, cr };
		}
		qsort(items, ni, sizeof *items, cmp_rank_item);
		/* the head of the ranking (the top lists) needs top_min_employed
		 * employed; smaller assessed occupations follow it in their order */
		for (size_t i = 0; i < ni; i++) {
			order[i] = i;
			size[i] = items[i].employed;
		}
		cred_rank_head(ni, order, size, opt->top_min_employed, (size_t)opt->top_ranks);
		for (size_t i = 0; i < ni; i++)
			items[order[i]].c->rank = (long)i + 1;
	}
	free(items);
	free(order);
	free(size);
}

static enum verdict credible_verdict(const struct shortage_options *opt, const struct cred *c)
{
	if (!c->assessed)
		return VERDICT_X;
	if (c->S >= opt->index_brist)
		return VERDICT_BRIST;
	if (c->S >= opt->index_watch)
		return VERDICT_BEVAKA;
	if (c->S <= opt->index_surplus)
		return VERDICT_OVERSKOTT;
	return VERDICT_BALANS;
}

/* shortage.tsv, shortage_survey.tsv and shortage_registry.tsv
 * (pipeline/shortage_tables.c describes each column): the same rows in the
 * same order, written side by side; all three or none. */
static int write_shortage(struct ctx *x, const char *outdir)
{
	const struct shortage_options *opt = x->opt;
	struct tsv_writer *w = tabledef_writer_open(&shortage_table_verdict, outdir, 0644);
	struct tsv_writer *ws = w ? tabledef_writer_open(&shortage_table_survey, outdir, 0644) : NULL;
	struct tsv_writer *wr = ws ? tabledef_writer_open(&shortage_table_registry, outdir, 0644) : NULL;
	if (!wr) {
		tsv_writer_abort(w);
		tsv_writer_abort(ws);
		return -1;
	}
	double z = gsl_cdf_ugaussian_Pinv(0.5 + opt->confidence / 2);
	for (size_t a = 0; a < x->nareas; a++) {
		const struct area *ar = &x->area[a];
		const struct occ *t = &x->total[a];
		for (int s = 0; s < NCODES; s++) {
			const struct occ *o = x->occ[a][s];
			if (!o)
				continue;
			const struct indicators *in = &o->ind;
			char code[12];
			snprintf(code, sizeof code, "%04d", s);
			const struct ssyk_entry *se = codes_ssyk_find(x->codes, code);
			const struct survey_est *e = &o->sv;
			long n = o->has_survey ? e->n : 0;
			int publishable = n >= opt->min_respondents;
			double planned = n ? e->est[E_PLANNED] : NAN;
			double planned_se = n ? sqrt(e->var[E_PLANNED]) : NAN;
			double cv = planned > 0 ? planned_se / planned : NAN;
			struct share_ci brist = { NAN, NAN, NAN, NAN, NAN }, balans = brist, god = brist;
			if (n) {
				brist = share_interval(e, E_BRIST, z);
				balans = share_interval(e, E_BALANS, z);
				god = share_interval(e, E_GOD, z);
			}
			double balance = n ? e->est[E_BALANCE] : NAN;
			enum verdict comb = credible_verdict(opt, &o->cr);
			char flag[192] = "";
			if (n == 0)
				flag_add(flag, sizeof flag, "no_survey");
			else if (!publishable)
				flag_add(flag, sizeof flag, "few_respondents");
			if (n && cv > opt->max_cv)
				flag_add(flag, sizeof flag, "high_cv");
			if (in->employed < (double)opt->min_persons)
				flag_add(flag, sizeof flag, "few_employed");
			/* what the inputs could not tell */
			if (x->no_age_split)
				flag_add(flag, sizeof flag, "no_age_split");
			if (x->js_aggregated && isnan(o->jobseekers))
				flag_add(flag, sizeof flag, "jobseekers_suppressed");
			/* planned hires a reader cannot believe: more than the
			 * occupation employs in the area, or more than a
			 * workplace employs; values winsorised */
			const struct sae *sa = &o->sae;
			/* published: the EBLUP of occupations with survey answers; the
			 * synthetic estimate of the others stays in shortage_sae.tsv
			 * (a share "employers report" needs employers who answered) */
			int published = strcmp(ar->type, "kommun") == 0 && sa->source == SAE_EBLUP;
			double pm = published ? sa->rate * in->employed : NAN;
			if ((n && planned > in->employed) || pm > in->employed)
				flag_add(flag, sizeof flag, "planned_above_employed");
			if (n && e->n_above_workplace)
				flag_add(flag, sizeof flag, "planned_above_workplace");
			if (n && e->n_winsorised)
				flag_add(flag, sizeof flag, "winsorised");
			if (o->cr.assessed && in->employed < opt->top_min_employed)
				flag_add(flag, sizeof flag, "small_occupation");
			/* paradox: at least the area's average number of jobseekers
			 * per vacancy, yet employers report shortage */
			int many_js = o->jobseekers >= (double)opt->min_persons &&
				      (isnan(in->js_per_vacancy_rel) ? o->positions == 0 :
				       in->js_per_vacancy_rel <= 1.0);
			if (many_js && publishable && brist.p >= opt->paradox_share_brist)
				flag_add(flag, sizeof flag, "paradox");

			/* every table: the key */
			struct tsv_writer *const all[] = { w, ws, wr };
			for (size_t i = 0; i < 3; i++) {
				tsv_put_str(all[i], ar->code);
				tsv_put_str(all[i], ar->type);
				tsv_put_str(all[i], code);
			}

			/* shortage.tsv: the verdict contract */
			const struct cred *cr = &o->cr;
			double sd = sqrt(cr->Svar);
			tsv_put_str(w, se ? se->label_sv : "");
			tsv_put_fixed(w, in->employed, 0);
			tsv_put_str(w, verdict_name(comb));
			tsv_put_str(w, flag);
			tsv_put_fixed(w, cr->S, 4);
			tsv_put_fixed(w, cr->S - z * sd, 4);
			tsv_put_fixed(w, cr->S + z * sd, 4);
			tsv_put_fixed(w, cr->p_brist, 4);
			if (cr->assessed)
				tsv_put_long(w, cr->rank);
			else
				tsv_put_empty(w);
			tsv_put_str(w, cr->evidence);
			tsv_put_str(w, ar->name);
			tsv_put_long(w, x->year);

			/* shortage_survey.tsv */
			tsv_put_fixed(ws, planned, 2);
			double lo = planned - z * planned_se, hi = planned + z * planned_se;
			tsv_put_fixed(ws, lo < 0 ? 0 : lo, 2);
			tsv_put_fixed(ws, hi, 2);
			tsv_put_fixed(ws, brist.p, 4);
			tsv_put_fixed(ws, brist.lo, 4);
			tsv_put_fixed(ws, brist.hi, 4);
			tsv_put_long(ws, n);
			{
				/* the published survey figures: model estimate and interval
				 * (municipalities only; county and SE rows keep the direct) */
				int kom = strcmp(ar->type, "kommun") == 0;
				double sm = published ? sa->share : NAN, ss = sqrt(sa->share_mse);
				double slo = sm - z * ss, shi = sm + z * ss;
				tsv_put_fixed(ws, sm < 0 ? 0 : sm > 1 ? 1 : sm, 4);
				tsv_put_fixed(ws, slo < 0 ? 0 : slo > 1 ? 1 : slo, 4);
				tsv_put_fixed(ws, shi < 0 ? 0 : shi > 1 ? 1 : shi, 4);
				double E = in->employed, rs = sqrt(sa->rate_mse);
				double plo = (sa->rate - z * rs) * E, phi = (sa->rate + z * rs) * E;
				if (!published)
					pm = plo = phi = NAN;
				tsv_put_fixed(ws, pm < 0 ? 0 : pm, 2);
				tsv_put_fixed(ws, plo < 0 ? 0 : plo, 2);
				tsv_put_fixed(ws, phi < 0 ? 0 : phi, 2);
				static const char *const src[] = { "direct", "eblup", "synthetic" };
				tsv_put_str(ws, kom ? src[sa->source] : "direct");
			}
			tsv_put_fixed(ws, per1000(planned, in->employed), 1);
			tsv_put_fixed(ws, planned_se, 2);
			tsv_put_fixed(ws, cv, 4);
			tsv_put_fixed(ws, brist.se, 4);
			tsv_put_fixed(ws, balans.p, 4);
			tsv_put_fixed(ws, balans.lo, 4);
			tsv_put_fixed(ws, balans.hi, 4);
			tsv_put_fixed(ws, god.p, 4);
			tsv_put_fixed(ws, god.lo, 4);
			tsv_put_fixed(ws, god.hi, 4);
			tsv_put_fixed(ws, brist.neff, 2);
			tsv_put_fixed(ws, balance, 2);
			put_interval_normal(ws, balance, n ? e->var[E_BALANCE] : NAN, z, -100, 100, 2);
			for (int k = E_NET1; k <= E_NET3; k++) {
				double v = n ? e->est[k] : NAN;
				tsv_put_fixed(ws, v, 2);
				put_interval_normal(ws, v, n ? e->var[k] : NAN, z, -100, 100, 2);
			}
			tsv_put_long(ws, n ? e->n_item[E_BRIST] : 0);

			/* shortage_registry.tsv */
			tsv_put_fixed(wr, o->jobseekers, 0);
			tsv_put_fixed(wr, o->positions, 0);
			tsv_put_fixed(wr, in->open5, 1);
			tsv_put_fixed(wr, in->repl5, 1);
			tsv_put_long(wr, x->ey0);
			tsv_put_fixed(wr, in->employed_first, 0);
			tsv_put_fixed(wr, in->emp_change, 0);
			tsv_put_fixed(wr, in->emp_change_pct, 2);
			tsv_put_fixed(wr, in->emp_growth, 4);
			tsv_put_fixed(wr, in->expansion5, 1);
			tsv_put_fixed(wr, in->expansion10, 1);
			tsv_put_fixed(wr, in->repl10, 1);
			tsv_put_fixed(wr, in->open10, 1);
			tsv_put_fixed(wr, opt->horizon_years == 10 ? in->open10 : in->open5, 1);
			tsv_put_fixed(wr, in->jspv, 3);
			tsv_put_long(wr, o->ads);
			tsv_put_fixed(wr, in->median_days, 1);
			tsv_put_fixed(wr, in->vac_trend, 3);
			tsv_put_fixed(wr, in->vac_trend_se, 3);
			tsv_put_fixed(wr, in->vac_trend_rel, 4);
			tsv_put_fixed(wr, per1000(in->employed, t->ind.employed), 2);
			tsv_put_fixed(wr, per1000(o->jobseekers, in->employed), 1);
			tsv_put_fixed(wr, per1000(o->positions, in->employed), 1);
			tsv_put_fixed(wr, per1000(in->open5, in->employed), 1);
			tsv_put_fixed(wr, per1000(in->repl5, in->employed), 1);
			const struct yb *y = &x->yb[s];
			tsv_put_str(wr, y->verdict);
			tsv_put_str(wr, y->omgang);
			tsv_put_str(wr, y->jobb);
			tsv_put_str(wr, y->prognos);

			for (size_t i = 0; i < 3; i++)
				tsv_end_row(all[i]);
		}
	}
	/* all three reach the disk before any is renamed */
	if (tsv_writer_flush(w) || tsv_writer_flush(ws) || tsv_writer_flush(wr)) {
		tsv_writer_abort(w);
		tsv_writer_abort(ws);
		tsv_writer_abort(wr);
		return -1;
	}
	int rc = tsv_writer_close(w);
	if (rc) {
		tsv_writer_abort(ws);
		tsv_writer_abort(wr);
		return -1;
	}
	rc = tsv_writer_close(ws);
	if (rc) {
		tsv_writer_abort(wr);
		return -1;
	}
	return tsv_writer_close(wr);
}

/* ---- small-area estimation of the survey figures ----------------------- */

#define SAE_P 4 /* intercept, z_ads, z_jobseekers, z_days */

static void sae_covariates(const struct occ *o, double *xv)
{
	xv[0] = 1;
	for (int k = 0; k < 3; k++)
		xv[1 + k] = o->cr.avail[k] ? o->cr.z[k] : 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* The sampling variance the brist-share model gives a cell: the generalised
 * variance pbar (1 - pbar) deff / n. */
static double share_psi(const struct occ *o, double pbar)
{
	double n = (double)o->sv.n_item[E_BRIST];
	return pbar * (1 - pbar) * kish_deff(&o->sv, n) / n;
}

/* The sampling variance the planned-hires model gives a cell of employed E:
 * the direct variance of the rate, at least C_GVF / n. */
static double rate_psi(const struct occ *o, double E, double c_gvf)
{
	double v = o->sv.var[E_PLANNED_W] / (E * E), floor = c_gvf / (double)o->sv.n;
	return v > floor ? v : floor;
}

/* Fay-Herriot models (fayherriot.h) of the brist share and of planned
 * hires per employed person over every (municipality, occupation) with
 * survey answers, pooled over the municipalities, with the registry
 * indicators as covariates; EBLUP with its Prasad-Rao MSE where there are
 * answers, the synthetic estimate where there are none (docs/METHOD.md). */
static void sae_model(struct ctx *x)
{
	size_t cap = 1024, m = 0;
	struct occ **cell = emalloc(cap * sizeof *cell);
	double pb_num = 0, pb_den = 0;
	for (size_t a = 0; a < x->nareas; a++) {
		if (!is_kommun_area(x, a))
			continue;
		for (int c = 0; c < NCODES; c++) {
			struct occ *o = x->occ[a][c];
			if (!o)
				continue;
			memset(&o->sae, 0, sizeof o->sae);
			if (!o->has_survey || !(o->sv.sw_sit > 0) || !isfinite(o->sv.est[E_BRIST]))
				continue;
			if (m == cap) {
				cap *= 2;
				cell = erealloc(cell, cap * sizeof *cell);
			}
			cell[m++] = o;
			pb_num += o->sv.est[E_BRIST] * o->sv.sw_sit;
			pb_den += o->sv.sw_sit;
		}
	}
	double pbar = pb_den > 0 ? pb_num / pb_den : NAN;
	double *y = emalloc((m ? m : 1) * sizeof *y), *psi = emalloc((m ? m : 1) * sizeof *psi);
	double *X = emalloc((m ? m : 1) * SAE_P * sizeof *X);
	/* the brist share: generalised variance pbar (1 - pbar) deff / n */
	for (size_t i = 0; i < m; i++) {
		const struct occ *o = cell[i];
		y[i] = o->sv.est[E_BRIST];
		psi[i] = share_psi(o, pbar);
		sae_covariates(o, &X[i * SAE_P]);
	}
	struct fh_fit share_fit, rate_fit;
	int share_ok = 0;
	if (m > SAE_P && pbar > 0 && pbar < 1) {
		int st = fh_fit(m, SAE_P, y, psi, X, FH_REML, &share_fit);
		if (st == 1)
			fh_fit_free(&share_fit);   /* REML did not converge */
		share_ok = st == 0;
	}
	/* planned hires per employed (winsorised): the direct variance, with a
	 * generalised variance c / n as its floor, c the median of v n over the
	 * cells with at least survey.min_respondents answers */
	size_t mr = 0;
	double *vn = emalloc((m ? m : 1) * sizeof *vn);
	size_t nvn = 0;
	for (size_t i = 0; i < m; i++) {
		const struct occ *o = cell[i];
		double E = o->ind.employed;
		if (!(E > 0))
			continue;
		double v = o->sv.var[E_PLANNED_W] / (E * E);
		if (o->sv.n >= x->opt->min_respondents && v > 0)
			vn[nvn++] = v * (double)o->sv.n;
	}
	double c_gvf = NAN;
	if (nvn) {
		qsort(vn, nvn, sizeof *vn, cmp_double);
		c_gvf = nvn % 2 ? vn[nvn / 2] : (vn[nvn / 2 - 1] + vn[nvn / 2]) / 2;
	}
	for (size_t i = 0; i < m && isfinite(c_gvf); i++) {
		struct occ *o = cell[i];
		double E = o->ind.employed;
		if (!(E > 0))
			continue;
		y[mr] = o->sv.est[E_PLANNED_W] / E;
		psi[mr] = rate_psi(o, E, c_gvf);
		sae_covariates(o, &X[mr * SAE_P]);
		mr++;
	}
	int rate_ok = 0;
	if (isfinite(c_gvf) && mr > SAE_P) {
		int st = fh_fit(mr, SAE_P, y, psi, X, FH_REML, &rate_fit);
		if (st == 1)
			fh_fit_free(&rate_fit);
		rate_ok = st == 0;
	}
	if (share_ok)
		msg_note("brist share model (Fay-Herriot, REML): %zu cells, A = %.5f, beta %.4f %.4f %.4f %.4f",
			 m, share_fit.A, share_fit.beta[0], share_fit.beta[1], share_fit.beta[2], share_fit.beta[3]);
	else
		msg_note("brist share model: not fitted (%zu cells); the direct estimates are published", m);
	if (rate_ok)
		msg_note("planned hires model (Fay-Herriot, REML): %zu cells, A = %.6f", mr, rate_fit.A);
	else
		msg_note("planned hires model: not fitted (%zu cells); the direct estimates are published", mr);
	/* every municipality row: EBLUP with answers, synthetic without */
	double xv[SAE_P];
	for (size_t a = 0; a < x->nareas; a++) {
		if (!is_kommun_area(x, a))
			continue;
		for (int c = 0; c < NCODES; c++) {
			struct occ *o = x->occ[a][c];
			if (!o)
				continue;
			struct sae *S = &o->sae;
			sae_covariates(o, xv);
			int has = o->has_survey && o->sv.sw_sit > 0 && isfinite(o->sv.est[E_BRIST]);
			S->share = S->share_mse = S->rate = S->rate_mse = NAN;
			S->share_y = S->share_psi = S->share_gamma = NAN;
			S->rate_y = S->rate_psi = S->rate_gamma = NAN;
			if (share_ok) {
				if (has) {
					S->share_y = o->sv.est[E_BRIST];
					S->share_psi = share_psi(o, pbar);
					fh_eblup(&share_fit, S->share_y, S->share_psi, xv, &S->share, &S->share_mse,
						 &S->share_gamma);
				} else {
					fh_synthetic(&share_fit, xv, &S->share, &S->share_mse);
				}
			}
			double E = o->ind.employed;
			if (rate_ok && E > 0) {
				if (o->has_survey && o->sv.n > 0) {
					S->rate_y = o->sv.est[E_PLANNED_W] / E;
					S->rate_psi = rate_psi(o, E, c_gvf);
					fh_eblup(&rate_fit, S->rate_y, S->rate_psi, xv, &S->rate, &S->rate_mse,
						 &S->rate_gamma);
				} else {
					fh_synthetic(&rate_fit, xv, &S->rate, &S->rate_mse);
				}
			}
			S->source = !(share_ok || rate_ok) ? SAE_NONE : has ? SAE_EBLUP : SAE_SYNTHETIC;
		}
	}
	if (share_ok)
		fh_fit_free(&share_fit);
	if (rate_ok)
		fh_fit_free(&rate_fit);
	free(cell);
	free(vn);
	free(y);
	free(psi);
	free(X);
}

/* The narrow table of the shortage index's indicators: raw beside
 * smoothed, the standardised values and the index (shortage_tables.c). */
static int write_indicators(struct ctx *x, const char *outdir)
{
	struct tsv_writer *w = tabledef_writer_open(&shortage_table_indicators, outdir, 0644);
	if (!w)
		return -1;
	for (size_t a = 0; a < x->nareas; a++) {
		for (int s = 0; s < NCODES; s++) {
			const struct occ *o = x->occ[a][s];
			if (!o)
				continue;
			const struct cred *c = &o->cr;
			char code[12];
			snprintf(code, sizeof code, "%04d", s);
			tsv_put_str(w, x->area[a].code);
			tsv_put_str(w, x->area[a].type);
			tsv_put_str(w, code);
			tsv_put_fixed(w, o->ind.employed, 0);
			for (int k = CRED_ADS; k <= CRED_JOBSEEKERS; k++) {
				tsv_put_fixed(w, c->obs[k], 0);
				tsv_put_fixed(w, c->expct[k], 3);
				tsv_put_fixed(w, c->raw[k], 4);
				tsv_put_fixed(w, c->prior[k], 4);
				tsv_put_fixed(w, c->avail[k] ? c->smooth[k] : NAN, 4);
				tsv_put_fixed(w, c->avail[k] ? c->z[k] : NAN, 4);
			}
			tsv_put_fixed(w, c->obs[CRED_DAYS], 0);
			tsv_put_fixed(w, c->raw[CRED_DAYS], 2);
			tsv_put_fixed(w, c->prior[CRED_DAYS], 2);
			tsv_put_fixed(w, c->smooth[CRED_DAYS], 2);
			tsv_put_fixed(w, c->avail[CRED_DAYS] ? c->z[CRED_DAYS] : NAN, 4);
			tsv_put_fixed(w, c->obs[CRED_SURVEY], 0);
			tsv_put_fixed(w, c->raw[CRED_SURVEY], 2);
			tsv_put_fixed(w, c->avail[CRED_SURVEY] ? c->v[CRED_SURVEY] : NAN, 2);
			tsv_put_fixed(w, c->avail[CRED_SURVEY] ? c->z[CRED_SURVEY] : NAN, 4);
			tsv_put_fixed(w, c->raw[CRED_TREND], 4);
			tsv_put_fixed(w, c->prior[CRED_TREND], 4);
			tsv_put_fixed(w, c->smooth[CRED_TREND], 4);
			tsv_put_fixed(w, c->avail[CRED_TREND] ? c->z[CRED_TREND] : NAN, 4);
			tsv_put_fixed(w, c->S, 4);
			tsv_put_fixed(w, sqrt(c->Svar), 4);
			if (c->assessed)
				tsv_put_long(w, c->rank);
			else
				tsv_put_empty(w);
			tsv_put_str(w, c->evidence);
			tsv_end_row(w);
		}
	}
	return tsv_writer_close(w);
}

/* The narrow table of the small-area models: the direct inputs beside the
 * model estimates, municipalities only (shortage_tables.c). */
static int write_sae(struct ctx *x, const char *outdir)
{
	struct tsv_writer *w = tabledef_writer_open(&shortage_table_sae, outdir, 0644);
	if (!w)
		return -1;
	static const char *const src[] = { "direct", "eblup", "synthetic" };
	for (size_t a = 0; a < x->nareas; a++) {
		if (!is_kommun_area(x, a))
			continue;
		for (int s = 0; s < NCODES; s++) {
			const struct occ *o = x->occ[a][s];
			if (!o)
				continue;
			const struct sae *S = &o->sae;
			char code[12];
			snprintf(code, sizeof code, "%04d", s);
			double xv[SAE_P];
			sae_covariates(o, xv);
			long n = o->has_survey ? o->sv.n : 0;
			tsv_put_str(w, x->area[a].code);
			tsv_put_str(w, code);
			tsv_put_fixed(w, o->ind.employed, 0);
			tsv_put_long(w, n);
			for (int k = 1; k < SAE_P; k++)
				tsv_put_double(w, xv[k]);
			tsv_put_double(w, S->share_y);
			tsv_put_double(w, S->share_psi);
			tsv_put_double(w, S->share_gamma);
			tsv_put_double(w, S->share);
			tsv_put_double(w, S->share_mse);
			tsv_put_fixed(w, n ? o->sv.est[E_PLANNED] : NAN, 2);
			tsv_put_fixed(w, n ? o->sv.est[E_PLANNED_W] : NAN, 2);
			tsv_put_long(w, n ? o->sv.n_winsorised : 0);
			tsv_put_long(w, n ? o->sv.n_above_workplace : 0);
			tsv_put_double(w, S->rate_y);
			tsv_put_double(w, S->rate_psi);
			tsv_put_double(w, S->rate_gamma);
			tsv_put_double(w, S->rate);
			tsv_put_double(w, S->rate_mse);
			tsv_put_str(w, src[S->source]);
			tsv_end_row(w);
		}
	}
	return tsv_writer_close(w);
}

static int write_compare(struct ctx *x, const char *outdir)
{
	static const char *const cols[] = {
		"ssyk", "label", "kommun_a", "kommun_b", "n_a", "n_b",
		"share_brist_a", "share_brist_b", "diff", "se_diff", "z", "p_value",
		"balance_a", "balance_b", "balance_diff", "balance_se_diff", "balance_z", "balance_p_value",
		"flag", NULL
	};
	char *path = path_join(outdir, "compare.tsv");
	struct tsv_writer *w = tsv_writer_open(path, cols, 0644);
	free(path);
	if (!w)
		return -1;
	/* every pair of municipalities: 290 make 41 905 pairs, millions of rows
	 * that no reader wants (a workbook sheet holds 1 048 576) */
	size_t nk = 0;
	for (size_t a = 0; a < x->nareas; a++)
		nk += strcmp(x->area[a].type, "kommun") == 0;
	if (nk > (size_t)x->opt->compare_max) {
		msg_note("compare.tsv: %zu municipalities, more than shortage.compare_max (%ld): no pairs written",
			 nk, x->opt->compare_max);
		return tsv_writer_close(w);
	}
	for (int s = 0; s < NCODES; s++) {
		for (size_t a = 0; a < x->nareas; a++) {
			if (strcmp(x->area[a].type, "kommun") != 0)
				continue;
			const struct occ *oa = x->occ[a][s];
			if (!oa || !oa->has_survey)
				continue;
			for (size_t b = a + 1; b < x->nareas; b++) {
				if (strcmp(x->area[b].type, "kommun") != 0)
					continue;
				const struct occ *ob = x->occ[b][s];
				if (!ob || !ob->has_survey)
					continue;
				char code[12];
				snprintf(code, sizeof code, "%04d", s);
				const struct ssyk_entry *se = codes_ssyk_find(x->codes, code);
				tsv_put_str(w, code);
				tsv_put_str(w, se ? se->label_sv : "");
				tsv_put_str(w, x->area[a].code);
				tsv_put_str(w, x->area[b].code);
				tsv_put_long(w, oa->sv.n);
				tsv_put_long(w, ob->sv.n);
				char flag[96] = "";
				static const int ks[2] = { E_BRIST, E_BALANCE };
				for (int j = 0; j < 2; j++) {
					int k = ks[j];
					double pa = oa->sv.est[k], pb = ob->sv.est[k];
					struct compare_result c;
					if (compare_diff(pa, oa->sv.var[k], pb, ob->sv.var[k], COMPARE_SE_RTOL, &c)
					    == COMPARE_NO_VARIANCE)
						flag_add(flag, sizeof flag, j ? "balance_no_variance" : "no_variance");
					int dec = j ? 2 : 4;
					tsv_put_fixed(w, pa, dec);
					tsv_put_fixed(w, pb, dec);
					tsv_put_fixed(w, c.diff, dec);
					tsv_put_fixed(w, c.se, dec);
					tsv_put_fixed(w, c.z, 3);
					tsv_put_fixed(w, c.p, 4);
				}
				if (oa->sv.n < x->opt->min_respondents || ob->sv.n < x->opt->min_respondents)
					flag_add(flag, sizeof flag, "few_respondents");
				tsv_put_str(w, flag);
				tsv_end_row(w);
			}
		}
	}
	return tsv_writer_close(w);
}

static int write_weights(struct ctx *x)
{
	static const char *const cols[] = {
		"response_id", "stratum", "stratum_used", "N_h", "n_h", "r_h", "design_weight",
		"final_weight", "N_used", "r_used", NULL
	};
	char *path = path_join(x->workdir, "weights.tsv");
	/* work/ holds the stages' working tables: its owner's only (0600) */
	struct tsv_writer *w = tsv_writer_open(path, cols, 0600);
	free(path);
	if (!w)
		return -1;
	const struct survey_design *d = x->design;
	for (size_t u = 0; u < d->nunits; u++) {
		const struct survey_unit *unit = &d->unit[u];
		const struct survey_stratum *s = &d->stratum[unit->stratum];
		const struct survey_group *g = &d->group[s->group];
		tsv_put_str(w, unit->response_id);
		tsv_put_str(w, s->name);
		tsv_put_str(w, g->name);
		tsv_put_double(w, s->N);
		tsv_put_long(w, s->n);
		tsv_put_long(w, s->r);
		tsv_put_double(w, unit->design_weight);
		tsv_put_double(w, unit->weight);
		tsv_put_double(w, g->N);
		tsv_put_long(w, g->r);
		tsv_end_row(w);
	}
	return tsv_writer_close(w);
}

/* ---- run -------------------------------------------------------------- */

static void ctx_free(struct ctx *x)
{
	for (size_t a = 0; a < x->nareas && x->occ; a++) {
		if (x->occ[a]) {
			for (int s = 0; s < NCODES; s++) {
				if (x->occ[a][s]) {
					occ_free_fields(x->occ[a][s]);
					free(x->occ[a][s]);
				}
			}
			free(x->occ[a]);
		}
		occ_free_fields(&x->total[a]);
	}
	for (int s = 0; s < NCODES; s++) {
		free(x->yb[s].verdict);
		free(x->yb[s].omgang);
		free(x->yb[s].jobb);
		free(x->yb[s].prognos);
	}
	free(x->occ);
	free(x->total);
	free(x->area);
	survey_design_free(x->design);
	free(x->unit_kommun);
	free(x->unit_employees);
	free(x->rows);
}

int shortage_run(const struct shortage_options *opt, const struct codes *codes,
		 const char (*munis)[5], size_t nmunis, const char *outdir)
{
	struct ctx *x = ecalloc(1, sizeof *x);
	x->opt = opt;
	x->codes = codes;
	char *workdir = path_join(outdir, "work");
	x->workdir = workdir;
	int rc = 1;
	if (setup_areas(x, munis, nmunis) != 0)
		goto out;
	int emin, emax, vmin, vmax;
	if (scan_years(x, "employment.tsv", &emin, &emax) != 0 ||
	    scan_years(x, "vacancies.tsv", &vmin, &vmax) != 0)
		goto out;
	/* the latest year: the reference year, or the latest employment year
	 * when that is earlier */
	x->year = opt->reference_year;
	if (emax != INT32_MIN && emax < x->year)
		x->year = emax;
	/* the analysis years: shortage.years up to the latest year, never
	 * widened by a stray old row (such rows are counted and reported) */
	int first = x->year - (int)opt->years + 1;
	x->ey0 = emin != INT32_MAX && emin <= x->year ? emin : x->year;
	if (x->ey0 < first)
		x->ey0 = first;
	x->ney = (size_t)(x->year - x->ey0 + 1);
	x->vy0 = vmin != INT32_MAX && vmin <= x->year ? vmin : x->year;
	if (x->vy0 < first)
		x->vy0 = first;
	x->nvy = (size_t)(x->year - x->vy0 + 1);
	msg_note("latest year %d; employment from %d, vacancies from %d", x->year, x->ey0, x->vy0);
	if (read_employment(x) || read_vacancies(x) || read_jobseekers(x) || read_survey(x) ||
	    read_yrkesbarometer(x))
		goto out;
	if (x->no_age_split)
		msg_error("note: employment.tsv has no age split: replacement demand and openings not computed "
			  "(replacement_5y, replacement_10y, openings_5y, openings_10y and openings empty; flag "
			  "no_age_split)");
	if (x->js_none)
		for (size_t a = 0; a < x->nareas; a++)
			for (int s = 0; s < NCODES; s++)
				if (x->occ[a][s])
					x->occ[a][s]->jobseekers = NAN;
	if (x->emp_outside)
		msg_error("warning: employment.tsv: %ld rows outside the analysis years %d-%d not used "
			  "(shortage.years = %ld)", x->emp_outside, x->ey0, x->year, opt->years);
	if (x->vac_outside)
		msg_error("warning: vacancies.tsv: %ld rows outside the analysis years %d-%d not used "
			  "(shortage.years = %ld)", x->vac_outside, x->vy0, x->year, opt->years);
	msg_note("%zu respondents in %zu strata, %zu groups after collapsing; %zu occupation rows",
		 x->design->nunits, x->design->nstrata, x->design->ngroups, x->nrows);
	estimate_survey(x);
	compute_indicators(x);
	struct timespec t0, t1, t2;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	credible_model(x);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	sae_model(x);
	clock_gettime(CLOCK_MONOTONIC, &t2);
	/* read by bench/run.sh */
	msg_note("model fit: %.3f s (shortage index %.3f s, small-area models %.3f s)",
		 (double)(t2.tv_sec - t0.tv_sec) + 1e-9 * (double)(t2.tv_nsec - t0.tv_nsec),
		 (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec),
		 (double)(t2.tv_sec - t1.tv_sec) + 1e-9 * (double)(t2.tv_nsec - t1.tv_nsec));
	if (write_weights(x) || write_shortage(x, outdir) || write_indicators(x, outdir) || write_sae(x, outdir) ||
	    write_compare(x, outdir))
		goto out;
	rc = 0;
out:
	ctx_free(x);
	free(x);
	free(workdir);
	return rc;
}
