/*
 * store_migrate.c - the store's schema and its forward migrations, keyed
 * on PRAGMA user_version: step N takes a store from version N-1 to N, and
 * a new store runs every step from 1, so that old and new stores end up
 * with the very same schema.
 *
 * Migrations run only on a file store.c recognised as a hearsay store,
 * inside one write transaction that checks the owner and the version
 * again once the write lock is held; a failed step rolls the whole
 * upgrade back.  A step, once released, is never edited: a change to the
 * schema is a new step.
 */
#include "config.h"

#include <stdlib.h>

#include <sqlite3.h>

#include "hearsay/store.h"
#include "hearsay/util.h"
#include "store_int.h"

static const char schema_v1[] =
	"CREATE TABLE feeds ("
	" id INTEGER PRIMARY KEY,"
	" url TEXT NOT NULL UNIQUE,"
	" user_title TEXT,"
	" feed_title TEXT,"
	" site_link TEXT,"
	" tags TEXT,"
	" etag TEXT,"
	" last_modified TEXT,"
	" last_status INTEGER NOT NULL DEFAULT 0,"
	" last_error TEXT,"
	" last_success INTEGER NOT NULL DEFAULT 0,"
	" last_attempt INTEGER NOT NULL DEFAULT 0,"
	" moved_to TEXT);"
	/* key: the dedupe key ("g:" guid, "l:" link or "h:" hash); date: the
	 * sort key (published, else updated, else first_seen); text: title-less
	 * plain text of the body for the FTS index; last_seen: the time of the
	 * last merge that saw the story in its feed. */
	"CREATE TABLE stories ("
	" id INTEGER PRIMARY KEY,"
	" feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,"
	" key TEXT NOT NULL,"
	" guid TEXT,"
	" link TEXT,"
	" title TEXT,"
	" author TEXT,"
	" published INTEGER,"
	" updated INTEGER,"
	" first_seen INTEGER NOT NULL,"
	" last_seen INTEGER NOT NULL,"
	" date INTEGER NOT NULL,"
	" summary TEXT,"
	" content TEXT,"
	" text TEXT,"
	" read INTEGER NOT NULL DEFAULT 0,"
	" starred INTEGER NOT NULL DEFAULT 0,"
	" UNIQUE (feed_id, key));"
	"CREATE INDEX stories_feed_date ON stories (feed_id, date);"
	"CREATE INDEX stories_feed_read ON stories (feed_id, read);"
	"CREATE INDEX stories_read_date ON stories (read, date);"
	"CREATE INDEX stories_date ON stories (date);"
	"CREATE INDEX stories_starred_date ON stories (date) WHERE starred = 1;"
	"CREATE VIRTUAL TABLE stories_fts USING fts5 (title, text,"
	" content = 'stories', content_rowid = 'id',"
	" tokenize = 'unicode61 remove_diacritics 2');"
	"CREATE TRIGGER stories_fts_insert AFTER INSERT ON stories BEGIN"
	" INSERT INTO stories_fts (rowid, title, text)"
	"  VALUES (new.id, new.title, new.text);"
	" END;"
	"CREATE TRIGGER stories_fts_delete AFTER DELETE ON stories BEGIN"
	" INSERT INTO stories_fts (stories_fts, rowid, title, text)"
	"  VALUES ('delete', old.id, old.title, old.text);"
	" END;"
	"CREATE TRIGGER stories_fts_update AFTER UPDATE OF title, text ON stories"
	" WHEN old.title IS NOT new.title OR old.text IS NOT new.text BEGIN"
	" INSERT INTO stories_fts (stories_fts, rowid, title, text)"
	"  VALUES ('delete', old.id, old.title, old.text);"
	" INSERT INTO stories_fts (rowid, title, text)"
	"  VALUES (new.id, new.title, new.text);"
	" END;";

/* Version 2: which stories the feed's latest merge saw (prune keeps them)
 * is told by a per-feed merge generation, not by the last-seen second,
 * which two merges within one second share.  The stories of a version-1
 * store seen at their feed's latest last_seen are its current ones. */
static const char schema_v2[] =
	"ALTER TABLE feeds ADD COLUMN generation INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE stories ADD COLUMN generation INTEGER NOT NULL DEFAULT 0;"
	"UPDATE feeds SET generation = 1"
	" WHERE id IN (SELECT feed_id FROM stories);"
	/* One pass over the stories, not a subquery per story. */
	"UPDATE stories SET generation = 1 WHERE (feed_id, last_seen) IN"
	" (SELECT feed_id, max(last_seen) FROM stories GROUP BY feed_id);";

/* Version 3: new stories enter the search index in one statement per
 * merge (store_feed_merge) instead of a trigger per row: FTS5 flushes its
 * pending index data at every statement savepoint, which made the trigger
 * the cost of a cold refresh. */
static const char schema_v3[] =
	"DROP TRIGGER stories_fts_insert;";

/* Version 4: the quote engine's results per story (store_analysis.c),
 * with the engine version they were made with.  names holds each
 * speaker and source once, by a case- and space-folded key, so that
 * search and the Sources view find them through an index (names are
 * never deleted, so their ids need no foreign key check); quotes and
 * sources are clustered by story (WITHOUT ROWID) and go with their story
 * by a trigger, not a foreign key, which would cost a lookup of the story
 * per row stored; a story whose body changes loses its analysis, to be
 * made again. */
static const char schema_v4[] =
	"CREATE TABLE names ("
	" id INTEGER PRIMARY KEY,"
	" key TEXT NOT NULL UNIQUE,"
	" name TEXT NOT NULL);"
	"CREATE TABLE analyses ("
	" story_id INTEGER PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,"
	" version INTEGER NOT NULL,"
	" place TEXT,"
	" agency TEXT,"
	" n_quotes INTEGER NOT NULL,"
	" n_sources INTEGER NOT NULL);"
	"CREATE TABLE quotes ("
	" story_id INTEGER NOT NULL,"
	" seq INTEGER NOT NULL,"
	" speaker_id INTEGER,"
	" speaker TEXT,"
	" role TEXT,"
	" cue TEXT,"
	" text TEXT NOT NULL,"
	" start INTEGER NOT NULL,"
	" end INTEGER NOT NULL,"
	" PRIMARY KEY (story_id, seq)) WITHOUT ROWID;"
	"CREATE INDEX quotes_speaker ON quotes (speaker_id, story_id)"
	" WHERE speaker_id IS NOT NULL;"
	"CREATE TABLE sources ("
	" story_id INTEGER NOT NULL,"
	" name_id INTEGER NOT NULL,"
	" name TEXT NOT NULL,"
	" cues TEXT NOT NULL,"
	" count INTEGER NOT NULL,"
	" PRIMARY KEY (story_id, name_id)) WITHOUT ROWID;"
	"CREATE INDEX sources_name ON sources (name_id, story_id);"
	"CREATE TRIGGER stories_analysis_gone AFTER DELETE ON stories BEGIN"
	" DELETE FROM quotes WHERE story_id = old.id;"
	" DELETE FROM sources WHERE story_id = old.id;"
	" END;"
	"CREATE TRIGGER stories_analysis_stale AFTER UPDATE OF summary, content"
	" ON stories WHEN old.summary IS NOT new.summary"
	" OR old.content IS NOT new.content BEGIN"
	" DELETE FROM quotes WHERE story_id = old.id;"
	" DELETE FROM sources WHERE story_id = old.id;"
	" DELETE FROM analyses WHERE story_id = old.id;"
	" END;";

/* Version 5: the bodies (summary, content and their plain text) move out
 * of the stories table into bodies, one row per story.  A story's row is
 * then a couple of hundred bytes instead of kilobytes in overflow pages,
 * so that lists, counts, marking read (which rewrites the row) and the
 * rows of a search read a few pages instead of every body.  The search
 * index reads its text through the stories_text view and is rebuilt. */
static const char schema_v5[] =
	"CREATE TABLE bodies ("
	" id INTEGER PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,"
	" summary TEXT,"
	" content TEXT,"
	" text TEXT);"
	"INSERT INTO bodies (id, summary, content, text)"
	" SELECT id, summary, content, text FROM stories;"
	"DROP TRIGGER stories_fts_delete;"
	"DROP TRIGGER stories_fts_update;"
	"DROP TRIGGER stories_analysis_stale;"
	"DROP TABLE stories_fts;"
	"ALTER TABLE stories DROP COLUMN summary;"
	"ALTER TABLE stories DROP COLUMN content;"
	"ALTER TABLE stories DROP COLUMN text;"
	"CREATE VIEW stories_text AS SELECT s.id AS id, s.title AS title,"
	" b.text AS text FROM stories s LEFT JOIN bodies b ON b.id = s.id;"
	"CREATE VIRTUAL TABLE stories_fts USING fts5 (title, text,"
	" content = 'stories_text', content_rowid = 'id',"
	" tokenize = 'unicode61 remove_diacritics 2');"
	"INSERT INTO stories_fts (stories_fts) VALUES ('rebuild');"
	/* The index entry of a story goes before its body does (the cascade). */
	"CREATE TRIGGER stories_fts_delete BEFORE DELETE ON stories BEGIN"
	" INSERT INTO stories_fts (stories_fts, rowid, title, text)"
	"  VALUES ('delete', old.id, old.title,"
	"  (SELECT text FROM bodies WHERE id = old.id));"
	" END;"
	"CREATE TRIGGER stories_fts_title AFTER UPDATE OF title ON stories"
	" WHEN old.title IS NOT new.title BEGIN"
	" INSERT INTO stories_fts (stories_fts, rowid, title, text)"
	"  VALUES ('delete', old.id, old.title,"
	"  (SELECT text FROM bodies WHERE id = old.id));"
	" INSERT INTO stories_fts (rowid, title, text)"
	"  VALUES (new.id, new.title, (SELECT text FROM bodies WHERE id = new.id));"
	" END;"
	"CREATE TRIGGER bodies_fts_update AFTER UPDATE OF text ON bodies"
	" WHEN old.text IS NOT new.text BEGIN"
	" INSERT INTO stories_fts (stories_fts, rowid, title, text)"
	"  VALUES ('delete', old.id, (SELECT title FROM stories WHERE id = old.id),"
	"  old.text);"
	" INSERT INTO stories_fts (rowid, title, text)"
	"  VALUES (new.id, (SELECT title FROM stories WHERE id = new.id),"
	"  new.text);"
	" END;"
	"CREATE TRIGGER bodies_analysis_stale AFTER UPDATE OF summary, content"
	" ON bodies WHEN old.summary IS NOT new.summary"
	" OR old.content IS NOT new.content BEGIN"
	" DELETE FROM quotes WHERE story_id = old.id;"
	" DELETE FROM sources WHERE story_id = old.id;"
	" DELETE FROM analyses WHERE story_id = old.id;"
	" END;";

/* The SQL of a body's indexed text (hearsay_text is store_merge.c's, on
 * every connection store_open makes): body b's content, else summary. */
#define BODY_TEXT(b) \
	"hearsay_text(COALESCE(NULLIF(" b ".content, ''), " b ".summary))"

/* Version 6: the plain text of the bodies is no longer kept (it was half
 * of every body row and of the bytes a refresh writes): the search
 * index's content view and its triggers make it again from the HTML with
 * hearsay_text, the function that made it for the index in the first
 * place; the index is rebuilt only when a kept text differs from what
 * the function makes now.  Changing what hearsay_text makes needs a new
 * version that rebuilds the index.  And the read indexes become partial
 * ones over the unread stories only, so that marking stories read takes
 * entries out of them instead of moving entries within them.  And the
 * index merges its segments 8 at a time. */
static const char schema_v6[] =
	"DROP TRIGGER stories_fts_delete;"
	"DROP TRIGGER stories_fts_title;"
	"DROP TRIGGER bodies_fts_update;"
	"CREATE TEMP TABLE store_v6 AS SELECT EXISTS (SELECT 1 FROM bodies b"
	" WHERE b.text IS NOT " BODY_TEXT("b") ") AS stale;"
	"DROP VIEW stories_text;"
	"ALTER TABLE bodies DROP COLUMN text;"
	"CREATE VIEW stories_text AS SELECT s.id AS id, s.title AS title, "
	BODY_TEXT("b") " AS text FROM stories s LEFT JOIN bodies b"
	" ON b.id = s.id;"
	"INSERT INTO stories_fts (stories_fts) SELECT 'rebuild'"
	" FROM temp.store_v6 WHERE stale;"
	"DROP TABLE temp.store_v6;"
	/* The index entry of a story goes before its body does (the cascade). */
	"CREATE TRIGGER stories_fts_delete BEFORE DELETE ON stories BEGIN"
	" INSERT INTO stories_fts (stories_fts, rowid, title, text)"
	"  SELECT 'delete', old.id, old.title, text FROM stories_text"
	"  WHERE id = old.id;"
	" END;"
	"CREATE TRIGGER stories_fts_title AFTER UPDATE OF title ON stories"
	" WHEN old.title IS NOT new.title BEGIN"
	" INSERT INTO stories_fts (stories_fts, rowid, title, text)"
	"  SELECT 'delete', old.id, old.title, text FROM stories_text"
	"  WHERE id = old.id;"
	" INSERT INTO stories_fts (rowid, title, text)"
	"  SELECT id, title, text FROM stories_text WHERE id = new.id;"
	" END;"
	"CREATE TRIGGER bodies_fts_update AFTER UPDATE OF summary, content"
	" ON bodies WHEN old.summary IS NOT new.summary"
	" OR old.content IS NOT new.content BEGIN"
	" INSERT INTO stories_fts (stories_fts, rowid, title, text)"
	"  VALUES ('delete', old.id, (SELECT title FROM stories WHERE id = old.id),"
	"  " BODY_TEXT("old") ");"
	" INSERT INTO stories_fts (rowid, title, text)"
	"  SELECT id, title, text FROM stories_text WHERE id = new.id;"
	" END;"
	"DROP INDEX stories_feed_read;"
	"DROP INDEX stories_read_date;"
	/* read is in them so that they cover "read = 0" (SQLite 3.40 does
	 * not take a partial index's WHERE for its columns). */
	"CREATE INDEX stories_feed_unread ON stories (feed_id, read)"
	" WHERE read = 0;"
	"CREATE INDEX stories_unread_date ON stories (date, read)"
	" WHERE read = 0;"
	/* FTS5 merges its segments 8 at a time instead of 4: each feed's
	 * merge writes one small segment, and merging them 4 by 4 cost a
	 * cold refresh of 50 feeds 0.4 G of its 2.1 G instructions in the
	 * index; a search costs the same (92 M instructions either way for
	 * a word in 11,400 of 30,000 stories). */
	"INSERT INTO stories_fts (stories_fts, rank) VALUES ('automerge', 8);";

/* Version 7: the urls file is the source of truth (store_feeds_sync).
 * A feed keeps its place in the file (position, NULL for a feed never
 * synced, which sorts by title) and whether a "!" tag hides it from the
 * feed list; a feed no longer in the file is gone since that time, out
 * of every list but the starred one, until it comes back or its stories
 * are pruned (store_prune_gone).  And notes: small facts the commands
 * remember between runs (what refresh -q last said of the urls file). */
static const char schema_v7[] =
	"ALTER TABLE feeds ADD COLUMN position INTEGER;"
	"ALTER TABLE feeds ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE feeds ADD COLUMN gone_since INTEGER;"
	"CREATE TABLE notes ("
	" key TEXT PRIMARY KEY,"
	" value TEXT NOT NULL) WITHOUT ROWID;";

/* Version 8: hearsay_text makes the index's words with story_text_words,
 * by the table of elements and references the reader's text is made by
 * (every element the reader drops, every named reference): the index is
 * rebuilt from what the function makes now, since its triggers delete
 * the old entries with it. */
static const char schema_v8[] =
	"INSERT INTO stories_fts (stories_fts) VALUES ('rebuild');";
/* Version 9: a feed server as the source (sync_ttrss.c, store_sync.c).
 * A feed and a story may have the server's id (remote_id); sync_account
 * holds the one account the store syncs with and its cursor (the largest
 * article id stored, and how far the pass after it got); sync_queue holds
 * the marks made here that the server has not taken yet, in the order
 * they were made.  The triggers queue a mark in the very transaction that
 * makes it, whatever statement or program makes it, unless the sync
 * itself is applying the server's state (sync_account.applying, set only
 * inside the sync's own write transaction, so no other writer ever sees
 * it set).  field and value are the API's: field 2 is unread (value 1:
 * unread), field 0 starred. */
static const char schema_v9[] =
	"ALTER TABLE feeds ADD COLUMN remote_id INTEGER;"
	"ALTER TABLE stories ADD COLUMN remote_id INTEGER;"
	"CREATE UNIQUE INDEX feeds_remote ON feeds (remote_id)"
	" WHERE remote_id IS NOT NULL;"
	"CREATE UNIQUE INDEX stories_remote ON stories (remote_id)"
	" WHERE remote_id IS NOT NULL;"
	"CREATE TABLE sync_account ("
	" id INTEGER PRIMARY KEY CHECK (id = 1),"
	" account TEXT NOT NULL,"
	" since_id INTEGER NOT NULL DEFAULT 0,"
	" pass_skip INTEGER NOT NULL DEFAULT 0,"
	" pass_max INTEGER NOT NULL DEFAULT 0,"
	" last_sync INTEGER NOT NULL DEFAULT 0,"
	" applying INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE sync_queue ("
	" seq INTEGER PRIMARY KEY AUTOINCREMENT,"
	" remote_id INTEGER NOT NULL,"
	" field INTEGER NOT NULL,"
	" value INTEGER NOT NULL,"
	" made INTEGER NOT NULL);"
	"CREATE INDEX sync_queue_story ON sync_queue (remote_id);"
	"CREATE TRIGGER stories_sync_read AFTER UPDATE OF read ON stories"
	" WHEN new.remote_id IS NOT NULL AND old.read IS NOT new.read"
	" AND NOT COALESCE((SELECT applying FROM sync_account), 0) BEGIN"
	" INSERT INTO sync_queue (remote_id, field, value, made)"
	"  VALUES (new.remote_id, 2, new.read = 0, CAST(strftime('%s') AS INTEGER));"
	" END;"
	"CREATE TRIGGER stories_sync_starred AFTER UPDATE OF starred ON stories"
	" WHEN new.remote_id IS NOT NULL AND old.starred IS NOT new.starred"
	" AND NOT COALESCE((SELECT applying FROM sync_account), 0) BEGIN"
	" INSERT INTO sync_queue (remote_id, field, value, made)"
	"  VALUES (new.remote_id, 0, new.starred != 0,"
	"  CAST(strftime('%s') AS INTEGER));"
	" END;";

/* Forward migrations: step N takes a store from user_version N-1 to N. */
struct store_migration {
	int		 version;
	const char	*sql;
};

static const struct store_migration store_migrations[] = {
	{ 1, schema_v1 },
	{ 2, schema_v2 },
	{ 3, schema_v3 },
	{ 4, schema_v4 },
	{ 5, schema_v5 },
	{ 6, schema_v6 },
	{ 7, schema_v7 },
	{ 8, schema_v8 },
	{ 9, schema_v9 },
};

/* Run every migration step above version up to target, inside the
 * caller's write transaction. */
static int
store_migrate_steps(struct store *st, int64_t version, int target, char **err)
{
	size_t i;
	char *sql;
	int rc;

	for (i = 0; i < nitems(store_migrations); i++) {
		if (store_migrations[i].version <= version ||
		    store_migrations[i].version > target)
			continue;
		if (sqlite3_exec(st->db, store_migrations[i].sql, NULL, NULL,
		    NULL) != SQLITE_OK)
			return store_error(st, err, "cannot upgrade the store");
		version = store_migrations[i].version;
	}
	sql = xprintf("PRAGMA user_version = %lld; PRAGMA application_id = %d",
	    (long long)version, STORE_APP_ID);
	rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
	free(sql);
	if (rc != SQLITE_OK)
		return store_error(st, err, "cannot upgrade the store");
	return 0;
}

/* Another process may be creating or upgrading the same store, or
 * (however unlikely) another program filling the empty file: so the
 * ownership and the version are checked again once the write lock is
 * ours, and the migration runs in that same transaction. */
int
store_migrate(struct store *st, int64_t version, int target, char **err)
{
	if (version >= target)
		return 0;
	if (st->readonly)
		return error_set(err, "%s needs an upgrade (schema %lld to %d):"
		    " open it once for writing", st->path, (long long)version,
		    target);
	if (store_exec(st, STMT_BEGIN) == -1)
		return store_error(st, err, st->path);
	if (store_check_owner(st, &version, err) == -1)
		goto fail;
	if (version < target &&
	    store_migrate_steps(st, version, target, err) == -1)
		goto fail;
	if (store_exec(st, STMT_COMMIT) == -1) {
		store_error(st, err, st->path);
		goto fail;
	}
	return 0;
fail:
	store_exec(st, STMT_ROLLBACK);
	return -1;
}
