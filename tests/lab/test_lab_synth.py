"""Synthetic training data from Faker and Mimesis: exact spans, reproducible, many locales, edge cases."""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from pseudonym_lab.eval.data import KNOWN_LABELS, LabeledSample
from pseudonym_lab.synth import DOMAINS, EDGE_CASES, LOCALES, generate
from pseudonym_lab.synth.templates import NEGATIVES
from pseudonym_lab.synth.values import WORD_NAMES


@pytest.fixture(scope="module")
def samples() -> list[LabeledSample]:
    return generate(300, seed=11, edge_share=0.5)


def _span_texts(s: LabeledSample, label: str | None = None) -> list[str]:
    return [s.text[g.start : g.end] for g in s.spans if label is None or g.label == label]


def test_spans_are_exact_and_labels_known(samples: list[LabeledSample]) -> None:
    for s in samples:
        assert s.spans, s.id
        ends = [0]
        for g in s.spans:
            value = s.text[g.start : g.end]
            assert g.label in KNOWN_LABELS and value and value == value.strip() and "{" not in value
            assert g.start >= ends[-1]  # in order, never overlapping
            ends.append(g.end)
        assert "{" not in s.text  # every slot filled


def test_reproducible_by_seed_and_prefix_stable(samples: list[LabeledSample]) -> None:
    assert generate(25, seed=11, edge_share=0.5) == samples[:25]
    other = generate(25, seed=12, edge_share=0.5)
    assert [s.text for s in other] != [s.text for s in samples[:25]]


def test_both_libraries_many_locales_and_domains(samples: list[LabeledSample]) -> None:
    origins = Counter(g.detail.split(":")[0] for s in samples for g in s.spans)
    assert origins["faker"] > 100 and origins["mimesis"] > 100
    assert len({s.meta["locale"] for s in samples}) >= 30
    assert {s.meta["domain"] for s in samples} == set(DOMAINS)
    assert {lab for s in samples for g in s.spans for lab in [g.label]} >= {
        "PERSON", "LOCATION", "ADDRESS", "ORGANIZATION", "EMAIL_ADDRESS", "PHONE_NUMBER", "DATE_TIME",
        "IBAN_CODE", "CREDIT_CARD", "IP_ADDRESS", "URL", "USERNAME", "IDENTIFIER", "NATIONAL_ID",
    }  # fmt: skip


def test_edge_cases_do_what_they_say(samples: list[LabeledSample]) -> None:
    by_edge: dict[str, list[LabeledSample]] = {e: [] for e in EDGE_CASES}
    for s in samples:
        for e in filter(None, s.meta["edges"].split(",")):
            by_edge[e].append(s)
    assert all(len(v) >= 5 for v in by_edge.values()), {k: len(v) for k, v in by_edge.items()}
    for s in by_edge["lowercase"]:
        assert not any(c.isupper() and len(c.lower()) == 1 for c in s.text)
    for s in by_edge["upper"]:
        assert not any(c.islower() and len(c.upper()) == 1 for c in s.text)
    for s in by_edge["mixed_script"]:
        names = _span_texts(s, "PERSON")
        assert any(unicodedata.name(c, "").split(" ")[0] not in ("LATIN", "") for n in names for c in n if c.isalpha())
    for s in by_edge["word_name"]:
        assert any(w.casefold() in {n.casefold() for n in WORD_NAMES} for n in _span_texts(s, "PERSON")
                   for w in n.split())  # fmt: skip
    assert any("\u00a0" in n for s in by_edge["nbsp"] for n in _span_texts(s, "PERSON"))
    odd = [g.detail for s in by_edge["odd_format"] for g in s.spans if g.detail.endswith(":odd")]
    assert odd


def test_negative_sentences_stay_unlabelled() -> None:
    seen = 0
    for s in generate(400, seed=5):
        for sentence in NEGATIVES:
            at = s.text.find(sentence)
            if at >= 0:
                seen += 1
                assert not any(g.start < at + len(sentence) and at < g.end for g in s.spans)
    assert seen >= 10


def test_filters_and_bad_arguments() -> None:
    few = generate(20, seed=1, locales=["pl_PL", "ja_JP"], domains=["clinical"], edge_share=0.0)
    assert {s.meta["locale"] for s in few} <= {"pl_PL", "ja_JP"} and {s.kind for s in few} == {"synth-clinical"}
    assert all(s.meta["edges"] == "" for s in few)
    with pytest.raises(ValueError):
        generate(1, locales=["xx_XX"])
    with pytest.raises(ValueError):
        generate(1, edge_share=2.0)
    assert set(LOCALES) >= {"en_US", "de_DE", "ja_JP", "ar_EG", "yo_NG"}


def test_train_data_source_synth_writes_the_eval_span_format(tmp_path: Path) -> None:
    from pseudonym_core.cli import main
    from pseudonym_lab.eval.userdata import load_labelled
    from pseudonym_lab.train.data import read_jsonl

    out = tmp_path / "synth.jsonl"
    argv = ["train", "data", "--source", "synth", "--n", "12", "--seed", "4", "--locales", "fr_FR,ko_KR", "--out"]
    assert main([*argv, str(out)]) == 0
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert set(first["spans"][0]) >= {"start", "end", "label"}
    mine, theirs = read_jsonl(out), load_labelled(out)
    assert [s.spans for s in mine] == [s.spans for s in theirs] and len(mine) == 12
    assert {s.meta["locale"] for s in mine} <= {"fr_FR", "ko_KR"}


def test_read_jsonl_still_reads_list_spans(tmp_path: Path) -> None:
    from pseudonym_lab.train.data import read_jsonl

    path = tmp_path / "old.jsonl"
    row = {"id": "a", "kind": "k", "text": "Ann Lee", "spans": [[0, 7, "PERSON", "name"]], "ignore": [], "meta": {}}
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    (s,) = read_jsonl(path)
    assert (s.spans[0].start, s.spans[0].end, s.spans[0].label, s.spans[0].detail) == (0, 7, "PERSON", "name")


def test_mixed_source_and_training_commands_take_the_flag() -> None:
    from pseudonym_core.cli import build_parser
    from pseudonym_lab.train.data import build_examples

    mixed = build_examples(8, seed=3, distill=False, source="mixed")
    assert Counter(s.kind.startswith("synth-") for s in mixed) == {True: 4, False: 4}
    for what in (["encoder"], ["tagger", "--mode", "rep"]):
        args = build_parser().parse_args(["train", *what, "--source", "synth"])
        assert args.source == "synth"


def test_the_same_seed_gives_the_same_texts_in_every_process() -> None:
    """Python's hash seed changes per process; a value list built from a set (Faker's it_IT cities)
    must not make a seeded corpus differ between runs (the privacy benchmark's numbers drifted)."""
    import os
    import subprocess
    import sys

    code = (
        "import hashlib; from pseudonym_lab.synth.values import ValueSource\n"
        "v = ValueSource('it_IT'); out = []\n"
        "for s in range(40):\n    v.reseed(s); out.append(v.city()[0])\n"
        "print(hashlib.sha1('|'.join(out).encode()).hexdigest())"
    )
    digests = set()
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, run.stderr[-500:]
        digests.add(run.stdout.strip())
    assert len(digests) == 1
