"""Checks that the hand-written gold set is well-formed, varied and internally valid.

A benchmark is only as good as its gold data: these tests catch markup mistakes (titles or
possessives inside spans, stray braces), invalid identifiers (a card number failing Luhn would
make a missed detection look like an engine bug) and a set that drifts towards one culture.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from pseudonym_lab.eval.data import (
    KINDS,
    KNOWN_LABELS,
    GoldSpan,
    LabeledSample,
    handwritten_path,
    load_marked,
    parse_marked,
)

TITLES = ("mr", "mrs", "ms", "dr", "dra", "prof", "mme", "herr", "frau", "sir")


@pytest.fixture(scope="module")
def samples() -> list[LabeledSample]:
    return load_marked(handwritten_path())


def _ents(samples: list[LabeledSample], label: str | None = None) -> list[str]:
    return [s.text[g.start : g.end] for s in samples for g in s.spans if label in (None, g.label)]


def test_parse_marked_computes_offsets() -> None:
    text, spans = parse_marked("Hi {{Ann|PERSON}}, meet {{Bob Lee|PERSON}} in {{Köln|LOCATION}}.")
    assert text == "Hi Ann, meet Bob Lee in Köln."
    assert spans == [GoldSpan(3, 6, "PERSON"), GoldSpan(13, 20, "PERSON"), GoldSpan(24, 28, "LOCATION")]


def test_load_marked_reads_header_meta_and_body(tmp_path: Path) -> None:
    f = tmp_path / "x.txt"
    f.write_text("# a-1: email\n# cultures: de, fr\nDear {{Jo|PERSON}},\nbye\n---\n# a-2: travel\nNo PII.\n")
    a, b = load_marked(f)
    assert (a.id, a.kind, a.meta, a.text) == ("a-1", "email", {"cultures": "de, fr"}, "Dear Jo,\nbye")
    assert a.spans == [GoldSpan(5, 7, "PERSON")]
    assert (b.id, b.text, b.spans) == ("a-2", "No PII.", [])


def test_load_marked_rejects_block_without_header(tmp_path: Path) -> None:
    f = tmp_path / "bad.txt"
    f.write_text("Dear {{Jo|PERSON}}\n")
    with pytest.raises(ValueError, match="id: kind"):
        load_marked(f)


def test_size_ids_kinds(samples: list[LabeledSample]) -> None:
    assert len(samples) >= 50
    assert len({s.id for s in samples}) == len(samples)
    assert {s.kind for s in samples} == KINDS
    assert sum(1 for s in samples if not s.spans) >= 3, "need texts with no PII at all"


def test_markup_fully_consumed_and_labels_known(samples: list[LabeledSample]) -> None:
    for s in samples:
        assert "{{" not in s.text and "}}" not in s.text, s.id
        for g in s.spans:
            assert g.label in KNOWN_LABELS, (s.id, g.label)


def test_spans_are_clean(samples: list[LabeledSample]) -> None:
    for s in samples:
        prev_end = -1
        for g in sorted(s.spans, key=lambda g: g.start):
            ent = s.text[g.start : g.end]
            assert g.start >= prev_end, f"{s.id}: overlapping gold spans"
            prev_end = g.end
            assert ent == ent.strip(), s.id
            assert not ent.endswith(("'s", "’s")), f"{s.id}: possessive inside span"
            if g.label == "PERSON":
                first = ent.split()[0].rstrip(".").lower()
                assert first not in TITLES or len(ent.split()) == 1, f"{s.id}: title inside span"


def _scripts(text: str) -> set[str]:
    return {unicodedata.name(c, "?").split()[0] for c in text if c.isalpha()}


def test_cultures_and_scripts(samples: list[LabeledSample]) -> None:
    cultures = {c.strip() for s in samples for c in s.meta.get("cultures", "").split(",")}
    assert len(cultures - {"", "none", "en"}) >= 8
    scripts = set().union(*(_scripts(e) for e in _ents(samples, "PERSON")))
    assert {"CYRILLIC", "CJK", "HANGUL", "ARABIC"} <= scripts


def test_hard_name_forms_present(samples: list[LabeledSample]) -> None:
    persons = _ents(samples, "PERSON")
    assert sum(1 for p in persons if p == p.lower()) >= 5, "lowercase chat names"
    assert any("," in p for p in persons), "'Smith, John' form"
    assert any(len(p.split()[0]) == 2 and p.split()[0].endswith(".") for p in persons), "'J. Smith' form"
    repeated = [s.id for s in samples if any(n > 1 for n in Counter(_ents([s], "PERSON")).values())]
    assert len(repeated) >= 3, "repeated mentions"
    single_token = [p for p in persons if " " not in p and "," not in p]
    assert len(single_token) >= 30, "surname-only / first-name-only mentions"


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def _iban_ok(iban: str) -> bool:
    s = iban.replace(" ", "")
    moved = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1


def test_identifiers_are_valid(samples: list[LabeledSample]) -> None:
    cards = _ents(samples, "CREDIT_CARD")
    ibans = _ents(samples, "IBAN_CODE")
    ssns = _ents(samples, "US_SSN")
    assert len(cards) >= 4 and len(ibans) >= 4 and len(ssns) >= 2
    for c in cards:
        assert _luhn_ok("".join(ch for ch in c if ch.isdigit())), "card fails Luhn"
    for i in ibans:
        assert _iban_ok(i), "IBAN fails mod-97"
    for n in ssns:
        d = n.replace("-", "")
        assert d[:3] not in ("000", "666") and d[0] != "9" and d[3:5] != "00" and d[5:] != "0000"
        assert d not in ("123456789", "078051120")


def test_luhn_and_iban_checks_reject_bad_values() -> None:
    assert not _luhn_ok("4111111111111112")
    assert not _iban_ok("DE89370400440532013001")


def test_innocent_name_like_words_stay_unlabeled(samples: list[LabeledSample]) -> None:
    text_by_id = {s.id: s for s in samples}
    s = text_by_id["hw-019"]
    annual = s.text.index("Annual")
    assert not any(g.start <= annual < g.end for g in s.spans)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[LabeledSample], Path]:
    pytest.importorskip("presidio_evaluator")
    from pseudonym_lab.eval.generated import load_or_generate

    cache = tmp_path_factory.mktemp("gen")
    return load_or_generate(150, 11, cache), cache


def test_generated_set_is_labeled_with_engine_labels(generated: tuple[list[LabeledSample], Path]) -> None:
    samples, _ = generated
    assert len(samples) == 150
    labels = Counter(g.label for s in samples for g in s.spans)
    assert labels["PERSON"] > 30 and labels["LOCATION"] > 30
    assert set(labels) <= KNOWN_LABELS
    for s in samples:
        assert "\\n" not in s.text, "template escapes must become real newlines"
        for g in [*s.spans, *s.ignore]:
            ent = s.text[g.start : g.end]
            assert ent and ent == ent.strip() and g.detail
    assert any(g.detail == "nationality" for s in samples for g in s.ignore)


def test_generated_set_is_reproducible_and_cached(generated: tuple[list[LabeledSample], Path]) -> None:
    from pseudonym_lab.eval.generated import generate, load_or_generate

    samples, cache = generated
    assert len(list(cache.glob("*.jsonl"))) == 1
    again = generate(150, 11)
    assert [(s.text, s.spans) for s in again] == [(s.text, s.spans) for s in samples]
    cached = load_or_generate(150, 11, cache)
    assert [(s.text, s.spans, s.ignore, s.meta) for s in cached] == [
        (s.text, s.spans, s.ignore, s.meta) for s in samples
    ]
    assert [g.detail for s in cached for g in s.spans] == [g.detail for s in samples for g in s.spans]


def test_generated_slots_follow_the_gold_conventions() -> None:
    pytest.importorskip("presidio_evaluator")
    from pseudonym_lab.eval.generated import _rebuild

    raw = "To Mr. Dr. Ann Lee MD at the corner of Elm St and Oak Ave, Kent nan!"
    slots = [(3, 21, "name"), (25, 57, "address"), (59, 67, "city")]
    text, spans = _rebuild(raw, slots)
    assert text == "To Ann Lee at the corner of Elm St and Oak Ave, Kent!"
    assert [text[a:b] for a, b, _ in spans] == ["Ann Lee", "Elm St", "Oak Ave", "Kent"]
    assert [s for _, _, s in spans] == ["name", "address", "address", "city"]


def test_smaller_set_is_served_from_a_larger_cache(generated: tuple[list[LabeledSample], Path]) -> None:
    from pseudonym_lab.eval.generated import load_or_generate

    samples, cache = generated
    small = load_or_generate(40, 11, cache)
    assert [(s.id, s.text, s.spans) for s in small] == [(s.id, s.text, s.spans) for s in samples[:40]]
    assert len(list(cache.glob("*.jsonl"))) == 1, "no second cache file for a prefix"
