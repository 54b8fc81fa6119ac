/*
 * cmd_list.c - `hearsay list [--feeds] [--all] [--starred]`: the store's
 * stories (or feeds) as plain lines, for scripts and for use without the
 * reader.
 *
 * It lists the store's subscriptions as the urls file made them when it
 * was last read (by refresh, the reader, add or remove), in its order,
 * leaving out the feeds a "!" tag hides as the reader does; it writes
 * nothing.
 *
 * Must never print a string from the store without text_clean(): titles,
 * tags and errors came from the network.  Reads rows a page at a time,
 * never the whole list, and reads a store it may not write all the same.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cmd.h"
#include "hearsay/store.h"
#include "hearsay/text.h"
#include "hearsay/util.h"

#define LIST_PAGE 256

enum list_what { LIST_UNREAD, LIST_ALL, LIST_STARRED, LIST_FEEDS };

/* The options, each naming what to list. */
static const struct {
	const char	*name;
	enum list_what	 what;
} list_options[] = {
	{ "all", LIST_ALL },
	{ "starred", LIST_STARRED },
	{ "feeds", LIST_FEEDS },
};

/* The story query of each listing. */
static const struct store_query list_queries[] = {
	[LIST_UNREAD] = { STORE_SCOPE_UNREAD, 0, 0, 0, NULL },
	[LIST_ALL] = { STORE_SCOPE_ALL, 0, 1, 0, NULL },
	[LIST_STARRED] = { STORE_SCOPE_STARRED, 0, 1, 0, NULL },
};

/* Print s made safe for the terminal (NULL prints as empty). */
static void
list_put(const char *s)
{
	char *clean = text_clean(s != NULL ? s : "", TEXT_COLLAPSE_WS);

	fputs(clean, stdout);
	free(clean);
}

/* One story: date (local time), feed title, title. */
static void
list_story(const struct store_story *s)
{
	char date[32];
	time_t t = (time_t)s->date;
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL ||
	    strftime(date, sizeof date, "%Y-%m-%d %H:%M", &tm) == 0)
		date[0] = '\0';
	printf("%-16s  ", date);
	list_put(s->feed_title);
	fputs("  ", stdout);
	list_put(s->title != NULL ? s->title : "(untitled)");
	putchar('\n');
}

static int
list_stories(struct store *st, enum list_what what)
{
	struct store_story rows[LIST_PAGE];
	int64_t offset = 0;
	int i, n;

	do {
		n = store_story_rows(st, &list_queries[what], offset, LIST_PAGE,
		    rows);
		if (n == -1)
			return -1;
		for (i = 0; i < n; i++) {
			list_story(&rows[i]);
			store_story_clear(&rows[i]);
		}
		offset += n;
	} while (n == LIST_PAGE);
	return 0;
}

/* One feed: a '!' when its last fetch failed, unread/total, title, tags,
 * and the error. */
static int
list_feed(const struct store_feed *f, void *arg)
{
	(void)arg;
	if (f->hidden)
		return 0;
	printf("%c %lld/%lld  ", f->last_error != NULL ? '!' : ' ',
	    (long long)f->n_unread, (long long)f->n_total);
	list_put(f->title);
	if (f->tags != NULL && *f->tags != '\0') {
		fputs("  [", stdout);
		list_put(f->tags);
		putchar(']');
	}
	if (f->last_error != NULL) {
		fputs("  error: ", stdout);
		list_put(f->last_error);
	}
	putchar('\n');
	return 0;
}

static int
list_usage(void)
{
	fprintf(stderr, "usage: hearsay list [--feeds] [--all] [--starred]\n");
	return 2;
}

/* Parse the options into *what; -1 on a usage error. */
static int
list_parse_args(int argc, char **argv, enum list_what *what)
{
	static const struct option longopts[] = {
		{ "all", no_argument, NULL, 0 },
		{ "starred", no_argument, NULL, 0 },
		{ "feeds", no_argument, NULL, 0 },
		{ NULL, 0, NULL, 0 }
	};
	int c, i;

	*what = LIST_UNREAD;
	/* Called with no argv at all (`hearsay --demo`): getopt must not
	 * see a NULL vector. */
	if (argc == 0)
		return 0;
	for (;;) {
		c = getopt_long(argc, argv, "+", longopts, &i);
		if (c == -1)
			break;
		if (c != 0)
			return -1;
		*what = list_options[i].what;
	}
	return optind == argc ? 0 : -1;
}

int
cmd_list(int argc, char **argv, const struct cmd_globals *g)
{
	struct store *st = NULL;
	enum list_what what;
	char *path = NULL, *err = NULL, *msg;
	int rc;

	if (list_parse_args(argc, argv, &what) == -1)
		return list_usage();
	cmd_paths(g, NULL, &path);
	if (store_open(&st, path, STORE_READ_ANYWAY, &err) == -1) {
		msg = text_clean(err, 0);
		fprintf(stderr, "hearsay: %s\n", msg);
		free(msg);
		rc = 2;
		goto out;
	}
	if (what == LIST_FEEDS)
		rc = store_feeds_each(st, list_feed, NULL);
	else
		rc = list_stories(st, what);
	if (rc == -1)
		fprintf(stderr, "hearsay: cannot read the store\n");
	if (fflush(stdout) == EOF || ferror(stdout))
		rc = -1;
	rc = rc == -1 ? 2 : 0;
out:
	store_close(st);
	free(err);
	free(path);
	return rc;
}
