"""The frozen test halves of the evaluation sets stay exactly as they were frozen.

Quality figures are only honest when the data they come from was fixed before tuning; an edit to
a test half (even a "fix" of a label) must be a visible, deliberate change of this manifest.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "benchmarks" / "data"


def _manifest() -> dict[str, str]:
    lines = (DATA / "FROZEN.sha256").read_text(encoding="utf-8").splitlines()
    return {name: digest for digest, name in (line.split(maxsplit=1) for line in lines if line.strip())}


def test_every_test_half_is_listed() -> None:
    listed = set(_manifest())
    on_disk = {p.relative_to(DATA).as_posix() for p in DATA.glob("*/test*.txt")}
    assert on_disk == listed


def test_test_halves_match_their_frozen_digest() -> None:
    for name, digest in _manifest().items():
        actual = hashlib.sha256((DATA / name).read_bytes()).hexdigest()
        assert actual == digest, f"{name} changed after it was frozen"
