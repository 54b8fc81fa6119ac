#!/bin/sh
# tests/hostile/test_browser.sh - a link is never run as shell code
# (newsbeuter's CVE-2017-12904), whatever the browser setting: links that
# carry ', ", ;, $(...), backticks, | and & are opened with the browser
# lines real newsboat configs use (a program with arguments and %u, %u in
# single quotes, a pipe, a $VAR, a background &, ~, a bare program) and
# with a $BROWSER list.  A recording browser proves each link arrived
# whole as one argument, and no marker file the links try to create ever
# appears.  A command that fails says how, with its exit status.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

db="$TMP/store.db"
# The links' shell code would create pwned* files in the reader's working
# directory, $TMP.
{
	printf 'feed\thttps://evil.test/feed\tEvil Links\tevil\n'
	printf 'story\t1764000000\tLinks with shell in them\n'
	printf 'link\thttps://evil.test/story?q=$(touch pwned0)\n'
	printf 'body\t<p>One <a href="https://evil.test/a'"'"'b;touch pwned1;'"'"'c">quote</a>,'
	printf ' two <a href="https://evil.test/d&quot;e$(touch pwned2)f">dollar</a>,'
	printf ' three <a href="https://evil.test/`touch pwned3`">tick</a>,'
	printf ' four <a href="https://evil.test/x|touch pwned4">pipe</a>,'
	printf ' five <a href="https://evil.test/?a=1&amp;b=2;touch${IFS}pwned5&amp;">amp</a>.</p>\n'
} | ui_mkstore "$db"
links="https://evil.test/story?q=\$(touch pwned0)
https://evil.test/a'b;touch pwned1;'c
https://evil.test/d\"e\$(touch pwned2)f
https://evil.test/\`touch pwned3\`
https://evil.test/x|touch pwned4
https://evil.test/?a=1&b=2;touch\${IFS}pwned5&"

# The recording browser: one line a call, its arguments each in <>.
cat >"$TMP/rec" <<EOF
#!/bin/sh
{ printf '%s' "\$#"; for a; do printf ' <%s>' "\$a"; done; echo; } >>"$TMP/opened"
EOF
printf '#!/bin/sh\nexit 3\n' >"$TMP/fail"
chmod +x "$TMP/rec" "$TMP/fail"
mkdir -p "$TMP/config/hearsay"
cfg="$TMP/config/hearsay/config"

ui_start 120 30
ui_run "cd $TMP"
# open_all: in the story, o and then links 1-5, each waited for.
open_all() {
	ui_keys Enter Enter
	ui_wait_for "Links with shell in them" || true
	ui_keys o
	ui_wait_for "^Opened https://evil.test/story" || true
	for k in 1 2 3 4 5; do
		ui_keys "$k"
		ui_wait_for "^Opened https://evil.test/.*pwned$k" || true
	done
}
# expect_calls NAME PREFIX: the browser was called once per link, each
# time with PREFIX (its own arguments, each in <>) then the whole link
# (sorted: commands run in the background may finish in any order).
lines() { [ "$(wc -l <"$TMP/opened" 2>/dev/null)" -ge 6 ]; }
expect_calls() {
	wait_until 60 lines || true
	want=$(printf '%s\n' "$links" | while IFS= read -r l; do
		printf '%s <%s>\n' "$2" "$l"; done | sort)
	expect_eq "$1: each link one whole argument" \
	    "$(sort "$TMP/opened" 2>/dev/null)" "$want"
	rm -f "$TMP/opened"
}
# try NAME BROWSER-LINE PREFIX [ENV...]: the config's browser line, every
# link opened, what the browser got.
try() {
	printf 'browser %s\n' "$2" >"$cfg"
	_name=$1 _prefix=$3; shift 3
	ui_run clear
	ui_reader "$@"
	open_all
	ui_quit
	expect_calls "$_name" "$_prefix"
}

try "program with %u" "\"$TMP/rec --new-tab %u\"" "2 <--new-tab>"
try "%u in single quotes" "\"$TMP/rec -a 'Google Chrome' '%u'\"" \
    "3 <-a> <Google Chrome>"
try "%u in double quotes" "\"$TMP/rec \\\"%u\\\"\"" "1"
try "a bare program" "$TMP/rec" "1"
try "~ as the shell has it" "\"~/rec %u\"" "1"
try "a \$VAR" "\"\$REC %u\"" "1" "REC=$TMP/rec"
try "in the background" "\"$TMP/rec %u >/dev/null 2>&1 &\"" "1"
if command -v setsid >/dev/null 2>&1; then
	try "setsid -f" "\"setsid -f $TMP/rec %u\"" "1"
fi
try "several commands" "\"true; $TMP/rec x %u && true\"" "2 <x>"

# A pipe: the link is echo's argument, and what reaches the file.
printf 'browser "echo %%u | cat >>%s/piped"\n' "$TMP" >"$cfg"
ui_run clear
ui_reader
open_all
ui_quit
expect_eq "a pipe: each link echoed whole" "$(cat "$TMP/piped")" "$links"

# $BROWSER: a colon-separated list tried in turn until one exits 0, %s
# the link; the browser option comes first.
: >"$cfg"
ui_run clear
ui_reader "BROWSER='$TMP/nosuch:$TMP/fail %s:$TMP/rec --env %s'"
open_all
ui_quit
expect_calls "\$BROWSER list" "2 <--env>"
ui_run clear
ui_reader "BROWSER='$TMP/rec'"
open_all
ui_quit
expect_calls "\$BROWSER, one program" "1"

# A command that fails says so with its exit status; one missing says so.
printf 'browser "%s/fail %%u"\n' "$TMP" >"$cfg"
ui_run clear
ui_reader
ui_keys Enter Enter o
expect_screen "failure: its exit status" "^Not opened: \"$TMP/fail %u\" exited with status 3"
ui_quit
printf 'browser "%s/nosuch %%u"\n' "$TMP" >"$cfg"
ui_run clear
ui_reader
ui_keys Enter Enter o
expect_screen "missing command: not found" "^Not opened: \"$TMP/nosuch %u\" exited with status 127 \\(a command in it was not found\\)"
ui_quit

# The browser has the terminal while it runs, and the reader takes it
# back: a command that reads a line; ^C is the browser's alone.
printf '#!/bin/sh\nprintf "browser here: "\nread x\n' >"$TMP/ask"
chmod +x "$TMP/ask"
printf 'browser "%s/ask %%u"\n' "$TMP" >"$cfg"
ui_run clear
ui_reader
ui_keys Enter Enter o
expect_screen "the browser has the terminal" "browser here:"
ui_keys C-c
expect_screen "^C stops the browser, said so" "^Not opened: \"$TMP/ask %u\" was killed by signal 2"
ui_keys o
expect_screen "the browser has the terminal again" "browser here:"
ui_run ""
expect_screen "back in the reader" "^Opened https://evil.test/story"
ui_keys q
expect_screen "the reader reads keys again" "Evil Links .* of 1"
ui_quit
expect_screen "the reader survived ^C in the browser" "^EXIT=0"

pwned=$(ls "$TMP" | grep pwned)
expect_eq "no link ran as shell code" "$pwned" ""
finish
