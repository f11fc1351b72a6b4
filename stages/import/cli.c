#include "cli.h"
#include "msg.h"

#include <string.h>

static int long_takes_arg(const char *name, size_t len, const struct option *own)
{
	static const char *const common[] = {"config", "set", "output", NULL};
	for (size_t i = 0; common[i]; i++)
		if (strlen(common[i]) == len && strncmp(common[i], name, len) == 0)
			return 1;
	for (; own && own->name; own++)
		if (strlen(own->name) == len && strncmp(own->name, name, len) == 0)
			return own->has_arg == required_argument;
	return 0;
}

static int short_takes_arg(char c, const char *own_short)
{
	if (c == 'c' || c == 's' || c == 'o')
		return 1;
	const char *p = own_short ? strchr(own_short, c) : NULL;
	return p && c != ':' && p[1] == ':';
}

void cli_split(int argc, char **argv, const struct option *own, const char *own_short, int *nopt,
	       char ***opt, int *npos, char ***pos)
{
	char **o = ecalloc((size_t)argc + 1, sizeof *o);
	char **p = ecalloc((size_t)argc + 1, sizeof *p);
	int no = 0, np = 0;
	o[no++] = argv[0];
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0) {
			while (++i < argc)
				p[np++] = argv[i];
			break;
		}
		if (a[0] != '-' || a[1] == '\0') {
			p[np++] = argv[i];
			continue;
		}
		o[no++] = argv[i];
		int takes = 0;
		if (a[1] == '-') {
			const char *eq = strchr(a + 2, '=');
			takes = !eq && long_takes_arg(a + 2, strlen(a + 2), own);
		} else {
			/* a cluster such as -vo OUT: the first that takes an
			 * argument takes the rest or the next word */
			for (const char *c = a + 1; *c; c++)
				if (short_takes_arg(*c, own_short)) {
					takes = c[1] == '\0';
					break;
				}
		}
		if (takes && i + 1 < argc)
			o[no++] = argv[++i];
	}
	*nopt = no;
	*opt = o;
	*npos = np;
	*pos = p;
}
