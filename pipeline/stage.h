/* stage: what every stage program shares, the front end first.
 *
 * Command line of every stage (and of jobbspar-config):
 *   jobbspar-<stage> [-c FILE] [-s|--set section.key=value]... [-o OUT] [-v]
 *                    [-h] [--version] [the stage's own options]
 * -c defaults to $JOBBSPAR_CONFIG, else data/default.ini (relative to the
 * current folder). -o overrides run.output. The whole configuration, with
 * every --set, is checked against the schema (schema.h) before the stage
 * reads anything.
 *
 * Exit: 0 ok, 1 data or I/O error, 2 usage error. A usage error is one of
 * two kinds, both exit 2: the command line does not parse (unknown option,
 * missing argument, unexpected argument, a required option absent): "prog:
 * message" and "Try 'prog --help' for more information."; or a value is
 * wrong (an option's value, a --set, a key of the file): one line per error
 * naming where the value came from, "prog: --lang: expected sv or en, not
 * "fr"", "prog: my.ini:4: plot.top: must be 1 to 40". */
#ifndef JOBBSPAR_STAGE_H
#define JOBBSPAR_STAGE_H

#include "codes.h"
#include "config.h"

#include <getopt.h>
#include <stddef.h>

struct stage;

/* What a stage's main tells the front end about itself. */
struct stage_cli {
	const char *prog;       /* "jobbspar-plot" */
	const char *synopsis;   /* the stage's own options for the usage, e.g. "[--lang sv|en]"
				 * (lines separated by \n), or NULL */
	const char *about;      /* what the stage reads and writes: lines after the usage line */
	const char *options;    /* help lines of the stage's own options (aligned as the common ones), or NULL */
	const char *output_help; /* help of -o when not "output folder OUT (default run.output)" */
	const char *epilog;     /* lines after the exit status, or NULL */
	unsigned stage;         /* SCHEMA_* bit of the stage: what the configuration must give it */
	const char *shortopts;  /* the stage's own short options ("i:"), or NULL */
	const struct option *longopts; /* its own long options, ended by a zero entry, or NULL; a
					* long-only option has a value >= STAGE_OPT_OWN */
	/* Called for each of the stage's own options with getopt's value and
	 * argument; returns 0, or -1 after printing why (the stage exits 2:
	 * stage_usage_error for a parsing error, msg_error for a bad value). */
	int (*option)(struct stage *st, int opt, const char *arg);
};

enum { STAGE_OPT_OWN = 512 };

struct stage_override {
	char *origin;           /* the option, for messages: "--set run.lang=en", "--lang" */
	char *section, *key, *value;
};

/* One run of a stage program: filled by stage_parse and stage_load. */
struct stage {
	const struct stage_cli *cli;
	const char *config_file;   /* -c (borrowed from argv), or NULL */
	const char *output;        /* -o (borrowed from argv), or NULL */
	int verbose;               /* -v */
	struct stage_override *override; /* --set and the stage's own overriding options, in order */
	size_t noverride;
	struct config *cfg;        /* after stage_load: loaded, overridden and checked */
	void *data;                /* for the stage's option callback */
};

/* Parses ARGV: the common options and, through cli->option, the stage's
 * own. Calls stage_start(cli->prog) first. Returns 0, or -1 when main
 * should return stage_end(st, *STATUS) at once: after --help or --version
 * (0: stage_end closes stdout, 1 when that fails) or a usage error (2). ST is initialised
 * here except st->data, which the caller may set before. */
int stage_parse(struct stage *st, const struct stage_cli *cli, int argc, char **argv, int *status);

/* Loads the configuration (-c, else $JOBBSPAR_CONFIG, else
 * data/default.ini), applies the overrides in command-line order, and checks
 * the whole against the schema for cli->stage. Returns 0 (st->cfg is set),
 * or -1 with every error printed and *STATUS 1 (unreadable file) or 2 (the
 * configuration is wrong). */
int stage_load(struct stage *st, int *status);

/* stage_parse, then stage_load. */
int stage_begin(struct stage *st, const struct stage_cli *cli, int argc, char **argv, int *status);

/* For an option of the stage that sets a configuration key (--lang sets
 * run.lang): the value is applied and checked with the --set overrides, in
 * command-line order; ORIGIN names it in messages. Strings are copied. */
void stage_override(struct stage *st, const char *origin, const char *section, const char *key,
		    const char *value);

/* Prints "prog: MESSAGE" and "Try 'prog --help' for more information." on
 * stderr. Returns EXIT_USAGE. */
int stage_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The end of every stage's main: frees what stage_parse and stage_load
 * made and flushes and closes stdout. Returns STATUS, or EXIT_DATA when
 * STATUS was 0 and stdout could not be written (e.g. /dev/full). */
int stage_end(struct stage *st, int status);

/* Names the program for messages (msg_set_prog) and ignores SIGXFSZ, so
 * that a write beyond the file size limit (ulimit -f) fails with EFBIG and
 * is reported like a full disk (exit 1, temporaries removed) instead of
 * killing the process silently. PROG is borrowed for the life of the
 * program. stage_parse calls it. */
void stage_start(const char *prog);

/* The output folder: OVERRIDE if given, else run.output resolved against the
 * configuration's folder. New string, caller frees. */
char *stage_output_dir(const struct config *cfg, const char *override);

/* The reference-list folder (run.refdir). New string, caller frees. */
char *stage_refdir(const struct config *cfg);

/* run.reference_year (default 2024) and ref_date = that year's 31 December
 * as a day number. Return -1 with a message if malformed. */
int stage_reference_year(const struct config *cfg, int *year);
long stage_reference_date(int year);

/* The reporting municipalities from run.municipalities (codes, 3-digit codes
 * or names). Writes a new array of 5-byte codes (caller frees) and the
 * count. Returns 0, or -1 with a message naming the unknown entry. */
int stage_municipalities(const struct config *cfg, const struct codes *codes,
			 char (**out)[5], size_t *count);

/* Makes DIR (and parents) or reports why not. Returns 0 or -1. */
int stage_mkdir(const char *dir, int mode);

/* Flushes and closes stdout, reporting a failed write (e.g. to /dev/full).
 * Returns 0 or 1 (the exit status to use). stage_end calls it. */
int stage_close_stdout(void);

/* Joins DIR and NAME into a new string. */
char *path_join(const char *dir, const char *name);

/* PATH without "." and "dir/.." parts, doubled and trailing slashes, no
 * link resolved (as run.sh names folders): a new string. */
char *path_tidy(const char *path);

#endif
