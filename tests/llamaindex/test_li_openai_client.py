"""PseudonymizedLLM over LlamaIndex's real `OpenAI` / `OpenAILike` clients talking HTTP to a local server.

What is asserted is what left the process: the raw request bodies the `openai` SDK wrote to the
socket (no original, in any case, no part of a name, no number in any layout), and what came
back to the caller (the originals, and no surrogate left). The server echoes or quotes what it
was sent, so every answer carries surrogates that must be restored.
"""

from __future__ import annotations

import itertools
import json
import re
from typing import Any

import pytest
from leakcheck import EMAIL, IBAN, PERSON, PHONE, TEXT, assert_private, assert_restored
from li_support import ORIGINALS as DOC_ORIGINALS
from li_support import extractive_answer
from llama_index.core import VectorStoreIndex
from llama_index.core.base.llms.types import ChatMessage, MessageRole
from llama_index.core.bridge.pydantic import BaseModel
from llama_index.core.llms.function_calling import FunctionCallingLLM
from llama_index.core.prompts import PromptTemplate
from llama_index.core.tools import FunctionTool
from llama_index.llms.openai import OpenAI
from llama_index.llms.openai_like import OpenAILike
from openai_server import OpenAIServer, Reply, ToolCall, last_message, message_text

from llamaindex_pseudonym import PrivateRAG, PseudonymizedLLM

QUESTION = "Who referred Margaret Olsen to the cardiology unit?"


def openai_llm(server: OpenAIServer, **kwargs: Any) -> OpenAI:
    kwargs.setdefault("model", "gpt-4o-mini")
    return OpenAI(api_base=server.base_url, api_key="sk-test", max_retries=0, **kwargs)


def quoting(body: dict[str, Any]) -> Reply:
    """A grounded model: quotes the context sentence that best matches the question."""
    messages = body.get("messages")
    corpus = "\n".join(message_text(m) for m in messages) if messages else str(body.get("prompt"))
    question = last_message(body, ("user",))
    found = re.findall(r"Query: (.*)", corpus)
    return Reply(content=extractive_answer(found[-1] if found else question, corpus))


# -- the LLM interface -----------------------------------------------------------------------------


def test_chat_and_complete(openai_server: OpenAIServer, pseudonymizer: Any) -> None:
    llm = PseudonymizedLLM(openai_llm(openai_server), pseudonymizer)
    assert isinstance(llm, FunctionCallingLLM) and llm.metadata.is_function_calling_model
    chat = llm.chat([ChatMessage(role=MessageRole.USER, content=TEXT)])
    completion = llm.complete(TEXT)
    for answer in (chat.message.content or "", completion.text):
        assert answer == f"You wrote: {TEXT}"
        assert_restored(answer, llm.session)
    assert_private(openai_server.bodies(), llm.session)


def test_streams_split_surrogates(openai_server: OpenAIServer, pseudonymizer: Any) -> None:
    llm = PseudonymizedLLM(openai_llm(openai_server), pseudonymizer)
    chat = list(llm.stream_chat([ChatMessage(role=MessageRole.USER, content=TEXT)]))
    completion = list(llm.stream_complete(TEXT))
    for chunks in (chat, completion):
        assert len(chunks) > 10  # three characters per server chunk: surrogates arrive in pieces
        assert "".join(c.delta or "" for c in chunks) == f"You wrote: {TEXT}"
    assert chat[-1].message.content == completion[-1].text == f"You wrote: {TEXT}"
    assert_private(openai_server.bodies(), llm.session)
    assert all(json.loads(body)["stream"] for body in openai_server.bodies())


async def test_async_twins(openai_server: OpenAIServer, pseudonymizer: Any) -> None:
    llm = PseudonymizedLLM(openai_llm(openai_server), pseudonymizer)
    messages = [ChatMessage(role=MessageRole.USER, content=TEXT)]
    answers = [(await llm.achat(messages)).message.content, (await llm.acomplete(TEXT)).text]
    answers.append("".join([c.delta or "" async for c in await llm.astream_chat(messages)]))
    answers.append("".join([c.delta or "" async for c in await llm.astream_complete(TEXT)]))
    assert answers == [f"You wrote: {TEXT}"] * 4
    assert_private(openai_server.bodies(), llm.session)


@pytest.mark.parametrize("chat_model", [True, False], ids=["chat-endpoint", "completions-endpoint"])
def test_openai_like(openai_server: OpenAIServer, pseudonymizer: Any, chat_model: bool) -> None:
    """OpenAILike reads OPENAI_API_BASE (set by the fixture); completion models use /v1/completions."""
    inner = OpenAILike(model="local-model", api_key="sk-test", is_chat_model=chat_model, max_retries=0)
    llm = PseudonymizedLLM(inner, pseudonymizer)
    assert not llm.metadata.is_function_calling_model  # mirrors OpenAILike's default
    assert llm.complete(TEXT).text == f"You wrote: {TEXT}"
    assert "".join(c.delta or "" for c in llm.stream_complete(TEXT)) == f"You wrote: {TEXT}"
    path = "/v1/chat/completions" if chat_model else "/v1/completions"
    assert {r.path for r in openai_server.requests} == {path}
    assert_private(openai_server.bodies(), llm.session)


def test_json_mode(openai_server: OpenAIServer, pseudonymizer: Any) -> None:
    """`response_format` reaches the server; the JSON answer's values come back restored."""

    def as_json(body: dict[str, Any]) -> str:
        assert body["response_format"] == {"type": "json_object"}
        name, email = re.search(r"this is (.+?) \((\S+),", last_message(body)).groups()  # type: ignore[union-attr]
        return json.dumps({"customer": name, "email": email})

    openai_server.script(as_json)
    llm = PseudonymizedLLM(
        openai_llm(openai_server, additional_kwargs={"response_format": {"type": "json_object"}}), pseudonymizer
    )
    answer = llm.chat([ChatMessage(role=MessageRole.USER, content=TEXT)]).message.content or ""
    assert json.loads(answer) == {"customer": PERSON, "email": EMAIL}
    assert_private(openai_server.bodies(), llm.session)


class Customer(BaseModel):
    name: str
    phone: str
    iban: str


def customer_call(body: dict[str, Any]) -> Reply:
    """Fill the output tool from what the model was shown (surrogates)."""
    text = last_message(body)
    name = re.search(r"this is (.+?) \(", text).group(1)  # type: ignore[union-attr]
    phone = re.search(r", (\+[\d ]+)\)", text).group(1)  # type: ignore[union-attr]
    iban = re.search(r"IBAN is ([A-Z]{2}[\d ]+\d)", text).group(1)  # type: ignore[union-attr]
    tool = body["tools"][0]["function"]["name"]
    return Reply(tool_calls=[ToolCall(tool, {"name": name, "phone": phone, "iban": iban})])


def test_structured_predict_uses_native_function_calling(openai_server: OpenAIServer, pseudonymizer: Any) -> None:
    openai_server.script(customer_call)
    llm = PseudonymizedLLM(openai_llm(openai_server), pseudonymizer)
    customer = llm.structured_predict(Customer, PromptTemplate("Extract the customer: {text}"), text=TEXT)
    assert customer == Customer(name=PERSON, phone=PHONE, iban=IBAN)
    assert openai_server.chat_bodies()[0]["tools"]  # the tool route, not a JSON prompt
    assert_private(openai_server.bodies(), llm.session)


async def test_stream_structured_predict(openai_server: OpenAIServer, pseudonymizer: Any) -> None:
    openai_server.script(customer_call, customer_call)
    llm = PseudonymizedLLM(openai_llm(openai_server), pseudonymizer)
    prompt = PromptTemplate("Extract the customer: {text}")
    partials = list(llm.stream_structured_predict(Customer, prompt, text=TEXT))
    assert partials[-1] == Customer(name=PERSON, phone=PHONE, iban=IBAN)
    customer = await llm.astructured_predict(Customer, prompt, text=TEXT)
    assert customer == Customer(name=PERSON, phone=PHONE, iban=IBAN)
    assert_private(openai_server.bodies(), llm.session)


# -- tool calling -----------------------------------------------------------------------------------


def tools_and_log() -> tuple[list[FunctionTool], list[str]]:
    received: list[str] = []

    def lookup(name: str) -> str:
        """Look up a customer's account by full name."""
        received.append(name)
        return f"{name}: account active, call back on {PHONE}"

    return [FunctionTool.from_defaults(lookup)], received


def lookup_call(body: dict[str, Any]) -> Reply:
    name = re.search(r"this is (.+?) \(", last_message(body, ("user",))).group(1)  # type: ignore[union-attr]
    return Reply(tool_calls=[ToolCall("lookup", {"name": name})])


def test_chat_with_tools_and_predict_and_call(openai_server: OpenAIServer, pseudonymizer: Any) -> None:
    tools, received = tools_and_log()
    openai_server.script(lookup_call, lookup_call)
    llm = PseudonymizedLLM(openai_llm(openai_server), pseudonymizer)
    response = llm.chat_with_tools(tools, user_msg=TEXT)
    (selection,) = llm.get_tool_calls_from_response(response)
    assert selection.tool_kwargs == {"name": PERSON}
    output = llm.predict_and_call(tools, user_msg=TEXT)
    assert received == [PERSON]  # the tool ran with the real name
    assert output.response == f"{PERSON}: account active, call back on {PHONE}"
    assert_private(openai_server.bodies(), llm.session)
    assert openai_server.chat_bodies()[0]["tools"][0]["function"]["name"] == "lookup"


async def test_streamed_tool_call_arguments_are_restored_consistently(
    openai_server: OpenAIServer, pseudonymizer: Any
) -> None:
    tools, received = tools_and_log()
    openai_server.script(lookup_call, lookup_call, lookup_call)
    llm = PseudonymizedLLM(openai_llm(openai_server), pseudonymizer)
    chunks = list(llm.stream_chat_with_tools(tools, user_msg=TEXT))
    seen = [c.message.blocks[-1].tool_kwargs for c in chunks if len(c.message.blocks) > 1]
    texts = [s for s in seen if isinstance(s, str)]
    assert len(texts) > 5  # the arguments arrived in pieces
    assert all(b.startswith(a) for a, b in itertools.pairwise(texts))  # they only ever grow
    (selection,) = llm.get_tool_calls_from_response(chunks[-1])
    assert selection.tool_kwargs == {"name": PERSON}
    async_chunks = [c async for c in await llm.astream_chat_with_tools(tools, user_msg=TEXT)]
    assert llm.get_tool_calls_from_response(async_chunks[-1])[0].tool_kwargs == {"name": PERSON}
    output = await llm.apredict_and_call(tools, user_msg=TEXT)
    assert received == [PERSON] and PHONE in output.response
    assert_private(openai_server.bodies(), llm.session)


def test_tool_results_and_history_go_back_pseudonymized(openai_server: OpenAIServer, pseudonymizer: Any) -> None:
    tools, _ = tools_and_log()
    openai_server.script(lookup_call)
    llm = PseudonymizedLLM(openai_llm(openai_server), pseudonymizer)
    user = ChatMessage(role=MessageRole.USER, content=TEXT)
    call = llm.chat_with_tools(tools, user_msg=user)
    selection = llm.get_tool_calls_from_response(call)[0]
    result = tools[0].call(**selection.tool_kwargs)
    tool_message = ChatMessage(
        role=MessageRole.TOOL, content=str(result), additional_kwargs={"tool_call_id": selection.tool_id}
    )
    answer = llm.chat([user, call.message, tool_message])
    assert answer.message.content == f"You wrote: {PERSON}: account active, call back on {PHONE}"
    second = openai_server.chat_bodies()[1]["messages"]
    assert [m["role"] for m in second] == ["user", "assistant", "tool"]
    assert second[1]["tool_calls"][0]["id"] == selection.tool_id
    assert_private(openai_server.bodies(), llm.session)


# -- engines over a real index ----------------------------------------------------------------------


@pytest.mark.parametrize("streaming", [False, True], ids=["whole", "streamed"])
def test_private_query_engine(
    openai_server: OpenAIServer, pseudonymizer: Any, index: VectorStoreIndex, streaming: bool
) -> None:
    openai_server.default = quoting
    private = PrivateRAG(openai_llm(openai_server), pseudonymizer)
    response = private.as_query_engine(index, similarity_top_k=3, streaming=streaming).query(QUESTION)
    answer = "".join(response.response_gen) if streaming else str(response)
    assert "Samuel Okafor" in answer and "Margaret Olsen" in answer
    assert_restored(answer, private.session)
    assert_private(openai_server.bodies(), private.session, DOC_ORIGINALS)


async def test_private_query_engine_async(
    openai_server: OpenAIServer, pseudonymizer: Any, index: VectorStoreIndex
) -> None:
    openai_server.default = quoting
    private = PrivateRAG(openai_llm(openai_server), pseudonymizer)
    engine = private.as_query_engine(index, similarity_top_k=3, streaming=True)
    response = await engine.aquery(QUESTION)
    answer = "".join([token async for token in response.async_response_gen()])
    assert "Samuel Okafor" in answer
    assert_private(openai_server.bodies(), private.session, DOC_ORIGINALS)


async def test_private_chat_engine(openai_server: OpenAIServer, pseudonymizer: Any, index: VectorStoreIndex) -> None:
    openai_server.default = quoting
    private = PrivateRAG(openai_llm(openai_server), pseudonymizer)
    engine = private.as_chat_engine(index, similarity_top_k=3)
    first = engine.chat(QUESTION)
    assert "Samuel Okafor" in str(first)
    streamed = engine.stream_chat("Which city does Margaret Olsen live in?")
    second = "".join(streamed.response_gen)
    third = await engine.achat("What is the phone number of Margaret Olsen?")
    for answer in (str(first), second, str(third)):
        assert_restored(answer, private.session)
    assert len(openai_server.requests) >= 5  # condense steps and answers, history sent back each turn
    assert_private(openai_server.bodies(), private.session, DOC_ORIGINALS)


def test_no_tokenizer_download(openai_server: OpenAIServer, pseudonymizer: Any) -> None:
    """Chat models count no tokens; a legacy completion model does (tiktoken) unless max_tokens is set.

    The fixture fails the test on any lookup beyond 127.0.0.1. `OpenAI(model=<completion model>)`
    without `max_tokens` calls `tiktoken.encoding_for_model`, which downloads its encoding; with
    `max_tokens` it does not. LlamaIndex's own token counting uses the tiktoken cache bundled with
    llama-index-core (TIKTOKEN_CACHE_DIR unset).
    """
    for model, extra in (("gpt-4o-mini", {}), ("gpt-3.5-turbo-instruct", {"max_tokens": 256})):
        llm = PseudonymizedLLM(openai_llm(openai_server, model=model, **extra), pseudonymizer)
        assert llm.complete(TEXT).text == f"You wrote: {TEXT}"
    assert [r.path for r in openai_server.requests] == ["/v1/chat/completions", "/v1/completions"]
    assert_private(openai_server.bodies(), llm.session)


async def test_streamed_reasoning_is_restored(openai_server: OpenAIServer, pseudonymizer: Any) -> None:
    """`thinking_delta` (what agents stream as AgentStream.thinking_delta) and the ThinkingBlock."""

    def thinking(body: dict[str, Any]) -> Reply:
        text = last_message(body)
        return Reply(content="Noted.", reasoning=f"The user wrote: {text}")

    openai_server.script(thinking, thinking)
    llm = PseudonymizedLLM(openai_llm(openai_server), pseudonymizer)
    messages = [ChatMessage(role=MessageRole.USER, content=TEXT)]
    chunks = list(llm.stream_chat(messages))
    deltas = "".join(c.additional_kwargs.get("thinking_delta") or "" for c in chunks)
    assert deltas == f"The user wrote: {TEXT}"
    last = chunks[-1].message
    assert [b.content for b in last.blocks if b.block_type == "thinking"] == [deltas]
    assert last.content == "Noted."
    whole = llm.chat(messages).message
    assert [b.content for b in whole.blocks if b.block_type == "thinking"] == [deltas]
