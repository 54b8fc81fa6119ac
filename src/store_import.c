/*
 * store_import.c - stories of another reader (newsboat) carried into the
 * store with their read and starred state.
 *
 * A story is looked for among its feed's stories by guid, then by link;
 * one not there enters through store_feed_merge, like a fetched one, so
 * its key, body and search text are what a refresh would make.  Must
 * never mark a story unread nor unstar it (hearsay's own marks stay), and
 * never enter a story twice: running an import again changes nothing.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hearsay/feed.h"
#include "hearsay/store.h"
#include "hearsay/util.h"
#include "store_int.h"

/* By guid (the merge's key, or the guid column of a story keyed by its
 * link), then by link where one side has no guid: a feed that gives every
 * story the same link and a guid of its own must not collapse into one. */
static const char import_find_guid[] =
	"SELECT id FROM stories WHERE feed_id = ?1"
	" AND (key = 'g:' || ?2 OR guid = ?2) LIMIT 1";
static const char import_find_link[] =
	"SELECT id FROM stories WHERE feed_id = ?1"
	" AND (key = 'l:' || ?2 OR (link = ?2 AND (?3 IS NULL OR guid IS NULL)))"
	" LIMIT 1";
static const char import_mark[] =
	"UPDATE stories SET read = max(read, ?2), starred = max(starred, ?3)"
	" WHERE id = ?1 AND (read < ?2 OR starred < ?3)";

struct import_stmts {
	sqlite3_stmt *guid, *link, *mark;
};

static void
import_stmts_free(struct import_stmts *s)
{
	sqlite3_finalize(s->guid);
	sqlite3_finalize(s->link);
	sqlite3_finalize(s->mark);
}

static int
import_stmts_prepare(struct store *st, struct import_stmts *s)
{
	memset(s, 0, sizeof *s);
	if (sqlite3_prepare_v2(st->db, import_find_guid, -1, &s->guid,
	    NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(st->db, import_find_link, -1, &s->link,
	    NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(st->db, import_mark, -1, &s->mark,
	    NULL) != SQLITE_OK)
		return -1;
	return 0;
}

/* Run a find statement; the id found, 0 for none, -1 on error. */
static int64_t
import_step_id(sqlite3_stmt *s)
{
	int64_t id = 0;
	int rc = sqlite3_step(s);

	if (rc == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	else if (rc != SQLITE_DONE)
		id = -1;
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return id;
}

/* The feed's story that is this item, 0 when none, -1 on error. */
static int64_t
import_find(struct import_stmts *s, int64_t feed_id,
    const struct feed_item *it)
{
	int64_t id = 0;

	if (it->id != NULL && it->id[0] != '\0') {
		sqlite3_bind_int64(s->guid, 1, feed_id);
		store_bind_text(s->guid, 2, it->id);
		id = import_step_id(s->guid);
	}
	if (id == 0 && it->link != NULL && it->link[0] != '\0') {
		sqlite3_bind_int64(s->link, 1, feed_id);
		store_bind_text(s->link, 2, it->link);
		store_bind_text(s->link, 3, it->id != NULL && it->id[0] != '\0' ?
		    it->id : NULL);
		id = import_step_id(s->link);
	}
	return id;
}

/* Merge the items the feed does not have yet (a document of them alone,
 * its items borrowed); *added gets how many entered. */
static int
import_merge_new(struct store *st, struct import_stmts *s, int64_t feed_id,
    const char *title, const char *site_link, const struct store_import *in,
    size_t n, int64_t now, size_t *added, char **err)
{
	struct feed_doc doc;
	size_t i;
	int64_t id;
	int n_new = 0, rc;

	memset(&doc, 0, sizeof doc);
	doc.title = (char *)title;
	doc.link = (char *)site_link;
	doc.updated = FEED_NO_DATE;
	doc.items = xcalloc(n > 0 ? n : 1, sizeof *doc.items);
	for (i = 0; i < n; i++) {
		id = import_find(s, feed_id, in[i].item);
		if (id == -1) {
			free(doc.items);
			return store_error(st, err, "cannot read the store");
		}
		if (id == 0)
			doc.items[doc.n_items++] = *in[i].item;
	}
	rc = 0;
	/* Nothing new: no merge, so the feed's generation (which stories
	 * its last refresh saw) is left alone. */
	if (doc.n_items > 0)
		rc = store_feed_merge(st, feed_id, &doc, now, &n_new, err);
	free(doc.items);
	*added = n_new > 0 ? (size_t)n_new : 0;
	return rc;
}

/* Mark what the other reader read or starred, in one transaction;
 * *marked gets how many stories changed. */
static int
import_marks(struct store *st, struct import_stmts *s, int64_t feed_id,
    const struct store_import *in, size_t n, size_t *marked, char **err)
{
	size_t i;
	int64_t id;
	int rc;

	*marked = 0;
	if (store_exec(st, STMT_BEGIN) == -1)
		return store_error(st, err, "cannot mark the stories");
	for (i = 0; i < n; i++) {
		if (!in[i].read && !in[i].starred)
			continue;
		id = import_find(s, feed_id, in[i].item);
		if (id <= 0)
			continue;	/* an unsafe link the merge refused */
		sqlite3_bind_int64(s->mark, 1, id);
		sqlite3_bind_int(s->mark, 2, in[i].read);
		sqlite3_bind_int(s->mark, 3, in[i].starred);
		rc = sqlite3_step(s->mark);
		sqlite3_reset(s->mark);
		if (rc != SQLITE_DONE)
			goto fail;
		*marked += (size_t)sqlite3_changes(st->db);
	}
	if (store_exec(st, STMT_COMMIT) == -1)
		goto fail;
	return 0;
fail:
	store_error(st, err, "cannot mark the stories");
	store_exec(st, STMT_ROLLBACK);
	*marked = 0;
	return -1;
}

int
store_import_stories(struct store *st, int64_t feed_id, const char *title,
    const char *site_link, const struct store_import *in, size_t n,
    int64_t now, struct store_import_result *res, char **err)
{
	struct import_stmts s;
	int rc = -1;

	memset(res, 0, sizeof *res);
	if (import_stmts_prepare(st, &s) == -1) {
		store_error(st, err, "cannot import");
		goto out;
	}
	if (import_merge_new(st, &s, feed_id, title, site_link, in, n, now,
	    &res->added, err) == -1 ||
	    import_marks(st, &s, feed_id, in, n, &res->marked, err) == -1)
		goto out;
	rc = 0;
out:
	import_stmts_free(&s);
	return rc;
}
