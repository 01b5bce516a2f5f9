"""Agencies named by their acronym after a preposition of another language, and a guessed
organization that is a clause of another language around a person's name (stop 32)."""

from __future__ import annotations

import pytest

from pseudonym_core import Pseudonymizer
from pseudonym_core.detect.brands import BrandDetector


def _brands(text: str) -> list[str]:
    return sorted(text[s.start : s.end] for s in BrandDetector().detect(text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("La Lavoratrice è iscritta all'INPS e aderisce al fondo.", "INPS"),
        ("quiere que le depositen su pensión del IMSS en mi cuenta", "IMSS"),
        ("a resolvemos en máximo 45 días según la CONDUSEF.", "CONDUSEF"),
        ("Zgłosiłem to do ZUS w marcu.", "ZUS"),
        ("Die Bescheinigung kommt vom BAMF.", "BAMF"),
        ("Ele já pediu o benefício pelo INSS e aguarda.", "INSS"),
        ("Le dossier a été déposé auprès de CNAV, merci.", "CNAV"),  # "auprès de" whole, not "de" alone
    ],
)
def test_agency_acronym_after_a_foreign_preposition(text: str, name: str) -> None:
    assert name in _brands(text)


@pytest.mark.parametrize(
    "text",
    [
        "Le taux de TVA est de 20 % au total.",  # a tax, not a body
        "Ho fatto la TAC all'ospedale e poi l'ECG.",  # a scan and a test
        "envoyez le RIB à l'EHPAD et au notaire.",  # bank details, a kind of care home
        "Transferi 200 EUR para a conta do IBAN indicado.",  # a currency and a kind of number
        "Il faut le numéro de la CNP et du NIR.",  # kinds of number
        "Le code de TRK est faux.",  # "de" alone is no preposition before a party
    ],
)
def test_kinds_and_units_after_those_prepositions_are_no_party(text: str) -> None:
    assert _brands(text) == []


@pytest.fixture(scope="module")
def engine() -> Pseudonymizer:
    return Pseudonymizer()


def test_a_clause_around_a_name_is_no_organization(engine: Pseudonymizer) -> None:
    text = "La couverture scolaire de Léa est souscrite auprès de la mutuelle, contrat n° 12."
    found = {text[e.start : e.end]: e.label for e in engine.pseudonymize(text, session=engine.session()).entities}
    assert found.get("Léa") == "PERSON"
    assert not any("couverture" in value for value in found)


def test_an_organization_with_one_lower_case_word_stays(engine: Pseudonymizer) -> None:
    text = "Prescription filled by Pharmacie Jean Coutu — Lise Tremblay et Amir Haddad, pharmaciens inc."
    out = engine.pseudonymize(text, session=engine.session()).text
    for name in ("Lise Tremblay", "Amir Haddad", "Jean Coutu"):
        assert name not in out


def test_a_lower_case_sentence_of_a_chat_is_no_organization() -> None:
    from pseudonym_core.config import PseudonymizerConfig
    from pseudonym_core.decide.filters import drop_reason
    from pseudonym_core.detect.base import Span

    text = "hola, ayer me llegó un mensaje diciendo que era de bancolombia"
    value = "llegó un mensaje diciendo que"
    start = text.index(value)
    span = Span(start, start + len(value), "ORGANIZATION", 0.85, "spacy")
    assert drop_reason(PseudonymizerConfig(), text, span, {"spacy"}, set()) is not None
