"""Long texts (issue 10, item 5): bounded pieces for the models, the chunked document API, and
the size limit. Speed and memory figures live in benchmarks/scale.py, not here."""

from __future__ import annotations

import pytest

from pseudonym_core import CustomRecognizer, InputTooLargeError, Pseudonymizer, PseudonymizerConfig
from pseudonym_core.detect.pieces import pieces, safe_cut

#: A name that only a user rule finds, and only after "agent".
LATE_NAME = "Zorblax"


def _doc(parts: int = 12) -> str:
    people = ["Amelia Hartwell", "Jonas Eberhardt", "Priya Raghunathan", "Tomasz Wierzbicki"]
    out = []
    for i in range(parts):
        a, b = people[i % 4], people[(i + 1) % 4]
        out.append(
            f"Meeting {i}: {a} asked {b.split()[0]} to send the contract to {b.split()[1]} by Friday. "
            f"Write to {a.split()[0].lower()}.{a.split()[1].lower()}@example.org or call +1 415 555 01{i:02d}.\n"
            f"The room was booked, the coffee was cold, and the agenda was long as usual.\n\n"
        )
    return "".join(out)


def test_pieces_cover_the_text_in_bounded_safe_pieces() -> None:
    text = _doc(40)
    got = list(pieces(text, 500))
    assert "".join(p for _, p in got) == text
    assert [off for off, _ in got] == [sum(len(p) for _, p in got[:i]) for i in range(len(got))]
    assert all(len(p) <= 500 for _, p in got)
    assert all(p.endswith("\n") for _, p in got[:-1])  # line breaks exist in every window


def test_cut_prefers_sentence_ends_and_never_splits_a_title_from_its_name() -> None:
    sentence = "We wrote to Mr. Hartwell about it. "
    text = sentence * 40
    for hi in range(120, len(text), 37):
        cut = safe_cut(text, 0, hi)
        assert 0 < cut <= hi
        assert text[:cut].endswith("about it. ")


def test_cut_falls_back_to_spaces_then_anywhere() -> None:
    words = "lorem ipsum dolor sit amet " * 50
    cut = safe_cut(words, 0, 300)
    assert words[cut - 1] == " " and cut > 150
    blob = "QUJD" * 1000
    assert list(pieces(blob, 1000)) == [(i, blob[i : i + 1000]) for i in range(0, 4000, 1000)]
    with pytest.raises(ValueError):
        list(pieces("abc", 1))


def test_spacy_reads_long_texts_in_pieces_without_losing_names(pseudonymizer: Pseudonymizer) -> None:
    """A sentence finds the same entities alone and anywhere inside a text many pieces long."""
    spacy = next(d for d in pseudonymizer.ensemble.detectors if d.name == "spacy")
    sentence = "Dr. Amelia Hartwell flew from Leipzig to Boston with Jonas Eberhardt.\n"
    alone = [(s.start, s.end, s.label) for s in spacy.detect(sentence)]
    assert len(alone) >= 3
    filler = "The committee discussed the budget and the timeline at length.\n"
    for lines in (60, 63, 64, 65, 190):  # around the first cut (4,000 characters) and further
        at = len(filler) * lines
        text = filler * lines + sentence + filler * 200
        inside = [(s.start - at, s.end - at, s.label) for s in spacy.detect(text) if at <= s.start < at + len(sentence)]
        assert inside == alone


def test_document_api_is_consistent_and_restores_exactly(pseudonymizer: Pseudonymizer) -> None:
    text = _doc(12)
    result = pseudonymizer.pseudonymize_document(text, chunk_chars=400)
    assert all(text[e.start : e.end] == e.text for e in result.entities)
    surrogates: dict[str, set[str]] = {}
    for e in result.entities:
        surrogates.setdefault(e.text, set()).add(e.surrogate)
    assert surrogates and all(len(s) == 1 for s in surrogates.values())
    for name in ("Amelia Hartwell", "Eberhardt", "Wierzbicki", "priya.raghunathan@example.org"):
        assert name not in result.text
    assert pseudonymizer.restore(result.text, session=result.session_id) == text


def test_document_api_looks_back_for_names_found_later() -> None:
    """A name found only in a later piece is masked in the earlier pieces too (here it is found
    only after "agent", by a user rule, so the test does not depend on any model)."""
    rule = CustomRecognizer(label="PERSON", pattern=rf"(?<=agent ){LATE_NAME}")
    p = Pseudonymizer(PseudonymizerConfig(detectors=["patterns"], custom_recognizers=[rule]))
    early = f"Report of the week.\n\nThe shipment was late again. {LATE_NAME} said the invoice was wrong.\n\n"
    late = "The weather was grey. " * 30 + f"\n\nWe asked agent {LATE_NAME} about it.\n"
    assert LATE_NAME in p.pseudonymize(early).text  # nothing finds it when read alone
    masked = p.pseudonymize_document(early + late, chunk_chars=200)
    assert LATE_NAME not in masked.text
    assert p.restore(masked.text, session=masked.session_id) == early + late
    streamed = p.pseudonymize_document(early + late, chunk_chars=200, lookback=False)
    assert streamed.text.count(LATE_NAME) == 1  # without look-back only the first piece keeps it


def test_iter_streams_arbitrary_chunks_with_stream_offsets(pseudonymizer: Pseudonymizer) -> None:
    text = _doc(10)
    session = pseudonymizer.session()
    lines = text.splitlines(keepends=True)
    results = list(pseudonymizer.pseudonymize_iter(lines, session=session, chunk_chars=300))
    assert len(results) > 3
    assert all(text[e.start : e.end] == e.text for r in results for e in r.entities)
    joined = "".join(r.text for r in results)
    assert "Hartwell" not in joined
    assert pseudonymizer.restore(joined, session=session) == text


def test_size_limit_points_to_the_document_api() -> None:
    p = Pseudonymizer(PseudonymizerConfig(max_input_chars=1000))
    text = _doc(6)
    with pytest.raises(InputTooLargeError) as err:
        p.pseudonymize(text)
    assert "pseudonymize_document" in str(err.value) and "Hartwell" not in str(err.value)
    with pytest.raises(ValueError):
        p.pseudonymize_document(text, chunk_chars=5000)  # a piece may not exceed the limit either
    result = p.pseudonymize_document(text)
    assert "Hartwell" not in result.text and len(result.text) > 1000


def test_default_limit_is_what_a_small_worker_survives() -> None:
    assert PseudonymizerConfig().max_input_chars == 2**20  # 1 MiB of text: ~0.9 GB peak (benchmarks/scale.py)
