#!/bin/sh
# tests/test_refresh.sh - `hearsay refresh` end to end against the loopback
# server (tests/server.py): exit statuses, conditional GET on the second
# run, failures that keep stored stories, moved feeds, the refresh lock,
# and a few hundred feeds in one run.
. "$top_srcdir/tests/lib.sh"

ROOT="$TMP/root"
URLS="$TMP/urls"
DB="$TMP/data/hearsay.db"
mkdir -p "$ROOT"
server_start "$ROOT"
LOG="$TMP/requests.log"

rss "$ROOT/alpha.xml" alpha 3
rss "$ROOT/beta.xml" beta 2
rss "$ROOT/gamma.xml" gamma 4
rss "$ROOT/delta.xml" delta 1
rss "$TMP/local.xml" local 2
printf 'this is not a feed\n' >"$ROOT/notfeed.txt"

refresh() { "$HEARSAY" -u "$URLS" -d "$DB" refresh "$@"; }
stories() { "$HEARSAY" -u "$URLS" -d "$DB" list --all | wc -l | tr -d ' '; }
count304() { grep -c ' 304$' "$LOG"; }

# -- several feeds: gzip, a temporary redirect, a file, a title tag ------
cat >"$URLS" <<EOF
# test subscriptions
$S/alpha.xml news "~Alpha Daily"
$S/gzip/beta.xml
$S/redirect/302/gamma.xml tech
file://$TMP/local.xml
EOF
refresh >"$TMP/out" 2>"$TMP/err"; rc=$?
expect_eq "first refresh exits 0" "$rc" 0
expect_eq "first refresh summary" "$(cat "$TMP/out")" \
    "refreshed 4 feeds: 11 new stories, 0 failed (0 not modified)"
expect_eq "no progress when stderr is no terminal" "$(cat "$TMP/err")" ""
expect_eq "stories stored" "$(stories)" 11
check "user title kept" sh -c '"$0" -u "$1" -d "$2" list --feeds | grep -q "Alpha Daily"' \
    "$HEARSAY" "$URLS" "$DB"

# -- second run: validators sent back, 304s only (the file:// feed by its
# time), nothing new -----------------------------------------------------
: >"$LOG"
refresh >"$TMP/out" 2>"$TMP/err"; rc=$?
expect_eq "second refresh exits 0" "$rc" 0
expect_eq "second refresh summary" "$(cat "$TMP/out")" \
    "refreshed 4 feeds: 0 new stories, 0 failed (4 not modified)"
expect_eq "server answered 304 three times" "$(count304)" 3
expect_eq "server sent no body" "$(grep -c ' 200$' "$LOG")" 0
expect_eq "no new stories" "$(stories)" 11

# -- a changed feed gets fetched whole, and only its new story counts ------
rss "$ROOT/alpha.xml" alpha 4
refresh -q >"$TMP/out" 2>"$TMP/err"; rc=$?
expect_eq "changed feed exits 0" "$rc" 0
expect_eq "quiet prints nothing" "$(cat "$TMP/out")$(cat "$TMP/err")" ""
expect_eq "one new story" "$(stories)" 12

# -- failures: each one reported, the others stored, nothing deleted -----
rm "$ROOT/alpha.xml"
cat >>"$URLS" <<EOF
$S/status/500
$S/notfeed.txt
$S/delta.xml
$S/chain/6/delta.xml
EOF
refresh >"$TMP/out" 2>"$TMP/err"; rc=$?
expect_eq "failures exit 1" "$rc" 1
expect_eq "failure summary" "$(cat "$TMP/out")" \
    "refreshed 8 feeds: 1 new story, 4 failed (3 not modified)"
check "404 reported" grep -q "^hearsay: $S/alpha.xml: HTTP 404" "$TMP/err"
check "500 reported" grep -q "^hearsay: $S/status/500: HTTP 500" "$TMP/err"
check "not a feed reported" grep -q "^hearsay: $S/notfeed.txt: " "$TMP/err"
check "redirect loop reported" grep -q "^hearsay: $S/chain/6/delta.xml: more than 5 redirects" "$TMP/err"
check "server text sanitised" sh -c '! grep -q "$(printf "\033")" "$0"' "$TMP/err"
expect_eq "failed feed keeps its stories" "$(stories)" 13
check "failed feed flagged" sh -c '"$0" -u "$1" -d "$2" list --feeds | grep "Alpha Daily" | grep -q "^!"' \
    "$HEARSAY" "$URLS" "$DB"

# -- a permanent redirect is followed and reported ----------------------
cat >"$URLS" <<EOF
$S/redirect/301/delta.xml
EOF
refresh >"$TMP/out" 2>"$TMP/err"; rc=$?
expect_eq "moved feed exits 0" "$rc" 0
expect_eq "moved feed reported" "$(cat "$TMP/err")" \
    "hearsay: $S/redirect/301/delta.xml: moved permanently to $S/delta.xml: update your urls file"

# -- the charset of Content-Type reaches the parser ----------------------
printf '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Caf\351</title><item><title>Cr\350me br\373l\351e</title><guid>cb</guid></item></channel></rss>\n' \
    >"$ROOT/latin1.xml"
echo "$S/charset/ISO-8859-1/latin1.xml" >"$URLS"
"$HEARSAY" -u "$URLS" -d "$TMP/data/latin1.db" refresh -q; rc=$?
expect_eq "latin-1 feed exits 0" "$rc" 0
check "HTTP charset used" sh -c '"$0" -d "$1" list --all | grep -q "Crème brûlée"' \
    "$HEARSAY" "$TMP/data/latin1.db"

# -- retention: --keep caps the stories kept per feed (stories still in
# the feed are the store's to keep, so the feed moves on first) ----------
rss "$ROOT/epsilon.xml" epsilon 4
cat >"$URLS" <<EOF
$S/epsilon.xml
EOF
KEEPDB="$TMP/data/keep.db"
"$HEARSAY" -u "$URLS" -d "$KEEPDB" refresh -q --keep 1; rc=$?
expect_eq "--keep exits 0" "$rc" 0
printf '<rss version="2.0"><channel><title>epsilon</title><item><title>late</title><guid>eps-late</guid><pubDate>Tue, 03 Nov 2026 11:00:00 GMT</pubDate></item></channel></rss>\n' \
    >"$ROOT/epsilon.xml"
"$HEARSAY" -u "$URLS" -d "$KEEPDB" refresh -q --keep 2; rc=$?
expect_eq "--keep again exits 0" "$rc" 0
expect_eq "--keep 2 keeps two stories" \
    "$("$HEARSAY" -d "$KEEPDB" list --all | wc -l | tr -d ' ')" 2
rm "$ROOT/epsilon.xml"

# -- no urls file: nothing to do, said once -----------------------------
"$HEARSAY" -u "$TMP/none" -d "$TMP/data/none.db" refresh >"$TMP/out" 2>"$TMP/err"; rc=$?
expect_eq "no urls file exits 0" "$rc" 0
expect_eq "no urls file noted" "$(cat "$TMP/err")" "hearsay: no feeds in $TMP/none"

# -- usage and store errors exit 2 ---------------------------------------
refresh -j 0 >/dev/null 2>&1; rc=$?
expect_eq "bad --jobs exits 2" "$rc" 2
refresh extra >/dev/null 2>&1; rc=$?
expect_eq "extra argument exits 2" "$rc" 2
printf 'not a database, just text\n' >"$TMP/notdb"
"$HEARSAY" -u "$URLS" -d "$TMP/notdb" refresh >/dev/null 2>"$TMP/err"; rc=$?
expect_eq "unusable store exits 2" "$rc" 2
expect_eq "unusable store untouched" "$(cat "$TMP/notdb")" "not a database, just text"

# -- a second refresh while one runs: refused, nothing written -----------
# (the first is held by the server on its feed, with the refresh lock)
DB="$TMP/data/locked.db"
cat >"$URLS" <<EOF
$S/hold/lock/beta.xml
EOF
refresh -q >"$TMP/out1" 2>"$TMP/err1" &
FIRST=$!
check "the first refresh is at its feed" wait_until 120 logged 1 "HOLD lock"
: >"$LOG"
echo "$S/epsilon.xml" >>"$URLS"
refresh >"$TMP/out" 2>"$TMP/err"; rc=$?
gate_open lock
wait "$FIRST"; rc1=$?
expect_eq "concurrent refresh exits 2" "$rc" 2
expect_eq "concurrent refresh message" "$(cat "$TMP/err")" \
    "hearsay: another hearsay refresh is running on $DB"
expect_eq "concurrent refresh fetched nothing" "$(grep -c epsilon "$LOG")" 0
check "concurrent refresh stored no feed" sh -c '! "$0" -u "$1" -d "$2" list --feeds | grep -q epsilon' \
    "$HEARSAY" "$URLS" "$DB"
expect_eq "first refresh still finishes" "$rc1" 0

# -- a few hundred feeds in one run ------------------------------------
mkdir -p "$ROOT/many"
: >"$URLS"
i=1
while [ "$i" -le 300 ]; do
	rss "$ROOT/many/f$i.xml" "feed$i" 3
	echo "$S/many/f$i.xml" >>"$URLS"
	i=$((i + 1))
done
DB="$TMP/data/many.db"
: >"$LOG"
refresh >"$TMP/out" 2>"$TMP/err"; rc=$?
expect_eq "300 feeds exit 0" "$rc" 0
expect_eq "300 feeds summary" "$(cat "$TMP/out")" \
    "refreshed 300 feeds: 900 new stories, 0 failed (0 not modified)"
expect_eq "300 feeds each fetched once" "$(grep -c ' 200$' "$LOG")" 300
refresh >"$TMP/out" 2>"$TMP/err"; rc=$?
expect_eq "300 feeds again exit 0" "$rc" 0
expect_eq "300 feeds again all 304" "$(cat "$TMP/out")" \
    "refreshed 300 feeds: 0 new stories, 0 failed (300 not modified)"

finish
