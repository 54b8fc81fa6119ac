/*
 * quotes_np.c - noun phrases next to reporting cues, and the story's
 * entities they resolve to: names split from their roles ("CIA Director
 * of Public Affairs Brittany Braml"), a later bare last name resolved to
 * the full name, pronouns and nominals ("the network") resolved to the
 * entity the story named.
 *
 * Every search is bounded to a few tokens around the cue, and entity
 * look-ups go through a hash map or a short recency window: never a scan
 * of the whole story per phrase.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hearsay/buf.h"
#include "hearsay/util.h"
#include "quotes_int.h"

#define NP_MAX		10	/* tokens in one phrase */
#define NP_LOWER_MAX	3	/* lower-case words before a head */
#define ENT_WINDOW	48	/* entities searched by recency */
#define OPENER_MAX	24	/* words in a clause before the subject */

static int
is_word(const struct qdoc *d, size_t i)
{
	return i < d->n_tok && d->tok[i].kind == TOK_WORD;
}

static int
is_det(const struct qdoc *d, size_t i)
{
	return is_word(d, i) && tok_has(d, i, LANG_DET);
}

static int
is_conn(const struct qdoc *d, size_t i)
{
	return is_word(d, i) && !(d->tok[i].flags & TF_CAP) &&
	    tok_has(d, i, LANG_CONN);
}

static int
is_possessive(const struct qdoc *d, size_t i)
{
	const char *k = tok_key(d, i);
	size_t n = d->tok[i].keylen;

	return n > 2 && k[n - 2] == '\'' && k[n - 1] == 's';
}

/* A word that can be part of a name: capitalised, no sentence opener. */
static int
is_name(const struct qdoc *d, size_t i)
{
	if (!is_word(d, i) || !(d->tok[i].flags & TF_CAP) ||
	    (d->tok[i].flags & TF_INQUOTE))
		return 0;
	/* Why: an initial ("A.", "I.") is part of a name, not a stop word. */
	if (tok_has(d, i, LANG_STOP) && !tok_has(d, i, LANG_TITLE) &&
	    !((d->tok[i].flags & TF_ABBREV) && d->tok[i].keylen == 1))
		return 0;
	return !tok_has(d, i, LANG_PRONOUN) && !tok_has(d, i, LANG_CUE);
}

/* A lower-case word that may sit inside a phrase before its head. */
static int
is_lower(const struct qdoc *d, size_t i)
{
	return is_word(d, i) && !(d->tok[i].flags & (TF_CAP | TF_INQUOTE)) &&
	    !tok_has(d, i, LANG_STOP) && !tok_has(d, i, LANG_CUE) &&
	    !tok_has(d, i, LANG_SKIP) && !tok_has(d, i, LANG_PRONOUN);
}

void
np_clear(struct np *np)
{
	free(np->text);
	free(np->role);
	memset(np, 0, sizeof *np);
	np->entity = -1;
}

/* Text of tokens [f, l) as written.  Caller frees. */
static char *
tok_text(const struct qdoc *d, size_t f, size_t l)
{
	if (l <= f)
		return NULL;
	return doc_slice(d, d->tok[f].start, d->tok[l - 1].end);
}

static enum ent_kind
ent_kind_of(const struct qdoc *d, size_t f, size_t l)
{
	size_t i;

	for (i = f; i < l; i++) {
		const char *tag;

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
		d->head_is[s & 1] = np_headline(d, s);
	}
	return d->head_is[s & 1];
}

/* The entity keyed by the last word of tokens [f, l), created or updated
 * (a fuller name replaces a shorter one).  Returns its index. */
static int
entity_note(struct qdoc *d, size_t f, size_t l, const char *role)
{
	const char *k = tok_key(d, l - 1);
	size_t klen = d->tok[l - 1].keylen;
	void **slot;
	struct entity *e;
	size_t idx;

	if (is_possessive(d, l - 1))
		klen -= 2;
	slot = wordmap_slot(d->ent_by_key, k, klen);
	if (*slot == NULL) {
		d->ent = xreallocarray(d->ent, d->n_ent + 1, sizeof *d->ent);
		e = &d->ent[d->n_ent];
		memset(e, 0, sizeof *e);
		/* Why: "Dana Holt's plan" names Dana Holt. */
		e->name_cps = d->tok[l - 1].end - d->tok[f].start -
		    (klen < d->tok[l - 1].keylen ? 2 : 0);
		e->name = doc_slice(d, d->tok[f].start, d->tok[f].start +
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
	if (l - f > 1 && !is_possessive(d, l - 1) &&
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

		if (tok_has(d, n - 1, LANG_TITLE) || is_conn(d, n - 1))
			break;
		if (!((t->flags & TF_ABBREV) && t->end - t->start == 2))
			count++;	/* initials do not count */
		n--;
	}
	return n;
}

/* Extend a role backward from token f over role words ("White House press
 * secretary"); returns the role's first token. */
static size_t
role_back(const struct qdoc *d, size_t f, size_t lo)
{
	size_t i = f, lower = 0;

	while (i > lo && f - i < NP_MAX) {
		size_t p = i - 1;

		if (is_name(d, p) || tok_has(d, p, LANG_TITLE) ||
		    (is_conn(d, p) && p > lo && is_name(d, p - 1))) {
			i = p;
		} else if (is_lower(d, p) && lower < NP_LOWER_MAX &&
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
		const char *tag;

		if (!tok_has(d, i, LANG_GENDER))
			continue;
		tag = d->tok[i].w->tag[LANG_GENDER];
		if (tag != NULL)
			return tag[0] == 'f' ? 'f' : 'm';
	}
	return 0;
}

/* Fill np from the name run [f, l) with an optional role [rf, f); the
 * text and role strings only when want_text. */
static void
np_name(struct qdoc *d, size_t rf, size_t f, size_t l, struct np *np,
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

static int
np_resolve_nominal(struct qdoc *d, size_t head, struct np *np)
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

/* A lower-case phrase [f, l) with head l - 1: "the network". */
/* The end of a prepositional tail after a nominal at l: "a source on
 * the panel", "a spokeswoman for the agency". */
static size_t
np_tail(const struct qdoc *d, size_t l)
{
	size_t e = l + 1;

	if (!is_conn(d, l))
		return l;
	if (is_det(d, e))
		e++;
	while (e < d->n_tok && e < l + 6 && (is_lower(d, e) || is_name(d, e)))
		e++;
	return e > l + 1 && !is_det(d, e - 1) ? e : l;
}

static int
np_nominal(struct qdoc *d, size_t f, size_t l, struct np *np, int tail)
{
	size_t head = l - 1;

	np->first = f;
	np->last = l;
	np->text = tok_text(d, f, tail ? np_tail(d, l) : l);
	if (tok_has(d, head, LANG_NOMINAL) && (is_det(d, f) ||
	    is_possessive(d, f)))
		np_resolve_nominal(d, head, np);
	return 0;
}

void
np_recent_push(struct qdoc *d, int e)
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

/* The last person of gender g named outside the subject of sentence s,
 * or -1 (also when its subject is a name of unknown gender: "Ham said
 * he disliked Obama" leaves "he" to Ham). */
static int
np_aside(const struct qdoc *d, size_t s, char g)
{
	size_t n = d->n_aside[s & 1];

	if (g == 0 || n == 0 || d->aside_sent[s & 1] != s ||
	    d->aside_subj[s & 1] == 'u' || d->aside_subj[s & 1] == g)
		return -1;
	while (n-- > 0) {
		if (d->ent[d->aside[s & 1][n]].gender == g)
			return d->aside[s & 1][n];
	}
	return -1;
}

/* The latest person subject "he" or "she" can be: not known to be of the
 * other gender.  Why: when no such subject was named in the sentence
 * before, a person of the right gender named there in another place is
 * nearer ("..., with Jane Roe lambasting it. "...," she said."). */
static int
np_recent_person(const struct qdoc *d, size_t i)
{
	const char *k = tok_key(d, i);
	char other = strcmp(k, "he") == 0 ? 'f' : strcmp(k, "she") == 0 ?
	    'm' : 0;
	size_t r, s = (size_t)d->tok[i].sent;
	int e = -1, a;

	for (r = 0; r < RECENT_PEOPLE && d->recent[r] >= 0; r++) {
		if (other == 0 || d->ent[d->recent[r]].gender != other) {
			e = d->recent[r];
			break;
		}
	}
	if (s == 0 || (e >= 0 && d->ent[e].seen >= d->sent[s - 1].first))
		return e;
	a = np_aside(d, s - 1, other == 'f' ? 'm' : other == 'm' ? 'f' : 0);
	return a >= 0 ? a : e;
}

/* The latest organisation "it" at token i can be: named in its sentence
 * or the one before.  Why: further back, "it" is more often a thing the
 * story never named ("the campaign", "the article"). */
static int
np_recent_thing(const struct qdoc *d, size_t i)
{
	int e = entity_recent(d, ENT_NOT_PERSON, NULL), s = d->tok[i].sent;

	if (e < 0 || d->ent[e].seen >= d->n_tok ||
	    d->tok[d->ent[e].seen].sent + 1 < s)
		return -1;
	return e;
}

static int
np_pronoun(struct qdoc *d, size_t i, struct np *np)
{
	const char *tag = d->tok[i].w->tag[LANG_PRONOUN];
	int e = -1;

	np->first = i;
	np->last = i + 1;
	if (tag != NULL && strcmp(tag, "person") == 0)
		e = np_recent_person(d, i);
	else if (tag != NULL && strcmp(tag, "thing") == 0)
		e = np_recent_thing(d, i);
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

/* The phrase ending at token e, not reaching before lo. */
static int
np_before(struct qdoc *d, size_t e, size_t lo, struct np *np)
{
	size_t f = e, low = 0;

	if (!is_word(d, e) || (d->tok[e].flags & TF_INQUOTE))
		return -1;
	if (tok_has(d, e, LANG_PRONOUN))
		return np_pronoun(d, e, np);
	if (is_name(d, e) && !is_possessive(d, e)) {
		while (f > lo && e - f < NP_MAX && (is_name(d, f - 1) ||
		    (is_conn(d, f - 1) && f - 1 > lo && is_name(d, f - 2))))
			f--;
		np_name(d, role_back(d, f, lo), f, e + 1, np, 1);
		return 0;
	}
	if (!is_lower(d, e))
		return -1;
	while (f > lo && low < NP_LOWER_MAX && (is_lower(d, f - 1) ||
	    (is_possessive(d, f - 1) && is_name(d, f - 1)))) {
		f--;
		low++;
		if (is_possessive(d, f))
			break;
	}
	/* Why: "the ground said" is a parse gone wrong; heads that can speak
	 * or carry words are listed in nominals.txt and titles.txt.  Others
	 * are weak: a cited source maybe, never a quote's speaker. */
	np->weak = !tok_has(d, e, LANG_NOMINAL) && !tok_has(d, e, LANG_TITLE);
	if (f > lo && is_det(d, f - 1))
		f--;
	else if (np->weak && !is_possessive(d, f))
		return -1;
	return np_nominal(d, f, e + 1, np, 0);
}

/* Does a person's name end at connector e of the name run from f?  Why:
 * "Dana Holt for the Ledger" is Dana Holt, while "Center for Progress"
 * is one name (one word before) and so is "Bank Group for ..." (an
 * organisation's words). */
static int
person_ends(const struct qdoc *d, size_t f, size_t e)
{
	size_t n = e;

	if (!tok_role(d, e, "affil"))
		return 0;
	while (n > f && is_name(d, n - 1))
		n--;
	return e - n >= 2 && ent_kind_of(d, n, e) == ENT_PERSON;
}

int
np_at(struct qdoc *d, size_t i, struct np *np)
{
	size_t f, e, hi = i + NP_MAX;
	int det = 0;

	np_clear(np);
	if (is_word(d, i) && tok_has(d, i, LANG_PRONOUN) &&
	    !(d->tok[i].flags & TF_INQUOTE))
		return np_pronoun(d, i, np);
	for (;;) {
		size_t k = i;

		/* "Hillary Holt's campaign manager Robby Mook": a possessive
		 * name run is a determiner. */
		while (is_name(d, k) && !is_possessive(d, k) && k < i + 4)
			k++;
		if (is_det(d, i))
			k = i;
		else if (!(is_name(d, k) && is_possessive(d, k)))
			break;
		det = 1;
		i = k + 1;
	}
	f = i;
	for (e = f; e < hi && (is_lower(d, e) || (is_name(d, e) &&
	    !is_possessive(d, e)) || (is_conn(d, e) && e > f &&
	    is_name(d, e + 1) && !person_ends(d, f, e))); e++) {
		/* A name ends the phrase: "Okafor made ..." is no title. */
		if (is_lower(d, e) && e > f && is_name(d, e - 1) &&
		    !tok_has(d, e, LANG_TITLE) && !tok_has(d, e, LANG_NOMINAL) &&
		    !tok_has(d, e + 1, LANG_TITLE))
			break;
	}
	if (e == f)
		return -1;
	if (is_name(d, e - 1)) {
		size_t nf = e - 1;

		while (nf > f && (is_name(d, nf - 1) || is_conn(d, nf - 1)))
			nf--;
		np_name(d, f, nf, e, np, 1);
		return 0;
	}
	if (!tok_has(d, e - 1, LANG_NOMINAL) && !tok_has(d, e - 1, LANG_TITLE))
		return -1;
	return np_nominal(d, det ? f - 1 : f, e, np, 1);
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

static int
starts_apposition(const struct qdoc *d, size_t i)
{
	return is_det(d, i) || is_lower(d, i) || tok_has(d, i, LANG_TITLE) ||
	    tok_has(d, i, LANG_REL);
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
	for (end = k + 1; end < comma && !(d->tok[end].kind == TOK_PUNCT &&
	    d->tok[end].ch == ','); end++)
		;
	/* Why: an apposition says more than a bare title ("Rep."). */
	if ((np->role == NULL || strchr(np->role, ' ') == NULL) &&
	    np->entity >= 0 && (is_det(d, k + 1) ||
	    tok_has(d, k + 1, LANG_TITLE) || is_name(d, k + 1))) {
		free(np->role);
		np->role = tok_text(d, k + 1, end);
		if (d->ent[np->entity].role == NULL)
			d->ent[np->entity].role = xstrdup(np->role);
	}
	return 0;
}

static int
has_suffix(const struct qdoc *d, size_t i, const char *suf)
{
	size_t n = d->tok[i].keylen, k = strlen(suf);

	return n > k + 2 && memcmp(tok_key(d, i) + n - k, suf, k) == 0;
}

/* The first token of the sentence's subject name: at its start or after
 * an opening clause ("During the speech, Holt ..."), or SIZE_MAX. */
size_t
np_sent_subject(const struct qdoc *d, size_t lo, size_t hi)
{
	size_t i;

	/* A stray mark that opens no quote ("\"Holt walked in") hides
	 * nothing. */
	while (lo < hi && d->tok[lo].kind == TOK_MARK &&
	    !(d->tok[lo].flags & TF_QMARK))
		lo++;
	/* "Chastened by the costs, Holt revised": no name opens it. */
	if (is_name(d, lo) && !has_suffix(d, lo, "ed") &&
	    !has_suffix(d, lo, "ing"))
		return lo;
	for (i = lo; i < hi && i < lo + OPENER_MAX; i++) {
		if (d->tok[i].kind == TOK_PUNCT && d->tok[i].ch == ',') {
			size_t k = i + 1;

			/* ", presidential nominee Hillary Holt was" */
			while (k < hi && k < i + 4 && is_lower(d, k) &&
			    (tok_has(d, k, LANG_TITLE) || tok_has(d, k + 1,
			    LANG_TITLE)))
				k++;
			if (k < hi && is_name(d, k))
				return k;
			continue;	/* "On July 6, 2015, Holt" */
		}
		if (d->tok[i].kind != TOK_WORD)
			return SIZE_MAX;
	}
	return SIZE_MAX;
}

int
np_participle(const struct qdoc *d, size_t i)
{
	size_t n = d->tok[i].keylen;

	return n > 4 && memcmp(tok_key(d, i) + n - 3, "ing", 3) == 0;
}

int
np_subject(struct qdoc *d, size_t c, struct np *np)
{
	size_t lo = d->sent[d->tok[c].sent].first, i = c;

	np_clear(np);
	/* "Holt also said", "Holt cynically dismissed" */
	while (i > lo && is_word(d, i - 1) && !tok_has(d, i - 1, LANG_PRONOUN) &&
	    (tok_has(d, i - 1, LANG_SKIP) || (is_lower(d, i - 1) &&
	    has_suffix(d, i - 1, "ly"))))
		i--;
	if (i == lo)
		return -1;
	i--;
	if (d->tok[i].kind == TOK_PUNCT && d->tok[i].ch == ')')
		i = skip_parens(d, i, lo);
	if (i == SIZE_MAX)
		return -1;
	/* "Holt spoke in Tulsa, arguing that": a participle's subject is
	 * the sentence's. */
	if (d->tok[i].kind == TOK_PUNCT && d->tok[i].ch == ',' &&
	    np_participle(d, c) && np_sent_subject(d, lo, i) != SIZE_MAX)
		return np_at(d, np_sent_subject(d, lo, i), np);
	if (d->tok[i].kind == TOK_PUNCT && d->tok[i].ch == ',')
		return np_apposition(d, i, lo, np);
	/* "Smith spoke for an hour and said": the sentence's subject (a
	 * lone capitalised opener only when the story named it: "Preys on
	 * fears and calls them" has none). */
	if (tok_role(d, i, "coord") && is_name(d, lo) && (is_name(d, lo + 1) ||
	    wordmap_get(d->ent_by_key, tok_key(d, lo), d->tok[lo].keylen))) {
		for (i = lo; i + 1 < c && (is_name(d, i + 1) ||
		    (is_conn(d, i + 1) && is_name(d, i + 2))); i++)
			;
		return np_before(d, i, lo, np);
	}
	if (np_before(d, i, lo, np) != 0) {
		np_clear(np);
		return -1;
	}
	return 0;
}

int
np_possessor(struct qdoc *d, size_t i, struct np *np)
{
	size_t lo = d->sent[d->tok[i].sent].first, f;

	np_clear(np);
	if (i <= lo || !is_name(d, i - 1) || !is_possessive(d, i - 1))
		return -1;
	for (f = i - 1; f > lo && i - f < NP_MAX && is_name(d, f - 1) &&
	    !is_possessive(d, f - 1); f--)
		;
	np_name(d, role_back(d, f, lo), f, i, np, 1);
	return 0;
}

int
np_after(struct qdoc *d, size_t c, struct np *np)
{
	size_t i = c;

	while (is_word(d, i) && tok_has(d, i, LANG_SKIP) &&
	    !tok_has(d, i, LANG_PRONOUN) && !is_det(d, i))
		i++;
	/* `"..." suggests that Phoenix`: a clause follows, no speaker. */
	if (tok_role(d, i, "comp"))
		return -1;
	if (np_at(d, i, np) != 0) {
		size_t k = i;

		/* ", said 9/11 widow Terry Holt": find the name. */
		while (k < d->n_tok && k < i + 5 && !is_name(d, k) &&
		    (is_word(d, k) || d->tok[k].ch == '/' || d->tok[k].ch == '-'))
			k++;
		np_clear(np);
		if (k == i || !is_name(d, k) || np_at(d, k, np) != 0) {
			np_clear(np);
			return -1;
		}
	}
	/* ", said Smith, a CIA spokeswoman." */
	i = np->last;
	if (np->role == NULL && np->entity >= 0 && i + 1 < d->n_tok &&
	    d->tok[i].kind == TOK_PUNCT && d->tok[i].ch == ',' &&
	    (is_det(d, i + 1) || tok_has(d, i + 1, LANG_TITLE))) {
		size_t e = i + 1;

		while (e < d->n_tok && e - i < 16 && d->tok[e].kind == TOK_WORD)
			e++;
		np->role = tok_text(d, i + 1, e);
		if (d->ent[np->entity].role == NULL)
			d->ent[np->entity].role = xstrdup(np->role);
	}
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
	    d->tok[i].ch != ',' || !(is_det(d, i + 1) ||
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

		while (c < k && !is_conn(d, c))
			c++;
		d->ent[e].gender = gender_of(d, i + 1, c);
	}
	return 1;
}

/* A headline in title case ("Lawmakers Rip Holt As A Fraud") names
 * nobody reliably: its capitals are style, not names. */
int
np_headline(const struct qdoc *d, size_t s)
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
	return tok_has(d, f, LANG_GENDER) && d->tok[f].w->tag[LANG_GENDER] !=
	    NULL && is_lower(d, f + 1);
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
		return subj + 1 < hi && is_lower(d, subj + 1) &&
		    !is_name(d, subj + 1) && memchr(tok_key(d, subj), '\'',
		    d->tok[subj].keylen) == NULL && wordmap_get(d->ent_by_key,
		    tok_key(d, subj), d->tok[subj].keylen) == NULL ? 'u' : 0;
	while (i < hi && i < lo + 8 && d->tok[i].kind == TOK_WORD &&
	    !tok_has(d, i, LANG_PRONOUN))
		i++;
	if (i > lo && i < hi && d->tok[i].kind == TOK_PUNCT &&
	    d->tok[i].ch == ',')
		i++;
	if (!is_word(d, i) || !tok_has(d, i, LANG_PRONOUN))
		return 0;
	k = tok_key(d, i);
	return strcmp(k, "he") == 0 ? 'm' : strcmp(k, "she") == 0 ? 'f' : 0;
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
np_mentions(struct qdoc *d, size_t s)
{
	size_t i = d->sent[s].first, l = d->sent[s].last, f, subj;
	int first = 1, appos;

	d->aside_sent[s & 1] = s;
	d->n_aside[s & 1] = 0;
	d->aside_subj[s & 1] = 0;
	if (np_headline(d, s))
		return;
	subj = np_sent_subject(d, i, l);
	d->aside_subj[s & 1] = subject_gender(d, i, l, subj);
	while (i < l) {
		if (!is_name(d, i)) {
			if (d->tok[i].kind == TOK_WORD)
				first = 0;
			i++;
			continue;
		}
		for (f = i; i < l && (is_name(d, i) || (is_conn(d, i) &&
		    is_name(d, i + 1))); i++)
			;
		if (i - f >= 2 || wordmap_get(d->ent_by_key, tok_key(d, i - 1),
		    d->tok[i - 1].keylen) != NULL ||
		    (f == subj && i == f + 1 && is_given_name(d, f))) {
			struct np np = { 0, 0, -1, NULL, NULL, 0 };

			np_name(d, role_back(d, f, d->sent[s].first), f, i, &np,
			    0);
			appos = mention_apposition(d, i, l, np.entity);
			/* Why: only a name that is surely a person's may become
			 * "he" or "she" ("North Korea" may not). */
			if ((first || f == subj || appos) &&
			    d->ent[np.entity].kind == ENT_PERSON &&
			    (d->ent[np.entity].gender != 0 || appos)) {
				np_recent_push(d, np.entity);
				if (f == subj)
					d->aside_subj[s & 1] =
					    d->ent[np.entity].gender;
			} else if (f == subj)
				d->aside_subj[s & 1] = 'u';
			else
				mention_aside(d, s, np.entity);
			np_clear(&np);
		}
		first = 0;
	}
}

void
np_entities_free(struct qdoc *d)
{
	size_t i;

	for (i = 0; i < d->n_ent; i++) {
		free(d->ent[i].name);
		free(d->ent[i].role);
	}
	free(d->ent);
	wordmap_free(d->ent_by_key);
}
