/*
 * render_wrap.c - a render document as lines for a terminal of a given
 * width: quote marks, list markers, word wrap by display columns, the
 * numbered link list at the end.
 *
 * Columns are counted with wcwidth() in the caller's locale (wide = 2,
 * combining = 0, unknown = 1).  Must never produce a line wider than the
 * width asked for, and never add a byte that is not ASCII decoration or
 * text the document already holds (which is sanitised).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "hearsay/text.h"
#include "hearsay/util.h"
#include "render_int.h"

#define RENDER_MIN_WIDTH 8

struct render_lines {
	struct render_line	*lines;
	size_t			 nlines;
	size_t			 alines;
};

/* The wrap of one block in progress. */
struct render_wrapper {
	struct render_lines		*out;
	const struct render_block	*blk;
	size_t				 index;		/* of blk */
	enum render_class		 cls;
	int				 width;
	struct buf			 first;		/* prefix of line 1 */
	struct buf			 cont;		/* prefix of the rest */
	int				 started;	/* line 1 is out */
	size_t				 run;		/* first run not yet passed */
};

/* Display columns of the character at s; sets *n to its byte length. */
static int
render_char_width(const char *s, size_t len, size_t *n)
{
	uint32_t cp;
	int w;

	*n = utf8_decode(s, len, &cp);
	w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

/* Add an empty line of class cls to out and return it. */
static struct render_line *
render_lines_new(struct render_lines *out, enum render_class cls,
    size_t block, int quote)
{
	struct render_line *line;

	if (out->nlines == out->alines) {
		out->alines = out->alines ? out->alines * 2 : 64;
		out->lines = xreallocarray(out->lines, out->alines,
		    sizeof *out->lines);
	}
	line = &out->lines[out->nlines++];
	memset(line, 0, sizeof *line);
	line->cls = cls;
	line->block = block;
	line->quote = quote;
	line->text = xstrdup("");
	return line;
}

/* The runs of the block over [start, end), moved to follow the prefix. */
static void
render_wrap_runs(struct render_wrapper *wr, struct render_line *line,
    size_t start, size_t end)
{
	const struct render_block *blk = wr->blk;
	struct render_run *runs;
	size_t i, n = 0;

	while (wr->run < blk->nruns && blk->runs[wr->run].end <= start)
		wr->run++;
	for (i = wr->run; i < blk->nruns && blk->runs[i].start < end; i++)
		n++;
	if (n == 0)
		return;
	runs = xreallocarray(NULL, n, sizeof *runs);
	for (i = 0; i < n; i++) {
		const struct render_run *r = &blk->runs[wr->run + i];

		runs[i] = *r;
		runs[i].start = (r->start > start ? r->start : start) - start +
		    line->prefix;
		runs[i].end = (r->end < end ? r->end : end) - start +
		    line->prefix;
	}
	line->runs = runs;
	line->nruns = n;
}

/* Emit the block's bytes [start, end) as one line behind the prefix. */
static void
render_wrap_emit(struct render_wrapper *wr, size_t start, size_t end)
{
	const struct buf *prefix = wr->started ? &wr->cont : &wr->first;
	struct render_line *line;
	char *text;

	line = render_lines_new(wr->out, wr->cls, wr->index, wr->blk->quote);
	line->heading = wr->blk->kind == RENDER_HEADING ? wr->blk->level : 0;
	text = xmalloc(prefix->len + (end - start) + 1);
	memcpy(text, buf_str(prefix), prefix->len);
	memcpy(text + prefix->len, wr->blk->text + start, end - start);
	text[prefix->len + (end - start)] = '\0';
	free((char *)line->text);
	line->text = text;
	line->len = prefix->len + (end - start);
	line->prefix = prefix->len;
	line->offset = start;
	render_wrap_runs(wr, line, start, end);
	wr->started = 1;
}

/* Columns left for text after the prefix of the next line. */
static int
render_wrap_avail(const struct render_wrapper *wr)
{
	const struct buf *prefix = wr->started ? &wr->cont : &wr->first;

	return wr->width - (int)prefix->len;
}

/* The end of the longest piece of [start, end) fitting in avail columns
 * (at least one character); *cols gets its width. */
static size_t
render_wrap_fit(const char *t, size_t start, size_t end, int avail, int *cols)
{
	size_t i = start, n;
	int col = 0;

	while (i < end) {
		int w = render_char_width(t + i, end - i, &n);

		if (col + w > avail && i > start)
			break;
		col += w;
		i += n;
	}
	*cols = col;
	return i;
}

/* Cut [start, end) into lines of at most the available columns. */
static void
render_wrap_hard(struct render_wrapper *wr, size_t start, size_t end)
{
	int cols;

	do {
		size_t cut = render_wrap_fit(wr->blk->text, start, end,
		    render_wrap_avail(wr), &cols);

		render_wrap_emit(wr, start, cut);
		start = cut;
	} while (start < end);
}

/* Non-zero for a character a line must not start with when it follows
 * wide text: closing CJK punctuation, and ASCII punctuation. */
static int
render_wrap_sticky(uint32_t cp)
{
	static const uint32_t wide[] = {
		0x3001, 0x3002, 0x300D, 0x300F, 0x3011, 0x3015, 0x30FC,
		0xFF01, 0xFF09, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF1F,
	};
	size_t i;

	if (cp < 0x80)
		return strchr(",.!?:;)]}'\"", (int)cp) != NULL;
	for (i = 0; i < nitems(wide); i++)
		if (cp == wide[i])
			return 1;
	return 0;
}

/* The end of the token at i: up to a space, or up to a wide character or
 * just past one (CJK text breaks between characters); *cols its width. */
static size_t
render_wrap_token(const char *t, size_t i, size_t e, int *cols)
{
	size_t j = i, n;
	int col = 0, wide = 0;

	while (j < e && t[j] != ' ') {
		uint32_t cp;
		int w = render_char_width(t + j, e - j, &n);

		utf8_decode(t + j, e - j, &cp);
		if (j > i && w > 0 && (w == 2 || wide) &&
		    !render_wrap_sticky(cp))
			break;
		if (w > 0)
			wide = w == 2;
		col += w;
		j += n;
	}
	*cols = col;
	return j;
}

/* Cut the token [i, we) that is wider than a line into pieces; returns
 * where its last piece starts, *cols set to that piece's width. */
static size_t
render_wrap_long(struct render_wrapper *wr, size_t i, size_t we, int *cols)
{
	size_t cut;

	for (;;) {
		cut = render_wrap_fit(wr->blk->text, i, we,
		    render_wrap_avail(wr), cols);
		if (cut == we)
			return i;
		render_wrap_emit(wr, i, cut);
		i = cut;
	}
}

/* Word-wrap one hard line [s, e) of running text (single spaces). */
static void
render_wrap_para(struct render_wrapper *wr, size_t s, size_t e)
{
	const char *t = wr->blk->text;
	size_t ls = s, le = s, i = s;
	int col = 0, have = 0;

	while (i < e) {
		size_t we;
		int wcols, gap = 0;

		/* Every space counts: a block may hold runs of them. */
		for (; i < e && t[i] == ' '; i++)
			gap++;
		if (i == e)
			break;
		we = render_wrap_token(t, i, e, &wcols);
		if (have && col + gap + wcols <= render_wrap_avail(wr)) {
			col += gap + wcols;
			le = i = we;
			continue;
		}
		if (have)
			render_wrap_emit(wr, ls, le);
		have = 1;
		/* A word or URL longer than the line is cut, and the line goes
		 * on after its last piece. */
		if (wcols > render_wrap_avail(wr))
			i = render_wrap_long(wr, i, we, &wcols);
		ls = i;
		col = wcols;
		le = i = we;
	}
	if (have || s == e)
		render_wrap_emit(wr, ls, le);
}

static const char *const render_bullets[] = { "* ", "- ", "+ " };

/* The decoration before line 1 and before the other lines of blk. */
static void
render_wrap_prefix(struct render_wrapper *wr)
{
	const struct render_block *blk = wr->blk;
	int i, cap = wr->width / 2;
	size_t mark;

	for (i = 0; i < blk->quote; i++)
		buf_addstr(&wr->first, "> ");
	if (blk->kind == RENDER_LIST_ITEM) {
		for (i = 1; i < blk->level; i++)
			buf_addstr(&wr->first, "  ");
		mark = wr->first.len;
		if (blk->number > 0)
			buf_printf(&wr->first, "%d. ", blk->number);
		else if (blk->number == 0)
			buf_addstr(&wr->first, render_bullets[(blk->level - 1) %
			    (int)nitems(render_bullets)]);
		else
			buf_addstr(&wr->first, "   ");
		buf_add(&wr->cont, wr->first.data, mark);
		while (wr->cont.len < wr->first.len)
			buf_addc(&wr->cont, ' ');
	} else
		buf_add(&wr->cont, buf_str(&wr->first), wr->first.len);
	/* Deep nesting must leave room for the text. */
	if (wr->first.len > (size_t)cap)
		wr->first.data[wr->first.len = (size_t)cap] = '\0';
	if (wr->cont.len > (size_t)cap)
		wr->cont.data[wr->cont.len = (size_t)cap] = '\0';
}

static enum render_class
render_wrap_class(const struct render_block *blk)
{
	switch (blk->kind) {
	case RENDER_HEADING:
		return RENDER_LINE_HEADING;
	case RENDER_LIST_ITEM:
		return RENDER_LINE_LIST;
	case RENDER_PRE:
		return RENDER_LINE_PRE;
	case RENDER_RULE:
		return RENDER_LINE_RULE;
	case RENDER_PARAGRAPH:
	case RENDER_TABLE_ROW:
		break;
	}
	return blk->quote > 0 ? RENDER_LINE_QUOTE : RENDER_LINE_BODY;
}

/* A rule: dashes across the room the quote marks leave. */
static void
render_wrap_rule(struct render_wrapper *wr)
{
	struct render_line *line;
	struct buf b;
	int i, n = render_wrap_avail(wr);

	buf_init(&b, 0);
	buf_add(&b, buf_str(&wr->first), wr->first.len);
	for (i = 0; i < n; i++)
		buf_addc(&b, '-');
	line = render_lines_new(wr->out, RENDER_LINE_RULE, wr->index,
	    wr->blk->quote);
	free((char *)line->text);
	line->prefix = wr->first.len;
	line->len = b.len;
	line->text = buf_detach(&b);
}

/* Wrap block index i of doc onto out. */
static void
render_wrap_block(struct render_lines *out, const struct render_doc *doc,
    size_t index, int width)
{
	struct render_wrapper wr;
	const struct render_block *blk = &doc->blocks[index];
	size_t s = 0;

	memset(&wr, 0, sizeof wr);
	wr.out = out;
	wr.blk = blk;
	wr.index = index;
	wr.width = width;
	wr.cls = render_wrap_class(blk);
	buf_init(&wr.first, 0);
	buf_init(&wr.cont, 0);
	buf_add(&wr.first, "", 0);
	buf_add(&wr.cont, "", 0);
	render_wrap_prefix(&wr);
	if (blk->kind == RENDER_RULE)
		render_wrap_rule(&wr);
	while (blk->kind != RENDER_RULE && s <= blk->len) {
		const char *nl = memchr(blk->text + s, '\n', blk->len - s);
		size_t e = nl != NULL ? (size_t)(nl - blk->text) : blk->len;

		if (blk->kind == RENDER_PRE)
			render_wrap_hard(&wr, s, e);
		else
			render_wrap_para(&wr, s, e);
		s = e + 1;
	}
	buf_free(&wr.first);
	buf_free(&wr.cont);
}

/* "[n] URL" lines, the URL cut to the width. */
static void
render_wrap_links(struct render_lines *out, const struct render_doc *doc,
    int width)
{
	struct render_block blk;
	size_t i;

	for (i = 0; i < doc->nlinks; i++) {
		struct render_run runs[2];
		struct render_wrapper wr;
		char *text = xprintf("[%zu] %s", i + 1, doc->links[i]);
		size_t note = (size_t)(strchr(text, ']') - text) + 1, first;

		memset(&blk, 0, sizeof blk);
		blk.kind = RENDER_PARAGRAPH;
		blk.text = text;
		blk.len = strlen(text);
		runs[0] = (struct render_run){ 0, note, RENDER_ATTR_NOTE,
		    (int)i + 1 };
		runs[1] = (struct render_run){ note + 1, blk.len,
		    RENDER_ATTR_LINK, (int)i + 1 };
		blk.runs = runs;
		blk.nruns = 2;
		memset(&wr, 0, sizeof wr);
		wr.out = out;
		wr.blk = &blk;
		wr.index = RENDER_NO_BLOCK;
		wr.width = width;
		wr.cls = RENDER_LINE_LINKS;
		buf_init(&wr.first, 0);
		buf_init(&wr.cont, 0);
		buf_add(&wr.first, "", 0);
		while (wr.cont.len < note + 1 && (int)wr.cont.len < width / 2)
			buf_addc(&wr.cont, ' ');
		first = render_wrap_fit(text, 0, blk.len, width, &(int){ 0 });
		render_wrap_emit(&wr, 0, first);
		if (first < blk.len)
			render_wrap_hard(&wr, first, blk.len);
		buf_free(&wr.first);
		buf_free(&wr.cont);
		free(text);
	}
}

/* Blocks following each other without a blank line between. */
static int
render_wrap_tight(const struct render_block *a, const struct render_block *b)
{
	if (a->kind == RENDER_LIST_ITEM && b->kind == RENDER_LIST_ITEM)
		return b->number >= 0;
	return a->kind == RENDER_TABLE_ROW && b->kind == RENDER_TABLE_ROW;
}

struct render_lines *
render_wrap(const struct render_doc *doc, int width)
{
	struct render_lines *out = xcalloc(1, sizeof *out);
	size_t i;

	if (width < RENDER_MIN_WIDTH)
		width = RENDER_MIN_WIDTH;
	for (i = 0; i < doc->nblocks; i++) {
		const struct render_block *prev = i > 0 ? &doc->blocks[i - 1] :
		    NULL;

		if (prev != NULL && !render_wrap_tight(prev, &doc->blocks[i]))
			render_lines_new(out, RENDER_LINE_BLANK,
			    RENDER_NO_BLOCK, prev->quote < doc->blocks[i].quote ?
			    prev->quote : doc->blocks[i].quote);
		render_wrap_block(out, doc, i, width);
	}
	if (doc->nlinks > 0) {
		if (doc->nblocks > 0)
			render_lines_new(out, RENDER_LINE_BLANK,
			    RENDER_NO_BLOCK, 0);
		render_wrap_links(out, doc, width);
	}
	return out;
}

void
render_lines_free(struct render_lines *lines)
{
	size_t i;

	if (lines == NULL)
		return;
	for (i = 0; i < lines->nlines; i++) {
		free((char *)lines->lines[i].text);
		free((struct render_run *)lines->lines[i].runs);
	}
	free(lines->lines);
	free(lines);
}

size_t
render_lines_count(const struct render_lines *lines)
{
	return lines->nlines;
}

const struct render_line *
render_lines_get(const struct render_lines *lines, size_t i)
{
	return i < lines->nlines ? &lines->lines[i] : NULL;
}
