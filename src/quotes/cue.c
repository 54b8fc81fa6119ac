/*
 * cue.c - the reporting cues of a sentence: a verb or phrase of
 * cues.txt ("said", "weighed in", "went on to say", "according to") used
 * as a verb, with what its form tells: a noun after an article ("a
 * claim", "a strong signal"), a passive after a form of "be" ("was told",
 * "has been endorsed by"), a verb that is no cue before "to" ("continued
 * to rise"); and the reporting nouns ("an appeal from the mayor").
 *
 * Looks at the cue's own words and the two or three tokens around it:
 * never at a subject or an entity, which the layers above find.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hearsay/util.h"
#include "quotes_int.h"

#define CUE_WORDS_MAX	4
#define CUE_KEY_MAX	128
#define CUE_AUX_BACK	4	/* words looked back over for "was" */

/* The longest phrase of cues.txt at word i: its tokens, 0 when none, its
 * flags in *flags. */
static size_t
cue_match(const struct qdoc *d, size_t i, unsigned *flags)
{
	const struct tok *t = &d->tok[i];
	char key[CUE_KEY_MAX];
	size_t n, found = 0, len;

	*flags = 0;
	if (t->w->classes & LANG_BIT(LANG_CUE)) {
		found = 1;
		*flags = t->w->cue;
	}
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
		if (w != NULL && (w->classes & LANG_BIT(LANG_CUE))) {
			found = n + 1;
			*flags = w->cue;
		}
	}
	return found;
}

/* Is token i an article or a possessive determiner ("the", "her"), after
 * which a cue form is a noun? */
static int
cue_article(const struct qdoc *d, size_t i)
{
	return tok_role(d, i, "article") || tok_role(d, i, "possdet");
}

/* Is token i a subject pronoun ("he notes": a verb after it)? */
static int
cue_pronoun_before(const struct qdoc *d, size_t i)
{
	const char *tag;

	if (!tok_has(d, i, LANG_PRONOUN))
		return 0;
	tag = d->tok[i].w->tag[LANG_PRONOUN];
	return tag != NULL && strcmp(tag, "self") != 0;
}

/* Does token i open what a reporting verb takes: a clause ("that",
 * "whether"), an object (an article, a pronoun, a name, a number), a
 * quotation, a colon or comma, "to", or an adverb? */
static int
cue_object_opens(const struct qdoc *d, size_t i)
{
	const struct tok *t;

	if (i >= d->n_tok)
		return 0;
	t = &d->tok[i];
	if (t->kind == TOK_MARK)
		return 1;
	if (t->kind == TOK_PUNCT)
		return t->ch == ':' || t->ch == ',';
	if (t->kind != TOK_WORD)
		return 0;
	return (t->flags & (TF_CAP | TF_DIGIT)) || tok_is_det(d, i) ||
	    tok_has(d, i, LANG_PRONOUN) || tok_has(d, i, LANG_REL) ||
	    tok_role(d, i, "comp") || tok_role(d, i, "prep") ||
	    tok_role(d, i, "affil") || tok_is_adverb(d, i) ||
	    tok_role(d, i, "opens");
}

/* Does a quotation close just before the subject of the cue at i
 * (`," Holt notes.`)?  Then a form that is also a noun is the verb of
 * the attribution, whatever follows it. */
static int
cue_after_quote(const struct qdoc *d, size_t i)
{
	size_t k, lo = d->sent[d->tok[i].sent].first;

	for (k = i; k > lo && i - k < NP_MAX; k--) {
		if (d->tok[k - 1].flags & TF_QMARK)
			return d->tok[k - 1].quote < 0;
	}
	return 0;
}

/* Is token i a word a verb's subject ends with: a name, or a phrase's
 * head that speaks ("Holt calls", "the agency reports")? */
static int
cue_subject_before(const struct qdoc *d, size_t i)
{
	return (tok_is_name(d, i) && !tok_is_possessive(d, i)) ||
	    (tok_is_lower(d, i) && (tok_has(d, i, LANG_NOMINAL) ||
	    tok_has(d, i, LANG_TITLE)));
}

/* Does token i end the clause (".", "?", "!", ";")? */
static int
cue_clause_ends(const struct qdoc *d, size_t i)
{
	const struct tok *t;

	if (i >= d->n_tok)
		return 1;
	t = &d->tok[i];
	return t->kind == TOK_PARA || (t->kind == TOK_PUNCT && (t->ch == '.' ||
	    t->ch == '?' || t->ch == '!' || t->ch == ';'));
}

/* Is the cue form at i a noun here: right after an article ("a
 * detailed plan", "the report"), or a form that is a noun too ("claims",
 * "call") after an article and a word that heads no phrase that speaks
 * ("a strong signal"; not "the agency reports"), or where no verb of
 * saying stands: not after a pronoun, an auxiliary or "and" ("he notes",
 * "will demand", "and calls"), not before what such a verb takes ("charge that", "calls
 * him"), nor between a subject and its object or the clause's end ("Holt
 * calls people", "the Journal reports.").  "Clinton emails were" and "a
 * court appeals panel" are nouns. */
static int
cue_is_noun(const struct qdoc *d, size_t i, size_t len, unsigned flags)
{
	size_t lo = d->sent[d->tok[i].sent].first, n = i + len;

	if (i > lo && cue_article(d, i - 1))
		return 1;
	if (!(flags & CUE_NOUN))
		return 0;
	/* "a series of tweets", "calls for comments", "a flurry of
	 * late-night tweets" */
	if (i > lo && (tok_role(d, i - 1, "objprep") ||
	    tok_role(d, i - 1, "affil")))
		return 1;
	if (i > lo + 1 && tok_role(d, i - 2, "objprep") &&
	    tok_is_lower(d, i - 1) && !tok_has(d, i - 1, LANG_NOMINAL) &&
	    !tok_has(d, i - 1, LANG_SKIP) && !tok_is_adverb(d, i - 1))
		return 1;
	if (i >= lo + 2 && cue_article(d, i - 2) && tok_is_lower(d, i - 1) &&
	    !tok_has(d, i - 1, LANG_NOMINAL) && !tok_has(d, i - 1, LANG_TITLE))
		return 1;
	if (i > lo && (cue_pronoun_before(d, i - 1) ||
	    tok_role(d, i - 1, "coord") ||
	    (tok_is_word(d, i - 1) && tok_has(d, i - 1, LANG_SKIP) &&
	    !(d->tok[i - 1].flags & TF_CAP))))
		return 0;
	if (cue_object_opens(d, n) || cue_after_quote(d, i))
		return 0;
	if (i == lo || !cue_subject_before(d, i - 1))
		return 1;
	return !cue_clause_ends(d, n) && !(tok_is_lower(d, n) &&
	    !tok_has(d, n, LANG_SKIP) && !tok_role(d, n, "objprep") &&
	    !tok_role(d, n, "coord") && !tok_role(d, n, "be") &&
	    !tok_has(d, n, LANG_CUE));
}

/* Is the participle at i passive: a form of "be" before it, maybe with
 * adverbs between ("was first reported", "has been widely praised")? */
static int
cue_is_passive(const struct qdoc *d, size_t i)
{
	size_t k, lo = d->sent[d->tok[i].sent].first;

	for (k = i; k > lo && i - k < CUE_AUX_BACK; k--) {
		if (tok_role(d, k - 1, "be"))
			return 1;
		if (!tok_is_word(d, k - 1) || (!tok_has(d, k - 1, LANG_SKIP) &&
		    !tok_is_adverb(d, k - 1)))
			return 0;
	}
	return 0;
}

#define CUE_REDUCED_MAX	6	/* words of "released on Monday" */

/* Does token i open what follows a participle that modifies a noun: a
 * preposition, "by", a day or a month ("released on Monday", "conducted
 * by Gallup", "published last spring")? */
static int
cue_modifier_tail(const struct qdoc *d, size_t i)
{
	if (!tok_is_word(d, i))
		return 0;
	return tok_role(d, i, "objprep") || tok_role(d, i, "affil") ||
	    (d->tok[i].keylen == 2 && memcmp(tok_key(d, i), "by", 2) == 0) ||
	    tok_has(d, i, LANG_SKIP) || tok_has(d, i, LANG_MONTH);
}

/* Is the participle at i (len tokens) a reduced relative on the noun
 * before it, with the clause's verb after it: "a report published last
 * spring concluded", "a poll released Friday found"?  Then it is no cue:
 * the verb after it is, with the noun for its subject. */
static int
cue_is_modifier(const struct qdoc *d, size_t i, size_t len, unsigned flags)
{
	size_t j, lo = d->sent[d->tok[i].sent].first;

	if (!(flags & CUE_PART) || i < lo + 2 || !tok_is_lower(d, i - 1) ||
	    !tok_has(d, i - 1, LANG_NOMINAL) || !cue_modifier_tail(d, i + len))
		return 0;
	for (j = i + len + 1; j < d->n_tok && j <= i + len + CUE_REDUCED_MAX;
	    j++) {
		const struct tok *t = &d->tok[j];

		if (t->kind != TOK_WORD || (t->flags & TF_INQUOTE) ||
		    tok_role(d, j, "comp"))
			return 0;
		if (t->w != NULL && (t->w->classes & LANG_BIT(LANG_CUE)) &&
		    !(t->flags & TF_CAP) && !(t->w->cue & CUE_ING) &&
		    (t->w->cue & (CUE_PAST | CUE_S | CUE_BASE)))
			return 1;
	}
	return 0;
}

size_t
cue_at(const struct qdoc *d, size_t i, unsigned *flags)
{
	const struct tok *t = &d->tok[i];
	size_t len;

	*flags = 0;
	if (t->kind != TOK_WORD || t->w == NULL || (t->flags & TF_INQUOTE))
		return 0;
	/* Why: capitalised "Post" or "Says" in a headline is no verb. */
	if ((t->flags & TF_CAP) && i > d->sent[t->sent].first &&
	    !(t->w->classes & LANG_PHRASE_START))
		return 0;
	len = cue_match(d, i, flags);
	if (len > 0 && cue_is_noun(d, i, len, *flags))
		len = 0;
	if (len == 0) {
		/* "Holt's announcement", "an appeal from the mayor" */
		if (!tok_has(d, i, LANG_NOUNCUE) || (t->flags & TF_CAP))
			return 0;
		*flags = CUE_NOUNCUE | CUE_NOUN;
		return 1;
	}
	if (cue_is_modifier(d, i, len, *flags))
		return 0;
	/* "continued to rise", "adds to the cost" */
	if ((*flags & CUE_NOTTO) && tok_role(d, i + len, "prep"))
		return 0;
	if ((*flags & CUE_PART) && cue_is_passive(d, i))
		*flags |= CUE_PASSIVE;
	return len;
}
