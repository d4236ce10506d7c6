"""Reads openapi.yaml with PyYAML (a YAML 1.1 reader, like most OpenAPI tools) and checks that it
holds exactly the document openapi.json holds: no scalar turned into a boolean, date or number.

Usage: yaml_matches_json.py DIR..."""
import json
import sys

import yaml


def first_difference(a, b, path=""):
    if type(a) is not type(b):
        return f"{path}: {a!r:.80} vs {b!r:.80}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return f"{path}/{k}: only in one"
            d = first_difference(a[k], b[k], f"{path}/{k}")
            if d:
                return d
    elif isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} vs {len(b)} items"
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, f"{path}/{i}")
            if d:
                return d
    elif a != b:
        return f"{path}: {a!r:.80} vs {b!r:.80}"
    return None


failed = False
loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
for d in sys.argv[1:]:
    with open(f"{d}/openapi.yaml") as y, open(f"{d}/openapi.json") as j:
        diff = first_difference(yaml.load(y, Loader=loader), json.load(j))
    print(f"{d}/openapi.yaml read as YAML 1.1 {'differs from' if diff else 'equals'} openapi.json" + (f": {diff}" if diff else ""))
    failed |= bool(diff)
sys.exit(1 if failed else 0)
