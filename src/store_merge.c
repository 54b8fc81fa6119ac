/*
 * store_merge.c - writing parsed feeds into the store: de-duplication of
 * stories, the words the search index sees (story_text_words of the
 * body's HTML, on the parsing thread when refresh asks, never stored: the
 * SQL function hearsay_text makes them again for the index's triggers), and
 * retention.
 *
 * Must never reset a story's read or starred state, never drop a starred
 * story, never store a link that is not http, https or relative (however
 * the document was made), and never write outside one BEGIN IMMEDIATE
 * transaction per call
 * (a reader on the same file sees a feed before or after a merge, never
 * half of one).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hearsay/feed.h"
#include "hearsay/store.h"
#include "hearsay/story_text.h"
#include "hearsay/url.h"
#include "hearsay/util.h"
#include "store_int.h"

static int
nonempty(const char *s)
{
	return s != NULL && *s != '\0';
}

/* link, or NULL when it is no link to keep: the parser drops those
 * already, but a document may come from anywhere, so the store asks the
 * same judge (url_link_check) again. */
static const char *
store_link(const char *link)
{
	if (link != NULL && url_link_check(link, NULL) == URL_LINK_UNSAFE)
		return NULL;
	return link;
}

/* The words of an HTML fragment for the search index (story_text.h's).
 * Caller frees; NULL gives NULL. */
static char *
store_html_text(const char *html)
{
	return html != NULL ? story_text_words(html, strlen(html)) : NULL;
}

/* The plain text an item's body is indexed by: its content's, else its
 * summary's (what the body row keeps, see store_summary).  Caller frees. */
static char *
store_item_text(const struct feed_item *it)
{
	return store_html_text(nonempty(it->content) ? it->content :
	    it->summary);
}

void
store_doc_prepare(struct feed_doc *doc)
{
	size_t i;

	if (doc == NULL)
		return;
	for (i = 0; i < doc->n_items; i++) {
		if (doc->items[i].text == NULL)
			doc->items[i].text = store_item_text(&doc->items[i]);
	}
}

/* SQL hearsay_text(html): the indexed text of a body, for the search
 * index's content view and its triggers (schema 6). */
static void
store_sql_text(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *html = (const char *)sqlite3_value_text(argv[0]);

	(void)argc;
	if (html == NULL)
		sqlite3_result_null(ctx);
	else
		sqlite3_result_text(ctx, store_html_text(html), -1, free);
}

/* SQL hearsay_merge_text(id): the text of a story the running merge
 * inserted, as the merge made it (no second pass over the HTML). */
static void
store_sql_merge_text(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct store *st = sqlite3_user_data(ctx);
	int64_t id = sqlite3_value_int64(argv[0]);
	size_t lo = 0, hi = st->n_texts, mid;

	(void)argc;
	/* Inserted in rowid order, so by id; but look at every one before
	 * giving up should SQLite ever have chosen a smaller rowid. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (st->texts[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == st->n_texts || st->texts[lo].id != id) {
		for (lo = 0; lo < st->n_texts; lo++) {
			if (st->texts[lo].id == id)
				break;
		}
	}
	if (lo == st->n_texts) {
		sqlite3_result_error(ctx, "a new story without its text", -1);
		return;
	}
	if (st->texts[lo].text == NULL)
		sqlite3_result_null(ctx);
	else
		sqlite3_result_text(ctx, st->texts[lo].text, -1, SQLITE_STATIC);
}

int
store_text_register(struct store *st)
{
	if (sqlite3_create_function(st->db, "hearsay_text", 1, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL, store_sql_text,
	    NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(st->db, "hearsay_merge_text", 1,
	    SQLITE_UTF8 | SQLITE_DIRECTONLY, st, store_sql_merge_text, NULL,
	    NULL) != SQLITE_OK)
		return -1;
	return 0;
}

/* Keep the text of a story the merge inserted (owned: ours to free),
 * for hearsay_merge_text. */
static void
store_texts_add(struct store *st, int64_t id, const char *text, char *owned)
{
	if (st->n_texts == st->cap_texts) {
		st->cap_texts = st->cap_texts ? st->cap_texts * 2 : 64;
		st->texts = xreallocarray(st->texts, st->cap_texts,
		    sizeof *st->texts);
	}
	st->texts[st->n_texts].id = id;
	st->texts[st->n_texts].text = text;
	st->texts[st->n_texts].owned = owned;
	st->n_texts++;
}

void
store_texts_clear(struct store *st)
{
	size_t i;

	for (i = 0; i < st->n_texts; i++)
		free(st->texts[i].owned);
	st->n_texts = 0;
}

/* 64-bit FNV-1a over n bytes, continuing from h. */
static uint64_t
store_hash(uint64_t h, const void *p, size_t n)
{
	const unsigned char *c = p;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= c[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* The story's dedupe key within its feed: its guid, else its link, else a
 * hash of title and date.  Caller frees. */
static char *
store_story_key(const struct feed_item *it)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	int64_t date;
	char *s;

	if (nonempty(it->id))
		return xprintf("g:%s", it->id);
	if (nonempty(it->link))
		return xprintf("l:%s", it->link);
	date = it->published != FEED_NO_DATE ? it->published : it->updated;
	s = xprintf("%s", it->title != NULL ? it->title : "");
	h = store_hash(h, s, strlen(s) + 1);
	h = store_hash(h, &date, sizeof date);
	free(s);
	return xprintf("h:%016llx", (unsigned long long)h);
}

static void
store_bind_date(sqlite3_stmt *s, int i, int64_t date)
{
	if (date == FEED_NO_DATE)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_int64(s, i, date);
}

/* The summary worth keeping: none when the item has content, which is
 * what the reader, the search index and the analysis use whenever it is
 * there (the summary is only the body of a story without content), so a
 * kept summary would store most bodies twice. */
static const char *
store_summary(const struct feed_item *it)
{
	if (it->content != NULL && it->content[0] != '\0')
		return NULL;
	return it->summary;
}

/* Write the story's body row (summary and content) when it is new or
 * changed; the search index follows a changed one by its trigger. */
static int
store_body_put(struct store *st, int64_t id, const struct feed_item *it)
{
	sqlite3_stmt *s = store_stmt(st, STMT_BODY_PUT);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, store_summary(it));
	store_bind_text(s, 3, it->content);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Insert a story first seen now, by the merge of generation gen; its
 * text waits in the handle for store_index_new. */
static int
store_story_insert(struct store *st, int64_t feed_id, const char *key,
    const struct feed_item *it, int64_t now, int64_t gen)
{
	sqlite3_stmt *s = store_stmt(st, STMT_STORY_INSERT);
	char *owned = NULL;
	int64_t id;
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, feed_id);
	store_bind_text(s, 2, key);
	store_bind_text(s, 3, it->id);
	store_bind_text(s, 4, store_link(it->link));
	store_bind_text(s, 5, it->title);
	store_bind_text(s, 6, it->author);
	store_bind_date(s, 7, it->published);
	store_bind_date(s, 8, it->updated);
	sqlite3_bind_int64(s, 9, now);
	sqlite3_bind_int64(s, 10, gen);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return -1;
	id = sqlite3_last_insert_rowid(st->db);
	/* Made by store_doc_prepare on the parsing thread, or now. */
	if (it->text == NULL)
		owned = store_item_text(it);
	store_texts_add(st, id, it->text != NULL ? it->text : owned, owned);
	return store_body_put(st, id, it);
}

/* Rewrite a known story if anything in it changed (read and starred are
 * not columns of this statement), and note that the feed still has it in
 * generation gen. */
static int
store_story_update(struct store *st, int64_t id, const struct feed_item *it,
    int64_t now, int64_t gen)
{
	sqlite3_stmt *s = store_stmt(st, STMT_STORY_UPDATE);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, it->id);
	store_bind_text(s, 3, store_link(it->link));
	store_bind_text(s, 4, it->title);
	store_bind_text(s, 5, it->author);
	store_bind_date(s, 6, it->published);
	store_bind_date(s, 7, it->updated);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE || store_body_put(st, id, it) == -1)
		return -1;
	s = store_stmt(st, STMT_STORY_SEEN);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, now);
	sqlite3_bind_int64(s, 3, gen);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Insert or update one item seen by generation gen; *is_new says which. */
static int
store_merge_item(struct store *st, int64_t feed_id,
    const struct feed_item *it, int64_t now, int64_t gen, int *is_new)
{
	char *key = store_story_key(it);
	sqlite3_stmt *s;
	int64_t id = 0;
	int rc = -1, step;

	*is_new = 0;
	s = store_stmt(st, STMT_STORY_FIND);
	if (s == NULL)
		goto out;
	sqlite3_bind_int64(s, 1, feed_id);
	store_bind_text(s, 2, key);
	step = sqlite3_step(s);
	if (step == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (step == SQLITE_ROW)
		rc = store_story_update(st, id, it, now, gen);
	else if (step == SQLITE_DONE) {
		rc = store_story_insert(st, feed_id, key, it, now, gen);
		*is_new = rc == 0;
	}
out:
	free(key);
	return rc;
}

/* The feed's own title and site link, when the document has them, and
 * its next merge generation, which goes to *gen. */
static int
store_merge_meta(struct store *st, int64_t feed_id, const struct feed_doc *doc,
    int64_t *gen, char **err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_FEED_META);
	int rc;

	if (s == NULL)
		return store_error(st, err, "cannot merge the feed");
	sqlite3_bind_int64(s, 1, feed_id);
	store_bind_text(s, 2, nonempty(doc->title) ? doc->title : NULL);
	store_bind_text(s, 3, nonempty(doc->link) ? store_link(doc->link) :
	    NULL);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*gen = sqlite3_column_int64(s, 0);
		rc = sqlite3_step(s);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_error(st, err, "cannot merge the feed");
	if (*gen == 0)
		return error_set(err, "no feed with id %lld", (long long)feed_id);
	return 0;
}

/* The largest story id in the store (0 when empty) into *id. */
static int
store_max_id(struct store *st, int64_t *id)
{
	sqlite3_stmt *s = store_stmt(st, STMT_MAX_ID);
	int rc;

	if (s == NULL)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* Add the stories with ids past max_id to the search index, all in one
 * statement (one FTS5 flush, not one per story), with the texts the
 * merge kept; they are dropped after. */
static int
store_index_new(struct store *st, int64_t max_id)
{
	sqlite3_stmt *s = store_stmt(st, STMT_FTS_ADD);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, max_id);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	store_texts_clear(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Settings for a connection that merges: a page cache that holds the
 * hot pages of the indexes across merges (16 MB; SQLite's default is
 * 2 MB), and a WAL checkpointed every 32 MB instead of every 4 MB, so
 * that pages written by many merges in a row reach the database once.  Run on
 * every merge: a pragma costs microseconds, a merge milliseconds. */
static void
store_merge_tune(struct store *st)
{
	sqlite3_exec(st->db, "PRAGMA cache_size = -16384;"
	    " PRAGMA wal_autocheckpoint = 8192", NULL, NULL, NULL);
}

/* Merge one document inside the open transaction; its new stories'
 * texts wait in the handle for store_index_new. */
static int
store_merge_doc(struct store *st, struct store_merge *m, char **err)
{
	int64_t gen = 0;
	size_t i;
	int is_new;

	m->n_new = 0;
	if (store_merge_meta(st, m->feed_id, m->doc, &gen, err) == -1)
		return -1;
	for (i = 0; i < m->doc->n_items; i++) {
		if (store_merge_item(st, m->feed_id, &m->doc->items[i], m->now,
		    gen, &is_new) == -1)
			return store_error(st, err, "cannot merge a story");
		m->n_new += is_new;
	}
	return 0;
}

int
store_feeds_merge(struct store *st, struct store_merge *m, size_t n,
    char **err)
{
	int64_t max_id = 0;
	size_t i;
	int count = 0;

	store_merge_tune(st);
	/* Inside store_sync_begin's transaction the merge is a part of it:
	 * the sync commits or rolls back the whole. */
	if (!st->in_sync && store_exec(st, STMT_BEGIN) == -1)
		return store_error(st, err, "cannot start the merge");
	/* Stories inserted now get ids past the largest one. */
	if (store_max_id(st, &max_id) == -1) {
		store_error(st, err, "cannot read the store");
		goto fail;
	}
	for (i = 0; i < n; i++) {
		if (store_merge_doc(st, &m[i], err) == -1)
			goto fail;
		count += m[i].n_new;
	}
	if (count > 0 && store_index_new(st, max_id) == -1) {
		store_error(st, err, "cannot index the new stories");
		goto fail;
	}
	if (!st->in_sync && store_exec(st, STMT_COMMIT) == -1) {
		store_error(st, err, "cannot commit the merge");
		goto fail;
	}
	return 0;
fail:
	for (i = 0; i < n; i++)
		m[i].n_new = 0;
	store_texts_clear(st);
	if (!st->in_sync)
		store_exec(st, STMT_ROLLBACK);
	return -1;
}

int
store_feed_merge(struct store *st, int64_t feed_id,
    const struct feed_doc *doc, int64_t now, int *n_new, char **err)
{
	struct store_merge m = { feed_id, doc, now, 0 };
	int rc = store_feeds_merge(st, &m, 1, err);

	if (n_new != NULL)
		*n_new = m.n_new;
	return rc;
}

/* Run one prune statement for a feed with its limit; adds to *n. */
static int
store_prune_step(struct store *st, enum store_stmt_id id, int64_t feed_id,
    int64_t limit, int *n)
{
	sqlite3_stmt *s = store_stmt(st, id);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, feed_id);
	sqlite3_bind_int64(s, 2, limit);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return -1;
	*n += sqlite3_changes(st->db);
	return 0;
}

/* Prune every feed selected by feed_id (0: all of them). */
static int
store_prune_feeds(struct store *st, int64_t feed_id, int64_t max_stories,
    int64_t max_age, int64_t now, int *n)
{
	sqlite3_stmt *ids = store_stmt(st, STMT_FEED_IDS);
	int64_t id;
	int rc = 0, step;

	if (ids == NULL)
		return -1;
	sqlite3_bind_int64(ids, 1, feed_id);
	for (;;) {
		step = sqlite3_step(ids);
		if (step != SQLITE_ROW)
			break;
		id = sqlite3_column_int64(ids, 0);
		if ((max_stories > 0 && store_prune_step(st, STMT_PRUNE_CAP, id,
		    max_stories, n) == -1) ||
		    (max_age > 0 && store_prune_step(st, STMT_PRUNE_AGE, id,
		    now - max_age, n) == -1)) {
			rc = -1;
			break;
		}
	}
	sqlite3_reset(ids);
	return rc == 0 && step == SQLITE_DONE ? 0 : -1;
}

int
store_prune(struct store *st, int64_t feed_id, int64_t max_stories,
    int64_t max_age, int64_t now, int *n_dropped, char **err)
{
	int n = 0;

	if (n_dropped != NULL)
		*n_dropped = 0;
	if (max_stories <= 0 && max_age <= 0)
		return 0;
	if (store_exec(st, STMT_BEGIN) == -1)
		return store_error(st, err, "cannot start pruning");
	if (store_prune_feeds(st, feed_id, max_stories, max_age, now,
	    &n) == -1) {
		store_error(st, err, "cannot prune");
		store_exec(st, STMT_ROLLBACK);
		return -1;
	}
	if (store_exec(st, STMT_COMMIT) == -1) {
		store_error(st, err, "cannot commit pruning");
		store_exec(st, STMT_ROLLBACK);
		return -1;
	}
	if (n_dropped != NULL)
		*n_dropped = n;
	return 0;
}
