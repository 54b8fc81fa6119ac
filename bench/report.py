#!/usr/bin/env python3
"""report.py - turn run.sh's results.tsv into the Markdown tables of RESULTS.md.

  report.py RESULTS.TSV NOTES.TXT

Each figure puts hearsay beside its peers from the same run, with ratios,
and the targets of the issue with a verdict.  It only reads its two files
and writes to stdout.
"""

import sys

FIELDS = ["figure", "tool", "var", "wall", "rss", "n200", "n304", "nother", "rc", "extra"]


def load(path):
    rows = []
    with open(path) as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == len(FIELDS):
                rows.append(dict(zip(FIELDS, parts)))
    return rows


def num(s):
    try:
        return float(s)
    except (TypeError, ValueError):
        return None


def mb(kb):
    v = num(kb)
    return "-" if v is None else "%.1f" % (v / 1024)


def ratio(a, b, fmt="%.2f"):
    a, b = num(a), num(b)
    if a is None or b is None or b == 0:
        return "-"
    return fmt % (a / b)


def parse_table(rows, out):
    p = {r["tool"]: r for r in rows if r["figure"] == "parse"}
    if not p:
        return
    out.append("### 1. Parse throughput (one process per file; best of 3 passes, `--json` one pass)\n")
    out.append("| tool | wall s | MB/s | peak RSS MB | hearsay `parse` ÷ tool (MB/s) |")
    out.append("|---|---:|---:|---:|---:|")
    hs = p.get("hearsay")
    for t in ["hearsay", "hearsay-json", "sfeed", "xmllint"]:
        if t in p:
            r = p[t]
            name = {"hearsay": "hearsay parse", "hearsay-json": "hearsay parse --json",
                    "sfeed": "sfeed", "xmllint": "xmllint --stream --noout (floor)"}[t]
            out.append("| %s | %s | %s | %s | %s |" % (
                name, r["wall"], r["extra"], mb(r["rss"]),
                ratio(hs["extra"], r["extra"]) if hs else "-"))
    out.append("")


TOOLNAME = {"hearsay": "hearsay", "hearsay_wide": "hearsay -j64 --per-host 8",
            "hearsay_noan": "hearsay --no-analyze",
            "newsraft": "newsraft -e reload-all", "newsboat": "newsboat -x reload", "sfeed": "sfeed_update"}


def refresh_table(rows, out):
    rr = [r for r in rows if r["figure"] in ("cold", "warm1", "warm", "incr")]
    if not rr:
        return
    out.append("### 2/3. Refresh against the loopback server\n")
    out.append("cold = empty state; warm1 = first re-run (validators stored); "
               "warm = second re-run, nothing changed; incr = 10% of the feeds "
               "changed (one new story each).  CPU = user + system time of the tool and its "
               "children (for sfeed_update: every curl and sfeed it runs).\n")
    out.append("| phase | latency | tool | wall s | CPU s | peak RSS MB | 200 | 304 | other | "
               "exit | tool ÷ hearsay (wall) |")
    out.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    base = {(r["figure"], r["var"]): r for r in rr if r["tool"] == "hearsay"}
    for phase in ["cold", "warm1", "warm", "incr"]:
        for lat in sorted({r["var"] for r in rr}, key=lambda v: float(v.rstrip("ms"))):
            for r in rr:
                if r["figure"] != phase or r["var"] != lat:
                    continue
                b = base.get((phase, lat))
                out.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
                    phase, lat, TOOLNAME.get(r["tool"], r["tool"]), r["wall"], r["extra"],
                    mb(r["rss"]),
                    r["n200"], r["n304"], r["nother"], r["rc"],
                    ratio(r["wall"], b["wall"]) if b else "-"))
    out.append("")


def callgrind_table(rows, out):
    cg = [r for r in rows if r["figure"] == "callgrind"]
    if not cg:
        return
    got = {(r["tool"], r["var"]): r["extra"].split("/") for r in cg}
    start = {t: num(got[(t, "empty")][0]) for t in ("hearsay", "sfeed", "xmllint")
             if (t, "empty") in got}
    out.append("### 7. Callgrind instructions (Ir) for one feed file, whole process\n")
    out.append("\"net\" subtracts the tool's own start-up (the first row).\n")
    out.append("| format | bytes | hearsay Ir | sfeed Ir | xmllint --stream Ir | "
               "hearsay ÷ sfeed | hearsay ÷ xmllint | net Ir/byte hearsay / sfeed / xmllint |")
    out.append("|---|---:|---:|---:|---:|---:|---:|---|")

    def fmt(v):
        return "-" if v is None else "{:,}".format(int(v))

    for kind in ["empty", "xml", "atom", "rdf"]:
        if ("hearsay", kind) not in got:
            continue
        size = num(got[("hearsay", kind)][1])
        ir = {t: num(got[(t, kind)][0]) if (t, kind) in got else None
              for t in ("hearsay", "sfeed", "xmllint")}
        net = []
        for t in ("hearsay", "sfeed", "xmllint"):
            if size and ir[t] is not None and t in start:
                net.append("%.0f" % ((ir[t] - start[t]) / size))
            else:
                net.append("-")
        out.append("| %s | %d | %s | %s | %s | %s | %s | %s |" % (
            {"empty": "start-up only", "xml": "RSS 2.0", "atom": "Atom",
             "rdf": "RSS 1.0"}[kind], size or 0, fmt(ir["hearsay"]), fmt(ir["sfeed"]),
            fmt(ir["xmllint"]), ratio(ir["hearsay"], ir["sfeed"]),
            ratio(ir["hearsay"], ir["xmllint"]), " / ".join(net)))
    if ("hearsay", "refresh") in got:
        ir, size = got[("hearsay", "refresh")]
        out.append("")
        out.append("Cold `hearsay refresh` of the first five feeds through file:// "
                   "(%s bytes): %s Ir, %.0f Ir/byte." % (size, fmt(num(ir)),
                                                       num(ir) / num(size)))
    out.append("")


SUFFIX = {"hearsay_wide": " (-j64 --per-host 8)", "hearsay_noan": " (--no-analyze)"}


def verdict(ok):
    return "-" if ok is None else ("met" if ok else "**missed**")


def targets(rows, out):
    get = {(r["figure"], r["tool"], r["var"]): r for r in rows}
    lines = []

    def add(name, value, ok):
        lines.append("| %s | %s | %s |" % (name, value, verdict(ok)))

    for lat, tool in (("0ms", "hearsay"), ("0ms", "hearsay_noan"), ("50ms", "hearsay"),
                      ("50ms", "hearsay_noan"), ("50ms", "hearsay_wide")):
        c = get.get(("cold", tool, lat))
        if c:
            w = num(c["wall"])
            lat = lat + SUFFIX.get(tool, "")
            add("cold refresh <= 4 s at %s" % lat, "%.2f s" % w, w <= 4)
            nb = get.get(("cold", "newsboat", lat.split()[0]))
            if nb:
                add("cold refresh <= 1/10 of newsboat at %s" % lat,
                    "newsboat ÷ hearsay = %s" % ratio(nb["wall"], c["wall"]),
                    num(nb["wall"]) >= 10 * w)
            nr = get.get(("cold", "newsraft", lat.split()[0]))
            if nr:
                add("cold refresh <= 0.7x newsraft at %s" % lat,
                    "hearsay ÷ newsraft = %s" % ratio(c["wall"], nr["wall"]),
                    w <= 0.7 * num(nr["wall"]))
            r = num(c["rss"]) / 1024
            add("cold refresh peak RSS <= 100 MB at %s" % lat, "%.1f MB" % r, r <= 100)
    for lat, tool in (("0ms", "hearsay"), ("0ms", "hearsay_noan"), ("50ms", "hearsay"),
                      ("50ms", "hearsay_noan"), ("50ms", "hearsay_wide")):
        w = get.get(("warm", tool, lat))
        if w:
            lat = lat + SUFFIX.get(tool, "")
            allc = int(w["n304"]) > 0 and int(w["n200"]) == 0 and int(w["nother"]) == 0
            add("warm refresh every feed 304, <= 0.5 s at %s" % lat,
                "%s s, %s × 304, %s × 200" % (w["wall"], w["n304"], w["n200"]),
                allc and num(w["wall"]) <= 0.5)
            nr = get.get(("warm", "newsraft", lat.split()[0]))
            if nr:
                add("warm refresh <= 0.5x newsraft at %s" % lat,
                    "hearsay ÷ newsraft = %s" % ratio(w["wall"], nr["wall"]),
                    num(w["wall"]) <= 0.5 * num(nr["wall"]))
    for lat, tool in (("0ms", "hearsay"), ("0ms", "hearsay_noan"), ("50ms", "hearsay"),
                      ("50ms", "hearsay_noan"), ("50ms", "hearsay_wide")):
        i = get.get(("incr", tool, lat))
        if i:
            lat = lat + SUFFIX.get(tool, "")
            add("incremental refresh (10%% changed) <= 1.5 s at %s" % lat,
                "%s s" % i["wall"], num(i["wall"]) <= 1.5)
            nr = get.get(("incr", "newsraft", lat.split()[0]))
            if nr:
                add("incremental refresh <= 0.7x newsraft at %s" % lat,
                    "hearsay ÷ newsraft = %s" % ratio(i["wall"], nr["wall"]),
                    num(i["wall"]) <= 0.7 * num(nr["wall"]))
    hs, xl = get.get(("parse", "hearsay", "-")), get.get(("parse", "xmllint", "-"))
    if hs and xl:
        q = num(hs["extra"]) / num(xl["extra"])
        add("parse >= 70% of the xmllint --stream floor", "%.0f%%" % (100 * q), q >= 0.7)
    if lines:
        out.append("### Targets\n")
        out.append("| target | measured | verdict |")
        out.append("|---|---|---|")
        out.extend(lines)
        out.append("")


def main():
    if len(sys.argv) != 3:
        sys.stderr.write("usage: report.py RESULTS.TSV NOTES.TXT\n")
        return 2
    rows = load(sys.argv[1])
    out = ["```"]
    with open(sys.argv[2]) as f:
        out.extend(line.rstrip("\n") for line in f)
    out.append("```\n")
    targets(rows, out)
    parse_table(rows, out)
    refresh_table(rows, out)
    callgrind_table(rows, out)
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
