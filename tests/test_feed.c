/*
 * test_feed.c - the feed parser on small documents written here: formats,
 * namespaces, encodings, entities, limits and the JSON output.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "hearsay/feed.h"
#include "hearsay/util.h"

static struct feed_doc *
parse_str(const char *s)
{
	char *err = NULL;
	struct feed_doc *doc = feed_parse(s, strlen(s), NULL, &err);

	assert_non_null(doc);
	assert_null(err);
	return doc;
}

static void
test_rss_title(void **state)
{
	struct feed_doc *doc = parse_str("<rss><channel><title>A &amp; B</title>"
	    "</channel></rss>");

	(void)state;
	assert_string_equal(doc->title, "A & B");
	assert_int_equal(doc->bozo, 0);
	feed_doc_free(doc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rss_title),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
