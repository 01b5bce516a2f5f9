"""The LangChain wrapper with the LLM strategies chosen in the config and nothing else changed.

GEN_prompt and REP_gen run on the real local SmolLM2; the scripted cloud model parrots what it was
sent, so the answer the caller gets back is the restored version of the rewritten prompt.
"""

from __future__ import annotations

from typing import Any

import pytest
from langchain_core.messages import HumanMessage, SystemMessage
from lc_fakes import ScriptedChatModel, all_sent_text, leaked

from langchain_pseudonym import PseudonymizedChatModel

pytest.importorskip("transformers")

ORIGINALS = ["John Smith", "Smith", "Berlin"]
QUESTION = "Please write to John Smith in Berlin about the invoice."


@pytest.fixture(scope="module")
def llm_pseudonymizer() -> Any:
    from pseudonym_core import Pseudonymizer

    return Pseudonymizer(generator="prompt", replacer="gen")


def test_chat_model_with_llm_strategies_hides_and_restores(llm_pseudonymizer: Any) -> None:
    inner = ScriptedChatModel()
    model = PseudonymizedChatModel(llm=inner, pseudonymizer=llm_pseudonymizer)
    answer = model.invoke([SystemMessage("You are terse."), HumanMessage(QUESTION)])
    assert leaked(all_sent_text(inner), ORIGINALS) == []
    content = str(answer.content)
    assert "John Smith" in content and "Berlin" in content  # restored, whatever wording REP_gen chose
    stats = llm_pseudonymizer.strategy_stats()
    assert stats["replacer:gen"]["calls"] >= 1  # the configured strategy did run
