#!/bin/sh
# tests/hostile/test_server.sh - `hearsay refresh` against a server that
# misbehaves in every way tests/server.py knows: oversized headers, a
# Content-Length that lies (longer, shorter with a smuggled response after
# it, absurd, negative), bogus status codes, absurd Retry-After values,
# stalled headers and bodies, an endless body, a gzip bomb, redirects to
# file:, to other schemes and in a loop.  Each failure is reported once,
# cleanly; a stall ends at the timeout; the good feeds are stored whole;
# and a feed the server holds on a host of its own keeps none of the
# others waiting: they are all stored while it is still held.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/hostile/common.sh"

ROOT="$TMP/root"
mkdir -p "$ROOT"
rss "$ROOT/good.xml" good 3
i=1
while [ "$i" -le 6 ]; do rss "$ROOT/g$i.xml" "g$i" 2; i=$((i + 1)); done
server_start "$ROOT"
CONF="$TMP/config.hostile"
# None of these answers stalls: a timeout of two minutes is only a guard.
echo "timeout 120" >"$CONF"

# -- every misbehaviour at once -------------------------------------------
# URL<TAB>what the error line must say (a grep -E pattern; "-" when the feed
# is stored).
cat >"$TMP/cases" <<EOF
$S/huge-headers	response headers larger than
$S/junk-headers	-
$S/lie/long/good.xml	transfer closed|partial|remaining
$S/lie/huge/good.xml	.
$S/lie/negative/good.xml	Content-Length
$S/rawstatus/999	HTTP 999
$S/rawstatus/0	response code|HTTP 0
$S/rawstatus/abc	HTTP version|response
$S/rawstatus/-1	response code
$S/rawstatus/2000000000000	response code
$S/retry-after/503/99999999999999999999	HTTP 503
$S/retry-after/429/-1	HTTP 429
$S/retry-after/503/Wed,%2099%20Foo%2099999%2099:99:99%20GMT	HTTP 503
$S/retry-after/503/%1b]0;pwned%07%e2%80%ae	HTTP 503
$S/endless	larger than max-feed-size \(32 MiB\)
$S/bomb/40	larger than max-feed-size \(32 MiB\)
$S/to-file/etc/passwd	not http or https|redirect
$S/to-scheme/gopher://127.0.0.1:$PORT/x	not http or https|redirect
$S/to-scheme/dict://127.0.0.1:$PORT/x	not http or https|redirect
$S/to-scheme/ftp://127.0.0.1:$PORT/x	not http or https|redirect
$S/to-scheme/scp://127.0.0.1:$PORT/x	not http or https|redirect
$S/to-scheme/data:,hello	not http or https|redirect
$S/to-scheme/javascript:alert(1)	not http or https|redirect
$S/loop/x	more than 5 redirects
$S/good.xml	-
EOF
# Two stalls (headers, then a body, each for a minute or two) that only the
# timeout ends.
printf '%s\ttimed out\n' "$S/stall" "$S/stall-headers" >>"$TMP/cases"
cut -f1 "$TMP/cases" | grep -v /stall >"$TMP/urls"
DB="$TMP/data/hostile.db"
guarded 900 "$HEARSAY" -c "$CONF" -u "$TMP/urls" -d "$DB" refresh -j 32 \
    --per-host 32 >"$TMP/out" 2>"$TMP/err"; rc=$?
# Listed now: the stalls' refresh below, with a urls file of its own,
# takes these feeds out of the lists (the urls file is the truth).
"$HEARSAY" -d "$DB" list --all >"$TMP/list"
echo "timeout 3" >"$TMP/config.stall"
grep /stall "$TMP/cases" | cut -f1 >"$TMP/urls.stall"
guarded 900 "$HEARSAY" -c "$TMP/config.stall" -u "$TMP/urls.stall" \
    -d "$DB" refresh >>"$TMP/out" 2>>"$TMP/err"; rc_stall=$?
sed 's/^/# /' "$TMP/err"
expect_eq "refresh exits 1" "$rc" 1
expect_eq "refresh of the stalls exits 1" "$rc_stall" 1
expect_clean "stdout and stderr clean" "$TMP/out" "$TMP/err"
while IFS='	' read -r url want; do
	line=$(grep -F "hearsay: $url: " "$TMP/err")
	case $want in
	-) expect_eq "$url: stored" "$line" "" ;;
	.) ok "$url: stored or refused, but handled" ;;
	*) if printf '%s\n' "$line" | grep -Eq "$want"; then ok "$url: $want"
	   else not_ok "$url: $want"; echo "  got: $line"; fi ;;
	esac
done <"$TMP/cases"
expect_eq "no error twice" "$(cut -d' ' -f2 "$TMP/err" | sort | uniq -d)" ""
# (good.xml, and lie/huge/good.xml which curl reads to the close)
check "the good feed's stories stored" test "$(grep -c 'good story' "$TMP/list")" -ge 3
check "the file: redirect read no file" sh -c '! grep -q "root:" "$0" "$1"' "$TMP/list" "$TMP/err"
expect_eq "integrity" "$("$CHECK" "$DB" 2>&1)" ok
# Retry-After is not obeyed (however absurd): the next run asks again.
: >"$TMP/requests.log"
grep retry-after "$TMP/urls" >"$TMP/urls.retry"
"$HEARSAY" -c "$CONF" -u "$TMP/urls.retry" -d "$DB" refresh -q 2>/dev/null
expect_eq "Retry-After: asked again at once" "$(grep -c retry-after "$TMP/requests.log")" 4

# -- a Content-Length shorter than the body: the rest (a whole smuggled
# response) never becomes the next feed's body on the same connection ----
printf '%s\n' "$S/lie/short/good.xml" "$S/g1.xml" "$S/lie/short/g2.xml" \
    "$S/g3.xml" >"$TMP/urls.short"
"$HEARSAY" -c "$CONF" -u "$TMP/urls.short" -d "$TMP/data/short.db" refresh \
    -j 1 --per-host 1 >"$TMP/out" 2>"$TMP/err"; rc=$?
sed 's/^/# /' "$TMP/out" "$TMP/err"
"$HEARSAY" -d "$TMP/data/short.db" list --all >"$TMP/list"
expect_eq "after a short Content-Length, g1 whole" "$(grep -c 'g1 story' "$TMP/list")" 2
expect_eq "after a short Content-Length, g3 whole" "$(grep -c 'g3 story' "$TMP/list")" 2
check "nothing smuggled in" sh -c '! grep -q smuggled "$0"' "$TMP/list"

# -- a hostile feed slows only itself ---------------------------------------
# Six good feeds, and one on a host of its own (localhost) that the server
# holds until the test lets it go: the six are all stored while it is
# still held, and then it comes too.
printf '%s/g%d.xml\n' "$S" 1 "$S" 2 "$S" 3 "$S" 4 "$S" 5 "$S" 6 >"$TMP/urls.mixed"
echo "http://localhost:$PORT/hold/stalled/good.xml" >>"$TMP/urls.mixed"
echo "timeout 600" >"$CONF"
MIXED="$TMP/data/mixed.db"
"$HEARSAY" -c "$CONF" -u "$TMP/urls.mixed" -d "$MIXED" refresh -q \
    2>"$TMP/mixed.err" &
MIXED_PID=$!
mixed_stories() {
	[ "$("$HEARSAY" -d "$MIXED" list --all 2>/dev/null | wc -l)" -ge "$1" ]
}
check "the six good feeds stored" wait_until 300 mixed_stories 12
check "while the held feed is still asked for" logged 1 "HOLD stalled"
check "and the refresh still runs" kill -0 "$MIXED_PID"
expect_eq "the held feed not answered yet" \
    "$(grep -c '^GET /hold/stalled/good.xml' "$TMP/requests.log")" 0
gate_open stalled
wait "$MIXED_PID"; rc=$?
expect_eq "then the held one comes too" "$rc" 0
expect_eq "all stored" "$("$HEARSAY" -d "$MIXED" list --all | wc -l | tr -d ' ')" 15

finish
