#!/bin/sh
# tests/test_ui_sources.sh - what the store keeps of the quote engine's
# analysis, in the reader: the quotes/sources column of the story lists
# and the mark of a story citing nobody, speaker: and source: searches,
# the Sources view (S: names with counts, Enter lists a name's stories and
# quotes, Enter opens one, q goes back), a story analysed when it is
# opened, the key rebound, ASCII glyphs with LANG=C and a 40x12 window.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

db="$TMP/store.db"
ui_mkstore "$db" <"$top_srcdir/tests/ui/sources.spec"
cp "$db" "$TMP/fresh.db"
fresh() { rm -f "$db-wal" "$db-shm"; cp "$TMP/fresh.db" "$db"; }

ui_start 80 24
ui_reader

# The column: quotes and sources of each story; the gale story cites
# nobody and is marked.
ui_keys j j j Enter
expect_screen "feed opens" "Port News"
expect_screen "counts column" "^●  2025-11-24  1q  2s North quay closes for dredging"
expect_screen "one source" "^●  2025-11-24  1q  1s Quay fees to rise next year"
ui_keys q k Enter
expect_screen "other feed opens" "Coast Courier"
expect_screen "no-source mark" "^●  2025-11-24  0q  ∅  Gale expected on Saturday"
ui_keys q
# Across feeds the feed column follows the counts.
ui_keys g Enter
expect_screen "all unread: counts then feed" \
    "^●  2025-11-24  1q  2s Port News +North quay closes"
ui_keys q

# speaker: and source: searches, alone, quoted and with words.
ui_keys /
ui_keys -l "speaker:quill"
ui_keys Enter
expect_screen "speaker search" "Search: speaker:quill"
expect_screen "speaker search: first" "North quay closes for dredging"
expect_screen "speaker search: second" "Quay fees to rise next year"
expect_screen "speaker search: old story too" "Old quay inspection"
expect_screen "names alone: newest first" "3 matches, newest first"
expect_not_screen "speaker search: others not" "Ferry timetable"
ui_keys q /
ui_keys -l 'source:"TIDEWATER gazette"'
ui_keys Enter
expect_screen "source phrase search" "Ferry timetable changes"
expect_screen "source phrase search: both" "North quay closes"
expect_not_screen "source phrase search: others not" "Quay fees"
ui_keys q /
ui_keys -l "dredging speaker:quill"
ui_keys Enter
expect_screen "speaker and words: count" "2 matches, best first"
ui_keys q /
ui_keys -l "speaker:"
ui_keys Enter
expect_screen "speaker without a name" "speaker: wants a name"

# The Sources view from the feed list: the names of the last 7 days (the
# old inspection story is out of them), most stories first.
ui_keys S
expect_screen "sources view" "^ Sources ─ last 7 days ─ 1 of "
expect_screen "names with counts" \
    "^   2 Marta Quill +2 quotes · 2 cites$"
expect_screen "a source with counts" "^   2 Tidewater Gazette +0 quotes · 2 cites$"
expect_screen "one-story speaker" "^   1 Tomas Brandt +1 quote · 1 cite$"
expect_screen "hints" "Enter stories +q back"
# Enter lists Marta Quill's stories and quotes, newest first.
ui_keys Enter
expect_screen "mentions title" "^ Marta Quill ─ 2 stories"
expect_screen "mentions: story row" \
    "^2025-11-24 Port News +North quay closes for dredging"
expect_screen "mentions: quote" \
    "^    \"We expect the work to finish before the autumn storms,\" · said"
expect_screen "mentions: second story" "^2025-11-24 Port News +Quay fees to rise"
expect_not_screen "mentions: a quoted story's citation not repeated" "cited: said"
expect_not_screen "mentions: old story out" "Old quay inspection"
# Enter on the quote opens its story; q comes back, twice to the names.
ui_keys j Enter
expect_screen "story opens from sources" "LISBON \(Harbourwire\) - The port"
ui_keys q
expect_screen "back to the mentions" "^ Marta Quill ─ 2 stories"
ui_keys q
expect_screen "back to the names" "^ Sources ─ last 7 days"
ui_keys q
expect_screen "back to the feeds" "Feeds \(2\)"
# And from a story list.
ui_keys j j j Enter S
expect_screen "sources from a story list" "^ Sources ─ last 7 days"
ui_keys q
expect_screen "back to the story list" "Port News ─"
ui_quit
expect_screen "clean exit" "^EXIT=0"

# sources-days widens the span; the key is rebound like any other.
mkdir -p "$TMP/config/hearsay"
printf 'sources-days 30\nbind S none\nbind W sources\n' \
    >"$TMP/config/hearsay/config"
ui_run clear
fresh
ui_reader
ui_keys S
expect_not_screen "unbound S does nothing" "^ Sources"
ui_keys W
expect_screen "rebound key" "^ Sources ─ last 30 days"
expect_screen "thirty days take the old story" "^   3 Marta Quill +3 quotes"
ui_keys '?' G
expect_screen "help lists the action" "W +sources +who was quoted"
ui_quit
rm -f "$TMP/config/hearsay/config"

# NO_COLOR: the no-source mark is bold, so it still shows.
ui_run clear
fresh
ui_reader NO_COLOR=1
ui_keys G k Enter
expect_screen "NO_COLOR: marked story" "Gale expected"
e=$(printf '\033')
expect_attr "NO_COLOR: mark in bold" "$e\\[1m∅"
ui_quit

# Stories stored without analysis get theirs when they are shown: the
# rows of a list as it is drawn, the Sources view's days on entry.
db="$TMP/plain.db"
grep -v '^analyze' "$top_srcdir/tests/ui/sources.spec" | ui_mkstore "$db"
ui_run clear
ui_reader
ui_keys S
expect_screen "not analysed: the Sources view analyses its days" \
    "^   2 Marta Quill +2 quotes · 2 cites$"
ui_keys q j j j Enter
expect_screen "not analysed: the rows on screen get their counts" \
    "^●  2025-11-24  1q  2s North quay closes"
ui_keys Enter
expect_screen "opened" "LISBON \(Harbourwire\)"
ui_keys q
expect_screen "the same counts once opened" \
    "^   2025-11-24  1q  2s North quay closes"
ui_quit

# The demo shows the column, a story citing nobody and a full Sources
# view.
ui_run clear
ui_run "env LANG=C.UTF-8 XDG_CONFIG_HOME=$TMP/config XDG_DATA_HOME=$TMP/demo HEARSAY_DEMO_DIR=$top_srcdir/demo $HEARSAY --demo 2>$TMP/reader.err; echo EXIT=\$?"
expect_screen "demo opens" "unread"
ui_keys g Enter
expect_screen "demo: counts column" "^●  20[0-9-]+ +[1-9][0-9]?q +[1-9][0-9]?s "
expect_screen "demo: a story citing nobody" "^●  20[0-9-]+ +[0-9]+q  ∅ "
ui_keys S
expect_screen "demo: sources view" "^ Sources ─ last 7 days ─ 1 of [1-9][0-9]+ "
expect_screen "demo: quoted people" "^ +[0-9]+ .* [1-9][0-9]* quotes? · [0-9]+ cites?$"
ui_keys Enter
expect_screen "demo: a name's stories" "^ .* ─ [1-9][0-9]* stor(y|ies) "
ui_keys q q q
ui_quit
expect_screen "demo: clean exit" "^EXIT=0"

# LANG=C and a 40x12 window: ASCII marks, short counts, nothing wraps.
db="$TMP/store.db"
fresh
ui_resize 40 12
ui_reader LANG=C LC_ALL=C
ui_keys G k Enter
expect_screen "C: no-source mark" "^N  2025-11-24  0q  \?  Gale expected"
ui_keys q S
expect_screen "C: sources view" "^ Sources - last 7 days"
expect_screen "C: short counts" "^   2 Marta Quill +2q 2c$"
ui_keys Enter
expect_screen "C: mentions" "^ Marta Quill - 2 stories"
expect_screen "C: quote cut to the window" '^    "We expect the work to finish befor~$'
check "no UTF-8 on the ASCII screen" sh -c \
    "! tmux -L '$SOCK' capture-pane -p | LC_ALL=C grep -q '[^ -~]'"
ui_keys q q
expect_screen "C: back" "Feeds \(2\)"
ui_quit
expect_screen "C: clean exit" "^EXIT=0"

finish
