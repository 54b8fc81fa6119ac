/*
 * text.h - UTF-8 handling and the one place where text from the network is
 * made safe to print.
 *
 * Every string that came from a feed, a server or a file passes through
 * text_sanitize() before it reaches a terminal, stdout or stderr.
 */
#ifndef HEARSAY_TEXT_H
#define HEARSAY_TEXT_H

#include <stddef.h>
#include <stdint.h>

#define TEXT_REPLACEMENT 0xFFFDu

/* Keep newline and tab (they carry layout); otherwise they become spaces. */
#define TEXT_KEEP_LAYOUT 0x1
/* Collapse runs of white space to one space and trim both ends. */
#define TEXT_COLLAPSE_WS 0x2

/* Decode one code point from s (at most len bytes).  Returns the number of
 * bytes used (at least 1 when len > 0); an invalid or truncated sequence
 * yields TEXT_REPLACEMENT and consumes one byte. */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Encode cp into out (4 bytes room); returns the byte count. */
size_t utf8_encode(uint32_t cp, char *out);
/* Non-zero when s[0..len) is valid UTF-8 (no overlongs, no surrogates). */
int utf8_valid(const char *s, size_t len);
/* Number of code points in s[0..len). */
size_t utf8_count(const char *s, size_t len);

/* Non-zero for code points never to be shown raw: C0 and C1 controls, DEL,
 * bidi embeddings, overrides and isolates, and non-characters. */
int text_is_unsafe(uint32_t cp);

/* A new copy of s[0..len) that is valid UTF-8 with every unsafe code point
 * removed (invalid bytes become U+FFFD); flags as above.  Caller frees. */
char *text_sanitize(const char *s, size_t len, int flags);
/* Same for a NUL-terminated string; NULL gives NULL.  Caller frees. */
char *text_clean(const char *s, int flags);

#endif
