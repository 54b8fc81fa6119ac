/*
 * ui_keymap.c - the action table, key names and the bindings between them.
 *
 * Adding an action is one row in `actions`; a default binding is one row in
 * `defaults`; the config's `bind KEY ACTION` lines go through the same
 * parser.  The help screen is generated from the live bindings here, so it
 * never lies.  Knows nothing of views: they interpret the actions.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "hearsay/buf.h"
#include "hearsay/newsboat.h"
#include "hearsay/text.h"
#include "hearsay/util.h"
#include "ui/ui.h"

struct keymap_action {
	const char	*name;
	enum ui_action	 action;
	const char	*help;
};

/* In the order the help screen lists them. */
static const struct keymap_action actions[] = {
	{ "up", UI_ACT_UP, "move up" },
	{ "down", UI_ACT_DOWN, "move down" },
	{ "page-up", UI_ACT_PAGE_UP, "one page up" },
	{ "page-down", UI_ACT_PAGE_DOWN, "one page down" },
	{ "home", UI_ACT_HOME, "go to the first line" },
	{ "end", UI_ACT_END, "go to the last line" },
	{ "open", UI_ACT_OPEN, "open the feed or story" },
	{ "back", UI_ACT_BACK, "go back (quit from the feed list)" },
	{ "quit", UI_ACT_QUIT, "quit hearsay" },
	{ "next-unread", UI_ACT_NEXT_UNREAD,
	  "next unread story, across feeds (next match after a search)" },
	{ "prev-unread", UI_ACT_PREV_UNREAD, "previous unread story" },
	{ "toggle-read", UI_ACT_TOGGLE_READ,
	  "toggle read (previous match after a search)" },
	{ "star", UI_ACT_STAR, "star or unstar the story" },
	{ "mark-feed-read", UI_ACT_MARK_FEED_READ, "mark the feed read" },
	{ "mark-all-read", UI_ACT_MARK_ALL_READ, "mark every feed read" },
	{ "undo", UI_ACT_UNDO, "undo the last mark" },
	{ "toggle-show-read", UI_ACT_TOGGLE_SHOW_READ,
	  "show or hide read stories" },
	{ "filter-tag", UI_ACT_FILTER_TAG,
	  "list only the feeds with a tag (empty: all)" },
	{ "show-error", UI_ACT_SHOW_ERROR, "why the feed's last fetch failed" },
	{ "toggle-quoted", UI_ACT_TOGGLE_QUOTED, "fold or unfold quoted text" },
	{ "toggle-attribution", UI_ACT_TOGGLE_ATTRIBUTION,
	  "fold or unfold the story's Attribution pane" },
	{ "toggle-quotes", UI_ACT_TOGGLE_QUOTES,
	  "fold or unfold the story's Quotes pane" },
	{ "focus-quotes", UI_ACT_FOCUS_QUOTES,
	  "move into the Quotes pane and out (Enter jumps to the quote)" },
	{ "open-link", UI_ACT_OPEN_LINK, "open the story's link" },
	{ "open-link-N", UI_ACT_LINK,
	  "open link N of the story (ten or more: the digits, then Enter)" },
	{ "show-urls", UI_ACT_SHOW_URLS,
	  "list the story's links (Enter opens, y copies)" },
	{ "copy-link", UI_ACT_COPY_LINK,
	  "copy the link to the clipboard (with osc52)" },
	{ "search", UI_ACT_SEARCH, "search stories, or the text of a story" },
	{ "search-next", UI_ACT_SEARCH_NEXT, "next match" },
	{ "search-prev", UI_ACT_SEARCH_PREV, "previous match" },
	{ "refresh", UI_ACT_REFRESH, "refresh this feed" },
	{ "refresh-all", UI_ACT_REFRESH_ALL, "refresh every feed" },
	{ "sources", UI_ACT_SOURCES,
	  "who was quoted and cited in the last days, and where" },
	{ "redraw", UI_ACT_REDRAW, "redraw the screen" },
	{ "suspend", UI_ACT_SUSPEND, "suspend hearsay (fg brings it back)" },
	{ "help", UI_ACT_HELP, "this help" },
};

struct keymap_name {
	const char	*name;
	wint_t		 ch;
	int		 is_code;
};

static const struct keymap_name names[] = {
	{ "Enter", '\n', 0 },
	{ "Space", ' ', 0 },
	{ "Tab", '\t', 0 },
	{ "Esc", 27, 0 },
	{ "Up", KEY_UP, 1 },
	{ "Down", KEY_DOWN, 1 },
	{ "Left", KEY_LEFT, 1 },
	{ "Right", KEY_RIGHT, 1 },
	{ "PgUp", KEY_PPAGE, 1 },
	{ "PgDn", KEY_NPAGE, 1 },
	{ "Home", KEY_HOME, 1 },
	{ "End", KEY_END, 1 },
	{ "Backspace", KEY_BACKSPACE, 1 },
	{ "Delete", KEY_DC, 1 },
	{ "Insert", KEY_IC, 1 },
};

struct keymap_default {
	const char *key;
	const char *action;
};

static const struct keymap_default defaults[] = {
	{ "k", "up" }, { "Up", "up" },
	{ "j", "down" }, { "Down", "down" },
	{ "^B", "page-up" }, { "PgUp", "page-up" }, { "b", "page-up" },
	{ "^F", "page-down" }, { "PgDn", "page-down" }, { "Space", "page-down" },
	{ "g", "home" }, { "Home", "home" },
	{ "G", "end" }, { "End", "end" },
	{ "Enter", "open" }, { "l", "open" }, { "Right", "open" },
	{ "q", "back" }, { "h", "back" }, { "Left", "back" },
	{ "Q", "quit" },
	{ "n", "next-unread" }, { "p", "prev-unread" },
	{ "N", "toggle-read" }, { "s", "star" },
	{ "A", "mark-feed-read" }, { "C", "mark-all-read" },
	{ "u", "undo" },
	{ "t", "toggle-show-read" }, { "F", "filter-tag" },
	{ "e", "show-error" },
	{ "T", "toggle-quoted" },
	{ "a", "toggle-attribution" }, { "\"", "toggle-quotes" },
	{ "Tab", "focus-quotes" },
	{ "o", "open-link" },
	{ "1", "open-link-1" }, { "2", "open-link-2" }, { "3", "open-link-3" },
	{ "4", "open-link-4" }, { "5", "open-link-5" }, { "6", "open-link-6" },
	{ "7", "open-link-7" }, { "8", "open-link-8" }, { "9", "open-link-9" },
	{ "0", "open-link-0" }, { "U", "show-urls" }, { "y", "copy-link" },
	{ "/", "search" },
	{ "r", "refresh" }, { "R", "refresh-all" },
	{ "S", "sources" },
	{ "^L", "redraw" }, { "^Z", "suspend" },
	{ "?", "help" }, { "F1", "help" },
};

struct keymap_binding {
	struct ui_key	 key;
	enum ui_action	 action;
	int		 arg;
};

static struct keymap_binding *bindings;
static size_t n_bindings;

/* Enter arrives as \n, \r or KEY_ENTER, Backspace as DEL, ^H or the code:
 * fold them so one binding covers all. */
static struct ui_key
keymap_norm(const struct ui_key *k)
{
	struct ui_key n = *k;

	if ((!n.is_code && n.ch == '\r') || (n.is_code && n.ch == KEY_ENTER)) {
		n.ch = '\n';
		n.is_code = 0;
	} else if (!n.is_code && (n.ch == 127 || n.ch == 8)) {
		n.ch = KEY_BACKSPACE;
		n.is_code = 1;
	}
	return n;
}

/* The binding of a key, or NULL. */
static struct keymap_binding *
keymap_find(const struct ui_key *k)
{
	struct ui_key n = keymap_norm(k);
	size_t i;

	for (i = 0; i < n_bindings; i++) {
		if (bindings[i].key.ch == n.ch &&
		    bindings[i].key.is_code == n.is_code)
			return &bindings[i];
	}
	return NULL;
}

/* A key name ("j", "^L", "PgDn", "F5") to a key; 0 or -1. */
static int
keymap_parse_key(const char *s, struct ui_key *k)
{
	size_t i, len = strlen(s), used;
	uint32_t cp;
	long fn;

	for (i = 0; i < nitems(names); i++) {
		if (ascii_casecmp(s, names[i].name) == 0) {
			k->ch = names[i].ch;
			k->is_code = names[i].is_code;
			return 0;
		}
	}
	if ((s[0] == 'F' || s[0] == 'f') && parse_long(s + 1, 1, 12, &fn) == 0) {
		k->ch = (wint_t)KEY_F(fn);
		k->is_code = 1;
		return 0;
	}
	if (len == 2 && s[0] == '^' && s[1] >= '@' && s[1] <= '_') {
		k->ch = (wint_t)(s[1] - '@');
		k->is_code = 0;
		return 0;
	}
	if (len == 2 && s[0] == '^' && s[1] >= 'a' && s[1] <= 'z') {
		k->ch = (wint_t)(s[1] - 'a' + 1);
		k->is_code = 0;
		return 0;
	}
	used = utf8_decode(s, len, &cp);
	if (len == 0 || used != len || cp < 0x20 || cp == TEXT_REPLACEMENT)
		return -1;
	k->ch = (wint_t)cp;
	k->is_code = 0;
	return 0;
}

/* The name of a key, as keymap_parse_key reads it, into b. */
static void
keymap_key_name(const struct ui_key *k, struct buf *b)
{
	char u[5];
	size_t i;

	for (i = 0; i < nitems(names); i++) {
		if (names[i].ch == k->ch && names[i].is_code == k->is_code) {
			buf_addstr(b, names[i].name);
			return;
		}
	}
	if (k->is_code && k->ch > KEY_F0 && k->ch <= KEY_F(12)) {
		buf_printf(b, "F%d", (int)(k->ch - KEY_F0));
	} else if (k->is_code) {
		buf_printf(b, "<%d>", (int)k->ch);
	} else if (k->ch < 0x20) {
		buf_printf(b, "^%c", (char)(k->ch + '@'));
	} else {
		buf_add(b, u, utf8_encode((uint32_t)k->ch, u));
	}
}

/* An action name (or "none", "open-link-N" with N a digit, or newsboat's
 * name of it) to the action; 0 or -1. */
static int
keymap_parse_action(const char *name, enum ui_action *a, int *arg)
{
	const char *alias;
	size_t i;

	*arg = 0;
	if (strcmp(name, "none") == 0) {
		*a = UI_ACT_NONE;
		return 0;
	}
	if (strncmp(name, "open-link-", 10) == 0 && name[10] >= '0' &&
	    name[10] <= '9' && name[11] == '\0') {
		*a = UI_ACT_LINK;
		*arg = name[10] - '0';
		return 0;
	}
	for (i = 0; i < nitems(actions); i++) {
		if (actions[i].action != UI_ACT_LINK &&
		    strcmp(actions[i].name, name) == 0) {
			*a = actions[i].action;
			return 0;
		}
	}
	/* newsboat's name (hearsay's own names come first: its "quit" is
	 * hearsay's quit), so that a binding pasted from newsboat works. */
	alias = newsboat_action(name);
	if (alias != NULL && strcmp(alias, name) != 0)
		return keymap_parse_action(alias, a, arg);
	return -1;
}

int
ui_keymap_bind(const char *key, const char *action, char **err)
{
	struct keymap_binding *b;
	struct ui_key k;
	enum ui_action a;
	int arg;

	if (keymap_parse_key(key, &k) == -1)
		return error_set(err, "unknown key '%s'", key);
	if (keymap_parse_action(action, &a, &arg) == -1)
		return error_set(err, "unknown action '%s'", action);
	k = keymap_norm(&k);
	b = keymap_find(&k);
	if (b == NULL) {
		bindings = xreallocarray(bindings, n_bindings + 1,
		    sizeof(*bindings));
		b = &bindings[n_bindings++];
	}
	b->key = k;
	b->action = a;
	b->arg = arg;
	return 0;
}

int
ui_keymap_unbind(const char *key, char **err)
{
	struct keymap_binding *b;
	struct ui_key k;

	if (keymap_parse_key(key, &k) == -1)
		return error_set(err, "unknown key '%s'", key);
	b = keymap_find(&k);
	if (b != NULL) {
		*b = bindings[n_bindings - 1];
		n_bindings--;
	}
	return 0;
}

void
ui_keymap_free(void)
{
	free(bindings);
	bindings = NULL;
	n_bindings = 0;
}

void
ui_keymap_init(void)
{
	size_t i;

	ui_keymap_free();
	for (i = 0; i < nitems(defaults); i++) {
		if (ui_keymap_bind(defaults[i].key, defaults[i].action,
		    NULL) == -1)
			fatal("bad default binding %s", defaults[i].key);
	}
}

enum ui_action
ui_keymap_lookup(const struct ui_key *k, int *arg)
{
	const struct keymap_binding *b = keymap_find(k);

	*arg = b != NULL ? b->arg : 0;
	return b != NULL ? b->action : UI_ACT_NONE;
}

struct ui_help_row *
ui_keymap_help(size_t *n_rows)
{
	struct ui_help_row *rows;
	struct buf b;
	size_t i, j;

	rows = xcalloc(nitems(actions), sizeof(*rows));
	for (i = 0; i < nitems(actions); i++) {
		buf_init(&b, 256);
		for (j = 0; j < n_bindings; j++) {
			if (bindings[j].action != actions[i].action)
				continue;
			if (b.len > 0)
				buf_addc(&b, ' ');
			keymap_key_name(&bindings[j].key, &b);
		}
		rows[i].keys = buf_detach(&b);
		rows[i].name = actions[i].name;
		rows[i].help = actions[i].help;
	}
	*n_rows = nitems(actions);
	return rows;
}

void
ui_keymap_help_free(struct ui_help_row *rows, size_t n)
{
	size_t i;

	if (rows == NULL)
		return;
	for (i = 0; i < n; i++)
		free(rows[i].keys);
	free(rows);
}

const char *
ui_keymap_key_for(enum ui_action a, char *out, size_t size)
{
	struct buf b;
	size_t i;

	for (i = 0; i < n_bindings; i++) {
		if (bindings[i].action != a)
			continue;
		buf_init(&b, size > 0 ? size - 1 : 0);
		keymap_key_name(&bindings[i].key, &b);
		if (b.overflow || b.len + 1 > size) {
			buf_free(&b);
			return NULL;
		}
		memcpy(out, buf_str(&b), b.len + 1);
		buf_free(&b);
		return out;
	}
	return NULL;
}
