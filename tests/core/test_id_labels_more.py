"""Labels and layouts of identifiers added in stop 24: plates in groups, spaced and dashed groups
after a code, labels in Portuguese, French and Italian."""

from __future__ import annotations

import pytest

from pseudonym_core.detect.identifiers import IdentifierDetector


def _ids(text: str) -> set[str]:
    return {text[s.start : s.end] for s in IdentifierDetector().detect(text)}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Insured vehicle 2021 Honda CR-V, plate GA TXK-4471, VIN 7FARW2H83ME018827.", "GA TXK-4471"),
        ("Tractor plate: ON BR44 718   Trailer: 53R-2290", "ON BR44 718"),
        ("Amtliches Kennzeichen: M-TJ 4471 bitte angeben", "M-TJ 4471"),
        ("Veicolo: Fiat Panda Cross, targa GF 418 KM", "GF 418 KM"),
        ("Driver license: R4471 82290 06185", "R4471 82290 06185"),
        ("Claim number: 13-8841-Q72    Policy: 472 8819-C14-13", "472 8819-C14-13"),
        ("seguro na Bradesco Seguros, apólice BS-77129034. O boletim", "BS-77129034"),
        ("inscription pédagogique – numéro étudiant 12204471", "12204471"),
        ("Oggetto: Conferma prenotazione TDG-0614 – cena di matrimonio", "TDG-0614"),
        ("sort code 04-00-75 acc 71829034, but he says", "71829034"),
    ],
)
def test_labelled_identifiers(text: str, value: str) -> None:
    assert value in _ids(text)


@pytest.mark.parametrize(
    "text",
    [
        "registration 12 MAY",
        "the plate is broken",
        "plate 3 of 5",
        "order 4471 2025-03-01 shipped",
        "Ref 7Q2XKD 2024 was",
    ],
)
def test_dates_and_words_after_labels_are_no_identifier(text: str) -> None:
    found = _ids(text)
    assert not any(" " in v for v in found), found
