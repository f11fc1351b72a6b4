#include "htmlesc.h"
#include "msg.h"

#include <string.h>

/* The replacement of byte C, or NULL to copy it; *drop set for bytes left out. */
static const char *html_entity(unsigned char c, int *drop)
{
	*drop = 0;
	switch (c) {
	case '&': return "&amp;";
	case '<': return "&lt;";
	case '>': return "&gt;";
	case '"': return "&quot;";
	case '\'': return "&#39;";
	case '\t': case '\n': return NULL;
	default:
		if (c < 0x20 || c == 0x7F)
			*drop = 1;
		return NULL;
	}
}

void html_put(FILE *fp, const char *s)
{
	if (!s)
		return;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		int drop;
		const char *e = html_entity(*p, &drop);
		if (e)
			fputs(e, fp);
		else if (!drop)
			putc(*p, fp);
	}
}

char *html_escape(const char *s)
{
	if (!s)
		return estrdup("");
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		int drop;
		const char *e = html_entity(*p, &drop);
		n += e ? strlen(e) : !drop;
	}
	char *out = emalloc(n + 1), *q = out;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		int drop;
		const char *e = html_entity(*p, &drop);
		if (e) {
			size_t k = strlen(e);
			memcpy(q, e, k);
			q += k;
		} else if (!drop) {
			*q++ = (char)*p;
		}
	}
	*q = '\0';
	return out;
}
