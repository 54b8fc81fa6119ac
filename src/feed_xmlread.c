/*
 * feed_xmlread.c - handing a feed document to libxml2 safely: the parser
 * options, the error handler, the entity hook and the repair pass.
 *
 * libxml2 runs in recover mode with the network off and without entity
 * substitution, DTD loading or XInclude (no XML_PARSE_NOENT, DTDLOAD,
 * DTDATTR, XINCLUDE), so nothing outside the document is ever read and
 * entity bombs stay references that libxml2's own amplification check and
 * our bounded walks contain.  Must never let libxml2 print: everything it
 * reports goes through feed_xmlread_error() into the bozo flag.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "feed_int.h"
#include "hearsay/buf.h"
#include "hearsay/text.h"
#include "hearsay/util.h"

/* An HTML entity lent to libxml2 for a reference the feed never declared. */
struct lent_entity {
	xmlEntity ent;
	struct lent_entity *next;
};

/* What the entity hook needs while libxml2 reads. */
struct xmlread {
	struct feed_doc *doc;
	struct lent_entity *lent;
	size_t	 n_lent;
};

/* Collects what libxml2 reports instead of letting it print. */
void
feed_xmlread_error(void *ctx, xmlErrorPtr e)
{
	struct feed_doc *doc = ctx;
	char *msg;
	size_t n;

	/* HTML parsing of titles is lenient on purpose; warnings are no
	 * malformation. */
	if (e == NULL || e->domain == XML_FROM_HTML || e->level < XML_ERR_ERROR)
		return;
	msg = xstrdup(e->message != NULL ? e->message : "malformed XML");
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	feed_doc_bozo(doc, "line %d: %s", e->line, msg);
	free(msg);
}

/* libxml2's entity lookup, extended: a reference to an entity the
 * document never declared (&nbsp; &eacute;... very common in feeds) is
 * answered from libxml2's HTML 4 table as if predefined, so it becomes its
 * character instead of an error that loses it.  Flags bozo. */
static xmlEntityPtr
xml_get_entity(void *ctx, const xmlChar *name)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct xmlread *x = ctxt->_private;
	xmlEntityPtr ent = xmlSAX2GetEntity(ctx, name);
	const htmlEntityDesc *html;
	struct lent_entity *l;
	char utf8[8];

	if (ent != NULL || ctxt->inSubset != 0 || x->n_lent >= 512)
		return ent;
	feed_doc_bozo(x->doc, "undefined entity &%s;", (const char *)name);
	for (l = x->lent; l != NULL; l = l->next) {
		if (xmlStrcmp(l->ent.name, name) == 0)
			return &l->ent;
	}
	l = xcalloc(1, sizeof *l);
	l->ent.type = XML_ENTITY_DECL;
	l->ent.etype = XML_INTERNAL_PREDEFINED_ENTITY;
	l->ent.name = xmlStrdup(name);
	if ((html = htmlEntityLookup(name)) != NULL) {
		utf8[utf8_encode(html->value, utf8)] = '\0';
		l->ent.content = xmlStrdup((const xmlChar *)utf8);
	} else {
		/* Not even HTML knows it: keep the reference as text. */
		l->ent.content = xmlStrdup((const xmlChar *)"&");
		l->ent.content = xmlStrcat(l->ent.content, name);
		l->ent.content = xmlStrcat(l->ent.content, (const xmlChar *)";");
	}
	l->ent.orig = xmlStrdup(l->ent.content);
	l->ent.length = xmlStrlen(l->ent.content);
	l->next = x->lent;
	x->lent = l;
	x->n_lent++;
	return &l->ent;
}

static void
lent_free(struct lent_entity *l)
{
	struct lent_entity *next;

	for (; l != NULL; l = next) {
		next = l->next;
		xmlFree((xmlChar *)l->ent.name);
		xmlFree(l->ent.content);
		xmlFree(l->ent.orig);
		free(l);
	}
}

/* Length of a well-formed reference at s ("&name;", "&#10;", "&#xA;"),
 * or 0.  An SGML-style "&#X41;" counts; the caller lowers the X. */
static size_t
reference_len(const char *s, const char *end)
{
	static const char name_chars[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-:";
	const char *p = s + 1, *start, *set = name_chars;

	if (p < end && *p == '#') {
		p++;
		set = "0123456789";
		if (p < end && (*p == 'x' || *p == 'X')) {
			p++;
			set = "0123456789abcdefABCDEF";
		}
	} else if (p >= end || !(isalpha((unsigned char)*p) || *p == '_' ||
	    *p == ':')) {
		return 0;
	}
	start = p;
	while (p < end && *p != '\0' && strchr(set, *p) != NULL)
		p++;
	if (p == start || p >= end || *p != ';')
		return 0;
	return p + 1 - s;
}

/* Where the markup section starting at s ends (comment, CDATA, PI,
 * DOCTYPE with its internal subset), or NULL when s starts none. */
static const char *
section_end(const char *s, const char *end)
{
	static const struct { const char *open, *close; } sections[] = {
		{ "<!--", "-->" }, { "<![CDATA[", "]]>" }, { "<?", "?>" },
		{ "<!DOCTYPE", NULL },
	};
	const char *e;
	size_t i, n;

	for (i = 0; i < nitems(sections); i++) {
		n = strlen(sections[i].open);
		if ((size_t)(end - s) < n || memcmp(s, sections[i].open, n) != 0)
			continue;
		if (sections[i].close != NULL) {
			e = memmem(s + n, end - s - n, sections[i].close,
			    strlen(sections[i].close));
			return e != NULL ? e + strlen(sections[i].close) : end;
		}
		e = memchr(s, '>', end - s);
		if (e != NULL && memchr(s, '[', e - s) != NULL)
			e = memmem(s, end - s, "]>", 2);
		return e != NULL ? e + 1 : end;
	}
	return NULL;
}

/* A copy of the document with the commonest breakage repaired before
 * libxml2 sees it: a bare '&' (as in unescaped query strings) becomes
 * "&amp;", and "&#X41;" becomes "&#x41;".  Comments, CDATA, processing
 * instructions and the DOCTYPE are left alone.  Flags bozo. */
static char *
xml_repair(struct feed_doc *doc, const char *s, size_t len, size_t *outlen)
{
	const char *p = s, *end = s + len, *e;
	struct buf b;
	size_t n;

	buf_init(&b, 0);
	buf_add(&b, "", 0);
	while (p < end) {
		if (*p == '<' && (e = section_end(p, end)) != NULL) {
			buf_add(&b, p, e - p);
			p = e;
		} else if (*p == '&' && (n = reference_len(p, end)) == 0) {
			buf_addstr(&b, "&amp;");
			feed_doc_bozo(doc, "unescaped '&'");
			p++;
		} else if (*p == '&' && p[1] == '#' && p[2] == 'X') {
			buf_add(&b, "&#x", 3);
			feed_doc_bozo(doc, "character reference with an upper-case X");
			p += 3;
		} else {
			buf_addc(&b, *p++);
		}
	}
	*outlen = b.len;
	return buf_detach(&b);
}

xmlDocPtr
feed_xmlread(const char *utf8, size_t len, const char *url,
    struct feed_doc *doc)
{
	const int options = XML_PARSE_RECOVER | XML_PARSE_NONET |
	    XML_PARSE_IGNORE_ENC | XML_PARSE_NOWARNING | XML_PARSE_NOERROR;
	struct xmlread st = { doc, NULL, 0 };
	xmlParserCtxtPtr ctxt;
	xmlDocPtr xdoc = NULL;
	char *fixed;

	if ((ctxt = xmlNewParserCtxt()) == NULL)
		fatal("out of memory");
	ctxt->_private = &st;
	ctxt->sax->getEntity = xml_get_entity;
	fixed = xml_repair(doc, utf8, len, &len);
	/* The encoding is UTF-8 by now, whatever the declaration says. */
	if (len <= INT32_MAX)
		xdoc = xmlCtxtReadMemory(ctxt, fixed, (int)len, url, "UTF-8",
		    options);
	xmlFreeParserCtxt(ctxt);
	lent_free(st.lent);
	free(fixed);
	return xdoc;
}
