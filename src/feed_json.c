/*
 * feed_json.c - a parsed feed document in the `hearsay parse --json` format
 * of DESIGN.md, with jansson.
 *
 * Must never emit a string that is not valid UTF-8 or that carries control
 * or bidi characters, a link that is not http, https or relative, or a
 * date out of its format: every string passes text_sanitize() here again
 * and every link url_link_check(), so a document built elsewhere is just
 * as safe.  Missing values are null, and so are empty ones.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "hearsay/date.h"
#include "hearsay/feed.h"
#include "hearsay/text.h"
#include "hearsay/url.h"
#include "hearsay/util.h"

/* A JSON string of sanitised s, or null. */
static json_t *
json_text(const char *s, int flags)
{
	json_t *v;
	char *clean;

	if (s == NULL)
		return json_null();
	clean = text_clean(s, flags);
	/* Empty is missing: null, never "" (DESIGN.md). */
	v = clean[strspn(clean, " \t\r\n")] != '\0' ? json_string(clean) :
	    NULL;
	free(clean);
	return v != NULL ? v : json_null();
}

static json_t *
json_plain(const char *s)
{
	return json_text(s, TEXT_COLLAPSE_WS);
}

/* A link, or null when url_link_check() finds it unsafe. */
static json_t *
json_link(const char *s)
{
	if (url_link_check(s, NULL) == URL_LINK_UNSAFE)
		return json_null();
	return json_plain(s);
}

static json_t *
json_html(const char *s)
{
	return json_text(s, TEXT_KEEP_LAYOUT);
}

static json_t *
json_date(int64_t t)
{
	char iso[32];

	if (t == FEED_NO_DATE)
		return json_null();
	date_format_iso(t, iso, sizeof iso);
	return iso[0] != '\0' ? json_string(iso) : json_null();
}

static json_t *
json_enclosures(const struct feed_item *item)
{
	json_t *list = json_array();
	size_t i;

	for (i = 0; i < item->n_enclosures; i++) {
		const struct feed_enclosure *e = &item->enclosures[i];

		json_array_append_new(list, json_pack("{s:o, s:o, s:o}",
		    "url", json_link(e->url),
		    "type", json_plain(e->type),
		    "length", e->length >= 0 ? json_integer(e->length) :
		    json_null()));
	}
	return list;
}

static json_t *
json_item(const struct feed_item *item)
{
	json_t *o = json_object(), *cats = json_array();
	size_t i;

	json_object_set_new(o, "id", json_plain(item->id));
	json_object_set_new(o, "title", json_plain(item->title));
	json_object_set_new(o, "link", json_link(item->link));
	json_object_set_new(o, "author", json_plain(item->author));
	json_object_set_new(o, "published", json_date(item->published));
	json_object_set_new(o, "updated", json_date(item->updated));
	json_object_set_new(o, "summary", json_html(item->summary));
	json_object_set_new(o, "content", json_html(item->content));
	json_object_set_new(o, "enclosures", json_enclosures(item));
	for (i = 0; i < item->n_categories; i++)
		json_array_append_new(cats, json_plain(item->categories[i]));
	json_object_set_new(o, "categories", cats);
	return o;
}

static json_t *
json_feed(const struct feed_doc *doc)
{
	json_t *o = json_object();

	json_object_set_new(o, "title", json_plain(doc->title));
	json_object_set_new(o, "link", json_link(doc->link));
	json_object_set_new(o, "description", json_html(doc->description));
	json_object_set_new(o, "language", json_plain(doc->language));
	json_object_set_new(o, "updated", json_date(doc->updated));
	json_object_set_new(o, "author", json_plain(doc->author));
	json_object_set_new(o, "image", json_link(doc->image));
	return o;
}

char *
feed_doc_to_json(const struct feed_doc *doc)
{
	json_t *root = json_object(), *items = json_array();
	char *dumped, *out;
	size_t i;

	json_object_set_new(root, "format",
	    json_string(feed_format_name(doc->format)));
	json_object_set_new(root, "bozo", json_boolean(doc->bozo));
	json_object_set_new(root, "bozo_reason", json_plain(doc->bozo_reason));
	if (doc->truncated)
		json_object_set_new(root, "truncated", json_true());
	json_object_set_new(root, "feed", json_feed(doc));
	for (i = 0; i < doc->n_items; i++)
		json_array_append_new(items, json_item(&doc->items[i]));
	json_object_set_new(root, "items", items);
	dumped = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	if (dumped == NULL)
		fatal("out of memory formatting JSON");
	out = xstrdup(dumped);
	free(dumped);
	return out;
}
