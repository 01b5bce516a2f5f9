"""Import spaCy and Presidio without dragging torch and transformers in (fast cold start).

spaCy's array library (thinc) imports torch whenever it is installed, and Presidio's package
imports transformers for an NLP engine it only offers; together that is most of a new process's
first call (about 2.6 s for transformers alone), although the default pipeline uses neither.
While spaCy and Presidio are first imported, their own attempts to import torch or transformers
fail as if the packages were absent, so both fall back to their torch-free code paths. Imports
by any other module (the user's, ours in the model-backed strategies) are untouched, also from
other threads at that moment. Set PSEUDONYM_EAGER_TORCH=1 to import them as usual (needed only
if the same process also runs spaCy pipelines that use torch, such as spacy-transformers).
"""

from __future__ import annotations

import importlib
import importlib.abc
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType, ModuleType

#: Packages hidden from the importers below while they load.
HEAVY = frozenset({"torch", "transformers"})
#: Importers that would load the heavy packages only to offer features the default pipeline never uses.
_QUIET_IMPORTERS = ("thinc", "spacy", "presidio_analyzer")
_lock = threading.RLock()


class _HideHeavy(importlib.abc.MetaPathFinder):
    """Answers "no such module" for torch/transformers, but only to spaCy, thinc and Presidio."""

    def find_spec(self, fullname: str, path: object, target: ModuleType | None = None) -> None:
        if fullname.partition(".")[0] in HEAVY and _importer().startswith(_QUIET_IMPORTERS):
            raise ModuleNotFoundError(f"No module named {fullname!r}", name=fullname)
        return None


def _importer() -> str:
    """Name of the module whose `import` statement is being served (import machinery skipped)."""
    frame: FrameType | None = sys._getframe(2)
    while frame is not None:
        name = frame.f_globals.get("__name__", "")
        if not name.startswith(("importlib", "_frozen_importlib", __name__)):
            return str(name)
        frame = frame.f_back
    return ""


@contextmanager
def without_heavy_imports() -> Iterator[None]:
    """While inside, spaCy, thinc and Presidio cannot import torch or transformers.

    Also needed around `spacy.load`: spaCy resolves pipeline factories through entry points, and
    Presidio registers one, so loading a model can import Presidio (and through it transformers).
    """
    if os.environ.get("PSEUDONYM_EAGER_TORCH", "") not in ("", "0"):
        yield
        return
    with _lock:
        finder = _HideHeavy()
        sys.meta_path.insert(0, finder)
        try:
            yield
        finally:
            sys.meta_path.remove(finder)


def light_import(name: str) -> ModuleType:
    """`importlib.import_module(name)`, with spaCy, thinc and Presidio kept from importing torch."""
    module = sys.modules.get(name)
    if module is not None:
        return module
    with without_heavy_imports():
        return importlib.import_module(name)
