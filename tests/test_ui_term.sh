#!/bin/sh
# tests/test_ui_term.sh - terminals the reader cannot draw on, and ones
# without an alternate screen.  TERM=dumb, an unknown TERM or none at all:
# one line saying why and what to use instead, exit status 2, not a byte
# of curses on the terminal; `hearsay list` still works there.  TERM=vt100
# and TERM=linux keep the reader's last screen after it exits: the shell's
# next line starts at column 0 on a line of its own, with nothing of the
# status line left beside it.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

db="$TMP/store.db"
ui_mkstore "$db" <"$top_srcdir/tests/ui/fixture.spec"
ui_start 80 24

# What the pane's programs write to it, to look for escape sequences.
out="$TMP/pane.out"
piped() { [ "$(tm display-message -p '#{pane_pipe}')" = 1 ]; }

# refused NAME ENV...: the reader started with ENV cannot draw: it says
# why in one line on stderr and exits 2, writing nothing to the terminal.
refused() {
	what=$1; shift
	ui_run clear
	ui_gone "EXIT="
	: >"$out"
	tm pipe-pane -o "cat >>'$out'"
	wait_until 60 piped || not_ok "$what: the pane's output piped"
	ui_run "env $* $HEARSAY -d $db 2>$TMP/err; echo EXIT=\$?"
	expect_screen "$what: exits 2" "^EXIT=2$"
	tm pipe-pane
	expect_eq "$what: one line on stderr" "$(wc -l <"$TMP/err" | tr -d ' ')" 1
	check "$what: it says to use hearsay list" \
	    grep -q 'the reader cannot draw.*use `hearsay list`' "$TMP/err"
	if grep -q "$(printf '\033')" "$out"; then
		not_ok "$what: no escape sequence on the terminal"
		cat -v "$out" | sed 's/^/  | /'
	else
		ok "$what: no escape sequence on the terminal"
	fi
}
refused "TERM=dumb" TERM=dumb
check "dumb: the reason" grep -q "the terminal 'dumb' cannot move the cursor" "$TMP/err"
refused "TERM=nosuch" TERM=nosuch-terminal
check "nosuch: the reason" grep -q "the terminal 'nosuch-terminal' is unknown here" "$TMP/err"
refused "TERM unset" -u TERM
check "unset: the reason" grep -q "TERM is not set" "$TMP/err"

# hearsay list works on such a terminal.
TERM=dumb "$HEARSAY" -d "$db" list >"$TMP/list" 2>&1; rc=$?
expect_eq "list under TERM=dumb exits 0" "$rc" 0
check "list under TERM=dumb prints the stories" \
    grep -q "Harbour bridge reopens after repairs" "$TMP/list"

# No alternate screen: the reader's screen stays, the shell's line is
# clean.
for term in vt100 linux; do
	ui_run clear
	ui_gone "EXIT="
	ui_reader TERM=$term
	expect_screen "$term: the reader draws" "Alpha News"
	expect_screen "$term: its status line" "^\\? help  Enter open"
	ui_quit
	expect_eq "$term: EXIT= alone on its line" "$(ui_screen | grep EXIT=)" \
	    "EXIT=0"
	expect_not_screen "$term: no status line words left" "Enter open"
	expect_screen "$term: the last screen is still there" "Alpha News"
	check "$term: the prompt on the next line" \
	    sh -c "tmux -L $SOCK capture-pane -p | grep -A1 '^EXIT=0$' | tail -1 | grep -q '^\\$'"
done
finish
