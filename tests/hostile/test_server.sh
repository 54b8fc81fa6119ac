#!/bin/sh
# tests/hostile/test_server.sh - `hearsay refresh` against a server that
# misbehaves in every way tests/server.py knows: oversized headers, a
# Content-Length that lies (longer, shorter with a smuggled response after
# it, absurd, negative), bogus status codes, absurd Retry-After values,
# stalled headers and bodies, an endless body, a gzip bomb, redirects to
# file:, to other schemes and in a loop.  Each failure is reported once,
# cleanly, within the timeout; the good feeds are stored whole; and a
# stalled feed on its own host slows only itself.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/hostile/common.sh"
trap 'server_stop; rm -rf "$TMP"' EXIT

ROOT="$TMP/root"
mkdir -p "$ROOT"
# rss FILE NAME N: a feed of N stories.
rss() {
	{
		printf '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>%s</title>\n' "$2"
		k=1
		while [ "$k" -le "$3" ]; do
			printf '<item><title>%s story %d</title><guid>%s-%d</guid></item>\n' \
			    "$2" "$k" "$2" "$k"
			k=$((k + 1))
		done
		printf '</channel></rss>\n'
	} >"$1"
}
rss "$ROOT/good.xml" good 3
i=1
while [ "$i" -le 6 ]; do rss "$ROOT/g$i.xml" "g$i" 2; i=$((i + 1)); done
server_start "$ROOT"
CONF="$TMP/config.hostile"
echo "timeout 3" >"$CONF"

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
$S/stall	timed out
$S/stall-headers	timed out
$S/endless	body larger than 33554432 bytes
$S/bomb/40	body larger than 33554432 bytes
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
cut -f1 "$TMP/cases" >"$TMP/urls"
# The server makes its gzip bomb once, slowly: not inside the 3 s timeout.
python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=60).read()' \
    "$S/bomb/40"
DB="$TMP/data/hostile.db"
start=$(now_ms)
"$HEARSAY" -c "$CONF" -u "$TMP/urls" -d "$DB" refresh -j 32 --per-host 32 \
    >"$TMP/out" 2>"$TMP/err"; rc=$?
took=$(( $(now_ms) - start ))
echo "# every misbehaviour at once: $took ms"
sed 's/^/# /' "$TMP/err"
expect_eq "refresh exits 1" "$rc" 1
check "refresh within the 3 s timeout and some (took $took ms)" test "$took" -lt 12000
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
"$HEARSAY" -d "$DB" list --all >"$TMP/list"
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
# Six good feeds (300 ms each, two at a time on their host) alone, then
# with a stalled feed on a host of its own (localhost): the good ones are
# all stored in about the time they took alone, while the stalled one
# still hangs.
printf '%s/slow/300/g%d.xml\n' "$S" 1 "$S" 2 "$S" 3 "$S" 4 "$S" 5 "$S" 6 \
    >"$TMP/urls.good"
echo "timeout 6" >"$CONF"
start=$(now_ms)
"$HEARSAY" -c "$CONF" -u "$TMP/urls.good" -d "$TMP/data/alone.db" refresh -q
alone=$(( $(now_ms) - start ))
{ cat "$TMP/urls.good"; echo "http://localhost:$PORT/stall"; } >"$TMP/urls.mixed"
MIXED="$TMP/data/mixed.db"
: >"$TMP/urls.none"
"$HEARSAY" -c "$CONF" -u "$TMP/urls.none" -d "$MIXED" refresh -q 2>/dev/null
start=$(now_ms)
"$HEARSAY" -c "$CONF" -u "$TMP/urls.mixed" -d "$MIXED" refresh -q \
    2>"$TMP/mixed.err" &
MIXED_PID=$!
n=0
while [ "$("$HEARSAY" -d "$MIXED" list --all 2>/dev/null | wc -l)" -lt 12 ] &&
    [ "$n" -lt 200 ]; do
	sleep 0.05; n=$((n + 1))
done
good=$(( $(now_ms) - start ))
check "stalled feed still hanging when the good ones are in" kill -0 "$MIXED_PID"
wait "$MIXED_PID"; rc=$?
total=$(( $(now_ms) - start ))
echo "# six good feeds alone: $alone ms; with a stalled one: good in $good ms, all done in $total ms"
check "the good ones as fast as alone, give or take (alone $alone ms, with a stall $good ms)" \
    test "$good" -lt $((alone * 2 + 1500))
expect_eq "the stalled one failed" "$rc" 1
check "the stalled one timed out" grep -q "localhost:$PORT/stall: .*timed out" "$TMP/mixed.err"

finish
