/* idnum: Swedish personal identity numbers (personnummer, samordningsnummer)
 * and organisation numbers, and their keyed pseudonyms.
 *
 * The pseudonym is SipHash-2-4 with 128-bit output (libsodium
 * crypto_shorthash_siphashx24) under a secret 16-byte key, over the canonical
 * 12-digit form, printed as 32 hex digits. SipHash is a keyed PRF built for
 * short inputs: fast (one call per row at ingest speed) and, without the key,
 * the pseudonym cannot be recomputed from a guessed number. 128 bits make
 * collisions negligible for national volumes. */
#ifndef JOBBSPAR_IDNUM_H
#define JOBBSPAR_IDNUM_H

#include <stddef.h>

enum idnum_kind { IDNUM_PERSONNUMMER, IDNUM_SAMORDNINGSNUMMER };

struct idnum {
	char canonical[13];   /* 12 digits YYYYMMDDNNNC, NUL-terminated */
	enum idnum_kind kind;
	int birth_year, birth_month, birth_day; /* real birth date (day-60 for samordning) */
	int female;           /* second-to-last digit even */
};

/* Parses and checks a personnummer or samordningsnummer: 10 digits
 * (YYMMDD-NNNC, '+' for 100 years or more) or 12 (YYYYMMDDNNNC), separator
 * optional for 12 digits; date must exist (day + 60 for samordningsnummer);
 * Luhn check digit over the 10-digit form. For 10 digits the century is
 * chosen relative to REF_YEAR (the run's reference year): the latest century
 * not in the future, one more back with '+'. Returns 0 ok, or -1 with a short
 * reason in *why (static string). */
int idnum_parse_person(const char *text, int ref_year, struct idnum *out, const char **why);

/* Checks an organisation number: 10 digits with optional '-' after 6
 * (NNNNNN-NNNC), optionally prefixed "16"; Luhn check. A sole trader's
 * number is a personnummer, also accepted. Writes 10 canonical digits to
 * CANON (>= 11 bytes). Returns 0 or -1 with *why. */
int idnum_parse_org(const char *text, int ref_year, char *canon, const char **why);

/* Luhn check over N digits (the last one the check digit). */
int luhn_valid(const char *digits, size_t n);
/* Luhn check digit for N digits. */
int luhn_digit(const char *digits, size_t n);

#define PSEUDO_KEY_BYTES 16
#define PSEUDO_HEX_LEN 32

/* Loads the key from PATH, or creates it (mode 0600, random bytes from
 * libsodium) if absent. Refuses a key file readable by group or others.
 * Returns 0 or -1 with a message. The key is never printed. */
int pseudo_key_load(const char *path, unsigned char key[PSEUDO_KEY_BYTES]);
/* Writes the pseudonym of the canonical string ID (with a domain prefix so
 * person and organisation pseudonyms never coincide) as 32 lower-case hex
 * digits + NUL into OUT (>= 33 bytes). */
void pseudo_make(const unsigned char key[PSEUDO_KEY_BYTES], char domain,
		 const char *id, char out[PSEUDO_HEX_LEN + 1]);

/* Masks anything that looks like an identity number in TEXT for the rejects
 * file: every digit of a run of 10 or more digits becomes 'X', so neither
 * the birth date nor the serial number survives. Within a run, digit groups
 * may be joined by up to 3 bytes that are not ASCII letters, digits or '|'
 * ('-', '+', space, '/', '.', an en dash...). Deliberately broad: a long code or count is masked too.
 * Returns a new string (caller frees). */
char *idnum_mask(const char *text);

/* 1 if TEXT holds a personnummer or samordningsnummer (date and check digit
 * valid, as idnum_parse_person checks them with REF_YEAR) anywhere in it: a
 * run of 10 or 12 digits, or of 6 or 8 digits joined to 4 more by up to 3
 * bytes that idnum_mask also bridges ('-', '+', a space, an en dash...).
 * Used on the free-text fields that are copied to the tables (ids), where an
 * identity number must never be. Else 0. */
int idnum_find_person(const char *text, int ref_year);

#endif
