#!/bin/sh
# tests/test_ui_columns.sh - every column is as wide as what it holds and
# the window allows, at 40x12, 80x24 and 200x60: counts of 10,000 and
# more in the Sources view, long source and feed names, the help screen's
# keys, action names and descriptions, the Attribution pane's names.
# Columns never touch (a space at least between them), and nothing that
# fits is cut.  A story with many quotes opens at 40x12 with its panes
# folded, its first sentence on the first screen.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

db="$TMP/store.db"
ui_mkstore "$db" <"$top_srcdir/tests/ui/columns.spec"
# Opening a story marks it read: each reader starts on a fresh copy.
cp "$db" "$TMP/fresh.db"
mkdir -p "$TMP/config/hearsay"
# Every story counts in the Sources view; story text as wide as the
# window.
printf 'sources-days 36500\nwrap-width 0\n' >"$TMP/config/hearsay/config"
fed="Northern Atlantic Federation of Shipping Authorities"

# touching REGEX: the screen has no line where REGEX matches (two
# columns run together).
touching() {
	if ui_screen | grep -Eq -- "$1"; then
		not_ok "$2"; ui_screen | sed 's/^/  | /'
	else
		ok "$2"
	fi
}

# size W H: the pane at W x H, the reader started afresh on the feeds.
size() {
	tm resize-window -x "$1" -y "$2"
	ui_run clear
	rm -f "$db-wal" "$db-shm"
	cp "$TMP/fresh.db" "$db"
	ui_reader
}

ui_start 200 60
ui_reader

# -- the Sources view ---------------------------------------------------
ui_keys S
expect_screen "200: sources" "^ Sources ─ last 36500 days"
expect_screen "200: a count of 12002, the name, the details" \
    "^12002 Marta Quill +12002 quotes · 12002 cites$"
expect_screen "200: a long name whole" "^12001 $fed +0 quotes · 12001 cites$"
expect_screen "200: small counts right-aligned" "^    2 Tomas Brandt "
touching "^[0-9]+[^ 0-9]" "200: counts never touch the names"
ui_keys Enter
expect_screen "200: a name's stories, bounded, say so" \
    "^ Marta Quill ─ [0-9]+ stories \\(the newest of 12002\\)"
ui_quit

size 80 24
ui_keys S
expect_screen "80: the details beside the names" \
    "^12002 Marta Quill +12002 quotes · 12002 cites$"
expect_screen "80: the long name cut, a space after it" \
    "^12001 Northern Atlantic Federation of Shipping Autho… +0 quotes · 12001 cites$"
touching "^[0-9]+[^ 0-9]" "80: counts never touch the names"
ui_quit

size 40 12
ui_keys S
expect_screen "40: short details" "^12002 Marta Quill +12002q 12002c$"
expect_screen "40: a long name cut, a space after it" \
    "^12001 Northern Atlantic F… +0q 12001c$"
touching "^[0-9]+[^ 0-9]" "40: counts never touch the names"
touching "…[^ ]" "40: nothing runs into a cut name"
ui_quit

# -- the help screen -----------------------------------------------------
size 200 60
ui_keys '?'
expect_screen "200: help, the longest action name apart" \
    "^ a +toggle-attribution +fold or unfold"
expect_screen "200: the widest keys apart" "^ 1 2 3 4 5 6 7 8 9 +open-link-N +"
expect_screen "200: unbound apart" "^ \\(unbound\\) +search-next +next match"
expect_screen "200: a long description whole" \
    "next unread story, across feeds \\(next match after a search\\)$"
ui_quit

size 80 24
ui_keys '?'
expect_screen "80: help, the longest action name apart" \
    "^ a +toggle-attribution +fold or unfold"
touching "[a-z]-[a-z]+[a-z](fold|move|mark|open|search|show|list|go|one|quit)" \
    "80: no action name runs into its description"
ui_quit

size 40 12
ui_keys '?' j j j j j j j j j j j j j j j j j j j j
expect_screen "40: help without names, keys apart" "^ a +fold or unfold"
expect_not_screen "40: no action names" "toggle-attribution"
ui_quit

# -- the story list and the Attribution pane ------------------------------
size 200 60
ui_keys g Enter
expect_screen "200: the feed column, cut at a quarter, a space after it" \
    "^●  2025-11-24  1q  2s Port News of the Northern Atlantic Harbour Towns… Generated story 1$"
expect_screen "200: a short feed name in the column" \
    "^●  2025-11-24  4q  6s Harbour Log {39}North quay closes for dredging after the winter storms$"
ui_keys Enter
expect_screen "200: the story opens with its panes" "^ ▾ Quotes  4"
expect_screen "200: a long source name whole" "^   $fed  reported$"
expect_screen "200: short names in the same column" \
    "^   Marta Quill {43}said$"
ui_quit

# -- the story view at 40x12 -----------------------------------------------
size 40 12
# The question of a large mark fits the status line.
ui_keys C
expect_screen "40: the question whole" "^Mark all 12002 stories read\\? \\(y/n\\)$"
ui_keys n
expect_screen "40: cancelled" "^Cancelled"
ui_keys g Enter Enter
expect_screen "40: the panes folded" "^ ▸ Attribution  6 sources"
expect_screen "40: the quotes too" "^ ▸ Quotes  4"
expect_screen "40: the first sentence on the first screen" \
    "^ LISBON \\(Harbourwire\\) - The port"
ui_keys a
expect_screen "40: a unfolds the sources" "^ ▾ Attribution  6 sources"
expect_screen "40: a long name cut, apart from its cue" \
    "^   Northern Atla…  reported$"
# The next story opens folded again: the room is made each time.
ui_keys n
expect_screen "40: the next story" "Ferry timetable changes"
expect_screen "40: its panes folded" "^ ▸ Quotes  4"
expect_screen "40: its text on the first screen" "^ \"The early boat will leave"
# Unread again, back to the list; a large window opens it with the
# panes as they were chosen.
ui_keys N q
expect_screen "40: back in the list" "^ All unread stories"
tm resize-window -x 200 -y 60
ui_keys C-l
expect_screen "200 again: the list redrawn at the width" \
    "^ All unread stories ─ .{120,} unread$"
ui_keys Enter
expect_screen "200 again: the panes open" "^ ▾ Quotes  4"
expect_screen "200 again: the quotes shown" "^   Tomas Brandt, a ferry company spokesman — said"
ui_quit
expect_screen "the reader exits 0" "^EXIT=0"
finish
