#!/bin/sh
# tests/test_ui_subs.sh - the subscriptions in the reader, end to end in
# tmux against the loopback server: the first run says how to add feeds;
# `hearsay add` feeds are listed before their first fetch; the feed list
# keeps the urls file's order and its separator lines, leaves hidden
# feeds out (All unread still counts them) and tells two feeds of one
# title apart; the urls file's problems are on the status line and one a
# line on exit; n from the feed list opens the first unread story and
# wraps round; the tag filter's All unread counts and lists only its
# feeds; a feed taken out of the urls file leaves the list but its
# starred story stays; feed-sort-order sorts; 40x12 and 200x60.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

ROOT="$TMP/root"
mkdir -p "$ROOT"
rss "$ROOT/alpha.xml" alpha 3
rss "$ROOT/beta.xml" beta 2
rss "$ROOT/same.xml" Same 1
rss "$ROOT/secret.xml" secret 2
server_start "$ROOT"
URLS="$TMP/config/hearsay/urls"
db="$TMP/store.db"
ui_start 80 24
ui_run "export no_proxy=127.0.0.1 NO_PROXY=127.0.0.1"

# -- the first run: no urls file, no store --------------------------------
ui_reader
expect_screen "first run: no feeds yet" "No feeds yet"
expect_screen "first run: where the urls file goes" "$URLS"
expect_screen "first run: hearsay add" "hearsay add URL \\[TAG\\.\\.\\.\\]"
expect_screen "first run: import-opml" "hearsay import-opml FILE"
expect_screen "first run: the demo" "hearsay --demo"
ui_quit

# -- added from the shell: listed at once, fetched by R --------------------
"$HEARSAY" -d "$db" add "$S/alpha.xml" news "~Alpha Wire" >"$TMP/add.out"
expect_eq "hearsay add says where" "$(cat "$TMP/add.out")" \
    "added to $URLS: $S/alpha.xml"
printf '%s\n' '"--- TECH ---"' "$S/beta.xml tech" \
    "http://127.0.0.1:$PORT/same.xml tech" "http://localhost:$PORT/same.xml" \
    "$S/secret.xml \"!\"" "example.com/oops" "ftp://old.example/rss" >>"$URLS"
ui_run clear
ui_reader
expect_screen "an added feed is listed before its first fetch" "0/0 +Alpha Wire"
expect_screen "the urls file's problems on the status line" \
    "^2 problems \\(all shown on exit\\), first: urls:7: not a feed URL"
ui_keys R
expect_screen "R fetches the feeds" "Refreshed 5 feeds: 9 new stories"
expect_screen "fetched" "3/3 +Alpha Wire"
screen=$(ui_screen)
line_of() { printf '%s\n' "$screen" | grep -n -- "$1" | head -n 1 | cut -d: -f1; }
check "the separator line between its feeds" \
    test "$(line_of 'Alpha Wire')" -lt "$(line_of -- '--- TECH ---')" -a \
    "$(line_of -- '--- TECH ---')" -lt "$(line_of 'beta')"
expect_screen "same title: one told by its host" "Same \\(127\\.0\\.0\\.1\\)"
expect_screen "same title: the other too" "Same \\(localhost\\)"
expect_not_screen "a \"!\" feed is not listed" "secret"
expect_screen "but All unread counts its stories" "9/9 +All unread stories"
expect_screen "the title counts feeds listed" "Feeds \\(4\\)"

# -- n: the first unread story of the feed under the cursor ---------------
ui_keys n
expect_screen "n opens the feed's first unread story" "^ alpha story 3"
ui_keys q q
# The last feed: read all of it, then n wraps round to the top.
ui_keys G A
expect_screen "last feed read" "0/1 +Same \\(localhost\\)"
ui_keys n
expect_screen "n wraps round" "Wrapped round to the first feed with unread"
expect_screen "to the first feed's next unread story" "^ alpha story 2"
ui_keys q q

# -- the tag filter: All unread counts and lists its feeds only -----------
ui_keys F
ui_keys -l tech
ui_keys Enter
expect_screen "tag filter: All unread counts its feeds" \
    "3/3 +All unread stories tagged tech"
ui_keys g Enter
expect_screen "tag filter: All unread lists them" "beta story 2"
expect_not_screen "tag filter: not the others" "alpha story"
ui_keys A
expect_screen "A in a filtered All unread refuses too" "mark the feeds one by one"
ui_keys q
ui_keys A
expect_screen "A on a filtered All unread refuses" "mark the feeds one by one"
ui_keys F Enter
expect_screen "filter cleared" "6/6 +All unread stories"

# -- out of the urls file: out of the list, its starred story kept --------
ui_keys g j j j j Enter
expect_screen "beta's stories" "beta story 2"
ui_keys s
expect_screen "starred" "★ 2026-11-02 .* beta story 2"
ui_keys q
sed -i "s|^$S/beta.xml|# &|" "$URLS"
echo "gopher-ish" >>"$URLS"
ui_keys R
expect_screen "refreshed without it" "^Refreshed 4 feeds"
expect_screen "R says the urls file's new problem, only it" \
    "new stories; urls:9: not a feed URL"
expect_not_screen "beta leaves the list" "[0-9]/2 +beta"
expect_screen "its starred story still counted" " 1 +Starred stories"
ui_keys g j Enter
expect_screen "and listed in the starred view" "beta story"
ui_keys q
ui_quit
problems=$(grep -c "^$URLS:[0-9]*: " "$TMP/reader.err")
expect_eq "on exit: the problems one a line, each once" "$problems" 3
expect_eq "on exit: nothing run together" \
    "$(grep -c 'urls:[0-9]*:.*urls:[0-9]*:' "$TMP/reader.err")" 0

# -- feed-sort-order: by title, no separators -----------------------------
echo "feed-sort-order title" >"$TMP/config/hearsay/config"
ui_run clear
ui_reader
expect_screen "sorted list shown" "Alpha Wire"
screen=$(ui_screen)
check "sorted by title" test "$(line_of 'Alpha Wire')" -lt \
    "$(line_of 'Same (127')"
expect_not_screen "no separator in a sorted list" -- "--- TECH ---"
ui_quit
rm -f "$TMP/config/hearsay/config"

# -- small and large screens -------------------------------------------
tm resize-window -x 40 -y 12
ui_run clear
ui_reader
expect_screen "40x12: the feed list" "Alpha Wire"
expect_screen "40x12: the asides cut, the counts kept" "1/1 +Same"
ui_quit
tm resize-window -x 200 -y 60
ui_run clear
ui_reader
expect_screen "200x60: asides whole, tags beside" \
    "Same \\(127\\.0\\.0\\.1\\) +tech"
ui_quit
finish
