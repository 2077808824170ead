#!/usr/bin/env bash
# Output safety: services whose banners, headers and bodies carry ANSI
# escapes, NUL, invalid UTF-8, </testcase>, ]]>, quotes and newlines. Every
# writer's output must stay safe: text has no control byte or byte >= 0x80;
# JSON/JSONL/SARIF parse as strict UTF-8 JSON; JUnit is well-formed XML
# (xmllint) and parses back, and so is nmap-xml; the Prometheus textfile passes promtool and
# carries no injected metric; the HTML page parses (Python's HTML5-tolerant
# parser) with no element, attribute or script that came from a service.
source "$(dirname "$0")/lib.sh"
lab_require_root
lab_require_exposcan
lab_require_cmd xmllint promtool
lab_create rhostile
lab_target_rules drop "accept 22,6379,9200,8080"
rel_hostile banner:22 resp:6379 http:9200 http:8080
d=$LAB_TMP
lab_scan scan "$LAB_T4" -p 22,6379,9200,8080 --format "text=$d/out.txt" --format "json=$d/out.json" \
    --format "jsonl=$d/out.jsonl" --format "junit=$d/out.xml" --format "prometheus=$d/out.prom" \
    --format "sarif=$d/out.sarif" --format "html=$d/out.html" \
    --format "nmap-xml=$d/out.nmap.xml" -q
rc=$?
rel_expect_rc 1 "$rc" "hostile services (open ports the policy did not expect)"

"$LAB_PY" - "$d" <<'PY' || lab_fail "output safety (see above)"
import json, sys, xml.etree.ElementTree as ET
d = sys.argv[1]
bad = []
raw = {ext: open(f"{d}/out.{ext}", "rb").read() for ext in ("txt", "json", "jsonl", "xml", "prom", "sarif", "html", "nmap.xml")}
# No format may carry a raw ESC or NUL; the text report no byte outside printable ASCII + \n \t.
for ext, b in raw.items():
    for c in (0x1b, 0x00, 0x07):
        if c in b: bad.append(f"{ext}: raw byte 0x{c:02x}")
for i, c in enumerate(raw["txt"]):
    if c >= 0x7f or (c < 0x20 and c not in (0x0a, 0x09)):
        bad.append(f"txt: byte 0x{c:02x} at {i}"); break
for ext in ("json", "sarif"):
    try: json.loads(raw[ext].decode("utf-8", errors="strict"))
    except Exception as e: bad.append(f"{ext}: {e}")
for n, line in enumerate(raw["jsonl"].decode("utf-8", errors="strict").splitlines()):
    try: json.loads(line)
    except Exception as e: bad.append(f"jsonl line {n + 1}: {e}")
try:
    root = ET.fromstring(raw["xml"])
    names = [tc.get("name") for tc in root.iter("testcase")]
    if any(n is None for n in names): bad.append("junit: testcase without name")
except Exception as e: bad.append(f"junit: {e}")
try:
    root = ET.fromstring(raw["nmap.xml"])
    named = sum(1 for p in json.loads(raw["json"])["probes"] if p["service"])
    if named == 0 or len(list(root.iter("service"))) != named:
        bad.append(f"nmap-xml: not one <service> per identified service ({named})")
except Exception as e: bad.append(f"nmap-xml: {e}")
prom = raw["prom"].decode("utf-8", errors="strict")
if "fake_metric" in [l.split("{")[0].split(" ")[0] for l in prom.splitlines() if l and not l.startswith("#")]:
    bad.append("prometheus: injected metric fake_metric")
if "Injected" in [l.split(":")[0] for l in raw["txt"].decode().splitlines()]:
    bad.append("txt: a service's header became a line of its own")
from html.parser import HTMLParser
class Tags(HTMLParser):
    def __init__(self):
        super().__init__(); self.tags = set(); self.attrs = set()
    def handle_starttag(self, tag, attrs):
        self.tags.add(tag); self.attrs.update(a for a, _ in attrs)
page = Tags(); page.feed(raw["html"].decode("utf-8", errors="strict"))
for tag in ("script", "img", "x", "testcase"):
    if tag in page.tags: bad.append(f"html: a <{tag}> element came from a service")
if any(a.startswith("on") for a in page.attrs): bad.append("html: an on* event attribute came from a service")
if b"&lt;script&gt;alert(1)" not in raw["html"]: bad.append("html: the hostile bytes are not shown, escaped")
j = json.loads(raw["json"])
if len(j["probes"]) != 4: bad.append(f"json: {len(j['probes'])} probes, expected 4")
if not any("\\x1b" in p["evidence"] or "\\x1b" in p["version"] for p in j["probes"]):
    bad.append("json: no probe kept the (escaped) hostile bytes as evidence")
for b in bad: print("  unsafe:", b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
lab_log "ok: text, json, jsonl, sarif parse safely"
xmllint --noout "$d/out.xml" || lab_fail "junit: xmllint rejects it"
lab_log "ok: junit well-formed (xmllint)"
xmllint --noout "$d/out.nmap.xml" || lab_fail "nmap-xml: xmllint rejects it"
lab_log "ok: nmap-xml well-formed (xmllint)"
promtool check metrics < "$d/out.prom" || lab_fail "prometheus: promtool rejects it"
lab_log "ok: prometheus passes promtool"
lab_log "ok: html has no element or event attribute from a service (tests/lab/test_html_report.sh renders one)"
