/*
 * analyze.h - the quote engine run over the stories of the store: the
 * glue between quotes.h (which knows no SQLite) and store.h (which knows
 * no engine).
 *
 * A story is analysed from the plain text (story_text.h) of its stored
 * body (content, else summary), the text the pager shows and the index
 * searches, and the result handed to the store as plain rows, a batch
 * per transaction, with ANALYZE_VERSION: what an older engine or an older
 * text left is analysed again.  Never prints.
 */
#ifndef HEARSAY_ANALYZE_H
#define HEARSAY_ANALYZE_H

#include <stdint.h>

#include "hearsay/quotes.h"
#include "hearsay/story_text.h"

struct store;

/* The version stored with each analysis: the engine's and the text's
 * (its offsets count in the text), so that either moving on makes the
 * stores analyse again.  Grows whenever either grows. */
#define ANALYZE_VERSION (QUOTES_VERSION * 256 + STORY_TEXT_VERSION)

/* Stories analysed per transaction. */
#define ANALYZE_BATCH 256
/* Stories analyze_step reads at most, and the ids it looks through at
 * most (a few ms of the primary key, however large the store). */
#define ANALYZE_STEP_MAX 32
#define ANALYZE_SPAN 4096

/* Progress: done of total stories so far. */
typedef void (*analyze_progress_fn)(int64_t done, int64_t total, void *arg);

/* The engine's result for a story's stored body (NULL: none), as the
 * functions below store it: what the reader shows in a story's panes.
 * Caller frees with quotes_result_free. */
struct quotes_result *analyze_body(const struct quotes_lang *lang,
    const char *body);
/* The same for a story's text made already (borrowed): its offsets count
 * code points of res->text, which story_text_align takes.  Caller frees
 * with quotes_result_free. */
struct quotes_result *analyze_text(const struct quotes_lang *lang,
    const struct story_text *text);
/* Store a result analyze_body made (borrowed) as the story's analysis.
 * 0, or -1 with *err. */
int analyze_result_put(struct store *st, int64_t story_id,
    const struct quotes_result *res, char **err);
/* Analyse the stories of one feed (feed_id 0: of every feed) that have
 * no analysis of this engine version (all: every story), calling fn (may
 * be NULL) after each batch.  *n_done (may be NULL) gets the number
 * analysed.  0, or -1 with *err (the batches before it are kept). */
int analyze_pending(struct store *st, const struct quotes_lang *lang,
    int64_t feed_id, int all, analyze_progress_fn fn, void *arg,
    int64_t *n_done, char **err);
/* Analyse, in one transaction, those of the stories ids[0..n) that have
 * no analysis of this engine version, in order, until the monotonic clock
 * (ms, as CLOCK_MONOTONIC) passes deadline (0: none).  *n_done (may be
 * NULL) gets how many of them have a current analysis now.  0: every one
 * was seen to; 1: the deadline left some; -1 with *err. */
int analyze_stories(struct store *st, const struct quotes_lang *lang,
    const int64_t *ids, size_t n, int64_t deadline, size_t *n_done,
    char **err);
/* One small step of a background analysis: the stories with an id in
 * the ANALYZE_SPAN ids above *after and no current analysis (dated since
 * `since`, 0: every story), at most n (up to ANALYZE_STEP_MAX) and at
 * least one, in one transaction, stopping at the deadline (as for
 * analyze_stories); *after moves past what was seen to, *n_done (may be
 * NULL) counts the stories analysed.  1: there may be more; 0: none was
 * left; -1 with *err. */
int analyze_step(struct store *st, const struct quotes_lang *lang,
    int64_t since, int64_t *after, int n, int64_t deadline,
    int64_t *n_done, char **err);

#endif
