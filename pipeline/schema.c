#include "schema.h"
#include "closest.h"
#include "msg.h"
#include "value.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define INF HUGE_VAL
#define ING SCHEMA_INGEST
#define SHO SCHEMA_SHORTAGE
#define TRA SCHEMA_TRACKFIT
#define PLO SCHEMA_PLOT
#define REP SCHEMA_REPORT
#define SYN SCHEMA_SYNTH
#define IMP SCHEMA_IMPORT

const char *const schema_age_bands[SCHEMA_NBANDS] = {
	"16-24", "25-29", "30-34", "35-39", "40-44", "45-49", "50-54", "55-59", "60-64", "65-69",
};

#define EXIT5(band, def, flags)                                                                    \
	{"retirement", "exit5_" band, SCHEMA_NUM, 0, 1, flags, NULL, def, NULL, SHO,                \
	 "share of the employed aged " band " who leave the labour force within 5 years"}
#define EXIT10(band, def, flags)                                                                   \
	{"retirement", "exit10_" band, SCHEMA_NUM, 0, 1, flags, NULL, def, NULL, SHO,               \
	 "share of the employed aged " band " who leave the labour force within 10 years"}

/* Ranges and defaults are the ones the stages apply (docs/METHOD.md gives
 * the reasoning); where two stages read a key they read it with one meaning. */
static const struct schema_key keys[] = {
	{"run", "input", SCHEMA_PATH, 0, 0, 0, NULL, "sample", NULL, ING,
	 "input folder (the contract in docs/DATA.md)"},
	{"run", "output", SCHEMA_PATH, 0, 0, 0, NULL, "out", "../out", ING | SHO | TRA | PLO | REP,
	 "output folder OUT (-o overrides it)"},
	{"run", "refdir", SCHEMA_PATH, 0, 0, 0, NULL, "ref", NULL, ING | SHO | TRA | PLO | REP | SYN | IMP,
	 "folder of the reference code lists (data/ref)"},
	{"run", "reference_year", SCHEMA_INT, 1900, 2200, 0, NULL, "2024", NULL,
	 ING | SHO | TRA | REP | SYN | IMP,
	 "the analysed year; the reference date is its 31 December (the tracks are planned for the "
	 "next year)"},
	{"run", "municipalities", SCHEMA_LIST, 0, 0, 0, NULL, "0581, 0882", NULL, SHO | TRA | PLO | REP,
	 "reporting municipalities: codes or names, any number (all 290 in make bench)"},
	{"run", "seed", SCHEMA_INT, 0, 4294967295.0, 0, NULL, "20261123", NULL, TRA | REP | SYN,
	 "seed of every random step (trackfit's test split and bootstrap, synth)"},
	{"run", "key_file", SCHEMA_PATH, 0, 0, 0, NULL, "pseudonym.key", "../keys/pseudonym.key", ING,
	 "pseudonym key: created with mode 0600 if absent; keep it outside OUT, never publish it"},
	{"run", "synthetic", SCHEMA_INT, 0, 1, 0, NULL, "1", NULL, REP,
	 "1: the input is synthetic, and every report says so on its first page"},
	{"run", "lang", SCHEMA_CHOICE, 0, 0, 0, "sv en", "sv", NULL, PLO | REP,
	 "language of the report and the charts"},
	{"run", "max_reject_rate", SCHEMA_NUM, 0, 1, 0, NULL, "0.05", NULL, ING,
	 "ingest fails (exit 1) when a file rejects more than this share of its rows"},

	{"ingest", "max_field_bytes", SCHEMA_INT, 1, 1099511627776.0, 0, NULL, "1048576", NULL, ING,
	 "longest field, and longest row (fields and delimiters), in bytes: a longer one is rejected, "
	 "so ingest's memory stays bounded on any input"},

	{"survey", "min_respondents_stratum", SCHEMA_INT, 1, 1000000, 0, NULL, "2", NULL, SHO,
	 "strata with fewer respondents are collapsed with a neighbour"},
	{"survey", "max_cv", SCHEMA_NUM, 0, 10, SCHEMA_MIN_OPEN, NULL, "0.35", NULL, SHO,
	 "estimates with a coefficient of variation above this are flagged"},
	{"survey", "min_respondents", SCHEMA_INT, 1, 1000000, 0, NULL, "3", NULL, SHO,
	 "estimates from fewer respondents are flagged and not published"},
	{"survey", "confidence", SCHEMA_NUM, 0, 1, SCHEMA_MIN_OPEN | SCHEMA_MAX_OPEN, NULL, "0.95", NULL,
	 SHO | REP, "confidence level of every survey interval"},

	{"shortage", "horizon_years", SCHEMA_CHOICE, 0, 0, 0, "5 10", "5", NULL, SHO | TRA,
	 "which horizon of retirement openings goes into the openings column and the track scores"},
	{"shortage", "years", SCHEMA_INT, 1, 50, 0, NULL, "5", NULL, SHO,
	 "the analysis years: this many years up to the latest year of the files (fewer when the files "
	 "start later); rows of earlier years are counted and not used"},
	{"shortage", "paradox_share_brist", SCHEMA_NUM, 0, 1, 0, NULL, "0.5", NULL, SHO,
	 "paradox flag: many jobseekers and at least this share of employers reporting brist"},
	{"shortage", "min_employed", SCHEMA_NUM, 0, INF, 0, NULL, "15", NULL, SHO | REP,
	 "credible shortage: an occupation gets a verdict and a rank only with at least this many "
	 "employed in the latest year"},
	{"shortage", "min_events", SCHEMA_NUM, 0, INF, 0, NULL, "5", NULL, SHO | REP,
	 "and with at least this many ads + jobseekers over the analysis years (or a publishable "
	 "survey estimate); otherwise verdict X"},
	{"shortage", "top_min_employed", SCHEMA_NUM, 0, INF, 0, NULL, "20", NULL, SHO | REP,
	 "the first top_ranks places of the ranking (the top lists) go to occupations with at least "
	 "this many employed; smaller assessed occupations keep their verdict and follow them"},
	{"shortage", "top_ranks", SCHEMA_INT, 0, 1000, 0, NULL, "10", NULL, SHO | REP,
	 "places at the head of the ranking that need top_min_employed employed"},
	{"shortage", "index_brist", SCHEMA_NUM, -INF, INF, 0, NULL, "1.0", NULL, SHO | REP,
	 "shortage index (standard deviations from the area's average) at or above this: brist"},
	{"shortage", "index_watch", SCHEMA_NUM, -INF, INF, 0, NULL, "0.5", NULL, SHO | REP,
	 "shortage index at or above this (below index_brist): bevaka"},
	{"shortage", "index_surplus", SCHEMA_NUM, -INF, INF, 0, NULL, "-1.0", NULL, SHO | REP,
	 "shortage index below this: överskott"},
	{"shortage", "loading_min_employed", SCHEMA_INT, 0, 1000000000, 0, NULL, "100", NULL, SHO,
	 "occupations with at least this many employed estimate the shortage index's loadings"},
	{"shortage", "compare_max", SCHEMA_INT, 0, 1000000, SCHEMA_BUILTIN, NULL, "20", NULL, SHO,
	 "compare.tsv (every pair of municipalities) is written only up to this many reporting "
	 "municipalities"},

	EXIT5("16-24", "0", SCHEMA_BUILTIN),
	EXIT5("25-29", "0", SCHEMA_BUILTIN),
	EXIT5("30-34", "0", SCHEMA_BUILTIN),
	EXIT5("35-39", "0", SCHEMA_BUILTIN),
	EXIT5("40-44", "0", SCHEMA_BUILTIN),
	EXIT5("45-49", "0", SCHEMA_BUILTIN),
	EXIT5("50-54", "0", SCHEMA_BUILTIN),
	EXIT5("55-59", "0.10", 0),
	EXIT5("60-64", "0.60", 0),
	EXIT5("65-69", "1.00", 0),
	EXIT10("16-24", "0", SCHEMA_BUILTIN),
	EXIT10("25-29", "0", SCHEMA_BUILTIN),
	EXIT10("30-34", "0", SCHEMA_BUILTIN),
	EXIT10("35-39", "0", SCHEMA_BUILTIN),
	EXIT10("40-44", "0", SCHEMA_BUILTIN),
	EXIT10("45-49", "0", SCHEMA_BUILTIN),
	EXIT10("50-54", "0.10", 0),
	EXIT10("55-59", "0.70", 0),
	EXIT10("60-64", "1.00", 0),
	EXIT10("65-69", "1.00", 0),

	{"disclosure", "min_persons", SCHEMA_INT, 1, INF, 0, NULL, "5", NULL, SHO | TRA | PLO | REP,
	 "published cells counting fewer persons are shown as \"..\""},
	{"disclosure", "min_respondents", SCHEMA_INT, 1, INF, 0, NULL, "3", NULL, TRA | PLO | REP,
	 "published cells resting on fewer survey respondents are shown as \"..\""},

	{"plot", "top", SCHEMA_INT, 1, 40, 0, NULL, "10", NULL, PLO,
	 "occupations in the top-shortage charts"},
	{"plot", "min_employed", SCHEMA_INT, 0, INF, 0, NULL, "50", NULL, PLO,
	 "occupations employing fewer people rank after the others in the top lists"},
	{"plot", "trend_top", SCHEMA_INT, 1, 8, SCHEMA_BUILTIN, NULL, "5", NULL, PLO,
	 "occupations drawn in the vacancy-trend chart"},
	{"plot", "heatmap_max", SCHEMA_INT, 1, 200, SCHEMA_BUILTIN, NULL, "40", NULL, PLO,
	 "the verdict heat map is drawn only up to this many reporting municipalities"},
	{"plot", "compare", SCHEMA_LIST, 0, 0, SCHEMA_BUILTIN, NULL, NULL, "L05, SE", PLO,
	 "areas of the comparison chart: kommun codes or names, county codes (L05) or SE "
	 "(default: run.municipalities)"},
	{"plot", "jobs", SCHEMA_INT, 0, 64, SCHEMA_BUILTIN, NULL, "0", NULL, PLO,
	 "gnuplots drawing charts at once (0: one per online core, at most 4); the charts are the same "
	 "for any value"},
	{"plot", "timeout", SCHEMA_INT, 1, 86400, SCHEMA_BUILTIN, NULL, "120", NULL, PLO,
	 "seconds one chart may take before its gnuplot is stopped and the stage fails"},
	{"plot", "png_max", SCHEMA_INT, 0, 100000, SCHEMA_BUILTIN, NULL, "20", NULL, PLO,
	 "PNG copies of the charts only up to this many municipalities (0: never); above, SVG only"},
	{"plot", "png_terminal", SCHEMA_CHOICE, 0, 0, SCHEMA_BUILTIN, "auto pngcairo png", "auto", NULL,
	 PLO, "gnuplot terminal of the PNG copies (auto: pngcairo when gnuplot has it)"},
	{"plot", "font", SCHEMA_TEXT, 0, 0, SCHEMA_BUILTIN, NULL, "DejaVu Sans", NULL, PLO,
	 "font of the charts"},
	{"plot", "font_size", SCHEMA_INT, 6, 40, SCHEMA_BUILTIN, NULL, "12", NULL, PLO,
	 "font size of the charts, in points"},
	{"plot", "gnuplot", SCHEMA_TEXT, 0, 0, SCHEMA_BUILTIN, NULL, "gnuplot", NULL, PLO,
	 "the gnuplot program (a name found on PATH, or a path)"},

	{"report", "max_rows", SCHEMA_INT, 0, INF, 0, NULL, "20", NULL, REP,
	 "rows of a table shown in the HTML (0: all; the CSV files and the workbook hold all)"},

	{"trackfit", "arrival_years", SCHEMA_NUM, 0, 100, 0, NULL, "3", NULL, TRA | PLO,
	 "candidates: newly arrived within this many years of the reference date"},
	{"trackfit", "youth", SCHEMA_INT, 0, 1, 0, NULL, "0", NULL, TRA | PLO,
	 "1: young people 16-24 are candidates too"},
	{"trackfit", "horizon_years", SCHEMA_NUM, 0.1, 50, 0, NULL, "5", NULL, TRA | REP,
	 "years over which a track's placements are counted"},
	{"trackfit", "bootstrap", SCHEMA_INT, 0, 1000000, 0, NULL, "1000", NULL, TRA,
	 "bootstrap replicates of the fit score's interval (0: none)"},
	{"trackfit", "interest_only", SCHEMA_INT, 0, 1, 0, NULL, "0", NULL, TRA,
	 "1: assign people only to tracks they want; 0: to any track they are eligible for"},
	{"trackfit", "interest_first", SCHEMA_INT, 0, 1, 0, NULL, "0", NULL, TRA,
	 "1: place people in a wanted track first, then maximise expected placements"},
	{"trackfit", "min_events_per_variable", SCHEMA_NUM, 0, 1000, 0, NULL, "10", NULL, TRA,
	 "the placement model is fitted only with at least this many events per estimated term"},
	{"trackfit", "test_share", SCHEMA_NUM, 0, 0.5, 0, NULL, "0.2", NULL, TRA,
	 "share of the outcomes held out to measure AUC and Brier score"},
	{"trackfit", "fallback_rate", SCHEMA_NUM, 0, 1, 0, NULL, "0.40", NULL, TRA,
	 "placement rate when past outcomes are too few (docs/METHOD.md gives the source)"},
	{"trackfit", "verdict_brist", SCHEMA_NUM, 0, 10, 0, NULL, "1", NULL, TRA,
	 "weight of a target occupation's openings when its verdict is brist"},
	{"trackfit", "verdict_bevaka", SCHEMA_NUM, 0, 10, 0, NULL, "0.75", NULL, TRA,
	 "weight when the verdict is bevaka"},
	{"trackfit", "verdict_balans", SCHEMA_NUM, 0, 10, 0, NULL, "0.5", NULL, TRA,
	 "weight when the verdict is balans"},
	{"trackfit", "verdict_overskott", SCHEMA_NUM, 0, 10, 0, NULL, "0.25", NULL, TRA,
	 "weight when the verdict is överskott"},
	{"trackfit", "verdict_x", SCHEMA_NUM, 0, 10, 0, NULL, "0.5", NULL, TRA,
	 "weight when the occupation is not assessed (X)"},
	{"trackfit", "weight_demand", SCHEMA_NUM, 0, 100, 0, NULL, "1", NULL, TRA | REP,
	 "weight of demand in the fit score"},
	{"trackfit", "weight_supply", SCHEMA_NUM, 0, 100, 0, NULL, "1", NULL, TRA | REP,
	 "weight of supply (eligible candidates) in the fit score"},
	{"trackfit", "weight_placement", SCHEMA_NUM, 0, 100, 0, NULL, "1", NULL, TRA | REP,
	 "weight of expected placements in the fit score"},
	{"trackfit", "proposals", SCHEMA_INT, 0, 1000, 0, NULL, "5", NULL, TRA,
	 "proposed new tracks written per municipality to proposals.tsv (0: none)"},
	{"trackfit", "proposal_capacity", SCHEMA_INT, 1, 100000, 0, NULL, "20", NULL, TRA | REP,
	 "places per year of a proposed track"},
	{"trackfit", "weight_shortage", SCHEMA_NUM, 0, 100, 0, NULL, "1", NULL, TRA,
	 "weight of credible shortage (openings-weighted p_brist) in a proposal's fit score"},
	{"trackfit", "weight_interest", SCHEMA_NUM, 0, 100, 0, NULL, "1", NULL, TRA,
	 "weight of interested eligible candidates per place in a proposal's fit score"},
	{"trackfit", "weight_employers", SCHEMA_NUM, 0, 100, 0, NULL, "1", NULL, TRA,
	 "weight of employers open to participants per place in a proposal's fit score"},
	{"trackfit", "places_per_employer", SCHEMA_NUM, 0, 1000, SCHEMA_MIN_OPEN, NULL, "1", NULL, TRA,
	 "participants one workplace open to track participants is assumed to take a year"},

	{"track", "name", SCHEMA_TEXT, 0, 0, SCHEMA_REQUIRED, NULL, NULL, NULL, TRA | REP,
	 "the track's name in the report"},
	{"track", "targets", SCHEMA_TARGETS, 0, 0, SCHEMA_REQUIRED, NULL, NULL, NULL, TRA | SYN,
	 "target occupations: SSYK 2012 codes or prefixes, each with an optional weight (code:weight)"},
	{"track", "min_swedish", SCHEMA_CHOICE, 0, 0, SCHEMA_FOLD, "sfi-a sfi-b sfi-c sfi-d sas modersmål", NULL,
	 NULL, TRA | SYN, "lowest Swedish level of a participant (none: any)"},
	{"track", "min_sun", SCHEMA_INT, 0, 6, 0, NULL, NULL, NULL, TRA | SYN,
	 "lowest education level (SUN 2020, 0-6) of a participant (none: any)"},
	{"track", "max_sun", SCHEMA_INT, 0, 6, 0, NULL, NULL, NULL, TRA | SYN,
	 "highest education level (SUN 2020, 0-6) of a participant (none: any)"},
	{"track", "capacity", SCHEMA_INT, 1, INF, SCHEMA_REQUIRED, NULL, NULL, NULL, TRA | SYN,
	 "places in one intake"},
	{"track", "duration_months", SCHEMA_INT, 1, 60, 0, NULL, "6", NULL, TRA | SYN,
	 "length of the track in months"},
	{"track", "provider", SCHEMA_TEXT, 0, 0, 0, NULL, NULL, NULL, TRA,
	 "who runs the track (the default of its offers)"},
	{"track", "fallback_rate", SCHEMA_NUM, 0, 1, 0, NULL, NULL, NULL, TRA,
	 "this track's placement rate when past outcomes are too few (default trackfit.fallback_rate)"},

	{"offer", "provider", SCHEMA_TEXT, 0, 0, 0, NULL, NULL, NULL, TRA,
	 "who runs the track in this municipality (default: the track's provider)"},
	{"offer", "capacity", SCHEMA_INT, 1, INF, 0, NULL, NULL, NULL, TRA,
	 "places per year in this municipality (default: the track's capacity)"},
	{"offer", "start", SCHEMA_INT, 1900, 2200, 0, NULL, NULL, NULL, TRA,
	 "first year of intake (none: running); not offered before it"},
	{"offer", "end", SCHEMA_INT, 1900, 2200, 0, NULL, NULL, NULL, TRA,
	 "last year of intake (none: open-ended); its outcomes still count afterwards"},

	{"bundle", "name", SCHEMA_TEXT, 0, 0, SCHEMA_REQUIRED, NULL, NULL, NULL, TRA,
	 "the bundle's name in the proposals"},
	{"bundle", "targets", SCHEMA_TARGETS, 0, 0, SCHEMA_REQUIRED, NULL, NULL, NULL, TRA,
	 "its occupations: SSYK 2012 codes or prefixes, each with an optional weight (code:weight)"},
};

const struct schema_key *schema_keys(size_t *count)
{
	*count = sizeof keys / sizeof keys[0];
	return keys;
}

static const char *const stage_names[SCHEMA_NSTAGES] = {"ingest", "shortage", "trackfit", "plot",
							 "report", "synth", "import"};

const char *schema_stage_name(unsigned bit)
{
	for (int i = 0; i < SCHEMA_NSTAGES; i++)
		if (bit == 1u << i)
			return stage_names[i];
	return NULL;
}

unsigned schema_stage_bit(const char *name)
{
	for (int i = 0; i < SCHEMA_NSTAGES; i++)
		if (strcmp(name, stage_names[i]) == 0)
			return 1u << i;
	return 0;
}

void schema_put_stages(FILE *fp, unsigned bits, const char *sep)
{
	int first = 1;
	for (int i = 0; i < SCHEMA_NSTAGES; i++) {
		if (!(bits & (1u << i)))
			continue;
		fprintf(fp, "%s%s", first ? "" : sep, stage_names[i]);
		first = 0;
	}
}

/* The families of sections named after what they describe: [track.<id>]
 * (a job track), [offer.<track id>.<kommun>] (a track offered in one
 * municipality) and [bundle.<id>] (a group of occupations a new track could
 * be built on). Their keys are declared once, under the family's name. */
static const char *const families[] = {"track", "offer", "bundle"};
enum { NFAMILIES = sizeof families / sizeof families[0] };

/* The family of SECTION ("track" for "track.<id>"; the id may be empty:
 * schema_check reports that), or NULL. */
static const char *section_family(const char *section)
{
	for (size_t i = 0; i < NFAMILIES; i++) {
		size_t n = strlen(families[i]);
		if (strncmp(section, families[i], n) == 0 && section[n] == '.')
			return families[i];
	}
	return NULL;
}

/* 1 when NAME is a family itself ("track"), which is no section. */
static int is_family(const char *name)
{
	for (size_t i = 0; i < NFAMILIES; i++)
		if (strcmp(name, families[i]) == 0)
			return 1;
	return 0;
}

const struct schema_key *schema_find(const char *section, const char *name)
{
	const char *family = section_family(section);
	const char *sec = family ? family : section;
	if (is_family(section))
		return NULL;
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strcmp(keys[i].section, sec) == 0 && strcmp(keys[i].name, name) == 0)
			return &keys[i];
	return NULL;
}

static int section_known(const char *section)
{
	if (section_family(section))
		return 1;
	if (is_family(section))
		return 0;
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strcmp(keys[i].section, section) == 0)
			return 1;
	return 0;
}

/* ---- values ----------------------------------------------------------- */

/* "1048576", "0.05", "-inf" as the messages show them */
static char *number_text(double v)
{
	return easprintf("%.15g", v);
}

static char *range_text(const struct schema_key *k)
{
	int has_min = isfinite(k->min), has_max = isfinite(k->max);
	int min_open = (k->flags & SCHEMA_MIN_OPEN) != 0, max_open = (k->flags & SCHEMA_MAX_OPEN) != 0;
	char *lo = number_text(k->min), *hi = number_text(k->max), *out;
	if (has_min && has_max && !min_open && !max_open)
		out = easprintf("must be %s to %s", lo, hi);
	else if (has_min && has_max)
		out = easprintf("must be %s %s and %s %s", min_open ? "more than" : "at least", lo,
				max_open ? "less than" : "at most", hi);
	else if (has_min)
		out = easprintf("must be %s %s", min_open ? "more than" : "at least", lo);
	else if (has_max)
		out = easprintf("must be %s %s", max_open ? "less than" : "at most", hi);
	else
		out = estrdup("out of range");
	free(lo);
	free(hi);
	return out;
}

static int in_range(const struct schema_key *k, double v)
{
	if (v < k->min || v > k->max)
		return 0;
	if ((k->flags & SCHEMA_MIN_OPEN) && v == k->min)
		return 0;
	if ((k->flags & SCHEMA_MAX_OPEN) && v == k->max)
		return 0;
	return 1;
}

/* strtol as config_long reads it: trailing blanks allowed */
static int parse_long(const char *s, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	size_t tl;
	value_trim(end, &tl);
	if (errno || end == s || tl)
		return -1;
	*out = v;
	return 0;
}

/* "a, b or c" from the words of CHOICES */
static char *choice_text(const char *choices)
{
	char *out = estrdup("");
	const char *s = choices;
	while (*s) {
		const char *sp = strchr(s, ' ');
		size_t len = sp ? (size_t)(sp - s) : strlen(s);
		const char *sep = !*out ? "" : sp ? ", " : " or ";
		char *next = easprintf("%s%s%.*s", out, sep, (int)len, s);
		free(out);
		out = next;
		s += len;
		while (*s == ' ')
			s++;
	}
	return out;
}

static int choice_ok(const char *choices, const char *value, int fold)
{
	const char *s = choices;
	while (*s) {
		const char *sp = strchr(s, ' ');
		size_t len = sp ? (size_t)(sp - s) : strlen(s);
		char *word = estrndup(s, len);
		/* exact as the stages compare (strcmp), unless folded */
		int eq = fold ? value_equal_fold(value, word) : strcmp(value, word) == 0;
		free(word);
		if (eq)
			return 1;
		s += len;
		while (*s == ' ')
			s++;
	}
	return 0;
}

static int targets_ok(const char *value, char **why)
{
	size_t n;
	char **items = config_list(value, &n);
	int ok = n > 0;
	if (!ok)
		*why = estrdup("no target occupations");
	for (size_t i = 0; ok && i < n; i++) {
		char *colon = strchr(items[i], ':');
		double w = 1;
		if (colon) {
			*colon = '\0';
			ok = value_decimal(colon + 1, &w) == 0 && w > 0 && isfinite(w);
			*colon = ':';
		}
		size_t len = colon ? (size_t)(colon - items[i]) : strlen(items[i]);
		while (ok && len && items[i][len - 1] == ' ')
			len--;
		ok = ok && len >= 1 && len <= 4 && strspn(items[i], "0123456789") >= len;
		if (!ok)
			*why = easprintf("bad target \"%s\" (want an SSYK 2012 code or prefix of 1-4 digits, "
					 "with an optional :weight above 0)", items[i]);
	}
	config_list_free(items, n);
	return ok;
}

int schema_check_value(const struct schema_key *k, const char *value, char **why)
{
	*why = NULL;
	size_t tl;
	value_trim(value, &tl);
	if (tl == 0) {
		/* an empty value is the default, as config_long and friends read it */
		if (k->flags & SCHEMA_REQUIRED) {
			*why = estrdup("missing");
			return -1;
		}
		return 0;
	}
	switch (k->type) {
	case SCHEMA_INT: {
		long v;
		if (parse_long(value, &v) != 0) {
			*why = easprintf("not an integer: \"%s\"", value);
			return -1;
		}
		if (!in_range(k, (double)v)) {
			*why = range_text(k);
			return -1;
		}
		return 0;
	}
	case SCHEMA_NUM: {
		double v;
		if (value_decimal(value, &v) != 0 || !isfinite(v)) {
			*why = easprintf("not a number: \"%s\"", value);
			return -1;
		}
		if (!in_range(k, v)) {
			*why = range_text(k);
			return -1;
		}
		return 0;
	}
	case SCHEMA_CHOICE:
		if (!choice_ok(k->choices, value, (k->flags & SCHEMA_FOLD) != 0)) {
			char *c = choice_text(k->choices);
			*why = easprintf("expected %s, not \"%s\"", c, value);
			free(c);
			return -1;
		}
		return 0;
	case SCHEMA_LIST: {
		size_t n;
		char **items = config_list(value, &n);
		config_list_free(items, n);
		if (n == 0) {
			*why = estrdup("an empty list");
			return -1;
		}
		return 0;
	}
	case SCHEMA_TARGETS:
		return targets_ok(value, why) ? 0 : -1;
	case SCHEMA_TEXT:
	case SCHEMA_PATH:
		return 0;
	}
	return 0;
}

/* ---- did you mean ----------------------------------------------------- */

struct nearest {
	const char *best;   /* borrowed candidate */
	size_t dist, lendiff;
	const char *name;   /* what is looked up */
	size_t limit;       /* largest distance still suggested */
};

static void nearest_init(struct nearest *n, const char *name)
{
	n->best = NULL;
	n->dist = (size_t)-1;
	n->lendiff = (size_t)-1;
	n->name = name;
	size_t len = strlen(name);
	n->limit = len / 2 > 2 ? len / 2 : 2;
}

static void nearest_try(struct nearest *n, const char *candidate)
{
	size_t d = closest_edit_distance(n->name, candidate);
	size_t la = strlen(n->name), lb = strlen(candidate);
	size_t ld = la > lb ? la - lb : lb - la;
	/* ties go to the candidate closest in length, then to the first */
	if (d > n->limit || d >= la || d > n->dist || (d == n->dist && ld >= n->lendiff))
		return;
	n->best = candidate;
	n->dist = d;
	n->lendiff = ld;
}

/* The suggestion for an unknown key SECTION.KEY of a known section: a new
 * string "section.key", or NULL. */
static char *suggest_key(const char *section, const char *key)
{
	const char *family = section_family(section);
	const char *sec = family ? family : section;
	struct nearest n;
	nearest_init(&n, key);
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strcmp(keys[i].section, sec) == 0)
			nearest_try(&n, keys[i].name);
	if (n.best && n.dist <= 1)
		return easprintf("%s.%s", section, n.best);
	/* the right key in the wrong section: [plot] lang */
	const struct schema_key *elsewhere = NULL;
	size_t nelsewhere = 0;
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strcmp(keys[i].name, key) == 0 && strcmp(keys[i].section, sec) != 0) {
			elsewhere = &keys[i];
			nelsewhere++;
		}
	if (nelsewhere == 1 && !is_family(elsewhere->section))
		return easprintf("%s.%s", elsewhere->section, elsewhere->name);
	if (n.best)
		return easprintf("%s.%s", section, n.best);
	return NULL;
}

/* The closest known section to an unknown SECTION, or NULL (borrowed). */
static const char *suggest_section(const char *section)
{
	struct nearest n;
	nearest_init(&n, section);
	const char *prev = NULL;
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		if (prev && strcmp(prev, keys[i].section) == 0)
			continue;
		prev = keys[i].section;
		if (!is_family(keys[i].section))
			nearest_try(&n, keys[i].section);
	}
	return n.best;
}

/* For an override of an unknown section: the closest "section.key" of all
 * (a new string), or NULL. */
static char *suggest_full(const char *section, const char *key)
{
	char *name = easprintf("%s.%s", section, key);
	size_t n = sizeof keys / sizeof keys[0];
	char **cand = emalloc(n * sizeof *cand);
	struct nearest near;
	nearest_init(&near, name);
	near.limit = strlen(key) / 2 > 2 ? strlen(key) / 2 : 2;
	for (size_t i = 0; i < n; i++) {
		cand[i] = NULL;
		if (is_family(keys[i].section))
			continue;
		cand[i] = easprintf("%s.%s", keys[i].section, keys[i].name);
		nearest_try(&near, cand[i]);
	}
	char *best = near.best ? estrdup(near.best) : NULL;
	for (size_t i = 0; i < n; i++)
		free(cand[i]);
	free(cand);
	free(name);
	return best;
}

/* "a track has name, targets, ..." for the fields of FAMILY: a new string. */
static char *fields_text(const char *family)
{
	char *out = easprintf("%s %s has", strcmp(family, "offer") == 0 ? "an" : "a", family);
	const char *sep = " ";
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		if (strcmp(keys[i].section, family) != 0)
			continue;
		char *next = easprintf("%s%s%s", out, sep, keys[i].name);
		free(out);
		out = next;
		sep = ", ";
	}
	return out;
}

/* ---- the whole configuration ------------------------------------------ */

/* The first entry of SECTION in CFG, or NULL. */
static const struct config_entry *first_entry(const struct config *cfg, const char *section)
{
	for (size_t i = 0; i < cfg->n; i++)
		if (strcmp(cfg->entry[i].section, section) == 0)
			return &cfg->entry[i];
	return NULL;
}

static void error_in_section(const struct config *cfg, const char *section, const char *key,
			     const char *what)
{
	const struct config_entry *e = first_entry(cfg, section);
	if (e && e->origin)
		msg_error("%s: %s.%s: %s", e->origin, section, key, what);
	else
		msg_error_at(cfg->path, e ? e->line : 0, "%s.%s: %s", section, key, what);
}

/* Prints "prog: file:line: [SECTION]: message" at the section's first
 * entry (its origin for an override). */
static void section_error(const struct config *cfg, const char *section, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void section_error(const struct config *cfg, const char *section, const char *fmt, ...)
{
	char what[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	const struct config_entry *e = first_entry(cfg, section);
	if (e && e->origin)
		msg_error("%s: [%s]: %s", e->origin, section, what);
	else
		msg_error_at(cfg->path, e ? e->line : 0, "[%s]: %s", section, what);
}

/* Every section starting with PREFIX ("track.") that has an id has every
 * field its family marks required. Returns the number of errors. */
static int check_required(const struct config *cfg, const char *prefix)
{
	int nerr = 0;
	size_t n, plen = strlen(prefix);
	const char **sections = config_sections(cfg, prefix, &n);
	char *family = estrndup(prefix, plen - 1);
	for (size_t s = 0; s < n; s++) {
		if (!sections[s][plen])
			continue;
		for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
			if (strcmp(keys[i].section, family) != 0 || !(keys[i].flags & SCHEMA_REQUIRED))
				continue;
			if (!config_find(cfg, sections[s], keys[i].name)) {
				error_in_section(cfg, sections[s], keys[i].name, "missing");
				nerr++;
			}
		}
	}
	free(family);
	free(sections);
	return nerr;
}

/* An offer section is [offer.<track id>.<kommun code>] of a track the
 * configuration defines. Returns 1 after a message when it is not. */
static int check_offer_name(const struct config *cfg, const char *section, const char *const *tracks,
			    size_t ntracks)
{
	const char *id = section + strlen("offer.");
	const char *dot = strrchr(id, '.');
	const char *code = dot ? dot + 1 : "";
	if (!dot || dot == id || strlen(code) != 4 || strspn(code, "0123456789") != 4) {
		section_error(cfg, section, "an offer is a section [offer.<track id>.<kommun code>] (4 digits), "
			      "e.g. [offer.eget.0581]");
		return 1;
	}
	size_t idlen = (size_t)(dot - id);
	struct nearest n;
	char *want = estrndup(id, idlen);
	nearest_init(&n, want);
	for (size_t t = 0; t < ntracks; t++) {
		const char *tid = tracks[t] + strlen("track.");
		if (strcmp(tid, want) == 0) {
			free(want);
			return 0;
		}
		nearest_try(&n, tid);
	}
	if (n.best)
		section_error(cfg, section, "no track [track.%s]; did you mean [offer.%s.%s]?", want, n.best,
			      code);
	else
		section_error(cfg, section, "no track [track.%s] in the configuration", want);
	free(want);
	return 1;
}

/* Entries whose order matters: a <= b <= c, as the stage requires. */
static int check_order(const struct config *cfg, const char *section, const char *const name[3],
		       const char *const def[3])
{
	double v[3];
	const struct config_entry *e[3];
	for (int i = 0; i < 3; i++) {
		e[i] = config_find(cfg, section, name[i]);
		const char *text = e[i] && *e[i]->value ? e[i]->value : def[i];
		if (value_decimal(text, &v[i]) != 0)
			return 0; /* reported as not a number */
	}
	for (int i = 0; i < 2; i++) {
		if (v[i] <= v[i + 1])
			continue;
		/* blame the key that was set (the later one if both were) */
		const struct config_entry *at = e[i + 1] ? e[i + 1] : e[i];
		if (!at)
			continue;
		config_error_at(cfg, at, "need %s <= %s <= %s (here %g, %g, %g)", name[0], name[1], name[2],
				v[0], v[1], v[2]);
		return 1;
	}
	return 0;
}

int schema_check(const struct config *cfg, unsigned stages)
{
	int nerr = 0;
	char **reported = NULL; /* unknown sections of the file, reported once */
	size_t nreported = 0;
	for (size_t i = 0; i < cfg->n; i++) {
		const struct config_entry *e = &cfg->entry[i];
		if (!section_known(e->section)) {
			if (e->origin) {
				char *s = suggest_full(e->section, e->key);
				if (s)
					msg_error("%s: unknown key %s.%s; did you mean %s?", e->origin, e->section,
						  e->key, s);
				else
					msg_error("%s: unknown key %s.%s (docs/CONFIG.md lists every key)",
						  e->origin, e->section, e->key);
				free(s);
				nerr++;
				continue;
			}
			size_t k;
			for (k = 0; k < nreported; k++)
				if (strcmp(reported[k], e->section) == 0)
					break;
			if (k < nreported)
				continue;
			reported = erealloc(reported, (nreported + 1) * sizeof *reported);
			reported[nreported++] = e->section;
			const char *s = suggest_section(e->section);
			if (!*e->section)
				msg_error_at(cfg->path, e->line, "%s: a key outside any [section]", e->key);
			else if (strncmp(e->section, "track", 5) == 0)
				msg_error_at(cfg->path, e->line,
					     "[%s]: unknown section; a job track is a section [track.<id>]",
					     e->section);
			else if (strncmp(e->section, "offer", 5) == 0)
				msg_error_at(cfg->path, e->line,
					     "[%s]: unknown section; a track offered in a municipality is a "
					     "section [offer.<track id>.<kommun code>]", e->section);
			else if (strncmp(e->section, "bundle", 6) == 0)
				msg_error_at(cfg->path, e->line,
					     "[%s]: unknown section; a bundle of occupations is a section "
					     "[bundle.<id>]", e->section);
			else if (s)
				msg_error_at(cfg->path, e->line, "[%s]: unknown section; did you mean [%s]?",
					     e->section, s);
			else
				msg_error_at(cfg->path, e->line,
					     "[%s]: unknown section (docs/CONFIG.md lists every key)", e->section);
			nerr++;
			continue;
		}
		const char *family = section_family(e->section);
		if (family && strcmp(family, "offer") != 0 && !e->section[strlen(family) + 1]) {
			config_error_at(cfg, e, "a %s section needs an id: [%s.<id>]", family, family);
			nerr++;
			continue;
		}
		const struct schema_key *k = schema_find(e->section, e->key);
		if (!k) {
			char *s = suggest_key(e->section, e->key);
			char *what = family ? easprintf("unknown %s field", family) : estrdup("unknown key");
			if (s) {
				config_error_at(cfg, e, "%s; did you mean %s?", what, s);
			} else if (family) {
				char *fields = fields_text(family);
				config_error_at(cfg, e, "%s (%s)", what, fields);
				free(fields);
			} else {
				config_error_at(cfg, e, "%s (docs/CONFIG.md lists every key)", what);
			}
			free(what);
			free(s);
			nerr++;
			continue;
		}
		char *why;
		if (schema_check_value(k, e->value, &why) != 0) {
			config_error_at(cfg, e, "%s", why);
			free(why);
			nerr++;
		}
	}
	free(reported);
	nerr += check_required(cfg, "track.");
	nerr += check_required(cfg, "bundle.");
	size_t ntracks, noffers;
	const char **tracks = config_sections(cfg, "track.", &ntracks);
	const char **offers = config_sections(cfg, "offer.", &noffers);
	for (size_t o = 0; o < noffers; o++)
		nerr += check_offer_name(cfg, offers[o], tracks, ntracks);
	if (nerr) {
		free(tracks);
		free(offers);
		return nerr;
	}

	/* what only the whole shows */
	static const char *const index[3] = {"index_surplus", "index_watch", "index_brist"};
	static const char *const index_def[3] = {"-1.0", "0.5", "1.0"};
	nerr += check_order(cfg, "shortage", index, index_def);
	for (size_t t = 0; t < ntracks; t++) {
		const struct config_entry *lo = config_find(cfg, tracks[t], "min_sun");
		const struct config_entry *hi = config_find(cfg, tracks[t], "max_sun");
		long a, b;
		if (lo && hi && parse_long(lo->value, &a) == 0 && parse_long(hi->value, &b) == 0 && a > b) {
			config_error_at(cfg, hi, "%ld is below min_sun %ld", b, a);
			nerr++;
		}
	}
	for (size_t o = 0; o < noffers; o++) {
		const struct config_entry *start = config_find(cfg, offers[o], "start");
		const struct config_entry *end = config_find(cfg, offers[o], "end");
		long a, b;
		if (start && end && parse_long(start->value, &a) == 0 && parse_long(end->value, &b) == 0
		    && a > b) {
			config_error_at(cfg, end, "%ld is before start %ld", b, a);
			nerr++;
		}
	}
	free(tracks);
	free(offers);
	if (ntracks == 0 && (stages & SCHEMA_TRACKS_NEEDED)) {
		unsigned need = stages & SCHEMA_TRACKS_NEEDED;
		msg_error_at(cfg->path, 0,
			     "no job track: a [track.<id>] section is needed (%s%s%s); data/default.ini has "
			     "four to copy",
			     need & SCHEMA_INGEST ? "ingest checks the track of every outcome row" : "",
			     need == SCHEMA_TRACKS_NEEDED ? ", " : "",
			     need & SCHEMA_TRACKFIT ? "trackfit scores the tracks" : "");
		nerr++;
	}
	return nerr;
}
