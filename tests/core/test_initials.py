"""An initial before a family name is a person ("Gruß J. Wohlfahrt"); headings, units and the
initials of places are not."""

from __future__ import annotations

import pytest

from pseudonym_core import Pseudonymizer
from pseudonym_core.detect.cues import CueDetector


def _people(text: str) -> list[str]:
    return [text[s.start : s.end] for s in CueDetector().detect(text) if s.label == "PERSON"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Bitte um Rückruf. Gruß J. Wohlfahrt\n", "J. Wohlfahrt"),
        ("Commissioner of Oaths: W/O T. Mkhize, SAPS Umlazi", "T. Mkhize"),
        ("S. van der Heijden                    Y. El Amrani", "S. van der Heijden"),
        ("S. van der Heijden                    Y. El Amrani", "Y. El Amrani"),
        ("Passenger signature: E. Ş. Yıldırım     Agent", "E. Ş. Yıldırım"),
        ("06/21 13:40 — C. Grant: inspection complete", "C. Grant"),
    ],
)
def test_initials_before_a_family_name(text: str, name: str) -> None:
    assert name in _people(text)


@pytest.mark.parametrize(
    "text",
    [
        "A. Background\nB. Payment terms",
        "The U.S. Army and the U. K. Parliament; Washington D. C. Paris",
        "RBS 5.8 mmol/L. Tolerating drugs well",
        "PRZELEW LUXMED SP. Z O.O. WYNAGRODZENIE 02/2025",
    ],
)
def test_headings_units_and_place_initials_are_no_person(text: str) -> None:
    assert _people(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("passenger signature: e. ş. yıldırım     agent: serkan a.", "e. ş. yıldırım"),
        ("passenger signature: e. ş. yıldırım     agent: serkan a.", "serkan a."),
        ("yours sincerely,\ns. bishop\nofficer of revenue and customs", "s. bishop"),
    ],
)
def test_initials_of_a_name_typed_in_lower_case_are_masked_with_it(
    pseudonymizer: Pseudonymizer, text: str, name: str
) -> None:
    result = pseudonymizer.pseudonymize(text, session=pseudonymizer.session())
    assert name in [e.text for e in result.entities if e.label == "PERSON"]


def test_abbreviations_before_a_lower_case_name_stay(pseudonymizer: Pseudonymizer) -> None:
    text = "see e.g. jones and i.e. patel on page 4"
    masked = [e.text for e in pseudonymizer.pseudonymize(text, session=pseudonymizer.session()).entities]
    assert not any(m.startswith(("e.g", "i.e", "g.", "e.")) for m in masked)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Signature: H. Le · Date: 20/01/2025", "H. Le"),  # a family name of two letters
        ("Il Segretario F. De Marchi Per contatti", "F. De Marchi"),  # a particle in capitals
        ("Account name: D T Nguyen · BSB 064-158", "D T Nguyen"),  # initials without dots
        ("account name D Szymanska-Byrne & D Byrne.", "D Szymanska-Byrne"),
    ],
)
def test_initials_before_a_short_or_particled_family_name(text: str, name: str) -> None:
    assert name in _people(text)


@pytest.mark.parametrize(
    "text", ["Block C Hall is closed", "Vitamin D Levels were low", "Section E Of the form", "I am A Smith", "P. Do it"]
)
def test_letters_before_words_are_no_initials(text: str) -> None:
    assert _people(text) == []


@pytest.mark.parametrize(
    "text", ["UMOWA O DZIEŁO nr UD/2025/014", "Cláusula 1.ª — O Trabalhador é admitido", "VÝZVA K ODSTRANĚNÍ"]
)
def test_one_letter_words_of_other_languages_are_no_initials(text: str) -> None:
    assert _people(text) == []
