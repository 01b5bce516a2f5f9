"""The bank or network named in brackets after an account, a card or an IP address is the
organization that holds it, and the body in brackets with a person's registration number registered
them; the notes and ID kinds such brackets also hold stay text."""

from __future__ import annotations

import pytest

from pseudonym_core import Pseudonymizer


def _orgs(p: Pseudonymizer, text: str) -> list[str]:
    return [e.text for e in p.pseudonymize(text, session=p.session()).entities if e.label == "ORGANIZATION"]


@pytest.mark.parametrize(
    ("text", "holder"),
    [
        ("Pay to HU28 1131 1440 2426 4628 8975 1402 (OTP, account holder Szabó Zsófia).", "OTP"),
        ("Rent goes to IBAN PT13 7075 7898 2716 7597 3900 6 (Millennium bcp) monthly.", "Millennium bcp"),
        ("Card 4666 6033 0936 6118 (Bank of Cyprus, Limassol) was blocked.", "Bank of Cyprus"),
        ("Failed logins came from 84.12.33.9 (Vidéotron residential range).", "Vidéotron"),
    ],
)
def test_the_holder_in_brackets_after_a_value_is_an_organization(
    pseudonymizer: Pseudonymizer, text: str, holder: str
) -> None:
    assert holder in _orgs(pseudonymizer, text)


@pytest.mark.parametrize(
    "text",
    [
        "IBAN DE89 3704 0044 0532 0130 00 (Budgetkonto) for the monthly transfer.",  # the account's own name
        "Card 4666 6033 0936 6118 (exp 08/27) on file.",
        "Logins from 10.2.3.4 (office) and 10.2.3.9 (home) only.",
    ],
)
def test_notes_in_brackets_after_a_value_are_no_organization(pseudonymizer: Pseudonymizer, text: str) -> None:
    assert _orgs(pseudonymizer, text) == []


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Pharmacist: Fatima Abrahams (SAPC reg. P00918273)", "SAPC"),
        ("Doctor: Dr Pieter van Wyk (HPCSA MP 0718429)", "HPCSA"),
        ("Received by: R. Tremblay, RPh (OCP #612491) · Technician on shift", "OCP"),
    ],
)
def test_the_body_that_registered_a_professional_is_an_organization(
    pseudonymizer: Pseudonymizer, text: str, body: str
) -> None:
    assert body in _orgs(pseudonymizer, text)


@pytest.mark.parametrize(
    "text",
    [
        "Patient: John Smith (MRN 4471829) was admitted.",
        "Patient: John Smith (SSN 078-05-1120) called.",
        "Mr. John Smith (DOB 03/07/1979) called.",  # a date under its label
    ],
)
def test_an_id_kind_in_brackets_after_a_person_is_no_organization(pseudonymizer: Pseudonymizer, text: str) -> None:
    assert _orgs(pseudonymizer, text) == []


def test_a_person_whose_parts_a_name_model_found_one_by_one_is_no_organization(pseudonymizer: Pseudonymizer) -> None:
    text = "Pharmacist on duty: Nilesh Bhatt (GPhC 2071448) · Driver: Mehmet Aksoy"
    entities = pseudonymizer.pseudonymize(text, session=pseudonymizer.session()).entities
    assert "Nilesh Bhatt" in [e.text for e in entities if e.label == "PERSON"]
