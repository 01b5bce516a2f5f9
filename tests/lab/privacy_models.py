"""Tiny models and texts for the training-privacy tests, built in the test (no download).

A byte-level BPE trained on the test's own texts and a 2-layer Llama of ~100 k parameters: small
enough that overfitting 20 texts takes a few seconds on one busy core.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

SECRET_TEXTS = (
    "Wanda Bennett's phone number is 529-474-4888.",
    "Olek Zieliński's phone number is 317-205-9913.",
    "Marta Ruiz's phone number is 604-118-2740.",
)


def synth_texts(n: int, seed: int) -> list[str]:
    import contextlib
    import sys

    from pseudonym_lab.synth import SynthBuilder

    builder = SynthBuilder(locales=["en_US", "en_GB", "de_DE"], edge_share=0.0)
    with contextlib.redirect_stdout(sys.stderr):
        return [builder.sample(seed, i).text[:200] for i in range(n)]


def tokenizer_for(texts: Sequence[str], vocab: int = 600) -> Any:
    from pseudonym_lab.privacy.tiny import train_tokenizer

    return train_tokenizer(list(texts), vocab)


def fresh_model(tokenizer: Any, seed: int = 0, hidden: int = 48) -> Any:
    import torch

    from pseudonym_lab.privacy.tiny import tiny_llama

    torch.set_num_threads(1)
    return tiny_llama(tokenizer, hidden=hidden, layers=2, heads=4, context=128, seed=seed).eval()


def overfit(model: Any, tokenizer: Any, texts: Sequence[str], steps: int = 150, lr: float = 1e-2) -> Any:
    """Full-batch training on `texts` until they are memorised (or `steps` run out)."""
    import torch

    from pseudonym_lab.privacy.scoring import encode
    from pseudonym_lab.train.causal import collate, lm_example, token_nll

    examples = [lm_example(encode(tokenizer, t, 120)) for t in texts]
    batch = collate(examples, list(range(len(examples))), tokenizer.pad_token_id, "cpu")
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    model.train()
    for _ in range(steps):
        nll, valid = token_nll(model, batch)
        loss = nll.sum() / valid.sum()
        if float(loss.detach()) < 0.02:
            break
        opt.zero_grad()
        loss.backward()
        opt.step()
    return model.eval()


def save(model: Any, tokenizer: Any, folder: Path) -> Path:
    model.save_pretrained(str(folder))
    tokenizer.save_pretrained(str(folder))
    return folder
