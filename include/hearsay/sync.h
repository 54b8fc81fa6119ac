/*
 * sync.h - a feed server as the source of the store instead of the feeds
 * themselves: Tiny Tiny RSS's JSON API (sync_ttrss.c), and the password
 * it takes (sync_secret.c).
 *
 * A sync asks the server for its subscriptions and categories (as tags),
 * the articles new since the last sync (a page at a time), and the read
 * and starred state of the others; it sends the marks made here first,
 * from the store's queue, in the order they were made.  The store stays
 * complete and local: a synced story is a story like any other (search,
 * the quote engine, the Sources view).  A sync is an object an event loop
 * can drive a step at a time, like a refresh (refresh.h).  It must never
 * change the store when the server refuses or cannot be reached, never
 * lose a mark made here, and never print: what it came to goes back to
 * the caller, every message from the server through text_clean().
 *
 * The conflict rule: a mark made here and not yet sent wins over the
 * server's state of that story, whatever was done elsewhere meanwhile:
 * the sync sends it before it reads the server's state (the API says
 * nothing of when a mark was made elsewhere, so there is no later one to
 * tell).  A mark made elsewhere on a story with no mark waiting here
 * comes back on the next sync.
 */
#ifndef HEARSAY_SYNC_H
#define HEARSAY_SYNC_H

#include <stddef.h>
#include <stdint.h>

#include "hearsay/fetch.h"

struct quotes_lang;
struct store;
struct sync_ttrss;

/* The API level the sync needs at least: subscribeToFeed and
 * unsubscribeFeed came with level 5. */
#define SYNC_TTRSS_MIN_API_LEVEL 5
/* Articles per getHeadlines request: the server's largest page. */
#define SYNC_TTRSS_PAGE 200

struct sync_opts {
	const char *url;	/* the server (its API is at URL/api/) */
	const char *login;
	const char *password;
	struct fetch_opts fetch;
	/* New stories are analysed once stored (refresh.h's lang). */
	const struct quotes_lang *lang;
	/* A feed gone from the server keeps its stories this long (days,
	 * keep-days; 0: for ever), its starred ones for good. */
	int64_t	 keep_days;
};

struct sync_progress {
	size_t	 requests;	/* API requests made */
	size_t	 articles;	/* articles stored (new or again) */
	size_t	 new_stories;	/* of them, new to the store */
	size_t	 feeds;		/* the server's feeds */
	size_t	 feeds_gone;	/* feeds the server has no more, now gone */
	size_t	 marks_sent;	/* marks made here, taken by the server */
	size_t	 marks_pending;	/* marks made here still waiting */
	size_t	 changed_there;	/* stories whose state came from there */
	size_t	 analysed;
	const char *phase;	/* what it does now, in words */
};

/* A sync of st (borrowed) with the server of opts (copied). */
struct sync_ttrss *sync_ttrss_new(struct store *st,
    const struct sync_opts *opts);
void sync_ttrss_free(struct sync_ttrss *s);
/* Take the store's refresh lock (refresh.h) and log in.  0, or -1 with
 * *err when the lock is held or the store read-only. */
int sync_ttrss_start(struct sync_ttrss *s, char **err);
/* Run the sync for at most timeout_ms, also waiting for extra_fd (-1:
 * none) as refresh_step does.  0, or -1 when the transfers failed. */
int sync_ttrss_step(struct sync_ttrss *s, int timeout_ms, int extra_fd,
    int *extra_ready);
/* Non-zero once the sync is over, done or failed. */
int sync_ttrss_done(const struct sync_ttrss *s);
/* Why it failed (printable), or NULL; *store_failed (may be NULL) says
 * whether the store was at fault (a full disk, ...) and not the server. */
const char *sync_ttrss_error(const struct sync_ttrss *s, int *store_failed);
void sync_ttrss_progress(const struct sync_ttrss *s, struct sync_progress *p);
/* Start, then step until done.  0, or -1 with *err. */
int sync_ttrss_run(struct sync_ttrss *s, char **err);

/* Subscribe the account to the feed at url on the server (its stories
 * come with the next sync).  0, or -1 with *err saying why (the server
 * could not fetch it, it is no feed, ...). */
int sync_ttrss_subscribe(const struct sync_opts *opts, const char *url,
    char **err);
/* Unsubscribe the account from the server's feed with this URL. */
int sync_ttrss_unsubscribe(const struct sync_opts *opts, const char *url,
    char **err);

/* The password: the first line that the shell command eval prints (when
 * not NULL or empty), else the first line of the file at path, which
 * must be a regular file of ours that no one else may read or write
 * (mode 0600 or 0400).  New string, or NULL with *err. */
char *sync_secret_get(const char *eval, const char *path, char **err);

#endif
