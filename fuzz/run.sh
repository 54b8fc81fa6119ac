#!/bin/sh
# run.sh - run one libFuzzer target for a while, from a build dir
# configured with --enable-fuzzing (make fuzz calls it for each target).
#
#   fuzz/run.sh NAME SECONDS [libFuzzer options...]
#
# The corpus grows in fuzz/corpus/NAME (kept between runs, seeded from
# fuzz/targets and fuzz/regress/NAME); a crash, leak or timeout leaves its
# input in fuzz/artifacts/NAME/ and makes the exit status non-zero.  The
# full log is fuzz/artifacts/NAME.log; one summary line goes to stdout.
set -eu

[ $# -ge 2 ] || { echo "usage: fuzz/run.sh NAME SECONDS [options]" >&2; exit 2; }
name=$1 secs=$2
shift 2
srcdir=$(cd "$(dirname "$0")/.." && pwd)
bin=fuzz/fuzz_$name
[ -x "$bin" ] || { echo "run.sh: no $bin here (configure --enable-fuzzing, make)" >&2; exit 2; }
line=$(grep "^$name	" "$srcdir/fuzz/targets") ||
    { echo "run.sh: $name is not in fuzz/targets" >&2; exit 2; }

seeds=fuzz/corpus/.seeds-$name corpus=fuzz/corpus/$name
art=fuzz/artifacts/$name log=fuzz/artifacts/$name.log
rm -rf "$seeds"
mkdir -p "$seeds" "$corpus" "$art"
dict=$(printf '%s\n' "$line" | cut -f2)
globs=$(printf '%s\n' "$line" | cut -f3)
for g in $globs "fuzz/regress/$name"; do
	for f in "$srcdir"/$g; do
		if [ -d "$f" ]; then
			find "$f" -maxdepth 1 -type f ! -name '.*' \
			    -exec cp {} "$seeds/" \;
		elif [ -f "$f" ]; then
			cp "$f" "$seeds/"
		fi
	done
done
[ "$dict" = - ] || set -- "-dict=$srcdir/fuzz/$dict" "$@"

rc=0
"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix="$art/" \
    "$@" "$corpus" "$seeds" >"$log" 2>&1 || rc=$?
rm -rf "$seeds"

# Coverage from the last status line ("#N DONE cov: C ft: F corp: N/S"),
# the run count and speed from the final stats.
cov=$(grep -E '^#[0-9]+' "$log" | tail -n 1 |
    sed -n 's/.*\(cov: [0-9]*\) *\(ft: [0-9]*\) *\(corp: [^ ]*\).*/\1 \2 \3/p')
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
echo "fuzz $name: ${runs:-?} runs, ${speed:-?}/s in ${secs}s; ${cov:-no status line}"
if [ "$rc" -ne 0 ]; then
	echo "fuzz $name: FAILED (exit $rc); input(s) in $art/, log $log:" >&2
	grep -E -A 30 '^==[0-9]+==|runtime error|Test unit written' "$log" |
	    head -n 60 >&2
fi
exit "$rc"
