#include "shortage_tables.h"
#include "msg.h"
#include "stage.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NCOL(a) (sizeof a / sizeof a[0])

#define KEY_COLUMNS \
	{"kommun", "code", "4 digits for a municipality (`area_type` `kommun`), `L` + county code for a county " \
			   "(`lan`, e.g. `L05`), `SE` for all input municipalities together (`riket`)"}, \
	{"area_type", "text", "`kommun`, `lan` or `riket`"}, \
	{"ssyk", "code", "SSYK 2012 occupation, 4 digits"}

const char *const shortage_table_keys[] = {"kommun", "area_type", "ssyk", NULL};

static const struct tabledef_col verdict_cols[] = {
	KEY_COLUMNS,
	{"label", "text", "the occupation's Swedish name"},
	{"employed", "integer", "employed in the occupation and area in the reference year"},
	{"verdict", "text", "`brist`, `bevaka` (watch), `balans`, `överskott` (bands of the shortage index), or `X` "
			    "(not assessed: see `evidence`)"},
	{"flag", "text", "empty or a `;`-joined list: `no_survey`, `few_respondents`, `high_cv`, `few_employed`, "
			 "`no_age_split`, `jobseekers_suppressed`, `planned_above_employed`, `planned_above_workplace`, "
			 "`winsorised`, `paradox`, `small_occupation` (assessed with fewer than "
			 "`shortage.top_min_employed` employed: ranked after the head of the list) (docs/METHOD.md)"},
	{"shortage_index", "number", "the shortage index S: posterior mean of the latent shortage, in standard "
				     "deviations from the area's average occupation"},
	{"shortage_index_lo", "number", "S - z sd(S) at `survey.confidence`"},
	{"shortage_index_hi", "number", "S + z sd(S) at `survey.confidence`"},
	{"p_brist", "0-1", "posterior probability that S is at or above `shortage.index_brist`"},
	{"rank", "integer", "1 = the largest S among the area's assessed occupations, except that the first "
			    "`shortage.top_ranks` places need `shortage.top_min_employed` employed; empty when not "
			    "assessed"},
	{"evidence", "text", "empty when assessed; else `few_employed` and/or `few_events` (why the verdict is X)"},
	{"area_name", "text", "the area's name"},
	{"year", "integer", "the reference year"},
};

const struct tabledef shortage_table_verdict = {
	"shortage.tsv", "the verdict contract, one row per (area, SSYK occupation)",
	"Areas: every reporting municipality, plus reference rows for each county of a reporting municipality and "
	"for all input municipalities together. The rows of shortage_survey.tsv and shortage_registry.tsv are the "
	"same rows in the same order. docs/METHOD.md \"Credible shortage\" defines the index and the verdict.",
	verdict_cols, NCOL(verdict_cols)
};

static const struct tabledef_col survey_cols[] = {
	KEY_COLUMNS,
	{"planned_hires", "number", "direct estimate of planned hires over the next 12 months (Horvitz-Thompson total)"},
	{"planned_hires_lo", "number", "lower bound, planned_hires - z SE, at least 0"},
	{"planned_hires_hi", "number", "upper bound, planned_hires + z SE"},
	{"share_brist", "0-1", "direct estimate of the share of employers reporting shortage (Hajek ratio)"},
	{"share_brist_lo", "0-1", "Wilson interval on the effective sample size, lower bound"},
	{"share_brist_hi", "0-1", "upper bound"},
	{"n_respondents", "integer", "respondents with a row for the occupation in the area"},
	{"share_brist_model", "0-1", "the published brist share: Fay-Herriot EBLUP (municipalities with answers only)"},
	{"share_brist_model_lo", "0-1", "its interval, lower bound"},
	{"share_brist_model_hi", "0-1", "upper bound"},
	{"planned_hires_model", "number", "the published planned hires: employed x the model's planned hires per "
					  "employed (municipalities with answers only)"},
	{"planned_hires_model_lo", "number", "its interval, lower bound"},
	{"planned_hires_model_hi", "number", "upper bound"},
	{"survey_source", "text", "`eblup` (survey answers and model: published), `synthetic` (no answers: the model's "
				  "estimate is in shortage_sae.tsv only, the model columns are empty), `direct` (county "
				  "and SE rows, or no model)"},
	{"planned_hires_per_1000", "number", "planned hires per 1 000 employed"},
	{"planned_hires_se", "number", "standard error of planned_hires"},
	{"planned_hires_cv", "number", "coefficient of variation SE / planned_hires"},
	{"share_brist_se", "number", "standard error of share_brist"},
	{"share_balans", "0-1", "share of employers reporting balance"},
	{"share_balans_lo", "0-1", "Wilson interval, lower bound"},
	{"share_balans_hi", "0-1", "upper bound"},
	{"share_god", "0-1", "share of employers reporting good supply"},
	{"share_god_lo", "0-1", "Wilson interval, lower bound"},
	{"share_god_hi", "0-1", "upper bound"},
	{"n_eff_brist", "number", "Kish's effective sample size of share_brist"},
	{"balance", "-100..100", "100 (share brist - share god)"},
	{"balance_se", "number", "standard error of the balance"},
	{"balance_lo", "-100..100", "balance - z SE"},
	{"balance_hi", "-100..100", "balance + z SE"},
	{"net_change_1y", "-100..100", "100 (share expecting more employees in 1 year - share expecting fewer)"},
	{"net_change_1y_se", "number", "its standard error"},
	{"net_change_1y_lo", "-100..100", "lower bound"},
	{"net_change_1y_hi", "-100..100", "upper bound"},
	{"net_change_3y", "-100..100", "the same in 3 years"},
	{"net_change_3y_se", "number", "its standard error"},
	{"net_change_3y_lo", "-100..100", "lower bound"},
	{"net_change_3y_hi", "-100..100", "upper bound"},
	{"n_situation", "integer", "respondents answering the recruitment situation"},
};

const struct tabledef shortage_table_survey = {
	"shortage_survey.tsv", "the survey estimates with their intervals, one row per shortage.tsv row",
	"Intervals at `survey.confidence` (docs/METHOD.md \"Survey estimators\"). Empty where the occupation has no "
	"answers in the area.",
	survey_cols, NCOL(survey_cols)
};

static const struct tabledef_col registry_cols[] = {
	KEY_COLUMNS,
	{"jobseekers", "integer", "registered jobseekers with the occupation as experience or wish; empty when "
				  "suppressed"},
	{"vacancies", "integer", "positions in the reference year's ads"},
	{"openings_5y", "number", "expected openings within 5 years: max(0, expansion_5y) + replacement_5y"},
	{"replacement_5y", "number", "replacement demand within 5 years from the age structure (empty without an "
				     "age split)"},
	{"first_year", "integer", "the first employment year"},
	{"employed_first", "integer", "employed in the first employment year"},
	{"employment_change", "integer", "employed minus employed_first"},
	{"employment_change_pct", "number", "the same in per cent of employed_first"},
	{"employment_growth", "number", "yearly growth rate between the first and the reference year"},
	{"expansion_5y", "number", "5 x the least-squares slope of employed on year"},
	{"expansion_10y", "number", "10 x the same slope"},
	{"replacement_10y", "number", "replacement demand within 10 years"},
	{"openings_10y", "number", "expected openings within 10 years"},
	{"openings", "number", "openings_5y or openings_10y, as `shortage.horizon_years`"},
	{"jobseekers_per_vacancy", "number", "jobseekers / vacancies"},
	{"ads", "integer", "ads in the reference year"},
	{"median_days_open", "number", "median days those ads were open"},
	{"vacancy_trend", "number", "least-squares slope of positions per year"},
	{"vacancy_trend_se", "number", "its standard error"},
	{"vacancy_trend_rel", "number", "the slope over the mean positions"},
	{"employed_per_1000_area", "number", "the occupation's employed per 1 000 employed in the area"},
	{"jobseekers_per_1000", "number", "jobseekers per 1 000 employed"},
	{"vacancies_per_1000", "number", "vacancies per 1 000 employed"},
	{"openings_5y_per_1000", "number", "openings_5y per 1 000 employed"},
	{"replacement_5y_per_1000", "number", "replacement_5y per 1 000 employed"},
	{"yb_verdict", "text", "Arbetsförmedlingen's Yrkesbarometer verdict for Sweden (optional input; shown beside "
			       "the verdict, never used in it)"},
	{"yb_omgang", "text", "the Yrkesbarometer round"},
	{"yb_jobbmojligheter", "text", "its job opportunities"},
	{"yb_prognos_5ar", "text", "its 5-year forecast"},
};

const struct tabledef shortage_table_registry = {
	"shortage_registry.tsv", "the registry indicators, one row per shortage.tsv row",
	"docs/METHOD.md \"Registry indicators\" defines each.",
	registry_cols, NCOL(registry_cols)
};

static const struct tabledef_col indicator_cols[] = {
	KEY_COLUMNS,
	{"employed", "integer", "as in shortage.tsv"},
	{"ads", "integer", "ads over the analysis years"},
	{"ads_expected", "number", "employed x the area's ads per employed"},
	{"ads_rel_raw", "number", "relative rate O/e (empty when e = 0)"},
	{"ads_rel_prior", "number", "the prior mean it is shrunk toward"},
	{"ads_rel_smoothed", "number", "the Poisson-gamma posterior mean"},
	{"z_ads", "number", "the smoothed log rate, standardised within the area"},
	{"jobseekers", "integer", "jobseekers over the analysis years"},
	{"jobseekers_expected", "number", "employed x the area's jobseekers per employed"},
	{"jobseekers_rel_raw", "number", "relative rate O/e"},
	{"jobseekers_rel_prior", "number", "its prior mean"},
	{"jobseekers_rel_smoothed", "number", "its posterior mean"},
	{"z_jobseekers", "number", "standardised, oriented: fewer jobseekers = higher"},
	{"closed_ads", "integer", "closed ads"},
	{"days_open_mean_raw", "number", "their mean days open"},
	{"days_open_mean_prior", "number", "its prior"},
	{"days_open_mean_smoothed", "number", "smoothed (normal-normal on the log scale)"},
	{"z_days", "number", "standardised"},
	{"survey_answers", "integer", "answers to the recruitment situation"},
	{"balance_direct", "number", "the direct balance"},
	{"balance_var_gvf", "number", "its generalised variance"},
	{"z_survey", "number", "standardised"},
	{"ad_trend_raw", "number", "log-linear slope of ad positions per year"},
	{"ad_trend_prior", "number", "its prior"},
	{"ad_trend_smoothed", "number", "smoothed"},
	{"z_trend", "number", "standardised"},
	{"shortage_index", "number", "as in shortage.tsv"},
	{"shortage_index_se", "number", "sd(S)"},
	{"rank", "integer", "as in shortage.tsv"},
	{"evidence", "text", "as in shortage.tsv"},
};

const struct tabledef shortage_table_indicators = {
	"shortage_indicators.tsv", "the shortage index's indicators, raw beside smoothed, one row per shortage.tsv row",
	NULL, indicator_cols, NCOL(indicator_cols)
};

static const struct tabledef_col sae_cols[] = {
	{"kommun", "code", "4 digits"},
	{"ssyk", "code", "SSYK 2012 occupation, 4 digits"},
	{"employed", "integer", "as in shortage.tsv"},
	{"n_respondents", "integer", "as in shortage_survey.tsv"},
	{"x_ads", "number", "covariate: z_ads (0 when not available)"},
	{"x_jobseekers", "number", "covariate: z_jobseekers"},
	{"x_days", "number", "covariate: z_days"},
	{"share_direct", "0-1", "direct brist share"},
	{"share_psi", "number", "its generalised sampling variance"},
	{"share_gamma", "0-1", "the EBLUP's weight on the direct estimate"},
	{"share_model", "0-1", "EBLUP, or the synthetic estimate without answers"},
	{"share_mse", "number", "its Prasad-Rao MSE"},
	{"planned_direct", "number", "direct planned hires"},
	{"planned_winsorised", "number", "the same with winsorised answers"},
	{"rows_winsorised", "integer", "answers winsorised"},
	{"rows_above_workplace", "integer", "answers planning more hires than the workplace employs"},
	{"rate_direct", "number", "planned hires per employed, direct (winsorised)"},
	{"rate_psi", "number", "its sampling variance"},
	{"rate_gamma", "0-1", "the EBLUP's weight on it"},
	{"rate_model", "number", "EBLUP or synthetic estimate"},
	{"rate_mse", "number", "its MSE"},
	{"survey_source", "text", "`eblup`, `synthetic` or `direct` (no model)"},
};

const struct tabledef shortage_table_sae = {
	"shortage_sae.tsv", "the small-area models' inputs and estimates, one row per municipality row",
	NULL, sae_cols, NCOL(sae_cols)
};

const struct tabledef *const shortage_tables[] = {
	&shortage_table_verdict, &shortage_table_survey, &shortage_table_registry, &shortage_table_indicators,
	&shortage_table_sae, NULL
};

struct tsv_reader *shortage_tables_open(const char *outdir)
{
	char *path = path_join(outdir, shortage_table_verdict.file);
	struct tsv_reader *r = tsv_reader_open(path);
	free(path);
	if (!r)
		return NULL;
	const struct tabledef *side[] = {&shortage_table_survey, &shortage_table_registry};
	for (size_t i = 0; i < NCOL(side); i++) {
		path = path_join(outdir, side[i]->file);
		if (access(path, F_OK) != 0 && errno == ENOENT) {
			free(path);
			continue;
		}
		struct tsv_reader *s = tsv_reader_open(path);
		free(path);
		if (!s || tsv_reader_join(r, s, shortage_table_keys) != 0) {
			tsv_reader_close(r);
			return NULL;
		}
	}
	return r;
}
