"""A session's lookups by text, grown one mapping at a time (rule 13).

Three views of the same mappings:
- surrogate forms → originals (restoration);
- originals → surrogates, by their letters, digits and normalised spelling (the outgoing guard);
- values by canonical key, either side (a phone, IBAN or card the session knows, written in
  another format, gets the same surrogate; see `lookup_value`).

Mappings are appended as the session learns them and indexed lazily, on the first lookup that
needs each view, so a session used only to pseudonymize never pays for the guard's index.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from ..surrogate.pools import COMMON_WORDS
from ..vault.base import MappingRecord
from .forms import Form, address_parts, compact, forms_for, is_flexible, phone_spellings
from .index import LiteralIndex
from .value_index import FlexIndex

#: Digits a value needs before the guard and the value lookup trust a match on digits alone.
MIN_VALUE_CHARS = 6


@dataclass(frozen=True, slots=True)
class Known:
    """An original (or one spelling or part of it) and what replaces it on the way out."""

    label: str
    surrogate: str
    case_sensitive: bool = False  # a name that is also an English word ("Mark") only when capitalised

    def __repr__(self) -> str:  # no original here, but keep reprs short and uniform
        return f"Known({self.label})"


def _suffix_ok(label: str, key: str) -> bool:
    return label == "PHONE_NUMBER" and len(compact(key)) >= 7


class SessionIndex:
    """Restore forms, known originals and value keys of one session; safe to read from any thread."""

    def __init__(self, records: list[MappingRecord] | None = None) -> None:
        self._records: list[MappingRecord] = []
        self._lock = threading.Lock()
        self._forms_upto = 0
        self._originals_upto = 0
        self.forms = LiteralIndex[Form]()
        self.flex_forms = FlexIndex[Form]()
        self.originals = LiteralIndex[Known]()
        self.flex_originals = FlexIndex[Known]()
        # while a call may still be undone: where its records start, and what each one filed
        self._undo_from: int | None = None
        self._filed: list[tuple[Any, str]] = []
        for rec in records or ():
            self.add(rec)

    def __repr__(self) -> str:
        return f"SessionIndex(mappings={len(self._records)})"

    def add(self, rec: MappingRecord) -> None:
        self._records.append(rec)

    # -- undoing one call (see Session.transact) ------------------------------------------------
    def begin(self) -> None:
        """Records added from now on may be taken back by `undo`."""
        with self._lock:
            self._undo_from, self._filed = len(self._records), []

    def end(self) -> None:
        with self._lock:
            self._undo_from, self._filed = None, []

    def undo(self) -> None:
        """Forget every record added since `begin`, and what the views filed for them."""
        with self._lock:
            if self._undo_from is None:
                raise RuntimeError("undo without begin")
            for index, key in reversed(self._filed):
                index.remove(key)
            self._filed = []
            del self._records[self._undo_from :]
            self._forms_upto = min(self._forms_upto, self._undo_from)
            self._originals_upto = min(self._originals_upto, self._undo_from)

    def _file(self, position: int, index: Any, key: str, added: bool) -> None:
        if added and self._undo_from is not None and position >= self._undo_from:
            self._filed.append((index, key))

    # -- restoration ----------------------------------------------------------------------------
    def restore_view(self) -> tuple[LiteralIndex[Form], FlexIndex[Form]]:
        if self._forms_upto < len(self._records):
            with self._lock:
                for rec in self._records[self._forms_upto :]:
                    at = self._forms_upto
                    for form in forms_for(rec):
                        if form.flexible:
                            added = self.flex_forms.add(form.surrogate, form, _suffix_ok(rec.label, form.surrogate))
                            self._file(at, self.flex_forms, form.surrogate, added)
                        else:
                            self._file(at, self.forms, form.surrogate, self.forms.add(form.surrogate, form))
                    self._forms_upto += 1
        return self.forms, self.flex_forms

    # -- originals (guard, values) --------------------------------------------------------------
    def originals_view(self) -> tuple[LiteralIndex[Known], FlexIndex[Known]]:
        if self._originals_upto < len(self._records):
            from ..guard.normalize import skeleton

            with self._lock:
                for rec in self._records[self._originals_upto :]:
                    self._add_original(self._originals_upto, rec, skeleton)
                    self._originals_upto += 1
        return self.originals, self.flex_originals

    def _add_original(self, at: int, rec: MappingRecord, skeleton: object) -> None:
        assert callable(skeleton)
        flex = self.flex_originals
        if is_flexible(rec.label):
            if len(compact(rec.original)) >= MIN_VALUE_CHARS:
                added = flex.add(rec.original, Known(rec.label, rec.surrogate), _suffix_ok(rec.label, rec.original))
                self._file(at, flex, rec.original, added)
                if rec.label == "PHONE_NUMBER":
                    spellings = zip(phone_spellings(rec.original), phone_spellings(rec.surrogate), strict=False)
                    for o, s in spellings:
                        self._file(at, flex, o, flex.add(o, Known(rec.label, s), True))
            return
        pairs = [(rec.original, rec.surrogate)]
        if rec.label == "LOCATION" and any(c.isdigit() for c in rec.original):
            pairs += [(o, s) for s, o in address_parts(rec.original, rec.surrogate)]
        for original, surrogate in pairs:
            key = skeleton(original)[0]
            if len(key.strip()) < 2:
                continue  # a one-letter original would hit every "a" and "I"
            word = key.strip()
            # a capitalised name that is also a word ("Mark") or very short ("Li", "<li>") only
            # counts when not written in lower case
            word_like = " " not in word and original[:1].isupper() and (word in COMMON_WORDS or len(word) <= 3)
            self._file(at, self.originals, key, self.originals.add(key, Known(rec.label, surrogate, word_like)))

    def lookup_value(self, text: str) -> tuple[Known, str] | None:
        """(what the value maps to, the extra leading digits) for a value the session knows as an
        original, in any format: "+35315550199" for "+353 1 555 0199", an IBAN in lower case or
        without spaces, a card with dots. A phone known only by its local part also matches when
        written with its country and area code in front (the extra digits are returned)."""
        flex = self.originals_view()[1]
        key = compact(text)
        if len(key) < MIN_VALUE_CHARS or not any(c.isdigit() for c in key):
            return None  # names and words never look a value up
        found = flex.get(key)
        if found is not None:
            return found, ""
        if key.isdigit():
            for extra in range(1, FlexIndex.MAX_PREFIX + 1):
                found = flex.get(key[extra:]) if len(key) - extra >= 7 else None
                if found is not None and found.label == "PHONE_NUMBER":
                    return found, key[:extra]
        return None
