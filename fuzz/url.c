/*
 * url.c - fuzz target: URL resolution.  The input is a base URL, a
 * newline, and a reference; url_resolve() must give a URL for any pair,
 * and url_scheme_in() must answer for it.  Frees everything.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hearsay/url.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	char *base, *ref, *r;
	size_t blen = nl != NULL ? (size_t)(nl - data) : 0;

	base = nl != NULL ? fuzz_cstr(data, blen) : NULL;
	ref = nl != NULL ? fuzz_cstr(nl + 1, size - blen - 1) :
	    fuzz_cstr(data, size);
	r = url_resolve(base, ref);
	if (r == NULL)
		abort();
	if (r != NULL)
		(void)url_scheme_in(r, "http,https,mailto");
	(void)url_scheme_in(ref, "http,https,file");
	free(r);
	free(ref);
	free(base);
	return 0;
}
