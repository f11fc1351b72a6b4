/* jobbspar-shortage: competence shortage per municipality and occupation
 * from the ingest tables (docs/METHOD.md). */
#include "codes.h"
#include "config.h"
#include "msg.h"
#include "schema.h"
#include "shortage.h"
#include "stage.h"

#include <gsl/gsl_errno.h>
#include <stdlib.h>

static const struct stage_cli cli = {
	.prog = "jobbspar-shortage",
	.about = "Estimates the employer survey (weights, totals, shares, intervals), computes the\n"
		 "registry indicators and scores each occupation for every reporting municipality\n"
		 "(run.municipalities), its county (L..) and all input (SE).\n"
		 "Reads OUT/work/{respondents,occupations,frame,employment,jobseekers,vacancies,\n"
		 "yrkesbarometer}.tsv (and jobseekers_aggregated.tsv, the counts used when\n"
		 "jobseekers.tsv has no person rows); writes OUT/shortage.tsv, OUT/compare.tsv,\n"
		 "OUT/work/weights.tsv.\n",
	.stage = SCHEMA_SHORTAGE,
};

int main(int argc, char **argv)
{
	gsl_set_error_handler_off();
	struct stage st = {0};
	int rc;
	if (stage_begin(&st, &cli, argc, argv, &rc) != 0)
		return stage_end(&st, rc);
	rc = EXIT_DATA;
	struct codes *codes = NULL;
	char (*munis)[5] = NULL;
	size_t nmunis = 0;
	char *refdir = stage_refdir(st.cfg);
	char *outdir = stage_output_dir(st.cfg, st.output);
	struct shortage_options opt;
	if (shortage_options_read(st.cfg, &opt) != 0)
		goto out;
	codes = codes_load(refdir);
	if (!codes || stage_municipalities(st.cfg, codes, &munis, &nmunis) != 0)
		goto out;
	rc = shortage_run(&opt, codes, (const char (*)[5])munis, nmunis, outdir);
out:
	free(munis);
	codes_free(codes);
	free(refdir);
	free(outdir);
	return stage_end(&st, rc);
}
