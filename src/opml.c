/*
 * opml.c - subscriptions in and out as OPML.
 *
 * Import parses with libxml2 under a leash: no network, no DTD, no entity
 * expansion (attribute values are read from their text nodes only, so a
 * declared entity is dropped rather than expanded), no external entity
 * resolver, and errors collected through a structured handler instead of
 * being printed.  Export builds the document with xmlTextWriter so every
 * attribute is escaped by libxml2, never by hand.  This file must never
 * touch the urls file itself: the caller loads and saves the feedlist.
 */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>

#include "hearsay/buf.h"
#include "hearsay/feedlist.h"
#include "hearsay/opml.h"
#include "hearsay/text.h"
#include "hearsay/util.h"

/* Tags in force at once (outline names and category items); more are
 * dropped, which keeps the duplicate check below from going quadratic. */
#define OPML_MAX_TAGS 256

#define OPML_PARSE_OPTIONS \
	(XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

/* The tags in force while walking the outline tree, and where feeds go. */
struct opml_walk {
	struct feedlist		*fl;
	struct opml_result	*res;
	char			**tags;
	size_t			 n_tags;
};

/* Keep the first libxml2 error of a parse as "line N: message" in the
 * string the parser context's _private points at. */
static void
opml_error(void *ctx, xmlErrorPtr e)
{
	xmlParserCtxtPtr ctxt = ctx;
	char **first, *msg;

	if (ctxt == NULL || ctxt->_private == NULL || e == NULL ||
	    e->level == XML_ERR_WARNING)
		return;
	first = ctxt->_private;
	if (*first != NULL)
		return;
	msg = xprintf("line %d: %s", e->line,
	    e->message != NULL ? e->message : "XML error");
	*first = text_clean(msg, TEXT_COLLAPSE_WS);
	free(msg);
}

/* Errors raised without a parser context: dropped, never printed. */
static void
opml_error_drop(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

/* Only the five predefined entities exist: a declared one is treated as
 * undeclared, so it is neither expanded (billion laughs) nor loaded (XXE). */
static xmlEntityPtr
opml_get_entity(void *ctx, const xmlChar *name)
{
	(void)ctx;
	return xmlGetPredefinedEntity(name);
}

static xmlEntityPtr
opml_get_pe(void *ctx, const xmlChar *name)
{
	(void)ctx;
	(void)name;
	return NULL;
}

/* Refuse every external entity and DTD the document asks for. */
static xmlParserInputPtr
opml_no_entity(void *ctx, const xmlChar *public_id, const xmlChar *system_id)
{
	(void)ctx;
	(void)public_id;
	(void)system_id;
	return NULL;
}

/* Non-zero when n is an element called name (any case). */
static int
opml_is(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE &&
	    ascii_casecmp((const char *)n->name, name) == 0;
}

/* The value of attribute name (matched ignoring case: exporters disagree
 * on xmlUrl/xmlURL) from its text nodes only, cleaned and trimmed; NULL when
 * absent or empty.  Caller frees. */
static char *
opml_attr(const xmlNode *n, const char *name)
{
	const xmlAttr *a;
	const xmlNode *t;
	struct buf b;
	char *v;

	for (a = n->properties; a != NULL; a = a->next) {
		if (ascii_casecmp((const char *)a->name, name) == 0)
			break;
	}
	if (a == NULL)
		return NULL;
	buf_init(&b, 0);
	for (t = a->children; t != NULL; t = t->next) {
		if (t->type == XML_TEXT_NODE && t->content != NULL)
			buf_addstr(&b, (const char *)t->content);
	}
	v = text_clean(buf_str(&b), TEXT_COLLAPSE_WS);
	buf_free(&b);
	if (*v == '\0')
		xfree(v);
	return v;
}

/* Push a tag unless it is already in force or OPML_MAX_TAGS are; takes
 * ownership of tag.  Returns 1 when pushed. */
static int
opml_push_tag(struct opml_walk *w, char *tag)
{
	size_t i;

	for (i = 0; tag != NULL && i < w->n_tags; i++) {
		if (strcmp(w->tags[i], tag) == 0)
			break;
	}
	if (tag == NULL || i < w->n_tags || w->n_tags >= OPML_MAX_TAGS) {
		free(tag);
		return 0;
	}
	w->tags = xreallocarray(w->tags, w->n_tags + 1, sizeof *w->tags);
	w->tags[w->n_tags++] = tag;
	return 1;
}

/* Drop the tags pushed since the stack was this deep. */
static void
opml_pop_tags(struct opml_walk *w, size_t to)
{
	while (w->n_tags > to)
		free(w->tags[--w->n_tags]);
}

/* Push the items of a category attribute ("/a,/b/c"): each is trimmed
 * and loses one leading slash, so "/a" is the tag "a". */
static void
opml_push_category(struct opml_walk *w, const char *category)
{
	const char *p = category, *end;
	char *item, *tag;

	while (p != NULL && *p != '\0') {
		end = strchr(p, ',');
		item = end != NULL ? xstrndup(p, (size_t)(end - p)) : xstrdup(p);
		tag = text_clean(item, TEXT_COLLAPSE_WS);
		if (tag[0] == '/')
			memmove(tag, tag + 1, strlen(tag));
		if (*tag == '\0')
			xfree(tag);
		opml_push_tag(w, tag);
		free(item);
		p = end != NULL ? end + 1 : NULL;
	}
}

/* One outline with an xmlUrl: add it with the tags in force. */
static void
opml_feed(struct opml_walk *w, const xmlNode *n, const char *url)
{
	size_t depth = w->n_tags;
	char *title, *category;

	title = opml_attr(n, "title");
	if (title == NULL) {
		title = opml_attr(n, "text");
		/* Our export writes the URL as text of an untitled feed. */
		if (title != NULL && strcmp(title, url) == 0)
			xfree(title);
	}
	category = opml_attr(n, "category");
	opml_push_category(w, category);
	if (!feedlist_url_ok(url))
		w->res->invalid++;
	else if (feedlist_find(w->fl, url) != NULL)
		w->res->present++;
	else if (feedlist_add(w->fl, url, title,
	    (const char *const *)w->tags, w->n_tags) == 0)
		w->res->added++;
	opml_pop_tags(w, depth);
	free(category);
	free(title);
}

/* Walk the outlines under parent: feeds are added, other outlines are
 * folders whose name is a tag of everything inside them. */
static void
opml_walk_outlines(struct opml_walk *w, const xmlNode *parent)
{
	const xmlNode *n;
	size_t depth;
	char *url, *name;

	for (n = parent->children; n != NULL; n = n->next) {
		if (!opml_is(n, "outline"))
			continue;
		url = opml_attr(n, "xmlUrl");
		if (url != NULL) {
			opml_feed(w, n, url);
			free(url);
			continue;
		}
		depth = w->n_tags;
		name = opml_attr(n, "text");
		if (name == NULL)
			name = opml_attr(n, "title");
		opml_push_tag(w, name);
		opml_walk_outlines(w, n);
		opml_pop_tags(w, depth);
	}
}

/* Parse data as XML with the leash described at the top.  Caller frees
 * the document; NULL with *err set on any error. */
static xmlDocPtr
opml_read(const char *data, size_t len, char **err)
{
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc = NULL;
	xmlStructuredErrorFunc old_fn;
	void *old_ctx;
	char *first = NULL;

	if (len == 0 || len > INT_MAX) {
		error_set(err, len == 0 ? "empty document" :
		    "OPML document too large");
		return NULL;
	}
	ctxt = xmlCreateMemoryParserCtxt(data, (int)len);
	if (ctxt == NULL) {
		error_set(err, "cannot create an XML parser");
		return NULL;
	}
	xmlCtxtUseOptions(ctxt, OPML_PARSE_OPTIONS);
	ctxt->_private = &first;
	ctxt->sax->serror = opml_error;
	ctxt->sax->getEntity = opml_get_entity;
	ctxt->sax->getParameterEntity = opml_get_pe;
	ctxt->sax->resolveEntity = opml_no_entity;
	ctxt->sax->externalSubset = NULL;
	old_fn = xmlStructuredError;
	old_ctx = xmlStructuredErrorContext;
	xmlSetStructuredErrorFunc(NULL, opml_error_drop);
	xmlParseDocument(ctxt);
	xmlSetStructuredErrorFunc(old_ctx, old_fn);
	doc = ctxt->myDoc;
	ctxt->myDoc = NULL;
	if (doc == NULL || !ctxt->wellFormed) {
		error_set(err, "not well-formed XML (%s)",
		    first != NULL ? first : "no detail");
		xmlFreeDoc(doc);
		doc = NULL;
	}
	free(first);
	xmlFreeParserCtxt(ctxt);
	return doc;
}

int
opml_import(struct feedlist *fl, const char *data, size_t len,
    struct opml_result *res, char **err)
{
	struct opml_walk w = { fl, res, NULL, 0 };
	xmlDocPtr doc;
	xmlNodePtr root, body;
	int rc = -1;

	memset(res, 0, sizeof *res);
	doc = opml_read(data, len, err);
	if (doc == NULL)
		return -1;
	root = xmlDocGetRootElement(doc);
	if (!opml_is(root, "opml")) {
		char *name = text_clean(root != NULL ?
		    (const char *)root->name : "", 0);

		error_set(err, "not an OPML document (the root element is "
		    "<%s>)", name);
		free(name);
		goto out;
	}
	for (body = root->children; body != NULL; body = body->next) {
		if (opml_is(body, "body"))
			break;
	}
	if (body == NULL) {
		error_set(err, "not an OPML document (no <body>)");
		goto out;
	}
	opml_walk_outlines(&w, body);
	free(w.tags);
	rc = 0;
out:
	xmlFreeDoc(doc);
	return rc;
}

/* An xmlTextWriter and whether any call on it failed. */
struct opml_out {
	xmlTextWriterPtr w;
	int	 failed;
};

/* Open an element, unless the writer already failed. */
static void
opml_start(struct opml_out *o, const char *element)
{
	if (!o->failed && xmlTextWriterStartElement(o->w, BAD_CAST element) < 0)
		o->failed = 1;
}

/* Close the innermost open element. */
static void
opml_end(struct opml_out *o)
{
	if (!o->failed && xmlTextWriterEndElement(o->w) < 0)
		o->failed = 1;
}

/* Write attribute name="value" (escaped by libxml2); NULL skips it. */
static void
opml_put_attr(struct opml_out *o, const char *name, const char *value)
{
	if (!o->failed && value != NULL && xmlTextWriterWriteAttribute(o->w,
	    BAD_CAST name, BAD_CAST value) < 0)
		o->failed = 1;
}

/* The category attribute for tags after the first: "/b,/c", or NULL.
 * Caller frees. */
static char *
opml_category(const struct feedlist_entry *e)
{
	struct buf b;
	size_t i;

	if (e->n_tags < 2)
		return NULL;
	buf_init(&b, 0);
	for (i = 1; i < e->n_tags; i++)
		buf_printf(&b, "%s/%s", i > 1 ? "," : "", e->tags[i]);
	return buf_detach(&b);
}

/* One feed's outline. */
static void
opml_put_feed(struct opml_out *o, const struct feedlist_entry *e)
{
	char *category = opml_category(e);

	opml_start(o, "outline");
	opml_put_attr(o, "type", "rss");
	opml_put_attr(o, "text", e->title != NULL ? e->title : e->url);
	opml_put_attr(o, "title", e->title);
	opml_put_attr(o, "xmlUrl", e->url);
	opml_put_attr(o, "category", category);
	opml_end(o);
	free(category);
}

/* The body: each run of feeds with the same first tag inside an outline
 * named after it, so the order of the list is kept exactly. */
static void
opml_put_body(struct opml_out *o, const struct feedlist *fl)
{
	const struct feedlist_entry *e;
	const char *folder = NULL, *first;
	size_t i;

	opml_start(o, "body");
	for (i = 0; i < feedlist_count(fl); i++) {
		e = feedlist_get(fl, i);
		first = e->n_tags > 0 ? e->tags[0] : NULL;
		if (folder != NULL && (first == NULL ||
		    strcmp(first, folder) != 0)) {
			opml_end(o);
			folder = NULL;
		}
		if (first != NULL && folder == NULL) {
			opml_start(o, "outline");
			opml_put_attr(o, "text", first);
			opml_put_attr(o, "title", first);
			folder = first;
		}
		opml_put_feed(o, e);
	}
	if (folder != NULL)
		opml_end(o);
	opml_end(o);
}

char *
opml_export(const struct feedlist *fl)
{
	struct opml_out o = { NULL, 0 };
	xmlBufferPtr xb = xmlBufferCreate();
	char *out = NULL;

	if (xb == NULL)
		return NULL;
	o.w = xmlNewTextWriterMemory(xb, 0);
	if (o.w == NULL)
		goto out;
	if (xmlTextWriterSetIndent(o.w, 1) < 0 ||
	    xmlTextWriterSetIndentString(o.w, BAD_CAST "  ") < 0 ||
	    xmlTextWriterStartDocument(o.w, "1.0", "UTF-8", NULL) < 0)
		o.failed = 1;
	opml_start(&o, "opml");
	opml_put_attr(&o, "version", "2.0");
	opml_start(&o, "head");
	opml_start(&o, "title");
	if (!o.failed && xmlTextWriterWriteString(o.w,
	    BAD_CAST "hearsay subscriptions") < 0)
		o.failed = 1;
	opml_end(&o);
	opml_end(&o);
	opml_put_body(&o, fl);
	opml_end(&o);
	if (!o.failed && xmlTextWriterEndDocument(o.w) < 0)
		o.failed = 1;
	xmlFreeTextWriter(o.w);
	if (!o.failed)
		out = xstrdup((const char *)xmlBufferContent(xb));
out:
	xmlBufferFree(xb);
	return out;
}
