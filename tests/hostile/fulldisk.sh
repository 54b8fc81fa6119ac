# tests/hostile/fulldisk.sh - the full-disk half of test_store.sh, run by
# it as `unshare -rm sh fulldisk.sh tmpfs` (a tmpfs with 16 MiB to spare of our own
# in a private mount namespace) or, where that is not allowed,
# `sh fulldisk.sh shim` (tests/hostile/enospc.so makes writes fail with
# ENOSPC).  Expects HEARSAY, CHECK, HOSTILE_PY, TMP, SHIM in the
# environment and a store with history at $TMP/full.src/ (db, urls); prints
# "KEY VALUE" lines for the caller to check.
set -u
mode=$1
SRC="$TMP/full.src"
DIR="$TMP/full"
mkdir -p "$DIR"

# fill ROOM_KB: leave about ROOM_KB kilobytes free on the tmpfs.
fill() {
	rm -f "$DIR/filler"
	avail=$(df -k "$DIR" | awk 'NR == 2 { print $4 }')
	dd if=/dev/zero of="$DIR/filler" bs=1024 count=$((avail - $1)) \
	    2>/dev/null
	# Whatever dd left, a byte at a time would take long: good enough.
}

# run ROOM_KB ARGS...: hearsay on the full disk, ROOM_KB left for it.
run() {
	room=$1; shift
	if [ "$mode" = tmpfs ]; then
		fill "$room"
		"$HEARSAY" "$@"
	else
		HOSTILE_ENOSPC_AFTER=$((room * 1024)) LD_PRELOAD="$SHIM" \
		    ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" \
		    "$HEARSAY" "$@"
	fi
}

if [ "$mode" = tmpfs ]; then
	size=$(du -sk "$SRC" | cut -f1)
	mount -t tmpfs -o size=$((size + 16384))k hostile-full "$DIR" ||
	    { echo "mount failed"; exit 77; }
fi
cp "$SRC/db" "$DIR/db"
cp "$DIR/db" "$TMP/full.before"

# 1. No room at all: refused before anything is written.
run 0 -u "$SRC/urls" -d "$DIR/db" refresh >"$TMP/full1.out" 2>"$TMP/full1.err"
echo "none_rc $?"
cmp -s "$DIR/db" "$TMP/full.before" && echo "none_same yes" || echo "none_same no"
run 0 -d "$DIR/db" list --all >"$TMP/full1.list" 2>"$TMP/full1.list.err"
echo "none_list_rc $?"

# 2. Room for a little: the disk fills in the middle of the refresh.
run 200 -u "$SRC/urls" -d "$DIR/db" refresh >"$TMP/full2.out" 2>"$TMP/full2.err"
echo "mid_rc $?"
rm -f "$DIR/filler"
echo "mid_check $("$CHECK" "$DIR/db" 2>&1)"
python3 "$HOSTILE_PY" snapshot "$DIR/db" >"$TMP/full2.snap"

# 3. Room again: the refresh completes.
"$HEARSAY" -u "$SRC/urls" -d "$DIR/db" refresh -q >"$TMP/full3.out" 2>"$TMP/full3.err"
echo "after_rc $?"
echo "after_check $("$CHECK" "$DIR/db" 2>&1)"
python3 "$HOSTILE_PY" snapshot "$DIR/db" >"$TMP/full3.snap"
exit 0
