/*
 * test_store_sync.c - the store's side of a feed server (store_sync.c) on
 * real files: marks made through the store's own calls (a flag, mark-all,
 * a plain UPDATE) are queued in order in their transaction, the server's
 * state is neither queued nor allowed over a queued mark, a step rolled
 * back leaves nothing, the queue outlives the handle, one account per
 * store, the feeds the server dropped go, and a store of each older
 * schema takes the sync's tables.
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
#include "hearsay/store.h"
#include "hearsay/util.h"
#include "store_int.h"
#include "testlib.h"

#define NOW ((int64_t)1764000000)

struct fixture {
	char	*dir;
	char	*path;
	struct store *st;
	int64_t	 feed;		/* ours, the server's 70 */
};

/* Stories 1..n of a feed, merged as a sync merges them ("ttrss:ID"
 * guids) and given the server's ids 100+i. */
static void
put_stories(struct fixture *fx, int n)
{
	struct feed_doc doc;
	char *err = NULL, *key;
	int i, n_new = 0;

	memset(&doc, 0, sizeof doc);
	doc.items = xcalloc((size_t)n, sizeof *doc.items);
	for (i = 0; i < n; i++) {
		doc.items[i].id = xprintf("ttrss:%d", 101 + i);
		doc.items[i].title = xprintf("story %d", i + 1);
		doc.items[i].published = NOW - i;
		doc.items[i].updated = FEED_NO_DATE;
	}
	doc.n_items = (size_t)n;
	assert_int_equal(store_sync_begin(fx->st, &err), 0);
	assert_int_equal(store_feed_merge(fx->st, fx->feed, &doc, NOW, &n_new,
	    &err), 0);
	assert_int_equal(n_new, n);
	for (i = 0; i < n; i++) {
		key = xprintf("g:ttrss:%d", 101 + i);
		assert_int_equal(store_sync_story(fx->st, fx->feed, key, 101 + i,
		    &err), 0);
		free(key);
	}
	assert_int_equal(store_sync_commit(fx->st, &err), 0);
	for (i = 0; i < n; i++) {
		free(doc.items[i].id);
		free(doc.items[i].title);
	}
	free(doc.items);
}

static int
setup(void **state)
{
	struct fixture *fx = xcalloc(1, sizeof *fx);
	struct store_sync_cursor c;
	char *err = NULL;

	fx->dir = testlib_tmpdir("store-sync");
	if (fx->dir == NULL)
		return -1;
	fx->path = xprintf("%s/hearsay.db", fx->dir);
	if (store_open(&fx->st, fx->path, STORE_CREATE, &err) == -1 ||
	    store_sync_account(fx->st, "reader@http://server.test", &c,
	    &err) == -1 || store_sync_begin(fx->st, &err) == -1 ||
	    store_sync_feed(fx->st, 70, "http://example.org/feed", "Feed",
	    "news", &fx->feed, &err) == -1 || store_sync_commit(fx->st,
	    &err) == -1) {
		fprintf(stderr, "setup: %s\n", err);
		return -1;
	}
	put_stories(fx, 3);
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *fx = *state;

	store_close(fx->st);
	testlib_rmtree(fx->dir);
	free(fx->dir);
	free(fx->path);
	free(fx);
	return 0;
}

/* Our id of the server's story. */
static int64_t
story(struct fixture *fx, int64_t remote)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	int64_t id = 0;

	assert_int_equal(sqlite3_open(fx->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT id FROM stories WHERE"
	    " remote_id = ?", -1, &s, NULL), SQLITE_OK);
	sqlite3_bind_int64(s, 1, remote);
	if (sqlite3_step(s) == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return id;
}

/* The queue as "remote:field:value" words, oldest first. */
static char *
queue(struct fixture *fx)
{
	struct store_sync_mark rows[64];
	char *out = xstrdup(""), *next;
	int n, i;

	n = store_sync_queue(fx->st, 64, rows);
	assert_true(n >= 0);
	for (i = 0; i < n; i++) {
		next = xprintf("%s%s%lld:%d:%d", out, i > 0 ? " " : "",
		    (long long)rows[i].remote_id, rows[i].field, rows[i].value);
		free(out);
		out = next;
	}
	return out;
}

#define assert_queue(fx, want) do {					\
	char *q_ = queue(fx);						\
	assert_string_equal(q_, want);					\
	free(q_);							\
} while (0)

/* A flag of one story: read, or starred. */
static int
flag(struct fixture *fx, int64_t remote, int starred)
{
	struct store_story s;
	int v;

	assert_int_equal(store_story_get(fx->st, story(fx, remote), &s, NULL), 0);
	v = starred ? s.starred : s.read;
	store_story_clear(&s);
	return v;
}

/* Run sql on the file at path with a connection of its own. */
static void
raw_exec(const char *path, const char *sql)
{
	sqlite3 *db;
	char *msg = NULL;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
	sqlite3_close(db);
}

/* The first column of the first row of sql on the file at path. */
static int64_t
raw_int(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	int64_t v = -1;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

static void
test_marks_are_queued_in_order(void **state)
{
	struct fixture *fx = *state;
	int64_t *ids = NULL;
	size_t n = 0;
	char *err = NULL;

	assert_queue(fx, "");
	assert_int_equal(store_story_set_read(fx->st, story(fx, 102), 1, &err), 0);
	assert_int_equal(store_story_set_starred(fx->st, story(fx, 101), 1,
	    &err), 0);
	/* Setting what is set already is no mark. */
	assert_int_equal(store_story_set_read(fx->st, story(fx, 102), 1, &err), 0);
	assert_int_equal(store_mark_all_read(fx->st, fx->feed, &ids, &n, &err), 0);
	assert_int_equal(n, 2);
	free(ids);
	assert_int_equal(store_story_set_read(fx->st, story(fx, 102), 0, &err), 0);
	/* The API's fields: 2 unread (value 1: unread), 0 starred. */
	assert_queue(fx, "102:2:0 101:0:1 101:2:0 103:2:0 102:2:1");
	assert_int_equal(store_sync_queue_count(fx->st), 5);
}

static void
test_queue_outlives_the_handle(void **state)
{
	struct fixture *fx = *state;
	struct store_sync_mark rows[8];
	char *err = NULL;

	assert_int_equal(store_story_set_read(fx->st, story(fx, 101), 1, &err), 0);
	assert_int_equal(store_story_set_read(fx->st, story(fx, 103), 1, &err), 0);
	store_close(fx->st);
	assert_int_equal(store_open(&fx->st, fx->path, 0, &err), 0);
	assert_queue(fx, "101:2:0 103:2:0");
	/* The server took the first: only the second waits. */
	assert_int_equal(store_sync_queue(fx->st, 8, rows), 2);
	assert_int_equal(store_sync_queue_done(fx->st, rows[0].seq, &err), 0);
	assert_queue(fx, "103:2:0");
}

static void
test_server_state_is_not_queued(void **state)
{
	struct fixture *fx = *state;
	char *err = NULL;

	assert_int_equal(store_sync_begin(fx->st, &err), 0);
	assert_int_equal(store_sync_state(fx->st, 101, 0, 1, &err), 0);
	assert_int_equal(store_sync_commit(fx->st, &err), 0);
	assert_int_equal(flag(fx, 101, 0), 1);
	assert_int_equal(flag(fx, 101, 1), 1);
	assert_queue(fx, "");
	/* The step over, a mark made here is queued again. */
	assert_int_equal(store_story_set_read(fx->st, story(fx, 101), 0, &err), 0);
	assert_queue(fx, "101:2:1");
}

static void
test_queued_mark_wins(void **state)
{
	struct fixture *fx = *state;
	int64_t ids[] = { 101, 102, 103 };
	char *err = NULL;
	int changed = -1;

	assert_int_equal(store_story_set_read(fx->st, story(fx, 102), 1, &err), 0);
	/* The server says every story is unread and 102 starred: 102 stays
	 * read (its mark waits), its star comes. */
	assert_int_equal(store_sync_begin(fx->st, &err), 0);
	assert_int_equal(store_sync_state(fx->st, 102, 1, 1, &err), 0);
	assert_int_equal(store_sync_feed_state(fx->st, 70, 0, ids, 3, &changed,
	    &err), 0);
	assert_int_equal(store_sync_commit(fx->st, &err), 0);
	assert_int_equal(changed, 0);
	assert_int_equal(flag(fx, 102, 0), 1);
	assert_int_equal(flag(fx, 102, 1), 1);
	assert_queue(fx, "102:2:0");
}

static void
test_feed_state(void **state)
{
	struct fixture *fx = *state;
	int64_t unread[] = { 103 }, starred[] = { 101, 103 };
	char *err = NULL;
	int changed = 0;

	assert_int_equal(store_sync_begin(fx->st, &err), 0);
	assert_int_equal(store_sync_feed_state(fx->st, 70, 0, unread, 1,
	    &changed, &err), 0);
	assert_int_equal(changed, 2);
	assert_int_equal(store_sync_feed_state(fx->st, 70, 1, starred, 2,
	    &changed, &err), 0);
	assert_int_equal(changed, 2);
	assert_int_equal(store_sync_commit(fx->st, &err), 0);
	assert_int_equal(flag(fx, 101, 0) * 100 + flag(fx, 102, 0) * 10 +
	    flag(fx, 103, 0), 110);
	assert_int_equal(flag(fx, 101, 1) * 100 + flag(fx, 102, 1) * 10 +
	    flag(fx, 103, 1), 101);
	assert_queue(fx, "");
}

static void
test_rollback_leaves_nothing(void **state)
{
	struct fixture *fx = *state;
	char *err = NULL;

	assert_int_equal(store_sync_begin(fx->st, &err), 0);
	assert_int_equal(store_sync_state(fx->st, 101, 0, 1, &err), 0);
	store_sync_rollback(fx->st);
	assert_int_equal(flag(fx, 101, 0), 0);
	assert_int_equal(flag(fx, 101, 1), 0);
	/* applying went with the rollback: marks are queued. */
	assert_int_equal(store_story_set_starred(fx->st, story(fx, 103), 1,
	    &err), 0);
	assert_queue(fx, "103:0:1");
}

static void
test_one_account(void **state)
{
	struct fixture *fx = *state;
	struct store_sync_cursor c;
	char *err = NULL;

	assert_int_equal(store_sync_account(fx->st, "reader@http://server.test",
	    &c, &err), 0);
	assert_int_equal(c.since_id, 0);
	assert_int_equal(store_sync_account(fx->st, "other@http://server.test",
	    &c, &err), -1);
	assert_non_null(strstr(err, "syncs with reader@http://server.test, "
	    "not other@http://server.test"));
	free(err);
}

static void
test_cursor_and_feeds_gone(void **state)
{
	struct fixture *fx = *state;
	struct store_sync_cursor c = { 180, 200, 390, NOW };
	int64_t keep[] = { 71 }, other;
	char *err = NULL;
	int gone = -1;

	assert_int_equal(store_sync_begin(fx->st, &err), 0);
	assert_int_equal(store_sync_cursor_put(fx->st, &c, &err), 0);
	assert_int_equal(store_sync_feed(fx->st, 71, "http://example.org/two",
	    "Two", "", &other, &err), 0);
	assert_int_equal(store_sync_feeds_keep(fx->st, keep, 1, NOW, &gone,
	    &err), 0);
	assert_int_equal(store_sync_commit(fx->st, &err), 0);
	assert_int_equal(gone, 1);
	/* Gone as from the urls file: kept, out of the lists, and not
	 * gone again at the next sync; its starred story outlives
	 * keep-days, the others do not. */
	assert_int_not_equal(story(fx, 101), 0);
	assert_int_equal(raw_int(fx->path, "SELECT gone_since FROM feeds"
	    " WHERE remote_id = 70"), NOW);
	assert_int_equal(store_sync_begin(fx->st, &err), 0);
	assert_int_equal(store_sync_feeds_keep(fx->st, keep, 1, NOW + 1, &gone,
	    &err), 0);
	assert_int_equal(store_sync_commit(fx->st, &err), 0);
	assert_int_equal(gone, 0);
	raw_exec(fx->path, "UPDATE stories SET starred = 1 WHERE remote_id = 102");
	assert_int_equal(store_prune_gone(fx->st, 3600, NOW + 3600, &gone, &err),
	    0);
	assert_int_equal(gone, 2);
	assert_int_equal(story(fx, 101), 0);
	assert_int_not_equal(story(fx, 102), 0);
	memset(&c, 0, sizeof c);
	assert_int_equal(store_sync_account(fx->st, "reader@http://server.test",
	    &c, &err), 0);
	assert_int_equal(c.since_id, 180);
	assert_int_equal(c.pass_skip, 200);
	assert_int_equal(c.pass_max, 390);
	assert_int_equal(store_check(fx->st, &err), 0);
}

/* A store made at each older version takes the sync's tables: the
 * account, a feed of its own adopted by the server (back from gone, its
 * place and hidden flag kept) and a mark queued.  The store of version 7
 * (the urls file's columns and notes) keeps what it held. */
static void
test_migrate_each_version(void **state)
{
	struct fixture *fx = *state;
	struct store_sync_cursor c;
	struct store *st = NULL;
	struct feed_item it;
	struct feed_doc doc;
	char *path, *err = NULL;
	int64_t feed;
	int v, n_new;

	memset(&it, 0, sizeof it);
	it.id = "ttrss:9";
	it.title = "nine";
	it.published = NOW;
	it.updated = FEED_NO_DATE;
	memset(&doc, 0, sizeof doc);
	doc.items = &it;
	doc.n_items = 1;
	for (v = 1; v < STORE_SCHEMA_VERSION; v++) {
		path = xprintf("%s/v%d.db", fx->dir, v);
		if (store_open_version(&st, path, STORE_CREATE, v, &err) == -1)
			fail_msg("store_open_version %d: %s", v, err);
		store_close(st);
		st = NULL;
		raw_exec(path, "INSERT INTO feeds (id, url) VALUES (5,"
		    " 'http://example.org/old')");
		if (v >= 7)
			raw_exec(path, "UPDATE feeds SET position = 3, hidden = 1,"
			    " gone_since = 100 WHERE id = 5;"
			    "INSERT INTO notes (key, value) VALUES ('k', 'kept')");
		if (store_open(&st, path, 0, &err) == -1)
			fail_msg("store_open of version %d: %s", v, err);
		assert_int_equal(raw_int(path, "PRAGMA user_version"),
		    STORE_SCHEMA_VERSION);
		assert_int_equal(raw_int(path, "SELECT count(*) FROM sqlite_master"
		    " WHERE name IN ('sync_account', 'sync_queue',"
		    " 'stories_sync_read', 'stories_sync_starred')"), 4);
		assert_int_equal(store_sync_account(st, "reader@http://server.test",
		    &c, &err), 0);
		assert_int_equal(c.since_id, 0);
		assert_int_equal(store_sync_begin(st, &err), 0);
		assert_int_equal(store_sync_feed(st, 70, "http://example.org/old",
		    "Old", "", &feed, &err), 0);
		assert_int_equal(feed, 5);
		assert_int_equal(store_feed_merge(st, feed, &doc, NOW, &n_new,
		    &err), 0);
		assert_int_equal(store_sync_story(st, feed, "g:ttrss:9", 9, &err),
		    0);
		assert_int_equal(store_sync_commit(st, &err), 0);
		assert_int_equal(raw_int(path, "SELECT remote_id IS 70 AND"
		    " gone_since IS NULL FROM feeds WHERE id = 5"), 1);
		raw_exec(path, "UPDATE stories SET read = 1 WHERE remote_id = 9");
		assert_int_equal(raw_int(path, "SELECT count(*) FROM sync_queue"
		    " WHERE remote_id = 9 AND field = 2 AND value = 0"), 1);
		if (v >= 7) {
			assert_int_equal(raw_int(path, "SELECT position = 3 AND"
			    " hidden = 1 FROM feeds WHERE id = 5"), 1);
			assert_int_equal(raw_int(path, "SELECT value = 'kept'"
			    " FROM notes WHERE key = 'k'"), 1);
		}
		if (store_check(st, &err) == -1)
			fail_msg("store_check of version %d: %s", v, err);
		store_close(st);
		st = NULL;
		free(path);
	}
}

int
main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_marks_are_queued_in_order),
		T(test_queue_outlives_the_handle),
		T(test_server_state_is_not_queued),
		T(test_queued_mark_wins),
		T(test_feed_state),
		T(test_rollback_leaves_nothing),
		T(test_one_account),
		T(test_cursor_and_feeds_gone),
		T(test_migrate_each_version),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
