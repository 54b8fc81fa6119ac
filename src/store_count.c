/*
 * store_count.c - the unread count for status bars (`hearsay count`):
 * the unread stories of the subscribed feeds, as the reader's "All unread
 * stories" counts them, narrowed to a feed or a tag.
 *
 * Two ways in, one query: store_count on an open store, and
 * store_count_quick, which opens the file read-only for the one query and
 * nothing else, so that the program a status line runs every few seconds
 * needs SQLite alone (no store_open, no libxml2, no ncurses).  Must never
 * write the store, and must leave every case that needs store_open's care
 * (no store, another schema, a read-only folder) to store_count.
 */
#include "config.h"

#include <stdlib.h>

#include "hearsay/store.h"
#include "hearsay/util.h"
#include "store_int.h"

/* The subscribed feeds the query names: ?4 the tag (the lists' own
 * rule), ?5 a URL or a title. */
#define COUNT_FEEDS FEEDS_SUBSCRIBED_TAGGED_WHERE \
	" AND (?5 IS NULL OR url = ?5 OR user_title = ?5 OR feed_title = ?5)"

static const char *const count_sql =
	"SELECT (SELECT count(*) FROM stories s WHERE s.read = 0 AND"
	" s.feed_id IN (SELECT id FROM feeds WHERE " COUNT_FEEDS ")),"
	" (SELECT count(*) FROM feeds WHERE " COUNT_FEEDS " AND EXISTS"
	" (SELECT 1 FROM stories s WHERE s.feed_id = feeds.id AND"
	" s.read = 0)),"
	" (SELECT count(*) FROM feeds WHERE " COUNT_FEEDS ")";

/* The query on db; SQLITE_OK, or SQLite's code for why not. */
static int
count_db(sqlite3 *db, const struct store_count_query *q,
    struct store_counts *c)
{
	sqlite3_stmt *s;
	int rc;

	rc = sqlite3_prepare_v2(db, count_sql, -1, &s, NULL);
	if (rc != SQLITE_OK)
		return rc;
	if (q->tag != NULL)
		sqlite3_bind_text(s, 4, q->tag, -1, SQLITE_STATIC);
	if (q->feed != NULL)
		sqlite3_bind_text(s, 5, q->feed, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		c->unread = sqlite3_column_int64(s, 0);
		c->feeds_unread = sqlite3_column_int64(s, 1);
		c->feeds = sqlite3_column_int64(s, 2);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(s);
	return rc;
}

int
store_count(struct store *st, const struct store_count_query *q,
    struct store_counts *c, char **err)
{
	int rc = count_db(st->db, q, c);

	if (rc == SQLITE_OK)
		return 0;
	return error_set(err, "cannot count the stories of %s: %s", st->path,
	    sqlite3_errstr(rc));
}

int
store_count_quick(const char *path, const struct store_count_query *q,
    struct store_counts *c)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	int ok = 0;

	/* Read-only and never created: a missing file, a WAL store whose
	 * folder we may not write (no -shm to make) and the like fail here
	 * and go the long way. */
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK)
		goto out;
	sqlite3_busy_timeout(db, 5000);
	/* Ours, at the schema this program knows: anything else (older:
	 * to migrate; newer; another program's file) is store_open's. */
	if (sqlite3_prepare_v2(db, "SELECT application_id, user_version"
	    " FROM pragma_application_id, pragma_user_version", -1, &s,
	    NULL) != SQLITE_OK || sqlite3_step(s) != SQLITE_ROW ||
	    sqlite3_column_int64(s, 0) != STORE_APP_ID ||
	    sqlite3_column_int64(s, 1) != STORE_SCHEMA_VERSION)
		goto out;
	ok = count_db(db, q, c) == SQLITE_OK;
out:
	sqlite3_finalize(s);
	sqlite3_close(db);
	return ok ? 0 : -1;
}
