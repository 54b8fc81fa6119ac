#!/bin/sh
# tests/test_refresh_subs.sh - the urls file as the source of truth, through
# `hearsay refresh` and `hearsay list` against the loopback server: the
# feed list keeps the file's order, a feed commented out (or met once
# through -u other-urls) leaves the lists and comes back with its stories;
# the urls file's problems under -q only when they are new; failures in
# words; max-feed-size; and Ctrl-C (SIGINT) stopping a refresh cleanly.
. "$top_srcdir/tests/lib.sh"

ROOT="$TMP/root"
URLS="$TMP/urls"
DB="$TMP/data/hearsay.db"
mkdir -p "$ROOT"
server_start "$ROOT"
rss "$ROOT/zulu.xml" Zulu 2
rss "$ROOT/alpha.xml" Alpha 3
rss "$ROOT/mike.xml" Mike 1
rss "$ROOT/other.xml" Other 4

refresh() { "$HEARSAY" -u "$URLS" -d "$DB" refresh "$@"; }
feeds() { "$HEARSAY" -u "$URLS" -d "$DB" list --feeds | sed 's/^[ !] //'; }
unread() { "$HEARSAY" -u "$URLS" -d "$DB" list | wc -l | tr -d ' '; }

# -- the urls file's order, not the titles' -------------------------------
printf '%s\n' "$S/zulu.xml news" '"--- more ---"' "$S/alpha.xml" \
    "$S/mike.xml tech" >"$URLS"
refresh >"$TMP/out" 2>"$TMP/err"; rc=$?
expect_eq "refresh exits 0" "$rc" 0
expect_eq "a separator line is no problem" "$(cat "$TMP/err")" ""
expect_eq "feeds in urls-file order" "$(feeds)" \
"2/2  Zulu  [news]
3/3  Alpha
1/1  Mike  [tech]"

# -- commented out: out of the lists; back: with its stories --------------
sed -i "s|^$S/alpha.xml|# &|" "$URLS"
refresh >"$TMP/out" 2>&1
expect_eq "commented-out feed gone from list --feeds" "$(feeds)" \
"2/2  Zulu  [news]
1/1  Mike  [tech]"
expect_eq "its stories gone from the unread list" "$(unread)" 3
sed -i "s|^# $S/alpha.xml|$S/alpha.xml|" "$URLS"
refresh >"$TMP/out" 2>&1
expect_eq "back, with its stories, in its place" "$(feeds)" \
"2/2  Zulu  [news]
3/3  Alpha
1/1  Mike  [tech]"

# -- met once through -u: the lists follow the urls file used -------------
echo "$S/other.xml" >"$TMP/other-urls"
"$HEARSAY" -u "$TMP/other-urls" -d "$DB" refresh >"$TMP/out" 2>&1
expect_eq "-u other-urls: its feeds only" \
    "$("$HEARSAY" -u "$TMP/other-urls" -d "$DB" list --feeds)" "  4/4  Other"
refresh >"$TMP/out" 2>&1
expect_eq "the own urls file again: the other feed leaves" "$(feeds)" \
"2/2  Zulu  [news]
3/3  Alpha
1/1  Mike  [tech]"
expect_eq "nothing was lost meanwhile" "$(unread)" 6

# -- a missing urls file says nothing of the store's feeds ----------------
"$HEARSAY" -u "$TMP/no-such-urls" -d "$DB" refresh >"$TMP/out" 2>"$TMP/err"
check "missing urls file: no feeds said" grep -q "no feeds in" "$TMP/err"
expect_eq "missing urls file: the feeds stay" "$(feeds | wc -l | tr -d ' ')" 3

# -- the urls file's problems: always, but under -q only when new ---------
cp "$URLS" "$TMP/urls.good"
echo "example.com/feed.xml" >>"$URLS"
refresh -q >"$TMP/out" 2>"$TMP/err"
expect_eq "-q: a new problem is said" "$(cat "$TMP/err")" \
    "$URLS:5: not a feed URL (only http, https and file URLs are): example.com/feed.xml"
refresh -q >"$TMP/out" 2>"$TMP/err"
expect_eq "-q: the same problem again is not" "$(cat "$TMP/err")" ""
refresh >"$TMP/out" 2>"$TMP/err"
check "without -q it is said every time" grep -q ":5: not a feed URL" "$TMP/err"
echo "ftp://old.example.com/rss" >>"$URLS"
refresh -q >"$TMP/out" 2>"$TMP/err"
expect_eq "-q: a changed set is said whole, one a line" \
    "$(sed "s|^$URLS:\([0-9]*\): .*|\1|" "$TMP/err" | tr '\n' ' ')" "5 6 "
cp "$TMP/urls.good" "$URLS"
refresh -q >"$TMP/out" 2>"$TMP/err"
expect_eq "-q: fixed, nothing to say" "$(cat "$TMP/err")" ""

# -- failures in words, and max-feed-size ---------------------------------
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
head -c 1200000 /dev/zero | tr '\0' ' ' >"$TMP/pad"
{ printf '<rss version="2.0"><channel><title>Big</title>'; cat "$TMP/pad"
  printf '</channel></rss>\n'; } >"$ROOT/big.xml"
echo "max-feed-size 1" >"$TMP/conf.max"
printf '%s\n' "http://127.0.0.1:$port/feed.xml" "$S/big.xml" "$S/hangup" \
    >"$TMP/bad-urls"
"$HEARSAY" -c "$TMP/conf.max" -u "$TMP/bad-urls" -d "$TMP/bad.db" refresh \
    >"$TMP/out" 2>"$TMP/err"; rc=$?
expect_eq "failures: exit 1" "$rc" 1
check "refused, in words" grep -qxF \
    "hearsay: http://127.0.0.1:$port/feed.xml: connection refused by 127.0.0.1" "$TMP/err"
check "the size cap names its option" grep -qxF \
    "hearsay: $S/big.xml: larger than max-feed-size (1 MiB)" "$TMP/err"
check "a hang-up, in words" grep -qxF \
    "hearsay: $S/hangup: 127.0.0.1 closed the connection without answering" "$TMP/err"
check "no HTTP 0 anywhere" sh -c '! grep -q "HTTP 0" "$0"' "$TMP/err"

# -- Ctrl-C: the merged feeds kept, what was done and left said -----------
rss "$ROOT/held.xml" Held 2
printf '%s\n' "$S/zulu.xml" "$S/alpha.xml" "$S/mike.xml" \
    "$S/hold/never/held.xml" "$S/hold/never/other.xml" >"$TMP/int-urls"
int() { "$HEARSAY" -u "$TMP/int-urls" -d "$TMP/int.db" "$@"; }
"$HEARSAY" -u "$TMP/int-urls" -d "$TMP/int.db" refresh -j 8 --per-host 8 \
    >"$TMP/out" 2>"$TMP/err" &
pid=$!
# Three feeds merged (six stories listed) and both held ones waiting.
merged() {
	[ "$(grep -c '^HOLD never' "$TMP/requests.log")" -ge 2 ] &&
	    [ "$(int list 2>/dev/null | wc -l)" -eq 6 ]
}
check "three feeds merged, two held" wait_until 300 merged
kill -INT "$pid"
wait "$pid"; rc=$?
expect_eq "Ctrl-C: exit 130" "$rc" 130
expect_eq "Ctrl-C: what was done and left" "$(cat "$TMP/err")" \
    "hearsay: refresh interrupted: 3 of 5 feeds done (6 new stories, 0 failed), 2 not fetched"
expect_eq "Ctrl-C: no summary on stdout" "$(cat "$TMP/out")" ""
expect_eq "Ctrl-C: the merged feeds kept" "$(int list | wc -l | tr -d ' ')" 6
gate_open never
guarded 300 "$HEARSAY" -u "$TMP/int-urls" -d "$TMP/int.db" refresh \
    >"$TMP/out" 2>&1
expect_eq "the lock went with it: the next refresh gets the rest" \
    "$(cat "$TMP/out")" \
    "refreshed 5 feeds: 6 new stories, 0 failed (3 not modified)"
finish
