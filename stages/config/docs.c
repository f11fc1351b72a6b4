#include "docs.h"
#include "msg.h"
#include "schema.h"
#include "tabledef.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* What each section is for: the comment above it in data/default.ini and
 * the line under its heading in docs/CONFIG.md. */
static const struct {
	const char *section, *about;
} sections[] = {
	{"run", "the run: input, output, reference lists, year, municipalities, seed, language"},
	{"ingest", "reading the input folder (docs/DATA.md)"},
	{"survey", "estimates from the employer survey (docs/METHOD.md)"},
	{"shortage", "the shortage verdicts (docs/METHOD.md)"},
	{"retirement", "share of the employed in each age band who leave the labour force within 5 and 10 "
		       "years (docs/METHOD.md gives the source and reasoning); bands not listed are 0"},
	{"disclosure", "disclosure control of every published table and chart"},
	{"plot", "the charts (plots/README.md)"},
	{"report", "the report"},
	{"trackfit", "how job tracks are scored and places recommended (docs/METHOD.md)"},
	{"track", "one job track per section [track.<id>]: add a track by adding a section"},
	{"offer", "a track offered in one municipality: [offer.<track id>.<kommun code>]; a track "
		  "without any offer section is offered in every reporting municipality"},
	{"bundle", "a group of occupations a new track could be built on, proposed beside the SSYK "
		   "3-digit groups: [bundle.<id>]"},
};

static const char *section_about(const char *section)
{
	for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++)
		if (strcmp(sections[i].section, section) == 0)
			return sections[i].about;
	return NULL;
}

/* The four tracks of the Norrköping model, as data/default.ini gives them. */
static const struct {
	const char *id, *name, *targets, *min_swedish, *max_sun, *capacity, *duration;
} tracks[] = {
	{"eget", "Eget företagande", "1731:1, 1721:1, 1791:1, 5141:0.8, 5222:0.5, 8321:0.5", "sfi-c",
	 NULL, "20", "6"},
	{"restaurang", "Restaurang och storkök", "5120:1, 9412:1, 9411:1, 9413:0.8, 5131:0.5", "sfi-b",
	 NULL, "40", "6"},
	{"industri", "Industri", "81:1, 82:1, 72:0.7, 9320:1, 8344:0.7", "sfi-b", NULL, "40", "8"},
	{"grund", "Jobbspår för personer utan gymnasieutbildning",
	 "9111:1, 5330:1, 5343:1, 4322:0.8, 9622:0.5, 9610:0.5", NULL, "2", "60", "12"},
};

/* Where each track runs: Norrköping all four with the municipality's own
 * partners; Oskarshamn its own three with a training provider, smaller, and
 * its business track ended in 2023 (its outcomes still count). */
#define OSKARSHAMN "Oskarshamns kommun, Arbetsförmedlingen och en upphandlad utbildningsanordnare"
static const struct {
	const char *track, *kommun, *provider, *capacity, *start, *end;
} offers[] = {
	{"eget", "0581", "Norrköpings kommun, Arbetsförmedlingen och Nyföretagarcentrum", NULL, "2020",
	 NULL},
	{"eget", "0882", "Oskarshamns kommun och Arbetsförmedlingen", "8", "2020", "2023"},
	{"restaurang", "0581", "Norrköpings kommun och Arbetsförmedlingen", NULL, "2020", NULL},
	{"restaurang", "0882", OSKARSHAMN, "10", "2020", NULL},
	{"industri", "0581", "Norrköpings kommun, Arbetsförmedlingen och utbildningsanordnare", NULL,
	 "2020", NULL},
	{"industri", "0882", OSKARSHAMN, "15", "2020", NULL},
	{"grund", "0581", "Norrköpings kommun och Arbetsförmedlingen", NULL, "2020", NULL},
	{"grund", "0882", OSKARSHAMN, "15", "2020", NULL},
};

/* A bundle proposed beside the 3-digit groups. */
static const struct {
	const char *id, *name, *targets;
} bundles[] = {
	{"vard", "Vård och omsorg", "532, 5341, 5342, 5349"},
};

/* Writes TEXT as comment lines "; ..." of at most WIDTH columns. */
static void put_comment(FILE *fp, const char *text, size_t width)
{
	const char *s = text;
	while (*s) {
		size_t room = width - 2, len = strlen(s);
		if (len > room) {
			len = room;
			while (len > 0 && s[len] != ' ')
				len--;
			if (len == 0)
				len = strcspn(s, " ");
		}
		fprintf(fp, "; %.*s\n", (int)len, s);
		s += len;
		while (*s == ' ')
			s++;
	}
}

/* "; field (required): help" for every field of FAMILY. */
static void put_fields(FILE *fp, const struct schema_key *keys, size_t n, const char *family)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(keys[i].section, family) == 0) {
			char *line = easprintf("%s%s: %s", keys[i].name,
					       keys[i].flags & SCHEMA_REQUIRED ? " (required)" : "", keys[i].help);
			put_comment(fp, line, 78);
			free(line);
		}
}

/* 1 for the sections of a family ("track", "offer", "bundle"): written
 * from the tables above, not key by key. */
static int family_section(const char *section)
{
	return strcmp(section, "track") == 0 || strcmp(section, "offer") == 0
	       || strcmp(section, "bundle") == 0;
}

static const char *ini_value(const struct schema_key *k)
{
	return k->ini ? k->ini : k->def ? k->def : "";
}

void docs_write_ini(FILE *fp)
{
	fputs("; jobbspar default configuration: the bundled synthetic sample, Norrköping\n"
	      "; (0581) and Oskarshamn (0882). Paths are relative to this file's folder.\n"
	      "; Every key is described in docs/CONFIG.md; a key left out takes its built-in\n"
	      "; default, and the keys shown commented out here are at that default.\n"
	      "; Generated from pipeline/schema.c: bin/jobbspar-config --write-ini\n",
	      fp);
	size_t n;
	const struct schema_key *keys = schema_keys(&n);
	const char *section = NULL;
	for (size_t i = 0; i < n; i++) {
		const struct schema_key *k = &keys[i];
		if (family_section(k->section))
			continue;
		if (!section || strcmp(section, k->section) != 0) {
			section = k->section;
			fputc('\n', fp);
			const char *about = section_about(section);
			if (about)
				put_comment(fp, about, 78);
			fprintf(fp, "[%s]\n", section);
		}
		put_comment(fp, k->help, 78);
		fprintf(fp, "%s%s = %s\n", k->flags & SCHEMA_BUILTIN ? "; " : "", k->name, ini_value(k));
	}
	fputc('\n', fp);
	put_comment(fp, section_about("track"), 78);
	fputs("; The four tracks of the Norrköping model. The fields:\n", fp);
	put_fields(fp, keys, n, "track");
	fputs(";\n", fp);
	put_comment(fp, section_about("offer"), 78);
	fputs("; Norrköping (0581) runs all four, Oskarshamn (0882) its own three. The fields:\n", fp);
	put_fields(fp, keys, n, "offer");
	for (size_t t = 0; t < sizeof tracks / sizeof tracks[0]; t++) {
		fprintf(fp, "\n[track.%s]\nname = %s\ntargets = %s\n", tracks[t].id, tracks[t].name,
			tracks[t].targets);
		if (tracks[t].min_swedish)
			fprintf(fp, "min_swedish = %s\n", tracks[t].min_swedish);
		if (tracks[t].max_sun)
			fprintf(fp, "max_sun = %s\n", tracks[t].max_sun);
		fprintf(fp, "capacity = %s\nduration_months = %s\n", tracks[t].capacity, tracks[t].duration);
		for (size_t o = 0; o < sizeof offers / sizeof offers[0]; o++) {
			if (strcmp(offers[o].track, tracks[t].id) != 0)
				continue;
			fprintf(fp, "\n[offer.%s.%s]\nprovider = %s\n", offers[o].track, offers[o].kommun,
				offers[o].provider);
			if (offers[o].capacity)
				fprintf(fp, "capacity = %s\n", offers[o].capacity);
			if (offers[o].start)
				fprintf(fp, "start = %s\n", offers[o].start);
			if (offers[o].end)
				fprintf(fp, "end = %s\n", offers[o].end);
		}
	}
	fputc('\n', fp);
	put_comment(fp, section_about("bundle"), 78);
	fputs("; The fields:\n", fp);
	put_fields(fp, keys, n, "bundle");
	for (size_t b = 0; b < sizeof bundles / sizeof bundles[0]; b++)
		fprintf(fp, "\n[bundle.%s]\nname = %s\ntargets = %s\n", bundles[b].id, bundles[b].name,
			bundles[b].targets);
}

static char *number(double v)
{
	return easprintf("%.15g", v);
}

char *docs_allowed(const struct schema_key *k)
{
	switch (k->type) {
	case SCHEMA_INT:
	case SCHEMA_NUM: {
		const char *what = k->type == SCHEMA_INT ? "integer" : "number";
		int has_min = isfinite(k->min), has_max = isfinite(k->max);
		char *lo = number(k->min), *hi = number(k->max), *out;
		int lo_open = (k->flags & SCHEMA_MIN_OPEN) != 0, hi_open = (k->flags & SCHEMA_MAX_OPEN) != 0;
		if (has_min && has_max && !lo_open && !hi_open)
			out = k->type == SCHEMA_INT && k->max - k->min == 1
				      ? easprintf("%s or %s", lo, hi)
				      : easprintf("%s to %s", lo, hi);
		else if (has_min && has_max)
			out = easprintf("%s %s and %s %s", lo_open ? "above" : "from", lo,
					hi_open ? "below" : "up to", hi);
		else if (has_min)
			out = easprintf("%s %s %s", what, lo_open ? "above" : "from", lo);
		else if (has_max)
			out = easprintf("%s %s %s", what, hi_open ? "below" : "up to", hi);
		else
			out = easprintf("any %s", what);
		free(lo);
		free(hi);
		return out;
	}
	case SCHEMA_CHOICE: {
		char *out = estrdup("");
		const char *s = k->choices;
		while (*s) {
			size_t len = strcspn(s, " ");
			char *next = easprintf("%s%s`%.*s`", out, *out ? ", " : "", (int)len, s);
			free(out);
			out = next;
			s += len;
			s += strspn(s, " ");
		}
		return out;
	}
	case SCHEMA_TEXT: return estrdup("text");
	case SCHEMA_PATH: return estrdup("path");
	case SCHEMA_LIST: return estrdup("comma-separated list");
	case SCHEMA_TARGETS: return estrdup("`code[:weight]`, ...");
	}
	return estrdup("");
}

/* The columns allowed, read by and meaning of KEY's row in a table of
 * keys, after its default, to the end of the row. */
static void put_row_tail(FILE *fp, const struct schema_key *k)
{
	fputs(" | ", fp);
	char *allowed = docs_allowed(k);
	tabledef_put_cell(fp, allowed);
	free(allowed);
	fputs(" | ", fp);
	schema_put_stages(fp, k->stages, ", ");
	fputs(" | ", fp);
	tabledef_put_cell(fp, k->help);
	fputs(" |\n", fp);
}

static void put_row(FILE *fp, const char *name, const struct schema_key *k)
{
	fprintf(fp, "| `%s` | ", name);
	if (k->def)
		fprintf(fp, "`%s`", k->def);
	if (k->ini && !(k->flags & SCHEMA_BUILTIN) && (!k->def || strcmp(k->ini, k->def) != 0))
		fprintf(fp, "%s(default.ini: `%s`)", k->def ? " " : "", k->ini);
	put_row_tail(fp, k);
}

void docs_write_md(FILE *fp)
{
	fputs("# Configuration\n"
	      "\n"
	      "<!-- Generated from pipeline/schema.c by `bin/jobbspar-config --write-docs`; edit the schema,\n"
	      "     not this file (tests/cli/config-docs-in-step fails when they differ). -->\n"
	      "\n"
	      "INI files read with inih. [data/default.ini](../data/default.ini) is the default and shows every\n"
	      "key with a comment; a run's own file (`./run.sh -c my.ini`) may set any subset. A key left out\n"
	      "takes the built-in default below. Relative paths are resolved against the folder of the\n"
	      "configuration file (`run.output`: `out` beside the configuration file). Every stage, and\n"
	      "`run.sh`, takes `-c FILE` and `--set section.key=value` (repeatable) to override one key; a\n"
	      "section may hold dots (`--set track.grund.capacity=80`).\n"
	      "\n"
	      "## Checking\n"
	      "\n"
	      "Every key is declared once, in `pipeline/schema.c`: its section, type, range, default, the\n"
	      "stages that read it and its meaning. Before a stage reads anything, and before `run.sh` runs\n"
	      "the first stage, the whole configuration (the file and every `--set`) is checked against it.\n"
	      "Each error names where the value came from and the stage exits 2:\n"
	      "\n"
	      "```\n"
	      "jobbspar-shortage: my.ini:12: shortage.index_brst: unknown key; did you mean shortage.index_brist?\n"
	      "jobbspar-shortage: --set shortage.index_brst=1.8: unknown key; did you mean shortage.index_brist?\n"
	      "jobbspar-trackfit: my.ini:40: track.eget.min_svenska: unknown track field; did you mean track.eget.min_swedish?\n"
	      "jobbspar-report: my.ini:7: disclosure.min_persons: must be at least 1\n"
	      "run.sh: --lang: expected sv or en, not \"de\"\n"
	      "```\n"
	      "\n"
	      "What the check cannot know without the reference lists (an SSYK code of a track's targets\n"
	      "that does not exist, an unknown municipality) is reported by the stage that reads them, with\n"
	      "the file and line. Ingest and trackfit need at least one `[track.<id>]` section: a\n"
	      "configuration without one is an error, not a run whose outcome rows are all rejected.\n"
	      "\n"
	      "`bin/jobbspar-config` prints what the schema knows: `--list-keys` (every key, its type,\n"
	      "default and the stages that read it), `--check` (the checks above, for `-c` and `--set`),\n"
	      "`--effective` (the configuration every stage will see, defaults included), `--stage-config\n"
	      "STAGE` (the keys STAGE reads: run.sh reruns a stage when they change), `--write-docs` (this\n"
	      "file) and `--write-ini` (data/default.ini).\n",
	      fp);
	size_t n;
	const struct schema_key *keys = schema_keys(&n);
	const char *section = NULL;
	for (size_t i = 0; i < n; i++) {
		const struct schema_key *k = &keys[i];
		if (!section || strcmp(section, k->section) != 0) {
			section = k->section;
			const char *about = section_about(section);
			if (strcmp(section, "track") == 0)
				fputs("\n## [track.\\<id\\>]\n\n", fp);
			else if (strcmp(section, "offer") == 0)
				fputs("\n## [offer.\\<track id\\>.\\<kommun code\\>]\n\n", fp);
			else if (strcmp(section, "bundle") == 0)
				fputs("\n## [bundle.\\<id\\>]\n\n", fp);
			else
				fprintf(fp, "\n## [%s]\n\n", section);
			if (about)
				fprintf(fp, "%c%s.\n\n", about[0] - 'a' + 'A', about + 1);
			if (strcmp(section, "track") == 0)
				fputs("data/default.ini has the four tracks of the Norrköping model (eget, restaurang,\n"
				      "industri, grund). A field marked *required* must be in every track.\n\n",
				      fp);
			if (strcmp(section, "offer") == 0)
				fputs("A track with offer sections is offered only in those municipalities, in the years\n"
				      "from `start` to `end` (the plan year is `run.reference_year` + 1); one without is\n"
				      "offered in every reporting municipality with the track's capacity and provider.\n"
				      "data/default.ini offers all four tracks in Norrköping and three in Oskarshamn, with\n"
				      "Oskarshamn's own provider and capacities.\n\n",
				      fp);
			fputs("| key | default | allowed | read by | meaning |\n|---|---|---|---|---|\n", fp);
		}
		if (family_section(section)) {
			fprintf(fp, "| `%s`%s | ", k->name, k->flags & SCHEMA_REQUIRED ? " *required*" : "");
			if (k->def)
				fprintf(fp, "`%s`", k->def);
			put_row_tail(fp, k);
			continue;
		}
		char *name = easprintf("%s.%s", k->section, k->name);
		put_row(fp, name, k);
		free(name);
	}
	fputs("\nKeys shown commented out in data/default.ini take their built-in default there.\n"
	      "`--set` values are checked like the file's; a stage's own options that set a key (`--lang`\n"
	      "sets `run.lang`, `--seed` sets `run.seed`, ingest's `--max-reject-rate` sets\n"
	      "`run.max_reject_rate`) are checked the same way and named in the message.\n",
	      fp);
}
