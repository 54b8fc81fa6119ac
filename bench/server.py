#!/usr/bin/env python3
"""server.py - a loopback HTTP server for the benchmark corpus.

Serves DIR/feeds/* on 127.0.0.1 (port 0: the kernel picks one, written to
--port-file), and with --hosts N on the same port of 127.0.0.2 ... 127.0.0.N
too, so that a client sees N distinct hosts as it would on the Internet, with a strong ETag (a hash of the bytes) and Last-Modified (the
file's time), answering If-None-Match / If-Modified-Since with 304.  Files
are re-read when their time or size changes, so gen_corpus.py --mutate takes
effect at once.  --delay-ms sleeps before every answer to model a network.
Every request is one line of --log:

    <unix time> <status> <bytes> <conditional: E, M, EM or -> <path> <user agent>

It must never listen outside 127.0.0.0/8 (the loopback), and it stops by itself:
after --idle seconds without a request or --lifetime seconds in all, or
when the process --parent dies.
"""

import argparse
import email.utils
import hashlib
import http.server
import os
import sys
import threading
import time


class Corpus:
    """Feed files cached in memory by (mtime, size)."""

    def __init__(self, root):
        self.root = os.path.realpath(root)
        self.cache = {}
        self.lock = threading.Lock()

    def get(self, name):
        """(bytes, etag, mtime) of feeds/name, or None."""
        if "/" in name or name.startswith(".") or not name:
            return None
        path = os.path.join(self.root, "feeds", name)
        try:
            st = os.stat(path)
        except OSError:
            return None
        key = (st.st_mtime_ns, st.st_size)
        with self.lock:
            hit = self.cache.get(name)
            if hit is not None and hit[0] == key:
                return hit[1]
        with open(path, "rb") as f:
            data = f.read()
        entry = (data, '"%s"' % hashlib.sha1(data).hexdigest()[:20], int(st.st_mtime))
        with self.lock:
            self.cache[name] = (key, entry)
        return entry


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "hearsay-bench/1"

    def log_message(self, fmt, *args):
        pass

    def record(self, status, nbytes):
        srv = self.server.state
        srv.last_request = time.monotonic()
        ua = (self.headers.get("User-Agent") or "-").replace("\n", " ")
        cond = ("E" if "If-None-Match" in self.headers else "") + \
            ("M" if "If-Modified-Since" in self.headers else "")
        line = "%.3f %d %d %s %s %s\n" % (time.time(), status, nbytes, cond or "-",
                                         self.path, ua)
        with srv.log_lock:
            srv.log.write(line)
            srv.log.flush()

    def fresh(self, etag, mtime):
        inm = self.headers.get("If-None-Match")
        if inm is not None:
            tags = [t.strip() for t in inm.split(",")]
            return etag in tags or "W/" + etag in tags or "*" in tags
        ims = self.headers.get("If-Modified-Since")
        if ims is not None:
            try:
                when = email.utils.parsedate_to_datetime(ims).timestamp()
            except (TypeError, ValueError, IndexError):
                return False
            return mtime <= when
        return False

    def answer(self, head_only):
        if self.server.state.delay > 0:
            time.sleep(self.server.state.delay)
        path = self.path.split("?", 1)[0]
        entry = None
        if path.startswith("/feeds/"):
            entry = self.server.state.corpus.get(path[len("/feeds/"):])
        if entry is None:
            body = b"not found\n"
            self.send_response(404)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if not head_only:
                self.wfile.write(body)
            self.record(404, len(body))
            return
        data, etag, mtime = entry
        lastmod = email.utils.formatdate(mtime, usegmt=True)
        if self.fresh(etag, mtime):
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", lastmod)
            self.end_headers()
            self.record(304, 0)
            return
        ctype = {"xml": "application/rss+xml", "atom": "application/atom+xml",
                 "rdf": "application/rdf+xml"}.get(path.rsplit(".", 1)[-1], "text/xml")
        self.send_response(200)
        self.send_header("Content-Type", ctype + "; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", lastmod)
        self.end_headers()
        if not head_only:
            self.wfile.write(data)
        self.record(200, len(data))

    def do_GET(self):
        self.answer(False)

    def do_HEAD(self):
        self.answer(True)


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256


class State:
    """What every listening address shares."""


def watchdog(servers, state, args):
    start = time.monotonic()
    while True:
        time.sleep(0.5)
        now = time.monotonic()
        if now - state.last_request > args.idle or now - start > args.lifetime:
            break
        if args.parent and not os.path.exists("/proc/%d" % args.parent):
            break
    for srv in servers:
        srv.shutdown()


def listen(hosts):
    """Servers on 127.0.0.1 ... 127.0.0.<hosts>, all on one port."""
    for _ in range(20):
        servers = [Server(("127.0.0.1", 0), Handler)]
        port = servers[0].server_address[1]
        try:
            for i in range(2, hosts + 1):
                servers.append(Server(("127.0.0.%d" % i, port), Handler))
            return servers
        except OSError:
            for srv in servers:
                srv.server_close()
    sys.exit("server.py: no port free on all %d addresses" % hosts)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--root", required=True, help="corpus directory (with feeds/)")
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--delay-ms", type=float, default=0)
    ap.add_argument("--idle", type=float, default=300, help="stop after this many idle seconds")
    ap.add_argument("--lifetime", type=float, default=3600, help="stop after this many seconds")
    ap.add_argument("--parent", type=int, default=0, help="stop when this process is gone")
    ap.add_argument("--hosts", type=int, default=1,
                    help="also listen on 127.0.0.2 ... 127.0.0.N (at most 250)")
    args = ap.parse_args()

    state = State()
    state.corpus = Corpus(args.root)
    state.delay = args.delay_ms / 1000.0
    state.log = open(args.log, "a")
    state.log_lock = threading.Lock()
    state.last_request = time.monotonic()
    servers = listen(max(1, min(args.hosts, 250)))
    for srv in servers:
        srv.state = state
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % servers[0].server_address[1])
    os.replace(tmp, args.port_file)
    threading.Thread(target=watchdog, args=(servers, state, args), daemon=True).start()
    threads = [threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.2})
               for srv in servers[1:]]
    for t in threads:
        t.start()
    servers[0].serve_forever(poll_interval=0.2)
    for t in threads:
        t.join()
    for srv in servers:
        srv.server_close()
    state.log.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
