#!/bin/sh
# tests/test_count.sh - `hearsay count` for status bars: the numbers the
# reader shows, narrowed by --feed and --tag, printed through --format; the
# front end answers it with SQLite alone and hands every other case (and
# every other command) to hearsay-core, the same process, the name kept.
. "$top_srcdir/tests/lib.sh"

CORE="$top_builddir/src/hearsay-core"
URLS="$TMP/urls"
DB="$TMP/data/hearsay/hearsay.db"

# -- what the front end loads ------------------------------------------------
if command -v readelf >/dev/null 2>&1; then
	for lib in libxml2 libncurses libtinfo libcurl libjansson; do
		check "hearsay does not load $lib" sh -c \
		    '! readelf -d "$0" | grep -q "NEEDED.*$1"' "$HEARSAY" "$lib"
	done
	check "hearsay-core links libxml2" sh -c \
	    'readelf -d "$0" | grep -q "NEEDED.*libxml2"' "$CORE"
else
	echo "# no readelf: the linking is not checked"
fi

# -- a store of three feeds --------------------------------------------------
rss "$TMP/one.xml" one 4
rss "$TMP/two.xml" two 3
rss "$TMP/three.xml" three 2
cat >"$URLS" <<EOF
file://$TMP/one.xml world "~First Feed"
file://$TMP/two.xml world tech
file://$TMP/three.xml tech "!"
EOF
guarded 120 "$HEARSAY" -u "$URLS" -d "$DB" refresh -q --no-analyze

out=$("$HEARSAY" -u "$URLS" -d "$DB" count); rc=$?
expect_eq "count exits 0" "$rc" 0
expect_eq "all unread stories, a hidden feed's too" "$out" 9
expect_eq "the reader's list agrees" \
    "$("$HEARSAY" -u "$URLS" -d "$DB" list | wc -l | tr -d ' ')" 9

# The XDG default store, as a status line would run it.
expect_eq "default store" "$("$HEARSAY" count)" "$("$HEARSAY" -d "$DB" count)"

expect_eq "--tag world" "$("$HEARSAY" -d "$DB" count --tag world)" 7
expect_eq "--tag tech" "$("$HEARSAY" -d "$DB" count --tag tech)" 5
expect_eq "--feed by URL" \
    "$("$HEARSAY" -d "$DB" count --feed "file://$TMP/two.xml")" 3
expect_eq "--feed by the urls file's title" \
    "$("$HEARSAY" -d "$DB" count --feed 'First Feed')" 4
expect_eq "--feed by the feed's own title" \
    "$("$HEARSAY" -d "$DB" count --feed three)" 2
expect_eq "--format" \
    "$("$HEARSAY" -d "$DB" count --format 'mail %u/%f/%F 100%% %x')" \
    "mail 9/3/3 100% %x"
expect_eq "--format='...'" "$("$HEARSAY" -d "$DB" count --format='[%u]')" "[9]"

# Marks change it, as the reader's would.
sqlite3_ok=0
if command -v sqlite3 >/dev/null 2>&1; then
	sqlite3_ok=1
	sqlite3 "$DB" "UPDATE stories SET read = 1 WHERE title IN ('one story 1', 'one story 2', 'two story 3')"
	expect_eq "read stories leave the count" "$("$HEARSAY" -d "$DB" count)" 6
	expect_eq "feeds with unread after marks" \
	    "$("$HEARSAY" -d "$DB" count --format '%f' --feed two)" 1
	sqlite3 "$DB" "UPDATE stories SET read = 1 WHERE title LIKE 'three story %'"
	expect_eq "a feed all read counts in %F, not %f" \
	    "$("$HEARSAY" -d "$DB" count --format '%f of %F')" "2 of 3"
else
	echo "# no sqlite3: marks not checked"
fi

# A feed that leaves the urls file leaves the count.
grep -v two.xml "$URLS" >"$URLS.new" && mv "$URLS.new" "$URLS"
guarded 120 "$HEARSAY" -u "$URLS" -d "$DB" refresh -q --no-analyze
if [ "$sqlite3_ok" = 1 ]; then want=2; else want=6; fi
expect_eq "a feed gone from the urls file is not counted" \
    "$("$HEARSAY" -d "$DB" count)" "$want"
"$HEARSAY" -d "$DB" count --feed "file://$TMP/two.xml" >"$TMP/out" 2>"$TMP/err"
expect_eq "--feed of a gone feed exits 1" "$?" 1
check "--feed of a gone feed says so" grep -q "no subscribed feed is file://" "$TMP/err"
check "... and prints no number" test ! -s "$TMP/out"

# -- mistakes, each said once ------------------------------------------------
"$HEARSAY" -d "$DB" count --tag nosuch >/dev/null 2>"$TMP/err"
expect_eq "unknown tag exits 1" "$?" 1
check "unknown tag named" grep -q "with the tag nosuch" "$TMP/err"
"$HEARSAY" -d "$DB" count extra >/dev/null 2>"$TMP/err"
expect_eq "an argument exits 2" "$?" 2
expect_eq "an argument is said once" "$(grep -c 'takes no argument' "$TMP/err")" 1
"$HEARSAY" -d "$DB" count --bogus >/dev/null 2>"$TMP/err"
expect_eq "an unknown option exits 2" "$?" 2
expect_eq "an unknown option is said once" "$(grep -c "unrecognized option" "$TMP/err")" 1
"$HEARSAY" -d "$TMP/none.db" count >/dev/null 2>"$TMP/err"
expect_eq "no store exits 2" "$?" 2
check "no store says so" grep -q "no store at $TMP/none.db" "$TMP/err"
check "no store is not created" test ! -e "$TMP/none.db"
out=$("$HEARSAY" count --help); rc=$?
expect_eq "count --help exits 0" "$rc" 0
case $out in *"--feed FEED"*) ok "count --help shows the options" ;;
*) not_ok "count --help shows the options: $out" ;; esac
case $("$HEARSAY" --help) in *"count "*) ok "--help lists count" ;;
*) not_ok "--help lists count" ;; esac

# -- which program answers ---------------------------------------------------
# A stand-in hearsay-core that leaves a mark: the quick way never starts it;
# what the quick way cannot read (no store, an empty file to fill, another
# program's database) goes to it with the arguments as they were.
MARK="$TMP/core-ran"
cat >"$TMP/marking-core" <<EOF
#!/bin/sh
printf '%s\n' "\$@" >"$MARK"
exec "$CORE" "\$@"
EOF
chmod +x "$TMP/marking-core"
HEARSAY_CORE="$TMP/marking-core" "$HEARSAY" -d "$DB" count --tag tech >/dev/null
check "count on a store starts no hearsay-core" test ! -e "$MARK"
: >"$TMP/empty.db"
out=$(HEARSAY_CORE="$TMP/marking-core" "$HEARSAY" -d "$TMP/empty.db" count); rc=$?
check "an empty file goes to hearsay-core" test -e "$MARK"
expect_eq "an empty store counts 0" "$out" 0
expect_eq "the arguments reach hearsay-core as they were" \
    "$(tr '\n' ' ' <"$MARK")" "-d $TMP/empty.db count "
rm -f "$MARK"
HEARSAY_CORE="$TMP/marking-core" "$HEARSAY" -d "$DB" list >/dev/null
check "other commands go to hearsay-core" test -e "$MARK"
HEARSAY_CORE="$TMP/nowhere" "$HEARSAY" -d "$DB" list >/dev/null 2>"$TMP/err"
expect_eq "a missing hearsay-core exits 2" "$?" 2
check "a missing hearsay-core is named" grep -q "cannot run $TMP/nowhere" "$TMP/err"

# hearsay-core runs in the front end's process, under the name users know
# (ps, pgrep -x hearsay, killall hearsay).
mkfifo "$TMP/fifo"
"$HEARSAY" parse - <"$TMP/fifo" >/dev/null 2>&1 &
pid=$!
exec 3>"$TMP/fifo"
# (The name is set once hearsay-core has started: wait for both.)
is_core() { [ "$(readlink "/proc/$pid/exe")" = "$(readlink -f "$CORE")" ] &&
	[ "$(cat "/proc/$pid/comm")" = hearsay ]; }
if wait_until 60 is_core; then
	ok "the same process runs hearsay-core, named hearsay"
else
	not_ok "the same process runs hearsay-core, named hearsay:" \
	    "$(readlink "/proc/$pid/exe") $(cat "/proc/$pid/comm")"
fi
exec 3>&-
wait "$pid"

finish
