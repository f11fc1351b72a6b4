#include "synth_dirty.h"
#include "atomicfile.h"
#include "msg.h"
#include "stage.h"
#include "synth_rng.h"
#include "tsv.h"
#include "value.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct synth_bad bad_rows[] = {
	{"survey_respondents.csv", "org_nr", "@luhn", "org_nr check digit wrong"},
	{"survey_respondents.csv", "kommun", "0000", "unknown kommun"},
	{"survey_respondents.csv", "employees", "-3", "negative employees"},
	{"survey_respondents.csv", "sector", "kanske", "unknown sector"},
	{"survey_frame.csv", "size_class", "5-10", "unknown size class"},
	{"survey_frame.csv", "sni_section", "Z", "unknown SNI section"},
	{"survey_occupations.csv", "response_id", "R-ORPHAN-1", "occupation row without respondent"},
	{"survey_occupations.csv", "ssyk", "9999", "unknown SSYK code"},
	{"survey_occupations.csv", "planned_hires_12m", "-1", "negative planned hires"},
	{"survey_occupations.csv", "recruitment_situation", "kanske", "unknown recruitment situation"},
	{"jobseekers.csv", "personnummer", "@luhn", "personnummer check digit wrong"},
	{"jobseekers.csv", "registered", "2018-02-30", "no such date"},
	{"jobseekers.csv", "sun_level", "7", "unknown SUN level"},
	{"jobseekers.csv", "swedish_level", "sfi-e", "unknown Swedish level"},
	{"jobseekers.csv", "", "@ragged", "too few fields"},
	{"employment.csv", "kommun", "9999", "unknown kommun"},
	{"employment.csv", "sex", "okänd", "unknown sex"},
	{"employment.csv", "age", "70-74", "unknown age band"},
	{"employment.csv", "employed", "-5", "negative count"},
	{"vacancies.csv", "ad_id", "@copy", "duplicate ad_id"},
	{"vacancies.csv", "vacancies", "0", "vacancies below 1"},
	{"vacancies.csv", "published", "2023-13-01", "no such date"},
	{"vacancies.csv", "ssyk", "9999", "unknown SSYK code"},
	{"outcomes.csv", "track", "okänt", "unknown track"},
	{"outcomes.csv", "completed", "2", "completed not 0 or 1"},
	{"outcomes.csv", "start", "2018-02-30", "no such date"},
};

const struct synth_bad *synth_dirty_list(size_t *n)
{
	*n = sizeof bad_rows / sizeof bad_rows[0];
	return bad_rows;
}

/* Splits LINE (no quotes) at commas into at most CAP fields, in place. */
static size_t split(char *line, char **f, size_t cap)
{
	size_t n = 0;
	f[n++] = line;
	for (char *p = line; *p && n < cap; p++)
		if (*p == ',') {
			*p = '\0';
			f[n++] = p + 1;
		}
	return n;
}

static int column_index(char **hdr, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(hdr[i], name) == 0)
			return (int)i;
	return -1;
}

static void break_check_digit(char *s)
{
	size_t n = strlen(s);
	if (n)
		s[n - 1] = (char)('0' + (s[n - 1] - '0' + 1) % 10);
}

/* Builds the bad row for B from the valid TEMPLATE row. Returns a new string. */
static char *make_bad_row(const struct synth_bad *b, const char *header, const char *tmpl,
			  int serial, struct synth_ids *ids, gsl_rng *r)
{
	char *h = estrdup(header), *t = estrdup(tmpl);
	char *hf[32], *tf[32];
	size_t nh = split(h, hf, 32), nt = split(t, tf, 32);
	char fresh_id[48], pnr[14];
	(void)nt;
	int changed = column_index(hf, nh, b->column);
	char *value = NULL;
	if (strcmp(b->value, "@copy") != 0) {
		/* keys that must stay unique get a fresh value, so the only fault is the planned one */
		int ci = column_index(hf, nh, "response_id");
		if (ci >= 0 && ci != changed && strcmp(b->file, "survey_respondents.csv") == 0) {
			snprintf(fresh_id, sizeof fresh_id, "%s-BAD%d", tf[ci], serial);
			tf[ci] = fresh_id;
		}
		ci = column_index(hf, nh, "ad_id");
		if (ci >= 0 && ci != changed) {
			snprintf(fresh_id, sizeof fresh_id, "%s-BAD%d", tf[ci], serial);
			tf[ci] = fresh_id;
		}
		ci = column_index(hf, nh, "personnummer");
		if (ci >= 0 && strcmp(b->file, "jobseekers.csv") == 0) {
			long birth = days_from_civil(1975, 1, 1) + (long)gsl_rng_uniform_int(r, 7000);
			if (synth_ids_person(ids, r, birth, serial % 2, 0, SYNTH_PNR_12_DASH, pnr) != 0)
				msg_die(EXIT_DATA, "cannot make a fresh identity number");
			tf[ci] = pnr;
		}
	}
	if (changed >= 0) {
		if (strcmp(b->value, "@luhn") == 0) {
			value = estrdup(tf[changed]);
			break_check_digit(value);
			tf[changed] = value;
		} else if (strcmp(b->value, "@copy") != 0) {
			tf[changed] = (char *)b->value;
		}
	}
	size_t nf = nh;
	if (strcmp(b->value, "@ragged") == 0)
		nf = nh - 1;
	size_t len = 1;
	for (size_t i = 0; i < nf; i++)
		len += strlen(tf[i]) + 1;
	char *out = emalloc(len);
	out[0] = '\0';
	for (size_t i = 0; i < nf; i++) {
		if (i)
			strcat(out, ",");
		strcat(out, tf[i]);
	}
	free(value);
	free(h);
	free(t);
	return out;
}

static int rewrite_file(const char *dir, const char *name, const struct synth_bad *const *bad,
			size_t nbad, int *serial, struct synth_ids *ids, gsl_rng *r,
			struct tsv_writer *report)
{
	char *path = path_join(dir, name);
	FILE *in = fopen(path, "r");
	if (!in) {
		msg_error("%s: %s", path, strerror(errno));
		free(path);
		return -1;
	}
	char *line = NULL, *header = NULL, *tmpl = NULL;
	size_t cap = 0;
	long rows = -1; /* the header is not a row */
	ssize_t got;
	while ((got = getline(&line, &cap, in)) > 0) {
		if (line[got - 1] == '\n')
			line[got - 1] = '\0';
		if (strchr(line, '"')) {
			msg_error("%s: quoted fields are not supported by --dirty", path);
			goto fail;
		}
		if (rows == -1)
			header = estrdup(line);
		else if (rows == 0)
			tmpl = estrdup(line);
		rows++;
	}
	if (ferror(in) || !tmpl) {
		msg_error("%s: cannot read a header and a valid row", path);
		goto fail;
	}
	rewind(in);
	struct atomicfile *af = atomicfile_open(path, 0644);
	if (!af)
		goto fail;
	long out_line = 0, data_row = 0;
	size_t k = 0;
	while ((got = getline(&line, &cap, in)) > 0) {
		fputs(line, af->fp);
		if (line[got - 1] != '\n')
			putc('\n', af->fp);
		if (out_line++ == 0)
			continue;
		data_row++;
		/* bad row k goes after data row 1 + (k+1)(rows-1)/(nbad+1): spread, and after the template */
		while (k < nbad && data_row == 1 + (long)(k + 1) * (rows - 1) / (long)(nbad + 1)) {
			char *bad_line = make_bad_row(bad[k], header, tmpl, ++*serial, ids, r);
			fputs(bad_line, af->fp);
			putc('\n', af->fp);
			free(bad_line);
			out_line++;
			tsv_put_str(report, name);
			tsv_put_long(report, out_line);
			tsv_put_str(report, bad[k]->column);
			tsv_put_str(report, bad[k]->reason);
			tsv_end_row(report);
			k++;
		}
	}
	fclose(in);
	free(line);
	free(header);
	free(tmpl);
	free(path);
	return atomicfile_commit(af);
fail:
	fclose(in);
	free(line);
	free(header);
	free(tmpl);
	free(path);
	return -1;
}

int synth_dirty_apply(const char *dir, struct synth_ids *ids, unsigned long seed)
{
	static const char *const report_cols[] = {"file", "line", "column", "reason", NULL};
	char *rpath = path_join(dir, "dirty.tsv");
	struct tsv_writer *report = tsv_writer_open(rpath, report_cols, 0644);
	free(rpath);
	if (!report)
		return -1;
	gsl_rng *r = synth_stream(seed, "dirty", NULL);
	size_t n;
	const struct synth_bad *list = synth_dirty_list(&n);
	const struct synth_bad **sel = emalloc(n * sizeof *sel);
	int serial = 0, rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (i > 0 && strcmp(list[i].file, list[i - 1].file) == 0)
			continue;
		size_t m = 0;
		for (size_t j = i; j < n && strcmp(list[j].file, list[i].file) == 0; j++)
			sel[m++] = &list[j];
		rc = rewrite_file(dir, list[i].file, sel, m, &serial, ids, r, report);
	}
	free(sel);
	gsl_rng_free(r);
	if (rc != 0) {
		tsv_writer_abort(report);
		return -1;
	}
	return tsv_writer_close(report);
}
