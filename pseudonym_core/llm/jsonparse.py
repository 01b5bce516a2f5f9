"""Lenient JSON extraction from small-model output.

A 135M-parameter model wraps JSON in prose and code fences, uses single quotes, leaves trailing
commas, or stops mid-list. The strategies must never crash on that: this returns the first value
that can be read (repairing what is safe to repair) or None, and the caller falls back and reports.
"""

from __future__ import annotations

import ast
import json
import re
from typing import Any

_FENCE = re.compile(r"```(?:json|JSON)?\s*(.*?)```", re.DOTALL)
_TRAILING_COMMA = re.compile(r",\s*([\]}])")
#: Each candidate is scanned to its end, so a bracket-heavy answer is cut off after this many.
_MAX_CANDIDATES = 20


def _candidates(text: str) -> list[str]:
    """Bracketed stretches of `text`, fenced blocks first, each cut at its balancing bracket."""
    blocks = [m.group(1) for m in _FENCE.finditer(text)] + [text]
    out: list[str] = []
    for block in blocks:
        for i, ch in enumerate(block):
            if ch not in "[{":
                continue
            end = _balanced_end(block, i)
            out.append(block[i:end] if end is not None else _close(block[i:]))
            if len(out) >= _MAX_CANDIDATES:
                return out
    return out


def _balanced_end(text: str, start: int) -> int | None:
    """Index after the bracket closing the one at `start`, skipping brackets inside strings."""
    depth = 0
    quote: str | None = None
    escaped = False
    for i in range(start, len(text)):
        ch = text[i]
        if quote:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
            if depth == 0:
                return i + 1
    return None


def _close(fragment: str) -> str:
    """A truncated list of objects keeps its complete items: cut after the last '}' and close it."""
    if fragment.startswith("[") and "}" in fragment:
        return fragment[: fragment.rindex("}") + 1] + "]"
    return fragment


def _load(candidate: str) -> Any:
    for attempt in (candidate, _TRAILING_COMMA.sub(r"\1", candidate)):
        try:
            return json.loads(attempt)
        except ValueError:
            pass
        try:  # single quotes, True/None: Python literal syntax, evaluated without code execution
            return ast.literal_eval(attempt)
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            pass
    return None


def extract_json(text: str, want: type | tuple[type, ...] = (list, dict)) -> Any:
    """The first JSON (or Python-literal) value of type `want` found in `text`, or None."""
    if not isinstance(text, str):
        return None
    for candidate in _candidates(text):
        value = _load(candidate)
        if isinstance(value, want):
            return value
    return None
