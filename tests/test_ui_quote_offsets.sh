#!/bin/sh
# tests/test_ui_quote_offsets.sh - the quotes are placed in the story's
# text by the engine's offsets, not by looking for their words: the quote
# holds a link (whose "[1]" the text shows and the quote's words do not),
# a sentence before it shares its first words, and that sentence is not
# marked, the quote is; Enter in the Quotes pane scrolls to the quote's line and
# highlights it, at 80x24, at 40x12 (the quote wrapped over lines, every
# one of them marked), and a resize keeps the text at the top in sight.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

db="$TMP/store.db"
{
	printf 'feed\thttps://river.test/feed\tRiver Post\triver\n'
	printf 'story\t1764000000\tBridge opening date\nbody\t'
	printf '<p>A sign at the site reads that the new bridge will open in May, whatever the forecast.</p>'
	k=1
	while [ "$k" -le 24 ]; do
		printf '<p>Note %d on the river works and the tides.</p>' "$k"
		k=$((k + 1))
	done
	printf '<p>&ldquo;the new bridge will open in May, whatever the <a href="https://river.test/weather">weather</a> does to the river,&rdquo; said Lina Costa, the mayor.</p>'
	printf '<p>The last note is about the ferry.</p>\n'
} | ui_mkstore "$db"
cp "$db" "$TMP/fresh.db"
fresh() { rm -f "$db-wal" "$db-shm"; cp "$TMP/fresh.db" "$db"; }
esc=$(printf '\033')
hl="$esc\\[[0-9;]*43m"	# the highlight of the quote jumped to
sgr="($esc\\[[0-9;]*m)*"

# The line holding REGEX, with its attributes.
line_attr() { tm capture-pane -p -e | grep -E -- "$1" | head -n 1; }

ui_start 80 24
ui_reader
ui_keys Enter Enter
expect_screen "story opens" "A sign at the site reads"
expect_screen "the quote in the pane" "^   Lina Costa, the mayor — said"
# The sentence that shares the quote's words is plain text.
if line_attr 'sign at the site' | grep -Eq "that $esc\\["; then
	not_ok "the sentence before is not marked"
else ok "the sentence before is not marked"; fi
# Tab, Enter: to the quote, highlighted, on screen.
ui_keys Tab
expect_screen "Tab: in the Quotes pane" "Quote 1 of 1"
ui_keys Enter
expect_screen "80x24: the quote's line on screen" \
    '^ “the new bridge will open in May, whatever the weather'
expect_not_screen "80x24: the panes scrolled away" "Attribution  "
expect_attr "80x24: the quote highlighted" "“$sgr${hl}${sgr}the new bridge"
if line_attr 'sign at the site' | grep -q "43m"; then
	not_ok "80x24: the sentence before not highlighted"
else ok "80x24: the sentence before not highlighted"; fi

# A resize to 40x12 keeps the quote at the top, wrapped, every line of
# it highlighted.
tm resize-window -x 40 -y 12
expect_screen "resize: the quote still on screen" \
    '^ “the new bridge will open in May,$'
expect_attr "resize: its first line highlighted" \
    "“$sgr${hl}${sgr}the new bridge"
expect_attr "resize: its second line highlighted" \
    "^$sgr $sgr${hl}${sgr}whatever the weather"
# The highlight ends with the quote's words, before its closing mark.
expect_attr "resize: its last words highlighted, up to the mark" \
    "^$sgr $sgr${hl}${sgr}river,($esc\\[[0-9;]*m)+”"
ui_quit

# Opened at 40x12 from the start: the panes fold, Tab opens the Quotes
# pane, Enter jumps.
ui_run clear
fresh
tm resize-window -x 40 -y 12
ui_reader
ui_keys Enter Enter
expect_screen "40x12: story opens" "A sign at the site"
ui_keys Tab
expect_screen "40x12: in the Quotes pane" "Quote 1 of 1"
ui_keys Enter
expect_screen "40x12: the quote's line on screen" \
    '^ “the new bridge will open in May,$'
expect_attr "40x12: the quote highlighted" "“$sgr${hl}${sgr}the new bridge"
# And back to 80x24: the quote's paragraph stays in sight.
tm resize-window -x 80 -y 24
expect_screen "80x24 again: the quote on screen" \
    '^ “the new bridge will open in May, whatever the weather'
expect_attr "80x24 again: still highlighted" "${hl}${sgr}the new bridge"
ui_quit
expect_screen "clean exit" "^EXIT=0"

finish
