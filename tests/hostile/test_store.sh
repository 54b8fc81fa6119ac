#!/bin/sh
# tests/hostile/test_store.sh - the store survives: a full disk (a small
# tmpfs in a private mount namespace, else an ENOSPC shim), a file that is
# no SQLite database, a corrupt one, another program's database, a store
# from a newer hearsay and a directory at the store path, through every
# command-line path (refresh, list, list --feeds, the bare command in a
# pipe, the reader): exit 2, a clear message, the file byte for byte as it
# was; a read-only store is read, refused only to refresh (the rest of it
# is test_readonly.sh's).  Then the reader open while a cron-style refresh,
# held mid-way, has its store: a second refresh and the reader's own are
# refused meanwhile, and nothing is lost.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/hostile/common.sh"
. "$top_srcdir/tests/ui/tmux.sh"
SHIM="$top_builddir/tests/hostile/enospc.so"

# A store with history: 30 feeds of 10 stories, some read and starred.
hostile corpus "$TMP/corpus" 30 10 0
mkdir -p "$TMP/full.src"
i=0
while [ "$i" -lt 30 ]; do echo "file://$TMP/corpus/f$i.xml"; i=$((i + 1)); done \
    >"$TMP/full.src/urls"
"$HEARSAY" -u "$TMP/full.src/urls" -d "$TMP/full.src/db" refresh -q
hostile mark "$TMP/full.src/db"
hostile snapshot "$TMP/full.src/db" >"$TMP/full.snap0"
# The next round has a story more per feed and new bodies for all.
hostile corpus "$TMP/corpus" 30 10 1

# -- a full disk ------------------------------------------------------------
export HEARSAY CHECK HOSTILE_PY TMP SHIM
if [ "${HOSTILE_FULLDISK:-}" != shim ] &&
    unshare -rm sh -c "mkdir -p '$TMP/probe' && mount -t tmpfs -o size=64k p '$TMP/probe'" \
    2>/dev/null; then
	mode=tmpfs
	unshare -rm sh "$top_srcdir/tests/hostile/fulldisk.sh" tmpfs >"$TMP/full.res" 2>&1
else
	mode=shim
	sh "$top_srcdir/tests/hostile/fulldisk.sh" shim >"$TMP/full.res" 2>&1
fi
echo "# full disk simulated with: $mode"
sed "s/^/# /" "$TMP/full.res" "$TMP/full1.err" "$TMP/full2.err" "$TMP/full3.err"
res() { sed -n "s/^$1 //p" "$TMP/full.res"; }
expect_eq "no room: refresh exits 2" "$(res none_rc)" 2
check "no room: says so" grep -q "no space left on device" "$TMP/full1.err"
expect_eq "no room: the store file unchanged" "$(res none_same)" yes
expect_eq "no room: nothing on stdout" "$(cat "$TMP/full1.out")" ""
expect_eq "filling up: refresh exits 2" "$(res mid_rc)" 2
check "filling up: one clear message" sh -c \
    'test "$(wc -l <"$0")" -eq 1 && grep -q "^hearsay: refresh stopped: .*no space left on device" "$0"' \
    "$TMP/full2.err"
expect_eq "filling up: the store passes its checks" "$(res mid_check)" ok
expect_eq "filling up: no story or state lost" \
    "$(LC_ALL=C comm -23 "$TMP/full.snap0" "$TMP/full2.snap" | head -n 3)" ""
expect_eq "room again: refresh exits 0" "$(res after_rc)" 0
expect_eq "room again: checks pass" "$(res after_check)" ok
expect_eq "room again: every story, state kept" \
    "$(LC_ALL=C comm -23 "$TMP/full.snap0" "$TMP/full3.snap" | head -n 3)" ""
expect_eq "room again: the new round stored" "$(wc -l <"$TMP/full3.snap" | tr -d ' ')" 330

# -- files that are no store --------------------------------------------------
BAD="$TMP/bad"
mkdir -p "$BAD"
printf 'just some text, not a database\n' >"$BAD/text.db"
python3 - "$BAD" "$TMP/full.src/db" <<'EOF'
import shutil, sqlite3, sys
bad, good = sys.argv[1], sys.argv[2]
con = sqlite3.connect(bad + "/other.db")
con.execute("CREATE TABLE accounts (name TEXT, balance INTEGER)")
con.commit(); con.close()
shutil.copy(good, bad + "/newer.db")
con = sqlite3.connect(bad + "/newer.db")
con.execute("PRAGMA user_version = 99")
con.commit(); con.close()
data = bytearray(open(good, "rb").read())
for i in range(100, 4096):          # the schema page, shredded
    data[i] = 0xA5
open(bad + "/corrupt.db", "wb").write(data)
EOF
mkdir "$BAD/dir.db"
# name MESSAGE
cat >"$TMP/bad.cases" <<'EOF'
text	is not a hearsay store: file is not a database
other	is not a hearsay store: it holds another program's tables
newer	was written by a newer hearsay \(schema 99
corrupt	is not a hearsay store
dir	is not a hearsay store: not a regular file
EOF
while IFS='	' read -r name msg; do
	f="$BAD/$name.db"
	[ -f "$f" ] && cp "$f" "$TMP/orig"
	for cmd in refresh list "list --feeds" "(bare)"; do
		args=$cmd
		[ "$cmd" = "(bare)" ] && args=
		# shellcheck disable=SC2086
		"$HEARSAY" -u "$TMP/full.src/urls" -d "$f" $args </dev/null \
		    >"$TMP/out" 2>"$TMP/err"
		rc=$?
		expect_eq "$name store, $cmd: exit 2" "$rc" 2
		if grep -Eq "^hearsay: .*$msg" "$TMP/err"; then
			ok "$name store, $cmd: clear message"
		else
			not_ok "$name store, $cmd: clear message"; sed 's/^/  /' "$TMP/err"
		fi
		expect_eq "$name store, $cmd: nothing on stdout" "$(cat "$TMP/out")" ""
	done
	if [ -f "$f" ]; then
		expect_same_file "$name store: byte for byte as it was" "$f" "$TMP/orig"
	fi
	check "$name store: no journal left beside it" \
	    test ! -s "$f-wal" -a ! -e "$f-journal"
done <"$TMP/bad.cases"

# The read-only store (as nobody when we are root: root writes anyway).
RO="$TMP/ro"
mkdir -p "$RO"
cp "$TMP/full.src/db" "$RO/store.db"
cp "$RO/store.db" "$TMP/orig"
chmod 444 "$RO/store.db"
chmod 555 "$RO"
as_user() { "$@"; }
if [ "$(id -u)" -eq 0 ]; then
	if command -v setpriv >/dev/null 2>&1; then
		chmod 755 "$TMP"
		as_user() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
	else
		as_user() { echo "skip"; return 77; }
	fi
fi
for cmd in refresh list "list --feeds" "(bare)"; do
	args=$cmd
	[ "$cmd" = "(bare)" ] && args=
	# shellcheck disable=SC2086
	as_user "$HEARSAY" -u "$TMP/full.src/urls" -d "$RO/store.db" $args \
	    </dev/null >"$TMP/out" 2>"$TMP/err"
	rc=$?
	[ "$rc" -eq 77 ] && { echo "# skip: read-only as root without setpriv"; break; }
	if [ "$cmd" = refresh ]; then
		expect_eq "read-only store, $cmd: exit 2" "$rc" 2
		check "read-only store, $cmd: clear message" grep -q "is read-only" "$TMP/err"
	else
		expect_eq "read-only store, $cmd: read, exit 0" "$rc" 0
	fi
done
expect_same_file "read-only store: byte for byte as it was" "$RO/store.db" "$TMP/orig"
chmod 755 "$RO"

# The reader on each of them: the message, exit 2, the terminal given back.
ui_start 250 20
for name in text other newer corrupt dir; do
	ui_run "clear; $HEARSAY -d $BAD/$name.db 2>&1; echo EXIT=\$?"
	expect_screen "reader on the $name store: exit 2" "^EXIT=2"
	expect_screen "reader on the $name store: message" "is not a hearsay store|newer hearsay"
done
tm kill-server 2>/dev/null

# -- the reader, a cron refresh and a second refresh at once ----------------
# cron's refresh is held after its first feed (tests/stopat.so), with the
# refresh lock: meanwhile a second refresh and the reader's own (R) are
# refused, and the reader keeps answering; then cron's goes on.
ROOT="$TMP/root"
mkdir -p "$ROOT"
cp "$TMP/corpus"/f*.xml "$ROOT/"
server_start "$ROOT"
db="$TMP/data/shared.db"
mkdir -p "$TMP/data"
cp "$TMP/full.src/db" "$db"
i=0
while [ "$i" -lt 30 ]; do echo "$S/f$i.xml"; i=$((i + 1)); done >"$TMP/urls.http"
before=$(hostile snapshot "$db" | wc -l | tr -d ' ')
ui_start 100 30
# The reader on the feeds the store has; cron's refresh, of other feeds,
# takes them out of its lists (the urls file is the truth), not out of
# the store nor out of the open reader's views.
READER_ARGS="-u $TMP/full.src/urls" ui_reader
expect_screen "reader open" "corpus"
stopat_bg committed:1 "$TMP/held" "$TMP/go" \
    "$HEARSAY" -u "$TMP/urls.http" -d "$db" refresh >"$TMP/cron.out" 2>"$TMP/cron.err"
CRON=$STOPAT_PID
check "cron's refresh holds after its first feed" stopat_reached "$TMP/held"
"$HEARSAY" -u "$TMP/urls.http" -d "$db" refresh >"$TMP/second.out" 2>"$TMP/second.err"
expect_eq "a second refresh meanwhile: exit 2" "$?" 2
check "the refusal says why" grep -q "another hearsay refresh is running" "$TMP/second.err"
# The reader: into a feed, a story, back, and its own refresh (R).
ui_keys Enter
expect_screen "reader: stories while refreshing" "feed [0-9]+ story"
ui_keys Enter
expect_screen "reader: a story while refreshing" "harbour|council|weather|ferry|budget"
ui_keys q q R
expect_screen "reader: its own refresh refused meanwhile" \
    "Refresh: another hearsay refresh is running"
: >"$TMP/go"
wait "$CRON"; rc_cron=$?
echo "# cron refresh: $rc_cron $(cat "$TMP/cron.err")"
expect_eq "cron's refresh goes on and finishes: exit 0" "$rc_cron" 0
ui_keys C-l j Enter
expect_screen "reader still answers: a feed's stories" "feed [0-9]+ story"
ui_keys q
ui_quit
expect_screen "reader exits 0" "^EXIT=0"
check "reader stderr empty" test ! -s "$TMP/reader.err"
expect_eq "integrity afterwards" "$("$CHECK" "$db" 2>&1)" ok
after=$(hostile snapshot "$db" | wc -l | tr -d ' ')
expect_eq "every story stored once, the new feeds added" "$after" $((before + 330))
hostile snapshot "$db" >"$TMP/shared.snap"
cut -d' ' -f1,2 "$TMP/shared.snap" >"$TMP/shared.keys"
# (The reader read a story: only read and starred marks must all be kept.)
expect_eq "no story lost" "$(cut -d' ' -f1,2 "$TMP/full.snap0" |
    LC_ALL=C comm -23 - "$TMP/shared.keys" | head -n 3)" ""
expect_eq "no read or starred mark lost" "$(grep -E ' 1 [01]$| [01] 1$' \
    "$TMP/full.snap0" | LC_ALL=C comm -23 - "$TMP/shared.snap" | head -n 3)" ""

finish
