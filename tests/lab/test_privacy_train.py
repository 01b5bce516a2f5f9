"""The lab's LoRA fine-tuning commands with tiny models the tests build: `train lm` (plain and
dual-purpose, early stopping, seeded, --quick), `train rewrite`, the tagger with the privacy loss,
and QLoRA's clear refusal where CUDA or bitsandbytes is missing."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import pytest
from privacy_models import fresh_model, overfit, save, synth_texts, tokenizer_for

from pseudonym_core.cli import main
from pseudonym_lab.privacy.dual import DualPurposeConfig
from pseudonym_lab.privacy.scoring import perplexity


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("lm")
    every = [t[:150].replace("\n", " ") for t in synth_texts(60, seed=21)]
    texts, pretraining = every[:30], every[30:]
    tok = tokenizer_for(every)
    base = save(overfit(fresh_model(tok), tok, pretraining, steps=40), tok, folder / "base")  # a "pretrained" base
    data = folder / "corpus.txt"
    data.write_text("\n".join(texts), encoding="utf-8")
    return {"texts": texts, "base": base, "data": data, "tok": tok, "folder": folder}


def _train(corpus: dict[str, Any], out: Path, *extra: str) -> dict[str, Any]:
    argv = ["train", "lm", "--data", str(corpus["data"]), "--base", str(corpus["base"]), "--out", str(out),
            "--epochs", "3", "--batch-size", "8", "--lr", "2e-2", "--lora-r", "4", "--threads", "1",
            *extra]  # fmt: skip
    assert main(argv) == 0
    return json.loads((out / "lm.json").read_text(encoding="utf-8"))


def test_train_lm_fits_the_corpus_and_saves_an_adapter_that_loads(corpus: dict[str, Any], tmp_path: Path) -> None:
    from pseudonym_lab.train.lora import load_finetuned

    info = _train(corpus, tmp_path / "plain", "--merge")
    assert info["privacy"] == "none" and info["heldout_texts"] == 3 and info["train_texts"] == 27
    assert len(info["heldout_curve"]) >= 1 and info["best_heldout_perplexity"] > 0
    assert (tmp_path / "plain" / "adapter_config.json").is_file()
    model, tok = load_finetuned(tmp_path / "plain")
    base, _ = load_finetuned(corpus["base"])
    assert perplexity(model, tok, corpus["texts"]) < 0.8 * perplexity(base, tok, corpus["texts"])
    merged, _ = load_finetuned(tmp_path / "plain" / "merged")
    assert abs(perplexity(merged, tok, corpus["texts"]) - perplexity(model, tok, corpus["texts"])) < 1e-3


def test_train_lm_is_seeded_and_dual_purpose_records_its_weights(corpus: dict[str, Any], tmp_path: Path) -> None:
    a = _train(corpus, tmp_path / "a", "--privacy", "dual-purpose", "--dp-alpha", "0.3", "--seed", "7")
    b = _train(corpus, tmp_path / "b", "--privacy", "dual-purpose", "--dp-alpha", "0.3", "--seed", "7")
    assert a["privacy"] == "dual-purpose" and a["dual_purpose"]["alpha"] == 0.3
    assert a["token_shares"]["hard"] == pytest.approx(0.6, abs=0.02)
    assert (a["final_loss"], a["heldout_curve"]) == (b["final_loss"], b["heldout_curve"])


def test_dual_purpose_trains_its_reference_on_the_reference_data(corpus: dict[str, Any], tmp_path: Path) -> None:
    """Documents of the same kind, not in the corpus, train the defence's reference adapter first."""
    others = tmp_path / "others.txt"
    others.write_text("\n".join(t[:150].replace("\n", " ") for t in synth_texts(20, seed=99)), encoding="utf-8")
    info = _train(corpus, tmp_path / "dual", "--privacy", "dual-purpose", "--reference-data", str(others))
    assert info["reference"]["kind"] == "adapter" and info["reference"]["texts"] == 20
    assert info["reference"]["steps"] > 0 and info["reference"]["best_heldout_perplexity"] > 0
    assert info["privacy"] == "dual-purpose" and info["best_heldout_perplexity"] > 0
    bare = _train(corpus, tmp_path / "bare", "--privacy", "dual-purpose")
    assert bare["reference"] == {"kind": "base model"}


def test_reference_data_without_the_defence_is_a_cli_error(
    corpus: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["train", "lm", "--data", str(corpus["data"]), "--base", str(corpus["base"]), "--out", str(tmp_path),
            "--reference-data", str(corpus["data"])]  # fmt: skip
    assert main(argv) == 2
    assert "--privacy dual-purpose" in capsys.readouterr().err


def test_bad_dual_purpose_weights_are_a_cli_error(
    corpus: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["train", "lm", "--data", str(corpus["data"]), "--base", str(corpus["base"]), "--out", str(tmp_path),
            "--privacy", "dual-purpose", "--dp-learn-ratio", "0.9", "--dp-unlearn-ratio", "0.5"]  # fmt: skip
    assert main(argv) == 2
    assert "must not exceed 1" in capsys.readouterr().err


def test_quick_fills_only_what_was_not_given() -> None:
    from pseudonym_lab.train.lm import DEFAULTS
    from pseudonym_lab.train.options import resolve

    args = argparse.Namespace(quick=True, max_minutes=None, **{k: None for k in DEFAULTS})
    args.lr = 1e-3
    resolve(args, DEFAULTS)
    assert (args.n, args.epochs, args.lora_layers, args.max_minutes, args.lr) == (64, 1.0, 4, 10.0, 1e-3)
    plain = resolve(argparse.Namespace(quick=False, max_minutes=None, **{k: None for k in DEFAULTS}), DEFAULTS)
    assert (plain.epochs, plain.lora_layers, plain.max_minutes) == (DEFAULTS["epochs"], None, None)


def test_qlora_without_cuda_or_bitsandbytes_names_what_is_missing(
    corpus: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import importlib.util

    import torch

    if torch.cuda.is_available() and importlib.util.find_spec("bitsandbytes"):
        pytest.skip("QLoRA can run here")
    argv = ["train", "lm", "--data", str(corpus["data"]), "--base", str(corpus["base"]), "--out", str(tmp_path),
            "--qlora", "--device", "cpu"]  # fmt: skip
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "QLoRA" in err and "CUDA" in err
    assert ("bitsandbytes" in err) == (importlib.util.find_spec("bitsandbytes") is None)
    assert not (tmp_path / "lm.json").exists()


@pytest.fixture(scope="module")
def smol_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 2-layer Llama with SmolLM2's tokenizer and chat template (the rewrite and tagger formats need them)."""
    from tiny_models import tiny_llama

    model, tok = tiny_llama()
    return save(model, tok, tmp_path_factory.mktemp("smol") / "base")


def test_tagger_trains_with_the_dual_purpose_loss(smol_base: Path, tmp_path: Path) -> None:
    from pseudonym_lab.eval.data import GoldSpan, LabeledSample
    from pseudonym_lab.train.tagger_train import train_tagger

    text = "Call Anna Weber in Lyon."
    spans = [GoldSpan(5, 15, "PERSON"), GoldSpan(19, 23, "LOCATION")]
    samples = [LabeledSample(f"s{i}", "t", text, spans) for i in range(4)]
    info = train_tagger(samples, tmp_path, "rep", smol_base, epochs=1, batch_size=2, progress=False,
                        privacy=DualPurposeConfig(alpha=0.2))  # fmt: skip
    assert info["steps"] == 2 and info["privacy"]["alpha"] == 0.2 and info["qlora"] is False
    assert json.loads((tmp_path / "tagger.json").read_text(encoding="utf-8"))["privacy"]["learn_ratio"] == 0.6


def test_rewrite_pairs_generalise_gold_spans_and_train_rewrite_saves_a_loadable_model(
    smol_base: Path, tmp_path: Path
) -> None:
    from pseudonym_core.llm.local import load_causal_lm
    from pseudonym_lab.train.causal import FitConfig
    from pseudonym_lab.train.rewrite import rewrite_pairs, train_rewrite

    pairs = rewrite_pairs(4, seed=5)
    assert len(pairs) == 4 and all(rewritten != text for text, rewritten in pairs)
    info = train_rewrite(pairs, tmp_path, smol_base, lora_r=4, fit_config=FitConfig(epochs=1, batch_size=2))
    assert info["examples_used"] == 4 and info["steps"] >= 1
    lm = load_causal_lm(tmp_path)  # what `pseudonym anonymize --mode llm --lm DIR` loads
    assert lm.mean_nll("A person called.") > 0
