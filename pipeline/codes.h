/* codes: the reference code lists in data/ref (SSYK 2012, kommuner, SUN 2020
 * levels, SNI 2007), loaded once per program and looked up by code. */
#ifndef JOBBSPAR_CODES_H
#define JOBBSPAR_CODES_H

#include <stddef.h>

struct ssyk_entry {
	char code[5];        /* 4 digits */
	char *label_sv;
	char *label_en;
};

struct kommun_entry {
	char code[5];        /* 4 digits */
	char *name;
	char lan[3];         /* county code */
	char *lan_name;
	long population;     /* 2016-12-31 */
};

struct codes {
	struct ssyk_entry *ssyk;
	size_t nssyk;
	short ssyk_index[10000];      /* code -> index+1, 0 unknown */
	struct kommun_entry *kommun;
	size_t nkommun;
	short kommun_index[10000];
	char sni_section_of_division[100]; /* 2-digit division -> 'A'..'U', 0 */
	char **sni_codes;             /* sorted digit strings of levels 2-5 */
	size_t nsni;
	char *sni_section_label[26];  /* 'A'..'U' -> label */
	char *sun_label[7];           /* SUN 2020 level 0-6 */
};

/* Loads the lists from REFDIR (e.g. "data/ref"). Returns NULL with a message
 * on failure. Caller owns the result; free with codes_free. */
struct codes *codes_load(const char *refdir);
void codes_free(struct codes *c);

/* SSYK: TEXT is 4 digits, optionally followed by a space and a label
 * ("5120 Kockar och kallskänkor"). Writes the code to OUT (5 bytes) and
 * returns the entry, or NULL if malformed or not in SSYK 2012. */
const struct ssyk_entry *codes_ssyk(const struct codes *c, const char *text, char out[5]);
/* Entry of a 4-digit code string or NULL. */
const struct ssyk_entry *codes_ssyk_find(const struct codes *c, const char *code);

/* Kommun: 4 digits, or 3 digits padded with a leading zero (*padded = 1).
 * Returns the entry or NULL. */
const struct kommun_entry *codes_kommun(const struct codes *c, const char *text, int *padded);
const struct kommun_entry *codes_kommun_find(const struct codes *c, const char *code);
/* Finds a kommun by name, case-insensitively ("Norrköping"), or NULL. */
const struct kommun_entry *codes_kommun_by_name(const struct codes *c, const char *name);

/* SNI 2007: a section letter A-U, or a code of 2-5 digits (dots allowed,
 * "56.101") present in SNI 2007. Returns the section letter, 0 if invalid. */
char codes_sni_section(const struct codes *c, const char *text);

/* SUN 2020 level: one digit 0-6. Returns the level or -1. */
int codes_sun_level(const struct codes *c, const char *text);

#endif
