#!/bin/sh
# tests/test_ui_search.sh - `/` in the lists searches every story (FTS5)
# and lists the matches, whatever the words hold (apostrophes, hyphens,
# quotes, brackets, stars, colons, non-ASCII: no FTS5 message ever shows);
# `/` in a story finds in its text, highlights the matches, and n/N step
# through them.
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
	# Older stories of the feed, with words users type punctuation in.
	printf "story\t1764002000\tO'Brien wins the vote\nbody\t<p>Pat O'Brien won.</p>\n"
	printf 'story\t1764002100\tData-breach at the port\nbody\t<p>Names leaked.</p>\n'
	printf 'story\t1764002200\tCaf\303\251 reopens on the quay\nbody\t<p>Coffee again.</p>\n'
	printf 'story\t1764002300\tRatio settled\nbody\t<p>It ended foo:bar, 3:1.</p>\n'
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
# Whatever is typed searches, as words.
# odd NAME QUERY FOUND [OTHER]: /QUERY lists FOUND (and not OTHER).
odd() {
	ui_keys /
	ui_keys -l "$2"
	ui_keys Enter
	expect_screen "$1: found" "Long Reads +$3"
	[ -n "${4:-}" ] && expect_not_screen "$1: only the match" "$4"
	no_fts5 "$1"
	ui_keys q
	expect_screen "$1: back in the feed list" "Feeds \\("
}
no_fts5() {
	if ui_screen | grep -Eiq "fts5|syntax error|no such column|sqlite"
	then not_ok "$1: no FTS5 message"; ui_screen | sed 's/^/  | /'
	else ok "$1: no FTS5 message"; fi
}
odd "apostrophe" "O'Brien" "O'Brien wins the vote" "Data-breach"
odd "hyphen" "data-breach" "Data-breach at the port" "O'Brien wins"
odd "open quote" '"data breach' "Data-breach at the port" "O'Brien wins"
odd "colon" "foo:bar" "Ratio settled" "Data-breach"
odd "non-ASCII" "café" "Café reopens on the quay" "Ratio settled"
odd "diacritics folded" "cafe" "Café reopens on the quay" "Ratio settled"
odd "prefix" "reop*" "Café reopens on the quay" "Ratio settled"
odd "OR" "quay OR port" "Café reopens on the quay" "Ratio settled"
# Nothing searchable: no story, said plainly.
for q in "(" "*" '"' ")" "AND" "NOT (" "-"; do
	ui_keys /
	ui_keys -l "$q"
	ui_keys Enter
	case $q in
	AND) expect_screen "/$q: a word like any" "No story matches AND" ;;
	*) expect_screen "/$q: no story" "No story matches" ;;
	esac
	no_fts5 "/$q"
	expect_screen "/$q: still in the feed list" "Feeds \\("
done
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
# N before the first match wraps round to the last; n after the last
# wraps round to the first; each says so.
ui_keys N
expect_screen "N at the first match: wrapped to the last" "needle two"
expect_screen "N: says it wrapped" "^/needle: search wrapped to the bottom"
ui_keys n
expect_screen "n at the last match: wrapped to the first" "needle one"
expect_screen "n: says it wrapped" "^/needle: search wrapped to the top"
ui_keys n
expect_screen "n: on to the next match, no wrap said" "^/needle\$"
# A story's only match is found again, not "not found".
ui_keys /
ui_keys -l "Paragraph 60"
ui_keys Enter
expect_screen "the one match" "^/Paragraph 60\$"
ui_keys n
expect_screen "n on the one match: found again" \
    "^/Paragraph 60: search wrapped to the top"
expect_not_screen "n on the one match: not 'not found'" "Not found"
ui_keys /
ui_keys -l "walrus"
ui_keys Enter
expect_screen "not found in the story" "Not found: walrus"
ui_quit
expect_screen "exits 0" "^EXIT=0"
finish
