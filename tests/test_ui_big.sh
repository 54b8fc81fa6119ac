#!/bin/sh
# tests/test_ui_big.sh - a feed of 10000 stories: the list widget fetches
# rows on demand, so the ends of the list are reached at once and marks
# keep the counts right.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

db="$TMP/store.db"
printf 'feed\thttps://big.test/feed\tBig Feed\tbig\nmany\t10000\t1764000000\n' |
    ui_mkstore "$db"
ui_start 80 24
ui_reader
expect_screen "count of the big feed" "^● +10000/10000  Big Feed"
expect_screen "unread total" " 10000 unread"
ui_keys Enter
expect_screen "first row" "Big Feed .* 1 of 10000"
expect_screen "newest first" "Generated story 1$"
# Redraws send only what changed: a cursor move costs a fraction of a
# full repaint (Ctrl-L) of the same screen.  The bytes are counted from
# the pane's output (pipe-pane); the repaint's are waited for until there
# are enough, so a slow pipe can only make the move look cheaper, never
# fail the test.
out="$TMP/pane.out"
: >"$out"
tm pipe-pane -o "cat >>'$out'"
piped() { [ "$(tm display-message -p '#{pane_pipe}')" = 1 ]; }
check "the pane's output piped" wait_until 60 piped
ui_keys j
expect_screen "moved" "Big Feed .* 2 of 10000"
size() { wc -c <"$out" | tr -d ' '; }
some() { [ "$(size)" -gt 0 ]; }
check "the move's bytes arrive" wait_until 60 some
moved=$(size)
ui_keys C-l
repainted() { [ $(($(size) - moved)) -gt $((moved * 4)) ]; }
wait_until 60 repainted
full=$(($(size) - moved))
tm pipe-pane
check "a move sends under a quarter of a repaint ($moved vs $full bytes)" \
    test "$((moved * 4))" -lt "$full"
ui_keys k
ui_keys End
expect_screen "End reaches the last row" "Big Feed .* 10000 of 10000"
expect_screen "last row drawn" "Generated story 10000 *$"
ui_keys PageUp
expect_screen "PgUp from the end" "Big Feed .* 997[0-9] of 10000"
ui_keys N
expect_screen "mark one read" " 9999 unread"
ui_keys Home
expect_screen "Home" "Big Feed .* 1 of 10000"
ui_keys A
expect_screen "a mark of 9999 asks first" "^Mark 9999 stories read\\? \\(y/n\\)"
ui_keys y
expect_screen "mark the feed read" " 0 unread"
ui_keys u
expect_screen "undo 9999 marks" " 9999 unread"
# p and n step over the read story to the unread ones.
ui_keys End p
expect_screen "p: previous unread" "Big Feed .* 9999 of 10000"
ui_keys n
expect_screen "n: next unread" "Big Feed .* 10000 of 10000"
ui_keys n
expect_screen "n at the end: none left" "No more unread stories"
expect_screen "n at the end: still in the list" "Big Feed .* 10000 of 10000"
ui_quit
expect_screen "exits 0" "^EXIT=0"
finish
