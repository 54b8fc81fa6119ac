/*
 * text.c - fuzz target: text_sanitize(), the one choke point for printing
 * network text, and the UTF-8 helpers under it.
 *
 * The first byte picks the flags, the rest is the text.  Checks the
 * promise of text.h: the output is valid UTF-8 with no unsafe code point
 * (newline and tab only with TEXT_KEEP_LAYOUT), with TEXT_COLLAPSE_WS no
 * leading, trailing or doubled space; sanitising twice changes nothing.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hearsay/text.h"
#include "fuzz.h"

/* Abort when a collapsed string has white space at an end or twice. */
static void
text_fuzz_collapsed(const char *s, size_t len)
{
	if (len > 0 && (s[0] == ' ' || s[len - 1] == ' '))
		abort();
	if (strstr(s, "  ") != NULL)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data + 1;
	size_t len, n, i;
	uint32_t cp;
	char *out, *again;
	int flags;

	if (size == 0)
		return 0;
	flags = data[0] & (TEXT_KEEP_LAYOUT | TEXT_COLLAPSE_WS);
	size--;
	out = text_sanitize(s, size, flags);
	len = strlen(out);
	fuzz_assert_safe(out, len, flags & TEXT_KEEP_LAYOUT);
	if (flags & TEXT_COLLAPSE_WS)
		text_fuzz_collapsed(out, len);
	again = text_clean(out, flags);
	if (strcmp(again, out) != 0)
		abort();
	free(again);
	free(out);
	for (i = 0; i < size; i += n)
		if ((n = utf8_decode(s + i, size - i, &cp)) == 0)
			abort();
	if (utf8_valid(s, size) && utf8_count(s, size) > size)
		abort();
	return 0;
}
