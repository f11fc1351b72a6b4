/* bench/csvparse: libcsv alone, the floor under "CSV through libcsv".
 *
 * Reads each FILE with 1 MiB reads and hands the bytes to csv_parse with the
 * options jobbspar-ingest uses (pipeline/csvin.c: CSV_STRICT,
 * CSV_STRICT_FINI, CSV_REPALL_NL, CSV_APPEND_NULL, 1 MiB blocks) and
 * callbacks that only count fields and records. No validation, no
 * pseudonyms, no output: what is left is libcsv's own cost per byte, which
 * bench/compare.sh sets beside jobbspar-ingest's.
 *
 * usage: csvparse FILE...; prints "records fields bytes" on stdout. Exit 0,
 * or 1 when a file cannot be read or libcsv reports an error. */
#include <csv.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct counts {
	unsigned long long fields, records, bytes;
};

static void on_field(void *s, size_t len, void *data)
{
	(void)s;
	(void)len;
	((struct counts *)data)->fields++;
}

static void on_record(int c, void *data)
{
	(void)c;
	((struct counts *)data)->records++;
}

int main(int argc, char **argv)
{
	enum { BUF = 1 << 20 };
	char *buf = malloc(BUF);
	if (!buf) {
		fprintf(stderr, "csvparse: out of memory\n");
		return 1;
	}
	struct counts n = {0, 0, 0};
	for (int i = 1; i < argc; i++) {
		struct csv_parser p;
		if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL | CSV_APPEND_NULL) != 0) {
			fprintf(stderr, "csvparse: csv_init failed\n");
			return 1;
		}
		csv_set_blk_size(&p, BUF);
		int fd = open(argv[i], O_RDONLY);
		if (fd < 0) {
			fprintf(stderr, "csvparse: %s: %s\n", argv[i], strerror(errno));
			return 1;
		}
		ssize_t r;
		while ((r = read(fd, buf, BUF)) > 0) {
			n.bytes += (unsigned long long)r;
			if (csv_parse(&p, buf, (size_t)r, on_field, on_record, &n) != (size_t)r) {
				fprintf(stderr, "csvparse: %s: %s\n", argv[i],
					csv_strerror(csv_error(&p)));
				return 1;
			}
		}
		if (r < 0 || close(fd) != 0) {
			fprintf(stderr, "csvparse: %s: %s\n", argv[i], strerror(errno));
			return 1;
		}
		if (csv_fini(&p, on_field, on_record, &n) != 0) {
			fprintf(stderr, "csvparse: %s: %s\n", argv[i], csv_strerror(csv_error(&p)));
			return 1;
		}
		csv_free(&p);
	}
	free(buf);
	printf("%llu %llu %llu\n", n.records, n.fields, n.bytes);
	return fflush(stdout) == 0 && ferror(stdout) == 0 ? 0 : 1;
}
