#!/usr/bin/python3
"""compare.py: port-by-port comparison of exposcan JSON, nmap XML and a ground truth.

  compare.py --ports SPEC [--truth FILE] [--exposcan FILE.json]... [--nmap FILE.xml]...

Each source becomes {(address, port): "state/reason"} over every port of SPEC
("1-65535", "22,25,80-90") and every address the truth names. Exit 0 if all
given sources agree with each other (and with the truth, if given), else 1
with the first differences printed.

Truth file lines:  ADDRESS default STATE/REASON   and   ADDRESS PORTS STATE/REASON
(later lines win; PORTS like the spec). Addresses are compared in canonical
form, so "2001:db8:1::10" and its long form are the same.
"""
import argparse
import ipaddress
import json
import sys
import xml.etree.ElementTree as ET

MAX_SHOWN = 20


def expand(spec):
    ports = []
    for part in spec.split(","):
        if "-" in part:
            lo, hi = part.split("-")
            ports.extend(range(int(lo), int(hi) + 1))
        elif part:
            ports.append(int(part))
    return ports


def canon(addr):
    return str(ipaddress.ip_address(addr))


def read_truth(path, ports):
    table = {}
    with open(path) as f:
        for line in f:
            words = line.split()
            if not words or words[0].startswith("#"):
                continue
            addr, which, value = canon(words[0]), words[1], words[2]
            chosen = ports if which == "default" else expand(which)
            for p in chosen:
                table[(addr, p)] = value
    return table


def read_exposcan(path, ports):
    """Silent ports are not listed in the JSON: filtered/no-response by schema."""
    with open(path) as f:
        doc = json.load(f)
    table = {}
    for scan in doc["scans"]:
        addr = canon(scan["address"])
        if not scan.get("complete", True):
            print(f"exposcan: scan of {addr} incomplete: {scan.get('incomplete_reason')}")
        for p in ports:
            table[(addr, p)] = "filtered/no-response"
        for r in scan["ports"]:
            table[(addr, r["port"])] = f'{r["state"]}/{r["reason"]}'
    return table


def read_nmap(path, ports):
    table = {}
    for host in ET.parse(path).getroot().iter("host"):
        addr = canon(host.find("address").get("addr"))
        for extra in host.iter("extraports"):
            for why in extra.iter("extrareasons"):
                for p in expand(why.get("ports", "")):
                    table[(addr, p)] = f'{extra.get("state")}/{why.get("reason")}'
        for port in host.iter("port"):
            st = port.find("state")
            table[(addr, int(port.get("portid")))] = f'{st.get("state")}/{st.get("reason")}'
    return table


def diff(name_a, a, name_b, b, keys):
    bad = [k for k in keys if a.get(k, "missing") != b.get(k, "missing")]
    for k in bad[:MAX_SHOWN]:
        print(f"  {k[0]} port {k[1]}: {name_a}={a.get(k, 'missing')} {name_b}={b.get(k, 'missing')}")
    if len(bad) > MAX_SHOWN:
        print(f"  ... {len(bad) - MAX_SHOWN} more")
    return len(bad)


def summary(name, table):
    counts = {}
    for v in table.values():
        counts[v] = counts.get(v, 0) + 1
    print(f"{name}: " + ", ".join(f"{v}={n}" for v, n in sorted(counts.items())))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ports", required=True)
    ap.add_argument("--truth")
    ap.add_argument("--exposcan", action="append", default=[])
    ap.add_argument("--nmap", action="append", default=[])
    args = ap.parse_args()
    ports = expand(args.ports)
    sources = []
    if args.truth:
        sources.append(("truth", read_truth(args.truth, ports)))
    for i, path in enumerate(args.exposcan):
        sources.append((f"exposcan#{i}", read_exposcan(path, ports)))
    merged = {}
    for i, path in enumerate(args.nmap):
        merged.update(read_nmap(path, ports))
    if args.nmap:
        sources.append(("nmap", merged))
    keys = sorted(set().union(*(t.keys() for _, t in sources)))
    ref_name, ref = sources[0]
    summary(ref_name, ref)
    failures = 0
    for name, table in sources[1:]:
        n = diff(ref_name, ref, name, table, keys)
        print(f"{name} vs {ref_name}: {'identical' if n == 0 else f'{n} differences'}")
        failures += n
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
