"""REP_prompt: the local instruct LLM rewrites the text with the chosen replacements.

Unlike splicing, a rewrite can fix the grammar around a surrogate (articles, pronouns, agreement).
It can also drop, invent or leak anything, so the answer is only ever used through `checked`: the
guard rail demands every surrogate and no extra original, and a rewrite whose length strays far
from the direct replacement (the model summarised, continued or answered the text) is refused as
well. Whatever is refused becomes REP_direct with a note; nothing here raises on model output.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..llm.local import UsesLocalLM
from ..stats import StrategyStats
from ..types import Entity
from .base import Replaced, checked, direct

if TYPE_CHECKING:
    from ..config import PseudonymizerConfig

STRATEGY = "REP_prompt"
#: Longest text (in tokens) sent to the model: beyond this a CPU rewrite takes minutes, and the
#: model's own context limit applies as well.
MAX_TEXT_TOKENS = 1024
#: A rewrite may differ from the direct replacement by this factor in length, no more.
LENGTH_RATIO = 1.5

SYSTEM = "You rewrite texts exactly, changing only what you are told to change."
INSTRUCTION = (
    "Rewrite the text below, replacing each original on the left with the value on the right. "
    "Keep every other word, fix grammar only where a replacement needs it, and output only the rewritten text."
)
_FENCE = re.compile(r"^```[\w-]*\n(.*?)\n?```\s*$", re.DOTALL)
_PREAMBLE = re.compile(
    r"^\s*(?:(?:sure|okay|ok|certainly)[,!.]?\s*)?"
    r"(?:here(?:'s| is)\s+(?:the\s+)?(?:rewritten|revised|updated|new|modified)?\s*(?:text|version)[^:\n]*:|"
    r"(?:rewritten|revised|updated)\s+text\s*:)\s*",
    re.IGNORECASE,
)


#: One worked example (original text, replacements, rewrite): without it the model copies the text unchanged.
EXAMPLE_TEXT = "Anna Weber called Dr. Weber's office in Munich because Anna's son was sick."
EXAMPLE_PAIRS = (("Anna Weber", "Julia Brandt"), ("Weber", "Brandt"), ("Munich", "Leipzig"), ("Anna", "Julia"))
EXAMPLE_OUTPUT = "Julia Brandt called Dr. Brandt's office in Leipzig because Julia's son was sick."


def clean_output(raw: str) -> str:
    """The rewritten text from a model answer: no code fence, preamble or wrapping quotes."""
    text = raw.strip()
    fenced = _FENCE.match(text)
    if fenced:
        text = fenced.group(1).strip()
    text = _PREAMBLE.sub("", text, count=1).strip()
    fenced = _FENCE.match(text)
    if fenced:
        text = fenced.group(1).strip()
    if len(text) > 1 and text[0] == text[-1] and text[0] in "\"'":
        text = text[1:-1]
    return text


def build_request(text: str, pairs: Sequence[tuple[str, str]]) -> str:
    """The user message: the replacement list, then the text."""
    lines = "\n".join(f"- {o} → {s}" for o, s in pairs)
    return f"{INSTRUCTION}\n\nReplacements:\n{lines}\n\nText:\n{text}"


def pairs_of(entities: Sequence[Entity]) -> list[tuple[str, str]]:
    """(original, surrogate) once each, in text order."""
    return list(dict.fromkeys((e.text, e.surrogate) for e in sorted(entities, key=lambda e: e.start)))


def prompt_ids(tokenizer: Any, text: str, entities: Sequence[Entity]) -> list[int]:
    """The one-shot chat as token ids."""
    from ..llm.chat import chat_prompt

    shot = (build_request(EXAMPLE_TEXT, EXAMPLE_PAIRS), EXAMPLE_OUTPUT)
    return chat_prompt(tokenizer, build_request(text, pairs_of(entities)), system=SYSTEM, examples=[shot])


def keep_edges(original: str, output: str) -> str:
    """Put back the original's leading and trailing whitespace (models strip it; streams need it)."""
    lead = original[: len(original) - len(original.lstrip())]
    trail = original[len(original.rstrip()) :]
    return lead + output.strip() + trail


class PromptReplacer(UsesLocalLM):
    """REP_prompt over the configured local LM; REP_direct whenever the rewrite is unusable."""

    name = "prompt"

    def __init__(self, cfg: PseudonymizerConfig | None = None, max_text_tokens: int = MAX_TEXT_TOKENS) -> None:
        super().__init__(cfg.local_lm if cfg is not None else None)
        self.max_text_tokens = max_text_tokens
        self.stats = StrategyStats()

    def replace(self, text: str, entities: Sequence[Entity]) -> Replaced:
        from ..llm.chat import context_limit, generate

        lm = self.lm
        n_text = len(lm.tokenizer(text, add_special_tokens=False)["input_ids"])
        ids = prompt_ids(lm.tokenizer, text, entities)
        budget = int(n_text * LENGTH_RATIO) + 32
        if n_text > self.max_text_tokens or len(ids) + budget > context_limit(lm.model):
            return checked(STRATEGY, self.stats, text, entities, None, "text too long for the local model")
        try:
            raw = generate(lm, ids, max_new_tokens=budget)
        except Exception as exc:  # a broken model falls back like a bad answer (the mapping is already stored)
            return checked(STRATEGY, self.stats, text, entities, None, f"model error ({type(exc).__name__})")
        output = keep_edges(text, clean_output(raw))
        baseline = len(direct(text, entities))
        failure = None
        if output.strip() and not baseline / LENGTH_RATIO <= len(output) <= baseline * LENGTH_RATIO:
            failure = "rewrite length differs too much from the text"
        return checked(STRATEGY, self.stats, text, entities, output, failure)
