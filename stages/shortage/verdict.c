#include "verdict.h"
#include "verdicts.h"

#include <math.h>

const char *verdict_name(enum verdict v)
{
	/* this enum is a rank (överskott 0 .. brist 3) that verdict_combine
	 * averages; the shared one runs in order of severity */
	if (v < VERDICT_OVERSKOTT || v > VERDICT_BRIST)
		return verdict_code(VK_X);
	return verdict_code((enum verdict_kind)(VK_OVERSKOTT - (int)v));
}

int verdict_score(double x, const double thresholds[3])
{
	if (isnan(x))
		return -1;
	int s = 0;
	for (int i = 0; i < 3; i++)
		if (x >= thresholds[i])
			s++;
	return s;
}

double verdict_score_continuous(double x, const double t[3])
{
	if (isnan(x))
		return NAN;
	if (x >= t[2])
		return 3;
	if (x >= t[1])
		return t[2] > t[1] ? 2 + (x - t[1]) / (t[2] - t[1]) : 2;
	if (x >= t[0])
		return t[1] > t[0] ? 1 + (x - t[0]) / (t[1] - t[0]) : 1;
	double width = t[1] - t[0];
	if (!(width > 0) || x <= t[0] - width)
		return 0;
	return 1 - (t[0] - x) / width;
}

double verdict_mean_score(const int *scores, size_t n, size_t min_available, size_t *available)
{
	double sum = 0;
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (scores[i] >= 0) {
			sum += scores[i];
			k++;
		}
	*available = k;
	if (k == 0 || k < min_available)
		return NAN;
	return sum / (double)k;
}

enum verdict verdict_from_score(double score, const struct verdict_cuts *cuts)
{
	if (isnan(score))
		return VERDICT_X;
	if (score >= cuts->brist)
		return VERDICT_BRIST;
	if (score >= cuts->watch)
		return VERDICT_BEVAKA;
	if (score < cuts->surplus)
		return VERDICT_OVERSKOTT;
	return VERDICT_BALANS;
}

enum verdict verdict_from_balance(double balance, int publishable,
				  const struct verdict_survey_cuts *cuts)
{
	if (isnan(balance) || !publishable)
		return VERDICT_X;
	if (balance >= cuts->brist)
		return VERDICT_BRIST;
	if (balance >= cuts->watch)
		return VERDICT_BEVAKA;
	if (balance <= cuts->surplus)
		return VERDICT_OVERSKOTT;
	return VERDICT_BALANS;
}

enum verdict verdict_combine(enum verdict registry, enum verdict survey)
{
	if (registry == VERDICT_X)
		return survey;
	if (survey == VERDICT_X)
		return registry;
	int sum = (int)registry + (int)survey;
	if (sum % 2 == 0)
		return (enum verdict)(sum / 2);
	/* a half: toward the registry verdict */
	int lower = sum / 2, upper = sum / 2 + 1;
	return (enum verdict)((int)registry >= upper ? upper : lower);
}
