"""Pickling originals on purpose.

Entities and mapping records drop their original when pickled (see types.py, vault/base.py);
`with_originals(obj)` is the explicit opt-in for a caller that does want them inside the pickle,
for example to hand results from worker processes to a parent that writes them to its own
encrypted store:

    pickle.dumps(with_originals(result))     # loads() gives back the result, originals included

Containers (lists, tuples, dicts, results) are walked; the unpickled object is the plain value,
not the wrapper.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from .types import Entity, PseudonymizeResult
from .vault.base import MappingRecord

_FULL = (Entity, MappingRecord, PseudonymizeResult)


class with_originals:
    """Wrap `obj` so that pickling it keeps every original it holds."""

    __slots__ = ("obj",)

    def __init__(self, obj: Any) -> None:
        self.obj = obj

    def __repr__(self) -> str:
        return f"with_originals({type(self.obj).__name__})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (_flatten(self.obj),))


def _flatten(obj: Any) -> Any:
    """A structure of plain values whose own pickles carry everything (no custom __reduce__)."""
    if isinstance(obj, _FULL):
        return ("__full__", type(obj).__name__, tuple(_flatten(getattr(obj, f.name)) for f in fields(obj)))
    if isinstance(obj, list):
        return [_flatten(v) for v in obj]
    if isinstance(obj, tuple):
        return ("__tuple__", [_flatten(v) for v in obj])
    if isinstance(obj, dict):
        return {k: _flatten(v) for k, v in obj.items()}
    return obj


def _rebuild(data: Any) -> Any:
    if isinstance(data, tuple) and len(data) == 3 and data[0] == "__full__":
        cls = {c.__name__: c for c in _FULL}[data[1]]
        return cls(*(_rebuild(v) for v in data[2]))
    if isinstance(data, tuple) and len(data) == 2 and data[0] == "__tuple__":
        return tuple(_rebuild(v) for v in data[1])
    if isinstance(data, list):
        return [_rebuild(v) for v in data]
    if isinstance(data, dict):
        return {k: _rebuild(v) for k, v in data.items()}
    return data
