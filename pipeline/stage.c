#include "stage.h"
#include "atomicfile.h"
#include "msg.h"
#include "value.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct config *stage_config(const char *path, char *const *sets, size_t nsets, int *usage_error)
{
	*usage_error = 0;
	if (!path)
		path = getenv("JOBBSPAR_CONFIG");
	if (!path || !*path)
		path = "data/default.ini";
	struct config *cfg = config_load(path);
	if (!cfg)
		return NULL;
	for (size_t i = 0; i < nsets; i++) {
		if (config_set_assignment(cfg, sets[i]) != 0) {
			msg_error("--set %s: expected section.key=value", sets[i]);
			*usage_error = 1;
			config_free(cfg);
			return NULL;
		}
	}
	return cfg;
}

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

void stage_start(const char *prog)
{
	msg_set_prog(prog);
	signal(SIGXFSZ, SIG_IGN);
}
