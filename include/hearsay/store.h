/*
 * store.h - the SQLite store: feeds, stories, read/starred state, search.
 *
 * One file in WAL mode with a busy timeout, shared by the reader and cron's
 * `hearsay refresh`.  Schema versioned with PRAGMA user_version.  Writes use
 * BEGIN IMMEDIATE, one transaction per feed.  Read and starred state is
 * never reset by a refresh; starred stories are never pruned.  Times are
 * UTC seconds.  The store knows the feed model but nothing of curl or
 * curses.
 */
#ifndef HEARSAY_STORE_H
#define HEARSAY_STORE_H

#include <stddef.h>
#include <stdint.h>

struct feed_doc;
struct store;

#define STORE_SCHEMA_VERSION 1

enum store_open_flags {
	STORE_CREATE = 0x1,	/* create the file (and its directory) */
	STORE_READONLY = 0x2,
};

/* Open (and migrate) the store at path.  0, or -1 with *err: not a
 * database, corrupt, from a newer hearsay, unwritable... the file is left
 * untouched on error. */
int store_open(struct store **out, const char *path, int flags, char **err);
void store_close(struct store *st);

/* Take the refresh lock held for the life of this store handle.  0, or -1
 * with *err when another refresh holds it (it is not waited for). */
int store_lock_refresh(struct store *st, char **err);

/* A feed's row.  Strings are owned by the struct. */
struct store_feed {
	int64_t	 id;
	char	*url;
	char	*title;		/* user's "~Title" if any, else the feed's */
	char	*site_link;
	char	*tags;		/* space-separated */
	char	*etag;
	char	*last_modified;
	long	 last_status;	/* HTTP status of the last fetch, 0 if none */
	char	*last_error;	/* NULL when the last fetch worked */
	int64_t	 last_success;	/* 0 if never */
	int64_t	 last_attempt;
	char	*moved_to;	/* target of a permanent redirect, or NULL */
	int64_t	 n_total;
	int64_t	 n_unread;
};
void store_feed_clear(struct store_feed *f);

/* Make sure the feed exists (matched by URL), with the user's title and
 * tags from the urls file (NULL leaves them as they are).  *id gets its
 * id. */
int store_feed_ensure(struct store *st, const char *url, const char *title,
    const char *tags, int64_t *id, char **err);
/* Fill *f for the feed with this id.  0, or -1 when there is none. */
int store_feed_get(struct store *st, int64_t id, struct store_feed *f);

/* What one fetch of a feed came to. */
struct store_fetch_result {
	long	 status;	/* HTTP status, 0 if no response */
	const char *error;	/* NULL on success */
	const char *etag;	/* new validators (NULL keeps the old) */
	const char *last_modified;
	const char *moved_to;	/* permanent redirect target, or NULL */
	int64_t	 when;
};
/* Record the outcome of a fetch (status, error, validators, times). */
int store_feed_record(struct store *st, int64_t feed_id,
    const struct store_fetch_result *r, char **err);

/* Merge a parsed document into the feed in one transaction: feed metadata
 * updated, new stories inserted (de-duplicated by guid, else link, else a
 * hash of title+date), changed stories updated, read/starred untouched.
 * *n_new gets the number of new stories. */
int store_feed_merge(struct store *st, int64_t feed_id,
    const struct feed_doc *doc, int64_t now, int *n_new, char **err);

/* Retention: keep at most max_stories per feed (0 = no cap) and drop
 * stories older than max_age seconds (0 = no limit); starred stories are
 * never dropped, unread ones only by the cap.  *n_dropped may be NULL. */
int store_prune(struct store *st, int64_t feed_id, int64_t max_stories,
    int64_t max_age, int64_t now, int *n_dropped, char **err);

/* ---- for the reader and listings ---- */

/* Call fn for each feed, in title order.  fn returns non-zero to stop. */
int store_feeds_each(struct store *st,
    int (*fn)(const struct store_feed *f, void *arg), void *arg);

/* A story row (list columns only; the body comes from store_story_body). */
struct store_story {
	int64_t	 id;
	int64_t	 feed_id;
	char	*feed_title;
	char	*title;
	char	*link;
	char	*author;
	int64_t	 date;		/* published, else updated, else first seen */
	int	 read;
	int	 starred;
};
void store_story_clear(struct store_story *s);

enum store_scope { STORE_SCOPE_FEED, STORE_SCOPE_ALL, STORE_SCOPE_UNREAD,
	STORE_SCOPE_STARRED };

struct store_query {
	enum store_scope scope;
	int64_t	 feed_id;	/* for STORE_SCOPE_FEED */
	int	 include_read;	/* 0: unread only (starred always shown) */
	int	 oldest_first;
};
/* Number of stories a query selects. */
int64_t store_story_count(struct store *st, const struct store_query *q);
/* Fetch up to n rows from offset into rows[] (cleared first); returns the
 * number fetched or -1.  Rows come from the store on demand: the reader
 * never holds a whole list in memory. */
int store_story_rows(struct store *st, const struct store_query *q,
    int64_t offset, int n, struct store_story *rows);
/* The story's row and its body (content, else summary: HTML).  0 or -1. */
int store_story_get(struct store *st, int64_t id, struct store_story *s,
    char **body);

int store_story_set_read(struct store *st, int64_t id, int read);
int store_story_set_starred(struct store *st, int64_t id, int starred);
/* Mark every unread story of a feed (feed_id 0: of all feeds) read; the
 * ids changed go to *ids (caller frees) so the reader can undo. */
int store_mark_all_read(struct store *st, int64_t feed_id, int64_t **ids,
    size_t *n_ids);

/* Full-text search (FTS5) over titles and text, best match first: fills up
 * to n rows, returns the count or -1 with *err for a bad query. */
int store_search(struct store *st, const char *query, int n,
    struct store_story *rows, char **err);

#endif
