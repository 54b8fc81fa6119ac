#!/bin/sh
# tests/test_ui_watch.sh - the open reader sees what other processes write
# to its store, with no key pressed: cron's `hearsay refresh` adding
# stories (the feed list's counts, a story list's rows and title), a
# second reader marking everything read (the unread count), and a
# refresh whose retention deletes the story under the cursor.  The cursor
# stays on its story however many arrive above it, and moves to a
# neighbour when its story goes.  The waits are for the state on screen,
# with the usual generous timeout: nothing here times the reader.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

# ticker FROM TO: the Ticker feed with stories FROM..TO (newer as they
# count up).
ticker() {
	{
		printf '<?xml version="1.0"?><rss version="2.0"><channel>'
		printf '<title>Ticker</title>\n'
		_k=$1
		while [ "$_k" -le "$2" ]; do
			printf '<item><guid>t%d</guid><title>Ticker story %d</title>' \
			    "$_k" "$_k"
			printf '<description>Words of story %d.</description>' "$_k"
			printf '<pubDate>Mon, 02 Nov 2026 %02d:%02d:00 GMT</pubDate>' \
			    "$((_k / 60))" "$((_k % 60))"
			printf '</item>\n'
			_k=$((_k + 1))
		done
		printf '</channel></rss>\n'
	} >"$TMP/ticker.xml"
}
# cron [ARGS...]: what cron's refresh does, from outside the reader.
cron() {
	guarded 600 "$HEARSAY" -u "$TMP/urls" -d "$db" refresh -q "$@" ||
	    not_ok "refresh $* failed"
}

db="$TMP/store.db"
rss "$TMP/wire.xml" Wire 3
ticker 1 5
printf 'file://%s\nfile://%s\n' "$TMP/ticker.xml" "$TMP/wire.xml" \
    >"$TMP/urls"
cron
READER_ARGS="-u $TMP/urls"
ui_start 80 24
ui_reader
expect_screen "the feed list" "5/5 +Ticker"
expect_screen "the unread count" " 8 unread$"

# A refresh from another shell: the feed list and the count follow.
ticker 1 65
cron
expect_screen "new stories counted in the feed list" "65/65 +Ticker"
expect_screen "new stories in the unread count" " 68 unread$"
expect_screen "the All unread row too" "68/68 +All unread stories"

# A story list: the cursor on story 3 stays on it as ten more arrive.
ui_keys Enter
expect_screen "the feed opens" "Ticker ─ 1 of 65"
ui_keys End k k
expect_screen "the cursor on story 3" "Ticker ─ 63 of 65"
ticker 1 75
cron
expect_screen "the list grows under the cursor" "Ticker ─ 73 of 75"
expect_screen "the header counts them" " 78 unread$"
ui_keys g
expect_screen "the new rows are there" "^●.* Ticker story 75 *$"
ui_keys End k k
expect_screen "back on story 3" "Ticker ─ 73 of 75"

# A second reader on the same store marks everything read.
tm new-window -d "env -i PATH=\"$PATH\" HOME=\"$TMP\" TERM=tmux-256color \
    LANG=C.UTF-8 $HEARSAY -u $TMP/urls -d $db 2>$TMP/second.err"
second() { tm capture-pane -p -t :1; }
if wait_until 120 sh -c "tmux -L $SOCK capture-pane -p -t :1 | grep -q 'Feeds ('"
then ok "a second reader"; else not_ok "a second reader"; second; fi
tm send-keys -t :1 C
if wait_until 120 sh -c "tmux -L $SOCK capture-pane -p -t :1 | grep -q 'Marked 78 stories read'"
then ok "the second reader marks all read"; else
	not_ok "the second reader marks all read"; second | sed 's/^/  | /'; fi
expect_screen "the first reader sees it" " 0 unread$"
expect_screen "its cursor has not moved" "Ticker ─ 73 of 75"
tm send-keys -t :1 u
expect_screen "and the undo" " 78 unread$"
tm send-keys -t :1 Q

# Retention deletes the stories under and around the cursor: it moves to
# the nearest one left.
ticker 4 75
cron --keep 72
expect_screen "three stories gone" "Ticker ─ 72 of 72"
ui_keys Enter
expect_screen "the cursor went to the neighbour" "^ Ticker story 4 *$"
ui_keys q
# Back on the feed list, the cursor is still on its feed.
ui_keys q
expect_screen "the feed list counts 72" "72/72 +Ticker|71/72 +Ticker"
ui_keys Enter
expect_screen "the cursor stayed on Ticker" "Ticker ─ 1 of 72"
ui_quit
expect_screen "the reader exits 0" "^EXIT=0"
check "nothing on stderr" test ! -s "$TMP/reader.err"
finish
