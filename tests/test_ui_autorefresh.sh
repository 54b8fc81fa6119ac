#!/bin/sh
# tests/test_ui_autorefresh.sh - `auto-refresh 1` refreshes every feed a
# minute after the reader started, with nothing pressed.  This test waits
# that minute for real (it runs beside the others in make check -j).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

feed="$TMP/feed.xml"
write_feed() {	# write_feed N: an RSS feed of N stories
	{
		echo '<?xml version="1.0"?><rss version="2.0"><channel><title>Ticker</title>'
		k=1
		while [ "$k" -le "$1" ]; do
			echo "<item><guid>t$k</guid><title>Ticker story $k</title><pubDate>Mon, 02 Nov 2026 10:0$k:00 GMT</pubDate></item>"
			k=$((k + 1))
		done
		echo '</channel></rss>'
	} >"$feed"
}
write_feed 1
echo "file://$feed" >"$TMP/urls"
mkdir -p "$TMP/config/hearsay"
echo "auto-refresh 1" >"$TMP/config/hearsay/config"

db="$TMP/store.db"
READER_ARGS="-u $TMP/urls"
ui_start 80 24
ui_reader
# Nothing fetched yet: refresh-on-start is off by default.  (The urls
# file's feed is listed all the same.)
expect_screen "the store starts empty" "0/0 +file://"
write_feed 3
# Within the minute, untouched (ten minutes: a hang guard; the minute is
# the feature, waited for real).
if ui_wait_for "3/3 +Ticker" 6000; then ok "auto-refresh fetched the feed"; else
	not_ok "auto-refresh fetched the feed"; ui_screen | sed 's/^/  | /'; fi
ui_quit
expect_screen "the reader exits 0" "^EXIT=0"

finish
