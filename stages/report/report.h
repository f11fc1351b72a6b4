/* report: what jobbspar-report knows while it builds the report. The inputs
 * are read once (report_load), turned into the published tables with
 * disclosure control applied (report_build), and the tables are then written
 * three ways (index.html, tabeller.xlsx, one CSV per table). Ownership: the
 * struct report owns everything it points to, except the borrowed
 * configuration, codes and strings; report_free releases it. */
#ifndef JOBBSPAR_REPORT_REPORT_H
#define JOBBSPAR_REPORT_REPORT_H

#include "codes.h"
#include "config.h"
#include "disclosure.h"
#include "i18n.h"
#include "jsonread.h"
#include "mtab.h"
#include "numfmt.h"
#include "rtable.h"

#include <stddef.h>

/* Where a chart goes in the report. */
enum chart_section { CHART_SHORTAGE, CHART_TRACKS, CHART_COMPARE, CHART_QUALITY, CHART_OTHER };

struct chart {
	char *id, *kommun;     /* kommun: 4 digits, or "" for a chart of all */
	enum chart_section section;
	char *title, *alt;     /* in the report's language */
	char *file;            /* the file embedded (for messages) */
	char *data_uri;        /* data:image/...;base64,...; NULL if the file is missing */
};

struct report_changes {      /* one reporting municipality */
	char **became, **ended;  /* labels of occupations that became / stopped being brist */
	size_t nbecame, nended;
};

/* What an earlier report published, read by previous.c from its folder
 * (state.tsv, or the run's shortage.tsv and trackfit.tsv for a report
 * written before state.tsv existed). Strings owned. */
struct prev_occ {
	char kommun[5], ssyk[5];
	char *label, *verdict;
};

struct prev_track {
	char *kommun, *track, *name;
	double rank, expected;     /* NaN: absent or suppressed */
};

struct prev_setting {
	char *key, *value;
};

struct previous {
	struct prev_occ *occ;
	size_t nocc;
	struct prev_track *track;
	size_t ntrack;
	struct prev_setting *setting; /* configuration keys that decide the results */
	size_t nsetting;
	int has_settings;             /* 0: an older report that did not record them */
	struct prev_setting *input;   /* input file -> its SHA-256 */
	size_t ninput;
	char *reference_year, *version; /* may be NULL */
};

struct report {
	/* settings (set by the caller) */
	const struct strings *S;
	const struct numstyle *num;   /* HTML number style of the language */
	int en;                       /* English */
	int compare_mode;             /* --compare: the municipalities side by side */
	struct disc_rule rule;
	size_t max_rows;              /* report.max_rows: HTML rows of long tables */
	int synthetic, reference_year;
	const struct codes *codes;
	const struct config *cfg;
	char (*kommun)[5];            /* reporting municipalities (borrowed) */
	size_t nkommun;
	const char *outdir, *previous; /* previous may be NULL */

	/* inputs */
	struct mtab *shortage, *trackfit, *model, *compare, *weights, *frame;
	struct mtab *track_areas, *proposals; /* trackfit_areas.tsv, proposals.tsv (optional) */
	struct previous *prev;        /* with --previous */
	struct jval *ingest, *manifest;
	struct rtable *rejects_t;     /* built while reading rejects.csv */
	struct chart *chart;
	size_t nchart;
	char **missing;               /* names of absent optional inputs */
	size_t nmissing;
	int no_rejects_file;

	/* published tables, in the order of the workbook */
	struct rtable **table;
	size_t ntable;
	struct rtable *about_t;                /* the workbook's first sheet */
	struct rtable **shortage_t, **track_t; /* per reporting municipality, may be NULL */
	struct rtable **proposal_t;            /* per municipality: next year's proposals, may be NULL */
	const char **track_note;               /* per municipality: trackfit_areas.tsv's sentence
						  (borrowed from track_areas), may be NULL */
	unsigned char *no_tracks;              /* per municipality: offers no track (no table) */
	int plan_year;                         /* the tracks' year: trackfit_areas.tsv's, else
						  run.reference_year + 1 */
	struct rtable **yb_t;                  /* per municipality: verdicts unlike Yrkesbarometer's */
	size_t *yb_both, *yb_differ;           /* per municipality: assessed with a Yrkesbarometer
						  verdict; of them in the other direction */
	struct rtable *areas_t, *survey_t, *sig_t, *per1000_t, *side_occ_t, *side_track_t;
	struct rtable *model_t, *chg_occ_t, *chg_track_t, *chg_setup_t;
	struct rtable *inputs_t, *response_t, *suppressed_t, *suppressed_sum_t;
	char **lone_county;                    /* counties left out of the comparison: they hold
						  no input municipality but reporting ones */
	size_t nlone_county;
	size_t survey_tested;                  /* compare.tsv pairs with a test */
	struct model_fit {
		int found, fallback;
		double n_outcomes, n_events, n_test, auc, brier, brier_base;
		char *reason;                  /* fallback reason, may be NULL */
	} fit;
	struct report_changes *changes;       /* per municipality, when previous is set */
	int inputs_changed;                   /* -1 unknown */
	size_t n_primary, n_secondary;
};

/* Reads every input from OUTDIR (and PREVIOUS). Returns 0, or -1 with a
 * message when a required input (shortage.tsv, or a given previous folder)
 * cannot be read or an input is malformed. */
int report_load(struct report *R);
/* Builds the published tables; cannot fail. */
void report_build(struct report *R);
/* Writes index.html to PATH. Returns 0 or -1 with a message. */
int report_write_html(const struct report *R, const char *path);
/* Releases what R owns. */
void report_free(struct report *R);

/* build.c: adds T to the published tables (the workbook's order). */
void report_add_table(struct report *R, struct rtable *t);
/* The rows of KOMMUN in shortage.tsv in the report's order (verdict, then
 * the one ranking); a new array of *N row numbers, caller frees. */
size_t *report_shortage_rows(const struct report *R, const char *kommun, size_t *n);
/* The display order of a verdict code: brist 0 ... X 4, else 5. */
int report_verdict_order(const char *v);
/* The name of track row I of IN (name or track_name, else the id; borrowed). */
const char *report_track_name(const struct mtab *in, size_t i);

/* compare.c: the comparison tables (compare.tsv in words; in compare mode
 * the significant differences, figures per 1 000 employed and the
 * municipalities side by side). */
void report_build_compare(struct report *R);

/* previous.c: reads the report folder (or run folder) DIR of an earlier
 * run into R->prev. Returns 0, or -1 with a message. */
int report_load_previous(struct report *R, const char *dir);
void report_free_previous(struct previous *p);
/* The tables of what changed since R->prev. */
void report_build_changes(struct report *R);
/* The input files whose contents differ from the previous report's, as a
 * new ", "-joined list (caller frees); "" when none or unknown. */
char *report_changed_inputs(const struct report *R);
/* Writes REPORTDIR/state.tsv: what this report published and the settings
 * and inputs behind it, for a later --previous. Returns 0 or -1. */
int report_write_state(const struct report *R, const char *reportdir);
/* The configuration keys that decide the results, with their effective
 * values ("shortage.index_brist" -> "1.0"), as a new array of *N pairs
 * (caller frees with report_free_settings). */
struct prev_setting *report_settings(const struct report *R, size_t *n);
void report_free_settings(struct prev_setting *s, size_t n);

/* The name of a municipality, county ("L05") or "SE" (borrowed). */
const char *report_area_name(const struct report *R, const char *code);
/* The label of an SSYK code in the report's language; DATA_LABEL (from the
 * data) is preferred in Swedish (borrowed). */
const char *report_ssyk_label(const struct report *R, const char *ssyk, const char *data_label);

/* Base64 of N bytes as a new string (caller frees). */
char *base64_encode(const unsigned char *data, size_t n);

#endif
