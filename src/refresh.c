/*
 * refresh.c - every feed of the urls file fetched (conditionally), parsed
 * and merged into the store, one feed at a time as its transfer completes.
 *
 * It joins fetch, parse and store and owns no policy of theirs.  Bodies
 * are parsed on worker threads (one per online CPU) while this thread
 * fetches and merges the feeds parsed before, all those ready by then in
 * one transaction; only this thread touches the store and the transfers,
 * and the workers touch nothing but their own jobs.  It must never let one feed's failure stop the others, never
 * delete or touch a feed's stories when its fetch or parse failed, never
 * store validators of a body it could not use (the next refresh would get
 * a 304 and never see it again), never hold more than a few bodies in
 * memory at once, and never print: outcomes go back to the caller.  A
 * store that fails (a full disk, an I/O error) is no feed's failure: the
 * refresh stops there, what was merged before stays, and refresh_step
 * says so.
 */
#include "config.h"

#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "hearsay/analyze.h"
#include "hearsay/feed.h"
#include "hearsay/feedlist.h"
#include "hearsay/fetch.h"
#include "hearsay/refresh.h"
#include "hearsay/store.h"
#include "hearsay/subs.h"
#include "hearsay/text.h"
#include "hearsay/util.h"

/* Bodies fetched but not yet merged, at most: the bound on memory when
 * transfers outrun the parser. */
#define REFRESH_MAX_JOBS 8
/* Parse workers at most: one per online CPU up to this. */
#define REFRESH_MAX_WORKERS 8
/* How long the loop waits at most while the worker holds a job, so that
 * a parsed feed is merged soon after it is ready. */
#define REFRESH_POLL_MS 2

/* One fetched body on its way through the worker: the copies of what the
 * transfer said, then the parsed document or the parser's error. */
struct refresh_job {
	struct refresh_outcome *o;
	long		 status;
	char		*body;
	size_t		 body_len;
	char		*effective_url;
	char		*charset;
	char		*content_type;
	char		*etag;
	char		*last_modified;
	char		*moved_to;
	int64_t		 now;
	struct feed_doc	*doc;		/* set by the worker, or NULL ... */
	char		*parse_err;	/* ... and why */
	struct refresh_job *next;
};

/* A FIFO of jobs. */
struct refresh_queue {
	struct refresh_job *head;
	struct refresh_job *tail;
};

struct refresh {
	struct store	*st;
	const struct feedlist *fl;
	struct refresh_opts opts;
	struct fetch	*fetch;		/* NULL until refresh_start */
	struct refresh_outcome *feeds;	/* one per urls-file entry */
	size_t		 n_feeds;
	struct refresh_progress progress;
	char		*store_failed;	/* the first store error, or NULL */

	/* The parse workers; the queues and stop are under lock. */
	pthread_t	 workers[REFRESH_MAX_WORKERS];
	size_t		 n_workers;
	pthread_mutex_t	 lock;
	pthread_cond_t	 work;		/* todo got a job, or stop */
	pthread_cond_t	 parsed;	/* done got a job */
	struct refresh_queue todo;
	struct refresh_queue done;
	int		 stop;
	size_t		 in_flight;	/* jobs queued, parsing or parsed */
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
	pthread_mutex_init(&r->lock, NULL);
	pthread_cond_init(&r->work, NULL);
	pthread_cond_init(&r->parsed, NULL);
	return r;
}

/* Free a job and whatever it holds; NULL is fine. */
static void
refresh_job_free(struct refresh_job *j)
{
	if (j == NULL)
		return;
	free(j->body);
	free(j->effective_url);
	free(j->charset);
	free(j->content_type);
	free(j->etag);
	free(j->last_modified);
	free(j->moved_to);
	feed_doc_free(j->doc);
	free(j->parse_err);
	free(j);
}

static void
refresh_queue_push(struct refresh_queue *q, struct refresh_job *j)
{
	j->next = NULL;
	if (q->tail != NULL)
		q->tail->next = j;
	else
		q->head = j;
	q->tail = j;
}

/* The oldest job of q, or NULL. */
static struct refresh_job *
refresh_queue_pop(struct refresh_queue *q)
{
	struct refresh_job *j = q->head;

	if (j != NULL) {
		q->head = j->next;
		if (q->head == NULL)
			q->tail = NULL;
		j->next = NULL;
	}
	return j;
}

static void
refresh_queue_clear(struct refresh_queue *q)
{
	struct refresh_job *j;

	while ((j = refresh_queue_pop(q)) != NULL)
		refresh_job_free(j);
}

/* Parse a job's body into j->doc, or say why not in j->parse_err. */
static void
refresh_job_parse(struct refresh_job *j)
{
	struct feed_parse_opts po;

	memset(&po, 0, sizeof po);
	po.base_url = j->effective_url;
	po.http_charset = j->charset;
	po.content_type = j->content_type;
	j->doc = feed_parse(j->body, j->body_len, &po, &j->parse_err);
	/* The search index's text (store.h), made here, off the
	 * thread that merges. */
	store_doc_prepare(j->doc);
	/* The body is not needed any more; free it here, off the loop. */
	free(j->body);
	j->body = NULL;
}

/* The worker thread: parse jobs from todo into done until told to stop. */
static void *
refresh_worker(void *arg)
{
	struct refresh *r = arg;
	struct refresh_job *j;

	pthread_mutex_lock(&r->lock);
	for (;;) {
		while (!r->stop && r->todo.head == NULL)
			pthread_cond_wait(&r->work, &r->lock);
		if (r->stop)
			break;
		j = refresh_queue_pop(&r->todo);
		pthread_mutex_unlock(&r->lock);
		refresh_job_parse(j);
		pthread_mutex_lock(&r->lock);
		refresh_queue_push(&r->done, j);
		pthread_cond_signal(&r->parsed);
	}
	pthread_mutex_unlock(&r->lock);
	return NULL;
}

/* Stop and join the workers; the jobs they had are dropped. */
static void
refresh_worker_stop(struct refresh *r)
{
	size_t i;

	if (r->n_workers > 0) {
		pthread_mutex_lock(&r->lock);
		r->stop = 1;
		pthread_cond_broadcast(&r->work);
		pthread_mutex_unlock(&r->lock);
		for (i = 0; i < r->n_workers; i++)
			pthread_join(r->workers[i], NULL);
		r->n_workers = 0;
	}
	refresh_queue_clear(&r->todo);
	refresh_queue_clear(&r->done);
	r->in_flight = 0;
}

void
refresh_free(struct refresh *r)
{
	size_t i;

	if (r == NULL)
		return;
	refresh_worker_stop(r);
	fetch_free(r->fetch);
	for (i = 0; i < r->n_feeds; i++) {
		free(r->feeds[i].error);
		free(r->feeds[i].moved_to);
	}
	free(r->feeds);
	free(r->store_failed);
	pthread_cond_destroy(&r->parsed);
	pthread_cond_destroy(&r->work);
	pthread_mutex_destroy(&r->lock);
	free(r);
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

/* Note the first store error (msg copied): the refresh stops there. */
static void
refresh_store_failed(struct refresh *r, const char *msg)
{
	if (r->store_failed == NULL)
		r->store_failed = xstrdup(msg);
}

/* The per-feed error of a job whose document did not parse (caller
 * frees): the parser's message may quote the document. */
static char *
refresh_parse_error(const struct refresh_job *j)
{
	return text_clean(j->parse_err != NULL ? j->parse_err : "not a feed",
	    TEXT_COLLAPSE_WS);
}

/* Note a store error as the refresh's and return it as the feed's
 * (caller frees). */
static char *
refresh_store_error_msg(struct refresh *r, const char *err)
{
	char *msg = xprintf("store: %s", err != NULL ? err : "failed");

	refresh_store_failed(r, msg);
	return msg;
}

/* Prune a merged job's feed.  Returns NULL, or the per-feed error
 * (caller frees). */
static char *
refresh_prune(struct refresh *r, struct refresh_job *j)
{
	char *err = NULL, *msg = NULL;

	if (store_prune(r->st, j->o->feed_id, r->opts.keep_stories,
	    r->opts.keep_days * 24 * 3600, j->now, NULL, &err) == -1)
		msg = refresh_store_error_msg(r, err);
	free(err);
	return msg;
}

/* Analyse the feed's stories that have no current analysis: the new
 * ones, or all of them after an engine upgrade, 304 or not.  Only the
 * store can fail it (the batches before are kept): that stops the
 * refresh like any store failure, the feed itself being stored. */
static void
refresh_analyze(struct refresh *r, const struct refresh_outcome *o)
{
	int64_t n = 0;
	char *err = NULL, *msg;

	if (r->opts.lang == NULL || o->feed_id == 0 || r->store_failed != NULL)
		return;
	if (analyze_pending(r->st, r->opts.lang, o->feed_id, 0, NULL, NULL,
	    &n, &err) == -1) {
		msg = xprintf("store: %s", err != NULL ? err : "failed");
		refresh_store_failed(r, msg);
		free(msg);
	}
	free(err);
	r->progress.analysed += (size_t)n;
}

/* What a transfer came to, as refresh_record stores it. */
struct refresh_facts {
	long		 status;
	const char	*etag;
	const char	*last_modified;
	const char	*moved_to;
	int64_t		 now;
};

/* Record the outcome of a feed's transfer (its validators only when error
 * is NULL) and finish the feed.  error is taken over. */
static void
refresh_record(struct refresh *r, struct refresh_outcome *o,
    const struct refresh_facts *f, char *error)
{
	struct store_fetch_result sr;
	char *rec_err = NULL, *msg;

	memset(&sr, 0, sizeof sr);
	sr.status = f->status;
	sr.error = error;
	sr.when = f->now;
	if (error == NULL) {
		sr.etag = f->etag;
		sr.last_modified = f->last_modified;
		sr.moved_to = f->moved_to;
		o->moved_to = xstrdup(f->moved_to);
	}
	/* The store failing stops the refresh, whatever the fetch came
	 * to; the feed's own error (a failed fetch) stays its error. */
	if (store_feed_record(r->st, o->feed_id, &sr, &rec_err) == -1) {
		msg = xprintf("store: %s", rec_err != NULL ? rec_err : "failed");
		refresh_store_failed(r, msg);
		if (error == NULL) {
			error = msg;
			msg = NULL;
			o->not_modified = 0;
		}
		free(msg);
	}
	free(rec_err);
	refresh_analyze(r, o);
	refresh_finish(r, o, error);
}

/* Record a job whose document was merged, pruned, or refused (error
 * taken over), then free it. */
static void
refresh_job_finish(struct refresh *r, struct refresh_job *j, char *error)
{
	struct refresh_facts f;

	f.status = j->status;
	f.etag = j->etag;
	f.last_modified = j->last_modified;
	f.moved_to = j->moved_to;
	f.now = j->now;
	refresh_record(r, j->o, &f, error);
	r->in_flight--;
	refresh_job_free(j);
}

/* Merge the parsed documents of jobs[0..n) in one batch (store.h:
 * store_feeds_merge), then prune, record and free each job. */
static void
refresh_merge_batch(struct refresh *r, struct refresh_job **jobs, size_t n)
{
	struct store_merge m[REFRESH_MAX_JOBS];
	char *err = NULL, *batch_err = NULL, *error;
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		if (jobs[i]->doc == NULL)
			continue;
		m[k].feed_id = jobs[i]->o->feed_id;
		m[k].doc = jobs[i]->doc;
		m[k].now = jobs[i]->now;
		m[k].n_new = 0;
		k++;
	}
	if (k > 0 && store_feeds_merge(r->st, m, k, &err) == -1)
		batch_err = refresh_store_error_msg(r, err);
	free(err);
	for (i = 0, k = 0; i < n; i++) {
		if (jobs[i]->doc == NULL)
			error = refresh_parse_error(jobs[i]);
		else if (batch_err != NULL)
			error = xstrdup(batch_err);
		else {
			jobs[i]->o->n_new = m[k++].n_new;
			error = refresh_prune(r, jobs[i]);
		}
		refresh_job_finish(r, jobs[i], error);
	}
	free(batch_err);
}

/* Merge every job the worker has parsed so far, those ready together in
 * one batch. */
static void
refresh_drain(struct refresh *r)
{
	struct refresh_job *jobs[REFRESH_MAX_JOBS];
	size_t n;

	for (;;) {
		n = 0;
		pthread_mutex_lock(&r->lock);
		while (n < REFRESH_MAX_JOBS &&
		    (jobs[n] = refresh_queue_pop(&r->done)) != NULL)
			n++;
		pthread_mutex_unlock(&r->lock);
		if (n == 0)
			break;
		refresh_merge_batch(r, jobs, n);
	}
}

/* Wait at most timeout_ms for the worker to finish a job. */
static void
refresh_wait(struct refresh *r, int timeout_ms)
{
	struct timespec until;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_nsec += (long)timeout_ms * 1000000L;
	until.tv_sec += until.tv_nsec / 1000000000L;
	until.tv_nsec %= 1000000000L;
	pthread_mutex_lock(&r->lock);
	if (r->done.head == NULL)
		pthread_cond_timedwait(&r->parsed, &r->lock, &until);
	pthread_mutex_unlock(&r->lock);
}

/* Hand a fetched body to the worker, with copies of what the transfer
 * said (the result lives only during the callback); without a worker,
 * parse and merge it here. */
static void
refresh_submit(struct refresh *r, struct refresh_outcome *o,
    const struct fetch_result *res, int64_t now)
{
	struct refresh_job *j = xcalloc(1, sizeof *j);

	j->o = o;
	j->status = res->status;
	j->body_len = res->body != NULL ? res->body_len : 0;
	j->body = xmalloc(j->body_len + 1);
	if (j->body_len > 0)
		memcpy(j->body, res->body, j->body_len);
	j->body[j->body_len] = '\0';
	j->effective_url = xstrdup(res->effective_url);
	j->charset = xstrdup(res->charset);
	j->content_type = xstrdup(res->content_type);
	j->etag = xstrdup(res->etag);
	j->last_modified = xstrdup(res->last_modified);
	j->moved_to = xstrdup(res->moved_to);
	j->now = now;
	r->in_flight++;
	if (r->n_workers == 0) {
		refresh_job_parse(j);
		refresh_merge_batch(r, &j, 1);
		return;
	}
	pthread_mutex_lock(&r->lock);
	refresh_queue_push(&r->todo, j);
	pthread_cond_signal(&r->work);
	pthread_mutex_unlock(&r->lock);
}

/* The fetch callback: a body goes to the parser, anything else is
 * recorded now. */
static void
refresh_fetched(const struct fetch_result *res, void *arg)
{
	struct refresh *r = arg;
	struct refresh_outcome *o = res->arg;
	struct refresh_facts f;

	o->status = res->status;
	o->not_modified = res->not_modified;
	f.status = res->status;
	f.etag = res->etag;
	f.last_modified = res->last_modified;
	f.moved_to = res->moved_to;
	f.now = (int64_t)time(NULL);
	if (res->error == NULL && !res->not_modified) {
		refresh_submit(r, o, res, f.now);
		return;
	}
	refresh_record(r, o, &f, xstrdup(res->error));
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
	tags = subs_tags(e);
	if (store_feed_ensure(r->st, e->url, e->title, tags, &o->feed_id,
	    &err) == -1) {
		msg = xprintf("store: %s", err != NULL ? err : "failed");
		refresh_store_failed(r, msg);
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

/* Start one parse worker per online CPU (the loop's thread merges while
 * they parse), each with every signal blocked, so that the signals the
 * reader waits for (SIGWINCH, SIGINT, SIGCHLD) reach this thread.  With
 * none started the loop parses itself. */
static void
refresh_worker_start(struct refresh *r)
{
	sigset_t all, old;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t want = cpus < 1 ? 1 : cpus > REFRESH_MAX_WORKERS ?
	    REFRESH_MAX_WORKERS : (size_t)cpus;

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	while (r->n_workers < want && pthread_create(&r->workers[r->n_workers],
	    NULL, refresh_worker, r) == 0)
		r->n_workers++;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
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
	/* libxml2 sets itself up once, before a second thread uses it.
	 * Without a worker the feeds are parsed on this thread. */
	xmlInitParser();
	refresh_worker_start(r);
	/* A store that failed stops the refresh: the feeds after it are
	 * not even given their rows (each would wait out the busy timeout
	 * of a locked store again). */
	for (i = 0; i < r->n_feeds && r->store_failed == NULL; i++)
		refresh_queue(r, i);
	return 0;
}

int
refresh_step(struct refresh *r, int timeout_ms, int extra_fd,
    int *extra_ready)
{
	struct pollfd pfd;
	int rc = 0;

	if (extra_ready != NULL)
		*extra_ready = 0;
	if (r->fetch == NULL || r->store_failed != NULL)
		return -1;
	refresh_drain(r);
	if (r->in_flight > 0 && timeout_ms > REFRESH_POLL_MS)
		timeout_ms = REFRESH_POLL_MS;
	if (r->in_flight >= REFRESH_MAX_JOBS ||
	    (r->in_flight > 0 && fetch_pending(r->fetch) == 0 && extra_fd < 0)) {
		/* The parser is behind: wait for it, not for more bodies. */
		refresh_wait(r, timeout_ms);
		if (extra_fd >= 0 && extra_ready != NULL) {
			pfd.fd = extra_fd;
			pfd.events = POLLIN;
			*extra_ready = poll(&pfd, 1, 0) == 1 &&
			    (pfd.revents & POLLIN) != 0;
		}
	} else
		rc = fetch_step(r->fetch, timeout_ms, extra_fd, extra_ready);
	refresh_drain(r);
	return r->store_failed != NULL ? -1 : rc;
}

const char *
refresh_store_error(const struct refresh *r)
{
	return r->store_failed;
}

int
refresh_done(const struct refresh *r)
{
	return r->fetch != NULL && fetch_pending(r->fetch) == 0 &&
	    r->in_flight == 0;
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
			return error_set(err, "%s", r->store_failed != NULL ?
			    r->store_failed : "transfers failed");
	}
	return 0;
}
