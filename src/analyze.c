/*
 * analyze.c - the quote engine's results for stored stories: each story's
 * body is made into its plain text (story_text.h) and that goes through
 * quotes_analyze(), and its quotes, its sources (the
 * attributions grouped by source, with their cues) and its dateline go to
 * the store as plain rows, a batch per transaction.
 *
 * It owns no policy of the engine's or the store's: it never changes what
 * the engine found, only groups it, and never prints.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hearsay/analyze.h"
#include "hearsay/buf.h"
#include "hearsay/quotes.h"
#include "hearsay/store.h"
#include "hearsay/story_text.h"
#include "hearsay/util.h"

/* One story's rows, owning what the store borrows. */
struct analyze_rows {
	const struct quotes_result *res;
	struct store_quote *quotes;
	struct store_source *sources;
	char	**cues;		/* one per source, owned */
	size_t	 n_sources;
	struct quotes_result *owned;	/* res when ours to free, or NULL */
};

/* Index of source name among the first n sources, or n. */
static size_t
analyze_find_source(const struct analyze_rows *r, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strcmp(r->sources[i].name, name) == 0)
			break;
	}
	return i;
}

/* Does the comma-separated list hold this cue? */
static int
analyze_has_cue(const char *list, const char *cue)
{
	size_t n = strlen(cue);
	const char *p = list;

	while ((p = strstr(p, cue)) != NULL) {
		if ((p == list || p[-1] == ' ') && (p[n] == ',' || p[n] == '\0'))
			return 1;
		p += n;
	}
	return 0;
}

/* Group the attributions by source: each source once, in order of first
 * citation, with its distinct cues joined by ", " and its count. */
static void
analyze_sources(struct analyze_rows *r)
{
	const struct quotes_result *res = r->res;
	const struct quotes_attrib *at;
	struct buf b;
	size_t i, j;

	r->sources = xcalloc(res->n_attribs + 1, sizeof *r->sources);
	r->cues = xcalloc(res->n_attribs + 1, sizeof *r->cues);
	for (i = 0; i < res->n_attribs; i++) {
		at = &res->attribs[i];
		if (at->source == NULL || *at->source == '\0')
			continue;
		j = analyze_find_source(r, r->n_sources, at->source);
		if (j == r->n_sources) {
			r->sources[j].name = at->source;
			r->cues[j] = xstrdup("");
			r->n_sources++;
		}
		r->sources[j].count++;
		if (at->cue == NULL || *at->cue == '\0' ||
		    analyze_has_cue(r->cues[j], at->cue))
			continue;
		buf_init(&b, 0);
		buf_addstr(&b, r->cues[j]);
		if (b.len > 0)
			buf_addstr(&b, ", ");
		buf_addstr(&b, at->cue);
		free(r->cues[j]);
		r->cues[j] = buf_detach(&b);
	}
	for (j = 0; j < r->n_sources; j++)
		r->sources[j].cues = r->cues[j];
}

/* Fill r and *a for the store from the engine's result res (borrowed;
 * NULL: nothing found). */
static void
analyze_rows_fill(struct analyze_rows *r, struct store_analysis *a,
    const struct quotes_result *res, int64_t story_id)
{
	const struct quotes_quote *q;
	size_t i;

	memset(r, 0, sizeof *r);
	memset(a, 0, sizeof *a);
	r->res = res;
	a->story_id = story_id;
	a->version = ANALYZE_VERSION;
	if (r->res == NULL)
		return;
	r->quotes = xcalloc(r->res->n_quotes + 1, sizeof *r->quotes);
	for (i = 0; i < r->res->n_quotes; i++) {
		q = &r->res->quotes[i];
		r->quotes[i].speaker = q->speaker;
		r->quotes[i].role = q->speaker_role;
		r->quotes[i].cue = q->cue;
		r->quotes[i].text = q->text;
		r->quotes[i].start = (int64_t)q->start;
		r->quotes[i].end = (int64_t)q->end;
	}
	analyze_sources(r);
	a->quotes = r->quotes;
	a->n_quotes = r->res->n_quotes;
	a->sources = r->sources;
	a->n_sources = r->n_sources;
	if (r->res->dateline != NULL) {
		a->place = r->res->dateline->place;
		a->agency = r->res->dateline->agency;
	}
}

/* Analyse body into r and fill *a for the store. */
static void
analyze_rows_make(struct analyze_rows *r, struct store_analysis *a,
    const struct quotes_lang *lang, int64_t story_id, const char *body)
{
	struct quotes_result *res = analyze_body(lang, body);

	analyze_rows_fill(r, a, res, story_id);
	r->owned = res;
}

static void
analyze_rows_free(struct analyze_rows *r)
{
	size_t i;

	for (i = 0; i < r->n_sources; i++)
		free(r->cues[i]);
	free(r->cues);
	free(r->sources);
	free(r->quotes);
	quotes_result_free(r->owned);
	memset(r, 0, sizeof *r);
}

struct quotes_result *
analyze_text(const struct quotes_lang *lang, const struct story_text *text)
{
	size_t len;
	const char *plain = story_text_plain(text, &len);

	return quotes_analyze(lang, plain, len);
}

struct quotes_result *
analyze_body(const struct quotes_lang *lang, const char *body)
{
	struct story_text *text;
	struct quotes_result *res;

	if (body == NULL)
		body = "";
	text = story_text_new(body, strlen(body), NULL);
	res = analyze_text(lang, text);
	story_text_free(text);
	return res;
}

int
analyze_result_put(struct store *st, int64_t story_id,
    const struct quotes_result *res, char **err)
{
	struct analyze_rows r;
	struct store_analysis a;
	int rc;

	analyze_rows_fill(&r, &a, res, story_id);
	rc = store_analysis_put(st, &a, err);
	analyze_rows_free(&r);
	return rc;
}

/* Analyse and store one batch of pending stories in one transaction,
 * a story at a time (one result alive at once). */
static int
analyze_batch(struct store *st, const struct quotes_lang *lang,
    struct store_pending *p, int n, char **err)
{
	struct analyze_rows r;
	struct store_analysis a;
	int i, rc = 0;

	if (store_analysis_begin(st, err) == -1)
		return -1;
	for (i = 0; i < n && rc == 0; i++) {
		analyze_rows_make(&r, &a, lang, p[i].id, p[i].body);
		rc = store_analysis_put(st, &a, err);
		analyze_rows_free(&r);
	}
	if (rc == 0)
		rc = store_analysis_end(st, err);
	return rc;
}

int
analyze_pending(struct store *st, const struct quotes_lang *lang,
    int64_t feed_id, int all, analyze_progress_fn fn, void *arg,
    int64_t *n_done, char **err)
{
	struct store_pending p[ANALYZE_BATCH];
	int64_t after = 0, done = 0, total = 0;
	int n, i, rc = 0;

	if (fn != NULL)
		total = store_analysis_count_pending(st, feed_id,
		    ANALYZE_VERSION, all);
	for (;;) {
		n = store_analysis_pending(st, feed_id, ANALYZE_VERSION, all,
		    after, ANALYZE_BATCH, p);
		if (n <= 0) {
			if (n == -1)
				rc = error_set(err, "cannot read the stories"
				    " to analyse");
			break;
		}
		after = p[n - 1].id;
		rc = analyze_batch(st, lang, p, n, err);
		for (i = 0; i < n; i++)
			store_pending_clear(&p[i]);
		if (rc == -1)
			break;
		done += n;
		if (fn != NULL)
			fn(done, total, arg);
	}
	if (n_done != NULL)
		*n_done = done;
	return rc;
}

/* Milliseconds on the monotonic clock. */
static int64_t
analyze_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Has the deadline (monotonic ms, 0: none) passed? */
static int
analyze_late(int64_t deadline)
{
	return deadline != 0 && analyze_now() >= deadline;
}

/* Analyse and store one story inside a batch, starting the batch on the
 * first; 0 or -1. */
static int
analyze_one(struct store *st, const struct quotes_lang *lang, int64_t id,
    const char *body, int *in_batch, char **err)
{
	struct analyze_rows r;
	struct store_analysis a;
	int rc;

	if (!*in_batch) {
		if (store_analysis_begin(st, err) == -1)
			return -1;
		*in_batch = 1;
	}
	analyze_rows_make(&r, &a, lang, id, body);
	rc = store_analysis_put(st, &a, err);
	analyze_rows_free(&r);
	if (rc == -1)
		*in_batch = 0;	/* the put ended the batch */
	return rc;
}

/* End the batch analyze_one started, if any; rc passed through, or -1. */
static int
analyze_close(struct store *st, int in_batch, int rc, char **err)
{
	if (in_batch && store_analysis_end(st, err) == -1)
		return -1;
	return rc;
}

int
analyze_stories(struct store *st, const struct quotes_lang *lang,
    const int64_t *ids, size_t n, int64_t deadline, size_t *n_done,
    char **err)
{
	struct store_story row;
	char *body;
	size_t i, done = 0;
	int in_batch = 0, rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		if (store_analysis_version(st, ids[i]) >= ANALYZE_VERSION) {
			done++;
			continue;
		}
		if (analyze_late(deadline)) {
			rc = 1;
			break;
		}
		memset(&row, 0, sizeof row);
		body = NULL;
		if (store_story_get(st, ids[i], &row, &body) == -1)
			continue;	/* gone meanwhile */
		rc = analyze_one(st, lang, ids[i], body, &in_batch, err);
		if (rc == 0)
			done++;
		store_story_clear(&row);
		free(body);
	}
	if (n_done != NULL)
		*n_done = done;
	return analyze_close(st, in_batch, rc, err);
}

int
analyze_step(struct store *st, const struct quotes_lang *lang,
    int64_t since, int64_t *after, int n, int64_t deadline,
    int64_t *n_done, char **err)
{
	struct store_pending p[ANALYZE_STEP_MAX];
	int64_t from = *after;
	int got, i, done = 0, more = 0, in_batch = 0, rc = 0;

	if (n_done != NULL)
		*n_done = 0;
	if (n > ANALYZE_STEP_MAX)
		n = ANALYZE_STEP_MAX;
	got = store_analysis_pending_range(st, since, ANALYZE_VERSION, from,
	    ANALYZE_SPAN, n, p, &more);
	if (got == -1)
		return error_set(err, "cannot read the stories to analyse");
	for (i = 0; i < got && rc == 0; i++) {
		if (i > 0 && analyze_late(deadline))
			break;
		rc = analyze_one(st, lang, p[i].id, p[i].body, &in_batch, err);
		if (rc == 0) {
			*after = p[i].id;
			done++;
		}
	}
	/* The whole range was seen to: go on past it. */
	if (rc == 0 && done == got && got < n)
		*after = from + ANALYZE_SPAN;
	for (i = 0; i < got; i++)
		store_pending_clear(&p[i]);
	if (n_done != NULL)
		*n_done = done;
	if (analyze_close(st, in_batch, rc, err) == -1)
		return -1;
	return got > 0 || more ? 1 : 0;
}
