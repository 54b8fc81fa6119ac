/*
 * ent.c - the story's entities: the people and organisations its
 * sentences name, kept by the lower-case last word of the name.  A later
 * bare last name resolves to the full name, names are split from their
 * roles ("CIA Director of Public Affairs Brittany Braml"), and pronouns
 * and nominals ("he", "the network") resolve to the entity the story
 * named last that fits.
 *
 * It must never scan the whole story per phrase: look-ups go through a
 * hash map or a short recency window, so the analysis stays linear.
 * Finding the phrases next to cues is np.c's job.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hearsay/util.h"
#include "quotes_int.h"

#define ENT_WINDOW	48	/* entities searched by recency */

/* Is token i a lone '&' joining a name? */
static int
ent_ampersand(const struct qdoc *d, size_t i)
{
	return d->tok[i].kind == TOK_PUNCT && d->tok[i].ch == '&';
}

enum ent_kind
ent_kind_of(const struct qdoc *d, size_t f, size_t l)
{
	size_t i;

	for (i = f; i < l; i++) {
		const char *tag;

		if (ent_ampersand(d, i))
			return ENT_ORG;	/* "Procter & Gamble" */
		if (!tok_has(d, i, LANG_ORG))
			continue;
		tag = d->tok[i].w->tag[LANG_ORG];
		if (tag != NULL && strcmp(tag, "media") == 0)
			return ENT_MEDIA;
		if (tag != NULL && strcmp(tag, "agency") == 0)
			return ENT_AGENCY;
		return ENT_ORG;
	}
	if (l == f + 1 && (d->tok[f].flags & TF_ALLCAPS) &&
	    d->tok[f].end - d->tok[f].start <= 4)
		return ENT_ORG;
	return ENT_PERSON;
}

/* Is token i in a title-case headline?  Remembers the answer for two
 * sentences: callers ask about one sentence and the one before it many
 * times over, and must not rescan them (linear time). */
static int
headline_at(struct qdoc *d, size_t i)
{
	size_t s = (size_t)d->tok[i].sent;

	if (d->head_sent[s & 1] != s + 1) {
		d->head_sent[s & 1] = s + 1;
		d->head_is[s & 1] = ent_headline(d, s);
	}
	return d->head_is[s & 1];
}

/* The entity keyed by the last word of tokens [f, l), created or updated
 * (a fuller name replaces a shorter one).  Returns its index. */
static int
entity_note(struct qdoc *d, size_t f, size_t l, const char *role)
{
	size_t kt = l - 1, klen, idx;
	const char *k;
	void **slot;
	struct entity *e;

	/* Why: "Harold Grange Jr." is the "Grange" of a later sentence. */
	if (kt > f && tok_role(d, kt, "suffix"))
		kt--;
	k = tok_key(d, kt);
	klen = d->tok[kt].keylen;
	if (kt == l - 1 && tok_is_possessive(d, l - 1))
		klen -= 2;
	slot = wordmap_slot(d->ent_by_key, k, klen);
	if (*slot == NULL) {
		d->ent = xreallocarray(d->ent, d->n_ent + 1, sizeof *d->ent);
		e = &d->ent[d->n_ent];
		memset(e, 0, sizeof *e);
		/* Why: "Dana Holt's plan" names Dana Holt. */
		e->name_cps = d->tok[l - 1].end - d->tok[f].start -
		    (kt == l - 1 && klen < d->tok[l - 1].keylen ? 2 : 0);
		e->name = tok_slice(d, d->tok[f].start, d->tok[f].start +
		    e->name_cps);
		e->kind = ent_kind_of(d, f, l);
		*slot = (void *)(uintptr_t)(++d->n_ent);
	}
	idx = (size_t)(uintptr_t)*slot - 1;
	e = &d->ent[idx];
	/* Why: compare lengths in code points first; most mentions repeat
	 * a name already known and need no copy. */
	/* Why: a title-case headline's run ("Mom Corners Holt") is no
	 * fuller name; the body names people properly. */
	if (l - f > 1 && !tok_is_possessive(d, l - 1) &&
	    d->tok[l - 1].end - d->tok[f].start > e->name_cps &&
	    (e->name_cps == 0 || !headline_at(d, f))) {
		free(e->name);
		e->name = tok_text(d, f, l);
		e->name_cps = d->tok[l - 1].end - d->tok[f].start;
		e->kind = ent_kind_of(d, f, l);
	}
	if (role != NULL && e->role == NULL)
		e->role = xstrdup(role);
	e->seen = l - 1;
	return (int)idx;
}

/* Split the capitalised run [f, l) into role and name; returns the first
 * token of the name. */
static size_t
name_split(const struct qdoc *d, size_t f, size_t l)
{
	size_t i, n = l, count = 0, limit = 3;
	int title = 0, org = 0;

	for (i = f; i < l; i++) {
		title |= tok_has(d, i, LANG_TITLE);
		org |= tok_has(d, i, LANG_ORG) || (d->tok[i].flags & TF_ALLCAPS);
	}
	if (title)
		limit = 2;
	else if (org)
		return f;
	while (n > f && count < limit) {
		const struct tok *t = &d->tok[n - 1];

		if (tok_has(d, n - 1, LANG_TITLE) || (tok_is_conn(d, n - 1) &&
		    !ent_ampersand(d, n - 1)))
			break;
		/* Initials, "&" ("Holt & Sons"), "Jr." and a quoted
		 * nickname do not count. */
		if (!((t->flags & TF_ABBREV) && t->end - t->start == 2) &&
		    !(t->flags & TF_NICK) &&
		    !ent_ampersand(d, n - 1) && !tok_role(d, n - 1, "suffix"))
			count++;
		n--;
	}
	/* Why: "Secretary of State Holt": the word after a title's "of" is
	 * the role's ("Secretary of State" alone names a post, no one). */
	if (n > f + 1 && n < l && tok_is_conn(d, n - 1) &&
	    tok_has(d, n - 2, LANG_TITLE))
		n++;
	return n;
}

/* Extend a role backward from token f over role words ("White House press
 * secretary"); returns the role's first token. */
size_t
ent_role_back(const struct qdoc *d, size_t f, size_t lo)
{
	size_t i = f, lower = 0;

	while (i > lo && f - i < NP_MAX) {
		size_t p = i - 1;

		if (tok_is_name(d, p) || tok_has(d, p, LANG_TITLE) ||
		    (tok_is_conn(d, p) && p > lo && tok_is_name(d, p - 1))) {
			i = p;
		} else if (tok_is_lower(d, p) && lower < NP_LOWER_MAX &&
		    (tok_has(d, i, LANG_TITLE) || lower > 0)) {
			lower++;
			i = p;
		} else {
			break;
		}
	}
	return i;
}

static int
role_has_title(const struct qdoc *d, size_t f, size_t l)
{
	size_t i;

	for (i = f; i < l; i++) {
		if (tok_has(d, i, LANG_TITLE) && !tok_has(d, i, LANG_STOP))
			return 1;
	}
	return 0;
}

/* 'f' or 'm' from the first word of [f, l) that tells, else 0. */
static char
gender_of(const struct qdoc *d, size_t f, size_t l)
{
	size_t i;

	for (i = f; i < l; i++) {
		if (tok_gender(d, i) != 0)
			return tok_gender(d, i);
	}
	return 0;
}

/* Fill np from the name run [f, l) with an optional role [rf, f); the
 * text and role strings only when want_text. */
void
ent_name(struct qdoc *d, size_t rf, size_t f, size_t l, struct np *np,
    int want_text)
{
	size_t n = name_split(d, f, l);

	if (n == l)
		n = f;	/* only titles: take the run as it is */
	np->first = n;
	np->last = l;
	np->entity = entity_note(d, n, l, NULL);
	/* Why: only slice the role when the entity has none yet; most
	 * mentions repeat what the story said before. */
	if (d->ent[np->entity].role == NULL && n > rf &&
	    role_has_title(d, rf, n))
		d->ent[np->entity].role = tok_text(d, rf, n);
	if (d->ent[np->entity].gender == 0)
		d->ent[np->entity].gender = gender_of(d, rf > 0 &&
		    tok_has(d, rf - 1, LANG_GENDER) ? rf - 1 : rf, l);
	if (!want_text)
		return;
	np->text = xstrdup(d->ent[np->entity].name);
	if (d->ent[np->entity].role != NULL)
		np->role = xstrdup(d->ent[np->entity].role);
}

#define ENT_NOT_PERSON	(-2)	/* entity_recent: any kind but a person */

/* The latest entity of a kind (-1: any; or, for people, with a role
 * word). */
static int
entity_recent(const struct qdoc *d, int kind, const char *roleword)
{
	size_t i, best = SIZE_MAX, bestseen = 0, seen = 0;

	for (i = d->n_ent; i-- > 0 && seen < ENT_WINDOW; seen++) {
		const struct entity *e = &d->ent[i];

		if ((kind >= 0 && (int)e->kind != kind) ||
		    (kind == ENT_NOT_PERSON && e->kind == ENT_PERSON))
			continue;
		if (roleword != NULL && (e->role == NULL ||
		    strstr(e->role, roleword) == NULL))
			continue;
		if (best == SIZE_MAX || e->seen > bestseen) {
			best = i;
			bestseen = e->seen;
		}
	}
	return best == SIZE_MAX ? -1 : (int)best;
}

int
ent_resolve_nominal(struct qdoc *d, size_t head, struct np *np)
{
	const char *tag = d->tok[head].w->tag[LANG_NOMINAL];
	int e = -1;

	if (tag == NULL)
		return -1;
	if (strcmp(tag, "media") == 0)
		e = entity_recent(d, ENT_MEDIA, NULL);
	else if (strcmp(tag, "agency") == 0)
		e = entity_recent(d, ENT_AGENCY, NULL);
	else if (strcmp(tag, "person") == 0)
		e = entity_recent(d, ENT_PERSON, tok_key(d, head));
	if (e < 0)
		return -1;
	np->entity = e;
	free(np->text);
	np->text = xstrdup(d->ent[e].name);
	if (d->ent[e].role != NULL && np->role == NULL)
		np->role = xstrdup(d->ent[e].role);
	return 0;
}

void
ent_recent_push(struct qdoc *d, int e)
{
	size_t i, k = RECENT_PEOPLE - 1;
	const char *name = d->ent[e].name;
	size_t n = strlen(name);

	/* Why: "Proponents" or "Democrats" are never "he" or "she". */
	if (d->ent[e].gender == 0 && strchr(name, ' ') == NULL && n > 3 &&
	    name[n - 1] == 's' && name[n - 2] != 's')
		return;

	for (i = 0; i < RECENT_PEOPLE; i++) {
		if (d->recent[i] == e) {
			k = i;
			break;
		}
	}
	memmove(d->recent + 1, d->recent, k * sizeof *d->recent);
	d->recent[0] = e;
}

/* The last person of gender g named outside the subject of sentence s
 * before token before, or -1 (also when its subject is a name of unknown
 * gender: "Ham said he disliked Obama" leaves "he" to Ham). */
static int
ent_aside(const struct qdoc *d, size_t s, char g, size_t before)
{
	size_t n = d->n_aside[s & 1];

	if (g == 0 || n == 0 || d->aside_sent[s & 1] != s ||
	    d->aside_subj[s & 1] == 'u' || d->aside_subj[s & 1] == g)
		return -1;
	while (n-- > 0) {
		const struct entity *e = &d->ent[d->aside[s & 1][n]];

		if (e->gender == g && e->seen < before)
			return d->aside[s & 1][n];
	}
	return -1;
}

/* The latest person subject "he" or "she" can be: not known to be of the
 * other gender.  Why: when no such subject was named in the sentence
 * before, a person of the right gender named there in another place is
 * nearer ("..., with Jane Roe lambasting it. "...," she said."). */
static int
ent_recent_person(const struct qdoc *d, size_t i)
{
	const char *k = tok_key(d, i);
	char other = strcmp(k, "he") == 0 ? 'f' : strcmp(k, "she") == 0 ?
	    'm' : 0;
	size_t r, s = (size_t)d->tok[i].sent;
	int e = -1, a;
	char g = other == 'f' ? 'm' : other == 'm' ? 'f' : 0;

	for (r = 0; r < RECENT_PEOPLE && d->recent[r] >= 0; r++) {
		if (other == 0 || d->ent[d->recent[r]].gender != other) {
			e = d->recent[r];
			break;
		}
	}
	/* "Holt described Ruiz as a "disgrace" after she attacked": when
	 * the sentence's subject is of the other gender, its other person
	 * of the gender named before the pronoun. */
	if (other != 0 && d->aside_sent[s & 1] == s &&
	    d->aside_subj[s & 1] == other &&
	    (e < 0 || d->ent[e].seen < d->sent[s].first)) {
		a = ent_aside(d, s, g, i);
		if (a >= 0)
			return a;
	}
	if (s == 0 || (e >= 0 && d->ent[e].seen >= d->sent[s - 1].first))
		return e;
	a = ent_aside(d, s - 1, g, SIZE_MAX);
	return a >= 0 ? a : e;
}

/* The latest organisation "it" at token i can be: named in its sentence
 * or the one before.  Why: further back, "it" is more often a thing the
 * story never named ("the campaign", "the article"). */
static int
ent_recent_thing(const struct qdoc *d, size_t i)
{
	int e = entity_recent(d, ENT_NOT_PERSON, NULL), s = d->tok[i].sent;

	if (e < 0 || d->ent[e].seen >= d->n_tok ||
	    d->tok[d->ent[e].seen].sent + 1 < s)
		return -1;
	return e;
}

int
ent_pronoun(struct qdoc *d, size_t i, struct np *np)
{
	const char *tag = d->tok[i].w->tag[LANG_PRONOUN];
	int e = -1;

	np->first = i;
	np->last = i + 1;
	if (tag != NULL && strcmp(tag, "person") == 0)
		e = ent_recent_person(d, i);
	else if (tag != NULL && strcmp(tag, "thing") == 0)
		e = ent_recent_thing(d, i);
	if (e < 0) {
		np->text = tok_text(d, i, i + 1);
		return 0;
	}
	/* Why: "he" keeps its person as near as a name would. */
	if (d->ent[e].seen < i)
		d->ent[e].seen = i;
	np->entity = e;
	np->text = xstrdup(d->ent[e].name);
	if (d->ent[e].role != NULL)
		np->role = xstrdup(d->ent[e].role);
	return 0;
}

/* "Ravi Mehta, a spokesman for the port," gives Ravi Mehta a role.
 * Returns 1 when the name has such an apposition (even when the entity
 * already had a role): a person introduced so is often "he" next. */
static int
mention_apposition(struct qdoc *d, size_t i, size_t l, int e)
{
	size_t k;

	if (e < 0 || i + 2 >= l || d->tok[i].kind != TOK_PUNCT ||
	    d->tok[i].ch != ',' || !(tok_is_det(d, i + 1) ||
	    tok_has(d, i + 1, LANG_TITLE)))
		return 0;
	for (k = i + 1; k < l && k - i < 16 && (d->tok[k].kind == TOK_WORD ||
	    (d->tok[k].kind == TOK_MARK && !(d->tok[k].flags & TF_QMARK)));
	    k++)
		;	/* words, and apostrophes ("the riders' union") */
	if (k >= l || d->tok[k].kind != TOK_PUNCT ||
	    (d->tok[k].ch != ',' && d->tok[k].ch != '.') ||
	    !role_has_title(d, i + 1, k))
		return 0;
	if (d->ent[e].role == NULL)
		d->ent[e].role = tok_text(d, i + 1, k);
	/* "Ivy Holt, the nominee's eldest daughter," is a woman; "an
	 * attorney for the woman" tells nothing of the attorney. */
	if (d->ent[e].gender == 0) {
		size_t c = i + 1;

		while (c < k && !tok_is_conn(d, c))
			c++;
		d->ent[e].gender = gender_of(d, i + 1, c);
	}
	return 1;
}

/* A headline in title case ("Lawmakers Rip Holt As A Fraud") names
 * nobody reliably: its capitals are style, not names. */
int
ent_headline(const struct qdoc *d, size_t s)
{
	size_t i, words = 0, caps = 0;

	for (i = d->sent[s].first; i < d->sent[s].last; i++) {
		if (d->tok[i].kind != TOK_WORD || (d->tok[i].flags & TF_INQUOTE))
			continue;
		words++;
		caps += (d->tok[i].flags & TF_CAP) != 0;
	}
	return words >= 4 && caps * 4 >= words * 3;
}

/* A lone capitalised given name with a gender ("Melanie thought ..."):
 * a person even on first mention when it is the sentence's subject. */
static int
is_given_name(const struct qdoc *d, size_t f)
{
	return tok_gender(d, f) != 0 && tok_is_lower(d, f + 1);
}

/* 'm' or 'f' when sentence [lo, hi) opens with "he" or "she", maybe
 * after a clause ("However, he could not say"), 'u' when it opens with
 * an unknown lone name, else 0. */
static char
subject_gender(const struct qdoc *d, size_t lo, size_t hi, size_t subj)
{
	size_t i = lo;
	const char *k;

	/* "Wines believes ...": a lone word the story never named, then a
	 * verb, is someone the pronoun may mean ("It's" is no one). */
	if (subj != SIZE_MAX)
		return subj + 1 < hi && tok_is_lower(d, subj + 1) &&
		    !tok_is_name(d, subj + 1) && memchr(tok_key(d, subj), '\'',
		    d->tok[subj].keylen) == NULL && wordmap_get(d->ent_by_key,
		    tok_key(d, subj), d->tok[subj].keylen) == NULL ? 'u' : 0;
	while (i < hi && i < lo + 8 && d->tok[i].kind == TOK_WORD &&
	    !tok_has(d, i, LANG_PRONOUN))
		i++;
	if (i > lo && i < hi && d->tok[i].kind == TOK_PUNCT &&
	    d->tok[i].ch == ',')
		i++;
	if (!tok_is_word(d, i) || !tok_has(d, i, LANG_PRONOUN))
		return 0;
	k = tok_key(d, i);
	return strcmp(k, "he") == 0 ? 'm' : strcmp(k, "she") == 0 ? 'f' : 0;
}

/* 'f' or 'm' when sentence [lo, hi), whose subject is the name [f, l),
 * speaks of someone by pronouns of one gender only, outside quotes: in
 * an opening clause that names nobody ("For her part, Suu Kyi ...") or
 * after the name before any other name ("Suu Kyi said she ..."); else 0.
 * Why: a name that no list of given names knows takes its gender from
 * the story's own pronouns, as a reader does. */
static char
subject_pronoun_gender(const struct qdoc *d, size_t lo, size_t hi, size_t f,
    size_t l)
{
	size_t i;
	char g = 0, p;

	for (i = lo; i < f; i++) {
		if (tok_is_name(d, i))
			return 0;	/* "After Ivy Lund met her, Ana ..." */
	}
	for (i = lo; i < hi; i++) {
		if (i == f)
			i = l;
		if (i >= hi || (i > l && tok_is_name(d, i)))
			break;
		if ((d->tok[i].flags & TF_INQUOTE) ||
		    (p = tok_pronoun_gender(d, i)) == 0)
			continue;
		if (g != 0 && p != g)
			return 0;
		g = p;
	}
	return g;
}

/* Keep person e, named outside the subject of sentence s, as a later
 * pronoun's candidate when its gender is known. */
static void
mention_aside(struct qdoc *d, size_t s, int e)
{
	size_t *n = &d->n_aside[s & 1];

	if (d->ent[e].kind != ENT_PERSON || d->ent[e].gender == 0)
		return;
	if (*n == ASIDE_PEOPLE) {
		memmove(d->aside[s & 1], d->aside[s & 1] + 1,
		    (ASIDE_PEOPLE - 1) * sizeof d->aside[0][0]);
		(*n)--;
	}
	d->aside[s & 1][(*n)++] = e;
}

/* Register the names of sentence s, and its subject when a name opens it
 * (pronoun resolution prefers subjects). */
void
ent_mentions(struct qdoc *d, size_t s)
{
	size_t i = d->sent[s].first, l = d->sent[s].last, f, subj;
	int first = 1, appos;

	d->aside_sent[s & 1] = s;
	d->n_aside[s & 1] = 0;
	d->aside_subj[s & 1] = 0;
	if (ent_headline(d, s))
		return;
	subj = syntax_subject(d, i, l);
	d->aside_subj[s & 1] = subject_gender(d, i, l, subj);
	while (i < l) {
		if (!tok_is_name(d, i)) {
			if (d->tok[i].kind == TOK_WORD)
				first = 0;
			i++;
			continue;
		}
		for (f = i; i < l && (tok_is_name(d, i) || (tok_is_conn(d, i) &&
		    tok_is_name(d, i + 1))); i++)
			;
		if (i - f >= 2 || wordmap_get(d->ent_by_key, tok_key(d, i - 1),
		    d->tok[i - 1].keylen) != NULL ||
		    (f == subj && i == f + 1 && is_given_name(d, f))) {
			struct np np = { 0, 0, -1, NULL, NULL, 0, 0 };

			ent_name(d, ent_role_back(d, f, d->sent[s].first), f,
			    i, &np, 0);
			appos = mention_apposition(d, i, l, np.entity);
			if (f == subj && d->ent[np.entity].gender == 0 &&
			    d->ent[np.entity].kind == ENT_PERSON)
				d->ent[np.entity].gender =
				    subject_pronoun_gender(d,
				    d->sent[s].first, l, f, i);
			/* Why: only a name that is surely a person's may become
			 * "he" or "she" ("North Korea" may not). */
			if ((first || f == subj || appos) &&
			    d->ent[np.entity].kind == ENT_PERSON &&
			    (d->ent[np.entity].gender != 0 || appos)) {
				ent_recent_push(d, np.entity);
				if (f == subj)
					d->aside_subj[s & 1] =
					    d->ent[np.entity].gender;
			} else if (f == subj)
				d->aside_subj[s & 1] = 'u';
			else
				mention_aside(d, s, np.entity);
			/* np holds no strings: ent_name made none (want_text
			 * 0), so there is nothing to free. */
		}
		first = 0;
	}
}

void
ent_free(struct qdoc *d)
{
	size_t i;

	for (i = 0; i < d->n_ent; i++) {
		free(d->ent[i].name);
		free(d->ent[i].role);
	}
	free(d->ent);
	wordmap_free(d->ent_by_key);
}
