/* charts: the gnuplot commands of each chart of jobbspar-plot (docs/METHOD.md,
 * section 4). A chart function writes the body of a gnuplot script (no
 * terminal, no output: gpipe adds those) to OUT and fills META with the
 * chart's id, size, titles and alternative texts in Swedish and English.
 *
 * Every text that comes from data (occupation labels, track names,
 * municipality names) enters the script only through gp_quote, and data
 * blocks hold numbers only, so no input can be read as a command.
 * Disclosure control: counts of persons below min_persons and survey shares
 * from fewer than min_respondents respondents are never drawn (marked ".."). */
#ifndef JOBBSPAR_PLOT_CHARTS_H
#define JOBBSPAR_PLOT_CHARTS_H

#include "codes.h"
#include "tables.h"

#include <stdio.h>

enum { LANG_SV, LANG_EN };

struct plot_opts {
	int lang;               /* LANG_SV or LANG_EN: the language drawn */
	long min_persons;       /* disclosure.min_persons */
	long min_respondents;   /* disclosure.min_respondents */
	int top_n;              /* occupations in charts 1, 3 (labels) and 4 */
	long min_employed;      /* plot.min_employed: smaller occupations rank after the others */
	int trend_n;            /* occupations in chart 5 */
	int heatmap_max;        /* plot.heatmap_max: chart 2 only up to this many
				 * municipalities (0 = no limit) */
	const char *const *compare; /* chart 7 areas (shortage.tsv kommun values) */
	size_t ncompare;
};

/* Everything the charts read; all borrowed. Any table may be NULL, which
 * skips the charts that need it. */
struct plot_data {
	const struct codes *codes;
	const struct ssyk2_labels *ssyk2;
	const struct occ_table *occ;
	const struct track_table *tracks;
	const struct vac_table *vac;
	const struct cand_counts *cand;
	size_t ncand;
};

struct chart_meta {
	char id[24];            /* e.g. "top_shortage" */
	char kommun[8];         /* the municipality, or "" */
	char *title[2];         /* owned: [LANG_SV], [LANG_EN] */
	char *alt[2];           /* owned alternative texts */
	int width, height;      /* pixels */
};

/* Frees the strings of M (not M itself) and clears them. */
void chart_meta_clear(struct chart_meta *m);

/* Each returns 1 when a chart was written, 0 when there is nothing to draw
 * (META untouched then), -1 when writing to OUT failed. KOMMUN is a 4-digit
 * code (borrowed). */
int chart_top_shortage(FILE *out, const struct plot_data *d, const struct plot_opts *o,
		       const char *kommun, struct chart_meta *m);
/* Chart 2: over the municipalities KOMMUN[0..NK); not drawn (0, with a
 * note) when NK is above o->heatmap_max. */
int chart_verdict_heatmap(FILE *out, const struct plot_data *d, const struct plot_opts *o,
			  const char (*kommun)[5], size_t nk, struct chart_meta *m);
int chart_supply_demand(FILE *out, const struct plot_data *d, const struct plot_opts *o,
			const char *kommun, struct chart_meta *m);
int chart_openings(FILE *out, const struct plot_data *d, const struct plot_opts *o,
		   const char *kommun, struct chart_meta *m);
int chart_vacancy_trend(FILE *out, const struct plot_data *d, const struct plot_opts *o,
			const char *kommun, struct chart_meta *m);
int chart_track_fit(FILE *out, const struct plot_data *d, const struct plot_opts *o,
		    const char *kommun, struct chart_meta *m);
/* Chart 7: over o->compare. */
int chart_city_compare(FILE *out, const struct plot_data *d, const struct plot_opts *o,
		       struct chart_meta *m);
int chart_candidates(FILE *out, const struct plot_data *d, const struct plot_opts *o,
		     const char *kommun, struct chart_meta *m);
/* Chart 9, for compare mode: the shortage index with its interval in each
 * of the municipalities KOMMUN[0..NK) for the occupations that are brist
 * in any of them (best rank first, at most o->top_n). Drawn for 2 to 6
 * municipalities (one marker shape each); 0 otherwise. */
int chart_compare_index(FILE *out, const struct plot_data *d, const struct plot_opts *o,
			const char (*kommun)[5], size_t nk, struct chart_meta *m);

/* The display name of an area code: the municipality's name, the county's
 * name for "L<county>", "Riket"/"Sweden" for "SE", else the code. New
 * string, caller frees. */
char *area_name(const struct codes *codes, const char *area, int lang);

/* V as text in language LANG for titles and alternative texts: decimal
 * comma, a no-break space between thousands and the minus sign U+2212 in
 * Swedish ("1 234,5", "−0,4"); "1,234.5" in English; a "+" before a
 * positive value when SIGN; ".." when V is not finite. New string. */
char *plot_fmt_num(double v, int decimals, int lang, int sign);

/* The verdict colour as 0xRRGGBB (pipeline/verdicts.h's verdict_colour). */
unsigned verdict_rgb(enum verdict_kind v);

#endif
