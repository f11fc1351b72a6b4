/* disclosure: the primary small-count rules of statistical disclosure
 * control, the one definition that the report, the charts and trackfit's
 * tables apply (docs/METHOD.md section 5). Secondary suppression, which
 * depends on how a table's cells add up, stays with each table's writer.
 *
 * - A count of persons is published when it is 0 (it describes nobody) or
 *   at least min_persons; 1 to min_persons - 1 is hidden.
 * - A survey estimate is published when it rests on at least
 *   min_respondents respondents, or on none (it describes nobody: 0 open
 *   employers weight up to 0); an unknown number of respondents (NaN or
 *   negative) cannot show that, so the estimate is hidden.
 * - Missing: a value that is missing (NaN) has nothing to hide. It is never
 *   marked as suppressed; the writer shows it as missing. (Whether a missing
 *   value can be drawn in a chart is the chart's concern, not this rule's.) */
#ifndef JOBBSPAR_DISCLOSURE_H
#define JOBBSPAR_DISCLOSURE_H

/* 1 if a count of PERSONS must be hidden: 0 < persons < MIN_PERSONS.
 * 0 for 0, for at least MIN_PERSONS, for a missing count (NaN) and for a
 * negative value (no count of persons; nobody is described). */
int disclosure_persons_hidden(double persons, long min_persons);

/* 1 if an estimate resting on RESPONDENTS respondents must be hidden: 1 to
 * MIN_RESPONDENTS - 1, or unknown (NaN or negative). This is the rule on
 * the base alone; see disclosure_estimate_hidden for a value. */
int disclosure_respondents_hidden(double respondents, long min_respondents);

/* 1 if the survey estimate VALUE resting on RESPONDENTS must be hidden:
 * never when VALUE is missing (NaN), else disclosure_respondents_hidden. */
int disclosure_estimate_hidden(double value, double respondents, long min_respondents);

#endif
