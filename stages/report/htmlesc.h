/* htmlesc: every text that comes from the data (labels, names, file names,
 * chart titles) goes through here before it reaches index.html, so no input
 * can open a tag or leave an attribute value. */
#ifndef JOBBSPAR_REPORT_HTMLESC_H
#define JOBBSPAR_REPORT_HTMLESC_H

#include <stdio.h>

/* Writes S to FP with & < > " ' replaced by character references; control
 * characters other than TAB and LF are dropped. Safe in element content and
 * in quoted attribute values. NULL writes nothing. */
void html_put(FILE *fp, const char *s);
/* The same into a new string (caller frees). */
char *html_escape(const char *s);

#endif
