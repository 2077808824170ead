#!/usr/bin/python3
"""fake_es.py PORT: an Elasticsearch look-alike without authentication, for the
demo lab. Answers GET / like ES 7 does (cluster name, version, tagline) and
GET /_cat/indices with one index, so a probe sees "open ES, data readable"."""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
import socket

ROOT = {
    "name": "origin-es", "cluster_name": "mastodon", "cluster_uuid": "lab0000000000000000000",
    "version": {"number": "7.17.9", "build_flavor": "default", "lucene_version": "8.11.1"},
    "tagline": "You Know, for Search",
}
INDICES = "green open accounts_lab 1 0 42 0 10kb 10kb\n"


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path.startswith("/_cat/indices"):
            body, ctype = INDICES.encode(), "text/plain; charset=UTF-8"
        elif self.path in ("/", "/?pretty"):
            body, ctype = json.dumps(ROOT, indent=2).encode(), "application/json; charset=UTF-8"
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("X-elastic-product", "Elasticsearch")
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class DualStack(ThreadingHTTPServer):
    address_family = socket.AF_INET6

    def server_bind(self):
        self.socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        super().server_bind()

    def handle_error(self, request, client_address):
        pass  # scanners connect and reset; that is not an error worth a traceback


if __name__ == "__main__":
    DualStack(("::", int(sys.argv[1])), Handler).serve_forever()
