"""Issue 9: identifiers, user names, addresses and organizations that only their layout or label
gives away (JSON keys, tables, logs, leading qualifiers, building leads, CJK legal forms), and the
upper-case and re-cased texts that must not hide them."""

from __future__ import annotations

import pytest

from pseudonym_core import Pseudonymizer
from pseudonym_core.decide.resolve import resolve
from pseudonym_core.detect.address import AddressDetector
from pseudonym_core.detect.identifiers import IdentifierDetector
from pseudonym_core.detect.institutions import InstitutionDetector
from pseudonym_core.detect.layouts import LayoutDetector
from pseudonym_core.detect.orgs import OrganizationDetector
from pseudonym_core.detect.usernames import UsernameDetector


def _values(detector, text: str) -> set[str]:
    return {text[s.start : s.end] for s in detector.detect(text)}


@pytest.mark.parametrize(
    ("text", "value", "label"),
    [
        ('{"employee_id": "88213", "name": "x"}', "88213", "IDENTIFIER"),
        ("customer since 2019, cust_id 7741190", "7741190", "IDENTIFIER"),
        ("GET /v2/students/S-0048815 -> 200", "S-0048815", "IDENTIFIER"),
        ("n° sociétaire 4418230 K, adresse", "4418230 K", "IDENTIFIER"),
        ("N° de dossier ANEF : ANEF-69-2024-0038821", "ANEF-69-2024-0038821", "IDENTIFIER"),
        ("Reference: 327 118 409K", "327 118 409K", "IDENTIFIER"),
        ("Employee number (on acceptance): HX-01188", "HX-01188", "IDENTIFIER"),
        ("Bag tag: TK 235 118 772", "TK 235 118 772", "IDENTIFIER"),
        ("trip id f3a9c1e2-7b44-4d0e-9a61-2c5d8e90b417 shows", "f3a9c1e2-7b44-4d0e-9a61-2c5d8e90b417", "IDENTIFIER"),
        ("the parcel H00Y2A0059437821 was left", "H00Y2A0059437821", "IDENTIFIER"),
        ("my BSN is 802345888.", "802345888", "NATIONAL_ID"),
        ("HKID: K412098(3)", "K412098(3)", "NATIONAL_ID"),
        ("his numéro de sécurité sociale is 1 92 01 69 123 302 79, needed", "1 92 01 69 123 302 79", "NATIONAL_ID"),
        ("Documento: NIE Y2918846J", "Y2918846J", "NATIONAL_ID"),
        # record and vehicle labels of other languages
        ("fehlende Unterlagen (Mandant 10447)", "10447", "IDENTIFIER"),
        ("Veículo: Honda HR-V, placa FQX-8D21", "FQX-8D21", "IDENTIFIER"),
        ("Número de guía: 7015 4489 2201 6634 11", "7015 4489 2201 6634 11", "IDENTIFIER"),
        ("Ügyfélszám: 40071829", "40071829", "IDENTIFIER"),
        ("Zakázka ZK-3391.", "ZK-3391", "IDENTIFIER"),
        ("NHC: 8841207   Episodi: U24-0338419", "U24-0338419", "IDENTIFIER"),
        ("Truck KDG 221M serviced at CMC Motors", "KDG 221M", "IDENTIFIER"),
        ("under references GH-R-118204 and GH-R-120771, and she", "GH-R-120771", "IDENTIFIER"),  # a list
        ("2025-02-27T13:14:51Z WARN merchant=MRC-0042 event=charge", "MRC-0042", "IDENTIFIER"),
    ],
)
def test_labelled_and_keyed_identifiers(text: str, value: str, label: str) -> None:
    best: dict[str, tuple[float, str]] = {}
    for s in IdentifierDetector().detect(text):  # overlapping proposals: the surest one is what resolve keeps
        best[text[s.start : s.end]] = max(best.get(text[s.start : s.end], (0.0, "")), (s.score, s.label))
    assert best.get(value, (0, ""))[1] == label, best


@pytest.mark.parametrize(
    "text",
    [
        '{"request_id": "a81f", "span_id": "4471882", "version": "2.3.1"}',
        "The deposit 50000 is due. Job done in 12 days, report 2023 attached.",
        "Build E12345678 failed with error code 0x80070005; see KB5034441 and ISO27001.",
        "We ordered 12k units at 5000mg, 20s and 4x faster.",
        "We quote 12345 units; the truck 2024 was new; the vehicle had 88000 km.",
    ],
)
def test_technical_keys_and_codes_are_no_identifiers(text: str) -> None:
    assert IdentifierDetector().detect(text) == []


def test_upper_case_text_keeps_its_identifiers(pseudonymizer: Pseudonymizer) -> None:
    """Detectors that match shapes read the text as written, not the re-cased view ("Tr-2024-0412")."""
    text = "CORPORATE TRAVEL REQUEST — TR-2024-0412\nI AM WRITING. ORDER 112-4839201-7730562, TRACKING SAYS"
    found = {e.text for e in pseudonymizer.pseudonymize(text).entities}
    assert {"TR-2024-0412", "112-4839201-7730562"} <= found


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("nguyen.huong  10:42  hey team\ndana.p  10:45  hi huong!", {"nguyen.huong", "dana.p"}),
        ("My sister Ірина Петренко (irina.p) shares the plan", {"irina.p"}),
        ("u/saoirse_k93: anyone else had this?", {"u/saoirse_k93", "saoirse_k93"}),
        ("seller (ChidiHomeAppliances): good afternoon", {"ChidiHomeAppliances"}),
        ("★★ Reviewed by rhiannon_makes — lovely yarn", {"rhiannon_makes"}),
        ("Accepted publickey for a.sokolova from 10.20.16.203 port 49320", {"a.sokolova"}),
        ("id,name,recruiter\nC-1,Aditya Verma,kmorales\nC-2,Ana Li,ebergstrom", {"kmorales", "ebergstrom"}),
        ("| Name | Discord |\n|---|---|\n| Bayu Pratama | bayu_p |", {"bayu_p"}),
        ("brodie: hey we landed\nbrodie: thanks!", {"brodie"}),
        ("deprovisioned along with s.haddad and m.abramov. Teller: farook.m", {"s.haddad", "m.abramov", "farook.m"}),
    ],
)
def test_usernames_by_layout(text: str, values: set[str]) -> None:
    assert values <= _values(UsernameDetector(), text)


@pytest.mark.parametrize(
    "text",
    [
        "I authorise the installer; the instance needs an instalment for accounting.",
        "Failed password for invalid user admin from 45.155.205.233",
        "see (e.g. the report.pdf) or (HbA1c, lipids) and (auto-generated) notes",
        "dropoff: calle durango 197\nimport os.path; self.name = user.first_name",
        "page_label: 12 file_name: handbook.pdf",
        "use e.target and x.shape, f.write to a.out, read r.yaml from x.io",
    ],
)
def test_words_and_code_are_no_usernames(text: str) -> None:
    assert UsernameDetector().detect(text) == []


ADDRESSES = [
    "9 Elm Grove, Salford M6 8QN",
    "Jan van Galenstraat 112-2, 1056 CB Amsterdam",
    "Bağdat Caddesi No: 214 Daire 8, 34728 Kadıköy/İstanbul",
    "Vinohradská 1511/230, 100 00 Praha 10",
    "Office 1203, Al Moosa Tower 2, Sheikh Zayed Road, Dubai, UAE",
    "27b fola osibo road, lekki phase 1, lagos",
    "вул. Шевченка 14, кв. 9, м. Вінниця, 21001",
    "1842 MARTIN LUTHER KING JR DR SW, ATLANTA, GA 30310",
    "B-12-3A, Residensi Sri Damansara, Jalan Damansara Perdana, 47820 Petaling Jaya",
    "No. 18, 2nd Cross, Malleswaram, Bengaluru 560003",
    "Calle Colima 221, Depto. 5, Col. Roma Norte, 06700 Ciudad de México, CDMX",
    "4521, rue Saint-Denis, app. 3, Montréal (Québec) H2J 2L4",
]


@pytest.mark.parametrize("address", ADDRESSES)
def test_more_address_forms(address: str) -> None:
    text = f"Please send it to: {address}. Thanks"
    spans = resolve(text, AddressDetector().detect(text))
    assert address in {text[s.start : s.end] for s in spans}


@pytest.mark.parametrize(
    "text",
    [
        "Date: 20 September 2024\nServed by hand on 21 September",
        "THIS IS THE THIRD TIME I AM WRITING. ORDER 112",
        "[10:22] dimas: yes, via mobile banking at 21:47 yesterday",
        "Told him no. 14, Mrs Doyle has it.",
    ],
)
def test_dates_and_prose_are_no_addresses(text: str) -> None:
    assert AddressDetector().detect(text) == []


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("Customer Accounts Team, Thameside Water", "Thameside Water"),
        ("a student at University College Cork with", "University College Cork"),
        ("Managing Director, Tai Fung Textiles (HK) Limited", "Tai Fung Textiles (HK) Limited"),
        ("Beneficiary bank: Bank Audi sal, Beirut", "Bank Audi sal"),
        ("Group: Midtown Unified School District", "Midtown Unified School District"),
        ("GP: Dr A. Nwosu, Jericho Health Centre   Nominated", "Jericho Health Centre"),  # a town, then two kinds
        ("I went to Riverside Health Centre today", "Riverside Health Centre"),
    ],
)
def test_more_organization_forms(text: str, org: str) -> None:
    assert org in _values(OrganizationDetector(), text)


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("École primaire Saint-Rédempteur was recommended", "École primaire Saint-Rédempteur"),
        ("Wire to Bank Leumi — beneficiary", "Bank Leumi"),
        ("the company is 上海云帆科技有限公司, can", "上海云帆科技有限公司"),
        ("Hotel: Hotel Sunroute Shinjuku, Tokyo", "Hotel Sunroute Shinjuku"),
    ],
)
def test_more_institution_forms(text: str, org: str) -> None:
    assert org in _values(InstitutionDetector(), text)


@pytest.mark.parametrize(
    "text",
    [
        "Kind regards,\nTalent Acquisition Team",
        "DURABLE POWER OF ATTORNEY; I got the Fair Trading notice; the Protein Engineering group met.",
        "Scoil Bhríde Naofa, Ballincollig, Co. Cork",
        "Module: COMP2211 Software Engineering, coursework 2",
        "It was a Bank Holiday. The Hotel Room was nice.",
        "Book at the Student Health Centre; Fair Travel Centre",  # a word, no town, before the kinds
    ],
)
def test_phrases_are_no_organizations(text: str) -> None:
    assert OrganizationDetector().detect(text) + InstitutionDetector().detect(text) == []


@pytest.mark.parametrize(
    "text", ["RESA HTL / HOTEL RESERVATION REQUEST\nTO: RESERVATIONS", "CASE TYPE: I-130, PETITION FOR ALIEN RELATIVE"]
)
def test_label_words_after_a_kind_are_no_identifiers(text: str) -> None:
    assert IdentifierDetector().detect(text) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("To: Tomasz Grabowski <t.grabowski@onet.pl>\nCc: Grant Hope <grant@hopeandbishop.ie>",
         [("Tomasz Grabowski", "PERSON"), ("Grant Hope", "PERSON")]),  # common words, but a mailbox's owner
        ('From: "Lena Kraus" <l.kraus@example.de>', [("Lena Kraus", "PERSON")]),
        ("To: Ann Lee <ann@x.io>, Bob Stone <bob@y.io>", [("Ann Lee", "PERSON"), ("Bob Stone", "PERSON")]),
        ("From: Royal Mail International Enquiries <intl-enquiries@royalmail.example.co.uk>",
         [("Royal Mail International Enquiries", "ORGANIZATION")]),  # a service's mailbox
        ("Subject: Invoice <billing@acme.com>", []),  # not a sender or recipient line
        ("From: Steve Jobs <steve.jobs@apple.com>", [("Steve Jobs", "PERSON")]),  # "jobs" is a name here
    ],
)  # fmt: skip
def test_mail_display_names(text: str, found: list[tuple[str, str]]) -> None:
    assert [(text[s.start : s.end], s.label) for s in LayoutDetector().detect(text)] == found


def test_chat_lines_after_a_weekday_or_a_full_time_stamp() -> None:
    """"Fri 6:44 PM  CVS:" and "2025-09-14 21:04 Maria:" head chat lines too; a speaker in capitals
    that is no name is the organization's side of the chat."""
    text = "Fri 6:44 PM  CVS: Hi! Please confirm\nFri 6:47 PM  CVS: Thank you.\n2025-09-14 21:04 Maria: ok"
    found = [(text[s.start : s.end], s.label) for s in LayoutDetector().detect(text)]
    assert found == [("CVS", "ORGANIZATION"), ("CVS", "ORGANIZATION"), ("Maria", "PERSON")]


def test_family_name_first_in_capitals_before_a_known_given_name() -> None:
    """Registers and passenger lists write "ÖZTÜRK, Deniz": capitals, a comma, a known given name.
    A capitalised word, acronym or place before a comma is no family name ("NOTE, Please",
    "LONDON, Ontario", "IMPORTANT, Mark this")."""
    from pseudonym_core.detect.layouts import LayoutDetector

    text = (
        "| 04471820 | BERIDZE, Nino | Tbilisi |\n4. ÖZTÜRK, Deniz   DE Personalausweis\n"
        "| PUIG I FERRER, Jordi | UPC |\nSMITH, John and JONES, Mary\n"
        "NOTE, Please call. LONDON, Ontario. IMPORTANT, Mark this. WHITE, Green."
    )
    found = [text[s.start : s.end] for s in LayoutDetector().detect(text)]
    assert found == ["BERIDZE, Nino", "ÖZTÜRK, Deniz", "PUIG I FERRER, Jordi", "SMITH, John", "JONES, Mary"]


def test_an_initial_login_does_not_depend_on_the_systems_mime_table() -> None:
    """`mimetypes.init()` (called by any library) adds the system's extensions, ".m" among them:
    "farook.m" must stay a login whatever ran before, and "r.yaml" a file."""
    import mimetypes

    from pseudonym_core.detect.username_layouts import _initial_login

    mimetypes.init()
    assert _initial_login("farook.m") and _initial_login("s.haddad")
    assert not _initial_login("r.yaml") and not _initial_login("j.json")


def test_a_time_stamped_speaker_of_several_turns_is_someone_whatever_the_word() -> None:
    from pseudonym_core.detect.layouts import LayoutDetector

    text = (
        "[12/3/25, 20:11] Tía Lupe: ya quedó la misa\n[12/3/25, 20:15] Memo: va tía, yo la traigo\n"
        "[12/3/25, 20:25] Memo: ya te mandé 500\n[12/3/25, 20:26] Patient: ok\n[12/3/25, 20:27] Patient: thanks\n"
    )
    found = [text[s.start : s.end] for s in LayoutDetector().detect(text)]
    assert found.count("Memo") == 2 and "Tía Lupe" in found
    assert "Patient" not in found  # a role, however often it speaks
    once = "[20:11] Tía Lupe: hola\n[20:15] Memo: the memo is late\n"
    assert "Memo" not in [once[s.start : s.end] for s in LayoutDetector().detect(once)]  # one turn is not enough


def _layout_people(text: str) -> list[str]:
    return [text[s.start : s.end] for s in LayoutDetector().detect(text) if s.label == "PERSON"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Chamado 11-0447\n\nAtendente (Thaís): Central de TI, bom dia", "Thaís"),  # a name of no list
        ("[14:02] aviva (bill): hi harjit, happy to help.", "bill"),
        ("Mom (Linda): dinner at 7?", "Linda"),
        ("Batik Sekar Wangi (admin Rina) 09.20: Halo kak Dewi", "Rina"),  # a role word and a time
        ('appeal via web form, reply signed "Callum" – Player Support refusing', "Callum"),
        # time-stamped speakers typed in lower case, two turns or more
        ("14:21 hope: hi there\n14:21 you: rami haddad\n14:22 hope: thanks rami!", "hope"),
    ],
)
def test_a_person_in_a_speakers_brackets_or_a_lower_case_speaker(text: str, name: str) -> None:
    assert name in _layout_people(text)


@pytest.mark.parametrize(
    "text",
    [
        "[11:03] Zainab (MTN): Good morning",  # the company in brackets
        "Sam (SRE): deploying now",
        "Customer (Premium): hi\nAgent (Level 2): hello",
        "14:21 hope: hi there\n14:22 you: ok",  # one turn: maybe a label
        "14:21 you: hi\n14:22 you: ok\n14:23 agent: hello\n14:24 agent: bye",
    ],
)
def test_roles_and_companies_in_speakers_brackets_are_no_person(text: str) -> None:
    assert [n for n in _layout_people(text) if n not in ("Zainab", "Sam")] == []
