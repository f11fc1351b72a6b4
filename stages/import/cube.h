/* cube: an SCB table as the importers see it, whatever the download format
 * (CSV long or wide, JSON-stat 2.0): dimensions with their categories, and
 * cells that hold one category of each dimension and a value.
 *
 * SCB labels carry their code ("0581 Norrköping", "2512 Mjukvaru- och
 * systemutvecklare", "16-24 år", "män"); JSON-stat gives the code apart.
 * cube_plan_* decides, from all the categories of a table, which dimension
 * gives which output column and what each category is: a part (converted,
 * with its output value), an aggregate of other categories (a total: not
 * converted, since the parts are), or unusable (with the reason). */
#ifndef JOBBSPAR_CUBE_H
#define JOBBSPAR_CUBE_H

#include "codes.h"

#include <stddef.h>

enum cube_kind { CUBE_OTHER, CUBE_AREA, CUBE_OCC, CUBE_SEX, CUBE_AGE, CUBE_YEAR, CUBE_SNI, CUBE_SIZE };
enum cube_role { CUBE_PART, CUBE_AGGREGATE, CUBE_BAD };

struct cube_cat {
	char *label;        /* as read (a CSV label, or a JSON-stat label) */
	char *code;         /* JSON-stat code, or NULL (CSV: the code is in the label) */
	enum cube_role role;
	char value[16];      /* output value of a part: "0581", "05", "2512", "251",
			     * "män", "16-24", "2023", "C", "1-9" */
	int level;          /* area: 4 kommun, 2 county, 0 country; occupation:
			     * SSYK digits; age and size: lower bound */
	int upper;          /* age and size: upper bound (-1: open) */
	int special;        /* occupation: SSYK's special code 0002 (occupation
			     * unknown), a part written as it is that sets no
			     * SSYK level */
	const char *why;    /* CUBE_AGGREGATE and CUBE_BAD: why (static) */
};

struct cube_dim {
	enum cube_kind kind;
	char *name;              /* the column header or JSON-stat id, for messages */
	struct cube_cat *cat;
	size_t ncat;
	struct keymap *index;    /* label (or code) -> category */
	const char *column;      /* output column; NULL: the dimension gives none */
};

/* The dimensions of one table (the same for every file of one run). */
enum { CUBE_MAXDIM = 8 };
struct cube_set {
	struct cube_dim dim[CUBE_MAXDIM];
	size_t n;
};

/* One cell as a reader delivers it. Everything is borrowed for the call. */
struct cube_cell {
	long line;            /* physical line (CSV), or 0 */
	const char *where;    /* JSON-stat: "value[12]"; else NULL */
	size_t cat[CUBE_MAXDIM]; /* category of each dimension of the set */
	const char *value;    /* the cell as written ("123", "..", "") */
	const char *status;   /* JSON-stat status symbol, or NULL */
};

/* Index of the set's dimension of KIND, adding it (named NAME) when ADD;
 * (size_t)-1 if absent and not added. */
size_t cube_set_dim(struct cube_set *s, enum cube_kind kind, const char *name, int add);
void cube_set_free(struct cube_set *s);

/* Kind of a dimension from its name (a CSV header: "region", "yrke (SSYK
 * 2012)", "kön", "ålder", "år", "näringsgren SNI 2007", "storleksklass";
 * English headers and JSON-stat ids such as "Region", "Yrke2012", "Kon",
 * "Alder", "Tid", "SNI2007", "Storleksklass" too). */
enum cube_kind cube_kind_of(const char *name);
const char *cube_kind_name(enum cube_kind k);

void cube_dim_init(struct cube_dim *d, enum cube_kind kind, const char *name);
void cube_dim_free(struct cube_dim *d);
/* Index of the category with LABEL (and CODE, may be NULL), added if new. */
size_t cube_dim_add(struct cube_dim *d, const char *label, const char *code);
/* Index of the category with LABEL, or (size_t)-1. */
size_t cube_dim_find(const struct cube_dim *d, const char *label);

/* SCB's symbols for a cell without a number: ".." (suppressed or too
 * uncertain), "." up to "......." and "-" (no data, not applicable). 1 if S
 * is one. */
int cube_suppressed(const char *s);
/* A cell value: digits only, as SCB writes them (no sign, no separator).
 * 0 and *v, or -1. */
int cube_count(const char *s, long long *v);

/* Splits an SCB label into its leading code (digits, or a section letter for
 * SNI) and the text after it. Writes at most CAP-1 bytes of code. Returns
 * the length of the code (0 if none). */
size_t cube_label_code(const char *label, char *code, size_t cap);

/* Classifies every category of the employment table DIMS and sets the
 * output columns: year, kommun (or lan for a table by county), ssyk (or
 * ssyk3 for 3-digit occupations), sex and age only when the table splits
 * them. SSYK 0002 (occupation unknown) is a part, written as 0002 (ingest
 * counts it). Returns 0, or -1 with one message naming FILE and every
 * reason the table cannot be converted: each required dimension it lacks
 * (region, yrke, år; with the closest dimension of no known kind, "did you
 * mean"), one without a usable category, another dimension with several
 * categories. */
int cube_plan_employment(struct cube_dim *dims, size_t n, const struct codes *codes, const char *file);

/* The same for SCB's count of workplaces: kommun, SNI section, size class
 * (SCB's nine: value "0", "1-4", ... "200-499", "500+"; the caller maps them)
 * and year (required: region, näringsgren, storleksklass, år). */
int cube_plan_workplaces(struct cube_dim *dims, size_t n, const struct codes *codes, const char *file);

#endif
