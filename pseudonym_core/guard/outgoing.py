"""The outgoing guard: the last check before a payload leaves for the cloud model (rule 14).

Detection can miss, a tool output or a framework prompt can carry text that never went through
the pseudonymizer, and a restored answer can be pasted back. Right before sending, the guard
scans the final payload for any original the session knows — whatever the case, Unicode form,
invisible characters or look-alike letters, and for numbers whatever the separators — and
replaces each with the session's surrogate (default) or refuses to send (`strict`, `LeakError`).

It looks strings up in the session's incremental index of originals, so its cost follows the
payload's length, not the number of mappings (rule 13).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from ..errors import LeakError
from ..restore.index import LiteralIndex
from ..restore.session_index import Known
from ..restore.value_index import FlexIndex
from ..surrogate.base import match_case
from .normalize import INVISIBLE_SPACES, skeleton

if TYPE_CHECKING:
    from ..session import Session

log = logging.getLogger("pseudonym_core.guard")


class Leak(NamedTuple):
    """An original found in a scanned string: offsets and type only, never the text."""

    start: int
    end: int
    label: str
    replacement: str  # the surrogate that masks it (safe to show)


def _reflow(found: str, value: str) -> str:
    """The surrogate's letters and digits in the layout of what was found, when the counts agree."""
    f_alnum = [c for c in found if c.isalnum()]
    v_alnum = [c for c in value if c.isalnum()]
    if len(f_alnum) != len(v_alnum):
        return value
    it = iter(v_alnum)
    return "".join((next(it).lower() if c.islower() else next(it)) if c.isalnum() else c for c in found)


class OutgoingGuard:
    """Masks (or, strict, refuses) originals of one session in payloads about to be sent."""

    def __init__(self, session: Session, strict: bool = False) -> None:
        self._session = session
        self.strict = strict

    def __repr__(self) -> str:
        return f"OutgoingGuard(session={self._session.id!r}, strict={self.strict})"

    # -- strings --------------------------------------------------------------------------------
    def scan(self, text: str) -> list[Leak]:
        """Every original of the session in `text`, leftmost-longest, non-overlapping."""
        lit, flex = self._session.index.originals_view()
        if not (len(lit) or len(flex)) or not text:
            return []
        leaks = self._scan(text, *skeleton(text), lit, flex)
        if not text.isascii() and any(c in INVISIBLE_SPACES for c in text):
            taken = [(lk.start, lk.end) for lk in leaks]
            extra = self._scan(text, *skeleton(text, invisible_as_space=True), lit, flex)
            leaks += [lk for lk in extra if not any(s < lk.end and lk.start < e for s, e in taken)]
            leaks.sort()
        return leaks

    def _scan(
        self, text: str, skel: str, offsets: list[int] | None, lit: LiteralIndex[Known], flex: FlexIndex[Known]
    ) -> list[Leak]:
        best: dict[int, tuple[int, Known, bool]] = {}
        for s, e, known in lit.find(skel, skel, 0, len(skel)):
            best[s] = (e, known, False)
        for s, e, known in flex.find(skel, skel, 0, len(skel)):
            if s not in best or e > best[s][0]:
                best[s] = (e, known, True)
        leaks: list[Leak] = []
        pos = 0
        for s in sorted(best):
            e, known, digits = best[s]
            if s < pos:
                continue
            a, b = (offsets[s], offsets[e]) if offsets is not None else (s, e)
            found = text[a:b]
            if known.case_sensitive and found.islower():
                continue  # "mark my words" is not Mark (rule 11)
            aligned = offsets is None or b - a == e - s
            if digits:
                value = _reflow(found, known.surrogate) if aligned else known.surrogate
            else:
                value = match_case(found, known.surrogate) if aligned else known.surrogate
            leaks.append(Leak(a, b, known.label, value))
            pos = e
        return leaks

    def mask_text(self, text: str) -> tuple[str, list[Leak]]:
        leaks = self.scan(text)
        if not leaks:
            return text, []
        is_json = text.lstrip()[:1] in ("{", "[")
        out, pos = [], 0
        for lk in leaks:
            value = json.dumps(lk.replacement, ensure_ascii=False)[1:-1] if is_json else lk.replacement
            out += (text[pos : lk.start], value)
            pos = lk.end
        out.append(text[pos:])
        return "".join(out), leaks

    # -- payloads -------------------------------------------------------------------------------
    def check(self, payload: Any, strict: bool | None = None) -> Any:
        """The payload with every known original masked (same type: str, bytes, dict, list, tuple,
        int); in strict mode raise `LeakError` instead, before anything is changed."""
        strict = self.strict if strict is None else strict
        labels: list[str] = []
        masked = self._walk(payload, labels)
        if labels:
            if strict:
                raise LeakError(labels)
            for label in labels:
                self._session.stats.count(f"guard masked {label}")
            log.warning("outgoing guard masked %d original value(s) (%s)", len(labels), ", ".join(sorted(set(labels))))
        return masked

    __call__ = check

    def _walk(self, obj: Any, labels: list[str]) -> Any:
        if isinstance(obj, str):
            masked, leaks = self.mask_text(obj)
            labels += [lk.label for lk in leaks]
            return masked
        if isinstance(obj, bytes | bytearray):
            try:
                text = bytes(obj).decode("utf-8")
            except UnicodeDecodeError:
                text = bytes(obj).decode("latin-1")
                masked = self._walk(text, labels)
                return type(obj)(masked.encode("latin-1", "replace"))
            return type(obj)(self._walk(text, labels).encode("utf-8"))
        if isinstance(obj, bool):
            return obj
        if isinstance(obj, int):
            masked = self._walk(str(obj), labels)
            return int(masked) if masked.lstrip("-").isdigit() else masked
        if isinstance(obj, dict):
            return {self._walk(k, labels): self._walk(v, labels) for k, v in obj.items()}
        if isinstance(obj, list):
            return [self._walk(v, labels) for v in obj]
        if isinstance(obj, tuple):
            items: Iterable[Any] = (self._walk(v, labels) for v in obj)
            return type(obj)(*items) if hasattr(obj, "_fields") else tuple(items)
        return obj
