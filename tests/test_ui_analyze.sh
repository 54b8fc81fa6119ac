#!/bin/sh
# tests/test_ui_analyze.sh - `hearsay refresh` stores stories without
# their quotes and the reader finds them: the rows on screen as the list
# is drawn, every other story while the reader waits for keys (keys still
# answered meanwhile, while stories are left), each story once; without
# language data the list marks the stories as not analysed rather than as
# citing nobody.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

if ! command -v sqlite3 >/dev/null 2>&1; then
	echo "SKIP: no sqlite3"
	exit 77
fi

# gen N TAG FILE: an RSS feed of N stories of a few quoted paragraphs.
gen() {
	awk -v n="$1" -v tag="$2" 'BEGIN {
		print "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
		print "<rss version=\"2.0\"><channel><title>Harbour " tag "</title>"
		print "<link>http://harbour.test/" tag "</link>"
		for (i = 1; i <= n; i++) {
			printf "<item><title>Harbour %s story %d</title>", tag, i
			printf "<guid>%s-%d</guid><pubDate>Mon, 02 Nov 2026", tag, i
			printf " %02d:%02d:00 GMT</pubDate><description>", \
			    int(i / 60) % 24, i % 60
			for (p = 0; p < 20; p++)
				printf "&lt;p&gt;\"Berth %d gets a new crane before" \
				    " the winter,\" said Marta Quill, the chief" \
				    " engineer of the port authority. The Tidewater" \
				    " Gazette reported that pier %d would cost more" \
				    " than planned, according to the harbour" \
				    " board.&lt;/p&gt;", i, p
			print "</description></item>"
		}
		print "</channel></rss>"
	}' >"$3"
}

db="$TMP/store.db"
: >"$TMP/urls"
for t in a b c d e f g h; do
	gen 1000 "$t" "$TMP/$t.xml"
	echo "file://$TMP/$t.xml" >>"$TMP/urls"
done
"$HEARSAY" -u "$TMP/urls" -d "$db" refresh -q 2>"$TMP/refresh.err"
expect_eq "refresh stores 8000 stories" "$("$HEARSAY" -d "$db" list | wc -l)" 8000

# pending: stories without an analysis (read with sqlite3, not hearsay).
pending() {
	sqlite3 "$db" "SELECT count(*) FROM stories s WHERE NOT EXISTS
	    (SELECT 1 FROM analyses a WHERE a.story_id = s.id)"
}
expect_eq "refresh analysed none of them" "$(pending)" 8000
sqlite3 "$db" ".backup '$TMP/fresh.db'"

ui_start 100 30
ui_reader
ui_keys j Enter
expect_screen "a feed's stories" "Harbour b ─ 1 of 1000"
expect_screen "the rows on screen get their counts" \
    "^●  2026-11-02 +[0-9]+q +[0-9]+s +Harbour b story 1000"
# A key while the background works: answered while it still has stories
# left (the work goes in slices between keys, not all before the key).
ui_keys j
expect_screen "a key answered while it works" "Harbour b ─ 2 of 1000"
left=$(pending)
echo "# key answered with $left stories left to analyse"
check "the background was still at work" test "$left" -gt 0
ui_keys G
expect_screen "End while it works" "Harbour b ─ 1000 of 1000"
expect_screen "the last rows get their counts" \
    "^●  2026-11-02 +[0-9]+q +[0-9]+s +Harbour b story 1$"
expect_not_screen "no row on screen left unanalysed" "^●  2026-11-02 +·"
# Idle, the reader analyses every story, once (a minute normally: the
# wait is a hang guard of ten).
none_pending() { [ "$(pending)" -eq 0 ]; }
wait_until 600 none_pending
expect_eq "idle: every story analysed" "$(pending)" 0
expect_eq "each story once" "$(sqlite3 "$db" 'SELECT count(*) FROM analyses')" 8000
ui_keys q S
expect_screen "sources from the reader's analyses" \
    "^ *8000 Marta Quill +160000 quotes"
ui_quit
expect_screen "clean exit" "^EXIT=0"
expect_eq "analyze finds nothing left" "$("$HEARSAY" -d "$db" analyze)" \
    "analysed 0 stories"

# The Sources view analyses its days on entry for a moment, says how many
# are left, and has them all soon after.
db="$TMP/fresh.db"
ui_run clear
ui_reader
ui_keys S
expect_screen "sources on entry: how many are left" \
    "Sources ─ last 7 days ─ .* ─ [0-9]+ not analysed yet|of these days not analysed yet"
# (Sanitizer builds analyse slowly: ten minutes, a hang guard.)
if ui_wait_for "^ *8000 Marta Quill +160000 quotes" 6000; then
	ok "then every story of its days"
else
	not_ok "then every story of its days"; ui_screen | sed 's/^/  | /'
fi
check "none left" ui_gone "not analysed yet"
ui_quit
expect_eq "the background did the rest" "$(pending)" 0

# Without language data nothing can be analysed: the list says so with
# its mark, never with the no-source one (a copy of the programs outside
# the build tree finds no data).
mkdir -p "$TMP/bin"
cp "$HEARSAY" "$TMP/bin/hearsay"
cp "$top_builddir/src/hearsay-core" "$TMP/bin/hearsay-core"
if "$TMP/bin/hearsay" quotes /dev/null >/dev/null 2>&1; then
	echo "# language data installed: the no-data case is skipped"
else
	db="$TMP/plain.db"
	grep -v '^analyze' "$top_srcdir/tests/ui/sources.spec" |
	    ui_mkstore "$db"
	ui_run clear
	HEARSAY="$TMP/bin/hearsay" ui_reader
	ui_keys g Enter
	expect_screen "no data: the not-analysed mark" \
	    "^●  2025-11-24   ·     Coast Courier +Gale expected"
	expect_not_screen "no data: no story marked as citing nobody" "∅"
	ui_quit
	ui_run clear
	HEARSAY="$TMP/bin/hearsay" ui_reader LANG=C LC_ALL=C
	ui_keys g Enter
	expect_screen "no data, LANG=C: the ASCII mark" \
	    "^N  2025-11-24   \.     Coast Courier +Gale expected"
	ui_quit
	expect_eq "no data: nothing analysed" \
	    "$(sqlite3 "$db" 'SELECT count(*) FROM analyses')" 0
fi

finish
