/*
 * test_opml.c - OPML import (nested folders, 1.0 and 2.0, broken and
 * hostile documents) and export, and the import -> export -> import round
 * trip.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "hearsay/feedlist.h"
#include "hearsay/opml.h"
#include "hearsay/util.h"
#include "testlib.h"

struct feed_case {
	const char *url;
	const char *title;
	const char *tags;	/* joined with '|' */
};

static const struct feed_case nested_feeds[] = {
	{ "https://loose.example.com/feed.xml", "Loose feed", "" },
	{ "https://gazette.example.org/rss", "Harbour Gazette", "News" },
	{ "https://valley.example.net/atom", "Valley & Hills Weekly",
	    "News|Local|Weekly" },
	{ "http://upper-attr.example.com/x.rss", "text only", "News|Local" },
	{ "https://gadgets.example.io/feed", "Gadget Log Daily",
	    "Tech folder by title|gear|reviews/phones" },
};

static const struct feed_case flat_feeds[] = {
	{ "http://cafe.example.fr/rss.xml", "Caf\xc3\xa9 Society", "" },
	{ "http://untitled.example.com/index.rdf", NULL, "" },
	{ "file:///home/someone/feeds/local.xml", "Local file", "" },
};


static char *
fixture_read(const char *name, size_t *len)
{
	char *rel = xprintf("subs/%s", name), *s;

	s = testlib_fixture_read(rel, len);
	free(rel);
	return s;
}

static char *
joined_tags(const struct feedlist_entry *e)
{
	char *s = xstrdup(""), *t;
	size_t i;

	for (i = 0; i < e->n_tags; i++) {
		t = xprintf("%s%s%s", s, i > 0 ? "|" : "", e->tags[i]);
		free(s);
		s = t;
	}
	return s;
}

static void
assert_feeds(const struct feedlist *fl, const struct feed_case *cases,
    size_t n)
{
	size_t i;

	assert_int_equal(feedlist_count(fl), n);
	for (i = 0; i < n; i++) {
		const struct feedlist_entry *e = feedlist_get(fl, i);
		char *tags = joined_tags(e);

		assert_string_equal(e->url, cases[i].url);
		if (cases[i].title == NULL)
			assert_null(e->title);
		else
			assert_string_equal(e->title, cases[i].title);
		assert_string_equal(tags, cases[i].tags);
		free(tags);
	}
}

/* Two lists hold the same feeds, titles and tags in the same order. */
static void
assert_same_list(const struct feedlist *a, const struct feedlist *b)
{
	size_t i;

	assert_int_equal(feedlist_count(a), feedlist_count(b));
	for (i = 0; i < feedlist_count(a); i++) {
		const struct feedlist_entry *x = feedlist_get(a, i);
		const struct feedlist_entry *y = feedlist_get(b, i);
		char *tx = joined_tags(x), *ty = joined_tags(y);

		assert_string_equal(x->url, y->url);
		if (x->title == NULL)
			assert_null(y->title);
		else
			assert_string_equal(x->title, y->title);
		assert_string_equal(tx, ty);
		free(tx);
		free(ty);
	}
}

static struct feedlist *
import_fixture(const char *name, struct opml_result *res)
{
	struct feedlist *fl = feedlist_new();
	size_t len;
	char *doc = fixture_read(name, &len), *err = NULL;

	assert_int_equal(opml_import(fl, doc, len, res, &err), 0);
	assert_null(err);
	free(doc);
	return fl;
}

static void
test_import_nested(void **state)
{
	struct opml_result res;
	struct feedlist *fl = import_fixture("nested-2.0.opml", &res);

	(void)state;
	assert_feeds(fl, nested_feeds, nitems(nested_feeds));
	assert_int_equal(res.added, 5);
	assert_int_equal(res.present, 1);	/* the Gazette, twice */
	assert_int_equal(res.invalid, 1);	/* feed:// */
	feedlist_free(fl);
}

static void
test_import_opml1_latin1(void **state)
{
	struct opml_result res;
	struct feedlist *fl = import_fixture("flat-1.0.opml", &res);

	(void)state;
	assert_feeds(fl, flat_feeds, nitems(flat_feeds));
	assert_int_equal(res.added, 3);
	assert_int_equal(res.present, 0);
	feedlist_free(fl);
}

/* Feeds already in the list are counted, not added again. */
static void
test_import_into_existing(void **state)
{
	static const char urls[] = "# mine\nhttps://gazette.example.org/rss "
	    "mytag \"~My name\"\n";
	struct feedlist *fl = feedlist_new();
	struct opml_result res;
	size_t len;
	char *doc = fixture_read("nested-2.0.opml", &len), *err = NULL;
	char *text;

	(void)state;
	feedlist_parse(fl, urls, strlen(urls), NULL);
	assert_int_equal(opml_import(fl, doc, len, &res, &err), 0);
	assert_int_equal(res.added, 4);
	assert_int_equal(res.present, 2);
	assert_int_equal(feedlist_count(fl), 5);
	assert_string_equal(feedlist_get(fl, 0)->title, "My name");
	text = feedlist_format(fl);
	assert_int_equal(strncmp(text, urls, strlen(urls)), 0);
	assert_non_null(strstr(text, "\nhttps://valley.example.net/atom News "
	    "Local Weekly \"~Valley & Hills Weekly\"\n"));
	free(text);
	free(doc);
	feedlist_free(fl);
}

struct bad_case {
	const char *doc;
	const char *err;	/* a substring of the message */
};

static const struct bad_case bad_cases[] = {
	{ "", "empty document" },
	{ "<opml version=\"2.0\"><head/></opml>", "no <body>" },
	{ "<html><body><outline xmlUrl=\"https://x.example/\"/></body></html>",
	    "root element is <html>" },
	{ "<opml><body><outline xmlUrl=\"https://x.example/\"></body></opml>",
	    "not well-formed XML (line 1: " },
	{ "plain text, not XML at all", "not well-formed XML" },
};

static void
test_import_errors(void **state)
{
	struct feedlist *fl = feedlist_new();
	struct opml_result res;
	size_t i, len;
	char *err = NULL, *doc;

	(void)state;
	assert_int_equal(feedlist_add(fl, "https://keep.example/", NULL, NULL,
	    0), 0);
	for (i = 0; i < nitems(bad_cases); i++) {
		assert_int_equal(opml_import(fl, bad_cases[i].doc,
		    strlen(bad_cases[i].doc), &res, &err), -1);
		assert_non_null(err);
		if (strstr(err, bad_cases[i].err) == NULL)
			fail_msg("case %zu: \"%s\" lacks \"%s\"", i, err,
			    bad_cases[i].err);
		assert_null(strchr(err, '\n'));
		xfree(err);
	}
	doc = fixture_read("broken.opml", &len);
	assert_int_equal(opml_import(fl, doc, len, &res, &err), -1);
	assert_non_null(strstr(err, "not well-formed XML (line "));
	xfree(err);
	free(doc);
	doc = fixture_read("not-opml.xml", &len);
	assert_int_equal(opml_import(fl, doc, len, &res, &err), -1);
	assert_string_equal(err, "not an OPML document (the root element is "
	    "<rss>)");
	xfree(err);
	free(doc);
	/* Nothing of a failed import reached the list. */
	assert_int_equal(feedlist_count(fl), 1);
	feedlist_free(fl);
}

/* Nothing of the list may carry the marker that only the files hold. */
static void
assert_no_marker(const struct feedlist *fl, const char *err)
{
	size_t i, j;

	if (err != NULL)
		assert_null(strstr(err, "MARKER"));
	for (i = 0; i < feedlist_count(fl); i++) {
		const struct feedlist_entry *e = feedlist_get(fl, i);

		assert_null(strstr(e->url, "MARKER"));
		if (e->title != NULL) {
			assert_null(strstr(e->title, "MARKER"));
			assert_true(strlen(e->title) < 64);
		}
		for (j = 0; j < e->n_tags; j++)
			assert_null(strstr(e->tags[j], "MARKER"));
	}
}

static void
write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

/* External entities, external DTDs, parameter entities and entity bombs:
 * none is loaded or expanded. */
static void
test_hostile(void **state)
{
	char *secret = xprintf("%s/secret", testlib_dir);
	char *dtd = xprintf("%s/evil.dtd", testlib_dir);
	char *docs[5], *err;
	struct opml_result res;
	struct feedlist *fl;
	size_t i;

	(void)state;
	write_file(secret, "SECRET-MARKER-1");
	write_file(dtd, "<!ENTITY t \"DTD-MARKER-2\">\n");
	docs[0] = xprintf("<!DOCTYPE opml [<!ENTITY xxe SYSTEM \"file://%s\">]>"
	    "<opml><body><outline text=\"a&xxe;\" xmlUrl=\"https://a.example/\"/>"
	    "<outline text=\"b\" xmlUrl=\"https://b.example/\">&xxe;</outline>"
	    "</body></opml>", secret);
	docs[1] = xprintf("<!DOCTYPE opml SYSTEM \"file://%s\">"
	    "<opml><body><outline text=\"t&t;\" xmlUrl=\"https://t.example/\"/>"
	    "</body></opml>", dtd);
	docs[2] = xprintf("<!DOCTYPE opml [<!ENTITY %% p SYSTEM \"file://%s\">"
	    "%%p;]><opml><body><outline text=\"p&t;\" "
	    "xmlUrl=\"https://p.example/\"/></body></opml>", dtd);
	docs[3] = xstrdup("<!DOCTYPE opml [<!ENTITY a \"MARKERMARKERMARKER\">"
	    "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
	    "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
	    "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>"
	    "<opml><body><outline text=\"&d;\" xmlUrl=\"https://d.example/\"/>"
	    "<outline text=\"x\" xmlUrl=\"https://d.example/&d;\"/>"
	    "</body></opml>");
	docs[4] = xprintf("<!DOCTYPE opml [<!ENTITY xxe SYSTEM \"file://%s\">]>"
	    "<opml><body><outline text=\"ok\" xmlUrl=\"https://e.example/\"/>"
	    "</body></opml>", secret);
	for (i = 0; i < nitems(docs); i++) {
		fl = feedlist_new();
		err = NULL;
		opml_import(fl, docs[i], strlen(docs[i]), &res, &err);
		assert_no_marker(fl, err);
		feedlist_free(fl);
		free(err);
		free(docs[i]);
	}
	/* A declared but unused entity does not stop a good document. */
	fl = feedlist_new();
	docs[4] = xprintf("<!DOCTYPE opml [<!ENTITY xxe SYSTEM \"file://%s\">]>"
	    "<opml><body><outline text=\"ok\" xmlUrl=\"https://e.example/\"/>"
	    "</body></opml>", secret);
	assert_int_equal(opml_import(fl, docs[4], strlen(docs[4]), &res, NULL),
	    0);
	assert_int_equal(res.added, 1);
	feedlist_free(fl);
	free(docs[4]);
	free(secret);
	free(dtd);
}

/* Export, then import what was exported: the same list. */
static void
roundtrip(const struct feedlist *a)
{
	struct feedlist *b = feedlist_new();
	struct opml_result res;
	char *doc = opml_export(a), *err = NULL;

	assert_non_null(doc);
	assert_int_equal(opml_import(b, doc, strlen(doc), &res, &err), 0);
	assert_int_equal(res.added, feedlist_count(a));
	assert_same_list(a, b);
	feedlist_free(b);
	free(doc);
}

static void
test_roundtrip(void **state)
{
	struct opml_result res;
	struct feedlist *fl;
	size_t len;
	char *urls;

	(void)state;
	fl = import_fixture("nested-2.0.opml", &res);
	roundtrip(fl);
	feedlist_free(fl);
	fl = import_fixture("flat-1.0.opml", &res);
	roundtrip(fl);
	feedlist_free(fl);
	/* Every form of the urls file: quotes, "!", odd titles. */
	fl = feedlist_new();
	urls = fixture_read("urls-mixed", &len);
	feedlist_parse(fl, urls, len, NULL);
	roundtrip(fl);
	feedlist_free(fl);
	free(urls);
}

static void
test_export_shape(void **state)
{
	static const char *const t1[] = { "news", "/slashed", "x" };
	static const char *const t2[] = { "news" };
	static const char *const t3[] = { "other" };
	struct feedlist *fl = feedlist_new();
	char *doc;

	(void)state;
	feedlist_add(fl, "https://a.example/?x=1&y=2", "A <b> & \"c\"", t1, 3);
	feedlist_add(fl, "https://b.example/", NULL, t2, 1);
	feedlist_add(fl, "https://c.example/", NULL, t3, 1);
	feedlist_add(fl, "https://d.example/", "D", NULL, 0);
	feedlist_add(fl, "https://e.example/", "E", t2, 1);
	doc = opml_export(fl);
	assert_non_null(doc);
	assert_string_equal(doc,
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<opml version=\"2.0\">\n"
	    "  <head>\n"
	    "    <title>hearsay subscriptions</title>\n"
	    "  </head>\n"
	    "  <body>\n"
	    "    <outline text=\"news\" title=\"news\">\n"
	    "      <outline type=\"rss\" text=\"A &lt;b&gt; &amp; &quot;c&quot;\""
	    " title=\"A &lt;b&gt; &amp; &quot;c&quot;\""
	    " xmlUrl=\"https://a.example/?x=1&amp;y=2\""
	    " category=\"//slashed,/x\"/>\n"
	    "      <outline type=\"rss\" text=\"https://b.example/\""
	    " xmlUrl=\"https://b.example/\"/>\n"
	    "    </outline>\n"
	    "    <outline text=\"other\" title=\"other\">\n"
	    "      <outline type=\"rss\" text=\"https://c.example/\""
	    " xmlUrl=\"https://c.example/\"/>\n"
	    "    </outline>\n"
	    "    <outline type=\"rss\" text=\"D\" title=\"D\""
	    " xmlUrl=\"https://d.example/\"/>\n"
	    "    <outline text=\"news\" title=\"news\">\n"
	    "      <outline type=\"rss\" text=\"E\" title=\"E\""
	    " xmlUrl=\"https://e.example/\"/>\n"
	    "    </outline>\n"
	    "  </body>\n"
	    "</opml>\n");
	roundtrip(fl);
	free(doc);
	feedlist_free(fl);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_import_nested),
		cmocka_unit_test(test_import_opml1_latin1),
		cmocka_unit_test(test_import_into_existing),
		cmocka_unit_test(test_import_errors),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_export_shape),
	};

	return cmocka_run_group_tests(tests, testlib_dir_setup,
	    testlib_dir_teardown);
}
