"""Dual-purpose training: the weights decide which tokens get a learning gradient, which get an
unlearning one and which none; trained on a small corpus it narrows the member / non-member gap."""

from __future__ import annotations

import pytest
from privacy_models import fresh_model, synth_texts, tokenizer_for

from pseudonym_lab.privacy.dual import DualPurposeConfig, dual_purpose_loss, select_tokens


def _grads(nll_values: list[float], ref_values: list[float], cfg: DualPurposeConfig) -> list[float]:
    import torch

    nll = torch.tensor([nll_values], requires_grad=True)
    ref = torch.tensor([ref_values])
    valid = torch.ones_like(ref, dtype=torch.bool)
    loss, _ = dual_purpose_loss(nll, ref, valid, cfg)
    loss.backward()
    return [round(g, 4) for g in nll.grad[0].tolist()]


# token scores (model − reference): 3.0, 1.0, 0.0, −0.2, −2.0
NLL = [4.0, 2.0, 1.0, 0.8, 0.5]
REF = [1.0, 1.0, 1.0, 1.0, 2.5]


def test_hard_tokens_learn_memorised_tokens_unlearn_the_rest_get_nothing() -> None:
    cfg = DualPurposeConfig(learn_ratio=0.4, unlearn_ratio=0.4, margin=0.5, alpha=0.5)
    # two hardest learn (mean over 2 → 0.5 each); of the two lowest, only −2.0 is beyond the margin
    assert _grads(NLL, REF, cfg) == [0.5, 0.5, 0.0, 0.0, -0.5]


def test_alpha_zero_switches_unlearning_off() -> None:
    cfg = DualPurposeConfig(learn_ratio=0.4, unlearn_ratio=0.4, margin=0.5, alpha=0.0)
    assert _grads(NLL, REF, cfg) == [0.5, 0.5, 0.0, 0.0, 0.0]


def test_learn_ratio_and_margin_change_which_tokens_get_gradients() -> None:
    wide = DualPurposeConfig(learn_ratio=0.6, unlearn_ratio=0.4, margin=0.1, alpha=1.0)
    g = _grads(NLL, REF, wide)
    assert g[:3] == [0.3333, 0.3333, 0.3333]  # three learn now
    assert g[3] == -0.5 and g[4] == -0.5  # −0.2 is beyond a 0.1 margin: two unlearn


def test_selection_ignores_tokens_without_loss() -> None:
    import torch

    nll = torch.tensor([[4.0, 0.1, 9.0]])
    ref = torch.tensor([[1.0, 3.0, 0.0]])
    valid = torch.tensor([[True, True, False]])  # the 9.0 is padding
    hard, mem = select_tokens(nll, ref, valid, DualPurposeConfig(learn_ratio=0.5, unlearn_ratio=0.5))
    assert hard.tolist() == [[True, False, False]] and mem.tolist() == [[False, True, False]]


@pytest.mark.parametrize(
    "kwargs", [{"learn_ratio": 0.0}, {"learn_ratio": 0.7, "unlearn_ratio": 0.4}, {"alpha": -1.0}, {"margin": -0.1}]
)
def test_invalid_weights_are_refused(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        DualPurposeConfig(**kwargs)


def test_dual_purpose_training_narrows_the_membership_gap() -> None:
    """Same data, steps and seed: the dual-purpose model fits its members less far beyond non-members."""
    from pseudonym_lab.privacy.scoring import encode, token_logprobs
    from pseudonym_lab.train.causal import FitConfig, fit, lm_example, model_reference

    texts = [t[:150] for t in synth_texts(70, seed=11)]
    members, non_members, aux = texts[:15], texts[15:30], texts[30:70]
    tok = tokenizer_for(texts)

    def examples(docs: list[str]) -> list[tuple[list[int], list[int]]]:
        return [lm_example(encode(tok, d, 120)) for d in docs]

    ref = fresh_model(tok, seed=2)
    fit(ref, examples(aux), [], tok.pad_token_id, FitConfig(epochs=12, batch_size=8, lr=1e-2, patience=0))
    cfg = FitConfig(epochs=25, batch_size=8, lr=1e-2, patience=0, seed=0)

    def gap(model: object) -> float:
        lp = token_logprobs(model, tok, members + non_members)
        nll = [-float(x.mean()) for x in lp]
        return sum(nll[15:]) / 15 - sum(nll[:15]) / 15

    plain = fresh_model(tok)
    fit(plain, examples(members), [], tok.pad_token_id, cfg)
    dual = fresh_model(tok)
    record = fit(dual, examples(members), [], tok.pad_token_id, cfg, DualPurposeConfig(), model_reference(ref))
    assert record["token_shares"]["memorized"] > 0.01  # it did select memorised tokens
    assert gap(dual) < 0.7 * gap(plain)
