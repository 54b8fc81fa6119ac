/*
 * render.h - HTML (or plain text) to a document of styled text blocks, and
 * that document wrapped into terminal lines or flattened to plain text.
 *
 * The story pager draws render_wrap()'s lines; story_text.h makes the
 * one plain text of a story from render_plain() and maps offsets back
 * through render_plain_locate(); the search index takes render_words().  Every byte of text coming out of here has been through
 * text_sanitize(): no ESC, no C0/C1 controls, no bidi overrides, valid UTF-8.
 * Nothing here knows about curses: lines carry a class and attribute bits,
 * and the UI maps those to colours.  Never prints anything.
 */
#ifndef HEARSAY_RENDER_H
#define HEARSAY_RENDER_H

#include <stddef.h>

/* What a block is. */
enum render_kind {
	RENDER_PARAGRAPH,	/* running text */
	RENDER_HEADING,		/* level 1-6 */
	RENDER_LIST_ITEM,	/* level = list nesting depth (1 = outermost) */
	RENDER_PRE,		/* preformatted: kept as is, never reflowed */
	RENDER_RULE,		/* <hr>: no text */
	RENDER_TABLE_ROW	/* one row, cells joined by " | " */
};

/* Attribute bits of a run of text. */
#define RENDER_ATTR_BOLD	0x01
#define RENDER_ATTR_ITALIC	0x02
#define RENDER_ATTR_UNDERLINE	0x04
#define RENDER_ATTR_CODE	0x08
#define RENDER_ATTR_LINK	0x10	/* the text of a link; run.link says which */
#define RENDER_ATTR_NOTE	0x20	/* a link number marker like "[3]" */
#define RENDER_ATTR_IMAGE	0x40	/* an "[image: alt]" placeholder */

/* Attributes over the bytes [start, end) of a block's or a line's text.
 * Runs are sorted, do not overlap, and only exist where attr != 0.  Block
 * text keeps the "[n]" link markers and "[image: alt]" placeholders (as
 * NOTE and IMAGE runs) and may hold '\n' for a <br>. */
struct render_run {
	size_t		start;
	size_t		end;
	unsigned	attr;
	int		link;	/* link number (1-based) for LINK/NOTE, else 0 */
};

/* A read-only view of one block, filled by render_block(). */
struct render_block_info {
	enum render_kind	 kind;
	int			 level;	/* heading level, or list depth; else 0 */
	int			 quote;	/* blockquote depth (0 = not quoted) */
	int			 number; /* list items: the number of an ordered
					  * item, 0 for a bullet, -1 for a later
					  * block of the same item (no marker) */
	const char		*text;	/* UTF-8, NUL-terminated, owned by the doc */
	size_t			 len;
	const struct render_run	*runs;	/* owned by the doc */
	size_t			 nruns;
};

struct render_doc;

/* Render html[0..len) (any size, any junk) into a new document, resolving
 * links against the document's <base href> or else base_url (may be NULL).
 * Scripts, styles, frames, objects and forms are dropped; links to
 * "#fragment", javascript: and data: get no number; 1x1 images are
 * dropped.  Input with no tags at all is plain text (see render_text) with
 * character references decoded.  Input past 64 MiB is ignored; nesting past
 * libxml2's limit (256) ends the document.  Never returns NULL.  Caller
 * frees with render_doc_free(). */
struct render_doc *render_html(const char *html, size_t len,
    const char *base_url);
/* The words of html[0..len) without a document: tags become spaces, the
 * elements render_html drops go with everything inside, character
 * references are decoded, white space is collapsed.  The words of
 * render_plain() of the same input, in order, made ten times faster, for
 * a search index (story_text_words).  Caller frees. */
char *render_words(const char *html, size_t len);
/* Plain text into a document: paragraphs split at blank lines, white space
 * inside a paragraph collapsed.  Never returns NULL.  Caller frees. */
struct render_doc *render_text(const char *text, size_t len);
/* Free a document and everything it owns; NULL is fine. */
void render_doc_free(struct render_doc *doc);

/* Number of blocks (for the tests and the fuzz target). */
size_t render_block_count(const struct render_doc *doc);
/* Fill *out with block i; returns 0, or -1 when i is out of range.  The
 * pointers stay valid until the doc is freed. */
int render_block(const struct render_doc *doc, size_t i,
    struct render_block_info *out);
/* Number of links; link n (1-based, as shown in "[n]") is index n - 1
 * (for the tests and the fuzz target: the pager asks render_link). */
size_t render_link_count(const struct render_doc *doc);
/* Absolute URL of link index i (0-based), owned by the doc; NULL if out of
 * range. */
const char *render_link(const struct render_doc *doc, size_t i);

/* The document as plain text: every block (list items and table rows
 * too) a paragraph, separated by one blank line, no link numbers, no
 * image placeholders, no rules, no-break spaces as spaces.  Caller
 * frees. */
char *render_plain(const struct render_doc *doc);
/* Byte offset of block i's text in render_plain()'s output, or (size_t)-1
 * when block i does not appear there (rules, blocks of nothing but images,
 * out of range).  Inside a block the plain text is the block text without
 * NOTE and IMAGE runs (and the space before an image), U+00A0 as ' '. */
size_t render_plain_offset(const struct render_doc *doc, size_t i);
/* The block and the byte offset in its text that byte off of
 * render_plain()'s output comes from; returns 0, or -1 when off falls
 * between blocks or past the end. */
int render_plain_locate(const struct render_doc *doc, size_t off,
    size_t *block, size_t *block_off);

/* What a wrapped line is, for the theme. */
enum render_class {
	RENDER_LINE_BODY,
	RENDER_LINE_HEADING,
	RENDER_LINE_QUOTE,	/* body text inside a blockquote */
	RENDER_LINE_LIST,
	RENDER_LINE_PRE,
	RENDER_LINE_RULE,	/* a row of '-': the UI may draw its own line */
	RENDER_LINE_LINKS,	/* the "[n] URL" list at the end */
	RENDER_LINE_BLANK
};

#define RENDER_NO_BLOCK ((size_t)-1)

/* One wrapped line.  text is the whole line as shown, decoration included:
 * the first `prefix` bytes are quote marks ("> " per depth), indentation and
 * the list bullet or number.  Its width in columns never exceeds the width
 * given to render_wrap(). */
struct render_line {
	const char		*text;	/* NUL-terminated, owned by the lines */
	size_t			 len;
	size_t			 prefix;
	size_t			 block;	/* block index, or RENDER_NO_BLOCK */
	int			 quote;	/* blockquote depth, for folding */
	int			 heading; /* heading level for HEADING lines */
	enum render_class	 cls;
	const struct render_run	*runs;	/* byte offsets into text */
	size_t			 nruns;
	size_t			 offset; /* where text + prefix starts in the
					  * block's text (for block lines) */
};

struct render_lines;

/* Wrap doc to width terminal columns (counted with wcwidth() in the
 * caller's locale; unprintable or unknown characters count 1).  Long words
 * and URLs are broken so no line is wider than width; preformatted lines are
 * broken at width, never reflowed.  Blocks are separated by one BLANK line
 * (whose quote depth is the lesser of its neighbours', so a folded quote
 * takes its inner blank lines with it), except between items of a list and
 * rows of a table; a blank line and the numbered link list end the text.
 * Decoration takes at most half the width.  width below 8 is taken as 8.
 * Caller frees with render_lines_free(). */
struct render_lines *render_wrap(const struct render_doc *doc, int width);
/* Free the lines; NULL is fine. */
void render_lines_free(struct render_lines *lines);
/* Number of lines. */
size_t render_lines_count(const struct render_lines *lines);
/* Line i, owned by lines; NULL when out of range. */
const struct render_line *render_lines_get(const struct render_lines *lines,
    size_t i);

#endif
