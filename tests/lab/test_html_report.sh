#!/usr/bin/env bash
# --format html, rendered by a real browser (issue 13): a drop-all origin with
# 25 closed and two open ports, all 65,535 ports of both families, one page.
# Headless Chromium loads it from a file (the page's CSP forbids any fetch and
# any script) and
#   --dump-dom: the verdict, one row per finding of the JSON report, per
#     address a port map whose open/closed counts equal the JSON, no <script>;
#   --screenshot: the open ports' red markers and the closed port's amber one
#     are really painted (pixels counted in the PNG), among the grey filtered.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
lab_require_root
lab_require_cmd nft chromium
lab_require_exposcan
lab_create html
lab_target_rules drop "reset 25" "accept 2222,9200"
lab_listen 2222 9200
d=$LAB_TMP
rc=0
lab_scan scan "$LAB_T4" "$LAB_T6" --no-probe --expect-closed 25 --format "html=$d/r.html" --format "json=$d/r.json" -q ||
    rc=$?
[[ $rc == 1 ]] || lab_fail "scan exit $rc, expected 1 (2222 and 9200 open)"
browse() {  # browse ARGS...: headless Chromium on the report, as nobody would need: no sandbox (root), no GPU
    timeout 60 chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$d/chromium" \
        "$@" "file://$d/r.html" 2>>"$d/chromium.log"
}
browse --dump-dom >"$d/dom.html" || { cat "$d/chromium.log"; lab_fail "chromium --dump-dom failed"; }
# Scale 0.5: a quarter of the pixels for the PNG decoder below; markers stay solid.
browse --window-size=1000,3000 --force-device-scale-factor=0.5 --screenshot="$d/shot.png" >/dev/null ||
    { cat "$d/chromium.log"; lab_fail "chromium --screenshot failed"; }
"$LAB_PY" - "$d" <<'PY' || lab_fail "html report (see above)"
import json, struct, sys, zlib
from html.parser import HTMLParser
d = sys.argv[1]
report = json.load(open(f"{d}/r.json"))
bad = []

class Dom(HTMLParser):
    def __init__(self):
        super().__init__(); self.tags = []; self.verdict = ""; self.in_verdict = False; self.maps = []; self.findings = 0
    def handle_starttag(self, tag, attrs):
        a = dict(attrs); self.tags.append(tag)
        if a.get("id") == "verdict": self.in_verdict = True
        if tag == "svg" and "portmap" in a.get("class", ""): self.maps.append(a)
        if tag == "tr" and a.get("class") == "finding": self.findings += 1
    def handle_data(self, data):
        if self.in_verdict: self.verdict += data
    def handle_endtag(self, tag):
        if tag == "p": self.in_verdict = False

dom = Dom(); dom.feed(open(f"{d}/dom.html", encoding="utf-8").read())
if "script" in dom.tags: bad.append("the DOM has a <script>")
if not dom.verdict.startswith(f"verdict: {report['verdict']} (exit {report['exit_code']}"):
    bad.append(f"verdict {dom.verdict!r} does not match JSON {report['verdict']}")
if dom.findings != len(report["findings"]): bad.append(f"{dom.findings} finding rows, JSON has {len(report['findings'])}")
if len(dom.maps) != len(report["scans"]): bad.append(f"{len(dom.maps)} port maps for {len(report['scans'])} scans")
for m, s in zip(dom.maps, report["scans"]):
    want = (str(s["counts"]["open"]), str(s["counts"]["closed"]), "65535")
    got = (m.get("data-open"), m.get("data-closed"), m.get("data-scanned"))
    if got != want: bad.append(f"{s['address']}: port map open/closed/scanned {got}, JSON {want}")

def png_pixels(path):  # 8-bit RGB(A) PNG -> (width, height, rows of bytes); no PIL needed
    data = open(path, "rb").read()
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8]); body = data[pos + 8:pos + 8 + n]; pos += 12 + n
        if kind == b"IHDR": w, h, depth, colour = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT": idat += body
    bpp = {2: 3, 6: 4}[colour]; raw = zlib.decompress(idat); stride = w * bpp; rows = []; prev = bytearray(stride)
    for y in range(h):
        f = raw[y * (stride + 1)]; line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0; b = prev[i]; c = prev[i - bpp] if i >= bpp else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line); prev = line
    return w, h, bpp, rows

w, h, bpp, rows = png_pixels(f"{d}/shot.png")
count = {"open": 0, "closed": 0, "filtered": 0}
colours = {(0xd0, 0x00, 0x00): "open", (0xe0, 0xa0, 0x00): "closed", (0xc9, 0xce, 0xd6): "filtered"}
for line in rows:
    for x in range(0, w * bpp, bpp):
        k = colours.get(tuple(line[x:x + 3]))
        if k: count[k] += 1
print(f"  screenshot {w}x{h}: painted pixels {count}")
# Two maps of 256x256 px at scale 0.5: mostly filtered grey; each open port's marker (r=3 units =
# 6 px across) is a dozen or more red pixels, the closed port's as many amber ones.
if count["filtered"] < 2 * 50_000: bad.append(f"too little filtered grey painted: {count['filtered']}")
if count["open"] < 2 * 2 * 10: bad.append(f"open markers not visible: {count['open']} red pixels")
if count["closed"] < 2 * 10: bad.append(f"closed marker not visible: {count['closed']} amber pixels")
for b in bad: print("  html:", b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
lab_log "ok: html report rendered by Chromium: DOM matches the JSON report, answering ports painted"
