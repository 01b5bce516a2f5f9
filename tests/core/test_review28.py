"""Faults a review found in this stop's rules, each reproduced first: addresses after "...",
Vietnamese local parts, phone words of Chinese read in the text itself, people after "click" or
"pressed", given names on the medicine list, curly-quoted nicknames, a chat word after a comma
taken for a state code. (Values glued to CJK letters coming back: test_cjk_values.py.)"""

from __future__ import annotations

import pytest

from pseudonym_core import Pseudonymizer


def _entities(p: Pseudonymizer, text: str) -> list[tuple[str, str]]:
    return [(e.text, e.label) for e in p.pseudonymize(text, session=p.session()).entities]


@pytest.mark.parametrize(
    ("text", "value", "label"),
    [
        ("Please email me...john.smith@gmail.com today.", "john.smith@gmail.com", "EMAIL_ADDRESS"),
        ("Contact (nguyễn.an@x.vn) soon.", "nguyễn.an@x.vn", "EMAIL_ADDRESS"),
        ("电话：010-6552 3399", "010-6552 3399", "PHONE_NUMBER"),
        ("电话13912345678", "13912345678", "PHONE_NUMBER"),
        ("Please click on John's profile and check.", "John", "PERSON"),
        ("Reporters pressed Smith for comment.", "Smith", "PERSON"),
        ("Aman and Kendrick discussed the quarterly report.", "Aman", "PERSON"),
        ("Insured: DELACROIX, RICHARD (goes by “Rich”).", "Rich", "PERSON"),
    ],
)
def test_found(pseudonymizer: Pseudonymizer, text: str, value: str, label: str) -> None:
    assert (value, label) in _entities(pseudonymizer, text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("This version goes by Express in the docs.", "Express"),
        ("Thanks Chelsea, OK I will send it. Chelsea also asked.", "OK"),
        ("Meet me in Paris, IT department on Monday.", "IT"),
        ("Then press Send Reminder button twice.", "Send Reminder"),
    ],
)
def test_words_stay(pseudonymizer: Pseudonymizer, text: str, word: str) -> None:
    result = pseudonymizer.pseudonymize(text, session=pseudonymizer.session())
    assert all(word not in e.text for e in result.entities)
    assert word in result.text


def test_one_person_keeps_one_surrogate_after_a_comma(pseudonymizer: Pseudonymizer) -> None:
    result = pseudonymizer.pseudonymize("Thanks Chelsea, OK I will send it. Chelsea also asked.")
    surrogates = {e.surrogate for e in result.entities if e.text == "Chelsea"}
    assert len(surrogates) == 1
