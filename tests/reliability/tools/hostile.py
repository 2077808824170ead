#!/usr/bin/env python3
"""hostile.py READY_FILE MODE:PORT... -- TCP servers that misbehave on purpose.

Each listens on [::]:PORT (dual stack, so v4 and v6) or, with HOSTILE_BIND set,
on that address only. Modes:
  tarpit   accept, then never send a byte and never close
  drip     accept, then send one byte every 0.5 s forever
  http     answer any request with an HTTP response full of hostile bytes
  banner   send a hostile line at once (like an SSH/SMTP banner), then hold
  resp     answer like redis with a hostile error line
Creates READY_FILE once every socket listens. Runs until killed.
"""
import os
import socket
import sys
import threading
import time

# Terminal escapes, NUL, invalid UTF-8, XML/CDATA and HTML breakers, quotes, newlines.
EVIL = (b"\x1b[2J\x1b[31mPWNED\x1b]0;title\x07\x00nul\xff\xfe\xc3\x28bad-utf8 "
        b"</script><script>alert(1)</script><img src=x onerror=alert(2)> "
        b"</testcase></testsuite>]]><x a=\"q\" b='q'>&amp;\\ \"} {{label=\"x\"}}\r\nInjected: yes\n"
        b"# HELP fake metric\nfake_metric 1\n")


def hold(conn):
    try:
        while conn.recv(4096):
            pass
    except OSError:
        pass


def serve(conn, mode):
    with conn:
        if mode == "tarpit":
            hold(conn)
        elif mode == "drip":
            try:
                while True:
                    conn.sendall(b"x")
                    time.sleep(0.5)
            except OSError:
                pass
        elif mode == "banner":
            conn.sendall(b"SSH-2.0-" + EVIL.replace(b"\n", b" ") + b"\r\n")
            hold(conn)
        elif mode == "resp":
            conn.recv(4096)
            conn.sendall(b"-ERR " + EVIL.replace(b"\r\n", b" ").replace(b"\n", b" ") + b"\r\n")
            hold(conn)
        elif mode == "http":
            conn.recv(65536)
            body = b"{\"cluster_name\": \"" + EVIL.replace(b"\"", b"'") + b"\", \"tagline\": \"You Know, for Search\"}"
            head = (b"HTTP/1.1 200 OK\r\nServer: " + EVIL.replace(b"\r\n", b" ").replace(b"\n", b" ") +
                    b"\r\nX-Evil: \x1b[31m</testcase>]]>\"\r\nContent-Type: application/json\r\n"
                    b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n")
            conn.sendall(head + body)
            hold(conn)


def listen(mode, port):
    bind = os.environ.get("HOSTILE_BIND")
    fam = socket.AF_INET if bind and ":" not in bind else socket.AF_INET6
    s = socket.socket(fam, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if fam == socket.AF_INET6 and not bind:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    s.bind((bind or "::", port))
    s.listen(512)
    return s


def accept_loop(s, mode):
    while True:
        conn, _ = s.accept()
        threading.Thread(target=serve, args=(conn, mode), daemon=True).start()


def main():
    ready = sys.argv[1]
    socks = []
    for spec in sys.argv[2:]:
        mode, port = spec.split(":")
        socks.append((listen(mode, int(port)), mode))
    for s, mode in socks:
        threading.Thread(target=accept_loop, args=(s, mode), daemon=True).start()
    open(ready, "w").close()
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    main()
