#!/bin/sh
# tests/test_ui_demo.sh - `hearsay --demo` on a terminal: the README's first
# command ends here, so it must open the reader on the demo stories with no
# network and leave the user's own files alone.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

ui_start 100 30
ui_run "env LANG=C.UTF-8 XDG_CONFIG_HOME=$TMP/config XDG_DATA_HOME=$TMP/data HEARSAY_DEMO_DIR=$top_srcdir/demo $HEARSAY --demo 2>$TMP/reader.err; echo EXIT=\$?"
expect_screen "the reader opens on the demo" "unread"
expect_screen "a demo feed is listed" "Tech Briefs"
expect_screen "the JSON feed is listed" "Markets"
ui_keys g Enter
expect_screen "all unread stories across the demo feeds" "All unread stories .* of 41"
ui_keys Enter
expect_screen "a story opens with its link" "https?://"
ui_keys q q
ui_quit
expect_screen "the reader exits 0" "^EXIT=0"
check "the demo store is under the data dir" test -s "$TMP/data/hearsay/demo/demo.db"
check "the user's store is untouched" test ! -e "$TMP/data/hearsay/hearsay.db"
check "the user's urls file is untouched" test ! -e "$TMP/config/hearsay/urls"

finish
