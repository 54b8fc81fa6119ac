#!/bin/sh
# tests/test_ui_signals.sh - the terminal is given back on every way out:
# quit, Ctrl-C, SIGTERM, SIGHUP and a crash (SIGSEGV), with the status the
# way out deserves.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

db="$TMP/store.db"
ui_mkstore "$db" <"$top_srcdir/tests/ui/fixture.spec"
ui_start 80 24

# reader_pid: the reader, a child of the pane's shell.
reader_pid() {
	pgrep -P "$(tm display-message -p '#{pane_pid}')" | head -n 1
}

# tty_sane NAME: the terminal is back in canonical mode with echo.  (Not
# anchored: `clear` may run after the next line was echoed, so the answer
# can land right after a prompt.)
tty_sane() {
	ui_run clear
	ui_run "stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e echo | sort | tr '\\n' ' '; echo"
	expect_screen "$1: echo and icanon back" "echo icanon *$"
}

ui_reader
ui_keys C-c
expect_screen "Ctrl-C exits 0" "^EXIT=0"
tty_sane "Ctrl-C"

# Ctrl-Z suspends to the shell (job control) and fg brings the screen back.
ui_run clear
ui_run "set -m"
ui_reader
ui_keys C-z
expect_screen "Ctrl-Z: stopped" "Stopped"
tty_sane "Ctrl-Z"
ui_run fg
expect_screen "fg: the reader is back" "Feeds \\("
ui_keys C-l ?
expect_screen "fg: keys work" "Help: keys"
ui_keys G
expect_screen "help lists suspend" "\\^Z +suspend"
ui_keys Q
# The stopped job lost the rest of its command line: no EXIT= line.
expect_not_screen "after fg quits" "Help: keys"
tty_sane "after fg"
ui_run "set +m"

for sig in TERM HUP; do
	ui_run clear
	ui_reader
	pid=$(reader_pid)
	check "SIG$sig: reader running" test -n "$pid"
	kill -"$sig" "$pid"
	expect_screen "SIG$sig: clean exit" "^EXIT=0"
	check "SIG$sig: says why" grep -q "terminated by signal" "$TMP/reader.err"
	tty_sane "SIG$sig"
done

ui_run clear
ui_reader
ui_keys Enter
expect_screen "in a story list" "Alpha News .* of 3"
kill -SEGV "$(reader_pid)"
expect_screen "SIGSEGV: dies of it" "^EXIT=139"
tty_sane "SIGSEGV"
finish
