"""LlamaIndex agents over PseudonymizedLLM and the real `OpenAI` client, against a local HTTP server.

The four common agent shapes of llama-index-core 0.14: `FunctionAgent` (native tool calls),
`AgentWorkflow` (native tool calls through `from_tools_or_functions`, and its ReAct fallback for a
model without function calling), `ReActAgent` (tool calls written as text), and agentic RAG (a
`FunctionAgent` whose tool is a private query engine that itself calls the model). The scripted
model decides from what it was sent, i.e. from surrogates; the tools must receive the real values,
the user must read the real values, and no original may be in any request body.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from leakcheck import PERSON, PHONE, TEXT, assert_private, assert_restored
from li_support import ORIGINALS as DOC_ORIGINALS
from li_support import extractive_answer
from llama_index.core import VectorStoreIndex
from llama_index.core.agent.workflow import (
    AgentStream,
    AgentWorkflow,
    FunctionAgent,
    ReActAgent,
    ToolCallResult,
)
from llama_index.core.memory import Memory
from llama_index.core.tools import FunctionTool, QueryEngineTool
from llama_index.llms.openai import OpenAI
from llama_index.llms.openai_like import OpenAILike
from openai_server import OpenAIServer, Reply, ToolCall, last_message, message_text

from llamaindex_pseudonym import PrivateRAG, PseudonymizedLLM

RESULT = f"account active, call back on {PHONE}"


def make_tool() -> tuple[FunctionTool, list[str]]:
    received: list[str] = []

    def lookup(name: str) -> str:
        """Look up a customer's account by full name."""
        received.append(name)
        return f"{name}: {RESULT}" if name == PERSON else "no such customer"

    return FunctionTool.from_defaults(lookup), received


def native_brain(body: dict[str, Any]) -> Reply:
    """Calls `lookup` with the name the user gave, then answers from the tool's result."""
    last = body["messages"][-1]
    if last["role"] == "tool":
        return Reply(content=f"Done. {message_text(last)}")
    name = re.search(r"this is (.+?) \(", last_message(body, ("user",)))
    assert name is not None and body.get("tools")
    return Reply(tool_calls=[ToolCall("lookup", {"name": name.group(1)})])


def react_brain(body: dict[str, Any]) -> Reply:
    """The same decisions, written in the ReAct text format (no native tools in the request)."""
    assert "tools" not in body
    last = last_message(body, ("user",))
    if last.startswith("Observation:"):
        return Reply(content=f"Thought: I can answer without using any more tools.\nAnswer: Done. {last[13:]}")
    name = re.search(r"this is (.+?) \(", last)
    assert name is not None
    action = json.dumps({"name": name.group(1)})
    return Reply(content=f"Thought: I need to look up the customer.\nAction: lookup\nAction Input: {action}")


def openai_llm(server: OpenAIServer) -> OpenAI:
    return OpenAI(model="gpt-4o-mini", api_base=server.base_url, api_key="sk-test", max_retries=0)


async def run_agent(agent: Any, message: str, memory: Memory | None = None) -> tuple[str, str, list[str]]:
    """Run to the end; returns the answer, the streamed text deltas and the tool arguments seen."""
    handler = agent.run(message, memory=memory)
    streamed, tool_args = "", []
    async for event in handler.stream_events():
        if isinstance(event, AgentStream):
            streamed += event.delta
        elif isinstance(event, ToolCallResult):
            tool_args.append(json.dumps(event.tool_kwargs))
    return str(await handler), streamed, tool_args


def check(answer: str, received: list[str], llm: PseudonymizedLLM, server: OpenAIServer) -> None:
    assert received == [PERSON]
    assert answer.endswith(f"Done. {PERSON}: {RESULT}")
    assert_restored(answer, llm.session)
    assert_private(server.bodies(), llm.session)


@pytest.mark.parametrize("streaming", [False, True], ids=["whole", "streamed"])
async def test_function_agent(openai_server: OpenAIServer, pseudonymizer: Any, streaming: bool) -> None:
    openai_server.default = native_brain
    tool, received = make_tool()
    llm = PseudonymizedLLM(openai_llm(openai_server), pseudonymizer)
    agent = FunctionAgent(tools=[tool], llm=llm, streaming=streaming, system_prompt="You help bank customers.")
    answer, streamed, tool_args = await run_agent(agent, TEXT)
    check(answer, received, llm, openai_server)
    assert tool_args == [json.dumps({"name": PERSON})]
    if streaming:
        assert streamed == answer  # token by token the user sees restored text only
        assert all(json.loads(body)["stream"] for body in openai_server.bodies())
    second = openai_server.chat_bodies()[1]["messages"]
    assert [m["role"] for m in second] == ["system", "user", "assistant", "tool"]


async def test_function_agent_second_turn_sends_history_pseudonymized(
    openai_server: OpenAIServer, pseudonymizer: Any
) -> None:
    openai_server.default = native_brain
    tool, received = make_tool()
    llm = PseudonymizedLLM(openai_llm(openai_server), pseudonymizer)
    agent = FunctionAgent(tools=[tool], llm=llm)
    memory = Memory.from_defaults()
    await run_agent(agent, TEXT, memory)
    answer, _, _ = await run_agent(agent, f"{TEXT} Again please.", memory)
    assert received == [PERSON, PERSON]
    history = openai_server.chat_bodies()[-1]["messages"]
    assert [m["role"] for m in history] == ["user", "assistant", "tool", "assistant", "user", "assistant", "tool"]
    assert history[1]["tool_calls"][0]["function"]["arguments"] == history[5]["tool_calls"][0]["function"]["arguments"]
    assert_restored(answer, llm.session)
    assert_private(openai_server.bodies(), llm.session)


async def test_agent_workflow_uses_native_tools(openai_server: OpenAIServer, pseudonymizer: Any) -> None:
    openai_server.default = native_brain
    tool, received = make_tool()
    llm = PseudonymizedLLM(openai_llm(openai_server), pseudonymizer)
    workflow = AgentWorkflow.from_tools_or_functions([tool], llm=llm)
    assert isinstance(workflow.agents["Agent"], FunctionAgent)
    answer, _, _ = await run_agent(workflow, TEXT)
    check(answer, received, llm, openai_server)
    assert all("tools" in body for body in openai_server.chat_bodies())


async def test_agent_workflow_falls_back_to_react_without_function_calling(
    openai_server: OpenAIServer, pseudonymizer: Any
) -> None:
    openai_server.default = react_brain
    tool, received = make_tool()
    inner = OpenAILike(model="local-model", api_key="sk-test", is_chat_model=True, max_retries=0)
    llm = PseudonymizedLLM(inner, pseudonymizer)
    workflow = AgentWorkflow.from_tools_or_functions([tool], llm=llm)
    assert isinstance(workflow.agents["Agent"], ReActAgent)
    answer, _, _ = await run_agent(workflow, TEXT)
    check(answer, received, llm, openai_server)


@pytest.mark.parametrize("streaming", [False, True], ids=["whole", "streamed"])
async def test_react_agent(openai_server: OpenAIServer, pseudonymizer: Any, streaming: bool) -> None:
    openai_server.default = react_brain
    tool, received = make_tool()
    llm = PseudonymizedLLM(openai_llm(openai_server), pseudonymizer)
    agent = ReActAgent(tools=[tool], llm=llm, streaming=streaming)
    answer, _, _ = await run_agent(agent, TEXT)
    check(answer, received, llm, openai_server)


async def test_agentic_rag_query_engine_tool(
    openai_server: OpenAIServer, pseudonymizer: Any, index: VectorStoreIndex
) -> None:
    """A FunctionAgent whose tool is a private query engine: two model roles, one session."""
    question = "Who referred Margaret Olsen to the cardiology unit?"
    tool_inputs: list[str] = []

    def brain(body: dict[str, Any]) -> Reply:
        messages = body["messages"]
        corpus = "\n".join(message_text(m) for m in messages)
        if "Context information" in corpus:  # the query engine's synthesis call
            query = re.findall(r"Query: (.*)", corpus)[-1]
            return Reply(content=extractive_answer(query, corpus))
        if messages[-1]["role"] == "tool":
            return Reply(content=f"From the records: {message_text(messages[-1])}")
        return Reply(tool_calls=[ToolCall("records", {"input": last_message(body, ("user",))})])

    openai_server.default = brain
    private = PrivateRAG(openai_llm(openai_server), pseudonymizer)
    engine = private.as_query_engine(index, similarity_top_k=3)
    records = QueryEngineTool.from_defaults(engine, name="records", description="Search the clinic's records.")
    agent = FunctionAgent(tools=[records], llm=private.llm)
    handler = agent.run(question)
    async for event in handler.stream_events():
        if isinstance(event, ToolCallResult):
            tool_inputs.append(event.tool_kwargs["input"])
    answer = str(await handler)
    assert tool_inputs == [question]  # the local query engine searched with the real name
    assert "Samuel Okafor" in answer and "Margaret Olsen" in answer
    assert_restored(answer, private.session)
    assert_private(openai_server.bodies(), private.session, DOC_ORIGINALS)
