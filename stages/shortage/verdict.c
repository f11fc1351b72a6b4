#include "verdict.h"
#include "verdicts.h"

const char *verdict_name(enum verdict v)
{
	/* this enum is a rank (överskott 0 .. brist 3); the shared one runs in
	 * order of severity */
	if (v < VERDICT_OVERSKOTT || v > VERDICT_BRIST)
		return verdict_code(VK_X);
	return verdict_code((enum verdict_kind)(VK_OVERSKOTT - (int)v));
}
