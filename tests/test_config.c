/*
 * test_config.c - the config file: defaults, every option type, bad lines
 * with their line numbers, binds in order, the printed option table.
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

#include "hearsay/buf.h"
#include "hearsay/config.h"
#include "hearsay/util.h"

/* An option and the value a getter must give, as text. */
struct value_case {
	const char *name;
	const char *value;
};

static const struct value_case defaults[] = {
	{ "browser", "" },
	{ "sort", "newest" },
	{ "show-read", "1" },
	{ "mark-read-on-open", "1" },
	{ "refresh-on-start", "0" },
	{ "auto-refresh", "0" },
	{ "date-format", "%Y-%m-%d %H:%M" },
	{ "wrap-width", "80" },
	{ "theme", "default" },
	{ "pane-quotes", "open" },
	{ "pane-attribution", "open" },
	{ "sources-days", "7" },
	{ "osc52", "0" },
	{ "confirm-mark-feed-read", "1" },
	{ "confirm-mark-all-feeds-read", "1" },
	{ "confirm-mark-threshold", "100" },
	{ "max-parallel", "16" },
	{ "max-per-host", "2" },
	{ "keep-stories", "0" },
	{ "keep-days", "0" },
	{ "timeout", "60" },
	{ "feed-sort-order", "none" },
	{ "max-feed-size", "32" },
	{ "refresh-analyze", "0" },
	{ "source", "feeds" },
	{ "ttrss-url", "" },
	{ "ttrss-login", "" },
	{ "ttrss-passwordeval", "" },
	{ "ttrss-passwordfile", "" },
};

/* What tests/subs/config-good sets. */
static const struct value_case good[] = {
	{ "browser", "firefox --new-tab %u" },
	{ "sort", "oldest" },
	{ "show-read", "0" },
	{ "mark-read-on-open", "0" },
	{ "refresh-on-start", "1" },
	{ "auto-refresh", "30" },
	{ "date-format", "%a %d %b \"%y\" %H:%M" },
	{ "wrap-width", "0" },
	{ "theme", "solarized" },
	{ "pane-quotes", "folded" },
	{ "pane-attribution", "folded" },
	{ "osc52", "1" },
	{ "max-parallel", "4" },
	{ "max-per-host", "1" },
	{ "keep-stories", "500" },
	{ "keep-days", "90" },
	{ "timeout", "15" },
};

static const struct {
	const char *key;
	const char *action;	/* NULL: unbind */
	int line;
} good_binds[] = {
	{ "j", "next", 21 },
	{ "^R", "refresh-all", 22 },
	{ "q", NULL, 23 },
	{ " ", "page-down", 24 },
	{ "\"", "toggle-quotes", 25 },
};

/* Line and problem of each message tests/subs/config-bad must give. */
static const struct {
	int line;
	const char *problem;
} bad_msgs[] = {
	{ 2, "unknown option 'colour'" },
	{ 3, "sort: 'random' is not one of newest, oldest" },
	{ 4, "show-read: 'maybe' is not yes or no" },
	{ 5, "auto-refresh: '-5' is not a whole number from 0 to 10080" },
	{ 6, "wrap-width: '1001' is not a whole number from 0 to 1000" },
	{ 7, "max-parallel: '0' is not a whole number from 1 to 100" },
	{ 8, "timeout: '12s' is not a whole number from 1 to 3600" },
	{ 9, "theme: no value given" },
	{ 10, "browser: more than one value (put a value with spaces in "
	    "double quotes)" },
	{ 11, "unclosed quote" },
	{ 12, "usage: bind KEY ACTION" },
	{ 13, "usage: unbind KEY" },
	{ 14, "bind: empty key" },
	{ 16, "usage: bind KEY ACTION" },
};

static char *
fixture(const char *name)
{
	const char *top = getenv("top_srcdir");

	return xprintf("%s/tests/subs/%s", top != NULL ? top : ".", name);
}

/* The value of an option as text, whatever its type. */
static char *
value_text(const struct config *cfg, const char *name)
{
	size_t i;

	for (i = 0; i < config_option_count(); i++) {
		const struct config_option *o = config_option_get(i);

		if (strcmp(o->name, name) != 0)
			continue;
		switch (o->type) {
		case CONFIG_BOOL:
			return xprintf("%d", config_bool(cfg, name));
		case CONFIG_INT:
			return xprintf("%ld", config_int(cfg, name));
		case CONFIG_STR:
		case CONFIG_ENUM:
			return xstrdup(config_str(cfg, name));
		}
	}
	fail_msg("no option %s", name);
	return NULL;
}

static void
assert_values(const struct config *cfg, const struct value_case *cases,
    size_t n)
{
	size_t i;
	char *v;

	for (i = 0; i < n; i++) {
		v = value_text(cfg, cases[i].name);
		if (strcmp(v, cases[i].value) != 0)
			fail_msg("%s: \"%s\", want \"%s\"", cases[i].name, v,
			    cases[i].value);
		free(v);
	}
}

static void
test_defaults(void **state)
{
	struct config *cfg = config_new();

	(void)state;
	/* The table and this test list the same options. */
	assert_int_equal(config_option_count(), nitems(defaults));
	assert_values(cfg, defaults, nitems(defaults));
	assert_int_equal(config_message_count(cfg), 0);
	assert_int_equal(config_bind_count(cfg), 0);
	assert_null(config_bind_get(cfg, 0));
	assert_null(config_message(cfg, 0));
	config_free(cfg);
	config_free(NULL);
}

static void
test_good_file(void **state)
{
	struct config *cfg = config_new();
	char *path = fixture("config-good"), *err = NULL;
	size_t i;

	(void)state;
	assert_int_equal(config_load(cfg, path, CONFIG_MUST_EXIST, &err), 0);
	for (i = 0; i < config_message_count(cfg); i++)
		print_message("unexpected: %s\n", config_message(cfg, i));
	assert_int_equal(config_message_count(cfg), 0);
	assert_values(cfg, good, nitems(good));
	assert_int_equal(config_bind_count(cfg), nitems(good_binds));
	for (i = 0; i < nitems(good_binds); i++) {
		const struct config_bind *b = config_bind_get(cfg, i);

		assert_string_equal(b->key, good_binds[i].key);
		if (good_binds[i].action == NULL)
			assert_null(b->action);
		else
			assert_string_equal(b->action, good_binds[i].action);
		assert_string_equal(b->file, path);
		assert_int_equal(b->line, good_binds[i].line);
	}
	config_free(cfg);
	free(path);
}

static void
test_bad_file(void **state)
{
	static const struct value_case after[] = {
		{ "sort", "newest" },
		{ "show-read", "1" },
		{ "auto-refresh", "0" },
		{ "wrap-width", "80" },
		{ "theme", "default" },
		{ "browser", "" },
		{ "date-format", "%Y-%m-%d %H:%M" },
		{ "keep-days", "7" },	/* good lines still count */
		{ "osc52", "1" },
	};
	struct config *cfg = config_new();
	char *path = fixture("config-bad"), *err = NULL, *want;
	size_t i;

	(void)state;
	assert_int_equal(config_load(cfg, path, 0, &err), 0);
	assert_int_equal(config_message_count(cfg), nitems(bad_msgs));
	for (i = 0; i < nitems(bad_msgs); i++) {
		want = xprintf("%s:%d: %s", path, bad_msgs[i].line,
		    bad_msgs[i].problem);
		assert_string_equal(config_message(cfg, i), want);
		free(want);
	}
	assert_values(cfg, after, nitems(after));
	assert_int_equal(config_bind_count(cfg), 0);
	config_free(cfg);
	free(path);
}

/* A second file applies over the first; messages and binds accumulate. */
static void
test_layering_and_nonl(void **state)
{
	static const char text[] = "sort newest\nbind x quit\r\nfoo bar\n";
	struct config *cfg = config_new();
	char *path = fixture("config-nonl"), *err = NULL;

	(void)state;
	assert_int_equal(config_load(cfg, path, 0, &err), 0);
	assert_string_equal(config_str(cfg, "sort"), "oldest");
	assert_int_equal(config_bind_count(cfg), 1);
	assert_string_equal(config_bind_get(cfg, 0)->action, "b");
	assert_int_equal(config_bind_get(cfg, 0)->line, 2);
	config_parse(cfg, text, strlen(text), "extra");
	assert_string_equal(config_str(cfg, "sort"), "newest");
	assert_int_equal(config_bind_count(cfg), 2);
	assert_string_equal(config_bind_get(cfg, 1)->key, "x");
	assert_string_equal(config_bind_get(cfg, 1)->action, "quit");
	assert_string_equal(config_bind_get(cfg, 1)->file, "extra");
	assert_int_equal(config_message_count(cfg), 1);
	assert_string_equal(config_message(cfg, 0),
	    "extra:3: unknown option 'foo'");
	config_free(cfg);
	free(path);
}

static void
test_missing_file(void **state)
{
	struct config *cfg = config_new();
	char *err = NULL;

	(void)state;
	assert_int_equal(config_load(cfg, "/nonexistent/hearsay/config", 0,
	    &err), 0);
	assert_null(err);
	assert_int_equal(config_message_count(cfg), 0);
	assert_int_equal(config_load(cfg, "/nonexistent/hearsay/config",
	    CONFIG_MUST_EXIST, &err), -1);
	assert_non_null(strstr(err, "/nonexistent/hearsay/config"));
	free(err);
	err = NULL;
	/* A directory exists but cannot be read as a file. */
	assert_int_equal(config_load(cfg, "/", 0, &err), -1);
	free(err);
	config_free(cfg);
}

static void
test_set(void **state)
{
	struct config *cfg = config_new();
	char *err = NULL;

	(void)state;
	assert_int_equal(config_set(cfg, "wrap-width", "72", &err), 0);
	assert_int_equal(config_int(cfg, "wrap-width"), 72);
	assert_int_equal(config_set(cfg, "wrap-width", "", &err), -1);
	assert_string_equal(err,
	    "wrap-width: '' is not a whole number from 0 to 1000");
	assert_int_equal(config_int(cfg, "wrap-width"), 72);
	assert_int_equal(config_set(cfg, "nope", "1", &err), -1);
	assert_string_equal(err, "unknown option 'nope'");
	assert_int_equal(config_set(cfg, "show-read", "Off", &err), 0);
	assert_false(config_bool(cfg, "show-read"));
	assert_int_equal(config_set(cfg, "browser", "", &err), 0);
	assert_string_equal(config_str(cfg, "browser"), "");
	free(err);
	config_free(cfg);
}

/* Controls in a value never reach a message raw, and a flood of problems
 * is capped. */
static void
test_messages_safe_and_capped(void **state)
{
	static const char esc[] = "sort \"\x1b[2Jx\"\n";
	struct config *cfg = config_new();
	char *text = xstrdup("");
	char *t;
	size_t i;

	(void)state;
	config_parse(cfg, esc, strlen(esc), "f");
	assert_string_equal(config_message(cfg, 0),
	    "f:1: sort: '[2Jx' is not one of newest, oldest");
	config_free(cfg);
	cfg = config_new();
	for (i = 0; i < 150; i++) {
		t = xprintf("%sbogus%zu 1\n", text, i);
		free(text);
		text = t;
	}
	config_parse(cfg, text, strlen(text), "f");
	assert_int_equal(config_message_count(cfg), 100);
	assert_string_equal(config_message(cfg, 98),
	    "f:99: unknown option 'bogus98'");
	assert_string_equal(config_message(cfg, 99), "f: 51 more problems "
	    "not shown");
	free(text);
	config_free(cfg);
}

static void
test_print(void **state)
{
	char *text = NULL, *man = NULL;
	size_t len = 0, i;
	FILE *fp;

	(void)state;
	fp = open_memstream(&text, &len);
	config_print_options(fp, CONFIG_PRINT_TEXT);
	fclose(fp);
	fp = open_memstream(&man, &len);
	config_print_options(fp, CONFIG_PRINT_MAN);
	fclose(fp);
	assert_non_null(strstr(text, "  sort               newest|oldest "
	    "(default \"newest\")\n"));
	assert_non_null(strstr(text, "  wrap-width         0-1000 "
	    "(default \"80\")\n"));
	assert_non_null(strstr(man, ".TP\n.BI \"show\\-read \" \"yes|no\"\n"
	    "list stories already read (default: \\(lqyes\\(rq).\n"));
	for (i = 0; i < config_option_count(); i++) {
		const struct config_option *o = config_option_get(i);

		assert_non_null(strstr(text, o->name));
		assert_non_null(o->help);
	}
	assert_null(config_option_get(i));
	free(text);
	free(man);
}

/* The man page documents every option, as it would be written there
 * (roff escapes the hyphens). */
static void
test_man_page_lists_options(void **state)
{
	const char *top = getenv("top_srcdir");
	char *path, *man, *err = NULL;
	size_t len, i;

	(void)state;
	if (top == NULL)
		skip();
	path = xprintf("%s/doc/hearsay.1", top);
	man = file_read(path, 1 << 20, &len, &err);
	assert_non_null(man);
	for (i = 0; i < config_option_count(); i++) {
		const char *name = config_option_get(i)->name, *p;
		struct buf want = BUF_INIT;

		buf_addstr(&want, ".BI \"");
		for (p = name; *p != '\0'; p++)
			buf_addstr(&want, *p == '-' ? "\\-" : (char[]){ *p, 0 });
		if (strstr(man, buf_str(&want)) == NULL)
			fail_msg("option %s is not in %s", name, path);
		buf_free(&want);
	}
	free(man);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_good_file),
		cmocka_unit_test(test_bad_file),
		cmocka_unit_test(test_layering_and_nonl),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_set),
		cmocka_unit_test(test_messages_safe_and_capped),
		cmocka_unit_test(test_print),
		cmocka_unit_test(test_man_page_lists_options),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
