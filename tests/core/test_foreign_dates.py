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


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("urodzony 20 września 2023 w", "20 września 2023"),  # the genitive CLDR writes, no Faker name
        ("syntynyt 20 syyskuuta 2023 Oulussa", "20 syyskuuta 2023"),
        ("родился 4 марта 2025 г. в", "4 марта 2025 г."),
        ("Kelt: 2024. október 9. Budapest", "2024. október 9"),
        ("Tuesday, March 4, 2025 was the day", "Tuesday, March 4, 2025"),
        ("el viernes 9 de marzo de 2024 en", "viernes 9 de marzo de 2024"),
        ("DOB 3-Apr-1985 ok", "3-Apr-1985"),
        ("DOB 04APR85 ok", "04APR85"),
        ("on 12/Jan/1990, then", "12/Jan/1990"),
        ("since 1990-Jan-12 here", "1990-Jan-12"),
        ("born 03 Apr '85 in", "03 Apr '85"),
        ("生日 2025年3月4日 到", "2025年3月4日"),
        ("생일 2025년 3월 4일 입니다", "2025년 3월 4일"),
        ("logged 2025-03-04T10:22:00Z by", "2025-03-04T10:22:00Z"),
        ("DATE OF BIRTH 12 JAN 1990.", "12 JAN 1990"),
        ("a 20. september 2023 b", "20. september 2023"),
    ],
)
def test_dates_in_every_layout_are_masked_and_written_back(pseudonymizer: Pseudonymizer, text: str, value: str) -> None:
    """Found whole (with a weekday before it, a time or a year mark after it) as one full date,
    shifted, written in the same language, form and layout, and restored."""
    s = pseudonymizer.session()
    r = pseudonymizer.pseudonymize(text, session=s)
    assert [e.text for e in r.entities if e.label == "DATE_TIME"] == [value]
    surrogate = next(e.surrogate for e in r.entities if e.label == "DATE_TIME")
    assert surrogate != value and value not in r.text and parse_full_date_any(surrogate)
    assert re.sub(r"\w", "", surrogate) == re.sub(r"\w", "", value)  # the same separators in the same order
    assert surrogate.isupper() == value.isupper()
    assert pseudonymizer.restore(r.text, session=s) == text


def parse_full_date_any(text: str) -> bool:
    from pseudonym_core.surrogate.dates import full_date

    return full_date(text) is not None or parse_foreign_date(text) is not None


def test_a_weekday_is_written_for_the_new_date_in_its_language() -> None:
    from datetime import date
    from types import SimpleNamespace

    from pseudonym_core.surrogate.dates import shift_date

    ctx = SimpleNamespace(date_offset_days=47, rng=None)
    assert shift_date("viernes 9 de marzo de 2024", ctx).surrogate == "jueves 25 de abril de 2024"
    assert shift_date("Donnerstag, 4. März 2025", ctx).surrogate == "Sonntag, 20. April 2025"
    assert shift_date("Tue, 4 Mar 2025 10:22:01 +0000", ctx).surrogate == "Sun, 20 Apr 2025 10:22:01 +0000"
    assert date(2025, 4, 20).weekday() == 6 and date(2024, 4, 25).weekday() == 3


def test_a_short_word_of_another_language_is_no_weekday(pseudonymizer: Pseudonymizer) -> None:
    """ "Sam" is Saturday in French abbreviations, and more often a name before a date."""
    text = "Signed by Sam 12 March 2024 in Leeds."
    r = pseudonymizer.pseudonymize(text, session=pseudonymizer.session())
    assert [e.text for e in r.entities if e.label == "DATE_TIME"] == ["12 March 2024"]


def test_a_date_with_a_weekday_restores_without_it(pseudonymizer: Pseudonymizer) -> None:
    """The weekday is part of the masked date; a model that drops it in its answer still gets
    the original date back, and the same date without a weekday later gets the same surrogate."""
    s = pseudonymizer.session()
    r = pseudonymizer.pseudonymize("Meeting on Tuesday, March 4, 2025 at the office.", session=s)
    surrogate = next(e.surrogate for e in r.entities if e.label == "DATE_TIME")
    weekday, rest = surrogate.split(", ", 1)
    assert weekday in {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
    assert "March 4, 2025" not in r.text
    assert pseudonymizer.restore(f"Confirmed for {rest}.", session=s) == "Confirmed for March 4, 2025."
    assert rest in pseudonymizer.pseudonymize("Invoice dated March 4, 2025.", session=s).text
