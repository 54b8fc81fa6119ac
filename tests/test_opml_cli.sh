#!/bin/sh
# test_opml_cli.sh - import-opml and export-opml through the real binary:
# messages, exit statuses, the urls file they leave behind.
. "$top_srcdir/tests/lib.sh"

S="$top_srcdir/tests/subs"
URLS="$XDG_CONFIG_HOME/hearsay/urls"

sum() { cksum <"$1" 2>/dev/null || echo missing; }

# Into a fresh XDG config: the directory and the file are created.
out=$("$HEARSAY" import-opml "$S/nested-2.0.opml" 2>"$TMP/err"); rc=$?
expect_eq "import: exit 0" "$rc" 0
expect_eq "import: report" "$out" "imported 5 feeds (1 already present)"
check "import: invalid xmlUrl reported" grep -q "skipped 1 outline whose xmlUrl" "$TMP/err"
check "import: urls file created" test -f "$URLS"
expect_eq "import: urls lines" "$(wc -l <"$URLS" | tr -d ' ')" 5
expect_eq "import: tags and title" \
    "$(grep valley "$URLS")" \
    'https://valley.example.net/atom News Local Weekly "~Valley & Hills Weekly"'

# Again: nothing new, the file untouched.
before=$(sum "$URLS")
out=$("$HEARSAY" import-opml "$S/nested-2.0.opml" 2>/dev/null)
expect_eq "reimport: report" "$out" "imported 0 feeds (6 already present)"
expect_eq "reimport: file untouched" "$(sum "$URLS")" "$before"

# Bad input: exit 1, a message, the urls file untouched.
for bad in broken.opml not-opml.xml no-such-file.opml; do
	"$HEARSAY" import-opml "$S/$bad" >"$TMP/out" 2>"$TMP/err"; rc=$?
	expect_eq "$bad: exit 1" "$rc" 1
	check "$bad: message" grep -q "^hearsay: .*$bad" "$TMP/err"
	check "$bad: nothing on stdout" test ! -s "$TMP/out"
	expect_eq "$bad: urls untouched" "$(sum "$URLS")" "$before"
done
"$HEARSAY" import-opml "$S/broken.opml" 2>"$TMP/err"
check "broken: says where" grep -q "broken.opml: not well-formed XML (line [0-9]*: " "$TMP/err"
"$HEARSAY" import-opml "$S/not-opml.xml" 2>"$TMP/err"
check "not-opml: says why" grep -q "root element is <rss>" "$TMP/err"

# Usage errors: exit 2.
"$HEARSAY" import-opml >/dev/null 2>&1; expect_eq "import no file: exit 2" "$?" 2
"$HEARSAY" import-opml a b >/dev/null 2>&1; expect_eq "import two files: exit 2" "$?" 2
"$HEARSAY" import-opml --bogus >/dev/null 2>&1; expect_eq "import option: exit 2" "$?" 2
"$HEARSAY" export-opml x >/dev/null 2>&1; expect_eq "export arg: exit 2" "$?" 2

# Round trip through the binary: export, import into an empty list, export.
"$HEARSAY" export-opml >"$TMP/one.opml"; rc=$?
expect_eq "export: exit 0" "$rc" 0
check "export: OPML 2.0" grep -q '<opml version="2.0">' "$TMP/one.opml"
check "export: escaped" grep -q 'text="Valley &amp; Hills Weekly"' "$TMP/one.opml"
out=$("$HEARSAY" -u "$TMP/new/dir/urls" import-opml - <"$TMP/one.opml")
expect_eq "stdin import into -u path" "$out" "imported 5 feeds (0 already present)"
expect_eq "same urls file" "$(cat "$TMP/new/dir/urls")" "$(cat "$URLS")"
"$HEARSAY" -u "$TMP/new/dir/urls" export-opml >"$TMP/two.opml"
check "export -> import -> export identical" cmp -s "$TMP/one.opml" "$TMP/two.opml"

# An existing urls file keeps its comments and newsboat-only lines, and
# the exec: line is never run.
cat >"$TMP/mine" <<EOT
# my feeds
https://mine.example.org/rss "~Mine"
exec:touch $TMP/ran
EOT
out=$("$HEARSAY" -u "$TMP/mine" import-opml "$S/flat-1.0.opml" 2>"$TMP/err")
expect_eq "existing: report" "$out" "imported 3 feeds (0 already present)"
check "existing: exec warned" grep -q "/mine:3: exec: feeds are not supported" "$TMP/err"
check "existing: exec not run" test ! -e "$TMP/ran"
expect_eq "existing: head kept" "$(head -n 3 "$TMP/mine")" \
"# my feeds
https://mine.example.org/rss \"~Mine\"
exec:touch $TMP/ran"
expect_eq "existing: appended" "$(sed -n 4p "$TMP/mine")" \
    'http://cafe.example.fr/rss.xml "~Café Society"'

# Empty list: a valid, empty OPML document.
"$HEARSAY" -u "$TMP/none" export-opml >"$TMP/empty.opml"
check "empty export has a body" grep -q '<body/>' "$TMP/empty.opml"
check "empty export makes no file" test ! -e "$TMP/none"

# With strace at hand, show that an external entity and an external DTD
# are never opened.
printf 'MARKER' >"$TMP/secret"
printf '<!ENTITY t "MARKER">\n' >"$TMP/evil.dtd"
cat >"$TMP/xxe.opml" <<EOT
<!DOCTYPE opml SYSTEM "file://$TMP/evil.dtd" [
  <!ENTITY xxe SYSTEM "file://$TMP/secret">
]>
<opml><body><outline text="x&t;" xmlUrl="https://x.example/">&xxe;</outline></body></opml>
EOT
if command -v strace >/dev/null 2>&1 &&
    strace -f -o "$TMP/trace" -e trace=open,openat true 2>/dev/null; then
	strace -f -o "$TMP/trace" -e trace=open,openat \
	    "$HEARSAY" -u "$TMP/xxe-urls" import-opml "$TMP/xxe.opml" >/dev/null 2>&1
	check "xxe: the trace saw the document" grep -q 'xxe.opml' "$TMP/trace"
	check "xxe: secret never opened" sh -c "! grep -q 'secret' '$TMP/trace'"
	check "xxe: DTD never opened" sh -c "! grep -q 'evil.dtd' '$TMP/trace'"
else
	echo "# strace unavailable: skipping the open() checks"
fi
"$HEARSAY" -u "$TMP/xxe-urls" import-opml "$TMP/xxe.opml" >/dev/null 2>&1
check "xxe: no marker in urls" sh -c "! grep -q MARKER '$TMP/xxe-urls' 2>/dev/null"

finish
