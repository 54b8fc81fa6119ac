# tests/lib.sh - shared helpers for the shell tests.  Sourced, not run.
# make check exports HEARSAY, top_srcdir and top_builddir.

set -u
: "${HEARSAY:?run through make check}"
: "${top_srcdir:?run through make check}"

fails=0
passes=0
TMP=$(mktemp -d "${TMPDIR:-/tmp}/hearsay-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export XDG_CONFIG_HOME="$TMP/config" XDG_DATA_HOME="$TMP/data" HOME="$TMP"

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
