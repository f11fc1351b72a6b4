#include "codes.h"
#include "csvin.h"
#include "msg.h"
#include "value.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* A tiny loader: reads a CSV with a header, maps wanted column names to
 * indices, and hands each data row to a per-list function. */
struct list_loader {
	const char *path;
	const char *const *want;   /* NULL-terminated column names */
	int idx[8];
	int (*on_row)(struct codes *c, const char *const *v, const char *path, long line);
	struct codes *c;
};

static int loader_row(void *ctx, const struct csvin_row *row)
{
	struct list_loader *l = ctx;
	if (row->line == 1 || l->idx[0] == -2) {
		for (int k = 0; l->want[k]; k++) {
			l->idx[k] = -1;
			for (size_t i = 0; i < row->nfields; i++)
				if (value_equal_fold(row->field[i], l->want[k]))
					l->idx[k] = (int)i;
			if (l->idx[k] < 0) {
				msg_error_at(l->path, row->line, "missing column %s", l->want[k]);
				return 1;
			}
		}
		return 0;
	}
	const char *v[8];
	for (int k = 0; l->want[k]; k++)
		v[k] = (size_t)l->idx[k] < row->nfields ? row->field[l->idx[k]] : "";
	return l->on_row(l->c, v, l->path, row->line);
}

static int load_list(struct codes *c, const char *refdir, const char *file,
		     const char *const *want,
		     int (*on_row)(struct codes *, const char *const *, const char *, long))
{
	char *path = easprintf("%s/%s", refdir, file);
	struct list_loader l = {path, want, {-2}, on_row, c};
	int rc = csvin_read_path(path, NULL, loader_row, &l, NULL);
	free(path);
	return rc;
}

static int all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

static int ssyk_row(struct codes *c, const char *const *v, const char *path, long line)
{
	if (strlen(v[0]) != 4 || !all_digits(v[0], 4)) {
		msg_error_at(path, line, "bad SSYK code \"%s\"", v[0]);
		return 1;
	}
	c->ssyk = erealloc(c->ssyk, (c->nssyk + 1) * sizeof *c->ssyk);
	struct ssyk_entry *e = &c->ssyk[c->nssyk++];
	memcpy(e->code, v[0], 5);
	e->label_sv = estrdup(v[1]);
	e->label_en = estrdup(v[2]);
	c->ssyk_index[atoi(v[0])] = (short)c->nssyk;
	return 0;
}

static int kommun_row(struct codes *c, const char *const *v, const char *path, long line)
{
	if (strlen(v[0]) != 4 || !all_digits(v[0], 4)) {
		msg_error_at(path, line, "bad kommun code \"%s\"", v[0]);
		return 1;
	}
	c->kommun = erealloc(c->kommun, (c->nkommun + 1) * sizeof *c->kommun);
	struct kommun_entry *e = &c->kommun[c->nkommun++];
	memcpy(e->code, v[0], 5);
	e->name = estrdup(v[1]);
	snprintf(e->lan, sizeof e->lan, "%s", v[2]);
	e->lan_name = estrdup(v[3]);
	e->population = atol(v[4]);
	c->kommun_index[atoi(v[0])] = (short)c->nkommun;
	return 0;
}

static int sun_row(struct codes *c, const char *const *v, const char *path, long line)
{
	(void)path;
	(void)line;
	if (strcmp(v[0], "1") == 0 && strlen(v[1]) == 1 && v[1][0] >= '0' && v[1][0] <= '6')
		c->sun_label[v[1][0] - '0'] = estrdup(v[2]);
	return 0;
}

static int sni_row(struct codes *c, const char *const *v, const char *path, long line)
{
	(void)path;
	(void)line;
	int level = atoi(v[0]);
	if (level == 1 && strlen(v[1]) == 1 && v[1][0] >= 'A' && v[1][0] <= 'Z') {
		c->sni_section_label[v[1][0] - 'A'] = estrdup(v[2]);
		return 0;
	}
	if (level == 2 && strlen(v[1]) == 2 && all_digits(v[1], 2))
		c->sni_section_of_division[atoi(v[1])] = v[3][0];
	if (level >= 2) {
		c->sni_codes = erealloc(c->sni_codes, (c->nsni + 1) * sizeof *c->sni_codes);
		c->sni_codes[c->nsni++] = estrdup(v[1]);
	}
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct codes *codes_load(const char *refdir)
{
	static const char *const ssyk_cols[] = {"ssyk4", "label_sv", "label_en", NULL};
	static const char *const kommun_cols[] = {"kommunkod", "kommun", "lanskod", "lan",
						  "folkmangd_2016_12_31", NULL};
	static const char *const sun_cols[] = {"level", "code", "label_sv", NULL};
	static const char *const sni_cols[] = {"level", "code", "label_sv", "parent_code", NULL};
	struct codes *c = ecalloc(1, sizeof *c);
	if (load_list(c, refdir, "ssyk2012_scb_level4.csv", ssyk_cols, ssyk_row) ||
	    load_list(c, refdir, "kommuner_sverige.csv", kommun_cols, kommun_row) ||
	    load_list(c, refdir, "sun2020_education_level.csv", sun_cols, sun_row) ||
	    load_list(c, refdir, "sni2007_all_levels.csv", sni_cols, sni_row)) {
		codes_free(c);
		return NULL;
	}
	qsort(c->sni_codes, c->nsni, sizeof *c->sni_codes, cmp_str);
	return c;
}

void codes_free(struct codes *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->nssyk; i++) {
		free(c->ssyk[i].label_sv);
		free(c->ssyk[i].label_en);
	}
	free(c->ssyk);
	for (size_t i = 0; i < c->nkommun; i++) {
		free(c->kommun[i].name);
		free(c->kommun[i].lan_name);
	}
	free(c->kommun);
	for (size_t i = 0; i < c->nsni; i++)
		free(c->sni_codes[i]);
	free(c->sni_codes);
	for (int i = 0; i < 26; i++)
		free(c->sni_section_label[i]);
	for (int i = 0; i < 7; i++)
		free(c->sun_label[i]);
	free(c);
}

const struct ssyk_entry *codes_ssyk_find(const struct codes *c, const char *code)
{
	if (strlen(code) != 4 || !all_digits(code, 4))
		return NULL;
	short k = c->ssyk_index[atoi(code)];
	return k ? &c->ssyk[k - 1] : NULL;
}

const struct ssyk_entry *codes_ssyk(const struct codes *c, const char *text, char out[5])
{
	size_t len;
	const char *s = value_trim(text, &len);
	if (len < 4 || !all_digits(s, 4) || (len > 4 && s[4] != ' '))
		return NULL;
	char code[5];
	memcpy(code, s, 4);
	code[4] = '\0';
	const struct ssyk_entry *e = codes_ssyk_find(c, code);
	if (e && out)
		memcpy(out, code, 5);
	return e;
}

const struct kommun_entry *codes_kommun_find(const struct codes *c, const char *code)
{
	if (strlen(code) != 4 || !all_digits(code, 4))
		return NULL;
	short k = c->kommun_index[atoi(code)];
	return k ? &c->kommun[k - 1] : NULL;
}

const struct kommun_entry *codes_kommun(const struct codes *c, const char *text, int *padded)
{
	size_t len;
	const char *s = value_trim(text, &len);
	char code[5];
	*padded = 0;
	if (len == 3 && all_digits(s, 3)) {
		code[0] = '0';
		memcpy(code + 1, s, 3);
		*padded = 1;
	} else if (len == 4 && all_digits(s, 4)) {
		memcpy(code, s, 4);
	} else {
		return NULL;
	}
	code[4] = '\0';
	return codes_kommun_find(c, code);
}

const struct kommun_entry *codes_kommun_by_name(const struct codes *c, const char *name)
{
	for (size_t i = 0; i < c->nkommun; i++)
		if (value_equal_fold(c->kommun[i].name, name))
			return &c->kommun[i];
	return NULL;
}

char codes_sni_section(const struct codes *c, const char *text)
{
	size_t len;
	const char *s = value_trim(text, &len);
	if (len == 1 && s[0] >= 'A' && s[0] <= 'U')
		return s[0];
	if (len == 1 && s[0] >= 'a' && s[0] <= 'u')
		return (char)(s[0] - 'a' + 'A');
	char digits[8];
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		if (isdigit((unsigned char)s[i]) && n < 6)
			digits[n++] = s[i];
		else if (s[i] != '.' || i == 0)
			return 0;
	}
	if (n < 2 || n > 5)
		return 0;
	digits[n] = '\0';
	char *key = digits;
	if (!bsearch(&key, c->sni_codes, c->nsni, sizeof *c->sni_codes, cmp_str))
		return 0;
	return c->sni_section_of_division[(digits[0] - '0') * 10 + (digits[1] - '0')];
}

int codes_sun_level(const struct codes *c, const char *text)
{
	size_t len;
	const char *s = value_trim(text, &len);
	if (len != 1 || s[0] < '0' || s[0] > '6' || !c->sun_label[s[0] - '0'])
		return -1;
	return s[0] - '0';
}
