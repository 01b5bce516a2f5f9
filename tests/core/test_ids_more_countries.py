"""Identifiers of more countries and scripts: Greek and Cyrillic prefixed case numbers, national
number layouts (Malaysia, the Philippines, Tanzania), shipping containers by ISO 6346, and record
words of Spanish, Italian, Polish and Turkish."""

from __future__ import annotations

import pytest

from pseudonym_core.decide.resolve import resolve
from pseudonym_core.detect.identifiers import IdentifierDetector, _container_check


def _found(text: str) -> list[str]:
    return [text[s.start : s.end] for s in resolve(text, IdentifierDetector().detect(text))]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Ministry of Foreign Affairs, protocol ΜΕΤ-2025/3318 today", "ΜΕΤ-2025/3318"),
        ("case ΣΕΠΕ-ΗΡ-2025/117 was opened", "ΣΕΠΕ-ΗΡ-2025/117"),
        ("договор № ДДУ-118/3-2022 (квартира № 118)", "ДДУ-118/3-2022"),
        ("husband (K/P 870412-14-8787) said", "870412-14-8787"),
        ("PhilHealth: 19-025583170-4   TIN", "19-025583170-4"),
        ("NIDA number as 19880615-56819-96843-79; please", "19880615-56819-96843-79"),
        ("Gate-in of CSQU 305438 3 confirmed.", "CSQU 305438 3"),  # check digit 3 is right
        ("Your container EGHU 9447182 is on board.", "EGHU 9447182"),  # after its cue word
        ("Veo el contrato MOV-4410983722 a nombre de", "MOV-4410983722"),
        ("nr albumu: 1158342 · PESEL", "1158342"),
        ("Znak sprawy: WF-DZ.4120.88.2025", "WF-DZ.4120.88.2025"),
        ("İzmir Barosu, sicil 11842.", "11842"),
    ],
)
def test_found_whole(text: str, value: str) -> None:
    assert value in _found(text)


def test_iso_6346_check_digit() -> None:
    assert _container_check("CSQU305438") == 3


def test_container_shape_needs_its_check_digit_or_a_container_word() -> None:
    assert not any("CSQU" in v for v in _found("Gate-in of CSQU 305438 4 confirmed."))


@pytest.mark.parametrize(
    "text",
    [
        "The ΕΟΠΥΥ office opens at 9.",
        "Born 870412, room 14.",
    ],
)
def test_no_identifier(text: str) -> None:
    assert _found(text) == []
