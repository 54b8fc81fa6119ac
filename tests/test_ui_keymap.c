/*
 * test_ui_keymap.c - the reader's keymap: key names, default bindings,
 * bind/unbind lines and the help rows generated from the live bindings.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "hearsay/newsboat.h"
#include "hearsay/util.h"
#include "ui/ui.h"

struct lookup_case {
	wint_t		 ch;
	int		 is_code;
	enum ui_action	 action;
	int		 arg;
};

/* Default bindings: vi keys and the terminal's keys both, Enter however
 * it arrives, digits carry their link number. */
static const struct lookup_case defaults[] = {
	{ 'j', 0, UI_ACT_DOWN, 0 },
	{ KEY_DOWN, 1, UI_ACT_DOWN, 0 },
	{ 'k', 0, UI_ACT_UP, 0 },
	{ KEY_UP, 1, UI_ACT_UP, 0 },
	{ KEY_NPAGE, 1, UI_ACT_PAGE_DOWN, 0 },
	{ KEY_PPAGE, 1, UI_ACT_PAGE_UP, 0 },
	{ KEY_HOME, 1, UI_ACT_HOME, 0 },
	{ KEY_END, 1, UI_ACT_END, 0 },
	{ '\n', 0, UI_ACT_OPEN, 0 },
	{ '\r', 0, UI_ACT_OPEN, 0 },
	{ KEY_ENTER, 1, UI_ACT_OPEN, 0 },
	{ 'q', 0, UI_ACT_BACK, 0 },
	{ KEY_LEFT, 1, UI_ACT_BACK, 0 },
	{ 'Q', 0, UI_ACT_QUIT, 0 },
	{ 'n', 0, UI_ACT_NEXT_UNREAD, 0 },
	{ 'N', 0, UI_ACT_TOGGLE_READ, 0 },
	{ 'u', 0, UI_ACT_UNDO, 0 },
	{ 12, 0, UI_ACT_REDRAW, 0 },
	{ 26, 0, UI_ACT_SUSPEND, 0 },
	{ '3', 0, UI_ACT_LINK, 3 },
	{ '9', 0, UI_ACT_LINK, 9 },
	{ '?', 0, UI_ACT_HELP, 0 },
	{ KEY_F(1), 1, UI_ACT_HELP, 0 },
	{ 'a', 0, UI_ACT_TOGGLE_ATTRIBUTION, 0 },
	{ '"', 0, UI_ACT_TOGGLE_QUOTES, 0 },
	{ '\t', 0, UI_ACT_FOCUS_QUOTES, 0 },
	{ 'z', 0, UI_ACT_NONE, 0 },
	{ KEY_F(5), 1, UI_ACT_NONE, 0 },
};

static void
test_defaults(void **state)
{
	struct ui_key k;
	size_t i;
	int arg;

	(void)state;
	ui_keymap_init();
	for (i = 0; i < nitems(defaults); i++) {
		k.ch = defaults[i].ch;
		k.is_code = defaults[i].is_code;
		assert_int_equal(ui_keymap_lookup(&k, &arg), defaults[i].action);
		assert_int_equal(arg, defaults[i].arg);
	}
	ui_keymap_free();
}

struct bind_case {
	const char	*key;
	const char	*action;
	int		 rc;
	const char	*err;
};

static const struct bind_case binds[] = {
	{ "x", "quit", 0, NULL },
	{ "^X", "redraw", 0, NULL },
	{ "^y", "star", 0, NULL },
	{ "F5", "refresh-all", 0, NULL },
	{ "PgDn", "end", 0, NULL },
	{ "Space", "open-link-4", 0, NULL },
	{ "\xc3\xa9", "search", 0, NULL },		/* é */
	{ "F13", "quit", -1, "unknown key 'F13'" },
	{ "xy", "quit", -1, "unknown key 'xy'" },
	{ "^", "quit", 0, NULL },			/* a plain caret */
	{ "\x1b", "quit", -1, "unknown key '\x1b'" },
	{ "j", "jump", -1, "unknown action 'jump'" },
	{ "z", "open-link-0", 0, NULL },
	{ "j", "open-link-10", -1, "unknown action 'open-link-10'" },
	{ "j", "open-link-N", -1, "unknown action 'open-link-N'" },
};

static void
test_bind(void **state)
{
	struct ui_key k;
	char *err = NULL;
	size_t i;
	int arg;

	(void)state;
	ui_keymap_init();
	for (i = 0; i < nitems(binds); i++) {
		assert_int_equal(ui_keymap_bind(binds[i].key, binds[i].action,
		    &err), binds[i].rc);
		if (binds[i].err != NULL)
			assert_string_equal(err, binds[i].err);
		xfree(err);
	}
	k.is_code = 0;
	k.ch = 'x';
	assert_int_equal(ui_keymap_lookup(&k, &arg), UI_ACT_QUIT);
	k.ch = 24;
	assert_int_equal(ui_keymap_lookup(&k, &arg), UI_ACT_REDRAW);
	k.ch = 25;
	assert_int_equal(ui_keymap_lookup(&k, &arg), UI_ACT_STAR);
	k.ch = ' ';
	assert_int_equal(ui_keymap_lookup(&k, &arg), UI_ACT_LINK);
	assert_int_equal(arg, 4);
	k.ch = 0xe9;
	assert_int_equal(ui_keymap_lookup(&k, &arg), UI_ACT_SEARCH);
	k.is_code = 1;
	k.ch = KEY_F(5);
	assert_int_equal(ui_keymap_lookup(&k, &arg), UI_ACT_REFRESH_ALL);
	k.ch = KEY_NPAGE;
	assert_int_equal(ui_keymap_lookup(&k, &arg), UI_ACT_END);
	/* Unbinding, and binding "none", leave the key doing nothing. */
	assert_int_equal(ui_keymap_unbind("Q", &err), 0);
	assert_int_equal(ui_keymap_bind("j", "none", &err), 0);
	k.is_code = 0;
	k.ch = 'Q';
	assert_int_equal(ui_keymap_lookup(&k, &arg), UI_ACT_NONE);
	k.ch = 'j';
	assert_int_equal(ui_keymap_lookup(&k, &arg), UI_ACT_NONE);
	assert_int_equal(ui_keymap_unbind("NoSuchKey", &err), -1);
	xfree(err);
	ui_keymap_free();
}

/* newsboat's operation names bind as their hearsay actions (every row
 * of the alias table names an action the keymap has), and hearsay's own
 * names win where both have one: "quit" is hearsay's quit. */
static void
test_newsboat_names(void **state)
{
	static const struct {
		const char	*op;
		enum ui_action	 action;
		int		 arg;
	} cases[] = {
		{ "open-in-browser", UI_ACT_OPEN_LINK, 0 },
		{ "toggle-article-read", UI_ACT_TOGGLE_READ, 0 },
		{ "mark-all-feeds-read", UI_ACT_MARK_ALL_READ, 0 },
		{ "reload-all", UI_ACT_REFRESH_ALL, 0 },
		{ "hard-quit", UI_ACT_QUIT, 0 },
		{ "quit", UI_ACT_QUIT, 0 },
		{ "pagedown", UI_ACT_PAGE_DOWN, 0 },
		{ "open-search", UI_ACT_SEARCH, 0 },
		{ "three", UI_ACT_LINK, 3 },
	};
	struct ui_key k = { 'x', 0 };
	char *err = NULL;
	const char *op;
	size_t i;
	int arg;

	(void)state;
	ui_keymap_init();
	for (i = 0; (op = newsboat_op(i)) != NULL; i++) {
		if (ui_keymap_bind("x", op, &err) != 0)
			fail_msg("newsboat's %s: %s", op, err);
		assert_int_not_equal(ui_keymap_lookup(&k, &arg), UI_ACT_NONE);
	}
	for (i = 0; i < nitems(cases); i++) {
		assert_int_equal(ui_keymap_bind("x", cases[i].op, &err), 0);
		assert_int_equal(ui_keymap_lookup(&k, &arg), cases[i].action);
		assert_int_equal(arg, cases[i].arg);
	}
	assert_int_equal(ui_keymap_bind("x", "next-feed", &err), -1);
	assert_string_equal(err, "unknown action 'next-feed'");
	xfree(err);
	ui_keymap_free();
}

/* The help rows follow the live bindings. */
static void
test_help(void **state)
{
	struct ui_help_row *rows;
	char key[32];
	size_t n, i, found = 0;

	(void)state;
	ui_keymap_init();
	assert_int_equal(ui_keymap_bind("x", "quit", NULL), 0);
	assert_int_equal(ui_keymap_unbind("Q", NULL), 0);
	rows = ui_keymap_help(&n);
	for (i = 0; i < n; i++) {
		if (strcmp(rows[i].name, "quit") == 0) {
			assert_string_equal(rows[i].keys, "x");
			found++;
		} else if (strcmp(rows[i].name, "down") == 0) {
			assert_string_equal(rows[i].keys, "j Down");
			found++;
		} else if (strcmp(rows[i].name, "open-link-N") == 0) {
			assert_string_equal(rows[i].keys,
			    "1 2 3 4 5 6 7 8 9 0");
			found++;
		} else if (strcmp(rows[i].name, "redraw") == 0) {
			assert_string_equal(rows[i].keys, "^L");
			found++;
		}
	}
	assert_int_equal(found, 4);
	ui_keymap_help_free(rows, n);
	assert_string_equal(ui_keymap_key_for(UI_ACT_OPEN, key, sizeof(key)),
	    "Enter");
	assert_null(ui_keymap_key_for(UI_ACT_QUIT, key, 1));
	ui_keymap_free();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_bind),
		cmocka_unit_test(test_newsboat_names),
		cmocka_unit_test(test_help),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
