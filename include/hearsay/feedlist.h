/*
 * feedlist.h - the subscriptions: the urls file in newsboat's format.
 *
 * One feed a line: URL, then tags separated by white space, a tag of the
 * form "~Title" naming the feed, quoted tags for ones with spaces (a
 * backslash escapes `"` and `\` inside quotes; a quote left open runs to
 * the end of the line), and `#` comments (a whole line, or from a `#`
 * that starts a word to the end of the line).  A tag starting with `!`
 * hides the feed from the feed list (its stories are still in every
 * list across feeds); a URL met again merges its tags into the first
 * line's feed.  Only http, https and file URLs are feeds; a bare absolute
 * path is read as the file:// URL of that path.  A line whose first word
 * cannot be a URL ("--- BLOGS ---", see feedlist_separator) is a
 * separator of the feed list.  newsboat's `query:`, `exec:` and
 * `filter:` lines are recognised, reported as unsupported and never run.
 * Reading keeps every line that is not a feed (comments, blank,
 * separators, unsupported or malformed lines) so a rewrite loses
 * nothing, and an unchanged list is written back byte for byte.
 */
#ifndef HEARSAY_FEEDLIST_H
#define HEARSAY_FEEDLIST_H

#include <stddef.h>

struct feedlist_entry {
	char	*url;
	char	*title;		/* from "~Title", or NULL */
	char	**tags;		/* in file order, each once, "!..." included */
	size_t	 n_tags;
	int	 hidden;	/* a tag starts with "!" */
	int	 line;		/* line number in the file, 0 if added */
};

struct feedlist;

/* An empty list; feedlist_free accepts NULL. */
struct feedlist *feedlist_new(void);
void feedlist_free(struct feedlist *fl);

/* Read a urls file into an empty list.  A missing file gives an empty
 * list.  Lines that are not feeds are kept for feedlist_save and, when they
 * are not comments, blank or separators, reported through warnings.  If
 * warnings is not NULL, each warning ("PATH:N: problem", the form of the
 * config file's) is appended to *warnings as one line ending in a
 * newline; *warnings stays as it was when there are none (start it at
 * NULL; caller frees).  Returns 0, or -1 with *err set when the file
 * cannot be read. */
int feedlist_load(struct feedlist *fl, const char *path, char **warnings,
    char **err);
/* Parse urls-file text (what feedlist_load reads) into an empty list;
 * warnings as above but "line N: problem". */
void feedlist_parse(struct feedlist *fl, const char *text, size_t len,
    char **warnings);

size_t feedlist_count(const struct feedlist *fl);
/* Entry i (0-based, file order then added order); owned by the list. */
const struct feedlist_entry *feedlist_get(const struct feedlist *fl, size_t i);
/* The entry with exactly this URL, or NULL. */
const struct feedlist_entry *feedlist_find(const struct feedlist *fl,
    const char *url);
/* Add a feed (url, title and tags are copied; title may be NULL; empty
 * tags are skipped).  Returns 0, or -1 if the URL is already there or is
 * not an http, https or file URL. */
int feedlist_add(struct feedlist *fl, const char *url, const char *title,
    const char *const *tags, size_t n_tags);
/* Drop the feed with this URL (its lines, duplicates too, go on the next
 * save).  0, or -1 when there is no such feed. */
int feedlist_remove(struct feedlist *fl, const char *url);

/* The separator lines, in file order: separator i's text (cleaned, ""
 * for a blank one; owned by the list) goes before entry *before of
 * feedlist_get (feedlist_count() when no feed follows it); NULL past the
 * end. */
size_t feedlist_separator_count(const struct feedlist *fl);
const char *feedlist_separator(const struct feedlist *fl, size_t i,
    size_t *before);

/* Non-zero when url is something hearsay fetches: http://, https:// or
 * file:// followed by at least one character; valid UTF-8 with no white
 * space, controls, bidi controls or non-characters. */
int feedlist_url_ok(const char *url);

/* The list in urls-file format: every kept line, in order, then the added
 * feeds.  Caller frees. */
char *feedlist_format(const struct feedlist *fl);
/* Write feedlist_format() to path atomically (temp file in the same
 * directory, fsync, rename; a symlink is followed so the link survives).
 * 0, or -1 with *err. */
int feedlist_save(const struct feedlist *fl, const char *path, char **err);

#endif
