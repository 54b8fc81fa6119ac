# tests/hostile/common.sh - helpers for the hostile suite (tests/hostile/
# test_*.sh).  Sourced after tests/lib.sh (which has the loopback server,
# the waits and the stop points); not run.

need python3

HOSTILE_PY="$top_srcdir/tests/hostile/hostile.py"
CHECK="$top_builddir/tests/store_check"

# hostile ARGS...: run tests/hostile/hostile.py.
hostile() { python3 "$HOSTILE_PY" "$@"; }

# expect_clean NAME [--json|--screen] FILE...: the files hold nothing that
# must not reach a terminal.
expect_clean() {
	name=$1; shift
	if hostile clean "$@" >"$TMP/clean.out" 2>&1; then ok "$name"; else
		not_ok "$name"; sed 's/^/  /' "$TMP/clean.out" | head -n 20; fi
}

# expect_same_file NAME FILE COPY: FILE is byte for byte COPY.
expect_same_file() {
	if cmp -s "$2" "$3"; then ok "$1"; else not_ok "$1"; fi
}
