/* tablesdoc: the sections of docs/TABLES.md that describe the tables of
 * pipeline/shortage_tables.c, written from those descriptions (tabledef.h)
 * so the docs, the writer and the readers share one column list.
 * tests/cli/tables-docs-in-step compares them with the committed file. */
#ifndef JOBBSPAR_CONFIG_TABLESDOC_H
#define JOBBSPAR_CONFIG_TABLESDOC_H

#include <stdio.h>

/* The lines that enclose the generated part of docs/TABLES.md. */
extern const char tablesdoc_begin[], tablesdoc_end[];

/* Every declared column: table, column, type, meaning (tab-separated, one
 * line each, tables in docs order). */
void tablesdoc_list(FILE *out);

/* Copies IN (docs/TABLES.md; INNAME in messages) to OUT with the lines
 * between tablesdoc_begin and tablesdoc_end replaced by the generated
 * sections. Returns 0, or -1 with a message when a marker is missing or
 * reading fails. */
int tablesdoc_rewrite(FILE *in, const char *inname, FILE *out);

#endif
