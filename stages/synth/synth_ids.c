#include "synth_ids.h"
#include "idnum.h"
#include "msg.h"
#include "value.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* one bit per (birth date 1900-2099, samordning, birth number 0-999) */
#define IDS_DAYS (200L * 366)
struct synth_ids {
	unsigned char *used;
	long base_day;
};

struct synth_ids *synth_ids_new(void)
{
	struct synth_ids *ids = emalloc(sizeof *ids);
	ids->used = ecalloc((size_t)(IDS_DAYS * 2 * 1000 / 8 + 1), 1);
	ids->base_day = days_from_civil(1900, 1, 1);
	return ids;
}

void synth_ids_free(struct synth_ids *ids)
{
	if (!ids)
		return;
	free(ids->used);
	free(ids);
}

static void put_digits(char *out, long v, int n)
{
	for (int i = n - 1; i >= 0; i--) {
		out[i] = (char)('0' + v % 10);
		v /= 10;
	}
}

void synth_pnr_format(long birth_day, int birth_number, int samordning,
		      enum synth_pnr_form form, char out[14])
{
	int y, m, d;
	civil_from_days(birth_day, &y, &m, &d);
	char ten[10]; /* YYMMDDNNNC */
	put_digits(ten, y % 100, 2);
	put_digits(ten + 2, m, 2);
	put_digits(ten + 4, samordning ? d + 60 : d, 2);
	put_digits(ten + 6, birth_number % 1000, 3);
	ten[9] = (char)('0' + luhn_digit(ten, 9));
	size_t k = 0;
	if (form != SYNTH_PNR_10_DASH) {
		put_digits(out, y / 100 % 100, 2);
		k = 2;
	}
	memcpy(out + k, ten, 6);
	k += 6;
	if (form != SYNTH_PNR_12)
		out[k++] = '-';
	memcpy(out + k, ten + 6, 4);
	out[k + 4] = '\0';
}

int synth_ids_person(struct synth_ids *ids, gsl_rng *r, long birth_day, int female,
		     int samordning, enum synth_pnr_form form, char out[14])
{
	long di = birth_day - ids->base_day;
	if (di < 0 || di >= IDS_DAYS)
		msg_die(EXIT_DATA, "synthetic birth date out of range (programming error)");
	/* the last of the three birth-number digits is even for women */
	int start = (int)gsl_rng_uniform_int(r, 500);
	for (int k = 0; k < 500; k++) {
		int half = (start + k) % 500;
		int nnn = half * 2 + (female ? 0 : 1);
		long bit = ((di * 2 + (samordning ? 1 : 0)) * 1000) + nnn;
		if (ids->used[bit / 8] & (1u << (bit % 8)))
			continue;
		ids->used[bit / 8] |= (unsigned char)(1u << (bit % 8));
		synth_pnr_format(birth_day, nnn, samordning, form, out);
		return 0;
	}
	return -1;
}

void synth_orgnr(int group, long serial, char out[12])
{
	char d[10];
	/* digits 2-4 come from the serial's high part so that the third digit is
	 * 2-9, which marks a legal person (never a personnummer) */
	long hi = serial / 100000 % 100, lo = serial % 100000;
	d[0] = (char)('0' + group % 10);
	d[1] = (char)('0' + hi / 80);
	d[2] = (char)('0' + 2 + hi % 8);
	d[3] = (char)('0' + hi / 8 % 10);
	put_digits(d + 4, lo, 5);
	d[9] = (char)('0' + luhn_digit(d, 9));
	memcpy(out, d, 6);
	out[6] = '-';
	memcpy(out + 7, d + 6, 4);
	out[11] = '\0';
}
