"""Firms whose legal form the register writes in a way the plain "capitalised words + suffix" rule
missed: Dutch particles in the name, Turkish and Quebec forms, Icelandic lower-case forms, a short
bracketed part, initials before the name. Each must be found whole, and the joins must not glue a
German or Romance noun phrase to the firm."""

from __future__ import annotations

import pytest

from pseudonym_core.detect.orgs import OrganizationDetector


def _orgs(text: str) -> list[str]:
    return [text[s.start : s.end] for s in OrganizationDetector().detect(text)]


@pytest.mark.parametrize(
    ("text", "firm"),
    [
        ("Aan: Vastgoedbeheer Van der Linde B.V.\nt.a.v. mevrouw", "Vastgoedbeheer Van der Linde B.V."),
        ("Invoice from Van den Bergh Installatie N.V. attached.", "Van den Bergh Installatie N.V."),
        ("sigortalı son olarak Ege Tekstil San. ve Tic. A.Ş. işyerinde çalıştı", "Ege Tekstil San. ve Tic. A.Ş."),
        ("Kiracı: Yıldız Gıda Ltd. Şti. adına", "Yıldız Gıda Ltd. Şti."),
        ("Tremblay Gagnon Avocats S.E.N.C.R.L.\n2500, boulevard", "Tremblay Gagnon Avocats S.E.N.C.R.L."),
        ("PAR COURRIEL\nRénovations Bellerive inc.\nÀ l'attention de", "Rénovations Bellerive inc."),
        ("HR & Payroll, Norðurljós Seafood ehf. · Fornubúðir 5", "Norðurljós Seafood ehf."),
        ("Carrier: S.F. Express (Hong Kong) Limited, waybill 1", "S.F. Express (Hong Kong) Limited"),
        ("We paid Tai Wah Trading (Holdings) Ltd on time", "Tai Wah Trading (Holdings) Ltd"),
        ("đã cọc 30.000.000 VNĐ qua Vietcombank ngày 12/02/2025", "Vietcombank"),
        ("en mi cuenta nueva de Kutxabank: ES77 2095", "Kutxabank"),
        ("IBAN: PT71 0007 0000 0027 4819 3052 3 (Novo Banco)", "Novo Banco"),
        ("Tilinumero FI28 4006 1021 4738 52 (Aktia Pankki)", "Aktia Pankki"),
    ],
)
def test_firm_found_whole(text: str, firm: str) -> None:
    assert firm in _orgs(text)


@pytest.mark.parametrize(
    ("text", "not_firm"),
    [
        # German nouns are capitalised: an article between them is no name particle
        ("Kosten für Hausmeisterdienste der Firma Blitzblank Service UG waren zu hoch", "Hausmeisterdienste"),
        ("Eine Mahnung der Deutsche Telekom AG liegt vor", "Mahnung"),
        # Romance prepositions open a phrase before the firm
        ("Risposta da Informatica Sarda S.r.l. – ticket 4", "Risposta"),
        ("L'ing. Marco Gallo di Gallo Engineering S.r.l. illustra", "Marco"),
        # "inc." meaning "including" before a word is no legal form
        ("The price is £20 inc. VAT and Delivery Costs inc. postage", "Costs inc"),
        # a bank of something that is no firm: a river's, food, data
        ("We walked the Riverbank to the Foodbank and the Westbank Databank", "bank"),
        ("Die Datenbank ist offline. Er spendet bei der Blutbank. Mijn Slaapbank is kapot.", "bank"),
        ("Forwarded to the agent (Acme) Ltd will reply.", "Acme)"),  # a bracket is crossed whole or not at all
        ("Price: £120 (VAT inc.)", "VAT"),
        ("Total £50 Postage inc.", "Postage"),
        ("I moved to the U.S. Acme Ltd hired me.", "U.S."),  # a country's initials end the sentence
    ],
)
def test_no_phrase_glued_to_the_firm(text: str, not_firm: str) -> None:
    assert not any(not_firm in found for found in _orgs(text))


def _brand_parties(text: str) -> list[str]:
    from pseudonym_core.detect.brands import BrandDetector

    return [text[s.start : s.end] for s in BrandDetector().detect(text)]


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Reported the IP to the BSI as per our policy, reference 1.", "BSI"),
        ("corespunde cu declarația 112 depusă la ANAF. Pentru codebitor", "ANAF"),
        ("Le dossier est complet auprès de la CAF. Merci", "CAF"),
    ],
)
def test_an_acronym_dealt_with_as_a_party_in_more_languages(text: str, body: str) -> None:
    assert body in _brand_parties(text)


@pytest.mark.parametrize(
    "text",
    [
        "Qual é a matrícula e os quatro últimos dígitos do CPF?",  # a kind of number, and "do" is "of the"
        "Send it to IT as soon as possible.",
        "He went to the ICU as planned.",
        "Ele ficou internado na UTI.",  # intensive care, emergency rooms, the minimum wage
        "Trafił na SOR.",
        "Dibawa ke IGD.",
        "Il est payé au SMIC.",
    ],
)
def test_kinds_of_number_and_units_are_no_parties(text: str) -> None:
    assert _brand_parties(text) == []
