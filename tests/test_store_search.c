/*
 * test_store_search.c - every text typed at `/` searches: the FTS5
 * expression hearsay makes of a query (table cases), what such queries
 * find in a real store, and thousands of random queries, made of the
 * characters that broke FTS5 (quotes, brackets, stars, colons, hyphens,
 * capital operators, non-ASCII and invalid UTF-8), each of which FTS5
 * must take on the store's own index and none of which may answer with
 * an FTS5 or SQLite message.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "hearsay/buf.h"
#include "hearsay/feed.h"
#include "hearsay/store.h"
#include "hearsay/util.h"
#include "store_int.h"
#include "testlib.h"

#define NOW ((int64_t)1764000000)

static struct store *st;

/* The stories the searches look in: titles and bodies with the words
 * users type with punctuation in them. */
static const struct {
	const char *title;
	const char *body;
} stories[] = {
	{ "O'Brien resigns", "<p>Pat O&#8217;Brien left the board.</p>" },
	{ "Data-breach at the port", "<p>A data breach exposed names.</p>" },
	{ "Caf\xc3\xa9 opens", "<p>The caf\xc3\xa9 on the quay opened.</p>" },
	{ "Budget vote", "<p>The budget passed, said the mayor.</p>" },
	{ "Time: 10:30", "<p>Trains run at 10:30 (weekdays).</p>" },
};

static int
group_setup(void **state)
{
	struct feed_item items[nitems(stories)];
	struct feed_doc doc;
	char *err = NULL, *path, id[8];
	int64_t feed = 0;
	size_t i;
	int n_new;

	if (testlib_dir_setup(state) == -1)
		return -1;
	path = xprintf("%s/search.db", testlib_dir);
	if (store_open(&st, path, STORE_CREATE, &err) == -1 ||
	    store_feed_ensure(st, "https://example.org/feed", NULL, NULL,
	    &feed, &err) == -1) {
		fprintf(stderr, "store: %s\n", err);
		free(path);
		return -1;
	}
	free(path);
	memset(&doc, 0, sizeof(doc));
	memset(items, 0, sizeof(items));
	for (i = 0; i < nitems(stories); i++) {
		snprintf(id, sizeof(id), "s%zu", i);
		items[i].id = xstrdup(id);
		items[i].title = (char *)stories[i].title;
		items[i].content = (char *)stories[i].body;
		items[i].published = NOW - (int64_t)i * 60;
		items[i].updated = FEED_NO_DATE;
	}
	doc.format = FEED_FORMAT_RSS20;
	doc.title = (char *)"Test Feed";
	doc.updated = FEED_NO_DATE;
	doc.items = items;
	doc.n_items = nitems(items);
	if (store_feed_merge(st, feed, &doc, NOW, &n_new, &err) == -1) {
		fprintf(stderr, "merge: %s\n", err);
		return -1;
	}
	for (i = 0; i < nitems(items); i++)
		free(items[i].id);
	return 0;
}

static int
group_teardown(void **state)
{
	store_close(st);
	return testlib_dir_teardown(state);
}

/* The expression each query makes (NULL: nothing to search for). */
static void
test_match_cases(void **state)
{
	static const struct {
		const char *query;
		const char *match;
	} cases[] = {
		{ "O'Brien", "\"O'Brien\"" },
		{ "data-breach", "\"data-breach\"" },
		{ "caf\xc3\xa9", "\"caf\xc3\xa9\"" },
		{ "foo:bar", "\"foo:bar\"" },
		{ "\"unbalanced", "\"unbalanced\"" },
		{ "say \"hello world\"", "\"say\" \"hello world\"" },
		{ "say\"it", "\"say\"\"it\"" },
		{ "bud*", "\"bud\"*" },
		{ "\"data br\"*", "\"data br\"*" },
		{ "a OR b", "\"a\" OR \"b\"" },
		{ "a NOT b", "\"a\" NOT \"b\"" },
		{ "and or not", "\"and\" \"or\" \"not\"" },
		{ "OR a", "\"OR\" \"a\"" },
		{ "a OR", "\"a\" \"OR\"" },
		{ "a AND OR b", "\"a\" AND \"OR\" \"b\"" },
		{ "NOT", "\"NOT\"" },
		{ "(a OR b) c", "(\"a\" OR \"b\") AND \"c\"" },
		{ "c (a OR b)", "\"c\" AND (\"a\" OR \"b\")" },
		{ "a NOT (b OR c", "\"a\" NOT (\"b\" OR \"c\")" },
		{ "(a OR) b", "(\"a\" \"OR\") AND \"b\"" },
		{ "a ) b", "\"a\" \"b\"" },
		{ "a () b", "\"a\" \"b\"" },
		{ "NEAR(a b)", "\"NEAR(a\" \"b\"" },
		{ "^a -b +c", "\"^a\" \"-b\" \"+c\"" },
		{ "title:x", "\"title:x\"" },
		{ "speaker:vole budget", "\"budget\"" },
		{ "((((((((((x))))))))))",
		  "((((((((\"x\"))))))))" },
		{ "a - b", "\"a\" \"b\"" },
		{ "(", NULL },
		{ ")", NULL },
		{ "*", NULL },
		{ "**", NULL },
		{ "\"", NULL },
		{ "\"\"*", NULL },
		{ "()", NULL },
		{ "- : ' \xe2\x80\x94", NULL },
		{ "speaker:vole", NULL },
	};
	size_t i;
	char *got;
	int bad = 0;

	(void)state;
	for (i = 0; i < nitems(cases); i++) {
		got = store_search_match(st, cases[i].query);
		if (cases[i].match == NULL && got != NULL) {
			fprintf(stderr, "case %zu '%s': '%s', wanted none\n", i,
			    cases[i].query, got);
			bad = 1;
		} else if (cases[i].match != NULL) {
			bad |= testlib_check_str(cases[i].query, got != NULL ?
			    got : "(none)", cases[i].match, i);
		}
		free(got);
	}
	assert_false(bad);
}

/* What the queries users type find. */
static void
test_search_finds(void **state)
{
	static const struct {
		const char *query;
		const char *first;	/* title of the best match, NULL: none */
		int	 n;
	} cases[] = {
		{ "O'Brien", "O'Brien resigns", 1 },
		{ "o'brien", "O'Brien resigns", 1 },
		{ "data-breach", "Data-breach at the port", 1 },
		{ "\"data breach\"", "Data-breach at the port", 1 },
		{ "\"data breach", "Data-breach at the port", 1 },
		{ "caf\xc3\xa9", "Caf\xc3\xa9 opens", 1 },
		{ "cafe", "Caf\xc3\xa9 opens", 1 },
		{ "10:30", "Time: 10:30", 1 },
		{ "(weekdays)", "Time: 10:30", 1 },
		{ "time:", "Time: 10:30", 1 },
		{ "bud*", "Budget vote", 1 },
		{ "budget OR breach", NULL, 2 },
		{ "budget AND breach", NULL, 0 },
		{ "budget NOT mayor", NULL, 0 },
		{ "(budget OR breach) port", "Data-breach at the port", 1 },
		{ "budget -", "Budget vote", 1 },
		{ "budget \xe2\x80\x94 (mayor OR nobody)", "Budget vote", 1 },
		{ "(", NULL, 0 },
		{ "*", NULL, 0 },
		{ "\"", NULL, 0 },
		{ "foo:bar", NULL, 0 },
		{ "budget\xff", "Budget vote", 1 },
	};
	struct store_story rows[8];
	char *err = NULL;
	size_t i;
	int n, k;

	(void)state;
	for (i = 0; i < nitems(cases); i++) {
		n = store_search(st, cases[i].query, 8, rows, &err);
		if (n != cases[i].n)
			fail_msg("'%s': %d stories, not %d (%s)", cases[i].query,
			    n, cases[i].n, err != NULL ? err : "");
		if (cases[i].first != NULL)
			assert_string_equal(rows[0].title, cases[i].first);
		for (k = 0; k < n; k++)
			store_story_clear(&rows[k]);
	}
}

/* A small seeded generator, so that a failing query comes again. */
static uint64_t
next_random(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* The query as C would write it, for the failure message. */
static char *
escaped(const char *q)
{
	struct buf b = BUF_INIT;
	const unsigned char *p;

	for (p = (const unsigned char *)q; *p != '\0'; p++) {
		if (*p < 0x20 || *p >= 0x7f || *p == '"' || *p == '\\')
			buf_printf(&b, "\\x%02x", *p);
		else
			buf_addc(&b, (char)*p);
	}
	return buf_detach(&b);
}

/* Non-zero when FTS5 runs expr on the store's index without an error. */
static int
fts5_takes(const char *expr, char **why)
{
	sqlite3_stmt *s = NULL;
	int rc;

	rc = sqlite3_prepare_v2(st->db, "SELECT count(*) FROM stories_fts"
	    " WHERE stories_fts MATCH ?1", -1, &s, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(s, 1, expr, -1, SQLITE_STATIC);
		rc = sqlite3_step(s);
	}
	if (rc != SQLITE_ROW)
		*why = xstrdup(sqlite3_errmsg(st->db));
	sqlite3_finalize(s);
	return rc == SQLITE_ROW;
}

/* Our own messages for queries that are no search (name terms). */
static int
own_message(const char *err)
{
	return err != NULL && (strstr(err, "wants a name") != NULL ||
	    strstr(err, "too many names") != NULL ||
	    strstr(err, "nothing to search for") != NULL);
}

#define RANDOM_QUERIES 5000

static void
test_random_queries(void **state)
{
	static const char *const bits[] = {
		"\"", "\"", "'", "(", ")", "*", ":", "-", " ", " ", " ",
		"AND", "OR", "NOT", "NEAR", "and", "^", "+", "{", "}", ",",
		"speaker:", "source:", "title:", "text:", "budget", "O'Brien",
		"data", "breach", "x", "caf\xc3\xa9", "\xe2\x80\x94",
		"\xe6\x97\xa5\xe6\x9c\xac", "\xff", "\xc3", "\xe2\x80",
		"\xed\xa0\x80", "\t", "\\", "%", "_", ";", "$(", "`",
	};
	struct store_story rows[4];
	struct buf q = BUF_INIT;
	uint64_t seed = 0x9e3779b97f4a7c15ull;
	char *expr, *why = NULL, *err = NULL, *shown;
	size_t i, len, k;
	int n, j, pass;

	(void)state;
	for (i = 0; i < RANDOM_QUERIES; i++) {
		buf_reset(&q);
		buf_addstr(&q, "");
		len = next_random(&seed) % 14;
		for (k = 0; k < len; k++)
			buf_addstr(&q, bits[next_random(&seed) % nitems(bits)]);
		/* With the store's tokenizer, and without one. */
		for (pass = 0; pass < 2; pass++) {
			expr = store_search_match(pass == 0 ? st : NULL,
			    buf_str(&q));
			if (expr != NULL && !fts5_takes(expr, &why)) {
				shown = escaped(buf_str(&q));
				fail_msg("query \"%s\": FTS5 refused '%s': %s",
				    shown, expr, why);
			}
			free(expr);
		}
		n = store_search(st, buf_str(&q), 4, rows, &err);
		if (n < 0 && !own_message(err)) {
			shown = escaped(buf_str(&q));
			fail_msg("query \"%s\": %s", shown, err);
		}
		for (j = 0; j < n; j++)
			store_story_clear(&rows[j]);
		xfree(err);
	}
	buf_free(&q);
}

/* A feed gone from the urls file: its stories are found no more but the
 * starred one, as the lists show them; back in the file, all are. */
static void
test_search_gone(void **state)
{
	static const char *const titles[] = { "Walrus sighted", "Walrus gone" };
	struct store_sub subs[2] = {
		{ "https://example.org/feed", NULL, "", 0 },
		{ "https://gone.example/feed", NULL, "", 0 },
	};
	struct feed_item items[nitems(titles)];
	struct store_story rows[4];
	struct feed_doc doc;
	char *err = NULL;
	int64_t feed = 0;
	size_t i;
	int n, n_new;

	(void)state;
	memset(&doc, 0, sizeof(doc));
	memset(items, 0, sizeof(items));
	for (i = 0; i < nitems(titles); i++) {
		items[i].id = (char *)titles[i];
		items[i].title = (char *)titles[i];
		items[i].content = (char *)"<p>The walrus was on the quay.</p>";
		items[i].published = NOW - (int64_t)i * 60;
		items[i].updated = FEED_NO_DATE;
	}
	doc.format = FEED_FORMAT_RSS20;
	doc.updated = FEED_NO_DATE;
	doc.items = items;
	doc.n_items = nitems(items);
	assert_int_equal(store_feeds_sync(st, subs, 2, NOW, &err), 0);
	assert_int_equal(store_feed_ensure(st, subs[1].url, NULL, NULL, &feed,
	    &err), 0);
	assert_int_equal(store_feed_merge(st, feed, &doc, NOW, &n_new, &err),
	    0);
	n = store_search(st, "walrus", 4, rows, &err);
	assert_int_equal(n, 2);
	for (i = 0; i < (size_t)n; i++) {
		if (strcmp(rows[i].title, "Walrus sighted") == 0)
			assert_int_equal(store_story_set_starred(st,
			    rows[i].id, 1, &err), 0);
		store_story_clear(&rows[i]);
	}
	/* The second feed leaves the urls file. */
	assert_int_equal(store_feeds_sync(st, subs, 1, NOW + 60, &err), 0);
	n = store_search(st, "walrus", 4, rows, &err);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].title, "Walrus sighted");
	store_story_clear(&rows[0]);
	n = store_search(st, "walrus gone", 4, rows, &err);
	assert_int_equal(n, 0);
	/* Back in the file: both found again. */
	assert_int_equal(store_feeds_sync(st, subs, 2, NOW + 120, &err), 0);
	n = store_search(st, "walrus", 4, rows, &err);
	assert_int_equal(n, 2);
	for (i = 0; i < (size_t)n; i++)
		store_story_clear(&rows[i]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match_cases),
		cmocka_unit_test(test_search_finds),
		cmocka_unit_test(test_random_queries),
		cmocka_unit_test(test_search_gone),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
