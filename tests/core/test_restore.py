"""Replacement by offsets and restoration of every rephrasing form (rules 1, 6, 7)."""

from __future__ import annotations

import asyncio

import pytest

from pseudonym_core import InputError, Pseudonymizer, PseudonymizerConfig
from pseudonym_core.replace.direct import splice
from pseudonym_core.restore import Restorer
from pseudonym_core.vault import MappingRecord


def test_splice_is_offset_based_and_rejects_overlaps() -> None:
    assert splice("Ann wrote the Annual report", [(0, 3, "Eve")]) == "Eve wrote the Annual report"
    assert splice("+1 (555) 010-9999 x", [(0, 17, "N")]) == "N x"
    with pytest.raises(ValueError):
        splice("abcdef", [(0, 3, "x"), (2, 4, "y")])


@pytest.fixture
def person(pseudonymizer: Pseudonymizer):
    s = pseudonymizer.session()
    r = pseudonymizer.pseudonymize(
        "Hannah Schmidt (hannah.schmidt@contoso-mail.de, +44 20 7946 0958, card 4111 1111 1111 1111) lives in Berlin.",
        session=s,
    )
    by = {e.label: e.surrogate for e in r.entities}
    return s, by


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("{full} called.", "Hannah Schmidt called."),
        ("{FULL} CALLED.", "HANNAH SCHMIDT CALLED."),
        ("{lfull} called.", "hannah schmidt called."),
        ("{last}'s file and {last}’s notes.", "Schmidt's file and Schmidt’s notes."),
        ("Ask {first}.", "Ask Hannah."),
        ("Dr. {last} agreed.", "Dr. Schmidt agreed."),
        ("{i}. {last} signed.", "H. Schmidt signed."),
        ("{last}, {first} (file).", "Schmidt, Hannah (file)."),
        ("Mail {email} or {EMAIL}.", "Mail hannah.schmidt@contoso-mail.de or HANNAH.SCHMIDT@CONTOSO-MAIL.DE."),
        ("Call {phone_dashed}.", "Call +44-20-7946-0958."),
        ("Card {card_compact}.", "Card 4111111111111111."),
        ("{last}son and {first}ville are other words.", "{last}son and {first}ville are other words."),
    ],
)
def test_restoration_forms(pseudonymizer: Pseudonymizer, person, template: str, expected: str) -> None:
    s, by = person
    first, last = by["PERSON"].split()
    values = {
        "full": by["PERSON"], "FULL": by["PERSON"].upper(), "lfull": by["PERSON"].lower(), "first": first,
        "last": last, "i": first[0], "email": by["EMAIL_ADDRESS"], "EMAIL": by["EMAIL_ADDRESS"].upper(),
        "phone_dashed": by["PHONE_NUMBER"].replace(" ", "-"), "card_compact": by["CREDIT_CARD"].replace(" ", ""),
    }  # fmt: skip
    answer = template.format(**values)
    assert pseudonymizer.restore(answer, session=s) == expected.format(**values)


def test_stream_restore_matches_whole_restore_for_every_chunking(pseudonymizer: Pseudonymizer, person) -> None:
    s, by = person
    first, last = by["PERSON"].split()
    answer = (
        f"{by['PERSON']} and {last}'s case: {first[0]}. {last}, {last}, {first}. Dr. {last} will call "
        f"{by['PHONE_NUMBER']} and write to {by['EMAIL_ADDRESS']}. {last}son is unrelated."
    )
    whole = pseudonymizer.restore(answer, session=s)
    assert "Hannah" in whole and last not in whole.replace(f"{last}son", "")
    for size in (1, 2, 3, 4, 7, 13):
        chunks = [answer[i : i + size] for i in range(0, len(answer), size)]
        assert "".join(pseudonymizer.restore_stream(chunks, session=s)) == whole


def test_stream_holds_back_only_possible_surrogate_prefixes(pseudonymizer: Pseudonymizer, person) -> None:
    s, by = person
    last = by["PERSON"].split()[1]
    stream = s.stream_restorer()
    assert stream.feed("The weather is fine. ") == "The weather is fine. "
    assert stream.feed(f"Ask {last[:2]}") == "Ask "  # could still become the surrogate
    assert stream.feed(last[2:] + ",") == ""  # "<last>," may still become "<last>, <first>"
    assert stream.feed(" now") == "Schmidt, now"
    assert stream.flush() == ""


async def test_async_twins(pseudonymizer: Pseudonymizer) -> None:
    s = pseudonymizer.session()
    r = await pseudonymizer.apseudonymize("Hannah Schmidt lives in Berlin.", session=s)
    assert "Hannah" not in r.text
    assert await pseudonymizer.arestore(r.text, session=s) == "Hannah Schmidt lives in Berlin."

    async def chunks():
        for i in range(0, len(r.text), 3):
            await asyncio.sleep(0)
            yield r.text[i : i + 3]

    out = [piece async for piece in pseudonymizer.arestore_stream(chunks(), session=s)]
    assert "".join(out) == "Hannah Schmidt lives in Berlin." and len(out) > 1


def test_lowercase_surrogates_restore_unless_they_are_plain_english_words(pseudonymizer: Pseudonymizer) -> None:
    """Rule 6 says any case; the exception is a name that is also a word ("fox" the animal)."""
    s = pseudonymizer.session()
    r = pseudonymizer.pseudonymize("Hannah Schmidt called.", session=s)
    first = r.entities[0].surrogate.split()[0]
    assert pseudonymizer.restore(f"ask {first.lower()} today", session=s) == "ask hannah today"
    legacy = Restorer([MappingRecord("Hannah", "Fox", "PERSON", "component")], set())
    assert legacy.restore("Fox said the fox ran") == "Hannah said the fox ran"


def test_structured_values_and_bad_input(pseudonymizer: Pseudonymizer) -> None:
    s = pseudonymizer.session()
    args = {"customer": "Hannah Schmidt", "tags": ["vip", "Berlin"], "count": 3}
    out = pseudonymizer.pseudonymize_obj(args, session=s)
    assert out["count"] == 3 and out["tags"][0] == "vip" and "Hannah" not in str(out)
    assert pseudonymizer.restore_obj(out, session=s) == args
    with pytest.raises(InputError):
        pseudonymizer.pseudonymize(b"bytes are not text")  # type: ignore[arg-type]
    with pytest.raises(InputError):
        pseudonymizer.restore("text", session=None)  # type: ignore[arg-type]


def test_pseudonymizing_is_idempotent_by_default(pseudonymizer: Pseudonymizer) -> None:
    """Text that was already pseudonymized (a transformed RAG chunk) passes through unchanged."""
    s = pseudonymizer.session()
    once = pseudonymizer.pseudonymize("Hannah Schmidt (hannah.schmidt@contoso-mail.de) lives in Berlin.", session=s)
    twice = pseudonymizer.pseudonymize(once.text, session=s)
    assert twice.text == once.text and twice.entities == []
    assert (
        pseudonymizer.restore(twice.text, session=s)
        == "Hannah Schmidt (hannah.schmidt@contoso-mail.de) lives in Berlin."
    )


def test_remask_mode_keeps_restoration_a_bijection() -> None:
    """A later text that literally contains an earlier surrogate must not be restored to the wrong person."""
    pseudonymizer = Pseudonymizer(PseudonymizerConfig(surrogates_in_input="remask"))
    s = pseudonymizer.session()
    first = pseudonymizer.pseudonymize("Hannah Schmidt called.", session=s)
    fake = first.entities[0].surrogate
    text = f"Also, a customer really named {fake} wrote in."
    second = pseudonymizer.pseudonymize(text, session=s)
    assert pseudonymizer.restore(second.text, session=s) == text
    assert pseudonymizer.restore(first.text, session=s) == "Hannah Schmidt called."


def test_initial_forms_for_last_first_names_and_shared_surnames(pseudonymizer: Pseudonymizer) -> None:
    """'Bianchi, Giulia' answers as 'G. Bianchi'; 'J. Smith' never borrows Alice Smith's initial."""
    for _ in range(10):
        s = pseudonymizer.session()
        r = pseudonymizer.pseudonymize("Signed: Bianchi, Giulia. Alice Smith met J. Smith.", session=s)
        by = {e.text: e.surrogate for e in r.entities}
        last, first = (w.strip() for w in by["Bianchi, Giulia"].split(","))
        alice = by["Alice Smith"].split()
        answer = f"{first[0]}. {last} wrote; {alice[0][0]}. {alice[-1]} and {by['J. Smith']} replied."
        assert pseudonymizer.restore(answer, session=s) == "G. Bianchi wrote; A. Smith and J. Smith replied."


def test_stream_restorer_can_escape_restored_originals() -> None:
    """Restoring into a streamed JSON string must keep the JSON valid when an original has quotes."""
    import json

    p = Pseudonymizer(PseudonymizerConfig(detectors=["patterns"], deny_list={"ORGANIZATION": ['Acme "Best" Ltd']}))
    s = p.session()
    surrogate = p.pseudonymize('We buy from Acme "Best" Ltd.', session=s).entities[0].surrogate
    args = json.dumps({"vendor": surrogate, "note": 'say "hi"'})
    stream = s.stream_restorer(escape=lambda v: json.dumps(v)[1:-1])
    out = "".join(stream.feed(args[i : i + 3]) for i in range(0, len(args), 3)) + stream.flush()
    assert json.loads(out) == {"vendor": 'Acme "Best" Ltd', "note": 'say "hi"'}


@pytest.mark.parametrize("surrogate", ["+44 20 7946 0958", "+1 312 555 0144", "+49 30 7654321"])
def test_international_plus_is_part_of_a_restored_number(surrogate: str) -> None:
    """A surrogate whose digit count or grouping differs from the original's (an LLM generator may
    produce one) must come back as the original, once, with a single "+" — whole or streamed."""
    from pseudonym_core.restore.stream import StreamRestorer

    original = "+49 30 1234567"
    r = Restorer([MappingRecord(original, surrogate, "PHONE_NUMBER", "entity")], set())
    for written in (surrogate, surrogate.lstrip("+"), f"({surrogate})"):
        text = f"call {written}."
        expected = f"call {original}." if "(" not in written else f"call ({original})."
        assert r.restore(text) == expected
        for size in (1, 2, 5):
            stream = StreamRestorer(lambda: r)
            out = "".join(stream.feed(text[i : i + size]) for i in range(0, len(text), size)) + stream.flush()
            assert out == expected, size


def test_a_one_word_surrogate_never_equals_a_word_of_the_text() -> None:
    """Found in the framework table: an age tagged as a place got the random surrogate "14" while the
    text also said "#14", and restoring turned "#14" into the original. Every other two-digit number
    is in this text, so any clashing draw would show."""
    p = Pseudonymizer(PseudonymizerConfig(detectors=["patterns"], deny_list={"LOCATION": ["29"]}))
    text = "Codes " + " ".join(str(n) for n in range(10, 100) if n != 29) + " and room 29."
    for _ in range(10):
        s = p.session()
        r = p.pseudonymize(text, session=s)
        surrogate = next(e.surrogate for e in r.entities if e.text == "29")
        assert surrogate not in text.split()
        assert p.restore(r.text, session=s) == text
