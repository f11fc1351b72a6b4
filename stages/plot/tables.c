#include "tables.h"
#include "csvin.h"
#include "msg.h"
#include "rowindex.h"
#include "shortage_tables.h"
#include "tsv.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Copies a code field of at most 4 bytes; anything longer is cut. */
static void copy_code(char out[5], const char *s)
{
	size_t n = strlen(s);
	if (n > 4)
		n = 4;
	memcpy(out, s, n);
	out[n] = '\0';
}

/* Required columns: each missing one is reported; returns -1 if any is. */
static int require_cols(struct tsv_reader *r, const char *const *names, int *idx)
{
	int bad = 0;
	for (size_t i = 0; names[i]; i++) {
		idx[i] = tsv_require(r, names[i]);
		if (idx[i] < 0)
			bad = 1;
	}
	return bad ? -1 : 0;
}

static double get_opt_double(struct tsv_reader *r, int col)
{
	return col < 0 ? NAN : tsv_get_double(r, col);
}

struct occ_table *occ_table_read(const char *outdir)
{
	struct tsv_reader *r = shortage_tables_open(outdir);
	if (!r)
		return NULL;
	static const char *const req[] = {"kommun", "area_type", "ssyk", "label", NULL};
	int c[4];
	if (require_cols(r, req, c) != 0) {
		tsv_reader_close(r);
		return NULL;
	}
	int c_emp = tsv_col(r, "employed"), c_js = tsv_col(r, "jobseekers");
	/* the published survey figures: the small-area model's when the table
	 * has them (as the report), else the direct estimates */
	int model = tsv_col(r, "share_brist_model") >= 0 && tsv_col(r, "planned_hires_model") >= 0;
	int c_vac = tsv_col(r, "vacancies");
	int c_ph = tsv_col(r, model ? "planned_hires_model" : "planned_hires");
	int c_sb = tsv_col(r, model ? "share_brist_model" : "share_brist");
	int c_sblo = tsv_col(r, model ? "share_brist_model_lo" : "share_brist_lo");
	int c_sbhi = tsv_col(r, model ? "share_brist_model_hi" : "share_brist_hi");
	/* county and SE rows publish their direct estimates (survey_source
	 * "direct"): the model covers municipalities only */
	int c_src = tsv_col(r, "survey_source");
	int d_ph = tsv_col(r, "planned_hires"), d_sb = tsv_col(r, "share_brist");
	int d_sblo = tsv_col(r, "share_brist_lo"), d_sbhi = tsv_col(r, "share_brist_hi");
	int c_op = tsv_col(r, "openings_5y");
	int c_rep = tsv_col(r, "replacement_5y"), c_exp = tsv_col(r, "expansion_5y");
	int c_score = tsv_col(r, "shortage_index"), c_verdict = tsv_col(r, "verdict");
	int c_rank = tsv_col(r, "rank");
	int c_slo = tsv_col(r, "shortage_index_lo"), c_shi = tsv_col(r, "shortage_index_hi");
	if (c_score < 0)
		c_score = tsv_col(r, "score");
	int c_nresp = tsv_col(r, "n_respondents");

	struct occ_table *t = ecalloc(1, sizeof *t);
	size_t cap = 0;
	int st;
	while ((st = tsv_next(r)) == 1) {
		if (t->n == cap) {
			cap = cap ? 2 * cap : 256;
			t->row = erealloc(t->row, cap * sizeof *t->row);
		}
		struct occ_row *o = &t->row[t->n++];
		memset(o, 0, sizeof *o);
		o->area = estrdup(tsv_get(r, c[0]));
		o->area_type = estrdup(tsv_get(r, c[1]));
		copy_code(o->ssyk, tsv_get(r, c[2]));
		o->label = estrdup(tsv_get(r, c[3]));
		o->employed = get_opt_double(r, c_emp);
		o->jobseekers = get_opt_double(r, c_js);
		o->vacancies = get_opt_double(r, c_vac);
		int direct = model && c_src >= 0 && strcmp(tsv_get(r, c_src), "direct") == 0;
		o->planned_hires = get_opt_double(r, direct ? d_ph : c_ph);
		o->share_brist = get_opt_double(r, direct ? d_sb : c_sb);
		o->share_brist_lo = get_opt_double(r, direct ? d_sblo : c_sblo);
		o->share_brist_hi = get_opt_double(r, direct ? d_sbhi : c_sbhi);
		o->openings_5y = get_opt_double(r, c_op);
		o->replacement_5y = get_opt_double(r, c_rep);
		o->expansion_5y = c_exp >= 0 ? tsv_get_double(r, c_exp)
					     : o->openings_5y - o->replacement_5y;
		o->score = get_opt_double(r, c_score);
		o->score_lo = get_opt_double(r, c_slo);
		o->score_hi = get_opt_double(r, c_shi);
		o->rank = c_rank >= 0 ? (long)tsv_get_long(r, c_rank, 0) : 0;
		int v = c_verdict >= 0 ? verdict_parse(tsv_get(r, c_verdict)) : VK_X;
		o->verdict = v < 0 ? VK_X : (enum verdict_kind)v;
		o->n_respondents = c_nresp >= 0 ? (long)tsv_get_long(r, c_nresp, -1) : -1;
		o->line = tsv_line(r);
	}
	tsv_reader_close(r);
	if (st < 0) {
		occ_table_free(t);
		return NULL;
	}
	occ_table_index(t);
	return t;
}

/* the index key: the area of a kommun row; other rows stay out */
static const char *kommun_key(const void *ctx, size_t row)
{
	const struct occ_row *r = &((const struct occ_table *)ctx)->row[row];
	return strcmp(r->area_type, "kommun") == 0 ? r->area : NULL;
}

/* Every chart of a municipality reads its rows, and a national run has 290
 * municipalities, so they are found by binary search instead of a scan of
 * the whole table per chart. */
void occ_table_index(struct occ_table *t)
{
	free(t->kommun_rows);
	t->kommun_rows = rowindex_build(t->n, kommun_key, t, &t->nkommun_rows);
}

size_t occ_rows_of(const struct occ_table *t, const char *kommun, const size_t **rows)
{
	size_t first, n = rowindex_find(t->kommun_rows, t->nkommun_rows, kommun_key, t, kommun, &first);
	*rows = t->kommun_rows + first;
	return n;
}

void occ_table_free(struct occ_table *t)
{
	if (!t)
		return;
	free(t->kommun_rows);
	for (size_t i = 0; i < t->n; i++) {
		free(t->row[i].area);
		free(t->row[i].area_type);
		free(t->row[i].label);
	}
	free(t->row);
	free(t);
}

struct track_table *track_table_read(const char *path)
{
	struct tsv_reader *r = tsv_reader_open(path);
	if (!r)
		return NULL;
	static const char *const req[] = {"kommun", "track", NULL};
	int c[2];
	if (require_cols(r, req, c) != 0) {
		tsv_reader_close(r);
		return NULL;
	}
	/* the display name: track_name, or name as jobbspar-trackfit writes it */
	int c_name = tsv_col(r, "track_name");
	if (c_name < 0)
		c_name = tsv_col(r, "name");
	int c_cap = tsv_col(r, "capacity");
	int c_el = tsv_col(r, "eligible"), c_int = tsv_col(r, "interested");
	int c_op = tsv_col(r, "openings"), c_ex = tsv_col(r, "expected_placements");
	int c_lo = tsv_col(r, "expected_lo"), c_hi = tsv_col(r, "expected_hi");
	int c_fit = tsv_col(r, "fit"), c_rank = tsv_col(r, "rank");

	struct track_table *t = ecalloc(1, sizeof *t);
	size_t cap = 0;
	int st;
	while ((st = tsv_next(r)) == 1) {
		if (t->n == cap) {
			cap = cap ? 2 * cap : 16;
			t->row = erealloc(t->row, cap * sizeof *t->row);
		}
		struct track_row *k = &t->row[t->n++];
		memset(k, 0, sizeof *k);
		k->area = estrdup(tsv_get(r, c[0]));
		k->track = estrdup(tsv_get(r, c[1]));
		k->name = c_name >= 0 && *tsv_get(r, c_name) ? estrdup(tsv_get(r, c_name)) : NULL;
		k->capacity = get_opt_double(r, c_cap);
		k->eligible = get_opt_double(r, c_el);
		k->interested = get_opt_double(r, c_int);
		k->openings = get_opt_double(r, c_op);
		k->expected = get_opt_double(r, c_ex);
		k->expected_lo = get_opt_double(r, c_lo);
		k->expected_hi = get_opt_double(r, c_hi);
		k->fit = get_opt_double(r, c_fit);
		k->rank = c_rank >= 0 ? (long)tsv_get_long(r, c_rank, LONG_MAX) : LONG_MAX;
	}
	tsv_reader_close(r);
	if (st < 0) {
		track_table_free(t);
		return NULL;
	}
	return t;
}

void track_table_free(struct track_table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++) {
		free(t->row[i].area);
		free(t->row[i].track);
		free(t->row[i].name);
	}
	free(t->row);
	free(t);
}

static int vac_cmp(const void *a, const void *b)
{
	const struct vac_sum *x = a, *y = b;
	int c = strcmp(x->kommun, y->kommun);
	if (!c)
		c = strcmp(x->ssyk, y->ssyk);
	if (!c)
		c = (x->year > y->year) - (x->year < y->year);
	return c;
}

struct vac_table *vac_table_read(const char *path)
{
	struct tsv_reader *r = tsv_reader_open(path);
	if (!r)
		return NULL;
	static const char *const req[] = {"kommun", "ssyk", "year", "vacancies", NULL};
	int c[4];
	if (require_cols(r, req, c) != 0) {
		tsv_reader_close(r);
		return NULL;
	}
	struct vac_table *t = ecalloc(1, sizeof *t);
	size_t cap = 0;
	int st;
	while ((st = tsv_next(r)) == 1) {
		long long year = tsv_get_long(r, c[2], -1);
		double v = tsv_get_double(r, c[3]);
		if (year < 1900 || year > 2200 || !isfinite(v)) {
			msg_error_at(tsv_path(r), tsv_line(r), "bad year or vacancies");
			st = -1;
			break;
		}
		if (t->n == cap) {
			cap = cap ? 2 * cap : 1024;
			t->row = erealloc(t->row, cap * sizeof *t->row);
		}
		struct vac_sum *s = &t->row[t->n++];
		copy_code(s->kommun, tsv_get(r, c[0]));
		copy_code(s->ssyk, tsv_get(r, c[1]));
		s->year = (int)year;
		s->vacancies = v;
	}
	tsv_reader_close(r);
	if (st < 0) {
		vac_table_free(t);
		return NULL;
	}
	if (t->n)
		qsort(t->row, t->n, sizeof *t->row, vac_cmp);
	/* merge equal keys */
	size_t k = 0;
	for (size_t i = 0; i < t->n; i++) {
		if (k && vac_cmp(&t->row[k - 1], &t->row[i]) == 0) {
			t->row[k - 1].vacancies += t->row[i].vacancies;
			continue;
		}
		t->row[k++] = t->row[i];
	}
	t->n = k;
	for (size_t i = 0; i < t->n; i++) {
		if (!t->year_min || t->row[i].year < t->year_min)
			t->year_min = t->row[i].year;
		if (t->row[i].year > t->year_max)
			t->year_max = t->row[i].year;
	}
	return t;
}

void vac_table_free(struct vac_table *t)
{
	if (!t)
		return;
	free(t->row);
	free(t);
}

static int swedish_index(const char *s)
{
	static const char *const names[] = {"sfi-a", "sfi-b", "sfi-c", "sfi-d", "sas", "modersmål"};
	for (int i = 0; i < SWE_UNKNOWN; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return SWE_UNKNOWN;
}

/* SUN 2020 level 0-2 förgymnasial, 3 gymnasial, 4-6 eftergymnasial. */
static int education_index(const char *s)
{
	if (s[0] >= '0' && s[0] <= '6' && s[1] == '\0') {
		int level = s[0] - '0';
		return level <= 2 ? EDU_FORGYMNASIAL : level == 3 ? EDU_GYMNASIAL : EDU_EFTERGYMNASIAL;
	}
	return EDU_UNKNOWN;
}

int cand_count_read(const char *path, const char (*kommun)[5], size_t nk,
		    const struct cand_rule *rule, struct cand_counts **out)
{
	struct tsv_reader *r = tsv_reader_open(path);
	if (!r)
		return -1;
	static const char *const req[] = {"kommun", "sex", "sun_level", "swedish_level",
					  "years_since_arrival", NULL};
	int c[5];
	if (require_cols(r, req, c) != 0) {
		tsv_reader_close(r);
		return -1;
	}
	int c_age = tsv_col(r, "age");
	struct cand_counts *cc = ecalloc(nk ? nk : 1, sizeof *cc);
	for (size_t i = 0; i < nk; i++)
		memcpy(cc[i].kommun, kommun[i], 5);
	int st;
	while ((st = tsv_next(r)) == 1) {
		size_t k;
		for (k = 0; k < nk; k++)
			if (strcmp(tsv_get(r, c[0]), kommun[k]) == 0)
				break;
		if (k == nk)
			continue;
		double ysa = tsv_get_double(r, c[4]);
		int is_candidate = isfinite(ysa) && ysa >= 0 && ysa <= rule->arrival_years;
		if (!is_candidate && rule->youth && c_age >= 0) {
			long long age = tsv_get_long(r, c_age, -1);
			is_candidate = age >= 16 && age <= 24;
		}
		if (!is_candidate)
			continue;
		const char *sex = tsv_get(r, c[1]);
		int s = strcmp(sex, "kvinnor") == 0 ? SEX_KVINNOR : strcmp(sex, "män") == 0 ? SEX_MAN : -1;
		if (s < 0)
			continue; /* sex unknown: not drawn in a by-sex chart */
		cc[k].n[s][swedish_index(tsv_get(r, c[3]))][education_index(tsv_get(r, c[2]))]++;
		cc[k].total++;
	}
	tsv_reader_close(r);
	if (st < 0) {
		free(cc);
		return -1;
	}
	*out = cc;
	return 0;
}

struct ssyk2_ctx {
	struct ssyk2_labels *l;
	int col_level, col_code, col_sv, col_en;
};

static int ssyk2_row(void *vctx, const struct csvin_row *row)
{
	struct ssyk2_ctx *x = vctx;
	if (x->col_level < 0) {
		for (size_t i = 0; i < row->nfields; i++) {
			const char *f = row->field[i];
			if (strcmp(f, "level") == 0)
				x->col_level = (int)i;
			else if (strcmp(f, "code") == 0)
				x->col_code = (int)i;
			else if (strcmp(f, "label_sv") == 0)
				x->col_sv = (int)i;
			else if (strcmp(f, "label_en") == 0)
				x->col_en = (int)i;
		}
		return x->col_level < 0 || x->col_code < 0 || x->col_sv < 0 ? 1 : 0;
	}
	if ((size_t)x->col_level >= row->nfields || (size_t)x->col_code >= row->nfields ||
	    (size_t)x->col_sv >= row->nfields)
		return 0;
	const char *code = row->field[x->col_code];
	if (strcmp(row->field[x->col_level], "2") != 0 || strlen(code) != 2 ||
	    code[0] < '0' || code[0] > '9' || code[1] < '0' || code[1] > '9')
		return 0;
	int k = (code[0] - '0') * 10 + (code[1] - '0');
	free(x->l->label[0][k]);
	free(x->l->label[1][k]);
	x->l->label[0][k] = estrdup(row->field[x->col_sv]);
	x->l->label[1][k] = estrdup(x->col_en >= 0 && (size_t)x->col_en < row->nfields
					    ? row->field[x->col_en] : row->field[x->col_sv]);
	return 0;
}

struct ssyk2_labels *ssyk2_labels_load(const char *refdir)
{
	char *path = easprintf("%s/ssyk2012_levels_1_3.csv", refdir);
	struct ssyk2_ctx x = {ecalloc(1, sizeof *x.l), -1, -1, -1, -1};
	int rc = csvin_read_path(path, NULL, ssyk2_row, &x, NULL);
	if (rc > 0)
		msg_error("%s: missing column level, code or label_sv", path);
	free(path);
	if (rc != 0) {
		ssyk2_labels_free(x.l);
		return NULL;
	}
	return x.l;
}

void ssyk2_labels_free(struct ssyk2_labels *l)
{
	if (!l)
		return;
	for (int j = 0; j < 2; j++)
		for (int k = 0; k < 100; k++)
			free(l->label[j][k]);
	free(l);
}
