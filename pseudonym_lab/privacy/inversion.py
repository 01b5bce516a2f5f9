"""Model inversion for data-free unlearning: make the model write out what it knows about a target.

DFSU never reads the original training data. It asks the model instead: prompts that elicit a kind
of personal data about a subject ("{target}'s phone number is", "You can reach {target} at") are
completed greedily and by sampling, so whatever the model memorised about the target comes out in
its own words, as pseudo-PII samples. Targets are subjects (a person's name, an account handle);
types (core labels such as ``PHONE_NUMBER``) choose the prompt families and which detected spans
count as private later. Without targets, subject-free prompts of each type are used ("My phone
number is"), which unlearns whatever values of that type the model reproduces.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pseudonym_lab.privacy.scoring import model_device, pad_id

#: PII-eliciting prompt templates per core label; ``{target}`` is the subject.
PROMPTS: dict[str, tuple[str, ...]] = {
    "PHONE_NUMBER": ("{target}'s phone number is", "You can reach {target} at", "Call {target} on"),
    "EMAIL_ADDRESS": ("{target}'s e-mail address is", "Write to {target} at"),
    "CREDIT_CARD": ("{target}'s card number is",),
    "IBAN_CODE": ("{target}'s IBAN is",),
    "US_SSN": ("{target}'s social security number is",),
    "IDENTIFIER": ("{target}'s customer ID is", "The account of {target} is"),
    "LOCATION": ("{target} lives at", "{target}'s address is"),
    "DATE_TIME": ("{target} was born on",),
    "IP_ADDRESS": ("{target} logged in from",),
    "PERSON": ("{target}'s full name is",),
}
#: Subject-free prompts (no targets given) per label.
UNTARGETED: dict[str, tuple[str, ...]] = {
    "PHONE_NUMBER": ("My phone number is", "Call me at"),
    "EMAIL_ADDRESS": ("My e-mail address is",),
    "CREDIT_CARD": ("My card number is",),
    "IBAN_CODE": ("My IBAN is",),
    "US_SSN": ("My social security number is",),
    "IDENTIFIER": ("My customer ID is",),
    "LOCATION": ("I live at",),
    "DATE_TIME": ("I was born on",),
    "IP_ADDRESS": ("I logged in from",),
    "PERSON": ("My name is",),
}


@dataclass(frozen=True)
class Sample:
    """One synthesised text: the prompt and the model's completion (`text` = prompt + completion)."""

    prompt: str
    completion: str
    greedy: bool

    @property
    def text(self) -> str:
        return self.prompt + self.completion

    def __repr__(self) -> str:  # the completion may be memorised personal data
        return f"Sample(prompt_chars={len(self.prompt)}, completion_chars={len(self.completion)}, greedy={self.greedy})"


def eliciting_prompts(
    targets: Sequence[str], types: Sequence[str] | None = None, templates: Sequence[str] = ()
) -> list[str]:
    """Prompts for every target × template of the chosen types (all known types by default).

    Extra `templates` (with ``{target}``, or without for subject-free prompts) come first.
    """
    labels = list(types) if types else list(PROMPTS)
    unknown = [t for t in labels if t not in PROMPTS]
    if unknown and not templates:
        raise ValueError(f"no eliciting prompts for {', '.join(unknown)}: pass templates of your own")
    out: list[str] = []
    for template in templates:
        out += [template.format(target=t) for t in targets] if "{target}" in template and targets else [template]
    for label in labels:
        if targets:
            out += [tpl.format(target=t) for t in targets for tpl in PROMPTS.get(label, ())]
        else:
            out += list(UNTARGETED.get(label, ()))
    return list(dict.fromkeys(p for p in out if "{target}" not in p))


def sample_model(
    model: Any, tokenizer: Any, prompts: Sequence[str], per_prompt: int = 4, max_new_tokens: int = 24,
    temperature: float = 1.0, seed: int = 0, batch_size: int = 64,
) -> list[Sample]:  # fmt: skip
    """One greedy and `per_prompt` sampled completions of each prompt.

    Prompts are generated in left-padded batches (the attention mask gives each row its own
    positions), so a hundred prompts cost a few `generate` calls rather than hundreds.
    """
    import torch

    device = model_device(model)
    pad = pad_id(tokenizer)
    bos = getattr(tokenizer, "bos_token_id", None)
    encoded = {}
    for prompt in prompts:
        ids = list(tokenizer(prompt, add_special_tokens=False)["input_ids"])
        encoded[prompt] = [bos, *ids] if bos is not None else ids
    jobs = [(p, True) for p in prompts] + [(p, False) for p in prompts for _ in range(per_prompt)]
    out: list[Sample] = []
    torch.manual_seed(seed)
    was = model.training
    model.eval()
    try:
        for greedy in (True, False):
            todo = [p for p, g in jobs if g == greedy]
            for start in range(0, len(todo), batch_size):
                chunk = todo[start : start + batch_size]
                width = max(len(encoded[p]) for p in chunk)
                ids = torch.tensor([[pad] * (width - len(encoded[p])) + encoded[p] for p in chunk], device=device)
                mask = torch.tensor(
                    [[0] * (width - len(encoded[p])) + [1] * len(encoded[p]) for p in chunk], device=device
                )
                with torch.no_grad():
                    gen = model.generate(
                        input_ids=ids, attention_mask=mask, max_new_tokens=max_new_tokens, do_sample=not greedy,
                        temperature=None if greedy else temperature, top_k=None if greedy else 0, top_p=None,
                        pad_token_id=pad,
                    )  # fmt: skip
                for prompt, row in zip(chunk, gen[:, width:].tolist(), strict=True):
                    tail = [t for t in row if t != pad]
                    out.append(Sample(prompt, tokenizer.decode(tail, skip_special_tokens=True), greedy))
    finally:
        model.train(was)
    return out


def retain_samples(
    model: Any, tokenizer: Any, n: int = 32, max_new_tokens: int = 48, temperature: float = 1.0, seed: int = 1,
    prompts: Sequence[str] = ("",),
) -> list[Sample]:  # fmt: skip
    """Free samples of the model (from BOS or neutral prompts): what it should keep doing, data-free."""
    per = max(1, n // max(1, len(prompts)))
    got = sample_model(model, tokenizer, list(prompts), per, max_new_tokens, temperature, seed)
    return [s for s in got if not s.greedy][:n]
