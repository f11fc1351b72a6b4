#include "gpipe.h"
#include "gpquote.h"
#include "msg.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

char *gp_find_program(const char *name)
{
	if (strchr(name, '/'))
		return access(name, X_OK) == 0 ? estrdup(name) : NULL;
	const char *path = getenv("PATH");
	if (!path)
		return NULL;
	const char *p = path;
	for (;;) {
		const char *end = strchr(p, ':');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		char *cand = n ? easprintf("%.*s/%s", (int)n, p, name) : easprintf("./%s", name);
		struct stat st;
		if (stat(cand, &st) == 0 && S_ISREG(st.st_mode) && access(cand, X_OK) == 0)
			return cand;
		free(cand);
		if (!end)
			return NULL;
		p = end + 1;
	}
}

char *gp_shell_quote(const char *s)
{
	size_t n = 2;
	for (const char *c = s; *c; c++)
		n += *c == '\'' ? 4 : 1;
	char *out = emalloc(n + 1), *o = out;
	*o++ = '\'';
	for (const char *c = s; *c; c++) {
		if (*c == '\'') {
			memcpy(o, "'\\''", 4);
			o += 4;
		} else {
			*o++ = *c;
		}
	}
	*o++ = '\'';
	*o = '\0';
	return out;
}

/* Starts gnuplot with its stdout sent to /dev/null (it has nothing to say
 * there when the output is a file) and its stderr shared with ours. */
static FILE *gp_open(const char *gnuplot)
{
	char *q = gp_shell_quote(gnuplot);
	char *cmd = easprintf("exec %s >/dev/null", q);
	free(q);
	fflush(NULL);
	FILE *fp = popen(cmd, "w");
	free(cmd);
	return fp;
}

/* Returns 0 when the child exited with status 0; else describes it in
 * WHY (at least 64 bytes). */
static int gp_status_ok(int status, char *why, size_t n)
{
	if (status == -1) {
		snprintf(why, n, "cannot wait for gnuplot: %s", strerror(errno));
		return -1;
	}
	if (WIFEXITED(status)) {
		if (WEXITSTATUS(status) == 0)
			return 0;
		if (WEXITSTATUS(status) == 127)
			snprintf(why, n, "gnuplot could not be started (exit status 127)");
		else
			snprintf(why, n, "gnuplot failed (exit status %d)", WEXITSTATUS(status));
	} else if (WIFSIGNALED(status)) {
		snprintf(why, n, "gnuplot was killed by signal %d", WTERMSIG(status));
	} else {
		snprintf(why, n, "gnuplot ended abnormally");
	}
	return -1;
}

int gp_has_terminal(const char *gnuplot, const char *term)
{
	FILE *fp = gp_open(gnuplot);
	if (!fp)
		return 0;
	/* the probe's own error message would only confuse: gnuplot reports an
	 * unknown terminal on stderr, so ask it to check quietly */
	char *q = gp_quote(term);
	int bad = fprintf(fp, "if (strstrt(' '.GPVAL_TERMINALS.' ', ' '.%s.' ') == 0) "
			  "{ exit status 1 }\n", q) < 0;
	free(q);
	int status = pclose(fp);
	char why[128];
	return !bad && gp_status_ok(status, why, sizeof why) == 0;
}

/* Makes a temporary beside PATH for gnuplot to write (mode 0644, it is
 * published). New string, or NULL with the message in *WHY (new string). */
static char *gp_tempfile(const char *path, char **why)
{
	char *tmp = easprintf("%s.tmp.XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		*why = easprintf("%s: cannot create: %s", path, strerror(errno));
		free(tmp);
		return NULL;
	}
	if (fchmod(fd, 0644) != 0 || close(fd) != 0) {
		*why = easprintf("%s: cannot create: %s", path, strerror(errno));
		unlink(tmp);
		free(tmp);
		return NULL;
	}
	return tmp;
}

/* Writes the commands for one format; -1 when a write failed. */
static int gp_write_format(FILE *fp, const struct gp_setup *s, const char *term, int width,
			   int height, const char *tmp, const char *body)
{
	char *font = easprintf("%s,%d", s->font, s->font_size);
	char *qfont = gp_quote(font);
	char *qout = gp_quote(tmp);
	int bad = 0;
	bad |= fprintf(fp, "reset\nset encoding utf8\n") < 0;
	if (strcmp(term, "svg") == 0)
		bad |= fprintf(fp, "set terminal svg size %d,%d fixed noenhanced font %s "
				   "background '#ffffff'\n", width, height, qfont) < 0;
	else
		bad |= fprintf(fp, "set terminal %s size %d,%d noenhanced font %s "
				   "background '#ffffff'\n", term, width, height, qfont) < 0;
	bad |= fprintf(fp, "set output %s\n", qout) < 0;
	bad |= fputs(body, fp) < 0;
	bad |= fprintf(fp, "\nunset multiplot\nunset output\n") < 0;
	free(font);
	free(qfont);
	free(qout);
	return bad ? -1 : 0;
}

/* Returns 0 when the file at PATH ends as a complete chart of KIND does: an
 * SVG with "</svg>" (then only white space), a PNG with its IEND chunk;
 * -1 otherwise (also when it cannot be read). */
static int gp_complete(const char *path, const char *kind)
{
	static const unsigned char iend[12] = { 0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82 };
	unsigned char tail[64];
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	off_t size = lseek(fd, 0, SEEK_END);
	off_t from = size > (off_t)sizeof tail ? size - (off_t)sizeof tail : 0;
	ssize_t n = size < 0 ? -1 : pread(fd, tail, (size_t)(size - from), from);
	close(fd);
	if (n < 0 || n != size - from)
		return -1;
	if (strcmp(kind, "png") == 0)
		return n >= 12 && memcmp(tail + n - 12, iend, sizeof iend) == 0 ? 0 : -1;
	while (n > 0 && (tail[n - 1] == '\n' || tail[n - 1] == '\r' || tail[n - 1] == ' ' || tail[n - 1] == '\t'))
		n--;
	return n >= 6 && memcmp(tail + n - 6, "</svg>", 6) == 0 ? 0 : -1;
}

/* One gnuplot that draws chart after chart. Its stdin is a pipe we write
 * the charts' commands to; its stdout a pipe on which it prints one marker
 * line after each chart, with the chart's number and GPVAL_ERRNO. */
struct gp_worker {
	pid_t pid;              /* gnuplot (through sh), or -1 when not running */
	FILE *to;               /* its stdin */
	int from;               /* its stdout, or -1 */
	char line[1024];        /* a partial marker line read from it */
	size_t len;
	unsigned long seq;      /* charts started on it */
	int busy;               /* a chart was started and not yet finished */
};

struct gp_pool {
	const struct gp_setup *setup;
	struct gp_worker *workers;
	int nworkers;
};

struct gp_job {
	struct gp_worker *w;    /* NULL when the chart never reached a gnuplot */
	unsigned long seq;      /* the chart's number on w */
	char *svg_path, *png_path;
	char *tsvg, *tpng;      /* the temporaries gnuplot writes, or NULL */
	char *why;              /* a failure before gnuplot ran: the message */
	int write_failed, write_errno;
	int timeout_s;          /* setup->timeout_s */
};

static const char gp_marker[] = "@@jobbspar-chart ";

/* Starts "exec GNUPLOT" through sh, as popen would, with its stdin a pipe
 * (returned in W->to) and its stdout another (W->from); our ends are
 * close-on-exec, so that no later gnuplot holds them open. Returns 0, or
 * -1 with errno set. */
static int gp_spawn(const char *gnuplot, struct gp_worker *w)
{
	int in[2], out[2];
	if (pipe(in) != 0)
		return -1;
	if (pipe(out) != 0) {
		int e = errno;
		close(in[0]);
		close(in[1]);
		errno = e;
		return -1;
	}
	if (fcntl(in[1], F_SETFD, FD_CLOEXEC) != 0 || fcntl(out[0], F_SETFD, FD_CLOEXEC) != 0) {
		int e = errno;
		close(in[0]);
		close(in[1]);
		close(out[0]);
		close(out[1]);
		errno = e;
		return -1;
	}
	char *q = gp_shell_quote(gnuplot);
	char *cmd = easprintf("exec %s", q);
	free(q);
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		/* both ends above 2 first, so that neither dup2 can clobber the
		 * other when our own stdin or stdout was closed */
		int rd = fcntl(in[0], F_DUPFD, 3), wr = fcntl(out[1], F_DUPFD, 3);
		if (rd < 0 || wr < 0 || dup2(rd, STDIN_FILENO) < 0 || dup2(wr, STDOUT_FILENO) < 0)
			_exit(127);
		close(rd);
		close(wr);
		if (in[0] > 2)
			close(in[0]);
		if (out[1] > 2)
			close(out[1]);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	int e = errno;
	free(cmd);
	close(in[0]);
	close(out[1]);
	if (pid < 0) {
		close(in[1]);
		close(out[0]);
		errno = e;
		return -1;
	}
	w->to = fdopen(in[1], "w");
	if (!w->to) {
		e = errno;
		close(in[1]);
		close(out[0]);
		waitpid(pid, NULL, 0);
		errno = e;
		return -1;
	}
	w->pid = pid;
	w->from = out[0];
	w->len = 0;
	return 0;
}

/* Ends W's gnuplot: closes its stdin (gnuplot exits at the end of its
 * script) and waits for it. Returns its wait status, or -1 when it was not
 * running or cannot be waited for. */
static int gp_worker_stop(struct gp_worker *w)
{
	if (w->pid < 0)
		return -1;
	if (w->to)
		fclose(w->to);
	w->to = NULL;
	if (w->from >= 0)
		close(w->from);
	w->from = -1;
	int status;
	while (waitpid(w->pid, &status, 0) < 0) {
		if (errno != EINTR) {
			status = -1;
			break;
		}
	}
	w->pid = -1;
	w->len = 0;
	return status;
}

struct gp_pool *gp_pool_new(const struct gp_setup *setup, int workers)
{
	struct gp_pool *pool = ecalloc(1, sizeof *pool);
	pool->setup = setup;
	pool->nworkers = workers < 1 ? 1 : workers;
	pool->workers = ecalloc((size_t)pool->nworkers, sizeof *pool->workers);
	for (int i = 0; i < pool->nworkers; i++) {
		pool->workers[i].pid = -1;
		pool->workers[i].from = -1;
	}
	return pool;
}

int gp_pool_free(struct gp_pool *pool)
{
	if (!pool)
		return 0;
	int rc = 0;
	for (int i = 0; i < pool->nworkers; i++) {
		struct gp_worker *w = &pool->workers[i];
		if (w->pid < 0)
			continue;
		int status = gp_worker_stop(w);
		char why[128];
		if (gp_status_ok(status, why, sizeof why) != 0) {
			msg_error("%s", why);
			rc = -1;
		}
	}
	free(pool->workers);
	free(pool);
	return rc;
}

/* Puts the svg terminal into the same state before every chart. gnuplot
 * 5.4's svg terminal keeps the colour it last drew with from one file to
 * the next and writes it into the first group of the next SVG, so a chart
 * drawn after another would differ in bytes (not in looks) from the same
 * chart drawn first. A tiny plot into /dev/null leaves the same colour
 * behind whatever came before. reset session also forgets the previous
 * chart's data blocks and variables. */
static int gp_write_prologue(FILE *fp)
{
	return fputs("reset session\nreset errors\nset print '-'\n"
		     "set terminal svg size 100,100 fixed noenhanced background '#ffffff'\n"
		     "set output '/dev/null'\nunset border\nunset tics\nunset key\n"
		     "plot [0:1] [0:1] 0.5 lc rgb '#000000'\nunset output\n", fp) < 0 ? -1 : 0;
}

struct gp_job *gp_render_start(struct gp_pool *pool, const char *body, int width, int height,
			       const char *svg_path, const char *png_path)
{
	const struct gp_setup *s = pool->setup;
	struct gp_job *job = ecalloc(1, sizeof *job);
	job->svg_path = estrdup(svg_path);
	job->png_path = png_path ? estrdup(png_path) : NULL;
	job->timeout_s = s->timeout_s;
	job->tsvg = gp_tempfile(svg_path, &job->why);
	if (job->tsvg && png_path)
		job->tpng = gp_tempfile(png_path, &job->why);
	if (job->why)
		return job;
	struct gp_worker *w = NULL;
	for (int i = 0; i < pool->nworkers && !w; i++)
		if (!pool->workers[i].busy)
			w = &pool->workers[i];
	if (!w) {
		job->why = easprintf("%s: no gnuplot free (more charts started than plot.jobs)",
				     svg_path);
		return job;
	}
	if (w->pid < 0 && gp_spawn(s->gnuplot, w) != 0) {
		job->why = easprintf("%s: cannot start gnuplot: %s", svg_path, strerror(errno));
		return job;
	}
	w->busy = 1;
	w->seq++;
	job->w = w;
	job->seq = w->seq;
	FILE *fp = w->to;
	int bad = gp_write_prologue(fp) != 0;
	if (!bad)
		bad = gp_write_format(fp, s, "svg", width, height, job->tsvg, body) != 0;
	if (!bad && job->tpng)
		bad = gp_write_format(fp, s, s->png_term, width, height, job->tpng, body) != 0;
	if (!bad)
		bad = fprintf(fp, "print sprintf('%s%%d %%d %%s', %lu, GPVAL_ERRNO, GPVAL_ERRMSG)\n",
			      gp_marker, job->seq) < 0;
	/* flushing lets gnuplot read the whole chart while the caller builds
	 * the next one */
	if (!bad)
		bad = fflush(fp) != 0;
	job->write_errno = errno;
	job->write_failed = bad;
	return job;
}

/* Reads W's stdout up to the marker of chart SEQ, waiting at most
 * TIMEOUT_S seconds for each read (0: no limit). Returns 1 with the
 * marker's GPVAL_ERRNO in *ERR and its GPVAL_ERRMSG in MSG (at least 256
 * bytes), 0 when gnuplot closed its stdout first (it ended), -2 when it
 * said nothing for TIMEOUT_S seconds, -1 on a read error (errno set).
 * Lines that are not markers are ignored. */
static int gp_read_marker(struct gp_worker *w, unsigned long seq, int timeout_s, int *err,
			  char *msg, size_t n)
{
	for (;;) {
		char *nl = memchr(w->line, '\n', w->len);
		if (nl) {
			*nl = '\0';
			size_t used = (size_t)(nl - w->line) + 1;
			unsigned long got;
			int e, off = 0;
			int found = strncmp(w->line, gp_marker, sizeof gp_marker - 1) == 0 &&
				    sscanf(w->line + sizeof gp_marker - 1, "%lu %d %n", &got, &e, &off) >= 2 &&
				    got == seq;
			if (found) {
				*err = e;
				snprintf(msg, n, "%s", w->line + sizeof gp_marker - 1 + off);
			}
			memmove(w->line, w->line + used, w->len - used);
			w->len -= used;
			if (found)
				return 1;
			continue;
		}
		if (w->len == sizeof w->line)
			w->len = 0; /* a long line that is no marker: drop it */
		if (timeout_s > 0) {
			struct pollfd pfd = {.fd = w->from, .events = POLLIN};
			int ready = poll(&pfd, 1, timeout_s * 1000);
			if (ready < 0 && errno == EINTR)
				continue;
			if (ready < 0)
				return -1;
			if (ready == 0)
				return -2;
		}
		ssize_t r = read(w->from, w->line + w->len, sizeof w->line - w->len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			return 0;
		w->len += (size_t)r;
	}
}

int gp_render_finish(struct gp_job *job)
{
	const char *svg_path = job->svg_path, *png_path = job->png_path;
	struct gp_worker *w = job->w;
	int rc = -1, timed_out = 0;
	if (job->why) {
		msg_error("%s", job->why);
		goto out;
	}
	int err = 0;
	char errmsg[256] = "";
	int got = gp_read_marker(w, job->seq, job->timeout_s, &err, errmsg, sizeof errmsg);
	if (got == -2) {
		/* a gnuplot that hangs must not hang a scheduled run */
		kill(w->pid, SIGKILL);
		gp_worker_stop(w);
		msg_error("%s: gnuplot drew nothing for %d s (plot.timeout); stopped it",
			  svg_path, job->timeout_s);
		timed_out = 1;
		goto out;
	}
	if (got != 1) {
		/* gnuplot ended (or cannot be read): what it died of says most */
		int read_errno = errno;
		int status = gp_worker_stop(w);
		char why[160];
		if (gp_status_ok(status, why, sizeof why) != 0)
			msg_error("%s: %s", svg_path, why);
		else if (job->write_failed)
			msg_error("%s: writing to gnuplot failed: %s", svg_path,
				  strerror(job->write_errno));
		else if (got < 0)
			msg_error("%s: cannot read from gnuplot: %s", svg_path, strerror(read_errno));
		else
			msg_error("%s: gnuplot ended before the chart was drawn", svg_path);
		goto out;
	}
	if (job->write_failed) {
		msg_error("%s: writing to gnuplot failed: %s", svg_path, strerror(job->write_errno));
		gp_worker_stop(w);
		goto out;
	}
	if (err != 0) {
		/* gnuplot printed the error itself; a fresh gnuplot draws the
		 * next chart, so nothing of this one can leak into it */
		msg_error("%s: gnuplot failed: %s", svg_path, errmsg[0] ? errmsg : "error");
		gp_worker_stop(w);
		goto out;
	}
	const char *tsvg = job->tsvg, *tpng = job->tpng;
	struct stat st1, st2;
	if (stat(tsvg, &st1) != 0 || st1.st_size == 0 ||
	    (tpng && (stat(tpng, &st2) != 0 || st2.st_size == 0))) {
		msg_error("%s: gnuplot wrote an empty chart", svg_path);
		goto out;
	}
	/* gnuplot goes on even when writing its output failed (a full disk),
	 * so a chart counts only when its file ends as a complete one does */
	if (gp_complete(tsvg, "svg") != 0) {
		msg_error("%s: gnuplot wrote an incomplete chart (is the disk full?)", svg_path);
		goto out;
	}
	if (tpng && gp_complete(tpng, "png") != 0) {
		msg_error("%s: gnuplot wrote an incomplete chart (is the disk full?)", png_path);
		goto out;
	}
	if (rename(tsvg, svg_path) != 0) {
		msg_error("%s: cannot rename: %s", svg_path, strerror(errno));
		goto out;
	}
	if (tpng && rename(tpng, png_path) != 0) {
		msg_error("%s: cannot rename: %s", png_path, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (w)
		w->busy = 0;
	if (rc != 0) {
		if (job->tsvg)
			unlink(job->tsvg);
		if (job->tpng)
			unlink(job->tpng);
	}
	free(job->tsvg);
	free(job->tpng);
	free(job->why);
	free(job->svg_path);
	free(job->png_path);
	free(job);
	return timed_out ? -2 : rc;
}

int gp_render(const struct gp_setup *s, const char *body, int width, int height,
	      const char *svg_path, const char *png_path)
{
	struct gp_pool *pool = gp_pool_new(s, 1);
	int rc = gp_render_finish(gp_render_start(pool, body, width, height, svg_path, png_path));
	if (gp_pool_free(pool) != 0)
		rc = -1;
	return rc;
}
