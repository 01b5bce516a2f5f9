"""Organizations by legal form after a comma, by camel-case brand, by trade word, head-first public
bodies with an elided article, and brands written in lower case in chats (stop 24)."""

from __future__ import annotations

import pytest

from pseudonym_core import Pseudonymizer
from pseudonym_core.detect.brands import BrandDetector
from pseudonym_core.detect.institutions import InstitutionDetector
from pseudonym_core.detect.orgs import OrganizationDetector


def _orgs(text: str) -> list[str]:
    return sorted(text[s.start : s.end] for s in OrganizationDetector().detect(text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Primeira outorgante: Sardinha & Companhia, Lda., NIPC 514 478 290.", "Sardinha & Companhia, Lda."),
        ("Medicina do trabalho assegurada por Saúde+Trabalho, Lda..", "Saúde+Trabalho, Lda."),
        ("O pagamento vai para Fazenda Boa Vista, Ltda. amanhã.", "Fazenda Boa Vista, Ltda."),
        ("konto prowadzony w mBank S.A., w terminie 14 dni", "mBank S.A."),
        ("Police: New Orleans Police Department, 6th District.", "New Orleans Police Department"),
        ("Tow: Crescent City Towing to the yard.", "Crescent City Towing"),
        ("Ms Reyes, Loudoun County Public Schools, wrote again.", "Loudoun County Public Schools"),
    ],
)
def test_legal_forms_trades_and_public_bodies(text: str, name: str) -> None:
    assert name in _orgs(text)


@pytest.mark.parametrize(
    "text",
    [
        "We called Emergency Towing, then the Police.",  # one plain word before a trade word: a kind of service
        "Public Schools reopen on Monday.",  # only generic words
        "Mention it to Travel and Police at the desk.",  # a trade word needs the name's words before it
    ],
)
def test_trade_words_after_ordinary_words_are_no_organization(text: str) -> None:
    assert _orgs(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("contratto registrato presso l'Agenzia delle Entrate, Ufficio di Bologna.", "Agenzia delle Entrate"),
        ("Denuncia presentata alla Stazione Carabinieri di Lecco, verbale n. 318.", "Stazione Carabinieri di Lecco"),
        ("Accertamento della Polizia Locale di Bologna del 19/03.", "Polizia Locale di Bologna"),
        ("Tarjeta Profesional expedida por el Consejo Superior de la Judicatura.", "Consejo Superior de la Judicatura"),
    ],
)
def test_head_first_public_bodies(text: str, name: str) -> None:
    assert name in [text[s.start : s.end] for s in InstitutionDetector().detect(text)]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("paid via revolut yesterday, my vodafone bill is late", ["revolut"]),  # "vodafone" is a listed word
        ("nitaenda safaricom shop ya kimathi street kesho", ["safaricom"]),
        ("ok I sent it to the gcash.", ["gcash"]),
        ("akun gopay atas nama istri saya", ["gopay"]),
        ("can u check my banorte balance pls", ["banorte"]),
    ],
)
def test_brands_written_in_lower_case_in_chats(text: str, names: list[str]) -> None:
    assert sorted(text[s.start : s.end] for s in BrandDetector().detect(text)) == names


@pytest.mark.parametrize(
    "text",
    [
        "pls refund na lang sa gcash wag na as credit",  # chat shorthand before "refund" is no brand
        "treated with amoxicillin). no oedema.",  # rare words, but no determiner or brand cue
        "Photos attached, it leaked all over the box. Or come to our condo.",
        "use my finnish account, not the laptop.",
        "Move it to my savings account or the john account.",
    ],
)
def test_lower_case_words_that_are_no_brand(text: str) -> None:
    found = [text[s.start : s.end] for s in BrandDetector().detect(text)]
    assert found == [], found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("ben köln'den dhl ile yolladım", "dhl"),
        ("Flew with Ryanair and paid through Nubank.", "Ryanair"),
        ("flew ryanair again, never again", "ryanair"),
        ("Przesyłka jest nadana w DPD, więc trafi do paczkomatu.", "DPD"),
    ],
)
def test_brands_of_the_icon_list_in_any_case(text: str, name: str) -> None:
    from pseudonym_core.detect.banks import BankDetector

    assert name in [text[s.start : s.end] for s in BankDetector().detect(text)]


def test_the_icon_list_leaves_out_software_words_and_joined_words() -> None:
    from pseudonym_core.detect.banks import BankDetector, icon_brands

    brands = set(icon_brands())
    assert len(brands) > 1000 and {"DHL", "Ryanair", "Albert Heijn"} <= brands
    assert not brands & {"JSON", "NGINX", "Python", "Helpdesk", "Line", "Visa", "Note"}
    text = "Restart nginx, send the result.json to the IT helpdesk; note the Visa line."
    assert BankDetector().detect(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("vamos mudar para a nos. a vodafone também nos fez proposta", "vodafone"),
        ("i switched to vodafone last week lol", "vodafone"),
        ("me cambié a movistar ayer y todo bien", "movistar"),
    ],
)
def test_listed_brands_frequent_abroad_in_lower_case_in_a_chat_line(text: str, name: str) -> None:
    from pseudonym_core.detect.banks import BankDetector

    assert name in [text[s.start : s.end] for s in BankDetector().detect(text)]


@pytest.mark.parametrize(
    "text",
    [
        "fomos à caixa de correio ontem",  # Portuguese "box", also a bank's name
        "Customer wrote: I switched to vodafone last week.",  # a line with capitals writes brands with one
    ],
)
def test_lower_case_listed_names_stay_words_outside_chat_lines_or_when_everyday(text: str) -> None:
    from pseudonym_core.detect.banks import BankDetector

    assert [text[s.start : s.end] for s in BankDetector().detect(text) if text[s.start : s.end].islower()] == []


def test_an_everyday_word_of_another_language_is_no_person_in_lower_case(pseudonymizer: Pseudonymizer) -> None:
    text = "vamos mudar para a nos. a vodafone também nos fez proposta"
    result = pseudonymizer.pseudonymize(text, session=pseudonymizer.session())
    assert "vamos" not in [e.text for e in result.entities]


@pytest.mark.parametrize(
    ("text", "name"),
    [("Dear Emirates NBD team,\nFurther to my call", "Emirates NBD"), ("Hi Zalando support, my parcel", "Zalando")],
)
def test_a_firm_addressed_by_its_team_or_desk(text: str, name: str) -> None:
    from pseudonym_core.detect.cues import CueDetector

    found = [text[s.start : s.end] for s in CueDetector().detect(text) if s.label == "ORGANIZATION"]
    assert found == [name]


@pytest.mark.parametrize("text", ["Dear HR team,", "Dear Hiring Team,", "Hi Support team, thanks"])
def test_a_department_addressed_is_no_firm(text: str) -> None:
    from pseudonym_core.detect.cues import CueDetector

    assert [s for s in CueDetector().detect(text) if s.label == "ORGANIZATION"] == []
