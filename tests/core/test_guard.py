"""The outgoing guard (rule 14): originals that slipped into a payload are masked, or refused in strict
mode, whatever their case, Unicode form, invisible characters, look-alike letters or digit layout."""

from __future__ import annotations

import json

import pytest

from pseudonym_core import LeakError, OutgoingGuard, Pseudonymizer, PseudonymizerConfig

SOURCE = (
    "Mark Novak (mark.novak@contoso.com, phone +1 415 555 0100, IBAN DE89 3704 0044 0532 0130 00, "
    "card 4111 1111 1111 1111) lives at 12 Baker Street, London NW1 6XE."
)


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
    "slipped",
    [
        "Mark Novak",
        "mark novak",
        "NOVAK",
        "Ｍａｒｋ Ｎｏｖａｋ",  # fullwidth
        "No\u200bvak",  # zero-width space inside the word
        "Mark\u200bNovak",  # zero-width space as the separator
        "No\u00advak",  # soft hyphen
        "N\u043evak",  # Cyrillic "о"
        "mark.novak@contoso.com",
        "MARK.NOVAK@CONTOSO.COM",
        "4155550100",
        "(415) 555-0100",
        "+1.415.555.0100",
        "de89370400440532013000",
        "4111.1111.1111.1111",
        "Baker Street",
        "12 Baker Street",
    ],
)
def test_every_disguise_of_an_original_is_masked(known, slipped: str) -> None:
    p, s, _ = known
    payload = f"Context for the model: {slipped} (from a tool output)."
    masked = p.guard(payload, s)
    assert masked != payload
    assert masked.startswith("Context for the model: ") and masked.endswith(" (from a tool output).")
    assert p.guard(masked, s) == masked  # what the guard writes is the session's own surrogate
    with pytest.raises(LeakError):
        p.guard(payload, s, strict=True)


def test_masks_with_the_sessions_surrogates_so_restoring_gives_the_originals_back(known) -> None:
    p, s, by = known
    masked = p.guard("Write to Mark Novak at +1 415 555 0100 about the card 4111 1111 1111 1111.", s)
    assert by["PERSON"] in masked and by["PHONE_NUMBER"] in masked and by["CREDIT_CARD"] in masked
    assert p.restore(masked, s) == "Write to Mark Novak at +1 415 555 0100 about the card 4111 1111 1111 1111."
    compact = p.guard("call 4155550100", s)
    assert compact == "call " + "".join(c for c in by["PHONE_NUMBER"] if c.isdigit())[1:]


@pytest.mark.parametrize(
    "innocent",
    [
        "Mark my words: the Annual report is due.",  # "Mark" is an English word in lower-case use… and
        "Novakovic and Bakery Street are other words.",  # …longer words only contain an original
        "Reference 41555501009 is another number.",  # a longer digit run
    ],
)
def test_innocent_text_is_left_alone(known, innocent: str) -> None:
    p, s, _ = known
    assert p.guard(innocent.replace("Mark my", "mark my"), s) == innocent.replace("Mark my", "mark my")


def test_pseudonymized_text_passes_unchanged(known) -> None:
    p, s, _ = known
    text = p.pseudonymize(SOURCE, session=s).text
    assert p.guard(text, s, strict=True) == text


def test_strict_error_names_counts_and_types_never_originals(known) -> None:
    p, s, _ = known
    with pytest.raises(LeakError) as info:
        p.guard({"messages": [{"content": "Mark Novak, 4155550100"}]}, s, strict=True)
    message = str(info.value)
    assert "2 original value(s)" in message and "PERSON" in message and "PHONE_NUMBER" in message
    assert "Novak" not in message and "415" not in message and "Novak" not in repr(info.value)
    assert sorted(info.value.labels) == ["PERSON", "PHONE_NUMBER"]


def test_structured_payloads_keep_their_shape(known) -> None:
    p, s, by = known
    payload = {
        "model": "gpt",
        "messages": [{"role": "user", "content": "Hi Mark Novak"}],
        "tools": ({"name": "lookup", "description": "finds Novak's orders"},),
        "Mark Novak": 4155550100,
        "raw": b"Baker Street",
        "n": 3,
        "flag": True,
    }
    masked = p.guard(payload, s)
    assert masked["model"] == "gpt" and masked["n"] == 3 and masked["flag"] is True
    assert masked["messages"][0]["content"] == f"Hi {by['PERSON']}"
    assert isinstance(masked["tools"], tuple) and "Novak" not in masked["tools"][0]["description"]
    assert by["PERSON"] in masked and isinstance(masked[by["PERSON"]], int)
    assert b"Baker" not in masked["raw"]
    dumped = json.dumps({k: v for k, v in payload.items() if k != "raw"})
    assert "Novak" not in p.guard(dumped, s) and json.loads(p.guard(dumped, s))


def test_json_escaped_originals_are_found(known) -> None:
    p, s, by = known
    body = json.dumps({"content": "Dear Mark Novak"}).replace("Novak", "Nov\\u0061k")
    masked = p.guard(body, s)
    assert "Nov\\u0061k" not in masked and json.loads(masked)["content"].endswith(by["PERSON"].split()[-1])


def test_maskings_are_counted_and_new_mappings_are_seen_at_once(known) -> None:
    p, s, _ = known
    guard = OutgoingGuard(s)
    assert guard.scan("Contact julia.weber@example.org") == []
    p.pseudonymize("Mail julia.weber@example.org.", session=s)  # a mapping learned after the guard was made
    leaks = guard.scan("Contact julia.weber@example.org")
    assert [(lk.start, lk.end, lk.label) for lk in leaks] == [(8, 31, "EMAIL_ADDRESS")]
    guard.check("julia.weber@example.org")
    assert s.stats.snapshot()["guard masked EMAIL_ADDRESS"] == 1
    assert "julia" not in repr(leaks[0])


def test_short_names_are_not_found_in_markup() -> None:
    p = Pseudonymizer(PseudonymizerConfig(detectors=["patterns"], deny_list={"PERSON": ["Li Wei"]}))
    s = p.session()
    p.pseudonymize("Li Wei called.", session=s)
    assert p.guard("<ul><li>item</li></ul>", s, strict=True) == "<ul><li>item</li></ul>"
    assert "Li " not in p.guard("Li said so", s)
