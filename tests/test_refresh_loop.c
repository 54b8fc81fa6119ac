/*
 * test_refresh_loop.c - the refresh object as the reader's event loop will
 * drive it: steps that also wait on a descriptor of the caller's, a
 * callback per finished feed, outcomes in urls-file order, what lands in a
 * real SQLite store, a second run that is all 304s, and the lock.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "hearsay/feedlist.h"
#include "hearsay/refresh.h"
#include "hearsay/store.h"
#include "hearsay/util.h"
#include "loopback.h"

static const char feed_rss[] =
    "<?xml version=\"1.0\"?>\n"
    "<rss version=\"2.0\"><channel><title>Harbour Times</title>\n"
    "<link>http://example.org/harbour</link>\n"
    "<item><title>Ferry timetable changes</title><guid>ht-1</guid>"
    "<link>http://example.org/harbour/1</link></item>\n"
    "<item><title>Lighthouse repainted</title><guid>ht-2</guid>"
    "<link>http://example.org/harbour/2</link></item>\n"
    "</channel></rss>\n";

static const char feed_atom[] =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
    "<title>Orchard Notes</title><id>urn:test:orchard</id>\n"
    "<updated>2026-11-01T08:00:00Z</updated>\n"
    "<entry><title>Apples picked early</title><id>urn:test:orchard:1</id>"
    "<link href=\"/orchard/1\"/>"
    "<updated>2026-11-01T08:00:00Z</updated></entry>\n"
    "</feed>\n";

static struct loopback srv;
static char *db_path;

struct seen {
	int	 n;
	int	 n_failed;
};

static void
on_feed(const struct refresh_outcome *o, void *arg)
{
	struct seen *s = arg;

	assert_true(o->done);
	s->n++;
	if (o->error != NULL)
		s->n_failed++;
}

static int
setup(void **state)
{
	(void)state;
	if (loopback_start(&srv) == -1)
		return -1;
	loopback_put(&srv, "harbour.xml", feed_rss, strlen(feed_rss));
	loopback_put(&srv, "orchard.atom", feed_atom, strlen(feed_atom));
	db_path = xprintf("%s/store.db", srv.dir);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	loopback_stop(&srv);
	free(db_path);
	return 0;
}

/* The subscriptions: an RSS feed with a title and a tag, an Atom feed
 * served gzip-encoded, and a feed that is gone. */
static struct feedlist *
test_feeds(void)
{
	struct feedlist *fl = feedlist_new();
	char *a = loopback_url(&srv, "/harbour.xml");
	char *b = loopback_url(&srv, "/gzip/orchard.atom");
	char *c = loopback_url(&srv, "/status/404");
	char *text = xprintf("%s local \"~The Harbour\"\n%s\n%s\n", a, b, c);

	feedlist_parse(fl, text, strlen(text), NULL);
	assert_int_equal(feedlist_count(fl), 3);
	free(a);
	free(b);
	free(c);
	free(text);
	return fl;
}

static void
check_store(struct store *st, const struct refresh *r)
{
	const struct refresh_outcome *o;
	struct store_feed sf;

	o = refresh_outcome(r, 0);
	memset(&sf, 0, sizeof sf);
	assert_int_equal(store_feed_get(st, o->feed_id, &sf), 0);
	assert_string_equal(sf.title, "The Harbour");
	assert_string_equal(sf.tags, "local");
	assert_non_null(sf.etag);
	assert_non_null(sf.last_modified);
	assert_null(sf.last_error);
	assert_int_equal(sf.n_total, 2);
	store_feed_clear(&sf);

	o = refresh_outcome(r, 2);
	assert_int_equal(store_feed_get(st, o->feed_id, &sf), 0);
	assert_non_null(sf.last_error);
	assert_non_null(strstr(sf.last_error, "HTTP 404"));
	assert_int_equal(sf.last_status, 404);
	assert_int_equal(sf.n_total, 0);
	store_feed_clear(&sf);
}

static void
test_event_loop(void **state)
{
	struct refresh_opts opts;
	struct refresh_progress p;
	struct seen seen = { 0, 0 };
	struct feedlist *fl = test_feeds();
	struct store *st = NULL;
	struct refresh *r;
	char *err = NULL, c;
	int fds[2], ready, keys = 0;

	(void)state;
	assert_int_equal(store_open(&st, db_path, STORE_CREATE, &err), 0);
	refresh_opts_default(&opts);
	opts.on_feed = on_feed;
	opts.on_feed_arg = &seen;
	r = refresh_new(st, fl, &opts);
	assert_false(refresh_done(r));
	assert_int_equal(refresh_step(r, 0, -1, NULL), -1);	/* not started */
	assert_int_equal(refresh_start(r, &err), 0);

	/* A key pressed while the transfers run is seen exactly once. */
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(write(fds[1], "j", 1), 1);
	while (!refresh_done(r)) {
		assert_int_equal(refresh_step(r, 1000, fds[0], &ready), 0);
		if (ready) {
			assert_int_equal(read(fds[0], &c, 1), 1);
			keys++;
		}
	}
	close(fds[0]);
	close(fds[1]);
	assert_int_equal(keys, 1);
	assert_int_equal(seen.n, 3);
	assert_int_equal(seen.n_failed, 1);

	refresh_progress(r, &p);
	assert_int_equal(p.total, 3);
	assert_int_equal(p.done, 3);
	assert_int_equal(p.failed, 1);
	assert_int_equal(p.new_stories, 3);
	assert_int_equal(p.not_modified, 0);
	assert_int_equal(refresh_count(r), 3);
	assert_int_equal(refresh_outcome(r, 0)->n_new, 2);
	assert_int_equal(refresh_outcome(r, 1)->n_new, 1);
	assert_null(refresh_outcome(r, 1)->error);
	assert_non_null(strstr(refresh_outcome(r, 2)->error, "HTTP 404"));
	assert_null(refresh_outcome(r, 3));
	check_store(st, r);
	refresh_free(r);

	/* Again on the same handle: validators sent, nothing new, the failed
	 * feed fails again and still nothing of the others is lost. */
	r = refresh_new(st, fl, NULL);
	assert_int_equal(refresh_run(r, &err), 0);
	refresh_progress(r, &p);
	assert_int_equal(p.not_modified, 2);
	assert_int_equal(p.new_stories, 0);
	assert_int_equal(p.failed, 1);
	assert_int_equal(loopback_log_count(&srv, "GET /harbour.xml 304"), 1);
	assert_int_equal(loopback_log_count(&srv, "GET /gzip/orchard.atom 304"),
	    1);
	check_store(st, r);
	refresh_free(r);
	store_close(st);
	feedlist_free(fl);
}

static void
test_lock_refused(void **state)
{
	struct feedlist *fl = test_feeds();
	struct store *st = NULL, *st2 = NULL;
	struct refresh *r, *r2;
	char *err = NULL;

	(void)state;
	assert_int_equal(store_open(&st, db_path, STORE_CREATE, &err), 0);
	assert_int_equal(store_open(&st2, db_path, STORE_CREATE, &err), 0);
	r = refresh_new(st, fl, NULL);
	assert_int_equal(refresh_start(r, &err), 0);
	r2 = refresh_new(st2, fl, NULL);
	assert_int_equal(refresh_start(r2, &err), -1);
	assert_non_null(err);
	assert_non_null(strstr(err, "another hearsay refresh is running"));
	assert_int_equal(refresh_count(r2), 0);
	assert_false(refresh_done(r2));
	free(err);
	err = NULL;
	/* The first one is unharmed. */
	while (!refresh_done(r))
		assert_int_equal(refresh_step(r, 1000, -1, NULL), 0);
	refresh_free(r2);
	refresh_free(r);
	store_close(st2);
	store_close(st);
	feedlist_free(fl);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_event_loop),
		cmocka_unit_test(test_lock_refused),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
