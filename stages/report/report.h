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

struct report {
	/* settings (set by the caller) */
	const struct strings *S;
	const struct numstyle *num;   /* HTML number style of the language */
	int en;                       /* English */
	struct disc_rule rule;
	size_t max_rows;              /* report.max_rows: HTML rows of long tables */
	int synthetic, reference_year;
	const struct codes *codes;
	const struct config *cfg;
	char (*kommun)[5];            /* reporting municipalities (borrowed) */
	size_t nkommun;
	const char *outdir, *previous; /* previous may be NULL */

	/* inputs */
	struct mtab *shortage, *trackfit, *model, *compare, *weights;
	struct mtab *prev_shortage, *prev_trackfit;
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
	struct rtable **shortage_t, **track_t; /* per reporting municipality, may be NULL */
	struct rtable *areas_t, *occ_t, *ext_t, *model_t, *chg_occ_t, *chg_track_t;
	struct rtable *inputs_t, *response_t, *suppressed_t;
	struct report_changes *changes;       /* per municipality, when previous is set */
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

/* The name of a municipality, county ("L05") or "SE" (borrowed). */
const char *report_area_name(const struct report *R, const char *code);
/* The label of an SSYK code in the report's language; DATA_LABEL (from the
 * data) is preferred in Swedish (borrowed). */
const char *report_ssyk_label(const struct report *R, const char *ssyk, const char *data_label);

/* Base64 of N bytes as a new string (caller frees). */
char *base64_encode(const unsigned char *data, size_t n);

#endif
