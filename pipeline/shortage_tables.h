/* shortage_tables: the tables jobbspar-shortage writes, each described
 * once (tabledef.h) and used by its writer, by every reader (plot, report,
 * trackfit), by the tests and by docs/TABLES.md:
 *   shortage.tsv             the verdict contract: area, occupation, verdict,
 *                            the shortage index and rank, flags
 *   shortage_survey.tsv      the survey estimates with their intervals
 *   shortage_registry.tsv    the registry indicators (and the Yrkesbarometer)
 *   shortage_indicators.tsv  the shortage index's inputs, raw beside smoothed
 *   shortage_sae.tsv         the small-area models (municipality rows)
 * The first three have the same rows in the same order, keyed by kommun,
 * area_type and ssyk; shortage_tables_open reads them as one. */
#ifndef JOBBSPAR_SHORTAGE_TABLES_H
#define JOBBSPAR_SHORTAGE_TABLES_H

#include "tabledef.h"

extern const struct tabledef shortage_table_verdict;
extern const struct tabledef shortage_table_survey;
extern const struct tabledef shortage_table_registry;
extern const struct tabledef shortage_table_indicators;
extern const struct tabledef shortage_table_sae;

/* Every table above, in the order docs/TABLES.md lists them; NULL-ended. */
extern const struct tabledef *const shortage_tables[];

/* The key columns of the first three tables, NULL-terminated. */
extern const char *const shortage_table_keys[];

/* Opens OUTDIR/shortage.tsv with shortage_survey.tsv and
 * shortage_registry.tsv joined beside it (tsv_reader_join): a reader finds
 * every column of the three by name. A side table that does not exist is
 * left out (a run folder from before the split holds one wide
 * shortage.tsv), so a reader asks for the columns it needs with
 * tsv_require or tabledef_require. NULL with a message on failure; caller
 * closes the reader. */
struct tsv_reader *shortage_tables_open(const char *outdir);

#endif
