#!/bin/sh
# test_newsboat_config.sh - hearsay import-newsboat on a newsboat config of
# our own writing (tests/newsboat/config: a line of every kind, includes
# relative, under ~ and in a cycle, CRLF lines): the hearsay config, theme
# and report it makes (golden files), every line accounted for, a config
# hearsay reads without a problem, an existing config kept, a second run
# that changes nothing, --dry-run that writes nothing, and newsboat's
# files never written.
. "$top_srcdir/tests/lib.sh"

NB="$top_srcdir/tests/newsboat"
CONF="$XDG_CONFIG_HOME/hearsay/config"
THEME="$XDG_CONFIG_HOME/hearsay/themes/newsboat.theme"

sum_nb() { cat "$NB"/config "$NB"/*.conf "$NB"/home/.newsboat/* | cksum; }
# import ARGS...: run the import in the fixture folder (so the messages
# name ./config), ~ being tests/newsboat/home.
import() {
	(cd "$NB" && HOME="$(pwd)/home" "$HEARSAY" import-newsboat "$@")
}

before_nb=$(sum_nb)

# --dry-run: says what it would write, writes nothing.
import --dry-run . >"$TMP/dry" 2>"$TMP/dryerr"; rc=$?
expect_eq "dry run: exit 0" "$rc" 0
check "dry run: no config written" test ! -e "$CONF"
check "dry run: no theme written" test ! -e "$THEME"
check "dry run: shows the config" grep -q "^config: would write $CONF:" "$TMP/dry"
check "dry run: shows a binding" grep -qx "bind j down" "$TMP/dry"

import . >"$TMP/out" 2>"$TMP/err"; rc=$?
expect_eq "import: exit 0" "$rc" 0
sed 's/^# >>> .*/# >>> BLOCK/' "$CONF" >"$TMP/got-config"
check "config as expected" diff -u "$NB/expected-config" "$TMP/got-config"
check "theme as expected" diff -u "$NB/expected-theme" "$THEME"
check "report as expected" diff -u "$NB/expected-report" "$TMP/err"
check "the other files are skipped, and said to be" \
    grep -qx "not found (skipped): urls cache.db" "$TMP/out"
check "the password's value is not repeated" \
    sh -c "! grep -q not-echoed-secret '$TMP/err' '$TMP/out' '$CONF'"

# Every line of every file read is a comment or blank, translated (its
# "# newsboat FILE:LINE" in the config or the theme) or reported
# (FILE:LINE on stderr): the lines found by awk over the files themselves.
for f in config extra.conf crlf.conf more.conf; do
	p="$NB/$f"; [ "$f" = more.conf ] && p="$NB/home/.newsboat/$f"
	awk '{ sub(/\r$/, "") } !/^[ \t]*(#|$)/ { print FNR }' "$p" |
	while read -r n; do
		grep -qx "# newsboat $f:$n" "$CONF" "$THEME" ||
		    grep -q "^hearsay: [^:]*$f:$n: " "$TMP/err" || echo "$f:$n"
	done
done >"$TMP/dropped"
check "no line dropped silently" test ! -s "$TMP/dropped"
cat "$TMP/dropped"
expect_eq "the counts add up to the lines read" \
    "$(sed -n 's/^config: \([0-9]*\) lines translated, \([0-9]*\) not.*, \([0-9]*\) blank.*/\1 \2 \3/p' "$TMP/out" |
      awk '{ print $1 + $2 + $3 }')" \
    "$(cat "$NB/config" "$NB/extra.conf" "$NB/crlf.conf" "$NB/home/.newsboat/more.conf" | wc -l | tr -d ' ')"

# hearsay reads what was written without a problem.
"$HEARSAY" check-config >"$TMP/check" 2>&1; rc=$?
expect_eq "check-config: exit 0" "$rc" 0
check "check-config: no problems" grep -q "no problems" "$TMP/check"

# Again: nothing changes.
before=$(cksum <"$CONF")
import . >"$TMP/out2" 2>/dev/null
expect_eq "second run: config unchanged" "$(cksum <"$CONF")" "$before"
check "second run: says so" grep -q "^config: $CONF unchanged" "$TMP/out2"
check "second run: theme unchanged" grep -q "^theme: $THEME unchanged" "$TMP/out2"

# A config of the user's own: kept, the import's block after it; a later
# import replaces the block, and the user's lines after it stay too.
printf 'sort oldest\nbind z help\n' >"$CONF"
import . >/dev/null 2>&1
expect_eq "own config: its lines first" "$(head -2 "$CONF")" "sort oldest
bind z help"
check "own config: the block appended" grep -q "^# >>> hearsay import-newsboat" "$CONF"
echo "osc52 yes" >>"$CONF"
import . >/dev/null 2>&1
expect_eq "own config: one block after a second import" \
    "$(grep -c '^# >>> hearsay import-newsboat' "$CONF")" 1
expect_eq "own config: a line after the block stays" "$(tail -1 "$CONF")" "osc52 yes"
"$HEARSAY" check-config >/dev/null 2>&1
expect_eq "own config with the block: no problems" "$?" 0

# --star-flags, and usage errors.
"$HEARSAY" import-newsboat --star-flags '!' "$NB" >/dev/null 2>&1
expect_eq "star flags must be letters: exit 2" "$?" 2
"$HEARSAY" import-newsboat a b >/dev/null 2>&1
expect_eq "two folders: exit 2" "$?" 2
"$HEARSAY" import-newsboat "$TMP/nothing-here" >/dev/null 2>"$TMP/err"
expect_eq "no newsboat files: exit 1" "$?" 1
check "no newsboat files: says where" grep -q "no newsboat files .* in $TMP/nothing-here" "$TMP/err"

expect_eq "newsboat's files never written" "$(sum_nb)" "$before_nb"

# A pasted newsboat binding works in hearsay's own config.
printf 'bind x open-in-browser\nbind y toggle-article-read\nbind w next-feed\n' >"$TMP/pasted"
"$HEARSAY" -c "$TMP/pasted" check-config >/dev/null 2>"$TMP/err"
expect_eq "pasted bindings: only the one hearsay lacks is a problem" \
    "$(cat "$TMP/err")" "$TMP/pasted:3: unknown action 'next-feed'"

finish
