/*
 * opml.h - subscriptions in and out as OPML 1.0/2.0.
 *
 * Nested outlines become tags (the enclosing outlines' titles).  The OPML
 * parser never loads DTDs, expands entities or reaches the network.
 */
#ifndef HEARSAY_OPML_H
#define HEARSAY_OPML_H

#include <stddef.h>

struct feedlist;

/* Add every feed of an OPML document to fl (duplicates skipped).  *added
 * gets the number added.  0, or -1 with *err when it is not OPML. */
int opml_import(struct feedlist *fl, const char *data, size_t len,
    size_t *added, char **err);

/* The list as an OPML 2.0 document (tags as nested outlines).  Caller
 * frees. */
char *opml_export(const struct feedlist *fl);

#endif
