/*
 * render.c - the rendered document: its blocks, attribute runs and links,
 * the builder the front ends fill it through, plain text in and out.
 *
 * Every string that enters a block goes through text_sanitize() here, in
 * the builder, so no front end can forget it.  Must never print, and never
 * know about curses or libxml2 (that is render_html.c).
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hearsay/text.h"
#include "hearsay/util.h"
#include "render_int.h"

#define TAB_STOP 8

struct render_doc *
render_doc_new(void)
{
	return xcalloc(1, sizeof(struct render_doc));
}

void
render_doc_free(struct render_doc *doc)
{
	size_t i;

	if (doc == NULL)
		return;
	for (i = 0; i < doc->nblocks; i++) {
		free(doc->blocks[i].text);
		free(doc->blocks[i].runs);
	}
	for (i = 0; i < doc->nlinks; i++)
		free(doc->links[i]);
	free(doc->plain);
	free(doc->blocks);
	free(doc->links);
	free(doc->lhash);
	free(doc);
}

size_t
render_block_count(const struct render_doc *doc)
{
	return doc->nblocks;
}

int
render_block(const struct render_doc *doc, size_t i,
    struct render_block_info *out)
{
	const struct render_block *blk;

	if (i >= doc->nblocks)
		return -1;
	blk = &doc->blocks[i];
	out->kind = blk->kind;
	out->level = blk->level;
	out->quote = blk->quote;
	out->number = blk->number;
	out->text = blk->text;
	out->len = blk->len;
	out->runs = blk->runs;
	out->nruns = blk->nruns;
	return 0;
}

size_t
render_link_count(const struct render_doc *doc)
{
	return doc->nlinks;
}

const char *
render_link(const struct render_doc *doc, size_t i)
{
	return i < doc->nlinks ? doc->links[i] : NULL;
}

/* FNV-1a, for the link table. */
static size_t
render_hash(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* Rebuild the link hash table at twice the size. */
static void
render_doc_rehash(struct render_doc *doc)
{
	size_t i, mask;

	free(doc->lhash);
	doc->nlhash = doc->nlhash ? doc->nlhash * 2 : 64;
	doc->lhash = xcalloc(doc->nlhash, sizeof *doc->lhash);
	mask = doc->nlhash - 1;
	for (i = 0; i < doc->nlinks; i++) {
		size_t h = render_hash(doc->links[i]) & mask;

		while (doc->lhash[h] != 0)
			h = (h + 1) & mask;
		doc->lhash[h] = i + 1;
	}
}

int
render_doc_link(struct render_doc *doc, char *url)
{
	size_t h, mask;

	if (doc->nlinks * 2 >= doc->nlhash)
		render_doc_rehash(doc);
	mask = doc->nlhash - 1;
	for (h = render_hash(url) & mask; doc->lhash[h] != 0;
	    h = (h + 1) & mask) {
		if (strcmp(doc->links[doc->lhash[h] - 1], url) == 0) {
			free(url);
			return (int)doc->lhash[h];
		}
	}
	if (doc->nlinks == doc->alinks) {
		doc->alinks = doc->alinks ? doc->alinks * 2 : 8;
		doc->links = xreallocarray(doc->links, doc->alinks,
		    sizeof *doc->links);
	}
	doc->links[doc->nlinks++] = url;
	doc->lhash[h] = doc->nlinks;
	return (int)doc->nlinks;
}

/* Where each byte of a block's plain text came from in the block text. */
struct render_map {
	size_t	*at;
	size_t	 n;
	size_t	 a;
};

static void
render_map_add(struct render_map *map, size_t from, size_t n)
{
	if (map == NULL)
		return;
	while (map->n + n > map->a) {
		map->a = map->a ? map->a * 2 : 256;
		map->at = xreallocarray(map->at, map->a, sizeof *map->at);
	}
	while (n-- > 0)
		map->at[map->n++] = from++;
}

const char *
render_find_nbsp(const char *s, size_t n)
{
	const char *c = memchr(s, 0xc2, n);

	/* Why memchr: most text has none, and memmem costs more. */
	while (c != NULL && (c + 1 == s + n || (unsigned char)c[1] != 0xa0))
		c = memchr(c + 1, 0xc2, (size_t)(s + n - c - 1));
	return c;
}

/* Append text[pos..end) with no-break spaces made plain spaces. */
static void
render_plain_add(struct buf *out, const char *text, size_t pos, size_t end,
    struct render_map *map)
{
	const char *nbsp = render_find_nbsp(text + pos, end - pos);

	while (nbsp != NULL) {
		size_t at = (size_t)(nbsp - text);

		buf_add(out, text + pos, at - pos);
		render_map_add(map, pos, at - pos);
		buf_addc(out, ' ');
		render_map_add(map, at, 1);
		pos = at + 2;
		nbsp = render_find_nbsp(text + pos, end - pos);
	}
	buf_add(out, text + pos, end - pos);
	render_map_add(map, pos, end - pos);
}

/* Append blk's text without markers and placeholders to out; with map,
 * note where each byte came from. */
static void
render_plain_block(const struct render_block *blk, struct buf *out,
    struct render_map *map)
{
	size_t pos = 0, i, base = out->len;

	for (i = 0; i <= blk->nruns; i++) {
		size_t end = i < blk->nruns ? blk->runs[i].start : blk->len;

		if (i < blk->nruns &&
		    !(blk->runs[i].attr & (RENDER_ATTR_NOTE | RENDER_ATTR_IMAGE)))
			continue;
		/* Dropping "[image]" from "a [image] b" leaves one space. */
		if (pos < end && blk->text[pos] == ' ' &&
		    (out->len == 0 || out->data[out->len - 1] == ' ' ||
		    out->data[out->len - 1] == '\n'))
			pos++;
		render_plain_add(out, blk->text, pos, end, map);
		if (i < blk->nruns)
			pos = blk->runs[i].end;
	}
	while (out->len > base && (out->data[out->len - 1] == ' ' ||
	    out->data[out->len - 1] == '\n'))
		out->data[--out->len] = '\0';
	if (map != NULL && map->n > out->len - base)
		map->n = out->len - base;
}

/* Build the plain text; with record set, note where each block starts. */
static char *
render_plain_build(struct render_doc *doc, int record)
{
	struct buf out;
	const struct render_block *prev = NULL;
	size_t i;

	buf_init(&out, 0);
	buf_add(&out, "", 0);
	for (i = 0; i < doc->nblocks; i++) {
		struct render_block *blk = &doc->blocks[i];
		size_t mark = out.len, start;

		if (record)
			blk->plain_off = (size_t)-1;
		if (blk->kind == RENDER_RULE)
			continue;
		/* Every block a paragraph, list items and rows too: the
		 * engine reads a paragraph as a unit (a colon ending one
		 * item must not lend its words to the next). */
		if (prev != NULL)
			buf_addstr(&out, "\n\n");
		start = out.len;
		render_plain_block(blk, &out, NULL);
		if (out.len <= start) {
			/* Nothing but placeholders: the block is not there. */
			out.len = mark;
			out.data[mark] = '\0';
			continue;
		}
		if (record)
			blk->plain_off = start;
		prev = blk;
	}
	return buf_detach(&out);
}

char *
render_plain(const struct render_doc *doc)
{
	if (doc->plain != NULL)
		return xstrndup(doc->plain, doc->plain_len);
	return render_plain_build((struct render_doc *)doc, 0);
}

size_t
render_plain_offset(const struct render_doc *doc, size_t i)
{
	return i < doc->nblocks ? doc->blocks[i].plain_off : (size_t)-1;
}

int
render_plain_locate(const struct render_doc *doc, size_t off, size_t *block,
    size_t *block_off)
{
	struct render_map map = { NULL, 0, 0 };
	struct buf tmp;
	size_t i, found = (size_t)-1;
	int rc = -1;

	for (i = 0; i < doc->nblocks; i++) {
		size_t start = doc->blocks[i].plain_off;

		if (start == (size_t)-1)
			continue;
		if (start > off)
			break;
		found = i;
	}
	if (found == (size_t)-1)
		return -1;
	buf_init(&tmp, 0);
	render_plain_block(&doc->blocks[found], &tmp, &map);
	if (off - doc->blocks[found].plain_off < map.n) {
		*block = found;
		*block_off = map.at[off - doc->blocks[found].plain_off];
		rc = 0;
	}
	buf_free(&tmp);
	free(map.at);
	return rc;
}

void
render_doc_finish(struct render_doc *doc)
{
	free(doc->plain);
	doc->plain = render_plain_build(doc, 1);
	doc->plain_len = strlen(doc->plain);
}

void
render_builder_init(struct render_builder *b, struct render_doc *doc)
{
	memset(b, 0, sizeof *b);
	b->doc = doc;
	buf_init(&b->text, 0);
	b->cur_kind = RENDER_PARAGRAPH;
}

void
render_builder_free(struct render_builder *b)
{
	buf_free(&b->text);
	free(b->runs);
	b->runs = NULL;
}

/* Take the block's properties from the current ones at its first byte. */
static void
render_builder_start(struct render_builder *b)
{
	if (b->started)
		return;
	b->started = 1;
	b->props.kind = b->cur_kind;
	b->props.level = b->cur_level;
	b->props.quote = b->cur_quote;
	b->props.number = 0;
	if (b->cur_kind == RENDER_LIST_ITEM) {
		/* The first block of an item shows its marker; later ones
		 * (a second paragraph) are continuations. */
		b->props.number = b->marker ? b->cur_number : -1;
		b->marker = 0;
	}
}

/* Append bytes already sanitised, extending or adding an attribute run. */
static void
render_builder_raw(struct render_builder *b, const char *s, size_t len,
    unsigned attr, int link)
{
	size_t start = b->text.len;
	struct render_run *last;

	if (len == 0)
		return;
	render_builder_start(b);
	if (buf_add(&b->text, s, len) == -1)
		return;
	if (attr == 0)
		return;
	last = b->nruns > 0 ? &b->runs[b->nruns - 1] : NULL;
	if (last != NULL && last->end == start && last->attr == attr &&
	    last->link == link) {
		last->end = b->text.len;
		return;
	}
	if (b->nruns == b->aruns) {
		b->aruns = b->aruns ? b->aruns * 2 : 8;
		b->runs = xreallocarray(b->runs, b->aruns, sizeof *b->runs);
	}
	b->runs[b->nruns].start = start;
	b->runs[b->nruns].end = b->text.len;
	b->runs[b->nruns].attr = attr;
	b->runs[b->nruns].link = link;
	b->nruns++;
}

/* The attributes the byte before the end has, for a space between runs. */
static unsigned
render_builder_tail_attr(const struct render_builder *b, unsigned attr,
    int link)
{
	const struct render_run *last;

	if (b->nruns == 0)
		return 0;
	last = &b->runs[b->nruns - 1];
	if (last->end != b->text.len || last->link != link)
		return 0;
	return last->attr & attr;
}

/* Emit the pending separator or space before new text. */
static void
render_builder_pending(struct render_builder *b, unsigned attr, int link)
{
	if (b->sep && b->text.len > 0)
		render_builder_raw(b, " | ", 3, 0, 0);
	else if (b->space && b->text.len > 0 &&
	    b->text.data[b->text.len - 1] != '\n')
		render_builder_raw(b, " ", 1,
		    render_builder_tail_attr(b, attr, link), link);
	b->sep = 0;
	b->space = 0;
}

static int
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Remove soft hyphens (U+00AD) in place: a terminal would show them, a
 * browser only where it breaks the word. */
static void
render_drop_shy(char *s)
{
	char *w = s;

	for (; *s != '\0'; s++) {
		if (s[0] == '\xc2' && s[1] == '\xad') {
			s++;
			continue;
		}
		*w++ = *s;
	}
	*w = '\0';
}

void
render_builder_text(struct render_builder *b, const char *s, size_t len,
    unsigned attr, int link)
{
	char *clean = text_sanitize(s, len, 0), *r, *w, *start;
	int gap = 0;

	if (strchr(clean, '\xc2') != NULL)
		render_drop_shy(clean);
	for (r = clean; is_ws(*r); r++)
		b->space = 1;
	/* The node's words with single spaces between them go in at once:
	 * a space inside a node has the node's attributes, as its words. */
	for (start = w = r; *r != '\0'; r++) {
		if (is_ws(*r)) {
			gap = 1;
			continue;
		}
		if (gap)
			*w++ = ' ';
		gap = 0;
		*w++ = *r;
	}
	if (w > start) {
		render_builder_pending(b, attr, link);
		render_builder_raw(b, start, (size_t)(w - start), attr, link);
	}
	if (gap)
		b->space = 1;
	free(clean);
}

void
render_builder_pre(struct render_builder *b, const char *s, size_t len,
    unsigned attr, int link)
{
	char *clean = text_sanitize(s, len, TEXT_KEEP_LAYOUT);
	const char *p = clean;
	size_t col;

	/* The column of the end of the block so far, for tab stops, counted
	 * on from where the last call left it (not from the line start:
	 * one long line of many nodes would make that quadratic). */
	for (; b->colpos < b->text.len; b->colpos++) {
		unsigned char c = (unsigned char)b->text.data[b->colpos];

		if (c == '\n')
			b->col = 0;
		else if ((c & 0xC0) != 0x80)
			b->col++;
	}
	col = b->col;
	/* A newline right after <pre> is not content (HTML 4, 9.3.4). */
	if (b->text.len == 0 && *p == '\n')
		p++;
	b->space = 0;
	while (*p != '\0') {
		size_t n;

		if (*p == '\t') {
			size_t pad = TAB_STOP - col % TAB_STOP;

			render_builder_raw(b, "        ", pad, attr, link);
			col += pad;
			p++;
			continue;
		}
		for (n = 0; p[n] != '\0' && p[n] != '\t' && p[n] != '\n'; n++)
			;
		if (p[n] == '\n')
			n++;
		render_builder_raw(b, p, n, attr, link);
		col = p[n - 1] == '\n' ? 0 : col + utf8_count(p, n);
		p += n;
	}
	b->col = col;
	b->colpos = b->text.len;
	free(clean);
}

/* Drop trailing spaces and newlines, shortening runs that covered them. */
static void
render_builder_trim(struct render_builder *b)
{
	while (b->text.len > 0 && (b->text.data[b->text.len - 1] == ' ' ||
	    b->text.data[b->text.len - 1] == '\n'))
		b->text.data[--b->text.len] = '\0';
	while (b->nruns > 0 && b->runs[b->nruns - 1].start >= b->text.len)
		b->nruns--;
	if (b->nruns > 0 && b->runs[b->nruns - 1].end > b->text.len)
		b->runs[b->nruns - 1].end = b->text.len;
}

void
render_builder_br(struct render_builder *b)
{
	b->space = 0;
	b->sep = 0;
	if (b->text.len == 0)
		return;
	if (b->props.kind == RENDER_PRE) {
		render_builder_raw(b, "\n", 1, 0, 0);
		return;
	}
	/* "text<br><br>more" is how many feeds write paragraphs. */
	if (b->text.data[b->text.len - 1] == '\n') {
		render_builder_flush(b);
		return;
	}
	render_builder_trim(b);
	render_builder_raw(b, "\n", 1, 0, 0);
}

void
render_builder_note(struct render_builder *b, int link)
{
	char mark[24];
	int n;

	/* Keep a pending space pending: "<a>x </a>y" is "x[1] y". */
	n = snprintf(mark, sizeof mark, "[%d]", link);
	if (n > 0 && b->text.len > 0)
		render_builder_raw(b, mark, (size_t)n, RENDER_ATTR_NOTE, link);
}

void
render_builder_note_last(struct render_builder *b, int link)
{
	struct render_block *blk;
	char mark[24];
	int n;

	if (b->doc->nblocks == 0)
		return;
	blk = &b->doc->blocks[b->doc->nblocks - 1];
	n = snprintf(mark, sizeof mark, "[%d]", link);
	if (n <= 0 || blk->kind == RENDER_RULE)
		return;
	blk->text = xrealloc(blk->text, blk->len + (size_t)n + 1);
	memcpy(blk->text + blk->len, mark, (size_t)n + 1);
	blk->runs = xreallocarray(blk->runs, blk->nruns + 1, sizeof *blk->runs);
	blk->runs[blk->nruns].start = blk->len;
	blk->runs[blk->nruns].end = blk->len + (size_t)n;
	blk->runs[blk->nruns].attr = RENDER_ATTR_NOTE;
	blk->runs[blk->nruns].link = link;
	blk->nruns++;
	blk->len += (size_t)n;
}

void
render_builder_cell(struct render_builder *b)
{
	if (b->text.len > 0)
		b->sep = 1;
}

void
render_builder_space(struct render_builder *b)
{
	if (b->text.len > 0)
		b->space = 1;
}

/* Append the block being built to the document. */
static void
render_builder_push(struct render_builder *b)
{
	struct render_doc *doc = b->doc;
	struct render_block *blk;

	if (doc->nblocks == doc->ablocks) {
		doc->ablocks = doc->ablocks ? doc->ablocks * 2 : 16;
		doc->blocks = xreallocarray(doc->blocks, doc->ablocks,
		    sizeof *doc->blocks);
	}
	blk = &doc->blocks[doc->nblocks++];
	*blk = b->props;
	blk->len = b->text.len;
	blk->text = buf_detach(&b->text);
	blk->nruns = b->nruns;
	blk->runs = NULL;
	if (b->nruns > 0) {
		blk->runs = xreallocarray(NULL, b->nruns, sizeof *blk->runs);
		memcpy(blk->runs, b->runs, b->nruns * sizeof *blk->runs);
	}
}

void
render_builder_flush(struct render_builder *b)
{
	render_builder_trim(b);
	if (b->text.len > 0 || (b->started && b->props.kind == RENDER_RULE))
		render_builder_push(b);
	buf_reset(&b->text);
	b->nruns = 0;
	b->col = 0;
	b->colpos = 0;
	b->started = 0;
	b->space = 0;
	b->sep = 0;
}

void
render_builder_empty(struct render_builder *b, enum render_kind kind)
{
	render_builder_flush(b);
	b->started = 1;
	memset(&b->props, 0, sizeof b->props);
	b->props.kind = kind;
	b->props.quote = b->cur_quote;
	render_builder_flush(b);
}

/* Non-zero when line[0..len) holds only white space. */
static int
render_text_blank(const char *line, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!is_ws(line[i]))
			return 0;
	return 1;
}

struct render_doc *
render_text(const char *text, size_t len)
{
	struct render_doc *doc = render_doc_new();
	struct render_builder b;
	size_t pos = 0;

	render_builder_init(&b, doc);
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl != NULL ? (size_t)(nl - text) : len;

		if (render_text_blank(text + pos, end - pos))
			render_builder_flush(&b);
		else {
			render_builder_space(&b);
			render_builder_text(&b, text + pos, end - pos, 0, 0);
		}
		pos = end + 1;
	}
	render_builder_flush(&b);
	render_builder_free(&b);
	render_doc_finish(doc);
	return doc;
}
