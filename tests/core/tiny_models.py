"""Tiny randomly initialised models that tests build themselves (no download, garbage output)."""

from __future__ import annotations

from typing import Any


def tiny_llama(max_position_embeddings: int = 1024, **overrides: Any) -> tuple[Any, Any]:
    """A randomly initialised 2-layer Llama with SmolLM2's real tokenizer, and that tokenizer.

    Its output is garbage, which is the point: the LLM strategies must survive any answer. Seeded, one
    torch thread (tests run on busy 2-core machines). Converts SmolLM2 once if it is not cached yet.
    """
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    from pseudonym_core.llm.local import shared_lm

    torch.set_num_threads(1)
    tok = shared_lm().tokenizer
    torch.manual_seed(0)
    settings: dict[str, Any] = {
        "vocab_size": len(tok),
        "hidden_size": 32,
        "intermediate_size": 64,
        "num_hidden_layers": 2,
        "num_attention_heads": 4,
        "num_key_value_heads": 2,
        "max_position_embeddings": max_position_embeddings,
        "tie_word_embeddings": True,
        "bos_token_id": tok.bos_token_id,
        "eos_token_id": tok.eos_token_id,
        "pad_token_id": tok.pad_token_id,
        **overrides,
    }
    return LlamaForCausalLM(LlamaConfig(**settings)).eval(), tok
