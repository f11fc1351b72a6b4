/* jobtech-ads: JobTech's historical job ads (Arbetsförmedlingen's yearly
 * files: JSONL, one ad per line, or in older years one JSON array of ads)
 * -> vacancies.csv.
 *
 * The files are about a gigabyte a year, so they are streamed: yajl's event
 * parser is fed fixed-size chunks and the fields of one ad are kept until
 * its object closes; memory holds one chunk, the text yajl buffers for a
 * value cut by a chunk boundary, and 16 bytes per ad id seen (the duplicate
 * check), never the file.
 *
 * The fields (JobTech's JobStream naming): id; publication_date,
 * last_publication_date, removed_date (ISO date-times, the date part is
 * taken); number_of_vacancies; occupation_group.legacy_ams_taxonomy_id (the
 * SSYK 2012 group; occupation.legacy_ams_taxonomy_id is an occupation-name
 * id, never read); workplace_address.municipality_code, .municipality,
 * .country_code, .country; employer.organization_number. Some years give
 * occupation_group as an array of one object: read the same. */
#include "impout.h"
#include "idnum.h"
#include "import.h"
#include "keymap.h"
#include "msg.h"
#include "ssykmap.h"
#include "value.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_parse.h>

enum { MAXDEPTH = 16, KEYLEN = 48, VALLEN = 256 };

/* One field of an ad: its text (cut at VALLEN - 1 bytes; the ones read are
 * short) and whether it was present and non-null. */
struct field {
	char text[VALLEN];
	size_t len;
	int present, is_null, is_number, too_long;
};

enum { F_ID, F_PUBLISHED, F_LAST, F_REMOVED, F_VACANCIES, F_SSYK, F_KOMMUN_CODE, F_KOMMUN_NAME,
       F_COUNTRY_CODE, F_COUNTRY, F_ORG, NFIELDS };

static const struct {
	const char *member, *leaf; /* leaf "" for a direct member */
} paths[NFIELDS] = {
	{"id", ""},
	{"publication_date", ""},
	{"last_publication_date", ""},
	{"removed_date", ""},
	{"number_of_vacancies", ""},
	{"occupation_group", "legacy_ams_taxonomy_id"},
	{"workplace_address", "municipality_code"},
	{"workplace_address", "municipality"},
	{"workplace_address", "country_code"},
	{"workplace_address", "country"},
	{"employer", "organization_number"},
};

struct jobtech {
	const struct import_opts *opt;
	struct impout *out;
	struct ssykmap *ssyk;
	struct keymap *seen;
	size_t file;
	const char *path;
	/* position */
	const unsigned char *chunk;
	size_t scanned;          /* bytes of chunk whose newlines are counted */
	long lines;              /* newlines before chunk + scanned */
	yajl_handle h;
	/* structure */
	int depth;               /* open containers */
	int ad_depth;            /* depth of an ad's members: 1 JSONL, 2 array */
	int started;
	int is_map[MAXDEPTH + 1];
	char key[MAXDEPTH + 1][KEYLEN];
	/* the ad being read */
	long ad_line;
	struct field f[NFIELDS];
	int nssyk;               /* distinct occupation groups seen */
	int multi_ssyk;
};

static long line_now(struct jobtech *j)
{
	size_t upto = yajl_get_bytes_consumed(j->h);
	for (; j->scanned < upto; j->scanned++)
		j->lines += j->chunk[j->scanned] == '\n';
	return j->lines + 1;
}

static void process_ad(struct jobtech *j);

static void reject_ad(struct jobtech *j, const char *column, const char *value, const char *tag,
		      const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void reject_ad(struct jobtech *j, const char *column, const char *value, const char *tag,
		      const char *fmt, ...)
{
	char why[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	impout_reject(j->out, j->ad_line, NULL, column, value, tag, "%s", why);
}

/* A scalar at the current place: store it if it is one of the fields. */
static void scalar(struct jobtech *j, const char *s, size_t len, int is_null, int is_number)
{
	if (!j->started) {
		j->started = 1;
		j->ad_depth = 1;
	}
	if (j->depth < j->ad_depth) {
		/* a top-level value that is no object */
		j->ad_line = line_now(j);
		impout_read(j->out);
		reject_ad(j, NULL, "", "json", "not a JSON object (an ad)");
		return;
	}
	if (j->depth > MAXDEPTH)
		return;
	const char *member = j->key[j->ad_depth];
	const char *leaf = j->depth == j->ad_depth ? "" : j->is_map[j->depth] ? j->key[j->depth] : "";
	if (j->depth > j->ad_depth + 2)
		return;
	for (int i = 0; i < NFIELDS; i++) {
		if (strcmp(paths[i].member, member) != 0 || strcmp(paths[i].leaf, leaf) != 0)
			continue;
		if (j->depth == j->ad_depth && !j->is_map[j->depth])
			continue;
		struct field *f = &j->f[i];
		if (i == F_SSYK && f->present && !f->is_null && !is_null) {
			if (len != f->len || memcmp(s, f->text, len) != 0)
				j->multi_ssyk = 1;
			return;
		}
		f->present = 1;
		f->is_null = is_null;
		f->is_number = is_number;
		f->too_long = len >= VALLEN;
		f->len = len < VALLEN ? len : VALLEN - 1;
		memcpy(f->text, s, f->len);
		f->text[f->len] = '\0';
		return;
	}
}

static int cb_null(void *ctx)
{
	scalar(ctx, "", 0, 1, 0);
	return 1;
}

static int cb_boolean(void *ctx, int b)
{
	scalar(ctx, b ? "true" : "false", b ? 4 : 5, 0, 0);
	return 1;
}

static int cb_number(void *ctx, const char *s, size_t len)
{
	scalar(ctx, s, len, 0, 1);
	return 1;
}

static int cb_string(void *ctx, const unsigned char *s, size_t len)
{
	scalar(ctx, (const char *)s, len, 0, 0);
	return 1;
}

static int open_container(struct jobtech *j, int is_map)
{
	if (!j->started) {
		j->started = 1;
		j->ad_depth = is_map ? 1 : 2;
	}
	if (is_map && j->depth + 1 == j->ad_depth) {
		j->ad_line = line_now(j);
		memset(j->f, 0, sizeof j->f);
		j->multi_ssyk = 0;
	} else if (!is_map && j->depth + 1 == j->ad_depth && j->ad_depth == 1) {
		/* a top-level array in a JSONL file: not an ad */
	}
	j->depth++;
	if (j->depth <= MAXDEPTH) {
		j->is_map[j->depth] = is_map;
		j->key[j->depth][0] = '\0';
	}
	return 1;
}

static int cb_start_map(void *ctx)
{
	return open_container(ctx, 1);
}

static int cb_start_array(void *ctx)
{
	struct jobtech *j = ctx;
	if (j->started && j->depth + 1 == j->ad_depth) {
		/* an array where an ad should be */
		j->ad_line = line_now(j);
		impout_read(j->out);
		reject_ad(j, NULL, "", "json", "not a JSON object (an ad)");
		j->depth++;
		if (j->depth <= MAXDEPTH)
			j->is_map[j->depth] = 0;
		return 1;
	}
	return open_container(ctx, 0);
}

static int cb_map_key(void *ctx, const unsigned char *key, size_t len)
{
	struct jobtech *j = ctx;
	if (j->depth <= MAXDEPTH) {
		size_t n = len < KEYLEN - 1 ? len : KEYLEN - 1;
		memcpy(j->key[j->depth], key, n);
		j->key[j->depth][n] = '\0';
	}
	return 1;
}

static int cb_end_map(void *ctx)
{
	struct jobtech *j = ctx;
	if (j->depth == j->ad_depth)
		process_ad(j);
	j->depth--;
	return 1;
}

static int cb_end_array(void *ctx)
{
	struct jobtech *j = ctx;
	j->depth--;
	return 1;
}

static const yajl_callbacks callbacks = {
	cb_null, cb_boolean, NULL, NULL, cb_number, cb_string,
	cb_start_map, cb_map_key, cb_end_map, cb_start_array, cb_end_array,
};

/* The date part of an ISO date-time ("2021-03-15T08:00:00"). 0 and *DAYS, or -1. */
static int iso_date(const struct field *f, long *days)
{
	if (f->len < 10 || (f->len > 10 && f->text[10] != 'T' && f->text[10] != ' '))
		return -1;
	char d[11];
	memcpy(d, f->text, 10);
	d[10] = '\0';
	return value_date(d, days);
}

static int empty(const struct field *f)
{
	size_t n;
	return !f->present || f->is_null || (value_trim(f->text, &n), n == 0);
}

/* The workplace's kommun into KOMMUN, or reject. 0 or -1. */
static int ad_kommun(struct jobtech *j, char kommun[5], int *from_name)
{
	const struct codes *codes = j->opt->codes;
	struct field *code = &j->f[F_KOMMUN_CODE], *name = &j->f[F_KOMMUN_NAME];
	if (!empty(code)) {
		int padded;
		const struct kommun_entry *e = codes_kommun(codes, code->text, &padded);
		if (!e || padded) {
			reject_ad(j, "workplace_address.municipality_code", code->text, "kommun",
				  "not a kommun code (4 digits) of the reference list");
			return -1;
		}
		memcpy(kommun, e->code, 5);
		return 0;
	}
	struct field *cc = &j->f[F_COUNTRY_CODE], *country = &j->f[F_COUNTRY];
	int sweden = (empty(cc) || strcmp(cc->text, "199") == 0 || value_equal_fold(cc->text, "SE")) &&
		     (empty(country) || value_equal_fold(country->text, "Sverige") ||
		      value_equal_fold(country->text, "Sweden"));
	if (!sweden) {
		reject_ad(j, "workplace_address.country", empty(country) ? cc->text : country->text, "abroad",
			  "workplace abroad: no kommun");
		return -1;
	}
	if (empty(name)) {
		reject_ad(j, "workplace_address.municipality_code", "", "no_kommun",
			  "no workplace municipality (code and name empty)");
		return -1;
	}
	const struct kommun_entry *e = codes_kommun_by_name(codes, name->text);
	if (!e) {
		/* "Norrköpings kommun" as well as "Norrköping" */
		size_t n = strlen(name->text);
		if (n > 7 && strcmp(name->text + n - 7, " kommun") == 0) {
			char *base = estrndup(name->text, n - 7);
			e = codes_kommun_by_name(codes, base);
			if (!e && n > 8 && base[n - 8] == 's') {
				base[n - 8] = '\0';
				e = codes_kommun_by_name(codes, base);
			}
			free(base);
		}
	}
	if (!e) {
		reject_ad(j, "workplace_address.municipality", name->text, "no_kommun",
			  "municipality code empty and the name is no kommun of the reference list");
		return -1;
	}
	memcpy(kommun, e->code, 5);
	*from_name = 1;
	return 0;
}

static void process_ad(struct jobtech *j)
{
	impout_read(j->out);
	struct field *f = j->f;
	size_t idlen;
	const char *id = value_trim(f[F_ID].text, &idlen);
	if (empty(&f[F_ID])) {
		reject_ad(j, "id", "", "id", "no ad id");
		return;
	}
	if (idlen > 200 || f[F_ID].too_long) {
		reject_ad(j, "id", id, "id", "ad id longer than 200 bytes");
		return;
	}
	if (idnum_find_person(id, j->opt->reference_year)) {
		reject_ad(j, "id", id, "id", "holds a personnummer or samordningsnummer: not allowed in this column");
		return;
	}
	long published, removed = 0, last;
	if (empty(&f[F_PUBLISHED]) || iso_date(&f[F_PUBLISHED], &published) != 0) {
		reject_ad(j, "publication_date", f[F_PUBLISHED].text, "date",
			  empty(&f[F_PUBLISHED]) ? "no publication date" : "not a date (YYYY-MM-DD...)");
		return;
	}
	if (published < j->opt->ssyk2012_from) {
		char from[16];
		date_format(j->opt->ssyk2012_from, from);
		reject_ad(j, "publication_date", f[F_PUBLISHED].text, "ssyk96",
			  "published before %s: the occupation is coded in SSYK 96, not SSYK 2012", from);
		return;
	}
	/* the occupation group */
	struct field *sf = &f[F_SSYK];
	if (j->multi_ssyk) {
		reject_ad(j, "occupation_group.legacy_ams_taxonomy_id", sf->text, "ssyk",
			  "several occupation groups in one ad");
		return;
	}
	if (empty(sf)) {
		reject_ad(j, "occupation_group.legacy_ams_taxonomy_id", "", "ssyk", "no occupation group (SSYK)");
		return;
	}
	char ssyk[5], covers[64];
	size_t sl;
	const char *st = value_trim(sf->text, &sl);
	char *code = estrndup(st, sl);
	enum ssykmap_kind k = ssykmap_lookup(j->ssyk, code, ssyk, covers);
	free(code);
	if (k == SSYKMAP_SPLIT) {
		reject_ad(j, "occupation_group.legacy_ams_taxonomy_id", sf->text, "ssyk",
			  "JobTech's group %s covers SCB's %s: no single SSYK 2012 code", sf->text, covers);
		return;
	}
	if (k == SSYKMAP_UNKNOWN || !codes_ssyk_find(j->opt->codes, ssyk)) {
		reject_ad(j, "occupation_group.legacy_ams_taxonomy_id", sf->text, "ssyk",
			  "not an SSYK 2012 group");
		return;
	}
	char kommun[5];
	int from_name = 0, vacancies_missing = 0, from_last = 0;
	if (ad_kommun(j, kommun, &from_name) != 0)
		return;
	long long vacancies = 1;
	struct field *vf = &f[F_VACANCIES];
	if (empty(vf)) {
		vacancies_missing = 1;
	} else {
		char *end;
		errno = 0;
		vacancies = strtoll(vf->text, &end, 10);
		if (!vf->is_number || *end || errno || vacancies < 1) {
			reject_ad(j, "number_of_vacancies", vf->text, "vacancies", "must be a whole number >= 1");
			return;
		}
	}
	/* removal: removed_date, else the last publication date */
	int has_removed = 0;
	if (!empty(&f[F_REMOVED])) {
		if (iso_date(&f[F_REMOVED], &removed) != 0) {
			reject_ad(j, "removed_date", f[F_REMOVED].text, "date", "not a date (YYYY-MM-DD...)");
			return;
		}
		if (removed < published) {
			reject_ad(j, "removed_date", f[F_REMOVED].text, "date", "removed before it was published");
			return;
		}
		has_removed = 1;
	} else if (!empty(&f[F_LAST])) {
		if (iso_date(&f[F_LAST], &last) != 0) {
			reject_ad(j, "last_publication_date", f[F_LAST].text, "date", "not a date (YYYY-MM-DD...)");
			return;
		}
		if (last < published) {
			reject_ad(j, "last_publication_date", f[F_LAST].text, "date",
				  "last publication before the publication");
			return;
		}
		removed = last;
		has_removed = 1;
		from_last = 1;
	}
	char org[11] = "", orgtext[12] = "";
	if (!empty(&f[F_ORG])) {
		const char *why;
		if (idnum_parse_org(f[F_ORG].text, j->opt->reference_year, org, &why) != 0) {
			reject_ad(j, "employer.organization_number", f[F_ORG].text, "org_nr",
				  "invalid organisationsnummer: %s", why);
			return;
		}
		snprintf(orgtext, sizeof orgtext, "%.6s-%.4s", org, org + 6);
	}
	uint64_t prev, here = j->file < 64 && j->ad_line < (1L << 26)
				      ? ((uint64_t)j->file << 26 | (uint64_t)j->ad_line) : KEYMAP_VALUE_MAX;
	if (!keymap_insert(j->seen, id, idlen, here, &prev)) {
		if (prev < KEYMAP_VALUE_MAX)
			reject_ad(j, "id", id, "duplicate", "ad id repeated (first on line %llu of %s): the first is kept",
				  (unsigned long long)(prev & ((1u << 26) - 1)), j->opt->files[prev >> 26]);
		else
			reject_ad(j, "id", id, "duplicate", "ad id repeated: the first is kept");
		return;
	}
	/* the adjustments of the rows written, not of the rejected */
	if (from_name)
		impout_count(j->out, "kommun_from_name");
	if (vacancies_missing)
		impout_count(j->out, "vacancies_missing_as_1");
	if (from_last)
		impout_count(j->out, "removed_from_last_publication_date");
	if (k == SSYKMAP_MERGED)
		impout_count(j->out, "ssyk_jobtech_merged_group");
	if (k == SSYKMAP_RECODED)
		impout_count(j->out, "ssyk_recoded");
	char date[16];
	char *idc = estrndup(id, idlen);
	impout_str(j->out, idc);
	free(idc);
	date_format(published, date);
	impout_str(j->out, date);
	if (has_removed)
		date_format(removed, date);
	impout_str(j->out, has_removed ? date : "");
	impout_str(j->out, kommun);
	impout_str(j->out, ssyk);
	impout_long(j->out, vacancies);
	impout_str(j->out, orgtext);
	impout_end_row(j->out);
}

/* Streams one file. 0, or -1 (message) on a read or JSON error. */
static int read_file(struct jobtech *j, const char *path)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		msg_error("%s: %s", path, strerror(errno));
		return -1;
	}
	j->path = path;
	j->lines = 0;
	j->depth = 0;
	j->started = 0;
	j->h = yajl_alloc(&callbacks, NULL, j);
	yajl_config(j->h, yajl_allow_multiple_values, 1);
	size_t cap = j->opt->chunk_size ? j->opt->chunk_size : 65536;
	unsigned char *buf = emalloc(cap);
	int rc = 0, first = 1;
	size_t got;
	while (rc == 0 && (got = fread(buf, 1, cap, fp)) > 0) {
		unsigned char *p = buf;
		if (first && got >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
			p += 3;
			got -= 3;
			impout_file_info(j->out, "encoding", "UTF-8 (BOM)");
		}
		first = 0;
		j->chunk = p;
		j->scanned = 0;
		if (yajl_parse(j->h, p, got) != yajl_status_ok)
			rc = -1;
		else
			for (; j->scanned < got; j->scanned++)
				j->lines += p[j->scanned] == '\n';
	}
	if (rc == 0 && ferror(fp)) {
		msg_error("%s: read error: %s", path, strerror(errno));
		fclose(fp);
		free(buf);
		yajl_free(j->h);
		return -1;
	}
	if (rc == 0) {
		j->chunk = buf;
		j->scanned = 0;
		if (yajl_complete_parse(j->h) != yajl_status_ok)
			rc = -1;
	}
	if (rc != 0) {
		unsigned char *err = yajl_get_error(j->h, 0, NULL, 0);
		char *msg = estrdup((char *)err);
		char *nl = strchr(msg, '\n');
		if (nl)
			*nl = '\0';
		msg_error_at(path, line_now(j), "invalid JSON: %s", msg);
		free(msg);
		yajl_free_error(j->h, err);
	} else {
		impout_file_info(j->out, "layout", j->ad_depth == 2 ? "one JSON array" : "JSON lines");
	}
	yajl_free(j->h);
	free(buf);
	fclose(fp);
	return rc;
}

int import_jobtech_ads(const struct import_opts *opt)
{
	static const char *const columns[] = {"ad_id", "published", "removed", "kommun", "ssyk", "vacancies",
					      "org_nr", NULL};
	struct jobtech j;
	memset(&j, 0, sizeof j);
	j.opt = opt;
	if (!(j.ssyk = ssykmap_load(opt->refdir)))
		return 1;
	if (!(j.out = impout_open(opt->outdir, "vacancies", "jobtech-ads", columns))) {
		ssykmap_free(j.ssyk);
		return 1;
	}
	j.seen = keymap_new();
	char from[16];
	date_format(opt->ssyk2012_from, from);
	impout_note(j.out, "a row is one ad (a JSON object)");
	impout_note(j.out, "ssyk: occupation_group.legacy_ams_taxonomy_id; ads published before %s carry SSYK 96 "
			   "and are rejected", from);
	impout_note(j.out, "removed: removed_date, else last_publication_date (adjusted: "
			   "removed_from_last_publication_date), else empty");
	impout_note(j.out, "vacancies: number_of_vacancies; null or absent is written as 1 (adjusted: "
			   "vacancies_missing_as_1)");
	impout_note(j.out, "kommun: municipality_code, else the municipality name (adjusted: kommun_from_name); "
			   "ads abroad are rejected");
	impout_note(j.out, "JobTech's 5321 and 5323 hold SCB's 5322 and 5324 too (adjusted: "
			   "ssyk_jobtech_merged_group); its 1210 (SCB's 1211 and 1212) is rejected");
	impout_note(j.out, "a repeated ad id: the first is kept, the later ones rejected");
	int ok = 1;
	for (size_t i = 0; ok && i < opt->nfiles; i++) {
		j.file = i;
		impout_begin_file(j.out, opt->files[i]);
		ok = read_file(&j, opt->files[i]) == 0;
	}
	int rc = impout_close(j.out, ok) == 0 && ok ? 0 : 1;
	keymap_free(j.seen);
	ssykmap_free(j.ssyk);
	return rc;
}
