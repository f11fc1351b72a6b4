/* What changed since an earlier report (--previous DIR): DIR is that
 * report's folder (OUT/report), which holds state.tsv, the record of what
 * it published and the settings and inputs behind it; a run folder (OUT)
 * and a report written before state.tsv existed (its run's shortage.tsv
 * and trackfit.tsv beside it) are read too. The change section then says
 * whether the configuration or the data changed, so a threshold moved by
 * hand is not read as a change in the labour market. */
#include "report.h"
#include "msg.h"
#include "schema.h"
#include "stage.h"
#include "tsv.h"
#include "version.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *tr(const struct report *R, const char *sv, const char *en)
{
	return R->en ? en : sv;
}

static int exists(const char *dir, const char *name)
{
	char *p = path_join(dir, name);
	int ok = access(p, F_OK) == 0;
	free(p);
	return ok;
}

void report_free_settings(struct prev_setting *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(s[i].key);
		free(s[i].value);
	}
	free(s);
}

void report_free_previous(struct previous *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->nocc; i++) {
		free(p->occ[i].label);
		free(p->occ[i].verdict);
	}
	free(p->occ);
	for (size_t i = 0; i < p->ntrack; i++) {
		free(p->track[i].kommun);
		free(p->track[i].track);
		free(p->track[i].name);
	}
	free(p->track);
	report_free_settings(p->setting, p->nsetting);
	report_free_settings(p->input, p->ninput);
	free(p->reference_year);
	free(p->version);
	free(p);
}

static void push_setting(struct prev_setting **list, size_t *n, const char *key, const char *value)
{
	*list = erealloc(*list, (*n + 1) * sizeof **list);
	(*list)[*n].key = estrdup(key);
	(*list)[*n].value = estrdup(value ? value : "");
	(*n)++;
}

static void push_occ(struct previous *p, const char *kommun, const char *ssyk, const char *label,
		     const char *verdict)
{
	p->occ = erealloc(p->occ, (p->nocc + 1) * sizeof *p->occ);
	struct prev_occ *o = &p->occ[p->nocc++];
	snprintf(o->kommun, sizeof o->kommun, "%s", kommun);
	snprintf(o->ssyk, sizeof o->ssyk, "%s", ssyk);
	o->label = estrdup(label);
	o->verdict = estrdup(verdict);
}

static void push_track(struct previous *p, const char *kommun, const char *track, const char *name,
		       double rank, double expected)
{
	p->track = erealloc(p->track, (p->ntrack + 1) * sizeof *p->track);
	struct prev_track *t = &p->track[p->ntrack++];
	t->kommun = estrdup(kommun);
	t->track = estrdup(track);
	t->name = estrdup(name);
	t->rank = rank;
	t->expected = expected;
}

/* The sections whose keys decide the tables (paths, language and layout
 * do not). */
static int setting_section(const char *section, const char *name)
{
	if (strcmp(section, "run") == 0)
		return strcmp(name, "reference_year") == 0 || strcmp(name, "municipalities") == 0 ||
		       strcmp(name, "seed") == 0;
	static const char *const sections[] = {"survey", "shortage", "retirement", "disclosure",
					       "trackfit", NULL};
	for (int i = 0; sections[i]; i++)
		if (strcmp(section, sections[i]) == 0)
			return 1;
	return 0;
}

struct prev_setting *report_settings(const struct report *R, size_t *n)
{
	struct prev_setting *list = NULL;
	*n = 0;
	size_t nkeys;
	const struct schema_key *keys = schema_keys(&nkeys);
	for (size_t i = 0; i < nkeys; i++) {
		const struct schema_key *k = &keys[i];
		if (k->type == SCHEMA_PATH || strcmp(k->section, "track") == 0 ||
		    !setting_section(k->section, k->name))
			continue;
		const char *v = config_get(R->cfg, k->section, k->name);
		char *key = easprintf("%s.%s", k->section, k->name);
		push_setting(&list, n, key, v ? v : k->def ? k->def : "");
		free(key);
	}
	/* every field of every track */
	for (size_t i = 0; i < R->cfg->n; i++) {
		const struct config_entry *e = &R->cfg->entry[i];
		if (strncmp(e->section, "track.", 6) != 0)
			continue;
		char *key = easprintf("%s.%s", e->section, e->key);
		size_t j;
		for (j = 0; j < *n; j++)
			if (strcmp(list[j].key, key) == 0)
				break;
		if (j < *n) { /* a later override wins */
			free(list[j].value);
			list[j].value = estrdup(e->value);
		} else {
			push_setting(&list, n, key, e->value);
		}
		free(key);
	}
	return list;
}

/* 1 if two settings' values mean the same: equal numbers ("1" and "1.0"),
 * or equal text apart from blanks ("0581,0882" and "0581, 0882"). */
static int same_value(const char *a, const char *b)
{
	char *ea, *eb;
	errno = 0;
	double x = strtod(a, &ea), y = strtod(b, &eb);
	if (*a && *b && !*ea && !*eb && !errno)
		return x == y;
	while (*a || *b) {
		while (*a == ' ' || *a == '\t')
			a++;
		while (*b == ' ' || *b == '\t')
			b++;
		if (*a != *b)
			return 0;
		if (*a)
			a++, b++;
	}
	return 1;
}

/* The SHA-256 of each input file in ingest.json (V), into LIST. */
static void ingest_inputs(const struct jval *v, struct prev_setting **list, size_t *n, int depth)
{
	if (!v || depth > 4)
		return;
	if (v->type == JOBJ && json_get(v, "sha256") && json_get(v, "file")) {
		char *file = json_get_text(v, "file"), *sha = json_get_text(v, "sha256");
		push_setting(list, n, file, sha);
		free(file);
		free(sha);
		return;
	}
	if (v->type == JOBJ || v->type == JARR)
		for (size_t i = 0; i < v->n; i++)
			ingest_inputs(v->item[i], list, n, depth + 1);
}

/* state.tsv of a report written by this version. */
static int load_state(struct previous *p, const char *path)
{
	int absent;
	struct mtab *t = mtab_load(path, 0, &absent);
	if (!t)
		return -1;
	int c_kind = mtab_col(t, "kind"), c_k = mtab_col(t, "kommun"), c_key = mtab_col(t, "key"),
	    c_name = mtab_col(t, "name"), c_v = mtab_col(t, "verdict"), c_r = mtab_col(t, "rank"),
	    c_val = mtab_col(t, "value");
	if (c_kind < 0 || c_key < 0) {
		msg_error("%s: not a report's state.tsv (no column kind or key)", path);
		mtab_free(t);
		return -1;
	}
	for (size_t i = 0; i < t->nrow; i++) {
		const char *kind = mtab_str(t, i, c_kind), *key = mtab_str(t, i, c_key);
		if (strcmp(kind, "occupation") == 0) {
			push_occ(p, mtab_str(t, i, c_k), key, mtab_str(t, i, c_name), mtab_str(t, i, c_v));
		} else if (strcmp(kind, "track") == 0) {
			push_track(p, mtab_str(t, i, c_k), key, mtab_str(t, i, c_name),
				   mtab_num(t, i, c_r), mtab_num(t, i, c_val));
		} else if (strcmp(kind, "setting") == 0) {
			push_setting(&p->setting, &p->nsetting, key, mtab_str(t, i, c_val));
			p->has_settings = 1;
		} else if (strcmp(kind, "input") == 0) {
			push_setting(&p->input, &p->ninput, key, mtab_str(t, i, c_val));
		} else if (strcmp(kind, "run") == 0) {
			char **slot = strcmp(key, "reference_year") == 0 ? &p->reference_year
				      : strcmp(key, "version") == 0 ? &p->version : NULL;
			if (slot) {
				free(*slot);
				*slot = estrdup(mtab_str(t, i, c_val));
			}
		}
	}
	mtab_free(t);
	return 0;
}

/* A run folder's shortage.tsv and trackfit.tsv (a report written before
 * state.tsv existed): verdicts and tracks, no settings. */
static int load_run_tables(const struct report *R, struct previous *p, const char *dir)
{
	char *path = path_join(dir, "shortage.tsv");
	int absent;
	struct mtab *s = mtab_load(path, 0, &absent);
	free(path);
	if (!s)
		return -1;
	int c_k = mtab_col(s, "kommun"), c_ssyk = mtab_col(s, "ssyk"), c_l = mtab_col(s, "label"),
	    c_v = mtab_col(s, "verdict");
	for (size_t i = 0; i < s->nrow; i++) {
		const char *k = mtab_str(s, i, c_k);
		if (strlen(k) == 4 && k[0] >= '0' && k[0] <= '9')
			push_occ(p, k, mtab_str(s, i, c_ssyk), mtab_str(s, i, c_l), mtab_str(s, i, c_v));
	}
	mtab_free(s);
	path = path_join(dir, "trackfit.tsv");
	struct mtab *t = mtab_load(path, 1, &absent);
	free(path);
	if (!t && !absent)
		return -1;
	if (t) {
		int tk = mtab_col(t, "kommun"), tt = mtab_col(t, "track"), te = mtab_col(t, "eligible"),
		    tx = mtab_col(t, "expected_placements"), c_rank = mtab_col(t, "rank");
		for (size_t i = 0; i < t->nrow; i++) {
			double x = mtab_num(t, i, tx);
			if (disc_base_hidden(&R->rule, mtab_num(t, i, te)))
				x = NAN;
			push_track(p, mtab_str(t, i, tk), mtab_str(t, i, tt), report_track_name(t, i),
				   mtab_num(t, i, c_rank), x);
		}
		mtab_free(t);
	}
	path = path_join(dir, "ingest.json");
	if (access(path, F_OK) == 0) {
		struct jval *j = json_load(path);
		if (j) {
			ingest_inputs(j, &p->input, &p->ninput, 0);
			p->reference_year = json_get_text(j, "reference_year");
			json_free(j);
		}
	}
	free(path);
	return 0;
}

int report_load_previous(struct report *R, const char *dir)
{
	struct stat st;
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		msg_error("%s: not the folder of an earlier report", dir);
		return -1;
	}
	struct previous *p = ecalloc(1, sizeof *p);
	int rc;
	if (exists(dir, "state.tsv")) {
		char *path = path_join(dir, "state.tsv");
		rc = load_state(p, path);
		free(path);
	} else if (exists(dir, "report/state.tsv")) {
		char *path = path_join(dir, "report/state.tsv");
		rc = load_state(p, path);
		free(path);
	} else if (exists(dir, "shortage.tsv")) {
		rc = load_run_tables(R, p, dir);
	} else if (exists(dir, "index.html") && exists(dir, "../shortage.tsv")) {
		char *parent = path_join(dir, "..");
		rc = load_run_tables(R, p, parent);
		free(parent);
	} else {
		msg_error("%s: not the folder of an earlier report (no state.tsv, and no shortage.tsv "
			  "of its run)", dir);
		rc = -1;
	}
	if (rc != 0) {
		report_free_previous(p);
		return -1;
	}
	R->prev = p;
	return 0;
}

/* ---------------------------------------------------------------- change tables */

static const struct prev_occ *prev_occ_find(const struct previous *p, const char *kommun,
					    const char *ssyk)
{
	for (size_t i = 0; i < p->nocc; i++)
		if (strcmp(p->occ[i].kommun, kommun) == 0 && strcmp(p->occ[i].ssyk, ssyk) == 0)
			return &p->occ[i];
	return NULL;
}

static void push_label(char ***list, size_t *n, const char *s)
{
	*list = erealloc(*list, (*n + 1) * sizeof **list);
	(*list)[(*n)++] = estrdup(s);
}

static void build_verdict_changes(struct report *R)
{
	const struct strings *S = R->S;
	const struct mtab *cur = R->shortage;
	const struct previous *p = R->prev;
	R->changes = ecalloc(R->nkommun ? R->nkommun : 1, sizeof *R->changes);
	struct rtable *t = rtable_new("forandring_brist", S->t_change_occ, 5);
	rtable_sheet(t, tr(R, "Ändrade bedömningar", "Changed verdicts"));
	rtable_col(t, 0, S->c_municipality, 0, 1);
	rtable_col(t, 1, S->c_ssyk, 0, 1);
	rtable_code(t, 1);
	rtable_col(t, 2, S->c_occupation, 0, 1);
	rtable_col(t, 3, S->c_prev_verdict, 0, 1);
	rtable_col(t, 4, S->c_new_verdict, 0, 1);
	rtable_about(t, tr(R, "Yrken vars bedömning skiljer sig från den förra rapportens, också "
			      "yrken som bara finns i den ena.",
			   "Occupations whose verdict differs from the previous report's, also "
			   "occupations present in only one of them."));
	t->more_word = tr(R, "yrken", "occupations");
	int c_ssyk = mtab_col(cur, "ssyk"), c_v = mtab_col(cur, "verdict"), c_l = mtab_col(cur, "label");
	for (size_t k = 0; k < R->nkommun; k++) {
		const char *km = R->kommun[k];
		size_t n;
		size_t *rows = report_shortage_rows(R, km, &n);
		unsigned char *seen = ecalloc(p->nocc + 1, 1);
		for (size_t i = 0; i < n; i++) {
			const char *ssyk = mtab_str(cur, rows[i], c_ssyk), *v_now = mtab_str(cur, rows[i], c_v);
			const struct prev_occ *o = prev_occ_find(p, km, ssyk);
			if (o)
				seen[o - p->occ] = 1;
			const char *v_prev = o ? o->verdict : "";
			if (strcmp(v_prev, v_now) == 0)
				continue;
			const char *label = report_ssyk_label(R, ssyk, mtab_str(cur, rows[i], c_l));
			size_t r = rtable_add_row(t);
			rtable_text(t, r, 0, report_area_name(R, km));
			rtable_text(t, r, 1, ssyk);
			rtable_text(t, r, 2, label);
			rtable_text(t, r, 3, *v_prev ? i18n_verdict(S, v_prev) : "");
			rtable_text(t, r, 4, i18n_verdict(S, v_now));
			int was = strcmp(v_prev, "brist") == 0, is = strcmp(v_now, "brist") == 0;
			if (is && !was)
				push_label(&R->changes[k].became, &R->changes[k].nbecame, label);
			if (was && !is)
				push_label(&R->changes[k].ended, &R->changes[k].nended, label);
		}
		free(rows);
		/* occupations only the previous report had */
		for (size_t i = 0; i < p->nocc; i++) {
			const struct prev_occ *o = &p->occ[i];
			if (seen[i] || strcmp(o->kommun, km) != 0)
				continue;
			const char *label = report_ssyk_label(R, o->ssyk, o->label);
			size_t r = rtable_add_row(t);
			rtable_text(t, r, 0, report_area_name(R, km));
			rtable_text(t, r, 1, o->ssyk);
			rtable_text(t, r, 2, label);
			rtable_text(t, r, 3, i18n_verdict(S, o->verdict));
			if (strcmp(o->verdict, "brist") == 0)
				push_label(&R->changes[k].ended, &R->changes[k].nended, label);
		}
		free(seen);
	}
	t->html_max_rows = R->max_rows;
	R->chg_occ_t = t;
	report_add_table(R, t);
}

static void build_track_changes(struct report *R)
{
	const struct strings *S = R->S;
	const struct previous *p = R->prev;
	const struct mtab *tc = R->trackfit;
	if (!tc || !p->ntrack)
		return;
	struct rtable *u = rtable_new("forandring_spar", S->t_change_tracks, 6);
	rtable_sheet(u, tr(R, "Jobbspår förändring", "Job tracks change"));
	rtable_col(u, 0, S->c_municipality, 0, 1);
	rtable_col(u, 1, S->c_track, 0, 1);
	rtable_col(u, 2, S->c_prev_rank, 0, 0);
	rtable_col(u, 3, S->c_new_rank, 0, 0);
	rtable_col(u, 4, S->c_prev_expected, 1, 0);
	rtable_col(u, 5, S->c_new_expected, 1, 0);
	rtable_about(u, tr(R, "Varje jobbspårs rang och förväntade placeringar i den förra och i "
			      "den här rapporten.",
			   "Each job track's rank and expected placements in the previous and in "
			   "this report."));
	int ck = mtab_col(tc, "kommun"), ct = mtab_col(tc, "track"), ce = mtab_col(tc, "eligible");
	for (size_t k = 0; k < R->nkommun; k++)
		for (size_t i = 0; i < tc->nrow; i++) {
			if (strcmp(mtab_str(tc, i, ck), R->kommun[k]) != 0)
				continue;
			const struct prev_track *pt = NULL;
			for (size_t j = 0; j < p->ntrack && !pt; j++)
				if (strcmp(p->track[j].kommun, R->kommun[k]) == 0 &&
				    strcmp(p->track[j].track, mtab_str(tc, i, ct)) == 0)
					pt = &p->track[j];
			size_t r = rtable_add_row(u);
			rtable_text(u, r, 0, report_area_name(R, R->kommun[k]));
			const char *name = report_track_name(tc, i);
			if (strcmp(name, mtab_str(tc, i, ct)) == 0) {
				char *section = easprintf("track.%s", name);
				const char *cfg_name = config_get(R->cfg, section, "name");
				free(section);
				if (cfg_name)
					name = cfg_name;
			}
			rtable_text(u, r, 1, name);
			rtable_num(u, r, 3, mtab_num(tc, i, mtab_col(tc, "rank")));
			int cx = mtab_col(tc, "expected_placements");
			rtable_num(u, r, 5, mtab_num(tc, i, cx));
			/* hidden by the report's rule, or already by jobbspar-trackfit ("..") */
			if (disc_base_hidden(&R->rule, mtab_num(tc, i, ce)) || mtab_hidden(tc, i, cx))
				rtable_suppress(u, r, 5, DISC_PRIMARY);
			if (pt) {
				rtable_num(u, r, 2, pt->rank);
				rtable_num(u, r, 4, pt->expected);
			}
		}
	R->chg_track_t = u;
	report_add_table(R, u);
}

/* The settings that differ from the previous report's, and whether the
 * input files did. */
static void build_setup_changes(struct report *R)
{
	const struct previous *p = R->prev;
	struct rtable *t = rtable_new("forandring_installningar",
				      tr(R, "Ändrade inställningar", "Changed settings"), 3);
	rtable_sheet(t, tr(R, "Ändrade inställningar", "Changed settings"));
	rtable_col(t, 0, tr(R, "Inställning", "Setting"), 0, 1);
	rtable_col(t, 1, tr(R, "Förra rapporten", "Previous report"), 0, 1);
	rtable_col(t, 2, tr(R, "Den här rapporten", "This report"), 0, 1);
	rtable_about(t, tr(R, "Inställningar (data/default.ini och --set) som styr bedömningarna "
			      "och som har ändrats sedan förra rapporten.",
			   "Settings (data/default.ini and --set) that decide the verdicts and have "
			   "changed since the previous report."));
	if (p->has_settings) {
		size_t n;
		struct prev_setting *now = report_settings(R, &n);
		for (size_t i = 0; i < n; i++) {
			const char *before = NULL;
			for (size_t j = 0; j < p->nsetting && !before; j++)
				if (strcmp(p->setting[j].key, now[i].key) == 0)
					before = p->setting[j].value;
			if (before && same_value(before, now[i].value))
				continue;
			size_t r = rtable_add_row(t);
			rtable_text(t, r, 0, now[i].key);
			rtable_text(t, r, 1, before ? before : tr(R, "(saknades)", "(absent)"));
			rtable_text(t, r, 2, now[i].value);
		}
		/* settings only the previous report had (a track removed) */
		for (size_t j = 0; j < p->nsetting; j++) {
			size_t i;
			for (i = 0; i < n; i++)
				if (strcmp(p->setting[j].key, now[i].key) == 0)
					break;
			if (i < n)
				continue;
			size_t r = rtable_add_row(t);
			rtable_text(t, r, 0, p->setting[j].key);
			rtable_text(t, r, 1, p->setting[j].value);
			rtable_text(t, r, 2, tr(R, "(borttagen)", "(removed)"));
		}
		report_free_settings(now, n);
	}
	R->chg_setup_t = t;
	report_add_table(R, t);
	/* the inputs: the same files with the same contents? */
	struct prev_setting *in = NULL;
	size_t nin = 0;
	ingest_inputs(R->ingest, &in, &nin, 0);
	if (nin && p->ninput) {
		int changed = nin != p->ninput;
		for (size_t i = 0; i < nin && !changed; i++) {
			size_t j;
			for (j = 0; j < p->ninput; j++)
				if (strcmp(p->input[j].key, in[i].key) == 0)
					break;
			changed = j == p->ninput || strcmp(p->input[j].value, in[i].value) != 0;
		}
		R->inputs_changed = changed;
	}
	report_free_settings(in, nin);
}

void report_build_changes(struct report *R)
{
	build_verdict_changes(R);
	build_track_changes(R);
	build_setup_changes(R);
}

char *report_changed_inputs(const struct report *R)
{
	char *out = estrdup("");
	if (!R->prev)
		return out;
	struct prev_setting *in = NULL;
	size_t nin = 0;
	ingest_inputs(R->ingest, &in, &nin, 0);
	for (size_t i = 0; i < nin; i++) {
		const char *before = NULL;
		for (size_t j = 0; j < R->prev->ninput && !before; j++)
			if (strcmp(R->prev->input[j].key, in[i].key) == 0)
				before = R->prev->input[j].value;
		if (before && strcmp(before, in[i].value) == 0)
			continue;
		char *n = easprintf("%s%s%s", out, *out ? ", " : "", in[i].key);
		free(out);
		out = n;
	}
	report_free_settings(in, nin);
	return out;
}

/* ---------------------------------------------------------------- state.tsv */

int report_write_state(const struct report *R, const char *reportdir)
{
	static const char *const cols[] = {"kind", "kommun", "key", "name", "verdict", "rank",
					   "value", NULL};
	char *path = path_join(reportdir, "state.tsv");
	struct tsv_writer *w = tsv_writer_open(path, cols, 0644);
	free(path);
	if (!w)
		return -1;
#define ROW(kind, kommun, key, name, verdict) \
	(tsv_put_str(w, kind), tsv_put_str(w, kommun), tsv_put_str(w, key), tsv_put_str(w, name), \
	 tsv_put_str(w, verdict))
	char year[16];
	snprintf(year, sizeof year, "%d", R->reference_year);
	ROW("run", "", "reference_year", "", "");
	tsv_put_empty(w);
	tsv_put_str(w, year);
	tsv_end_row(w);
	ROW("run", "", "version", "", "");
	tsv_put_empty(w);
	tsv_put_str(w, JOBBSPAR_VERSION);
	tsv_end_row(w);
	size_t n;
	struct prev_setting *set = report_settings(R, &n);
	for (size_t i = 0; i < n; i++) {
		ROW("setting", "", set[i].key, "", "");
		tsv_put_empty(w);
		tsv_put_str(w, set[i].value);
		tsv_end_row(w);
	}
	report_free_settings(set, n);
	struct prev_setting *in = NULL;
	size_t nin = 0;
	ingest_inputs(R->ingest, &in, &nin, 0);
	for (size_t i = 0; i < nin; i++) {
		ROW("input", "", in[i].key, "", "");
		tsv_put_empty(w);
		tsv_put_str(w, in[i].value);
		tsv_end_row(w);
	}
	report_free_settings(in, nin);
	const struct mtab *s = R->shortage;
	int c_ssyk = mtab_col(s, "ssyk"), c_l = mtab_col(s, "label"), c_v = mtab_col(s, "verdict"),
	    c_r = mtab_col(s, "rank"), c_x = mtab_col(s, "shortage_index");
	for (size_t k = 0; k < R->nkommun; k++) {
		size_t nr;
		size_t *rows = report_shortage_rows(R, R->kommun[k], &nr);
		for (size_t i = 0; i < nr; i++) {
			ROW("occupation", R->kommun[k], mtab_str(s, rows[i], c_ssyk),
			    mtab_str(s, rows[i], c_l), mtab_str(s, rows[i], c_v));
			tsv_put_str(w, mtab_str(s, rows[i], c_r));
			tsv_put_str(w, mtab_str(s, rows[i], c_x));
			tsv_end_row(w);
		}
		free(rows);
	}
	const struct mtab *t = R->trackfit;
	if (t) {
		int tk = mtab_col(t, "kommun"), tt = mtab_col(t, "track"), te = mtab_col(t, "eligible"),
		    tx = mtab_col(t, "expected_placements"), c_rank = mtab_col(t, "rank");
		for (size_t k = 0; k < R->nkommun; k++)
			for (size_t i = 0; i < t->nrow; i++) {
				if (strcmp(mtab_str(t, i, tk), R->kommun[k]) != 0)
					continue;
				ROW("track", R->kommun[k], mtab_str(t, i, tt), report_track_name(t, i), "");
				tsv_put_str(w, mtab_str(t, i, c_rank));
				/* published as the report publishes it */
				if (disc_base_hidden(&R->rule, mtab_num(t, i, te)) || mtab_hidden(t, i, tx))
					tsv_put_empty(w);
				else
					tsv_put_str(w, mtab_str(t, i, tx));
				tsv_end_row(w);
			}
	}
#undef ROW
	return tsv_writer_close(w);
}
