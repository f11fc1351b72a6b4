/* atomicfile: write a file under a temporary name beside its final path and
 * rename it into place only when it is complete, so a reader never sees a
 * partial output (also when the process is killed).  */
#ifndef JOBBSPAR_ATOMICFILE_H
#define JOBBSPAR_ATOMICFILE_H

#include <stdio.h>

struct atomicfile {
	FILE *fp;       /* write here */
	char *path;     /* final path (owned) */
	char *tmppath;  /* temporary path (owned) */
	int failed;     /* set by atomicfile_fail or a failed write */
	int err;        /* errno of the first failed write, when known */
};

/* Opens PATH.tmp.XXXXXX for writing with the given mode bits (e.g. 0644, 0600).
 * Returns NULL and prints "prog: path: reason" on failure. The caller owns the
 * returned object and must pass it to atomicfile_commit or atomicfile_abort. */
struct atomicfile *atomicfile_open(const char *path, int mode);
/* Flushes, fsyncs, closes and renames into place. Returns 0 or -1 (message
 * printed, temporary removed). Frees AF in every case. */
int atomicfile_commit(struct atomicfile *af);
/* Closes and removes the temporary. Frees AF. */
void atomicfile_abort(struct atomicfile *af);

/* fsync before rename is on by default (a crash cannot leave an empty file
 * under the final name); tests that write thousands of tiny files turn it
 * off. */
void atomicfile_set_sync(int on);

/* Creates DIR and missing parents with MODE; 0 or -1 with errno set. */
int mkdir_p(const char *dir, int mode);

#endif
