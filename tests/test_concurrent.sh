#!/bin/sh
# tests/test_concurrent.sh - the store shared end to end: a reader (a loop
# of `hearsay list`) runs while `hearsay refresh` stores 100 file:// feeds,
# and a second refresh started while the first is held after its first
# feed (tests/stopat.so) is refused (exit 2) without writing anything.
# Afterwards every story is there once and the store passes its integrity
# check (tests/store_check).
. "$top_srcdir/tests/lib.sh"

CHECK="$top_builddir/tests/store_check"
DB="$TMP/data/hearsay.db"
FEEDS="$TMP/feeds"
PER_FEED=5
mkdir -p "$FEEDS"

# Two urls files: the same 100 feeds, and one feed of their own each, so
# that whatever the refused refresh would have written shows.
: >"$TMP/urls.common"
i=1
while [ "$i" -le 100 ]; do
	rss "$FEEDS/f$i.xml" "feed$i" "$PER_FEED"
	echo "file://$FEEDS/f$i.xml" >>"$TMP/urls.common"
	i=$((i + 1))
done
for side in a b; do
	rss "$FEEDS/only-$side.xml" "only-$side" "$PER_FEED"
	{ cat "$TMP/urls.common"; echo "file://$FEEDS/only-$side.xml"; } \
	    >"$TMP/urls.$side"
done
TOTAL=$((101 * PER_FEED))

# The store exists before the reader starts (a refresh of no feeds).
: >"$TMP/urls.none"
"$HEARSAY" -u "$TMP/urls.none" -d "$DB" refresh -q; rc=$?
expect_eq "empty refresh creates the store" "$rc" 0

# The reader: list everything until told to stop; note each count and
# each failure.  Each feed is merged in one transaction, so every count
# is a whole number of feeds and never goes down.
reader() {
	n=0
	while [ ! -e "$TMP/stop" ]; do
		if "$HEARSAY" -d "$DB" list --all >"$TMP/list.out" 2>"$TMP/list.err"; then
			wc -l <"$TMP/list.out" | tr -d ' ' >>"$TMP/counts"
		else
			{ echo "list exited $?"; cat "$TMP/list.err"; } >>"$TMP/reader.fail"
		fi
		n=$((n + 1))
	done
	echo "$n" >"$TMP/reads"
}
: >"$TMP/counts"
reader &
READER=$!

# The first refresh stops after its first feed is merged, holding the
# refresh lock, until the reader has listed at least once meanwhile and
# the second refresh has been refused; then it goes on.
stopat_bg committed:1 "$TMP/held" "$TMP/go" \
    "$HEARSAY" -u "$TMP/urls.a" -d "$DB" refresh >"$TMP/out.a" 2>"$TMP/err.a"
A=$STOPAT_PID
check "the first refresh holds after its first feed" stopat_reached "$TMP/held"
held=$(wc -l <"$TMP/counts")
check "the reader lists while it holds" \
    wait_until 120 sh -c 'test "$(wc -l <"$0")" -gt "$1"' "$TMP/counts" "$held"
"$HEARSAY" -u "$TMP/urls.b" -d "$DB" refresh >"$TMP/out.b" 2>"$TMP/err.b"; rc_b=$?
: >"$TMP/go"
wait "$A"; rc_a=$?
touch "$TMP/stop"
wait "$READER"

expect_eq "the held refresh succeeds" "$rc_a" 0
expect_eq "its summary" "$(cat "$TMP/out.a")" \
    "refreshed 101 feeds: $TOTAL new stories, 0 failed (0 not modified)"
expect_eq "the other is refused with exit 2" "$rc_b" 2
expect_eq "refusal message" "$(cat "$TMP/err.b")" \
    "hearsay: another hearsay refresh is running on $DB"
expect_eq "refused refresh prints no summary" "$(cat "$TMP/out.b")" ""
win=a; lose=b
"$HEARSAY" -d "$DB" list --feeds >"$TMP/feeds.out"
check "winner's own feed stored" grep -q "only-$win" "$TMP/feeds.out"
check "refused refresh stored no feed" sh -c '! grep -q "only-$0" "$1"' \
    "$lose" "$TMP/feeds.out"
expect_eq "101 feeds stored" "$(wc -l <"$TMP/feeds.out" | tr -d ' ')" 101

# The reader.
reads=$(cat "$TMP/reads")
echo "# reader: $reads listings, counts seen: $(sort -n -u "$TMP/counts" | tr '\n' ' ')"
check "reader listed at least once" test "$reads" -gt 0
check "every listing worked" test ! -e "$TMP/reader.fail"
[ -e "$TMP/reader.fail" ] && sed 's/^/  /' "$TMP/reader.fail"
check "listings saw whole feeds only" awk -v per="$PER_FEED" \
    '$1 % per != 0 { bad = 1 } END { exit bad }' "$TMP/counts"
check "listings never went back" awk \
    '$1 < last { bad = 1 } { last = $1 } END { exit bad }' "$TMP/counts"

# Every story once, and a sound file.
"$HEARSAY" -d "$DB" list --all >"$TMP/all.out"
expect_eq "every story stored" "$(wc -l <"$TMP/all.out" | tr -d ' ')" "$TOTAL"
expect_eq "no story twice" "$(sort "$TMP/all.out" | uniq -d | wc -l | tr -d ' ')" 0
expect_eq "integrity check" "$("$CHECK" "$DB" 2>&1)" ok

# Alone, the refused side runs: its own feed is new, the rest unchanged.
"$HEARSAY" -u "$TMP/urls.$lose" -d "$DB" refresh >"$TMP/out" 2>"$TMP/err"; rc=$?
expect_eq "refused side, run alone, exits 0" "$rc" 0
expect_eq "refused side adds only its own feed" "$(cat "$TMP/out")" \
    "refreshed 101 feeds: $PER_FEED new stories, 0 failed (100 not modified)"
expect_eq "integrity check after" "$("$CHECK" "$DB" 2>&1)" ok

finish
