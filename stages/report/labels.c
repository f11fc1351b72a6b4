#include "labels.h"
#include "msg.h"
#include "verdicts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct word {
	const char *code, *sv, *en;
};

/* In the order they are shown: why there is no verdict first, then the
 * survey's caveats. */
static const struct word flag_words[] = {
	{"few_employed", "få sysselsatta", "few employed"},
	{"few_events", "få annonser och sökande", "few ads and jobseekers"},
	{"small_occupation", "litet yrke: rangordnas efter topplistan",
	 "small occupation: ranked after the top list"},
	{"no_survey", "ingen enkät", "no survey answers"},
	{"few_respondents", "få svarande", "few respondents"},
	{"high_cv", "osäker enkätskattning", "uncertain survey estimate"},
	{"paradox", "brist trots många sökande", "shortage despite many jobseekers"},
	{"planned_above_employed", "fler planerade rekryteringar än sysselsatta",
	 "more planned hires than employed"},
	{"planned_above_workplace", "plan större än arbetsstället", "plan larger than the workplace"},
	{"winsorised", "extrema svar dämpade", "extreme answers damped"},
	{"no_variance", "ingen spridning i svaren", "no spread in the answers"},
	{"balance_no_variance", "ingen spridning i balanstalet", "no spread in the balance"},
	{"no_age_split", "sysselsatta saknar åldersindelning: pensionsavgångar ej beräknade",
	 "employment has no age split: retirements not computed"},
	{"jobseekers_suppressed", "antal sökande undertryckt i källan", "jobseeker count suppressed at source"},
	{NULL, NULL, NULL},
};

/* 1 if CODE is one of the ';'-joined items of LIST. */
static int has_item(const char *list, const char *code)
{
	size_t n = strlen(code);
	for (const char *p = list; p && *p;) {
		const char *end = strchr(p, ';');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len == n && strncmp(p, code, n) == 0)
			return 1;
		p = end ? end + 1 : NULL;
	}
	return 0;
}

static void append(char **out, size_t *len, const char *word)
{
	size_t w = strlen(word);
	*out = erealloc(*out, *len + w + 3);
	if (*len) {
		memcpy(*out + *len, ", ", 2);
		*len += 2;
	}
	memcpy(*out + *len, word, w + 1);
	*len += w;
}

char *label_flags(int en, const char *flags, const char *evidence)
{
	char *out = estrdup("");
	size_t len = 0;
	for (int i = 0; flag_words[i].code; i++)
		if (has_item(flags, flag_words[i].code) || has_item(evidence, flag_words[i].code))
			append(&out, &len, en ? flag_words[i].en : flag_words[i].sv);
	/* codes without a word are shown as they are, never dropped */
	for (int pass = 0; pass < 2; pass++) {
		const char *list = pass ? evidence : flags;
		for (const char *p = list; p && *p;) {
			const char *end = strchr(p, ';');
			size_t n = end ? (size_t)(end - p) : strlen(p);
			int known = 0;
			for (int i = 0; flag_words[i].code && !known; i++)
				known = strlen(flag_words[i].code) == n && strncmp(flag_words[i].code, p, n) == 0;
			if (!known && n) {
				char *code = estrndup(p, n);
				append(&out, &len, code);
				free(code);
			}
			p = end ? end + 1 : NULL;
		}
	}
	return out;
}

const char *label_survey_source(int en, const char *code)
{
	if (strcmp(code, "eblup") == 0)
		return en ? "model (survey answers and registers)" : "modell (enkätsvar och register)";
	if (strcmp(code, "synthetic") == 0)
		return en ? "no survey answers" : "inga enkätsvar";
	if (strcmp(code, "direct") == 0)
		return en ? "survey answers" : "enkätsvar";
	return code;
}

const char *label_yb(int en, const char *code)
{
	static const struct word yb[] = {
		{"paradox", "Brist trots många sökande", "Shortage despite many jobseekers"},
		{NULL, NULL, NULL},
	};
	for (int i = 0; yb[i].code; i++)
		if (strcmp(code, yb[i].code) == 0)
			return en ? yb[i].en : yb[i].sv;
	/* Yrkesbarometern's brist, balans and överskott are our verdicts' codes */
	int v = verdict_parse(code);
	if (v >= 0 && v != VK_X)
		return verdict_label((enum verdict_kind)v, en);
	return code;
}

int label_verdict_level(const char *code)
{
	if (strcmp(code, "paradox") == 0)
		return 2;
	int v = verdict_parse(code);
	if (v < 0 || v == VK_X)
		return -9;
	return VK_BALANS - v; /* brist 2, bevaka 1, balans 0, överskott -1 */
}

char *label_model_term(int en, const char *term, const char *track_name)
{
	static const struct word terms[] = {
		{"intercept", "Konstant (referensperson: man, 25–34 år, förgymnasial utbildning)",
		 "Intercept (reference person: man, 25-34, below upper secondary)"},
		{"(intercept)", "Konstant", "Intercept"},
		{"kvinna", "Kvinna (jämfört med man)", "Woman (compared with man)"},
		{"age_16_24", "Ålder 16–24 år (jämfört med 25–34)", "Age 16-24 (compared with 25-34)"},
		{"age_35_44", "Ålder 35–44 år (jämfört med 25–34)", "Age 35-44 (compared with 25-34)"},
		{"age_45_plus", "Ålder 45 år eller äldre (jämfört med 25–34)",
		 "Age 45 or older (compared with 25-34)"},
		{"sun_3_4", "Gymnasial utbildning (jämfört med förgymnasial)",
		 "Upper secondary education (compared with below)"},
		{"sun_5_6", "Eftergymnasial utbildning (jämfört med förgymnasial)",
		 "Post-secondary education (compared with below upper secondary)"},
		{"sun_unknown", "Utbildning okänd", "Education unknown"},
		{"sun_level", "Utbildningsnivå (SUN, per nivå)", "Education level (SUN, per level)"},
		{"swedish_rank", "Svenskanivå, per steg (sfi A till modersmål)",
		 "Swedish level, per step (sfi A to native)"},
		{"swedish_level", "Svenskanivå, per steg", "Swedish level, per step"},
		{"swedish_unknown", "Svenskanivå okänd", "Swedish level unknown"},
		{"years_since_arrival", "År sedan ankomst till Sverige, per år",
		 "Years since arrival in Sweden, per year"},
		{"arrival_unknown", "Ankomstdatum okänt", "Arrival date unknown"},
		{NULL, NULL, NULL},
	};
	for (int i = 0; terms[i].code; i++)
		if (strcmp(term, terms[i].code) == 0)
			return estrdup(en ? terms[i].en : terms[i].sv);
	if (strncmp(term, "track_", 6) == 0)
		return easprintf(en ? "Job track: %s" : "Jobbspår: %s",
				 track_name && *track_name ? track_name : term + 6);
	return estrdup(term);
}

const char *label_model_note(int en, const char *note)
{
	static const struct word notes[] = {
		{"reference track", "referensspår: de andra spåren jämförs med det",
		 "reference track: the others are compared with it"},
		{"not estimated: constant in the outcomes", "skattas inte: samma värde för alla",
		 "not estimated: the same for everyone"},
		{"not estimated: no outcomes", "skattas inte: inga tidigare deltagare",
		 "not estimated: no past participants"},
		{"estimated but not used", "skattad men inte använd", "estimated but not used"},
		{NULL, NULL, NULL},
	};
	for (int i = 0; notes[i].code; i++)
		if (strcmp(note, notes[i].code) == 0)
			return en ? notes[i].en : notes[i].sv;
	return note;
}

const char *label_input_source(int en, const char *file)
{
	static const struct word src[] = {
		{"survey_respondents.csv", "Arbetsgivarenkäten: svarande arbetsställen",
		 "Employer survey: responding workplaces"},
		{"survey_frame.csv", "Arbetsgivarenkäten: urvalsram (SCB:s företagsregister)",
		 "Employer survey: sampling frame (Statistics Sweden's business register)"},
		{"survey_occupations.csv", "Arbetsgivarenkäten: svar per yrke",
		 "Employer survey: answers per occupation"},
		{"jobseekers.csv", "Arbetsförmedlingen: inskrivna arbetssökande",
		 "Arbetsförmedlingen: registered jobseekers"},
		{"employment.csv", "SCB: yrkesregistret (anställda per yrke och ålder)",
		 "Statistics Sweden: occupational register (employees by occupation and age)"},
		{"vacancies.csv", "Arbetsförmedlingen: platsannonser (Platsbanken)",
		 "Arbetsförmedlingen: job ads (Platsbanken)"},
		{"outcomes.csv", "Kommunen och Arbetsförmedlingen: tidigare deltagare i jobbspår",
		 "The municipality and Arbetsförmedlingen: past job-track participants"},
		{"yrkesbarometer.csv", "Arbetsförmedlingen: Yrkesbarometern",
		 "Arbetsförmedlingen: Yrkesbarometern (occupational barometer)"},
		{NULL, NULL, NULL},
	};
	for (int i = 0; src[i].code; i++)
		if (strcmp(file, src[i].code) == 0)
			return en ? src[i].en : src[i].sv;
	return "";
}

const char *label_reject_reason(int en, const char *reason)
{
	if (en)
		return reason;
	/* the reasons jobbspar-ingest gives most often; others as written */
	static const struct word reasons[] = {
		{"unknown SSYK code", "okänd SSYK-kod", NULL},
		{"not an SSYK 2012 4-digit code", "inte en fyrsiffrig SSYK 2012-kod", NULL},
		{"no SSYK code", "SSYK-kod saknas", NULL},
		{"unknown kommun code", "okänd kommunkod", NULL},
		{"not a valid date YYYY-MM-DD", "inte ett giltigt datum (ÅÅÅÅ-MM-DD)", NULL},
		{"not a date", "inte ett datum", NULL},
		{"not a whole number >= 0", "inte ett heltal ≥ 0", NULL},
		{"not 0 or 1", "inte 0 eller 1", NULL},
		{"duplicate ad_id", "annons-id förekommer två gånger", NULL},
		{"invalid check digit", "fel kontrollsiffra", NULL},
		{"invalid organisation number", "ogiltigt organisationsnummer", NULL},
		{"unknown value", "okänt värde", NULL},
		{"ends before it starts", "slutar innan det börjar", NULL},
		{"year out of range", "året ligger utanför tillåtet intervall", NULL},
		{"stratum not in survey_frame.csv", "stratumet finns inte i urvalsramen", NULL},
		{"not an SNI 2007 code", "inte en SNI 2007-kod", NULL},
		{"not a SUN 2020 level 0-6", "inte en SUN 2020-nivå 0–6", NULL},
		{"more than 3 occupations", "fler än 3 yrken", NULL},
		{NULL, NULL, NULL},
	};
	for (int i = 0; reasons[i].code; i++)
		if (strcmp(reason, reasons[i].code) == 0)
			return reasons[i].sv;
	return reason;
}

/* The word of CODE in WORDS (ending with a NULL code), else CODE itself. */
static const char *word_of(const struct word *words, int en, const char *code)
{
	for (int i = 0; words[i].code; i++)
		if (strcmp(code, words[i].code) == 0)
			return en ? words[i].en : words[i].sv;
	return code;
}

const char *label_proposal_kind(int en, const char *kind)
{
	static const struct word kinds[] = {
		{"track", "jobbspår som inte erbjuds här", "job track not offered here"},
		{"bundle", "yrkespaket", "bundle of occupations"},
		{"ssyk3", "yrkesgrupp (SSYK, tre siffror)", "occupation group (SSYK, three digits)"},
		{NULL, NULL, NULL},
	};
	return word_of(kinds, en, kind);
}

const char *label_requirements_source(int en, const char *code)
{
	static const struct word src[] = {
		{"track", "spårets egna krav", "the track's own"},
		{"survey_kommun", "arbetsgivarenkäten i kommunen", "the employer survey in the municipality"},
		{"survey_all", "arbetsgivarenkäten i alla kommuner", "the employer survey in all municipalities"},
		{"none", "inga uppgifter", "no information"},
		{NULL, NULL, NULL},
	};
	return word_of(src, en, code);
}

const char *label_obstacle(int en, const char *code)
{
	/* short: the sentence under each proposal says it in full */
	static const struct word obstacles[] = {
		{"none", "inget", "none"},
		{"swedish", "kravet på svenska", "the Swedish requirement"},
		{"education", "kravet på utbildning", "the education requirement"},
		{"candidates", "få kandidater", "few candidates"},
		{"employers", "få öppna arbetsgivare", "few open employers"},
		{"demand", "liten efterfrågan", "little demand"},
		{"shortage", "liten trolig brist", "little credible shortage"},
		{"interest", "få intresserade", "few interested"},
		{NULL, NULL, NULL},
	};
	return word_of(obstacles, en, code);
}

const char *label_swedish_level(int en, const char *code)
{
	static const struct word levels[] = {
		{"", "inget krav", "none"},
		{"sfi-a", "sfi A", "sfi A"},
		{"sfi-b", "sfi B", "sfi B"},
		{"sfi-c", "sfi C", "sfi C"},
		{"sfi-d", "sfi D", "sfi D"},
		{"sas", "svenska som andraspråk", "Swedish as a second language"},
		{"modersmål", "modersmål", "native"},
		{NULL, NULL, NULL},
	};
	return word_of(levels, en, code);
}

char *label_sun_level(int en, const char *code)
{
	/* SUN 2020 level 1 (data/ref/sun2020_education_level.csv), shortened */
	static const struct word levels[] = {
		{"0", "förskola", "pre-school"},
		{"1", "förgymnasial, under 9 år", "primary, under 9 years"},
		{"2", "förgymnasial, 9 år", "compulsory school, 9 years"},
		{"3", "gymnasial", "upper secondary"},
		{"4", "eftergymnasial, under 2 år", "post-secondary, under 2 years"},
		{"5", "eftergymnasial, minst 2 år", "post-secondary, 2 years or more"},
		{"6", "forskarutbildning", "doctoral"},
		{NULL, NULL, NULL},
	};
	if (!*code)
		return estrdup(en ? "none" : "inget krav");
	const char *w = word_of(levels, en, code);
	return w == code ? estrdup(code) : easprintf("%s (SUN %s)", w, code);
}
