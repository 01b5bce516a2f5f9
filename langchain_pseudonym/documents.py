"""Pseudonymizing documents (loaded or retrieved) with the session the chat side uses."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from langchain_core.documents import BaseDocumentTransformer, Document
from langchain_core.runnables.config import run_in_executor

from langchain_pseudonym._convert import map_documents, pseudonymize_ops
from langchain_pseudonym._session import DEFAULT_SESSION_KEY, resolve_session

if TYPE_CHECKING:
    from pseudonym_core import Pseudonymizer, Session


class PseudonymizingDocumentTransformer(BaseDocumentTransformer):
    """Replaces personal data in page contents and in the metadata fields you name.

    All documents of one call are pseudonymized in one batch, so a person mentioned in several
    chunks gets one surrogate. Share the session with `PseudonymizedChatModel` (same `session`,
    or same `vault` and `session_id`) so that answers about these documents restore correctly.
    """

    def __init__(
        self,
        pseudonymizer: Pseudonymizer,
        *,
        session: Session | None = None,
        vault: Any | None = None,
        metadata_keys: Sequence[str] = (),
    ) -> None:
        self.pseudonymizer = pseudonymizer
        self.session = session
        self.vault = vault
        self.metadata_keys = tuple(metadata_keys)

    def __repr__(self) -> str:
        return f"PseudonymizingDocumentTransformer(metadata_keys={self.metadata_keys!r})"

    def _session(self, session_id: str | None) -> Session:
        config = {"configurable": {DEFAULT_SESSION_KEY: session_id}} if session_id is not None else None
        return resolve_session(self.pseudonymizer, session=self.session, vault=self.vault, config=config)

    def transform_documents(
        self, documents: Sequence[Document], *, session_id: str | None = None, **kwargs: Any
    ) -> Sequence[Document]:
        """Return pseudonymized copies; `session_id` picks a vault session for this call."""
        if not documents:
            return []
        ops = pseudonymize_ops(self.pseudonymizer, self._session(session_id))
        return map_documents(documents, ops, self.metadata_keys)

    async def atransform_documents(
        self, documents: Sequence[Document], *, session_id: str | None = None, **kwargs: Any
    ) -> Sequence[Document]:
        """Async twin; detection runs in an executor so the event loop stays free."""
        return await run_in_executor(None, self.transform_documents, documents, session_id=session_id)
