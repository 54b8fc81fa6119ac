/*
 * words.c - the word splitter of the urls and config files.
 *
 * Must never run past len: lines come from files as they are, without a
 * terminating NUL of their own.
 */
#include "config.h"

#include <stdlib.h>

#include "hearsay/buf.h"
#include "hearsay/util.h"
#include "hearsay/words.h"

void
words_free(struct words *w)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		free(w->word[i]);
	free(w->word);
	w->word = NULL;
	w->n = 0;
}

/* White space between words (a CR of a CRLF line included). */
static int
words_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* Read one double-quoted word after the opening quote at s[*i].  -1 when
 * the quote is not closed. */
static int
words_quoted(const char *s, size_t len, size_t *i, struct buf *b)
{
	for (; *i < len; (*i)++) {
		if (s[*i] == '"') {
			(*i)++;
			return 0;
		}
		if (s[*i] == '\\' && *i + 1 < len &&
		    (s[*i + 1] == '"' || s[*i + 1] == '\\'))
			(*i)++;
		buf_addc(b, s[*i]);
	}
	return -1;
}

/* Split s[0..len) into w; an unclosed quote is an error, or with
 * open_ok a word running to the end of the line. */
static int
words_split_line(const char *s, size_t len, int open_ok, struct words *w)
{
	struct buf b;
	size_t i = 0;

	w->word = NULL;
	w->n = 0;
	for (;;) {
		while (i < len && words_is_space(s[i]))
			i++;
		if (i == len || s[i] == '#')
			return 0;
		buf_init(&b, 0);
		if (s[i] == '"') {
			i++;
			if (words_quoted(s, len, &i, &b) == -1 && !open_ok) {
				buf_free(&b);
				words_free(w);
				return -1;
			}
		} else {
			while (i < len && !words_is_space(s[i]))
				buf_addc(&b, s[i++]);
		}
		w->word = xreallocarray(w->word, w->n + 1, sizeof *w->word);
		w->word[w->n++] = buf_detach(&b);
	}
}

int
words_split(const char *s, size_t len, struct words *w)
{
	return words_split_line(s, len, 0, w);
}

int
words_split_open(const char *s, size_t len, struct words *w)
{
	return words_split_line(s, len, 1, w);
}
