#!/bin/sh
# tests/hostile/test_kill.sh - `kill -9` during `refresh`, each time at a
# point chosen (seeded) and reached for certain: tests/stopat.so stops the
# refresh there and the kill comes only once it has.  First while a new
# store is being made (at any step, inside the schema's transaction,
# before and after its commit); then many times while a store with read
# and starred stories takes a round of a corpus whose every story changes
# (60 file:// feeds): inside a merge, before its commit, after it.  A
# merge takes the feeds parsed by then together (refresh.c), so the
# shim's log says which feeds the transactions before the point merged.
# The store proves where each kill landed: exactly the feeds merged before
# the point hold this round's stories, the others the last round's.
# After every kill the store passes PRAGMA integrity_check, its foreign
# keys and the FTS5 index check (tests/store_check), and every story
# stored before is still there with its read and starred state; the next
# refresh runs.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/hostile/common.sh"

KILLS=${HOSTILE_KILLS:-30}
SEED=${HOSTILE_SEED:-$$}
echo "# seed $SEED (HOSTILE_SEED=$SEED to repeat), $KILLS kills"
FEEDS=60
CUR="$TMP/cur"
hostile corpus "$CUR" "$FEEDS" 20 0
i=0
while [ "$i" -lt "$FEEDS" ]; do
	echo "file://$CUR/f$i.xml"; i=$((i + 1))
done >"$TMP/urls"
DB="$TMP/data/kill.db"
mkdir -p "$TMP/data"
MARK="$TMP/stopped"

# pick K LOW HIGH: a number from LOW to HIGH for kill K of this seed.
pick() {
	awk -v s="$SEED" -v k="$1" -v lo="$2" -v hi="$3" \
	    'BEGIN { srand(s * 1000 + k); print lo + int(rand() * (hi - lo + 1)) }'
}

# killed_at POINT: a refresh stopped at POINT, killed -9 once it is
# there.  0 when the kill landed there; 1, saying why, when the refresh
# never got there.
killed_at() {
	: >"$TMP/steps"
	STOPAT_LOG=$TMP/steps; export STOPAT_LOG
	stopat_bg "$1" "$MARK" - "$HEARSAY" -u "$TMP/urls" -d "$DB" refresh -q \
	    >/dev/null 2>"$TMP/refresh.err"
	if ! stopat_reached "$MARK"; then
		if kill -9 "$STOPAT_PID" 2>/dev/null; then
			echo "  hang guard: $1 not reached in 600 s, killed"
		fi
		wait "$STOPAT_PID" 2>/dev/null
		unset STOPAT_LOG
		echo "  $1: never reached (exit $?) $(head -c 300 "$TMP/refresh.err")"
		return 1
	fi
	kill -9 "$STOPAT_PID"
	wait "$STOPAT_PID" 2>/dev/null; _rc=$?
	unset STOPAT_LOG
	[ "$_rc" -eq 137 ] || { echo "  $1: exit $_rc, not killed"; return 1; }
	return 0
}

# stories: how many the store holds (0 when there is no store yet).
stories() {
	if [ -s "$DB" ]; then
		"$HEARSAY" -d "$DB" list --all 2>/dev/null | wc -l | tr -d ' '
	else
		echo 0
	fi
}

# -- kills while the store is made ------------------------------------------
# Its making is one write transaction of about 320 steps (the schema) after
# a few reads; the feeds come after.  Each kill starts from no store.
STOPAT_COUNT="BEGIN IMMEDIATE"
landed=0
bad=0
k=0
while [ "$k" -lt 6 ]; do
	rm -f "$DB" "$DB-wal" "$DB-shm" "$DB.lock"
	case $((k % 4)) in
	0) point=step:$(pick "$k" 1 330) ;;
	1) point=in:1:$(pick "$k" 2 300) ;;
	2) point=commit:1 ;;
	3) point=committed:1 ;;
	esac
	if killed_at "$point"; then
		n=$(stories)
		echo "# killed at $point: $(test -e "$DB" && echo "a store of $(wc -c <"$DB") bytes" || echo "no store file"), $n stories"
		if [ -e "$DB" ] && ! r=$("$CHECK" "$DB" 2>&1); then
			bad=$((bad + 1)); echo "  $point: $r"
		elif [ "$n" -ne 0 ]; then
			bad=$((bad + 1)); echo "  $point: $n stories already"
		else
			landed=$((landed + 1))
		fi
	fi
	k=$((k + 1))
done
STOPAT_COUNT=$STOPAT_MERGE
expect_eq "6 kills while the store is made, each before any story, store sound" \
    "$landed/$bad" "6/0"

# -- a store with history -----------------------------------------------------
"$HEARSAY" -u "$TMP/urls" -d "$DB" refresh -q; rc=$?
expect_eq "a whole refresh after the kills" "$rc" 0
expect_eq "every feed holds round 0" "$(hostile rounds "$DB" 0)" "$FEEDS"
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
# Round r rewrites every feed (each body begins "round r"; odd rounds have
# a story more per feed) and is cut by the kill at its point: inside the
# Nth merge (at its Mth step) or before its commit, the feeds of merges 1
# to N-1 hold round r; after the Nth commit, those of 1 to N.  A merge
# takes at most 8 feeds (refresh.c's REFRESH_MAX_JOBS), so 60 feeds make
# at least 8 of them.

# merged_through N: how many feeds merges 1 to N took, from the shim's
# log ("step transaction SQL": a feed merged is its STOPAT_MERGE, stepped
# twice in a row for its RETURNING row).
merged_through() {
	awk -v n="$1" -v m="$STOPAT_MERGE" '{ sql = $0
		sub(/^[0-9]+ [0-9]+ /, "", sql)
		is = $2 >= 1 && $2 <= n && index(sql, m) == 1
		if (is && !was) c++
		was = is }
	    END { print c + 0 }' "$TMP/steps"
}
landed=0
wrong=0
lost=0
broken=0
r=1
while [ "$r" -le "$KILLS" ]; do
	hostile corpus "$CUR" "$FEEDS" 20 "$r"
	case $(pick "$((r + 100))" 0 2) in
	0) n=$(pick "$((r + 200))" 2 8); last=$((n - 1))
	   point=in:$n:$(pick "$((r + 300))" 2 60) ;;
	1) n=$(pick "$((r + 200))" 2 8); point=commit:$n; last=$((n - 1)) ;;
	2) n=$(pick "$((r + 200))" 1 7); point=committed:$n; last=$n ;;
	esac
	if killed_at "$point"; then
		want=$(merged_through "$last")
		got=$(hostile rounds "$DB" "$r")
		if [ "$got" -eq "$want" ]; then
			landed=$((landed + 1))
		else
			wrong=$((wrong + 1))
			echo "  round $r, $point: $got feeds merged, not $want"
		fi
	else
		wrong=$((wrong + 1))
	fi
	if ! c=$("$CHECK" "$DB" 2>&1); then
		broken=$((broken + 1)); echo "  round $r, $point: $c"
	fi
	# Stories and their state as the command line sees them: the read
	# ones are those of --all not in the unread list.
	lists "$TMP/after"
	if [ -n "$(LC_ALL=C comm -23 "$TMP/before.all" "$TMP/after.all")" ] ||
	    [ -n "$(LC_ALL=C comm -13 "$TMP/before.unread" "$TMP/after.unread" |
	    LC_ALL=C comm -12 - "$TMP/before.all")" ] ||
	    ! cmp -s "$TMP/before.starred" "$TMP/after.starred"; then
		lost=$((lost + 1)); echo "  round $r, $point: lost stories or state"
	fi
	r=$((r + 1))
done
echo "# $landed of $KILLS kills landed where chosen, mid-refresh"
expect_eq "every kill landed mid-refresh, the store shows where" \
    "$landed/$wrong" "$KILLS/0"
expect_eq "every check passed after each kill" "$broken" 0
expect_eq "no story or read/starred state lost after any kill" "$lost" 0

# -- and afterwards everything works (an odd round, so that every feed has
# its extra story whichever rounds the kills cut short) ---------------------
r=$((KILLS + 1 + KILLS % 2))
hostile corpus "$CUR" "$FEEDS" 20 "$r"
"$HEARSAY" -u "$TMP/urls" -d "$DB" refresh >"$TMP/out" 2>"$TMP/err"; rc=$?
expect_eq "refresh after the kills exits 0" "$rc" 0
expect_eq "no complaint" "$(cat "$TMP/err")" ""
expect_eq "every feed holds the last round" "$(hostile rounds "$DB" "$r")" "$FEEDS"
expect_eq "integrity after" "$("$CHECK" "$DB" 2>&1)" ok
hostile snapshot "$DB" >"$TMP/after"
expect_eq "every story of before still there, state kept" \
    "$(LC_ALL=C comm -23 "$TMP/before" "$TMP/after" | wc -l | tr -d ' ')" 0
expect_eq "and the extra stories of the odd rounds" "$(wc -l <"$TMP/after" | tr -d ' ')" $((FEEDS * 21))
expect_eq "read count kept" "$(grep -c ' 1 [01]$' "$TMP/after")" "$read_before"
expect_eq "starred list" "$("$HEARSAY" -d "$DB" list --starred | wc -l | tr -d ' ')" "$starred_before"

finish
