#!/bin/sh
# test_fuzz.sh - every fuzz target (fuzz/check_NAME, the target under a
# plain main()) over its seeds and its kept crashers (fuzz/regress/NAME/),
# as listed in fuzz/targets.  A crash, a failed check or, under ASan, a
# leak fails the test.  Needs no clang and no libFuzzer.
. "$top_srcdir/tests/lib.sh"

# seeds NAME GLOBS...: the existing seed paths of target NAME, absolute.
seeds() {
	name=$1; shift
	for g in "$@" "fuzz/regress/$name"; do
		for f in "$top_srcdir"/$g; do
			[ -e "$f" ] && printf '%s\n' "$f"
		done
	done
}

while read -r name dict globs; do
	case $name in ''|'#'*) continue ;; esac
	: "$dict"
	# Word splitting on purpose: one path a line, none with spaces.
	# shellcheck disable=SC2046,SC2086
	if out=$("$top_builddir/fuzz/check_$name" $(seeds "$name" $globs) 2>&1)
	then
		ok "$name: $out"
	else
		not_ok "$name"
		printf '%s\n' "$out" | tail -n 40
	fi
done <"$top_srcdir/fuzz/targets"
finish
