"""Logins made of the name before them, and user-name labels in other languages (stop 24)."""

from __future__ import annotations

import pytest

from pseudonym_core.detect.usernames import UsernameDetector, derived_login


@pytest.mark.parametrize(
    ("login", "name", "expected"),
    [
        ("wmtan", ["Tan", "Wei", "Ming"], True),  # family name first, initials of the given names
        ("LBERNAS01", ["Luca", "Bernasconi"], True),
        ("jwatts", ["Jo", "Watts"], True),
        ("pf", ["Paris", "France"], False),  # too short
        ("marketing", ["Anna", "Smith"], False),
        ("tan", ["Tan", "Wei"], False),  # one part of the name is no login
    ],
)
def test_a_login_made_of_the_name_before_it(login: str, name: list[str], expected: bool) -> None:
    assert derived_login(login, name) is expected


def test_a_derived_login_in_brackets_and_foreign_user_labels_are_user_names() -> None:
    text = "Assignee: Tan Wei Ming (wmtan), Anna Smith (Marketing).\nSAP-Benutzer LBERNAS01 im System gesperrt."
    found = sorted(text[s.start : s.end] for s in UsernameDetector().detect(text))
    assert found == ["LBERNAS01", "wmtan"]


def test_hostile_names_before_a_bracket_stay_fast() -> None:
    import time

    text = ("Aaaaaaaaaaaaaaaaaaaa " * 4 + "(aaaaaaaaaaaaaaaaaaab) ") * 300
    UsernameDetector().detect("warm (x)")
    start = time.perf_counter()
    UsernameDetector().detect(text)
    assert time.perf_counter() - start < 5.0
