/*
 * attrib.c - sentences that attribute information to a source: a reporting
 * cue from cues.txt ("said", "told", "according to", "denied" ...) and the
 * phrase naming who it comes from, normalised within the story ("the
 * network" -> CNN).  The cues found here also serve speaker.c.
 *
 * Must never look at words inside quotation marks: what a quote says is
 * not what the story attributes.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hearsay/buf.h"
#include "hearsay/util.h"
#include "quotes_int.h"

/* Is the cue at hit h a preposition phrase ("according to X")? */
static int
cue_takes_object(const struct qdoc *d, size_t i, size_t len)
{
	return len > 1 && tok_role(d, i + len - 1, "prep");
}

/* Does the word before phrase-start f make the phrase a modifier: a
 * preposition ("of Republican"), a determiner that is no article ("many
 * Republican"), or "a" or "an" before a name ("a Donald Holt tweet": no
 * one says "a Holt said")? */
static int
noun_before(const struct qdoc *d, size_t f)
{
	if (f == 0 || f == d->sent[d->tok[f].sent].first)
		return 0;
	return tok_role(d, f - 1, "objprep") || tok_role(d, f - 1, "affil") ||
	    (tok_has(d, f - 1, LANG_DET) &&
	    !tok_role(d, f - 1, "article")) ||
	    (tok_role(d, f - 1, "article") && tok_is_name(d, f) &&
	    strcmp(tok_key(d, f - 1), "the") != 0);
}

/* Does np name a body, not a person: an organisation the story named,
 * or a nominal such as "the agency"? */
static int
np_is_body(const struct qdoc *d, const struct np *np)
{
	const char *tag;
	size_t head = np->last - 1;

	if (np->entity >= 0)
		return d->ent[np->entity].kind != ENT_PERSON;
	if (np->last <= np->first || !tok_has(d, head, LANG_NOMINAL))
		return 0;
	tag = d->tok[head].w->tag[LANG_NOMINAL];
	return tag != NULL && (strcmp(tag, "media") == 0 ||
	    strcmp(tag, "agency") == 0 || strcmp(tag, "org") == 0);
}

/* Is token i the word "by"? */
static int
is_by(const struct qdoc *d, size_t i)
{
	return tok_is_word(d, i) && d->tok[i].keylen == 2 &&
	    memcmp(tok_key(d, i), "by", 2) == 0;
}

/* The agent of a participle: "first reported by the Ledger", "was told
 * by aides", "has been endorsed by the union", adverbs allowed before
 * "by".  0 when np holds a name or a phrase that can speak. */
static int
attrib_agent(struct qdoc *d, size_t i, struct np *np)
{
	while (tok_is_word(d, i) && !is_by(d, i) && (tok_has(d, i, LANG_SKIP) ||
	    tok_is_adverb(d, i)))
		i++;
	if (!is_by(d, i) || np_at(d, i + 1, np) != 0) {
		np_clear(np);
		return -1;
	}
	return 0;
}

/* Is token i the head of a document ("the memo", "court filings")? */
static int
is_doc_head(const struct qdoc *d, size_t i)
{
	const char *tag;

	if (!tok_is_word(d, i) || (d->tok[i].flags & TF_INQUOTE) ||
	    !tok_has(d, i, LANG_NOMINAL))
		return 0;
	tag = d->tok[i].w->tag[LANG_NOMINAL];
	return tag != NULL && strcmp(tag, "doc") == 0;
}

#define DOC_BACK	16	/* words between a document and its verb */

/* A document heading a longer subject, back from np ("Video of the
 * incident shows", "an analysis of super PACs that have raised $1
 * million shows"): np widened to it.  0 when found. */
static int
attrib_doc_head(struct qdoc *d, size_t cue, struct np *np)
{
	size_t k, lo = d->sent[d->tok[cue].sent].first;

	for (k = np->first; k > lo && cue - k < DOC_BACK; k--) {
		const struct tok *t = &d->tok[k - 1];

		/* Why: a clause of its own ("tweets saying that Ruiz had
		 * shown") ends the subject. */
		if (t->kind == TOK_PARA || (t->flags & TF_QMARK) ||
		    (t->kind == TOK_PUNCT && t->ch != '$' && t->ch != '%' &&
		    t->ch != '-' && t->ch != '/') || tok_role(d, k - 1, "comp") ||
		    (t->w != NULL && (t->w->classes & LANG_BIT(LANG_CUE)) &&
		    !(t->w->cue & CUE_NOUN)))
			return -1;
		if (is_doc_head(d, k - 1)) {
			np_widen(d, k - 1, np);
			return 0;
		}
	}
	return -1;
}

/* May a cue of documents ("found", "shows") cite np: a clause, a colon
 * or a quotation follows it, or np is a document or a body ("the audit
 * found", "court filings show", "the agency found")?  A cue of texts
 * ("read") cites only a document ("the letter read").  np may widen to
 * the document that heads it. */
static int
attrib_doc_ok(struct qdoc *d, size_t cue, size_t after, unsigned flags,
    struct np *np)
{
	size_t k;

	for (k = np->first; k < np->last; k++) {
		if (is_doc_head(d, k))
			return 1;	/* "Video of the incident" */
	}
	if (attrib_doc_head(d, cue, np) == 0)
		return 1;
	if (flags & CUE_TEXT)
		return 0;
	return tok_role(d, after, "comp") || (after < d->n_tok &&
	    ((d->tok[after].flags & TF_QMARK) || (d->tok[after].kind ==
	    TOK_PUNCT && d->tok[after].ch == ':'))) || np_is_body(d, np);
}

#define ATTRIB_NO_CUE	(-2)	/* attrib_source: the word is no cue here */

/* The source of a reporting noun at i: the name whose possessive is
 * before it when what was said follows ("Holt's announcement that",
 * "Holt's warning: "), or the phrase after "from", "by" or "of" when it
 * names someone ("an appeal from the mayor", "the testimony of Ana
 * Ruiz"; not "a statement of principles").  The hit's end moves
 * past a source after it.  0, or ATTRIB_NO_CUE. */
static int
attrib_noun_source(struct qdoc *d, size_t i, struct np *np)
{
	struct cue_hit *h = &d->hit[d->n_hit - 1];
	const char *k;

	h->noun = 1;
	if (np_possessor(d, i, np) == 0 && (tok_role(d, i + 1, "comp") ||
	    (i + 1 < d->n_tok && ((d->tok[i + 1].flags & TF_QMARK) ||
	    (d->tok[i + 1].kind == TOK_PUNCT && (d->tok[i + 1].ch == ':' ||
	    d->tok[i + 1].ch == ','))))))
		return 0;
	np_clear(np);
	k = tok_key(d, i + 1);
	if (tok_is_word(d, i + 1) && (strcmp(k, "from") == 0 ||
	    strcmp(k, "by") == 0 || strcmp(k, "of") == 0) &&
	    np_at(d, i + 2, np) == 0 && !np->weak && (np->entity >= 0 ||
	    strcmp(k, "of") != 0)) {
		h->end = np->last;
		return 0;
	}
	np_clear(np);
	return ATTRIB_NO_CUE;
}

/* "The ministry released a statement saying ...": the source of an -ing
 * cue right after a text that a verb of issuing takes is that verb's
 * subject (a text received, "got a letter saying", speaks for itself).
 * 0 when found. */
static int
attrib_issued(struct qdoc *d, size_t i, struct np *np)
{
	size_t lo = d->sent[d->tok[i].sent].first, k = i;

	while (k > lo && tok_is_word(d, k - 1) && tok_has(d, k - 1, LANG_SKIP))
		k--;	/* "a statement Friday saying" */
	if (k == lo || !is_doc_head(d, k - 1) || np_subject(d, k, np) != 0)
		goto none;
	if (np->first <= lo + 1 || !tok_role(d, np->first - 1, "issue"))
		goto none;
	if (np_subject(d, np->first - 1, np) == 0 && !np->weak)
		return 0;
none:
	np_clear(np);
	return -1;
}

/* The source of the cue at token i (len tokens): the subject before it,
 * or after it (", said Smith", "according to the Times"), or the agent
 * of a participle ("reported by the Ledger").  0, -1 when none is
 * found, ATTRIB_NO_CUE when the subject shows the word cites nothing
 * ("police found a car"). */
static int
attrib_source(struct qdoc *d, size_t i, size_t len, unsigned cue,
    struct np *np)
{
	const struct tok *p;

	if (cue_takes_object(d, i, len))
		return np_at(d, i + len, np) == 0 ? 0 :
		    np_words(d, i + len, np);
	if (cue & CUE_NOUNCUE)
		return attrib_noun_source(d, i, np);
	if ((cue & CUE_PART) && attrib_agent(d, i + len, np) == 0)
		return 0;
	if ((cue & CUE_ING) && attrib_issued(d, i, np) == 0)
		return 0;
	/* "Holt was told", "the plan was announced": the subject of a
	 * passive is whom it was said to, or what was said. */
	if (cue & CUE_PASSIVE)
		return -1;
	if ((cue & CUE_NOUN) && np_possessor(d, i, np) == 0) {
		d->hit[d->n_hit - 1].noun = 1;
		return 0;
	}
	if (np_subject(d, i, np) == 0) {
		/* "people saying", "discussions continuing": a phrase that
		 * an -ing form describes, not its subject. */
		if ((cue & CUE_ING) && np->last == i) {
			if (np->weak)
				return -1;
			d->hit[d->n_hit - 1].attached = 1;
		}
		/* "32% of Republican claims", "a five-alarm call": a noun,
		 * nobody's cue. */
		if ((cue & CUE_NOUN) && (np->weak ||
		    noun_before(d, np->first)))
			return -1;
		if ((cue & (CUE_DOC | CUE_TEXT)) &&
		    !attrib_doc_ok(d, i, i + len, cue, np)) {
			np_clear(np);
			return ATTRIB_NO_CUE;
		}
		return 0;
	}
	if (np_participle(d, i))
		return -1;	/* "adding that the board ...": no inversion */
	p = i > d->sent[d->tok[i].sent].first ? &d->tok[i - 1] : NULL;
	if (p == NULL || p->kind == TOK_MARK || p->kind == TOK_PARA ||
	    (p->kind == TOK_PUNCT && (p->ch == ',' || p->ch == ':')))
		return np_after(d, i + len, np);
	return -1;
}

static void
hit_push(struct qdoc *d, size_t i, size_t len, unsigned cue, int sent)
{
	struct cue_hit *h;

	if ((d->n_hit & (d->n_hit - 1)) == 0)	/* grow at powers of two */
		d->hit = xreallocarray(d->hit, d->n_hit ? d->n_hit * 2 : 1,
		    sizeof *d->hit);
	h = &d->hit[d->n_hit++];
	memset(h, 0, sizeof *h);
	h->tok = i;
	h->len = len;
	h->end = i + len;
	h->cue = cue;
	h->sent = sent;
	h->np.entity = -1;
}

/* `the spokesman said, adding that`: a participle after a comma shares
 * the subject of the cue before it in the sentence. */
static int
attrib_same_subject(struct qdoc *d, struct cue_hit *h)
{
	const struct cue_hit *prev = d->n_hit > 1 ? h - 1 : NULL;

	np_clear(&h->np);
	if (prev == NULL || prev->sent != h->sent || !prev->has_np ||
	    !np_participle(d, h->tok) || h->tok == 0 ||
	    d->tok[h->tok - 1].kind != TOK_PUNCT || d->tok[h->tok - 1].ch != ',')
		return -1;
	h->np.first = prev->np.first;
	h->np.last = prev->np.last;
	h->np.entity = prev->np.entity;
	h->np.weak = prev->np.weak;
	h->np.relative = prev->np.relative;
	h->np.text = xstrdup(prev->np.text);
	h->np.role = xstrdup(prev->np.role);
	return 0;
}

#define PRONOUN_BACK	4	/* cues looked back at for "it", "they" */

/* Is the word at i a plural ("officials", not "witness")? */
static int
tok_plural(const struct qdoc *d, size_t i)
{
	const char *k = tok_key(d, i);
	size_t n = d->tok[i].keylen;

	return n > 3 && k[n - 1] == 's' && k[n - 2] != 's' && k[n - 2] != '\'';
}

/* Can "it" (plural 0) or "they" (plural 1) stand for np: a body the
 * story named or a nominal ("the agency", "the letter", "officials")? */
static int
np_fits_pronoun(const struct qdoc *d, const struct np *np, int plural)
{
	const struct entity *e;
	const char *tag;
	size_t head = np->first;

	if (np->text == NULL || np->last <= np->first ||
	    tok_has(d, np->first, LANG_PRONOUN))
		return 0;
	/* The head ends the phrase or comes before its preposition
	 * ("critics of the plan"). */
	while (head + 1 < np->last && !tok_role(d, head + 1, "objprep") &&
	    !tok_role(d, head + 1, "affil"))
		head++;
	if (np->entity >= 0) {
		e = &d->ent[np->entity];
		/* Why: "Democrats" (no given name, plural) are a "they". */
		return e->kind != ENT_PERSON || (plural && e->gender == 0 &&
		    strchr(e->name, ' ') == NULL && tok_plural(d, head));
	}
	if (!tok_has(d, head, LANG_NOMINAL))
		return 0;
	tag = d->tok[head].w->tag[LANG_NOMINAL];
	if (tag == NULL)
		return 0;
	if (strcmp(tag, "person") == 0)
		return plural && tok_plural(d, head);
	if (strcmp(tag, "doc") == 0)
		return plural == tok_plural(d, head);
	return !tok_plural(d, head) || plural;	/* a body: "it", "they" */
}

static void
np_copy(struct np *to, const struct np *from)
{
	free(to->text);
	free(to->role);
	to->first = from->first;
	to->last = from->last;
	to->entity = from->entity;
	to->weak = from->weak;
	to->relative = from->relative;
	to->text = xstrdup(from->text);
	to->role = xstrdup(from->role);
}

/* "The agency said it had warned shippers": "it" after a body's cue in
 * the same sentence is that body, nearer than any named before.  An
 * "it" or "they" left unresolved is the source of a cue in this sentence
 * or the one before that fits ("the letter read ... it added"; "the
 * union rejected ... they said"); when none fits and an earlier cue of
 * the sentence has a source, the pronoun is a clause's subject ("said
 * it would tell"), no speaker. */
static void
attrib_it(struct qdoc *d, struct cue_hit *h)
{
	const struct cue_hit *prev;
	const char *tag;
	size_t back;
	int plural;

	if (h->np.last != h->np.first + 1 ||
	    !tok_has(d, h->np.first, LANG_PRONOUN) || d->n_hit < 2)
		return;
	tag = d->tok[h->np.first].w->tag[LANG_PRONOUN];
	if (tag == NULL || (strcmp(tag, "thing") != 0 &&
	    strcmp(tag, "group") != 0))
		return;
	plural = tag[0] == 'g';
	prev = h - 1;
	if (!plural && prev->sent == h->sent && prev->has_np &&
	    prev->np.text != NULL && np_is_body(d, &prev->np)) {
		np_copy(&h->np, &prev->np);
		return;
	}
	/* Why: a source that just spoke ("the report says. It also points
	 * out") is nearer than a body merely named before it. */
	for (back = 1; back <= PRONOUN_BACK && back < d->n_hit; back++) {
		prev = h - back;
		if (prev->sent + 1 < h->sent || (h->np.entity >= 0 &&
		    prev->np.entity == h->np.entity))
			break;
		if (prev->has_np && np_fits_pronoun(d, &prev->np, plural)) {
			np_copy(&h->np, &prev->np);
			return;
		}
	}
	if (h->np.entity >= 0)
		return;
	prev = h - 1;
	if (prev->sent == h->sent && prev->has_np && !prev->np.weak)
		h->np.weak = 1;
}

/* An unresolved "he", "it" or "we" names nobody a reader could use. */
static int
source_usable(const struct qdoc *d, const struct np *np)
{
	if (np->text == NULL)
		return 0;
	return np->entity >= 0 || np->last != np->first + 1 ||
	    !tok_has(d, np->first, LANG_PRONOUN);
}

/* Whom the cue at h was said to, when the story names it ("told CNN",
 * "told the newspaper" for the paper it named), or NULL.  Caller frees. */
static char *
attrib_addressee(struct qdoc *d, const struct cue_hit *h)
{
	struct np to = { 0, 0, -1, NULL, NULL, 0, 0 };
	char *name = NULL;

	if (h->noun || !(h->cue & CUE_TO))
		return NULL;
	if (np_at(d, h->tok + h->len, &to) == 0 && to.entity >= 0 &&
	    (h->np.entity < 0 || to.entity != h->np.entity)) {
		name = to.text;
		to.text = NULL;
	}
	np_clear(&to);
	return name;
}

static void
attrib_add(struct qdoc *d, size_t s, const struct cue_hit *h,
    struct quotes_result *res)
{
	struct quotes_attrib *a;
	const struct range *r = &d->sent[s];
	size_t last = r->last;

	while (last > r->first + 1 && d->tok[last - 1].kind == TOK_PARA)
		last--;
	if ((res->n_attribs & (res->n_attribs - 1)) == 0)
		res->attribs = xreallocarray(res->attribs, res->n_attribs ?
		    res->n_attribs * 2 : 1, sizeof *res->attribs);
	a = &res->attribs[res->n_attribs++];
	a->source = xstrdup(h->np.text);
	a->role = xstrdup(h->np.role);
	a->affiliation = a->affiliation_role = NULL;
	a->addressee = attrib_addressee(d, h);
	a->cue = tok_slice(d, d->tok[h->tok].start,
	    d->tok[h->tok + h->len - 1].end);
	a->start = d->tok[r->first].start;
	a->end = d->tok[last - 1].end;
	a->sentence = tok_slice(d, a->start, a->end);
}

#define COORD_MAX	3	/* names before the last one: "A, B and C" */

/* "Ana Ruiz and Omar Haddad said", "Ruiz, Haddad and Lund said": the
 * names joined to the subject before the cue at h are its sources too,
 * each cited with the same cue. */
static void
attrib_coordinated(struct qdoc *d, size_t s, const struct cue_hit *h,
    struct quotes_result *res)
{
	size_t lo = d->sent[s].first, j = h->np.first - 1, e, n;
	struct cue_hit other;

	if (h->np.last > h->tok || h->np.entity < 0 || h->np.first < lo + 2 ||
	    !tok_role(d, j, "coord"))
		return;
	for (n = 0; n < COORD_MAX && j > lo; n++) {
		e = j - 1;
		/* Why: "A, B, and C": the comma before "and" joins nothing. */
		if (d->tok[e].kind == TOK_PUNCT && d->tok[e].ch == ',' && e > lo)
			e--;
		other = *h;
		memset(&other.np, 0, sizeof other.np);
		other.np.entity = -1;
		if (!tok_is_name(d, e) || np_before(d, e, lo, &other.np) != 0 ||
		    other.np.entity < 0) {
			np_clear(&other.np);
			return;
		}
		attrib_add(d, s, &other, res);
		j = other.np.first;
		np_clear(&other.np);
		/* Why: the first name may open the sentence: nothing before. */
		if (j <= lo + 1 || d->tok[j - 1].kind != TOK_PUNCT ||
		    d->tok[j - 1].ch != ',')
			return;
		j--;
	}
}

#define HEADLINE_SOURCE_MAX	4	/* words of "Lindsey Graham Says" */

/* A title-case headline ending in a source and its cue: "Ferry Fares
 * Will Rise, Harbour Board Says", "..., Mayor Warns".  Its capitals are
 * style, so cue_at takes no capitalised word there; the source is the
 * capitalised words between the comma and the cue.  The hit it pushes
 * speaks the headline's quotes. */
static void
attrib_headline(struct qdoc *d, size_t s, struct quotes_result *res)
{
	const struct range *r = &d->sent[s];
	size_t c = r->last, f;
	const struct tok *t;
	struct cue_hit *h;

	if (s != 0 || !ent_headline(d, s))
		return;
	while (c > r->first && d->tok[c - 1].kind != TOK_WORD)
		c--;	/* the full stop, the paragraph break */
	if (c < r->first + 3)
		return;
	t = &d->tok[--c];
	if (t->w == NULL || !(t->w->classes & LANG_BIT(LANG_CUE)) ||
	    !(t->w->cue & (CUE_S | CUE_PAST)) || (t->flags & TF_INQUOTE))
		return;
	for (f = c; f > r->first && c - f < HEADLINE_SOURCE_MAX &&
	    tok_is_word(d, f - 1) && (d->tok[f - 1].flags & TF_CAP) &&
	    !(d->tok[f - 1].flags & TF_INQUOTE); f--)
		;
	/* Why: the comma may close the quote before it ("'A Stunt,' X
	 * Says"). */
	if (f > r->first + 1 && (d->tok[f - 1].flags & TF_QMARK))
		f--;
	if (f == c || f == r->first || d->tok[f - 1].kind != TOK_PUNCT ||
	    d->tok[f - 1].ch != ',')
		return;
	if (d->tok[f].flags & TF_QMARK)
		f++;
	hit_push(d, c, 1, t->w->cue, (int)s);
	h = &d->hit[d->n_hit - 1];
	h->np.first = f;
	h->np.last = c;
	h->np.text = tok_text(d, f, c);
	h->has_np = 1;
	attrib_add(d, s, h, res);
}

void
attrib_sentence(struct qdoc *d, size_t s, struct quotes_result *res)
{
	size_t i, len;
	unsigned cue;
	int rc;

	for (i = d->sent[s].first; i < d->sent[s].last; i += len ? len : 1) {
		struct cue_hit *h;

		len = cue_at(d, i, &cue);
		if (len == 0)
			continue;
		hit_push(d, i, len, cue, (int)s);
		h = &d->hit[d->n_hit - 1];
		rc = attrib_source(d, i, len, cue, &h->np);
		if (rc == ATTRIB_NO_CUE) {
			/* Why: "she read it" is no cue at all: nothing it
			 * governs is speech. */
			np_clear(&h->np);
			d->n_hit--;
			continue;
		}
		if (rc != 0 && attrib_same_subject(d, h) != 0) {
			np_clear(&h->np);
			continue;
		}
		h->has_np = 1;
		attrib_it(d, h);
		if (h->np.entity >= 0 && d->ent[h->np.entity].kind == ENT_PERSON)
			ent_recent_push(d, h->np.entity);
		if (source_usable(d, &h->np)) {
			attrib_coordinated(d, s, h, res);
			attrib_add(d, s, h, res);
		}
	}
	attrib_headline(d, s, res);
}

void
attrib_hits_free(struct qdoc *d)
{
	size_t i;

	for (i = 0; i < d->n_hit; i++)
		np_clear(&d->hit[i].np);
	free(d->hit);
}
