/* config: INI configuration read with inih. Keeps every (section, key,
 * value, line) so each stage reads the keys it needs and reports a bad value
 * as "prog: file:line: ..." (an override from the command line as "prog:
 * --set section.key=value: ..."). A key given twice keeps the last value.
 *
 * Which keys exist, their types and ranges are declared in schema.h, which
 * checks a whole configuration (docs/CONFIG.md is generated from it). Track
 * sections are named "track.<id>". */
#ifndef JOBBSPAR_CONFIG_H
#define JOBBSPAR_CONFIG_H

#include <stddef.h>

struct config_entry {
	char *section;
	char *key;
	char *value;
	long line;      /* in the file; 0 for an override */
	char *origin;   /* NULL: from the file; else the option that set it ("--set run.lang=en") */
};

struct config {
	char *path;
	struct config_entry *entry;
	size_t n;
};

/* Reads PATH. Returns NULL with "prog: path:line: syntax error" (or the open
 * error). Caller owns the result; free with config_free. */
struct config *config_load(const char *path);
/* An empty configuration (every getter returns its default). */
struct config *config_empty(void);
void config_free(struct config *cfg);

/* Sets or replaces SECTION.KEY as a command-line override (line 0, origin
 * "--set section.key=value"). */
void config_set(struct config *cfg, const char *section, const char *key, const char *value);
/* The same with the option to name in messages (copied), e.g. "--lang". */
void config_set_from(struct config *cfg, const char *section, const char *key, const char *value,
		     const char *origin);
/* Applies an override "section.key=value" (section may contain dots; the
 * key is the part after the last dot). Returns 0 or -1 if malformed. */
int config_set_assignment(struct config *cfg, const char *assignment);

/* Prints "prog: file:line: section.key: MESSAGE" for entry E (its origin
 * instead of file, line and key for an override). */
void config_error_at(const struct config *cfg, const struct config_entry *e, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The value of SECTION.KEY (borrowed), or NULL. */
const char *config_get(const struct config *cfg, const char *section, const char *key);
/* The entry, for its line number, or NULL. */
const struct config_entry *config_find(const struct config *cfg, const char *section,
				       const char *key);
/* String value or DEFAULT_VALUE (borrowed). */
const char *config_str(const struct config *cfg, const char *section, const char *key,
		       const char *default_value);
/* Numeric getters: write the value (or DEFAULT_VALUE when the key is absent)
 * and return 0; a value that is not a number prints
 * "prog: path:line: section.key: not a number: "v"" and returns -1. */
int config_double(const struct config *cfg, const char *section, const char *key,
		  double default_value, double *out);
int config_long(const struct config *cfg, const char *section, const char *key,
		long default_value, long *out);

/* A path value: relative paths are resolved against the folder of the
 * configuration file (so data/default.ini's "sample" means data/sample).
 * Returns a new string (caller frees), or a copy of DEFAULT_VALUE resolved
 * the same way, or NULL when both are absent. */
char *config_path(const struct config *cfg, const char *section, const char *key,
		  const char *default_value);

/* Names of the sections starting with PREFIX, in file order, without
 * duplicates. Returns a new array of borrowed strings (caller frees the
 * array only) and writes the count. */
const char **config_sections(const struct config *cfg, const char *prefix, size_t *count);

/* Splits a comma-separated list into trimmed, non-empty items. Returns a new
 * array of new strings (free with config_list_free) and writes the count. */
char **config_list(const char *value, size_t *count);
void config_list_free(char **list, size_t count);

#endif
