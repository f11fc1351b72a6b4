/* jobbspar-config: what the configuration schema (pipeline/schema.c) knows,
 * for people and for run.sh: checks a configuration, prints the effective
 * one and the keys each stage reads, writes docs/CONFIG.md, data/default.ini
 * and a run's manifest.json. */
#include "docs.h"
#include "manifest.h"
#include "tablesdoc.h"

#include "config.h"
#include "msg.h"
#include "schema.h"
#include "stage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum action {
	ACT_CHECK, ACT_LIST, ACT_DOCS, ACT_INI, ACT_EFFECTIVE, ACT_GET, ACT_STAGE, ACT_MANIFEST, ACT_TABLES,
	ACT_LIST_TABLES
};

struct config_args {
	enum action action;
	int nactions;
	unsigned stages;               /* --stages: what --check requires */
	const char **get;              /* --get keys, in order */
	size_t nget;
	unsigned stage;                /* --stage-config */
	struct manifest_run m;         /* --manifest */
};

enum {
	OPT_CHECK = STAGE_OPT_OWN, OPT_STAGES, OPT_LIST, OPT_DOCS, OPT_INI, OPT_EFFECTIVE, OPT_GET,
	OPT_STAGE, OPT_MANIFEST, OPT_BIN, OPT_PREVIOUS, OPT_RUN_ID, OPT_STARTED, OPT_LOG, OPT_TIME,
	OPT_LANG, OPT_COMPARE, OPT_TABLES, OPT_LIST_TABLES,
};

static int set_action(struct config_args *a, enum action act)
{
	if (a->nactions++ && a->action != act) {
		stage_usage_error("give one of --check, --list-keys, --write-docs, --write-ini, "
				  "--write-tables, --list-tables, --effective, --get, --stage-config, --manifest");
		return -1;
	}
	a->action = act;
	return 0;
}

/* "1.234": the seconds run-stage.sh measured */
static int seconds_ok(const char *s)
{
	size_t digits = strspn(s, "0123456789");
	if (!digits)
		return 0;
	if (s[digits] == '\0')
		return 1;
	return s[digits] == '.' && s[digits + 1] && strspn(s + digits + 1, "0123456789") == strlen(s + digits + 1);
}

static int config_option(struct stage *st, int opt, const char *arg)
{
	struct config_args *a = st->data;
	switch (opt) {
	case OPT_CHECK: return set_action(a, ACT_CHECK);
	case OPT_LIST: return set_action(a, ACT_LIST);
	case OPT_DOCS: return set_action(a, ACT_DOCS);
	case OPT_INI: return set_action(a, ACT_INI);
	case OPT_TABLES: return set_action(a, ACT_TABLES);
	case OPT_LIST_TABLES: return set_action(a, ACT_LIST_TABLES);
	case OPT_EFFECTIVE: return set_action(a, ACT_EFFECTIVE);
	case OPT_GET:
		a->get = erealloc(a->get, (a->nget + 1) * sizeof *a->get);
		a->get[a->nget++] = arg;
		return set_action(a, ACT_GET);
	case OPT_STAGE:
		if (!(a->stage = schema_stage_bit(arg))) {
			msg_error("--stage-config: unknown stage \"%s\"", arg);
			return -1;
		}
		return set_action(a, ACT_STAGE);
	case OPT_STAGES: {
		size_t n;
		char **items = config_list(arg, &n);
		a->stages = 0;
		int rc = 0;
		for (size_t i = 0; i < n && rc == 0; i++) {
			unsigned bit = schema_stage_bit(items[i]);
			if (!bit) {
				msg_error("--stages: unknown stage \"%s\"", items[i]);
				rc = -1;
			}
			a->stages |= bit;
		}
		config_list_free(items, n);
		return rc;
	}
	case OPT_MANIFEST: a->m.snapshot = arg; return set_action(a, ACT_MANIFEST);
	case OPT_BIN: a->m.bin = arg; return 0;
	case OPT_PREVIOUS: a->m.previous = *arg ? arg : NULL; return 0;
	case OPT_RUN_ID: a->m.run_id = arg; return 0;
	case OPT_STARTED: a->m.started = arg; return 0;
	case OPT_LOG: a->m.log = arg; return 0;
	case OPT_TIME: {
		const char *eq = strchr(arg, '=');
		for (int s = 0; eq && s < MANIFEST_NSTAGES; s++)
			if (strlen(manifest_stages[s]) == (size_t)(eq - arg) &&
			    strncmp(arg, manifest_stages[s], (size_t)(eq - arg)) == 0 && seconds_ok(eq + 1)) {
				a->m.seconds[s] = eq + 1;
				return 0;
			}
		msg_error("--stage-time %s: expected STAGE=SECONDS", arg);
		return -1;
	}
	case OPT_LANG:
		stage_override(st, "--lang", "run", "lang", arg);
		return 0;
	case OPT_COMPARE:
		stage_override(st, "--compare", "run", "municipalities", arg);
		a->m.compare = 1;
		return 0;
	}
	return -1;
}

static const struct option config_longopts[] = {
	{"check", no_argument, NULL, OPT_CHECK},
	{"stages", required_argument, NULL, OPT_STAGES},
	{"list-keys", no_argument, NULL, OPT_LIST},
	{"write-docs", no_argument, NULL, OPT_DOCS},
	{"write-ini", no_argument, NULL, OPT_INI},
	{"write-tables", no_argument, NULL, OPT_TABLES},
	{"list-tables", no_argument, NULL, OPT_LIST_TABLES},
	{"effective", no_argument, NULL, OPT_EFFECTIVE},
	{"get", required_argument, NULL, OPT_GET},
	{"stage-config", required_argument, NULL, OPT_STAGE},
	{"manifest", required_argument, NULL, OPT_MANIFEST},
	{"bin", required_argument, NULL, OPT_BIN},
	{"previous", required_argument, NULL, OPT_PREVIOUS},
	{"run-id", required_argument, NULL, OPT_RUN_ID},
	{"started", required_argument, NULL, OPT_STARTED},
	{"log", required_argument, NULL, OPT_LOG},
	{"stage-time", required_argument, NULL, OPT_TIME},
	{"lang", required_argument, NULL, OPT_LANG},
	{"compare", required_argument, NULL, OPT_COMPARE},
	{NULL, 0, NULL, 0},
};

static const struct stage_cli cli = {
	.prog = "jobbspar-config",
	.synopsis = "[--lang L] [--compare LIST] [ACTION]",
	.about = "What the configuration schema (pipeline/schema.c) knows: every key, its type,\n"
		 "range, default and the stages that read it.\n",
	.output_help = "output folder (sets run.output, from the current folder)",
	.options = "      --lang L        sets run.lang, as run.sh --lang\n"
		   "      --compare LIST  sets run.municipalities, as run.sh --compare\n"
		   "Actions (one; default --check):\n"
		   "      --check         check the configuration and every --set against the schema\n"
		   "                      and what the stages need (exit 2 with every error)\n"
		   "      --stages LIST   the stages --check is for (default: the five of run.sh)\n"
		   "      --list-keys     every key: section.key, type, default, the stages that\n"
		   "                      read it (tab-separated; track fields as track.<id>.field)\n"
		   "      --effective     the configuration every stage sees, defaults included, as\n"
		   "                      INI (paths made absolute)\n"
		   "      --get S.K       the value of one key (a path made absolute); repeatable,\n"
		   "                      one line each\n"
		   "      --stage-config STAGE\n"
		   "                      every key STAGE reads with its value, or \"(default)\": a\n"
		   "                      change reruns STAGE in an incremental run.sh\n"
		   "      --write-docs    docs/CONFIG.md on standard output\n"
		   "      --write-ini     data/default.ini on standard output\n"
		   "      --write-tables  docs/TABLES.md from standard input to standard output, its\n"
		   "                      shortage tables written from pipeline/shortage_tables.c\n"
		   "      --list-tables   every column of those tables: table, column, type,\n"
		   "                      meaning (tab-separated)\n"
		   "      --manifest DIR  write DIR/manifest.json for run.sh, with --bin DIR,\n"
		   "                      [--previous DIR], --run-id ID, --started TIME, --log FILE,\n"
		   "                      --stage-time STAGE=SECONDS for each stage that ran\n",
	.stage = SCHEMA_PIPELINE,
	.longopts = config_longopts,
	.option = config_option,
};

/* The value of K in section SECTION: the configuration's, else the
 * default; a path resolved against the configuration's folder. New string,
 * or NULL when neither is set. */
static char *effective_value(const struct config *cfg, const char *section, const struct schema_key *k)
{
	const char *v = config_get(cfg, section, k->name);
	if (!v || !*v)
		v = k->def;
	if (!v)
		return NULL;
	if (k->type != SCHEMA_PATH)
		return estrdup(v);
	char *p = config_path(cfg, section, k->name, k->def);
	char *t = path_tidy(p);
	free(p);
	return t;
}

static const char *type_name(enum schema_type t)
{
	switch (t) {
	case SCHEMA_INT: return "integer";
	case SCHEMA_NUM: return "number";
	case SCHEMA_TEXT: return "text";
	case SCHEMA_PATH: return "path";
	case SCHEMA_CHOICE: return "choice";
	case SCHEMA_LIST: return "list";
	case SCHEMA_TARGETS: return "targets";
	}
	return "";
}

/* The families of sections (schema.c): the family's name for a section of
 * one ("offer" for "offer.eget.0581"), NULL for any other section. */
static const char *family_of(const char *section)
{
	static const char *const families[] = {"track", "offer", "bundle"};
	for (size_t i = 0; i < sizeof families / sizeof families[0]; i++) {
		size_t n = strlen(families[i]);
		if (strncmp(section, families[i], n) == 0 && section[n] == '.')
			return families[i];
	}
	return NULL;
}

static int is_family(const char *section)
{
	return strcmp(section, "track") == 0 || strcmp(section, "offer") == 0
	       || strcmp(section, "bundle") == 0;
}

/* How a family's sections are written in the key list. */
static const char *family_pattern(const char *family)
{
	return strcmp(family, "track") == 0 ? "track.<id>"
	       : strcmp(family, "offer") == 0 ? "offer.<id>.<kommun>"
					       : "bundle.<id>";
}

static void list_keys(void)
{
	size_t n;
	const struct schema_key *keys = schema_keys(&n);
	/* the track sections themselves: the stages that read their ids */
	printf("track.<id>\tsection\t\tone [track.<id>] per job track\t");
	schema_put_stages(stdout, SCHEMA_TRACK_IDS, ",");
	putchar('\n');
	for (size_t i = 0; i < n; i++) {
		const struct schema_key *k = &keys[i];
		char *allowed = docs_allowed(k);
		printf("%s.%s\t%s\t%s\t%s\t", is_family(k->section) ? family_pattern(k->section) : k->section,
		       k->name, type_name(k->type), k->def ? k->def : "", allowed);
		free(allowed);
		schema_put_stages(stdout, k->stages, ",");
		putchar('\n');
	}
}

/* Every key of SECTION (a schema section, or a track section) as INI
 * lines; defaults commented out. */
static void put_effective_section(const struct config *cfg, const char *section)
{
	size_t n;
	const struct schema_key *keys = schema_keys(&n);
	const char *family = family_of(section);
	const char *sec = family ? family : section;
	printf("\n[%s]\n", section);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(keys[i].section, sec) != 0)
			continue;
		const struct config_entry *e = config_find(cfg, section, keys[i].name);
		char *v = effective_value(cfg, section, &keys[i]);
		if (e && *e->value)
			printf("%s = %s%s%s\n", keys[i].name, v, e->origin ? " ; " : "",
			       e->origin ? e->origin : "");
		else if (v)
			printf("; %s = %s\n", keys[i].name, v);
		free(v);
	}
}

static void print_effective(const struct config *cfg)
{
	printf("; the effective configuration: %s", cfg->path);
	size_t nover = 0;
	for (size_t i = 0; i < cfg->n; i++)
		nover += cfg->entry[i].origin != NULL;
	if (nover)
		printf(" with %zu override%s", nover, nover == 1 ? "" : "s");
	printf("\n; keys at their built-in default are commented out\n");
	size_t n;
	const struct schema_key *keys = schema_keys(&n);
	const char *prev = NULL;
	for (size_t i = 0; i < n; i++) {
		if (is_family(keys[i].section) || (prev && strcmp(prev, keys[i].section) == 0))
			continue;
		prev = keys[i].section;
		put_effective_section(cfg, prev);
	}
	static const char *const prefixes[] = {"track.", "offer.", "bundle."};
	for (size_t f = 0; f < sizeof prefixes / sizeof prefixes[0]; f++) {
		size_t nt;
		const char **sections = config_sections(cfg, prefixes[f], &nt);
		for (size_t t = 0; t < nt; t++)
			put_effective_section(cfg, sections[t]);
		free(sections);
	}
}

static int get_values(const struct config *cfg, const struct config_args *a)
{
	for (size_t i = 0; i < a->nget; i++) {
		const char *dot = strrchr(a->get[i], '.');
		char *section = dot ? estrndup(a->get[i], (size_t)(dot - a->get[i])) : NULL;
		const struct schema_key *k = section ? schema_find(section, dot + 1) : NULL;
		if (!k) {
			msg_error("--get %s: unknown key", a->get[i]);
			free(section);
			return EXIT_USAGE;
		}
		char *v = effective_value(cfg, section, k);
		printf("%s\n", v ? v : "");
		free(v);
		free(section);
	}
	return 0;
}

/* The stamp of STAGE for run.sh: every key it reads, one per line. */
static void stage_config(const struct config *cfg, unsigned stage)
{
	const char *slash = strrchr(cfg->path, '/');
	char *dir = slash ? estrndup(cfg->path, (size_t)(slash - cfg->path)) : estrdup(".");
	char *tidy = path_tidy(dir);
	printf("# configuration folder\t%s\n", tidy);
	free(tidy);
	free(dir);
	size_t n;
	const struct schema_key *keys = schema_keys(&n);
	for (size_t i = 0; i < n; i++) {
		const struct schema_key *k = &keys[i];
		if (!(k->stages & stage) || is_family(k->section))
			continue;
		const struct config_entry *e = config_find(cfg, k->section, k->name);
		if (!e || !*e->value) {
			printf("%s.%s (default)\n", k->section, k->name);
			continue;
		}
		char *v = effective_value(cfg, k->section, k);
		printf("%s.%s=%s\n", k->section, k->name, v);
		free(v);
	}
	/* the sections of each family: a track's id, an offer's or a bundle's
	 * existence, and their fields */
	static const char *const families[] = {"track", "offer", "bundle"};
	for (size_t f = 0; f < sizeof families / sizeof families[0]; f++) {
		unsigned readers = 0;
		for (size_t i = 0; i < n; i++)
			if (strcmp(keys[i].section, families[f]) == 0)
				readers |= keys[i].stages;
		char *prefix = easprintf("%s.", families[f]);
		size_t nt;
		const char **sections = config_sections(cfg, prefix, &nt);
		free(prefix);
		for (size_t t = 0; t < nt; t++) {
			if (f == 0 ? (stage & SCHEMA_TRACK_IDS) != 0 : (stage & readers) != 0)
				printf("%s\n", sections[t]);
			for (size_t i = 0; i < n; i++) {
				const struct schema_key *k = &keys[i];
				if (!(k->stages & stage) || strcmp(k->section, families[f]) != 0)
					continue;
				const char *v = config_get(cfg, sections[t], k->name);
				if (v && *v)
					printf("%s.%s=%s\n", sections[t], k->name, v);
				else
					printf("%s.%s (default)\n", sections[t], k->name);
			}
		}
		free(sections);
	}
}

int main(int argc, char **argv)
{
	struct config_args a = {.stages = SCHEMA_PIPELINE};
	struct stage st = {.data = &a};
	struct stage_cli checked = cli;
	int rc;
	if (stage_parse(&st, &cli, argc, argv, &rc) != 0)
		goto done;
	if (a.action == ACT_MANIFEST && (!a.m.bin || !a.m.run_id || !a.m.started || !a.m.log)) {
		rc = stage_usage_error("--manifest needs --bin, --run-id, --started and --log");
		goto done;
	}
	switch (a.action) {
	case ACT_LIST: list_keys(); goto done;
	case ACT_DOCS: docs_write_md(stdout); goto done;
	case ACT_INI: docs_write_ini(stdout); goto done;
	case ACT_LIST_TABLES: tablesdoc_list(stdout); goto done;
	case ACT_TABLES:
		if (tablesdoc_rewrite(stdin, "-", stdout) != 0)
			rc = 1;
		goto done;
	default: break;
	}
	/* --check names the stages; the other actions only read */
	if (a.action != ACT_CHECK)
		a.stages = 0;
	checked.stage = a.stages;
	st.cli = &checked;
	if (stage_load(&st, &rc) != 0)
		goto done;
	if (st.output) {
		/* -o names a folder from here, as a stage's -o does */
		char cwd[4096];
		char *abs = st.output[0] == '/' || !getcwd(cwd, sizeof cwd)
				    ? estrdup(st.output)
				    : easprintf("%s/%s", cwd, st.output);
		config_set_from(st.cfg, "run", "output", abs, "-o");
		free(abs);
	}
	switch (a.action) {
	case ACT_CHECK: break;
	case ACT_EFFECTIVE: print_effective(st.cfg); break;
	case ACT_GET: rc = get_values(st.cfg, &a); break;
	case ACT_STAGE: stage_config(st.cfg, a.stage); break;
	case ACT_MANIFEST: {
		/* the overrides as run.sh gave them: --set as written, then
		 * --compare and --lang as the assignments they stand for */
		const char **over = ecalloc(st.noverride + 1, sizeof *over);
		char **made = ecalloc(st.noverride + 1, sizeof *made);
		for (size_t i = 0; i < st.noverride; i++) {
			const struct stage_override *o = &st.override[i];
			if (strncmp(o->origin, "--set ", 6) == 0)
				over[i] = o->origin + 6;
			else
				over[i] = made[i] = easprintf("%s.%s=%s", o->section, o->key, o->value);
		}
		a.m.overrides = over;
		a.m.noverrides = st.noverride;
		if (manifest_write(st.cfg, &a.m) != 0)
			rc = EXIT_DATA;
		for (size_t i = 0; i < st.noverride; i++)
			free(made[i]);
		free(made);
		free(over);
		break;
	}
	default: break;
	}
done:
	free(a.get);
	return stage_end(&st, rc);
}
