"""Identifiers whose letters belong to the number (a series prefix before spaced digits), slash-joined
case numbers, spaced numbers after an acronym label, and lists of IDs after one label
(detect/identifiers.py: `_series`, `_ACRONYM_LABEL`, `_listed`)."""

from __future__ import annotations

import pytest

from pseudonym_core import Pseudonymizer
from pseudonym_core.detect.identifiers import IdentifierDetector


def _ids(text: str) -> set[str]:
    return {text[s.start : s.end] for s in IdentifierDetector().detect(text)}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Passenger: PARK/MINJI MS\nSKYPASS No.: KE 2231 5578 1190\n", "KE 2231 5578 1190"),
        ("Skywards no.: EK 552 918 461 | Issued by agent", "EK 552 918 461"),
        ("poza cu contorul, seria SN 27718450) si refacem factura", "SN 27718450"),
        ("My checked bag (tag AV 559021) never arrived.", "AV 559021"),
        ("CALLER: Yes, it's GPA 5582 1031 47.", "GPA 5582 1031 47"),
        ("CARRIER: KEYSTONE   POLICY: WC 8821153-24", "WC 8821153-24"),
        ("Our RAMQ card for Gisèle is TREM 6913 2528.", "TREM 6913 2528"),
    ],
)
def test_a_series_prefix_belongs_to_its_number(text: str, value: str) -> None:
    assert value in _ids(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Numero sinistro assegnato: 2025/MI/0077311", "2025/MI/0077311"),
        ("Ufficio Territoriale di Bologna, n. 5582/4T/2025.", "5582/4T/2025"),
        ("SAPS CAS/lost property ref: CAS 523/10/2025", "CAS 523/10/2025"),
        ("registrado na 4º DP (B.O. 2398/2025).", "2398/2025"),
    ],
)
def test_slash_joined_case_numbers(text: str, value: str) -> None:
    assert value in _ids(text)


@pytest.mark.parametrize(
    "text",
    [
        "Under Regulation (EC) 261/2004 I claim compensation. Under EC 261/2004 I am owed €400.",
        "The apartment unit no. 1511/14 was sold.",
        "Open 24/7/365, see you on 12/03/2024 or 2024/03/12 or in 3/2025.",
        "The 2023/2024 season ended.",
        "Boston, MA 02139-4307",
        "Student ID 10447712, passport ID 28907150169681",  # "ID" labels: the number alone
        "Transfer of EUR 1 500 000 and CHF 2500 100 approved.",
    ],
)
def test_laws_units_dates_zips_and_labels_are_no_series(text: str) -> None:
    found = _ids(text)
    assert not any("/" in v for v in found), found
    assert not any(v[:2].isalpha() for v in found), found  # no label, state or currency taken in


def test_spaced_digits_after_an_acronym_label_are_one_id() -> None:
    assert "5582 9930 21" in _ids("Shipment AWB 5582 9930 21 left Lagos.")
    assert "1018 2290 4417" in _ids("UAN (PF): 1018 2290 4417 | ADDRESS")


def test_a_list_of_ids_after_one_label_is_no_range(pseudonymizer: Pseudonymizer) -> None:
    text = "ticket numbers 176-3301552986 and 176-3301552987. Compensation follows."
    assert {"176-3301552986", "176-3301552987"} <= _ids(text)
    assert _ids("between order 12 and 15 items") == set()
    out = pseudonymizer.pseudonymize(text).text
    assert "3301552986" not in out and "3301552987" not in out


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("| AK4418207  | 35202-4471823-5  | 12-05-1958", "35202-4471823-5"),  # Pakistan's CNIC
        ("N° de registre national : 87.06.14-236.49", "87.06.14-236.49"),  # Belgium
        ("votre numéro est le 2 87 04 99 350 112 70. Si", "2 87 04 99 350 112 70"),  # France, printed groups
        ("SV-Nummer: 13 220691 Y 017     Krankenkasse", "13 220691 Y 017"),  # German social insurance
        ("wrong NI number, should be SX 41 88 20 C. Thanks", "SX 41 88 20 C"),  # UK NINO, check letter kept
    ],
)
def test_national_numbers_by_their_written_layout(text: str, value: str) -> None:
    found = {text[s.start : s.end] for s in IdentifierDetector().detect(text) if s.label == "NATIONAL_ID"}
    assert value in found, found


def test_phones_are_no_national_layouts() -> None:
    text = "call 06 12 34 56 78 or 1 800 555 1234, ref GB 12 34 56 A"
    assert [s for s in IdentifierDetector().detect(text) if s.label == "NATIONAL_ID"] == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("übernimmt Marek Wiśniewski (PNr. 005388).", "005388"),  # a dot after the label word
        ("fehlt die Kreditorennummer (K-40718) sowie", "K-40718"),  # a compound label before a bracket
        ("Medarb.nr.: NR-0219 | Stilling", "NR-0219"),  # an abbreviated compound
        ("Peugeot 208, plaque 1-HKT-418, conductrice", "1-HKT-418"),  # a plate in French
        ("mi cuenta banorte clabe 072180009847211356 a nombre", "072180009847211356"),
        ("RTB dispute TR0325-088417", "TR0325-088417"),  # digits glued to the prefix
        ("missing from the EPS script (E31F8A-C82041-00001R).", "E31F8A-C82041-00001R"),
        ("Meezan Bank deposit slip 0048213; balance", "0048213"),
    ],
)
def test_labels_and_shapes_of_other_languages_and_systems(text: str, value: str) -> None:
    assert value in _ids(text)


def test_models_standards_and_phone_compounds_stay() -> None:
    assert _ids("A320-200 aircraft, RTX-4090, ISO-27001-2013, Tel.nr.: 0612345678, dental plaque 2 mm") == set()
