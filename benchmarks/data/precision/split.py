"""Seeded, stratified 50/50 split of a marked-up suite into a dev half and a frozen test half.

    python benchmarks/data/precision/split.py [benchmarks/data/precision/all.txt] [--seed 2026]
    python benchmarks/data/precision/split.py benchmarks/data/evasion/all.txt
    python benchmarks/data/precision/split.py --check benchmarks/data/precision   # dev+test re-split

Blocks are stratified by their ``# category:`` line so each half gets the same mix of cases (names
that are common words, framework prompts, …); within a category the order is a seeded shuffle of
the sorted ids, so the assignment depends on the seed and the ids only, never on file order. The
draft ``all.txt`` is deleted after splitting (the halves are the source of truth); ``--check``
re-splits the union of ``dev.txt`` and ``test.txt`` and fails if any block would change half, so
an edit that moves a block between halves cannot go unnoticed. Blocks are copied byte for byte.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

SEED = 2026
_SEP = re.compile(r"^---[ \t]*$", re.MULTILINE)
_ID = re.compile(r"^# (?P<id>[\w-]+): \w+", re.MULTILINE)
_CATEGORY = re.compile(r"^# category: (?P<cat>\S+)\s*$", re.MULTILINE)


def read_blocks(path: Path) -> dict[str, str]:
    """id -> raw block text (without separators); duplicate ids are an error."""
    blocks: dict[str, str] = {}
    for raw in _SEP.split(path.read_text(encoding="utf-8")):
        block = raw.strip("\n")
        if not block.strip():
            continue
        m = _ID.match(block)
        if m is None:
            raise ValueError(f"{path}: block does not start with '# id: kind': {block[:60]!r}")
        if m.group("id") in blocks:
            raise ValueError(f"{path}: duplicate id {m.group('id')}")
        blocks[m.group("id")] = block
    return blocks


def category(block: str) -> str:
    m = _CATEGORY.search(block)
    return m.group("cat") if m else "-"


def assign(blocks: dict[str, str], seed: int = SEED) -> tuple[list[str], list[str]]:
    """(dev ids, test ids), each sorted. Odd categories alternate which half gets the extra block."""
    by_cat: dict[str, list[str]] = defaultdict(list)
    for bid, block in blocks.items():
        by_cat[category(block)].append(bid)
    rng = random.Random(seed)
    dev: list[str] = []
    test: list[str] = []
    extra_to_dev = True
    for cat in sorted(by_cat):
        ids = sorted(by_cat[cat])
        rng.shuffle(ids)
        half = len(ids) // 2
        if len(ids) % 2:
            half += int(extra_to_dev)
            extra_to_dev = not extra_to_dev
        dev += ids[:half]
        test += ids[half:]
    return sorted(dev), sorted(test)


def write_half(path: Path, blocks: dict[str, str], ids: list[str]) -> None:
    path.write_text("\n---\n".join(blocks[i] for i in ids) + "\n", encoding="utf-8")


def check(folder: Path, seed: int = SEED) -> list[str]:
    """Problems found when re-splitting dev.txt + test.txt of `folder` (empty list: consistent)."""
    dev = read_blocks(folder / "dev.txt")
    test = read_blocks(folder / "test.txt")
    both = set(dev) & set(test)
    if both:
        return [f"ids in both halves: {sorted(both)}"]
    want_dev, want_test = assign({**dev, **test}, seed)
    problems = [f"{i} is in test.txt but the seeded split puts it in dev" for i in want_dev if i not in dev]
    problems += [f"{i} is in dev.txt but the seeded split puts it in test" for i in want_test if i not in test]
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", default=str(Path(__file__).with_name("all.txt")))
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--check", action="store_true", help="path is a folder holding dev.txt and test.txt")
    ap.add_argument("--keep", action="store_true", help="do not delete the draft after splitting")
    args = ap.parse_args(argv)
    path = Path(args.path)
    if args.check:
        problems = check(path, args.seed)
        for p in problems:
            print(p, file=sys.stderr)
        print("ok" if not problems else f"{len(problems)} problem(s)")
        return 1 if problems else 0
    blocks = read_blocks(path)
    dev, test = assign(blocks, args.seed)
    write_half(path.with_name("dev.txt"), blocks, dev)
    write_half(path.with_name("test.txt"), blocks, test)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for ids, k in ((dev, 0), (test, 1)):
        for i in ids:
            counts[category(blocks[i])][k] += 1
    for cat, (d, t) in sorted(counts.items()):
        print(f"{cat:20s} dev {d:4d}  test {t:4d}")
    print(f"{'total':20s} dev {len(dev):4d}  test {len(test):4d}")
    if not args.keep:
        path.unlink()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
