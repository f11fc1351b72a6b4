#include "gpquote.h"
#include "msg.h"

#include <stdlib.h>
#include <string.h>

/* Decodes one UTF-8 sequence at S (N bytes left). Writes the code point and
 * returns its length, or 0 for an invalid sequence (overlong, surrogate, out
 * of range, truncated). */
static size_t utf8_decode(const unsigned char *s, size_t n, unsigned long *cp)
{
	unsigned long c = s[0];
	size_t len;
	unsigned long min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xE0) == 0xC0) {
		len = 2, min = 0x80, c &= 0x1F;
	} else if ((c & 0xF0) == 0xE0) {
		len = 3, min = 0x800, c &= 0x0F;
	} else if ((c & 0xF8) == 0xF0) {
		len = 4, min = 0x10000, c &= 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

static int is_control(unsigned long cp)
{
	return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 ||
	       cp == 0x2029;
}

/* The shared cleaner: QUOTED selects the literal form. */
static char *clean(const char *text, size_t max_chars, int quoted)
{
	if (!text)
		text = "";
	const unsigned char *s = (const unsigned char *)text;
	size_t n = strlen(text);
	size_t nchars = 0;
	for (size_t i = 0; i < n;) {
		unsigned long cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		i += len ? len : 1;
		nchars++;
	}
	int cut = max_chars > 0 && nchars > max_chars;
	size_t keep = cut ? max_chars - 1 : nchars;
	/* worst case: every byte becomes U+FFFD (3 bytes) or a zero-width
	 * space and a doubled quote (5 bytes) */
	char *out = emalloc(5 * n + 8);
	size_t o = 0;
	if (quoted)
		out[o++] = '\'';
	size_t i = 0;
	/* gnuplot's scanner sees '' as a quote only after a character that is
	 * not a quote (it looks ahead from that character), so a quote right
	 * after the opening quote or after another quote would end the string:
	 * put an invisible U+200B ZERO WIDTH SPACE before such a quote */
	int after_quote = 1;
	for (size_t k = 0; k < keep; k++) {
		unsigned long cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		int was_after_quote = after_quote;
		after_quote = 0;
		if (!len) {
			memcpy(out + o, "\xEF\xBF\xBD", 3);
			o += 3;
			i++;
		} else if (is_control(cp)) {
			out[o++] = ' ';
			i += len;
		} else if (cp == '\'' && quoted) {
			if (was_after_quote) {
				memcpy(out + o, "\xE2\x80\x8B", 3);
				o += 3;
			}
			out[o++] = '\'';
			out[o++] = '\'';
			after_quote = 1;
			i++;
		} else {
			memcpy(out + o, s + i, len);
			o += len;
			i += len;
		}
	}
	if (cut) {
		memcpy(out + o, "\xE2\x80\xA6", 3); /* … */
		o += 3;
	}
	if (quoted)
		out[o++] = '\'';
	out[o] = '\0';
	return out;
}

char *gp_quote_max(const char *text, size_t max_chars) { return clean(text, max_chars, 1); }
char *gp_quote(const char *text) { return clean(text, 0, 1); }
char *gp_clean_text(const char *text, size_t max_chars) { return clean(text, max_chars, 0); }
