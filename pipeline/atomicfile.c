#include "atomicfile.h"
#include "msg.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int sync_on = 1;

void atomicfile_set_sync(int on) { sync_on = on; }

struct atomicfile *atomicfile_open(const char *path, int mode)
{
	struct atomicfile *af = ecalloc(1, sizeof *af);
	af->path = estrdup(path);
	af->tmppath = easprintf("%s.tmp.XXXXXX", path);
	int fd = mkstemp(af->tmppath);
	if (fd < 0) {
		msg_error("%s: cannot create: %s", path, strerror(errno));
		free(af->path);
		free(af->tmppath);
		free(af);
		return NULL;
	}
	if (fchmod(fd, (mode_t)mode) != 0 || !(af->fp = fdopen(fd, "w"))) {
		msg_error("%s: cannot open: %s", path, strerror(errno));
		close(fd);
		unlink(af->tmppath);
		free(af->path);
		free(af->tmppath);
		free(af);
		return NULL;
	}
	return af;
}

static void atomicfile_free(struct atomicfile *af)
{
	free(af->path);
	free(af->tmppath);
	free(af);
}

int atomicfile_commit(struct atomicfile *af)
{
	int err = af->err;
	/* flush first: after a failed write the stream still holds the rest,
	 * and the flush's errno says why (ENOSPC, EFBIG) where ferror cannot */
	if (fflush(af->fp) != 0 && !err)
		err = errno;
	if (!err && (af->failed || ferror(af->fp)))
		err = EIO;
	if (!err && sync_on && fsync(fileno(af->fp)) != 0 && errno != EINVAL && errno != EROFS)
		err = errno;
	if (fclose(af->fp) != 0 && !err)
		err = errno;
	if (!err && rename(af->tmppath, af->path) != 0)
		err = errno;
	if (err) {
		msg_error("%s: write failed: %s", af->path, strerror(err));
		unlink(af->tmppath);
		atomicfile_free(af);
		return -1;
	}
	atomicfile_free(af);
	return 0;
}

void atomicfile_abort(struct atomicfile *af)
{
	if (!af)
		return;
	fclose(af->fp);
	unlink(af->tmppath);
	atomicfile_free(af);
}

int mkdir_p(const char *dir, int mode)
{
	char *p = estrdup(dir);
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, (mode_t)mode) != 0 && errno != EEXIST) {
			free(p);
			return -1;
		}
		*s = '/';
	}
	int rc = mkdir(p, (mode_t)mode);
	free(p);
	if (rc != 0 && errno != EEXIST)
		return -1;
	return 0;
}
