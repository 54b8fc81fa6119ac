#!/bin/sh
# tests/test_ui_prompt.sh - the prompt edits as a shell's line does: Left
# and Right (a wide character is one step, a combining mark goes with its
# letter), Home/End and ^A/^E, Backspace and Delete in the middle, ^U ^W
# ^K, Up/Down through the lines entered at that prompt (each prompt its
# own), Esc cancels; a line wider than the screen scrolls to keep the
# cursor in view.  Each edit is proven by what the search then looked
# for ("No story matches TEXT" quotes it) or by the screen and the
# cursor's column.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

db="$TMP/store.db"
ui_mkstore "$db" <"$top_srcdir/tests/ui/fixture.spec"
ui_start 80 24
ui_reader
label="Search stories: "
cursor() { tm display -p '#{cursor_x}'; }
at() { [ "$(cursor)" = "$1" ]; }
# expect_cursor NAME COLUMN: the cursor gets to COLUMN.
expect_cursor() {
	if wait_until 60 at "$2"; then ok "$1"; else
		not_ok "$1"; echo "  cursor at $(cursor), wanted $2"; fi
}
# searched NAME TEXT: Enter searches for exactly TEXT (no story has it).
searched() {
	ui_keys Enter
	expect_screen "$1" "^No story matches $2\$"
}
# found NAME: Enter lists the bridge story, then back.
found() {
	ui_keys Enter
	expect_screen "$1" "^ Search: bridge"
	ui_keys q
	expect_screen "$1: back" "Feeds \\("
}
prompt() { ui_keys /; ui_wait_for "^${label% }" || true; }

prompt
ui_keys -l brdge
ui_keys Left Left Left
expect_cursor "Left: back one character" $((${#label} + 2))
ui_keys -l i
expect_screen "Left, then typed in the middle" "^${label}bridge"
found "Left: the line searched as shown"

prompt
ui_keys -l ridg
ui_keys Home
expect_cursor "Home: the start" "${#label}"
ui_keys -l b
ui_keys End
ui_keys -l ezz
searched "Home and End" "bridgezz"
prompt
ui_keys -l ridg
ui_keys C-a
ui_keys -l b
ui_keys C-e
ui_keys -l eyy
searched "^A and ^E" "bridgeyy"

prompt
ui_keys -l "junk words"
ui_keys C-u
expect_screen "^U empties the line before the cursor" "^${label% }\$"
ui_keys -l bridge
found "^U, then a new line"
prompt
ui_keys -l "keep this junk"
ui_keys Left Left Left Left Left
ui_keys C-u
ui_keys Home
ui_keys -l x
searched "^U keeps what is after the cursor" "x junk"

prompt
ui_keys -l "bridge two words"
ui_keys C-w
expect_screen "^W removes the word before the cursor" "^${label}bridge two\$"
ui_keys C-w C-w
ui_keys -l road
searched "^W, twice more" "road"

prompt
ui_keys -l "bridge junk"
ui_keys Left Left Left Left Left
ui_keys C-k
expect_screen "^K removes the rest of the line" "^${label}bridge\$"
found "^K: the line searched"

prompt
ui_keys -l bxridge
ui_keys Home Right DC
expect_screen "Delete: the character under the cursor" "^${label}bridge"
found "Delete: the line searched"
prompt
ui_keys -l brxidge
ui_keys Left Left Left Left BSpace
expect_screen "Backspace in the middle" "^${label}bridge"
found "Backspace: the line searched"

# Up and Down: the lines entered at this prompt, newest first, and back
# to the line being typed.
prompt
ui_keys -l draft
ui_keys Up
expect_screen "Up: the last line entered" "^${label}bridge\$"
ui_keys Up
expect_screen "Up again: the one before" "^${label}road\$"
ui_keys Down
expect_screen "Down: newer again" "^${label}bridge\$"
ui_keys Down
expect_screen "Down past the newest: the line being typed" "^${label}draft\$"
ui_keys Up Up Up
expect_screen "a history line edited" "^${label}x junk\$"
ui_keys BSpace BSpace BSpace BSpace BSpace BSpace
ui_keys -l bridge
found "a history line edited and entered"
# Esc cancels: nothing searched, nothing remembered.
prompt
ui_keys -l walrus
ui_keys Escape
expect_not_screen "Esc closes the prompt" "^${label}"
expect_screen "Esc: still in the feed list" "Feeds \\("
prompt
ui_keys Up
expect_screen "Esc: the line not remembered" "^${label}bridge\$"
ui_keys Escape
# Each prompt has its own history: the story's Find has none yet.
ui_keys Enter Enter
expect_screen "a story open" "The bridge reopened"
ui_keys /
expect_screen "Find prompt" "^Find:"
ui_keys Up
expect_screen "Find: no history of the story search" "^Find:\$"
ui_keys -l resident
ui_keys Enter
expect_screen "found in the story" "^/resident"
ui_keys /
ui_keys Up
expect_screen "Find: its own history" "^Find: resident\$"
ui_keys Escape q q

# Wide characters: one step each, two columns each.
prompt
ui_keys -l "日本"
expect_cursor "two wide characters: four columns" $((${#label} + 4))
ui_keys Left
expect_cursor "Left over a wide character: two columns" $((${#label} + 2))
ui_keys Left
ui_keys -l x
searched "typed before wide characters" "x日本"
# A combining mark goes with its letter.
prompt
ui_keys -l "cafe$(printf '\314\201')"
ui_keys Left
ui_keys -l X
searched "Left over a letter and its mark" "cafXe$(printf '\314\201')"
# Characters never shown raw are refused as typed.
prompt
ui_keys -l "a$(printf '\342\200\256')b"
searched "a bidi override is not taken" "ab"
ui_quit

# A line wider than the screen scrolls to keep the cursor in view.
ui_run clear
tm resize-window -x 40 -y 12
ui_reader
prompt
long="abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ui_keys -l "$long"
expect_screen "long line: its end shown, the start cut" "^${label}….*VWXYZ *\$"
at_end=$(cursor)
check "long line: the cursor on the screen" test "$at_end" -lt 40
ui_keys Home
expect_screen "Home: the start shown, the end cut" "^${label}abcdef.*…\$"
expect_cursor "Home: the cursor after the label" "${#label}"
ui_keys End
expect_screen "End: the end shown again" "VWXYZ *\$"
ui_keys Escape
ui_quit
expect_screen "exits 0" "^EXIT=0"
finish
