"""Names that are also words ("Hope", "Grant", "Will") at the start of a sentence: masked where the
text has named that person and the word does what only a person does; the words stay words."""

from __future__ import annotations

import pytest

from pseudonym_core import Pseudonymizer

_CASE_FILE = (
    "Employee: Hope Anderson. Manager: Grant Miller. HR: Will Brooks.\n"
    "On 02/14 Hope reported that Grant had refused to grant her access. Grant says the access was removed. "
    "We hope to close this.\n"
    '- Hope: "I mark every discrepancy."\n'
    "Hope was seen at the clinic. Will to send written summary to Hope. May was rainy.\n"
)


def test_a_named_person_at_a_sentence_start_is_masked_and_the_words_stay(pseudonymizer: Pseudonymizer) -> None:
    result = pseudonymizer.pseudonymize(_CASE_FILE)
    masked = [(e.start, e.text) for e in result.entities]
    for needle in ("Grant says", '- Hope: "', "Hope was seen", "Will to send"):
        pos = _CASE_FILE.index(needle) + (2 if needle.startswith("-") else 0)
        assert any(start == pos for start, _ in masked), needle
    for word in ("grant her", "hope to close", "May was"):
        pos = _CASE_FILE.index(word)
        assert not any(start <= pos < start + len(text) for start, text in masked), word


def test_without_that_person_in_the_text_the_sentence_start_stays_a_word(pseudonymizer: Pseudonymizer) -> None:
    text = "Hope this helps! Will you send it? Grant the request. Hope is all we have. Will is a legal document."
    assert pseudonymizer.pseudonymize(text).entities == []


def test_a_heading_word_before_a_name_is_cut_off_but_places_and_foreign_words_stay() -> None:
    from pseudonym_core.decide.explain import Trace
    from pseudonym_core.decide.types import trim_person_words
    from pseudonym_core.detect.base import Span

    def trimmed(text: str) -> str:
        s = trim_person_words(text, Span(0, len(text), "PERSON", 0.85, "spacy"), Trace())
        return text[s.start : s.end]

    assert trimmed("Annual Hannah Schmidt") == "Hannah Schmidt"
    assert trimmed("Will Hannah Schmidt") == "Will Hannah Schmidt"  # a given name
    assert trimmed("San Pedro Bay") == "San Pedro Bay"  # a place opens with it
    assert trimmed("Taller Paz Hnos") == "Taller Paz Hnos"  # a word of another language


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("References: Tunde Bakare and Will Ashcroft (Monzo).", "Will Ashcroft"),
        ("the approver is Summer Haines, not her deputy", "Summer Haines"),
        # family names that the plain word list also holds, but no dictionary
        ("Mein Kollege Will Jansen (Personalnummer 100482) hat dasselbe Problem.", "Will Jansen"),
        ("Can Will Thornton approve the quote?", "Will Thornton"),
    ],
)
def test_a_word_given_name_before_a_family_name_is_a_person(text: str, name: str) -> None:
    from pseudonym_core.detect.gazetteer import GazetteerDetector

    assert name in [text[s.start : s.end] for s in GazetteerDetector().detect(text) if s.label == "PERSON"]


@pytest.mark.parametrize(
    ("text", "word"),
    [("Will Power and Summer Olympics", "Power"), ("for Summer Olympics", "Olympics"), ("Hope Street", "Street")],
)
def test_a_word_given_name_before_a_word_or_place_is_no_person(text: str, word: str) -> None:
    from pseudonym_core.detect.gazetteer import GazetteerDetector

    at = text.index(word)
    assert not [s for s in GazetteerDetector().detect(text) if s.label == "PERSON" and s.start <= at < s.end]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("  ↳ Nguyễn Thị Thu Hà: còn em nha, ib chị", "Nguyễn Thị Thu Hà"),
        ("chồng mình Võ Đức Thịnh làm ở Vinamilk", "Võ Đức Thịnh"),
        ("NGUYỄN HOÀNG BẢO (Bao Nguyen), Hồ Chí Minh", "NGUYỄN HOÀNG BẢO"),
    ],
)
def test_a_vietnamese_family_name_opens_a_name(text: str, name: str) -> None:
    from pseudonym_core.detect.gazetteer import GazetteerDetector

    assert name in [text[s.start : s.end] for s in GazetteerDetector().detect(text) if s.label == "PERSON"]


def test_vietnamese_family_names_need_vietnamese_text() -> None:
    from pseudonym_core.detect.gazetteer import _vietnamese_spans

    assert _vietnamese_spans("Order a Mai Tai and a Cao Lau at the bar.") == []
    assert _vietnamese_spans("Quận 7, TP. Hồ Chí Minh") == []  # the city, not the man


@pytest.mark.parametrize(
    "text",
    ["Lê đã đi, Phan ở đâu, Lâm ăn cơm", "HỒ SƠ BỆNH ÁN", "Phòng Đào Tạo", "Lưu Ý: nhớ mang", "Hồ Gươm và Lâm Đồng"],
)
def test_vietnamese_words_after_a_family_name_are_no_names(text: str) -> None:
    from pseudonym_core.detect.gazetteer import _vietnamese_spans

    assert _vietnamese_spans(text) == []


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Great news. Grant from the letting agency will meet you on Friday.", "Grant"),
        ("I got a callback from Hope in the executive office at the bank.", "Hope"),
        ("Will's mum Despina is happy to act as guarantor.", "Will"),
        ("The plan is ready. May asked for a printed copy.", "May"),
        ("Thanks for waiting. Rob from the IT team will call you.", "Rob"),
        ("On the other point: Grant in IT said the licence is fine.", "Grant"),
        ("Ask for Faith at the drive-thru, she'll have both bags.", "Faith"),
        ("also ask Will at the Harrogate Farmers Market stall, he knows", "Will"),
        # typed in lower case: the deed in a subject's place
        ("great news, and i hope the move went well. grant from the letting agency will meet you", "grant"),
        ("mr rose will think about it. may asked for a printed copy of the plan.", "may"),
        ("i will email you tonight. hope said it's fine", "hope"),
        ("will's mum despina is happy to act as guarantor", "will"),
    ],
)
def test_a_word_name_that_speaks_belongs_to_a_team_or_has_family_is_a_person(
    pseudonymizer: Pseudonymizer, text: str, word: str
) -> None:
    result = pseudonymizer.pseudonymize(text, session=pseudonymizer.session())
    assert word in [e.text for e in result.entities if e.label == "PERSON"]


@pytest.mark.parametrize(
    "text",
    [
        "In May from the tax office came a letter about the refund.",  # a month, not the one who speaks
        "Georgia said it would reopen the border crossing.",  # a country speaks through its government
        "Will the office at the bank be open on Friday?",  # a question's verb, not a deed
        "Mark the form as urgent and send it to the team.",
        "Customer: thank u so much!! 🙏",  # a chat line a field took whole: only ordinary words and a mark
        "Pay for Faith at the counter is not how it works.",  # no verb of reaching someone before it
        "we got a grant from the arts council office last year",  # lower case: an object, not a subject
        "i may asked him twice already",  # no subject's place
        "will the office at the bank be open on friday?",
        "hope from the start was all we had",
    ],
)
def test_word_names_without_such_a_deed_stay_words(pseudonymizer: Pseudonymizer, text: str) -> None:
    result = pseudonymizer.pseudonymize(text, session=pseudonymizer.session())
    assert [e.text for e in result.entities if e.label == "PERSON"] == []


def test_a_given_name_a_model_read_as_a_season_joins_the_family_name_after_it(pseudonymizer: Pseudonymizer) -> None:
    text = "INC0812261 | 03/06/2025 | Summer Blackwood (sblackwo)  | New starter – no access to ERP"
    result = pseudonymizer.pseudonymize(text, session=pseudonymizer.session())
    assert "Summer Blackwood" in [e.text for e in result.entities if e.label == "PERSON"]


@pytest.mark.parametrize(
    "text",
    [
        "The collections for next year: Spring, Summer, Autumn and Winter.",
        "## Summer rota\n| Week | On call |",  # a Markdown heading opens a sentence
    ],
)
def test_a_known_summer_is_no_season(pseudonymizer: Pseudonymizer, text: str) -> None:
    """A session that knows "Summer Blackwood" masks her "Summer" where a capital says name, but a
    season is capitalised in the names of things, like a month: no evidence of a person."""
    session = pseudonymizer.session()
    pseudonymizer.pseudonymize("Summer Blackwood joined the team on Monday.", session=session)
    assert pseudonymizer.pseudonymize(text, session=session).text == text
    assert "Summer" not in pseudonymizer.pseudonymize("Thanks, Summer!", session=session).text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("part-time 80% per maternità; visto M. Colombo.", "M. Colombo"),  # "Colombo" is Italian for Columbus
        ("Il locatore: G. Russo   I conduttori: F. Colombo – A. Popescu", "F. Colombo"),
        ("Signed J. Brown and K. Grant", "K. Grant"),
    ],
)
def test_an_initial_makes_a_person_of_a_common_word(text: str, name: str) -> None:
    p = Pseudonymizer()
    result = p.pseudonymize(text, session=p.session())
    assert name in [e.text for e in result.entities if e.label == "PERSON"]


@pytest.mark.parametrize(
    ("text", "name", "marker"),
    [
        ("Patiente : Mme Nadia Benali épouse Haddad\nNée le 08/07/1962", "Nadia Benali épouse Haddad", " épouse "),
        ("Frau Anna Müller geb. Schmidt wohnt hier", "Anna Müller geb. Schmidt", " geb. "),
        ("Pani Anna Nowak z domu Kowalska", "Anna Nowak z domu Kowalska", " z domu "),  # "Kowalska" read as a firm
    ],
)
def test_a_married_or_maiden_name_joins_the_name_and_its_marker_stays(text: str, name: str, marker: str) -> None:
    """ "geb. Schmidt" leaked: nobody read the maiden name after its marker."""
    p = Pseudonymizer()
    result = p.pseudonymize(text, session=p.session())
    entity = next(e for e in result.entities if e.text == name)
    assert entity.label == "PERSON" and marker in entity.surrogate
    assert name.split()[-1] not in result.text


def test_nee_before_a_date_is_no_name() -> None:
    p = Pseudonymizer()
    assert "née le 3 mai" in p.pseudonymize("Marie Dupont née le 3 mai", session=p.session()).text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ('The name on the certificate is written "Tran Quoc Bao" without accents.', "Tran Quoc Bao"),
        ("I spoke with Bui Van Hung yesterday.", "Bui Van Hung"),
        ("Contact: Truong Minh Khoa", "Truong Minh Khoa"),
    ],
)
def test_a_vietnamese_name_typed_without_its_marks(text: str, name: str) -> None:
    from pseudonym_core.detect.gazetteer import _vietnamese_ascii_spans

    assert name in [text[s.start : s.end] for s in _vietnamese_ascii_spans(text)]


@pytest.mark.parametrize("text", ["To Be Continued", "Cao Long Street", "Lam Son Hotel", "Ho Chi Minh is busy"])
def test_words_after_a_vietnamese_family_name_typed_without_marks_stay(text: str) -> None:
    from pseudonym_core.detect.gazetteer import _vietnamese_ascii_spans

    assert _vietnamese_ascii_spans(text) == []


def test_a_participants_name_that_opens_a_chat_turn_is_masked(pseudonymizer: Pseudonymizer) -> None:
    text = (
        "[07:05] Dean Campbell: morning all\n[07:06] Hope Mulligan: traffic is awful\n"
        "[07:06] Dean Campbell: Hope, you say that every week lol\n"
        "[07:16] Faith Adebayo: Dean yes that joke is older than my trainers.\n"
        "[07:17] Dean Campbell: Hope you are all well\n[07:18] Hope Mulligan: Will you come?"
    )
    result = pseudonymizer.pseudonymize(text, session=pseudonymizer.session())
    people = [(e.start, e.text) for e in result.entities if e.label == "PERSON"]
    assert (text.index("Hope, you"), "Hope") in people
    assert (text.index("Dean yes"), "Dean") in people
    assert (text.index("Hope you are"), "Hope") not in people  # the verb, though Hope is in the chat
    assert "Will" not in [t for _, t in people]  # no one in the chat is called Will


@pytest.mark.parametrize(
    ("text", "name"),
    [("Takstmann Bjørn-Are Lien fra Crawford", "Bjørn-Are"), ("I met Jean-Pierre Dubois today", "Jean-Pierre Dubois")],
)
def test_a_hyphenated_given_name(text: str, name: str) -> None:
    from pseudonym_core.detect.gazetteer import GazetteerDetector

    assert name in [text[s.start : s.end] for s in GazetteerDetector().detect(text)]


@pytest.mark.parametrize("text", ["Coca-Cola and Rolls-Royce engines", "a state-of-the-art Hewlett-Packard"])
def test_hyphenated_brands_are_no_given_names(text: str) -> None:
    from pseudonym_core.detect.gazetteer import GazetteerDetector

    assert GazetteerDetector().detect(text) == []
