#!/bin/sh
# tests/test_analyze.sh - `hearsay analyze` and the analysis a refresh
# makes: refresh leaves new stories to the reader and analyze by default,
# --analyze (or refresh-analyze in the config) analyses them, --no-analyze
# overrides the config, analyze does them once, --all does them all again,
# and a story whose body changes is analysed again.
. "$top_srcdir/tests/lib.sh"

URLS="$TMP/urls"
DB="$TMP/data/hearsay.db"
FEED="$TMP/port.xml"

# feed SECOND_BODY: a feed of two quoted stories, the second's body given.
feed() {
	cat >"$FEED" <<XML
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Port News</title>
<link>http://example.org/port</link>
<item><title>Quay closes</title><guid>q1</guid>
<pubDate>Mon, 02 Nov 2026 10:00:00 GMT</pubDate>
<description>&lt;p&gt;"We expect the work to finish before the storms," said Marta Quill, the chief engineer.&lt;/p&gt;</description></item>
<item><title>Ferry times</title><guid>q2</guid>
<pubDate>Mon, 02 Nov 2026 09:00:00 GMT</pubDate>
<description>$1</description></item>
</channel></rss>
XML
}
first='&lt;p&gt;"The early boat leaves at six," said Tomas Brandt.&lt;/p&gt;'
feed "$first"
printf 'file://%s\n' "$FEED" >"$URLS"
hs() { "$HEARSAY" -u "$URLS" -d "$DB" "$@"; }

expect_eq "analyze without a store fails" "$(hs analyze 2>&1; echo "rc=$?")" \
    "hearsay: analyze: no store at $DB
rc=2"
check "refresh" hs refresh -q
expect_eq "refresh analyses nothing by default" "$(hs analyze)" \
    "analysed 2 stories"
expect_eq "then nothing is left" "$(hs analyze)" "analysed 0 stories"
expect_eq "--all does every story again" "$(hs analyze --all)" \
    "analysed 2 stories"
hs analyze --bogus >/dev/null 2>"$TMP/err"
expect_eq "bad option: status 2" "$?" "2"
check "bad option: usage" grep -q "^usage: hearsay analyze \[--all\]" "$TMP/err"

# A story whose body changes loses its analysis...
feed '&lt;p&gt;"Fares stay the same," said Ines Moura.&lt;/p&gt;'
check "refresh of a changed story, not analysed" hs refresh -q --no-analyze
expect_eq "the changed story is analysed again" "$(hs analyze)" \
    "analysed 1 story"
# ...and a refresh --analyze analyses what it brings.
feed '&lt;p&gt;"Fares will rise," said Ines Moura.&lt;/p&gt;'
check "refresh --analyze with a changed story" hs refresh -q --analyze
expect_eq "refresh --analyze left nothing to analyse" "$(hs analyze)" \
    "analysed 0 stories"
rm -f "$DB" "$DB-wal" "$DB-shm"
check "cold refresh --analyze" hs refresh -q --analyze
expect_eq "cold refresh --analyze analysed everything" "$(hs analyze)" \
    "analysed 0 stories"

# The config's refresh-analyze turns it on; --no-analyze turns it off.
mkdir -p "$XDG_CONFIG_HOME/hearsay"
echo "refresh-analyze yes" >"$XDG_CONFIG_HOME/hearsay/config"
rm -f "$DB" "$DB-wal" "$DB-shm"
check "cold refresh, refresh-analyze yes" hs refresh -q
expect_eq "refresh-analyze yes: analysed as they arrive" "$(hs analyze)" \
    "analysed 0 stories"
rm -f "$DB" "$DB-wal" "$DB-shm"
check "cold refresh --no-analyze over the config" hs refresh -q --no-analyze
expect_eq "--no-analyze overrides refresh-analyze" "$(hs analyze)" \
    "analysed 2 stories"
echo "refresh-analyze no" >"$XDG_CONFIG_HOME/hearsay/config"
rm -f "$DB" "$DB-wal" "$DB-shm"
check "cold refresh --analyze over the config" hs refresh -q --analyze
expect_eq "--analyze overrides refresh-analyze no" "$(hs analyze)" \
    "analysed 0 stories"
expect_eq "refresh --help names both flags" \
    "$(hs refresh --help | grep -c -e '--analyze|--no-analyze')" 1
# No progress line when stderr is not a terminal.
expect_eq "no progress off a terminal" "$(hs analyze --all 2>&1 >/dev/null)" ""

finish
