"""PseudonymizingNodePostprocessor on real TextNodes and on nodes retrieved from a real index."""

from __future__ import annotations

from typing import Any

from li_support import ORIGINALS, leaks
from llama_index.core import VectorStoreIndex
from llama_index.core.schema import MetadataMode, NodeWithScore, TextNode

from llamaindex_pseudonym import PseudonymizingNodePostprocessor


def _nodes() -> list[NodeWithScore]:
    return [
        NodeWithScore(
            node=TextNode(
                text="Margaret Olsen called the clinic in Bristol on Monday.",
                metadata={"author": "Daniel Whitaker", "reviewers": ["Priya Raman"], "pages": 3},
            ),
            score=0.91,
        ),
        NodeWithScore(
            node=TextNode(
                text="The nurse phoned Margaret Olsen back the same day.",
                metadata={"author": "Daniel Whitaker", "internal_owner": "Lena Fischer"},
                excluded_llm_metadata_keys=["internal_owner"],
            ),
            score=0.42,
        ),
    ]


def test_copies_keep_scores_ids_and_leave_input_untouched(pseudonymizer: Any) -> None:
    nodes = _nodes()
    before = [n.node.model_dump() for n in nodes]
    out = PseudonymizingNodePostprocessor(pseudonymizer).postprocess_nodes(nodes)
    assert [n.node.model_dump() for n in nodes] == before
    assert [n.score for n in out] == [0.91, 0.42]
    assert [n.node.node_id for n in out] == [n.node.node_id for n in nodes]
    assert all(o.node is not n.node for o, n in zip(out, nodes, strict=True))
    assert out[0].node.metadata["pages"] == 3


def test_same_person_same_surrogate_in_every_node(pseudonymizer: Any) -> None:
    session = pseudonymizer.session()
    out = PseudonymizingNodePostprocessor(pseudonymizer, session).postprocess_nodes(_nodes())
    texts = [n.node.get_content() for n in out]
    assert not leaks(texts, ["Margaret Olsen", "Olsen", "Bristol"], session)
    surrogate = pseudonymizer.pseudonymize("Margaret Olsen", session=session).text
    assert surrogate != "Margaret Olsen"
    assert surrogate in texts[0] and surrogate in texts[1]


def test_metadata_visible_to_the_llm_is_pseudonymized_by_default(pseudonymizer: Any) -> None:
    out = PseudonymizingNodePostprocessor(pseudonymizer).postprocess_nodes(_nodes())
    llm_views = [n.node.get_content(metadata_mode=MetadataMode.LLM) for n in out]
    assert not leaks(llm_views, ["Daniel Whitaker", "Priya Raman", "Margaret Olsen"])
    # nothing added: the mapping never travels in node metadata
    assert [set(n.node.metadata) for n in out] == [set(n.node.metadata) for n in _nodes()]
    # a key hidden from the LLM is left alone (it never reaches the cloud)
    assert out[1].node.metadata["internal_owner"] == "Lena Fischer"


def test_only_named_metadata_keys_when_given(pseudonymizer: Any) -> None:
    post = PseudonymizingNodePostprocessor(pseudonymizer, metadata_keys=["reviewers"])
    out = post.postprocess_nodes(_nodes())
    assert out[0].node.metadata["author"] == "Daniel Whitaker"
    assert out[0].node.metadata["reviewers"] != ["Priya Raman"]
    assert not leaks([str(out[0].node.metadata["reviewers"])], ["Priya Raman"])


async def test_async_matches_sync_session(pseudonymizer: Any) -> None:
    session = pseudonymizer.session()
    post = PseudonymizingNodePostprocessor(pseudonymizer, session)
    sync_out = post.postprocess_nodes(_nodes())
    async_out = await post.apostprocess_nodes(_nodes())
    assert [n.node.get_content() for n in async_out] == [n.node.get_content() for n in sync_out]


def test_restore_nodes_gives_the_originals_back(pseudonymizer: Any) -> None:
    post = PseudonymizingNodePostprocessor(pseudonymizer)
    nodes = _nodes()
    restored = post.restore_nodes(post.postprocess_nodes(nodes))
    assert [n.node.get_content() for n in restored] == [n.node.get_content() for n in nodes]
    assert restored[0].node.metadata["author"] == "Daniel Whitaker"


def test_retrieved_nodes_from_a_real_index(pseudonymizer: Any, index: VectorStoreIndex) -> None:
    retrieved = index.as_retriever(similarity_top_k=4).retrieve("Who is the patient's cardiologist?")
    stored_before = {nid: n.get_content() for nid, n in index.docstore.docs.items()}
    session = pseudonymizer.session()
    out = PseudonymizingNodePostprocessor(pseudonymizer, session).postprocess_nodes(retrieved)
    assert len(out) == len(retrieved) == 4
    assert not leaks([n.node.get_content(metadata_mode=MetadataMode.LLM) for n in out], ORIGINALS, session)
    assert {nid: n.get_content() for nid, n in index.docstore.docs.items()} == stored_before
