/*
 * story_text.c - a story's body as one document and one plain text, and
 * the map from the analysed text's code points back to wrapped lines.
 *
 * The map has two steps.  The analysed text is made of whole lines of
 * the plain text, in order, byte for byte (the noise step only drops
 * lines and folds blank ones), so it is kept as a list of pieces: where
 * each of its lines starts, in code points, and where that line is in
 * the plain text.  The plain text's bytes then lead to a block and a
 * byte of its text (render_plain_locate), and a block's byte to the
 * wrapped line that shows it (each line holds a run of its block's text
 * behind its decoration).  Must never parse HTML but through render.h.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hearsay/render.h"
#include "hearsay/story_text.h"
#include "hearsay/text.h"
#include "hearsay/util.h"

/* One line of the analysed text and where it is in the plain text. */
struct story_piece {
	size_t	 cp;	/* first code point, in the analysed text */
	size_t	 ncp;	/* its code points */
	size_t	 at;	/* its first byte, in the plain text */
	size_t	 len;	/* its bytes (the same in both) */
};

struct story_text {
	struct render_doc	*doc;
	char			*plain;
	size_t			 len;
	struct story_piece	*pieces;
	size_t			 n_pieces;
	int			 aligned;
};

struct story_text *
story_text_new(const char *body, size_t len, const char *base_url)
{
	struct story_text *st = xcalloc(1, sizeof *st);

	st->doc = render_html(body != NULL ? body : "", body != NULL ? len : 0,
	    base_url);
	st->plain = render_plain(st->doc);
	st->len = strlen(st->plain);
	return st;
}

void
story_text_free(struct story_text *st)
{
	if (st == NULL)
		return;
	render_doc_free(st->doc);
	free(st->plain);
	free(st->pieces);
	free(st);
}

const struct render_doc *
story_text_doc(const struct story_text *st)
{
	return st->doc;
}

const char *
story_text_plain(const struct story_text *st, size_t *len)
{
	if (len != NULL)
		*len = st->len;
	return st->plain;
}

char *
story_text_plain_dup(const struct story_text *st)
{
	return xstrndup(st->plain, st->len);
}

char *
story_text_words(const char *body, size_t len)
{
	return render_words(body, len);
}

/* The next line of the plain text from byte *from that is s[0..n), its
 * start, with *from moved past it; (size_t)-1 when there is none. */
static size_t
story_find_line(const struct story_text *st, size_t *from, const char *s,
    size_t n)
{
	size_t pos = *from, end;
	const char *nl;

	while (pos <= st->len) {
		nl = memchr(st->plain + pos, '\n', st->len - pos);
		end = nl != NULL ? (size_t)(nl - st->plain) : st->len;
		if (end - pos == n && memcmp(st->plain + pos, s, n) == 0) {
			*from = end + 1;
			return pos;
		}
		if (nl == NULL)
			break;
		pos = end + 1;
	}
	return (size_t)-1;
}

/* Add a piece, growing the array by doubling. */
static void
story_piece_add(struct story_text *st, size_t cp, size_t ncp, size_t at,
    size_t len)
{
	if ((st->n_pieces & (st->n_pieces - 1)) == 0)
		st->pieces = xreallocarray(st->pieces,
		    st->n_pieces ? st->n_pieces * 2 : 1, sizeof *st->pieces);
	st->pieces[st->n_pieces++] = (struct story_piece){ cp, ncp, at, len };
}

int
story_text_align(struct story_text *st, const char *analysed)
{
	size_t pos = 0, cp = 0, from = 0, n, ncp, at;
	const char *nl;

	st->n_pieces = 0;
	st->aligned = 0;
	while (analysed[pos] != '\0') {
		nl = strchr(analysed + pos, '\n');
		n = nl != NULL ? (size_t)(nl - (analysed + pos)) :
		    strlen(analysed + pos);
		if (n > 0) {
			/* Lines come in order: the search never goes back. */
			at = story_find_line(st, &from, analysed + pos, n);
			if (at == (size_t)-1) {
				st->n_pieces = 0;
				return -1;
			}
			ncp = utf8_count(analysed + pos, n);
			story_piece_add(st, cp, ncp, at, n);
			cp += ncp;
			pos += n;
		}
		if (analysed[pos] == '\n') {
			pos++;
			cp++;
		}
	}
	st->aligned = 1;
	return 0;
}

/* The byte of the plain text where code point cp of piece p is. */
static size_t
story_piece_byte(const struct story_text *st, const struct story_piece *p,
    size_t cp)
{
	size_t at = p->at, end = p->at + p->len;
	uint32_t c;

	for (; cp > p->cp && at < end; cp--)
		at += utf8_decode(st->plain + at, end - at, &c);
	return at;
}

/* The first piece that ends after code point cp, or n_pieces. */
static size_t
story_piece_after(const struct story_text *st, size_t cp)
{
	size_t lo = 0, hi = st->n_pieces, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (st->pieces[mid].cp + st->pieces[mid].ncp <= cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The plain text's bytes [*from, *last] (last: the first byte of the
 * range's last character) for code points [start, end), narrowed to the
 * pieces; -1 when nothing of it is in a piece. */
static int
story_range(const struct story_text *st, size_t start, size_t end,
    size_t *from, size_t *last)
{
	const struct story_piece *p, *q;
	size_t i, j;

	if (!st->aligned || start >= end)
		return -1;
	i = story_piece_after(st, start);
	j = story_piece_after(st, end - 1);
	if (i == st->n_pieces)
		return -1;
	p = &st->pieces[i];
	if (start < p->cp)
		start = p->cp;
	/* An end in the gap before piece j ends in the piece before it. */
	if (j == st->n_pieces || end - 1 < st->pieces[j].cp) {
		if (j == 0)
			return -1;
		j--;
		q = &st->pieces[j];
		end = q->cp + q->ncp;
	} else
		q = &st->pieces[j];
	if (start >= end || j < i)
		return -1;
	*from = story_piece_byte(st, p, start);
	*last = story_piece_byte(st, q, end - 1);
	return 0;
}

/* The wrapped line showing byte off of block b, and the byte in the line;
 * a byte the wrap dropped (the space at a break) is shown at the end of
 * its line.  -1 when no line shows block b. */
static int
story_line_of(const struct render_lines *lines, size_t b, size_t off,
    size_t *line, size_t *col)
{
	const struct render_line *l;
	size_t i, n = render_lines_count(lines), found = (size_t)-1;

	for (i = 0; i < n; i++) {
		l = render_lines_get(lines, i);
		if (l->block != b) {
			if (found != (size_t)-1)
				break;
			continue;
		}
		if (l->offset <= off || found == (size_t)-1)
			found = i;
	}
	if (found == (size_t)-1)
		return -1;
	l = render_lines_get(lines, found);
	*line = found;
	*col = off >= l->offset ? l->prefix + (off - l->offset) : l->prefix;
	if (*col > l->len)
		*col = l->len;
	return 0;
}

/* Bytes of the character at byte off of block b's text (at least 1). */
static size_t
story_char_len(const struct render_doc *doc, size_t b, size_t off)
{
	struct render_block_info info;
	uint32_t c;

	if (render_block(doc, b, &info) == -1 || off >= info.len)
		return 1;
	return utf8_decode(info.text + off, info.len - off, &c);
}

int
story_text_span(const struct story_text *st,
    const struct render_lines *lines, size_t start, size_t end,
    struct story_text_span *out)
{
	size_t from, last, b0, o0, b1, o1, clen;
	const struct render_line *l;

	if (story_range(st, start, end, &from, &last) == -1 ||
	    render_plain_locate(st->doc, from, &b0, &o0) == -1 ||
	    render_plain_locate(st->doc, last, &b1, &o1) == -1)
		return -1;
	clen = story_char_len(st->doc, b1, o1);
	if (story_line_of(lines, b0, o0, &out->line0, &out->off0) == -1 ||
	    story_line_of(lines, b1, o1, &out->line1, &out->off1) == -1)
		return -1;
	l = render_lines_get(lines, out->line1);
	out->off1 = out->off1 + clen < l->len ? out->off1 + clen : l->len;
	/* A start on the space a break dropped begins the next line. */
	l = render_lines_get(lines, out->line0);
	if (out->off0 == l->len && out->line0 < out->line1) {
		out->line0++;
		out->off0 = render_lines_get(lines, out->line0)->prefix;
	}
	return 0;
}
