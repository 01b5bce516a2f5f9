"""The two configurations of the privacy pipeline: the quick demo and the SmolLM2 benchmark.

Numbers here were tuned on the quick demo (see benchmarks/results/training_privacy.md for what each
setting gave); the benchmark scales the same protocol to SmolLM2-135M with LoRA and fits a 45-minute
budget on a 2-core CPU through the per-stage time limits.
"""

from __future__ import annotations

from pseudonym_lab.privacy.audit import AuditConfig
from pseudonym_lab.privacy.dual import DualPurposeConfig
from pseudonym_lab.privacy.pipeline import PipelineConfig
from pseudonym_lab.privacy.unlearn import UnlearnConfig
from pseudonym_lab.train.causal import FitConfig


def quick_config(seed: int = 0) -> PipelineConfig:
    """A ~1 M-parameter Llama trained from scratch on 400 synthetic documents with 30 canaries planted
    4 to 64 times."""
    return PipelineConfig(
        backend="tiny",
        n_train=400,
        n_valid=100,
        n_test=150,
        n_aux=400,
        n_canaries=30,
        # planting tiers (see corpus.py): with 8 plantings each, the early-stopped model ranked 77 % of
        # secrets first but reproduced none greedily, so DFSU's extraction target could not show
        repeats=(4, 16, 32, 64),
        seed=seed,
        max_tokens=128,
        fit=FitConfig(epochs=40, batch_size=16, lr=3e-3, patience=2, seed=seed),
        reference_fit=FitConfig(epochs=40, batch_size=16, lr=3e-3, patience=2, seed=seed + 1),
        dual=DualPurposeConfig(),
        unlearn=UnlearnConfig(per_prompt=4, steps=120, batch_size=16, lr=3e-3, lora_r=8, seed=seed),
        audit=AuditConfig(samples=4, seed=seed),
        threads=1,
    )


def benchmark_config(seed: int = 0, base: str | None = None) -> PipelineConfig:
    """SmolLM2-135M (or `base`) with LoRA on the same kind of corpus; stages bounded by time limits."""
    return PipelineConfig(
        backend="lora",
        base=base,
        n_train=300,
        n_valid=60,
        n_test=100,
        # the defence's reference adapter is trained on these (the attack's is the base). 7.5 minutes
        # for it: with 8 the defence cost +1 to +5 % perplexity; 4 minutes (perplexity 27) cost +80 %
        # (benchmarks/results/training_privacy_ref4min.md)
        n_aux=300,
        n_canaries=30,
        # canaries in tiers of 2, 6, 16 and 32 plantings (the Secret Sharer's design): with 6 each the
        # early-stopped model reproduced no canary greedily (44.7 min), so DFSU's greedy target could not show
        repeats=(2, 6, 16, 32),
        seed=seed,
        max_tokens=128,
        lora_r=16,
        lora_layers=None,
        # time limits: the whole run took 47.6 min with 12 / 12 / 8 / 6 minutes for the plain, dual,
        # reference and unlearning fits. The plain fit's best held-out step (114, third epoch) came
        # at about 10 minutes and the steps after it were thrown away by early stopping, so it gets
        # 10.5; the dual fit keeps 12, since its third epoch ends at the limit
        fit=FitConfig(epochs=6, batch_size=8, lr=1e-3, patience=1, max_minutes=12, seed=seed),
        plain_minutes=10.5,
        reference_fit=FitConfig(epochs=6, batch_size=8, lr=1e-3, patience=1, max_minutes=7.5, seed=seed + 1),
        dual=DualPurposeConfig(),
        unlearn=UnlearnConfig(per_prompt=2, steps=60, batch_size=8, lr=1e-3, lora_r=8, max_minutes=5.5, seed=seed),
        audit=AuditConfig(samples=4, seed=seed),
        threads=None,
    )


def smoke_config(seed: int = 0) -> PipelineConfig:
    """Seconds instead of minutes: every stage runs on a toy corpus (the numbers mean nothing)."""
    return PipelineConfig(
        backend="tiny",
        n_train=40,
        n_valid=10,
        n_test=12,
        n_aux=40,
        n_canaries=3,
        repeats=4,
        seed=seed,
        max_tokens=64,
        vocab_size=400,
        hidden=32,
        layers=2,
        fit=FitConfig(epochs=2, batch_size=8, lr=3e-3, patience=2, seed=seed),
        reference_fit=FitConfig(epochs=2, batch_size=8, lr=3e-3, patience=2, seed=seed + 1),
        unlearn=UnlearnConfig(per_prompt=1, max_new_tokens=12, retain_samples=4, steps=3, batch_size=4, seed=seed),
        audit=AuditConfig(samples=1, seed=seed),
        threads=1,
    )
