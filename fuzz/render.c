/*
 * render.c - fuzz target: HTML (and the same bytes as plain text) to a
 * document, wrapped to a width the input's first byte picks, and
 * flattened for the quote extractor.
 *
 * Checks render.h's promises: all text out is safe, runs lie inside their
 * text, no wrapped line is wider than asked, plain-text offsets point into
 * the plain text; and story_text.h's: the index's words are safe, the
 * plain text aligns with itself, and every span it maps lies inside the
 * lines.  Frees everything.
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "hearsay/render.h"
#include "hearsay/story_text.h"
#include "hearsay/text.h"
#include "hearsay/util.h"
#include "fuzz.h"

/* Columns of UTF-8 s[0..len) as render_wrap() counts them. */
static size_t
render_columns(const char *s, size_t len)
{
	mbstate_t st;
	size_t i = 0, n, cols = 0;
	wchar_t wc;
	int w;

	memset(&st, 0, sizeof st);
	while (i < len) {
		n = mbrtowc(&wc, s + i, len - i, &st);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			memset(&st, 0, sizeof st);
			n = 1;
			w = 1;
		} else if ((w = wcwidth(wc)) < 0)
			w = 1;
		cols += (size_t)w;
		i += n;
	}
	return cols;
}

/* Abort unless runs[0..n) are sorted, disjoint and inside len bytes. */
static void
render_check_runs(const struct render_run *runs, size_t n, size_t len)
{
	size_t i, prev = 0;

	for (i = 0; i < n; i++) {
		if (runs[i].start < prev || runs[i].end < runs[i].start ||
		    runs[i].end > len)
			abort();
		prev = runs[i].end;
	}
}

/* Check the blocks, links and plain text of doc. */
static void
render_check_doc(const struct render_doc *doc)
{
	struct render_block_info b;
	size_t i, off, plen, blk, boff;
	char *plain;

	for (i = 0; i < render_block_count(doc); i++) {
		if (render_block(doc, i, &b) == -1)
			abort();
		fuzz_assert_safe(b.text, b.len, 1);
		render_check_runs(b.runs, b.nruns, b.len);
	}
	if (render_block(doc, i, &b) != -1)
		abort();
	for (i = 0; i < render_link_count(doc); i++)
		fuzz_assert_safe_str(render_link(doc, i), 0);
	plain = render_plain(doc);
	plen = strlen(plain);
	fuzz_assert_safe(plain, plen, 1);
	for (i = 0; i < render_block_count(doc); i++) {
		off = render_plain_offset(doc, i);
		if (off != (size_t)-1 && off > plen)
			abort();
		if (off != (size_t)-1 && off < plen &&
		    render_plain_locate(doc, off, &blk, &boff) == 0 &&
		    blk >= render_block_count(doc))
			abort();
	}
	free(plain);
}

/* Wrap doc to width and check every line. */
static void
render_check_wrap(const struct render_doc *doc, int width)
{
	struct render_lines *lines = render_wrap(doc, width);
	const struct render_line *l;
	size_t i, max = (size_t)(width < 8 ? 8 : width);

	for (i = 0; i < render_lines_count(lines); i++) {
		l = render_lines_get(lines, i);
		fuzz_assert_safe(l->text, l->len, 0);
		if (l->prefix > l->len || render_columns(l->text, l->len) > max)
			abort();
		render_check_runs(l->runs, l->nruns, l->len);
	}
	render_lines_free(lines);
}

/* Abort unless span sp lies inside lines, in order. */
static void
render_check_span(const struct render_lines *lines,
    const struct story_text_span *sp)
{
	size_t n = render_lines_count(lines);

	if (sp->line0 > sp->line1 || sp->line1 >= n ||
	    sp->off0 > render_lines_get(lines, sp->line0)->len ||
	    sp->off1 > render_lines_get(lines, sp->line1)->len ||
	    (sp->line0 == sp->line1 && sp->off0 > sp->off1))
		abort();
}

/* The story text of the input: its words, its alignment with its own
 * plain text, and spans over it at width. */
static void
render_check_story(const char *data, size_t size, int width)
{
	struct story_text *st = story_text_new(data, size, NULL);
	struct render_lines *lines;
	struct story_text_span sp;
	size_t len, n, i, step;
	const char *plain = story_text_plain(st, &len);
	char *words = story_text_words(data, size);

	fuzz_assert_safe_str(words, 0);
	free(words);
	if (story_text_align(st, plain) != 0)
		abort();
	lines = render_wrap(story_text_doc(st), width);
	n = utf8_count(plain, len);
	step = 1 + n / 16;
	for (i = 0; i < n; i += step) {
		if (story_text_span(st, lines, i, i + step, &sp) == 0)
			render_check_span(lines, &sp);
	}
	render_lines_free(lines);
	story_text_free(st);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int init;
	struct render_doc *doc;
	int width;

	if (!init) {
		setlocale(LC_CTYPE, "C.UTF-8");
		init = 1;
	}
	width = size > 0 ? data[0] % 128 : 80;
	doc = render_html((const char *)data, size, "https://example.org/a/");
	render_check_doc(doc);
	render_check_wrap(doc, width);
	render_doc_free(doc);
	doc = render_text((const char *)data, size);
	render_check_doc(doc);
	render_check_wrap(doc, width);
	render_doc_free(doc);
	render_check_story((const char *)data, size, width);
	return 0;
}
