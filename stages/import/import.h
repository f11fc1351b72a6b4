/* import: the importers of jobbspar-import, one per kind of download. Each
 * turns publisher files, as downloaded, into one file of the input contract
 * (docs/DATA.md) in OUTDIR, with its rejects file and summary (impout.h).
 * docs/REALDATA.md says where each download comes from. */
#ifndef JOBBSPAR_IMPORT_H
#define JOBBSPAR_IMPORT_H

#include "codes.h"

#include <stddef.h>

/* Where SCB's workplace size class 200-499 goes: it straddles the frame's
 * 250 boundary. */
enum size_200_499 { SIZE_TO_250_PLUS, SIZE_TO_50_249, SIZE_SPLIT };

struct import_opts {
	const char *outdir;
	char *const *files;        /* the input files, borrowed */
	size_t nfiles;
	const struct codes *codes; /* the reference lists, borrowed */
	const char *refdir;        /* for the lists codes.h does not hold */
	/* jobtech-ads */
	long ssyk2012_from;        /* day number: ads published before carry SSYK 96 */
	size_t chunk_size;         /* bytes per read (tests vary it); 0: 64 KiB */
	/* scb-workplaces */
	int year;                  /* the year to take; 0: the latest in the table */
	enum size_200_499 size_200_499;
	double share_250;          /* SIZE_SPLIT: share of class 200-499 put in 250+ */
	const char *sampled;       /* CSV with kommun, sni_section, size_class, sampled; or NULL */
	/* survey-template */
	int reference_year;
};

/* Each returns 0, or 1 on a data or I/O error (message printed; nothing
 * written). */
int import_scb_employment(const struct import_opts *opt);
int import_jobtech_ads(const struct import_opts *opt);
int import_scb_workplaces(const struct import_opts *opt);
int import_survey_template(const struct import_opts *opt);

#endif
