/*
 * feed_int.h - what the feed parser's files share and nobody else sees: the
 * document builders of feed.c, the encoding step, the text helpers and the
 * per-format entry points.  Never included outside src/feed*.c and
 * src/jsonfeed.c.
 */
#ifndef HEARSAY_FEED_INT_H
#define HEARSAY_FEED_INT_H

#include <stddef.h>

#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "hearsay/feed.h"

/* feed.c: building a document. */

/* A new empty document.  Caller frees with feed_doc_free(). */
struct feed_doc *feed_doc_new(void);
/* url (owned, resolved already) when the model may carry it: http, https
 * or relative (url_link_check); else NULL, url freed and doc flagged bozo
 * with where (printf-style: "items[3].link") and why. */
char *feed_doc_link(struct feed_doc *doc, char *url, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Mark doc cut short by a parser limit: truncated and bozo.  The reason
 * (printf-style) replaces one that is no cut, since losing text matters
 * more than how it was written; the first cut's reason is kept. */
void feed_doc_cut(struct feed_doc *doc, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Append an empty item and return it (owned by doc), or NULL past
 * FEED_MAX_ITEMS (then doc is marked truncated and bozo). */
struct feed_item *feed_doc_add_item(struct feed_doc *doc);
/* Flag doc bozo; the first reason given is kept (printf-style). */
void feed_doc_bozo(struct feed_doc *doc, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Append an enclosure to item unless its URL is already there (takes
 * ownership of url and type); past FEED_MAX_ENCLOSURES doc is marked
 * truncated and bozo instead. */
void feed_item_add_enclosure(struct feed_doc *doc, struct feed_item *item,
    char *url, char *type, int64_t length);
/* Append a category to item unless already present (takes ownership);
 * past FEED_MAX_CATEGORIES doc is marked truncated and bozo instead. */
void feed_item_add_category(struct feed_doc *doc, struct feed_item *item,
    char *category);
/* Cut an over-long string (owned) at FEED_MAX_TEXT on a UTF-8 boundary;
 * returns non-zero when it did. */
int feed_text_limit(char *s);

/* feed_encoding.c: the document's bytes to UTF-8. */

/* Decode data per BOM, XML declaration and HTTP charset (RFC 3023) into
 * UTF-8 (*out, *outlen, not NUL-terminated): data itself (past a BOM) when
 * it is valid UTF-8 already, else a new buffer, also in *copy (NULL
 * otherwise), which the caller frees.  Invalid bytes become U+FFFD and set
 * *bozo_reason (a new string). */
void feed_encoding_decode(const char *data, size_t len,
    const struct feed_parse_opts *opts, const char **out, size_t *outlen,
    char **copy, char **bozo_reason);
/* Text that was encoded to UTF-8 twice (its characters all below U+0100,
 * and their bytes UTF-8 again: "Ã¸" for "ø"), decoded once more: a new
 * string (s freed); else s itself. */
char *feed_encoding_undouble(char *s);
/* Reinterpret C1 controls (U+0080-U+009F) in UTF-8 s as the windows-1252
 * characters they were meant to be, in place when it fits, else a new
 * string; returns s or the new string (old one freed). */
char *feed_encoding_demoronize(char *s);

/* feed_text.c: text and markup out of libxml2 trees, bounded. */

/* The text of node (element or attribute), entities decoded.  New string. */
char *feed_text_node(struct feed_doc *doc, xmlNodePtr node);
/* The text of node's unqualified attribute name, or NULL.  New string. */
char *feed_text_attr(struct feed_doc *doc, xmlNodePtr node, const char *name);
/* node's children serialised as HTML markup; with raw_text, text nodes are
 * taken as HTML already (not escaped).  New string. */
char *feed_text_inner_markup(struct feed_doc *doc, xmlNodePtr node,
    int raw_text);
/* Non-zero when node has element children. */
int feed_text_has_elements(xmlNodePtr node);
/* Non-zero when s holds nothing but white space, Unicode's spaces
 * (no-break, em, thin, zero-width ...) included: no value at all. */
int feed_text_blank(const char *s);
/* Non-zero when s holds a start or end tag of an element HTML has
 * ("<b>", "</p>"), not merely brackets ("a <description> element"). */
int feed_text_has_html_tags(const char *s);
/* A title or name s (owned), decoded already, that still holds HTML
 * elements' tags (markup escaped twice: "&amp;lt;b&amp;gt;"), made plain
 * text by feed_text_from_html(); else s itself. */
char *feed_text_plain(char *s);
/* s with &, < and > escaped.  New string. */
char *feed_text_escape(const char *s);
/* Non-zero when s reads as HTML (an end tag, <br>, or an entity). */
int feed_text_looks_like_html(const char *s);
/* The bytes base64 s stands for.  New string. */
char *feed_text_base64(const char *s);

/* feed_construct.c: text constructs. */

/* The value of the text construct node, as HTML (want_html) or plain
 * text; atom_text when it is an Atom 1.0 construct (text by default).
 * New string. */
char *feed_construct_read(struct feed_doc *doc, xmlNodePtr node,
    int atom_text, int want_html);

/* feed_xmlread.c: libxml2, safely. */

/* Read len bytes of UTF-8 XML (not NUL-terminated; repaired when it
 * needs it, entities never fetched) into a tree whose URL is url; NULL
 * when libxml2 makes no document of it.  Problems flag doc bozo.  Caller
 * frees with xmlFreeDoc(). */
xmlDocPtr feed_xmlread(const char *utf8, size_t len, const char *url,
    struct feed_doc *doc);
/* The structured error handler (ctx is the struct feed_doc) to install
 * while libxml2 works on a feed. */
void feed_xmlread_error(void *ctx, xmlErrorPtr e);

/* feed_xmlns.c: the vocabularies of feed elements. */

/* The namespaces feeds use, folded to one key each. */
enum feed_ns {
	NS_CORE,	/* no namespace, or the RSS format's own */
	NS_ATOM,
	NS_DC,
	NS_DCTERMS,
	NS_CONTENT,
	NS_MEDIA,
	NS_ITUNES,
	NS_XHTML,
	NS_RDF,
	NS_OTHER,
};

/* The key of namespace uri, however a feed spells it; NS_OTHER for a
 * namespace no feed field comes from. */
enum feed_ns feed_xmlns_uri(const char *uri);
/* The key of node's namespace (NS_CORE for root_ns, the namespace of the
 * format's root element, when not NULL); *local gets its local name. */
enum feed_ns feed_xmlns_of(xmlNodePtr node, const xmlChar *root_ns,
    const char **local);

/* feed_xml.c: RSS, RDF and Atom. */

/* Parse len bytes of UTF-8 XML (not NUL-terminated) into doc; 0, or -1
 * with *err when it is no feed. */
int feed_xml_parse(const char *utf8, size_t len,
    const struct feed_parse_opts *opts, struct feed_doc *doc, char **err);

/* jsonfeed.c: JSON Feed 1.0 / 1.1. */

/* Non-zero when data looks like a JSON document (first non-blank is '{'). */
int jsonfeed_sniff(const char *data, size_t len);
/* Parse a JSON Feed into doc; 0, or -1 with *err when it is no feed. */
int jsonfeed_parse(const char *data, size_t len,
    const struct feed_parse_opts *opts, struct feed_doc *doc, char **err);

#endif
