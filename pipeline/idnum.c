#include "idnum.h"
#include "msg.h"
#include "value.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int luhn_digit(const char *d, size_t n)
{
	int sum = 0;
	for (size_t i = 0; i < n; i++) {
		int v = d[i] - '0';
		/* weights 2,1,2,1... from the left for the 9 digits before the check */
		if ((n - i) % 2 == 1) {
			v *= 2;
			if (v > 9)
				v -= 9;
		}
		sum += v;
	}
	return (10 - sum % 10) % 10;
}

int luhn_valid(const char *digits, size_t n)
{
	if (n < 2)
		return 0;
	return luhn_digit(digits, n - 1) == digits[n - 1] - '0';
}

/* Collects digits of TEXT; returns count, sets *sep to '-' '+' or 0; -1 when
 * another character occurs, -2 when there are too many digits. */
static int collect_digits(const char *text, char *digits, size_t cap, char *sep, int *sep_pos)
{
	size_t len;
	const char *s = value_trim(text, &len);
	int n = 0;
	*sep = 0;
	*sep_pos = -1;
	for (size_t i = 0; i < len; i++) {
		if (isdigit((unsigned char)s[i])) {
			if ((size_t)n + 1 >= cap)
				return -2;
			digits[n++] = s[i];
		} else if ((s[i] == '-' || s[i] == '+') && !*sep) {
			*sep = s[i];
			*sep_pos = n;
		} else {
			return -1;
		}
	}
	digits[n] = '\0';
	return n;
}

int idnum_parse_person(const char *text, int ref_year, struct idnum *out, const char **why)
{
	char d[16], sep;
	int sep_pos;
	int n = collect_digits(text, d, sizeof d, &sep, &sep_pos);
	if (n == -1) {
		*why = "a character other than digits and one - or + (YYYYMMDD-NNNN)";
		return -1;
	}
	if (n != 10 && n != 12) {
		*why = "not 10 or 12 digits";
		return -1;
	}
	if (sep && sep_pos != n - 4) {
		*why = "separator in the wrong place";
		return -1;
	}
	char full[13];
	if (n == 12) {
		memcpy(full, d, 12);
	} else {
		int yy = (d[0] - '0') * 10 + (d[1] - '0');
		int century = ref_year / 100 * 100;
		int year = century + yy;
		if (year > ref_year)
			year -= 100;
		if (sep == '+')
			year -= 100;
		full[0] = (char)('0' + year / 1000 % 10);
		full[1] = (char)('0' + year / 100 % 10);
		memcpy(full + 2, d, 10);
	}
	full[12] = '\0';
	int y = (full[0] - '0') * 1000 + (full[1] - '0') * 100 + (full[2] - '0') * 10 + (full[3] - '0');
	int m = (full[4] - '0') * 10 + (full[5] - '0');
	int day = (full[6] - '0') * 10 + (full[7] - '0');
	enum idnum_kind kind = IDNUM_PERSONNUMMER;
	if (day > 60) {
		kind = IDNUM_SAMORDNINGSNUMMER;
		day -= 60;
	}
	if (!date_valid(y, m, day)) {
		*why = "no such birth date";
		return -1;
	}
	if (!luhn_valid(full + 2, 10)) {
		*why = "check digit wrong";
		return -1;
	}
	memcpy(out->canonical, full, 13);
	out->kind = kind;
	out->birth_year = y;
	out->birth_month = m;
	out->birth_day = day;
	out->female = (full[10] - '0') % 2 == 0;
	return 0;
}

int idnum_parse_org(const char *text, int ref_year, char *canon, const char **why)
{
	char d[16], sep;
	int sep_pos;
	int n = collect_digits(text, d, sizeof d, &sep, &sep_pos);
	if (n == 12 && d[0] == '1' && d[1] == '6') {
		memmove(d, d + 2, 11);
		n = 10;
		sep_pos = sep_pos >= 0 ? sep_pos - 2 : -1;
	}
	if (n == 10 && (!sep || sep_pos == 6) && d[2] >= '2') {
		/* legal person: third digit >= 2 */
		if (!luhn_valid(d, 10)) {
			*why = "check digit wrong";
			return -1;
		}
		memcpy(canon, d, 11);
		return 0;
	}
	struct idnum id;
	if (idnum_parse_person(text, ref_year, &id, why) == 0) {
		memcpy(canon, id.canonical + 2, 11);
		return 0;
	}
	if (n != 10 && n != 12)
		*why = "not 10 digits";
	return -1;
}

int pseudo_key_load(const char *path, unsigned char key[PSEUDO_KEY_BYTES])
{
	if (sodium_init() < 0) {
		msg_error("cannot initialise libsodium");
		return -1;
	}
	int fd = open(path, O_RDONLY);
	if (fd < 0 && errno == ENOENT) {
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
		if (fd < 0) {
			msg_error_at(path, 0, "cannot create key file: %s", strerror(errno));
			return -1;
		}
		randombytes_buf(key, PSEUDO_KEY_BYTES);
		char hex[2 * PSEUDO_KEY_BYTES + 2];
		sodium_bin2hex(hex, sizeof hex, key, PSEUDO_KEY_BYTES);
		size_t hl = strlen(hex);
		hex[hl] = '\n';
		if (write(fd, hex, hl + 1) != (ssize_t)(hl + 1) || fsync(fd) != 0 || close(fd) != 0) {
			msg_error_at(path, 0, "cannot write key file: %s", strerror(errno));
			unlink(path);
			return -1;
		}
		msg_note("created pseudonym key %s (mode 0600)", path);
		return 0;
	}
	if (fd < 0) {
		msg_error_at(path, 0, "cannot open key file: %s", strerror(errno));
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || (st.st_mode & 077)) {
		msg_error_at(path, 0, "key file must be readable by its owner only (chmod 600)");
		close(fd);
		return -1;
	}
	char hex[80];
	ssize_t got = read(fd, hex, sizeof hex - 1);
	close(fd);
	if (got < 0) {
		msg_error_at(path, 0, "cannot read key file: %s", strerror(errno));
		return -1;
	}
	hex[got] = '\0';
	size_t bin_len = 0;
	if (sodium_hex2bin(key, PSEUDO_KEY_BYTES, hex, (size_t)got, " \n\r", &bin_len, NULL) != 0 ||
	    bin_len != PSEUDO_KEY_BYTES) {
		msg_error_at(path, 0, "key file does not hold %d hex-encoded bytes", PSEUDO_KEY_BYTES);
		return -1;
	}
	return 0;
}

void pseudo_make(const unsigned char key[PSEUDO_KEY_BYTES], char domain,
		 const char *id, char out[PSEUDO_HEX_LEN + 1])
{
	unsigned char msg[32];
	size_t n = strlen(id);
	if (n > sizeof msg - 1)
		n = sizeof msg - 1;
	msg[0] = (unsigned char)domain;
	memcpy(msg + 1, id, n);
	unsigned char h[crypto_shorthash_siphashx24_BYTES];
	crypto_shorthash_siphashx24(h, msg, n + 1, key);
	static const char hexd[] = "0123456789abcdef";
	for (size_t i = 0; i < sizeof h; i++) {
		out[2 * i] = hexd[h[i] >> 4];
		out[2 * i + 1] = hexd[h[i] & 15];
	}
	out[PSEUDO_HEX_LEN] = '\0';
}

/* Bytes that may join the digit groups of one identity number when masking:
 * anything but an ASCII letter or digit or '|' (the list separator of the
 * input contract: "5120|9412|9111" is a list of codes), so '-', '+', ' ',
 * '/', '.', and the bytes of an en dash or a no-break space; at most
 * MASK_GAP in a row. */
enum { MASK_GAP = 3 };

static int joiner(unsigned char c)
{
	return !isalnum(c) && c != '|' && c != '\0';
}

char *idnum_mask(const char *text)
{
	char *out = estrdup(text);
	size_t n = strlen(out);
	size_t i = 0;
	while (i < n) {
		if (!isdigit((unsigned char)out[i])) {
			i++;
			continue;
		}
		/* the run: digit groups joined by short gaps of joiners */
		size_t j = i, end = i, digits = 0;
		while (j < n) {
			if (isdigit((unsigned char)out[j])) {
				digits++;
				end = ++j;
				continue;
			}
			size_t gap = 0;
			while (j + gap < n && gap <= MASK_GAP && joiner((unsigned char)out[j + gap]))
				gap++;
			if (gap == 0 || gap > MASK_GAP || j + gap >= n ||
			    !isdigit((unsigned char)out[j + gap]))
				break;
			j += gap;
		}
		if (digits >= 10) {
			for (size_t k = i; k < end; k++)
				if (isdigit((unsigned char)out[k]))
					out[k] = 'X';
		}
		i = end;
	}
	return out;
}

/* Checks the digits D[0..n) joined by SEP ('-', '+' or 0) as a personnummer. */
static int is_person(const char *d, size_t n, char sep, const char *rest, int ref_year)
{
	char cand[20];
	size_t o = n;
	memcpy(cand, d, n);
	if (sep)
		cand[o++] = sep;
	if (rest) {
		memcpy(cand + o, rest, 4);
		o += 4;
	}
	cand[o] = '\0';
	struct idnum id;
	const char *why;
	return idnum_parse_person(cand, ref_year, &id, &why) == 0;
}

int idnum_find_person(const char *text, int ref_year)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t n = strlen(text), i = 0;
	while (i < n) {
		if (!isdigit(s[i])) {
			i++;
			continue;
		}
		size_t start = i;
		while (i < n && isdigit(s[i]))
			i++;
		size_t len = i - start;
		if ((len == 10 || len == 12) && is_person(text + start, len, 0, NULL, ref_year))
			return 1;
		if (len != 6 && len != 8)
			continue;
		size_t gap = 0;
		while (i + gap < n && gap <= MASK_GAP && joiner(s[i + gap]))
			gap++;
		if (gap == 0 || gap > MASK_GAP)
			continue;
		size_t b = i + gap, e = b;
		while (e < n && isdigit(s[e]))
			e++;
		char sep = gap == 1 && s[i] == '+' ? '+' : '-';
		if (e - b == 4 && is_person(text + start, len, sep, text + b, ref_year))
			return 1;
	}
	return 0;
}
