"""Undoing one call's additions (Session._rollback inside `transact`), issue 10.

A call that must decide again used to rebuild every index of the session from its log. Now, when
no other process's mappings came in during the call, each addition is taken back instead. The
state afterwards must equal that of a session loaded from the vault without those additions:
anything left over would restore text to a mapping that was never stored, or block a surrogate.
"""

from __future__ import annotations

from typing import Any

import pytest

from pseudonym_core import Pseudonymizer
from pseudonym_core.decide.index import TokenIndex
from pseudonym_core.restore.index import LiteralIndex
from pseudonym_core.restore.session_index import SessionIndex
from pseudonym_core.restore.value_index import FlexIndex
from pseudonym_core.session import Session

COMMITTED = "Alice Johnson (alice.johnson@example.com, +44 20 7946 0958) lives at 8 Rue des Martyrs, 75009 Paris."
NEW = [
    ("PERSON", "Robert Miller"),
    ("PERSON", "Dr. Nadia Kowalska"),
    ("PERSON", "johnson"),  # a lower-case occurrence of a known family name
    ("EMAIL_ADDRESS", "r.miller@example.org"),
    ("PHONE_NUMBER", "+353 1 555 0199"),
    ("LOCATION", "12 Baker Street, London NW1 6XE"),
    ("ORGANIZATION", "Wisła Cargo Sp. z o.o."),
    ("ID", "CUST-2291-0417"),
]


def _literal(index: LiteralIndex[Any]) -> tuple[Any, ...]:
    return (
        {k: repr(v) for k, v in index._values.items()},
        {t: tuple(e[1] for e in es) for t, es in index._by_word.items()},
        {t: tuple(e[1] for e in es) for t, es in index._by_pair.items()},
        {t: tuple(e[1] for e in es) for t, es in index._by_char.items()},
    )


def _flex(index: FlexIndex[Any]) -> dict[str, Any]:
    return {k: (repr(v), ok) for k, (v, ok) in index._values.items()}


def _tokens(index: TokenIndex) -> tuple[Any, ...]:
    entries = {w: sorted((e.words, e.gaps, e.label) for e in es) for w, es in index._by_first.items() if es}
    return set(index._keys), entries


def _views(index: SessionIndex) -> tuple[Any, ...]:
    index.restore_view()
    index.originals_view()
    return (
        [r.original for r in index._records],
        _literal(index.forms),
        _flex(index.flex_forms),
        _literal(index.originals),
        _flex(index.flex_originals),
    )


def state(s: Session) -> dict[str, Any]:
    """Everything a session derives from its mappings (what restoration and decisions read)."""
    return {
        "log": [(r.original, r.surrogate) for r in s._log],
        "records": sorted(s._records),
        "by_surrogate": sorted(s._by_surrogate),
        "surrogate_words": set(s._surrogate_words),
        "initials": {k: set(v) for k, v in s._initials_by_family.items() if v},
        "first_initial": dict(s._first_initial),
        "lowercase": set(s._lowercase_emitted),
        "original_words": set(s._original_words),
        "original_index": _tokens(s._original_index),
        "surrogate_index": _tokens(s._surrogate_index),
        "views": _views(s._index),
    }


@pytest.fixture
def committed() -> tuple[Pseudonymizer, Session]:
    p = Pseudonymizer()
    s = p.session()
    out = p.pseudonymize(COMMITTED, session=s)
    assert "Alice" not in out.text and len(s) > 3
    p.restore(out.text, session=s)  # the restore views are built before the call starts
    return p, s


def _add_new(p: Pseudonymizer, s: Session) -> list[str]:
    """Surrogates for NEW; returns those of the originals the session did not know before."""
    s.note_words("A text about " + " and ".join(o for _, o in NEW))
    new = [original for _, original in NEW if s.lookup(original) is None]
    assert new and len(new) < len(NEW)  # "johnson" is known (Alice Johnson's family name)
    surrogates = {original: s.surrogate_for(label, original, p._generator.generate)[0] for label, original in NEW}
    s.index.restore_view()
    s.index.originals_view()  # lazily built views now hold the new mappings too
    return [surrogates[o] for o in new]


def test_undoing_a_call_leaves_the_state_a_fresh_load_of_the_vault_has(committed: Any) -> None:
    p, s = committed
    index = s._index
    s._begin()
    surrogates = _add_new(p, s)
    assert len(s) > len(p.vault.load_session(s.id).records)
    s._rollback()
    s._end()
    assert s._index is index  # taken back in place, not rebuilt
    reference = Pseudonymizer().session(id=s.id, vault=p.vault, create=False)
    assert state(s) == state(reference)
    answer = " / ".join(surrogates)
    assert p.restore(answer, session=s) == answer  # none of the undone mappings restores


def test_the_call_decided_again_gets_the_same_results_as_a_fresh_session(committed: Any) -> None:
    """After an undo, deciding the same texts again works as on a freshly loaded session: the
    undone surrogates are free again, and the new ones restore."""
    p, s = committed
    s._begin()
    _add_new(p, s)
    s._rollback()
    s._end()
    text = "Robert Miller and Dr. Nadia Kowalska of Wisła Cargo Sp. z o.o. called about CUST-2291-0417."
    out = p.pseudonymize(text, session=s)
    assert "Miller" not in out.text and "Kowalska" not in out.text
    assert p.restore(out.text, session=s) == text


def test_a_call_that_adopted_other_mappings_is_undone_by_a_rebuild(committed: Any) -> None:
    """Mappings of another process adopted during the call sit after the call's own in the log;
    taking back in place would be wrong there, so the session rebuilds, keeping theirs."""
    p, s = committed
    other = Pseudonymizer()
    theirs = other.session(id=s.id, vault=p.vault, create=False)
    s._begin()
    _add_new(p, s)
    other.pseudonymize("Helen Lindqvist called from Oslo.", session=theirs)
    s.refresh()  # adopted mid-call
    s._rollback()
    s._end()
    assert s.lookup("Helen Lindqvist") is not None and s.lookup("Robert Miller") is None
    reference = Pseudonymizer().session(id=s.id, vault=p.vault, create=False)
    assert state(s) == state(reference)


def test_a_key_added_while_a_scan_is_consumed_does_not_end_it() -> None:
    """`find` yields lazily; a mapping added between two hits (keys starting with "+" or "#") must
    neither raise "dictionary changed size during iteration" nor lose the hits still to come."""
    from pseudonym_core.restore.index import fold

    index: LiteralIndex[str] = LiteralIndex()
    index.add("+44 20 7946 0000", "phone")
    index.add("#A-1029", "ticket")
    text = "call +44 20 7946 0000 about #A-1029"
    hits = []
    for n, hit in enumerate(index.find(text, fold(text), 0, len(text))):
        hits.append(hit)
        if n == 0:
            index.add("@newkey", "handle")
            index.add("%other", "other")
    assert len(hits) == 2
