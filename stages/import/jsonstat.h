/* jsonstat: SCB's JSON-stat 2.0 datasets (PxWebApi v2; API v1's JSON-stat,
 * which began with a UTF-8 BOM, reads the same), parsed with yajl's tree
 * API: a dataset is one object whose dimensions must be known before any
 * value can be placed, and SCB's largest tables fit in memory.
 *
 * Dimensions come from "id" and "size" in that order; each has its category
 * codes in "category.index" (an object code -> position, or an array of
 * codes) and labels in "category.label" (labels carry no code here). The
 * kind of a dimension comes from "role" (time -> year, geo -> region,
 * metric -> content), else from its id or label (cube_kind_of). "value" is
 * an array in row-major order (the last dimension varies fastest) or an
 * object "position": value; a missing value is null, with its symbol ("..")
 * in "status" (a string for all cells, an array, or an object). */
#ifndef JOBBSPAR_JSONSTAT_H
#define JOBBSPAR_JSONSTAT_H

#include "cube.h"
#include "impout.h"
#include "scbcsv.h"

/* As scbcsv_read, for a JSON-stat file: pass 1 (O == NULL) gathers the
 * dimensions and categories into SET; pass 2 delivers every cell (where =
 * "value[N]"; value "123", or the status symbol of a null, or "" when it has
 * none). Returns 0, or -1 with a message. */
int jsonstat_read(const char *path, struct cube_set *set, struct impout *o, scbcsv_cell_fn cell,
		  void *ctx);

/* 1 if PATH looks like JSON (its first byte after a BOM and spaces is '{'). */
int jsonstat_sniff(const char *path);

#endif
