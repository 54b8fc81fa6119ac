#!/bin/sh
# tests/test_ui_refresh.sh - R and r refresh in the background against the
# loopback server (tests/server.py): progress on the status line, keys
# answered while a feed is still coming (the server holds it until the
# test lets it go), counts updated, failures marked with their error on
# demand.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

ROOT="$TMP/root"
mkdir -p "$ROOT"
rss "$ROOT/alpha.xml" Alpha 3
rss "$ROOT/beta.xml" Beta 2
server_start "$ROOT"
cat >"$TMP/urls" <<EOU
$S/alpha.xml news
$S/hold/beta/beta.xml
$S/status/404
EOU

db="$TMP/store.db"
READER_ARGS="-u $TMP/urls"
ui_start 80 24
ui_run "export no_proxy=127.0.0.1 NO_PROXY=127.0.0.1"
ui_reader
# The urls file's feeds are listed before their first fetch.
expect_screen "empty store" "Feeds \\(3\\)"
expect_screen "nothing fetched yet" "0/0 +$S/alpha.xml +news"

# R: progress while the slow feed is pending, keys still answered.
ui_keys R
expect_screen "progress on the status line" "^Refreshing: [0-9] of 3 feeds"
expect_screen "first feed in while refreshing" "3/3 +Alpha"
ui_keys ?
expect_screen "help opens during the refresh" "Help: keys"
ui_keys q
expect_screen "back in the list, still refreshing" "^Refreshing"
check "the held feed not answered yet" test "$(grep -c '^GET /hold/beta/' "$TMP/requests.log")" -eq 0
gate_open beta
expect_screen "refresh finishes" "Refreshed 3 feeds: 5 new stories, 1 failed"
expect_screen "slow feed arrived" "2/2 +Beta"
expect_screen "unread count updated" " 5 unread"
expect_screen "failed feed marked" "^! +0/0 "
# Idle until the reader has written its analyses to the store (it does
# while it waits for keys); the next refresh opens a second connection
# beside it (a store check that open()ed and closed the file dropped the
# reader's locks and corrupted the store here).
if command -v sqlite3 >/dev/null 2>&1; then
	analysed() {
		[ "$(sqlite3 "$db" 'SELECT count(*) FROM analyses' 2>/dev/null)" = 5 ]
	}
	check "idle, the reader analyses the 5 stories" wait_until 120 analysed
else
	# (Without sqlite3 nothing tells when: a moment for the reader.)
	sleep 2
fi

# The failure on demand.
ui_keys G e
expect_screen "error on demand" "404"

# r: just this feed; nothing new the second time.
ui_keys g g j j r
expect_screen "r refreshes one feed" "Refreshed 1 feed: 0 new stories"

# A story arriving above the cursor does not move the reader's place.
ui_keys Enter j
expect_screen "on the second story" "Alpha .* 2 of 3"
{
	printf '<?xml version="1.0" encoding="utf-8"?>\n'
	printf '<rss version="2.0"><channel><title>Alpha</title>\n'
	printf '<item><title>Alpha story 4</title><link>http://example.org/Alpha/4</link>'
	printf '<pubDate>Tue, 03 Nov 2026 10:00:00 GMT</pubDate></item>\n'
	sed -n '/<item>/p' "$ROOT/alpha.xml"
	printf '</channel></rss>\n'
} >"$ROOT/alpha.new" && mv "$ROOT/alpha.new" "$ROOT/alpha.xml"
ui_keys r
expect_screen "new story stored" "Refreshed 1 feed: 1 new story"
expect_screen "cursor stays on its story" "Alpha .* 3 of 4"
ui_keys q
check "no store error on screen" sh -c "! tmux -L '$SOCK' capture-pane -p | grep -q 'malformed'"
if command -v sqlite3 >/dev/null 2>&1; then
	expect_eq "store intact after the reader's refreshes" \
	    "$(sqlite3 "$db" "PRAGMA integrity_check" 2>&1)" ok
fi

# The reader does not keep the refresh lock: cron's refresh runs while the
# reader is open, and the reader's R waits its turn while cron's runs.
"$HEARSAY" -u "$TMP/urls" -d "$db" refresh >/dev/null 2>"$TMP/cron.err"
check "cron refresh not shut out" sh -c "! grep -q 'another hearsay refresh' '$TMP/cron.err'"
# (cron's refresh held at the feed, with the refresh lock, meanwhile)
gate_close beta
held=$(grep -c '^HOLD beta$' "$TMP/requests.log")
"$HEARSAY" -u "$TMP/urls" -d "$db" refresh >/dev/null 2>&1 &
CRON=$!
check "cron's refresh at the held feed" \
    wait_until 120 logged $((held + 1)) "HOLD beta"
ui_keys R
expect_screen "R while cron refreshes" "Refresh: another hearsay refresh is running"
gate_open beta
wait "$CRON"
ui_quit
expect_screen "exits 0" "^EXIT=0"

# refresh-on-start: the reader refreshes by itself when it starts.
rm -f "$db" "$db-wal" "$db-shm"
mkdir -p "$TMP/config/hearsay"
printf 'refresh-on-start yes\n' >"$TMP/config/hearsay/config"
ui_run clear
ui_reader
expect_screen "refresh on start" "Refreshed 3 feeds: 6 new stories, 1 failed"
expect_screen "refresh on start: feeds" "4/4 +Alpha"
ui_quit
finish
