#!/bin/sh
# tests/hostile/test_links.sh - what `o` and 1-9 open in the reader.  The
# browser is a script that records its argument: javascript:, data: and
# file: story links are dropped by the parser, so those stories have none;
# javascript:, data:, file:, vbscript: and ssh: links in the body never
# reach it and are shown on the status line for what they are; http(s)
# and mailto links reach it exactly as the screen shows them, a bidi
# override and an escape in a link cleaned out of both.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/hostile/common.sh"
. "$top_srcdir/tests/ui/tmux.sh"

a() { printf '&lt;a href="%s"&gt;%s&lt;/a&gt; ' "$1" "$2"; }
{
	printf '<?xml version="1.0" encoding="utf-8"?>\n'
	printf '<rss version="2.0"><channel><title>Links</title><link>http://example.org/</link>\n'
	printf '<item><title>S1 javascript story</title><guid>s1</guid>'
	printf '<link>javascript:alert(document.cookie)</link>'
	printf '<pubDate>Mon, 02 Nov 2026 10:05:00 GMT</pubDate><description>&lt;p&gt;Links: '
	a 'javascript:alert(1)' one
	a 'data:text/html;base64,PHNjcmlwdD4=' two
	a 'file:///etc/passwd' three
	a 'http://example.org/real?a=1&amp;amp;b=2' four
	a 'JaVaScRiPt:alert(5)' five
	a 'vbscript:msgbox(6)' six
	a 'mailto:desk@example.org' seven
	a 'java&amp;#x09;script:alert(8)' eight
	a 'ssh://example.org/nine' nine
	printf '&lt;/p&gt;</description></item>\n'
	printf '<item><title>S2 data story</title><guid>s2</guid>'
	printf '<link>data:text/html,&lt;script&gt;alert(2)&lt;/script&gt;</link>'
	printf '<pubDate>Mon, 02 Nov 2026 10:04:00 GMT</pubDate></item>\n'
	printf '<item><title>S3 file story</title><guid>s3</guid>'
	printf '<link>file:///etc/passwd</link>'
	printf '<pubDate>Mon, 02 Nov 2026 10:03:00 GMT</pubDate></item>\n'
	printf '<item><title>S4 bidi story</title><guid>s4</guid>'
	printf '<link>http://example.org/&#x202E;gpj.exe?q=&#x1b;[9m</link>'
	printf '<pubDate>Mon, 02 Nov 2026 10:02:00 GMT</pubDate></item>\n'
	printf '<item><title>S5 plain story</title><guid>s5</guid>'
	printf '<link>http://example.org/story?a=1&amp;b=2</link>'
	printf '<pubDate>Mon, 02 Nov 2026 10:01:00 GMT</pubDate></item>\n'
	printf '</channel></rss>\n'
} >"$TMP/links.xml"
echo "file://$TMP/links.xml" >"$TMP/urls"
db="$TMP/data/links.db"
"$HEARSAY" -u "$TMP/urls" -d "$db" refresh -q
expect_eq "links feed stored" "$("$HEARSAY" -d "$db" list --all | wc -l | tr -d ' ')" 5

# The browser: note the argument, one line per call.
cat >"$TMP/browser" <<EOF
#!/bin/sh
printf '%s\n' "\$*" >>"$TMP/opened"
EOF
chmod +x "$TMP/browser"
: >"$TMP/opened"
opened() { tail -n 1 "$TMP/opened"; }
calls() { wc -l <"$TMP/opened" | tr -d ' '; }
called_since() { [ "$(calls)" != "$1" ]; }

status() { ui_screen | tail -n 1; }
# shown: what the status line says was opened; shown_is URL: it is URL.
shown() { status | sed -n 's/^Opened //p' | sed 's/ *$//'; }
shown_is() { [ "$(shown)" = "$1" ]; }
# refused NAME KEY URL: KEY opens nothing and the status line names URL.
refused() {
	before=$(calls)
	ui_keys "$2"
	if ui_wait_for "^Not opened \\(only http, https, mailto\\): $3"; then
		ok "$1 refused and shown"
	else
		not_ok "$1 refused and shown"; echo "  status: $(status)"
	fi
	expect_eq "$1 not run" "$(calls)" "$before"
}
# linkless NAME KEY: the story's link was dropped, so KEY runs nothing
# (the last check of the reader below would see a late call too).
linkless() {
	before=$(calls)
	ui_keys "$2"
	expect_eq "$1 runs nothing" "$(calls)" "$before"
}
# opens NAME KEY URL: KEY runs the browser on URL, the status line says so.
opens() {
	before=$(calls)
	ui_keys "$2"
	wait_until 60 called_since "$before"
	expect_eq "$1 opened" "$(opened)" "$3"
	wait_until 60 shown_is "$3"
	shown=$(shown)
	expect_eq "$1: what opened is what is shown" "$shown" "$3"
}

ui_start 120 40
ui_reader "BROWSER=$TMP/browser"
expect_screen "feeds" "Links"
ui_keys Enter
expect_screen "stories" "S1 javascript story"
# From the story list.
linkless "list o javascript:" o
ui_keys j
linkless "list o data:" o
ui_keys j
linkless "list o file:" o
ui_keys j
opens "list o bidi link" o "http://example.org/gpj.exe?q=[9m"
ui_keys j
opens "list o plain link" o "http://example.org/story?a=1&b=2"

# From the story: o, then each numbered link of the body.
ui_keys g Enter
expect_screen "story open" "S1 javascript story"
before=$(calls)
ui_keys o
expect_screen "story o: a javascript: link is no link" "^The story has no link"
expect_eq "story o javascript: not run" "$(calls)" "$before"
[ -n "${SHOW_SCREENS:-}" ] && ui_screen | sed 's/^/  | /'
ui_screen >"$TMP/screen"
check "the dropped link not shown" sh -c \
    '! grep -q "javascript:alert(document" "$0"' "$TMP/screen"
expect_screen "numbered links listed as they open" "^ \\[2\\] http://example.org/real\\?a=1&b=2"
expect_screen "a file: link listed as itself" "^ \\[1\\] file:///etc/passwd"
# Script "links" (javascript:, data:, vbscript:) get no number at all; the
# others are numbered in order: file:, http, mailto, the tab one, ssh:.
refused "link 1 file:" 1 "file:///etc/passwd"
opens "link 2 http" 2 "http://example.org/real?a=1&b=2"
opens "link 3 mailto" 3 "mailto:desk@example.org"
refused "link 4 java<TAB>script:" 4 "java script:alert\\(8\\)"
refused "link 5 ssh:" 5 "ssh://example.org/nine"
ui_keys 6
expect_screen "no link 6: the script links have no number" "^No link 6 in this story"
check "nothing but http(s) and mailto ever opened" sh -c \
    '! grep -Evq "^(https?://|mailto:)" "$0"' "$TMP/opened"
expect_clean "every opened link clean" "$TMP/opened"
ui_keys q q
ui_quit

# OSC 52 (osc52 yes, no browser): the clipboard gets the link shown, cleaned,
# and nothing when the link is refused.  tmux takes the sequence into a
# paste buffer (set-clipboard on), which is what a terminal would copy.
mkdir -p "$TMP/config/hearsay"
echo "osc52 yes" >"$TMP/config/hearsay/config"
tm set-option -g set-clipboard on
buffer() { tm show-buffer 2>/dev/null; }
ui_run clear
ui_reader
ui_keys Enter
expect_screen "osc52: stories" "S5 plain story"
ui_keys End o
expect_screen "osc52: link shown as copied" "^http://example.org/story\\?a=1&b=2 \\(copied\\)"
expect_eq "osc52: the clipboard holds the link shown" "$(buffer)" "http://example.org/story?a=1&b=2"
ui_keys k o
expect_screen "osc52: the bidi link copied" "^http://example.org/gpj.exe\\?q=\\[9m \\(copied\\)"
expect_eq "osc52: copied clean, as shown" "$(buffer)" "http://example.org/gpj.exe?q=[9m"
ui_keys g Enter o
expect_screen "osc52: no link, nothing to copy" "^The story has no link"
expect_eq "osc52: nothing copied for it" "$(buffer)" "http://example.org/gpj.exe?q=[9m"
ui_keys q q
ui_quit

finish
