#!/bin/sh
# tests/hostile/test_readonly.sh - a store hearsay may not write: a
# read-only file, a read-only folder, both; a write-ahead log left beside
# it, with and without its -shm file.  The reading commands (list in all
# its forms, the bare command in a pipe, export-opml) work as on a
# writable copy; the writing ones (refresh, analyze, import-opml) exit 2
# with one line naming the file once and saying why; the reader shows the
# stories, says once on the first mark that marks cannot be saved, and
# exits 0 with nothing in its log.  Every time the store stays byte for
# byte as it was and nothing is made beside it.  Run as nobody when we
# are root (root may write anything).
. "$top_srcdir/tests/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: no python3"; exit 77; }
. "$top_srcdir/tests/ui/tmux.sh"
# The folders made read-only must go too (as a user that is not root).
trap 'tm kill-server 2>/dev/null; chmod -R u+w "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT

if [ "$(id -u)" -eq 0 ]; then
	command -v setpriv >/dev/null 2>&1 ||
	    { echo "SKIP: root without setpriv"; exit 77; }
	chmod 755 "$TMP"
	AS_USER="setpriv --reuid=65534 --regid=65534 --clear-groups"
	own() { chown -R 65534:65534 "$@"; }
else
	AS_USER=
	own() { :; }
fi
# shellcheck disable=SC2086
as_user() { $AS_USER "$@"; }

# The store as its owner left it, with its urls file: three unread
# stories (one starred, one quoting someone) and one read.
tab=$(printf '\t')
sed "s/|/$tab/g" >"$TMP/store.spec" <<'EOF'
feed|https://river.test/feed|River Courier|local
story|1764000000|Footbridge repainted in blue
body|<p>"The colour was chosen by the children of the town," said Ines Farrow, the council's architect.</p>
story|1763990000|Market moves to the square
body|<p>The weekly market will move to the square in spring.</p>
story|1763900000|An old story read before
body|<p>Read before.</p>
read
feed|https://hill.test/atom|Hill Notes|walks
story|1763995000|New path over the ridge
body|<p>A marked path now crosses the ridge.</p>
starred
EOF
ui_mkstore "$TMP/orig.db" <"$TMP/store.spec"
printf 'https://river.test/feed local\nhttps://hill.test/atom walks\n' \
    >"$TMP/urls"
for what in "" --all --feeds --starred; do
	# shellcheck disable=SC2086
	"$HEARSAY" -d "$TMP/orig.db" list $what >"$TMP/want$what"
done
"$HEARSAY" -u "$TMP/urls" export-opml >"$TMP/want.opml"
cat >"$TMP/feeds.opml" <<'EOF'
<?xml version="1.0"?>
<opml version="2.0"><body>
<outline text="Gamma" xmlUrl="https://gamma.test/feed"/>
</body></opml>
EOF

expect_same() {
	if cmp -s "$2" "$3"; then ok "$1"; else
		not_ok "$1"; diff "$3" "$2" | head -n 10 | sed 's/^/  /'; fi
}

# once NAME FILE STRING: FILE holds STRING exactly once.
once() {
	n=$(grep -o -F -- "$3" "$2" | wc -l | tr -d ' ')
	expect_eq "$1" "$n" 1
}

# make_case NAME FILE_MODE DIR_MODE: $TMP/NAME/ holding store.db and urls,
# owned by the user, and what is to stay as it is.
make_case() {
	d="$TMP/$1"
	mkdir -p "$d"
	cp "$TMP/orig.db" "$d/store.db"
	cp "$TMP/urls" "$d/urls"
	own "$d"
	chmod "$2" "$d/store.db" "$d/urls"
	chmod "$3" "$d"
	snapshot "$1"
}

snapshot() {
	cp "$TMP/$1/store.db" "$TMP/$1.orig"
	ls -A "$TMP/$1" >"$TMP/$1.ls"
}

# untouched NAME: the store byte for byte as it was, nothing beside it.
untouched() {
	expect_same "$1: the store byte for byte as it was" "$TMP/$1/store.db" \
	    "$TMP/$1.orig"
	ls -A "$TMP/$1" >"$TMP/ls.now"
	expect_same "$1: nothing made beside it" "$TMP/ls.now" "$TMP/$1.ls"
}

# name:file-mode:folder-mode:why
for c in "file:444:755:is read-only" "folder:644:555:is in a read-only folder" \
    "both:444:555:is read-only"; do
	IFS=: read -r cs fmode dmode why <<EOF
$c
EOF
	make_case "$cs" "$fmode" "$dmode"
	db="$TMP/$cs/store.db"
	for what in "" --all --feeds --starred; do
		# shellcheck disable=SC2086
		as_user "$HEARSAY" -d "$db" list $what >"$TMP/out" 2>"$TMP/err"
		expect_eq "$cs: list $what exits 0" "$?" 0
		expect_same "$cs: list $what as on a writable copy" "$TMP/out" \
		    "$TMP/want$what"
		check "$cs: list $what says nothing" test ! -s "$TMP/err"
	done
	as_user "$HEARSAY" -d "$db" </dev/null 2>"$TMP/err" | cat >"$TMP/out"
	expect_same "$cs: the bare command in a pipe lists" "$TMP/out" "$TMP/want"
	as_user "$HEARSAY" -u "$TMP/$cs/urls" export-opml >"$TMP/out"
	expect_eq "$cs: export-opml exits 0" "$?" 0
	expect_same "$cs: export-opml as from a writable file" "$TMP/out" \
	    "$TMP/want.opml"
	for cmd in refresh analyze; do
		as_user "$HEARSAY" -u "$TMP/$cs/urls" -d "$db" $cmd \
		    >"$TMP/out" 2>"$TMP/err"
		expect_eq "$cs: $cmd exits 2" "$?" 2
		if grep -Eq "^hearsay: (analyze: )?.*store.db $why: cannot write the store$" \
		    "$TMP/err" && [ "$(wc -l <"$TMP/err")" -eq 1 ]; then
			ok "$cs: $cmd says why, in one line"
		else
			not_ok "$cs: $cmd says why, in one line"
			sed 's/^/  /' "$TMP/err"
		fi
		once "$cs: $cmd names the store once" "$TMP/err" "$db"
	done
	as_user "$HEARSAY" -u "$TMP/$cs/urls" import-opml "$TMP/feeds.opml" \
	    >"$TMP/out" 2>"$TMP/err"
	expect_eq "$cs: import-opml exits 2" "$?" 2
	check "$cs: import-opml says why" grep -Eq \
	    "^hearsay: .*/urls (is read-only|is in a read-only folder): no feed was added$" \
	    "$TMP/err"
	expect_same "$cs: the urls file as it was" "$TMP/$cs/urls" "$TMP/urls"
	untouched "$cs"
done

# A write-ahead log left by a writer that died, in a read-only folder:
# read through its -shm (what only the log holds is shown), or, without
# the -shm that cannot be made there, refused by name; untouched either way.
python3 - "$TMP/orig.db" "$TMP/wal" <<'EOF'
import os, shutil, sqlite3, sys
os.makedirs(sys.argv[2])
shutil.copy(sys.argv[1], sys.argv[2] + "/store.db")
con = sqlite3.connect(sys.argv[2] + "/store.db")
con.execute("PRAGMA journal_mode = WAL")
con.execute("UPDATE stories SET starred = 1 WHERE title LIKE 'Market%'")
con.commit()
os._exit(0)     # no close: the log stays, not checkpointed
EOF
check "the log holds the change" test -s "$TMP/wal/store.db-wal"
own "$TMP/wal"
chmod 444 "$TMP/wal/store.db" "$TMP/wal/store.db-wal" "$TMP/wal/store.db-shm"
chmod 555 "$TMP/wal"
snapshot wal
as_user "$HEARSAY" -d "$TMP/wal/store.db" list --starred >"$TMP/out" 2>"$TMP/err"
expect_eq "log and -shm: list exits 0" "$?" 0
check "log and -shm: what only the log holds is shown" \
    grep -q "Market moves to the square" "$TMP/out"
untouched wal
chmod 755 "$TMP/wal"
rm -f "$TMP/wal/store.db-shm"
chmod 555 "$TMP/wal"
snapshot wal
as_user "$HEARSAY" -d "$TMP/wal/store.db" list --starred >"$TMP/out" 2>"$TMP/err"
expect_eq "log without -shm: list exits 2" "$?" 2
check "log without -shm: says why" grep -q "write-ahead log" "$TMP/err"
once "log without -shm: names the store once" "$TMP/err" "$TMP/wal/store.db"
untouched wal

# -- the reader ---------------------------------------------------------------
# ro_reader NAME: the reader, as the user, on $TMP/NAME/store.db.
ro_reader() {
	ui_run "clear; env LANG=C.UTF-8 HOME=$TMP XDG_CONFIG_HOME=$TMP/config XDG_DATA_HOME=$TMP/data $AS_USER $HEARSAY -d $TMP/$1/store.db 2>$TMP/reader.err; echo EXIT=\$?"
	ui_wait_for "unread" || { ui_screen; echo "reader did not start"; }
}

ui_start 120 24
for c in "both:is read-only" "folder:is in a read-only folder"; do
	cs=${c%%:*}
	why=${c#*:}
	ro_reader "$cs"
	expect_screen "$cs, reader: the title says read-only" "3 unread, read-only"
	expect_screen "$cs, reader: the feeds" "River Courier"
	ui_keys g Enter
	expect_screen "$cs, reader: the stories" "Footbridge repainted"
	ui_keys N
	expect_screen "$cs, reader: the first mark says why" \
	    "Marks cannot be saved: .*store.db $why"
	ui_keys N
	expect_screen "$cs, reader: the next mark says it briefly" \
	    "Not saved: the store is read-only"
	ui_keys C-l s
	expect_screen "$cs, reader: starring too" \
	    "Not saved: the store is read-only"
	ui_keys C-l A
	expect_screen "$cs, reader: marking them all read too" \
	    "Not saved: the store is read-only"
	expect_screen "$cs, reader: nothing marked" "3 unread, read-only"
	ui_keys Enter
	expect_screen "$cs, reader: a story opens" "chosen by the children"
	expect_screen "$cs, reader: its quotes, found in memory" "Quotes +1"
	expect_not_screen "$cs, reader: opening it says nothing again" \
	    "cannot be saved|Not saved"
	expect_screen "$cs, reader: not marked read" "3 unread, read-only"
	ui_keys q u
	expect_screen "$cs, reader: nothing to undo" "Nothing to undo"
	ui_keys S
	expect_screen "$cs, reader: the Sources view says why it counts less" \
	    "read-only: stories not analysed yet are not counted"
	ui_keys q
	ui_quit
	expect_screen "$cs, reader: exits 0" "^EXIT=0"
	check "$cs, reader: nothing in its log" test ! -s "$TMP/reader.err"
	untouched "$cs"
done

# Opening a story first: that says it, once.
ro_reader both
ui_keys g Enter Enter
expect_screen "reader: opening a story first says why" \
    "Marks cannot be saved: .*store.db is read-only"
ui_keys q j Enter
expect_screen "reader: the next story opens" "A marked path now crosses"
expect_not_screen "reader: and says nothing" "cannot be saved|Not saved"
ui_quit
expect_screen "reader: exits 0 again" "^EXIT=0"
check "reader: nothing in its log again" test ! -s "$TMP/reader.err"
untouched both

finish
