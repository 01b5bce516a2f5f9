"""Split writer `ra`'s drafted texts 50/50 into a dev half and a frozen test half.

Why a script: the split must be reproducible and stratified, so every domain (support, HR,
clinical, legal, insurance, finance) is equally present in both halves and nobody picks which
texts end up in the frozen test half. Blocks are copied byte for byte (Unicode quirks included).

Usage: python benchmarks/data/realistic/split_ra.py [all-ra.txt]  -> dev-ra.txt, test-ra.txt
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

SEED = 2026
HERE = Path(__file__).resolve().parent


def blocks(raw: str) -> list[str]:
    """The non-empty blocks of a marked-up file, each without its '---' separator line."""
    parts = re.split(r"^---[ \t]*$\n?", raw, flags=re.MULTILINE)
    return [p.strip("\n") + "\n" for p in parts if p.strip()]


def meta(block: str, key: str) -> str:
    m = re.search(rf"^# {key}: (.*)$", block, re.MULTILINE)
    if m is None:
        raise ValueError(f"block without '# {key}:' line: {block[:40]!r}")
    return m.group(1).strip()


def block_id(block: str) -> str:
    return block.split(":", 1)[0].removeprefix("# ")


def split(all_blocks: list[str]) -> tuple[list[str], list[str]]:
    """Shuffle each domain with one seeded generator and cut it in half; odd domains alternate
    which half gets the extra text so the two halves stay the same size."""
    rng = random.Random(SEED)
    by_domain: dict[str, list[str]] = {}
    for b in sorted(all_blocks, key=block_id):
        by_domain.setdefault(meta(b, "domain"), []).append(b)
    dev: list[str] = []
    test: list[str] = []
    extra_to_dev = True
    for domain in sorted(by_domain):
        group = by_domain[domain]
        rng.shuffle(group)
        half = len(group) // 2
        if len(group) % 2:
            half += 1 if extra_to_dev else 0
            extra_to_dev = not extra_to_dev
        dev += group[:half]
        test += group[half:]
    return sorted(dev, key=block_id), sorted(test, key=block_id)


def write(path: Path, chosen: list[str]) -> None:
    path.write_text("".join(b + "---\n" for b in chosen), encoding="utf-8")


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv else HERE / "all-ra.txt"
    dev, test = split(blocks(source.read_text(encoding="utf-8")))
    write(HERE / "dev-ra.txt", dev)
    write(HERE / "test-ra.txt", test)
    print(f"dev-ra.txt: {len(dev)} texts, test-ra.txt: {len(test)} texts (seed {SEED})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
