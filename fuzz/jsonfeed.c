/*
 * jsonfeed.c - fuzz target: the feed parser on JSON Feed 1.0/1.1 (inputs
 * that jsonfeed_sniff() does not take for JSON are skipped: the XML target has
 * those), then the `parse --json` output.
 *
 * Checks that no link but http, https or relative and no date outside
 * 1970-9999 gets through, and that the JSON out is valid and every string
 * in it safe; frees everything.
 */
#include "config.h"

#include <stdlib.h>

#include "hearsay/feed.h"
#include "feed_int.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct feed_parse_opts opts = { "https://example.org/feed.json", NULL,
	    "application/feed+json" };
	struct feed_doc *doc;
	char *err = NULL, *json;

	if (!jsonfeed_sniff((const char *)data, size))
		return 0;
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
