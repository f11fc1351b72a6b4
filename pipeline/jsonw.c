#include "jsonw.h"

void json_put_string(FILE *fp, const char *s)
{
	putc('"', fp);
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		switch (*p) {
		case '"': fputs("\\\"", fp); break;
		case '\\': fputs("\\\\", fp); break;
		case '\n': fputs("\\n", fp); break;
		case '\r': fputs("\\r", fp); break;
		case '\t': fputs("\\t", fp); break;
		default:
			if (*p < 0x20)
				fprintf(fp, "\\u%04x", *p);
			else
				putc(*p, fp);
		}
	}
	putc('"', fp);
}

void json_put_hex(FILE *fp, const unsigned char *bytes, size_t n)
{
	putc('"', fp);
	for (size_t i = 0; i < n; i++)
		fprintf(fp, "%02x", bytes[i]);
	putc('"', fp);
}
