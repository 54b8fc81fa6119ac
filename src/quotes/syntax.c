/*
 * syntax.c - the syntax layer of the quote engine: the story's sentences
 * (quote spans count as single units), and the few clause-level tests
 * the later layers share: where a sentence's subject name stands, and
 * whether an "and" joins the words of one name.
 *
 * Works on tokens and spans only; it must never know an entity or a
 * phrase (that is ent.c and np.c, above it), and never look further than
 * a sentence from the token it is asked about.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hearsay/util.h"
#include "quotes_int.h"

#define SENT_MAX_TOKENS	400
#define OPENER_MAX	24	/* words in a clause before the subject */

static int
tok_terminal(const struct tok *t)
{
	return t->kind == TOK_PUNCT && (t->ch == '.' || t->ch == '!' ||
	    t->ch == '?');
}

/* A reporting cue within a name's length of token i ("Holt said"). */
static int
cue_near(const struct qdoc *d, size_t i)
{
	size_t k;

	for (k = i; k < d->n_tok && k < i + 5; k++) {
		if (d->tok[k].kind != TOK_WORD)
			return 0;
		/* ...and then the sentence ends or pauses: `Holt said.`,
		 * not `Russia insisted that ...`. */
		if (tok_has(d, k, LANG_CUE) && !(d->tok[k].flags & TF_CAP))
			return k + 1 >= d->n_tok || d->tok[k + 1].kind !=
			    TOK_WORD || tok_has(d, k + 1, LANG_SKIP);
		if (!(d->tok[k].flags & TF_CAP))
			return 0;
	}
	return 0;
}

/* Is there a reporting cue outside quotes in tokens [f, l)?  Bounded:
 * a sentence is at most SENT_MAX_TOKENS long. */
static int
cue_between(const struct qdoc *d, size_t f, size_t l)
{
	for (; f < l; f++) {
		if (d->tok[f].kind == TOK_WORD && d->tok[f].quote < 0 &&
		    tok_has(d, f, LANG_CUE))
			return 1;
	}
	return 0;
}

/* Does a sentence end after token i (outside quotes), in the sentence
 * that began at token first? */
static int
sent_ends(const struct qdoc *d, size_t i, size_t first)
{
	const struct tok *t = &d->tok[i], *n;

	if (t->kind == TOK_PARA)
		return 1;
	if (t->quote >= 0 || i + 1 >= d->n_tok)
		return 0;
	n = &d->tok[i + 1];
	if (n->kind == TOK_PARA)
		return 0;	/* the break ends it */
	if (tok_terminal(t))
		return !(n->kind == TOK_PUNCT && n->ch < 0x80 &&
		    strchr("),;:", (int)n->ch) != NULL) &&
		    !(n->kind == TOK_WORD && !(n->flags & (TF_CAP | TF_DIGIT)));
	/* A closing mark after "...end." ends the sentence before a capital,
	 * unless a short "Holt said" follows: `"...?" Holt said, looking`. */
	/* Why: after `Ruiz said the line was "...end."` the quote has its
	 * cue; a capital then opens the next sentence, even `Holt added`. */
	if (t->kind == TOK_MARK && i > 0 && d->tok[i - 1].quote >= 0 &&
	    tok_terminal(&d->tok[i - 1]) && n->kind == TOK_WORD &&
	    (n->flags & TF_CAP) && cue_between(d, first,
	    d->span[d->tok[i - 1].quote].open))
		return 1;
	if (t->kind == TOK_MARK && i > 0 && d->tok[i - 1].quote >= 0 &&
	    tok_terminal(&d->tok[i - 1]))
		return n->kind == TOK_MARK || (n->kind == TOK_WORD &&
		    (n->flags & TF_CAP) && !tok_has(d, i + 1, LANG_PRONOUN) &&
		    !cue_near(d, i + 1));
	return 0;
}

void
syntax_sentences(struct qdoc *d)
{
	size_t i, cap = 0, first = 0;

	for (i = 0; i < d->n_tok; i++) {
		d->tok[i].sent = (int)d->n_sent;
		/* Why: a bounded sentence keeps per-sentence work linear. */
		if (sent_ends(d, i, first) || i + 1 == d->n_tok ||
		    i + 1 - first >= SENT_MAX_TOKENS) {
			if (d->n_sent == cap) {
				cap = cap ? cap * 2 : 64;
				d->sent = xreallocarray(d->sent, cap,
				    sizeof *d->sent);
			}
			d->sent[d->n_sent].first = first;
			d->sent[d->n_sent].last = i + 1;
			d->n_sent++;
			first = i + 1;
		}
	}
}

int
syntax_and_joins(const struct qdoc *d, size_t i)
{
	size_t j = i + 1;
	const char *tag;

	/* Why: "Democrats and Republicans", "the Senate and the House" are
	 * two; "Securities and Exchange Commission" is one name: capitals
	 * on both sides, an organisation's word at the end and not before
	 * "and". */
	if (i == 0 || !tok_is_name(d, i - 1) || tok_is_possessive(d, i - 1) ||
	    tok_has(d, i - 1, LANG_ORG))
		return 0;
	while (j < d->n_tok && j < i + 5 && tok_is_name(d, j) &&
	    !tok_is_possessive(d, j))
		j++;
	if (j == i + 1 || !tok_has(d, j - 1, LANG_ORG))
		return 0;
	tag = d->tok[j - 1].w->tag[LANG_ORG];
	return tag == NULL || strcmp(tag, "media") != 0;
}

/* The first token of the sentence's subject name: at its start or after
 * an opening clause ("During the speech, Holt ..."), or SIZE_MAX. */
size_t
syntax_subject(const struct qdoc *d, size_t lo, size_t hi)
{
	size_t i;

	/* A stray mark that opens no quote ("\"Holt walked in") hides
	 * nothing. */
	while (lo < hi && d->tok[lo].kind == TOK_MARK &&
	    !(d->tok[lo].flags & TF_QMARK))
		lo++;
	/* "Chastened by the costs, Holt revised": no name opens it. */
	if (tok_is_name(d, lo) && !tok_has_suffix(d, lo, "ed") &&
	    !tok_has_suffix(d, lo, "ing"))
		return lo;
	for (i = lo; i < hi && i < lo + OPENER_MAX; i++) {
		if (d->tok[i].kind == TOK_PUNCT && d->tok[i].ch == ',') {
			size_t k = i + 1;

			/* `On "Face the Nation," Holt`: the comma inside the
			 * quote of a title ends the opener too. */
			if (k < hi && (d->tok[k].flags & TF_QMARK) &&
			    (d->tok[i].flags & TF_INQUOTE))
				k++;

			/* ", presidential nominee Hillary Holt was" */
			while (k < hi && k < i + 4 && tok_is_lower(d, k) &&
			    (tok_has(d, k, LANG_TITLE) || tok_has(d, k + 1,
			    LANG_TITLE)))
				k++;
			if (k < hi && tok_is_name(d, k))
				return k;
			continue;	/* "On July 6, 2015, Holt" */
		}
		/* A title quoted in the opener is words of it. */
		if (d->tok[i].kind != TOK_WORD &&
		    !(d->tok[i].flags & (TF_QMARK | TF_INQUOTE)))
			return SIZE_MAX;
	}
	return SIZE_MAX;
}
