/* manifest: OUT/manifest.json of a published run (docs/OPERATIONS.md):
 * version, seed, the configuration (file, SHA-256, overrides, effective
 * values, text), the input and reference files with SHA-256 and size, the
 * stage programs' SHA-256, ingest.json, every published file's SHA-256 and,
 * on its own last line, what differs between two runs of the same inputs
 * (run id, times, log, stage timings). Written with jsonw. */
#ifndef JOBBSPAR_CONFIG_MANIFEST_H
#define JOBBSPAR_CONFIG_MANIFEST_H

#include "config.h"

#include <stddef.h>

/* The five stages of run.sh, in order. */
enum { MANIFEST_NSTAGES = 5 };
extern const char *const manifest_stages[MANIFEST_NSTAGES];

/* What run.sh knows about the run (all borrowed). */
struct manifest_run {
	const char *snapshot;    /* the folder being published; manifest.json goes there */
	const char *bin;         /* folder of the stage programs */
	const char *previous;    /* --previous folder, or NULL */
	const char *run_id, *started, *log;
	int compare;             /* run.sh --compare */
	const char *seconds[MANIFEST_NSTAGES]; /* each stage's duration as text, NULL: did not run */
	const char *const *overrides; /* the --set assignments as given, in order */
	size_t noverrides;
};

/* Writes SNAPSHOT/manifest.json for configuration CFG (loaded from
 * cfg->path, with the overrides applied). Returns 0, or -1 after a message
 * naming the file that could not be read or written. */
int manifest_write(const struct config *cfg, const struct manifest_run *m);

#endif
