"""What another process stored meanwhile may or may not change a call's decisions (rebase.py).

Each case is one kind of clash; a miss here would let a call commit decisions made without a
mapping it should have reused, so every kind is checked on its own, next to a harmless write."""

from __future__ import annotations

import hashlib

import pytest

from pseudonym_core.rebase import clashes
from pseudonym_core.vault.base import Delta, MappingRecord


def _h(word: str) -> bytes:
    return hashlib.blake2b(word.casefold().encode(), digest_size=16).digest()


OURS = [
    MappingRecord("Alice Johnson", "Maria Keller", "PERSON"),
    MappingRecord("Alice", "Maria", "PERSON", "component"),
    MappingRecord("Johnson", "Keller", "PERSON", "component"),
]
TEXTS = ["Alice Johnson signed the lease on 3 May; call 0612345678."]
OUR_WORDS = {_h(w) for w in "Alice Johnson signed the lease on 3 May call 0612345678".split()}


def _theirs(*records: MappingRecord, words: set[bytes] = frozenset(), lower: set[str] = frozenset()) -> Delta:
    return Delta(list(records), set(words), set(lower), cursor=9)


def test_a_write_about_someone_else_does_not_clash() -> None:
    theirs = _theirs(
        MappingRecord("Robert Miller", "Tomas Brandt", "PERSON"),
        MappingRecord("+44 20 7946 0958", "+44 20 7946 1234", "PHONE_NUMBER"),
        words={_h("Robert"), _h("Miller"), _h("called")},
    )
    assert not clashes(theirs, OURS, OUR_WORDS, TEXTS, _h)
    assert not clashes(_theirs(), OURS, OUR_WORDS, TEXTS, _h)


@pytest.mark.parametrize(
    "theirs",
    [
        # the same original (in another case) or the same surrogate
        _theirs(MappingRecord("ALICE JOHNSON", "Petra Lind", "PERSON")),
        _theirs(MappingRecord("Robert Miller", "Maria Keller", "PERSON")),
        # their original is our surrogate, or their surrogate our original
        _theirs(MappingRecord("Keller", "Brandt", "PERSON")),
        _theirs(MappingRecord("Bob", "Alice", "PERSON")),
        # a surrogate word in both
        _theirs(MappingRecord("Robert Miller", "Tomas Keller", "PERSON")),
        # a word of their texts that our surrogate uses, or our text's word their surrogate uses
        _theirs(words={_h("Maria")}),
        _theirs(MappingRecord("Robert Miller", "Tomas Lease", "PERSON")),
        # a name part (or a whole name) of theirs that our text contains
        _theirs(MappingRecord("Johnson", "Brandt", "PERSON", "component")),
        _theirs(MappingRecord("Lease Signed", "Petra Lind", "ORGANIZATION")),
        # a lower-case surrogate form that our text contains
        _theirs(lower={"signed"}),
        # a value of theirs written in our text in another layout
        _theirs(MappingRecord("+33 6 12 34 56 78", "+33 6 98 76 54 32", "PHONE_NUMBER")),
    ],
    ids=["same-original", "same-surrogate", "original-is-our-surrogate", "surrogate-is-our-original",
         "surrogate-word", "their-text-word", "our-text-word", "name-part", "lower-name", "lower-form", "value"],
)
def test_writes_that_may_change_our_decisions_clash(theirs: Delta) -> None:
    assert clashes(theirs, OURS, OUR_WORDS, TEXTS, _h)
