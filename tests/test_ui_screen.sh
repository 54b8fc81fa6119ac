#!/bin/sh
# tests/test_ui_screen.sh - the reader's screen under hostile conditions:
# escape sequences in feed text, a non-UTF-8 locale, NO_COLOR, TERM=vt100,
# wide characters, resizing down to 40x12.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

db="$TMP/store.db"
{
	cat "$top_srcdir/tests/ui/fixture.spec"
	printf 'feed\thttps://evil.test/feed\tEvil\033[2J\033]0;pwned\007 Feed\n'
	printf 'story\t1764001000\tRed\033[31m title \033[5mblink\n'
	printf 'body\t<p>Body with \033[1mbold escape</p>\n'
	printf 'story\t1764000500\tMayor\342\200\231s \342\200\234plan\342\200\235 \342\200\223 approved\n'
} | ui_mkstore "$db"
ui_start 80 24
ui_reader

# Escape sequences: stripped to harmless text, the title never set.
expect_screen "escape in feed title is inert" "Evil\\[2J\\]0;pwned Feed"
title=$(tm display-message -p '#{pane_title}')
check "OSC did not set the pane title" test "$title" != "pwned"
ui_keys g Enter
expect_screen "escape in story title is inert" "Red\\[31m title \\[5mblink"
ui_keys g Enter
expect_screen "escape in story body is inert" "Body with \\[1mbold escape"
expect_screen "escape in the story header is inert" "^ Red\\[31m title \\[5mblink"
ui_keys u q q

# Wide characters take two columns and keep the columns aligned.
expect_screen "back in the feeds" "Feeds \\("
line=$(ui_screen | grep "日本語ニュース")
expect_eq "CJK feed row aligned" "$(printf '%s' "$line" | sed 's/  *$//')" \
    "●       1/1  日本語ニュース                                  wide"

# Ctrl-L repaints a screen something else scribbled on.
printf '\033[5;10HSCRIBBLE' >"$(tm display-message -p '#{pane_tty}')"
expect_screen "something scribbled" "SCRIBBLE"
ui_keys C-l
expect_not_screen "Ctrl-L repaints" "SCRIBBLE"
expect_screen "Ctrl-L: feeds still there" "Alpha News"

# Colours are on by default.
expect_attr "colours by default" "$(printf '\033')\\[[0-9;]*4[0-7]m"

# Resize to 40x12 and back: no garbage, everything in its place.
tm resize-window -x 40 -y 12
expect_screen "small: title line" "^ hearsay .*unread"
expect_not_screen "small: tags column gone" "news world"
expect_screen "small: status line" "^\\? help  Enter open"
ui_keys j j Enter Enter
expect_screen "small: story opens" "Harbour bridge"
expect_screen "small: body wrapped to the width" "^ The bridge reopened on Monday"
expect_eq "small: 12 lines" "$(ui_screen | wc -l)" 12
tm resize-window -x 30 -y 8
tm resize-window -x 80 -y 24
ui_keys C-l q q
expect_screen "big again: tags back" "news world"
expect_screen "big again: title line" "^ hearsay .*Feeds"
ui_quit

# A non-UTF-8 locale: ASCII glyphs, '?' for what cannot be shown.
ui_run clear
ui_reader LANG=C LC_ALL=C
expect_screen "ASCII unread mark" "^N +[0-9]/3 +Alpha News"
expect_screen "ASCII title rule" "^ hearsay - Feeds"
expect_screen "no UTF-8 under LANG=C" "\\?\\?\\?\\?\\?\\?\\?"
ui_keys End k Enter
expect_screen "ASCII stand-ins for punctuation" "Mayor's \"plan\" - approved"
ui_keys q
ui_quit
expect_screen "LANG=C exits 0" "^EXIT=0"

# NO_COLOR: attributes only, no colour codes.
ui_run clear
ui_reader NO_COLOR=1
if tm capture-pane -p -e | grep -q "$(printf '\033')\\[[0-9;]*[34][0-7]m"; then
	not_ok "NO_COLOR has no colours"; else ok "NO_COLOR has no colours"; fi
ui_quit

# TERM=vt100: usable, no colours.
ui_run clear
ui_reader TERM=vt100
expect_screen "vt100 shows feeds" "Alpha News"
ui_keys j Enter
expect_screen "vt100 opens stories" "Compiler release notes"
ui_quit
expect_screen "vt100 exits 0" "^EXIT=0"
finish
