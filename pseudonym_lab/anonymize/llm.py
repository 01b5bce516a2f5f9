"""The `llm` rewrite: a local instruction model restates the text without its personal data.

The prompt is one fixed layout (`rewrite_messages`), so a model fine-tuned for the task later
(LoRA on synthetic pairs) is prompted exactly as it was trained. Two short examples show the
style of generalisation the rule-based mode uses; the model sees the original text, which never
leaves this machine. Its answer is not trusted: `Anonymizer` checks it (`guard`, re-detection,
content kept) and falls back to `generalize` when any check fails.
"""

from __future__ import annotations

from collections.abc import Callable
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
#: How often (in tokens) the abort check looks at the answer so far.
CHECK_EVERY = 8


def rewrite(lm: LocalLM, text: str, abort: Callable[[str], bool] | None = None) -> tuple[str, bool]:
    """The model's rewrite of `text` (greedy) and whether `abort` stopped it early.

    `abort` sees the answer so far every `CHECK_EVERY` tokens; the anonymizer passes its leak guard,
    so an answer that has already copied an original stops there instead of running to the end
    (small untuned models copy most texts verbatim, and a CPU spends seconds on every sentence).
    """
    from pseudonym_core.llm.chat import Decoder, chat_prompt, end_ids

    ids = chat_prompt(lm.tokenizer, INSTRUCTION + text, system=SYSTEM, examples=EXAMPLES)
    n_text = len(lm.tokenizer(text, add_special_tokens=False)["input_ids"])
    budget = int(n_text * TOKEN_FACTOR) + EXTRA_TOKENS
    with lm.lock:
        dec = Decoder(lm, ids)
        ends = end_ids(lm.tokenizer)
        out: list[int] = []
        for step in range(min(budget, dec.room)):
            tok = dec.greedy()
            if tok in ends:
                break
            out.append(tok)
            if abort is not None and step % CHECK_EVERY == CHECK_EVERY - 1:
                partial = lm.tokenizer.decode(out, skip_special_tokens=True)
                if abort(partial):
                    return partial.strip(), True
            if dec.room <= 0:
                break
            dec.feed([tok])
        return lm.tokenizer.decode(out, skip_special_tokens=True).strip(), False
