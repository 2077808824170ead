#!/usr/bin/python3
"""listen.py READY_FILE PORT...: accept-and-close TCP listeners on every port,
dual-stack ([::] with IPV6_V6ONLY off), for the exposcan lab. Touches READY_FILE
once every socket listens, so callers never race the bind."""
import selectors
import socket
import sys


def listener(port):
    s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    s.bind(("::", port))
    s.listen(1024)  # scanners connect fast; a short backlog would drop SYNs
    s.setblocking(False)
    return s


def main():
    ready, ports = sys.argv[1], [int(p) for p in sys.argv[2:]]
    sel = selectors.DefaultSelector()
    for p in ports:
        sel.register(listener(p), selectors.EVENT_READ)
    open(ready, "w").close()
    while True:
        for key, _ in sel.select():
            try:
                conn, _ = key.fileobj.accept()
                conn.close()
            except OSError:
                pass


if __name__ == "__main__":
    main()
