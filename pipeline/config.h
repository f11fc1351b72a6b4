/* config: INI configuration read with inih. Keeps every (section, key,
 * value, line) so each stage reads the keys it needs and reports a bad value
 * as "prog: file:line: ...". A key given twice keeps the last value.
 *
 * Sections used by jobbspar are documented in docs/CONFIG.md. Track
 * sections are named "track.<id>". */
#ifndef JOBBSPAR_CONFIG_H
#define JOBBSPAR_CONFIG_H

#include <stddef.h>

struct config_entry {
	char *section;
	char *key;
	char *value;
	long line;
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

/* Sets or replaces SECTION.KEY (used for command-line overrides, line 0). */
void config_set(struct config *cfg, const char *section, const char *key, const char *value);
/* Applies an override "section.key=value" (section may contain dots; the
 * key is the part after the last dot). Returns 0 or -1 if malformed. */
int config_set_assignment(struct config *cfg, const char *assignment);

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
