# tests/ttrss/server.sh - a private Tiny Tiny RSS server for the sync
# tests: Debian's tt-rss on a PostgreSQL cluster of its own, served by
# PHP's built-in web server, both on 127.0.0.1 only.  Sourced after
# tests/lib.sh, not run.
#
# It installs nothing (quickstart does: tt-rss postgresql php-cli
# php-pgsql php-curl); when those are missing the test is skipped (77)
# with the reason.  Everything lives in one folder of its own, readable by
# the unprivileged user PostgreSQL and the updater run as (they refuse to
# run as root: when the test is root they run as nobody), and everything
# started is stopped when the test exits: the server's PHP workers, the
# cluster, the folder.  The server fetches the test's loopback feeds
# through tests/ttrss/hearsay_loopback, a plugin of its copy only.
#
#   ttrss_start FEEDS_URL   start it all; sets TT_URL (the server's base
#                           URL), TT_USER and TT_PASS (a user with API
#                           access), TT_PASSFILE (the password, mode 0600)
#   ttrss_api OP [JSON]     call the API as that user (tests/ttrss/api.py)
#   ttrss_sql SQL           one query on the server's database, its rows
#   ttrss_update            run the server's updater on every feed
#   ttrss_http_stop/_start  stop and start the web server alone (the
#                           store and the port stay)

TT_WWW_SRC=/usr/share/tt-rss/www
TT_SCHEMA=/usr/share/tt-rss/schema/ttrss_schema_pgsql.sql
TT_USER=reader
TT_PASS='correct horse battery'
TT_DIR=
TT_HTTP=

# ttrss_need: SKIP (77) unless Debian's tt-rss, PostgreSQL and PHP are
# installed and usable here.
ttrss_need() {
	need python3 sha1sum
	[ -d "$TT_WWW_SRC" ] && [ -r "$TT_SCHEMA" ] ||
	    { echo "SKIP: tt-rss is not installed (quickstart installs it)"; exit 77; }
	TT_PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
	[ -n "$TT_PGBIN" ] && [ -x "$TT_PGBIN/initdb" ] ||
	    { echo "SKIP: PostgreSQL is not installed (quickstart installs it)"; exit 77; }
	need php psql
	php -m 2>/dev/null | grep -qx pdo_pgsql ||
	    { echo "SKIP: php-pgsql is not installed (quickstart installs it)"; exit 77; }
	TT_AS=
	if [ "$(id -u)" -eq 0 ]; then
		need runuser
		TT_AS="runuser -u nobody --"
	fi
}

# A free TCP port on 127.0.0.1 (the kernel's pick).
_tt_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# _tt_copy: the app's tree, with a config.php of ours and the test's
# plugin; its relative symbolic links (into /usr/share) made absolute.
_tt_copy() {
	cp -a "$TT_WWW_SRC" "$TT_DIR/www"
	( cd "$TT_WWW_SRC" && find . -type l ) | while read -r _l; do
		_to=$(readlink -f "$TT_WWW_SRC/$_l") || continue
		rm -f "$TT_DIR/www/$_l"
		case $_l in ./config.php|./feed-icons) continue ;; esac
		ln -s "$_to" "$TT_DIR/www/$_l"
	done
	mkdir -p "$TT_DIR/www/plugins.local/hearsay_loopback" "$TT_DIR/lock" \
	    "$TT_DIR/cache/images" "$TT_DIR/cache/upload" "$TT_DIR/cache/export" \
	    "$TT_DIR/cache/feeds" "$TT_DIR/www/feed-icons"
	cp "$top_srcdir/tests/ttrss/hearsay_loopback/init.php" \
	    "$TT_DIR/www/plugins.local/hearsay_loopback/init.php"
	cat >"$TT_DIR/www/config.php" <<PHP
<?php
define('DB_TYPE', 'pgsql');
define('DB_HOST', '127.0.0.1');
define('DB_PORT', '$TT_PGPORT');
define('DB_USER', 'postgres');
define('DB_NAME', 'ttrss');
define('DB_PASS', '');
define('MYSQL_CHARSET', 'UTF8');
define('SELF_URL_PATH', 'http://127.0.0.1:$TT_PORT/');
define('SINGLE_USER_MODE', false);
define('SIMPLE_UPDATE_MODE', false);
define('PHP_EXECUTABLE', '$(command -v php)');
define('LOCK_DIRECTORY', '$TT_DIR/lock');
define('CACHE_DIR', '$TT_DIR/cache');
define('ICONS_DIR', 'feed-icons');
define('ICONS_URL', 'feed-icons');
define('AUTH_AUTO_CREATE', false);
define('AUTH_AUTO_LOGIN', false);
define('FORCE_ARTICLE_PURGE', 0);
define('ENABLE_REGISTRATION', false);
define('REG_NOTIFY_ADDRESS', 'nobody@example.org');
define('REG_MAX_USERS', 10);
define('SESSION_COOKIE_LIFETIME', 86400);
define('SMTP_FROM_NAME', 'Tiny Tiny RSS');
define('SMTP_FROM_ADDRESS', 'nobody@example.org');
define('DIGEST_SUBJECT', 'digest');
define('CHECK_FOR_UPDATES', false);
define('ENABLE_GZIP_OUTPUT', false);
define('PLUGINS', 'auth_internal, hearsay_loopback');
define('LOG_DESTINATION', '');
define('CONFIG_VERSION', 26);
define('HEARSAY_TEST_FEEDS', '$TT_FEEDS');
PHP
}

# _tt_pg: a cluster of our own, the schema, and the user with API access.
_tt_pg() {
	mkdir -p "$TT_DIR/pg" "$TT_DIR/run"
	[ -n "$TT_AS" ] && chown nobody "$TT_DIR/pg" "$TT_DIR/run"
	chmod 700 "$TT_DIR/pg"
	$TT_AS "$TT_PGBIN/initdb" -D "$TT_DIR/pg" -U postgres -A trust \
	    -E UTF8 --no-locale >"$TT_DIR/initdb.log" 2>&1 ||
	    { cat "$TT_DIR/initdb.log"; echo "Bail out! initdb failed"; exit 99; }
	# A zone that is not UTC: the server must say what it means anyway.
	$TT_AS "$TT_PGBIN/pg_ctl" -D "$TT_DIR/pg" -l "$TT_DIR/run/pg.log" -w \
	    -o "-c listen_addresses=127.0.0.1 -p $TT_PGPORT -k $TT_DIR/run \
	    -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
	    -c timezone=America/New_York" start >/dev/null ||
	    { cat "$TT_DIR/run/pg.log"; echo "Bail out! PostgreSQL did not start"; exit 99; }
	TT_PG_UP=1
	psql -q -h 127.0.0.1 -p "$TT_PGPORT" -U postgres -c 'CREATE DATABASE ttrss' \
	    >/dev/null
	psql -q -h 127.0.0.1 -p "$TT_PGPORT" -U postgres -d ttrss -v ON_ERROR_STOP=1 \
	    -f "$TT_SCHEMA" >"$TT_DIR/schema.log" 2>&1 ||
	    { cat "$TT_DIR/schema.log"; echo "Bail out! the schema did not load"; exit 99; }
	_hash=$(printf '%s' "$TT_PASS" | sha1sum | cut -d' ' -f1)
	# A new user has no preferences, and the server does not fall back
	# to the defaults: they are copied, with the API enabled.
	ttrss_sql "INSERT INTO ttrss_users (login, pwd_hash, access_level,
	    last_login) VALUES ('$TT_USER', 'SHA1:$_hash', 0, NOW());
	    INSERT INTO ttrss_user_prefs (owner_uid, pref_name, value)
	    SELECT u.id, p.pref_name, p.def_value FROM ttrss_users u, ttrss_prefs p
	    WHERE u.login = '$TT_USER';
	    UPDATE ttrss_user_prefs SET value = 'true'
	    WHERE pref_name = 'ENABLE_API_ACCESS';" >/dev/null
}

ttrss_sql() {
	psql -qAtX -h 127.0.0.1 -p "$TT_PGPORT" -U postgres -d ttrss -c "$1"
}

ttrss_http_start() {
	# Its own process group (set -m is off: setsid execs in place), so
	# that the PHP workers, which outlive their master, go with it.  The
	# opcode cache looks at the files on every request: a test may
	# change the app's copy (an older API level, say).
	PHP_CLI_SERVER_WORKERS=4 setsid $TT_AS php -d opcache.revalidate_freq=0 \
	    -S "127.0.0.1:$TT_PORT" \
	    -t "$TT_DIR/www" >>"$TT_DIR/run/php.log" 2>&1 &
	TT_HTTP=$!
	if ! wait_until 120 _tt_answers; then
		tail -n 20 "$TT_DIR/run/php.log"
		echo "Bail out! Tiny Tiny RSS did not answer in 120 s"
		exit 99
	fi
}

_tt_answers() {
	python3 - "$TT_URL" <<'PY' 2>/dev/null
import sys, urllib.request, json
req = urllib.request.Request(sys.argv[1] + "/api/",
    data=b'{"op":"getApiLevel"}', headers={"Content-Type": "application/json"})
json.loads(urllib.request.urlopen(req, timeout=5).read())
PY
}

ttrss_http_stop() {
	if [ -n "$TT_HTTP" ]; then
		# The group by "-PID" after the signal: dash's kill takes no
		# "--" (and then signals nothing).
		kill -TERM "-$TT_HTTP" 2>/dev/null
		wait "$TT_HTTP" 2>/dev/null
		# Workers that missed the signal: none outlives the test.
		wait_until 30 _tt_http_gone || kill -KILL "-$TT_HTTP" 2>/dev/null
	fi
	TT_HTTP=
}
_tt_http_gone() { ! kill -0 "-$TT_HTTP" 2>/dev/null; }

ttrss_stop() {
	ttrss_http_stop
	if [ -n "${TT_PG_UP:-}" ]; then
		$TT_AS "$TT_PGBIN/pg_ctl" -D "$TT_DIR/pg" -m immediate stop \
		    >/dev/null 2>&1
		TT_PG_UP=
	fi
	[ -n "$TT_DIR" ] && rm -rf "$TT_DIR"
	TT_DIR=
}

ttrss_start() {
	ttrss_need
	TT_FEEDS=$1
	TT_DIR=$(mktemp -d "${TMPDIR:-/tmp}/hearsay-ttrss.XXXXXX")
	chmod 755 "$TT_DIR"
	at_exit ttrss_stop
	TT_PGPORT=$(_tt_port)
	TT_PORT=$(_tt_port)
	TT_URL="http://127.0.0.1:$TT_PORT"
	_tt_pg
	_tt_copy
	[ -n "$TT_AS" ] && chown -R nobody "$TT_DIR/lock" "$TT_DIR/cache" \
	    "$TT_DIR/www/feed-icons"
	ttrss_http_start
	TT_PASSFILE=$TMP/ttrss-password
	( umask 077; printf '%s\n' "$TT_PASS" >"$TT_PASSFILE" )
}

ttrss_api() {
	python3 "$top_srcdir/tests/ttrss/api.py" "$TT_URL" "$TT_USER" \
	    "$TT_PASS" "$@"
}

ttrss_update() {
	( cd "$TT_DIR/www" && $TT_AS php update.php --force-update --feeds \
	    --quiet ) >>"$TT_DIR/update.log" 2>&1
}
