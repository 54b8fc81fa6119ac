/*
 * test_store_analysis.c - the quote engine's results in the store, on
 * real SQLite files: storing and replacing a story's analysis, which
 * stories wait for one (new ones, all after a version bump, one whose
 * body changed), the counts coming with the story rows, speaker: and
 * source: search, the Sources view's names and mentions, and the glue
 * (analyze.c) running the real engine over stored stories.
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

#include "hearsay/analyze.h"
#include "hearsay/feed.h"
#include "hearsay/quotes.h"
#include "hearsay/store.h"
#include "hearsay/util.h"
#include "testlib.h"

#define NOW ((int64_t)1764000000)	/* 2025-11-24 */
#define DAY ((int64_t)86400)

struct fixture {
	char	*dir;
	char	*path;
	struct store *st;
	int64_t	 feed;
	int64_t	 id[4];		/* the stories of fixture_stories */
};

/* Find a story of the fixture's feed by title. */
static int64_t
find(struct fixture *fx, const char *title)
{
	struct store_query q = { STORE_SCOPE_FEED, fx->feed, 1, 0, NULL };
	struct store_story rows[16];
	int64_t id = 0;
	int i, n;

	n = store_story_rows(fx->st, &q, 0, 16, rows);
	for (i = 0; i < n; i++) {
		if (strcmp(rows[i].title, title) == 0)
			id = rows[i].id;
		store_story_clear(&rows[i]);
	}
	if (id == 0)
		fail_msg("no story '%s'", title);
	return id;
}

static struct feed_item
item(const char *id, const char *title, int64_t published,
    const char *content)
{
	struct feed_item it;

	memset(&it, 0, sizeof it);
	it.id = (char *)id;
	it.title = (char *)title;
	it.published = published;
	it.updated = FEED_NO_DATE;
	it.content = (char *)content;
	return it;
}

static void
merge(struct fixture *fx, struct feed_item *items, size_t n)
{
	struct feed_doc doc;
	char *err = NULL;
	int n_new;

	memset(&doc, 0, sizeof doc);
	doc.format = FEED_FORMAT_RSS20;
	doc.title = (char *)"Harbour Gazette";
	doc.updated = FEED_NO_DATE;
	doc.items = items;
	doc.n_items = n;
	if (store_feed_merge(fx->st, fx->feed, &doc, NOW, &n_new, &err) == -1)
		fail_msg("merge: %s", err);
}

/* Four stories: two recent, one 3 days old, one 20 days old. */
static const char *const fixture_titles[4] = {
	"Ferry fares", "Bridge closure", "Port budget", "Old harbour wall",
};

static int
setup(void **state)
{
	struct fixture *fx = xcalloc(1, sizeof *fx);
	struct feed_item items[4];
	char *err = NULL;
	size_t i;

	fx->dir = testlib_tmpdir("analysis");
	if (fx->dir == NULL)
		return -1;
	fx->path = xprintf("%s/hearsay.db", fx->dir);
	if (store_open(&fx->st, fx->path, STORE_CREATE, &err) == -1)
		fail_msg("store_open: %s", err);
	assert_int_equal(store_feed_ensure(fx->st, "https://example.org/gazette",
	    NULL, NULL, &fx->feed, &err), 0);
	items[0] = item("a", fixture_titles[0], NOW - 3600, "<p>fares</p>");
	items[1] = item("b", fixture_titles[1], NOW - 7200, "<p>bridge</p>");
	items[2] = item("c", fixture_titles[2], NOW - 3 * DAY, "<p>budget</p>");
	items[3] = item("d", fixture_titles[3], NOW - 20 * DAY, "<p>wall</p>");
	merge(fx, items, 4);
	for (i = 0; i < 4; i++)
		fx->id[i] = find(fx, fixture_titles[i]);
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *fx = *state;

	store_close(fx->st);
	testlib_rmtree(fx->dir);
	free(fx->dir);
	free(fx->path);
	free(fx);
	return 0;
}

/* The integer result of a query on the fixture's file. */
static int64_t
raw_int(struct fixture *fx, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	int64_t v = -1;

	assert_int_equal(sqlite3_open(fx->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

/* The analyses the search and Sources tests run on:
 *   Ferry fares:  Ada Vole said x2, cites The New York Times (2) and CNN
 *   Bridge closure: Ada Vole said, Piet Quill told, cites CNN
 *   Port budget: an unattributed quote, cites 100% Pure News
 *   Old harbour wall (20 days old): Ada Vole, cites The New York Times */
static void
put_analyses(struct fixture *fx)
{
	static const struct store_quote q0[] = {
		{ "Ada Vole", "the harbour master", "said", "fares go up", 0, 11 },
		{ "ada  vole", NULL, "said", "not by much", 20, 31 },
	};
	static const struct store_quote q1[] = {
		{ "Ada Vole", NULL, "said", "the bridge shuts", 0, 16 },
		{ "Piet Quill", "a ferryman", "told", "we will cope", 30, 42 },
	};
	static const struct store_quote q2[] = {
		{ NULL, NULL, NULL, "a scare", 3, 10 },
	};
	static const struct store_quote q3[] = {
		{ "Ada Vole", NULL, "said", "the wall holds", 0, 14 },
	};
	static const struct store_source s0[] = {
		{ "The New York Times", "reported, according to", 2 },
		{ "CNN", "said", 1 },
	};
	static const struct store_source s1[] = { { "CNN", "reported", 1 } };
	static const struct store_source s2[] = {
		{ "100% Pure News", "reported", 1 },
	};
	static const struct store_source s3[] = {
		{ "the New York Times", "reported", 1 },
	};
	struct store_analysis a[] = {
		{ fx->id[0], 1, "PORTHAVEN", "Reuters", q0, 2, s0, 2 },
		{ fx->id[1], 1, NULL, NULL, q1, 2, s1, 1 },
		{ fx->id[2], 1, NULL, NULL, q2, 1, s2, 1 },
		{ fx->id[3], 1, NULL, NULL, q3, 1, s3, 1 },
	};
	char *err = NULL;
	size_t i;

	/* One batch, one transaction. */
	assert_int_equal(store_analysis_begin(fx->st, &err), 0);
	assert_int_equal(store_analysis_begin(fx->st, &err), -1);
	free(err);
	err = NULL;
	for (i = 0; i < nitems(a); i++) {
		if (store_analysis_put(fx->st, &a[i], &err) == -1)
			fail_msg("store_analysis_put: %s", err);
	}
	assert_int_equal(raw_int(fx, "SELECT count(*) FROM analyses"), 0);
	assert_int_equal(store_analysis_end(fx->st, &err), 0);
	assert_int_equal(raw_int(fx, "SELECT count(*) FROM analyses"), 4);
}

/* New stories wait for their analysis; stored ones stop waiting; a
 * newer engine version makes every one wait again; `all` lists every
 * story whatever it has; a feed's list holds only its own. */
static void
test_pending(void **state)
{
	struct fixture *fx = *state;
	struct store_pending p[8];
	struct store_analysis a = { 0, 1, NULL, NULL, NULL, 0, NULL, 0 };
	char *err = NULL;
	int n, i;

	assert_int_equal(store_analysis_count_pending(fx->st, 0, 1, 0), 4);
	assert_int_equal(store_analysis_count_pending(fx->st, fx->feed, 1, 0), 4);
	assert_int_equal(store_analysis_count_pending(fx->st, fx->feed + 1, 1,
	    0), 0);
	/* Paging by id: two, then the other two. */
	n = store_analysis_pending(fx->st, 0, 1, 0, 0, 2, p);
	assert_int_equal(n, 2);
	assert_true(p[0].id < p[1].id);
	assert_non_null(strstr(p[0].body, "<p>"));
	a.story_id = p[0].id;
	i = store_analysis_pending(fx->st, 0, 1, 0, p[1].id, 6, p + 2);
	assert_int_equal(i, 2);
	for (i = 0; i < 4; i++)
		store_pending_clear(&p[i]);
	assert_int_equal(store_analysis_put(fx->st, &a, &err), 0);
	assert_int_equal(store_analysis_version(fx->st, a.story_id), 1);
	assert_int_equal(store_analysis_count_pending(fx->st, 0, 1, 0), 3);
	/* An older engine takes a newer analysis as it is. */
	assert_int_equal(store_analysis_count_pending(fx->st, 0, 0, 0), 3);
	/* A version bump: all four again. */
	assert_int_equal(store_analysis_count_pending(fx->st, 0, 2, 0), 4);
	assert_int_equal(store_analysis_count_pending(fx->st, 0, 1, 1), 4);
	n = store_analysis_pending(fx->st, fx->feed, 1, 1, 0, 8, p);
	assert_int_equal(n, 4);
	for (i = 0; i < n; i++)
		store_pending_clear(&p[i]);
}

/* A second analysis replaces the first whole; a story whose body
 * changes loses its analysis; a story that goes takes its rows along;
 * an analysis of a story gone meanwhile is skipped. */
static void
test_replace_and_stale(void **state)
{
	struct fixture *fx = *state;
	static const char *const keys[] = { "a", "b", "c", "d" };
	static const char *const bodies[] = { "<p>fares</p>",
	    "<p>bridge reopens</p>", "<p>budget</p>", "<p>wall</p>" };
	struct store_quote q = { "Noor Fenn", NULL, "said", "again", 0, 5 };
	struct store_analysis a = { 0, 1, NULL, NULL, &q, 1, NULL, 0 };
	struct feed_item again[4];
	char *err = NULL;
	size_t i;

	put_analyses(fx);
	assert_int_equal(raw_int(fx, "SELECT count(*) FROM quotes"), 6);
	a.story_id = fx->id[0];
	assert_int_equal(store_analysis_put(fx->st, &a, &err), 0);
	assert_int_equal(raw_int(fx, "SELECT count(*) FROM quotes"), 5);
	assert_int_equal(raw_int(fx, "SELECT count(*) FROM sources"), 3);
	/* The same four stories, one with a new body. */
	for (i = 0; i < 4; i++)
		again[i] = item(keys[i], fixture_titles[i],
		    NOW - (int64_t)(i + 1) * 3600, bodies[i]);
	/* Dates moved: only the body matters to the analysis. */
	merge(fx, again, 4);
	assert_int_equal(store_analysis_version(fx->st, fx->id[0]), 1);
	assert_int_equal(store_analysis_version(fx->st, fx->id[1]), 0);
	assert_int_equal(raw_int(fx, "SELECT count(*) FROM quotes WHERE"
	    " story_id NOT IN (SELECT story_id FROM analyses)"), 0);
	assert_int_equal(store_analysis_count_pending(fx->st, 0, 1, 0), 1);
	/* Unsubscribing takes every row along. */
	assert_int_equal(store_feed_delete(fx->st, fx->feed, &err), 0);
	assert_int_equal(raw_int(fx, "SELECT count(*) FROM analyses"), 0);
	assert_int_equal(raw_int(fx, "SELECT count(*) FROM quotes"), 0);
	assert_int_equal(raw_int(fx, "SELECT count(*) FROM sources"), 0);
	/* Analysed while it went: nothing stored, no error. */
	assert_int_equal(store_analysis_put(fx->st, &a, &err), 0);
	assert_int_equal(raw_int(fx, "SELECT count(*) FROM quotes"), 0);
	assert_int_equal(store_check(fx->st, &err), 0);
}

/* The story rows carry the counts (and whether there is an analysis at
 * all), in listings, in one story's row and in search results. */
static void
test_counts_in_rows(void **state)
{
	struct fixture *fx = *state;
	struct store_query q = { STORE_SCOPE_FEED, 0, 1, 0, NULL };
	struct store_story rows[4], s;
	char *body = NULL;
	int n, i;

	q.feed_id = fx->feed;
	n = store_story_rows(fx->st, &q, 0, 4, rows);
	assert_int_equal(n, 4);
	for (i = 0; i < n; i++) {
		assert_false(rows[i].analysed);
		assert_int_equal(rows[i].n_quotes, 0);
		store_story_clear(&rows[i]);
	}
	put_analyses(fx);
	n = store_story_rows(fx->st, &q, 0, 4, rows);
	assert_int_equal(n, 4);
	/* Newest first: the fixture's order. */
	assert_int_equal(rows[0].id, fx->id[0]);
	assert_true(rows[0].analysed);
	assert_int_equal(rows[0].n_quotes, 2);
	assert_int_equal(rows[0].n_sources, 2);
	assert_int_equal(rows[2].n_quotes, 1);
	assert_int_equal(rows[2].n_sources, 1);
	for (i = 0; i < n; i++)
		store_story_clear(&rows[i]);
	assert_int_equal(store_story_get(fx->st, fx->id[1], &s, &body), 0);
	assert_int_equal(s.n_quotes, 2);
	assert_int_equal(s.n_sources, 1);
	assert_string_equal(body, "<p>bridge</p>");
	free(body);
	store_story_clear(&s);
}

/* speaker: and source: terms, alone, together and with words. */
static void
test_search_terms(void **state)
{
	struct fixture *fx = *state;
	static const struct {
		const char *query;
		int	 found[4];	/* which fixture stories, in order */
		int	 n;
	} cases[] = {
		{ "speaker:Braml", { 0 }, 0 },
		{ "speaker:vole", { 0, 1, 3 }, 3 },
		{ "speaker:VOLE", { 0, 1, 3 }, 3 },
		{ "speaker:\"ada vole\"", { 0, 1, 3 }, 3 },
		{ "speaker:\"Ada   Vole\"", { 0, 1, 3 }, 3 },
		{ "speaker:quill", { 1 }, 1 },
		{ "source:\"New York Times\"", { 0, 3 }, 2 },
		{ "source:\"the new york times\"", { 0, 3 }, 2 },
		{ "SOURCE:cnn", { 0, 1 }, 2 },
		{ "source:cnn speaker:quill", { 1 }, 1 },
		{ "speaker:quill source:\"new york times\"", { 0 }, 0 },
		{ "fares source:cnn", { 0 }, 1 },
		{ "source:cnn bridge", { 1 }, 1 },
		{ "budget speaker:vole", { 0 }, 0 },
		/* LIKE's wildcards are letters like any other. */
		{ "source:100%", { 2 }, 1 },
		{ "source:%", { 2 }, 1 },
		{ "source:_NN", { 0 }, 0 },
		/* A name word is not searched in the text. */
		{ "vole", { 0 }, 0 },
		/* An unclosed phrase runs to the end. */
		{ "speaker:\"piet quill", { 1 }, 1 },
	};
	struct store_story rows[8];
	char *err = NULL;
	size_t c;
	int n, i;

	put_analyses(fx);
	for (c = 0; c < nitems(cases); c++) {
		n = store_search(fx->st, cases[c].query, 8, rows, &err);
		if (n != cases[c].n)
			fail_msg("'%s': %d stories, not %d (%s)", cases[c].query,
			    n, cases[c].n, err != NULL ? err : "");
		for (i = 0; i < n; i++) {
			assert_int_equal(rows[i].id, fx->id[cases[c].found[i]]);
			store_story_clear(&rows[i]);
		}
	}
}

/* Queries that are no search: an error message, the handle still good. */
static void
test_search_errors(void **state)
{
	struct fixture *fx = *state;
	static const struct {
		const char *query;
		const char *said;
	} cases[] = {
		{ "speaker:", "speaker: wants a name" },
		{ "source:\"\"", "source: wants a name" },
		{ "source:\"  the \"", "source: wants a name" },
		{ "   ", "nothing to search for" },
		{ "speaker:a speaker:b speaker:c speaker:d speaker:e speaker:f"
		  " speaker:g speaker:h speaker:i", "too many names" },
	};
	struct store_story rows[4];
	char *err = NULL;
	size_t c;
	int n;

	for (c = 0; c < nitems(cases); c++) {
		assert_int_equal(store_search(fx->st, cases[c].query, 4, rows,
		    &err), -1);
		if (err == NULL || strstr(err, cases[c].said) == NULL)
			fail_msg("'%s': said '%s'", cases[c].query,
			    err != NULL ? err : "(nothing)");
		free(err);
		err = NULL;
	}
	n = store_search(fx->st, "fares", 4, rows, &err);
	assert_int_equal(n, 1);
	store_story_clear(&rows[0]);
	/* Words rank the results; names alone list them newest first. */
	assert_true(store_search_ranked("fares speaker:vole"));
	assert_false(store_search_ranked("speaker:vole source:\"the cnn\""));
	assert_false(store_search_ranked("speaker:"));
}

/* The Sources view's names: the stories of the last days only, speakers
 * and sources folded by key, most quoted and cited first. */
static void
test_names_since(void **state)
{
	struct fixture *fx = *state;
	struct store_name rows[8];
	int n, i;

	put_analyses(fx);
	n = store_names_since(fx->st, NOW - 7 * DAY, 8, rows);
	/* Ada Vole 3 quotes; NYT 2 cites; CNN 2; Piet Quill 1; 100% 1. */
	assert_int_equal(n, 5);
	assert_string_equal(rows[0].name, "Ada Vole");
	assert_int_equal(rows[0].n_quotes, 3);
	assert_int_equal(rows[0].n_cites, 0);
	assert_int_equal(rows[0].n_stories, 2);
	assert_string_equal(rows[1].name, "CNN");
	assert_int_equal(rows[1].n_cites, 2);
	assert_int_equal(rows[1].n_stories, 2);
	assert_string_equal(rows[2].name, "The New York Times");
	assert_int_equal(rows[2].n_cites, 2);
	assert_int_equal(rows[2].n_stories, 1);
	assert_string_equal(rows[3].name, "100% Pure News");
	assert_string_equal(rows[4].name, "Piet Quill");
	for (i = 0; i < n; i++)
		store_name_clear(&rows[i]);
	/* Thirty days take in the old story too. */
	n = store_names_since(fx->st, NOW - 30 * DAY, 2, rows);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].n_quotes, 4);
	assert_int_equal(rows[1].n_cites, 3);
	for (i = 0; i < n; i++)
		store_name_clear(&rows[i]);
	assert_int_equal(store_names_since(fx->st, NOW + DAY, 8, rows), 0);
}

/* What the stories say of one name: its quotes and citations, newest
 * story first, each with the story's title, feed and date. */
static void
test_mentions(void **state)
{
	struct fixture *fx = *state;
	struct store_name names[8];
	struct store_mention m[8];
	int64_t vole, nyt;
	int n, i;

	put_analyses(fx);
	n = store_names_since(fx->st, NOW - 30 * DAY, 8, names);
	assert_true(n >= 3);
	vole = names[0].id;
	nyt = names[1].id;
	assert_string_equal(names[1].name, "The New York Times");
	for (i = 0; i < n; i++)
		store_name_clear(&names[i]);
	n = store_name_mentions(fx->st, vole, NOW - 7 * DAY, 8, m);
	assert_int_equal(n, 3);
	assert_int_equal(m[0].story_id, fx->id[0]);
	assert_string_equal(m[0].quote, "fares go up");
	assert_string_equal(m[1].quote, "not by much");
	assert_string_equal(m[2].quote, "the bridge shuts");
	assert_string_equal(m[2].title, "Bridge closure");
	assert_string_equal(m[2].feed_title, "Harbour Gazette");
	assert_int_equal(m[2].date, NOW - 7200);
	assert_string_equal(m[2].cue, "said");
	for (i = 0; i < n; i++)
		store_mention_clear(&m[i]);
	n = store_name_mentions(fx->st, nyt, NOW - 30 * DAY, 8, m);
	assert_int_equal(n, 2);
	assert_null(m[0].quote);
	assert_string_equal(m[0].cue, "reported, according to");
	assert_string_equal(m[1].title, "Old harbour wall");
	for (i = 0; i < n; i++)
		store_mention_clear(&m[i]);
}

/* A feed gone from the urls file leaves the Sources view as it leaves
 * the lists: only its starred stories still count. */
static void
test_sources_gone(void **state)
{
	struct fixture *fx = *state;
	struct store_name names[8];
	struct store_mention m[8];
	sqlite3 *db;
	int n, i;

	put_analyses(fx);
	assert_int_equal(sqlite3_open(fx->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "UPDATE feeds SET gone_since = 1;"
	    " UPDATE stories SET starred = 1 WHERE title = 'Bridge closure'",
	    NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	/* Bridge closure alone: Ada Vole, CNN, Piet Quill. */
	n = store_names_since(fx->st, NOW - 30 * DAY, 8, names);
	assert_int_equal(n, 3);
	assert_string_equal(names[0].name, "Ada Vole");
	assert_int_equal(names[0].n_quotes, 1);
	assert_int_equal(names[0].n_stories, 1);
	for (i = 0; i < n; i++)
		assert_string_not_equal(names[i].name, "The New York Times");
	n = store_name_mentions(fx->st, names[0].id, NOW - 30 * DAY, 8, m);
	assert_int_equal(n, 1);
	assert_string_equal(m[0].quote, "the bridge shuts");
	store_mention_clear(&m[0]);
	for (i = 0; i < 3; i++)
		store_name_clear(&names[i]);
	/* Unstarred too: nothing is left to show. */
	assert_int_equal(sqlite3_open(fx->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "UPDATE stories SET starred = 0",
	    NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(store_names_since(fx->st, NOW - 30 * DAY, 8, names),
	    0);
}

/* The glue runs the real engine over the stored bodies: quotes with
 * their speakers, sources grouped with their cues, the dateline, and the
 * engine's version; a second run finds nothing left to do. */
static void
test_analyze_pending(void **state)
{
	struct fixture *fx = *state;
	static const char body[] =
	    "<p>PORTHAVEN (Harbour Wire) - The ferry company raised its fares"
	    " on Monday, the Gazette reported.</p>"
	    "<p>\"Fuel costs have doubled since the spring,\" said Maren"
	    " Holt, the company's director.</p>"
	    "<p>\"We had no choice,\" Holt said.</p>";
	struct feed_item it = item("e", "Fares rise", NOW - 60, body);
	struct quotes_lang *lang;
	struct store_story rows[2];
	struct store_mention m[4];
	struct store_name names[8];
	char *err = NULL;
	int64_t done = -1, id;
	int n, i;

	lang = testlib_lang_load();
	if (lang == NULL)
		fail_msg("no language data");
	merge(fx, &it, 1);
	id = find(fx, "Fares rise");
	assert_int_equal(analyze_pending(fx->st, lang, fx->feed, 0, NULL, NULL,
	    &done, &err), 0);
	assert_int_equal(done, 5);
	assert_int_equal(store_analysis_version(fx->st, id), ANALYZE_VERSION);
	assert_int_equal(raw_int(fx, "SELECT count(*) FROM quotes q JOIN names"
	    " n ON n.id = q.speaker_id WHERE n.key = 'maren holt'"), 2);
	assert_int_equal(raw_int(fx, "SELECT count(*) FROM analyses"
	    " WHERE place = 'PORTHAVEN'"), 1);
	n = store_search(fx->st, "speaker:holt", 2, rows, &err);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].id, id);
	assert_int_equal(rows[0].n_quotes, 2);
	store_story_clear(&rows[0]);
	n = store_names_since(fx->st, NOW - DAY, 8, names);
	assert_true(n >= 1);
	assert_string_equal(names[0].name, "Maren Holt");
	i = store_name_mentions(fx->st, names[0].id, NOW - DAY, 4, m);
	/* Two quotes, then the sentence citing her. */
	assert_int_equal(i, 3);
	assert_string_equal(m[0].quote,
	    "Fuel costs have doubled since the spring,");
	assert_null(m[2].quote);
	while (i > 0)
		store_mention_clear(&m[--i]);
	for (i = 0; i < n; i++)
		store_name_clear(&names[i]);
	/* Nothing left; --all does them all again. */
	assert_int_equal(analyze_pending(fx->st, lang, 0, 0, NULL, NULL, &done,
	    &err), 0);
	assert_int_equal(done, 0);
	assert_int_equal(analyze_pending(fx->st, lang, 0, 1, NULL, NULL, &done,
	    &err), 0);
	assert_int_equal(done, 5);
	assert_int_equal(raw_int(fx, "SELECT count(*) FROM quotes q JOIN names"
	    " n ON n.id = q.speaker_id WHERE n.key = 'maren holt'"), 2);
	quotes_lang_free(lang);
}

/* The bounded look: a range of ids, a date, and whether more may wait. */
static void
test_pending_range(void **state)
{
	struct fixture *fx = *state;
	struct store_pending p[8];
	int64_t lo = fx->id[0], hi = fx->id[0];
	int i, n, more = -1;

	for (i = 1; i < 4; i++) {
		if (fx->id[i] < lo)
			lo = fx->id[i];
		if (fx->id[i] > hi)
			hi = fx->id[i];
	}
	/* Every date, no bound: all four, nothing past them. */
	n = store_analysis_pending_range(fx->st, 0, 1, 0, 0, 8, p, &more);
	assert_int_equal(n, 4);
	assert_int_equal(more, 0);
	for (i = 0; i < n; i++)
		store_pending_clear(&p[i]);
	/* A range of one id: the first story, and more past it. */
	n = store_analysis_pending_range(fx->st, 0, 1, lo - 1, 1, 8, p, &more);
	assert_int_equal(n, 1);
	assert_int_equal(p[0].id, lo);
	assert_int_equal(more, 1);
	store_pending_clear(&p[0]);
	/* n rows came back: more may wait. */
	n = store_analysis_pending_range(fx->st, 0, 1, 0, 0, 2, p, &more);
	assert_int_equal(n, 2);
	assert_int_equal(more, 1);
	for (i = 0; i < n; i++)
		store_pending_clear(&p[i]);
	/* The last range: nothing beyond. */
	n = store_analysis_pending_range(fx->st, 0, 1, hi - 1, 10, 8, p, &more);
	assert_int_equal(n, 1);
	assert_int_equal(more, 0);
	store_pending_clear(&p[0]);
	/* Four days: the two recent stories and the 3-day-old one. */
	n = store_analysis_pending_range(fx->st, NOW - 4 * DAY, 1, 0, 0, 8, p,
	    &more);
	assert_int_equal(n, 3);
	for (i = 0; i < n; i++) {
		assert_int_not_equal(p[i].id, fx->id[3]);
		store_pending_clear(&p[i]);
	}
	assert_int_equal(store_analysis_count_since(fx->st, NOW - 4 * DAY, 1),
	    3);
	assert_int_equal(store_analysis_count_since(fx->st, 0, 1), 4);
}

/* The reader's steps: a story at a time to the end, each analysed once;
 * the rows on screen; a result made once, stored as it is. */
static void
test_analyze_step(void **state)
{
	struct fixture *fx = *state;
	struct quotes_lang *lang;
	struct quotes_result *res;
	struct store_analysis old = { 0, 1, NULL, NULL, NULL, 0, NULL, 0 };
	char *err = NULL;
	int64_t after = 0, n = 0, total = 0;
	size_t done = 0;
	int rc;

	lang = testlib_lang_load();
	if (lang == NULL)
		fail_msg("no language data");
	/* The window of four days first: three stories. */
	while ((rc = analyze_step(fx->st, lang, NOW - 4 * DAY, &after, 1, 0,
	    &n, &err)) == 1)
		total += n;
	assert_int_equal(rc, 0);
	assert_int_equal(total, 3);
	assert_int_equal(store_analysis_version(fx->st, fx->id[3]), 0);
	assert_int_equal(store_analysis_count_since(fx->st, 0, ANALYZE_VERSION),
	    1);
	/* Then every story: only the old one is left. */
	after = 0;
	total = 0;
	while ((rc = analyze_step(fx->st, lang, 0, &after, 4, 0, &n,
	    &err)) == 1)
		total += n;
	assert_int_equal(rc, 0);
	assert_int_equal(total, 1);
	assert_int_equal(store_analysis_version(fx->st, fx->id[3]),
	    ANALYZE_VERSION);
	/* Rows already analysed count as done and are not analysed again. */
	assert_int_equal(analyze_stories(fx->st, lang, fx->id, 4, 0, &done,
	    &err), 0);
	assert_int_equal(done, 4);
	assert_int_equal(raw_int(fx, "SELECT count(*) FROM analyses"), 4);
	/* A deadline already past leaves a story an older engine analysed
	 * to the next draw. */
	old.story_id = fx->id[2];
	assert_int_equal(store_analysis_put(fx->st, &old, &err), 0);
	assert_int_equal(analyze_stories(fx->st, lang, fx->id, 4, 1, &done,
	    &err), 1);
	assert_int_equal(done, 2);
	assert_int_equal(store_analysis_version(fx->st, fx->id[2]), 1);
	assert_int_equal(analyze_stories(fx->st, lang, fx->id, 4, 0, &done,
	    &err), 0);
	assert_int_equal(done, 4);
	assert_int_equal(store_analysis_version(fx->st, fx->id[2]),
	    ANALYZE_VERSION);
	/* analyze_body's result, stored once, is what the batches store. */
	res = analyze_body(lang, "<p>\"The quay opens,\" said Ana Ruiz.</p>");
	assert_non_null(res);
	assert_int_equal(res->n_quotes, 1);
	assert_int_equal(analyze_result_put(fx->st, fx->id[1], res, &err), 0);
	assert_int_equal(raw_int(fx, "SELECT n_quotes FROM analyses WHERE"
	    " story_id = (SELECT id FROM stories WHERE title = 'Bridge"
	    " closure')"), 1);
	quotes_result_free(res);
	quotes_lang_free(lang);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_pending),
		T(test_replace_and_stale),
		T(test_counts_in_rows),
		T(test_search_terms),
		T(test_search_errors),
		T(test_names_since),
		T(test_mentions),
		T(test_sources_gone),
		T(test_analyze_pending),
		T(test_pending_range),
		T(test_analyze_step),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
