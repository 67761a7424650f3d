"""Checks that two quotedrift/report@1 documents agree on everything but where each source
was read from (a JSON Lines record's `path` names its line in the input the process read).

    python compare.py A.json B.json
"""

import json
import sys


def normalized(path: str) -> dict:
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    for source in doc["sources"]:
        source["path"] = None
    return doc


a, b = (normalized(p) for p in sys.argv[1:3])
if a != b:
    sys.exit(f"{sys.argv[1]} and {sys.argv[2]} differ")
print(f"same report: {len(a['sources'])} sources, {len(a['quotes'])} quotes, "
      f"{len(a['groups'])} groups")
