#!/usr/bin/env python3
"""The reference search of benches/suite.sh: every pattern of the built-in boilerplate pack (the
residue copydesk looks for), one regex a line, for `rg -f`. Whole-line patterns are anchored at
both ends of the line as copydesk anchors them; phrase lists become one word-bounded alternation.
"""
import re
import sys
import tomllib

path = sys.argv[1] if len(sys.argv) > 1 else "rules/boilerplate.toml"
with open(path, "rb") as f:
    pack = tomllib.load(f)
for rule in pack.get("rule", []):
    for line in rule.get("lines", []):
        print(f"^(?:{line})$")
    if "pattern" in rule:
        print(rule["pattern"])
    if "phrases" in rule:
        words = "|".join(re.escape(p) for p in rule["phrases"])
        print(f"(?i)\\b(?:{words})\\b")
