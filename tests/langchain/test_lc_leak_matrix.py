"""Leak audit across the whole matrix: every entry point x every scenario.

For each combination a LeakAudit on the inner (cloud) model records every payload, and an
independent flattening of what the scripted model received double-checks it. No original entity
of the inputs may appear in either, and the caller must get originals back.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from typing import Any

import pytest
from langchain.agents import create_agent
from langchain_core.documents import Document
from langchain_core.embeddings import DeterministicFakeEmbedding
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage, ToolMessage
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate
from langchain_core.runnables import Runnable
from langchain_core.tools import tool
from langchain_core.vectorstores import InMemoryVectorStore
from lc_fakes import ScriptedChatModel, all_sent_text, leaked
from pydantic import BaseModel

from langchain_pseudonym import LeakAudit, PseudonymizedChatModel, PseudonymizeRunnable, RestoreRunnable

ORIGINALS = [
    "John Smith",
    "john.smith@example.com",
    "+49 30 1234567",
    "Berlin",
    "Alice Weber",
    "DE89 3704 0044 0532 0130 00",
]
PROFILE = (
    "John Smith (john.smith@example.com, +49 30 1234567) from Berlin asked Alice Weber "
    "to refund DE89 3704 0044 0532 0130 00."
)


def _name_in(text: str) -> str:
    found = re.search(r"customer (.+?)\.", text)
    return found.group(1) if found else text


def tool_policy(messages: list[Any]) -> AIMessage:
    last = messages[-1]
    if isinstance(last, ToolMessage):
        return AIMessage(content=f"Result: {last.text}")
    return AIMessage(
        content="",
        tool_calls=[{"name": "lookup_customer", "args": {"name": _name_in(last.text)}, "id": "call_9"}],
    )


class Refund(BaseModel):
    """A refund request."""

    customer: str
    iban: str


def structured_policy(messages: list[Any]) -> AIMessage:
    text = messages[-1].text
    iban = re.search(r"refund (.+)\.$", text)
    args = {"customer": text.split(" (", 1)[0], "iban": iban.group(1) if iban else ""}
    return AIMessage(content="", tool_calls=[{"name": "Refund", "args": args, "id": "r"}])


def quote_context(messages: list[Any]) -> AIMessage:
    return AIMessage(content="From the files: " + messages[-1].text.split("Context:\n", 1)[1])


@tool
def lookup_customer(name: str) -> str:
    """Look up a customer by full name."""
    return PROFILE if name == "John Smith" else "unknown customer"


def scenario(name: str, p: Any, audit: LeakAudit) -> tuple[Runnable[Any, Any], Any, ScriptedChatModel]:
    """Build (runnable, input, inner) for one scenario; the inner model carries the audit."""
    if name == "chat_history":
        inner = ScriptedChatModel(callbacks=[audit])
        model = PseudonymizedChatModel(llm=inner, pseudonymizer=p)
        history = [
            SystemMessage("You assist the support desk of the Berlin office."),
            HumanMessage("Find the customer John Smith."),
            AIMessage(content="", tool_calls=[{"name": "lookup_customer", "args": {"name": "John Smith"}, "id": "c"}]),
            ToolMessage(PROFILE, tool_call_id="c"),
            HumanMessage(content=[{"type": "text", "text": "Draft a reply to john.smith@example.com."}]),
        ]
        return model, history, inner
    if name == "tool_call":
        inner = ScriptedChatModel(respond=tool_policy, callbacks=[audit])
        model = PseudonymizedChatModel(llm=inner, pseudonymizer=p).bind_tools([lookup_customer])
        return model, "Look up the customer John Smith.", inner
    if name == "structured":
        inner = ScriptedChatModel(respond=structured_policy, callbacks=[audit])
        model = PseudonymizedChatModel(llm=inner, pseudonymizer=p).with_structured_output(Refund)
        return model, PROFILE, inner
    if name == "rag":
        inner = ScriptedChatModel(respond=quote_context, callbacks=[audit])
        session = p.session()
        store = InMemoryVectorStore(DeterministicFakeEmbedding(size=16))
        store.add_documents([Document(PROFILE), Document("Alice Weber works in Berlin.")])
        prompt = ChatPromptTemplate.from_messages([("human", "Question: {question}\nContext:\n{context}")])
        chain = (
            {
                "context": store.as_retriever(search_kwargs={"k": 2})
                | PseudonymizeRunnable(p, session=session)
                | (lambda docs: "\n".join(d.page_content for d in docs)),
                "question": PseudonymizeRunnable(p, session=session),
            }
            | prompt
            | inner
            | StrOutputParser()
            | RestoreRunnable(p, session=session)
        )
        return chain, "What did John Smith ask Alice Weber?", inner
    if name == "agent":
        inner = ScriptedChatModel(respond=tool_policy, callbacks=[audit])
        agent = create_agent(PseudonymizedChatModel(llm=inner, pseudonymizer=p), tools=[lookup_customer])
        return agent, {"messages": [HumanMessage("Look up the customer John Smith.")]}, inner
    raise ValueError(name)


async def _collect(aiter: Any) -> list[Any]:
    return [x async for x in aiter]


MODES: dict[str, Callable[[Runnable[Any, Any], Any], Any]] = {
    "invoke": lambda r, x: r.invoke(x),
    "ainvoke": lambda r, x: asyncio.run(r.ainvoke(x)),
    "batch": lambda r, x: r.batch([x, x]),
    "abatch": lambda r, x: asyncio.run(r.abatch([x, x])),
    "stream": lambda r, x: list(r.stream(x)),
    "astream": lambda r, x: asyncio.run(_collect(r.astream(x))),
}
SCENARIOS = ["chat_history", "tool_call", "structured", "rag", "agent"]
# An agent batch is independent agent invokes, already covered by invoke/ainvoke.
MATRIX = [(n, m) for n in SCENARIOS for m in MODES if not (n == "agent" and m in ("batch", "abatch"))]


@pytest.mark.parametrize(("name", "mode"), MATRIX)
def test_no_original_reaches_the_cloud(pseudonymizer: Any, name: str, mode: str) -> None:
    audit = LeakAudit()
    runnable, value, inner = scenario(name, pseudonymizer, audit)
    output = MODES[mode](runnable, value)
    assert audit.records, "the cloud model was never called"
    audit.assert_no_leaks(ORIGINALS)
    assert leaked(all_sent_text(inner), ORIGINALS) == []
    # The caller, on the other hand, gets the originals back.
    assert "John Smith" in repr(output) or "john.smith@example.com" in repr(output)
