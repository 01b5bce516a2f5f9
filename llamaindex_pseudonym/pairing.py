"""`PrivateRAG`: the LLM wrapper and the node postprocessor, built together on one session.

Wiring them by hand invites a mismatch (two `p.session()` calls give two mappings: the nodes say
"Mark Novak", the question says "Paul Weber", the model is confused and restoration misses). Built
here, both sides provably hold the same session, and one `PrivateRAG` is one conversation.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from llama_index.core.base.response.schema import RESPONSE_TYPE
from llama_index.core.chat_engine.types import AGENT_CHAT_RESPONSE_TYPE, BaseChatEngine
from llama_index.core.indices.base import BaseIndex
from llama_index.core.llms.llm import LLM
from llama_index.core.postprocessor.types import BaseNodePostprocessor
from llama_index.core.query_engine import BaseQueryEngine
from llama_index.core.schema import NodeWithScore

from llamaindex_pseudonym.llm import PseudonymizedLLM
from llamaindex_pseudonym.postprocessor import PseudonymizingNodePostprocessor

if TYPE_CHECKING:
    from pseudonym_core import Pseudonymizer, RestorePolicy, Session


class PrivateRAG:
    """One conversation's pseudonymization boundary for LlamaIndex engines.

    ```python
    private = PrivateRAG(cloud_llm, pseudonymizer)
    answer = private.as_query_engine(index).query("Where does Anna Berg work?")
    ```
    Create one per conversation (cheap; share the `Pseudonymizer`), so that surrogates are not
    linkable across conversations.
    """

    def __init__(
        self,
        llm: LLM,
        pseudonymizer: Pseudonymizer,
        session: Session | None = None,
        *,
        metadata_keys: Sequence[str] | None = None,
        allow_non_text_blocks: bool = False,
        restore_policy: RestorePolicy | None = None,
        strict_guard: bool = False,
    ) -> None:
        self.pseudonymizer = pseudonymizer
        self.session = session if session is not None else pseudonymizer.session()
        self.llm = PseudonymizedLLM(
            llm,
            pseudonymizer,
            self.session,
            allow_non_text_blocks=allow_non_text_blocks,
            restore_policy=restore_policy,
            strict_guard=strict_guard,
        )
        self.node_postprocessor = PseudonymizingNodePostprocessor(
            pseudonymizer, self.session, metadata_keys=metadata_keys
        )

    def engine_kwargs(self, node_postprocessors: Sequence[BaseNodePostprocessor] = ()) -> dict[str, Any]:
        """`llm=` and `node_postprocessors=` for any engine factory (`RetrieverQueryEngine.from_args`, …).

        The pseudonymizing postprocessor goes last: whatever runs before it (rerankers, filters)
        sees real text locally, and nothing after it can reintroduce originals.
        """
        return {"llm": self.llm, "node_postprocessors": [*node_postprocessors, self.node_postprocessor]}

    def as_query_engine(self, index: BaseIndex, **kwargs: Any) -> BaseQueryEngine:
        extra = kwargs.pop("node_postprocessors", None) or ()
        self._refuse_llm(kwargs)
        return index.as_query_engine(**self.engine_kwargs(extra), **kwargs)

    def as_chat_engine(
        self, index: BaseIndex, chat_mode: str = "condense_plus_context", **kwargs: Any
    ) -> BaseChatEngine:
        """A chat engine whose every turn (history, condensed question, context) is pseudonymized."""
        extra = kwargs.pop("node_postprocessors", None) or ()
        self._refuse_llm(kwargs)
        return index.as_chat_engine(chat_mode=chat_mode, **self.engine_kwargs(extra), **kwargs)

    def restore_nodes(self, nodes: Sequence[NodeWithScore]) -> list[NodeWithScore]:
        """Copies of (pseudonymized) nodes with the real text back, for local display only."""
        return self.node_postprocessor.restore_nodes(nodes)

    def restore_source_nodes(
        self, response: RESPONSE_TYPE | AGENT_CHAT_RESPONSE_TYPE
    ) -> RESPONSE_TYPE | AGENT_CHAT_RESPONSE_TYPE:
        """Replace `response.source_nodes` by restored copies (opt-in: they then hold real data).

        Engines return the nodes the model saw, i.e. pseudonymized ones; the answer text itself is
        already restored by the LLM wrapper.
        """
        response.source_nodes = self.restore_nodes(response.source_nodes)
        if getattr(response, "metadata", None) is not None:  # query responses mirror node metadata
            response.metadata = {n.node.node_id: n.node.metadata for n in response.source_nodes}
        return response

    @staticmethod
    def _refuse_llm(kwargs: dict[str, Any]) -> None:
        if "llm" in kwargs:
            raise TypeError("PrivateRAG supplies llm= itself; pass the cloud model to PrivateRAG(llm, pseudonymizer)")
