"""A record number is replaced whole: a number recognizer's span inside a longer code ("624-" before a
ten-digit run that looks like a tax number, "ČD-EJ-" before a phone-like "2025-447182") grows over the
code, nothing of it reaches the model, and the whole code comes back on restore."""

from __future__ import annotations

import pytest

from pseudonym_core import Pseudonymizer
from pseudonym_core.decide.codes import whole_codes
from pseudonym_core.decide.explain import Trace
from pseudonym_core.detect.base import Span


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Bilet numaraları: 624-2190488731, 624-2190488732", "624-2190488731"),
        ("Potvrzení reklamace – číslo dokladu ČD-EJ-2025-447182", "ČD-EJ-2025-447182"),
        ("已为您提交，改签单号GQ20250328-5519。费用将从您绑定的信用卡扣款", "GQ20250328-5519"),
        ("Raccomandata A/R n. 15083311742-6 e a mezzo PEC", "15083311742-6"),
    ],
)
def test_code_replaced_whole_and_restored(pseudonymizer: Pseudonymizer, text: str, code: str) -> None:
    sess = pseudonymizer.session()
    out = pseudonymizer.pseudonymize(text, session=sess)
    assert code in [e.text for e in out.entities]
    for part in code.replace("/", "-").split("-"):
        assert len(part) < 3 or part not in out.text
    assert pseudonymizer.restore(out.text, session=sess) == text


def _grow(text: str, value: str, label: str) -> str:
    start = text.index(value)
    (grown,) = whole_codes(text, [Span(start, start + len(value), label, 0.8, "test")], Trace(), lambda _: True)
    return f"{grown.label}:{text[grown.start : grown.end]}"


def test_growth_stops_at_scripts_paths_and_phone_groups() -> None:
    # a Chinese sentence runs into the code without a space; it is not part of it
    assert _grow("单号GQ20250328-5519。", "20250328-5519", "PHONE_NUMBER") == "IDENTIFIER:GQ20250328-5519"
    # an API path's words are no part of the record number
    assert _grow("GET /v2/employees/88213 → 200", "88213", "IDENTIFIER") == "IDENTIFIER:88213"
    # a country code glued to a phone is the phone's own grouping
    assert _grow("call 1-555-0100 now", "555-0100", "PHONE_NUMBER") == "PHONE_NUMBER:555-0100"
    # free text and exact values are never grown
    assert _grow("Jean-Luc-Picard", "Luc", "PERSON") == "PERSON:Luc"
    # a sentence's full stop is no joiner, with or without a space after it
    assert _grow("ref AB-1234. Next", "AB-1234", "IDENTIFIER") == "IDENTIFIER:AB-1234"
    assert _grow("Call 555-0100.OK thanks", "555-0100", "PHONE_NUMBER") == "PHONE_NUMBER:555-0100"
    # a timestamp around a mistaken hit stays as it is
    assert _grow("Timestamp 2024-11-02T08:15 recorded", "02T08", "TR_LICENSE_PLATE") == "TR_LICENSE_PLATE:02T08"
    # a user's own pattern keeps its edges and its label
    assert _grow("See PRJ-1234-ALPHA now.", "PRJ-1234", "PROJECT").startswith("IDENTIFIER")  # source "test"
    start = "See PRJ-1234-ALPHA now.".index("PRJ")
    user = Span(start, start + 8, "PROJECT", 1.0, "custom:project")
    assert whole_codes("See PRJ-1234-ALPHA now.", [user], Trace(), lambda _: True) == [user]


def test_growth_respects_the_configured_entity_types() -> None:
    text = "Ref ČD-EJ-2025-447182 here"
    start = text.index("2025")
    span = Span(start, start + 11, "PHONE_NUMBER", 0.8, "pattern:phone")
    assert whole_codes(text, [span], Trace(), lambda label: label != "IDENTIFIER") == [span]


def test_one_long_code_with_many_hits_costs_a_single_pass() -> None:
    import time

    text = "Tickets: " + "-".join(["2190488731"] * 5000)
    spans = [Span(m, m + 10, "ZA_INCOME_TAX_NUMBER", 0.5, "pattern:za") for m in range(9, len(text), 11)]
    began = time.process_time()
    out = whole_codes(text, spans, Trace(), lambda _: True)
    assert time.process_time() - began < 3.0  # quadratic growth took 30 s and more here
    assert all(s.label == "IDENTIFIER" and (s.start, s.end) == (9, len(text)) for s in out)


def test_a_code_found_whole_keeps_its_label(pseudonymizer: Pseudonymizer) -> None:
    out = pseudonymizer.pseudonymize("Ghana Card: GHA-721004815-3 was provided.")
    assert ("GHA-721004815-3", "NATIONAL_ID") in [(e.text, e.label) for e in out.entities]
