#!/bin/sh
# tests/test_subs_cli.sh - `hearsay add URL [TAG...]` and `hearsay remove
# URL` through the real binary: the line they write or take out, every
# other byte of the urls file left as it was, duplicates and bad URLs
# refused, a read-only urls file left alone, and the store following at
# once.
. "$top_srcdir/tests/lib.sh"

URLS="$XDG_CONFIG_HOME/hearsay/urls"
DB="$TMP/store.db"
sum() { cksum <"$1" 2>/dev/null || echo missing; }

# -- into a urls file that is not there yet -------------------------------
out=$("$HEARSAY" add https://one.example/rss news "~The One" 2>"$TMP/err"); rc=$?
expect_eq "add: exit 0" "$rc" 0
expect_eq "add: says where" "$out" "added to $URLS: https://one.example/rss"
expect_eq "add: the line" "$(cat "$URLS")" \
    'https://one.example/rss news "~The One"'
"$HEARSAY" add https://two.example/feed "long reads" '!' >/dev/null
expect_eq "add: tags with spaces quoted" "$(sed -n 2p "$URLS")" \
    'https://two.example/feed "long reads" !'
check "add: the title read back" sh -c \
    '"$0" export-opml | grep -q "title=\"The One\""' "$HEARSAY"

# -- refused: a duplicate, no URL, no feed URL, controls ------------------
before=$(sum "$URLS")
"$HEARSAY" add https://one.example/rss other 2>"$TMP/err"; rc=$?
expect_eq "duplicate: exit 1" "$rc" 1
expect_eq "duplicate: said with its line" "$(cat "$TMP/err")" \
    "hearsay: https://one.example/rss is in $URLS already (line 1)"
"$HEARSAY" add ftp://old.example/rss 2>"$TMP/err"; rc=$?
expect_eq "ftp: exit 2" "$rc" 2
check "ftp: said" grep -q "not a feed URL" "$TMP/err"
"$HEARSAY" add 2>/dev/null; rc=$?
expect_eq "no URL: exit 2" "$rc" 2
"$HEARSAY" add "$(printf 'https://e.example/\033]0;pwned\007')" 2>"$TMP/err"; rc=$?
expect_eq "controls: exit 2" "$rc" 2
check "controls: never reach the terminal" sh -c \
    '! grep -q "$(printf "\033")" "$0"' "$TMP/err"
expect_eq "refusals change nothing" "$(sum "$URLS")" "$before"

# -- remove: its lines only, every other byte kept ------------------------
printf '# my feeds\r\nhttps://a.example/rss a\r\n\n  "--- LATER ---"\nhttps://b.example/rss b # mine\nhttps://a.example/rss again\nexec:do-not-run\nhttps://c.example/rss' >"$TMP/mine"
printf '# my feeds\r\n\n  "--- LATER ---"\nhttps://b.example/rss b # mine\nexec:do-not-run\nhttps://c.example/rss' >"$TMP/want"
out=$("$HEARSAY" -u "$TMP/mine" remove https://a.example/rss 2>"$TMP/err"); rc=$?
expect_eq "remove: exit 0" "$rc" 0
expect_eq "remove: says so" "$out" \
    "removed from $TMP/mine: https://a.example/rss (its starred stories stay)"
check "remove: both lines of the feed gone, the rest byte for byte" \
    cmp -s "$TMP/mine" "$TMP/want"
"$HEARSAY" -u "$TMP/mine" remove https://a.example/rss 2>"$TMP/err"; rc=$?
expect_eq "remove again: exit 1" "$rc" 1
expect_eq "remove again: said" "$(cat "$TMP/err")" \
    "hearsay: https://a.example/rss is not in $TMP/mine"
check "remove again: nothing changed" cmp -s "$TMP/mine" "$TMP/want"
"$HEARSAY" -u "$TMP/mine" add https://d.example/rss >/dev/null
expect_eq "add after a last line without newline starts a line" \
    "$(tail -n 2 "$TMP/mine")" "https://c.example/rss
https://d.example/rss"

# -- a read-only urls file is left alone (unless root) --------------------
cp "$TMP/want" "$TMP/ro"
chmod a-w "$TMP/ro"
if [ -w "$TMP/ro" ]; then
	echo "# (root writes a read-only file: that part is skipped)"
else
	"$HEARSAY" -u "$TMP/ro" add https://e.example/rss 2>"$TMP/err"; rc=$?
	expect_eq "read-only: exit 2" "$rc" 2
	check "read-only: said" grep -q "read-only" "$TMP/err"
	check "read-only: unchanged" cmp -s "$TMP/ro" "$TMP/want"
fi

# -- the store follows at once ---------------------------------------------
printf 'https://one.example/rss\n' >"$TMP/s-urls"
"$HEARSAY" -u "$TMP/s-urls" -d "$DB" refresh >/dev/null 2>&1
"$HEARSAY" -u "$TMP/s-urls" -d "$DB" add https://new.example/rss tech >/dev/null
expect_eq "added: in the store's feed list before any fetch" \
    "$("$HEARSAY" -d "$DB" -u /nonexistent list --feeds | grep new.example)" \
    "  0/0  https://new.example/rss  [tech]"
"$HEARSAY" -u "$TMP/s-urls" -d "$DB" remove https://new.example/rss >/dev/null
expect_eq "removed: out of it at once" \
    "$("$HEARSAY" -d "$DB" -u /nonexistent list --feeds | grep -c new.example)" 0
"$HEARSAY" -u "$TMP/s-urls" -d "$TMP/none.db" add https://x.example/rss >/dev/null
check "no store: none is made" test ! -e "$TMP/none.db"
finish
