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

#define CUE_WORDS_MAX	4
#define CUE_KEY_MAX	128

/* Tokens in the cue starting at token i (phrases such as "according to"
 * included), or 0 when there is none. */
size_t
attrib_cue_len(const struct qdoc *d, size_t i)
{
	const struct tok *t = &d->tok[i];
	char key[CUE_KEY_MAX];
	size_t n, found = 0, len;

	if (t->kind != TOK_WORD || t->w == NULL || (t->flags & TF_INQUOTE))
		return 0;
	/* Why: capitalised "Post" or "Says" in a headline is no verb. */
	if ((t->flags & TF_CAP) && i > d->sent[t->sent].first &&
	    !(t->w->classes & LANG_PHRASE_START))
		return 0;
	if (t->w->classes & LANG_BIT(LANG_CUE))
		found = 1;
	if (!(t->w->classes & LANG_PHRASE_START) || t->keylen >= sizeof key)
		return found;
	memcpy(key, tok_key(d, i), t->keylen);
	len = t->keylen;
	for (n = 1; n < CUE_WORDS_MAX && i + n < d->n_tok &&
	    d->tok[i + n].kind == TOK_WORD; n++) {
		const struct lang_word *w;
		size_t kl = d->tok[i + n].keylen;

		if (len + 1 + kl >= sizeof key)
			break;
		key[len++] = ' ';
		memcpy(key + len, tok_key(d, i + n), kl);
		len += kl;
		w = lang_lookup(d->lang, key, len);
		if (w != NULL && (w->classes & LANG_BIT(LANG_CUE)))
			found = n + 1;
	}
	return found;
}

/* Is the cue at hit h a preposition phrase ("according to X")? */
static int
cue_takes_object(const struct qdoc *d, size_t i, size_t len)
{
	return len > 1 && tok_role(d, i + len - 1, "prep");
}

/* Does the word before phrase-start f make the phrase a modifier: a
 * preposition ("of Republican") or a determiner that is no article
 * ("many Republican")? */
static int
noun_before(const struct qdoc *d, size_t f)
{
	if (f == 0 || f == d->sent[d->tok[f].sent].first)
		return 0;
	return tok_role(d, f - 1, "objprep") || tok_role(d, f - 1, "affil") ||
	    (tok_has(d, f - 1, LANG_DET) &&
	    !tok_role(d, f - 1, "article"));
}

/* The source of the cue at token i (len tokens): the subject before it,
 * or after it (", said Smith", "according to the Times"). */
static int
attrib_source(struct qdoc *d, size_t i, size_t len, struct np *np)
{
	const struct tok *p;

	if (cue_takes_object(d, i, len))
		return np_at(d, i + len, np) == 0 ? 0 :
		    np_words(d, i + len, np);
	if (tok_role(d, i, "noun") && np_possessor(d, i, np) == 0) {
		d->hit[d->n_hit - 1].noun = 1;
		return 0;
	}
	if (np_subject(d, i, np) == 0) {
		/* "32% of Republican claims", "a five-alarm call": a noun,
		 * nobody's cue. */
		if (tok_role(d, i, "noun") && (np->weak ||
		    noun_before(d, np->first)))
			return -1;
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
hit_push(struct qdoc *d, size_t i, size_t len, int sent)
{
	struct cue_hit *h;

	if ((d->n_hit & (d->n_hit - 1)) == 0)	/* grow at powers of two */
		d->hit = xreallocarray(d->hit, d->n_hit ? d->n_hit * 2 : 1,
		    sizeof *d->hit);
	h = &d->hit[d->n_hit++];
	memset(h, 0, sizeof *h);
	h->tok = i;
	h->len = len;
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
	h->np.text = xstrdup(prev->np.text);
	h->np.role = xstrdup(prev->np.role);
	return 0;
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
	struct np to = { 0, 0, -1, NULL, NULL, 0 };
	char *name = NULL;

	if (h->noun || !tok_role(d, h->tok, "addressee"))
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

void
attrib_sentence(struct qdoc *d, size_t s, struct quotes_result *res)
{
	size_t i, len;

	for (i = d->sent[s].first; i < d->sent[s].last; i += len ? len : 1) {
		struct cue_hit *h;

		len = attrib_cue_len(d, i);
		if (len == 0)
			continue;
		hit_push(d, i, len, (int)s);
		h = &d->hit[d->n_hit - 1];
		if (attrib_source(d, i, len, &h->np) != 0 &&
		    attrib_same_subject(d, h) != 0) {
			np_clear(&h->np);
			continue;
		}
		h->has_np = 1;
		attrib_it(d, h);
		if (h->np.entity >= 0 && d->ent[h->np.entity].kind == ENT_PERSON)
			ent_recent_push(d, h->np.entity);
		if (source_usable(d, &h->np))
			attrib_add(d, s, h, res);
	}
}

void
attrib_hits_free(struct qdoc *d)
{
	size_t i;

	for (i = 0; i < d->n_hit; i++)
		np_clear(&d->hit[i].np);
	free(d->hit);
}
