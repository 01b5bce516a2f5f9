"""The training-data builder (`pseudonym train data`): real templates, the real default pipeline as teacher.

Samples are small (a few dozen) because every build runs presidio-evaluator and, for the distilled
part, the spaCy ensemble; the shared `pseudonymizer` fixture keeps spaCy loaded once.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pseudonym_core import Pseudonymizer, PseudonymizerConfig
from pseudonym_core.cli import main
from pseudonym_core.config import CustomRecognizer
from pseudonym_lab.eval.data import KNOWN_LABELS, GoldSpan, LabeledSample, handwritten_path, load_marked
from pseudonym_lab.train.data import (
    _distill_texts,
    build_examples,
    label_with,
    on_word_boundary,
    read_jsonl,
    write_jsonl,
)

N = 40


@pytest.fixture(scope="module")
def samples(pseudonymizer: Pseudonymizer) -> list[LabeledSample]:
    return build_examples(N, seed=1234, pseudonymizer=pseudonymizer)


def test_deterministic_for_a_seed(samples: list[LabeledSample], pseudonymizer: Pseudonymizer) -> None:
    again = build_examples(N, seed=1234, pseudonymizer=pseudonymizer)
    assert [(s.id, s.text, s.spans, s.ignore) for s in again] == [(s.id, s.text, s.spans, s.ignore) for s in samples]
    other = build_examples(10, seed=1235, distill=False)
    assert {s.text for s in other}.isdisjoint(s.text for s in samples)


def test_both_sources_present_in_the_asked_share(samples: list[LabeledSample]) -> None:
    kinds = [s.kind for s in samples]
    assert len(samples) == N
    assert kinds.count("train-gold") == N // 2 and kinds.count("train-distill") == N // 2
    assert len({s.id for s in samples}) == N
    # shuffled: the first half is not one source only
    assert len({s.kind for s in samples[: N // 2]}) == 2
    distilled = [s for s in samples if s.kind == "train-distill"]
    assert sum(len(s.spans) for s in distilled) > len(distilled)  # the teacher found entities
    assert {"PERSON", "LOCATION"} <= {g.label for s in distilled for g in s.spans}


def test_spans_inside_text_on_word_boundaries_with_known_labels(samples: list[LabeledSample]) -> None:
    assert sum(len(s.spans) for s in samples) >= N
    for s in samples:
        for g in s.spans:
            assert 0 <= g.start < g.end <= len(s.text)
            assert on_word_boundary(s.text, g.start, g.end)
            assert g.label in KNOWN_LABELS
            assert s.text[g.start : g.end] == s.text[g.start : g.end].strip()


def test_no_hand_written_text_is_used(samples: list[LabeledSample]) -> None:
    lines = {ln.strip() for h in load_marked(handwritten_path()) for ln in h.text.splitlines() if len(ln.strip()) >= 25}
    assert lines
    train = "\n".join(s.text for s in samples)
    assert not [ln for ln in lines if ln in train]


def test_spans_cutting_a_word_move_to_ignore() -> None:
    p = Pseudonymizer(
        PseudonymizerConfig(
            detectors=["patterns"], custom_recognizers=[CustomRecognizer(label="ORGANIZATION", pattern="cme")]
        )
    )
    text = "We work at Acme Corp, mail bob@example.com."
    (sample,) = label_with(p, [text])
    assert [(text[g.start : g.end], g.label) for g in sample.spans] == [("bob@example.com", "EMAIL_ADDRESS")]
    assert [(text[g.start : g.end], g.label) for g in sample.ignore] == [("cme", "ORGANIZATION")]
    # spans the builder put there itself override the teacher's overlapping ones
    (sure,) = label_with(p, [text], known=[[GoldSpan(27, 30, "PERSON", "inserted")]])
    assert [(text[g.start : g.end], g.label) for g in sure.spans] == [("bob", "PERSON")]


def test_plain_paragraphs_add_other_languages_with_known_names(samples: list[LabeledSample]) -> None:
    inserted = [(s, g) for s in samples for g in s.spans if g.detail == "inserted"]
    assert {g.label for _, g in inserted} == {"PERSON", "LOCATION"}
    assert all(s.kind == "train-distill" for s, _ in inserted)
    pairs = _distill_texts(50, seed=3)  # 10 plain paragraphs: one per locale
    scripts = {"cyrillic": ("\u0400", "\u04ff"), "cjk": ("\u4e00", "\u9fff")}  # not in the en_US templates
    for low, high in scripts.values():
        assert any(low <= ch <= high for t, _ in pairs for ch in t)
    for text, known in pairs:
        assert all(on_word_boundary(text, g.start, g.end) for g in known)


def test_jsonl_round_trip(samples: list[LabeledSample], tmp_path: Path) -> None:
    path = tmp_path / "sub" / "train.jsonl"
    assert write_jsonl(samples, path) == N
    back = read_jsonl(path)
    assert back == samples
    assert [[g.detail for g in s.spans] for s in back] == [[g.detail for g in s.spans] for s in samples]
    assert not path.with_name("train.jsonl.tmp").exists()


def test_cli_writes_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "data.jsonl"
    assert main(["train", "data", "--n", "6", "--seed", "77", "--out", str(out), "--no-distill"]) == 0
    rows = [json.loads(ln) for ln in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 6 and all(r["kind"] == "train-gold" for r in rows)
    assert read_jsonl(out) == build_examples(6, seed=77, distill=False)
    assert "wrote 6 samples" in capsys.readouterr().err
