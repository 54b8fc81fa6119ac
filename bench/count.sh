#!/bin/sh
# count.sh - figure 10 of the benchmarks: the unread count a status bar
# runs every few seconds, start-up included, beside newsraft's
# `-e print-unread-items-count` and newsboat's `-x print-unread` on the
# same stories.
#
#   bench/count.sh [--hearsay PATH] [--work DIR] [--feeds N] [--stories M]
#                  [--newsraft PATH] [--runs R]
#
# The corpus: gen_corpus.py's N feeds x M stories (default 500 x 200 =
# 100,000), read from file:// URLs by each tool into its own store
# (hearsay with --no-analyze).  Each count runs R times (default 200) from
# one shell loop; the figure is the mean wall time per run, best of three
# loops (newsboat: one run a loop, it takes seconds).  newsraft is built
# from ../shared/peers when --newsraft is not given and its build
# dependencies are there; newsboat runs when it is installed (its reload
# of the corpus is slow: it is done once and kept).
#
# Must never touch anything outside WORK.
set -u

here=$(cd "$(dirname "$0")" && pwd)
hearsay=${HEARSAY:-$here/../build/src/hearsay}
work=${TMPDIR:-/tmp}/hearsay-bench
feeds=500 stories=200 runs=200 newsraft=
while [ $# -gt 0 ]; do
	case $1 in
	--hearsay) hearsay=$2; shift ;;
	--work) work=$2; shift ;;
	--feeds) feeds=$2; shift ;;
	--stories) stories=$2; shift ;;
	--newsraft) newsraft=$2; shift ;;
	--runs) runs=$2; shift ;;
	*) echo "usage: $0 [--hearsay PATH] [--work DIR] [--feeds N]" \
	    "[--stories M] [--newsraft PATH] [--runs R]" >&2; exit 2 ;;
	esac
	shift
done
case $hearsay in /*) ;; *) hearsay=$(pwd)/$hearsay ;; esac
note() { printf 'count.sh: %s\n' "$*" >&2; }
dir=$work/count-${feeds}x$stories
mkdir -p "$dir"

# newsraft from the peers' tarball (see ../shared/peers/README.md).
peers=$here/../../shared/peers/newsraft-0.34.tar.gz
if [ -z "$newsraft" ] && [ -s "$peers" ]; then
	if [ ! -x "$work/newsraft-0.34/newsraft" ]; then
		tar -xzf "$peers" -C "$work" &&
		make -s -C "$work/newsraft-0.34" CFLAGS=-O2 >"$work/newsraft-build.log" 2>&1 ||
		    note "newsraft did not build (see $work/newsraft-build.log)"
	fi
	[ -x "$work/newsraft-0.34/newsraft" ] && newsraft=$work/newsraft-0.34/newsraft
fi

if [ ! -s "$dir/corpus/feeds.txt" ]; then
	note "corpus: $feeds feeds x $stories stories"
	python3 "$here/gen_corpus.py" --out "$dir/corpus" --feeds "$feeds" \
	    --stories "$stories" >/dev/null || exit 1
fi
ls "$dir/corpus/feeds" | sed "s|^|file://$dir/corpus/feeds/|" >"$dir/urls"

if [ ! -s "$dir/hearsay.db" ]; then
	note "hearsay refresh"
	"$hearsay" -u "$dir/urls" -d "$dir/hearsay.db" refresh -q --no-analyze
fi
if [ -n "$newsraft" ] && [ ! -s "$dir/newsraft.db" ]; then
	note "newsraft reload-all"
	: >"$dir/newsraft.conf"
	"$newsraft" -f "$dir/urls" -c "$dir/newsraft.conf" -d "$dir/newsraft.db" \
	    -e reload-all >/dev/null 2>&1
fi
if command -v newsboat >/dev/null 2>&1 && [ ! -s "$dir/newsboat.db" ]; then
	note "newsboat reload (slow)"
	: >"$dir/newsboat.conf"
	newsboat -C "$dir/newsboat.conf" -u "$dir/urls" -c "$dir/newsboat.db" \
	    -x reload >/dev/null 2>&1
fi

# mean_us CMD...: the mean wall time of one run over $runs, best of three.
mean_us() {
	best=
	for pass in 1 2 3; do
		s=$(date +%s%N)
		i=0
		while [ "$i" -lt "$runs" ]; do
			"$@" >/dev/null 2>&1
			i=$((i + 1))
		done
		e=$(date +%s%N)
		us=$(((e - s) / runs / 1000))
		[ -z "$best" ] || [ "$us" -lt "$best" ] && best=$us
	done
	echo "$best"
}

printf '| tool | command | prints | us per run |\n|---|---|---|---|\n'
ratio=
h=$(mean_us "$hearsay" -d "$dir/hearsay.db" count)
printf '| hearsay | count | %s | %s |\n' \
    "$("$hearsay" -d "$dir/hearsay.db" count)" "$h"
if [ -n "$newsraft" ]; then
	set -- "$newsraft" -f "$dir/urls" -c "$dir/newsraft.conf" \
	    -d "$dir/newsraft.db" -e print-unread-items-count
	n=$(mean_us "$@")
	printf '| newsraft | print-unread-items-count | %s | %s |\n' \
	    "$("$@" 2>/dev/null)" "$n"
	ratio=$(awk -v a="$h" -v b="$n" 'BEGIN { printf "%.3f", a / b }')
fi
if command -v newsboat >/dev/null 2>&1; then
	set -- newsboat -C "$dir/newsboat.conf" -u "$dir/urls" \
	    -c "$dir/newsboat.db" -x print-unread
	# (newsboat loads its whole cache to count, seconds a run: one run a
	# pass.)
	saved=$runs; runs=1
	b=$(mean_us "$@")
	runs=$saved
	printf '| newsboat | -x print-unread | %s | %s |\n' \
	    "$("$@" 2>/dev/null)" "$b"
fi
[ -z "$ratio" ] || printf '\nhearsay / newsraft: %s (goal: at most 0.5)\n' "$ratio"
