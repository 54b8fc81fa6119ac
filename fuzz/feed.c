/*
 * feed.c - fuzz target: the feed parser on XML (RSS 0.9x/1.0/2.0, RDF,
 * Atom 0.3/1.0, and anything else), then the `parse --json` output.
 *
 * The input's length picks a base URL and an HTTP charset from small
 * tables, so the encoding step and link resolution vary too.  Checks that
 * no link but http, https or relative and no date outside 1970-9999 gets
 * through, and that the JSON is valid and every string in it safe; frees
 * everything.
 */
#include "config.h"

#include <stdlib.h>

#include "hearsay/feed.h"
#include "hearsay/util.h"
#include "fuzz.h"

static const char *const feed_bases[] = {
	NULL, "http://example.org/feed/", "https://x.test/a/b?c#d", "file:///tmp/f",
};
static const char *const feed_charsets[] = {
	NULL, "utf-8", "iso-8859-1", "windows-1252", "utf-16", "koi8-r",
	"shift_jis", "bogus-charset",
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct feed_parse_opts opts;
	struct feed_doc *doc;
	char *err = NULL, *json;

	opts.base_url = feed_bases[size % nitems(feed_bases)];
	opts.http_charset = feed_charsets[(size / 4) % nitems(feed_charsets)];
	opts.content_type = NULL;
	doc = feed_parse((const char *)data, size, &opts, &err);
	if (doc != NULL) {
		fuzz_assert_doc(doc);
		json = feed_doc_to_json(doc);
		fuzz_assert_json(json);
		free(json);
		feed_doc_free(doc);
	}
	free(err);
	return 0;
}
