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
