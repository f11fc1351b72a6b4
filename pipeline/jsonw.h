/* jsonw: the few pieces needed to write JSON reports (ingest.json,
 * manifest.json) by hand with fprintf: a correctly escaped string. */
#ifndef JOBBSPAR_JSONW_H
#define JOBBSPAR_JSONW_H

#include <stdio.h>

/* Writes S as a JSON string literal with quotes; control characters,
 * quotes and backslashes escaped. */
void json_put_string(FILE *fp, const char *s);
/* Writes 32 bytes as 64 lower-case hex digits in quotes. */
void json_put_hex(FILE *fp, const unsigned char *bytes, size_t n);

#endif
