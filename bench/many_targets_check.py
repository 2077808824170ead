#!/usr/bin/env python3
"""many_targets_check.py KIND FILE TARGETS PORTS OPEN_LIST: exit 0 if the scan equals the truth.

Truth (bench/many-targets.sh): every (address, port) of TARGETS x PORTS is closed, except the
"address port" lines of OPEN_LIST that fall inside, which are open. KIND: exposcan (JSON
report) or nmap (-oX). Prints the first differences to stderr."""
import ipaddress
import json
import sys
import xml.etree.ElementTree as ET


def port_range(spec):
    lo, _, hi = spec.partition("-")
    return set(range(int(lo), int(hi or lo) + 1))


def main():
    kind, path, targets, ports_spec, open_list = sys.argv[1:6]
    addrs = [str(a) for a in ipaddress.ip_network(targets, strict=True)] if "/" in targets else [targets]
    ports = port_range(ports_spec)
    want_open = {}
    for line in open(open_list):
        a, p = line.split()
        if a in addrs and int(p) in ports:
            want_open.setdefault(a, set()).add(int(p))
    seen = {}  # address -> (open set, closed count, other states)
    if kind == "exposcan":
        for s in json.load(open(path))["scans"]:
            if not s["complete"]:
                print(f"{s['address']}: incomplete: {s['incomplete_reason']}", file=sys.stderr)
                return 1
            o = {r["port"] for r in s["ports"] if r["state"] == "open"}
            c = sum(1 for r in s["ports"] if r["state"] == "closed")
            other = len(ports) - len(o) - c  # silent ports are implied filtered
            seen[s["address"]] = (o, c, other)
    else:
        for h in ET.parse(path).getroot().iter("host"):
            a = h.find("address").get("addr")
            o, c, other = set(), 0, 0
            for p in h.iter("port"):
                st = p.find("state").get("state")
                if st == "open":
                    o.add(int(p.get("portid")))
                elif st == "closed":
                    c += 1
                else:
                    other += 1
            for x in h.iter("extraports"):
                if x.get("state") == "closed":
                    c += int(x.get("count"))
                else:
                    other += int(x.get("count"))
            seen[a] = (o, c, other)
    bad = 0
    for a in addrs:
        o, c, other = seen.get(a, (set(), 0, len(ports)))
        exp = want_open.get(a, set())
        if o != exp or c != len(ports) - len(exp) or other != 0:
            bad += 1
            if bad <= 5:
                print(f"{a}: open {sorted(o)} (want {sorted(exp)}), closed {c}, other {other}", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
