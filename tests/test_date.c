/*
 * test_date.c - feed dates in their real-world forms, and URL resolution.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "hearsay/date.h"
#include "hearsay/url.h"
#include "hearsay/util.h"

struct date_case {
	const char *in;
	const char *out;	/* NULL: must be rejected */
};

static const struct date_case date_cases[] = {
	/* RFC 822 and its variants. */
	{ "Tue, 10 Jun 2003 04:00:00 GMT", "2003-06-10T04:00:00Z" },
	{ "Tue, 10 Jun 2003 04:00:00 +0200", "2003-06-10T02:00:00Z" },
	{ "Tue, 10 Jun 2003 04:00:00 -0500", "2003-06-10T09:00:00Z" },
	{ "Tue, 10 Jun 2003 04:00:00 EST", "2003-06-10T09:00:00Z" },
	{ "Tue, 10 Jun 2003 04:00:00 PDT", "2003-06-10T11:00:00Z" },
	{ "10 Jun 2003 04:00 GMT", "2003-06-10T04:00:00Z" },
	{ "Tue, 1 Jun 2003 04:00:00 GMT", "2003-06-01T04:00:00Z" },
	{ "Tuesday, 10 June 2003 04:00:00 GMT", "2003-06-10T04:00:00Z" },
	{ "Thurs, 04 Sept 2003 11:12:13 GMT", "2003-09-04T11:12:13Z" },
	{ "Tue, 10 Jun 03 04:00:00 GMT", "2003-06-10T04:00:00Z" },
	{ "Sun Nov  6 08:49:37 1994", "1994-11-06T08:49:37Z" },
	{ "  Tue, 10 Jun 2003 04:00:00 GMT\n", "2003-06-10T04:00:00Z" },
	/* RFC 3339 / W3C-DTF. */
	{ "2003-12-13T18:30:02Z", "2003-12-13T18:30:02Z" },
	{ "2003-12-13T18:30:02.25Z", "2003-12-13T18:30:02Z" },
	{ "2003-12-13T18:30:02+01:00", "2003-12-13T17:30:02Z" },
	{ "2003-12-13T18:30:02-0530", "2003-12-14T00:00:02Z" },
	{ "2003-12-13T18:30Z", "2003-12-13T18:30:00Z" },
	{ "2003-12-13 18:30:02", "2003-12-13T18:30:02Z" },
	{ "2003-12-13", "2003-12-13T00:00:00Z" },
	{ "2003-12", "2003-12-01T00:00:00Z" },
	{ "2003", "2003-01-01T00:00:00Z" },
	{ "20031213T183002Z", "2003-12-13T18:30:02Z" },
	{ "2004-02-29T00:00:00Z", "2004-02-29T00:00:00Z" },
	/* Garbage is no date, never a made-up one. */
	{ "", NULL },
	{ "yesterday", NULL },
	{ "2003-02-29T00:00:00Z", NULL },
	{ "2003-13-01", NULL },
	{ "2003-12-13T25:00:00Z", NULL },
	{ "2003-12-13T18:30:02+99:00", NULL },
	{ "12345", NULL },
	{ "Version 2 released", NULL },
	{ "Tue, 99 Foo 2003 04:00:00 GMT", NULL },
};

static void
test_date_table(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < nitems(date_cases); i++) {
		const struct date_case *c = &date_cases[i];
		int64_t t = 0;
		char iso[32];
		int rc = date_parse(c->in, &t);

		if (c->out == NULL) {
			if (rc != -1)
				fail_msg("'%s' should be rejected", c->in);
			continue;
		}
		if (rc != 0)
			fail_msg("'%s' was rejected", c->in);
		date_format_iso(t, iso, sizeof iso);
		if (strcmp(iso, c->out) != 0)
			fail_msg("'%s' -> %s, expected %s", c->in, iso, c->out);
	}
}

struct url_case {
	const char *base;
	const char *ref;
	const char *out;
};

static const struct url_case url_cases[] = {
	{ "http://example.org/feeds/a.xml", "story/1.html",
	  "http://example.org/feeds/story/1.html" },
	{ "http://example.org/feeds/a.xml", "/top", "http://example.org/top" },
	{ "http://example.org/feeds/a.xml", "../up", "http://example.org/up" },
	{ "http://example.org/a/", "//cdn.example.net/x",
	  "http://cdn.example.net/x" },
	{ "http://example.org/a/b", "?q=1", "http://example.org/a/b?q=1" },
	{ "http://example.org/a/b", "#frag", "http://example.org/a/b#frag" },
	{ "http://example.org/a/", "https://other.example/x",
	  "https://other.example/x" },
	{ NULL, "relative/only", "relative/only" },
	{ "http://example.org/a/", "  spaced", "http://example.org/a/spaced" },
};

static void
test_url_resolve(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < nitems(url_cases); i++) {
		char *out = url_resolve(url_cases[i].base, url_cases[i].ref);

		assert_string_equal(out, url_cases[i].out);
		free(out);
	}
	assert_null(url_resolve("http://x/", NULL));
}

static void
test_url_scheme(void **state)
{
	(void)state;
	assert_true(url_scheme_in("https://x/", "http,https"));
	assert_true(url_scheme_in("HTTP://x/", "http,https"));
	assert_false(url_scheme_in("javascript:alert(1)", "http,https,mailto"));
	assert_false(url_scheme_in("httpx://x", "http,https"));
	assert_false(url_scheme_in("no-scheme", "http"));
	assert_true(url_scheme_in("mailto:a@b", "http,https,mailto"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_table),
		cmocka_unit_test(test_url_resolve),
		cmocka_unit_test(test_url_scheme),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
