"""The precision and evasion suites parse, are split as their seed says, and transform exactly.

Fast and model-free: these tests guard the benchmark data and the offset bookkeeping of the
evasion transforms, not the engine (the benchmarks score the engine).
"""

from __future__ import annotations

import re
import unicodedata

import phonenumbers
import pytest

from benchmarks.data.precision.split import check as split_check
from benchmarks.evasion_transforms import BY_NAME, GREEK, TRANSFORMS, apply, normalise, variants
from benchmarks.suite_data import (
    EVASION_DIR,
    HALVES,
    PRECISION_DIR,
    load_half,
    protected_occurrences,
    unique_occurrences,
)
from pseudonym_lab.eval.data import KNOWN_LABELS, LabeledSample, parse_marked, split_ignored

SUITES = {"precision": (PRECISION_DIR, "pr", 240), "evasion": (EVASION_DIR, "ev", 120)}


def _samples(suite: str) -> list[LabeledSample]:
    folder = SUITES[suite][0]
    return [s for half in HALVES for s in load_half(folder, half)]


def _sample(marked: str) -> LabeledSample:
    text, spans = parse_marked(marked)
    gold, ignore = split_ignored(spans)
    return LabeledSample("t-1", "evasion", text, gold, {}, ignore)


@pytest.mark.parametrize("suite", SUITES)
def test_suite_parses_with_unique_ids_and_known_labels(suite: str) -> None:
    _, prefix, minimum = SUITES[suite]
    samples = _samples(suite)
    ids = [s.id for s in samples]
    assert len(ids) == len(set(ids)) >= minimum
    assert all(re.fullmatch(rf"{prefix}-\d{{3}}", i) for i in ids)
    assert {s.kind for s in samples} == {suite}
    assert all(s.meta.get("category") for s in samples)
    assert all(g.label in KNOWN_LABELS for s in samples for g in s.spans)
    assert all(s.spans for s in samples), "every text carries at least one gold entity"


@pytest.mark.parametrize("suite", SUITES)
def test_halves_are_the_seeded_stratified_split(suite: str) -> None:
    assert split_check(SUITES[suite][0]) == []
    dev, test = (len(load_half(SUITES[suite][0], h)) for h in HALVES)
    assert abs(dev - test) <= 1


def test_every_protected_word_occurs_unmarked() -> None:
    for s in _samples("precision"):
        occ = protected_occurrences(s)
        assert occ, f"{s.id} has no '# protect:' line"
        missing = [p for p, hits in occ.items() if not hits]
        assert not missing, f"{s.id}: protected phrase(s) {missing} not found outside marked spans"


def test_overlapping_protected_phrases_count_once_longest_first() -> None:
    s = _sample("{{Dana Roe|PERSON}} is on Pro Max, not Pro.")
    s = LabeledSample(s.id, "precision", s.text, s.spans, {"protect": "Pro, Pro Max, Dana"}, [])
    assert [p for p, *_ in unique_occurrences(s)] == ["Pro Max", "Pro"]
    assert protected_occurrences(s)["Dana"] == []  # inside the marked name: not a protected occurrence


def _luhn(digits: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def test_evasion_values_are_valid() -> None:
    """Cards pass Luhn, IBANs mod 97, phones parse as valid numbers: a leak is never a bad-data artefact."""
    for s in _samples("evasion"):
        for g in s.spans:
            value = s.text[g.start : g.end]
            if g.label == "CREDIT_CARD":
                assert _luhn(re.sub(r"\D", "", value)), s.id
            elif g.label == "IBAN_CODE":
                compact = value.replace(" ", "")
                assert int("".join(str(int(c, 36)) for c in compact[4:] + compact[:4])) % 97 == 1, s.id
            elif g.label == "PHONE_NUMBER":
                assert phonenumbers.is_valid_number(phonenumbers.parse(value, None)), s.id


def test_transforms_keep_gold_offsets_exact() -> None:
    """Re-derive every variant from the base text: entities via `entity`, the rest via `context`."""
    samples = _samples("evasion")
    seen = set()
    for base in samples:
        for t in TRANSFORMS:
            v = apply(t, base)
            if v is None:
                continue
            seen.add(t.name)
            assert len(v.spans) == len(base.spans)
            rebuilt, pos = [], 0
            marks = sorted(
                [*zip(base.spans, v.spans, strict=True), *zip(base.ignore, v.ignore, strict=True)],
                key=lambda m: m[0].start,
            )
            for old, new in marks:
                rebuilt.append(t.context(base.text[pos : old.start]))
                original = base.text[old.start : old.end]
                expected = t.entity(original, old.label) if old in base.spans else t.context(original)
                assert v.text[new.start : new.end] == expected, (v.id, old.label)
                assert new.label == old.label
                rebuilt.append(expected)
                pos = old.end
            rebuilt.append(t.context(base.text[pos:]))
            assert "".join(rebuilt) == v.text, v.id
            changed = [
                i
                for i, (o, n) in enumerate(zip(base.spans, v.spans, strict=True))
                if base.text[o.start : o.end] != v.text[n.start : n.end]
            ]
            assert list(v.targets) == (list(range(len(v.spans))) if t.name == "original" else changed)
    assert seen == set(BY_NAME), f"transforms never applicable to the data: {set(BY_NAME) - seen}"


def _forms(marked: str, names: list[str]) -> dict[str, list[str]]:
    s = _sample(marked)
    return {v.transform: [v.text[s.start : s.end] for s in v.spans] for v in variants([s], names)}


def test_name_transforms_write_the_forms_seen_to_leak() -> None:
    forms = _forms("Ask {{John Smith|PERSON}} today.", [t.name for t in TRANSFORMS if t.group in ("name", "case")])
    assert forms["zero_width_space"] == ["J\u200bohn Smith"]
    assert forms["word_joiner"] == ["J\u2060ohn Smith"]
    assert forms["soft_hyphen"] == ["John Sm\u00adith"]
    assert forms["line_break"] == ["John\nSmith"]
    assert forms["nbsp"] == ["John\u00a0Smith"]
    assert forms["uppercase"] == ["JOHN SMITH"] and forms["lowercase"] == ["john smith"]
    assert "title_case" not in forms  # 'John Smith' is already its own title case: no variant
    assert forms["homoglyph_cyrillic"] == ["John Smіth"] and forms["homoglyph_greek"] == ["Jοhn Smith"]
    assert _forms("to {{ronan mcdonagh|PERSON}}", ["title_case"])["title_case"] == ["Ronan Mcdonagh"]


def test_whole_text_transforms_shift_later_offsets() -> None:
    s = _sample("{{José García|PERSON}} and Frau {{Katharina Weiß|PERSON}} paid {{4111 1111 1111 1111|CREDIT_CARD}}.")
    nfd = apply(BY_NAME["nfd"], s)
    upper = apply(BY_NAME["uppercase"], s)
    full = apply(BY_NAME["fullwidth"], s)
    assert nfd and upper and full
    assert nfd.text[nfd.spans[0].start : nfd.spans[0].end] == unicodedata.normalize("NFD", "José García")
    assert nfd.targets == (0,)  # 'Katharina Weiß' has no decomposable letter
    assert upper.text[upper.spans[1].start : upper.spans[1].end] == "KATHARINA WEISS"
    assert upper.text[upper.spans[2].start : upper.spans[2].end] == "4111 1111 1111 1111"
    assert upper.targets == (0, 1)
    assert full.text[full.spans[2].start : full.spans[2].end] == "４１１１ １１１１ １１１１ １１１１"


def test_value_transforms() -> None:
    marked = (
        "Mail {{jsmith84@gmail.com|EMAIL_ADDRESS}}, call {{+33 6 12 34 56 78|PHONE_NUMBER}}, "
        "card {{4111 1111 1111 1111|CREDIT_CARD}}, Amex {{378282246310005|CREDIT_CARD}}, "
        "IBAN {{DE89 3704 0044 0532 0130 00|IBAN_CODE}}."
    )
    f = _forms(marked, [t.name for t in TRANSFORMS if t.group in ("email", "phone", "card", "iban")])
    assert f["email_at_dot"][0] == "jsmith84 at gmail dot com"
    assert f["email_brackets"][0] == "jsmith84 [at] gmail [dot] com"
    assert f["email_parens"][0] == "jsmith84(at)gmail(dot)com"
    assert f["phone_e164"][1] == "+33612345678"
    assert f["phone_national"][1] == "06 12 34 56 78"
    assert f["phone_trunk_zero"][1] == "+33 (0)6-12-34-56-78"
    assert f["phone_00"][1] == "0033 6 12 34 56 78" and f["phone_dots"][1] == "06.12.34.56.78"
    assert "phone_international" not in f  # already in that layout
    assert f["card_dots"][2:4] == ["4111.1111.1111.1111", "3782.822463.10005"]
    assert f["card_plain"][2] == "4111111111111111" and f["card_dashes"][3] == "3782-822463-10005"
    assert f["iban_lower"][4] == "de89370400440532013000"
    assert f["iban_no_spaces"][4] == "DE89370400440532013000"


def test_normalise_folds_evasions_back_to_one_form() -> None:
    plain = normalise("José García", "PERSON")
    for evaded in [
        "J\u200bosé\u00a0García",
        unicodedata.normalize("NFD", "JOSÉ GARCÍA"),
        "Ｊｏｓé Ｇａｒｃíａ",
        "Jos\u00ade\u0301 Garc\u00eda",
        "J" + GREEK["o"] + "sé García",
        "José\nGarcía",
    ]:
        assert normalise(evaded, "PERSON") == plain
    assert normalise("+33 (0)6-12-34-56-78", "PHONE_NUMBER") == "330612345678"
    assert normalise("de89 3704 0044 0532 0130 00", "IBAN_CODE") == "de89370400440532013000"
