#include "manifest.h"
#include "jsonw.h"
#include "msg.h"
#include "stage.h"
#include "version.h"

#include <dirent.h>
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

const char *const manifest_stages[MANIFEST_NSTAGES] = {"ingest", "shortage", "trackfit", "plot",
							"report"};

/* SHA-256 of the file PATH into OUT. Returns 0, or -1 after a message. */
static int file_sha256(const char *path, unsigned char out[crypto_hash_sha256_BYTES])
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		msg_error("%s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	crypto_hash_sha256_state st;
	crypto_hash_sha256_init(&st);
	unsigned char buf[65536];
	size_t got;
	while ((got = fread(buf, 1, sizeof buf, fp)) > 0)
		crypto_hash_sha256_update(&st, buf, got);
	int bad = ferror(fp);
	fclose(fp);
	if (bad) {
		msg_error("%s: read error", path);
		return -1;
	}
	crypto_hash_sha256_final(&st, out);
	return 0;
}

/* The whole file as a new string (NULL after a message); writes its size. */
static char *file_text(const char *path, size_t *size)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		msg_error("%s: cannot open: %s", path, strerror(errno));
		return NULL;
	}
	char *text = NULL;
	size_t len = 0, cap = 0, got;
	do {
		if (cap - len < 65536) {
			cap = cap ? cap * 2 : 65536;
			text = erealloc(text, cap + 1);
		}
		got = fread(text + len, 1, cap - len, fp);
		len += got;
	} while (got > 0);
	int bad = ferror(fp);
	fclose(fp);
	if (bad) {
		msg_error("%s: read error", path);
		free(text);
		return NULL;
	}
	text[len] = '\0';
	*size = len;
	return text;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct names {
	char **name;
	size_t n;
};

/* The regular files under DIR (PREFIX + name), into OUT; into subfolders
 * too when RECURSE. Symbolic links are not followed, as find -type f. */
static int list_files(const char *dir, const char *prefix, int recurse, struct names *out)
{
	DIR *d = opendir(dir);
	if (!d) {
		msg_error("%s: cannot read the folder: %s", dir, strerror(errno));
		return -1;
	}
	struct dirent *e;
	int rc = 0;
	while (rc == 0 && (e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		char *path = path_join(dir, e->d_name);
		char *rel = easprintf("%s%s", prefix, e->d_name);
		struct stat sb;
		if (lstat(path, &sb) != 0) {
			msg_error("%s: %s", path, strerror(errno));
			rc = -1;
		} else if (S_ISREG(sb.st_mode)) {
			out->name = erealloc(out->name, (out->n + 1) * sizeof *out->name);
			out->name[out->n++] = rel;
			rel = NULL;
		} else if (recurse && S_ISDIR(sb.st_mode)) {
			char *sub = easprintf("%s/", rel);
			rc = list_files(path, sub, recurse, out);
			free(sub);
		}
		free(rel);
		free(path);
	}
	closedir(d);
	return rc;
}

static void names_free(struct names *n)
{
	for (size_t i = 0; i < n->n; i++)
		free(n->name[i]);
	free(n->name);
}

/* [{"file", "sha256", "bytes"}] of the regular files directly in DIR. */
static int put_files(FILE *fp, const char *dir)
{
	struct names n = {0};
	if (list_files(dir, "", 0, &n) != 0) {
		names_free(&n);
		return -1;
	}
	qsort(n.name, n.n, sizeof *n.name, cmp_str);
	int rc = 0;
	fputc('[', fp);
	for (size_t i = 0; rc == 0 && i < n.n; i++) {
		char *path = path_join(dir, n.name[i]);
		unsigned char h[crypto_hash_sha256_BYTES];
		struct stat sb;
		if (file_sha256(path, h) != 0 || stat(path, &sb) != 0) {
			rc = -1;
		} else {
			fprintf(fp, "%s\n    {\"file\": ", i ? "," : "");
			json_put_string(fp, n.name[i]);
			fputs(", \"sha256\": ", fp);
			json_put_hex(fp, h, sizeof h);
			fprintf(fp, ", \"bytes\": %lld}", (long long)sb.st_size);
		}
		free(path);
	}
	fputs("\n  ]", fp);
	names_free(&n);
	return rc;
}

static const char *effective(const struct config *cfg, const char *section, const char *key,
			     const char *def)
{
	const char *v = config_get(cfg, section, key);
	return v ? v : def;
}

/* "effective": {"section": {"key": "value", ...}, ...} in file order */
static void put_effective(FILE *fp, const struct config *cfg)
{
	fputc('{', fp);
	int first_section = 1;
	for (size_t i = 0; i < cfg->n; i++) {
		const char *sec = cfg->entry[i].section;
		size_t j;
		for (j = 0; j < i; j++)
			if (strcmp(cfg->entry[j].section, sec) == 0)
				break;
		if (j < i)
			continue; /* written with its first entry */
		fprintf(fp, "%s\n      ", first_section ? "" : ",");
		first_section = 0;
		json_put_string(fp, sec);
		fputs(": {", fp);
		int first = 1;
		for (j = i; j < cfg->n; j++) {
			if (strcmp(cfg->entry[j].section, sec) != 0)
				continue;
			fputs(first ? "" : ", ", fp);
			first = 0;
			json_put_string(fp, cfg->entry[j].key);
			fputs(": ", fp);
			json_put_string(fp, cfg->entry[j].value);
		}
		fputc('}', fp);
	}
	fputs("\n    }", fp);
}

static int all_digits(const char *s)
{
	return *s && strspn(s, "0123456789") == strlen(s);
}

int manifest_write(const struct config *cfg, const struct manifest_run *m)
{
	if (sodium_init() < 0) {
		msg_error("libsodium cannot be initialised");
		return -1;
	}
	char *path = path_join(m->snapshot, "manifest.json");
	char *p = config_path(cfg, "run", "input", "sample");
	char *input = path_tidy(p);
	free(p);
	p = stage_refdir(cfg);
	char *refdir = path_tidy(p);
	free(p);
	size_t text_len = 0;
	char *text = file_text(cfg->path, &text_len);
	unsigned char cfg_hash[crypto_hash_sha256_BYTES];
	FILE *fp = NULL;
	int rc = -1;
	if (!text || file_sha256(cfg->path, cfg_hash) != 0)
		goto done;
	if (!(fp = fopen(path, "w"))) {
		msg_error("%s: cannot create: %s", path, strerror(errno));
		goto done;
	}
	fprintf(fp, "{\n  \"program\": \"jobbspar\",\n  \"version\": ");
	json_put_string(fp, JOBBSPAR_VERSION);
	const char *seed = effective(cfg, "run", "seed", "20261123");
	fputs(",\n  \"seed\": ", fp);
	if (all_digits(seed))
		fputs(seed, fp);
	else
		json_put_string(fp, seed);
	fputs(",\n  \"reference_year\": ", fp);
	json_put_string(fp, effective(cfg, "run", "reference_year", "2024"));
	fputs(",\n  \"municipalities\": ", fp);
	json_put_string(fp, effective(cfg, "run", "municipalities", "0581, 0882"));
	fprintf(fp, ",\n  \"compare\": %s,\n  \"configuration\": {\n    \"file\": ",
		m->compare ? "true" : "false");
	json_put_string(fp, cfg->path);
	fputs(",\n    \"sha256\": ", fp);
	json_put_hex(fp, cfg_hash, sizeof cfg_hash);
	fputs(",\n    \"overrides\": [", fp);
	for (size_t i = 0; i < m->noverrides; i++) {
		fputs(i ? ", " : "", fp);
		json_put_string(fp, m->overrides[i]);
	}
	fputs("],\n    \"effective\": ", fp);
	put_effective(fp, cfg);
	fputs(",\n    \"text\": ", fp);
	json_put_string(fp, text);
	fputs("\n  },\n  \"input\": {\"folder\": ", fp);
	json_put_string(fp, input);
	fputs(", \"files\": ", fp);
	if (put_files(fp, input) != 0)
		goto done;
	fputs("},\n  \"reference_lists\": {\"folder\": ", fp);
	json_put_string(fp, refdir);
	fputs(", \"files\": ", fp);
	if (put_files(fp, refdir) != 0)
		goto done;
	fputs("},\n  \"previous\": ", fp);
	if (m->previous)
		json_put_string(fp, m->previous);
	else
		fputs("null", fp);
	fputs(",\n  \"programs\": {", fp);
	for (int s = 0; s < MANIFEST_NSTAGES; s++) {
		char *name = easprintf("jobbspar-%s", manifest_stages[s]);
		char *prog = path_join(m->bin, name);
		unsigned char h[crypto_hash_sha256_BYTES];
		int ok = file_sha256(prog, h) == 0;
		if (ok) {
			fputs(s ? ", " : "", fp);
			json_put_string(fp, name);
			fputs(": ", fp);
			json_put_hex(fp, h, sizeof h);
		}
		free(name);
		free(prog);
		if (!ok)
			goto done;
	}
	fputs("},\n  \"ingest\": ", fp);
	/* ingest.json as ingest wrote it, indented one level */
	char *ingest_path = path_join(m->snapshot, "ingest.json");
	struct stat sb;
	if (stat(ingest_path, &sb) == 0 && sb.st_size > 0) {
		size_t len;
		char *ij = file_text(ingest_path, &len);
		if (!ij) {
			free(ingest_path);
			goto done;
		}
		while (len && ij[len - 1] == '\n')
			ij[--len] = '\0';
		for (const char *p = ij; *p; p++) {
			fputc(*p, fp);
			if (*p == '\n')
				fputs("  ", fp);
		}
		free(ij);
	} else {
		fputs("null", fp);
	}
	free(ingest_path);
	fputs(",\n  \"files\": {", fp);
	struct names n = {0};
	if (list_files(m->snapshot, "", 1, &n) != 0) {
		names_free(&n);
		goto done;
	}
	qsort(n.name, n.n, sizeof *n.name, cmp_str);
	int first = 1;
	for (size_t i = 0; i < n.n; i++) {
		if (strcmp(n.name[i], "manifest.json") == 0)
			continue;
		char *f = path_join(m->snapshot, n.name[i]);
		unsigned char h[crypto_hash_sha256_BYTES];
		int ok = file_sha256(f, h) == 0;
		free(f);
		if (!ok) {
			names_free(&n);
			goto done;
		}
		fprintf(fp, "%s\n    ", first ? "" : ",");
		first = 0;
		json_put_string(fp, n.name[i]);
		fputs(": ", fp);
		json_put_hex(fp, h, sizeof h);
	}
	names_free(&n);
	fputs("\n  },\n", fp);
	/* everything that differs between two runs of the same inputs is on this one line */
	char finished[64];
	time_t now = time(NULL);
	strftime(finished, sizeof finished, "%Y-%m-%dT%H:%M:%S%z", localtime(&now));
	fputs("  \"run\": {\"id\": ", fp);
	json_put_string(fp, m->run_id ? m->run_id : "");
	fputs(", \"started\": ", fp);
	json_put_string(fp, m->started ? m->started : "");
	fputs(", \"finished\": ", fp);
	json_put_string(fp, finished);
	fputs(", \"log\": ", fp);
	json_put_string(fp, m->log ? m->log : "");
	fputs(", \"stages\": [", fp);
	for (int s = 0; s < MANIFEST_NSTAGES; s++) {
		fprintf(fp, "%s{\"stage\": \"%s\", ", s ? ", " : "", manifest_stages[s]);
		if (m->seconds[s])
			fprintf(fp, "\"ran\": true, \"seconds\": %s}", m->seconds[s]);
		else
			fputs("\"ran\": false}", fp);
	}
	fputs("]}\n}\n", fp);
	rc = 0;
done:
	if (fp) {
		int bad = ferror(fp);
		if (fclose(fp) != 0 || bad) {
			if (rc == 0)
				msg_error("%s: write failed: %s", path, strerror(errno ? errno : EIO));
			rc = -1;
		}
		if (rc != 0)
			remove(path);
	}
	free(text);
	free(path);
	free(input);
	free(refdir);
	return rc;
}
