#include "inputs.h"
#include "msg.h"
#include "shortage_tables.h"
#include "stage.h"
#include "tsv.h"
#include "value.h"
#include "verdicts.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int kommun_index(const char (*kommun)[5], size_t nkommun, const char *code)
{
	for (size_t i = 0; i < nkommun; i++)
		if (strcmp(kommun[i], code) == 0)
			return (int)i;
	return -1;
}

static int is_ssyk4(const char *s)
{
	if (strlen(s) != 4)
		return 0;
	for (int i = 0; i < 4; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

/* 1 when the ";"-joined LIST holds WORD. */
static int flag_has(const char *list, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = list; (p = strstr(p, word)) != NULL; p += n)
		if ((p == list || p[-1] == ';') && (p[n] == '\0' || p[n] == ';'))
			return 1;
	return 0;
}

static int bad(const struct tsv_reader *r, const char *column, const char *value)
{
	msg_error_at(tsv_path(r), tsv_line(r), "column %s: bad value \"%s\"", column, value);
	return -1;
}

/* Column indices of the person facts shared by jobseekers and outcomes. */
struct person_cols {
	int person, kommun, sex, age, sun, swedish, years;
};

static int person_cols(struct tsv_reader *r, struct person_cols *c)
{
	c->person = tsv_require(r, "person");
	c->kommun = tsv_require(r, "kommun");
	c->sex = tsv_require(r, "sex");
	c->age = tsv_require(r, "age");
	c->sun = tsv_require(r, "sun_level");
	c->swedish = tsv_require(r, "swedish_level");
	c->years = tsv_require(r, "years_since_arrival");
	return c->person < 0 || c->kommun < 0 || c->sex < 0 || c->age < 0 || c->sun < 0
	       || c->swedish < 0 || c->years < 0 ? -1 : 0;
}

static int read_person(const struct tsv_reader *r, const struct person_cols *c, struct person *x)
{
	memset(x, 0, sizeof *x);
	const char *v = tsv_get(r, c->kommun);
	if (strlen(v) != 4)
		return bad(r, "kommun", v);
	memcpy(x->kommun, v, 5);
	x->kommun_index = -1;
	v = tsv_get(r, c->sex);
	if (strcmp(v, "kvinnor") == 0)
		x->female = 1;
	else if (strcmp(v, "män") == 0 || !*v)
		x->female = 0;
	else
		return bad(r, "sex", v);
	x->age = (int)tsv_get_long(r, c->age, -1);
	if (*tsv_get(r, c->age) && (x->age < 0 || x->age > 120))
		return bad(r, "age", tsv_get(r, c->age));
	v = tsv_get(r, c->sun);
	x->sun = -1;
	if (*v) {
		if (strlen(v) != 1 || v[0] < '0' || v[0] > '6')
			return bad(r, "sun_level", v);
		x->sun = v[0] - '0';
	}
	v = tsv_get(r, c->swedish);
	x->swedish = track_swedish_rank(v);
	if (x->swedish < 0)
		return bad(r, "swedish_level", v);
	v = tsv_get(r, c->years);
	x->years_since_arrival = NAN;
	if (*v) {
		x->years_since_arrival = tsv_get_double(r, c->years);
		if (!isfinite(x->years_since_arrival))
			return bad(r, "years_since_arrival", v);
	}
	return 0;
}

static int read_jobseekers(const char *path, const char (*kommun)[5], size_t nkommun,
			   struct inputs *in)
{
	struct tsv_reader *r = tsv_reader_open(path);
	if (!r)
		return -1;
	struct person_cols c;
	int cexp = tsv_require(r, "ssyk_experience");
	int cwant = tsv_require(r, "ssyk_wanted");
	if (person_cols(r, &c) != 0 || cexp < 0 || cwant < 0) {
		tsv_reader_close(r);
		return -1;
	}
	size_t cap = 0;
	int rc;
	while ((rc = tsv_next(r)) == 1) {
		if (kommun_index(kommun, nkommun, tsv_get(r, c.kommun)) < 0)
			continue;
		struct person x;
		if (read_person(r, &c, &x) != 0) {
			rc = -1;
			break;
		}
		const char *v = tsv_get(r, cexp);
		if (*v && !is_ssyk4(v)) {
			rc = bad(r, "ssyk_experience", v);
			break;
		}
		memcpy(x.experience, v, strlen(v) + 1);
		v = tsv_get(r, cwant);
		while (*v) {
			const char *bar = strchr(v, '|');
			size_t len = bar ? (size_t)(bar - v) : strlen(v);
			char code[8] = "";
			if (len == 4)
				memcpy(code, v, 4);
			if (!is_ssyk4(code) || x.nwanted == 3) {
				rc = bad(r, "ssyk_wanted", tsv_get(r, cwant));
				break;
			}
			memcpy(x.wanted[x.nwanted++], code, 5);
			v += len + (bar ? 1 : 0);
		}
		if (rc < 0)
			break;
		x.kommun_index = kommun_index(kommun, nkommun, x.kommun);
		x.id = estrdup(tsv_get(r, c.person));
		if (in->njobseekers == cap) {
			cap = cap ? 2 * cap : 256;
			in->jobseekers = erealloc(in->jobseekers, cap * sizeof *in->jobseekers);
		}
		in->jobseekers[in->njobseekers++] = x;
	}
	tsv_reader_close(r);
	return rc < 0 ? -1 : 0;
}

static int read_outcomes(const char *path, const struct track *tracks, size_t ntracks,
			 struct inputs *in)
{
	struct tsv_reader *r = tsv_reader_open(path);
	if (!r)
		return -1;
	struct person_cols c;
	int ctrack = tsv_require(r, "track");
	int cemp = tsv_require(r, "employed_365d");
	if (person_cols(r, &c) != 0 || ctrack < 0 || cemp < 0) {
		tsv_reader_close(r);
		return -1;
	}
	size_t cap = 0;
	int rc;
	while ((rc = tsv_next(r)) == 1) {
		const char *tid = tsv_get(r, ctrack);
		size_t t;
		for (t = 0; t < ntracks; t++)
			if (strcmp(tracks[t].id, tid) == 0)
				break;
		if (t == ntracks) {
			in->outcomes_other_track++;
			continue;
		}
		const char *v = tsv_get(r, cemp);
		if (!*v) {
			in->outcomes_unobserved++;
			continue;
		}
		if (strcmp(v, "0") != 0 && strcmp(v, "1") != 0) {
			rc = bad(r, "employed_365d", v);
			break;
		}
		struct outcome o;
		if (read_person(r, &c, &o.x) != 0) {
			rc = -1;
			break;
		}
		o.track = t;
		o.employed_365d = v[0] == '1';
		if (in->noutcomes == cap) {
			cap = cap ? 2 * cap : 256;
			in->outcomes = erealloc(in->outcomes, cap * sizeof *in->outcomes);
		}
		in->outcomes[in->noutcomes++] = o;
	}
	tsv_reader_close(r);
	return rc < 0 ? -1 : 0;
}

/* The verdict contract with the registry indicators beside it (openings_5y
 * is one): shortage_tables_open. */
static int read_shortage(const char *out, const char (*kommun)[5], size_t nkommun,
			 struct inputs *in)
{
	struct tsv_reader *r = shortage_tables_open(out);
	if (!r)
		return -1;
	int ck = tsv_require(r, "kommun"), cs = tsv_require(r, "ssyk");
	int co = tsv_require(r, "openings_5y"), cv = tsv_require(r, "verdict");
	int ca = tsv_col(r, "area_type"), cf = tsv_col(r, "flag");
	/* the credible-shortage columns: optional (an older shortage.tsv) */
	int ci = tsv_col(r, "shortage_index"), cp = tsv_col(r, "p_brist"), cr = tsv_col(r, "rank");
	if (ck < 0 || cs < 0 || co < 0 || cv < 0) {
		tsv_reader_close(r);
		return -1;
	}
	size_t cap = 0;
	int rc;
	while ((rc = tsv_next(r)) == 1) {
		if (ca >= 0 && strcmp(tsv_get(r, ca), "kommun") != 0)
			continue;
		int k = kommun_index(kommun, nkommun, tsv_get(r, ck));
		if (k < 0)
			continue;
		struct shortage_row s = {.kommun = (size_t)k};
		const char *v = tsv_get(r, cs);
		if (!is_ssyk4(v)) {
			rc = bad(r, "ssyk", v);
			break;
		}
		memcpy(s.ssyk, v, 5);
		v = tsv_get(r, co);
		s.openings_5y = tsv_get_double(r, co);
		if (*v && !(s.openings_5y >= 0)) {
			rc = bad(r, "openings_5y", v);
			break;
		}
		if (!*v) {
			/* unknown, not 0: the shortage stage says why in its flag */
			s.openings_5y = NAN;
			enum openings_gap why = OPENINGS_EMPTY;
			if (cf >= 0 && flag_has(tsv_get(r, cf), "no_age_split"))
				why = OPENINGS_NO_AGE_SPLIT;
			if (in->no_openings[k] == OPENINGS_KNOWN || why == OPENINGS_NO_AGE_SPLIT)
				in->no_openings[k] = why;
		}
		v = tsv_get(r, cv);
		int vk = verdict_parse(v);
		if (vk < 0) {
			rc = bad(r, "verdict", v);
			break;
		}
		snprintf(s.verdict, sizeof s.verdict, "%s", verdict_code((enum verdict_kind)vk));
		s.shortage_index = ci >= 0 ? tsv_get_double(r, ci) : NAN;
		s.p_brist = cp >= 0 ? tsv_get_double(r, cp) : NAN;
		if (ci >= 0 && *tsv_get(r, ci) && !isfinite(s.shortage_index)) {
			rc = bad(r, "shortage_index", tsv_get(r, ci));
			break;
		}
		if (cp >= 0 && *tsv_get(r, cp) && !(s.p_brist >= 0 && s.p_brist <= 1)) {
			rc = bad(r, "p_brist", tsv_get(r, cp));
			break;
		}
		s.rank = cr >= 0 ? (long)tsv_get_long(r, cr, 0) : 0;
		if (cr >= 0 && *tsv_get(r, cr) && s.rank < 1) {
			rc = bad(r, "rank", tsv_get(r, cr));
			break;
		}
		if (in->nshortage == cap) {
			cap = cap ? 2 * cap : 256;
			in->shortage = erealloc(in->shortage, cap * sizeof *in->shortage);
		}
		in->shortage[in->nshortage++] = s;
	}
	tsv_reader_close(r);
	return rc < 0 ? -1 : 0;
}

/* Counts the rows of jobseekers_aggregated.tsv (optional) per reporting
 * municipality into COUNTS. */
static int read_aggregated(const char *path, const char (*kommun)[5], size_t nkommun, size_t *counts)
{
	struct tsv_reader *r = tsv_reader_open(path);
	if (!r)
		return -1;
	int ck = tsv_require(r, "kommun");
	if (ck < 0) {
		tsv_reader_close(r);
		return -1;
	}
	int rc;
	while ((rc = tsv_next(r)) == 1) {
		int k = kommun_index(kommun, nkommun, tsv_get(r, ck));
		if (k >= 0)
			counts[k]++;
	}
	tsv_reader_close(r);
	return rc < 0 ? -1 : 0;
}

struct weight_entry {
	char *response_id;
	double weight;
};

static int cmp_weight(const void *a, const void *b)
{
	return strcmp(((const struct weight_entry *)a)->response_id,
		      ((const struct weight_entry *)b)->response_id);
}

static int read_weights(const char *path, struct weight_entry **out, size_t *count)
{
	struct tsv_reader *r = tsv_reader_open(path);
	if (!r)
		return -1;
	int cid = tsv_require(r, "response_id"), cw = tsv_require(r, "final_weight");
	if (cid < 0 || cw < 0) {
		tsv_reader_close(r);
		return -1;
	}
	struct weight_entry *w = NULL;
	size_t n = 0, cap = 0;
	int rc;
	while ((rc = tsv_next(r)) == 1) {
		double v = tsv_get_double(r, cw);
		if (!(v >= 0)) {
			rc = bad(r, "final_weight", tsv_get(r, cw));
			break;
		}
		if (n == cap) {
			cap = cap ? 2 * cap : 256;
			w = erealloc(w, cap * sizeof *w);
		}
		w[n].response_id = estrdup(tsv_get(r, cid));
		w[n++].weight = v;
	}
	tsv_reader_close(r);
	if (rc < 0) {
		for (size_t i = 0; i < n; i++)
			free(w[i].response_id);
		free(w);
		return -1;
	}
	if (n)
		qsort(w, n, sizeof *w, cmp_weight);
	*out = w;
	*count = n;
	return 0;
}

static int read_occupations(const char *path, const char (*kommun)[5], size_t nkommun,
			    const struct weight_entry *weights, size_t nweights, struct inputs *in)
{
	struct tsv_reader *r = tsv_reader_open(path);
	if (!r)
		return -1;
	int cid = tsv_require(r, "response_id"), ck = tsv_require(r, "kommun");
	int cs = tsv_require(r, "ssyk"), co = tsv_require(r, "open_to_track");
	int csun = tsv_require(r, "min_sun_level"), csw = tsv_require(r, "swedish_required");
	if (cid < 0 || ck < 0 || cs < 0 || co < 0 || csun < 0 || csw < 0) {
		tsv_reader_close(r);
		return -1;
	}
	static const char *const required[] = {"ingen", "grundläggande", "god", "flytande"};
	size_t cap = 0, scap = 0;
	int rc;
	while ((rc = tsv_next(r)) == 1) {
		const char *v = tsv_get(r, co);
		if (strcmp(v, "0") != 0 && strcmp(v, "1") != 0) {
			rc = bad(r, "open_to_track", v);
			break;
		}
		int open = v[0] == '1';
		int k = kommun_index(kommun, nkommun, tsv_get(r, ck));
		struct survey_row sr = {.kommun = k, .min_sun = -1, .swedish_required = REQUIRED_UNKNOWN,
					.weight = 1};
		v = tsv_get(r, cs);
		if (!is_ssyk4(v)) {
			rc = bad(r, "ssyk", v);
			break;
		}
		memcpy(sr.ssyk, v, 5);
		v = tsv_get(r, csun);
		if (*v) {
			if (strlen(v) != 1 || v[0] < '0' || v[0] > '6') {
				rc = bad(r, "min_sun_level", v);
				break;
			}
			sr.min_sun = v[0] - '0';
		}
		v = tsv_get(r, csw);
		for (int i = 0; i < 4 && *v; i++)
			if (strcmp(v, required[i]) == 0)
				sr.swedish_required = i;
		if (*v && sr.swedish_required == REQUIRED_UNKNOWN) {
			rc = bad(r, "swedish_required", v);
			break;
		}
		const char *id = tsv_get(r, cid);
		double weight = NAN;
		if (weights) {
			struct weight_entry key = {(char *)id, 0};
			const struct weight_entry *w = bsearch(&key, weights, nweights, sizeof key, cmp_weight);
			if (!w) {
				msg_error_at(tsv_path(r), tsv_line(r),
					     "response_id \"%s\" has no row in weights.tsv", id);
				rc = -1;
				break;
			}
			weight = sr.weight = w->weight;
		}
		if (in->nsurvey == scap) {
			scap = scap ? 2 * scap : 256;
			in->survey = erealloc(in->survey, scap * sizeof *in->survey);
		}
		in->survey[in->nsurvey++] = sr;
		if (!open || k < 0)
			continue;
		struct open_employer e = {.kommun = (size_t)k, .weight = weight};
		memcpy(e.ssyk, sr.ssyk, 5);
		e.response_id = estrdup(id);
		if (in->nopen == cap) {
			cap = cap ? 2 * cap : 256;
			in->open = erealloc(in->open, cap * sizeof *in->open);
		}
		in->open[in->nopen++] = e;
	}
	tsv_reader_close(r);
	return rc < 0 ? -1 : 0;
}

/* X_of / X_first for N rows whose municipality is KOMMUN_OF(IN, i): an
 * index below NKOMMUN, or negative (left out). */
static void index_by_kommun(const struct inputs *in, size_t n, size_t nkommun,
			    long (*kommun_of)(const struct inputs *, size_t), size_t **of, size_t **first)
{
	size_t *f = ecalloc(nkommun + 2, sizeof *f);
	size_t *o = emalloc((n ? n : 1) * sizeof *o);
	for (size_t i = 0; i < n; i++) {
		long k = kommun_of(in, i);
		if (k >= 0 && (size_t)k < nkommun)
			f[k + 2]++;
	}
	/* f[k + 1] becomes the start of k, f[k + 2] the count before k + 1 */
	for (size_t k = 0; k < nkommun; k++)
		f[k + 2] += f[k + 1];
	for (size_t i = 0; i < n; i++) {
		long k = kommun_of(in, i);
		if (k >= 0 && (size_t)k < nkommun)
			o[f[k + 1]++] = i;
	}
	/* now f[k + 1] is the end of k, the start of k + 1 */
	*of = o;
	*first = f;
}

static long jobseeker_kommun(const struct inputs *in, size_t i)
{
	return in->jobseekers[i].kommun_index;
}

static long shortage_kommun(const struct inputs *in, size_t i)
{
	return (long)in->shortage[i].kommun;
}

static long open_kommun(const struct inputs *in, size_t i)
{
	return (long)in->open[i].kommun;
}

static const struct inputs *survey_sort;

static int cmp_survey_ssyk(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int c = strcmp(survey_sort->survey[i].ssyk, survey_sort->survey[j].ssyk);
	return c ? c : (i > j) - (i < j);
}

size_t inputs_survey_rows(const struct inputs *in, const char *code, size_t *first)
{
	size_t lo = 0, hi = in->nsurvey;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(in->survey[in->survey_by_ssyk[mid]].ssyk, code) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*first = lo;
	size_t n = 0;
	while (lo + n < in->nsurvey && strcmp(in->survey[in->survey_by_ssyk[lo + n]].ssyk, code) == 0)
		n++;
	return n;
}

static void build_indices(struct inputs *in, size_t nkommun)
{
	index_by_kommun(in, in->njobseekers, nkommun, jobseeker_kommun, &in->jobseekers_of,
			&in->jobseekers_first);
	index_by_kommun(in, in->nshortage, nkommun, shortage_kommun, &in->shortage_of,
			&in->shortage_first);
	index_by_kommun(in, in->nopen, nkommun, open_kommun, &in->open_of, &in->open_first);
	in->survey_by_ssyk = emalloc((in->nsurvey ? in->nsurvey : 1) * sizeof *in->survey_by_ssyk);
	for (size_t i = 0; i < in->nsurvey; i++)
		in->survey_by_ssyk[i] = i;
	survey_sort = in;
	qsort(in->survey_by_ssyk, in->nsurvey, sizeof *in->survey_by_ssyk, cmp_survey_ssyk);
}

static int exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

int inputs_read(const char *out, const char (*kommun)[5], size_t nkommun,
		const struct track *tracks, size_t ntracks, struct inputs *in)
{
	memset(in, 0, sizeof *in);
	char *jobseekers = path_join(out, "work/jobseekers.tsv");
	char *outcomes = path_join(out, "work/outcomes.tsv");
	char *occupations = path_join(out, "work/occupations.tsv");
	char *weights = path_join(out, "work/weights.tsv");
	char *aggregated = path_join(out, "work/jobseekers_aggregated.tsv");
	int rc = -1;
	struct weight_entry *w = NULL;
	size_t nw = 0;
	size_t *counts = ecalloc(nkommun ? nkommun : 1, sizeof *counts);
	in->no_people = ecalloc(nkommun ? nkommun : 1, sizeof *in->no_people);
	in->no_openings = ecalloc(nkommun ? nkommun : 1, sizeof *in->no_openings);
	if (read_jobseekers(jobseekers, kommun, nkommun, in) != 0
	    || read_outcomes(outcomes, tracks, ntracks, in) != 0
	    || read_shortage(out, kommun, nkommun, in) != 0)
		goto done;
	in->have_occupations = exists(occupations);
	in->have_weights = in->have_occupations && exists(weights);
	if (in->have_weights && read_weights(weights, &w, &nw) != 0)
		goto done;
	if (in->have_occupations && read_occupations(occupations, kommun, nkommun,
						     in->have_weights ? w : NULL, nw, in) != 0)
		goto done;
	if (exists(aggregated) && read_aggregated(aggregated, kommun, nkommun, counts) != 0)
		goto done;
	build_indices(in, nkommun);
	for (size_t k = 0; k < nkommun; k++)
		if (in->jobseekers_first[k + 1] == in->jobseekers_first[k])
			in->no_people[k] = counts[k] ? PEOPLE_COUNTS : PEOPLE_NONE;
	rc = 0;
done:
	free(counts);
	free(aggregated);
	for (size_t i = 0; i < nw; i++)
		free(w[i].response_id);
	free(w);
	free(jobseekers);
	free(outcomes);
	free(occupations);
	free(weights);
	if (rc != 0)
		inputs_free(in);
	return rc;
}

void inputs_free(struct inputs *in)
{
	for (size_t i = 0; i < in->njobseekers; i++)
		free(in->jobseekers[i].id);
	free(in->jobseekers);
	free(in->outcomes);
	free(in->shortage);
	for (size_t i = 0; i < in->nopen; i++)
		free(in->open[i].response_id);
	free(in->open);
	free(in->survey);
	free(in->jobseekers_of);
	free(in->jobseekers_first);
	free(in->shortage_of);
	free(in->shortage_first);
	free(in->open_of);
	free(in->open_first);
	free(in->survey_by_ssyk);
	free(in->no_people);
	free(in->no_openings);
	memset(in, 0, sizeof *in);
}
