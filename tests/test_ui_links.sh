#!/bin/sh
# tests/test_ui_links.sh - links by number and the Links view.  In a
# story, a digit opens its link at once when no longer number starts with
# it (every digit when the story has fewer than ten links); else it opens
# a prompt for the rest of the number and Enter, so that links 10 and up
# open (1 0 Enter is link 10, not link 1).  U lists the story's link and
# every numbered link; Enter opens, y copies (OSC 52 with osc52 on), the
# digits work there too.  A recording browser proves what was opened.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

db="$TMP/store.db"
{
	printf 'feed\thttps://links.test/feed\tLink Farm\tlinks\n'
	printf 'story\t1764003000\tTwelve links\n'
	printf 'link\thttps://links.test/twelve\nbody\t<p>'
	k=1
	while [ "$k" -le 12 ]; do
		printf '<a href="https://links.test/l%d">link %d</a> ' "$k" "$k"
		k=$((k + 1))
	done
	printf '</p>\n'
	printf 'story\t1764002000\tThree links\n'
	printf 'body\t<p><a href="https://links.test/a">a</a>, <a href="https://links.test/b">b</a> and <a href="https://links.test/c/a/very/long/path/that/does/not/fit/in/forty/columns">c</a>.</p>\n'
	# Its javascript: link is never stored: the story has none.
	printf 'story\t1764001000\tNo links\nlink\tjavascript:void(0)\n'
	printf 'body\t<p>Nothing to follow here.</p>\n'
} | ui_mkstore "$db"

cat >"$TMP/rec" <<EOF
#!/bin/sh
printf '%s\n' "\$1" >>"$TMP/opened"
EOF
chmod +x "$TMP/rec"
: >"$TMP/opened"
calls() { wc -l <"$TMP/opened" | tr -d ' '; }
more_than() { [ "$(calls)" -gt "$1" ]; }
# opens NAME URL KEY...: the keys open URL (and nothing else).
opens() {
	_name=$1 _url=$2; shift 2
	_before=$(calls)
	ui_keys "$@"
	wait_until 60 more_than "$_before" || true
	expect_eq "$_name" "$(tail -n +$((_before + 1)) "$TMP/opened")" "$_url"
	expect_screen "$_name: said" "^Opened $_url"
}
# opens_none NAME STATUS KEY...: the keys open nothing; STATUS is said.
opens_none() {
	_name=$1 _said=$2; shift 2
	_before=$(calls)
	ui_keys "$@"
	expect_screen "$_name: said" "$_said"
	expect_eq "$_name: nothing opened" "$(calls)" "$_before"
}

ui_start 80 24
ui_reader "BROWSER=$TMP/rec"
ui_keys Enter Enter
expect_screen "twelve-link story" "link 12\\[12\\]"
# Twelve links: 1 waits for more; 2-9 cannot start a longer number.
ui_keys 1
expect_screen "1: a prompt for the number" "^Open link number: 1\$"
opens "1 0 Enter: link 10" "https://links.test/l10" 0 Enter
opens "1 2 Enter: link 12" "https://links.test/l12" 1 2 Enter
opens "1 Enter: link 1" "https://links.test/l1" 1 Enter
opens "2: link 2 at once" "https://links.test/l2" 2
opens "9: link 9 at once" "https://links.test/l9" 9
opens_none "1 3 Enter: no link 13" "^No link 13 in this story" 1 3 Enter
opens_none "1 x Enter: no number" "^Not a link number: 1x" 1 x Enter
opens_none "a number past any link" "^No link 19999999999999999999 in this story" \
    1 9999999999999999999 Enter
ui_keys 1
ui_wait_for "^Open link number: 1" || true
opens_none "1 Esc: cancelled" "Twelve links" Escape
expect_not_screen "Esc: the prompt closed" "^Open link number"
opens_none "0: no link 0" "^No link 0 in this story" 0

# The Links view: the story's link, then the twelve, numbered.
ui_keys U
expect_screen "U: the Links view" "^ Links . Twelve links"
expect_screen "the story's link listed" "^ +story  https://links.test/twelve"
expect_screen "link 1 listed" "^ +\\[1\\]  https://links.test/l1\$"
expect_screen "link 12 listed" "^ +\\[12\\]  https://links.test/l12\$"
opens "Enter: the link under the cursor (1)" "https://links.test/l1" Enter
opens "j j Enter: link 3" "https://links.test/l3" j j Enter
opens "g Enter: the story's link" "https://links.test/twelve" g Enter
opens "1 1 Enter in the view: link 11" "https://links.test/l11" 1 1 Enter
opens "5 in the view: link 5 at once" "https://links.test/l5" 5
opens_none "y without osc52: cannot copy" \
    "^Cannot copy \\(osc52 is off\\): https://links.test/twelve" y
ui_keys q
expect_screen "q: back in the story" "link 12\\[12\\]"
ui_keys U
expect_screen "U again" "^ Links . Twelve links"
ui_keys U
expect_screen "U in the view closes it" "link 12\\[12\\]"

# Fewer than ten links: every digit opens at once.
ui_keys q j Enter
expect_screen "three-link story" "a\\[1\\], b\\[2\\] and c\\[3\\]"
opens "2: link 2" "https://links.test/b" 2
opens_none "7: no link 7" "^No link 7 in this story" 7
ui_keys q j Enter
expect_screen "linkless story" "Nothing to follow here"
opens_none "U without links" "^No links in this story" U
ui_quit

# osc52 on: y copies, in the Links view and in the story; a rebound key.
mkdir -p "$TMP/config/hearsay"
printf 'osc52 yes\nbind L show-urls\n' >"$TMP/config/hearsay/config"
tm set-option -s set-clipboard on
ui_run clear
ui_reader
ui_keys Enter j Enter
expect_screen "three-link story again" "a\\[1\\], b\\[2\\]"
ui_keys L
expect_screen "a rebound key opens the Links view" "^ Links . Three links"
ui_keys j y
expect_screen "y: copied" "^Copied https://links.test/b\$"
expect_eq "y: the clipboard has the link" "$(tm show-buffer 2>/dev/null)" \
    "https://links.test/b"
ui_keys q q k Enter y
expect_screen "y in a story: its link" "^Copied https://links.test/twelve\$"
expect_eq "y in a story: the clipboard" "$(tm show-buffer 2>/dev/null)" \
    "https://links.test/twelve"
ui_quit

# Small and large screens: the rows fit, a long link is cut.
: >"$TMP/config/hearsay/config"
ui_run clear
tm resize-window -x 40 -y 12
ui_reader
ui_keys Enter j Enter U
expect_screen "40x12: the Links view" "^ Links . Three links"
expect_screen "40x12: a long link cut" "^ +\\[3\\]  https://links.test/c/a/very/.*…\$"
ui_quit
ui_run clear
tm resize-window -x 200 -y 60
ui_reader
ui_keys Enter j Enter U
expect_screen "200x60: the long link whole" "^ +\\[3\\]  https://links.test/c/a/very/long/path/that/does/not/fit/in/forty/columns\$"
# The help lists the new actions with their keys (all of it fits here).
ui_keys q q q ?
expect_screen "help: show-urls and its key" "^ +U +show-urls"
expect_screen "help: copy-link and its key" "^ +y +copy-link"
expect_screen "help: 0 opens links too" "^ +1 2 3 4 5 6 7 8 9 0 +open-link-N"
ui_quit
expect_screen "exits 0" "^EXIT=0"
finish
