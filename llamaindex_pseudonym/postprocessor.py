"""`PseudonymizingNodePostprocessor`: retrieved nodes leave the machine only as pseudonymized copies.

It runs after retrieval (embeddings and the vector store stay local and see the real text) and
before response synthesis (the only step that talks to the cloud model). All nodes of one retrieval
are pseudonymized in one batch with the conversation's session, so "Anna Berg" in chunk 3 and
"Ms. Berg" in chunk 7 and in the user's question share one surrogate, unlike per-node masking that
numbers entities per node (`[NAME1]` meaning different people in different chunks).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from llama_index.core.bridge.pydantic import Field, PrivateAttr
from llama_index.core.postprocessor.types import BaseNodePostprocessor
from llama_index.core.schema import BaseNode, MetadataMode, NodeWithScore, QueryBundle

from llamaindex_pseudonym._transform import (
    apseudonymize_texts,
    pseudonymize_texts,
    restore_texts,
)

if TYPE_CHECKING:
    from pseudonym_core import Pseudonymizer, Session


class PseudonymizingNodePostprocessor(BaseNodePostprocessor):
    """Hands the synthesizer pseudonymized copies of the retrieved nodes, scores and all.

    `metadata_keys=None` (default) pseudonymizes every string metadata value the LLM would see
    (everything not in the node's `excluded_llm_metadata_keys`), because a file name or author field
    leaks as surely as the text does. Pass a list to pseudonymize exactly those keys instead. Nothing
    is ever added to a node's metadata: the mapping lives in the session only.
    """

    metadata_keys: list[str] | None = Field(
        default=None,
        description="Metadata keys to pseudonymize; None means every key visible to the LLM.",
    )

    _pseudonymizer: Pseudonymizer = PrivateAttr()
    _session: Session = PrivateAttr()

    def __init__(
        self,
        pseudonymizer: Pseudonymizer,
        session: Session | None = None,
        *,
        metadata_keys: Sequence[str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(metadata_keys=None if metadata_keys is None else list(metadata_keys), **kwargs)
        self._pseudonymizer = pseudonymizer
        self._session = session if session is not None else pseudonymizer.session()

    @classmethod
    def class_name(cls) -> str:
        return "PseudonymizingNodePostprocessor"

    @property
    def session(self) -> Session:
        return self._session

    @property
    def pseudonymizer(self) -> Pseudonymizer:
        return self._pseudonymizer

    def _postprocess_nodes(
        self, nodes: list[NodeWithScore], query_bundle: QueryBundle | None = None
    ) -> list[NodeWithScore]:
        plan = _Plan(nodes, self._keys_for)
        texts = pseudonymize_texts(self._pseudonymizer, self._session, plan.texts)
        return plan.apply(texts, self._pseudonymize_obj)

    async def _apostprocess_nodes(
        self, nodes: list[NodeWithScore], query_bundle: QueryBundle | None = None
    ) -> list[NodeWithScore]:
        plan = _Plan(nodes, self._keys_for)
        texts = await apseudonymize_texts(self._pseudonymizer, self._session, plan.texts)
        return plan.apply(texts, self._pseudonymize_obj)

    def restore_nodes(self, nodes: Sequence[NodeWithScore]) -> list[NodeWithScore]:
        """Copies of pseudonymized nodes with the originals back, e.g. to show `response.source_nodes`.

        Only for local display: the result holds real personal data again.
        """
        plan = _Plan(nodes, self._keys_for)
        texts = restore_texts(self._pseudonymizer, self._session, plan.texts)
        return plan.apply(texts, lambda value: self._pseudonymizer.restore_obj(value, session=self._session))

    def _pseudonymize_obj(self, value: Any) -> Any:
        return self._pseudonymizer.pseudonymize_obj(value, session=self._session)

    def _keys_for(self, node: BaseNode) -> list[str]:
        if self.metadata_keys is not None:
            return [key for key in self.metadata_keys if key in node.metadata]
        hidden = set(node.excluded_llm_metadata_keys)
        return [key for key in node.metadata if key not in hidden]


class _Plan:
    """Collects node texts and selected string metadata values into one flat batch, then rebuilds.

    String values join the batch; list/dict values (several authors, nested records) go through the
    core's recursive `*_obj` call. Rebuilding works on deep copies, so neither the caller's nodes
    nor the index's docstore ever see a surrogate (an in-place edit would poison the next retrieval
    and the embeddings).
    """

    def __init__(self, nodes: Sequence[NodeWithScore], keys_for: Callable[[BaseNode], list[str]]) -> None:
        self.nodes = list(nodes)
        self.texts: list[str] = []
        self._slots: list[tuple[int, str | None]] = []  # (node index, metadata key or None for text)
        self._objects: list[tuple[int, str]] = []  # container metadata values, transformed whole
        for index, item in enumerate(self.nodes):
            node = item.node
            self._add(index, None, node.get_content(metadata_mode=MetadataMode.NONE))
            for key in keys_for(node):
                value = node.metadata[key]
                if isinstance(value, str):
                    self._add(index, key, value)
                elif isinstance(value, list | tuple | dict):
                    self._objects.append((index, key))

    def _add(self, index: int, key: str | None, text: str) -> None:
        self._slots.append((index, key))
        self.texts.append(text)

    def apply(self, texts: list[str], transform_obj: Callable[[Any], Any]) -> list[NodeWithScore]:
        copies = [item.node.model_copy(deep=True) for item in self.nodes]
        for index, key in self._objects:
            copies[index].metadata[key] = transform_obj(copies[index].metadata[key])
        for (index, key), text in zip(self._slots, texts, strict=True):
            if key is None:
                copies[index].set_content(text)
            else:
                copies[index].metadata[key] = text
        return [item.model_copy(update={"node": copy}) for item, copy in zip(self.nodes, copies, strict=True)]
