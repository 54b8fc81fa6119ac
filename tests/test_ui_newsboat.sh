#!/bin/sh
# test_ui_newsboat.sh - a newsboat user's first start after hearsay
# import-newsboat: a cache of our own writing (tests/newsboat/ui/cache.sql,
# newsboat's schema) with its urls file and config imported, then the
# real reader in tmux: no config problem shown, the feeds of newsboat's
# urls file in its order with newsboat's separator, the counts and the
# star newsboat's state gives, the translated binding doing its work, and
# the theme made of newsboat's colours in force.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"
need sqlite3

U="$top_srcdir/tests/newsboat/ui"
NB="$TMP/newsboat"
mkdir -p "$NB"
cp "$U/urls" "$U/config" "$NB/"
sqlite3 "$NB/cache.db" <"$U/cache.sql"

"$HEARSAY" import-newsboat "$NB" >"$TMP/out" 2>"$TMP/err"; rc=$?
expect_eq "import: exit 0" "$rc" 0
check "import: the macro reported with its line" \
    grep -q "^hearsay: $NB/config:6: macro: not translated: " "$TMP/err"
db="$XDG_DATA_HOME/hearsay/hearsay.db"

ui_start 100 24
ui_reader
expect_screen "the feeds, with newsboat's user title" "Harbour"
expect_screen "newsboat's separator line" "ELSEWHERE"
expect_screen "the second feed, by its feed title" "Valley Weekly"
expect_not_screen "no config problem on the status line" "problem|unknown|config:"
# info is white on blue: the title bar (tmux writes SGR 44 for blue).
expect_attr "the theme of newsboat's colours: the title bar" '\[[0-9;]*44m'
# Harbour: two unread of three (one read in newsboat); Valley one of one
# (its other story deleted in newsboat).
expect_screen "Harbour's counts: 2 unread of 3" "2/3 +Harbour"
expect_screen "Valley's counts: 1 of 1" "1/1 +Valley Weekly"
expect_screen "the starred count" "2 +Starred stories"
ui_keys Enter
expect_screen "the stories" "Lighthouse reopens to visitors"
expect_screen "the read one listed" "Ferry timetable changes"
# x is toggle-article-read: the cursor's story flips in the store.
before=$(sqlite3 "$db" "SELECT sum(read) FROM stories")
ui_keys x
wait_until 60 sh -c "[ \"\$(sqlite3 '$db' 'SELECT sum(read) FROM stories')\" != '$before' ]"
check "x (newsboat's toggle-article-read) toggled a story" \
    test "$(sqlite3 "$db" "SELECT sum(read) FROM stories")" != "$before"
ui_quit
expect_screen "the reader exits 0" "^EXIT=0"
check "nothing on the reader's stderr" test ! -s "$TMP/reader.err"

expect_eq "starred: newsboat's s flags (sa too), not the deleted story" \
    "$(sqlite3 "$db" 'SELECT title FROM stories WHERE starred = 1 ORDER BY title')" \
    "Lighthouse reopens to visitors
Valley orchard harvest"
expect_eq "the deleted story left out" \
    "$(sqlite3 "$db" "SELECT count(*) FROM stories WHERE link = 'http://valley.test/b'")" 0
finish
