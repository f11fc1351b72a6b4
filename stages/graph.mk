# stages/graph.mk: the stage graph of one jobbspar run (GNU make).
#
# This file is the one place that says which stage reads what. run.sh is the
# entry point: it takes the lock, writes the per-stage configuration stamps
# and the argument file into $(STATE)/.graph/, and then runs
#
#   make -f stages/graph.mk STATE=<work area> BIN=<stage programs> ROOT=<project>
#        INPUT=<input folder> REFDIR=<reference lists> KEY=<pseudonym key>
#        [PREVIOUS=<previous report folder>]
#
# (see docs/OPERATIONS.md). A stage's target is its stamp $(G)/<stage>.ok,
# touched by stages/run-stage.sh only when the stage exited 0 and wrote every
# file in <stage>_OUTPUTS. Its prerequisites are the stamp of the stage it
# reads from, its program, its configuration stamp $(G)/config/<stage>.ini
# (every key the stage reads, from the schema through jobbspar-config
# --stage-config; rewritten by run.sh only when one of them changed)
# and the files it reads from outside $(STATE). So a stage reruns exactly when
# one of its inputs, its program or its configuration changed, and `make -j`
# runs stages that do not depend on each other at the same time.
#
# Paths must not contain blanks or make's special characters; run.sh checks.

ifndef STATE
$(error STATE (the work area) is not set; run ./run.sh instead)
endif
ROOT ?= .
BIN ?= $(ROOT)/bin
G := $(STATE)/.graph
RUN_STAGE = /bin/bash $(ROOT)/stages/run-stage.sh

# What every stage must leave in $(STATE) when it exits 0 (docs/TABLES.md).
ingest_OUTPUTS = ingest.json rejects.csv work/respondents.tsv work/occupations.tsv \
	work/frame.tsv work/jobseekers.tsv work/employment.tsv work/vacancies.tsv \
	work/outcomes.tsv work/yrkesbarometer.tsv
shortage_OUTPUTS = shortage.tsv shortage_survey.tsv shortage_registry.tsv shortage_indicators.tsv \
	shortage_sae.tsv compare.tsv work/weights.tsv
trackfit_OUTPUTS = trackfit.tsv trackfit_areas.tsv proposals.tsv model.tsv restricted/assignment.tsv
plot_OUTPUTS = report/charts.tsv
report_OUTPUTS = report/index.html report/tabeller.xlsx

# Files read from outside the work area.
REF_FILES := $(REFDIR) $(wildcard $(REFDIR)/*)
INPUT_FILES := $(INPUT) $(wildcard $(INPUT)/*)
# An absent key makes ingest run (it creates the key, so pseudonyms change).
KEY_FILE := $(if $(wildcard $(KEY)),$(KEY),FORCE)
# gnuplot scripts or templates the plot stage may read from the project.
PLOT_FILES := $(wildcard $(ROOT)/plots/*)
PREVIOUS_FILES := $(if $(PREVIOUS),$(PREVIOUS) $(wildcard $(PREVIOUS)/*.* $(PREVIOUS)/report/*))

.PHONY: all FORCE
all: $(G)/report.ok

$(G)/ingest.ok: $(BIN)/jobbspar-ingest $(G)/config/ingest.ini $(INPUT_FILES) $(REF_FILES) $(KEY_FILE)
	@$(RUN_STAGE) ingest $@ $(ingest_OUTPUTS)

$(G)/shortage.ok: $(G)/ingest.ok $(BIN)/jobbspar-shortage $(G)/config/shortage.ini $(REF_FILES)
	@$(RUN_STAGE) shortage $@ $(shortage_OUTPUTS)

$(G)/trackfit.ok: $(G)/shortage.ok $(BIN)/jobbspar-trackfit $(G)/config/trackfit.ini $(REF_FILES)
	@$(RUN_STAGE) trackfit $@ $(trackfit_OUTPUTS)

$(G)/plot.ok: $(G)/trackfit.ok $(BIN)/jobbspar-plot $(G)/config/plot.ini $(REF_FILES) $(PLOT_FILES)
	@$(RUN_STAGE) plot $@ $(plot_OUTPUTS)

$(G)/report.ok: $(G)/plot.ok $(BIN)/jobbspar-report $(G)/config/report.ini $(REF_FILES) $(PREVIOUS_FILES)
	@$(RUN_STAGE) report $@ $(report_OUTPUTS)

FORCE:

# a stamp is only ever made by its recipe
.DELETE_ON_ERROR:
