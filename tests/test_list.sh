#!/bin/sh
# tests/test_list.sh - `hearsay list` on stores it can read and files it
# must refuse (left byte for byte as they were).
. "$top_srcdir/tests/lib.sh"

db="$TMP/store.db"

# No store: a clear message and exit 2, nothing created.
out=$("$HEARSAY" -d "$db" list 2>"$TMP/err"); rc=$?
expect_eq "missing store exits 2" "$rc" 2
check "missing store message" grep -q "no store at" "$TMP/err"
check "missing store not created" test ! -e "$db"

# An empty file is an empty store: nothing to list.
: >"$db"
out=$("$HEARSAY" -d "$db" list); rc=$?
expect_eq "empty store exits 0" "$rc" 0
expect_eq "empty store prints nothing" "$out" ""
out=$("$HEARSAY" -d "$db" list --feeds); rc=$?
expect_eq "empty store --feeds exits 0" "$rc" 0
expect_eq "empty store --feeds prints nothing" "$out" ""
out=$("$HEARSAY" -d "$db" list --starred --all); rc=$?
expect_eq "empty store --all exits 0" "$rc" 0

# Rows written straight into the store (when the sqlite3 shell is there):
# the listing's order, its filters and its escaping of network text.
if command -v sqlite3 >/dev/null 2>&1; then
	esc=$(printf '\033')
	db="$TMP/rows.db"
	: >"$db"
	"$HEARSAY" -d "$db" list
	sqlite3 "$db" <<SQL
INSERT INTO feeds (id, url, feed_title, tags, last_error)
  VALUES (1, 'https://example.org/a', 'Alpha${esc}[2J News', 'world tech', NULL),
         (2, 'https://example.org/b', NULL, NULL, 'HTTP 404${esc}]0;x');
INSERT INTO stories (feed_id, key, title, first_seen, last_seen, date, read, starred)
  VALUES (1, 'g:1', 'Old story', 0, 0, 1000000000, 0, 0),
         (1, 'g:2', 'New story', 0, 0, 1700000000, 0, 0),
         (1, 'g:3', 'Read story', 0, 0, 1600000000, 1, 1),
         (2, 'g:4', 'Other${esc}[31m feed', 0, 0, 1500000000, 0, 0);
SQL
	out=$(TZ=UTC "$HEARSAY" -d "$db" list)
	expect_eq "unread newest first" "$out" "2023-11-14 22:13  Alpha[2J News  New story
2017-07-14 02:40  https://example.org/b  Other[31m feed
2001-09-09 01:46  Alpha[2J News  Old story"
	out=$(TZ=UTC "$HEARSAY" -d "$db" list --starred)
	expect_eq "starred" "$out" "2020-09-13 12:26  Alpha[2J News  Read story"
	out=$(TZ=UTC "$HEARSAY" -d "$db" list --all | wc -l)
	expect_eq "all" "$out" 4
	out=$("$HEARSAY" -d "$db" list --feeds)
	expect_eq "feeds" "$out" "  2/3  Alpha[2J News  [world tech]
! 1/1  https://example.org/b  error: HTTP 404]0;x"
	db="$TMP/store.db"
else
	echo "# sqlite3 shell not found: listing contents not tested"
fi

# A file that is no database: exit 2, message, file unchanged.
printf '<rss version="2.0"><channel></channel></rss>\n' >"$TMP/feed.xml"
cp "$TMP/feed.xml" "$TMP/feed.orig"
"$HEARSAY" -d "$TMP/feed.xml" list >"$TMP/out" 2>"$TMP/err"; rc=$?
expect_eq "non-database exits 2" "$rc" 2
check "non-database message" grep -q "is not a hearsay store: file is not a database" "$TMP/err"
check "non-database untouched" cmp -s "$TMP/feed.xml" "$TMP/feed.orig"
check "non-database no sidecars" test ! -e "$TMP/feed.xml-wal"

# Usage errors.
"$HEARSAY" -d "$db" list --bogus >/dev/null 2>&1; rc=$?
expect_eq "bad option exits 2" "$rc" 2
"$HEARSAY" -d "$db" list extra >/dev/null 2>&1; rc=$?
expect_eq "extra argument exits 2" "$rc" 2

# The XDG default path is used without -d.
"$HEARSAY" list >/dev/null 2>"$TMP/err"; rc=$?
expect_eq "default store missing exits 2" "$rc" 2
check "default path under XDG_DATA_HOME" grep -q "$XDG_DATA_HOME/hearsay/hearsay.db" "$TMP/err"

finish
