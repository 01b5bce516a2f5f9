"""Split the `rb` part of the realistic set 50/50 into a dev and a frozen test half.

Why stratified and seeded: each domain must be present in both halves in (nearly) equal numbers,
and anyone must be able to reproduce which text went where. The split depends only on the block
ids and their `# domain:` line, so re-running it on dev+test gives the same halves again
(`--check` does exactly that and fails if the files on disk differ from the recomputed split).

Usage:
  python benchmarks/data/realistic/split_rb.py            # all-rb.txt -> dev-rb.txt, test-rb.txt
  python benchmarks/data/realistic/split_rb.py --check    # recompute from dev+test, compare
"""

from __future__ import annotations

import random
import re
import sys
from collections import defaultdict
from pathlib import Path

SEED = 2026
HERE = Path(__file__).resolve().parent
ALL, DEV, TEST = HERE / "all-rb.txt", HERE / "dev-rb.txt", HERE / "test-rb.txt"
_SEP = re.compile(r"^---[ \t]*$", re.MULTILINE)


def blocks(text: str) -> list[str]:
    """Raw blocks, exactly as written (markup kept), without the separators."""
    return [b.strip("\n") for b in _SEP.split(text) if b.strip()]


def key(block: str) -> tuple[str, str]:
    """(id, domain) of a raw block."""
    block_id = re.match(r"# ([\w-]+): ", block)
    domain = re.search(r"^# domain: (\S+)", block, re.MULTILINE)
    if block_id is None or domain is None:
        raise ValueError(f"block without id or domain: {block[:60]!r}")
    return block_id.group(1), domain.group(1)


def split(all_blocks: list[str]) -> tuple[list[str], list[str]]:
    """Per domain (sorted), shuffle ids with one seeded generator; odd domains alternate the extra text."""
    rng = random.Random(SEED)
    by_domain: dict[str, list[str]] = defaultdict(list)
    by_id = {}
    for b in all_blocks:
        block_id, domain = key(b)
        by_domain[domain].append(block_id)
        by_id[block_id] = b
    dev_ids: set[str] = set()
    extra_to_dev = True
    for domain in sorted(by_domain):
        ids = sorted(by_domain[domain])
        rng.shuffle(ids)
        half = len(ids) // 2
        if len(ids) % 2:
            half += 1 if extra_to_dev else 0
            extra_to_dev = not extra_to_dev
        dev_ids.update(ids[:half])
    ordered = sorted(by_id)
    dev = [by_id[i] for i in ordered if i in dev_ids]
    test = [by_id[i] for i in ordered if i not in dev_ids]
    return dev, test


def render(chosen: list[str]) -> str:
    return "\n---\n".join(chosen) + "\n"


def main(argv: list[str]) -> int:
    if "--check" in argv:
        dev, test = split(blocks(DEV.read_text(encoding="utf-8")) + blocks(TEST.read_text(encoding="utf-8")))
        same = render(dev) == DEV.read_text(encoding="utf-8") and render(test) == TEST.read_text(encoding="utf-8")
        print("split reproduces the files on disk" if same else "split DIFFERS from the files on disk")
        return 0 if same else 1
    dev, test = split(blocks(ALL.read_text(encoding="utf-8")))
    DEV.write_text(render(dev), encoding="utf-8")
    TEST.write_text(render(test), encoding="utf-8")
    print(f"dev {len(dev)} texts -> {DEV.name}; test {len(test)} texts -> {TEST.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
