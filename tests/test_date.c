/*
 * test_date.c - feed dates in their real-world forms, and URLs: resolution
 * and the judging of links.
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
	/* The range every date is shown in: 1970 to 9999, in UTC. */
	{ "1970-01-01T00:00:00Z", "1970-01-01T00:00:00Z" },
	{ "9999-12-31T23:59:59Z", "9999-12-31T23:59:59Z" },
	{ "1969-12-31T23:59:59Z", NULL },
	{ "1970-01-01T00:30:00+01:00", NULL },
	{ "9999-12-31T23:59:59-00:01", NULL },
	{ "0001-01-01T00:00:00Z", NULL },
	{ "1900-01-01", NULL },
	{ "Thu, 01 Jan 1970 00:00:00 GMT", "1970-01-01T00:00:00Z" },
	{ "Thu, 01 Jan 1970 00:00:00 +0100", NULL },
	{ "Tue, 10 Jun 1969 10:00:00 GMT", NULL },
	{ "Fri, 31 Dec 9999 23:00:00 -0500", NULL },
	{ "Tue, 10 Jun 10000 10:00:00 GMT", NULL },
	/* Go's zero time, which curl_getdate() alone reads as 2001. */
	{ "Mon, 01 Jan 0001 00:00:00 +0000", NULL },
	/* Days and times that do not exist, in both forms. */
	{ "2003-04-31", NULL },
	{ "2003-02-30T10:00:00Z", NULL },
	{ "2100-02-29T10:00:00Z", NULL },
	{ "2000-02-29T10:00:00Z", "2000-02-29T10:00:00Z" },
	{ "2003-12-13T24:00:01Z", NULL },
	{ "2003-12-13T23:60:00Z", NULL },
	{ "2003-12-13T24:00:00Z", "2003-12-14T00:00:00Z" },	/* ISO 8601 */
	{ "Sun, 30 Feb 2003 10:00:00 GMT", NULL },
	{ "Thu, 31 Apr 2003 10:00:00 GMT", NULL },
	{ "Thu, 29 Feb 2001 00:00:00 +0100", NULL },
	{ "Sun Feb 30 08:49:37 2003", NULL },
	{ "Tue, 10 Jun 2003 25:00:00 GMT", NULL },
	{ "Tue, 10 Jun 2003 23:61:00 GMT", NULL },
	{ "Tue, 32 Jun 2003 10:00:00 GMT", NULL },
	/* A zone may carry the day across a month's or a year's end. */
	{ "Sun, 29 Feb 2004 23:30:00 -0100", "2004-03-01T00:30:00Z" },
	{ "Sat, 01 Jan 2000 00:00:00 +1400", "1999-12-31T10:00:00Z" },
	{ "Tuesday, 10-Jun-03 04:00:00 GMT", "2003-06-10T04:00:00Z" },
	{ "Jun 10 2003", "2003-06-10T00:00:00Z" },
	/* What real feeds write instead of RFC 822. */
	{ "2020/1/10 14:33:00", "2020-01-10T14:33:00Z" },
	{ "2020/01/10", "2020-01-10T00:00:00Z" },
	{ "31.12.2019 10:00", "2019-12-31T10:00:00Z" },
	{ "13/2/2020 10:00", "2020-02-13T10:00:00Z" },
	{ "2/13/2020 10:00", "2020-02-13T10:00:00Z" },
	{ "Sat, Dec 16 2023 02:02:33 PM", "2023-12-16T14:02:33Z" },
	{ "Sat, 16 Dec 2023 12:05:00 AM EST", "2023-12-16T05:05:00Z" },
	{ "Sat, 16 Dec 2023 12:05 pm", "2023-12-16T12:05:00Z" },
	{ "Monday, January 6, 2020 - 10:00", "2020-01-06T10:00:00Z" },
	{ "January 1st, 2020 8:00 pm EST", "2020-01-02T01:00:00Z" },
	{ "2019 May 17", "2019-05-17T00:00:00Z" },
	{ "Tue, 10 Jun 2003 09:41:01.123 GMT", "2003-06-10T09:41:01Z" },
	{ "Mon, 06 Jan 2020 10:00:00 -0500 (EST)", "2020-01-06T15:00:00Z" },
	{ "Fri, 17 May 2019 06:00:00 -05", "2019-05-17T11:00:00Z" },
	{ "2003-12-13 18:30:02 EST", "2003-12-13T23:30:02Z" },
	/* Zone names, and offsets from a named GMT. */
	{ "Fri, 17 May 2019 06:00:00 PST", "2019-05-17T14:00:00Z" },
	{ "Fri, 17 May 2019 06:00:00 CEST", "2019-05-17T04:00:00Z" },
	{ "Fri, 17 May 2019 06:00:00 MESZ", "2019-05-17T04:00:00Z" },
	{ "Fri, 17 May 2019 06:00:00 EEST", "2019-05-17T03:00:00Z" },
	{ "Fri, 17 May 2019 06:00:00 AEST", "2019-05-16T20:00:00Z" },
	{ "Fri, 17 May 2019 06:00:00 JST", "2019-05-16T21:00:00Z" },
	{ "Fri, 17 May 2019 06:00:00 BST", "2019-05-17T05:00:00Z" },
	{ "Thu, 01 Jan 2004 19:48:21 GMT+01:00", "2004-01-01T18:48:21Z" },
	{ "Tue, 10 Jun 2003 04:00:00 UTC -5", "2003-06-10T09:00:00Z" },
	/* A guess would be a wrong instant: no date. */
	{ "Fri, 17 May 2019 06:00:00 IST", NULL },
	{ "Wed, 02 Oct 2002 13:00:00 A", NULL },
	{ "Fri, 17 May 2019 06:00:00 XYZ", NULL },
	{ "3/4/2020 10:00", NULL },
	{ "8:56 am PST", NULL },
	{ "Tue, 10 Jun 2003 04:00:00 +0100 EST", NULL },
	{ "Tue, 10 Jun 2003 13:00 PM", NULL },
	{ "Mittwoch, 01. Januar 2020 12:00", NULL },
	{ "May 2019", NULL },
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

/* Nothing outside the range is ever written, in any other format. */
static void
test_date_format_range(void **state)
{
	static const int64_t out[] = { -1, DATE_MAX + 1, INT64_MIN, INT64_MAX,
	    -62135596800 /* 0001-01-01 */ };
	char iso[32];
	size_t i;

	(void)state;
	date_format_iso(DATE_MIN, iso, sizeof iso);
	assert_string_equal(iso, "1970-01-01T00:00:00Z");
	date_format_iso(DATE_MAX, iso, sizeof iso);
	assert_string_equal(iso, "9999-12-31T23:59:59Z");
	for (i = 0; i < nitems(out); i++) {
		memcpy(iso, "junk", 5);
		date_format_iso(out[i], iso, sizeof iso);
		assert_string_equal(iso, "");
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
	/* IRIs and links with spaces, which libxml2's parser refuses, are
	 * resolved all the same and given back as written. */
	{ "http://example.org/caf\xc3\xa9/", "menu.html",
	  "http://example.org/caf\xc3\xa9/menu.html" },
	{ "http://example.org/a/", "../caf\xc3\xa9 noir.html",
	  "http://example.org/caf\xc3\xa9 noir.html" },
	{ "http://example.org/a b/", "c", "http://example.org/a b/c" },
	{ "http://example.org/a/", "x|y", "http://example.org/a/x|y" },
	{ "http://example.org/a/", "https://other.example/\xc3\xa9",
	  "https://other.example/\xc3\xa9" },
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
	/* Read as a browser reads it, as url_link_check() does. */
	assert_true(url_scheme_in(" JaVa\tScRiPt:x", "vbscript,javascript"));
	assert_true(url_scheme_in("\x01" "data:,x", "javascript,data"));
	assert_false(url_scheme_in("java\x01script:x", "javascript"));
	assert_false(url_scheme_in("a/javascript:x", "javascript"));
	assert_false(url_scheme_in(NULL, "http"));
}

struct link_case {
	const char *url;
	enum url_link want;
	const char *why;	/* in the reason of an unsafe one */
};

static const struct link_case link_cases[] = {
	{ "http://example.org/", URL_LINK_WEB, NULL },
	{ "HTTPS://example.org/a", URL_LINK_WEB, NULL },
	{ " \t\n\x01https://example.org/ \x1f", URL_LINK_WEB, NULL },
	{ "ht\ttp://example.org/", URL_LINK_WEB, NULL },
	{ "http:", URL_LINK_WEB, NULL },
	/* What follows the scheme never changes the verdict. */
	{ "http://x/a b?c[]=1&d=%zz#e#f", URL_LINK_WEB, NULL },
	{ "http://[::1", URL_LINK_WEB, NULL },
	{ "https://x/caf\xc3\xa9", URL_LINK_WEB, NULL },
	/* Relative references name no scheme. */
	{ "story/1.html", URL_LINK_RELATIVE, NULL },
	{ "/a:b", URL_LINK_RELATIVE, NULL },
	{ "?q=javascript:x", URL_LINK_RELATIVE, NULL },
	{ "#javascript:x", URL_LINK_RELATIVE, NULL },
	{ "//cdn.example/x.png", URL_LINK_RELATIVE, NULL },
	{ "", URL_LINK_RELATIVE, NULL },
	{ " \t ", URL_LINK_RELATIVE, NULL },
	{ NULL, URL_LINK_RELATIVE, NULL },
	/* Every other scheme, in any case, however spaced out. */
	{ "javascript:alert(1)", URL_LINK_UNSAFE, "scheme javascript: is not" },
	{ " JaVaScRiPt:alert(1)", URL_LINK_UNSAFE, "scheme JaVaScRiPt:" },
	{ "java\tscript:alert(1)", URL_LINK_UNSAFE, "scheme javascript:" },
	{ "java\nscr\ript:alert(1)", URL_LINK_UNSAFE, "scheme javascript:" },
	{ "\x01\x1f javascript:alert(1)", URL_LINK_UNSAFE, "javascript:" },
	{ "javascript:alert('a b')\x7f", URL_LINK_UNSAFE, "javascript:" },
	{ "vbscript:msgbox(1)", URL_LINK_UNSAFE, "scheme vbscript:" },
	{ "data:text/html;base64,PHNjcmlwdD4=", URL_LINK_UNSAFE, "scheme data:" },
	{ "file:///etc/passwd", URL_LINK_UNSAFE, "scheme file:" },
	{ "mailto:desk@example.org", URL_LINK_UNSAFE, "scheme mailto:" },
	{ "feed:http://example.org/", URL_LINK_UNSAFE, "scheme feed:" },
	{ "C:\\Windows\\x.exe", URL_LINK_UNSAFE, "scheme C:" },
	/* Before the first ':' stands something that is no scheme: unsafe,
	 * whatever a browser would make of it. */
	{ "java\x01script:alert(1)", URL_LINK_UNSAFE, "no scheme" },
	{ "java script:alert(1)", URL_LINK_UNSAFE, "no scheme" },
	{ "java\x7fscript:alert(1)", URL_LINK_UNSAFE, "no scheme" },
	{ "\xe2\x80\x8bjavascript:alert(1)", URL_LINK_UNSAFE, "no scheme" },
	{ "%6Aavascript:alert(1)", URL_LINK_UNSAFE, "no scheme" },
	{ "12:30 news", URL_LINK_UNSAFE, "no scheme" },
	{ ":alert(1)", URL_LINK_UNSAFE, "no scheme" },
};

static void
test_url_link_check(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < nitems(link_cases); i++) {
		const struct link_case *c = &link_cases[i];
		char *why = NULL;
		enum url_link got = url_link_check(c->url, &why);

		if (got != c->want)
			fail_msg("case %zu: verdict %d, want %d", i, got, c->want);
		if (c->why == NULL && why != NULL)
			fail_msg("case %zu: a reason for a good link: %s", i, why);
		if (c->why != NULL && (why == NULL || strstr(why, c->why) == NULL))
			fail_msg("case %zu: reason '%s', want '%s' in it", i,
			    why != NULL ? why : "(none)", c->why);
		free(why);
		assert_int_equal(url_link_check(c->url, NULL), c->want);
	}
}

/* A scheme is quoted in the reason, but never at any length. */
static void
test_url_link_long_scheme(void **state)
{
	char url[4096], *why = NULL;

	(void)state;
	memset(url, 'a', sizeof url - 3);
	memcpy(url + sizeof url - 3, ":x", 3);
	assert_int_equal(url_link_check(url, &why), URL_LINK_UNSAFE);
	assert_non_null(strstr(why, "aaa...: is not http or https"));
	assert_true(strlen(why) < 100);
	free(why);
}

/* Resolution first, then the verdict: a base can make a relative link
 * unsafe, and no base makes an unsafe one safe. */
static void
test_url_resolved_link(void **state)
{
	static const struct {
		const char *base, *ref;
		enum url_link want;
	} cases[] = {
		{ "http://example.org/a/", "b", URL_LINK_WEB },
		{ "javascript:alert(1)//", "b", URL_LINK_UNSAFE },
		{ "file:///home/me/feed.xml", "story.html", URL_LINK_UNSAFE },
		{ "http://example.org/", "javascript:alert(1)", URL_LINK_UNSAFE },
		{ "http://example.org/", " JaVaScRiPt:alert(1)", URL_LINK_UNSAFE },
		{ "http://example.org/", "java\tscript:alert(1)", URL_LINK_UNSAFE },
		{ NULL, "story.html", URL_LINK_RELATIVE },
	};
	size_t i;

	(void)state;
	for (i = 0; i < nitems(cases); i++) {
		char *abs = url_resolve(cases[i].base, cases[i].ref);

		if (url_link_check(abs, NULL) != cases[i].want)
			fail_msg("case %zu: '%s' judged %d", i, abs,
			    url_link_check(abs, NULL));
		free(abs);
	}
}

/* A host label or a path segment, whole, in any case; never a part of
 * one, the query or the fragment. */
static void
test_url_has_part(void **state)
{
	static const char *const names[] = { "avatar", "avatars", NULL };

	(void)state;
	assert_true(url_has_part("https://secure.gravatar.com/avatar/0f3e?s=96",
	    names));
	assert_true(url_has_part("https://AVATARS.example.com/u/1", names));
	assert_true(url_has_part("/media/Avatars/x.png", names));
	assert_false(url_has_part("https://e.x/avatarless.png", names));
	assert_false(url_has_part("https://e.x/img/x.png?kind=avatar", names));
	assert_false(url_has_part("https://e.x/img/x.png#avatar", names));
	assert_false(url_has_part("https://myavatar.e.x/x.png", names));
	assert_false(url_has_part(NULL, names));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_table),
		cmocka_unit_test(test_date_format_range),
		cmocka_unit_test(test_url_resolve),
		cmocka_unit_test(test_url_scheme),
		cmocka_unit_test(test_url_link_check),
		cmocka_unit_test(test_url_link_long_scheme),
		cmocka_unit_test(test_url_resolved_link),
		cmocka_unit_test(test_url_has_part),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
