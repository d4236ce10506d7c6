"""Checks that every (method, path) of the reference extraction is an operation of the generated
spec. Paths are compared the way the reference normalises them (placeholders `{}`, function
arguments `name={}`), case-insensitively, since the model merges paths that differ only in case.

Usage: spec_vs_reference.py REFERENCE.jsonl openapi.json"""
import json
import re
import sys

METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}


def normalise(path):
    path = re.sub(r"\{[^}]*\}", "{}", path)

    def args(m):
        parts = [a.split("=")[0].strip() + "={}" if "=" in a else "{}" for a in m.group(1).split(",") if a.strip()]
        return "(" + ",".join(parts) + ")"

    return re.sub(r"\(([^)]*)\)", args, path).lower()


reference = set()
with open(sys.argv[1]) as f:
    for line in f:
        for op in json.loads(line)["operations"]:
            reference.add((op["method"], op["path"].lower()))
with open(sys.argv[2]) as f:
    spec = json.load(f)
ours = {(m.upper(), normalise(p)) for p, item in spec["paths"].items() for m in item if m in METHODS}
missing = sorted(reference - ours)
extra = sorted(ours - reference)
print(f"reference: {len(reference)} distinct (method, path) pairs (case-insensitive); spec: {len(ours)}; "
      f"missing from the spec: {len(missing)}; in the spec only: {len(extra)}")
for m, p in missing[:20]:
    print(f"  missing {m} {p}")
for m, p in extra[:20]:
    print(f"  spec only {m} {p}")
sys.exit(1 if missing else 0)
