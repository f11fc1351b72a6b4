/* gpipe: run gnuplot through a pipe to its stdin (forked as popen would,
 * `sh -c 'exec gnuplot'`, so that several can run at once and each be
 * reaped in order) and have it write one chart as SVG and PNG. Every write to the pipe and gnuplot's exit status are checked; the
 * chart files appear under their names only when gnuplot succeeded (gnuplot
 * writes temporaries that are renamed afterwards), so a failed run never
 * leaves a partial chart. gp_render_start and gp_render_finish split the
 * same work so that a caller can keep a few gnuplots running at once. */
#ifndef JOBBSPAR_PLOT_GPIPE_H
#define JOBBSPAR_PLOT_GPIPE_H

#include <stddef.h>

/* Finds the executable NAME: NAME itself if it contains a '/', else the
 * first match on $PATH. Returns a new string (caller frees) or NULL. */
char *gp_find_program(const char *name);

/* Returns 1 if the gnuplot at GNUPLOT (borrowed path) accepts
 * "set terminal TERM" (e.g. "pngcairo"), else 0. */
int gp_has_terminal(const char *gnuplot, const char *term);

/* How the charts are drawn: borrowed strings. */
struct gp_setup {
	const char *gnuplot;   /* path of the gnuplot program */
	const char *png_term;  /* "pngcairo" or "png" */
	const char *font;      /* e.g. "DejaVu Sans" */
	int font_size;         /* points, e.g. 12 */
};

/* Draws BODY (gnuplot commands, borrowed) into SVG_PATH and PNG_PATH at
 * WIDTH x HEIGHT pixels. The setup (encoding, terminal, output) is written
 * before BODY for each format. Returns 0, or -1 with a message naming the
 * chart (nothing is left at either path's temporary; the final paths keep
 * their previous content). */
int gp_render(const struct gp_setup *setup, const char *body, int width, int height,
	      const char *svg_path, const char *png_path);

/* A chart being drawn by its own gnuplot, in the background. */
struct gp_job;

/* Starts drawing a chart as gp_render does, writes all of BODY to a new
 * gnuplot and returns without waiting for it, so that several charts can be
 * drawn at once (one per core). All arguments are borrowed for the call
 * only. Returns a new job (never NULL): finish it with gp_render_finish,
 * which reports any failure, including one in starting. */
struct gp_job *gp_render_start(const struct gp_setup *setup, const char *body, int width,
			       int height, const char *svg_path, const char *png_path);

/* Waits for JOB's gnuplot, checks both charts and publishes them under
 * their names. Returns 0, or -1 with the message gp_render gives. Frees
 * JOB. */
int gp_render_finish(struct gp_job *job);

/* Quotes S for the POSIX shell (single quotes). New string, caller frees. */
char *gp_shell_quote(const char *s);

#endif
