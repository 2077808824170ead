#!/usr/bin/env python3
"""Prints a report with the fields that may differ between a merged and a
single run removed (docs/scaling.md "What merge keeps"): timing, the engine's
own statistics, per-shard fields. Everything else must be byte-equal."""
import json
import re
import sys

path = sys.argv[1]
text = open(path, encoding="utf-8").read()
TIMING_KEYS = {"started_at", "elapsed_ms", "srtt_us", "stats", "time_us", "tries", "shard",
               "startTimeUtc", "endTimeUtc"}


def strip(node):
    if isinstance(node, dict):
        return {k: strip(v) for k, v in node.items() if k not in TIMING_KEYS}
    if isinstance(node, list):
        return [strip(v) for v in node]
    return node


if path.endswith((".json", ".sarif")):
    print(json.dumps(strip(json.loads(text)), indent=1, sort_keys=True))
elif path.endswith(".xml"):
    print(re.sub(r' (time|timestamp)="[^"]*"', "", text))
else:
    print(re.sub(r"\d+(\.\d+)? ?(ms|s|connects/s)\b", "T", text))
