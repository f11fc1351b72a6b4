#include "jsonread.h"
#include "msg.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct jparser {
	const char *s;
	size_t n, i;
	int failed;
};

static void jskip(struct jparser *p)
{
	while (p->i < p->n && (p->s[p->i] == ' ' || p->s[p->i] == '\t' || p->s[p->i] == '\n' ||
			       p->s[p->i] == '\r'))
		p->i++;
}

static struct jval *jnew(enum jtype t)
{
	struct jval *v = ecalloc(1, sizeof *v);
	v->type = t;
	return v;
}

static void jappend(struct jval *v, char *key, struct jval *item)
{
	v->item = erealloc(v->item, (v->n + 1) * sizeof *v->item);
	if (v->type == JOBJ)
		v->key = erealloc(v->key, (v->n + 1) * sizeof *v->key);
	v->item[v->n] = item;
	if (v->type == JOBJ)
		v->key[v->n] = key;
	v->n++;
}

static int jhex4(struct jparser *p, unsigned *out)
{
	if (p->i + 4 > p->n)
		return -1;
	unsigned u = 0;
	for (int k = 0; k < 4; k++) {
		char c = p->s[p->i++];
		u <<= 4;
		if (c >= '0' && c <= '9')
			u |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			u |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			u |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	*out = u;
	return 0;
}

static char *jstring(struct jparser *p)
{
	/* p->s[p->i] == '"' */
	p->i++;
	size_t cap = 16, len = 0;
	char *out = emalloc(cap);
	for (;;) {
		if (p->i >= p->n)
			goto bad;
		unsigned char c = (unsigned char)p->s[p->i++];
		char enc[4];
		size_t k = 0;
		if (c == '"')
			break;
		if (c < 0x20)
			goto bad;
		if (c != '\\') {
			enc[k++] = (char)c;
		} else {
			if (p->i >= p->n)
				goto bad;
			char e = p->s[p->i++];
			unsigned u;
			switch (e) {
			case '"': enc[k++] = '"'; break;
			case '\\': enc[k++] = '\\'; break;
			case '/': enc[k++] = '/'; break;
			case 'b': enc[k++] = '\b'; break;
			case 'f': enc[k++] = '\f'; break;
			case 'n': enc[k++] = '\n'; break;
			case 'r': enc[k++] = '\r'; break;
			case 't': enc[k++] = '\t'; break;
			case 'u':
				if (jhex4(p, &u) != 0)
					goto bad;
				if (u >= 0xD800 && u <= 0xDBFF) {
					unsigned lo;
					if (p->i + 2 > p->n || p->s[p->i] != '\\' || p->s[p->i + 1] != 'u')
						goto bad;
					p->i += 2;
					if (jhex4(p, &lo) != 0 || lo < 0xDC00 || lo > 0xDFFF)
						goto bad;
					u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
				} else if (u >= 0xDC00 && u <= 0xDFFF) {
					goto bad;
				}
				if (u == 0)
					goto bad; /* would end the C string */
				if (u < 0x80) {
					enc[k++] = (char)u;
				} else if (u < 0x800) {
					enc[k++] = (char)(0xC0 | (u >> 6));
					enc[k++] = (char)(0x80 | (u & 0x3F));
				} else if (u < 0x10000) {
					enc[k++] = (char)(0xE0 | (u >> 12));
					enc[k++] = (char)(0x80 | ((u >> 6) & 0x3F));
					enc[k++] = (char)(0x80 | (u & 0x3F));
				} else {
					enc[k++] = (char)(0xF0 | (u >> 18));
					enc[k++] = (char)(0x80 | ((u >> 12) & 0x3F));
					enc[k++] = (char)(0x80 | ((u >> 6) & 0x3F));
					enc[k++] = (char)(0x80 | (u & 0x3F));
				}
				break;
			default:
				goto bad;
			}
		}
		if (len + k + 1 > cap) {
			cap = 2 * cap + k;
			out = erealloc(out, cap);
		}
		memcpy(out + len, enc, k);
		len += k;
	}
	out[len] = '\0';
	return out;
bad:
	free(out);
	p->failed = 1;
	return NULL;
}

static struct jval *jvalue(struct jparser *p, int depth)
{
	jskip(p);
	if (depth > 64 || p->i >= p->n) {
		p->failed = 1;
		return NULL;
	}
	char c = p->s[p->i];
	if (c == '{' || c == '[') {
		struct jval *v = jnew(c == '{' ? JOBJ : JARR);
		char close = c == '{' ? '}' : ']';
		p->i++;
		jskip(p);
		if (p->i < p->n && p->s[p->i] == close) {
			p->i++;
			return v;
		}
		for (;;) {
			char *key = NULL;
			if (v->type == JOBJ) {
				jskip(p);
				if (p->i >= p->n || p->s[p->i] != '"' || !(key = jstring(p)))
					goto bad;
				jskip(p);
				if (p->i >= p->n || p->s[p->i] != ':') {
					free(key);
					goto bad;
				}
				p->i++;
			}
			struct jval *item = jvalue(p, depth + 1);
			if (!item) {
				free(key);
				goto bad;
			}
			jappend(v, key, item);
			jskip(p);
			if (p->i < p->n && p->s[p->i] == ',') {
				p->i++;
				continue;
			}
			if (p->i < p->n && p->s[p->i] == close) {
				p->i++;
				return v;
			}
			goto bad;
		}
	bad:
		p->failed = 1;
		json_free(v);
		return NULL;
	}
	if (c == '"') {
		char *s = jstring(p);
		if (!s)
			return NULL;
		struct jval *v = jnew(JSTR);
		v->str = s;
		return v;
	}
	static const struct {
		const char *word;
		enum jtype type;
		int b;
	} words[] = {{"true", JBOOL, 1}, {"false", JBOOL, 0}, {"null", JNULL, 0}};
	for (size_t k = 0; k < 3; k++) {
		size_t wl = strlen(words[k].word);
		if (p->n - p->i >= wl && memcmp(p->s + p->i, words[k].word, wl) == 0) {
			p->i += wl;
			struct jval *v = jnew(words[k].type);
			v->boolean = words[k].b;
			return v;
		}
	}
	/* number: copy the characters a JSON number may hold, then strtod */
	char buf[64];
	size_t k = 0;
	while (p->i < p->n && k < sizeof buf - 1 && strchr("+-0123456789.eE", p->s[p->i]))
		buf[k++] = p->s[p->i++];
	buf[k] = '\0';
	char *end;
	errno = 0;
	double d = k ? strtod(buf, &end) : 0;
	if (!k || *end || errno) {
		p->failed = 1;
		return NULL;
	}
	struct jval *v = jnew(JNUM);
	v->num = d;
	return v;
}

struct jval *json_parse(const char *text, size_t len, size_t *err_at)
{
	struct jparser p = {text, len, 0, 0};
	struct jval *v = jvalue(&p, 0);
	if (v) {
		jskip(&p);
		if (p.i != p.n) {
			json_free(v);
			v = NULL;
		}
	}
	if (!v && err_at)
		*err_at = p.i;
	return v;
}

struct jval *json_load(const char *path)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		msg_error("%s: cannot open: %s", path, strerror(errno));
		return NULL;
	}
	size_t cap = 4096, len = 0;
	char *buf = emalloc(cap);
	size_t got;
	while ((got = fread(buf + len, 1, cap - len, fp)) > 0) {
		len += got;
		if (len == cap)
			buf = erealloc(buf, cap *= 2);
	}
	int bad = ferror(fp);
	fclose(fp);
	if (bad) {
		msg_error("%s: read error", path);
		free(buf);
		return NULL;
	}
	size_t at = 0;
	struct jval *v = json_parse(buf, len, &at);
	if (!v) {
		long line = 1;
		for (size_t i = 0; i < at && i < len; i++)
			line += buf[i] == '\n';
		msg_error_at(path, line, "malformed JSON");
	}
	free(buf);
	return v;
}

void json_free(struct jval *v)
{
	if (!v)
		return;
	for (size_t i = 0; i < v->n; i++) {
		json_free(v->item[i]);
		if (v->key)
			free(v->key[i]);
	}
	free(v->item);
	free(v->key);
	free(v->str);
	free(v);
}

const struct jval *json_get(const struct jval *obj, const char *key)
{
	if (!obj || obj->type != JOBJ)
		return NULL;
	for (size_t i = obj->n; i-- > 0;)
		if (strcmp(obj->key[i], key) == 0)
			return obj->item[i];
	return NULL;
}

char *json_get_text(const struct jval *obj, const char *key)
{
	const struct jval *v = json_get(obj, key);
	if (!v)
		return NULL;
	switch (v->type) {
	case JSTR: return estrdup(v->str);
	case JNUM: return easprintf("%.10g", v->num);
	case JBOOL: return estrdup(v->boolean ? "true" : "false");
	default: return NULL;
	}
}

double json_get_num(const struct jval *obj, const char *key)
{
	const struct jval *v = json_get(obj, key);
	return v && v->type == JNUM ? v->num : NAN;
}
