"""DET_tag_mark / DET_tag_rep: target formats, alignment of imperfect outputs, and a real LoRA fine-tune.

The format tests run on generated samples (many shapes: addresses over several lines, adjacent
entities, names with particles). The deviation tests use outputs written the way a small model
actually goes wrong. The end-to-end test fine-tunes a tiny Llama built here (SmolLM2 tokenizer,
hidden size 32) for a few steps: its output is garbage, which is the point: the detector must run
through the pipeline, count its fallbacks and never return an invalid span.
"""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import pytest

from pseudonym_core import ConfigError, Pseudonymizer
from pseudonym_core.detect.tagger_align import align, parse_output
from pseudonym_lab.eval.data import GoldSpan, LabeledSample
from pseudonym_lab.eval.generated import generate
from pseudonym_lab.eval.metrics import coverage
from pseudonym_lab.train.tagger_format import split_chunks, to_target

SRC = "Please call John Smith at the Berlin office on Monday, or mail ann@x.org."


def _found(src: str, spans: list[tuple[int, int, str]]) -> list[tuple[str, str]]:
    return [(src[s:e], label) for s, e, label in spans]


def _gold(sample: LabeledSample) -> list[tuple[int, int, str]]:
    return [(g.start, g.end, g.label) for g in sorted(sample.spans, key=lambda g: g.start)]


def _alnum_cov(text: str, pairs: list[tuple[int, int, str]]) -> list[int]:
    cov = coverage(len(text), [(s, e) for s, e, _ in pairs])
    return [i for i, ch in enumerate(text) if ch.isalnum() and cov[i]]


@pytest.fixture(scope="module")
def generated() -> list[LabeledSample]:
    """One generated set for the whole module (building the template faker is the slow part)."""
    return generate(400, seed=7)


@pytest.fixture(scope="module")
def samples(generated: list[LabeledSample]) -> list[LabeledSample]:
    return [s for s in generated if s.spans]


def test_mark_round_trip_is_exact(samples: list[LabeledSample]) -> None:
    for s in samples:
        target = to_target(s, "mark")
        assert parse_output(target, "mark").plain == s.text
        result = align(s.text, target, "mark")
        assert result.spans == _gold(s), s.id
        assert result.copied == 1.0 and not result.events


def test_rep_round_trip(samples: list[LabeledSample]) -> None:
    """Exact unless two entities are separated by whitespace only (then only their split is ambiguous)."""
    ambiguous = 0
    for s in samples:
        gold = _gold(s)
        result = align(s.text, to_target(s, "rep"), "rep")
        assert _alnum_cov(s.text, result.spans) == _alnum_cov(s.text, gold), s.id
        if any(not s.text[a[1] : b[0]].strip() for a, b in pairwise(gold)):
            ambiguous += 1
        else:
            assert result.spans == gold, s.id
    assert ambiguous < len(samples) // 5


def test_targets_keep_the_type_in_short_tags() -> None:
    sample = LabeledSample("x", "t", SRC, [GoldSpan(12, 22, "PERSON"), GoldSpan(30, 36, "LOCATION")])
    assert to_target(sample, "mark").startswith("Please call <PER>John Smith</PER> at the <LOC>Berlin</LOC> office")
    assert to_target(sample, "rep") == "Please call <PER> at the <LOC> office on Monday, or mail ann@x.org."


@pytest.mark.parametrize(
    ("output", "expected", "event"),
    [
        (  # whitespace changed, a line break instead of a space
            "Please  call <PER>John Smith</PER> at the\n<LOC>Berlin</LOC> office on Monday, or mail ann@x.org.",
            [("John Smith", "PERSON"), ("Berlin", "LOCATION")],
            None,
        ),
        (  # closing tags missing: the entity runs over the capitalised words
            "Please call <PER>John Smith at the <LOC>Berlin</LOC> office on Monday, or mail <EMAIL>ann@x.org.",
            [("John Smith", "PERSON"), ("Berlin", "LOCATION"), ("ann@x.org", "EMAIL_ADDRESS")],
            "unclosed_tag",
        ),
        (  # a tagged name that is not in the input, and a misspelt one
            "Please call <PER>Jon Smith</PER> and <PER>Maria</PER> at the <LOC>Berlin</LOC> office on Monday.",
            [("John Smith", "PERSON"), ("Berlin", "LOCATION")],
            "unaligned",
        ),
        (  # an altered word outside the entity, and a tag type the detector does not know
            "Please phone <PER>John Smith</PER> at the <FOO>Berlin</FOO> office on Monday, or mail ann@x.org.",
            [("John Smith", "PERSON")],
            "unknown_tag",
        ),
        (  # a tag inside a word widens to the whole word
            "Please call <PER>Jo</PER>hn Smith at the Berlin office on Monday, or mail ann@x.org.",
            [("John", "PERSON")],
            None,
        ),
    ],
)
def test_mark_alignment_tolerates_deviations(output: str, expected: list[tuple[str, str]], event: str | None) -> None:
    result = align(SRC, output, "mark", labels={"PERSON", "LOCATION", "EMAIL_ADDRESS"})
    assert _found(SRC, result.spans) == expected
    if event:
        assert result.events[event] >= 1
    assert result.copied > 0.6


@pytest.mark.parametrize(
    "output",
    [
        "Please call <PER> at the <LOC> office on Monday, or mail <EMAIL>.",
        "Please call  <PER>  at  the <LOC> office on Monday , or mail <EMAIL>",
        "please call <PER> at the <LOC> office on monday, or mail <EMAIL>.",
        "Please call <PER> at the <LOC></LOC> office on Monday, or mail <EMAIL>.",
    ],
)
def test_rep_alignment_tolerates_deviations(output: str) -> None:
    result = align(SRC, output, "rep")
    assert _found(SRC, result.spans) == [
        ("John Smith", "PERSON"),
        ("Berlin", "LOCATION"),
        ("ann@x.org", "EMAIL_ADDRESS"),
    ]


def test_unrelated_output_is_not_a_copy() -> None:
    result = align(SRC, "I am sorry, I cannot help with <PER>that</PER>.", "mark")
    assert result.copied < 0.5
    assert result.spans == []


def test_split_chunks_keeps_offsets() -> None:
    text = " ".join(f"Sentence {i} mentions Anna Berg from Oslo." for i in range(60)) + "\nLast line"
    chunks = split_chunks(text, 200)
    assert len(chunks) > 5
    assert all(len(c) <= 400 for _, c in chunks)
    for offset, chunk in chunks:
        assert text[offset : offset + len(chunk)] == chunk
    assert "".join(c for _, c in chunks).replace(" ", "") == text.replace(" ", "")


# --- end to end: a real (tiny) LoRA fine-tune ---------------------------------------------------


@pytest.fixture(scope="module")
def tiny_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("torch")
    pytest.importorskip("peft")
    from tiny_models import tiny_llama

    model, tok = tiny_llama(max_position_embeddings=512)
    folder = tmp_path_factory.mktemp("tiny-llama")
    model.save_pretrained(str(folder))
    tok.save_pretrained(str(folder))
    return folder


@pytest.fixture(scope="module")
def tiny_tagger(
    tiny_base: Path, samples: list[LabeledSample], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, dict]:
    from pseudonym_lab.train.tagger import train_tagger

    out = tmp_path_factory.mktemp("tagger") / "mark"
    train = [s for s in samples if len(s.text) < 160][:6]
    info = train_tagger(
        train, out, mode="mark", base=tiny_base, epochs=8, batch_size=3, lr=1e-2, lora_r=8, progress=False, seed=1
    )
    return out, info


def test_lora_fine_tune_learns_and_writes_the_folder(tiny_tagger: tuple[Path, dict], tiny_base: Path) -> None:
    out, info = tiny_tagger
    assert info["steps"] == 16 and info["stopped"] == "done"
    assert info["final_loss"] < info["first_loss"] - 0.05
    for name in ("adapter_config.json", "adapter_model.safetensors", "tokenizer.json", "tagger.json"):
        assert (out / name).is_file(), name
    saved = json.loads((out / "tagger.json").read_text())
    assert saved["mode"] == "mark" and saved["base"] == str(tiny_base.resolve())
    assert saved["data_size"] == 6 and "PERSON" in saved["labels"]


def test_time_limit_stops_and_still_saves(tiny_base: Path, generated: list[LabeledSample], tmp_path: Path) -> None:
    from pseudonym_lab.train.tagger import train_tagger

    info = train_tagger(generated[:8], tmp_path / "t", mode="rep", base=tiny_base, max_minutes=0, progress=False)
    assert info["steps"] == 0 and info["stopped"] == "time limit"
    assert (tmp_path / "t" / "tagger.json").is_file()


def test_detector_runs_in_the_pipeline(tiny_tagger: tuple[Path, dict]) -> None:
    from pseudonym_core.detect.tagger import TagDetector

    out, _ = tiny_tagger
    p = Pseudonymizer(detectors=["tag_mark"], tagger_model=str(out))
    det = p.ensemble.detectors[0]
    assert isinstance(det, TagDetector) and det._lm is None  # building the detector loads nothing
    texts = ["Call Anna Berg in Oslo on 3 May.", "Mail ann@x.org today.", "No personal data here at all."]
    for text in texts:
        result = p.pseudonymize(text, session=p.session())
        for ent in result.entities:
            assert 0 <= ent.start < ent.end <= len(text)
            assert ent.start == 0 or not (text[ent.start - 1].isalnum() and text[ent.start].isalnum())
            assert ent.end == len(text) or not (text[ent.end - 1].isalnum() and text[ent.end].isalnum())
    stats = p.strategy_stats()["detector:tag_mark"]
    assert stats["calls"] == len(texts)
    # a 16-step tiny model does not copy its input: that is a counted fallback, not an exception
    fallbacks = {k: v for k, v in stats.items() if k.startswith("fallback:")}
    assert set(fallbacks) <= {
        "fallback:output is not a tagged copy of the input",
        "fallback:output diverged from the input",
    }
    assert sum(fallbacks.values()) >= 1
    assert all("Anna" not in key and "Oslo" not in key for key in stats)


def test_detector_config_errors(tiny_tagger: tuple[Path, dict], tmp_path: Path) -> None:
    out, _ = tiny_tagger
    with pytest.raises(ConfigError, match="trained for mode 'mark'"):
        _ = Pseudonymizer(detectors=["tag_rep"], tagger_model=str(out)).ensemble
    with pytest.raises(ConfigError, match=r"has no tagger\.json"):
        _ = Pseudonymizer(detectors=["tag_mark"], tagger_model=str(tmp_path)).ensemble
    with pytest.raises(ConfigError, match=r"needs PseudonymizerConfig\.tagger_model"):
        _ = Pseudonymizer(detectors=["tag_mark"]).ensemble


def test_cli_trains_from_a_jsonl_file(tiny_base: Path, generated: list[LabeledSample], tmp_path: Path) -> None:
    from pseudonym_core.cli import main
    from pseudonym_lab.train.data import write_jsonl

    data = tmp_path / "train.jsonl"
    write_jsonl(generated[:8], data)
    out = tmp_path / "rep"
    argv = ["train", "tagger", "--mode", "rep", "--data", str(data), "--n", "4", "--base", str(tiny_base)]
    assert main([*argv, "--out", str(out), "--batch-size", "2", "--quiet"]) == 0
    info = json.loads((out / "tagger.json").read_text())
    assert info["mode"] == "rep" and info["data_size"] == 4 and info["steps"] == 2
