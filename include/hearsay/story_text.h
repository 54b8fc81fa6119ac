/*
 * story_text.h - a story's body made into text once, for everyone who
 * reads it: the pager draws its document (render.h), the quote engine
 * and the search index take its plain text, and what the engine finds
 * (code-point offsets into the text it analysed) is mapped back through
 * it onto the pager's wrapped lines.
 *
 * The plain text is render_plain() of the body's document (the index
 * takes its words, story_text_words): each block (paragraph, heading,
 * list item, table row, quoted block) a paragraph, no link numbers, no
 * image placeholders.  The engine's first step (its noise filter, see
 * quotes.h) drops whole lines of it and folds blank lines; the text the
 * engine hands back is aligned here line by line with the plain text,
 * so nothing needs the two to be the same.  Never prints, knows nothing
 * of curses, SQLite or the engine.
 */
#ifndef HEARSAY_STORY_TEXT_H
#define HEARSAY_STORY_TEXT_H

#include <stddef.h>

struct render_doc;
struct render_lines;

/* Bump when the plain text changes for some input: what was analysed or
 * indexed from an older text is made again. */
#define STORY_TEXT_VERSION 1

struct story_text;

/* The text of body[0..len) (HTML, or plain text: see render_html), links
 * resolved against base_url (may be NULL).  Never returns NULL.  Caller
 * frees with story_text_free(). */
struct story_text *story_text_new(const char *body, size_t len,
    const char *base_url);
/* Free it and its document; NULL is fine. */
void story_text_free(struct story_text *st);

/* The rendered document (owned by st), for wrapping and links. */
const struct render_doc *story_text_doc(const struct story_text *st);
/* The plain text (owned by st, NUL-terminated, valid UTF-8); *len (may
 * be NULL) gets its length in bytes. */
const char *story_text_plain(const struct story_text *st, size_t *len);
/* The plain text as a new string, for callers that keep it.  Caller
 * frees. */
char *story_text_plain_dup(const struct story_text *st);

/* The words of a body for the search index, without making its text:
 * the words of story_text_plain() of the same body, in order (the same
 * table of elements and of references decides, see render_words), at a
 * tenth of the cost, since a refresh indexes every story it stores and
 * most are never opened.  Caller frees. */
char *story_text_words(const char *body, size_t len);

/* Take `analysed`, the text an analysis of the plain text was made on
 * (the engine's: the plain text less the lines its noise step dropped),
 * as the text later offsets count in: each of its lines is found in the
 * plain text, in order.  Returns 0, or -1 (nothing will map) when some
 * line of it is not there: then it is no text made from this one. */
int story_text_align(struct story_text *st, const char *analysed);

/* Where a range is in the wrapped lines: from byte off0 of line0 to byte
 * off1 (exclusive) of line1; offsets count from the start of the line's
 * text, decoration included, and fall on character boundaries. */
struct story_text_span {
	size_t	 line0;
	size_t	 off0;
	size_t	 line1;
	size_t	 off1;
};

/* Map code points [start, end) of the aligned text onto lines (a wrap of
 * story_text_doc(st) at any width).  The range is narrowed to the words
 * of the story in it (not the blank lines between paragraphs).  0, or -1
 * when nothing is aligned, the range is empty or out of the text, or it
 * falls on nothing the lines show. */
int story_text_span(const struct story_text *st,
    const struct render_lines *lines, size_t start, size_t end,
    struct story_text_span *out);

#endif
