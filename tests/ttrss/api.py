#!/usr/bin/env python3
"""tests/ttrss/api.py - a second client of the test's Tiny Tiny RSS server:
the "elsewhere" of the sync tests (marks made on another machine,
subscriptions made in the server's web interface), and its set-up.

usage: api.py URL LOGIN PASSWORD OP [JSON]

Logs in, calls the API operation OP with the parameters of the JSON
object (none when absent), logs out, and prints the reply's content as
JSON on one line.  Exit 1, with the reply on stderr, when the server
answers an error.  Python's standard library only; loopback only.
"""

import json
import sys
import urllib.request


def call(url, body):
    req = urllib.request.Request(url, data=json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=120) as r:
        return json.loads(r.read().decode("utf-8"))


def main():
    if len(sys.argv) not in (5, 6):
        sys.stderr.write(__doc__)
        return 2
    url, login, password, op = sys.argv[1:5]
    params = json.loads(sys.argv[5]) if len(sys.argv) == 6 else {}
    api = url.rstrip("/") + "/api/"
    r = call(api, {"op": "login", "user": login, "password": password})
    if r.get("status") != 0:
        sys.stderr.write(json.dumps(r) + "\n")
        return 1
    sid = r["content"]["session_id"]
    body = dict(params, op=op, sid=sid)
    r = call(api, body)
    call(api, {"op": "logout", "sid": sid})
    if r.get("status") != 0:
        sys.stderr.write(json.dumps(r) + "\n")
        return 1
    print(json.dumps(r["content"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
