"""`pseudonym audit`: attacks separate members of an overfit model and not of a fresh one; canaries
are extracted and ranked first only where they were memorised; JSON and plot come out, no secret."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from privacy_models import SECRET_TEXTS, fresh_model, overfit, save, synth_texts, tokenizer_for

from pseudonym_core.cli import main
from pseudonym_lab.privacy.audit import AuditConfig, audit, tpr_key
from pseudonym_lab.privacy.canaries import Canary, candidates, read_canaries, secret_format, write_canaries
from pseudonym_lab.privacy.roc import roc_auc, tpr_at_fpr


def test_roc_auc_and_tpr_on_known_scores() -> None:
    assert roc_auc([3, 4, 5], [0, 1, 2]) == 1.0
    assert roc_auc([0, 1, 2], [3, 4, 5]) == 0.0
    assert roc_auc([1, 1], [1, 1]) == 0.5  # ties count half
    assert roc_auc([2, 0], [1, 1]) == 0.5
    non = list(range(100))  # one non-member (99) may be flagged at 1 % FPR
    assert tpr_at_fpr([98.5, 99.5, 200], non, 0.01) == 1.0
    assert tpr_at_fpr([97.5, 98.5], non, 0.01) == 0.5  # 98.5 beats all but one non-member
    assert tpr_at_fpr([97.5, 98.0], non, 0.01) == 0.0  # 98 ties a non-member: not above it
    with pytest.raises(ValueError):
        roc_auc([], [1.0])


def test_candidates_keep_the_secret_format_and_exclude_it() -> None:
    rng = random.Random(0)
    got = candidates("AB-1234x", 100, rng)
    assert len(set(got)) == 100 and "AB-1234x" not in got
    assert {secret_format(c) for c in got} == {secret_format("AB-1234x")} == {"AA\\-dddda"}
    with pytest.raises(ValueError):
        candidates("7", 100, rng)  # only 9 alternatives


@pytest.fixture(scope="module")
def setup() -> dict[str, Any]:
    texts = synth_texts(60, seed=3)
    members = list(SECRET_TEXTS) + [t[:150] for t in texts[3:15]]
    non_members = [t[:150] for t in texts[20:35]]
    tok = tokenizer_for(texts + list(SECRET_TEXTS))
    canaries = [Canary(s.split(" is ")[0] + " is", s.split(" is ")[1].rstrip(".")) for s in SECRET_TEXTS]
    fresh = fresh_model(tok, seed=1)
    model = overfit(fresh_model(tok), tok, members, steps=150)
    return {"tok": tok, "members": members, "non": non_members, "canaries": canaries, "model": model, "fresh": fresh}


def test_an_overfit_model_is_caught_by_every_attack_and_leaks_its_canaries(setup: dict[str, Any]) -> None:
    cfg = AuditConfig(samples=2, n_candidates=100)
    result = audit(setup["model"], setup["tok"], setup["members"], setup["non"], setup["canaries"], setup["fresh"], cfg)
    for name in ("loss", "zlib", "min_k", "ref"):
        assert result["mia"]["attacks"][name]["auc"] > 0.95, name
    assert result["mia"]["attacks"]["loss"][tpr_key()] > 0.5
    c = result["canaries"]
    assert c["greedy_extraction"] == 1.0 and c["rank1"] == 1.0 and c["mean_exposure_bits"] > 6.0
    assert c["sampled_extraction"] > 0


def test_a_fresh_model_gives_chance_level_attacks_and_no_canary(setup: dict[str, Any]) -> None:
    cfg = AuditConfig(samples=2)
    result = audit(setup["fresh"], setup["tok"], setup["members"], setup["non"], setup["canaries"], None, cfg)
    assert set(result["mia"]["attacks"]) == {"loss", "zlib", "min_k"}  # no reference, no ref attack
    assert abs(result["mia"]["attacks"]["loss"]["auc"] - 0.5) < 0.2
    assert result["canaries"]["greedy_extraction"] == 0.0
    assert result["canaries"]["rank1"] <= 1 / 3


def test_shared_prefix_scoring_and_batched_completion_match_one_text_at_a_time(setup: dict[str, Any]) -> None:
    """The audit's two speed-ups (the prefix's cache repeated over the candidates; prompts of
    different lengths left-padded into one `generate`) must give what one plain pass per text gives."""
    import numpy as np

    from pseudonym_lab.privacy.canaries import _prefix_ids, complete, complete_all, continuation_logprob
    from pseudonym_lab.privacy.scoring import generate_batch, pad_id, sequence_logprobs

    model, tok, canary = setup["model"], setup["tok"], setup["canaries"][1]
    prefix = _prefix_ids(tok, canary)
    conts = [" " + canary.secret, " 1", " 999-000-1234 and more words", ""]  # different token lengths
    cached = continuation_logprob(model, tok, prefix, conts, batch_size=3)
    ids = [tok(c, add_special_tokens=False)["input_ids"] for c in conts]
    plain = [lp[len(lp) - len(i) :].sum() if i else 0.0 for lp, i in zip(
        sequence_logprobs(model, [prefix + i for i in ids], pad_id(tok), 1), ids, strict=True)]  # fmt: skip
    assert np.allclose(cached, plain, atol=1e-4)
    assert cached[0] > cached[2]  # the memorised secret is the likelier continuation

    batched = complete_all(model, tok, setup["canaries"], 1, greedy=True)
    one_by_one = [complete(model, tok, c, 1, greedy=True) for c in setup["canaries"]]
    assert batched == one_by_one
    assert len({len(_prefix_ids(tok, c)) for c in setup["canaries"]}) > 1  # padding was exercised
    rows = generate_batch(model, [prefix, prefix[:2]], 5, pad_id(tok), batch_size=2)
    assert rows[0] == generate_batch(model, [prefix], 5, pad_id(tok))[0]


def test_an_audit_with_precomputed_reference_scores_equals_one_with_the_reference(setup: dict[str, Any]) -> None:
    from pseudonym_lab.privacy.audit import reference_scores

    cfg = AuditConfig(samples=0)
    args = (setup["model"], setup["tok"], setup["members"], setup["non"])
    with_model = audit(*args, (), setup["fresh"], cfg)
    ref = reference_scores(setup["fresh"], setup["tok"], setup["members"], setup["non"], cfg)
    with_scores = audit(*args, (), None, cfg, reference_logprobs=ref)
    assert with_scores["mia"] == with_model["mia"] and "ref" in with_scores["mia"]["attacks"]
    assert with_scores["heldout_perplexity"] == with_model["heldout_perplexity"]
    with pytest.raises(ValueError, match="members, then the non-members"):
        audit(*args, (), None, cfg, reference_logprobs=ref[:-1])


def test_audit_cli_writes_json_and_plot_without_secrets(
    setup: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    model_dir = save(setup["model"], setup["tok"], tmp_path / "model")
    ref_dir = save(setup["fresh"], setup["tok"], tmp_path / "ref")
    (tmp_path / "m.txt").write_text("\n".join(setup["members"]), encoding="utf-8")
    (tmp_path / "n.jsonl").write_text("\n".join(json.dumps({"text": t}) for t in setup["non"]), encoding="utf-8")
    write_canaries(tmp_path / "c.jsonl", setup["canaries"])
    assert read_canaries(tmp_path / "c.jsonl") == setup["canaries"]
    out = tmp_path / "out"
    argv = ["audit", "--model", str(model_dir), "--members", str(tmp_path / "m.txt"), "--non-members",
            str(tmp_path / "n.jsonl"), "--reference", str(ref_dir), "--canaries", str(tmp_path / "c.jsonl"),
            "--samples", "1", "--threads", "1", "--out", str(out)]  # fmt: skip
    assert main(argv) == 0
    printed = capsys.readouterr().out
    result = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    assert result["mia"]["attacks"]["ref"]["auc"] > 0.95
    assert (out / "audit.png").stat().st_size > 1000
    for c in setup["canaries"]:
        assert c.secret not in printed and c.secret not in repr(c)


def test_audit_cli_names_a_bad_canary_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "t.txt").write_text("a text\n", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text('{"prefix": "x"}\n', encoding="utf-8")
    argv = ["audit", "--model", str(tmp_path), "--members", str(tmp_path / "t.txt"), "--non-members",
            str(tmp_path / "t.txt"), "--canaries", str(tmp_path / "c.jsonl")]  # fmt: skip
    assert main(argv) == 2
    assert "c.jsonl:1: expected a JSON object" in capsys.readouterr().err


def test_canary_results_break_down_by_group_and_add_up(setup: dict[str, Any]) -> None:
    """Per group (how often each canary was planted, in the benchmark), the shares agree with the
    canaries of that group alone: a memorised group and a fresh one are told apart."""
    from pseudonym_lab.privacy.canaries import canary_report

    canaries, tok = setup["canaries"], setup["tok"]
    planted = canaries[:2]
    unseen = [Canary(c.prefix, "".join("7" if ch.isdigit() else ch for ch in c.secret)) for c in canaries[:2]]
    both = [*planted, *unseen]
    report = canary_report(setup["model"], tok, both, 100, 0, groups=[32, 32, 1, 1])
    assert set(report["by_group"]) == {"1", "32"}
    alone = canary_report(setup["model"], tok, planted, 100, 0)
    assert report["by_group"]["32"]["greedy_extraction"] == alone["greedy_extraction"] == 1.0
    assert report["by_group"]["1"]["greedy_extraction"] == 0.0
    assert report["greedy_extraction"] == 0.5
    assert "by_group" not in alone
    with pytest.raises(ValueError):
        canary_report(setup["model"], tok, both, 100, 0, groups=[1])
