"""The LangChain adapters over the real `ChatOpenAI` client talking HTTP to a local server.

Every test asserts on the raw request bodies that left the process (no original in any case, no
part of a name, no number in any layout) and on what the caller got back (the originals, no
surrogate left). The server's answers are computed from what it received, i.e. from surrogates.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from langchain.agents import create_agent
from langchain_core.documents import Document
from langchain_core.embeddings import DeterministicFakeEmbedding
from langchain_core.messages import AIMessageChunk, HumanMessage, ToolMessage
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate
from langchain_core.tools import tool
from langchain_core.vectorstores import InMemoryVectorStore
from langchain_openai import ChatOpenAI
from langgraph.prebuilt import create_react_agent
from leakcheck import EMAIL, IBAN, PERSON, PHONE, TEXT, assert_private, assert_restored
from openai_server import OpenAIServer, Reply, ToolCall, last_message, message_text
from pydantic import BaseModel

from langchain_pseudonym import PseudonymizedChatModel, PseudonymizeRunnable, RestoreRunnable
from pseudonym_core.vault import SQLiteVault

ECHO = f"You wrote: {TEXT}"
RESULT = f"account active, call back on {PHONE}"


def chat_openai(server: OpenAIServer, **kwargs: Any) -> ChatOpenAI:
    return ChatOpenAI(model="gpt-4o-mini", base_url=server.base_url, api_key="sk-test", max_retries=0, **kwargs)


def wrapped(server: OpenAIServer, pseudonymizer: Any, **kwargs: Any) -> PseudonymizedChatModel:
    return PseudonymizedChatModel(llm=chat_openai(server, **kwargs), pseudonymizer=pseudonymizer)


def session_of(model: PseudonymizedChatModel) -> Any:
    return model._call_default_session


# -- the Runnable interface -------------------------------------------------------------------------


def test_invoke_stream_batch(openai_server: OpenAIServer, pseudonymizer: Any) -> None:
    model = wrapped(openai_server, pseudonymizer)
    assert model.invoke(TEXT).content == ECHO
    chunks = list(model.stream(TEXT))
    assert len(chunks) > 10 and "".join(c.text for c in chunks) == ECHO
    assert [m.content for m in model.batch([TEXT, TEXT])] == [ECHO, ECHO]
    assert_restored(ECHO, session_of(model))
    assert_private(openai_server.bodies(), session_of(model))
    assert len(openai_server.requests) == 4


async def test_async_entry_points(openai_server: OpenAIServer, pseudonymizer: Any) -> None:
    model = wrapped(openai_server, pseudonymizer)
    assert (await model.ainvoke(TEXT)).content == ECHO
    assert "".join([c.text async for c in model.astream(TEXT)]) == ECHO
    assert [m.content for m in await model.abatch([TEXT, TEXT])] == [ECHO, ECHO]
    events = [e async for e in model.astream_events(TEXT, version="v2") if e["event"] == "on_chat_model_stream"]
    assert "".join(e["data"]["chunk"].text for e in events) == ECHO
    assert_private(openai_server.bodies(), session_of(model))


def test_sessions_named_per_call_from_a_vault(openai_server: OpenAIServer, pseudonymizer: Any, tmp_path: Any) -> None:
    vault = SQLiteVault(str(tmp_path / "v.sqlite3"), key="test key")
    model = PseudonymizedChatModel(llm=chat_openai(openai_server), pseudonymizer=pseudonymizer, vault=vault)
    for user in ("alice", "bob"):
        answer = model.invoke(TEXT, config={"configurable": {"session_id": user}})
        assert answer.content == ECHO
    first, second = (json.loads(b)["messages"][0]["content"] for b in openai_server.bodies())
    assert first != second  # two users, two unlinkable sets of surrogates
    for user in ("alice", "bob"):
        assert_private(openai_server.bodies(), pseudonymizer.session(id=user, vault=vault))


# -- structured output and JSON mode ----------------------------------------------------------------


class Customer(BaseModel):
    name: str
    email: str
    iban: str


def fields_from(text: str) -> dict[str, str]:
    name, email = re.search(r"this is (.+?) \((\S+),", text).groups()  # type: ignore[union-attr]
    iban = re.search(r"IBAN is ([A-Z]{2}[\d ]+\d)", text).group(1)  # type: ignore[union-attr]
    return {"name": name, "email": email, "iban": iban}


def structured(body: dict[str, Any]) -> Reply:
    values = fields_from(last_message(body))
    if body.get("tools"):
        return Reply(tool_calls=[ToolCall(body["tools"][0]["function"]["name"], values)])
    assert body["response_format"]["type"] in ("json_schema", "json_object")
    return Reply(content=json.dumps(values))


@pytest.mark.parametrize("method", ["json_schema", "function_calling", "json_mode"])
def test_structured_output(openai_server: OpenAIServer, pseudonymizer: Any, method: str) -> None:
    openai_server.default = structured
    model = wrapped(openai_server, pseudonymizer)
    prompt = TEXT if method != "json_mode" else f"{TEXT} Answer in JSON with name, email and iban."
    result = model.with_structured_output(Customer, method=method).invoke(prompt)
    assert result == Customer(name=PERSON, email=EMAIL, iban=IBAN)
    assert_private(openai_server.bodies(), session_of(model))


# -- tools and agents -------------------------------------------------------------------------------


def make_tool() -> tuple[Any, list[str]]:
    received: list[str] = []

    @tool
    def lookup(name: str) -> str:
        """Look up a customer's account by full name."""
        received.append(name)
        return f"{name}: {RESULT}" if name == PERSON else "no such customer"

    return lookup, received


def brain(body: dict[str, Any]) -> Reply:
    """Call `lookup` with the name the user gave (a surrogate), then answer from the tool result."""
    last = body["messages"][-1]
    if last["role"] == "tool":
        return Reply(content=f"Done. {message_text(last)}")
    name = re.search(r"this is (.+?) \(", last_message(body, ("user",)))
    assert name is not None and body.get("tools")
    return Reply(tool_calls=[ToolCall("lookup", {"name": name.group(1)})])


@pytest.mark.parametrize("streaming", [False, True], ids=["whole", "streamed"])
def test_bound_tool_loop(openai_server: OpenAIServer, pseudonymizer: Any, streaming: bool) -> None:
    openai_server.default = brain
    lookup, received = make_tool()
    model = wrapped(openai_server, pseudonymizer).bind_tools([lookup])
    messages: list[Any] = [HumanMessage(TEXT)]
    if streaming:
        first: Any = None
        for chunk in model.stream(messages):
            first = chunk if first is None else first + chunk
    else:
        first = model.invoke(messages)
    assert first.tool_calls[0]["args"] == {"name": PERSON}
    messages += [first, lookup.invoke(first.tool_calls[0])]
    final = model.invoke(messages)
    assert received == [PERSON]
    assert final.content == f"Done. {PERSON}: {RESULT}"
    assert_private(openai_server.bodies(), session_of(model.bound))  # type: ignore[attr-defined]
    tools = openai_server.chat_bodies()[0]["tools"]
    assert tools[0]["function"]["name"] == "lookup"


@pytest.mark.parametrize("factory", ["create_agent", "create_react_agent"])
def test_agents(openai_server: OpenAIServer, pseudonymizer: Any, factory: str) -> None:
    openai_server.default = brain
    lookup, received = make_tool()
    model = wrapped(openai_server, pseudonymizer)
    if factory == "create_agent":
        agent = create_agent(model, tools=[lookup], system_prompt="You help bank customers.")
    else:
        agent = create_react_agent(model, tools=[lookup], prompt="You help bank customers.")
    result = agent.invoke({"messages": [HumanMessage(TEXT)]})
    final = result["messages"][-1].text
    assert final == f"Done. {PERSON}: {RESULT}"
    assert received == [PERSON]
    assert_restored(final, session_of(model))
    assert_private(openai_server.bodies(), session_of(model))
    second = openai_server.chat_bodies()[1]["messages"]
    assert [m["role"] for m in second] == ["system", "user", "assistant", "tool"]


async def test_agent_message_stream_shows_restored_tokens_only(openai_server: OpenAIServer, pseudonymizer: Any) -> None:
    openai_server.default = brain
    lookup, received = make_tool()
    model = wrapped(openai_server, pseudonymizer)
    agent = create_agent(model, tools=[lookup])
    streamed, state = "", {}
    async for mode, payload in agent.astream({"messages": [HumanMessage(TEXT)]}, stream_mode=["messages", "values"]):
        if mode == "values":
            state = payload
        elif isinstance(payload[0], AIMessageChunk):
            streamed += payload[0].text
    assert streamed == state["messages"][-1].text == f"Done. {PERSON}: {RESULT}"
    assert isinstance(state["messages"][-2], ToolMessage) and received == [PERSON]
    assert all(json.loads(body)["stream"] for body in openai_server.bodies())
    assert_private(openai_server.bodies(), session_of(model))


# -- RAG --------------------------------------------------------------------------------------------

DOCUMENTS = [
    Document(f"Account owner: {PERSON}, reachable at {PHONE} and {EMAIL}."),
    Document(f"{PERSON} asked to move the savings to {IBAN}."),
    Document("The branch opens at 9:00 and closes at 17:00."),
]
PROMPT = ChatPromptTemplate.from_messages(
    [("system", "Answer only from the context."), ("human", "Context:\n{context}\n\nQuestion: {question}")]
)


def format_docs(docs: list[Document]) -> str:
    return "\n".join(d.page_content for d in docs)


def rag_answer(body: dict[str, Any]) -> str:
    context = last_message(body).split("Context:\n", 1)[1].split("\n\nQuestion:", 1)[0]
    return f"From the records: {context.splitlines()[0]}"


def retriever() -> Any:
    store = InMemoryVectorStore(DeterministicFakeEmbedding(size=64))
    store.add_documents(DOCUMENTS)
    return store.as_retriever(search_kwargs={"k": 3})


@pytest.mark.parametrize("streaming", [False, True], ids=["whole", "streamed"])
def test_lcel_rag_with_runnable_pair(openai_server: OpenAIServer, pseudonymizer: Any, streaming: bool) -> None:
    """The README's chain: an unwrapped ChatOpenAI between PseudonymizeRunnable and RestoreRunnable."""
    openai_server.default = rag_answer
    s = pseudonymizer.session()
    chain = (
        {
            "context": retriever() | PseudonymizeRunnable(pseudonymizer, session=s) | format_docs,
            "question": PseudonymizeRunnable(pseudonymizer, session=s),
        }
        | PROMPT
        | chat_openai(openai_server)
        | StrOutputParser()
        | RestoreRunnable(pseudonymizer, session=s)
    )
    question = f"How do I reach {PERSON}?"
    answer = "".join(chain.stream(question)) if streaming else chain.invoke(question)
    assert answer.startswith("From the records: ") and PERSON in answer
    assert_restored(answer, s)
    assert_private(openai_server.bodies(), s)


async def test_lcel_rag_with_wrapped_model(openai_server: OpenAIServer, pseudonymizer: Any) -> None:
    openai_server.default = rag_answer
    model = wrapped(openai_server, pseudonymizer)
    chain = {"context": retriever() | format_docs, "question": lambda q: q} | PROMPT | model | StrOutputParser()
    answer = await chain.ainvoke(f"How do I reach {PERSON}?")
    assert PERSON in answer
    assert_restored(answer, session_of(model))
    assert_private(openai_server.bodies(), session_of(model))
