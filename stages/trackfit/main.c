/* jobbspar-trackfit: scores every job track in every reporting
 * municipality and recommends places (docs/METHOD.md). */
#include "inputs.h"
#include "output.h"
#include "placement.h"
#include "propose.h"
#include "score.h"
#include "settings.h"
#include "track.h"

#include "codes.h"
#include "msg.h"
#include "stage.h"
#include "schema.h"

#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { OPT_SEED = STAGE_OPT_OWN };

static int trackfit_option(struct stage *st, int opt, const char *arg)
{
	if (opt != OPT_SEED)
		return -1;
	stage_override(st, "--seed", "run", "seed", arg);
	return 0;
}

static const struct option trackfit_longopts[] = {
	{"seed", required_argument, NULL, OPT_SEED},
	{NULL, 0, NULL, 0},
};

static const struct stage_cli cli = {
	.prog = "jobbspar-trackfit",
	.synopsis = "[--seed N]",
	.about = "Scores the job tracks of the configuration ([track.<id>] sections) where they are\n"
		 "offered ([offer.<id>.<kommun>] sections), assigns candidates to tracks and proposes\n"
		 "next year's new tracks.\n"
		 "Reads  OUT/shortage.tsv, OUT/work/jobseekers.tsv, OUT/work/outcomes.tsv and, when present,\n"
		 "       OUT/work/occupations.tsv, OUT/work/weights.tsv and OUT/work/jobseekers_aggregated.tsv.\n"
		 "Without persons (jobseekers given as counts) or openings (employment without an age\n"
		 "split) it leaves what it cannot compute empty, flags it and says so (no_people, no_openings).\n"
		 "Writes OUT/trackfit.tsv, OUT/trackfit_areas.tsv, OUT/proposals.tsv, OUT/model.tsv and\n"
		 "       OUT/restricted/assignment.tsv (mode 0600).\n",
	.options = "      --seed N        random seed (sets run.seed)\n",
	.stage = SCHEMA_TRACKFIT,
	.longopts = trackfit_longopts,
	.option = trackfit_option,
};

/* Says once on stderr what cannot be computed, and why, for the reporting
 * municipalities whose people or openings are unknown (the tables say it
 * per row, flags no_people and no_openings). */
static void note_gaps(const struct inputs *in, const char (*kommun)[5], size_t nkommun)
{
	static const char *const people_why[] = {
		"", "jobseekers given as counts (jobseekers_aggregated.tsv), not as persons",
		"no jobseeker in jobseekers.tsv and no counts"};
	static const char *const openings_why[] = {
		"", "openings_5y empty in shortage.tsv (employment without an age split: flag no_age_split)",
		"openings_5y empty in shortage.tsv"};
	for (int gap = PEOPLE_COUNTS; gap <= PEOPLE_NONE; gap++) {
		char *list = estrdup("");
		for (size_t k = 0; k < nkommun; k++)
			if ((int)in->no_people[k] == gap) {
				char *next = easprintf("%s%s%s", list, *list ? ", " : "", kommun[k]);
				free(list);
				list = next;
			}
		if (*list)
			msg_error("note: %s: %s: candidates, eligible, interested and expected placements not "
				  "computed (empty; flag no_people); supply and placement left out of the fit",
				  list, people_why[gap]);
		free(list);
	}
	for (int gap = OPENINGS_NO_AGE_SPLIT; gap <= OPENINGS_EMPTY; gap++) {
		char *list = estrdup("");
		for (size_t k = 0; k < nkommun; k++)
			if ((int)in->no_openings[k] == gap) {
				char *next = easprintf("%s%s%s", list, *list ? ", " : "", kommun[k]);
				free(list);
				list = next;
			}
		if (*list)
			msg_error("note: %s: %s: openings and demand coverage not computed (empty; flag "
				  "no_openings); demand left out of the fit", list, openings_why[gap]);
		free(list);
	}
}

/* Writes every table; 0 or -1 after a message. */
static int write_tables(const char *out, const char *restricted, const struct trackfit_result *result,
			const struct proposals *proposals, const struct output_context *c)
{
	if (stage_mkdir(restricted, 0700) != 0)
		return -1;
	if (chmod(restricted, 0700) != 0) {
		msg_error("%s: cannot restrict the folder to its owner", restricted);
		return -1;
	}
	char *trackfit = path_join(out, "trackfit.tsv"), *areas = path_join(out, "trackfit_areas.tsv");
	char *proposed = path_join(out, "proposals.tsv"), *model = path_join(out, "model.tsv");
	char *assignment = path_join(restricted, "assignment.tsv");
	int rc = output_trackfit(trackfit, result, c) != 0 || output_areas(areas, result, proposals, c) != 0
		 || output_proposals(proposed, proposals, c) != 0 || output_model(model, c->m, c->tracks) != 0
		 || output_assignment(assignment, result, c->kommun, c->tracks) != 0 ? -1 : 0;
	free(trackfit);
	free(areas);
	free(proposed);
	free(model);
	free(assignment);
	return rc;
}

int main(int argc, char **argv)
{
	gsl_set_error_handler_off();
	struct stage st = {0};
	int status;
	if (stage_begin(&st, &cli, argc, argv, &status) != 0)
		return stage_end(&st, status);
	struct config *cfg = st.cfg;
	const char *out_override = st.output;

	status = EXIT_DATA;
	char *refdir = stage_refdir(cfg), *out = stage_output_dir(cfg, out_override);
	char *restricted = path_join(out, "restricted");
	struct codes *codes = codes_load(refdir);
	char (*kommun)[5] = NULL;
	const char **kommun_name = NULL;
	size_t nkommun = 0, ntracks = 0, nbundles = 0, noffers = 0;
	struct track *tracks = NULL, *bundles = NULL;
	struct track_offer *offers = NULL;
	struct trackfit_settings s;
	struct placement_settings ps;
	struct inputs in = {0};
	struct placement_model model = {0};
	struct trackfit_result result = {0};
	struct proposals proposals = {0};
	struct ssyk3_labels labels;
	int have_inputs = 0, have_model = 0, have_result = 0, have_labels = 0, have_proposals = 0;
	if (!codes || stage_municipalities(cfg, codes, &kommun, &nkommun) != 0
	    || tracks_load(cfg, codes, &tracks, &ntracks) != 0
	    || bundles_load(cfg, codes, &bundles, &nbundles) != 0
	    || trackfit_settings_load(cfg, &s, &ps) != 0
	    || offers_load(cfg, codes, tracks, ntracks, (const char (*)[5])kommun, nkommun, s.plan_year,
			   &offers, &noffers) != 0)
		goto done;
	if (ssyk3_labels_load(refdir, &labels) != 0)
		goto done;
	have_labels = 1;
	kommun_name = emalloc((nkommun ? nkommun : 1) * sizeof *kommun_name);
	for (size_t k = 0; k < nkommun; k++) {
		const struct kommun_entry *e = codes_kommun_find(codes, kommun[k]);
		kommun_name[k] = e ? e->name : kommun[k];
	}
	if (inputs_read(out, (const char (*)[5])kommun, nkommun, tracks, ntracks, &in) != 0)
		goto done;
	have_inputs = 1;
	note_gaps(&in, (const char (*)[5])kommun, nkommun);
	msg_note("%zu jobseekers in %zu municipalities, %zu outcomes (%zu of other tracks, %zu not yet observed)",
		 in.njobseekers, nkommun, in.noutcomes, in.outcomes_other_track, in.outcomes_unobserved);
	msg_note("%zu tracks offered in %zu municipalities in %d", noffers, nkommun, s.plan_year);
	placement_fit(&model, in.outcomes, in.noutcomes, tracks, ntracks, &ps);
	have_model = 1;
	msg_note("placement model: %s%s%s", model.use_model ? "logistic regression" : "fallback rates",
		 model.reason ? ": " : "", model.reason ? model.reason : "");
	if (trackfit_compute(&in, nkommun, tracks, ntracks, offers, noffers, &model, &s, &result) != 0)
		goto done;
	have_result = 1;
	msg_note("%ld candidates, %zu eligible for a track", result.candidates, result.nassignment);
	proposals_compute(&in, nkommun, tracks, ntracks, bundles, nbundles, offers, noffers, &labels, &model,
			  &s, &proposals);
	have_proposals = 1;
	struct output_context c = {(const char (*)[5])kommun, kommun_name, nkommun, tracks, offers, &in,
				   &model, &s};
	if (write_tables(out, restricted, &result, &proposals, &c) == 0)
		status = 0;
done:
	if (have_proposals)
		proposals_free(&proposals);
	if (have_result)
		trackfit_result_free(&result);
	if (have_model)
		placement_free(&model);
	if (have_inputs)
		inputs_free(&in);
	if (have_labels)
		ssyk3_labels_free(&labels);
	offers_free(offers, noffers);
	tracks_free(tracks, ntracks);
	tracks_free(bundles, nbundles);
	free(kommun_name);
	free(kommun);
	codes_free(codes);
	free(restricted);
	free(refdir);
	free(out);
	return stage_end(&st, status);
}
