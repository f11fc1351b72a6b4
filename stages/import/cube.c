#include "cube.h"
#include "closest.h"
#include "keymap.h"
#include "msg.h"
#include "value.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int one_of(const char *folded, const char *const *words)
{
	for (; *words; words++)
		if (strcmp(folded, *words) == 0)
			return 1;
	return 0;
}

enum cube_kind cube_kind_of(const char *name)
{
	char *f = value_fold(name);
	enum cube_kind k = CUBE_OTHER;
	static const char *const year[] = {"år", "year", "tid", "time", "period", NULL};
	static const char *const sex[] = {"kön", "kon", "sex", "gender", NULL};
	if (starts(f, "region") || starts(f, "kommun") || starts(f, "län") || strcmp(f, "lan") == 0 ||
	    starts(f, "county") || starts(f, "municipality"))
		k = CUBE_AREA;
	else if (strstr(f, "sni") || starts(f, "näringsgren") || starts(f, "naringsgren") ||
		 starts(f, "industry"))
		k = CUBE_SNI;
	else if (strstr(f, "yrke") || strstr(f, "ssyk") || strstr(f, "occupation"))
		k = CUBE_OCC;
	else if (one_of(f, sex) || starts(f, "kön "))
		k = CUBE_SEX;
	else if (starts(f, "ålder") || starts(f, "alder") || starts(f, "age"))
		k = CUBE_AGE;
	else if (one_of(f, year))
		k = CUBE_YEAR;
	else if (strstr(f, "storleksklass") || starts(f, "size"))
		k = CUBE_SIZE;
	free(f);
	return k;
}

const char *cube_kind_name(enum cube_kind k)
{
	static const char *const names[] = {"other", "area", "occupation", "sex", "age", "year",
					    "industry", "size class"};
	return names[k];
}

void cube_dim_init(struct cube_dim *d, enum cube_kind kind, const char *name)
{
	memset(d, 0, sizeof *d);
	d->kind = kind;
	d->name = estrdup(name);
	d->index = keymap_new();
}

void cube_dim_free(struct cube_dim *d)
{
	for (size_t i = 0; i < d->ncat; i++) {
		free(d->cat[i].label);
		free(d->cat[i].code);
	}
	free(d->cat);
	free(d->name);
	keymap_free(d->index);
	memset(d, 0, sizeof *d);
}

size_t cube_set_dim(struct cube_set *s, enum cube_kind kind, const char *name, int add)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->dim[i].kind == kind && (kind != CUBE_OTHER || strcmp(s->dim[i].name, name) == 0))
			return i;
	if (!add || s->n == CUBE_MAXDIM)
		return (size_t)-1;
	cube_dim_init(&s->dim[s->n], kind, name);
	return s->n++;
}

void cube_set_free(struct cube_set *s)
{
	for (size_t i = 0; i < s->n; i++)
		cube_dim_free(&s->dim[i]);
	s->n = 0;
}

size_t cube_dim_add(struct cube_dim *d, const char *label, const char *code)
{
	const char *key = code ? code : label;
	uint64_t prev;
	if (!keymap_insert(d->index, key, strlen(key), d->ncat, &prev))
		return (size_t)prev;
	d->cat = erealloc(d->cat, (d->ncat + 1) * sizeof *d->cat);
	struct cube_cat *c = &d->cat[d->ncat];
	memset(c, 0, sizeof *c);
	c->label = estrdup(label);
	c->code = code ? estrdup(code) : NULL;
	c->upper = -1;
	return d->ncat++;
}

size_t cube_dim_find(const struct cube_dim *d, const char *label)
{
	uint64_t v;
	if (!keymap_get(d->index, label, strlen(label), &v))
		return (size_t)-1;
	return (size_t)v;
}

int cube_suppressed(const char *s)
{
	size_t n;
	s = value_trim(s, &n);
	if (n == 1 && s[0] == '-')
		return 1;
	if (n < 1 || n > 7)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] != '.')
			return 0;
	return 1;
}

int cube_count(const char *s, long long *v)
{
	size_t n;
	s = value_trim(s, &n);
	if (n == 0 || n > 15)
		return -1;
	long long x = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		x = x * 10 + (s[i] - '0');
	}
	*v = x;
	return 0;
}

size_t cube_label_code(const char *label, char *code, size_t cap)
{
	while (*label == ' ')
		label++;
	size_t n = 0;
	if (label[0] >= 'A' && label[0] <= 'Z' && (label[1] == ' ' || label[1] == '\0' || label[1] == '.'))
		n = 1;
	else
		while (isdigit((unsigned char)label[n]))
			n++;
	if (n == 0 || (label[n] != ' ' && label[n] != '\0' && !(n == 1 && label[n] == '.')))
		return 0;
	if (n >= cap)
		return 0;
	memcpy(code, label, n);
	code[n] = '\0';
	return n;
}

/* The code of category C: JSON-stat's, else the label's leading one. */
static size_t cat_code(const struct cube_cat *c, char *code, size_t cap)
{
	if (c->code) {
		size_t n = strlen(c->code);
		if (n >= cap)
			return 0;
		memcpy(code, c->code, n + 1);
		for (size_t i = 0; i < n; i++)
			if (!isdigit((unsigned char)code[i]) && !(n == 1 && code[0] >= 'A' && code[0] <= 'Z'))
				return 0;
		return n;
	}
	return cube_label_code(c->label, code, cap);
}

/* The label folded, without a leading code and a trailing unit word. */
static char *cat_text(const struct cube_cat *c, int strip_code)
{
	char code[16];
	size_t n = c->code || !strip_code ? 0 : cube_label_code(c->label, code, sizeof code);
	const char *t = c->label + n;
	while (*t == ' ')
		t++;
	char *f = value_fold(t);
	static const char *const units[] = {" år", " years", " anställda", " anst.", " anst", " employees",
					    NULL};
	size_t len = strlen(f);
	for (const char *const *u = units; *u; u++) {
		size_t ul = strlen(*u);
		if (len > ul && strcmp(f + len - ul, *u) == 0) {
			f[len - ul] = '\0';
			break;
		}
	}
	return f;
}

static const char *const total_words[] = {"totalt", "total", "samtliga", "summa", "alla",
					  "män och kvinnor", "both sexes", "1+2", "samtliga yrken",
					  "samtliga näringsgrenar", "samtliga storleksklasser",
					  "samtliga åldrar", "all occupations", "all ages", "all industries",
					  "riket", "sverige", "hela riket", "sweden", NULL};

static void set_part(struct cube_cat *c, const char *value, int level)
{
	c->role = CUBE_PART;
	snprintf(c->value, sizeof c->value, "%s", value);
	c->level = level;
}

static void set_role(struct cube_cat *c, enum cube_role role, const char *why)
{
	c->role = role;
	c->why = why;
}

static int lan_exists(const struct codes *codes, const char *lan)
{
	for (size_t i = 0; i < codes->nkommun; i++)
		if (strcmp(codes->kommun[i].lan, lan) == 0)
			return 1;
	return 0;
}

static void classify_area(struct cube_cat *c, const struct codes *codes)
{
	char code[16];
	size_t n = cat_code(c, code, sizeof code);
	char *t = cat_text(c, 1);
	if (n == 4 && isdigit((unsigned char)code[0])) {
		if (codes_kommun_find(codes, code))
			set_part(c, code, 4);
		else
			set_role(c, CUBE_BAD, "not a kommun code of the reference list");
	} else if (n == 2 && strcmp(code, "00") == 0) {
		set_role(c, CUBE_AGGREGATE, "the whole country: a total, not converted");
	} else if (n == 2) {
		if (lan_exists(codes, code))
			set_part(c, code, 2);
		else
			set_role(c, CUBE_BAD, "not a county code of the reference list");
	} else if (n == 0 && one_of(t, total_words)) {
		set_role(c, CUBE_AGGREGATE, "the whole country: a total, not converted");
	} else {
		set_role(c, CUBE_BAD, "no kommun (4 digits) or county (2 digits) code");
	}
	free(t);
}

static int ssyk_prefix_exists(const struct codes *codes, const char *prefix, size_t n)
{
	for (size_t i = 0; i < codes->nssyk; i++)
		if (strncmp(codes->ssyk[i].code, prefix, n) == 0)
			return 1;
	return 0;
}

static void classify_occ(struct cube_cat *c, const struct codes *codes)
{
	char code[16];
	size_t n = cat_code(c, code, sizeof code);
	char *t = cat_text(c, 1);
	if (n == 4 && strcmp(code, "0002") == 0) {
		/* occupation unknown: no SSYK 2012 group, but counted by ingest
		 * (ssyk_special), so it is passed through as it is */
		set_part(c, code, 4);
		c->special = 1;
	} else if (n == 4)
		if (codes_ssyk_find(codes, code))
			set_part(c, code, 4);
		else
			set_role(c, CUBE_BAD, "not an SSYK 2012 code");
	else if (n >= 1 && n <= 3)
		if (ssyk_prefix_exists(codes, code, n))
			set_part(c, code, (int)n);
		else
			set_role(c, CUBE_BAD, "not an SSYK 2012 code");
	else if (n == 0 && one_of(t, total_words))
		set_role(c, CUBE_AGGREGATE, "all occupations: a total, not converted");
	else
		set_role(c, CUBE_BAD, "no SSYK 2012 code");
	free(t);
}

static void classify_sex(struct cube_cat *c)
{
	static const char *const men[] = {"män", "man", "men", "male", "males", NULL};
	static const char *const women[] = {"kvinnor", "kvinna", "women", "female", "females", NULL};
	char *t = cat_text(c, 1);
	const char *code = c->code ? c->code : "";
	if (one_of(t, men) || (!*t && strcmp(code, "1") == 0))
		set_part(c, "män", 0);
	else if (one_of(t, women) || (!*t && strcmp(code, "2") == 0))
		set_part(c, "kvinnor", 0);
	else if (one_of(t, total_words) || strcmp(code, "1+2") == 0 || strcmp(code, "TOT") == 0)
		set_role(c, CUBE_AGGREGATE, "both sexes: a total of män and kvinnor, not converted");
	else
		set_role(c, CUBE_BAD, "not män, kvinnor or totalt");
	free(t);
}

static const char *const age_bands[] = {"16-24", "25-29", "30-34", "35-39", "40-44", "45-49",
					"50-54", "55-59", "60-64", "65-69", NULL};

/* "16-24", "65+", "65-" (SCB's open class) */
static int parse_range(const char *t, int *lo, int *hi)
{
	int a, b, used = 0;
	if (sscanf(t, "%d-%d%n", &a, &b, &used) == 2 && t[used] == '\0' && a <= b) {
		*lo = a;
		*hi = b;
		return 0;
	}
	used = 0;
	if (sscanf(t, "%d%n", &a, &used) == 1 && (strcmp(t + used, "+") == 0 || strcmp(t + used, "-") == 0)) {
		*lo = a;
		*hi = -1;
		return 0;
	}
	used = 0;
	if (sscanf(t, "%d%n", &a, &used) == 1 && t[used] == '\0') {
		*lo = *hi = a;
		return 0;
	}
	return -1;
}

static void classify_age(struct cube_cat *c)
{
	char *t = cat_text(c, 0);
	int lo, hi;
	const char *src = *t ? t : c->code ? c->code : "";
	if (one_of(t, total_words)) {
		set_role(c, CUBE_AGGREGATE, "all ages: a total, not converted");
	} else if (parse_range(src, &lo, &hi) == 0) {
		char band[16];
		snprintf(band, sizeof band, "%d-%d", lo, hi);
		c->level = lo;
		c->upper = hi;
		set_role(c, CUBE_BAD, "not an age band of the contract (16-24, 25-29, ... 65-69)");
		for (size_t i = 0; age_bands[i]; i++)
			if (hi >= 0 && strcmp(band, age_bands[i]) == 0)
				set_part(c, band, lo);
	} else {
		set_role(c, CUBE_BAD, "not an age band");
	}
	free(t);
}

static void classify_year(struct cube_cat *c)
{
	const char *s = c->code ? c->code : c->label;
	size_t n;
	s = value_trim(s, &n);
	int ok = n == 4;
	for (size_t i = 0; ok && i < 4; i++)
		ok = isdigit((unsigned char)s[i]);
	int y = ok ? atoi(s) : 0;
	if (ok && y >= 1990 && y <= 2200) {
		char buf[8];
		snprintf(buf, sizeof buf, "%d", y);
		set_part(c, buf, y);
	} else {
		set_role(c, CUBE_BAD, "not a year (YYYY)");
	}
}

static void classify_sni(struct cube_cat *c)
{
	char code[16];
	size_t n = cat_code(c, code, sizeof code);
	char *t = cat_text(c, 1);
	if (n == 1 && code[0] >= 'A' && code[0] <= 'U')
		set_part(c, code, 1);
	else if (n == 0 && one_of(t, total_words))
		set_role(c, CUBE_AGGREGATE, "all industries: a total, not converted");
	else if (n >= 2 && isdigit((unsigned char)code[0]))
		set_role(c, CUBE_BAD, "an SNI 2007 division, not a section A-U");
	else
		set_role(c, CUBE_BAD, "not an SNI 2007 section A-U (industry unknown?)");
	free(t);
}

static void classify_size(struct cube_cat *c)
{
	static const int classes[][2] = {{0, 0},     {1, 4},     {5, 9},     {10, 19}, {20, 49},
					 {50, 99},   {100, 199}, {200, 499}, {500, -1}};
	char *t = cat_text(c, 0);
	const char *src = *t ? t : c->code ? c->code : "";
	int lo, hi;
	set_role(c, CUBE_BAD, "not one of SCB's size classes 0, 1-4, 5-9, 10-19, 20-49, 50-99, "
			      "100-199, 200-499, 500+");
	if (one_of(t, total_words)) {
		set_role(c, CUBE_AGGREGATE, "all size classes: a total, not converted");
	} else if (parse_range(src, &lo, &hi) == 0) {
		for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++)
			if (classes[i][0] == lo && classes[i][1] == hi) {
				char v[16];
				if (hi < 0)
					snprintf(v, sizeof v, "%d+", lo);
				else if (hi == lo)
					snprintf(v, sizeof v, "%d", lo);
				else
					snprintf(v, sizeof v, "%d-%d", lo, hi);
				set_part(c, v, lo);
				c->upper = hi;
			}
	}
	free(t);
}

static void classify_cat(struct cube_cat *c, enum cube_kind kind, const struct codes *codes)
{
	switch (kind) {
	case CUBE_AREA: classify_area(c, codes); break;
	case CUBE_OCC: classify_occ(c, codes); break;
	case CUBE_SEX: classify_sex(c); break;
	case CUBE_AGE: classify_age(c); break;
	case CUBE_YEAR: classify_year(c); break;
	case CUBE_SNI: classify_sni(c); break;
	case CUBE_SIZE: classify_size(c); break;
	case CUBE_OTHER: set_part(c, "", 0); break;
	}
}

static void classify(struct cube_dim *d, const struct codes *codes)
{
	for (size_t i = 0; i < d->ncat; i++)
		classify_cat(&d->cat[i], d->kind, codes);
}

/* 1 when every category of D (of several) would be a part or a total of a
 * dimension of KIND: D is that dimension under another name. */
static int holds_kind(const struct cube_dim *d, enum cube_kind kind, const struct codes *codes)
{
	size_t parts = 0;
	for (size_t i = 0; i < d->ncat; i++) {
		struct cube_cat c = d->cat[i];
		classify_cat(&c, kind, codes);
		if (c.role == CUBE_BAD)
			return 0;
		parts += c.role == CUBE_PART;
	}
	return d->ncat > 1 && parts > 0;
}

static struct cube_dim *find_kind(struct cube_dim *dims, size_t n, enum cube_kind k)
{
	for (size_t i = 0; i < n; i++)
		if (dims[i].kind == k)
			return &dims[i];
	return NULL;
}

/* Lists up to four category labels into BUF for a message. */
static void some_labels(const struct cube_dim *d, char *buf, size_t cap)
{
	size_t o = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < d->ncat && i < 4 && o < cap; i++)
		o += (size_t)snprintf(buf + o, cap - o, "%s\"%s\"", i ? ", " : "", d->cat[i].label);
	if (d->ncat > 4 && o < cap)
		snprintf(buf + o, cap - o, ", ...");
}

/* What stops a table from being converted, gathered so that one message
 * names every problem at once (as ingest names every missing column). */
struct plan_problems {
	char *missing;   /* "region (...), år (...)": the required dimensions absent */
	size_t nmissing;
	char *other;     /* the other problems, "; "-joined */
	int *suggested;  /* per dimension: named in a "did you mean" */
};

static void append(char **list, const char *sep, const char *text)
{
	char *next = easprintf("%s%s%s", *list ? *list : "", *list && **list ? sep : "", text);
	free(*list);
	*list = next;
}

static void problem(struct plan_problems *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void problem(struct plan_problems *p, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	char *text = emalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(text, (size_t)n + 1, fmt, ap);
	va_end(ap);
	append(&p->other, "; ", text);
	free(text);
}

/* The names SCB (in Swedish and English) and JSON-stat give a dimension of
 * each kind, the first the one a message names; for "did you mean". */
static const char *const *kind_names(enum cube_kind k)
{
	static const char *const area[] = {"region", "kommun", "län", "county", "municipality", NULL};
	static const char *const occ[] = {"yrke", "ssyk", "occupation", NULL};
	static const char *const year[] = {"år", "year", "tid", "time", "period", NULL};
	static const char *const sni[] = {"näringsgren", "sni", "industry", NULL};
	static const char *const size[] = {"storleksklass", "size class", "size", NULL};
	static const char *const none[] = {NULL};
	switch (k) {
	case CUBE_AREA: return area;
	case CUBE_OCC: return occ;
	case CUBE_YEAR: return year;
	case CUBE_SNI: return sni;
	case CUBE_SIZE: return size;
	default: return none;
	}
}

/* Notes a required dimension of KIND (described by WHAT) that the table
 * lacks, with the closest dimension of no known kind ("did you mean"). */
static void missing(struct plan_problems *p, struct cube_dim *dims, size_t n, enum cube_kind kind,
		    const char *what, const struct codes *codes)
{
	const char **names = emalloc((n ? n : 1) * sizeof *names);
	size_t *index = emalloc((n ? n : 1) * sizeof *index), nn = 0;
	for (size_t i = 0; i < n; i++)
		if (dims[i].kind == CUBE_OTHER) {
			index[nn] = i;
			names[nn++] = dims[i].name;
		}
	long best = -1;
	for (const char *const *name = kind_names(kind); *name && best < 0; name++)
		best = closest_column(*name, names, nn);
	/* else one whose categories are of the kind ("Område" holding kommuner) */
	int by_content = 0;
	for (size_t i = 0; i < nn && best < 0; i++)
		if (!p->suggested[index[i]] && holds_kind(&dims[index[i]], kind, codes)) {
			best = (long)i;
			by_content = 1;
		}
	char *text;
	if (best >= 0) {
		p->suggested[index[best]] = 1;
		text = easprintf("%s (%s; did you mean \"%s\"?%s)", kind_names(kind)[0], what, names[best],
				 by_content ? " its categories fit" : "");
	} else {
		text = easprintf("%s (%s)", kind_names(kind)[0], what);
	}
	append(&p->missing, ", ", text);
	p->nmissing++;
	free(text);
	free(names);
	free(index);
}

/* Prints the problems as one message naming FILE; returns -1, or 0 when
 * there are none. Frees what P holds. */
static int report_problems(struct plan_problems *p, const char *file)
{
	int rc = 0;
	if (p->nmissing || p->other) {
		msg_error_at(file, 0, "%s%s%s%s", p->nmissing ? (p->nmissing > 1 ? "missing required dimensions "
									 : "missing required dimension ")
							     : "",
			     p->nmissing ? p->missing : "", p->nmissing && p->other ? "; " : "",
			     p->other ? p->other : "");
		rc = -1;
	}
	free(p->missing);
	free(p->other);
	free(p->suggested);
	memset(p, 0, sizeof *p);
	return rc;
}

/* Dimensions of no known kind must hold one category (e.g. the table's
 * one content); several cannot be told apart in the output. One named in
 * a "did you mean" is said there; a CSV column of bare numbers is a second
 * content; one whose categories are of a known kind is named so. */
static void check_others(struct plan_problems *p, struct cube_dim *dims, size_t n, const struct codes *codes)
{
	static const enum cube_kind kinds[] = {CUBE_AREA, CUBE_OCC, CUBE_YEAR, CUBE_SNI, CUBE_SIZE,
					       CUBE_SEX, CUBE_AGE};
	for (size_t i = 0; i < n; i++) {
		struct cube_dim *d = &dims[i];
		if (d->kind != CUBE_OTHER || d->ncat <= 1 || p->suggested[i])
			continue;
		char buf[300];
		some_labels(d, buf, sizeof buf);
		/* a CSV label has its text; JSON-stat keys are codes, never values */
		size_t numbers = 0;
		long long v;
		for (size_t c = 0; c < d->ncat; c++)
			numbers += !d->cat[c].code && (cube_count(d->cat[c].label, &v) == 0 ||
						       cube_suppressed(d->cat[c].label));
		if (numbers == d->ncat) {
			problem(p, "\"%s\" holds numbers (%s): a second content; download the table with one "
				   "content", d->name, buf);
			continue;
		}
		size_t k = 0;
		while (k < sizeof kinds / sizeof kinds[0] && !holds_kind(d, kinds[k], codes))
			k++;
		if (k < sizeof kinds / sizeof kinds[0])
			problem(p, "dimension \"%s\" has %zu categories (%s) of a second %s dimension: download "
				   "the table with one of them", d->name, d->ncat, buf, cube_kind_name(kinds[k]));
		else
			problem(p, "dimension \"%s\" has %zu categories (%s): download the table with one of "
				   "them", d->name, d->ncat, buf);
	}
}

/* Two dimensions of one known kind cannot both give its column. */
static void check_twice(struct plan_problems *p, struct cube_dim *dims, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (size_t k = i + 1; k < n; k++)
			if (dims[i].kind == dims[k].kind && dims[i].kind != CUBE_OTHER)
				problem(p, "two %s dimensions: \"%s\" and \"%s\"", cube_kind_name(dims[i].kind),
					dims[i].name, dims[k].name);
}

/* A split dimension (sex, age): with parts, its totals are aggregates; with
 * none, its one total is the data and the dimension gives no column. */
static void plan_split(struct plan_problems *p, struct cube_dim *d, const char *column)
{
	size_t parts = 0;
	for (size_t i = 0; i < d->ncat; i++)
		parts += d->cat[i].role == CUBE_PART;
	if (parts) {
		d->column = column;
		if (d->kind == CUBE_AGE)
			for (size_t i = 0; i < d->ncat; i++) {
				struct cube_cat *c = &d->cat[i];
				if (c->role != CUBE_BAD || c->level == 0)
					continue;
				/* a wider range that holds two bands or more is their total */
				size_t inside = 0;
				for (size_t k = 0; k < d->ncat; k++)
					inside += d->cat[k].role == CUBE_PART && d->cat[k].level >= c->level &&
						  (c->upper < 0 || d->cat[k].upper <= c->upper);
				if (inside >= 2)
					set_role(c, CUBE_AGGREGATE, "a total of age bands, not converted");
			}
		return;
	}
	if (d->ncat == 1) {
		set_part(&d->cat[0], "", 0);
		d->column = NULL;
		return;
	}
	char buf[300];
	some_labels(d, buf, sizeof buf);
	problem(p, "%s \"%s\": none of its categories (%s) is one of the contract's%s", cube_kind_name(d->kind),
		d->name, buf, d->kind == CUBE_AGE ? " (16-24, 25-29, ... 65-69)" : " (män, kvinnor)");
}

static void plan_area(struct plan_problems *p, struct cube_dim *area, int need_kommun)
{
	int finest = -1;
	for (size_t i = 0; i < area->ncat; i++)
		if (area->cat[i].role == CUBE_PART && area->cat[i].level > finest)
			finest = area->cat[i].level;
	if (finest < 0 || (need_kommun && finest < 4)) {
		char buf[300];
		some_labels(area, buf, sizeof buf);
		problem(p, "region \"%s\": no %s among its categories (%s)", area->name,
			need_kommun ? "kommun (4-digit code)" : "kommun (4-digit) or county (2-digit) code", buf);
		return;
	}
	area->column = finest == 4 ? "kommun" : "lan";
	for (size_t i = 0; i < area->ncat; i++)
		if (area->cat[i].role == CUBE_PART && area->cat[i].level < finest)
			set_role(&area->cat[i], CUBE_AGGREGATE, "a county: a total of kommun rows, not converted");
}

/* A dimension that must have parts (year, industry, size class): names
 * OUTPUT as its column, or notes that none of its categories is usable. */
static void plan_parts(struct plan_problems *p, struct cube_dim *d, const char *output, const char *what)
{
	size_t parts = 0;
	for (size_t i = 0; i < d->ncat; i++)
		parts += d->cat[i].role == CUBE_PART;
	if (parts) {
		d->column = output;
		return;
	}
	char buf[300];
	some_labels(d, buf, sizeof buf);
	problem(p, "%s \"%s\": no %s among its categories (%s)", kind_names(d->kind)[0], d->name, what, buf);
}

static void plan_begin(struct plan_problems *p, struct cube_dim *dims, size_t n, const struct codes *codes)
{
	memset(p, 0, sizeof *p);
	p->suggested = ecalloc(n ? n : 1, sizeof *p->suggested);
	for (size_t i = 0; i < n; i++) {
		classify(&dims[i], codes);
		dims[i].column = NULL;
	}
}

int cube_plan_employment(struct cube_dim *dims, size_t n, const struct codes *codes, const char *file)
{
	struct plan_problems p;
	plan_begin(&p, dims, n, codes);
	struct cube_dim *area = find_kind(dims, n, CUBE_AREA), *occ = find_kind(dims, n, CUBE_OCC);
	struct cube_dim *year = find_kind(dims, n, CUBE_YEAR);
	if (!area)
		missing(&p, dims, n, CUBE_AREA, "kommun or county", codes);
	if (!occ)
		missing(&p, dims, n, CUBE_OCC, "occupation, SSYK 2012 at 3 or 4 digits", codes);
	if (!year)
		missing(&p, dims, n, CUBE_YEAR, "a year column, or years as columns", codes);
	check_others(&p, dims, n, codes);
	check_twice(&p, dims, n);
	if (find_kind(dims, n, CUBE_SNI) || find_kind(dims, n, CUBE_SIZE))
		problem(&p, "an industry or size-class dimension: not an employment table (scb-workplaces "
			    "reads the count of workplaces)");
	if (area)
		plan_area(&p, area, 0);
	if (occ) {
		int finest = -1;
		for (size_t i = 0; i < occ->ncat; i++)
			if (occ->cat[i].role == CUBE_PART && !occ->cat[i].special && occ->cat[i].level > finest)
				finest = occ->cat[i].level;
		if (finest < 3) {
			char buf[300];
			some_labels(occ, buf, sizeof buf);
			problem(&p, "yrke \"%s\": no SSYK 2012 code at 3 or 4 digits among its categories (%s)",
				occ->name, buf);
		} else {
			occ->column = finest == 4 ? "ssyk" : "ssyk3";
			for (size_t i = 0; i < occ->ncat; i++)
				if (occ->cat[i].role == CUBE_PART && !occ->cat[i].special && occ->cat[i].level < finest)
					set_role(&occ->cat[i], CUBE_AGGREGATE,
						 finest == 4 ? "a coarser SSYK level: a total of 4-digit rows, not converted"
							     : "a coarser SSYK level: a total of 3-digit rows, not converted");
		}
	}
	if (year)
		plan_parts(&p, year, "year", "year (YYYY)");
	struct cube_dim *sex = find_kind(dims, n, CUBE_SEX), *age = find_kind(dims, n, CUBE_AGE);
	if (sex)
		plan_split(&p, sex, "sex");
	if (age)
		plan_split(&p, age, "age");
	return report_problems(&p, file);
}

int cube_plan_workplaces(struct cube_dim *dims, size_t n, const struct codes *codes, const char *file)
{
	struct plan_problems p;
	plan_begin(&p, dims, n, codes);
	static const enum cube_kind need[] = {CUBE_AREA, CUBE_SNI, CUBE_SIZE, CUBE_YEAR};
	static const char *const what[] = {"kommun", "SNI 2007 section A-U", "SCB's size classes",
					   "a year column, or years as columns"};
	static const char *const column[] = {NULL, "sni_section", "size_class", "year"};
	static const char *const part[] = {NULL, "SNI 2007 section A-U", "size class of SCB's (0, 1-4, ... 500+)",
					   "year (YYYY)"};
	struct cube_dim *d[4];
	for (size_t k = 0; k < 4; k++)
		if (!(d[k] = find_kind(dims, n, need[k])))
			missing(&p, dims, n, need[k], what[k], codes);
	check_others(&p, dims, n, codes);
	check_twice(&p, dims, n);
	if (find_kind(dims, n, CUBE_OCC) || find_kind(dims, n, CUBE_SEX) || find_kind(dims, n, CUBE_AGE))
		problem(&p, "an occupation, sex or age dimension: not SCB's count of workplaces");
	if (d[0])
		plan_area(&p, d[0], 1);
	for (size_t k = 1; k < 4; k++)
		if (d[k])
			plan_parts(&p, d[k], column[k], part[k]);
	return report_problems(&p, file);
}
