/*
 * store_story.c - what the reader asks of the store: story rows a page at
 * a time, a story's place in a list, one story with its body,
 * read/starred flags, mark-all-read with undo ids and the undo of a set
 * of ids in one statement (search is store_search.c).
 *
 * Must never load a whole story list into memory: every listing takes an
 * offset and a row count.  A bad search query is an error message, never
 * a crash.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hearsay/buf.h"
#include "hearsay/store.h"
#include "hearsay/url.h"
#include "hearsay/util.h"
#include "store_int.h"

/* The WHERE clause of each scope; FEED binds ?1, ALL and UNREAD the tag
 * ?4 (they list the feeds of the urls file only). */
static const char *const store_scope_where[] = {
	[STORE_SCOPE_FEED] = "s.feed_id = ?1",
	[STORE_SCOPE_ALL] = "s.feed_id IN " FEEDS_SUBSCRIBED_TAGGED,
	[STORE_SCOPE_UNREAD] = "s.read = 0 AND s.feed_id IN "
	    FEEDS_SUBSCRIBED_TAGGED,
	[STORE_SCOPE_STARRED] = "s.starred = 1",
};

void
store_story_clear(struct store_story *s)
{
	if (s == NULL)
		return;
	free(s->feed_title);
	free(s->title);
	free(s->link);
	free(s->author);
	memset(s, 0, sizeof *s);
}

void
store_story_from_row(sqlite3_stmt *s, struct store_story *r)
{
	r->id = sqlite3_column_int64(s, 0);
	r->feed_id = sqlite3_column_int64(s, 1);
	r->feed_title = store_column_text(s, 2);
	r->title = store_column_text(s, 3);
	r->link = store_column_text(s, 4);
	/* A store written before links were judged may hold javascript: and
	 * the like: never handed on. */
	if (url_link_check(r->link, NULL) == URL_LINK_UNSAFE)
		xfree(r->link);
	r->author = store_column_text(s, 5);
	r->date = sqlite3_column_int64(s, 6);
	r->read = sqlite3_column_int(s, 7);
	r->starred = sqlite3_column_int(s, 8);
	r->analysed = sqlite3_column_int(s, 9);
	r->n_quotes = sqlite3_column_int(s, 10);
	r->n_sources = sqlite3_column_int(s, 11);
}

/* The slot of a query's cached statements, or -1 for a bad scope. */
static int
store_query_slot(const struct store_query *q)
{
	if ((int)q->scope < 0 || (size_t)q->scope >= nitems(store_scope_where))
		return -1;
	return (int)q->scope * 4 + (q->include_read ? 2 : 0) +
	    (q->oldest_first ? 1 : 0);
}

/* The SQL selecting a query's stories: rows (LIMIT ?2 OFFSET ?3) or their
 * count.  Caller frees. */
static char *
store_query_sql(const struct store_query *q, int count)
{
	struct buf b = BUF_INIT;

	if (count)
		buf_addstr(&b, "SELECT count(*) FROM stories s");
	else
		buf_addstr(&b, "SELECT " STORY_COLUMNS " FROM stories s"
		    " JOIN feeds f ON f.id = s.feed_id" STORY_JOIN_ANALYSIS);
	buf_printf(&b, " WHERE %s", store_scope_where[q->scope]);
	/* Starred stories stay listed once read: they were kept on purpose. */
	if (!q->include_read && (q->scope == STORE_SCOPE_FEED ||
	    q->scope == STORE_SCOPE_ALL))
		buf_addstr(&b, " AND (s.read = 0 OR s.starred = 1)");
	if (!count)
		buf_printf(&b, " ORDER BY s.date %s, s.id %s LIMIT ?2 OFFSET ?3",
		    q->oldest_first ? "ASC" : "DESC",
		    q->oldest_first ? "ASC" : "DESC");
	return buf_detach(&b);
}

/* The SQL of a story's index in a query's list (?5 the story): how many
 * rows come before it in the list's order, or -1 when it is not listed.
 * Caller frees. */
static char *
store_index_sql(const struct store_query *q)
{
	struct buf b = BUF_INIT;
	char *count = store_query_sql(q, 1);
	const char *where = strstr(count, " WHERE ");

	/* The list's WHERE clause twice: for the story, and for the rows
	 * before it (row values compare the date, then the id). */
	buf_printf(&b, "SELECT CASE WHEN EXISTS (SELECT 1 FROM stories s%s"
	    " AND s.id = ?5) THEN (SELECT count(*) FROM stories s%s AND"
	    " (s.date, s.id) %s (SELECT date, id FROM stories WHERE id = ?5))"
	    " ELSE -1 END", where, where, q->oldest_first ? "<" : ">");
	free(count);
	return buf_detach(&b);
}

/* The cached statement for a query (count 2: for a story's index),
 * prepared on first use. */
static sqlite3_stmt *
store_query_stmt(struct store *st, const struct store_query *q, int count)
{
	sqlite3_stmt **slot;
	sqlite3_stmt *s;
	char *sql;
	int i = store_query_slot(q);

	if (i == -1)
		return NULL;
	slot = count == 2 ? &st->places[i] : count ? &st->counts[i] :
	    &st->rows[i];
	sql = *slot == NULL ? (count == 2 ? store_index_sql(q) :
	    store_query_sql(q, count)) : NULL;
	s = store_prepare(st, slot, sql);
	free(sql);
	if (s != NULL) {
		sqlite3_bind_int64(s, 1, q->feed_id);
		/* Not every scope has ?4: SQLITE_RANGE is no error here. */
		store_bind_text(s, 4, q->tag);
	}
	return s;
}

int64_t
store_story_count(struct store *st, const struct store_query *q)
{
	sqlite3_stmt *s = store_query_stmt(st, q, 1);
	int64_t n = -1;

	if (s == NULL)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return n;
}

int64_t
store_story_index(struct store *st, const struct store_query *q, int64_t id)
{
	sqlite3_stmt *s = store_query_stmt(st, q, 2);
	int64_t n = -1;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 5, id);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return n;
}

int
store_story_rows(struct store *st, const struct store_query *q,
    int64_t offset, int n, struct store_story *rows)
{
	sqlite3_stmt *s;
	int got = 0, rc = SQLITE_DONE;

	if (n <= 0)
		return 0;
	memset(rows, 0, (size_t)n * sizeof *rows);
	s = store_query_stmt(st, q, 0);
	if (s == NULL)
		return -1;
	sqlite3_bind_int(s, 2, n);
	sqlite3_bind_int64(s, 3, offset);
	while (got < n) {
		rc = sqlite3_step(s);
		if (rc != SQLITE_ROW)
			break;
		store_story_from_row(s, &rows[got++]);
	}
	sqlite3_reset(s);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return got;
	while (got > 0)
		store_story_clear(&rows[--got]);
	return -1;
}

int
store_story_get(struct store *st, int64_t id, struct store_story *r,
    char **body)
{
	sqlite3_stmt *s = store_stmt(st, STMT_STORY_GET);
	int rc;

	memset(r, 0, sizeof *r);
	if (body != NULL)
		*body = NULL;
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		store_story_from_row(s, r);
		if (body != NULL)
			*body = store_column_text(s, STORY_N_COLUMNS);
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* Set one flag column of a story; 0, or -1 with *err (why only, or that
 * there is no such story). */
static int
store_story_flag(struct store *st, enum store_stmt_id id, int64_t story,
    int value, char **err)
{
	sqlite3_stmt *s = store_stmt(st, id);
	int rc;

	if (s == NULL)
		return store_error(st, err, NULL);
	sqlite3_bind_int64(s, 1, story);
	sqlite3_bind_int(s, 2, value != 0);
	rc = sqlite3_step(s);
	if (rc != SQLITE_DONE) {
		store_error(st, err, NULL);
		sqlite3_reset(s);
		return -1;
	}
	sqlite3_reset(s);
	if (sqlite3_changes(st->db) == 0)
		return error_set(err, "the story is gone from the store");
	return 0;
}

int
store_story_set_read(struct store *st, int64_t id, int read, char **err)
{
	return store_story_flag(st, STMT_STORY_READ, id, read, err);
}

int
store_story_set_starred(struct store *st, int64_t id, int starred,
    char **err)
{
	return store_story_flag(st, STMT_STORY_STAR, id, starred, err);
}

int
store_story_set_many(struct store *st, int starred, const int64_t *ids,
    size_t n, int value, int64_t *n_changed, char **err)
{
	struct buf b = BUF_INIT;
	sqlite3_stmt *s;
	size_t i;
	int rc;

	if (n_changed != NULL)
		*n_changed = 0;
	if (n == 0)
		return 0;
	/* The ids as a JSON array for json_each: 20 digits and a comma
	 * each at most, so the buffer's cap is never what stops it. */
	buf_init(&b, n * 22 + 16);
	buf_addc(&b, '[');
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%lld", i > 0 ? "," : "", (long long)ids[i]);
	buf_addc(&b, ']');
	s = store_stmt(st, starred ? STMT_STORY_SET_STAR_MANY :
	    STMT_STORY_SET_READ_MANY);
	if (s == NULL) {
		buf_free(&b);
		return store_error(st, err, NULL);
	}
	sqlite3_bind_text(s, 1, buf_str(&b), (int)b.len, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, value != 0);
	rc = sqlite3_step(s);
	if (rc != SQLITE_DONE)
		store_error(st, err, NULL);
	else if (n_changed != NULL)
		*n_changed = sqlite3_changes(st->db);
	sqlite3_reset(s);
	buf_free(&b);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Collect the ids of the unread stories mark-all-read will change. */
static int
store_unread_ids(struct store *st, int64_t feed_id, int64_t **ids,
    size_t *n_ids)
{
	sqlite3_stmt *s = store_stmt(st, feed_id != 0 ? STMT_UNREAD_IDS_FEED :
	    STMT_UNREAD_IDS);
	size_t cap = 0;
	int rc;

	if (s == NULL)
		return -1;
	if (feed_id != 0)
		sqlite3_bind_int64(s, 1, feed_id);
	for (;;) {
		rc = sqlite3_step(s);
		if (rc != SQLITE_ROW)
			break;
		if (*n_ids == cap) {
			cap = cap == 0 ? 64 : cap * 2;
			*ids = xreallocarray(*ids, cap, sizeof **ids);
		}
		(*ids)[(*n_ids)++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

int
store_mark_all_read(struct store *st, int64_t feed_id, int64_t **ids,
    size_t *n_ids, char **err)
{
	sqlite3_stmt *s;
	int rc;

	*ids = NULL;
	*n_ids = 0;
	if (store_exec(st, STMT_BEGIN) == -1)
		return store_error(st, err, NULL);
	if (store_unread_ids(st, feed_id, ids, n_ids) == -1)
		goto fail;
	if (*n_ids > 0) {
		s = store_stmt(st, feed_id != 0 ? STMT_MARK_READ_FEED :
		    STMT_MARK_READ);
		if (s == NULL)
			goto fail;
		if (feed_id != 0)
			sqlite3_bind_int64(s, 1, feed_id);
		rc = sqlite3_step(s);
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			goto fail;
	}
	if (store_exec(st, STMT_COMMIT) == -1)
		goto fail;
	return 0;
fail:
	/* The words first: the rollback clears the handle's error. */
	store_error(st, err, NULL);
	store_exec(st, STMT_ROLLBACK);
	xfree(*ids);
	*n_ids = 0;
	return -1;
}
