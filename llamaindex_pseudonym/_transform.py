"""The few calls into `pseudonym_core` that both adapters share.

`resurface=True` (the LLM side) first restores the text, then pseudonymizes it. A prompt built by
a response synthesizer already holds the surrogates that the node postprocessor put into the
retrieved chunks; the core deliberately treats a surrogate found in *input* text as a possible
collision and maps it again ("Mark Novak" -> "Paul Weber"), and restoration is one level deep, so
the answer would come back with "Mark Novak" instead of the real name. Turning known surrogates
back into originals first makes the outbound step idempotent: every original then meets its vault
entry and gets its one surrogate again. Node text comes straight from the index and skips this.

Empty and whitespace-only strings are passed through untouched: LlamaIndex routinely builds
messages and nodes with empty text (an assistant turn that only called a tool, a blank chunk), and
there is nothing in them to hide, so they must neither cost a detector run nor raise.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pseudonym_core import Pseudonymizer, Session


def _work(texts: list[str]) -> list[int]:
    return [i for i, text in enumerate(texts) if text.strip()]


def pseudonymize_texts(p: Pseudonymizer, session: Session, texts: list[str], *, resurface: bool = False) -> list[str]:
    """Pseudonymize a batch in one call, so every text of a turn is handled with one session view."""
    todo = _work(texts)
    out = list(texts)
    if todo:
        batch = [texts[i] for i in todo]
        if resurface:
            batch = [p.restore(text, session=session) for text in batch]
        results = p.pseudonymize_many(batch, session=session)
        for i, result in zip(todo, results, strict=True):
            out[i] = result.text
    return out


async def apseudonymize_texts(
    p: Pseudonymizer, session: Session, texts: list[str], *, resurface: bool = False
) -> list[str]:
    """Async twin: detection is CPU-bound, so the batch runs in a worker thread, off the event loop."""
    if not _work(texts):
        return list(texts)
    return await asyncio.to_thread(pseudonymize_texts, p, session, texts, resurface=resurface)


def restore_texts(p: Pseudonymizer, session: Session, texts: list[str]) -> list[str]:
    return [p.restore(text, session=session) if text.strip() else text for text in texts]
