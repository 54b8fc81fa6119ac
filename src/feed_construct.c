/*
 * feed_construct.c - the value of a text construct (a title, summary or
 * content element of any format) as plain text or as HTML.
 *
 * Its type attribute says how its text is to be read (text, html, xhtml,
 * a MIME type, base64 for Atom 0.3's mode and binary types); without one
 * RSS's is guessed from the text.  Plain text is made from HTML by
 * feed_text_from_html(), once more when markup was escaped twice, and
 * HTML from text by escaping.  Must never read markup into a plain field
 * or text unescaped into an HTML one.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "feed_int.h"
#include "hearsay/util.h"

/* How a text construct's value is to be read. */
enum text_kind { TK_AUTO, TK_TEXT, TK_HTML, TK_XHTML, TK_XML };

struct kind_name {
	const char *name;
	enum text_kind kind;
};

static const struct kind_name kind_names[] = {
	{ "text", TK_TEXT }, { "text/plain", TK_TEXT },
	{ "html", TK_HTML }, { "text/html", TK_HTML },
	/* Atom 1.0 wraps xhtml in a div; Atom 0.3's XHTML is the content. */
	{ "xhtml", TK_XHTML }, { "application/xhtml+xml", TK_XML },
};

/* Non-zero for a construct whose type is some other MIME type (not text,
 * not XML): RFC 4287 section 4.1.3.3 says it is base64. */
static int
type_is_binary(const char *type)
{
	return type != NULL && strchr(type, '/') != NULL &&
	    ascii_ncasecmp(type, "text/", 5) != 0 &&
	    strstr(type, "xml") == NULL;
}

/* How to read a construct's text: by its type attribute; without one,
 * Atom 1.0 says text, and everything else (RSS, and Atom 0.3 whose implied
 * text/plain feeds ignored) is guessed. */
static enum text_kind
construct_kind(int atom_text, const char *type)
{
	enum text_kind kind = atom_text ? TK_TEXT : TK_AUTO;
	size_t i;

	if (type != NULL) {
		for (i = 0; i < nitems(kind_names); i++) {
			if (ascii_casecmp(type, kind_names[i].name) == 0)
				return kind_names[i].kind;
		}
		if (strchr(type, '/') != NULL)
			kind = TK_AUTO;
	}
	return kind;
}

/* Markup inside a construct; a sole wrapping XHTML div is dropped where
 * Atom 1.0 puts one (type xhtml, and html that was given as markup). */
static char *
construct_markup(struct feed_doc *doc, xmlNodePtr node, enum text_kind kind)
{
	xmlNodePtr c, only = NULL;
	int n = 0, raw = kind == TK_HTML;

	for (c = node->children; c != NULL; c = c->next) {
		if (c->type == XML_ELEMENT_NODE) {
			only = c;
			n++;
		} else if (c->type != XML_TEXT_NODE ||
		    c->content[strspn((const char *)c->content, " \t\r\n")] != '\0') {
			n += 2;
		}
	}
	if ((kind == TK_XHTML || kind == TK_HTML) && n == 1 &&
	    xmlStrcmp(only->name, (const xmlChar *)"div") == 0)
		return feed_text_inner_markup(doc, only, raw);
	return feed_text_inner_markup(doc, node, raw);
}

char *
feed_construct_read(struct feed_doc *doc, xmlNodePtr node, int atom_text,
    int want_html)
{
	char *type = feed_text_attr(doc, node, "type");
	char *mode = feed_text_attr(doc, node, "mode");
	enum text_kind kind = construct_kind(atom_text, type);
	int b64 = (mode != NULL && strcmp(mode, "base64") == 0) ||
	    type_is_binary(type);
	int text = kind == TK_TEXT;	/* declared text: its brackets are text */
	char *v, *out;

	if (!b64 && feed_text_has_elements(node)) {
		v = construct_markup(doc, node, kind);
		kind = TK_HTML;
	} else {
		v = feed_text_node(doc, node);
		if (b64) {
			out = feed_text_base64(v);
			free(v);
			v = out;
			kind = TK_AUTO;
		}
	}
	free(type);
	free(mode);
	if (kind == TK_AUTO || kind == TK_XHTML || kind == TK_XML)
		kind = want_html || feed_text_looks_like_html(v) ? TK_HTML :
		    TK_TEXT;
	if (want_html && kind == TK_TEXT)
		out = feed_text_escape(v);
	else if (!want_html && kind == TK_HTML)
		/* What is still markup after the HTML's own decoding was
		 * escaped twice: plain text too. */
		out = feed_text_plain(feed_text_from_html(v));
	else if (!want_html && !text)
		/* Guessed text that holds HTML elements' tags is HTML. */
		return feed_text_plain(v);
	else
		return v;
	free(v);
	return out;
}
