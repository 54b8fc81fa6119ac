#!/bin/sh
# bench/sync.sh - figure 10: syncing with a Tiny Tiny RSS server beside
# refreshing from the feeds themselves (`make bench-sync`).
#
#   bench/sync.sh --hearsay PATH [--feeds N] [--per-feed N] [--runs N]
#
# Starts the test suite's private server (tests/ttrss/server.sh: Debian's
# tt-rss on PostgreSQL under php -S, loopback only), has its updater fetch
# N feeds of M stories each (50 x 200 = 10,000 by default) from the
# loopback server, then times, each --runs times with a new store:
#   1. the first sync of a new store (every article, a page of 200 at a time)
#   2. a sync that finds nothing new
#   3. a cold `hearsay refresh` of the same feeds from the loopback server
#   4. a warm one (every feed answers 304)
# and prints the wall times and hearsay's CPU times (min and median) and
# the requests.  The server's own time is the wall time less hearsay's
# (the machine's two cores permitting).  Needs the packages quickstart
# installs for the tests, and GNU time; says so otherwise.
set -u
hearsay=
feeds=50 per_feed=200 runs=3
while [ $# -gt 0 ]; do
	case $1 in
	--hearsay) hearsay=$2; shift 2 ;;
	--feeds) feeds=$2; shift 2 ;;
	--per-feed) per_feed=$2; shift 2 ;;
	--runs) runs=$2; shift 2 ;;
	*) echo "usage: bench/sync.sh --hearsay PATH [--feeds N] [--per-feed N] [--runs N]" >&2; exit 2 ;;
	esac
done
[ -x "$hearsay" ] || { echo "bench/sync.sh: --hearsay PATH" >&2; exit 2; }
top_srcdir=$(cd "$(dirname "$0")/.." && pwd)
HEARSAY=$(cd "$(dirname "$hearsay")" && pwd)/$(basename "$hearsay")
top_builddir=$(dirname "$(dirname "$HEARSAY")")
export HEARSAY top_srcdir top_builddir
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ttrss/server.sh"
ttrss_need

mkdir -p "$TMP/feeds" "$XDG_CONFIG_HOME/hearsay"
i=1
: >"$TMP/urls"
while [ "$i" -le "$feeds" ]; do
	rss "$TMP/feeds/f$i.xml" "Feed$i" "$per_feed"
	i=$((i + 1))
done
server_start "$TMP/feeds"
ttrss_start "$S"
i=1
while [ "$i" -le "$feeds" ]; do
	ttrss_api subscribeToFeed "{\"feed_url\": \"$S/f$i.xml\"}" >/dev/null
	echo "$S/f$i.xml" >>"$TMP/urls"
	i=$((i + 1))
done
echo "bench/sync.sh: the server's updater fetches $feeds x $per_feed stories" >&2
ttrss_update
total=$(ttrss_sql 'SELECT count(*) FROM ttrss_user_entries')
echo "bench/sync.sh: the server holds $total articles" >&2
cat >"$TMP/sync.conf" <<EOF
source ttrss
ttrss-url $TT_URL
ttrss-login $TT_USER
ttrss-passwordfile $TT_PASSFILE
EOF
: >"$TMP/feeds.conf"

# timed OUT COMMAND...: run it, its wall seconds appended to OUT and its
# CPU seconds (user + system, hearsay-fetch's included) to OUT.cpu, its
# standard output kept in $TMP/last.
timed() {
	_out=$1; shift
	_t0=$(date +%s.%N)
	/usr/bin/time -f '%U %S' -o "$TMP/cpu" "$@" >"$TMP/last" \
	    2>"$TMP/last.err" || { cat "$TMP/last.err" >&2; exit 1; }
	_t1=$(date +%s.%N)
	echo "$_t1 - $_t0" | bc >>"$_out"
	awk '{ print $1 + $2 }' "$TMP/cpu" >>"$_out.cpu"
}
# stats FILE: "min / median" of the numbers in FILE, in seconds.
stats() {
	sort -n "$1" | awk '{ v[NR] = $1 } END { printf "%.2f s / %.2f s", v[1], v[int((NR + 1) / 2)] }'
}
[ -x /usr/bin/time ] || { echo "bench/sync.sh: needs GNU time (/usr/bin/time)" >&2; exit 2; }

for f in first unchanged cold warm; do : >"$TMP/$f.t"; : >"$TMP/$f.t.cpu"; done
r=1
while [ "$r" -le "$runs" ]; do
	rm -f "$TMP/s.db" "$TMP/s.db-wal" "$TMP/s.db-shm" "$TMP/f.db" \
	    "$TMP/f.db-wal" "$TMP/f.db-shm"
	timed "$TMP/first.t" "$HEARSAY" -c "$TMP/sync.conf" -d "$TMP/s.db" refresh
	first_req=$(sed -n 's/.*(\([0-9]*\) requests)$/\1/p' "$TMP/last")
	stored=$(sqlite3 "$TMP/s.db" 'SELECT count(*) FROM stories')
	timed "$TMP/unchanged.t" "$HEARSAY" -c "$TMP/sync.conf" -d "$TMP/s.db" refresh
	same_req=$(sed -n 's/.*(\([0-9]*\) requests)$/\1/p' "$TMP/last")
	timed "$TMP/cold.t" "$HEARSAY" -c "$TMP/feeds.conf" -u "$TMP/urls" \
	    -d "$TMP/f.db" refresh
	fetched=$(sqlite3 "$TMP/f.db" 'SELECT count(*) FROM stories')
	timed "$TMP/warm.t" "$HEARSAY" -c "$TMP/feeds.conf" -u "$TMP/urls" \
	    -d "$TMP/f.db" refresh
	r=$((r + 1))
done

echo "| what ($total articles, $feeds feeds, $runs runs) | wall, min / median | hearsay's CPU, min / median | requests |"
echo "|---|---:|---:|---:|"
echo "| first sync of a new store ($stored stories stored) | $(stats "$TMP/first.t") | $(stats "$TMP/first.t.cpu") | $first_req |"
echo "| sync, nothing new | $(stats "$TMP/unchanged.t") | $(stats "$TMP/unchanged.t.cpu") | $same_req |"
echo "| refresh from the feeds, cold ($fetched stories stored) | $(stats "$TMP/cold.t") | $(stats "$TMP/cold.t.cpu") | $feeds |"
echo "| refresh from the feeds, all 304 | $(stats "$TMP/warm.t") | $(stats "$TMP/warm.t.cpu") | $feeds |"
