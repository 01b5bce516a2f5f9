"""Given names joined by "and" to a person's name (decide/coordinated.py)."""

from __future__ import annotations

import pytest

from pseudonym_core.decide.coordinated import coordinated_names
from pseudonym_core.decide.explain import Trace
from pseudonym_core.detect.base import Span


def _joined(text: str, person: str) -> list[str]:
    at = text.index(person)
    kept = [Span(at, at + len(person), "PERSON", 0.8, "gazetteer")]
    return [text[s.start : s.end] for s in coordinated_names(text, kept, Trace(enabled=False))]


@pytest.mark.parametrize(
    ("text", "person", "name"),
    [
        ("our ops team (Mark and Hope) need a firm date", "Mark", "Hope"),  # a word that is a given name
        ("Ask Anna & Bill about it", "Anna", "Bill"),
        ("Dzwonili Kasia i Grace wczoraj", "Kasia", "Grace"),  # Polish "i"
        ("I met Grace and Tomasz Nowak at the door", "Tomasz Nowak", "Grace"),  # before the person
    ],
)
def test_a_given_name_joined_to_a_person(text: str, person: str, name: str) -> None:
    assert _joined(text, person) == [name]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Will and Anna met at six", "Anna"),  # opens the sentence: the verb
        ("Booked: Anna and May 5", "Anna"),  # a month
        ("Sarah and Grace Church are near", "Sarah"),  # runs into another capitalised word
        ("Anna and Jordan, then Anna and Paris", "Anna"),  # a country, a big city
        ("Anna and the Team", "Anna"),  # no given name
    ],
)
def test_words_joined_to_a_person_stay(text: str, person: str) -> None:
    assert _joined(text, person) == []


def test_the_pipeline_masks_both_people(pseudonymizer) -> None:
    text = "> Hi Kenji, our ops team (Mark and Hope) need a firm date; we promised the first"
    result = pseudonymizer.pseudonymize(text, session=pseudonymizer.session())
    assert {"Mark", "Hope"} <= {e.text for e in result.entities}
    assert "Hope)" not in result.text
