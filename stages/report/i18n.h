/* i18n: the fixed texts of the report that several parts share, in Swedish
 * (default) and English. A text written in one place only stays beside the
 * code that writes it, with its English twin (tr(R, sv, en)). */
#ifndef JOBBSPAR_REPORT_I18N_H
#define JOBBSPAR_REPORT_I18N_H

struct strings {
	const char *lang;              /* "sv" / "en" (the html lang attribute) */
	const char *title;
	const char *subtitle_fmt;      /* %s municipalities, %d reference year */
	const char *synthetic_banner;
	const char *toc;
	/* sections */
	const char *h_summary, *h_shortage, *h_tracks, *h_compare, *h_changes,
		*h_method, *h_more_charts;
	const char *summary_intro;
	const char *top_shortage, *best_tracks, *changes;
	const char *no_shortage_occ, *no_tracks, *no_previous;
	const char *new_shortage_fmt, *gone_shortage_fmt, *no_changes;
	const char *expected_placements_word, *fit_word;
	const char *shortage_intro, *tracks_intro, *model_intro, *compare_intro,
		*changes_intro, *method_intro;
	const char *not_in_data_fmt;
	/* table titles (%s = municipality) */
	const char *t_shortage_fmt, *t_tracks_fmt, *t_compare_areas, *t_compare_occ,
		*t_change_occ, *t_change_tracks, *t_model, *t_inputs,
		*t_rejects, *t_response, *t_suppressed;
	/* column headings */
	const char *c_ssyk, *c_occupation, *c_verdict, *c_score, *c_employed, *c_jobseekers,
		*c_vacancies, *c_planned, *c_planned_lo, *c_planned_hi, *c_share, *c_share_lo,
		*c_share_hi, *c_openings5, *c_replacement5, *c_respondents, *c_flags;
	const char *c_track, *c_capacity, *c_eligible, *c_interested, *c_openings,
		*c_expected, *c_expected_lo, *c_expected_hi, *c_fit, *c_rank;
	const char *c_area, *c_area_type, *c_assessed, *c_n_brist, *c_n_bevaka, *c_n_balans,
		*c_n_overskott, *c_share_brist_occ;
	const char *c_municipality, *c_prev_verdict, *c_new_verdict, *c_prev_rank,
		*c_new_rank, *c_prev_expected, *c_new_expected;
	const char *c_file, *c_rows_read, *c_accepted,
		*c_rejected, *c_column, *c_reason, *c_rows, *c_sampled, *c_response_rate;
	const char *c_table, *c_row, *c_kind;
	const char *total_all_occ, *total_all_tracks, *total_all;
	const char *primary, *secondary;
	const char *area_kommun, *area_lan, *area_riket, *riket_name;
	/* method and data quality */
	const char *h_inputs, *h_rejects, *h_response, *h_suppression, *h_run;
	const char *h_assessed;
	const char *assessed_intro_fmt; /* %g employed, %g events, %g top ranks, %g top employed */
	const char *assessed_fmt;       /* %s kommun, %zu assessed, %zu occupations, %s share of employed */
	const char *disclosure_fmt;    /* %ld persons, %ld respondents */
	const char *suppressed_count_fmt; /* %zu primary, %zu secondary */
	const char *no_suppressed, *no_rejects, *missing_inputs, *no_ingest, *no_weights;
	const char *run_version, *run_seed, *run_ref_year, *run_lang, *run_synthetic,
		*run_timings, *yes, *no;
	const char *chart_missing_fmt;
	const char *suppressed_title;  /* tooltip of ".." */
	const char *footer;
};

/* The strings of LANG ("sv" or "en"); NULL for another value. Static. */
const struct strings *i18n_strings(const char *lang);
/* The label of a verdict code (brist, bevaka, ...; pipeline/verdicts.h) in
 * the language of S; "" and an unknown code are returned as they are
 * (static or borrowed). */
const char *i18n_verdict(const struct strings *s, const char *code);

#endif
