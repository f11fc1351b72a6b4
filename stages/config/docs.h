/* docs: docs/CONFIG.md and data/default.ini, written from the schema
 * (pipeline/schema.c) so they can never disagree with what the stages
 * check. tests/cli/config-docs-in-step compares them with the committed
 * files. */
#ifndef JOBBSPAR_CONFIG_DOCS_H
#define JOBBSPAR_CONFIG_DOCS_H

#include <stdio.h>

/* Writes data/default.ini: every key with its help as a comment, the keys
 * that keep their built-in default commented out, and the four job tracks
 * of the Norrköping model. */
void docs_write_ini(FILE *fp);

/* Writes docs/CONFIG.md: how a configuration is read and checked, and one
 * table per section (key, default, allowed values, stages, meaning). */
void docs_write_md(FILE *fp);

/* The text of a key's allowed values for the docs ("1 to 40", "sv, en"):
 * a new string (caller frees). */
struct schema_key;
char *docs_allowed(const struct schema_key *k);

#endif
