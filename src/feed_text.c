/*
 * feed_text.c - getting text and markup out of a parsed XML feed: element
 * text with entity references decoded, inner markup serialised as HTML,
 * plain text from HTML, escaping and base64.
 *
 * Every walk here is bounded (FEED_MAX_DEPTH levels, FEED_MAX_TEXT bytes a
 * field, FEED_MAX_EXPANSION bytes of entity expansion a document) and never
 * calls libxml2's own unbounded expanders (xmlNodeGetContent, xmlGetProp),
 * so a billion-laughs document costs a few megabytes at most.
 * Entities a feed uses without declaring (&nbsp; &eacute;...) are looked up
 * in libxml2's HTML 4 table and flag the document bozo.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/entities.h>
#include <libxml/tree.h>

#include "feed_int.h"
#include "hearsay/buf.h"
#include "hearsay/text.h"
#include "hearsay/util.h"

static void text_walk(struct feed_doc *doc, xmlNodePtr node, struct buf *b,
    int depth);
static void markup_walk(struct feed_doc *doc, xmlNodePtr node,
    struct buf *b, int depth, int raw_text);

/* Append s to b, or when it would pass b's cap, as much of it as fits,
 * cut at a character boundary (and b->overflow set): a field over the
 * limit is cut to the limit, never emptied. */
static void
text_add(struct buf *b, const char *s)
{
	size_t n = strlen(s), room;

	if (b->overflow || buf_add(b, s, n) == 0)
		return;
	room = b->max > b->len ? b->max - b->len : 0;
	while (room > 0 && ((unsigned char)s[room] & 0xC0) == 0x80)
		room--;
	b->overflow = 0;
	buf_add(b, s, room);
	b->overflow = 1;
}

/* Drop a UTF-8 sequence that a cut left incomplete at the end of b. */
static void
text_trim_partial(struct buf *b)
{
	size_t start = b->len, n;
	uint32_t cp;

	while (start > 0 && b->len - start < 4 &&
	    ((unsigned char)b->data[start - 1] & 0xC0) == 0x80)
		start--;
	if (start == 0 || (unsigned char)b->data[start - 1] < 0xC0)
		return;
	start--;
	n = utf8_decode(b->data + start, b->len - start, &cp);
	if (cp == TEXT_REPLACEMENT && n == 1) {
		b->len = start;
		b->data[start] = '\0';
	}
}

/* Append the character an undeclared entity stands for, or the reference
 * itself when not even HTML knows it. */
static void
entity_undeclared(struct feed_doc *doc, const xmlChar *name, struct buf *b,
    int as_html)
{
	const htmlEntityDesc *e = htmlEntityLookup(name);
	char enc[4];

	feed_doc_bozo(doc, "undefined entity &%s;", (const char *)name);
	if (e != NULL) {
		buf_add(b, enc, utf8_encode(e->value, enc));
		return;
	}
	buf_printf(b, as_html ? "&amp;%s;" : "&%s;", (const char *)name);
}

/* The declared internal entity a reference names, or NULL. */
static xmlEntityPtr
entity_declared(xmlNodePtr ref)
{
	xmlEntityPtr ent = xmlGetDocEntity(ref->doc, ref->name);

	if (ent == NULL || ent->etype != XML_INTERNAL_GENERAL_ENTITY)
		return NULL;
	return ent;
}

/* Charge one expansion of ent to the document's budget (a size_t the
 * tree carries in _private, set by feed_xml_parse); 0 when it is spent.
 * Bounding each field is not enough: ten thousand items each expanding a
 * megabyte would still cost gigabytes. */
static int
entity_budget_take(struct feed_doc *doc, xmlNodePtr ref, xmlEntityPtr ent)
{
	size_t *budget = ref->doc != NULL ? ref->doc->_private : NULL;
	size_t cost = ent->length > 0 ? (size_t)ent->length : 1;

	if (budget == NULL)
		return 1;
	if (*budget < cost) {
		*budget = 0;
		feed_doc_cut(doc, "entity expansion beyond %d bytes cut",
		    FEED_MAX_EXPANSION);
		return 0;
	}
	*budget -= cost;
	return 1;
}

static void
text_entity(struct feed_doc *doc, xmlNodePtr ref, struct buf *b, int depth)
{
	xmlEntityPtr ent = entity_declared(ref);
	xmlNodePtr c;

	if (ent == NULL) {
		if (xmlGetDocEntity(ref->doc, ref->name) == NULL)
			entity_undeclared(doc, ref->name, b, 0);
		return;
	}
	if (!entity_budget_take(doc, ref, ent))
		return;
	if (ent->children == NULL && ent->content != NULL) {
		text_add(b, (const char *)ent->content);
		return;
	}
	for (c = ent->children; c != NULL && !b->overflow; c = c->next)
		text_walk(doc, c, b, depth + 1);
}

static void
text_walk(struct feed_doc *doc, xmlNodePtr node, struct buf *b, int depth)
{
	xmlNodePtr c;

	if (depth > FEED_MAX_DEPTH || b->overflow)
		return;
	switch (node->type) {
	case XML_TEXT_NODE:
	case XML_CDATA_SECTION_NODE:
		text_add(b, (const char *)node->content);
		break;
	case XML_ENTITY_REF_NODE:
		text_entity(doc, node, b, depth);
		break;
	case XML_ELEMENT_NODE:
	case XML_ATTRIBUTE_NODE:
		for (c = node->children; c != NULL && !b->overflow; c = c->next)
			text_walk(doc, c, b, depth + 1);
		break;
	default:
		break;
	}
}

/* Finish a bounded buffer: flag truncation, hand the string over. */
static char *
text_finish(struct feed_doc *doc, struct buf *b)
{
	if (b->overflow) {
		text_trim_partial(b);
		feed_doc_cut(doc, "text longer than %d bytes cut", FEED_MAX_TEXT);
	}
	return buf_detach(b);
}

char *
feed_text_node(struct feed_doc *doc, xmlNodePtr node)
{
	xmlNodePtr c = node->children;
	struct buf b;
	size_t n;

	/* The usual case, one piece of text within the limit: copied whole,
	 * as the walk below would build it. */
	if ((node->type == XML_ELEMENT_NODE || node->type == XML_ATTRIBUTE_NODE) &&
	    c != NULL && c->next == NULL && (c->type == XML_TEXT_NODE ||
	    c->type == XML_CDATA_SECTION_NODE) && c->content != NULL &&
	    (n = strlen((const char *)c->content)) <= FEED_MAX_TEXT)
		return xstrndup((const char *)c->content, n);

	buf_init(&b, FEED_MAX_TEXT);
	buf_add(&b, "", 0);
	text_walk(doc, node, &b, 0);
	return text_finish(doc, &b);
}

char *
feed_text_attr(struct feed_doc *doc, xmlNodePtr node, const char *name)
{
	xmlAttrPtr a;

	for (a = node->properties; a != NULL; a = a->next) {
		if (a->type == XML_ATTRIBUTE_NODE && a->ns == NULL &&
		    xmlStrcmp(a->name, (const xmlChar *)name) == 0)
			return feed_text_node(doc, (xmlNodePtr)a);
	}
	return NULL;
}

/* Append s with &, < and > (and " when quoting) escaped for HTML. */
static void
escape_into(struct buf *b, const char *s, int quote)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '&':
			buf_addstr(b, "&amp;");
			break;
		case '<':
			buf_addstr(b, "&lt;");
			break;
		case '>':
			buf_addstr(b, "&gt;");
			break;
		case '"':
			buf_addstr(b, quote ? "&quot;" : "\"");
			break;
		default:
			buf_addc(b, *s);
		}
	}
}

char *
feed_text_escape(const char *s)
{
	struct buf b;

	buf_init(&b, 0);
	buf_add(&b, "", 0);
	escape_into(&b, s, 0);
	return buf_detach(&b);
}

static void
markup_name(struct buf *b, xmlNodePtr node)
{
	if (node->ns != NULL && node->ns->prefix != NULL)
		buf_printf(b, "%s:", (const char *)node->ns->prefix);
	buf_addstr(b, (const char *)node->name);
}

static void
markup_element(struct feed_doc *doc, xmlNodePtr node, struct buf *b,
    int depth, int raw_text)
{
	xmlAttrPtr a;
	xmlNodePtr c;
	char *v;

	buf_addc(b, '<');
	markup_name(b, node);
	for (a = node->properties; a != NULL; a = a->next) {
		v = feed_text_node(doc, (xmlNodePtr)a);
		buf_addc(b, ' ');
		markup_name(b, (xmlNodePtr)a);
		buf_addstr(b, "=\"");
		escape_into(b, v, 1);
		buf_addc(b, '"');
		free(v);
	}
	if (node->children == NULL) {
		buf_addstr(b, " />");
		return;
	}
	buf_addc(b, '>');
	for (c = node->children; c != NULL && !b->overflow; c = c->next)
		markup_walk(doc, c, b, depth + 1, raw_text);
	buf_addstr(b, "</");
	markup_name(b, node);
	buf_addc(b, '>');
}

static void
markup_walk(struct feed_doc *doc, xmlNodePtr node, struct buf *b, int depth,
    int raw_text)
{
	xmlEntityPtr ent;
	xmlNodePtr c;

	if (depth > FEED_MAX_DEPTH || b->overflow)
		return;
	switch (node->type) {
	case XML_TEXT_NODE:
	case XML_CDATA_SECTION_NODE:
		if (raw_text)
			text_add(b, (const char *)node->content);
		else
			escape_into(b, (const char *)node->content, 0);
		break;
	case XML_ENTITY_REF_NODE:
		ent = entity_declared(node);
		if (ent == NULL) {
			if (xmlGetDocEntity(node->doc, node->name) == NULL)
				entity_undeclared(doc, node->name, b, 1);
			break;
		}
		if (!entity_budget_take(doc, node, ent))
			break;
		for (c = ent->children; c != NULL && !b->overflow; c = c->next)
			markup_walk(doc, c, b, depth + 1, raw_text);
		break;
	case XML_ELEMENT_NODE:
		markup_element(doc, node, b, depth, raw_text);
		break;
	default:
		break;
	}
}

char *
feed_text_inner_markup(struct feed_doc *doc, xmlNodePtr node, int raw_text)
{
	struct buf b;
	xmlNodePtr c;

	buf_init(&b, FEED_MAX_TEXT);
	buf_add(&b, "", 0);
	for (c = node->children; c != NULL && !b.overflow; c = c->next)
		markup_walk(doc, c, &b, 1, raw_text);
	return text_finish(doc, &b);
}

int
feed_text_has_elements(xmlNodePtr node)
{
	xmlNodePtr c;

	for (c = node->children; c != NULL; c = c->next) {
		if (c->type == XML_ELEMENT_NODE)
			return 1;
	}
	return 0;
}

/* Gather the text of an HTML tree, skipping script and style. */
static void
html_text_walk(xmlNodePtr node, struct buf *b, int depth)
{
	xmlNodePtr c;

	if (depth > FEED_MAX_DEPTH || b->overflow)
		return;
	for (c = node; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			text_add(b, (const char *)c->content);
		} else if (c->type == XML_ELEMENT_NODE &&
		    xmlStrcasecmp(c->name, (const xmlChar *)"script") != 0 &&
		    xmlStrcasecmp(c->name, (const xmlChar *)"style") != 0) {
			if (xmlStrcasecmp(c->name, (const xmlChar *)"br") == 0)
				buf_addc(b, ' ');
			html_text_walk(c->children, b, depth + 1);
		}
	}
}

char *
feed_text_from_html(const char *html)
{
	htmlDocPtr hdoc;
	struct buf b;
	char *out;

	if (strchr(html, '<') == NULL && strchr(html, '&') == NULL)
		return text_clean(html, TEXT_COLLAPSE_WS);
	hdoc = htmlReadMemory(html, (int)strlen(html), NULL, "UTF-8",
	    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	    HTML_PARSE_NONET);
	if (hdoc == NULL)
		return text_clean(html, TEXT_COLLAPSE_WS);
	buf_init(&b, FEED_MAX_TEXT);
	buf_add(&b, "", 0);
	html_text_walk(xmlDocGetRootElement(hdoc), &b, 0);
	xmlFreeDoc(hdoc);
	out = text_clean(buf_str(&b), TEXT_COLLAPSE_WS);
	buf_free(&b);
	return out;
}

/* The length of the tag name after the '<' at p ("b" in "</b>"), when
 * it is the name of an element HTML has; else 0. */
static size_t
html_tag_at(const char *p)
{
	const char *q = p + 1 + (p[1] == '/');
	char name[16];
	size_t n, i;

	n = strspn(q, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
	if (n == 0 || n >= sizeof name ||
	    !((q[0] | 0x20) >= 'a' && (q[0] | 0x20) <= 'z') ||
	    q[n] == '\0' || strchr(" \t\r\n/>", q[n]) == NULL)
		return 0;
	for (i = 0; i < n; i++)
		name[i] = (char)(q[i] >= 'A' && q[i] <= 'Z' ? q[i] | 0x20 : q[i]);
	name[n] = '\0';
	/* libxml2's HTML parser knows which names are HTML's. */
	return htmlTagLookup((const xmlChar *)name) != NULL ? n : 0;
}

int
feed_text_has_html_tags(const char *s)
{
	const char *p;

	for (p = s; (p = strchr(p, '<')) != NULL; p++) {
		if (html_tag_at(p) > 0)
			return 1;
	}
	return 0;
}

char *
feed_text_plain(char *s)
{
	struct buf b;
	const char *p;
	char *out;

	if (s == NULL || !feed_text_has_html_tags(s))
		return s;
	/* Brackets around other names stay text: "<b>x</b> in <item>". */
	buf_init(&b, 0);
	buf_add(&b, "", 0);
	for (p = s; *p != '\0'; p++) {
		if (*p == '<' && html_tag_at(p) == 0)
			buf_addstr(&b, "&lt;");
		else
			buf_addc(&b, *p);
	}
	out = feed_text_from_html(buf_str(&b));
	buf_free(&b);
	free(s);
	return out;
}

int
feed_text_blank(const char *s)
{
	size_t len = strlen(s), i = 0, n;
	uint32_t cp;

	while (i < len) {
		n = utf8_decode(s + i, len - i, &cp);
		if (!(cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0xA0 ||
		    (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F ||
		    cp == 0x205F || cp == 0x3000 || cp == 0xFEFF))
			return 0;
		i += n;
	}
	return 1;
}

int
feed_text_looks_like_html(const char *s)
{
	const char *p;

	/* The heuristic feed readers share: an end tag or an entity. */
	for (p = s; (p = strchr(p, '<')) != NULL; p++) {
		if (p[1] == '/' && ((p[2] | 0x20) >= 'a' && (p[2] | 0x20) <= 'z'))
			return 1;
		if (ascii_ncasecmp(p, "<br", 3) == 0 ||
		    ascii_ncasecmp(p, "<img", 4) == 0)
			return 1;
	}
	for (p = s; (p = strchr(p, '&')) != NULL; p++) {
		size_t n = strspn(p + 1, "#abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");

		if (n > 0 && p[1 + n] == ';')
			return 1;
	}
	return 0;
}

static int
base64_value(int c)
{
	static const char alphabet[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const char *p = c != '\0' ? strchr(alphabet, c) : NULL;

	return p == NULL ? -1 : (int)(p - alphabet);
}

char *
feed_text_base64(const char *s)
{
	struct buf b;
	unsigned int acc = 0;
	int bits = 0, v;

	buf_init(&b, FEED_MAX_TEXT);
	buf_add(&b, "", 0);
	for (; *s != '\0' && *s != '='; s++) {
		if ((v = base64_value((unsigned char)*s)) == -1)
			continue;	/* white space and line breaks */
		acc = (acc << 6) | (unsigned int)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			buf_addc(&b, (char)((acc >> bits) & 0xFF));
		}
	}
	return buf_detach(&b);
}
