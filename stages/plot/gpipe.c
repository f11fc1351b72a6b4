#include "gpipe.h"
#include "gpquote.h"
#include "msg.h"

#include <errno.h>
#include <fcntl.h>
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

struct gp_job {
	pid_t pid;              /* gnuplot (through sh), or -1 when not started */
	char *svg_path, *png_path;
	char *tsvg, *tpng;      /* the temporaries gnuplot writes, or NULL */
	char *why;              /* a failure before gnuplot ran: the message */
	int write_failed, write_errno;
};

/* Starts "exec GNUPLOT >/dev/null" through sh, as popen would, with its
 * stdin a pipe whose write end is returned in *TO (close-on-exec, so that
 * no later gnuplot holds it open). Returns the pid, or -1 with errno set. */
static pid_t gp_spawn(const char *gnuplot, FILE **to)
{
	int fd[2];
	if (pipe(fd) != 0)
		return -1;
	if (fcntl(fd[1], F_SETFD, FD_CLOEXEC) != 0) {
		int e = errno;
		close(fd[0]);
		close(fd[1]);
		errno = e;
		return -1;
	}
	char *q = gp_shell_quote(gnuplot);
	char *cmd = easprintf("exec %s >/dev/null", q);
	free(q);
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		if (fd[0] != STDIN_FILENO) {
			if (dup2(fd[0], STDIN_FILENO) < 0)
				_exit(127);
			close(fd[0]);
		}
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	int e = errno;
	free(cmd);
	close(fd[0]);
	if (pid < 0) {
		close(fd[1]);
		errno = e;
		return -1;
	}
	*to = fdopen(fd[1], "w");
	if (!*to) {
		e = errno;
		close(fd[1]);
		waitpid(pid, NULL, 0);
		errno = e;
		return -1;
	}
	return pid;
}

struct gp_job *gp_render_start(const struct gp_setup *s, const char *body, int width, int height,
			       const char *svg_path, const char *png_path)
{
	struct gp_job *job = ecalloc(1, sizeof *job);
	job->pid = -1;
	job->svg_path = estrdup(svg_path);
	job->png_path = estrdup(png_path);
	job->tsvg = gp_tempfile(svg_path, &job->why);
	if (job->tsvg)
		job->tpng = gp_tempfile(png_path, &job->why);
	if (!job->tpng)
		return job;
	FILE *fp = NULL;
	job->pid = gp_spawn(s->gnuplot, &fp);
	if (job->pid < 0) {
		job->why = easprintf("%s: cannot start gnuplot: %s", svg_path, strerror(errno));
		return job;
	}
	int bad = gp_write_format(fp, s, "svg", width, height, job->tsvg, body) != 0;
	if (!bad)
		bad = gp_write_format(fp, s, s->png_term, width, height, job->tpng, body) != 0;
	if (!bad)
		bad = fflush(fp) != 0;
	job->write_errno = errno;
	job->write_failed = bad;
	/* closing our end lets gnuplot see the end of its script and finish
	 * while the caller starts the next chart */
	fclose(fp);
	return job;
}

int gp_render_finish(struct gp_job *job)
{
	const char *svg_path = job->svg_path, *png_path = job->png_path;
	int rc = -1;
	if (job->why) {
		msg_error("%s", job->why);
		goto out;
	}
	int status;
	while (waitpid(job->pid, &status, 0) < 0) {
		if (errno != EINTR) {
			status = -1;
			break;
		}
	}
	char why[160];
	if (job->write_failed) {
		msg_error("%s: writing to gnuplot failed: %s", svg_path, strerror(job->write_errno));
		goto out;
	}
	if (gp_status_ok(status, why, sizeof why) != 0) {
		msg_error("%s: %s", svg_path, why);
		goto out;
	}
	const char *tsvg = job->tsvg, *tpng = job->tpng;
	struct stat st1, st2;
	if (stat(tsvg, &st1) != 0 || st1.st_size == 0 || stat(tpng, &st2) != 0 || st2.st_size == 0) {
		msg_error("%s: gnuplot wrote an empty chart", svg_path);
		goto out;
	}
	/* gnuplot exits 0 even when writing its output failed (a full disk),
	 * so a chart counts only when its file ends as a complete one does */
	if (gp_complete(tsvg, "svg") != 0) {
		msg_error("%s: gnuplot wrote an incomplete chart (is the disk full?)", svg_path);
		goto out;
	}
	if (gp_complete(tpng, "png") != 0) {
		msg_error("%s: gnuplot wrote an incomplete chart (is the disk full?)", png_path);
		goto out;
	}
	if (rename(tsvg, svg_path) != 0) {
		msg_error("%s: cannot rename: %s", svg_path, strerror(errno));
		goto out;
	}
	if (rename(tpng, png_path) != 0) {
		msg_error("%s: cannot rename: %s", png_path, strerror(errno));
		goto out;
	}
	rc = 0;
out:
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
	return rc;
}

int gp_render(const struct gp_setup *s, const char *body, int width, int height,
	      const char *svg_path, const char *png_path)
{
	return gp_render_finish(gp_render_start(s, body, width, height, svg_path, png_path));
}
