/*
 * analyze.h - the quote engine run over the stories of the store: the
 * glue between quotes.h (which knows no SQLite) and store.h (which knows
 * no engine).
 *
 * A story is analysed from its stored body (content, else summary) and
 * the result handed to the store as plain rows, a batch per transaction,
 * with QUOTES_VERSION: what an older engine left is analysed again.
 * Never prints.
 */
#ifndef HEARSAY_ANALYZE_H
#define HEARSAY_ANALYZE_H

#include <stdint.h>

struct quotes_lang;
struct store;

/* Stories analysed per transaction. */
#define ANALYZE_BATCH 256

/* Progress: done of total stories so far. */
typedef void (*analyze_progress_fn)(int64_t done, int64_t total, void *arg);

/* Analyse one story from its body (HTML or text, NULL: none) and store
 * the result.  0, or -1 with *err. */
int analyze_story(struct store *st, const struct quotes_lang *lang,
    int64_t story_id, const char *body, char **err);
/* Analyse the stories of one feed (feed_id 0: of every feed) that have
 * no analysis of this engine version (all: every story), calling fn (may
 * be NULL) after each batch.  *n_done (may be NULL) gets the number
 * analysed.  0, or -1 with *err (the batches before it are kept). */
int analyze_pending(struct store *st, const struct quotes_lang *lang,
    int64_t feed_id, int all, analyze_progress_fn fn, void *arg,
    int64_t *n_done, char **err);

#endif
