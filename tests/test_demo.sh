#!/bin/sh
# test_demo.sh - the bundled demo feeds go through the whole pipeline: each
# parses cleanly, `refresh` stores every story from file:// URLs, and
# `--demo` builds its own store without touching the user's.
. "$top_srcdir/tests/lib.sh"

demo="$top_srcdir/demo"
total=0
for f in "$demo"/*.xml "$demo"/*.atom "$demo"/*.rdf "$demo"/*.json; do
	name=$(basename "$f")
	"$HEARSAY" parse --json "$f" >"$TMP/$name.out"; rc=$?
	expect_eq "$name parses" "$rc" 0
	n=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
print(len(d["items"]) if not d["bozo"] else -1)' "$TMP/$name.out")
	if [ "$n" -gt 0 ]; then ok "$name: $n stories, not bozo"; else not_ok "$name: bozo or empty ($n)"; fi
	total=$((total + n))
	echo "file://$f demo" >>"$TMP/urls"
done

"$HEARSAY" -u "$TMP/urls" -d "$TMP/demo.db" refresh -q; rc=$?
expect_eq "refresh of the demo feeds exits 0" "$rc" 0
n=$("$HEARSAY" -d "$TMP/demo.db" list --all | wc -l)
expect_eq "every demo story is in the store" "$n" "$total"

# A second refresh finds nothing new and keeps the count.
"$HEARSAY" -u "$TMP/urls" -d "$TMP/demo.db" refresh -q; rc=$?
expect_eq "second refresh exits 0" "$rc" 0
n=$("$HEARSAY" -d "$TMP/demo.db" list --all | wc -l)
expect_eq "second refresh adds no duplicates" "$n" "$total"

# --demo keeps to its own directory.
HEARSAY_DEMO_DIR="$demo" HEARSAY_DEMO_HOME="$TMP/demohome" \
    "$HEARSAY" --demo </dev/null >"$TMP/demo.out" 2>&1; rc=$?
expect_eq "--demo without a terminal exits 0" "$rc" 0
check "--demo made its own store" test -s "$TMP/demohome/demo.db"
check "--demo left the user's store alone" test ! -e "$XDG_DATA_HOME/hearsay/hearsay.db"
check "--demo left the user's urls alone" test ! -e "$XDG_CONFIG_HOME/hearsay/urls"

finish
