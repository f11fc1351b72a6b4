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
 * published). New string or NULL with a message. */
static char *gp_tempfile(const char *path)
{
	char *tmp = easprintf("%s.tmp.XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		msg_error("%s: cannot create: %s", path, strerror(errno));
		free(tmp);
		return NULL;
	}
	if (fchmod(fd, 0644) != 0 || close(fd) != 0) {
		msg_error("%s: cannot create: %s", path, strerror(errno));
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

int gp_render(const struct gp_setup *s, const char *body, int width, int height,
	      const char *svg_path, const char *png_path)
{
	char *tsvg = gp_tempfile(svg_path);
	if (!tsvg)
		return -1;
	char *tpng = gp_tempfile(png_path);
	if (!tpng) {
		unlink(tsvg);
		free(tsvg);
		return -1;
	}
	int rc = -1;
	FILE *fp = gp_open(s->gnuplot);
	if (!fp) {
		msg_error("%s: cannot start gnuplot: %s", svg_path, strerror(errno));
		goto out;
	}
	int bad = gp_write_format(fp, s, "svg", width, height, tsvg, body) != 0;
	if (!bad)
		bad = gp_write_format(fp, s, s->png_term, width, height, tpng, body) != 0;
	if (!bad)
		bad = fflush(fp) != 0;
	int write_errno = errno;
	int status = pclose(fp);
	char why[160];
	if (bad) {
		msg_error("%s: writing to gnuplot failed: %s", svg_path, strerror(write_errno));
		goto out;
	}
	if (gp_status_ok(status, why, sizeof why) != 0) {
		msg_error("%s: %s", svg_path, why);
		goto out;
	}
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
		unlink(tsvg);
		unlink(tpng);
	}
	free(tsvg);
	free(tpng);
	return rc;
}
