#!/bin/sh
# ui.sh - figures 4, 5 and 6 of the benchmarks: the reader over a big
# store, driven in a private tmux server, and the quote engine's
# throughput; sfeed_curses beside it where it has the equivalent.
#
#   bench/ui.sh [--hearsay PATH] [--work DIR] [--feeds N] [--stories M]
#               [--big-feed K] [--no-sfeed]
#
# The store: N feeds x M stories (default 1000 x 100, run.sh's --big
# preset) plus one feed of K stories (default 10000, "the largest feed"),
# refreshed from file:// URLs with --no-analyze (the reader analyses a
# story when it opens it).  Reused when WORK/ui/store.db exists.
#
#  4. first screen: from starting the program in a new tmux pane until
#     its list is on the screen, polling `tmux capture-pane` without
#     sleeping; peak RSS (VmHWM of the process) at that moment;
#  5. keys, each from `tmux send-keys` until the screen shows the result:
#     Enter on the largest feed (its first row), End (its last row),
#     `/` + a word + Enter over every story (the result list), A (the
#     feed marked read: the unread total drops by K);
#  6. `hearsay quotes` over story bodies: one process per story, and all
#     of them in one document (the engine without process start-up).
#
# Every wait also runs against a pane that answers at once (`printf`, or
# `cat` echoing a key): that floor is what tmux and the polling cost, and
# the "net" column subtracts it.  Times are best of three.
#
# Must never touch anything outside WORK, and never leave its tmux server
# or a reader running (the server is killed by its socket name on exit).
set -u

here=$(cd "$(dirname "$0")" && pwd)
hearsay=${HEARSAY:-$here/../build/src/hearsay}
work=${TMPDIR:-/tmp}/hearsay-bench
feeds=1000 stories=100 bigfeed=10000 use_sfeed=1
while [ $# -gt 0 ]; do
	case $1 in
	--hearsay) hearsay=$2; shift ;;
	--work) work=$2; shift ;;
	--feeds) feeds=$2; shift ;;
	--stories) stories=$2; shift ;;
	--big-feed) bigfeed=$2; shift ;;
	--no-sfeed) use_sfeed=0 ;;
	*) echo "usage: $0 [--hearsay PATH] [--work DIR] [--feeds N]" \
	    "[--stories M] [--big-feed K] [--no-sfeed]" >&2; exit 2 ;;
	esac
	shift
done
case $hearsay in /*) ;; *) hearsay=$(pwd)/$hearsay ;; esac
command -v tmux >/dev/null 2>&1 || { echo "ui.sh: tmux is required" >&2; exit 1; }
command -v sfeed_curses >/dev/null 2>&1 || use_sfeed=0

dir=$work/ui
mkdir -p "$dir"
tsv=$dir/ui.tsv
: > "$tsv"
# A fresh server (socket) per start: a killed server takes a moment to go.
sock=hsbench$$ nsock=0 rss=""
tm() { tmux -L "$sock" "$@"; }
trap 'tmux -L "$sock" kill-server 2>/dev/null' EXIT
trap 'exit 1' INT TERM

note() { printf 'ui.sh: %s\n' "$*" >&2; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }
row() { printf '%s\t%s\t%s\t%s\t%s\n' "$@" >> "$tsv"; }

# --- the store ----------------------------------------------------------------
# The largest feed is refreshed in halves through one URL (a 10000-story
# document is larger than hearsay's 32 MiB body limit); the store keeps
# the stories of both, as a feed's store keeps what it once had.
split_feed() {
	python3 - "$1" "$2" "$3" <<'PY'
import re, sys
src, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
doc = open(src, encoding="utf-8").read()
tag = "entry" if "<entry" in doc else "item"
items = re.findall(r"<%s[ >].*?</%s>\n?" % (tag, tag), doc, re.S)
head = doc[:doc.index(items[0])]
tail = doc[doc.index(items[-1]) + len(items[-1]):]
half = (len(items) + 1) // 2
for k, part in enumerate((items[:half], items[half:])):
    open("%s.%d" % (out, k), "w", encoding="utf-8").write(head + "".join(part) + tail)
PY
}
if [ ! -s "$dir/store.db" ]; then
	note "corpus: $feeds x $stories and one feed of $bigfeed"
	python3 "$here/gen_corpus.py" --out "$dir/corpus" --feeds "$feeds" \
	    --stories "$stories" >/dev/null || exit 1
	python3 "$here/gen_corpus.py" --out "$dir/large" --feeds 1 \
	    --stories "$bigfeed" --seed 7 >/dev/null || exit 1
	big=$dir/large/feeds/$(ls "$dir/large/feeds" | head -n 1)
	split_feed "$big" "$bigfeed" "$dir/largest" || exit 1
	echo "file://$dir/largest.xml \"~0 Largest feed\"" > "$dir/urls.largest"
	note "store: hearsay refresh --no-analyze"
	for k in 0 1; do
		cp "$dir/largest.$k" "$dir/largest.xml"
		touch -d "@$((1764000000 + k))" "$dir/largest.xml"
		"$hearsay" -u "$dir/urls.largest" -d "$dir/store.db" refresh -q \
		    --no-analyze || exit 1
	done
	{
		cat "$dir/urls.largest"
		ls "$dir/corpus/feeds" | sed "s|^|file://$dir/corpus/feeds/|"
	} > "$dir/urls"
	/usr/bin/time -v -o "$dir/store.time" "$hearsay" -u "$dir/urls" \
	    -d "$dir/store.db" refresh -q --no-analyze || exit 1
fi
# sql QUERY: the sqlite3 shell on the store, waiting (10 s at most) while
# a reader that was just told to quit still holds its lock.
sql() { sqlite3 -cmd ".timeout 10000" "$dir/store.db" "$@"; }
total=$(sql "SELECT count(*) FROM stories" 2>/dev/null || echo "?")
sql "UPDATE stories SET read = 0" 2>/dev/null

# --- tmux helpers ---------------------------------------------------------------
# start CMD: a new pane (fresh server) running CMD; its pid in $pane_pid.
start() {
	tm kill-server >/dev/null 2>&1
	nsock=$((nsock + 1))
	sock=hsbench$$.$nsock
	tm -f /dev/null new-session -d -x 120 -y 40 \
	    "env -i PATH=\"$PATH\" HOME=\"$dir/home\" LANG=C.UTF-8 TERM=tmux-256color XDG_CONFIG_HOME=\"$dir/home/config\" XDG_DATA_HOME=\"$dir/home/data\" $1"
	tm set-option -g status off >/dev/null
	pane_pid=$(tm display-message -p '#{pane_pid}')
}
# wait_for REGEX: poll the screen until a line matches (30 s at most).
wait_for() {
	limit=$(($(now_ms) + 30000))
	until tm capture-pane -p 2>/dev/null | grep -Eq -- "$1"; do
		[ "$(now_ms)" -lt "$limit" ] || { note "timed out waiting for: $1"; return 1; }
	done
}
hwm() { awk '/VmHWM/ { print $2 }' "/proc/$1/status" 2>/dev/null; }
# best V...: the smallest of the numbers.
best() { printf '%s\n' "$@" | sort -n | head -n 1; }

# first_screen CMD REGEX: $ms from starting CMD to REGEX on the screen,
# and $rss, the RSS high-water mark of the pane's process then (KB).
# (Not in a subshell: start() changes the server's socket.)
first_screen() {
	ms="" rss=""
	t0=$(now_ms)
	start "$1"
	wait_for "$2" || return 1
	t1=$(now_ms)
	rss=$(hwm "$pane_pid")
	ms=$((t1 - t0))
}
# key_time KEYS REGEX: $ms from sending KEYS (tmux key names) to REGEX.
key_time() {
	ms=""
	t0=$(now_ms)
	tm send-keys $1
	wait_for "$2" || return 1
	ms=$(($(now_ms) - t0))
}

mkdir -p "$dir/home/config/hearsay" "$dir/home/data"
# A marks the 10,000-story feed without asking first: figure 5 times the
# mark, not the question.
printf 'confirm-mark-feed-read no\n' > "$dir/home/config/hearsay/config"
reader="$hearsay -u $dir/urls -d $dir/store.db"
unread=$total
after_mark=$((total - bigfeed))

# --- 4. first screen ----------------------------------------------------------
note "first screen ($total stories)"
fs=""
for i in 1 2 3; do
	first_screen "sh -c 'echo ready; exec sleep 60'" "^ready" && fs="$fs $ms"
done
row 4 floor first-screen "$(best $fs)" ""
ts="" rs=""
for i in 1 2 3; do
	first_screen "$reader" " $unread unread" || exit 1
	ts="$ts $ms" rs="$rs $rss"
	tm send-keys q
done
row 4 hearsay first-screen "$(best $ts)" "$(best $rs)"
if [ "$use_sfeed" = 1 ]; then
	# sfeed's own files of the same corpus, made by sfeed itself.
	if [ ! -d "$dir/sfeed" ]; then
		mkdir -p "$dir/sfeed"
		for f in "$dir/largest.0" "$dir/largest.1" "$dir/corpus/feeds"/*; do
			sfeed < "$f" > "$dir/sfeed/$(basename "$f")"
		done
	fi
	ts="" rs=""
	for i in 1 2 3; do
		first_screen "sh -c 'cd $dir/sfeed && exec sfeed_curses *'" "f0000" || break
		ts="$ts $ms" rs="$rs $rss"
		tm send-keys q
	done
	[ -n "$ts" ] && row 4 sfeed_curses first-screen "$(best $ts)" "$(best $rs)"
fi

# --- 5. keys --------------------------------------------------------------------
note "keys"
start "cat"
kf=""
for i in 1 2 3; do
	key_time "x" "x" && kf="$kf $ms"
	tm send-keys C-u
	sleep 0.1
done
row 5 floor key "$(best $kf)" ""
to="" tj="" tsr="" tmk="" srss=""
for i in 1 2 3; do
	sql "UPDATE stories SET read = 0"
	first_screen "$reader" " $unread unread" || exit 1
	# The largest feed sorts first ("0 Largest feed").
	key_time Enter "Largest feed .* 1 of $bigfeed" && to="$to $ms"
	key_time End "Largest feed .* $bigfeed of $bigfeed" && tj="$tj $ms"
	key_time A " $after_mark unread" && tmk="$tmk $ms"
	tm send-keys q
	wait_for "Feeds \\(" >/dev/null
	tm send-keys /
	sleep 0.2
	tm send-keys -l "harbour"
	key_time Enter "of [0-9]+" && tsr="$tsr $ms"
	srss=$(hwm "$pane_pid")
	tm send-keys q
done
row 5 hearsay open-largest "$(best $to)" ""
row 5 hearsay jump-end "$(best $tj)" ""
row 5 hearsay mark-feed-read "$(best $tmk)" ""
row 5 hearsay search "$(best $tsr)" "$srss"
tm kill-server >/dev/null 2>&1

# --- 6. extraction ----------------------------------------------------------------
note "extraction"
mkdir -p "$dir/bodies"
n=$(ls "$dir/bodies" | wc -l)
if [ "$n" -eq 0 ]; then
	i=0
	sql "SELECT id FROM stories ORDER BY id LIMIT 1000" |
	while read -r id; do
		sql "SELECT COALESCE(NULLIF(content, ''), summary) FROM bodies WHERE id = $id" > "$dir/bodies/$id.html"
	done
fi
bytes=$(cat "$dir/bodies"/*.html | wc -c)
# The plain text of those bodies, about as the store's index makes it
# (tags as spaces, scripts and styles dropped, references decoded, white
# space collapsed): the store keeps no copy of it since schema 6.
textbytes=$(python3 - "$dir/bodies" <<'PY'
import html.parser, os, re, sys
class Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.skip = [], 0
    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("script", "style")
        self.out.append(" ")
    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip > 0:
            self.skip -= 1
        self.out.append(" ")
    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)
total = 0
for name in os.listdir(sys.argv[1]):
    p = Text()
    with open(os.path.join(sys.argv[1], name), encoding="utf-8",
              errors="replace") as f:
        p.feed(f.read())
    p.close()
    total += len(re.sub(r"\s+", " ", "".join(p.out)).strip().encode())
print(total)
PY
)
t0=$(now_ms)
for f in "$dir/bodies"/*.html; do "$hearsay" quotes "$f" > /dev/null; done
t1=$(now_ms)
row 6 hearsay quotes-per-story "$((t1 - t0))" "$bytes $textbytes"
cat "$dir/bodies"/*.html > "$dir/all-bodies.html"
t0=$(now_ms)
/usr/bin/time -f %M -o "$dir/quotes.rss" "$hearsay" quotes "$dir/all-bodies.html" > /dev/null
t1=$(now_ms)
row 6 hearsay quotes-one-document "$((t1 - t0))" "$bytes $textbytes $(cat "$dir/quotes.rss")"

# --- the table -------------------------------------------------------------------
python3 - "$tsv" "$total" "$bigfeed" <<'EOF'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
total, big = sys.argv[2], sys.argv[3]
get = {(r[0], r[1], r[2]): r for r in rows}
def ms(v):
    return "-" if v in ("", None) else v
def net(fig, tool, var, floor_var):
    r, f = get.get((fig, tool, var)), get.get((fig, "floor", floor_var))
    if r is None or f is None:
        return "-"
    return str(max(0, int(r[3]) - int(f[3])))
def verdict(v, limit):
    try:
        return "met" if int(v) <= limit else "**missed**"
    except ValueError:
        return "-"
print("### 4. First screen (%s stories), 5. keys (largest feed: %s stories)\n" % (total, big))
print("| figure | tool | ms | net of the tmux floor, ms | peak RSS MB | target | verdict |")
print("|---|---|---:|---:|---:|---|---|")
for fig, tool, var, fv, target, limit in [
        ("4", "hearsay", "first-screen", "first-screen", "<= 150 ms, <= 20 MB", 150),
        ("4", "sfeed_curses", "first-screen", "first-screen", "", None),
        ("5", "hearsay", "open-largest", "key", "<= 50 ms", 50),
        ("5", "hearsay", "jump-end", "key", "<= 50 ms", 50),
        ("5", "hearsay", "search", "key", "<= 50 ms", 50),
        ("5", "hearsay", "mark-feed-read", "key", "<= 50 ms", 50)]:
    r = get.get((fig, tool, var))
    if r is None:
        continue
    n = net(fig, tool, var, fv)
    rss = "%.1f" % (int(r[4]) / 1024) if r[4] else "-"
    v = verdict(n, limit) if limit else "-"
    if fig == "4" and tool == "hearsay" and r[4]:
        v = v if int(r[4]) <= 20 * 1024 or v != "met" else "**missed** (RSS)"
    print("| %s | %s %s | %s | %s | %s | %s | %s |" % (fig, tool, var, r[3], n, rss, target, v))
for fv in ("first-screen", "key"):
    f = get.get(("4" if fv == "first-screen" else "5", "floor", fv))
    if f:
        print("| floor | %s (tmux + polling) | %s | | | | |" % (fv, f[3]))
print()
print("### 6. Extraction (`hearsay quotes`)\n")
print("| run | ms | HTML MB | text MB | MB/s of text | target | verdict |")
print("|---|---:|---:|---:|---:|---|---|")
for var in ("quotes-per-story", "quotes-one-document"):
    r = get.get(("6", "hearsay", var))
    if r is None:
        continue
    parts = r[4].split()
    html, text = int(parts[0]), int(parts[1])
    rate = text / 1e6 / (int(r[3]) / 1000.0) if int(r[3]) > 0 else 0
    print("| %s | %s | %.2f | %.2f | %.1f | >= 20 MB/s | %s |" % (
        var, r[3], html / 1e6, text / 1e6, rate, "met" if rate >= 20 else "**missed**"))
EOF
