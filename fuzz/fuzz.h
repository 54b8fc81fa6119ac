/*
 * fuzz.h - what every fuzz target shares: the libFuzzer entry point and a
 * few checks of the properties hearsay promises about its output.
 *
 * A target (fuzz/<name>.c) defines LLVMFuzzerTestOneInput, runs one module
 * over the input and frees everything it made: under ASan a leak is a
 * failure like a crash.  Targets never print, never touch the network,
 * SQLite or the terminal, and never write files.
 */
#ifndef HEARSAY_FUZZ_H
#define HEARSAY_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* The libFuzzer entry point: run one input; always returns 0. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A NUL-terminated copy of data[0..size).  Caller frees. */
char *fuzz_cstr(const uint8_t *data, size_t size);

/* Abort unless s[0..len) is valid UTF-8 free of every code point
 * text_is_unsafe() names (newline and tab allowed only with layout set):
 * the promise text_sanitize() makes for all text that may be printed. */
void fuzz_assert_safe(const char *s, size_t len, int layout);

/* The same for a NUL-terminated string; NULL passes. */
void fuzz_assert_safe_str(const char *s, int layout);

/* Abort unless s is valid UTF-8 JSON that jansson reads back, every
 * string in it safe text (newline and tab allowed). */
void fuzz_assert_json(const char *s);

struct feed_doc;

/* Abort unless every link of doc (feed link and image, item links,
 * enclosure URLs) is one url_link_check() lets through and every date is
 * missing or within DATE_MIN..DATE_MAX: what the parser promises. */
void fuzz_assert_doc(const struct feed_doc *doc);

#endif
