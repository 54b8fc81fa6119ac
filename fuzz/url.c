/*
 * url.c - fuzz target: URL resolution and the judging of links.  The
 * input is a base URL, a newline, and a reference; url_resolve() must give
 * a URL for any pair, and url_link_check() and url_scheme_in() must agree
 * on what it and the reference are: a reason exactly for an unsafe link
 * (and safe text), http or https exactly for a web link, no scheme at all
 * for a relative one.  Frees everything.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hearsay/url.h"
#include "fuzz.h"

/* Abort unless the verdicts on url agree with each other. */
static void
check_link(const char *url)
{
	char *why = NULL;
	enum url_link v = url_link_check(url, &why);

	if ((v == URL_LINK_UNSAFE) != (why != NULL))
		abort();
	fuzz_assert_safe_str(why, 0);
	free(why);
	if (url_link_check(url, NULL) != v)
		abort();
	if ((v == URL_LINK_WEB) != url_scheme_in(url, "http,https"))
		abort();
	if (v == URL_LINK_RELATIVE &&
	    url_scheme_in(url, "http,https,javascript,data,file,mailto"))
		abort();
}

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
	check_link(r);
	check_link(ref);
	free(r);
	free(ref);
	free(base);
	return 0;
}
