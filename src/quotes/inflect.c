/*
 * inflect.c - the forms of an English verb made by the spelling rules:
 * says, said, saying; quips, quipped, quipping; cries, cried, crying;
 * echoes; argues, argued, arguing.  The cue lexicon (data/en/cues.txt)
 * lists a verb once, in its base form, and gives only the forms these
 * rules get wrong (say / said, write / wrote / written).
 *
 * Works on lower-case ASCII words alone: it never sees a story, and knows
 * no word but by its letters.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hearsay/util.h"
#include "quotes_int.h"

static int
is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* Is the letter at i a vowel of the word's sound ("u" after "q" is
 * not: "quip" has one vowel, "i")? */
static int
vowel_at(const char *w, size_t i)
{
	return is_vowel(w[i]) && !(w[i] == 'u' && i > 0 && w[i - 1] == 'q');
}

/* Does a one-syllable verb end in one vowel and one consonant, which
 * doubles before -ed and -ing ("quip", "snap", "slam"; not "plead",
 * "mock", "vow")? */
static int
doubles(const char *w, size_t n)
{
	size_t i, groups = 0;
	char last;

	if (n < 3)
		return 0;
	last = w[n - 1];
	if (is_vowel(last) || last == 'w' || last == 'x' || last == 'y' ||
	    !vowel_at(w, n - 2) || vowel_at(w, n - 3))
		return 0;
	for (i = 0; i < n; i++) {
		if (vowel_at(w, i) && (i == 0 || !vowel_at(w, i - 1)))
			groups++;
	}
	return groups == 1;
}

/* w without its last k letters, then suffix.  Caller frees. */
static char *
respell(const char *w, size_t n, size_t k, const char *suffix)
{
	return xprintf("%.*s%s", (int)(n - k), w, suffix);
}

static char *
form_s(const char *w, size_t n)
{
	char c = w[n - 1], b = n > 1 ? w[n - 2] : '\0';

	if (c == 's' || c == 'x' || c == 'z' || (c == 'h' && (b == 'c' ||
	    b == 's')) || (c == 'o' && !is_vowel(b)))
		return respell(w, n, 0, "es");
	if (c == 'y' && !is_vowel(b))
		return respell(w, n, 1, "ies");
	return respell(w, n, 0, "s");
}

/* The -ed form; *dbl set when the last consonant doubled. */
static char *
form_past(const char *w, size_t n, int *dbl)
{
	char c = w[n - 1], b = n > 1 ? w[n - 2] : '\0';

	*dbl = 0;
	if (c == 'e')
		return respell(w, n, 0, "d");
	if (c == 'y' && !is_vowel(b))
		return respell(w, n, 1, "ied");
	if (doubles(w, n)) {
		*dbl = 1;
		return xprintf("%s%ced", w, c);
	}
	return respell(w, n, 0, "ed");
}

static char *
form_ing(const char *w, size_t n, int dbl)
{
	char c = w[n - 1], b = n > 1 ? w[n - 2] : '\0';

	if (dbl)
		return xprintf("%s%cing", w, c);
	if (c == 'e' && b == 'i')
		return respell(w, n, 2, "ying");
	if (c == 'e' && n > 2 && b != 'e' && b != 'o' && b != 'y')
		return respell(w, n, 1, "ing");
	return respell(w, n, 0, "ing");
}

void
inflect_verb(const char *verb, const char *past, const char *part,
    char *out[INFLECT_NFORMS])
{
	size_t n = strlen(verb);
	int dbl = 0;

	out[INFLECT_BASE] = xstrdup(verb);
	if (n == 0) {
		out[INFLECT_S] = xstrdup(verb);
		out[INFLECT_PAST] = xstrdup(verb);
		out[INFLECT_PART] = xstrdup(verb);
		out[INFLECT_ING] = xstrdup(verb);
		return;
	}
	out[INFLECT_S] = form_s(verb, n);
	if (past != NULL) {
		out[INFLECT_PAST] = xstrdup(past);
		/* Why: "admit / admitted" says the consonant doubles, so
		 * "admitting" does too. */
		dbl = strlen(past) == n + 3 && strncmp(past, verb, n) == 0 &&
		    past[n] == verb[n - 1] && strcmp(past + n + 1, "ed") == 0;
	} else {
		out[INFLECT_PAST] = form_past(verb, n, &dbl);
	}
	out[INFLECT_PART] = xstrdup(part != NULL ? part : out[INFLECT_PAST]);
	out[INFLECT_ING] = form_ing(verb, n, dbl);
}
