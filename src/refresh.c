/*
 * refresh.c - every feed of the urls file fetched (conditionally), parsed
 * and merged into the store, one feed at a time as its transfer completes.
 *
 * It joins fetch, parse and store and owns no policy of theirs.  It must
 * never let one feed's failure stop the others, never delete or touch a
 * feed's stories when its fetch or parse failed, never store validators of
 * a body it could not use (the next refresh would get a 304 and never see
 * it again), and never print: outcomes go back to the caller.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hearsay/analyze.h"
#include "hearsay/buf.h"
#include "hearsay/feed.h"
#include "hearsay/feedlist.h"
#include "hearsay/fetch.h"
#include "hearsay/refresh.h"
#include "hearsay/store.h"
#include "hearsay/text.h"
#include "hearsay/util.h"

struct refresh {
	struct store	*st;
	const struct feedlist *fl;
	struct refresh_opts opts;
	struct fetch	*fetch;		/* NULL until refresh_start */
	struct refresh_outcome *feeds;	/* one per urls-file entry */
	size_t		 n_feeds;
	struct refresh_progress progress;
};

void
refresh_opts_default(struct refresh_opts *opts)
{
	memset(opts, 0, sizeof *opts);
	fetch_opts_default(&opts->fetch);
	opts->keep_stories = 0;
	opts->keep_days = 0;
	opts->on_feed = NULL;
	opts->on_feed_arg = NULL;
}

struct refresh *
refresh_new(struct store *st, const struct feedlist *fl,
    const struct refresh_opts *opts)
{
	struct refresh *r = xcalloc(1, sizeof *r);

	r->st = st;
	r->fl = fl;
	if (opts != NULL)
		r->opts = *opts;
	else
		refresh_opts_default(&r->opts);
	return r;
}

void
refresh_free(struct refresh *r)
{
	size_t i;

	if (r == NULL)
		return;
	fetch_free(r->fetch);
	for (i = 0; i < r->n_feeds; i++) {
		free(r->feeds[i].error);
		free(r->feeds[i].moved_to);
	}
	free(r->feeds);
	free(r);
}

/* The entry's tags joined by spaces ("" for none).  Caller frees. */
static char *
refresh_tags(const struct feedlist_entry *e)
{
	struct buf b;
	size_t i;

	buf_init(&b, 0);
	for (i = 0; i < e->n_tags; i++) {
		if (i > 0)
			buf_addc(&b, ' ');
		buf_addstr(&b, e->tags[i]);
	}
	return buf_detach(&b);
}

/* Mark o finished, count it and tell the caller.  error is taken over. */
static void
refresh_finish(struct refresh *r, struct refresh_outcome *o, char *error)
{
	o->done = 1;
	o->error = error;
	r->progress.done++;
	if (error != NULL)
		r->progress.failed++;
	else if (o->not_modified)
		r->progress.not_modified++;
	r->progress.new_stories += (size_t)o->n_new;
	if (r->opts.on_feed != NULL)
		r->opts.on_feed(o, r->opts.on_feed_arg);
}

/* Parse a fetched body and merge it into the feed's stories.  Returns NULL,
 * or the per-feed error (caller frees). */
static char *
refresh_store_body(struct refresh *r, struct refresh_outcome *o,
    const struct fetch_result *res, int64_t now)
{
	struct feed_parse_opts po;
	struct feed_doc *doc;
	char *err = NULL, *msg;
	int n_new = 0;

	memset(&po, 0, sizeof po);
	po.base_url = res->effective_url;
	po.http_charset = res->charset;
	po.content_type = res->content_type;
	doc = feed_parse(res->body, res->body_len, &po, &err);
	if (doc == NULL) {
		/* The parser's message may quote the document. */
		msg = text_clean(err != NULL ? err : "not a feed",
		    TEXT_COLLAPSE_WS);
		free(err);
		return msg;
	}
	if (store_feed_merge(r->st, o->feed_id, doc, now, &n_new, &err) == -1)
		goto store_error;
	o->n_new = n_new;
	if (store_prune(r->st, o->feed_id, r->opts.keep_stories,
	    r->opts.keep_days * 24 * 3600, now, NULL, &err) == -1)
		goto store_error;
	feed_doc_free(doc);
	return NULL;

store_error:
	feed_doc_free(doc);
	msg = xprintf("store: %s", err != NULL ? err : "failed");
	free(err);
	return msg;
}

/* Analyse the feed's stories that have no current analysis: the new
 * ones, or all of them after an engine upgrade, 304 or not.  A failure
 * costs nothing but the analysis, which the next refresh or the reader
 * makes. */
static void
refresh_analyze(struct refresh *r, const struct refresh_outcome *o)
{
	int64_t n = 0;
	char *err = NULL;

	if (r->opts.lang == NULL || o->feed_id == 0)
		return;
	analyze_pending(r->st, r->opts.lang, o->feed_id, 0, NULL, NULL, &n,
	    &err);
	free(err);
	r->progress.analysed += (size_t)n;
}

/* The fetch callback: store what one feed's transfer came to. */
static void
refresh_fetched(const struct fetch_result *res, void *arg)
{
	struct refresh *r = arg;
	struct refresh_outcome *o = res->arg;
	struct store_fetch_result sr;
	int64_t now = (int64_t)time(NULL);
	char *error = NULL, *rec_err = NULL;

	o->status = res->status;
	o->not_modified = res->not_modified;
	if (res->error != NULL)
		error = xstrdup(res->error);
	else if (!res->not_modified)
		error = refresh_store_body(r, o, res, now);

	memset(&sr, 0, sizeof sr);
	sr.status = res->status;
	sr.error = error;
	sr.when = now;
	if (error == NULL) {
		sr.etag = res->etag;
		sr.last_modified = res->last_modified;
		sr.moved_to = res->moved_to;
		o->moved_to = xstrdup(res->moved_to);
	}
	if (store_feed_record(r->st, o->feed_id, &sr, &rec_err) == -1 &&
	    error == NULL) {
		error = xprintf("store: %s", rec_err != NULL ? rec_err : "failed");
		o->not_modified = 0;
	}
	free(rec_err);
	refresh_analyze(r, o);
	refresh_finish(r, o, error);
}

/* Give feed i its store row and queue its conditional fetch. */
static void
refresh_queue(struct refresh *r, size_t i)
{
	const struct feedlist_entry *e = feedlist_get(r->fl, i);
	struct refresh_outcome *o = &r->feeds[i];
	struct fetch_request req;
	struct store_feed sf;
	char *tags, *err = NULL, *msg;

	o->url = e->url;
	tags = refresh_tags(e);
	if (store_feed_ensure(r->st, e->url, e->title, tags, &o->feed_id,
	    &err) == -1) {
		msg = xprintf("store: %s", err != NULL ? err : "failed");
		free(err);
		free(tags);
		o->feed_id = 0;
		refresh_finish(r, o, msg);
		return;
	}
	free(tags);
	memset(&sf, 0, sizeof sf);
	memset(&req, 0, sizeof req);
	req.url = e->url;
	req.arg = o;
	if (store_feed_get(r->st, o->feed_id, &sf) == 0) {
		req.etag = sf.etag;
		req.last_modified = sf.last_modified;
	}
	fetch_add(r->fetch, &req);
	store_feed_clear(&sf);
}

int
refresh_start(struct refresh *r, char **err)
{
	size_t i;

	if (r->fetch != NULL)
		return error_set(err, "refresh already started");
	if (store_lock_refresh(r->st, err) == -1)
		return -1;
	r->n_feeds = feedlist_count(r->fl);
	r->feeds = xcalloc(r->n_feeds, sizeof *r->feeds);
	r->progress.total = r->n_feeds;
	r->fetch = fetch_new(&r->opts.fetch, refresh_fetched, r);
	for (i = 0; i < r->n_feeds; i++)
		refresh_queue(r, i);
	return 0;
}

int
refresh_step(struct refresh *r, int timeout_ms, int extra_fd,
    int *extra_ready)
{
	if (r->fetch == NULL) {
		if (extra_ready != NULL)
			*extra_ready = 0;
		return -1;
	}
	return fetch_step(r->fetch, timeout_ms, extra_fd, extra_ready);
}

int
refresh_done(const struct refresh *r)
{
	return r->fetch != NULL && fetch_pending(r->fetch) == 0;
}

void
refresh_progress(const struct refresh *r, struct refresh_progress *p)
{
	*p = r->progress;
}

size_t
refresh_count(const struct refresh *r)
{
	return r->n_feeds;
}

const struct refresh_outcome *
refresh_outcome(const struct refresh *r, size_t i)
{
	return i < r->n_feeds ? &r->feeds[i] : NULL;
}

int
refresh_run(struct refresh *r, char **err)
{
	if (refresh_start(r, err) == -1)
		return -1;
	while (!refresh_done(r)) {
		if (refresh_step(r, 1000, -1, NULL) == -1)
			return error_set(err, "transfers failed");
	}
	return 0;
}
