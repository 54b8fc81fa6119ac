#!/bin/sh
# tests/hostile/test_refresh_exit.sh - `refresh` exits 2 on every store
# error, as hearsay(1) says, and 1 only when feeds failed and the store
# did not: feeds that all fail to fetch on a full disk (their failures
# cannot be recorded), a store whose write lock another program holds
# past the busy timeout, feeds new to a store that fails before any
# transfer, another refresh holding the refresh lock.  Each time one line
# says why, and the store keeps every story.
. "$top_srcdir/tests/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: no python3"; exit 77; }
SHIM="$top_builddir/tests/hostile/enospc.so"
CHECK="$top_builddir/tests/store_check"
[ -f "$SHIM" ] || { echo "SKIP: no $SHIM"; exit 77; }
HOLDER=

cleanup() {
	[ -n "$HOLDER" ] && kill "$HOLDER" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT

# Three feeds of our own, refreshed into a store.
i=0
while [ "$i" -lt 3 ]; do
	cat >"$TMP/f$i.xml" <<EOF
<rss version="2.0"><channel><title>Feed $i</title>
<item><title>Story $i</title><guid>s$i</guid><description>Text $i.</description></item>
</channel></rss>
EOF
	echo "file://$TMP/f$i.xml"
	i=$((i + 1))
done >"$TMP/urls"
db="$TMP/store.db"
"$HEARSAY" -u "$TMP/urls" -d "$db" refresh -q
expect_eq "a store to start with" "$("$HEARSAY" -d "$db" list --all | wc -l | tr -d ' ')" 3
# Feeds that fail (files that are no feed), and feeds the store does not
# know yet.
for i in 0 1 2; do
	echo "just text $i" >"$TMP/bad$i.xml"
	echo "file://$TMP/bad$i.xml"
done >"$TMP/urls.bad"
for i in 0 1 2; do echo "file://$TMP/f$i.xml?new"; done >"$TMP/urls.new"

# one_line NAME FILE REGEX: FILE is one line, matching REGEX.
one_line() {
	if [ "$(wc -l <"$2")" -eq 1 ] && grep -Eq -- "$3" "$2"; then ok "$1"; else
		not_ok "$1"; sed 's/^/  /' "$2"; fi
}

# Every story in the store (the refreshes of other urls files take the
# three feeds out of the lists, not out of the store).
stories_in() {
	python3 -c 'import sqlite3, sys
print(sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True).execute(
    "SELECT count(*) FROM stories").fetchone()[0])' "$1"
}

kept() {
	expect_eq "$1: the store passes its checks" "$("$CHECK" "$db" 2>&1)" ok
	expect_eq "$1: every story kept" "$(stories_in "$db")" 3
}

# The failures alone, the store fine: exit 1, each feed listed.
"$HEARSAY" -u "$TMP/urls.bad" -d "$db" refresh -q >"$TMP/out" 2>"$TMP/err"
expect_eq "failed feeds, store fine: exit 1" "$?" 1
expect_eq "failed feeds, store fine: each listed" "$(wc -l <"$TMP/err" | tr -d ' ')" 3

# Failing otherwise now (the files are gone), on a full disk: the new
# failures cannot be recorded.  (A record that changes nothing writes
# nothing, so it must differ from the last.)  The smallest room that lets
# the store open (it writes nothing to open but a few bytes of the
# shared-memory index) is found by trying; then the first record fails.
rm -f "$TMP"/bad?.xml
cp "$db" "$TMP/before.db"
found=
for room in 0 128 1024 8192 32768; do
	rm -f "$db-wal" "$db-shm"
	cp "$TMP/before.db" "$db"
	HOSTILE_ENOSPC_AFTER=$room LD_PRELOAD="$SHIM" \
	    ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" \
	    "$HEARSAY" -u "$TMP/urls.bad" -d "$db" refresh -q \
	    >"$TMP/out" 2>"$TMP/err"
	rc=$?
	grep -q "cannot read" "$TMP/err" && continue
	found=$room
	break
done
echo "# room that lets the store open: ${found:-none}"
check "full disk: some room lets the store open" test -n "$found"
expect_eq "full disk, failed feeds: exit 2" "$rc" 2
one_line "full disk, failed feeds: one line says why" "$TMP/err" \
    "^hearsay: refresh stopped: store: .*no space left on device$"
kept "full disk"

# A program holding the store's write lock past the busy timeout.
python3 - "$db" "$TMP/locked" "$TMP/release" <<'EOF' &
import os, sqlite3, sys, time
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("BEGIN IMMEDIATE")
open(sys.argv[2], "w").close()
for _ in range(6000):       # ten minutes at most
    if os.path.exists(sys.argv[3]):
        break
    time.sleep(0.1)
con.execute("ROLLBACK")
EOF
HOLDER=$!
check "the write lock is held" wait_until 60 test -e "$TMP/locked"
for list in urls urls.new; do
	"$HEARSAY" -u "$TMP/$list" -d "$db" refresh -q >"$TMP/out" 2>"$TMP/err"
	expect_eq "busy store, $list: exit 2" "$?" 2
	one_line "busy store, $list: one line says why" "$TMP/err" \
	    "^hearsay: refresh stopped: store: .*the store is busy"
done
touch "$TMP/release"
wait "$HOLDER"
HOLDER=
kept "busy store"

# Another refresh holding the refresh lock (flock on STORE.lock).
if command -v flock >/dev/null 2>&1; then
	rm -f "$TMP/locked" "$TMP/release"
	flock "$db.lock" sh -c 'touch "$0"; n=0; while [ ! -e "$1" ] &&
	    [ "$n" -lt 6000 ]; do sleep 0.1; n=$((n + 1)); done' \
	    "$TMP/locked" "$TMP/release" &
	HOLDER=$!
	check "the refresh lock is held" wait_until 60 test -e "$TMP/locked"
	"$HEARSAY" -u "$TMP/urls" -d "$db" refresh -q >"$TMP/out" 2>"$TMP/err"
	expect_eq "refresh lock held: exit 2" "$?" 2
	once=$(grep -o -F "$db" "$TMP/err" | wc -l | tr -d ' ')
	one_line "refresh lock held: one line says why" "$TMP/err" \
	    "^hearsay: another hearsay refresh is running on .*store.db$"
	expect_eq "refresh lock held: the store named once" "$once" 1
	touch "$TMP/release"
	wait "$HOLDER"
	HOLDER=
	kept "refresh lock"
else
	echo "# skip: no flock(1) for the refresh lock case"
fi

finish
