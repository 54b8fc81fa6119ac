/*
 * cmd_count_quick.c - `hearsay count` the front end's way (SQLite alone,
 * see cmd_count.c), and what both ways share: the options and the
 * printing, so that both print the same.  Must not call store_open or
 * anything that needs more than SQLite: src/front.c links it.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "hearsay/store.h"

int
cmd_count_args(int argc, char **argv, struct cmd_count_args *a, int quiet)
{
	static const struct option longopts[] = {
		{ "feed", required_argument, NULL, 'f' },
		{ "tag", required_argument, NULL, 't' },
		{ "format", required_argument, NULL, 'F' },
		{ NULL, 0, NULL, 0 }
	};
	int c, saved = opterr;

	memset(a, 0, sizeof *a);
	a->format = "%u";
	optind = 0;
	opterr = !quiet;
	while ((c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			a->feed = optarg;
			break;
		case 't':
			a->tag = optarg;
			break;
		case 'F':
			a->format = optarg;
			break;
		default:
			opterr = saved;
			if (!quiet)
				fprintf(stderr, "usage: hearsay count [--feed"
				    " FEED] [--tag TAG] [--format FMT]\n");
			return 2;
		}
	}
	opterr = saved;
	if (optind < argc) {
		if (!quiet)
			fprintf(stderr, "hearsay: count takes no argument"
			    " ('%s'): a feed goes with --feed\n",
			    argv[optind]);
		return 2;
	}
	return 0;
}

/* The counts through the format: %u unread stories, %f feeds with unread
 * stories, %F feeds counted, %% a per cent sign; then a newline.  An
 * unknown %x is printed as it stands. */
static void
count_print(const char *fmt, const struct store_counts *c)
{
	const char *p;

	for (p = fmt; *p != '\0'; p++) {
		if (p[0] != '%' || p[1] == '\0') {
			putchar(*p);
			continue;
		}
		switch (*++p) {
		case 'u':
			printf("%lld", (long long)c->unread);
			break;
		case 'f':
			printf("%lld", (long long)c->feeds_unread);
			break;
		case 'F':
			printf("%lld", (long long)c->feeds);
			break;
		case '%':
			putchar('%');
			break;
		default:
			putchar('%');
			putchar(*p);
		}
	}
	putchar('\n');
}

/* A feed or tag that names no subscribed feed is a mistake to say (a
 * status line showing 0 for ever would hide it). */
int
cmd_count_report(const struct cmd_count_args *a, const struct store_counts *c)
{
	if (c->feeds == 0 && (a->feed != NULL || a->tag != NULL)) {
		fprintf(stderr, "hearsay: no subscribed feed%s%s%s%s\n",
		    a->feed != NULL ? " is " : "",
		    a->feed != NULL ? a->feed : "",
		    a->tag != NULL ? " with the tag " : "",
		    a->tag != NULL ? a->tag : "");
		return 1;
	}
	count_print(a->format, c);
	return fflush(stdout) == 0 ? 0 : 2;
}

int
cmd_count_quick(int argc, char **argv, const struct cmd_globals *g)
{
	struct cmd_count_args a;
	struct store_count_query q;
	struct store_counts c;
	char *path;
	int rc;

	if (cmd_count_args(argc, argv, &a, 1) != 0)
		return -1;	/* hearsay-core says it, once */
	q.feed = a.feed;
	q.tag = a.tag;
	cmd_paths(g, NULL, &path);
	rc = store_count_quick(path, &q, &c);
	free(path);
	return rc == 0 ? cmd_count_report(&a, &c) : -1;
}
