/*
 * jsonfeed.c - JSON Feed 1.0 and 1.1 (https://jsonfeed.org) into the item
 * model, with jansson.
 *
 * Fields map through small tables like the XML side.  Must never trust the
 * JSON's types: a number where a string belongs is converted or ignored, and
 * every string is sanitised.  URLs are resolved against the document URL
 * and judged by url_link_check() (feed_doc_link); dates go through
 * date_parse().
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "feed_int.h"
#include "hearsay/date.h"
#include "hearsay/text.h"
#include "hearsay/url.h"
#include "hearsay/util.h"

/* How a JSON value becomes a model string.  JF_NAME is plain text that
 * real feeds write as HTML too (WordPress titles carry &#8211;): made
 * plain text as RSS titles are. */
enum jf_kind { JF_PLAIN, JF_NAME, JF_HTML, JF_TEXT_AS_HTML, JF_URL };

struct jf_str_rule {
	const char *key;
	size_t	 offset;	/* of the char * in the struct */
	enum jf_kind kind;
	const char *field;	/* its name in `parse --json` */
};

static const struct jf_str_rule jf_feed_rules[] = {
	{ "title", offsetof(struct feed_doc, title), JF_NAME, "title" },
	{ "home_page_url", offsetof(struct feed_doc, link), JF_URL, "link" },
	{ "description", offsetof(struct feed_doc, description), JF_HTML,
	    "description" },
	{ "language", offsetof(struct feed_doc, language), JF_PLAIN,
	    "language" },
	{ "icon", offsetof(struct feed_doc, image), JF_URL, "image" },
	{ "favicon", offsetof(struct feed_doc, image), JF_URL, "image" },
};

/* Earlier rows win over later ones for the same field. */
static const struct jf_str_rule jf_item_rules[] = {
	{ "id", offsetof(struct feed_item, id), JF_PLAIN, "id" },
	{ "url", offsetof(struct feed_item, link), JF_URL, "link" },
	{ "external_url", offsetof(struct feed_item, link), JF_URL, "link" },
	{ "title", offsetof(struct feed_item, title), JF_NAME, "title" },
	{ "summary", offsetof(struct feed_item, summary), JF_TEXT_AS_HTML,
	    "summary" },
	{ "content_html", offsetof(struct feed_item, content), JF_HTML,
	    "content" },
	{ "content_text", offsetof(struct feed_item, content),
	    JF_TEXT_AS_HTML, "content" },
};

/* Where an object's fields go: the document (for its flags), the base
 * URL, and the object's path in `parse --json` ("feed", "items[3]"). */
struct jf_where {
	struct feed_doc *doc;
	const char *base;
	char	 path[32];
};

int
jsonfeed_sniff(const char *data, size_t len)
{
	size_t i = 0;

	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && strchr(" \t\r\n", data[i]) != NULL && data[i] != '\0')
		i++;
	return i < len && data[i] == '{';
}

/* The string form of v (strings, and numbers for ids), or NULL.  New. */
static char *
jf_string(json_t *v)
{
	if (json_is_string(v))
		return xstrndup(json_string_value(v), json_string_length(v));
	if (json_is_integer(v))
		return xprintf("%" JSON_INTEGER_FORMAT, json_integer_value(v));
	return NULL;
}

/* s (owned) made the kind of model string kind says; NULL when empty.
 * Over FEED_MAX_TEXT it is cut, and doc says so. */
static char *
jf_convert(struct feed_doc *doc, const char *base, char *s,
    enum jf_kind kind)
{
	char *out;

	switch (kind) {
	case JF_PLAIN:
		out = text_clean(s, TEXT_COLLAPSE_WS);
		break;
	case JF_NAME:
		out = feed_text_plain(feed_text_looks_like_html(s) ?
		    feed_text_from_html(s) : text_clean(s, TEXT_COLLAPSE_WS));
		break;
	case JF_URL:
		out = text_clean(s, TEXT_COLLAPSE_WS);
		free(s);
		s = out;
		/* An empty URL is none, not the base it would resolve to. */
		out = *s != '\0' ? url_resolve(base, s) : NULL;
		break;
	case JF_TEXT_AS_HTML:
		out = feed_text_escape(s);
		free(s);
		s = out;
		out = text_clean(s, TEXT_KEEP_LAYOUT);
		break;
	default:
		out = text_clean(s, TEXT_KEEP_LAYOUT);
		break;
	}
	free(s);
	if (out != NULL && kind != JF_URL) {
		s = out;
		if ((out = feed_encoding_undouble(out)) != s)
			feed_doc_bozo(doc, "text encoded as UTF-8 twice decoded");
	}
	/* Missing is null, and so is empty (DESIGN.md). */
	if (out != NULL && feed_text_blank(out))
		xfree(out);
	if (feed_text_limit(out))
		feed_doc_cut(doc, "text longer than %d bytes cut",
		    FEED_MAX_TEXT);
	return out;
}

/* Fill the char * fields of record from obj by table; the first row
 * with a value (a link the model may carry, for links) wins. */
static void
jf_apply(const struct jf_where *w, json_t *obj, void *record,
    const struct jf_str_rule *rules, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char **slot = (char **)((char *)record + rules[i].offset);
		char *s;

		if (*slot != NULL || (s = jf_string(json_object_get(obj,
		    rules[i].key))) == NULL)
			continue;
		s = jf_convert(w->doc, w->base, s, rules[i].kind);
		if (rules[i].kind == JF_URL)
			s = feed_doc_link(w->doc, s, "%s.%s", w->path,
			    rules[i].field);
		*slot = s;
	}
}

/* The name of author object a, or NULL.  New string. */
static char *
jf_author_name(struct feed_doc *doc, json_t *a)
{
	char *s = jf_string(json_object_get(a, "name"));

	return s != NULL ? jf_convert(doc, NULL, s, JF_NAME) : NULL;
}

/* The author's name: the first named one of the 1.1 "authors" array,
 * else 1.0's "author".  New string, or NULL. */
static char *
jf_author(struct feed_doc *doc, json_t *obj)
{
	json_t *a;
	size_t i;
	char *s;

	json_array_foreach(json_object_get(obj, "authors"), i, a) {
		if ((s = jf_author_name(doc, a)) != NULL)
			return s;
	}
	return jf_author_name(doc, json_object_get(obj, "author"));
}

static int64_t
jf_date(json_t *obj, const char *key)
{
	const char *s = json_string_value(json_object_get(obj, key));
	int64_t t;

	return s != NULL && date_parse(s, &t) == 0 ? t : FEED_NO_DATE;
}

static void
jf_attachments(const struct jf_where *w, json_t *list,
    struct feed_item *item)
{
	json_t *a, *size;
	size_t i;
	char *url, *type;

	json_array_foreach(list, i, a) {
		if ((url = jf_string(json_object_get(a, "url"))) == NULL ||
		    (url = feed_doc_link(w->doc, jf_convert(w->doc, w->base, url,
		    JF_URL), "%s.enclosures", w->path)) == NULL)
			continue;
		type = jf_string(json_object_get(a, "mime_type"));
		size = json_object_get(a, "size_in_bytes");
		feed_item_add_enclosure(w->doc, item, url,
		    type != NULL ? jf_convert(w->doc, NULL, type, JF_PLAIN) : NULL,
		    json_is_integer(size) && json_integer_value(size) >= 0 ?
		    json_integer_value(size) : -1);
	}
}

static void
jf_item(const char *base, json_t *obj, struct feed_doc *doc,
    struct feed_item *item)
{
	struct jf_where w = { doc, base, "" };
	json_t *tag;
	size_t i;
	char *s;

	snprintf(w.path, sizeof w.path, "items[%zu]", doc->n_items - 1);
	jf_apply(&w, obj, item, jf_item_rules, nitems(jf_item_rules));
	item->author = jf_author(doc, obj);
	item->published = jf_date(obj, "date_published");
	item->updated = jf_date(obj, "date_modified");
	jf_attachments(&w, json_object_get(obj, "attachments"), item);
	json_array_foreach(json_object_get(obj, "tags"), i, tag) {
		if ((s = jf_string(tag)) != NULL &&
		    (s = jf_convert(doc, NULL, s, JF_PLAIN)) != NULL)
			feed_item_add_category(doc, item, s);
	}
}

/* Load data as JSON; invalid UTF-8 is repaired (and flagged) first.  A
 * number too big for an integer or a \u0000 in a string fails the strict
 * load; the lenient one (numbers as reals, NULs kept) then keeps the
 * feed, flagged. */
static json_t *
jf_load(const char *data, size_t len, struct feed_doc *doc, char **err)
{
	json_error_t jerr;
	json_t *root;
	char *fixed = NULL;

	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	if (!utf8_valid(data, len)) {
		feed_doc_bozo(doc, "invalid UTF-8 replaced");
		fixed = text_sanitize(data, len, TEXT_KEEP_LAYOUT);
		data = fixed;
		len = strlen(fixed);
	}
	root = json_loadb(data, len, 0, &jerr);
	if (root == NULL && (root = json_loadb(data, len,
	    JSON_DECODE_INT_AS_REAL | JSON_ALLOW_NUL, NULL)) != NULL)
		feed_doc_bozo(doc, "JSON: %s", jerr.text);
	free(fixed);
	if (root == NULL)
		error_set(err, "not a feed: JSON error at line %d: %s",
		    jerr.line, jerr.text);
	return root;
}

int
jsonfeed_parse(const char *data, size_t len,
    const struct feed_parse_opts *opts, struct feed_doc *doc, char **err)
{
	struct jf_where feed = { doc, opts->base_url, "feed" };
	json_t *root, *items, *it;
	const char *version;
	struct feed_item *item;
	size_t i;

	if ((root = jf_load(data, len, doc, err)) == NULL)
		return -1;
	version = json_string_value(json_object_get(root, "version"));
	items = json_object_get(root, "items");
	if (!json_is_object(root) || ((version == NULL ||
	    strstr(version, "jsonfeed.org/version/") == NULL) &&
	    !json_is_array(items))) {
		error_set(err, "not a feed: JSON without a JSON Feed version");
		json_decref(root);
		return -1;
	}
	if (version == NULL || strstr(version, "jsonfeed.org/version/") == NULL)
		feed_doc_bozo(doc, "JSON Feed without a version");
	doc->format = FEED_FORMAT_JSONFEED;
	jf_apply(&feed, root, doc, jf_feed_rules, nitems(jf_feed_rules));
	doc->author = jf_author(doc, root);
	json_array_foreach(items, i, it) {
		if (!json_is_object(it))
			continue;
		if ((item = feed_doc_add_item(doc)) == NULL)
			break;
		jf_item(opts->base_url, it, doc, item);
		/* 1.0 and 1.1 alike: an item without authors has the feed's. */
		if (item->author == NULL && doc->author != NULL)
			item->author = xstrdup(doc->author);
	}
	json_decref(root);
	return 0;
}
