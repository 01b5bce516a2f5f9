"""Lab tests share the engine tests' tiny model builders (tests/core/tiny_models.py)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "core"))
