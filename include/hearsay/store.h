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
struct feed_item;
struct store;

#define STORE_SCHEMA_VERSION 9

enum store_open_flags {
	STORE_CREATE = 0x1,	/* create the file (and its directory) */
	STORE_READONLY = 0x2,	/* only read, even a store we may write */
	STORE_READ_ANYWAY = 0x4, /* a store we may not write: only read it */
};

/* Open (and migrate) the store at path.  0, or -1 with *err naming the
 * file once: not a database, corrupt, another program's database, from
 * a newer hearsay, read-only ("PATH is read-only: cannot write the
 * store")... the file is left untouched on error.  A missing file is an
 * error unless STORE_CREATE; an empty file is an empty store.  A store
 * this process may not write (the file, its folder or its file system is
 * read-only) opens only with STORE_READ_ANYWAY (or STORE_READONLY), for
 * reading: writes then fail, and nothing is made beside it (with no
 * write-ahead log there, it is read as the file is, without locks: what
 * its owner writes meanwhile is not seen).  *err must be NULL or an old
 * message (it is freed); caller frees it. */
int store_open(struct store **out, const char *path, int flags, char **err);
/* NULL when the handle may write the store, else why not, naming the
 * file once ("PATH is read-only", "PATH is in a read-only folder"). */
const char *store_readonly(const struct store *st);
/* A number that changes when another connection (of this process or
 * another: cron's refresh, a second reader) commits a change to the
 * store, and not for this handle's own writes (SQLite's PRAGMA
 * data_version): the reader polls it to see others' writes.  -1 when it
 * cannot be read. */
int64_t store_data_version(struct store *st);
/* Close the handle (NULL is fine), releasing its refresh lock. */
void store_close(struct store *st);

/* Take the refresh lock, held until store_unlock_refresh or the end of
 * this store handle: a flock() on "<path>.lock" that the kernel drops if
 * the process dies.  0 (also when this handle holds it already), or -1
 * with *err ("another hearsay refresh is running on <path>") when another
 * handle holds it, in this process or another (it is not waited for), or
 * when the handle is read-only. */
int store_lock_refresh(struct store *st, char **err);
/* Release the refresh lock if this handle holds it, so that cron's
 * refresh can run while the handle stays open (store_close does it; the
 * reader refreshes through a handle of its own, closed when done, and
 * the tests call this). */
void store_unlock_refresh(struct store *st);

/* A feed's row.  Strings are owned by the struct. */
struct store_feed {
	int64_t	 id;
	char	*url;
	char	*title;		/* user's "~Title", else the feed's, else the URL */
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
	int64_t	 position;	/* place in the urls file, -1 if none */
	int	 hidden;	/* a "!" tag: not in the feed list */
	int64_t	 gone_since;	/* left the urls file then, 0 if in it */
	int64_t	 newest;	/* date of its newest story, 0 if none */
};
void store_feed_clear(struct store_feed *f);

/* Make sure the feed exists (matched by URL), with the user's title and
 * tags from the urls file (NULL leaves them as they are).  *id gets its
 * id. */
int store_feed_ensure(struct store *st, const char *url, const char *title,
    const char *tags, int64_t *id, char **err);
/* Fill *f for the feed with this id (free with store_feed_clear).  0, or
 * -1 when there is none. */
int store_feed_get(struct store *st, int64_t id, struct store_feed *f);
/* Delete the feed and all its stories, starred ones too.  (Only the
 * tests call it: a feed leaves through store_feeds_sync.) */
int store_feed_delete(struct store *st, int64_t id, char **err);

/* One feed of the urls file, for store_feeds_sync (strings borrowed). */
struct store_sub {
	const char *url;
	const char *title;	/* the user's "~Title", or NULL */
	const char *tags;	/* space-separated, "" for none */
	int	 hidden;
};
/* Make the feeds of the urls file the store's subscriptions, in one
 * transaction: subs[i] gets its row (made when new), exactly its title,
 * tags and hidden flag, and position i; a feed that had gone comes back,
 * with the stories it kept; every other subscribed feed is gone from now
 * on, out of every list but the starred one, its stories kept until
 * store_prune_gone.  Writes nothing when nothing changed (an open
 * reader sees no change then).  0, or -1 with *err (why only). */
int store_feeds_sync(struct store *st, const struct store_sub *subs,
    size_t n, int64_t now, char **err);
/* Retention of the feeds gone from the urls file since before
 * now - max_age: their stories go but the starred ones, and a feed left
 * with no story goes too (coming back, it starts afresh).  max_age 0:
 * nothing goes.  *n_dropped (may be NULL) gets the stories dropped.  0,
 * or -1 with *err. */
int store_prune_gone(struct store *st, int64_t max_age, int64_t now,
    int *n_dropped, char **err);

/* A note the commands keep between runs, by key: *value gets it (caller
 * frees) or NULL when there is none.  0, or -1 on a database error. */
int store_note_get(struct store *st, const char *key, char **value);
/* Keep value under key (written only when it changed).  0, or -1 with
 * *err. */
int store_note_put(struct store *st, const char *key, const char *value,
    char **err);

/* What one fetch of a feed came to. */
struct store_fetch_result {
	long	 status;	/* HTTP status, 0 if no response */
	const char *error;	/* NULL on success */
	const char *etag;	/* new validators (NULL keeps the old) */
	const char *last_modified;
	const char *moved_to;	/* permanent redirect target, or NULL */
	int64_t	 when;
};
/* Record the outcome of a fetch (status, error, validators, times):
 * last_success is set when r->error is NULL; NULL validators keep the old
 * ones; moved_to is replaced after a success, kept after a failure. */
int store_feed_record(struct store *st, int64_t feed_id,
    const struct store_fetch_result *r, char **err);

/* Merge a parsed document into the feed in one transaction: feed metadata
 * updated, new stories inserted (de-duplicated by guid, else link, else a
 * hash of title+date), changed stories updated, read/starred untouched.
 * Each merge is the feed's next generation, and the stories it saw are
 * the feed's current ones (whatever the clock says).  *n_new gets the
 * number of new stories. */
int store_feed_merge(struct store *st, int64_t feed_id,
    const struct feed_doc *doc, int64_t now, int *n_new, char **err);

/* One document of a store_feeds_merge batch: the feed it goes to, when it
 * was fetched, and (set by the merge) the number of new stories. */
struct store_merge {
	int64_t			 feed_id;
	const struct feed_doc	*doc;
	int64_t			 now;
	int			 n_new;
};
/* Merge n documents as store_feed_merge merges each, in one transaction
 * with one pass of the search index over all their new stories (FTS5
 * writes one segment for the batch, not one per feed).  All of them are
 * stored, or with -1 and *err none. */
int store_feeds_merge(struct store *st, struct store_merge *m, size_t n,
    char **err);

/* One story of another reader (hearsay import-newsboat) and its state. */
struct store_import {
	const struct feed_item *item;	/* borrowed */
	int	 read;
	int	 starred;
};
/* What store_import_stories did. */
struct store_import_result {
	size_t	 added;		/* stories that entered the store */
	size_t	 marked;	/* stories marked read or starred */
};
/* Carry another reader's stories into a feed (store_import.c): each is
 * looked for among the feed's stories by guid, or, one without a guid,
 * by link, and merged as store_feed_merge does when it is not there (the feed's title and site link from title and site_link,
 * NULL keeps them); then each story read or starred there is marked so
 * here.  Nothing is marked unread or unstarred, so hearsay's own marks
 * stay and a second run changes nothing.  Two transactions: a failure
 * between them leaves stories entered unmarked, which a second run marks.
 * 0, or -1 with *err. */
int store_import_stories(struct store *st, int64_t feed_id,
    const char *title, const char *site_link, const struct store_import *in,
    size_t n, int64_t now, struct store_import_result *res, char **err);

/* Make each item's plain text for the search index (item->text, freed
 * with the document), so that store_feed_merge need not: refresh calls
 * it on its parsing thread.  Optional; NULL is fine. */
void store_doc_prepare(struct feed_doc *doc);

/* Retention for one feed (feed_id 0: every feed), in one transaction:
 * keep at most max_stories non-starred stories per feed, newest by date (0
 * = no cap), and drop stories dated before now - max_age, read or not (0
 * = no limit), as newsboat's keep-articles-days does.  Starred stories are
 * never dropped, and stories seen by the feed's latest merge never (they
 * would come back as new), even when two merges fall within one second.
 * *n_dropped may be NULL. */
int store_prune(struct store *st, int64_t feed_id, int64_t max_stories,
    int64_t max_age, int64_t now, int *n_dropped, char **err);

/* Check the whole file: SQLite's integrity check, foreign keys, and (on a
 * writable handle) the search index against the stories.  0, or -1 with
 * *err naming the first problem found.  For the tests (tests/store_check
 * runs it on the shell tests' stores). */
int store_check(struct store *st, char **err);

/* ---- for the reader and listings ---- */

/* Call fn for each subscribed feed (not gone; hidden ones too), with
 * counts, in urls-file order (feeds never synced by title, after them).
 * fn returns non-zero to stop; f and its strings are only valid during
 * the call.  0, or -1 on a database error. */
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
	int	 analysed;	/* the store holds the story's analysis */
	int	 n_quotes;	/* from the analysis, 0 when none */
	int	 n_sources;
};
void store_story_clear(struct store_story *s);

/* FEED: one feed's stories; ALL: every subscribed feed's (the feeds of
 * the urls file, hidden ones too; see store_feeds_sync); UNREAD: their
 * unread stories; STARRED: every starred story, a gone feed's too. */
enum store_scope { STORE_SCOPE_FEED, STORE_SCOPE_ALL, STORE_SCOPE_UNREAD,
	STORE_SCOPE_STARRED };

struct store_query {
	enum store_scope scope;
	int64_t	 feed_id;	/* for STORE_SCOPE_FEED */
	int	 include_read;	/* FEED, ALL: 0 lists unread and starred only */
	int	 oldest_first;
	const char *tag;	/* ALL, UNREAD: only feeds with this tag, or
				 * NULL for all (borrowed) */
};
/* Number of stories a query selects. */
int64_t store_story_count(struct store *st, const struct store_query *q);
/* Fetch up to n rows from offset into rows[] (zeroed first, not freed:
 * clear each filled row with store_story_clear); returns the number
 * fetched or -1.  Newest first unless q->oldest_first.  Rows come from the
 * store on demand: the reader never holds a whole list in memory. */
int store_story_rows(struct store *st, const struct store_query *q,
    int64_t offset, int n, struct store_story *rows);
/* Where story id is in a query's list (0 for the first row), or -1 when
 * the query does not list it (any more). */
int64_t store_story_index(struct store *st, const struct store_query *q,
    int64_t id);
/* The story's row and its body (content, else summary: HTML, caller
 * frees; body may be NULL when not wanted).  0, or -1 when none. */
int store_story_get(struct store *st, int64_t id, struct store_story *s,
    char **body);

/* Set or clear a flag.  0, or -1 with *err saying why in words and
 * nothing else ("no space left on device"), for the caller to put into
 * its own sentence; or that there is no such story. */
int store_story_set_read(struct store *st, int64_t id, int read,
    char **err);
int store_story_set_starred(struct store *st, int64_t id, int starred,
    char **err);
/* Set the read flag (starred: the star) of every story of ids[0..n) to
 * value in one statement, skipping the stories gone from the store: how
 * a mark of thousands is undone.  *n_changed (may be NULL) gets how many
 * changed.  0, or -1 with *err (why only, as above) and nothing
 * changed. */
int store_story_set_many(struct store *st, int starred, const int64_t *ids,
    size_t n, int value, int64_t *n_changed, char **err);
/* Mark every unread story of a feed (feed_id 0: of all feeds) read, in
 * one transaction; the ids changed go to *ids (caller frees) so the
 * reader can undo.  0, or -1 with *err (why only, as above) and nothing
 * changed. */
int store_mark_all_read(struct store *st, int64_t feed_id, int64_t **ids,
    size_t *n_ids, char **err);

/* Search: any text the user types.  Words (and "phrases", a quote left
 * open running to the end) are searched for as FTS5 reads the index's
 * text, each quoted by hearsay, so that apostrophes, hyphens, colons,
 * stars and brackets are only text; word* finds words that start so;
 * AND, OR, NOT in capitals and parentheses work where they are
 * well-formed and are words elsewhere.  Any number of speaker:NAME and
 * source:NAME terms (NAME a word or a "quoted phrase", matched
 * case-insensitively anywhere in a quote's speaker or a cited source's
 * name) narrow the search.  The stories of feeds gone from the urls
 * file are left out but the starred ones, as the lists leave them out.
 * Best match first (bm25, title words weigh
 * more; words alone rank only the 5,000 most recently stored of their
 * matches), newest first when there are no words: fills up to n rows
 * (clear each with store_story_clear), returns the count (0 for text
 * with nothing searchable in it, such as "(" or "*"), or -1 with *err for
 * a bad name term or a store error, never an FTS5 message; the handle
 * stays usable. */
int store_search(struct store *st, const char *query, int n,
    struct store_story *rows, char **err);
/* Non-zero when a search's results come best match first (it has words),
 * zero when newest first (names only, or no valid query). */
int store_search_ranked(const char *query);
/* The FTS5 expression store_search() matches a query's words with, or
 * NULL when it has none; st's tokenizer leaves out the words that are
 * only punctuation (st NULL: none is left out).  Caller frees.  For the
 * tests. */
char *store_search_match(struct store *st, const char *query);

/* ---- the quote engine's results, cached per story (store_analysis.c) ----
 *
 * The store takes plain rows: it knows nothing of the engine but the
 * version number each analysis was made with, so that a newer engine
 * re-analyses what an older one left. */

/* One quote: the words, who said them (speaker NULL: nobody found). */
struct store_quote {
	const char *speaker;
	const char *role;
	const char *cue;
	const char *text;
	int64_t	 start;		/* code points into the analysed text */
	int64_t	 end;
};

/* One source the story cites: its name, its cues ("reported, said") and
 * how many sentences cite it. */
struct store_source {
	const char *name;
	const char *cues;
	int	 count;
};

/* A story's analysis; strings borrowed from the caller. */
struct store_analysis {
	int64_t	 story_id;
	int	 version;	/* analyze.h's ANALYZE_VERSION */
	const char *place;	/* dateline, or NULL */
	const char *agency;
	const struct store_quote *quotes;
	size_t	 n_quotes;
	const struct store_source *sources;
	size_t	 n_sources;
};

/* Store a story's analysis, replacing what it had; a story that is gone
 * meanwhile is skipped.  In a batch, it joins the batch's transaction,
 * else it has its own.  0, or -1 with *err (a batch is rolled back and
 * ended then: nothing of it is stored). */
int store_analysis_put(struct store *st, const struct store_analysis *a,
    char **err);
/* Start a batch: the puts until store_analysis_end share one write
 * transaction.  0, or -1 with *err. */
int store_analysis_begin(struct store *st, char **err);
/* Commit the batch (nothing to do when a put failed and ended it). */
int store_analysis_end(struct store *st, char **err);
/* The version of the story's stored analysis, 0 when it has none. */
int store_analysis_version(struct store *st, int64_t story_id);

/* A story waiting for its analysis; body owned (content, else summary). */
struct store_pending {
	int64_t	 id;
	char	*body;
};
void store_pending_clear(struct store_pending *p);
/* Up to n stories with an id above after_id and no analysis of at least
 * version (all: every story, whatever it has), by id, of one feed
 * (feed_id 0: of all): fills rows (clear each), returns how many or -1. */
int store_analysis_pending(struct store *st, int64_t feed_id, int version,
    int all, int64_t after_id, int n, struct store_pending *rows);
/* How many stories store_analysis_pending would list from the start. */
int64_t store_analysis_count_pending(struct store *st, int64_t feed_id,
    int version, int all);
/* Up to n stories of every feed dated since `since` (0: any date) with
 * no analysis of at least version and an id in (after_id, after_id +
 * span] (span 0: above after_id), by id: a bounded look however large the
 * store.  Fills rows (clear each), returns how many or -1; *more is set
 * when stories past what was looked at may wait (n came back, or there
 * are ids past the range). */
int store_analysis_pending_range(struct store *st, int64_t since,
    int version, int64_t after_id, int64_t span, int n,
    struct store_pending *rows, int *more);
/* How many stories dated since `since` (0: any) have no analysis of at
 * least version. */
int64_t store_analysis_count_since(struct store *st, int64_t since,
    int version);

/* The date of the newest story dated at or before `before`, or 0. */
int64_t store_newest_date(struct store *st, int64_t before);

/* One name (speaker or source) with what the stories say of it. */
struct store_name {
	int64_t	 id;
	char	*name;
	int64_t	 n_stories;	/* stories quoting or citing it */
	int64_t	 n_quotes;	/* quotes it is the speaker of */
	int64_t	 n_cites;	/* sentences citing it */
};
void store_name_clear(struct store_name *nm);
/* The names of the stories dated since `since`, those in the most stories
 * first, then the most quoted and cited (quotes + cites), at most n:
 * fills rows (clear each), returns how many or -1. */
int store_names_since(struct store *st, int64_t since, int n,
    struct store_name *rows);

/* What one story says of a name: one of its quotes, or (quote NULL) that
 * it cites the name with these cues. */
struct store_mention {
	int64_t	 story_id;
	char	*title;
	char	*feed_title;
	int64_t	 date;
	char	*quote;		/* the words, or NULL for a citation */
	char	*cue;		/* the quote's cue, or the source's cues */
};
void store_mention_clear(struct store_mention *m);
/* The mentions of name_id in stories dated since `since`, newest story
 * first, at most n: fills rows (clear each), returns how many or -1. */
int store_name_mentions(struct store *st, int64_t name_id, int64_t since,
    int n, struct store_mention *rows);

/* What `hearsay count` counts: the unread stories of the subscribed
 * feeds ("!" hidden ones too), as "All unread stories" does; feed (a URL,
 * or a title as the urls file or the feed gives it) and tag narrow it,
 * NULL for any.  Strings borrowed. */
struct store_count_query {
	const char *feed;
	const char *tag;
};
struct store_counts {
	int64_t	 unread;	/* unread stories */
	int64_t	 feeds_unread;	/* feeds with unread stories */
	int64_t	 feeds;		/* feeds the query names */
};
/* Count on an open store: 0, or -1 with *err. */
int store_count(struct store *st, const struct store_count_query *q,
    struct store_counts *c, char **err);
/* The same on the file at path, opened read-only for this alone (SQLite
 * only: none of store_open's work).  0, or -1, saying nothing, when it
 * cannot be done that way (no store, a schema to migrate or too new, a
 * store that only store_open can read): the caller then opens the store
 * and asks store_count, which says why. */
int store_count_quick(const char *path, const struct store_count_query *q,
    struct store_counts *c);
/* ---- a feed server as the source (store_sync.c, for sync_ttrss.c) ----
 *
 * The server's ids are kept beside the store's own (remote_id) for the
 * feeds and stories it gave.  A mark made here on such a story (read,
 * unread, starred, unstarred; by any statement, mark-all and its undo
 * included) is queued by the schema's triggers in the transaction that
 * makes it, in order, until store_sync_queue_done says the server took
 * it; the server's own state, applied through store_sync_state and
 * store_sync_feed_state, is never queued and never overrides a mark
 * still queued (the sync sends those first: they are the user's latest
 * word here). */

/* Where the sync got to: the largest server id of the articles stored
 * (since_id); past it, how many articles of the current pass are stored
 * (pass_skip) and the largest id among them (pass_max). */
struct store_sync_cursor {
	int64_t	 since_id;
	int64_t	 pass_skip;
	int64_t	 pass_max;
	int64_t	 last_sync;	/* when a sync last completed, 0: never */
};

/* The store's account ("LOGIN@URL"), made on the first sync; *c gets its
 * cursor.  0, or -1 with *err when the store syncs with another account
 * (its stories' ids are that server's) or fails. */
int store_sync_account(struct store *st, const char *account,
    struct store_sync_cursor *c, char **err);
/* Start a write transaction for one step of a sync: the merges, mappings,
 * states and cursor until store_sync_commit are kept all together or not
 * at all (a kill -9 mid-way loses the step, never half of it), and the
 * server's state it applies is not queued.  0, or -1 with *err. */
int store_sync_begin(struct store *st, char **err);
int store_sync_commit(struct store *st, char **err);
/* Roll back the step (nothing of it is kept). */
void store_sync_rollback(struct store *st);
/* Store the cursor (in the step's transaction). */
int store_sync_cursor_put(struct store *st, const struct store_sync_cursor *c,
    char **err);
/* The feed the server calls remote_id, with its URL, title and tags (the
 * server's categories): found by that id, else adopted by URL (a feed
 * this store had before), else made.  *feed_id gets its id. */
int store_sync_feed(struct store *st, int64_t remote_id, const char *url,
    const char *title, const char *tags, int64_t *feed_id, char **err);
/* The server's feeds (those with a remote_id) not among the n ids the
 * server lists now (unsubscribed, here or elsewhere) are gone from now
 * on, as a feed gone from the urls file (store_feeds_sync): out of every
 * list but the starred one, their stories kept until store_prune_gone.
 * *n_gone (may be NULL) gets how many went now. */
int store_sync_feeds_keep(struct store *st, const int64_t *remote_ids,
    size_t n, int64_t now, int *n_gone, char **err);
/* Give the story merged into feed_id under key ("g:" and its guid) the
 * server's id.  0, or -1 with *err. */
int store_sync_story(struct store *st, int64_t feed_id, const char *key,
    int64_t remote_id, char **err);
/* The server's read and starred state of one story (by its id there),
 * unless a mark of the same kind waits in the queue.  0 or -1. */
int store_sync_state(struct store *st, int64_t remote_id, int unread,
    int starred, char **err);
/* One feed's stories (feed_remote_id is the server's feed) set to the
 * server's state of one kind (starred non-zero: stars, else unread):
 * those whose ids are among the n of ids (sorted ascending) have it,
 * the others not, queued marks aside.  *n_changed may be NULL. */
int store_sync_feed_state(struct store *st, int64_t feed_remote_id,
    int starred, const int64_t *ids, size_t n, int *n_changed, char **err);

/* A mark made here, waiting for the server. */
struct store_sync_mark {
	int64_t	 seq;		/* the order it was made in */
	int64_t	 remote_id;	/* the story's id on the server */
	int	 field;		/* the API's: 0 starred, 2 unread */
	int	 value;		/* 1: set (starred, unread), 0: cleared */
};
/* Up to n of the oldest queued marks into rows; how many, or -1. */
int store_sync_queue(struct store *st, int n, struct store_sync_mark *rows);
/* The server took every mark up to seq: out of the queue.  0 or -1. */
int store_sync_queue_done(struct store *st, int64_t seq, char **err);
/* How many marks wait (-1 on error). */
int64_t store_sync_queue_count(struct store *st);

/* The unread and starred stories of one of the server's feeds here. */
struct store_sync_count {
	int64_t	 remote_id;	/* the feed's id on the server */
	int64_t	 unread;
	int64_t	 starred;
};
/* Call fn for each of the server's feeds with its counts; fn returns
 * non-zero to stop.  0, or -1 on a database error. */
int store_sync_counts(struct store *st,
    int (*fn)(const struct store_sync_count *c, void *arg), void *arg);

#endif
