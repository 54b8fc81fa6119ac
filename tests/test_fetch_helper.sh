#!/bin/sh
# tests/test_fetch_helper.sh - hearsay and its fetch helper, hearsay-fetch:
# hearsay itself does not link libcurl (the helper does), the commands that
# fetch nothing never start the helper, and a helper that is missing, dies
# or speaks nonsense fails each feed with a message, never hangs or loses
# what the store holds.
. "$top_srcdir/tests/lib.sh"

HELPER="$top_builddir/src/hearsay-fetch"
URLS="$TMP/urls"
DB="$TMP/data/hearsay.db"

# -- who links libcurl -----------------------------------------------------
if command -v readelf >/dev/null 2>&1; then
	check "hearsay does not link libcurl" sh -c '! readelf -d "$0" | grep -q "NEEDED.*libcurl"' "$HEARSAY"
	check "hearsay-fetch links libcurl" sh -c 'readelf -d "$0" | grep -q "NEEDED.*libcurl"' "$HELPER"
else
	echo "# no readelf: the linking is not checked"
fi

rss "$TMP/one.xml" one 2
rss "$TMP/two.xml" two 3
printf 'file://%s/one.xml\nfile://%s/two.xml\n' "$TMP" "$TMP" >"$URLS"
refresh() { guarded 120 "$HEARSAY" -u "$URLS" -d "$DB" refresh "$@"; }

# -- a stand-in helper that leaves a mark, then does what it is told -------
MARK="$TMP/started"
cat >"$TMP/marking-helper" <<EOF
#!/bin/sh
: >"$MARK"
exec "$HELPER"
EOF
chmod +x "$TMP/marking-helper"
HEARSAY_FETCH_HELPER="$TMP/marking-helper"
export HEARSAY_FETCH_HELPER

"$HEARSAY" parse --json "$TMP/one.xml" >/dev/null
"$HEARSAY" -u "$URLS" -d "$DB" list >/dev/null 2>&1
check "parse and list start no helper" test ! -e "$MARK"

refresh >"$TMP/out" 2>"$TMP/err"; rc=$?
expect_eq "refresh through the helper exits 0" "$rc" 0
expect_eq "refresh through the helper" "$(cat "$TMP/out")" \
    "refreshed 2 feeds: 5 new stories, 0 failed (0 not modified)"
check "refresh started the helper" test -e "$MARK"
expect_eq "stories stored" "$("$HEARSAY" -u "$URLS" -d "$DB" list --all | wc -l | tr -d ' ')" 5

# -- a helper that is not there --------------------------------------------
rss "$TMP/one.xml" one 4
HEARSAY_FETCH_HELPER="$TMP/no-such-helper"
refresh >"$TMP/out" 2>"$TMP/err"; rc=$?
expect_eq "missing helper: refresh exits 1" "$rc" 1
check "missing helper: each feed says why" \
    test "$(grep -c 'cannot start .*no-such-helper' "$TMP/err")" -eq 2
expect_eq "missing helper: the store keeps its stories" \
    "$("$HEARSAY" -u "$URLS" -d "$DB" list --all | wc -l | tr -d ' ')" 5

# -- a helper that dies, one that speaks nonsense --------------------------
printf '#!/bin/sh\nexit 3\n' >"$TMP/dying-helper"
printf '#!/bin/sh\nprintf "\\000\\000\\000\\005Xjunk"\nsleep 1\n' >"$TMP/babbling-helper"
printf '#!/bin/sh\nkill -9 $$\n' >"$TMP/killed-helper"
chmod +x "$TMP/dying-helper" "$TMP/babbling-helper" "$TMP/killed-helper"
for h in dying babbling killed; do
	HEARSAY_FETCH_HELPER="$TMP/$h-helper"
	refresh >"$TMP/out" 2>"$TMP/err"; rc=$?
	expect_eq "$h helper: refresh exits 1" "$rc" 1
	check "$h helper: each feed fails with a message" \
	    test "$(grep -c 'hearsay-fetch' "$TMP/err")" -eq 2
done
check "killed helper: the signal is named" grep -q 'signal 9' "$TMP/err"

# -- and a working one again: nothing was lost, the new story comes --------
HEARSAY_FETCH_HELPER="$HELPER"
refresh >"$TMP/out" 2>"$TMP/err"; rc=$?
expect_eq "helper back: refresh exits 0" "$rc" 0
expect_eq "helper back: two more stories" \
    "$("$HEARSAY" -u "$URLS" -d "$DB" list --all | wc -l | tr -d ' ')" 7

finish
