/*
 * store.c - opening the SQLite store: checks before any write, pragmas,
 * the SQL functions the schema calls (hearsay_text, store_merge.c's),
 * the refresh lock, the prepared-statement cache and the store's errors
 * in words.  The schema and its migrations are store_migrate.c's.
 *
 * Must never modify a file it did not recognise as a hearsay store (not a
 * database, another program's database, a newer schema): every check
 * runs before the first write.  Never takes an exclusive SQLite lock: the
 * reader and cron's refresh share the file (WAL and a busy timeout).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hearsay/buf.h"
#include "hearsay/paths.h"
#include "hearsay/store.h"
#include "hearsay/util.h"
#include "store_int.h"

#define STORE_BUSY_MS 5000

#define FEED_COLUMNS \
	"f.id, f.url, COALESCE(f.user_title, f.feed_title, f.url)," \
	" f.site_link, f.tags, f.etag, f.last_modified, f.last_status," \
	" f.last_error, f.last_success, f.last_attempt, f.moved_to," \
	" (SELECT count(*) FROM stories s WHERE s.feed_id = f.id)," \
	" (SELECT count(*) FROM stories s WHERE s.feed_id = f.id AND s.read = 0)," \
	" f.position, f.hidden, f.gone_since," \
	" (SELECT max(s.date) FROM stories s WHERE s.feed_id = f.id)"

/* Every fixed statement, prepared on first use. */
static const char *const store_sql[STMT_COUNT] = {
	[STMT_BEGIN] = "BEGIN IMMEDIATE",
	[STMT_COMMIT] = "COMMIT",
	[STMT_ROLLBACK] = "ROLLBACK",
	[STMT_FEED_ENSURE] =
	    "INSERT INTO feeds (url, user_title, tags) VALUES (?1, ?2, ?3)"
	    " ON CONFLICT (url) DO UPDATE SET"
	    " user_title = COALESCE(excluded.user_title, user_title),"
	    " tags = COALESCE(excluded.tags, tags)",
	[STMT_FEED_DELETE] = "DELETE FROM feeds WHERE id = ?1",
	[STMT_FEED_ID] = "SELECT id FROM feeds WHERE url = ?1",
	[STMT_FEED_GET] = "SELECT " FEED_COLUMNS " FROM feeds f WHERE f.id = ?1",
	[STMT_FEED_RECORD] =
	    "UPDATE feeds SET last_status = ?2, last_error = ?3,"
	    " last_attempt = ?4,"
	    " last_success = CASE WHEN ?3 IS NULL THEN ?4 ELSE last_success END,"
	    " etag = COALESCE(?5, etag),"
	    " last_modified = COALESCE(?6, last_modified),"
	    " moved_to = CASE WHEN ?3 IS NULL THEN ?7"
	    "  ELSE COALESCE(?7, moved_to) END"
	    " WHERE id = ?1",
	/* Each merge is the feed's next generation. */
	[STMT_FEED_META] =
	    "UPDATE feeds SET feed_title = COALESCE(?2, feed_title),"
	    " site_link = COALESCE(?3, site_link),"
	    " generation = generation + 1 WHERE id = ?1 RETURNING generation",
	/* In urls-file order; feeds never synced (no position) by title. */
	[STMT_FEEDS_ALL] = "SELECT " FEED_COLUMNS " FROM feeds f"
	    " WHERE f.gone_since IS NULL ORDER BY f.position IS NULL,"
	    " f.position, lower(COALESCE(f.user_title, f.feed_title, f.url)),"
	    " f.id",
	/* A row is written only when something of it changed, so that a
	 * sync of an unchanged urls file writes nothing. */
	[STMT_FEED_SYNC] =
	    "INSERT INTO feeds (url, user_title, tags, hidden, position)"
	    " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (url) DO UPDATE SET"
	    " user_title = excluded.user_title, tags = excluded.tags,"
	    " hidden = excluded.hidden, position = excluded.position,"
	    " gone_since = NULL"
	    " WHERE user_title IS NOT excluded.user_title"
	    " OR tags IS NOT excluded.tags OR hidden IS NOT excluded.hidden"
	    " OR position IS NOT excluded.position OR gone_since IS NOT NULL",
	[STMT_SYNC_LISTED] = "INSERT OR IGNORE INTO temp.store_sync (url)"
	    " VALUES (?1)",
	[STMT_FEEDS_GONE] = "UPDATE feeds SET gone_since = ?1, position = NULL"
	    " WHERE gone_since IS NULL"
	    " AND url NOT IN (SELECT url FROM temp.store_sync)",
	[STMT_PRUNE_GONE] = "DELETE FROM stories WHERE starred = 0"
	    " AND feed_id IN (SELECT id FROM feeds WHERE gone_since <= ?1)",
	[STMT_DROP_GONE] = "DELETE FROM feeds WHERE gone_since <= ?1"
	    " AND NOT EXISTS (SELECT 1 FROM stories s WHERE s.feed_id = feeds.id)",
	[STMT_NOTE_GET] = "SELECT value FROM notes WHERE key = ?1",
	[STMT_NOTE_PUT] = "INSERT INTO notes (key, value) VALUES (?1, ?2)"
	    " ON CONFLICT (key) DO UPDATE SET value = excluded.value"
	    " WHERE value IS NOT excluded.value",
	[STMT_FEED_IDS] = "SELECT id FROM feeds WHERE ?1 = 0 OR id = ?1",
	[STMT_STORY_FIND] = "SELECT id FROM stories WHERE feed_id = ?1 AND key = ?2",
	[STMT_STORY_INSERT] =
	    "INSERT INTO stories (feed_id, key, guid, link, title, author,"
	    " published, updated, first_seen, last_seen, date, generation)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9,"
	    " COALESCE(?7, ?8, ?9), ?10)",
	/* Only rows whose content changed are rewritten (and re-indexed). */
	[STMT_STORY_UPDATE] =
	    "UPDATE stories SET guid = ?2, link = ?3, title = ?4, author = ?5,"
	    " published = ?6, updated = ?7, date = COALESCE(?6, ?7, first_seen)"
	    " WHERE id = ?1 AND (guid IS NOT ?2 OR link IS NOT ?3"
	    " OR title IS NOT ?4 OR author IS NOT ?5 OR published IS NOT ?6"
	    " OR updated IS NOT ?7)",
	/* A body is rewritten (and re-indexed, and its analysis dropped)
	 * only when it changed. */
	[STMT_BODY_PUT] =
	    "INSERT INTO bodies (id, summary, content)"
	    " VALUES (?1, ?2, ?3) ON CONFLICT (id) DO UPDATE SET"
	    " summary = excluded.summary, content = excluded.content"
	    " WHERE summary IS NOT excluded.summary"
	    " OR content IS NOT excluded.content",
	[STMT_MAX_ID] = "SELECT COALESCE(max(id), 0) FROM stories",
	/* The texts are the merge's (store_merge.c), not made again. */
	[STMT_FTS_ADD] = "INSERT INTO stories_fts (rowid, title, text)"
	    " SELECT id, title, hearsay_merge_text(id) FROM stories"
	    " WHERE id > ?1",
	[STMT_STORY_SEEN] = "UPDATE stories SET last_seen = ?2, generation = ?3"
	    " WHERE id = ?1",
	[STMT_STORY_GET] = "SELECT " STORY_COLUMNS ","
	    " COALESCE(NULLIF(b.content, ''), b.summary)"
	    " FROM stories s JOIN feeds f ON f.id = s.feed_id"
	    STORY_JOIN_ANALYSIS " LEFT JOIN bodies b ON b.id = s.id"
	    " WHERE s.id = ?1",
	[STMT_STORY_READ] = "UPDATE stories SET read = ?2 WHERE id = ?1",
	[STMT_STORY_STAR] = "UPDATE stories SET starred = ?2 WHERE id = ?1",
	/* Every feed's, and one feed's (on its feed_id, read index: an "?1
	 * = 0 OR" in one statement would make SQLite scan every unread
	 * story for either). */
	[STMT_UNREAD_IDS] = "SELECT id FROM stories WHERE read = 0"
	    " AND feed_id IN " FEEDS_SUBSCRIBED,
	[STMT_UNREAD_IDS_FEED] = "SELECT id FROM stories"
	    " WHERE feed_id = ?1 AND read = 0",
	[STMT_MARK_READ] = "UPDATE stories SET read = 1 WHERE read = 0"
	    " AND feed_id IN " FEEDS_SUBSCRIBED,
	[STMT_MARK_READ_FEED] = "UPDATE stories SET read = 1"
	    " WHERE feed_id = ?1 AND read = 0",
	/* Stories still in the feed's latest document (seen by its latest
	 * merge) are kept: dropping them would bring them back as unread on
	 * the next refresh. */
	[STMT_PRUNE_CAP] =
	    "DELETE FROM stories WHERE id IN (SELECT id FROM stories"
	    " WHERE feed_id = ?1 AND starred = 0"
	    " ORDER BY date DESC, id DESC LIMIT -1 OFFSET ?2)"
	    " AND generation < (SELECT generation FROM feeds WHERE id = ?1)",
	[STMT_PRUNE_AGE] =
	    "DELETE FROM stories WHERE feed_id = ?1 AND starred = 0"
	    " AND date < ?2"
	    " AND generation < (SELECT generation FROM feeds WHERE id = ?1)",
	/* Changes committed by other connections, other processes' too. */
	[STMT_DATA_VERSION] = "PRAGMA data_version",
	/* A set of stories (a JSON array of ids) in one statement: the undo
	 * of a mark of thousands is one write, not thousands. */
	[STMT_STORY_SET_READ_MANY] = "UPDATE stories SET read = ?2"
	    " WHERE id IN (SELECT value FROM json_each(?1)) AND read != ?2",
	[STMT_STORY_SET_STAR_MANY] = "UPDATE stories SET starred = ?2"
	    " WHERE id IN (SELECT value FROM json_each(?1)) AND starred != ?2",
};

sqlite3_stmt *
store_prepare(struct store *st, sqlite3_stmt **slot, const char *sql)
{
	/* sql is only read when the statement is not prepared yet. */
	if (*slot == NULL && sqlite3_prepare_v3(st->db, sql, -1,
	    SQLITE_PREPARE_PERSISTENT, slot, NULL) != SQLITE_OK) {
		*slot = NULL;
		return NULL;
	}
	sqlite3_reset(*slot);
	sqlite3_clear_bindings(*slot);
	return *slot;
}

sqlite3_stmt *
store_stmt(struct store *st, enum store_stmt_id id)
{
	const char *sql = store_sql[id];

	if (sql == NULL)
		sql = store_analysis_sql(id);
	if (sql == NULL)
		sql = store_sync_sql(id);
	return store_prepare(st, &st->stmts[id], sql);
}

int
store_exec(struct store *st, enum store_stmt_id id)
{
	sqlite3_stmt *s = store_stmt(st, id);
	int rc;

	if (s == NULL)
		return -1;
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

/* What SQLite's last error on the handle means, in words for the user:
 * the one place the store's errors are put into words.  SQLite says "disk
 * I/O error" when the disk fills up under its shared-memory file, and
 * "database is locked" for a write lock it waited for in vain. */
static const char *
store_why(struct store *st)
{
	int code = sqlite3_errcode(st->db) & 0xff;

	if (code == SQLITE_FULL || sqlite3_system_errno(st->db) == ENOSPC)
		return "no space left on device";
	if (code == SQLITE_READONLY)
		return "the store is read-only";
	/* A read-only handle opens nothing else but a -shm file. */
	if (code == SQLITE_CANTOPEN && st->readonly)
		return "its write-ahead log cannot be read without a -shm file,"
		    " which cannot be made beside it";
	if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
		return "the store is busy: another program holds its write"
		    " lock";
	if (code == SQLITE_IOERR && sqlite3_system_errno(st->db) != 0)
		return strerror(sqlite3_system_errno(st->db));
	return sqlite3_errmsg(st->db);
}

int
store_error(struct store *st, char **err, const char *what)
{
	if (what == NULL)
		return error_set(err, "%s", store_why(st));
	return error_set(err, "%s: %s", what, store_why(st));
}

int
store_bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v == NULL)
		return sqlite3_bind_null(s, i);
	return sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
}

char *
store_column_text(sqlite3_stmt *s, int i)
{
	const unsigned char *v = sqlite3_column_text(s, i);

	return v == NULL ? NULL : xstrdup((const char *)v);
}

/* Check what is at path before SQLite sees it: a missing file is created
 * only with STORE_CREATE (in a folder that can take it); anything but a
 * regular file is refused.  What is in the file is SQLite's to judge
 * (store_query_int turns its "not a database" into ours): this function
 * must never open() the file, since closing any descriptor of it drops
 * every POSIX lock this process holds on it, the locks of another
 * connection (the reader's) included, and that corrupts the store. */
static int
store_check_file(const char *path, int flags, char **err)
{
	struct stat sb;
	char *why;

	if (stat(path, &sb) == -1) {
		if (errno != ENOENT)
			return error_set(err, "cannot open %s: %s", path,
			    strerror(errno));
		if (!(flags & STORE_CREATE) || (flags & STORE_READONLY))
			return error_set(err, "no store at %s", path);
		if (paths_mkparent(path, err) == -1)
			return -1;
		if ((why = paths_unwritable(path)) != NULL) {
			error_set(err, "%s: cannot create the store", why);
			free(why);
			return -1;
		}
		return 0;
	}
	if (!S_ISREG(sb.st_mode))
		return error_set(err, "%s is not a hearsay store: not a regular"
		    " file", path);
	return 0;
}

/* The integer result of a one-row query, or -1 with *err. */
static int
store_query_int(struct store *st, const char *sql, int64_t *v, char **err)
{
	sqlite3_stmt *s = NULL;
	int rc = -1, code;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK ||
	    sqlite3_step(s) != SQLITE_ROW) {
		code = sqlite3_errcode(st->db) & 0xff;
		if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
			error_set(err, "%s is not a hearsay store: %s", st->path,
			    sqlite3_errmsg(st->db));
		else
			error_set(err, "cannot read %s: %s", st->path,
			    store_why(st));
		goto out;
	}
	*v = sqlite3_column_int64(s, 0);
	rc = 0;
out:
	sqlite3_finalize(s);
	return rc;
}

/* The three facts come from one read transaction, the caller's: read one
 * by one, they could straddle another process's creation of the store
 * and show its version without its application id. */
int
store_check_owner(struct store *st, int64_t *version, char **err)
{
	int64_t objects, app_id;

	if (store_query_int(st, "SELECT count(*) FROM sqlite_master",
	    &objects, err) == -1 ||
	    store_query_int(st, "PRAGMA application_id", &app_id, err) == -1 ||
	    store_query_int(st, "PRAGMA user_version", version, err) == -1)
		return -1;
	if (app_id != STORE_APP_ID && (app_id != 0 || *version != 0 ||
	    objects != 0))
		return error_set(err, "%s is not a hearsay store: it holds"
		    " another program's tables", st->path);
	if (*version > STORE_SCHEMA_VERSION)
		return error_set(err, "%s was written by a newer hearsay (schema"
		    " %lld, this one knows %d): not touching it", st->path,
		    (long long)*version, STORE_SCHEMA_VERSION);
	return 0;
}

/* Read-only checks before the first write, in one read transaction. */
static int
store_check_db(struct store *st, int64_t *version, char **err)
{
	int rc;

	if (sqlite3_exec(st->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return store_error(st, err, st->path);
	rc = store_check_owner(st, version, err);
	/* Only read: ending it either way writes nothing. */
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

/* Step a statement to its first row; SQLITE_BUSY is retried for the busy
 * timeout because switching the journal mode does not wait by itself
 * while another process is creating the same store. */
static int
store_step_retry(sqlite3_stmt *s)
{
	int rc, waited;

	for (waited = 0; ; waited += 10) {
		rc = sqlite3_step(s);
		if ((rc & 0xff) != SQLITE_BUSY || waited >= STORE_BUSY_MS)
			return rc;
		sqlite3_reset(s);
		usleep(10000);
	}
}

/* Pragmas for every connection; WAL only when we may write. */
static int
store_configure(struct store *st, char **err)
{
	sqlite3_stmt *s = NULL;
	int rc = -1;

	if (sqlite3_exec(st->db, "PRAGMA foreign_keys = ON", NULL, NULL,
	    NULL) != SQLITE_OK)
		return store_error(st, err, st->path);
	if (st->readonly)
		return 0;
	if (sqlite3_prepare_v2(st->db, "PRAGMA journal_mode = WAL", -1, &s,
	    NULL) != SQLITE_OK || store_step_retry(s) != SQLITE_ROW) {
		store_error(st, err, st->path);
		goto out;
	}
	if (ascii_casecmp((const char *)sqlite3_column_text(s, 0), "wal") != 0) {
		error_set(err, "%s: cannot switch to WAL mode", st->path);
		goto out;
	}
	rc = 0;
	if (sqlite3_exec(st->db, "PRAGMA synchronous = NORMAL", NULL, NULL,
	    NULL) != SQLITE_OK)
		rc = store_error(st, err, st->path);
out:
	sqlite3_finalize(s);
	return rc;
}

int
store_open(struct store **out, const char *path, int flags, char **err)
{
	return store_open_version(out, path, flags, STORE_SCHEMA_VERSION, err);
}

/* The URI of a store opened read-only and immutable: SQLite then takes
 * no lock and makes no -shm file (see store_connect).  Caller frees. */
static char *
store_uri_immutable(const char *path)
{
	struct buf b;
	const char *p;

	buf_init(&b, 0);
	buf_addstr(&b, "file:");
	/* An empty authority, so that "//x" stays a path. */
	if (path[0] == '/')
		buf_addstr(&b, "//");
	for (p = path; *p != '\0'; p++) {
		if (*p == '%' || *p == '?' || *p == '#')
			buf_printf(&b, "%%%02X", (unsigned char)*p);
		else
			buf_addc(&b, *p);
	}
	buf_addstr(&b, "?mode=ro&immutable=1");
	return buf_detach(&b);
}

/* Open the connection: for writing, or for reading only.  A store this
 * process may not write (unwritable) is read through its
 * write-ahead log when one is beside it: the log's -shm file must exist
 * then, or be made.  Without a log, nobody has the store open to write
 * it, and only its owner (or root) could, after changing its mode or its
 * folder's: SQLite's immutable mode then reads the file as it is,
 * without locks and without making any file beside it, which a folder
 * we may not write would refuse.  If someone writes the store meanwhile
 * all the same, this handle sees the file as it was (or a read fails);
 * it never writes. */
static int
store_connect(struct store *st, int flags, int unwritable, char **err)
{
	char *wal, *uri = NULL;
	struct stat sb;
	int oflags, rc;

	if (!st->readonly)
		oflags = SQLITE_OPEN_READWRITE |
		    ((flags & STORE_CREATE) ? SQLITE_OPEN_CREATE : 0);
	else {
		oflags = SQLITE_OPEN_READONLY;
		wal = xprintf("%s-wal", st->path);
		if (unwritable && stat(wal, &sb) == -1 && errno == ENOENT) {
			uri = store_uri_immutable(st->path);
			oflags |= SQLITE_OPEN_URI;
		}
		free(wal);
	}
	rc = sqlite3_open_v2(uri != NULL ? uri : st->path, &st->db, oflags,
	    NULL);
	free(uri);
	if (rc != SQLITE_OK)
		return error_set(err, "cannot open %s: %s", st->path,
		    st->db != NULL ? sqlite3_errmsg(st->db) : "out of memory");
	sqlite3_busy_timeout(st->db, STORE_BUSY_MS);
	if (store_text_register(st) == -1)
		return error_set(err, "cannot open %s: %s", st->path,
		    sqlite3_errmsg(st->db));
	/* SQLite quietly falls back to read-only; say so before reading. */
	if (!st->readonly && sqlite3_db_readonly(st->db, "main") == 1)
		return error_set(err, "%s is read-only: cannot write the store",
		    st->path);
	return 0;
}

int
store_open_version(struct store **out, const char *path, int flags,
    int target, char **err)
{
	struct store *st;
	int64_t version = 0;
	char *why;
	int unwritable;

	*out = NULL;
	if (store_check_file(path, flags, err) == -1)
		return -1;
	/* The folder counts: SQLite makes the -wal and -shm files beside
	 * the store, and refresh its lock file. */
	why = paths_unwritable(path);
	unwritable = why != NULL;
	if (why == NULL && (flags & STORE_READONLY))
		why = xprintf("%s is open for reading only", path);
	if (why != NULL && !(flags & (STORE_READONLY | STORE_READ_ANYWAY))) {
		error_set(err, "%s: cannot write the store", why);
		free(why);
		return -1;
	}
	st = xcalloc(1, sizeof *st);
	st->path = xstrdup(path);
	st->lock_fd = -1;
	st->readonly_why = why;
	st->readonly = why != NULL;
	if (store_connect(st, flags, unwritable, err) == -1 ||
	    store_check_db(st, &version, err) == -1 ||
	    store_configure(st, err) == -1 ||
	    store_migrate(st, version, target, err) == -1)
		goto fail;
	st->migrated = 1;
	*out = st;
	return 0;
fail:
	store_close(st);
	return -1;
}

int64_t
store_data_version(struct store *st)
{
	sqlite3_stmt *s = store_stmt(st, STMT_DATA_VERSION);
	int64_t v = -1;

	if (s == NULL)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return v;
}

const char *
store_readonly(const struct store *st)
{
	return st->readonly_why;
}

void
store_close(struct store *st)
{
	size_t i;

	if (st == NULL)
		return;
	for (i = 0; i < STMT_COUNT; i++)
		sqlite3_finalize(st->stmts[i]);
	for (i = 0; i < STORE_N_LIST; i++) {
		sqlite3_finalize(st->rows[i]);
		sqlite3_finalize(st->counts[i]);
		sqlite3_finalize(st->places[i]);
	}
	/* Keep the planner's statistics fresh, as SQLite advises for
	 * connections that wrote; cheap when there is nothing to do. */
	if (st->db != NULL && !st->readonly && st->migrated)
		sqlite3_exec(st->db, "PRAGMA optimize", NULL, NULL, NULL);
	sqlite3_close(st->db);
	store_unlock_refresh(st);
	store_name_cache_free(st->names);
	store_texts_clear(st);
	free(st->texts);
	free(st->readonly_why);
	free(st->path);
	free(st);
}

int
store_lock_refresh(struct store *st, char **err)
{
	char *lock_path;
	int fd;

	if (st->lock_fd != -1)
		return 0;
	if (st->readonly)
		return error_set(err, "%s: cannot refresh it", st->readonly_why);
	lock_path = xprintf("%s.lock", st->path);
	fd = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd == -1) {
		error_set(err, "cannot open %s: %s", lock_path, strerror(errno));
		free(lock_path);
		return -1;
	}
	free(lock_path);
	/* flock locks belong to the open file: a second handle in this process
	 * conflicts too, and the kernel drops the lock if we die. */
	if (flock(fd, LOCK_EX | LOCK_NB) == -1) {
		if (errno == EWOULDBLOCK)
			error_set(err, "another hearsay refresh is running on %s",
			    st->path);
		else
			error_set(err, "cannot lock %s.lock: %s", st->path,
			    strerror(errno));
		close(fd);
		return -1;
	}
	st->lock_fd = fd;
	return 0;
}

void
store_unlock_refresh(struct store *st)
{
	/* Closing the only descriptor of the open file drops its flock. */
	if (st->lock_fd != -1)
		close(st->lock_fd);
	st->lock_fd = -1;
}

/* The first row of a check query that does not say "ok", as *problem
 * (caller frees); 0 when there is none, -1 when the query fails. */
static int
store_check_rows(struct store *st, const char *sql, char **problem)
{
	sqlite3_stmt *s = NULL;
	const char *v;
	int rc;

	*problem = NULL;
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return -1;
	for (;;) {
		rc = sqlite3_step(s);
		if (rc != SQLITE_ROW || *problem != NULL)
			break;
		v = (const char *)sqlite3_column_text(s, 0);
		if (v == NULL || strcmp(v, "ok") != 0)
			*problem = xstrdup(v != NULL ? v : "?");
	}
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

int
store_check(struct store *st, char **err)
{
	/* foreign_key_check names the table of each row with no parent. */
	static const char *const checks[] = {
		"PRAGMA integrity_check",
		"SELECT 'story ' || rowid || ' of a missing ' || parent"
		" FROM pragma_foreign_key_check",
	};
	char *problem = NULL;
	size_t i;

	for (i = 0; i < nitems(checks); i++) {
		if (store_check_rows(st, checks[i], &problem) == -1)
			return store_error(st, err, st->path);
		if (problem != NULL) {
			error_set(err, "%s fails its check: %s", st->path, problem);
			free(problem);
			return -1;
		}
	}
	/* FTS5 compares its index with the stories (rank 1: with the content
	 * table too, not just with itself); the command is an INSERT, so it
	 * needs a writable handle. */
	if (!st->readonly && sqlite3_exec(st->db, "INSERT INTO stories_fts"
	    " (stories_fts, rank) VALUES ('integrity-check', 1)", NULL, NULL,
	    NULL) != SQLITE_OK)
		return error_set(err, "%s fails its check: search index: %s",
		    st->path, sqlite3_errmsg(st->db));
	return 0;
}
