/*
 * words.h - split a line of the urls or config file into words.
 *
 * White space separates words, double quotes group them (a backslash
 * escapes `"` and `\` inside), and a `#` that starts a word begins a
 * comment.  Shared by the urls file and the config file so both read
 * quotes the same way.
 */
#ifndef HEARSAY_WORDS_H
#define HEARSAY_WORDS_H

#include <stddef.h>

struct words {
	char	**word;		/* each owned by the struct */
	size_t	 n;
};

/* Split s[0..len) into w (emptied first).  0, or -1 on an unclosed quote,
 * with nothing left in w. */
int words_split(const char *s, size_t len, struct words *w);
/* The same, except that a quote left open runs to the end of the line,
 * as newsboat reads its urls file; never fails. */
int words_split_open(const char *s, size_t len, struct words *w);
/* Free the words and empty w. */
void words_free(struct words *w);

#endif
