#!/usr/bin/env python3
"""tests/server.py - the loopback HTTP server behind hearsay's fetch and
refresh tests (python3 standard library only).

usage: server.py --port-file FILE --root DIR [--log FILE] [--timeout SECS]
                 [--gate-dir DIR]

Binds 127.0.0.1 on a port the kernel picks and writes that port to FILE
(atomically) once it accepts connections.  Serves the files under DIR with
ETag and Last-Modified (304 on a matching conditional request) and the
scripted routes in ROUTES below; it also answers as a plain HTTP proxy.
Every response is logged to --log as "METHOD PATH STATUS".  It exits by
itself after --timeout seconds (so a crashed test never leaves it behind)
and on SIGTERM.  It must never listen on anything but the loopback address.

Two routes let a test decide when a response comes, instead of guessing
with a delay: /hold/NAME/FILE answers only once the file NAME exists in
the gate directory (--gate-dir, by default "gate" beside the port file),
and /crowd/NAME/N/FILE only once N requests of crowd NAME are waiting at
the same time (or the gate NAME is open).  Both log when a request starts
waiting ("HOLD NAME", "CROWD NAME K" with K the requests of that crowd in
flight, this one included), so a test can wait for that line.
"""

import argparse
import email.utils
import gzip
import subprocess
import hashlib
import http.server
import os
import signal
import socket
import struct
import sys
import threading
import time
import urllib.parse
import zlib

TYPES = {
    ".xml": "application/xml",
    ".rss": "application/rss+xml",
    ".atom": "application/atom+xml",
    ".json": "application/feed+json",
    ".txt": "text/plain",
}

BOMB_CACHE = {}
BOMB_LOCK = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "hearsay-test"
    # Headers and body go out in two writes: with Nagle on, the body waits
    # for the client's delayed ACK (40 ms a response).
    disable_nagle_algorithm = True
    sys_version = ""

    # -- plumbing ---------------------------------------------------------

    def log_request(self, code="-", size="-"):
        log = self.server.log
        if log is None:
            return
        with self.server.log_lock:
            log.write("%s %s %s\n" % (self.command, self.path, int(code)))
            log.flush()

    def log_message(self, fmt, *args):
        pass

    def body(self, code, data, ctype="application/xml", extra=(),
             reason=None):
        self.send_response(code, reason)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for name, value in extra:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def local_path(self, rel):
        root = self.server.root
        path = os.path.realpath(os.path.join(root, rel.split("?")[0]))
        if not path.startswith(root + os.sep) or not os.path.isfile(path):
            return None
        return path

    def not_modified(self, etag, mtime):
        inm = self.headers.get("If-None-Match")
        if inm is not None:
            tags = [t.strip() for t in inm.split(",")]
            return etag in tags or "*" in tags
        ims = self.headers.get("If-Modified-Since")
        if ims is None:
            return False
        try:
            when = email.utils.parsedate_to_datetime(ims).timestamp()
        except (TypeError, ValueError):
            return False
        return int(mtime) <= when

    def serve_file(self, rel, encoding=None, charset=None):
        path = self.local_path(rel)
        if path is None:
            self.body(404, b"no such file\n", "text/plain")
            return
        with open(path, "rb") as fp:
            data = fp.read()
        mtime = os.stat(path).st_mtime
        etag = '"%s"' % hashlib.sha1(data).hexdigest()[:16]
        lm = email.utils.formatdate(mtime, usegmt=True)
        if self.not_modified(etag, mtime):
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", lm)
            self.end_headers()
            return
        ctype = TYPES.get(os.path.splitext(path)[1], "application/octet-stream")
        if charset is not None:
            ctype += "; charset=" + charset
        extra = [("ETag", etag), ("Last-Modified", lm)]
        if encoding == "gzip":
            data = gzip.compress(data)
            extra.append(("Content-Encoding", "gzip"))
        elif encoding == "deflate":
            data = zlib.compress(data)
            extra.append(("Content-Encoding", "deflate"))
        elif encoding == "br":
            # Debian's brotli tool: the standard library has no brotli.
            data = subprocess.run(["brotli", "-c"], input=data,
                                  stdout=subprocess.PIPE, check=True).stdout
            extra.append(("Content-Encoding", "br"))
        self.body(200, data, ctype, extra)

    def redirect(self, code, location):
        self.body(code, b"moved\n", "text/plain", [("Location", location)])

    # -- routes: each gets the path after its prefix ----------------------

    def r_redirect(self, rest):
        code, _, target = rest.partition("/")
        self.redirect(int(code), "/" + target)

    def r_chain(self, rest):
        n, _, target = rest.partition("/")
        n = int(n)
        if n > 1:
            self.redirect(302, "/chain/%d/%s" % (n - 1, target))
        else:
            self.redirect(302, "/" + target)

    def r_to_ftp(self, rest):
        self.redirect(302, "ftp://127.0.0.1/" + rest)

    def r_to_file(self, rest):
        self.redirect(301, "file:///" + rest)

    def r_status(self, rest):
        # The reason phrase carries an escape sequence: hearsay must not
        # pass it to a terminal.
        self.body(int(rest), b"<html>oops</html>\n", "text/html",
                  reason="Bad \x1b[31mThing\x1b[0m")

    def r_slow(self, rest):
        ms, _, target = rest.partition("/")
        time.sleep(int(ms) / 1000.0)
        self.serve_file(target)

    def r_stall(self, rest):
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", "100000")
        self.end_headers()
        self.wfile.write(b"<?xml version='1.0'?><rss version='2.0'>" +
                         b" " * 200)
        self.wfile.flush()
        time.sleep(60)

    def r_endless(self, rest):
        # /endless: a feed that never ends; /endless/500: an error page.
        self.send_response(int(rest.strip("/") or "200"))
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        chunk = b"<rss>" + b" " * 65531
        for _ in range(32768):          # 2 GiB at most
            self.wfile.write(chunk)

    def r_gzip(self, rest):
        self.serve_file(rest, encoding="gzip")

    def r_deflate(self, rest):
        self.serve_file(rest, encoding="deflate")

    def r_br(self, rest):
        self.serve_file(rest, encoding="br")

    def r_charset(self, rest):
        cs, _, target = rest.partition("/")
        self.serve_file(target, charset=cs)

    def r_bomb(self, rest):
        mib = int(rest or "16")
        with BOMB_LOCK:
            if mib not in BOMB_CACHE:
                BOMB_CACHE[mib] = gzip.compress(
                    b"<rss>" + b" " * (mib * 1024 * 1024), 9)
            data = BOMB_CACHE[mib]
        self.body(200, data, "application/rss+xml",
                  [("Content-Encoding", "gzip")])

    def raw_response(self, header_lines, data):
        out = [b"HTTP/1.1 200 OK"]
        out += header_lines
        out += [b"Content-Type: application/rss+xml",
                b"Content-Length: %d" % len(data), b"Connection: close",
                b"", b""]
        self.close_connection = True
        self.log_request(200)
        self.wfile.write(b"\r\n".join(out) + data)

    def r_junk_headers(self, rest):
        lines = [b"X-Junk-%d: %s" % (i, b"j" * 500) for i in range(150)]
        lines.append(b"ETag: \"evil\x1b[2J\"")
        lines.append(b"Last-Modified: Tue, 01 Sep 2026 10:00:00 GMT")
        lines.append(b"X-Binary: \xff\xfe\x01garbage")
        lines.append(b"X-Long: " + b"L" * 60000)
        self.raw_response(lines, b"<rss version='2.0'><channel>"
                          b"<title>junk</title></channel></rss>")

    def r_huge_headers(self, rest):
        lines = [b"X-Huge-%d: %s" % (i, b"h" * 1000) for i in range(400)]
        self.raw_response(lines, b"<rss version='2.0'></rss>")

    # -- routes that wait for the test ------------------------------------

    def note(self, line):
        log = self.server.log
        if log is not None:
            with self.server.log_lock:
                log.write(line + "\n")
                log.flush()

    def gate_open(self, name):
        return os.path.exists(os.path.join(self.server.gate_dir, name))

    def r_hold(self, rest):
        # /hold/NAME/FILE: FILE once the test opens the gate NAME.
        name, _, target = rest.partition("/")
        self.note("HOLD " + name)
        while not self.gate_open(name):
            time.sleep(0.02)
        self.serve_file(target)

    def r_crowd(self, rest):
        # /crowd/NAME/N/FILE: FILE once N requests of crowd NAME wait at
        # once, all of them then; or once the gate NAME is open.  A request
        # leaves the crowd before any byte of its answer is sent, so a
        # client that starts its next request on the answer never counts
        # twice.
        name, _, rest = rest.partition("/")
        want, _, target = rest.partition("/")
        want = int(want)
        server = self.server
        with server.crowd_lock:
            c = server.crowds.setdefault(name, {"n": 0, "gen": 0})
            c["n"] += 1
            gen = c["gen"]
            self.note("CROWD %s %d" % (name, c["n"]))
            while c["gen"] == gen and not self.gate_open(name):
                if c["n"] >= want:
                    c["gen"] += 1
                    server.crowd_cond.notify_all()
                    break
                server.crowd_cond.wait(0.05)
            c["n"] -= 1
        self.serve_file(target)

    def r_ua(self, rest):
        ua = self.headers.get("User-Agent", "")
        self.body(200, ua.encode("latin-1"), "text/plain")


    # -- hostile routes (tests/hostile/) ----------------------------------

    def raw(self, status_line, header_lines, data, length=None, close=True):
        """Write a response byte for byte: status line and headers as given
        (bytes), Content-Length as given or the true one."""
        out = [status_line] + list(header_lines)
        if length is not False:
            out.append(b"Content-Length: %s" % (
                str(len(data)).encode() if length is None else length))
        if close:
            out.append(b"Connection: close")
            self.close_connection = True
        out += [b"", b""]
        self.log_request(0)
        self.wfile.write(b"\r\n".join(out) + data)
        self.wfile.flush()

    def file_bytes(self, rel):
        path = self.local_path(rel)
        if path is None:
            return b"<rss version='2.0'><channel><title>none</title>" \
                b"</channel></rss>"
        with open(path, "rb") as fp:
            return fp.read()

    def log_conditional(self, what):
        """Log the validators a client sent back, as ASCII escapes."""
        log = self.server.log
        for name in ("If-None-Match", "If-Modified-Since"):
            value = self.headers.get(name)
            if value is not None and log is not None:
                with self.server.log_lock:
                    log.write("COND %s %s %s\n" % (what, name, ascii(value)))
                    log.flush()

    def r_evil_headers(self, rest):
        # Validators and a charset full of escapes, a bidi override, bytes
        # that are not UTF-8.
        self.log_conditional("evil-headers")
        self.raw(b"HTTP/1.1 200 \x1b]0;pwned-title\x07OK\xe2\x80\xae",
                 [b"Content-Type: application/rss+xml; charset=\"utf-8"
                  b"\x1b[9m\xe2\x80\xae\"",
                  b"ETag: \"HOSTILE\x1b]0;pwned-title\x07\xe2\x80\xae\"",
                  b"Last-Modified: Mon, 02 Nov 2026\x1b[9m 10:00:00 GMT",
                  b"X-Evil: \x1b[2J\x9b\xff"],
                 self.file_bytes(rest))

    def r_evil_location(self, rest):
        # A permanent redirect whose target carries escapes (hearsay says
        # "moved permanently to ..." quoting it) ...
        self.raw(b"HTTP/1.1 301 Moved \x1b[9mHOSTILE",
                 [b"Location: /evil-target/" + rest.encode() +
                  b"?HOSTILE\x1b[9m\x1b]0;pwned-title\x07\xe2\x80\xae"], b"")

    def r_bidi_location(self, rest):
        # ... or only a bidi override and a C1 control in UTF-8, which curl
        # lets through.
        self.raw(b"HTTP/1.1 301 Moved",
                 [b"Location: /evil-target/" + rest.encode() +
                  b"?HOSTILE\xe2\x80\xae\xc2\x9b\xe2\x81\xa6x"], b"")

    def r_evil_target(self, rest):
        self.body(200, self.file_bytes(rest), "application/rss+xml")

    def r_evil_host(self, rest):
        # ... and to a host whose name carries them (curl's error quotes it).
        self.raw(b"HTTP/1.1 302 Found",
                 [b"Location: http://HOSTILE\x1b[9m\x1b]0;pwned-title\x07"
                  b".invalid/x"], b"")

    def r_rawstatus(self, rest):
        # /rawstatus/CODE: any status code at all (999, 0, abc, -1 ...),
        # with a reason phrase that is an escape sequence.
        code = rest.encode("latin-1")
        self.raw(b"HTTP/1.1 " + code + b" \x1b]0;pwned-title\x07HOSTILE",
                 [b"Content-Type: application/rss+xml"],
                 self.file_bytes("good.xml"))

    def r_lie(self, rest):
        # /lie/long/FILE: Content-Length says more than is sent, then the
        # connection closes; /lie/short/FILE: says less, and the rest of the
        # body follows on a kept-alive connection as if it were the next
        # response.
        how, _, target = rest.partition("/")
        data = self.file_bytes(target)
        if how == "long":
            self.raw(b"HTTP/1.1 200 OK", [b"Content-Type: application/xml"],
                     data, length=b"%d" % (len(data) * 10))
        elif how == "huge":
            self.raw(b"HTTP/1.1 200 OK", [b"Content-Type: application/xml"],
                     data, length=b"99999999999999999999999")
        elif how == "negative":
            self.raw(b"HTTP/1.1 200 OK", [b"Content-Type: application/xml"],
                     data, length=b"-5")
        else:
            self.raw(b"HTTP/1.1 200 OK", [b"Content-Type: application/xml"],
                     data + b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"
                     b"smuggled", length=b"%d" % (len(data) // 2), close=False)

    def r_retry_after(self, rest):
        # /retry-after/CODE/VALUE: a 429 or 503 with an absurd Retry-After.
        code, _, value = rest.partition("/")
        value = urllib.parse.unquote(value, "latin-1").encode("latin-1")
        self.raw(b"HTTP/1.1 " + code.encode() + b" Slow Down",
                 [b"Retry-After: " + value,
                  b"Content-Type: text/html"], b"<html>later</html>")

    def r_stall_headers(self, rest):
        # Half a status line, then nothing.
        self.wfile.write(b"HTTP/1.1 2")
        self.wfile.flush()
        time.sleep(120)

    def r_to_scheme(self, rest):
        # /to-scheme/URL: redirect to any URL at all (javascript:, data:,
        # gopher:, file:, dict: ...).
        self.raw(b"HTTP/1.1 302 Found", [b"Location: " +
                                         rest.encode("latin-1")], b"")

    def r_loop(self, rest):
        self.redirect(302, "/loop/" + rest)

    def r_hangup(self, rest):
        # /hangup: the connection closes without a byte of answer.
        self.close_connection = True

    def r_reset(self, rest):
        # /reset: the connection is reset (RST) without an answer.
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                   struct.pack("ii", 1, 0))
        self.close_connection = True

    ROUTES = [
        ("/evil-headers/", r_evil_headers),
        ("/evil-location/", r_evil_location),
        ("/evil-target/", r_evil_target),
        ("/bidi-location/", r_bidi_location),
        ("/evil-host", r_evil_host),
        ("/rawstatus/", r_rawstatus),
        ("/lie/", r_lie),
        ("/retry-after/", r_retry_after),
        ("/stall-headers", r_stall_headers),
        ("/to-scheme/", r_to_scheme),
        ("/loop/", r_loop),
        ("/hangup", r_hangup),
        ("/reset", r_reset),
        ("/redirect/", r_redirect),
        ("/chain/", r_chain),
        ("/to-ftp/", r_to_ftp),
        ("/to-file/", r_to_file),
        ("/status/", r_status),
        ("/slow/", r_slow),
        ("/stall", r_stall),
        ("/endless", r_endless),
        ("/gzip/", r_gzip),
        ("/deflate/", r_deflate),
        ("/br/", r_br),
        ("/charset/", r_charset),
        ("/bomb/", r_bomb),
        ("/junk-headers", r_junk_headers),
        ("/huge-headers", r_huge_headers),
        ("/ua", r_ua),
        ("/hold/", r_hold),
        ("/crowd/", r_crowd),
    ]

    def do_POST(self):
        # /echo: a POST answered with what came: "POST TYPE LENGTH", a
        # new line and the body.  Anything else is refused.
        n = int(self.headers.get("Content-Length") or 0)
        data = self.rfile.read(n) if n > 0 else b""
        if self.path != "/echo":
            self.body(405, b"", "text/plain")
            return
        head = "POST %s %d\n" % (self.headers.get("Content-Type", "-"), n)
        self.body(200, head.encode("latin-1") + data, "text/plain")

    def do_GET(self):
        # As an HTTP proxy it gets absolute URLs: it serves their path (the
        # log keeps the whole URL, so tests can tell a proxied request).
        path = self.path
        if path.startswith("http://"):
            path = "/" + path[len("http://"):].partition("/")[2]
        try:
            for prefix, fn in self.ROUTES:
                if path.startswith(prefix):
                    fn(self, path[len(prefix):])
                    return
            self.serve_file(path.lstrip("/"))
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def handle_error(self, request, client_address):
        # Clients hanging up mid-response is what the tests are about.
        pass


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("--log")
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("--gate-dir")
    args = ap.parse_args()

    server = Server(("127.0.0.1", 0), Handler)
    server.root = os.path.realpath(args.root)
    server.log = open(args.log, "a") if args.log else None
    server.log_lock = threading.Lock()
    server.gate_dir = args.gate_dir or os.path.join(
        os.path.dirname(os.path.abspath(args.port_file)), "gate")
    os.makedirs(server.gate_dir, exist_ok=True)
    server.crowds = {}
    server.crowd_lock = threading.Lock()
    server.crowd_cond = threading.Condition(server.crowd_lock)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as fp:
        fp.write("%d\n" % server.server_address[1])
    os.replace(tmp, args.port_file)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *a: stop.set())
    signal.signal(signal.SIGINT, lambda *a: stop.set())
    stop.wait(args.timeout)
    if server.log is not None:
        server.log.flush()
    # Handler threads may be asleep in a stalled response: don't wait.
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
