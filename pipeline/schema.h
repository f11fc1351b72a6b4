/* schema: every configuration key of jobbspar, declared once: its section,
 * name, type, range, default, the stages that read it and one line of help.
 *
 * The stages still read their keys with config_long, config_double and
 * config_str (config.h); the schema is what checks a configuration before
 * any stage reads it (schema_check: an unknown key or a bad value is an
 * error naming the file and line, or the --set, with the closest known
 * key), what docs/CONFIG.md and data/default.ini are generated from
 * (jobbspar-config --write-docs, --write-ini) and what tells run.sh which
 * keys each stage reads (jobbspar-config --stage-config), so an
 * incremental run reruns every stage whose configuration changed.
 *
 * A stage that starts reading a new key adds it here; tests/sh/
 * test_config_keys.sh fails until it does. */
#ifndef JOBBSPAR_SCHEMA_H
#define JOBBSPAR_SCHEMA_H

#include "config.h"

#include <stdio.h>

/* The programs that read configuration keys, as bits. */
enum {
	SCHEMA_INGEST = 1 << 0,
	SCHEMA_SHORTAGE = 1 << 1,
	SCHEMA_TRACKFIT = 1 << 2,
	SCHEMA_PLOT = 1 << 3,
	SCHEMA_REPORT = 1 << 4,
	SCHEMA_SYNTH = 1 << 5,
	SCHEMA_IMPORT = 1 << 6,
	SCHEMA_NSTAGES = 7,
	/* the five stages run.sh runs */
	SCHEMA_PIPELINE = SCHEMA_INGEST | SCHEMA_SHORTAGE | SCHEMA_TRACKFIT | SCHEMA_PLOT | SCHEMA_REPORT,
	SCHEMA_ALL = SCHEMA_PIPELINE | SCHEMA_SYNTH | SCHEMA_IMPORT,
	/* the stages that read the ids of the [track.<id>] sections */
	SCHEMA_TRACK_IDS = SCHEMA_INGEST | SCHEMA_TRACKFIT | SCHEMA_REPORT | SCHEMA_SYNTH,
	/* the stages that cannot run without a track: ingest checks the track
	 * of every outcome row against them, trackfit scores them */
	SCHEMA_TRACKS_NEEDED = SCHEMA_INGEST | SCHEMA_TRACKFIT,
};

enum schema_type {
	SCHEMA_INT,     /* a whole number in [min, max] */
	SCHEMA_NUM,     /* a decimal number ('.' or ',') in [min, max] */
	SCHEMA_TEXT,    /* any text */
	SCHEMA_PATH,    /* a file or folder, relative to the configuration's folder */
	SCHEMA_CHOICE,  /* one of the words of choices */
	SCHEMA_LIST,    /* comma-separated items */
	SCHEMA_TARGETS, /* SSYK 2012 codes or prefixes (1-4 digits), each with an optional :weight > 0 */
};

enum {
	SCHEMA_MIN_OPEN = 1 << 0,  /* min itself is not allowed */
	SCHEMA_MAX_OPEN = 1 << 1,  /* max itself is not allowed */
	SCHEMA_REQUIRED = 1 << 2,  /* a track field every track must have */
	SCHEMA_BUILTIN = 1 << 3,   /* data/default.ini shows it commented out */
	SCHEMA_FOLD = 1 << 4,      /* SCHEMA_CHOICE: case does not matter ("SFI-C") */
};

struct schema_key {
	const char *section;   /* "run", ...; "track" for a field of every [track.<id>], "offer"
				* of every [offer.<track id>.<kommun>], "bundle" of every
				* [bundle.<id>] */
	const char *name;
	enum schema_type type;
	double min, max;       /* SCHEMA_INT, SCHEMA_NUM: -HUGE_VAL / HUGE_VAL when open-ended */
	unsigned flags;
	const char *choices;   /* SCHEMA_CHOICE: the words, separated by one space */
	const char *def;       /* the built-in default, as text; NULL: none (see help) */
	const char *ini;       /* the value data/default.ini gives; NULL: def */
	unsigned stages;       /* SCHEMA_* bits of the programs that read it */
	const char *help;      /* one line: what it means */
};

/* The keys, in the order of data/default.ini; a track field has section
 * "track". The retirement keys are listed once per age band. Borrowed,
 * static. */
const struct schema_key *schema_keys(size_t *count);

/* The key SECTION.NAME, or NULL. A section "track.<id>" (any id) finds the
 * track fields; "offer.<...>" and "bundle.<...>" likewise. */
const struct schema_key *schema_find(const char *section, const char *name);

/* The lower-case name of the one stage of BIT ("ingest"), or NULL. */
const char *schema_stage_name(unsigned bit);
/* The bit of stage NAME, or 0. */
unsigned schema_stage_bit(const char *name);
/* Writes the names of the stages of BITS, separated by SEP, into FP. */
void schema_put_stages(FILE *fp, unsigned bits, const char *sep);

/* Checks VALUE against key K. Returns 0, or -1 and writes into *WHY a new
 * message without the key ("must be 1 to 40"; caller frees). */
int schema_check_value(const struct schema_key *k, const char *value, char **why);

/* Checks every entry of CFG (the file and its overrides) against the
 * schema, and what the stages of STAGES need of the whole: an unknown
 * section, key or track field ("did you mean ...?"), a value of the wrong
 * type or out of range, keys whose order matters, a track without a
 * required field, no track at all for a stage that needs one. Prints every
 * error as "prog: file:line: section.key: message" (an override: "prog:
 * --set section.key=value: message") and returns how many there were. */
int schema_check(const struct config *cfg, unsigned stages);

/* The age bands of the retirement keys (exit5_<band>, exit10_<band>), as
 * stages/shortage/registry.c has them (its unit test compares). */
extern const char *const schema_age_bands[];
enum { SCHEMA_NBANDS = 10 };

#endif
