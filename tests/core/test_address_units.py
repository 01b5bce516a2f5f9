"""Addresses with a block or unit word before the number, unit words of several countries inside,
Romanian street prefixes — one entity each — and address surrogates that keep the country's shape
(an ADDRESS had fallen to random letters: "Jnx. Wgtywhuion nz. 186")."""

from __future__ import annotations

import re

import pytest

from pseudonym_core import Pseudonymizer


@pytest.mark.parametrize(
    ("before", "address", "after"),
    [
        ("Engineer · ", "Blk 417 Pasir Ris Drive 6, #08-233, Singapore 510417", ""),
        ("Mrs Doreen Whitlock, 81, ", "Unit 3/27 Kerr Street, Fitzroy VIC 3065", ""),
        ("Adres risico: ", "Kortrijkse Poortstraat 212 bus 3, 9000 Gent", ""),
        ("Kontakt: ", "Ängsgärdsgatan 12 lgh 1102, 723 46 Västerås", ""),
        ("Sede: ", "Av. Apoquindo 4499, Of. 1102, Las Condes, Santiago", ""),
        ("la adresa ", "Str. Observatorului nr. 34, ap. 12, 400363 Cluj-Napoca", " și pe e-mail"),
    ],
)
def test_the_whole_address_is_one_entity(pseudonymizer: Pseudonymizer, before: str, address: str, after: str) -> None:
    text = before + address + after
    session = pseudonymizer.session()
    result = pseudonymizer.pseudonymize(text, session=session)
    assert address in [e.text for e in result.entities]
    assert pseudonymizer.restore(result.text, session=session) == text


def test_an_address_surrogate_keeps_its_country_shape(pseudonymizer: Pseudonymizer) -> None:
    text = "Str. Republicii nr. 107, 400489 Cluj-Napoca, jud. Cluj"
    result = pseudonymizer.pseudonymize(text, session=pseudonymizer.session())
    (entity,) = result.entities
    assert entity.label == "ADDRESS"
    # the street prefix, "nr." and "jud." stay; a six-digit postcode; words are names, not random letters
    assert re.fullmatch(r"Str\. [A-ZĂÂÎȘȚ][a-zăâîșț]+ nr\. \d{3}, \d{6} [\w-]+, jud\. \w+", entity.surrogate)
    assert "Republicii" not in entity.surrogate and "400489" not in entity.surrogate


def test_a_german_abbreviated_street_keeps_its_suffix(pseudonymizer: Pseudonymizer) -> None:
    result = pseudonymizer.pseudonymize("Wir wohnen in der Hauptstr. 5, 10115 Berlin.", session=pseudonymizer.session())
    (entity,) = result.entities
    assert re.fullmatch(r"[A-ZÄÖÜ][a-zäöüß]+str\. \d, \d{5} [\w -]+", entity.surrogate)
    assert not entity.surrogate.startswith("Hauptstr")


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Dept: Finance · Location: Austin, TX", "Austin, TX"),
        ("client_ip=86.124.37.201 geo=Bucharest, RO", "Bucharest, RO"),
        ('+52 81 1234 5678,"Monterrey, MX",agency', "Monterrey, MX"),
    ],
)
def test_a_place_takes_its_state_or_country_code(pseudonymizer: Pseudonymizer, text: str, place: str) -> None:
    result = pseudonymizer.pseudonymize(text, session=pseudonymizer.session())
    assert (place, "LOCATION") in [(e.text, e.label) for e in result.entities]


def test_a_degree_after_a_name_is_no_state(pseudonymizer: Pseudonymizer) -> None:
    result = pseudonymizer.pseudonymize("Seen by Dr. Anna Lee, MD on Monday.", session=pseudonymizer.session())
    assert ("Anna Lee", "PERSON") in [(e.text, e.label) for e in result.entities]
