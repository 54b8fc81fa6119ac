/*
 * newsboat_cache.c - reading newsboat's cache.db: its feeds and stories,
 * with their read state and flags, for `hearsay import-newsboat`.
 *
 * Must never write the cache nor make a file beside it: it is opened
 * read-only through SQLite's URI form (mode=ro), and a cache another
 * newsboat holds locked is reported, not waited for long.  The schema read
 * is newsboat's own (rss_feed, rss_item), stable since newsbeuter.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "hearsay/buf.h"
#include "hearsay/newsboat.h"
#include "hearsay/util.h"

/* How long a lock held by a running newsboat is waited for: it writes in
 * short transactions, so a longer wait means it is stuck in one. */
#define NEWSBOAT_BUSY_MS 5000

struct newsboat_cache {
	sqlite3	*db;
	char	*path;
};

/* Every story, grouped by feed (by URL, then by newsboat's order). */
static const char newsboat_sql[] =
	"SELECT i.feedurl, f.url, f.title, i.guid, i.title, i.author, i.url,"
	" i.content, i.enclosure_url, i.enclosure_type, i.flags, i.pubDate,"
	" i.unread, i.deleted"
	" FROM rss_item i LEFT JOIN rss_feed f ON f.rssurl = i.feedurl"
	" ORDER BY i.feedurl, i.id";

/* "PATH is locked ..." or "PATH: why" for the connection's last error, in
 * *err; returns -1. */
static int
newsboat_error(struct newsboat_cache *c, char **err, const char *what)
{
	int code = sqlite3_extended_errcode(c->db) & 0xff;

	if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
		return error_set(err, "%s is locked by another program (is "
		    "newsboat running? quit it and try again)", c->path);
	if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
		return error_set(err, "%s is not an SQLite database",
		    c->path);
	return error_set(err, "%s: %s: %s", c->path, what,
	    sqlite3_errmsg(c->db));
}

/* A URI naming path for SQLite, its special characters escaped. */
static char *
newsboat_uri(const char *path)
{
	struct buf b;
	const char *p;

	buf_init(&b, 0);
	buf_addstr(&b, "file:");
	for (p = path; *p != '\0'; p++) {
		if (*p == '%' || *p == '?' || *p == '#')
			buf_printf(&b, "%%%02X", (unsigned char)*p);
		else
			buf_addc(&b, *p);
	}
	buf_addstr(&b, "?mode=ro");
	return buf_detach(&b);
}

int
newsboat_cache_open(struct newsboat_cache **out, const char *path,
    char **err)
{
	struct newsboat_cache *c = xcalloc(1, sizeof *c);
	char *uri = newsboat_uri(path);
	sqlite3_stmt *s = NULL;
	int rc;

	*out = NULL;
	c->path = xstrdup(path);
	rc = sqlite3_open_v2(uri, &c->db, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_URI, NULL);
	free(uri);
	if (rc != SQLITE_OK) {
		error_set(err, "cannot open %s: %s", path, c->db != NULL ?
		    sqlite3_errmsg(c->db) : "out of memory");
		goto fail;
	}
	sqlite3_busy_timeout(c->db, NEWSBOAT_BUSY_MS);
	/* newsboat's tables, or it is someone else's database. */
	rc = sqlite3_prepare_v2(c->db, newsboat_sql, -1, &s, NULL);
	if (rc != SQLITE_OK) {
		if ((sqlite3_errcode(c->db) & 0xff) == SQLITE_ERROR)
			error_set(err, "%s is not newsboat's cache (no "
			    "rss_item and rss_feed tables)", path);
		else
			newsboat_error(c, err, "cannot read it");
		goto fail;
	}
	sqlite3_finalize(s);
	*out = c;
	return 0;
fail:
	sqlite3_finalize(s);
	newsboat_cache_close(c);
	return -1;
}

void
newsboat_cache_close(struct newsboat_cache *c)
{
	if (c == NULL)
		return;
	sqlite3_close(c->db);
	free(c->path);
	free(c);
}

/* Column i as a new string ("" for NULL: newsboat's columns are NOT NULL
 * but for the enclosure's). */
static char *
newsboat_col(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return xstrdup(t != NULL ? (const char *)t : "");
}

/* Free the feed's strings and stories, leaving it empty. */
static void
newsboat_feed_clear(struct newsboat_feed *f)
{
	size_t i;
	struct newsboat_story *st;

	for (i = 0; i < f->n_stories; i++) {
		st = &f->stories[i];
		free(st->guid);
		free(st->title);
		free(st->author);
		free(st->link);
		free(st->content);
		free(st->enclosure_url);
		free(st->enclosure_type);
		free(st->flags);
	}
	free(f->stories);
	free(f->url);
	free(f->site);
	free(f->title);
	memset(f, 0, sizeof *f);
}

/* Append the row's story to f (which is the row's feed). */
static void
newsboat_add_story(struct newsboat_feed *f, sqlite3_stmt *s)
{
	struct newsboat_story *st;

	f->stories = xreallocarray(f->stories, f->n_stories + 1,
	    sizeof *f->stories);
	st = &f->stories[f->n_stories++];
	st->guid = newsboat_col(s, 3);
	st->title = newsboat_col(s, 4);
	st->author = newsboat_col(s, 5);
	st->link = newsboat_col(s, 6);
	st->content = newsboat_col(s, 7);
	st->enclosure_url = newsboat_col(s, 8);
	st->enclosure_type = newsboat_col(s, 9);
	st->flags = newsboat_col(s, 10);
	st->pub_date = sqlite3_column_int64(s, 11);
	st->unread = sqlite3_column_int(s, 12) != 0;
	st->deleted = sqlite3_column_int(s, 13) != 0;
}

/* Start f as the row's feed. */
static void
newsboat_start_feed(struct newsboat_feed *f, sqlite3_stmt *s)
{
	f->url = newsboat_col(s, 0);
	if (sqlite3_column_type(s, 2) != SQLITE_NULL) {
		f->site = newsboat_col(s, 1);
		f->title = newsboat_col(s, 2);
	}
}

int
newsboat_cache_each(struct newsboat_cache *c,
    int (*fn)(const struct newsboat_feed *f, void *arg), void *arg,
    char **err)
{
	struct newsboat_feed f = { 0 };
	sqlite3_stmt *s = NULL;
	const char *url;
	int rc = SQLITE_DONE, stop = 0;

	/* One read transaction: the feeds as they were at one moment, even
	 * with newsboat reloading meanwhile. */
	if (sqlite3_exec(c->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(c->db, newsboat_sql, -1, &s, NULL) != SQLITE_OK)
		return newsboat_error(c, err, "cannot read it");
	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		url = (const char *)sqlite3_column_text(s, 0);
		if (url == NULL)
			continue;
		if (f.url != NULL && strcmp(f.url, url) != 0) {
			stop = fn(&f, arg);
			newsboat_feed_clear(&f);
		}
		if (!stop && f.url == NULL)
			newsboat_start_feed(&f, s);
		if (!stop)
			newsboat_add_story(&f, s);
	}
	if (!stop && rc != SQLITE_DONE) {
		newsboat_error(c, err, "cannot read it");
		stop = -1;
	} else if (!stop && f.url != NULL)
		stop = fn(&f, arg);
	newsboat_feed_clear(&f);
	sqlite3_finalize(s);
	sqlite3_exec(c->db, "COMMIT", NULL, NULL, NULL);
	return stop;
}

const char *
newsboat_story_guid(const struct newsboat_story *s)
{
	size_t n = strlen(s->link);

	/* newsboat's rss_parser: no guid gives link + pubDate as written,
	 * or the link alone when there is no date either; but a guid equal
	 * to the link is common in real feeds (Atom ids, permalinks), so
	 * only the longer form is taken for made up. */
	if (n > 0 && strncmp(s->guid, s->link, n) == 0 && s->guid[n] != '\0')
		return NULL;
	if (s->guid[0] == '\0')
		return NULL;
	return s->guid;
}
