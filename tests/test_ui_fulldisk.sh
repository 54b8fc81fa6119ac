#!/bin/sh
# tests/test_ui_fulldisk.sh - the reader on a disk that fills up under it:
# toggling read, starring, marking everything read, undo and opening a
# story each say on the status line that there is no space left and that
# nothing was saved, and change nothing; once there is room again, marks
# are saved again.  Afterwards the store passes its checks and holds
# exactly the marks that were saved.  The disk is a small tmpfs in a
# private mount namespace (unshare -rm), where the whole test runs, tmux
# included; without one it is skipped.
. "$top_srcdir/tests/lib.sh"

if [ "${HEARSAY_FULLDISK_INNER:-}" != 1 ]; then
	if ! unshare -rm sh -c "mount -t tmpfs -o size=64k probe '$TMP'" \
	    2>/dev/null; then
		echo "SKIP: no tmpfs in a private mount namespace (unshare -rm)"
		exit 77
	fi
	HEARSAY_FULLDISK_INNER=1 unshare -rm sh \
	    "$top_srcdir/tests/test_ui_fulldisk.sh"
	exit $?
fi

. "$top_srcdir/tests/ui/tmux.sh"
FULL="$TMP/full"
trap 'tm kill-server 2>/dev/null; umount "$FULL" 2>/dev/null; rm -rf "$TMP"' EXIT
mkdir -p "$FULL"
mount -t tmpfs -o size=4m hearsay-full "$FULL" ||
    { echo "SKIP: cannot mount a tmpfs"; exit 77; }

# fill: take every block left on the tmpfs; room: give them back.
fill() {
	dd if=/dev/zero of="$FULL/filler" bs=4096 2>/dev/null
	avail=$(df -k "$FULL" | awk 'NR == 2 { print $4 }')
	expect_eq "the disk is full" "$avail" 0
}
room() { rm -f "$FULL/filler"; }

# Four unread stories, newest first: Footbridge, New path, Market, Ferry.
db="$FULL/store.db"
tab=$(printf '\t')
sed "s/|/$tab/g" <<'EOF' | ui_mkstore "$db"
feed|https://river.test/feed|River Courier|local
story|1764000000|Footbridge repainted in blue
body|<p>"The colour was chosen by the children of the town," said Ines Farrow, the council's architect.</p>
story|1763990000|Market moves to the square
body|<p>The weekly market will move to the square in spring.</p>
story|1763980000|Ferry timetable for the winter
body|<p>The first ferry will leave at seven.</p>
feed|https://hill.test/atom|Hill Notes|walks
story|1763995000|New path over the ridge
body|<p>A marked path now crosses the ridge.</p>
EOF

ui_start 100 24
ui_reader
expect_screen "reader open" "4 unread"
ui_keys g Enter
expect_screen "all unread stories" "Footbridge repainted"
# The reader's own writes (the analysis of the rows) are done first.
check "the stories analysed" ui_gone "·" 300
ui_keys N
expect_screen "a mark saved while there is room" " 3 unread"

fill
ui_keys u
expect_screen "full: undo says why" \
    "no space left on device: not undone \(u tries again\)"
expect_screen "full: undo changed nothing" " 3 unread"
ui_keys C-l N
expect_screen "full: toggling read says why" \
    "no space left on device: the mark was not saved"
ui_keys C-l s
expect_screen "full: starring says why" \
    "no space left on device: the mark was not saved"
ui_keys C-l A
expect_screen "full: marking all read says why" \
    "no space left on device: the stories were not marked read"
expect_screen "full: nothing marked" " 3 unread"
ui_keys Enter
expect_screen "full: the story opens" "A marked path now crosses"
expect_screen "full: opening it says it was not marked read" \
    "no space left on device: the story was not marked read"
expect_screen "full: still unread" " 3 unread"
ui_keys q

room
ui_keys u
expect_screen "room again: undo works" "Undone: 1 story"
expect_screen "room again: undone" " 4 unread"
ui_keys s
ui_keys Enter
expect_screen "room again: the story opens" "A marked path now crosses"
expect_screen "room again: opening marks it read" " 3 unread"
ui_keys q
ui_quit
expect_screen "reader exits 0" "^EXIT=0"
check "nothing in the reader's log" test ! -s "$TMP/reader.err"

expect_eq "the store passes its checks" \
    "$("$top_builddir/tests/store_check" "$db" 2>&1)" ok
expect_eq "unread: what was saved, nothing else" \
    "$("$HEARSAY" -d "$db" list | sed 's/.*  //')" \
    "$(printf '%s\n' "Footbridge repainted in blue" \
    "Market moves to the square" "Ferry timetable for the winter")"
expect_eq "starred: the star saved with room" \
    "$("$HEARSAY" -d "$db" list --starred | sed 's/.*  //')" \
    "New path over the ridge"
expect_eq "every story kept" "$("$HEARSAY" -d "$db" list --all | wc -l | tr -d ' ')" 4
finish
