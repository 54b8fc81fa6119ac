#!/usr/bin/env python3
"""tests/hostile/hostile.py - fixtures and checks for the hostile suite
(python3 standard library only).

usage:
  hostile.py feeds DIR         write feeds with terminal attacks in every field
  hostile.py big KIND FILE [N] write one giant or deep document (see big();
                               N scales deep, attrs, text, items, json-items)
  hostile.py corpus DIR FEEDS STORIES ROUND
                               write FEEDS feeds of STORIES stories (one
                               more in odd rounds) whose bodies begin
                               "round ROUND": every body changes each round
  hostile.py rounds DB ROUND   print how many feeds of the store hold the
                               bodies of round ROUND
  hostile.py snapshot DB       print "feed key read starred" for every story
  hostile.py mark DB           mark every 7th story read, every 11th starred
  hostile.py measure [--guard SECS] OUT CMD...
                               run CMD (stdout to OUT), print "SECONDS
                               CPU_SECONDS MAX_RSS_KB STATUS"; STATUS is
                               "hang" when CMD was killed after SECS
  hostile.py clean [--json] [--screen] FILE...
                               exit 1 when a file holds invalid UTF-8 or a
                               character that must never reach a terminal
                               (with --json: is not one JSON document, or a
                               string in it holds such a character; with
                               --screen: a tmux capture, whose own SGR
                               sequences are allowed)

The feeds are written here, at test time, so that the repository holds no
binary fixtures; each carries the marker HOSTILE so a test can tell that
the field was shown at all.
"""

import json
import os
import re
import sys

# What an attacker puts in a field: SGR (strikethrough: no theme uses it),
# a window title and an OSC 52 clipboard write, clear screen, C0 and DEL,
# C1 as UTF-8 and as a raw byte, bidi overrides and isolates, invalid UTF-8
# (a lone continuation byte, an overlong NUL, a surrogate, a truncated
# sequence).
ATTACK = (b"HOSTILE\x1b[9mstrike\x1b[0m\x1b]0;pwned-title\x07"
          b"\x1b]52;c;cHduZWQ=\x07\x1b[2J\x07\x08\x7f"
          b"\xc2\x9b31m\x9b\xc2\x85\xe2\x80\xae\xe2\x81\xa6\xe2\x81\xa9"
          b"\xe2\x80\xab\x80\xc0\x80\xed\xa0\x80\xe2\x82 end")
# The same in XML that libxml2 accepts in recovery: character references for
# what XML allows (C1, bidi), raw bytes for the rest.
ATTACK_REFS = (b"HOSTILE&#155;31m&#x9b;&#133;&#x202E;&#x2066;&#x2069;"
               b"&#x202B;&#27;[9m&#x1b;]0;pwned-title&#7; \x1b[9mraw\x1b[0m"
               b" end")
# HTML that decodes to an escape once rendered: the renderer must clean it.
ATTACK_HTML = (b"&lt;p&gt;HOSTILE &amp;#27;[9mrendered&amp;#27;[0m "
               b"&amp;#x1b;]0;pwned-title&amp;#7; &amp;#155;31m "
               b"&amp;#x202e;evil&lt;/p&gt;")
# Bytes that windows-1252 leaves undefined (decoders may make them C1).
CP1252_HOLES = b"\x81\x8d\x8f\x90\x9d"


def esc_url(scheme=b"http://example.org/"):
    return scheme + b"HOSTILE\x1b[9m\x1b]0;pwned-title\x07\xe2\x80\xae/x"


def rss(attack, charset=b"utf-8"):
    a = attack
    return (b"<?xml version='1.0' encoding='" + charset + b"'?>\n"
            b"<rss version='2.0' "
            b"xmlns:dc='http://purl.org/dc/elements/1.1/' "
            b"xmlns:content='http://purl.org/rss/1.0/modules/content/'>"
            b"<channel><title>feed " + a + b"</title>"
            b"<link>" + esc_url() + b"</link>"
            b"<description>desc " + a + b"</description>"
            b"<item><title>item " + a + b"</title>"
            b"<link>" + esc_url() + b"</link>"
            b"<guid isPermaLink='false'>guid " + a + b"</guid>"
            b"<author>author " + a + b"</author>"
            b"<dc:creator>creator " + a + b"</dc:creator>"
            b"<category>cat " + a + b"</category>"
            b"<enclosure url='" + esc_url(b"http://example.org/enc") +
            b"' type='audio/" + a + b"' length='12x" + a + b"'/>"
            b"<pubDate>Mon, 02 Nov 2026 " + a + b"</pubDate>"
            b"<description>" + ATTACK_HTML + b" sum " + a + b"</description>"
            b"<content:encoded>" + ATTACK_HTML + b" body " + a +
            b"</content:encoded></item>"
            b"<item><title>second item HOSTILE</title><guid>two</guid>"
            b"<description>" + ATTACK_HTML + b"</description></item>"
            b"</channel></rss>\n")


def atom(attack):
    a = attack
    return (b"<?xml version='1.0' encoding='utf-8'?>\n"
            b"<feed xmlns='http://www.w3.org/2005/Atom'>"
            b"<title>feed " + a + b"</title><id>urn:x:" + a + b"</id>"
            b"<link href='" + esc_url() + b"'/>"
            b"<author><name>author " + a + b"</name></author>"
            b"<updated>2026-11-02T" + a + b"</updated>"
            b"<entry><title type='html'>item " + a + b" &amp;#27;[9m</title>"
            b"<id>urn:x:entry:" + a + b"</id>"
            b"<link rel='alternate' href='" + esc_url() + b"'/>"
            b"<link rel='enclosure' type='audio/" + a + b"' length='" + a +
            b"' href='" + esc_url(b"http://example.org/enc") + b"'/>"
            b"<author><name>author " + a + b"</name></author>"
            b"<category term='cat " + a + b"' label='label " + a + b"'/>"
            b"<published>" + a + b"</published>"
            b"<summary type='html'>" + ATTACK_HTML + b" sum " + a +
            b"</summary>"
            b"<content type='html'>" + ATTACK_HTML + b" body " + a +
            b"</content></entry></feed>\n")


def jsonfeed():
    # JSON escapes let every character through the JSON parser: \u001b,
    # \u009b, \u202e; invalid UTF-8 goes in raw.
    a = ("HOSTILE\x1b[9mstrike\x1b[0m\x1b]0;pwned-title\x07\x1b]52;c;eA==\x07"
         "\x08\x7f\x9b31m\x85\u202e\u2066\u2069 end")
    doc = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "feed " + a, "home_page_url": "http://example.org/" + a,
        "description": "desc " + a, "authors": [{"name": "author " + a}],
        "items": [{
            "id": "id " + a, "url": "http://example.org/" + a,
            "title": "item " + a, "authors": [{"name": "author " + a}],
            "content_html": "<p>body " + a + " &#27;[9m &#155;</p>",
            "content_text": "text " + a, "summary": "sum " + a,
            "date_published": a, "tags": ["cat " + a, a],
            "attachments": [{"url": "http://example.org/enc" + a,
                             "mime_type": "audio/" + a,
                             "size_in_bytes": a}],
        }, {"id": "two", "title": "second item HOSTILE",
            "content_html": "<p>x</p>"}],
    }
    out = json.dumps(doc, ensure_ascii=True).encode()
    # A raw invalid byte sequence inside a string, outside any escape.
    return out.replace(b"second item HOSTILE",
                       b"second item HOSTILE \xff\xfe\xc0\x80")


def feeds(d):
    os.makedirs(d, exist_ok=True)
    files = {
        "rss-raw.xml": rss(ATTACK),
        "rss-refs.xml": rss(ATTACK_REFS),
        "atom-raw.xml": atom(ATTACK),
        "atom-refs.xml": atom(ATTACK_REFS),
        "feed.json": jsonfeed(),
        # Decoders: C1 holes of windows-1252, latin-1 (read as 1252).
        "rss-cp1252.xml": rss(b"HOSTILE " + CP1252_HOLES + b"\x9b31m end",
                              b"windows-1252"),
        "rss-latin1.xml": rss(b"HOSTILE " + CP1252_HOLES + b"\x9b31m end",
                              b"iso-8859-1"),
        # A broken document: libxml2 complains, nothing of it may echo.
        "broken.xml": b"<?xml version='1.0'?>\n<rss version='2.0'><channel>"
                      b"<title>HOSTILE broken \x1b]0;pwned-title\x07</titel>"
                      b"<item><title>LEAKED-SOURCE-LINE \x1b[9m<<<&&&"
                      b"</item></channel>\n",
    }
    for name, data in files.items():
        with open(os.path.join(d, name), "wb") as fp:
            fp.write(data)


# -- giant and deep documents ---------------------------------------------

def big_write(path, parts):
    with open(path, "wb") as fp:
        for p in parts:
            fp.write(p)


def big(kind, path, n=None):
    head = b"<?xml version='1.0'?>\n"
    if kind == "laughs":
        ents = [b"<!ENTITY l0 'lol'>"]
        for i in range(1, 12):
            ents.append(b"<!ENTITY l%d '%s'>" % (i, b"&l%d;" % (i - 1) * 10))
        big_write(path, [head, b"<!DOCTYPE rss [", b"".join(ents), b"]>",
                         b"<rss version='2.0'><channel><title>laughs &l11;"
                         b"</title><item><title>after</title><description>"
                         b"&l11;&l11;</description></item></channel></rss>"])
    elif kind == "quadratic":
        # One 200 KB entity used 20,000 times: 4 GB if expanded.
        ent = b"<!ENTITY q '" + b"Q" * 200000 + b"'>"
        big_write(path, [head, b"<!DOCTYPE rss [", ent, b"]>",
                         b"<rss version='2.0'><channel><title>quad</title>"
                         b"<item><title>quadratic</title><description>",
                         b"&q;" * 20000,
                         b"</description></item></channel></rss>"])
    elif kind == "deep":
        n = n or 100000
        big_write(path, [head, b"<rss version='2.0'><channel><title>deep"
                         b"</title><item><title>deep item</title>",
                         b"<d>" * n, b"x", b"</d>" * n,
                         b"</item></channel></rss>"])
    elif kind == "attrs":
        attrs = b"".join(b" a%d='v'" % i for i in range(n or 200000))
        big_write(path, [head, b"<rss version='2.0'><channel><title>attrs"
                         b"</title><item" + attrs + b"><title>many attrs"
                         b"</title></item></channel></rss>"])
    elif kind == "text":
        big_write(path, [head, b"<rss version='2.0'><channel><title>text"
                         b"</title><item><title>big</title><description>",
                         b"word " * (n or 10 * 1024 * 1024),
                         b"</description></item>"
                         b"<item><title>after big</title></item>"
                         b"</channel></rss>"])
    elif kind == "items":
        item = (b"<item><title>item %d</title><guid>g%d</guid>"
                b"<link>http://example.org/%d</link></item>\n")
        big_write(path, [head, b"<rss version='2.0'><channel><title>items"
                         b"</title>"] +
                  [item % (i, i, i) for i in range(n or 100000)] +
                  [b"</channel></rss>"])
    elif kind == "json-deep":
        big_write(path, [b'{"version": "https://jsonfeed.org/version/1.1",'
                         b' "title": "deep json", "items": [{"id": "1",'
                         b' "title": "deep", "content_text": ',
                         b"[" * 200000, b"]" * 200000, b"}]}"])
    elif kind == "json-items":
        item = b'{"id": "%d", "title": "item %d", "url": "http://e.org/%d"}'
        big_write(path, [b'{"version": "https://jsonfeed.org/version/1.1",'
                         b' "title": "many", "items": [',
                         b",".join(item % (i, i, i)
                                   for i in range(n or 100000)),
                         b"]}"])
    elif kind == "json-garbage":
        junk = [None, True, 1e308, -1, "", "9" * 5000, [], {},
                "javascript:alert(1)", "2026-13-45T25:61:61+99:99",
                {"nested": [1, 2]}, "http://[::1", 18446744073709551617]
        items = []
        for i, j in enumerate(junk):
            items.append({"id": j, "url": j, "title": j, "date_published": j,
                          "date_modified": j, "tags": j, "authors": j,
                          "attachments": [{"url": j, "size_in_bytes": j,
                                           "duration_in_seconds": j,
                                           "mime_type": j}],
                          "content_html": j, "summary": j, "image": j})
        items.append({"id": "last", "title": "after the garbage"})
        big_write(path, [json.dumps({
            "version": "https://jsonfeed.org/version/1.1", "title": "junk",
            "home_page_url": 5, "feed_url": [], "authors": "x",
            "items": items}).encode()])
    elif kind == "garbage":
        big_write(path, [head, garbage_fields()])
    else:
        sys.exit("unknown kind " + kind)


def garbage_fields():
    junk = [b"", b" ", b"-1", b"99999999999999999999999999", b"0x7fffffff",
            b"1e999", b"NaN", b"Mon, 99 Zzz 99999 99:99:99 +9999",
            b"2026-13-45T25:61:61+99:99", b"\xff\xfe", b"&#0;", b"9" * 5000,
            b"-0", b"Tue, 31 Feb 1900 00:00:00 GMT", b"2038-01-19T03:14:08Z",
            b"99999-01-01T00:00:00Z", b"%%%%", b"http://[::1", b"http://:99999",
            b"javascript:alert(1)", b"//\x00", b"http://" + b"a" * 10000]
    out = [b"<rss version='2.0' xmlns:media='http://search.yahoo.com/mrss/'"
           b" xmlns:itunes='http://www.itunes.com/dtds/podcast-1.0.dtd'>"
           b"<channel><title>garbage</title><ttl>-5</ttl>"]
    for i, j in enumerate(junk):
        j = j.replace(b"&#0;", b"&amp;#0;")
        out.append(b"<item><title>garbage %d</title><guid>g%d</guid>"
                   b"<link>%s</link><pubDate>%s</pubDate>"
                   b"<enclosure url='%s' length='%s' type='x'/>"
                   b"<media:content url='%s' fileSize='%s' duration='%s'/>"
                   b"<itunes:duration>%s</itunes:duration>"
                   b"<comments>%s</comments><source url='%s'>s</source>"
                   b"</item>" % ((i, i) + (j,) * 10))
    out.append(b"</channel></rss>")
    return b"".join(out)


# -- checks -----------------------------------------------------------------

# C0 but newline and tab, DEL, C1, bidi embeddings/overrides/isolates.
BAD = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# What tmux itself writes in a capture with -e: SGR sequences only.
TMUX_SGR = re.compile("\x1b\\[[0-9;:]*m")
# The attack's own SGR (strikethrough) must never show up, even as tmux's.
STRIKE = re.compile("\x1b\\[(?:[0-9;:]*;)?9(?:;[0-9;:]*)?m")


def bad_chars(text):
    return sorted(set("U+%04X" % ord(m) for m in BAD.findall(text)))


def check_string(where, s, errors):
    b = bad_chars(s)
    if b:
        errors.append("%s: %s in %r" % (where, " ".join(b), s[:120]))


def walk(where, v, errors):
    if isinstance(v, str):
        check_string(where, v, errors)
    elif isinstance(v, dict):
        for k, x in v.items():
            check_string(where + " key", k, errors)
            walk(where + "." + k, x, errors)
    elif isinstance(v, list):
        for i, x in enumerate(v):
            walk("%s[%d]" % (where, i), x, errors)


def clean(args):
    as_json = "--json" in args
    screen = "--screen" in args
    errors = []
    for path in [a for a in args if not a.startswith("--")]:
        with open(path, "rb") as fp:
            raw = fp.read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            errors.append("%s: invalid UTF-8: %s" % (path, e))
            continue
        if screen:
            if STRIKE.search(text):
                errors.append("%s: the feed's SGR reached the screen" % path)
            text = TMUX_SGR.sub("", text)
        check_string(path, text, errors)
        if as_json:
            try:
                walk(path, json.loads(text), errors)
            except ValueError as e:
                errors.append("%s: not JSON: %s" % (path, e))
    for e in errors:
        print(e)
    return 1 if errors else 0


WORDS = ("harbour council weather ferry budget school bridge vote market "
         "river storm mayor hospital rail festival library").split()


def corpus(d, feeds, stories, rnd):
    os.makedirs(d, exist_ok=True)
    for f in range(feeds):
        out = ["<?xml version='1.0'?><rss version='2.0'><channel>"
               "<title>corpus %d</title>" % f]
        for k in range(stories + rnd % 2):
            body = "round %d " % rnd + " ".join(
                WORDS[(f + k + i + rnd) % len(WORDS)] for i in range(150))
            out.append("<item><title>feed %d story %d</title><guid>c%d-%d"
                       "</guid><pubDate>Mon, 02 Nov 2026 %02d:%02d:00 GMT"
                       "</pubDate><description>&lt;p&gt;%s&lt;/p&gt;"
                       "</description></item>" % (f, k, f, k, k // 60 % 24,
                                                  k % 60, body))
        out.append("</channel></rss>\n")
        tmp = os.path.join(d, "f%d.xml.tmp" % f)
        with open(tmp, "w") as fp:
            fp.write("".join(out))
        os.replace(tmp, os.path.join(d, "f%d.xml" % f))


def rounds(db, rnd):
    import sqlite3
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    # A feed's first story (guid c<feed>-0, the only one ending in -0) is
    # in every round: its body says which round was merged last.
    (n,) = con.execute("SELECT count(*) FROM stories s JOIN bodies b"
                       " ON b.id = s.id WHERE s.key LIKE '%-0' AND"
                       " COALESCE(NULLIF(b.content, ''), b.summary) LIKE ?",
                       ("%%round %d %%" % rnd,)).fetchone()
    print(n)


def snapshot(db):
    import sqlite3
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    rows = con.execute("SELECT f.url, s.key, s.read, s.starred FROM stories s"
                       " JOIN feeds f ON f.id = s.feed_id ORDER BY 1, 2")
    # Sorted as `LC_ALL=C sort` would (code points: UTF-8 byte order), for
    # comm.
    for line in sorted("%s %s %d %d" % r for r in rows):
        print(line)


def mark(db):
    import sqlite3
    con = sqlite3.connect(db)
    con.execute("PRAGMA busy_timeout = 5000")
    con.execute("UPDATE stories SET read = 1 WHERE id % 7 = 0")
    con.execute("UPDATE stories SET starred = 1 WHERE id % 11 = 0")
    con.commit()
    con.close()


def measure(out, cmd, guard=None):
    import resource
    import subprocess
    import time
    start = time.monotonic()
    with open(out, "wb") as fp:
        try:
            rc = subprocess.call(cmd, stdout=fp, timeout=guard)
        except subprocess.TimeoutExpired:
            rc = "hang"
    took = time.monotonic() - start
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    print("%.2f %.2f %d %s" % (took, ru.ru_utime + ru.ru_stime,
                               ru.ru_maxrss, rc))


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "feeds":
        feeds(sys.argv[2])
    elif len(sys.argv) in (4, 5) and sys.argv[1] == "big":
        big(sys.argv[2], sys.argv[3],
            int(sys.argv[4]) if len(sys.argv) == 5 else None)
    elif len(sys.argv) == 6 and sys.argv[1] == "corpus":
        corpus(sys.argv[2], *map(int, sys.argv[3:]))
    elif len(sys.argv) == 4 and sys.argv[1] == "rounds":
        rounds(sys.argv[2], int(sys.argv[3]))
    elif len(sys.argv) == 3 and sys.argv[1] == "snapshot":
        snapshot(sys.argv[2])
    elif len(sys.argv) == 3 and sys.argv[1] == "mark":
        mark(sys.argv[2])
    elif len(sys.argv) >= 6 and sys.argv[1:3] == ["measure", "--guard"]:
        measure(sys.argv[4], sys.argv[5:], float(sys.argv[3]))
    elif len(sys.argv) >= 4 and sys.argv[1] == "measure":
        measure(sys.argv[2], sys.argv[3:])
    elif len(sys.argv) >= 3 and sys.argv[1] == "clean":
        return clean(sys.argv[2:])
    else:
        sys.exit(__doc__)
    return 0


if __name__ == "__main__":
    sys.exit(main())
