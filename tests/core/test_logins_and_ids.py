"""Logins built from a person named in the text (decide/logins.py) and identifiers whose label no
list knows: registry numbers with several letter groups, an acronym before a long number, any
word before "No." (detect/identifiers.py)."""

from __future__ import annotations

import pytest

from pseudonym_core import Pseudonymizer
from pseudonym_core.detect.identifiers import IdentifierDetector


@pytest.mark.parametrize(
    ("text", "login"),
    [
        ("Caller: Virtanen, Aleksi (avirtanen)   Dept: Finance", "avirtanen"),
        ("This morning my colleague Ivana Horvat (ihorvat) got 200 bounce messages.", "ihorvat"),
        ("Peer feedback (from tbrown, Tyrone Brown): very helpful.", "tbrown"),
        ("On LinkedIn as summer-r-bishop. Summer Bishop is available in May.", "summer-r-bishop"),
        ("Soru (elif.yilmaz.34): merhaba. Elif Yılmaz", "elif.yilmaz.34"),
        ("On-call Avi Ben-David (aben-david) rotated the password.", "aben-david"),
        ("Buyer: lin_yuting0418 — name on parcel Lin Yuting", "lin_yuting0418"),
    ],
)
def test_a_login_of_a_person_in_the_text_is_a_username(pseudonymizer: Pseudonymizer, text: str, login: str) -> None:
    result = pseudonymizer.pseudonymize(text)
    assert login not in result.text
    assert any(e.text == login and e.label == "USERNAME" for e in result.entities), [
        (e.text, e.label) for e in result.entities
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Hunter Parata said the hunter left early.",  # a name part alone is no login
        "Grant Young will grant young people access.",
        "Ivana Horvat uploaded horvat_report.pdf?",  # no given part: a file, not a login
    ],
)
def test_words_and_single_name_parts_are_no_login(pseudonymizer: Pseudonymizer, text: str) -> None:
    labels = {e.text: e.label for e in pseudonymizer.pseudonymize(text).entities}
    assert "USERNAME" not in labels.values(), labels


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Mrs. Akosua Owusu, Folder No. KBTH/OG/2025/30418, seen today", "KBTH/OG/2025/30418"),
        ("Hosp. No: LUTH/MOPD/23/08841 | DOB: 12/03/1968", "LUTH/MOPD/23/08841"),
        ("ATS export, req ALG-ENG-2291 (Backend, Kotlin)", "ALG-ENG-2291"),
        ('"driver":{"id":"DRV-20931"}', "DRV-20931"),
        ("Customer: Fatima Al Mansoori    CIF: 10294418 | Account", "10294418"),
        ("Lekarz: lek. Paweł Zieliński, NPWZ 2718904 | Przychodnia", "2718904"),
        ("UAN (PF): 101843355207 | PRESENT ADDRESS", "101843355207"),
        ("reported it with denuncia no. 050016099166202557112. If he", "050016099166202557112"),
        ("an agency worker (agency ID AG-77102) drove the forklift", "AG-77102"),
    ],
)
def test_identifiers_with_labels_no_list_knows(text: str, value: str) -> None:
    found = {text[s.start : s.end] for s in IdentifierDetector().detect(text) if s.label == "IDENTIFIER"}
    assert value in found, found


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Asegurado: Lucía Belén Ferraro    DNI: 33.418.902 | Domicilio", "33.418.902"),
        ('  "cpf": "529.982.247-25",', "529.982.247-25"),  # a JSON key and a value in quotes
        ('{"personnummer": "19910312-4418", "address": "Götgatan 4"}', "19910312-4418"),
        ("MRN: S-2094471     OHIP: 4417-882-190-KT | DOB: 1979-04-02", "4417-882-190-KT"),
        ("No d'assurance maladie (RAMQ): ABDM 8759 3017 | Téléphone", "ABDM 8759 3017"),  # after "(RAMQ):"
        ("[09:33] guest: qid 28835604418, account 4000418229", "28835604418"),
        ("RUT 15.418.229-K, nombre: Ana", "15.418.229-K"),
    ],
)
def test_national_ids_in_their_written_forms(text: str, value: str) -> None:
    found = {text[s.start : s.end] for s in IdentifierDetector().detect(text) if s.label == "NATIONAL_ID"}
    assert value in found, found


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Personeelsnummer: DVI-0418 | Functie", "DVI-0418"),  # a Dutch compound ending in "nummer"
        ("picking up for my mom. rx 6642118-07, it says ready", "6642118-07"),
    ],
)
def test_compound_labels_and_prescriptions(text: str, value: str) -> None:
    assert value in {text[s.start : s.end] for s in IdentifierDetector().detect(text)}


@pytest.mark.parametrize("text", ["Telefonnummer: 0176 1234567", "Hausnummer: 12", "Rx only; take 2 daily"])
def test_phone_and_house_number_compounds_are_no_ids(text: str) -> None:
    assert IdentifierDetector().detect(text) == []


@pytest.mark.parametrize(
    "text",
    ['version 2.3.1 shipped; "price": "1.299.000"; the total is 1.234.567 units', "DNI holders: 33.418 people"],
)
def test_dotted_numbers_without_a_national_label_are_no_ids(text: str) -> None:
    assert IdentifierDetector().detect(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Transfer of USD 1500000 approved.",
        "Certified to ISO 270011 since 2020.",
        "TEL 0744218903 after six.",
        "See Page No. 123456 of the manual, Model No. 77120-B.",
        "The SKU BMB-NVS-200 and COVID-19 and RTX-4090 cards.",
        "Call us at FAX 02079460958.",
    ],
)
def test_amounts_phones_products_and_pages_are_no_identifiers(text: str) -> None:
    assert [text[s.start : s.end] for s in IdentifierDetector().detect(text) if s.label == "IDENTIFIER"] == []


@pytest.mark.parametrize(
    ("text", "name", "not_in_name"),
    [
        ("Signed: D. Wickramasinghe           Signed: M. Sun", "D. Wickramasinghe", None),
        ("Deponent: N. P. Dlamini | Commissioner of Oaths", "N. P. Dlamini", None),
        ("Radu Ionescu                            A.-I. Mureșan", "A.-I. Mureșan", None),
        ("Signatures: N. Khoury · J.-F. Lapointe", "J.-F. Lapointe", None),
        # initials after a family name in capitals, as a bank statement writes the payer
        ("07 Feb 2025  FASTER PAYMENT FROM GILL K REF RENT FEB      450.00", "GILL K", "REF"),
        ("Signed: KOWALSKI J. A. on 3 May", "KOWALSKI J. A.", None),
        ("dzień dobry, jestem katarzyna wiśniewska, pracuję w Wrocławiu", "katarzyna wiśniewska", "jestem"),
        ("p: iv ns as per dr kulkarni's chart, 4-hourly vitals", "kulkarni", None),
        ("also prof tanaka said the late policy is strict", "tanaka", None),
    ],
)
def test_initials_and_lower_case_introductions(
    pseudonymizer: Pseudonymizer, text: str, name: str, not_in_name: str | None
) -> None:
    """Initials go with the family name they stand before; a lower-case name after a title or an
    introduction ("jestem", "salamat", "prof") is found, without the introduction itself."""
    result = pseudonymizer.pseudonymize(text)
    people = [e.text for e in result.entities if e.label == "PERSON"]
    assert name in people, people
    assert name not in result.text
    if not_in_name:
        assert not_in_name in result.text


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Hi Hyun-woo, sorry — Ji-woo! Best, Han Ji-woo", ["Hyun-woo", "Ji-woo", "Han Ji-woo"]),
        ("Insured: Park Jae-won (박재원), resident", ["Park Jae-won", "박재원"]),
        ("my uncle Abebe Tesfaye (አበበ ተስፋዬ) arrived from Addis", ["Abebe Tesfaye", "አበበ ተስፋዬ"]),
        ("pt: sunita patil (सुनीता पाटील), 34f, bed 12", ["sunita patil", "सुनीता पाटील"]),
    ],
)
def test_hyphenated_halves_and_the_name_in_its_own_script(
    pseudonymizer: Pseudonymizer, text: str, names: list[str]
) -> None:
    result = pseudonymizer.pseudonymize(text)
    people = [e.text for e in result.entities if e.label == "PERSON"]
    for name in names:
        assert name in people, people
        assert f"{name}," not in result.text and f"{name} " not in result.text and f"({name})" not in result.text


def test_a_latin_bracket_after_a_name_is_no_second_name(pseudonymizer: Pseudonymizer) -> None:
    result = pseudonymizer.pseudonymize("Dr Anna Kowalczyk (she/her) will call the pre-war house owner.")
    assert "(she/her)" in result.text and "pre-war" in result.text


def test_the_review_s_precision_cases_stay_as_they_are(pseudonymizer: Pseudonymizer) -> None:
    """What a review found the first version of these rules did to ordinary text."""
    from pseudonym_core.decide.explain import Trace
    from pseudonym_core.decide.types import trim_person_words, with_hyphen_parts, with_initials
    from pseudonym_core.detect.base import Span
    from pseudonym_core.detect.cues import CueDetector
    from pseudonym_core.detect.fields import FieldDetector
    from pseudonym_core.detect.orgs import OrganizationDetector

    def person(text: str, value: str) -> Span:
        return Span(text.index(value), text.index(value) + len(value), "PERSON", 0.8, "test")

    def covered(span: Span, text: str) -> str:
        return text[span.start : span.end]

    for text, value in (("Kwame Asante called", "Kwame Asante"), ("Ola Nordmann called", "Ola Nordmann")):
        assert covered(trim_person_words(text, person(text, value), Trace()), text) == value  # names, not greetings
    for text, value in (("the U.S. Biden administration", "Biden"), ("Plan B. Jones said", "Jones")):
        assert covered(with_initials(text, person(text, value), Trace()), text) == value
    for text, value in (("the Trump-era rules", "Trump"), ("an Anti-Trump rally", "Trump")):
        assert covered(with_hyphen_parts(text, person(text, value), Trace()), text) == value
    for text in ("Yes, it's summer in Sydney", "i am frank with you", "it is rose gold", "thanks will do"):
        assert CueDetector().detect(text) == [], text
    for text in ("TOTAL 1500000 due", "AY 2024-2025 fees", "Lei No. 13709 applies", "US Patent No. 7654321",
                 "Process ID 48213", "IMG_0042.jpg and DSC-0042", "ERR-10042 crashed"):  # fmt: skip
        assert IdentifierDetector().detect(text) == [], text
    for text in ("Scooby doo", "I Like Ike"):
        assert OrganizationDetector().detect(text) == [], text
    record = '{"agency": "Remote", "institution": "Public", "seller": "TechZone Cairo"}'
    assert [covered(s, record) for s in FieldDetector().detect(record)] == ["TechZone Cairo"]


def test_a_tables_id_column_holds_record_ids() -> None:
    """An export's "emp_id" or "cand_id" column names each row's record; a zip, product or row
    number column does not, and neither do numbers of fewer than three digits."""
    from pseudonym_core.detect.username_layouts import layout_usernames

    text = (
        "emp_id,full_name,position\nSMS-0418,Olga Vasilyeva,HSE officer\nSMS-0419,Aigerim Zh,Driver\n\n"
        "| cand_id | name | recruiter |\n|---|---|---|\n| C-0418229 | Phạm Văn Long | mkaczmarek |\n\n"
        "| id | product code | zip code |\n|---|---|---|\n| 12 | AB-4471 | 10115 |\n| 4471 | AB-4472 | 10117 |\n"
    )
    found = [(text[s.start : s.end], s.label) for s in layout_usernames(text)]
    assert found == [
        ("SMS-0418", "IDENTIFIER"), ("Olga Vasilyeva", "PERSON"), ("SMS-0419", "IDENTIFIER"),
        ("Aigerim Zh", "PERSON"), ("C-0418229", "IDENTIFIER"), ("Phạm Văn Long", "PERSON"),
        ("mkaczmarek", "USERNAME"), ("4471", "IDENTIFIER"),
    ]  # fmt: skip


def test_a_tables_name_columns_hold_people_in_any_language() -> None:
    """"fornamn;efternamn" of a Swedish export, "name" of a CSV, "Guest Name" of a Markdown table:
    the column says the cell is a person, even "Summer;Rose"; a product, bank or user name column
    does not, nor does a placeholder."""
    from pseudonym_core.detect.username_layouts import layout_usernames

    text = (
        "anst_nr;fornamn;efternamn;ort;chef\nNV-10442;Annika;Lindqvist;Luleå;Mats Öberg\n"
        "30541;Summer;Rose;Chur;N/A\n\n"
        "sku,product_name,bank_name,Guest Name,nguoi_nhan\nA-1,Widget Pro,Sparkasse,Ana López,Trần Thị Thu Hằng\n"
    )
    found = [(text[s.start : s.end], s.label) for s in layout_usernames(text) if s.label == "PERSON"]
    assert found == [
        ("Annika", "PERSON"), ("Lindqvist", "PERSON"), ("Mats Öberg", "PERSON"), ("Summer", "PERSON"),
        ("Rose", "PERSON"), ("Ana López", "PERSON"), ("Trần Thị Thu Hằng", "PERSON"),
    ]  # fmt: skip


def test_dotted_national_numbers_need_no_label() -> None:
    from pseudonym_core.detect.identifiers import IdentifierDetector

    text = "RUN 13.220.917-4, solicitante 15.418.229-K, doc 529.982.247-25; total 1.234.567,80 and v1.220.917-4b"
    found = [(text[s.start : s.end], s.label) for s in IdentifierDetector().detect(text) if s.label == "NATIONAL_ID"]
    assert [value for value, _ in found] == ["13.220.917-4", "15.418.229-K", "529.982.247-25"]


def test_an_initial_glued_to_a_family_name_is_a_login_in_a_bracket() -> None:
    from pseudonym_core.detect.usernames import UsernameDetector, initial_and_family

    assert initial_and_family("jsmith") and initial_and_family("srasmussen")
    for word in ("ahead", "along", "amore", "scott", "brice"):  # words of some language, or a given name
        assert not initial_and_family(word), word
    text = "Adjuster notes (jsmith, 03/18/2025): spoke with the insured. Assignee (srasmussen): ok"
    found = {text[s.start : s.end] for s in UsernameDetector().detect(text)}
    assert {"jsmith", "srasmussen"} <= found
