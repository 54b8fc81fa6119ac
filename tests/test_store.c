/*
 * test_store.c - the SQLite store on real files in a temporary directory:
 * creation and migration checks, refusing files that are not ours,
 * de-duplication, links judged again, read/starred surviving refreshes,
 * search, retention, the refresh lock and a reader beside a writer.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "hearsay/buf.h"
#include "hearsay/feed.h"
#include "hearsay/store.h"
#include "hearsay/util.h"
#include "store_int.h"
#include "testlib.h"

#define NOW ((int64_t)1764000000)	/* 2025-11-24 */
#define DAY ((int64_t)86400)

struct fixture {
	char	*dir;
	char	*path;
};

static int
setup(void **state)
{
	struct fixture *fx = xcalloc(1, sizeof *fx);

	fx->dir = testlib_tmpdir("store");
	if (fx->dir == NULL)
		return -1;
	fx->path = xprintf("%s/data/hearsay/hearsay.db", fx->dir);
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *fx = *state;

	testlib_rmtree(fx->dir);
	free(fx->dir);
	free(fx->path);
	free(fx);
	return 0;
}

/* A store at the fixture's path, created; the test fails otherwise. */
static struct store *
open_store(struct fixture *fx)
{
	struct store *st = NULL;
	char *err = NULL;

	if (store_open(&st, fx->path, STORE_CREATE, &err) == -1)
		fail_msg("store_open: %s", err);
	return st;
}

static int64_t
add_feed(struct store *st, const char *url)
{
	int64_t id = 0;
	char *err = NULL;

	assert_int_equal(store_feed_ensure(st, url, NULL, NULL, &id, &err), 0);
	return id;
}

/* Merge items into a feed; returns the number of new stories. */
static int
merge(struct store *st, int64_t feed, struct feed_item *items, size_t n,
    int64_t now)
{
	struct feed_doc doc;
	char *err = NULL;
	int n_new = -1;

	memset(&doc, 0, sizeof doc);
	doc.format = FEED_FORMAT_RSS20;
	doc.title = (char *)"Test Feed";
	doc.link = (char *)"https://example.org/";
	doc.updated = FEED_NO_DATE;
	doc.items = items;
	doc.n_items = n;
	if (store_feed_merge(st, feed, &doc, now, &n_new, &err) == -1)
		fail_msg("store_feed_merge: %s", err);
	return n_new;
}

static struct feed_item
item(const char *id, const char *link, const char *title, int64_t published,
    const char *content)
{
	struct feed_item it;

	memset(&it, 0, sizeof it);
	it.id = (char *)id;
	it.link = (char *)link;
	it.title = (char *)title;
	it.published = published;
	it.updated = FEED_NO_DATE;
	it.content = (char *)content;
	return it;
}

static int64_t
count(struct store *st, enum store_scope scope, int64_t feed, int with_read)
{
	struct store_query q = { scope, feed, with_read, 0, NULL };

	return store_story_count(st, &q);
}

/* The story of a feed with this title, or fail. */
static int64_t
find_story(struct store *st, int64_t feed, const char *title)
{
	struct store_query q = { STORE_SCOPE_FEED, feed, 1, 0, NULL };
	struct store_story rows[64];
	int64_t id = -1;
	int i, n;

	n = store_story_rows(st, &q, 0, 64, rows);
	assert_true(n >= 0);
	for (i = 0; i < n; i++) {
		if (id == -1 && rows[i].title != NULL &&
		    strcmp(rows[i].title, title) == 0)
			id = rows[i].id;
		store_story_clear(&rows[i]);
	}
	if (id == -1)
		fail_msg("no story '%s'", title);
	return id;
}

static int
count_feed(const struct store_feed *f, void *arg)
{
	(void)f;
	(*(int64_t *)arg)++;
	return 0;
}

/* Append "title unread/total;" to a struct buf. */
static int
collect_feed(const struct store_feed *f, void *arg)
{
	buf_printf(arg, "%s %lld/%lld;", f->title, (long long)f->n_unread,
	    (long long)f->n_total);
	return 0;
}

static char *
slurp(const char *path, size_t *len)
{
	char *err = NULL;
	char *data = file_read(path, 1 << 20, len, &err);

	if (data == NULL)
		fail_msg("%s", err);
	return data;
}

static void
write_file(const char *path, const void *data, size_t len)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
}

/* Run sql on the file directly, bypassing the store. */
static void
raw_exec(const char *path, const char *sql)
{
	sqlite3 *db;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static int64_t
raw_int(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	int64_t v;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

static void
test_create_and_reopen(void **state)
{
	struct fixture *fx = *state;
	struct store *st = NULL;
	struct store_feed f;
	char *err = NULL, *empty;
	int64_t id, id2;

	/* No store and no STORE_CREATE: an error, and nothing created. */
	assert_int_equal(store_open(&st, fx->path, 0, &err), -1);
	assert_non_null(strstr(err, "no store at"));
	assert_int_equal(access(fx->path, F_OK), -1);
	xfree(err);

	st = open_store(fx);
	id = add_feed(st, "https://example.org/feed.xml");
	store_close(st);
	assert_int_equal(raw_int(fx->path, "PRAGMA user_version"),
	    STORE_SCHEMA_VERSION);
	assert_int_equal(raw_int(fx->path,
	    "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), 1);
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM sqlite_master"
	    " WHERE name IN ('feeds', 'stories', 'stories_fts')"), 3);

	/* Reopening keeps the data and needs no STORE_CREATE. */
	assert_int_equal(store_open(&st, fx->path, 0, &err), 0);
	assert_int_equal(store_feed_ensure(st, "https://example.org/feed.xml",
	    "My title", "news tech", &id2, &err), 0);
	assert_int_equal(id2, id);
	assert_int_equal(store_feed_get(st, id, &f), 0);
	assert_string_equal(f.title, "My title");
	assert_string_equal(f.tags, "news tech");
	assert_int_equal(f.n_total, 0);
	store_feed_clear(&f);
	assert_int_equal(store_feed_get(st, id + 100, &f), -1);
	store_close(st);

	/* An empty file is an empty store: migrated in place. */
	empty = xprintf("%s/empty.db", fx->dir);
	write_file(empty, "", 0);
	assert_int_equal(store_open(&st, empty, 0, &err), 0);
	store_close(st);
	assert_int_equal(raw_int(empty, "PRAGMA user_version"),
	    STORE_SCHEMA_VERSION);
	free(empty);

	/* Read-only handles read but do not write. */
	assert_int_equal(store_open(&st, fx->path, STORE_READONLY, &err), 0);
	assert_int_equal(store_feed_get(st, id, &f), 0);
	store_feed_clear(&f);
	assert_int_equal(store_feed_ensure(st, "https://x.example/", NULL, NULL,
	    &id2, &err), -1);
	xfree(err);
	store_close(st);
}

static void
test_newer_schema_refused(void **state)
{
	struct fixture *fx = *state;
	struct store *st = open_store(fx);
	char *before, *after, *err = NULL;
	size_t n_before, n_after;

	store_close(st);
	raw_exec(fx->path, "PRAGMA journal_mode = DELETE;"
	    " PRAGMA user_version = 99");
	before = slurp(fx->path, &n_before);
	assert_int_equal(store_open(&st, fx->path, STORE_CREATE, &err), -1);
	assert_null(st);
	assert_non_null(strstr(err, "newer hearsay"));
	after = slurp(fx->path, &n_after);
	assert_int_equal(n_after, n_before);
	assert_memory_equal(after, before, n_before);
	assert_int_equal(raw_int(fx->path, "PRAGMA user_version"), 99);
	free(before);
	free(after);
	free(err);
}

/* Files that are not hearsay stores, each left byte for byte as it was. */
static void
test_foreign_files_untouched(void **state)
{
	struct fixture *fx = *state;
	static const char text[] = "<rss version=\"2.0\">not a database</rss>\n";
	char corrupt[4096], *before, *after, *err = NULL;
	struct store *st = NULL;
	size_t n_before, n_after, i;
	char *paths[3];

	paths[0] = xprintf("%s/feed.xml", fx->dir);
	write_file(paths[0], text, sizeof text - 1);
	/* A real SQLite header over garbage. */
	paths[1] = xprintf("%s/corrupt.db", fx->dir);
	memset(corrupt, 0xA5, sizeof corrupt);
	memcpy(corrupt, "SQLite format 3", 16);
	write_file(paths[1], corrupt, sizeof corrupt);
	/* Some other program's database. */
	paths[2] = xprintf("%s/other.db", fx->dir);
	raw_exec(paths[2], "CREATE TABLE notes (body TEXT);"
	    " INSERT INTO notes VALUES ('keep me')");

	for (i = 0; i < nitems(paths); i++) {
		before = slurp(paths[i], &n_before);
		assert_int_equal(store_open(&st, paths[i], STORE_CREATE, &err),
		    -1);
		assert_non_null(strstr(err, "is not a hearsay store"));
		if (i == 0)
			assert_non_null(strstr(err, "file is not a database"));
		after = slurp(paths[i], &n_after);
		assert_int_equal(n_after, n_before);
		assert_memory_equal(after, before, n_before);
		xfree(err);
		free(before);
		free(after);
		free(paths[i]);
	}
}

static void
test_readonly_file(void **state)
{
	struct fixture *fx = *state;
	struct store *st = open_store(fx);
	char *err = NULL;

	static const char *const dirs[] = { "", "/data", "/data/hearsay" };
	char *dir;
	size_t i;
	pid_t pid;
	int status;

	store_close(st);
	assert_int_equal(chmod(fx->path, 0444), 0);
	if (geteuid() != 0) {
		assert_int_equal(store_open(&st, fx->path, 0, &err), -1);
		assert_non_null(strstr(err, "read-only"));
		free(err);
		return;
	}
	/* Root writes through file modes: try as nobody instead. */
	for (i = 0; i < nitems(dirs); i++) {
		dir = xprintf("%s%s", fx->dir, dirs[i]);
		assert_int_equal(chmod(dir, 0755), 0);
		free(dir);
	}
	pid = fork();
	assert_true(pid != -1);
	if (pid == 0) {
		if (setgid(65534) == -1 || setuid(65534) == -1)
			_exit(3);
		if (store_open(&st, fx->path, 0, &err) == 0)
			_exit(1);
		_exit(strstr(err, "is read-only") != NULL ? 0 : 2);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

static void
test_feed_record(void **state)
{
	struct fixture *fx = *state;
	struct store *st = open_store(fx);
	struct store_fetch_result ok = { 200, NULL, "\"v1\"", "Mon, 24 Nov 2025",
	    NULL, NOW };
	struct store_fetch_result bad = { 404, "HTTP 404", NULL, NULL, NULL,
	    NOW + 60 };
	struct feed_item items[] = {
		item("1", NULL, "one", NOW, NULL),
		item("2", NULL, "two", NOW, NULL),
	};
	struct buf seen = BUF_INIT;
	struct store_feed f;
	char *err = NULL;
	int64_t id = add_feed(st, "https://example.org/a.xml"), other;

	assert_int_equal(store_feed_record(st, id, &ok, &err), 0);
	assert_int_equal(store_feed_record(st, id, &bad, &err), 0);
	assert_int_equal(store_feed_get(st, id, &f), 0);
	assert_int_equal(f.last_status, 404);
	assert_string_equal(f.last_error, "HTTP 404");
	assert_string_equal(f.etag, "\"v1\"");	/* validators kept */
	assert_string_equal(f.last_modified, "Mon, 24 Nov 2025");
	assert_int_equal(f.last_success, NOW);
	assert_int_equal(f.last_attempt, NOW + 60);
	assert_string_equal(f.title, "https://example.org/a.xml");
	store_feed_clear(&f);
	ok.when = NOW + 120;
	ok.moved_to = "https://example.org/b.xml";
	assert_int_equal(store_feed_record(st, id, &ok, &err), 0);
	assert_int_equal(store_feed_get(st, id, &f), 0);
	assert_null(f.last_error);
	assert_int_equal(f.last_success, NOW + 120);
	assert_string_equal(f.moved_to, "https://example.org/b.xml");
	store_feed_clear(&f);
	assert_int_equal(store_feed_record(st, id + 9, &ok, &err), -1);
	xfree(err);

	/* The feed list: title order ignoring case, with counts. */
	other = add_feed(st, "https://example.org/z.xml");
	assert_int_equal(store_feed_ensure(st, "https://example.org/z.xml",
	    "ant news", "x", &other, &err), 0);
	merge(st, other, items, nitems(items), NOW);
	assert_int_equal(store_story_set_read(st, find_story(st, other, "one"),
	    1, NULL), 0);
	assert_int_equal(store_feeds_each(st, collect_feed, &seen), 0);
	assert_string_equal(buf_str(&seen),
	    "ant news 1/2;https://example.org/a.xml 0/0;");
	buf_free(&seen);
	store_close(st);
}

static void
test_dedupe(void **state)
{
	struct fixture *fx = *state;
	struct store *st = open_store(fx);
	int64_t feed = add_feed(st, "https://example.org/feed");
	int64_t other = add_feed(st, "https://example.net/feed");
	struct feed_item items[] = {
		item("urn:1", "https://example.org/1", "By guid", NOW, NULL),
		item(NULL, "https://example.org/2", "By link", NOW, NULL),
		item(NULL, NULL, "By hash", NOW, NULL),
		item(NULL, NULL, "By hash", NOW - DAY, NULL),
		item("", "", "Empty ids hash too", NOW, NULL),
	};
	struct feed_item again[] = {
		/* Same guid, new link: the same story. */
		item("urn:1", "https://example.org/1b", "By guid", NOW, NULL),
		item(NULL, "https://example.org/2", "By link, retitled", NOW, NULL),
		item(NULL, NULL, "By hash", NOW, NULL),
		/* Same title and date as a hashed one, different title: new. */
		item(NULL, NULL, "By hash 2", NOW, NULL),
	};
	struct store_story rows[8];
	char *err = NULL;
	int n;

	assert_int_equal(merge(st, feed, items, nitems(items), NOW), 5);
	assert_int_equal(merge(st, feed, items, nitems(items), NOW + 60), 0);
	assert_int_equal(merge(st, feed, again, nitems(again), NOW + 120), 1);
	assert_int_equal(count(st, STORE_SCOPE_FEED, feed, 1), 6);
	find_story(st, feed, "By link, retitled");
	/* De-duplication is per feed: the same items elsewhere are new. */
	assert_int_equal(merge(st, other, items, nitems(items), NOW), 5);
	assert_int_equal(count(st, STORE_SCOPE_ALL, 0, 1), 11);

	/* Unsubscribing drops the feed's stories and their index entries. */
	assert_int_equal(store_feed_delete(st, other, &err), 0);
	assert_int_equal(count(st, STORE_SCOPE_ALL, 0, 1), 6);
	assert_int_equal(store_feed_delete(st, other, &err), -1);
	xfree(err);
	n = store_search(st, "hash", 8, rows, &err);
	assert_int_equal(n, 4);
	while (n > 0)
		store_story_clear(&rows[--n]);
	store_close(st);
}

/* The link the store hands on for the story of a feed with this title. */
static char *
story_link(struct store *st, int64_t feed, const char *title)
{
	struct store_story s;
	char *link;

	assert_int_equal(store_story_get(st, find_story(st, feed, title), &s,
	    NULL), 0);
	link = s.link != NULL ? xstrdup(s.link) : NULL;
	store_story_clear(&s);
	return link;
}

/* A link that is not http, https or relative never enters the store,
 * whoever made the document (the parser drops them already; these come by
 * hand), and one an older store holds is never handed on. */
static void
test_unsafe_links(void **state)
{
	struct fixture *fx = *state;
	struct store *st = open_store(fx);
	int64_t feed = add_feed(st, "https://example.org/feed");
	int64_t other = add_feed(st, "https://example.net/feed");
	struct feed_item items[] = {
		item("1", "javascript:alert(1)", "js", NOW, NULL),
		item("2", " JaVa\tScRiPt:alert(2)", "js spaced", NOW, NULL),
		item("3", "data:text/html,<script>alert(3)</script>", "data",
		    NOW, NULL),
		item("4", "https://example.org/4", "web", NOW, NULL),
		item("5", "story/5", "relative", NOW, NULL),
	};
	struct feed_item changed[] = {
		item("4", "file:///etc/passwd", "web", NOW, NULL),
	};
	struct feed_doc doc;
	char *err = NULL, *link;

	assert_int_equal(merge(st, feed, items, nitems(items), NOW), 5);
	assert_null(story_link(st, feed, "js"));
	assert_null(story_link(st, feed, "js spaced"));
	assert_null(story_link(st, feed, "data"));
	link = story_link(st, feed, "web");
	assert_string_equal(link, "https://example.org/4");
	free(link);
	link = story_link(st, feed, "relative");
	assert_string_equal(link, "story/5");
	free(link);
	/* Nulled in the file itself, not only when read. */
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM stories"
	    " WHERE link IS NULL"), 3);

	/* A known story whose link turns bad keeps no link. */
	assert_int_equal(merge(st, feed, changed, nitems(changed), NOW + 60), 0);
	assert_null(story_link(st, feed, "web"));

	/* The feed's own link, the same. */
	memset(&doc, 0, sizeof doc);
	doc.format = FEED_FORMAT_RSS20;
	doc.title = (char *)"Other";
	doc.link = (char *)"vbscript:msgbox(1)";
	doc.updated = FEED_NO_DATE;
	assert_int_equal(store_feed_merge(st, other, &doc, NOW, NULL, &err), 0);
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM feeds"
	    " WHERE site_link IS NULL AND feed_title = 'Other'"), 1);
	store_close(st);

	/* A store written before links were judged: the row is left as it
	 * is, and the link never handed on. */
	raw_exec(fx->path, "UPDATE stories SET link = ' javascript:alert(9)'"
	    " WHERE guid = '5'");
	st = open_store(fx);
	assert_null(story_link(st, feed, "relative"));
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM stories"
	    " WHERE link = ' javascript:alert(9)'"), 1);
	store_close(st);
}

static void
test_flags_survive_merge(void **state)
{
	struct fixture *fx = *state;
	struct store *st = open_store(fx);
	int64_t feed = add_feed(st, "https://example.org/feed");
	struct feed_item items[] = {
		item("a", NULL, "Alpha", NOW - 3 * DAY, "<p>first</p>"),
		item("b", NULL, "Beta", NOW - 2 * DAY, "<p>second</p>"),
		item("c", NULL, "Gamma", NOW - DAY, "<p>third</p>"),
	};
	struct feed_item changed[] = {
		item("a", NULL, "Alpha (updated)", NOW - 3 * DAY, "<p>new</p>"),
		item("b", NULL, "Beta", NOW - DAY / 2, "<p>second, edited</p>"),
		item("c", NULL, "Gamma", NOW - DAY, "<p>third</p>"),
	};
	struct store_story s;
	int64_t a, b;
	char *body;

	merge(st, feed, items, nitems(items), NOW);
	a = find_story(st, feed, "Alpha");
	b = find_story(st, feed, "Beta");
	assert_int_equal(store_story_set_read(st, a, 1, NULL), 0);
	assert_int_equal(store_story_set_starred(st, b, 1, NULL), 0);
	assert_int_equal(store_story_set_read(st, b, 1, NULL), 0);
	merge(st, feed, items, nitems(items), NOW + 60);
	merge(st, feed, changed, nitems(changed), NOW + 120);
	assert_int_equal(store_story_get(st, a, &s, &body), 0);
	assert_string_equal(s.title, "Alpha (updated)");
	assert_string_equal(body, "<p>new</p>");
	assert_string_equal(s.feed_title, "Test Feed");
	assert_true(s.read);
	assert_false(s.starred);
	store_story_clear(&s);
	free(body);
	assert_int_equal(store_story_get(st, b, &s, NULL), 0);
	assert_true(s.read);
	assert_true(s.starred);
	assert_int_equal(s.date, NOW - DAY / 2);
	store_story_clear(&s);
	/* Unread listing: Gamma only; feed listing keeps the starred one. */
	assert_int_equal(count(st, STORE_SCOPE_UNREAD, 0, 0), 1);
	assert_int_equal(count(st, STORE_SCOPE_FEED, feed, 0), 2);
	assert_int_equal(count(st, STORE_SCOPE_STARRED, 0, 0), 1);
	assert_int_equal(store_story_set_read(st, 424242, 1, NULL), -1);
	store_close(st);
}

static void
test_rows_paging(void **state)
{
	struct fixture *fx = *state;
	struct store *st = open_store(fx);
	int64_t feed = add_feed(st, "https://example.org/feed");
	struct store_query newest = { STORE_SCOPE_FEED, 0, 1, 0, NULL };
	struct store_query oldest = { STORE_SCOPE_ALL, 0, 1, 1, NULL };
	struct feed_item items[30];
	struct store_story rows[8];
	char titles[30][16];
	int64_t *ids = NULL;
	size_t n_ids = 0, i;
	int n;

	for (i = 0; i < nitems(items); i++) {
		snprintf(titles[i], sizeof titles[i], "story %02zu", i);
		items[i] = item(titles[i], NULL, titles[i],
		    NOW - (int64_t)i * 3600, NULL);
	}
	merge(st, feed, items, nitems(items), NOW);
	newest.feed_id = feed;
	n = store_story_rows(st, &newest, 8, 8, rows);
	assert_int_equal(n, 8);
	assert_string_equal(rows[0].title, "story 08");
	assert_string_equal(rows[7].title, "story 15");
	for (i = 0; i < 8; i++)
		store_story_clear(&rows[i]);
	n = store_story_rows(st, &oldest, 24, 8, rows);
	assert_int_equal(n, 6);
	assert_string_equal(rows[0].title, "story 05");
	assert_string_equal(rows[5].title, "story 00");
	for (i = 0; i < 6; i++)
		store_story_clear(&rows[i]);

	/* Mark all read, then undo from the returned ids. */
	assert_int_equal(store_story_set_read(st, find_story(st, feed,
	    "story 03"), 1, NULL), 0);
	assert_int_equal(store_mark_all_read(st, feed, &ids, &n_ids, NULL), 0);
	assert_int_equal(n_ids, 29);
	assert_int_equal(count(st, STORE_SCOPE_UNREAD, 0, 0), 0);
	for (i = 0; i < n_ids; i++)
		assert_int_equal(store_story_set_read(st, ids[i], 0, NULL), 0);
	assert_int_equal(count(st, STORE_SCOPE_UNREAD, 0, 0), 29);
	free(ids);
	store_close(st);
}

static void
test_search(void **state)
{
	struct fixture *fx = *state;
	struct store *st = open_store(fx);
	int64_t feed = add_feed(st, "https://example.org/feed");
	struct feed_item items[] = {
		item("1", NULL, "Harbour strike ends", NOW,
		    "<p>Dock workers <b>returned</b> on Monday.</p>"),
		item("2", NULL, "Weather", NOW,
		    "<p>Rain at the harbour; caf&eacute; &amp; "
		    "bakery closed.</p><script>var zebra = 1;</script>"),
		item("3", NULL, "Council budget", NOW,
		    "<div>The council argued about the budget, the budget "
		    "deficit and next year&#8217;s budget.</div>"),
		item("4", NULL, "Note", NOW, "<p>A budget.</p>"),
		item("5", NULL, "Maths", NOW, "<p>if a < b then b > a: "
		    "inequality</p>"),
	};
	struct feed_item retitled[] = {
		item("1", NULL, "Port dispute over", NOW,
		    "<p>Dock workers <b>returned</b> on Monday.</p>"),
	};
	struct store_story rows[8];
	char *err = NULL;
	int n, i;

	merge(st, feed, items, nitems(items), NOW);
	/* Title and body words; markup and scripts are not indexed. */
	n = store_search(st, "harbour", 8, rows, &err);
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].title, "Harbour strike ends");
	for (i = 0; i < n; i++)
		store_story_clear(&rows[i]);
	n = store_search(st, "returned", 8, rows, &err);
	assert_int_equal(n, 1);
	store_story_clear(&rows[0]);
	assert_int_equal(store_search(st, "zebra", 8, rows, &err), 0);
	assert_int_equal(store_search(st, "bakery", 8, rows, &err), 1);
	store_story_clear(&rows[0]);
	/* A lone '<' in text does not swallow what follows. */
	assert_int_equal(store_search(st, "then", 8, rows, &err), 1);
	store_story_clear(&rows[0]);
	assert_int_equal(store_search(st, "inequality", 8, rows, &err), 1);
	store_story_clear(&rows[0]);
	/* The title match ranks first, then the body that says it most. */
	n = store_search(st, "budget", 8, rows, &err);
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].title, "Council budget");
	for (i = 0; i < n; i++)
		store_story_clear(&rows[i]);
	/* An updated story is re-indexed. */
	merge(st, feed, retitled, nitems(retitled), NOW + 60);
	n = store_search(st, "strike", 8, rows, &err);
	assert_int_equal(n, 0);
	n = store_search(st, "dispute", 8, rows, &err);
	assert_int_equal(n, 1);
	store_story_clear(&rows[0]);
	/* Any text is a search (test_store_search has the rest): an open
	 * quote runs to the end, capitals and brackets that make no
	 * expression are words, and the handle still works. */
	assert_int_equal(store_search(st, "\"unbalanced", 8, rows, &err), 0);
	assert_null(err);
	assert_int_equal(store_search(st, "AND OR (", 8, rows, &err), 0);
	assert_null(err);
	assert_int_equal(store_search(st, "weather", 8, rows, &err), 1);
	store_story_clear(&rows[0]);
	store_close(st);
}

static void
test_prune(void **state)
{
	struct fixture *fx = *state;
	struct store *st = open_store(fx);
	int64_t feed = add_feed(st, "https://example.org/feed");
	struct feed_item items[10], latest[2];
	char titles[10][16];
	char *err = NULL;
	int64_t oldest;
	size_t i;
	int n;

	for (i = 0; i < nitems(items); i++) {
		snprintf(titles[i], sizeof titles[i], "s%zu", i);
		items[i] = item(titles[i], NULL, titles[i],
		    NOW - (int64_t)(10 - i) * DAY, NULL);
	}
	merge(st, feed, items, nitems(items), NOW - 20 * DAY);
	oldest = find_story(st, feed, "s0");
	assert_int_equal(store_story_set_starred(st, oldest, 1, NULL), 0);
	/* The latest fetch still carries the two newest: those are kept. */
	latest[0] = items[8];
	latest[1] = items[9];
	merge(st, feed, latest, 2, NOW);

	/* Cap 4: the four newest non-starred stay, plus the starred one. */
	assert_int_equal(store_prune(st, feed, 4, 0, NOW, &n, &err), 0);
	assert_int_equal(n, 5);
	assert_int_equal(count(st, STORE_SCOPE_FEED, feed, 1), 5);
	find_story(st, feed, "s0");
	find_story(st, feed, "s6");

	/* Age 3 days: the one old story no longer in the feed goes; starred and
	 * current ones stay. */
	assert_int_equal(store_story_set_read(st, oldest, 1, NULL), 0);
	assert_int_equal(store_story_set_read(st, find_story(st, feed, "s6"), 1,
	    NULL), 0);
	assert_int_equal(store_prune(st, 0, 0, 3 * DAY, NOW, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(count(st, STORE_SCOPE_FEED, feed, 1), 4);
	find_story(st, feed, "s0");
	find_story(st, feed, "s7");
	/* The pruned story is gone from the search index too. */
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM stories_fts"
	    " WHERE stories_fts MATCH 's6'"), 0);
	store_close(st);
}

/* Two merges in the same second: the second one's stories are current,
 * the rest can go (a per-feed generation, not the clock, tells them). */
static void
test_prune_same_second(void **state)
{
	struct fixture *fx = *state;
	struct store *st = open_store(fx);
	int64_t feed = add_feed(st, "https://example.org/feed");
	struct feed_item items[] = {
		item("a", NULL, "a", NOW - 3 * DAY, NULL),
		item("b", NULL, "b", NOW - 2 * DAY, NULL),
		item("c", NULL, "c", NOW - DAY, NULL),
	};
	char *err = NULL;
	int n;

	merge(st, feed, items, nitems(items), NOW);
	/* The feed moved on to "c" alone within the same second. */
	merge(st, feed, &items[2], 1, NOW);
	assert_int_equal(store_prune(st, feed, 1, 0, NOW, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(count(st, STORE_SCOPE_FEED, feed, 1), 1);
	find_story(st, feed, "c");
	/* While "c" is current, age does not drop it... */
	assert_int_equal(store_prune(st, feed, 0, DAY / 2, NOW, &n, &err), 0);
	assert_int_equal(n, 0);
	/* ...a merge seeing nothing leaves no story current, and age then
	 * drops it, unread as it is. */
	merge(st, feed, NULL, 0, NOW);
	assert_int_equal(store_prune(st, feed, 0, DAY / 2, NOW, &n, &err), 0);
	assert_int_equal(n, 1);
	store_close(st);
}

/* New stories enter the search index once per merge, in one statement:
 * a merge that brings old and new stories indexes exactly the new ones,
 * in every feed, and the index stays in step with its table. */
/* Words in more stories than search ranks (5,000) are ranked among the
 * newest matches only: the best-scoring old story is left out, the best
 * of the newest comes first, and a rarer word still finds the old one. */
static void
test_search_ranked_cap(void **state)
{
	enum { N = 5010 };
	struct fixture *fx = *state;
	struct store *st = open_store(fx);
	int64_t feed = add_feed(st, "https://example.org/many");
	struct feed_item *items = xcalloc(N, sizeof *items);
	struct store_story rows[5];
	char *err = NULL;
	int64_t oldest, newest;
	size_t i;
	int n;

	for (i = 0; i < N; i++)
		items[i] = item(xprintf("%zu", i), NULL, xprintf("story %zu", i),
		    NOW - (int64_t)i, "<p>a walrus on the ice</p>");
	free(items[0].title);
	items[0].title = xstrdup("walrus walrus walrus");
	items[0].content = (char *)"<p>a walrus and a narwhal</p>";
	free(items[N - 1].title);
	items[N - 1].title = xstrdup("walrus");
	assert_int_equal(merge(st, feed, items, N, NOW), N);
	oldest = raw_int(fx->path, "SELECT min(id) FROM stories");
	newest = raw_int(fx->path, "SELECT max(id) FROM stories");
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM stories"
	    " WHERE (id = (SELECT min(id) FROM stories)"
	    " AND title = 'walrus walrus walrus')"
	    " OR (id = (SELECT max(id) FROM stories) AND title = 'walrus')"), 2);
	/* Ranked over every match, the oldest would come first. */
	assert_int_equal(raw_int(fx->path, "SELECT rowid FROM stories_fts"
	    " WHERE stories_fts MATCH 'walrus'"
	    " ORDER BY bm25(stories_fts, 4.0, 1.0) LIMIT 1"), oldest);
	n = store_search(st, "walrus", 5, rows, &err);
	assert_int_equal(n, 5);
	assert_int_equal(rows[0].id, newest);
	while (n > 0) {
		assert_true(rows[--n].id != oldest);
		store_story_clear(&rows[n]);
	}
	n = store_search(st, "narwhal", 5, rows, &err);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].id, oldest);
	store_story_clear(&rows[0]);
	for (i = 0; i < N; i++) {
		free(items[i].id);
		free(items[i].title);
	}
	free(items);
	store_close(st);
}

static void
test_search_index_per_merge(void **state)
{
	struct fixture *fx = *state;
	struct store *st = open_store(fx);
	int64_t f1 = add_feed(st, "https://example.org/one");
	int64_t f2 = add_feed(st, "https://example.org/two");
	struct feed_item first[] = {
		item("a", NULL, "albatross", NOW - 3 * DAY, NULL),
		item("b", NULL, "bittern", NOW - 2 * DAY, NULL),
	};
	struct feed_item second[] = {
		item("b", NULL, "bittern", NOW - 2 * DAY, NULL),
		item("c", NULL, "cormorant", NOW - DAY, NULL),
	};
	struct feed_item other[] = {
		item("d", NULL, "dunlin", NOW - DAY, NULL),
	};
	struct store_story rows[4];
	const char *words[] = { "albatross", "bittern", "cormorant", "dunlin" };
	char *err = NULL;
	size_t i;
	int n;

	merge(st, f1, first, nitems(first), NOW - DAY);
	merge(st, f2, other, nitems(other), NOW - DAY);
	merge(st, f1, second, nitems(second), NOW);
	for (i = 0; i < nitems(words); i++) {
		n = store_search(st, words[i], 4, rows, &err);
		if (n != 1)
			fail_msg("'%s' found %d times", words[i], n);
		store_story_clear(&rows[0]);
	}
	assert_int_equal(store_check(st, &err), 0);
	store_close(st);
}

/* A story with content keeps no summary (the body is its content either
 * way); a story without content keeps its summary as its body. */
static void
test_summary_not_doubled(void **state)
{
	struct fixture *fx = *state;
	struct store *st = open_store(fx);
	int64_t feed = add_feed(st, "https://example.org/s");
	struct feed_item items[] = {
		item("same", NULL, "same", NOW - DAY, "<p>the body</p>"),
		item("diff", NULL, "diff", NOW - DAY, "<p>the whole body</p>"),
		item("bare", NULL, "bare", NOW - DAY, NULL),
	};
	struct store_story s;
	char *body = NULL;

	items[0].summary = items[0].content;
	items[1].summary = "<p>a teaser</p>";
	items[2].summary = "<p>only a teaser</p>";
	merge(st, feed, items, nitems(items), NOW);
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM stories s"
	    " JOIN bodies b ON b.id = s.id WHERE b.summary IS NULL"
	    " AND s.key IN ('g:same', 'g:diff')"), 2);
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM bodies"
	    " WHERE summary = '<p>only a teaser</p>'"), 1);
	assert_int_equal(store_story_get(st, find_story(st, feed, "same"), &s,
	    &body), 0);
	assert_string_equal(body, "<p>the body</p>");
	free(body);
	store_story_clear(&s);
	assert_int_equal(store_story_get(st, find_story(st, feed, "bare"), &s,
	    &body), 0);
	assert_string_equal(body, "<p>only a teaser</p>");
	free(body);
	store_story_clear(&s);
	store_close(st);
}

/* A store written by the version-1 code (the same migration step) is
 * upgraded in place to the current schema: stories, read and starred
 * state, the search index and which stories are current all survive, and
 * (version 4) the old stories wait for their analysis, which the store
 * then keeps and finds by speaker. */
static void
test_migrate_v1(void **state)
{
	struct fixture *fx = *state;
	struct store *st = NULL;
	struct store_story s, rows[4];
	struct feed_item again[] = {
		item("n1", NULL, "new one", NOW - DAY, NULL),
	};
	char *err = NULL;
	int64_t feed, id;
	int n;

	if (store_open_version(&st, fx->path, STORE_CREATE, 1, &err) == -1)
		fail_msg("store_open_version: %s", err);
	store_close(st);
	assert_int_equal(raw_int(fx->path, "PRAGMA user_version"), 1);
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM"
	    " pragma_table_info('stories') WHERE name = 'generation'"), 0);
	/* Two older stories (one read, one starred) and the two the latest
	 * fetch saw, as version 1 wrote them. */
	raw_exec(fx->path,
	    "INSERT INTO feeds (id, url, feed_title) VALUES"
	    " (7, 'https://example.org/v1', 'Old feed');"
	    "INSERT INTO stories (feed_id, key, title, content, text,"
	    " first_seen, last_seen, date, read, starred) VALUES"
	    " (7, 'g:o1', 'old read', '<p>walrus</p>', 'walrus', 100, 100,"
	    " 1000, 1, 0),"
	    " (7, 'g:o2', 'old starred', '<p>walrus</p>', 'walrus', 100, 100,"
	    " 1001, 1, 1),"
	    " (7, 'g:n1', 'new one', '<p>pelican</p>', 'pelican', 100, 200,"
	    " 3000, 0, 0),"
	    " (7, 'g:n2', 'new two', '<p>pelican</p>', 'pelican', 200, 200,"
	    " 2000, 1, 0);");

	st = open_store(fx);
	assert_int_equal(raw_int(fx->path, "PRAGMA user_version"),
	    STORE_SCHEMA_VERSION);
	feed = 7;
	assert_int_equal(count(st, STORE_SCOPE_FEED, feed, 1), 4);
	assert_int_equal(count(st, STORE_SCOPE_UNREAD, 0, 0), 1);
	id = find_story(st, feed, "old starred");
	assert_int_equal(store_story_get(st, id, &s, NULL), 0);
	assert_true(s.read);
	assert_true(s.starred);
	assert_string_equal(s.feed_title, "Old feed");
	store_story_clear(&s);
	n = store_search(st, "pelican", 4, rows, &err);
	assert_int_equal(n, 2);
	while (n > 0)
		store_story_clear(&rows[--n]);
	/* Version 5: the bodies left the stories table for bodies; version
	 * 6: without their plain text. */
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM"
	    " pragma_table_info('stories') WHERE name IN ('summary', 'content',"
	    " 'text')"), 0);
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM bodies"
	    " WHERE content = '<p>walrus</p>'"), 2);
	/* Cap 1: "old read" goes; the starred one and the two the latest
	 * version-1 fetch saw stay. */
	assert_int_equal(store_prune(st, feed, 1, 0, NOW, &n, &err), 0);
	assert_int_equal(n, 1);
	find_story(st, feed, "old starred");
	find_story(st, feed, "new two");
	/* Merging goes on from there: the next generation sees only one. */
	assert_int_equal(merge(st, feed, again, 1, NOW), 0);
	assert_int_equal(raw_int(fx->path,
	    "SELECT generation FROM feeds WHERE id = 7"), 2);
	assert_int_equal(store_prune(st, feed, 1, 0, NOW, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(count(st, STORE_SCOPE_FEED, feed, 1), 2);
	find_story(st, feed, "new one");
	/* Pruned stories took their bodies and index entries with them. */
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM bodies"), 2);
	n = store_search(st, "walrus", 4, rows, &err);
	assert_int_equal(n, 1);
	store_story_clear(&rows[0]);
	/* Version 4: every old story waits for its analysis. */
	assert_int_equal(store_analysis_count_pending(st, 0, 1, 0), 2);
	id = find_story(st, feed, "new one");
	{
		struct store_quote q = { "Ada Vole", NULL, "said", "words", 0, 5 };
		struct store_analysis a = { id, 1, NULL, NULL, &q, 1, NULL, 0 };

		assert_int_equal(store_analysis_put(st, &a, &err), 0);
	}
	assert_int_equal(store_analysis_count_pending(st, 0, 1, 0), 1);
	assert_int_equal(store_analysis_version(st, id), 1);
	n = store_search(st, "speaker:vole", 4, rows, &err);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].id, id);
	assert_int_equal(rows[0].n_quotes, 1);
	store_story_clear(&rows[0]);
	assert_int_equal(store_check(st, &err), 0);
	store_close(st);
}

/* Version 5 to 6: the bodies lose their plain text, which the search
 * index then gets from the HTML; an index made from a text that is not
 * what the HTML gives now is rebuilt; stories found, pruned, changed and
 * marked read keep the index in step, and the read indexes become
 * partial ones. */
static void
test_migrate_v5(void **state)
{
	struct fixture *fx = *state;
	struct store *st = NULL;
	struct store_story rows[4];
	struct feed_item again[] = {
		item("n1", NULL, "new one", NOW - DAY, "<p>heron &amp; crane</p>"),
		item("n2", NULL, "new two", NOW - 2 * DAY, "<p>pelican</p>"),
	};
	char *err = NULL;
	int64_t feed = 7, *ids = NULL;
	size_t n_ids = 0;
	int n;

	if (store_open_version(&st, fx->path, STORE_CREATE, 5, &err) == -1)
		fail_msg("store_open_version: %s", err);
	store_close(st);
	assert_int_equal(raw_int(fx->path, "PRAGMA user_version"), 5);
	/* As version 5 wrote them, but for one text (g:n1's) that the
	 * HTML no longer gives: the index of the old text must go. */
	raw_exec(fx->path,
	    "INSERT INTO feeds (id, url, feed_title, generation) VALUES"
	    " (7, 'https://example.org/v5', 'Five', 1);"
	    "INSERT INTO stories (id, feed_id, key, title, first_seen,"
	    " last_seen, date, read, starred, generation) VALUES"
	    " (1, 7, 'g:o1', 'old read', 100, 100, 1000, 1, 0, 0),"
	    " (2, 7, 'g:o2', 'old starred', 100, 100, 1001, 1, 1, 0),"
	    " (3, 7, 'g:n1', 'new one', 100, 200, 3000, 0, 0, 1),"
	    " (4, 7, 'g:n2', 'new two', 200, 200, 2000, 0, 0, 1);"
	    "INSERT INTO bodies (id, summary, content, text) VALUES"
	    " (1, NULL, '<p>walrus</p>', 'walrus'),"
	    " (2, '<b>walrus</b> tusk', '', 'walrus tusk'),"
	    " (3, NULL, '<p>heron</p>', 'egret'),"
	    " (4, NULL, '<p>pelican</p>', 'pelican');"
	    "INSERT INTO stories_fts (stories_fts) VALUES ('rebuild');");
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM stories_fts"
	    " WHERE stories_fts MATCH 'egret'"), 1);

	st = open_store(fx);
	/* Version 6's step and the ones after it ran. */
	assert_int_equal(raw_int(fx->path, "PRAGMA user_version"),
	    STORE_SCHEMA_VERSION);
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM"
	    " pragma_table_info('bodies') WHERE name = 'text'"), 0);
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM sqlite_master"
	    " WHERE name IN ('stories_feed_unread', 'stories_unread_date')"
	    " AND sql LIKE '%WHERE read = 0'"), 2);
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM sqlite_master"
	    " WHERE name IN ('stories_feed_read', 'stories_read_date')"), 0);
	assert_int_equal(raw_int(fx->path, "SELECT v FROM stories_fts_config"
	    " WHERE k = 'automerge'"), 8);
	assert_int_equal(store_check(st, &err), 0);
	/* Found by what the HTML says, the summary when content is empty. */
	n = store_search(st, "egret", 4, rows, &err);
	assert_int_equal(n, 0);
	n = store_search(st, "heron", 4, rows, &err);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].id, 3);
	store_story_clear(&rows[0]);
	n = store_search(st, "\"walrus tusk\"", 4, rows, &err);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].id, 2);
	store_story_clear(&rows[0]);
	/* A changed body is indexed anew, an unchanged one left alone. */
	assert_int_equal(merge(st, feed, again, nitems(again), NOW), 0);
	assert_int_equal(store_check(st, &err), 0);
	n = store_search(st, "crane", 4, rows, &err);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].id, 3);
	store_story_clear(&rows[0]);
	/* Pruning takes the old read story and its index entry. */
	assert_int_equal(store_prune(st, feed, 1, 0, NOW, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(store_check(st, &err), 0);
	n = store_search(st, "walrus", 4, rows, &err);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].id, 2);
	store_story_clear(&rows[0]);
	/* The partial indexes count and mark the unread. */
	assert_int_equal(count(st, STORE_SCOPE_UNREAD, 0, 0), 2);
	assert_int_equal(store_mark_all_read(st, feed, &ids, &n_ids, NULL), 0);
	assert_int_equal(n_ids, 2);
	free(ids);
	assert_int_equal(count(st, STORE_SCOPE_UNREAD, 0, 0), 0);
	assert_int_equal(store_check(st, &err), 0);
	store_close(st);
}

/* store_check passes a sound store and names what is wrong with a
 * damaged one: the search index out of step, an index that is not its
 * table's, a story whose feed is gone. */
static void
test_check(void **state)
{
	struct fixture *fx = *state;
	static const char *const damage[] = {
		"INSERT INTO stories_fts (rowid, title, text)"
		" VALUES (999, 'ghost', 'ghost')",
		"PRAGMA writable_schema = ON;"
		" UPDATE sqlite_master SET sql = 'CREATE INDEX stories_date"
		" ON stories (first_seen)' WHERE name = 'stories_date'",
		"PRAGMA foreign_keys = OFF; DELETE FROM feeds",
	};
	static const char *const said[] = {
		"search index", "stories_date", "of a missing feeds",
	};
	struct feed_item items[] = {
		item("1", NULL, "one", NOW - DAY, "<p>first</p>"),
		item("2", NULL, "two", NOW - 2 * DAY, "<p>second</p>"),
	};
	struct store *st;
	char *path, *err = NULL;
	size_t i;

	for (i = 0; i < nitems(damage); i++) {
		path = xprintf("%s/check%zu.db", fx->dir, i);
		assert_int_equal(store_open(&st, path, STORE_CREATE, &err), 0);
		merge(st, add_feed(st, "https://example.org/feed"), items,
		    nitems(items), NOW);
		assert_int_equal(store_check(st, &err), 0);
		store_close(st);
		raw_exec(path, damage[i]);
		if (store_open(&st, path, 0, &err) == -1)
			fail_msg("damage %zu: %s", i, err);
		if (store_check(st, &err) != -1)
			fail_msg("damage %zu not seen", i);
		if (strstr(err, said[i]) == NULL)
			fail_msg("damage %zu: %s", i, err);
		xfree(err);
		store_close(st);
		free(path);
	}
}

static void
test_lock(void **state)
{
	struct fixture *fx = *state;
	struct store *a = open_store(fx), *b = open_store(fx);
	int ready[2], go[2];
	char *err = NULL, c;
	pid_t pid;
	int status;

	assert_int_equal(store_lock_refresh(a, &err), 0);
	assert_int_equal(store_lock_refresh(a, &err), 0);	/* held */
	assert_int_equal(store_lock_refresh(b, &err), -1);
	assert_non_null(strstr(err, "another hearsay refresh is running on"));
	xfree(err);
	store_close(a);
	assert_int_equal(store_lock_refresh(b, &err), 0);
	store_close(b);

	/* Unlocked, the lock passes to another handle and comes back, while
	 * both handles stay open. */
	a = open_store(fx);
	b = open_store(fx);
	assert_int_equal(store_lock_refresh(a, &err), 0);
	assert_int_equal(store_lock_refresh(b, &err), -1);
	xfree(err);
	store_unlock_refresh(a);
	store_unlock_refresh(a);	/* not held: nothing to do */
	assert_int_equal(store_lock_refresh(b, &err), 0);
	assert_int_equal(store_lock_refresh(a, &err), -1);
	assert_non_null(strstr(err, "another hearsay refresh is running on"));
	xfree(err);
	store_unlock_refresh(b);
	assert_int_equal(store_lock_refresh(a, &err), 0);
	assert_int_equal(store_lock_refresh(b, &err), -1);
	xfree(err);
	store_close(b);
	store_close(a);

	/* Across processes: the child holds the lock until told to exit. */
	assert_int_equal(pipe(ready), 0);
	assert_int_equal(pipe(go), 0);
	pid = fork();
	assert_true(pid != -1);
	if (pid == 0) {
		struct store *st = NULL;

		if (store_open(&st, fx->path, 0, NULL) == -1 ||
		    store_lock_refresh(st, NULL) == -1)
			_exit(1);
		if (write(ready[1], "x", 1) != 1 || read(go[0], &c, 1) != 1)
			_exit(1);
		_exit(0);	/* dies holding the lock: the kernel drops it */
	}
	assert_int_equal(read(ready[0], &c, 1), 1);
	a = open_store(fx);
	assert_int_equal(store_lock_refresh(a, &err), -1);
	xfree(err);
	assert_int_equal(write(go[1], "x", 1), 1);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_int_equal(store_lock_refresh(a, &err), 0);
	store_close(a);
	close(ready[0]);
	close(ready[1]);
	close(go[0]);
	close(go[1]);
}

/* A child merges batches of 50 stories while this process reads: every
 * read succeeds and sees whole batches only. */
static void
test_reader_beside_writer(void **state)
{
	struct fixture *fx = *state;
	struct store *st = open_store(fx);
	int64_t feed = add_feed(st, "https://example.org/feed"), n, last = 0;
	struct store_story rows[10];
	pid_t pid;
	int status, reads = 0, i;

	store_close(st);
	pid = fork();
	assert_true(pid != -1);
	if (pid == 0) {
		static char titles[50][32];
		struct feed_item items[50];
		struct store *w = NULL;
		struct feed_doc doc;
		int batch, j, n_new;

		memset(&doc, 0, sizeof doc);

		if (store_open(&w, fx->path, 0, NULL) == -1)
			_exit(1);
		for (batch = 0; batch < 40; batch++) {
			for (j = 0; j < 50; j++) {
				snprintf(titles[j], sizeof titles[j],
				    "b%d-%d", batch, j);
				items[j] = item(titles[j], NULL, titles[j],
				    NOW + batch * 100 + j, "<p>body text</p>");
			}
			doc.items = items;
			doc.n_items = 50;
			if (store_feed_merge(w, feed, &doc, NOW, &n_new,
			    NULL) == -1 || n_new != 50)
				_exit(1);
		}
		store_close(w);
		_exit(0);
	}
	st = open_store(fx);
	for (;;) {
		n = count(st, STORE_SCOPE_FEED, feed, 1);
		assert_true(n >= last);
		assert_int_equal(n % 50, 0);
		last = n;
		i = store_story_rows(st, &(struct store_query){ STORE_SCOPE_ALL,
		    0, 0, 0, NULL }, 0, 10, rows);
		assert_true(i >= 0);
		while (i > 0)
			store_story_clear(&rows[--i]);
		reads++;
		if (waitpid(pid, &status, WNOHANG) == pid)
			break;
	}
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_int_equal(count(st, STORE_SCOPE_FEED, feed, 1), 2000);
	assert_true(reads > 0);
	store_close(st);
}

struct snapshot_walk {
	struct store	*writer;
	int64_t		 feed;
	int		 feeds;
	int		 merged;
};

/* While the reader is between rows, another handle merges and commits. */
static int
merge_during_walk(const struct store_feed *f, void *arg)
{
	struct snapshot_walk *w = arg;
	struct feed_item items[] = {
		item("late", NULL, "Late story", NOW, NULL),
	};

	w->feeds++;
	if (!w->merged) {
		assert_int_equal(merge(w->writer, w->feed, items, 1, NOW), 1);
		w->merged = 1;
	}
	/* The reader's snapshot predates the merge. */
	assert_int_equal(f->n_total, 0);
	return 0;
}

static void
test_reader_snapshot(void **state)
{
	struct fixture *fx = *state;
	struct store *r = open_store(fx), *w = open_store(fx);
	struct snapshot_walk walk = { w, 0, 0, 0 };

	/* The merge goes to b while the reader is on a: b's row, read after
	 * the commit, still comes from the reader's older snapshot. */
	add_feed(w, "https://example.org/a");
	walk.feed = add_feed(w, "https://example.org/b");
	assert_int_equal(store_feeds_each(r, merge_during_walk, &walk), 0);
	assert_int_equal(walk.feeds, 2);
	assert_int_equal(count(r, STORE_SCOPE_FEED, walk.feed, 1), 1);
	store_close(w);
	store_close(r);
}

/* Processes in a round wait on this pipe and all start when it closes. */
static pid_t
spawn_creator(const char *path, int gate[2], size_t i)
{
	pid_t pid = fork();
	char *url, *err = NULL, c;
	struct store *st = NULL;
	int64_t id;

	if (pid != 0)
		return pid;
	close(gate[1]);
	if (read(gate[0], &c, 1) != 0)
		_exit(3);
	url = xprintf("https://example.org/%zu", i);
	if (store_open(&st, path, STORE_CREATE, &err) == -1 ||
	    store_feed_ensure(st, url, NULL, NULL, &id, &err) == -1) {
		fprintf(stderr, "creator %zu: %s\n", i, err);
		_exit(1);
	}
	store_close(st);
	_exit(0);
}

/* Several processes creating the same new store at once all succeed and
 * each adds its feed: the ownership check and the migration run in one
 * write transaction.  CREATE_ROUNDS rounds of PROCS processes released
 * at one instant: before the fix, ten runs out of ten failed, within 75
 * rounds, on tmpfs.  A fixed count, not a time: a slow machine runs every
 * round too. */
static void
test_concurrent_create(void **state)
{
	enum { CREATE_ROUNDS = 100, PROCS = 8 };
	struct store *st;
	pid_t pids[PROCS];
	int gate[2], status, failed = 0;
	size_t round, i;
	int64_t n = 0;
	char *path, *dir;

	(void)state;
	/* On tmpfs when there is one: no fsync, more races a second. */
	dir = xstrdup(access("/dev/shm", W_OK) == 0 ? "/dev/shm/hs-race.XXXXXX" :
	    "/tmp/hs-race.XXXXXX");
	if (mkdtemp(dir) == NULL)
		fail_msg("mkdtemp %s: %s", dir, strerror(errno));
	for (round = 0; round < CREATE_ROUNDS; round++) {
		path = xprintf("%s/%zu/hearsay.db", dir, round);
		assert_int_equal(pipe(gate), 0);
		for (i = 0; i < PROCS; i++) {
			pids[i] = spawn_creator(path, gate, i);
			assert_true(pids[i] != -1);
		}
		close(gate[0]);
		close(gate[1]);
		for (i = 0; i < PROCS; i++) {
			assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
			if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
				failed++;
		}
		assert_int_equal(store_open(&st, path, 0, NULL), 0);
		n = 0;
		assert_int_equal(store_feeds_each(st, count_feed, &n), 0);
		store_close(st);
		free(path);
		if (failed > 0 || n != PROCS)
			break;
	}
	testlib_rmtree(dir);
	free(dir);
	if (failed > 0 || n != PROCS)
		fail_msg("round %zu: %d of %d failed, %lld feeds", round,
		    failed, PROCS, (long long)n);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_create_and_reopen),
		T(test_newer_schema_refused),
		T(test_foreign_files_untouched),
		T(test_readonly_file),
		T(test_feed_record),
		T(test_dedupe),
		T(test_unsafe_links),
		T(test_flags_survive_merge),
		T(test_rows_paging),
		T(test_search),
		T(test_search_ranked_cap),
		T(test_search_index_per_merge),
		T(test_summary_not_doubled),
		T(test_prune),
		T(test_prune_same_second),
		T(test_migrate_v1),
		T(test_migrate_v5),
		T(test_check),
		T(test_lock),
		T(test_reader_beside_writer),
		T(test_reader_snapshot),
		T(test_concurrent_create),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
