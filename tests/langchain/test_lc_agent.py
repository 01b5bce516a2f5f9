"""A LangChain tool-calling agent (create_agent) over a pseudonymized cloud model."""

from __future__ import annotations

import re
from typing import Any

from langchain.agents import create_agent
from langchain_core.messages import AIMessage, AIMessageChunk, HumanMessage, ToolMessage
from langchain_core.tools import tool
from lc_fakes import ScriptedChatModel, all_sent_text, leaked

from langchain_pseudonym import LeakAudit, PseudonymizedChatModel

CUSTOMERS = {"John Smith": "John Smith <john.smith@example.com>, Berlin, customer since 2019"}
ORIGINALS = ["John Smith", "john.smith@example.com", "Berlin"]
REQUEST = "Look up the customer John Smith and tell me their email address."


def cloud_agent_policy(messages: list[Any]) -> AIMessage:
    """What a cloud model would do: call the tool with the name it sees, then answer from the result."""
    last = messages[-1]
    if isinstance(last, ToolMessage):
        return AIMessage(content=f"Here is the record: {last.text}")
    request = next(m.text for m in reversed(messages) if isinstance(m, HumanMessage))
    name = re.search(r"customer (.+?) and", request)
    assert name is not None
    return AIMessage(
        content="", tool_calls=[{"name": "lookup_customer", "args": {"name": name.group(1)}, "id": "call_1"}]
    )


def build(pseudonymizer: Any, chunk_size: int = 3) -> tuple[Any, ScriptedChatModel, LeakAudit, list[str]]:
    received: list[str] = []

    @tool
    def lookup_customer(name: str) -> str:
        """Look up a customer record by full name."""
        received.append(name)
        return CUSTOMERS.get(name, "no such customer")

    audit = LeakAudit()
    inner = ScriptedChatModel(respond=cloud_agent_policy, chunk_size=chunk_size, callbacks=[audit])
    model = PseudonymizedChatModel(llm=inner, pseudonymizer=pseudonymizer)
    agent = create_agent(model, tools=[lookup_customer], system_prompt="You are a CRM assistant.")
    return agent, inner, audit, received


def check(result: dict[str, Any], inner: ScriptedChatModel, audit: LeakAudit, received: list[str]) -> None:
    assert received == ["John Smith"]  # the tool got the real name
    tool_message = next(m for m in result["messages"] if isinstance(m, ToolMessage))
    assert "john.smith@example.com" in tool_message.text  # the agent's state holds real values
    final = result["messages"][-1]
    assert final.text == f"Here is the record: {CUSTOMERS['John Smith']}"
    # The cloud saw the tool result, pseudonymized, on its second call.
    assert len(inner.seen) == 2 and isinstance(inner.seen[1][-1], ToolMessage)
    assert leaked(all_sent_text(inner), ORIGINALS) == []
    audit.assert_no_leaks(ORIGINALS)


def test_agent_invoke(pseudonymizer: Any) -> None:
    agent, inner, audit, received = build(pseudonymizer)
    check(agent.invoke({"messages": [HumanMessage(REQUEST)]}), inner, audit, received)


async def test_agent_ainvoke(pseudonymizer: Any) -> None:
    agent, inner, audit, received = build(pseudonymizer)
    check(await agent.ainvoke({"messages": [HumanMessage(REQUEST)]}), inner, audit, received)


def test_agent_message_stream_carries_only_restored_tokens(pseudonymizer: Any) -> None:
    agent, inner, audit, received = build(pseudonymizer)
    streamed = ""
    final_state: dict[str, Any] = {}
    for mode, payload in agent.stream({"messages": [HumanMessage(REQUEST)]}, stream_mode=["messages", "values"]):
        if mode == "values":
            final_state = payload
        elif isinstance(payload[0], AIMessageChunk):
            streamed += payload[0].text
    check(final_state, inner, audit, received)
    # Token by token the user sees the real values and never the inner model's surrogates.
    assert streamed == final_state["messages"][-1].text


async def test_agent_astream_tool_call_args_streamed_in_pieces(pseudonymizer: Any) -> None:
    agent, inner, audit, received = build(pseudonymizer, chunk_size=2)
    final_state: dict[str, Any] = {}
    async for mode, payload in agent.astream({"messages": [HumanMessage(REQUEST)]}, stream_mode=["messages", "values"]):
        if mode == "values":
            final_state = payload
    check(final_state, inner, audit, received)
