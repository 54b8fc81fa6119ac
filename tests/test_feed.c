/*
 * test_feed.c - the feed parser on small documents written here: element
 * mapping per format and namespace, HTTP charset precedence, the limits,
 * not-a-feed errors and the JSON output.  The golden files under
 * tests/parse/ cover whole documents; these cover the rules one by one.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "hearsay/buf.h"
#include "hearsay/date.h"
#include "hearsay/feed.h"
#include "hearsay/util.h"

static struct feed_doc *
parse_opts(const char *s, size_t len, const struct feed_parse_opts *opts)
{
	char *err = NULL;
	struct feed_doc *doc = feed_parse(s, len, opts, &err);

	if (doc == NULL)
		fail_msg("not parsed: %s", err);
	assert_null(err);
	return doc;
}

static struct feed_doc *
parse_str(const char *s)
{
	return parse_opts(s, strlen(s), NULL);
}

/* One document, one field, the value it must have. */
struct field_case {
	const char *doc;
	const char *field;	/* "title", "item.link", ... */
	const char *want;	/* NULL: the field must be missing */
	int	 bozo;
};

#define RSS(x) "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"" \
	" xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel>" x "</channel></rss>"
#define ATOM(x) "<feed xmlns=\"http://www.w3.org/2005/Atom\">" x "</feed>"
#define JF(x) "{\"version\": \"https://jsonfeed.org/version/1.1\", " x "}"

static const struct field_case field_cases[] = {
	/* Plain-text titles: entities decoded, tags stripped, space collapsed. */
	{ RSS("<title> a\n  b </title>"), "title", "a b", 0 },
	{ RSS("<title>&lt;b&gt;bold&lt;/b&gt; move</title>"), "title", "bold move", 0 },
	{ RSS("<title>AT&amp;T</title>"), "title", "AT&T", 0 },
	{ ATOM("<title type=\"text\">a &lt;b&gt; c</title>"), "title", "a <b> c", 0 },
	{ ATOM("<title type=\"html\">x &amp;amp; y</title>"), "title", "x & y", 0 },
	/* Titles and authors are plain text however the markup is written:
	 * as references, as CDATA, as elements, escaped twice.  After the
	 * XML's and the HTML's decoding, what still holds tags of HTML
	 * elements is made plain text again; brackets around names HTML does
	 * not have ("a <description> element") are text. */
	{ RSS("<item><title>&lt;b&gt;Bold&lt;/b&gt; news</title></item>"),
	    "item.title", "Bold news", 0 },
	{ RSS("<item><title><![CDATA[<b>Bold</b> news]]></title></item>"),
	    "item.title", "Bold news", 0 },
	{ RSS("<item><title><![CDATA[Q&amp;A <i>today</i>]]></title></item>"),
	    "item.title", "Q&A today", 0 },
	{ RSS("<item><title>&lt;script&gt;alert(1)&lt;/script&gt;News</title>"
	    "</item>"), "item.title", "News", 0 },
	{ RSS("<item><title>&amp;lt;b&amp;gt;Bold&amp;lt;/b&amp;gt; news</title>"
	    "</item>"), "item.title", "Bold news", 0 },
	{ RSS("<item><title>a &lt;description&gt; element</title></item>"),
	    "item.title", "a <description> element", 0 },
	{ RSS("<item><title>&amp;lt;channel&amp;gt; &amp;amp; &amp;lt;item&amp;gt;"
	    "</title></item>"), "item.title", "<channel> & <item>", 0 },
	{ RSS("<item><title>&amp;lt;b&amp;gt;x&amp;lt;/b&amp;gt; in &amp;lt;item"
	    "&amp;gt;</title></item>"), "item.title", "x in <item>", 0 },
	{ RSS("<item><title>Why &lt;br&gt; is void</title></item>"),
	    "item.title", "Why is void", 0 },
	{ RSS("<item><title>1 &lt; 2 &amp;&amp; 3 &gt; 2</title></item>"),
	    "item.title", "1 < 2 && 3 > 2", 0 },
	{ RSS("<item><dc:creator>&amp;lt;b&amp;gt;Ann&amp;lt;/b&amp;gt;</dc:creator>"
	    "</item>"), "item.author", "Ann", 0 },
	{ RSS("<item><title>AT&amp;amp;T it&amp;#8217;s</title></item>"),
	    "item.title", "AT&T it\xe2\x80\x99s", 0 },
	{ ATOM("<entry><title type=\"html\">&lt;b&gt;Bold&lt;/b&gt; news</title>"
	    "</entry>"), "item.title", "Bold news", 0 },
	{ ATOM("<entry><title type=\"html\"><![CDATA[<b>Bold</b> news]]>"
	    "</title></entry>"), "item.title", "Bold news", 0 },
	{ ATOM("<entry><title type=\"xhtml\"><div xmlns=\"http://www.w3.org/"
	    "1999/xhtml\"><b>Bold</b> news</div></title></entry>"),
	    "item.title", "Bold news", 0 },
	{ ATOM("<entry><title type=\"html\">&amp;lt;b&amp;gt;Bold&amp;lt;/b"
	    "&amp;gt; news</title></entry>"), "item.title", "Bold news", 0 },
	/* Atom text is text (RFC 4287 3.1.1.1): its "<b>" is two characters. */
	{ ATOM("<entry><title>&lt;b&gt;Bold&lt;/b&gt; news</title></entry>"),
	    "item.title", "<b>Bold</b> news", 0 },
	{ RSS("<item><author>&lt;i&gt;Ann&lt;/i&gt; Lee</author></item>"),
	    "item.author", "Ann Lee", 0 },
	{ RSS("<item><dc:creator><![CDATA[<b>Ann</b> Lee]]></dc:creator></item>"),
	    "item.author", "Ann Lee", 0 },
	/* An Atom name is no text construct, and feeds write HTML in it. */
	{ ATOM("<entry><author><name>&lt;b&gt;Ann&lt;/b&gt; Lee</name></author>"
	    "</entry>"), "item.author", "Ann Lee", 0 },
	{ ATOM("<author><name>Fran&amp;ccedil;ois</name></author>"), "author",
	    "Fran\xc3\xa7ois", 0 },
	{ ATOM("<author><name>Tom &lt;tom@e.x&gt;</name></author>"), "author",
	    "Tom <tom@e.x>", 0 },
	/* JSON Feed titles and names, the same way. */
	{ JF("\"title\": \"Blog &#8211; Notes\", \"items\": []"), "title",
	    "Blog \xe2\x80\x93 Notes", 0 },
	{ JF("\"items\": [{\"id\": \"1\", \"title\": \"<b>Bold</b> news\","
	    " \"authors\": [{\"name\": \"<i>Ann</i> Lee\"}]}]"), "item.title",
	    "Bold news", 0 },
	{ JF("\"items\": [{\"id\": \"1\", \"title\": \"x\","
	    " \"authors\": [{\"name\": \"<i>Ann</i> Lee\"}]}]"), "item.author",
	    "Ann Lee", 0 },
	{ JF("\"items\": [{\"id\": \"1\", \"title\": \"1 < 2 & 3 > 2\"}]"),
	    "item.title", "1 < 2 & 3 > 2", 0 },
	/* Text encoded to UTF-8 twice is decoded once more, in JSON too. */
	{ JF("\"title\": \"Caf\xc3\x83\xc2\xa9\", \"items\": []"), "title",
	    "Caf\xc3\xa9", 1 },
	{ JF("\"title\": \"\xc2\xabgro\xc3\x9f\xc2\xbb\", \"items\": []"), "title",
	    "\xc2\xabgro\xc3\x9f\xc2\xbb", 0 },
	/* Empty is missing; an empty author leaves room for dc:creator. */
	{ RSS("<item><author></author><dc:creator>Dee</dc:creator></item>"),
	    "item.author", "Dee", 0 },
	{ RSS("<item><title> </title><link/></item>"), "item.title", NULL, 0 },
	{ RSS("<item><title>x</title><link/></item>"), "item.link", NULL, 0 },
	{ JF("\"items\": [{\"id\": \"1\", \"title\": \"\"}]"), "item.title",
	    NULL, 0 },
	/* Namespaces as feeds spell them, names in another case. */
	{ "<rss xmlns:c=\"http://purl.org/rss/1.0/modules/content\"><channel>"
	    "<item><c:encoded>&lt;p&gt;x</c:encoded></item></channel></rss>",
	    "item.content", "<p>x", 0 },
	{ "<rss xmlns:dc=\"HTTPS://PURL.ORG/DC/ELEMENTS/1.1\"><channel><item>"
	    "<dc:creator>Dee</dc:creator></item></channel></rss>",
	    "item.author", "Dee", 0 },
	{ "<rss xmlns:dc=\"http://example.org/dc-ish/\"><channel><item>"
	    "<dc:creator>Dee</dc:creator></item></channel></rss>",
	    "item.author", "Dee", 0 },
	{ "<rss xmlns:x=\"http://example.org/dc-ish/\"><channel><item>"
	    "<x:creator>Dee</x:creator></item></channel></rss>",
	    "item.author", NULL, 0 },
	{ RSS("<item><PubDate>Sat, 07 Sep 2002 00:00:01 GMT</PubDate></item>"),
	    "item.published", "2002-09-07T00:00:01Z", 0 },
	/* Identity: rdf:about, an http atom:id for a missing link. */
	{ "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\""
	    " xmlns=\"http://purl.org/rss/1.0/\"><item rdf:about=\"http://e.x/1\">"
	    "<title>x</title></item></rdf:RDF>", "item.id", "http://e.x/1", 0 },
	{ ATOM("<entry><id>http://e.x/1</id></entry>"), "item.link",
	    "http://e.x/1", 0 },
	{ ATOM("<entry><id>urn:x:1</id></entry>"), "item.link", NULL, 0 },
	/* Authors: the feed's apply in Atom and JSON Feed, not in RSS. */
	{ ATOM("<author><name>Ann</name></author><entry><id>1</id></entry>"),
	    "item.author", "Ann", 0 },
	{ RSS("<managingEditor>Ann</managingEditor><item><title>x</title></item>"),
	    "item.author", NULL, 0 },
	{ JF("\"author\": {\"name\": \"Ann\"}, \"items\": [{\"id\": \"1\"}]"),
	    "item.author", "Ann", 0 },
	{ RSS("<item><author><name>Ann Lee</name><title>Editor</title></author>"
	    "</item>"), "item.author", "Ann Lee", 0 },
	/* RSS element beats its Dublin Core twin, whichever comes first. */
	{ RSS("<dc:title>dc</dc:title><title>rss</title>"), "title", "rss", 0 },
	{ RSS("<dc:creator>Dee</dc:creator>"), "author", "Dee", 0 },
	/* An alternate HTML link beats a typed one and the self link. */
	{ ATOM("<link rel=\"self\" href=\"http://e.x/self\"/>"
	    "<link type=\"application/rss+xml\" href=\"http://e.x/rss\"/>"
	    "<link rel=\"alternate\" type=\"text/html\" href=\"http://e.x/\"/>"),
	    "link", "http://e.x/", 0 },
	/* A rel in another case, or as its IANA URI, is the same rel. */
	{ ATOM("<entry><link rel=\"ALTERNATE\" href=\"http://e.x/a\"/></entry>"),
	    "item.link", "http://e.x/a", 0 },
	{ ATOM("<entry><link rel=\"http://www.iana.org/assignments/relation/"
	    "enclosure\" href=\"http://e.x/a.mp3\"/></entry>"),
	    "item.enclosure", "http://e.x/a.mp3", 0 },
	/* atom:link in RSS only when there is no RSS link. */
	{ RSS("<atom:link href=\"http://e.x/a\"/><link>http://e.x/r</link>"),
	    "link", "http://e.x/r", 0 },
	{ RSS("<atom:link href=\"http://e.x/a\"/>"), "link", "http://e.x/a", 0 },
	/* xml:base applies to links, resolved by RFC 3986. */
	{ ATOM("<entry xml:base=\"http://e.x/a/b/\"><link href=\"../c\"/></entry>"),
	    "item.link", "http://e.x/a/c", 0 },
	/* guid as link only when it is a permalink. */
	{ RSS("<item><guid>http://e.x/1</guid></item>"), "item.link", "http://e.x/1", 0 },
	{ RSS("<item><guid isPermaLink=\"false\">http://e.x/1</guid></item>"),
	    "item.link", NULL, 0 },
	/* Dates: unparseable is missing, never invented. */
	{ RSS("<item><pubDate>soon</pubDate></item>"), "item.published", NULL, 0 },
	{ RSS("<item><pubDate>Sat, 07 Sep 2002 00:00:01 GMT</pubDate></item>"),
	    "item.published", "2002-09-07T00:00:01Z", 0 },
	{ RSS("<item><dc:date>2002-09-07T02:00:01+02:00</dc:date></item>"),
	    "item.updated", "2002-09-07T00:00:01Z", 0 },
	/* Atom text content is escaped into HTML; html is kept as given. */
	{ ATOM("<entry><content type=\"text\">1 &lt; 2</content></entry>"),
	    "item.content", "1 &lt; 2", 0 },
	{ ATOM("<entry><content type=\"html\">&lt;p&gt;x&lt;/p&gt;</content></entry>"),
	    "item.content", "<p>x</p>", 0 },
	/* Undefined HTML entity: decoded, and bozo. */
	{ RSS("<title>caf&eacute;</title>"), "title", "caf\xc3\xa9", 1 },
	/* Undeclared prefix: bozo, still read by its conventional meaning. */
	{ RSS("<item><media:content url=\"http://e.x/v.mp4\"/></item>"),
	    "item.enclosure", "http://e.x/v.mp4", 1 },
	/* The same references whether the document is well formed (read as
	 * it is) or not (read after the repair pass). */
	{ RSS("<link>http://e.x/?a=1&amp;b=&#50;</link>"), "link",
	    "http://e.x/?a=1&b=2", 0 },
	{ RSS("<title>x & y</title><link>http://e.x/?a=1&amp;b=&#50;</link>"),
	    "link", "http://e.x/?a=1&b=2", 1 },
	{ RSS("<item><description><![CDATA[<p>caf\xc3\xa9 &amp;</p>]]>"
	    "</description></item>"), "item.summary", "<p>caf\xc3\xa9 &amp;</p>", 0 },
	{ RSS("<item><description><![CDATA[<p>a]]>&lt;b&gt;</description>"
	    "</item><title>&bogus;</title>"), "item.summary", "<p>a<b>", 1 },
	/* iTunes author only stands in for a missing author. */
	{ "<rss xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\"><channel>"
	    "<itunes:author>I</itunes:author><managingEditor>M</managingEditor>"
	    "</channel></rss>", "author", "M", 0 },
};

static char *
field_get(const struct feed_doc *doc, const char *field)
{
	const struct feed_item *it = doc->n_items > 0 ? &doc->items[0] : NULL;
	char iso[32];
	int64_t t = FEED_NO_DATE;

	if (strcmp(field, "title") == 0)
		return xstrdup(doc->title);
	if (strcmp(field, "link") == 0)
		return xstrdup(doc->link);
	if (strcmp(field, "author") == 0)
		return xstrdup(doc->author);
	if (strcmp(field, "image") == 0)
		return xstrdup(doc->image);
	if (strcmp(field, "updated") == 0)
		t = doc->updated;
	if (strcmp(field, "updated") == 0 && t == FEED_NO_DATE)
		return NULL;
	if (strcmp(field, "updated") == 0) {
		date_format_iso(t, iso, sizeof iso);
		return xstrdup(iso);
	}
	assert_non_null(it);
	if (strcmp(field, "item.id") == 0)
		return xstrdup(it->id);
	if (strcmp(field, "item.title") == 0)
		return xstrdup(it->title);
	if (strcmp(field, "item.author") == 0)
		return xstrdup(it->author);
	if (strcmp(field, "item.link") == 0)
		return xstrdup(it->link);
	if (strcmp(field, "item.content") == 0)
		return xstrdup(it->content);
	if (strcmp(field, "item.summary") == 0)
		return xstrdup(it->summary);
	if (strcmp(field, "item.enclosure") == 0)
		return it->n_enclosures > 0 ? xstrdup(it->enclosures[0].url) : NULL;
	if (strcmp(field, "item.published") == 0)
		t = it->published;
	else if (strcmp(field, "item.updated") == 0)
		t = it->updated;
	else
		fail_msg("unknown field %s", field);
	if (t == FEED_NO_DATE)
		return NULL;
	date_format_iso(t, iso, sizeof iso);
	return xstrdup(iso);
}

static void
test_field_table(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < nitems(field_cases); i++) {
		const struct field_case *c = &field_cases[i];
		struct feed_doc *doc = parse_str(c->doc);
		char *got = field_get(doc, c->field);

		if (c->want == NULL && got != NULL)
			fail_msg("case %zu: %s should be missing, got '%s'", i,
			    c->field, got);
		if (c->want != NULL && (got == NULL || strcmp(got, c->want) != 0))
			fail_msg("case %zu: %s: want '%s', got '%s'", i, c->field,
			    c->want, got != NULL ? got : "(null)");
		if (doc->bozo != c->bozo)
			fail_msg("case %zu: bozo %d, want %d", i, doc->bozo, c->bozo);
		free(got);
		feed_doc_free(doc);
	}
}

/* A link that is not http, https or relative, wherever it stands and
 * however it is written: the field is missing (null), the document bozo,
 * and its reason names the field and why. */
struct link_case {
	const char *doc;
	const char *base;	/* the document's URL, or NULL */
	const char *field;
	const char *want;	/* NULL: the field must be missing */
	const char *reason;	/* in bozo_reason; NULL: not bozo */
};

static const struct link_case link_cases[] = {
	/* Every field that holds a link. */
	{ RSS("<link>javascript:alert(1)</link>"), NULL, "link", NULL,
	    "feed.link dropped: scheme javascript: is not http or https" },
	{ RSS("<image><url>data:image/png;base64,AAAA</url></image>"), NULL,
	    "image", NULL, "feed.image dropped: scheme data:" },
	{ RSS("<item><link>vbscript:msgbox(1)</link></item>"), NULL,
	    "item.link", NULL, "items[0].link dropped: scheme vbscript:" },
	{ RSS("<item><enclosure url=\"file:///etc/passwd\" type=\"a/b\"/>"
	    "</item>"), NULL, "item.enclosure", NULL,
	    "items[0].enclosures dropped: scheme file:" },
	{ RSS("<item><m:content xmlns:m=\"http://search.yahoo.com/mrss/\""
	    " url=\"ssh://h/x\"/></item>"), NULL, "item.enclosure", NULL,
	    "items[0].enclosures dropped" },
	{ ATOM("<logo>javascript:alert(1)</logo>"), NULL, "image", NULL,
	    "feed.image dropped" },
	{ ATOM("<entry><link href=\"javascript:alert(1)\"/></entry>"), NULL,
	    "item.link", NULL, "items[0].link dropped" },
	{ ATOM("<entry><link rel=\"enclosure\" href=\"data:,x\"/></entry>"),
	    NULL, "item.enclosure", NULL, "items[0].enclosures dropped" },
	{ "<rss xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\">"
	    "<channel><itunes:image href=\"file:///x.png\"/></channel></rss>",
	    NULL, "image", NULL, "feed.image dropped" },
	/* Any letter case, white space and controls around and inside. */
	{ RSS("<item><link> JaVaScRiPt:alert(1)</link></item>"), NULL,
	    "item.link", NULL, "scheme JaVaScRiPt:" },
	{ RSS("<item><link>java&#9;script:alert(1)</link></item>"), NULL,
	    "item.link", NULL, "items[0].link dropped" },
	{ ATOM("<entry><link href=\"java&#x0A;scr&#x0D;ipt:alert(1)\"/>"
	    "</entry>"), NULL, "item.link", NULL, "scheme javascript:" },
	{ ATOM("<entry><link href=\"java&#x7f;script:alert(1)\"/></entry>"),
	    NULL, "item.link", NULL, "no scheme" },
	{ RSS("<item><link>&#x200B;javascript:alert(1)</link></item>"), NULL,
	    "item.link", NULL, "no scheme" },
	/* Judged after resolution: against xml:base and the document URL. */
	{ ATOM("<entry xml:base=\"javascript:alert(1)//\"><link href=\"x\"/>"
	    "</entry>"), NULL, "item.link", NULL, "items[0].link dropped" },
	{ RSS("<item xml:base=\"file:///etc/\"><enclosure url=\"passwd\"/>"
	    "</item>"), NULL, "item.enclosure", NULL, "scheme file:" },
	{ RSS("<item><link>story.html</link></item>"), "file:///home/me/f.xml",
	    "item.link", NULL, "scheme file:" },
	{ RSS("<item><link>story.html</link></item>"), "http://e.x/f/a.xml",
	    "item.link", "http://e.x/f/story.html", NULL },
	{ ATOM("<entry xml:base=\"http://e.x/a/\"><link href=\"b\"/></entry>"),
	    "file:///tmp/f.xml", "item.link", "http://e.x/a/b", NULL },
	/* With no base at all, a relative link stays as given: it names no
	 * scheme, so nothing can run it. */
	{ RSS("<item><link>/story/1</link></item>"), NULL, "item.link",
	    "/story/1", NULL },
	/* A dropped link leaves room for the next best one. */
	{ RSS("<link>javascript:x</link><atom:link href=\"http://e.x/a\"/>"),
	    NULL, "link", "http://e.x/a", "feed.link dropped" },
	/* An id is a name, not a link: kept, but never made the link. */
	{ RSS("<item><guid>javascript:alert(1)</guid></item>"), NULL,
	    "item.link", NULL, NULL },
	{ RSS("<item><guid>javascript:alert(1)</guid></item>"), NULL,
	    "item.id", "javascript:alert(1)", NULL },
	{ ATOM("<entry><id>tag:e.x,2003:1</id></entry>"), NULL, "item.id",
	    "tag:e.x,2003:1", NULL },
	{ RSS("<item><link>HTTPS://e.x/ok</link></item>"), NULL, "item.link",
	    "HTTPS://e.x/ok", NULL },
	/* JSON Feed: the same fields, the same judge. */
	{ JF("\"home_page_url\": \"javascript:alert(1)\", \"items\": []"),
	    NULL, "link", NULL, "feed.link dropped: scheme javascript:" },
	{ JF("\"icon\": \"data:,x\", \"favicon\": \"http://e.x/i.png\","
	    " \"items\": []"), NULL, "image", "http://e.x/i.png",
	    "feed.image dropped" },
	{ JF("\"items\": [{\"id\": \"1\", \"url\": \" JaVaScRiPt:x\"}]"),
	    NULL, "item.link", NULL, "items[0].link dropped" },
	{ JF("\"items\": [{\"id\": \"1\", \"url\": \"java\\tscript:x\","
	    " \"external_url\": \"https://e.x/1\"}]"), NULL, "item.link",
	    "https://e.x/1", "items[0].link dropped" },
	{ JF("\"items\": [{\"id\": \"1\", \"attachments\": [{\"url\":"
	    " \"file:///etc/passwd\"}]}]"), NULL, "item.enclosure", NULL,
	    "items[0].enclosures dropped: scheme file:" },
	{ JF("\"items\": [{\"id\": \"1\", \"url\": \"a/b\"}]"),
	    "file:///srv/feed.json", "item.link", NULL, "scheme file:" },
};

static void
test_link_table(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < nitems(link_cases); i++) {
		const struct link_case *c = &link_cases[i];
		struct feed_parse_opts opts = { c->base, NULL, NULL };
		struct feed_doc *doc = parse_opts(c->doc, strlen(c->doc), &opts);
		char *got = field_get(doc, c->field);

		if (c->want == NULL && got != NULL)
			fail_msg("case %zu: %s should be missing, got '%s'", i,
			    c->field, got);
		if (c->want != NULL && (got == NULL || strcmp(got, c->want) != 0))
			fail_msg("case %zu: %s: want '%s', got '%s'", i, c->field,
			    c->want, got != NULL ? got : "(null)");
		if (c->reason == NULL && doc->bozo)
			fail_msg("case %zu: bozo: %s", i, doc->bozo_reason);
		if (c->reason != NULL && (doc->bozo_reason == NULL ||
		    strstr(doc->bozo_reason, c->reason) == NULL || !doc->bozo))
			fail_msg("case %zu: bozo_reason '%s', want '%s' in it", i,
			    doc->bozo_reason != NULL ? doc->bozo_reason : "(null)",
			    c->reason);
		free(got);
		feed_doc_free(doc);
	}
}

/* The HTTP charset outranks the XML declaration; a BOM outranks both. */
static void
test_http_charset(void **state)
{
	static const char latin[] = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
	    "<rss><channel><title>caf\xe9 \x93q\x94</title></channel></rss>";
	static const char bom[] = "\xef\xbb\xbf<rss><channel><title>\xc3\xa9"
	    "</title></channel></rss>";
	struct feed_parse_opts opts = { NULL, "ISO-8859-1", NULL };
	struct feed_doc *doc;

	(void)state;
	doc = parse_opts(latin, sizeof latin - 1, &opts);
	assert_string_equal(doc->title, "caf\xc3\xa9 \xe2\x80\x9cq\xe2\x80\x9d");
	assert_int_equal(doc->bozo, 0);
	feed_doc_free(doc);

	/* The charset parameter of a full Content-Type works the same. */
	opts.http_charset = NULL;
	opts.content_type = "application/rss+xml; charset=\"windows-1252\"";
	doc = parse_opts(latin, sizeof latin - 1, &opts);
	assert_string_equal(doc->title, "caf\xc3\xa9 \xe2\x80\x9cq\xe2\x80\x9d");
	feed_doc_free(doc);

	/* Without it, the declaration says UTF-8 and the bytes are not:
	 * those bytes are windows-1252, and the document bozo. */
	doc = parse_opts(latin, sizeof latin - 1, NULL);
	assert_int_equal(doc->bozo, 1);
	assert_string_equal(doc->title, "caf\xc3\xa9 \xe2\x80\x9cq\xe2\x80\x9d");
	feed_doc_free(doc);

	opts.content_type = NULL;
	opts.http_charset = "iso-8859-1";
	doc = parse_opts(bom, sizeof bom - 1, &opts);
	assert_string_equal(doc->title, "\xc3\xa9");
	feed_doc_free(doc);
}

/* A document that names no encoding and is not UTF-8: windows-1252 as a
 * whole, unless its UTF-8 sequences outnumber the stray bytes; one that
 * says UTF-8 keeps its UTF-8. */
static void
test_undeclared_encoding(void **state)
{
	/* "e-acute, no-break space, >>" is also a valid UTF-8 sequence. */
	static const char latin[] = "<rss><channel><title>dou\xe9\xa0\xbb "
	    "\x93q\x94</title></channel></rss>";
	static const char mixed[] = "<rss><channel><title>d\xc3\xa9j\xc3\xa0 "
	    "5\x80</title></channel></rss>";
	static const char declared[] = "<?xml version=\"1.0\" encoding="
	    "\"UTF-8\"?><rss><channel><title>caf\xe9 \xc3\xa9t\xc3\xa9 "
	    "\xe2\x82</title></channel></rss>";
	struct feed_doc *doc;

	(void)state;
	doc = parse_opts(latin, sizeof latin - 1, NULL);
	assert_string_equal(doc->title,
	    "dou\xc3\xa9\xc2\xa0\xc2\xbb \xe2\x80\x9cq\xe2\x80\x9d");
	assert_true(doc->bozo);
	assert_non_null(strstr(doc->bozo_reason, "windows-1252"));
	feed_doc_free(doc);

	doc = parse_opts(mixed, sizeof mixed - 1, NULL);
	assert_string_equal(doc->title, "d\xc3\xa9j\xc3\xa0 5\xe2\x82\xac");
	assert_true(doc->bozo);
	feed_doc_free(doc);

	/* A document that says UTF-8 is UTF-8 where it is: a stray byte is
	 * windows-1252, a character cut short U+FFFD. */
	doc = parse_opts(declared, sizeof declared - 1, NULL);
	assert_string_equal(doc->title, "caf\xc3\xa9 \xc3\xa9t\xc3\xa9 \xef\xbf\xbd");
	assert_true(doc->bozo);
	feed_doc_free(doc);
}

static void
test_item_limit(void **state)
{
	struct buf b = BUF_INIT;
	struct feed_doc *doc;
	int i;

	(void)state;
	buf_addstr(&b, "<rss><channel>");
	for (i = 0; i < FEED_MAX_ITEMS + 3; i++)
		buf_printf(&b, "<item><title>%d</title></item>", i);
	buf_addstr(&b, "</channel></rss>");
	doc = parse_opts(b.data, b.len, NULL);
	assert_int_equal(doc->n_items, FEED_MAX_ITEMS);
	assert_true(doc->truncated);
	assert_true(doc->bozo);
	assert_string_equal(doc->items[FEED_MAX_ITEMS - 1].title, "9999");
	feed_doc_free(doc);
	buf_free(&b);
}

static void
test_text_limit(void **state)
{
	struct buf b = BUF_INIT;
	struct feed_doc *doc;
	size_t i;

	(void)state;
	buf_addstr(&b, "<rss><channel><item><description>");
	for (i = 0; i < FEED_MAX_TEXT / 2 + 10; i++)
		buf_addstr(&b, "\xc3\xa9");	/* two bytes each */
	buf_addstr(&b, "x</description></item></channel></rss>");
	doc = parse_opts(b.data, b.len, NULL);
	assert_int_equal(doc->n_items, 1);
	/* Cut to the limit at a character boundary, not emptied. */
	assert_non_null(doc->items[0].summary);
	assert_true(strlen(doc->items[0].summary) <= FEED_MAX_TEXT);
	assert_true(strlen(doc->items[0].summary) >= FEED_MAX_TEXT - 1);
	assert_int_equal(strlen(doc->items[0].summary) % 2, 0);
	assert_null(strchr(doc->items[0].summary, 'x'));
	assert_true(doc->truncated);
	assert_true(doc->bozo);
	assert_non_null(strstr(doc->bozo_reason, "cut"));
	feed_doc_free(doc);
	buf_free(&b);
}

/* The cut outranks a reason given before it, and one text node of CDATA
 * or of markup is cut the same way. */
static void
test_text_limit_reason(void **state)
{
	static const char *const open[] = {
		"<rss><channel><title>a & b</title><item><description><![CDATA[",
		"<rss><channel><title>a & b</title><item><title>",
		"{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": "
		    "\"x\\u0000\", \"items\": [{\"id\": \"1\", \"content_html\": \"",
	};
	static const char *const close[] = {
		"]]></description></item></channel></rss>",
		"</title></item></channel></rss>",
		"\"}]}",
	};
	struct buf b = BUF_INIT;
	struct feed_doc *doc;
	const char *field;
	size_t i, k;

	(void)state;
	for (k = 0; k < nitems(open); k++) {
		buf_reset(&b);
		buf_addstr(&b, open[k]);
		for (i = 0; i < FEED_MAX_TEXT / 3 + 10; i++)
			buf_addstr(&b, "\xe2\x82\xac");	/* three bytes each */
		buf_addstr(&b, close[k]);
		doc = parse_opts(b.data, b.len, NULL);
		assert_int_equal(doc->n_items, 1);
		field = k == 0 ? doc->items[0].summary : k == 1 ?
		    doc->items[0].title : doc->items[0].content;
		assert_non_null(field);
		assert_true(strlen(field) <= FEED_MAX_TEXT);
		assert_true(strlen(field) >= FEED_MAX_TEXT - 2);
		assert_int_equal(strlen(field) % 3, 0);
		assert_true(doc->truncated);
		assert_non_null(strstr(doc->bozo_reason, "longer than"));
		feed_doc_free(doc);
	}
	buf_free(&b);
}

/* Deep nesting inside a field: bounded, recovered, no crash. */
static void
test_depth_limit(void **state)
{
	struct buf b = BUF_INIT;
	struct feed_doc *doc;
	int i;

	(void)state;
	buf_addstr(&b, "<rss><channel><title>deep</title><item><description>");
	for (i = 0; i < 5000; i++)
		buf_addstr(&b, "<div>");
	buf_addstr(&b, "core");
	for (i = 0; i < 5000; i++)
		buf_addstr(&b, "</div>");
	buf_addstr(&b, "</description></item></channel></rss>");
	doc = parse_opts(b.data, b.len, NULL);
	assert_string_equal(doc->title, "deep");
	assert_true(doc->bozo);
	feed_doc_free(doc);
	buf_free(&b);
}

/* Many small references to one big entity: each field is within its own
 * limit, so only the per-document expansion budget keeps this bounded. */
static void
test_expansion_budget(void **state)
{
	struct buf b = BUF_INIT;
	struct feed_doc *doc;
	size_t i, total = 0;

	(void)state;
	buf_addstr(&b, "<!DOCTYPE rss [<!ENTITY a \"");
	for (i = 0; i < 1000; i++)
		buf_addc(&b, 'x');
	buf_addstr(&b, "\"><!ENTITY b \"");
	for (i = 0; i < 1000; i++)
		buf_addstr(&b, "&a;");
	buf_addstr(&b, "\">]><rss><channel>");
	for (i = 0; i < 3000; i++)
		buf_addstr(&b, "<item><title>&b;</title></item>");
	buf_addstr(&b, "</channel></rss>");
	doc = parse_opts(b.data, b.len, NULL);
	assert_int_equal(doc->n_items, 3000);
	for (i = 0; i < doc->n_items; i++)
		total += doc->items[i].title != NULL ? strlen(doc->items[i].title) : 0;
	assert_true(total <= FEED_MAX_EXPANSION);
	assert_true(total >= 1000000);	/* the first ones were expanded */
	assert_true(doc->truncated);
	assert_true(doc->bozo);
	feed_doc_free(doc);
	buf_free(&b);
}

/* A document of several megabytes, which libxml2 is given in pieces:
 * every item, CDATA sections and multi-byte characters across the
 * pieces, well formed and not. */
static void
test_large_document(void **state)
{
	static const char *const tails[] = { "", "<title>&bogus;</title>" };
	struct buf b = BUF_INIT;
	struct feed_doc *doc;
	size_t i, k, t, n = 6000;

	(void)state;
	for (t = 0; t < nitems(tails); t++) {
		buf_addstr(&b, "<rss version=\"2.0\"><channel><title>big</title>");
		for (i = 0; i < n; i++) {
			buf_printf(&b, "<item><title>%zu &lt;\xc3\xa9&gt;</title>"
			    "<description><![CDATA[<p>", i);
			/* 500 to 999 quotation marks of three bytes. */
			for (k = 0; k < 500 + i % 500; k++)
				buf_addstr(&b, "\xe2\x80\x9c");
			buf_addstr(&b, "</p>]]></description></item>\n");
		}
		buf_printf(&b, "%s</channel></rss>", tails[t]);
		assert_true(b.len > 8 * 1024 * 1024);
		doc = parse_opts(b.data, b.len, NULL);
		assert_int_equal(doc->n_items, n);
		assert_int_equal(doc->bozo, (int)t);
		assert_string_equal(doc->items[n - 1].title, "5999 <\xc3\xa9>");
		for (i = 0; i < n; i++) {
			const char *s = doc->items[i].summary;

			assert_non_null(s);
			assert_memory_equal(s, "<p>\xe2\x80\x9c", 6);
			assert_string_equal(s + strlen(s) - 4, "</p>");
		}
		feed_doc_free(doc);
		buf_free(&b);
	}
}

/* The parser reads exactly len bytes: a document with no NUL after it
 * (under ASan, a read past the end would fail here), well formed, in
 * need of repair, and nothing but white space. */
static void
test_unterminated(void **state)
{
	static const char *const docs[] = {
		RSS("<title>a &amp; b</title>"), RSS("<title>a & b</title>"),
		" \n\t ", "\n<?xml version=\"1.0\"?>" RSS("<title>a & b</title>"),
	};
	static const char *const titles[] = { "a & b", "a & b", NULL, "a & b" };
	size_t i, n;

	(void)state;
	for (i = 0; i < nitems(docs); i++) {
		char *err = NULL, *copy;
		struct feed_doc *doc;

		n = strlen(docs[i]);
		copy = xmalloc(n);
		memcpy(copy, docs[i], n);
		doc = feed_parse(copy, n, NULL, &err);
		if (titles[i] == NULL) {
			assert_null(doc);
			assert_non_null(strstr(err, "empty document"));
		} else {
			assert_non_null(doc);
			assert_string_equal(doc->title, titles[i]);
			assert_int_equal(doc->bozo, i > 0);
		}
		free(err);
		feed_doc_free(doc);
		free(copy);
	}
}

static void
test_not_a_feed(void **state)
{
	static const char *const docs[] = {
		"", "   ", "plain text", "<html><body>hi</body></html>",
		"{\"a\": 1}", "{ broken json", "<?xml version=\"1.0\"?>",
	};
	size_t i;

	(void)state;
	for (i = 0; i < nitems(docs); i++) {
		char *err = NULL;
		struct feed_doc *doc = feed_parse(docs[i], strlen(docs[i]), NULL,
		    &err);

		assert_null(doc);
		assert_non_null(err);
		assert_non_null(strstr(err, "not a feed"));
		free(err);
	}
	feed_doc_free(NULL);
}

/* The JSON output: every key present, nulls for missing values, and no
 * terminal escape, unsafe link or out-of-range date survives even from a
 * document built by hand. */
static void
test_json_output(void **state)
{
	struct feed_doc *doc = parse_str(RSS("<title>T</title><item>"
	    "<title>i</title></item>"));
	json_error_t jerr;
	json_t *root, *item;
	char *out;

	(void)state;
	free(doc->title);
	doc->title = xstrdup("evil\x1b[2Jtitle\xff");
	/* Dates no reader can show are null, never another format. */
	doc->updated = DATE_MAX + 1;
	doc->items[0].published = -86400;
	doc->items[0].updated = DATE_MAX;
	/* Nor a link the parser would have dropped. */
	doc->link = xstrdup("https://e.x/");
	doc->image = xstrdup(" JaVaScRiPt:alert(1)");
	doc->items[0].link = xstrdup("data:text/html,x");
	doc->items[0].enclosures = xcalloc(1, sizeof *doc->items[0].enclosures);
	doc->items[0].n_enclosures = 1;
	doc->items[0].enclosures[0].url = xstrdup("file:///etc/passwd");
	doc->items[0].enclosures[0].length = -1;
	out = feed_doc_to_json(doc);
	root = json_loads(out, 0, &jerr);
	assert_non_null(root);
	assert_string_equal(json_string_value(json_object_get(root, "format")),
	    "rss2.0");
	assert_true(json_is_false(json_object_get(root, "bozo")));
	assert_string_equal(json_string_value(json_object_get(
	    json_object_get(root, "feed"), "title")), "evil[2Jtitle\xef\xbf\xbd");
	assert_true(json_is_null(json_object_get(json_object_get(root, "feed"),
	    "updated")));
	assert_string_equal(json_string_value(json_object_get(
	    json_object_get(root, "feed"), "link")), "https://e.x/");
	assert_true(json_is_null(json_object_get(json_object_get(root, "feed"),
	    "image")));
	item = json_array_get(json_object_get(root, "items"), 0);
	assert_string_equal(json_string_value(json_object_get(item, "title")), "i");
	assert_true(json_is_null(json_object_get(item, "published")));
	assert_string_equal(json_string_value(json_object_get(item, "updated")),
	    "9999-12-31T23:59:59Z");
	assert_true(json_is_null(json_object_get(item, "link")));
	assert_true(json_is_null(json_object_get(json_array_get(
	    json_object_get(item, "enclosures"), 0), "url")));
	assert_true(json_is_array(json_object_get(item, "categories")));
	json_decref(root);
	free(out);
	feed_doc_free(doc);
}

static void
test_format_names(void **state)
{
	(void)state;
	assert_string_equal(feed_format_name(FEED_FORMAT_RSS20), "rss2.0");
	assert_string_equal(feed_format_name(FEED_FORMAT_RSS10), "rss1.0");
	assert_string_equal(feed_format_name(FEED_FORMAT_RSS09X), "rss0.9x");
	assert_string_equal(feed_format_name(FEED_FORMAT_ATOM10), "atom1.0");
	assert_string_equal(feed_format_name(FEED_FORMAT_ATOM03), "atom0.3");
	assert_string_equal(feed_format_name(FEED_FORMAT_JSONFEED), "jsonfeed");
	assert_string_equal(feed_format_name((enum feed_format)99), "unknown");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_field_table),
		cmocka_unit_test(test_link_table),
		cmocka_unit_test(test_http_charset),
		cmocka_unit_test(test_undeclared_encoding),
		cmocka_unit_test(test_item_limit),
		cmocka_unit_test(test_text_limit),
		cmocka_unit_test(test_text_limit_reason),
		cmocka_unit_test(test_depth_limit),
		cmocka_unit_test(test_expansion_budget),
		cmocka_unit_test(test_large_document),
		cmocka_unit_test(test_unterminated),
		cmocka_unit_test(test_not_a_feed),
		cmocka_unit_test(test_json_output),
		cmocka_unit_test(test_format_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
