"""Put originals back: one compiled alternation per session version, applied at word boundaries.

The `regex` module is used for its partial matching, which is what lets the stream restorer
hold back exactly the suffix that could still grow into a surrogate (rule 7).
"""

from __future__ import annotations

from collections.abc import Callable

import regex

from ..surrogate.pools import COMMON_WORDS, is_plain_word
from ..vault.base import MappingRecord
from .forms import Form, compact, forms_for

_BOUNDARY_L = r"(?<![\w])"
_BOUNDARY_R = r"(?![\w])"


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
    """A reformatted phone or card comes back in the model's layout when the lengths agree."""
    m_alnum = [c for c in matched if c.isalnum()]
    o_alnum = [c for c in original if c.isalnum()]
    if len(m_alnum) != len(o_alnum):
        return original
    it = iter(o_alnum)
    return "".join(next(it) if c.isalnum() else c for c in matched)


class Restorer:
    """Immutable snapshot of a session's forms; rebuilt when the session gains mappings."""

    def __init__(self, records: list[MappingRecord], lowercase_ok: set[str]) -> None:
        forms: dict[str, Form] = {}
        for rec in records:
            for form in forms_for(rec):
                forms.setdefault(("f:" if form.flexible else "l:") + form.key, form)
        self._forms = forms
        self._lowercase_ok = lowercase_ok
        ordered = sorted(forms.values(), key=lambda f: f.length, reverse=True)
        self.max_len = max((f.length for f in ordered), default=0)
        self.first_chars = {(f.key if f.flexible else f.surrogate)[:1].casefold() for f in ordered}
        if any(f.flexible for f in ordered):
            self.first_chars.add("+")  # flexible forms may start with an international "+"
        body = "|".join(f.pattern for f in ordered)
        self.pattern = (
            regex.compile(rf"{_BOUNDARY_L}(?:{body}){_BOUNDARY_R}", regex.IGNORECASE | regex.V0) if ordered else None
        )

    def _lookup(self, matched: str) -> Form | None:
        return self._forms.get("l:" + matched.casefold()) or self._forms.get("f:" + compact(matched))

    def _replace(self, m: regex.Match[str]) -> str:
        matched = m.group()
        form = self._lookup(matched)
        if form is None:
            return matched
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

    def restore(
        self, text: str, start: int = 0, end: int | None = None, escape: Callable[[str], str] | None = None
    ) -> str:
        """Restore text[start:end]; characters before `start` are context for word boundaries only.

        `escape` is applied to every original put back, for text that is itself an encoding (a
        streamed JSON string: an original containing a quote must come back as \\").
        """
        end = len(text) if end is None else end
        if self.pattern is None or start >= end:
            return text[start:end]
        out: list[str] = []
        pos = start
        for m in self.pattern.finditer(text, start, end):
            out.append(text[pos : m.start()])
            value = self._replace(m)
            out.append(escape(value) if escape is not None and value != m.group() else value)
            pos = m.end()
        out.append(text[pos:end])
        return "".join(out)

    def hold_index(self, text: str, start: int = 0) -> int:
        """Where the longest suffix that could still grow into a surrogate form begins (len(text) if none)."""
        if self.pattern is None:
            return len(text)
        window_start = max(start, len(text) - 2 * self.max_len - 8)
        for i in range(window_start, len(text)):
            if text[i].casefold() not in self.first_chars:
                continue
            if i > 0 and (text[i - 1].isalnum() or text[i - 1] == "_"):
                continue
            # the whole rest is a surrogate form or the beginning of one: it must wait
            if self.pattern.fullmatch(text, i, partial=True) is not None:
                return self._not_inside_match(text, i)
        return len(text)

    def _not_inside_match(self, text: str, hold: int) -> int:
        """Move the cut left when a complete form ("F. Glass") straddles it ("Glass, F…" held)."""
        assert self.pattern is not None
        for m in self.pattern.finditer(text, max(0, hold - self.max_len - 8)):
            if m.start() >= hold:
                break
            if m.start() < hold < m.end():
                return m.start()
        return hold
