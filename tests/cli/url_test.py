#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""URLs as operands, against a server that this test starts on 127.0.0.1.

usage: url_test.py PRECIS DATA_DIR

The server answers: an article (text/plain), a web page (text/html), a
redirect to the article, a chain of redirects longer than precis follows,
a 404, a server slower than --timeout, a body far over --max-bytes, a page
whose bytes are windows-1252 under a charset that says so, and a PNG.
The test checks each exit status and message, that a fetched document is
summarized exactly as the same bytes read from a file are, that the
Content-Type decides the format, and that precis sends its User-Agent.
Nothing here reaches beyond the loopback interface.
"""
import http.server
import json
import os
import shlex
import subprocess
import sys
import tempfile
import threading
import time

PRECIS = None
DATA = None
FAILURES = []
SEEN_AGENTS = []


def article_bytes():
    with open(os.path.join(DATA, "iraq.txt"), "rb") as f:
        return f.read()


PAGE = (b"<!DOCTYPE html><html lang='en'><head><title>Floods</title></head><body>"
        b"<article><p>The river flooded the old town after three days of heavy rain.</p>"
        b"<p>Rescue teams moved two hundred families to the school on the hill.</p>"
        b"</article></body></html>")
LATIN1 = "Le caf\u00e9 de la gare a ferm\u00e9 ses portes apr\u00e8s trente ans. " \
         "Les habitu\u00e9s regrettent d\u00e9j\u00e0 son comptoir.".encode("cp1252")


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send(self, status, body, content_type):
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        SEEN_AGENTS.append(self.headers.get("User-Agent", ""))
        path = self.path
        if path == "/article.txt":
            self.send(200, article_bytes(), "text/plain; charset=utf-8")
        elif path == "/page":
            self.send(200, PAGE, "text/html; charset=UTF-8")
        elif path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/article.txt")
            self.end_headers()
        elif path.startswith("/loop"):
            n = int(path[5:] or "0")
            self.send_response(302)
            self.send_header("Location", "/loop%d" % (n + 1))
            self.end_headers()
        elif path == "/slow":
            time.sleep(5)
            self.send(200, b"Too late.", "text/plain")
        elif path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            chunk = b"The same sentence again and again. " * 1000
            try:
                for _ in range(2000):
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/latin1":
            self.send(200, LATIN1, "text/plain; charset=windows-1252")
        elif path == "/image.png":
            self.send(200, b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "image/png")
        else:
            self.send(404, b"not here", "text/plain")


def run(args):
    wrapper = shlex.split(os.environ.get("PRECIS_WRAPPER", ""))
    proc = subprocess.run(wrapper + [PRECIS] + args, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=120,
                          env=dict(os.environ, LC_ALL="C.UTF-8"))
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), \
        proc.stderr.decode("utf-8", "replace")


def check(condition, what):
    if not condition:
        FAILURES.append(what)


def main():
    global PRECIS, DATA
    PRECIS, DATA = os.path.abspath(sys.argv[1]), sys.argv[2]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = "http://127.0.0.1:%d" % server.server_address[1]

    with tempfile.NamedTemporaryFile(suffix=".txt") as local:
        local.write(article_bytes())
        local.flush()
        _, from_file, _ = run(["-n", "2", local.name])
    status, out, err = run(["-n", "2", base + "/article.txt"])
    check(status == 0 and out == from_file and err == "",
          "a fetched article is summarized as the same file is: %d %r %r" % (status, out, err))
    check(any(a.startswith("precis/") for a in SEEN_AGENTS), "User-Agent: precis/VERSION sent")

    status, out, _ = run(["-n", "2", base + "/redirect"])
    check(status == 0 and out == from_file, "a redirect is followed")
    status, _, err = run([base + "/loop0"])
    check(status == 3 and "cannot fetch" in err, "more than 5 redirects: status 3, %r" % err)
    status, _, err = run([base + "/missing"])
    check(status == 3 and "HTTP 404" in err, "404: status 3 naming it, %r" % err)
    started = time.monotonic()
    status, _, err = run(["--timeout", "1", base + "/slow"])
    took = time.monotonic() - started
    check(status == 3 and took < 4.5, "--timeout 1 gives up in time: %d %.1f s %r" %
          (status, took, err))
    status, _, err = run(["--max-bytes", "1M", base + "/huge"])
    check(status == 1 and "over the limit" in err, "a body over --max-bytes: status 1, %r" % err)
    status, _, err = run([base + "/image.png"])
    check(status == 1 and "not a text document (image/png)" in err, "a PNG: status 1, %r" % err)

    status, out, err = run(["extract", base + "/page"])
    check(status == 0 and "three days of heavy rain" in out and "<p>" not in out,
          "text/html is read as a web page: %r %r" % (out, err))
    status, out, _ = run(["extract", "--from", "text", base + "/page"])
    check(status == 0 and "<p>" in out, "--from text overrides the Content-Type")
    status, out, err = run(["extract", base + "/latin1"])
    check(status == 0 and "caf\u00e9" in out and "\ufffd" not in out,
          "the Content-Type charset decodes windows-1252: %r %r" % (out, err))
    status, out, _ = run(["digest", "-f", "jsonl", base + "/article.txt", base + "/page"])
    _, article_split, _ = run(["split", "-f", "json", base + "/article.txt"])
    _, page_split, _ = run(["split", "-f", "json", base + "/page"])
    sentences = len(json.loads(article_split)) + len(json.loads(page_split))
    digest = json.loads(out) if status == 0 else {}
    check(digest.get("n_documents") == 2 and digest.get("n_sentences") == sentences,
          "a digest over URLs reads both, the page as a web page: %r" % out)
    server.shutdown()

    for failure in FAILURES:
        print("FAIL:", failure)
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
