#!/bin/sh
# run.sh - the hearsay benchmarks: parse throughput, cold/warm/incremental
# refresh against a loopback server, and callgrind instruction counts, with
# newsraft, newsboat, sfeed and the `xmllint --stream` floor measured in the
# same run.
#
#   bench/run.sh [--quick|--full|--big] [--hearsay PATH] [--work DIR]
#                [--feeds N] [--stories M] [--hosts H] [--no-install] [--keep]
#                [--newsraft PATH]
#
# The server answers on H loopback addresses (127.0.0.1 ... 127.0.0.H,
# default 8) and the feeds are spread over them, as a real subscription
# list spreads over many hosts (hearsay fetches at most 2 at a time from
# one host by default).
#
# --quick: 20 feeds x 20 stories; --full (default): 500 x 100; --big:
# 1000 x 100.  Missing peers are installed with apt-get when run as root,
# otherwise skipped with a note.  The table goes to stdout and, with the
# raw figures, to WORK/results.md and WORK/results.tsv.  newsraft is built
# into WORK from ../shared/peers/newsraft-0.34.tar.gz (see its README) when
# --newsraft is not given, and skipped with a note when it does not build.
#
# It must never touch anything outside WORK, never listen beyond the
# loopback (127.0.0.0/8), and never leave its server running: the server is stopped by
# pid and also stops by itself.
set -u

here=$(cd "$(dirname "$0")" && pwd)
mode=full
feeds=
stories=
work=${TMPDIR:-/tmp}/hearsay-bench
install=1
keep=0
hearsay=${HEARSAY:-}
hosts=8
newsraft=

while [ $# -gt 0 ]; do
	case $1 in
	--quick) mode=quick ;;
	--full) mode=full ;;
	--big) mode=big ;;
	--hearsay) shift; hearsay=$1 ;;
	--work) shift; work=$1 ;;
	--feeds) shift; feeds=$1 ;;
	--stories) shift; stories=$1 ;;
	--hosts) shift; hosts=$1 ;;
	--newsraft) shift; newsraft=$1 ;;
	--no-install) install=0 ;;
	--keep) keep=1 ;;
	-h|--help) sed -n '2,21s/^# \{0,1\}//p' "$0"; exit 0 ;;
	*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
	esac
	shift
done

case $mode in
quick) : "${feeds:=20}" "${stories:=20}" ;;
full) : "${feeds:=500}" "${stories:=100}" ;;
big) : "${feeds:=1000}" "${stories:=100}" ;;
esac

note() { printf '%s\n' "run.sh: $*" >&2; }
die() { note "$*"; exit 1; }

if [ -z "$hearsay" ]; then
	for c in ./src/hearsay "$here/../build/src/hearsay" "$here/../src/hearsay"; do
		[ -x "$c" ] && { hearsay=$c; break; }
	done
fi
[ -n "$hearsay" ] && [ -x "$hearsay" ] || die "no hearsay binary (build first, or --hearsay PATH)"
hearsay=$(cd "$(dirname "$hearsay")" && pwd)/$(basename "$hearsay")
command -v python3 >/dev/null || die "python3 is needed"

# Peers: program -> Debian package.
need_pkgs=
for pair in newsboat:newsboat sfeed_update:sfeed xmllint:libxml2-utils \
    valgrind:valgrind /usr/bin/time:time; do
	prog=${pair%%:*} pkg=${pair#*:}
	command -v "$prog" >/dev/null 2>&1 || need_pkgs="$need_pkgs $pkg"
done
if [ -n "$need_pkgs" ]; then
	if [ "$install" = 1 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		note "installing$need_pkgs"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q $need_pkgs >/dev/null 2>&1 ||
		    { apt-get update -q >/dev/null 2>&1 &&
		      DEBIAN_FRONTEND=noninteractive apt-get install -y -q $need_pkgs >/dev/null 2>&1; } ||
		    note "apt-get failed; the missing peers are skipped"
	else
		note "missing:$need_pkgs (not root or --no-install): skipped"
	fi
fi
[ -x /usr/bin/time ] || die "/usr/bin/time (Debian package time) is needed for peak RSS"
have() { command -v "$1" >/dev/null 2>&1; }

mkdir -p "$work" || die "cannot create $work"
work=$(cd "$work" && pwd)

# newsraft from the peers' tarball, built once into WORK (its build needs
# Debian's libcurl, expat, gumbo and SQLite development packages).
peers=$here/../../shared/peers/newsraft-0.34.tar.gz
if [ -z "$newsraft" ] && [ -s "$peers" ]; then
	if [ ! -x "$work/newsraft-0.34/newsraft" ]; then
		tar -xzf "$peers" -C "$work" &&
		make -s -C "$work/newsraft-0.34" CFLAGS=-O2 >"$work/newsraft-build.log" 2>&1 ||
		    note "newsraft did not build (see $work/newsraft-build.log)"
	fi
	[ -x "$work/newsraft-0.34/newsraft" ] && newsraft=$work/newsraft-0.34/newsraft
fi
if [ -n "$newsraft" ]; then
	newsraft=$(cd "$(dirname "$newsraft")" && pwd)/$(basename "$newsraft")
	[ -x "$newsraft" ] || die "--newsraft $newsraft: not an executable"
fi
corpus=$work/corpus
tsv=$work/results.tsv
notes=$work/notes.txt
: > "$tsv"
: > "$notes"
srv_pid=

cleanup() {
	[ -n "$srv_pid" ] && kill "$srv_pid" 2>/dev/null
	[ "$keep" = 1 ] || rm -rf "$work/state" "$work/cg"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- corpus ---------------------------------------------------------------
# The same seed and shape give the same corpus: a corpus left by an earlier
# run is reused after putting its mutated feeds back (--reset).
shape=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["feeds"], d["stories"], d["seed"])' \
    "$corpus/corpus.json" 2>/dev/null)
if [ "$shape" = "$feeds $stories hearsay" ] &&
    python3 "$here/gen_corpus.py" --out "$corpus" --reset >&2; then
	note "reusing the corpus in $corpus"
else
	rm -rf "$corpus"
	python3 "$here/gen_corpus.py" --out "$corpus" --feeds "$feeds" --stories "$stories" >&2 ||
	    die "corpus generation failed"
fi
sed "s|^|$corpus/feeds/|" "$corpus/feeds.txt" > "$work/files.txt"
bytes=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["bytes"])' "$corpus/corpus.json")

# One measurement: row fields are tab-separated.
#   figure tool variable wall_s rss_kb n200 n304 nother rc extra
row() { printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >> "$tsv"; }

# timed FILE CMD...: run CMD under /usr/bin/time -v, its figures into FILE.
timed() {
	tf=$1; shift
	/usr/bin/time -v -o "$tf" "$@" > "$tf.out" 2> "$tf.err"
}
wall_of() {
	awk -F': ' '/Elapsed \(wall clock\)/ {
		n = split($2, a, ":"); s = 0
		for (i = 1; i <= n; i++) s = s * 60 + a[i]
		printf "%.3f\n", s }' "$1"
}
rss_of() { awk -F': ' '/Maximum resident set size/ { print $2 }' "$1"; }
rc_of() { awk -F': ' '/Exit status/ { print $2 }' "$1"; }
cpu_of() {
	awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f\n", s }' "$1"
}

# --- 1. parse throughput ----------------------------------------------------
# Every tool runs once per file from the same shell loop (process start-up
# included for all); best of three passes.
parse_cmd() {
	case $1 in
	hearsay) echo '"$0" parse "$f"' ;;
	hearsay-json) echo '"$0" parse --json "$f"' ;;
	sfeed) echo 'sfeed < "$f"' ;;
	xmllint) echo 'xmllint --stream --noout "$f"' ;;
	esac
}
bench_parse() {
	tool=$1
	best=
	loop="while read -r f; do $(parse_cmd "$tool"); done < \"\$1\" > /dev/null"
	passes="1 2 3"
	[ "$tool" = hearsay-json ] && passes=1	# slow, and only for reference
	for pass in $passes; do
		/usr/bin/time -v -o "$work/t.parse" sh -c "$loop" "$hearsay" "$work/files.txt"
		w=$(wall_of "$work/t.parse")
		r=$(rss_of "$work/t.parse")
		if [ -z "$best" ] || awk -v a="$w" -v b="$best" 'BEGIN { exit !(a < b) }'; then
			best=$w bestrss=$r
		fi
	done
	mbs=$(awk -v b="$bytes" -v w="$best" 'BEGIN { printf "%.1f", b / 1e6 / w }')
	row parse "$tool" - "$best" "$bestrss" - - - 0 "$mbs"
	note "parse $tool: ${best}s, $mbs MB/s"
}

# --- 2/3. refresh -------------------------------------------------------------
start_server() {
	rm -f "$work/port"
	python3 "$here/server.py" --root "$corpus" --port-file "$work/port" \
	    --log "$work/server.log" --delay-ms "$1" --idle 300 --lifetime 7200 \
	    --hosts "$hosts" --parent $$ &
	srv_pid=$!
	i=0
	while [ ! -s "$work/port" ]; do
		i=$((i + 1))
		[ $i -gt 100 ] && die "the server did not start"
		sleep 0.1
	done
	port=$(cat "$work/port")
	# Feed i on host 127.0.0.(i mod H + 1).
	awk -v port="$port" -v hosts="$hosts" \
	    '{ printf "http://127.0.0.%d:%s/feeds/%s\n", (NR - 1) % hosts + 1, port, $0 }' \
	    "$corpus/feeds.txt" > "$work/urls"
}
stop_server() {
	[ -n "$srv_pid" ] && kill "$srv_pid" 2>/dev/null && wait "$srv_pid" 2>/dev/null
	srv_pid=
}

# setup_TOOL DIR: a fresh state for TOOL in DIR.
setup_hearsay() { mkdir -p "$1"; }
setup_hearsay_wide() { mkdir -p "$1"; }
setup_hearsay_noan() { mkdir -p "$1"; }
setup_newsraft() {
	mkdir -p "$1/home"
	: > "$1/config"
	cp "$work/urls" "$1/feeds"
}
setup_newsboat() { mkdir -p "$1/home/.config" "$1/home/.local/share"; : > "$1/config"; }
setup_sfeed() {
	mkdir -p "$1/feeds"
	{
		printf 'sfeedpath="%s/feeds"\nfeeds() {\n' "$1"
		awk '{ printf "\tfeed \"f%05d\" \"%s\"\n", NR, $0 }' "$work/urls"
		printf '}\n'
	} > "$1/sfeedrc"
}

# measure FIGURE TOOL VAR STATE: one timed refresh, with its server log lines.
measure() {
	fig=$1 tool=$2 var=$3 st=$4
	case $tool in
	hearsay) set -- "$hearsay" -u "$work/urls" -d "$st/hearsay.db" refresh -q ;;
	hearsay_wide) set -- "$hearsay" -u "$work/urls" -d "$st/hearsay.db" refresh -q \
	    -j 64 --per-host 8 ;;
	hearsay_noan) set -- "$hearsay" -u "$work/urls" -d "$st/hearsay.db" refresh -q \
	    --no-analyze ;;
	newsraft) set -- env HOME="$st/home" XDG_CONFIG_HOME="$st/home/.config" \
	    XDG_DATA_HOME="$st/home/.local/share" \
	    "$newsraft" -f "$st/feeds" -c "$st/config" -d "$st/newsraft.db" -e reload-all ;;
	newsboat) set -- env HOME="$st/home" XDG_CONFIG_HOME="$st/home/.config" \
	    XDG_DATA_HOME="$st/home/.local/share" \
	    newsboat -u "$work/urls" -c "$st/cache.db" -C "$st/config" -x reload ;;
	sfeed) set -- sfeed_update "$st/sfeedrc" ;;
	esac
	before=$(wc -l < "$work/server.log")
	timed "$work/t.refresh" "$@" < /dev/null
	sleep 0.3	# the server logs after the last byte is sent
	w=$(wall_of "$work/t.refresh") r=$(rss_of "$work/t.refresh") rc=$(rc_of "$work/t.refresh")
	set -- $(tail -n +"$((before + 1))" "$work/server.log" |
	    awk '$2 == 200 { a++ } $2 == 304 { b++ } $2 != 200 && $2 != 304 { c++ }
		END { print a + 0, b + 0, c + 0 }')
	cpu=$(cpu_of "$work/t.refresh")
	row "$fig" "$tool" "$var" "$w" "$r" "$1" "$2" "$3" "$rc" "$cpu"
	note "$fig $tool $var: ${w}s (cpu ${cpu}s), ${r} KB, 200: $1, 304: $2, other: $3, exit $rc"
	[ "$rc" = 0 ] || sed 's/^/    /' "$work/t.refresh.err" | head -5 >&2
}

# bench_refresh DELAY TOOL:PHASE,PHASE...: each tool from an empty state
# through its phases: cold, warm1 (a first re-run: newsboat only sends its
# validators from its second run on), warm (measured, nothing changed),
# incr (after 10% of the feeds changed).
gen=0
bench_refresh() {
	delay=$1
	shift
	start_server "$delay"
	for spec in "$@"; do
		tool=${spec%%:*}
		st=$work/state/$tool-$delay
		[ "$keep" = 1 ] || rm -rf "$st"
		"setup_$tool" "$st"
		for phase in $(echo "${spec#*:}" | tr , ' '); do
			if [ "$phase" = incr ]; then
				gen=$((gen + 1))
				python3 "$here/gen_corpus.py" --out "$corpus" --mutate 10 \
				    --generation "$gen" > /dev/null
			fi
			measure "$phase" "$tool" "${delay}ms" "$st"
		done
		[ "$keep" = 1 ] || rm -rf "$st"
	done
	stop_server
}

# --- 7. callgrind -------------------------------------------------------------
bench_callgrind() {
	mkdir -p "$work/cg"
	# `hearsay` hands every command but count to hearsay-core in the same
	# process (exec), which valgrind would not follow: count what it runs.
	cg=$hearsay
	[ -x "${hearsay%/*}/hearsay-core" ] && cg=${hearsay%/*}/hearsay-core
	# "empty": process start-up and exit alone (hearsay --version, sfeed
	# on an empty input, xmllint --version), to be subtracted by the reader.
	for kind in empty xml atom rdf; do
		if [ "$kind" = empty ]; then
			f=/dev/null sz=0
		else
			f=$(grep "\.$kind\$" "$work/files.txt" | head -n 1)
			[ -n "$f" ] || continue
			sz=$(wc -c < "$f")
		fi
		for tool in hearsay sfeed xmllint; do
			case $tool/$kind in
			hearsay/empty) set -- "$cg" --version; in=/dev/null ;;
			hearsay/*) set -- "$cg" parse "$f"; in=/dev/null ;;
			sfeed/*) have sfeed || continue; set -- sfeed; in=$f ;;
			xmllint/empty) have xmllint || continue; set -- xmllint --version; in=/dev/null ;;
			xmllint/*) have xmllint || continue; set -- xmllint --stream --noout "$f"; in=/dev/null ;;
			esac
			out=$work/cg/$tool.$kind.out
			valgrind --tool=callgrind --callgrind-out-file="$out" "$@" \
			    < "$in" > /dev/null 2> "$out.log"
			ir=$(awk '/^summary:/ { print $2 }' "$out")
			row callgrind "$tool" "$kind" - - - - - 0 "$ir/$sz"
			note "callgrind $tool $kind ($sz bytes): $ir Ir"
		done
		[ "$kind" = empty ] && continue
		callgrind_annotate --inclusive=no "$work/cg/hearsay.$kind.out" 2>/dev/null |
		    sed -n '1,60p' > "$work/hotspots.$kind.txt"
	done
	# A whole cold refresh of the first five feeds through file:// (no
	# server, no timing noise): where parse, store and fetch spend.
	sed 's|^|file://|' "$work/files.txt" | head -n 5 > "$work/cg/urls"
	sz=$(head -n 5 "$work/files.txt" | xargs cat | wc -c)
	rm -f "$work/cg/refresh.db"*
	valgrind --tool=callgrind --callgrind-out-file="$work/cg/hearsay.refresh.out" \
	    "$cg" -u "$work/cg/urls" -d "$work/cg/refresh.db" refresh -q \
	    > /dev/null 2> "$work/cg/hearsay.refresh.log" < /dev/null
	ir=$(awk '/^summary:/ { print $2 }' "$work/cg/hearsay.refresh.out")
	row callgrind hearsay refresh - - - - - 0 "$ir/$sz"
	note "callgrind hearsay cold refresh of 5 feeds ($sz bytes): $ir Ir"
	callgrind_annotate --inclusive=yes "$work/cg/hearsay.refresh.out" 2>/dev/null |
	    sed -n '1,80p' > "$work/hotspots.refresh.txt"
}

# --- run ----------------------------------------------------------------------
{
	echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "machine: $(nproc) CPUs, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)," \
	    "$(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM, load $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "corpus: $feeds feeds x $stories stories, $bytes bytes"
	echo "hearsay: $("$hearsay" --version 2>&1 | head -n 1)"
	[ -n "$newsraft" ] && echo "newsraft: $("$newsraft" -v 2>&1 | head -n 1)"
	have newsboat && echo "newsboat: $(newsboat -v 2>&1 | head -n 1)"
	have sfeed && echo "sfeed: $(dpkg-query -W -f '${Version}' sfeed 2>/dev/null)"
	have xmllint && echo "xmllint: $(xmllint --version 2>&1 | head -n 1)"
	have valgrind && echo "valgrind: $(valgrind --version)"
} > "$notes"

note "parse throughput"
: "${parse_tools:=hearsay hearsay-json}"
have sfeed && parse_tools="$parse_tools sfeed"
have xmllint && parse_tools="$parse_tools xmllint"
for t in $parse_tools; do bench_parse "$t"; done

# At 50 ms the slow peers only do the cold refresh (newsboat alone would
# take minutes more); sfeed has no validators, so no warm1 for it.
all=cold,warm1,warm,incr
at0="hearsay:$all hearsay_noan:$all" at50="hearsay:$all hearsay_noan:cold"
if [ -n "$newsraft" ]; then
	at0="$at0 newsraft:$all" at50="$at50 newsraft:cold"
else
	note "newsraft missing (no tarball, or it did not build): skipped"
fi
if have newsboat; then
	at0="$at0 newsboat:$all" at50="$at50 newsboat:cold"
else
	note "newsboat missing: skipped"
fi
if have sfeed_update; then
	at0="$at0 sfeed:cold,warm,incr" at50="$at50 sfeed:cold"
else
	note "sfeed missing: skipped"
fi
note "refresh, 0 ms"
bench_refresh 0 $at0
note "refresh, 50 ms"
bench_refresh 50 $at50 hearsay_wide:$all

if have valgrind; then
	note "callgrind"
	bench_callgrind
else
	note "valgrind missing: callgrind skipped"
fi

echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$notes"
python3 "$here/report.py" "$tsv" "$notes" | tee "$work/results.md"
