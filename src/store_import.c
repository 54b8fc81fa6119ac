/*
 * store_import.c - stories of another reader (newsboat) carried into the
 * store with their read and starred state.
 *
 * A story is looked for among its feed's stories by guid, then (one
 * without a guid) by link; one not there enters through store_feed_merge, like a fetched one, so
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

/* By the merge's key: its guid ("g:"), else its link ("l:"), on the
 * (feed_id, key) index. */
static const char import_find_key[] =
	"SELECT id FROM stories WHERE feed_id = ?1 AND key = ?2";
/* The feed's stories that have a guid, by link: a story without a guid
 * of its own (newsboat's made-up ones count as none) is found among them
 * by its link too.  Not the other way: a feed that gives every story the
 * same link and a guid of its own must not collapse into one. */
static const char import_links[] =
	"SELECT link, id FROM stories WHERE feed_id = ?1"
	" AND guid IS NOT NULL AND link IS NOT NULL";
static const char import_mark[] =
	"UPDATE stories SET read = max(read, ?2), starred = max(starred, ?3)"
	" WHERE id = ?1 AND (read < ?2 OR starred < ?3)";

struct import_link {
	char	*link;
	int64_t	 id;
};

struct import_stmts {
	sqlite3_stmt *key, *mark;
	struct import_link *links;	/* sorted by link */
	size_t	 n_links;
};

static void
import_stmts_free(struct import_stmts *s)
{
	size_t i;

	sqlite3_finalize(s->key);
	sqlite3_finalize(s->mark);
	for (i = 0; i < s->n_links; i++)
		free(s->links[i].link);
	free(s->links);
}

static int
import_link_cmp(const void *a, const void *b)
{
	return strcmp(((const struct import_link *)a)->link,
	    ((const struct import_link *)b)->link);
}

/* The feed's stories with a guid, by link, into s->links: one query and
 * a sort, so that a feed of 10,000 stories is not scanned per story. */
static int
import_links_load(struct store *st, struct import_stmts *s, int64_t feed_id)
{
	sqlite3_stmt *q = NULL;
	int rc;

	if (sqlite3_prepare_v2(st->db, import_links, -1, &q, NULL) !=
	    SQLITE_OK)
		return -1;
	sqlite3_bind_int64(q, 1, feed_id);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		s->links = xreallocarray(s->links, s->n_links + 1,
		    sizeof *s->links);
		s->links[s->n_links].link = store_column_text(q, 0);
		s->links[s->n_links].id = sqlite3_column_int64(q, 1);
		s->n_links++;
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return -1;
	/* (qsort and bsearch want a list, even an empty one.) */
	if (s->n_links > 0)
		qsort(s->links, s->n_links, sizeof *s->links,
		    import_link_cmp);
	return 0;
}

static int
import_stmts_prepare(struct store *st, struct import_stmts *s,
    int64_t feed_id)
{
	memset(s, 0, sizeof *s);
	if (sqlite3_prepare_v2(st->db, import_find_key, -1, &s->key,
	    NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(st->db, import_mark, -1, &s->mark,
	    NULL) != SQLITE_OK)
		return -1;
	return import_links_load(st, s, feed_id);
}

/* The story whose key is prefix + value; 0 for none, -1 on error. */
static int64_t
import_find_by_key(struct import_stmts *s, int64_t feed_id,
    const char *prefix, const char *value)
{
	char *key = xprintf("%s%s", prefix, value);
	int64_t id = 0;
	int rc;

	sqlite3_bind_int64(s->key, 1, feed_id);
	store_bind_text(s->key, 2, key);
	rc = sqlite3_step(s->key);
	if (rc == SQLITE_ROW)
		id = sqlite3_column_int64(s->key, 0);
	else if (rc != SQLITE_DONE)
		id = -1;
	sqlite3_reset(s->key);
	free(key);
	return id;
}

/* The feed's story that is this item, 0 when none, -1 on error. */
static int64_t
import_find(struct import_stmts *s, int64_t feed_id,
    const struct feed_item *it)
{
	struct import_link want, *found;

	if (it->id != NULL && it->id[0] != '\0')
		return import_find_by_key(s, feed_id, "g:", it->id);
	if (it->link == NULL || it->link[0] == '\0')
		return 0;
	want.link = it->link;
	found = s->n_links == 0 ? NULL : bsearch(&want, s->links, s->n_links,
	    sizeof *s->links, import_link_cmp);
	if (found != NULL)
		return found->id;
	return import_find_by_key(s, feed_id, "l:", it->link);
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
	if (import_stmts_prepare(st, &s, feed_id) == -1) {
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
