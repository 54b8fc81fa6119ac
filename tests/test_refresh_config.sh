#!/bin/sh
# test_refresh_config.sh - `refresh` takes its defaults from the config
# file: retention applies, a bad line is reported with file and line and
# the rest still applies, and a config named with -c must exist.
. "$top_srcdir/tests/lib.sh"

feed="$TMP/feed.xml"
write_feed() {	# write_feed ITEM...: an RSS feed of items "guid|date"
	{
		echo '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
		for it in "$@"; do
			echo "<item><guid>${it%%|*}</guid><title>${it%%|*}</title><pubDate>${it#*|}</pubDate></item>"
		done
		echo '</channel></rss>'
	} >"$feed"
}
echo "file://$feed" >"$TMP/urls"
mkdir -p "$XDG_CONFIG_HOME/hearsay"
cat >"$XDG_CONFIG_HOME/hearsay/config" <<'CFG'
# retention for this test
keep-days 30
max-parallel lots
CFG

write_feed "old-a|Mon, 01 Jan 2001 10:00:00 GMT" "old-b|Tue, 01 Jan 2002 10:00:00 GMT"
"$HEARSAY" -u "$TMP/urls" -d "$TMP/db" refresh -q 2>"$TMP/err"; rc=$?
expect_eq "refresh with a bad config line exits 0" "$rc" 0
check "the bad line is named with file and line" \
    grep -q "config:3:.*max-parallel" "$TMP/err"
n=$("$HEARSAY" -d "$TMP/db" list --all | wc -l)
expect_eq "stories still in the feed are kept, however old" "$n" 2

now=$(date -u '+%a, %d %b %Y %H:%M:%S GMT')
write_feed "new-c|$now"
"$HEARSAY" -u "$TMP/urls" -d "$TMP/db" refresh -q 2>/dev/null; rc=$?
expect_eq "second refresh exits 0" "$rc" 0
"$HEARSAY" -d "$TMP/db" list --all >"$TMP/list"
expect_eq "keep-days from the config dropped the old stories" \
    "$(wc -l <"$TMP/list")" 1
check "the new story stays" grep -q "new-c" "$TMP/list"

"$HEARSAY" -c "$TMP/missing" -u "$TMP/urls" -d "$TMP/db" refresh -q \
    2>"$TMP/err"; rc=$?
expect_eq "a missing -c config exits 2" "$rc" 2
check "and says which file" grep -q "missing" "$TMP/err"

finish
