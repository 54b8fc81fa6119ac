/*
 * store_analysis.c - the quote engine's results cached in the store: each
 * story's quotes, cited sources and dateline with the engine version they
 * were made with, the stories still waiting for one, and the Sources
 * view's questions (which names the recent stories quote and cite, and
 * where).
 *
 * It takes plain rows and never calls the engine: the caller analyses and
 * hands the rows over, a batch per transaction.  Must never keep an
 * analysis of a story's old body (the stale trigger of schema 4 drops it
 * when the body changes) and never load more than the rows asked for.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hearsay/buf.h"
#include "hearsay/store.h"
#include "hearsay/util.h"
#include "store_int.h"

/* The body a story is analysed from. */
#define PENDING_BODY "COALESCE(NULLIF(b.content, ''), b.summary)"
#define PENDING_FROM " FROM stories s LEFT JOIN bodies b ON b.id = s.id"
/* Stories without an analysis of version ?2 or newer (?3: any). */
#define PENDING_WHERE \
	" AND NOT EXISTS (SELECT 1 FROM analyses a WHERE a.story_id = s.id" \
	" AND a.version >= ?2 AND ?3 = 0)"

/* The stories the Sources view draws on: those the lists show, of the
 * feeds in the urls file, and the starred ones (the starred view keeps a
 * gone feed's), as search does. */
#define LISTED_STORY \
	" AND (s.starred = 1 OR s.feed_id IN " FEEDS_SUBSCRIBED ")"

/* The names quoted or cited in the stories dated since ?1, as (story,
 * name, quotes, cites) rows. */
#define RECENT_MENTIONS \
	"SELECT q.story_id AS story_id, q.speaker_id AS name_id," \
	" 1 AS nq, 0 AS nc FROM stories s JOIN quotes q ON q.story_id = s.id" \
	" WHERE s.date >= ?1 AND q.speaker_id IS NOT NULL" LISTED_STORY \
	" UNION ALL SELECT src.story_id, src.name_id, 0, src.count" \
	" FROM stories s JOIN sources src ON src.story_id = s.id" \
	" WHERE s.date >= ?1" LISTED_STORY

static const struct {
	enum store_stmt_id id;
	const char	*sql;
} store_analysis_stmts[] = {
	{ STMT_ANALYSIS_PUT,
	  "INSERT OR REPLACE INTO analyses (story_id, version, place, agency,"
	  " n_quotes, n_sources) SELECT ?1, ?2, ?3, ?4, ?5, ?6"
	  " WHERE EXISTS (SELECT 1 FROM stories WHERE id = ?1)" },
	{ STMT_ANALYSIS_DROP_QUOTES, "DELETE FROM quotes WHERE story_id = ?1" },
	{ STMT_ANALYSIS_DROP_SOURCES, "DELETE FROM sources WHERE story_id = ?1" },
	{ STMT_ANALYSIS_VERSION,
	  "SELECT version FROM analyses WHERE story_id = ?1" },
	/* Looked up first: an upsert would rewrite the row every time.  The
	 * first spelling of a name is the one shown. */
	{ STMT_NAME_FIND, "SELECT id FROM names WHERE key = ?1" },
	{ STMT_NAME_PUT, "INSERT INTO names (key, name) VALUES (?1, ?2)" },
	{ STMT_QUOTE_PUT,
	  "INSERT INTO quotes (story_id, seq, speaker_id, speaker, role, cue,"
	  " text, start, end) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)" },
	{ STMT_SOURCE_PUT,
	  "INSERT INTO sources (story_id, name_id, name, cues, count)"
	  " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (story_id, name_id)"
	  " DO UPDATE SET count = count + excluded.count" },
	{ STMT_PENDING_ALL,
	  "SELECT s.id, " PENDING_BODY PENDING_FROM " WHERE s.id > ?4"
	  PENDING_WHERE " ORDER BY s.id LIMIT ?5" },
	{ STMT_PENDING_FEED,
	  "SELECT s.id, " PENDING_BODY PENDING_FROM " WHERE s.feed_id = ?1"
	  " AND s.id > ?4" PENDING_WHERE " ORDER BY s.id LIMIT ?5" },
	{ STMT_PENDING_COUNT_ALL,
	  "SELECT count(*) FROM stories s WHERE 1" PENDING_WHERE },
	{ STMT_PENDING_COUNT_FEED,
	  "SELECT count(*) FROM stories s WHERE s.feed_id = ?1" PENDING_WHERE },
	/* The stories dated since ?1 without a current analysis (?2) with
	 * an id in (?4, ?6]: a range of the primary key (the unary + keeps
	 * the date index out of it), however many stories the store holds. */
	{ STMT_PENDING_RANGE,
	  "SELECT s.id, " PENDING_BODY PENDING_FROM " WHERE +s.date >= ?1"
	  " AND s.id > ?4 AND s.id <= ?6" PENDING_WHERE
	  " ORDER BY s.id LIMIT ?5" },
	{ STMT_PENDING_SINCE_COUNT,
	  "SELECT count(*) FROM stories s WHERE s.date >= ?1" PENDING_WHERE },
	{ STMT_STORY_BEYOND, "SELECT 1 FROM stories WHERE id > ?1 LIMIT 1" },
	{ STMT_NEWEST_DATE,
	  "SELECT COALESCE(max(date), 0) FROM stories WHERE date <= ?1" },
	{ STMT_NAMES_SINCE,
	  "SELECT n.id, n.name, count(DISTINCT m.story_id), sum(m.nq),"
	  " sum(m.nc) FROM (" RECENT_MENTIONS ") m JOIN names n"
	  " ON n.id = m.name_id GROUP BY m.name_id"
	  " ORDER BY count(DISTINCT m.story_id) DESC, sum(m.nq) + sum(m.nc) DESC,"
	  " lower(n.name), n.id"
	  " LIMIT ?2" },
	/* A story's quotes come before its citation (seq 2^30). */
	{ STMT_NAME_MENTIONS,
	  "SELECT s.id, s.title, COALESCE(f.user_title, f.feed_title, f.url),"
	  " s.date, q.text, q.cue, q.seq FROM quotes q"
	  " JOIN stories s ON s.id = q.story_id JOIN feeds f ON f.id = s.feed_id"
	  " WHERE q.speaker_id = ?1 AND s.date >= ?2" LISTED_STORY
	  " UNION ALL SELECT s.id, s.title,"
	  " COALESCE(f.user_title, f.feed_title, f.url), s.date, NULL,"
	  " src.cues, 1 << 30 FROM sources src"
	  " JOIN stories s ON s.id = src.story_id"
	  " JOIN feeds f ON f.id = s.feed_id"
	  " WHERE src.name_id = ?1 AND s.date >= ?2" LISTED_STORY
	  " ORDER BY 4 DESC, 1 DESC, 7 LIMIT ?3" },
};

const char *
store_analysis_sql(enum store_stmt_id id)
{
	size_t i;

	for (i = 0; i < nitems(store_analysis_stmts); i++) {
		if (store_analysis_stmts[i].id == id)
			return store_analysis_stmts[i].sql;
	}
	return NULL;
}

char *
store_name_key(const char *name)
{
	struct buf b = BUF_INIT;
	const char *p = name;
	int space = 0;

	while (*p == ' ' || *p == '\t' || *p == '\n')
		p++;
	if (ascii_ncasecmp(p, "the ", 4) == 0)
		p += 4;
	for (; *p != '\0'; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			space = 1;
			continue;
		}
		if (space && b.len > 0)
			buf_addc(&b, ' ');
		space = 0;
		buf_addc(&b, *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p);
	}
	return buf_detach(&b);
}

/* Step a statement that returns nothing or one row to its end; 0 or -1. */
static int
store_analysis_step(sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

/* Name ids by key, kept per handle: a refresh names the same people and
 * outlets again and again.  Ids never change (names are never deleted);
 * the cache is dropped when a transaction that may have added names is
 * rolled back, and when it is full. */
#define NAME_CACHE_MAX	65536

struct store_name_cache {
	char	**keys;
	int64_t	*ids;
	size_t	 cap;		/* a power of two */
	size_t	 n;
};

void
store_name_cache_free(struct store_name_cache *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->cap; i++)
		free(c->keys[i]);
	free(c->keys);
	free(c->ids);
	free(c);
}

static size_t
name_cache_hash(const char *key)
{
	size_t h = 2166136261u;

	for (; *key != '\0'; key++)
		h = (h ^ (unsigned char)*key) * 16777619u;
	return h;
}

/* The slot of key: where it is, or the empty one it would go to. */
static size_t
name_cache_slot(const struct store_name_cache *c, const char *key)
{
	size_t i = name_cache_hash(key) & (c->cap - 1);

	while (c->keys[i] != NULL && strcmp(c->keys[i], key) != 0)
		i = (i + 1) & (c->cap - 1);
	return i;
}

/* The cached id of key, or 0. */
static int64_t
name_cache_get(struct store *st, const char *key)
{
	struct store_name_cache *c = st->names;
	size_t i;

	if (c == NULL)
		return 0;
	i = name_cache_slot(c, key);
	return c->keys[i] != NULL ? c->ids[i] : 0;
}

/* Remember key's id (a copy of key), starting afresh when full. */
static void
name_cache_put(struct store *st, const char *key, int64_t id)
{
	struct store_name_cache *c = st->names;
	size_t i;

	if (c != NULL && c->n >= NAME_CACHE_MAX) {
		store_name_cache_free(c);
		c = st->names = NULL;
	}
	if (c == NULL) {
		c = st->names = xcalloc(1, sizeof *c);
		c->cap = 2 * NAME_CACHE_MAX;
		c->keys = xcalloc(c->cap, sizeof *c->keys);
		c->ids = xcalloc(c->cap, sizeof *c->ids);
	}
	i = name_cache_slot(c, key);
	if (c->keys[i] == NULL) {
		c->keys[i] = xstrdup(key);
		c->n++;
	}
	c->ids[i] = id;
}

/* The id of a name, added when new; 0 for an empty name, -1 on error. */
static int64_t
store_name_id(struct store *st, const char *name)
{
	sqlite3_stmt *s;
	char *key;
	int64_t id = -1;

	if (name == NULL)
		return 0;
	key = store_name_key(name);
	if (*key == '\0') {
		free(key);
		return 0;
	}
	if ((id = name_cache_get(st, key)) > 0) {
		free(key);
		return id;
	}
	id = -1;
	s = store_stmt(st, STMT_NAME_FIND);
	if (s != NULL) {
		sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
		if (sqlite3_step(s) == SQLITE_ROW)
			id = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
	}
	if (id == -1 && (s = store_stmt(st, STMT_NAME_PUT)) != NULL) {
		sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
		store_bind_text(s, 2, name);
		if (sqlite3_step(s) == SQLITE_DONE)
			id = sqlite3_last_insert_rowid(st->db);
		sqlite3_reset(s);
	}
	if (id > 0)
		name_cache_put(st, key, id);
	free(key);
	return id;
}

/* Insert quote i of a story. */
static int
store_quote_put(struct store *st, int64_t story, size_t i,
    const struct store_quote *q)
{
	sqlite3_stmt *s;
	int64_t name = store_name_id(st, q->speaker);

	if (name == -1 || (s = store_stmt(st, STMT_QUOTE_PUT)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, story);
	sqlite3_bind_int64(s, 2, (int64_t)i);
	if (name > 0)
		sqlite3_bind_int64(s, 3, name);
	store_bind_text(s, 4, q->speaker);
	store_bind_text(s, 5, q->role);
	store_bind_text(s, 6, q->cue);
	store_bind_text(s, 7, q->text != NULL ? q->text : "");
	sqlite3_bind_int64(s, 8, q->start);
	sqlite3_bind_int64(s, 9, q->end);
	return store_analysis_step(s);
}

/* Insert one cited source of a story (sources whose names fold to the
 * same key are one). */
static int
store_source_put(struct store *st, int64_t story,
    const struct store_source *src)
{
	sqlite3_stmt *s;
	int64_t name = store_name_id(st, src->name);

	if (name == 0)
		return 0;
	if (name == -1 || (s = store_stmt(st, STMT_SOURCE_PUT)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, story);
	sqlite3_bind_int64(s, 2, name);
	store_bind_text(s, 3, src->name);
	store_bind_text(s, 4, src->cues != NULL ? src->cues : "");
	sqlite3_bind_int(s, 5, src->count);
	return store_analysis_step(s);
}

/* Run the statement id bound to one story id. */
static int
store_analysis_by_story(struct store *st, enum store_stmt_id id,
    int64_t story)
{
	sqlite3_stmt *s = store_stmt(st, id);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, story);
	return store_analysis_step(s);
}

/* Replace one story's analysis, inside the caller's transaction. */
static int
store_analysis_put1(struct store *st, const struct store_analysis *a)
{
	sqlite3_stmt *s = store_stmt(st, STMT_ANALYSIS_PUT);
	size_t i;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, a->story_id);
	sqlite3_bind_int(s, 2, a->version);
	store_bind_text(s, 3, a->place);
	store_bind_text(s, 4, a->agency);
	sqlite3_bind_int64(s, 5, (int64_t)a->n_quotes);
	sqlite3_bind_int64(s, 6, (int64_t)a->n_sources);
	if (sqlite3_step(s) != SQLITE_DONE) {
		sqlite3_reset(s);
		return -1;
	}
	sqlite3_reset(s);
	/* The story went away since it was read: nothing to keep. */
	if (sqlite3_changes(st->db) == 0)
		return 0;
	if (store_analysis_by_story(st, STMT_ANALYSIS_DROP_QUOTES,
	    a->story_id) == -1 || store_analysis_by_story(st,
	    STMT_ANALYSIS_DROP_SOURCES, a->story_id) == -1)
		return -1;
	for (i = 0; i < a->n_quotes; i++) {
		if (store_quote_put(st, a->story_id, i, &a->quotes[i]) == -1)
			return -1;
	}
	for (i = 0; i < a->n_sources; i++) {
		if (store_source_put(st, a->story_id, &a->sources[i]) == -1)
			return -1;
	}
	return 0;
}

/* Roll the batch back: the names it added are gone, and so must be
 * their cached ids. */
static void
store_analysis_rollback(struct store *st)
{
	store_exec(st, STMT_ROLLBACK);
	st->in_batch = 0;
	store_name_cache_free(st->names);
	st->names = NULL;
}

int
store_analysis_begin(struct store *st, char **err)
{
	if (st->in_batch)
		return error_set(err, "an analysis batch is open already");
	if (store_exec(st, STMT_BEGIN) == -1)
		return store_error(st, err, "cannot store the analysis");
	st->in_batch = 1;
	return 0;
}

int
store_analysis_end(struct store *st, char **err)
{
	if (!st->in_batch)
		return 0;
	if (store_exec(st, STMT_COMMIT) == -1) {
		store_error(st, err, "cannot store the analysis");
		store_analysis_rollback(st);
		return -1;
	}
	st->in_batch = 0;
	return 0;
}

int
store_analysis_put(struct store *st, const struct store_analysis *a,
    char **err)
{
	int own = !st->in_batch;

	if (own && store_analysis_begin(st, err) == -1)
		return -1;
	if (store_analysis_put1(st, a) == -1) {
		store_error(st, err, "cannot store the analysis");
		store_analysis_rollback(st);
		return -1;
	}
	return own ? store_analysis_end(st, err) : 0;
}

int
store_analysis_version(struct store *st, int64_t story_id)
{
	sqlite3_stmt *s = store_stmt(st, STMT_ANALYSIS_VERSION);
	int v = 0;

	if (s == NULL)
		return 0;
	sqlite3_bind_int64(s, 1, story_id);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	return v;
}

void
store_pending_clear(struct store_pending *p)
{
	if (p == NULL)
		return;
	free(p->body);
	memset(p, 0, sizeof *p);
}

/* The pending statement of a feed (or all), bound. */
static sqlite3_stmt *
store_pending_stmt(struct store *st, enum store_stmt_id all,
    enum store_stmt_id feed, int64_t feed_id, int version, int every)
{
	sqlite3_stmt *s = store_stmt(st, feed_id != 0 ? feed : all);

	if (s == NULL)
		return NULL;
	if (feed_id != 0)
		sqlite3_bind_int64(s, 1, feed_id);
	sqlite3_bind_int(s, 2, version);
	sqlite3_bind_int(s, 3, every != 0);
	return s;
}

/* The cached statement id of the since-queries, bound to since (?1) and
 * version (?2), counting only stories without a current analysis. */
static sqlite3_stmt *
store_since_stmt(struct store *st, enum store_stmt_id id, int64_t since,
    int version)
{
	sqlite3_stmt *s = store_stmt(st, id);

	if (s == NULL)
		return NULL;
	sqlite3_bind_int64(s, 1, since);
	sqlite3_bind_int(s, 2, version);
	sqlite3_bind_int(s, 3, 0);
	return s;
}

/* Step s into at most n rows of (id, body), then reset it.  The number
 * of rows, or -1 (rows cleared). */
static int
store_pending_fetch(sqlite3_stmt *s, int n, struct store_pending *rows)
{
	int got = 0, rc = SQLITE_DONE;

	while (got < n && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		rows[got].id = sqlite3_column_int64(s, 0);
		rows[got].body = store_column_text(s, 1);
		got++;
	}
	sqlite3_reset(s);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return got;
	while (got > 0)
		store_pending_clear(&rows[--got]);
	return -1;
}

int
store_analysis_pending(struct store *st, int64_t feed_id, int version,
    int all, int64_t after_id, int n, struct store_pending *rows)
{
	sqlite3_stmt *s;

	if (n <= 0)
		return 0;
	memset(rows, 0, (size_t)n * sizeof *rows);
	s = store_pending_stmt(st, STMT_PENDING_ALL, STMT_PENDING_FEED,
	    feed_id, version, all);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 4, after_id);
	sqlite3_bind_int(s, 5, n);
	return store_pending_fetch(s, n, rows);
}

int64_t
store_analysis_count_pending(struct store *st, int64_t feed_id, int version,
    int all)
{
	sqlite3_stmt *s = store_pending_stmt(st, STMT_PENDING_COUNT_ALL,
	    STMT_PENDING_COUNT_FEED, feed_id, version, all);
	int64_t n = -1;

	if (s == NULL)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return n;
}

/* Is there a story with an id above id?  1, 0, or -1. */
static int
store_story_beyond(struct store *st, int64_t id)
{
	sqlite3_stmt *s = store_stmt(st, STMT_STORY_BEYOND);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int
store_analysis_pending_range(struct store *st, int64_t since, int version,
    int64_t after_id, int64_t span, int n, struct store_pending *rows,
    int *more)
{
	sqlite3_stmt *s;
	int64_t last = span > 0 && after_id <= INT64_MAX - span ?
	    after_id + span : INT64_MAX;
	int got;

	*more = 0;
	if (n <= 0)
		return 0;
	memset(rows, 0, (size_t)n * sizeof *rows);
	s = store_since_stmt(st, STMT_PENDING_RANGE, since != 0 ? since :
	    INT64_MIN, version);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 4, after_id);
	sqlite3_bind_int(s, 5, n);
	sqlite3_bind_int64(s, 6, last);
	if ((got = store_pending_fetch(s, n, rows)) == -1)
		return -1;
	if (got == n)
		*more = 1;
	else if (last < INT64_MAX &&
	    (*more = store_story_beyond(st, last)) == -1) {
		while (got > 0)
			store_pending_clear(&rows[--got]);
		return -1;
	}
	return got;
}

int64_t
store_analysis_count_since(struct store *st, int64_t since, int version)
{
	sqlite3_stmt *s;
	int64_t n = -1;

	if (since == 0)
		return store_analysis_count_pending(st, 0, version, 0);
	if ((s = store_since_stmt(st, STMT_PENDING_SINCE_COUNT, since,
	    version)) == NULL)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return n;
}

int64_t
store_newest_date(struct store *st, int64_t before)
{
	sqlite3_stmt *s = store_stmt(st, STMT_NEWEST_DATE);
	int64_t v = 0;

	if (s == NULL)
		return 0;
	sqlite3_bind_int64(s, 1, before);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return v;
}

void
store_name_clear(struct store_name *nm)
{
	if (nm == NULL)
		return;
	free(nm->name);
	memset(nm, 0, sizeof *nm);
}

int
store_names_since(struct store *st, int64_t since, int n,
    struct store_name *rows)
{
	sqlite3_stmt *s;
	int got = 0, rc = SQLITE_DONE;

	if (n <= 0)
		return 0;
	memset(rows, 0, (size_t)n * sizeof *rows);
	if ((s = store_stmt(st, STMT_NAMES_SINCE)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, since);
	sqlite3_bind_int(s, 2, n);
	while (got < n && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		rows[got].id = sqlite3_column_int64(s, 0);
		rows[got].name = store_column_text(s, 1);
		rows[got].n_stories = sqlite3_column_int64(s, 2);
		rows[got].n_quotes = sqlite3_column_int64(s, 3);
		rows[got].n_cites = sqlite3_column_int64(s, 4);
		got++;
	}
	sqlite3_reset(s);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return got;
	while (got > 0)
		store_name_clear(&rows[--got]);
	return -1;
}

void
store_mention_clear(struct store_mention *m)
{
	if (m == NULL)
		return;
	free(m->title);
	free(m->feed_title);
	free(m->quote);
	free(m->cue);
	memset(m, 0, sizeof *m);
}

int
store_name_mentions(struct store *st, int64_t name_id, int64_t since,
    int n, struct store_mention *rows)
{
	sqlite3_stmt *s;
	int got = 0, rc = SQLITE_DONE;

	if (n <= 0)
		return 0;
	memset(rows, 0, (size_t)n * sizeof *rows);
	if ((s = store_stmt(st, STMT_NAME_MENTIONS)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, name_id);
	sqlite3_bind_int64(s, 2, since);
	sqlite3_bind_int(s, 3, n);
	while (got < n && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		rows[got].story_id = sqlite3_column_int64(s, 0);
		rows[got].title = store_column_text(s, 1);
		rows[got].feed_title = store_column_text(s, 2);
		rows[got].date = sqlite3_column_int64(s, 3);
		rows[got].quote = store_column_text(s, 4);
		rows[got].cue = store_column_text(s, 5);
		got++;
	}
	sqlite3_reset(s);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return got;
	while (got > 0)
		store_mention_clear(&rows[--got]);
	return -1;
}
