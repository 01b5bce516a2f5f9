"""PseudonymizeRunnable / RestoreRunnable in LCEL chains, and the document transformer."""

from __future__ import annotations

import json
from typing import Any

import pytest
from langchain_core.documents import Document
from langchain_core.embeddings import DeterministicFakeEmbedding
from langchain_core.messages import AIMessage, AIMessageChunk, HumanMessage, SystemMessage
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompt_values import ChatPromptValue, StringPromptValue
from langchain_core.prompts import ChatPromptTemplate
from langchain_core.vectorstores import InMemoryVectorStore
from lc_fakes import ScriptedChatModel, all_sent_text, leaked

from langchain_pseudonym import (
    LeakAudit,
    MissingSessionError,
    PseudonymizedChatModel,
    PseudonymizeRunnable,
    PseudonymizingDocumentTransformer,
    RestoreRunnable,
)

DOCS = [
    Document("John Smith's contract with ACME ends in March.", metadata={"author": "Alice Weber", "n": 1}),
    Document("Alice Weber manages the Berlin office.", metadata={"author": "John Smith", "n": 2}),
    Document("The cafeteria opens at eight.", metadata={"author": "Facilities", "n": 3}),
]
ORIGINALS = ["John Smith", "Alice Weber", "Berlin"]
QUESTION = "When does John Smith's contract end?"


def quote_context(messages: list[Any]) -> AIMessage:
    """The 'cloud' answers by quoting the first context line it was given."""
    text = messages[-1].text
    context = text.split("Context:\n", 1)[1].split("\n", 1)[0]
    return AIMessage(content=f"According to the records: {context}")


def rag_chain(pseudonymizer: Any, session: Any, inner: ScriptedChatModel) -> Any:
    store = InMemoryVectorStore(DeterministicFakeEmbedding(size=32))
    store.add_documents(DOCS)
    retriever = store.as_retriever(search_kwargs={"k": 2})
    prompt = ChatPromptTemplate.from_messages(
        [("system", "Answer from the context."), ("human", "Context:\n{context}\n\nQuestion: {question}")]
    )

    def join(docs: list[Document]) -> str:
        return "\n".join(d.page_content for d in docs)

    return (
        {
            "context": retriever | PseudonymizeRunnable(pseudonymizer, session=session) | join,
            "question": PseudonymizeRunnable(pseudonymizer, session=session),
        }
        | prompt
        | inner
        | StrOutputParser()
        | RestoreRunnable(pseudonymizer, session=session)
    )


def test_lcel_rag_chain_invoke(pseudonymizer: Any, session: Any) -> None:
    inner = ScriptedChatModel(respond=quote_context)
    answer = rag_chain(pseudonymizer, session, inner).invoke(QUESTION)
    assert answer.startswith("According to the records: ")
    assert any(d.page_content in answer for d in DOCS)
    assert leaked(all_sent_text(inner), ORIGINALS) == []


def test_lcel_rag_chain_streams_restored_pieces(pseudonymizer: Any, session: Any) -> None:
    inner = ScriptedChatModel(respond=quote_context, chunk_size=4)
    pieces = list(rag_chain(pseudonymizer, session, inner).stream(QUESTION))
    assert len(pieces) > 5
    assert any(d.page_content in "".join(pieces) for d in DOCS)
    assert leaked(all_sent_text(inner), ORIGINALS) == []


async def test_lcel_rag_chain_async(pseudonymizer: Any, session: Any) -> None:
    inner = ScriptedChatModel(respond=quote_context, chunk_size=4)
    chain = rag_chain(pseudonymizer, session, inner)
    answer = await chain.ainvoke(QUESTION)
    pieces = [p async for p in chain.astream(QUESTION)]
    assert "".join(pieces) == answer
    assert leaked(all_sent_text(inner), ORIGINALS) == []


def test_value_types_round_trip(pseudonymizer: Any, session: Any) -> None:
    pseudo = PseudonymizeRunnable(pseudonymizer, session=session, metadata_keys=["author"])
    restore = RestoreRunnable(pseudonymizer, session=session, metadata_keys=["author"])
    values: list[Any] = [
        "John Smith lives in Berlin.",
        [SystemMessage("Help Alice Weber."), HumanMessage("Call John Smith.")],
        StringPromptValue(text="Write to Alice Weber."),
        ChatPromptValue(messages=[HumanMessage("John Smith in Berlin")]),
        DOCS,
        {"question": "Where is Alice Weber?", "n": 3, "docs": DOCS[:1]},
    ]
    for value in values:
        masked = pseudo.invoke(value)
        assert type(masked) is type(value)
        assert leaked(repr(masked) if not isinstance(masked, str) else masked, ORIGINALS) == []
        assert restore.invoke(masked) == value
    # Metadata not named stays as it is; named fields are masked.
    masked_docs = pseudo.invoke(DOCS)
    assert [d.metadata["n"] for d in masked_docs] == [1, 2, 3]
    assert masked_docs[2].metadata["author"] == "Facilities"


def test_documents_share_surrogates_across_chunks(pseudonymizer: Any, session: Any) -> None:
    masked = PseudonymizeRunnable(pseudonymizer, session=session).invoke(DOCS)
    alone = pseudonymizer.pseudonymize("Alice Weber", session=session).text
    assert alone in masked[1].page_content


def test_restore_streams_message_chunks(pseudonymizer: Any, session: Any) -> None:
    masked = pseudonymizer.pseudonymize("Dear John Smith, see you in Berlin.", session=session).text
    chunks = [AIMessageChunk(content=masked[i : i + 2]) for i in range(0, len(masked), 2)]
    restored = list(RestoreRunnable(pseudonymizer, session=session).transform(iter(chunks)))
    assert "".join(c.content for c in restored) == "Dear John Smith, see you in Berlin."


def test_restore_stream_of_strings_holds_back_only_surrogate_prefixes(pseudonymizer: Any, session: Any) -> None:
    masked = pseudonymizer.pseudonymize("Hello John Smith, welcome.", session=session).text
    pieces = list(RestoreRunnable(pseudonymizer, session=session).transform(iter(masked)))
    assert "".join(pieces) == "Hello John Smith, welcome."
    assert pieces[0].startswith("H")  # text before the surrogate is not held back


def test_pair_with_vault_and_session_id(pseudonymizer: Any) -> None:
    from pseudonym_core.vault import MemoryVault

    vault = MemoryVault()
    inner = ScriptedChatModel()
    chain = (
        PseudonymizeRunnable(pseudonymizer, vault=vault)
        | inner
        | StrOutputParser()
        | RestoreRunnable(pseudonymizer, vault=vault)
    )
    config = {"configurable": {"session_id": "u1"}}
    assert chain.invoke("Call Alice Weber.", config=config) == "Call Alice Weber."
    assert leaked(all_sent_text(inner), ORIGINALS) == []
    with pytest.raises(MissingSessionError):
        chain.invoke("Call Alice Weber.")


def test_pair_with_session_id_and_no_vault(pseudonymizer: Any) -> None:
    # Both halves reopen the id from the shared pseudonymizer's own vault.
    inner = ScriptedChatModel()
    chain = PseudonymizeRunnable(pseudonymizer) | inner | StrOutputParser() | RestoreRunnable(pseudonymizer)
    config = {"configurable": {"session_id": "pair-no-vault"}}
    assert chain.invoke("Call Alice Weber in Berlin.", config=config) == "Call Alice Weber in Berlin."
    assert leaked(all_sent_text(inner), ORIGINALS) == []


def who_manages(messages: list[Any]) -> AIMessage:
    """The 'cloud' answers from the (pseudonymized) document line it was given."""
    doc_text = messages[-1].text.split("\n", 1)[1]
    return AIMessage(content=f"{doc_text.split(' manages')[0]} does.")


def test_document_transformer_shares_session_with_restore_side(pseudonymizer: Any, session: Any) -> None:
    transformer = PseudonymizingDocumentTransformer(pseudonymizer, session=session, metadata_keys=["author"])
    masked = transformer.transform_documents(DOCS)
    assert leaked(repr(masked), ORIGINALS) == []
    assert masked[2].metadata == DOCS[2].metadata

    audit = LeakAudit()
    cloud = ScriptedChatModel(respond=who_manages, callbacks=[audit])
    chain = cloud | StrOutputParser() | RestoreRunnable(pseudonymizer, session=session)
    answer = chain.invoke(f"Who manages the office?\n{masked[1].page_content}")
    assert answer == "Alice Weber does."
    audit.assert_no_leaks(ORIGINALS)


def _transformer_then_wrapped_model(pseudonymizer: Any, session: Any) -> tuple[Any, LeakAudit]:
    masked = PseudonymizingDocumentTransformer(pseudonymizer, session=session).transform_documents(DOCS)
    audit = LeakAudit()
    llm = PseudonymizedChatModel(
        llm=ScriptedChatModel(respond=who_manages, callbacks=[audit]),
        pseudonymizer=pseudonymizer,
        session=session,
    )
    return llm.invoke(f"Who manages the office?\n{masked[1].page_content}"), audit


def test_document_transformer_output_through_wrapped_chat_model_never_leaks(pseudonymizer: Any, session: Any) -> None:
    _, audit = _transformer_then_wrapped_model(pseudonymizer, session)
    audit.assert_no_leaks(ORIGINALS)


def test_document_transformer_output_through_wrapped_chat_model_restores(pseudonymizer: Any, session: Any) -> None:
    answer, _ = _transformer_then_wrapped_model(pseudonymizer, session)
    assert answer.content == "Alice Weber does."


async def test_document_transformer_async_and_per_call_session(pseudonymizer: Any) -> None:
    from pseudonym_core.vault import MemoryVault

    vault = MemoryVault()
    transformer = PseudonymizingDocumentTransformer(pseudonymizer, vault=vault)
    masked = await transformer.atransform_documents(DOCS, session_id="reader-1")
    session = pseudonymizer.session(id="reader-1", vault=vault)
    restored = [pseudonymizer.restore(d.page_content, session=session) for d in masked]
    assert restored == [d.page_content for d in DOCS]
    assert transformer.transform_documents([]) == []


@pytest.mark.parametrize("step", [1, 4, 7])
def test_restore_streamed_tool_arguments_written_with_unicode_escapes(
    pseudonymizer: Any, session: Any, step: int
) -> None:
    # A provider may stream JSON arguments with every character \u-escaped; the escapes may be cut
    # anywhere between chunks. The tool must still receive the original.
    surrogate = pseudonymizer.pseudonymize("José Núñez", session=session).text
    args = '{"name": "' + "".join(f"\\u{ord(c):04x}" for c in surrogate) + '", "note": "a \\"b\\" \\\\u00e9"}'
    chunks = [
        AIMessageChunk(
            content="",
            tool_call_chunks=[
                {
                    "name": "lookup" if i == 0 else None,
                    "id": "t" if i == 0 else None,
                    "args": args[i : i + step],
                    "index": 0,
                }
            ],
        )
        for i in range(0, len(args), step)
    ]
    restored = list(RestoreRunnable(pseudonymizer, session=session).transform(iter(chunks)))
    merged = restored[0]
    for chunk in restored[1:]:
        merged = merged + chunk
    assert merged.tool_calls[0]["args"] == {"name": "José Núñez", "note": 'a "b" \\u00e9'}


def test_raw_provider_arguments_are_mapped_as_json(pseudonymizer: Any, session: Any) -> None:
    surrogate = pseudonymizer.pseudonymize("Zoë Dubois", session=session).text
    raw = {
        "tool_calls": [
            {"id": "x", "type": "function", "function": {"name": "f", "arguments": json.dumps({"who": surrogate})}}
        ]
    }
    message = AIMessage(content="", additional_kwargs=raw)
    restored = RestoreRunnable(pseudonymizer, session=session).invoke(message)
    arguments = restored.additional_kwargs["tool_calls"][0]["function"]["arguments"]
    assert json.loads(arguments) == {"who": "Zoë Dubois"}
    assert restored.additional_kwargs["tool_calls"][0]["id"] == "x"


def test_restore_anthropic_style_block_stream(pseudonymizer: Any, session: Any) -> None:
    text = pseudonymizer.pseudonymize("Checking John Smith now.", session=session).text
    args = json.dumps({"name": pseudonymizer.pseudonymize("John Smith", session=session).text})
    chunks = [
        AIMessageChunk(content=[{"type": "text", "text": text[i : i + 3], "index": 0}]) for i in range(0, len(text), 3)
    ]
    chunks.append(AIMessageChunk(content=[{"type": "tool_use", "id": "t", "name": "lookup", "input": {}, "index": 1}]))
    for i in range(0, len(args), 3):
        piece = args[i : i + 3]
        chunks.append(
            AIMessageChunk(
                content=[{"type": "input_json_delta", "partial_json": piece, "index": 1}],
                tool_call_chunks=[
                    {"name": "lookup" if i == 0 else None, "id": "t" if i == 0 else None, "args": piece, "index": 1}
                ],
            )
        )
    restored = list(RestoreRunnable(pseudonymizer, session=session).transform(iter(chunks)))
    merged = restored[0]
    for chunk in restored[1:]:
        merged = merged + chunk
    assert merged.content[0]["text"] == "Checking John Smith now."
    assert json.loads(merged.content[1]["partial_json"]) == {"name": "John Smith"}
    assert merged.tool_calls[0]["args"] == {"name": "John Smith"}
