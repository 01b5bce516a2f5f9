"""Put originals back: surrogate forms found through the session's incremental index (rule 13),
kept as surrogates where the restore policy protects the context (rule 14).

Matching follows the rules of the regex alternation it replaces: word boundaries (Unicode aware),
leftmost match first, at one position the longest surrogate first, never inside a longer word.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import regex

from ..surrogate.pools import COMMON_WORDS, is_plain_word
from ..vault.base import MappingRecord
from .contexts import ContextScanner, Region
from .forms import Form
from .index import UNSPACED, fold
from .policy import RestorePolicy, RestoreReport
from .session_index import SessionIndex


class Match(NamedTuple):
    """A surrogate form found in a text; `value` is what restoring puts there (the original)."""

    start: int
    end: int
    form: Form
    value: str

    def __repr__(self) -> str:  # the value is an original: never in a repr (rule 9)
        return f"Match(start={self.start}, end={self.end}, label={self.form.label!r})"


def _apply_case(matched: str, form: Form) -> str:
    """Carry the model's casing of the surrogate over to the original."""
    original = form.original
    if matched == form.surrogate:
        return original
    letters = [c for c in matched if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) > 1:
        return original.upper()
    if letters and all(c.islower() for c in letters):
        return original.lower()
    if original.islower() and matched[:1].isupper():
        return original.title()
    return original


def _reflow(matched: str, original: str) -> str:
    """A reformatted phone, card or IBAN comes back in the model's layout (and letter case) when the
    lengths agree."""
    m_alnum = [c for c in matched if c.isalnum()]
    o_alnum = [c for c in original if c.isalnum()]
    if len(m_alnum) != len(o_alnum):
        return original
    it = iter(o_alnum)
    return "".join((next(it).lower() if c.islower() else next(it)) if c.isalnum() else c for c in matched)


#: Where a surrogate form may begin: a character after a non-word character (or the text's start).
_CANDIDATE = regex.compile(rf"(?<![^\W{UNSPACED}])\S")
_SCANNERS: dict[frozenset[str], ContextScanner] = {}


def scanner_for(policy: RestorePolicy) -> ContextScanner:
    kinds = policy.kinds
    found = _SCANNERS.get(kinds)
    if found is None:
        found = _SCANNERS.setdefault(kinds, ContextScanner(kinds))
    return found


def refusing(regions: list[Region], start: int, end: int, label: str = "") -> Region | None:
    """The first protected region that a match at [start, end) may not be restored into."""
    for r in regions:
        if r.start >= end:
            break
        if r.end > start and not r.allows(start, end, label):
            return r
    return None


class Restorer:
    """Restoration over a session's live index: nothing is rebuilt when the session grows."""

    def __init__(self, source: SessionIndex | list[MappingRecord], lowercase_ok: set[str] | None = None) -> None:
        self._index = source if isinstance(source, SessionIndex) else SessionIndex(source)
        self._lowercase_ok = lowercase_ok if lowercase_ok is not None else set()

    def __repr__(self) -> str:
        return f"Restorer({self._index!r})"

    @property
    def max_len(self) -> int:
        forms, flex = self._index.restore_view()
        return max(forms.max_len, flex.max_len)

    # -- finding --------------------------------------------------------------------------------
    def matches(self, text: str, start: int = 0, end: int | None = None) -> list[Match]:
        """Surrogate forms in text[start:end] that restore to something else, leftmost-longest."""
        end = len(text) if end is None else end
        forms, flex = self._index.restore_view()
        if start >= end or not (len(forms) or len(flex)):
            return []
        folded = fold(text)
        best: dict[int, tuple[int, Form]] = {}
        for s, e, form in forms.find(text, folded, start, end):
            best[s] = (e, form)
        for s, e, form in flex.find(text, folded, start, end):
            if s not in best or form.length > best[s][1].length:
                best[s] = (e, form)
        out: list[Match] = []
        pos = start
        for s in sorted(best):
            if s < pos:
                continue
            e, form = best[s]
            value = self._replace(text[s:e], form)
            if value != text[s:e]:
                out.append(Match(s, e, form, value))
            pos = e
        return out

    def _replace(self, matched: str, form: Form) -> str:
        if form.flexible:
            if matched.lstrip("+") == form.surrogate.lstrip("+"):  # as issued, with or without its "+"
                return form.original
            return _reflow(matched, form.original)
        if (
            form.single_word
            and matched.islower()
            and not form.surrogate.islower()
            and form.key not in self._lowercase_ok
            and (is_plain_word(form.key) if form.label in ("PERSON", "ORGANIZATION") else form.key in COMMON_WORDS)
        ):
            # a name surrogate that is also an English word: "mark my words" is not "Mark"; place names
            # ("lyon") are in WordNet only as proper nouns, so lower case still restores them
            return matched
        return _apply_case(matched, form)

    # -- restoring ------------------------------------------------------------------------------
    def restore(
        self,
        text: str,
        start: int = 0,
        end: int | None = None,
        escape: Callable[[str], str] | None = None,
        policy: RestorePolicy | None = None,
        report: RestoreReport | None = None,
    ) -> str:
        """Restore text[start:end]; characters before `start` are context for word boundaries and
        protected regions only.

        `escape` is applied to every original put back, for text that is itself an encoding (a
        streamed JSON string: an original containing a quote must come back as \\"). Without a
        `policy` every match is restored.
        """
        end = len(text) if end is None else end
        found = self.matches(text, start, end)
        regions = self.regions(text, policy) if found and policy is not None else []
        return self.splice(text, start, end, found, regions, escape, report)

    @staticmethod
    def regions(text: str, policy: RestorePolicy, final: bool = True, in_fence: bool = False) -> list[Region]:
        return scanner_for(policy).scan(text, final, in_fence) if policy.kinds else []

    @staticmethod
    def splice(
        text: str,
        start: int,
        end: int,
        found: list[Match],
        regions: list[Region],
        escape: Callable[[str], str] | None = None,
        report: RestoreReport | None = None,
    ) -> str:
        out: list[str] = []
        pos = start
        for m in found:
            if m.end > end:
                break
            region = refusing(regions, m.start, m.end, m.form.label) if regions else None
            if region is not None:
                if report is not None:
                    report.kept(region.kind, m.form.label)
                continue
            out += (text[pos : m.start], escape(m.value) if escape is not None else m.value)
            pos = m.end
        out.append(text[pos:end])
        return "".join(out)

    # -- streaming ------------------------------------------------------------------------------
    def hold_index(self, text: str, start: int = 0) -> int:
        """Where the longest suffix that could still grow into a surrogate form begins (len(text) if none)."""
        forms, flex = self._index.restore_view()
        n = len(text)
        if not (len(forms) or len(flex)):
            return n
        # a literal tail is at most as long as its form; a number's may carry a separator per digit
        max_len = max(forms.max_len, 2 * flex.max_len)
        folded = fold(text)
        for m in _CANDIDATE.finditer(text, max(start, n - max_len - 8), n):
            i = m.start()
            c = text[i]
            if (len(forms) and forms.could_grow(folded[i:])) or (
                len(flex) and (c.isalnum() or c == "+") and flex.could_grow(text[i:])
            ):
                return self._not_inside_match(text, i, start, max_len)
        return n

    def _not_inside_match(self, text: str, hold: int, start: int, max_len: int) -> int:
        """Move the cut left when a complete form ("F. Glass") straddles it ("Glass, F…" held)."""
        for m in self.matches(text, max(start, hold - max_len - 8)):
            if m.start >= hold:
                break
            if m.start < hold < m.end:
                return m.start
        return hold
