/*
 * speaker.c - who said each quote: `"...," X said`, `X said: "..."`,
 * `"...," said X, the role`, `X told Y that "..."`, `according to X`,
 * quotes split around the cue, transcript labels ("PENCE:"), and quotes
 * continued in the next sentence or paragraph.  Also decides which spans
 * are speech at all: one- or two-word scare quotes and titles are not,
 * unless their own sentence attributes them.
 *
 * Uses only the cues attrib.c found (in this sentence and the one before)
 * and the spans before this one: never scans the story again per quote.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hearsay/util.h"
#include "quotes_int.h"

#define SCARE_WORDS	2	/* at most this many words: a scare quote */
#define HEAD_SPEAKER	6	/* words naming a headline's speaker */
#define TITLE_WORDS	6	/* capitalised spans this short: a title */
#define SHORT_SENT	8	/* tokens in a bare "Smith said." sentence */
#define AFTER_TOKENS	12	/* close to cue, with the speaker between */
#define NOUN_GAP	5	/* "claim that there have been "..."" */

static int span_joined(const struct qdoc *d, size_t k);

/* The hits of sentence s: [*first, *last) indexes into d->hit. */
static void
hits_of(const struct qdoc *d, int s, size_t *first, size_t *last)
{
	size_t i = d->n_hit;

	while (i > 0 && d->hit[i - 1].sent > s)
		i--;
	*last = i;
	while (i > 0 && d->hit[i - 1].sent == s)
		i--;
	*first = i;
}

static void
spk_set(struct qdoc *d, struct spk *sp, const struct cue_hit *h, int strong)
{
	sp->speaker = xstrdup(h->np.text);
	sp->role = xstrdup(h->np.role);
	sp->cue = tok_slice(d, d->tok[h->tok].start,
	    d->tok[h->tok + h->len - 1].end);
	sp->entity = h->np.entity;
	sp->strong = strong;
}

static void
spk_copy(struct spk *to, const struct spk *from)
{
	to->speaker = xstrdup(from->speaker);
	to->role = xstrdup(from->role);
	to->cue = xstrdup(from->cue);
	to->entity = from->entity;
	to->strong = from->strong;
}

static int
no_mark(const struct qdoc *d, size_t f, size_t l)
{
	for (; f < l; f++) {
		if ((d->tok[f].flags & TF_QMARK) || d->tok[f].kind == TOK_PARA ||
		    (d->tok[f].kind == TOK_PUNCT && d->tok[f].ch != ',' &&
		    d->tok[f].ch != '.' && d->tok[f].ch != '-'))
			return 0;
	}
	return 1;
}

/* Is there an "and" or "but" in tokens [f, l)? */
static int
coord_between(const struct qdoc *d, size_t f, size_t l)
{
	for (; f < l; f++) {
		if (tok_role(d, f, "coord"))
			return 1;
	}
	return 0;
}

/* Is one of the hits [hf, hl) a cue with a subject before token close? */
static int
cue_before(const struct qdoc *d, size_t close, size_t hf, size_t hl)
{
	for (; hf < hl; hf++) {
		if (d->hit[hf].has_np && !d->hit[hf].np.weak &&
		    d->hit[hf].tok < close)
			return 1;
	}
	return 0;
}

/* The cue right after the closing mark: `"...," Smith said`. */
static int
pick_after(const struct qdoc *d, size_t close, size_t hf, size_t hl)
{
	size_t i;

	for (i = hf; i < hl; i++) {
		const struct cue_hit *h = &d->hit[i];

		/* A weak phrase right at the quote still speaks it: `"...,"
		 * the ground crew said` reads as a speaker here. */
		if (!h->has_np || h->tok <= close)
			continue;
		/* `call them "losers" and describe`, `"losers" and Ruiz
		 * calls them`: a verb or clause joined to the one before
		 * the quote attributes nothing after it. */
		if (coord_between(d, close + 1, h->np.first > close &&
		    h->np.first < h->tok ? h->np.first : h->tok))
			return -1;
		/* `a "disgrace" after she attacked`: a clause of its own. */
		if (close + 1 < h->tok && tok_role(d, close + 1, "sub"))
			return -1;
		/* `Holt is describing as "unhinged" a Ruiz tweet attacking`:
		 * an -ing form after its phrase describes that phrase, the
		 * object of the cue before the quote, which speaks it. */
		if (h->attached && cue_before(d, close, hf, i))
			return -1;
		if (h->tok <= close + 2 ||
		    (h->np.first > close && h->np.first <= close + 2))
			return (int)i;
		/* `"...," Senate leader Mitch Holt, R-Ky., said`: only the
		 * speaker's phrase between the close and the cue. */
		if (h->tok - close <= AFTER_TOKENS && no_mark(d, close + 1, h->tok))
			return (int)i;
		return -1;
	}
	return -1;
}

/* Does the clause after a reporting noun at i hold the quote at open:
 * "claim that ...", "claim: "..."", "claim, "..."? */
static int
noun_opens(const struct qdoc *d, size_t i, size_t open)
{
	return i == open || tok_role(d, i, "comp") ||
	    (d->tok[i].kind == TOK_PUNCT && (d->tok[i].ch == ':' ||
	    d->tok[i].ch == ','));
}

/* Does the quote at open follow the clause of the cue at h after a
 * comma or colon, with no other cue between (`footage of Holt saying on
 * Monday, "..."`)?  Then it is what that cue says. */
static int
quote_after_comma(const struct qdoc *d, const struct cue_hit *h,
    size_t open)
{
	const struct tok *p;
	size_t k;

	if (open == 0 || open - h->end > NOUN_GAP * 2)
		return 0;
	p = &d->tok[open - 1];
	if (p->kind != TOK_PUNCT || (p->ch != ',' && p->ch != ':'))
		return 0;
	for (k = h->end; k + 1 < open; k++) {
		if (d->tok[k].kind != TOK_WORD || (d->tok[k].w != NULL &&
		    (d->tok[k].w->classes & LANG_BIT(LANG_CUE))))
			return 0;
	}
	return 1;
}

/* The nearest cue before the opening mark, else the first after. */
static int
pick_around(const struct qdoc *d, size_t open, size_t close, size_t hf,
    size_t hl)
{
	size_t i;
	int before = -1;

	for (i = hf; i < hl; i++) {
		const struct cue_hit *h = &d->hit[i];

		if (!h->has_np || h->np.weak)
			continue;
		/* "Holt's claim that "..."": a possessor speaks only the
		 * quote right after the noun. */
		if (h->noun && (h->tok > open || open - h->tok > NOUN_GAP ||
		    !noun_opens(d, h->end, open)))
			continue;
		/* `Holt says the tweets accusing Ruiz are "lies"`: an -ing
		 * form inside a phrase is no verb of the clause the quote is
		 * in when a verb of saying came before it. */
		if ((h->attached || h->np.relative) && before >= 0 &&
		    !(h->tok < open && quote_after_comma(d, h, open)))
			continue;
		if (h->tok < open)
			before = (int)i;
		else if (h->tok > close && before < 0)
			return (int)i;
	}
	return before;
}

/* A transcript label: `"PENCE: ...` inside the quote, or `PENCE: "...`. */
static int
pick_label(struct qdoc *d, const struct qspan *q, struct spk *sp)
{
	size_t w = q->first;

	if (!(w + 1 < q->last && (d->tok[w].flags & TF_ALLCAPS) &&
	    d->tok[w + 1].kind == TOK_PUNCT && d->tok[w + 1].ch == ':')) {
		w = q->open >= 2 ? q->open - 2 : d->n_tok;
		if (!(w < d->n_tok && (d->tok[w].flags & TF_ALLCAPS) &&
		    d->tok[w + 1].ch == ':' && (w == 0 ||
		    d->tok[w - 1].kind == TOK_PARA)))
			return -1;
	}
	sp->speaker = tok_slice(d, d->tok[w].start, d->tok[w].end);
	sp->cue = xstrdup(":");
	sp->entity = -1;
	sp->strong = 1;
	return 0;
}

/* A byline after the close: `..."― Pamela Quist`. */
static int
pick_dash(struct qdoc *d, size_t close, struct spk *sp)
{
	struct np np = { 0, 0, -1, NULL, NULL, 0, 0 };
	size_t i = close + 1;
	uint32_t c;

	if (i < d->n_tok && d->tok[i].kind == TOK_PUNCT && d->tok[i].ch == ',')
		i++;
	if (i + 1 >= d->n_tok || d->tok[i].kind != TOK_PUNCT)
		return -1;
	c = d->tok[i].ch;
	if (c != 0x2015 && c != 0x2014 && c != 0x2013 && c != '-')
		return -1;
	if (!(d->tok[i + 1].flags & TF_CAP) || np_at(d, i + 1, &np) != 0 ||
	    np.entity < 0) {
		np_clear(&np);
		return -1;
	}
	sp->speaker = np.text;
	sp->role = np.role;
	sp->cue = tok_slice(d, d->tok[i].start, d->tok[i].end);
	sp->entity = np.entity;
	sp->strong = 1;
	return 0;
}

/* "Following Monday's debate": a name run cut by a possessive. */
static int
is_possessive_next(const struct qdoc *d, size_t i)
{
	return i < d->n_tok && d->tok[i].kind == TOK_WORD &&
	    (d->tok[i].flags & TF_CAP);
}

/* Are tokens c and c + 1 (before end) both capitalised words? */
static int
is_multiword(const struct qdoc *d, size_t c, size_t end)
{
	return c + 1 < end && (d->tok[c].flags & TF_CAP) &&
	    (d->tok[c + 1].flags & TF_CAP) && d->tok[c + 1].kind == TOK_WORD;
}

/* Words and capitalised (or stop) words of span q. */
static void
span_count(const struct qdoc *d, const struct qspan *q, size_t *words,
    size_t *caps)
{
	size_t i;

	*words = *caps = 0;
	for (i = q->first; i < q->last; i++) {
		if (d->tok[i].kind != TOK_WORD)
			continue;
		(*words)++;
		if ((d->tok[i].flags & (TF_CAP | TF_DIGIT)) ||
		    tok_has(d, i, LANG_STOP))
			(*caps)++;
	}
}

/* Is span q in title case: a few words, every word but the small ones
 * capitalised, at least one such ("The Old Man and the Sea", "Harbour
 * Lights"; not "It is about you.")? */
static int
span_title_case(const struct qdoc *d, const struct qspan *q)
{
	size_t i, words = 0, content = 0;

	for (i = q->first; i < q->last; i++) {
		const struct tok *t = &d->tok[i];

		if (t->kind != TOK_WORD)
			continue;
		if (++words > TITLE_WORDS)
			return 0;
		if (tok_has(d, i, LANG_STOP) && i != q->first)
			continue;
		if (!(t->flags & (TF_CAP | TF_DIGIT)))
			return 0;
		content += !tok_has(d, i, LANG_STOP);
	}
	return content > 0;
}

/* A quote inside a sentence that opens with a name, with no cue: the
 * name is the best guess ("Reid has gone after Holt as a "con artist""). */
static int
pick_subject(struct qdoc *d, const struct qspan *q, int s, struct spk *sp)
{
	size_t f = d->sent[s].first, c;
	struct np np = { 0, 0, -1, NULL, NULL, 0, 0 };

	/* Why: "Ruiz read "The Old Man and the Sea"": with no cue, a span
	 * in title case is the name of a work, nobody's words. */
	if (span_title_case(d, q))
		return -1;
	/* "With voters worried, Holt has a new message: "..."": a colon
	 * before the quote lets the subject come after an opening clause. */
	if (q->open > f && d->tok[q->open - 1].kind == TOK_PUNCT &&
	    d->tok[q->open - 1].ch == ':' &&
	    (c = syntax_subject(d, f, q->open)) != SIZE_MAX && c > f &&
	    is_multiword(d, c, q->open))
		f = c;
	/* Why: a lone capitalised opener ("Following", "Twenty-two") is a
	 * name only when the story named it before. */
	if (q->open <= f + 1 || !(d->tok[f].flags & TF_CAP) ||
	    (!(d->tok[f + 1].flags & TF_CAP) && wordmap_get(d->ent_by_key,
	    tok_key(d, f), d->tok[f].keylen) == NULL) ||
	    np_at(d, f, &np) != 0 || np.entity < 0 ||
	    np.first > f + 4 || is_possessive_next(d, np.last)) {
		np_clear(&np);
		return -1;
	}
	sp->speaker = np.text;
	sp->role = np.role;
	sp->entity = np.entity;
	sp->strong = 1;
	return 0;
}

/* Does the sentence after the quote's read just "Smith said."? */
static int
pick_next_sentence(const struct qdoc *d, int s)
{
	size_t hf, hl;

	if ((size_t)s + 1 >= d->n_sent)
		return -1;
	hits_of(d, s + 1, &hf, &hl);
	if (hf == hl || !d->hit[hf].has_np || d->hit[hf].np.weak ||
	    d->sent[s + 1].last - d->sent[s + 1].first > SHORT_SENT)
		return -1;
	return (int)hf;
}

/* "Smith made the following comment:" before the quote: the subject of
 * a sentence that ends in a colon. */
static int
pick_colon(struct qdoc *d, int s, struct spk *sp)
{
	const struct range *r = &d->sent[s];
	size_t last = r->last, f;
	struct np np = { 0, 0, -1, NULL, NULL, 0, 0 };

	while (last > r->first && d->tok[last - 1].kind == TOK_PARA)
		last--;
	if (last == r->first || d->tok[last - 1].kind != TOK_PUNCT ||
	    d->tok[last - 1].ch != ':')
		return -1;
	f = syntax_subject(d, r->first, last);
	if (f == SIZE_MAX || np_at(d, f, &np) != 0 || np.weak) {
		np_clear(&np);
		return -1;
	}
	sp->speaker = np.text;
	sp->role = np.role;
	sp->cue = xstrdup(":");
	sp->entity = np.entity;
	return 0;
}

/* A quote that is a sentence of its own, with no cue, after a sentence
 * of its paragraph whose subject is a person named in full ("Sen. Ana
 * Ruiz identified the fares as the problem. "Riders are tired of
 * it.""): that person, the quotation's own paragraph before any
 * speaker of the paragraphs above.  0 when found. */
static int
pick_para_subject(struct qdoc *d, const struct qspan *q, int s,
    struct spk *sp)
{
	const struct range *r = &d->sent[s - 1];
	size_t f, last = r->last;
	struct np np = { 0, 0, -1, NULL, NULL, 0, 0 };

	if (q->open != d->sent[s].first)
		return -1;
	while (last > r->first && d->tok[last - 1].kind != TOK_PARA)
		last--;
	if (last > r->first)
		return -1;	/* the sentence before ends a paragraph */
	f = syntax_subject(d, r->first, r->last);
	if (f == SIZE_MAX || np_at(d, f, &np) != 0 || np.weak ||
	    np.entity < 0 || d->ent[np.entity].kind != ENT_PERSON ||
	    strchr(d->ent[np.entity].name, ' ') == NULL) {
		np_clear(&np);
		return -1;
	}
	sp->speaker = np.text;
	sp->role = np.role;
	sp->entity = np.entity;
	return 0;
}

/* Context: the last cue of the previous sentence, or the previous quote's
 * speaker when it was in this paragraph or the one before. */
static int
pick_context(struct qdoc *d, size_t k, int s, struct spk *sp)
{
	size_t hf, hl, i;
	int para = d->span[k].para;

	/* `"A," Holt said at the dinner, where Ruiz also spoke. "B."`: B
	 * goes on with A. */
	if (k > 0 && d->spk[k - 1].out >= 0 && d->spk[k - 1].strong &&
	    d->spk[k - 1].speaker != NULL &&
	    d->tok[d->span[k - 1].open].sent == s - 1 &&
	    d->span[k - 1].para == para) {
		spk_copy(sp, &d->spk[k - 1]);
		return 0;
	}
	if (s > 0) {
		hits_of(d, s - 1, &hf, &hl);
		for (i = hl; i-- > hf;) {
			/* Why: "he had a source who told him": the relative's
			 * subject spoke inside the sentence only. */
			if (d->hit[i].has_np && !d->hit[i].np.weak &&
			    !d->hit[i].np.relative) {
				/* `"A," she said. "B."`: B is the rest of A. */
				spk_set(d, sp, &d->hit[i], k > 0 &&
				    d->tok[d->span[k - 1].open].sent == s - 1);
				return 0;
			}
		}
	}
	if (s > 0 && pick_colon(d, s - 1, sp) == 0)
		return 0;
	if (s > 0 && pick_para_subject(d, &d->span[k], s, sp) == 0)
		return 0;
	if (k > 0 && d->spk[k - 1].speaker != NULL && d->spk[k - 1].out >= 0 &&
	    d->span[k - 1].para + 1 >= para) {
		spk_copy(sp, &d->spk[k - 1]);
		sp->strong = 0;
		return 0;
	}
	return -1;
}

/* A quote inside a clause of its own that a conjunction opens, with a
 * pronoun for subject and no cue that has a source: `... after she
 * attacked the police over "implicit bias"`: that subject said it, not
 * the sentence's (np_sub_subject: words only up to the quote, so the
 * clause has not ended; `after she left, the pier was "a wreck"` is the
 * main clause's).  0 when found. */
static int
pick_sub_clause(struct qdoc *d, const struct qspan *q, int s,
    struct spk *sp)
{
	size_t i, hf, hl, h;
	struct np np = { 0, 0, -1, NULL, NULL, 0, 0 };

	i = np_sub_subject(d, d->sent[s].first, q->open);
	if (i == SIZE_MAX)
		return -1;
	hits_of(d, s, &hf, &hl);
	for (h = hf; h < hl; h++) {
		/* The clause's own cue with its source speaks for itself
		 * (pick_around). */
		if (d->hit[h].has_np && d->hit[h].tok >= i &&
		    d->hit[h].tok < q->open)
			return -1;
	}
	if (np_at(d, i, &np) != 0 || np.entity < 0) {
		np_clear(&np);
		return -1;
	}
	sp->speaker = np.text;
	sp->role = np.role;
	sp->entity = np.entity;
	sp->strong = 1;
	return 0;
}

/* The quote's own attribution, in its sentence or the next; 0 when
 * found. */
static int
pick_own(struct qdoc *d, const struct qspan *q, int s, struct spk *sp)
{
	size_t hf, hl, close = q->closed ? q->last : q->last - 1;
	int h;

	if (q->closed && pick_dash(d, q->last, sp) == 0)
		return 0;
	hits_of(d, s, &hf, &hl);
	h = q->closed ? pick_after(d, close, hf, hl) : -1;
	if (h < 0 && pick_sub_clause(d, q, s, sp) == 0)
		return 0;
	if (h < 0)
		h = pick_around(d, q->open, close, hf, hl);
	if (h < 0 && q->closed)
		h = pick_next_sentence(d, s);
	if (h >= 0) {
		spk_set(d, sp, &d->hit[h], 1);
		return 0;
	}
	return pick_subject(d, q, s, sp);
}

/* Only a cue right after the closing mark: `"...," added Holt`. */
static int
pick_close_after(struct qdoc *d, const struct qspan *q, int s,
    struct spk *sp)
{
	size_t hf, hl;
	int h;

	if (!q->closed)
		return -1;
	hits_of(d, s, &hf, &hl);
	h = pick_after(d, q->last, hf, hl);
	if (h < 0 || d->hit[h].np.weak || d->hit[h].np.entity < 0)
		return -1;
	spk_set(d, sp, &d->hit[h], 1);
	return 0;
}

/* Is word i a capitalised possessive ("CBS's"), not a contraction
 * ("It's", "That's")? */
static int
key_possessive(const struct qdoc *d, size_t i)
{
	const char *k = tok_key(d, i);
	size_t n = d->tok[i].keylen;
	const struct lang_word *stem;

	if (d->tok[i].kind != TOK_WORD || !(d->tok[i].flags & TF_CAP) ||
	    n <= 2 || k[n - 2] != '\'' || k[n - 1] != 's')
		return 0;
	stem = lang_lookup(d->lang, k, n - 2);
	return stem == NULL || !(stem->classes & (LANG_BIT(LANG_PRONOUN) |
	    LANG_BIT(LANG_STOP)));
}

/* A span of `words` words, `caps` of them capitalised, that names a
 * show or an event: on "Face the Nation," / the book "Art of the Deal" /
 * CBS's "Face the Nation" / a "Town Hall Forum".  Speech never follows a
 * possessive or a determiner. */
static int
span_is_title(const struct qdoc *d, const struct qspan *q, size_t words,
    size_t caps)
{
	return words <= TITLE_WORDS && caps == words && q->open > 0 &&
	    (d->tok[q->first].flags & TF_CAP) &&
	    (tok_has(d, q->open - 1, LANG_TITLE_OPENER) ||
	    tok_has(d, q->open - 1, LANG_DET) || key_possessive(d, q->open - 1));
}


/* Is q in a story's first line, one sentence with more after it? */
static int
span_first_line(const struct qdoc *d, const struct qspan *q)
{
	return q->para == 0 && q->closed && d->tok[q->open].sent == 0 &&
	    d->n_sent >= 2 && d->tok[d->sent[0].last - 1].kind == TOK_PARA;
}

/* A headline in title case quotes the words of the people it is about
 * ("Lawmakers Rip Holt's 'Costly Stunt'"): even a short span is speech
 * there.  A headline is a story's first paragraph, one sentence long,
 * with more after it. */
static int
span_in_headline(struct qdoc *d, const struct qspan *q)
{
	size_t words, caps;

	if (!span_first_line(d, q) || !ent_headline(d, 0))
		return 0;
	/* Why: a determiner often comes before words in a headline ("Rip
	 * Plan As A 'Costly Stunt'"); a possessive or "on" before a title
	 * ("Holt's 'Harbor Lights'") still makes one. */
	span_count(d, q, &words, &caps);
	return words > 0 && !(span_is_title(d, q, words, caps) &&
	    !tok_has(d, q->open - 1, LANG_DET));
}

/* A headline's own cue after its quote ("Holt 'The Dealmaker' Could
 * Act, Lindsey Graham Says"): the last one of sentence s with a
 * source. */
static void
pick_headline_cue(struct qdoc *d, int s, struct spk *sp)
{
	size_t hf, hl, i;

	hits_of(d, s, &hf, &hl);
	for (i = hl; i-- > hf;) {
		if (d->hit[i].has_np && !d->hit[i].np.weak) {
			spk_set(d, sp, &d->hit[i], 0);
			return;
		}
	}
}

/* Who a headline's quote is by: the words before a colon opening it
 * ("Holt: Ferry Plan Is 'Dead'") or before its first cue ("Ann Holt
 * Calls Plan 'A Joke'"), a few capitalised words. */
static void
pick_headline(struct qdoc *d, const struct qspan *q, struct spk *sp)
{
	const struct range *r = &d->sent[d->tok[q->open].sent];
	size_t i;

	for (i = r->first; i < r->last && i <= r->first + HEAD_SPEAKER; i++) {
		const struct tok *t = &d->tok[i];

		if ((t->kind == TOK_PUNCT && t->ch == ':') ||
		    (t->kind == TOK_WORD && i > r->first &&
		    tok_has(d, i, LANG_CUE))) {
			if (i == r->first)
				return;
			sp->speaker = tok_text(d, r->first, i);
			sp->cue = t->kind == TOK_PUNCT ? xstrdup(":") :
			    tok_text(d, i, i + 1);
			return;
		}
		if (t->kind != TOK_WORD || !(t->flags & TF_CAP) ||
		    (t->flags & TF_INQUOTE))
			return;
	}
}

static void
speaker_pick(struct qdoc *d, size_t k, struct spk *sp)
{
	const struct qspan *q = &d->span[k];
	const struct spk *prev = q->prev >= 0 ? &d->spk[q->prev] : NULL;
	int s = d->tok[q->open].sent;

	sp->entity = -1;
	if (pick_label(d, q, sp) == 0)
		return;
	/* `called them "losers" and "crooks"`: one speaker for both. */
	if (span_joined(d, k) && d->spk[k - 1].speaker != NULL) {
		spk_copy(sp, &d->spk[k - 1]);
		return;
	}
	/* A quote over several paragraphs: the first piece's attribution
	 * (unless a cue right after this piece names another speaker: the
	 * first quote was never closed), else the piece's own, else the
	 * first piece's guess. */
	if (prev != NULL && prev->speaker != NULL && prev->strong) {
		if (pick_close_after(d, q, s, sp) != 0)
			spk_copy(sp, prev);
		return;
	}
	/* Why: a headline stands alone; the body's first sentence is no
	 * attribution of its quote. */
	if (span_in_headline(d, q)) {
		pick_headline(d, q, sp);
		if (sp->speaker == NULL)
			pick_headline_cue(d, s, sp);
		return;
	}
	if (pick_own(d, q, s, sp) == 0)
		return;
	/* "Sanders: Clinton needs to 'get away from ...'": a headline in
	 * sentence case names its speaker before a colon too. */
	if (span_first_line(d, q)) {
		pick_headline(d, q, sp);
		if (sp->speaker != NULL)
			return;
	}
	if (prev != NULL && prev->speaker != NULL) {
		spk_copy(sp, prev);
		return;
	}
	pick_context(d, k, s, sp);
}

/* `"Part one.` / `"Part two," Holt said.`: the attribution at the end of
 * a quote over several paragraphs goes back to its earlier pieces. */
static void
chain_backfill(struct qdoc *d, size_t k, struct quotes_result *res)
{
	const struct spk *from = &d->spk[k];
	int j;

	for (j = d->span[k].prev; j >= 0 && !d->spk[j].strong;
	    j = d->span[j].prev) {
		struct spk *to = &d->spk[j];

		free(to->speaker);
		free(to->role);
		free(to->cue);
		spk_copy(to, from);
		if (to->out < 0)
			continue;
		free(res->quotes[to->out].speaker);
		free(res->quotes[to->out].speaker_role);
		free(res->quotes[to->out].cue);
		res->quotes[to->out].speaker = xstrdup(from->speaker);
		res->quotes[to->out].speaker_role = xstrdup(from->role);
		res->quotes[to->out].cue = xstrdup(from->cue);
	}
}

/* Scare quotes and titles: short, or every word capitalised. */
static int
span_is_speech(const struct qdoc *d, const struct qspan *q,
    const struct spk *sp)
{
	size_t words, caps;

	span_count(d, q, &words, &caps);
	if (words == 0)
		return 0;
	if (words <= SCARE_WORDS && !sp->strong)
		return 0;
	if (words <= TITLE_WORDS && caps == words && !sp->strong)
		return 0;
	return !span_is_title(d, q, words, caps);
}

/* Append the quote of span q; returns its index in res->quotes, or -1
 * when it holds nothing. */
static long
quote_emit(struct qdoc *d, const struct qspan *q, const struct spk *sp,
    struct quotes_result *res)
{
	struct quotes_quote *o;
	size_t first = q->first, last = q->last;

	while (last > first && d->tok[last - 1].kind == TOK_PARA)
		last--;
	if (last <= first)
		return -1;
	if ((res->n_quotes & (res->n_quotes - 1)) == 0)	/* powers of two */
		res->quotes = xreallocarray(res->quotes, res->n_quotes ?
		    res->n_quotes * 2 : 1, sizeof *res->quotes);
	o = &res->quotes[res->n_quotes++];
	o->start = d->tok[first].start;
	o->end = d->tok[last - 1].end;
	o->text = tok_slice(d, o->start, o->end);
	o->speaker = xstrdup(sp->speaker);
	o->speaker_role = xstrdup(sp->role);
	o->cue = xstrdup(sp->cue);
	return (long)(res->n_quotes - 1);
}

/* Is span k the object of a cue ("calls people "losers" and "sad."",
 * "chanted "What curfew?""), or joined to a span kept as speech ("as a
 * "leech" and a "brat"")?  Such a span is words someone used even
 * when nobody is named. */
/* Is span k joined to the span before it, kept as speech, by "and", a
 * comma or an article only ("a "leech" and a "brat"")? */
static int
span_joined(const struct qdoc *d, size_t k)
{
	size_t open = d->span[k].open, p;

	if (k == 0 || d->spk[k - 1].out < 0 || !d->span[k - 1].closed ||
	    d->tok[d->span[k - 1].open].sent != d->tok[open].sent)
		return 0;
	p = d->span[k - 1].last + 1;
	while (p < open && (tok_role(d, p, "coord") ||
	    tok_has(d, p, LANG_DET) ||
	    (d->tok[p].kind == TOK_PUNCT && d->tok[p].ch == ',')))
		p++;
	return p == open;
}

static int
span_cue_object(const struct qdoc *d, size_t k)
{
	size_t open = d->span[k].open, hf, hl, i, p, words, caps;

	span_count(d, &d->span[k], &words, &caps);
	if (words == 0 || span_is_title(d, &d->span[k], words, caps))
		return 0;
	if (span_joined(d, k))
		return 1;
	hits_of(d, d->tok[open].sent, &hf, &hl);
	for (i = hf; i < hl; i++) {
		p = d->hit[i].tok + d->hit[i].len;
		if (p > open || open - p > 2)
			continue;
		while (p < open && d->tok[p].kind == TOK_WORD &&
		    !(d->tok[p].flags & TF_CAP))
			p++;
		if (p == open)
			return 1;
	}
	return 0;
}

void
speaker_sentence(struct qdoc *d, size_t s, struct quotes_result *res)
{
	size_t k;

	for (k = d->next_span; k < d->n_span &&
	    d->tok[d->span[k].open].sent <= (int)s; k++) {
		struct qspan *q = &d->span[k];

		d->next_span = k + 1;
		d->spk[k].out = -1;
		speaker_pick(d, k, &d->spk[k]);
		if (q->prev >= 0 || span_is_speech(d, q, &d->spk[k]) ||
		    span_cue_object(d, k) || span_in_headline(d, q))
			d->spk[k].out = quote_emit(d, q, &d->spk[k], res);
		if (q->prev >= 0 && d->spk[k].strong &&
		    d->spk[k].speaker != NULL)
			chain_backfill(d, k, res);
	}
}
