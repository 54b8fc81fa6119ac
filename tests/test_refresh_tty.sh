#!/bin/sh
# tests/test_refresh_tty.sh - `hearsay refresh` on a terminal shows its
# progress on one line while a slow feed is pending, then clears it; in a
# pipe it shows none.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

command -v python3 >/dev/null 2>&1 || { echo "skip: no python3"; exit 77; }
ROOT="$TMP/root"
mkdir -p "$ROOT"
printf '<rss version="2.0"><channel><title>Slow</title><item><title>one</title><guid>1</guid></item></channel></rss>\n' >"$ROOT/slow.xml"
printf '<rss version="2.0"><channel><title>Fast</title><item><title>two</title><guid>2</guid></item></channel></rss>\n' >"$ROOT/fast.xml"
python3 "$top_srcdir/tests/server.py" --port-file "$TMP/port" \
    --root "$ROOT" --timeout 60 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null; tmux -L "$SOCK" kill-server 2>/dev/null; rm -rf "$TMP"' EXIT
n=0
while [ ! -s "$TMP/port" ] && [ "$n" -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
S="http://127.0.0.1:$(cat "$TMP/port")"
printf '%s\n%s\n' "$S/fast.xml" "$S/slow/3000/slow.xml" >"$TMP/urls"

ui_start 100 10
ui_run "export no_proxy=127.0.0.1 NO_PROXY=127.0.0.1"
ui_run "$HEARSAY -u $TMP/urls -d $TMP/db refresh; echo EXIT=\$?"
expect_screen "progress while a feed is pending" "^refreshing: 1/2 feeds, 1 new, 0 failed"
expect_screen "the summary at the end" "^refreshed 2 feeds: 2 new stories, 0 failed"
expect_screen "exit status 0" "^EXIT=0"
expect_not_screen "the progress line is cleared" "^refreshing:"

no_proxy=127.0.0.1 NO_PROXY=127.0.0.1 "$HEARSAY" -u "$TMP/urls" \
    -d "$TMP/db2" refresh >"$TMP/out" 2>"$TMP/err"; rc=$?
expect_eq "in a pipe: exit 0" "$rc" 0
check "in a pipe: no progress on stderr" test ! -s "$TMP/err"

finish
