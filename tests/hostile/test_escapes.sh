#!/bin/sh
# tests/hostile/test_escapes.sh - terminal attacks in every field and every
# header: feeds (RSS, Atom, JSON Feed, windows-1252, latin-1, a broken one)
# with ESC/CSI/OSC sequences, C0, DEL, C1 (raw, as references, from the
# decoders), bidi overrides and isolates and invalid UTF-8 in every field,
# served by a loopback server whose validators, charset, status reasons and
# redirect targets carry the same.  Whatever hearsay prints - `parse`,
# `parse --json`, `refresh`, `list`, the bare command, the reader's screen
# and its stderr - holds none of it (tests/hostile/hostile.py clean).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/hostile/common.sh"
. "$top_srcdir/tests/ui/tmux.sh"

ROOT="$TMP/root"
hostile feeds "$ROOT"
FEEDS="rss-raw.xml rss-refs.xml atom-raw.xml atom-refs.xml feed.json
rss-cp1252.xml rss-latin1.xml broken.xml"
printf '<rss version="2.0"><channel><title>good</title><item><title>good one</title><guid>g1</guid></item></channel></rss>\n' \
    >"$ROOT/good.xml"

# -- parse: JSON and plain, every feed ----------------------------------
for f in $FEEDS; do
	"$HEARSAY" parse --json "$ROOT/$f" >"$TMP/$f.json" 2>"$TMP/$f.err"
	rc=$?
	expect_eq "parse --json $f exits 0" "$rc" 0
	expect_clean "parse --json $f: clean UTF-8 JSON" --json "$TMP/$f.json"
	check "parse --json $f: the fields are there" grep -q HOSTILE "$TMP/$f.json"
	"$HEARSAY" parse "$ROOT/$f" >"$TMP/$f.txt" 2>>"$TMP/$f.err"
	expect_clean "parse $f: clean text" "$TMP/$f.txt"
	expect_eq "parse $f: nothing on stderr" "$(cat "$TMP/$f.err")" ""
done
# Every field of the RSS feed was filled, and cleaned, not dropped.
python3 - "$TMP/rss-raw.xml.json" <<'EOF' >"$TMP/fields" 2>&1
import json, sys
d = json.load(open(sys.argv[1]))
i = d["items"][0]
vals = [d["feed"]["title"], d["feed"]["link"], d["feed"]["description"],
        i["title"], i["link"], i["author"], i["id"], i["summary"],
        i["content"], i["categories"][0], i["enclosures"][0]["url"]]
for v in vals:
    if v is None or "HOSTILE" not in v:
        print("missing or emptied:", repr(v))
EOF
expect_eq "every RSS field kept its clean text" "$(cat "$TMP/fields")" ""
# The decoders: windows-1252 holes and latin-1 make no C1 control.
expect_clean "windows-1252 holes make no C1" --json "$TMP/rss-cp1252.xml.json"
# libxml2's diagnostics: the broken document's source never echoes.
check "broken feed flagged bozo" grep -q '"bozo": true' "$TMP/broken.xml.json"
check "no source line in diagnostics" sh -c \
    '! grep -q "LEAKED-SOURCE-LINE" "$0" && ! grep -q "LEAKED.*\\^" "$1"' \
    "$TMP/broken.xml.err" "$TMP/broken.xml.json"
"$HEARSAY" parse --json - <"$ROOT/broken.xml" >/dev/null 2>"$TMP/stdin.err"
expect_eq "stdin parse: nothing on stderr" "$(cat "$TMP/stdin.err")" ""

# -- refresh through a hostile server -------------------------------------
server_start "$ROOT"
URLS="$TMP/urls"
DB="$TMP/data/hearsay.db"
{
	for f in $FEEDS; do echo "$S/$f"; done
	echo "$S/evil-headers/good.xml"
	echo "$S/evil-location/atom-raw.xml"
	echo "$S/bidi-location/atom-refs.xml"
	echo "$S/evil-host"
	echo "$S/rawstatus/500"
	echo "$S/status/503"
	echo "$S/retry-after/503/%1b]0;pwned-title%07"
	echo "$S/to-scheme/javascript:alert(%1b[9m)"
	echo "file://$ROOT/rss-raw.xml"
} >"$URLS"
"$HEARSAY" -u "$URLS" -d "$DB" refresh >"$TMP/r.out" 2>"$TMP/r.err"; rc=$?
expect_eq "refresh with failures exits 1" "$rc" 1
expect_clean "refresh stdout clean" "$TMP/r.out"
expect_clean "refresh stderr clean" "$TMP/r.err"
check "evil redirect target reported" grep -q "evil-location/atom-raw.xml: " "$TMP/r.err"
check "evil status reported" grep -q "rawstatus/500: HTTP 500" "$TMP/r.err"
check "evil host reported" grep -q "evil-host: " "$TMP/r.err"
check "no source line on refresh" sh -c '! grep -q LEAKED-SOURCE "$0"' "$TMP/r.err"
sed 's/^/# /' "$TMP/r.err"
# The second refresh sends the stored validators back: they must be clean
# bytes in the request (the server would choke on raw controls), and the
# run says nothing new that is not clean.
"$HEARSAY" -u "$URLS" -d "$DB" refresh >"$TMP/r2.out" 2>"$TMP/r2.err"
expect_clean "second refresh clean" "$TMP/r2.out" "$TMP/r2.err"
check "second refresh asked the evil-headers feed again" \
    test "$(grep -c "GET /evil-headers/good.xml" "$TMP/requests.log")" -eq 2
check "the evil validators were never sent back" sh -c \
    '! grep "^COND evil-headers" "$0" | grep -q "\\\\"' "$TMP/requests.log"
grep "^COND" "$TMP/requests.log" | sed 's/^/# /' 

# -- list, list --feeds, the bare command in a pipe -------------------------
"$HEARSAY" -u "$URLS" -d "$DB" list --all >"$TMP/l.out" 2>"$TMP/l.err"
expect_clean "list --all clean" "$TMP/l.out" "$TMP/l.err"
check "list shows the stories" grep -q HOSTILE "$TMP/l.out"
"$HEARSAY" -u "$URLS" -d "$DB" list --feeds >"$TMP/f.out" 2>"$TMP/f.err"
expect_clean "list --feeds clean" "$TMP/f.out" "$TMP/f.err"
check "list --feeds shows the feeds" grep -q HOSTILE "$TMP/f.out"
"$HEARSAY" -u "$URLS" -d "$DB" </dev/null >"$TMP/show.out" 2>"$TMP/show.err"
expect_clean "hearsay | cat clean" "$TMP/show.out" "$TMP/show.err"
"$HEARSAY" -u "$URLS" -d "$DB" export-opml >"$TMP/opml.out" 2>"$TMP/opml.err"
expect_clean "export-opml clean" "$TMP/opml.out" "$TMP/opml.err"

# -- the reader: every screen that shows the hostile text ------------------
db=$DB
ui_start 100 30
ui_reader
# capture: the screen with tmux's attribute codes, and the pane title.
shots=0
capture() {
	shots=$((shots + 1))
	tm capture-pane -p -e >"$TMP/screen.$shots"
	echo "# screen $shots: $1"
	[ -n "${SHOW_SCREENS:-}" ] && sed 's/^/  | /' "$TMP/screen.$shots"
	title=$(tm display-message -p '#{pane_title}')
	check "reader screen $shots: pane title not set" test "$title" != "pwned-title"
}
expect_screen "feeds listed" "HOSTILE"
capture feeds
# Each feed in turn: its story list, its first story, the story's
# numbered links, back (the first story of a feed of two is the one with
# every field filled).
# Each capture waits for the screen it is of: the story list's key line,
# the story's, the answer to 1 on the status line.
for k in 1 2 3 4 5 6 7 8; do
	ui_keys Enter
	expect_screen "stories of feed $k shown" "N read +s star"
	capture "stories of feed $k"
	ui_keys j Enter
	expect_screen "story of feed $k shown" "a attribution"
	capture "story of feed $k"
	ui_keys 1
	expect_screen "link 1 of feed $k answered" "No link 1|^Opened|^Not opened"
	capture "link 1 of feed $k"
	ui_keys q q j
done
# A failed feed's error, which quotes the server's status reason: the
# feeds that failed are last (their URL for a title), rawstatus/500 the
# fourth from the end.
# (The feed list keeps the urls file's order: rawstatus/500 is the fifth
# from the end.)
ui_keys End k k k k e
expect_screen "a failed feed's error shown" "HTTP 500"
capture "error of a failed feed"
ui_quit
# Checked together: one python run for every screen.
expect_clean "all $shots reader screens clean (no SGR of the feed's, no control)" \
    --screen "$TMP"/screen.*
expect_clean "reader stderr clean" "$TMP/reader.err"
expect_screen "reader exits 0" "^EXIT=0"

finish
