"""PseudonymizedLLM against LlamaIndex's own MockLLM, which echoes whatever it was sent.

An echoing cloud is the strictest round trip: the answer *is* the pseudonymized prompt, so the
restored answer must equal the original prompt, and every streamed chunk boundary that cuts a
surrogate (MockLLM streams one character at a time) has to be handled by the stream restorer.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

import pytest
from li_support import leaks
from llama_index.core.base.llms.types import (
    ChatMessage,
    ChatResponse,
    CompletionResponse,
    CompletionResponseGen,
    ImageBlock,
    MessageRole,
    TextBlock,
    ToolCallBlock,
)
from llama_index.core.bridge.pydantic import BaseModel, Field
from llama_index.core.llms import MockLLM
from llama_index.core.prompts import PromptTemplate

from llamaindex_pseudonym import PseudonymizedLLM, UnsupportedContentError

PROMPT = "Margaret Olsen from Bristol asked Dr. Samuel Okafor to call her back on +44 117 496 0123."
PEOPLE = ["Margaret Olsen", "Olsen", "Samuel Okafor", "Okafor", "Bristol", "+44 117 496 0123"]


class EchoCloud(MockLLM):
    """LlamaIndex's MockLLM (echo, one character per stream chunk) plus a record of its input."""

    received: list[str] = Field(default_factory=list)
    yielded: int = 0

    def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        self.received.append(prompt)
        return super().complete(prompt, formatted=formatted, **kwargs)

    def stream_complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponseGen:
        self.received.append(prompt)
        inner = super().stream_complete(prompt, formatted=formatted, **kwargs)

        def gen() -> CompletionResponseGen:
            for chunk in inner:
                self.yielded += 1
                yield chunk

        return gen()


@pytest.fixture
def echo() -> EchoCloud:
    return EchoCloud()


@pytest.fixture
def llm(echo: EchoCloud, pseudonymizer: Any) -> PseudonymizedLLM:
    return PseudonymizedLLM(echo, pseudonymizer)


def test_complete_round_trip(llm: PseudonymizedLLM, echo: EchoCloud) -> None:
    assert llm.complete(PROMPT).text == PROMPT
    assert echo.received and not leaks(echo.received, PEOPLE, llm.session)


async def test_acomplete_round_trip(llm: PseudonymizedLLM, echo: EchoCloud) -> None:
    assert (await llm.acomplete(PROMPT)).text == PROMPT
    assert echo.received and not leaks(echo.received, PEOPLE, llm.session)


def test_chat_round_trip_keeps_roles(llm: PseudonymizedLLM, echo: EchoCloud) -> None:
    messages = [
        ChatMessage(role=MessageRole.SYSTEM, content="You help Dr. Samuel Okafor."),
        ChatMessage(role=MessageRole.USER, content=PROMPT),
    ]
    response = llm.chat(messages)
    assert response.message.role == MessageRole.ASSISTANT
    assert "Dr. Samuel Okafor" in (response.message.content or "")
    assert PROMPT in (response.message.content or "")
    assert not leaks(echo.received, PEOPLE, llm.session)
    assert messages[1].content == PROMPT  # the caller's messages are not rewritten


async def test_achat_round_trip(llm: PseudonymizedLLM, echo: EchoCloud) -> None:
    response = await llm.achat([ChatMessage(role=MessageRole.USER, content=PROMPT)])
    assert PROMPT in (response.message.content or "")
    assert not leaks(echo.received, PEOPLE, llm.session)


def test_stream_complete_restores_across_one_character_chunks(llm: PseudonymizedLLM, echo: EchoCloud) -> None:
    chunks = list(llm.stream_complete(PROMPT))
    assert "".join(c.delta or "" for c in chunks) == PROMPT
    assert chunks[-1].text == PROMPT
    # cumulative text and delta stay consistent chunk by chunk
    text = ""
    for chunk in chunks:
        text += chunk.delta or ""
        assert chunk.text == text
    assert not leaks(echo.received, PEOPLE, llm.session)


def test_stream_is_not_buffered(llm: PseudonymizedLLM, echo: EchoCloud) -> None:
    prompt = "The weather report is long and mentions nobody at all, " * 3 + PROMPT
    stream = llm.stream_complete(prompt)
    first = next(stream)
    assert first.delta
    assert echo.yielded < len(prompt) / 2  # the first piece left before the cloud finished
    rest = "".join(c.delta or "" for c in stream)
    assert (first.delta or "") + rest == prompt


async def test_astream_complete(llm: PseudonymizedLLM, echo: EchoCloud) -> None:
    stream = await llm.astream_complete(PROMPT)
    pieces = [chunk.delta or "" async for chunk in stream]
    assert "".join(pieces) == PROMPT
    assert len(pieces) > 5
    assert not leaks(echo.received, PEOPLE, llm.session)


def test_stream_chat(llm: PseudonymizedLLM, echo: EchoCloud) -> None:
    chunks = list(llm.stream_chat([ChatMessage(role=MessageRole.USER, content=PROMPT)]))
    assert PROMPT in "".join(c.delta or "" for c in chunks)
    assert chunks[-1].message.content == "".join(c.delta or "" for c in chunks)
    assert not leaks(echo.received, PEOPLE, llm.session)


async def test_astream_chat(llm: PseudonymizedLLM, echo: EchoCloud) -> None:
    stream = await llm.astream_chat([ChatMessage(role=MessageRole.USER, content=PROMPT)])
    chunks = [c async for c in stream]
    assert PROMPT in (chunks[-1].message.content or "")
    assert not leaks(echo.received, PEOPLE, llm.session)


def test_predict_uses_inner_prompt_settings(pseudonymizer: Any) -> None:
    echo = EchoCloud(system_prompt="Answer briefly for Lena Fischer.")
    llm = PseudonymizedLLM(echo, pseudonymizer)
    out = llm.predict(PromptTemplate("Question about {who}?"), who="Margaret Olsen")
    assert out.startswith("Answer briefly for Lena Fischer.")
    assert "Margaret Olsen" in out
    assert not leaks(echo.received, ["Lena Fischer", "Margaret Olsen"])


def test_metadata_passes_through(pseudonymizer: Any) -> None:
    inner = MockLLM(max_tokens=7, is_chat_model=True)
    llm = PseudonymizedLLM(inner, pseudonymizer)
    assert llm.metadata.is_chat_model is True
    assert llm.metadata.num_output == 7
    assert llm.metadata.context_window == inner.metadata.context_window


def test_image_blocks_are_refused_not_leaked(llm: PseudonymizedLLM, echo: EchoCloud) -> None:
    message = ChatMessage(
        role=MessageRole.USER,
        blocks=[TextBlock(text=PROMPT), ImageBlock(url="https://example.com/scan.png")],
    )
    with pytest.raises(UnsupportedContentError):
        llm.chat([message])
    assert echo.received == []


def test_empty_and_blank_messages_pass(llm: PseudonymizedLLM) -> None:
    assert llm.complete("").text == ""
    response = llm.chat([ChatMessage(role=MessageRole.USER, content="  ")])
    assert response.message.content is not None


def test_one_session_means_one_surrogate_across_calls(llm: PseudonymizedLLM, echo: EchoCloud) -> None:
    llm.complete("Margaret Olsen lives in Bristol.")
    llm.complete("Please write to Margaret Olsen.")
    first, second = echo.received
    surrogate_name = first.split(" lives in ")[0]
    assert surrogate_name != "Margaret Olsen"
    assert surrogate_name in second


class Patient(BaseModel):
    name: str


class JsonCloud(MockLLM):
    """Answers structured-output prompts with the patient name it was shown, as JSON."""

    def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        shown = re.findall(r"Patient: ([^,]+),", prompt)[-1]
        return CompletionResponse(text=json.dumps({"name": shown}))


def test_structured_predict_restores_fields(pseudonymizer: Any) -> None:
    llm = PseudonymizedLLM(JsonCloud(), pseudonymizer)
    prompt = PromptTemplate("Extract the patient from: {record}")
    patient = llm.structured_predict(Patient, prompt, record="Patient: Margaret Olsen, born in Bristol.")
    assert patient == Patient(name="Margaret Olsen")


class ToolEchoCloud(MockLLM):
    """Echoes the user's text as a tool call, and records the tool calls it is sent in the history."""

    received: list[str] = Field(default_factory=list)

    def chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponse:
        for message in messages:
            for block in message.blocks:
                if isinstance(block, ToolCallBlock):
                    self.received.append(json.dumps(block.tool_kwargs))
                elif isinstance(block, TextBlock):
                    self.received.append(block.text)
        call = ToolCallBlock(tool_name="lookup", tool_kwargs={"who": [messages[-1].content]})
        return ChatResponse(message=ChatMessage(role=MessageRole.ASSISTANT, blocks=[call]))


def test_tool_call_arguments_both_ways(pseudonymizer: Any) -> None:
    cloud = ToolEchoCloud()
    llm = PseudonymizedLLM(cloud, pseudonymizer)
    earlier = ChatMessage(
        role=MessageRole.ASSISTANT,
        blocks=[ToolCallBlock(tool_name="lookup", tool_kwargs={"who": "Samuel Okafor", "n": 2})],
    )
    response = llm.chat([earlier, ChatMessage(role=MessageRole.USER, content="Margaret Olsen")])
    (call,) = [b for b in response.message.blocks if isinstance(b, ToolCallBlock)]
    assert call.tool_kwargs == {"who": ["Margaret Olsen"]}  # the local tool gets the real value
    assert not leaks(cloud.received, ["Samuel Okafor", "Okafor", "Margaret Olsen", "Olsen"], llm.session)
    assert '"n": 2' in cloud.received[0]
