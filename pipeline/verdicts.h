/* verdicts: the one definition of the shortage verdicts that every stage
 * shares: the codes written in shortage.tsv's verdict column, the Swedish
 * and English labels, the order of severity used for sorting, and the
 * chart colour of each (a verdict is drawn in the same colour everywhere).
 * docs/METHOD.md defines what each verdict means. */
#ifndef JOBBSPAR_VERDICTS_H
#define JOBBSPAR_VERDICTS_H

/* In order of severity, most severe first; VK_X is "not assessed". */
enum verdict_kind { VK_BRIST, VK_BEVAKA, VK_BALANS, VK_OVERSKOTT, VK_X, VK_COUNT };

/* The code as written in shortage.tsv: "brist", "bevaka", "balans",
 * "överskott", "X" (static; "X" for a value out of range). */
const char *verdict_code(enum verdict_kind v);

/* The verdict of CODE: one of the codes above, "" is VK_X, and the ASCII
 * spelling "overskott" is accepted for "överskott"; -1 for anything else. */
int verdict_parse(const char *code);

/* The label as a heading or table cell, EN 0 Swedish ("Brist", "Bevaka",
 * "Balans", "Överskott", "Ej bedömd"), EN 1 English ("Shortage", "Watch",
 * "Balance", "Surplus", "Not assessed"). Static. */
const char *verdict_label(enum verdict_kind v, int en);

/* The same label in lower case, for use inside a sentence or a chart key
 * ("brist" ... "ej bedömd"; "shortage" ... "not assessed"). Static. */
const char *verdict_word(enum verdict_kind v, int en);

/* The sort key of CODE: 0 (brist) to 4 (X) in order of severity, 5 for a
 * code verdict_parse does not know, so that it sorts last. */
int verdict_order(const char *code);

/* The chart colour, 0xRRGGBB: Okabe & Ito (2008), "Color Universal Design",
 * distinguishable with every common colour-vision deficiency; grey for X and
 * for a value out of range. */
unsigned verdict_colour(enum verdict_kind v);

#endif
