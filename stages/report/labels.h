/* labels: the codes of the inputs as the words a reader sees, in Swedish
 * or English: the shortage table's flags and evidence, the survey source,
 * Yrkesbarometer's verdicts, the placement model's terms and notes, the
 * input files' sources and the reasons rows were rejected. A code without a
 * word is shown as it is. Every function returns a static string or a new
 * one, as its comment says. */
#ifndef JOBBSPAR_REPORT_LABELS_H
#define JOBBSPAR_REPORT_LABELS_H

/* The `flag` and `evidence` codes (";"-joined) as words joined by ", ",
 * each once, in a fixed order ("få svarande, osäker skattning"); "" when
 * there are none. New string, caller frees. */
char *label_flags(int en, const char *flags, const char *evidence);
/* survey_source: eblup, synthetic, direct (static). */
const char *label_survey_source(int en, const char *code);
/* Yrkesbarometer's rekryteringssituation (brist, balans, överskott,
 * paradox) as a word; "" for ""; the code itself when unknown (static or
 * borrowed). */
const char *label_yb(int en, const char *code);
/* Where a verdict stands on one scale, to compare the local verdict with
 * Yrkesbarometer's: 2 brist (and paradox), 1 bevaka, 0 balans, -1 överskott;
 * -9 for X, "" and anything else. */
int label_verdict_level(const char *code);
/* A term of the placement model (model.tsv) as words; TRACK_NAME is the
 * name of the track of a "track_<id>" term (NULL: the id). New string. */
char *label_model_term(int en, const char *term, const char *track_name);
/* A note of model.tsv as words (static or borrowed). */
const char *label_model_note(int en, const char *note);
/* The source of an input file of the contract (docs/DATA.md): "SCB,
 * yrkesregistret" for employment.csv; "" when unknown (static). */
const char *label_input_source(int en, const char *file);
/* A reason of rejects.csv in the report's language (static or borrowed). */
const char *label_reject_reason(int en, const char *reason);
/* proposals.tsv's `kind` (track, bundle, ssyk3) as words (static or borrowed). */
const char *label_proposal_kind(int en, const char *kind);
/* proposals.tsv's `requirements` (where the entry requirements come from:
 * track, survey_kommun, survey_all, none) as words (static or borrowed). */
const char *label_requirements_source(int en, const char *code);
/* proposals.tsv's `obstacle` (none, swedish, education, candidates,
 * employers, demand, shortage, interest) as words (static or borrowed). */
const char *label_obstacle(int en, const char *code);
/* A Swedish level (sfi-a ... sas, modersmål) as a reader writes it ("sfi B");
 * "" is no requirement (static or borrowed). */
const char *label_swedish_level(int en, const char *code);
/* A SUN 2020 level 0-6 as words with its code ("gymnasial (SUN 3)"); "" is
 * no requirement; another value is shown as it is. New string. */
char *label_sun_level(int en, const char *code);

#endif
