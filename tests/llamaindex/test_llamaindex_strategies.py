"""The LlamaIndex LLM wrapper with LLM strategies chosen in the config (GEN_prompt + REP_prompt).

LlamaIndex's MockLLM echoes the prompt it was sent; the caller must get the originals back and the
echo must not contain them, whether REP_prompt's rewrite was used or it fell back to REP_direct.
"""

from __future__ import annotations

from typing import Any

import pytest
from li_support import leaks
from llama_index.core.base.llms.types import CompletionResponse
from llama_index.core.bridge.pydantic import Field
from llama_index.core.llms import MockLLM

from llamaindex_pseudonym import PseudonymizedLLM

pytest.importorskip("transformers")

PROMPT = "Margaret Olsen from Bristol asked for her lab results."
PEOPLE = ["Margaret Olsen", "Olsen", "Bristol"]


class RecordingEcho(MockLLM):
    """MockLLM (echoes its prompt) plus a record of what it was sent."""

    received: list[str] = Field(default_factory=list)

    def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        self.received.append(prompt)
        return super().complete(prompt, formatted=formatted, **kwargs)


def test_llm_wrapper_with_prompt_strategies() -> None:
    from pseudonym_core import Pseudonymizer

    p = Pseudonymizer(generator="prompt", replacer="prompt")
    cloud = RecordingEcho()
    llm = PseudonymizedLLM(cloud, p)
    out = llm.complete(PROMPT).text
    assert "Margaret Olsen" in out and "Bristol" in out
    assert cloud.received and not leaks(cloud.received, PEOPLE, llm.session)
    assert p.strategy_stats()["replacer:prompt"]["calls"] >= 1
