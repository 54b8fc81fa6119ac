#!/usr/bin/env python3
"""quotes.py - figure 10 of the benchmarks: the quote engine's throughput,
`hearsay quotes --json` on one large input, in MB of text per second of
one core's CPU time (user + system of the process, best of --runs).

  bench/quotes.py [--hearsay PATH] [--work DIR] [--mb N] [--runs R]
                  [--input FILE]

The input: the bodies of a corpus made by gen_corpus.py (our own writing,
the same bytes every time), parsed with `hearsay parse --json`, their HTML
turned to plain text here, joined until N MB (default 8).  The HTML of the
same bodies is timed too, as one document.  --input times a file of yours
instead (its bytes are the MB).  The output is read and counted, so a run
that printed nothing is an error, not a fast run.

Never part of `make check`: it times, and times are for reading.  Writes
only under WORK.
"""
import argparse
import html
import json
import os
import re
import resource
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def bodies(hearsay, corpus):
    """The HTML bodies of every feed of the corpus, in file order."""
    out = []
    feeds = os.path.join(corpus, "feeds")
    for name in sorted(os.listdir(feeds)):
        p = subprocess.run([hearsay, "parse", "--json",
                            os.path.join(feeds, name)],
                           stdout=subprocess.PIPE, check=True)
        for item in json.loads(p.stdout).get("items", []):
            body = item.get("content") or item.get("summary")
            if body:
                out.append(((item.get("title") or ""), body))
    return out


def plain(body):
    """Crude HTML to text: block ends become paragraph breaks."""
    s = re.sub(r"(?i)</(p|h\d|li|blockquote|div)>|<br\s*/?>", "\n\n", body)
    s = html.unescape(re.sub(r"<[^>]*>", "", s))
    return re.sub(r"\n{3,}", "\n\n", s).strip()


def fill(parts, limit):
    """The parts joined by blank lines, repeated up to limit bytes, cut at a
    paragraph break."""
    one = "\n\n".join(parts).encode("utf-8")
    out = bytearray()
    while len(out) < limit:
        out += one + b"\n\n"
    cut = out.rfind(b"\n\n", 0, limit)
    return bytes(out[:cut if cut > 0 else limit])


def cpu_of(argv):
    """CPU seconds (user + system) of one run of argv, and its output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    p = subprocess.run(argv, stdout=subprocess.PIPE, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, p.stdout


def measure(hearsay, path, runs):
    best, result = None, None
    for _ in range(runs):
        cpu, out = cpu_of([hearsay, "quotes", "--json", path])
        if best is None or cpu < best:
            best = cpu
        result = json.loads(out)
    if not result.get("quotes"):
        sys.exit("quotes.py: %s gave no quotes: not a measure" % path)
    return best, len(result["quotes"]), len(result["attributions"])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--hearsay",
                    default=os.path.join(HERE, "..", "build", "src", "hearsay"))
    ap.add_argument("--work", default=os.path.join(
        os.environ.get("TMPDIR", "/tmp"), "hearsay-bench"))
    ap.add_argument("--mb", type=float, default=8.0)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--input")
    args = ap.parse_args()
    hearsay = os.path.abspath(args.hearsay)
    work = os.path.join(args.work, "quotes")
    os.makedirs(work, exist_ok=True)
    inputs = []
    if args.input:
        inputs.append(("your input", os.path.abspath(args.input)))
    else:
        corpus = os.path.join(work, "corpus")
        if not os.path.isdir(os.path.join(corpus, "feeds")):
            subprocess.run([sys.executable, os.path.join(HERE, "gen_corpus.py"),
                            "--out", corpus, "--feeds", "30", "--stories", "100"],
                           stdout=subprocess.DEVNULL, check=True)
        items = bodies(hearsay, corpus)
        limit = int(args.mb * 1024 * 1024)
        for label, name, parts in (
                ("plain text", "input.txt",
                 [t + "\n\n" + plain(b) for t, b in items]),
                ("HTML, one document", "input.html", [b for _, b in items])):
            path = os.path.join(work, name)
            with open(path, "wb") as f:
                f.write(fill(parts, limit))
            inputs.append((label, path))
    print("| input | MB | CPU s (best of %d) | MB/s | quotes | sources |"
          % args.runs)
    print("|---|---:|---:|---:|---:|---:|")
    for label, path in inputs:
        mb = os.path.getsize(path) / (1024 * 1024)
        cpu, nq, na = measure(hearsay, path, args.runs)
        print("| %s | %.1f | %.3f | %.1f | %d | %d |"
              % (label, mb, cpu, mb / cpu if cpu > 0 else 0.0, nq, na))


if __name__ == "__main__":
    main()
