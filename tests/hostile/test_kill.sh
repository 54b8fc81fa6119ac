#!/bin/sh
# tests/hostile/test_kill.sh - `kill -9` at random moments during `refresh`:
# first while a new store is being made, then many times while a store
# with read and starred stories takes a corpus whose every story changes
# each round (two versions of 60 file:// feeds, swapped).  After every
# kill the store passes PRAGMA integrity_check, its foreign keys and the
# FTS5 index check (tests/store_check), and every story stored before is
# still there with its read and starred state; the next refresh runs.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/hostile/common.sh"

KILLS=${HOSTILE_KILLS:-30}
SEED=${HOSTILE_SEED:-$$}
echo "# seed $SEED (HOSTILE_SEED=$SEED to repeat), $KILLS kills"
FEEDS=60
hostile corpus "$TMP/a" "$FEEDS" 20 0
hostile corpus "$TMP/b" "$FEEDS" 20 1
ln -s a "$TMP/cur"
i=0
while [ "$i" -lt "$FEEDS" ]; do
	echo "file://$TMP/cur/f$i.xml"; i=$((i + 1))
done >"$TMP/urls"
DB="$TMP/data/kill.db"
mkdir -p "$TMP/data"

# delay N: a random delay in seconds for kill N, below $1 s.
delay() {
	awk -v s="$SEED" -v n="$1" -v max="$2" \
	    'BEGIN { srand(s + n); printf "%.3f\n", rand() * max }'
}

# killed_refresh N MAX: start a refresh, kill -9 it after delay(N, MAX).
killed_refresh() {
	"$HEARSAY" -u "$TMP/urls" -d "$DB" refresh -q >/dev/null 2>"$TMP/refresh.err" &
	pid=$!
	sleep "$(delay "$1" "$2")"
	kill -9 "$pid" 2>/dev/null && killed=$((killed + 1))
	wait "$pid" 2>/dev/null
}

# -- kills while the store is made ----------------------------------------
killed=0
bad=0
k=0
while [ "$k" -lt 6 ]; do
	killed_refresh "$k" 0.4
	if [ -e "$DB" ]; then
		r=$("$CHECK" "$DB" 2>&1) || { bad=$((bad + 1)); echo "  $r"; }
	fi
	k=$((k + 1))
done
expect_eq "store made under kills passes its checks" "$bad" 0

# -- a store with history ---------------------------------------------------
"$HEARSAY" -u "$TMP/urls" -d "$DB" refresh -q; rc=$?
expect_eq "a whole refresh after the kills" "$rc" 0
# How long a refresh of the other corpus takes here, uninterrupted: the
# kills come at random moments within it.
ln -sfn b "$TMP/cur"
start=$(now_ms)
"$HEARSAY" -u "$TMP/urls" -d "$DB" refresh -q
took=$(( $(now_ms) - start ))
MAX_DELAY=${HOSTILE_MAX_DELAY:-$(awk -v t="$took" 'BEGIN { d = t * 0.8 / 1000; printf "%.3f\n", d < 0.05 ? 0.05 : d }')}
echo "# a whole refresh of the swapped corpus: $took ms; kills within $MAX_DELAY s"
hostile mark "$DB"
hostile snapshot "$DB" >"$TMP/before"
# lists PREFIX: PREFIX.all, .unread, .starred (sorted) from the CLI.
lists() {
	"$HEARSAY" -d "$DB" list --all | LC_ALL=C sort >"$1.all"
	"$HEARSAY" -d "$DB" list | LC_ALL=C sort >"$1.unread"
	"$HEARSAY" -d "$DB" list --starred | LC_ALL=C sort >"$1.starred"
}
lists "$TMP/before"
read_before=$(grep -c ' 1 [01]$' "$TMP/before")
starred_before=$(grep -c ' 1$' "$TMP/before")
echo "# $(wc -l <"$TMP/before") stories, $read_before read, $starred_before starred"
check "some stories read and starred" test "$read_before" -gt 0 -a "$starred_before" -gt 0

# -- the kills ---------------------------------------------------------------
# Each round swaps the corpus (every body changes, b has a story more per
# feed), so every refresh writes; the kill comes anywhere in its first
# MAX_DELAY s (eight tenths of what a whole one took above).
lost=0
broken=0
k=0
killed=0
while [ "$k" -lt "$KILLS" ]; do
	if [ $((k % 2)) -eq 0 ]; then ln -sfn a "$TMP/cur"; else ln -sfn b "$TMP/cur"; fi
	killed_refresh "$((k + 100))" "$MAX_DELAY"
	if ! r=$("$CHECK" "$DB" 2>&1); then
		broken=$((broken + 1)); echo "  kill $k: $r"
	fi
	# Stories and their state as the command line sees them: the read
	# ones are those of --all not in the unread list.
	lists "$TMP/after"
	if [ -n "$(LC_ALL=C comm -23 "$TMP/before.all" "$TMP/after.all")" ] ||
	    [ -n "$(LC_ALL=C comm -13 "$TMP/before.unread" "$TMP/after.unread" |
	    LC_ALL=C comm -12 - "$TMP/before.all")" ] ||
	    ! cmp -s "$TMP/before.starred" "$TMP/after.starred"; then
		lost=$((lost + 1)); echo "  kill $k lost stories or state"
	fi
	k=$((k + 1))
done
echo "# $killed of $KILLS refreshes killed mid-way"
check "a third or more of the refreshes killed mid-way" test "$killed" -ge $((KILLS / 3))
expect_eq "every check passed after each kill" "$broken" 0
expect_eq "no story or read/starred state lost after any kill" "$lost" 0

# -- and afterwards everything works (on b, so that every feed has its
# extra story whichever round the kills cut short) ------------------------
ln -sfn b "$TMP/cur"
"$HEARSAY" -u "$TMP/urls" -d "$DB" refresh >"$TMP/out" 2>"$TMP/err"; rc=$?
expect_eq "refresh after the kills exits 0" "$rc" 0
expect_eq "no complaint" "$(cat "$TMP/err")" ""
expect_eq "integrity after" "$("$CHECK" "$DB" 2>&1)" ok
hostile snapshot "$DB" >"$TMP/after"
expect_eq "every story of before still there, state kept" \
    "$(LC_ALL=C comm -23 "$TMP/before" "$TMP/after" | wc -l | tr -d ' ')" 0
expect_eq "and the extra stories of b" "$(wc -l <"$TMP/after" | tr -d ' ')" $((FEEDS * 21))
expect_eq "read count kept" "$(grep -c ' 1 [01]$' "$TMP/after")" "$read_before"
expect_eq "starred list" "$("$HEARSAY" -d "$DB" list --starred | wc -l | tr -d ' ')" "$starred_before"

finish
