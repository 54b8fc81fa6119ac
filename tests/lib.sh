# tests/lib.sh - shared helpers for the shell tests.  Sourced, not run.
# make check exports HEARSAY, top_srcdir and top_builddir.
#
# No test here compares a time with a bound: a test waits for a condition
# (wait_until, ui_wait_for) with a timeout generous enough for a loaded
# machine running a sanitizer build, and asserts on state.  Where it needs
# a moment held still, it holds it: the loopback server's /hold/ and
# /crowd/ routes wait for the test (gate_open), and tests/stopat.so stops
# a process at a chosen point of its SQLite work (stopat).

set -u
: "${HEARSAY:?run through make check}"
: "${top_srcdir:?run through make check}"
: "${top_builddir:=.}"

fails=0
passes=0
TMP=$(mktemp -d "${TMPDIR:-/tmp}/hearsay-test.XXXXXX")
export XDG_CONFIG_HOME="$TMP/config" XDG_DATA_HOME="$TMP/data" HOME="$TMP"

# at_exit CMD: run CMD when the test exits (last added, first run); the
# temporary directory goes last.
_at_exit=
at_exit() { _at_exit="$1; $_at_exit"; }
trap 'eval "$_at_exit"; rm -rf "$TMP"' EXIT

ok() { passes=$((passes + 1)); echo "ok - $*"; }
not_ok() { fails=$((fails + 1)); echo "not ok - $*"; }

# check NAME COMMAND...: passes when the command succeeds.
check() {
	name=$1; shift
	if "$@"; then ok "$name"; else not_ok "$name"; fi
}

# expect_eq NAME ACTUAL EXPECTED
expect_eq() {
	if [ "$2" = "$3" ]; then ok "$1"; else
		not_ok "$1"; printf '  expected: %s\n  actual:   %s\n' "$3" "$2"; fi
}

finish() {
	echo "$passes passed, $fails failed"
	[ "$fails" -eq 0 ]
}

# need COMMAND...: SKIP (exit 77) unless every command is on PATH.
need() {
	for c in "$@"; do
		command -v "$c" >/dev/null 2>&1 || { echo "SKIP: no $c"; exit 77; }
	done
}

# wait_until SECONDS COMMAND...: run COMMAND every tenth of a second until
# it succeeds (0) or SECONDS have gone by (1).  A timeout that a passing
# run never comes near: on success it costs nothing.
wait_until() {
	_tenths=$(($1 * 10)); shift
	_n=0
	while ! "$@"; do
		[ "$_n" -ge "$_tenths" ] && return 1
		sleep 0.1
		_n=$((_n + 1))
	done
	return 0
}

# guarded SECONDS COMMAND...: run COMMAND under a hang guard; its status,
# or 124 with a "not ok - hang guard" line when it was still running after
# SECONDS (a bound far above any slow run: the caller says how far).
guarded() {
	_limit=$1; shift
	timeout -k 10 "$_limit" "$@"; _rc=$?
	if [ "$_rc" -eq 124 ] || [ "$_rc" -eq 137 ]; then
		not_ok "hang guard: still running after $_limit s: $*"
		return 124
	fi
	return "$_rc"
}

# rss FILE TITLE N: an RSS 2.0 feed with N stories, each with a guid, a
# link, a short body and a date.
rss() {
	{
		printf '<?xml version="1.0" encoding="utf-8"?>\n'
		printf '<rss version="2.0"><channel><title>%s</title>\n' "$2"
		printf '<link>http://example.org/%s</link>\n' "$2"
		_k=1
		while [ "$_k" -le "$3" ]; do
			printf '<item><title>%s story %d</title>' "$2" "$_k"
			printf '<link>http://example.org/%s/%d</link>' "$2" "$_k"
			printf '<guid>%s-%d</guid>' "$2" "$_k"
			printf '<description>&lt;p&gt;Text of %s %d, with words' "$2" "$_k"
			printf ' to index: harbour council weather.&lt;/p&gt;</description>'
			printf '<pubDate>Mon, 02 Nov 2026 %02d:%02d:00 GMT</pubDate></item>\n' \
			    "$((10 + _k / 60 % 14))" "$((_k % 60))"
			_k=$((_k + 1))
		done
		printf '</channel></rss>\n'
	} >"$1"
}

# -- the loopback server (tests/server.py) ---------------------------------

# server_start ROOT [ARGS...]: serve ROOT on 127.0.0.1; sets PORT, S (the
# base URL), SERVER (its pid) and GATE (its gate directory), logging
# requests to $TMP/requests.log.  Stopped when the test exits; it also
# exits by itself after half an hour, should the test be killed.
server_start() {
	need python3
	_root=$1; shift
	rm -f "$TMP/port"
	GATE="$TMP/gate"
	mkdir -p "$GATE"
	python3 "$top_srcdir/tests/server.py" --port-file "$TMP/port" \
	    --root "$_root" --log "$TMP/requests.log" --gate-dir "$GATE" \
	    --timeout 1800 "$@" &
	SERVER=$!
	at_exit server_stop
	export no_proxy=127.0.0.1 NO_PROXY=127.0.0.1
	unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
	if ! wait_until 120 test -s "$TMP/port"; then
		echo "Bail out! the loopback server did not start in 120 s"
		exit 99
	fi
	PORT=$(cat "$TMP/port")
	S="http://127.0.0.1:$PORT"
}

server_stop() {
	[ -n "${SERVER:-}" ] && kill "$SERVER" 2>/dev/null
	SERVER=
}

# gate_open NAME / gate_close NAME: let the server's /hold/NAME/ and
# /crowd/NAME/ requests through, or hold the next ones again.
gate_open() { : >"$GATE/$1"; }
gate_close() { rm -f "$GATE/$1"; }

# logged COUNT LINE: the request log holds LINE (a fixed string, the whole
# line) at least COUNT times.
logged() {
	[ "$(grep -cxF -- "$2" "$TMP/requests.log" 2>/dev/null)" -ge "$1" ]
}

# -- stop points (tests/stopat.so) -----------------------------------------

STOPAT_SO="$top_builddir/tests/stopat.so"
# The statement every merge of a feed runs first (store_feed_merge's
# STMT_FEED_META): a transaction that runs it is one feed merged.  Should
# the SQL change, the stop point is never reached and the test says so.
STOPAT_MERGE="UPDATE feeds SET feed_title"
# What makes a transaction count (tests/stopat.c's STOPAT_TXN): a merge
# unless the test says otherwise ("BEGIN IMMEDIATE": every write).
STOPAT_COUNT=$STOPAT_MERGE

# stopat_bg POINT MARK GATE COMMAND...: start COMMAND in the background,
# its pid in STOPAT_PID, stopped at POINT (see tests/stopat.c): MARK is
# written when it gets there, and it goes on once the file GATE exists
# (GATE "-": it waits there for a kill).
stopat_bg() {
	[ -r "$STOPAT_SO" ] || { echo "Bail out! no $STOPAT_SO"; exit 99; }
	_point=$1 _mark=$2 _gate=$3; shift 3
	rm -f "$_mark"
	(
		STOPAT_POINT=$_point STOPAT_MARK=$_mark STOPAT_TXN=$STOPAT_COUNT
		LD_PRELOAD=$STOPAT_SO
		# The shim is not built with ASan, and comes first.
		ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0"
		export STOPAT_POINT STOPAT_MARK STOPAT_TXN LD_PRELOAD ASAN_OPTIONS
		if [ "$_gate" != - ]; then
			STOPAT_GATE=$_gate; export STOPAT_GATE
		fi
		exec "$@"
	) &
	STOPAT_PID=$!
}

# stopat_reached MARK [PID]: wait until MARK is written (0), or PID has
# ended without getting there or ten minutes went by (1: a hang guard far
# above the second or so it takes on a loaded sanitizer build).
stopat_reached() {
	wait_until 600 _stopat_there "$1" "${2:-$STOPAT_PID}"
	test -s "$1"
}
_stopat_there() { test -s "$1" || ! kill -0 "$2" 2>/dev/null; }
