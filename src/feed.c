/*
 * feed.c - the feed model: the parser's entry point, which picks JSON Feed or
 * XML from the content, and the helpers that build and free a document.
 *
 * Must never reach the network, print anything, or know about the store: it
 * turns bytes into a struct feed_doc and nothing else.
 */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "feed_int.h"
#include "hearsay/feed.h"
#include "hearsay/url.h"
#include "hearsay/util.h"

static const char *const format_names[] = {
	[FEED_FORMAT_UNKNOWN] = "unknown",
	[FEED_FORMAT_RSS09X] = "rss0.9x",
	[FEED_FORMAT_RSS10] = "rss1.0",
	[FEED_FORMAT_RSS20] = "rss2.0",
	[FEED_FORMAT_ATOM03] = "atom0.3",
	[FEED_FORMAT_ATOM10] = "atom1.0",
	[FEED_FORMAT_JSONFEED] = "jsonfeed",
};

const char *
feed_format_name(enum feed_format format)
{
	if ((size_t)format >= nitems(format_names))
		return format_names[FEED_FORMAT_UNKNOWN];
	return format_names[format];
}

struct feed_doc *
feed_doc_new(void)
{
	struct feed_doc *doc = xcalloc(1, sizeof *doc);

	doc->updated = FEED_NO_DATE;
	return doc;
}

void
feed_doc_bozo(struct feed_doc *doc, const char *fmt, ...)
{
	va_list ap;

	doc->bozo = 1;
	if (doc->bozo_reason != NULL)
		return;
	va_start(ap, fmt);
	doc->bozo_reason = xvprintf(fmt, ap);
	va_end(ap);
}

void
feed_doc_cut(struct feed_doc *doc, const char *fmt, ...)
{
	va_list ap;

	doc->bozo = 1;
	if (doc->truncated)
		return;
	doc->truncated = 1;
	free(doc->bozo_reason);
	va_start(ap, fmt);
	doc->bozo_reason = xvprintf(fmt, ap);
	va_end(ap);
}

char *
feed_doc_link(struct feed_doc *doc, char *url, const char *fmt, ...)
{
	va_list ap;
	char *why = NULL, *where;

	if (url == NULL || url_link_check(url, &why) != URL_LINK_UNSAFE)
		return url;
	va_start(ap, fmt);
	where = xvprintf(fmt, ap);
	va_end(ap);
	feed_doc_bozo(doc, "%s dropped: %s", where, why);
	free(where);
	free(why);
	free(url);
	return NULL;
}

struct feed_item *
feed_doc_add_item(struct feed_doc *doc)
{
	struct feed_item *item;

	if (doc->n_items >= FEED_MAX_ITEMS) {
		feed_doc_cut(doc, "more than %d items", FEED_MAX_ITEMS);
		return NULL;
	}
	doc->items = xreallocarray(doc->items, doc->n_items + 1,
	    sizeof *doc->items);
	item = &doc->items[doc->n_items++];
	memset(item, 0, sizeof *item);
	item->published = FEED_NO_DATE;
	item->updated = FEED_NO_DATE;
	return item;
}

/* Mark doc cut short by a per-item limit (the first reason is kept).
 * The limits also keep the duplicate checks below linear in the input. */
static int
feed_item_full(struct feed_doc *doc, size_t n, size_t max, const char *what)
{
	if (n < max)
		return 0;
	feed_doc_cut(doc, "more than %zu %s in an item", max, what);
	return 1;
}

void
feed_item_add_enclosure(struct feed_doc *doc, struct feed_item *item,
    char *url, char *type, int64_t length)
{
	struct feed_enclosure *e;
	size_t i;

	for (i = 0; i < item->n_enclosures; i++) {
		if (strcmp(item->enclosures[i].url, url) == 0) {
			free(url);
			free(type);
			return;
		}
	}
	if (feed_item_full(doc, item->n_enclosures, FEED_MAX_ENCLOSURES,
	    "enclosures")) {
		free(url);
		free(type);
		return;
	}
	item->enclosures = xreallocarray(item->enclosures,
	    item->n_enclosures + 1, sizeof *item->enclosures);
	e = &item->enclosures[item->n_enclosures++];
	e->url = url;
	e->type = type;
	e->length = length;
}

void
feed_item_add_category(struct feed_doc *doc, struct feed_item *item,
    char *category)
{
	size_t i;

	for (i = 0; i < item->n_categories; i++) {
		if (strcmp(item->categories[i], category) == 0) {
			free(category);
			return;
		}
	}
	if (feed_item_full(doc, item->n_categories, FEED_MAX_CATEGORIES,
	    "categories")) {
		free(category);
		return;
	}
	item->categories = xreallocarray(item->categories,
	    item->n_categories + 1, sizeof *item->categories);
	item->categories[item->n_categories++] = category;
}

int
feed_text_limit(char *s)
{
	size_t n;

	if (s == NULL || strlen(s) <= FEED_MAX_TEXT)
		return 0;
	n = FEED_MAX_TEXT;
	/* Back up to the start of a UTF-8 sequence. */
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	s[n] = '\0';
	return 1;
}

static void
feed_item_clear(struct feed_item *item)
{
	size_t i;

	free(item->id);
	free(item->title);
	free(item->link);
	free(item->author);
	free(item->summary);
	free(item->content);
	for (i = 0; i < item->n_enclosures; i++) {
		free(item->enclosures[i].url);
		free(item->enclosures[i].type);
	}
	free(item->enclosures);
	for (i = 0; i < item->n_categories; i++)
		free(item->categories[i]);
	free(item->categories);
	free(item->text);
}

void
feed_doc_free(struct feed_doc *doc)
{
	size_t i;

	if (doc == NULL)
		return;
	for (i = 0; i < doc->n_items; i++)
		feed_item_clear(&doc->items[i]);
	free(doc->items);
	free(doc->bozo_reason);
	free(doc->title);
	free(doc->link);
	free(doc->description);
	free(doc->language);
	free(doc->author);
	free(doc->image);
	free(doc);
}

struct feed_doc *
feed_parse(const char *data, size_t len, const struct feed_parse_opts *opts,
    char **err)
{
	static const struct feed_parse_opts no_opts = { NULL, NULL, NULL };
	struct feed_doc *doc = feed_doc_new();
	const char *utf8;
	char *copy = NULL, *reason = NULL;
	size_t ulen;
	int rc;

	if (opts == NULL)
		opts = &no_opts;
	if (len > FEED_MAX_INPUT) {
		error_set(err, "document larger than %d bytes", FEED_MAX_INPUT);
		feed_doc_free(doc);
		return NULL;
	}
	if (jsonfeed_sniff(data, len)) {
		rc = jsonfeed_parse(data, len, opts, doc, err);
	} else {
		feed_encoding_decode(data, len, opts, &utf8, &ulen, &copy,
		    &reason);
		if (reason != NULL)
			feed_doc_bozo(doc, "%s", reason);
		rc = feed_xml_parse(utf8, ulen, opts, doc, err);
	}
	free(copy);
	free(reason);
	if (rc == -1) {
		feed_doc_free(doc);
		return NULL;
	}
	return doc;
}
