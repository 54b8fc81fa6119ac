/*
 * refresh.h - fetch every subscribed feed, parse it and merge it into the
 * store: the work behind `hearsay refresh` and the reader's `r`/`R`.
 *
 * A refresh is an object so that an event loop can drive it a step at a
 * time: refresh_step waits on the transfers and on one descriptor of the
 * caller's (the reader's keys); the command line steps it too, to show
 * progress between steps.  One failing feed never stops the others, and a
 * failure never deletes stored stories; a failing store stops the
 * refresh, keeping what was merged before.
 */
#ifndef HEARSAY_REFRESH_H
#define HEARSAY_REFRESH_H

#include <stddef.h>
#include <stdint.h>

#include "hearsay/fetch.h"

struct feedlist;
struct quotes_lang;
struct store;
struct refresh;

/* What became of one feed; strings owned by the refresh. */
struct refresh_outcome {
	const char *url;	/* as in the urls file */
	int64_t	 feed_id;	/* 0 if the store could not take it */
	int	 done;
	int	 not_modified;	/* 304 */
	long	 status;	/* HTTP status, 0 if none */
	int	 n_new;		/* stories new to the store */
	char	*error;		/* NULL on success; printable */
	char	*moved_to;	/* permanent redirect target, or NULL */
};

typedef void (*refresh_feed_fn)(const struct refresh_outcome *o, void *arg);

struct refresh_opts {
	struct fetch_opts fetch;
	int64_t	 keep_stories;	/* per feed, 0 = no cap */
	int64_t	 keep_days;	/* 0 = no age limit */
	refresh_feed_fn on_feed; /* called after each feed is stored, or NULL */
	void	*on_feed_arg;
	/* Each feed's stories without a current analysis are analysed with
	 * it once the feed is stored (analyze.h); NULL: they are not, and
	 * the reader or `hearsay analyze` does it (refresh --analyze and
	 * the refresh-analyze option set it; the reader's refresh never). */
	const struct quotes_lang *lang;
};

void refresh_opts_default(struct refresh_opts *opts);

struct refresh_progress {
	size_t	 done;
	size_t	 total;
	size_t	 failed;
	size_t	 new_stories;
	size_t	 not_modified;
	size_t	 analysed;	/* stories analysed */
};

/* A refresh of every feed of fl into st (both borrowed, and must outlive
 * it); opts NULL for the defaults.  Nothing happens before refresh_start. */
struct refresh *refresh_new(struct store *st, const struct feedlist *fl,
    const struct refresh_opts *opts);
void refresh_free(struct refresh *r);
/* Take the store's refresh lock, make sure every feed has its row and
 * queue the conditional fetches.  0, or -1 with *err when another
 * refresh holds the lock (or the store is read-only): nothing was
 * written then.  A store that fails while the feeds get their rows stops
 * the refresh there, and the next refresh_step says so.  The lock lasts
 * until store_unlock_refresh() or the end of the store handle: a caller
 * that stays open after the refresh (the reader) must release it, or
 * refresh through a handle of its own that it closes (ui_refresh.c
 * does), or cron's `hearsay refresh` is shut out until it exits. */
int refresh_start(struct refresh *r, char **err);
/* Run transfers for at most timeout_ms, storing each feed as it completes,
 * and also wait for extra_fd (-1: none) to be readable; *extra_ready (may
 * be NULL) says whether it was.  0 or -1: the transfers failed, or the
 * store did (refresh_store_error() says why), and the refresh is over. */
int refresh_step(struct refresh *r, int timeout_ms, int extra_fd,
    int *extra_ready);
/* The store error that stopped the refresh ("store: ..."), or NULL. */
const char *refresh_store_error(const struct refresh *r);
/* Non-zero once every feed is done. */
int refresh_done(const struct refresh *r);
void refresh_progress(const struct refresh *r, struct refresh_progress *p);
/* The feeds in urls-file order, for the final report. */
size_t refresh_count(const struct refresh *r);
const struct refresh_outcome *refresh_outcome(const struct refresh *r,
    size_t i);
/* refresh_start, then steps until done.  0, or -1 with *err as for
 * refresh_start, or the store error that stopped it.  For the tests:
 * hearsay's own callers step the refresh themselves. */
int refresh_run(struct refresh *r, char **err);

#endif
