"""Prompting and incremental decoding for the local LLM strategies.

`Decoder` owns one KV cache: every token, forced or chosen by the model, is fed once and the next
token's logits come from a single-position forward pass. The paper's reference code re-runs the
whole sequence for every new token, which is quadratic in the output length; REP_gen forces and
frees tokens one at a time, so the cache is what makes it usable on a CPU.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .local import LocalLM

#: End-of-turn markers of common chat templates; whichever exist in a vocabulary stop decoding.
_END_TOKENS = ("<|im_end|>", "<|endoftext|>", "<|eot_id|>", "<|end|>", "</s>")


def chat_prompt(
    tokenizer: Any,
    user: str,
    system: str | None = None,
    assistant_prefix: str = "",
    examples: Sequence[tuple[str, str]] = (),
) -> list[int]:
    """Token ids of a chat (few-shot `examples` as earlier user/assistant turns), ready for the
    assistant's answer, optionally already begun with `assistant_prefix`.

    The tokenizer's own chat template is used when it has one, so any instruct model gets the
    format it was trained on; base models get a plain "instruction, blank line" layout.
    """
    messages = [{"role": "system", "content": system}] if system else []
    for asked, answered in examples:
        messages += [{"role": "user", "content": asked}, {"role": "assistant", "content": answered}]
    messages.append({"role": "user", "content": user})
    if getattr(tokenizer, "chat_template", None):
        text = tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
    else:
        text = "\n\n".join(m["content"] for m in messages) + "\n\n"
    return list(tokenizer(text + assistant_prefix, add_special_tokens=False)["input_ids"])


def end_ids(tokenizer: Any) -> set[int]:
    """Token ids that end an answer: EOS plus the chat template's end-of-turn markers."""
    ids = {tokenizer.eos_token_id} if tokenizer.eos_token_id is not None else set()
    vocab = tokenizer.get_vocab()
    ids.update(vocab[t] for t in _END_TOKENS if t in vocab)
    return ids


def context_limit(model: Any, default: int = 2048) -> int:
    """The model's position limit; prompts and outputs are kept below it."""
    return int(getattr(model.config, "max_position_embeddings", None) or default)


class Decoder:
    """Incremental decoding over one KV cache (call under `LocalLM.lock`)."""

    def __init__(self, lm: LocalLM, prompt_ids: Sequence[int]) -> None:
        import torch

        self._torch = torch
        self.model = lm.model
        self.tokenizer = lm.tokenizer
        self.limit = context_limit(lm.model)
        self.ids: list[int] = []
        self.past: Any = None
        self.logits: Any = None
        self.feed(prompt_ids)

    @property
    def room(self) -> int:
        """Tokens that can still be fed before the model's position limit."""
        return self.limit - len(self.ids)

    def feed(self, ids: Sequence[int]) -> None:
        """Append tokens (the prompt, a forced surrogate, or the model's own choice) to the cache."""
        if not ids:
            return
        if len(ids) > self.room:
            raise OverflowError(f"sequence would exceed the model's {self.limit}-token context")
        with self._torch.inference_mode():
            out = self.model(input_ids=self._torch.tensor([list(ids)]), past_key_values=self.past, use_cache=True)
        self.past = out.past_key_values
        self.logits = out.logits[0, -1].float()
        self.ids.extend(ids)

    def greedy(self, banned: Sequence[int] = ()) -> int:
        logits = self.logits
        if banned:
            logits = logits.clone()
            logits[list(banned)] = float("-inf")
        return int(logits.argmax())

    def sample(self, rng: random.Random, temperature: float = 0.8, top_k: int = 40) -> int:
        """Top-k sampling driven by `rng`, so a seeded session draws reproducibly."""
        values, indices = self._torch.topk(self.logits / max(temperature, 1e-5), top_k)
        probs = self._torch.softmax(values, dim=-1).tolist()
        return int(indices[rng.choices(range(len(probs)), weights=probs)[0]])


def generate(
    lm: LocalLM,
    prompt_ids: Sequence[int],
    max_new_tokens: int = 256,
    stop: Sequence[str] = (),
    rng: random.Random | None = None,
    temperature: float = 0.8,
) -> str:
    """Decode an answer: greedy, or sampled with `rng`; ends at an end token, a stop string or the limit."""
    with lm.lock:
        dec = Decoder(lm, prompt_ids)
        ends = end_ids(lm.tokenizer)
        out: list[int] = []
        text = ""
        for _ in range(min(max_new_tokens, dec.room)):
            tok = dec.sample(rng, temperature) if rng is not None else dec.greedy()
            if tok in ends:
                break
            out.append(tok)
            text = lm.tokenizer.decode(out, skip_special_tokens=True)
            if any(s in text for s in stop):
                text = text[: min(text.index(s) for s in stop if s in text)]
                break
            if dec.room <= 0:
                break
            dec.feed([tok])
        return text
