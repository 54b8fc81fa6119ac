/*
 * test_feedlist.c - the urls file: every form newsboat writes, the lines
 * hearsay keeps but does not use, and byte-exact rewrites.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "hearsay/feedlist.h"
#include "hearsay/util.h"
#include "testlib.h"

struct feed_case {
	int line;
	const char *url;
	const char *title;
	const char *tags;	/* joined with '|' */
};

/* What tests/subs/urls-mixed holds, feed by feed. */
static const struct feed_case mixed_feeds[] = {
	/* Line 15 names it again: its tag is merged in. */
	{ 4, "https://news.example.org/world.rss", "World desk",
	    "world|news|again" },
	{ 5, "http://blog.example.net/atom.xml", NULL, "long reads|tech" },
	{ 6, "https://example.com/hidden.xml", "Hidden one", "!|tabs" },
	{ 8, "file:///var/lib/feeds/local.xml", NULL, "local" },
	{ 9, "file:///srv/feeds/my%20feed.xml", NULL, "local" },
	{ 16, "https://quoted.example.org/x.rss", "Say \"hi\" \\ bye", "" },
	/* A quote left open runs to the end of the line. */
	{ 17, "https://broken.example.org/y.rss", NULL, "unterminated" },
	{ 18, "HTTPS://UPPER.example.org/feed", NULL, "caps" },
};

static const char mixed_warnings[] =
    "line 10: query: feeds are not supported: "
	"query:Unread news:unread = \"yes\"\n"
    "line 11: exec: feeds are not supported: exec:~/bin/make-feed\n"
    "line 12: filter: feeds are not supported: "
	"filter:~/bin/clean.sh:https://filtered.example.com/rss\n"
    "line 13: not a feed URL (only http, https and file URLs are): "
	"ftp://old.example.com/feed.rss\n"
    "line 14: not a feed URL (only http, https and file URLs are): "
	"gopher-ish\n";


static char *
fixture(const char *name)
{
	char *rel = xprintf("subs/%s", name), *path = testlib_fixture(rel);

	free(rel);
	return path;
}

static char *
tmpfile_path(const char *name)
{
	return xprintf("%s/%s", testlib_dir, name);
}

static char *
slurp(const char *path, size_t *len)
{
	char *s = testlib_slurp(path, len);

	assert_non_null(s);
	return s;
}

static char *
joined_tags(const struct feedlist_entry *e)
{
	char *s = xstrdup(""), *t;
	size_t i;

	for (i = 0; i < e->n_tags; i++) {
		t = xprintf("%s%s%s", s, i > 0 ? "|" : "", e->tags[i]);
		free(s);
		s = t;
	}
	return s;
}

/* Every line "line N: x" of msgs as feedlist_load says it: "path:N: x". */
static char *
prefixed(const char *path, const char *msgs)
{
	char *s = xstrdup(""), *t;
	const char *p, *nl;

	for (p = msgs; *p != '\0'; p = nl + 1) {
		nl = strchr(p, '\n');
		assert_memory_equal(p, "line ", 5);
		p += 5;
		t = xprintf("%s%s:%.*s\n", s, path, (int)(nl - p), p);
		free(s);
		s = t;
	}
	return s;
}

static void
assert_feeds(const struct feedlist *fl, const struct feed_case *cases,
    size_t n, int check_lines)
{
	size_t i;

	assert_int_equal(feedlist_count(fl), n);
	for (i = 0; i < n; i++) {
		const struct feedlist_entry *e = feedlist_get(fl, i);
		char *tags = joined_tags(e);

		if (check_lines)
			assert_int_equal(e->line, cases[i].line);
		assert_string_equal(e->url, cases[i].url);
		if (cases[i].title == NULL)
			assert_null(e->title);
		else
			assert_string_equal(e->title, cases[i].title);
		assert_string_equal(tags, cases[i].tags);
		free(tags);
	}
	assert_null(feedlist_get(fl, n));
}

static void
test_forms(void **state)
{
	char *path = fixture("urls-mixed"), *warn = NULL, *err = NULL;
	struct feedlist *fl = feedlist_new();
	char *expect;

	(void)state;
	assert_int_equal(feedlist_load(fl, path, &warn, &err), 0);
	assert_feeds(fl, mixed_feeds, nitems(mixed_feeds), 1);
	/* feedlist_load puts the path before each parse warning. */
	expect = prefixed(path, mixed_warnings);
	assert_string_equal(warn, expect);
	free(expect);
	free(warn);
	feedlist_free(fl);

	fl = feedlist_new();
	warn = NULL;
	expect = slurp(path, &(size_t){ 0 });
	feedlist_parse(fl, expect, strlen(expect), &warn);
	assert_string_equal(warn, mixed_warnings);
	assert_true(feedlist_find(fl, "https://example.com/hidden.xml")->hidden);
	assert_false(feedlist_find(fl, "http://blog.example.net/atom.xml")->hidden);
	assert_non_null(feedlist_find(fl, "https://broken.example.org/y.rss"));
	free(warn);
	free(expect);
	feedlist_free(fl);
	free(path);
}

/* Load and save a file unchanged: the bytes must come back exactly. */
static void
roundtrip_one(const char *name)
{
	char *in = fixture(name), *out = tmpfile_path(name), *err = NULL;
	struct feedlist *fl = feedlist_new();
	char *a, *b;
	size_t alen, blen;

	assert_int_equal(feedlist_load(fl, in, NULL, &err), 0);
	assert_int_equal(feedlist_save(fl, out, &err), 0);
	a = slurp(in, &alen);
	b = slurp(out, &blen);
	assert_int_equal(alen, blen);
	assert_memory_equal(a, b, alen);
	free(a);
	free(b);
	feedlist_free(fl);
	free(in);
	free(out);
}

static void
test_roundtrip_identical(void **state)
{
	(void)state;
	roundtrip_one("urls-mixed");
	roundtrip_one("urls-crlf-nonl");
}

static void
test_crlf_nonl(void **state)
{
	static const struct feed_case want[] = {
		{ 1, "https://a.example/1", NULL, "" },
		{ 3, "https://b.example/2", "B", "" },
		{ 4, "https://c.example/3", NULL, "" },
		{ 0, "https://d.example/4", "D \"four\"", "x y|z" },
	};
	static const char *const tags[] = { "x   y", "", "z", "~ignored" };
	char *in = fixture("urls-crlf-nonl"), *out = tmpfile_path("crlf");
	struct feedlist *fl = feedlist_new();
	char *err = NULL, *warn = NULL, *text;
	size_t len;

	(void)state;
	assert_int_equal(feedlist_load(fl, in, &warn, &err), 0);
	assert_null(warn);
	assert_feeds(fl, want, 3, 1);
	/* Appending after a last line without newline must start a line. */
	assert_int_equal(feedlist_add(fl, "https://d.example/4", "D \"four\"",
	    tags, nitems(tags)), 0);
	assert_feeds(fl, want, nitems(want), 0);
	assert_int_equal(feedlist_get(fl, 3)->line, 0);
	assert_int_equal(feedlist_save(fl, out, &err), 0);
	text = slurp(out, &len);
	assert_string_equal(text,
	    "https://a.example/1\r\n# crlf comment\r\nhttps://b.example/2 "
	    "\"~B\"\r\nhttps://c.example/3\n"
	    "https://d.example/4 \"x y\" z \"~D \\\"four\\\"\"\n");
	feedlist_free(fl);
	fl = feedlist_new();
	assert_int_equal(feedlist_load(fl, out, &warn, &err), 0);
	assert_null(warn);
	assert_feeds(fl, want, nitems(want), 0);
	assert_int_equal(feedlist_get(fl, 3)->line, 5);
	free(text);
	feedlist_free(fl);
	free(in);
	free(out);
}

static void
test_add_remove(void **state)
{
	static const char *const tags[] = { "a", "has space", "#hash", "q\"t" };
	struct feedlist *fl = feedlist_new();
	char *path = tmpfile_path("added"), *err = NULL, *text;
	const struct feedlist_entry *e;
	size_t len;

	(void)state;
	feedlist_parse(fl, "# mine\nhttps://x.example/1 keep\n", 31, NULL);
	assert_int_equal(feedlist_add(fl, "https://x.example/1", NULL, NULL, 0),
	    -1);
	assert_int_equal(feedlist_add(fl, "ftp://x.example/", NULL, NULL, 0), -1);
	assert_int_equal(feedlist_add(fl, "https://", NULL, NULL, 0), -1);
	assert_int_equal(feedlist_add(fl, "https://x.example/a b", NULL, NULL,
	    0), -1);
	assert_int_equal(feedlist_add(fl, "https://x.example/\xff", NULL, NULL,
	    0), -1);
	assert_int_equal(feedlist_add(fl, "https://x.example/\xe2\x80\xae",
	    NULL, NULL, 0), -1);
	assert_int_equal(feedlist_add(fl, "https://x.example/caf\xc3\xa9",
	    NULL, NULL, 0), 0);
	assert_int_equal(feedlist_remove(fl, "https://x.example/caf\xc3\xa9"),
	    0);
	assert_int_equal(feedlist_add(fl, "https://x.example/2", "Two\nlines",
	    tags, nitems(tags)), 0);
	assert_int_equal(feedlist_add(fl, "file:///tmp/f.xml", NULL, NULL, 0), 0);
	assert_int_equal(feedlist_count(fl), 3);
	assert_int_equal(feedlist_remove(fl, "https://x.example/1"), 0);
	assert_int_equal(feedlist_remove(fl, "https://x.example/1"), -1);
	assert_int_equal(feedlist_count(fl), 2);
	assert_int_equal(feedlist_save(fl, path, &err), 0);
	text = slurp(path, &len);
	assert_string_equal(text, "# mine\n"
	    "https://x.example/2 a \"has space\" \"#hash\" \"q\\\"t\" "
	    "\"~Two lines\"\nfile:///tmp/f.xml\n");
	feedlist_free(fl);
	fl = feedlist_new();
	feedlist_parse(fl, text, len, NULL);
	e = feedlist_get(fl, 0);
	assert_int_equal(e->n_tags, 4);
	assert_string_equal(e->tags[2], "#hash");
	assert_string_equal(e->tags[3], "q\"t");
	assert_string_equal(e->title, "Two lines");
	free(text);
	feedlist_free(fl);
	free(path);
}

/* exec: and filter: lines name commands; loading and saving must not run
 * them, and must keep them. */
static void
test_exec_not_run(void **state)
{
	char *marker = tmpfile_path("ran"), *path = tmpfile_path("exec-urls");
	char *text, *err = NULL, *warn = NULL, *back;
	struct feedlist *fl = feedlist_new();
	struct stat st;
	size_t len;
	FILE *fp;

	(void)state;
	text = xprintf("exec:touch %s\n\"filter:touch %s:https://f.example/\"\n"
	    "\"query:all:unread = \\\"yes\\\"\"\n", marker, marker);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	assert_int_equal(feedlist_load(fl, path, &warn, &err), 0);
	assert_int_equal(feedlist_count(fl), 0);
	assert_non_null(strstr(warn, ":1: exec: feeds are not supported"));
	assert_non_null(strstr(warn, ":2: filter: feeds are not supported"));
	assert_non_null(strstr(warn, ":3: query: feeds are not supported"));
	assert_int_equal(feedlist_save(fl, path, &err), 0);
	assert_int_equal(stat(marker, &st), -1);
	back = slurp(path, &len);
	assert_string_equal(back, text);
	free(back);
	free(warn);
	free(text);
	feedlist_free(fl);
	free(marker);
	free(path);
}

/* Bytes from the file reach a warning only sanitised. */
static void
test_warning_sanitised(void **state)
{
	static const char text[] = "https://e.example/\xff\x1b[2J x\n"
	    "feed\x1b]0;title\x07 y\n";
	struct feedlist *fl = feedlist_new();
	char *warn = NULL;

	(void)state;
	feedlist_parse(fl, text, strlen(text), &warn);
	assert_int_equal(feedlist_count(fl), 0);
	assert_string_equal(warn,
	    "line 1: not a feed URL (only http, https and file URLs are): "
	    "https://e.example/\xef\xbf\xbd[2J\n"
	    "line 2: not a feed URL (only http, https and file URLs are): "
	    "feed]0;title\n");
	free(warn);
	feedlist_free(fl);
}

/* newsboat's own reading of its urls file (tests/subs/urls-newsboat):
 * open quotes, duplicates, hidden feeds and separator lines. */
static void
test_newsboat_rules(void **state)
{
	static const struct feed_case want[] = {
		{ 2, "https://wire.example.org/world.xml", "Wire: World",
		    "world" },
		{ 3, "https://wire.example.org/sport.xml", NULL,
		    "sport|Sport desk" },
		/* Line 6 names it again: tags merged once, its title taken. */
		{ 5, "https://dev.example.net/feed", "Dev notes", "tech|linux" },
		{ 8, "https://quiet.example.com/rss", NULL, "!|archive" },
		{ 9, "https://secret.example.com/rss", NULL, "!kept for queries" },
	};
	static const struct {
		const char *text;
		size_t before;
	} seps[] = {
		{ "=== WORLD ===", 0 },
		{ "-----Tech-----", 2 },
		{ "", 3 },
		{ "--- podcasts & talk ---", 5 },
		{ "~Not a title, a divider", 5 },
	};
	char *path = fixture("urls-newsboat"), *warn = NULL, *err = NULL;
	char *expect, *out = tmpfile_path("newsboat-rm"), *a, *b;
	struct feedlist *fl = feedlist_new();
	const char *text;
	size_t i, before, alen, blen;

	(void)state;
	assert_int_equal(feedlist_load(fl, path, &warn, &err), 0);
	assert_feeds(fl, want, nitems(want), 1);
	for (i = 0; i < nitems(want); i++)
		assert_int_equal(feedlist_get(fl, i)->hidden, i >= 3);
	assert_int_equal(feedlist_separator_count(fl), nitems(seps));
	for (i = 0; i < nitems(seps); i++) {
		text = feedlist_separator(fl, i, &before);
		assert_string_equal(text, seps[i].text);
		assert_int_equal(before, seps[i].before);
	}
	assert_null(feedlist_separator(fl, nitems(seps), &before));
	/* Only the line that looks like a URL gone wrong is a problem. */
	expect = xprintf("%s:12: not a feed URL (only http, https and file "
	    "URLs are): example.com/rss.xml\n", path);
	assert_string_equal(warn, expect);
	free(expect);
	/* Removing a feed takes its duplicate line too, and the separators
	 * after it move up; every other line stays as it was. */
	assert_int_equal(feedlist_remove(fl, "https://dev.example.net/feed"), 0);
	assert_null(feedlist_find(fl, "https://dev.example.net/feed"));
	feedlist_separator(fl, 2, &before);
	assert_int_equal(before, 2);
	feedlist_separator(fl, 3, &before);
	assert_int_equal(before, 4);
	assert_int_equal(feedlist_save(fl, out, &err), 0);
	a = slurp(path, &alen);
	b = slurp(out, &blen);
	expect = xstrdup(a);
	free(a);
	a = strstr(expect, "https://dev.example.net/feed tech\n");
	assert_non_null(a);
	memmove(a, strstr(a, "\" \"\n"), strlen(strstr(a, "\" \"\n")) + 1);
	assert_string_equal(b, expect);
	free(b);
	free(expect);
	free(warn);
	feedlist_free(fl);
	free(out);
	free(path);
}

static void
test_missing_and_unreadable(void **state)
{
	struct feedlist *fl = feedlist_new();
	char *path = tmpfile_path("none/urls"), *err = NULL, *warn = NULL;

	(void)state;
	assert_int_equal(feedlist_load(fl, path, &warn, &err), 0);
	assert_int_equal(feedlist_count(fl), 0);
	assert_null(warn);
	assert_null(err);
	/* Saving into a directory that does not exist fails cleanly. */
	assert_int_equal(feedlist_save(fl, path, &err), -1);
	assert_non_null(err);
	free(err);
	err = NULL;
	/* A directory is not a urls file. */
	assert_int_equal(feedlist_load(fl, testlib_dir, &warn, &err), -1);
	assert_non_null(err);
	free(err);
	feedlist_free(fl);
	feedlist_free(NULL);
	free(path);
}

/* Saving through a symlink rewrites the file it points to. */
static void
test_save_symlink(void **state)
{
	char *real = tmpfile_path("real-urls"), *link = tmpfile_path("link-urls");
	struct feedlist *fl = feedlist_new();
	char *err = NULL, *text;
	struct stat st;
	size_t len;

	(void)state;
	assert_int_equal(symlink(real, link), 0);
	assert_int_equal(feedlist_add(fl, "http://s.example/", NULL, NULL, 0), 0);
	assert_int_equal(feedlist_save(fl, link, &err), 0);
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	text = slurp(real, &len);
	assert_string_equal(text, "http://s.example/\n");
	free(text);
	feedlist_free(fl);
	free(real);
	free(link);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_forms),
		cmocka_unit_test(test_roundtrip_identical),
		cmocka_unit_test(test_crlf_nonl),
		cmocka_unit_test(test_add_remove),
		cmocka_unit_test(test_newsboat_rules),
		cmocka_unit_test(test_exec_not_run),
		cmocka_unit_test(test_warning_sanitised),
		cmocka_unit_test(test_missing_and_unreadable),
		cmocka_unit_test(test_save_symlink),
	};

	return cmocka_run_group_tests(tests, testlib_dir_setup,
	    testlib_dir_teardown);
}
