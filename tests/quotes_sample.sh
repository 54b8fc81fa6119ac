#!/bin/sh
# tests/quotes_sample.sh - the project's sample story through `hearsay
# quotes --json`, matched against its hand annotation
# (tests/quotes/match_expected.py).  Both live outside the repository, in
# ../shared/samples beside the clone (never copied into it): without them,
# or without python3, the test is skipped (77), not passed.
. "$top_srcdir/tests/lib.sh"

need python3
samples="$top_srcdir/../shared/samples"
[ -d "$samples" ] || samples="$top_srcdir/../../shared/samples"
for f in spy-story.txt spy-story.expected.json; do
	if [ ! -r "$samples/$f" ]; then
		echo "SKIP: no $f in ../shared/samples or ../../shared/samples beside $top_srcdir"
		exit 77
	fi
done

"$HEARSAY" quotes --json "$samples/spy-story.txt" >"$TMP/spy.json"
check "sample story matches its annotation" python3 \
    "$top_srcdir/tests/quotes/match_expected.py" \
    "$samples/spy-story.expected.json" "$TMP/spy.json"
finish
