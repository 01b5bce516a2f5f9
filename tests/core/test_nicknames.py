"""Nicknames beside a person's name become that person's name; roles, teams and a contract's
defined terms in the same places stay words."""

from __future__ import annotations

import pytest

from pseudonym_core import Pseudonymizer


def _people(p: Pseudonymizer, text: str) -> list[str]:
    return [e.text for e in p.pseudonymize(text, session=p.session()).entities if e.label == "PERSON"]


@pytest.mark.parametrize(
    ("text", "nick"),
    [
        ("The employee reports to Willem Bakker (Will), chief mechanic.", "Will"),
        ('Insured: DELACROIX, RICHARD (goes by "Rich")', "Rich"),
        ('Candidate: Mohamed Abdelrahman El-Sayed ("Mo")', "Mo"),
        ('HR note: Ms. Kim goes by "Sunny" with US customers', "Sunny"),
        ("Yours faithfully,\nOluwadamilola Akinwale (Dami)\nLagos", "Dami"),
        ('supervisor Dr. Ricardo "Bong" Villanueva', "Bong"),
        ("the employee reports to willem bakker (will), chief mechanic.", "will"),  # typed in lower case
        ('with fiancé Jean-Robert Pierre ("JR"); client and JR prefer a small ceremony.', "JR"),  # initials
    ],
)
def test_nickname_is_masked(pseudonymizer: Pseudonymizer, text: str, nick: str) -> None:
    result = pseudonymizer.pseudonymize(text, session=pseudonymizer.session())
    assert nick in [e.text for e in result.entities]
    assert all(e.label == "PERSON" for e in result.entities if e.text == nick)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ('represented by Mette Kjærgaard Holm ("Buyer"), and', "Buyer"),
        ("Kontakt: Ingrid Müller-Lüdenscheidt (Ehefrau), 0821 455 1290", "Ehefrau"),
        ("reviewed by Ms Faith Mulligan (Orthopaedics).", "Orthopaedics"),
        ("Ask Maria Lopez (Finance) and Tom Hall (Sales) today.", "Finance"),
        ("ask maria lopez (finance) and tom hall (sales) today.", "finance"),
        ('Contact Maria Lopez ("HR") for the forms.', "HR"),  # capitals that are not her initials
        ('the premises, hereinafter known as "Tenant", shall', "Tenant"),
    ],
)
def test_roles_and_defined_terms_stay(pseudonymizer: Pseudonymizer, text: str, word: str) -> None:
    assert word not in _people(pseudonymizer, text)


def test_a_quoted_short_word_in_brackets_after_a_name_is_a_nickname() -> None:
    p = Pseudonymizer()
    text = 'Emergency contact: Panagiotis Konstantinou ("Takis"), father.'
    assert "Takis" in {text[e.start : e.end] for e in p.pseudonymize(text, session=p.session()).entities}
    text = 'Agreement between Mette Holm ("Buyer") and Ana Ruiz ("Compradora").'  # defined terms stay
    masked = {text[e.start : e.end] for e in p.pseudonymize(text, session=p.session()).entities}
    assert "Buyer" not in masked and "Compradora" not in masked


@pytest.mark.parametrize(
    "text",
    ['He handed it to a man he knew only as "Gaz". I do not know Gaz\'s surname.', 'My friends call me "Zé".'],
)
def test_a_name_someone_is_called_by_after_a_cue(text: str) -> None:
    p = Pseudonymizer()
    masked = {text[e.start : e.end] for e in p.pseudonymize(text, session=p.session()).entities}
    assert masked & {"Gaz", "Zé"}
