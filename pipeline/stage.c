#include "stage.h"
#include "atomicfile.h"
#include "msg.h"
#include "schema.h"
#include "value.h"
#include "version.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the front end ----------------------------------------------------- */

enum { OPT_VERSION = 256 };

static const struct option common_longopts[] = {
	{"config", required_argument, NULL, 'c'},
	{"set", required_argument, NULL, 's'},
	{"output", required_argument, NULL, 'o'},
	{"verbose", no_argument, NULL, 'v'},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, OPT_VERSION},
};

static void stage_help(const struct stage_cli *cli)
{
	printf("usage: %s [-c FILE] [--set S.K=V]... [-o OUT] [-v]\n", cli->prog);
	/* the stage's own options under the common ones, each line indented */
	int indent = (int)strlen("usage: ") + (int)strlen(cli->prog) + 1;
	for (const char *s = cli->synopsis; s && *s;) {
		size_t len = strcspn(s, "\n");
		printf("%*s%.*s\n", indent, "", (int)len, s);
		s += len + (s[len] == '\n');
	}
	if (cli->about)
		printf("\n%s", cli->about);
	printf("\n"
	       "  -c, --config FILE   configuration (default $JOBBSPAR_CONFIG, else data/default.ini)\n"
	       "  -s, --set S.K=V     override one configuration key (repeatable)\n"
	       "  -o, --output DIR    %s\n",
	       cli->output_help ? cli->output_help : "output folder OUT (default run.output)");
	if (cli->options)
		fputs(cli->options, stdout);
	printf("  -v, --verbose       progress and notes on standard error\n"
	       "  -h, --help          this help\n"
	       "      --version       print the version\n"
	       "\n"
	       "The keys of the configuration are listed in docs/CONFIG.md (and by\n"
	       "jobbspar-config --list-keys). An unknown key or a value out of range, in the\n"
	       "file or in --set, stops the program before it reads anything.\n"
	       "Exit status: 0 ok, 1 data or I/O error, 2 usage error.\n");
	if (cli->epilog)
		fputs(cli->epilog, stdout);
}

int stage_usage_error(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: ", msg_prog());
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s --help' for more information.\n", msg_prog());
	return EXIT_USAGE;
}

static void add_override(struct stage *st, char *origin, const char *section, size_t section_len,
			 const char *key, const char *value)
{
	st->override = erealloc(st->override, (st->noverride + 1) * sizeof *st->override);
	struct stage_override *o = &st->override[st->noverride++];
	o->origin = origin;
	o->section = estrndup(section, section_len);
	o->key = estrdup(key);
	o->value = estrdup(value);
}

void stage_override(struct stage *st, const char *origin, const char *section, const char *key,
		    const char *value)
{
	add_override(st, estrdup(origin), section, strlen(section), key, value);
}

/* --set section.key=value: the section may hold dots (track.eget), the key
 * is what follows the last dot. Returns 0, or -1 after a message. */
static int add_assignment(struct stage *st, const char *text)
{
	const char *eq = strchr(text, '=');
	const char *dot = NULL;
	for (const char *p = text; eq && p < eq; p++)
		if (*p == '.')
			dot = p;
	if (!eq || !dot || dot == text || dot + 1 == eq) {
		msg_error("--set %s: expected section.key=value", text);
		return -1;
	}
	char *key = estrndup(dot + 1, (size_t)(eq - dot - 1));
	add_override(st, easprintf("--set %s", text), text, (size_t)(dot - text), key, eq + 1);
	free(key);
	return 0;
}

/* The text of the option at argv[optind - 1] up to any "=value". */
static char *option_text(char **argv, int index)
{
	const char *a = argv[index];
	const char *eq = strncmp(a, "--", 2) == 0 ? strchr(a, '=') : NULL;
	return eq ? estrndup(a, (size_t)(eq - a)) : estrdup(a);
}

int stage_parse(struct stage *st, const struct stage_cli *cli, int argc, char **argv, int *status)
{
	void *data = st->data;
	memset(st, 0, sizeof *st);
	st->data = data;
	st->cli = cli;
	stage_start(cli->prog);
	size_t ncommon = sizeof common_longopts / sizeof common_longopts[0], nown = 0;
	while (cli->longopts && cli->longopts[nown].name)
		nown++;
	struct option *longopts = ecalloc(ncommon + nown + 1, sizeof *longopts);
	memcpy(longopts, common_longopts, sizeof common_longopts);
	if (nown)
		memcpy(longopts + ncommon, cli->longopts, nown * sizeof *longopts);
	char *shortopts = easprintf(":c:s:o:vh%s", cli->shortopts ? cli->shortopts : "");
	int rc = 0, c;
	*status = 0;
	opterr = 0;
	optind = 1;
	while (rc == 0 && (c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		switch (c) {
		case 'c': st->config_file = optarg; break;
		case 's':
			if (add_assignment(st, optarg) != 0) {
				*status = EXIT_USAGE;
				rc = -1;
			}
			break;
		case 'o': st->output = optarg; break;
		case 'v': st->verbose = 1; msg_set_verbose(1); break;
		case 'h':
			/* stage_end closes stdout and says if it failed */
			stage_help(cli);
			rc = -1;
			break;
		case OPT_VERSION:
			printf("%s %s\n", cli->prog, JOBBSPAR_VERSION);
			rc = -1;
			break;
		case '?':
		case ':': {
			/* an unknown short option leaves optopt set; a missing
			 * argument is always the last of its argument */
			int is_long = c == '?' ? optopt == 0 : strncmp(argv[optind - 1], "--", 2) == 0;
			char *text = is_long ? option_text(argv, optind - 1) : easprintf("-%c", optopt);
			if (c == '?')
				stage_usage_error("unknown option %s", text);
			else
				stage_usage_error("option %s needs an argument", text);
			free(text);
			*status = EXIT_USAGE;
			rc = -1;
			break;
		}
		default:
			if (!cli->option || cli->option(st, c, optarg) != 0) {
				*status = EXIT_USAGE;
				rc = -1;
			}
		}
	}
	if (rc == 0 && optind < argc) {
		stage_usage_error("unexpected argument: %s", argv[optind]);
		*status = EXIT_USAGE;
		rc = -1;
	}
	free(longopts);
	free(shortopts);
	return rc;
}

int stage_load(struct stage *st, int *status)
{
	const char *path = st->config_file;
	if (!path)
		path = getenv("JOBBSPAR_CONFIG");
	if (!path || !*path)
		path = "data/default.ini";
	*status = EXIT_DATA;
	st->cfg = config_load(path);
	if (!st->cfg)
		return -1;
	for (size_t i = 0; i < st->noverride; i++) {
		const struct stage_override *o = &st->override[i];
		config_set_from(st->cfg, o->section, o->key, o->value, o->origin);
	}
	if (schema_check(st->cfg, st->cli->stage) != 0) {
		*status = EXIT_USAGE;
		return -1;
	}
	*status = 0;
	return 0;
}

int stage_begin(struct stage *st, const struct stage_cli *cli, int argc, char **argv, int *status)
{
	if (stage_parse(st, cli, argc, argv, status) != 0)
		return -1;
	return stage_load(st, status);
}

int stage_end(struct stage *st, int status)
{
	for (size_t i = 0; i < st->noverride; i++) {
		free(st->override[i].origin);
		free(st->override[i].section);
		free(st->override[i].key);
		free(st->override[i].value);
	}
	free(st->override);
	st->override = NULL;
	st->noverride = 0;
	config_free(st->cfg);
	st->cfg = NULL;
	if (stage_close_stdout() != 0 && status == 0)
		status = EXIT_DATA;
	return status;
}

/* ---- what the stages read ---------------------------------------------- */

char *stage_output_dir(const struct config *cfg, const char *override)
{
	if (override)
		return estrdup(override);
	return config_path(cfg, "run", "output", "out");
}

char *stage_refdir(const struct config *cfg)
{
	return config_path(cfg, "run", "refdir", "ref");
}

int stage_reference_year(const struct config *cfg, int *year)
{
	long y;
	if (config_long(cfg, "run", "reference_year", 2024, &y) != 0)
		return -1;
	if (y < 1900 || y > 2200) {
		const struct config_entry *e = config_find(cfg, "run", "reference_year");
		msg_error_at(cfg->path, e ? e->line : 0, "run.reference_year: %ld is out of range", y);
		return -1;
	}
	*year = (int)y;
	return 0;
}

long stage_reference_date(int year)
{
	return days_from_civil(year, 12, 31);
}

int stage_municipalities(const struct config *cfg, const struct codes *codes,
			 char (**out)[5], size_t *count)
{
	size_t n;
	char **items = config_list(config_str(cfg, "run", "municipalities", "0581, 0882"), &n);
	char (*codes_out)[5] = ecalloc(n ? n : 1, sizeof *codes_out);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		int padded;
		const struct kommun_entry *e = codes_kommun(codes, items[i], &padded);
		if (!e)
			e = codes_kommun_by_name(codes, items[i]);
		if (!e) {
			const struct config_entry *ce = config_find(cfg, "run", "municipalities");
			msg_error_at(cfg->path, ce ? ce->line : 0,
				     "run.municipalities: unknown municipality \"%s\"", items[i]);
			config_list_free(items, n);
			free(codes_out);
			return -1;
		}
		size_t j;
		for (j = 0; j < k; j++)
			if (strcmp(codes_out[j], e->code) == 0)
				break;
		if (j == k)
			memcpy(codes_out[k++], e->code, 5);
	}
	config_list_free(items, n);
	*out = codes_out;
	*count = k;
	return 0;
}

int stage_mkdir(const char *dir, int mode)
{
	if (mkdir_p(dir, mode) != 0) {
		msg_error("%s: cannot create folder: %s", dir, strerror(errno));
		return -1;
	}
	return 0;
}

int stage_close_stdout(void)
{
	int bad = ferror(stdout);
	if (fclose(stdout) != 0 || bad) {
		msg_error("write error on standard output: %s", strerror(errno ? errno : EIO));
		return 1;
	}
	return 0;
}

char *path_join(const char *dir, const char *name)
{
	size_t n = strlen(dir);
	if (n && dir[n - 1] == '/')
		return easprintf("%s%s", dir, name);
	return easprintf("%s/%s", dir, name);
}

/* PATH without "." and "dir/.." parts, doubled and trailing slashes (no
 * link resolved), as run.sh names folders. New string. */
char *path_tidy(const char *path)
{
	size_t n = strlen(path);
	char *out = emalloc(n + 2);
	char **part = emalloc((n / 2 + 2) * sizeof *part);
	char *copy = estrdup(path);
	size_t k = 0;
	for (char *save = NULL, *p = strtok_r(copy, "/", &save); p; p = strtok_r(NULL, "/", &save)) {
		if (strcmp(p, ".") == 0)
			continue;
		if (strcmp(p, "..") == 0 && k > 0 && strcmp(part[k - 1], "..") != 0) {
			k--;
			continue;
		}
		part[k++] = p;
	}
	size_t len = 0;
	if (path[0] == '/')
		out[len++] = '/';
	for (size_t i = 0; i < k; i++) {
		if (i)
			out[len++] = '/';
		memcpy(out + len, part[i], strlen(part[i]));
		len += strlen(part[i]);
	}
	if (len == 0)
		out[len++] = '.';
	out[len] = '\0';
	free(part);
	free(copy);
	return out;
}

void stage_start(const char *prog)
{
	msg_set_prog(prog);
	signal(SIGXFSZ, SIG_IGN);
}
