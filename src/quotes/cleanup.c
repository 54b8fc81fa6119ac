/*
 * cleanup.c - a story's plain text made ready for the quote engine, the
 * engine's first step: unsafe characters made safe, then the noise feeds
 * carry into prose removed: lines of bare IDs, UUIDs and hashes, stray
 * words such as "video", share/subscribe fragments and duplicated
 * captions.  HTML is made into text before it comes here, once, by
 * story_text.h (the same text the pager shows and the index searches).
 *
 * Must never rewrite prose: a line is either kept byte for byte or dropped,
 * so offsets into the cleaned text still point at the story's words (and
 * story_text_align finds each kept line in the story's text).
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "hearsay/buf.h"
#include "hearsay/cleanup.h"
#include "hearsay/text.h"
#include "hearsay/util.h"
#include "quotes_int.h"

#define NOISE_WORDS_MAX	16	/* a longer line is prose */
#define CAPTION_MIN	24	/* repeated lines this long are captions */
#define CAPTION_MAX	300

static int
is_hex_id(const char *w, size_t n)
{
	size_t i, hex = 0, digit = 0, dash = 0;

	for (i = 0; i < n; i++) {
		if (isdigit((unsigned char)w[i]))
			digit++;
		else if (isxdigit((unsigned char)w[i]))
			hex++;
		else if (w[i] == '-')
			dash++;
		else
			return 0;
	}
	if (dash == 0 && hex == 0)
		return digit >= 6;		/* a bare numeric ID */
	return digit > 0 && hex + digit >= 12;	/* UUIDs, hashes */
}

/* Lower-cased line without trailing punctuation and spaces. */
static char *
line_norm(const char *s, size_t n)
{
	char *l = xstrndup(s, n);
	size_t i, len;

	for (i = 0; l[i] != '\0'; i++)
		l[i] = (char)tolower((unsigned char)l[i]);
	len = strlen(l);
	while (len > 0 && strchr(" \t.:!>|-", l[len - 1]) != NULL)
		l[--len] = '\0';
	return l;
}

/* Is line l (lower case, of so many words) a noise phrase? */
static int
noise_phrase(const struct quotes_lang *lang, const char *l, size_t words)
{
	size_t i, n;

	if (wordmap_get(lang->noise, l, strlen(l)) != NULL)
		return 1;
	if (words > 8)
		return 0;
	for (i = 0; i < lang->n_noise_prefix; i++) {
		n = lang->noise_prefix_len[i];
		if (strncmp(l, lang->noise_prefix[i], n) == 0 &&
		    !isalpha((unsigned char)l[n]))
			return 1;
	}
	return 0;
}

/* Non-zero when every word of the line is an ID or a noise word and at
 * least one is an ID, or when the whole line is a noise phrase. */
static int
noise_line(const struct quotes_lang *lang, const char *s, size_t n)
{
	char *l, *w, *save = NULL;
	size_t words = 0, ids = 0, other = 0, i;
	int noise;

	/* Why: noise is short; prose lines are left alone at once. */
	for (i = 0; i < n && words <= NOISE_WORDS_MAX; i++)
		words += s[i] == ' ';
	if (words > NOISE_WORDS_MAX)
		return 0;
	words = 0;
	l = line_norm(s, n);

	for (w = l; *w != '\0'; w++)
		words += (*w == ' ' && w[1] != ' ' && w[1] != '\0');
	words++;
	noise = noise_phrase(lang, l, words);
	/* Why: one word that is neither settles it; stop there. */
	for (w = strtok_r(l, " \t", &save); !noise && other == 0 && w != NULL;
	    w = strtok_r(NULL, " \t", &save)) {
		if (is_hex_id(w, strlen(w)))
			ids++;
		else if (!noise_phrase(lang, w, 1))
			other++;
	}
	free(l);
	return noise || (ids > 0 && other == 0);
}

static int
blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	}
	return 1;
}

/* Drop noise and repeated lines; fold runs of blank lines to one. */
static char *
cleanup_lines(const struct quotes_lang *lang, const char *s, size_t len)
{
	struct buf out = BUF_INIT;
	struct wordmap *seen = wordmap_new();
	size_t pos = 0, blanks = 0;

	while (pos < len) {
		const char *nl = memchr(s + pos, '\n', len - pos);
		size_t n = nl != NULL ? (size_t)(nl - (s + pos)) : len - pos;
		const char *line = s + pos;

		pos += n + 1;
		if (blank(line, n)) {
			blanks++;
			continue;
		}
		if (noise_line(lang, line, n))
			continue;
		if (n >= CAPTION_MIN && n <= CAPTION_MAX) {
			void **v = wordmap_slot(seen, line, n);

			if (*v != NULL)
				continue;	/* a caption printed twice */
			*v = seen;
		}
		if (out.len > 0)
			buf_addstr(&out, blanks > 0 ? "\n\n" : "\n");
		buf_add(&out, line, n);
		blanks = 0;
	}
	wordmap_free(seen);
	return buf_detach(&out);
}

/* Would text_sanitize(TEXT_KEEP_LAYOUT) return s unchanged?  A fast check
 * (most stories are clean) that skips the copy; it accepts only what the
 * sanitizer keeps as it is. */
static int
cleanup_is_clean(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;

		if (c >= 0x20 && c < 0x7f) {
			i++;
			continue;
		}
		if (c == '\n' || c == '\t') {
			i++;
			continue;
		}
		if (c < 0x80)
			return 0;
		i += utf8_decode(s + i, len - i, &cp);
		if (cp == TEXT_REPLACEMENT || text_is_unsafe(cp))
			return 0;
	}
	return 1;
}

char *
cleanup_text(const struct quotes_lang *lang, const char *in, size_t len)
{
	char *safe, *out;

	if (cleanup_is_clean(in, len))
		return cleanup_lines(lang, in, len);
	safe = text_sanitize(in, len, TEXT_KEEP_LAYOUT);
	out = cleanup_lines(lang, safe, strlen(safe));
	free(safe);
	return out;
}
