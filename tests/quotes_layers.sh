#!/bin/sh
# tests/quotes_layers.sh - the quote engine's layers go one way.  The
# "Layers:" line of src/quotes/quotes_int.h lists its files, lowest first;
# every function a file of src/quotes/ calls in another (read from the
# built objects with nm: what each one defines and what it leaves
# undefined) must be defined lower in that list, so no two files call
# each other.  The includes are checked too: the private header stays
# inside src/quotes/, and no engine file includes another .c, curses,
# SQLite or curl.
. "$top_srcdir/tests/lib.sh"

need nm awk
hdr="$top_srcdir/src/quotes/quotes_int.h"
obj="$top_builddir/src/quotes"
layers=$(sed -n 's/^ \* Layers: //p' "$hdr")
if [ -z "$layers" ]; then
	not_ok "quotes_int.h has a Layers: line"
	finish; exit
fi

# Every engine source is in the list, and every listed file exists.
listed=$(printf '%s\n' $layers | sort)
present=$(cd "$top_srcdir/src/quotes" && ls *.c | sed 's/\.c$//' | sort)
expect_eq "Layers: names every file of src/quotes" "$listed" "$present"

for f in $layers; do
	if [ ! -r "$obj/$f.o" ]; then
		echo "SKIP: no $obj/$f.o (build the library first)"
		exit 77
	fi
done

# One line per call across files: CALLER CALLEE SYMBOL, from nm.
for f in $layers; do
	nm -g --defined-only "$obj/$f.o" | awk -v f="$f" \
	    'NF == 3 && $2 ~ /[TDBRC]/ { print "D", f, $3 }'
	nm -u "$obj/$f.o" | awk -v f="$f" '{ print "U", f, $NF }'
done > "$TMP/syms"
awk -v order="$layers" '
	BEGIN { n = split(order, o, " "); for (i = 1; i <= n; i++) rank[o[i]] = i }
	$1 == "D" { def[$3] = $2 }
	$1 == "U" { use[++nu] = $2 " " $3 }
	END {
		for (i = 1; i <= nu; i++) {
			split(use[i], u, " ")
			if (!(u[2] in def) || def[u[2]] == u[1])
				continue
			print u[1], def[u[2]], u[2], (rank[def[u[2]]] < rank[u[1]] ? "down" : "UP")
		}
	}' "$TMP/syms" | sort -u > "$TMP/calls"
if [ -s "$TMP/calls" ]; then
	ok "the engine files call one another ($(wc -l < "$TMP/calls") calls)"
else
	not_ok "no call between the engine files was found (nm output unread?)"
fi
if grep -q ' UP$' "$TMP/calls"; then
	not_ok "every call goes down the layers"
	grep ' UP$' "$TMP/calls" | sed 's/^/  calls up: /'
else
	ok "every call goes down the layers"
fi
awk '{ print $1, $2 }' "$TMP/calls" | sort -u > "$TMP/pairs"
awk '{ print $2, $1 }' "$TMP/pairs" | sort -u | comm -12 - "$TMP/pairs" \
    > "$TMP/both"
if [ -s "$TMP/both" ]; then
	not_ok "no two files call each other"
	sed 's/^/  both ways: /' "$TMP/both"
else
	ok "no two files call each other"
fi

# Includes: quoted includes in the engine are config.h, the public
# headers and quotes_int.h; nothing outside src/quotes/ includes the
# private header.
bad=$(grep -n '^#include' "$top_srcdir"/src/quotes/*.c "$top_srcdir"/src/quotes/*.h |
    grep -v -e '#include <' -e '"config.h"' -e '"hearsay/[a-z_]*\.h"' \
    -e '"quotes_int.h"')
expect_eq "engine files include only public headers and quotes_int.h" "$bad" ""
bad=$(grep -ln -e 'curses' -e 'sqlite3' -e 'curl/' "$top_srcdir"/src/quotes/*.c \
    "$top_srcdir"/src/quotes/*.h)
expect_eq "the engine includes no curses, SQLite or curl" "$bad" ""
bad=$(grep -rln 'quotes_int\.h' "$top_srcdir/src" "$top_srcdir/include" \
    "$top_srcdir/tests" "$top_srcdir/fuzz" | grep -v '/src/quotes/' |
    grep -v 'tests/quotes_layers\.sh')
expect_eq "quotes_int.h is included only inside src/quotes/" "$bad" ""

finish
