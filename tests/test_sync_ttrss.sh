#!/bin/sh
# test_sync_ttrss.sh - hearsay as a client of a real Tiny Tiny RSS server
# (Debian's tt-rss on PostgreSQL, tests/ttrss/server.sh), whose updater
# fetches feeds from the loopback server: the first sync, marks both ways,
# a conflict, marks made while the server is stopped, a kill -9 mid-sync,
# Ctrl-C mid-sync, a second store on the same account, subscribing and
# unsubscribing from hearsay (import-opml, add, remove), and the errors.
# Skipped (77) where the server's packages are not installed.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ttrss/server.sh"
ttrss_need
need sqlite3

FEEDS=$TMP/feeds
mkdir -p "$FEEDS" "$XDG_CONFIG_HOME/hearsay"
rss "$FEEDS/alpha.xml" Alpha 5
# More articles than one page of the API holds (200).
rss "$FEEDS/beta.xml" Beta 250
# Titles in HTML, as feeds write them (escaped markup and entities).
cat >"$FEEDS/gamma.xml" <<'EOF'
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Gamma &amp;amp; Sons</title>
<link>http://example.org/gamma</link>
<item><title>Caf&amp;eacute; &lt;b&gt;owners&lt;/b&gt; &amp;amp; the council</title>
<link>http://example.org/gamma/1</link><guid>gamma-1</guid>
<description>&lt;p&gt;"We will not close," said Mara Quill, the owner.&lt;/p&gt;</description>
<pubDate>Tue, 03 Nov 2026 09:30:00 +0100</pubDate></item>
</channel></rss>
EOF
server_start "$FEEDS"
ttrss_start "$S"

DB=$XDG_DATA_HOME/hearsay/hearsay.db
CONF=$XDG_CONFIG_HOME/hearsay/config
cat >"$CONF" <<EOF
source ttrss
ttrss-url $TT_URL
ttrss-login $TT_USER
ttrss-passwordfile $TT_PASSFILE
EOF

# A category on the server becomes the feeds' tag.
cat_id=$(ttrss_sql "INSERT INTO ttrss_feed_categories (owner_uid, title)
    SELECT id, 'World News' FROM ttrss_users WHERE login = '$TT_USER'
    RETURNING id")
for f in alpha beta gamma; do
	ttrss_api subscribeToFeed "{\"feed_url\": \"$S/$f.xml\",
	    \"category_id\": $cat_id}" >/dev/null
done
check "the server's updater fetched the feeds" ttrss_update
expect_eq "the server holds every article" \
    "$(ttrss_sql 'SELECT count(*) FROM ttrss_user_entries')" 256

q() { sqlite3 "$DB" "$1"; }
# Hearsay's summary line, its request count and its exit status.
sync() { out=$(TZ=Asia/Tokyo "$HEARSAY" "$@" refresh 2>"$TMP/err"); rc=$?; }

# -- the first sync ----------------------------------------------------------
sync
expect_eq "first sync exits 0" "$rc" 0
expect_eq "first sync says what it did" "$out" \
    "synced with $TT_URL: 3 feeds, 256 new stories, 0 marks sent, 0 changed there (7 requests)"
expect_eq "every article is a story, with the server's id" \
    "$(q 'SELECT count(*), count(remote_id), sum(read), sum(starred) FROM stories')" \
    "256|256|0|0"
expect_eq "past the API's page of 200: all 250 of one feed" \
    "$(q "SELECT count(*) FROM stories s JOIN feeds f ON f.id = s.feed_id
        WHERE f.feed_title = 'Beta'")" 250
expect_eq "the category is the tag" \
    "$(q "SELECT DISTINCT tags FROM feeds")" "World-News"
expect_eq "a title in HTML is plain text" \
    "$(q "SELECT title FROM stories WHERE link = 'http://example.org/gamma/1'")" \
    "Café owners & the council"
expect_eq "a feed title in HTML is plain text" \
    "$("$HEARSAY" list --feeds | grep Gamma | sed 's/^ *[0-9/]* *//')" \
    "Gamma & Sons  [World-News]"
# The date is the feed's instant, whatever the server's zone
# (America/New_York, its PostgreSQL) and ours (Asia/Tokyo).
expect_eq "dates are the feed's, in UTC" \
    "$(q "SELECT date FROM stories WHERE link = 'http://example.org/gamma/1'")" \
    "$(date -u -d '2026-11-03 08:30:00' +%s)"
expect_eq "every story is listed" \
    "$("$HEARSAY" list | grep -c .)" 256
check "the quote engine works on synced stories" \
    sh -c '"$1" -d "$2" analyze >/dev/null && sqlite3 "$2" "SELECT speaker FROM quotes" | grep -qx "Mara Quill"' \
    _ "$HEARSAY" "$DB"

# -- an unchanged sync is a few small requests -------------------------------
sync
expect_eq "an unchanged sync makes six requests, whatever the articles" \
    "$out" "synced with $TT_URL: 3 feeds, 0 new stories, 0 marks sent, 0 changed there (6 requests)"

# -- since_id: new articles only, an old date included -----------------------
rss "$FEEDS/alpha.xml" Alpha 7
sed -i 's|</channel>|<item><title>Alpha from the archive</title><guid>alpha-old</guid><link>http://example.org/Alpha/old</link><pubDate>Mon, 02 Nov 2020 10:00:00 GMT</pubDate></item></channel>|' \
    "$FEEDS/alpha.xml"
ttrss_update
sync
expect_eq "the next sync stores only what is new, an old date too" "$out" \
    "synced with $TT_URL: 3 feeds, 3 new stories, 0 marks sent, 0 changed there (6 requests)"
expect_eq "the old-dated article is there" \
    "$(q "SELECT count(*) FROM stories WHERE title = 'Alpha from the archive'")" 1

# -- marks both ways ---------------------------------------------------------
# (The requests: the six, and one per page of the unread or starred ids
# of each feed whose counts differ from the server's.)
sid() { q "SELECT remote_id FROM stories WHERE title = '$1'"; }
a1=$(sid 'Alpha story 1') a2=$(sid 'Alpha story 2') a3=$(sid 'Alpha story 3')
b1=$(sid 'Beta story 1') b2=$(sid 'Beta story 2')
unread_there() { ttrss_sql "SELECT unread FROM ttrss_user_entries WHERE ref_id = $1"; }
marked_there() { ttrss_sql "SELECT marked FROM ttrss_user_entries WHERE ref_id = $1"; }
# Marks as the reader makes them: plain updates of the store.
q "UPDATE stories SET read = 1 WHERE remote_id = $a2;
   UPDATE stories SET read = 1 WHERE remote_id = $a1;
   UPDATE stories SET starred = 1 WHERE remote_id = $a3"
expect_eq "the marks wait in the queue, in order" \
    "$(q 'SELECT remote_id, field, value FROM sync_queue ORDER BY seq' | tr '\n' ' ')" \
    "$a2|2|0 $a1|2|0 $a3|0|1 "
sync
expect_eq "marks go to the server" "$out" \
    "synced with $TT_URL: 3 feeds, 0 new stories, 3 marks sent, 0 changed there (8 requests)"
expect_eq "read there" "$(unread_there "$a1") $(unread_there "$a2")" "f f"
expect_eq "starred there" "$(marked_there "$a3")" t
expect_eq "the queue is empty" "$(q 'SELECT count(*) FROM sync_queue')" 0

ttrss_api updateArticle "{\"article_ids\": \"$b1,$b2\", \"mode\": 0, \"field\": 2}" >/dev/null
ttrss_api updateArticle "{\"article_ids\": \"$a3\", \"mode\": 0, \"field\": 0}" >/dev/null
sync
expect_eq "marks made elsewhere come back" "$out" \
    "synced with $TT_URL: 3 feeds, 0 new stories, 0 marks sent, 3 changed there (9 requests)"
expect_eq "read here" "$(q "SELECT read FROM stories WHERE remote_id IN ($b1, $b2)" | tr '\n' ' ')" "1 1 "
expect_eq "unstarred here" "$(q "SELECT starred FROM stories WHERE remote_id = $a3")" 0
expect_eq "what came from there is not sent back" \
    "$(q 'SELECT count(*) FROM sync_queue')" 0

# -- a conflict: read here, unread there, both since the last sync ------------
q "UPDATE stories SET read = 0 WHERE remote_id = $b1"
ttrss_api updateArticle "{\"article_ids\": \"$b1\", \"mode\": 1, \"field\": 0}" >/dev/null
q "UPDATE stories SET read = 1 WHERE remote_id = $b1"
ttrss_api updateArticle "{\"article_ids\": \"$b1\", \"mode\": 1, \"field\": 2}" >/dev/null
sync
expect_eq "conflict: the mark made here wins" \
    "$(q "SELECT read FROM stories WHERE remote_id = $b1") $(unread_there "$b1")" "1 f"
expect_eq "conflict: the other kind of mark made there stays" \
    "$(q "SELECT starred FROM stories WHERE remote_id = $b1") $(marked_there "$b1")" "1 t"

# -- marks made while the server is stopped ----------------------------------
ttrss_http_stop
before=$(q 'SELECT sum(read), sum(starred) FROM stories')
q "UPDATE stories SET read = 1 WHERE remote_id = $a3;
   UPDATE stories SET starred = 1 WHERE remote_id = $a1"
sync
expect_eq "server stopped: exit 1" "$rc" 1
check "server stopped: says it cannot reach it" \
    grep -q "^hearsay: refresh: cannot reach $TT_URL: " "$TMP/err"
expect_eq "server stopped: the marks wait" \
    "$(q 'SELECT remote_id, field, value FROM sync_queue ORDER BY seq' | tr '\n' ' ')" \
    "$a3|2|0 $a1|0|1 "
ttrss_http_start
sync
expect_eq "server back: the waiting marks are sent" "$rc $(unread_there "$a3") $(marked_there "$a1")" "0 f t"
expect_eq "server back: the queue is empty" "$(q 'SELECT count(*) FROM sync_queue')" 0

# -- a second store on the same account ---------------------------------------
DB2=$TMP/second.db
sync -d "$DB2"
expect_eq "a second store gets the same stories and state" \
    "$(sqlite3 "$DB2" 'SELECT count(*), sum(read), sum(starred) FROM stories')" \
    "$(q 'SELECT count(*), sum(read), sum(starred) FROM stories')"
sqlite3 "$DB2" "UPDATE stories SET read = 1 WHERE remote_id = $(sid 'Beta story 9')"
sync -d "$DB2"
sync
expect_eq "a mark made in the second store reaches the first" \
    "$(q "SELECT read FROM stories WHERE title = 'Beta story 9'")" 1

# -- kill -9 mid-sync ---------------------------------------------------------
DB3=$TMP/killed.db
# The sync's transactions: the feeds, then each page of articles.
STOPAT_COUNT="UPDATE sync_account SET applying"
stopat_bg commit:3 "$TMP/mark" - env TZ=UTC "$HEARSAY" -d "$DB3" refresh -q
if stopat_reached "$TMP/mark"; then
	kill -9 "$STOPAT_PID"
	wait "$STOPAT_PID" 2>/dev/null
	expect_eq "killed before its second page's commit: one page stored" \
	    "$(sqlite3 "$DB3" 'SELECT count(*) FROM stories')" 200
	expect_eq "killed: the cursor says where the pass got" \
	    "$(sqlite3 "$DB3" 'SELECT pass_skip, applying FROM sync_account')" "200|0"
else
	not_ok "the sync reached its third transaction"
fi
sync -d "$DB3"
expect_eq "the next sync goes on and completes" \
    "$(sqlite3 "$DB3" 'SELECT count(*), count(DISTINCT remote_id) FROM stories')" \
    "$(q 'SELECT count(*), count(DISTINCT remote_id) FROM stories')"
check "the killed store passes its checks" "$top_builddir/tests/store_check" "$DB3"

# -- Ctrl-C mid-sync: the page under way is kept, then it stops ---------------
# Stopped before the commit of its last page of articles (the third
# transaction, as above), interrupted there: that page is stored, and the
# sync stops before it reads the state of the articles.
DB4=$TMP/interrupted.db
stopat_bg commit:3 "$TMP/mark" "$TMP/gate4" env TZ=UTC "$HEARSAY" -d "$DB4" \
    refresh -q 2>"$TMP/int.err"
if stopat_reached "$TMP/mark"; then
	kill -INT "$STOPAT_PID"
	: >"$TMP/gate4"
	wait "$STOPAT_PID"; rc=$?
	expect_eq "interrupted: exit 130, saying where it stopped" \
	    "$rc: $(cat "$TMP/int.err")" \
	    "130: hearsay: refresh interrupted: the sync stopped while reading the state of articles ($(q 'SELECT count(*) FROM stories') new stories kept, 0 marks still to send)"
	expect_eq "interrupted: the page under way was stored, the pass over" \
	    "$(sqlite3 "$DB4" 'SELECT count(*), (SELECT pass_skip FROM sync_account) FROM stories')" \
	    "$(q 'SELECT count(*) FROM stories')|0"
else
	not_ok "the sync reached its third transaction"
fi

# -- subscribing from hearsay, and feeds gone elsewhere -------------------------
rss "$FEEDS/delta.xml" Delta 3
cat >"$TMP/subs.opml" <<EOF
<?xml version="1.0"?>
<opml version="2.0"><body><outline text="Delta" xmlUrl="$S/delta.xml"/></body></opml>
EOF
out=$("$HEARSAY" import-opml "$TMP/subs.opml" 2>&1); rc=$?
expect_eq "import-opml subscribes on the server" "$rc: $out" \
    "0: subscribed to 1 feed on the server (0 failed)"
check "the urls file is not written" test ! -e "$XDG_CONFIG_HOME/hearsay/urls"
ttrss_update
sync
expect_eq "the new feed's stories come with the next sync" \
    "$(q "SELECT count(*) FROM stories WHERE title LIKE 'Delta story %'")" 3
rss "$FEEDS/epsilon.xml" Epsilon 2
out=$("$HEARSAY" add "$S/epsilon.xml" 2>&1); rc=$?
expect_eq "add subscribes on the server" "$rc: $out" \
    "0: subscribed on the server: $S/epsilon.xml (its stories come with the next refresh)"
# (The test's server keeps a feed's URL without its port: see
# tests/ttrss/hearsay_loopback.)
expect_eq "the server has the feed" \
    "$(ttrss_sql "SELECT count(*) FROM ttrss_feeds WHERE feed_url LIKE '%/epsilon.xml'")" 1
out=$("$HEARSAY" add "$S/zeta.xml" news 2>&1); rc=$?
expect_eq "add with tags says they are the server's categories" "$rc: $out" \
    "2: hearsay: with source ttrss a feed's tags are its category on the server: add it without tags, and set its category there"
ttrss_update
sync
expect_eq "the added feed's stories come with the next sync" \
    "$(q "SELECT count(*) FROM stories WHERE title LIKE 'Epsilon story %'")" 2
# Removed by the URL the feed list shows: the server's.
eps=$(q "SELECT url FROM feeds WHERE feed_title = 'Epsilon'")
out=$("$HEARSAY" remove "$eps" 2>&1); rc=$?
expect_eq "remove unsubscribes on the server" "$rc: $out" \
    "0: unsubscribed on the server: $eps (the store follows at the next refresh)"
expect_eq "the server has the feed no more" \
    "$(ttrss_sql "SELECT count(*) FROM ttrss_feeds WHERE feed_url LIKE '%/epsilon.xml'")" 0
out=$("$HEARSAY" remove "$eps" 2>&1); rc=$?
expect_eq "remove of a feed the server has not" "$rc: $out" \
    "1: hearsay: $TT_URL has no feed $eps"
check "add and remove leave the urls file alone" test ! -e "$XDG_CONFIG_HOME/hearsay/urls"
sync
expect_eq "the removed feed leaves the feed list at the next sync" \
    "$("$HEARSAY" list --feeds | grep -c Epsilon)" 0
expect_eq "its stories stay till keep-days" \
    "$(q "SELECT count(*) FROM stories s JOIN feeds f ON f.id = s.feed_id
        WHERE f.url = '$eps' AND f.gone_since IS NOT NULL")" 2
delta=$(q "SELECT remote_id FROM feeds WHERE feed_title = 'Delta'")
q "UPDATE stories SET starred = 1 WHERE title = 'Delta story 2'"
sync
ttrss_api unsubscribeFeed "{\"feed_id\": $delta}" >/dev/null
sync
expect_eq "a feed unsubscribed elsewhere leaves the feed list" \
    "$("$HEARSAY" list --feeds | grep -c Delta)" 0
case $out in *", 1 feed gone ("*) ok "the summary says so" ;;
*) not_ok "the summary says so: $out" ;; esac
expect_eq "its stories stay, the starred one starred" \
    "$(q "SELECT count(*), sum(starred) FROM stories s JOIN feeds f ON
        f.id = s.feed_id WHERE f.remote_id = $delta")" "3|1"
# Gone two days ago, with keep-days 1: only the starred story stays.
q "UPDATE feeds SET gone_since = gone_since - 2 * 86400 WHERE remote_id = $delta"
out=$(TZ=Asia/Tokyo "$HEARSAY" refresh --keep-days 1 2>"$TMP/err"); rc=$?
expect_eq "past keep-days the sync drops all but the starred story" \
    "$rc $(q "SELECT count(*), sum(starred) FROM stories s JOIN feeds f ON
        f.id = s.feed_id WHERE f.remote_id = $delta")" "0 1|1"
check "the starred story is in the starred list" \
    sh -c '"$1" list --starred | grep -q "Delta story 2"' _ "$HEARSAY"

# -- errors: each says what happened, and the store is untouched -------------
state() { q 'SELECT count(*), sum(read), sum(starred), (SELECT count(*) FROM
    sync_queue), (SELECT since_id FROM sync_account) FROM stories'; }
q "UPDATE stories SET read = 0 WHERE remote_id = $a2"
kept=$(state)
# expect_error NAME MESSAGE: refresh fails with exit 1 saying MESSAGE, and
# the store is as it was.
expect_error() {
	sync
	expect_eq "$1: exit 1" "$rc" 1
	expect_eq "$1: the message" "$(cat "$TMP/err")" "hearsay: refresh: $2"
	expect_eq "$1: the store is untouched" "$(state)" "$kept"
}
printf 'wrong\n' >"$TMP/wrong"; chmod 600 "$TMP/wrong"
sed -i "s|^ttrss-passwordfile .*|ttrss-passwordfile $TMP/wrong|" "$CONF"
expect_error "bad login" \
    "$TT_URL refused the login of $TT_USER: wrong login or password"
sed -i "s|^ttrss-passwordfile .*|ttrss-passwordfile $TT_PASSFILE|" "$CONF"

ttrss_sql "UPDATE ttrss_user_prefs SET value = 'false' WHERE pref_name = 'ENABLE_API_ACCESS'" >/dev/null
expect_error "API disabled" \
    "$TT_URL has its API disabled for $TT_USER: enable it in the server's preferences (Enable API access)"
ttrss_sql "UPDATE ttrss_user_prefs SET value = 'true' WHERE pref_name = 'ENABLE_API_ACCESS'" >/dev/null

sed -i 's/const API_LEVEL  = 15;/const API_LEVEL  = 4;/' "$TT_DIR/www/classes/api.php"
expect_error "old API level" \
    "$TT_URL speaks API level 4; hearsay needs level 5 or later (Tiny Tiny RSS 1.7.6 or later)"
sed -i 's/const API_LEVEL  = 4;/const API_LEVEL  = 15;/' "$TT_DIR/www/classes/api.php"

sed -i "s|^ttrss-url .*|ttrss-url $S|" "$CONF"
expect_error "not a Tiny Tiny RSS server" \
    "$S/api/: HTTP 405 Method Not Allowed"
sed -i "s|^ttrss-url .*|ttrss-url $TT_URL|" "$CONF"

chmod 644 "$TT_PASSFILE"
sync
expect_eq "a password file others may read is refused" "$rc: $(cat "$TMP/err")" \
    "2: hearsay: ttrss-passwordfile $TT_PASSFILE: others may read or write it: make it yours and mode 600 (chmod 600 $TT_PASSFILE)"
chmod 600 "$TT_PASSFILE"
sed -i "s|^ttrss-passwordfile .*|ttrss-passwordeval \"cat '$TT_PASSFILE'\"|" "$CONF"
sync
expect_eq "the password from a command" "$rc" 0
expect_eq "after the errors, the mark made meanwhile is sent" "$(unread_there "$a2")" t
check "the store passes its checks" "$top_builddir/tests/store_check" "$DB"

finish
