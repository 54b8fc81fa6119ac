/*
 * test_store_marks.c - what the reader's marks and reloads ask of the
 * store, on real files: a flag set on a set of ids in one statement (the
 * undo of a mark of thousands restores exactly the set, not the stories
 * read before it, and skips stories gone), a story's index in a list in
 * each order and filter, and the data version that moves for other
 * connections' writes and not for the handle's own.
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

#include "hearsay/feed.h"
#include "hearsay/store.h"
#include "hearsay/util.h"
#include "testlib.h"

#define NOW ((int64_t)1764000000)	/* 2025-11-24 */
#define N_STORIES 40

/* A new store in the group's directory with one feed of N_STORIES
 * stories, story k (1-based) dated NOW + k (so newest first lists them
 * N_STORIES down to 1); *feed gets the feed's id. */
static struct store *
make_store(const char *name, int64_t *feed)
{
	struct feed_item items[N_STORIES];
	char ids[N_STORIES][16], titles[N_STORIES][32];
	struct feed_doc doc;
	struct store *st = NULL;
	char *path = xprintf("%s/%s.db", testlib_dir, name), *err = NULL;
	int k, n_new = 0;

	if (store_open(&st, path, STORE_CREATE, &err) == -1)
		fail_msg("store_open: %s", err);
	assert_int_equal(store_feed_ensure(st, "https://marks.test/feed",
	    NULL, NULL, feed, &err), 0);
	memset(items, 0, sizeof(items));
	for (k = 0; k < N_STORIES; k++) {
		snprintf(ids[k], sizeof(ids[k]), "s%d", k + 1);
		snprintf(titles[k], sizeof(titles[k]), "story %d", k + 1);
		items[k].id = ids[k];
		items[k].title = titles[k];
		items[k].published = NOW + k + 1;
		items[k].updated = FEED_NO_DATE;
		items[k].content = (char *)"<p>words</p>";
	}
	memset(&doc, 0, sizeof(doc));
	doc.format = FEED_FORMAT_RSS20;
	doc.title = (char *)"Marks";
	doc.updated = FEED_NO_DATE;
	doc.items = items;
	doc.n_items = N_STORIES;
	if (store_feed_merge(st, *feed, &doc, NOW, &n_new, &err) == -1)
		fail_msg("store_feed_merge: %s", err);
	assert_int_equal(n_new, N_STORIES);
	free(path);
	return st;
}

/* The ids of the feed's stories, newest first, into ids[N_STORIES]. */
static void
story_ids(struct store *st, int64_t feed, int64_t *ids)
{
	struct store_query q = { STORE_SCOPE_FEED, feed, 1, 0, NULL };
	struct store_story rows[N_STORIES];
	int i;

	assert_int_equal(store_story_rows(st, &q, 0, N_STORIES, rows),
	    N_STORIES);
	for (i = 0; i < N_STORIES; i++) {
		ids[i] = rows[i].id;
		store_story_clear(&rows[i]);
	}
}

/* The read flags of the feed's stories, newest first, as a string of
 * 0s and 1s. */
static void
read_flags(struct store *st, int64_t feed, char *out)
{
	struct store_query q = { STORE_SCOPE_FEED, feed, 1, 0, NULL };
	struct store_story rows[N_STORIES];
	int i;

	assert_int_equal(store_story_rows(st, &q, 0, N_STORIES, rows),
	    N_STORIES);
	for (i = 0; i < N_STORIES; i++) {
		out[i] = rows[i].read ? '1' : '0';
		store_story_clear(&rows[i]);
	}
	out[N_STORIES] = '\0';
}

/* Mark all read, then undo it from the ids it returned: exactly the
 * stories it marked are unread again, those read before stay read. */
static void
test_undo_restores_the_set(void **state)
{
	struct store *st;
	int64_t feed, all[N_STORIES], *ids = NULL, changed = -1;
	char before[N_STORIES + 1], after[N_STORIES + 1];
	size_t n = 0;
	int k;

	(void)state;
	st = make_store("undo", &feed);
	story_ids(st, feed, all);
	/* Every third story read before the mark. */
	for (k = 0; k < N_STORIES; k += 3)
		assert_int_equal(store_story_set_read(st, all[k], 1, NULL), 0);
	read_flags(st, feed, before);
	assert_int_equal(store_mark_all_read(st, feed, &ids, &n, NULL), 0);
	assert_int_equal(n, N_STORIES - (N_STORIES + 2) / 3);
	read_flags(st, feed, after);
	assert_string_equal(after, "1111111111111111111111111111111111111111");
	assert_int_equal(store_story_set_many(st, 0, ids, n, 0, &changed,
	    NULL), 0);
	assert_int_equal(changed, (int64_t)n);
	read_flags(st, feed, after);
	assert_string_equal(after, before);
	/* Again: nothing left to change, nothing changes. */
	assert_int_equal(store_story_set_many(st, 0, ids, n, 0, &changed,
	    NULL), 0);
	assert_int_equal(changed, 0);
	read_flags(st, feed, after);
	assert_string_equal(after, before);
	free(ids);
	store_close(st);
}

/* Stars too; ids of stories that are gone, or never were, are skipped;
 * an empty set changes nothing. */
static void
test_set_many_stars_and_gone(void **state)
{
	struct store *st;
	int64_t feed, all[N_STORIES], set[4], changed = -1;
	struct store_query starred = { STORE_SCOPE_STARRED, 0, 1, 0, NULL };
	struct store_story s;

	(void)state;
	st = make_store("stars", &feed);
	story_ids(st, feed, all);
	set[0] = all[0];
	set[1] = all[5];
	set[2] = 999999;	/* no such story */
	set[3] = all[39];
	assert_int_equal(store_story_set_many(st, 1, set, 4, 1, &changed,
	    NULL), 0);
	assert_int_equal(changed, 3);
	assert_int_equal(store_story_count(st, &starred), 3);
	assert_int_equal(store_story_get(st, all[5], &s, NULL), 0);
	assert_true(s.starred);
	assert_false(s.read);
	store_story_clear(&s);
	assert_int_equal(store_story_set_many(st, 1, set, 2, 0, &changed,
	    NULL), 0);
	assert_int_equal(changed, 2);
	assert_int_equal(store_story_count(st, &starred), 1);
	assert_int_equal(store_story_set_many(st, 0, NULL, 0, 1, &changed,
	    NULL), 0);
	assert_int_equal(changed, 0);
	store_close(st);
}

/* A story's index in a list: newest and oldest first, a filter that
 * leaves read stories out, other scopes, and -1 when it is not listed. */
static void
test_index(void **state)
{
	struct store *st;
	int64_t feed, all[N_STORIES];
	struct store_query newest = { STORE_SCOPE_FEED, 0, 1, 0, NULL };
	struct store_query oldest = { STORE_SCOPE_FEED, 0, 1, 1, NULL };
	struct store_query unread = { STORE_SCOPE_FEED, 0, 0, 0, NULL };
	struct store_query starred = { STORE_SCOPE_STARRED, 0, 1, 0, NULL };
	struct store_query other = { STORE_SCOPE_FEED, 0, 1, 0, NULL };
	int k;

	(void)state;
	st = make_store("index", &feed);
	newest.feed_id = oldest.feed_id = unread.feed_id = feed;
	other.feed_id = feed + 1;
	story_ids(st, feed, all);
	for (k = 0; k < N_STORIES; k++) {
		assert_int_equal(store_story_index(st, &newest, all[k]), k);
		assert_int_equal(store_story_index(st, &oldest, all[k]),
		    N_STORIES - 1 - k);
	}
	/* The ten newest read: gone from the unread list, which starts at
	 * the eleventh. */
	for (k = 0; k < 10; k++)
		assert_int_equal(store_story_set_read(st, all[k], 1, NULL), 0);
	assert_int_equal(store_story_index(st, &unread, all[3]), -1);
	assert_int_equal(store_story_index(st, &unread, all[10]), 0);
	assert_int_equal(store_story_index(st, &unread, all[39]), 29);
	/* Starred, it is listed again, read or not. */
	assert_int_equal(store_story_set_starred(st, all[3], 1, NULL), 0);
	assert_int_equal(store_story_index(st, &unread, all[3]), 0);
	assert_int_equal(store_story_index(st, &unread, all[10]), 1);
	assert_int_equal(store_story_index(st, &starred, all[3]), 0);
	assert_int_equal(store_story_index(st, &starred, all[4]), -1);
	assert_int_equal(store_story_index(st, &other, all[3]), -1);
	assert_int_equal(store_story_index(st, &newest, 999999), -1);
	store_close(st);
}

/* The data version moves when another handle writes (here, another
 * connection of this process: cron's refresh is another process, which
 * SQLite tells apart the same way), never for the handle's own writes. */
static void
test_data_version(void **state)
{
	struct store *st, *other = NULL;
	int64_t feed, all[N_STORIES], v, w, *ids = NULL;
	char *path = xprintf("%s/version.db", testlib_dir), *err = NULL;
	size_t n = 0;

	(void)state;
	st = make_store("version", &feed);
	story_ids(st, feed, all);
	v = store_data_version(st);
	assert_true(v >= 0);
	assert_int_equal(store_story_set_read(st, all[0], 1, NULL), 0);
	assert_int_equal(store_mark_all_read(st, feed, &ids, &n, NULL), 0);
	assert_int_equal(store_story_set_many(st, 0, ids, n, 0, NULL, NULL),
	    0);
	assert_int_equal(store_data_version(st), v);
	if (store_open(&other, path, 0, &err) == -1)
		fail_msg("store_open: %s", err);
	w = store_data_version(other);
	assert_int_equal(store_story_set_read(other, all[1], 1, NULL), 0);
	assert_int_not_equal(store_data_version(st), v);
	/* And the other way round. */
	assert_int_equal(store_data_version(other), w);
	v = store_data_version(st);
	assert_int_equal(store_story_set_starred(st, all[2], 1, NULL), 0);
	assert_int_not_equal(store_data_version(other), w);
	assert_int_equal(store_data_version(st), v);
	free(ids);
	free(path);
	store_close(other);
	store_close(st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_undo_restores_the_set),
		cmocka_unit_test(test_set_many_stars_and_gone),
		cmocka_unit_test(test_index),
		cmocka_unit_test(test_data_version),
	};

	return cmocka_run_group_tests(tests, testlib_dir_setup,
	    testlib_dir_teardown);
}
