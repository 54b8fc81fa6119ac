/*
 * store_feed.c - the feeds table: subscriptions from the urls file (and
 * the feeds gone from it), the outcome of each fetch (validators, status,
 * error), the feed list with unread/total counts, and the commands'
 * notes.
 *
 * Must never touch stories' read or starred state, never drop a starred
 * story, and never reach the network: what a fetch came to is handed in
 * by the caller.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hearsay/store.h"
#include "hearsay/util.h"
#include "store_int.h"

void
store_feed_clear(struct store_feed *f)
{
	if (f == NULL)
		return;
	free(f->url);
	free(f->title);
	free(f->site_link);
	free(f->tags);
	free(f->etag);
	free(f->last_modified);
	free(f->last_error);
	free(f->moved_to);
	memset(f, 0, sizeof *f);
}

/* Fill *f from a row of FEED_COLUMNS (see store.c). */
static void
store_feed_from_row(sqlite3_stmt *s, struct store_feed *f)
{
	f->id = sqlite3_column_int64(s, 0);
	f->url = store_column_text(s, 1);
	f->title = store_column_text(s, 2);
	f->site_link = store_column_text(s, 3);
	f->tags = store_column_text(s, 4);
	f->etag = store_column_text(s, 5);
	f->last_modified = store_column_text(s, 6);
	f->last_status = (long)sqlite3_column_int64(s, 7);
	f->last_error = store_column_text(s, 8);
	f->last_success = sqlite3_column_int64(s, 9);
	f->last_attempt = sqlite3_column_int64(s, 10);
	f->moved_to = store_column_text(s, 11);
	f->n_total = sqlite3_column_int64(s, 12);
	f->n_unread = sqlite3_column_int64(s, 13);
	f->position = sqlite3_column_type(s, 14) == SQLITE_NULL ? -1 :
	    sqlite3_column_int64(s, 14);
	f->hidden = sqlite3_column_int(s, 15);
	f->gone_since = sqlite3_column_int64(s, 16);
	f->newest = sqlite3_column_int64(s, 17);
}

int
store_feed_ensure(struct store *st, const char *url, const char *title,
    const char *tags, int64_t *id, char **err)
{
	sqlite3_stmt *s;
	int rc;

	s = store_stmt(st, STMT_FEED_ENSURE);
	if (s == NULL)
		return store_error(st, err, "cannot add feed");
	store_bind_text(s, 1, url);
	store_bind_text(s, 2, title);
	store_bind_text(s, 3, tags);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_error(st, err, "cannot add feed");
	s = store_stmt(st, STMT_FEED_ID);
	if (s == NULL)
		return store_error(st, err, "cannot add feed");
	store_bind_text(s, 1, url);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return store_error(st, err, "cannot add feed");
	return 0;
}

int
store_feed_delete(struct store *st, int64_t id, char **err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_FEED_DELETE);
	int rc;

	if (s == NULL)
		return store_error(st, err, "cannot delete the feed");
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_error(st, err, "cannot delete the feed");
	if (sqlite3_changes(st->db) == 0)
		return error_set(err, "no feed with id %lld", (long long)id);
	return 0;
}

int
store_feed_get(struct store *st, int64_t id, struct store_feed *f)
{
	sqlite3_stmt *s;
	int rc;

	memset(f, 0, sizeof *f);
	s = store_stmt(st, STMT_FEED_GET);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		store_feed_from_row(s, f);
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? 0 : -1;
}

int
store_feed_record(struct store *st, int64_t feed_id,
    const struct store_fetch_result *r, char **err)
{
	sqlite3_stmt *s;
	int rc;

	s = store_stmt(st, STMT_FEED_RECORD);
	if (s == NULL)
		return store_error(st, err, "cannot record the fetch");
	sqlite3_bind_int64(s, 1, feed_id);
	sqlite3_bind_int64(s, 2, r->status);
	store_bind_text(s, 3, r->error);
	sqlite3_bind_int64(s, 4, r->when);
	store_bind_text(s, 5, r->etag);
	store_bind_text(s, 6, r->last_modified);
	store_bind_text(s, 7, r->moved_to);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_error(st, err, "cannot record the fetch");
	if (sqlite3_changes(st->db) == 0)
		return error_set(err, "no feed with id %lld", (long long)feed_id);
	return 0;
}

int
store_feeds_each(struct store *st,
    int (*fn)(const struct store_feed *f, void *arg), void *arg)
{
	struct store_feed f;
	sqlite3_stmt *s;
	int rc, stop = 0;

	s = store_stmt(st, STMT_FEEDS_ALL);
	if (s == NULL)
		return -1;
	for (;;) {
		rc = sqlite3_step(s);
		if (rc != SQLITE_ROW)
			break;
		memset(&f, 0, sizeof f);
		store_feed_from_row(s, &f);
		stop = fn(&f, arg);
		store_feed_clear(&f);
		if (stop)
			break;
	}
	sqlite3_reset(s);
	return stop || rc == SQLITE_DONE ? 0 : -1;
}

/* Run one cached statement binding ?1 to v; 0 or -1. */
static int
store_feed_exec_int(struct store *st, enum store_stmt_id id, int64_t v)
{
	sqlite3_stmt *s = store_stmt(st, id);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, v);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Sync one subscription at position i inside the caller's transaction;
 * 0 or -1. */
static int
store_feed_sync_one(struct store *st, const struct store_sub *sub, size_t i)
{
	sqlite3_stmt *s = store_stmt(st, STMT_SYNC_LISTED);
	int rc;

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, sub->url);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE || (s = store_stmt(st, STMT_FEED_SYNC)) == NULL)
		return -1;
	store_bind_text(s, 1, sub->url);
	store_bind_text(s, 2, sub->title);
	store_bind_text(s, 3, sub->tags != NULL ? sub->tags : "");
	sqlite3_bind_int(s, 4, sub->hidden != 0);
	sqlite3_bind_int64(s, 5, (int64_t)i);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

int
store_feeds_sync(struct store *st, const struct store_sub *subs, size_t n,
    int64_t now, char **err)
{
	size_t i;

	if (store_exec(st, STMT_BEGIN) == -1)
		return store_error(st, err, NULL);
	/* The URLs listed, to tell the feeds that left: a table of this
	 * connection only, never written to the file. */
	if (sqlite3_exec(st->db, "CREATE TEMP TABLE IF NOT EXISTS store_sync"
	    " (url TEXT PRIMARY KEY); DELETE FROM temp.store_sync", NULL, NULL,
	    NULL) != SQLITE_OK)
		goto fail;
	for (i = 0; i < n; i++) {
		if (store_feed_sync_one(st, &subs[i], i) == -1)
			goto fail;
	}
	if (store_feed_exec_int(st, STMT_FEEDS_GONE, now) == -1 ||
	    store_exec(st, STMT_COMMIT) == -1)
		goto fail;
	return 0;
fail:
	/* The words first: the rollback clears the handle's error. */
	store_error(st, err, NULL);
	store_exec(st, STMT_ROLLBACK);
	return -1;
}

int
store_prune_gone(struct store *st, int64_t max_age, int64_t now,
    int *n_dropped, char **err)
{
	int n = 0;

	if (n_dropped != NULL)
		*n_dropped = 0;
	if (max_age <= 0)
		return 0;
	if (store_exec(st, STMT_BEGIN) == -1)
		return store_error(st, err, NULL);
	if (store_feed_exec_int(st, STMT_PRUNE_GONE, now - max_age) == -1)
		goto fail;
	n = sqlite3_changes(st->db);
	if (store_feed_exec_int(st, STMT_DROP_GONE, now - max_age) == -1 ||
	    store_exec(st, STMT_COMMIT) == -1)
		goto fail;
	if (n_dropped != NULL)
		*n_dropped = n;
	return 0;
fail:
	store_error(st, err, NULL);
	store_exec(st, STMT_ROLLBACK);
	return -1;
}

int
store_note_get(struct store *st, const char *key, char **value)
{
	sqlite3_stmt *s = store_stmt(st, STMT_NOTE_GET);
	int rc;

	*value = NULL;
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, key);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*value = store_column_text(s, 0);
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

int
store_note_put(struct store *st, const char *key, const char *value,
    char **err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_NOTE_PUT);
	int rc;

	if (s == NULL)
		return store_error(st, err, NULL);
	store_bind_text(s, 1, key);
	store_bind_text(s, 2, value);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_error(st, err, NULL);
	return 0;
}
