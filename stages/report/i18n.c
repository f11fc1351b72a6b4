#include "i18n.h"
#include "verdicts.h"

#include <string.h>

static const struct strings strings_sv = {
	.lang = "sv",
	.title = "Kompetensbrist och lokala jobbspår",
	.subtitle_fmt = "%s \xE2\x80\x93 referensår %d",
	.synthetic_banner = "Rapporten bygger på syntetiska exempeldata. Siffrorna beskriver inga "
			    "verkliga personer, arbetsgivare eller kommuner och får inte användas "
			    "som underlag för beslut.",
	.toc = "Innehåll",
	.h_summary = "Sammanfattning",
	.h_shortage = "Kompetensbrist per yrke",
	.h_tracks = "Lokala jobbspår",
	.h_compare = "Bredvid länet och alla kommuner i indata",
	.h_changes = "Förändringar sedan förra körningen",
	.h_method = "Metod och källor",
	.h_more_charts = "Fler diagram",
	.summary_intro = "De viktigaste resultaten per kommun. Detaljerna finns i avsnitten nedan, "
			 "begreppen förklaras under Metod och källor och alla tabeller finns i "
			 "tabeller.xlsx och som CSV-filer.",
	.top_shortage = "Största bristyrken",
	.best_tracks = "Bäst passande jobbspår",
	.changes = "Förändringar sedan förra körningen",
	.no_shortage_occ = "Inga yrken bedöms som bristyrken.",
	.no_tracks = "Inga resultat för jobbspår finns.",
	.no_previous = "Ingen tidigare körning angavs, så inga förändringar visas.",
	.new_shortage_fmt = "Nya bristyrken (%zu): ",
	.gone_shortage_fmt = "Inte längre bristyrken (%zu): ",
	.no_changes = "Inga yrken har ändrat bedömning.",
	.expected_placements_word = "förväntade placeringar",
	.fit_word = "passning",
	.shortage_intro = "Varje yrke (SSYK 2012) bedöms utifrån platsannonser, arbetssökande och "
			  "arbetsgivarnas svar i enkäten och får ett bristindex och en bedömning: "
			  "brist, bevaka, balans, överskott eller ej bedömd. Begreppen och gränserna "
			  "förklaras under Metod och källor.",
	.tracks_intro = "Jobbspåren rangordnas efter hur väl de matchar kommunens bristyrken och "
			"de arbetssökande som kan delta. Förväntade placeringar är modellens "
			"skattning med osäkerhetsintervall.",
	.model_intro = "Placeringsmodellens koefficienter och hur väl den förutsäger utfall i "
		       "data som inte användes för att skatta den (AUC, Brier-poäng).",
	.compare_intro = "Varje kommun bredvid sitt län och alla kommuner i indata tillsammans.",
	.changes_intro = "Yrken vars bedömning har ändrats och jobbspår vars rang eller "
			 "förväntade placeringar har ändrats.",
	.method_intro = "Varifrån uppgifterna kommer, vad siffrorna betyder, hur säkra de är, hur "
			"underlaget har kontrollerats och hur röjandekontrollen har tillämpats.",
	.not_in_data_fmt = "%s finns inte i underlaget.",
	.t_shortage_fmt = "Yrken i %s",
	.t_tracks_fmt = "Jobbspår i %s",
	.t_compare_areas = "Kommunen, länet och alla kommuner i indata",
	.t_compare_occ = "Yrken sida vid sida",
	.t_change_occ = "Yrken med ändrad bedömning",
	.t_change_tracks = "Jobbspår, förändring",
	.t_model = "Placeringsmodellen",
	.t_inputs = "Indatafiler",
	.t_rejects = "Avvisade rader",
	.t_response = "Svarsfrekvens i enkäten",
	.t_suppressed = "Undertryckta celler",
	.c_ssyk = "SSYK",
	.c_occupation = "Yrke",
	.c_verdict = "Bedömning",
	.c_score = "Bristindex",
	.c_employed = "Sysselsatta",
	.c_jobseekers = "Arbetssökande",
	.c_vacancies = "Annonserade platser",
	.c_planned = "Planerade rekryteringar, 12 mån",
	.c_planned_lo = "Planerade rekryteringar, 12 mån, nedre gräns",
	.c_planned_hi = "Planerade rekryteringar, 12 mån, övre gräns",
	.c_share = "Andel arbetsgivare med brist, %",
	.c_share_lo = "Andel arbetsgivare med brist, nedre gräns, %",
	.c_share_hi = "Andel arbetsgivare med brist, övre gräns, %",
	.c_openings5 = "Rekryteringsbehov 5 år",
	.c_replacement5 = "Pensionsavgångar 5 år",
	.c_respondents = "Svarande arbetsgivare",
	.c_flags = "Anmärkning",
	.c_track = "Jobbspår",
	.c_capacity = "Platser",
	.c_eligible = "Behöriga",
	.c_interested = "Intresserade",
	.c_openings = "Efterfrågan, jobbtillfällen",
	.c_expected = "Förväntade placeringar",
	.c_expected_lo = "Förväntade placeringar, nedre gräns",
	.c_expected_hi = "Förväntade placeringar, övre gräns",
	.c_fit = "Passning (0–100)",
	.c_rank = "Rang",
	.c_area = "Område",
	.c_area_type = "Typ",
	.c_assessed = "Bedömda yrken",
	.c_n_brist = "Brist",
	.c_n_bevaka = "Bevaka",
	.c_n_balans = "Balans",
	.c_n_overskott = "Överskott",
	.c_share_brist_occ = "Andel bristyrken, %",
	.c_municipality = "Kommun",
	.c_prev_verdict = "Tidigare bedömning",
	.c_new_verdict = "Ny bedömning",
	.c_prev_rank = "Tidigare rang",
	.c_new_rank = "Ny rang",
	.c_prev_expected = "Tidigare förväntade placeringar",
	.c_new_expected = "Nya förväntade placeringar",
	.c_file = "Fil",
	.c_rows_read = "Lästa rader",
	.c_accepted = "Godkända",
	.c_rejected = "Avvisade",
	.c_column = "Kolumn",
	.c_reason = "Orsak",
	.c_rows = "Rader",
	.c_sampled = "Arbetsställen i urvalet",
	.c_response_rate = "Svarsfrekvens, %",
	.c_table = "Tabell",
	.c_row = "Rad",
	.c_kind = "Slag",
	.total_all_occ = "Samtliga yrken i kommunen",
	.total_all_tracks = "Samtliga jobbspår",
	.total_all = "Samtliga",
	.primary = "primär",
	.secondary = "sekundär",
	.area_kommun = "kommun",
	.area_lan = "län",
	.area_riket = "alla kommuner i indata",
	.riket_name = "Samtliga kommuner i indata",
	.h_inputs = "Indata",
	.h_rejects = "Avvisade rader",
	.h_response = "Svarsfrekvens",
	.h_suppression = "Röjandekontroll",
	.h_assessed = "Vilka yrken bedöms",
	.assessed_intro_fmt = "Ett yrke får en bedömning och en plats i rangordningen först när "
			      "det har minst %g sysselsatta och antingen minst %g platsannonser och "
			      "arbetssökande sammanlagt under åren eller en publicerbar enkätskattning. "
			      "Övriga visas som \xE2\x80\x9C" "Ej bedömd\xE2\x80\x9D och finns inte i "
			      "topplistor, diagram eller sammanfattning. De %g första platserna i "
			      "rangordningen går till yrken med minst %g sysselsatta; mindre yrken "
			      "behåller sin bedömning och följer efter dem. Källor: SCB:s yrkesregister "
			      "(sysselsatta), Arbetsförmedlingen (platsannonser, arbetssökande, "
			      "Yrkesbarometern) och arbetsgivarenkäten.",
	.assessed_fmt = "%s: %zu av %zu yrken bedöms; de har %s av kommunens sysselsatta.",
	.h_run = "Körningen",
	.disclosure_fmt = "Ingen publicerad cell räknar färre än %ld personer eller vilar på färre "
			  "än %ld svarande arbetsgivare. Sådana celler visas som \xE2\x80\x9C..\xE2\x80\x9D. "
			  "Om en summa annars skulle avslöja en undertryckt cell undertrycks även "
			  "nästa minsta cell (sekundär undertryckning).",
	.suppressed_count_fmt = "%zu celler undertrycktes, %zu primärt och %zu sekundärt.",
	.no_suppressed = "Inga celler behövde undertryckas.",
	.no_rejects = "Inga rader avvisades.",
	.missing_inputs = "Följande underlag saknades och de delar av rapporten som bygger på "
			  "dem är utelämnade: ",
	.no_ingest = "Inläsningsrapporten (ingest.json) saknas.",
	.no_weights = "Enkätens vikter (work/weights.tsv) saknas; svarsfrekvensen kan inte visas.",
	.run_version = "Version",
	.run_seed = "Slumpfrö",
	.run_ref_year = "Referensår",
	.run_lang = "Språk",
	.run_synthetic = "Syntetiska exempeldata",
	.run_timings = "Körtider (sekunder)",
	.yes = "ja",
	.no = "nej",
	.chart_missing_fmt = "Diagrammet %s saknas.",
	.suppressed_title = "undertryckt (röjandekontroll)",
	.footer = "Framtagen med jobbspar",
};

static const struct strings strings_en = {
	.lang = "en",
	.title = "Skills shortages and local job tracks",
	.subtitle_fmt = "%s \xE2\x80\x93 reference year %d",
	.synthetic_banner = "This report is based on synthetic sample data. The figures describe no "
			    "real persons, employers or municipalities and must not be used for "
			    "decisions.",
	.toc = "Contents",
	.h_summary = "Summary",
	.h_shortage = "Shortage by occupation",
	.h_tracks = "Local job tracks",
	.h_compare = "Beside the county and all input municipalities",
	.h_changes = "Changes since the previous run",
	.h_method = "Method and sources",
	.h_more_charts = "More charts",
	.summary_intro = "The main results per municipality. The sections below give the details, "
			 "the terms are explained under Method and sources, and every table is in "
			 "tabeller.xlsx and in CSV files.",
	.top_shortage = "Main shortage occupations",
	.best_tracks = "Best-fitting job tracks",
	.changes = "Changes since the previous run",
	.no_shortage_occ = "No occupation is assessed as a shortage occupation.",
	.no_tracks = "No job track results are available.",
	.no_previous = "No previous run was given, so no changes are shown.",
	.new_shortage_fmt = "New shortage occupations (%zu): ",
	.gone_shortage_fmt = "No longer shortage occupations (%zu): ",
	.no_changes = "No occupation changed its assessment.",
	.expected_placements_word = "expected placements",
	.fit_word = "fit",
	.shortage_intro = "Each occupation (SSYK 2012) is assessed from job ads, jobseekers and the "
			  "employers' survey answers and gets a shortage index and a verdict: "
			  "shortage, watch, balance, surplus or not assessed. The terms and limits "
			  "are explained under Method and sources.",
	.tracks_intro = "The job tracks are ranked by how well they match the municipality's "
			"shortage occupations and the jobseekers who can take part. Expected "
			"placements are the model's estimate with an uncertainty interval.",
	.model_intro = "The placement model's coefficients and how well it predicts outcomes in "
		       "data not used to fit it (AUC, Brier score).",
	.compare_intro = "Each municipality beside its county and all input municipalities together.",
	.changes_intro = "Occupations whose verdict changed and job tracks whose rank or expected "
			 "placements changed.",
	.method_intro = "Where the data come from, what the figures mean, how certain they are, "
			"how the data were checked and how disclosure control was applied.",
	.not_in_data_fmt = "%s is not in the data.",
	.t_shortage_fmt = "Occupations in %s",
	.t_tracks_fmt = "Job tracks in %s",
	.t_compare_areas = "The municipality, its county and all input municipalities",
	.t_compare_occ = "Occupations side by side",
	.t_change_occ = "Occupations with a changed verdict",
	.t_change_tracks = "Job tracks, change",
	.t_model = "The placement model",
	.t_inputs = "Input files",
	.t_rejects = "Rejected rows",
	.t_response = "Survey response rate",
	.t_suppressed = "Suppressed cells",
	.c_ssyk = "SSYK",
	.c_occupation = "Occupation",
	.c_verdict = "Verdict",
	.c_score = "Shortage index",
	.c_employed = "Employed",
	.c_jobseekers = "Jobseekers",
	.c_vacancies = "Advertised positions",
	.c_planned = "Planned hires, 12 months",
	.c_planned_lo = "Planned hires, 12 months, lower bound",
	.c_planned_hi = "Planned hires, 12 months, upper bound",
	.c_share = "Employers reporting shortage, %",
	.c_share_lo = "Employers reporting shortage, lower bound, %",
	.c_share_hi = "Employers reporting shortage, upper bound, %",
	.c_openings5 = "Hiring need 5 years",
	.c_replacement5 = "Retirements 5 years",
	.c_respondents = "Responding employers",
	.c_flags = "Note",
	.c_track = "Job track",
	.c_capacity = "Places",
	.c_eligible = "Eligible",
	.c_interested = "Interested",
	.c_openings = "Demand, openings",
	.c_expected = "Expected placements",
	.c_expected_lo = "Expected placements, lower bound",
	.c_expected_hi = "Expected placements, upper bound",
	.c_fit = "Fit (0-100)",
	.c_rank = "Rank",
	.c_area = "Area",
	.c_area_type = "Type",
	.c_assessed = "Occupations assessed",
	.c_n_brist = "Shortage",
	.c_n_bevaka = "Watch",
	.c_n_balans = "Balance",
	.c_n_overskott = "Surplus",
	.c_share_brist_occ = "Share in shortage, %",
	.c_municipality = "Municipality",
	.c_prev_verdict = "Previous verdict",
	.c_new_verdict = "New verdict",
	.c_prev_rank = "Previous rank",
	.c_new_rank = "New rank",
	.c_prev_expected = "Previous expected placements",
	.c_new_expected = "New expected placements",
	.c_file = "File",
	.c_rows_read = "Rows read",
	.c_accepted = "Accepted",
	.c_rejected = "Rejected",
	.c_column = "Column",
	.c_reason = "Reason",
	.c_rows = "Rows",
	.c_sampled = "Workplaces sampled",
	.c_response_rate = "Response rate, %",
	.c_table = "Table",
	.c_row = "Row",
	.c_kind = "Kind",
	.total_all_occ = "All occupations in the municipality",
	.total_all_tracks = "All job tracks",
	.total_all = "All",
	.primary = "primary",
	.secondary = "secondary",
	.area_kommun = "municipality",
	.area_lan = "county",
	.area_riket = "all municipalities in the input",
	.riket_name = "All municipalities in the input",
	.h_inputs = "Input",
	.h_rejects = "Rejected rows",
	.h_response = "Response rate",
	.h_suppression = "Disclosure control",
	.h_assessed = "Which occupations are assessed",
	.assessed_intro_fmt = "An occupation gets a verdict and a place in the ranking only with at "
			      "least %g employed and either at least %g job ads and jobseekers over "
			      "the years together or a publishable survey estimate. The others are "
			      "shown as \xE2\x80\x9C" "Not assessed\xE2\x80\x9D and enter no top list, "
			      "chart or summary. The first %g places of the ranking go to occupations "
			      "with at least %g employed; smaller occupations keep their verdict and "
			      "follow them. Sources: Statistics Sweden's occupational register "
			      "(employed), Arbetsförmedlingen (job ads, jobseekers, Yrkesbarometern) and "
			      "the employer survey.",
	.assessed_fmt = "%s: %zu of %zu occupations are assessed; they hold %s of the "
			"municipality's employed.",
	.h_run = "The run",
	.disclosure_fmt = "No published cell counts fewer than %ld persons or rests on fewer than "
			  "%ld responding employers. Such cells are shown as \xE2\x80\x9C..\xE2\x80\x9D. "
			  "Where a total would otherwise reveal a suppressed cell, the next smallest "
			  "cell is suppressed too (secondary suppression).",
	.suppressed_count_fmt = "%zu cells were suppressed, %zu primary and %zu secondary.",
	.no_suppressed = "No cell needed to be suppressed.",
	.no_rejects = "No rows were rejected.",
	.missing_inputs = "These inputs were missing, and the parts of the report built on them "
			  "are left out: ",
	.no_ingest = "The ingest report (ingest.json) is missing.",
	.no_weights = "The survey weights (work/weights.tsv) are missing; the response rate "
		      "cannot be shown.",
	.run_version = "Version",
	.run_seed = "Seed",
	.run_ref_year = "Reference year",
	.run_lang = "Language",
	.run_synthetic = "Synthetic sample data",
	.run_timings = "Timings (seconds)",
	.yes = "yes",
	.no = "no",
	.chart_missing_fmt = "The chart %s is missing.",
	.suppressed_title = "suppressed (disclosure control)",
	.footer = "Produced with jobbspar",
};

const struct strings *i18n_strings(const char *lang)
{
	if (strcmp(lang, "sv") == 0)
		return &strings_sv;
	if (strcmp(lang, "en") == 0)
		return &strings_en;
	return NULL;
}

const char *i18n_verdict(const struct strings *s, const char *code)
{
	int v = verdict_parse(code);
	if (v < 0 || !*code)
		return code;
	return verdict_label((enum verdict_kind)v, strcmp(s->lang, "en") == 0);
}
