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


def _handles(text: str) -> list[str]:
    return [text[s.start : s.end] for s in UsernameDetector().detect(text) if s.label == "USERNAME"]


def test_a_speaker_with_a_role_in_brackets_is_a_handle() -> None:
    text = "[21:05] luhh.fps (Mod): opa, calma. qual teu riot id?\n[21:07] luhh.fps (Mod): ja abriu ticket?"
    assert _handles(text) == ["luhh.fps", "luhh.fps"]
    assert _handles("[11:03] Zainab (MTN): Good morning, how can I help?") == []


@pytest.mark.parametrize(
    ("text", "handles"),
    [
        ("**d-volkova** commented on Feb 27, 2025\nThe workaround works for us.", ["d-volkova"]),
        ("d-volkova opened this issue on Feb 27, 2025 · 4 comments", ["d-volkova"]),
        ("Merged PR #4471 from eaydin/feature/OPS-812-rate-limit", ["eaydin"]),
        ("Merge pull request #12 from dependabot/npm_and_yarn", []),  # a bot, not a person
        ("Merge pull request #13 from feature/login-fix", []),  # a branch, not an owner
        ("pre-commit-ci opened this issue on Feb 27, 2025", []),
        ("Sarah Jones commented on the draft yesterday.", []),
    ],
)
def test_a_code_hosts_actors_are_handles(text: str, handles: list[str]) -> None:
    assert _handles(text) == handles


def test_a_login_of_initial_and_family_name_in_brackets() -> None:
    text = "Adjuster notes (mgarcia): spoke with the insured. The price (ahead) is fine."
    assert set(_handles(text)) == {"mgarcia"}
