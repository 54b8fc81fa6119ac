#!/usr/bin/env python3
"""gen_corpus.py - a deterministic corpus of news feeds for the benchmarks.

Writes N feeds of M stories each, mixing RSS 2.0, Atom 1.0 and RSS 1.0
(RDF), with HTML bodies of 2-5 KB built from our own word lists and
templates: datelines, quotations with speakers, "according to" and
"X reported" attributions, block quotes, links and some non-ASCII text.
The same seed always gives byte-identical files.

  gen_corpus.py --out DIR [--feeds N] [--stories M] [--seed S]
  gen_corpus.py --out DIR --mutate PCT --generation G
  gen_corpus.py --out DIR --reset

--mutate rewrites PCT per cent of the feeds already in DIR (chosen from the
seed and G) with one new story on top, to model an incremental refresh;
--reset puts every mutated feed back as it was generated.

It must never touch anything outside DIR and never use the network.
"""

import argparse
import datetime
import json
import os
import random
import sys
from xml.sax.saxutils import escape

FIRST = ["Amara", "Bastien", "Célestine", "Dagny", "Emeka", "Florin", "Gunnhild",
         "Hiroshi", "Ines", "Jarek", "Kalinda", "Lúcio", "Maren", "Nikolai",
         "Oona", "Pradeep", "Quill", "Rosalind", "Søren", "Tamsin", "Ulrich",
         "Vesna", "Wendell", "Ximena", "Yusuf", "Zoë", "Ødger", "Mirela",
         "Théo", "Agnieszka", "Bronwen", "Cosimo"]
LAST = ["Abernathy", "Brückner", "Castellanos", "Dunmore", "Eriksdóttir",
        "Fairweather", "Grzybowski", "Halloran", "Ibáñez", "Jovanović",
        "Kettleby", "Lindqvist", "Marchetti", "Nwachukwu", "Ostrander",
        "Petrović", "Quennell", "Rasmussen", "Sørlie", "Thistlewood",
        "Underhill", "Varga", "Whitcombe", "Yılmaz", "Zielińska", "Okonkwo",
        "Villeneuve", "Haverkamp"]
ROLES = ["a spokeswoman for the ministry", "the harbour authority's chief engineer",
         "deputy mayor", "a senior analyst at the Brennmoor Institute",
         "the union's regional secretary", "a spokesman for the regulator",
         "chief executive of Calloway Freight", "a professor of hydrology",
         "the coalition's finance spokesperson", "director of public affairs",
         "an adviser to the premier", "the police commissioner"]
OUTLETS = ["the Norrvik Courier", "Radio Veltmark", "the Astral Ledger",
           "Kestrel News Service", "the Daily Lanternfield", "Fjordline TV",
           "the Meridian Gazette", "Ostmark Wire", "the Copperbay Herald",
           "Société Télé-Brume"]
AGENCIES = ["Kestrel", "Ostmark Wire", "Brightline Press", "NordPress", "Agence Éclat"]
PLACES = ["PORT HALVARD", "NEW CALDER", "SÃO BRENTA", "KÖLLINGEN", "ARRANMOOR",
          "VELIKO GRAD", "TARSHISH BAY", "LJUBNÉ", "EASTWICK FERRY", "MONTRÉAL-SUR-AIX",
          "ZÜRNBERG", "QUARRY HILL"]
TOPICS = ["the new desalination plant", "the ferry timetable", "the regional budget",
          "a dispute over fishing quotas", "the rail strike", "the museum's reopening",
          "the flood defences", "the tram extension", "the hospital merger",
          "the wind farm tender", "a shortage of school teachers", "the grain harvest",
          "the customs agreement", "the port's night curfew", "the café licensing rules"]
VERBS = ["said", "told reporters", "said in a statement", "wrote in a memo",
         "told", "said on Tuesday", "added", "insisted", "conceded", "warned"]
NOUNS = ["council", "committee", "inspectors", "residents", "engineers", "officials",
         "contractors", "shareholders", "auditors", "commuters", "fishermen",
         "négociants", "teachers", "volunteers", "ministers", "lawyers"]
ADJ = ["provisional", "disputed", "long-delayed", "costly", "unexpected", "modest",
       "sweeping", "cautious", "overdue", "controversial", "temporary", "bold"]
ACTS = ["approved", "postponed", "questioned", "revised", "welcomed", "rejected",
        "audited", "extended", "published", "criticised", "endorsed", "reviewed"]
QUOTE_BITS = ["we cannot keep waiting for another winter", "the numbers simply do not add up",
              "nobody was told until the morning it happened", "this is a matter of public safety",
              "we will publish every document we have", "the plan was sound but the timing was not",
              "people here deserve straight answers", "I have never seen a season like it",
              "the costs have doubled since the first estimate", "it is too early to draw conclusions",
              "our engineers worked through the night", "the decision was taken without us",
              "ça ne peut pas continuer ainsi", "we expect the line to reopen by spring",
              "the report speaks for itself"]
CATS = ["Politics", "Economy", "Transport", "Science", "Culture", "Local", "Weather",
        "Energy", "Health", "Education"]

MIN_BODY, MAX_BODY = 2048, 5120
EPOCH = datetime.datetime(2026, 11, 1, 6, 0, 0, tzinfo=datetime.timezone.utc)


def person(r):
    return "%s %s" % (r.choice(FIRST), r.choice(LAST))


def sentence(r):
    s = "The %s %s %s %s, %s." % (r.choice(NOUNS), r.choice(ADJ), r.choice(ACTS),
                                  r.choice(TOPICS), r.choice(["after weeks of talks",
                                  "in a late session", "despite objections",
                                  "to general surprise", "for the second time this year",
                                  "with a narrow majority"]))
    return s[0].upper() + s[1:]


def quote_par(r):
    who, role = person(r), r.choice(ROLES)
    q = r.choice(QUOTE_BITS)
    q = q[0].upper() + q[1:]
    form = r.randrange(4)
    if form == 0:
        return "<p>“%s,” %s, %s, %s.</p>" % (q, who, role, r.choice(VERBS))
    if form == 1:
        return "<p>%s, %s, %s: “%s.”</p>" % (who, role, r.choice(VERBS), q)
    if form == 2:
        return ("<p>According to %s, %s. “%s,” %s %s.</p>"
                % (r.choice(OUTLETS), sentence(r)[:-1].lower(), q, who, r.choice(VERBS)))
    return ("<blockquote><p>“%s. %s”</p></blockquote><p>— %s, %s</p>"
            % (q, sentence(r), who, role))


def attrib_par(r):
    form = r.randrange(3)
    if form == 0:
        return "<p>%s reported that %s</p>" % (r.choice(OUTLETS).capitalize(),
                                               sentence(r).lower())
    if form == 1:
        return ("<p>%s, according to %s, citing <a href=\"https://example.org/%d\">"
                "documents seen by the paper</a>.</p>"
                % (sentence(r)[:-1], r.choice(OUTLETS), r.randrange(10**6)))
    return "<p><em>%s</em> %s</p>" % (sentence(r), sentence(r))


def body(r):
    parts = ["<p><strong>%s (%s)</strong> — %s %s</p>"
             % (r.choice(PLACES), r.choice(AGENCIES), sentence(r), sentence(r))]
    target = r.randint(MIN_BODY, MAX_BODY)
    size = len(parts[0].encode())
    while size < target:
        k = r.randrange(5)
        p = quote_par(r) if k < 2 else attrib_par(r) if k < 4 else \
            "<p>%s %s %s</p>" % (sentence(r), sentence(r), sentence(r))
        parts.append(p)
        size += len(p.encode()) + 1
    return "\n".join(parts)


def story(r, feed, n):
    when = EPOCH - datetime.timedelta(minutes=37 * n + r.randrange(30))
    return {
        "title": "%s: %s %s" % (r.choice(PLACES).title(), r.choice(NOUNS).capitalize(),
                                 r.choice(ACTS) + " " + r.choice(TOPICS)),
        "link": "https://news.example.net/%s/%d-%d" % (feed["slug"], n, r.randrange(10**5)),
        "guid": "urn:hearsay-bench:%s:%d" % (feed["slug"], n),
        "author": person(r),
        "cat": r.choice(CATS),
        "date": when,
        "body": body(r),
    }


def rfc822(d):
    return d.strftime("%a, %d %b %Y %H:%M:%S +0000")


def iso(d):
    return d.strftime("%Y-%m-%dT%H:%M:%SZ")


def rss2(feed, items):
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
           'xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n'
           '<title>%s</title>\n<link>%s</link>\n<description>%s</description>\n'
           '<language>en</language>\n<lastBuildDate>%s</lastBuildDate>\n'
           % (escape(feed["title"]), feed["home"], escape(feed["desc"]),
              rfc822(items[0]["date"]))]
    for it in items:
        out.append('<item>\n<title>%s</title>\n<link>%s</link>\n'
                   '<guid isPermaLink="false">%s</guid>\n<dc:creator>%s</dc:creator>\n'
                   '<category>%s</category>\n<pubDate>%s</pubDate>\n'
                   '<description>%s</description>\n</item>\n'
                   % (escape(it["title"]), it["link"], it["guid"], escape(it["author"]),
                      it["cat"], rfc822(it["date"]), escape(it["body"])))
    out.append("</channel>\n</rss>\n")
    return "".join(out)


def atom(feed, items):
    out = ['<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
           '<title>%s</title>\n<subtitle>%s</subtitle>\n<link href="%s"/>\n'
           '<id>urn:hearsay-bench:%s</id>\n<updated>%s</updated>\n'
           % (escape(feed["title"]), escape(feed["desc"]), feed["home"], feed["slug"],
              iso(items[0]["date"]))]
    for it in items:
        out.append('<entry>\n<title>%s</title>\n<link rel="alternate" href="%s"/>\n'
                   '<id>%s</id>\n<author><name>%s</name></author>\n'
                   '<category term="%s"/>\n<published>%s</published>\n<updated>%s</updated>\n'
                   '<content type="html">%s</content>\n</entry>\n'
                   % (escape(it["title"]), it["link"], it["guid"], escape(it["author"]),
                      it["cat"], iso(it["date"]), iso(it["date"]), escape(it["body"])))
    out.append("</feed>\n")
    return "".join(out)


def rdf(feed, items):
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n'
           '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
           'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/" '
           'xmlns:content="http://purl.org/rss/1.0/modules/content/">\n'
           '<channel rdf:about="%s">\n<title>%s</title>\n<link>%s</link>\n'
           '<description>%s</description>\n<items><rdf:Seq>\n'
           % (feed["home"], escape(feed["title"]), feed["home"], escape(feed["desc"]))]
    out.extend('<rdf:li rdf:resource="%s"/>\n' % it["link"] for it in items)
    out.append("</rdf:Seq></items>\n</channel>\n")
    for it in items:
        body = it["body"].replace("]]>", "]]]]><![CDATA[>")
        out.append('<item rdf:about="%s">\n<title>%s</title>\n<link>%s</link>\n'
                   '<dc:creator>%s</dc:creator>\n<dc:subject>%s</dc:subject>\n'
                   '<dc:date>%s</dc:date>\n<description>%s</description>\n'
                   '<content:encoded><![CDATA[%s]]></content:encoded>\n</item>\n'
                   % (it["link"], escape(it["title"]), it["link"], escape(it["author"]),
                      it["cat"], iso(it["date"]), escape(it["body"][:300]), body))
    out.append("</rdf:RDF>\n")
    return "".join(out)


WRITERS = {"rss": (rss2, ".xml"), "atom": (atom, ".atom"), "rdf": (rdf, ".rdf")}


def feed_meta(seed, i):
    r = random.Random("%s/feed/%d" % (seed, i))
    kind = r.choices(["rss", "atom", "rdf"], weights=[5, 3, 2])[0]
    slug = "f%05d" % i
    return {
        "slug": slug, "kind": kind, "file": slug + WRITERS[kind][1],
        "title": "%s %s" % (r.choice(PLACES).title(), r.choice(["Courier", "Dispatch",
                  "Notes", "Wire", "Bulletin", "Chronicle", "Tribune", "Gazette"])),
        "desc": "News from %s, in brief and at length." % r.choice(PLACES).title(),
        "home": "https://news.example.net/%s/" % slug,
    }


def write_feed(outdir, seed, i, stories, generation):
    """Write feed i at a generation: generation g adds g new stories on top."""
    feed = feed_meta(seed, i)
    items = []
    for n in range(-generation, stories - generation):
        r = random.Random("%s/story/%d/%d" % (seed, i, n))
        items.append(story(r, feed, n))
    text = WRITERS[feed["kind"]][0](feed, items)
    path = os.path.join(outdir, "feeds", feed["file"])
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)
    return feed, len(text.encode())


def generate(args):
    os.makedirs(os.path.join(args.out, "feeds"), exist_ok=True)
    total, kinds, files = 0, {}, []
    for i in range(args.feeds):
        feed, size = write_feed(args.out, args.seed, i, args.stories, 0)
        total += size
        kinds[feed["kind"]] = kinds.get(feed["kind"], 0) + 1
        files.append(feed["file"])
    with open(os.path.join(args.out, "feeds.txt"), "w") as f:
        f.write("".join(p + "\n" for p in files))
    state = {"seed": args.seed, "feeds": args.feeds, "stories": args.stories,
             "bytes": total, "kinds": kinds, "generations": {}}
    with open(os.path.join(args.out, "corpus.json"), "w") as f:
        json.dump(state, f, indent=1, sort_keys=True)
    print("corpus: %d feeds x %d stories, %.1f MB (%s) in %s" % (
        args.feeds, args.stories, total / 1e6,
        ", ".join("%d %s" % (v, k) for k, v in sorted(kinds.items())), args.out))


def mutate(args):
    with open(os.path.join(args.out, "corpus.json")) as f:
        state = json.load(f)
    n = state["feeds"]
    count = max(1, (n * args.mutate + 99) // 100)
    r = random.Random("%s/mutate/%d" % (state["seed"], args.generation))
    chosen = sorted(r.sample(range(n), count))
    gens = state["generations"]
    for i in chosen:
        g = gens.get(str(i), 0) + 1
        gens[str(i)] = g
        write_feed(args.out, state["seed"], i, state["stories"], g)
    with open(os.path.join(args.out, "corpus.json"), "w") as f:
        json.dump(state, f, indent=1, sort_keys=True)
    print("mutated %d of %d feeds (one new story each)" % (count, n))


def reset(args):
    with open(os.path.join(args.out, "corpus.json")) as f:
        state = json.load(f)
    for i in state["generations"]:
        write_feed(args.out, state["seed"], int(i), state["stories"], 0)
    n = len(state["generations"])
    state["generations"] = {}
    with open(os.path.join(args.out, "corpus.json"), "w") as f:
        json.dump(state, f, indent=1, sort_keys=True)
    print("reset %d mutated feeds to generation 0" % n)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--feeds", type=int, default=500)
    ap.add_argument("--stories", type=int, default=100)
    ap.add_argument("--seed", default="hearsay")
    ap.add_argument("--mutate", type=int, metavar="PCT")
    ap.add_argument("--generation", type=int, default=1)
    ap.add_argument("--reset", action="store_true",
                    help="rewrite the mutated feeds of DIR as they were generated")
    args = ap.parse_args()
    if args.reset:
        reset(args)
    elif args.mutate is not None:
        mutate(args)
    else:
        generate(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
