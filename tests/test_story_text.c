/*
 * test_story_text.c - a story's body into its one plain text, and offsets
 * into the text the engine analysed back onto the wrapped lines, at
 * several widths, with wide and combining characters and lines dropped
 * by the noise step.
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
#include "hearsay/quotes.h"
#include "hearsay/render.h"
#include "hearsay/story_text.h"
#include "hearsay/text.h"
#include "hearsay/util.h"
#include "testlib.h"

static struct story_text *
text_of(const char *html)
{
	return story_text_new(html, strlen(html), "https://example.org/a/b.html");
}

static void
expect_plain(const char *html, const char *want)
{
	struct story_text *st = text_of(html);

	assert_string_equal(story_text_plain(st, NULL), want);
	story_text_free(st);
}

static void
test_blocks(void **state)
{
	(void)state;
	expect_plain("<h2>Harbour news</h2><p>First para.</p><p>Second"
	    " one.</p>", "Harbour news\n\nFirst para.\n\nSecond one.");
	expect_plain("<p>Before</p><ul><li>one</li><li>two <b>bold</b></li>"
	    "</ul><blockquote><p>Quoted here.</p></blockquote><p>After</p>",
	    "Before\n\none\n\ntwo bold\n\nQuoted here.\n\nAfter");
	expect_plain("<ol><li>first<li>second</ol>", "first\n\nsecond");
}

static void
test_inline(void **state)
{
	(void)state;
	expect_plain("<p>A <em>very <b>nested <i>set</i></b> of</em> tags.</p>",
	    "A very nested set of tags.");
	expect_plain("<p>Caf&eacute; &amp; bar &#8220;quoted&#8221;&nbsp;x</p>",
	    "Caf\xc3\xa9 & bar \xe2\x80\x9cquoted\xe2\x80\x9d x");
	expect_plain("<p>line one<br>line two</p>", "line one\nline two");
	expect_plain("<p>kept</p><script>var s = \"no\";</script>"
	    "<style>p { color: red }</style><p>also kept</p>",
	    "kept\n\nalso kept");
	/* Plain text with references is plain text, decoded. */
	expect_plain("Tom &amp; Jerry\n\nsecond", "Tom & Jerry\n\nsecond");
}

static void
test_links(void **state)
{
	struct story_text *st = text_of("<p>See <a href=\"/x\">this</a> and"
	    " <a href=\"https://example.net/\">that</a>, then <a href=\"/x\">"
	    "this again</a> <a href=\"#top\">top</a>.</p>");
	const struct render_doc *doc = story_text_doc(st);

	(void)state;
	/* Numbered as the pager numbers them, the text without the marks. */
	assert_int_equal(render_link_count(doc), 2);
	assert_string_equal(render_link(doc, 0), "https://example.org/x");
	assert_string_equal(render_link(doc, 1), "https://example.net/");
	assert_string_equal(story_text_plain(st, NULL),
	    "See this and that, then this again top.");
	story_text_free(st);
}

/* The text lines show for a span, the lines' pieces joined by nothing,
 * spaces removed (a wrap drops the space at a break). */
static char *
span_text(const struct render_lines *lines, const struct story_text_span *sp)
{
	struct buf b = BUF_INIT;
	const struct render_line *l;
	size_t i, from, to, k;

	buf_add(&b, "", 0);
	for (i = sp->line0; i <= sp->line1; i++) {
		l = render_lines_get(lines, i);
		from = i == sp->line0 ? sp->off0 : l->prefix;
		to = i == sp->line1 ? sp->off1 : l->len;
		assert_true(from >= l->prefix);
		assert_true(to <= l->len);
		for (k = from; k < to; k++) {
			if (l->text[k] != ' ')
				buf_addc(&b, l->text[k]);
		}
	}
	return buf_detach(&b);
}

static char *
squeeze(const char *s, size_t n)
{
	struct buf b = BUF_INIT;
	size_t i;

	buf_add(&b, "", 0);
	for (i = 0; i < n; i++) {
		if (s[i] != ' ' && s[i] != '\n')
			buf_addc(&b, s[i]);
	}
	return buf_detach(&b);
}

/* Every word of the analysed text, mapped at every width, shows on the
 * lines as itself. */
static void
check_words(struct story_text *st, const char *analysed)
{
	static const int widths[] = { 8, 11, 17, 24, 40, 80 };
	size_t w, pos, cp, start, n;
	struct render_lines *lines;
	struct story_text_span sp;
	char *got, *want;

	for (w = 0; w < nitems(widths); w++) {
		lines = render_wrap(story_text_doc(st), widths[w]);
		pos = cp = 0;
		while (analysed[pos] != '\0') {
			if (analysed[pos] == ' ' || analysed[pos] == '\n') {
				pos++;
				cp++;
				continue;
			}
			n = strcspn(analysed + pos, " \n");
			start = cp;
			cp += utf8_count(analysed + pos, n);
			assert_int_equal(story_text_span(st, lines, start, cp,
			    &sp), 0);
			got = span_text(lines, &sp);
			want = squeeze(analysed + pos, n);
			if (strcmp(got, want) != 0)
				fail_msg("width %d: word '%s' shows as '%s'",
				    widths[w], want, got);
			free(got);
			free(want);
			pos += n;
		}
		render_lines_free(lines);
	}
}

static const char story[] =
	"<h1>Ferry talks</h1>"
	"<p>The <b>harbour board</b> met on Tuesday. &ldquo;We will not"
	" cut the night crossing,&rdquo; said Ana Ruiz, its chair.</p>"
	"<ul><li>item one</li><li>item <a href=\"/t\">two</a> here</li></ul>"
	"<blockquote><p>A quoted block with a longword_that_must_break_"
	"somewhere_inside.</p></blockquote>"
	"<p>Wide: \xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xae\xe6\x96\x87"
	"\xe5\xad\x97 and combining: cafe\xcc\x81 re\xcc\x81sume\xcc\x81"
	" na&iuml;ve<br>after a break&nbsp;here.</p>";

static void
test_map_identity(void **state)
{
	struct story_text *st = text_of(story);
	const char *plain = story_text_plain(st, NULL);

	(void)state;
	assert_int_equal(story_text_align(st, plain), 0);
	check_words(st, plain);
	story_text_free(st);
}

/* The noise step drops whole lines and folds the blank lines: offsets
 * into what is left still land on the right words. */
static void
test_map_dropped_lines(void **state)
{
	struct story_text *st = text_of("<p>First paragraph here.</p>"
	    "<p>6004909111001 video</p><p>Second, after noise.</p>"
	    "<ul><li>kept item</li><li>dropped item</li><li>last item</li>"
	    "</ul>");
	const char *analysed = "First paragraph here.\n\nSecond, after"
	    " noise.\n\nkept item\n\nlast item";
	struct render_lines *lines;
	struct story_text_span sp;
	char *got;

	(void)state;
	assert_int_equal(story_text_align(st, analysed), 0);
	check_words(st, analysed);
	/* A range over the gap of a dropped line runs from its first word
	 * to its last as the lines show them, the dropped line between. */
	lines = render_wrap(story_text_doc(st), 80);
	assert_int_equal(story_text_span(st, lines, 10, 30, &sp), 0);
	got = span_text(lines, &sp);
	assert_string_equal(got, "graphhere.6004909111001videoSecond,");
	free(got);
	render_lines_free(lines);
	/* A range of nothing but blank lines falls on nothing. */
	lines = render_wrap(story_text_doc(st), 80);
	assert_int_equal(story_text_span(st, lines, 21, 23, &sp), -1);
	assert_int_equal(story_text_span(st, lines, 5, 5, &sp), -1);
	assert_int_equal(story_text_span(st, lines, 500, 510, &sp), -1);
	render_lines_free(lines);
	story_text_free(st);
}

/* A text not made from this one aligns with nothing: no span at all. */
static void
test_map_foreign(void **state)
{
	struct story_text *st = text_of("<p>One.</p><p>Two.</p>");
	struct render_lines *lines = render_wrap(story_text_doc(st), 40);
	struct story_text_span sp;

	(void)state;
	assert_int_equal(story_text_span(st, lines, 0, 3, &sp), -1);
	assert_int_equal(story_text_align(st, "One.\n\nThree."), -1);
	assert_int_equal(story_text_span(st, lines, 0, 3, &sp), -1);
	/* Lines out of order are no text made from it either. */
	assert_int_equal(story_text_align(st, "Two.\n\nOne."), -1);
	assert_int_equal(story_text_align(st, "One.\n\nTwo."), 0);
	assert_int_equal(story_text_span(st, lines, 6, 10, &sp), 0);
	assert_int_equal(sp.line0, 2);
	assert_int_equal(sp.off0, 0);
	assert_int_equal(sp.off1, 4);
	render_lines_free(lines);
	story_text_free(st);
}

/* The engine's own result on the text: its quote maps onto the words of
 * the quote as the pager shows them, noise line dropped or not. */
static void
test_engine_offsets(void **state)
{
	struct story_text *st = text_of("<p>Advertisement</p><p>The board"
	    " met.</p><p>6edb1a30-93cf-4c5e-9f4e-1f1a2b3c4d5e video</p>"
	    "<p>&ldquo;We <b>will</b> appeal the ruling,&rdquo; Ana Ruiz"
	    " said.</p>");
	struct quotes_result *res;
	struct render_lines *lines;
	struct story_text_span sp;
	size_t len, i;
	const char *plain = story_text_plain(st, &len);
	char *got, *want;
	int w;

	(void)state;
	if (testlib_lang == NULL)
		skip();
	res = quotes_analyze(testlib_lang, plain, len);
	assert_non_null(res);
	assert_int_equal(res->n_quotes, 1);
	assert_int_equal(story_text_align(st, res->text), 0);
	for (w = 12; w <= 80; w += 17) {
		lines = render_wrap(story_text_doc(st), w);
		assert_int_equal(story_text_span(st, lines,
		    res->quotes[0].start, res->quotes[0].end, &sp), 0);
		got = span_text(lines, &sp);
		want = squeeze(res->quotes[0].text,
		    strlen(res->quotes[0].text));
		/* The span is the quote, with or without its marks. */
		assert_non_null(strstr(got, want));
		for (i = 0; got[i] != '\0'; i++)
			assert_true(got[i] != '\n');
		free(got);
		free(want);
		render_lines_free(lines);
	}
	quotes_result_free(res);
	story_text_free(st);
}

/* The letters and digits of s, each run of anything else one space. */
static char *
tokens(const char *s)
{
	struct buf b = BUF_INIT;
	int gap = 0;

	buf_add(&b, "", 0);
	for (; *s != '\0'; s++) {
		if ((unsigned char)*s >= 0x80 || (*s >= '0' && *s <= '9') ||
		    ((*s | 0x20) >= 'a' && (*s | 0x20) <= 'z')) {
			if (gap && b.len > 0)
				buf_addc(&b, ' ');
			buf_addc(&b, *s);
			gap = 0;
		} else
			gap = 1;
	}
	return buf_detach(&b);
}

/* The index's words are the words of the reader's text, in order. */
static void
test_words(void **state)
{
	static const char *const bodies[] = {
		story,
		"<p>kept</p><script>var s = \"no\";</script><style>p{}</style>"
		    "<noscript>enable scripts</noscript><p>also kept</p>",
		"<p>Caf&eacute; &amp; bar &#8220;q&#8221;&nbsp;x &hellip;</p>",
		"<p>before <input type=text value=v> after<embed src=x> end</p>",
		"<p>a <!-- a comment > with a bracket --> b</p>",
		"<p>x <select><option>one</option></select> y <br/>z</p>",
		"<head><title>Page title</title></head><body><p>Body</p></body>",
		"<p>plain a < b and c<d</p>",
		"Tom &amp; Jerry\n\nno tags at all",
	};
	struct story_text *st;
	char *words, *want, *got;
	size_t i;

	(void)state;
	for (i = 0; i < nitems(bodies); i++) {
		st = text_of(bodies[i]);
		words = story_text_words(bodies[i], strlen(bodies[i]));
		want = tokens(story_text_plain(st, NULL));
		got = tokens(words);
		if (strcmp(want, got) != 0)
			fail_msg("body %zu: text '%s', index words '%s'", i,
			    want, got);
		free(want);
		free(got);
		free(words);
		story_text_free(st);
	}
	/* An element dropped and never closed drops the rest. */
	words = story_text_words("<p>seen</p><script>var x", 24);
	assert_string_equal(words, "seen");
	free(words);
}

/* HTML reaches the engine as the story's text: tags and scripts gone,
 * references decoded (the engine itself takes markup for text). */
static void
test_engine_html(void **state)
{
	struct story_text *st = text_of("<html><body><p>Advertisement</p>"
	    "<p>&ldquo;We <b>will</b> appeal,&rdquo; Ana Ruiz said.</p>"
	    "<script>var x = \"not a quote at all\";</script></body></html>");
	struct quotes_result *res;
	size_t len;
	const char *plain = story_text_plain(st, &len);

	(void)state;
	if (testlib_lang == NULL)
		skip();
	res = quotes_analyze(testlib_lang, plain, len);
	assert_int_equal(res->n_quotes, 1);
	assert_string_equal(res->quotes[0].text, "We will appeal,");
	assert_string_equal(res->quotes[0].speaker, "Ana Ruiz");
	quotes_result_free(res);
	story_text_free(st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_blocks),
		cmocka_unit_test(test_inline),
		cmocka_unit_test(test_links),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_map_identity),
		cmocka_unit_test(test_map_dropped_lines),
		cmocka_unit_test(test_map_foreign),
		cmocka_unit_test(test_engine_offsets),
		cmocka_unit_test(test_engine_html),
	};

	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		setlocale(LC_ALL, "");
	return cmocka_run_group_tests(tests, testlib_lang_setup,
	    testlib_lang_teardown);
}
