"""Stop 26: professional registers and bracketed values of identifiers, names in capitals on a
mixed-case line taken whole, and a form's column of spaces that ends a model's name."""

from __future__ import annotations

import pytest

from pseudonym_core import Pseudonymizer
from pseudonym_core.detect.identifiers import IdentifierDetector
from pseudonym_core.detect.rampart import _joins


def _ids(text: str) -> dict[str, str]:
    return {text[s.start : s.end]: s.label for s in IdentifierDetector().detect(text)}


@pytest.mark.parametrize(
    ("text", "value", "label"),
    [
        ("Mwangi, MO Chest Clinic — KMPDC reg. A11874", "A11874", "IDENTIFIER"),
        ("Prescripteur: Dre Isabelle Gagnon, permis 1-04418", "1-04418", "IDENTIFIER"),
        ("Lucía Moll Serrano, Abogada — Colegiada ICAA 8.812", "8.812", "IDENTIFIER"),
        ("portador de la Tarjeta Profesional No. 288.471 del Consejo", "288.471", "IDENTIFIER"),
        ("Agenzia Cagliari Poetto (cod. AG-0917)", "AG-0917", "IDENTIFIER"),
        ("represented by CAMILO RESTREPO, C.C. 71.654.321 de Medellín", "71.654.321", "NATIONAL_ID"),
        ("Ngata (NHI ZGH4417), about his ACC claim", "ZGH4417", "NATIONAL_ID"),
        ("Mijn BSN (131716712) staat al in jullie systeem", "131716712", "NATIONAL_ID"),
        ("Consultant Cardiologist (PMDC 44712-S)   Resident: Dr Hamza", "44712-S", "IDENTIFIER"),
        ("Pharmacist on duty: Jaswinder Pal · Reg. GPhC 2214883 · Contact", "2214883", "IDENTIFIER"),
    ],
)
def test_register_and_bracketed_identifiers(text: str, value: str, label: str) -> None:
    found = _ids(text)
    assert found.get(value) == label, found


@pytest.mark.parametrize(
    "text",
    [
        "cc: client; the reg is fine",
        "Send cc to 4 people. Reg 2 was late.",
        "The total was 8.812 euros, C.C. to the manager",
        "código postal 28001, Madrid",
        "Patient ID (RAMQ): see below",
    ],
)
def test_no_identifier_without_a_code(text: str) -> None:
    assert not _ids(text)


def test_a_bracketed_remark_still_sits_between_label_and_value() -> None:
    assert "ABCD 1234 5678" in _ids("Patient ID (RAMQ): ABCD 1234 5678")


def _masked(p: object, text: str) -> list[str]:
    result = p.pseudonymize(text, session=p.session())  # type: ignore[attr-defined]
    return [text[e.start : e.end] for e in result.entities if e.label == "PERSON"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("account 8730419925 a.n. RIZKY HIDAYAT", "RIZKY HIDAYAT"),
        ("deposit into Capitec acc 1523 447 890 name S MOKOENA. bakkie reg", "S MOKOENA"),
        ("Statement of account\nMR HARPREET S GILL                          Sheet 3", "HARPREET S GILL"),
    ],
)
def test_names_in_capitals_are_taken_whole(pseudonymizer: object, text: str, name: str) -> None:
    assert name in _masked(pseudonymizer, text)


@pytest.mark.parametrize(
    ("text", "found", "grown"),
    [
        ("Transfer from JOHN SMITH REF RENT FEB", "JOHN SMITH", "JOHN SMITH"),
        ("Paid by MARIA GARCIA LLC on Monday", "MARIA GARCIA", "MARIA GARCIA"),
        ("MR HARPREET GILL PAYMENT", "HARPREET", "HARPREET GILL"),
        ("a.n. RIZKY HIDAYAT BANK CENTRAL ASIA", "RIZKY", "RIZKY HIDAYAT"),
        ("FROM JOSE A GARCIA", "JOSE", "JOSE A GARCIA"),
        ("the ACME Kelvin team", "Kelvin", "Kelvin"),
    ],
)
def test_capitalised_growth_stops_at_words(text: str, found: str, grown: str) -> None:
    from pseudonym_core.decide.caps_names import grow_caps_name
    from pseudonym_core.decide.explain import Trace
    from pseudonym_core.detect.base import Span

    start = text.index(found)
    span = Span(start, start + len(found), "PERSON", 0.85, "spacy")
    out = grow_caps_name(text, span, Trace(enabled=False), [span])
    assert text[out.start : out.end] == grown


def test_a_column_of_spaces_ends_a_name() -> None:
    assert _joins(" ")
    assert _joins("  ")
    assert not _joins("                 ")
    assert not _joins("\t")
    assert not _joins(" \n")


def _logins(text: str) -> list[str]:
    from pseudonym_core.detect.usernames import UsernameDetector

    return [text[s.start : s.end] for s in UsernameDetector().detect(text) if s.label == "USERNAME"]


@pytest.mark.parametrize(
    ("text", "login"),
    [
        ("[20:02] 陈思远: @小鱼儿 好呀，加我微信", "小鱼儿"),
        ("↳ 하늘맘0815: @콩이네 정보 감사해요!!", "콩이네"),
        ("tigist.bekele (IT) 09:10\nLooking. Looks like the VPN", "tigist.bekele"),
        ("Adjuster notes (kwhitfield, 03/18/2025): Spoke with the insured.", "kwhitfield"),
    ],
)
def test_handles_in_other_scripts_speakers_with_a_team_and_note_authors(text: str, login: str) -> None:
    assert login in _logins(text)


@pytest.mark.parametrize(
    "text",
    [
        "the price (approx, 3 items) and (notes): fine (etc, 4) (admin): ok (sales, 2024)",
        "– Entidade patronal (cotitular): Teixeira Duarte",
        "Anteckningar (fritext):\n- Juha arbetade",
        "email me @ 小鱼儿的家 tomorrow",
    ],
)
def test_remarks_in_brackets_are_no_login(text: str) -> None:
    assert _logins(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("that joke is older than my trainers. Hi Hope!! she's my flatmate", "Hope"),
        ("Hi, is this the running club? I'm Faith, new in Hackney", "Faith"),
    ],
)
def test_a_name_that_is_a_word_after_a_greeting_or_introduction(pseudonymizer: object, text: str, name: str) -> None:
    assert name in _masked(pseudonymizer, text)


@pytest.mark.parametrize("text", ["Hi Team! It's May. Hi Love, thanks.", "I hope so. It's summer, finally."])
def test_greetings_and_months_stay_words(pseudonymizer: object, text: str) -> None:
    assert _masked(pseudonymizer, text) == []


def test_medicines_are_no_people(pseudonymizer: object) -> None:
    text = (
        "Jasmine Carter asks how much Tylenol and Advil her 8-year-old can take, and whether Benadryl "
        "helps. Her GP suggests Ritalin; Beatrice Lawal's pharmacist switched her from Ozempic to Wegovy."
    )
    masked = _masked(pseudonymizer, text)
    assert "Jasmine Carter" in masked and "Beatrice Lawal" in masked
    for drug in ("Tylenol", "Advil", "Benadryl", "Ritalin", "Ozempic", "Wegovy"):
        assert drug not in " ".join(masked)


@pytest.mark.parametrize("text", ["Aman called me yesterday about the invoice.", "Ask Corwin for the keys."])
def test_a_given_name_in_the_drug_list_stays_a_person_without_a_medicine_around(
    pseudonymizer: object, text: str
) -> None:
    assert _masked(pseudonymizer, text)


def test_a_drug_list_name_that_pools_list_stays_a_person() -> None:
    from pseudonym_core.decide.drugs import drug_names, is_drug_name

    assert "camila" in drug_names()  # the dictionary holds it (a contraceptive brand) …
    assert not is_drug_name("Camila")  # … but the name pools do too
    assert is_drug_name("Wegovy")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("(1) NORTHERN HEARTH HOMES LIMITED\n(2) CHOWDHURY, Rafiqul Islam\nDefendants", "CHOWDHURY, Rafiqul Islam"),
        ("Основание: служебная записка главного инженера Шнайдер А. В. от 10.03.2025.", "Шнайдер А. В."),
        ("С приказом ознакомлен: ____________ И. Р. Галимзянов", "И. Р. Галимзянов"),
    ],
)
def test_family_first_with_an_unlisted_given_name_and_cyrillic_initials(
    pseudonymizer: object, text: str, name: str
) -> None:
    assert name in _masked(pseudonymizer, text)


def test_a_place_before_a_comma_is_no_family_name(pseudonymizer: object) -> None:
    assert _masked(pseudonymizer, "Offices: LONDON, Kentucky and PARIS, Texas") == []


def test_an_acronym_defined_after_its_organization_is_masked_everywhere(pseudonymizer: object) -> None:
    text = "Der Antrag geht an die Deutsche Rentenversicherung (DRV), Aktenzeichen 65. Die DRV antwortet bald."
    result = pseudonymizer.pseudonymize(text, session=pseudonymizer.session())  # type: ignore[attr-defined]
    orgs = [text[e.start : e.end] for e in result.entities if e.label == "ORGANIZATION"]
    assert orgs.count("DRV") == 2
    assert "DRV" not in result.text


@pytest.mark.parametrize(
    ("acronym", "name", "spelled"),
    [
        ("KIT", "Karlsruher Institut für Technologie", True),
        ("TGSS", "Tesorería General de la Seguridad Social", True),
        ("ICO", "Information Commissioner's Office", True),
        ("PDF", "Deutsche Bank", False),
        ("EUR", "Acme Holdings GmbH", False),
    ],
)
def test_acronyms_are_read_off_the_name(acronym: str, name: str, spelled: bool) -> None:
    from pseudonym_core.decide.acronyms import spells

    assert spells(acronym, name) is spelled


def test_a_capitalised_word_after_a_relation_is_a_name(pseudonymizer: object) -> None:
    masked = _masked(pseudonymizer, "Call me or my husband Will at 918-447-2093. My friend Sunday came.")
    assert "Will" in masked and "Sunday" not in masked
    text = "I talked to my friend I met at the gym; my husband TOLD me. my sister Christmas shopping."
    assert _masked(pseudonymizer, text) == []


def test_doses_versions_years_and_laws_in_brackets_stay(pseudonymizer: object) -> None:
    text = (
        "Started (empagliflozin, 10 mg daily) and (numpy, 1.26). Invoice (2024) was paid. "
        "Under Reg. (EU) 2016/679 the data. Deutsche Bank (DB) said the DB server failed."
    )
    result = pseudonymizer.pseudonymize(text, session=pseudonymizer.session())  # type: ignore[attr-defined]
    values = [text[e.start : e.end] for e in result.entities]
    for kept in ("empagliflozin", "numpy", "2024", "2016/679", "DB"):
        assert kept not in values, values


def test_a_word_name_at_a_sentence_start_that_acts_like_a_person(pseudonymizer: object) -> None:
    text = "Approved: Will Grant. Will and Mark are on the same crew; Will forgot to punch out. Will the form work?"
    result = pseudonymizer.pseudonymize(text, session=pseudonymizer.session())  # type: ignore[attr-defined]
    wills = [e.start for e in result.entities if text[e.start : e.end] == "Will"]
    assert text.index("Will and") in wills and text.index("Will forgot") in wills
    assert text.index("Will the") not in wills


def test_a_disease_named_by_the_possessive_alone_is_no_person(pseudonymizer: object) -> None:
    masked = _masked(pseudonymizer, "Care plan for Margaret Okoye, early Alzheimer's. His Crohn's flared.")
    assert masked == ["Margaret Okoye"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Applicant: Dawn Marie Whitaker      DOB: 06/22/1989", "Dawn Marie Whitaker"),
        ("3. Summer Rose Bishop — freelance; portfolio attached", "Summer Rose Bishop"),
        ("screening run by leasing agent Brandon Long (login blong), took longer", "Brandon Long"),
    ],
)
def test_a_name_part_that_is_also_a_word_joins_the_name(pseudonymizer: Pseudonymizer, text: str, name: str) -> None:
    assert name in [e.text for e in pseudonymizer.pseudonymize(text).entities if e.label == "PERSON"]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Signature: Dawn M. Whitaker      Date: 09/03/2024", "Date"),  # the next column's label
        ("Name: John Smith\tPhone: 555 0101", "Phone"),
    ],
)
def test_a_name_stops_at_a_forms_column_gap(pseudonymizer: Pseudonymizer, text: str, kept: str) -> None:
    result = pseudonymizer.pseudonymize(text)
    assert f"{kept}:" in result.text
    assert not any(kept in e.text for e in result.entities)


def test_a_firm_after_a_slash_keeps_its_colon(pseudonymizer: Pseudonymizer) -> None:
    text = "Flight home changed with Thai Airways / Qatar Airways: change fee £240."
    assert "Qatar Airways" in [e.text for e in pseudonymizer.pseudonymize(text).entities]
