#include "track.h"
#include "msg.h"
#include "value.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const swedish_names[] = {"sfi-a", "sfi-b", "sfi-c", "sfi-d", "sas", "modersmål"};

int track_swedish_rank(const char *text)
{
	size_t len;
	value_trim(text, &len);
	if (len == 0)
		return SWEDISH_UNKNOWN;
	for (int i = 0; i < 6; i++)
		if (value_equal_fold(text, swedish_names[i]))
			return i + 1;
	return -1;
}

static int all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

/* 1 when some SSYK 2012 code starts with the N-digit PREFIX. */
static int ssyk_prefix_known(const struct codes *codes, const char *prefix, size_t n)
{
	for (size_t i = 0; i < codes->nssyk; i++)
		if (strncmp(codes->ssyk[i].code, prefix, n) == 0)
			return 1;
	return 0;
}

/* Reports "prog: file:line: track.ID.KEY: message" at the key's line (or
 * the section's first line when the key is absent). */
static void track_error(const struct config *cfg, const char *section, const char *key,
			const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void track_error(const struct config *cfg, const char *section, const char *key,
			const char *fmt, ...)
{
	const struct config_entry *e = config_find(cfg, section, key);
	long line = e ? e->line : 0;
	if (!e)
		for (size_t i = 0; i < cfg->n; i++)
			if (strcmp(cfg->entry[i].section, section) == 0) {
				line = cfg->entry[i].line;
				break;
			}
	char what[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	msg_error_at(cfg->path, line, "%s.%s: %s", section, key, what);
}

static int parse_targets(const struct config *cfg, const struct codes *codes,
			 const char *section, struct track *t)
{
	const char *value = config_get(cfg, section, "targets");
	if (!value) {
		track_error(cfg, section, "targets", "missing");
		return -1;
	}
	size_t n;
	char **items = config_list(value, &n);
	if (n == 0) {
		config_list_free(items, n);
		track_error(cfg, section, "targets", "no target occupations");
		return -1;
	}
	t->target = ecalloc(n, sizeof *t->target);
	for (size_t i = 0; i < n; i++) {
		char *item = items[i];
		char *colon = strchr(item, ':');
		double weight = 1;
		if (colon) {
			*colon = '\0';
			if (value_decimal(colon + 1, &weight) != 0 || !(weight > 0) || !isfinite(weight)) {
				*colon = ':';
				track_error(cfg, section, "targets", "bad weight in \"%s\" (want a number > 0)",
					    item);
				config_list_free(items, n);
				return -1;
			}
		}
		size_t len;
		const char *code = value_trim(item, &len);
		if (len < 1 || len > 4 || !all_digits(code, len) || !ssyk_prefix_known(codes, code, len)) {
			char *shown = estrndup(code, len);
			track_error(cfg, section, "targets", "unknown SSYK 2012 code or prefix \"%s\"", shown);
			free(shown);
			config_list_free(items, n);
			return -1;
		}
		struct track_target *tg = &t->target[t->ntarget++];
		memcpy(tg->prefix, code, len);
		tg->prefix[len] = '\0';
		tg->len = len;
		tg->weight = weight;
	}
	config_list_free(items, n);
	return 0;
}

static int parse_sun(const struct config *cfg, const char *section, const char *key, int *out)
{
	*out = -1;
	const char *v = config_get(cfg, section, key);
	if (!v)
		return 0;
	size_t len;
	const char *s = value_trim(v, &len);
	if (len != 1 || s[0] < '0' || s[0] > '6') {
		track_error(cfg, section, key, "bad SUN 2020 level \"%s\" (want 0-6)", v);
		return -1;
	}
	*out = s[0] - '0';
	return 0;
}

static int parse_track(const struct config *cfg, const struct codes *codes, const char *section,
		       struct track *t)
{
	t->id = estrdup(section + strlen("track."));
	t->fallback_rate = NAN;
	if (!*t->id) {
		track_error(cfg, section, "name", "empty track id");
		return -1;
	}
	const char *name = config_get(cfg, section, "name");
	size_t len;
	if (!name || (value_trim(name, &len), len == 0)) {
		track_error(cfg, section, "name", "missing");
		return -1;
	}
	t->name = estrdup(name);
	t->provider = estrdup(config_str(cfg, section, "provider", ""));
	if (parse_targets(cfg, codes, section, t) != 0)
		return -1;
	const char *sw = config_get(cfg, section, "min_swedish");
	t->min_swedish = 0;
	if (sw) {
		int rank = track_swedish_rank(sw);
		if (rank < 0) {
			track_error(cfg, section, "min_swedish",
				    "bad Swedish level \"%s\" (want sfi-a sfi-b sfi-c sfi-d sas modersmål)", sw);
			return -1;
		}
		t->min_swedish = rank;
	}
	if (parse_sun(cfg, section, "min_sun", &t->min_sun) != 0
	    || parse_sun(cfg, section, "max_sun", &t->max_sun) != 0)
		return -1;
	if (t->min_sun >= 0 && t->max_sun >= 0 && t->min_sun > t->max_sun) {
		track_error(cfg, section, "max_sun", "%d is below min_sun %d", t->max_sun, t->min_sun);
		return -1;
	}
	if (!config_get(cfg, section, "capacity")) {
		track_error(cfg, section, "capacity", "missing");
		return -1;
	}
	if (config_long(cfg, section, "capacity", 0, &t->capacity) != 0)
		return -1;
	if (t->capacity <= 0) {
		track_error(cfg, section, "capacity", "must be a positive number of places");
		return -1;
	}
	if (config_long(cfg, section, "duration_months", 0, &t->duration_months) != 0)
		return -1;
	if (t->duration_months < 0) {
		track_error(cfg, section, "duration_months", "must not be negative");
		return -1;
	}
	if (config_get(cfg, section, "fallback_rate")) {
		if (config_double(cfg, section, "fallback_rate", NAN, &t->fallback_rate) != 0)
			return -1;
		if (!(t->fallback_rate >= 0 && t->fallback_rate <= 1)) {
			track_error(cfg, section, "fallback_rate", "must be between 0 and 1");
			return -1;
		}
	}
	return 0;
}

int tracks_load(const struct config *cfg, const struct codes *codes,
		struct track **out, size_t *count)
{
	size_t n;
	const char **sections = config_sections(cfg, "track.", &n);
	if (n == 0) {
		free(sections);
		msg_error_at(cfg->path, 0, "no [track.<id>] section: nothing to score");
		return -1;
	}
	struct track *tracks = ecalloc(n, sizeof *tracks);
	for (size_t i = 0; i < n; i++) {
		if (parse_track(cfg, codes, sections[i], &tracks[i]) != 0) {
			free(sections);
			tracks_free(tracks, i + 1);
			return -1;
		}
	}
	free(sections);
	*out = tracks;
	*count = n;
	return 0;
}

int bundles_load(const struct config *cfg, const struct codes *codes, struct track **out,
		 size_t *count)
{
	size_t n;
	const char **sections = config_sections(cfg, "bundle.", &n);
	struct track *bundles = ecalloc(n ? n : 1, sizeof *bundles);
	for (size_t i = 0; i < n; i++) {
		struct track *b = &bundles[i];
		b->id = estrdup(sections[i] + strlen("bundle."));
		b->min_sun = b->max_sun = -1;
		b->fallback_rate = NAN;
		b->provider = estrdup("");
		const char *name = config_get(cfg, sections[i], "name");
		size_t len;
		if (!name || (value_trim(name, &len), len == 0)) {
			track_error(cfg, sections[i], "name", "missing");
			free(sections);
			tracks_free(bundles, i + 1);
			return -1;
		}
		b->name = estrdup(name);
		if (parse_targets(cfg, codes, sections[i], b) != 0) {
			free(sections);
			tracks_free(bundles, i + 1);
			return -1;
		}
	}
	free(sections);
	*out = bundles;
	*count = n;
	return 0;
}

void tracks_free(struct track *tracks, size_t count)
{
	if (!tracks)
		return;
	for (size_t i = 0; i < count; i++) {
		free(tracks[i].id);
		free(tracks[i].name);
		free(tracks[i].target);
		free(tracks[i].provider);
	}
	free(tracks);
}

/* Reports "prog: file:line: [SECTION]: message" at the section's first entry. */
static void section_error(const struct config *cfg, const char *section, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void section_error(const struct config *cfg, const char *section, const char *fmt, ...)
{
	long line = 0;
	for (size_t i = 0; i < cfg->n && !line; i++)
		if (strcmp(cfg->entry[i].section, section) == 0)
			line = cfg->entry[i].line;
	char what[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	msg_error_at(cfg->path, line, "[%s]: %s", section, what);
}

/* One [offer.<id>.<kommun>] section, parsed. */
struct offer_section {
	const char *name;   /* borrowed from the configuration */
	size_t track;
	char kommun[5];
	long capacity;      /* 0 = the track's */
	const char *provider; /* NULL = the track's */
	long start, end;    /* 0 = not given */
};

static int parse_offer(const struct config *cfg, const struct codes *codes, const struct track *tracks,
		       size_t ntracks, const char *osec, struct offer_section *o)
{
	memset(o, 0, sizeof *o);
	o->name = osec;
	const char *id = osec + strlen("offer.");
	const char *dot = strrchr(id, '.');
	/* the schema has checked the form and the track id: this is a guard */
	if (!dot || strlen(dot + 1) != 4 || !all_digits(dot + 1, 4)) {
		section_error(cfg, osec, "not an offer section [offer.<track id>.<kommun code>]");
		return -1;
	}
	for (o->track = 0; o->track < ntracks; o->track++)
		if (strlen(tracks[o->track].id) == (size_t)(dot - id)
		    && strncmp(tracks[o->track].id, id, (size_t)(dot - id)) == 0)
			break;
	if (o->track == ntracks) {
		section_error(cfg, osec, "no track [track.%.*s]", (int)(dot - id), id);
		return -1;
	}
	memcpy(o->kommun, dot + 1, 5);
	if (!codes_kommun_find(codes, o->kommun)) {
		section_error(cfg, osec, "%s is not a Swedish municipality code", o->kommun);
		return -1;
	}
	o->provider = config_get(cfg, osec, "provider");
	if (config_long(cfg, osec, "capacity", 0, &o->capacity) != 0
	    || config_long(cfg, osec, "start", 0, &o->start) != 0
	    || config_long(cfg, osec, "end", 0, &o->end) != 0)
		return -1;
	if (config_get(cfg, osec, "capacity") && o->capacity <= 0) {
		track_error(cfg, osec, "capacity", "must be a positive number of places");
		return -1;
	}
	if (o->start && o->end && o->end < o->start) {
		track_error(cfg, osec, "end", "%ld is before start %ld", o->end, o->start);
		return -1;
	}
	return 0;
}

int offers_load(const struct config *cfg, const struct codes *codes, const struct track *tracks,
		size_t ntracks, const char (*kommun)[5], size_t nkommun, int plan_year,
		struct track_offer **out, size_t *count)
{
	size_t nsec;
	const char **sections = config_sections(cfg, "offer.", &nsec);
	struct offer_section *sec = ecalloc(nsec ? nsec : 1, sizeof *sec);
	int *has_offers = ecalloc(ntracks ? ntracks : 1, sizeof *has_offers);
	for (size_t i = 0; i < nsec; i++) {
		if (parse_offer(cfg, codes, tracks, ntracks, sections[i], &sec[i]) != 0) {
			free(sections);
			free(sec);
			free(has_offers);
			return -1;
		}
		has_offers[sec[i].track] = 1;
	}
	size_t most = nkommun * ntracks;
	struct track_offer *offers = ecalloc(most ? most : 1, sizeof *offers);
	size_t n = 0;
	for (size_t k = 0; k < nkommun; k++)
		for (size_t t = 0; t < ntracks; t++) {
			struct track_offer o = {.track = t, .kommun = k, .capacity = tracks[t].capacity};
			const char *provider = tracks[t].provider;
			if (has_offers[t]) {
				const struct offer_section *s = NULL;
				for (size_t i = 0; i < nsec && !s; i++)
					if (sec[i].track == t && strcmp(sec[i].kommun, kommun[k]) == 0)
						s = &sec[i];
				if (!s)
					continue;
				if ((s->start && s->start > plan_year) || (s->end && s->end < plan_year)) {
					msg_note("%s: not offered in %d (intake %ld-%ld)", s->name, plan_year,
						 s->start, s->end);
					continue;
				}
				o.own = 1;
				o.start = (int)s->start;
				o.end = (int)s->end;
				if (s->capacity)
					o.capacity = s->capacity;
				if (s->provider)
					provider = s->provider;
			}
			o.provider = estrdup(provider);
			offers[n++] = o;
		}
	free(sections);
	free(sec);
	free(has_offers);
	*out = offers;
	*count = n;
	return 0;
}

void offers_free(struct track_offer *offers, size_t count)
{
	if (!offers)
		return;
	for (size_t i = 0; i < count; i++)
		free(offers[i].provider);
	free(offers);
}

static int ssyk4(const char *code)
{
	return code && strlen(code) == 4 && all_digits(code, 4);
}

double track_target_weight(const struct track *t, const char *code)
{
	double w = 0;
	if (!ssyk4(code))
		return 0;
	for (size_t i = 0; i < t->ntarget; i++)
		if (strncmp(code, t->target[i].prefix, t->target[i].len) == 0 && t->target[i].weight > w)
			w = t->target[i].weight;
	return w;
}

double track_interest_credit(const struct track *t, const char *code)
{
	double credit = 0;
	if (!ssyk4(code))
		return 0;
	for (size_t i = 0; i < t->ntarget; i++) {
		const struct track_target *tg = &t->target[i];
		double c = 0;
		if (strncmp(code, tg->prefix, tg->len) == 0)
			c = 1;
		else if (tg->len >= 4 && strncmp(code, tg->prefix, 3) == 0)
			c = 0.5;
		else if (tg->len >= 3 && strncmp(code, tg->prefix, 2) == 0)
			c = 0.25;
		if (c > credit)
			credit = c;
	}
	return credit;
}

int track_eligible(const struct track *t, int swedish, int sun)
{
	if (t->min_swedish > 0 && (swedish <= 0 || swedish < t->min_swedish))
		return 0;
	if (t->min_sun >= 0 && (sun < 0 || sun < t->min_sun))
		return 0;
	if (t->max_sun >= 0 && (sun < 0 || sun > t->max_sun))
		return 0;
	return 1;
}
