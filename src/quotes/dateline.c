/*
 * dateline.c - the dateline that opens a wire story: "WASHINGTON (Reuters)
 * -", "PARIS, Nov 3 (AFP) —", "FLINT, Mich., Oct. 4 (UPI) —", "LONDON —".
 *
 * Looks only at the start of the first few paragraphs (a headline may come
 * first).  Must never take a date for a place.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hearsay/util.h"
#include "quotes_int.h"

#define DATELINE_PARAS	3	/* paragraphs searched */
#define PLACE_WORDS	5
#define REGION_TOKENS	8
#define AGENCY_TOKENS	6

static int
is_punct(const struct qdoc *d, size_t i, uint32_t c)
{
	return i < d->n_tok && d->tok[i].kind == TOK_PUNCT && d->tok[i].ch == c;
}

static int
is_dash(const struct qdoc *d, size_t i)
{
	return is_punct(d, i, '-') || is_punct(d, i, 0x2014) ||
	    is_punct(d, i, 0x2013);
}

/* The place words at i ("LOS ANGELES"); returns the end token, *caps set
 * when they are all upper case. */
static size_t
place_words(const struct qdoc *d, size_t i, int *caps)
{
	size_t e = i;

	*caps = 1;
	while (e < d->n_tok && e - i < PLACE_WORDS &&
	    d->tok[e].kind == TOK_WORD && (d->tok[e].flags & TF_CAP)) {
		if (!(d->tok[e].flags & TF_ALLCAPS))
			*caps = 0;
		e++;
	}
	return e;
}

/* ", N.Y.," or ", Nov 3": the region part, when it is no date.  Returns
 * the end of the whole comma part in *skip_to. */
static size_t
region(const struct qdoc *d, size_t i, size_t *skip_to)
{
	size_t e = i, place_end = i;
	int date = 0;

	while (e < d->n_tok && e - i < REGION_TOKENS &&
	    !is_punct(d, e, '(') && !is_dash(d, e) &&
	    d->tok[e].kind != TOK_PARA) {
		if (d->tok[e].kind == TOK_WORD && (tok_has(d, e, LANG_MONTH) ||
		    (d->tok[e].flags & TF_DIGIT)))
			date = 1;
		if (!date && d->tok[e].kind == TOK_WORD)
			place_end = e + 1;
		e++;
	}
	*skip_to = e;
	return place_end;
}

static struct quotes_dateline *
dateline_at(const struct qdoc *d, size_t i)
{
	size_t e, place_end, a = 0, ae = 0, skip;
	int caps;
	struct quotes_dateline *dl;

	e = place_words(d, i, &caps);
	if (e == i)
		return NULL;
	place_end = e;
	if (is_punct(d, e, ',')) {
		size_t r = region(d, e + 1, &skip);

		if (r > e + 1)
			place_end = r;
		e = skip;
	}
	if (is_punct(d, e, '(')) {
		a = e + 1;
		for (ae = a; ae < d->n_tok && ae - a < AGENCY_TOKENS &&
		    !is_punct(d, ae, ')'); ae++)
			;
		if (!is_punct(d, ae, ')') || ae == a)
			return NULL;
		e = ae + 1;
	}
	if (!is_dash(d, e) || (!caps && a == 0))
		return NULL;
	dl = xcalloc(1, sizeof *dl);
	dl->place = tok_slice(d, d->tok[i].start, d->tok[place_end - 1].end);
	if (a != 0)
		dl->agency = tok_slice(d, d->tok[a].start, d->tok[ae - 1].end);
	return dl;
}

struct quotes_dateline *
dateline_find(const struct qdoc *d)
{
	size_t i = 0;
	int para = 0;

	while (i < d->n_tok && para < DATELINE_PARAS) {
		struct quotes_dateline *dl = dateline_at(d, i);

		if (dl != NULL)
			return dl;
		while (i < d->n_tok && d->tok[i].kind != TOK_PARA)
			i++;
		i++;
		para++;
	}
	return NULL;
}
