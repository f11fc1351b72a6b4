/* cli: the command line of jobbspar-import. The stage front end (stage.h)
 * takes options only, while import takes a KIND and FILEs as well; this
 * separates them, so the front end sees the options alone. */
#ifndef JOBBSPAR_IMPORT_CLI_H
#define JOBBSPAR_IMPORT_CLI_H

#include <getopt.h>

/* Splits ARGV into the options (with their arguments; argv[0] first) and
 * the other arguments, in order. An option takes an argument when it is one
 * of the front end's (-c -s -o, --config --set --output) or is marked so in
 * OWN (long options) or OWN_SHORT (getopt syntax). "--" ends the options.
 * The caller frees both arrays (not the strings, which are ARGV's). */
void cli_split(int argc, char **argv, const struct option *own, const char *own_short, int *nopt,
	       char ***opt, int *npos, char ***pos);

#endif
