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
	size_t max_field_bytes;    /* longest field, and longest row, in bytes
				    * (ingest.max_field_bytes); 0: the default,
				    * INGEST_MAX_FIELD_BYTES */
	int progress;              /* print progress on stderr */
	int threads;               /* 0 auto (two on a multi-core machine when
				    * the largest independent file is >= 32 MiB),
				    * 1 one, 2 a second thread for the largest
				    * independent file */
};

/* SSYK special codes: codes in SSYK columns that name no occupation (SCB's
 * 0002, occupation unknown). A row holding one is accepted and counted, but
 * the code is in no occupation table (docs/DATA.md). */
#define INGEST_NSSYK_SPECIAL 1

/* Accounting of one input file (what ingest.json reports). Rows kept out
 * of the tables for an SSYK special code count as accepted. */
struct ingest_file_stats {
	const char *file;          /* base name, static */
	int present;
	struct csvin_info info;
	long rows_read, accepted, rejected;
	long padded_kommun;
	long ssyk_special[INGEST_NSSYK_SPECIAL]; /* rows holding each special code */
	long ssyk_special_rows;    /* rows holding any */
	long suppressed;           /* counts published as suppressed ("<5") */
	char *ignored_columns;     /* comma-joined, owned */
	char *absent_columns;      /* optional columns not in the header, comma-joined, owned */
};

/* The input files in the order of ingest.json and rejects.csv. */
enum {
	INGEST_FRAME, INGEST_RESPONDENTS, INGEST_OCCUPATIONS, INGEST_JOBSEEKERS, INGEST_EMPLOYMENT,
	INGEST_VACANCIES, INGEST_OUTCOMES, INGEST_YRKESBAROMETER, INGEST_JOBSEEKERS_AGGREGATED,
	INGEST_NFILES
};
#define INGEST_MAX_FIELD_BYTES (1024 * 1024)

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
