#!/usr/bin/env python3
"""Compare `hearsay quotes --json` output with a hand annotation.

    match_expected.py EXPECTED.json OUTPUT.json

The annotation lists the quotes (text, speaker, role, cue), the dateline
and the attributions a story must yield.  Quotes match on their words;
sources may differ in case and a leading "the".  Extra output is allowed.
Exit 0 when everything annotated was found, else 1 with the misses.
"""
import json
import re
import sys


def words(s):
    return re.sub(r"[^\w]+", " ", (s or "").lower()).split()


def src(s):
    return re.sub(r"^the ", "", (s or "").lower().strip())


def main():
    exp = json.load(open(sys.argv[1], encoding="utf-8"))
    out = json.load(open(sys.argv[2], encoding="utf-8"))
    miss = []
    if exp.get("dateline") != out.get("dateline"):
        miss.append("dateline %r != %r" % (exp.get("dateline"), out.get("dateline")))
    for q in exp.get("quotes", []):
        got = [o for o in out.get("quotes", []) if words(o["text"]) == words(q["text"])]
        if not got:
            miss.append("quote %r" % q["text"][:40])
            continue
        for k in ("speaker", "speaker_role", "cue"):
            if k in q and got[0].get(k) != q[k]:
                miss.append("quote %s %r != %r" % (k, got[0].get(k), q[k]))
    pairs = [(src(a["source"]), a["cue"].lower()) for a in out.get("attributions", [])]
    for a in exp.get("attributions", []):
        key = (src(a["source"]), a["cue"].lower())
        if key in pairs:
            pairs.remove(key)
        else:
            miss.append("attribution %r" % (key,))
    for m in miss:
        print("  miss: " + m)
    return 1 if miss else 0


if __name__ == "__main__":
    sys.exit(main())
