/* synth_ids: valid-format identity numbers for fictitious persons and
 * employers (docs/DATA.md): personnummer and samordningsnummer with a real
 * birth date and a Luhn check digit, and organisation numbers.
 *
 * A registry of used numbers keeps every generated person distinct within
 * one run (jobseekers and past participants alike). */
#ifndef JOBBSPAR_SYNTH_IDS_H
#define JOBBSPAR_SYNTH_IDS_H

#include <gsl/gsl_rng.h>

/* How a personnummer is printed. */
enum synth_pnr_form {
	SYNTH_PNR_12_DASH,  /* YYYYMMDD-NNNC */
	SYNTH_PNR_12,       /* YYYYMMDDNNNC */
	SYNTH_PNR_10_DASH   /* YYMMDD-NNNC (only for persons under 100) */
};

struct synth_ids; /* used-number registry, persons born 1900-2099 */

/* New empty registry (caller frees with synth_ids_free). */
struct synth_ids *synth_ids_new(void);
void synth_ids_free(struct synth_ids *ids);

/* Makes an unused number for a person born on BIRTH_DAY (days since
 * 1970-01-01, year 1900-2099) of the given sex; SAMORDNING adds 60 to the
 * day. The birth number is drawn from R; a used one is replaced by the next
 * free one. Writes the text in FORM into OUT (>= 14 bytes). Returns 0, or -1
 * when all 500 birth numbers of that day and sex are used. */
int synth_ids_person(struct synth_ids *ids, gsl_rng *r, long birth_day, int female,
		     int samordning, enum synth_pnr_form form, char out[14]);

/* Formats a personnummer from its parts without the registry (used by
 * tests and for deliberately bad rows): BIRTH_NUMBER 0-999 is the NNN part.
 * The check digit is correct. */
void synth_pnr_format(long birth_day, int birth_number, int samordning,
		      enum synth_pnr_form form, char out[14]);

/* Organisation number of a legal person, 10 digits NNNNNN-NNNC with the
 * third digit >= 2 and a Luhn check digit. GROUP is the first digit (2 public
 * bodies, 5 companies); SERIAL (0 - 9 999 999) makes it unique within the
 * group. Writes 12 bytes (11 characters + NUL) to OUT. */
void synth_orgnr(int group, long serial, char out[12]);

#endif
