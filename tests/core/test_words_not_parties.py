"""Words that models take for parties and are none: two medicines named together, a button after
"click", a project's code name. Real people in the same sentences stay masked."""

from __future__ import annotations

import pytest

from pseudonym_core import Pseudonymizer


def _masked(p: Pseudonymizer, text: str) -> list[str]:
    return [e.text for e in p.pseudonymize(text, session=p.session()).entities]


@pytest.mark.parametrize(
    ("text", "words", "person"),
    [
        ("Ozempic or Wegovy? She takes semaglutide now. My mother is Beatrice Lawal.",
         ["Ozempic", "Wegovy"], "Beatrice Lawal"),
        ("In the invoice screen, click Mark as Paid, not Send Reminder. Svetlana Ivanova approved.",
         ["Mark as Paid", "Mark"], "Svetlana Ivanova"),
        ("Project Summer is paused; Project Atlas takes priority. Ask Dana Whitfield.",
         ["Project Summer", "Summer", "Project Atlas", "Atlas"], "Dana Whitfield"),
    ],
)  # fmt: skip
def test_words_stay_and_people_go(pseudonymizer: Pseudonymizer, text: str, words: list[str], person: str) -> None:
    masked = _masked(pseudonymizer, text)
    assert person in masked
    assert not set(words) & set(masked)


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Kendrick and Aman went to see Camila.", "Kendrick"),  # names the drug list also holds
        ("Please call Mark Evans about the roll-out.", "Mark Evans"),
        ("I selected Anna as my delegate.", "Anna"),
    ],
)
def test_names_near_those_words_stay_names(pseudonymizer: Pseudonymizer, text: str, person: str) -> None:
    assert person in _masked(pseudonymizer, text)


@pytest.mark.parametrize("word", ["Projection", "Operational", "Programmer", "Projectum"])
def test_a_word_that_opens_like_a_code_kind_is_no_code_name(word: str) -> None:
    from pseudonym_core.decide.filters import _code_name
    from pseudonym_core.detect.base import Span

    text = f"We met {word} today."
    assert not _code_name(text, Span(7, 7 + len(word), "ORGANIZATION", 0.85, "spacy"), word)
    atlas = "See Project Atlas now."
    assert _code_name(atlas, Span(12, 17, "LOCATION", 0.85, "spacy"), "Atlas")
    assert _code_name(atlas, Span(4, 17, "ORGANIZATION", 0.85, "spacy"), "Project Atlas")
