#!/bin/sh
# test_import_newsboat.sh - hearsay import-newsboat against the real
# newsboat: newsboat builds its own cache.db from feeds of our own writing
# on the loopback server (newsboat -x reload); stories are marked read,
# flagged and deleted the way newsboat stores them (its cache's rss_item
# columns unread, flags and deleted, set with sqlite3 after newsboat wrote
# the cache: newsboat's -x commands cannot mark); then the import, and
# every story's state checked in hearsay's store.  Also: a story newsboat
# kept that the feed no longer serves, stories hearsay had already (by
# guid and by link) not doubled, hearsay's own marks kept, a second
# import and a refresh that change nothing, newsboat's files never
# written, and a running newsboat's lock said.  SKIP (77) without
# newsboat.
. "$top_srcdir/tests/lib.sh"

need newsboat sqlite3 python3

NB="$TMP/newsboat"
WWW="$TMP/www"
DB="$XDG_DATA_HOME/hearsay/hearsay.db"
mkdir -p "$NB" "$WWW"

# alpha: RSS with guids (absolute: tag: URIs), and items without a guid
# (newsboat makes one of the link and the date as written).
alpha() {
	{
		printf '<?xml version="1.0" encoding="utf-8"?>\n'
		printf '<rss version="2.0"><channel><title>Alpha Weekly</title>\n'
		printf '<link>http://alpha.example/</link>\n'
		for k in "$@"; do
			printf '<item><title>Alpha story %s</title>' "$k"
			printf '<link>http://alpha.example/%s</link>' "$k"
			case $k in
			n*) ;;
			*) printf '<guid isPermaLink="false">tag:alpha.example,2026:%s</guid>' "$k" ;;
			esac
			printf '<description>Body of alpha %s.</description>' "$k"
			printf '<pubDate>Mon, 02 Nov 2026 10:%02d:00 GMT</pubDate></item>\n' "${#k}"
		done
		printf '</channel></rss>\n'
	} >"$WWW/alpha.xml"
}
# beta: Atom whose ids are the links (as many real feeds have them).
beta() {
	{
		printf '<?xml version="1.0" encoding="utf-8"?>\n'
		printf '<feed xmlns="http://www.w3.org/2005/Atom"><title>Beta Notes</title>\n'
		printf '<id>http://beta.example/</id><updated>2026-11-02T10:00:00Z</updated>\n'
		for k in "$@"; do
			printf '<entry><title>Beta note %s</title>' "$k"
			printf '<id>http://beta.example/%s</id>' "$k"
			printf '<link href="http://beta.example/%s"/>' "$k"
			printf '<updated>2026-11-0%sT10:00:00Z</updated>' "$k"
			printf '<content type="html">&lt;p&gt;Note %s&lt;/p&gt;</content></entry>\n' "$k"
		done
		printf '</feed>\n'
	} >"$WWW/beta.xml"
}

server_start "$WWW"
alpha 1 2 3 n4 n5 old
beta 1 2 3 4
printf '%s/alpha.xml news "~Alpha"\n%s/beta.xml notes\n' "$S" "$S" >"$NB/urls"
: >"$NB/config"
echo 'bind-key J next-unread' >>"$NB/config"

# nb_reload: newsboat fetches the feeds of its urls file into its cache
# (its own HOME: it writes history files there).
mkdir -p "$TMP/nbhome"
nb_reload() {
	HOME="$TMP/nbhome" guarded 300 newsboat -C "$NB/config" -u "$NB/urls" \
	    -c "$NB/cache.db" -x reload >"$TMP/nb.out" 2>&1 || cat "$TMP/nb.out"
}
nb_reload
check "newsboat built its cache" test -s "$NB/cache.db"
expect_eq "newsboat stored every story" \
    "$(sqlite3 "$NB/cache.db" 'SELECT count(*) FROM rss_item')" 10

# The feed stops serving "old"; newsboat keeps it (as it does, up to
# max-items), so only newsboat has it now.
alpha 1 2 3 n4 n5
nb_reload
expect_eq "newsboat kept the story the feed dropped" \
    "$(sqlite3 "$NB/cache.db" "SELECT count(*) FROM rss_item WHERE url LIKE '%/old'")" 1

# hearsay has some of the stories already: it refreshed alpha and beta
# once (by guid: alpha 1-3, beta's; by link: alpha n4, n5) from a copy of
# the urls file, and the user marked alpha 2 read there.
mkdir -p "$XDG_CONFIG_HOME/hearsay"
cp "$NB/urls" "$XDG_CONFIG_HOME/hearsay/urls"
guarded 300 "$HEARSAY" refresh -q >/dev/null 2>&1
expect_eq "hearsay's own refresh stored the served stories" \
    "$(sqlite3 "$DB" 'SELECT count(*) FROM stories')" 9
sqlite3 "$DB" "UPDATE stories SET read = 1 WHERE link = 'http://alpha.example/2'"

# Marks as newsboat stores them: unread 0 is read, the flag letters in
# flags (s: starred by default), deleted 1 for a story deleted there.
sqlite3 "$NB/cache.db" "
UPDATE rss_item SET unread = 0 WHERE url IN ('http://alpha.example/1',
    'http://alpha.example/n4', 'http://beta.example/2', 'http://alpha.example/old');
UPDATE rss_item SET flags = 's' WHERE url IN ('http://alpha.example/3',
    'http://beta.example/2', 'http://alpha.example/old');
UPDATE rss_item SET flags = 'a' WHERE url = 'http://beta.example/3';
UPDATE rss_item SET deleted = 1 WHERE url = 'http://alpha.example/n5';"
# As newsboat would have it had the feed given beta 4 no id when it
# fetched it (the link and the date): hearsay's copy, with its guid, is
# found by the link.
sqlite3 "$NB/cache.db" "UPDATE rss_item SET guid = url || '2026-11-04T10:00:00Z'
    WHERE url = 'http://beta.example/4'"
nb_sum=$(cat "$NB/cache.db" "$NB/urls" "$NB/config" | cksum)
ls "$NB" >"$TMP/nb.files"

# A newsboat running holds cache.db.lock (lockf): the import says so.
python3 -c '
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)
fcntl.lockf(fd, fcntl.LOCK_EX)
open(sys.argv[2], "w").close()
time.sleep(600)' "$NB/cache.db.lock" "$TMP/locked" &
LOCKER=$!
at_exit 'kill $LOCKER 2>/dev/null'
wait_until 60 test -e "$TMP/locked"
"$HEARSAY" import-newsboat --dry-run "$NB" >"$TMP/dry" 2>"$TMP/err"; rc=$?
kill $LOCKER; wait $LOCKER 2>/dev/null; rm -f "$NB/cache.db.lock"
expect_eq "dry run with newsboat running: exit 0" "$rc" 0
check "dry run: newsboat's lock is said" grep -q "newsboat is running (pid $LOCKER holds" "$TMP/err"
check "dry run: what it would import" \
    grep -qx "stories: would import 9 stories of 2 feeds (4 read, 3 starred); 1 deleted in newsboat, left out" "$TMP/dry"
expect_eq "dry run: the store untouched" "$(sqlite3 "$DB" 'SELECT count(*) FROM stories')" 9

"$HEARSAY" import-newsboat "$NB" >"$TMP/out" 2>"$TMP/err"; rc=$?
expect_eq "import: exit 0" "$rc" 0
check "import: the counts" grep -qx \
    "stories: 9 stories of 2 feeds (4 read, 3 starred): 1 new in the store, 5 marked; 1 deleted in newsboat, left out" "$TMP/out"
check "import: no lock said when none is held" sh -c "! grep -q 'is running' '$TMP/err'"

# Every story newsboat has (not deleted) is in hearsay's store once, under
# its feed, read when newsboat read it (or hearsay did), starred when
# flagged s; the flag a is not starred.
q="ATTACH 'file:$NB/cache.db?mode=ro' AS nb;"
expect_eq "every story once, under its feed, with newsboat's state" \
    "$(sqlite3 "$DB" "$q SELECT count(*) FROM nb.rss_item i WHERE i.deleted = 0
      AND (SELECT count(*) FROM stories s JOIN feeds f ON f.id = s.feed_id
           WHERE f.url = i.feedurl AND s.link = i.url
             AND s.read = max(1 - i.unread, s.link = 'http://alpha.example/2')
             AND s.starred = (instr(COALESCE(i.flags, ''), 's') > 0)) != 1")" 0
expect_eq "no story twice" \
    "$(sqlite3 "$DB" 'SELECT count(*) FROM (SELECT link FROM stories GROUP BY feed_id, link HAVING count(*) > 1)')" 0
expect_eq "the story only newsboat had is there, read and starred" \
    "$(sqlite3 "$DB" "SELECT title, read, starred FROM stories WHERE link = 'http://alpha.example/old'")" \
    "Alpha story old|1|1"
expect_eq "the story deleted in newsboat is left out (hearsay had it)" \
    "$(sqlite3 "$DB" "SELECT read, starred FROM stories WHERE link = 'http://alpha.example/n5'")" "0|0"
expect_eq "hearsay's own read mark kept" \
    "$(sqlite3 "$DB" "SELECT read FROM stories WHERE link = 'http://alpha.example/2'")" 1
expect_eq "the starred list" \
    "$("$HEARSAY" list --starred | sed 's/.*\(Alpha story [a-z0-9]*\|Beta note [0-9]\).*/\1/' | sort | tr '\n' ,)" \
    "Alpha story 3,Alpha story old,Beta note 2,"
check "the store is sound" "$top_builddir/tests/store_check" "$DB"

# Again: nothing changes.
snap() { sqlite3 "$DB" 'SELECT id, feed_id, key, link, title, read, starred, date FROM stories ORDER BY id'; }
before=$(snap)
"$HEARSAY" import-newsboat "$NB" >"$TMP/out2" 2>/dev/null
expect_eq "second import: the store unchanged" "$(snap)" "$before"
check "second import: says so" grep -q ": 0 new in the store, 0 marked" "$TMP/out2"

# A refresh of the same feeds finds the imported stories (no doubles): the
# keys the import gave are the ones hearsay's parser gives.
guarded 300 "$HEARSAY" refresh -q >/dev/null 2>&1
expect_eq "refresh after the import: no story twice" \
    "$(sqlite3 "$DB" 'SELECT count(*) FROM stories')" 10
expect_eq "refresh after the import: the marks stay" \
    "$(sqlite3 "$DB" 'SELECT sum(read), sum(starred) FROM stories')" "5|3"

# Into an empty hearsay: everything newsboat has, the urls file as it is.
export XDG_CONFIG_HOME="$TMP/fresh/config" XDG_DATA_HOME="$TMP/fresh/data"
"$HEARSAY" import-newsboat "$NB" >"$TMP/out3" 2>"$TMP/err3"; rc=$?
expect_eq "fresh import: exit 0" "$rc" 0
check "fresh import: the counts" grep -q "9 new in the store, 5 marked" "$TMP/out3"
check "fresh import: urls file as newsboat's" cmp "$NB/urls" "$XDG_CONFIG_HOME/hearsay/urls"
check "fresh import: the binding" grep -qx "bind J next-unread" "$XDG_CONFIG_HOME/hearsay/config"
expect_eq "fresh import: feeds with newsboat's titles, tags from urls" \
    "$(sqlite3 "$XDG_DATA_HOME/hearsay/hearsay.db" 'SELECT user_title, feed_title, tags FROM feeds ORDER BY position')" \
    "Alpha|Alpha Weekly|news
|Beta Notes|notes"
expect_eq "fresh import: read and starred" \
    "$(sqlite3 "$XDG_DATA_HOME/hearsay/hearsay.db" 'SELECT sum(read), sum(starred) FROM stories')" "4|3"

# --star-flags a: the other letter means starred.
export XDG_CONFIG_HOME="$TMP/flags/config" XDG_DATA_HOME="$TMP/flags/data"
"$HEARSAY" import-newsboat --star-flags a "$NB" >/dev/null 2>&1
expect_eq "--star-flags a: only the story flagged a is starred" \
    "$(sqlite3 "$XDG_DATA_HOME/hearsay/hearsay.db" 'SELECT title FROM stories WHERE starred = 1')" \
    "Beta note 3"

expect_eq "newsboat's files never written" \
    "$(cat "$NB/cache.db" "$NB/urls" "$NB/config" | cksum)" "$nb_sum"
expect_eq "nothing made beside newsboat's cache" "$(ls "$NB")" "$(cat "$TMP/nb.files")"

# Not newsboat's cache: said, exit 1, nothing else lost.
mkdir -p "$TMP/bad"
echo "not a database" >"$TMP/bad/cache.db"
"$HEARSAY" import-newsboat "$TMP/bad" >/dev/null 2>"$TMP/err"; rc=$?
expect_eq "a broken cache: exit 1" "$rc" 1
check "a broken cache: said" grep -q "cache.db is not an SQLite database" "$TMP/err"

finish
