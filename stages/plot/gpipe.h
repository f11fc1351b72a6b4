/* gpipe: run gnuplot through a pipe to its stdin (forked as popen would,
 * `sh -c 'exec gnuplot'`, with a second pipe from its stdout on which it
 * says when each chart is done, so that several can run at once and each
 * can draw many charts) and have it write each chart as SVG and PNG. Every
 * write to the pipe, every chart's GPVAL_ERRNO and gnuplot's exit status
 * are checked; the chart files appear under their names only when gnuplot
 * succeeded (gnuplot writes temporaries that are renamed afterwards), so a
 * failed run never leaves a partial chart. gp_render_start and
 * gp_render_finish split the same work so that a caller can keep a few
 * gnuplots drawing at once. */
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
	int timeout_s;         /* the longest a chart may take, seconds; 0: no limit */
};

/* Draws BODY (gnuplot commands, borrowed) into SVG_PATH and PNG_PATH at
 * WIDTH x HEIGHT pixels with a gnuplot of its own. The setup (encoding,
 * terminal, output) is written before BODY for each format. Returns 0, or
 * -1 with a message naming the chart (nothing is left at either path's
 * temporary; the final paths keep their previous content). */
int gp_render(const struct gp_setup *setup, const char *body, int width, int height,
	      const char *svg_path, const char *png_path);

/* A few gnuplots that stay running and draw one chart after another, so
 * that a chart costs its drawing and not a gnuplot's start-up. Each chart
 * begins with "reset session" and a fixed priming plot, so its files are
 * the same bytes whatever the same gnuplot drew before (see
 * gp_write_prologue in gpipe.c). A gnuplot that reports an error is ended
 * and the next chart gets a new one. */
struct gp_pool;

/* A pool of at most WORKERS gnuplots (started when first needed). SETUP is
 * borrowed and must outlive the pool. Returns a new pool (never NULL). */
struct gp_pool *gp_pool_new(const struct gp_setup *setup, int workers);

/* Ends every gnuplot of POOL (none may be drawing) and frees it. Returns
 * 0, or -1 with a message when a gnuplot ended badly. */
int gp_pool_free(struct gp_pool *pool);

/* A chart being drawn by one of the pool's gnuplots, in the background. */
struct gp_job;

/* Starts drawing a chart as gp_render does on a gnuplot of POOL that is not
 * drawing (the caller keeps at most WORKERS charts unfinished); PNG_PATH
 * NULL draws the SVG only. Writes all of BODY to the gnuplot and returns without waiting, so that several charts can be
 * drawn at once (one per core). All arguments but POOL are borrowed for
 * the call only. Returns a new job (never NULL): finish it with
 * gp_render_finish, which reports any failure, including one in starting. */
struct gp_job *gp_render_start(struct gp_pool *pool, const char *body, int width, int height,
			       const char *svg_path, const char *png_path);

/* Waits until JOB's gnuplot has drawn the chart (at most setup->timeout_s
 * seconds), checks both files and publishes them under their names.
 * Returns 0, or -1 with a message naming the chart, or -2 with one when
 * gnuplot took too long and was stopped. Frees JOB; its gnuplot is free
 * for the next chart. */
int gp_render_finish(struct gp_job *job);

/* Quotes S for the POSIX shell (single quotes). New string, caller frees. */
char *gp_shell_quote(const char *s);

#endif
