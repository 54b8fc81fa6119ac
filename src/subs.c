/*
 * subs.c - the urls file made the store's subscriptions (subs.h).
 *
 * Joins feedlist and store and owns no policy of theirs.  Must never
 * write the urls file, nor sync the store from a urls file that is not
 * there.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "hearsay/buf.h"
#include "hearsay/feedlist.h"
#include "hearsay/store.h"
#include "hearsay/subs.h"
#include "hearsay/util.h"

int
subs_load(const char *path, struct feedlist **fl, char **warnings,
    char **err)
{
	struct stat st;
	int exists = stat(path, &st) == 0 || errno != ENOENT;

	*fl = feedlist_new();
	if (feedlist_load(*fl, path, warnings, err) == -1) {
		feedlist_free(*fl);
		*fl = NULL;
		return -1;
	}
	return exists;
}

char *
subs_tags(const struct feedlist_entry *e)
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

int
subs_sync(struct store *st, const struct feedlist *fl, int64_t now,
    char **err)
{
	size_t i, n = feedlist_count(fl);
	struct store_sub *subs = xcalloc(n + 1, sizeof *subs);
	char **tags = xcalloc(n + 1, sizeof *tags);
	const struct feedlist_entry *e;
	int rc;

	for (i = 0; i < n; i++) {
		e = feedlist_get(fl, i);
		tags[i] = subs_tags(e);
		subs[i].url = e->url;
		subs[i].title = e->title;
		subs[i].tags = tags[i];
		subs[i].hidden = e->hidden;
	}
	rc = store_feeds_sync(st, subs, n, now, err);
	for (i = 0; i < n; i++)
		free(tags[i]);
	free(tags);
	free(subs);
	return rc;
}
