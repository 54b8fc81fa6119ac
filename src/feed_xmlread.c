/*
 * feed_xmlread.c - handing a feed document to libxml2 safely: the parser
 * options, the error handler and the repair pass over the text.
 *
 * libxml2 runs in recover mode with the network off and without entity
 * substitution, DTD loading or XInclude (no XML_PARSE_NOENT, DTDLOAD,
 * DTDATTR, XINCLUDE), so nothing outside the document is ever read and
 * entity bombs stay references that libxml2's amplification check and our
 * bounded walks contain.  Must never let libxml2 print: everything it
 * reports goes through feed_xmlread_error() into the bozo flag.
 *
 * The repair pass rewrites references before libxml2 sees them, because
 * libxml2 2.9 drops every named reference (even &amp;) once a document has
 * had one well-formedness error, and drops undeclared ones outright:
 * predefined and HTML 4 entities (libxml2's own htmlEntityLookup table)
 * become numeric references, which survive; unknown names and bare '&'
 * become text.  Only entities the document declares stay named.  It also
 * cuts a start tag down to FEED_MAX_ATTRS attributes: libxml2 2.9 checks
 * each attribute against every other, so 200,000 of them take minutes.
 *
 * Most feeds need no repair, so the document is first read as it is (after
 * a scan for over-long tags only); at the first error, or a DOCTYPE, that
 * attempt stops and the repaired copy is read instead.  libxml2's push
 * parser does the reading: it takes a CDATA section in blocks where
 * xmlReadMemory goes a character at a time.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include "feed_int.h"
#include "hearsay/buf.h"
#include "hearsay/util.h"

/* Bytes handed to libxml2's push parser at a time. */
#ifndef XMLREAD_CHUNK
#define XMLREAD_CHUNK (4 * 1024 * 1024)
#endif

/* The document text being repaired. */
struct repair {
	struct feed_doc *doc;
	const char *end;
	const char *dtd;	/* the DOCTYPE section, for declared names */
	size_t	 dtd_len;
	struct buf out;
};

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

/* Length of a well-formed reference at s ("&name;", "&#10;", "&#xA;", and
 * SGML's "&#X41;"), or 0. */
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

/* Non-zero when the DOCTYPE declares a general entity called name. */
static int
repair_declared(const struct repair *r, const char *name, size_t n)
{
	const char *p = r->dtd, *end;

	if (p == NULL)
		return 0;
	end = p + r->dtd_len;
	while (p != NULL && (p = memmem(p, end - p, "<!ENTITY", 8)) != NULL) {
		p += 8;
		while (p < end && isspace((unsigned char)*p))
			p++;
		if ((size_t)(end - p) > n && memcmp(p, name, n) == 0 &&
		    isspace((unsigned char)p[n]))
			return 1;
	}
	return 0;
}

/* The public identifier of the RSS 0.91 DTD. */
static const char netscape_dtd[] = "-//Netscape Communications//DTD RSS 0.91//EN";

/* Rewrite the named reference &name; (len bytes at s). */
static void
repair_named(struct repair *r, const char *s, size_t len)
{
	static const char *const predefined[] = {
		"amp", "lt", "gt", "quot", "apos",
	};
	/* As numeric references: libxml2 2.9 drops named ones after an error.
	 * Written out, since this runs for every &lt; of an HTML body. */
	static const char *const predefined_ref[] = { "&#38;", "&#60;",
	    "&#62;", "&#34;", "&#39;" };
	const htmlEntityDesc *html;
	char name[40];
	size_t i, n = len - 2;

	if (n >= sizeof name || repair_declared(r, s + 1, n)) {
		buf_add(&r->out, s, len);
		return;
	}
	memcpy(name, s + 1, n);
	name[n] = '\0';
	for (i = 0; i < nitems(predefined); i++) {
		if (strcmp(name, predefined[i]) == 0) {
			buf_addstr(&r->out, predefined_ref[i]);
			return;
		}
	}
	html = htmlEntityLookup((const xmlChar *)name);
	/* Netscape's RSS 0.91 DTD declares the Latin-1 entities: a document
	 * that names it uses them rightly. */
	if (html == NULL || html->value < 160 || html->value > 255 ||
	    r->dtd == NULL || memmem(r->dtd, r->dtd_len, netscape_dtd,
	    strlen(netscape_dtd)) == NULL)
		feed_doc_bozo(r->doc, "undefined entity &%s;", name);
	if (html != NULL)
		buf_printf(&r->out, "&#%u;", html->value);
	else
		buf_printf(&r->out, "&#38;%s;", name);	/* keep it as text */
}

static void
repair_reference(struct repair *r, const char *s, size_t len)
{
	if (len == 0) {
		buf_addstr(&r->out, "&#38;");
		feed_doc_bozo(r->doc, "unescaped '&'");
	} else if (s[1] != '#') {
		repair_named(r, s, len);
	} else if (s[2] == 'X') {
		buf_add(&r->out, "&#x", 3);
		buf_add(&r->out, s + 3, len - 3);
		feed_doc_bozo(r->doc, "character reference with an upper-case X");
	} else {
		buf_add(&r->out, s, len);
	}
}

/* Text and references from s to end into the output. */
static void
repair_text(struct repair *r, const char *s, const char *end)
{
	const char *amp;
	size_t n;

	while (s < end) {
		if (*s == '&') {
			n = reference_len(s, end);
			repair_reference(r, s, n);
			s += n > 0 ? n : 1;
		} else {
			amp = memchr(s, '&', (size_t)(end - s));
			n = (size_t)((amp != NULL ? amp : end) - s);
			buf_add(&r->out, s, n);
			s += n;
		}
	}
}

/* Where the attribute whose '=' is at eq starts (its leading space). */
static const char *
attr_start(const char *tag, const char *eq)
{
	while (eq > tag && isspace((unsigned char)eq[-1]))
		eq--;
	while (eq > tag && !isspace((unsigned char)eq[-1]))
		eq--;
	while (eq > tag && isspace((unsigned char)eq[-1]))
		eq--;
	return eq;
}

/* Scan the start tag at s for its attributes: *stop gets where the scan
 * ended (its '>', the next '<' or the end); returns where the attribute
 * past FEED_MAX_ATTRS starts, or NULL for a tag within the limit.  A scan
 * stops at the next '<', so every byte is looked at once. */
static const char *
tag_scan(const char *s, const char *end, const char **stop)
{
	const char *p, *cut = NULL;
	char quote = '\0';
	size_t attrs = 0;

	for (p = s + 1; p < end && *p != '<'; p++) {
		if (quote != '\0') {
			if (*p == quote)
				quote = '\0';
		} else if (*p == '"' || *p == '\'') {
			quote = *p;
		} else if (*p == '>') {
			break;
		} else if (*p == '=' && ++attrs == FEED_MAX_ATTRS + 1) {
			cut = attr_start(s, p);
		}
	}
	*stop = p;
	return cut;
}

/* The start tag at s, when it has more than FEED_MAX_ATTRS attributes:
 * written out with the first FEED_MAX_ATTRS only; returns where the input
 * goes on, or NULL (a tag within the limit, left to the caller). */
static const char *
repair_tag(struct repair *r, const char *s)
{
	const char *p, *cut = tag_scan(s, r->end, &p);

	if (cut == NULL)
		return NULL;
	feed_doc_cut(r->doc, "more than %d attributes on one element cut",
	    FEED_MAX_ATTRS);
	repair_text(r, s, cut);
	buf_addstr(&r->out, p < r->end && *p == '>' && p[-1] == '/' ? "/>" : ">");
	return p < r->end && *p == '>' ? p + 1 : p;
}

/* Non-zero when c may follow a '<' that opens markup: a name, an end
 * tag, a comment, CDATA or declaration, a processing instruction. */
static int
markup_start(char c)
{
	return isalpha((unsigned char)c) || c == '_' || c == ':' || c == '/' ||
	    c == '!' || c == '?' || (unsigned char)c >= 0x80;
}

/* Scanning a start tag from p (outside quotes): where its next unquoted
 * attribute value starts (just past the '=' and blanks), or NULL; *stop
 * gets where the tag ends (its '>', the next '<' or the end). */
static const char *
unquoted_scan(const char *p, const char *end, const char **stop)
{
	const char *q;
	char quote = '\0';

	for (; p < end && *p != '<'; p++) {
		if (quote != '\0') {
			if (*p == quote)
				quote = '\0';
		} else if (*p == '"' || *p == '\'') {
			quote = *p;
		} else if (*p == '>') {
			break;
		} else if (*p == '=') {
			for (q = p + 1; q < end && (*q == ' ' || *q == '\t'); q++)
				;
			if (q < end && *q != '"' && *q != '\'' && *q != '>' &&
			    *q != '<')
				return q;
		}
	}
	*stop = p;
	return NULL;
}

/* Where an unquoted value starting at v ends. */
static const char *
unquoted_end(const char *v, const char *end)
{
	while (v < end && !isspace((unsigned char)*v) && *v != '>' &&
	    *v != '<' && !(*v == '/' && v + 1 < end && v[1] == '>'))
		v++;
	return v;
}

/* The unquoted value v..e, quoted. */
static void
repair_value(struct repair *r, const char *v, const char *e)
{
	size_t n;

	buf_addc(&r->out, '"');
	while (v < e) {
		if (*v == '&') {
			n = reference_len(v, e);
			repair_reference(r, v, n);
			v += n > 0 ? n : 1;
			continue;
		}
		if (*v == '"')
			buf_addstr(&r->out, "&#34;");
		else
			buf_addc(&r->out, *v);
		v++;
	}
	buf_addc(&r->out, '"');
}

/* The start tag at s with its unquoted attribute values (HTML's
 * version=2.0) quoted; returns where the input goes on, or NULL for a
 * tag without one, left to the caller. */
static const char *
repair_unquoted(struct repair *r, const char *s)
{
	const char *p = s, *v, *e, *stop;

	if (!isalpha((unsigned char)s[1]) ||
	    unquoted_scan(s + 1, r->end, &stop) == NULL)
		return NULL;
	feed_doc_bozo(r->doc, "attribute value without quotes");
	while ((v = unquoted_scan(p + (p == s), r->end, &stop)) != NULL) {
		repair_text(r, p, v);
		e = unquoted_end(v, r->end);
		repair_value(r, v, e);
		p = e;
	}
	repair_text(r, p, stop);
	if (stop < r->end && *stop == '>') {
		buf_addc(&r->out, '>');
		stop++;
	}
	return stop;
}

/* Non-zero when some tag of s has more attributes than FEED_MAX_ATTRS,
 * which libxml2 must never see (markup sections are scanned as tags too:
 * a false alarm only costs the repair pass). */
static int
too_many_attrs(const char *s, size_t len)
{
	const char *p = s, *end = s + len, *next, *stop;

	p = memchr(p, '<', len);
	while (p != NULL) {
		/* A tag ends before the next '<': only a stretch of more than
		 * FEED_MAX_ATTRS bytes can hold too many '='. */
		next = memchr(p + 1, '<', (size_t)(end - p - 1));
		if ((next != NULL ? next : end) - p > FEED_MAX_ATTRS &&
		    tag_scan(p, end, &stop) != NULL)
			return 1;
		p = next;
	}
	return 0;
}

/* A copy of the document with its references repaired (see the top of
 * the file).  Comments, CDATA, processing instructions and the DOCTYPE are
 * copied as they are. */
static char *
xml_repair(struct feed_doc *doc, const char *s, size_t len, size_t *outlen)
{
	struct repair r;
	const char *p = s, *e;
	size_t n;

	memset(&r, 0, sizeof r);
	r.doc = doc;
	r.end = s + len;
	buf_init(&r.out, 0);
	buf_add(&r.out, "", 0);
	while (p < r.end) {
		if (*p == '<' && (e = section_end(p, r.end)) != NULL) {
			if (r.dtd == NULL && p[2] == 'D') {
				r.dtd = p;
				r.dtd_len = e - p;
			}
			buf_add(&r.out, p, e - p);
			p = e;
		} else if (*p == '<' && (e = repair_tag(&r, p)) != NULL) {
			p = e;
		} else if (*p == '<' && (e = repair_unquoted(&r, p)) != NULL) {
			p = e;
		} else if (*p == '<' && !markup_start(p[1])) {
			/* "a < b": a '<' that opens no markup is text. */
			buf_addstr(&r.out, "&#60;");
			feed_doc_bozo(doc, "unescaped '<'");
			p++;
		} else if (*p == '&') {
			n = reference_len(p, r.end);
			repair_reference(&r, p, n);
			p += n > 0 ? n : 1;
		} else {
			n = strcspn(p + 1, "<&") + 1;
			buf_add(&r.out, p, n);
			p += n;
		}
	}
	*outlen = r.out.len;
	return buf_detach(&r.out);
}

/* The first attempt at a document (see feed_xmlread()). */
struct attempt {
	xmlParserCtxtPtr ctxt;
	int	 failed;	/* an error, or a DOCTYPE */
};

/* Give the attempt up: libxml2's push loop stops at its next step when
 * SAX is off and an error is recorded (as after a fatal error outside
 * recover mode), without freeing anything under the parser's feet. */
static void
attempt_fail(struct attempt *a)
{
	a->failed = 1;
	if (a->ctxt == NULL)
		return;
	a->ctxt->disableSAX = 1;
	if (a->ctxt->errNo == XML_ERR_OK)
		a->ctxt->errNo = XML_ERR_USER_STOP;
}

/* The structured error handler of the first attempt. */
static void
attempt_error(void *ctx, xmlErrorPtr e)
{
	if (e != NULL && e->domain != XML_FROM_HTML &&
	    e->level >= XML_ERR_ERROR)
		attempt_fail(ctx);
}

/* The SAX handler of a DOCTYPE in the first attempt. */
static void
attempt_doctype(void *ctx, const xmlChar *name, const xmlChar *external_id,
    const xmlChar *system_id)
{
	xmlParserCtxtPtr ctxt = ctx;

	(void)name;
	(void)external_id;
	(void)system_id;
	attempt_fail(ctxt->_private);
}

/* libxml2 over len bytes of UTF-8 at s; a is the first attempt, or NULL.
 * The push parser, given the document in large pieces: it reads a CDATA
 * section in blocks where the pull parser (xmlReadMemory) goes a
 * character at a time. */
static xmlDocPtr
xmlread_run(const char *s, size_t len, const char *url, struct attempt *a)
{
	const int options = XML_PARSE_RECOVER | XML_PARSE_NONET |
	    XML_PARSE_IGNORE_ENC | XML_PARSE_NOWARNING | XML_PARSE_NOERROR |
	    XML_PARSE_COMPACT;
	xmlParserCtxtPtr ctxt;
	xmlDocPtr xdoc;

	if (len > INT32_MAX)
		return NULL;
	ctxt = xmlCreatePushParserCtxt(NULL, NULL, NULL, 0, url);
	if (ctxt == NULL)
		return NULL;
	xmlCtxtUseOptions(ctxt, options);
	/* The encoding is UTF-8 by now, whatever the declaration says. */
	xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
	if (a != NULL) {
		a->ctxt = ctxt;
		ctxt->_private = a;
		ctxt->sax->internalSubset = attempt_doctype;
	}
	/* In pieces: libxml2 halts a push parser that has more than
	 * XML_MAX_LOOKUP_LIMIT bytes ahead of it. */
	while (len > XMLREAD_CHUNK && (a == NULL || !a->failed)) {
		xmlParseChunk(ctxt, s, XMLREAD_CHUNK, 0);
		s += XMLREAD_CHUNK;
		len -= XMLREAD_CHUNK;
	}
	if (a == NULL || !a->failed)
		xmlParseChunk(ctxt, s, (int)len, 1);
	xdoc = ctxt->myDoc;
	ctxt->myDoc = NULL;
	if (a != NULL)
		a->ctxt = NULL;
	xmlFreeParserCtxt(ctxt);
	return xdoc;
}

/* The document as it is, when libxml2 reads it without a single error
 * and it has no DOCTYPE: then the repair pass would change nothing that
 * matters (predefined references read the same either way), and the
 * copy is saved.  NULL when the repair pass is needed; the attempt stops
 * at the first error, so a malformed document costs little more. */
static xmlDocPtr
xmlread_clean(const char *s, size_t len, const char *url)
{
	xmlStructuredErrorFunc fn = xmlStructuredError;
	void *ctx = xmlStructuredErrorContext;
	struct attempt a = { NULL, 0 };
	xmlDocPtr xdoc;

	if (too_many_attrs(s, len))
		return NULL;
	xmlSetStructuredErrorFunc(&a, attempt_error);
	xdoc = xmlread_run(s, len, url, &a);
	xmlSetStructuredErrorFunc(ctx, fn);
	if (xdoc != NULL && (a.failed || xdoc->intSubset != NULL)) {
		xmlFreeDoc(xdoc);
		xdoc = NULL;
	}
	return xdoc;
}

/* How many bytes of junk stand before the document proper: a server's
 * warnings printed ahead of the feed ("<b>Warning</b>: ... on line 3"),
 * stray text.  An XML declaration is only ever at the start, so one in
 * the first bytes that no feed element comes before is where the
 * document starts; without one, text before the first '<' is junk.
 * 0 for a document that starts as documents do. */
static size_t
junk_len(const char *s, size_t len)
{
	static const char *const roots[] = { "<rss", "<feed", "<rdf:RDF",
	    "<RDF", "<channel" };
	size_t head = len < 4096 ? len : 4096, i, lead;
	const char *decl, *root;

	decl = memmem(s, head, "<?xml", 5);
	if (decl != NULL && decl > s) {
		for (i = 0; i < nitems(roots); i++) {
			root = memmem(s, (size_t)(decl - s), roots[i],
			    strlen(roots[i]));
			if (root != NULL)
				return 0;
		}
		return (size_t)(decl - s);
	}
	lead = strspn(s, " \t\r\n");
	if (decl == NULL && lead < len && s[lead] != '<') {
		root = memchr(s, '<', head);
		return root != NULL ? (size_t)(root - s) : 0;
	}
	return 0;
}

xmlDocPtr
feed_xmlread(const char *utf8, size_t len, const char *url,
    struct feed_doc *doc)
{
	xmlDocPtr xdoc;
	char *copy, *fixed;
	size_t skip;

	/* White space before the XML declaration would make libxml2 give up
	 * on the declaration; feeds with it are common enough to forgive. */
	for (skip = 0; skip < len && strchr(" \t\r\n", utf8[skip]) != NULL &&
	    utf8[skip] != '\0'; skip++)
		;
	/* Nothing at all is no document (and no error of libxml2's). */
	if (skip == len)
		return NULL;
	if (skip > 0 && len - skip >= 5 && memcmp(utf8 + skip, "<?xml", 5) == 0) {
		feed_doc_bozo(doc, "white space before the XML declaration");
		utf8 += skip;
		len -= skip;
	} else if ((skip = junk_len(utf8, len)) > 0) {
		feed_doc_bozo(doc, "text before the document dropped");
		utf8 += skip;
		len -= skip;
	}
	if ((xdoc = xmlread_clean(utf8, len, url)) != NULL)
		return xdoc;
	/* The repair pass reads a NUL-terminated string. */
	copy = xmalloc(len + 1);
	memcpy(copy, utf8, len);
	copy[len] = '\0';
	fixed = xml_repair(doc, copy, len, &len);
	free(copy);
	xdoc = xmlread_run(fixed, len, url, NULL);
	free(fixed);
	return xdoc;
}
