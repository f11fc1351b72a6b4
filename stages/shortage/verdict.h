/* verdict: the shortage stage's verdict classes and their shortage.tsv
 * codes. The verdict itself comes from the shortage index (shortage.c,
 * docs/METHOD.md "Credible shortage"). */
#ifndef JOBBSPAR_SHORTAGE_VERDICT_H
#define JOBBSPAR_SHORTAGE_VERDICT_H

enum verdict { VERDICT_X = -1, VERDICT_OVERSKOTT = 0, VERDICT_BALANS = 1, VERDICT_BEVAKA = 2,
	       VERDICT_BRIST = 3 };

/* The shortage.tsv code of V (pipeline/verdicts.h's verdict_code): "brist",
 * "bevaka", "balans", "överskott", "X" (static). */
const char *verdict_name(enum verdict v);

#endif
