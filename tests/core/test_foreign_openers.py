"""German, Spanish … phrases that the English model reads as names because they open with a capital:
"Ihre Krankenkasse", "Der Unfallgegner". The names beside them stay masked (stop 24)."""

from __future__ import annotations

import pytest

from pseudonym_core import Pseudonymizer
from pseudonym_core.decide.filters import _opens_abroad
from pseudonym_core.detect.orgs import OrganizationDetector
from pseudonym_core.detect.places import CityDetector


@pytest.mark.parametrize(
    "words",
    [["Ihre", "Krankenkasse"], ["Der", "Unfallgegner"], ["Seine", "Diabetologin"], ["Nach", "Prüfung", "des"]],
)
def test_a_function_word_of_another_language_opens_no_name(words: list[str]) -> None:
    assert _opens_abroad(words)


@pytest.mark.parametrize(
    "words",
    [
        ["Will", "Smith"],  # "will" is German, but a name follows
        ["Van", "Morrison"],  # a particle
        ["Da", "Silva"],
        ["H", "Osei"],  # an initial
        ["Ibu", "Sri", "Wahyuni"],  # a title, trimmed later
        ["Sri", "Wahyuni"],
    ],
)
def test_names_opening_with_such_words_stay(words: list[str]) -> None:
    assert not _opens_abroad(words)


def test_german_letter_masks_the_people_not_the_phrases(pseudonymizer: Pseudonymizer) -> None:
    text = (
        "Sehr geehrte Frau Lenz,\n\nIhren Antrag leiten wir an Ihre Krankenkasse weiter. Der Unfallgegner, "
        "Frau Sabine Oberhuber, ist bei uns versichert. Seine Diabetologin, Frau Dr. Iryna Bondarenko, kommt."
    )
    found = {e.text for e in pseudonymizer.pseudonymize(text).entities}
    assert {"Lenz", "Sabine Oberhuber", "Iryna Bondarenko"} <= found, found
    assert not any(v.startswith(("Ihre", "Der ", "Seine")) for v in found), found


def test_a_possessive_abroad_opens_no_organization() -> None:
    text = "Wir leiten es an Ihre Krankenkasse weiter, die Techniker Krankenkasse."
    found = [text[s.start : s.end].rstrip(".") for s in OrganizationDetector().detect(text)]
    assert "Techniker Krankenkasse" in found and not any(v.startswith("Ihre") for v in found), found


def test_a_village_named_like_a_function_word_is_no_place_but_big_cities_stay() -> None:
    text = "Vielen Dank.\nIhren Antrag haben wir. Der Patient lebt in Deutschland, zuvor in Milano und Berlin."
    found = [text[s.start : s.end] for s in CityDetector().detect(text)]
    assert "Ihren" not in found and {"Deutschland", "Milano", "Berlin"} <= set(found), found
