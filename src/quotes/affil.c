/*
 * affil.c - the organisation a speaker's role names, and the role
 * within it: "CIA Director of Public Affairs" is the CIA's "Director of
 * Public Affairs", "a spokesman for Harbor Rail" is Harbor Rail's
 * "spokesman", "the FBI's chief lawyer" the FBI's "chief lawyer".  The
 * reader groups a source's people under their organisation with it.
 *
 * Works on the role string alone, word by word, with the language's word
 * classes (orgs.txt, titles.txt, function-words.txt): it never looks at
 * the story, so it costs a few look-ups per quote.  It must never guess an
 * organisation from a person's name ("Trump campaign manager" names none):
 * a run of capitals is an organisation only with an organisation word or
 * an acronym in it, or with two words or more before a lower-case title.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hearsay/util.h"
#include "quotes_int.h"

#define AFFIL_WORDS	24	/* words of a role looked at */
#define AFFIL_KEY	48	/* longest word looked up */

#define AW_CAP		0x01	/* starts with an upper-case letter */
#define AW_ORG		0x02	/* an organisation word or an acronym */
#define AW_TITLE	0x04	/* a title or role word */
#define AW_DET		0x08
#define AW_POSS		0x10	/* ends in 's */
#define AW_FOR		0x20	/* ties a person to an employer ("for") */
#define AW_PREP		0x40	/* another preposition ("of", "at") */
#define AW_JOIN		0x80	/* may sit inside a name ("of", "and") */
#define AW_COMMON	0x100	/* a common noun for a body ("council") */

struct affil_word {
	const char *s;		/* into the role */
	size_t	 len;		/* without a trailing comma */
	unsigned flags;
};

/* Is w all upper-case letters (two or more), dots allowed ("U.N.")? */
static int
affil_acronym(const char *w, size_t n)
{
	size_t i, letters = 0;

	for (i = 0; i < n; i++) {
		if (w[i] >= 'A' && w[i] <= 'Z')
			letters++;
		else if (w[i] != '.' && w[i] != '&')
			return 0;
	}
	return letters >= 2;
}

/* Does w have a hyphen followed by a lower-case letter ("Ohio-based")? */
static int
affil_hyphen_lower(const char *w, size_t n)
{
	const char *h = memchr(w, '-', n);

	return h != NULL && (size_t)(h - w) + 1 < n && h[1] >= 'a' &&
	    h[1] <= 'z';
}

/* The word classes of w that matter here. */
static unsigned
affil_classes(const struct quotes_lang *lang, const char *w, size_t n)
{
	char key[AFFIL_KEY];
	const struct lang_word *lw;
	unsigned f = 0;
	size_t i;

	/* Why: "Ohio-based" describes; it names no one. */
	if (n > 0 && w[0] >= 'A' && w[0] <= 'Z' && !affil_hyphen_lower(w, n))
		f |= AW_CAP;
	if (n >= 2 && w[n - 2] == '\'' && w[n - 1] == 's') {
		f |= AW_POSS;
		n -= 2;
	} else if (n >= 4 && memcmp(w + n - 4, "\xe2\x80\x99s", 4) == 0) {
		f |= AW_POSS;
		n -= 4;
	}
	if (affil_acronym(w, n))
		f |= AW_ORG;
	if (n == 0 || n >= sizeof key)
		return f;
	for (i = 0; i < n; i++)
		key[i] = (char)(w[i] >= 'A' && w[i] <= 'Z' ? w[i] + 0x20 :
		    w[i]);
	lw = lang_lookup(lang, key, n);
	if (lw == NULL)
		return f;
	if (lw->classes & LANG_BIT(LANG_ORG))
		f |= AW_ORG;
	if ((lw->classes & LANG_BIT(LANG_NOMINAL)) && !affil_acronym(w, n))
		f |= AW_COMMON;
	if ((lw->classes & LANG_BIT(LANG_TITLE)) ||
	    ((lw->classes & LANG_BIT(LANG_NOMINAL)) &&
	    lw->tag[LANG_NOMINAL] != NULL &&
	    strcmp(lw->tag[LANG_NOMINAL], "person") == 0))
		f |= AW_TITLE;
	if (lw->classes & LANG_BIT(LANG_DET))
		f |= AW_DET;
	if ((lw->classes & LANG_BIT(LANG_FUNC)) && lw->tag[LANG_FUNC] != NULL) {
		if (strcmp(lw->tag[LANG_FUNC], "affil") == 0)
			f |= AW_FOR;
		else if (strcmp(lw->tag[LANG_FUNC], "objprep") == 0)
			f |= AW_PREP;
	}
	if (lw->classes & LANG_BIT(LANG_CONN))
		f |= AW_JOIN;
	return f;
}

/* Cut role into words; returns how many. */
static size_t
affil_words(const struct quotes_lang *lang, const char *role,
    struct affil_word *w)
{
	const char *p = role;
	size_t n = 0, len;

	while (*p != '\0' && n < AFFIL_WORDS) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		len = strcspn(p, " ");
		w[n].s = p;
		w[n].len = len;
		while (w[n].len > 0 && (p[w[n].len - 1] == ',' ||
		    p[w[n].len - 1] == ';'))
			w[n].len--;
		w[n].flags = affil_classes(lang, p, w[n].len);
		p += len;
		n++;
	}
	return n;
}

/* Words [f, l) as one new string, without a final 's. */
static char *
affil_text(const struct affil_word *w, size_t f, size_t l)
{
	const char *end = w[l - 1].s + w[l - 1].len;

	if (w[l - 1].flags & AW_POSS)
		end -= end[-1] == 's' && end[-2] == '\'' ? 2 : 4;
	return xstrndup(w[f].s, (size_t)(end - w[f].s));
}

/* Is [f, l) a name?  One common noun for a body is none: "Council
 * member" opening a sentence names no council. */
static int
affil_named(const struct affil_word *w, size_t f, size_t l)
{
	return l > f + 1 || !(w[f].flags & AW_COMMON);
}

/* Does any word of [f, l) have flag? */
static int
affil_any(const struct affil_word *w, size_t f, size_t l, unsigned flag)
{
	for (; f < l; f++) {
		if (w[f].flags & flag)
			return 1;
	}
	return 0;
}

/* "CIA Director of Public Affairs", "White House press secretary", "the
 * FBI's chief lawyer": capitals before the title name the organisation. */
static int
affil_before(const struct affil_word *w, size_t n, char **org, char **title)
{
	size_t f = 0, l, m, k;

	if (n > 0 && (w[0].flags & AW_DET))
		f = 1;
	for (l = f; l < n && (w[l].flags & AW_CAP) &&
	    !(w[l].flags & AW_TITLE); l++) {
		if (w[l].flags & AW_POSS) {
			l++;
			break;
		}
	}
	if (l == f || l >= n || !affil_any(w, l, n, AW_TITLE))
		return -1;
	/* The organisation ends at its last organisation word: "Senate
	 * Majority Leader" is the Senate's "Majority Leader". */
	for (m = l, k = f; k < l; k++) {
		if (w[k].flags & AW_ORG)
			m = k + 1;
	}
	/* Without one, two capitals and a lower-case title ("Harbor
	 * Authority spokeswoman"); "North Carolina Gov." is a place's. */
	if (m == l && !affil_any(w, f, l, AW_ORG) &&
	    (l - f < 2 || (w[l - 1].flags & AW_POSS) ||
	    !(w[l].flags & AW_TITLE) || (w[l].flags & AW_CAP)))
		return -1;
	if ((w[m - 1].flags & AW_POSS) == 0 && m < l &&
	    affil_any(w, m, l, AW_POSS))
		return -1;	/* "CIA Director Holt's deputy" */
	if (!affil_named(w, f, m))
		return -1;
	*org = affil_text(w, f, m);
	*title = affil_text(w, m, n);
	return 0;
}

/* "a spokesman for Harbor Rail", "the director of the FBI": a title, a
 * preposition, the organisation's name ("for" takes any name; "of" and
 * "at" one with an organisation word or an acronym). */
static int
affil_after(const struct affil_word *w, size_t n, char **org, char **title)
{
	size_t p, f, a, b;

	for (p = 1; p < n && !(w[p].flags & (AW_FOR | AW_PREP)); p++)
		;
	f = (w[0].flags & AW_DET) ? 1 : 0;
	if (p >= n || p == f || !affil_any(w, f, p, AW_TITLE))
		return -1;
	a = p + 1;
	if (a < n && (w[a].flags & AW_DET))
		a++;
	for (b = a; b < n && ((w[b].flags & AW_CAP) || ((w[b].flags &
	    AW_JOIN) && b > a && b + 1 < n && (w[b + 1].flags & AW_CAP)));
	    b++)
		;
	if (b == a || ((w[p].flags & AW_PREP) && !affil_any(w, a, b, AW_ORG)) ||
	    !affil_named(w, a, b))
		return -1;
	*org = affil_text(w, a, b);
	*title = affil_text(w, f, p);
	return 0;
}

int
affil_split(const struct quotes_lang *lang, const char *role, char **org,
    char **title)
{
	struct affil_word w[AFFIL_WORDS];
	size_t n;

	*org = *title = NULL;
	if (role == NULL)
		return -1;
	n = affil_words(lang, role, w);
	if (n < 2)
		return -1;
	if (affil_before(w, n, org, title) == 0 ||
	    affil_after(w, n, org, title) == 0)
		return 0;
	return -1;
}
