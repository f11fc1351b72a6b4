#include "config.h"
#include "msg.h"
#include "value.h"

#include <errno.h>
#include <ini.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ini_stream {
	FILE *fp;
	long line;
	int continuation; /* the line starts with white space: inih's multi-line value */
};

/* inih calls this once per line: counting here gives the handler the line
 * number even when libinih was built without INI_HANDLER_LINENO. */
static char *read_line(char *str, int num, void *stream)
{
	struct ini_stream *s = stream;
	char *r = fgets(str, num, s->fp);
	if (r) {
		s->line++;
		s->continuation = (r[0] == ' ' || r[0] == '\t') && r[strspn(r, " \t\r\n")] != '\0';
	}
	return r;
}

struct load_ctx {
	struct config *cfg;
	struct ini_stream *stream;
};

static void add_entry(struct config *cfg, const char *section, const char *key,
		      const char *value, long line, const char *origin)
{
	for (size_t i = 0; i < cfg->n; i++) {
		struct config_entry *e = &cfg->entry[i];
		if (strcmp(e->section, section) == 0 && strcmp(e->key, key) == 0) {
			free(e->value);
			free(e->origin);
			e->value = estrdup(value);
			e->line = line;
			e->origin = origin ? estrdup(origin) : NULL;
			return;
		}
	}
	cfg->entry = erealloc(cfg->entry, (cfg->n + 1) * sizeof *cfg->entry);
	struct config_entry *e = &cfg->entry[cfg->n++];
	e->section = estrdup(section);
	e->key = estrdup(key);
	e->value = estrdup(value);
	e->line = line;
	e->origin = origin ? estrdup(origin) : NULL;
}

static int on_value(void *user, const char *section, const char *name, const char *value)
{
	struct load_ctx *ctx = user;
	/* a continuation line (multi-line value) arrives as the same key again:
	 * join it to the previous value with a comma */
	const struct config_entry *prev = config_find(ctx->cfg, section, name);
	if (prev && ctx->stream->continuation) {
		char *joined = easprintf("%s,%s", prev->value, value);
		add_entry(ctx->cfg, section, name, joined, ctx->stream->line, NULL);
		free(joined);
		return 1;
	}
	add_entry(ctx->cfg, section, name, value, ctx->stream->line, NULL);
	return 1;
}

struct config *config_empty(void)
{
	struct config *cfg = ecalloc(1, sizeof *cfg);
	cfg->path = estrdup("(defaults)");
	return cfg;
}

struct config *config_load(const char *path)
{
	FILE *fp = fopen(path, "r");
	if (!fp) {
		msg_error_at(path, 0, "cannot open configuration: %s", strerror(errno));
		return NULL;
	}
	struct config *cfg = ecalloc(1, sizeof *cfg);
	cfg->path = estrdup(path);
	struct ini_stream stream = {fp, 0, 0};
	struct load_ctx ctx = {cfg, &stream};
	int rc = ini_parse_stream(read_line, &stream, on_value, &ctx);
	fclose(fp);
	if (rc != 0) {
		if (rc > 0)
			msg_error_at(path, rc, "configuration syntax error");
		else
			msg_error_at(path, 0, "cannot read configuration");
		config_free(cfg);
		return NULL;
	}
	return cfg;
}

void config_free(struct config *cfg)
{
	if (!cfg)
		return;
	for (size_t i = 0; i < cfg->n; i++) {
		free(cfg->entry[i].section);
		free(cfg->entry[i].key);
		free(cfg->entry[i].value);
		free(cfg->entry[i].origin);
	}
	free(cfg->entry);
	free(cfg->path);
	free(cfg);
}

void config_set_from(struct config *cfg, const char *section, const char *key, const char *value,
		     const char *origin)
{
	add_entry(cfg, section, key, value, 0, origin);
}

void config_set(struct config *cfg, const char *section, const char *key, const char *value)
{
	char *origin = easprintf("--set %s.%s=%s", section, key, value);
	add_entry(cfg, section, key, value, 0, origin);
	free(origin);
}

int config_set_assignment(struct config *cfg, const char *assignment)
{
	const char *eq = strchr(assignment, '=');
	if (!eq)
		return -1;
	char *name = estrndup(assignment, (size_t)(eq - assignment));
	char *dot = strrchr(name, '.');
	if (!dot || dot == name || !dot[1]) {
		free(name);
		return -1;
	}
	*dot = '\0';
	char *origin = easprintf("--set %s", assignment);
	add_entry(cfg, name, dot + 1, eq + 1, 0, origin);
	free(origin);
	free(name);
	return 0;
}

void config_error_at(const struct config *cfg, const struct config_entry *e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);
	if (!fp)
		msg_die(EXIT_DATA, "out of memory");
	vfprintf(fp, fmt, ap);
	va_end(ap);
	if (fclose(fp) != 0)
		msg_die(EXIT_DATA, "out of memory");
	if (e->origin)
		msg_error("%s: %s", e->origin, text);
	else
		msg_error_at(cfg->path, e->line, "%s.%s: %s", e->section, e->key, text);
	free(text);
}

const struct config_entry *config_find(const struct config *cfg, const char *section,
				       const char *key)
{
	if (!cfg)
		return NULL;
	for (size_t i = 0; i < cfg->n; i++) {
		const struct config_entry *e = &cfg->entry[i];
		if (strcmp(e->section, section) == 0 && strcmp(e->key, key) == 0)
			return e;
	}
	return NULL;
}

const char *config_get(const struct config *cfg, const char *section, const char *key)
{
	const struct config_entry *e = config_find(cfg, section, key);
	return e ? e->value : NULL;
}

const char *config_str(const struct config *cfg, const char *section, const char *key,
		       const char *default_value)
{
	const char *v = config_get(cfg, section, key);
	return v && *v ? v : default_value;
}

int config_double(const struct config *cfg, const char *section, const char *key,
		  double default_value, double *out)
{
	const struct config_entry *e = config_find(cfg, section, key);
	if (!e || !*e->value) {
		*out = default_value;
		return 0;
	}
	if (value_decimal(e->value, out) != 0) {
		config_error_at(cfg, e, "not a number: \"%s\"", e->value);
		return -1;
	}
	return 0;
}

int config_long(const struct config *cfg, const char *section, const char *key,
		long default_value, long *out)
{
	const struct config_entry *e = config_find(cfg, section, key);
	if (!e || !*e->value) {
		*out = default_value;
		return 0;
	}
	char *end;
	errno = 0;
	long v = strtol(e->value, &end, 10);
	size_t tl;
	const char *t = value_trim(end, &tl);
	(void)t;
	if (errno || end == e->value || tl) {
		config_error_at(cfg, e, "not an integer: \"%s\"", e->value);
		return -1;
	}
	*out = v;
	return 0;
}

const char **config_sections(const struct config *cfg, const char *prefix, size_t *count)
{
	const char **out = ecalloc(cfg->n + 1, sizeof *out);
	size_t n = 0, plen = strlen(prefix);
	for (size_t i = 0; i < cfg->n; i++) {
		const char *s = cfg->entry[i].section;
		if (strncmp(s, prefix, plen) != 0)
			continue;
		size_t k;
		for (k = 0; k < n; k++)
			if (strcmp(out[k], s) == 0)
				break;
		if (k == n)
			out[n++] = s;
	}
	*count = n;
	return out;
}

char **config_list(const char *value, size_t *count)
{
	char **out = NULL;
	size_t n = 0;
	const char *s = value ? value : "";
	while (*s) {
		const char *comma = strchr(s, ',');
		size_t len = comma ? (size_t)(comma - s) : strlen(s);
		char *item = estrndup(s, len);
		size_t tl;
		const char *t = value_trim(item, &tl);
		if (tl) {
			out = erealloc(out, (n + 1) * sizeof *out);
			out[n++] = estrndup(t, tl);
		}
		free(item);
		if (!comma)
			break;
		s = comma + 1;
	}
	*count = n;
	return out;
}

void config_list_free(char **list, size_t count)
{
	for (size_t i = 0; i < count; i++)
		free(list[i]);
	free(list);
}

char *config_path(const struct config *cfg, const char *section, const char *key,
		  const char *default_value)
{
	const char *v = config_str(cfg, section, key, default_value);
	if (!v)
		return NULL;
	if (v[0] == '/' || !cfg->path || strcmp(cfg->path, "(defaults)") == 0)
		return estrdup(v);
	const char *slash = strrchr(cfg->path, '/');
	if (!slash)
		return estrdup(v);
	return easprintf("%.*s/%s", (int)(slash - cfg->path), cfg->path, v);
}
