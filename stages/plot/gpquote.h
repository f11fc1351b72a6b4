/* gpquote: turn any text into a gnuplot string literal that gnuplot can only
 * ever read as text.
 *
 * The literal is single-quoted. Inside single quotes gnuplot knows exactly one
 * special sequence, '' for a quote; backslash escapes, backquote command
 * substitution and @macro expansion are not performed there (gnuplot 5.4
 * docs, "Strings" and "Substitution"; checked by tests/unit/plot). So doubling
 * the quote is the whole escape, with one wrinkle: gnuplot's scanner only
 * recognises '' after a character that is not a quote, so a quote at the
 * start of the text or right after another quote gets an invisible U+200B
 * ZERO WIDTH SPACE before it (else the string would end early: a syntax
 * error, never a command, but a lost chart). Control characters (C0, DEL, C1, U+2028,
 * U+2029) become spaces, so the literal is always one line and a label can
 * neither end the command nor continue it. Invalid UTF-8 bytes become U+FFFD.
 * Charts also use terminals in noenhanced mode, so ^ _ @ & { } in a label are
 * drawn as themselves. */
#ifndef JOBBSPAR_PLOT_GPQUOTE_H
#define JOBBSPAR_PLOT_GPQUOTE_H

#include <stddef.h>
#include <stdio.h>

/* Returns a new string (caller frees) holding TEXT as a quoted gnuplot
 * literal, quotes included. TEXT is borrowed; NULL is treated as "". When
 * MAX_CHARS > 0, text longer than MAX_CHARS characters is cut to
 * MAX_CHARS - 1 characters followed by an ellipsis. */
char *gp_quote_max(const char *text, size_t max_chars);
/* gp_quote_max with no length limit. */
char *gp_quote(const char *text);

/* Returns a new string (caller frees): TEXT cleaned the same way (control
 * characters to spaces, invalid UTF-8 to U+FFFD, cut to MAX_CHARS when
 * MAX_CHARS > 0) but not quoted; the text gnuplot draws for gp_quote_max. */
char *gp_clean_text(const char *text, size_t max_chars);

#endif
