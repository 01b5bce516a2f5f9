"""Known values in any format (issue 11, item 3): a phone, IBAN or card the session knows, written
another way, gets the same surrogate on the way out and the original back on the way in; the parts of
an address surrogate restore alone."""

from __future__ import annotations

import pytest

from pseudonym_core import Pseudonymizer, PseudonymizerConfig
from pseudonym_core.restore import Restorer
from pseudonym_core.vault import MappingRecord

SOURCE = (
    "Mark Novak (phone +1 415 555 0100, IBAN DE89 3704 0044 0532 0130 00, card 4111 1111 1111 1111) "
    "lives at 12 Baker Street, London NW1 6XE."
)


def _alnum(text: str) -> str:
    return "".join(c for c in text if c.isalnum()).upper()


@pytest.fixture
def known():
    p = Pseudonymizer(
        PseudonymizerConfig(
            detectors=["patterns"],
            deny_list={"PERSON": ["Mark Novak"], "LOCATION": ["12 Baker Street, London NW1 6XE"]},
        )
    )
    s = p.session()
    r = p.pseudonymize(SOURCE, session=s)
    return p, s, {e.label: e.surrogate for e in r.entities}


@pytest.mark.parametrize(
    ("label", "written"),
    [
        ("PHONE_NUMBER", "+14155550100"),
        ("PHONE_NUMBER", "+1 (415) 555-0100"),
        ("PHONE_NUMBER", "+1.415.555.0100"),
        ("IBAN_CODE", "DE89370400440532013000"),
        ("IBAN_CODE", "de89 3704 0044 0532 0130 00"),
        ("CREDIT_CARD", "4111111111111111"),
        ("CREDIT_CARD", "4111.1111.1111.1111"),
        ("CREDIT_CARD", "4111-1111-1111-1111"),
    ],
)
def test_a_known_value_in_another_format_gets_the_same_surrogate(known, label: str, written: str) -> None:
    p, s, by = known
    before = len(s)
    r = p.pseudonymize(f"Again: {written} is the one.", session=s)
    [entity] = r.entities
    assert entity.label == label and entity.text == written
    assert _alnum(entity.surrogate) == _alnum(by[label])  # one surrogate per account, not two
    assert len(entity.surrogate) == len(written)  # laid out like the occurrence
    assert len(s) == before  # no new mapping
    assert p.restore(r.text, session=s) == f"Again: {written} is the one."


def test_the_sessions_own_surrogate_in_another_format_is_kept(known) -> None:
    p, s, by = known
    for written in (
        "".join(c for c in by["PHONE_NUMBER"] if c.isdigit() or c == "+"),
        by["CREDIT_CARD"].replace(" ", "."),
    ):
        r = p.pseudonymize(f"Earlier answer: {written}.", session=s)
        assert r.entities == [] and r.text == f"Earlier answer: {written}."


def test_a_phone_known_by_its_local_part_matches_the_whole_number() -> None:
    """Only "555 0199" was detected in "+353 1 555 0199"; the number later comes back whole."""
    p = Pseudonymizer(PseudonymizerConfig(detectors=["patterns"], deny_list={"PHONE_NUMBER": ["555 0199"]}))
    s = p.session()
    local = p.pseudonymize("Call 555 0199 today.", session=s).entities[0].surrogate
    r = p.pseudonymize("Call +35315550199 today.", session=s)
    assert r.text == f"Call +3531{_alnum(local)} today."
    assert p.restore(r.text, session=s) == "Call +35315550199 today."
    assert p.restore(f"Call +353 1 {local} or +3531{_alnum(local)}.", session=s) == (
        "Call +353 1 555 0199 or +35315550199."
    )


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("{compact}", "+35315550199"),
        ("{dotted}", "+353.1.555.0199"),
        ("{national}", "015550199"),
        ("00{intl}", "0035315550199"),
    ],
)
def test_a_reformatted_surrogate_restores_in_the_models_layout(written: str, expected: str) -> None:
    surrogate = "+353 1 823 4471"
    r = Restorer([MappingRecord("+353 1 555 0199", surrogate, "PHONE_NUMBER", "entity")])
    digits = "".join(c for c in surrogate if c.isdigit())
    text = written.format(
        compact="+" + digits, dotted=surrogate.replace(" ", "."), national="0" + digits[3:], intl=digits
    )
    assert r.restore(f"Call {text} now.") == f"Call {expected} now."


def test_address_parts_restore_alone(known) -> None:
    p, s, by = known
    address = by["LOCATION"]  # e.g. "37 Rangel Street, Weber NW7 5XE"
    street_part, rest = address.split(", ")
    number, street = street_part.split(" ", 1)
    city, postcode = rest.split(" ", 1)
    answer = f"{street} is busy; {street_part} has a blue door; {city} is far; {postcode} is right; house {number}."
    assert p.restore(answer, session=s) == (
        f"Baker Street is busy; 12 Baker Street has a blue door; London is far; NW1 6XE is right; house {number}."
    )


def test_address_parts_need_a_layout_kept_token_for_token() -> None:
    from pseudonym_core.restore.forms import address_parts

    assert address_parts("12 Baker Street, London", "47 Dyer Street, Hudson") == [
        ("Dyer Street", "Baker Street"),
        ("47 Dyer Street", "12 Baker Street"),
        ("Hudson", "London"),
    ]
    assert address_parts("12 Baker Street, London", "Flat 3, 9 Elm Road, Leeds") == []  # an LLM-made shape


def test_a_house_number_never_restores_alone() -> None:
    """Seen in a 275-row batch: "313" (the house number of one address's surrogate) restored
    inside a phone number and another address written in clear. Without a street word the number
    opening an address restores only with the name after it; postcodes still restore alone."""
    from pseudonym_core.restore.forms import address_parts

    parts = dict(address_parts("855 Williams, Ericview 75009", "313 Barove, Blick 69002"))
    assert "313" not in parts and parts["313 Barove"] == "855 Williams"
    assert parts["69002"] == "75009" and parts["Blick"] == "Ericview"
    assert dict(address_parts("12 Baker Street, London", "47 Dyer Street, Hudson")).get("47") is None


def test_an_address_surrogate_whose_postcode_is_a_word_of_the_texts_is_drawn_again() -> None:
    """A postcode restores alone, so (rule 4) it must not be a number some text contains."""
    from pseudonym_core.surrogate.base import Generated

    p = Pseudonymizer(detectors=[], deny_list={"LOCATION": ["9 Elm Road, Leeds 75009"]})
    s = p.session()
    s.note_words("Invoice 69002 is paid.")
    drawn = iter(["4 Oak Road, Hudson 69002", "4 Oak Road, Hudson 31337"])

    def generate(label: str, original: str, ctx: object) -> Generated:
        return Generated(next(drawn), [])

    surrogate, _ = s.surrogate_for("LOCATION", "9 Elm Road, Leeds 75009", generate)
    assert surrogate == "4 Oak Road, Hudson 31337"
    assert p.restore("Invoice 69002 is paid.", session=s) == "Invoice 69002 is paid."
