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
