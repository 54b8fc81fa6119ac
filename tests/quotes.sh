#!/bin/sh
# tests/quotes.sh - `hearsay quotes` end to end: a fixture story of our own
# in both output forms, HTML from stdin, golden files.  (The project's
# sample story against its hand annotation: tests/quotes_sample.sh.)
. "$top_srcdir/tests/lib.sh"

fx="$top_srcdir/tests/quotes"

out=$("$HEARSAY" quotes --json "$fx/briefing.txt")
check "json: dateline place" grep -q '"place": "PORTLAND, Maine"' <<EOT
$out
EOT
check "json: role after the name" grep -q '"speaker_role": "Mayor"' <<EOT
$out
EOT
n=$(printf '%s\n' "$out" | grep -c '"speaker": "Tomas Reyes"')
expect_eq "json: pronoun resolved for both halves" "$n" 3

out=$("$HEARSAY" quotes "$fx/briefing.txt")
check "summary: sources grouped" grep -q '^  Tomas Reyes: told said$' <<EOT
$out
EOT

out=$("$HEARSAY" quotes - < "$fx/harbor.html")
check "html from stdin: quote with speaker" grep -q 'Ines Calder' <<EOT
$out
EOT
check "html: no script text" sh -c '! grep -q "tracking" <<EOT
$out
EOT'

# Golden files: an article in, the expected `quotes --json` out.
for story in briefing ferry; do
	"$HEARSAY" quotes --json "$fx/$story.txt" > "$TMP/$story.json"
	if diff -u "$fx/$story.expected.json" "$TMP/$story.json" > "$TMP/diff"; then
		ok "golden $story"
	else
		not_ok "golden $story"; cat "$TMP/diff"
	fi
done

"$HEARSAY" quotes >/dev/null 2>&1
expect_eq "no file is a usage error" "$?" 2
"$HEARSAY" quotes "$TMP/missing.txt" >/dev/null 2>&1
expect_eq "unreadable file fails" "$?" 1

finish
