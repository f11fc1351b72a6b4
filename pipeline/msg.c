#include "msg.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *prog_name = "jobbspar";
static int verbose_level;

void msg_set_prog(const char *prog)
{
	const char *slash = strrchr(prog, '/');
	prog_name = slash ? slash + 1 : prog;
}

const char *msg_prog(void) { return prog_name; }
void msg_set_verbose(int verbose) { verbose_level = verbose; }
int msg_verbose(void) { return verbose_level; }

void msg_error(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: ", prog_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void msg_error_at(const char *file, long line, const char *fmt, ...)
{
	va_list ap;
	if (line > 0)
		fprintf(stderr, "%s: %s:%ld: ", prog_name, file, line);
	else
		fprintf(stderr, "%s: %s: ", prog_name, file);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void msg_note(const char *fmt, ...)
{
	va_list ap;
	if (!verbose_level)
		return;
	fprintf(stderr, "%s: ", prog_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void msg_die(int status, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: ", prog_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(status);
}

static void out_of_memory(size_t n)
{
	msg_die(EXIT_DATA, "out of memory (allocating %zu bytes)", n);
}

void *emalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		out_of_memory(n);
	return p;
}

void *ecalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		out_of_memory(n * size);
	return p;
}

void *erealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		out_of_memory(n);
	return q;
}

char *estrdup(const char *s)
{
	return estrndup(s, strlen(s));
}

char *estrndup(const char *s, size_t n)
{
	n = strnlen(s, n);
	char *p = emalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *easprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		msg_die(EXIT_DATA, "formatting failed");
	char *p = emalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
