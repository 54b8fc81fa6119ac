#!/bin/sh
# tests/test_ui_marks.sh - marking many stories read at once asks first:
# A on a feed and C (and A on "All unread stories") past
# confirm-mark-threshold stories put a y/n question on the status line;
# y marks, anything else cancels and marks nothing; under the threshold,
# or with the confirm-mark-* options off, nothing is asked.  The undo of
# a large mark restores exactly the stories it marked, not one read
# before it; a mark with nothing to mark leaves the undo as it was.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

db="$TMP/store.db"
printf 'feed\thttps://big.test/feed\tBig Feed\tbig\nmany\t300\t1764000000\n' >"$TMP/spec"
printf 'feed\thttps://small.test/feed\tSmall Feed\tsmall\nmany\t5\t1763000000\n' >>"$TMP/spec"
ui_mkstore "$db" <"$TMP/spec"
ui_start 80 24
ui_reader
expect_screen "the feeds" "300/300  Big Feed"
expect_screen "the count" " 305 unread$"

# One story of Big Feed read by hand: the undo must leave it read.
ui_keys Enter
expect_screen "Big Feed opens" "Big Feed ─ 1 of 300"
ui_keys N
expect_screen "one read" " 304 unread$"
# A in the list of 299 unread asks; n cancels.
ui_keys A
expect_screen "A asks first" "^Mark 299 stories read\\? \\(y/n\\)"
ui_keys n
expect_screen "n cancels" "^Cancelled"
expect_screen "nothing marked" " 304 unread$"
ui_keys q

# C asks; Escape cancels; y marks every feed.
ui_keys C
expect_screen "C asks first" "^Mark all 304 stories read\\? \\(y/n\\)"
ui_keys Escape
expect_screen "Escape cancels" "^Cancelled"
expect_screen "still nothing marked" " 304 unread$"
ui_keys C
expect_screen "C asks again" "^Mark all 304 stories read\\? \\(y/n\\)"
ui_keys y
expect_screen "y marks" "^Marked 304 stories read \\(u undoes\\)"
expect_screen "all read" " 0 unread$"
# Nothing left to mark: said, and the undo is still the last mark's.
ui_keys C
expect_screen "nothing left to mark" "^No unread stories to mark read"
ui_keys u
expect_screen "the undo" "^Undone: 304 stories"
expect_screen "exactly the marked ones unread again" " 304 unread$"
expect_screen "Big Feed as before" "299/300  Big Feed"

# A on the small feed (5, under the threshold) asks nothing.
ui_keys j
ui_keys A
expect_screen "a small mark is not asked" "^Marked 5 stories read"
ui_keys u
expect_screen "and undone" "^Undone: 5 stories"
# A on "All unread stories" is a mark of every feed: asked.
ui_keys g A
expect_screen "A on All unread asks" "^Mark all 304 stories read\\? \\(y/n\\)"
ui_keys x
expect_screen "any other key cancels" "^Cancelled"
expect_screen "nothing marked by it" " 304 unread$"
ui_quit
expect_screen "the reader exits 0" "^EXIT=0"

# The options: a threshold of 2 asks for the small feed; every feed's
# mark not confirmed asks nothing.
mkdir -p "$TMP/config/hearsay"
printf 'confirm-mark-threshold 2\nconfirm-mark-all-feeds-read no\n' \
    >"$TMP/config/hearsay/config"
ui_run clear
ui_reader
expect_screen "the feeds again" "Small Feed"
ui_keys j A
expect_screen "threshold 2: the small feed asks" "^Mark 5 stories read\\? \\(y/n\\)"
ui_keys y
expect_screen "and is marked" " 299 unread$"
ui_keys C
expect_screen "C not confirmed: marked at once" "^Marked 299 stories read"
expect_screen "everything read" " 0 unread$"
ui_quit
check "nothing on stderr" test ! -s "$TMP/reader.err"
finish
