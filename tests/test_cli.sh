#!/bin/sh
# test_cli.sh - the command line's own promises: --help, --version, usage
# errors and their exit status.
. "$top_srcdir/tests/lib.sh"

out=$("$HEARSAY" --version); rc=$?
expect_eq "--version exits 0" "$rc" 0
case $out in "hearsay "[0-9]*) ok "--version names the program" ;;
*) not_ok "--version printed '$out'" ;; esac

"$HEARSAY" --help >"$TMP/help"; rc=$?
expect_eq "--help exits 0" "$rc" 0
check "--help shows the usage line" grep -q '^usage: hearsay' "$TMP/help"
# Every command in --help must be one the binary accepts (no lies).
for c in $(sed -n 's/^  \([a-z][a-z-]*\)  .*/\1/p' "$TMP/help"); do
	"$HEARSAY" "$c" --help >/dev/null 2>&1; rc=$?
	if [ "$rc" -eq 0 ]; then ok "$c --help works"; else not_ok "$c --help exit $rc"; fi
done

"$HEARSAY" no-such-command 2>"$TMP/err"; rc=$?
expect_eq "unknown command exits 2" "$rc" 2
check "unknown command is named" grep -q "no-such-command" "$TMP/err"

"$HEARSAY" --no-such-option 2>/dev/null; rc=$?
expect_eq "unknown option exits 2" "$rc" 2

# The man page documents every subcommand and every key action.
man="$top_srcdir/doc/hearsay.1"
for c in $(sed -n 's/^  \([a-z][a-z-]*\)  .*/\1/p' "$TMP/help"); do
	m=$(printf '%s' "$c" | sed 's/-/\\\\-/g')
	if grep -q "^\.B $m" "$man"; then ok "man page has $c"; else not_ok "man page lacks $c"; fi
done
for a in $(sed -n 's/^	{ "\([a-zA-Z-]*\)", UI_ACT_.*/\1/p' "$top_srcdir/src/ui/ui_keymap.c"); do
	m=$(printf '%s' "$a" | sed 's/-/\\\\-/g')
	if grep -q "^\.BR \"$m\"" "$man"; then ok "man page has key action $a"; else not_ok "man page lacks key action $a"; fi
done

finish
