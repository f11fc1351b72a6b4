#include "jsonstat.h"
#include "msg.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_tree.h>

int jsonstat_sniff(const char *path)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return 0;
	unsigned char buf[64];
	size_t n = fread(buf, 1, sizeof buf, fp);
	fclose(fp);
	size_t i = n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	while (i < n && (buf[i] == ' ' || buf[i] == '\n' || buf[i] == '\r' || buf[i] == '\t'))
		i++;
	return i < n && buf[i] == '{';
}

static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		msg_error("%s: %s", path, strerror(errno));
		return NULL;
	}
	size_t cap = 1 << 16, n = 0;
	char *buf = emalloc(cap);
	size_t got;
	while ((got = fread(buf + n, 1, cap - n - 1, fp)) > 0) {
		n += got;
		if (cap - n - 1 == 0)
			buf = erealloc(buf, cap *= 2);
	}
	if (ferror(fp)) {
		msg_error("%s: read error: %s", path, strerror(errno));
		fclose(fp);
		free(buf);
		return NULL;
	}
	fclose(fp);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* The text of a string value (checked by the caller with YAJL_IS_STRING;
 * yajl's YAJL_GET_STRING may give NULL, which strcmp must not see). */
static const char *str(yajl_val v)
{
	return YAJL_IS_STRING(v) && v->u.string ? v->u.string : "";
}

/* The member KEY of object OBJ, or NULL (also when OBJ is no object). */
static yajl_val get(yajl_val obj, const char *key)
{
	if (!YAJL_IS_OBJECT(obj))
		return NULL;
	for (size_t i = 0; i < obj->u.object.len; i++)
		if (strcmp(obj->u.object.keys[i], key) == 0)
			return obj->u.object.values[i];
	return NULL;
}

/* Is ID listed under role.NAME? */
static int has_role(yajl_val role, const char *name, const char *id)
{
	yajl_val a = get(role, name);
	if (!YAJL_IS_ARRAY(a))
		return 0;
	for (size_t i = 0; i < a->u.array.len; i++)
		if (YAJL_IS_STRING(a->u.array.values[i]) && strcmp(str(a->u.array.values[i]), id) == 0)
			return 1;
	return 0;
}

struct jdim {
	const char *id;
	size_t size;
	size_t *cat;      /* position -> category of the set's dimension */
	size_t setdim;
};

/* Fills D->cat from the category of dimension object DIM. */
static int read_categories(const char *path, struct jdim *d, yajl_val dim, struct cube_dim *cd, int pass1)
{
	yajl_val category = get(dim, "category");
	yajl_val index = get(category, "index"), label = get(category, "label");
	d->cat = ecalloc(d->size ? d->size : 1, sizeof *d->cat);
	for (size_t p = 0; p < d->size; p++)
		d->cat[p] = (size_t)-1;
	/* the codes by position */
	const char **code = ecalloc(d->size ? d->size : 1, sizeof *code);
	if (YAJL_IS_OBJECT(index)) {
		for (size_t i = 0; i < index->u.object.len; i++) {
			yajl_val v = index->u.object.values[i];
			if (!YAJL_IS_INTEGER(v) || YAJL_GET_INTEGER(v) < 0 || (size_t)YAJL_GET_INTEGER(v) >= d->size)
				goto bad;
			code[YAJL_GET_INTEGER(v)] = index->u.object.keys[i];
		}
	} else if (YAJL_IS_ARRAY(index)) {
		if (index->u.array.len != d->size)
			goto bad;
		for (size_t i = 0; i < d->size; i++) {
			if (!YAJL_IS_STRING(index->u.array.values[i]))
				goto bad;
			code[i] = str(index->u.array.values[i]);
		}
	} else if (d->size == 1 && YAJL_IS_OBJECT(label) && label->u.object.len == 1) {
		code[0] = label->u.object.keys[0];
	} else {
		goto bad;
	}
	for (size_t p = 0; p < d->size; p++) {
		if (!code[p])
			goto bad;
		yajl_val l = get(label, code[p]);
		const char *text = YAJL_IS_STRING(l) ? str(l) : code[p];
		d->cat[p] = pass1 ? cube_dim_add(cd, text, code[p]) : cube_dim_find(cd, code[p]);
	}
	free(code);
	return 0;
bad:
	free(code);
	msg_error_at(path, 0, "dimension \"%s\": category.index does not list its %zu categories", d->id, d->size);
	return -1;
}

/* The text of value V for a cell: a whole number as digits, another number
 * as %.15g (rejected later as not whole), NULL for null. */
static const char *value_text(yajl_val v, char *buf, size_t cap)
{
	if (!v || YAJL_IS_NULL(v))
		return NULL;
	if (YAJL_IS_INTEGER(v)) {
		snprintf(buf, cap, "%lld", YAJL_GET_INTEGER(v));
		return buf;
	}
	if (YAJL_IS_NUMBER(v)) {
		double x = YAJL_GET_DOUBLE(v);
		if (x >= 0 && x < 1e15 && floor(x) == x)
			snprintf(buf, cap, "%.0f", x);
		else
			snprintf(buf, cap, "%.15g", x);
		return buf;
	}
	if (YAJL_IS_STRING(v))
		return str(v);
	return "";
}

static const char *status_of(yajl_val status, size_t i)
{
	if (YAJL_IS_STRING(status))
		return str(status);
	if (YAJL_IS_ARRAY(status) && i < status->u.array.len && YAJL_IS_STRING(status->u.array.values[i]))
		return str(status->u.array.values[i]);
	if (YAJL_IS_OBJECT(status)) {
		char key[32];
		snprintf(key, sizeof key, "%zu", i);
		yajl_val s = get(status, key);
		if (YAJL_IS_STRING(s))
			return str(s);
	}
	return NULL;
}

int jsonstat_read(const char *path, struct cube_set *set, struct impout *o, scbcsv_cell_fn cell, void *ctx)
{
	int pass1 = o == NULL;
	size_t len;
	char *buf = slurp(path, &len);
	if (!buf)
		return -1;
	int bom = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0;
	char err[512];
	yajl_val root = yajl_tree_parse(buf + (bom ? 3 : 0), err, sizeof err);
	free(buf);
	if (!root) {
		char *nl = strchr(err, '\n');
		if (nl)
			*nl = '\0';
		msg_error_at(path, 0, "not valid JSON: %s", err);
		return -1;
	}
	int rc = -1;
	struct jdim *d = NULL;
	size_t nd = 0;
	yajl_val klass = get(root, "class"), version = get(root, "version");
	yajl_val id = get(root, "id"), size = get(root, "size"), dims = get(root, "dimension");
	yajl_val value = get(root, "value"), status = get(root, "status"), role = get(root, "role");
	if (!YAJL_IS_OBJECT(root) || !YAJL_IS_STRING(klass) || strcmp(str(klass), "dataset") != 0 ||
	    !YAJL_IS_STRING(version) || strcmp(str(version), "2.0") != 0) {
		msg_error_at(path, 0, "not a JSON-stat 2.0 dataset (\"version\": \"2.0\", \"class\": \"dataset\")");
		goto out;
	}
	if (!YAJL_IS_ARRAY(id) || !YAJL_IS_ARRAY(size) || id->u.array.len != size->u.array.len ||
	    !YAJL_IS_OBJECT(dims) || !(YAJL_IS_ARRAY(value) || YAJL_IS_OBJECT(value))) {
		msg_error_at(path, 0, "JSON-stat dataset without id, size, dimension and value");
		goto out;
	}
	nd = id->u.array.len;
	if (nd > CUBE_MAXDIM) {
		msg_error_at(path, 0, "%zu dimensions: at most %d are read", nd, CUBE_MAXDIM);
		goto out;
	}
	d = ecalloc(nd ? nd : 1, sizeof *d);
	int first = set->n == 0;
	size_t total = 1;
	for (size_t k = 0; k < nd; k++) {
		yajl_val iv = id->u.array.values[k], sv = size->u.array.values[k];
		if (!YAJL_IS_STRING(iv) || !YAJL_IS_INTEGER(sv) || YAJL_GET_INTEGER(sv) < 0) {
			msg_error_at(path, 0, "id and size must hold strings and whole numbers");
			goto out;
		}
		d[k].id = str(iv);
		d[k].size = (size_t)YAJL_GET_INTEGER(sv);
		total *= d[k].size;
		yajl_val dim = get(dims, d[k].id);
		yajl_val label = get(dim, "label");
		enum cube_kind kind;
		if (has_role(role, "time", d[k].id))
			kind = CUBE_YEAR;
		else if (has_role(role, "geo", d[k].id))
			kind = CUBE_AREA;
		else if (has_role(role, "metric", d[k].id))
			kind = CUBE_OTHER;
		else if ((kind = cube_kind_of(d[k].id)) == CUBE_OTHER && YAJL_IS_STRING(label))
			kind = cube_kind_of(str(label));
		const char *name = YAJL_IS_STRING(label) ? str(label) : d[k].id;
		d[k].setdim = cube_set_dim(set, kind, name, first && pass1);
		if (d[k].setdim == (size_t)-1) {
			msg_error_at(path, 0, "dimension \"%s\" (%s): the first file has no such dimension: import "
					      "tables of different dimensions apart",
				     d[k].id, cube_kind_name(kind));
			goto out;
		}
		if (!YAJL_IS_OBJECT(dim) ||
		    read_categories(path, &d[k], dim, &set->dim[d[k].setdim], pass1) != 0)
			goto out;
	}
	if (nd != set->n) {
		msg_error_at(path, 0, "%zu dimensions, but the first file has %zu: import tables of different "
				      "dimensions apart",
			     nd, set->n);
		goto out;
	}
	if (YAJL_IS_ARRAY(value) && value->u.array.len != total) {
		msg_error_at(path, 0, "value holds %zu cells; the sizes give %zu", value->u.array.len, total);
		goto out;
	}
	rc = 0;
	if (pass1)
		goto out;
	impout_file_info(o, "encoding", bom ? "UTF-8 (BOM)" : "UTF-8");
	impout_file_info(o, "layout", "JSON-stat 2.0");
	size_t pos[CUBE_MAXDIM] = {0};
	char numbuf[64], where[48];
	for (size_t i = 0; rc == 0 && i < total; i++) {
		/* position of cell i, last dimension fastest */
		size_t rest = i;
		for (size_t k = nd; k-- > 0;) {
			pos[k] = rest % d[k].size;
			rest /= d[k].size;
		}
		struct cube_cell c;
		memset(&c, 0, sizeof c);
		for (size_t k = 0; k < nd; k++)
			c.cat[d[k].setdim] = d[k].cat[pos[k]];
		yajl_val v;
		if (YAJL_IS_ARRAY(value)) {
			v = value->u.array.values[i];
		} else {
			char key[32];
			snprintf(key, sizeof key, "%zu", i);
			v = get(value, key);
		}
		c.status = status_of(status, i);
		c.value = value_text(v, numbuf, sizeof numbuf);
		if (!c.value)
			c.value = c.status ? c.status : "";
		snprintf(where, sizeof where, "value[%zu]", i);
		c.where = where;
		impout_read(o);
		rc = cell(ctx, &c);
	}
out:
	if (d)
		for (size_t k = 0; k < nd; k++)
			free(d[k].cat);
	free(d);
	yajl_tree_free(root);
	return rc;
}
