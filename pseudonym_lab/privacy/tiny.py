"""A tiny causal LM built from nothing: a byte-level BPE tokenizer trained on the corpus and a
randomly initialised Llama of a few million parameters (the quick demo and the tests).

No download is possible here, and the demo must train a model from scratch on a 2-core CPU in
minutes; a small vocabulary (2 048 tokens instead of SmolLM2's 49 152) makes the output layer, the
biggest cost of such a model, 24x cheaper. Digits are split one per token, as in most modern
tokenizers, so a phone number is a sequence of digit choices the model can memorise or not.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

SPECIALS = ("<|bos|>", "<|eos|>", "<|pad|>")


def train_tokenizer(texts: Sequence[str], vocab_size: int = 2048) -> Any:
    """A byte-level BPE (`tokenizers`) with BOS/EOS/PAD, as a transformers fast tokenizer."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.Sequence(
        [pre_tokenizers.Digits(individual_digits=True), pre_tokenizers.ByteLevel(add_prefix_space=False)]
    )
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=list(SPECIALS),
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tok.train_from_iterator(list(texts), trainer=trainer)
    return PreTrainedTokenizerFast(
        tokenizer_object=tok, bos_token=SPECIALS[0], eos_token=SPECIALS[1], pad_token=SPECIALS[2]
    )


def tiny_llama(
    tokenizer: Any, hidden: int = 128, layers: int = 4, heads: int = 4, context: int = 256, seed: int = 0
) -> Any:
    """A randomly initialised Llama for `tokenizer` (tied embeddings; ~1 M parameters at the defaults)."""
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    torch.manual_seed(seed)
    config = LlamaConfig(
        vocab_size=len(tokenizer),
        hidden_size=hidden,
        intermediate_size=hidden * 3,
        num_hidden_layers=layers,
        num_attention_heads=heads,
        num_key_value_heads=heads,
        max_position_embeddings=context,
        tie_word_embeddings=True,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
    )
    return LlamaForCausalLM(config)


def parameter_count(model: Any) -> int:
    return sum(p.numel() for p in model.parameters())
