/*
 * newsboat_keys.c - newsboat's operation and key names in hearsay's words:
 * the one table the config translation and the reader's `bind` lines
 * share, so that a binding pasted from newsboat works either way.
 *
 * Must never name an action the reader's keymap lacks (test_ui_keymap
 * binds every row); an operation hearsay has no counterpart for is
 * absent, and the translation reports it.
 */
#include "config.h"

#include <string.h>

#include "hearsay/newsboat.h"
#include "hearsay/util.h"
#include "newsboat_int.h"

/* newsboat's operation -> hearsay's action.  "quit" closes newsboat's
 * current dialog, as hearsay's back does; hard-quit leaves. */
static const struct {
	const char	*op;
	const char	*action;
} newsboat_ops[] = {
	{ "open", "open" },
	{ "quit", "back" },
	{ "close-dialog", "back" },
	{ "hard-quit", "quit" },
	{ "reload", "refresh" },
	{ "reload-all", "refresh-all" },
	{ "mark-feed-read", "mark-feed-read" },
	{ "mark-all-feeds-read", "mark-all-read" },
	{ "next-unread", "next-unread" },
	{ "prev-unread", "prev-unread" },
	{ "open-in-browser", "open-link" },
	{ "open-in-browser-noninteractively", "open-link" },
	{ "help", "help" },
	{ "toggle-article-read", "toggle-read" },
	{ "toggle-show-read-feeds", "toggle-show-read" },
	{ "set-tag", "filter-tag" },
	{ "select-tag", "filter-tag" },
	{ "clear-tag", "filter-tag" },
	{ "open-search", "search" },
	{ "redraw", "redraw" },
	{ "up", "up" },
	{ "down", "down" },
	/* The next or previous entry of a list; in the story view hearsay's
	 * up and down scroll (n and p go to the next unread story). */
	{ "next", "down" },
	{ "prev", "up" },
	{ "pageup", "page-up" },
	{ "pagedown", "page-down" },
	{ "home", "home" },
	{ "end", "end" },
	{ "one", "open-link-1" }, { "two", "open-link-2" },
	{ "three", "open-link-3" }, { "four", "open-link-4" },
	{ "five", "open-link-5" }, { "six", "open-link-6" },
	{ "seven", "open-link-7" }, { "eight", "open-link-8" },
	{ "nine", "open-link-9" },
};

/* newsboat's key names, as hearsay writes them (single characters, ^X
 * and F1-F12 are the same in both). */
static const struct {
	const char	*nb;
	const char	*key;
} newsboat_keys[] = {
	{ "ENTER", "Enter" }, { "BACKSPACE", "Backspace" },
	{ "PPAGE", "PgUp" }, { "NPAGE", "PgDn" },
	{ "ESC", "Esc" }, { "TAB", "Tab" }, { "SPACE", "Space" },
	{ "DEL", "Delete" }, { "INS", "Insert" }, { "^[", "Esc" },
	{ "UP", "Up" }, { "DOWN", "Down" }, { "LEFT", "Left" },
	{ "RIGHT", "Right" }, { "HOME", "Home" }, { "END", "End" },
};

const char *
newsboat_action(const char *op)
{
	size_t i;

	for (i = 0; i < nitems(newsboat_ops); i++) {
		if (strcmp(newsboat_ops[i].op, op) == 0)
			return newsboat_ops[i].action;
	}
	return NULL;
}

const char *
newsboat_op(size_t i)
{
	return i < nitems(newsboat_ops) ? newsboat_ops[i].op : NULL;
}

const char *
newsboat_key(const char *key)
{
	size_t i, len = strlen(key);
	long fn;

	for (i = 0; i < nitems(newsboat_keys); i++) {
		if (ascii_casecmp(newsboat_keys[i].nb, key) == 0)
			return newsboat_keys[i].key;
	}
	if (len == 2 && key[0] == '^' && key[1] != '\0')
		return key;
	if ((key[0] == 'F' || key[0] == 'f') && parse_long(key + 1, 1, 12,
	    &fn) == 0)
		return key;
	/* One character, in UTF-8: one lead byte and its continuations. */
	for (i = 1; i < len && ((unsigned char)key[i] & 0xc0) == 0x80; i++)
		;
	return len > 0 && i == len && (unsigned char)key[0] >= 0x20 ? key :
	    NULL;
}

