/* jsonread: a small JSON reader for the run's own reports (ingest.json,
 * manifest.json). Builds a tree; strings are UTF-8 with \uXXXX escapes
 * decoded (surrogate pairs joined). Depth is limited to 64. */
#ifndef JOBBSPAR_REPORT_JSONREAD_H
#define JOBBSPAR_REPORT_JSONREAD_H

#include <stddef.h>

enum jtype { JNULL, JBOOL, JNUM, JSTR, JARR, JOBJ };

struct jval {
	enum jtype type;
	int boolean;
	double num;
	char *str;           /* JSTR (owned) */
	size_t n;            /* items of JARR / JOBJ */
	char **key;          /* JOBJ keys (owned) */
	struct jval **item;  /* JARR / JOBJ values (owned) */
};

/* Parses TEXT[0..len). Returns the tree (caller frees with json_free), or
 * NULL and writes the byte offset of the error to *err_at. */
struct jval *json_parse(const char *text, size_t len, size_t *err_at);
/* Reads and parses PATH; NULL with "prog: path: ..." on failure. */
struct jval *json_load(const char *path);
void json_free(struct jval *v);
/* Member KEY of an object (borrowed) or NULL. */
const struct jval *json_get(const struct jval *obj, const char *key);
/* Member KEY as text: strings as they are, numbers with %.10g, booleans
 * "true"/"false"; NULL if absent or not a scalar. Returns a new string. */
char *json_get_text(const struct jval *obj, const char *key);
/* Member KEY as a number, NaN if absent or not a number. */
double json_get_num(const struct jval *obj, const char *key);

#endif
