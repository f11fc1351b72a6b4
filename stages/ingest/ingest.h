/* ingest: reads the input folder of the contract (docs/DATA.md), validates
 * every row, pseudonymises identity numbers and writes the work tables of
 * docs/TABLES.md, the rejects file and the ingest report.
 *
 * Ownership: ingest_new borrows CODES and TRACK_IDS for its lifetime; the
 * caller frees them after ingest_free. */
#ifndef JOBBSPAR_INGEST_H
#define JOBBSPAR_INGEST_H

#include "codes.h"
#include "csvin.h"
#include "idnum.h"

#include <stddef.h>

struct ingest_options {
	const char *input_dir;     /* folder with the contract's CSV files */
	const char *output_dir;    /* OUT: tables go to OUT/work */
	int reference_year;
	const unsigned char *key;  /* PSEUDO_KEY_BYTES */
	const char *const *track_ids; /* valid track ids for outcomes.csv, NULL-terminated */
	double max_reject_rate;    /* per file; above it the run fails */
	int delimiter;             /* 0 detect, else forced */
	size_t chunk_size;         /* libcsv chunk size (0 default; tests vary it) */
	int progress;              /* print progress on stderr */
	int threads;               /* 0 auto (two on a multi-core machine when
				    * the largest independent file is >= 32 MiB),
				    * 1 one, 2 a second thread for the largest
				    * independent file */
};

/* Accounting of one input file (what ingest.json reports). */
struct ingest_file_stats {
	const char *file;          /* base name, static */
	int present;
	struct csvin_info info;
	long rows_read, accepted, rejected;
	long padded_kommun;
	char *ignored_columns;     /* comma-joined, owned */
};

#define INGEST_NFILES 8

struct ingest_result {
	struct ingest_file_stats file[INGEST_NFILES];
};

/* Runs the whole ingest. Returns 0 ok, 1 data or I/O error (message printed;
 * no table is renamed into place unless every file was read, but rejects.csv
 * and ingest.json are written when the failure is too many rejects, so the
 * analyst can see why). CODES is borrowed. RESULT is filled (free its
 * strings with ingest_result_free). */
int ingest_run(const struct ingest_options *opt, const struct codes *codes,
	       struct ingest_result *result);
void ingest_result_free(struct ingest_result *result);

#endif
