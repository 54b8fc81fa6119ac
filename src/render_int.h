/*
 * render_int.h - the insides of the render module, shared by render.c
 * (the document and its builder), render_html.c (the libxml2 walk) and
 * render_wrap.c (lines for the pager).  Nothing outside src/render*.c
 * includes this: everyone else goes through include/hearsay/render.h.
 */
#ifndef HEARSAY_RENDER_INT_H
#define HEARSAY_RENDER_INT_H

#include "hearsay/buf.h"
#include "hearsay/render.h"

/* Nesting deeper than this (quotes, lists) is shown as this deep. */
#define RENDER_MAX_NEST 32

struct render_block {
	enum render_kind	 kind;
	int			 level;
	int			 quote;
	int			 number;
	char			*text;
	size_t			 len;
	struct render_run	*runs;
	size_t			 nruns;
	size_t			 plain_off;	/* see render_plain_offset() */
};

struct render_doc {
	struct render_block	*blocks;
	size_t			 nblocks;
	size_t			 ablocks;
	char			**links;
	size_t			 nlinks;
	size_t			 alinks;
	size_t			*lhash;		/* link index + 1, 0 = free */
	size_t			 nlhash;	/* a power of two */
	char			*plain;		/* render_plain(), once finished */
	size_t			 plain_len;
};

/*
 * The builder collects the text of one block at a time.  The front end sets
 * the cur_* fields as it enters and leaves elements; the block takes them
 * as they are when its first character arrives.
 */
struct render_builder {
	struct render_doc	*doc;
	struct buf		 text;
	struct render_run	*runs;
	size_t			 nruns;
	size_t			 aruns;
	struct render_block	 props;		/* of the block being built */
	int			 started;	/* props taken */
	int			 space;		/* a collapsed space is pending */
	int			 sep;		/* a " | " cell separator is pending */
	size_t			 col;		/* pre: column at byte colpos */
	size_t			 colpos;

	enum render_kind	 cur_kind;
	int			 cur_level;
	int			 cur_quote;
	int			 cur_number;
	int			 marker;	/* the list item's marker is unused */
};

/* A new empty document.  Caller frees. */
struct render_doc *render_doc_new(void);
/* Compute what render_plain_offset() answers, and the plain text; call
 * once when done. */
void render_doc_finish(struct render_doc *doc);
/* The first no-break space (U+00A0) in s[0..n), or NULL. */
const char *render_find_nbsp(const char *s, size_t n);
/* Number link url (taking ownership); a URL seen before keeps its number. */
int render_doc_link(struct render_doc *doc, char *url);

void render_builder_init(struct render_builder *b, struct render_doc *doc);
void render_builder_free(struct render_builder *b);
/* Add untrusted text, sanitised, white space collapsed as HTML does. */
void render_builder_text(struct render_builder *b, const char *s, size_t len,
    unsigned attr, int link);
/* Add untrusted preformatted text, sanitised, layout kept, tabs expanded. */
void render_builder_pre(struct render_builder *b, const char *s, size_t len,
    unsigned attr, int link);
/* A hard line break inside the block; a second one in a row ends it. */
void render_builder_br(struct render_builder *b);
/* The "[n]" marker after a link's text. */
void render_builder_note(struct render_builder *b, int link);
/* The "[n]" marker at the end of the last finished block, for a link
 * around whole blocks. */
void render_builder_note_last(struct render_builder *b, int link);
/* Ask for a " | " before the next text of this block. */
void render_builder_cell(struct render_builder *b);
/* Ask for a space before the next text of this block. */
void render_builder_space(struct render_builder *b);
/* End the block being built (an empty block is dropped). */
void render_builder_flush(struct render_builder *b);
/* Add a block with no text, like a rule, at the current quote depth. */
void render_builder_empty(struct render_builder *b, enum render_kind kind);

#endif
