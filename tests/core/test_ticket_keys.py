"""Issue-tracker keys with a short number and short mixed booking codes (issue 9: identifiers)."""

from __future__ import annotations

import pytest

from pseudonym_core.detect.identifiers import IdentifierDetector


def _ids(text: str) -> list[str]:
    return [text[s.start : s.end] for s in IdentifierDetector().detect(text)]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Jira · KANG-2291 · Login via Google fails", "KANG-2291"),  # a tracker word on the line
        ("| 1 | Fix values | @ariel | PLAT-1182 |\n| 2 | Raise pool | @tan | PLAT-1183 |", "PLAT-1182"),  # a series
        ("Kód jízdenky: 7QX4NP", "7QX4NP"),
        ("PA submitted through CoverMyMeds, key BKT7Q2MX.", "BKT7Q2MX"),
    ],
)
def test_short_ticket_keys_and_mixed_codes(text: str, key: str) -> None:
    assert key in _ids(text)


@pytest.mark.parametrize(
    "text",
    [
        "the new RTX-4090 card, the ISO-9001 audit, COVID-19 and EN-1090",  # one key, no tracker word
        "RTX4090 A320NEO MP3 H2O2 COVID19 B2B2C",  # products and formulas: fewer than four runs
        "Obstetric history: G2P1L1. Previous LSCS in 2021.",
        '{"asin": "B0C7Q2LMN4", "title": "Rambler"}',  # a product number after its key
    ],
)
def test_products_standards_and_notations_are_no_ids(text: str) -> None:
    assert _ids(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Support tickets: #2291884 and #2294017", "2291884"),  # a plural label before a colon
        ("CONSTRUTORA HORIZONTE LTDA. – CNPJ 12.447.120/0001-88", "12.447.120/0001-88"),
        ("NSS: 4218-85-1190-3   CURP: HECX850317MOCRRC07", "4218-85-1190-3"),
        ("der Lana Marković (Identifikationsnummer 52 118 904 371) werden", "52 118 904 371"),
    ],
)
def test_labels_of_registers_plurals_and_compounds_without_a_colon(text: str, value: str) -> None:
    assert value in _ids(text)


@pytest.mark.parametrize("text", ["the orders: 5 and the tickets: many", "Telefonnummer 0171 2345678", "Hausnummer 12"])
def test_counts_phones_and_house_numbers_are_no_ids(text: str) -> None:
    assert _ids(text) == []


def test_formulas_and_hex_words_are_no_booking_codes() -> None:
    assert _ids("C6H12O6 and C2H5OH, checksum 1A2B3C4D") == []
