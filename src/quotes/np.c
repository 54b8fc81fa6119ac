/*
 * np.c - the noun phrases next to reporting cues: the subject
 * before a cue ("Braml, a CIA spokeswoman, said"), after it (", said
 * Smith, the minister"), the phrase a cue introduces ("according to the
 * Times") and the possessor of a reporting noun ("Holt's claim").  Names
 * and pronouns found here are resolved through ent.c.
 *
 * Every search is bounded to a few tokens around the cue: never a scan
 * of the whole sentence or story per cue.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hearsay/util.h"
#include "quotes_int.h"

void
np_clear(struct np *np)
{
	free(np->text);
	free(np->role);
	memset(np, 0, sizeof *np);
	np->entity = -1;
}

/* A lower-case phrase [f, l) with head l - 1: "the network". */
/* The end of a prepositional tail after a nominal at l: "a source on
 * the panel", "a spokeswoman for the agency". */
static size_t
np_tail(const struct qdoc *d, size_t l)
{
	size_t e = l + 1;

	if (!tok_is_conn(d, l))
		return l;
	if (tok_is_det(d, e))
		e++;
	while (e < d->n_tok && e < l + 6 && (tok_is_lower(d, e) ||
	    tok_is_name(d, e)))
		e++;
	return e > l + 1 && !tok_is_det(d, e - 1) ? e : l;
}

/* May the nominal with head h and first word f stand for an entity the
 * story named?  A body ("the network", "its agency") may; a person only
 * after "the": "her lawyer" or "a spokesman" may be someone not named
 * yet, never the lawyer of someone else. */
static int
np_may_resolve(const struct qdoc *d, size_t f, size_t h)
{
	const char *tag;

	if (!tok_has(d, h, LANG_NOMINAL) || (!tok_is_det(d, f) &&
	    !tok_is_possessive(d, f)))
		return 0;
	tag = d->tok[h].w->tag[LANG_NOMINAL];
	return tag == NULL || strcmp(tag, "person") != 0 ||
	    (d->tok[f].keylen == 3 && memcmp(tok_key(d, f), "the", 3) == 0);
}

static int
np_nominal(struct qdoc *d, size_t f, size_t l, struct np *np, int tail)
{
	size_t head = l - 1;

	np->first = f;
	np->last = l;
	np->text = tok_text(d, f, tail ? np_tail(d, l) : l);
	if (np_may_resolve(d, f, head))
		ent_resolve_nominal(d, head, np);
	return 0;
}

/* Can token h head a phrase that speaks ("officials", "spokesman")? */
static int
np_speaking_head(const struct qdoc *d, size_t h)
{
	return tok_is_word(d, h) && !(d->tok[h].flags & TF_INQUOTE) &&
	    !tok_has(d, h, LANG_PRONOUN) && (tok_has(d, h, LANG_NOMINAL) ||
	    tok_has(d, h, LANG_TITLE));
}

/* "Experts on ferry safety said", "a spokesman for the port said": the
 * phrase [f, e] follows a preposition, and a speaking head comes before
 * it; the whole is the subject.  0 when so. */
static int
np_headed(struct qdoc *d, size_t f, size_t e, size_t lo, struct np *np)
{
	size_t p, h;

	if (f < lo + 2 || e - f > NP_LOWER_MAX + 1)
		return -1;
	p = f - 1;
	h = p - 1;
	if ((!tok_role(d, p, "objprep") && !tok_role(d, p, "affil")) ||
	    !np_speaking_head(d, h))
		return -1;
	/* Why: a capital head only opens the sentence ("Experts on ..."). */
	if ((d->tok[h].flags & TF_CAP) && h != lo)
		return -1;
	while (h > lo && p - h <= NP_LOWER_MAX && tok_is_lower(d, h - 1))
		h--;
	if (h > lo && tok_is_det(d, h - 1))
		h--;
	np->first = h;
	np->last = e + 1;
	np->weak = 0;
	np->text = tok_text(d, h, e + 1);
	if (tok_is_det(d, h) && np_may_resolve(d, h, p - 1))
		ent_resolve_nominal(d, p - 1, np);
	return 0;
}

/* "a Harbor Times poll", "the Holt campaign": a name modifying a head
 * after an article.  The name says whose: the head is not resolved to
 * the latest entity of its kind.  0 when so. */
static int
np_compound(struct qdoc *d, size_t f, size_t e, size_t lo, struct np *np)
{
	size_t k = f;

	if (np->weak || tok_is_possessive(d, f))
		return -1;
	while (k > lo && f - k < 4 && tok_is_name(d, k - 1) &&
	    !tok_is_possessive(d, k - 1))
		k--;
	if (k == f)
		return -1;
	if (k > lo && tok_role(d, k - 1, "article")) {
		k--;
	} else if (f != e || !tok_has(d, e, LANG_NOMINAL) ||
	    tok_key(d, e)[d->tok[e].keylen - 1] != 's' ||
	    (k > lo && tok_is_word(d, k - 1))) {
		/* "Harbour officials said", ", Holt aides say": a plural
		 * head needs no article where the clause starts. */
		return -1;
	}
	np->first = k;
	np->last = e + 1;
	np->text = tok_text(d, k, e + 1);
	return 0;
}

/* Is token i the word "of"? */
static int
is_of(const struct qdoc *d, size_t i)
{
	return tok_is_word(d, i) && d->tok[i].keylen == 2 &&
	    memcmp(tok_key(d, i), "of", 2) == 0;
}

/* Is token i "of" or "from", which opens a home town ("Ana Ruiz, of
 * Ashton, said")? */
static int
is_from(const struct qdoc *d, size_t i)
{
	const char *k = tok_key(d, i);

	return tok_is_word(d, i) && !(d->tok[i].flags & TF_CAP) &&
	    (strcmp(k, "of") == 0 || strcmp(k, "from") == 0);
}

/* Is [i, comma) the state or country after a town, with "of Town" (or
 * "from Town") ending at the comma before i ("of Ashton, Md.,")? */
static int
place_tail(const struct qdoc *d, size_t i)
{
	size_t j = i, k;

	while (j < d->n_tok && j < i + 2 && tok_is_name(d, j))
		j++;
	if (j == i || i < 3 || j >= d->n_tok || d->tok[j].kind != TOK_PUNCT ||
	    (d->tok[j].ch != ',' && d->tok[j].ch != '.') ||
	    d->tok[i - 1].kind != TOK_PUNCT || d->tok[i - 1].ch != ',')
		return 0;
	for (k = i - 1; k > 0 && i - k <= 4 && tok_is_name(d, k - 1); k--)
		;
	return k < i - 1 && k > 0 && is_from(d, k - 1);
}

/* Does a town follow "of" at token i ("Ana Ruiz of Ashton, Md.")?  Then
 * it ends a person's name. */
static int
place_after(const struct qdoc *d, size_t i)
{
	size_t j = i + 1;

	if (!is_from(d, i))
		return 0;
	while (j < d->n_tok && j < i + 4 && tok_is_name(d, j))
		j++;
	return j > i + 1 && j + 1 < d->n_tok && d->tok[j].kind == TOK_PUNCT &&
	    d->tok[j].ch == ',' && place_tail(d, j + 1);
}

/* Is token i the apostrophe of a plural possessive ("riders' ")? */
static int
plural_possessive(const struct qdoc *d, size_t i)
{
	const struct tok *t = &d->tok[i];

	return i > 0 && t->kind == TOK_MARK && !(t->flags & TF_QMARK) &&
	    (t->ch == '\'' || t->ch == 0x2019) &&
	    !(t->flags & TF_SPACE_BEFORE) && tok_is_word(d, i - 1) &&
	    !(d->tok[i - 1].flags & TF_INQUOTE) &&
	    tok_key(d, i - 1)[d->tok[i - 1].keylen - 1] == 's';
}

static int np_they_subject(struct qdoc *d, size_t i, struct np *np);

/* Is token e a cue word used as a noun that heads a phrase ("the report
 * said", "her statement read")? */
static int
np_noun_cue(const struct qdoc *d, size_t e, size_t lo)
{
	return e > lo && tok_is_word(d, e) &&
	    !(d->tok[e].flags & (TF_CAP | TF_INQUOTE)) &&
	    tok_has(d, e, LANG_NOMINAL) && tok_has(d, e, LANG_CUE) &&
	    (tok_is_det(d, e - 1) || tok_is_possessive(d, e - 1) ||
	    tok_is_lower(d, e - 1));
}

int
np_before(struct qdoc *d, size_t e, size_t lo, struct np *np)
{
	size_t f = e, low = 0, k;

	/* Why: "in 2019 said": a number alone names nobody. */
	if (!tok_is_word(d, e) || (d->tok[e].flags & (TF_INQUOTE | TF_DIGIT)))
		return -1;
	if (tok_has(d, e, LANG_PRONOUN))
		return np_they_subject(d, e, np) == 0 ? 0 :
		    ent_pronoun(d, e, np);
	if (tok_is_name(d, e) && !tok_is_possessive(d, e)) {
		while (f > lo && e - f < NP_MAX && (tok_is_name(d, f - 1) ||
		    (tok_is_conn(d, f - 1) && f - 1 > lo &&
		    tok_is_name(d, f - 2))))
			f--;
		/* "Ana Ruiz of Ashton, Md., said": the town is no speaker. */
		for (k = f + 1; k < e; k++) {
			if (place_after(d, k)) {
				e = k - 1;
				break;
			}
		}
		ent_name(d, ent_role_back(d, f, lo), f, e + 1, np, 1);
		return 0;
	}
	if (!tok_is_lower(d, e) && !np_noun_cue(d, e, lo))
		return -1;
	while (f > lo && low < NP_LOWER_MAX && (tok_is_lower(d, f - 1) ||
	    (tok_is_possessive(d, f - 1) && tok_is_name(d, f - 1)))) {
		f--;
		low++;
		if (tok_is_possessive(d, f))
			break;
	}
	/* "The riders' union": a plural possessive is a determiner. */
	if (f > lo + 1 && plural_possessive(d, f - 1)) {
		f -= 2;
		while (f > lo && low < NP_LOWER_MAX && tok_is_lower(d, f - 1)) {
			f--;
			low++;
		}
	}
	/* "a third of voters", "73 percent of the riders", "most of the
	 * crew": the count before "of" opens the phrase. */
	k = f > lo && tok_is_det(d, f - 1) ? f - 1 : f;
	if (k > lo + 1 && is_of(d, k - 1) && tok_role(d, k - 2, "quant"))
		f = k - 2;
	/* Why: "the ground said" is a parse gone wrong; heads that can speak
	 * or carry words are listed in nominals.txt and titles.txt.  Others
	 * are weak: a cited source maybe, never a quote's speaker. */
	np->weak = !tok_has(d, e, LANG_NOMINAL) && !tok_has(d, e, LANG_TITLE);
	if (np_compound(d, f, e, lo, np) == 0)
		return 0;
	if (f > lo && tok_is_det(d, f - 1))
		f--;
	if (np_headed(d, f, e, lo, np) == 0)
		return 0;
	if (np->weak && !tok_is_det(d, f) && !tok_is_possessive(d, f))
		return -1;
	return np_nominal(d, f, e + 1, np, 0);
}

/* Does a person's name end at connector e of the name run from f?  Why:
 * "Dana Holt for the Ledger" is Dana Holt, while "Center for Progress"
 * is one name (one word before) and so is "Bank Group for ..." (an
 * organisation's words).  "of" ends a name that opens with a given name
 * ("Mary Holt of Holt & Sons"), not "United States of America". */
static int
person_ends(const struct qdoc *d, size_t f, size_t e)
{
	size_t n = e;
	int of = tok_role(d, e, "objprep") && strcmp(tok_key(d, e), "of") == 0;

	if (!tok_role(d, e, "affil") && !of)
		return 0;
	if (place_after(d, e))
		return 1;
	while (n > f && tok_is_name(d, n - 1))
		n--;
	if (of && tok_gender(d, n) == 0)
		return 0;
	return e - n >= 2 && ent_kind_of(d, n, e) == ENT_PERSON;
}

/* "they" at i in "what they call": the sentence's subject when it is a
 * body or a group, no single person ("Holt's campaign contrasts her plan
 * with what they call ...").  0 when found. */
static int
np_they_subject(struct qdoc *d, size_t i, struct np *np)
{
	size_t lo = d->sent[d->tok[i].sent].first, f;
	const char *tag = d->tok[i].w->tag[LANG_PRONOUN];

	if (tag == NULL || strcmp(tag, "group") != 0 ||
	    strcmp(tok_key(d, i), "they") != 0 || i < lo + 2 ||
	    !tok_is_word(d, i - 1) || strcmp(tok_key(d, i - 1), "what") != 0)
		return -1;
	f = syntax_subject(d, lo, i - 1);
	if (f == SIZE_MAX && tok_is_det(d, lo))
		f = lo;		/* "The ferry union ..." */
	if (f == SIZE_MAX || f >= i - 1 || tok_has(d, f, LANG_PRONOUN) ||
	    np_at(d, f, np) != 0)
		goto none;
	/* A phrase that ends in a person's name is one person ("Ana Ruiz
	 * contrasted it with what they call" leaves "they" open). */
	if (np->weak || np->last >= i || (np->entity >= 0 &&
	    d->ent[np->entity].kind == ENT_PERSON &&
	    tok_is_name(d, np->last - 1)))
		goto none;
	return 0;
none:
	np_clear(np);
	return -1;
}

int
np_at(struct qdoc *d, size_t i, struct np *np)
{
	size_t f, e, k, hi = i + NP_MAX, dstart = i;
	int det = 0;

	np_clear(np);
	if (tok_is_word(d, i) && tok_has(d, i, LANG_PRONOUN) &&
	    !(d->tok[i].flags & TF_INQUOTE))
		return np_they_subject(d, i, np) == 0 ? 0 :
		    ent_pronoun(d, i, np);
	for (;;) {
		k = i;
		/* "the dockworkers' union": a plural possessive is a
		 * determiner, with the article before it. */
		if (tok_is_lower(d, i) && plural_possessive(d, i + 1)) {
			dstart = i > 0 && det && tok_is_det(d, i - 1) ? i - 1 : i;
			det = 2;
			i += 2;
			continue;
		}
		/* "Hillary Holt's campaign manager Robby Mook": a possessive
		 * name run is a determiner. */
		while (tok_is_name(d, k) && !tok_is_possessive(d, k) &&
		    k < i + 4)
			k++;
		if (tok_is_det(d, i))
			k = i;
		else if (!(tok_is_name(d, k) && tok_is_possessive(d, k)))
			break;
		det = 1;
		dstart = k;
		i = k + 1;
	}
	f = i;
	/* ", said another.", "said one, a baker": a determiner alone
	 * stands for the person. */
	if (det == 1 && f == dstart + 1 && tok_is_det(d, dstart) &&
	    !(d->tok[dstart].flags & TF_DIGIT) &&
	    !tok_role(d, dstart, "article") && !tok_role(d, dstart, "possdet") &&
	    (f >= d->n_tok || d->tok[f].kind != TOK_WORD))
		return np_nominal(d, dstart, f, np, 0);
	for (e = f; e < hi && (tok_is_lower(d, e) || (tok_is_name(d, e) &&
	    !tok_is_possessive(d, e)) || (tok_is_conn(d, e) && e > f &&
	    tok_is_name(d, e + 1) && !person_ends(d, f, e))); e++) {
		/* A name ends the phrase: "Okafor made ..." is no title. */
		if (tok_is_lower(d, e) && e > f && tok_is_name(d, e - 1) &&
		    !tok_has(d, e, LANG_TITLE) &&
		    !tok_has(d, e, LANG_NOMINAL) &&
		    !tok_has(d, e + 1, LANG_TITLE))
			break;
	}
	if (e == f)
		return -1;
	if (tok_is_name(d, e - 1)) {
		size_t nf = e - 1;

		while (nf > f && (tok_is_name(d, nf - 1) ||
		    tok_is_conn(d, nf - 1)))
			nf--;
		while (nf < e && tok_is_conn(d, nf))
			nf++;	/* "a spokesman for Holt & Sons" */
		ent_name(d, f, nf, e, np, 1);
		/* "a spokesman for Harbor Rail": the spokesman speaks, not
		 * the company named after the preposition. */
		if (nf > f && tok_is_conn(d, nf - 1) &&
		    !tok_is_name(d, nf - 2) && np_speaking_head(d, nf - 2)) {
			free(np->text);
			free(np->role);
			np->role = NULL;
			np->entity = -1;
			np->first = det ? dstart : f;
			np->text = tok_text(d, np->first, e);
		}
		return 0;
	}
	/* "the mayor went unanswered": the phrase ends at its head. */
	for (k = e; k > f && !tok_has(d, k - 1, LANG_NOMINAL) &&
	    !tok_has(d, k - 1, LANG_TITLE); k--)
		;
	if (k == f)
		return -1;
	return np_nominal(d, det ? dstart : f, k, np, 1);
}

void
np_widen(struct qdoc *d, size_t h, struct np *np)
{
	size_t f = h, low = 0;

	while (f > 0 && low < NP_LOWER_MAX && (tok_is_lower(d, f - 1) ||
	    (tok_is_name(d, f - 1) && !tok_is_possessive(d, f - 1)))) {
		f--;
		low++;
	}
	if (f > 0 && (tok_is_det(d, f - 1) || tok_is_possessive(d, f - 1)))
		f--;
	free(np->text);
	free(np->role);
	np->role = NULL;
	np->first = f;
	np->entity = -1;
	np->weak = 0;
	np->text = tok_text(d, f, np->last);
}

int
np_words(struct qdoc *d, size_t i, struct np *np)
{
	size_t e = i;

	np_clear(np);
	while (e < d->n_tok && e < i + NP_MAX && tok_is_word(d, e) &&
	    !(d->tok[e].flags & TF_INQUOTE) && !tok_role(d, e, "comp") &&
	    !tok_role(d, e, "coord"))
		e++;
	if (e == i)
		return -1;
	np->first = i;
	np->last = e;
	np->weak = 1;
	np->text = tok_text(d, i, e);
	return 0;
}

/* The token before the "(" matching the ")" at i ("Smith (D-Mo.) said"),
 * or SIZE_MAX. */
static size_t
skip_parens(const struct qdoc *d, size_t i, size_t lo)
{
	size_t k;

	for (k = i; k-- > lo && i - k < 8;) {
		if (d->tok[k].kind == TOK_PUNCT && d->tok[k].ch == '(')
			return k > lo ? k - 1 : SIZE_MAX;
	}
	return SIZE_MAX;
}

/* The comma before token `from` in the same clause, or SIZE_MAX. */
static size_t
prev_comma(const struct qdoc *d, size_t from, size_t lo)
{
	size_t k;

	for (k = from; k-- > lo && from - k < 20;) {
		const struct tok *t = &d->tok[k];

		if (t->kind == TOK_PARA || (t->flags & (TF_INQUOTE | TF_QMARK)))
			return SIZE_MAX;
		if (t->kind == TOK_PUNCT && t->ch == ',')
			return k;
	}
	return SIZE_MAX;
}

/* Does the clause at i say more of a name before it: an article, lower
 * case words, a title, "who", an age ("Ruiz, 59,"), a home town ("of
 * Ashton", "Md.")? */
static int
starts_apposition(const struct qdoc *d, size_t i)
{
	return tok_is_det(d, i) || tok_is_lower(d, i) ||
	    tok_has(d, i, LANG_TITLE) ||
	    tok_has(d, i, LANG_REL) || is_from(d, i) ||
	    ((d->tok[i].flags & TF_DIGIT) && i + 1 < d->n_tok &&
	    d->tok[i + 1].kind == TOK_PUNCT && d->tok[i + 1].ch == ',') ||
	    place_tail(d, i);
}

/* Is np a lower-case phrase with a head that speaks ("her lawyer")? */
static int
np_is_nominal(const struct qdoc *d, const struct np *np)
{
	size_t h = np->last - 1;

	return np->text != NULL && !np->weak && np->last > np->first &&
	    !tok_is_name(d, h) && (tok_has(d, h, LANG_NOMINAL) ||
	    tok_has(d, h, LANG_TITLE));
}

/* "Her lawyer, Tobias Wren, said", ", said her lawyer, Tobias Wren": a
 * person's name [f, l) beside a nominal np is the speaker, the nominal
 * its role.  0 when np now holds the name. */
static int
np_named(struct qdoc *d, size_t f, size_t l, struct np *np)
{
	size_t i;
	char *role;

	if (!np_is_nominal(d, np) || l < f + 2 || l > f + 4)
		return -1;
	for (i = f; i < l; i++) {
		if (!tok_is_name(d, i) || tok_is_possessive(d, i))
			return -1;
	}
	if (ent_kind_of(d, f, l) != ENT_PERSON)
		return -1;
	role = np->text;
	np->text = NULL;
	np_clear(np);
	ent_name(d, f, f, l, np, 1);
	if (d->ent[np->entity].role == NULL)
		d->ent[np->entity].role = xstrdup(role);
	if (np->role == NULL)
		np->role = role;
	else
		free(role);
	return 0;
}

/* "His business partner at Lenox, Lawrence Cummings, said": the name
 * np ends a phrase whose head speaks ("partner at Lenox"); the name in
 * apposition [f, l) is the speaker, the whole phrase its role.  0 when
 * np now holds the name. */
static int
np_tail_named(struct qdoc *d, size_t f, size_t l, size_t lo, struct np *np)
{
	size_t h, p = np->first;
	struct np head = { 0, 0, -1, NULL, NULL, 0, 0 };

	if (np->entity < 0 || p < lo + 2 || (!tok_role(d, p - 1, "objprep") &&
	    !tok_role(d, p - 1, "affil")) || !np_speaking_head(d, p - 2) ||
	    (d->tok[p - 2].flags & TF_CAP))
		return -1;
	h = p - 2;
	while (h > lo && p - h <= NP_LOWER_MAX + 2 && tok_is_lower(d, h - 1))
		h--;
	if (h > lo && (tok_is_det(d, h - 1) || tok_is_possessive(d, h - 1)))
		h--;
	head.first = h;
	head.last = p - 1;	/* the head, which np_named checks */
	head.text = tok_text(d, h, np->last);
	if (np_named(d, f, l, &head) != 0) {
		np_clear(&head);
		return -1;
	}
	np_clear(np);
	*np = head;
	return 0;
}

/* Appositions between subject and cue: "Braml, a CIA spokeswoman, said",
 * "Holt, the minister of trade, a member of the council, said". */
static int
np_apposition(struct qdoc *d, size_t comma, size_t lo, struct np *np)
{
	size_t k = prev_comma(d, comma, lo), k2, end, e, hops = 0;

	/* Why: a second apposition before the first one ends at a comma too;
	 * hop back over it to reach the name. */
	while (k != SIZE_MAX && hops < 3 && starts_apposition(d, k + 1)) {
		k2 = prev_comma(d, k, lo);
		if (k2 == SIZE_MAX || !starts_apposition(d, k2 + 1))
			break;
		k = k2;
		hops++;
	}
	if (k == SIZE_MAX || k <= lo)
		return -1;
	e = k - 1;
	if (d->tok[e].kind == TOK_PUNCT && d->tok[e].ch == ')')
		e = skip_parens(d, e, lo);	/* "Jordan (R-Ohio), a member," */
	if (e == SIZE_MAX || np_before(d, e, lo, np) != 0)
		return -1;
	/* Why: "The ferry line, which runs ..., said": a phrase that a
	 * relative clause describes is the cue's subject, whatever its
	 * head. */
	if (np->weak && tok_has(d, k + 1, LANG_REL))
		np->weak = 0;
	for (end = k + 1; end < comma && !(d->tok[end].kind == TOK_PUNCT &&
	    d->tok[end].ch == ','); end++)
		;
	if (end == comma && np_named(d, k + 1, end, np) == 0)
		return 0;
	if (end == comma && np_tail_named(d, k + 1, end, lo, np) == 0)
		return 0;
	/* Why: an apposition says more than a bare title ("Rep."). */
	if ((np->role == NULL || strchr(np->role, ' ') == NULL) &&
	    np->entity >= 0 && !place_tail(d, k + 1) &&
	    (tok_is_det(d, k + 1) ||
	    tok_has(d, k + 1, LANG_TITLE) || tok_is_name(d, k + 1))) {
		free(np->role);
		np->role = tok_text(d, k + 1, end);
		if (d->ent[np->entity].role == NULL)
			d->ent[np->entity].role = xstrdup(np->role);
	}
	return 0;
}

int
np_participle(const struct qdoc *d, size_t i)
{
	size_t n = d->tok[i].keylen;

	return n > 4 && memcmp(tok_key(d, i) + n - 3, "ing", 3) == 0;
}

/* Is the name at f one a later verb may share: two capitalised words,
 * or a lone one the story named before?  Why: "Preys on fears and calls
 * them" names nobody. */
static int
np_known_name(const struct qdoc *d, size_t f)
{
	return tok_is_name(d, f) && (tok_is_name(d, f + 1) ||
	    wordmap_get(d->ent_by_key, tok_key(d, f), d->tok[f].keylen));
}

/* The first token of the subject that the verbs of sentence [lo, c)
 * share ("Then Ana Ruiz stood, thanked him and said"; "After the vote,
 * Ana Ruiz ... and said"), or SIZE_MAX. */
static size_t
np_coord_subject(const struct qdoc *d, size_t lo, size_t c)
{
	size_t f = lo;

	if (tok_is_word(d, f) && !tok_is_name(d, f) && tok_has(d, f, LANG_SKIP))
		f++;	/* "Then", "Later" */
	if (f < c && np_known_name(d, f))
		return f;
	f = syntax_subject(d, lo, c);
	return f != SIZE_MAX && f > lo && f < c && np_known_name(d, f) ?
	    f : SIZE_MAX;
}

#define SUB_CLAUSE_MAX	24	/* words from a conjunction to token c */

/* The pronoun that opens a clause after a conjunction, running to c.
 * Why a pronoun only: it surely opens a clause, where a name may follow a
 * preposition ("has gone after Holt as a "con artist""). */
size_t
np_sub_subject(const struct qdoc *d, size_t lo, size_t c)
{
	size_t k = c;

	while (k > lo && c - k < SUB_CLAUSE_MAX && tok_is_word(d, k - 1) &&
	    !(d->tok[k - 1].flags & TF_INQUOTE) && !tok_role(d, k - 1, "sub"))
		k--;
	if (k <= lo || k >= c || !tok_role(d, k - 1, "sub") ||
	    !tok_has(d, k, LANG_PRONOUN) || d->tok[k].w->tag[LANG_PRONOUN] ==
	    NULL || strcmp(d->tok[k].w->tag[LANG_PRONOUN], "thing") == 0)
		return SIZE_MAX;
	return k;
}

/* Is token i "who", "which" or "that" opening a relative clause? */
static int
np_is_relative(const struct qdoc *d, size_t i)
{
	const char *k = tok_key(d, i);

	return tok_is_word(d, i) && !(d->tok[i].flags & TF_INQUOTE) &&
	    (strcmp(k, "who") == 0 || strcmp(k, "which") == 0 ||
	    strcmp(k, "that") == 0);
}

#define NP_RELATIVE_GAP	3	/* "who in 2010 said" */

/* The subject of a cue after a relative pronoun at i or a few words
 * before it ("who in 2010 said"): the phrase before the pronoun ("Ana
 * Ruiz who said", "the Ledger, which reported", "McConnell, now the
 * majority leader, who said"), a name or a phrase that speaks (not "the
 * plan that said").  0 when found. */
static int
np_relative_subject(struct qdoc *d, size_t i, size_t lo, struct np *np)
{
	size_t e, r = i;
	int comma;

	while (r > lo && i - r < NP_RELATIVE_GAP && !np_is_relative(d, r) &&
	    tok_is_word(d, r) && ((d->tok[r].flags & TF_DIGIT) ||
	    tok_role(d, r, "objprep") || tok_has(d, r, LANG_SKIP) ||
	    tok_has(d, r, LANG_MONTH)))
		r--;
	if (!np_is_relative(d, r) || r <= lo)
		return -1;
	e = r - 1;
	comma = d->tok[e].kind == TOK_PUNCT && d->tok[e].ch == ',' && e > lo;
	if (comma)
		e--;
	/* "the study -- which notes": a dash opens the clause too. */
	while (e > lo && d->tok[e].kind == TOK_PUNCT && (d->tok[e].ch == '-' ||
	    d->tok[e].ch == 0x2014 || d->tok[e].ch == 0x2013) && r - e < 4)
		e--;
	/* Why: after "that" the phrase before may be an object: "told
	 * reporters that said"; only a name is taken there. */
	if (strcmp(tok_key(d, r), "that") == 0 && !tok_is_name(d, e))
		return -1;
	if (np_before(d, e, lo, np) != 0 || tok_has(d, e, LANG_PRONOUN))
		np_clear(np);
	/* "McConnell, now the majority leader, who said": a role before
	 * the comma stands for the name before it. */
	if (comma && np->entity < 0) {
		struct np named = { 0, 0, -1, NULL, NULL, 0, 0 };

		if (np_apposition(d, e + 1, lo, &named) == 0 &&
		    named.entity >= 0) {
			np_clear(np);
			*np = named;
		} else {
			np_clear(&named);
		}
	}
	if (np->text == NULL || np->weak) {
		np_clear(np);
		return -1;
	}
	np->relative = 1;
	return 0;
}

#define NP_REDUCED_MAX	6	/* "released in late August" */

/* Is token k a participle that may modify a noun ("released",
 * "published", "conducted", "seen")? */
static int
np_is_participle(const struct qdoc *d, size_t k)
{
	return tok_is_word(d, k) && !(d->tok[k].flags & (TF_CAP | TF_INQUOTE)) &&
	    (tok_has_suffix(d, k, "ed") || tok_role(d, k, "issue") ||
	    np_participle(d, k) ||
	    (d->tok[k].w != NULL && (d->tok[k].w->cue & CUE_PART)));
}

/* May token h head a phrase a participle describes: a lower-case
 * nominal ("a poll released"), or one capitalised as the sentence's
 * first word ("Protesters marching through the streets chanted")? */
static int
np_reduced_head(const struct qdoc *d, size_t h, size_t lo)
{
	if (!tok_has(d, h, LANG_NOMINAL) || (d->tok[h].flags & TF_INQUOTE))
		return 0;
	return tok_is_lower(d, h) || (h == lo && tok_is_word(d, h) &&
	    !tok_has(d, h, LANG_PRONOUN));
}

/* The last token before a cue at i + 1, back over a reduced relative on
 * a noun: "a poll released in late August [found]", "a report filed
 * Friday [says]": the noun, or i when there is none. */
static size_t
np_skip_reduced(const struct qdoc *d, size_t lo, size_t i)
{
	size_t k;

	for (k = i; k > lo && i - k < NP_REDUCED_MAX; k--) {
		if (!tok_is_word(d, k) || (d->tok[k].flags & TF_INQUOTE) ||
		    tok_role(d, k, "comp") || tok_has(d, k, LANG_PRONOUN))
			return i;
		if (k < i && np_is_participle(d, k) &&
		    np_reduced_head(d, k - 1, lo) &&
		    (tok_role(d, k + 1, "objprep") || tok_role(d, k + 1, "affil") ||
		    tok_has(d, k + 1, LANG_SKIP) ||
		    tok_has(d, k + 1, LANG_MONTH) || (d->tok[k + 1].keylen == 2 &&
		    memcmp(tok_key(d, k + 1), "by", 2) == 0)))
			return k - 1;
	}
	return i;
}

/* The subject of the verb at token c; to_verb when c is a verb before
 * "to" already (no second hop back). */
static int
np_subject_of(struct qdoc *d, size_t c, struct np *np, int to_verb)
{
	size_t lo = d->sent[d->tok[c].sent].first, i = c, r;

	np_clear(np);
	/* "Holt also said", "Holt cynically dismissed"; not "Theresa May
	 * said" */
	while (i > lo && tok_is_word(d, i - 1) &&
	    !tok_has(d, i - 1, LANG_PRONOUN) && !tok_is_month_surname(d, i - 1) &&
	    (tok_has(d, i - 1, LANG_SKIP) || (tok_is_lower(d, i - 1) &&
	    tok_is_adverb(d, i - 1))))
		i--;
	if (i == lo)
		return -1;
	i--;
	if (d->tok[i].kind == TOK_PUNCT && d->tok[i].ch == ')')
		i = skip_parens(d, i, lo);
	if (i == SIZE_MAX)
		return -1;
	/* "Ana Ruiz, who runs the line, said" is handled by the apposition;
	 * "It was Ana Ruiz who said", "the Ledger, which first reported":
	 * the relative's subject is the phrase it follows. */
	if (np_relative_subject(d, i, lo, np) == 0)
		return 0;
	/* "Holt spoke in Tulsa, arguing that": a participle's subject is
	 * the sentence's. */
	if (d->tok[i].kind == TOK_PUNCT && d->tok[i].ch == ',' &&
	    np_participle(d, c) && syntax_subject(d, lo, i) != SIZE_MAX)
		return np_at(d, syntax_subject(d, lo, i), np);
	if (d->tok[i].kind == TOK_PUNCT && d->tok[i].ch == ',')
		return np_apposition(d, i, lo, np);
	/* "urged officials to say": the nominal before "to" says it (a
	 * name there is as often a place: "a rally in Ohio to ask"). */
	if (tok_role(d, i, "prep") && i > lo && tok_is_lower(d, i - 1) &&
	    tok_has(d, i - 1, LANG_NOMINAL))
		return np_nominal(d, i - 1 > lo && tok_is_det(d, i - 2) ?
		    i - 2 : i - 1, i, np, 0);
	/* "Protesters continued to call for", "Holt has refused to
	 * say": the subject of the verb before "to" (once: "wanted to try
	 * to say" is rare). */
	if (tok_role(d, i, "prep") && !to_verb && i > lo + 1 &&
	    tok_is_word(d, i - 1) && !(d->tok[i - 1].flags & TF_CAP) &&
	    (tok_has_suffix(d, i - 1, "ed") || tok_has(d, i - 1, LANG_CUE)) &&
	    np_subject_of(d, i - 1, np, 1) == 0)
		return 0;
	/* "after she attacked the police and blamed": a verb joined to a
	 * clause that a conjunction opens shares that clause's subject. */
	if (tok_role(d, i, "coord") && (r = np_sub_subject(d, lo, i)) !=
	    SIZE_MAX)
		return np_at(d, r, np);
	/* "Smith spoke for an hour and said", "Smith wants to say": the
	 * sentence's subject. */
	if ((tok_role(d, i, "coord") || tok_role(d, i, "prep")) &&
	    (lo = np_coord_subject(d, lo, c)) != SIZE_MAX) {
		for (i = lo; i + 1 < c && (tok_is_name(d, i + 1) ||
		    (tok_is_conn(d, i + 1) && tok_is_name(d, i + 2))); i++)
			;
		return np_before(d, i, lo, np);
	}
	/* Why: from the cue, not from i: "on Monday" is skipped above. */
	r = np_skip_reduced(d, lo, c - 1);
	if (r != c - 1)
		i = r;
	if (np_before(d, i, lo, np) != 0) {
		np_clear(np);
		return -1;
	}
	return 0;
}

int
np_subject(struct qdoc *d, size_t c, struct np *np)
{
	return np_subject_of(d, c, np, 0);
}

int
np_possessor(struct qdoc *d, size_t i, struct np *np)
{
	size_t lo = d->sent[d->tok[i].sent].first, f;

	np_clear(np);
	if (i <= lo || !tok_is_name(d, i - 1) || !tok_is_possessive(d, i - 1))
		return -1;
	for (f = i - 1; f > lo && i - f < NP_MAX && tok_is_name(d, f - 1) &&
	    !tok_is_possessive(d, f - 1); f--)
		;
	/* Why: "Editor's note" names no one. */
	if (f == i - 1 && tok_has(d, f, LANG_TITLE))
		return -1;
	ent_name(d, ent_role_back(d, f, lo), f, i, np, 1);
	return 0;
}

int
np_after(struct qdoc *d, size_t c, struct np *np)
{
	size_t i = c;

	while (tok_is_word(d, i) && tok_has(d, i, LANG_SKIP) &&
	    !tok_has(d, i, LANG_PRONOUN) && !tok_is_det(d, i))
		i++;
	/* `"..." suggests that Phoenix`: a clause follows, no speaker. */
	if (tok_role(d, i, "comp"))
		return -1;
	if (np_at(d, i, np) != 0) {
		size_t k = i;

		/* ", said 9/11 widow Terry Holt": find the name. */
		while (k < d->n_tok && k < i + 5 && !tok_is_name(d, k) &&
		    (tok_is_word(d, k) || d->tok[k].ch == '/' ||
		    d->tok[k].ch == '-'))
			k++;
		np_clear(np);
		if (k == i || !tok_is_name(d, k) || np_at(d, k, np) != 0) {
			np_clear(np);
			return -1;
		}
	}
	/* ", said her lawyer, Tobias Wren." */
	i = np->last;
	if (i < d->n_tok && d->tok[i].kind == TOK_PUNCT && d->tok[i].ch == ',') {
		size_t j = i + 1;

		while (j < d->n_tok && j < i + 5 && tok_is_name(d, j))
			j++;
		if (j < d->n_tok && d->tok[j].kind != TOK_WORD)
			(void)np_named(d, i + 1, j, np);
	}
	/* ", said Smith, a CIA spokeswoman." */
	i = np->last;
	if (np->role == NULL && np->entity >= 0 && i + 1 < d->n_tok &&
	    d->tok[i].kind == TOK_PUNCT && d->tok[i].ch == ',' &&
	    (tok_is_det(d, i + 1) || tok_has(d, i + 1, LANG_TITLE))) {
		size_t e = i + 1;

		while (e < d->n_tok && e - i < 16 && d->tok[e].kind == TOK_WORD)
			e++;
		np->role = tok_text(d, i + 1, e);
		if (d->ent[np->entity].role == NULL)
			d->ent[np->entity].role = xstrdup(np->role);
	}
	return 0;
}
