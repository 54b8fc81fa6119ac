/*
 * test_subs.c - the urls file as the source of truth: the store's feeds
 * follow it (order, titles, tags, hidden), a feed that leaves it leaves
 * every list but the starred one and comes back with its stories, and
 * the retention of gone feeds keeps the starred stories.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "hearsay/feed.h"
#include "hearsay/feedlist.h"
#include "hearsay/store.h"
#include "hearsay/subs.h"
#include "hearsay/util.h"
#include "testlib.h"

#define NOW ((int64_t)1764000000)	/* 2025-11-24 */
#define DAY ((int64_t)86400)

static struct store *
open_store(const char *name)
{
	struct store *st = NULL;
	char *path = xprintf("%s/%s.db", testlib_dir, name), *err = NULL;

	if (store_open(&st, path, STORE_CREATE, &err) == -1)
		fail_msg("store_open: %s", err);
	free(path);
	return st;
}

/* Sync the store with urls-file text; the test fails on an error. */
static void
sync_text(struct store *st, const char *text, int64_t now)
{
	struct feedlist *fl = feedlist_new();
	char *err = NULL;

	feedlist_parse(fl, text, strlen(text), NULL);
	if (subs_sync(st, fl, now, &err) == -1)
		fail_msg("subs_sync: %s", err);
	feedlist_free(fl);
}

struct seen {
	char	 urls[512];
	int64_t	 ids[8];
	int	 hidden[8];
	size_t	 n;
};

static int
collect(const struct store_feed *f, void *arg)
{
	struct seen *s = arg;
	size_t len = strlen(s->urls);

	snprintf(s->urls + len, sizeof s->urls - len, "%s%s|%s",
	    len > 0 ? " " : "", f->url, f->title);
	if (s->n < nitems(s->ids)) {
		s->ids[s->n] = f->id;
		s->hidden[s->n] = f->hidden;
	}
	s->n++;
	return 0;
}

/* The subscribed feeds, "URL|title" in order. */
static struct seen
feeds(struct store *st)
{
	struct seen s;

	memset(&s, 0, sizeof s);
	assert_int_equal(store_feeds_each(st, collect, &s), 0);
	return s;
}

/* Give feed (by URL) two stories, the second starred; returns its id. */
static int64_t
fill(struct store *st, const char *url, const char *key)
{
	struct feed_item items[2];
	struct feed_doc doc;
	char *err = NULL, *id1 = xprintf("%s-1", key), *id2 = xprintf("%s-2", key);
	int64_t feed = 0;
	struct store_story row;
	int n_new = 0;

	assert_int_equal(store_feed_ensure(st, url, NULL, NULL, &feed, &err), 0);
	memset(items, 0, sizeof items);
	memset(&doc, 0, sizeof doc);
	items[0].id = id1;
	items[0].title = (char *)"plain";
	items[1].id = id2;
	items[1].title = (char *)"starred";
	items[0].published = NOW - 2 * DAY;
	items[1].published = NOW - 3 * DAY;
	items[0].updated = items[1].updated = FEED_NO_DATE;
	doc.format = FEED_FORMAT_RSS20;
	doc.updated = FEED_NO_DATE;
	doc.items = items;
	doc.n_items = 2;
	assert_int_equal(store_feed_merge(st, feed, &doc, NOW - DAY, &n_new,
	    &err), 0);
	assert_int_equal(n_new, 2);
	/* Oldest first: the second story is the starred one. */
	assert_int_equal(store_story_rows(st, &(struct store_query){
	    STORE_SCOPE_FEED, feed, 1, 1, NULL }, 0, 1, &row), 1);
	assert_int_equal(store_story_set_starred(st, row.id, 1, &err), 0);
	store_story_clear(&row);
	free(id1);
	free(id2);
	return feed;
}

static int64_t
count(struct store *st, enum store_scope scope, const char *tag)
{
	struct store_query q = { scope, 0, 1, 0, tag };

	return store_story_count(st, &q);
}

/* The store's feeds are the urls file's, in its order, with its titles,
 * tags and hidden flags; an unchanged file changes nothing. */
static void
test_order_and_fields(void **state)
{
	struct store *st = open_store("order");
	struct store_feed f;
	struct seen s;

	(void)state;
	sync_text(st, "https://z.example/rss news \"~Zulu\"\n"
	    "\"--- a separator ---\"\n"
	    "https://a.example/rss \"!\" tech\n"
	    "https://m.example/rss tech \"~Mike\"\n", NOW);
	s = feeds(st);
	assert_string_equal(s.urls, "https://z.example/rss|Zulu "
	    "https://a.example/rss|https://a.example/rss "
	    "https://m.example/rss|Mike");
	assert_int_equal(s.hidden[1], 1);
	assert_int_equal(s.hidden[0] + s.hidden[2], 0);
	assert_int_equal(store_feed_get(st, s.ids[1], &f), 0);
	assert_string_equal(f.tags, "! tech");
	assert_int_equal(f.position, 1);
	assert_int_equal(f.gone_since, 0);
	store_feed_clear(&f);
	/* Reordered, a title dropped: the store follows. */
	sync_text(st, "https://m.example/rss tech\n"
	    "https://z.example/rss news \"~Zulu\"\n"
	    "https://a.example/rss tech\n", NOW + 1);
	s = feeds(st);
	assert_string_equal(s.urls, "https://m.example/rss|https://m.example/rss "
	    "https://z.example/rss|Zulu https://a.example/rss|https://a.example/rss");
	assert_int_equal(s.hidden[2], 0);
	store_close(st);
}

/* A feed that leaves the urls file leaves the lists and the counts but
 * for its starred story, and comes back with every story it had. */
static void
test_gone_and_back(void **state)
{
	static const char both[] = "https://one.example/rss red\n"
	    "https://two.example/rss blue\n";
	struct store *st = open_store("gone");
	int64_t one, two, *ids = NULL;
	struct store_feed f;
	struct seen s;
	size_t n_ids = 0;
	char *err = NULL;

	(void)state;
	sync_text(st, both, NOW - DAY);
	one = fill(st, "https://one.example/rss", "one");
	two = fill(st, "https://two.example/rss", "two");
	assert_int_equal(count(st, STORE_SCOPE_UNREAD, NULL), 4);
	assert_int_equal(count(st, STORE_SCOPE_UNREAD, "blue"), 2);
	assert_int_equal(count(st, STORE_SCOPE_ALL, "red"), 2);
	assert_int_equal(count(st, STORE_SCOPE_UNREAD, "green"), 0);
	assert_int_equal(count(st, STORE_SCOPE_STARRED, NULL), 2);

	/* Commented out: gone from the feed list and every list across
	 * feeds, the starred view aside. */
	sync_text(st, "# https://one.example/rss red\n"
	    "https://two.example/rss blue\n", NOW);
	s = feeds(st);
	assert_string_equal(s.urls, "https://two.example/rss|https://two.example/rss");
	assert_int_equal(count(st, STORE_SCOPE_UNREAD, NULL), 2);
	assert_int_equal(count(st, STORE_SCOPE_ALL, NULL), 2);
	assert_int_equal(count(st, STORE_SCOPE_UNREAD, "red"), 0);
	assert_int_equal(count(st, STORE_SCOPE_STARRED, NULL), 2);
	assert_int_equal(store_feed_get(st, one, &f), 0);
	assert_int_equal(f.gone_since, NOW);
	assert_int_equal(f.position, -1);
	store_feed_clear(&f);
	/* Marking everything read leaves the gone feed's stories alone. */
	assert_int_equal(store_mark_all_read(st, 0, &ids, &n_ids, &err), 0);
	assert_int_equal(n_ids, 2);
	free(ids);

	/* Back: with the stories it kept, unread as they were. */
	sync_text(st, both, NOW + DAY);
	s = feeds(st);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.ids[0], one);
	assert_int_equal(s.ids[1], two);
	assert_int_equal(count(st, STORE_SCOPE_UNREAD, NULL), 2);
	assert_int_equal(count(st, STORE_SCOPE_ALL, "red"), 2);
	store_close(st);
}

/* Retention: a feed gone for longer than the age limit loses its stories
 * but the starred one; a feed with none left goes; none goes before. */
static void
test_prune_gone(void **state)
{
	struct store *st = open_store("prune");
	struct store_story row;
	struct store_feed f;
	int64_t one, two;
	char *err = NULL;
	int n = -1;

	(void)state;
	sync_text(st, "https://one.example/rss\nhttps://two.example/rss\n",
	    NOW - 10 * DAY);
	one = fill(st, "https://one.example/rss", "one");
	two = fill(st, "https://two.example/rss", "two");
	sync_text(st, "https://two.example/rss\n", NOW - 5 * DAY);
	/* Gone five days: a limit of 0 (for ever) or 7 days keeps all. */
	assert_int_equal(store_prune_gone(st, 0, NOW, &n, &err), 0);
	assert_int_equal(n, 0);
	assert_int_equal(store_prune_gone(st, 7 * DAY, NOW, &n, &err), 0);
	assert_int_equal(n, 0);
	assert_int_equal(count(st, STORE_SCOPE_STARRED, NULL), 2);
	/* Past 3 days: the plain story goes, the starred one stays, and so
	 * does its feed (the starred view names it). */
	assert_int_equal(store_prune_gone(st, 3 * DAY, NOW, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(count(st, STORE_SCOPE_STARRED, NULL), 2);
	assert_int_equal(count(st, STORE_SCOPE_UNREAD, NULL), 2);
	assert_int_equal(store_feed_get(st, one, &f), 0);
	assert_int_equal(f.n_total, 1);
	store_feed_clear(&f);
	assert_int_equal(store_feed_get(st, two, &f), 0);
	assert_int_equal(f.n_total, 2);
	store_feed_clear(&f);
	/* Unstarred, its last story goes with the next prune, and the feed
	 * with it. */
	assert_int_equal(store_story_rows(st, &(struct store_query){
	    STORE_SCOPE_FEED, one, 1, 0, NULL }, 0, 1, &row), 1);
	assert_int_equal(store_story_set_starred(st, row.id, 0, &err), 0);
	store_story_clear(&row);
	assert_int_equal(store_prune_gone(st, 3 * DAY, NOW, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(store_feed_get(st, one, &f), -1);
	assert_int_equal(store_feed_get(st, two, &f), 0);
	store_feed_clear(&f);
	/* The search index lost the pruned stories too. */
	if (store_check(st, &err) == -1)
		fail_msg("store_check: %s", err);
	store_close(st);
}

/* PRAGMA data_version of the store as another connection sees it. */
static int
data_version(sqlite3 *db)
{
	sqlite3_stmt *s;
	int v = -1;

	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA data_version", -1, &s,
	    NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* Syncing an unchanged urls file writes nothing: an open reader (which
 * watches data_version) is not made to reload for it. */
static void
test_unchanged_writes_nothing(void **state)
{
	static const char urls[] = "https://one.example/rss a \"~One\"\n"
	    "https://two.example/rss \"!\"\n";
	struct store *st = open_store("quiet");
	char *path = xprintf("%s/quiet.db", testlib_dir);
	sqlite3 *other;
	int v;

	(void)state;
	sync_text(st, urls, NOW);
	assert_int_equal(sqlite3_open_v2(path, &other, SQLITE_OPEN_READONLY,
	    NULL), SQLITE_OK);
	v = data_version(other);
	sync_text(st, urls, NOW + 1);
	assert_int_equal(data_version(other), v);
	sync_text(st, "https://one.example/rss a\n", NOW + 2);
	assert_int_not_equal(data_version(other), v);
	sqlite3_close(other);
	store_close(st);
	free(path);
}

/* Notes kept between runs. */
static void
test_notes(void **state)
{
	struct store *st = open_store("notes");
	char *v = NULL, *err = NULL;

	(void)state;
	assert_int_equal(store_note_get(st, "k", &v), 0);
	assert_null(v);
	assert_int_equal(store_note_put(st, "k", "one", &err), 0);
	assert_int_equal(store_note_put(st, "k", "two", &err), 0);
	assert_int_equal(store_note_get(st, "k", &v), 0);
	assert_string_equal(v, "two");
	free(v);
	store_close(st);
}

/* A missing urls file is told from an empty one. */
static void
test_load_missing(void **state)
{
	char *path = xprintf("%s/no-such-urls", testlib_dir), *err = NULL;
	struct feedlist *fl = NULL;
	FILE *fp;

	(void)state;
	assert_int_equal(subs_load(path, &fl, NULL, &err), 0);
	assert_int_equal(feedlist_count(fl), 0);
	feedlist_free(fl);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("# nothing yet\n", fp);
	fclose(fp);
	assert_int_equal(subs_load(path, &fl, NULL, &err), 1);
	feedlist_free(fl);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order_and_fields),
		cmocka_unit_test(test_gone_and_back),
		cmocka_unit_test(test_prune_gone),
		cmocka_unit_test(test_unchanged_writes_nothing),
		cmocka_unit_test(test_notes),
		cmocka_unit_test(test_load_missing),
	};

	return cmocka_run_group_tests(tests, testlib_dir_setup,
	    testlib_dir_teardown);
}
