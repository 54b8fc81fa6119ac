/*
 * subs.h - the subscriptions: the urls file made the store's feeds.
 *
 * The urls file is the source of truth: what it lists is subscribed, in
 * its order, and a feed it no longer lists leaves the lists (store.h:
 * store_feeds_sync).  This is the one place where a feedlist becomes the
 * store's rows; the commands and the reader call it whenever they read
 * the urls file.
 */
#ifndef HEARSAY_SUBS_H
#define HEARSAY_SUBS_H

#include <stdint.h>

struct feedlist;
struct feedlist_entry;
struct store;

/* Read the urls file at path into a new list (*fl, caller frees; never
 * NULL but on -1), warnings as feedlist_load.  1 when the file exists, 0
 * when it does not (an empty list, which says nothing of the store's
 * feeds: a store is not emptied because a urls file went missing), -1
 * with *err when it cannot be read. */
int subs_load(const char *path, struct feedlist **fl, char **warnings,
    char **err);
/* Make fl's feeds the store's subscriptions (store_feeds_sync) at now.
 * 0, or -1 with *err (why only). */
int subs_sync(struct store *st, const struct feedlist *fl, int64_t now,
    char **err);
/* An entry's tags joined by spaces, as the store keeps them ("" for
 * none).  Caller frees. */
char *subs_tags(const struct feedlist_entry *e);

#endif
