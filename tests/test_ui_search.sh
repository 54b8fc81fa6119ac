#!/bin/sh
# tests/test_ui_search.sh - `/` in the lists searches every story (FTS5)
# and lists the matches; `/` in a story finds in its text, highlights the
# matches, and n/N step through them.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

db="$TMP/store.db"
{
	cat "$top_srcdir/tests/ui/fixture.spec"
	printf 'feed\thttps://long.test/feed\tLong Reads\tlong\n'
	printf 'story\t1764003000\tA very long story\nbody\t'
	k=1
	while [ "$k" -le 60 ]; do
		case $k in
		10) printf '<p>Paragraph %d holds the needle one.</p>' "$k" ;;
		50) printf '<p>Paragraph %d holds the needle two.</p>' "$k" ;;
		*) printf '<p>Paragraph %d is filler.</p>' "$k" ;;
		esac
		k=$((k + 1))
	done
	printf '\n'
} | ui_mkstore "$db"
ui_start 80 24
ui_reader

# Story search from the feed list: the matches as a story list.
ui_keys /
expect_screen "search prompt" "^Search stories:"
ui_keys -l "bridge"
ui_keys Enter
expect_screen "results list" "Search: bridge"
expect_screen "match listed" "Harbour bridge reopens"
expect_not_screen "non-match not listed" "Library extends"
ui_keys Enter
expect_screen "result opens" "The bridge reopened on Monday"
ui_keys q
expect_screen "opened result shown read (and analysed)" \
    "^ {3}2025-11-24 +[0-9]+q +[0-9]+s +Alpha News +Harbour bridge"
ui_keys q

# Text search finds body words too; nothing found says so.
ui_keys /
ui_keys -l "library nine"
ui_keys Enter
expect_screen "body words found" "Library extends opening hours"
ui_keys q /
ui_keys -l "zebra"
ui_keys Enter
expect_screen "no match says so" "No story matches zebra"
ui_keys /
ui_keys -l '"unbalanced'
ui_keys Enter
expect_screen "bad query reported" "^Search: "
expect_screen "still in the feed list" "Feeds \\("
# Esc cancels the prompt.
ui_keys /
ui_keys -l "abc"
ui_keys Escape
expect_not_screen "Esc closes the prompt" "^Search stories: abc"

# Find in the story: the match scrolls into view and is highlighted.
ui_keys G k Enter Enter
expect_screen "long story open" "Paragraph 1 is filler"
ui_keys End
expect_screen "End: the end of the story" "Paragraph 60 is filler"
expect_screen "End: 100%" "Long Reads .* 100%"
ui_keys Home
expect_screen "Home: the top" "Paragraph 1 is filler"
ui_keys PageDown
expect_not_screen "PgDn: the header scrolled away" "A very long story"
ui_keys PageUp
expect_screen "PgUp: back to the header" "A very long story"
ui_keys /
ui_keys -l "needle"
ui_keys Enter
expect_screen "first match in view" "needle one"
expect_attr "match highlighted" "$(printf '\033')\\[[0-9;]*mneedle"
ui_keys n
expect_screen "n: next match" "needle two"
expect_not_screen "n: first match scrolled away" "needle one"
ui_keys N
expect_screen "N: previous match" "needle one"
ui_keys /
ui_keys -l "walrus"
ui_keys Enter
expect_screen "not found in the story" "Not found: walrus"
ui_quit
expect_screen "exits 0" "^EXIT=0"
finish
