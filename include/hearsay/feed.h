/*
 * feed.h - the one item model every feed format is parsed into, and the
 * parser's entry point.
 *
 * The model is a plain data record (public fields, like a row): the parser
 * fills it, the store and `hearsay parse --json` read it.  The parser never
 * touches SQLite, curl or curses, and never reaches the network.
 */
#ifndef HEARSAY_FEED_H
#define HEARSAY_FEED_H

#include <stddef.h>
#include <stdint.h>

/* Parser limits.  Past any of them the parser keeps what it has, cuts the
 * rest, and sets both `truncated` and `bozo` on the document.  */
#define FEED_MAX_ITEMS	10000	/* items (entries) per document */
#define FEED_MAX_TEXT	(1024 * 1024)	/* bytes of one field's text */
#define FEED_MAX_DEPTH	64	/* element nesting walked inside the feed */
#define FEED_MAX_ATTRS	256	/* attributes kept on one start tag */
#define FEED_MAX_INPUT	(64 * 1024 * 1024)	/* bytes of input accepted */
#define FEED_MAX_EXPANSION (4 * 1024 * 1024)	/* bytes of declared-entity
						   expansion per document */
#define FEED_MAX_CATEGORIES 256	/* distinct categories kept per item */
#define FEED_MAX_ENCLOSURES 64	/* distinct enclosures kept per item */

/* A date that is missing or could not be parsed. */
#define FEED_NO_DATE INT64_MIN

struct feed_enclosure {
	char	*url;		/* absolute */
	char	*type;		/* MIME type or NULL */
	int64_t	 length;	/* bytes, or -1 when unknown */
};

struct feed_item {
	char	*id;		/* guid / atom:id / JSON id, or NULL */
	char	*title;		/* plain text */
	char	*link;		/* absolute */
	char	*author;	/* plain text */
	int64_t	 published;	/* seconds since the epoch, UTC, or FEED_NO_DATE */
	int64_t	 updated;
	char	*summary;	/* HTML as given */
	char	*content;	/* HTML as given */
	struct feed_enclosure *enclosures;
	size_t	 n_enclosures;
	char	**categories;
	size_t	 n_categories;
	char	*text;		/* the body's plain text for the search index,
				 * made by store_doc_prepare, or NULL */
};

enum feed_format {
	FEED_FORMAT_UNKNOWN = 0,
	FEED_FORMAT_RSS09X,
	FEED_FORMAT_RSS10,
	FEED_FORMAT_RSS20,
	FEED_FORMAT_ATOM03,
	FEED_FORMAT_ATOM10,
	FEED_FORMAT_JSONFEED,
};

struct feed_doc {
	enum feed_format format;
	int	 bozo;		/* the document was malformed but recovered */
	char	*bozo_reason;	/* why, or NULL */
	int	 truncated;	/* a parser limit cut the document short */
	char	*title;		/* plain text */
	char	*link;		/* absolute */
	char	*description;
	char	*language;
	int64_t	 updated;
	char	*author;
	char	*image;		/* absolute URL */
	struct feed_item *items;
	size_t	 n_items;
};

struct feed_parse_opts {
	const char *base_url;	  /* the document's URL, for relative links */
	const char *http_charset; /* charset from Content-Type, or NULL */
	const char *content_type; /* the full Content-Type, or NULL */
};

/* Parse one feed document (RSS, RDF, Atom or JSON Feed, detected from the
 * content).  Returns a new document, or NULL with *err set when the input is
 * no feed at all.  opts may be NULL.  Caller frees with feed_doc_free(). */
struct feed_doc *feed_parse(const char *data, size_t len,
    const struct feed_parse_opts *opts, char **err);

void feed_doc_free(struct feed_doc *doc);

/* Plain text of an HTML fragment: tags stripped, entities decoded, white
 * space collapsed (what the parser makes of a title written in HTML; a
 * feed server's titles go through it too).  New string. */
char *feed_text_from_html(const char *html);

/* The format's name as printed by `parse --json` ("rss2.0", "atom1.0"...). */
const char *feed_format_name(enum feed_format format);

/* The document in the `parse --json` format of DESIGN.md: valid UTF-8 JSON
 * with unsafe characters removed.  Caller frees. */
char *feed_doc_to_json(const struct feed_doc *doc);

#endif
