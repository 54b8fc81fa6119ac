#!/bin/sh
# tests/test_parse.sh - golden test of `hearsay parse --json`: every feed in
# tests/parse/ (NAME.xml or NAME.json) is parsed and its output compared with
# NAME.expected; NAME.base, when present, holds the document URL to pass as
# --base.  A feed that is no feed expects exit status 1 and an error object.

. "$top_srcdir/tests/lib.sh"

dir="$top_srcdir/tests/parse"
for feed in "$dir"/*.xml "$dir"/*.json; do
	case $feed in *.expected.json) continue ;; esac
	[ -f "$feed" ] || continue
	name=${feed%.*}
	exp="$name.expected"
	if [ ! -f "$exp" ]; then
		not_ok "$(basename "$feed"): no $(basename "$exp")"
		continue
	fi
	set -- parse --json
	[ -f "$name.base" ] && set -- "$@" --base "$(cat "$name.base")"
	"$HEARSAY" "$@" "$feed" >"$TMP/out" 2>"$TMP/err"
	echo "exit $?" >>"$TMP/out"
	if cmp -s "$TMP/out" "$exp" && [ ! -s "$TMP/err" ]; then
		ok "$(basename "$feed")"
	else
		not_ok "$(basename "$feed")"
		diff -u "$exp" "$TMP/out" | head -40
		head -5 "$TMP/err"
	fi
done

# Usage errors exit 2; an unreadable file exits 1.
"$HEARSAY" parse >/dev/null 2>&1
expect_eq "parse without a file exits 2" "$?" 2
"$HEARSAY" parse --json "$TMP/missing.xml" >/dev/null 2>&1
expect_eq "parse of a missing file exits 1" "$?" 1

# The listing form prints the feed title and one line per item.
out=$("$HEARSAY" parse "$dir/rss2-basic.xml")
expect_eq "listing" "$out" "$(cat "$dir/rss2-basic.listing")"

# stdin works as "-".
out=$("$HEARSAY" parse --json --base "$(cat "$dir/rss2-basic.base")" - \
    <"$dir/rss2-basic.xml"; echo "exit $?")
expect_eq "stdin" "$out" "$(cat "$dir/rss2-basic.expected")"

finish
