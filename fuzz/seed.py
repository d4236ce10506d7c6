#!/usr/bin/env python3
"""Builds the fuzz targets' seed corpora under fuzz/corpus/<target>/ (gitignored) at run time.

Sources: the hand-written seeds in fuzz/seeds/<target>/ and the kept findings in
tests/fixtures/fuzz/<target>/ (both committed), docs-input/, the seed pages
of ../shared/seeds/ and a deterministic sample of ~300 pages of ../shared/corpus/graph-v1.0/
(every 11th page in path order). Nothing from ../shared is ever committed: it is copied here, into
the ignored corpus folders, on each run. Files are named by content hash, so re-running adds only
what is new and never removes what the fuzzer found.

    fuzz/seed.py [TARGET...]          (default: every target)
    MDAPI_SHARED=../shared            (where shared/ is; default ../shared beside the checkout)
"""

import hashlib
import os
import re
import sys
from pathlib import Path

FUZZ = Path(__file__).resolve().parent
ROOT = FUZZ.parent
SHARED = Path(os.environ.get("MDAPI_SHARED", ROOT.parent / "shared"))
TARGETS = ["pipeline", "lenient_json", "path_template", "generate"]
SEPARATOR = b"\x1e"  # mdapi::fuzzing::PAGE_SEPARATOR
SAMPLE_EVERY = 11
MAX_SEED_BYTES = 64 * 1024

ANNOTATION = re.compile(rb"<!--\s*(\{.*?\})\s*-->", re.S)
JSON_FENCE = re.compile(rb"```(?:json|http)[^\n]*\n(.*?)```", re.S)
REQUEST_LINE = re.compile(rb"^[ \t`]*(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b[^\n]*$", re.M)


def pages():
    """(name, bytes) of every source page, in a fixed order."""
    found = []
    for p in sorted((ROOT / "docs-input").rglob("*.md")):
        found.append((p, p.read_bytes()))
    seeds = SHARED / "seeds"
    if seeds.is_dir():
        for p in sorted(seeds.iterdir()):
            found.append((p, p.read_bytes()))
    corpus = SHARED / "corpus" / "graph-v1.0"
    if corpus.is_dir():
        all_pages = sorted(corpus.rglob("*.md"))
        for p in all_pages[::SAMPLE_EVERY]:
            found.append((p, p.read_bytes()))
    else:
        print(f"seed: {corpus} not found; seeding from docs-input and fuzz/seeds only", file=sys.stderr)
    return [(p, b) for p, b in found if len(b) <= MAX_SEED_BYTES]


def doc_sets(page_list):
    """Multi-page inputs for `generate` (and `pipeline`): each docs-input API page with the
    resource pages it names, and runs of consecutive sampled pages."""
    out = []
    docs = [(p, b) for p, b in page_list if "docs-input" in p.parts]
    resources = {p.stem: b for p, b in docs if "resources" in p.parts}
    for p, b in docs:
        if "api" not in p.parts:
            continue
        named = [r for stem, r in sorted(resources.items()) if stem.encode() in b][:3]
        out.append(SEPARATOR.join([b, *named]))
    others = [b for p, b in page_list if "docs-input" not in p.parts]
    for i in range(0, len(others) - 3, 4):
        out.append(SEPARATOR.join(others[i : i + 4]))
    return out


def inputs(target, page_list):
    for own in (FUZZ / "seeds" / target, ROOT / "tests" / "fixtures" / "fuzz" / target):
        if own.is_dir():
            for p in sorted(own.iterdir()):
                if not p.name.startswith(".") and p.name != "README.md":
                    yield p.read_bytes()
    if target in ("pipeline", "generate"):
        if target == "pipeline":
            for _, b in page_list:
                yield b
        yield from doc_sets(page_list)
    elif target == "lenient_json":
        for _, b in page_list:
            for m in ANNOTATION.finditer(b):
                yield m.group(1)
            for m in JSON_FENCE.finditer(b):
                body = m.group(1)
                # A response fence: the body after the headers.
                if body.startswith(b"HTTP/") and b"\n\n" in body:
                    body = body.split(b"\n\n", 1)[1]
                if body.lstrip().startswith((b"{", b"[")):
                    yield body
    elif target == "path_template":
        for _, b in page_list:
            lines = REQUEST_LINE.findall(b)
            if lines:
                yield b"\n".join(lines)
    else:
        raise SystemExit(f"seed: unknown target {target}")


def main():
    targets = sys.argv[1:] or TARGETS
    page_list = pages()
    for target in targets:
        out = FUZZ / "corpus" / target
        out.mkdir(parents=True, exist_ok=True)
        added = 0
        for data in inputs(target, page_list):
            name = out / hashlib.sha1(data).hexdigest()
            if not name.exists():
                name.write_bytes(data)
                added += 1
        total = sum(1 for _ in out.iterdir())
        print(f"seed: {target}: {added} new, {total} in fuzz/corpus/{target}", file=sys.stderr)


if __name__ == "__main__":
    main()
