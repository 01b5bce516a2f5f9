"""Full dates in other languages are personal data too: found, kept under date_mode="full", shifted
like English dates, and written back in their own language, case and layout (issue 9)."""

from __future__ import annotations

import re

import pytest

from pseudonym_core import Pseudonymizer
from pseudonym_core.detect.dates import written_dates
from pseudonym_core.detect.foreign_dates import month_names, parse_foreign_date
from pseudonym_core.surrogate.dates import parse_full_date


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Fait à Casablanca, le 15 octobre 2025.", "15 octobre 2025"),
        ("En Barcelona, a 2 de septiembre de 2025.", "2 de septiembre de 2025"),
        ("per l'appello del 16 giugno 2025 non è", "16 giugno 2025"),
        ("a place from 1. desember 2025. Please", "1. desember 2025"),
        ("geboren 22 maart 1999 te Utrecht", "22 maart 1999"),
        ("Siparişiniz 15 Ekim 2025 tarihinde", "15 Ekim 2025"),
        ("Date: 4. 11. 2025 | Our ref", "4. 11. 2025"),
        ("Date of move: 2025.10.01 | Received", "2025.10.01"),
    ],
)
def test_dates_of_other_languages_are_found_and_read(text: str, value: str) -> None:
    assert [text[s.start : s.end] for s in written_dates(text)] == [value]
    assert parse_full_date(value) is not None


@pytest.mark.parametrize("text", ["version 2025.10.01.3", "on 31 février 2025", "mars 2025 only", "1.2. 2025"])
def test_versions_impossible_days_and_partial_dates_are_no_dates(text: str) -> None:
    assert written_dates(text) == []


def test_the_surrogate_keeps_language_case_and_layout(pseudonymizer: Pseudonymizer) -> None:
    session = pseudonymizer.session()
    text = "Rendez-vous le 15 octobre 2025. EN MADRID, A 2 DE SEPTIEMBRE DE 2025."
    out = pseudonymizer.pseudonymize(text, session=session).text
    french = re.search(r"(\d{1,2}) ([^\W\d]+) (\d{4})\.", out)
    assert french is not None and french.group(2) in {n.casefold() for n in month_names()["fr_FR"].values()}
    assert "15 octobre 2025" not in out and "2 DE SEPTIEMBRE DE 2025" not in out
    spanish = re.search(r"A (\d{1,2}) DE ([^\W\d]+) DE (\d{4})", out)
    assert spanish is not None and spanish.group(2).isupper()
    assert spanish.group(2).casefold() in {n.casefold() for n in month_names()["es"].values()}
    assert pseudonymizer.restore(out, session=session) == text


def test_the_month_table_follows_the_spelling() -> None:
    german, danish = parse_foreign_date("3. Januar 2021"), parse_foreign_date("3. januar 2021")
    assert german is not None and danish is not None
    assert month_names()[german.language][3] == "März" and month_names()[danish.language][3] == "marts"


def test_ordinals_greek_case_and_line_breaks() -> None:
    from datetime import date

    from pseudonym_core.detect.foreign_dates import render_foreign_date

    first = parse_foreign_date("1er octobre 2025")
    assert first is not None
    assert render_foreign_date("1er octobre 2025", first, date(2025, 11, 10)) == "10 novembre 2025"
    greek = parse_foreign_date("3 ιανουάριος 2025")
    assert greek is not None and render_foreign_date("3 ιανουάριος 2025", greek, date(2025, 2, 3)).endswith("ς 2025")
    assert written_dates("Total items: 12.\n5. 2020 was a good year") == []
