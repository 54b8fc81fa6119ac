/*
 * cleanup.h - a story's plain text made ready for analysis: unsafe
 * characters made safe, and the noise lines feeds carry into prose (bare
 * IDs and hashes, "video", share and subscribe fragments, captions
 * printed twice) dropped.  HTML is made into text before it comes here,
 * once, by story_text.h.
 *
 * The first step of the quote engine (src/quotes/cleanup.c), public so
 * that the text pipeline may run it on text of its own.  The noise
 * phrases come from the language data (data/en/noise.txt).
 */
#ifndef HEARSAY_CLEANUP_H
#define HEARSAY_CLEANUP_H

#include <stddef.h>

struct quotes_lang;

/* The plain text in[0..len) sanitised (text_sanitize's
 * TEXT_KEEP_LAYOUT), then noise and repeated lines dropped and runs of
 * blank lines folded to one; every line kept is kept byte for byte.  Returns new valid UTF-8.  Caller
 * frees. */
char *cleanup_text(const struct quotes_lang *lang, const char *in,
    size_t len);

#endif
