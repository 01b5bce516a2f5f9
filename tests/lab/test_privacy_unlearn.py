"""DFSU: model inversion finds what a tiny model memorised, the detection stage masks it, and the
contrastive masked LoRA training lowers the targets' secrets while other texts stay as they were."""

from __future__ import annotations

import copy
import json
import math
from pathlib import Path
from typing import Any

import pytest
from privacy_models import SECRET_TEXTS, fresh_model, overfit, save, synth_texts, tokenizer_for

from pseudonym_core.cli import main
from pseudonym_lab.privacy.canaries import Canary, canary_report, continuation_logprob, write_canaries
from pseudonym_lab.privacy.inversion import Sample, eliciting_prompts
from pseudonym_lab.privacy.masks import mask_samples
from pseudonym_lab.privacy.scoring import encode, perplexity
from pseudonym_lab.privacy.unlearn import ExtractionProbe, UnlearnConfig, unlearn

NAMES = [s.split("'s phone")[0] for s in SECRET_TEXTS]
CANARIES = [Canary(s.split(" is ")[0] + " is", s.split(" is ")[1].rstrip(".")) for s in SECRET_TEXTS]
FAST = UnlearnConfig(per_prompt=2, max_new_tokens=16, retain_samples=8, steps=40, batch_size=8, lr=1e-2, lora_r=4)


@pytest.fixture(scope="module")
def memorised() -> dict[str, Any]:
    texts = [t[:150] for t in synth_texts(40, seed=5)]
    tok = tokenizer_for(texts + list(SECRET_TEXTS))
    model = overfit(fresh_model(tok), tok, list(SECRET_TEXTS) + texts[:12], steps=150)
    return {"tok": tok, "model": model, "retain": texts[:12], "heldout": texts[20:32]}


def _secret_logprobs(model: Any, tok: Any) -> list[float]:
    return [float(continuation_logprob(model, tok, encode(tok, c.prefix), [c.joiner + c.secret])[0]) for c in CANARIES]


def test_eliciting_prompts_cover_targets_and_types() -> None:
    prompts = eliciting_prompts(["Ann Lee"], ["PHONE_NUMBER", "EMAIL_ADDRESS"])
    assert "Ann Lee's phone number is" in prompts and "Write to Ann Lee at" in prompts
    assert eliciting_prompts([], ["PHONE_NUMBER"]) == ["My phone number is", "Call me at"]
    assert eliciting_prompts(["Ann"], ["PAGER"], ["{target}'s pager is"]) == ["Ann's pager is"]
    with pytest.raises(ValueError, match="PAGER"):
        eliciting_prompts(["Ann"], ["PAGER"])


def test_masks_mark_the_detected_value_in_the_completion_only(memorised: dict[str, Any], pseudonymizer: Any) -> None:
    tok = memorised["tok"]
    sample = Sample("Wanda Bennett's phone number is", " 529-474-4888. Thanks.", greedy=True)
    (m,) = mask_samples([sample], tok, pseudonymizer, types=["PHONE_NUMBER"])
    private = "".join(tok.decode([t]) for t, p in zip(m.ids, m.private, strict=True) if p)
    assert private.strip() == "529-474-4888"
    assert not any(m.private[: m.loss_from])  # the prompt (with the name) is never trained
    surrogate = "".join(tok.decode([t]) for t, p in zip(m.surrogate_ids, m.surrogate_private, strict=True) if p)
    assert surrogate.strip() != "529-474-4888" and len(surrogate.strip()) == 12 and surrogate.strip()[3] == "-"
    (with_name,) = mask_samples([sample], tok, pseudonymizer, types=["PHONE_NUMBER"], strings=["Thanks"])
    assert sum(with_name.private) > sum(m.private)  # target strings are masked whatever the detectors say


def test_unlearning_lowers_the_targets_secrets_and_keeps_other_text(
    memorised: dict[str, Any], pseudonymizer: Any
) -> None:
    tok, model = memorised["tok"], memorised["model"]
    before = _secret_logprobs(model, tok)
    report_before = canary_report(model, tok, CANARIES, samples=0)
    assert report_before["greedy_extraction"] == 1.0 and report_before["rank1"] == 1.0
    probe = ExtractionProbe(model, tok, NAMES, ["PHONE_NUMBER"], pseudonymizer=pseudonymizer)
    assert probe.summary()["prompts_with_private_data"] >= 3 and probe.rate(model) == 1.0
    retain_ppl = perplexity(model, tok, memorised["retain"])

    peft_model, info = unlearn(copy.deepcopy(model), tok, NAMES, ["PHONE_NUMBER"], pseudonymizer, FAST)
    unlearned = peft_model.merge_and_unload().eval()
    after = _secret_logprobs(unlearned, tok)
    assert info["samples_with_private_tokens"] >= 3 and info["private_tokens"] > 0
    assert all(a < b - 5.0 for a, b in zip(after, before, strict=True))  # each secret far less likely
    report_after = canary_report(unlearned, tok, CANARIES, samples=0)
    assert report_after["greedy_extraction"] == 0.0 and report_after["rank1"] <= 1 / 3
    assert probe.rate(unlearned) < 0.5
    # the rest stays fitted: retained text keeps 90 % of its (log-perplexity) lead over text the
    # model never saw (measured: 1.04 → 1.6 to 2.1 across seeds, against about 20,000 for unseen text)
    lead = math.log(perplexity(model, tok, memorised["heldout"])) - math.log(retain_ppl)
    assert math.log(perplexity(unlearned, tok, memorised["retain"])) < math.log(retain_ppl) + 0.1 * lead
    assert "529-474-4888" not in repr(probe) + json.dumps(info)


def test_nothing_to_unlearn_is_an_error(memorised: dict[str, Any], pseudonymizer: Any) -> None:
    with pytest.raises(ValueError, match="no personal data"):
        unlearn(copy.deepcopy(memorised["model"]), memorised["tok"], ["Nobody"], ["IBAN_CODE"], pseudonymizer, FAST)


def test_unlearn_cli_reports_before_and_after(
    memorised: dict[str, Any], pseudonymizer: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    model_dir = save(memorised["model"], memorised["tok"], tmp_path / "model")
    write_canaries(tmp_path / "c.jsonl", CANARIES)
    (tmp_path / "h.txt").write_text("\n".join(memorised["heldout"]), encoding="utf-8")
    out = tmp_path / "out"
    argv = ["unlearn", "--model", str(model_dir), "--target", NAMES[0], "--target", NAMES[1], "--target", NAMES[2],
            "--type", "PHONE_NUMBER", "--canaries", str(tmp_path / "c.jsonl"), "--heldout", str(tmp_path / "h.txt"),
            "--steps", "40", "--lr", "1e-2", "--samples", "2", "--threads", "1", "--out", str(out)]  # fmt: skip
    assert main(argv) == 0
    printed = capsys.readouterr().out
    report = json.loads((out / "unlearn.json").read_text(encoding="utf-8"))
    assert report["before"]["canaries"]["greedy_extraction"] == 1.0
    assert report["after"]["canaries"]["greedy_extraction"] < 0.5
    assert report["after"]["target_extraction"] < report["before"]["target_extraction"]
    assert report["after"]["heldout_perplexity"] < 1.5 * report["before"]["heldout_perplexity"]
    assert (out / "config.json").is_file()  # a standalone merged model
    assert all(c.secret not in printed for c in CANARIES)
