#!/bin/sh
# undo.sh - figure 9 of the benchmarks: marking N stories read at once
# (`C`) and undoing it (`u`) in the reader, each from the key until the
# unread count on the screen says it is done; driven in a private tmux
# server like bench/ui.sh.
#
#   bench/undo.sh [--hearsay PATH] [--work DIR] [--stories N]
#
# The store: one feed of N stories (default 20000), refreshed from a
# file:// URL with --no-analyze; reused when WORK/undo/store.db exists.
# The reader runs with confirm-mark-all-feeds-read off: the figure is the
# mark and its undo, not the question.  Each wait also runs against a
# pane that answers at once (`cat` echoing a key): that floor is what tmux
# and the polling cost, and the "net" column subtracts it.  Best of three.
#
# Must never touch anything outside WORK, and never leave its tmux server
# or a reader running (the server is killed by its socket name on exit).
set -u

here=$(cd "$(dirname "$0")" && pwd)
hearsay=${HEARSAY:-$here/../build/src/hearsay}
work=${TMPDIR:-/tmp}/hearsay-bench
stories=20000
while [ $# -gt 0 ]; do
	case $1 in
	--hearsay) hearsay=$2; shift ;;
	--work) work=$2; shift ;;
	--stories) stories=$2; shift ;;
	*) echo "usage: $0 [--hearsay PATH] [--work DIR] [--stories N]" >&2
	    exit 2 ;;
	esac
	shift
done
case $hearsay in /*) ;; *) hearsay=$(pwd)/$hearsay ;; esac
for c in tmux sqlite3 python3; do
	command -v $c >/dev/null 2>&1 || { echo "undo.sh: $c is required" >&2; exit 1; }
done

dir=$work/undo
mkdir -p "$dir/home/config/hearsay" "$dir/home/data"
sock=hsundo$$ nsock=0
tm() { tmux -L "$sock" "$@"; }
trap 'tmux -L "$sock" kill-server 2>/dev/null' EXIT
trap 'exit 1' INT TERM
note() { printf 'undo.sh: %s\n' "$*" >&2; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }
best() { printf '%s\n' "$@" | sort -n | head -n 1; }

# A feed document holds at most 10,000 stories (the parser's cap): the
# feed is refreshed in parts through one URL, and the store keeps the
# stories of all of them, as a feed's store keeps what it once had.
if [ ! -s "$dir/store.db" ]; then
	note "store: one feed of $stories stories"
	echo "file://$dir/feed.xml" > "$dir/urls"
	from=0
	while [ "$from" -lt "$stories" ]; do
		python3 - "$dir/feed.xml" "$from" "$stories" <<'PY' || exit 1
import sys
out, first, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with open(out, "w", encoding="utf-8") as f:
    f.write('<?xml version="1.0"?><rss version="2.0"><channel>'
            '<title>Undo bench</title>\n')
    for k in range(first, min(first + 5000, n)):
        f.write('<item><guid>u%d</guid><title>Bench story %d</title>'
                '<description>Words of story %d.</description>'
                '<pubDate>Mon, 02 Nov 2026 %02d:%02d:%02d GMT</pubDate>'
                '</item>\n' % (k, k, k, k // 3600 % 24, k // 60 % 60, k % 60))
    f.write('</channel></rss>\n')
PY
		touch -d "@$((1764000000 + from))" "$dir/feed.xml"
		"$hearsay" -u "$dir/urls" -d "$dir/store.db" refresh -q \
		    --no-analyze || exit 1
		from=$((from + 5000))
	done
fi
sql() { sqlite3 -cmd ".timeout 10000" "$dir/store.db" "$@"; }
total=$(sql "SELECT count(*) FROM stories")
printf 'confirm-mark-all-feeds-read no\n' > "$dir/home/config/hearsay/config"

# start CMD: a new pane (fresh server) running CMD.
start() {
	tm kill-server >/dev/null 2>&1
	nsock=$((nsock + 1))
	sock=hsundo$$.$nsock
	tm -f /dev/null new-session -d -x 120 -y 40 \
	    "env -i PATH=\"$PATH\" HOME=\"$dir/home\" LANG=C.UTF-8 TERM=tmux-256color XDG_CONFIG_HOME=\"$dir/home/config\" XDG_DATA_HOME=\"$dir/home/data\" $1"
	tm set-option -g status off >/dev/null
}
# wait_for REGEX: poll the screen until a line matches (60 s at most).
wait_for() {
	limit=$(($(now_ms) + 60000))
	until tm capture-pane -p 2>/dev/null | grep -Eq -- "$1"; do
		[ "$(now_ms)" -lt "$limit" ] || { note "timed out waiting for: $1"; return 1; }
	done
}
# key_time KEYS REGEX: $ms from sending KEYS to REGEX on the screen.
key_time() {
	ms=""
	t0=$(now_ms)
	tm send-keys $1
	wait_for "$2" || return 1
	ms=$(($(now_ms) - t0))
}

start "cat"
floor=""
for i in 1 2 3; do
	key_time "x" "x" && floor="$floor $ms"
	tm send-keys C-u
	sleep 0.1
done
floor=$(best $floor)
tm_mark="" tm_undo=""
for i in 1 2 3; do
	sql "UPDATE stories SET read = 0"
	start "$hearsay -d $dir/store.db"
	wait_for " $total unread" || exit 1
	key_time C " 0 unread" && tm_mark="$tm_mark $ms"
	key_time u " $total unread" && tm_undo="$tm_undo $ms"
	tm send-keys Q
	sleep 0.5
done
mark=$(best $tm_mark) undo=$(best $tm_undo)
echo "### 9. Mark $total stories read (C) and undo it (u), key to screen"
echo
echo "| key | ms | net of the tmux floor, ms |"
echo "|---|---:|---:|"
echo "| C | $mark | $((mark - floor)) |"
echo "| u | $undo | $((undo - floor)) |"
echo "| floor (tmux + polling) | $floor | |"
