/*
 * store_int.h - what the store's own files share: the handle's body, the
 * prepared-statement cache and the migrations.  Only src/store*.c and the
 * store's unit test (tests/test_store.c, for store_open_version) include
 * it; every other caller sees only include/hearsay/store.h.
 */
#ifndef HEARSAY_STORE_INT_H
#define HEARSAY_STORE_INT_H

#include <sqlite3.h>
#include <stdint.h>

struct store_story;

/* PRAGMA application_id of a hearsay store ("hsay"). */
#define STORE_APP_ID 0x68736179

/* The columns store_story_from_row reads, from "stories s JOIN feeds f"
 * and STORY_JOIN_ANALYSIS (the counts come with the rows, one primary-key
 * lookup each, never a query per row). */
#define STORY_COLUMNS \
	"s.id, s.feed_id, COALESCE(f.user_title, f.feed_title, f.url)," \
	" s.title, s.link, s.author, s.date, s.read, s.starred," \
	" a.story_id IS NOT NULL, COALESCE(a.n_quotes, 0)," \
	" COALESCE(a.n_sources, 0)"
#define STORY_JOIN_ANALYSIS " LEFT JOIN analyses a ON a.story_id = s.id"
/* The column after STORY_COLUMNS. */
#define STORY_N_COLUMNS 12

/* The ids of the feeds in the urls file (store_feeds_sync): every list
 * but the starred one shows only their stories.  The second takes only
 * the feeds with the tag ?4 when it is not NULL (store_query.tag). */
#define FEEDS_SUBSCRIBED "(SELECT id FROM feeds WHERE gone_since IS NULL)"
#define FEEDS_SUBSCRIBED_TAGGED_WHERE "gone_since IS NULL AND (?4 IS NULL" \
	" OR instr(' ' || tags || ' ', ' ' || ?4 || ' ') > 0)"
#define FEEDS_SUBSCRIBED_TAGGED "(SELECT id FROM feeds WHERE " \
	FEEDS_SUBSCRIBED_TAGGED_WHERE ")"

/* Statements prepared once per handle, on first use (store_stmt). */
enum store_stmt_id {
	STMT_BEGIN,
	STMT_COMMIT,
	STMT_ROLLBACK,
	STMT_FEED_ENSURE,
	STMT_FEED_DELETE,
	STMT_FEED_ID,
	STMT_FEED_GET,
	STMT_FEED_RECORD,
	STMT_FEED_META,
	STMT_FEEDS_ALL,
	STMT_FEED_IDS,
	STMT_FEED_SYNC,
	STMT_SYNC_LISTED,
	STMT_FEEDS_GONE,
	STMT_PRUNE_GONE,
	STMT_DROP_GONE,
	STMT_NOTE_GET,
	STMT_NOTE_PUT,
	STMT_STORY_FIND,
	STMT_STORY_INSERT,
	STMT_STORY_UPDATE,
	STMT_BODY_PUT,
	STMT_STORY_SEEN,
	STMT_MAX_ID,
	STMT_FTS_ADD,
	STMT_STORY_GET,
	STMT_STORY_READ,
	STMT_STORY_STAR,
	STMT_UNREAD_IDS,
	STMT_UNREAD_IDS_FEED,
	STMT_MARK_READ,
	STMT_MARK_READ_FEED,
	STMT_PRUNE_CAP,
	STMT_PRUNE_AGE,
	STMT_ANALYSIS_PUT,
	STMT_ANALYSIS_DROP_QUOTES,
	STMT_ANALYSIS_DROP_SOURCES,
	STMT_ANALYSIS_VERSION,
	STMT_NAME_FIND,
	STMT_NAME_PUT,
	STMT_QUOTE_PUT,
	STMT_SOURCE_PUT,
	STMT_PENDING_ALL,
	STMT_PENDING_FEED,
	STMT_PENDING_COUNT_ALL,
	STMT_PENDING_COUNT_FEED,
	STMT_PENDING_RANGE,
	STMT_PENDING_SINCE_COUNT,
	STMT_STORY_BEYOND,
	STMT_NEWEST_DATE,
	STMT_NAMES_SINCE,
	STMT_NAME_MENTIONS,
	STMT_SYNC_ACCOUNT_GET,
	STMT_SYNC_ACCOUNT_NEW,
	STMT_SYNC_CURSOR_PUT,
	STMT_SYNC_APPLYING,
	STMT_SYNC_FEED_FIND,
	STMT_SYNC_FEED_ADOPT,
	STMT_SYNC_FEED_NEW,
	STMT_SYNC_FEED_UPDATE,
	STMT_SYNC_FEED_LIST,
	STMT_SYNC_FEED_GONE,
	STMT_SYNC_STORY_MAP,
	STMT_SYNC_STORY_READ,
	STMT_SYNC_STORY_STARRED,
	STMT_SYNC_QUEUE_TAKE,
	STMT_SYNC_QUEUE_DONE,
	STMT_SYNC_QUEUE_COUNT,
	STMT_SYNC_FEED_COUNTS,
	STMT_SYNC_FEED_STORIES,
	STMT_DATA_VERSION,
	STMT_STORY_SET_READ_MANY,
	STMT_STORY_SET_STAR_MANY,
	STMT_COUNT
};

/* Listing statements: one per scope x read filter x order. */
#define STORE_N_LIST (4 * 2 * 2)

/* The text of a story the running merge inserted, for the search index
 * (hearsay_merge_text); owned, when not NULL, is text's memory. */
struct store_text {
	int64_t		 id;
	const char	*text;
	char		*owned;
};

struct store {
	sqlite3		*db;
	char		*path;
	int		 readonly;
	char		*readonly_why;	/* store_readonly(), when readonly */
	int		 migrated;	/* the open got through its checks */
	int		 lock_fd;	/* the refresh lock's sidecar, or -1 */
	int		 in_batch;	/* store_analysis_begin's transaction */
	int		 in_sync;	/* store_sync_begin's transaction: merges
					 * join it */
	struct store_name_cache *names;	/* name key -> id, or NULL */
	struct store_text *texts;	/* the merge's new stories, by id */
	size_t		 n_texts;
	size_t		 cap_texts;
	sqlite3_stmt	*stmts[STMT_COUNT];
	sqlite3_stmt	*rows[STORE_N_LIST];
	sqlite3_stmt	*counts[STORE_N_LIST];
	sqlite3_stmt	*places[STORE_N_LIST];	/* a story's index in a list */
};

/* store_open, but a store older than target is brought only to target
 * (at most STORE_SCHEMA_VERSION): how tests make a store of an older
 * schema with the very steps older versions ran.  For tests only. */
int store_open_version(struct store **out, const char *path, int flags,
    int target, char **err);

/* Is the open database ours (or one with no tables at all, ours to fill)
 * and not too new?  *version gets its user_version; read in the caller's
 * transaction.  0, or -1 with *err naming the file (store.c). */
int store_check_owner(struct store *st, int64_t *version, char **err);
/* Bring the schema from version to target (STORE_SCHEMA_VERSION but in
 * tests) in one write transaction; nothing to do when it is there
 * already.  0, or -1 with *err, the store as it was (store_migrate.c). */
int store_migrate(struct store *st, int64_t version, int target,
    char **err);

/* The cached statement, reset and with its bindings cleared. */
sqlite3_stmt *store_stmt(struct store *st, enum store_stmt_id id);
/* Prepare sql once into *slot (persistent; sql may be NULL once *slot is
 * set), reset it and clear its bindings; NULL on error. */
sqlite3_stmt *store_prepare(struct store *st, sqlite3_stmt **slot,
    const char *sql);
/* Run one cached statement that returns no rows; 0 or -1. */
int store_exec(struct store *st, enum store_stmt_id id);
/* Set *err to "what: why" (what NULL: "why"), why being the handle's
 * last error in words ("no space left on device"); returns -1. */
int store_error(struct store *st, char **err, const char *what);

/* Fill *r from a row of STORY_COLUMNS. */
void store_story_from_row(sqlite3_stmt *s, struct store_story *r);
/* The SQL of an analysis statement (store_analysis.c). */
const char *store_analysis_sql(enum store_stmt_id id);
/* The SQL of a sync statement (store_sync.c), or NULL. */
const char *store_sync_sql(enum store_stmt_id id);

/* Register the SQL functions hearsay_text (the schema's) and
 * hearsay_merge_text (the merge's) on the handle's connection; 0 or -1. */
int store_text_register(struct store *st);
/* Forget the merge's texts, freeing those it owns. */
void store_texts_clear(struct store *st);

/* Free the handle's name cache (NULL is fine). */
void store_name_cache_free(struct store_name_cache *c);

/* The key a speaker's or source's name is found by: ASCII lower case,
 * white space collapsed, a leading "the " dropped.  Caller frees. */
char *store_name_key(const char *name);

/* Bind a string or NULL. */
int store_bind_text(sqlite3_stmt *s, int i, const char *v);
/* A column as a new string, NULL for SQL NULL.  Caller frees. */
char *store_column_text(sqlite3_stmt *s, int i);

#endif
