/*
 * cmd_subs.c - `hearsay add URL [TAG...]` and `hearsay remove URL`: one
 * feed into or out of the urls file, for people who would rather not
 * open an editor.
 *
 * The urls file is the source of truth: these commands write it (once,
 * atomically; every other line stays byte for byte) and then bring an
 * existing store in line, so that an open reader shows the change.  They
 * never create a store, never run a command named in the file, and never
 * print a byte of it without text_clean().  With `source ttrss` in the
 * config the feed server holds the subscriptions: they subscribe and
 * unsubscribe there (cmd_sync.c), and the urls file is not touched.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd.h"
#include "hearsay/feedlist.h"
#include "hearsay/paths.h"
#include "hearsay/store.h"
#include "hearsay/subs.h"
#include "hearsay/text.h"
#include "hearsay/util.h"

/* Print "hearsay: " and the message, its %s parts cleaned by the caller;
 * returns status. */
static int __attribute__((format(printf, 2, 3)))
cmd_subs_say(int status, const char *fmt, ...)
{
	va_list ap;
	char *msg, *clean;

	va_start(ap, fmt);
	msg = xvprintf(fmt, ap);
	va_end(ap);
	clean = text_clean(msg, 0);
	fprintf(stderr, "hearsay: %s\n", clean);
	free(clean);
	free(msg);
	return status;
}

/* Print the message, cleaned, and a newline to stdout. */
static void __attribute__((format(printf, 1, 2)))
cmd_subs_print(const char *fmt, ...)
{
	va_list ap;
	char *msg, *clean;

	va_start(ap, fmt);
	msg = xvprintf(fmt, ap);
	va_end(ap);
	clean = text_clean(msg, 0);
	printf("%s\n", clean);
	free(clean);
	free(msg);
}

/* Load the urls file for a change, said when it cannot be read or may
 * not be written (*status then 1 or 2).  NULL on error. */
static struct feedlist *
cmd_subs_load(const char *urls, int *status)
{
	struct feedlist *fl = NULL;
	char *err = NULL, *why;

	/* Saved by a rename, a read-only urls file would be replaced. */
	if ((why = paths_unwritable(urls)) != NULL) {
		*status = cmd_subs_say(2, "%s: nothing changed", why);
		free(why);
		return NULL;
	}
	if (subs_load(urls, &fl, NULL, &err) == -1) {
		*status = cmd_subs_say(1, "%s", err);
		free(err);
		return NULL;
	}
	return fl;
}

/* Save the changed list, then make it the subscriptions of the store, if
 * there is one (an open reader then shows the change).  0, or the exit
 * status after the message. */
static int
cmd_subs_save(const struct feedlist *fl, const char *urls,
    const struct cmd_globals *g)
{
	struct store *st = NULL;
	char *db, *err = NULL;
	int rc = 0;

	if (paths_mkparent(urls, &err) == -1 ||
	    feedlist_save(fl, urls, &err) == -1) {
		rc = cmd_subs_say(2, "%s", err);
		free(err);
		return rc;
	}
	cmd_paths(g, NULL, &db);
	/* No store yet: the first refresh makes it.  One that cannot take
	 * the change now takes it at the next refresh or reader. */
	if (store_open(&st, db, 0, &err) == 0 &&
	    subs_sync(st, fl, (int64_t)time(NULL), &err) == -1)
		cmd_subs_say(0, "%s: the store follows at the next refresh: %s",
		    db, err != NULL ? err : "failed");
	store_close(st);
	free(err);
	free(db);
	return 0;
}

/* With a feed server as the source, subscribe there (or unsubscribe:
 * remove); tags are the server's categories, set there.  The exit
 * status, or -1 when the urls file is the source. */
static int
cmd_subs_server(const struct cmd_globals *g, const char *url, int tags,
    int remove)
{
	struct cmd_sync cs;
	int rc = -1;

	if (cmd_sync_load(g, &cs) == -1)
		return 2;
	if (cs.on && tags)
		rc = cmd_subs_say(2, "with source ttrss a feed's tags are its "
		    "category on the server: add it without tags, and set its "
		    "category there");
	else if (cs.on)
		rc = cmd_sync_change(&cs, url, remove);
	cmd_sync_clear(&cs);
	return rc;
}

int
cmd_add(int argc, char **argv, const struct cmd_globals *g)
{
	const struct feedlist_entry *e;
	struct feedlist *fl;
	char *urls;
	int rc = 1;

	if (argc < 2 || argv[1][0] == '-') {
		fprintf(stderr, "usage: hearsay add URL [TAG...]\n");
		return 2;
	}
	if (!feedlist_url_ok(argv[1]))
		return cmd_subs_say(2, "not a feed URL (http://, https:// or "
		    "file:// and no spaces): %s", argv[1]);
	if ((rc = cmd_subs_server(g, argv[1], argc > 2, 0)) != -1)
		return rc;
	cmd_paths(g, &urls, NULL);
	if ((fl = cmd_subs_load(urls, &rc)) == NULL)
		goto out;
	if ((e = feedlist_find(fl, argv[1])) != NULL) {
		rc = cmd_subs_say(1, "%s is in %s already (line %d)", argv[1],
		    urls, e->line);
		goto out;
	}
	feedlist_add(fl, argv[1], NULL, (const char *const *)argv + 2,
	    (size_t)argc - 2);
	e = feedlist_find(fl, argv[1]);
	if ((rc = cmd_subs_save(fl, urls, g)) == 0)
		cmd_subs_print("added to %s: %s%s", urls, argv[1],
		    e->hidden ? " (hidden from the feed list: a tag starts "
		    "with !)" : "");
out:
	feedlist_free(fl);
	free(urls);
	return rc;
}

int
cmd_remove(int argc, char **argv, const struct cmd_globals *g)
{
	struct feedlist *fl;
	char *urls;
	int rc = 1;

	if (argc != 2 || argv[1][0] == '-') {
		fprintf(stderr, "usage: hearsay remove URL\n");
		return 2;
	}
	if ((rc = cmd_subs_server(g, argv[1], 0, 1)) != -1)
		return rc;
	cmd_paths(g, &urls, NULL);
	if ((fl = cmd_subs_load(urls, &rc)) == NULL)
		goto out;
	if (feedlist_remove(fl, argv[1]) == -1) {
		rc = cmd_subs_say(1, "%s is not in %s", argv[1], urls);
		goto out;
	}
	if ((rc = cmd_subs_save(fl, urls, g)) == 0)
		cmd_subs_print("removed from %s: %s (its starred stories stay)",
		    urls, argv[1]);
out:
	feedlist_free(fl);
	free(urls);
	return rc;
}
