/*
 * feedlist.h - the subscriptions: the urls file in newsboat's format.
 *
 * One feed a line: URL, then tags separated by white space, a tag of the
 * form "~Title" naming the feed, quoted tags for ones with spaces, and `#`
 * comments.  Reading keeps unknown lines intact so a rewrite loses nothing.
 */
#ifndef HEARSAY_FEEDLIST_H
#define HEARSAY_FEEDLIST_H

#include <stddef.h>

struct feedlist_entry {
	char	*url;
	char	*title;		/* from "~Title", or NULL */
	char	**tags;
	size_t	 n_tags;
	int	 line;		/* line number in the file, 0 if added */
};

struct feedlist;

struct feedlist *feedlist_new(void);
void feedlist_free(struct feedlist *fl);

/* Read a urls file.  A missing file gives an empty list.  Malformed lines
 * are reported through *warnings (one per line, may be NULL) and skipped.
 * Returns 0, or -1 with *err set when the file cannot be read. */
int feedlist_load(struct feedlist *fl, const char *path, char **warnings,
    char **err);
/* Parse urls-file text (what feedlist_load reads). */
void feedlist_parse(struct feedlist *fl, const char *text, size_t len,
    char **warnings);

size_t feedlist_count(const struct feedlist *fl);
const struct feedlist_entry *feedlist_get(const struct feedlist *fl, size_t i);
/* The entry with this URL, or NULL. */
const struct feedlist_entry *feedlist_find(const struct feedlist *fl,
    const char *url);
/* Add a feed (copied).  Returns 0, or -1 if the URL is already there. */
int feedlist_add(struct feedlist *fl, const char *url, const char *title,
    const char *const *tags, size_t n_tags);

/* Write the list in urls-file format, atomically (temp file + rename),
 * keeping comments of the file it was loaded from.  0 or -1 with *err. */
int feedlist_save(const struct feedlist *fl, const char *path, char **err);

#endif
