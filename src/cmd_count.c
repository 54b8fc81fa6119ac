/*
 * cmd_count.c - `hearsay count [--feed FEED] [--tag TAG] [--format FMT]`:
 * the number of unread stories, for status bars and prompts (tmux's
 * status-right, a shell prompt) that run it every few seconds.
 *
 * The front end (src/front.c) runs it in its own process with SQLite
 * alone (cmd_count_quick); hearsay-core runs the same command through
 * store_open when the quick way cannot (cmd_count), so both print the
 * same.  It counts the store as the last refresh, reader, add or remove
 * left its subscriptions; it writes nothing.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "hearsay/store.h"
#include "hearsay/text.h"
#include "hearsay/util.h"

/* Say a store's message (it names a path, which may hold anything). */
static void
count_error(char *err)
{
	char *msg = text_clean(err, 0);

	fprintf(stderr, "hearsay: %s\n", msg);
	free(msg);
	free(err);
}

int
cmd_count(int argc, char **argv, const struct cmd_globals *g)
{
	struct cmd_count_args a;
	struct store_count_query q;
	struct store_counts c;
	struct store *st;
	char *path, *err = NULL;
	int rc;

	if ((rc = cmd_count_args(argc, argv, &a, 0)) != 0)
		return rc;
	q.feed = a.feed;
	q.tag = a.tag;
	cmd_paths(g, NULL, &path);
	if (store_open(&st, path, STORE_READ_ANYWAY, &err) == -1) {
		count_error(err);
		free(path);
		return 2;
	}
	free(path);
	rc = store_count(st, &q, &c, &err);
	store_close(st);
	if (rc == -1) {
		count_error(err);
		return 2;
	}
	return cmd_count_report(&a, &c);
}
