#!/bin/sh
# test_newsboat_real.sh - hearsay import-newsboat on real newsboat configs,
# as users keep them in their dotfiles (../shared/newsboat-configs/configs
# beside the clone, or the folder named by HEARSAY_NEWSBOAT_CONFIGS; never
# copied into the project): each imports with exit 0, every line of it is
# a comment or blank, translated or reported with its line number, the
# hearsay config made loads without a problem, and a second import
# changes nothing.  Without the folder the test is skipped (77).
. "$top_srcdir/tests/lib.sh"

dir=${HEARSAY_NEWSBOAT_CONFIGS:-$top_srcdir/../shared/newsboat-configs/configs}
[ -d "$dir" ] || dir="$top_srcdir/../../shared/newsboat-configs/configs"
if [ ! -d "$dir" ] || [ -z "$(ls -A "$dir" 2>/dev/null)" ]; then
	echo "SKIP: no configs in ../shared/newsboat-configs/configs beside $top_srcdir"
	exit 77
fi

n=0
for src in "$dir"/*; do
	[ -f "$src" ] || continue
	n=$((n + 1))
	cfg=$(basename "$src")
	# Each its own newsboat folder, hearsay config and ~ (its includes
	# name the user's other files, which are not here: reported lines).
	w="$TMP/$n"
	mkdir -p "$w/nb" "$w/home"
	cp "$src" "$w/nb/config"
	run() {
		HOME="$w/home" XDG_CONFIG_HOME="$w/xdg" XDG_DATA_HOME="$w/data" \
		    "$HEARSAY" "$@"
	}
	run import-newsboat "$w/nb" >"$w/out" 2>"$w/err"; rc=$?
	expect_eq "$cfg: exit 0" "$rc" 0
	conf="$w/xdg/hearsay/config"
	theme="$w/xdg/hearsay/themes/newsboat.theme"
	[ -f "$theme" ] || theme=/dev/null
	awk '{ sub(/\r$/, "") } !/^[ \t]*(#|$)/ { print FNR }' "$w/nb/config" |
	while read -r l; do
		grep -qx "# newsboat config:$l" "$conf" "$theme" ||
		    grep -q "^hearsay: $w/nb/config:$l: " "$w/err" ||
		    echo "line $l"
	done >"$w/dropped"
	check "$cfg: no line dropped silently" test ! -s "$w/dropped"
	head -3 "$w/dropped"
	run check-config >"$w/check" 2>&1; rc=$?
	expect_eq "$cfg: hearsay reads the config made, no problem" "$rc" 0
	[ "$rc" -eq 0 ] || head -3 "$w/check"
	sum=$(cat "$conf" "$theme" | cksum)
	run import-newsboat "$w/nb" >/dev/null 2>&1
	expect_eq "$cfg: a second import changes nothing" \
	    "$(cat "$conf" "$theme" | cksum)" "$sum"
	sed -n 's/^config: \([0-9]* lines translated\)/\1/p' "$w/out" >>"$TMP/counts"
done

# The collection's figures, for the record.
awk '{ t += $1; r += $4; b += $9 } END {
	printf "# %d configs: %d lines translated, %d reported, %d blank or comments\n",
	    NR, t, r, b }' "$TMP/counts"
check "configs were read" test "$n" -gt 0
finish
