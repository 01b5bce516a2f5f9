"""Numbers personal by their shape alone: long digit runs, Nordic birth-date numbers, the Swiss AHV."""

from __future__ import annotations

import pytest

from pseudonym_core.detect.bare_numbers import bare_numbers


def _values(text: str) -> list[tuple[str, str]]:
    return [(value, label) for _, value, label in bare_numbers(text)]


@pytest.mark.parametrize(
    ("text", "value", "label"),
    [
        ("Widzę numer przesyłki 620104873391028442116533, status w drodze.", "620104873391028442116533", "IDENTIFIER"),
        ("ahmed: 29004120104471, bas el khat", "29004120104471", "IDENTIFIER"),
        ("| 14471928830225 | Sunita Deshpande |", "14471928830225", "IDENTIFIER"),
        ("Min personnummer är 19921103-4428 (svensk).", "19921103-4428", "NATIONAL_ID"),
        ("henkilötunnus 031192-448T finns", "031192-448T", "NATIONAL_ID"),
        ("CPR 031192-4487", "031192-4487", "NATIONAL_ID"),
        ("AHV/AVS-Nr.: 756.9471.3028.82", "756.9471.3028.82", "NATIONAL_ID"),
    ],
)
def test_numbers_found_by_shape(text: str, value: str, label: str) -> None:
    assert (value, label) in _values(text)


@pytest.mark.parametrize(
    "text",
    [
        "ts=1732712345678 level=info",  # a millisecond timestamp
        "ISBN 9780306406157, EAN 4006381333931",  # public numbers, named by the word before
        "Revenue grew to 1234567.89 this year; 12345678901 is eleven digits.",
        "version 202501011200 released",
        "call 555123-4567 or ref 991399-12AB",  # no valid birth date before the sign
        "756.94.71.30 is no AHV layout",
    ],
)
def test_numbers_that_are_no_personal_number(text: str) -> None:
    assert _values(text) == []
