#!/bin/sh
# tests/test_ui_config.sh - the reader's config file (options, bind and
# unbind lines, problems reported by file and line), themes, and opening
# links with $BROWSER or showing them.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

db="$TMP/store.db"
{
	cat "$top_srcdir/tests/ui/fixture.spec"
	printf 'feed\thttps://links.test/feed\tLink Farm\tlinks\n'
	printf 'story\t1764002000\tA story with a script link\n'
	printf 'link\tjavascript:alert(1)\n'
	printf 'body\t<p>See <a href="https://links.test/one">one</a> and <a href="ftp://links.test/two">two</a>.</p>\n'
} | ui_mkstore "$db"
mkdir -p "$TMP/config/hearsay"
cfg="$TMP/config/hearsay/config"
cat >"$cfg" <<EOC
# A config with two mistakes; the reader still starts.
bogus-option 1
show-read maybe
show-read no
bind x quit
unbind Q
bind F9 nonsense-action
bind F13 quit
theme $top_srcdir/themes/light.theme
EOC
ui_start 80 24
ui_reader

# Problems: the first on the status line, all of them after exit.
expect_screen "bad option named with file and line" "^4 problems \\(all shown on exit\\), first: config:2: unknown option 'bogus-option'"
expect_screen "reader started anyway" "Alpha News"
# show-read no: the read story is hidden.
ui_keys Enter
expect_screen "show-read no hides read stories" "Alpha News .* of 2"
expect_not_screen "read story hidden" "Old news already read"
ui_keys t
expect_screen "t shows read stories" "Old news already read"
ui_keys q
# Bindings: x quits, Q is unbound, help shows the live keymap.
ui_keys ?
expect_screen "help shows the new binding" "^ *x +quit"
ui_keys q Q
expect_screen "unbound key says so" "Key not bound"
ui_keys x
ui_clean_err
expect_screen "bound key quits" "^EXIT=0"
check "bad option in the log" grep -q "config:2:.*bogus-option" "$TMP/reader.err"
check "bad value in the log" grep -q "config:3:" "$TMP/reader.err"
check "bad action in the log" grep -q "config:7: unknown action 'nonsense-action'" "$TMP/reader.err"
check "bad key in the log" grep -q "config:8: unknown key 'F13'" "$TMP/reader.err"
check "light theme loads cleanly" sh -c "! grep -q theme '$TMP/reader.err'"

# wrap-width and date-format shape the story.
printf 'wrap-width 30\ndate-format "%%d/%%m/%%Y at %%H"\n' >"$cfg"
ui_run clear
ui_reader
ui_keys Enter Enter
expect_screen "date-format" "^ 24/11/2025 at 16 . Alpha News"
expect_screen "wrap-width 30" "^ The bridge reopened on Monday$"
ui_keys u
expect_screen "opened story unread again" " 6 unread"
ui_quit
check "wrap/date config clean" test ! -s "$TMP/reader.err"

# sort oldest, mark-read-on-open no.
printf 'sort oldest\nmark-read-on-open no\n' >"$cfg"
ui_run clear
ui_reader
ui_keys Enter
expect_screen "sort oldest: list shown" "Alpha News .* 1 of 3"
screen=$(ui_screen)
first=$(printf '%s\n' "$screen" | grep -n "Old news already read" | cut -d: -f1)
last=$(printf '%s\n' "$screen" | grep -n "Harbour bridge" | cut -d: -f1)
check "sort oldest: oldest first" test "$first" -lt "$last"
ui_keys G Enter
expect_screen "story opened" "The bridge reopened"
expect_screen "not marked read on open" " 6 unread"
ui_quit
check "no config messages" test ! -s "$TMP/reader.err"

# A theme with a bad line: named by file and line, the rest still applies.
printf 'title white blue bold\nunread chartreuse default\n' >"$TMP/bad.theme"
printf 'theme %s\n' "$TMP/bad.theme" >"$cfg"
ui_run clear
ui_reader
expect_screen "bad theme line reported" "bad.theme:2: unknown colour 'chartreuse'"
ui_quit

# Themes by name: the user's themes directory first; a missing one is
# reported and the default stays.
mkdir -p "$TMP/config/hearsay/themes"
printf 'title red default\nbogus red default\n' >"$TMP/config/hearsay/themes/mine.theme"
printf 'theme mine\n' >"$cfg"
ui_run clear
ui_reader
expect_screen "named theme from the user's directory" "mine.theme:2: unknown class 'bogus'"
ui_quit
printf 'theme nosuch\n' >"$cfg"
ui_run clear
ui_reader
expect_screen "missing theme reported" "theme nosuch: "
expect_screen "missing theme: reader starts" "Alpha News"
ui_quit

# The 256-colour theme on an 8-colour terminal degrades without errors.
printf 'theme %s\n' "$top_srcdir/themes/dusk256.theme" >"$cfg"
ui_run clear
ui_reader TERM=screen
expect_screen "dusk256 on 8 colours starts" "Alpha News"
ui_quit
check "dusk256 on 8 colours: no messages" test ! -s "$TMP/reader.err"

# Links: without a browser (and no display) the URL is shown; with
# $BROWSER it is run with the URL as its one argument; only http, https
# and mailto are opened.
: >"$cfg"
ui_run clear
ui_reader
ui_keys Enter Enter
expect_screen "in the story" "The bridge reopened"
ui_keys o
expect_screen "o without browser shows the URL" "^https://alpha.test/bridge$"
ui_quit
# osc52 yes: the URL also goes to the terminal's clipboard (tmux keeps it
# as a paste buffer when set-clipboard is on).
printf 'osc52 yes\n' >"$cfg"
tm set-option -s set-clipboard on
ui_run clear
ui_reader
ui_keys Enter Enter o
expect_screen "osc52: shown and copied" "^https://alpha.test/bridge \\(copied\\)"
expect_eq "osc52: the clipboard has the URL" "$(tm show-buffer 2>/dev/null)" \
    "https://alpha.test/bridge"
ui_quit
: >"$cfg"
cat >"$TMP/browser" <<EOB
#!/bin/sh
printf '%s\n' "\$@" >>"$TMP/opened"
EOB
chmod +x "$TMP/browser"
ui_run clear
ui_reader BROWSER="$TMP/browser"
ui_keys Enter Enter o
expect_screen "o opened" "Opened https://alpha.test/bridge"
ui_keys 2
expect_screen "2 opened" "Opened https://alpha.test/map"
ui_keys 7
expect_screen "no link 7" "No link 7"
ui_keys q q G k Enter
expect_screen "link farm story" "A story with a script link"
ui_keys Enter
expect_screen "link farm story open" "See one\\[1\\] and two\\[2\\]"
ui_keys o
# The store keeps no javascript: link: the story has none to open.
expect_screen "javascript: link not stored" "The story has no link"
ui_keys 2
expect_screen "ftp: refused" "Not opened .*ftp://links.test/two"
ui_keys 1
expect_screen "https link opened" "Opened https://links.test/one"
ui_quit
# A display and no browser named: xdg-open.
mkdir -p "$TMP/bin"
cp "$TMP/browser" "$TMP/bin/xdg-open"
ui_run clear
ui_reader DISPLAY=:99 PATH="$TMP/bin:\$PATH"
ui_keys Enter Enter o
expect_screen "xdg-open with a display" "Opened https://alpha.test/bridge"
ui_quit
expect_eq "browser got exactly the allowed URLs" "$(cat "$TMP/opened")" \
"https://alpha.test/bridge
https://alpha.test/map
https://links.test/one
https://alpha.test/bridge"
finish
