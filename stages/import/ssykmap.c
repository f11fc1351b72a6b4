#include "ssykmap.h"
#include "csvin.h"
#include "msg.h"
#include "stage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ssykmap {
	/* per JobTech code: how many SCB codes map to it, and the first two */
	unsigned char n[10000];
	short scb[10000][4];
};

struct load {
	struct ssykmap *m;
	int col_scb, col_jt;
	const char *path;
	int bad;
};

static int code4(const char *s)
{
	if (strlen(s) != 4)
		return -1;
	int v = 0;
	for (int i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static int load_row(void *ctx, const struct csvin_row *row)
{
	struct load *l = ctx;
	if (row->line == 1) {
		l->col_scb = l->col_jt = -1;
		for (size_t i = 0; i < row->nfields; i++) {
			if (strcmp(row->field[i], "ssyk4") == 0)
				l->col_scb = (int)i;
			if (strcmp(row->field[i], "jobtech_ssyk4_equivalent") == 0)
				l->col_jt = (int)i;
		}
		if (l->col_scb < 0 || l->col_jt < 0) {
			msg_error_at(l->path, 1, "no columns ssyk4 and jobtech_ssyk4_equivalent");
			return 1;
		}
		return 0;
	}
	if (row->oversized || (size_t)l->col_jt >= row->nfields || (size_t)l->col_scb >= row->nfields)
		return 0;
	int s = code4(row->field[l->col_scb]), j = code4(row->field[l->col_jt]);
	if (s < 0 || j < 0) /* 4430 and 7619 have no JobTech group */
		return 0;
	if (l->m->n[j] < 4)
		l->m->scb[j][l->m->n[j]] = (short)s;
	l->m->n[j]++;
	return 0;
}

struct ssykmap *ssykmap_load(const char *refdir)
{
	struct load l = {ecalloc(1, sizeof *l.m), -1, -1, NULL, 0};
	char *path = path_join(refdir, "ssyk2012_scb_level4.csv");
	l.path = path;
	struct csvin_options opt = {0};
	int rc = csvin_read_path(path, &opt, load_row, &l, NULL);
	free(path);
	if (rc != 0) {
		free(l.m);
		return NULL;
	}
	return l.m;
}

void ssykmap_free(struct ssykmap *m)
{
	free(m);
}

static void put4(char out[5], int v)
{
	for (int i = 3; i >= 0; i--, v /= 10)
		out[i] = (char)('0' + v % 10);
	out[4] = '\0';
}

enum ssykmap_kind ssykmap_lookup(const struct ssykmap *m, const char *code, char out[5], char *covers)
{
	int j = code4(code);
	covers[0] = '\0';
	if (j < 0 || m->n[j] == 0)
		return SSYKMAP_UNKNOWN;
	if (m->n[j] == 1) {
		put4(out, m->scb[j][0]);
		return m->scb[j][0] == j ? SSYKMAP_SAME : SSYKMAP_RECODED;
	}
	int same = 0;
	size_t o = 0;
	for (int i = 0; i < m->n[j] && i < 4; i++) {
		same |= m->scb[j][i] == j;
		o += (size_t)snprintf(covers + o, 64 - o, "%s%04d", i == 0 ? "" : i + 1 == m->n[j] ? " and " : ", ",
				      m->scb[j][i]);
	}
	put4(out, j);
	return same ? SSYKMAP_MERGED : SSYKMAP_SPLIT;
}
