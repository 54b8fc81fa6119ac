#!/bin/sh
# hostile.sh - how long hearsay takes over the hostile documents of
# tests/hostile/test_bombs.sh (which asserts only what they come to, and
# memory): wall time, CPU time and peak RSS of `hearsay parse --json` on
# each, and of one `refresh` of the 100,000-item feed.  The scaled kinds
# (deep, attrs, text, items, json-items) are measured at a quarter, a half
# and all of their size: "x2 CPU" is the growth per doubling of the CPU
# time above the floor (a one-item feed: start-up, mostly), about 2 for a
# linear parse and 4 for a quadratic one (what 200,000 attributes once
# were).  Times are the best of three runs.
#
#   bench/hostile.sh [--hearsay PATH] [--work DIR]
#
# Must never touch anything outside WORK (default $TMPDIR/hearsay-bench).
set -u

here=$(cd "$(dirname "$0")" && pwd)
hearsay=${HEARSAY:-$here/../build/src/hearsay}
work=${TMPDIR:-/tmp}/hearsay-bench
while [ $# -gt 0 ]; do
	case $1 in
	--hearsay) hearsay=$2; shift ;;
	--work) work=$2; shift ;;
	*) echo "usage: $0 [--hearsay PATH] [--work DIR]" >&2; exit 2 ;;
	esac
	shift
done
case $hearsay in /*) ;; *) hearsay=$(pwd)/$hearsay ;; esac
command -v python3 >/dev/null 2>&1 || { echo "hostile.sh: python3 is required" >&2; exit 1; }
py="$here/../tests/hostile/hostile.py"
dir=$work/hostile
rm -rf "$dir"
mkdir -p "$dir"

# best3 CMD...: "SECONDS CPU RSS STATUS" of the run with the least CPU
# time of three.
best3() {
	for _i in 1 2 3; do
		python3 "$py" measure "$dir/out" "$@"
	done | sort -k2,2n | head -n 1
}

# row NAME SIZE FIGURES [PREV_CPU]: one table row.
row() {
	set -- "$1" "$2" $3 "${4:-}"
	x2=-
	[ -n "$7" ] && x2=$(awk -v a="$7" -v b="$4" -v f="$floor" \
	    'BEGIN { a -= f; b -= f; if (a >= 0.02) printf "%.1f", b / a; else printf "-" }')
	printf '| %s | %s | %s | %s | %s | %s | %s |\n' \
	    "$1" "$2" "$3" "$4" "$x2" "$(($5 / 1024))" "$6"
}

echo "hearsay: $hearsay"
echo
echo '| document | size | wall s | CPU s | x2 CPU | max RSS MB | exit |'
echo '|---|---|---|---|---|---|---|'
printf '<rss version="2.0"><channel><title>floor</title><item><title>one</title></item></channel></rss>\n' >"$dir/doc"
m=$(best3 "$hearsay" parse --json "$dir/doc")
floor=$(echo "$m" | cut -d' ' -f2)
row "floor (one item)" - "$m"
for kind in laughs quadratic garbage json-garbage; do
	python3 "$py" big "$kind" "$dir/doc"
	row "$kind" - "$(best3 "$hearsay" parse --json "$dir/doc")"
done
for spec in deep:100000 attrs:200000 text:10485760 items:100000 \
    json-items:100000; do
	kind=${spec%%:*} full=${spec#*:} prev=
	for n in $((full / 4)) $((full / 2)) "$full"; do
		python3 "$py" big "$kind" "$dir/doc" "$n"
		m=$(best3 "$hearsay" parse --json "$dir/doc")
		row "$kind" "$n" "$m" "$prev"
		prev=$(echo "$m" | cut -d' ' -f2)
	done
done
rm -f "$dir/doc"

# One refresh of the 100k-item feed (cut to 10,000) into a new store.
python3 "$py" big items "$dir/items.xml"
echo "file://$dir/items.xml" >"$dir/urls"
for _i in 1 2 3; do
	rm -f "$dir/big.db" "$dir/big.db-wal" "$dir/big.db-shm"
	python3 "$py" measure "$dir/out" "$hearsay" -u "$dir/urls" \
	    -d "$dir/big.db" refresh -q
done | sort -k2,2n | head -n 1 >"$dir/refresh"
row "refresh, 100k items" - "$(cat "$dir/refresh")"
