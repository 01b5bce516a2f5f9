"""The training-privacy pipeline shared by `pseudonym lab demo` and `benchmarks/training_privacy.py`:
plant canaries → train plainly (early-stopped) and with dual-purpose training → audit both →
unlearn the canaries from the plain model with DFSU → audit that.

Two back-ends, one protocol:

- ``tiny`` (the quick demo): a tokenizer and a few-M-parameter Llama trained from scratch here;
  the reference models are trained from scratch on auxiliary documents.
- ``lora`` (the benchmark): LoRA fine-tuning of a local model (SmolLM2-135M by default). The
  attack's reference is the base model, which never saw the corpus. The defence's reference is the
  base model with an adapter trained on auxiliary documents of the same kind (the paper's setting):
  the bare base model does not know the documents' format, so every token of it looked memorised
  once learnt, was unlearnt, and held-out perplexity went from 13 to 75-93 (issue 12). Without
  auxiliary documents (``n_aux=0``) the bare base model is used.
"""

from __future__ import annotations

import copy
import math
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from pseudonym_lab.privacy.audit import AuditConfig, audit, reference_scores, tpr_key
from pseudonym_lab.privacy.corpus import Corpus, build_corpus
from pseudonym_lab.privacy.dual import DualPurposeConfig
from pseudonym_lab.privacy.unlearn import NothingToUnlearn, UnlearnConfig, unlearn
from pseudonym_lab.train.causal import FitConfig, adapter_reference, fit, lm_example, model_reference

Log = Callable[[str], None]


@dataclass
class PipelineConfig:
    backend: str = "tiny"  # "tiny" | "lora"
    base: str | None = None  # lora: local model folder (default SmolLM2-135M)
    n_train: int = 800
    n_valid: int = 150
    n_test: int = 200
    n_aux: int = 800
    n_canaries: int = 30
    repeats: int | tuple[int, ...] = 8  # planted copies of each canary; a tuple: tiers taken in turn
    seed: int = 0
    max_tokens: int = 160
    vocab_size: int = 2048  # tiny
    hidden: int = 128  # tiny
    layers: int = 4  # tiny
    lora_r: int = 16  # lora
    lora_layers: int | None = None  # lora
    fit: FitConfig = field(default_factory=lambda: FitConfig(epochs=30, batch_size=16, lr=3e-3, patience=2))
    reference_fit: FitConfig = field(default_factory=lambda: FitConfig(epochs=30, batch_size=16, lr=3e-3, patience=2))
    #: the plain fit's time limit where it differs from `fit`'s (early stopping keeps its best
    #: step anyway, so time after that step is spent for nothing)
    plain_minutes: float | None = None
    dual: DualPurposeConfig = field(default_factory=DualPurposeConfig)
    unlearn: UnlearnConfig = field(default_factory=UnlearnConfig)
    audit: AuditConfig = field(default_factory=AuditConfig)
    threads: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _examples(tokenizer: Any, texts: list[str], max_tokens: int) -> list[tuple[list[int], list[int]]]:
    from pseudonym_lab.privacy.scoring import encode

    eos = tokenizer.eos_token_id
    out = []
    for t in texts:
        ids = encode(tokenizer, t, max_tokens - 1) + ([eos] if eos is not None else [])
        out.append(lm_example(ids))
    return out


def _summary(result: dict[str, Any]) -> dict[str, Any]:
    """The demo's four numbers for one model."""
    return {
        "perplexity": round(result["heldout_perplexity"], 4),
        "mia_auc": round(result["mia"]["attacks"]["loss"]["auc"], 4),
        "canary_extraction": round(result["canaries"]["greedy_extraction"], 4),
        "canary_exposure": round(result["canaries"]["rank1"], 4),
    }


class _Backend:
    """Builds models for one back-end: `fresh()` a model to train, `reference` for the defence."""

    def __init__(self, cfg: PipelineConfig, corpus: Corpus, log: Log) -> None:
        self.cfg, self.corpus, self.log = cfg, corpus, log
        if cfg.backend == "tiny":
            from pseudonym_lab.privacy.tiny import train_tokenizer

            self.tokenizer = train_tokenizer(corpus.train + corpus.aux + corpus.aux_attack, cfg.vocab_size)
        elif cfg.backend == "lora":
            from pseudonym_lab.train.lora import load_finetuned

            base, self.tokenizer = load_finetuned(cfg.base)
            self.base_state = base
        else:
            raise ValueError(f"unknown backend {cfg.backend!r}")
        self.pad = (
            self.tokenizer.pad_token_id if self.tokenizer.pad_token_id is not None else self.tokenizer.eos_token_id
        )

    def examples(self, texts: list[str]) -> list[tuple[list[int], list[int]]]:
        return _examples(self.tokenizer, texts, self.cfg.max_tokens)

    def fresh(self) -> Any:
        if self.cfg.backend == "tiny":
            from pseudonym_lab.privacy.tiny import tiny_llama

            return tiny_llama(
                self.tokenizer, self.cfg.hidden, self.cfg.layers, context=self.cfg.max_tokens + 8, seed=self.cfg.seed
            )
        from pseudonym_lab.train.lora import add_lora

        return add_lora(copy.deepcopy(self.base_state), self.cfg.lora_r, self.cfg.lora_layers, seed=self.cfg.seed)

    def train_reference(self, texts: list[str], name: str) -> Any:
        """A model that never saw the training split, trained on `texts` (a LoRA adapter on the base
        model for lora, merged); the bare base model for lora when there are no `texts`."""
        if self.cfg.backend == "lora" and not texts:
            return self.base_state.eval()
        model = self.fresh()
        info = fit(model, self.examples(texts), self.examples(self.corpus.valid), self.pad, self.cfg.reference_fit)
        self.log(f"{name}: {info['steps']} steps, {info['seconds']} s, best ppl {info['best_heldout_perplexity']:.2f}")
        return self.inference(model)

    def inference(self, model: Any) -> Any:
        """The model as the auditor sees it (adapters merged)."""
        if hasattr(model, "merge_and_unload"):
            return copy.deepcopy(model).merge_and_unload().eval()
        return model.eval()


def run_pipeline(cfg: PipelineConfig, log: Log | None = None) -> dict[str, Any]:
    """The whole protocol; returns full audits, training records and the demo's summary."""
    import torch

    log = log or (lambda _line: None)
    started = time.monotonic()
    if cfg.threads:
        torch.set_num_threads(cfg.threads)
    torch.manual_seed(cfg.seed)
    corpus = build_corpus(cfg.n_train, cfg.n_valid, cfg.n_test, cfg.n_aux, cfg.n_canaries, cfg.repeats, seed=cfg.seed)
    log(f"corpus {corpus.sizes()} in {time.monotonic() - started:.0f} s")
    be = _Backend(cfg, corpus, log)
    train, valid = be.examples(corpus.train), be.examples(corpus.valid)
    # lora: the attacker calibrates with the public base model (one training run fewer)
    attack_ref = be.train_reference([] if cfg.backend == "lora" else corpus.aux_attack, "attack reference")
    attack_ref_lps = reference_scores(attack_ref, be.tokenizer, corpus.members, corpus.test, cfg.audit)
    records: dict[str, Any] = {}

    def audited(model: Any) -> dict[str, Any]:
        return audit(
            be.inference(model), be.tokenizer, corpus.members, corpus.test, corpus.canaries, None, cfg.audit,
            reference_logprobs=attack_ref_lps, canary_groups=corpus.canary_repeats,
        )

    plain = be.fresh()
    plain_fit = cfg.fit if cfg.plain_minutes is None else replace(cfg.fit, max_minutes=cfg.plain_minutes)
    records["plain"] = fit(plain, train, valid, be.pad, plain_fit, log=lambda m: log("plain " + m))
    results = {"plain": audited(plain)}
    log(f"plain audited: {_summary(results['plain'])}")

    dual_model = be.fresh()
    if cfg.backend == "lora" and not corpus.aux:
        reference = adapter_reference(dual_model)
    else:
        reference = model_reference(be.train_reference(corpus.aux, "defence reference"))
    records["dual_purpose"] = fit(
        dual_model, train, valid, be.pad, cfg.fit, cfg.dual, reference, log=lambda m: log("dual " + m)
    )
    results["dual_purpose"] = audited(dual_model)
    log(f"dual-purpose audited: {_summary(results['dual_purpose'])}")

    target = be.inference(plain)
    try:
        unlearned, records["unlearned"] = unlearn(
            copy.deepcopy(target), be.tokenizer, corpus.canary_names, ["PHONE_NUMBER"], config=cfg.unlearn, log=log
        )
    except NothingToUnlearn as exc:  # the plain model gives no phone number away: it stays as it is
        nothing = {"prompts": 0, "samples": 0, "samples_with_private_tokens": 0, "private_tokens": 0, "steps": 0}
        unlearned, records["unlearned"] = target, {"skipped": str(exc), **nothing}
    results["unlearned"] = audited(unlearned)
    log(f"unlearned audited: {_summary(results['unlearned'])}")
    summary = {k: _summary(v) for k, v in results.items()}
    return {
        "summary": summary,
        "targets": targets_met(summary),
        "audits": results,
        "training": records,
        "corpus": corpus.sizes(),
        "config": cfg.as_dict(),
        "seconds": round(time.monotonic() - started, 1),
        "tpr_key": tpr_key(cfg.audit.fpr),
    }


def targets_met(summary: dict[str, dict[str, float]]) -> dict[str, Any]:
    """The issue's targets, checked: DFSU extraction −80 % and rank-1 ≤ 20 % at ≤ +10 % perplexity;
    dual-purpose −50 % MIA advantage (loss attack) at ≤ +15 % perplexity."""
    p, d, u = summary["plain"], summary["dual_purpose"], summary["unlearned"]
    extraction_drop = 1 - u["canary_extraction"] / p["canary_extraction"] if p["canary_extraction"] else math.nan
    advantage = p["mia_auc"] - 0.5
    advantage_drop = 1 - (d["mia_auc"] - 0.5) / advantage if advantage > 0 else math.nan
    out = {
        "dfsu_extraction_drop": round(extraction_drop, 4),
        "dfsu_rank1": u["canary_exposure"],
        "dfsu_perplexity_cost": round(u["perplexity"] / p["perplexity"] - 1, 4),
        "dual_advantage_drop": round(advantage_drop, 4),
        "dual_perplexity_cost": round(d["perplexity"] / p["perplexity"] - 1, 4),
    }
    out["dfsu_met"] = bool(
        extraction_drop >= 0.8 and u["canary_exposure"] <= 0.2 and out["dfsu_perplexity_cost"] <= 0.10
    )
    out["dual_met"] = bool(advantage_drop >= 0.5 and out["dual_perplexity_cost"] <= 0.15)
    return out
