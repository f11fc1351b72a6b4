#include "ingest.h"
#include "atomicfile.h"
#include "closest.h"
#include "jsonw.h"
#include "keymap.h"
#include "msg.h"
#include "stage.h"
#include "tsv.h"
#include "value.h"
#include "version.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_COLS 16

struct col_spec {
	const char *name;
	int required;
};

struct ingest_state;
struct file_state;

typedef int (*row_validator)(struct ingest_state *st, struct file_state *fs,
			     const struct csvin_row *row);

struct file_def {
	const char *file;
	int optional;
	const char *alternative; /* may be absent when this file is given */
	struct col_spec cols[MAX_COLS];
	const char *table;
	const char *out_cols[20];
	row_validator validate;
};

struct file_state {
	const struct file_def *def;
	struct ingest_file_stats *stats;
	char *path;
	int idx[MAX_COLS];       /* input column of each spec column, -1 absent */
	size_t header_fields;
	int header_seen;
	int fatal;
	struct tsv_writer *out;
	long long file_size;
	long long next_progress;
	int quiet;               /* no progress (another thread shows its own) */
	struct keymap *unique;   /* per-file uniqueness (ids, persons, keys) */
	FILE *rejects;           /* this file's rejects.csv rows (a temporary) */
	long first_reject_line;  /* the first rejected row, for the summary */
	char first_reject[600];  /* its "column: reason" (no value: privacy) */
	long first_special_line; /* the first row holding an SSYK special code */
	long first_suppressed_line; /* the first suppressed count */
	int rc;                  /* read_one's result */
};

struct respondent {
	char kommun[5];
	char stratum[24];
	long line;
};

struct ingest_state {
	const struct ingest_options *opt;
	const struct codes *codes;
	long ref_date;
	struct keymap *strata;       /* frame strata */
	struct keymap *respondents;  /* response_id -> index */
	struct respondent *resp;
	size_t nresp;
};

/* ---- helpers ---------------------------------------------------------- */

static const char *field(const struct file_state *fs, const struct csvin_row *row, int k)
{
	int i = fs->idx[k];
	if (i < 0 || (size_t)i >= row->nfields)
		return "";
	return row->field[i];
}

static int is_empty(const char *s)
{
	size_t len;
	value_trim(s, &len);
	return len == 0;
}

static void csv_put(FILE *fp, const char *s)
{
	/* neutralise spreadsheet formulas: the rejects file is opened in Excel */
	double number;
	int formula = (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@') &&
		      value_decimal(s, &number) != 0;
	if (!formula && !strpbrk(s, ",\"\r\n")) {
		fputs(s, fp);
		return;
	}
	putc('"', fp);
	if (formula)
		putc('\'', fp);
	for (; *s; s++) {
		if (*s == '"')
			putc('"', fp);
		putc(*s, fp);
	}
	putc('"', fp);
}

/* Records a rejected row. Always returns 1 (the validator's "rejected"). */
static int reject(struct ingest_state *st, struct file_state *fs, const struct csvin_row *row,
		  const char *column, const char *value, const char *reason_fmt, ...)
	__attribute__((format(printf, 6, 7)));

static int reject(struct ingest_state *st, struct file_state *fs, const struct csvin_row *row,
		  const char *column, const char *value, const char *reason_fmt, ...)
{
	(void)st;
	FILE *fp = fs->rejects;
	char reason[512];
	va_list ap;
	va_start(ap, reason_fmt);
	vsnprintf(reason, sizeof reason, reason_fmt, ap);
	va_end(ap);
	/* a value may be long (a 10 MB field): keep the first 200 bytes, on a
	 * UTF-8 boundary */
	char *shown = estrndup(value ? value : "", 200);
	size_t n = utf8_valid_prefix(shown, strlen(shown), NULL);
	if (!utf8_valid(shown, n))
		n = 0;
	shown[n] = '\0';
	if (value && strlen(value) > 200)
		strcat(shown = erealloc(shown, n + 4), "...");
	char *masked = idnum_mask(shown);
	csv_put(fp, fs->def->file);
	fprintf(fp, ",%ld,", row->line);
	csv_put(fp, column ? column : "");
	putc(',', fp);
	csv_put(fp, masked);
	putc(',', fp);
	csv_put(fp, reason);
	putc('\n', fp);
	free(masked);
	free(shown);
	if (fs->stats->rejected++ == 0) {
		fs->first_reject_line = row->line;
		snprintf(fs->first_reject, sizeof fs->first_reject, "%s%s%s",
			 column && *column ? column : "", column && *column ? ": " : "", reason);
	}
	return 1;
}

static int get_kommun(struct ingest_state *st, struct file_state *fs, const struct csvin_row *row,
		      int k, char out[5])
{
	const char *v = field(fs, row, k);
	int padded;
	const struct kommun_entry *e = codes_kommun(st->codes, v, &padded);
	if (!e)
		return reject(st, fs, row, fs->def->cols[k].name, v, "unknown kommun code");
	if (padded)
		fs->stats->padded_kommun++;
	memcpy(out, e->code, 5);
	return 0;
}

static int get_ssyk(struct ingest_state *st, struct file_state *fs, const struct csvin_row *row,
		    int k, char out[5])
{
	const char *v = field(fs, row, k);
	if (!codes_ssyk(st->codes, v, out))
		return reject(st, fs, row, fs->def->cols[k].name, v, "not an SSYK 2012 4-digit code");
	return 0;
}

/* The SSYK special codes (ingest.h): SCB's occupational register and
 * Arbetsförmedlingen's statistics publish them beside the occupations. */
static const struct {
	const char *code, *meaning;
} ssyk_specials[INGEST_NSSYK_SPECIAL] = {
	{"0002", "occupation unknown"},
};

/* Index in ssyk_specials of the code in TEXT (4 digits, alone or followed
 * by a space and a label, as codes_ssyk reads it), or -1. */
static int ssyk_special_index(const char *text)
{
	size_t len;
	const char *s = value_trim(text, &len);
	if (len < 4 || (len > 4 && s[4] != ' '))
		return -1;
	for (int i = 0; i < INGEST_NSSYK_SPECIAL; i++)
		if (strncmp(s, ssyk_specials[i].code, 4) == 0)
			return i;
	return -1;
}

/* An SSYK column that may hold a special code: OUT gets the 4 digits and
 * *SPECIAL the special code's index or -1. Returns 0, or 1 rejected. */
static int get_ssyk_or_special(struct ingest_state *st, struct file_state *fs, const struct csvin_row *row,
			       int k, char out[5], int *special)
{
	*special = ssyk_special_index(field(fs, row, k));
	if (*special >= 0) {
		memcpy(out, ssyk_specials[*special].code, 5);
		return 0;
	}
	return get_ssyk(st, fs, row, k, out);
}

/* Counts an accepted row that holds the special codes of the bit set MASK
 * (bit i: ssyk_specials[i]); the codes go to no table. */
static void count_special(struct file_state *fs, const struct csvin_row *row, unsigned mask)
{
	if (!mask)
		return;
	for (int i = 0; i < INGEST_NSSYK_SPECIAL; i++)
		if (mask & (1u << i))
			fs->stats->ssyk_special[i]++;
	if (fs->stats->ssyk_special_rows++ == 0)
		fs->first_special_line = row->line;
}

static int get_count(struct ingest_state *st, struct file_state *fs, const struct csvin_row *row,
		     int k, long long *out)
{
	const char *v = field(fs, row, k);
	if (value_count(v, out) != 0)
		return reject(st, fs, row, fs->def->cols[k].name, v, "not a whole number >= 0");
	return 0;
}

static int get_date(struct ingest_state *st, struct file_state *fs, const struct csvin_row *row,
		    int k, long *out)
{
	const char *v = field(fs, row, k);
	if (value_date(v, out) != 0)
		return reject(st, fs, row, fs->def->cols[k].name, v, "not a valid date YYYY-MM-DD");
	return 0;
}

static int get_optional_date(struct ingest_state *st, struct file_state *fs,
			     const struct csvin_row *row, int k, long *out, int *present)
{
	*present = !is_empty(field(fs, row, k));
	return *present ? get_date(st, fs, row, k, out) : 0;
}

static int get_flag(struct ingest_state *st, struct file_state *fs, const struct csvin_row *row,
		    int k, int *out)
{
	size_t len;
	const char *v = value_trim(field(fs, row, k), &len);
	if (len == 1 && (v[0] == '0' || v[0] == '1')) {
		*out = v[0] - '0';
		return 0;
	}
	return reject(st, fs, row, fs->def->cols[k].name, field(fs, row, k), "not 0 or 1");
}

/* Matches V against a NULL-terminated list of canonical words (folded);
 * returns the index or -1. */
static int word_index(const char *v, const char *const *words)
{
	char *f = value_fold(v);
	int found = -1;
	for (int i = 0; words[i]; i++)
		if (strcmp(f, words[i]) == 0) {
			found = i;
			break;
		}
	free(f);
	return found;
}

static int get_word(struct ingest_state *st, struct file_state *fs, const struct csvin_row *row,
		    int k, const char *const *words, const char *allowed, int *out)
{
	const char *v = field(fs, row, k);
	int i = word_index(v, words);
	if (i < 0)
		return reject(st, fs, row, fs->def->cols[k].name, v, "unknown value (allowed: %s)", allowed);
	*out = i;
	return 0;
}

static int get_sun(struct ingest_state *st, struct file_state *fs, const struct csvin_row *row,
		   int k, int *out)
{
	const char *v = field(fs, row, k);
	if (is_empty(v)) {
		*out = -1;
		return 0;
	}
	*out = codes_sun_level(st->codes, v);
	if (*out < 0)
		return reject(st, fs, row, fs->def->cols[k].name, v, "not a SUN 2020 level 0-6");
	return 0;
}

static const char *const swedish_levels[] = {"sfi-a", "sfi-b", "sfi-c", "sfi-d", "sas", "modersmål", NULL};

static int get_swedish(struct ingest_state *st, struct file_state *fs, const struct csvin_row *row,
		       int k, int *out)
{
	if (is_empty(field(fs, row, k))) {
		*out = -1;
		return 0;
	}
	return get_word(st, fs, row, k, swedish_levels, "sfi-a sfi-b sfi-c sfi-d sas modersmål", out);
}

static void put_sun(struct tsv_writer *w, int level)
{
	if (level < 0)
		tsv_put_empty(w);
	else
		tsv_put_long(w, level);
}

static void put_date(struct tsv_writer *w, long day, int present)
{
	char buf[11];
	if (!present) {
		tsv_put_empty(w);
		return;
	}
	date_format(day, buf);
	tsv_put_str(w, buf);
}

static void put_trimmed(struct tsv_writer *w, const char *v)
{
	size_t len;
	const char *s = value_trim(v, &len);
	tsv_put_strn(w, s, len);
}

static int get_person(struct ingest_state *st, struct file_state *fs, const struct csvin_row *row,
		      int k, struct idnum *id, char pseudo[PSEUDO_HEX_LEN + 1])
{
	const char *v = field(fs, row, k);
	const char *why;
	if (idnum_parse_person(v, st->opt->reference_year, id, &why) != 0)
		return reject(st, fs, row, fs->def->cols[k].name, v, "invalid personnummer: %s", why);
	pseudo_make(st->opt->key, 'P', id->canonical, pseudo);
	return 0;
}

/* Rejects the row when text field K, which goes to the tables as it is,
 * holds an identity number (a personnummer typed as a response or ad id). */
static int check_no_person(struct ingest_state *st, struct file_state *fs, const struct csvin_row *row,
			   int k)
{
	const char *v = field(fs, row, k);
	if (idnum_find_person(v, st->opt->reference_year))
		return reject(st, fs, row, fs->def->cols[k].name, v,
			      "holds a personnummer or samordningsnummer: not allowed in this column");
	return 0;
}

static const char *size_class_of(long long employees)
{
	if (employees < 10)
		return "1-9";
	if (employees < 50)
		return "10-49";
	if (employees < 250)
		return "50-249";
	return "250+";
}

/* ---- the files ---------------------------------------------------------- */

enum { FR_KOMMUN, FR_SECTION, FR_SIZE, FR_WORKPLACES, FR_SAMPLED };

static int validate_frame(struct ingest_state *st, struct file_state *fs, const struct csvin_row *row)
{
	static const char *const sizes[] = {"1-9", "10-49", "50-249", "250+", NULL};
	char kommun[5];
	int size;
	long long workplaces, sampled;
	if (get_kommun(st, fs, row, FR_KOMMUN, kommun))
		return 1;
	const char *sec = field(fs, row, FR_SECTION);
	size_t len;
	const char *s = value_trim(sec, &len);
	if (len != 1 || s[0] < 'A' || s[0] > 'U')
		return reject(st, fs, row, "sni_section", sec, "not an SNI 2007 section A-U");
	if (get_word(st, fs, row, FR_SIZE, sizes, "1-9 10-49 50-249 250+", &size) ||
	    get_count(st, fs, row, FR_WORKPLACES, &workplaces) ||
	    get_count(st, fs, row, FR_SAMPLED, &sampled))
		return 1;
	if (sampled > workplaces)
		return reject(st, fs, row, "sampled", field(fs, row, FR_SAMPLED),
			      "more sampled than workplaces (%lld)", workplaces);
	char stratum[24];
	snprintf(stratum, sizeof stratum, "%s:%c:%s", kommun, s[0], sizes[size]);
	uint64_t prev;
	if (!keymap_insert(st->strata, stratum, strlen(stratum), (uint64_t)row->line, &prev))
		return reject(st, fs, row, NULL, stratum, "duplicate stratum (first on line %llu)",
			      (unsigned long long)prev);
	struct tsv_writer *w = fs->out;
	tsv_put_str(w, kommun);
	tsv_put_strn(w, s, 1);
	tsv_put_str(w, sizes[size]);
	tsv_put_str(w, stratum);
	tsv_put_long(w, workplaces);
	tsv_put_long(w, sampled);
	tsv_end_row(w);
	return 0;
}

enum { RE_ID, RE_ORG, RE_KOMMUN, RE_SNI, RE_EMPLOYEES, RE_SECTOR };

static int validate_respondent(struct ingest_state *st, struct file_state *fs,
			       const struct csvin_row *row)
{
	static const char *const sectors[] = {"privat", "offentlig", "private", "public", NULL};
	static const char *const sector_out[] = {"privat", "offentlig", "privat", "offentlig"};
	size_t idlen;
	const char *id = value_trim(field(fs, row, RE_ID), &idlen);
	if (idlen == 0)
		return reject(st, fs, row, "response_id", "", "empty response_id");
	if (idlen > 200)
		return reject(st, fs, row, "response_id", id, "response_id longer than 200 bytes");
	if (check_no_person(st, fs, row, RE_ID))
		return 1;
	char org[11];
	const char *why;
	const char *orgv = field(fs, row, RE_ORG);
	if (idnum_parse_org(orgv, st->opt->reference_year, org, &why) != 0)
		return reject(st, fs, row, "org_nr", orgv, "invalid organisationsnummer: %s", why);
	char kommun[5];
	if (get_kommun(st, fs, row, RE_KOMMUN, kommun))
		return 1;
	const char *sni = field(fs, row, RE_SNI);
	char section = codes_sni_section(st->codes, sni);
	if (!section)
		return reject(st, fs, row, "sni", sni, "not an SNI 2007 code");
	long long employees;
	int sector;
	if (get_count(st, fs, row, RE_EMPLOYEES, &employees) ||
	    get_word(st, fs, row, RE_SECTOR, sectors, "privat offentlig", &sector))
		return 1;
	char stratum[24];
	snprintf(stratum, sizeof stratum, "%s:%c:%s", kommun, section, size_class_of(employees));
	if (!keymap_get(st->strata, stratum, strlen(stratum), NULL))
		return reject(st, fs, row, NULL, stratum, "stratum not in survey_frame.csv");
	uint64_t prev;
	if (!keymap_insert(st->respondents, id, idlen, st->nresp, &prev))
		return reject(st, fs, row, "response_id", field(fs, row, RE_ID),
			      "duplicate response_id (first on line %ld)", st->resp[prev].line);
	st->resp = erealloc(st->resp, (st->nresp + 1) * sizeof *st->resp);
	struct respondent *r = &st->resp[st->nresp++];
	memcpy(r->kommun, kommun, 5);
	snprintf(r->stratum, sizeof r->stratum, "%s", stratum);
	r->line = row->line;
	char pseudo[PSEUDO_HEX_LEN + 1];
	pseudo_make(st->opt->key, 'O', org, pseudo);
	char sni_clean[16];
	size_t sl, o = 0;
	const char *sv = value_trim(sni, &sl);
	for (size_t i = 0; i < sl && o + 1 < sizeof sni_clean; i++)
		if (sv[i] != '.')
			sni_clean[o++] = (char)(sv[i] >= 'a' && sv[i] <= 'u' ? sv[i] - 'a' + 'A' : sv[i]);
	sni_clean[o] = '\0';
	struct tsv_writer *w = fs->out;
	tsv_put_strn(w, id, idlen);
	tsv_put_str(w, pseudo);
	tsv_put_str(w, kommun);
	tsv_put_str(w, sni_clean);
	tsv_put_strn(w, &section, 1);
	tsv_put_str(w, size_class_of(employees));
	tsv_put_long(w, employees);
	tsv_put_str(w, sector_out[sector]);
	tsv_put_str(w, stratum);
	tsv_end_row(w);
	return 0;
}

enum { OC_ID, OC_SSYK, OC_EMPLOYED, OC_PLANNED, OC_RECRUITED, OC_SITUATION, OC_CHANGE1,
       OC_CHANGE3, OC_MINSUN, OC_SWEDISH, OC_OPEN };

static int validate_occupation(struct ingest_state *st, struct file_state *fs,
			       const struct csvin_row *row)
{
	static const char *const situations[] = {"brist", "balans", "god", NULL};
	static const char *const changes[] = {"öka", "oförändrad", "minska", NULL};
	static const char *const swedish[] = {"ingen", "grundläggande", "god", "flytande", NULL};
	static const char *const yesno[] = {"nej", "ja", NULL};
	size_t idlen;
	const char *id = value_trim(field(fs, row, OC_ID), &idlen);
	if (check_no_person(st, fs, row, OC_ID))
		return 1;
	uint64_t ri;
	if (!keymap_get(st->respondents, id, idlen, &ri))
		return reject(st, fs, row, "response_id", field(fs, row, OC_ID),
			      "no accepted respondent with this response_id");
	char ssyk[5];
	long long employed, planned, recruited;
	int situation, change1, change3, minsun, swed, open, special;
	if (get_ssyk_or_special(st, fs, row, OC_SSYK, ssyk, &special) ||
	    get_count(st, fs, row, OC_EMPLOYED, &employed) ||
	    get_count(st, fs, row, OC_PLANNED, &planned) ||
	    get_count(st, fs, row, OC_RECRUITED, &recruited) ||
	    get_word(st, fs, row, OC_SITUATION, situations, "brist balans god", &situation) ||
	    get_word(st, fs, row, OC_CHANGE1, changes, "öka oförändrad minska", &change1) ||
	    get_word(st, fs, row, OC_CHANGE3, changes, "öka oförändrad minska", &change3) ||
	    get_sun(st, fs, row, OC_MINSUN, &minsun) ||
	    get_word(st, fs, row, OC_SWEDISH, swedish, "ingen grundläggande god flytande", &swed) ||
	    get_word(st, fs, row, OC_OPEN, yesno, "ja nej", &open))
		return 1;
	char key[8 + 5];
	memcpy(key, &ri, 8);
	memcpy(key + 8, ssyk, 4);
	uint64_t prev;
	if (!keymap_insert(fs->unique, key, 12, (uint64_t)row->line, &prev))
		return reject(st, fs, row, "ssyk", ssyk,
			      "duplicate occupation for this response_id (first on line %llu)",
			      (unsigned long long)prev);
	if (special >= 0) {
		count_special(fs, row, 1u << special);
		return 0;
	}
	const struct respondent *r = &st->resp[ri];
	struct tsv_writer *w = fs->out;
	tsv_put_strn(w, id, idlen);
	tsv_put_str(w, r->kommun);
	tsv_put_str(w, r->stratum);
	tsv_put_str(w, ssyk);
	tsv_put_long(w, employed);
	tsv_put_long(w, planned);
	tsv_put_long(w, recruited);
	tsv_put_str(w, situations[situation]);
	tsv_put_str(w, changes[change1]);
	tsv_put_str(w, changes[change3]);
	put_sun(w, minsun);
	tsv_put_str(w, swedish[swed]);
	tsv_put_long(w, open);
	tsv_end_row(w);
	return 0;
}

enum { JS_PNR, JS_KOMMUN, JS_REGISTERED, JS_SUN, JS_EXPERIENCE, JS_WANTED, JS_SWEDISH,
       JS_ARRIVAL, JS_ESTABLISHMENT, JS_DAYS };

static int validate_jobseeker(struct ingest_state *st, struct file_state *fs,
			      const struct csvin_row *row)
{
	struct idnum id;
	char pseudo[PSEUDO_HEX_LEN + 1];
	char kommun[5];
	long registered, arrival = 0;
	int sun, swedish, establishment, has_arrival;
	long long days;
	if (get_person(st, fs, row, JS_PNR, &id, pseudo) ||
	    get_kommun(st, fs, row, JS_KOMMUN, kommun) ||
	    get_date(st, fs, row, JS_REGISTERED, &registered) ||
	    get_sun(st, fs, row, JS_SUN, &sun))
		return 1;
	/* special codes are no occupation: left out of the person's codes */
	unsigned special_mask = 0;
	int special;
	char experience[5] = "";
	if (!is_empty(field(fs, row, JS_EXPERIENCE))) {
		if (get_ssyk_or_special(st, fs, row, JS_EXPERIENCE, experience, &special))
			return 1;
		if (special >= 0) {
			special_mask |= 1u << special;
			experience[0] = '\0';
		}
	}
	/* ssyk_wanted: up to 3 codes joined by | */
	char wanted[3 * 5 + 1] = "";
	const char *wv = field(fs, row, JS_WANTED);
	if (!is_empty(wv)) {
		int n = 0;
		const char *s = wv;
		while (1) {
			const char *bar = strchr(s, '|');
			size_t len = bar ? (size_t)(bar - s) : strlen(s);
			char *item = estrndup(s, len);
			char code[5];
			int sp = ssyk_special_index(item);
			int ok = sp >= 0 || codes_ssyk(st->codes, item, code) != NULL;
			free(item);
			if (!ok)
				return reject(st, fs, row, "ssyk_wanted", wv,
					      "item %d is not an SSYK 2012 4-digit code", n + 1);
			if (n == 3)
				return reject(st, fs, row, "ssyk_wanted", wv, "more than 3 occupations");
			if (sp >= 0) {
				special_mask |= 1u << sp;
			} else {
				if (*wanted)
					strcat(wanted, "|");
				strcat(wanted, code);
			}
			n++;
			if (!bar)
				break;
			s = bar + 1;
		}
	}
	if (get_swedish(st, fs, row, JS_SWEDISH, &swedish) ||
	    get_optional_date(st, fs, row, JS_ARRIVAL, &arrival, &has_arrival) ||
	    get_flag(st, fs, row, JS_ESTABLISHMENT, &establishment) ||
	    get_count(st, fs, row, JS_DAYS, &days))
		return 1;
	long birth = days_from_civil(id.birth_year, id.birth_month, id.birth_day);
	if (has_arrival && arrival < birth)
		return reject(st, fs, row, "arrival_date", field(fs, row, JS_ARRIVAL),
			      "arrival before the birth date");
	if (registered < birth)
		return reject(st, fs, row, "registered", field(fs, row, JS_REGISTERED),
			      "registered before the birth date");
	uint64_t prev;
	if (!keymap_insert(fs->unique, pseudo, PSEUDO_HEX_LEN, (uint64_t)row->line, &prev))
		return reject(st, fs, row, "personnummer", field(fs, row, JS_PNR),
			      "duplicate person (first on line %llu)", (unsigned long long)prev);
	count_special(fs, row, special_mask);
	struct tsv_writer *w = fs->out;
	tsv_put_str(w, pseudo);
	tsv_put_str(w, kommun);
	tsv_put_str(w, id.female ? "kvinnor" : "män");
	tsv_put_long(w, id.birth_year);
	tsv_put_long(w, age_at(id.birth_year, id.birth_month, id.birth_day, st->ref_date));
	put_date(w, registered, 1);
	put_sun(w, sun);
	tsv_put_str(w, experience);
	tsv_put_str(w, wanted);
	tsv_put_str(w, swedish >= 0 ? swedish_levels[swedish] : "");
	put_date(w, arrival, has_arrival);
	if (has_arrival)
		tsv_put_fixed(w, (double)(st->ref_date - arrival) / 365.25, 2);
	else
		tsv_put_empty(w);
	tsv_put_long(w, establishment);
	tsv_put_long(w, days);
	tsv_end_row(w);
	return 0;
}

enum { EM_YEAR, EM_KOMMUN, EM_SSYK, EM_SEX, EM_AGE, EM_EMPLOYED };

static const char *const age_bands[] = {"16-24", "25-29", "30-34", "35-39", "40-44", "45-49",
					"50-54", "55-59", "60-64", "65-69", NULL};

/* employment.csv: sex and age are optional columns (a table without that
 * split); when one is absent, the table's column is empty on every row. */
static int validate_employment(struct ingest_state *st, struct file_state *fs,
			       const struct csvin_row *row)
{
	static const char *const sexes[] = {"män", "kvinnor", NULL};
	long long year, employed;
	char kommun[5], ssyk[5];
	int sex = -1, age = -1, special;
	int has_sex = fs->idx[EM_SEX] >= 0, has_age = fs->idx[EM_AGE] >= 0;
	if (get_count(st, fs, row, EM_YEAR, &year))
		return 1;
	if (year < 1990 || year > 2200)
		return reject(st, fs, row, "year", field(fs, row, EM_YEAR), "year out of range");
	if (get_kommun(st, fs, row, EM_KOMMUN, kommun) ||
	    get_ssyk_or_special(st, fs, row, EM_SSYK, ssyk, &special) ||
	    (has_sex && get_word(st, fs, row, EM_SEX, sexes, "män kvinnor", &sex)) ||
	    (has_age && get_word(st, fs, row, EM_AGE, age_bands, "16-24 25-29 ... 65-69", &age)) ||
	    get_count(st, fs, row, EM_EMPLOYED, &employed))
		return 1;
	char key[32];
	int kl = snprintf(key, sizeof key, "%lld%s%s%d%d", year, kommun, ssyk, sex, age);
	uint64_t prev;
	if (!keymap_insert(fs->unique, key, (size_t)kl, (uint64_t)row->line, &prev))
		return reject(st, fs, row, NULL, "", "duplicate row for %s (first on line %llu)",
			      has_sex && has_age ? "year, kommun, ssyk, sex and age"
			      : has_sex ? "year, kommun, ssyk and sex"
			      : has_age ? "year, kommun, ssyk and age"
			      : "year, kommun and ssyk",
			      (unsigned long long)prev);
	if (special >= 0) {
		count_special(fs, row, 1u << special);
		return 0;
	}
	struct tsv_writer *w = fs->out;
	tsv_put_long(w, year);
	tsv_put_str(w, kommun);
	tsv_put_str(w, ssyk);
	tsv_put_str(w, sex >= 0 ? sexes[sex] : "");
	tsv_put_str(w, age >= 0 ? age_bands[age] : "");
	tsv_put_long(w, employed);
	tsv_end_row(w);
	return 0;
}

enum { VA_ID, VA_PUBLISHED, VA_REMOVED, VA_KOMMUN, VA_SSYK, VA_VACANCIES, VA_ORG };

static int validate_vacancy(struct ingest_state *st, struct file_state *fs,
			    const struct csvin_row *row)
{
	size_t idlen;
	const char *id = value_trim(field(fs, row, VA_ID), &idlen);
	if (idlen == 0)
		return reject(st, fs, row, "ad_id", "", "empty ad_id");
	if (idlen > 200)
		return reject(st, fs, row, "ad_id", id, "ad_id longer than 200 bytes");
	if (check_no_person(st, fs, row, VA_ID))
		return 1;
	/* the uniqueness table is far larger than the cache: ask for the slot
	 * now and validate the rest of the row while it comes */
	struct keymap_digest id_digest;
	keymap_digest(id, idlen, &id_digest);
	keymap_prefetch(fs->unique, &id_digest);
	long published, removed = 0;
	int has_removed;
	char kommun[5], ssyk[5];
	long long vacancies;
	int special;
	if (get_date(st, fs, row, VA_PUBLISHED, &published) ||
	    get_optional_date(st, fs, row, VA_REMOVED, &removed, &has_removed))
		return 1;
	if (has_removed && removed < published)
		return reject(st, fs, row, "removed", field(fs, row, VA_REMOVED),
			      "removed before it was published");
	if (get_kommun(st, fs, row, VA_KOMMUN, kommun) ||
	    get_ssyk_or_special(st, fs, row, VA_SSYK, ssyk, &special) ||
	    get_count(st, fs, row, VA_VACANCIES, &vacancies))
		return 1;
	if (vacancies < 1)
		return reject(st, fs, row, "vacancies", field(fs, row, VA_VACANCIES), "must be at least 1");
	char employer[PSEUDO_HEX_LEN + 1] = "";
	const char *orgv = field(fs, row, VA_ORG);
	if (!is_empty(orgv)) {
		char org[11];
		const char *why;
		if (idnum_parse_org(orgv, st->opt->reference_year, org, &why) != 0)
			return reject(st, fs, row, "org_nr", orgv, "invalid organisationsnummer: %s", why);
		pseudo_make(st->opt->key, 'O', org, employer);
	}
	uint64_t prev;
	if (!keymap_insert_digest(fs->unique, &id_digest, (uint64_t)row->line, &prev))
		return reject(st, fs, row, "ad_id", field(fs, row, VA_ID),
			      "duplicate ad_id (first on line %llu)", (unsigned long long)prev);
	if (special >= 0) {
		count_special(fs, row, 1u << special);
		return 0;
	}
	int y, m, d;
	civil_from_days(published, &y, &m, &d);
	long end = has_removed ? removed : st->ref_date;
	long days_open = end - published;
	if (days_open < 0)
		days_open = 0;
	struct tsv_writer *w = fs->out;
	tsv_put_strn(w, id, idlen);
	tsv_put_str(w, kommun);
	tsv_put_str(w, ssyk);
	put_date(w, published, 1);
	put_date(w, removed, has_removed);
	tsv_put_long(w, y);
	tsv_put_long(w, days_open);
	tsv_put_long(w, !has_removed);
	tsv_put_long(w, vacancies);
	tsv_put_str(w, employer);
	tsv_end_row(w);
	return 0;
}

enum { OU_PNR, OU_KOMMUN, OU_TRACK, OU_START, OU_END, OU_COMPLETED, OU_E90, OU_E365, OU_SUN,
       OU_SWEDISH, OU_ARRIVAL };

static int validate_outcome(struct ingest_state *st, struct file_state *fs,
			    const struct csvin_row *row)
{
	struct idnum id;
	char pseudo[PSEUDO_HEX_LEN + 1];
	char kommun[5];
	long start, end, arrival = 0;
	int completed, e90, e365, sun, swedish, has_arrival;
	if (get_person(st, fs, row, OU_PNR, &id, pseudo) ||
	    get_kommun(st, fs, row, OU_KOMMUN, kommun))
		return 1;
	size_t tl;
	const char *track = value_trim(field(fs, row, OU_TRACK), &tl);
	int known = 0;
	for (const char *const *t = st->opt->track_ids; t && *t; t++)
		if (strlen(*t) == tl && strncmp(*t, track, tl) == 0)
			known = 1;
	if (!known)
		return reject(st, fs, row, "track", field(fs, row, OU_TRACK),
			      "not a track id of the configuration");
	if (get_date(st, fs, row, OU_START, &start) || get_date(st, fs, row, OU_END, &end))
		return 1;
	if (end < start)
		return reject(st, fs, row, "end", field(fs, row, OU_END), "ends before it starts");
	if (get_flag(st, fs, row, OU_COMPLETED, &completed) || get_flag(st, fs, row, OU_E90, &e90) ||
	    get_flag(st, fs, row, OU_E365, &e365) || get_sun(st, fs, row, OU_SUN, &sun) ||
	    get_swedish(st, fs, row, OU_SWEDISH, &swedish) ||
	    get_optional_date(st, fs, row, OU_ARRIVAL, &arrival, &has_arrival))
		return 1;
	long birth = days_from_civil(id.birth_year, id.birth_month, id.birth_day);
	if (has_arrival && arrival < birth)
		return reject(st, fs, row, "arrival_date", field(fs, row, OU_ARRIVAL),
			      "arrival before the birth date");
	struct tsv_writer *w = fs->out;
	tsv_put_str(w, pseudo);
	tsv_put_str(w, kommun);
	tsv_put_strn(w, track, tl);
	put_date(w, start, 1);
	put_date(w, end, 1);
	tsv_put_long(w, completed);
	tsv_put_long(w, e90);
	tsv_put_long(w, e365);
	tsv_put_str(w, id.female ? "kvinnor" : "män");
	tsv_put_long(w, age_at(id.birth_year, id.birth_month, id.birth_day, start));
	put_sun(w, sun);
	tsv_put_str(w, swedish >= 0 ? swedish_levels[swedish] : "");
	put_date(w, arrival, has_arrival);
	if (has_arrival)
		tsv_put_fixed(w, (double)(start - arrival) / 365.25, 2);
	else
		tsv_put_empty(w);
	tsv_end_row(w);
	return 0;
}

enum { YB_OMGANG, YB_LAN, YB_YRKESOMRADE, YB_YRKE, YB_CODES, YB_SITUATION, YB_CHANCES, YB_PROGNOS };

static int validate_yrkesbarometer(struct ingest_state *st, struct file_state *fs,
				   const struct csvin_row *row)
{
	static const char *const situations[] = {"brist", "balans", "överskott", "paradox", NULL};
	int situation;
	static const int copied[] = {YB_OMGANG, YB_LAN, YB_YRKE, YB_CHANCES, YB_PROGNOS};
	for (size_t i = 0; i < sizeof copied / sizeof *copied; i++)
		if (check_no_person(st, fs, row, copied[i]))
			return 1;
	if (get_word(st, fs, row, YB_SITUATION, situations, "brist balans överskott paradox", &situation))
		return 1;
	const char *codes = field(fs, row, YB_CODES);
	char list[64][5];
	int n = 0, items = 0;
	unsigned special_mask = 0;
	const char *s = codes;
	while (*s) {
		const char *sep = strpbrk(s, ";|,");
		size_t len = sep ? (size_t)(sep - s) : strlen(s);
		char *item = estrndup(s, len);
		int sp = ssyk_special_index(item);
		int ok = sp >= 0 || (n < 64 && codes_ssyk(st->codes, item, list[n]) != NULL);
		free(item);
		if (!ok)
			return reject(st, fs, row, "ssyk4_codes", codes, "item %d is not an SSYK 2012 code", items + 1);
		if (sp >= 0)
			special_mask |= 1u << sp;
		else
			n++;
		items++;
		if (!sep)
			break;
		s = sep + 1;
	}
	if (items == 0)
		return reject(st, fs, row, "ssyk4_codes", codes, "no SSYK code");
	count_special(fs, row, special_mask);
	for (int i = 0; i < n; i++) {
		struct tsv_writer *w = fs->out;
		tsv_put_str(w, list[i]);
		put_trimmed(w, field(fs, row, YB_OMGANG));
		put_trimmed(w, field(fs, row, YB_LAN));
		put_trimmed(w, field(fs, row, YB_YRKE));
		tsv_put_str(w, situations[situation]);
		put_trimmed(w, field(fs, row, YB_CHANCES));
		put_trimmed(w, field(fs, row, YB_PROGNOS));
		tsv_end_row(w);
	}
	return 0;
}

/* A count published as suppressed: "<5" as Arbetsförmedlingen writes a
 * count under 5 (any "<N", spaces allowed), or SCB's "..". */
static int is_suppressed(const char *v)
{
	size_t len;
	const char *s = value_trim(v, &len);
	if (len == 2 && s[0] == '.' && s[1] == '.')
		return 1;
	if (len < 2 || s[0] != '<')
		return 0;
	size_t i = 1;
	while (i < len && s[i] == ' ')
		i++;
	if (i == len)
		return 0;
	for (; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

enum { JA_KOMMUN, JA_SSYK, JA_COUNT, JA_YEAR, JA_MONTH };

/* jobseekers_aggregated.csv: registered jobseekers counted per kommun and
 * occupation (Arbetsförmedlingen's published statistics), optionally per
 * year or month. A suppressed count is missing, never 0. */
static int validate_jobseekers_aggregated(struct ingest_state *st, struct file_state *fs,
					  const struct csvin_row *row)
{
	char kommun[5], ssyk[5];
	int special, suppressed;
	long long count = 0, year = -1, month = -1;
	if (get_kommun(st, fs, row, JA_KOMMUN, kommun) ||
	    get_ssyk_or_special(st, fs, row, JA_SSYK, ssyk, &special))
		return 1;
	suppressed = is_suppressed(field(fs, row, JA_COUNT));
	if (!suppressed && value_count(field(fs, row, JA_COUNT), &count) != 0)
		return reject(st, fs, row, "jobseekers", field(fs, row, JA_COUNT),
			      "not a whole number >= 0 or a suppressed count (<5)");
	if (fs->idx[JA_YEAR] >= 0) {
		if (get_count(st, fs, row, JA_YEAR, &year))
			return 1;
		if (year < 1990 || year > 2200)
			return reject(st, fs, row, "year", field(fs, row, JA_YEAR), "year out of range");
	}
	if (fs->idx[JA_MONTH] >= 0 &&
	    (value_count(field(fs, row, JA_MONTH), &month) != 0 || month < 1 || month > 12))
		return reject(st, fs, row, "month", field(fs, row, JA_MONTH), "not a month 1-12");
	char key[48];
	int kl = snprintf(key, sizeof key, "%lld-%lld-%s-%s", year, month, kommun, ssyk);
	uint64_t prev;
	if (!keymap_insert(fs->unique, key, (size_t)kl, (uint64_t)row->line, &prev))
		return reject(st, fs, row, NULL, "", "duplicate row for %skommun and ssyk (first on line %llu)",
			      month >= 0 ? "year, month, " : year >= 0 ? "year, " : "", (unsigned long long)prev);
	if (special >= 0) {
		count_special(fs, row, 1u << special);
		return 0;
	}
	if (suppressed && fs->stats->suppressed++ == 0)
		fs->first_suppressed_line = row->line;
	struct tsv_writer *w = fs->out;
	if (year >= 0)
		tsv_put_long(w, year);
	else
		tsv_put_empty(w);
	if (month >= 0)
		tsv_put_long(w, month);
	else
		tsv_put_empty(w);
	tsv_put_str(w, kommun);
	tsv_put_str(w, ssyk);
	if (suppressed)
		tsv_put_empty(w);
	else
		tsv_put_long(w, count);
	tsv_put_long(w, suppressed);
	tsv_end_row(w);
	return 0;
}

static const struct file_def files[INGEST_NFILES] = {
	{"survey_frame.csv", 0, NULL,
	 {{"kommun", 1}, {"sni_section", 1}, {"size_class", 1}, {"workplaces", 1}, {"sampled", 1}},
	 "frame.tsv", {"kommun", "sni_section", "size_class", "stratum", "workplaces", "sampled", NULL},
	 validate_frame},
	{"survey_respondents.csv", 0, NULL,
	 {{"response_id", 1}, {"org_nr", 1}, {"kommun", 1}, {"sni", 1}, {"employees", 1}, {"sector", 1}},
	 "respondents.tsv",
	 {"response_id", "employer", "kommun", "sni", "sni_section", "size_class", "employees", "sector",
	  "stratum", NULL},
	 validate_respondent},
	{"survey_occupations.csv", 0, NULL,
	 {{"response_id", 1}, {"ssyk", 1}, {"employed_now", 1}, {"planned_hires_12m", 1},
	  {"recruited_12m", 1}, {"recruitment_situation", 1}, {"change_1y", 1}, {"change_3y", 1},
	  {"min_sun_level", 0}, {"swedish_required", 1}, {"open_to_track", 1}},
	 "occupations.tsv",
	 {"response_id", "kommun", "stratum", "ssyk", "employed_now", "planned_hires_12m",
	  "recruited_12m", "recruitment_situation", "change_1y", "change_3y", "min_sun_level",
	  "swedish_required", "open_to_track", NULL},
	 validate_occupation},
	{"jobseekers.csv", 0, "jobseekers_aggregated.csv",
	 {{"personnummer", 1}, {"kommun", 1}, {"registered", 1}, {"sun_level", 1},
	  {"ssyk_experience", 0}, {"ssyk_wanted", 1}, {"swedish_level", 1}, {"arrival_date", 1},
	  {"establishment", 1}, {"days_unemployed", 1}},
	 "jobseekers.tsv",
	 {"person", "kommun", "sex", "birth_year", "age", "registered", "sun_level", "ssyk_experience",
	  "ssyk_wanted", "swedish_level", "arrival_date", "years_since_arrival", "establishment",
	  "days_unemployed", NULL},
	 validate_jobseeker},
	{"employment.csv", 0, NULL,
	 {{"year", 1}, {"kommun", 1}, {"ssyk", 1}, {"sex", 0}, {"age", 0}, {"employed", 1}},
	 "employment.tsv", {"year", "kommun", "ssyk", "sex", "age", "employed", NULL},
	 validate_employment},
	{"vacancies.csv", 0, NULL,
	 {{"ad_id", 1}, {"published", 1}, {"removed", 0}, {"kommun", 1}, {"ssyk", 1},
	  {"vacancies", 1}, {"org_nr", 0}},
	 "vacancies.tsv",
	 {"ad_id", "kommun", "ssyk", "published", "removed", "year", "days_open", "still_open",
	  "vacancies", "employer", NULL},
	 validate_vacancy},
	{"outcomes.csv", 1, NULL,
	 {{"personnummer", 1}, {"kommun", 1}, {"track", 1}, {"start", 1}, {"end", 1},
	  {"completed", 1}, {"employed_90d", 1}, {"employed_365d", 1}, {"sun_level", 1},
	  {"swedish_level", 1}, {"arrival_date", 1}},
	 "outcomes.tsv",
	 {"person", "kommun", "track", "start", "end", "completed", "employed_90d", "employed_365d",
	  "sex", "age", "sun_level", "swedish_level", "arrival_date", "years_since_arrival", NULL},
	 validate_outcome},
	{"yrkesbarometer.csv", 1, NULL,
	 {{"omgang", 1}, {"lan", 1}, {"yrkesomrade", 1}, {"yb_yrke", 1}, {"ssyk4_codes", 1},
	  {"rekryteringssituation", 1}, {"jobbmojligheter", 1}, {"prognos_5ar", 1}},
	 "yrkesbarometer.tsv",
	 {"ssyk", "omgang", "lan", "yb_yrke", "rekryteringssituation", "jobbmojligheter", "prognos_5ar",
	  NULL},
	 validate_yrkesbarometer},
	{"jobseekers_aggregated.csv", 1, NULL,
	 {{"kommun", 1}, {"ssyk", 1}, {"jobseekers", 1}, {"year", 0}, {"month", 0}},
	 "jobseekers_aggregated.tsv", {"year", "month", "kommun", "ssyk", "jobseekers", "suppressed", NULL},
	 validate_jobseekers_aggregated},
};

/* ---- the driver --------------------------------------------------------- */

struct row_ctx {
	struct ingest_state *st;
	struct file_state *fs;
};

static size_t max_field_bytes(const struct ingest_state *st)
{
	return st->opt->max_field_bytes ? st->opt->max_field_bytes : INGEST_MAX_FIELD_BYTES;
}

/* The name of input column COL (1-based) as the contract calls it, or
 * "#COL" in BUF for a column ingest does not read. */
static const char *column_name(const struct file_state *fs, size_t col, char buf[32])
{
	for (int k = 0; k < MAX_COLS && fs->def->cols[k].name; k++)
		if (fs->idx[k] == (int)col - 1)
			return fs->def->cols[k].name;
	snprintf(buf, 32, "#%zu", col);
	return buf;
}

/* Reports every missing required column of the header ROW at once, each
 * with the closest unknown column ("did you mean"). USED marks the header
 * fields (of the first 256) that are the contract's. */
static void missing_columns(const struct file_state *fs, const struct csvin_row *row, const int used[256],
			    int nmissing)
{
	const struct file_def *def = fs->def;
	/* the unknown header names, masked: a data row taken for the header
	 * may hold an identity number */
	size_t nfields = row->nfields < 256 ? row->nfields : 256, nunknown = 0;
	char **unknown = ecalloc(nfields + 1, sizeof *unknown);
	for (size_t i = 0; i < nfields; i++) {
		/* a stray byte-order mark is said below, never suggested */
		if (used[i] || strncmp(row->field[i], "\xEF\xBB\xBF", 3) == 0)
			continue;
		size_t len;
		const char *trimmed = value_trim(row->field[i], &len);
		/* nor a name that would break the message's line */
		int control = 0;
		for (size_t j = 0; j < len && !control; j++)
			control = (unsigned char)trimmed[j] < 0x20 || trimmed[j] == 0x7f;
		if (len == 0 || control)
			continue;
		char *raw = estrndup(trimmed, len);
		unknown[nunknown++] = idnum_mask(raw);
		free(raw);
	}
	char *list = estrdup("");
	for (int k = 0; k < MAX_COLS && def->cols[k].name; k++) {
		if (fs->idx[k] >= 0 || !def->cols[k].required)
			continue;
		long c = closest_column(def->cols[k].name, (const char *const *)unknown, nunknown);
		char *more = c >= 0 ? easprintf("%s%s%s (did you mean \"%s\"?)", list, *list ? ", " : "",
						def->cols[k].name, unknown[c])
				    : easprintf("%s%s%s", list, *list ? ", " : "", def->cols[k].name);
		free(list);
		list = more;
	}
	/* a second byte-order mark (the first is skipped) hides the first
	 * column's name; a header of one field holding a delimiter was split
	 * with another one */
	const char *why = "";
	if (row->nfields > 0 && strncmp(row->field[0], "\xEF\xBB\xBF", 3) == 0)
		why = " (the header starts with a stray byte-order mark)";
	else if (row->nfields == 1 && strpbrk(row->field[0], ",;\t"))
		why = " (the header is one field holding a delimiter: is the delimiter right?)";
	msg_error_at(fs->path, row->line, "missing required column%s %s%s", nmissing > 1 ? "s" : "", list, why);
	free(list);
	for (size_t i = 0; i < nunknown; i++)
		free(unknown[i]);
	free(unknown);
}

static int on_header(struct ingest_state *st, struct file_state *fs, const struct csvin_row *row)
{
	const struct file_def *def = fs->def;
	fs->header_fields = row->nfields;
	if (row->oversized) {
		if (row->oversized_col)
			msg_error_at(fs->path, row->line, "header: column %zu: field longer than %zu bytes "
				     "(ingest.max_field_bytes)", row->oversized_col, max_field_bytes(st));
		else
			msg_error_at(fs->path, row->line, "header: row longer than %zu bytes "
				     "(ingest.max_field_bytes)", max_field_bytes(st));
		return 1;
	}
	if (row->bad_col) {
		msg_error_at(fs->path, row->line, "header: column %zu: %s", row->bad_col, row->bad_reason);
		return 1;
	}
	int used[256] = {0};
	int nmissing = 0;
	for (int k = 0; k < MAX_COLS && def->cols[k].name; k++) {
		fs->idx[k] = -1;
		for (size_t i = 0; i < row->nfields; i++) {
			if (!value_equal_fold(row->field[i], def->cols[k].name))
				continue;
			if (fs->idx[k] >= 0) {
				msg_error_at(fs->path, row->line, "column %s appears twice in the header",
					     def->cols[k].name);
				return 1;
			}
			fs->idx[k] = (int)i;
			if (i < 256)
				used[i] = 1;
		}
		nmissing += fs->idx[k] < 0 && def->cols[k].required;
	}
	if (nmissing) {
		missing_columns(fs, row, used, nmissing);
		return 1;
	}
	/* a month is a month of some year */
	if (def == &files[INGEST_JOBSEEKERS_AGGREGATED] && fs->idx[JA_MONTH] >= 0 && fs->idx[JA_YEAR] < 0) {
		msg_error_at(fs->path, row->line, "column month needs a column year");
		return 1;
	}
	for (int k = 0; k < MAX_COLS && def->cols[k].name; k++) {
		if (fs->idx[k] >= 0)
			continue;
		char *prev = fs->stats->absent_columns;
		fs->stats->absent_columns = prev ? easprintf("%s,%s", prev, def->cols[k].name)
						 : estrdup(def->cols[k].name);
		free(prev);
	}
	for (size_t i = 0; i < row->nfields && i < 256; i++) {
		if (used[i])
			continue;
		size_t len;
		const char *trimmed = value_trim(row->field[i], &len);
		/* a data row taken for the header may hold an identity number */
		char *raw = estrndup(trimmed, len);
		char *name = idnum_mask(raw);
		free(raw);
		char *prev = fs->stats->ignored_columns;
		fs->stats->ignored_columns = prev ? easprintf("%s,%s", prev, name) : estrdup(name);
		free(prev);
		msg_note("%s: ignoring unknown column %s", fs->path, name);
		free(name);
	}
	return 0;
}

static void show_progress(struct file_state *fs)
{
	long long done = (long long)fs->stats->info.bytes;
	if (done < fs->next_progress || fs->file_size <= 0)
		return;
	fprintf(stderr, "\r%s: %s: %3d %% (%ld rows)", msg_prog(), fs->def->file,
		(int)(100 * done / fs->file_size), fs->stats->rows_read);
	fs->next_progress = done + fs->file_size / 50;
}

static int on_row(void *vctx, const struct csvin_row *row)
{
	struct row_ctx *ctx = vctx;
	struct ingest_state *st = ctx->st;
	struct file_state *fs = ctx->fs;
	if (!fs->header_seen) {
		fs->header_seen = 1;
		if (on_header(st, fs, row)) {
			fs->fatal = 1;
			return 1;
		}
		return 0;
	}
	fs->stats->rows_read++;
	if (st->opt->progress && !fs->quiet && (fs->stats->rows_read & 0xFFFF) == 0)
		show_progress(fs);
	char colname[32];
	if (row->oversized) {
		/* its text was not kept: nothing to show but where it is */
		if (row->oversized_col)
			reject(st, fs, row, column_name(fs, row->oversized_col, colname), "",
			       "field longer than %zu bytes (ingest.max_field_bytes)", max_field_bytes(st));
		else
			reject(st, fs, row, NULL, "", "row longer than %zu bytes (ingest.max_field_bytes)",
			       max_field_bytes(st));
		return 0;
	}
	if (row->nfields != fs->header_fields) {
		reject(st, fs, row, NULL, "", "expected %zu fields, found %zu", fs->header_fields,
		       row->nfields);
		return 0;
	}
	if (row->bad_col) {
		reject(st, fs, row, column_name(fs, row->bad_col, colname), "", "%s", row->bad_reason);
		return 0;
	}
	if (fs->def->validate(st, fs, row) == 0)
		fs->stats->accepted++;
	return 0;
}

/* Rows a file of SIZE bytes probably holds, from the line density of its
 * first MiB plus a tenth (0 when small or unreadable: the caller's tables
 * then simply grow). Sizing the uniqueness table up front keeps a national
 * file's peak memory at one table instead of an old and a new one. */
static size_t estimate_rows(const char *path, long long size)
{
	enum { SAMPLE = 1024 * 1024 };
	if (size < 4 * SAMPLE)
		return 0;
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return 0;
	char *buf = emalloc(SAMPLE);
	size_t n = fread(buf, 1, SAMPLE, fp);
	fclose(fp);
	size_t lines = 0;
	for (const char *p = buf; (p = memchr(p, '\n', (size_t)(buf + n - p))) != NULL; p++)
		lines++;
	free(buf);
	if (lines == 0 || n == 0)
		return 0;
	double rows = (double)size / (double)n * (double)lines * 1.1;
	return rows < 4e9 ? (size_t)rows : 0;
}

static int read_one(struct ingest_state *st, struct file_state *fs)
{
	const struct file_def *def = fs->def;
	fs->path = path_join(st->opt->input_dir, def->file);
	fs->stats->file = def->file;
	struct stat sb;
	if (stat(fs->path, &sb) != 0) {
		int err = errno;
		if (err == ENOENT && def->optional) {
			msg_note("%s: absent (optional)", fs->path);
			return 0;
		}
		if (err == ENOENT && def->alternative) {
			char *alt = path_join(st->opt->input_dir, def->alternative);
			int have_alt = stat(alt, &sb) == 0;
			free(alt);
			if (have_alt) {
				msg_note("%s: absent: %s is given instead (its table has the header only)", fs->path,
					 def->alternative);
				return 0;
			}
			msg_error_at(fs->path, 0, "cannot open: %s (give it, or %s instead)", strerror(err),
				     def->alternative);
			return 1;
		}
		msg_error_at(fs->path, 0, "cannot open: %s", strerror(err));
		return 1;
	}
	fs->stats->present = 1;
	fs->file_size = (long long)sb.st_size;
	for (int k = 0; k < MAX_COLS; k++)
		fs->idx[k] = -1;
	fs->unique = keymap_new();
	keymap_reserve(fs->unique, estimate_rows(fs->path, fs->file_size));
	struct csvin_options copt = {st->opt->delimiter, st->opt->chunk_size, 0, max_field_bytes(st)};
	struct row_ctx ctx = {st, fs};
	int rc = csvin_read_path(fs->path, &copt, on_row, &ctx, &fs->stats->info);
	if (st->opt->progress && !fs->quiet && fs->file_size > 4 * 1024 * 1024)
		fprintf(stderr, "\r%s: %s: 100 %% (%ld rows)\n", msg_prog(), def->file, fs->stats->rows_read);
	keymap_free(fs->unique);
	fs->unique = NULL;
	if (rc != 0)
		return 1;
	if (!fs->header_seen) {
		msg_error_at(fs->path, 0, "empty file (no header row)");
		return 1;
	}
	return 0;
}

/* Writes the comma-joined LIST (may be NULL) as JSON strings. */
static void put_name_list(FILE *fp, const char *list)
{
	if (!list)
		return;
	size_t n;
	char **names = config_list(list, &n);
	for (size_t c = 0; c < n; c++) {
		if (c)
			fputs(", ", fp);
		json_put_string(fp, names[c]);
	}
	config_list_free(names, n);
}

static int write_report(const struct ingest_options *opt, const struct ingest_result *res)
{
	char *path = path_join(opt->output_dir, "ingest.json");
	struct atomicfile *af = atomicfile_open(path, 0644);
	free(path);
	if (!af)
		return 1;
	FILE *fp = af->fp;
	fprintf(fp, "{\n  \"version\": \"%s\",\n  \"reference_year\": %d,\n  \"files\": [\n",
		JOBBSPAR_VERSION, opt->reference_year);
	for (int i = 0; i < INGEST_NFILES; i++) {
		const struct ingest_file_stats *f = &res->file[i];
		fprintf(fp, "    {\"file\": ");
		json_put_string(fp, files[i].file);
		fprintf(fp, ", \"present\": %s", f->present ? "true" : "false");
		if (f->present) {
			fprintf(fp, ", \"sha256\": ");
			json_put_hex(fp, f->info.sha256, sizeof f->info.sha256);
			char delim[3] = {f->info.delimiter, 0, 0};
			if (f->info.delimiter == '\t')
				strcpy(delim, "\\t");
			fprintf(fp, ", \"bytes\": %llu, \"encoding\": ", f->info.bytes);
			json_put_string(fp, csvin_encoding_name(f->info.encoding));
			fprintf(fp, ", \"delimiter\": ");
			if (f->info.delimiter == '\t')
				fputs("\"\\t\"", fp);
			else
				json_put_string(fp, delim);
			fprintf(fp, ", \"line_ends\": \"%s\"", f->info.crlf == 1 ? "CRLF" : f->info.crlf == 2 ? "CR" : "LF");
		}
		fprintf(fp, ",\n     \"rows_read\": %ld, \"accepted\": %ld, \"rejected\": %ld,\n",
			f->rows_read, f->accepted, f->rejected);
		fprintf(fp, "     \"warnings\": {\"padded_kommun\": %ld, \"converted_encoding\": %s, "
			"\"blank_lines\": %ld, \"ignored_columns\": [",
			f->padded_kommun, csvin_encoding_converted(f->info.encoding) ? "true" : "false",
			f->info.blank_lines);
		put_name_list(fp, f->ignored_columns);
		fputs("], \"absent_columns\": [", fp);
		put_name_list(fp, f->absent_columns);
		fputs("], \"ssyk_special\": {", fp);
		for (int c = 0, n = 0; c < INGEST_NSSYK_SPECIAL; c++)
			if (f->ssyk_special[c])
				fprintf(fp, "%s\"%s\": %ld", n++ ? ", " : "", ssyk_specials[c].code, f->ssyk_special[c]);
		fputs("}", fp);
		if (i == INGEST_JOBSEEKERS_AGGREGATED)
			fprintf(fp, ", \"suppressed\": %ld", f->suppressed);
		fprintf(fp, "}}%s\n", i + 1 < INGEST_NFILES ? "," : "");
	}
	fprintf(fp, "  ]\n}\n");
	return atomicfile_commit(af) ? 1 : 0;
}

/* The one warning of a file whose rows hold SSYK special codes. */
static void special_warning(const struct file_state *fs)
{
	char what[256] = "";
	size_t n = 0;
	for (int c = 0; c < INGEST_NSSYK_SPECIAL; c++)
		if (fs->stats->ssyk_special[c] && n < sizeof what)
			n += (size_t)snprintf(what + n, sizeof what - n, "%s%s %s: %ld", n ? ", " : "",
					      ssyk_specials[c].code, ssyk_specials[c].meaning,
					      fs->stats->ssyk_special[c]);
	msg_error_at(fs->path, fs->first_special_line,
		     "warning: %ld %s an SSYK special code (%s; the first on this line): not an "
		     "occupation, so counted in ingest.json (ssyk_special) and in no occupation",
		     fs->stats->ssyk_special_rows, fs->stats->ssyk_special_rows == 1 ? "row holds" : "rows hold",
		     what);
}

/* Which jobseekers the shortage stage counts, said when both files are
 * given: the person rows when there are any (docs/DATA.md). */
static void jobseekers_source(const struct ingest_options *opt, const struct file_state *fs,
			      const struct ingest_result *res)
{
	const struct ingest_file_stats *p = &res->file[INGEST_JOBSEEKERS];
	const struct ingest_file_stats *a = &res->file[INGEST_JOBSEEKERS_AGGREGATED];
	if (!p->present || !a->present)
		return;
	if (p->accepted)
		msg_error_at(fs[INGEST_JOBSEEKERS_AGGREGATED].path, 0,
			     "warning: jobseekers.csv is given too: shortage counts the jobseekers of its "
			     "person rows; these counts are checked and written to %s/work/"
			     "jobseekers_aggregated.tsv but not used", opt->output_dir);
	else if (a->accepted)
		msg_error_at(fs[INGEST_JOBSEEKERS].path, 0,
			     "warning: no person rows accepted: shortage counts the jobseekers of "
			     "jobseekers_aggregated.csv, and track fit has no jobseekers");
}

/* Files that depend on no other file: any one of them may be read in a
 * second thread while the first thread reads the rest in order (the survey
 * files form a chain: occupations need respondents, respondents the frame). */
static int independent(int i)
{
	return i >= 3;
}

struct worker {
	struct ingest_state *st;
	struct file_state *fs;
};

static void *read_in_thread(void *arg)
{
	struct worker *w = arg;
	w->fs->rc = w->fs->out ? read_one(w->st, w->fs) : 1;
	return NULL;
}

/* The file a second thread should read, or -1: the largest independent
 * file, when two threads are allowed and (in auto mode) worth it. */
static int pick_worker_file(const struct ingest_options *opt)
{
	enum { AUTO_MIN = 32 * 1024 * 1024 };
	int threads = opt->threads;
	if (threads == 0) {
		long cpus = sysconf(_SC_NPROCESSORS_ONLN);
		threads = cpus >= 2 ? 2 : 1;
	}
	if (threads < 2)
		return -1;
	int best = -1;
	long long best_size = -1;
	for (int i = 0; i < INGEST_NFILES; i++) {
		if (!independent(i))
			continue;
		char *path = path_join(opt->input_dir, files[i].file);
		struct stat sb;
		long long size = stat(path, &sb) == 0 ? (long long)sb.st_size : -1;
		free(path);
		if (size > best_size) {
			best = i;
			best_size = size;
		}
	}
	if (opt->threads == 0 && best_size < AUTO_MIN)
		return -1;
	return best;
}

/* Appends the rejects of one file (its temporary) to OUT. 0 or -1. */
static int copy_rejects(FILE *from, FILE *out)
{
	char buf[65536];
	size_t n;
	if (fflush(from) != 0 || ferror(from) || fseek(from, 0, SEEK_SET) != 0)
		return -1;
	while ((n = fread(buf, 1, sizeof buf, from)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			return -1;
	return ferror(from) ? -1 : 0;
}

int ingest_run(const struct ingest_options *opt, const struct codes *codes,
	       struct ingest_result *res)
{
	memset(res, 0, sizeof *res);
	/* work/ holds person rows (pseudonymised, still personal data): the
	 * owner's only, whatever the umask, also when an older run made it */
	char *workdir = path_join(opt->output_dir, "work");
	if (stage_mkdir(workdir, 0700) != 0) {
		free(workdir);
		return 1;
	}
	if (chmod(workdir, 0700) != 0) {
		msg_error("%s: cannot make the folder its owner's only: %s", workdir, strerror(errno));
		free(workdir);
		return 1;
	}
	struct ingest_state st = {0};
	st.opt = opt;
	st.codes = codes;
	st.ref_date = stage_reference_date(opt->reference_year);
	st.strata = keymap_new();
	st.respondents = keymap_new();
	char *rejects_path = path_join(opt->output_dir, "rejects.csv");
	struct atomicfile *rejects = atomicfile_open(rejects_path, 0644);
	free(rejects_path);
	int rc = 0;
	struct file_state fs[INGEST_NFILES];
	memset(fs, 0, sizeof fs);
	if (!rejects)
		rc = 1;
	else
		fputs("file,line,column,value,reason\n", rejects->fp);
	for (int i = 0; i < INGEST_NFILES && rc == 0; i++) {
		fs[i].def = &files[i];
		fs[i].stats = &res->file[i];
		/* each file's rejects go to a temporary of their own and are
		 * joined in file order: the same rejects.csv with one thread or two */
		fs[i].rejects = tmpfile();
		if (!fs[i].rejects) {
			msg_error("cannot create a temporary file for rejects: %s", strerror(errno));
			rc = 1;
			break;
		}
		char *out = path_join(workdir, files[i].table);
		fs[i].out = tsv_writer_open(out, files[i].out_cols, 0600);
		free(out);
		if (!fs[i].out)
			rc = 1;
	}
	int worker_file = rc == 0 ? pick_worker_file(opt) : -1;
	pthread_t thread;
	struct worker worker = {&st, worker_file >= 0 ? &fs[worker_file] : NULL};
	if (worker_file >= 0) {
		/* the big file shows progress; the rest are read quietly beside it */
		for (int i = 0; i < INGEST_NFILES; i++)
			fs[i].quiet = i != worker_file;
		int err = pthread_create(&thread, NULL, read_in_thread, &worker);
		if (err) {
			msg_note("cannot start a second thread (%s): reading one file at a time",
				 strerror(err));
			worker_file = -1;
			for (int i = 0; i < INGEST_NFILES; i++)
				fs[i].quiet = 0;
		}
	}
	for (int i = 0; i < INGEST_NFILES && rc == 0; i++) {
		if (i == worker_file)
			continue;
		if (read_one(&st, &fs[i]) != 0)
			rc = 1;
	}
	if (worker_file >= 0) {
		pthread_join(thread, NULL);
		if (fs[worker_file].rc != 0)
			rc = 1;
	}
	/* a run that rejected rows says so where a cron job's mail or an
	 * analyst's terminal shows it: file, line and column of the first */
	for (int i = 0; i < INGEST_NFILES && rc == 0; i++) {
		const struct ingest_file_stats *f = &res->file[i];
		if (f->present && f->info.encoding == CSVIN_WINDOWS_1252)
			msg_error_at(fs[i].path, f->info.first_non_utf8_line,
				     "warning: not UTF-8 (the first such byte is on this line), so the "
				     "whole file was read as Windows-1252");
		if (f->present && f->rows_read == 0)
			msg_error_at(fs[i].path, 0, "warning: no data rows (header only)");
		if (f->ssyk_special_rows)
			special_warning(&fs[i]);
		if (f->suppressed)
			msg_error_at(fs[i].path, fs[i].first_suppressed_line,
				     "warning: %ld of %ld counts suppressed (\"<5\"; the first on this line): "
				     "missing, not 0", f->suppressed, f->rows_read);
		if (f->rejected)
			msg_error_at(fs[i].path, fs[i].first_reject_line,
				     "%s (%ld of %ld rows rejected; each is listed in %s/rejects.csv)",
				     fs[i].first_reject, f->rejected, f->rows_read, opt->output_dir);
	}
	if (rc == 0)
		jobseekers_source(opt, fs, res);
	int too_many = 0;
	for (int i = 0; i < INGEST_NFILES && rc == 0; i++) {
		const struct ingest_file_stats *f = &res->file[i];
		if (f->rows_read && (double)f->rejected > opt->max_reject_rate * (double)f->rows_read) {
			msg_error_at(fs[i].path, 0,
				     "%ld of %ld rows rejected (%.1f %%), more than the allowed %.1f %% "
				     "(run.max_reject_rate); see rejects.csv",
				     f->rejected, f->rows_read, 100.0 * (double)f->rejected / (double)f->rows_read,
				     100.0 * opt->max_reject_rate);
			too_many = 1;
		}
	}
	for (int i = 0; i < INGEST_NFILES && rc == 0; i++) {
		if (copy_rejects(fs[i].rejects, rejects->fp) != 0) {
			msg_error("rejects of %s: cannot copy from the temporary file: %s",
				  files[i].file, strerror(errno));
			rc = 1;
		}
	}
	/* every table on disk before any is renamed: a full disk leaves the work
	 * folder as it was, not half old and half new */
	for (int i = 0; i < INGEST_NFILES && rc == 0 && !too_many; i++)
		if (tsv_writer_flush(fs[i].out) != 0)
			rc = 1;
	if (rc == 0 && rejects && fflush(rejects->fp) != 0) {
		msg_error("%s: write failed: %s", rejects->path, strerror(errno));
		rc = 1;
	}
	/* tables only when everything was read and the reject rate is acceptable;
	 * the rejects and the report also when too many rows were rejected */
	for (int i = 0; i < INGEST_NFILES; i++) {
		if (fs[i].rejects)
			fclose(fs[i].rejects);
		if (!fs[i].out)
			continue;
		if (rc == 0 && !too_many) {
			if (tsv_writer_close(fs[i].out) != 0)
				rc = 1;
		} else {
			tsv_writer_abort(fs[i].out);
		}
		free(fs[i].path);
	}
	if (rejects) {
		if (rc == 0) {
			if (atomicfile_commit(rejects) != 0)
				rc = 1;
		} else {
			atomicfile_abort(rejects);
		}
	}
	if (rc == 0 && write_report(opt, res) != 0)
		rc = 1;
	if (too_many)
		rc = 1;
	keymap_free(st.strata);
	keymap_free(st.respondents);
	free(st.resp);
	free(workdir);
	return rc;
}

void ingest_result_free(struct ingest_result *res)
{
	for (int i = 0; i < INGEST_NFILES; i++) {
		free(res->file[i].ignored_columns);
		free(res->file[i].absent_columns);
	}
}
