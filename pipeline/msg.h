/* msg: diagnostics in the form "prog: file:line: message" and allocation
 * helpers whose prefix says how they fail (sbase style: e* exits).
 *
 * Exit codes used across jobbspar: 0 ok, 1 data or I/O error, 2 usage. */
#ifndef JOBBSPAR_MSG_H
#define JOBBSPAR_MSG_H

#include <stdarg.h>
#include <stddef.h>

enum { EXIT_DATA = 1, EXIT_USAGE = 2 };

/* Sets the program name printed before every message (borrowed, must outlive
 * all calls; usually argv[0]'s basename or a literal). */
void msg_set_prog(const char *prog);
const char *msg_prog(void);

/* Verbosity: 0 quiet (errors only), 1 progress and notes. */
void msg_set_verbose(int verbose);
int msg_verbose(void);

/* Prints "prog: message\n" to stderr. */
void msg_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints "prog: file:line: message\n"; line <= 0 prints "prog: file: message". */
void msg_error_at(const char *file, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Prints "prog: message\n" only when verbose. */
void msg_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* msg_error then exit(status). */
void msg_die(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));

/* Allocation that exits with status 1 and a message when memory runs out.
 * The caller owns and frees what they return. */
void *emalloc(size_t n);
void *ecalloc(size_t n, size_t size);
void *erealloc(void *p, size_t n);
char *estrdup(const char *s);
/* Copies at most N bytes of S, stopping at a NUL (like strndup). */
char *estrndup(const char *s, size_t n);
/* Returns a newly allocated printf-formatted string (caller frees). */
char *easprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
