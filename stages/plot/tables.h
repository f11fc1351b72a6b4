/* tables: what jobbspar-plot reads. The reader owns every table it returns
 * (free with the matching *_free); charts only borrow them.
 *
 * Columns are looked up by name (docs/TABLES.md); columns the charts can do
 * without are optional and, when absent, read as missing (NaN / empty). No
 * pseudonym column (person, employer) is ever read. */
#ifndef JOBBSPAR_PLOT_TABLES_H
#define JOBBSPAR_PLOT_TABLES_H

#include <stddef.h>

#include "verdicts.h"

/* One row of OUT/shortage.tsv. */
struct occ_row {
	char *area;           /* kommun column: 4 digits, L + county, SE */
	char *area_type;      /* kommun / lan / riket */
	char ssyk[5];
	char *label;          /* label column as given */
	double employed, jobseekers, vacancies, planned_hires;
	double share_brist, share_brist_lo, share_brist_hi;
	double openings_5y, replacement_5y, expansion_5y;
	double score;          /* the shortage index (shortage_index; score in older tables) */
	double score_lo, score_hi; /* its interval (shortage_index_lo, _hi), NaN when absent */
	long rank;             /* the shortage stage's rank in the area, 0 if not assessed or absent */
	enum verdict_kind verdict; /* an unknown code is VK_X */
	long n_respondents;   /* -1 when missing */
	long line;            /* line in the file (for messages) */
};

struct occ_table {
	struct occ_row *row;
	size_t n;
	size_t *kommun_rows;  /* the rows whose area_type is kommun, by area and
				 then file order (an index for occ_rows_of) */
	size_t nkommun_rows;
};

/* Reads OUTDIR's shortage.tsv with shortage_survey.tsv and
 * shortage_registry.tsv beside it (shortage_tables_open). Returns NULL with
 * a message on failure. expansion_5y is the column of that name when
 * present, else openings_5y - replacement_5y. */
struct occ_table *occ_table_read(const char *outdir);
void occ_table_free(struct occ_table *t);
/* (Re)builds t->kommun_rows from t->row; occ_table_read does it, a table
 * filled by hand (the tests) needs it before occ_rows_of. */
void occ_table_index(struct occ_table *t);
/* The rows of municipality KOMMUN (area_type kommun), in file order: sets
 * *ROWS to their indices in t->row (borrowed from T) and returns how many. */
size_t occ_rows_of(const struct occ_table *t, const char *kommun, const size_t **rows);

/* One row of OUT/trackfit.tsv. */
struct track_row {
	char *area;
	char *track;          /* track id */
	char *name;           /* track_name or name column, else NULL */
	double capacity, eligible, interested, openings;
	double expected, expected_lo, expected_hi, fit;
	long rank;            /* LONG_MAX when missing */
};

struct track_table {
	struct track_row *row;
	size_t n;
};

struct track_table *track_table_read(const char *path);
void track_table_free(struct track_table *t);

/* Vacancies summed per (kommun, ssyk, year) from OUT/work/vacancies.tsv,
 * sorted by kommun, ssyk, year. */
struct vac_sum {
	char kommun[5];
	char ssyk[5];
	int year;
	double vacancies;
};

struct vac_table {
	struct vac_sum *row;
	size_t n;
	int year_min, year_max;   /* over the whole file; 0 when empty */
};

struct vac_table *vac_table_read(const char *path);
void vac_table_free(struct vac_table *t);

/* The candidate group of one municipality, counted from
 * OUT/work/jobseekers.tsv: sex x Swedish level x education group. */
enum { SEX_KVINNOR, SEX_MAN, SEX_COUNT };
enum { SWE_SFI_A, SWE_SFI_B, SWE_SFI_C, SWE_SFI_D, SWE_SAS, SWE_MODERSMAL, SWE_UNKNOWN, SWE_COUNT };
enum { EDU_FORGYMNASIAL, EDU_GYMNASIAL, EDU_EFTERGYMNASIAL, EDU_UNKNOWN, EDU_COUNT };

struct cand_counts {
	char kommun[5];
	long n[SEX_COUNT][SWE_COUNT][EDU_COUNT];
	long total;
};

/* Who is a candidate: arrived at most ARRIVAL_YEARS before the reference
 * date (years_since_arrival), or, when YOUTH, aged 16-24. */
struct cand_rule {
	double arrival_years;
	int youth;
};

/* Counts candidates per municipality for the NK municipalities KOMMUN.
 * Writes a new array of NK counts (caller frees) to *OUT. Returns 0 or -1
 * with a message. Rows of other municipalities are skipped. */
int cand_count_read(const char *path, const char (*kommun)[5], size_t nk,
		    const struct cand_rule *rule, struct cand_counts **out);

/* SSYK 2012 level-2 labels from REFDIR/ssyk2012_levels_1_3.csv:
 * label[lang][code 0-99], NULL when unknown. */
struct ssyk2_labels {
	char *label[2][100];
};

struct ssyk2_labels *ssyk2_labels_load(const char *refdir);
void ssyk2_labels_free(struct ssyk2_labels *l);

#endif
