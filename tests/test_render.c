/*
 * test_render.c - HTML to blocks, runs and links; wrapping by display
 * columns; plain text for the extractor; hostile input.
 */
#include "config.h"

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <cmocka.h>

#include "hearsay/buf.h"
#include "hearsay/render.h"
#include "hearsay/text.h"
#include "hearsay/util.h"

#define BASE "https://example.com/news/story.html"

static struct render_doc *
render_str(const char *html)
{
	return render_html(html, strlen(html), BASE);
}

/* A fixture file under tests/render, NUL-terminated.  Caller frees. */
static char *
fixture(const char *name, size_t *len)
{
	const char *top = getenv("top_srcdir");
	char *path, *err = NULL, *data;

	path = xprintf("%s/tests/render/%s", top != NULL ? top : ".", name);
	data = file_read(path, 1 << 20, len, &err);
	if (data == NULL)
		fail_msg("%s", err);
	free(path);
	return data;
}

/* The display width of a UTF-8 string in the current locale. */
static int
columns(const char *s, size_t len)
{
	size_t i = 0;
	int cols = 0;

	while (i < len) {
		uint32_t cp;
		int w;

		i += utf8_decode(s + i, len - i, &cp);
		w = wcwidth((wchar_t)cp);
		cols += w < 0 ? 1 : w;
	}
	return cols;
}

/* render_plain() of html, as the quote extractor sees it. */
struct plain_case {
	const char *html;
	const char *plain;
};

static const struct plain_case plain_cases[] = {
	{ "<p>One</p><p>Two</p>", "One\n\nTwo" },
	{ "<p>a<br>b</p>", "a\nb" },
	{ "first<br><br>second<br>line", "first\n\nsecond\nline" },
	{ "<p>  lots   of\n\tspace </p>", "lots of space" },
	{ "<b>a</b> <i>b</i>", "a b" },
	{ "<div>x<div>y</div>z</div>", "x\n\ny\n\nz" },
	{ "<script>alert(1)</script><style>p{}</style><p>x</p>"
	  "<iframe src=/a>frame</iframe><object>obj</object>"
	  "<noscript>ns</noscript>", "x" },
	{ "<p>&amp; &lt;tag&gt; &eacute; &#8212; &#x263A; &quot;</p>",
	  "& <tag> \xc3\xa9 \xe2\x80\x94 \xe2\x98\xba \"" },
	{ "plain text\nline two\n\n  \nsecond para\r\n", "plain text line two"
	  "\n\nsecond para" },
	{ "Tom &amp; Jerry &#8220;said&#8221; a &lt; b", "Tom & Jerry "
	  "\xe2\x80\x9csaid\xe2\x80\x9d a < b" },
	{ "", "" },
	{ "   \n\n  ", "" },
	{ "<p>unclosed <b>bold <i>both</p><p>next", "unclosed bold both\n\n"
	  "next" },
	{ "</div></p><<>>a<b", ">>a" },
	{ "<table><tr><th>A</th><td>B</td></tr><tr><td>C</td><td></td>"
	  "<td><p>D</p></td></tr></table>", "A | B\n\nC | D" },
	{ "<ul><li>a</li><li>b</li></ul><p>c</p>", "a\n\nb\n\nc" },
	{ "<p>He said <q>hi</q>.</p>", "He said \"hi\"." },
	{ "<p>see <img src=a.png alt='A cat'> here</p>", "see here" },
	{ "<p><img src=a.png alt=x></p><p>after</p>", "after" },
	{ "<p>x<a href=/a>link</a>y</p>", "xlinky" },
	{ "<p>a&nbsp;b</p>", "a b" },
	{ "<p>news&shy;pa\xc2\xadper</p>", "newspaper" },
	{ "<hr><p>after rule</p>", "after rule" },
	/* Terminal escapes, C1 controls and bidi overrides, raw and as
	 * character references, never come out. */
	{ "<p>a\x1b[31mred\xc2\x9b" "1m</p>", "a[31mred1m" },
	{ "<p>&#27;[2J&#x1b;]0;t&#7;x</p>", "[2J]0;tx" },
	{ "<p>left\xe2\x80\xaeright&#x202E;&#x2066;z</p>", "leftrightz" },
	{ "<p>&#155;m&#x9b;n</p>", "mn" },
	{ "<p>bad \xff\xfe utf8</p>", "bad \xef\xbf\xbd\xef\xbf\xbd utf8" },
	{ "<p title='\x1b[2J'>t</p>", "t" },
};

static void
test_plain_table(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < nitems(plain_cases); i++) {
		struct render_doc *doc = render_str(plain_cases[i].html);
		char *plain = render_plain(doc);

		if (strcmp(plain, plain_cases[i].plain) != 0)
			fail_msg("case %zu: got \"%s\", want \"%s\"", i, plain,
			    plain_cases[i].plain);
		assert_true(utf8_valid(plain, strlen(plain)));
		free(plain);
		render_doc_free(doc);
	}
}

/* Blocks of a document: kind, level, quote depth, number, text. */
struct block_want {
	enum render_kind kind;
	int level;
	int quote;
	int number;
	const char *text;
};

struct block_case {
	const char *html;
	struct block_want blocks[8];
};

static const struct block_case block_cases[] = {
	{ "<h1>Title</h1><p>body</p><h3>Sub <i>head</i></h3>", {
	    { RENDER_HEADING, 1, 0, 0, "Title" },
	    { RENDER_PARAGRAPH, 0, 0, 0, "body" },
	    { RENDER_HEADING, 3, 0, 0, "Sub head" } } },
	{ "<ol><li>one<ul><li>sub a</li><li>sub b</li></ul></li>"
	  "<li>two</li></ol>", {
	    { RENDER_LIST_ITEM, 1, 0, 1, "one" },
	    { RENDER_LIST_ITEM, 2, 0, 0, "sub a" },
	    { RENDER_LIST_ITEM, 2, 0, 0, "sub b" },
	    { RENDER_LIST_ITEM, 1, 0, 2, "two" } } },
	{ "<ol start=5><li>five<li>six<li value=10>ten<li>eleven</ol>", {
	    { RENDER_LIST_ITEM, 1, 0, 5, "five" },
	    { RENDER_LIST_ITEM, 1, 0, 6, "six" },
	    { RENDER_LIST_ITEM, 1, 0, 10, "ten" },
	    { RENDER_LIST_ITEM, 1, 0, 11, "eleven" } } },
	{ "<ul><li><p>first para</p><p>second para</p></li></ul>", {
	    { RENDER_LIST_ITEM, 1, 0, 0, "first para" },
	    { RENDER_LIST_ITEM, 1, 0, -1, "second para" } } },
	{ "<li>stray item</li>", {
	    { RENDER_LIST_ITEM, 1, 0, 0, "stray item" } } },
	{ "<p>a</p><blockquote><p>b</p><blockquote>c</blockquote><p>d</p>"
	  "</blockquote><p>e</p>", {
	    { RENDER_PARAGRAPH, 0, 0, 0, "a" },
	    { RENDER_PARAGRAPH, 0, 1, 0, "b" },
	    { RENDER_PARAGRAPH, 0, 2, 0, "c" },
	    { RENDER_PARAGRAPH, 0, 1, 0, "d" },
	    { RENDER_PARAGRAPH, 0, 0, 0, "e" } } },
	{ "<blockquote><ul><li>quoted item</li></ul><h2>qh</h2></blockquote>", {
	    { RENDER_LIST_ITEM, 1, 1, 0, "quoted item" },
	    { RENDER_HEADING, 2, 1, 0, "qh" } } },
	{ "<pre>\n  x = 1;\n\ty  <b>z</b>\n\n end\n</pre><p>after</p>", {
	    { RENDER_PRE, 0, 0, 0, "  x = 1;\n        y  z\n\n end" },
	    { RENDER_PARAGRAPH, 0, 0, 0, "after" } } },
	{ "<p>above</p><hr><p>below</p>", {
	    { RENDER_PARAGRAPH, 0, 0, 0, "above" },
	    { RENDER_RULE, 0, 0, 0, "" },
	    { RENDER_PARAGRAPH, 0, 0, 0, "below" } } },
	{ "<a href=/card><h3>Card title</h3><p>Card text</p></a><p>next</p>", {
	    { RENDER_HEADING, 3, 0, 0, "Card title" },
	    { RENDER_PARAGRAPH, 0, 0, 0, "Card text[1]" },
	    { RENDER_PARAGRAPH, 0, 0, 0, "next" } } },
	{ "<pre>x</pre>after<pre>y</pre><table><tr><td><pre>z</pre>"
	  "</td></tr></table>", {
	    { RENDER_PRE, 0, 0, 0, "x" },
	    { RENDER_PARAGRAPH, 0, 0, 0, "after" },
	    { RENDER_PRE, 0, 0, 0, "y" },
	    { RENDER_TABLE_ROW, 0, 0, 0, "z" } } },
	{ "<pre>a\n\n<br>b<br><br>c</pre>", {
	    { RENDER_PRE, 0, 0, 0, "a\n\n\nb\n\nc" } } },
	{ "<table><tr><td>1</td><td>2</td></tr><tr><td>3</td></tr></table>", {
	    { RENDER_TABLE_ROW, 0, 0, 0, "1 | 2" },
	    { RENDER_TABLE_ROW, 0, 0, 0, "3" } } },
	{ "<p>see <img src=/i.png alt=' A  red  cat '> and <img src=/j.png>"
	  "<img src=/t.gif width=1 height=1></p>", {
	    { RENDER_PARAGRAPH, 0, 0, 0,
	      "see [image: A red cat] and [image]" } } },
};

static void
test_block_table(void **state)
{
	size_t i, j;

	(void)state;
	for (i = 0; i < nitems(block_cases); i++) {
		const struct block_case *c = &block_cases[i];
		struct render_doc *doc = render_str(c->html);

		for (j = 0; c->blocks[j].text != NULL; j++) {
			const struct block_want *want = &c->blocks[j];
			struct render_block_info got;

			if (render_block(doc, j, &got) == -1)
				fail_msg("case %zu: no block %zu", i, j);
			if (got.kind != want->kind || got.level != want->level ||
			    got.quote != want->quote ||
			    got.number != want->number ||
			    strcmp(got.text, want->text) != 0)
				fail_msg("case %zu block %zu: got %d/%d/%d/%d "
				    "\"%s\"", i, j, got.kind, got.level,
				    got.quote, got.number, got.text);
			assert_int_equal(got.len, strlen(got.text));
		}
		assert_int_equal(render_block_count(doc), j);
		render_doc_free(doc);
	}
}

static void
test_emphasis_runs(void **state)
{
	static const struct render_run want[] = {
		{ 2, 6, RENDER_ATTR_BOLD, 0 },
		{ 11, 14, RENDER_ATTR_ITALIC, 0 },
		{ 14, 18, RENDER_ATTR_ITALIC | RENDER_ATTR_UNDERLINE, 0 },
		{ 19, 22, RENDER_ATTR_CODE, 0 },
		{ 23, 28, RENDER_ATTR_BOLD, 0 },
	};
	struct render_doc *doc = render_str("<p>a <b>bold</b> and <i>it "
	    "<u>both</u></i> <code>x()</code> <strong>\xc3\xa9t\xc3\xa9"
	    "</strong></p>");
	struct render_block_info b;
	size_t i;

	(void)state;
	assert_int_equal(render_block(doc, 0, &b), 0);
	assert_string_equal(b.text, "a bold and it both x() \xc3\xa9t\xc3\xa9");
	assert_int_equal(b.nruns, nitems(want));
	for (i = 0; i < nitems(want); i++) {
		assert_int_equal(b.runs[i].start, want[i].start);
		assert_int_equal(b.runs[i].end, want[i].end);
		assert_int_equal(b.runs[i].attr, want[i].attr);
	}
	render_doc_free(doc);
}

static void
test_links(void **state)
{
	static const char *const urls[] = {
		"https://example.com/a",
		"https://example.com/news/b.html",
		"https://other.org/x?q=1&r=2",
	};
	struct render_doc *doc = render_str("<p><a href='/a'>A</a> "
	    "<a href=\"b.html\">B b</a> <a href='https://other.org/x?q=1&amp;"
	    "r=2'>C</a> <a href='/a'>again</a> <a href='#top'>top</a> "
	    "<a href='javascript:alert(1)'>js</a> <a>none</a></p>");
	struct render_block_info b;
	size_t i;

	(void)state;
	assert_int_equal(render_link_count(doc), nitems(urls));
	for (i = 0; i < nitems(urls); i++)
		assert_string_equal(render_link(doc, i), urls[i]);
	assert_null(render_link(doc, nitems(urls)));
	assert_int_equal(render_block(doc, 0, &b), 0);
	assert_string_equal(b.text, "A[1] B b[2] C[3] again[1] top js none");
	/* "B b" is the link text of link 2, "[2]" its marker. */
	assert_int_equal(b.runs[2].start, 5);
	assert_int_equal(b.runs[2].end, 8);
	assert_int_equal(b.runs[2].attr, RENDER_ATTR_LINK);
	assert_int_equal(b.runs[2].link, 2);
	assert_int_equal(b.runs[3].start, 8);
	assert_int_equal(b.runs[3].end, 11);
	assert_int_equal(b.runs[3].attr, RENDER_ATTR_NOTE);
	assert_int_equal(b.runs[3].link, 2);
	render_doc_free(doc);

	/* <base href> in the head wins over the base given. */
	doc = render_str("<html><head><title>t</title><base href='/cdn/d/'>"
	    "</head><body><a href='x'>x</a> <img src=i.png></body></html>");
	assert_string_equal(render_link(doc, 0), "https://example.com/cdn/d/x");
	render_doc_free(doc);

	/* Without a base, relative links stay as they are. */
	doc = render_html("<a href='rel/x'>r</a>", 21, NULL);
	assert_string_equal(render_link(doc, 0), "rel/x");
	render_doc_free(doc);
}

/* The last occurrence of needle in plain leads to block text starting
 * with want. */
static void
locate_at(const struct render_doc *doc, const char *plain, const char *needle,
    const char *want)
{
	const char *p, *at = NULL;
	struct render_block_info b;
	size_t block, off;

	for (p = strstr(plain, needle); p != NULL; p = strstr(p + 1, needle))
		at = p;
	assert_non_null(at);
	assert_int_equal(render_plain_locate(doc, (size_t)(at - plain), &block,
	    &off), 0);
	assert_int_equal(render_block(doc, block, &b), 0);
	if (strncmp(b.text + off, want, strlen(want)) != 0)
		fail_msg("\"%s\" led to \"%s\"", needle, b.text + off);
}

static void
test_article_plain(void **state)
{
	struct render_doc *doc;
	char *html, *want, *plain;
	size_t len, wantlen, i;

	(void)state;
	html = fixture("article.html", &len);
	want = fixture("article.txt", &wantlen);
	doc = render_html(html, len, "https://news.example.net/2026/ferry");
	plain = render_plain(doc);
	assert_string_equal(plain, want);
	assert_int_equal(render_link_count(doc), 2);
	assert_string_equal(render_link(doc, 0),
	    "https://news.example.net/staff/mira-holm");
	assert_string_equal(render_link(doc, 1),
	    "https://news.example.net/2026/timetable.html");
	/* Each block's text starts where render_plain_offset() says. */
	for (i = 0; i < render_block_count(doc); i++) {
		struct render_block_info b;
		size_t off = render_plain_offset(doc, i);

		assert_int_equal(render_block(doc, i, &b), 0);
		if (off == (size_t)-1) {
			assert_non_null(strstr(b.text, "[image"));
			continue;
		}
		assert_true(off < strlen(plain));
		assert_int_equal(plain[off], b.text[0]);
	}
	assert_int_equal(render_plain_offset(doc, 999), (size_t)-1);
	/* Plain offsets lead back into the block text, across a dropped
	 * "[2]" marker and a no-break space. */
	locate_at(doc, plain, "Ana Ruiz", "Ana Ruiz");
	locate_at(doc, plain, "site.", "site[2].");
	locate_at(doc, plain, " repairs", "\xc2\xa0repairs");
	assert_int_equal(render_plain_locate(doc, strlen(plain), &i, &len),
	    -1);
	assert_int_equal(render_plain_locate(doc, strcspn(plain, "\n"), &i,
	    &len), -1);
	free(plain);
	free(html);
	free(want);
	render_doc_free(doc);
}

/* Every line fits, and the text and runs stay consistent. */
static void
check_lines(const struct render_lines *lines, int width)
{
	size_t i, j;

	for (i = 0; i < render_lines_count(lines); i++) {
		const struct render_line *l = render_lines_get(lines, i);

		assert_int_equal(strlen(l->text), l->len);
		assert_true(utf8_valid(l->text, l->len));
		if (columns(l->text, l->len) > width)
			fail_msg("line %zu is %d columns wide at width %d: %s",
			    i, columns(l->text, l->len), width, l->text);
		assert_true(l->prefix <= l->len);
		for (j = 0; j < l->nruns; j++) {
			assert_true(l->runs[j].start >= l->prefix);
			assert_true(l->runs[j].start < l->runs[j].end);
			assert_true(l->runs[j].end <= l->len);
		}
	}
	assert_null(render_lines_get(lines, i));
}

/* The text of the lines of class cls joined without their prefixes. */
static char *
join_class(const struct render_lines *lines, enum render_class cls,
    const char *sep)
{
	struct buf b;
	size_t i;

	buf_init(&b, 0);
	buf_add(&b, "", 0);
	for (i = 0; i < render_lines_count(lines); i++) {
		const struct render_line *l = render_lines_get(lines, i);

		if (l->cls != cls)
			continue;
		if (b.len > 0)
			buf_addstr(&b, sep);
		buf_add(&b, l->text + l->prefix, l->len - l->prefix);
	}
	return buf_detach(&b);
}

static void
test_wrap_wide(void **state)
{
	static const int widths[] = { 20, 40, 80, 8, 3 };
	char *html, *url, *links, *body;
	struct render_doc *doc;
	size_t len, urllen, i;

	(void)state;
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		skip();
	assert_int_equal(wcwidth(0x6771), 2);
	html = fixture("wide.html", &len);
	url = fixture("wide.url", &urllen);
	doc = render_html(html, len, NULL);
	for (i = 0; i < nitems(widths); i++) {
		struct render_lines *lines = render_wrap(doc, widths[i]);
		int width = widths[i] < 8 ? 8 : widths[i];

		check_lines(lines, width);
		/* The URL comes back whole from the pieces of the link list. */
		links = join_class(lines, RENDER_LINE_LINKS, "");
		assert_non_null(strstr(links, url));
		/* The long link text in the body was cut, not lost. */
		body = join_class(lines, RENDER_LINE_BODY, "");
		assert_non_null(strstr(body, url));
		assert_non_null(strstr(body, "cafe\xcc\x81"));
		free(links);
		free(body);
		render_lines_free(lines);
	}
	free(html);
	free(url);
	render_doc_free(doc);
	setlocale(LC_ALL, "C");
}

/* Wrapped lines of html at width: "class|quote|text" each. */
struct wrap_case {
	const char *html;
	int width;
	const char *lines[12];
};

static const struct wrap_case wrap_cases[] = {
	{ "<p>aaa bbb ccc dd</p>", 8, { "0|0|aaa bbb", "0|0|ccc dd" } },
	{ "<p>abcdefghijklmnopqrst uv</p>", 8, {
	    "0|0|abcdefgh", "0|0|ijklmnop", "0|0|qrst uv" } },
	{ "<p>one<br>two three four</p>", 10, {
	    "0|0|one", "0|0|two three", "0|0|four" } },
	{ "<h2>Big news</h2><ol><li>first item here</li><li>two</li></ol>", 12, {
	    "1|0|Big news", "7|0|", "3|0|1. first", "3|0|   item here",
	    "3|0|2. two" } },
	{ "<ul><li>a<ul><li>b c d e</li></ul></li></ul>", 8, {
	    "3|0|* a", "3|0|  - b c", "3|0|    d e" } },
	{ "<p>x</p><blockquote>quoted words here<blockquote>deeper</blockquote>"
	  "</blockquote>", 12, {
	    "0|0|x", "7|0|", "2|1|> quoted", "2|1|> words here",
	    "7|1|", "2|2|> > deeper" } },
	{ "<pre>a  b  c  d  e  f</pre>", 8, {
	    "4|0|a  b  c ", "4|0| d  e  f" } },
	{ "<pre>x\n\ny</pre>", 8, { "4|0|x", "4|0|", "4|0|y" } },
	{ "<p>a</p><hr><p>b</p>", 10, {
	    "0|0|a", "7|0|", "5|0|----------", "7|0|", "0|0|b" } },
	{ "<p>go <a href='http://h.example/p'>here</a></p>", 12, {
	    "0|0|go here[1]", "7|0|", "6|0|[1] http://h", "6|0|    .example",
	    "6|0|    /p" } },
	{ "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>",
	  20, { "0|0|a | b", "0|0|c" } },
	/* Wide text breaks between characters, not before "\xe3\x80\x82". */
	{ "<p>ab \xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xae"
	  "\xe6\x96\x87\xe3\x81\xa7\xe3\x81\x99\xe3\x80\x82</p>", 8, {
	    "0|0|ab \xe6\x97\xa5\xe6\x9c\xac",
	    "0|0|\xe8\xaa\x9e\xe3\x81\xae\xe6\x96\x87\xe3\x81\xa7",
	    "0|0|\xe3\x81\x99\xe3\x80\x82" } },
};

static void
test_wrap_table(void **state)
{
	size_t i, j;

	(void)state;
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		skip();
	for (i = 0; i < nitems(wrap_cases); i++) {
		const struct wrap_case *c = &wrap_cases[i];
		struct render_doc *doc = render_str(c->html);
		struct render_lines *lines = render_wrap(doc, c->width);

		check_lines(lines, c->width);
		for (j = 0; c->lines[j] != NULL; j++) {
			const struct render_line *l = render_lines_get(lines, j);
			char *got;

			if (l == NULL)
				fail_msg("case %zu: no line %zu", i, j);
			got = xprintf("%d|%d|%s", l->cls, l->quote, l->text);
			if (strcmp(got, c->lines[j]) != 0)
				fail_msg("case %zu line %zu: got \"%s\", want "
				    "\"%s\"", i, j, got, c->lines[j]);
			free(got);
		}
		assert_int_equal(render_lines_count(lines), j);
		render_lines_free(lines);
		render_doc_free(doc);
	}
	setlocale(LC_ALL, "C");
}

static void
test_wrap_runs(void **state)
{
	struct render_doc *doc = render_str("<p>plainly <b>bold words</b> "
	    "<a href='/x'>link</a></p><blockquote><i>quoted</i></blockquote>");
	struct render_lines *lines = render_wrap(doc, 10);
	const struct render_line *l;

	(void)state;
	/* "plainly", "bold words", "link[1]", "", "> quoted", "", "[1] ..." */
	l = render_lines_get(lines, 1);
	assert_string_equal(l->text, "bold words");
	assert_int_equal(l->nruns, 1);
	assert_int_equal(l->runs[0].start, 0);
	assert_int_equal(l->runs[0].end, 10);
	assert_int_equal(l->runs[0].attr, RENDER_ATTR_BOLD);
	assert_int_equal(l->block, 0);
	assert_int_equal(l->offset, 8);
	l = render_lines_get(lines, 2);
	assert_string_equal(l->text, "link[1]");
	assert_int_equal(l->nruns, 2);
	assert_int_equal(l->runs[1].attr, RENDER_ATTR_NOTE);
	assert_int_equal(l->runs[1].link, 1);
	l = render_lines_get(lines, 4);
	assert_string_equal(l->text, "> quoted");
	assert_int_equal(l->prefix, 2);
	assert_int_equal(l->offset, 0);
	assert_int_equal(l->cls, RENDER_LINE_QUOTE);
	assert_int_equal(l->block, 1);
	assert_int_equal(l->runs[0].start, 2);
	assert_int_equal(l->runs[0].end, 8);
	l = render_lines_get(lines, 3);
	assert_int_equal(l->cls, RENDER_LINE_BLANK);
	assert_int_equal(l->block, RENDER_NO_BLOCK);
	render_lines_free(lines);
	render_doc_free(doc);
}

/* In the C locale wcwidth() knows nothing: every character is 1 wide. */
static void
test_wrap_c_locale(void **state)
{
	struct render_doc *doc = render_str("<p>\xe6\x9d\xb1\xe4\xba\xac"
	    "\xe6\x9d\xb1\xe4\xba\xac\xe6\x9d\xb1\xe4\xba\xac\xe6\x9d\xb1"
	    "\xe4\xba\xac\xe6\x9d\xb1\xe4\xba\xac</p>");
	struct render_lines *lines;

	(void)state;
	setlocale(LC_ALL, "C");
	lines = render_wrap(doc, 8);
	assert_int_equal(render_lines_count(lines), 2);
	assert_int_equal(utf8_count(render_lines_get(lines, 0)->text,
	    render_lines_get(lines, 0)->len), 8);
	render_lines_free(lines);
	render_doc_free(doc);
}

/* A document of n nested open tags, a word in each, then n close tags. */
static char *
nested(const char *open, const char *close, size_t n)
{
	struct buf b;
	size_t i;

	buf_init(&b, 0);
	for (i = 0; i < n; i++) {
		buf_addstr(&b, open);
		buf_addstr(&b, "w ");
	}
	for (i = 0; i < n; i++)
		buf_addstr(&b, close);
	buf_addstr(&b, "<p>after</p>");
	return buf_detach(&b);
}

static void
test_deep_nesting(void **state)
{
	static const char *const tags[][2] = {
		{ "<div>", "</div>" },
		{ "<blockquote>", "</blockquote>" },
		{ "<ul><li>", "</li></ul>" },
		{ "<b>", "</b>" },
		{ "<table><tr><td>", "</td></tr></table>" },
	};
	size_t i, j;

	(void)state;
	for (i = 0; i < nitems(tags); i++) {
		char *html = nested(tags[i][0], tags[i][1], 10000);
		struct render_doc *doc = render_str(html);
		struct render_lines *lines = render_wrap(doc, 20);
		struct render_block_info b;

		int quote = 0;

		/* libxml2 stops at its depth limit (256) and keeps what it
		 * read; the walk itself has no limit to hit. */
		check_lines(lines, 20);
		assert_true(render_block_count(doc) > 0);
		for (j = 0; j < render_block_count(doc); j++) {
			assert_int_equal(render_block(doc, j, &b), 0);
			assert_true(b.quote <= 32 && b.level <= 32);
			assert_int_equal(strspn(b.text, "w |"), b.len);
			if (b.quote > quote)
				quote = b.quote;
		}
		assert_int_equal(quote, i == 1 ? 32 : 0);
		render_lines_free(lines);
		render_doc_free(doc);
		free(html);
	}
}

static void
test_huge_and_empty(void **state)
{
	struct render_doc *doc;
	struct render_lines *lines;
	struct buf b;
	char *plain;
	size_t i;

	(void)state;
	doc = render_html("", 0, NULL);
	assert_int_equal(render_block_count(doc), 0);
	lines = render_wrap(doc, 80);
	assert_int_equal(render_lines_count(lines), 0);
	plain = render_plain(doc);
	assert_string_equal(plain, "");
	free(plain);
	render_lines_free(lines);
	render_doc_free(doc);
	render_doc_free(NULL);
	render_lines_free(NULL);

	/* Twenty thousand paragraphs with a link each. */
	buf_init(&b, 0);
	for (i = 0; i < 20000; i++)
		buf_printf(&b, "<p>Paragraph %zu <a href='/p/%zu'>l</a></p>", i,
		    i % 500);
	doc = render_html(b.data, b.len, BASE);
	assert_int_equal(render_block_count(doc), 20000);
	assert_int_equal(render_link_count(doc), 500);
	lines = render_wrap(doc, 30);
	check_lines(lines, 30);
	render_lines_free(lines);
	render_doc_free(doc);
	buf_free(&b);

	/* Hostile shapes that a quadratic step would choke on: one pre line
	 * of 200,000 nodes with tabs, 50,000 distinct links, one paragraph of
	 * 200,000 runs. */
	buf_init(&b, 0);
	buf_addstr(&b, "<pre>");
	for (i = 0; i < 200000; i++)
		buf_addstr(&b, "<b>x</b>\t");
	buf_addstr(&b, "</pre><p>");
	for (i = 0; i < 50000; i++)
		buf_printf(&b, "<a href='/l/%zu'>a</a> ", i);
	for (i = 0; i < 200000; i++)
		buf_addstr(&b, "<i>y</i> <u>z</u>");
	doc = render_html(b.data, b.len, BASE);
	assert_int_equal(render_link_count(doc), 50000);
	assert_string_equal(render_link(doc, 49999),
	    "https://example.com/l/49999");
	lines = render_wrap(doc, 80);
	check_lines(lines, 80);
	render_lines_free(lines);
	render_doc_free(doc);
	buf_free(&b);
}

/* No byte of s is a control character other than those in allowed. */
static void
assert_no_controls(const char *s, size_t len, const char *allowed)
{
	size_t i = 0;

	assert_true(utf8_valid(s, len));
	while (i < len) {
		uint32_t cp;

		i += utf8_decode(s + i, len - i, &cp);
		if (cp < 0x80 && strchr(allowed, (int)cp) != NULL && cp != 0)
			continue;
		if (text_is_unsafe(cp))
			fail_msg("unsafe U+%04X in \"%.*s\"", cp, (int)len, s);
	}
}

/* Random markup from pieces that stress each path, under many widths:
 * lines always fit, and nothing unsafe comes out anywhere. */
static void
test_random_markup(void **state)
{
	static const char *const pieces[] = {
		"<p>", "</p>", "<b>", "</b>", "<a href='/x'>", "</a>", "<li>",
		"<ol>", "</ol>", "<ul>", "<pre>", "</pre>", "\t", "\n", "<br>",
		"&amp;", "&#27;", "\x1b[1m", "\xe6\x9d\xb1", "\xcc\x81",
		"word ", "averyveryverylongwordindeed ", "<blockquote>",
		"</blockquote>", "<table><tr><td>", "</td><td>", "<img alt='x'>",
		"<hr>", "<", ">", "&", "\xff", "\xc2\x9b", "\xe2\x80\xae",
		"<h2>", "</h2>", "<q>", "<script>", "</script>", " ", "  ",
		"<!--", "-->", "<![CDATA[", "]]>", "<code>", "&#x202e;",
	};
	uint32_t seed = 12345;
	int round;

	(void)state;
	setlocale(LC_ALL, "C.UTF-8");
	for (round = 0; round < 400; round++) {
		struct render_doc *doc;
		struct render_lines *lines;
		struct buf b;
		char *plain;
		int i, width;

		buf_init(&b, 0);
		buf_add(&b, "", 0);
		for (i = 0; i < 60; i++) {
			seed = seed * 1103515245u + 12345u;
			buf_addstr(&b, pieces[(seed >> 16) % nitems(pieces)]);
		}
		width = 8 + (int)((seed >> 8) % 93);
		doc = render_html(b.data, b.len, BASE);
		lines = render_wrap(doc, width);
		check_lines(lines, width);
		for (i = 0; i < (int)render_lines_count(lines); i++) {
			const struct render_line *l = render_lines_get(lines,
			    (size_t)i);

			assert_no_controls(l->text, l->len, "");
		}
		plain = render_plain(doc);
		assert_no_controls(plain, strlen(plain), "\n");
		free(plain);
		render_lines_free(lines);
		render_doc_free(doc);
		buf_free(&b);
	}
	setlocale(LC_ALL, "C");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_table),
		cmocka_unit_test(test_block_table),
		cmocka_unit_test(test_emphasis_runs),
		cmocka_unit_test(test_links),
		cmocka_unit_test(test_article_plain),
		cmocka_unit_test(test_wrap_wide),
		cmocka_unit_test(test_wrap_table),
		cmocka_unit_test(test_wrap_runs),
		cmocka_unit_test(test_wrap_c_locale),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_huge_and_empty),
		cmocka_unit_test(test_random_markup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
