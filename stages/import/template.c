/* survey-template: the employer survey as a form to fill: an xlsx workbook
 * (libxlsxwriter) whose sheets are the two survey files of the contract
 * (docs/DATA.md), with drop-down lists for every coded column (SSYK 2012
 * and kommun from the reference lists on a sheet "listor"), and the same as
 * CSV for a survey tool: the two headers and the allowed values. */
#include "atomicfile.h"
#include "codes.h"
#include "impout.h"
#include "import.h"
#include "msg.h"
#include "stage.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

enum { FORM_ROWS = 2000 };

static const char *const resp_cols[] = {"response_id", "org_nr", "kommun", "sni", "employees", "sector", NULL};
static const char *const occ_cols[] = {"response_id", "ssyk", "employed_now", "planned_hires_12m", "recruited_12m",
				       "recruitment_situation", "change_1y", "change_3y", "min_sun_level",
				       "swedish_required", "open_to_track", NULL};

struct choice {
	const char *column;
	const char *const *values;
	const char *label;
};

static const char *const sector_v[] = {"privat", "offentlig", NULL};
static const char *const situation_v[] = {"brist", "balans", "god", NULL};
static const char *const change_v[] = {"öka", "oförändrad", "minska", NULL};
static const char *const sun_v[] = {"0", "1", "2", "3", "4", "5", "6", NULL};
static const char *const swedish_v[] = {"ingen", "grundläggande", "god", "flytande", NULL};
static const char *const yesno_v[] = {"ja", "nej", NULL};

static const struct choice choices[] = {
	{"sector", sector_v, "ägare: privat eller offentlig"},
	{"recruitment_situation", situation_v, "tillgång på sökande vid rekrytering: brist, balans eller god"},
	{"change_1y", change_v, "väntad förändring av antalet anställda om ett år"},
	{"change_3y", change_v, "väntad förändring av antalet anställda om tre år"},
	{"min_sun_level", sun_v, "lägsta utbildningsnivå (SUN 2020, 0-6) som jobbet kräver"},
	{"swedish_required", swedish_v, "svenska som krävs i jobbet"},
	{"open_to_track", yesno_v, "tar emot deltagare från ett jobbspår"},
};

static const struct choice *choice_of(const char *column)
{
	for (size_t i = 0; i < sizeof choices / sizeof choices[0]; i++)
		if (strcmp(choices[i].column, column) == 0)
			return &choices[i];
	return NULL;
}

static int is_count(const char *c)
{
	return !strcmp(c, "employees") || !strcmp(c, "employed_now") || !strcmp(c, "planned_hires_12m") ||
	       !strcmp(c, "recruited_12m");
}

/* One form sheet: the header, and a validation per coded column. */
static void form_sheet(lxw_workbook *wb, const char *name, const char *const *cols, lxw_format *bold,
		       const struct codes *codes)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, name);
	for (lxw_col_t c = 0; cols[c]; c++) {
		worksheet_write_string(ws, 0, c, cols[c], bold);
		worksheet_set_column(ws, c, c, strcmp(cols[c], "ssyk") == 0 ? 40 : 18, NULL);
		lxw_data_validation v;
		memset(&v, 0, sizeof v);
		char formula[64];
		const struct choice *ch = choice_of(cols[c]);
		if (ch) {
			v.validate = LXW_VALIDATION_TYPE_LIST;
			v.value_list = (char **)ch->values;
			v.input_title = "Välj";
			v.input_message = (char *)ch->label;
		} else if (!strcmp(cols[c], "ssyk")) {
			/* libxlsxwriter 1.1.4 does not free its copy of a list
			 * formula (tests/cli/import-survey-template/lsan.supp) */
			snprintf(formula, sizeof formula, "=listor!$A$2:$A$%zu", codes->nssyk + 1);
			v.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
			v.value_formula = formula;
			v.input_title = "Yrke";
			v.input_message = "SSYK 2012, fyrsiffrig kod";
		} else if (!strcmp(cols[c], "kommun")) {
			snprintf(formula, sizeof formula, "=listor!$B$2:$B$%zu", codes->nkommun + 1);
			v.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
			v.value_formula = formula;
			v.input_title = "Kommun";
			v.input_message = "arbetsställets kommun";
		} else if (is_count(cols[c])) {
			v.validate = LXW_VALIDATION_TYPE_INTEGER;
			v.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
			v.minimum_number = 0;
			v.error_message = "ett heltal 0 eller större";
		} else {
			continue;
		}
		v.show_input = LXW_VALIDATION_ON;
		worksheet_data_validation_range(ws, 1, c, FORM_ROWS, c, &v);
	}
	worksheet_freeze_panes(ws, 1, 0);
}

static int write_xlsx(const char *dir, const struct codes *codes)
{
	char *path = path_join(dir, "survey_template.xlsx");
	char *tmp = easprintf("%s.tmp.%ld", path, (long)getpid());
	lxw_workbook *wb = workbook_new(tmp);
	if (!wb) {
		msg_error("%s: cannot create", tmp);
		free(path);
		free(tmp);
		return -1;
	}
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	form_sheet(wb, "survey_respondents", resp_cols, bold, codes);
	form_sheet(wb, "survey_occupations", occ_cols, bold, codes);
	lxw_worksheet *lists = workbook_add_worksheet(wb, "listor");
	worksheet_write_string(lists, 0, 0, "ssyk", bold);
	worksheet_write_string(lists, 0, 1, "kommun", bold);
	worksheet_set_column(lists, 0, 1, 50, NULL);
	for (size_t i = 0; i < codes->nssyk; i++) {
		char *s = easprintf("%s %s", codes->ssyk[i].code, codes->ssyk[i].label_sv);
		worksheet_write_string(lists, (lxw_row_t)i + 1, 0, s, NULL);
		free(s);
	}
	for (size_t i = 0; i < codes->nkommun; i++) {
		char *s = easprintf("%s %s", codes->kommun[i].code, codes->kommun[i].name);
		worksheet_write_string(lists, (lxw_row_t)i + 1, 1, s, NULL);
		free(s);
	}
	lxw_error err = workbook_close(wb);
	int rc = 0;
	if (err != LXW_NO_ERROR) {
		msg_error("%s: %s", path, lxw_strerror(err));
		unlink(tmp);
		rc = -1;
	} else if (rename(tmp, path) != 0) {
		msg_error("%s: %s", path, strerror(errno));
		unlink(tmp);
		rc = -1;
	}
	free(path);
	free(tmp);
	return rc;
}

static int write_header(const char *dir, const char *name, const char *const *cols)
{
	char *path = path_join(dir, name);
	struct atomicfile *af = atomicfile_open(path, 0644);
	free(path);
	if (!af)
		return -1;
	for (size_t i = 0; cols[i]; i++)
		fprintf(af->fp, "%s%s", i ? "," : "", cols[i]);
	putc('\n', af->fp);
	return atomicfile_commit(af);
}

static int write_values(const char *dir)
{
	char *path = path_join(dir, "survey_values.csv");
	struct atomicfile *af = atomicfile_open(path, 0644);
	free(path);
	if (!af)
		return -1;
	fputs("column,value,meaning\n", af->fp);
	for (size_t i = 0; i < sizeof choices / sizeof choices[0]; i++)
		for (size_t k = 0; choices[i].values[k]; k++) {
			fprintf(af->fp, "%s,%s,", choices[i].column, choices[i].values[k]);
			impout_put_field(af->fp, choices[i].label);
			putc('\n', af->fp);
		}
	fputs("ssyk,NNNN,\"SSYK 2012, four digits (\"\"5120\"\" or \"\"5120 Kockar och kallskänkor\"\")\"\n", af->fp);
	fputs("kommun,NNNN,kommunkod (\"0581\")\n", af->fp);
	fputs("sni,A-U or NN-NNNNN,SNI 2007 section or code\n", af->fp);
	return atomicfile_commit(af);
}

int import_survey_template(const struct import_opts *opt)
{
	if (write_xlsx(opt->outdir, opt->codes) != 0 ||
	    write_header(opt->outdir, "survey_respondents.csv", resp_cols) != 0 ||
	    write_header(opt->outdir, "survey_occupations.csv", occ_cols) != 0 || write_values(opt->outdir) != 0)
		return 1;
	msg_note("wrote %s/survey_template.xlsx, survey_respondents.csv, survey_occupations.csv, survey_values.csv",
		 opt->outdir);
	return 0;
}
