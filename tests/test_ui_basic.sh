#!/bin/sh
# tests/test_ui_basic.sh - the reader end to end in tmux: feeds, stories,
# the story pager, marks and undo, the unread count, help, quitting.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

db="$TMP/store.db"
ui_mkstore "$db" <"$top_srcdir/tests/ui/fixture.spec"
ui_start 80 24
ui_reader

# Feeds view: counts, the failed mark, the unread total in the title line.
expect_screen "feeds listed" "Alpha News"
expect_screen "unread/total" "2/3 +Alpha News"
expect_screen "failed feed marked" "^! +0/0 +Broken Feed"
expect_screen "unread count visible" "5 unread"
expect_screen "summary rows" "All unread stories"
ui_keys j j
ui_keys e
expect_screen "feed error on demand" "connection refused by broken.test"

# Open Alpha News: newest first, read story unmarked.
ui_keys g Enter
expect_screen "all unread opened" "Alpha News|Harbour"
ui_keys q
ui_keys j j Enter
expect_screen "stories of the feed" "Alpha News .* 1 of 3"
screen=$(ui_screen)
first=$(printf '%s\n' "$screen" | grep -n "Harbour bridge" | cut -d: -f1)
second=$(printf '%s\n' "$screen" | grep -n "Library extends" | cut -d: -f1)
check "newest first" test "$first" -lt "$second"
expect_screen "date column, counts filled in on screen" \
    "2025-11-24 +[0-9]+q +([0-9]+s|∅) +Harbour bridge"

# Open the story: header, body, the link list, marked read.
ui_keys e
expect_screen "e in a working feed's list" "The last fetch of this feed worked"
ui_keys Enter
expect_screen "story title" "Harbour bridge reopens after repairs"
expect_screen "story author" "Ada Writer"
expect_screen "story link" "https://alpha.test/bridge"
expect_screen "story body" "The bridge reopened on Monday"
expect_screen "quoted text shown" "glad it is over"
expect_screen "numbered link" "\\[1\\]"
expect_screen "opening marks read" " 4 unread"
ui_keys T
expect_screen "quotes fold to one line" "quoted text, [0-9]+ lines"
expect_not_screen "folded text hidden" "Another quoted paragraph"
ui_keys q Enter
expect_screen "fold state kept" "quoted text, [0-9]+ lines"
ui_keys T
expect_screen "quotes unfold" "Another quoted paragraph"
ui_keys u
expect_screen "undo marks unread again" " 5 unread"

# n from the story: the next unread (Library), then across feeds.
ui_keys n
expect_screen "n opens next unread story" "central library will open"
expect_screen "count after n" " 4 unread"
ui_keys n
expect_screen "n jumps to the next feed" "new release with faster builds|Second beta post"
ui_keys q q

# Marks from the list: toggle read, star, mark feed read, undo.
ui_keys g j j j Enter
expect_screen "beta stories" "Beta Blog"
ui_keys N
expect_screen "toggle read changes the count" " [0-9]+ unread"
ui_keys q
ui_keys g j j Enter
ui_keys A
expect_screen "mark feed read" "Marked [0-9]+ stor(y|ies) read"
ui_keys u
expect_screen "undo mark feed read" "Undone: [0-9]+ stor"
ui_keys q

# Filter the feeds by tag; an empty tag shows them all again.
ui_keys F
ui_keys -l tech
ui_keys Enter
expect_screen "tag filter title" "Feeds \\(1\\) tagged tech"
expect_not_screen "other feeds hidden" "Alpha News"
expect_screen "tagged feed shown" "Beta Blog"
ui_keys F Enter
expect_screen "filter cleared" "Alpha News"

# Help is generated from the keymap.
ui_keys ?
expect_screen "help lists keys" "j Down +down"
expect_screen "help lists quit" "Q +quit"
ui_keys q

# Quit: the terminal is back to the shell.
ui_quit
expect_screen "quit exits 0" "^EXIT=0"
expect_screen "shell prompt back" "^\\$ *$"
check "nothing on stderr" test ! -s "$TMP/reader.err"
finish
