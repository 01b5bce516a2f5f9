"""LangChain's own standard unit tests for chat models, run against the wrapper.

Skips come only from the suite itself:
- `test_init_from_env`: skipped by the suite because `init_from_env_params` is empty. The wrapper
  reads no environment variables; credentials belong to the wrapped model.
- `test_serdes`: skipped by the suite because the class is not `is_lc_serializable()`. It must
  not be: serializing the wrapper would serialize its session, i.e. a handle on the vault of
  original personal data.
"""

from __future__ import annotations

from typing import Any

from langchain_tests.unit_tests import ChatModelUnitTests
from lc_fakes import ScriptedChatModel, shared_pseudonymizer

from langchain_pseudonym import PseudonymizedChatModel


class TestPseudonymizedChatModelStandard(ChatModelUnitTests):
    @property
    def chat_model_class(self) -> type[PseudonymizedChatModel]:
        return PseudonymizedChatModel

    @property
    def chat_model_params(self) -> dict[str, Any]:
        return {"llm": ScriptedChatModel(), "pseudonymizer": shared_pseudonymizer()}
