# tests/hostile/common.sh - helpers for the hostile suite (tests/hostile/
# test_*.sh).  Sourced after tests/lib.sh; not run.

command -v python3 >/dev/null 2>&1 || { echo "SKIP: no python3"; exit 77; }

HOSTILE_PY="$top_srcdir/tests/hostile/hostile.py"
CHECK="$top_builddir/tests/store_check"
export no_proxy=127.0.0.1 NO_PROXY=127.0.0.1
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy

# hostile ARGS...: run tests/hostile/hostile.py.
hostile() { python3 "$HOSTILE_PY" "$@"; }

# expect_clean NAME [--json|--screen] FILE...: the files hold nothing that
# must not reach a terminal.
expect_clean() {
	name=$1; shift
	if hostile clean "$@" >"$TMP/clean.out" 2>&1; then ok "$name"; else
		not_ok "$name"; sed 's/^/  /' "$TMP/clean.out" | head -n 20; fi
}

# server_start ROOT [ARGS...]: run tests/server.py on ROOT; sets PORT, S
# (the base URL) and SERVER (its pid), logging requests to $TMP/requests.log.
server_start() {
	root=$1; shift
	rm -f "$TMP/port"
	python3 "$top_srcdir/tests/server.py" --port-file "$TMP/port" \
	    --root "$root" --log "$TMP/requests.log" --timeout 300 "$@" &
	SERVER=$!
	n=0
	while [ ! -s "$TMP/port" ] && [ "$n" -lt 100 ]; do
		sleep 0.1; n=$((n + 1))
	done
	PORT=$(cat "$TMP/port")
	S="http://127.0.0.1:$PORT"
}

server_stop() {
	[ -n "${SERVER:-}" ] && kill "$SERVER" 2>/dev/null
	SERVER=
}

# elapsed_ms COMMAND...: run it, print how long it took in ms to
# $TMP/elapsed; returns the command's status.
now_ms() { python3 -c 'import time; print(int(time.monotonic() * 1000))'; }

# sizes_equal NAME FILE COPY: FILE is byte for byte COPY.
expect_same_file() {
	if cmp -s "$2" "$3"; then ok "$1"; else not_ok "$1"; fi
}
