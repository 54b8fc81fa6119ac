/*
 * urls.c - fuzz target: the urls file (newsboat's format) read with
 * feedlist_parse() and written back with feedlist_format().
 *
 * Checks that the warnings are safe to print and that an unchanged list is
 * written back byte for byte (feedlist.h's promise; inputs holding a NUL
 * byte excepted).  Frees everything.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hearsay/feedlist.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct feedlist *fl = feedlist_new();
	char *warnings = NULL, *out;
	size_t i;

	feedlist_parse(fl, (const char *)data, size, &warnings);
	fuzz_assert_safe_str(warnings, 1);
	for (i = 0; i < feedlist_count(fl); i++)
		if (!feedlist_url_ok(feedlist_get(fl, i)->url))
			abort();
	out = feedlist_format(fl);
	/* The formatted list is a C string: a NUL byte cannot come back. */
	if (memchr(data, '\0', size) == NULL &&
	    (strlen(out) != size || memcmp(out, data, size) != 0))
		abort();
	free(out);
	free(warnings);
	feedlist_free(fl);
	return 0;
}
