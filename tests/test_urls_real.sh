#!/bin/sh
# test_urls_real.sh - real newsboat urls files, as users keep them in their
# dotfiles (../shared/newsboat-configs/urls beside the clone, or the folder
# named by HEARSAY_URLS_DIR; never copied into the project), read by the
# real binary: every feed of a file is read, and the only warnings are
# real problems (a feed kind hearsay does not run, a URL gone wrong), not
# the separators, open quotes and duplicates newsboat users write.
# Without the folder the test is skipped (77).
. "$top_srcdir/tests/lib.sh"

dir=${HEARSAY_URLS_DIR:-$top_srcdir/../shared/newsboat-configs/urls}
[ -d "$dir" ] || dir="$top_srcdir/../../shared/newsboat-configs/urls"
if [ ! -d "$dir" ] || [ -z "$(ls -A "$dir" 2>/dev/null)" ]; then
	echo "SKIP: no urls files in ../shared/newsboat-configs/urls beside $top_srcdir"
	exit 77
fi

# The feeds newsboat would fetch, counted apart from hearsay: the distinct
# first words (unquoted) of the lines that are not comments and start
# with http://, https:// or file://.
feeds_of() {
	awk '
	{
		sub(/^[ \t]+/, "")
		if ($0 ~ /^#/ || $0 == "") next
		if (substr($0, 1, 1) == "\"") {
			w = substr($0, 2); i = index(w, "\"")
			if (i > 0) w = substr(w, 1, i - 1)
		} else {
			w = $0; sub(/[ \t\r].*/, "", w)
		}
		if (tolower(w) !~ /^(https?|file):\/\/./) next
		if (!(w in seen)) { seen[w] = 1; n++ }
	}
	END { print n + 0 }' "$1"
}

# A warning is a real problem: a query:, exec: or filter: feed, or a
# first word that looks like a URL (a dot, colon or slash in it).
real_problem() {
	grep -Ev ':[0-9]+: ((query|exec|filter): feeds are not supported: |not a feed URL \(only http, https and file URLs are\): [^ ]*[.:/])' "$1"
}

n=0
for f in "$dir"/*; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	name=$(basename "$f")
	"$HEARSAY" -u "$f" export-opml >"$TMP/out.opml" 2>"$TMP/err"
	rc=$?
	expect_eq "$name: read" "$rc" 0
	expect_eq "$name: every feed" "$(grep -c 'xmlUrl=' "$TMP/out.opml")" \
	    "$(feeds_of "$f")"
	if real_problem "$TMP/err" >"$TMP/other"; then
		not_ok "$name: warnings other than real problems"
		sed 's/^/  | /' "$TMP/other"
	else
		ok "$name: no warning but real problems"
	fi
done
echo "# $n urls files from $dir"
finish
