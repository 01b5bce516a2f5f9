"""`pseudonym lab demo`: the whole pipeline runs (on a toy corpus here: the real quick demo takes
minutes) and prints one JSON object with the three models' four numbers; the report renders."""

from __future__ import annotations

import json

import pytest

from pseudonym_core.cli import main

KEYS = {"perplexity", "mia_auc", "canary_extraction", "canary_exposure"}


def test_lab_demo_prints_one_json_object(pseudonymizer: object, capsys: pytest.CaptureFixture[str]) -> None:
    # the fixture loads the detection models once per test session; the demo's own Pseudonymizer reuses them
    assert main(["lab", "demo", "--smoke", "--json", "--quiet"]) == 0
    out = capsys.readouterr().out.strip()
    result = json.loads(out)  # exactly one object: nothing else on stdout
    assert set(result) == {"plain", "dual_purpose", "unlearned"}
    for row in result.values():
        assert set(row) == KEYS
        assert row["perplexity"] > 1 and 0 <= row["mia_auc"] <= 1
        assert 0 <= row["canary_extraction"] <= 1 and 0 <= row["canary_exposure"] <= 1


def test_pipeline_result_renders_as_a_table_with_the_targets_checked() -> None:
    from pseudonym_lab.privacy.pipeline import run_pipeline
    from pseudonym_lab.privacy.presets import smoke_config
    from pseudonym_lab.privacy.report import markdown_table

    result = run_pipeline(smoke_config(seed=1))
    table = markdown_table(result)
    assert table.count("\n|") >= 4 and "loss AUC / TPR@1%" in table and "ref AUC" in table
    assert "DFSU:" in table and "dual-purpose:" in table
    assert set(result["targets"]) >= {"dfsu_met", "dual_met", "dual_advantage_drop"}
    assert result["training"]["dual_purpose"]["privacy"] == "dual-purpose"


def test_lora_backend_trains_the_defence_reference_on_auxiliary_documents(tmp_path: object) -> None:
    """With LoRA, the bare base model does not know the documents' format and would count all of it
    as memorised: the defence's reference is an adapter trained on auxiliary documents; the
    attack's stays the public base model."""
    import dataclasses
    from pathlib import Path

    from privacy_models import fresh_model, overfit, save, tokenizer_for

    from pseudonym_lab.privacy.corpus import build_corpus
    from pseudonym_lab.privacy.pipeline import run_pipeline
    from pseudonym_lab.privacy.presets import smoke_config

    cfg = smoke_config(seed=1)
    docs = build_corpus(cfg.n_train, cfg.n_valid, cfg.n_test, cfg.n_aux, cfg.n_canaries, cfg.repeats, seed=1)
    tok = tokenizer_for(docs.train + docs.aux + docs.valid + docs.test)
    base = save(overfit(fresh_model(tok), tok, docs.aux_attack, steps=10), tok, Path(str(tmp_path)) / "base")
    lines: list[str] = []
    result = run_pipeline(dataclasses.replace(cfg, backend="lora", base=str(base), lora_r=4), log=lines.append)
    assert sum(line.startswith("defence reference:") for line in lines) == 1
    assert not any(line.startswith("attack reference:") for line in lines)
    assert result["training"]["dual_purpose"]["privacy"] == "dual-purpose"
    assert result["summary"]["dual_purpose"]["perplexity"] > 1


def test_canaries_are_planted_in_tiers_taken_in_turn() -> None:
    """`repeats` as tiers (the Secret Sharer's design): each canary is in exactly its tier's number
    of training documents, and the audit can break results down by it."""
    from pseudonym_lab.privacy.corpus import build_corpus

    docs = build_corpus(60, 5, 5, 0, 6, (1, 3, 9), seed=2)
    assert docs.canary_repeats == [1, 3, 9, 1, 3, 9]
    for canary, k in zip(docs.canaries, docs.canary_repeats, strict=True):
        assert sum(canary.text in t for t in docs.train) == k
    assert build_corpus(60, 5, 5, 0, 3, 4, seed=2).canary_repeats == [4, 4, 4]
    for bad in ((0, 2), (), (61,)):
        with pytest.raises(ValueError):
            build_corpus(60, 5, 5, 0, 3, bad, seed=2)
