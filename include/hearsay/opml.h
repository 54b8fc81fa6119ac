/*
 * opml.h - subscriptions in and out as OPML 1.0/2.0.
 *
 * Import takes an outline with an xmlUrl attribute as a feed (title, else
 * text, as its name); the text of the outlines around it and the items of
 * its category attribute become its tags.  Export writes OPML 2.0 with each
 * run of feeds sharing a first tag nested under an outline of that name and
 * the other tags in category, so import -> export -> import gives the same
 * list (a tag holding a comma survives only as a first tag).
 * The OPML parser never loads DTDs, expands entities or reaches the network.
 */
#ifndef HEARSAY_OPML_H
#define HEARSAY_OPML_H

#include <stddef.h>

struct feedlist;

struct opml_result {
	size_t	 added;		/* new feeds appended to the list */
	size_t	 present;	/* already in the list (or twice in the file) */
	size_t	 invalid;	/* xmlUrl not an http, https or file URL */
};

/* Add every feed of an OPML document to fl, in document order, skipping
 * those already there; *res gets the counts.  0, or -1 with *err (one line,
 * safe to print) when the document is not well-formed OPML: fl is then
 * unchanged. */
int opml_import(struct feedlist *fl, const char *data, size_t len,
    struct opml_result *res, char **err);

/* The list as an OPML 2.0 document, UTF-8, ending in a newline.  Caller
 * frees; NULL only if libxml2 fails (out of memory). */
char *opml_export(const struct feedlist *fl);

#endif
