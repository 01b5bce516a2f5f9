"""The few calls into `pseudonym_core` that both adapters share.

A prompt built by a response synthesizer already holds the surrogates that the node
postprocessor put into the retrieved chunks; the core keeps a session's own surrogates as they
are (`surrogates_in_input="keep"`), so pseudonymizing the whole prompt again is safe.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pseudonym_core import Pseudonymizer, Session


def pseudonymize_texts(p: Pseudonymizer, session: Session, texts: list[str]) -> list[str]:
    """Pseudonymize a batch in one call, so every text of a turn is handled with one session view."""
    return [r.text for r in p.pseudonymize_many(texts, session=session)] if texts else []


async def apseudonymize_texts(p: Pseudonymizer, session: Session, texts: list[str]) -> list[str]:
    """Async twin: detection is CPU-bound, so the batch runs in a worker thread, off the event loop."""
    return [r.text for r in await p.apseudonymize_many(texts, session=session)] if texts else []


def restore_texts(p: Pseudonymizer, session: Session, texts: list[str]) -> list[str]:
    return [p.restore(text, session=session) for text in texts]
