/*
 * store_sync.c - the store's side of syncing with a feed server
 * (sync_ttrss.c): the account and its cursor, the server's ids of feeds
 * and stories, the server's read and starred state, and the queue of the
 * marks made here that the server has not taken yet.
 *
 * The queue is filled by the schema's triggers (store_migrate.c, version
 * 7), in the transaction of the mark itself, so that no mark made here is
 * lost by a kill or a crash whatever part of hearsay made it.  This file
 * must never let the server's state override a mark still queued, never
 * queue the server's own state back to it, and never leave
 * sync_account.applying set outside its own write transaction.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hearsay/store.h"
#include "hearsay/util.h"
#include "store_int.h"

static const struct {
	enum store_stmt_id id;
	const char	*sql;
} store_sync_stmts[] = {
	{ STMT_SYNC_ACCOUNT_GET, "SELECT account, since_id, pass_skip,"
	    " pass_max, last_sync FROM sync_account WHERE id = 1" },
	{ STMT_SYNC_ACCOUNT_NEW,
	    "INSERT INTO sync_account (id, account) VALUES (1, ?1)" },
	{ STMT_SYNC_CURSOR_PUT, "UPDATE sync_account SET since_id = ?1,"
	    " pass_skip = ?2, pass_max = ?3, last_sync = ?4 WHERE id = 1" },
	{ STMT_SYNC_APPLYING,
	    "UPDATE sync_account SET applying = ?1 WHERE id = 1" },
	{ STMT_SYNC_FEED_FIND, "SELECT id FROM feeds WHERE remote_id = ?1" },
	/* A feed of the urls file the server has too becomes the server's
	 * (back from gone, if it had left the urls file). */
	{ STMT_SYNC_FEED_NEW, "INSERT INTO feeds (url, remote_id, feed_title,"
	    " tags) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (url) DO UPDATE SET"
	    " remote_id = excluded.remote_id, feed_title = excluded.feed_title,"
	    " tags = excluded.tags, gone_since = NULL RETURNING id" },
	{ STMT_SYNC_FEED_UPDATE, "UPDATE feeds SET feed_title = ?2, tags = ?3,"
	    " gone_since = NULL WHERE id = ?1 AND (feed_title IS NOT ?2"
	    " OR tags IS NOT ?3 OR gone_since IS NOT NULL)" },
	{ STMT_SYNC_FEED_LIST, "SELECT id, remote_id FROM feeds"
	    " WHERE remote_id IS NOT NULL AND gone_since IS NULL" },
	/* As a feed gone from the urls file (store_feeds_sync). */
	{ STMT_SYNC_FEED_GONE, "UPDATE feeds SET gone_since = ?2,"
	    " position = NULL WHERE id = ?1" },
	{ STMT_SYNC_STORY_MAP, "UPDATE stories SET remote_id = ?3"
	    " WHERE feed_id = ?1 AND key = ?2 AND remote_id IS NOT ?3" },
	{ STMT_SYNC_STORY_READ, "UPDATE stories SET read = ?2"
	    " WHERE remote_id = ?1 AND read IS NOT ?2 AND NOT EXISTS"
	    " (SELECT 1 FROM sync_queue q WHERE q.remote_id = ?1"
	    " AND q.field = 2)" },
	{ STMT_SYNC_STORY_STARRED, "UPDATE stories SET starred = ?2"
	    " WHERE remote_id = ?1 AND starred IS NOT ?2 AND NOT EXISTS"
	    " (SELECT 1 FROM sync_queue q WHERE q.remote_id = ?1"
	    " AND q.field = 0)" },
	{ STMT_SYNC_QUEUE_TAKE, "SELECT seq, remote_id, field, value"
	    " FROM sync_queue ORDER BY seq LIMIT ?1" },
	{ STMT_SYNC_QUEUE_DONE, "DELETE FROM sync_queue WHERE seq <= ?1" },
	{ STMT_SYNC_QUEUE_COUNT, "SELECT count(*) FROM sync_queue" },
	{ STMT_SYNC_FEED_COUNTS, "SELECT f.remote_id,"
	    " (SELECT count(*) FROM stories s WHERE s.feed_id = f.id"
	    "  AND s.remote_id IS NOT NULL AND s.read = 0),"
	    " (SELECT count(*) FROM stories s WHERE s.feed_id = f.id"
	    "  AND s.remote_id IS NOT NULL AND s.starred = 1)"
	    " FROM feeds f WHERE f.remote_id IS NOT NULL"
	    " AND f.gone_since IS NULL" },
	{ STMT_SYNC_FEED_STORIES, "SELECT s.remote_id FROM stories s"
	    " JOIN feeds f ON f.id = s.feed_id WHERE f.remote_id = ?1"
	    " AND s.remote_id IS NOT NULL" },
};

const char *
store_sync_sql(enum store_stmt_id id)
{
	size_t i;

	for (i = 0; i < nitems(store_sync_stmts); i++) {
		if (store_sync_stmts[i].id == id)
			return store_sync_stmts[i].sql;
	}
	return NULL;
}

/* Step a statement that returns no rows (or ignores them); 0 or -1 with
 * *err saying what failed. */
static int
store_sync_run(struct store *st, sqlite3_stmt *s, char **err, const char *what)
{
	int rc = sqlite3_step(s);

	if (rc == SQLITE_ROW || rc == SQLITE_DONE) {
		sqlite3_reset(s);
		return 0;
	}
	store_error(st, err, what);
	sqlite3_reset(s);
	return -1;
}

int
store_sync_account(struct store *st, const char *account,
    struct store_sync_cursor *c, char **err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_SYNC_ACCOUNT_GET);
	char *have = NULL;
	int rc;

	memset(c, 0, sizeof *c);
	if (s == NULL)
		return store_error(st, err, "cannot read the sync account");
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		have = store_column_text(s, 0);
		c->since_id = sqlite3_column_int64(s, 1);
		c->pass_skip = sqlite3_column_int64(s, 2);
		c->pass_max = sqlite3_column_int64(s, 3);
		c->last_sync = sqlite3_column_int64(s, 4);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_error(st, err, "cannot read the sync account");
	if (have != NULL) {
		/* Its stories carry that server's ids: mixing two servers'
		 * ids would mark the wrong stories. */
		rc = strcmp(have, account) == 0 ? 0 : error_set(err, "%s syncs "
		    "with %s, not %s: give another store (-d) for this account",
		    st->path, have, account);
		free(have);
		return rc;
	}
	s = store_stmt(st, STMT_SYNC_ACCOUNT_NEW);
	if (s == NULL)
		return store_error(st, err, "cannot start the sync account");
	store_bind_text(s, 1, account);
	return store_sync_run(st, s, err, "cannot start the sync account");
}

/* Set sync_account.applying; 0 or -1. */
static int
store_sync_applying(struct store *st, int on, char **err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_SYNC_APPLYING);

	if (s == NULL)
		return store_error(st, err, "cannot write the store");
	sqlite3_bind_int(s, 1, on);
	return store_sync_run(st, s, err, "cannot write the store");
}

int
store_sync_begin(struct store *st, char **err)
{
	if (store_exec(st, STMT_BEGIN) == -1)
		return store_error(st, err, "cannot write the store");
	if (store_sync_applying(st, 1, err) == -1) {
		store_exec(st, STMT_ROLLBACK);
		return -1;
	}
	st->in_sync = 1;
	return 0;
}

int
store_sync_commit(struct store *st, char **err)
{
	/* The flag is cleared before the commit: no other writer, nor the
	 * next one of this handle, ever sees it set. */
	if (store_sync_applying(st, 0, err) == -1)
		goto fail;
	if (store_exec(st, STMT_COMMIT) == -1) {
		store_error(st, err, "cannot commit the sync");
		goto fail;
	}
	st->in_sync = 0;
	return 0;
fail:
	store_sync_rollback(st);
	return -1;
}

void
store_sync_rollback(struct store *st)
{
	store_texts_clear(st);
	store_exec(st, STMT_ROLLBACK);
	st->in_sync = 0;
}

int
store_sync_cursor_put(struct store *st, const struct store_sync_cursor *c,
    char **err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_SYNC_CURSOR_PUT);

	if (s == NULL)
		return store_error(st, err, "cannot write the sync cursor");
	sqlite3_bind_int64(s, 1, c->since_id);
	sqlite3_bind_int64(s, 2, c->pass_skip);
	sqlite3_bind_int64(s, 3, c->pass_max);
	sqlite3_bind_int64(s, 4, c->last_sync);
	return store_sync_run(st, s, err, "cannot write the sync cursor");
}

int
store_sync_feed(struct store *st, int64_t remote_id, const char *url,
    const char *title, const char *tags, int64_t *feed_id, char **err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_SYNC_FEED_FIND);
	int rc;

	*feed_id = 0;
	if (s == NULL)
		return store_error(st, err, "cannot read the feeds");
	sqlite3_bind_int64(s, 1, remote_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*feed_id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_error(st, err, "cannot read the feeds");
	if (*feed_id != 0) {
		s = store_stmt(st, STMT_SYNC_FEED_UPDATE);
		if (s == NULL)
			return store_error(st, err, "cannot update a feed");
		sqlite3_bind_int64(s, 1, *feed_id);
		store_bind_text(s, 2, title);
		store_bind_text(s, 3, tags);
		return store_sync_run(st, s, err, "cannot update a feed");
	}
	s = store_stmt(st, STMT_SYNC_FEED_NEW);
	if (s == NULL)
		return store_error(st, err, "cannot add a feed");
	store_bind_text(s, 1, url);
	sqlite3_bind_int64(s, 2, remote_id);
	store_bind_text(s, 3, title);
	store_bind_text(s, 4, tags);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*feed_id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return store_error(st, err, "cannot add a feed");
	return 0;
}

/* Non-zero when id is among the n sorted ids. */
static int
store_sync_has(const int64_t *ids, size_t n, int64_t id)
{
	size_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (ids[mid] == id)
			return 1;
		if (ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

static int
store_sync_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* Collect the values of column 0 of statement s (bound already) into
 * *out, and column 1 into *out2 when not NULL; how many, or -1. */
static int64_t
store_sync_collect(sqlite3_stmt *s, int64_t **out, int64_t **out2)
{
	size_t n = 0, cap = 0;
	int rc;

	*out = NULL;
	if (out2 != NULL)
		*out2 = NULL;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			*out = xreallocarray(*out, cap, sizeof **out);
			if (out2 != NULL)
				*out2 = xreallocarray(*out2, cap, sizeof **out2);
		}
		(*out)[n] = sqlite3_column_int64(s, 0);
		if (out2 != NULL)
			(*out2)[n] = sqlite3_column_int64(s, 1);
		n++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		xfree(*out);
		if (out2 != NULL)
			xfree(*out2);
		return -1;
	}
	return (int64_t)n;
}

int
store_sync_feeds_keep(struct store *st, const int64_t *remote_ids, size_t n,
    int64_t now, int *n_gone, char **err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_SYNC_FEED_LIST);
	int64_t *ids = NULL, *remote = NULL, *keep, got, i;
	int rc = 0;

	if (n_gone != NULL)
		*n_gone = 0;
	if (s == NULL || (got = store_sync_collect(s, &ids, &remote)) == -1)
		return store_error(st, err, "cannot read the feeds");
	keep = xreallocarray(NULL, n + 1, sizeof *keep);
	if (n > 0)
		memcpy(keep, remote_ids, n * sizeof *keep);
	qsort(keep, n, sizeof *keep, store_sync_cmp);
	for (i = 0; i < got && rc == 0; i++) {
		if (store_sync_has(keep, n, remote[i]))
			continue;
		s = store_stmt(st, STMT_SYNC_FEED_GONE);
		if (s == NULL) {
			rc = store_error(st, err, "cannot update a feed");
			break;
		}
		sqlite3_bind_int64(s, 1, ids[i]);
		sqlite3_bind_int64(s, 2, now);
		rc = store_sync_run(st, s, err, "cannot update a feed");
		if (rc == 0 && n_gone != NULL)
			(*n_gone)++;
	}
	free(keep);
	free(ids);
	free(remote);
	return rc;
}

int
store_sync_story(struct store *st, int64_t feed_id, const char *key,
    int64_t remote_id, char **err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_SYNC_STORY_MAP);

	if (s == NULL)
		return store_error(st, err, "cannot map a story");
	sqlite3_bind_int64(s, 1, feed_id);
	store_bind_text(s, 2, key);
	sqlite3_bind_int64(s, 3, remote_id);
	return store_sync_run(st, s, err, "cannot map a story");
}

/* Set one kind of state of one story unless a mark of it is queued;
 * *changed (may be NULL) counts it when it changed. */
static int
store_sync_flag(struct store *st, int64_t remote_id, int starred, int value,
    int *changed, char **err)
{
	sqlite3_stmt *s = store_stmt(st, starred ? STMT_SYNC_STORY_STARRED :
	    STMT_SYNC_STORY_READ);

	if (s == NULL)
		return store_error(st, err, "cannot set a story's state");
	sqlite3_bind_int64(s, 1, remote_id);
	sqlite3_bind_int(s, 2, value);
	if (store_sync_run(st, s, err, "cannot set a story's state") == -1)
		return -1;
	if (changed != NULL)
		*changed += sqlite3_changes(st->db);
	return 0;
}

int
store_sync_state(struct store *st, int64_t remote_id, int unread,
    int starred, char **err)
{
	if (store_sync_flag(st, remote_id, 0, !unread, NULL, err) == -1)
		return -1;
	return store_sync_flag(st, remote_id, 1, starred != 0, NULL, err);
}

int
store_sync_feed_state(struct store *st, int64_t feed_remote_id, int starred,
    const int64_t *ids, size_t n, int *n_changed, char **err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_SYNC_FEED_STORIES);
	int64_t *mine = NULL, got, i;
	int on, rc = 0, changed = 0;

	if (s == NULL)
		return store_error(st, err, "cannot read a feed's stories");
	sqlite3_bind_int64(s, 1, feed_remote_id);
	/* The ids first, the updates after: no statement steps over rows
	 * it is changing. */
	if ((got = store_sync_collect(s, &mine, NULL)) == -1)
		return store_error(st, err, "cannot read a feed's stories");
	for (i = 0; i < got && rc == 0; i++) {
		on = store_sync_has(ids, n, mine[i]);
		/* The read column is the opposite of the server's unread. */
		rc = store_sync_flag(st, mine[i], starred, starred ? on : !on,
		    &changed, err);
	}
	free(mine);
	if (n_changed != NULL)
		*n_changed = changed;
	return rc;
}

int
store_sync_queue(struct store *st, int n, struct store_sync_mark *rows)
{
	sqlite3_stmt *s = store_stmt(st, STMT_SYNC_QUEUE_TAKE);
	int got = 0, rc = SQLITE_DONE;

	if (s == NULL)
		return -1;
	sqlite3_bind_int(s, 1, n);
	while (got < n && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		rows[got].seq = sqlite3_column_int64(s, 0);
		rows[got].remote_id = sqlite3_column_int64(s, 1);
		rows[got].field = sqlite3_column_int(s, 2);
		rows[got].value = sqlite3_column_int(s, 3);
		got++;
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? got : -1;
}

int
store_sync_queue_done(struct store *st, int64_t seq, char **err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_SYNC_QUEUE_DONE);

	if (s == NULL)
		return store_error(st, err, "cannot update the queue of marks");
	sqlite3_bind_int64(s, 1, seq);
	return store_sync_run(st, s, err, "cannot update the queue of marks");
}

int64_t
store_sync_queue_count(struct store *st)
{
	sqlite3_stmt *s = store_stmt(st, STMT_SYNC_QUEUE_COUNT);
	int64_t n = -1;

	if (s == NULL)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return n;
}

int
store_sync_counts(struct store *st,
    int (*fn)(const struct store_sync_count *c, void *arg), void *arg)
{
	sqlite3_stmt *s = store_stmt(st, STMT_SYNC_FEED_COUNTS);
	struct store_sync_count c;
	int rc;

	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		c.remote_id = sqlite3_column_int64(s, 0);
		c.unread = sqlite3_column_int64(s, 1);
		c.starred = sqlite3_column_int64(s, 2);
		if (fn(&c, arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : -1;
}
