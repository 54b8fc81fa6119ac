/*
 * render_html.c - HTML into a render document: libxml2's HTML parser in
 * recover mode, then one walk over the tree driven by a table of elements.
 *
 * The walk is iterative (an explicit stack of saved states), so no
 * nesting, however deep, can exhaust the C stack.  Must never fetch
 * anything (HTML_PARSE_NONET), never print parser errors, and never put a
 * byte into the document except through the builder, which sanitises.
 */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "hearsay/text.h"
#include "hearsay/url.h"
#include "hearsay/util.h"
#include "render_int.h"

/* Bigger input is cut here: no story is this long, and libxml2 takes int. */
#define RENDER_MAX_INPUT ((size_t)64 * 1024 * 1024)

/* What an element does. */
enum render_elem_kind {
	ELEM_INLINE,		/* only adds its attribute bits */
	ELEM_SKIP,		/* dropped with everything inside */
	ELEM_BLOCK,		/* starts and ends a block */
	ELEM_BR,
	ELEM_HR,
	ELEM_IMG,
	ELEM_LINK,
	ELEM_PRE,
	ELEM_QUOTE,		/* blockquote */
	ELEM_LIST,		/* arg: 1 when ordered */
	ELEM_ITEM,
	ELEM_HEADING,		/* arg: level */
	ELEM_ROW,
	ELEM_CELL,
	ELEM_Q			/* inline quotation: adds quote marks */
};

struct render_elem {
	const char		*name;
	enum render_elem_kind	 kind;
	unsigned		 attr;
	int			 arg;
};

/* Sorted by name for bsearch(); elements not listed are inline. */
static const struct render_elem render_elems[] = {
	{ "a",		ELEM_LINK,	0, 0 },
	{ "address",	ELEM_BLOCK,	RENDER_ATTR_ITALIC, 0 },
	{ "applet",	ELEM_SKIP,	0, 0 },
	{ "article",	ELEM_BLOCK,	0, 0 },
	{ "aside",	ELEM_BLOCK,	0, 0 },
	{ "audio",	ELEM_SKIP,	0, 0 },
	{ "b",		ELEM_INLINE,	RENDER_ATTR_BOLD, 0 },
	{ "blockquote",	ELEM_QUOTE,	0, 0 },
	{ "body",	ELEM_BLOCK,	0, 0 },
	{ "br",		ELEM_BR,	0, 0 },
	{ "button",	ELEM_SKIP,	0, 0 },
	{ "canvas",	ELEM_SKIP,	0, 0 },
	{ "caption",	ELEM_BLOCK,	RENDER_ATTR_ITALIC, 0 },
	{ "center",	ELEM_BLOCK,	0, 0 },
	{ "cite",	ELEM_INLINE,	RENDER_ATTR_ITALIC, 0 },
	{ "code",	ELEM_INLINE,	RENDER_ATTR_CODE, 0 },
	{ "dd",		ELEM_BLOCK,	0, 0 },
	{ "details",	ELEM_BLOCK,	0, 0 },
	{ "dfn",	ELEM_INLINE,	RENDER_ATTR_ITALIC, 0 },
	{ "dir",	ELEM_LIST,	0, 0 },
	{ "div",	ELEM_BLOCK,	0, 0 },
	{ "dl",		ELEM_BLOCK,	0, 0 },
	{ "dt",		ELEM_BLOCK,	RENDER_ATTR_BOLD, 0 },
	{ "em",		ELEM_INLINE,	RENDER_ATTR_ITALIC, 0 },
	{ "embed",	ELEM_SKIP,	0, 0 },
	{ "fieldset",	ELEM_BLOCK,	0, 0 },
	{ "figcaption",	ELEM_BLOCK,	RENDER_ATTR_ITALIC, 0 },
	{ "figure",	ELEM_BLOCK,	0, 0 },
	{ "footer",	ELEM_BLOCK,	0, 0 },
	{ "form",	ELEM_BLOCK,	0, 0 },
	{ "frameset",	ELEM_SKIP,	0, 0 },
	{ "h1",		ELEM_HEADING,	RENDER_ATTR_BOLD, 1 },
	{ "h2",		ELEM_HEADING,	RENDER_ATTR_BOLD, 2 },
	{ "h3",		ELEM_HEADING,	RENDER_ATTR_BOLD, 3 },
	{ "h4",		ELEM_HEADING,	RENDER_ATTR_BOLD, 4 },
	{ "h5",		ELEM_HEADING,	RENDER_ATTR_BOLD, 5 },
	{ "h6",		ELEM_HEADING,	RENDER_ATTR_BOLD, 6 },
	{ "head",	ELEM_SKIP,	0, 0 },
	{ "header",	ELEM_BLOCK,	0, 0 },
	{ "hr",		ELEM_HR,	0, 0 },
	{ "i",		ELEM_INLINE,	RENDER_ATTR_ITALIC, 0 },
	{ "iframe",	ELEM_SKIP,	0, 0 },
	{ "img",	ELEM_IMG,	0, 0 },
	{ "input",	ELEM_SKIP,	0, 0 },
	{ "ins",	ELEM_INLINE,	RENDER_ATTR_UNDERLINE, 0 },
	{ "kbd",	ELEM_INLINE,	RENDER_ATTR_CODE, 0 },
	{ "li",		ELEM_ITEM,	0, 0 },
	{ "listing",	ELEM_PRE,	0, 0 },
	{ "main",	ELEM_BLOCK,	0, 0 },
	{ "map",	ELEM_SKIP,	0, 0 },
	{ "math",	ELEM_SKIP,	0, 0 },
	{ "menu",	ELEM_LIST,	0, 0 },
	{ "nav",	ELEM_BLOCK,	0, 0 },
	{ "noembed",	ELEM_SKIP,	0, 0 },
	{ "noframes",	ELEM_SKIP,	0, 0 },
	{ "noscript",	ELEM_SKIP,	0, 0 },
	{ "object",	ELEM_SKIP,	0, 0 },
	{ "ol",		ELEM_LIST,	0, 1 },
	{ "option",	ELEM_SKIP,	0, 0 },
	{ "p",		ELEM_BLOCK,	0, 0 },
	{ "plaintext",	ELEM_PRE,	0, 0 },
	{ "pre",	ELEM_PRE,	0, 0 },
	{ "q",		ELEM_Q,		0, 0 },
	{ "samp",	ELEM_INLINE,	RENDER_ATTR_CODE, 0 },
	{ "script",	ELEM_SKIP,	0, 0 },
	{ "section",	ELEM_BLOCK,	0, 0 },
	{ "select",	ELEM_SKIP,	0, 0 },
	{ "strong",	ELEM_INLINE,	RENDER_ATTR_BOLD, 0 },
	{ "style",	ELEM_SKIP,	0, 0 },
	{ "summary",	ELEM_BLOCK,	RENDER_ATTR_BOLD, 0 },
	{ "svg",	ELEM_SKIP,	0, 0 },
	{ "table",	ELEM_BLOCK,	0, 0 },
	{ "td",		ELEM_CELL,	0, 0 },
	{ "template",	ELEM_SKIP,	0, 0 },
	{ "textarea",	ELEM_SKIP,	0, 0 },
	{ "th",		ELEM_CELL,	RENDER_ATTR_BOLD, 0 },
	{ "title",	ELEM_SKIP,	0, 0 },
	{ "tr",		ELEM_ROW,	0, 0 },
	{ "tt",		ELEM_INLINE,	RENDER_ATTR_CODE, 0 },
	{ "u",		ELEM_INLINE,	RENDER_ATTR_UNDERLINE, 0 },
	{ "ul",		ELEM_LIST,	0, 0 },
	{ "var",	ELEM_INLINE,	RENDER_ATTR_ITALIC, 0 },
	{ "video",	ELEM_SKIP,	0, 0 },
	{ "xmp",	ELEM_PRE,	0, 0 },
};

static const struct render_elem render_elem_inline = {
	"", ELEM_INLINE, 0, 0
};

/* The walk's state; a copy is saved on entering each element. */
struct render_state {
	const struct render_elem *elem;
	unsigned	attr;
	int		link;
	int		pre;		/* inside pre */
	int		row;		/* inside a table row */
	int		list_depth;
	int		list_ordered;
	int		list_next;	/* number of the next ordered item */
	size_t		blocks;		/* blocks in the doc when a link began */
	enum render_kind kind;		/* the builder's cur_* fields */
	int		level;
	int		quote;
	int		number;
	int		marker;
};

struct render_walk {
	struct render_builder	 b;
	const char		*base;
	struct render_state	 st;
	struct render_state	*stack;
	size_t			 nstack;
	size_t			 astack;
};

static int
render_elem_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct render_elem *)elem)->name);
}

/* The table row for an element name (lower case from the parser). */
static const struct render_elem *
render_elem_find(const char *name)
{
	const struct render_elem *e;

	e = bsearch(name, render_elems, nitems(render_elems),
	    sizeof render_elems[0], render_elem_cmp);
	return e != NULL ? e : &render_elem_inline;
}

/* Save the state (with the builder's current block properties). */
static void
render_walk_push(struct render_walk *w, const struct render_elem *e)
{
	struct render_state *s;

	if (w->nstack == w->astack) {
		w->astack = w->astack ? w->astack * 2 : 64;
		w->stack = xreallocarray(w->stack, w->astack, sizeof *w->stack);
	}
	s = &w->stack[w->nstack++];
	*s = w->st;
	s->elem = e;
	s->kind = w->b.cur_kind;
	s->level = w->b.cur_level;
	s->quote = w->b.cur_quote;
	s->number = w->b.cur_number;
	s->marker = w->b.marker;
}

/* Restore the state saved by the matching push. */
static void
render_walk_pop(struct render_walk *w)
{
	const struct render_state *s = &w->stack[--w->nstack];
	int next = w->st.list_next;

	w->st = *s;
	w->b.cur_kind = s->kind;
	w->b.cur_level = s->level;
	w->b.cur_quote = s->quote;
	w->b.cur_number = s->number;
	/* Items count on in their list after they end, and only an item
	 * gives its marker back: a <p> inside one must not. */
	if (s->elem->kind == ELEM_ITEM) {
		w->st.list_next = next;
		w->b.marker = s->marker;
	}
}

/* A block boundary: a new block, or a space inside a table row. */
static void
render_walk_break(struct render_walk *w)
{
	if (w->st.pre > 0)
		return;
	if (w->st.row > 0)
		render_builder_space(&w->b);
	else
		render_builder_flush(&w->b);
}

/* Set the kind of the blocks to come, unless inside a table row or a pre,
 * whose blocks stay what they are. */
static void
render_walk_kind(struct render_walk *w, enum render_kind kind, int level)
{
	if (w->st.row > 0 || w->st.pre > 0)
		return;
	w->b.cur_kind = kind;
	w->b.cur_level = level;
}

/* An attribute as a new sanitised, trimmed string, or NULL if absent. */
static char *
render_attr(xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *out;

	if (v == NULL)
		return NULL;
	out = text_clean((const char *)v, TEXT_COLLAPSE_WS);
	xmlFree(v);
	return out;
}

/* An integer attribute, or def when absent or not a number. */
static int
render_attr_int(xmlNode *n, const char *name, int def)
{
	char *v = render_attr(n, name);
	long l;

	if (v == NULL)
		return def;
	if (parse_long(v, -1000000, 1000000, &l) == -1)
		l = def;
	free(v);
	return (int)l;
}

/* Number the link an <a> points to; 0 when it goes nowhere useful. */
static int
render_walk_link(struct render_walk *w, xmlNode *n)
{
	char *href = render_attr(n, "href"), *abs, *url;

	/* In-page anchors and script "links" are not worth a number. */
	if (href == NULL || *href == '\0' || *href == '#' ||
	    url_scheme_in(href, "javascript,vbscript,data")) {
		free(href);
		return 0;
	}
	abs = url_resolve(w->base, href);
	url = text_clean(abs, TEXT_COLLAPSE_WS);
	free(abs);
	free(href);
	if (*url == '\0') {
		free(url);
		return 0;
	}
	return render_doc_link(w->b.doc, url);
}

/* Non-zero for a 1x1 (or 0x0) tracking pixel. */
static int
render_img_is_pixel(xmlNode *n)
{
	return render_attr_int(n, "width", 100) <= 1 ||
	    render_attr_int(n, "height", 100) <= 1;
}

/* "[image: alt]", or "[image]" when there is no alt text. */
static void
render_walk_img(struct render_walk *w, xmlNode *n)
{
	unsigned attr = w->st.attr | RENDER_ATTR_IMAGE;
	char *alt;

	if (render_img_is_pixel(n))
		return;
	alt = render_attr(n, "alt");
	if (alt == NULL || *alt == '\0')
		render_builder_text(&w->b, "[image]", 7, attr, w->st.link);
	else {
		render_builder_text(&w->b, "[image: ", 8, attr, w->st.link);
		render_builder_text(&w->b, alt, strlen(alt), attr, w->st.link);
		render_builder_text(&w->b, "]", 1, attr, w->st.link);
	}
	free(alt);
}

/* Start a list item: its number, depth and marker. */
static void
render_walk_item(struct render_walk *w, xmlNode *n)
{
	int depth = w->st.list_depth > 0 ? w->st.list_depth : 1;

	render_walk_break(w);
	render_walk_kind(w, RENDER_LIST_ITEM,
	    depth < RENDER_MAX_NEST ? depth : RENDER_MAX_NEST);
	w->b.cur_number = 0;
	w->b.marker = 1;
	if (w->st.list_ordered) {
		w->b.cur_number = render_attr_int(n, "value", w->st.list_next);
		w->st.list_next = w->b.cur_number + 1;
	}
}

/* Start a list: depth, kind and first number. */
static void
render_walk_list(struct render_walk *w, xmlNode *n, int ordered)
{
	render_walk_break(w);
	w->st.list_depth++;
	w->st.list_ordered = ordered;
	w->st.list_next = ordered ? render_attr_int(n, "start", 1) : 1;
}

/* Enter element n: returns 0 when its content is to be skipped. */
static int
render_walk_enter(struct render_walk *w, xmlNode *n)
{
	const struct render_elem *e = render_elem_find((const char *)n->name);

	if (e->kind == ELEM_SKIP)
		return 0;
	render_walk_push(w, e);
	w->st.attr |= e->attr;
	switch (e->kind) {
	case ELEM_BLOCK:
		render_walk_break(w);
		break;
	case ELEM_BR:
		if (w->st.row > 0)
			render_builder_space(&w->b);
		else
			render_builder_br(&w->b);
		break;
	case ELEM_HR:
		if (w->st.row == 0 && w->st.pre == 0)
			render_builder_empty(&w->b, RENDER_RULE);
		break;
	case ELEM_IMG:
		render_walk_img(w, n);
		break;
	case ELEM_LINK:
		w->st.link = render_walk_link(w, n);
		if (w->st.link > 0)
			w->st.attr |= RENDER_ATTR_LINK;
		w->st.blocks = w->b.doc->nblocks;
		break;
	case ELEM_PRE:
		render_walk_break(w);
		render_walk_kind(w, RENDER_PRE, 0);
		w->st.pre++;
		break;
	case ELEM_QUOTE:
		render_walk_break(w);
		if (w->b.cur_quote < RENDER_MAX_NEST && w->st.row == 0 &&
		    w->st.pre == 0)
			w->b.cur_quote++;
		break;
	case ELEM_LIST:
		render_walk_list(w, n, e->arg);
		break;
	case ELEM_ITEM:
		render_walk_item(w, n);
		break;
	case ELEM_HEADING:
		render_walk_break(w);
		render_walk_kind(w, RENDER_HEADING, e->arg);
		break;
	case ELEM_ROW:
		if (w->st.row > 0) {
			render_builder_cell(&w->b);
			break;
		}
		render_walk_break(w);
		w->b.cur_kind = RENDER_TABLE_ROW;
		w->st.row++;
		break;
	case ELEM_CELL:
		render_builder_cell(&w->b);
		break;
	case ELEM_Q:
		render_builder_text(&w->b, "\"", 1, w->st.attr, w->st.link);
		break;
	case ELEM_INLINE:
	case ELEM_SKIP:
		break;
	}
	return 1;
}

/* Leave an element entered by render_walk_enter(). */
static void
render_walk_leave(struct render_walk *w)
{
	const struct render_elem *e = w->stack[w->nstack - 1].elem;
	int link = w->st.link;

	switch (e->kind) {
	case ELEM_LINK:
		/* A link around whole blocks (a teaser card) ends with the
		 * last of them. */
		if (link > 0 && w->b.text.len == 0 &&
		    w->b.doc->nblocks > w->st.blocks)
			render_builder_note_last(&w->b, link);
		else if (link > 0)
			render_builder_note(&w->b, link);
		break;
	case ELEM_Q:
		render_builder_text(&w->b, "\"", 1, w->st.attr, link);
		break;
	default:
		break;
	}
	/* The boundary after a block belongs to the state outside it: the
	 * end of a pre is a break, the end of a cell's div inside a row is
	 * a space, the end of a row inside a row nothing more. */
	render_walk_pop(w);
	switch (e->kind) {
	case ELEM_BLOCK:
	case ELEM_PRE:
	case ELEM_QUOTE:
	case ELEM_LIST:
	case ELEM_ITEM:
	case ELEM_HEADING:
	case ELEM_ROW:
		render_walk_break(w);
		break;
	default:
		break;
	}
}

/* Handle one node; returns non-zero when the walk should go into it. */
static int
render_walk_node(struct render_walk *w, xmlNode *n)
{
	switch (n->type) {
	case XML_ELEMENT_NODE:
		return render_walk_enter(w, n);
	case XML_TEXT_NODE:
	case XML_CDATA_SECTION_NODE:
		if (n->content == NULL)
			return 0;
		if (w->st.pre > 0)
			render_builder_pre(&w->b, (const char *)n->content,
			    strlen((const char *)n->content), w->st.attr,
			    w->st.link);
		else
			render_builder_text(&w->b, (const char *)n->content,
			    strlen((const char *)n->content), w->st.attr,
			    w->st.link);
		return 0;
	default:
		return 0;
	}
}

/* Walk the tree under root in document order without recursion. */
static void
render_walk_tree(struct render_walk *w, xmlNode *root)
{
	xmlNode *n = root->children;

	while (n != NULL) {
		if (render_walk_node(w, n)) {
			if (n->children != NULL) {
				n = n->children;
				continue;
			}
			render_walk_leave(w);
		}
		while (n->next == NULL) {
			n = n->parent;
			if (n == NULL || n == root)
				return;
			render_walk_leave(w);
		}
		n = n->next;
	}
}

/* Non-zero when s looks like markup: some '<' opens a tag or comment. */
static int
render_is_html(const char *s, size_t len)
{
	const char *p = memchr(s, '<', len), *end = s + len;

	while (p != NULL) {
		p++;
		if (p < end && ((*p >= 'a' && *p <= 'z') ||
		    (*p >= 'A' && *p <= 'Z') || *p == '/' || *p == '!'))
			return 1;
		p = memchr(p, '<', (size_t)(end - p));
	}
	return 0;
}

/* Decode one character reference at s ("&amp;", "&#233;"); returns the
 * bytes used, or 0 when s does not start a known reference. */
static size_t
render_entity(const char *s, size_t len, struct buf *out)
{
	char name[32], enc[4];
	uint32_t cp = 0;
	size_t i, n;

	for (n = 1; n < len && n < sizeof name && s[n] != ';'; n++)
		name[n - 1] = s[n];
	if (n >= len || n >= sizeof name || s[n] != ';' || n == 1)
		return 0;
	name[n - 1] = '\0';
	if (name[0] == '#') {
		int hex = name[1] == 'x' || name[1] == 'X';

		for (i = hex ? 2 : 1; name[i] != '\0'; i++) {
			const char *digits = "0123456789abcdef";
			const char *d = strchr(digits, name[i] | 0x20);

			if (d == NULL || (!hex && d - digits > 9) || cp > 0x10FFFF)
				return 0;
			cp = cp * (hex ? 16 : 10) + (uint32_t)(d - digits);
		}
	} else {
		const htmlEntityDesc *ent = htmlEntityLookup((xmlChar *)name);

		if (ent == NULL)
			return 0;
		cp = ent->value;
	}
	buf_add(out, enc, utf8_encode(cp == 0 ? TEXT_REPLACEMENT : cp, enc));
	return n + 1;
}

/* Text with character references decoded (feeds escape plain text too). */
static char *
render_decode_entities(const char *s, size_t len, size_t *outlen)
{
	struct buf out;
	size_t i = 0;

	buf_init(&out, 0);
	buf_add(&out, "", 0);
	while (i < len) {
		size_t n = 0;

		if (s[i] == '&')
			n = render_entity(s + i, len - i, &out);
		if (n == 0) {
			buf_addc(&out, s[i]);
			n = 1;
		}
		i += n;
	}
	*outlen = out.len;
	return buf_detach(&out);
}

/* The href of <head><base>, resolved against base; NULL if there is none.
 * Caller frees. */
static char *
render_find_base(htmlDocPtr tree, const char *base)
{
	xmlNode *root = xmlDocGetRootElement(tree), *head, *n;
	char *href, *abs;

	for (head = root != NULL ? root->children : NULL; head != NULL;
	    head = head->next)
		if (head->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)head->name, "head") == 0)
			break;
	for (n = head != NULL ? head->children : NULL; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)n->name, "base") != 0)
			continue;
		href = render_attr(n, "href");
		if (href == NULL || *href == '\0') {
			free(href);
			continue;
		}
		abs = url_resolve(base, href);
		free(href);
		return abs;
	}
	return NULL;
}

/* The end of the element whose start tag ends just before p: past its
 * end tag, or at end when it has none. */
static const char *
render_words_skip(const char *p, const char *end, const char *name)
{
	size_t n = strlen(name);

	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		if ((size_t)(end - p) > n + 2 && p[1] == '/' &&
		    ascii_ncasecmp(p + 2, name, n) == 0 &&
		    (p[2 + n] == '>' || p[2 + n] == ' ' || p[2 + n] == '\t' ||
		    p[2 + n] == '\n' || p[2 + n] == '\r')) {
			p = memchr(p, '>', (size_t)(end - p));
			return p != NULL ? p + 1 : end;
		}
		p++;
	}
	return end;
}

static int
render_words_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

/* Skip the tag or comment at p ('<' and a letter, '/', '!' or '?');
 * returns the byte after it, past the whole element when the table drops
 * it with everything inside. */
static const char *
render_words_tag(const char *p, const char *end)
{
	const struct render_elem *e;
	const htmlElemDesc *desc;
	const char *gt, *q = p + 1;
	char name[16];
	size_t n = 0;

	if ((size_t)(end - p) >= 4 && memcmp(p, "<!--", 4) == 0) {
		gt = memmem(p + 4, (size_t)(end - p - 4), "-->", 3);
		return gt != NULL ? gt + 3 : end;
	}
	gt = memchr(p, '>', (size_t)(end - p));
	if (gt == NULL)
		return end;
	for (; q < gt && n < sizeof name - 1 && render_words_alnum(*q); q++)
		name[n++] = (char)(*q >= 'A' && *q <= 'Z' ? *q | 0x20 : *q);
	name[n] = '\0';
	/* No element of one letter is dropped (p, a, b, i...). */
	if (n <= 1 || p[1] == '/')
		return gt + 1;
	e = render_elem_find(name);
	if (e->kind != ELEM_SKIP || gt[-1] == '/')
		return gt + 1;
	/* A void element (<input>) has no content to drop. */
	desc = htmlTagLookup((const xmlChar *)name);
	if (desc != NULL && desc->empty)
		return gt + 1;
	return render_words_skip(gt + 1, end, name);
}

/* No-break spaces as spaces, as render_plain() has them. */
static void
render_words_nbsp(struct buf *b)
{
	const char *c = render_find_nbsp(b->data, b->len);
	size_t i, j;

	if (c == NULL)
		return;
	j = (size_t)(c - b->data);
	for (i = j; i < b->len; i++) {
		if (i + 1 < b->len && (unsigned char)b->data[i] == 0xc2 &&
		    (unsigned char)b->data[i + 1] == 0xa0) {
			b->data[j++] = ' ';
			i++;
		} else
			b->data[j++] = b->data[i];
	}
	b->len = j;
	b->data[j] = '\0';
}

char *
render_words(const char *html, size_t len)
{
	const char *p = html, *end, *lt, *amp, *next;
	struct buf b;
	size_t n;
	char *out;

	if (len > RENDER_MAX_INPUT)
		len = RENDER_MAX_INPUT;
	end = html + len;
	buf_init(&b, 0);
	buf_add(&b, "", 0);
	lt = memchr(p, '<', len);
	amp = memchr(p, '&', len);
	while (p < end) {
		/* Text up to the next tag or reference goes in whole. */
		if (lt != NULL && lt < p)
			lt = memchr(p, '<', (size_t)(end - p));
		if (amp != NULL && amp < p)
			amp = memchr(p, '&', (size_t)(end - p));
		next = lt == NULL ? amp : amp == NULL || lt < amp ? lt : amp;
		if (next == NULL)
			next = end;
		buf_add(&b, p, (size_t)(next - p));
		p = next;
		if (p == end)
			break;
		if (*p == '&') {
			n = render_entity(p, (size_t)(end - p), &b);
			if (n == 0)
				buf_addc(&b, *p);
			p += n > 0 ? n : 1;
		} else if (*p == '<' && p + 1 < end &&
		    ((render_words_alnum(p[1]) &&
		    !(p[1] >= '0' && p[1] <= '9')) || p[1] == '/' ||
		    p[1] == '!' || p[1] == '?')) {
			p = render_words_tag(p, end);
			buf_addc(&b, ' ');
		} else
			buf_addc(&b, *p++);
	}
	render_words_nbsp(&b);
	out = text_sanitize(buf_str(&b), b.len, TEXT_COLLAPSE_WS);
	buf_free(&b);
	return out;
}

struct render_doc *
render_html(const char *html, size_t len, const char *base_url)
{
	const int opts = HTML_PARSE_RECOVER | HTML_PARSE_NONET |
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING;
	struct render_walk w;
	struct render_doc *doc;
	htmlDocPtr tree;
	char *base = NULL;

	if (len > RENDER_MAX_INPUT)
		len = RENDER_MAX_INPUT;
	if (!render_is_html(html, len)) {
		size_t n;
		char *text = render_decode_entities(html, len, &n);

		doc = render_text(text, n);
		free(text);
		return doc;
	}
	doc = render_doc_new();
	memset(&w, 0, sizeof w);
	render_builder_init(&w.b, doc);
	tree = htmlReadMemory(html, (int)len, base_url, "UTF-8", opts);
	if (tree != NULL) {
		base = render_find_base(tree, base_url);
		w.base = base != NULL ? base : base_url;
		render_walk_tree(&w, (xmlNode *)tree);
	}
	/* A walk cut short leaves saved states; nothing in them is owned. */
	render_builder_flush(&w.b);
	render_builder_free(&w.b);
	free(w.stack);
	free(base);
	xmlFreeDoc(tree);
	render_doc_finish(doc);
	return doc;
}
