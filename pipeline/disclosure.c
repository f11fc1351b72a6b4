#include "disclosure.h"

#include <math.h>

int disclosure_persons_hidden(double persons, long min_persons)
{
	return !isnan(persons) && persons > 0 && persons < (double)min_persons;
}

int disclosure_respondents_hidden(double respondents, long min_respondents)
{
	return isnan(respondents) || respondents < 0 ||
	       (respondents > 0 && respondents < (double)min_respondents);
}

int disclosure_estimate_hidden(double value, double respondents, long min_respondents)
{
	return !isnan(value) && disclosure_respondents_hidden(respondents, min_respondents);
}
