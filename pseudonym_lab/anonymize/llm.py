"""The `llm` rewrite: a local instruction model restates the text without its personal data.

The prompt is one fixed layout (`rewrite_messages`), so a model fine-tuned for the task later
(LoRA on synthetic pairs) is prompted exactly as it was trained. Two short examples show the
style of generalisation the rule-based mode uses; the model sees the original text, which never
leaves this machine. Its answer is not trusted: `Anonymizer` checks it (`guard`, re-detection,
content kept) and falls back to `generalize` when any check fails.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pseudonym_core.llm.local import LocalLM

SYSTEM = (
    "You rewrite text so that no person can be identified. Replace every name, place, organization, "
    "date, e-mail address, phone number and ID with a general description. Keep everything else."
)
INSTRUCTION = "Rewrite without personal data:\n"
EXAMPLES: tuple[tuple[str, str], ...] = (
    (
        INSTRUCTION + "Maria Lopez (born 4 May 1987) moved from Lyon to work at Barclays Bank.",
        "A woman (born in the 1980s) moved from a city in France to work at a bank.",
    ),
    (
        INSTRUCTION + "Call Dr. Chen on +1 415 555 0132 or mail chen@example.org before Friday.",
        "Call a doctor on a phone number or mail an e-mail address before Friday.",
    ),
)
#: Output budget: a rewrite is about as long as the text; more means the model is rambling.
TOKEN_FACTOR = 1.5
EXTRA_TOKENS = 32


def rewrite(lm: LocalLM, text: str) -> str:
    """The model's rewrite of `text` (greedy; stops at the end of its turn or the token budget)."""
    from pseudonym_core.llm.chat import chat_prompt, generate

    ids = chat_prompt(lm.tokenizer, INSTRUCTION + text, system=SYSTEM, examples=EXAMPLES)
    n_text = len(lm.tokenizer(text, add_special_tokens=False)["input_ids"])
    return generate(lm, ids, max_new_tokens=int(n_text * TOKEN_FACTOR) + EXTRA_TOKENS).strip()
