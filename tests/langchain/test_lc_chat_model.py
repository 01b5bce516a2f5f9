"""PseudonymizedChatModel: what the inner model sees, and what the caller gets back."""

from __future__ import annotations

import asyncio
import warnings
from typing import Any

import pytest
from langchain_core.messages import AIMessage, AIMessageChunk, HumanMessage, SystemMessage, ToolMessage
from langchain_core.tools import tool
from lc_fakes import RESPONSE_METADATA, USAGE, ScriptedChatModel, all_sent_text, leaked, parrot
from pydantic import BaseModel

from langchain_pseudonym import LeakAudit, MissingSessionError, PseudonymizedChatModel

ORIGINALS = ["John Smith", "Alice Weber", "Berlin"]
QUESTION = "Please write to John Smith in Berlin; Alice Weber asked about him."


def make(pseudonymizer: Any, session: Any = None, **kwargs: Any) -> tuple[PseudonymizedChatModel, ScriptedChatModel]:
    inner = ScriptedChatModel(**kwargs)
    return PseudonymizedChatModel(llm=inner, pseudonymizer=pseudonymizer, session=session), inner


def surrogate_of(pseudonymizer: Any, session: Any, text: str) -> str:
    return pseudonymizer.pseudonymize(text, session=session).text


def test_invoke_sends_surrogates_and_restores_answer(pseudonymizer: Any) -> None:
    model, inner = make(pseudonymizer)
    answer = model.invoke([SystemMessage("You help John Smith."), HumanMessage(QUESTION)])
    assert leaked(all_sent_text(inner), ORIGINALS) == []
    assert answer.content == QUESTION
    # Provider bookkeeping passes through untouched.
    assert answer.usage_metadata == USAGE
    assert answer.response_metadata["model_name"] == RESPONSE_METADATA["model_name"]
    assert answer.response_metadata["finish_reason"] == "stop"


async def test_ainvoke(pseudonymizer: Any) -> None:
    model, inner = make(pseudonymizer)
    answer = await model.ainvoke(QUESTION)
    assert leaked(all_sent_text(inner), ORIGINALS) == []
    assert answer.content == QUESTION


def test_batch_and_abatch(pseudonymizer: Any) -> None:
    model, inner = make(pseudonymizer)
    inputs = [QUESTION, "Alice Weber moved to Berlin."]
    assert [m.content for m in model.batch(inputs)] == inputs
    assert [m.content for m in asyncio.run(model.abatch(inputs))] == inputs
    assert leaked(all_sent_text(inner), ORIGINALS) == []


def test_stream_restores_incrementally(pseudonymizer: Any) -> None:
    model, inner = make(pseudonymizer)
    chunks: list[AIMessageChunk] = []
    for chunk in model.stream(QUESTION):
        inner.events.append("out")
        chunks.append(chunk)
    text = "".join(c.content for c in chunks if isinstance(c.content, str))
    assert text == QUESTION
    assert leaked(all_sent_text(inner), ORIGINALS) == []
    # Not buffered: restored pieces reached the caller while the inner model was still streaming.
    assert inner.events.index("out") < len(inner.events) - 1 - inner.events[::-1].index("in")
    assert sum(1 for c in chunks if c.content) > 3
    merged = chunks[0]
    for c in chunks[1:]:
        merged = merged + c
    assert merged.usage_metadata == USAGE
    assert merged.chunk_position == "last"


async def test_astream(pseudonymizer: Any) -> None:
    model, inner = make(pseudonymizer)
    pieces = [c.content async for c in model.astream(QUESTION)]
    assert "".join(p for p in pieces if isinstance(p, str)) == QUESTION
    assert len([p for p in pieces if p]) > 3
    assert leaked(all_sent_text(inner), ORIGINALS) == []


def test_streaming_flag_routes_invoke_through_stream(pseudonymizer: Any) -> None:
    inner = ScriptedChatModel()
    model = PseudonymizedChatModel(llm=inner, pseudonymizer=pseudonymizer, streaming=True)
    assert model.invoke(QUESTION).content == QUESTION
    assert inner.events  # the inner model was streamed


def test_history_tool_calls_and_tool_results_are_pseudonymized(pseudonymizer: Any) -> None:
    model, inner = make(pseudonymizer)
    history = [
        HumanMessage("Find the customer John Smith."),
        AIMessage(
            content="",
            tool_calls=[{"name": "lookup", "args": {"name": "John Smith", "city": "Berlin"}, "id": "c1"}],
        ),
        ToolMessage("John Smith, Berlin, account manager Alice Weber", tool_call_id="c1"),
        HumanMessage(content=[{"type": "text", "text": "Summarize for Alice Weber."}]),
    ]
    model.invoke(history)
    assert leaked(all_sent_text(inner), ORIGINALS) == []
    sent = inner.seen[-1]
    assert sent[1].tool_calls[0]["id"] == "c1"  # ids are not personal data and must still match
    assert sent[2].tool_call_id == "c1"
    assert isinstance(sent[3].content, list) and sent[3].content[0]["type"] == "text"


def test_image_blocks_pass_unchanged(pseudonymizer: Any) -> None:
    model, inner = make(pseudonymizer)
    image = {"type": "image", "url": "https://example.com/scan.png"}
    model.invoke([HumanMessage(content=[{"type": "text", "text": QUESTION}, image])])
    assert inner.seen[-1][0].content[1] == image
    assert leaked(all_sent_text(inner), ORIGINALS) == []


@tool
def lookup_customer(name: str) -> str:
    """Look up a customer record by full name."""
    return f"record for {name}"


def _call_lookup_for_last_human(messages: list[Any]) -> AIMessage:
    # The cloud model copies the (surrogate) name it was given into the tool call.
    text = next(m.text for m in reversed(messages) if isinstance(m, HumanMessage))
    name = text.removeprefix("Look up ").rstrip(".")
    return AIMessage(content="", tool_calls=[{"name": "lookup_customer", "args": {"name": name}, "id": "t1"}])


def test_bind_tools_restores_tool_call_arguments(pseudonymizer: Any) -> None:
    model, inner = make(pseudonymizer, respond=_call_lookup_for_last_human)
    bound = model.bind_tools([lookup_customer], tool_choice="any")
    answer = bound.invoke("Look up John Smith.")
    assert answer.tool_calls[0]["args"] == {"name": "John Smith"}
    assert inner.seen_kwargs[-1]["tools"][0]["function"]["name"] == "lookup_customer"
    assert inner.seen_kwargs[-1]["tool_choice"] == "any"
    assert leaked(all_sent_text(inner), ORIGINALS) == []


@pytest.mark.parametrize("chunk_size", [1, 3, 50])
def test_streamed_tool_call_arguments_are_restored(pseudonymizer: Any, chunk_size: int) -> None:
    model, inner = make(pseudonymizer, respond=_call_lookup_for_last_human, chunk_size=chunk_size)
    bound = model.bind_tools([lookup_customer])
    merged: AIMessageChunk | None = None
    for chunk in bound.stream("Look up Alice Weber."):
        merged = chunk if merged is None else merged + chunk
    assert merged is not None
    assert merged.tool_calls[0]["args"] == {"name": "Alice Weber"}
    assert merged.tool_calls[0]["id"] == "t1"
    assert leaked(all_sent_text(inner), ORIGINALS) == []


class Person(BaseModel):
    """A person mentioned in the text."""

    name: str
    city: str


def _extract_person(messages: list[Any]) -> AIMessage:
    text = messages[-1].text  # "<name> lives in <city>."
    name, city = text.rstrip(".").split(" lives in ")
    return AIMessage(content="", tool_calls=[{"name": "Person", "args": {"name": name, "city": city}, "id": "p"}])


def test_with_structured_output_is_restored(pseudonymizer: Any) -> None:
    model, inner = make(pseudonymizer, respond=_extract_person)
    person = model.with_structured_output(Person).invoke("John Smith lives in Berlin.")
    assert person == Person(name="John Smith", city="Berlin")
    raw = model.with_structured_output(Person, include_raw=True).invoke("Alice Weber lives in Berlin.")
    assert raw["parsed"] == Person(name="Alice Weber", city="Berlin")
    assert raw["raw"].tool_calls[0]["args"]["name"] == "Alice Weber"
    assert leaked(all_sent_text(inner), ORIGINALS) == []


def test_per_call_sessions_do_not_mix(pseudonymizer: Any) -> None:
    from pseudonym_core.vault import MemoryVault

    inner = ScriptedChatModel()
    model = PseudonymizedChatModel(llm=inner, pseudonymizer=pseudonymizer, vault=MemoryVault())
    config_a = {"configurable": {"session_id": "user-a"}}
    config_b = {"configurable": {"session_id": "user-b"}}
    answers = model.batch(["Alice Weber called.", "John Smith called."], config=[config_a, config_b])
    assert [a.content for a in answers] == ["Alice Weber called.", "John Smith called."]
    sent_a, sent_b = (seen[-1].text for seen in inner.seen)
    surrogate_b = sent_b.removesuffix(" called.")
    # User A's session cannot turn user B's surrogate back into user B's name.
    session_a = pseudonymizer.session(id="user-a", vault=model.vault)
    assert pseudonymizer.restore(surrogate_b, session=session_a) != "John Smith"
    assert leaked(sent_a + sent_b, ORIGINALS) == []


def test_per_call_session_is_stable_across_turns(pseudonymizer: Any) -> None:
    from pseudonym_core.vault import MemoryVault

    inner = ScriptedChatModel()
    model = PseudonymizedChatModel(llm=inner, pseudonymizer=pseudonymizer, vault=MemoryVault())
    config = {"configurable": {"session_id": "thread-7"}}
    model.invoke("John Smith called.", config=config)
    model.invoke("John Smith called again.", config=config)
    first, second = (seen[-1].text for seen in inner.seen)
    assert first.removesuffix(" called.") == second.removesuffix(" called again.")


def test_vault_without_session_id_is_an_error(pseudonymizer: Any) -> None:
    from pseudonym_core.vault import MemoryVault

    model = PseudonymizedChatModel(llm=ScriptedChatModel(), pseudonymizer=pseudonymizer, vault=MemoryVault())
    with pytest.raises(MissingSessionError, match="session_id"):
        model.invoke("John Smith called.")


def test_session_id_without_vault_uses_the_pseudonymizers_vault(pseudonymizer: Any) -> None:
    model, inner = make(pseudonymizer)
    config = {"configurable": {"session_id": "no-vault-user"}}
    assert model.invoke("John Smith called.", config=config).content == "John Smith called."
    reopened = pseudonymizer.session(id="no-vault-user")
    assert pseudonymizer.restore(inner.seen[-1][0].text, session=reopened) == "John Smith called."


def test_constructor_session_is_shared(pseudonymizer: Any, session: Any) -> None:
    model, inner = make(pseudonymizer, session=session)
    model.invoke("John Smith called.")
    assert inner.seen[-1][0].text == surrogate_of(pseudonymizer, session, "John Smith called.")


def test_leak_audit_records_exactly_the_inner_payload(pseudonymizer: Any) -> None:
    audit = LeakAudit()
    inner = ScriptedChatModel(callbacks=[audit])
    model = PseudonymizedChatModel(llm=inner, pseudonymizer=pseudonymizer)
    model.invoke(QUESTION)
    list(model.stream(QUESTION))
    assert len(audit.records) == 2
    assert audit.records[0].messages[0].content == inner.seen[0][0].content
    assert audit.records[0].response is not None
    audit.assert_no_leaks(ORIGINALS)
    # Positive control: the audit does catch originals when they are sent.
    raw_audit = LeakAudit()
    ScriptedChatModel(respond=parrot, callbacks=[raw_audit]).invoke(QUESTION)
    assert raw_audit.leaks(ORIGINALS) == [(0, 0), (0, 1), (0, 2)]
    with pytest.raises(AssertionError) as excinfo:
        raw_audit.assert_no_leaks(ORIGINALS)
    assert not leaked(str(excinfo.value), ORIGINALS)  # the failure message itself leaks nothing


def test_repr_hides_session_and_engine(pseudonymizer: Any) -> None:
    model, _ = make(pseudonymizer)
    model.invoke(QUESTION)
    assert leaked(repr(model), ORIGINALS) == []


def test_inner_settings_on_wrapper_warn(pseudonymizer: Any) -> None:
    with pytest.warns(UserWarning, match="temperature"):
        PseudonymizedChatModel(llm=ScriptedChatModel(), pseudonymizer=pseudonymizer, temperature=0.2)


def test_stream_events_v3_uses_the_per_call_session(pseudonymizer: Any) -> None:
    from pseudonym_core.vault import MemoryVault

    inner = ScriptedChatModel()
    model = PseudonymizedChatModel(llm=inner, pseudonymizer=pseudonymizer, vault=MemoryVault())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # v3 is beta in langchain-core and says so
        stream = model.stream_events(QUESTION, {"configurable": {"session_id": "s3"}}, version="v3")
        assert stream.output.text == QUESTION
    assert leaked(all_sent_text(inner), ORIGINALS) == []


async def test_astream_events_v2_show_only_restored_tokens(pseudonymizer: Any) -> None:
    model, inner = make(pseudonymizer)
    events = [e async for e in model.astream_events(QUESTION, version="v2")]
    tokens = [e["data"]["chunk"].text for e in events if e["event"] == "on_chat_model_stream"]
    assert "".join(tokens) == QUESTION
    assert leaked(all_sent_text(inner), ORIGINALS) == []


def test_content_block_answers_are_restored(pseudonymizer: Any) -> None:
    def blocks(messages: list[Any]) -> AIMessage:
        return AIMessage(content=[{"type": "text", "text": messages[-1].text}, {"type": "image", "url": "u"}])

    model, inner = make(pseudonymizer, respond=blocks)
    answer = model.invoke(QUESTION)
    assert answer.content == [{"type": "text", "text": QUESTION}, {"type": "image", "url": "u"}]
    assert leaked(all_sent_text(inner), ORIGINALS) == []


USERS = {f"user-{i}": name for i, name in enumerate(["John Smith", "Alice Weber", "Maria Garcia", "Peter Lindqvist"])}


def _isolated(pseudonymizer: Any, inner: ScriptedChatModel, answers: list[str]) -> None:
    assert answers == [f"{name} called." for name in USERS.values()]
    sent = {seen[-1].text for seen in inner.seen}
    for user_id, name in USERS.items():
        session = pseudonymizer.session(id=user_id)
        own = pseudonymizer.pseudonymize(f"{name} called.", session=session).text
        assert own in sent  # the surrogate this user's session gave the cloud
        for other in sent - {own}:
            # No other user's surrogate means anything in this user's session.
            assert pseudonymizer.restore(other, session=session) == other


def test_concurrent_users_threads(pseudonymizer: Any) -> None:
    model, inner = make(pseudonymizer)
    configs: list[Any] = [{"configurable": {"session_id": u}, "max_concurrency": 4} for u in USERS]
    answers = model.batch([f"{n} called." for n in USERS.values()], config=configs)
    _isolated(pseudonymizer, inner, [a.text for a in answers])


async def test_concurrent_users_asyncio(pseudonymizer: Any) -> None:
    model, inner = make(pseudonymizer)

    async def one(user_id: str, name: str) -> str:
        pieces = [c.text async for c in model.astream(f"{name} called.", {"configurable": {"session_id": user_id}})]
        return "".join(pieces)

    answers = await asyncio.gather(*(one(u, n) for u, n in USERS.items()))
    _isolated(pseudonymizer, inner, list(answers))


@pytest.mark.parametrize("name", ["José Núñez", "Seán O'Brien", "Zoë Dubois"])
def test_streamed_tool_arguments_with_non_ascii_and_quotes(pseudonymizer: Any, name: str) -> None:
    # The scripted cloud JSON-encodes arguments with \u escapes; restored values are raw UTF-8,
    # and the merged chunks must still parse to the original.
    model, inner = make(pseudonymizer, respond=_call_lookup_for_last_human, chunk_size=3)
    merged: Any = None
    for chunk in model.bind_tools([lookup_customer]).stream(f"Look up {name}."):
        merged = chunk if merged is None else merged + chunk
    assert merged.tool_calls[0]["args"] == {"name": name}
    assert leaked(all_sent_text(inner), [name]) == []


def test_inner_model_with_v1_content_blocks(pseudonymizer: Any) -> None:
    inner = ScriptedChatModel(output_version="v1", respond=_call_lookup_for_last_human, chunk_size=3)
    model = PseudonymizedChatModel(llm=inner, pseudonymizer=pseudonymizer).bind_tools([lookup_customer])
    answer = model.invoke("Look up John Smith.")
    assert answer.content[0]["args"] == {"name": "John Smith"}
    assert answer.tool_calls[0]["args"] == {"name": "John Smith"}
    merged: Any = None
    for chunk in model.stream("Look up John Smith."):
        merged = chunk if merged is None else merged + chunk
    assert merged.tool_calls[0]["args"] == {"name": "John Smith"}
    text_model = PseudonymizedChatModel(llm=ScriptedChatModel(output_version="v1"), pseudonymizer=pseudonymizer)
    merged = None
    for chunk in text_model.stream(QUESTION):
        merged = chunk if merged is None else merged + chunk
    assert merged.content[0]["text"] == QUESTION
