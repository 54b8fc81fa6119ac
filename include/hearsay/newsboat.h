/*
 * newsboat.h - what hearsay reads of newsboat's files, for `hearsay
 * import-newsboat`: its cache (cache.db, SQLite) and its config file.
 *
 * Both are only ever read.  The cache is opened read-only through SQLite
 * (never a write, never a journal or WAL file of ours beside it); the
 * config is translated into hearsay's config language and theme format,
 * with every line that has no hearsay counterpart reported with its line
 * number and why, so that nothing is dropped silently.  Knows nothing of
 * hearsay's store: the front end carries the stories over.
 */
#ifndef HEARSAY_NEWSBOAT_H
#define HEARSAY_NEWSBOAT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* ---- the cache (newsboat_cache.c) ---- */

/* One row of newsboat's rss_item table; strings owned by the feed. */
struct newsboat_story {
	char	*guid;		/* newsboat's: the feed's guid, else link + the
				 * date as written, else link, else title */
	char	*title;
	char	*author;
	char	*link;
	char	*content;	/* HTML */
	char	*enclosure_url;
	char	*enclosure_type;
	char	*flags;		/* newsboat's flag letters, "" for none */
	int64_t	 pub_date;	/* UTC seconds (for an undated item, when
				 * newsboat first saw it) */
	int	 unread;
	int	 deleted;	/* the user deleted it in newsboat */
};

/* The stories of one feed, by newsboat's id (the order it stored them). */
struct newsboat_feed {
	char	*url;		/* the feed's URL (rss_item.feedurl) */
	char	*site;		/* the site's link, or NULL */
	char	*title;		/* or NULL when newsboat has no rss_feed row */
	struct newsboat_story *stories;
	size_t	 n_stories;
};

struct newsboat_cache;

/* Open newsboat's cache at path read-only.  0, or -1 with *err in words:
 * missing, not newsboat's cache, locked by a running newsboat. */
int newsboat_cache_open(struct newsboat_cache **out, const char *path,
    char **err);
/* Call fn for each feed of the cache with its stories (valid during the
 * call), by feed URL; fn returns non-zero to stop (that value comes
 * back).  0, or -1 with *err. */
int newsboat_cache_each(struct newsboat_cache *c,
    int (*fn)(const struct newsboat_feed *f, void *arg), void *arg,
    char **err);
/* Close the cache (NULL is fine). */
void newsboat_cache_close(struct newsboat_cache *c);

/* The guid hearsay's parser would give the story: newsboat's guid, but
 * NULL when newsboat made it up from the link (a feed without guids: the
 * link, or the link followed by the date as written), so that the story
 * is found by its link as hearsay finds such stories.  Borrowed. */
const char *newsboat_story_guid(const struct newsboat_story *s);

/* ---- the config file (newsboat_config.c) ---- */

/* What became of one line of newsboat's config. */
enum newsboat_fate {
	NEWSBOAT_BLANK,		/* empty or a comment */
	NEWSBOAT_TRANSLATED,	/* has its hearsay line(s) */
	NEWSBOAT_REPORTED,	/* no (complete) counterpart: see why */
};

/* One line of the config or of a file it includes. */
struct newsboat_line {
	char	*file;
	int	 line;
	char	*option;	/* the first word, or NULL for a blank line */
	enum newsboat_fate fate;
	char	*why;		/* REPORTED (and TRANSLATED in part): why */
};

struct newsboat_config;

/* Translate the newsboat config at path and the files it includes
 * (relative to the including file's folder, ~ expanded, each file once:
 * a cycle is a reported line).  0, or -1 with *err when path itself
 * cannot be read (an include that cannot be read is a reported line).
 * Free with newsboat_config_free (NULL is fine). */
int newsboat_config_read(struct newsboat_config **out, const char *path,
    char **err);
void newsboat_config_free(struct newsboat_config *nc);
/* Every line read, in reading order (an include's lines after the
 * include line); owned by nc. */
size_t newsboat_config_line_count(const struct newsboat_config *nc);
const struct newsboat_line *newsboat_config_line(
    const struct newsboat_config *nc, size_t i);
/* The hearsay config text made from it, a `theme THEME_NAME` line last
 * when it has colours (theme_name NULL: none); owned by nc, valid until
 * the next call. */
const char *newsboat_config_text(struct newsboat_config *nc,
    const char *theme_name);
/* The theme made of its color and highlight lines, or NULL when it has
 * none; owned by nc, valid until the next call. */
const char *newsboat_config_theme(struct newsboat_config *nc);
/* The flag letters that mean starred: the config's *-flag-star options,
 * else "s" (nc may be NULL).  Owned by nc. */
const char *newsboat_config_star_flags(const struct newsboat_config *nc);

/* Every newsboat option (newsboat's documentation's list, podboat's
 * too) with its hearsay counterpart or "none" and why, as roff .TP
 * paragraphs: hearsay(1)'s COMING FROM NEWSBOAT list was made with it,
 * and test_newsboat checks that the page still says the same. */
void newsboat_print_man(FILE *fp);
/* The operations newsboat_action knows, each with its action, the same
 * way (hearsay(1)'s list of them). */
void newsboat_print_man_ops(FILE *fp);

/* Newsboat's name of an operation to hearsay's action (the keymap's
 * name), or NULL when hearsay has none (newsboat_keys.c).  The reader's
 * `bind` lines take these names too, so a pasted newsboat binding works. */
const char *newsboat_action(const char *op);
/* newsboat's operations that have a hearsay action, one by one (NULL
 * past the end), for the tests and the manual. */
const char *newsboat_op(size_t i);

#endif
