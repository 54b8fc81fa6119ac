/*
 * span.c - the top-level quotation spans of a story: straight and
 * typographic marks, guillemets, German and single quotes, nesting, and
 * quotes running over several paragraphs (a paragraph that opens a quote
 * without closing it, the next paragraph reopening).
 *
 * Marks are paired with a small stack per paragraph, using which side of
 * the mark the white space is on; apostrophes never open a quote, nor do
 * the marks of a nickname inside a name (Marcia "Cia" Price), which stay
 * part of the name, nor an excerpt's straight mark left open before a
 * paragraph that opens with another mark.  Must
 * never judge whether a span is speech: that is speaker.c's business.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hearsay/util.h"
#include "quotes_int.h"

#define SPAN_DEPTH	8
#define SPAN_RETRIES	4

struct open_mark {
	size_t	 tok;
	uint32_t ch;
	enum mark_kind kind;
};

struct span_state {
	struct open_mark st[SPAN_DEPTH];
	size_t	 depth;
	int	 headline;	/* a headline: ' quotes at the top level */
};


/* Does some pair open with `open` and close with `close`? */
static int
pair_closes(const struct quotes_lang *lang, uint32_t open, uint32_t close)
{
	size_t i;

	for (i = 0; i < lang->n_marks; i++) {
		if (lang->marks[i].open == open && lang->marks[i].close == close)
			return 1;
	}
	return 0;
}

/* The kind of the pair c opens, or -1 when c opens none. */
static int
pair_opens(const struct quotes_lang *lang, uint32_t c)
{
	size_t i;

	for (i = 0; i < lang->n_marks; i++) {
		if (lang->marks[i].open == c)
			return (int)lang->marks[i].kind;
	}
	return -1;
}

static int
punct_in(const struct tok *t, const char *set)
{
	return t->kind == TOK_PUNCT && t->ch < 0x80 &&
	    strchr(set, (int)t->ch) != NULL;
}

/* White space (or a paragraph edge, or opening punctuation) before? */
static int
open_side(const struct qdoc *d, size_t i)
{
	const struct tok *p;

	if (i == 0 || (d->tok[i].flags & TF_SPACE_BEFORE))
		return 1;
	p = &d->tok[i - 1];
	return p->kind == TOK_PARA || p->kind == TOK_MARK ||
	    punct_in(p, "([{/-") || p->ch == 0x2014 || p->ch == 0x2013;
}

/* White space (or a paragraph edge, or closing punctuation) after? */
static int
close_side(const struct qdoc *d, size_t i)
{
	const struct tok *n;

	if (i + 1 >= d->n_tok || (d->tok[i].flags & TF_SPACE_AFTER))
		return 1;
	n = &d->tok[i + 1];
	return n->kind == TOK_PARA || n->kind == TOK_MARK ||
	    punct_in(n, ",.;:!?)]}-") || n->ch == 0x2014 || n->ch == 0x2013;
}

#define HEADLINE_TOKENS	40	/* a headline is shorter */

/* Is paragraph [pf, pl) a story's headline: the first paragraph, short,
 * one line with more after it?  Headlines quote with straight singles
 * ("Flynn says Holt 'absolutely right'"), which elsewhere are far more
 * often apostrophes. */
static int
span_headline(const struct qdoc *d, size_t pf, size_t pl, int para)
{
	size_t i;

	if (para != 0 || pl >= d->n_tok || pl - pf > HEADLINE_TOKENS)
		return 0;
	for (i = pf; i + 1 < pl; i++) {
		if (punct_in(&d->tok[i], ".!?") && !(d->tok[i + 1].kind ==
		    TOK_MARK))
			return 0;	/* a sentence ends inside */
	}
	return 1;
}

static void
span_add(struct qdoc *d, size_t *cap, size_t open, size_t last, int closed,
    int para)
{
	struct qspan *s;

	if (last <= open + 1)
		return;		/* "" holds nothing */
	if (d->n_span == *cap) {
		*cap = *cap ? *cap * 2 : 32;
		d->span = xreallocarray(d->span, *cap, sizeof *d->span);
	}
	s = &d->span[d->n_span++];
	s->open = open;
	s->first = open + 1;
	s->last = last;
	s->closed = closed;
	s->prev = -1;
	s->para = para;
}

/* Is the quote whose marks are tokens open and close a nickname inside a
 * full name: one to three capitalised words after a given name or an
 * initial and before a capitalised word, with nothing else inside?
 * Why: news style quotes the nickname within the name (Robert C.
 * "Bobby" Scott, Marcia "Cia" Price); it is part of the name, no one's
 * words, and the name runs on across it. */
static int
span_nickname(const struct qdoc *d, size_t open, size_t close)
{
	const struct tok *p;
	size_t i;

	if (open == 0 || close + 1 >= d->n_tok || close < open + 2 ||
	    close > open + 4 || (d->tok[open].flags & TF_SPACE_AFTER) ||
	    (d->tok[close].flags & TF_SPACE_BEFORE) ||
	    !(d->tok[close].flags & TF_SPACE_AFTER))
		return 0;
	for (i = open + 1; i <= close + 1; i++) {
		if (i != close && (d->tok[i].kind != TOK_WORD ||
		    !(d->tok[i].flags & TF_CAP)))
			return 0;
	}
	p = &d->tok[open - 1];
	if (p->kind != TOK_WORD || !(p->flags & TF_SPACE_AFTER) ||
	    tok_has(d, close + 1, LANG_STOP) || tok_has(d, close + 1,
	    LANG_MONTH))
		return 0;
	return ((p->flags & TF_ABBREV) && p->keylen == 1 &&
	    (p->flags & TF_CAP)) || (tok_gender(d, open - 1) != 0 &&
	    !tok_has(d, open - 1, LANG_TITLE) && (p->flags & TF_CAP));
}

/* Is the apostrophe-like mark at i an apostrophe, not a close: inside a
 * word ("’90s", "rock ’n’ roll") or a plural possessive before a noun
 * ("the riders’ money"; "called them ‘losers’ and" still closes)? */
static int
mark_is_apostrophe(const struct qdoc *d, size_t i)
{
	const struct tok *p, *n;
	uint32_t c = d->tok[i].ch;

	if (c != 0x2019 && c != '\'')
		return 0;
	if (!close_side(d, i))
		return 1;
	if (i == 0 || i + 1 >= d->n_tok || (d->tok[i].flags & TF_SPACE_BEFORE))
		return 0;
	p = &d->tok[i - 1];
	n = &d->tok[i + 1];
	return p->kind == TOK_WORD && d->keys[p->key + p->keylen - 1] == 's' &&
	    n->kind == TOK_WORD && !(n->flags & (TF_CAP | TF_DIGIT)) &&
	    !tok_has(d, i + 1, LANG_STOP) && !tok_has(d, i + 1, LANG_CUE);
}

/* Try to close an open mark with token i; 1 when it did. */
static int
span_try_close(const struct qdoc *d, struct span_state *s, size_t i,
    size_t *opened_at)
{
	uint32_t c = d->tok[i].ch;
	size_t k;

	if (s->depth == 0 || mark_is_apostrophe(d, i))
		return 0;
	k = s->depth - 1;
	if (pair_closes(d->lang, s->st[k].ch, c)) {
		/* A symmetric mark with a word after and space before opens a
		 * nested quote rather than closing this one. */
		if (s->st[k].ch == c && open_side(d, i) && !close_side(d, i))
			return 0;
		*opened_at = s->st[k].tok;
		s->depth = k;
		return 1;
	}
	/* Why: an inner single left open (an apostrophe) must not swallow
	 * the double quote's close. */
	while (k-- > 0) {
		if (s->st[k].kind == MARK_DOUBLE &&
		    pair_closes(d->lang, s->st[k].ch, c) && !open_side(d, i)) {
			*opened_at = s->st[k].tok;
			s->depth = k;
			return 1;
		}
	}
	return 0;
}

/* Does the mark at i open a quote whose first word comes after another
 * opening mark or an ellipsis: `"'Fix it' is all`, `"...and then`?
 * Then what follows it looks like a close's side but is not. */
static int
opens_before_mark(const struct qdoc *d, size_t i)
{
	size_t j = i + 1;

	if (!open_side(d, i) || (d->tok[i].flags & TF_SPACE_AFTER))
		return 0;
	if (j < d->n_tok && d->tok[j].kind == TOK_MARK)
		j++;
	else
		while (j < d->n_tok && j < i + 4 && punct_in(&d->tok[j], ".") &&
		    !(d->tok[j].flags & TF_SPACE_AFTER))
			j++;
	return j > i + 1 && j < d->n_tok && d->tok[j].kind == TOK_WORD &&
	    !(d->tok[j - 1].flags & TF_SPACE_AFTER);
}

static int
span_try_open(const struct qdoc *d, struct span_state *s, size_t i,
    int no_single)
{
	uint32_t c = d->tok[i].ch;
	int kind = pair_opens(d->lang, c);

	if (kind < 0 || s->depth >= SPAN_DEPTH ||
	    (close_side(d, i) && !opens_before_mark(d, i)))
		return 0;
	if (!open_side(d, i) || (s->depth == 0 && ((kind == MARK_INNER &&
	    !s->headline) || (no_single && kind != MARK_DOUBLE))))
		return 0;
	if (c == 0x2019 || (c == '\'' && i + 1 < d->n_tok &&
	    (d->tok[i + 1].flags & TF_DIGIT)))
		return 0;	/* ’90s, '90s */
	s->st[s->depth].tok = i;
	s->st[s->depth].ch = c;
	s->st[s->depth].kind = (enum mark_kind)kind;
	s->depth++;
	return 1;
}

/* Does the paragraph [pf, pl), which a double mark opens and leaves open,
 * stand before a paragraph that opens with a mark of another character
 * (`"Ruiz thought ...` then `“It is late,” she said`)?  Why: a quote that
 * runs on reopens each paragraph with its own mark; a paragraph opened by
 * a straight mark amid typographic quotes is an excerpt's marker. */
static int
reopens_other(const struct qdoc *d, const struct span_state *s, size_t pf,
    size_t pl)
{
	return s->st[0].tok == pf && pl + 1 < d->n_tok &&
	    d->tok[pl].kind == TOK_PARA && d->tok[pl + 1].kind == TOK_MARK &&
	    d->tok[pl + 1].ch != s->st[0].ch;
}

/* Pair the marks of tokens [pf, pl); 0, or -1 after marking a lone single
 * opener to be ignored (the caller runs the paragraph again). */
static int
span_para(struct qdoc *d, size_t *cap, size_t pf, size_t pl, int para,
    uint8_t *ignore, int no_single)
{
	struct span_state s;
	size_t i, n0 = d->n_span, at;
	int inner_double = 0;

	s.depth = 0;
	s.headline = span_headline(d, pf, pl, para);
	for (i = pf; i < pl; i++) {
		if (d->tok[i].kind != TOK_MARK || ignore[i - pf])
			continue;
		if (span_try_close(d, &s, i, &at)) {
			if (s.depth == 0 && !s.headline &&
			    span_nickname(d, at, i)) {
				size_t k;

				for (k = at; k <= i; k++)
					d->tok[k].flags |= TF_NICK;
			} else if (s.depth == 0)
				span_add(d, cap, at, i, 1, para);
			else if (s.st[s.depth].kind == MARK_DOUBLE &&
			    s.st[s.depth].ch != s.st[0].ch)
				inner_double = 1;
		} else {
			span_try_open(d, &s, i, no_single);
		}
	}
	/* Why: `"Holt took the stage, chanting “U-S-A!”` left open: quotes
	 * nest singles in doubles, so a double of another style closed
	 * inside an unclosed double means the outer mark is a stray. */
	if (s.depth > 0 && (s.st[0].kind != MARK_DOUBLE || (s.depth == 1 &&
	    inner_double) || reopens_other(d, &s, pf, pl))) {
		d->n_span = n0;
		ignore[s.st[0].tok - pf] = 1;
		return -1;
	}
	if (s.depth > 0)
		span_add(d, cap, s.st[0].tok, pl, 0, para);
	return 0;
}

/* Link a paragraph's opening quote to the previous paragraph's unclosed
 * one, and mark the tokens inside every span. */
static void
span_link(struct qdoc *d)
{
	size_t k, i;

	for (k = 0; k < d->n_span; k++) {
		struct qspan *s = &d->span[k];

		if (k > 0 && !d->span[k - 1].closed &&
		    d->span[k - 1].para + 1 == s->para &&
		    (s->open == 0 || d->tok[s->open - 1].kind == TOK_PARA))
			s->prev = (int)k - 1;
		for (i = s->first; i < s->last; i++) {
			d->tok[i].quote = (int)k;
			d->tok[i].flags |= TF_INQUOTE;
		}
		d->tok[s->open].flags |= TF_QMARK;
		if (s->closed)
			d->tok[s->last].flags |= TF_QMARK;
	}
}

void
span_find(struct qdoc *d)
{
	size_t cap = 0, pf = 0, i, tries;
	uint8_t *ignore = xcalloc(d->n_tok + 1, 1);
	int para = 0;

	for (i = 0; i <= d->n_tok; i++) {
		if (i < d->n_tok && d->tok[i].kind != TOK_PARA)
			continue;
		for (tries = 0; tries < SPAN_RETRIES; tries++) {
			if (span_para(d, &cap, pf, i, para, ignore + pf,
			    tries + 1 == SPAN_RETRIES) == 0)
				break;
		}
		pf = i + 1;
		para++;
	}
	free(ignore);
	span_link(d);
}
