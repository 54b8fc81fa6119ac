/*
 * test_newsboat.c - what hearsay reads of newsboat's: the guid newsboat
 * made up told from a real one, newsboat's operation names, and the
 * option table as hearsay(1) prints it (the page must say what the table
 * does, every option of newsboat's in order).
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

#include "hearsay/newsboat.h"
#include "hearsay/util.h"

/* newsboat's rss_parser: no guid gives link + pubDate as written, or the
 * link alone; a guid of the feed's is kept, even one equal to the link. */
static void
test_story_guid(void **state)
{
	static const struct {
		const char	*guid, *link, *want;
	} cases[] = {
		{ "tag:a.example,2026:1", "http://a.example/1",
		    "tag:a.example,2026:1" },
		{ "http://a.example/2Mon, 02 Nov 2026 11:00:00 GMT",
		    "http://a.example/2", NULL },
		{ "http://a.example/3", "http://a.example/3",
		    "http://a.example/3" },
		{ "urn:x", "", "urn:x" },
		{ "", "http://a.example/4", NULL },
	};
	struct newsboat_story s;
	const char *got;
	size_t i;

	(void)state;
	for (i = 0; i < nitems(cases); i++) {
		memset(&s, 0, sizeof s);
		s.guid = (char *)cases[i].guid;
		s.link = (char *)cases[i].link;
		got = newsboat_story_guid(&s);
		if (cases[i].want == NULL)
			assert_null(got);
		else
			assert_string_equal(got, cases[i].want);
	}
}

static void
test_actions(void **state)
{
	static const struct {
		const char	*op, *action;
	} cases[] = {
		{ "open-in-browser", "open-link" },
		{ "quit", "back" },
		{ "hard-quit", "quit" },
		{ "toggle-article-read", "toggle-read" },
		{ "pagedown", "page-down" },
		{ "next", "down" },
		{ "five", "open-link-5" },
		{ "next-feed", NULL },
		{ "macro-prefix", NULL },
		{ "", NULL },
	};
	size_t i;

	(void)state;
	for (i = 0; i < nitems(cases); i++) {
		if (cases[i].action == NULL)
			assert_null(newsboat_action(cases[i].op));
		else
			assert_string_equal(newsboat_action(cases[i].op),
			    cases[i].action);
	}
	for (i = 0; newsboat_op(i) != NULL; i++)
		assert_non_null(newsboat_action(newsboat_op(i)));
}

/* The generated list: every option once, sorted (the translation finds
 * them by binary search), each with a counterpart or "none: why". */
static void
test_man_list(void **state)
{
	char *man = NULL, *p, *prev = NULL, *name;
	size_t len = 0, n = 0;
	FILE *fp;

	(void)state;
	fp = open_memstream(&man, &len);
	newsboat_print_man(fp);
	fclose(fp);
	for (p = strstr(man, ".TP\n.B "); p != NULL;
	    p = strstr(p, ".TP\n.B ")) {
		p += 7;
		name = xstrndup(p, strcspn(p, "\n"));
		if (prev != NULL && strcmp(prev, name) >= 0)
			fail_msg("%s after %s: the table is not sorted", name,
			    prev);
		free(prev);
		prev = name;
		n++;
	}
	free(prev);
	/* newsboat 2.21's documentation lists 145, podboat's 6 more (under
	 * their newsboat names), and newer newsboats a few. */
	assert_true(n >= 150);
	assert_non_null(strstr(man, ".TP\n.B max\\-items\n.BR keep\\-stories .\n"));
	assert_non_null(strstr(man, ".TP\n.B macro\nnone: "));
	assert_non_null(strstr(man, ".TP\n.B ttrss\\-password\nnone: "));
	free(man);
}

/* hearsay(1) says what the tables say, word for word. */
static void
test_man_page(void **state)
{
	const char *top = getenv("top_srcdir");
	char *path, *page, *err = NULL, *gen = NULL;
	size_t len, glen = 0;
	FILE *fp;

	(void)state;
	if (top == NULL)
		skip();
	path = xprintf("%s/doc/hearsay.1", top);
	page = file_read(path, 1 << 20, &len, &err);
	assert_non_null(page);
	assert_non_null(strstr(page, "\n.SH COMING FROM NEWSBOAT\n"));
	fp = open_memstream(&gen, &glen);
	newsboat_print_man(fp);
	fclose(fp);
	if (strstr(page, gen) == NULL)
		fail_msg("%s's newsboat options differ from the table "
		    "(newsboat_print_man)", path);
	free(gen);
	gen = NULL;
	fp = open_memstream(&gen, &glen);
	newsboat_print_man_ops(fp);
	fclose(fp);
	if (strstr(page, gen) == NULL)
		fail_msg("%s's newsboat operations differ from the table "
		    "(newsboat_print_man_ops)", path);
	free(gen);
	free(page);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_story_guid),
		cmocka_unit_test(test_actions),
		cmocka_unit_test(test_man_list),
		cmocka_unit_test(test_man_page),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
