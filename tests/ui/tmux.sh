# tests/ui/tmux.sh - drive the reader in a private tmux server and look at
# the screen.  Sourced by tests/test_ui_*.sh after tests/lib.sh.
#
# Each test gets its own socket (-L) and the server is killed on exit.  The
# reader runs under a plain sh in the pane, so quitting leaves the pane
# alive with the shell prompt and the exit status printed.
#
# Every wait polls the screen until it shows what is wanted, for up to
# UI_TIMEOUT seconds (60 by default: a loaded machine running a sanitizer
# build is slow, and a wait that succeeds costs nothing).  No test here
# measures how long the reader takes.

need tmux
MKSTORE="$top_builddir/tests/ui/mkstore"
SOCK="hstest$$"
UI_TIMEOUT=${UI_TIMEOUT:-60}
tm() { tmux -L "$SOCK" "$@"; }
at_exit 'tmux -L "$SOCK" kill-server 2>/dev/null'

# ui_mkstore DB: build a store from the spec on stdin.
ui_mkstore() {
	"$MKSTORE" "$1" || { echo "mkstore failed"; exit 99; }
}

# ui_start [WIDTH HEIGHT]: a pane running sh, ready for commands.
ui_start() {
	tm -f /dev/null new-session -d -x "${1:-80}" -y "${2:-24}" \
	    "env -i PATH=\"$PATH\" HOME=\"$TMP\" TERM=tmux-256color PS1='$ ' sh"
	tm set-option -g status off >/dev/null
	ui_wait_for '\$' || { echo "no shell in tmux"; exit 99; }
}

# ui_run CMD: type a command line into the pane's shell.
ui_run() {
	tm send-keys -l "$1"
	tm send-keys Enter
}

# ui_resize W H: the window at W x H, waiting (at the shell's prompt)
# until the terminal itself says so: tmux passes a size on to the pane a
# moment later, and a reader started in that moment would see the old one.
ui_resize() {
	tm resize-window -x "$1" -y "$2"
	ui_run "clear; stty size"
	ui_wait_for "^$2 $1\$" || echo "# the pane did not take $1x$2"
	ui_run clear
}

# ui_reader [ENV=VAL...]: start the reader on $db in the pane, with the
# environment given (LANG defaults to C.UTF-8); waits for its first screen.
ui_reader() {
	ui_run "env LANG=C.UTF-8 XDG_CONFIG_HOME=$TMP/config XDG_DATA_HOME=$TMP/data $* $HEARSAY ${READER_ARGS:-} -d $db 2>$TMP/reader.err; echo EXIT=\$?"
	ui_wait_for "unread" || { ui_screen; echo "reader did not start"; }
}

ui_screen() { tm capture-pane -p; }
# ui_keys KEY...: tmux key names (j, Enter, C-l, PageDown...).
ui_keys() { tm send-keys "$@"; }

# ui_wait_for REGEX [TENTHS]: poll the screen until a line matches (grep -E);
# 0 when it did, 1 after the timeout (default UI_TIMEOUT).
ui_wait_for() {
	n=0
	while [ "$n" -lt "${2:-$((UI_TIMEOUT * 10))}" ]; do
		if ui_screen | grep -Eq -- "$1"; then
			return 0
		fi
		sleep 0.1
		n=$((n + 1))
	done
	return 1
}

# ui_gone REGEX [TENTHS]: wait until no line matches.
ui_gone() {
	n=0
	while [ "$n" -lt "${2:-$((UI_TIMEOUT * 10))}" ]; do
		if ! ui_screen | grep -Eq -- "$1"; then
			return 0
		fi
		sleep 0.1
		n=$((n + 1))
	done
	return 1
}

# expect_screen NAME REGEX: passes when the screen shows REGEX (waiting).
expect_screen() {
	if ui_wait_for "$2"; then ok "$1"; else
		not_ok "$1"; echo "  wanted: $2"; ui_screen | sed 's/^/  | /'; fi
}

# ui_wait_attr REGEX [TENTHS]: like ui_wait_for, on the screen with its
# attributes (tmux's SGR sequences, capture-pane -e).
ui_wait_attr() {
	n=0
	while [ "$n" -lt "${2:-$((UI_TIMEOUT * 10))}" ]; do
		if tm capture-pane -p -e | grep -Eq -- "$1"; then
			return 0
		fi
		sleep 0.1
		n=$((n + 1))
	done
	return 1
}

# expect_attr NAME REGEX: passes when the screen with its attributes shows
# REGEX (waiting).
expect_attr() {
	if ui_wait_attr "$2"; then ok "$1"; else
		not_ok "$1"; echo "  wanted: $2"
		tm capture-pane -p -e | cat -v | sed 's/^/  | /'; fi
}

# expect_not_screen NAME REGEX: passes when the screen does not show it
# (once it has gone, should it still be there from before).
expect_not_screen() {
	if ui_gone "$2"; then ok "$1"; else
		not_ok "$1"; echo "  unwanted: $2"; ui_screen | sed 's/^/  | /'; fi
}

# ui_quit: quit the reader, wait for the shell to report its status, and
# check the reader's stderr holds no sanitizer report (ASan/UBSan builds).
ui_quit() {
	ui_keys Q
	ui_wait_for "^EXIT=" || true
	ui_clean_err
}

ui_clean_err() {
	if grep -q -e "Sanitizer" -e "runtime error" "$TMP/reader.err" 2>/dev/null
	then
		not_ok "no sanitizer report"; sed 's/^/  | /' "$TMP/reader.err"
	fi
}
