#!/bin/sh
# test_ui_sync_ttrss.sh - the reader as a client of a real Tiny Tiny RSS
# server (tests/ttrss/server.sh): the marks made with its keys (everything
# read and its undo, opening a story, a star) reach the server with R, and
# a mark made elsewhere comes back with R; `refresh` on a terminal shows
# a first sync's progress page by page.  Skipped (77) where the server's
# packages are not installed.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ttrss/server.sh"
. "$top_srcdir/tests/ui/tmux.sh"
ttrss_need
need sqlite3

mkdir -p "$TMP/feeds" "$XDG_CONFIG_HOME/hearsay"
rss "$TMP/feeds/alpha.xml" Alpha 3
server_start "$TMP/feeds"
ttrss_start "$S"
ttrss_api subscribeToFeed "{\"feed_url\": \"$S/alpha.xml\"}" >/dev/null
ttrss_update
cat >"$XDG_CONFIG_HOME/hearsay/config" <<EOF
source ttrss
ttrss-url $TT_URL
ttrss-login $TT_USER
ttrss-passwordfile $TT_PASSFILE
EOF
db="$TMP/store.db"

ui_start 80 24
ui_reader
expect_screen "before the first sync the feed list names the server" \
    "No feeds yet. They come from the feed server:"
expect_screen "and its URL" "^    $TT_URL"
ui_quit
# A clean screen: the next ui_quit waits for the next EXIT= line.
ui_run clear

"$HEARSAY" -d "$db" refresh -q
expect_eq "synced before the reader opens" \
    "$(sqlite3 "$db" 'SELECT count(*) FROM stories')" 3
id() { sqlite3 "$db" "SELECT remote_id FROM stories WHERE title = 'Alpha story $1'"; }
there() { ttrss_sql "SELECT unread, marked FROM ttrss_user_entries WHERE ref_id = $(id "$1")"; }

ui_reader
expect_screen "the server's feed is listed" "3/3 +Alpha"
ui_keys C
expect_screen "everything marked read" "Marked 3 stories read"
ui_keys u
expect_screen "and undone" " 3 unread"
# The newest story opened (marked read) and starred.
ui_keys g Enter
expect_screen "all unread listed" "Alpha story 3"
ui_keys Enter
expect_screen "the story opened" "Text of Alpha 3"
expect_screen "opening marked it read" " 2 unread"
ui_keys s
expect_screen "starred" "Starred"
ui_keys q
ui_keys q R
expect_screen "R syncs: the marks are sent" "Synced: 0 new stories, 8 marks sent"
expect_eq "opened and starred: read and starred there" "$(there 3)" "f|t"
expect_eq "marked read and undone: unread there" "$(there 1) $(there 2)" "t|f t|f"

ttrss_api updateArticle "{\"article_ids\": \"$(id 1)\", \"mode\": 0, \"field\": 2}" >/dev/null
ui_keys R
expect_screen "R brings the mark made elsewhere" "Synced: 0 new stories, 0 marks sent, 1 changed there"
expect_screen "the count follows" " 1 unread"
ui_quit
expect_eq "nothing waits in the queue" \
    "$(sqlite3 "$db" 'SELECT count(*) FROM sync_queue')" 0

# The first sync of a larger account, on a terminal, shows its progress
# page by page: held before its second page's commit (tests/stopat.so),
# it has said the first.
rss "$TMP/feeds/beta.xml" Beta 250
ttrss_api subscribeToFeed "{\"feed_url\": \"$S/beta.xml\"}" >/dev/null
ttrss_update
[ -r "$STOPAT_SO" ] || { echo "Bail out! no $STOPAT_SO"; exit 99; }
ui_run "env XDG_CONFIG_HOME=$TMP/config LD_PRELOAD=$STOPAT_SO STOPAT_POINT=commit:3 STOPAT_MARK=$TMP/mark STOPAT_GATE=$TMP/go STOPAT_TXN='UPDATE sync_account SET applying' ASAN_OPTIONS=verify_asan_link_order=0 $HEARSAY -d $TMP/first.db refresh; echo SYNC_EXIT=\$?"
# Held there, or over (and then failed below).
_held() { test -s "$TMP/mark" || ui_screen | grep -Eq '^SYNC_EXIT=[0-9]'; }
wait_until 600 _held
expect_screen "a first sync shows how far it got" \
    "syncing: reading articles, 200 articles, 200 new"
: >"$TMP/go"
expect_screen "and then what it did" \
    "synced with $TT_URL: 2 feeds, 253 new stories, .*"
expect_screen "exit 0" "^SYNC_EXIT=0"

finish
