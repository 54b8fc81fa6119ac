#!/bin/sh
# tests/test_ui_panes.sh - the story view's Attribution and Quotes panes:
# the dateline, the sources with their cues and the quotes with their
# speakers, shown from the quote engine's analysis of the story; `"` and
# `a` fold them to one line and back, the fold state carries over to the
# next story, ASCII glyphs with LANG=C, a tiny window opens a story with
# its panes folded and holds up, and a quoted person is listed under the
# organisation their role names.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

db="$TMP/store.db"
{
	printf 'feed\thttps://port.test/feed\tPort News\tport\n'
	printf 'story\t1764000000\tNorth quay closes for dredging\nbody\t'
	printf '<p>LISBON (Harbourwire) - The port authority will close the north quay for three weeks of dredging, the Tidewater Gazette reported on Tuesday.</p>'
	printf '<p>"We expect the work to finish before the autumn storms," said Marta Quill, the authority'"'"'s chief engineer.</p>'
	printf '<p>Fishing crews will moor at the south quay meanwhile, according to the harbour council. The Tidewater Gazette said the berths were already booked, and the Gazette said prices would rise.</p>\n'
	printf 'story\t1763990000\tFerry timetable changes\nbody\t'
	printf '<p>"The early boat will leave at six from March," said Tomas Brandt, a ferry company spokesman.</p>\n'
} | ui_mkstore "$db"
# Opening a story marks it read: each run starts from a fresh copy.
cp "$db" "$TMP/fresh.db"
fresh() { rm -f "$db-wal" "$db-shm"; cp "$TMP/fresh.db" "$db"; }

ui_start 80 30
ui_reader
ui_keys Enter
expect_screen "feed opens" "North quay closes"
ui_keys Enter
expect_screen "story opens" "LISBON \(Harbourwire\) - The port"
expect_screen "attribution pane open" "^ ▾ Attribution  3 sources"
expect_screen "dateline shown" "^   Dateline +LISBON \(Harbourwire\)"
expect_screen "source with cues and counts" \
    "^   Tidewater Gazette +reported, said ×2"
expect_screen "according-to source" "^   the harbour council +according to"
expect_screen "quoted speaker as a source" "^   Marta Quill +said$"
expect_screen "quotes pane open" "^ ▾ Quotes  1"
expect_screen "speaker, role and cue" \
    "^   Marta Quill, the authority's chief engineer — said"
expect_screen "quote text indented" \
    "^     “We expect the work to finish before the autumn storms,”"
expect_screen "pane keys hinted" "a attribution +\" quotes"

# " folds the Quotes pane to its summary line and back.
ui_keys '"'
expect_screen "quotes folded" "^ ▸ Quotes  1"
expect_not_screen "quote hidden when folded" "Marta Quill, the authority"
expect_screen "attribution still open" "^   Dateline +LISBON"
ui_keys '"'
expect_screen "quotes unfolded" "^ ▾ Quotes  1"
expect_screen "quote back" "Marta Quill, the authority's"

# a folds the Attribution pane.
ui_keys a
expect_screen "attribution folded" "^ ▸ Attribution  3 sources"
expect_not_screen "sources hidden" "Dateline +LISBON"
expect_screen "quotes unaffected" "^ ▾ Quotes  1"
ui_keys '"'
expect_screen "both folded" "^ ▸ Quotes  1"

# The fold state carries over to the next story.
ui_keys n
expect_screen "next story" "Ferry timetable changes"
expect_screen "attribution still folded" "^ ▸ Attribution  1 source$"
expect_screen "quotes still folded" "^ ▸ Quotes  1"
expect_not_screen "its quote hidden" "Tomas Brandt, a ferry company spokesman —"
ui_keys '"'
expect_screen "second story's speaker" \
    "^   Tomas Brandt, a ferry company spokesman — said"
expect_screen "second story's quote" "^     “The early boat will leave at six"
ui_quit

# With an ASCII locale the fold glyphs are + and -, the times sign x.
ui_run clear
fresh
ui_reader LANG=C LC_ALL=C
ui_keys Enter
expect_screen "feed opens (C)" "North quay closes"
ui_keys Enter
expect_screen "story opens (C)" "LISBON \(Harbourwire\)"
expect_screen "ASCII open glyph" "^ - Attribution  3 sources"
expect_screen "ASCII times" "reported, said x2"
expect_screen "ASCII quote marks" "^     \"We expect the work"
ui_keys '"'
expect_screen "ASCII folded glyph" "^ \+ Quotes  1"
check "no UTF-8 on the ASCII screen" sh -c \
    "! tmux -L '$SOCK' capture-pane -p | LC_ALL=C grep -q '[^ -~]'"
ui_quit

# NO_COLOR: speakers and sources in bold, no colour at all.
ui_run clear
fresh
ui_reader NO_COLOR=1
ui_keys Enter Enter
expect_screen "story opens (NO_COLOR)" "^   Marta Quill, the authority's"
e=$(printf '\033')
expect_attr "NO_COLOR: speaker in bold" "   $e\\[1mMarta Quill$e\\[0m"
if tm capture-pane -p -e | grep -q "$e\\[[0-9;]*[34][0-7]m"; then
	not_ok "NO_COLOR: no colours"; else ok "NO_COLOR: no colours"; fi
ui_quit

# The config decides how the panes start.
mkdir -p "$TMP/config/hearsay"
printf 'pane-quotes folded\npane-attribution folded\n' \
    >"$TMP/config/hearsay/config"
ui_run clear
fresh
ui_reader
ui_keys Enter Enter
expect_screen "config: attribution starts folded" "^ ▸ Attribution  3 sources"
expect_screen "config: quotes start folded" "^ ▸ Quotes  1"
ui_quit
rm -f "$TMP/config/hearsay/config"

# Without language data the panes are one line saying so; the story still
# reads.  A copy of the binary outside the build tree finds no data (unless
# some is installed).
mkdir -p "$TMP/bin"
cp "$HEARSAY" "$TMP/bin/hearsay"
if HEARSAY_DATA_DIR="$TMP/none" "$TMP/bin/hearsay" quotes /dev/null \
    >/dev/null 2>&1; then
	echo "# language data installed: the no-data case is not tried"
else
	ui_run clear
	fresh
	HEARSAY_SAVED=$HEARSAY HEARSAY="$TMP/bin/hearsay"
	ui_reader
	HEARSAY=$HEARSAY_SAVED
	ui_keys Enter Enter
	expect_screen "no data: one line says so" \
	    "^ Quotes and attribution unavailable: no language data"
	expect_not_screen "no data: no pane headers" "Attribution  "
	ui_keys '"' a
	expect_screen "no data: the story still reads" \
	    "^ ─+$"
	expect_screen "no data: body shown" "^ LISBON \(Harbourwire\) - The port"
	ui_quit
	expect_screen "no data: clean exit" "^EXIT=0"
fi

# A 40x12 window: the story opens with its panes folded, so that its body
# shows on the first screen; unfolded, they are cut, never wrapped onto
# the next line.
ui_run clear
tm resize-window -x 40 -y 12
fresh
ui_reader
ui_keys Enter Enter
expect_screen "tiny: attribution folded to make room" "^ ▸ Attribution  3 sources"
expect_screen "tiny: quotes folded too" "^ ▸ Quotes  1"
expect_screen "tiny: the body on the first screen" "^ LISBON \(Harbourwire\) - The port"
ui_keys a '"'
expect_screen "tiny: attribution header" "^ ▾ Attribution  3 sources"
expect_screen "tiny: dateline" "^   Dateline +LISBON \(Harbourwire\)$"
ui_keys '"' '"' a a G g
expect_screen "tiny: still drawing after folds" "^ ▾ Attribution"
expect_screen "tiny: long pane lines cut, not wrapped" \
    "^   Tidewater Gaz…  reported, said ×2$"
check "tiny: the next source on the next line" sh -c \
    "tmux -L '$SOCK' capture-pane -p | grep -A1 'Tidewater Gaz' | tail -n 1 |
    grep -q '^   Marta Quill'"
ui_keys j j j j
expect_screen "tiny: quote wrapped to the window" \
    "^     “We expect the work to finish$"
expect_screen "tiny: quote's second line indented" \
    "^     before the autumn storms,”$"
ui_quit
expect_screen "tiny: clean exit" "^EXIT=0"

# Tab moves into the Quotes pane; Enter jumps to the quote in the text
# and highlights it; the quotes are marked in the text.
db="$TMP/long.db"
{
	printf 'feed\thttps://log.test/feed\tHarbour Log\tport\n'
	printf 'story\t1764000000\tDredging diary\nbody\t'
	k=1
	while [ "$k" -le 40 ]; do
		case $k in
		20) printf '<p>"The channel will be deeper than ever," said Ines Moura, a harbour pilot.</p>' ;;
		34) printf '<p>"Nobody has asked the fishermen," said Rui Salgado.</p>' ;;
		*) printf '<p>Entry %d of the diary is about the tides.</p>' "$k" ;;
		esac
		k=$((k + 1))
	done
	printf '\n'
} | ui_mkstore "$db"
ui_run clear
tm resize-window -x 80 -y 24
ui_reader
ui_keys Enter Enter
expect_screen "long story opens" "Entry 1 of the diary"
expect_screen "first quote in the pane" "^   Ines Moura, a harbour pilot — said"
expect_not_screen "second quote's text not in sight" '^ "Nobody has asked'
# The quotes are marked in the text in their speaker's colour.
ui_keys /
ui_keys -l "deeper"
ui_keys Enter
expect_screen "the first quote in the text" '^ "The channel will be deeper'
esc=$(printf '\033')
expect_attr "quote marked in its speaker's colour" \
    "\"($esc\\[[0-9;]*m)+The channel"
if tm capture-pane -p -e |
    grep -Eq "$esc\\[[0-9;]*43m($esc\\[[0-9;]*m)*The channel"; then
	not_ok "marked, not highlighted"; else ok "marked, not highlighted"; fi
ui_keys / Enter
ui_keys g Tab
expect_screen "Tab: in the Quotes pane" "Quote 1 of 2"
ui_keys j
expect_screen "j: the next quote" "Quote 2 of 2"
ui_keys Enter
expect_screen "Enter: the text scrolls to the quote" \
    '^ "Nobody has asked the fishermen," said Rui Salgado\.'
expect_not_screen "the panes scrolled away" "Attribution  "
# The quote jumped to is drawn as a match (black on yellow), the quote
# marks around it are not.
expect_attr "quote highlighted" \
    "\"($esc\\[[0-9;]*m)*$esc\\[[0-9;]*43m($esc\\[[0-9;]*m)*Nobody"
# Tab, k, Enter: to the first quote.
ui_keys Tab k Enter
expect_screen "jump to the first quote" '^ "The channel will be deeper'
expect_attr "first quote highlighted" \
    "\"($esc\\[[0-9;]*m)*$esc\\[[0-9;]*43m($esc\\[[0-9;]*m)*The channel"
# Back out of the pane with q, then q leaves the story.
ui_keys g Tab
expect_screen "Tab again: back in the pane" "Quote 1 of 2"
ui_keys q
ui_keys q
expect_screen "q, q: out of the pane, then the story" "Dredging diary"
expect_not_screen "the story closed" "Entry 1 of the diary"
ui_quit

# A source's people under their organisation: a speaker whose role names
# it ("Port Agency Director of Public Works") is listed in brackets after
# the organisation, and the organisation's own cues join theirs; "told"
# says whom to.
db="$TMP/affil.db"
{
	printf 'feed\thttps://quay.test/feed\tQuay Wire\tport\n'
	printf 'story\t1764000000\tCrane fails at the east quay\nbody\t'
	printf '<p>DOVER (Quaywire) - The big crane at the east quay failed on Monday, the Dover Courier reported.</p>'
	printf '<p>The Port Agency denied that the crane was unsafe, and Port Agency Director of Public Works Ivy Lund told the Courier that "the crane will be repaired within a week."</p>\n'
} | ui_mkstore "$db"
ui_run clear
ui_reader
ui_keys Enter Enter
expect_screen "affiliation: story opens" "DOVER \(Quaywire\)"
expect_screen "affiliation: organisation, its person and role, cues" \
    "^   Port Agency \(Ivy Lund, Director of Public Works\)  denied, told Dover Courier$"
expect_screen "affiliation: the person has no line of their own" \
    "^ ▾ Attribution  2 sources"
expect_screen "affiliation: the other source as before" \
    "^   Dover Courier +reported$"
expect_screen "affiliation: the quote keeps the full role" \
    "^   Ivy Lund, Port Agency Director of Public Works — told"
ui_quit

finish
