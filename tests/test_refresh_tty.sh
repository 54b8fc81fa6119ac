#!/bin/sh
# tests/test_refresh_tty.sh - `hearsay refresh` on a terminal shows its
# progress on one line while a feed is pending (held by the server until
# the test has seen the line), then clears it; in a pipe it shows none.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

ROOT="$TMP/root"
mkdir -p "$ROOT"
printf '<rss version="2.0"><channel><title>Slow</title><item><title>one</title><guid>1</guid></item></channel></rss>\n' >"$ROOT/slow.xml"
printf '<rss version="2.0"><channel><title>Fast</title><item><title>two</title><guid>2</guid></item></channel></rss>\n' >"$ROOT/fast.xml"
server_start "$ROOT"
printf '%s\n%s\n' "$S/fast.xml" "$S/hold/slow/slow.xml" >"$TMP/urls"

ui_start 100 10
ui_run "export no_proxy=127.0.0.1 NO_PROXY=127.0.0.1"
ui_run "$HEARSAY -u $TMP/urls -d $TMP/db refresh; echo EXIT=\$?"
expect_screen "progress while a feed is pending" "^refreshing: 1/2 feeds, 1 new, 0 failed"
gate_open slow
expect_screen "the summary at the end" "^refreshed 2 feeds: 2 new stories, 0 failed"
expect_screen "exit status 0" "^EXIT=0"
expect_not_screen "the progress line is cleared" "^refreshing:"

"$HEARSAY" -u "$TMP/urls" -d "$TMP/db2" refresh >"$TMP/out" 2>"$TMP/err"; rc=$?
expect_eq "in a pipe: exit 0" "$rc" 0
check "in a pipe: no progress on stderr" test ! -s "$TMP/err"

finish
